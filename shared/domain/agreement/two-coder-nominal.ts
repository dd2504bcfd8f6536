import { assertSquareTable, columnTotals, diagonalTotal, rowTotals, tableTotal, type ContingencyTable } from './contingency';
import { REASONS, definedStat, intervalAround, ratioStat, undefinedStat, type KappaInterval, type Stat } from './result';

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

/**
 * Large-sample standard error of Cohen's κ for a k×k table (Fleiss, Cohen & Everitt 1969), the one
 * that holds away from κ = 0, not the null-hypothesis one; with it the 95 % interval κ ± 1.96 SE,
 * clipped to [−1, 1]. With p the cell shares, r and c the row and column margins:
 * var = [Σ_i p_ii (1 − (r_i + c_i)(1 − κ))² + (1 − κ)² Σ_{i≠j} p_ij (c_i + r_j)² − (κ − pe(1 − κ))²] / (n (1 − pe)²).
 * Null where κ is undefined.
 */
export function cohensKappaInterval(table: ContingencyTable): KappaInterval | null {
  const kappa = cohensKappa(table);
  if (kappa.value === null) return null;
  const k = kappa.value;
  const n = tableTotal(table);
  const rows = rowTotals(table).map((r) => r / n);
  const cols = columnTotals(table).map((c) => c / n);
  const pe = rows.reduce((s, r, i) => s + r * cols[i], 0);
  let sum = 0;
  table.forEach((row, i) =>
    row.forEach((cell, j) => {
      const p = cell / n;
      sum += i === j ? p * (1 - (rows[i] + cols[i]) * (1 - k)) ** 2 : (1 - k) ** 2 * p * (cols[i] + rows[j]) ** 2;
    }),
  );
  const variance = (sum - (k - pe * (1 - k)) ** 2) / (n * (1 - pe) ** 2);
  return intervalAround(k, Math.sqrt(Math.max(0, variance)));
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
