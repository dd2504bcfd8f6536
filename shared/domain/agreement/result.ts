// A reliability statistic can be undefined (no variation, no units, chance agreement 1). Such a
// case carries the reason in words, because a silent 0 or 1 reads as a finding, which it is not.
export type Stat =
  | { readonly value: number }
  /** `withheld` holds the value computed but not reported (too few positive units), null when there is none. */
  | { readonly value: null; readonly reason: string; readonly withheld?: number | null };

export type DefinedStat = Extract<Stat, { readonly value: number }>;
export type UndefinedStat = Extract<Stat, { readonly value: null }>;

/** A 95 % interval from a large-sample standard error. */
export interface KappaInterval {
  readonly se: number;
  readonly low: number;
  readonly high: number;
}

/** value ± 1.96 SE, clipped to [−1, 1]: the 95 % interval of a κ from its standard error. */
export function intervalAround(value: number, se: number): KappaInterval {
  return { se, low: Math.max(-1, value - 1.959964 * se), high: Math.min(1, value + 1.959964 * se) };
}

export function definedStat(value: number): DefinedStat {
  return { value };
}

export function undefinedStat(reason: string): UndefinedStat {
  return { value: null, reason };
}

/** Plural agreement for counts in sentences: "1 document", "3 documents". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export const WITHHELD_PREFIX = 'withheld: ';

/**
 * A value computed but not reported because it rests on too few positive units (or, at the
 * character level, coded passages): the reason says how many, the number stays for whoever asks.
 */
export function withheldStat(computed: Stat, positive: number, minimum: number, what: readonly [string, string] = ['positive unit', 'positive units']): UndefinedStat {
  const reason = `${WITHHELD_PREFIX}${plural(positive, what[0], what[1])} (fewer than ${minimum})`;
  return { value: null, reason, withheld: computed.value };
}

export function isWithheld(stat: Stat): boolean {
  return stat.value === null && stat.reason.startsWith(WITHHELD_PREFIX);
}

export function isDefined(stat: Stat): stat is DefinedStat {
  return stat.value !== null;
}

/** numerator / denominator, or the reason when the denominator is zero. */
export function ratioStat(numerator: number, denominator: number, reasonIfZero: string): Stat {
  return denominator === 0 ? undefinedStat(reasonIfZero) : definedStat(numerator / denominator);
}

export function mapStat(stat: Stat, f: (value: number) => number): Stat {
  return isDefined(stat) ? definedStat(f(stat.value)) : stat;
}

/** The reason of an undefined stat, or null when it has a value. */
export function reasonOf(stat: Stat): string | null {
  return isDefined(stat) ? null : stat.reason;
}

export function formatStat(stat: Stat, digits = 3): string {
  if (isDefined(stat)) return stat.value.toFixed(digits);
  return isWithheld(stat) ? stat.reason : `undefined (${stat.reason})`;
}

export const REASONS = {
  noUnits: 'no units to compare',
  oneCategoryBoth: 'no variation: both coders used one category throughout',
  oneCategoryAll: 'no variation: every value falls in one category',
  fewerThanTwoCategories: 'fewer than two categories in the coding scheme',
  noPairableUnits: 'no pairable units: every unit has fewer than two values',
} as const;
