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
    const all = [...t.keys, ...t.columns];
    db.exec(`DELETE FROM ${t.index}; INSERT INTO ${t.index} (rowid, ${all.join(', ')}) SELECT rowid, ${all.map((c) => `"${c}"`).join(', ')} FROM ${t.source};`);
  }
}
