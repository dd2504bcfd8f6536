import type { CellDisplay, ExportedFile, Matrix } from '../../../shared/api/methods/analysis';
import { cellValue } from '../../../shared/domain/matrix-cells';
import { NODE_LEVEL_LABELS, type NodeLevel } from '../../../shared/domain/vocabulary';
import { type AnalysisTable, exportTable, type TableFormat } from './table-export';
import type { TargetOptions } from '../files/file-targets';

const MEASURE_WORDS = { units: 'meaning units', participants: 'participants', codings: 'codings' } as const;
const DISPLAY_WORDS: Readonly<Record<CellDisplay, string>> = { counts: 'counts', row: 'row %', column: 'column %' };

/** The matrix as a plain table: a row per node, a column per value, totals last; percentages as numbers. */
export function matrixTable(matrix: Matrix, level: NodeLevel, display: CellDisplay): AnalysisTable {
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
  // Percent columns read as "12.5%" in Excel; the row total stays a count.
  const numberFormats = display === 'counts' ? {} : Object.fromEntries(matrix.columns.map((_c, j) => [j + 1, '0.0"%"']));
  return { header, rows, note, numberFormats, totalsRow: true };
}

export function exportMatrix(matrix: Matrix, level: NodeLevel, display: CellDisplay, format: TableFormat, path: string | undefined, options: TargetOptions): Promise<ExportedFile> {
  return exportTable(matrixTable(matrix, level, display), `matrix-${level}`, 'Matrix', format, path, options);
}
