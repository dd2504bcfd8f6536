import type { CsvChoice, CsvPreview } from '../../../shared/api/methods/import';
import type { DocumentKind } from '../../../shared/domain/vocabulary';
import {
  detectTurns,
  normalizeNewlines,
  parseMarkdown,
  summarizeSpeakers,
  transcriptLines,
  turnsFromCsv,
  type LineReading,
  type ParsedTranscript,
} from '../../../shared/text';
import { asFileError, type Extraction } from './extract';
import { fileError } from './formats';
import { SPEAKER_HEADER, TAG_HEADER, TEXT_HEADER, TIME_HEADER } from './turn-columns';

export interface ReadChoice {
  readonly detect: boolean;
  readonly csv?: CsvChoice;
  /** The user's word on lines of a text transcript: labels, and lines that are no label. */
  readonly labelLines?: readonly number[];
  readonly notLabelLines?: readonly number[];
  /** Every turn is this one person's. */
  readonly oneSpeaker?: string;
}

export interface ReadTranscript {
  readonly parsed: ParsedTranscript;
  readonly csv: CsvPreview | null;
  /** The tags to import as codings, per turn (a CSV's tag column, when the user asked for it). */
  readonly turnTags: readonly (readonly string[])[] | null;
}

const CSV_SAMPLE_ROWS = 5;
const NON_SPEECH_LISTED = 50;
const TIME_VALUE = /^\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?$/;

const NOTHING_READ: Readonly<Record<Extraction['kind'], string>> = {
  text: 'The file holds no transcript text. Choose the file that holds the transcript.',
  markdown: 'The file holds no transcript text, only Markdown markup. Choose the file that holds the transcript.',
  subtitles: 'The subtitles hold no cue with text, so there is nothing to import. Export the subtitles again with their text.',
  csv: 'No row of the table has text in the text column. Choose the column that holds what was said, or a table with rows.',
};

/** Turns of an extracted file, with speaker detection on or off and the chosen CSV columns; refused when nothing is left to import. */
export function readTranscript(extraction: Extraction, choice: ReadChoice): ReadTranscript {
  const read = choice.oneSpeaker === undefined ? turnsOf(extraction, choice) : oneSpeakerOf(extraction, choice, choice.oneSpeaker);
  // A header without rows, subtitles without cues: an import would make an empty document.
  if (read.parsed.turns.length === 0 || read.parsed.text.trim() === '') throw fileError('IMPORT_EMPTY', extraction.fileName, NOTHING_READ[extraction.kind]);
  return read;
}

/** The lines speaker detection reads, with its reading of each; null where turns come from cues or columns. */
export function readLinesOf(extraction: Extraction, choice: ReadChoice): LineReading[] | null {
  if (!choice.detect || choice.oneSpeaker !== undefined) return null;
  if (extraction.kind === 'text') return transcriptLines(extraction.text, detectOptions(choice));
  if (extraction.kind === 'markdown') return transcriptLines(normalizeNewlines(extraction.source), detectOptions(choice));
  return null;
}

function detectOptions(choice: ReadChoice) {
  return { detect: choice.detect, labelLines: choice.labelLines, notLabelLines: choice.notLabelLines };
}

// A monologue or diary: the turns as read without labels, all of them the one person's.
function oneSpeakerOf(extraction: Extraction, choice: ReadChoice, speaker: string): ReadTranscript {
  const read = turnsOf(extraction, { ...choice, detect: false });
  const turns = read.parsed.turns.map((t) => ({ ...t, speaker, labelStart: t.start, labelEnd: t.start }));
  return { ...read, parsed: { text: read.parsed.text, turns, speakers: summarizeSpeakers(turns) } };
}

function turnsOf(extraction: Extraction, choice: ReadChoice): ReadTranscript {
  try {
    switch (extraction.kind) {
      case 'text':
        return { parsed: { text: extraction.text, ...detectTurns(extraction.text, detectOptions(choice)) }, csv: null, turnTags: null };
      case 'markdown':
        return { parsed: parseMarkdown(extraction.source, detectOptions(choice)), csv: null, turnTags: null };
      case 'subtitles':
        return { parsed: choice.detect ? extraction.parsed : withoutSpeakers(extraction.parsed), csv: null, turnTags: null };
      case 'csv':
        return readCsv(extraction.rows, choice);
    }
  } catch (err) {
    throw asFileError(extraction.fileName, err);
  }
}

function withoutSpeakers(parsed: ParsedTranscript): ParsedTranscript {
  const turns = parsed.turns.map((t) => ({ ...t, speaker: null, labelStart: t.start, labelEnd: t.start }));
  return { text: parsed.text, turns, speakers: summarizeSpeakers(turns) };
}

function readCsv(rows: readonly (readonly string[])[], choice: ReadChoice): ReadTranscript {
  const picked = choice.csv ? { timestampColumn: null, tagColumn: null, importTags: false, skipNonSpeech: false, ...choice.csv } : guessCsvColumns(rows);
  const { rowKinds, turnTags, ...parsed } = turnsFromCsv(rows, {
    hasHeader: picked.hasHeader,
    speakerColumn: choice.detect ? picked.speakerColumn : null,
    textColumn: picked.textColumn,
    timestampColumn: picked.timestampColumn ?? undefined,
    tagColumn: picked.tagColumn ?? undefined,
    skipNonSpeech: picked.skipNonSpeech,
  });
  const width = rows[0]?.length ?? 0;
  const columns = picked.hasHeader ? [...(rows[0] ?? [])] : Array.from({ length: width }, (_, i) => `Column ${i + 1}`);
  const body = picked.hasHeader ? rows.slice(1) : rows;
  const nonSpeech = { link: 0, note: 0, empty: 0 };
  const nonSpeechRows: CsvPreview['nonSpeechRows'] = [];
  rowKinds.forEach((kind, i) => {
    if (kind === 'speech') return;
    nonSpeech[kind] += 1;
    if (nonSpeechRows.length < NON_SPEECH_LISTED) nonSpeechRows.push({ row: i + 1, kind, text: (body[i]?.[picked.textColumn] ?? '').slice(0, 200) });
  });
  const tagTurns = new Map<string, number>();
  for (const tags of turnTags) for (const tag of tags) tagTurns.set(tag, (tagTurns.get(tag) ?? 0) + 1);
  return {
    parsed,
    turnTags: picked.tagColumn !== null && picked.importTags ? turnTags : null,
    csv: {
      columns,
      rows: body.length,
      sample: body.slice(0, CSV_SAMPLE_ROWS).map((r) => r.map((cell) => cell.slice(0, 200))),
      sampleKinds: rowKinds.slice(0, CSV_SAMPLE_ROWS),
      nonSpeech,
      nonSpeechRows,
      tags: [...tagTurns].map(([name, turns]) => ({ name, turns })),
      choice: {
        hasHeader: picked.hasHeader,
        speakerColumn: picked.speakerColumn,
        textColumn: picked.textColumn,
        timestampColumn: picked.timestampColumn ?? null,
        tagColumn: picked.tagColumn ?? null,
        importTags: picked.importTags,
        skipNonSpeech: picked.skipNonSpeech,
      },
    },
  };
}

/** Which columns hold speaker, text, time and tags: by header names when there are some, else by the look of the values. */
export function guessCsvColumns(rows: readonly (readonly string[])[]): Required<CsvChoice> & { timestampColumn: number | null; tagColumn: number | null } {
  const header = rows[0] ?? [];
  const width = header.length;
  const named = (re: RegExp) => header.findIndex((h) => re.test(h.trim()));
  const hasHeader = named(SPEAKER_HEADER) >= 0 || named(TEXT_HEADER) >= 0 || named(TIME_HEADER) >= 0;
  const body = hasHeader ? rows.slice(1) : rows;
  const timeColumn = hasHeader && named(TIME_HEADER) >= 0 ? named(TIME_HEADER) : columnWhere(body, width, (v) => TIME_VALUE.test(v.trim()));
  const tagColumn = hasHeader && named(TAG_HEADER) >= 0 ? named(TAG_HEADER) : null;
  const skip = [timeColumn, tagColumn];
  const textColumn = hasHeader && named(TEXT_HEADER) >= 0 ? named(TEXT_HEADER) : longestColumn(body, width, skip);
  let speakerColumn: number | null = hasHeader && named(SPEAKER_HEADER) >= 0 ? named(SPEAKER_HEADER) : null;
  if (speakerColumn === null && width > 1) {
    const candidates = Array.from({ length: width }, (_, i) => i).filter((i) => i !== textColumn && !skip.includes(i));
    speakerColumn = candidates[0] ?? null;
  }
  // Tags found are offered checked; rows that are not speech are shown and kept until the user leaves them out.
  return { hasHeader, speakerColumn, textColumn, timestampColumn: timeColumn, tagColumn, importTags: tagColumn !== null, skipNonSpeech: false };
}

function columnWhere(rows: readonly (readonly string[])[], width: number, test: (v: string) => boolean): number | null {
  const sample = rows.slice(0, 50);
  if (sample.length === 0) return null;
  for (let c = 0; c < width; c++) {
    if (sample.every((r) => test(r[c] ?? ''))) return c;
  }
  return null;
}

function longestColumn(rows: readonly (readonly string[])[], width: number, skip: readonly (number | null)[]): number {
  let best = 0;
  let bestLength = -1;
  for (let c = 0; c < width; c++) {
    if (skip.includes(c)) continue;
    const total = rows.slice(0, 200).reduce((sum, r) => sum + (r[c]?.length ?? 0), 0);
    if (total > bestLength) {
      best = c;
      bestLength = total;
    }
  }
  return best;
}

/** A first guess at what kind of document this is, from its format and speakers. */
export function guessKind(extraction: Extraction, parsed: ParsedTranscript, detect: boolean): DocumentKind {
  const people = parsed.speakers.filter((s) => !s.isPseudo);
  if (extraction.kind === 'csv' && (!detect || people.length === 0)) return 'open-answers';
  if (people.length === 0) return extraction.format === 'pdf' || extraction.format === 'markdown' ? 'article' : 'diary';
  if (people.length <= 2) return 'interview';
  return 'focus-group';
}

/** The title a document gets unless the user types another: a Markdown heading or the page's title, else the file name. */
export function guessTitle(extraction: Extraction): string {
  if (extraction.title) return extraction.title;
  if (extraction.kind === 'markdown') {
    const heading = /^ {0,3}#{1,2}[ \t]+(.+?)[ \t#]*$/m.exec(extraction.source);
    if (heading && heading[1].length <= 200) return heading[1].replace(/[*_`]/g, '').trim();
  }
  const base = extraction.fileName.replace(/\.[A-Za-z0-9]{1,8}$/, '').trim();
  return (base || 'Untitled document').slice(0, 300);
}
