import type Database from 'better-sqlite3';
import type { Coder } from '../../../shared/api/entities';
import type { CodeRef, Discrepancy, DiscrepancyDetail, DiscrepancyFilter, DiscrepancyList, Resolution } from '../../../shared/api/methods/agreement';
import { AppError } from '../../../shared/api/errors';
import type { DiscrepancyType } from '../../../shared/domain/agreement-options';
import type { ResolutionDecision } from '../../../shared/domain/vocabulary';
import { resolveScope } from './scope';
import { stmt } from '../store/statements';
import {
  loadCodings,
  loadDocuments,
  loadNodes,
  loadTurns,
  loadUnits,
  requireComparableCoders,
  type DocumentInfo,
  type NodeInfo,
  type TurnInfo,
  type UnitInfo,
} from './comparison-data';

// Two coders' codings side by side: where they agree (which goes into the consensus as it is)
// and where they differ, classified, with the resolver's latest decision on each difference.

export interface SpanRef {
  readonly codeId: string;
  readonly start: number;
  readonly end: number;
}

export interface DiscrepancyCore {
  readonly key: string;
  readonly type: DiscrepancyType;
  readonly documentId: string;
  readonly unitId: string | null;
  readonly start: number;
  readonly end: number;
  readonly codesA: readonly string[];
  readonly codesB: readonly string[];
  readonly common: readonly string[];
  readonly spansA: readonly SpanRef[];
  readonly spansB: readonly SpanRef[];
}

export interface PairComparison {
  readonly coderA: Coder;
  readonly coderB: Coder;
  readonly documents: readonly DocumentInfo[];
  readonly documentById: ReadonlyMap<string, DocumentInfo>;
  readonly units: readonly UnitInfo[];
  /** Per unit of the compared documents, each coder's codes. */
  readonly unitCodes: ReadonlyMap<string, { readonly a: ReadonlySet<string>; readonly b: ReadonlySet<string> }>;
  /** Per compared document, the free spans both coders placed identically. */
  readonly agreedSpans: ReadonlyMap<string, readonly SpanRef[]>;
  readonly discrepancies: readonly DiscrepancyCore[];
  readonly agreedUnits: number;
  readonly nodes: ReadonlyMap<string, NodeInfo>;
}

export interface StoredResolution {
  readonly id: string;
  readonly key: string;
  readonly decision: ResolutionDecision;
  readonly otherCodeId: string | null;
  readonly coderAId: string | null;
  readonly coderBId: string | null;
}

export function unitKey(unitId: string): string {
  return `u:${unitId}`;
}

export function spanKey(documentId: string, start: number, end: number): string {
  return `s:${documentId}:${start}:${end}`;
}

/**
 * Compares two coders over the documents both were given (the figures' default scope), so a unit
 * one coder coded in a document the other left untouched is a discrepancy too, never left out.
 */
export function comparePair(db: Database.Database, coderAId: string, coderBId: string): PairComparison {
  const [coderA, coderB] = requireComparableCoders(db, [coderAId, coderBId]);
  const codings = loadCodings(db, [coderAId, coderBId]);
  const all = loadDocuments(db);
  const inScope = new Set(resolveScope(db, [coderA, coderB], all, { documents: 'auto' }).documentIds);
  const documents = all.filter((d) => inScope.has(d.id));
  const units = loadUnits(db).filter((u) => inScope.has(u.documentId));

  const unitCodes = new Map<string, { a: Set<string>; b: Set<string> }>();
  for (const u of units) unitCodes.set(u.id, { a: new Set(), b: new Set() });
  const spans = new Map<string, { a: SpanRef[]; b: SpanRef[] }>();
  for (const c of codings) {
    if (!inScope.has(c.documentId)) continue;
    const isA = c.coderId === coderAId;
    if (c.unitId) {
      const entry = unitCodes.get(c.unitId);
      if (entry) (isA ? entry.a : entry.b).add(c.codeId);
    } else if (c.start !== null && c.end !== null) {
      const entry = spans.get(c.documentId) ?? { a: [], b: [] };
      (isA ? entry.a : entry.b).push({ codeId: c.codeId, start: c.start, end: c.end });
      spans.set(c.documentId, entry);
    }
  }

  const discrepancies: DiscrepancyCore[] = [];
  let agreedUnits = 0;
  for (const u of units) {
    const { a, b } = unitCodes.get(u.id)!;
    if (sameSet(a, b)) {
      if (a.size > 0) agreedUnits += 1;
      continue;
    }
    const common = [...a].filter((x) => b.has(x));
    const onlyA = [...a].filter((x) => !b.has(x));
    const onlyB = [...b].filter((x) => !a.has(x));
    discrepancies.push({
      key: unitKey(u.id),
      type: onlyA.length > 0 && onlyB.length > 0 ? 'different-code' : 'one-coder-only',
      documentId: u.documentId,
      unitId: u.id,
      start: u.start,
      end: u.end,
      codesA: [...a],
      codesB: [...b],
      common,
      spansA: [],
      spansB: [],
    });
  }
  const agreedSpans = new Map<string, SpanRef[]>();
  for (const d of documents) {
    const entry = spans.get(d.id);
    if (!entry) continue;
    const { agreed, clusters } = clusterSpans(entry.a, entry.b);
    agreedSpans.set(d.id, agreed);
    for (const c of clusters) discrepancies.push(spanDiscrepancy(d.id, c));
  }
  const docOrder = new Map(documents.map((d, i) => [d.id, i] as const));
  discrepancies.sort((x, y) => docOrder.get(x.documentId)! - docOrder.get(y.documentId)! || x.start - y.start || x.end - y.end);
  const nodes = new Map(loadNodes(db).map((n) => [n.id, n] as const));
  const documentById = new Map(documents.map((d) => [d.id, d] as const));
  return { coderA, coderB, documents, documentById, units, unitCodes, agreedSpans, discrepancies, agreedUnits, nodes };
}

interface Cluster {
  readonly start: number;
  readonly end: number;
  readonly a: SpanRef[];
  readonly b: SpanRef[];
}

/** Identical spans agree; the rest are grouped into clusters of overlapping spans (any code). */
export function clusterSpans(a: readonly SpanRef[], b: readonly SpanRef[]): { agreed: SpanRef[]; clusters: Cluster[] } {
  const id = (s: SpanRef) => `${s.codeId}|${s.start}|${s.end}`;
  const inB = new Set(b.map(id));
  const inA = new Set(a.map(id));
  const agreed = dedupe(a.filter((s) => inB.has(id(s))));
  const rest = [
    ...a.filter((s) => !inB.has(id(s))).map((s) => ({ s, who: 'a' as const })),
    ...b.filter((s) => !inA.has(id(s))).map((s) => ({ s, who: 'b' as const })),
  ].sort((x, y) => x.s.start - y.s.start || x.s.end - y.s.end);
  const clusters: Cluster[] = [];
  let current: { start: number; end: number; a: SpanRef[]; b: SpanRef[] } | null = null;
  for (const { s, who } of rest) {
    if (!current || s.start >= current.end) {
      current = { start: s.start, end: s.end, a: [], b: [] };
      clusters.push(current);
    }
    current.end = Math.max(current.end, s.end);
    current[who].push(s);
  }
  return { agreed, clusters };
}

function spanDiscrepancy(documentId: string, c: Cluster): DiscrepancyCore {
  const codesA = [...new Set(c.a.map((s) => s.codeId))];
  const codesB = [...new Set(c.b.map((s) => s.codeId))];
  const type: DiscrepancyType = c.a.length === 0 || c.b.length === 0 ? 'one-coder-only' : sameSet(new Set(codesA), new Set(codesB)) ? 'boundaries' : 'different-code';
  return {
    key: spanKey(documentId, c.start, c.end),
    type,
    documentId,
    unitId: null,
    start: c.start,
    end: c.end,
    codesA,
    codesB,
    common: codesA.filter((x) => codesB.includes(x)),
    spansA: c.a,
    spansB: c.b,
  };
}

function sameSet<T>(x: ReadonlySet<T>, y: ReadonlySet<T>): boolean {
  if (x.size !== y.size) return false;
  for (const v of x) if (!y.has(v)) return false;
  return true;
}

function dedupe(spans: readonly SpanRef[]): SpanRef[] {
  const seen = new Set<string>();
  return spans.filter((s) => {
    const k = `${s.codeId}|${s.start}|${s.end}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Resolutions

const RESOLUTION_SQL = `
  SELECT r.id, r.document_id AS documentId, d.title AS documentTitle, r.unit_id AS unitId,
         coalesce(r.start, u.start) AS start, coalesce(r."end", u."end") AS "end", r.code_id AS codeId, cn.name AS codeName,
         r.discrepancy_type AS discrepancyType, r.decision, r.other_code_id AS otherCodeId, o.name AS otherCodeName, r.rationale,
         r.coder_a_id AS coderAId, ca.name AS coderAName, r.coder_b_id AS coderBId, cb.name AS coderBName,
         r.resolver_id AS resolverId, rv.name AS resolverName, r.decided_at AS decidedAt
  FROM resolutions r
  JOIN documents d ON d.id = r.document_id
  LEFT JOIN meaning_units u ON u.id = r.unit_id
  LEFT JOIN codebook_nodes cn ON cn.id = r.code_id
  LEFT JOIN codebook_nodes o ON o.id = r.other_code_id
  LEFT JOIN coders ca ON ca.id = r.coder_a_id
  LEFT JOIN coders cb ON cb.id = r.coder_b_id
  JOIN coders rv ON rv.id = r.resolver_id`;

type ResolutionRow = Omit<Resolution, 'key'>;

/** The resolution log, oldest first; with a pair, only decisions on that pair (either order). */
export function listResolutions(db: Database.Database, coderAId?: string, coderBId?: string): Resolution[] {
  const rows = stmt(db, `${RESOLUTION_SQL} ORDER BY r.decided_at, r.rowid`).all() as ResolutionRow[];
  // The decided words are cut from the text here, by the UTF-16 offsets the project keeps: SQLite's
  // substr counts code points, so after an emoji it cut beside the words. Each text is read once.
  const texts = new Map<string, string>();
  const textOf = (documentId: string) => {
    let text = texts.get(documentId);
    if (text === undefined) texts.set(documentId, (text = (stmt(db, `SELECT text FROM documents WHERE id = ?`).pluck().get(documentId) as string | undefined) ?? ''));
    return text;
  };
  const toResolution = (r: ResolutionRow): Resolution => {
    const key = r.unitId ? unitKey(r.unitId) : spanKey(r.documentId, r.start ?? 0, r.end ?? 0);
    return { ...r, key, text: r.start === null || r.end === null ? '' : textOf(r.documentId).slice(r.start, r.end) };
  };
  const pair = coderAId && coderBId ? new Set([coderAId, coderBId]) : null;
  const one = coderAId ?? coderBId;
  return rows
    .filter((r) => {
      if (pair) return r.coderAId !== null && r.coderBId !== null && pair.has(r.coderAId) && pair.has(r.coderBId) && r.coderAId !== r.coderBId;
      if (one) return r.coderAId === one || r.coderBId === one;
      return true;
    })
    .map(toResolution);
}

/** Every decision on the pair, by discrepancy key, oldest first (the last one counts). */
export function resolutionsByKey(db: Database.Database, coderAId: string, coderBId: string): Map<string, Resolution[]> {
  const map = new Map<string, Resolution[]>();
  for (const r of listResolutions(db, coderAId, coderBId)) map.set(r.key, [...(map.get(r.key) ?? []), r]);
  return map;
}

// ---------------------------------------------------------------------------------------------
// The list and one discrepancy in context

interface Texts {
  textOf(documentId: string): string;
}

function documentTexts(db: Database.Database): Texts {
  const cache = new Map<string, string>();
  return {
    textOf(documentId) {
      let text = cache.get(documentId);
      if (text === undefined) {
        text = (stmt(db, `SELECT text FROM documents WHERE id = ?`).pluck().get(documentId) as string | undefined) ?? '';
        cache.set(documentId, text);
      }
      return text;
    },
  };
}

function codeRefs(ids: readonly string[], nodes: ReadonlyMap<string, NodeInfo>): CodeRef[] {
  return ids.map((id) => {
    const n = nodes.get(id);
    return { id, name: n?.name ?? '(deleted code)', colour: n?.colour ?? '#888888' };
  });
}

interface Speakers {
  turnAt(documentId: string, offset: number): TurnInfo | undefined;
  turnsOf(documentId: string): readonly TurnInfo[];
  pseudonymOf(participantId: string | null): string | null;
}

function speakers(db: Database.Database): Speakers {
  const byDoc = new Map<string, TurnInfo[]>();
  for (const t of loadTurns(db)) {
    let list = byDoc.get(t.documentId);
    if (!list) byDoc.set(t.documentId, (list = []));
    list.push(t);
  }
  const pseudonyms = new Map(
    (stmt(db, `SELECT id, pseudonym FROM participants`).all() as { id: string; pseudonym: string }[]).map((p) => [p.id, p.pseudonym] as const),
  );
  return {
    turnAt(documentId, offset) {
      const list = byDoc.get(documentId) ?? [];
      // The last turn starting at or before the offset, by binary search over turns sorted by start.
      let lo = 0;
      let hi = list.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid].start <= offset) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      const t = found >= 0 ? list[found] : undefined;
      return t && offset < Math.max(t.end, t.start + 1) ? t : undefined;
    },
    turnsOf: (documentId) => byDoc.get(documentId) ?? [],
    pseudonymOf: (id) => (id ? (pseudonyms.get(id) ?? null) : null),
  };
}

function toDiscrepancy(core: DiscrepancyCore, cmp: PairComparison, texts: Texts, who: Speakers, history: readonly Resolution[] | undefined): Discrepancy {
  const doc = cmp.documentById.get(core.documentId)!;
  const turn = who.turnAt(core.documentId, core.start);
  const latest = history?.[history.length - 1] ?? null;
  return {
    key: core.key,
    type: core.type,
    documentId: core.documentId,
    documentTitle: doc.title,
    sessionName: doc.sessionName,
    unitId: core.unitId,
    start: core.start,
    end: core.end,
    text: texts.textOf(core.documentId).slice(core.start, core.end),
    speaker: turn?.speakerLabel ?? null,
    pseudonym: who.pseudonymOf(turn?.participantId ?? null),
    codesA: codeRefs(core.codesA, cmp.nodes),
    codesB: codeRefs(core.codesB, cmp.nodes),
    common: codeRefs(core.common, cmp.nodes),
    spansA: [...core.spansA],
    spansB: [...core.spansB],
    status: latest ? 'resolved' : 'open',
    resolution: latest,
  };
}

export function discrepancyList(db: Database.Database, filter: Required<Pick<DiscrepancyFilter, 'coderAId' | 'coderBId'>> & DiscrepancyFilter): DiscrepancyList {
  const cmp = comparePair(db, filter.coderAId, filter.coderBId);
  const decided = resolutionsByKey(db, filter.coderAId, filter.coderBId);
  const texts = documentTexts(db);
  const who = speakers(db);
  const all = cmp.discrepancies.map((d) => toDiscrepancy(d, cmp, texts, who, decided.get(d.key)));
  const byType: Record<string, number> = {};
  for (const d of all) byType[d.type] = (byType[d.type] ?? 0) + 1;
  const status = filter.status ?? 'all';
  const items = all.filter(
    (d) =>
      (status === 'all' || d.status === status) &&
      (!filter.type || d.type === filter.type) &&
      (!filter.documentId || d.documentId === filter.documentId) &&
      (!filter.codeId || d.codesA.some((c) => c.id === filter.codeId) || d.codesB.some((c) => c.id === filter.codeId)),
  );
  const resolved = all.filter((d) => d.status === 'resolved').length;
  return {
    coderA: cmp.coderA,
    coderB: cmp.coderB,
    documents: cmp.documents.map((d) => ({ id: d.id, title: d.title })),
    total: all.length,
    open: all.length - resolved,
    resolved,
    byType,
    agreedUnits: cmp.agreedUnits,
    items,
  };
}

export function findDiscrepancy(cmp: PairComparison, key: string): DiscrepancyCore {
  const found = cmp.discrepancies.find((d) => d.key === key);
  if (!found) {
    throw new AppError('NOT_FOUND', 'That discrepancy is no longer there: the coders’ codings have changed since the list was shown. Refresh the list.');
  }
  return found;
}

const CONTEXT_TURNS = 2;

export function discrepancyDetail(db: Database.Database, coderAId: string, coderBId: string, key: string): DiscrepancyDetail {
  const cmp = comparePair(db, coderAId, coderBId);
  const core = findDiscrepancy(cmp, key);
  const history = resolutionsByKey(db, coderAId, coderBId).get(key) ?? [];
  const texts = documentTexts(db);
  const who = speakers(db);
  const discrepancy = toDiscrepancy(core, cmp, texts, who, history);
  const text = texts.textOf(core.documentId);
  const turns = who.turnsOf(core.documentId);
  const at = turns.findIndex((t) => t.start <= core.start && core.start < Math.max(t.end, t.start + 1));
  const context = (t: TurnInfo) => ({ speaker: t.speakerLabel, timestamp: t.timestamp, text: text.slice(t.start, t.end), isFacilitator: t.isFacilitator });
  const turn = at >= 0 ? turns[at] : undefined;

  const involved = [...new Set([...core.codesA, ...core.codesB, ...history.flatMap((h) => (h.otherCodeId ? [h.otherCodeId] : []))])];
  return {
    discrepancy,
    before: at > 0 ? turns.slice(Math.max(0, at - CONTEXT_TURNS), at).map(context) : [],
    turn: turn ? context(turn) : null,
    after: at >= 0 ? turns.slice(at + 1, at + 1 + CONTEXT_TURNS).map(context) : [],
    highlight: turn ? { start: core.start - turn.start, end: Math.min(core.end, turn.end) - turn.start } : null,
    memos: memosAbout(db, core, coderAId, coderBId, involved, cmp.nodes),
    definitions: involved.map((id) => {
      const n = cmp.nodes.get(id);
      return {
        id,
        name: n?.name ?? '(deleted code)',
        level: n?.level ?? 'code',
        definition: n?.definition ?? '',
        inclusion: n?.inclusion ?? '',
        exclusion: n?.exclusion ?? '',
        path: ancestry(id, cmp.nodes),
      };
    }),
    history,
  };
}

/** The names above a node, top first, following the first parent. */
function ancestry(id: string, nodes: ReadonlyMap<string, NodeInfo>): string[] {
  const out: string[] = [];
  const seen = new Set<string>([id]);
  let parent = nodes.get(id)?.parentIds[0];
  while (parent && !seen.has(parent)) {
    seen.add(parent);
    const n = nodes.get(parent);
    if (!n) break;
    out.unshift(n.name);
    parent = n.parentIds[0];
  }
  return out;
}

function memosAbout(db: Database.Database, core: DiscrepancyCore, coderAId: string, coderBId: string, codeIds: readonly string[], nodes: ReadonlyMap<string, NodeInfo>): DiscrepancyDetail['memos'] {
  const codingIds = core.unitId
    ? (stmt(db, `SELECT id FROM codings WHERE unit_id = ? AND coder_id IN (?, ?)`).pluck().all(core.unitId, coderAId, coderBId) as string[])
    : (stmt(db, `SELECT id FROM codings WHERE document_id = ? AND unit_id IS NULL AND coder_id IN (?, ?) AND start < ? AND "end" > ?`)
        .pluck()
        .all(core.documentId, coderAId, coderBId, core.end, core.start) as string[]);
  const targets: { type: string; id: string; about: string }[] = [
    ...(core.unitId ? [{ type: 'unit', id: core.unitId, about: 'this unit' }] : []),
    ...codingIds.map((id) => ({ type: 'coding', id, about: 'a coding here' })),
    ...codeIds.map((id) => ({ type: 'node', id, about: `code “${nodes.get(id)?.name ?? '?'}”` })),
  ];
  const out: DiscrepancyDetail['memos'] = [];
  for (const t of targets) {
    const rows = stmt(
      db,
      `SELECT m.id, m.title, m.body, c.name AS authorName FROM memos m LEFT JOIN coders c ON c.id = m.author_id WHERE m.target_type = ? AND m.target_id = ? ORDER BY m.created_at`,
    ).all(t.type, t.id) as { id: string; title: string; body: string; authorName: string | null }[];
    for (const r of rows) out.push({ ...r, about: t.about });
  }
  return out;
}
