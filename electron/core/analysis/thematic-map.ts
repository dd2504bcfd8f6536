import type Database from 'better-sqlite3';
import type { MapNode, NameChange, ParsedAnalysisFilter } from '../../../shared/api/methods/analysis';
import { AppError } from '../../../shared/api/errors';
import type { ThemeStatus } from '../../../shared/domain/vocabulary';
import { stmt } from '../store/statements';
import type { CoderContext } from './coder-choice';
import { computeFrequencies } from './frequencies';

/** The nodes of the map with their saved places (null: not placed yet) and units under the filter. */
export function thematicMap(db: Database.Database, options: { readonly filter: ParsedAnalysisFilter; readonly codes: boolean }, ctx: CoderContext): MapNode[] {
  const freq = computeFrequencies(db, { filter: options.filter, split: { kind: 'none' } }, ctx);
  const extra = new Map(
    (
      stmt(db, `SELECT id, status, definition FROM codebook_nodes`).all() as { id: string; status: ThemeStatus | null; definition: string }[]
    ).map((r) => [r.id, r]),
  );
  const places = new Map((stmt(db, `SELECT id, x, y FROM map_positions`).all() as { id: string; x: number; y: number }[]).map((p) => [p.id, p]));
  const renamed = new Map(
    (stmt(db, `SELECT node_id AS id, count(*) AS n FROM node_name_history GROUP BY node_id`).all() as { id: string; n: number }[]).map((r) => [r.id, r.n]),
  );
  const shown = freq.rows.filter((r) => options.codes || r.level !== 'code');
  const ids = new Set(shown.map((r) => r.nodeId));
  return shown.map((r) => ({
    id: r.nodeId,
    name: r.name,
    level: r.level,
    colour: r.colour,
    status: extra.get(r.nodeId)?.status ?? null,
    definition: extra.get(r.nodeId)?.definition ?? '',
    parentIds: r.parentIds.filter((p) => ids.has(p)),
    x: places.get(r.nodeId)?.x ?? null,
    y: places.get(r.nodeId)?.y ?? null,
    units: r.total.units,
    renamed: renamed.get(r.nodeId) ?? 0,
  }));
}

function requireNodes(db: Database.Database, ids: readonly string[]): void {
  const found = stmt(db, `SELECT count(*) FROM codebook_nodes WHERE id IN (SELECT value FROM json_each(?))`).pluck().get(JSON.stringify([...new Set(ids)])) as number;
  if (found !== new Set(ids).size) throw new AppError('NOT_FOUND', 'A node on the map is not in the codebook any more; reopen the map to see the current codebook.');
}

/** Saves map places (inside the caller's recorded step, so arranging the map can be undone). */
export function savePositions(db: Database.Database, positions: readonly { readonly id: string; readonly x: number; readonly y: number }[]): number {
  requireNodes(
    db,
    positions.map((p) => p.id),
  );
  const upsert = stmt(db, `INSERT INTO map_positions (id, x, y) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET x = excluded.x, y = excluded.y`);
  for (const p of positions) upsert.run(p.id, Math.round(p.x * 10) / 10, Math.round(p.y * 10) / 10);
  return positions.length;
}

export function resetPositions(db: Database.Database, ids: readonly string[] | undefined): number {
  return ids ? stmt(db, `DELETE FROM map_positions WHERE id IN (SELECT value FROM json_each(?))`).run(JSON.stringify(ids)).changes : stmt(db, `DELETE FROM map_positions`).run().changes;
}

export interface ThemeChanges {
  readonly name?: string;
  readonly status?: ThemeStatus | null;
  readonly definition?: string;
  readonly colour?: string;
}

const THEME_COLUMNS = ['name', 'status', 'definition', 'colour'] as const satisfies readonly (keyof ThemeChanges)[];

/** What the audit log says for a theme change: "Rename theme “A” to “B”", "Mark “A” as reviewed". */
export function describeThemeChange(db: Database.Database, id: string, changes: ThemeChanges): string {
  const node = stmt(db, `SELECT name, level FROM codebook_nodes WHERE id = ?`).get(id) as { name: string; level: string } | undefined;
  if (!node) throw new AppError('NOT_FOUND', 'That theme is not in the codebook any more (it may have been deleted or merged).');
  if (changes.name !== undefined && changes.name !== node.name) return `Rename ${node.level} “${node.name}” to “${changes.name}”`;
  if (changes.status !== undefined) return changes.status ? `Mark “${node.name}” as ${changes.status}` : `Clear the review status of “${node.name}”`;
  if (changes.definition !== undefined) return `Edit the definition of “${node.name}”`;
  return `Change “${node.name}”`;
}

/** Applies a theme change (only what differs); a rename is written to the name history by the file's trigger. */
export function updateTheme(db: Database.Database, id: string, changes: ThemeChanges): void {
  const current = stmt(db, `SELECT name, status, definition, colour FROM codebook_nodes WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
  if (!current) throw new AppError('NOT_FOUND', 'That theme is not in the codebook any more (it may have been deleted or merged).');
  const columns = THEME_COLUMNS.map((k) => [k, changes[k]] as const).filter(([k, v]) => v !== undefined && current[k] !== v);
  if (columns.length === 0) return;
  db.prepare(`UPDATE codebook_nodes SET ${columns.map(([c]) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...columns.map(([, v]) => v), id);
}

export function nameHistory(db: Database.Database, nodeId: string): NameChange[] {
  return stmt(
    db,
    `SELECT h.id, h.node_id AS nodeId, h.name, h.changed_at AS changedAt, h.coder_id AS coderId, c.name AS coderName
     FROM node_name_history h LEFT JOIN coders c ON c.id = h.coder_id WHERE h.node_id = ? ORDER BY h.changed_at DESC, h.rowid DESC`,
  ).all(nodeId) as NameChange[];
}
