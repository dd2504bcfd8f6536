import type Database from 'better-sqlite3';
import type { ParsedAnalysisFilter, Split, SplitColumn } from '../../../shared/api/methods/analysis';
import { AppError } from '../../../shared/api/errors';
import { stmt } from '../store/statements';
import type { CodedRows, DocumentInfo } from './coded-rows';

/** Columns of a split and the column each coding (row index) falls in (−1: no column). */
export interface SplitPlan {
  readonly columns: readonly SplitColumn[];
  columnOf(row: number): number;
}

const NONE_KEY = '';
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Whether a document passes the filter's document and group conditions (as the codings query applies them). */
export function documentPasses(filter: Pick<ParsedAnalysisFilter, 'documentIds' | 'groupIds'>, d: DocumentInfo): boolean {
  if (filter.documentIds && !filter.documentIds.includes(d.id)) return false;
  if (filter.groupIds && !filter.groupIds.includes(d.groupId ?? NONE_KEY)) return false;
  return true;
}

function byDocument(rows: CodedRows, columnOfDocument: Int32Array): SplitPlan['columnOf'] {
  return (i) => columnOfDocument[rows.document[i]];
}

/**
 * Works out a split's columns: the values the coded speakers hold (choices first, in their order),
 * every group or every document passing the filter; a "no value" / "no group" column only when
 * some coding needs it.
 */
export function planSplit(db: Database.Database, split: Split, rows: CodedRows, filter: Pick<ParsedAnalysisFilter, 'documentIds' | 'groupIds'>): SplitPlan {
  const documents = rows.study.documents;
  if (split.kind === 'none') return { columns: [], columnOf: () => -1 };
  if (split.kind === 'document') {
    const shown = documents.filter((d) => documentPasses(filter, d));
    const col = new Int32Array(documents.length).fill(-1);
    shown.forEach((d, i) => (col[d.number - 1] = i));
    return { columns: shown.map((d) => ({ key: d.id, label: d.title })), columnOf: byDocument(rows, col) };
  }
  if (split.kind === 'group') {
    const groups = stmt(db, `SELECT id, name FROM document_groups ORDER BY sort, name`).all() as { id: string; name: string }[];
    const columns: SplitColumn[] = groups.filter((g) => !filter.groupIds || filter.groupIds.includes(g.id)).map((g) => ({ key: g.id, label: g.name }));
    const used = new Set<number>();
    for (let i = 0; i < rows.length; i++) used.add(rows.document[i]);
    if ([...used].some((d) => !documents[d].groupId)) columns.push({ key: NONE_KEY, label: 'No group' });
    const index = new Map(columns.map((c, i) => [c.key, i]));
    const col = Int32Array.from(documents, (d) => index.get(d.groupId ?? NONE_KEY) ?? -1);
    return { columns, columnOf: byDocument(rows, col) };
  }
  const attribute = stmt(db, `SELECT name, choices FROM attributes WHERE id = ?`).get(split.attributeId) as { name: string; choices: string } | undefined;
  if (!attribute) throw new AppError('NOT_FOUND', 'That attribute is not in this project any more; choose another to split by.');
  const study = rows.study;
  const valueOf: string[] = new Array(study.participantIds.length).fill(NONE_KEY);
  for (const v of stmt(db, `SELECT participant_id AS p, value FROM participant_values WHERE attribute_id = ?`).all(split.attributeId) as { p: string; value: string }[]) {
    const p = study.participantIndex.get(v.p);
    if (p !== undefined) valueOf[p] = v.value;
  }
  // Only values someone coded here holds: a facilitator who is never coded would add an empty column.
  const speaks = new Uint8Array(study.participantIds.length + 1);
  for (let i = 0; i < rows.length; i++) speaks[rows.participant[i] + 1] = 1;
  const held = new Set<string>();
  speaks.forEach((yes, k) => yes && held.add(k === 0 ? NONE_KEY : valueOf[k - 1]));
  const choices = (JSON.parse(attribute.choices) as string[]).filter((c) => held.has(c));
  const others = [...held].filter((v) => v !== NONE_KEY && !choices.includes(v)).sort(collator.compare);
  const columns: SplitColumn[] = [...choices, ...others].map((v) => ({ key: v, label: v }));
  if (held.has(NONE_KEY)) columns.push({ key: NONE_KEY, label: `No ${attribute.name.toLowerCase()}` });
  const index = new Map(columns.map((c, i) => [c.key, i]));
  const col = Int32Array.from(valueOf, (v) => index.get(v) ?? -1);
  const none = index.get(NONE_KEY) ?? -1;
  return { columns, columnOf: (i) => (rows.participant[i] >= 0 ? col[rows.participant[i]] : none) };
}
