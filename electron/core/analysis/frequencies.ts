import type Database from 'better-sqlite3';
import type { Frequencies, FrequencyRow, ParsedAnalysisFilter, SourceRow, Split, Tally } from '../../../shared/api/methods/analysis';
import { sourcesLabel } from '../../../shared/domain/number-ranges';
import type { NodeLevel } from '../../../shared/domain/vocabulary';
import { type CoderContext, NO_CODER_CONTEXT, resolveCoders } from './coder-choice';
import { type CodedRows, loadCodedRows, studyIndex } from './coded-rows';
import { type CodebookIndex, loadCodebookIndex, nodeOut } from './codebook-index';
import { DistinctCounter, orderBy } from './counting';
import { planSplit } from './split';

export interface FrequencyOptions {
  readonly filter: ParsedAnalysisFilter;
  readonly split: Split;
}

/** For each code in the rows, the node indexes it counts towards (itself and everything above it). */
export function rollUpTargets(rows: CodedRows, codebook: CodebookIndex): number[][] {
  return rows.codeIds.map((id) => codebook.selfAndAncestors(id).map((n) => codebook.position.get(n)!));
}

/**
 * For every codebook node: codings, meaning units, participants (speakers) and documents of its
 * own codings and those of every code beneath it, in total and per column of the split.
 */
export function computeFrequencies(db: Database.Database, options: FrequencyOptions, ctx: CoderContext = NO_CODER_CONTEXT): Frequencies {
  const coders = resolveCoders(db, options.filter.coder, ctx);
  const rows = loadCodedRows(db, options.filter, coders);
  const codebook = loadCodebookIndex(db);
  const plan = planSplit(db, options.split, rows, options.filter);
  const study = rows.study;
  const targets = rollUpTargets(rows, codebook);
  // Tally t = node × (columns + 1) + (column + 1); column −1 is the node's total.
  const stride = plan.columns.length + 1;
  const tallies = codebook.nodes.length * stride;
  const columnOf = Int32Array.from({ length: rows.length }, (_v, i) => plan.columnOf(i));
  const codings = new Int32Array(tallies);
  const visit = (i: number, f: (t: number) => void) => {
    for (const n of targets[rows.code[i]]) {
      f(n * stride);
      if (columnOf[i] >= 0) f(n * stride + columnOf[i] + 1);
    }
  };
  for (let i = 0; i < rows.length; i++) visit(i, (t) => (codings[t] += 1));
  const distinct = (keys: Int32Array, size: number) => {
    const counter = new DistinctCounter(tallies);
    for (const i of orderBy(keys, size)) if (keys[i] >= 0) visit(i, (t) => counter.see(t, keys[i]));
    return counter.counts;
  };
  const units = distinct(rows.unit, study.unitIds.length);
  const participants = distinct(rows.participant, study.participantIds.length);
  const documents = distinct(rows.document, study.documents.length);
  const sources = new Map<number, number[]>();
  for (const i of orderBy(rows.document, study.documents.length)) {
    for (const n of targets[rows.code[i]]) {
      const list = sources.get(n) ?? [];
      const number = rows.document[i] + 1;
      if (list[list.length - 1] !== number) list.push(number);
      sources.set(n, list);
    }
  }
  const tally = (t: number): Tally => ({ codings: codings[t], units: units[t], participants: participants[t], documents: documents[t] });
  const out: FrequencyRow[] = codebook.nodes.map((node, n) => ({
    ...nodeOut(node),
    total: tally(n * stride),
    byColumn: plan.columns.map((_c, j) => tally(n * stride + j + 1)),
    sources: sources.get(n) ?? [],
  }));
  return { columns: [...plan.columns], rows: out, source: coders.label };
}

/** Which documents support each node (optionally only one level's nodes), numbered in document order. */
export function computeSources(
  db: Database.Database,
  options: { readonly filter: ParsedAnalysisFilter; readonly level?: NodeLevel },
  ctx: CoderContext = NO_CODER_CONTEXT,
): SourceRow[] {
  const freq = computeFrequencies(db, { filter: options.filter, split: { kind: 'none' } }, ctx);
  const documents = studyIndex(db).documents;
  return freq.rows
    .filter((r) => !options.level || r.level === options.level)
    .map((r) => ({
      nodeId: r.nodeId,
      name: r.name,
      level: r.level,
      documents: r.sources.map((n) => ({ documentId: documents[n - 1].id, number: n, title: documents[n - 1].title })),
      label: sourcesLabel(r.name, r.sources),
    }));
}
