import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import { applyEdit, editBetween, mapOrderedRanges, mapRange, splitsPair, type Range, type TextEdit } from '../../../shared/domain/text-edits';
import { snapToWord } from '../../../shared/text';
import { trimSpan } from '../../../shared/text/spans';
import { stmt } from '../store/statements';
import { deleteUnits, splitUnit } from '../units/units-service';
import { projectSettings } from './project-repo';

// Repairs of a transcript in the app: a corrected word, a turn split or merged, a line marked as
// not speech. Every table that anchors something in a document's text by offsets is listed once
// here and carried through the same mapping (shared/domain/text-edits); work that rides on those
// rows by id (codings of units, condensations, quotes, memos) stays with them.

interface Anchored {
  readonly table: 'turns' | 'meaning_units' | 'codings' | 'resolutions';
  /** Rows of one document that must never overlap: mapped in order (an insertion between two goes to the first). */
  readonly ordered: boolean;
  /** What the rows are, in words, for a refusal. */
  readonly words: string;
}

const ANCHORED: readonly Anchored[] = [
  { table: 'turns', ordered: true, words: 'turn' },
  { table: 'meaning_units', ordered: true, words: 'meaning unit' },
  { table: 'codings', ordered: false, words: 'coded passage' },
  { table: 'resolutions', ordered: false, words: 'decision on a passage' },
];

interface AnchoredRow extends Range {
  readonly id: string;
}

export interface TurnRow {
  readonly id: string;
  readonly documentId: string;
  readonly participantId: string | null;
  readonly speakerLabel: string | null;
  readonly start: number;
  readonly end: number;
  readonly isFacilitator: number;
  readonly notSpeech: number;
}

const TURN_COLUMNS = `id, document_id AS documentId, participant_id AS participantId, speaker_label AS speakerLabel, start, "end", is_facilitator AS isFacilitator, not_speech AS notSpeech`;

export function getTurn(db: Database.Database, turnId: string): TurnRow {
  const turn = stmt(db, `SELECT ${TURN_COLUMNS} FROM turns WHERE id = ?`).get(turnId) as TurnRow | undefined;
  if (!turn) throw new AppError('NOT_FOUND', 'That turn is not in this document any more (it may have been merged). Reload the transcript.');
  return turn;
}

/** The turn after this one in its document, if any. */
export function nextTurn(db: Database.Database, turn: TurnRow): TurnRow | undefined {
  return stmt(db, `SELECT ${TURN_COLUMNS} FROM turns WHERE document_id = ? AND start >= ? AND id <> ? ORDER BY start, "end" LIMIT 1`).get(turn.documentId, turn.end, turn.id) as
    | TurnRow
    | undefined;
}

export function documentText(db: Database.Database, documentId: string): string {
  const text = stmt(db, `SELECT text FROM documents WHERE id = ?`).pluck().get(documentId) as string | undefined;
  if (text === undefined) throw new AppError('NOT_FOUND', 'That document is not in this project (it may have been deleted).');
  return text;
}

export function documentTitle(db: Database.Database, documentId: string): string {
  return (stmt(db, `SELECT title FROM documents WHERE id = ?`).pluck().get(documentId) as string | undefined) ?? 'a document';
}

/** Who speaks in a turn, as a person reads it: the participant's label, else the label as written. */
export function speakerWords(db: Database.Database, turn: Pick<TurnRow, 'participantId' | 'speakerLabel' | 'notSpeech'>): string {
  if (turn.notSpeech) return 'a line that is not speech';
  const label = turn.participantId ? (stmt(db, `SELECT label FROM participants WHERE id = ?`).pluck().get(turn.participantId) as string | undefined) : undefined;
  const name = label ?? turn.speakerLabel;
  return name ? `${name}’s turn` : 'a turn without a speaker';
}

function anchoredRows(db: Database.Database, a: Anchored, documentId: string): AnchoredRow[] {
  const spans = a.table === 'codings' || a.table === 'resolutions' ? ' AND start IS NOT NULL' : '';
  return stmt(db, `SELECT id, start, "end" FROM ${a.table} WHERE document_id = ?${spans} ORDER BY start`).all(documentId) as AnchoredRow[];
}

/** Whether anything a researcher made rides on a meaning unit. */
function unitWork(db: Database.Database, unitId: string): string[] {
  const count = (sql: string) => stmt(db, sql).pluck().get(unitId) as number;
  const work: string[] = [];
  const codings = count(`SELECT count(*) FROM codings WHERE unit_id = ?`);
  if (codings > 0) work.push(codings === 1 ? '1 coding' : `${codings} codings`);
  if (count(`SELECT count(*) FROM meaning_units WHERE id = ? AND (trim(condensed) <> '' OR trim(interpretive) <> '')`) > 0) work.push('a condensation');
  if (count(`SELECT count(*) FROM quotes WHERE unit_id = ?`) > 0) work.push('an exemplar quote');
  if (count(`SELECT count(*) FROM memos WHERE target_type = 'unit' AND target_id = ?`) > 0) work.push('a memo');
  if (count(`SELECT count(*) FROM resolutions WHERE unit_id = ?`) > 0) work.push('a decision');
  if (count(`SELECT count(*) FROM codebook_nodes WHERE example_unit_id = ?`) > 0) work.push('an example of a code');
  return work;
}

/** Removes meaning units that have nothing on them; refuses (REPAIR_DROPS_WORK) when one carries work, so nothing is lost unasked. */
function dropBareUnits(db: Database.Database, text: string, units: readonly AnchoredRow[], why: string): number {
  for (const u of units) {
    const work = unitWork(db, u.id);
    if (work.length > 0) {
      throw new AppError(
        'REPAIR_DROPS_WORK',
        `${why} would leave nothing of the meaning unit “${excerpt(text.slice(u.start, u.end), 50)}”, which has ${work.join(', ')}. Remove or move that work first (or delete the unit), then repair the text again.`,
        { unitId: u.id },
      );
    }
  }
  return deleteUnits(db, units.map((u) => u.id));
}

export interface EditEffects {
  readonly before: string;
  readonly after: string;
  readonly unitsRemoved: number;
}

/**
 * Replaces [start, end) of a document's text and moves every anchored offset with it: one
 * mechanism for turns, meaning units, coded passages and decisions. Units left empty are removed
 * when nothing is on them; a unit with work, or a coded passage, left empty refuses the edit.
 */
export function replaceText(db: Database.Database, documentId: string, edit: TextEdit, why = 'This correction'): EditEffects {
  const text = documentText(db, documentId);
  if (!(edit.start >= 0 && edit.start <= edit.end && edit.end <= text.length)) {
    throw new AppError('INVALID_RANGE', 'That stretch of text is outside the document. Reload the transcript and try again.');
  }
  if (splitsPair(text, edit.start) || splitsPair(text, edit.end)) {
    throw new AppError('INVALID_RANGE', 'That edit would cut a character (an emoji, say) in half. Select whole characters.');
  }
  const newText = applyEdit(text, edit);
  let unitsRemoved = 0;
  for (const a of ANCHORED) {
    const rows = anchoredRows(db, a, documentId);
    const mapped = a.ordered ? mapOrderedRanges(edit, rows) : rows.map((range) => ({ range, mapped: mapRange(edit, range) }));
    const emptied = mapped.filter((m) => m.mapped.end <= m.mapped.start && m.range.end > m.range.start).map((m) => m.range);
    if (a.table === 'meaning_units' && emptied.length > 0) unitsRemoved = dropBareUnits(db, text, emptied, why);
    else if (emptied.length > 0 && a.table !== 'turns') {
      const first = emptied[0];
      throw new AppError(
        'REPAIR_DROPS_WORK',
        `${why} would remove every word of a ${a.words} (“${excerpt(text.slice(first.start, first.end), 50)}”). Remove that coding first, or keep some of its words.`,
        { table: a.table, rowId: first.id },
      );
    }
    const gone = new Set(emptied.map((r) => r.id));
    const update = stmt(db, `UPDATE ${a.table} SET start = ?, "end" = ? WHERE id = ?`);
    for (const { range, mapped: m } of mapped) {
      if (a.table !== 'turns' && gone.has(range.id)) continue;
      if (m.start !== range.start || m.end !== range.end) update.run(m.start, m.end, range.id);
    }
  }
  stmt(db, `UPDATE documents SET text = ? WHERE id = ?`).run(newText, documentId);
  return { before: text.slice(edit.start, edit.end), after: edit.text, unitsRemoved };
}

/** Meaning units that a cut at `at` would leave running from one turn into the next, split there (codings copied, see splitUnit). */
function splitUnitsAcross(db: Database.Database, documentId: string, at: number): number {
  if (projectSettings(db).allowUnitsAcrossTurns) return 0;
  const across = stmt(db, `SELECT id FROM meaning_units WHERE document_id = ? AND start < ? AND "end" > ?`).pluck().all(documentId, at, at) as string[];
  for (const id of across) splitUnit(db, id, at);
  return across.length;
}

/** The participant's facilitator flag as their other turns carry it. */
function facilitatorOf(db: Database.Database, participantId: string | null): number {
  if (!participantId) return 0;
  if (!stmt(db, `SELECT 1 FROM participants WHERE id = ?`).get(participantId)) {
    throw new AppError('NOT_FOUND', 'That participant is not in this project (it may have been removed).');
  }
  return (stmt(db, `SELECT is_facilitator FROM turns WHERE participant_id = ? ORDER BY is_facilitator DESC LIMIT 1`).pluck().get(participantId) as number | undefined) ?? 0;
}

function participantLabel(db: Database.Database, participantId: string | null): string | null {
  return participantId ? ((stmt(db, `SELECT label FROM participants WHERE id = ?`).pluck().get(participantId) as string | undefined) ?? null) : null;
}

/** Where a cut near `at` falls: at the start of the word the caret is in, so no word is cut in two. */
function cutPoint(text: string, turn: TurnRow, at: number): number {
  if (splitsPair(text, at)) at -= 1;
  const back = snapToWord(text, at, 'backward');
  return back > turn.start ? back : snapToWord(text, at, 'forward');
}

function insertTurn(db: Database.Database, t: Omit<TurnRow, 'id'> & { timestamp: string | null }): string {
  const id = randomUUID();
  stmt(db, `INSERT INTO turns (id, document_id, participant_id, speaker_label, start, "end", timestamp, is_facilitator, not_speech) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    id,
    t.documentId,
    t.participantId,
    t.speakerLabel,
    t.start,
    t.end,
    t.timestamp,
    t.isFacilitator,
    t.notSpeech,
  );
  return id;
}

/** Writes a turn's text as corrected: the one replacement between old and new words, carried through replaceText. */
export function editTurnText(db: Database.Database, turnId: string, newText: string): EditEffects & { readonly turn: TurnRow } {
  const turn = getTurn(db, turnId);
  const text = documentText(db, turn.documentId);
  if (newText.trim() === '') {
    throw new AppError('INVALID_VALUE', 'A turn cannot be left without words. To take it out, merge it with the turn before or mark it as not speech.');
  }
  const edit = editBetween(text.slice(turn.start, turn.end), newText);
  if (!edit) return { before: '', after: '', unitsRemoved: 0, turn };
  const effects = replaceText(db, turn.documentId, { start: turn.start + edit.start, end: turn.start + edit.end, text: edit.text });
  // The audit log quotes whole words (“teh” to “the”), not the letters that differ.
  const old = text.slice(turn.start, turn.end);
  const from = wordStart(old, edit.start);
  return {
    ...effects,
    before: old.slice(from, wordEnd(old, edit.end)),
    after: newText.slice(from, wordEnd(newText, edit.start + edit.text.length)),
    turn: getTurn(db, turn.id),
  };
}

function wordStart(text: string, at: number): number {
  while (at > 0 && !/\s/.test(text[at - 1])) at -= 1;
  return at;
}

function wordEnd(text: string, at: number): number {
  while (at < text.length && !/\s/.test(text[at])) at += 1;
  return at;
}

export interface SplitEffects {
  readonly first: TurnRow;
  readonly second: TurnRow;
  readonly unitsSplit: number;
  readonly secondWords: string;
}

/**
 * Splits a turn where the caret is: the words after it become a turn of their own, spoken by
 * `participantId` (null: the same speaker). A meaning unit running across the cut becomes two.
 */
export function splitTurn(db: Database.Database, turnId: string, at: number, participantId: string | null): SplitEffects {
  const turn = getTurn(db, turnId);
  const text = documentText(db, turn.documentId);
  const cut = cutPoint(text, turn, at);
  const [firstStart, firstEnd] = trimSpan(text, turn.start, cut);
  const [secondStart, secondEnd] = trimSpan(text, cut, turn.end);
  if (cut <= turn.start || cut >= turn.end || firstEnd <= firstStart || secondEnd <= secondStart) {
    throw new AppError('INVALID_RANGE', 'Put the caret between two words inside the turn, where the next speaker begins, to split it there.');
  }
  const unitsSplit = splitUnitsAcross(db, turn.documentId, cut);
  const speaker = participantId ?? turn.participantId;
  const isFacilitator = participantId === null || participantId === turn.participantId ? turn.isFacilitator : facilitatorOf(db, participantId);
  stmt(db, `UPDATE turns SET "end" = ? WHERE id = ?`).run(firstEnd, turn.id);
  const secondId = insertTurn(db, {
    documentId: turn.documentId,
    participantId: speaker,
    speakerLabel: participantId === null ? turn.speakerLabel : participantLabel(db, participantId),
    start: secondStart,
    end: turn.end,
    isFacilitator,
    notSpeech: turn.notSpeech,
    timestamp: null,
  });
  return { first: getTurn(db, turn.id), second: getTurn(db, secondId), unitsSplit, secondWords: excerpt(text.slice(secondStart, secondEnd), 40) };
}

export interface MergeEffects {
  readonly first: TurnRow;
  readonly removed: TurnRow;
}

/**
 * Merges a turn with the next one: one turn, the first one's speaker. The label written between
 * them (“P2:”) goes from the text, which the offset mapping carries everything past; blank space
 * alone between them stays as it is.
 */
export function mergeWithNextTurn(db: Database.Database, turnId: string): MergeEffects {
  const turn = getTurn(db, turnId);
  const next = nextTurn(db, turn);
  if (!next) throw new AppError('INVALID_RANGE', 'This is the last turn of the document: there is no turn after it to merge with.');
  const text = documentText(db, turn.documentId);
  const between = text.slice(turn.end, next.start);
  const label = /\S/.test(between);
  stmt(db, `DELETE FROM turns WHERE id = ?`).run(next.id);
  if (label) replaceText(db, turn.documentId, { start: turn.end, end: next.start, text: ' ' }, 'Merging these turns');
  stmt(db, `UPDATE turns SET "end" = ? WHERE id = ?`).run(label ? next.end + 1 - between.length : next.end, turn.id);
  return { first: getTurn(db, turn.id), removed: next };
}

export interface NotSpeechEffects {
  readonly turn: TurnRow;
  readonly words: string;
  readonly unitsRemoved: number;
  readonly unitsSplit: number;
}

/**
 * Marks a stretch of a turn (a line) or a whole turn as not speech. A stretch becomes a turn of its
 * own between the parts before and after it. Meaning units are taken off it: those running into it
 * are split at its edges, those inside it removed when nothing is on them (else refused).
 */
export function markNotSpeech(db: Database.Database, turnId: string, range: Range | null, notSpeech: boolean): NotSpeechEffects {
  const turn = getTurn(db, turnId);
  const text = documentText(db, turn.documentId);
  if (!notSpeech) {
    // Speech again: spoken by whoever speaks under the same label elsewhere in the document (shown, and changed with Change Speaker).
    const same = turn.speakerLabel
      ? (stmt(db, `SELECT participant_id AS participantId, is_facilitator AS isFacilitator FROM turns WHERE document_id = ? AND speaker_label = ? AND participant_id IS NOT NULL AND not_speech = 0 LIMIT 1`).get(
          turn.documentId,
          turn.speakerLabel,
        ) as { participantId: string; isFacilitator: number } | undefined)
      : undefined;
    stmt(db, `UPDATE turns SET not_speech = 0, participant_id = ?, is_facilitator = ? WHERE id = ?`).run(same?.participantId ?? null, same?.isFacilitator ?? 0, turn.id);
    return { turn: getTurn(db, turn.id), words: excerpt(text.slice(turn.start, turn.end), 40), unitsRemoved: 0, unitsSplit: 0 };
  }
  const [start, end] = range ? trimSpan(text, Math.max(turn.start, range.start), Math.min(turn.end, range.end)) : [turn.start, turn.end];
  if (end <= start) throw new AppError('INVALID_RANGE', 'Put the caret on the line that is not speech (or select it) to mark it.');
  const [beforeStart, beforeEnd] = trimSpan(text, turn.start, start);
  const [afterStart, afterEnd] = trimSpan(text, end, turn.end);
  const hasBefore = beforeEnd > beforeStart;
  const hasAfter = afterEnd > afterStart;
  let unitsSplit = 0;
  if (hasBefore) unitsSplit += splitUnitsAcross(db, turn.documentId, start);
  if (hasAfter) unitsSplit += splitUnitsAcross(db, turn.documentId, end);
  const inside = stmt(db, `SELECT id, start, "end" FROM meaning_units WHERE document_id = ? AND start >= ? AND "end" <= ? ORDER BY start`).all(
    turn.documentId,
    start,
    end,
  ) as AnchoredRow[];
  const unitsRemoved = dropBareUnits(db, text, inside, 'Marking this as not speech');
  let lineId = turn.id;
  if (!hasBefore && !hasAfter) {
    // Nobody speaks in it: no participant counts it as theirs (the label as written stays).
    stmt(db, `UPDATE turns SET not_speech = 1, participant_id = NULL, is_facilitator = 0 WHERE id = ?`).run(turn.id);
  } else {
    stmt(db, `UPDATE turns SET "end" = ? WHERE id = ?`).run(hasBefore ? beforeEnd : turn.start, turn.id);
    const base = { documentId: turn.documentId, participantId: null, speakerLabel: null, isFacilitator: 0, notSpeech: 1, timestamp: null };
    if (hasBefore) lineId = insertTurn(db, { ...base, start, end });
    else stmt(db, `UPDATE turns SET start = ?, "end" = ?, participant_id = NULL, speaker_label = NULL, is_facilitator = 0, not_speech = 1 WHERE id = ?`).run(start, end, turn.id);
    if (hasAfter) {
      insertTurn(db, { ...turn, start: afterStart, end: turn.end, timestamp: null });
    }
  }
  return { turn: getTurn(db, lineId), words: excerpt(text.slice(start, end), 40), unitsRemoved, unitsSplit };
}

/** A stretch of text as the audit log quotes it: one line, shortened in the middle of nothing. */
export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  let cut = max - 1;
  if (splitsPair(flat, cut)) cut -= 1;
  return `${flat.slice(0, cut)}…`;
}
