// RFC 4180 output: CRLF line ends, fields quoted when they hold a comma, quote or line break.
export type CsvValue = string | number | boolean | null | undefined;

/**
 * Text that a spreadsheet program would take for a formula (= + - @, or a tab or carriage return
 * before one): a transcript line such as "=HYPERLINK(…)" must open as text, not run. Plain
 * numbers such as "-3" are left alone; they open as numbers either way.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // A leading apostrophe makes spreadsheet programs read the cell as text.
  const guarded = typeof value === 'string' && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text);
  if (guarded) text = `'${text}`;
  return guarded || /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV document from a header row and data rows; a UTF-8 BOM helps spreadsheet programs read accents. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[], options: { readonly bom?: boolean } = {}): string {
  const lines = [header, ...rows].map((r) => r.map(csvField).join(','));
  return `${options.bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}
