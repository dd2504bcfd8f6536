import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { DocumentGroup } from '../../../shared/api/entities';
import { AppError } from '../../../shared/api/errors';
import { stmt } from '../store/statements';

export function findGroupByName(db: Database.Database, name: string): DocumentGroup | undefined {
  return stmt(db, `SELECT id, name, sort FROM document_groups WHERE lower(name) = lower(?)`).get(name.trim()) as DocumentGroup | undefined;
}

export function getGroup(db: Database.Database, id: string): DocumentGroup {
  const row = stmt(db, `SELECT id, name, sort FROM document_groups WHERE id = ?`).get(id) as DocumentGroup | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'That document group is not in this project (it may have been removed).');
  return row;
}

/** The group with this name (any case), made when there is none. */
export function ensureGroup(db: Database.Database, name: string): DocumentGroup {
  const found = findGroupByName(db, name);
  if (found) return found;
  const id = randomUUID();
  const sort = stmt(db, `SELECT coalesce(max(sort), 0) + 1 FROM document_groups`).pluck().get() as number;
  stmt(db, `INSERT INTO document_groups (id, name, sort) VALUES (?, ?, ?)`).run(id, name.trim(), sort);
  return { id, name: name.trim(), sort };
}

export function createGroup(db: Database.Database, name: string): DocumentGroup {
  if (findGroupByName(db, name)) throw new AppError('CONFLICT', `There is already a group called “${name.trim()}”. Choose another name.`);
  return ensureGroup(db, name);
}

export function renameGroup(db: Database.Database, id: string, name: string): DocumentGroup {
  getGroup(db, id);
  const clash = findGroupByName(db, name);
  if (clash && clash.id !== id) throw new AppError('CONFLICT', `There is already a group called “${name.trim()}”. Choose another name.`);
  stmt(db, `UPDATE document_groups SET name = ? WHERE id = ?`).run(name.trim(), id);
  return getGroup(db, id);
}

/** Removes a group; its documents stay, ungrouped. Returns how many documents it held. */
export function deleteGroup(db: Database.Database, id: string): number {
  getGroup(db, id);
  const n = stmt(db, `UPDATE documents SET group_id = NULL WHERE group_id = ?`).run(id).changes;
  stmt(db, `DELETE FROM document_groups WHERE id = ?`).run(id);
  return n;
}
