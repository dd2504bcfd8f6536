import { describe, it, expect } from 'vitest';
import { matchSegments, type Span } from '../../../shared/domain/agreement';

const spans = (...pairs: [number, number][]): Span[] => pairs.map(([start, end]) => ({ start, end }));

describe('segment matching (MAXQDA style)', () => {
  const a = spans([0, 100], [200, 300], [500, 520]);
  const b = spans([5, 100], [200, 260], [700, 750]);

  it('threshold 0.9: 2 of 6 segments agree', () => {
    const r = matchSegments(a, b, 0.9);
    expect([r.matched, r.total, r.matchedA, r.matchedB]).toEqual([2, 6, 1, 1]);
    expect(r.agreement.value).toBeCloseTo(0.3333, 4);
  });

  it('threshold 0.5: 4 of 6 segments agree', () => {
    const r = matchSegments(a, b, 0.5);
    expect([r.matched, r.total]).toEqual([4, 6]);
    expect(r.agreement.value).toBeCloseTo(0.6667, 4);
  });

  it('is order independent', () => {
    expect(matchSegments([...a].reverse(), [...b].reverse(), 0.5).matched).toBe(4);
  });

  it('finds a partner that starts early but ends late', () => {
    const r = matchSegments(spans([0, 1000], [10, 20]), spans([0, 990]), 0.9);
    expect(r.matchedA).toBe(1);
    expect(r.matchedB).toBe(1);
  });

  it('is undefined, with a reason, when neither coder has a segment', () => {
    expect(matchSegments([], [], 0.5).agreement).toEqual({ value: null, reason: 'neither coder has a segment of this code' });
    expect(matchSegments(a, [], 0.5).agreement.value).toBe(0);
  });

  it('rejects thresholds outside (0, 1] and empty segments', () => {
    expect(() => matchSegments(a, b, 0)).toThrow(RangeError);
    expect(() => matchSegments(a, b, 1.5)).toThrow(RangeError);
    expect(() => matchSegments(spans([4, 4]), b, 0.5)).toThrow(RangeError);
  });
});
