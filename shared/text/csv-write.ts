// RFC 4180 output: CRLF line ends, fields quoted when they hold a delimiter, quote or line break.
export type CsvValue = string | number | boolean | null | undefined;

/**
 * Where a spreadsheet may start a new cell inside our text: it may split on a comma, a semicolon
 * (Excel in many European locales) or a tab, ignore quotes on a text import, or start a row at a line break.
 */
const PIECE_BREAKS = /([,;\t\r\n])/;
/** What a spreadsheet may skip before it looks at a cell's first character: spaces (its trim option) and quotes. */
const PIECE_LEAD = /^[\s"]*/;
/** A cell whose first character is one of these is read as a formula (or a Lotus-style one). */
const FORMULA_TRIGGER = /^[=+\-@]/;
/** Some piece's first character, after what a spreadsheet skips, is a formula trigger: only then is there anything to guard. */
const GUARD_NEEDED = /(?:^|[,;\t\r\n])[\s"]*[=+\-@]/;
/** A signed number opens as that number: its "formula" could only be itself, so it is left readable. */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?[\s"]*$/;

/**
 * The text with an apostrophe put before the formula trigger of every piece a spreadsheet could take for a
 * cell, so "ok;=1+2" becomes "ok;'=1+2". The apostrophe is visible on purpose: spreadsheets show it as text
 * on a CSV import rather than strip it, and a reader can see (and remove) it, unlike an invisible guard.
 */
export function inertCellText(text: string): string {
  if (!GUARD_NEEDED.test(text)) return text;
  return text
    .split(PIECE_BREAKS)
    .map((piece, i) => (i % 2 === 1 ? piece : guardPiece(piece)))
    .join('');
}

/** Takes off the apostrophes inertCellText put in, so a CSV Condensa wrote reads back as it was. */
export function undoInertCellText(text: string): string {
  return text.replace(/(^|[,;\t\r\n])([\s"]*)'(?=[=+\-@])/g, '$1$2');
}

function guardPiece(piece: string): string {
  const lead = PIECE_LEAD.exec(piece)![0];
  const rest = piece.slice(lead.length);
  return FORMULA_TRIGGER.test(rest) && !PLAIN_NUMBER.test(rest) ? `${lead}'${rest}` : piece;
}

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const raw = String(value);
  const text = inertCellText(raw);
  // Quoting a semicolon or tab keeps the cell whole for readers (ours included) that sniff the delimiter.
  const quoted = text !== raw || /[",;\t\r\n]/.test(text) || /^\s|\s$/.test(text);
  return quoted ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The lines of a CSV document, each ending in CRLF, the header first (after a UTF-8 BOM when asked): for writers that encode as they go. */
export function* csvLines(header: readonly string[], rows: Iterable<readonly CsvValue[]>, options: { readonly bom?: boolean } = {}): Generator<string> {
  yield `${options.bom ? '\uFEFF' : ''}${header.map(csvField).join(',')}\r\n`;
  for (const r of rows) yield `${r.map(csvField).join(',')}\r\n`;
}

/** One CSV document from a header row and data rows; a UTF-8 BOM helps spreadsheet programs read accents. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[], options: { readonly bom?: boolean } = {}): string {
  return [...csvLines(header, rows, options)].join('');
}
