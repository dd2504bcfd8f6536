import { fileError } from './formats';
import { tidyParagraphs } from './read-docx';

interface TextItem {
  readonly str: string;
  readonly hasEOL: boolean;
  readonly transform: readonly number[];
  readonly height: number;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let pdfjs: Promise<PdfJs> | null = null;

// Loaded on first use: the library is large and most imports are not PDFs.
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

// A vertical gap this many line heights wide between two lines is a paragraph break.
const PARAGRAPH_GAP = 1.6;

/** The text layer of a PDF: lines as the page shows them, a blank line between paragraphs and pages. */
export async function readPdf(fileName: string, bytes: Uint8Array): Promise<string> {
  const lib = await loadPdfJs();
  let doc: Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
  try {
    doc = await lib.getDocument({
      data: new Uint8Array(bytes),
      verbosity: 0,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: false,
    }).promise;
  } catch (err) {
    if ((err as { name?: string }).name === 'PasswordException') {
      throw fileError('IMPORT_ENCRYPTED', fileName, 'The PDF is protected by a password. Save an unprotected copy (for example by printing it to PDF) and import that.');
    }
    throw fileError('IMPORT_BAD_FILE', fileName, 'This PDF cannot be read (it may be damaged or cut short). Save it again from the program that made it.');
  }
  try {
    const paragraphs: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      paragraphs.push(...pageParagraphs(content.items.filter((i): i is TextItem & typeof i => 'str' in i)));
      page.cleanup();
    }
    const text = tidyParagraphs(paragraphs);
    if (text.replace(/\s/g, '') === '') {
      throw fileError(
        'IMPORT_NO_TEXT',
        fileName,
        'This PDF has no text layer, so it is probably a scanned PDF. Run text recognition (OCR) on it first, or import the transcript from the word processor it was typed in.',
      );
    }
    return text;
  } finally {
    await doc.destroy();
  }
}

function pageParagraphs(items: readonly TextItem[]): string[] {
  const paragraphs: string[] = [];
  let paragraph = '';
  let line = '';
  let lineY: number | null = null;
  let lineHeight = 0;
  const endLine = () => {
    if (line.trim() !== '') paragraph += (paragraph ? '\n' : '') + line.trimEnd();
    line = '';
  };
  for (const item of items) {
    const y = item.transform[5];
    const height = item.height || Math.abs(item.transform[3]) || 10;
    if (lineY !== null && line === '' && lineY - y > PARAGRAPH_GAP * Math.max(lineHeight, height)) {
      paragraphs.push(paragraph);
      paragraph = '';
    }
    if (line === '') {
      lineY = y;
      lineHeight = height;
    }
    line += item.str;
    if (item.hasEOL) endLine();
  }
  endLine();
  paragraphs.push(paragraph);
  return paragraphs;
}
