import { normalizeNewlines } from './decode';
import { decodeEntities } from './entities';
import { TextError } from './errors';
import { matchLabel } from './labels';
import { buildTranscript, tidyEntryText, type ParsedTranscript, type TranscriptEntry } from './transcript';

interface Block {
  readonly lines: readonly string[];
  /** 1-based line number of the block's first line. */
  readonly firstLine: number;
}

/** A piece of cue text; speaker undefined means the cue names nobody, so the current speaker goes on. */
interface Piece {
  readonly speaker: string | undefined;
  readonly text: string;
  readonly startMs: number;
}

const VTT_TIME = String.raw`(?:(\d+):)?(\d{2}):(\d{2})[.,](\d{3})`;
const VTT_TIMING = new RegExp(String.raw`^${VTT_TIME}[ \t]+-->[ \t]+${VTT_TIME}(?:[ \t].*)?$`);
const SRT_TIME = String.raw`(\d{1,3}):(\d{2}):(\d{2})[,.](\d{1,3})`;
const SRT_TIMING = new RegExp(String.raw`^${SRT_TIME}[ \t]*-->[ \t]*${SRT_TIME}(?:[ \t].*)?$`);
const VTT_SKIPPED_BLOCK = /^(?:NOTE|STYLE|REGION)(?:[ \t]|$)/;
const VOICE_TAG = /<v(?:\.[^\s>]*)?(?:[ \t]+([^>]*))?>/g;
const TAG = /<\/?(?:[A-Za-z][^<>]*|\d[\d:.]*)>/g;
const ASS_OVERRIDE = /\{\\[^}]*\}/g;

export function parseWebVtt(text: string): ParsedTranscript {
  const blocks = splitBlocks(text);
  if (blocks.length === 0 || !/^WEBVTT(?:[ \t]|$)/.test(blocks[0].lines[0])) {
    throw new TextError('IMPORT_BAD_FILE', 'A WebVTT file must start with "WEBVTT".');
  }
  const pieces: Piece[] = [];
  let cueNumber = 0;
  for (const block of blocks.slice(1)) {
    if (VTT_SKIPPED_BLOCK.test(block.lines[0])) continue;
    cueNumber++;
    const timingIndex = block.lines[0].includes('-->') ? 0 : 1;
    const startMs = parseTiming(block, timingIndex, VTT_TIMING, String(cueNumber), 'WebVTT');
    pieces.push(...voicePieces(block.lines.slice(timingIndex + 1).join('\n'), startMs));
  }
  return buildTranscript(mergePieces(pieces));
}

export function parseSrt(text: string): ParsedTranscript {
  const pieces: Piece[] = [];
  let ordinal = 0;
  for (const block of splitBlocks(text)) {
    ordinal++;
    const hasIndex = /^\d+$/.test(block.lines[0].trim());
    const cueName = hasIndex ? block.lines[0].trim() : String(ordinal);
    const timingIndex = hasIndex ? 1 : 0;
    const startMs = parseTiming(block, timingIndex, SRT_TIMING, cueName, 'SRT');
    const cueText = cleanCueText(block.lines.slice(timingIndex + 1).join('\n'));
    if (cueText !== '') pieces.push(labelledPiece(cueText, startMs));
  }
  return buildTranscript(mergePieces(pieces));
}

function splitBlocks(text: string): Block[] {
  const lines = normalizeNewlines(text).replace(/^\ufeff/, '').split('\n');
  const blocks: Block[] = [];
  let current: string[] = [];
  let firstLine = 1;
  lines.forEach((line, index) => {
    if (line.trim() === '') {
      if (current.length > 0) blocks.push({ lines: current, firstLine });
      current = [];
      return;
    }
    if (current.length === 0) firstLine = index + 1;
    current.push(line.trimEnd());
  });
  if (current.length > 0) blocks.push({ lines: current, firstLine });
  return blocks;
}

/** Start of the cue in milliseconds; throws IMPORT_BAD_TIMING naming the cue and line. */
function parseTiming(block: Block, index: number, pattern: RegExp, cueName: string, format: string): number {
  const line = block.lines[index];
  if (line === undefined || !line.includes('-->')) {
    throw new TextError(
      'IMPORT_BAD_TIMING',
      `The ${format} cue ${cueName} (line ${block.firstLine}) has no timing line like "00:00:01,000 --> 00:00:02,000".`,
    );
  }
  const match = pattern.exec(line.trim());
  const start = match === null ? null : toMilliseconds(match.slice(1, 5));
  const end = match === null ? null : toMilliseconds(match.slice(5, 9));
  if (start === null || end === null || end < start) {
    throw new TextError(
      'IMPORT_BAD_TIMING',
      `The ${format} cue ${cueName} (line ${block.firstLine + index}) has a broken timing line: "${line.trim()}".`,
    );
  }
  return start;
}

function toMilliseconds(parts: readonly (string | undefined)[]): number | null {
  const [hours, minutes, seconds, fraction] = parts.map((p) => Number(p ?? '0'));
  if (minutes >= 60 || seconds >= 60) return null;
  const millis = Math.round(fraction * 10 ** (3 - (parts[3] ?? '000').length));
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
}

export function formatTimestamp(ms: number): string {
  const total = Math.floor(ms / 1000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(total / 3600))}:${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}`;
}

// Text before the first voice tag has no voice; `</v>` is optional, so a voice runs to the next tag.
function voicePieces(payload: string, startMs: number): Piece[] {
  const pieces: Piece[] = [];
  let voice: string | undefined;
  let from = 0;
  const flush = (to: number): void => {
    const text = cleanCueText(payload.slice(from, to));
    if (text === '') return;
    pieces.push(voice === undefined ? labelledPiece(text, startMs) : { speaker: voice, text, startMs });
  };
  for (const match of payload.matchAll(VOICE_TAG)) {
    flush(match.index ?? 0);
    voice = cleanCueText(match[1] ?? '') || undefined;
    from = (match.index ?? 0) + match[0].length;
  }
  flush(payload.length);
  return pieces;
}

function cleanCueText(raw: string): string {
  const plain = decodeEntities(raw.replace(TAG, '').replace(ASS_OVERRIDE, ''));
  return tidyEntryText(plain).replace(/\n/g, ' ');
}

// In SRT (and voice-less WebVTT) a `Name:` label opens a cue only when the speaker changes.
function labelledPiece(text: string, startMs: number): Piece {
  const label = matchLabel(text, 0);
  const usable = label !== null && (label.style === 'colon' || label.style === 'bracket' || label.style === 'bold');
  if (!usable) return { speaker: undefined, text, startMs };
  return { speaker: label.name, text: text.slice(label.textStart).trim(), startMs };
}

function mergePieces(pieces: readonly Piece[]): TranscriptEntry[] {
  const entries: { speaker: string | null; texts: string[]; timestamp: string }[] = [];
  let speaker: string | null = null;
  for (const piece of pieces) {
    const last = entries[entries.length - 1];
    const changes = piece.speaker !== undefined && piece.speaker !== speaker;
    if (changes) speaker = piece.speaker ?? null;
    if (last === undefined || changes) {
      entries.push({ speaker, texts: [], timestamp: formatTimestamp(piece.startMs) });
    }
    if (piece.text !== '') entries[entries.length - 1].texts.push(piece.text);
  }
  return entries
    .filter((entry) => entry.texts.length > 0)
    .map((entry) => ({ speaker: entry.speaker, text: entry.texts.join(' '), timestamp: entry.timestamp }));
}
