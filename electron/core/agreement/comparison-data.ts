import type Database from 'better-sqlite3';
import type { Coder } from '../../../shared/api/entities';
import type { NodeLevel } from '../../../shared/domain/vocabulary';
import { AppError } from '../../../shared/api/errors';
import { getCoder } from '../repos/coders-repo';
import { stmt } from '../store/statements';

// Everything a comparison needs, read in a handful of queries (never one per unit), ordered as the
// researcher sees it: documents in navigator order, units by position, codes in codebook order.

export interface DocumentInfo {
  readonly id: string;
  readonly title: string;
  readonly sessionName: string;
  readonly length: number;
}

export interface UnitInfo {
  readonly id: string;
  readonly documentId: string;
  readonly start: number;
  readonly end: number;
}

export interface CodingInfo {
  readonly codeId: string;
  readonly coderId: string;
  readonly documentId: string;
  readonly unitId: string | null;
  readonly start: number | null;
  readonly end: number | null;
}

export interface NodeInfo {
  readonly id: string;
  readonly level: NodeLevel;
  readonly name: string;
  readonly colour: string;
  readonly definition: string;
  readonly inclusion: string;
  readonly exclusion: string;
  readonly parentIds: readonly string[];
}

export interface TurnInfo {
  readonly id: string;
  readonly documentId: string;
  readonly participantId: string | null;
  readonly speakerLabel: string | null;
  readonly start: number;
  readonly end: number;
  readonly timestamp: string | null;
  readonly isFacilitator: boolean;
}

export function loadDocuments(db: Database.Database): DocumentInfo[] {
  // Lengths in UTF-16 code units, as every span is stored: SQLite's length() counts code points,
  // which is shorter than the text as soon as it holds an emoji or another astral character.
  return cached(db, 'documents', () =>
    (stmt(db, `SELECT id, title, session_name AS sessionName, text FROM documents ORDER BY sort, title`).all() as (Omit<DocumentInfo, 'length'> & { text: string })[]).map(
      ({ text, ...d }) => ({ ...d, length: text.length }),
    ),
  );
}

/** Units in navigator order: documents as listed, units by position (read along the index, ordered here). */
export function loadUnits(db: Database.Database): UnitInfo[] {
  return cached(db, 'units', () => {
    const rows = stmt(db, `SELECT id, document_id, start, "end" FROM meaning_units ORDER BY document_id, start, id`).raw().all() as [string, string, number, number][];
    const byDoc = new Map<string, UnitInfo[]>();
    for (const [id, documentId, start, end] of rows) {
      let list = byDoc.get(documentId);
      if (!list) byDoc.set(documentId, (list = []));
      list.push({ id, documentId, start, end });
    }
    return loadDocuments(db).flatMap((d) => byDoc.get(d.id) ?? []);
  });
}

/**
 * The codings of these coders. Unit codings are read as three columns and take their document
 * from the unit: at 200,000 codings, reading fewer strings is most of the cost.
 */
export function loadCodings(db: Database.Database, coderIds: readonly string[]): CodingInfo[] {
  const all = cached(db, 'codings', () => {
    const docOf = new Map(loadUnits(db).map((u) => [u.id, u.documentId] as const));
    const out: CodingInfo[] = [];
    for (const [unitId, codeId, coderId] of stmt(db, `SELECT unit_id, code_id, coder_id FROM codings WHERE unit_id IS NOT NULL`).raw().all() as [string, string, string][]) {
      const documentId = docOf.get(unitId);
      if (documentId) out.push({ codeId, coderId, documentId, unitId, start: null, end: null });
    }
    const spans = stmt(db, `SELECT code_id, coder_id, document_id, start, "end" FROM codings WHERE unit_id IS NULL`).raw().all() as [string, string, string, number, number][];
    for (const [codeId, coderId, documentId, start, end] of spans) out.push({ codeId, coderId, documentId, unitId: null, start, end });
    return out;
  });
  const wanted = new Set(coderIds);
  return all.filter((c) => wanted.has(c.coderId));
}

// Comparisons read the same rows again and again (another level, another filter, the list after
// the figures). Only this connection writes the file, so SQLite's change counter says when to re-read.
const caches = new WeakMap<Database.Database, { changes: number; values: Map<string, unknown> }>();

function cached<T>(db: Database.Database, name: string, load: () => T): T {
  const changes = stmt(db, `SELECT total_changes()`).pluck().get() as number;
  let entry = caches.get(db);
  if (!entry || entry.changes !== changes) {
    entry = { changes, values: new Map() };
    caches.set(db, entry);
  }
  if (!entry.values.has(name)) entry.values.set(name, load());
  return entry.values.get(name) as T;
}

/** Codebook nodes in tree order (depth first, siblings by their sort), each once. */
export function loadNodes(db: Database.Database): NodeInfo[] {
  const rows = stmt(db, `SELECT id, level, name, colour, definition, inclusion, exclusion, sort FROM codebook_nodes ORDER BY sort, name`).all() as (Omit<
    NodeInfo,
    'parentIds'
  > & { sort: number })[];
  const links = stmt(db, `SELECT parent_id AS p, child_id AS c FROM codebook_links ORDER BY sort`).all() as { p: string; c: string }[];
  const parents = new Map<string, string[]>();
  const children = new Map<string, string[]>();
  for (const l of links) {
    parents.set(l.c, [...(parents.get(l.c) ?? []), l.p]);
    children.set(l.p, [...(children.get(l.p) ?? []), l.c]);
  }
  const byId = new Map(rows.map((r) => [r.id, r] as const));
  const ordered: NodeInfo[] = [];
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    const r = byId.get(id);
    if (!r) return;
    ordered.push({ id: r.id, level: r.level, name: r.name, colour: r.colour, definition: r.definition, inclusion: r.inclusion, exclusion: r.exclusion, parentIds: parents.get(r.id) ?? [] });
    const kids = (children.get(id) ?? []).map((k) => byId.get(k)).filter((k): k is NonNullable<typeof k> => !!k);
    kids.sort((x, y) => x.sort - y.sort || x.name.localeCompare(y.name));
    for (const k of kids) visit(k.id);
  };
  for (const r of rows) if (!parents.has(r.id)) visit(r.id);
  for (const r of rows) visit(r.id);
  return ordered;
}

export function loadTurns(db: Database.Database): TurnInfo[] {
  const rows = stmt(
    db,
    `SELECT id, document_id AS documentId, participant_id AS participantId, speaker_label AS speakerLabel, start, "end", timestamp, is_facilitator AS f FROM turns ORDER BY document_id, start`,
  ).all() as (Omit<TurnInfo, 'isFacilitator'> & { f: number })[];
  return rows.map(({ f, ...t }) => ({ ...t, isFacilitator: f === 1 }));
}

/** The turn each unit starts in, by one sweep per document over units and turns sorted by start. */
export function turnOfUnits(units: readonly UnitInfo[], turns: readonly TurnInfo[]): Map<string, TurnInfo> {
  const turnsByDoc = new Map<string, TurnInfo[]>();
  for (const t of turns) {
    const list = turnsByDoc.get(t.documentId) ?? [];
    list.push(t);
    turnsByDoc.set(t.documentId, list);
  }
  const byDoc = new Map<string, UnitInfo[]>();
  for (const u of units) {
    const list = byDoc.get(u.documentId) ?? [];
    list.push(u);
    byDoc.set(u.documentId, list);
  }
  const out = new Map<string, TurnInfo>();
  for (const [doc, list] of byDoc) {
    const ts = turnsByDoc.get(doc) ?? [];
    const sorted = [...list].sort((a, b) => a.start - b.start);
    let i = 0;
    for (const u of sorted) {
      while (i + 1 < ts.length && ts[i + 1].start <= u.start) i += 1;
      const t = ts[i];
      if (t && t.start <= u.start && u.start < Math.max(t.end, t.start + 1)) out.set(u.id, t);
    }
  }
  return out;
}

/** The people a comparison may name: never the consensus pseudo-coder. */
export function requireComparableCoders(db: Database.Database, ids: readonly string[]): Coder[] {
  if (new Set(ids).size !== ids.length) throw new AppError('BAD_REQUEST', 'Choose different coders to compare: the same coder appears twice.');
  return ids.map((id) => {
    const c = getCoder(db, id);
    if (c.role === 'consensus') {
      throw new AppError('BAD_REQUEST', 'The consensus is built from the resolutions and cannot be compared with the coders. Choose two people who coded.');
    }
    return c;
  });
}

/** Every node's codes beneath it (itself included), limited to the given codes. */
export function codesBeneath(nodes: readonly NodeInfo[], codeIds: ReadonlySet<string>): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const n of nodes) for (const p of n.parentIds) children.set(p, [...(children.get(p) ?? []), n.id]);
  const memo = new Map<string, Set<string>>();
  const collect = (id: string, path: Set<string>): Set<string> => {
    const known = memo.get(id);
    if (known) return known;
    const out = new Set<string>();
    if (codeIds.has(id)) out.add(id);
    for (const c of children.get(id) ?? []) {
      if (path.has(c)) continue;
      path.add(c);
      for (const x of collect(c, path)) out.add(x);
      path.delete(c);
    }
    memo.set(id, out);
    return out;
  };
  return new Map(nodes.map((n) => [n.id, [...collect(n.id, new Set([n.id]))]] as const));
}
