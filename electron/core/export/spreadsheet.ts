import ExcelJS from 'exceljs';
import type { ReportSheet } from '../../../shared/api/methods/reports';
import { toCsv } from '../../../shared/text/csv-write';

/** Excel sheet names: at most 31 characters, none of []:*?/\ and unique in the book. */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 31) || 'Sheet';
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i += 1) candidate = `${base.slice(0, 28)} ${i}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** One worksheet per table: bold frozen header, filters on, numbers stored as numbers. */
export async function renderXlsx(sheets: readonly ReportSheet[], title: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Condensa';
  book.title = title;
  const taken = new Set<string>();
  for (const s of sheets) {
    const ws = book.addWorksheet(sheetName(s.name, taken), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(s.columns).font = { bold: true };
    for (const r of s.rows) ws.addRow(r.map((v) => (v === null ? '' : v)));
    s.columns.forEach((c, i) => {
      const longest = Math.max(c.length, ...s.rows.slice(0, 500).map((r) => String(r[i] ?? '').length));
      const column = ws.getColumn(i + 1);
      column.width = Math.min(60, Math.max(8, longest + 2));
      if (longest > 60) column.alignment = { wrapText: true, vertical: 'top' };
    });
    if (s.columns.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: s.columns.length } };
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** RFC 4180 CSV of one table, with a byte-order mark so Excel reads accents right. */
export function renderCsv(sheet: ReportSheet): Buffer {
  return Buffer.from(toCsv(sheet.columns, sheet.rows, { bom: true }), 'utf8');
}
