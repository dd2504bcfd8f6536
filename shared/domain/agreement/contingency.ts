// A square contingency table of two coders' nominal decisions: rows are coder 1, columns coder 2.
export type ContingencyTable = readonly (readonly number[])[];

export interface LabelledTable<V> {
  readonly categories: readonly V[];
  readonly table: number[][];
}

export function assertSquareTable(table: ContingencyTable): void {
  for (const row of table) {
    if (row.length !== table.length) {
      throw new RangeError(`contingency table must be square, got a row of ${row.length} in a ${table.length}-row table`);
    }
    for (const cell of row) {
      if (!Number.isFinite(cell) || cell < 0) throw new RangeError(`contingency cell must be a count >= 0, got ${cell}`);
    }
  }
}

export function tableTotal(table: ContingencyTable): number {
  return table.reduce((sum, row) => sum + row.reduce((s, cell) => s + cell, 0), 0);
}

export function diagonalTotal(table: ContingencyTable): number {
  return table.reduce((sum, row, i) => sum + row[i], 0);
}

export function rowTotals(table: ContingencyTable): number[] {
  return table.map((row) => row.reduce((s, cell) => s + cell, 0));
}

export function columnTotals(table: ContingencyTable): number[] {
  return table.map((_, j) => table.reduce((s, row) => s + row[j], 0));
}

/**
 * Cross-tabulates two coders' decisions on the same units. Categories default to the values in
 * order of first appearance; pass them to fix the order or to include unused ones.
 */
export function contingencyTable<V>(a: readonly V[], b: readonly V[], categories?: readonly V[]): LabelledTable<V> {
  if (a.length !== b.length) throw new RangeError(`coders rated different numbers of units: ${a.length} and ${b.length}`);
  const labels = categories ? [...categories] : distinctInOrder([...a, ...b]);
  const index = new Map(labels.map((label, i) => [label, i] as const));
  const table = labels.map(() => labels.map(() => 0));
  a.forEach((value, unit) => {
    const row = index.get(value);
    const col = index.get(b[unit]);
    if (row === undefined || col === undefined) {
      throw new RangeError(`unit ${unit} has a value outside the given categories`);
    }
    table[row][col] += 1;
  });
  return { categories: labels, table };
}

function distinctInOrder<V>(values: readonly V[]): V[] {
  return [...new Set(values)];
}
