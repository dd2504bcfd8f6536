import { definedStat, isDefined, isWithheld, undefinedStat, type Stat } from './result';

export interface StatSummary {
  readonly count: number;
  /** How many inputs had no value (withheld or undefined) and were left out of mean, median, min and max. */
  readonly undefinedCount: number;
  /** Of those, how many were withheld for too few positive units (the rest are mathematically undefined). */
  readonly withheldCount: number;
  readonly mean: Stat;
  readonly median: Stat;
  readonly min: Stat;
  readonly max: Stat;
}

export function summarizeStats(stats: readonly Stat[]): StatSummary {
  const values = stats.filter(isDefined).map((s) => s.value).sort((x, y) => x - y);
  const undefinedCount = stats.length - values.length;
  const withheldCount = stats.filter(isWithheld).length;
  const base = { count: stats.length, undefinedCount, withheldCount };
  if (values.length === 0) {
    const none = undefinedStat(stats.length === 0 ? 'no values to summarize' : `no values to average: ${whyNone(stats)}`);
    return { ...base, mean: none, median: none, min: none, max: none };
  }
  return {
    ...base,
    mean: definedStat(values.reduce((s, v) => s + v, 0) / values.length),
    median: definedStat(medianOfSorted(values)),
    min: definedStat(values[0]),
    max: definedStat(values[values.length - 1]),
  };
}

function medianOfSorted(values: readonly number[]): number {
  const middle = Math.floor(values.length / 2);
  return values.length % 2 === 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

export function meanOfStats(stats: readonly Stat[]): Stat {
  return summarizeStats(stats).mean;
}

export function medianOfStats(stats: readonly Stat[]): Stat {
  return summarizeStats(stats).median;
}

export function minOfStats(stats: readonly Stat[]): Stat {
  return summarizeStats(stats).min;
}

export function maxOfStats(stats: readonly Stat[]): Stat {
  return summarizeStats(stats).max;
}

/** Why none of the stats has a value, counted by reason: "2 withheld (fewer than 5 positive units), 1 undefined (no variation: …)". */
function whyNone(stats: readonly Stat[]): string {
  const byReason = new Map<string, number>();
  for (const s of stats) {
    if (isDefined(s)) continue;
    const key = isWithheld(s) ? withheldKey(s.reason) : `undefined (${s.reason})`;
    byReason.set(key, (byReason.get(key) ?? 0) + 1);
  }
  // Withheld reasons differ only in their counts; they are gathered under one wording.
  return [...byReason].map(([reason, n]) => `${n} ${reason}`).join(', ');
}

/** "withheld: 1 positive unit (fewer than 5)" → "withheld (fewer than 5 positive units)". */
function withheldKey(reason: string): string {
  const m = /^withheld: \d+ (.*) \((fewer than \d+)\)$/.exec(reason);
  if (!m) return reason;
  const noun = m[1].endsWith('s') ? m[1] : `${m[1]}s`;
  return `withheld (${m[2]} ${noun})`;
}
