import type Database from 'better-sqlite3';
import type { SearchHit, SearchKind } from '../../../shared/api/methods/search';
import { excerptAround, MARK_CLOSE, MARK_OPEN, parseMarked, type MarkedText } from '../../../shared/domain/search-query';
import { stmt } from '../store/statements';

const HL = `'${MARK_OPEN}', '${MARK_CLOSE}'`;
const SHORT_TEXT = 240;

interface UnitSpan {
  readonly id: string;
  readonly start: number;
  readonly end: number;
}

export interface TextHit {
  readonly documentId: string;
  readonly start: number;
  readonly end: number;
}

function unitsOf(db: Database.Database, documentId: string): UnitSpan[] {
  return stmt(db, `SELECT id, start, "end" FROM meaning_units WHERE document_id = ? ORDER BY start`).all(documentId) as UnitSpan[];
}

/** Units whose text overlaps [start, end), by binary search over a document's units (sorted by start). */
export function unitsOverlapping(units: readonly UnitSpan[], start: number, end: number): UnitSpan[] {
  let lo = 0;
  let hi = units.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (units[mid].end <= start) lo = mid + 1;
    else hi = mid;
  }
  const out: UnitSpan[] = [];
  for (let i = lo; i < units.length && units[i].start < end; i += 1) if (units[i].end > start) out.push(units[i]);
  return out;
}

function documentFilter(documentIds: readonly string[] | undefined): string {
  return documentIds ? `AND id IN (SELECT value FROM json_each(@docs))` : '';
}

/**
 * Each match in the documents' text, in rank order then text order. The index marks the matched
 * words; their offsets in the marked-up text, less the markers, are offsets in the document.
 */
export function* documentTextHits(db: Database.Database, ftsQuery: string, documentIds?: readonly string[]): Generator<TextHit & { readonly title: string; readonly text: string; readonly marks: MarkedText['marks'] }> {
  const rows = stmt(
    db,
    `SELECT id, title, highlight(fts_documents, 2, ${HL}) AS marked FROM fts_documents
     WHERE fts_documents MATCH @q ${documentFilter(documentIds)} ORDER BY rank`,
  ).iterate({ q: `text : (${ftsQuery})`, docs: JSON.stringify(documentIds ?? []) }) as IterableIterator<{ id: string; title: string; marked: string }>;
  for (const row of rows) {
    const { text, marks } = parseMarked(row.marked);
    for (const [start, end] of marks) yield { documentId: row.id, title: row.title, start, end, text, marks };
  }
}

function shortOrExcerpt(m: MarkedText): MarkedText {
  if (m.text.length <= SHORT_TEXT || m.marks.length === 0) return m.text.length <= SHORT_TEXT ? m : { text: `${m.text.slice(0, SHORT_TEXT)}…`, marks: [] };
  return excerptAround(m.text, m.marks, m.marks[0][0], m.marks[0][1], 90);
}

/** The first highlighted field of a row, as [field name, marked text]. */
function firstMarked(fields: readonly (readonly [string, string])[]): [string, MarkedText] {
  const parsed = fields.map(([name, marked]) => [name, parseMarked(marked)] as [string, MarkedText]);
  return parsed.find(([, m]) => m.marks.length > 0) ?? parsed[0];
}

function hit(kind: SearchKind, id: string, title: string, field: string, m: MarkedText, extra: Partial<SearchHit> = {}): SearchHit {
  const shown = shortOrExcerpt(m);
  return {
    kind,
    id,
    title,
    field,
    documentId: null,
    unitId: null,
    start: null,
    end: null,
    snippet: shown.text,
    marks: shown.marks.map(([a, b]) => [a, b] as [number, number]),
    ...extra,
  };
}

export interface SearchInput {
  readonly ftsQuery: string;
  readonly kinds: readonly SearchKind[];
  readonly documentIds?: readonly string[];
  readonly limit: number;
}

export function searchAll(db: Database.Database, input: SearchInput): { hits: SearchHit[]; truncated: boolean } {
  const hits: SearchHit[] = [];
  let truncated = false;
  const { ftsQuery: q, limit } = input;
  const want = new Set(input.kinds);

  if (want.has('document')) {
    let n = 0;
    const unitCache = new Map<string, UnitSpan[]>();
    for (const h of documentTextHits(db, q, input.documentIds)) {
      if (n >= limit) {
        truncated = true;
        break;
      }
      let units = unitCache.get(h.documentId);
      if (!units) {
        units = unitsOf(db, h.documentId);
        unitCache.set(h.documentId, units);
      }
      const excerpt = excerptAround(h.text, h.marks, h.start, h.end);
      hits.push({
        kind: 'document',
        id: h.documentId,
        title: h.title,
        field: 'text',
        documentId: h.documentId,
        unitId: unitsOverlapping(units, h.start, h.end)[0]?.id ?? null,
        start: h.start,
        end: h.end,
        snippet: excerpt.text,
        marks: excerpt.marks.map(([a, b]) => [a, b] as [number, number]),
      });
      n += 1;
    }
  }

  const take = <R>(sql: string, params: Record<string, unknown>, toHit: (r: R) => SearchHit) => {
    const rows = stmt(db, sql).all({ ...params, limit: limit + 1 }) as R[];
    if (rows.length > limit) truncated = true;
    for (const r of rows.slice(0, limit)) hits.push(toHit(r));
  };

  if (want.has('unit')) {
    take<{ id: string; document_id: string; title: string; c: string; i: string }>(
      `SELECT f.id, f.document_id, d.title, highlight(fts_units, 2, ${HL}) AS c, highlight(fts_units, 3, ${HL}) AS i
       FROM fts_units f JOIN documents d ON d.id = f.document_id
       WHERE fts_units MATCH @q ${input.documentIds ? 'AND f.document_id IN (SELECT value FROM json_each(@docs))' : ''} ORDER BY rank LIMIT @limit`,
      { q, docs: JSON.stringify(input.documentIds ?? []) },
      (r) => {
        const [field, m] = firstMarked([
          ['condensed', r.c],
          ['interpretive', r.i],
        ]);
        return hit('unit', r.id, r.title, field, m, { documentId: r.document_id, unitId: r.id });
      },
    );
  }
  if (want.has('node')) {
    take<{ id: string; name: string; n: string; d: string; inc: string; exc: string }>(
      `SELECT f.id, n.name, highlight(fts_nodes, 1, ${HL}) AS n, highlight(fts_nodes, 2, ${HL}) AS d,
              highlight(fts_nodes, 3, ${HL}) AS inc, highlight(fts_nodes, 4, ${HL}) AS exc
       FROM fts_nodes f JOIN codebook_nodes n ON n.id = f.id WHERE fts_nodes MATCH @q ORDER BY rank LIMIT @limit`,
      { q },
      (r) => {
        const [field, m] = firstMarked([
          ['name', r.n],
          ['definition', r.d],
          ['inclusion', r.inc],
          ['exclusion', r.exc],
        ]);
        return hit('node', r.id, r.name, field, m);
      },
    );
  }
  if (want.has('memo')) {
    take<{ id: string; target_type: string; target_id: string; title: string; t: string; b: string }>(
      `SELECT f.id, f.target_type, f.target_id, m.title, highlight(fts_memos, 3, ${HL}) AS t, highlight(fts_memos, 4, ${HL}) AS b
       FROM fts_memos f JOIN memos m ON m.id = f.id WHERE fts_memos MATCH @q ORDER BY rank LIMIT @limit`,
      { q },
      (r) => {
        const [field, m] = firstMarked([
          ['title', r.t],
          ['body', r.b],
        ]);
        const documentId = r.target_type === 'document' ? r.target_id : null;
        const unitId = r.target_type === 'unit' ? r.target_id : null;
        const unitDoc = unitId ? ((stmt(db, `SELECT document_id FROM meaning_units WHERE id = ?`).pluck().get(unitId) as string | undefined) ?? null) : null;
        return hit('memo', r.id, r.title || `Memo on a ${r.target_type}`, field, m, { documentId: documentId ?? unitDoc, unitId });
      },
    );
  }
  if (want.has('journal')) {
    take<{ id: string; entry_date: string; b: string }>(
      `SELECT f.id, f.entry_date, highlight(fts_journal, 2, ${HL}) AS b FROM fts_journal f WHERE fts_journal MATCH @q ORDER BY rank LIMIT @limit`,
      { q },
      (r) => hit('journal', r.id, `Journal, ${r.entry_date}`, 'body', parseMarked(r.b)),
    );
  }
  return { hits, truncated };
}

/** Every match in the documents' text with the units it falls in: what autocode codes. */
export function allTextHits(db: Database.Database, ftsQuery: string, documentIds?: readonly string[]): { hits: TextHit[]; units: Map<string, string> } {
  const hits: TextHit[] = [];
  const units = new Map<string, string>();
  const unitCache = new Map<string, UnitSpan[]>();
  for (const h of documentTextHits(db, ftsQuery, documentIds)) {
    hits.push({ documentId: h.documentId, start: h.start, end: h.end });
    let list = unitCache.get(h.documentId);
    if (!list) {
      list = unitsOf(db, h.documentId);
      unitCache.set(h.documentId, list);
    }
    for (const u of unitsOverlapping(list, h.start, h.end)) units.set(u.id, h.documentId);
  }
  return { hits, units };
}
