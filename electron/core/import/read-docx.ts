import mammoth from 'mammoth';
import { assertSafeArchive } from './archive-check';
import { fileError } from './formats';

const DAMAGED =
  'This .docx cannot be read (it may be damaged or cut short). Open it in Word or LibreOffice, save it again and import the new copy.';

/** The text of a .docx, one paragraph per block separated by a blank line. */
export async function readDocx(fileName: string, bytes: Uint8Array): Promise<string> {
  assertSafeArchive(fileName, bytes, { what: 'Word document', damaged: DAMAGED });
  let value: string;
  try {
    ({ value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }));
  } catch {
    throw fileError('IMPORT_BAD_FILE', fileName, DAMAGED);
  }
  return tidyParagraphs(value.split(/\n{2,}/));
}

/** Trims each paragraph, drops empty ones, and joins them with a blank line (the paragraph break everywhere in the app). */
export function tidyParagraphs(paragraphs: readonly string[]): string {
  return paragraphs
    .map((p) => p.replace(/\r\n?/g, '\n').replace(/[ \t\u00a0]+$/gm, '').trim())
    .filter((p) => p !== '')
    .join('\n\n');
}
