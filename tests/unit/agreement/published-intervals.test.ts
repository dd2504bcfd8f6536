import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  binaryTable,
  cohensKappa,
  cohensKappaInterval,
  fleissKappaBinaryHistogram,
  fleissKappaFromCounts,
  fleissKappaInterval,
  fleissKappaIntervalBinaryHistogram,
  kappaInterval,
} from '../../../shared/domain/agreement';

// Standard errors of κ against values printed by others, each with its source. The simulations in
// kappa-interval.test.ts and fleiss-kappa-interval.test.ts check the same formulas against the spread
// of κ over many drawn studies; these pin the arithmetic to published figures.

describe('Cohen’s κ: the large-sample standard error of Fleiss, Cohen & Everitt (1969) against published output', () => {
  it('SAS PROC FREQ (AGREE), the 3×3 table statsmodels transcribes from a SAS printout: κ .4842, ASE .1380, 95 % limits .2137 and .7547', () => {
    // statsmodels/stats/tests/test_inter_rater.py, UnweightedCohens ("comparison to printout of a SAS example").
    const table = [
      [0, 4, 1],
      [0, 8, 0],
      [0, 1, 5],
    ];
    expect(cohensKappa(table).value).toBeCloseTo(0.4842, 4);
    const i = cohensKappaInterval(table)!;
    expect(i.se).toBeCloseTo(0.138, 4);
    expect(i.low).toBeCloseTo(0.2137, 4);
    expect(i.high).toBeCloseTo(0.7547, 4);
  });

  it('irrCAC kappa2.table on cont3x3abstractors (Gwet 2014; the package README): κ .7964094, SE .05891072', () => {
    // irrCAC prints a t-based interval (0.68, 0.913); only κ and its standard error are compared.
    const table = [
      [13, 0, 0],
      [0, 20, 7],
      [0, 4, 56],
    ];
    expect(cohensKappa(table).value).toBeCloseTo(0.7964094, 7);
    expect(cohensKappaInterval(table)!.se).toBeCloseTo(0.05891072, 7);
  });

  it('the present/absent interval of every code is the same formula on its 2×2 table', () => {
    fc.assert(
      fc.property(fc.nat({ max: 40 }), fc.nat({ max: 40 }), fc.nat({ max: 40 }), fc.nat({ max: 40 }), (both, onlyA, onlyB, neither) => {
        const counts = { both, onlyA, onlyB, neither };
        const general = cohensKappaInterval(binaryTable(counts));
        const binary = kappaInterval(counts);
        if (general === null) expect(binary).toBeNull();
        else expect(binary!.se).toBeCloseTo(general.se, 12);
      }),
    );
  });
});

describe('Fleiss’ κ: Gwet’s linearised standard error against published output', () => {
  // irrCAC fleiss.kappa.dist on distrib.6raters (Gwet 2014; the package README): 15 psychiatric
  // patients, 6 raters, 5 categories. κ .4139265, standard error .08119291 (irrCAC's interval uses t).
  const distrib6raters = [
    [0, 0, 0, 6, 0],
    [0, 3, 0, 0, 3],
    [0, 1, 4, 0, 1],
    [0, 0, 0, 0, 6],
    [0, 3, 0, 3, 0],
    [2, 0, 4, 0, 0],
    [0, 0, 4, 0, 2],
    [2, 0, 3, 1, 0],
    [2, 0, 0, 4, 0],
    [0, 0, 0, 0, 6],
    [1, 0, 0, 5, 0],
    [1, 1, 0, 4, 0],
    [0, 3, 3, 0, 0],
    [1, 0, 0, 5, 0],
    [0, 2, 0, 3, 1],
  ];

  it('irrCAC distrib.6raters: κ .4139265, SE .08119291', () => {
    expect(fleissKappaFromCounts(distrib6raters).value).toBeCloseTo(0.4139265, 7);
    const i = fleissKappaInterval(distrib6raters)!;
    expect(i.se).toBeCloseTo(0.08119291, 7);
    expect((i.low + i.high) / 2).toBeCloseTo(0.4139265, 7);
  });

  it('the present/absent histogram the app counts gives the same κ and interval as the expanded table', () => {
    const histogram = fc.integer({ min: 2, max: 6 }).chain((raters) =>
      fc.record({ raters: fc.constant(raters), units: fc.array(fc.nat({ max: 30 }), { minLength: raters + 1, maxLength: raters + 1 }) }),
    );
    fc.assert(
      fc.property(histogram, ({ raters, units }) => {
        const expanded = units.flatMap((n, p) => Array.from({ length: n }, () => [p, raters - p]));
        const kappa = fleissKappaBinaryHistogram(raters, units);
        const fromRows = fleissKappaInterval(expanded);
        const fromHistogram = fleissKappaIntervalBinaryHistogram(raters, units);
        if (kappa.value === null || fromRows === null) {
          expect(fromHistogram).toBeNull();
          return;
        }
        expect(fleissKappaFromCounts(expanded).value).toBeCloseTo(kappa.value, 12);
        expect(fromHistogram!.se).toBeCloseTo(fromRows.se, 12);
      }),
    );
  });
});
