import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import type { DocumentFields, ImportFormat, SegmentChoice, SpeakerDecision } from '../../../shared/api/methods/import';
import type { DocumentKind } from '../../../shared/domain/vocabulary';
import { segmentUnits, type ParsedTranscript, type TextRange } from '../../../shared/text';
import { labelKey } from '../../../shared/text/label-words';
import { nowIso, stmt } from '../store/statements';
import { ensureGroup } from '../repos/document-groups-repo';
import { codeSpansByName } from '../repos/codings-repo';

export interface StoreRequest {
  readonly parsed: ParsedTranscript;
  readonly format: ImportFormat;
  readonly sourceName: string | null;
  readonly title: string;
  readonly kind: DocumentKind;
  readonly segment: SegmentChoice;
  readonly unitsInFacilitatorTurns: boolean;
  readonly speakers: readonly SpeakerDecision[];
  readonly document: DocumentFields & { readonly newGroupName?: string };
  /** Per turn, codes to apply to its meaning units (a table's tag column); null: none. */
  readonly turnTags?: readonly (readonly string[])[] | null;
  /** Whose codings those are: the current coder. */
  readonly coderId?: string | null;
  /** Each turn's meaning units, worked out before the write (null: worked out in it). */
  readonly unitsByTurn?: readonly (readonly TextRange[])[] | null;
}

export interface StoreResult {
  readonly documentId: string;
  readonly title: string;
  readonly turns: number;
  readonly units: number;
  readonly participantsCreated: number;
  readonly participantsMapped: number;
  readonly codings: number;
  readonly codesCreated: number;
}

interface SpeakerTarget {
  readonly participantId: string | null;
  readonly isFacilitator: boolean;
}

/** Existing participants by label (case and spacing ignored), for a user who says a label names the same person. */
function participantsByLabel(db: Database.Database): Map<string, string> {
  const rows = stmt(db, `SELECT id, label FROM participants ORDER BY sort, created_at`).all() as { id: string; label: string }[];
  const map = new Map<string, string>();
  for (const r of rows) if (!map.has(labelKey(r.label))) map.set(labelKey(r.label), r.id);
  return map;
}

/** Writes a document with its participants, turns and meaning units. Runs inside the caller's transaction. */
export function storeTranscript(db: Database.Database, req: StoreRequest): StoreResult {
  const now = nowIso();
  const { targets, created, mapped } = resolveSpeakers(db, req, now);
  const doc = req.document;
  const groupId = doc.newGroupName ? ensureGroup(db, doc.newGroupName).id : (doc.groupId ?? null);
  if (groupId && !stmt(db, `SELECT 1 FROM document_groups WHERE id = ?`).get(groupId)) {
    throw new AppError('NOT_FOUND', 'That document group no longer exists. Choose another group.');
  }
  const documentId = randomUUID();
  const sort = (stmt(db, `SELECT coalesce(max(sort), -1) + 1 FROM documents`).pluck().get() as number) ?? 0;
  stmt(
    db,
    `INSERT INTO documents (id, title, kind, text, source_name, source_format, group_id, session_name, session_date, facilitator, duration_minutes, notes, sort, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    documentId,
    doc.title ?? req.title,
    doc.kind ?? req.kind,
    req.parsed.text,
    req.sourceName,
    req.format,
    groupId,
    doc.sessionName ?? '',
    doc.sessionDate ?? null,
    doc.facilitator ?? '',
    doc.durationMinutes ?? null,
    doc.notes ?? '',
    sort,
    now,
  );

  const turnRows: unknown[][] = [];
  const codable: TextRange[] = [];
  const codableUnits: TextRange[] = [];
  for (const [i, turn] of req.parsed.turns.entries()) {
    const target = turn.speaker === null ? null : targets.get(turn.speaker);
    const facilitator = target?.isFacilitator ?? false;
    turnRows.push([randomUUID(), target?.participantId ?? null, turn.speaker, turn.start, turn.end, turn.timestamp, facilitator ? 1 : 0]);
    const person = turn.speaker === null || (target?.participantId ?? null) !== null;
    if (person && (!facilitator || req.unitsInFacilitatorTurns) && turn.end > turn.start) {
      codable.push(turn);
      codableUnits.push(...(req.unitsByTurn?.[i] ?? []));
    }
  }
  insertTurns(db, documentId, turnRows);
  // With no codable turn segmentUnits reads the whole text as one, so that case is worked out here.
  const ready = req.unitsByTurn && codable.length > 0;
  const units = req.segment === 'none' ? [] : ready ? codableUnits : segmentUnits(req.parsed.text, codable, req.segment);
  insertUnits(db, documentId, units);
  const tagged = codeTurnTags(db, documentId, req);
  return {
    documentId,
    title: doc.title ?? req.title,
    turns: req.parsed.turns.length,
    units: units.length,
    participantsCreated: created,
    participantsMapped: mapped,
    ...tagged,
  };
}

function codeTurnTags(db: Database.Database, documentId: string, req: StoreRequest): { codings: number; codesCreated: number } {
  const tags = req.turnTags ?? [];
  if (!tags.some((t) => t.length > 0)) return { codings: 0, codesCreated: 0 };
  if (!req.coderId) {
    throw new AppError('CONFLICT', 'Tags become codings of the current coder, and no coder is chosen. Choose who is coding first, or import without the tags.');
  }
  const spans = req.parsed.turns.map((turn, i) => ({ start: turn.start, end: turn.end, codeNames: tags[i] ?? [] }));
  return codeSpansByName(db, documentId, spans, req.coderId);
}

// Rows go in as one JSON array and one statement: far fewer round trips than a statement per row
// for the thousands of units a long transcript has (the audit triggers still see every row).
function insertTurns(db: Database.Database, documentId: string, rows: readonly unknown[][]): void {
  stmt(
    db,
    `INSERT INTO turns (id, document_id, participant_id, speaker_label, start, "end", timestamp, is_facilitator)
     SELECT value->>0, ?, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6 FROM json_each(?)`,
  ).run(documentId, JSON.stringify(rows));
}

export function insertUnits(db: Database.Database, documentId: string, units: readonly TextRange[]): void {
  if (units.length === 0) return;
  stmt(db, `INSERT INTO meaning_units (id, document_id, start, "end", condensed, interpretive) SELECT value->>0, ?, value->>1, value->>2, '', '' FROM json_each(?)`).run(
    documentId,
    JSON.stringify(units.map((u) => [randomUUID(), u.start, u.end])),
  );
}

function resolveSpeakers(db: Database.Database, req: StoreRequest, now: string) {
  const decisions = new Map(req.speakers.map((d) => [d.label, d]));
  const existing = participantsByLabel(db);
  const createdByName = new Map<string, string>();
  const targets = new Map<string, SpeakerTarget>();
  let mapped = 0;
  let sort = (stmt(db, `SELECT coalesce(max(sort), -1) + 1 FROM participants`).pluck().get() as number) ?? 0;
  const insert = stmt(db, `INSERT INTO participants (id, label, pseudonym, notes, sort, created_at) VALUES (?, ?, '', '', ?, ?)`);
  for (const speaker of req.parsed.speakers) {
    const d = decisions.get(speaker.label);
    const isFacilitator = d?.isFacilitator ?? speaker.isFacilitator;
    if (!(d?.participant ?? !speaker.isPseudo)) {
      targets.set(speaker.label, { participantId: null, isFacilitator });
      continue;
    }
    // A label is a new person unless the user chose a participant or said the same label is the same person.
    const chosen = d?.participantId ?? (d?.sameLabelSamePerson ? (existing.get(labelKey(speaker.label)) ?? null) : null);
    if (chosen) {
      if (!stmt(db, `SELECT 1 FROM participants WHERE id = ?`).get(chosen)) {
        throw new AppError('NOT_FOUND', `The participant chosen for “${speaker.label}” no longer exists. Choose another one.`);
      }
      mapped += 1;
      targets.set(speaker.label, { participantId: chosen, isFacilitator });
      continue;
    }
    const name = (d?.name ?? speaker.label).trim();
    let id = createdByName.get(labelKey(name));
    if (!id) {
      id = randomUUID();
      insert.run(id, name, sort, now);
      sort += 1;
      createdByName.set(labelKey(name), id);
    }
    targets.set(speaker.label, { participantId: id, isFacilitator });
  }
  return { targets, created: createdByName.size, mapped };
}
