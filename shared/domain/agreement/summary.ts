import { definedStat, isDefined, undefinedStat, type Stat } from './result';

export interface StatSummary {
  readonly count: number;
  /** How many inputs were undefined and left out of mean, median, min and max. */
  readonly undefinedCount: number;
  readonly mean: Stat;
  readonly median: Stat;
  readonly min: Stat;
  readonly max: Stat;
}

export function summarizeStats(stats: readonly Stat[]): StatSummary {
  const values = stats.filter(isDefined).map((s) => s.value).sort((x, y) => x - y);
  const undefinedCount = stats.length - values.length;
  const base = { count: stats.length, undefinedCount };
  if (values.length === 0) {
    const none = undefinedStat(
      stats.length === 0 ? 'no values to summarize' : `no defined values (${undefinedCount} undefined)`,
    );
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
