import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { JournalEntry, Memo } from '../../../shared/api/methods/memos';
import { AppError } from '../../../shared/api/errors';
import type { MemoTarget } from '../../../shared/domain/vocabulary';
import { nowIso, stmt } from '../store/statements';

const MEMO_SQL = `SELECT m.id, m.target_type AS targetType, m.target_id AS targetId, m.title, m.body, m.author_id AS authorId,
                         c.name AS authorName, m.created_at AS createdAt, m.updated_at AS updatedAt, m.version
                  FROM memos m LEFT JOIN coders c ON c.id = m.author_id`;

const TARGET_TABLES: Readonly<Record<MemoTarget, string>> = {
  project: 'project',
  document: 'documents',
  unit: 'meaning_units',
  node: 'codebook_nodes',
  participant: 'participants',
  coding: 'codings',
};

export function listMemos(db: Database.Database, targetType?: MemoTarget, targetId?: string): Memo[] {
  if (targetType && targetId) return stmt(db, `${MEMO_SQL} WHERE m.target_type = ? AND m.target_id = ? ORDER BY m.created_at DESC, m.id`).all(targetType, targetId) as Memo[];
  if (targetType) return stmt(db, `${MEMO_SQL} WHERE m.target_type = ? ORDER BY m.created_at DESC, m.id`).all(targetType) as Memo[];
  return stmt(db, `${MEMO_SQL} ORDER BY m.created_at DESC, m.id`).all() as Memo[];
}

export function getMemo(db: Database.Database, id: string): Memo {
  const memo = stmt(db, `${MEMO_SQL} WHERE m.id = ?`).get(id) as Memo | undefined;
  if (!memo) throw new AppError('NOT_FOUND', 'That memo is not in the project any more.');
  return memo;
}

/** The project memo needs no id from the caller: there is one project per file. */
export function memoTargetId(db: Database.Database, targetType: MemoTarget, targetId: string | undefined): string {
  if (targetType === 'project') return stmt(db, `SELECT id FROM project LIMIT 1`).pluck().get() as string;
  if (!targetId) throw new AppError('BAD_REQUEST', `Say which ${targetType} the memo is about.`);
  const exists = stmt(db, `SELECT 1 FROM ${TARGET_TABLES[targetType]} WHERE id = ?`).get(targetId);
  if (!exists) throw new AppError('NOT_FOUND', `That ${targetType} is not in the project any more, so the memo cannot be attached to it.`);
  return targetId;
}

export function insertMemo(db: Database.Database, targetType: MemoTarget, targetId: string, title: string, body: string, authorId: string | null): string {
  const id = randomUUID();
  const at = nowIso();
  stmt(db, `INSERT INTO memos (id, target_type, target_id, title, body, author_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(
    id,
    targetType,
    targetId,
    title.trim(),
    body,
    authorId,
    at,
    at,
  );
  return id;
}

/** Changes a memo; `version`, when given, must still be the memo's (else EDIT_CONFLICT, with the memo as it is now). */
export function updateMemo(db: Database.Database, id: string, changes: { title?: string; body?: string; version?: number }): void {
  const memo = getMemo(db, id);
  if (changes.version !== undefined && changes.version !== memo.version) {
    throw new AppError('EDIT_CONFLICT', 'This memo was changed elsewhere (another window or tab) after you began editing it. Choose which text to keep.', {
      table: 'memos',
      id,
      version: memo.version,
      theirs: { title: memo.title, body: memo.body },
    });
  }
  const title = changes.title?.trim();
  stmt(
    db,
    `UPDATE memos SET title = coalesce(@title, title), body = coalesce(@body, body), updated_at = @at, version = version + 1
     WHERE id = @id AND (title IS NOT coalesce(@title, title) OR body IS NOT coalesce(@body, body))`,
  ).run({ id, title: title ?? null, body: changes.body ?? null, at: nowIso() });
}

export function deleteMemo(db: Database.Database, id: string): boolean {
  return stmt(db, `DELETE FROM memos WHERE id = ?`).run(id).changes > 0;
}

const JOURNAL_SQL = `SELECT j.id, j.entry_date AS date, j.body, j.author_id AS authorId, c.name AS authorName,
                            j.created_at AS createdAt, j.updated_at AS updatedAt
                     FROM journal_entries j LEFT JOIN coders c ON c.id = j.author_id`;

export function listJournal(db: Database.Database): JournalEntry[] {
  return stmt(db, `${JOURNAL_SQL} ORDER BY j.entry_date DESC, j.created_at DESC`).all() as JournalEntry[];
}

export function getJournalEntry(db: Database.Database, id: string): JournalEntry {
  const entry = stmt(db, `${JOURNAL_SQL} WHERE j.id = ?`).get(id) as JournalEntry | undefined;
  if (!entry) throw new AppError('NOT_FOUND', 'That journal entry is not in the project any more.');
  return entry;
}

export function localDate(d = new Date()): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function insertJournalEntry(db: Database.Database, date: string, body: string, authorId: string | null): string {
  const id = randomUUID();
  const at = nowIso();
  stmt(db, `INSERT INTO journal_entries (id, entry_date, body, author_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`).run(id, date, body, authorId, at, at);
  return id;
}

export function updateJournalEntry(db: Database.Database, id: string, changes: { date?: string; body?: string }): void {
  getJournalEntry(db, id);
  stmt(
    db,
    `UPDATE journal_entries SET entry_date = coalesce(@date, entry_date), body = coalesce(@body, body), updated_at = @at
     WHERE id = @id AND (entry_date IS NOT coalesce(@date, entry_date) OR body IS NOT coalesce(@body, body))`,
  ).run({ id, date: changes.date ?? null, body: changes.body ?? null, at: nowIso() });
}

export function deleteJournalEntry(db: Database.Database, id: string): boolean {
  return stmt(db, `DELETE FROM journal_entries WHERE id = ?`).run(id).changes > 0;
}
