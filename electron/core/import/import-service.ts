import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import {
  IMPORT_MAX_BYTES,
  tooLargeMessage,
  type CommitOptions,
  type CsvChoice,
  type ImportPreview,
  type ImportSource,
  type PreviewOutcome,
  type SegmentChoice,
  type TranscriptHeader,
} from '../../../shared/api/methods/import';
import { segmentUnits, textLocale, type LineReading, type ParsedTranscript, type TextRange } from '../../../shared/text';
import { headerNotes, takeHeader } from '../../../shared/text/header';
import { labelKey } from '../../../shared/text/label-words';
import { extractFile, extractPasted, type Extraction } from './extract';
import { fileError } from './formats';
import { guessKind, guessTitle, readLinesOf, readTranscript } from './read-transcript';
import { storeTranscript, type StoreRequest, type StoreResult } from './store-transcript';
import { participantsWithSessions } from '../repos/participants-repo';

// Previews wait for the user's decisions; a handful is plenty, and each may hold a long text.
const MAX_CACHED = 24;
const EXCERPT_CHARS = 600;

interface CachedExtraction {
  readonly id: string;
  readonly extraction: Extraction;
}

/** Extracted files waiting for their commit, per application (one open window or CLI run). */
export class PreviewCache {
  private readonly entries = new Map<string, CachedExtraction>();

  put(extraction: Extraction): string {
    const id = randomUUID();
    this.entries.set(id, { id, extraction });
    while (this.entries.size > MAX_CACHED) this.entries.delete(this.entries.keys().next().value as string);
    return id;
  }

  get(id: string): Extraction {
    const entry = this.entries.get(id);
    if (!entry) throw new AppError('NOT_FOUND', 'That import preview has expired. Choose the file again.');
    return entry.extraction;
  }

  drop(id: string): void {
    this.entries.delete(id);
  }
}

const caches = new WeakMap<object, PreviewCache>();

export function previewCacheFor(owner: object): PreviewCache {
  let cache = caches.get(owner);
  if (!cache) {
    cache = new PreviewCache();
    caches.set(owner, cache);
  }
  return cache;
}

type ParsedSource = Exclude<ImportSource, { kind: 'text' }> | { kind: 'text'; name: string; text: string };

export function sourceName(source: ParsedSource): string {
  if (source.kind === 'path') return path.basename(source.path);
  if (source.kind === 'bytes' || source.kind === 'text') return source.name;
  return 'previous preview';
}

/** The bytes of a file given by path or uploaded as base64, refused when missing or over the limit. */
export function readSourceBytes(source: { kind: 'path'; path: string } | { kind: 'bytes'; name: string; base64: string }): Uint8Array {
  if (source.kind === 'bytes') {
    const bytes = Buffer.from(source.base64, 'base64');
    if (bytes.length > IMPORT_MAX_BYTES) throw new AppError('IMPORT_TOO_LARGE', tooLargeMessage(source.name, bytes.length));
    return bytes;
  }
  const name = path.basename(source.path);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(source.path);
  } catch {
    throw fileError('NOT_FOUND', name, `There is no file at ${source.path}. Check the path and try again.`);
  }
  if (!stat.isFile()) throw fileError('IMPORT_BAD_FILE', name, 'This is a folder, not a file. Choose the transcript file inside it.');
  if (stat.size > IMPORT_MAX_BYTES) throw new AppError('IMPORT_TOO_LARGE', tooLargeMessage(name, stat.size));
  return fs.readFileSync(source.path);
}

export async function extractSource(cache: PreviewCache, source: ParsedSource): Promise<Extraction> {
  if (source.kind === 'preview') return cache.get(source.previewId);
  if (source.kind === 'text') return extractPasted(source.name, source.text);
  const name = sourceName(source);
  return extractFile(name, readSourceBytes(source));
}

export interface ReadOptionsParsed {
  readonly detect: boolean;
  readonly csv?: CsvChoice;
  readonly labelLines?: readonly number[];
  readonly notLabelLines?: readonly number[];
  readonly oneSpeaker?: string;
}

/**
 * The file's turns, with a header (title, date, place, "Moderator: NAME") taken off the start of a
 * text transcript as the document's details. Subtitles and tables have no header lines.
 */
function readFile(extraction: Extraction, options: ReadOptionsParsed) {
  const read = readTranscript(extraction, options);
  if (!options.detect || extraction.kind === 'subtitles' || extraction.kind === 'csv') return { ...read, header: null };
  return { ...read, ...takeHeader(read.parsed) };
}

/** The document's details a header gives, under those the user chose. */
function detailsFrom(header: TranscriptHeader | null, chosen: CommitParsed['document']): CommitParsed['document'] {
  if (!header) return chosen;
  const notes = headerNotes(header);
  return {
    ...(header.sessionName ? { sessionName: header.sessionName } : {}),
    ...(header.sessionDate ? { sessionDate: header.sessionDate } : {}),
    ...(header.facilitator ? { facilitator: header.facilitator } : {}),
    ...(header.durationMinutes !== null ? { durationMinutes: header.durationMinutes } : {}),
    notes,
    ...chosen,
  };
}

/** What an import of one extracted file would make; the extraction waits in the cache under previewId. */
export function describePreview(db: Database.Database, previewId: string, extraction: Extraction, options: ReadOptionsParsed): ImportPreview {
  const { parsed, csv, header } = readFile(extraction, options);
  const known = participantsWithSessions(db);
  const lines = readLinesOf(extraction, options);
  return {
    previewId,
    fileName: extraction.fileName,
    format: extraction.format,
    encoding: extraction.encoding,
    sizeBytes: extraction.sizeBytes,
    title: header?.title ?? guessTitle(extraction),
    kind: guessKind(extraction, parsed, options.detect),
    detect: options.detect,
    textLength: parsed.text.length,
    turns: parsed.turns.length,
    speakers: parsed.speakers.map((s) => ({
      label: s.label,
      turnCount: s.turnCount,
      isFacilitator: s.isFacilitator,
      isPseudo: s.isPseudo,
      heardOnce: s.turnCount === 1,
      firstWords: firstWordsOf(parsed, s.label),
      lines: (lines ?? []).filter((l) => l.role === 'label' && l.speaker === s.label).slice(0, MAX_LINES_PER_LABEL).map((l) => l.line),
      sameLabel: known.filter((p) => labelKey(p.label) === labelKey(s.label)),
    })),
    csv,
    header,
    excerpt: parsed.text.slice(0, EXCERPT_CHARS),
    lines: lines === null ? null : linesToShow(lines),
    lineCount: lines === null ? 0 : lines.filter((l) => l.role !== 'blank').length,
  };
}

const OPENING_LINES = 400;
const MAX_LINES_SHOWN = 3000;
const MAX_LINES_PER_LABEL = 50;
const LINE_CHARS = 200;

// Every line that is, looks like or was made a label (up to a bound), and the opening lines with text.
function linesToShow(lines: readonly LineReading[]): NonNullable<ImportPreview['lines']> {
  const shown: NonNullable<ImportPreview['lines']> = [];
  let opening = 0;
  for (const l of lines) {
    if (l.role === 'blank' || shown.length >= MAX_LINES_SHOWN) continue;
    opening += 1;
    if (opening > OPENING_LINES && l.role !== 'label' && !l.labelShape && l.decided === null) continue;
    shown.push({ line: l.line, text: l.content.trim().slice(0, LINE_CHARS), role: l.role, speaker: l.speaker, labelShape: l.labelShape, decided: l.decided });
  }
  return shown;
}

const FIRST_WORDS_CHARS = 60;

// The opening of the label's first turn, cut at a word boundary.
function firstWordsOf(parsed: ParsedTranscript, label: string): string {
  const turn = parsed.turns.find((t) => t.speaker === label);
  if (turn === undefined) return '';
  const text = parsed.text.slice(turn.start, Math.min(turn.end, turn.start + FIRST_WORDS_CHARS + 1)).replace(/\s+/g, ' ');
  if (text.length <= FIRST_WORDS_CHARS) return text;
  const cut = text.lastIndexOf(' ', FIRST_WORDS_CHARS);
  return `${text.slice(0, cut > 0 ? cut : FIRST_WORDS_CHARS)}…`;
}

/** Previews every source on its own: one refused file does not stop the others. */
export async function previewSources(
  db: Database.Database,
  cache: PreviewCache,
  sources: readonly ParsedSource[],
  options: ReadOptionsParsed,
): Promise<PreviewOutcome[]> {
  const outcomes: PreviewOutcome[] = [];
  for (const source of sources) {
    const fileName = sourceName(source);
    try {
      const extraction = await extractSource(cache, source);
      const previewId = source.kind === 'preview' ? source.previewId : cache.put(extraction);
      outcomes.push({ ok: true, fileName: extraction.fileName, preview: describePreview(db, previewId, extraction, options) });
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError('INTERNAL', `“${fileName}”: ${err instanceof Error ? err.message : String(err)}`);
      outcomes.push({ ok: false, fileName, error: { code: e.code, message: e.message } });
    }
  }
  return outcomes;
}

export type CommitParsed = Required<Pick<CommitOptions, 'segment' | 'unitsInFacilitatorTurns'>> & {
  readonly detect: boolean;
  readonly csv?: CsvChoice;
  readonly speakers: NonNullable<CommitOptions['speakers']>;
  readonly document: NonNullable<CommitOptions['document']>;
  /** The current coder, whose codings a table's tags become. */
  readonly coderId?: string | null;
};

type WriteStep = (summary: (r: StoreResult) => string, work: () => StoreResult) => StoreResult;

// What one import will write, from an extraction and the user's decisions (the turns read again with them).
function storeRequestOf(extraction: Extraction, options: CommitParsed): StoreRequest {
  const { parsed, header, turnTags } = readFile(extraction, options);
  return {
    parsed,
    format: extraction.format,
    sourceName: extraction.fileName,
    title: header?.title ?? guessTitle(extraction),
    kind: guessKind(extraction, parsed, options.detect),
    segment: options.segment,
    unitsInFacilitatorTurns: options.unitsInFacilitatorTurns,
    speakers: options.speakers,
    document: detailsFrom(header, options.document),
    turnTags,
    coderId: options.coderId ?? null,
  };
}

function storeIn(db: Database.Database, request: StoreRequest, write: WriteStep): StoreResult {
  return write(
    (r) => `Import “${r.title}” (${r.turns} turns, ${r.units} meaning units${r.codings > 0 ? `, ${r.codings} codings from tags` : ''})`,
    () => storeTranscript(db, request),
  );
}

/** Builds the rows of one import from an extraction and the user's decisions; `write` wraps them in one recorded step. */
export function commitExtraction(db: Database.Database, extraction: Extraction, options: CommitParsed, write: WriteStep): StoreResult {
  return storeIn(db, storeRequestOf(extraction, options), write);
}

/**
 * As `commitExtraction`, with the slow part that writes nothing (reading the turns, dividing them
 * into meaning units) done first inside `aside`, where other calls may run, pausing between
 * stretches of turns so that they do; only the writing then holds the project, in one step.
 */
export async function commitExtractionAside(
  db: () => Database.Database,
  extraction: Extraction,
  options: CommitParsed,
  aside: <T>(work: () => Promise<T>) => Promise<T>,
  write: WriteStep,
): Promise<StoreResult> {
  const request = await aside(async () => {
    await pause();
    const read = storeRequestOf(extraction, options);
    if (read.segment === 'none') return read;
    return { ...read, unitsByTurn: await segmentTurns(read.parsed.text, read.parsed.turns, read.segment) };
  });
  return storeIn(db(), request, write);
}

/** Turns divided into meaning units this many at a time between pauses. */
const TURNS_PER_STRETCH = 200;

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Each turn's meaning units, as `segmentUnits` finds them for the turns it is given, worked out a
 * stretch of turns at a time. Null when the turns overlap or are out of order (segmentUnits then
 * runs in the write, as it always did).
 */
async function segmentTurns(text: string, turns: readonly TextRange[], mode: Exclude<SegmentChoice, 'none'>): Promise<TextRange[][] | null> {
  for (let i = 1; i < turns.length; i += 1) if (turns[i].start < turns[i - 1].end) return null;
  // Found once for the whole text, as segmentUnits would find it.
  const locale = textLocale(text);
  const byTurn: TextRange[][] = turns.map(() => []);
  for (let from = 0; from < turns.length; from += TURNS_PER_STRETCH) {
    const stretch = turns.slice(from, from + TURNS_PER_STRETCH).filter((t) => t.end > t.start);
    let at = from;
    for (const unit of stretch.length === 0 ? [] : segmentUnits(text, stretch, mode, { locale })) {
      while (turns[at].end <= unit.start) at += 1;
      byTurn[at].push(unit);
    }
    await pause();
  }
  return byTurn;
}
