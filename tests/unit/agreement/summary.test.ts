import { describe, it, expect } from 'vitest';
import {
  definedStat,
  formatStat,
  isDefined,
  mapStat,
  maxOfStats,
  meanOfStats,
  medianOfStats,
  minOfStats,
  ratioStat,
  reasonOf,
  summarizeStats,
  undefinedStat,
  withheldStat,
} from '../../../shared/domain/agreement';

describe('Stat results', () => {
  it('carries a reason instead of a number when undefined', () => {
    expect(ratioStat(1, 0, 'nothing to divide')).toEqual({ value: null, reason: 'nothing to divide' });
    expect(ratioStat(1, 4, 'unused')).toEqual({ value: 0.25 });
    expect(isDefined(definedStat(0))).toBe(true);
    expect(isDefined(undefinedStat('why'))).toBe(false);
    expect(reasonOf(undefinedStat('why'))).toBe('why');
    expect(reasonOf(definedStat(0.5))).toBeNull();
    expect(mapStat(definedStat(0.5), (v) => v * 100)).toEqual({ value: 50 });
    expect(mapStat(undefinedStat('why'), (v) => v * 100)).toEqual({ value: null, reason: 'why' });
    expect(formatStat(definedStat(0.49152542))).toBe('0.492');
    expect(formatStat(undefinedStat('no units'))).toBe('undefined (no units)');
  });
});

describe('summaries of several statistics', () => {
  const stats = [definedStat(0.2), undefinedStat('no variation'), definedStat(0.8), definedStat(0.5), definedStat(0.9)];

  it('ignores undefined values and reports how many there were', () => {
    const s = summarizeStats(stats);
    expect(s.count).toBe(5);
    expect(s.undefinedCount).toBe(1);
    expect(s.mean.value).toBeCloseTo(0.6, 10);
    expect(s.median.value).toBeCloseTo(0.65, 10);
    expect(s.min.value).toBe(0.2);
    expect(s.max.value).toBe(0.9);
  });

  it('says why there is no value to average: withheld and undefined counted apart, plurals right', () => {
    const s = summarizeStats([
      withheldStat(definedStat(0.4), 3, 5),
      withheldStat(definedStat(0.1), 1, 5),
      undefinedStat('no variation: neither coder marked the code on any unit'),
    ]);
    expect(s.withheldCount).toBe(2);
    expect(s.undefinedCount).toBe(3);
    expect(s.mean).toEqual({
      value: null,
      reason: 'no values to average: 2 withheld (fewer than 5 positive units), 1 undefined (no variation: neither coder marked the code on any unit)',
    });
    expect(formatStat(withheldStat(definedStat(0.4), 3, 5))).toBe('withheld: 3 positive units (fewer than 5)');
  });

  it('takes the middle value of an odd count', () => {
    expect(medianOfStats([definedStat(3), definedStat(1), definedStat(2)]).value).toBe(2);
    expect(meanOfStats([definedStat(3), definedStat(1)]).value).toBe(2);
    expect(minOfStats([definedStat(3), definedStat(1)]).value).toBe(1);
    expect(maxOfStats([definedStat(3), definedStat(1)]).value).toBe(3);
  });

  it('is undefined, with a reason, when nothing is defined', () => {
    expect(summarizeStats([undefinedStat('a'), undefinedStat('b')]).mean).toEqual({
      value: null,
      reason: 'no values to average: 1 undefined (a), 1 undefined (b)',
    });
    expect(summarizeStats([]).median.value).toBeNull();
  });
});
