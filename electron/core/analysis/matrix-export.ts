import ExcelJS from 'exceljs';
import fs from 'node:fs';
import type { CellDisplay, ExportedFile, Matrix } from '../../../shared/api/methods/analysis';
import { cellValue } from '../../../shared/domain/matrix-cells';
import { NODE_LEVEL_LABELS, type NodeLevel } from '../../../shared/domain/vocabulary';
import { toCsv } from '../../../shared/text/csv-write';

const MEASURE_WORDS = { units: 'meaning units', participants: 'participants', codings: 'codings' } as const;
const DISPLAY_WORDS: Readonly<Record<CellDisplay, string>> = { counts: 'counts', row: 'row %', column: 'column %' };

export interface MatrixTable {
  readonly header: string[];
  readonly rows: (string | number)[][];
  readonly note: string;
}

/** The matrix as a plain table: a row per node, a column per value, totals last; percentages as numbers. */
export function matrixTable(matrix: Matrix, level: NodeLevel, display: CellDisplay): MatrixTable {
  const round = (v: number) => (display === 'counts' ? v : Math.round(v * 10) / 10);
  const header = [`${NODE_LEVEL_LABELS[level]} (${MEASURE_WORDS[matrix.measure]}, ${DISPLAY_WORDS[display]})`, ...matrix.columns.map((c) => c.label), 'Total (n)'];
  const rows: (string | number)[][] = matrix.rows.map((r, i) => [
    r.name,
    ...matrix.cells[i].map((cell, j) => round(cellValue(display, cell.count, matrix.rowTotals[i], matrix.columnTotals[j]))),
    matrix.rowTotals[i],
  ]);
  rows.push(['Total (n)', ...matrix.columnTotals, matrix.total]);
  const base = display === 'row' ? ' Percentages of the row total.' : display === 'column' ? ' Percentages of the column total.' : '';
  const note = `Counts of ${MEASURE_WORDS[matrix.measure]}; a unit counts once per cell however many codes beneath the ${NODE_LEVEL_LABELS[level].toLowerCase()} it carries.${base} Codings: ${matrix.source}.`;
  return { header, rows, note };
}

export async function exportMatrix(matrix: Matrix, level: NodeLevel, display: CellDisplay, format: 'csv' | 'xlsx', path: string | undefined): Promise<ExportedFile> {
  const table = matrixTable(matrix, level, display);
  let bytes: Buffer;
  if (format === 'csv') {
    bytes = Buffer.from(toCsv(table.header, table.rows, { bom: true }), 'utf8');
  } else {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Matrix');
    sheet.addRow(table.header).font = { bold: true };
    for (const r of table.rows) sheet.addRow(r);
    sheet.lastRow!.font = { bold: true };
    sheet.addRow([]);
    sheet.addRow([table.note]).font = { italic: true };
    sheet.getColumn(1).width = Math.min(60, Math.max(16, ...table.rows.map((r) => String(r[0]).length)));
    for (let c = 2; c <= table.header.length; c++) {
      sheet.getColumn(c).width = Math.min(30, Math.max(10, table.header[c - 1].length + 2));
      if (display !== 'counts' && c < table.header.length) sheet.getColumn(c).numFmt = '0.0"%"';
    }
    sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 1 }];
    bytes = Buffer.from(await book.xlsx.writeBuffer());
  }
  if (path) fs.writeFileSync(path, bytes);
  return {
    fileName: `matrix-${level}.${format}`,
    mime: format === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: bytes.toString('base64'),
    bytes: bytes.length,
    path: path ?? null,
  };
}
