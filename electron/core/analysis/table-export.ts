import ExcelJS from 'exceljs';
import type { ExportedFile } from '../../../shared/api/methods/analysis';
import { toCsv } from '../../../shared/text/csv-write';
import { checkExportTarget, type TargetOptions } from '../files/file-targets';
import { writeFileSafely } from '../files/write-file-safely';

export type TableFormat = 'csv' | 'xlsx';

/** An analysis table as it is exported: a header, rows of plain values and a note on how it was counted. */
export interface AnalysisTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
  readonly note: string;
  /** Excel number formats by column index (CSV keeps the plain numbers). */
  readonly numberFormats?: Readonly<Record<number, string>>;
  /** The last row holds totals and is set in bold. */
  readonly totalsRow?: boolean;
}

const MIME: Readonly<Record<TableFormat, string>> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** One worksheet: bold frozen header and first column, the note in italics below the table. */
async function xlsxBytes(table: AnalysisTable, sheetName: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Condensa';
  const sheet = book.addWorksheet(sheetName);
  sheet.addRow([...table.header]).font = { bold: true };
  for (const r of table.rows) sheet.addRow([...r]);
  if (table.totalsRow) sheet.lastRow!.font = { bold: true };
  sheet.addRow([]);
  sheet.addRow([table.note]).font = { italic: true };
  sheet.getColumn(1).width = Math.min(60, Math.max(16, ...table.rows.map((r) => String(r[0]).length)));
  for (let c = 2; c <= table.header.length; c++) sheet.getColumn(c).width = Math.min(30, Math.max(10, table.header[c - 1].length + 2));
  for (const [index, format] of Object.entries(table.numberFormats ?? {})) sheet.getColumn(Number(index) + 1).numFmt = format;
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 1 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Writes an analysis table as CSV (with a BOM, so Excel reads accents) or XLSX, to `path` when given, and returns the bytes. */
export async function exportTable(table: AnalysisTable, name: string, sheetName: string, format: TableFormat, path: string | undefined, options: TargetOptions): Promise<ExportedFile> {
  if (path) checkExportTarget(path, options);
  const bytes = format === 'csv' ? Buffer.from(toCsv(table.header, table.rows, { bom: true }), 'utf8') : await xlsxBytes(table, sheetName);
  if (path) writeFileSafely(path, bytes, options);
  return { fileName: `${name}.${format}`, mime: MIME[format], base64: bytes.toString('base64'), bytes: bytes.length, path: path ?? null };
}
