import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { Coding } from '../../../shared/api/entities';
import { AppError } from '../../../shared/api/errors';
import { nowIso, stmt } from '../store/statements';
import { createNode } from './codebook-edit-repo';

export interface UnitRef {
  readonly id: string;
  readonly documentId: string;
}

export interface UnitTargetInput {
  readonly unitIds?: readonly string[];
  readonly range?: { readonly documentId: string; readonly fromUnitId: string; readonly toUnitId: string };
}

export interface CodingChangeResult {
  readonly added: Coding[];
  readonly removed: string[];
  readonly unchanged: number;
}

/** The units a command names, by id or as a stretch of one document from one unit to another. */
export function resolveUnits(db: Database.Database, target: UnitTargetInput): UnitRef[] {
  if (target.range) {
    const { documentId, fromUnitId, toUnitId } = target.range;
    const ends = stmt(db, `SELECT id, start FROM meaning_units WHERE document_id = ? AND id IN (?, ?)`).all(documentId, fromUnitId, toUnitId) as {
      id: string;
      start: number;
    }[];
    if (ends.length !== (fromUnitId === toUnitId ? 1 : 2)) throw new AppError('NOT_FOUND', 'The first or last unit of that range is not in this document.');
    const lo = Math.min(...ends.map((e) => e.start));
    const hi = Math.max(...ends.map((e) => e.start));
    return stmt(db, `SELECT id, document_id AS documentId FROM meaning_units WHERE document_id = ? AND start BETWEEN ? AND ? ORDER BY start`).all(
      documentId,
      lo,
      hi,
    ) as UnitRef[];
  }
  const ids = [...new Set(target.unitIds ?? [])];
  const rows =
    ids.length === 1
      ? (stmt(db, `SELECT id, document_id AS documentId FROM meaning_units WHERE id = ?`).all(ids[0]) as UnitRef[])
      : (stmt(db, `SELECT id, document_id AS documentId FROM meaning_units WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as UnitRef[]);
  if (rows.length !== ids.length) throw new AppError('NOT_FOUND', 'Some of those meaning units are not in the project any more (they may have been split or merged). Reload the document.');
  return rows;
}

/** Codes that can be applied: they exist and are codes (categories and themes group codes). */
export function requireCodes(db: Database.Database, codeIds: readonly string[]): void {
  for (const id of new Set(codeIds)) {
    const row = stmt(db, `SELECT level, name FROM codebook_nodes WHERE id = ?`).get(id) as { level: string; name: string } | undefined;
    if (!row) throw new AppError('NOT_FOUND', 'That code is not in the codebook any more (it may have been deleted or merged).');
    if (row.level !== 'code') {
      throw new AppError('CONFLICT', `“${row.name}” is a ${row.level}, not a code. Apply one of its codes, or change its level to code in the codebook.`);
    }
  }
}

function codingRow(id: string, codeId: string, coderId: string, documentId: string, unitId: string | null, start: number | null, end: number | null): Coding {
  return { id, codeId, coderId, documentId, unitId, start, end };
}

export function applyToUnits(db: Database.Database, units: readonly UnitRef[], codeIds: readonly string[], coderId: string): CodingChangeResult {
  const added: Coding[] = [];
  let unchanged = 0;
  const at = nowIso();
  const insert = stmt(
    db,
    `INSERT INTO codings (id, code_id, coder_id, document_id, unit_id, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  for (const unit of units) {
    for (const codeId of new Set(codeIds)) {
      const id = randomUUID();
      if (insert.run(id, codeId, coderId, unit.documentId, unit.id, at).changes === 1) added.push(codingRow(id, codeId, coderId, unit.documentId, unit.id, null, null));
      else unchanged += 1;
    }
  }
  return { added, removed: [], unchanged };
}

export function applyToSpan(
  db: Database.Database,
  documentId: string,
  start: number,
  end: number,
  codeIds: readonly string[],
  coderId: string,
  /** The range came from the search index and is known to lie inside the text. */
  known = false,
): CodingChangeResult {
  if (!known) {
    // Offsets are UTF-16 code units, as JavaScript counts them; SQLite's length() counts characters.
    const text = stmt(db, `SELECT text FROM documents WHERE id = ?`).pluck().get(documentId) as string | undefined;
    if (text === undefined) throw new AppError('NOT_FOUND', 'That document is not in this project (it may have been deleted).');
    if (!(end > start)) throw new AppError('INVALID_RANGE', 'Select at least one character to code.');
    if (end > text.length) throw new AppError('INVALID_RANGE', 'That selection runs past the end of the document. Reload it and select again.');
  }
  const added: Coding[] = [];
  let unchanged = 0;
  for (const codeId of new Set(codeIds)) {
    const exists = stmt(db, `SELECT 1 FROM codings WHERE document_id = ? AND code_id = ? AND coder_id = ? AND start = ? AND "end" = ?`).get(
      documentId,
      codeId,
      coderId,
      start,
      end,
    );
    if (exists) {
      unchanged += 1;
      continue;
    }
    const id = randomUUID();
    stmt(db, `INSERT INTO codings (id, code_id, coder_id, document_id, unit_id, start, "end", created_at) VALUES (?, ?, ?, ?, NULL, ?, ?, ?)`).run(
      id,
      codeId,
      coderId,
      documentId,
      start,
      end,
      nowIso(),
    );
    added.push(codingRow(id, codeId, coderId, documentId, null, start, end));
  }
  return { added, removed: [], unchanged };
}

export function removeByIds(db: Database.Database, codingIds: readonly string[], coderId: string): string[] {
  const removed: string[] = [];
  for (const id of new Set(codingIds)) {
    const row = stmt(db, `SELECT coder_id FROM codings WHERE id = ?`).get(id) as { coder_id: string } | undefined;
    if (!row) continue;
    if (row.coder_id !== coderId) throw new AppError('CONFLICT', 'You can remove only your own codings. Switch to that coder to change theirs.');
    stmt(db, `DELETE FROM codings WHERE id = ?`).run(id);
    removed.push(id);
  }
  return removed;
}

/** Removes this coder's codes from units; no code list means all of the coder's codes there. */
export function removeFromUnits(db: Database.Database, units: readonly UnitRef[], codeIds: readonly string[] | null, coderId: string): string[] {
  const removed: string[] = [];
  for (const unit of units) {
    const rows = stmt(db, `SELECT id, code_id FROM codings WHERE unit_id = ? AND coder_id = ?`).all(unit.id, coderId) as { id: string; code_id: string }[];
    for (const r of rows) {
      if (codeIds && !codeIds.includes(r.code_id)) continue;
      stmt(db, `DELETE FROM codings WHERE id = ?`).run(r.id);
      removed.push(r.id);
    }
  }
  return removed;
}

/**
 * Writes a unit's condensations, one edit more of its version. `version`, when given, must still be
 * the unit's: an edit made from a copy another window has since changed is refused (EDIT_CONFLICT,
 * with the text as it is now), never written over it.
 */
export function updateCondensation(db: Database.Database, unitId: string, changes: { condensed?: string; interpretive?: string; version?: number }): void {
  const now = stmt(db, `SELECT condensed, interpretive, version FROM meaning_units WHERE id = ?`).get(unitId) as
    | { condensed: string; interpretive: string; version: number }
    | undefined;
  if (!now) throw new AppError('NOT_FOUND', 'That meaning unit is not in the project any more (it may have been split or merged). Reload the document.');
  if (changes.version !== undefined && changes.version !== now.version) {
    throw new AppError('EDIT_CONFLICT', 'This condensation was changed elsewhere (another window or tab) after you began editing it. Choose which text to keep.', {
      table: 'meaning_units',
      id: unitId,
      version: now.version,
      theirs: { condensed: now.condensed, interpretive: now.interpretive },
    });
  }
  const condensed = changes.condensed ?? now.condensed;
  const interpretive = changes.interpretive ?? now.interpretive;
  if (condensed === now.condensed && interpretive === now.interpretive) return;
  stmt(db, `UPDATE meaning_units SET condensed = ?, interpretive = ?, version = version + 1 WHERE id = ?`).run(condensed, interpretive, unitId);
}

/** The unit of a document whose text holds the whole range, if any. */
export function unitHolding(db: Database.Database, documentId: string, start: number, end: number): string | null {
  return (
    (stmt(db, `SELECT id FROM meaning_units WHERE document_id = ? AND start <= ? AND "end" >= ? ORDER BY start DESC LIMIT 1`).pluck().get(documentId, start, end) as
      | string
      | undefined) ?? null
  );
}

export interface TaggedSpan {
  readonly start: number;
  readonly end: number;
  /** Code names: a code of that name (case ignored) is used, or made at the codebook's top level. */
  readonly codeNames: readonly string[];
}

/** Codes the meaning units inside each span with its named codes, by one coder (a table of turns' tag column). */
export function codeSpansByName(db: Database.Database, documentId: string, spans: readonly TaggedSpan[], coderId: string): { codings: number; codesCreated: number } {
  const byName = new Map<string, string>();
  const find = stmt(db, `SELECT id FROM codebook_nodes WHERE level = 'code' AND lower(name) = lower(?) ORDER BY sort, created_at LIMIT 1`).pluck();
  const unitsIn = stmt(db, `SELECT id, document_id AS documentId FROM meaning_units WHERE document_id = ? AND start >= ? AND "end" <= ? ORDER BY start`);
  let codings = 0;
  let codesCreated = 0;
  for (const span of spans) {
    if (span.codeNames.length === 0) continue;
    const codeIds = span.codeNames.map((name) => {
      const key = name.toLowerCase();
      let id = byName.get(key) ?? (find.get(name) as string | undefined);
      if (id === undefined) {
        id = createNode(db, { level: 'code', name, parentId: null });
        codesCreated += 1;
      }
      byName.set(key, id);
      return id;
    });
    codings += applyToUnits(db, unitsIn.all(documentId, span.start, span.end) as UnitRef[], codeIds, coderId).added.length;
  }
  return { codings, codesCreated };
}
