import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdit, editBetween, mapOffset, mapOrderedRanges, mapRange, splitsPair, type TextEdit } from '../../../shared/domain/text-edits';

// The one offset mapping every repair of a transcript goes through (#19 item 5).

const chars = fc.constantFrom('a', 'b', ' ', '.', '😀', '🎉', 'é', 'ش', '\n');
const text = fc.array(chars, { maxLength: 30 }).map((a) => a.join(''));

/** A range of whole characters of `t`: never inside a surrogate pair. */
function whole(t: string, x: number): number {
  const at = Math.min(x, t.length);
  return splitsPair(t, at) ? at - 1 : at;
}

describe('text edits', () => {
  it('finds the one replacement between two texts, never inside an emoji', () => {
    expect(editBetween('I had teh feeling', 'I had the feeling')).toEqual({ start: 7, end: 9, text: 'he' });
    // 📚 and 📖 share their high surrogate: the edit takes both halves.
    expect(editBetween('a 📚 b', 'a 📖 b')).toEqual({ start: 2, end: 4, text: '📖' });
    expect(editBetween('same', 'same')).toBeNull();
    fc.assert(
      fc.property(text, text, (a, b) => {
        const e = editBetween(a, b);
        if (e === null) return a === b;
        return applyEdit(a, e) === b && !splitsPair(a, e.start) && !splitsPair(a, e.end) && !splitsPair(b, e.start) && !splitsPair(b, e.start + e.text.length);
      }),
    );
  });

  it('keeps a range the edit does not touch on the same characters, before or after it', () => {
    fc.assert(
      fc.property(text, text, fc.nat({ max: 30 }), fc.nat({ max: 30 }), fc.nat({ max: 30 }), fc.nat({ max: 30 }), (t, ins, p, q, r, s) => {
        const [a, b] = [whole(t, p), whole(t, q)].sort((x, y) => x - y);
        const [rs, re] = [whole(t, r), whole(t, s)].sort((x, y) => x - y);
        const edit: TextEdit = { start: a, end: b, text: ins };
        const touches = a === b ? rs <= a && a <= re : rs < b && re > a;
        fc.pre(!touches && re > rs);
        const m = mapRange(edit, { start: rs, end: re });
        return applyEdit(t, edit).slice(m.start, m.end) === t.slice(rs, re);
      }),
    );
  });

  it('takes the new words into a range the edit overlaps, and empties one it deletes', () => {
    const t = 'It was hard. I had teh feeling.';
    const unit = { start: 13, end: 31 };
    const e = { start: 20, end: 22, text: 'he' };
    const m = mapRange(e, unit);
    expect(applyEdit(t, e).slice(m.start, m.end)).toBe('I had the feeling.');
    // A full stop typed after a unit's last word is the unit's.
    expect(mapRange({ start: 11, end: 11, text: '!' }, { start: 0, end: 11 })).toEqual({ start: 0, end: 12 });
    // Deleted whole: empty, for the caller to refuse or remove.
    const gone = mapRange({ start: 10, end: 40, text: '' }, { start: 13, end: 31 });
    expect(gone.end - gone.start).toBe(0);
    expect(mapOffset({ start: 5, end: 7, text: 'xyz' }, 9)).toBe(10);
  });

  it('gives an insertion between two touching ranges to the first, so they never overlap', () => {
    const mapped = mapOrderedRanges({ start: 5, end: 5, text: '😀' }, [
      { start: 5, end: 9 },
      { start: 0, end: 5 },
    ]);
    expect(mapped.map((m) => m.mapped)).toEqual([
      { start: 0, end: 7 },
      { start: 7, end: 11 },
    ]);
  });
});
