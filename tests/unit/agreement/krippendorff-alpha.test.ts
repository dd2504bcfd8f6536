import { describe, it, expect } from 'vitest';
import { coincidenceMatrix, krippendorffAlpha, type ReliabilityData } from '../../../shared/domain/agreement';

const row = (s: string) => s.split(/\s+/).map((v) => (v === '.' ? null : Number(v)));

// Krippendorff (2011/2018): four coders, twelve units, with missing values. Units are columns.
const WITH_MISSING: ReliabilityData = [
  row('1 2 3 3 2 1 4 1 2 . . .'),
  row('1 2 3 3 2 2 4 1 2 5 . 3'),
  row('. 3 3 3 2 3 4 2 2 5 1 .'),
  row('1 2 3 3 2 4 4 1 2 5 1 .'),
];

describe("Krippendorff's alpha, any number of coders, missing values", () => {
  it.each([
    ['nominal', 0.743421],
    ['ordinal', 0.815388],
    ['interval', 0.849107],
    ['ratio', 0.797403],
  ] as const)('reproduces the published %s alpha', (metric, expected) => {
    expect(krippendorffAlpha(WITH_MISSING, { metric }).value).toBeCloseTo(expected, 4);
  });

  it('defaults to the nominal metric', () => {
    expect(krippendorffAlpha(WITH_MISSING).value).toBeCloseTo(0.743421, 4);
  });

  it('drops units with fewer than two values', () => {
    const c = coincidenceMatrix(WITH_MISSING);
    expect(c.pairableUnits).toBe(11);
    expect(c.droppedUnits).toBe(1);
    expect(c.pairableValues).toBe(40);
    const total = c.matrix.flat().reduce((s, x) => s + x, 0);
    expect(total).toBeCloseTo(40, 10);
  });

  it('reproduces the binary two-coder example (alpha 0.095238)', () => {
    const data = [row('1 1 0 0 0 0 0 0 0 0'), row('0 1 1 0 0 1 0 1 0 0')];
    expect(krippendorffAlpha(data).value).toBeCloseTo(0.095238, 4);
  });

  it('accepts text values for nominal data and an explicit order for ordinal data', () => {
    const data = [
      ['low', 'mid', 'high', 'mid', null],
      ['low', 'high', 'high', 'mid', 'low'],
    ];
    expect(krippendorffAlpha(data).value).not.toBeNull();
    const ordinal = krippendorffAlpha(data, { metric: 'ordinal', order: ['low', 'mid', 'high'] });
    const numeric = krippendorffAlpha(
      [
        [1, 2, 3, 2, null],
        [1, 3, 3, 2, 1],
      ],
      { metric: 'ordinal' },
    );
    expect(ordinal.value).toBeCloseTo(numeric.value as number, 10);
    expect(() => krippendorffAlpha(data, { metric: 'ordinal' })).toThrow(/explicit order/);
    expect(() => krippendorffAlpha(data, { metric: 'interval' })).toThrow(/numeric/);
  });

  it('is 1 exactly for perfect agreement with variation', () => {
    expect(krippendorffAlpha([row('1 2 3 .'), row('1 2 3 4'), row('1 . 3 4')], { metric: 'interval' }).value).toBe(1);
  });

  it('is undefined, with a reason, when every value is the same', () => {
    const stat = krippendorffAlpha([row('2 2 2'), row('2 2 .')]);
    expect(stat).toEqual({ value: null, reason: 'no variation: every value falls in one category' });
  });

  it('is undefined, with a reason, when no unit can be paired', () => {
    const stat = krippendorffAlpha([row('1 . 3'), row('. 2 .')]);
    expect(stat.value).toBeNull();
    expect('reason' in stat && stat.reason).toMatch(/no pairable units/);
    expect(krippendorffAlpha([]).value).toBeNull();
  });

  it('rejects ragged data', () => {
    expect(() => krippendorffAlpha([row('1 2'), row('1')])).toThrow(RangeError);
  });
});
