import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentDetail } from '../../../shared/api/entities';
import type { TestApp } from '../support/app';
import { fixture, makeImportApp, previewOne } from './support';

// Transcripts as they come from Word's "Save as HTML", transcription services, hand-written pages,
// CSV exports and Word or OpenDocument files (bold or speaker-styled label runs, tables of turns), in six languages (one right to left), with the speakers and turn starts a
// reader sees in each (wild/expected.json). A detected turn is right when its speaker and its first
// words are the expected ones; precision and recall of turn starts must reach 99 % over the corpus.

const DIR = fixture('wild');
const EXPECTED = JSON.parse(fs.readFileSync(path.join(DIR, 'expected.json'), 'utf8')) as Record<string, [string, string][]>;
const MIN_SCORE = 0.99;
// What must never reach a document's text from HTML or a CSV export: tags, entities, a doubled colon,
// the reader's own marks for bold runs.
const MARKUP = /[\ufdd0-\ufdd3]|<\/?[a-z][a-z0-9:-]*(?:\s[^<>]*)?>|<!--|&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]{1,31});|::/i;

interface Scored {
  readonly file: string;
  readonly expected: number;
  readonly found: number;
  readonly right: number;
}

let t: TestApp;
const details = new Map<string, DocumentDetail>();

beforeAll(async () => {
  t = await makeImportApp();
  for (const file of Object.keys(EXPECTED)) {
    const preview = await previewOne(t.client, { kind: 'path', path: path.join(DIR, file) });
    // Rows that are no speech (a lone link, a note) are left out, as the preview offers.
    const csv = preview.csv ? { ...preview.csv.choice, skipNonSpeech: true, importTags: false } : undefined;
    const result = await t.client.call('import.commit', { previewId: preview.previewId, csv });
    details.set(file, await t.client.call('documents.get', { id: result.documentId }));
  }
}, 120_000);

afterAll(() => t?.close());

function score(file: string): Scored {
  const detail = details.get(file)!;
  const expected = EXPECTED[file];
  const found = detail.turns.map((turn) => ({ speaker: turn.speakerLabel, text: detail.text.slice(turn.start, turn.end) }));
  let right = 0;
  let next = 0;
  // In order: each expected turn is matched by the first unmatched detected turn that starts like it.
  for (const turn of found) {
    const want = expected[next];
    if (want && turn.speaker === want[0] && turn.text.startsWith(want[1])) {
      right += 1;
      next += 1;
    }
  }
  return { file, expected: expected.length, found: found.length, right };
}

describe('formats in the wild: a labelled corpus', () => {
  it('holds at least 8 HTML, 6 CSV and 6 Word or OpenDocument transcripts, some right to left', () => {
    const files = Object.keys(EXPECTED);
    expect(files.filter((f) => /\.html?$/.test(f)).length).toBeGreaterThanOrEqual(8);
    expect(files.filter((f) => /\.(?:csv|tsv)$/.test(f)).length).toBeGreaterThanOrEqual(6);
    expect(files.filter((f) => /\.(?:docx|odt)$/.test(f)).length).toBeGreaterThanOrEqual(6);
    expect(files.some((f) => EXPECTED[f].some(([speaker]) => /\p{Script=Arabic}/u.test(speaker)))).toBe(true);
    expect(fs.readdirSync(DIR).filter((f) => f !== 'expected.json').sort()).toEqual([...files].sort());
  });

  it.each(Object.keys(EXPECTED))('%s: no markup, entity or doubled colon left in the text', (file) => {
    const text = details.get(file)!.text;
    expect(text.match(MARKUP)?.[0] ?? null).toBeNull();
  });

  it(`finds turn starts with precision and recall of at least ${MIN_SCORE * 100} %`, () => {
    const scores = Object.keys(EXPECTED).map(score);
    const expected = scores.reduce((n, s) => n + s.expected, 0);
    const found = scores.reduce((n, s) => n + s.found, 0);
    const right = scores.reduce((n, s) => n + s.right, 0);
    const precision = right / found;
    const recall = right / expected;
    console.log(`wild corpus: ${scores.length} files, ${expected} turns expected, ${found} found, ${right} right: precision ${(precision * 100).toFixed(1)} %, recall ${(recall * 100).toFixed(1)} %`);
    const misses = scores.filter((s) => s.right !== s.expected || s.found !== s.expected).map((s) => `${s.file}: ${s.right}/${s.expected} right of ${s.found} found`);
    expect(precision, misses.join('\n')).toBeGreaterThanOrEqual(MIN_SCORE);
    expect(recall, misses.join('\n')).toBeGreaterThanOrEqual(MIN_SCORE);
  });
});
