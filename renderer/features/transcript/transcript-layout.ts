import type { DocumentDetail, MeaningUnit, Participant, Turn } from '../../../shared/api/entities';

export interface TurnPiece {
  readonly start: number;
  readonly end: number;
  readonly unit: MeaningUnit | null;
}

/** One row of the virtual list: a turn, or a stretch of a long turn. */
export interface TurnRow {
  readonly key: string;
  readonly turn: Turn;
  readonly pieces: readonly TurnPiece[];
  /** The turn's first row carries the speaker and the timestamp. */
  readonly first: boolean;
}

// A long monologue (or a document without turns) is cut into rows of a few units each, so the
// virtual list never has to lay out one enormous row.
const MAX_PIECES_PER_ROW = 6;
const MAX_CHARS_PER_ROW = 2000;
const PARAGRAPH_BREAK = /\n[ \t]*\n/g;

/** What the transcript lays out: a document's text, turns and units, without its codings. */
export type DocumentLayout = Pick<DocumentDetail, 'document' | 'text' | 'turns' | 'units'>;

/** Splits each turn's text into the stretches inside and between meaning units, then into rows. */
export function layoutTurns(detail: DocumentLayout): TurnRow[] {
  const units = detail.units;
  let u = 0;
  const turns: readonly Turn[] =
    detail.turns.length > 0
      ? detail.turns
      : [{ id: 'whole', participantId: null, speakerLabel: null, start: 0, end: detail.text.length, timestamp: null, isFacilitator: false, notSpeech: false }];
  const rows: TurnRow[] = [];
  for (const turn of turns) {
    const pieces: TurnPiece[] = [];
    const gap = (start: number, end: number) => pieces.push(...splitParagraphs(detail.text, start, end));
    let at = turn.start;
    while (u < units.length && units[u].end <= turn.start) u += 1;
    let k = u;
    while (k < units.length && units[k].start < turn.end) {
      const unit = units[k];
      if (unit.start > at) gap(at, unit.start);
      pieces.push({ start: Math.max(unit.start, turn.start), end: Math.min(unit.end, turn.end), unit });
      at = Math.min(unit.end, turn.end);
      k += 1;
    }
    if (at < turn.end) gap(at, turn.end);
    rows.push(...chunkRows(turn, pieces));
  }
  return rows;
}

function splitParagraphs(text: string, start: number, end: number): TurnPiece[] {
  const out: TurnPiece[] = [];
  let from = start;
  const slice = text.slice(start, end);
  // The blank lines themselves are left out: each paragraph is its own block.
  for (const m of slice.matchAll(PARAGRAPH_BREAK)) {
    const breakStart = start + (m.index ?? 0);
    if (breakStart > from) out.push({ start: from, end: breakStart, unit: null });
    from = breakStart + m[0].length;
  }
  if (end > from) out.push({ start: from, end, unit: null });
  // The spaces around and between units need no room of their own.
  return out.map((p) => trimmed(text, p)).filter((p) => p.end > p.start);
}

function trimmed(text: string, piece: TurnPiece): TurnPiece {
  let { start, end } = piece;
  while (start < end && /\s/.test(text[start])) start += 1;
  while (end > start && /\s/.test(text[end - 1])) end -= 1;
  return { start, end, unit: null };
}

function chunkRows(turn: Turn, pieces: readonly TurnPiece[]): TurnRow[] {
  const rows: TurnRow[] = [];
  let current: TurnPiece[] = [];
  let chars = 0;
  const flush = () => {
    rows.push({ key: `${turn.id}:${rows.length}`, turn, pieces: current, first: rows.length === 0 });
    current = [];
    chars = 0;
  };
  for (const p of pieces) {
    if (current.length > 0 && (current.length >= MAX_PIECES_PER_ROW || chars + (p.end - p.start) > MAX_CHARS_PER_ROW)) flush();
    current.push(p);
    chars += p.end - p.start;
  }
  if (current.length > 0 || rows.length === 0) flush();
  return rows;
}

/** A first guess at a row's height in pixels, so the scroll bar is about right before rows are measured. */
export function estimateRowHeight(row: TurnRow | undefined): number {
  if (!row) return 80;
  const chars = row.pieces.reduce((n, p) => n + (p.end - p.start), 0);
  return 24 + row.pieces.length * 18 + Math.ceil(chars / 75) * 21;
}

/** The index of the row holding a document offset (the last row starting at or before it). */
export function rowAtOffset(rows: readonly TurnRow[], offset: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const start = rows[mid].pieces[0]?.start ?? rows[mid].turn.start;
    if (start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

// Quiet, distinguishable colours for speakers' names (codes carry the loud colours).
const SPEAKER_COLOURS = ['#2f5fb3', '#a23b72', '#2e7d4f', '#b5651d', '#6a4c9c', '#1f7a8c', '#9c2f2f', '#5b6b1f', '#8a5a00', '#3d5a80'];

/** A colour per speaker, in the order speakers first talk in the document. */
export function speakerColours(turns: readonly Turn[]): Map<string, string> {
  const colours = new Map<string, string>();
  for (const t of turns) {
    const key = t.participantId ?? t.speakerLabel;
    if (key && !colours.has(key)) colours.set(key, SPEAKER_COLOURS[colours.size % SPEAKER_COLOURS.length]);
  }
  return colours;
}

/** Who speaks in a turn, as the transcript shows it: the participant's label, else the label as spoken; nobody in a line that is not speech. */
export function speakerName(turn: Turn, people: ReadonlyMap<string, Participant>): string {
  // Nobody speaks in a line marked as not speech (the label it was written under stays in the file).
  if (turn.notSpeech) return '—';
  const person = turn.participantId ? people.get(turn.participantId) : undefined;
  return person?.label ?? turn.speakerLabel ?? '—';
}
