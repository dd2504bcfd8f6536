import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  buildTranscript,
  decodeText,
  detectTurns,
  parseMarkdown,
  segmentUnits,
  snapToWord,
  type SegmentMode,
  type TextRange,
} from '../../../shared/text';

const MODES: readonly SegmentMode[] = ['turn', 'paragraph', 'sentence'];

// Transcript-shaped text: labels, abbreviations, breaks, astral and accented characters.
const transcriptText = fc
  .array(
    fc.constantFrom(
      'P1: ', 'P2: ', '**Ann:** ', '[id1] ', 'Dr. ', 'e.g. ', 'etc. ', 'J. ', 'No. ', '\n', '\n\n', '\r\n', '. ', '? ',
      ' ', 'word', 'Smith', 'said', '🙂', 'é', '\\[03:59\\] ', '00:12', '*', '_',
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

const ranges = (length: number): fc.Arbitrary<TextRange[]> =>
  fc
    .array(fc.tuple(fc.nat({ max: length + 5 }), fc.nat({ max: length + 5 })), { maxLength: 6 })
    .map((pairs) => pairs.map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) })));

function within(unit: TextRange, turns: readonly TextRange[]): boolean {
  return turns.some((t) => t.start <= unit.start && unit.end <= t.end);
}

function assertWellFormed(text: string, units: readonly TextRange[], turns: readonly TextRange[]): void {
  units.forEach((unit, i) => {
    expect(unit.start).toBeLessThan(unit.end);
    expect(unit.start).toBeGreaterThanOrEqual(0);
    expect(unit.end).toBeLessThanOrEqual(text.length);
    expect(text.slice(unit.start, unit.end).trim()).toBe(text.slice(unit.start, unit.end));
    if (i > 0) expect(units[i - 1].end).toBeLessThanOrEqual(unit.start);
    if (turns.length > 0) expect(within(unit, turns)).toBe(true);
  });
}

describe('segmentation properties', () => {
  it('yields sorted, non-overlapping, trimmed units within detected turns', () => {
    fc.assert(
      fc.property(transcriptText, fc.constantFrom(...MODES), (text, mode) => {
        const { turns } = detectTurns(text);
        assertWellFormed(text, segmentUnits(text, turns, mode), turns);
      }),
    );
  });

  it('stays within arbitrary, even overlapping, turn ranges', () => {
    fc.assert(
      fc.property(
        transcriptText.chain((text) => fc.tuple(fc.constant(text), ranges(text.length))),
        fc.constantFrom(...MODES),
        ([text, turns], mode) => {
          const units = segmentUnits(text, turns, mode);
          if (turns.length === 0) assertWellFormed(text, units, [{ start: 0, end: text.length }]);
          else assertWellFormed(text, units, turns);
        },
      ),
    );
  });

  it('finer modes refine coarser ones', () => {
    fc.assert(
      fc.property(transcriptText, (text) => {
        const { turns } = detectTurns(text);
        const paragraphs = segmentUnits(text, turns, 'paragraph');
        for (const sentence of segmentUnits(text, turns, 'sentence')) expect(within(sentence, paragraphs)).toBe(true);
      }),
    );
  });
});

describe('snapToWord properties', () => {
  it('moves backward to at most, forward to at least the offset, onto a stable boundary', () => {
    fc.assert(
      fc.property(
        transcriptText.chain((text) => fc.tuple(fc.constant(text), fc.integer({ min: -2, max: text.length + 2 }))),
        ([text, offset]) => {
          const clamped = Math.max(0, Math.min(text.length, offset));
          const back = snapToWord(text, offset, 'backward');
          const forward = snapToWord(text, offset, 'forward');
          expect(back).toBeLessThanOrEqual(clamped);
          expect(forward).toBeGreaterThanOrEqual(clamped);
          expect(snapToWord(text, back, 'backward')).toBe(back);
          expect(snapToWord(text, forward, 'forward')).toBe(forward);
        },
      ),
    );
  });
});

describe('turn properties', () => {
  it('detectTurns gives ordered turns with label before text', () => {
    fc.assert(
      fc.property(transcriptText, (text) => {
        const { turns } = detectTurns(text);
        turns.forEach((turn, i) => {
          expect(turn.labelStart).toBeLessThanOrEqual(turn.labelEnd);
          expect(turn.labelEnd).toBeLessThanOrEqual(turn.start);
          expect(turn.start).toBeLessThanOrEqual(turn.end);
          expect(turn.end).toBeLessThanOrEqual(text.length);
          if (i > 0) expect(turns[i - 1].end).toBeLessThanOrEqual(turn.labelStart);
        });
      }),
    );
  });

  it('parseMarkdown offsets stay ordered inside the plain text', () => {
    fc.assert(
      fc.property(transcriptText, (markdown) => {
        const { text, turns } = parseMarkdown(markdown);
        turns.forEach((turn, i) => {
          expect(turn.labelEnd).toBeLessThanOrEqual(turn.start);
          expect(turn.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(turn.start, turn.end).trim()).toBe(text.slice(turn.start, turn.end));
          if (i > 0) expect(turns[i - 1].end).toBeLessThanOrEqual(turn.labelStart);
        });
      }),
    );
  });

  it('buildTranscript turns point at their entry text', () => {
    const entry = fc.record({
      speaker: fc.option(fc.constantFrom('Ann', 'Bo', 'P1'), { nil: null }),
      text: fc.stringMatching(/^[a-z][a-z .]{0,20}$/),
      timestamp: fc.constant(null),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), (entries) => {
        const built = buildTranscript(entries);
        expect(built.turns.map((t) => built.text.slice(t.start, t.end))).toEqual(entries.map((e) => e.text));
      }),
    );
  });
});

// Text the binary check lets through: no C0/C1 controls other than whitespace, no U+FFFD.
function isSuspicious(char: string): boolean {
  const code = char.charCodeAt(0);
  return (code < 0x20 && (code < 0x09 || code > 0x0d)) || (code >= 0x7f && code <= 0x9f) || code === 0xfffd;
}
const anyText = fc
  .string({ unit: 'binary', maxLength: 80 })
  .map((s) => [...s].filter((char) => !isSuspicious(char)).join(''));
const asciiChar = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
const asciiText = fc.string({ unit: asciiChar, minLength: 1, maxLength: 80 });

function utf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const bytes: number[] = bom ? (littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes.push(...(littleEndian ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff]));
  }
  return Uint8Array.from(bytes);
}

describe('decode round trips', () => {
  it('decode(encode(s)) is s for UTF-8', () => {
    fc.assert(
      fc.property(anyText.filter((s) => !s.startsWith('\ufeff')), (text) => {
        expect(decodeText(new TextEncoder().encode(text))).toEqual({ text, encoding: 'utf-8' });
      }),
    );
  });

  it('decode(encode(s)) is s for UTF-8 with BOM', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
        expect(decodeText(bytes)).toEqual({ text, encoding: 'utf-8-bom' });
      }),
    );
  });

  it('decode(encode(s)) is s for UTF-16 LE and BE with BOM', () => {
    fc.assert(
      fc.property(anyText, fc.boolean(), (text, littleEndian) => {
        expect(decodeText(utf16(text, littleEndian, true))).toEqual({
          text,
          encoding: littleEndian ? 'utf-16le' : 'utf-16be',
        });
      }),
    );
  });

  it('decode(encode(s)) is s for mostly-ASCII UTF-16 without BOM', () => {
    fc.assert(
      fc.property(asciiText, fc.boolean(), (text, littleEndian) => {
        expect(decodeText(utf16(text, littleEndian, false))).toEqual({
          text,
          encoding: littleEndian ? 'utf-16le' : 'utf-16be',
        });
      }),
    );
  });
});
