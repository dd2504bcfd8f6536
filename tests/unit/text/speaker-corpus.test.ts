import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { detectTurns, parseMarkdown, type ParsedTranscript } from '../../../shared/text';
import { takeHeader, type TranscriptHeader } from '../../../shared/text/header';

// Transcripts written for this test in the shapes real files take, each with a sidecar of the
// speakers and turns a reader would mark.
const DIR = path.resolve(__dirname, '../../fixtures/transcripts');
const THRESHOLD = 0.99;

interface Expected {
  readonly language: string;
  readonly shape: string;
  readonly speakers: readonly string[];
  /** [speaker or null, the first words of the turn's text], in document order, the header's lines left out. */
  readonly turns: readonly (readonly [string | null, string])[];
  /** The details a header at the start gives; absent: the transcript has no header to take. */
  readonly header?: Partial<Omit<TranscriptHeader, 'lines'>>;
}

interface Tally {
  detected: number;
  expected: number;
  correct: number;
}

const tally = (): Tally => ({ detected: 0, expected: 0, correct: 0 });
const precision = (t: Tally): number => (t.detected === 0 ? 1 : t.correct / t.detected);
const recall = (t: Tally): number => (t.expected === 0 ? 1 : t.correct / t.expected);
const percent = (x: number): string => `${(x * 100).toFixed(1)} %`;

// As the import reads a file: turns detected, then the header (if any) taken off the start.
function parse(file: string, source: string): { parsed: ParsedTranscript; header: TranscriptHeader | null } {
  if (file.endsWith('.md')) return takeHeader(parseMarkdown(source));
  const { turns, speakers } = detectTurns(source);
  return takeHeader({ text: source, turns, speakers });
}

/** Right when the header is found where there is one, with every field as expected, and never invented. */
function headerRight(found: TranscriptHeader | null, expected: Expected['header']): boolean {
  if (!expected) return found === null;
  return found !== null && Object.entries(expected).every(([k, v]) => found[k as keyof TranscriptHeader] === v);
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

interface FileScore {
  readonly starts: Tally;
  readonly attribution: Tally;
  readonly speakers: Tally;
  readonly misses: readonly string[];
}

// Detected turns are aligned in order with the expected ones by their first words: a missed label
// merges two turns (one expected start unmatched), a false label splits one (a detected start unmatched).
function scoreFile(parsed: ParsedTranscript, expected: Expected): FileScore {
  const starts = tally();
  const attribution = tally();
  const misses: string[] = [];
  starts.expected = expected.turns.length;
  attribution.expected = expected.turns.length;
  let next = 0;
  for (const turn of parsed.turns) {
    const text = squash(parsed.text.slice(turn.start, turn.end));
    starts.detected++;
    attribution.detected++;
    const found = expected.turns.findIndex((e, i) => i >= next && text.startsWith(squash(e[1])));
    if (found === -1) {
      misses.push(`extra turn ${JSON.stringify(turn.speaker)}: ${text.slice(0, 30)}`);
      continue;
    }
    for (let i = next; i < found; i++) misses.push(`missed turn ${JSON.stringify(expected.turns[i])}`);
    next = found + 1;
    starts.correct++;
    if (turn.speaker === expected.turns[found][0]) attribution.correct++;
    else misses.push(`wrong speaker ${JSON.stringify(turn.speaker)} for ${JSON.stringify(expected.turns[found])}`);
  }
  for (let i = next; i < expected.turns.length; i++) misses.push(`missed turn ${JSON.stringify(expected.turns[i])}`);
  const found = new Set(parsed.speakers.map((s) => s.label));
  const speakers: Tally = {
    detected: found.size,
    expected: expected.speakers.length,
    correct: expected.speakers.filter((s) => found.has(s)).length,
  };
  return { starts, attribution, speakers, misses };
}

function add(into: Tally, from: Tally): void {
  into.detected += from.detected;
  into.expected += from.expected;
  into.correct += from.correct;
}

const files = readdirSync(DIR)
  .filter((f) => /\.(txt|md)$/.test(f))
  .sort();

describe('speaker detection over the labelled corpus', () => {
  it('holds at least 40 transcripts in at least five languages, one right to left', () => {
    const languages = new Set(files.map((f) => readExpected(f).language));
    expect(files.length).toBeGreaterThanOrEqual(40);
    expect(languages.size).toBeGreaterThanOrEqual(5);
    expect([...languages].some((l) => ['fa', 'ar', 'he'].includes(l))).toBe(true);
  });

  it(`finds turn starts, speakers and attribution with precision and recall >= ${THRESHOLD * 100} %, and every header`, () => {
    const total = { starts: tally(), attribution: tally(), speakers: tally() };
    const report: string[] = [];
    let headers = 0;
    let headersRight = 0;
    for (const file of files) {
      const expected = readExpected(file);
      const { parsed, header } = parse(file, readFileSync(path.join(DIR, file), 'utf8'));
      if (expected.header) headers++;
      if (headerRight(header, expected.header)) headersRight++;
      else report.push(`${file}: header ${JSON.stringify(header)}, expected ${JSON.stringify(expected.header ?? null)}`);
      const score = scoreFile(parsed, expected);
      add(total.starts, score.starts);
      add(total.attribution, score.attribution);
      add(total.speakers, score.speakers);
      if (score.misses.length > 0) report.push(`${file}:\n  ${score.misses.join('\n  ')}`);
    }
    const lines = (['starts', 'attribution', 'speakers'] as const).map(
      (m) =>
        `${m.padEnd(12)} precision ${percent(precision(total[m]))}  recall ${percent(recall(total[m]))}` +
        `  (${total[m].correct} right of ${total[m].detected} found, ${total[m].expected} expected)`,
    );
    console.log(`speaker corpus, ${files.length} transcripts (${headers} with a header)\n${lines.join('\n')}\nheaders: ${headersRight} of ${files.length} files right`);
    if (report.length > 0) console.log(report.join('\n'));
    expect(headers).toBeGreaterThanOrEqual(6);
    expect(headersRight, 'files whose header was taken as expected (or, without one, left alone)').toBe(files.length);
    for (const m of ['starts', 'attribution', 'speakers'] as const) {
      expect(precision(total[m]), `${m} precision`).toBeGreaterThanOrEqual(THRESHOLD);
      expect(recall(total[m]), `${m} recall`).toBeGreaterThanOrEqual(THRESHOLD);
    }
  });
});

function readExpected(file: string): Expected {
  const sidecar = file.replace(/\.(txt|md)$/, '.expected.json');
  return JSON.parse(readFileSync(path.join(DIR, sidecar), 'utf8')) as Expected;
}
