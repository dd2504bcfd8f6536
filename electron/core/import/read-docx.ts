import mammoth from 'mammoth';
import { AppError } from '../../../shared/api/errors';
import { DocumentArchive } from './archive-check';
import { fileError } from './formats';
import { htmlText, STYLED_RUN } from './read-html';
import { LABEL_STYLE_NAME } from './turn-columns';

const DAMAGED =
  'This .docx cannot be read (it may be damaged or cut short). Open it in Word or LibreOffice, save it again and import the new copy.';

/**
 * The text of a .docx, one paragraph per block separated by a blank line. Read through mammoth's
 * HTML so that what marks a speaker survives: a label run in bold or in a speaker's character
 * style opens its turn, and a table of turns (speaker, text, perhaps a time) gives one turn a row.
 */
export async function readDocx(fileName: string, bytes: Uint8Array): Promise<string> {
  const archive = DocumentArchive.open(fileName, bytes, { what: 'Word document', damaged: DAMAGED });
  let value: string;
  try {
    const labelStyles = labelStyleIds(archive.read('word/styles.xml'));
    const options = { transformDocument: (document: MammothElement) => marked(document, labelStyles) };
    ({ value } = await mammoth.convertToHtml({ file: mammothFile(archive) } as unknown as Parameters<typeof mammoth.convertToHtml>[0], options as never));
  } catch (err) {
    // The archive's own refusals (too large, a lying size) say more than "damaged".
    if (err instanceof AppError) throw err;
    throw fileError('IMPORT_BAD_FILE', fileName, DAMAGED);
  }
  return htmlText(value);
}

interface MammothElement {
  readonly type: string;
  readonly children?: readonly MammothElement[];
  readonly isBold?: boolean;
  readonly isHeader?: boolean;
  readonly styleId?: string | null;
  readonly styleName?: string | null;
  readonly value?: string;
}

// Footnotes and comments are no speech: without their references mammoth writes no list of them.
const NOT_SPEECH = new Set(['noteReference', 'commentReference']);

/** The document with footnote and comment references dropped and label-styled runs marked bold. */
function marked(element: MammothElement, labelStyles: ReadonlySet<string>): MammothElement {
  let out = element;
  if (element.children) out = { ...element, children: element.children.filter((c) => !NOT_SPEECH.has(c.type)).map((c) => marked(c, labelStyles)) };
  if (out.type === 'table' && out.children) out = { ...out, children: headerRowsOnTop(out.children) };
  if (out.type === 'run' && LABEL_STYLE_NAME.test(out.styleName ?? '')) out = { ...out, isBold: true, children: styledText(out.children ?? []) };
  else if (out.type === 'run' && !out.isBold && out.styleId && labelStyles.has(out.styleId)) out = { ...out, isBold: true };
  return out;
}

// A run in a style named for speakers is a label by that name alone: its text carries the mark
// the HTML reader looks for.
function styledText(children: readonly MammothElement[]): MammothElement[] {
  return children.map((c) => (c.type === 'text' ? { ...c, value: `${STYLED_RUN}${c.value ?? ''}` } : c));
}

// Only a table's first row is read as its header: mammoth takes any w:tblHeader for one (w:val="0"
// too), which would leave every row of such a table of turns out as a header.
function headerRowsOnTop(rows: readonly MammothElement[]): MammothElement[] {
  return rows.map((row, i) => (i > 0 && row.type === 'tableRow' && row.isHeader ? { ...row, isHeader: false } : row));
}

const STYLE = /<w:style\b([^>]*)>([\s\S]*?)<\/w:style>/g;
const BOLD_ON = /<w:b(?:\s+w:val="(?:1|true|on)")?\s*\/>/;

/** Ids of the character styles that set bold: a run in one is as bold as a run made bold by hand. */
function labelStyleIds(styles: Uint8Array | null): Set<string> {
  const ids = new Set<string>();
  if (!styles) return ids;
  const xml = new TextDecoder('utf-8').decode(styles);
  for (const [, attributes, body] of xml.matchAll(STYLE)) {
    if (!/w:type="character"/.test(attributes)) continue;
    const id = /w:styleId="([^"]*)"/.exec(attributes)?.[1];
    const rPr = /<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(body)?.[1] ?? '';
    if (id && BOLD_ON.test(rPr)) ids.add(id);
  }
  return ids;
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
