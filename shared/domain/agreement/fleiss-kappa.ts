import { REASONS, intervalAround, ratioStat, undefinedStat, type KappaInterval, type Stat } from './result';

/** Subjects × categories: how many raters put each subject in each category. */
export type CategoryCounts = readonly (readonly number[])[];

/** Fleiss' kappa from a counts table; every subject must have the same number of ratings. */
export function fleissKappaFromCounts(counts: CategoryCounts): Stat {
  assertCounts(counts);
  if (counts.length === 0) return undefinedStat(REASONS.noUnits);
  const raters = sum(counts[0]);
  if (counts.some((row) => sum(row) !== raters)) {
    return undefinedStat("subjects have different numbers of ratings; Fleiss' kappa needs the same number for every subject (use Krippendorff's alpha)");
  }
  if (raters < 2) return undefinedStat('fewer than two ratings per subject');
  const subjects = counts.length;
  const observed = mean(counts.map((row) => (sum(row.map((n) => n * n)) - raters) / (raters * (raters - 1))));
  const shares = categoryShares(counts, subjects * raters);
  const chance = sum(shares.map((p) => p * p));
  return ratioStat(observed - chance, 1 - chance, REASONS.oneCategoryAll);
}

/**
 * 95 % interval of Fleiss' κ from Gwet's (2008) linearised variance, which holds away from κ = 0 too
 * (Fleiss, Nee & Landis 1979 give the variance under κ = 0, for a test, not for an interval):
 * v = Σ_i (κ*_i − κ)² / (n(n − 1)), κ*_i = κ_i − 2(1 − κ)(pe_i − pe)/(1 − pe), with κ_i = (pa_i − pe)/(1 − pe)
 * the subject's own agreement and pe_i = Σ_k π_k r_ik / r. `multiplicity[i]` says how many subjects
 * share row i (1 each when left out). Null where κ is undefined or there are fewer than two subjects.
 */
export function fleissKappaInterval(counts: CategoryCounts, multiplicity?: readonly number[]): KappaInterval | null {
  assertCounts(counts);
  const weight = (i: number) => multiplicity?.[i] ?? 1;
  const subjects = counts.reduce((s, _, i) => s + weight(i), 0);
  if (counts.length === 0 || subjects < 2) return null;
  const raters = sum(counts[0]);
  if (raters < 2 || counts.some((row) => sum(row) !== raters)) return null;
  const shares = counts[0].map((_, k) => counts.reduce((s, row, i) => s + weight(i) * row[k], 0) / (subjects * raters));
  const pe = sum(shares.map((p) => p * p));
  if (pe >= 1) return null;
  const own = counts.map((row) => {
    const pa = sum(row.map((n) => n * (n - 1))) / (raters * (raters - 1));
    const unitChance = sum(row.map((n, k) => shares[k] * n)) / raters;
    return { pa, unitChance };
  });
  const kappa = (own.reduce((s, o, i) => s + weight(i) * o.pa, 0) / subjects - pe) / (1 - pe);
  const spread = own.reduce((s, { pa, unitChance }, i) => {
    const linearised = (pa - pe) / (1 - pe) - (2 * (1 - kappa) * (unitChance - pe)) / (1 - pe);
    return s + weight(i) * (linearised - kappa) ** 2;
  }, 0);
  return intervalAround(kappa, Math.sqrt(spread / (subjects * (subjects - 1))));
}

/** Fleiss' kappa from raw ratings, one row per subject, one column per rater; null = not rated. */
export function fleissKappaFromRatings<V>(ratings: readonly (readonly (V | null)[])[]): Stat {
  return fleissKappaFromCounts(countsFromRatings(ratings).counts);
}

export function countsFromRatings<V>(ratings: readonly (readonly (V | null)[])[]): { readonly categories: readonly V[]; readonly counts: number[][] } {
  const categories = [...new Set(ratings.flat().filter((v): v is V => v !== null))];
  const index = new Map(categories.map((c, i) => [c, i] as const));
  const counts = ratings.map((row) => {
    const line = categories.map(() => 0);
    for (const value of row) if (value !== null) line[index.get(value) as number] += 1;
    return line;
  });
  return { categories, counts };
}

function categoryShares(counts: CategoryCounts, total: number): number[] {
  return counts[0].map((_, j) => sum(counts.map((row) => row[j])) / total);
}

function assertCounts(counts: CategoryCounts): void {
  const width = counts.length === 0 ? 0 : counts[0].length;
  for (const row of counts) {
    if (row.length !== width) throw new RangeError(`every subject needs a count per category: ${row.length} vs ${width}`);
    for (const n of row) if (!Number.isFinite(n) || n < 0) throw new RangeError(`count must be >= 0, got ${n}`);
  }
}

function sum(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0);
}

function mean(xs: readonly number[]): number {
  return sum(xs) / xs.length;
}
