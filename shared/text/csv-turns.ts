import { normalizeNewlines } from './decode';
import { decodeEntities } from './entities';
import { TextError } from './errors';
import { buildTranscript, tidyEntryText, type ParsedTranscript, type TranscriptEntry } from './transcript';

export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvOptions {
  /** Sniffed from the first rows when absent. */
  readonly delimiter?: CsvDelimiter;
}

/** A column by 0-based index, or by header name (case-insensitive) when the rows have a header. */
export type CsvColumn = number | string;

export interface CsvTurnOptions {
  /** null: the rows name no speaker (open survey answers). */
  readonly speakerColumn: CsvColumn | null;
  readonly textColumn: CsvColumn;
  readonly timestampColumn?: CsvColumn;
  /** A column of `;`-separated tags (codes) per row. */
  readonly tagColumn?: CsvColumn;
  readonly hasHeader: boolean;
  /** Leave out rows that are not speech (a lone link, a note); rows without text are always left out. */
  readonly skipNonSpeech?: boolean;
}

/** What a row of a table of turns holds: speech, or a lone link, a note or nothing. */
export type CsvRowKind = 'speech' | 'link' | 'note' | 'empty';

export interface CsvTurns extends ParsedTranscript {
  /** The kind of every row after the header, in order. */
  readonly rowKinds: readonly CsvRowKind[];
  /** The tags of each turn, in the order of the turns (empty without a tag column). */
  readonly turnTags: readonly (readonly string[])[];
}

interface CsvRecord {
  readonly fields: readonly string[];
  /** 1-based line on which the record starts. */
  readonly line: number;
}

const DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t'];
const SNIFF_CHARS = 64 * 1024;
const SNIFF_RECORDS = 20;

/** RFC 4180 rows: quoted fields, doubled quotes, newlines inside quotes. Blank lines are skipped. */
export function parseCsv(text: string, options: CsvOptions = {}): string[][] {
  const source = normalizeNewlines(text).replace(/^\ufeff/, '');
  const delimiter = options.delimiter ?? sniffDelimiter(source);
  const records = readRecords(source, delimiter, Number.POSITIVE_INFINITY, true);
  assertRectangular(records);
  return records.map((record) => [...record.fields]);
}

/** The delimiter that splits the first rows into the same number of fields, the most fields winning. */
export function sniffDelimiter(text: string): CsvDelimiter {
  const sample = text.slice(0, SNIFF_CHARS);
  let best: CsvDelimiter = ',';
  let bestScore = 0;
  for (const delimiter of DELIMITERS) {
    const records = readRecords(sample, delimiter, SNIFF_RECORDS, false);
    // The last record of a cut sample may be incomplete.
    const complete = sample.length < text.length ? records.slice(0, -1) : records;
    const counts = complete.map((r) => r.fields.length);
    if (counts.length === 0 || counts[0] < 2) continue;
    const consistent = counts.every((c) => c === counts[0]);
    const score = consistent ? 1000 + counts[0] : Math.max(...counts);
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

export function turnsFromCsv(rows: readonly (readonly string[])[], options: CsvTurnOptions): CsvTurns {
  if (rows.length === 0) return { ...buildTranscript([]), rowKinds: [], turnTags: [] };
  assertRectangular(rows.map((fields, i) => ({ fields, line: i + 1 })));
  const header = options.hasHeader ? rows[0] ?? [] : null;
  const speaker = options.speakerColumn === null ? null : columnIndex(options.speakerColumn, header, rows);
  const text = columnIndex(options.textColumn, header, rows);
  const timestamp = options.timestampColumn === undefined ? null : columnIndex(options.timestampColumn, header, rows);
  const tags = options.tagColumn === undefined ? null : columnIndex(options.tagColumn, header, rows);
  const entries: TranscriptEntry[] = [];
  const rowKinds: CsvRowKind[] = [];
  const turnTags: string[][] = [];
  for (const row of options.hasHeader ? rows.slice(1) : rows) {
    const body = tidyEntryText(decodeEntities(row[text] ?? ''));
    // Exports write the label as it reads ("DB:"); the transcript adds the colon itself.
    const label = cellOrNull(row, speaker)?.replace(/\s*:+$/, '') || null;
    const kind = csvRowKind(label, body);
    rowKinds.push(kind);
    if (kind === 'empty' || (kind !== 'speech' && options.skipNonSpeech)) continue;
    entries.push({ speaker: label, text: body, timestamp: cellOrNull(row, timestamp) });
    turnTags.push(tags === null ? [] : splitTags(row[tags] ?? ''));
  }
  return { ...buildTranscript(entries), rowKinds, turnTags };
}

const LONE_LINK = /^<?(?:https?:\/\/|www\.)\S+?>?$/i;
// Rows a transcription service or a note-taker adds beside the speech.
const NOTE_WORD = /^(?:notes?|comments?|memo|annotations?|remarks?|summary|source|links?|url|anmerkung(?:en)?|notiz(?:en)?|notas?|remarques?|یادداشت|ملاحظات)$/i;
const NOTE_LINE = /^([^\s:]{2,20}):(?:\s|$)/;

/** Whether a row (its label without the colon, its tidied text) is speech, a lone link, a note or empty. */
export function csvRowKind(label: string | null, text: string): CsvRowKind {
  if (text === '') return 'empty';
  if (LONE_LINK.test(text)) return 'link';
  if (label !== null && NOTE_WORD.test(label)) return 'note';
  const opening = NOTE_LINE.exec(text);
  if (label === null && opening && NOTE_WORD.test(opening[1])) return 'note';
  return 'speech';
}

/** `a; b;; c ` → [a, b, c]: each tag once, entities decoded. */
export function splitTags(cell: string): string[] {
  const tags = decodeEntities(cell)
    .split(';')
    .map((t) => t.replace(/\s+/g, ' ').trim())
    .filter((t) => t !== '');
  return [...new Set(tags)];
}

function cellOrNull(row: readonly string[], column: number | null): string | null {
  if (column === null) return null;
  const value = decodeEntities(row[column] ?? '').replace(/\s+/g, ' ').trim();
  return value === '' ? null : value;
}

function columnIndex(
  column: CsvColumn,
  header: readonly string[] | null,
  rows: readonly (readonly string[])[],
): number {
  const width = rows[0]?.length ?? 0;
  if (typeof column === 'number') {
    if (Number.isInteger(column) && column >= 0 && column < width) return column;
    throw new TextError('IMPORT_BAD_FILE', `The CSV has ${width} columns; there is no column ${column + 1}.`);
  }
  const wanted = column.trim().toLowerCase();
  const index = header === null ? -1 : header.findIndex((name) => name.trim().toLowerCase() === wanted);
  if (index === -1) throw new TextError('IMPORT_BAD_FILE', `The CSV has no column named "${column}".`);
  return index;
}

function assertRectangular(records: readonly CsvRecord[]): void {
  const width = records[0]?.fields.length ?? 0;
  records.forEach((record, i) => {
    if (record.fields.length === width) return;
    throw new TextError(
      'IMPORT_CSV_RAGGED',
      `CSV row ${i + 1} (line ${record.line}) has ${record.fields.length} fields, but row 1 has ${width}.`,
    );
  });
}

// A state machine over the text: a quote opens a quoted field only at the start of a field.
function readRecords(text: string, delimiter: string, limit: number, strict: boolean): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endRecord = (): void => {
    fields.push(field);
    // A blank line is no record.
    if (fields.length > 1 || fields[0] !== '') records.push({ fields, line: recordLine });
    fields = [];
    field = '';
  };
  while (i < text.length && records.length < limit) {
    const char = text[i];
    if (char === '"' && field === '') {
      const closing = readQuoted(text, i + 1);
      if (closing === null) {
        if (!strict) break;
        throw new TextError(
          'IMPORT_BAD_FILE',
          `CSV row ${records.length + 1} (line ${recordLine}): a quoted field is never closed.`,
        );
      }
      field = closing.value;
      line += closing.newlines;
      i = closing.next;
    } else if (char === delimiter) {
      fields.push(field);
      field = '';
      i++;
    } else if (char === '\n') {
      endRecord();
      line++;
      recordLine = line;
      i++;
    } else {
      field += char;
      i++;
    }
  }
  if (records.length < limit && (field !== '' || fields.length > 0)) endRecord();
  return records;
}

function readQuoted(
  text: string,
  from: number,
): { readonly value: string; readonly next: number; readonly newlines: number } | null {
  const parts: string[] = [];
  let i = from;
  while (i < text.length) {
    const quote = text.indexOf('"', i);
    if (quote === -1) return null;
    parts.push(text.slice(i, quote));
    if (text[quote + 1] === '"') {
      parts.push('"');
      i = quote + 2;
      continue;
    }
    const value = parts.join('');
    return { value, next: quote + 1, newlines: countNewlines(value) };
  }
  return null;
}

function countNewlines(value: string): number {
  let count = 0;
  for (const char of value) if (char === '\n') count++;
  return count;
}
