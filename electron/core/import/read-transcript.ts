import type { CsvChoice, CsvPreview } from '../../../shared/api/methods/import';
import type { DocumentKind } from '../../../shared/domain/vocabulary';
import { detectTurns, parseMarkdown, summarizeSpeakers, turnsFromCsv, type ParsedTranscript } from '../../../shared/text';
import { asFileError, type Extraction } from './extract';
import { fileError } from './formats';
import { SPEAKER_HEADER, TEXT_HEADER, TIME_HEADER } from './turn-columns';

export interface ReadChoice {
  readonly detect: boolean;
  readonly csv?: CsvChoice;
}

export interface ReadTranscript {
  readonly parsed: ParsedTranscript;
  readonly csv: CsvPreview | null;
}

const CSV_SAMPLE_ROWS = 5;
const TIME_VALUE = /^\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?$/;

const NOTHING_READ: Readonly<Record<Extraction['kind'], string>> = {
  text: 'The file holds no transcript text. Choose the file that holds the transcript.',
  markdown: 'The file holds no transcript text, only Markdown markup. Choose the file that holds the transcript.',
  subtitles: 'The subtitles hold no cue with text, so there is nothing to import. Export the subtitles again with their text.',
  csv: 'No row of the table has text in the text column. Choose the column that holds what was said, or a table with rows.',
};

/** Turns of an extracted file, with speaker detection on or off and the chosen CSV columns; refused when nothing is left to import. */
export function readTranscript(extraction: Extraction, choice: ReadChoice): ReadTranscript {
  const read = turnsOf(extraction, choice);
  // A header without rows, subtitles without cues: an import would make an empty document.
  if (read.parsed.turns.length === 0 || read.parsed.text.trim() === '') throw fileError('IMPORT_EMPTY', extraction.fileName, NOTHING_READ[extraction.kind]);
  return read;
}

function turnsOf(extraction: Extraction, choice: ReadChoice): ReadTranscript {
  try {
    switch (extraction.kind) {
      case 'text':
        return { parsed: { text: extraction.text, ...detectTurns(extraction.text, { detect: choice.detect }) }, csv: null };
      case 'markdown':
        return { parsed: parseMarkdown(extraction.source, { detect: choice.detect }), csv: null };
      case 'subtitles':
        return { parsed: choice.detect ? extraction.parsed : withoutSpeakers(extraction.parsed), csv: null };
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
  const picked = choice.csv ? { timestampColumn: null, ...choice.csv } : guessCsvColumns(rows);
  const parsed = turnsFromCsv(rows, {
    hasHeader: picked.hasHeader,
    speakerColumn: choice.detect ? picked.speakerColumn : null,
    textColumn: picked.textColumn,
    timestampColumn: picked.timestampColumn ?? undefined,
  });
  const width = rows[0]?.length ?? 0;
  const columns = picked.hasHeader ? [...(rows[0] ?? [])] : Array.from({ length: width }, (_, i) => `Column ${i + 1}`);
  const body = picked.hasHeader ? rows.slice(1) : rows;
  return {
    parsed,
    csv: {
      columns,
      rows: body.length,
      sample: body.slice(0, CSV_SAMPLE_ROWS).map((r) => r.map((cell) => cell.slice(0, 200))),
      choice: { hasHeader: picked.hasHeader, speakerColumn: picked.speakerColumn, textColumn: picked.textColumn, timestampColumn: picked.timestampColumn ?? null },
    },
  };
}

/** Which columns hold speaker, text and time: by header names when there are some, else by the look of the values. */
export function guessCsvColumns(rows: readonly (readonly string[])[]): Required<Omit<CsvChoice, 'timestampColumn'>> & { timestampColumn: number | null } {
  const header = rows[0] ?? [];
  const width = header.length;
  const named = (re: RegExp) => header.findIndex((h) => re.test(h.trim()));
  const hasHeader = named(SPEAKER_HEADER) >= 0 || named(TEXT_HEADER) >= 0 || named(TIME_HEADER) >= 0;
  const body = hasHeader ? rows.slice(1) : rows;
  const timeColumn = hasHeader && named(TIME_HEADER) >= 0 ? named(TIME_HEADER) : columnWhere(body, width, (v) => TIME_VALUE.test(v.trim()));
  const textColumn = hasHeader && named(TEXT_HEADER) >= 0 ? named(TEXT_HEADER) : longestColumn(body, width, timeColumn);
  let speakerColumn: number | null = hasHeader && named(SPEAKER_HEADER) >= 0 ? named(SPEAKER_HEADER) : null;
  if (speakerColumn === null && width > 1) {
    const candidates = Array.from({ length: width }, (_, i) => i).filter((i) => i !== textColumn && i !== timeColumn);
    speakerColumn = candidates[0] ?? null;
  }
  return { hasHeader, speakerColumn, textColumn, timestampColumn: timeColumn };
}

function columnWhere(rows: readonly (readonly string[])[], width: number, test: (v: string) => boolean): number | null {
  const sample = rows.slice(0, 50);
  if (sample.length === 0) return null;
  for (let c = 0; c < width; c++) {
    if (sample.every((r) => test(r[c] ?? ''))) return c;
  }
  return null;
}

function longestColumn(rows: readonly (readonly string[])[], width: number, skip: number | null): number {
  let best = 0;
  let bestLength = -1;
  for (let c = 0; c < width; c++) {
    if (c === skip) continue;
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

/** The title a document gets unless the user types another: a Markdown heading, else the file name. */
export function guessTitle(extraction: Extraction): string {
  if (extraction.kind === 'markdown') {
    const heading = /^ {0,3}#{1,2}[ \t]+(.+?)[ \t#]*$/m.exec(extraction.source);
    if (heading && heading[1].length <= 200) return heading[1].replace(/[*_`]/g, '').trim();
  }
  const base = extraction.fileName.replace(/\.[A-Za-z0-9]{1,8}$/, '').trim();
  return (base || 'Untitled document').slice(0, 300);
}
