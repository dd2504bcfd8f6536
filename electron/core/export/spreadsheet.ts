import ExcelJS from 'exceljs';
import { AppError } from '../../../shared/api/errors';
import { PassThrough } from 'node:stream';
import { csvLines } from '../../../shared/text/csv-write';
import { firstRows, type BuiltSheet } from './blocks';
import { utf8Chunks } from './utf8-chunks';

/** Where an export's bytes go, piece by piece: a file being written, or a list to join. */
export type ByteSink = (chunk: Uint8Array) => void;

function collected(write: (emit: ByteSink) => void | Promise<void>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  return Promise.resolve(write((c) => chunks.push(c))).then(() => Buffer.concat(chunks));
}

/** Excel sheet names: at most 31 characters, none of []:*?/\ and unique in the book. */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 31) || 'Sheet';
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i += 1) candidate = `${base.slice(0, 28)} ${i}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** Rows a worksheet holds (Excel, LibreOffice), the header row included. */
export const XLSX_MAX_ROWS = 1_048_576;

export function renderXlsx(sheets: readonly BuiltSheet[], title: string): Promise<Buffer> {
  return collected((emit) => writeXlsx(sheets, title, emit));
}

/**
 * One worksheet per table: bold frozen header, filters on, numbers stored as numbers. Rows go
 * through exceljs's streaming writer and are committed one by one, so a 120,000-row sheet is never
 * held as a workbook of cell objects (the in-memory book took 3.5 GB and minutes).
 * The workbook's bytes go to `emit` as the writer makes them.
 */
export async function writeXlsx(sheets: readonly BuiltSheet[], title: string, emit: ByteSink): Promise<void> {
  // A longer sheet makes a file Excel refuses or cuts: say so instead of writing it.
  const tooLong = sheets.find((s) => s.totalRows + 1 > XLSX_MAX_ROWS);
  if (tooLong) {
    throw new AppError(
      'BAD_REQUEST',
      `“${title}” has ${tooLong.totalRows.toLocaleString('en-US')} rows, more than a worksheet holds (${(XLSX_MAX_ROWS - 1).toLocaleString('en-US')} below its header). Save it as .csv, which R, SPSS and Python read as well, or choose fewer documents.`,
    );
  }
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => emit(c));
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  book.creator = 'Condensa';
  book.title = title;
  const taken = new Set<string>();
  for (const s of sheets) {
    const ws = book.addWorksheet(sheetName(s.name, taken), { views: [{ state: 'frozen', ySplit: 1 }] });
    // Widths from the header and the first rows: a streamed sheet fixes its columns before any row.
    const first = firstRows(s, 500).rows;
    const longest = s.columns.map((c, i) => Math.max(c.length, ...first.map((r) => String(r[i] ?? '').length)));
    const styles: Partial<ExcelJS.Style>[] = longest.map((n) => (n > 60 ? { alignment: { wrapText: true, vertical: 'top' } } : {}));
    ws.columns = s.columns.map((_c, i) => ({ key: String(i), width: Math.min(60, Math.max(8, longest[i] + 2)), style: styles[i] }));
    if (s.columns.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: s.columns.length } };
    const header = ws.addRow(s.columns);
    header.font = { bold: true };
    header.commit();
    for (const r of s.rows) {
      const row = ws.addRow(r.map((v) => (v === null ? '' : v)));
      // One style object per column: exceljs knows a style object it has seen, and renders every new
      // one to XML to look it up (each cell's own copy took 13 of 23 s for 120,000 rows).
      row.eachCell((cell, column) => (cell.style = styles[column - 1]));
      row.commit();
    }
    ws.commit();
  }
  await book.commit();
  await done;
}

/** RFC 4180 CSV of one table, with a byte-order mark so Excel reads accents right, encoded line by line. */
export function renderCsv(sheet: BuiltSheet): Buffer {
  const chunks: Uint8Array[] = [];
  writeCsv(sheet, (c) => chunks.push(c));
  return Buffer.concat(chunks);
}

/** The CSV's bytes handed to `emit` about a megabyte at a time, as the rows are read. */
export function writeCsv(sheet: BuiltSheet, emit: ByteSink): void {
  const out = utf8Chunks((bytes) => emit(bytes));
  if (sheet.csvLines) {
    for (const header of csvLines(sheet.columns, [], { bom: true })) out.write(header);
    for (const line of sheet.csvLines()) out.write(line);
  } else {
    for (const line of csvLines(sheet.columns, sheet.rows, { bom: true })) out.write(line);
  }
  out.end();
}
