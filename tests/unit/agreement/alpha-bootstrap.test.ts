import { describe, expect, it } from 'vitest';
import {
  binaryAgreementFromCounts,
  binaryPairDistribution,
  binomialSampler,
  bootstrapAlpha,
  coincidenceMatrix,
  histogramPairDistribution,
  krippendorffAlpha,
  krippendorffAlphaBinaryHistogram,
  krippendorffAlphaInterval,
  type BinaryCounts,
  type BinaryHistogramCell,
  type ReliabilityData,
} from '../../../shared/domain/agreement';
import { Prng } from '../../../shared/domain/prng';

// The bootstrap of α (Hayes & Krippendorff 2007). Their published example is checked in
// alpha-bootstrap.conformance.test.ts; here a small data set of our own and simulations.

// Three coders, 12 units, values 1–4, two missing values and one unit rated once.
const OURS: ReliabilityData = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, 4, 3],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 4, 4, null],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, null, 4, 3],
];

/** A study of `units` units two coders judged with a true α: shares of (1,1), mixed, (0,0) pairs. */
function simulatedCounts(rng: Prng, units: number, prevalence: number, alpha: number): BinaryCounts {
  // Population α = 1 − P(disagree) / (2π(1 − π)).
  const disagree = (1 - alpha) * 2 * prevalence * (1 - prevalence);
  const both = prevalence - disagree / 2;
  const counts = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
  for (let u = 0; u < units; u++) {
    const r = rng.float();
    if (r < both) counts.both += 1;
    else if (r < both + disagree / 2) counts.onlyA += 1;
    else if (r < both + disagree) counts.onlyB += 1;
    else counts.neither += 1;
  }
  return counts;
}

describe('bootstrap interval of α', () => {
  it('counts the pairs of values as the macro does and brackets α', () => {
    // Nine units rated three times (3 pairs each), two rated twice (1 pair each), one rated once (none).
    expect(coincidenceMatrix(OURS).pairs).toBe(9 * 3 + 2 * 1);
    for (const metric of ['nominal', 'ordinal', 'interval'] as const) {
      const alpha = krippendorffAlpha(OURS, { metric }).value!;
      const ci = krippendorffAlphaInterval(OURS, { metric }, { seed: 7, key: metric })!;
      expect(ci.low).toBeLessThanOrEqual(alpha);
      expect(ci.high).toBeGreaterThanOrEqual(alpha);
      expect(ci.low).toBeLessThan(ci.high);
      expect(ci.below667).toBeLessThanOrEqual(ci.below800);
    }
  });

  it('reproduces with the same seed and key, and differs with another', () => {
    const a = krippendorffAlphaInterval(OURS, { metric: 'ordinal' }, { seed: 11, key: 'code-1' });
    expect(krippendorffAlphaInterval(OURS, { metric: 'ordinal' }, { seed: 11, key: 'code-1' })).toEqual(a);
    expect(krippendorffAlphaInterval(OURS, { metric: 'ordinal' }, { seed: 12, key: 'code-1' })).not.toEqual(a);
    expect(krippendorffAlphaInterval(OURS, { metric: 'ordinal' }, { seed: 11, key: 'code-2' })).not.toEqual(a);
  });

  it('has no interval where α is undefined', () => {
    expect(krippendorffAlphaInterval([[1, 1, 1], [1, 1, 1]], {}, { seed: 1, key: 'k' })).toBeNull();
    expect(bootstrapAlpha(binaryPairDistribution({ both: 0, onlyA: 0, onlyB: 0, neither: 9 }), { seed: 1, key: 'k' })).toBeNull();
  });

  it('the binary and many-coder forms equal the general one on the same data', () => {
    // Present/absent: the binomial shortcut and the pair-by-pair draws of a two-value nominal α share one distribution.
    const counts = { both: 14, onlyA: 5, onlyB: 3, neither: 38 };
    const ratings = (who: 'a' | 'b') => [
      ...Array<number>(counts.both).fill(1),
      ...Array<number>(counts.onlyA).fill(who === 'a' ? 1 : 0),
      ...Array<number>(counts.onlyB).fill(who === 'b' ? 1 : 0),
      ...Array<number>(counts.neither).fill(0),
    ];
    const general = coincidenceMatrix([ratings('a'), ratings('b')]);
    const d = binaryPairDistribution(counts);
    expect(d.pairs).toBe(general.pairs);
    expect(d.shares[1]).toBeCloseTo((2 * general.matrix[0][1]) / general.pairableValues, 12);
    const fromHistogram = histogramPairDistribution([
      { raters: 2, present: 2, units: counts.both },
      { raters: 2, present: 1, units: counts.onlyA + counts.onlyB },
      { raters: 2, present: 0, units: counts.neither },
    ]);
    expect(fromHistogram).toEqual(d);
    const viaBinary = bootstrapAlpha(d, { seed: 3, key: 'x' });
    expect(bootstrapAlpha(fromHistogram, { seed: 3, key: 'x' })).toEqual(viaBinary);
    expect(binaryAgreementFromCounts(counts, { bootstrap: { seed: 3, key: 'x' } }).alphaInterval).toEqual(viaBinary);
    expect(krippendorffAlphaBinaryHistogram([{ raters: 2, present: 1, units: 8 }, { raters: 2, present: 2, units: 14 }, { raters: 2, present: 0, units: 38 }]).value).toBeCloseTo(
      binaryAgreementFromCounts(counts).alpha.value!,
      12,
    );
  });

  it('draws binomial counts with the right distribution', () => {
    const rng = new Prng(99);
    for (const [n, p] of [
      [10, 0.3],
      [50_000, 0.004],
      [2_000, 0.5],
    ] as const) {
      const draw = binomialSampler(n, p, rng);
      const k = Array.from({ length: 40_000 }, draw);
      const mean = k.reduce((s, x) => s + x, 0) / k.length;
      const variance = k.reduce((s, x) => s + (x - mean) ** 2, 0) / (k.length - 1);
      expect(Math.abs(mean - n * p)).toBeLessThan(4 * Math.sqrt((n * p * (1 - p)) / k.length));
      expect(variance / (n * p * (1 - p))).toBeGreaterThan(0.96);
      expect(variance / (n * p * (1 - p))).toBeLessThan(1.04);
      if (n === 10) {
        // Each of 0..10 as often as its probability says (within 5 standard errors).
        let pmf = (1 - p) ** n;
        for (let x = 0; x <= n; x++) {
          const seen = k.filter((v) => v === x).length / k.length;
          expect(Math.abs(seen - pmf)).toBeLessThanOrEqual(5 * Math.sqrt((pmf * (1 - pmf)) / k.length) + 1e-9);
          pmf *= ((n - x) / (x + 1)) * (p / (1 - p));
        }
      }
    }
  });

  it('covers the true α of simulated studies about 95% of the time', () => {
    const rng = new Prng(2024);
    const studies = 600;
    for (const [units, prevalence, alpha] of [
      [300, 0.3, 0.7],
      [1000, 0.1, 0.8],
      [200, 0.5, 0.6],
    ] as const) {
      let covered = 0;
      let under = 0;
      for (let s = 0; s < studies; s++) {
        const counts = simulatedCounts(rng, units, prevalence, alpha);
        const ci = binaryAgreementFromCounts(counts, { bootstrap: { seed: s, key: 'sim' } }).alphaInterval!;
        if (ci.low <= alpha && alpha <= ci.high) covered += 1;
        if (alpha < ci.low) under += 1;
      }
      // 94–96% here; drawing as many pairs as values (twice too many) gives about 83%.
      expect(covered / studies).toBeGreaterThan(0.92);
      expect(covered / studies).toBeLessThan(0.975);
      // Misses on both sides, not all on one.
      expect(under).toBeGreaterThan(studies * 0.005);
      expect(studies - covered - under).toBeGreaterThan(studies * 0.005);
    }
  });

  it('with three or four coders covers the true α less often than 95%, as the method’s critics say', () => {
    // Units are hard (mostly marked) or easy (mostly not); each coder marks independently given the
    // unit, some units miss one coder. Population α = 1 − E[2p(1 − p)] / (2p̄(1 − p̄)). The
    // bootstrap draws a unit's pairs as if independent, which they are not: 81–87% here.
    const rng = new Prng(5);
    const studies = 400;
    for (const [units, raters, hard, easy, shareHard] of [
      [200, 3, 0.9, 0.05, 0.3],
      [300, 4, 0.8, 0.1, 0.2],
    ] as const) {
      const mean = shareHard * hard + (1 - shareHard) * easy;
      const alpha = 1 - (shareHard * 2 * hard * (1 - hard) + (1 - shareHard) * 2 * easy * (1 - easy)) / (2 * mean * (1 - mean));
      let covered = 0;
      for (let s = 0; s < studies; s++) {
        const cells = new Map<string, { raters: number; present: number; units: number }>();
        for (let u = 0; u < units; u++) {
          const p = rng.chance(shareHard) ? hard : easy;
          const m = rng.chance(0.2) ? raters - 1 : raters;
          let present = 0;
          for (let r = 0; r < m; r++) if (rng.chance(p)) present += 1;
          const cell = cells.get(`${m}|${present}`) ?? { raters: m, present, units: 0 };
          cell.units += 1;
          cells.set(`${m}|${present}`, cell);
        }
        const list: BinaryHistogramCell[] = [...cells.values()];
        const ci = bootstrapAlpha(histogramPairDistribution(list), { seed: s, key: 'many' })!;
        if (ci.low <= alpha && alpha <= ci.high) covered += 1;
      }
      expect(covered / studies).toBeGreaterThan(0.75);
      expect(covered / studies).toBeLessThan(0.92);
    }
  });
});
