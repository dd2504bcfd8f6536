import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  binaryKappa,
  binaryTable,
  characterCounts,
  cohensKappa,
  contingencyTable,
  intersectionOverUnion,
  krippendorffAlpha,
  krippendorffAlphaTwoCoders,
  matchSegments,
  mergeSpans,
  scottsPi,
  type Span,
} from '../../../shared/domain/agreement';

const squareTable = fc
  .integer({ min: 1, max: 5 })
  .chain((q) => fc.array(fc.array(fc.nat({ max: 50 }), { minLength: q, maxLength: q }), { minLength: q, maxLength: q }));

const LENGTH = 60;
const span = fc
  .tuple(fc.integer({ min: 0, max: LENGTH }), fc.integer({ min: 0, max: LENGTH }))
  .map(([x, y]): Span => ({ start: Math.min(x, y), end: Math.max(x, y) }));
const spanList = fc.array(span, { maxLength: 8 });
const segmentList = fc.array(span.filter((s) => s.end > s.start), { maxLength: 8 });

function coveredSet(spans: readonly Span[]): Set<number> {
  const set = new Set<number>();
  for (const s of spans) for (let i = s.start; i < s.end; i++) set.add(i);
  return set;
}

describe('properties', () => {
  it('kappa and pi never exceed 1', () => {
    fc.assert(
      fc.property(squareTable, (table) => {
        for (const stat of [cohensKappa(table), scottsPi(table)]) {
          if (stat.value !== null) expect(stat.value).toBeLessThanOrEqual(1 + 1e-12);
        }
      }),
    );
  });

  it('character counts sum to L and match a per-character count', () => {
    fc.assert(
      fc.property(spanList, spanList, (a, b) => {
        const counts = characterCounts(LENGTH, a, b);
        expect(counts.both + counts.onlyA + counts.onlyB + counts.neither).toBe(LENGTH);
        const setA = coveredSet(a);
        const setB = coveredSet(b);
        const both = [...setA].filter((i) => setB.has(i)).length;
        expect(counts.both).toBe(both);
        expect(counts.onlyA).toBe(setA.size - both);
        expect(counts.onlyB).toBe(setB.size - both);
      }),
    );
  });

  it('merging spans is idempotent and keeps the covered characters', () => {
    fc.assert(
      fc.property(spanList, (spans) => {
        const merged = mergeSpans(spans);
        expect(mergeSpans(merged)).toEqual(merged);
        expect(coveredSet(merged)).toEqual(coveredSet(spans));
        merged.slice(1).forEach((s, i) => expect(s.start).toBeGreaterThan(merged[i].end));
      }),
    );
  });

  it('the 2×2 closed form of kappa equals the general one', () => {
    fc.assert(
      fc.property(fc.nat(40), fc.nat(40), fc.nat(40), fc.nat(40), (both, onlyA, onlyB, neither) => {
        const counts = { both, onlyA, onlyB, neither };
        const closed = binaryKappa(counts);
        const general = cohensKappa(binaryTable(counts));
        expect(closed.value === null).toBe(general.value === null);
        if (closed.value !== null) expect(closed.value).toBeCloseTo(general.value as number, 10);
      }),
    );
  });

  it('alpha from reliability data equals alpha from the two coders’ table', () => {
    const ratings = fc.array(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(ratings, (pairs) => {
        const a = pairs.map(([x]) => x);
        const b = pairs.map(([, y]) => y);
        const general = krippendorffAlpha([a, b]);
        const twoCoders = krippendorffAlphaTwoCoders(contingencyTable(a, b).table);
        expect(general.value === null).toBe(twoCoders.value === null);
        if (general.value !== null) expect(general.value).toBeCloseTo(twoCoders.value as number, 10);
      }),
    );
  });

  it('segment matching agrees with an all-pairs comparison', () => {
    fc.assert(
      fc.property(segmentList, segmentList, fc.double({ min: 0.05, max: 1, noNaN: true }), (a, b, threshold) => {
        const brute = (own: Span[], other: Span[]) =>
          own.filter((s) => other.some((o) => intersectionOverUnion(s, o) >= threshold)).length;
        const r = matchSegments(a, b, threshold);
        expect(r.matchedA).toBe(brute(a, b));
        expect(r.matchedB).toBe(brute(b, a));
      }),
    );
  });
});
