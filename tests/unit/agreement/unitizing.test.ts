import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { categoryUnitizing, krippendorffAlpha, unitizingAlpha, UNITIZING_REASONS, type UnitizedSpan, type UnitizingData } from '../../../shared/domain/agreement';

const unit = (category: string, start: number, length: number): UnitizedSpan => ({ category, start, end: start + length });

/**
 * Krippendorff (2004), Content Analysis, 2nd ed., p. 254: two observers on the continuum 150–450
 * (length 300), categories c and k, given as (begin, length), shifted here to start at 0. Data and
 * published figures as DKPro Agreement's Krippendorff2004Test transcribes them from the book; the
 * same year's Quality & Quantity 38 paper presents this measure, but its pages were not at hand to
 * check whether it prints the same example.
 */
const KRIPPENDORFF_2004: UnitizingData = {
  length: 300,
  coders: [
    [unit('c', 225 - 150, 70), unit('c', 370 - 150, 30), unit('k', 180 - 150, 60), unit('k', 300 - 150, 50)],
    [unit('c', 220 - 150, 80), unit('c', 355 - 150, 20), unit('c', 400 - 150, 20), unit('k', 180 - 150, 60), unit('k', 300 - 150, 50)],
  ],
};

/**
 * Krippendorff (1995), "On the reliability of unitizing contiguous data", Sociological Methodology 25,
 * p. 57: four pairs of observers on a continuum of 24, one category each (A: Bertha/Bill, B: John/Jill,
 * C: Gerret/Gill, D: Heather/Hill), as DKPro Agreement's Krippendorff1995Test transcribes them.
 * Touching units stay separate units.
 */
const KRIPPENDORFF_1995: UnitizingData = {
  length: 24,
  coders: [
    [
      ...[[2, 8], [14, 6]].map(([b, l]) => unit('A', b, l)),
      unit('B', 0, 18),
      ...[[2, 6], [10, 2], [14, 4], [20, 2]].map(([b, l]) => unit('C', b, l)),
      ...[[0, 2], [2, 8], [10, 4], [14, 6], [20, 4]].map(([b, l]) => unit('D', b, l)),
    ],
    [
      ...[[4, 4], [15, 2]].map(([b, l]) => unit('A', b, l)),
      ...[[0, 2], [2, 1], [3, 1], [4, 1], [5, 1], [6, 3], [9, 1]].map(([b, l]) => unit('B', b, l)),
      ...[[0, 2], [4, 4], [10, 4], [16, 2], [20, 2]].map(([b, l]) => unit('C', b, l)),
      ...[[0, 4], [4, 4], [8, 7], [15, 2], [17, 7]].map(([b, l]) => unit('D', b, l)),
    ],
  ],
};

describe('uα per category and over categories (Krippendorff 1995, 2004)', () => {
  it('reproduces Krippendorff (2004, p. 254): c observed .0144, expected .0532, cuα .7286; k expected .0490, kuα 1', () => {
    const r = unitizingAlpha(KRIPPENDORFF_2004);
    const [c, k] = r.categories;
    expect(c.category).toBe('c');
    expect(c.observed).toBeCloseTo(0.0144, 4);
    expect(c.expected).toBeCloseTo(0.0532, 4);
    expect(c.alpha.value).toBeCloseTo(0.7286, 4);
    expect(k.observed).toBe(0);
    expect(k.expected).toBeCloseTo(0.049, 4);
    expect(k.alpha.value).toBe(1);
    // The published uα, .8591, is 1 − .0144 / (.0532 + .0490) from the rounded components; unrounded
    // components give .8587. Both round to .859.
    expect(1 - 0.0144 / (0.0532 + 0.049)).toBeCloseTo(0.8591, 4);
    expect(r.alpha.value).toBeCloseTo(1 - c.observed / (c.expected + k.expected), 12);
    expect(r.alpha.value).toBeCloseTo(0.859, 3);
  });

  it('reproduces the observed disagreements of Krippendorff (1995, p. 57): A .03125, B 2.26736, C .02777, D .38715', () => {
    // The 1995 expected disagreements used a formula Krippendorff corrected in 2004 (DKPro's test notes
    // the same), so only the observed ones are compared.
    const observed = ['A', 'B', 'C', 'D'].map((c) => categoryUnitizing(KRIPPENDORFF_1995, c).observed);
    expect(observed[0]).toBeCloseTo(0.03125, 5);
    expect(observed[1]).toBeCloseTo(2.26736, 5);
    expect(observed[2]).toBeCloseTo(0.02777, 4);
    expect(observed[3]).toBeCloseTo(0.38715, 5);
  });

  it('is undefined, with the reason, where no coder marked a unit of the category or every coder marked everything', () => {
    const none = categoryUnitizing({ length: 10, coders: [[unit('a', 0, 2)], []] }, 'b');
    expect(none.alpha).toEqual({ value: null, reason: UNITIZING_REASONS.noUnits });
    const nothing = unitizingAlpha({ length: 10, coders: [[], [], []] });
    expect(nothing.alpha.value).toBeNull();
    expect(nothing.binary).toEqual({ value: null, reason: UNITIZING_REASONS.noUnits });
    expect(nothing.coding).toEqual({ value: null, reason: UNITIZING_REASONS.noCoincidence });
    const whole = unitizingAlpha({ length: 5, coders: [[unit('a', 0, 5)], [unit('a', 0, 5)]] });
    expect(whole.binary).toEqual({ value: null, reason: UNITIZING_REASONS.noGap });
    expect(whole.coding).toEqual({ value: null, reason: UNITIZING_REASONS.oneCategory });
  });

  it('refuses spans outside the continuum and fewer than two coders', () => {
    expect(() => unitizingAlpha({ length: 5, coders: [[unit('a', 3, 4)], []] })).toThrow(RangeError);
    expect(() => unitizingAlpha({ length: 5, coders: [[unit('a', 1, 2)]] })).toThrow(RangeError);
    expect(() => unitizingAlpha({ length: 5, coders: [[{ category: 'a', start: 2, end: 2 }], []] })).toThrow(RangeError);
  });
});

describe('|uα and cuα (Krippendorff, Mathet, Bouvry & Widlöcher 2016)', () => {
  it('|uα of two overlapping units, computed by hand from the coincidences of coded and uncoded lengths', () => {
    // A codes [2,6), B codes [3,7) of 10: coded 8 of 20 pairable characters, uncoded 12; they differ on
    // [2,3) and [6,7), each counted from both sides. Self-pairings: units 4² + 4², gaps 2 + 4 + 3 + 3.
    const r = unitizingAlpha({ length: 10, coders: [[unit('x', 2, 4)], [unit('y', 3, 4)]] });
    expect(r.binary.value).toBeCloseTo(1 - (4 * (20 - 44 / 20)) / (2 * 8 * 12), 12);
    // Ten more uncoded characters at the end: 40 pairable characters, gaps 2 + 14 + 3 + 13.
    const padded = unitizingAlpha({ length: 20, coders: [[unit('x', 2, 4)], [unit('y', 3, 4)]] });
    expect(padded.binary.value).toBeCloseTo(1 - (4 * (40 - 64 / 40)) / (2 * 8 * 32), 12);
    expect(padded.coding.value).toBe(r.coding.value);
  });

  it('equals Krippendorff’s α (nominal) where all coders cut the text into the same cells of one length', () => {
    const cells = fc.record({
      width: fc.integer({ min: 1, max: 4 }),
      values: fc.array(fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 2, maxLength: 2 }), { minLength: 2, maxLength: 12 }),
      gaps: fc.array(fc.nat({ max: 3 }), { maxLength: 12 }),
    });
    fc.assert(
      fc.property(cells, ({ width, values, gaps }) => {
        // Two coders; a cell a coder left uncoded (gaps) is a missing value, so the cell is not pairable.
        const rows = [0, 1].map((coder) => values.map((v, cell) => (gaps[cell] === coder + 1 ? null : v[coder])));
        const coders = rows.map((row) => row.flatMap((v, cell) => (v === null ? [] : [unit(v, cell * width, width)])));
        const expected = krippendorffAlpha(rows);
        const got = unitizingAlpha({ length: values.length * width, coders }).coding;
        if (expected.value === null) expect(got.value).toBeNull();
        else expect(got.value).toBeCloseTo(expected.value, 10);
      }),
    );
  });

  it('equals Krippendorff’s α with three or more coders who all code every cell', () => {
    const data = fc.integer({ min: 3, max: 5 }).chain((m) => fc.array(fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: m, maxLength: m }), { minLength: 2, maxLength: 10 }));
    fc.assert(
      fc.property(data, fc.integer({ min: 1, max: 3 }), (cells, width) => {
        const m = cells[0].length;
        const rows = Array.from({ length: m }, (_, coder) => cells.map((v) => v[coder]));
        const coders = rows.map((row) => row.map((v, cell) => unit(v, cell * width, width)));
        const expected = krippendorffAlpha(rows);
        const got = unitizingAlpha({ length: cells.length * width, coders }).coding;
        if (expected.value === null) expect(got.value).toBeNull();
        else expect(got.value).toBeCloseTo(expected.value, 10);
      }),
    );
  });
});

/** A unitizing as the literature draws it: the continuum cut at random points, each piece a unit of a category or a gap. */
const unitizing = (length: number) =>
  fc.array(fc.tuple(fc.integer({ min: 1, max: length - 1 }), fc.constantFrom(null, 'a', 'b', 'c')), { maxLength: 8 }).map((cuts) => {
    const points = [...new Set([0, ...cuts.map(([p]) => p), length])].sort((x, y) => x - y);
    return points.slice(0, -1).flatMap((start, i) => {
      const category = cuts[i % Math.max(1, cuts.length)]?.[1] ?? null;
      return category === null ? [] : [{ category, start, end: points[i + 1] }];
    });
  });

const study = fc
  .record({ length: fc.integer({ min: 2, max: 60 }), m: fc.integer({ min: 2, max: 4 }) })
  .chain(({ length, m }) => fc.record({ length: fc.constant(length), coders: fc.array(unitizing(length), { minLength: m, maxLength: m }) }));

function values(r: ReturnType<typeof unitizingAlpha>): (number | null)[] {
  return [r.alpha.value, r.binary.value, r.coding.value, ...r.categories.map((c) => c.alpha.value)];
}

describe('unitizing properties', () => {
  it('is 1 for identical unitizing wherever it is defined, and says why where it is not', () => {
    fc.assert(
      fc.property(study, ({ length, coders }) => {
        const same = unitizingAlpha({ length, coders: coders.map(() => coders[0]) });
        for (const stat of [same.alpha, same.binary, same.coding, ...same.categories.map((c) => c.alpha)]) {
          if (stat.value === null) expect(stat.reason.length).toBeGreaterThan(0);
          else expect(stat.value).toBeCloseTo(1, 12);
        }
      }),
    );
  });

  it('never exceeds 1, for any number of coders and codes that overlap one another', () => {
    const overlapping = fc
      .record({ length: fc.integer({ min: 2, max: 60 }), m: fc.integer({ min: 2, max: 4 }) })
      .chain(({ length, m }) =>
        fc.record({
          length: fc.constant(length),
          coders: fc.array(
            fc.array(
              fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.nat({ max: length - 1 }), fc.integer({ min: 1, max: length })).map(([category, start, l]) => ({ category, start, end: Math.min(length, start + l) })),
              { maxLength: 6 },
            ),
            { minLength: m, maxLength: m },
          ),
        }),
      );
    fc.assert(
      fc.property(overlapping, (data) => {
        for (const v of values(unitizingAlpha(data))) if (v !== null) expect(v).toBeLessThanOrEqual(1 + 1e-12);
      }),
    );
  });

  it('does not depend on the order of the coders', () => {
    fc.assert(
      fc.property(study, ({ length, coders }) => {
        const forward = values(unitizingAlpha({ length, coders }));
        const reversed = values(unitizingAlpha({ length, coders: [...coders].reverse() }));
        forward.forEach((v, i) => (v === null ? expect(reversed[i]).toBeNull() : expect(reversed[i]).toBeCloseTo(v, 10)));
      }),
    );
  });

  it('uncoded text outside every unit leaves cuα and the distances alone, and counts as agreement in uα and |uα', () => {
    fc.assert(
      fc.property(study, fc.integer({ min: 1, max: 40 }), ({ length, coders }, blank) => {
        const before = unitizingAlpha({ length, coders });
        const padded = unitizingAlpha({ length: length + blank, coders: coders.map((spans) => spans.map((s) => ({ ...s, start: s.start + blank, end: s.end + blank }))) });
        // cuα compares codes where coded text coincides: text nobody coded is not part of it.
        if (before.coding.value === null) expect(padded.coding.value).toBeNull();
        else expect(padded.coding.value).toBeCloseTo(before.coding.value, 10);
        before.categories.forEach((c, i) => {
          const p = padded.categories[i];
          // The distances between units and gaps are the same; spread over a longer continuum.
          expect(p.observed * (length + blank) ** 2).toBeCloseTo(c.observed * length ** 2, 6);
          if (c.observed > 0) expect(p.observed).toBeLessThan(c.observed);
        });
        // |uα counts agreeing uncoded text: more of it never lowers the value.
        if (before.binary.value !== null) expect(padded.binary.value!).toBeGreaterThanOrEqual(before.binary.value - 1e-12);
      }),
    );
  });
});

/**
 * The 2016 coefficients read straight off their definitions (Krippendorff, Mathet, Bouvry &
 * Widlöcher 2016, Quality & Quantity 50, as two independent implementations transcribe them:
 * quallmer's reliability_alpha_u after Krippendorff 2019 §12.6, eqs. 32–37, and a Python uα module
 * after the paper's eqs. 1, 4, 6, 10, 11): every coder's continuum a partition into valued units and
 * gaps (φ); observed coincidences l_ck = Σ_{i≠j} |g ∩ h| / (m − 1); expected e_ck =
 * l..(l_c l_k − [c = k] Σ_c l²) / (l..² − Σ l²), where a gap counts l instead of l². |uα collapses
 * both matrices to φ against the rest; cuα keeps the valued rows and columns only, a unit's
 * self-pairing being the square of its overlap with the other coders (two coders here: the
 * readings differ for more). The paper's own worked figures were not found in any source we
 * could reach, so these check the definitions, not the printed numbers.
 */
function definition2016(length: number, coders: readonly (readonly UnitizedSpan[])[]): { binary: number | null; coding: number | null } {
  const m = coders.length;
  const gap = '\u03c6';
  const partitions = coders.map((units) => {
    const sorted = [...units].sort((x, y) => x.start - y.start);
    const out: { value: string; start: number; end: number }[] = [];
    let at = 0;
    for (const u of sorted) {
      if (u.start > at) out.push({ value: gap, start: at, end: u.start });
      out.push({ value: u.category, start: u.start, end: u.end });
      at = u.end;
    }
    if (at < length) out.push({ value: gap, start: at, end: length });
    return out;
  });
  const values = [...new Set(partitions.flat().map((s) => s.value))];
  const cell = () => new Map(values.map((v) => [v, new Map(values.map((k) => [k, 0]))]));
  const observed = cell();
  for (let i = 0; i < m; i++)
    for (let j = 0; j < m; j++) {
      if (i === j) continue;
      for (const g of partitions[i])
        for (const h of partitions[j]) {
          const l = Math.max(0, Math.min(g.end, h.end) - Math.max(g.start, h.start));
          observed.get(g.value)!.set(h.value, observed.get(g.value)!.get(h.value)! + l / (m - 1));
        }
    }
  const margin = (matrix: Map<string, Map<string, number>>, v: string) => [...matrix.get(v)!.values()].reduce((s, x) => s + x, 0);
  const total = values.reduce((s, v) => s + margin(observed, v), 0);
  const own = new Map(values.map((v) => [v, 0]));
  for (const p of partitions) for (const s of p) own.set(s.value, own.get(s.value)! + (s.value === gap ? s.end - s.start : (s.end - s.start) ** 2));
  const ownTotal = [...own.values()].reduce((s, x) => s + x, 0);
  const expected = (c: string, k: string) => (total * (margin(observed, c) * margin(observed, k) - (c === k ? own.get(c)! : 0))) / (total ** 2 - ownTotal);
  const valued = values.filter((v) => v !== gap);
  let binary: number | null = null;
  if (values.includes(gap) && valued.length > 0) {
    const doBinary = valued.reduce((s, v) => s + observed.get(gap)!.get(v)! + observed.get(v)!.get(gap)!, 0);
    const deBinary = valued.reduce((s, v) => s + expected(gap, v) + expected(v, gap), 0);
    binary = deBinary === 0 ? null : 1 - doBinary / deBinary;
  }
  let coding: number | null = null;
  if (m === 2 && valued.length > 0) {
    const star = (c: string, k: string) => observed.get(c)!.get(k)!;
    const rowStar = (c: string) => valued.reduce((s, k) => s + star(c, k), 0);
    const totalStar = valued.reduce((s, c) => s + rowStar(c), 0);
    const ownStar = new Map(valued.map((v) => [v, 0]));
    partitions.forEach((p, i) => {
      for (const g of p) {
        if (g.value === gap) continue;
        const overlap = partitions[1 - i].filter((h) => h.value !== gap).reduce((s, h) => s + Math.max(0, Math.min(g.end, h.end) - Math.max(g.start, h.start)), 0);
        ownStar.set(g.value, ownStar.get(g.value)! + overlap ** 2);
      }
    });
    const ownStarTotal = [...ownStar.values()].reduce((s, x) => s + x, 0);
    if (totalStar > 0) {
      const scale = totalStar - ownStarTotal / totalStar;
      const expectedDiagonal = valued.reduce((s, c) => s + (rowStar(c) ** 2 - ownStar.get(c)!) / scale, 0);
      const observedDiagonal = valued.reduce((s, c) => s + star(c, c), 0);
      const de = totalStar - expectedDiagonal;
      coding = Math.abs(de) < 1e-9 ? null : 1 - (totalStar - observedDiagonal) / de;
    }
  }
  return { binary, coding };
}

describe('|uα and cuα follow the 2016 definitions', () => {
  it('|uα, for two to four coders who each cut the text into units and gaps, touching units of different codes included', () => {
    fc.assert(
      fc.property(study, ({ length, coders }) => {
        const want = definition2016(length, coders).binary;
        const got = unitizingAlpha({ length, coders }).binary.value;
        if (want === null) expect(got).toBeNull();
        else expect(got).toBeCloseTo(want, 10);
      }),
    );
  });

  it('|uα of two coders where one codes two touching passages with different codes: each is a unit of its own', () => {
    // A codes [0,4) x and [4,8) y; B codes [2,8) x, of 12. Units 4² + 4² and 6², gaps 4 and 2 + 4.
    const data = { length: 12, coders: [[unit('x', 0, 4), unit('y', 4, 4)], [unit('x', 2, 6)]] };
    const want = definition2016(data.length, data.coders).binary!;
    // Coded 8 + 6 of 24 pairable characters; they differ on [0,2), counted from both sides.
    expect(want).toBeCloseTo(1 - (2 * 2 * (24 - (16 + 16 + 36 + 4 + 2 + 4) / 24)) / (2 * 14 * 10), 12);
    expect(unitizingAlpha(data).binary.value).toBeCloseTo(want, 12);
  });

  it('cuα, for two coders', () => {
    const two = fc
      .integer({ min: 2, max: 60 })
      .chain((length) => fc.record({ length: fc.constant(length), coders: fc.array(unitizing(length), { minLength: 2, maxLength: 2 }) }));
    fc.assert(
      fc.property(two, ({ length, coders }) => {
        const want = definition2016(length, coders).coding;
        const got = unitizingAlpha({ length, coders }).coding.value;
        if (want === null) expect(got).toBeNull();
        else expect(got).toBeCloseTo(want, 10);
      }),
    );
  });
});
