/** How a count matrix shows its cells: the counts, or each cell as a share of its row or its column. */
export type CellDisplay = 'counts' | 'row' | 'column';

/** The number a cell shows: its count, or its percentage of the row or column total (0 when the total is 0). */
export function cellValue(display: CellDisplay, count: number, rowTotal: number, columnTotal: number): number {
  if (display === 'counts') return count;
  const base = display === 'row' ? rowTotal : columnTotal;
  return base > 0 ? (100 * count) / base : 0;
}

/** "12", or "42.9%" for percentages (one decimal, as tables in papers print them). */
export function formatCellValue(display: CellDisplay, value: number): string {
  return display === 'counts' ? String(value) : `${(Math.round(value * 10) / 10).toFixed(1)}%`;
}
