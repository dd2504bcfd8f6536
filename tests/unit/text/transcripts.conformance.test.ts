import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  decodeText,
  detectTurns,
  normalizeNewlines,
  parseMarkdown,
  parseSrt,
  parseWebVtt,
  segmentUnits,
  TextError,
  type ParsedTranscript,
} from '../../../shared/text';

// Real transcripts that live beside the repository and are never copied into it.
const DIR = path.resolve(__dirname, '../../../../shared/data/transcripts');
const present = existsSync(DIR);
if (!present) console.warn('SKIPPED: ../shared/data absent — transcript conformance tests not run');
const suite = present ? describe : describe.skip;

function read(file: string): string {
  const { text } = decodeText(readFileSync(path.join(DIR, file)));
  return normalizeNewlines(text);
}

function people(parsed: Pick<ParsedTranscript, 'speakers'>): string[] {
  return parsed.speakers.filter((s) => !s.isPseudo).map((s) => s.label);
}

function assertOffsetsSound(parsed: ParsedTranscript): void {
  parsed.turns.forEach((turn, i) => {
    expect(turn.labelEnd).toBeLessThanOrEqual(turn.start);
    expect(turn.end).toBeLessThanOrEqual(parsed.text.length);
    if (i > 0) expect(parsed.turns[i - 1].end).toBeLessThanOrEqual(turn.labelStart);
  });
}

suite('transcript conformance', () => {
  it('the-changelog-375.md: 9 people and a Break pseudo-speaker', () => {
    const parsed = parseMarkdown(read('the-changelog-375.md'));
    const names = people(parsed);
    expect(names).toHaveLength(9);
    expect(names).toContain('Björn Rabenstein');
    expect(names).toContain('Gerhard Lazu');
    expect(parsed.speakers.filter((s) => s.isPseudo).map((s) => s.label)).toEqual(['Break']);
    expect(parsed.text).not.toMatch(/\*\*|\\\[/);
    for (const turn of parsed.turns.filter((t) => t.speaker !== null)) {
      expect(parsed.text.slice(turn.labelStart, turn.labelEnd)).toBe(`${turn.speaker}:`);
    }
    expect(parsed.turns.filter((t) => t.timestamp !== null).length).toBeGreaterThan(5);
    expect(parsed.turns.some((t) => t.timestamp === '03:59')).toBe(true);
    assertOffsetsSound(parsed);
  });

  it('the-changelog-375.md: sentence units stay inside turns', () => {
    const parsed = parseMarkdown(read('the-changelog-375.md'));
    const units = segmentUnits(parsed.text, parsed.turns, 'sentence');
    expect(units.length).toBeGreaterThan(parsed.turns.length);
    let turn = 0;
    for (const unit of units) {
      while (parsed.turns[turn].end < unit.end) turn++;
      expect(unit.start).toBeGreaterThanOrEqual(parsed.turns[turn].start);
    }
  });

  it('example.vtt: 2 speakers', () => {
    const parsed = parseWebVtt(read('example.vtt'));
    expect(parsed.speakers.map((s) => s.label)).toEqual(['Sarah', 'Gillian']);
    expect(parsed.text).toContain('Podcasting Q&A');
    expect(parsed.turns.map((t) => t.timestamp)).toEqual(['00:00:00', '00:00:19']);
    assertOffsetsSound(parsed);
  });

  it('example.srt: Travis keeps the floor across unlabelled cues', () => {
    const parsed = parseSrt(read('example.srt'));
    const first = parsed.turns[0];
    expect(first.speaker).toBe('Travis');
    expect(first.timestamp).toBe('00:00:00');
    // Cues 2–17 carry no label: they are still Travis, up to Sarah's first cue (18).
    expect(parsed.text.slice(first.start, first.end)).toMatch(/^When you first get .* that much faster$/);
    expect(parsed.turns[1]).toMatchObject({ speaker: 'Sarah', timestamp: '00:00:53' });
    expect(parsed.speakers[0].label).toBe('Travis');
    assertOffsetsSound(parsed);
  });

  it('transcript.txt: 3 speakers with [id1] labels', () => {
    const text = read('transcript.txt');
    const { turns, speakers } = detectTurns(text);
    expect(speakers.map((s) => s.label)).toEqual(['id1', 'id2', 'id3']);
    expect(turns.every((t) => t.speaker !== null)).toBe(true);
    expect(turns.map((t) => text.slice(t.labelStart, t.labelEnd))).toContain('[id1]');
  });

  it.each(['kernighan.doc', 'ID1.docx'])('%s is rejected as binary', (file) => {
    const bytes = readFileSync(path.join(DIR, file));
    expect(() => decodeText(bytes)).toThrow(TextError);
    try {
      decodeText(bytes);
    } catch (error) {
      expect((error as TextError).code).toBe('IMPORT_BINARY');
    }
  });
});
