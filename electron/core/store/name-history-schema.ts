import type Database from 'better-sqlite3';

// Earlier names of themes and categories (the review phase renames them). A trigger writes the
// history whoever renames, so no rename path can forget it; it keeps still while undo or redo
// replay a step (History sets the 'history.replaying' setting), because the step's own captured
// rows already hold the history it wrote.
const UUID_SQL = `lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' ||
  substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))`;

export const NAME_HISTORY_SQL = `
CREATE TABLE node_name_history (
  id TEXT PRIMARY KEY,
  node_id TEXT NOT NULL REFERENCES codebook_nodes(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  coder_id TEXT REFERENCES coders(id) ON DELETE SET NULL
);
CREATE INDEX node_name_history_node ON node_name_history(node_id, changed_at);
CREATE TRIGGER node_name_history_on_rename AFTER UPDATE OF name ON codebook_nodes
WHEN OLD.name IS NOT NEW.name AND NEW.level <> 'code'
  AND NOT EXISTS (SELECT 1 FROM settings WHERE id = 'history.replaying')
BEGIN
  INSERT INTO node_name_history (id, node_id, name, changed_at, coder_id)
  VALUES (${UUID_SQL}, NEW.id, OLD.name, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
          (SELECT id FROM coders WHERE id = (SELECT value FROM settings WHERE id = 'current_coder')));
END;
`;

export function createNameHistory(db: Database.Database): void {
  db.exec(NAME_HISTORY_SQL);
}

// The analyses read unit codings grouped by coder and code, and free spans apart: both come
// straight from these indexes without touching the codings table. (IF NOT EXISTS: early
// development files got them with version 3.)
export const ANALYSIS_INDEXES_SQL = `
CREATE INDEX IF NOT EXISTS codings_analysis ON codings(coder_id, code_id, document_id, unit_id);
CREATE INDEX IF NOT EXISTS codings_spans ON codings(coder_id, document_id, start) WHERE unit_id IS NULL;
`;

export function createAnalysisIndexes(db: Database.Database): void {
  db.exec(ANALYSIS_INDEXES_SQL);
}
