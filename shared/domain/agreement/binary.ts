import { binaryPairDistribution, bootstrapAlpha, type AlphaInterval, type BootstrapOptions } from './alpha-bootstrap';
import { cohensKappaInterval, krippendorffAlphaTwoCoders, gwetsAc1, observedAgreement, pabak } from './two-coder-nominal';
import { REASONS, definedStat, ratioStat, undefinedStat, withheldStat, type KappaInterval, type Stat } from './result';

/** Two coders' present/absent decisions for one code, counted over units. */
export interface BinaryCounts {
  readonly both: number;
  readonly onlyA: number;
  readonly onlyB: number;
  readonly neither: number;
}

export interface BinaryAgreement extends BinaryCounts {
  readonly units: number;
  /** Units that at least one coder marked as present. */
  readonly positiveUnits: number;
  readonly tooFewToJudge: boolean;
  readonly percentAgreement: Stat;
  readonly kappa: Stat;
  readonly alpha: Stat;
  readonly ac1: Stat;
  readonly pabak: Stat;
  /** 2a / (2a + b + c): agreement on presence only, blind to the (usually huge) "neither" cell. */
  readonly positiveAgreement: Stat;
  /** 95 % interval of κ from its large-sample standard error; null where κ is withheld or undefined. */
  readonly kappaInterval: KappaInterval | null;
  /** 95 % bootstrap interval of α and q (Hayes & Krippendorff 2007), when asked for; null where α is withheld or undefined. */
  readonly alphaInterval: AlphaInterval | null;
}

/**
 * Large-sample standard error of Cohen's κ (Fleiss, Cohen & Everitt 1969, not the null-hypothesis
 * one) of the 2×2 table; the interval is κ ± 1.96 SE, clipped to [−1, 1]. Null when κ is undefined.
 */
export function kappaInterval(counts: BinaryCounts): KappaInterval | null {
  return binaryKappa(counts).value === null ? null : cohensKappaInterval(binaryTable(counts));
}

export interface BinaryOptions {
  /** Below this many positive units kappa and alpha are too unstable to report. */
  readonly minPositiveUnits?: number;
  /** Bootstrap α's interval with this seed and stream; left out, no interval (it costs a thousand draws). */
  readonly bootstrap?: BootstrapOptions;
}

export const DEFAULT_MIN_POSITIVE_UNITS = 5;

const NONE_MARKED = 'no variation: neither coder marked the code on any unit';
const ALL_MARKED = 'no variation: both coders marked the code on every unit';

export function binaryCounts(a: readonly boolean[], b: readonly boolean[]): BinaryCounts {
  if (a.length !== b.length) throw new RangeError(`coders rated different numbers of units: ${a.length} and ${b.length}`);
  let both = 0;
  let onlyA = 0;
  let onlyB = 0;
  a.forEach((present, unit) => {
    if (present && b[unit]) both += 1;
    else if (present) onlyA += 1;
    else if (b[unit]) onlyB += 1;
  });
  return { both, onlyA, onlyB, neither: a.length - both - onlyA - onlyB };
}

/** The counts as a 2×2 contingency table, category "present" first, rows = coder A. */
export function binaryTable(counts: BinaryCounts): number[][] {
  return [
    [counts.both, counts.onlyA],
    [counts.onlyB, counts.neither],
  ];
}

export function binaryTotal(counts: BinaryCounts): number {
  return counts.both + counts.onlyA + counts.onlyB + counts.neither;
}

/**
 * Cohen's kappa of a 2×2 table in the closed form 2(ad − bc) / ((a+b)(b+d) + (a+c)(c+d)).
 * Unlike (po − pe)/(1 − pe) it gives exactly 0 when one coder marked nothing and the other something.
 */
export function binaryKappa(counts: BinaryCounts): Stat {
  const n = binaryTotal(counts);
  if (n === 0) return undefinedStat(REASONS.noUnits);
  const a = counts.both / n;
  const b = counts.onlyA / n;
  const c = counts.onlyB / n;
  const d = counts.neither / n;
  const denominator = (a + b) * (b + d) + (a + c) * (c + d);
  if (denominator === 0) return undefinedStat(d > 0 ? NONE_MARKED : ALL_MARKED);
  return definedStat((2 * (a * d - b * c)) / denominator);
}

export function positiveAgreement(counts: BinaryCounts): Stat {
  const { both, onlyA, onlyB } = counts;
  return ratioStat(2 * both, 2 * both + onlyA + onlyB, 'neither coder marked the code on any unit');
}

export function binaryAgreement(a: readonly boolean[], b: readonly boolean[], options: BinaryOptions = {}): BinaryAgreement {
  return binaryAgreementFromCounts(binaryCounts(a, b), options);
}

export function binaryAgreementFromCounts(counts: BinaryCounts, options: BinaryOptions = {}): BinaryAgreement {
  assertCounts(counts);
  const minPositive = options.minPositiveUnits ?? DEFAULT_MIN_POSITIVE_UNITS;
  const positiveUnits = counts.both + counts.onlyA + counts.onlyB;
  const tooFewToJudge = positiveUnits < minPositive;
  const table = binaryTable(counts);
  const kappa = binaryKappa(counts);
  const alpha = withBinaryReason(krippendorffAlphaTwoCoders(table), counts);
  return {
    both: counts.both,
    onlyA: counts.onlyA,
    onlyB: counts.onlyB,
    neither: counts.neither,
    units: binaryTotal(counts),
    positiveUnits,
    tooFewToJudge,
    percentAgreement: observedAgreement(table),
    kappa: tooFewToJudge ? withheldStat(kappa, positiveUnits, minPositive) : kappa,
    alpha: tooFewToJudge ? withheldStat(alpha, positiveUnits, minPositive) : alpha,
    ac1: gwetsAc1(table),
    pabak: pabak(table),
    positiveAgreement: positiveAgreement(counts),
    kappaInterval: tooFewToJudge ? null : kappaInterval(counts),
    alphaInterval: tooFewToJudge || !options.bootstrap || alpha.value === null ? null : bootstrapAlpha(binaryPairDistribution(counts), options.bootstrap),
  };
}

function withBinaryReason(stat: Stat, counts: BinaryCounts): Stat {
  if (stat.value !== null || binaryTotal(counts) === 0) return stat;
  return undefinedStat(counts.neither > 0 ? NONE_MARKED : ALL_MARKED);
}

function assertCounts(counts: BinaryCounts): void {
  for (const name of ['both', 'onlyA', 'onlyB', 'neither'] as const) {
    const value = counts[name];
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a count >= 0, got ${value}`);
  }
}
