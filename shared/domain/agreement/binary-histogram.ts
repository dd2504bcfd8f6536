import { fleissKappaInterval } from './fleiss-kappa';
import { REASONS, definedStat, ratioStat, undefinedStat, type KappaInterval, type Stat } from './result';

// Present/absent decisions of many coders on many units, counted instead of listed: a study with
// 50,000 units and 300 codes cannot afford one ratings row per unit and code. The results equal
// fleissKappaFromCounts and krippendorffAlpha on the expanded data (see the unit tests).

/** How many units got `present` "present" votes out of `raters` values. */
export interface BinaryHistogramCell {
  readonly raters: number;
  readonly present: number;
  readonly units: number;
}

/** Fleiss' kappa when every unit has the same number of raters; `unitsByPresent[p]` = units with p "present" votes. */
export function fleissKappaBinaryHistogram(raters: number, unitsByPresent: readonly number[]): Stat {
  if (unitsByPresent.length !== raters + 1) throw new RangeError(`need ${raters + 1} cells (0..${raters} present votes), got ${unitsByPresent.length}`);
  const subjects = unitsByPresent.reduce((s, n) => s + n, 0);
  if (subjects === 0) return undefinedStat(REASONS.noUnits);
  if (raters < 2) return undefinedStat('fewer than two ratings per subject');
  let agreement = 0;
  let presentVotes = 0;
  unitsByPresent.forEach((units, p) => {
    const absent = raters - p;
    agreement += (units * (p * (p - 1) + absent * (absent - 1))) / (raters * (raters - 1));
    presentVotes += units * p;
  });
  const observed = agreement / subjects;
  const share = presentVotes / (subjects * raters);
  const chance = share * share + (1 - share) * (1 - share);
  return ratioStat(observed - chance, 1 - chance, REASONS.oneCategoryAll);
}

/** 95 % interval of Fleiss' κ (fleissKappaInterval) from the histogram: one row per number of "present" votes. Null where κ is undefined. */
export function fleissKappaIntervalBinaryHistogram(raters: number, unitsByPresent: readonly number[]): KappaInterval | null {
  if (fleissKappaBinaryHistogram(raters, unitsByPresent).value === null) return null;
  return fleissKappaInterval(
    unitsByPresent.map((_, p) => [p, raters - p]),
    unitsByPresent,
  );
}

/** The coincidences of a present/absent variable (o_11, o_00, o_01 = o_10), the pairable units and the pairs of values within units. */
export interface BinaryCoincidences {
  readonly both1: number;
  readonly both0: number;
  readonly mixed: number;
  readonly pairableUnits: number;
  readonly pairs: number;
}

export function binaryHistogramCoincidences(cells: readonly BinaryHistogramCell[]): BinaryCoincidences {
  let both1 = 0;
  let both0 = 0;
  let mixed = 0;
  let pairableUnits = 0;
  let pairs = 0;
  for (const { raters: m, present: p, units } of cells) {
    if (p < 0 || p > m || units < 0) throw new RangeError(`invalid cell: ${p} present of ${m} raters in ${units} units`);
    if (m < 2 || units === 0) continue;
    const a = m - p;
    pairableUnits += units;
    both1 += (units * p * (p - 1)) / (m - 1);
    both0 += (units * a * (a - 1)) / (m - 1);
    mixed += (units * p * a) / (m - 1);
    pairs += (units * m * (m - 1)) / 2;
  }
  return { both1, both0, mixed, pairableUnits, pairs };
}

/** Krippendorff's alpha (nominal, two values) with missing values, from (raters, present) counts per unit. */
export function krippendorffAlphaBinaryHistogram(cells: readonly BinaryHistogramCell[]): Stat {
  const { both1, both0, mixed, pairableUnits } = binaryHistogramCoincidences(cells);
  if (pairableUnits === 0) return undefinedStat(REASONS.noPairableUnits);
  const n1 = both1 + mixed;
  const n0 = both0 + mixed;
  const n = n0 + n1;
  if (n0 === 0 || n1 === 0) return undefinedStat(REASONS.oneCategoryAll);
  return definedStat(1 - ((n - 1) * mixed) / (n0 * n1));
}
