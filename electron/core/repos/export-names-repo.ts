import type Database from 'better-sqlite3';
import { nowIso, stmt } from '../store/statements';

/** The names the author checked for pseudonymised exports: stored name → what exports print. */
export function checkedExportNames(db: Database.Database): Map<string, string> {
  const rows = stmt(db, `SELECT id, printed FROM export_names`).all() as { id: string; printed: string }[];
  return new Map(rows.map((r) => [r.id, r.printed]));
}

export function checkExportNames(db: Database.Database, names: readonly { readonly original: string; readonly printed: string }[]): void {
  const put = stmt(db, `INSERT INTO export_names (id, printed, checked_at) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET printed = excluded.printed, checked_at = excluded.checked_at`);
  const now = nowIso();
  for (const n of names) put.run(n.original, n.printed, now);
}
