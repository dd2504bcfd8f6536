import type Database from 'better-sqlite3';
import type { Turn } from '../../../shared/api/entities';
import { AppError } from '../../../shared/api/errors';
import type { DocumentFields } from '../../../shared/api/methods/import';
import { stmt } from '../store/statements';
import { getGroup } from './document-groups-repo';
import { listTurns } from './documents-repo';

const COLUMNS: Readonly<Record<Exclude<keyof DocumentFields, 'groupId'>, string>> = {
  title: 'title',
  kind: 'kind',
  sessionName: 'session_name',
  sessionDate: 'session_date',
  facilitator: 'facilitator',
  durationMinutes: 'duration_minutes',
  notes: 'notes',
};

/** A session date as stored: YYYY-MM-DD, or null when cleared. */
export function normalizeDate(value: string | null | undefined): string | null {
  const v = (value ?? '').trim();
  if (v === '') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !date || date.getUTCMonth() !== Number(m[2]) - 1 || date.getUTCDate() !== Number(m[3])) {
    throw new AppError('INVALID_VALUE', `“${v}” is not a date. Write it as YYYY-MM-DD, for example 2024-03-18.`);
  }
  return v;
}

export function assertDocument(db: Database.Database, id: string): void {
  if (!stmt(db, `SELECT 1 FROM documents WHERE id = ?`).get(id)) {
    throw new AppError('NOT_FOUND', 'That document is not in this project (it may have been deleted).');
  }
}

export function updateDocument(db: Database.Database, id: string, fields: DocumentFields & { readonly reference?: string | null }): void {
  assertDocument(db, id);
  if (fields.reference !== undefined) stmt(db, `UPDATE documents SET reference = ? WHERE id = ?`).run(fields.reference?.trim() || null, id);
  for (const [key, column] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, string][]) {
    const value = fields[key];
    if (value === undefined) continue;
    const stored = key === 'sessionDate' ? normalizeDate(value as string | null) : value;
    db.prepare(`UPDATE documents SET ${column} = ? WHERE id = ?`).run(stored, id);
  }
  if (fields.groupId !== undefined) {
    if (fields.groupId !== null) getGroup(db, fields.groupId);
    stmt(db, `UPDATE documents SET group_id = ? WHERE id = ?`).run(fields.groupId, id);
  }
}

/**
 * Numbers the documents without a reference number in list order, after the highest whole number
 * already set, so numbers the author typed stay; returns how many it numbered.
 */
export function numberDocumentsByOrder(db: Database.Database): number {
  const rows = stmt(db, `SELECT id, reference FROM documents ORDER BY sort, title`).all() as { id: string; reference: string | null }[];
  let next = Math.max(0, ...rows.map((r) => (r.reference && /^\d+$/.test(r.reference) ? Number(r.reference) : 0))) + 1;
  let numbered = 0;
  for (const r of rows) {
    if (r.reference !== null) continue;
    stmt(db, `UPDATE documents SET reference = ? WHERE id = ?`).run(String(next++), r.id);
    numbered++;
  }
  return numbered;
}

export function deleteDocument(db: Database.Database, id: string): { units: number; codings: number } {
  assertDocument(db, id);
  const units = stmt(db, `SELECT count(*) FROM meaning_units WHERE document_id = ?`).pluck().get(id) as number;
  const codings = stmt(db, `SELECT count(*) FROM codings WHERE document_id = ?`).pluck().get(id) as number;
  // Memos on the document would dangle: their target goes with it.
  stmt(db, `DELETE FROM memos WHERE target_type = 'document' AND target_id = ?`).run(id);
  stmt(db, `DELETE FROM memos WHERE target_type = 'unit' AND target_id IN (SELECT id FROM meaning_units WHERE document_id = ?)`).run(id);
  stmt(db, `DELETE FROM documents WHERE id = ?`).run(id);
  return { units, codings };
}

export function updateTurns(db: Database.Database, turnIds: readonly string[], participantId: string | null | undefined, isFacilitator: boolean | undefined): Turn[] {
  if (participantId && !stmt(db, `SELECT 1 FROM participants WHERE id = ?`).get(participantId)) {
    throw new AppError('NOT_FOUND', 'That participant is not in this project (it may have been removed).');
  }
  const documents = new Set<string>();
  for (const id of turnIds) {
    const doc = stmt(db, `SELECT document_id FROM turns WHERE id = ?`).pluck().get(id) as string | undefined;
    if (!doc) throw new AppError('NOT_FOUND', 'That turn is not in this project any more.');
    documents.add(doc);
    if (participantId !== undefined) stmt(db, `UPDATE turns SET participant_id = ? WHERE id = ?`).run(participantId, id);
    if (isFacilitator !== undefined) stmt(db, `UPDATE turns SET is_facilitator = ? WHERE id = ?`).run(isFacilitator ? 1 : 0, id);
  }
  const wanted = new Set(turnIds);
  return [...documents].flatMap((d) => listTurns(db, d).filter((t) => wanted.has(t.id)));
}
