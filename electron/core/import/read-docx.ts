import mammoth from 'mammoth';
import { AppError } from '../../../shared/api/errors';
import { DocumentArchive } from './archive-check';
import { fileError } from './formats';

const DAMAGED =
  'This .docx cannot be read (it may be damaged or cut short). Open it in Word or LibreOffice, save it again and import the new copy.';

/** The text of a .docx, one paragraph per block separated by a blank line. */
export async function readDocx(fileName: string, bytes: Uint8Array): Promise<string> {
  const archive = DocumentArchive.open(fileName, bytes, { what: 'Word document', damaged: DAMAGED });
  let value: string;
  try {
    ({ value } = await mammoth.extractRawText({ file: mammothFile(archive) } as unknown as Parameters<typeof mammoth.extractRawText>[0]));
  } catch (err) {
    // The archive's own refusals (too large, a lying size) say more than "damaged".
    if (err instanceof AppError) throw err;
    throw fileError('IMPORT_BAD_FILE', fileName, DAMAGED);
  }
  return tidyParagraphs(value.split(/\n{2,}/));
}

/**
 * The zip as mammoth reads it (its `file` input: exists and read), backed by our archive so that
 * mammoth inflates nothing itself and reads only the parts it needs, each counted against the limits.
 */
function mammothFile(archive: DocumentArchive) {
  return {
    exists: (name: string) => archive.has(name),
    read: async (name: string, encoding?: string): Promise<string | Uint8Array> => {
      const bytes = archive.read(name);
      if (!bytes) throw new Error(`missing part ${name}`);
      if (encoding === 'base64') return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
      return encoding ? new TextDecoder(encoding).decode(bytes) : bytes;
    },
  };
}

/** Trims each paragraph, drops empty ones, and joins them with a blank line (the paragraph break everywhere in the app). */
export function tidyParagraphs(paragraphs: readonly string[]): string {
  return paragraphs
    .map((p) => p.replace(/\r\n?/g, '\n').replace(/[ \t\u00a0]+$/gm, '').trim())
    .filter((p) => p !== '')
    .join('\n\n');
}
