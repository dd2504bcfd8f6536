import { describe, it, expect } from 'vitest';
import { binaryAgreement, binaryAgreementFromCounts, binaryCounts, binaryKappa } from '../../../shared/domain/agreement';

const bits = (s: string) => s.split(' ').map((d) => d === '1');

describe('binary per-code decisions', () => {
  // Krippendorff (2011), binary example with two coders and ten units.
  const a = bits('1 1 0 0 0 0 0 0 0 0');
  const b = bits('0 1 1 0 0 1 0 1 0 0');

  it('counts the four cells', () => {
    expect(binaryCounts(a, b)).toEqual({ both: 1, onlyA: 1, onlyB: 3, neither: 5 });
  });

  it('reproduces percent agreement 0.60, alpha 0.095238 and kappa 0.090909', () => {
    const r = binaryAgreement(a, b);
    expect(r.tooFewToJudge).toBe(false);
    expect(r.positiveUnits).toBe(5);
    expect(r.units).toBe(10);
    expect(r.percentAgreement.value).toBeCloseTo(0.6, 4);
    expect(r.alpha.value).toBeCloseTo(0.095238, 4);
    expect(r.kappa.value).toBeCloseTo(0.090909, 4);
    expect(r.pabak.value).toBeCloseTo(0.2, 4);
    expect(r.positiveAgreement.value).toBeCloseTo(2 / 6, 4);
  });

  it('computes AC1 from the same 2×2 table', () => {
    // pooled share of "present" is 6/20, so pe = 2 · 0.3 · 0.7 = 0.42
    expect(binaryAgreement(a, b).ac1.value).toBeCloseTo((0.6 - 0.42) / (1 - 0.42), 4);
  });

  it('flags codes with too few positive units and withholds kappa and alpha', () => {
    const r = binaryAgreementFromCounts({ both: 1, onlyA: 1, onlyB: 1, neither: 97 });
    expect(r.tooFewToJudge).toBe(true);
    // Withheld, not undefined: the reason says how many, and the computed value stays for whoever asks.
    const open = binaryAgreementFromCounts({ both: 1, onlyA: 1, onlyB: 1, neither: 97 }, { minPositiveUnits: 0 });
    expect(r.kappa).toEqual({ value: null, reason: 'withheld: 3 positive units (fewer than 5)', withheld: open.kappa.value });
    expect(r.alpha).toEqual({ value: null, reason: 'withheld: 3 positive units (fewer than 5)', withheld: open.alpha.value });
    expect(open.kappa.value).toBeCloseTo(1 / 3 / (1 - 0), 0);
    expect(binaryAgreementFromCounts({ both: 1, onlyA: 0, onlyB: 0, neither: 9 }).kappa).toMatchObject({ reason: 'withheld: 1 positive unit (fewer than 5)' });
    expect(r.percentAgreement.value).toBeCloseTo(0.98, 4);
    expect(r.positiveAgreement.value).toBeCloseTo(0.5, 4);
  });

  it('takes the threshold as a parameter', () => {
    expect(binaryAgreement(a, b, { minPositiveUnits: 6 }).tooFewToJudge).toBe(true);
    expect(binaryAgreementFromCounts({ both: 1, onlyA: 1, onlyB: 1, neither: 97 }, { minPositiveUnits: 3 }).kappa.value).not.toBeNull();
  });

  it('gives kappa exactly 0 when one coder marked nothing and the other something', () => {
    expect(binaryKappa({ both: 0, onlyA: 0, onlyB: 7, neither: 3 }).value).toBe(0);
    expect(binaryKappa({ both: 0, onlyA: 5, onlyB: 0, neither: 5 }).value).toBe(0);
  });

  it('explains undefined kappa and alpha when both coders put every unit in one category', () => {
    const r = binaryAgreementFromCounts({ both: 12, onlyA: 0, onlyB: 0, neither: 0 });
    expect(r.tooFewToJudge).toBe(false);
    expect(r.kappa).toEqual({ value: null, reason: 'no variation: both coders marked the code on every unit' });
    expect(r.alpha.value).toBeNull();
    expect(r.percentAgreement.value).toBe(1);
    const none = binaryAgreementFromCounts({ both: 0, onlyA: 0, onlyB: 0, neither: 20 }, { minPositiveUnits: 0 });
    expect(none.kappa).toEqual({ value: null, reason: 'no variation: neither coder marked the code on any unit' });
    expect(none.alpha).toEqual(none.kappa);
    expect(none.positiveAgreement.value).toBeNull();
  });

  it('rejects coders with different numbers of units', () => {
    expect(() => binaryCounts([true], [true, false])).toThrow(RangeError);
  });
});
