import type Database from 'better-sqlite3';
import { createSearchIndexes } from './search-schema';
import { createAnalysisIndexes, createNameHistory } from './name-history-schema';

export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly up: (db: Database.Database) => void;
}

// Schema v1 covers the whole domain so later features extend it instead of fighting over it.
// Every domain table has a TEXT primary key `id` (a UUID): the undo/audit capture, coder-file
// merging and REFI-QDA exchange all key on it.
const V1 = `
CREATE TABLE project (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  methodology TEXT NOT NULL CHECK (methodology IN ('content-analysis','thematic-analysis','meta-synthesis')),
  blind INTEGER NOT NULL DEFAULT 0 CHECK (blind IN (0,1)),
  agreement_enabled INTEGER NOT NULL DEFAULT 1 CHECK (agreement_enabled IN (0,1)),
  allow_multiple_parents INTEGER NOT NULL DEFAULT 0 CHECK (allow_multiple_parents IN (0,1)),
  allow_units_across_turns INTEGER NOT NULL DEFAULT 0 CHECK (allow_units_across_turns IN (0,1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE coders (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  initials TEXT NOT NULL,
  colour TEXT NOT NULL,
  role TEXT NOT NULL DEFAULT 'coder' CHECK (role IN ('coder','resolver','consensus')),
  created_at TEXT NOT NULL
);

CREATE TABLE document_groups (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  sort INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE documents (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('focus-group','interview','diary','article','open-answers')),
  text TEXT NOT NULL,
  source_name TEXT,
  source_format TEXT,
  group_id TEXT REFERENCES document_groups(id) ON DELETE SET NULL,
  session_name TEXT NOT NULL DEFAULT '',
  session_date TEXT,
  facilitator TEXT NOT NULL DEFAULT '',
  duration_minutes REAL,
  notes TEXT NOT NULL DEFAULT '',
  sort INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);

CREATE TABLE attributes (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL CHECK (type IN ('text','number','date','boolean','choice')),
  choices TEXT NOT NULL DEFAULT '[]',
  sort INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE participants (
  id TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  pseudonym TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  sort INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);

CREATE TABLE participant_values (
  id TEXT PRIMARY KEY,
  participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
  attribute_id TEXT NOT NULL REFERENCES attributes(id) ON DELETE CASCADE,
  value TEXT NOT NULL,
  UNIQUE (participant_id, attribute_id)
);

CREATE TABLE turns (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  participant_id TEXT REFERENCES participants(id) ON DELETE SET NULL,
  speaker_label TEXT,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  timestamp TEXT,
  is_facilitator INTEGER NOT NULL DEFAULT 0 CHECK (is_facilitator IN (0,1)),
  CHECK (start >= 0 AND "end" >= start)
);
CREATE INDEX turns_document ON turns(document_id, start);
CREATE INDEX turns_participant ON turns(participant_id);

CREATE TABLE meaning_units (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  condensed TEXT NOT NULL DEFAULT '',
  interpretive TEXT NOT NULL DEFAULT '',
  CHECK (start >= 0 AND "end" > start)
);
CREATE INDEX units_document ON meaning_units(document_id, start);

CREATE TABLE codebook_nodes (
  id TEXT PRIMARY KEY,
  level TEXT NOT NULL CHECK (level IN ('theme','subtheme','category','subcategory','code')),
  name TEXT NOT NULL,
  definition TEXT NOT NULL DEFAULT '',
  inclusion TEXT NOT NULL DEFAULT '',
  exclusion TEXT NOT NULL DEFAULT '',
  example_unit_id TEXT REFERENCES meaning_units(id) ON DELETE SET NULL,
  colour TEXT NOT NULL DEFAULT '#888888',
  shortcut TEXT,
  status TEXT CHECK (status IS NULL OR status IN ('candidate','reviewed','defined')),
  sort INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);

-- The hierarchy as parent links, so one code can sit under several categories when allowed.
CREATE TABLE codebook_links (
  id TEXT PRIMARY KEY,
  parent_id TEXT NOT NULL REFERENCES codebook_nodes(id) ON DELETE CASCADE,
  child_id TEXT NOT NULL REFERENCES codebook_nodes(id) ON DELETE CASCADE,
  sort INTEGER NOT NULL DEFAULT 0,
  UNIQUE (parent_id, child_id),
  CHECK (parent_id <> child_id)
);
CREATE INDEX links_child ON codebook_links(child_id);

-- A coding is a code on a meaning unit (unit_id set) or on a free span (start/end set).
CREATE TABLE codings (
  id TEXT PRIMARY KEY,
  code_id TEXT NOT NULL REFERENCES codebook_nodes(id) ON DELETE CASCADE,
  coder_id TEXT NOT NULL REFERENCES coders(id),
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  unit_id TEXT REFERENCES meaning_units(id) ON DELETE CASCADE,
  start INTEGER,
  "end" INTEGER,
  created_at TEXT NOT NULL,
  CHECK ((unit_id IS NOT NULL AND start IS NULL AND "end" IS NULL)
      OR (unit_id IS NULL AND start IS NOT NULL AND "end" > start))
);
CREATE UNIQUE INDEX codings_unit_unique ON codings(unit_id, code_id, coder_id) WHERE unit_id IS NOT NULL;
CREATE INDEX codings_code ON codings(code_id);
CREATE INDEX codings_document ON codings(document_id, coder_id);

CREATE TABLE resolutions (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  unit_id TEXT REFERENCES meaning_units(id) ON DELETE CASCADE,
  start INTEGER,
  "end" INTEGER,
  code_id TEXT REFERENCES codebook_nodes(id) ON DELETE SET NULL,
  discrepancy_type TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('keep-a','keep-b','keep-both','neither','other-code','change-codebook')),
  other_code_id TEXT REFERENCES codebook_nodes(id) ON DELETE SET NULL,
  rationale TEXT NOT NULL CHECK (length(trim(rationale)) > 0),
  coder_a_id TEXT REFERENCES coders(id),
  coder_b_id TEXT REFERENCES coders(id),
  resolver_id TEXT NOT NULL REFERENCES coders(id),
  decided_at TEXT NOT NULL
);

CREATE TABLE quotes (
  id TEXT PRIMARY KEY,
  node_id TEXT NOT NULL REFERENCES codebook_nodes(id) ON DELETE CASCADE,
  unit_id TEXT NOT NULL REFERENCES meaning_units(id) ON DELETE CASCADE,
  sort INTEGER NOT NULL DEFAULT 0,
  UNIQUE (node_id, unit_id)
);

CREATE TABLE memos (
  id TEXT PRIMARY KEY,
  target_type TEXT NOT NULL CHECK (target_type IN ('project','document','unit','node','participant','coding')),
  target_id TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  author_id TEXT REFERENCES coders(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX memos_target ON memos(target_type, target_id);

CREATE TABLE journal_entries (
  id TEXT PRIMARY KEY,
  entry_date TEXT NOT NULL,
  body TEXT NOT NULL,
  author_id TEXT REFERENCES coders(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE saved_searches (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  query TEXT NOT NULL
);

CREATE TABLE map_positions (
  id TEXT PRIMARY KEY REFERENCES codebook_nodes(id) ON DELETE CASCADE,
  x REAL NOT NULL,
  y REAL NOT NULL
);

-- Per-project settings and where the user left off (last document, unit, coder).
CREATE TABLE settings (
  id TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- The audit log: one step per user command, with every row it changed before and after.
-- Undo and redo replay these rows, so the two can never disagree.
CREATE TABLE audit_steps (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  at TEXT NOT NULL,
  coder_id TEXT,
  method TEXT NOT NULL,
  summary TEXT NOT NULL,
  reverts_step_id TEXT
);

CREATE TABLE audit_changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  step_id TEXT NOT NULL,
  tbl TEXT NOT NULL,
  row_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('insert','update','delete')),
  before TEXT,
  after TEXT
);
CREATE INDEX audit_changes_step ON audit_changes(step_id, seq);
`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, description: 'the whole domain', up: (db) => db.exec(V1) },
  { version: 2, description: 'full-text search indexes (FTS5)', up: createSearchIndexes },
  { version: 3, description: 'name history of themes and categories', up: createNameHistory },
  { version: 4, description: 'indexes for the analyses (matrix, co-occurrence)', up: createAnalysisIndexes },
  {
    version: 5,
    description: 'indexes for the references to meaning units, so deleting or re-segmenting units stays fast',
    up: (db) =>
      db.exec(`
        CREATE INDEX IF NOT EXISTS resolutions_unit ON resolutions(unit_id);
        CREATE INDEX IF NOT EXISTS quotes_unit ON quotes(unit_id);
        CREATE INDEX IF NOT EXISTS nodes_example_unit ON codebook_nodes(example_unit_id);
        CREATE INDEX IF NOT EXISTS codings_unit ON codings(unit_id);
      `),
  },
  {
    version: 6,
    description: 'saved searches keep where they search (kinds, documents) and when they were saved',
    up: (db) =>
      db.exec(`
        ALTER TABLE saved_searches ADD COLUMN options TEXT NOT NULL DEFAULT '{}';
        ALTER TABLE saved_searches ADD COLUMN created_at TEXT NOT NULL DEFAULT '';
      `),
  },
  {
    version: 7,
    description: 'the navigator counts coded units per document from an index alone',
    // Replaces codings_document (document_id, coder_id), of which it is an extension.
    up: (db) =>
      db.exec(`
        CREATE INDEX codings_document_unit ON codings(document_id, coder_id, unit_id);
        DROP INDEX codings_document;
      `),
  },
  {
    version: 8,
    description: 'the undo and redo stacks, kept in the file so undo survives closing the project',
    // Entries name audit steps, whose rows undo replays; the schema version tells a step
    // recorded before a later migration, whose rows may no longer fit the tables.
    up: (db) =>
      db.exec(`
        CREATE TABLE undo_stack (
          pos INTEGER PRIMARY KEY,
          step_id TEXT NOT NULL UNIQUE,
          stack TEXT NOT NULL CHECK (stack IN ('undo','redo')),
          session_id TEXT NOT NULL,
          schema_version INTEGER NOT NULL
        );
        CREATE INDEX undo_stack_top ON undo_stack(stack, pos);
      `),
  },
  {
    version: 9,
    description: 'names as exports print them: titles, sessions and groups checked for pseudonymised exports',
    // id is the name as stored (a document title, session or group name, the project title); printed is
    // what a pseudonymised export prints instead, as the author checked it.
    up: (db) =>
      db.exec(`
        CREATE TABLE export_names (
          id TEXT PRIMARY KEY,
          printed TEXT NOT NULL,
          checked_at TEXT NOT NULL
        );
      `),
  },
  {
    version: 10,
    description: 'a turn can be marked as not speech (a title, a note, a stage direction): kept in the text, never a meaning unit',
    up: (db) => db.exec(`ALTER TABLE turns ADD COLUMN not_speech INTEGER NOT NULL DEFAULT 0 CHECK (not_speech IN (0,1))`),
  },
  {
    version: 11,
    description: 'a version per condensation and memo: an edit made from a stale copy (another window) is detected, not written over',
    // Counts the edits of a unit's condensations and of a memo; an edit names the version it was made from.
    up: (db) =>
      db.exec(`
        ALTER TABLE meaning_units ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE memos ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
      `),
  },
  {
    version: 12,
    description: 'a document’s reference number: where a meta-synthesis cites the study it reports (“teamwork skills (45, 53, 79)”)',
    // Text, not a number: reference lists also number "12a" or "S3". Unset (null) until the author sets it.
    up: (db) => db.exec(`ALTER TABLE documents ADD COLUMN reference TEXT`),
  },
  {
    version: 13,
    description: 'the recording of a document: where the audio or video file was, its name, size and fingerprint',
    // One link per document. The fingerprint (SHA-256 of the size, the first and the last MiB) tells
    // the same file found elsewhere from another file of the same name and size.
    up: (db) =>
      db.exec(`
        CREATE TABLE document_media (
          id TEXT PRIMARY KEY,
          document_id TEXT NOT NULL UNIQUE REFERENCES documents(id) ON DELETE CASCADE,
          path TEXT NOT NULL,
          name TEXT NOT NULL,
          size INTEGER NOT NULL CHECK (size >= 0),
          fingerprint TEXT NOT NULL,
          linked_at TEXT NOT NULL
        );
      `),
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Tables whose rows the undo/audit capture records. */
export const CAPTURED_TABLES = [
  'project',
  'coders',
  'document_groups',
  'documents',
  'attributes',
  'participants',
  'participant_values',
  'turns',
  'meaning_units',
  'codebook_nodes',
  'codebook_links',
  'codings',
  'resolutions',
  'quotes',
  'memos',
  'journal_entries',
  'saved_searches',
  'map_positions',
  'node_name_history',
  'export_names',
  'document_media',
] as const;

/** Applies every pending migration, each together with its version bump in one transaction. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  let current = db.pragma('user_version', { simple: true }) as number;
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
    current = m.version;
  }
  return current;
}
