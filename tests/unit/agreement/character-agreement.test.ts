import { describe, it, expect } from 'vitest';
import {
  aggregateKappa,
  characterAgreement,
  characterCounts,
  meanKappa,
  mergeSpans,
  pooledKappa,
  weightedMeanKappa,
  type Span,
} from '../../../shared/domain/agreement';

const spans = (...pairs: [number, number][]): Span[] => pairs.map(([start, end]) => ({ start, end }));

describe('character-level agreement for one code in one document', () => {
  it('reproduces Krippendorff 1995: L = 24, agreement 16/24, kappa 0.384615', () => {
    const r = characterAgreement(24, spans([2, 10], [14, 20]), spans([4, 8], [15, 17]));
    expect([r.both, r.onlyA, r.onlyB, r.neither]).toEqual([6, 8, 0, 10]);
    expect(r.percentAgreement.value).toBeCloseTo(16 / 24, 4);
    expect(r.kappa.value).toBeCloseTo(0.384615, 4);
  });

  it('L = 1000, A = [100,300), B = [150,350): agreement 0.90, kappa 0.6875', () => {
    const r = characterAgreement(1000, spans([100, 300]), spans([150, 350]));
    expect(r.percentAgreement.value).toBeCloseTo(0.9, 4);
    expect(r.kappa.value).toBeCloseTo(0.6875, 4);
  });

  it('L = 200, A = [0,50), B = [25,100): agreement 0.625, kappa 0.142857', () => {
    const r = characterAgreement(200, spans([0, 50]), spans([25, 100]));
    expect(r.percentAgreement.value).toBeCloseTo(0.625, 4);
    expect(r.kappa.value).toBeCloseTo(0.142857, 4);
  });

  it('L = 1000, A = [0,100), B = [50,200): agreement 0.85', () => {
    expect(characterAgreement(1000, spans([0, 100]), spans([50, 200])).percentAgreement.value).toBeCloseTo(0.85, 4);
  });

  it('gives kappa exactly 0 when one coder coded nothing and the other something', () => {
    expect(characterAgreement(500, [], spans([10, 40])).kappa.value).toBe(0);
    expect(characterAgreement(500, spans([0, 499]), []).kappa.value).toBe(0);
  });

  it('reports agreement 1 and an undefined kappa with a reason when neither coded anything', () => {
    const r = characterAgreement(300, [], []);
    expect(r.percentAgreement.value).toBe(1);
    expect(r.kappa.value).toBeNull();
    expect('reason' in r.kappa && r.kappa.reason).toMatch(/neither coder applied the code/);
  });

  it('explains an undefined kappa when both coded everything or the document is empty', () => {
    const all = characterAgreement(10, spans([0, 10]), spans([0, 4], [4, 10]));
    expect(all.percentAgreement.value).toBe(1);
    expect('reason' in all.kappa && all.kappa.reason).toMatch(/whole document/);
    const empty = characterAgreement(0, [], []);
    expect(empty.percentAgreement.value).toBeNull();
    expect(empty.kappa.value).toBeNull();
  });

  it("merges a coder's own overlapping spans first", () => {
    const b = spans([3, 12], [18, 25]);
    expect(characterCounts(30, spans([0, 10], [5, 20]), b)).toEqual(characterCounts(30, spans([0, 20]), b));
    expect(mergeSpans(spans([5, 20], [0, 10], [20, 22], [30, 30]))).toEqual(spans([0, 22]));
  });

  it('handles a 1 MB document with thousands of spans without looping over characters', () => {
    const length = 1_000_000;
    const a = Array.from({ length: 5000 }, (_, i) => ({ start: i * 200, end: i * 200 + 100 }));
    const b = Array.from({ length: 5000 }, (_, i) => ({ start: i * 200 + 50, end: i * 200 + 150 }));
    const r = characterAgreement(length, a, b);
    expect(r.both).toBe(250_000);
    expect(r.both + r.onlyA + r.onlyB + r.neither).toBe(length);
  });

  it('rejects spans outside the document or inverted', () => {
    expect(() => characterCounts(10, spans([5, 11]), [])).toThrow(RangeError);
    expect(() => characterCounts(10, spans([5, 4]), [])).toThrow(RangeError);
  });
});

describe('kappa over several (code, document) tables', () => {
  const tables = [
    characterCounts(1000, spans([100, 300]), spans([150, 350])),
    characterCounts(200, spans([0, 50]), spans([25, 100])),
  ];

  it('gives three different, labelled answers', () => {
    const mean = meanKappa(tables);
    const weighted = weightedMeanKappa(tables);
    const pooled = pooledKappa(tables);
    expect(mean.method).toBe('mean');
    expect(mean.kappa.value).toBeCloseTo(0.415179, 4);
    expect(weighted.method).toBe('weighted-mean');
    expect(weighted.kappa.value).toBeCloseTo(0.596726, 4);
    expect(pooled.method).toBe('pooled');
    expect(pooled.kappa.value).toBeCloseTo(0.573604, 4);
    expect(aggregateKappa(tables, 'pooled')).toEqual(pooled);
  });

  it('leaves tables with an undefined kappa out of the means and says how many', () => {
    const withEmpty = [...tables, characterCounts(400, [], [])];
    const mean = meanKappa(withEmpty);
    expect(mean.kappa.value).toBeCloseTo(0.415179, 4);
    expect(mean.excludedTables).toBe(1);
    expect(mean.tables).toBe(3);
    expect(pooledKappa(withEmpty).excludedTables).toBe(0);
  });

  it('is undefined with a reason when there is nothing to average', () => {
    expect(meanKappa([]).kappa.value).toBeNull();
    const none = weightedMeanKappa([characterCounts(10, [], [])]);
    expect('reason' in none.kappa && none.kappa.reason).toMatch(/no table has a defined kappa \(1 of 1 undefined\)/);
    expect(pooledKappa([]).kappa.value).toBeNull();
  });
});
