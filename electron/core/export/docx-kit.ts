import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  SimpleField,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IBorderOptions,
  type IStylesOptions,
} from 'docx';
import { strFromU8, unzipSync, Zip, ZipPassThrough } from 'fflate';
import { randomUUID } from 'node:crypto';
import { constants as zlibConstants, deflateRawSync } from 'node:zlib';
import { utf8Chunks } from './utf8-chunks';
import { paragraphDirection } from '../../../shared/text/direction';
import type { ParaStyle, ReportBlock, ReportCell, ReportDocument, ReportPara, ReportRow, ReportSection, ReportTable } from '../../../shared/api/methods/reports';

// A small toolkit over `docx` that gives every export the same manuscript look: Times New Roman,
// APA-like tables (rules above and below, one under the header, no vertical lines), captions
// "Table N." above tables, a page number in every footer, landscape sections for wide tables.

const FONT = 'Times New Roman';
const BODY_SIZE = 24; // half-points: 12 pt
const TABLE_SIZE = 20; // 10 pt
const A4 = { width: 11906, height: 16838 }; // twips
const MARGIN = 1440; // 1 inch

export const STYLE_IDS = {
  caption: 'Caption',
  tableText: 'TableText',
  tableHeading: 'TableHeading',
  tableQuote: 'TableQuote',
  tableMissing: 'TableMissing',
  tableRepeat: 'TableRepeat',
  tableNote: 'TableNote',
  tableSmall: 'TableSmall',
  note: 'SmallNote',
  quote: 'BlockQuote',
} as const;

const RULE: IBorderOptions = { style: BorderStyle.SINGLE, size: 8, color: '000000' };
const THIN: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const REPEAT_GREY = '8C8C8C';

/** `language`: the document's BCP 47 tag ("en-GB"), which Word's spelling and hyphenation follow. */
function styles(language: string): IStylesOptions {
  const tight = { spacing: { before: 0, after: 0, line: 240 } };
  return {
    default: {
      document: { run: { font: FONT, size: BODY_SIZE, language: { value: language } }, paragraph: { spacing: { after: 120, line: 276 } } },
      heading1: { run: { font: FONT, size: 28, bold: true, color: '000000' }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true } },
      heading2: { run: { font: FONT, size: 24, bold: true, color: '000000' }, paragraph: { spacing: { before: 240, after: 80 }, keepNext: true } },
      heading3: { run: { font: FONT, size: 24, bold: true, italics: true, color: '000000' }, paragraph: { spacing: { before: 160, after: 60 }, keepNext: true } },
      caption: { run: { font: FONT, size: BODY_SIZE, bold: true, italics: false, color: '000000' }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true } },
    },
    paragraphStyles: [
      { id: STYLE_IDS.tableText, name: 'Table Text', basedOn: 'Normal', quickFormat: true, run: { size: TABLE_SIZE }, paragraph: tight },
      { id: STYLE_IDS.tableHeading, name: 'Table Heading', basedOn: STYLE_IDS.tableText, quickFormat: true, run: { bold: true }, paragraph: { ...tight, keepNext: true } },
      { id: STYLE_IDS.tableQuote, name: 'Table Quote', basedOn: STYLE_IDS.tableText, quickFormat: true, paragraph: { spacing: { before: 0, after: 80, line: 240 } } },
      { id: STYLE_IDS.tableMissing, name: 'Table Missing', basedOn: STYLE_IDS.tableText, run: { italics: true, color: '7F7F7F' } },
      // A name repeated from the row above (a theme over its categories), light so the group still reads as one.
      { id: STYLE_IDS.tableRepeat, name: 'Table Repeated', basedOn: STYLE_IDS.tableText, run: { color: REPEAT_GREY } },
      { id: STYLE_IDS.tableNote, name: 'Table Note', basedOn: 'Normal', quickFormat: true, run: { size: TABLE_SIZE }, paragraph: { spacing: { before: 80, after: 240, line: 240 } } },
      { id: STYLE_IDS.tableSmall, name: 'Table Small', basedOn: STYLE_IDS.tableText, run: { size: 18, color: '404040' } },
      { id: STYLE_IDS.note, name: 'Small Note', basedOn: 'Normal', quickFormat: true, run: { size: TABLE_SIZE }, paragraph: { spacing: { before: 0, after: 80, line: 240 } } },
      { id: STYLE_IDS.quote, name: 'Block Quote', basedOn: 'Normal', quickFormat: true, paragraph: { indent: { left: 720 }, spacing: { after: 120 } } },
    ],
  };
}

export const IN_TABLE: Readonly<Record<ParaStyle, string>> = {
  normal: STYLE_IDS.tableText,
  quote: STYLE_IDS.tableQuote,
  missing: STYLE_IDS.tableMissing,
  note: STYLE_IDS.tableSmall,
  repeat: STYLE_IDS.tableRepeat,
};
const IN_TEXT: Readonly<Record<ParaStyle, string | undefined>> = { normal: undefined, quote: STYLE_IDS.quote, missing: STYLE_IDS.tableMissing, note: STYLE_IDS.note, repeat: undefined };

/** A paragraph of running text (table cells are written as XML, below). */
function paragraph(para: ReportPara): Paragraph {
  const children = para.runs.map((r) => new TextRun({ text: r.text, bold: r.bold, italics: r.italic, rightToLeft: paragraphDirection(r.text) === 'rtl' || undefined }));
  const bidirectional = isRightToLeft(para) || undefined;
  return new Paragraph({ style: IN_TEXT[para.style ?? 'normal'], children, bidirectional, indent: para.indent ? { left: para.indent * 240 } : undefined });
}

/**
 * "Table 3. Title": the number is a SEQ field with its value filled in. All captions count through
 * one sequence, so Word renumbers them when tables move; only a document whose first table is not
 * Table 1 (the paper already has one) starts the sequence at that number.
 */
export function caption(number: number, title: string, restart: boolean): Paragraph {
  const instruction = restart ? `SEQ Table \\r ${number} \\* ARABIC` : 'SEQ Table \\* ARABIC';
  return new Paragraph({
    style: STYLE_IDS.caption,
    keepNext: true,
    // The caption style is bold, so the field's number is bold too; the title is set back to italic.
    children: [new TextRun('Table '), new SimpleField(instruction, String(number)), new TextRun('. '), new TextRun({ text: title, bold: false, italics: true })],
  });
}

function textWidth(orientation: ReportSection['orientation']): number {
  return (orientation === 'landscape' ? A4.height : A4.width) - 2 * MARGIN;
}

// About the width of one character of 10 pt bold type, in twips (wide enough for the DejaVu Serif
// LibreOffice puts in place of Times where Times is not installed), and the cell's side margins.
const HEADER_CHAR = 140;
const SIDE_MARGINS = 170;

// The same for 10 pt regular type, and the longest word in a body cell that widens its column (a
// figure such as 0.706 must not break; longer words may).
const BODY_CHAR = 110;
const LONGEST_BODY_WORD = 6;
const ROWS_MEASURED = 500;
// Where Word and LibreOffice may break a line: at spaces, and after a hyphen ("Non-|binary").
const WORD_BREAKS = /\s+|(?<=-)/;

/** The longest word, up to LONGEST_BODY_WORD characters, in each column's single cells of the first rows. */
function longestBodyWords(table: ReportTable): number[] {
  const longest = table.columns.map(() => 0);
  for (const row of table.rows.slice(0, ROWS_MEASURED)) {
    let column = 0;
    for (const cell of row.cells) {
      const span = cell.span ?? 1;
      if (span === 1 && column < longest.length) {
        for (const p of cell.paras) for (const r of p.runs) for (const w of r.text.split(WORD_BREAKS)) longest[column] = Math.max(longest[column], Math.min(LONGEST_BODY_WORD, w.length));
      }
      column += span;
    }
  }
  return longest;
}

/** Widths in twips in the given proportions, widened where a header word or a short body word would break, taken from the widest columns. */
export function columnWidths(table: ReportTable, total: number): number[] {
  const sum = table.columns.reduce((s, c) => s + c.width, 0);
  const widths = table.columns.map((c) => (c.width / sum) * total);
  const body = longestBodyWords(table);
  const wanted = table.columns.map((c, i) => Math.max(Math.max(...c.label.split(WORD_BREAKS).map((w) => w.length)) * HEADER_CHAR, body[i] * BODY_CHAR) + SIDE_MARGINS);
  // When the header words cannot all fit, every column gives up the same share (words then break):
  // the widths must still fill the page with positive numbers, which Word and `docx` require.
  const wantedSum = wanted.reduce((s, w) => s + w, 0);
  const needs = wantedSum > total ? wanted.map((w) => (w / wantedSum) * total) : wanted;
  let short = 0;
  widths.forEach((w, i) => {
    if (w < needs[i]) {
      short += needs[i] - w;
      widths[i] = needs[i];
    }
  });
  const slack = widths.map((w, i) => Math.max(0, w - needs[i]));
  const totalSlack = slack.reduce((s, v) => s + v, 0);
  if (short > 0 && totalSlack > 0) {
    const take = Math.min(1, short / totalSlack);
    widths.forEach((_w, i) => (widths[i] -= slack[i] * take));
  }
  const rounded = widths.map((w) => Math.floor(w));
  rounded[rounded.length - 1] += total - rounded.reduce((s, w) => s + w, 0);
  return rounded;
}

function cellWidth(widths: readonly number[], start: number, span: number): number {
  return widths.slice(start, start + span).reduce((s, w) => s + w, 0);
}

const CELL_MARGINS = { top: 40, bottom: 40, left: 80, right: 80 };

function headerRow(table: ReportTable, widths: readonly number[]): TableRow {
  return new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: table.columns.map(
      (c, i) =>
        new TableCell({
          width: { size: widths[i], type: WidthType.DXA },
          borders: { bottom: THIN },
          children: [new Paragraph({ style: STYLE_IDS.tableHeading, children: [new TextRun({ text: c.label })] })],
        }),
    ),
  });
}

// Body rows are written as WordprocessingML text here, not as `docx` objects: a table of 40,000
// rows as objects took minutes and gigabytes to lay out. The XML is what `docx` writes for the same
// cells (tests compare the two). Body cells carry no borders or margins of their own (the table's
// rules and margins apply): a long table stays small and quick to write.
//
// Every row is kept whole on its page (cantSplit). A table short enough to fit on a page keeps every
// paragraph with the next, so it moves to the next page whole, with its caption and note; a longer
// one keeps its first row with the header and caption and its last row with the note, and breaks
// between rows elsewhere (LibreOffice moves a kept table longer than a page to the next page whole,
// leaving its caption alone).

const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };

/** Text as `docx` escapes it: markup characters as entities, control characters XML cannot hold dropped. */
function xmlText(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => XML_ESCAPES[c] ?? '');
}

function onOff(tag: 'b' | 'i', on: boolean | undefined): string {
  if (on === undefined) return '';
  const value = on ? '' : ' w:val="false"';
  return `<w:${tag}${value}/><w:${tag}Cs${value}/>`;
}

function runXml(text: string, bold: boolean | undefined, italic: boolean | undefined): string {
  // A run of Persian, Arabic or Hebrew is marked right to left (w:rtl, after b and i as the schema orders them).
  const props = onOff('b', bold) + onOff('i', italic) + (paragraphDirection(text) === 'rtl' ? '<w:rtl/>' : '');
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${xmlText(text)}</w:t></w:r>`;
}

// In the order `docx` writes margins.
const GROUP_MARGINS = (['top', 'left', 'bottom', 'right'] as const).map((side) => `<w:${side} w:type="dxa" w:w="${side === 'top' ? 120 : CELL_MARGINS[side]}"/>`).join('');

function bodyCellXml(cell: ReportCell, width: number, group: boolean, keep: boolean): string {
  const paras = cell.paras.length ? cell.paras : [{ runs: [] }];
  const props = `<w:tcW w:type="dxa" w:w="${width}"/>${cell.span && cell.span > 1 ? `<w:gridSpan w:val="${cell.span}"/>` : ''}${group ? `<w:tcMar>${GROUP_MARGINS}</w:tcMar>` : ''}`;
  const body = paras
    .map((p: ReportPara) =>
      group
        ? `<w:p><w:pPr><w:pStyle w:val="${STYLE_IDS.tableHeading}"/><w:keepNext/></w:pPr>${p.runs.map((r) => runXml(r.text, r.bold ?? true, r.italic)).join('')}</w:p>`
        : `<w:p><w:pPr><w:pStyle w:val="${IN_TABLE[p.style ?? 'normal']}"/>${keep ? '<w:keepNext/>' : ''}${p.indent ? `<w:ind w:left="${p.indent * 240}"/>` : ''}</w:pPr>${p.runs.map((r) => runXml(r.text, r.bold, r.italic)).join('')}</w:p>`,
    )
    .map((xml, i) => (isRightToLeft(paras[i]) ? withBidi(xml) : xml))
    .join('');
  return `<w:tc><w:tcPr>${props}</w:tcPr>${body}</w:tc>`;
}

/** A paragraph whose first letter is Persian, Arabic or Hebrew reads right to left in Word (w:bidi). */
function isRightToLeft(para: ReportPara): boolean {
  return paragraphDirection(para.runs.map((r) => r.text).join('')) === 'rtl';
}

// w:bidi comes before w:ind in a paragraph's properties.
function withBidi(paragraphXml: string): string {
  const at = paragraphXml.includes('<w:ind ') ? paragraphXml.indexOf('<w:ind ') : paragraphXml.indexOf('</w:pPr>');
  return `${paragraphXml.slice(0, at)}<w:bidi/>${paragraphXml.slice(at)}`;
}

/** One body row as `docx` would write it. */
export function bodyRowXml(row: ReportRow, widths: readonly number[], keep: boolean): string {
  let column = 0;
  const cells = row.cells.map((cell) => {
    const span = cell.span ?? 1;
    const xml = bodyCellXml(cell, cellWidth(widths, column, span), row.group ?? false, keep);
    column += span;
    return xml;
  });
  return `<w:tr><w:trPr><w:cantSplit/></w:trPr>${cells.join('')}</w:tr>`;
}

// A rough height of 10 pt text, in twips: an average character's width and a line's height.
const CHAR_WIDTH = 100;
const LINE_HEIGHT = 240;

/** About how tall a row will be: its tallest cell's lines, the cell margins included. */
function rowHeight(row: ReportRow, widths: readonly number[]): number {
  let column = 0;
  let tallest = 0;
  for (const cell of row.cells) {
    const span = cell.span ?? 1;
    const room = Math.max(CHAR_WIDTH, cellWidth(widths, column, span) - 2 * CELL_MARGINS.left);
    column += span;
    const lines = cell.paras.reduce((n, p) => n + Math.max(1, Math.ceil((p.runs.reduce((c, r) => c + r.text.length, 0) * CHAR_WIDTH) / room)), 0);
    tallest = Math.max(tallest, lines);
  }
  return tallest * LINE_HEIGHT + CELL_MARGINS.top + CELL_MARGINS.bottom;
}

/**
 * Which body rows keep with what follows: every row of a table that fits in half a page, else the
 * first (with the header and caption) and the last (with the note).
 */
export function rowsKeptWithNext(rows: readonly ReportRow[], widths: readonly number[], orientation: ReportSection['orientation']): boolean[] {
  const page = (orientation === 'landscape' ? A4.width : A4.height) - 2 * MARGIN;
  let height = 0;
  for (const r of rows) {
    height += rowHeight(r, widths);
    if (height > page / 2) return rows.map((_r, i) => i === 0 || i === rows.length - 1);
  }
  return rows.map(() => true);
}

/** A table's body rows, waiting for the place `docx` keeps for them (a row holding `marker`). */
interface PendingRows {
  readonly marker: string;
  readonly rows: readonly ReportRow[];
  readonly widths: readonly number[];
  readonly kept: readonly boolean[];
}

/** A native Word table: header row repeated on every page, rules above, under the header and below. */
function table(t: ReportTable, orientation: ReportSection['orientation'], pending: PendingRows[], first: boolean): (Paragraph | Table)[] {
  const total = textWidth(orientation);
  const widths = columnWidths(t, total);
  const rows = t.rows.length ? t.rows : [{ cells: [{ paras: [{ runs: [{ text: 'Nothing to show.' }], style: 'missing' as const }], span: t.columns.length }] }];
  const marker = `\uE000condensa-rows-${randomUUID()}\uE000`;
  pending.push({ marker, rows, widths, kept: rowsKeptWithNext(rows, widths, orientation) });
  const out: (Paragraph | Table)[] = [
    caption(t.number, t.title, first && t.number !== 1),
    new Table({
      width: { size: total, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      margins: CELL_MARGINS,
      borders: { top: RULE, bottom: RULE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE },
      rows: [headerRow(t, widths), new TableRow({ children: [new TableCell({ children: [new Paragraph(marker)] })] })],
    }),
  ];
  if (t.note) out.push(new Paragraph({ style: STYLE_IDS.tableNote, children: [new TextRun({ text: 'Note. ', italics: true }), new TextRun({ text: t.note })] }));
  else out.push(new Paragraph({ style: STYLE_IDS.tableNote, children: [] }));
  return out;
}

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

function block(b: ReportBlock, orientation: ReportSection['orientation'], pending: PendingRows[]): (Paragraph | Table)[] {
  if (b.kind === 'heading') return [new Paragraph({ heading: HEADINGS[b.level], children: [new TextRun({ text: b.text })] })];
  if (b.kind === 'paragraph') return [paragraph(b.para)];
  return table(b, orientation, pending, pending.length === 0);
}

function pageNumberFooter(): Footer {
  return new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: 20 })] })] });
}

/** The document around its tables' body rows, which go into `pending` to be written as text. */
function buildDocument(doc: ReportDocument, pending: PendingRows[]): Document {
  return new Document({
    title: doc.title,
    creator: 'Condensa',
    description: doc.title,
    styles: styles(doc.language),
    sections: doc.sections.map((s) => ({
      properties: {
        page: {
          // docx swaps width and height itself for landscape: both take the portrait measures.
          size: { width: A4.width, height: A4.height, orientation: s.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
          margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 708, footer: 708 },
        },
      },
      footers: { default: pageNumberFooter() },
      children: s.blocks.flatMap((b) => block(b, s.orientation, pending)),
    })),
  });
}

/**
 * The .docx bytes of a report document. `docx` lays out everything but the tables' body rows; its
 * document.xml is then packed again with each table's rows written in place of its marker row,
 * a megabyte of XML at a time, so neither the rows' XML nor their objects are ever held whole.
 */
export async function renderDocx(doc: ReportDocument): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  await writeDocx(doc, (c) => chunks.push(c));
  return Buffer.concat(chunks);
}

/** The same bytes handed to `emit` as the zip is written, a deflated megabyte of rows at a time. */
export async function writeDocx(doc: ReportDocument, emit: (chunk: Uint8Array) => void): Promise<void> {
  const pending: PendingRows[] = [];
  const files = unzipSync(await Packer.toBuffer(buildDocument(doc, pending)));
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => (err ? (failure = err) : emit(chunk)));
  for (const [name, data] of Object.entries(files)) {
    const entry = new ZlibDeflate(name);
    zip.add(entry);
    if (name === 'word/document.xml') writeWithRows(entry, strFromU8(data), pending);
    else entry.push(data, true);
  }
  zip.end();
  if (failure) throw failure;
}

/**
 * A zip entry deflated by Node's zlib, a few times quicker than fflate's own deflate on the 60 MB
 * of a large table. Each chunk is deflated on its own and flushed to a byte boundary, so the
 * chunks' output joined is one deflate stream; the last one ends it.
 */
class ZlibDeflate extends ZipPassThrough {
  constructor(name: string) {
    super(name);
    this.compression = 8;
  }

  protected override process(chunk: Uint8Array, final: boolean): void {
    this.ondata(null, deflateRawSync(chunk, { level: 6, finishFlush: final ? zlibConstants.Z_FINISH : zlibConstants.Z_SYNC_FLUSH }), final);
  }
}

function writeWithRows(entry: ZipPassThrough, xml: string, pending: readonly PendingRows[]): void {
  const out = utf8Chunks((bytes, last) => entry.push(bytes, last));
  let from = 0;
  for (const p of pending) {
    const at = xml.indexOf(p.marker, from);
    const rowStart = xml.lastIndexOf('<w:tr>', at);
    const rowEnd = xml.indexOf('</w:tr>', at) + '</w:tr>'.length;
    if (at < 0 || rowStart < from) throw new Error('A table lost its place in the Word document.');
    out.write(xml.slice(from, rowStart));
    p.rows.forEach((r, i) => out.write(bodyRowXml(r, p.widths, p.kept[i])));
    from = rowEnd;
  }
  out.end(xml.slice(from));
}
