import { assertSquareTable, columnTotals, diagonalTotal, rowTotals, tableTotal, type ContingencyTable } from './contingency';
import { REASONS, definedStat, ratioStat, undefinedStat, type Stat } from './result';

// The coefficients below are written as ratios of sums of counts rather than as (po - pe) / (1 - pe):
// with integer counts the "chance agreement is 1" case is then detected exactly, not as 0.9999999.

export interface TwoCoderNominal {
  readonly units: number;
  readonly categories: number;
  readonly observedAgreement: Stat;
  readonly expectedAgreement: Stat;
  readonly cohensKappa: Stat;
  readonly scottsPi: Stat;
  readonly gwetsAc1: Stat;
  readonly brennanPrediger: Stat;
  readonly pabak: Stat;
  readonly krippendorffAlpha: Stat;
}

/** Proportion of units on which the two coders chose the same category (po). */
export function observedAgreement(table: ContingencyTable): Stat {
  assertSquareTable(table);
  return ratioStat(diagonalTotal(table), tableTotal(table), REASONS.noUnits);
}

/** Agreement expected by chance from each coder's own margins (Cohen's pe). */
export function expectedAgreement(table: ContingencyTable): Stat {
  assertSquareTable(table);
  const n = tableTotal(table);
  return ratioStat(marginProducts(table), n * n, REASONS.noUnits);
}

export function cohensKappa(table: ContingencyTable): Stat {
  assertSquareTable(table);
  const n = tableTotal(table);
  if (n === 0) return undefinedStat(REASONS.noUnits);
  const chance = marginProducts(table);
  return ratioStat(n * diagonalTotal(table) - chance, n * n - chance, REASONS.oneCategoryBoth);
}

/** Scott's pi: chance agreement from the pooled margins of both coders. */
export function scottsPi(table: ContingencyTable): Stat {
  assertSquareTable(table);
  const n = tableTotal(table);
  if (n === 0) return undefinedStat(REASONS.noUnits);
  const chance = pooledMarginSquares(table);
  return ratioStat(4 * n * diagonalTotal(table) - chance, 4 * n * n - chance, REASONS.oneCategoryBoth);
}

/** Gwet's AC1; the number of categories is the table's size, used or not. */
export function gwetsAc1(table: ContingencyTable): Stat {
  assertSquareTable(table);
  const n = tableTotal(table);
  const q = table.length;
  if (n === 0) return undefinedStat(REASONS.noUnits);
  if (q < 2) return undefinedStat(REASONS.fewerThanTwoCategories);
  const po = diagonalTotal(table) / n;
  const pooled = pooledShares(table);
  const pe = pooled.reduce((s, p) => s + p * (1 - p), 0) / (q - 1);
  return definedStat((po - pe) / (1 - pe));
}

/** Brennan–Prediger coefficient: chance agreement is 1/q for q categories. */
export function brennanPrediger(table: ContingencyTable): Stat {
  assertSquareTable(table);
  const n = tableTotal(table);
  const q = table.length;
  if (n === 0) return undefinedStat(REASONS.noUnits);
  if (q < 2) return undefinedStat(REASONS.fewerThanTwoCategories);
  return definedStat((q * diagonalTotal(table) - n) / ((q - 1) * n));
}

/** Prevalence- and bias-adjusted kappa, 2·po − 1; only meaningful for a 2×2 table. */
export function pabak(table: ContingencyTable): Stat {
  assertSquareTable(table);
  if (table.length !== 2) {
    return undefinedStat(`PABAK is defined for 2×2 tables, this one is ${table.length}×${table.length}; see Brennan–Prediger`);
  }
  return brennanPrediger(table);
}

/** Krippendorff's alpha, nominal metric, for two coders who both rated every unit. */
export function krippendorffAlphaTwoCoders(table: ContingencyTable): Stat {
  assertSquareTable(table);
  const units = tableTotal(table);
  if (units === 0) return undefinedStat(REASONS.noUnits);
  const values = 2 * units;
  const cols = columnTotals(table);
  const pairedByChance = rowTotals(table)
    .map((row, c) => row + cols[c])
    .reduce((s, nc) => s + nc * (nc - 1), 0);
  const observedMatches = 2 * diagonalTotal(table);
  return ratioStat(
    (values - 1) * observedMatches - pairedByChance,
    values * (values - 1) - pairedByChance,
    REASONS.oneCategoryAll,
  );
}

export function twoCoderNominal(table: ContingencyTable): TwoCoderNominal {
  return {
    units: tableTotal(table),
    categories: table.length,
    observedAgreement: observedAgreement(table),
    expectedAgreement: expectedAgreement(table),
    cohensKappa: cohensKappa(table),
    scottsPi: scottsPi(table),
    gwetsAc1: gwetsAc1(table),
    brennanPrediger: brennanPrediger(table),
    pabak: pabak(table),
    krippendorffAlpha: krippendorffAlphaTwoCoders(table),
  };
}

function marginProducts(table: ContingencyTable): number {
  const cols = columnTotals(table);
  return rowTotals(table).reduce((s, row, k) => s + row * cols[k], 0);
}

function pooledMarginSquares(table: ContingencyTable): number {
  const cols = columnTotals(table);
  return rowTotals(table).reduce((s, row, k) => s + (row + cols[k]) ** 2, 0);
}

function pooledShares(table: ContingencyTable): number[] {
  const n = tableTotal(table);
  const cols = columnTotals(table);
  return rowTotals(table).map((row, k) => (row + cols[k]) / (2 * n));
}
