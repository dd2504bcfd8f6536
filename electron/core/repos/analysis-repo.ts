import type Database from 'better-sqlite3';
import type { AbstractionRow, AbstractionSort, AbstractionTable, NodeRef } from '../../../shared/api/methods/coding';
import type { NodeCounts, NodeCountsPerCoder, RetrievedUnit, Retrieval } from '../../../shared/api/methods/codebook';
import { ancestorsByLevel, subtreeIds } from '../../../shared/domain/codebook-tree';
import { LEVELS_BY_METHOD, type Methodology, type NodeLevel } from '../../../shared/domain/vocabulary';
import { getNode } from './codebook-repo';
import { stmt } from '../store/statements';

interface TurnSpan {
  readonly start: number;
  readonly end: number;
  readonly participantId: string | null;
  readonly speaker: string | null;
}

interface Speaker {
  readonly participantId: string | null;
  readonly speaker: string | null;
}

const NOBODY: Speaker = { participantId: null, speaker: null };

/** Finds who speaks at an offset of a document: the turn holding it, by binary search over the document's turns. */
export class SpeakerIndex {
  private readonly byDocument = new Map<string, TurnSpan[]>();

  constructor(db: Database.Database, documentIds: readonly string[] | null) {
    const rows = (
      documentIds === null
        ? stmt(db, `SELECT document_id AS d, start, "end", participant_id AS p, speaker_label AS s FROM turns ORDER BY document_id, start`).all()
        : stmt(
            db,
            `SELECT document_id AS d, start, "end", participant_id AS p, speaker_label AS s FROM turns
             WHERE document_id IN (SELECT value FROM json_each(?)) ORDER BY document_id, start`,
          ).all(JSON.stringify(documentIds))
    ) as { d: string; start: number; end: number; p: string | null; s: string | null }[];
    for (const r of rows) {
      const list = this.byDocument.get(r.d) ?? [];
      list.push({ start: r.start, end: r.end, participantId: r.p, speaker: r.s });
      this.byDocument.set(r.d, list);
    }
  }

  get empty(): boolean {
    return this.byDocument.size === 0;
  }

  at(documentId: string, offset: number): Speaker {
    const turns = this.byDocument.get(documentId);
    if (!turns) return NOBODY;
    let lo = 0;
    let hi = turns.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (turns[mid].start <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const t = found >= 0 ? turns[found] : null;
    return t && offset < t.end ? t : NOBODY;
  }
}

interface NodeInfo {
  readonly id: string;
  readonly name: string;
  readonly colour: string;
  readonly level: NodeLevel;
  readonly parentIds: readonly string[];
}

function loadNodes(db: Database.Database): NodeInfo[] {
  const nodes = stmt(db, `SELECT id, name, colour, level FROM codebook_nodes ORDER BY sort, name`).all() as Omit<NodeInfo, 'parentIds'>[];
  const links = stmt(db, `SELECT parent_id AS p, child_id AS c FROM codebook_links ORDER BY sort`).all() as { p: string; c: string }[];
  const parents = new Map<string, string[]>();
  for (const l of links) parents.set(l.c, [...(parents.get(l.c) ?? []), l.p]);
  return nodes.map((n) => ({ ...n, parentIds: parents.get(n.id) ?? [] }));
}

/** Every node's own and inherited counts; `coderId` limits them to one coder (blind mode). */
/** Counts per codebook node, of the codings by these coders (null: by everyone). */
export function nodeCounts(db: Database.Database, coderIds: readonly string[] | null): NodeCounts[] {
  const nodes = loadNodes(db);
  const up = ancestorsByLevel(nodes);
  // Two plain scans and lookups in memory: joining 120,000 codings to their units costs far more.
  // The "+" keeps SQLite off the coder index: its row-by-row lookups of the columns it lacks took
  // 3.7 s for the large study's 120,000 codings, the scan 0.36 s (the coders chosen hold most codings).
  const codings = stmt(db, `SELECT code_id, unit_id, document_id, start, end FROM codings ${coderIds ? 'WHERE +coder_id IN (SELECT value FROM json_each(?))' : ''}`)
    .raw()
    .all(...(coderIds ? [JSON.stringify(coderIds)] : [])) as [string, string | null, string, number | null, number | null][];
  const speakers = new SpeakerIndex(db, null);
  const personOfUnit = new Map<string, string | null>();
  if (!speakers.empty) {
    for (const [id, doc, start] of stmt(db, `SELECT id, document_id, start FROM meaning_units`).raw().all() as [string, string, number][]) {
      personOfUnit.set(id, speakers.at(doc, start).participantId);
    }
  }
  const tally = new Map<string, { codings: number; units: Set<string>; passages: Set<string>; participants: Set<string>; documents: Set<string> }>();
  for (const n of nodes) tally.set(n.id, { codings: 0, units: new Set(), passages: new Set(), participants: new Set(), documents: new Set() });
  const targetsOf = new Map<string, string[]>();
  for (const [code, unit, doc, start, end] of codings) {
    let targets = targetsOf.get(code);
    if (!targets) {
      targets = [code, ...[...(up.get(code)?.values() ?? [])].flat().map((n) => n.id)];
      targetsOf.set(code, targets);
    }
    const person = unit ? (personOfUnit.get(unit) ?? null) : speakers.at(doc, start ?? 0).participantId;
    for (const id of targets) {
      const t = tally.get(id);
      if (!t) continue;
      t.codings += 1;
      if (unit) t.units.add(unit);
      else t.passages.add(`${doc}:${start}:${end}`);
      if (person) t.participants.add(person);
      t.documents.add(doc);
    }
  }
  return nodes.map((n) => {
    const t = tally.get(n.id)!;
    return { nodeId: n.id, codings: t.codings, units: t.units.size, passages: t.passages.size, participants: t.participants.size, documents: t.documents.size };
  });
}

/**
 * Units and free passages under every node for each coder apart (the consensus is a coder too), in
 * the coders' order, with every coder listed for every node (0 where they coded nothing there);
 * `onlyCoderId` keeps one coder (blind mode). One scan of the codings, as nodeCounts.
 */
export function nodeCountsPerCoder(db: Database.Database, onlyCoderId: string | null): NodeCountsPerCoder[] {
  const nodes = loadNodes(db);
  const up = ancestorsByLevel(nodes);
  const coders = (stmt(db, `SELECT id FROM coders ORDER BY created_at, name`).pluck().all() as string[]).filter((id) => onlyCoderId === null || id === onlyCoderId);
  const tally = new Map<string, Map<string, { units: Set<string>; passages: Set<string> }>>();
  for (const n of nodes) tally.set(n.id, new Map(coders.map((c) => [c, { units: new Set<string>(), passages: new Set<string>() }])));
  const targetsOf = new Map<string, string[]>();
  const codings = stmt(db, `SELECT code_id, coder_id, unit_id, document_id, start, end FROM codings ${onlyCoderId ? 'WHERE +coder_id = ?' : ''}`)
    .raw()
    .all(...(onlyCoderId ? [onlyCoderId] : [])) as [string, string, string | null, string, number | null, number | null][];
  for (const [code, coder, unit, doc, start, end] of codings) {
    let targets = targetsOf.get(code);
    if (!targets) {
      targets = [code, ...[...(up.get(code)?.values() ?? [])].flat().map((n) => n.id)];
      targetsOf.set(code, targets);
    }
    for (const id of targets) {
      const t = tally.get(id)?.get(coder);
      if (!t) continue;
      if (unit) t.units.add(unit);
      else t.passages.add(`${doc}:${start}:${end}`);
    }
  }
  return nodes.map((n) => ({
    nodeId: n.id,
    coders: coders.map((coderId) => {
      const t = tally.get(n.id)!.get(coderId)!;
      return { coderId, units: t.units.size, passages: t.passages.size };
    }),
  }));
}

interface DocumentInfo {
  readonly id: string;
  readonly title: string;
  readonly sessionName: string;
  readonly sessionDate: string | null;
  readonly text: string;
  readonly sort: number;
}

function loadDocuments(db: Database.Database, ids: readonly string[] | null): Map<string, DocumentInfo> {
  const rows = (
    ids === null
      ? stmt(db, `SELECT id, title, session_name AS sessionName, session_date AS sessionDate, text, sort FROM documents`).all()
      : stmt(
          db,
          `SELECT id, title, session_name AS sessionName, session_date AS sessionDate, text, sort FROM documents WHERE id IN (SELECT value FROM json_each(?))`,
        ).all(JSON.stringify(ids))
  ) as DocumentInfo[];
  return new Map(rows.map((r) => [r.id, r]));
}

function attributesByParticipant(db: Database.Database): Map<string, Record<string, string>> {
  const rows = stmt(
    db,
    `SELECT v.participant_id AS p, a.name AS name, v.value AS value FROM participant_values v JOIN attributes a ON a.id = v.attribute_id ORDER BY a.sort, a.name`,
  ).all() as { p: string; name: string; value: string }[];
  const map = new Map<string, Record<string, string>>();
  for (const r of rows) map.set(r.p, { ...(map.get(r.p) ?? {}), [r.name]: r.value });
  return map;
}

export function retrieve(db: Database.Database, nodeId: string, coderId: string | null, limit: number): Retrieval {
  const node = getNode(db, nodeId, coderId);
  const nodes = loadNodes(db);
  const codes = [...subtreeIds(nodes, nodeId)];
  const codings = stmt(
    db,
    `SELECT id, code_id AS codeId, coder_id AS coderId, unit_id AS unitId, document_id AS documentId, start, "end" FROM codings
     WHERE code_id IN (SELECT value FROM json_each(?)) ${coderId ? 'AND coder_id = ?' : ''}`,
  ).all(...(coderId ? [JSON.stringify(codes), coderId] : [JSON.stringify(codes)])) as {
    id: string;
    codeId: string;
    coderId: string;
    unitId: string | null;
    documentId: string;
    start: number | null;
    end: number | null;
  }[];
  const byUnit = new Map<string, { id: string; codeId: string; coderId: string }[]>();
  for (const c of codings) if (c.unitId) byUnit.set(c.unitId, [...(byUnit.get(c.unitId) ?? []), { id: c.id, codeId: c.codeId, coderId: c.coderId }]);
  const units = stmt(
    db,
    `SELECT id, document_id AS documentId, start, "end", condensed FROM meaning_units WHERE id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify([...byUnit.keys()])) as { id: string; documentId: string; start: number; end: number; condensed: string }[];
  const documentIds = [...new Set([...units.map((u) => u.documentId), ...codings.map((c) => c.documentId)])];
  const docs = loadDocuments(db, documentIds);
  const speakers = new SpeakerIndex(db, documentIds);
  const people = new Map(
    (stmt(db, `SELECT id, pseudonym FROM participants`).all() as { id: string; pseudonym: string }[]).map((p) => [p.id, p.pseudonym]),
  );
  const attributes = attributesByParticipant(db);
  const quoted = new Set(stmt(db, `SELECT unit_id FROM quotes WHERE node_id = ?`).pluck().all(nodeId) as string[]);
  units.sort((a, b) => (docs.get(a.documentId)?.sort ?? 0) - (docs.get(b.documentId)?.sort ?? 0) || a.documentId.localeCompare(b.documentId) || a.start - b.start);
  const retrieved: RetrievedUnit[] = units.slice(0, limit).map((u) => {
    const d = docs.get(u.documentId)!;
    const who = speakers.at(u.documentId, u.start);
    return {
      unitId: u.id,
      documentId: u.documentId,
      documentTitle: d.title,
      sessionName: d.sessionName,
      sessionDate: d.sessionDate,
      start: u.start,
      end: u.end,
      text: d.text.slice(u.start, u.end),
      condensed: u.condensed,
      speaker: who.speaker,
      participantId: who.participantId,
      pseudonym: who.participantId ? (people.get(who.participantId) ?? null) : null,
      attributes: who.participantId ? (attributes.get(who.participantId) ?? {}) : {},
      codings: byUnit.get(u.id) ?? [],
      quote: quoted.has(u.id),
    };
  });
  const spans = codings
    .filter((c) => c.unitId === null && c.start !== null && c.end !== null)
    .slice(0, limit)
    .map((c) => {
      const d = docs.get(c.documentId)!;
      return { codingId: c.id, documentId: c.documentId, documentTitle: d.title, start: c.start!, end: c.end!, text: d.text.slice(c.start!, c.end!), codeId: c.codeId, coderId: c.coderId };
    });
  const unitStart = new Map(units.map((u) => [u.id, u.start]));
  const passages = new Set(codings.filter((c) => !c.unitId).map((c) => `${c.documentId}:${c.start}:${c.end}`));
  const participants = new Set<string>();
  for (const c of codings) {
    const p = speakers.at(c.documentId, c.unitId ? (unitStart.get(c.unitId) ?? 0) : (c.start ?? 0)).participantId;
    if (p) participants.add(p);
  }
  const unitsOfCoder = new Map<string, Set<string>>();
  for (const c of codings) if (c.unitId) unitsOfCoder.set(c.coderId, (unitsOfCoder.get(c.coderId) ?? new Set()).add(c.unitId));
  const coderOrder = stmt(db, `SELECT id FROM coders ORDER BY created_at, name`).pluck().all() as string[];
  const unitsPerCoder = coderOrder.filter((id) => unitsOfCoder.has(id)).map((coderId) => ({ coderId, units: unitsOfCoder.get(coderId)!.size }));
  return {
    node,
    unitsPerCoder,
    counts: { nodeId, codings: codings.length, units: byUnit.size, passages: passages.size, participants: participants.size, documents: new Set(codings.map((c) => c.documentId)).size },
    units: retrieved,
    spans,
  };
}

export interface AbstractionQuery {
  readonly documentIds?: readonly string[];
  readonly participantIds?: readonly string[];
  readonly attributes?: readonly { readonly attributeId: string; readonly value: string }[];
  readonly nodeIds?: readonly string[];
  readonly codedOnly: boolean;
  readonly sortBy: AbstractionSort;
  readonly descending: boolean;
}

/** The levels above codes a method's table shows, nearest first: subcategory, category, theme. */
export function abstractionColumns(methodology: Methodology): NodeLevel[] {
  return LEVELS_BY_METHOD[methodology].filter((l) => l !== 'code').reverse();
}

export function abstractionTable(db: Database.Database, methodology: Methodology, q: AbstractionQuery, coderId: string | null): AbstractionTable {
  const columns = abstractionColumns(methodology);
  const nodes = loadNodes(db);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const up = ancestorsByLevel(nodes);
  const refs = new Map(nodes.map((n) => [n.id, { id: n.id, name: n.name, colour: n.colour } as NodeRef]));
  const ref = (n: NodeInfo): NodeRef => refs.get(n.id)!;
  // Each code's ancestors per column, worked out once per code rather than once per unit.
  const perCode = new Map<string, NodeRef[][]>();
  const columnsOf = (codeId: string): NodeRef[][] => {
    let cols = perCode.get(codeId);
    if (!cols) {
      cols = columns.map((level) => (up.get(codeId)?.get(level) ?? []).map(ref));
      perCode.set(codeId, cols);
    }
    return cols;
  };
  const docs = loadDocuments(db, q.documentIds ?? null);
  const docIds = [...docs.keys()];
  type UnitRow = { id: string; documentId: string; start: number; end: number; condensed: string; interpretive: string; version: number };
  const unitSql = `SELECT id, document_id AS documentId, start, "end", condensed, interpretive, version FROM meaning_units`;
  const units = (
    q.documentIds
      ? docIds.flatMap((id) => stmt(db, `${unitSql} WHERE document_id = ? ORDER BY start`).all(id) as UnitRow[])
      : (stmt(db, unitSql).all() as UnitRow[])
  ).filter((u) => docs.has(u.documentId));
  // Codings in the order they were made (rowid order), read by plain scans rather than a sort.
  const codingSql = `SELECT unit_id AS unitId, code_id AS codeId, coder_id AS coderId FROM codings WHERE unit_id IS NOT NULL ${coderId ? 'AND coder_id = @coder' : ''}`;
  const codings = (
    q.documentIds
      ? docIds.flatMap((id) => stmt(db, `${codingSql} AND document_id = @doc`).all(coderId ? { doc: id, coder: coderId } : { doc: id }))
      : stmt(db, codingSql).all(coderId ? { coder: coderId } : {})
  ) as { unitId: string; codeId: string; coderId: string }[];
  const codesOf = new Map<string, { codeId: string; coderId: string }[]>();
  for (const c of codings) {
    const list = codesOf.get(c.unitId);
    if (list) list.push(c);
    else codesOf.set(c.unitId, [c]);
  }

  const wanted = q.nodeIds?.length ? new Set(q.nodeIds.flatMap((id) => [...subtreeIds(nodes, id)])) : null;
  const people = q.participantIds?.length ? new Set(q.participantIds) : null;
  const byAttribute = attributeFilter(db, q.attributes ?? []);
  const speakers = new SpeakerIndex(db, docIds);
  const pseudonyms = new Map((stmt(db, `SELECT id, pseudonym FROM participants`).all() as { id: string; pseudonym: string }[]).map((p) => [p.id, p.pseudonym]));

  const rows: AbstractionRow[] = [];
  for (const u of units) {
    const own = codesOf.get(u.id) ?? [];
    if (q.codedOnly && own.length === 0) continue;
    if (wanted && !own.some((c) => wanted.has(c.codeId))) continue;
    const who = speakers.at(u.documentId, u.start);
    if (people && (!who.participantId || !people.has(who.participantId))) continue;
    if (byAttribute && (!who.participantId || !byAttribute.has(who.participantId))) continue;
    const levels = columns.map((_, i) => {
      if (own.length === 1) return columnsOf(own[0].codeId)[i];
      const seen = new Map<string, NodeRef>();
      for (const c of own) for (const r of columnsOf(c.codeId)[i]) seen.set(r.id, r);
      return [...seen.values()];
    });
    const doc = docs.get(u.documentId)!;
    rows.push({
      unitId: u.id,
      documentId: u.documentId,
      documentTitle: doc.title,
      start: u.start,
      end: u.end,
      speaker: who.speaker,
      participantId: who.participantId,
      pseudonym: who.participantId ? (pseudonyms.get(who.participantId) ?? null) : null,
      text: doc.text.slice(u.start, u.end),
      condensed: u.condensed,
      interpretive: u.interpretive,
      version: u.version,
      codes: own.flatMap((c) => {
        const n = byId.get(c.codeId);
        return n ? [{ ...ref(n), coderId: c.coderId }] : [];
      }),
      levels,
    });
  }
  return { columns, rows: sortRows(rows, q.sortBy, q.descending, docs) };
}

/** Participants whose values match every attribute pair; null when there is no such filter. */
function attributeFilter(db: Database.Database, pairs: readonly { attributeId: string; value: string }[]): Set<string> | null {
  if (pairs.length === 0) return null;
  const sets = pairs.map(
    (pair) => new Set(stmt(db, `SELECT participant_id FROM participant_values WHERE attribute_id = ? AND value = ?`).pluck().all(pair.attributeId, pair.value) as string[]),
  );
  return new Set([...sets[0]].filter((id) => sets.every((s) => s.has(id))));
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function sortRows(rows: AbstractionRow[], by: AbstractionSort, descending: boolean, docs: Map<string, DocumentInfo>): AbstractionRow[] {
  const position = (a: AbstractionRow, b: AbstractionRow) =>
    (docs.get(a.documentId)?.sort ?? 0) - (docs.get(b.documentId)?.sort ?? 0) || collator.compare(a.documentTitle, b.documentTitle) || a.start - b.start;
  const names = (refs: readonly NodeRef[]) => refs.map((r) => r.name).join(', ');
  const key: Record<AbstractionSort, (r: AbstractionRow) => string> = {
    position: () => '',
    document: (r) => r.documentTitle,
    speaker: (r) => r.pseudonym ?? r.speaker ?? '',
    text: (r) => r.text,
    condensed: (r) => r.condensed,
    codes: (r) => names(r.codes),
    level0: (r) => names(r.levels[0] ?? []),
    level1: (r) => names(r.levels[1] ?? []),
    level2: (r) => names(r.levels[2] ?? []),
    level3: (r) => names(r.levels[3] ?? []),
  };
  if (by === 'position') {
    const ordered = [...rows].sort(position);
    return descending ? ordered.reverse() : ordered;
  }
  const pick = key[by];
  // Empty cells go last whichever way the column is sorted, as in spreadsheets.
  return [...rows].sort((a, b) => {
    const ka = pick(a);
    const kb = pick(b);
    if (ka === '' && kb !== '') return 1;
    if (kb === '' && ka !== '') return -1;
    const c = collator.compare(ka, kb);
    return (descending ? -c : c) || position(a, b);
  });
}
