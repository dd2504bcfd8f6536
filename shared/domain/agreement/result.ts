// A reliability statistic can be undefined (no variation, no units, chance agreement 1). Such a
// case carries the reason in words, because a silent 0 or 1 reads as a finding, which it is not.
export type Stat =
  | { readonly value: number }
  | { readonly value: null; readonly reason: string };

export type DefinedStat = Extract<Stat, { readonly value: number }>;
export type UndefinedStat = Extract<Stat, { readonly value: null }>;

export function definedStat(value: number): DefinedStat {
  return { value };
}

export function undefinedStat(reason: string): UndefinedStat {
  return { value: null, reason };
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
  return isDefined(stat) ? stat.value.toFixed(digits) : `undefined (${stat.reason})`;
}

export const REASONS = {
  noUnits: 'no units to compare',
  oneCategoryBoth: 'no variation: both coders used one category throughout',
  oneCategoryAll: 'no variation: every value falls in one category',
  fewerThanTwoCategories: 'fewer than two categories in the coding scheme',
  noPairableUnits: 'no pairable units: every unit has fewer than two values',
} as const;
