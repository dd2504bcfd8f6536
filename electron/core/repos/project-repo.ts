import type Database from 'better-sqlite3';
import type { Counts, ProjectSettings } from '../../../shared/api/entities';
import { AppError } from '../../../shared/api/errors';
import type { Methodology } from '../../../shared/domain/vocabulary';
import { nowIso, stmt } from '../store/statements';

interface ProjectRow {
  id: string;
  title: string;
  description: string;
  methodology: Methodology;
  blind: number;
  agreement_enabled: number;
  allow_multiple_parents: number;
  allow_units_across_turns: number;
}

export function insertProject(db: Database.Database, id: string, title: string, methodology: Methodology, description = ''): void {
  const now = nowIso();
  stmt(db, `INSERT INTO project (id, title, description, methodology, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`).run(
    id,
    title,
    description,
    methodology,
    now,
    now,
  );
}

export function projectRow(db: Database.Database): ProjectRow {
  const row = stmt(db, `SELECT * FROM project LIMIT 1`).get() as ProjectRow | undefined;
  if (!row) throw new AppError('PROJECT_DAMAGED', 'This project file has no project record. Open the most recent backup instead.');
  return row;
}

export function projectSettings(db: Database.Database): ProjectSettings {
  const r = projectRow(db);
  return {
    title: r.title,
    description: r.description,
    methodology: r.methodology,
    blind: r.blind === 1,
    agreementEnabled: r.agreement_enabled === 1,
    allowMultipleParents: r.allow_multiple_parents === 1,
    allowUnitsAcrossTurns: r.allow_units_across_turns === 1,
  };
}

const SETTING_COLUMNS: Readonly<Record<keyof ProjectSettings, string>> = {
  title: 'title',
  description: 'description',
  methodology: 'methodology',
  blind: 'blind',
  agreementEnabled: 'agreement_enabled',
  allowMultipleParents: 'allow_multiple_parents',
  allowUnitsAcrossTurns: 'allow_units_across_turns',
};

export function updateProjectSettings(db: Database.Database, changes: Partial<ProjectSettings>): void {
  const id = projectRow(db).id;
  for (const [key, value] of Object.entries(changes) as [keyof ProjectSettings, unknown][]) {
    if (value === undefined) continue;
    const column = SETTING_COLUMNS[key];
    const stored = typeof value === 'boolean' ? (value ? 1 : 0) : value;
    db.prepare(`UPDATE project SET ${column} = ?, updated_at = ? WHERE id = ?`).run(stored, nowIso(), id);
  }
}

const COUNT_QUERIES: Readonly<Record<keyof Counts, string>> = {
  coders: `SELECT count(*) FROM coders WHERE role <> 'consensus'`,
  documents: `SELECT count(*) FROM documents`,
  documentGroups: `SELECT count(*) FROM document_groups`,
  participants: `SELECT count(*) FROM participants`,
  attributes: `SELECT count(*) FROM attributes`,
  turns: `SELECT count(*) FROM turns`,
  meaningUnits: `SELECT count(*) FROM meaning_units`,
  codebookNodes: `SELECT count(*) FROM codebook_nodes`,
  codes: `SELECT count(*) FROM codebook_nodes WHERE level = 'code'`,
  codings: `SELECT count(*) FROM codings`,
  resolutions: `SELECT count(*) FROM resolutions`,
  quotes: `SELECT count(*) FROM quotes`,
  memos: `SELECT count(*) FROM memos`,
  journalEntries: `SELECT count(*) FROM journal_entries`,
  auditSteps: `SELECT count(*) FROM audit_steps`,
};

export function projectCounts(db: Database.Database): Counts {
  const out = {} as Record<keyof Counts, number>;
  for (const [key, sql] of Object.entries(COUNT_QUERIES) as [keyof Counts, string][]) {
    out[key] = stmt(db, sql).pluck().get() as number;
  }
  return out;
}

export function readSetting(db: Database.Database, key: string): string | null {
  const v = stmt(db, `SELECT value FROM settings WHERE id = ?`).pluck().get(key) as string | undefined;
  return v ?? null;
}

export function writeSetting(db: Database.Database, key: string, value: string | null): void {
  if (value === null) stmt(db, `DELETE FROM settings WHERE id = ?`).run(key);
  else stmt(db, `INSERT INTO settings (id, value) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET value = excluded.value`).run(key, value);
}

const COLLAPSED_KEY = 'codebook_collapsed';

/** The codebook nodes collapsed in the tree that are still in the codebook. */
export function collapsedNodeIds(db: Database.Database): string[] {
  const stored = readSetting(db, COLLAPSED_KEY);
  if (!stored) return [];
  return stmt(db, `SELECT n.id FROM json_each(?) j JOIN codebook_nodes n ON n.id = j.value`).pluck().all(stored) as string[];
}

/** A view setting, written outside the undo history: folding a branch is not a change to the study. */
export function rememberCollapsed(db: Database.Database, nodeIds: readonly string[]): void {
  writeSetting(db, COLLAPSED_KEY, nodeIds.length ? JSON.stringify([...new Set(nodeIds)]) : null);
}
