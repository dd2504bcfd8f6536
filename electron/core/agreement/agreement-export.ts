import ExcelJS from 'exceljs';
import type { Discrepancy, Resolution } from '../../../shared/api/methods/agreement';
import { DISCREPANCY_TYPE_LABELS, decisionText } from '../../../shared/domain/agreement-options';
import { checkExportTarget, type TargetOptions } from '../files/file-targets';
import { writeFileSafely } from '../files/write-file-safely';
import { toCsv, type CsvValue } from '../../../shared/text/csv-write';

// The discrepancy list and the resolution log as tables a reviewer can open: CSV or one XLSX sheet.

export interface Table {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly CsvValue[])[];
}

const names = (codes: readonly { name: string }[]) => codes.map((c) => c.name).join('; ');

export function discrepancyTable(items: readonly Discrepancy[], coderA: string, coderB: string): Table {
  return {
    name: 'Discrepancies',
    columns: ['Document', 'Session', 'Speaker', 'Start', 'End', 'Text', 'Type', `Codes by ${coderA}`, `Codes by ${coderB}`, 'Codes by both', 'Status', 'Decision', 'Other code', 'Rationale', 'Resolver', 'Decided at'],
    rows: items.map((d) => [
      d.documentTitle,
      d.sessionName,
      d.pseudonym ?? d.speaker,
      d.start,
      d.end,
      d.text,
      DISCREPANCY_TYPE_LABELS[d.type],
      names(d.codesA),
      names(d.codesB),
      names(d.common),
      d.status,
      d.resolution ? decisionText(d.resolution.decision, d.resolution.coderAName, d.resolution.coderBName) : '',
      d.resolution?.otherCodeName ?? '',
      d.resolution?.rationale ?? '',
      d.resolution?.resolverName ?? '',
      d.resolution?.decidedAt ?? '',
    ]),
  };
}

export function resolutionTable(items: readonly Resolution[]): Table {
  return {
    name: 'Resolution log',
    columns: ['Decided at', 'Resolver', 'Coder A', 'Coder B', 'Document', 'Start', 'End', 'Text', 'Type', 'Code', 'Decision', 'Other code', 'Rationale'],
    rows: items.map((r) => [
      r.decidedAt,
      r.resolverName,
      r.coderAName,
      r.coderBName,
      r.documentTitle,
      r.start,
      r.end,
      r.text,
      DISCREPANCY_TYPE_LABELS[r.discrepancyType as keyof typeof DISCREPANCY_TYPE_LABELS] ?? r.discrepancyType,
      r.codeName,
      decisionText(r.decision, r.coderAName, r.coderBName),
      r.otherCodeName,
      r.rationale,
    ]),
  };
}

/** Writes the table to `target` (extension added when missing) and returns the path written. */
export async function writeTable(table: Table, target: string, format: 'csv' | 'xlsx', options: TargetOptions): Promise<string> {
  const file = checkExportTarget(target.toLowerCase().endsWith(`.${format}`) ? target : `${target}.${format}`, options);
  if (format === 'csv') return writeFileSafely(file, toCsv(table.columns, table.rows, { bom: true }), options);
  const book = new ExcelJS.Workbook();
  book.creator = 'Condensa';
  const sheet = book.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...table.columns]).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((v) => (v === null || v === undefined ? '' : v)));
  table.columns.forEach((c, i) => {
    const longest = Math.max(c.length, ...table.rows.slice(0, 300).map((r) => String(r[i] ?? '').length));
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(8, longest + 2));
  });
  return writeFileSafely(file, new Uint8Array(await book.xlsx.writeBuffer()), options);
}
