import type Database from 'better-sqlite3';
import { type Cooccurrence, type CooccurrenceCell, CooccurrenceOptions, type TextRange } from '../../../shared/api/methods/analysis';
import { type CoderContext, NO_CODER_CONTEXT, resolveCoders } from './coder-choice';
import type { CodedRows } from './coded-rows';
import { loadCodedRows } from './coded-rows';
import { loadCodebookIndex, nodeOut } from './codebook-index';
import { DistinctCounter, orderBy } from './counting';

/** Level and mode; anything left out takes the contract's default (codes on the same unit, all filters off). */
export type ComputeCooccurrenceOptions = CooccurrenceOptions;

class Pair {
  lastUnit = -1;
  readonly units: number[] = [];
  readonly ranges = new Map<string, TextRange>();
}

/** Pairs of node indexes (a < b) as one number key. */
const SHIFT = 1 << 20;
const pairKey = (a: number, b: number) => (a < b ? a * SHIFT + b : b * SHIFT + a);

/**
 * Nodes applied together by the same coder: on the same meaning unit, or (overlap mode) on
 * stretches of text that overlap, free spans included. Unit mode walks the (unit, code) pairs
 * once in unit order; overlap mode sweeps each document's codings in start order.
 */
export function computeCooccurrence(db: Database.Database, input: ComputeCooccurrenceOptions, ctx: CoderContext = NO_CODER_CONTEXT): Cooccurrence {
  const options = CooccurrenceOptions.parse(input);
  const coders = resolveCoders(db, options.filter.coder, ctx);
  const rows = loadCodedRows(db, options.filter, coders);
  const codebook = loadCodebookIndex(db);
  const nodes = codebook.nodes.filter((n) => n.level === options.level);
  const index = new Map(nodes.map((n, i) => [n.nodeId, i]));
  const targets = rows.codeIds.map((id) => codebook.atLevel(id, options.level).map((n) => index.get(n)!));
  const pairs = new Map<number, Pair>();
  const pair = (a: number, b: number) => {
    const key = pairKey(a, b);
    let p = pairs.get(key);
    if (!p) pairs.set(key, (p = new Pair()));
    return p;
  };
  const own = options.mode === 'unit' ? unitPairs(rows, targets, nodes.length, pair) : overlapPairs(rows, targets, nodes.length, pair);
  const cells: CooccurrenceCell[] = [];
  for (const [key, p] of pairs) {
    const a = Math.floor(key / SHIFT);
    const b = key % SHIFT;
    const count = options.mode === 'unit' ? p.units.length : p.ranges.size;
    const union = own[a] + own[b] - count;
    cells.push({
      a,
      b,
      count,
      jaccard: options.mode === 'unit' && union > 0 ? count / union : null,
      unitIds: [...new Set(p.units)].map((u) => rows.study.unitIds[u]),
      ranges: [...p.ranges.values()],
    });
  }
  cells.sort((x, y) => y.count - x.count || x.a - y.a || x.b - y.b);
  return { nodes: nodes.map((n, i) => ({ ...nodeOut(n), units: own[i] })), cells, mode: options.mode, source: coders.label };
}

/** Same-unit pairs; returns the distinct units of each node. */
function unitPairs(rows: CodedRows, targets: readonly number[][], nodeCount: number, pair: (a: number, b: number) => Pair): Int32Array {
  const own = new DistinctCounter(nodeCount);
  // The (coder, node) pairs on the current unit, as two parallel lists.
  const coders: number[] = [];
  const nodes: number[] = [];
  const flush = (unit: number) => {
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        if (coders[i] !== coders[j] || nodes[i] === nodes[j]) continue;
        const p = pair(nodes[i], nodes[j]);
        if (p.lastUnit !== unit) {
          p.lastUnit = unit;
          p.units.push(unit);
        }
      }
    }
    coders.length = 0;
    nodes.length = 0;
  };
  let current = -1;
  for (const i of orderBy(rows.unit, rows.study.unitIds.length)) {
    const unit = rows.unit[i];
    if (unit < 0) continue;
    if (unit !== current) {
      if (nodes.length > 1) flush(current);
      else {
        coders.length = 0;
        nodes.length = 0;
      }
      current = unit;
    }
    for (const node of targets[rows.code[i]]) {
      own.see(node, unit);
      coders.push(rows.coder[i]);
      nodes.push(node);
    }
  }
  if (nodes.length > 1) flush(current);
  return own.counts;
}

/** Overlapping codings of one document and coder; returns the distinct coded stretches of each node. */
function overlapPairs(rows: CodedRows, targets: readonly number[][], nodeCount: number, pair: (a: number, b: number) => Pair): Int32Array {
  const stretches = Array.from({ length: nodeCount }, () => new Set<string>());
  const streams = new Map<number, number[]>();
  const coders = Math.max(1, ...Array.from(rows.coder, (c) => c + 1));
  for (let i = 0; i < rows.length; i++) {
    if (targets[rows.code[i]].length === 0) continue;
    const key = rows.document[i] * coders + rows.coder[i];
    let s = streams.get(key);
    if (!s) streams.set(key, (s = []));
    s.push(i);
  }
  for (const stream of streams.values()) {
    stream.sort((x, y) => rows.start[x] - rows.start[y] || rows.end[x] - rows.end[y]);
    let active: number[] = [];
    for (const i of stream) {
      const start = rows.start[i];
      active = active.filter((j) => rows.end[j] > start);
      for (const node of targets[rows.code[i]]) {
        stretches[node].add(`${rows.document[i]}:${start}:${rows.end[i]}`);
        for (const j of active) {
          for (const other of targets[rows.code[j]]) {
            if (other === node) continue;
            const p = pair(node, other);
            const end = Math.min(rows.end[i], rows.end[j]);
            const documentId = rows.study.documents[rows.document[i]].id;
            p.ranges.set(`${documentId}:${start}:${end}`, { documentId, start, end });
            if (rows.unit[i] >= 0) p.units.push(rows.unit[i]);
            if (rows.unit[j] >= 0) p.units.push(rows.unit[j]);
          }
        }
      }
      active.push(i);
    }
  }
  return Int32Array.from(stretches, (s) => s.size);
}
