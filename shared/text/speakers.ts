import { matchLabel, matchTimestampLine, type LabelMatch } from './labels';
import { isFacilitatorLabel, isPseudoLabel, isRoleLabel, labelKey } from './label-words';
import { trimSpan } from './spans';

/** A speaker turn. Offsets are UTF-16 indices into the text, half-open. */
export interface Turn {
  readonly speaker: string | null;
  /** Spoken text, trimmed; label and timestamp excluded. start === end for a turn without text. */
  readonly start: number;
  readonly end: number;
  /** The label with its markup (`**Name:**`, `[P1]`, `Name:`); equal to start when there is none. */
  readonly labelStart: number;
  readonly labelEnd: number;
  /** The time as written (`03:59`, `00:12:33.10`), without brackets. */
  readonly timestamp: string | null;
}

export interface SpeakerSummary {
  readonly label: string;
  readonly turnCount: number;
  readonly isFacilitator: boolean;
  /** A label that is no person (`Break`, `Intermission`): the caller decides what to do with it. */
  readonly isPseudo: boolean;
}

export interface TurnDetection {
  readonly turns: readonly Turn[];
  readonly speakers: readonly SpeakerSummary[];
}

export interface DetectTurnsOptions {
  /** false: one speakerless turn per paragraph. */
  readonly detect?: boolean;
  /** How often an unknown label must occur before it counts as a speaker. */
  readonly minOccurrences?: number;
  /** Lines (0-based, as `transcriptLines` numbers them) the user says are a speaker's label. */
  readonly labelLines?: readonly number[];
  /** Lines the user says are no label, whatever their shape. */
  readonly notLabelLines?: readonly number[];
}

/** How the detector read one line, and whether the user decided it. */
export interface LineReading {
  readonly line: number;
  readonly content: string;
  readonly role: 'blank' | 'timestamp' | 'text' | 'label';
  /** The speaker a label line names. */
  readonly speaker: string | null;
  /** Read as speech though it has a label's shape (`Name: …` heard once in prose, say). */
  readonly labelShape: boolean;
  /** The user's word on this line, when they gave one. */
  readonly decided: 'label' | 'text' | null;
}

const DEFAULT_MIN_OCCURRENCES = 2;

interface Line {
  readonly start: number;
  readonly content: string;
}

type LineKind =
  | { readonly kind: 'blank' }
  | { readonly kind: 'text' }
  | { readonly kind: 'timestamp'; readonly timestamp: string }
  | { readonly kind: 'label'; readonly label: LabelMatch };

interface OpenTurn {
  readonly speaker: string | null;
  readonly labelStart: number;
  readonly labelEnd: number;
  readonly textStart: number;
  readonly timestamp: string | null;
}

export function detectTurns(text: string, options: DetectTurnsOptions = {}): TurnDetection {
  const turns = options.detect === false ? paragraphTurns(text) : labelledTurns(text, options);
  return { turns, speakers: summarizeSpeakers(turns) };
}

export function summarizeSpeakers(turns: readonly Turn[]): SpeakerSummary[] {
  const counts = new Map<string, number>();
  for (const turn of turns) {
    if (turn.speaker !== null) counts.set(turn.speaker, (counts.get(turn.speaker) ?? 0) + 1);
  }
  return [...counts].map(([label, turnCount]) => ({
    label,
    turnCount,
    isFacilitator: isFacilitatorLabel(label),
    isPseudo: isPseudoLabel(label),
  }));
}

/** Every line of the text as the detector reads it, with the user's decisions applied. */
export function transcriptLines(text: string, options: DetectTurnsOptions = {}): LineReading[] {
  const { lines, shapes, kinds } = readLines(text, options);
  const labelLines = new Set(options.labelLines);
  const notLabelLines = new Set(options.notLabelLines);
  return lines.map((line, i) => {
    const kind = kinds[i];
    return {
      line: i,
      content: line.content,
      role: kind.kind,
      speaker: kind.kind === 'label' ? kind.label.name : null,
      labelShape: kind.kind === 'text' && shapes[i].kind === 'label',
      decided: labelLines.has(i) ? 'label' : notLabelLines.has(i) ? 'text' : null,
    };
  });
}

function readLines(text: string, options: DetectTurnsOptions) {
  const lines = splitLines(text);
  const shapes = lines.map(classifyLine);
  const accepted = acceptLabels(shapes, options.minOccurrences ?? DEFAULT_MIN_OCCURRENCES);
  const kinds = applyDecisions(lines, accepted, options);
  return { lines, shapes, kinds };
}

// The user's word wins over the shape: a line marked as no label is speech; a line marked as a
// label keeps the label its shape gives, else what stands before a colon, else the whole line.
function applyDecisions(lines: readonly Line[], kinds: LineKind[], options: DetectTurnsOptions): LineKind[] {
  for (const i of options.notLabelLines ?? []) {
    if (kinds[i]?.kind === 'label') kinds[i] = { kind: 'text' };
  }
  const named = new Map<string, string>();
  for (const kind of kinds) if (kind.kind === 'label' && !named.has(labelKey(kind.label.name))) named.set(labelKey(kind.label.name), kind.label.name);
  for (const i of options.labelLines ?? []) {
    const kind = kinds[i];
    if (kind === undefined || kind.kind === 'blank' || kind.kind === 'label') continue;
    const label = forcedLabel(lines[i]);
    // "MODERATOR" marked by hand is the "Moderator" found elsewhere.
    kinds[i] = { kind: 'label', label: { ...label, name: named.get(labelKey(label.name)) ?? label.name } };
  }
  return kinds;
}

const MAX_FORCED_LABEL = 100;

function forcedLabel(line: Line): LabelMatch {
  const shaped = matchLabel(line.content, line.start);
  if (shaped !== null) return shaped;
  const lead = line.content.length - line.content.trimStart().length;
  const colon = line.content.indexOf(':', lead);
  const before = colon > lead ? line.content.slice(lead, colon).replace(/[*_]+/g, ' ').replace(/\s+/g, ' ').trim() : '';
  if (before !== '' && before.length <= MAX_FORCED_LABEL) {
    const after = colon + 1 + (line.content.slice(colon + 1).length - line.content.slice(colon + 1).trimStart().length);
    return { name: before, style: 'colon', labelStart: line.start + lead, labelEnd: line.start + colon + 1, textStart: line.start + after, timestamp: null, attributes: null };
  }
  // A label on a line of its own: the turn's words start on the next line.
  const whole = line.content.trim();
  const end = line.start + lead + whole.length;
  return { name: whole.slice(0, MAX_FORCED_LABEL).trim(), style: 'colon', labelStart: line.start + lead, labelEnd: end, textStart: end, timestamp: null, attributes: null };
}

function labelledTurns(text: string, options: DetectTurnsOptions): Turn[] {
  const { lines, kinds } = readLines(text, options);
  const turns: Turn[] = [];
  let open: OpenTurn = { speaker: null, labelStart: 0, labelEnd: 0, textStart: 0, timestamp: null };
  for (let i = 0; i < lines.length; i++) {
    const kind = kinds[i];
    if (kind.kind === 'label') {
      pushTurn(turns, text, open, lines[i].start);
      open = openTurn(kind.label, null);
    } else if (kind.kind === 'timestamp') {
      const next = followingLabel(kinds, i);
      if (next === null) continue;
      pushTurn(turns, text, open, lines[i].start);
      open = openTurn(next.label, kind.timestamp);
      i = next.index;
    }
  }
  pushTurn(turns, text, open, text.length);
  return turns;
}

function openTurn(label: LabelMatch, pendingTimestamp: string | null): OpenTurn {
  return {
    speaker: label.name,
    labelStart: label.labelStart,
    labelEnd: label.labelEnd,
    textStart: label.textStart,
    timestamp: label.timestamp ?? pendingTimestamp,
  };
}

function pushTurn(turns: Turn[], text: string, open: OpenTurn, boundary: number): void {
  const [start, end] = trimSpan(text, open.textStart, boundary);
  // Text before the first label only counts when there is some.
  if (open.speaker === null && start === end) return;
  const labelled = open.speaker !== null;
  turns.push({
    speaker: open.speaker,
    start,
    end,
    labelStart: labelled ? open.labelStart : start,
    labelEnd: labelled ? open.labelEnd : start,
    timestamp: open.timestamp,
  });
}

// A timestamp on a line of its own belongs to the label that follows it (blank lines between allowed).
function followingLabel(
  kinds: readonly LineKind[],
  from: number,
): { readonly label: LabelMatch; readonly index: number } | null {
  for (let j = from + 1; j < kinds.length; j++) {
    const kind = kinds[j];
    if (kind.kind === 'blank') continue;
    return kind.kind === 'label' && kind.label.timestamp === null ? { label: kind.label, index: j } : null;
  }
  return null;
}

function classifyLine(line: Line): LineKind {
  if (line.content.trim() === '') return { kind: 'blank' };
  const timestamp = matchTimestampLine(line.content);
  if (timestamp !== null) return { kind: 'timestamp', timestamp };
  const label = matchLabel(line.content, line.start);
  return label === null ? { kind: 'text' } : { kind: 'label', label };
}

// A label seen once is a speaker by its shape: bold, a role word, an attribute part or a time in
// the label, or a plain `Name:` in a document that other labels already show to be a transcript.
function acceptLabels(kinds: readonly LineKind[], minOccurrences: number): LineKind[] {
  const counts = new Map<string, number>();
  const canonical = new Map<string, string>();
  for (const kind of kinds) {
    if (kind.kind !== 'label') continue;
    const key = labelKey(kind.label.name);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (!canonical.has(key)) canonical.set(key, kind.label.name);
  }
  const certain = (label: LabelMatch): boolean =>
    label.style === 'bold' ||
    label.style === 'heading' ||
    label.attributes !== null ||
    (label.timestamp !== null && label.style !== 'dash') ||
    (counts.get(labelKey(label.name)) ?? 0) >= minOccurrences ||
    isRoleLabel(label.name) ||
    isPseudoLabel(label.name);
  const sure = kinds.map((kind) => kind.kind === 'label' && certain(kind.label));
  const certainLines = sure.flatMap((isSure, i) => (isSure ? [i] : []));
  const transcript = certainLines.length > 0;
  // Where every sure turn opens after a blank line, a plain label right under a line of speech is speech.
  const blankSeparated = certainLines.some((i) => i > 0) && certainLines.every((i) => opensParagraph(kinds, i));
  return kinds.map((kind, i) => {
    if (kind.kind !== 'label') return kind;
    const plainShape = kind.label.style === 'colon' || kind.label.style === 'bracket';
    const plainAccepted = transcript && plainShape && (!blankSeparated || opensParagraph(kinds, i));
    if (!sure[i] && !plainAccepted) return { kind: 'text' };
    // Spelling variants of one label ("Interviewer" / "INTERVIEWER") are one speaker.
    return { kind: 'label', label: { ...kind.label, name: canonical.get(labelKey(kind.label.name)) ?? kind.label.name } };
  });
}

// Whether the line starts the document or follows a blank line (a timestamp line in between allowed).
function opensParagraph(kinds: readonly LineKind[], index: number): boolean {
  for (let j = index - 1; j >= 0; j--) {
    if (kinds[j].kind === 'timestamp') continue;
    return kinds[j].kind === 'blank';
  }
  return true;
}

function paragraphTurns(text: string): Turn[] {
  const turns: Turn[] = [];
  const paragraphBreak = /\n[ \t\r]*\n/g;
  let from = 0;
  for (let match = paragraphBreak.exec(text); match !== null; match = paragraphBreak.exec(text)) {
    pushParagraph(turns, text, from, match.index);
    from = match.index + match[0].length;
  }
  pushParagraph(turns, text, from, text.length);
  return turns;
}

function pushParagraph(turns: Turn[], text: string, from: number, to: number): void {
  const [start, end] = trimSpan(text, from, to);
  if (start < end) turns.push({ speaker: null, start, end, labelStart: start, labelEnd: start, timestamp: null });
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    lines.push({ start, content: text.slice(start, end).replace(/\r$/, '') });
    if (newline === -1) break;
    start = newline + 1;
  }
  return lines;
}
