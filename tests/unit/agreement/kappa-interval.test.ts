import { describe, expect, it } from 'vitest';
import { binaryAgreementFromCounts, binaryKappa, kappaInterval, type BinaryCounts } from '../../../shared/domain/agreement';

// The large-sample standard error of κ (Fleiss, Cohen & Everitt 1969) checked against a simulation:
// draw many studies of n units from a known 2×2 distribution and measure how far κ spreads.

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function draw(p: readonly number[], n: number, next: () => number): BinaryCounts {
  const cells = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    const u = next();
    const k = u < p[0] ? 0 : u < p[0] + p[1] ? 1 : u < p[0] + p[1] + p[2] ? 2 : 3;
    cells[k] += 1;
  }
  return { both: cells[0], onlyA: cells[1], onlyB: cells[2], neither: cells[3] };
}

describe('κ interval (Fleiss, Cohen & Everitt 1969)', () => {
  it.each([
    [[0.3, 0.08, 0.05, 0.57], 200],
    [[0.06, 0.03, 0.02, 0.89], 500],
    [[0.45, 0.1, 0.1, 0.35], 120],
  ])('matches the spread of κ over simulated studies (%j, n=%i)', (p, n) => {
    const next = rng(20261207);
    const kappas: number[] = [];
    for (let r = 0; r < 4000; r++) {
      const k = binaryKappa(draw(p, n, next)).value;
      if (k !== null) kappas.push(k);
    }
    const mean = kappas.reduce((s, k) => s + k, 0) / kappas.length;
    const sd = Math.sqrt(kappas.reduce((s, k) => s + (k - mean) ** 2, 0) / (kappas.length - 1));
    const expected = { both: p[0] * n, onlyA: p[1] * n, onlyB: p[2] * n, neither: p[3] * n };
    const se = kappaInterval(expected)!.se;
    expect(Math.abs(se - sd) / sd).toBeLessThan(0.06);
    // About 95 % of the simulated studies' own intervals cover the true κ.
    const truth = binaryKappa(expected).value!;
    const next2 = rng(7);
    let covered = 0;
    for (let r = 0; r < 2000; r++) {
      const i = kappaInterval(draw(p, n, next2));
      if (i && i.low <= truth && truth <= i.high) covered += 1;
    }
    expect(covered / 2000).toBeGreaterThan(0.92);
    expect(covered / 2000).toBeLessThan(0.975);
  });

  it('is withheld with κ, and absent where κ is undefined', () => {
    expect(binaryAgreementFromCounts({ both: 1, onlyA: 1, onlyB: 1, neither: 97 }).kappaInterval).toBeNull();
    expect(kappaInterval({ both: 0, onlyA: 0, onlyB: 0, neither: 10 })).toBeNull();
    const i = binaryAgreementFromCounts({ both: 20, onlyA: 5, onlyB: 10, neither: 15 }).kappaInterval!;
    expect(i.low).toBeLessThan(0.4);
    expect(i.high).toBeGreaterThan(0.4);
    expect((i.low + i.high) / 2).toBeCloseTo(0.4, 10);
  });
});
