import { describe, expect, it } from 'vitest';
import { UNITIZING_MIN_SECTIONS, unitizingAlpha, unitizingIntervals, type UnitizedSpan, type UnitizingSection } from '../../../shared/domain/agreement';
import { Prng } from '../../../shared/domain/prng';

// uα's intervals resample whole documents. No published interval of uα could be found to compare
// with, so they are checked against a simulation: documents drawn from one population of coders,
// the population's uα from a very large study, and the share of small studies whose interval
// holds it.

/** One document: a few true passages; each of two coders finds most of them, with ragged edges, sometimes another code, sometimes a passage of their own. */
function document(rng: Prng, length = 200): UnitizingSection {
  const truth: UnitizedSpan[] = [];
  let at = rng.between(0, 20);
  while (at < length - 40) {
    const l = rng.between(10, 30);
    truth.push({ category: rng.chance(0.6) ? 'a' : 'b', start: at, end: at + l });
    at += l + rng.between(10, 40);
  }
  const coder = (): UnitizedSpan[] => {
    const out: UnitizedSpan[] = [];
    for (const t of truth) {
      if (!rng.chance(0.85)) continue;
      const start = Math.max(0, t.start + rng.between(-4, 4));
      const end = Math.min(length, Math.max(start + 1, t.end + rng.between(-4, 4)));
      out.push({ category: rng.chance(0.1) ? (t.category === 'a' ? 'b' : 'a') : t.category, start, end });
    }
    if (rng.chance(0.3)) {
      const start = rng.between(0, length - 10);
      if (out.every((u) => u.end <= start || u.start >= start + 8)) out.push({ category: 'a', start, end: start + 8 });
    }
    return out;
  };
  return { length, coders: [coder(), coder()] };
}

function endToEnd(sections: readonly UnitizingSection[]) {
  let offset = 0;
  const coders: UnitizedSpan[][] = [[], []];
  for (const s of sections) {
    s.coders.forEach((spans, i) => coders[i].push(...spans.map((u) => ({ ...u, start: u.start + offset, end: u.end + offset }))));
    offset += s.length;
  }
  return unitizingAlpha({ length: offset, coders });
}

describe('uα intervals (documents resampled)', () => {
  it('reproduce with their seed and key, and differ with another key', () => {
    const rng = new Prng(1);
    const docs = Array.from({ length: 12 }, () => document(rng));
    const a = unitizingIntervals(docs, { seed: 2007, key: 'unitizing', draws: 300 });
    expect(unitizingIntervals(docs, { seed: 2007, key: 'unitizing', draws: 300 })).toEqual(a);
    expect(unitizingIntervals(docs, { seed: 2007, key: 'other', draws: 300 }).alpha).not.toEqual(a.alpha);
    const value = endToEnd(docs);
    for (const [interval, stat] of [
      [a.alpha, value.alpha],
      [a.binary, value.binary],
      [a.coding, value.coding],
    ] as const) {
      expect(interval!.low).toBeLessThan(stat.value!);
      expect(interval!.high).toBeGreaterThan(stat.value!);
    }
    expect([...a.categories.keys()].sort()).toEqual(['a', 'b']);
  });

  it('has none with fewer than 10 documents, and none where the value itself is undefined', () => {
    const rng = new Prng(2);
    const nine = unitizingIntervals(Array.from({ length: UNITIZING_MIN_SECTIONS - 1 }, () => document(rng)), { seed: 1, key: 'k', draws: 50 });
    expect([nine.alpha, nine.binary, nine.coding]).toEqual([null, null, null]);
    expect(UNITIZING_MIN_SECTIONS).toBe(10);
    const nobody: UnitizingSection = { length: 10, coders: [[], []] };
    const blank = unitizingIntervals(Array.from({ length: 12 }, () => nobody), { seed: 1, key: 'k', draws: 50 });
    expect([blank.alpha, blank.binary, blank.coding]).toEqual([null, null, null]);
  });

  it('is a point at 1, with q = 0, where the coders agree everywhere', () => {
    const docs = Array.from({ length: 10 }, (_, i): UnitizingSection => {
      const spans = [{ category: 'a', start: 3, end: 9 + i }];
      return { length: 30, coders: [spans, spans] };
    });
    const r = unitizingIntervals(docs, { seed: 3, key: 'k', draws: 100 });
    expect(r.alpha).toEqual({ low: 1, high: 1, below667: 0, below800: 0 });
    expect(r.binary).toEqual({ low: 1, high: 1, below667: 0, below800: 0 });
  });

  it('holds the population’s uα, |uα and cuα in about 95 % of simulated studies of 20 documents', { timeout: 60_000 }, () => {
    const rng = new Prng(20261207);
    const population = endToEnd(Array.from({ length: 4000 }, () => document(rng, 120)));
    const truth = [population.alpha.value!, population.binary.value!, population.coding.value!];
    const studies = 80;
    const covered = [0, 0, 0];
    for (let s = 0; s < studies; s++) {
      const docs = Array.from({ length: 20 }, () => document(rng, 120));
      const r = unitizingIntervals(docs, { seed: s, key: 'sim', draws: 150 });
      [r.alpha, r.binary, r.coding].forEach((i, k) => {
        if (i && i.low <= truth[k] && truth[k] <= i.high) covered[k] += 1;
      });
    }
    for (const c of covered) {
      expect(c / studies).toBeGreaterThan(0.85);
      expect(c / studies).toBeLessThanOrEqual(1);
    }
  });
});
