import { describe, expect, it } from 'vitest';
import { fleissKappaBinaryHistogram, fleissKappaIntervalBinaryHistogram } from '../../../shared/domain/agreement';
import { Prng } from '../../../shared/domain/prng';

// Fleiss' κ's interval from Gwet's linearised variance, checked against simulation: over many
// studies drawn from one population, the standard error should match κ's spread and the interval
// should hold the population's mean κ about 95% of the time.

/** Units hard (mostly marked) or easy (mostly not), every coder marking independently given the unit. */
function study(rng: Prng, units: number, raters: number, hard: number, easy: number, shareHard: number): number[] {
  const byPresent = new Array<number>(raters + 1).fill(0);
  for (let u = 0; u < units; u++) {
    const p = rng.chance(shareHard) ? hard : easy;
    let present = 0;
    for (let r = 0; r < raters; r++) if (rng.chance(p)) present += 1;
    byPresent[present] += 1;
  }
  return byPresent;
}

describe('Fleiss’ κ interval', () => {
  it('has a standard error that matches κ’s spread over simulated studies, and covers about 95%', () => {
    const rng = new Prng(8);
    for (const [units, raters, hard, easy, shareHard] of [
      [200, 3, 0.9, 0.05, 0.3],
      [300, 4, 0.8, 0.1, 0.2],
      [100, 5, 0.7, 0.2, 0.4],
      [300, 3, 0.97, 0.01, 0.1],
      [150, 2, 0.95, 0.02, 0.25],
    ] as const) {
      const kappas: number[] = [];
      const intervals = [];
      for (let s = 0; s < 3000; s++) {
        const byPresent = study(rng, units, raters, hard, easy, shareHard);
        kappas.push(fleissKappaBinaryHistogram(raters, byPresent).value!);
        intervals.push(fleissKappaIntervalBinaryHistogram(raters, byPresent)!);
      }
      const mean = kappas.reduce((a, b) => a + b, 0) / kappas.length;
      const spread = Math.sqrt(kappas.reduce((a, b) => a + (b - mean) ** 2, 0) / (kappas.length - 1));
      const se = intervals.reduce((a, i) => a + i.se, 0) / intervals.length;
      // 0.979–0.995 here; without the 2(1 − κ)(pe_i − pe) term 0.966–1.044, which fails.
      expect(se / spread).toBeGreaterThan(0.97);
      expect(se / spread).toBeLessThan(1.02);
      // The normal interval runs short where κ is high on few units (92.6% at 150 units, κ ≈ .9).
      const covered = intervals.filter((i) => i.low <= mean && mean <= i.high).length / intervals.length;
      expect(covered).toBeGreaterThan(0.92);
      expect(covered).toBeLessThan(0.97);
    }
  });

  it('is null where κ is undefined, and brackets κ otherwise', () => {
    expect(fleissKappaIntervalBinaryHistogram(3, [10, 0, 0, 0])).toBeNull();
    expect(fleissKappaIntervalBinaryHistogram(3, [0, 0, 0, 0])).toBeNull();
    const byPresent = [20, 3, 2, 9];
    const kappa = fleissKappaBinaryHistogram(3, byPresent).value!;
    const interval = fleissKappaIntervalBinaryHistogram(3, byPresent)!;
    expect(interval.low).toBeLessThan(kappa);
    expect(interval.high).toBeGreaterThan(kappa);
  });
});
