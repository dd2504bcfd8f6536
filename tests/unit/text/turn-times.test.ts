import { describe, expect, it } from 'vitest';
import { formatPlayTime, parseTurnTime, turnAt, turnTimes } from '../../../shared/text/turn-times';

describe('a turn’s time as its transcript gives it', () => {
  it('reads hh:mm:ss, mm:ss, brackets and fractions, and nothing else', () => {
    expect(parseTurnTime('00:01:02')).toBe(62_000);
    expect(parseTurnTime('1:02:03')).toBe(3_723_000);
    expect(parseTurnTime('12:05')).toBe(725_000);
    expect(parseTurnTime('[00:00:07]')).toBe(7_000);
    expect(parseTurnTime('00:00:07.5')).toBe(7_500);
    expect(parseTurnTime('00:00:07,250')).toBe(7_250);
    expect(parseTurnTime('00:61:00')).toBeNull();
    expect(parseTurnTime('0:75')).toBeNull();
    expect(parseTurnTime('soon')).toBeNull();
    expect(parseTurnTime(null)).toBeNull();
  });

  it('shows a position as mm:ss, with hours when there are any', () => {
    expect(formatPlayTime(65_400)).toBe('01:05');
    expect(formatPlayTime(3_723_000)).toBe('1:02:03');
  });
});

describe('turns without a time are placed between their neighbours', () => {
  const turn = (start: number, timestamp: string | null) => ({ start, timestamp });

  it('interpolates by where the words lie, marked as estimated; given times are kept', () => {
    const times = turnTimes([turn(0, '00:00:10'), turn(100, null), turn(300, null), turn(400, '00:00:50')], 500);
    expect(times).toEqual([
      { ms: 10_000, estimated: false },
      { ms: 20_000, estimated: true },
      { ms: 40_000, estimated: true },
      { ms: 50_000, estimated: false },
    ]);
  });

  it('places turns before the first time from the recording’s start, after the last only with its duration', () => {
    const turns = [turn(0, null), turn(50, '00:00:20'), turn(100, null)];
    expect(turnTimes(turns, 200)).toEqual([
      { ms: 0, estimated: true },
      { ms: 20_000, estimated: false },
      { ms: null, estimated: true },
    ]);
    expect(turnTimes(turns, 200, 40_000)[2]).toEqual({ ms: 26_667, estimated: true });
  });

  it('places nothing without any time or duration, and spreads turns over the duration alone', () => {
    expect(turnTimes([turn(0, null), turn(10, null)], 20)).toEqual([
      { ms: null, estimated: true },
      { ms: null, estimated: true },
    ]);
    expect(turnTimes([turn(0, null), turn(10, null)], 20, 60_000).map((t) => t.ms)).toEqual([0, 30_000]);
  });

  it('a time out of order keeps its own turn but does not bend the estimate of others', () => {
    const times = turnTimes([turn(0, '00:01:00'), turn(10, '00:00:05'), turn(20, null), turn(30, '00:01:20')], 40);
    expect(times[1]).toEqual({ ms: 5_000, estimated: false });
    expect(times[2].ms).toBe(73_333);
  });
});

describe('the turn playing', () => {
  it('is the last one started at the position', () => {
    const times = [
      { ms: 0, estimated: true },
      { ms: 2_000, estimated: false },
      { ms: null, estimated: true },
      { ms: 5_000, estimated: false },
    ];
    expect(turnAt(times, 0)).toBe(0);
    expect(turnAt(times, 2_500)).toBe(1);
    expect(turnAt(times, 5_000)).toBe(3);
    expect(turnAt([{ ms: 1_000, estimated: false }], 500)).toBe(-1);
  });
});
