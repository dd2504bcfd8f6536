import type Database from 'better-sqlite3';
import { type Matrix, type MatrixCell, MatrixOptions } from '../../../shared/api/methods/analysis';
import { type CoderContext, NO_CODER_CONTEXT, resolveCoders } from './coder-choice';
import { loadCodedRows } from './coded-rows';
import { loadCodebookIndex, nodeOut } from './codebook-index';
import { DistinctCounter, orderBy } from './counting';
import { planSplit } from './split';

/** Rows level, columns and measure; anything left out takes the contract's default (codes × document group, units, all filters off). */
export type ComputeMatrixOptions = MatrixOptions;

/**
 * Rows: the nodes of one level (each counting the codes beneath it); columns: attribute values of
 * the speaker, document groups or documents. One pass over the filtered (unit, code) pairs, in
 * unit order, fills every cell with its distinct units; participants and codings are counted alike.
 */
export function computeMatrix(db: Database.Database, input: ComputeMatrixOptions, ctx: CoderContext = NO_CODER_CONTEXT): Matrix {
  const options = MatrixOptions.parse(input);
  const coders = resolveCoders(db, options.filter.coder, ctx);
  const rows = loadCodedRows(db, options.filter, coders);
  const codebook = loadCodebookIndex(db);
  const plan = planSplit(db, options.columns, rows, options.filter);
  const nodes = codebook.nodes.filter((n) => n.level === options.level);
  const rowIndex = new Map(nodes.map((n, i) => [n.nodeId, i]));
  const targets = rows.codeIds.map((id) => codebook.atLevel(id, options.level).map((n) => rowIndex.get(n)!));
  const R = nodes.length;
  const C = plan.columns.length;
  // Tallies: cells r × C + c, then rows, then columns, then the whole table.
  const rowT = R * C;
  const colT = rowT + R;
  const allT = colT + C;
  const size = allT + 1;
  const cellUnits: number[][] = [];
  const columnOf = Int32Array.from({ length: rows.length }, (_v, i) => plan.columnOf(i));
  const count = (keys: Int32Array, keySize: number, onNewCell?: (k: number, key: number) => void) => {
    const counter = new DistinctCounter(size);
    for (const i of orderBy(keys, keySize)) {
      const key = keys[i];
      const hit = targets[rows.code[i]];
      if (key < 0 || hit.length === 0) continue;
      const col = columnOf[i];
      counter.see(allT, key);
      if (col >= 0) counter.see(colT + col, key);
      for (const r of hit) {
        counter.see(rowT + r, key);
        if (col >= 0 && counter.see(r * C + col, key)) onNewCell?.(r * C + col, key);
      }
    }
    return counter.counts;
  };
  const countCodings = () => {
    const codings = new Int32Array(size);
    for (let i = 0; i < rows.length; i++) {
      const hit = targets[rows.code[i]];
      if (hit.length === 0) continue;
      const col = columnOf[i];
      codings[allT] += 1;
      if (col >= 0) codings[colT + col] += 1;
      for (const r of hit) {
        codings[rowT + r] += 1;
        if (col >= 0) codings[r * C + col] += 1;
      }
    }
    return codings;
  };
  const units = count(rows.unit, rows.study.unitIds.length, (k, u) => (cellUnits[k] ??= []).push(u));
  const measured =
    options.measure === 'units' ? units : options.measure === 'codings' ? countCodings() : count(rows.participant, rows.study.participantIds.length);
  const grid: MatrixCell[][] = nodes.map((_n, r) =>
    plan.columns.map((_c, c) => ({ count: measured[r * C + c], unitIds: (cellUnits[r * C + c] ?? []).map((u) => rows.study.unitIds[u]) })),
  );
  return {
    rows: nodes.map(nodeOut),
    columns: [...plan.columns],
    cells: grid,
    rowTotals: Array.from(measured.subarray(rowT, rowT + R)),
    columnTotals: Array.from(measured.subarray(colT, colT + C)),
    total: measured[allT],
    measure: options.measure,
    source: coders.label,
  };
}
