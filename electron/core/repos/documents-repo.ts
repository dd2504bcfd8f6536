import type Database from 'better-sqlite3';
import type { Coding, DocumentDetail, DocumentGroup, DocumentSummary, MeaningUnit, Turn } from '../../../shared/api/entities';
import { AppError } from '../../../shared/api/errors';
import { stmt } from '../store/statements';

interface DocumentRow {
  id: string;
  title: string;
  kind: DocumentSummary['kind'];
  group_id: string | null;
  source_name: string | null;
  session_name: string;
  session_date: string | null;
  facilitator: string;
  duration_minutes: number | null;
  notes: string;
  sort: number;
  reference: string | null;
  length: number;
  turns: number;
  units: number;
  coded_units: number;
}

// Per-document counts as correlated subqueries: each one is an index range on its own document,
// so one document's summary costs that document's rows, not the whole study's.
const SUMMARY_SQL = `
  SELECT d.id, d.title, d.kind, d.group_id, d.source_name, d.session_name, d.session_date, d.facilitator,
         d.duration_minutes, d.notes, d.sort, d.reference, length(d.text) AS length,
         (SELECT count(*) FROM turns t WHERE t.document_id = d.id) AS turns,
         (SELECT count(*) FROM meaning_units u WHERE u.document_id = d.id) AS units,
         (SELECT count(DISTINCT c.unit_id) FROM codings c
           WHERE c.document_id = d.id AND c.unit_id IS NOT NULL %CODER%) AS coded_units
  FROM documents d
  %WHERE%
  ORDER BY d.sort, d.title`;

function toSummary(r: DocumentRow): DocumentSummary {
  return {
    id: r.id,
    title: r.title,
    kind: r.kind,
    groupId: r.group_id,
    sourceName: r.source_name,
    sessionName: r.session_name,
    sessionDate: r.session_date,
    facilitator: r.facilitator,
    durationMinutes: r.duration_minutes,
    notes: r.notes,
    sort: r.sort,
    length: r.length,
    turns: r.turns,
    units: r.units,
    codedUnits: r.coded_units,
    reference: r.reference,
  };
}

/** `coderId` narrows "coded" progress to one coder's work (blind mode, or the current coder). */
function summarySql(where: string, coderId: string | null): string {
  return SUMMARY_SQL.replace('%WHERE%', where).replace('%CODER%', coderId ? 'AND c.coder_id = @coder' : '');
}

export function listDocuments(db: Database.Database, coderId: string | null): DocumentSummary[] {
  const rows = stmt(db, summarySql('', coderId)).all(coderId ? { coder: coderId } : {}) as DocumentRow[];
  return rows.map(toSummary);
}

export function getDocumentSummary(db: Database.Database, id: string, coderId: string | null): DocumentSummary {
  const row = stmt(db, summarySql('WHERE d.id = @id', coderId)).get(coderId ? { id, coder: coderId } : { id }) as DocumentRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'That document is not in this project (it may have been deleted).');
  return toSummary(row);
}

export function listTurns(db: Database.Database, documentId: string): Turn[] {
  const rows = stmt(
    db,
    `SELECT id, participant_id, speaker_label, start, "end", timestamp, is_facilitator, not_speech FROM turns WHERE document_id = ? ORDER BY start`,
  ).all(documentId) as { id: string; participant_id: string | null; speaker_label: string | null; start: number; end: number; timestamp: string | null; is_facilitator: number; not_speech: number }[];
  return rows.map((r) => ({
    id: r.id,
    participantId: r.participant_id,
    speakerLabel: r.speaker_label,
    start: r.start,
    end: r.end,
    timestamp: r.timestamp,
    isFacilitator: r.is_facilitator === 1,
    notSpeech: r.not_speech === 1,
  }));
}

export function listUnits(db: Database.Database, documentId: string): MeaningUnit[] {
  return stmt(
    db,
    `SELECT id, document_id AS documentId, start, "end", condensed, interpretive, version FROM meaning_units WHERE document_id = ? ORDER BY start`,
  ).all(documentId) as MeaningUnit[];
}

/** Codings of a document; `visibleCoderId` limits them to one coder (blind mode). */
export function listCodings(db: Database.Database, documentId: string, visibleCoderId: string | null): Coding[] {
  const sql = `SELECT id, code_id AS codeId, coder_id AS coderId, document_id AS documentId, unit_id AS unitId, start, "end"
               FROM codings WHERE document_id = @doc ${visibleCoderId ? 'AND coder_id = @coder' : ''} ORDER BY created_at, id`;
  return stmt(db, sql).all(visibleCoderId ? { doc: documentId, coder: visibleCoderId } : { doc: documentId }) as Coding[];
}

export function getDocumentDetail(db: Database.Database, id: string, coderId: string | null, visibleCoderId: string | null): DocumentDetail {
  const document = getDocumentSummary(db, id, coderId);
  const text = stmt(db, `SELECT text FROM documents WHERE id = ?`).pluck().get(id) as string;
  return { document, text, turns: listTurns(db, id), units: listUnits(db, id), codings: listCodings(db, id, visibleCoderId) };
}

export function listDocumentGroups(db: Database.Database): DocumentGroup[] {
  return stmt(db, `SELECT id, name, sort FROM document_groups ORDER BY sort, name`).all() as DocumentGroup[];
}

/** The documents each code was applied in, by the coders given: a code's sources. */
export function documentsByCode(db: Database.Database, coderIds: readonly string[]): Map<string, string[]> {
  const rows = stmt(db, `SELECT DISTINCT code_id AS codeId, document_id AS documentId FROM codings WHERE coder_id IN (SELECT value FROM json_each(?))`).all(
    JSON.stringify(coderIds),
  ) as { codeId: string; documentId: string }[];
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const list = out.get(r.codeId);
    if (list) list.push(r.documentId);
    else out.set(r.codeId, [r.documentId]);
  }
  return out;
}
