// RFC 4180 output: CRLF line ends, fields quoted when they hold a comma, quote or line break.
export type CsvValue = string | number | boolean | null | undefined;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV document from a header row and data rows; a UTF-8 BOM helps spreadsheet programs read accents. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[], options: { readonly bom?: boolean } = {}): string {
  const lines = [header, ...rows].map((r) => r.map(csvField).join(','));
  return `${options.bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}
