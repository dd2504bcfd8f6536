import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { MeaningUnit } from '../../../shared/api/entities';
import { AppError } from '../../../shared/api/errors';
import type { SegmentChoice } from '../../../shared/api/methods/import';
import type { SegmentPlan } from '../../../shared/api/methods/units';
import { segmentUnits, snapToWord, type TextRange } from '../../../shared/text';
import { trimSpan } from '../../../shared/text/spans';
import { projectSettings } from '../repos/project-repo';
import { insertUnits } from '../import/store-transcript';
import { stmt } from '../store/statements';

interface TurnRow {
  readonly start: number;
  readonly end: number;
  readonly participantId: string | null;
  readonly speakerLabel: string | null;
  readonly isFacilitator: number;
  readonly notSpeech: number;
}

const UNIT_COLUMNS = `id, document_id AS documentId, start, "end", condensed, interpretive, version`;

export function getUnit(db: Database.Database, id: string): MeaningUnit {
  const unit = stmt(db, `SELECT ${UNIT_COLUMNS} FROM meaning_units WHERE id = ?`).get(id) as MeaningUnit | undefined;
  if (!unit) throw new AppError('NOT_FOUND', 'That meaning unit is not in this document any more (it may have been merged or removed).');
  return unit;
}

function documentText(db: Database.Database, documentId: string): string {
  const text = stmt(db, `SELECT text FROM documents WHERE id = ?`).pluck().get(documentId) as string | undefined;
  if (text === undefined) throw new AppError('NOT_FOUND', 'That document is not in this project (it may have been deleted).');
  return text;
}

function documentTurns(db: Database.Database, documentId: string): TurnRow[] {
  return stmt(
    db,
    `SELECT start, "end", participant_id AS participantId, speaker_label AS speakerLabel, is_facilitator AS isFacilitator, not_speech AS notSpeech
     FROM turns WHERE document_id = ? ORDER BY start`,
  ).all(documentId) as TurnRow[];
}

function documentUnits(db: Database.Database, documentId: string): MeaningUnit[] {
  return stmt(db, `SELECT ${UNIT_COLUMNS} FROM meaning_units WHERE document_id = ? ORDER BY start`).all(documentId) as MeaningUnit[];
}

/** Turns whose text becomes meaning units: people's turns (facilitators' only when asked), not labels without a person. */
export function codableTurns(turns: readonly TurnRow[], includeFacilitators: boolean): TextRange[] {
  return turns.filter((t) => {
    const nobody = t.speakerLabel !== null && t.participantId === null;
    return !nobody && t.notSpeech === 0 && (includeFacilitators || t.isFacilitator === 0) && t.end > t.start;
  });
}

// ---- Segmenting a whole document -------------------------------------------------------------

interface SegmentWork {
  readonly plan: SegmentPlan;
  readonly drop: readonly MeaningUnit[];
  readonly add: readonly TextRange[];
}

function segmentWork(db: Database.Database, documentId: string, mode: SegmentChoice, includeFacilitators: boolean): SegmentWork {
  const text = documentText(db, documentId);
  const ranges = mode === 'none' ? [] : segmentUnits(text, codableTurns(documentTurns(db, documentId), includeFacilitators), mode);
  const existing = documentUnits(db, documentId);
  const byRange = new Map(existing.map((u) => [`${u.start}:${u.end}`, u]));
  const wanted = new Set(ranges.map((r) => `${r.start}:${r.end}`));
  const drop = existing.filter((u) => !wanted.has(`${u.start}:${u.end}`));
  const add = ranges.filter((r) => !byRange.has(`${r.start}:${r.end}`));
  const codingsOf = stmt(db, `SELECT count(*) FROM codings WHERE unit_id = ?`).pluck();
  const codings = stmt(db, `SELECT count(*) FROM codings WHERE document_id = ? AND unit_id IS NOT NULL`).pluck().get(documentId) as number;
  const codingsDropped = drop.reduce((n, u) => n + (codingsOf.get(u.id) as number), 0);
  return {
    drop,
    add,
    plan: {
      units: ranges.length,
      unitsKept: existing.length - drop.length,
      codings,
      codingsKept: codings - codingsDropped,
      codingsDropped,
      condensationsDropped: drop.filter((u) => u.condensed.trim() !== '' || u.interpretive.trim() !== '').length,
    },
  };
}

export function planSegment(db: Database.Database, documentId: string, mode: SegmentChoice, includeFacilitators: boolean): SegmentPlan {
  return segmentWork(db, documentId, mode, includeFacilitators).plan;
}

/** Re-segments a document; units whose range survives keep their id, condensation and codings. */
export function segmentDocument(db: Database.Database, documentId: string, mode: SegmentChoice, includeFacilitators: boolean): SegmentPlan {
  const work = segmentWork(db, documentId, mode, includeFacilitators);
  deleteUnits(db, work.drop.map((u) => u.id));
  insertUnits(db, documentId, work.add);
  return work.plan;
}

// ---- Editing single units ---------------------------------------------------------------------

const ACROSS_TURNS =
  'A meaning unit cannot run from one speaker’s turn into the next. Keep it within one turn, or allow units across turns in the project settings.';

/** Checks a unit's range: inside the text, inside one turn (unless allowed), overlapping no other unit. */
function assertPlacement(db: Database.Database, documentId: string, range: TextRange, ignore: readonly string[]): void {
  const text = documentText(db, documentId);
  if (range.start < 0 || range.end > text.length || range.end <= range.start) {
    throw new AppError('INVALID_RANGE', 'That stretch of text is empty or outside the document. Select some words first.');
  }
  if (!projectSettings(db).allowUnitsAcrossTurns) {
    const turns = documentTurns(db, documentId);
    if (turns.length > 0 && !turns.some((t) => t.start <= range.start && range.end <= t.end)) throw new AppError('INVALID_RANGE', ACROSS_TURNS);
  }
  const clash = (stmt(db, `SELECT id FROM meaning_units WHERE document_id = ? AND start < ? AND "end" > ?`).all(documentId, range.end, range.start) as { id: string }[]).find(
    (u) => !ignore.includes(u.id),
  );
  if (clash) {
    throw new AppError('INVALID_RANGE', 'Part of that text already belongs to another meaning unit. Units never overlap: split or shrink the other unit first.');
  }
}

// Punctuation that belongs to the words it touches: a unit keeps its full stop and its quotes.
const CLOSING = /[.,;:!?…)\]}»”’"'%]/;
const OPENING = /[([{«“‘"'¿¡]/;

/** Widens a selection to whole words (with the punctuation attached to them) and trims the spaces at its ends. */
function wholeWords(text: string, start: number, end: number): TextRange {
  let from = snapToWord(text, Math.min(start, end), 'backward');
  let to = snapToWord(text, Math.max(start, end), 'forward');
  while (from > 0 && OPENING.test(text[from - 1])) from -= 1;
  while (to < text.length && CLOSING.test(text[to])) to += 1;
  const [s, e] = trimSpan(text, from, to);
  return { start: s, end: e };
}

export function createUnit(db: Database.Database, documentId: string, start: number, end: number): MeaningUnit {
  const text = documentText(db, documentId);
  const range = wholeWords(text, start, end);
  assertPlacement(db, documentId, range, []);
  const id = randomUUID();
  stmt(db, `INSERT INTO meaning_units (id, document_id, start, "end", condensed, interpretive) VALUES (?, ?, ?, ?, '', '')`).run(id, documentId, range.start, range.end);
  return getUnit(db, id);
}

/** Splits at the word boundary nearest `at`; the second half gets a copy of every coding, the first keeps the condensation. */
export function splitUnit(db: Database.Database, unitId: string, at: number): { first: MeaningUnit; second: MeaningUnit } {
  const unit = getUnit(db, unitId);
  const text = documentText(db, unit.documentId);
  const back = snapToWord(text, at, 'backward');
  const cut = back > unit.start ? back : snapToWord(text, at, 'forward');
  const [firstStart, firstEnd] = trimSpan(text, unit.start, cut);
  const [secondStart, secondEnd] = trimSpan(text, cut, unit.end);
  if (cut <= unit.start || cut >= unit.end || firstEnd <= firstStart || secondEnd <= secondStart) {
    throw new AppError('INVALID_RANGE', 'Put the cursor between two words inside the unit to split it there.');
  }
  stmt(db, `UPDATE meaning_units SET "end" = ? WHERE id = ?`).run(firstEnd, unitId);
  const secondId = randomUUID();
  stmt(db, `INSERT INTO meaning_units (id, document_id, start, "end", condensed, interpretive) VALUES (?, ?, ?, ?, '', '')`).run(
    secondId,
    unit.documentId,
    secondStart,
    secondEnd,
  );
  const codings = stmt(db, `SELECT code_id AS codeId, coder_id AS coderId, created_at AS createdAt FROM codings WHERE unit_id = ?`).all(unitId) as {
    codeId: string;
    coderId: string;
    createdAt: string;
  }[];
  const copy = stmt(db, `INSERT INTO codings (id, code_id, coder_id, document_id, unit_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`);
  for (const c of codings) copy.run(randomUUID(), c.codeId, c.coderId, unit.documentId, secondId, c.createdAt);
  return { first: getUnit(db, unitId), second: getUnit(db, secondId) };
}

/** The unit after this one in its document, if any. */
function nextUnit(db: Database.Database, unit: MeaningUnit): MeaningUnit | undefined {
  return stmt(db, `SELECT ${UNIT_COLUMNS} FROM meaning_units WHERE document_id = ? AND start >= ? ORDER BY start LIMIT 1`).get(unit.documentId, unit.end) as
    | MeaningUnit
    | undefined;
}

function joined(a: string, b: string): string {
  return [a.trim(), b.trim()].filter((s) => s !== '').join(' ');
}

/** Merges a unit with the next one: texts, condensations and codings (duplicates collapse); the first unit's id lives on. */
export function mergeWithNext(db: Database.Database, unitId: string): MeaningUnit {
  const unit = getUnit(db, unitId);
  const next = nextUnit(db, unit);
  if (!next) throw new AppError('INVALID_RANGE', 'This is the last meaning unit of the document: there is nothing after it to merge with.');
  assertPlacement(db, unit.documentId, { start: unit.start, end: next.end }, [unit.id, next.id]);
  // Codings, quotes and decisions on the second unit move to the first unless the first already has them.
  stmt(
    db,
    `DELETE FROM codings WHERE unit_id = @next AND EXISTS (SELECT 1 FROM codings c WHERE c.unit_id = @first AND c.code_id = codings.code_id AND c.coder_id = codings.coder_id)`,
  ).run({ next: next.id, first: unit.id });
  stmt(db, `UPDATE codings SET unit_id = ? WHERE unit_id = ?`).run(unit.id, next.id);
  stmt(db, `DELETE FROM quotes WHERE unit_id = @next AND node_id IN (SELECT node_id FROM quotes WHERE unit_id = @first)`).run({ next: next.id, first: unit.id });
  stmt(db, `UPDATE quotes SET unit_id = ? WHERE unit_id = ?`).run(unit.id, next.id);
  stmt(db, `UPDATE resolutions SET unit_id = ? WHERE unit_id = ?`).run(unit.id, next.id);
  stmt(db, `UPDATE codebook_nodes SET example_unit_id = ? WHERE example_unit_id = ?`).run(unit.id, next.id);
  stmt(db, `UPDATE memos SET target_id = ? WHERE target_type = 'unit' AND target_id = ?`).run(unit.id, next.id);
  stmt(db, `DELETE FROM meaning_units WHERE id = ?`).run(next.id);
  stmt(db, `UPDATE meaning_units SET "end" = ?, condensed = ?, interpretive = ? WHERE id = ?`).run(
    next.end,
    joined(unit.condensed, next.condensed),
    joined(unit.interpretive, next.interpretive),
    unit.id,
  );
  return getUnit(db, unit.id);
}

/** Moves a unit's boundaries to whole words; its codings and condensation stay. */
export function resizeUnit(db: Database.Database, unitId: string, start: number, end: number): MeaningUnit {
  const unit = getUnit(db, unitId);
  const text = documentText(db, unit.documentId);
  const range = wholeWords(text, start, end);
  assertPlacement(db, unit.documentId, range, [unit.id]);
  stmt(db, `UPDATE meaning_units SET start = ?, "end" = ? WHERE id = ?`).run(range.start, range.end, unitId);
  return getUnit(db, unitId);
}

/** Removes units with their codings (cascade) and memos (which would point at nothing); undo brings all back. */
export function deleteUnits(db: Database.Database, unitIds: readonly string[]): number {
  const remove = stmt(db, `DELETE FROM meaning_units WHERE id = ?`);
  const memos = stmt(db, `DELETE FROM memos WHERE target_type = 'unit' AND target_id = ?`);
  return unitIds.reduce((n, id) => {
    memos.run(id);
    return n + remove.run(id).changes;
  }, 0);
}
