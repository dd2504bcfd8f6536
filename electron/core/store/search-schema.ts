import type Database from 'better-sqlite3';

// Full-text indexes (FTS5) over what researchers search: documents, condensations, codebook nodes,
// memos and the journal. Each index row keeps its source row's rowid (for cheap deletes) and its
// id (what results name). Triggers in the file keep them in sync whoever writes, undo included;
// they are derived data, so they are not captured by the audit log.
interface IndexedTable {
  readonly source: string;
  readonly index: string;
  /** Stored but not searched: id plus whatever a hit needs to point at. */
  readonly keys: readonly string[];
  readonly columns: readonly string[];
}

export const SEARCH_INDEXES: readonly IndexedTable[] = [
  { source: 'documents', index: 'fts_documents', keys: ['id'], columns: ['title', 'text'] },
  { source: 'meaning_units', index: 'fts_units', keys: ['id', 'document_id'], columns: ['condensed', 'interpretive'] },
  { source: 'codebook_nodes', index: 'fts_nodes', keys: ['id'], columns: ['name', 'definition', 'inclusion', 'exclusion'] },
  { source: 'memos', index: 'fts_memos', keys: ['id', 'target_type', 'target_id'], columns: ['title', 'body'] },
  { source: 'journal_entries', index: 'fts_journal', keys: ['id', 'entry_date'], columns: ['body'] },
];

const TOKENIZER = `tokenize = 'unicode61 remove_diacritics 2'`;

function indexSql(t: IndexedTable): string {
  const stored = t.keys.map((k) => `${k} UNINDEXED`);
  const all = [...t.keys, ...t.columns];
  const values = (alias: string) => all.map((c) => `${alias}."${c}"`).join(', ');
  return `
CREATE VIRTUAL TABLE ${t.index} USING fts5(${[...stored, ...t.columns].join(', ')}, ${TOKENIZER});
INSERT INTO ${t.index} (rowid, ${all.join(', ')}) SELECT rowid, ${all.map((c) => `"${c}"`).join(', ')} FROM ${t.source};
CREATE TRIGGER ${t.index}_insert AFTER INSERT ON ${t.source} BEGIN
  INSERT INTO ${t.index} (rowid, ${all.join(', ')}) VALUES (NEW.rowid, ${values('NEW')});
END;
CREATE TRIGGER ${t.index}_delete AFTER DELETE ON ${t.source} BEGIN
  DELETE FROM ${t.index} WHERE rowid = OLD.rowid;
END;
CREATE TRIGGER ${t.index}_update AFTER UPDATE OF ${all.map((c) => `"${c}"`).join(', ')} ON ${t.source} BEGIN
  DELETE FROM ${t.index} WHERE rowid = OLD.rowid;
  INSERT INTO ${t.index} (rowid, ${all.join(', ')}) VALUES (NEW.rowid, ${values('NEW')});
END;`;
}

/** Migration: creates the indexes, fills them from what the file already holds, installs the triggers. */
export function createSearchIndexes(db: Database.Database): void {
  db.exec(SEARCH_INDEXES.map(indexSql).join('\n'));
}

/** Rebuilds every index from its source table (a repair, should a file's index ever drift). */
export function rebuildSearchIndexes(db: Database.Database): void {
  for (const t of SEARCH_INDEXES) {
    db.exec(`DELETE FROM ${t.index}`);
    indexRowsAfter(db, t, 0);
  }
}

/** Adds the rows of `t`'s source table past `rowid` to its index. */
function indexRowsAfter(db: Database.Database, t: IndexedTable, rowid: number): void {
  const all = [...t.keys, ...t.columns];
  db.prepare(`INSERT INTO ${t.index} (rowid, ${all.join(', ')}) SELECT rowid, ${all.map((c) => `"${c}"`).join(', ')} FROM ${t.source} WHERE rowid > ?`).run(rowid);
}

/**
 * Fills `tables` of a new file in bulk: their secondary indexes (unique ones stay, they refuse rows)
 * and search triggers are set aside while `fill` inserts, then the indexes are built once over the
 * sorted rows and the search indexes filled with one statement each. Row by row, the search
 * triggers and five indexes of codings cost several times the insert itself (a large study's
 * import: 40,000 units 5.3 s against 0.7 s). Inside the caller's transaction: a failure undoes it all.
 */
export async function fillInBulk<T>(db: Database.Database, tables: readonly string[], fill: () => Promise<T>): Promise<T> {
  const list = tables.map((t) => `'${t.replace(/'/g, "''")}'`).join(', ');
  const setAside = db
    .prepare(
      `SELECT type, name, sql FROM sqlite_master
       WHERE tbl_name IN (${list}) AND sql IS NOT NULL
         AND ((type = 'index' AND sql NOT LIKE 'CREATE UNIQUE%') OR (type = 'trigger' AND name LIKE 'fts\\_%\\_insert' ESCAPE '\\'))`,
    )
    .all() as { type: 'index' | 'trigger'; name: string; sql: string }[];
  const searched = SEARCH_INDEXES.filter((t) => setAside.some((s) => s.type === 'trigger' && s.name === `${t.index}_insert`));
  const lastRowid = searched.map((t) => db.prepare(`SELECT coalesce(max(rowid), 0) FROM ${t.source}`).pluck().get() as number);
  for (const s of setAside) db.exec(`DROP ${s.type.toUpperCase()} "${s.name}"`);
  const result = await fill();
  searched.forEach((t, i) => indexRowsAfter(db, t, lastRowid[i]));
  for (const s of setAside) db.exec(s.sql);
  return result;
}
