import { describe, it, expect } from 'vitest';
import {
  brennanPrediger,
  cohensKappa,
  contingencyTable,
  expectedAgreement,
  gwetsAc1,
  krippendorffAlphaTwoCoders,
  observedAgreement,
  pabak,
  scottsPi,
  twoCoderNominal,
} from '../../../shared/domain/agreement';

// Cohen (1960), p. 45.
const COHEN_1960 = [
  [88, 14, 18],
  [10, 40, 10],
  [2, 6, 12],
];

describe('two coders, nominal, from a contingency table', () => {
  it('reproduces Cohen 1960 p.45', () => {
    expect(observedAgreement(COHEN_1960).value).toBeCloseTo(0.7, 4);
    expect(expectedAgreement(COHEN_1960).value).toBeCloseTo(0.41, 4);
    expect(cohensKappa(COHEN_1960).value).toBeCloseTo(0.491525, 4);
    expect(scottsPi(COHEN_1960).value).toBeCloseTo(0.487179, 4);
    expect(gwetsAc1(COHEN_1960).value).toBeCloseTo(0.575972, 4);
    expect(brennanPrediger(COHEN_1960).value).toBeCloseTo(0.55, 4);
    expect(krippendorffAlphaTwoCoders(COHEN_1960).value).toBeCloseTo(0.488462, 4);
  });

  it('reproduces the 2×2 table [[20,5],[10,15]]', () => {
    const table = [
      [20, 5],
      [10, 15],
    ];
    expect(cohensKappa(table).value).toBeCloseTo(0.4, 4);
    expect(scottsPi(table).value).toBeCloseTo(0.393939, 4);
    expect(gwetsAc1(table).value).toBeCloseTo(0.405941, 4);
    expect(pabak(table).value).toBeCloseTo(2 * 0.7 - 1, 4);
  });

  it('shows the kappa paradox: 8 × (yes,yes), 1 × (no,no), 1 × (yes,no)', () => {
    const a = [...Array(8).fill('yes'), 'no', 'yes'];
    const b = [...Array(8).fill('yes'), 'no', 'no'];
    const { table, categories } = contingencyTable(a, b);
    expect(categories).toEqual(['yes', 'no']);
    expect(table).toEqual([
      [8, 1],
      [0, 1],
    ]);
    const all = twoCoderNominal(table);
    expect(all.observedAgreement.value).toBeCloseTo(0.9, 4);
    expect(all.cohensKappa.value).toBeCloseTo(0.615385, 4);
    expect(all.scottsPi.value).toBeCloseTo(0.6078, 4);
    expect(all.gwetsAc1.value).toBeCloseTo(0.8658, 4);
    expect(all.units).toBe(10);
  });

  it('leaves kappa, pi and alpha undefined, with a reason, when both coders used one category throughout', () => {
    const { table } = contingencyTable(['x', 'x', 'x'], ['x', 'x', 'x'], ['x', 'y']);
    const all = twoCoderNominal(table);
    expect(all.observedAgreement.value).toBe(1);
    for (const stat of [all.cohensKappa, all.scottsPi, all.krippendorffAlpha]) {
      expect(stat.value).toBeNull();
      expect('reason' in stat && stat.reason).toMatch(/no variation/);
    }
  });

  it('gives kappa 0, not undefined, when each coder used a different single category', () => {
    expect(cohensKappa([
      [0, 4],
      [0, 0],
    ]).value).toBe(0);
  });

  it('says "no units" for an empty table instead of returning a number', () => {
    const all = twoCoderNominal([
      [0, 0],
      [0, 0],
    ]);
    expect(Object.values(all).filter((v) => typeof v === 'object' && v.value !== null)).toEqual([]);
    expect(all.cohensKappa).toEqual({ value: null, reason: 'no units to compare' });
  });

  it('keeps PABAK to 2×2 tables and explains why otherwise', () => {
    const stat = pabak(COHEN_1960);
    expect(stat.value).toBeNull();
    expect('reason' in stat && stat.reason).toMatch(/2×2/);
  });

  it('rejects tables that are not square or hold negative counts', () => {
    expect(() => cohensKappa([[1, 2]])).toThrow(RangeError);
    expect(() => cohensKappa([
      [1, -1],
      [0, 1],
    ])).toThrow(RangeError);
    expect(() => contingencyTable([1, 2], [1])).toThrow(RangeError);
  });
});
