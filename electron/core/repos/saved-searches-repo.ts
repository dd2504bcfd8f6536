import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import type { SavedSearch } from '../../../shared/api/methods/saved-searches';
import { SEARCH_KINDS, type SearchKind } from '../../../shared/api/methods/search';
import { nowIso, stmt } from '../store/statements';

interface SavedSearchRow {
  readonly id: string;
  readonly name: string;
  readonly query: string;
  readonly options: string;
  readonly created_at: string;
}

export interface SavedSearchInput {
  readonly name: string;
  readonly query: string;
  readonly kinds?: readonly SearchKind[];
  readonly documentIds?: readonly string[];
}

interface StoredOptions {
  readonly kinds?: unknown;
  readonly documentIds?: unknown;
}

/** Options come from the file (a merged or imported copy may hold anything), so each is checked. */
function parseOptions(text: string): { kinds: SearchKind[]; documentIds: string[] | null } {
  let raw: StoredOptions = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') raw = parsed as StoredOptions;
  } catch {
    // A damaged options value searches everywhere rather than failing the list.
  }
  const kinds = Array.isArray(raw.kinds) ? raw.kinds.filter((k): k is SearchKind => (SEARCH_KINDS as readonly unknown[]).includes(k)) : [];
  const documentIds = Array.isArray(raw.documentIds) ? raw.documentIds.filter((d): d is string => typeof d === 'string') : null;
  return { kinds, documentIds };
}

function toSavedSearch(row: SavedSearchRow): SavedSearch {
  return { id: row.id, name: row.name, query: row.query, ...parseOptions(row.options), createdAt: row.created_at };
}

export function listSavedSearches(db: Database.Database): SavedSearch[] {
  const rows = stmt(db, `SELECT id, name, query, options, created_at FROM saved_searches ORDER BY name COLLATE NOCASE, created_at, id`).all() as SavedSearchRow[];
  return rows.map(toSavedSearch);
}

export function getSavedSearch(db: Database.Database, id: string): SavedSearch {
  const row = stmt(db, `SELECT id, name, query, options, created_at FROM saved_searches WHERE id = ?`).get(id) as SavedSearchRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'That saved search is not in the project any more. Pick another one from the list.');
  return toSavedSearch(row);
}

/** Two saved searches with one name could not be told apart in the list. */
export function requireFreeName(db: Database.Database, name: string, exceptId: string | null): void {
  const clash = stmt(db, `SELECT id FROM saved_searches WHERE name = ? COLLATE NOCASE AND id IS NOT ?`).get(name, exceptId);
  if (clash) throw new AppError('CONFLICT', `A saved search is already called “${name}”. Choose another name.`);
}

export function insertSavedSearch(db: Database.Database, input: SavedSearchInput): string {
  const id = randomUUID();
  const options = { kinds: input.kinds ? [...new Set(input.kinds)] : [], documentIds: input.documentIds ? [...new Set(input.documentIds)] : null };
  stmt(db, `INSERT INTO saved_searches (id, name, query, options, created_at) VALUES (?, ?, ?, ?, ?)`).run(id, input.name, input.query, JSON.stringify(options), nowIso());
  return id;
}

export function renameSavedSearch(db: Database.Database, id: string, name: string): void {
  stmt(db, `UPDATE saved_searches SET name = ? WHERE id = ? AND name IS NOT ?`).run(name, id, name);
}

export function deleteSavedSearch(db: Database.Database, id: string): boolean {
  return stmt(db, `DELETE FROM saved_searches WHERE id = ?`).run(id).changes > 0;
}
