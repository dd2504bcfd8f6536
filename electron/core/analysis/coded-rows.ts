import type Database from 'better-sqlite3';
import type { ParsedAnalysisFilter } from '../../../shared/api/methods/analysis';
import { stmt } from '../store/statements';
import type { ResolvedCoders } from './coder-choice';

// SQLite hands long lists over as one string per group (group_concat) far faster than row by
// row; ids never contain the ASCII unit separator.
const SEP = '\u001f';
const SEP_SQL = 'char(31)';

export interface DocumentInfo {
  readonly id: string;
  readonly title: string;
  readonly groupId: string | null;
  /** 1-based place in document order: how a meta-synthesis numbers its sources. */
  readonly number: number;
}

/**
 * What the analyses look things up in, by index: documents in order, participants, and every
 * meaning unit with its document, range and speaker.
 */
export interface StudyIndex {
  readonly documents: readonly DocumentInfo[];
  readonly documentIndex: ReadonlyMap<string, number>;
  readonly participantIds: readonly string[];
  readonly participantIndex: ReadonlyMap<string, number>;
  readonly unitIds: readonly string[];
  readonly unitIndex: ReadonlyMap<string, number>;
  readonly unitDocument: Int32Array;
  readonly unitStart: Int32Array;
  readonly unitEnd: Int32Array;
  /** Participant index of the speaker, −1 for none. */
  readonly unitParticipant: Int32Array;
  /** Participant index of whoever speaks at an offset of a document (−1: nobody). */
  speakerAt(document: number, offset: number): number;
}

// The index changes only when the project does: it is kept per connection and rebuilt when
// SQLite's change counters move (this connection's writes, or another connection's commits).
const indexes = new WeakMap<Database.Database, { version: string; index: StudyIndex }>();

/** Moves whenever the project changes: this connection's writes, or another connection's commits. */
export function dataVersion(db: Database.Database): string {
  return `${stmt(db, `SELECT total_changes()`).pluck().get() as number}:${db.pragma('data_version', { simple: true }) as number}`;
}

const split = (s: string | null): string[] => (s ? s.split(SEP) : []);

export function studyIndex(db: Database.Database): StudyIndex {
  const version = dataVersion(db);
  const cached = indexes.get(db);
  if (cached && cached.version === version) return cached.index;
  const index = buildStudyIndex(db);
  indexes.set(db, { version, index });
  return index;
}

function buildStudyIndex(db: Database.Database): StudyIndex {
  const docRows = stmt(db, `SELECT id, title, group_id AS groupId FROM documents ORDER BY sort, title`).all() as Omit<DocumentInfo, 'number'>[];
  const documents = docRows.map((d, i) => ({ ...d, number: i + 1 }));
  const documentIndex = new Map(documents.map((d, i) => [d.id, i]));
  const participantIds = stmt(db, `SELECT id FROM participants ORDER BY sort, label`).pluck().all() as string[];
  const participantIndex = new Map(participantIds.map((p, i) => [p, i]));

  // Turns per document, sorted by start, for finding the speaker at an offset.
  const turns: { start: Int32Array; end: Int32Array; who: Int32Array }[] = documents.map(() => ({ start: new Int32Array(0), end: new Int32Array(0), who: new Int32Array(0) }));
  const turnRows = stmt(
    db,
    `SELECT document_id, group_concat(start, ${SEP_SQL}), group_concat("end", ${SEP_SQL}), group_concat(coalesce(participant_id, ''), ${SEP_SQL})
     FROM turns GROUP BY document_id`,
  )
    .raw()
    .all() as [string, string, string, string][];
  for (const [doc, starts, ends, people] of turnRows) {
    const d = documentIndex.get(doc);
    if (d === undefined) continue;
    const s = split(starts).map(Number);
    const e = split(ends).map(Number);
    const p = split(people).map((id) => (id ? (participantIndex.get(id) ?? -1) : -1));
    const order = s.map((_v, i) => i).sort((a, b) => s[a] - s[b]);
    turns[d] = { start: Int32Array.from(order, (i) => s[i]), end: Int32Array.from(order, (i) => e[i]), who: Int32Array.from(order, (i) => p[i]) };
  }
  const speakerAt = (document: number, offset: number): number => {
    const t = turns[document];
    if (!t) return -1;
    let lo = 0;
    let hi = t.start.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (t.start[mid] <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found >= 0 && offset < t.end[found] ? t.who[found] : -1;
  };

  const unitRows = stmt(
    db,
    `SELECT document_id, group_concat(id, ${SEP_SQL}), group_concat(start, ${SEP_SQL}), group_concat("end", ${SEP_SQL}) FROM meaning_units GROUP BY document_id`,
  )
    .raw()
    .all() as [string, string, string, string][];
  const total = unitRows.reduce((n, r) => n + split(r[1]).length, 0);
  const unitIds: string[] = [];
  const unitIndex = new Map<string, number>();
  const unitDocument = new Int32Array(total);
  const unitStart = new Int32Array(total);
  const unitEnd = new Int32Array(total);
  const unitParticipant = new Int32Array(total);
  for (const [doc, ids, starts, ends] of unitRows) {
    const d = documentIndex.get(doc) ?? -1;
    const s = split(starts);
    const e = split(ends);
    split(ids).forEach((id, k) => {
      const i = unitIds.length;
      unitIds.push(id);
      unitIndex.set(id, i);
      unitDocument[i] = d;
      unitStart[i] = Number(s[k]);
      unitEnd[i] = Number(e[k]);
      unitParticipant[i] = d >= 0 ? speakerAt(d, unitStart[i]) : -1;
    });
  }
  return { documents, documentIndex, participantIds, participantIndex, unitIds, unitIndex, unitDocument, unitStart, unitEnd, unitParticipant, speakerAt };
}

/** The filtered codings, column by column: row i is one coding. */
export interface CodedRows {
  readonly length: number;
  /** Unit index, −1 for a free span. */
  readonly unit: Int32Array;
  /** Index into `codeIds`. */
  readonly code: Int32Array;
  /** Index into the resolved coder ids. */
  readonly coder: Int32Array;
  readonly document: Int32Array;
  /** Participant index of the speaker, −1 for none. */
  readonly participant: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly codeIds: readonly string[];
  readonly study: StudyIndex;
}

export interface CodingsQuery {
  readonly where: string;
  readonly params: Record<string, string>;
}

/**
 * The one place the analysis filter becomes SQL: codings of the chosen coders in the chosen
 * documents and groups. Speakers (and so attribute conditions) are matched in memory.
 */
export function buildCodingsQuery(filter: Pick<ParsedAnalysisFilter, 'documentIds' | 'groupIds'>, coders: ResolvedCoders): CodingsQuery {
  const where = [`c.coder_id IN (SELECT value FROM json_each(@coders))`];
  const params: Record<string, string> = { coders: JSON.stringify(coders.ids) };
  if (filter.documentIds) {
    where.push(`c.document_id IN (SELECT value FROM json_each(@documents))`);
    params.documents = JSON.stringify(filter.documentIds);
  }
  if (filter.groupIds) {
    const ungrouped = filter.groupIds.includes('') ? ' OR d.group_id IS NULL' : '';
    where.push(`c.document_id IN (SELECT d.id FROM documents d WHERE d.group_id IN (SELECT value FROM json_each(@groups))${ungrouped})`);
    params.groups = JSON.stringify(filter.groupIds.filter((g) => g !== ''));
  }
  return { where: where.join(' AND '), params };
}

/** Participant indexes whose values satisfy every attribute condition; null when there is none. */
export function participantsMatching(db: Database.Database, study: StudyIndex, conditions: ParsedAnalysisFilter['attributes']): Uint8Array | null {
  if (!conditions?.length) return null;
  const hits = new Uint8Array(study.participantIds.length);
  for (const c of conditions) {
    const ids = stmt(db, `SELECT participant_id FROM participant_values WHERE attribute_id = ? AND value IN (SELECT value FROM json_each(?))`)
      .pluck()
      .all(c.attributeId, JSON.stringify(c.values)) as string[];
    for (const id of ids) {
      const p = study.participantIndex.get(id);
      if (p !== undefined) hits[p] += 1;
    }
  }
  return hits.map((n) => (n === conditions.length ? 1 : 0));
}

// The last few loaded row sets per connection, for moving between views and options without
// reading the codings again; any change to the project makes them stale.
const ROW_CACHE_SIZE = 4;
const rowCaches = new WeakMap<Database.Database, { key: string; rows: CodedRows }[]>();

/** Every coding that passes the filter: unit codings in one grouped pass over the codings index, then free spans. */
export function loadCodedRows(db: Database.Database, filter: ParsedAnalysisFilter, coders: ResolvedCoders): CodedRows {
  const key = JSON.stringify([dataVersion(db), coders.ids, filter.documentIds ?? null, filter.groupIds ?? null]);
  const cache = rowCaches.get(db) ?? [];
  rowCaches.set(db, cache);
  let rows = cache.find((c) => c.key === key)?.rows;
  if (!rows) {
    rows = readCodedRows(db, filter, coders);
    cache.unshift({ key, rows });
    cache.length = Math.min(cache.length, ROW_CACHE_SIZE);
  }
  const allowed = participantsMatching(db, rows.study, filter.attributes);
  return allowed ? keepRows(rows, (i) => rows.participant[i] >= 0 && allowed[rows.participant[i]] === 1) : rows;
}

function keepRows(rows: CodedRows, keep: (i: number) => boolean): CodedRows {
  const picked: number[] = [];
  for (let i = 0; i < rows.length; i++) if (keep(i)) picked.push(i);
  const take = (a: Int32Array) => Int32Array.from(picked, (i) => a[i]);
  return {
    length: picked.length,
    unit: take(rows.unit),
    code: take(rows.code),
    coder: take(rows.coder),
    document: take(rows.document),
    participant: take(rows.participant),
    start: take(rows.start),
    end: take(rows.end),
    codeIds: rows.codeIds,
    study: rows.study,
  };
}

function readCodedRows(db: Database.Database, filter: ParsedAnalysisFilter, coders: ResolvedCoders): CodedRows {
  const study = studyIndex(db);
  const q = buildCodingsQuery(filter, coders);
  const grouped = coders.ids.length
    ? (stmt(db, `SELECT coder_id, code_id, group_concat(unit_id, ${SEP_SQL}) FROM codings c WHERE c.unit_id IS NOT NULL AND ${q.where} GROUP BY coder_id, code_id`)
        .raw()
        .all(q.params) as [string, string, string][])
    : [];
  const spans = coders.ids.length
    ? (stmt(db, `SELECT coder_id, code_id, document_id, start, "end" FROM codings c WHERE c.unit_id IS NULL AND ${q.where}`).raw().all(q.params) as [
        string,
        string,
        string,
        number,
        number,
      ][])
    : [];
  const coderIndex = new Map(coders.ids.map((id, i) => [id, i]));
  const codeIds: string[] = [];
  const codeIndex = new Map<string, number>();
  const codeOf = (id: string) => {
    let i = codeIndex.get(id);
    if (i === undefined) {
      i = codeIds.length;
      codeIds.push(id);
      codeIndex.set(id, i);
    }
    return i;
  };
  let capacity = spans.length;
  const lists = grouped.map(([coder, code, units]) => {
    const ids = split(units);
    capacity += ids.length;
    return { coder: coderIndex.get(coder) ?? -1, code: codeOf(code), ids };
  });
  const out = {
    unit: new Int32Array(capacity),
    code: new Int32Array(capacity),
    coder: new Int32Array(capacity),
    document: new Int32Array(capacity),
    participant: new Int32Array(capacity),
    start: new Int32Array(capacity),
    end: new Int32Array(capacity),
  };
  let n = 0;
  const push = (unit: number, code: number, coder: number, document: number, participant: number, start: number, end: number) => {
    out.unit[n] = unit;
    out.code[n] = code;
    out.coder[n] = coder;
    out.document[n] = document;
    out.participant[n] = participant;
    out.start[n] = start;
    out.end[n] = end;
    n += 1;
  };
  for (const { coder, code, ids } of lists) {
    for (const id of ids) {
      const u = study.unitIndex.get(id);
      if (u === undefined) continue;
      push(u, code, coder, study.unitDocument[u], study.unitParticipant[u], study.unitStart[u], study.unitEnd[u]);
    }
  }
  for (const [coder, code, documentId, start, end] of spans) {
    const d = study.documentIndex.get(documentId);
    if (d === undefined) continue;
    push(-1, codeOf(code), coderIndex.get(coder) ?? -1, d, study.speakerAt(d, start), start, end);
  }
  return {
    length: n,
    unit: out.unit.subarray(0, n),
    code: out.code.subarray(0, n),
    coder: out.coder.subarray(0, n),
    document: out.document.subarray(0, n),
    participant: out.participant.subarray(0, n),
    start: out.start.subarray(0, n),
    end: out.end.subarray(0, n),
    codeIds,
    study,
  };
}
