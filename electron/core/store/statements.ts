import type Database from 'better-sqlite3';

// Prepared statements are compiled once per connection and reused: SQL text is the key.
const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function stmt(db: Database.Database, sql: string): Database.Statement {
  let byText = cache.get(db);
  if (!byText) {
    byText = new Map();
    cache.set(db, byText);
  }
  let s = byText.get(sql);
  if (!s) {
    s = db.prepare(sql);
    byText.set(sql, s);
  }
  return s;
}

export function nowIso(): string {
  return new Date().toISOString();
}

/**
 * Runs `work` as one write transaction that may span its awaits: committed when it settles,
 * rolled back whole when it throws (a failure, a cancel). Nothing else may write on `db` meanwhile:
 * the connection is the work's own (a file being built), or the application runs one call at a time.
 */
export async function inTransactionAsync<T>(db: Database.Database, work: () => Promise<T>): Promise<T> {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = await work();
    db.exec('COMMIT');
    return result;
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
}
