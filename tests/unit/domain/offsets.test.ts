import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  codePointIndex,
  codePointsToUtf16,
  isWordBoundary,
  newlineMap,
  splitsSurrogatePair,
  stripBom,
  utf16ToCodePoints,
} from '../../../shared/domain/offsets';

// Text made of the pieces that break naive offset arithmetic: astral characters (one code point,
// two UTF-16 units), joiner sequences, combining marks, CRLF, lone CR and plain words.
const piece = fc.constantFrom('a', 'word', ' ', 'é', 'e\u0301', '🙂', '👩🏽‍⚕️', '𝄞', '\r\n', '\r', '\n', '—', 'ő', '😤😤');
const text = fc.array(piece, { maxLength: 40 }).map((p) => p.join(''));
const textAndUtf16Offset = text.chain((t) => fc.tuple(fc.constant(t), fc.nat({ max: t.length })));
const textAndCodePoint = text.chain((t) => fc.tuple(fc.constant(t), fc.nat({ max: [...t].length })));

describe('code points ↔ UTF-16 code units', () => {
  it('counts by hand-checked examples', () => {
    const s = 'a🙂b';
    expect(utf16ToCodePoints(s, 0)).toBe(0);
    expect(utf16ToCodePoints(s, 1)).toBe(1);
    expect(utf16ToCodePoints(s, 3)).toBe(2);
    expect(utf16ToCodePoints(s, 4)).toBe(3);
    // Inside the pair: the emoji is not yet reached.
    expect(utf16ToCodePoints(s, 2)).toBe(1);
    expect(codePointsToUtf16(s, 2)).toBe(3);
    expect(codePointsToUtf16(s, 3)).toBe(4);
    expect(codePointsToUtf16('🙂🙂🙂', 2)).toBe(4);
  });

  it('agrees with Array.from over the whole text', () => {
    fc.assert(
      fc.property(textAndUtf16Offset, ([t, u]) => {
        if (splitsSurrogatePair(t, u)) return;
        expect(utf16ToCodePoints(t, u)).toBe(Array.from(t.slice(0, u)).length);
      }),
    );
  });

  it('code point → UTF-16 → code point is the identity', () => {
    fc.assert(
      fc.property(textAndCodePoint, ([t, c]) => {
        const index = codePointIndex(t);
        expect(index.toCodePoints(index.toUtf16(c))).toBe(c);
        expect(index.toUtf16(c)).toBe(Array.from(t).slice(0, c).join('').length);
      }),
    );
  });

  it('UTF-16 → code point → UTF-16 is the identity except inside a pair, where it rounds down', () => {
    fc.assert(
      fc.property(textAndUtf16Offset, ([t, u]) => {
        const index = codePointIndex(t);
        const back = index.toUtf16(index.toCodePoints(u));
        expect(back).toBe(splitsSurrogatePair(t, u) ? u - 1 : u);
      }),
    );
  });

  it('is monotonic and reports both lengths', () => {
    fc.assert(
      fc.property(textAndUtf16Offset, ([t, a]) => {
        const index = codePointIndex(t);
        expect(index.utf16Length).toBe(t.length);
        expect(index.codePointLength).toBe([...t].length);
        if (a < t.length) expect(index.toCodePoints(a + 1)).toBeGreaterThanOrEqual(index.toCodePoints(a));
      }),
    );
  });

  it('clamps offsets outside the text', () => {
    const index = codePointIndex('x🙂');
    expect(index.toCodePoints(-3)).toBe(0);
    expect(index.toCodePoints(99)).toBe(2);
    expect(index.toUtf16(99)).toBe(3);
  });
});

describe('newline normalization with offsets', () => {
  it('turns CRLF and lone CR into LF', () => {
    expect(newlineMap('a\r\nb\rc\n').text).toBe('a\nb\nc\n');
  });

  it('maps every raw offset onto the same place, never between CR and LF', () => {
    const m = newlineMap('ab\r\ncd');
    expect([0, 1, 2, 3, 4, 5, 6].map((o) => m.toNormalized(o))).toEqual([0, 1, 2, 2, 3, 4, 5]);
    expect([0, 1, 2, 3, 4, 5].map((o) => m.toRaw(o))).toEqual([0, 1, 2, 4, 5, 6]);
  });

  it('a raw range covers the same text once normalized', () => {
    const betweenCrLf = (t: string, o: number) => t[o - 1] === '\r' && t[o] === '\n';
    fc.assert(
      fc.property(
        text.chain((t) => fc.tuple(fc.constant(t), fc.nat({ max: t.length }), fc.nat({ max: t.length }))),
        ([t, a, b]) => {
          const [s, e] = a <= b ? [a, b] : [b, a];
          if (betweenCrLf(t, s) || betweenCrLf(t, e)) return;
          const m = newlineMap(t);
          expect(m.text.slice(m.toNormalized(s), m.toNormalized(e))).toBe(t.slice(s, e).replace(/\r\n?/g, '\n'));
        },
      ),
    );
    // A range ending between CR and LF loses the half newline rather than gaining a whole one.
    const m = newlineMap('ab\r\ncd');
    expect(m.text.slice(m.toNormalized(0), m.toNormalized(3))).toBe('ab');
  });

  it('normalized → raw → normalized is the identity', () => {
    fc.assert(
      fc.property(text.chain((t) => fc.tuple(fc.constant(t), fc.nat({ max: t.length }))), ([t, o]) => {
        const m = newlineMap(t);
        const n = Math.min(o, m.text.length);
        expect(m.toNormalized(m.toRaw(n))).toBe(n);
      }),
    );
  });

  it('leaves text without CR untouched', () => {
    const m = newlineMap('one\ntwo');
    expect(m.text).toBe('one\ntwo');
    expect(m.toNormalized(5)).toBe(5);
  });
});

describe('word boundaries', () => {
  it('holds between words, at the ends, around emoji and punctuation; not inside words or pairs', () => {
    const s = 'Hé, ő🙂szó';
    expect(isWordBoundary(s, 0)).toBe(true);
    expect(isWordBoundary(s, 1)).toBe(false);
    expect(isWordBoundary(s, 2)).toBe(true);
    expect(isWordBoundary(s, 5)).toBe(true);
    expect(isWordBoundary(s, 6)).toBe(false);
    expect(isWordBoundary(s, 7)).toBe(true);
    expect(isWordBoundary(s, s.length)).toBe(true);
    expect(isWordBoundary(s, s.length + 1)).toBe(false);
    // A combining accent belongs to its letter.
    expect(isWordBoundary('e\u0301t', 1)).toBe(false);
  });

  it('strips only a leading BOM', () => {
    expect(stripBom('\ufeffabc')).toBe('abc');
    expect(stripBom('ab\ufeffc')).toBe('ab\ufeffc');
  });
});
