import { Prng, seedFor } from '../prng';
import type { BinaryCounts } from './binary';
import { binaryHistogramCoincidences, type BinaryHistogramCell } from './binary-histogram';

// The bootstrap of Krippendorff's α by Hayes & Krippendorff (2007, Communication Methods and
// Measures 1(1)), as their KALPHA macro does it: each resample draws as many pairs of values as the
// data hold (Σ m_u(m_u − 1)/2), each pair of a unit with m_u values weighted 1/(m_u − 1), i.e.
// pair types in proportion to the coincidence matrix; the resample's α is 1 − Do*/De with the
// data's own expected disagreement De. The 95 % interval is the 2.5th and 97.5th percentile of the
// draws, and q(α_min) is the share of draws below α_min.
//
// A resample needs only the sum of the drawn pairs' differences. Where every disagreement weighs
// the same (nominal α, which is every α of present/absent codes) that sum is one binomial count,
// drawn by inverting its distribution (a table built once per figure), so a draw costs O(log σ)
// instead of O(pairs). Other metrics draw the pairs one by one, as the macro does.

export const BOOTSTRAP_DRAWS = 1000;
/** The seed a report uses unless told otherwise; it prints beside the intervals. */
export const DEFAULT_BOOTSTRAP_SEED = 2007;
/** Krippendorff's thresholds: tentative conclusions from .667, reliable data from .800. */
export const ALPHA_MINIMUMS = [0.667, 0.8] as const;

export interface AlphaInterval {
  readonly low: number;
  readonly high: number;
  /** q: the share of bootstrap draws below α_min = .667 (the probability that α fails to reach it). */
  readonly below667: number;
  /** The same for α_min = .800. */
  readonly below800: number;
}

export interface BootstrapOptions {
  readonly seed: number;
  /** Names the figure's stream: the same seed and key give the same draws, whatever else is computed. */
  readonly key: string;
  readonly draws?: number;
}

/** What a resample needs of the coincidences: the pair types with their share and squared difference, De, and the pairs per resample. */
export interface PairDistribution {
  /** Per type of unordered pair {c, k}: o_cc / n on the diagonal, 2·o_ck / n off it; they sum to 1. */
  readonly shares: readonly number[];
  readonly deltas: readonly number[];
  /** The expected disagreement De of the data, held fixed in every resample. */
  readonly expected: number;
  /** Pairs of values in the data, Σ m_u(m_u − 1)/2: the pairs drawn per resample. */
  readonly pairs: number;
}

/** The interval and q of α, or null where α has no value (no pairs, or no expected disagreement). */
export function bootstrapAlpha(distribution: PairDistribution, options: BootstrapOptions): AlphaInterval | null {
  const { expected, pairs } = distribution;
  if (!(expected > 0) || pairs < 1) return null;
  const draws = options.draws ?? BOOTSTRAP_DRAWS;
  if (!Number.isInteger(draws) || draws < 1) throw new RangeError(`bootstrap draws must be a whole number of at least 1, got ${draws}`);
  const rng = new Prng(seedFor(options.seed, options.key));
  const disagreement = disagreementSampler(distribution, rng);
  const alphas = new Float64Array(draws);
  for (let i = 0; i < draws; i++) alphas[i] = Math.max(-1, 1 - disagreement() / (pairs * expected));
  return intervalOfDraws(alphas);
}

/** Percentiles as KALPHA reads them from the sorted draws (the 25th and 976th of 1,000), and q. */
export function intervalOfDraws(alphas: Float64Array): AlphaInterval {
  alphas.sort();
  const n = alphas.length;
  const below = (min: number) => {
    let count = 0;
    while (count < n && alphas[count] < min) count += 1;
    return count / n;
  };
  return {
    low: alphas[Math.max(0, Math.floor(0.025 * n) - 1)],
    high: alphas[Math.min(n - 1, Math.floor(0.975 * n))],
    below667: below(ALPHA_MINIMUMS[0]),
    below800: below(ALPHA_MINIMUMS[1]),
  };
}

/** A function returning one resample's summed squared differences. */
function disagreementSampler(d: PairDistribution, rng: Prng): () => number {
  const weights = [...new Set(d.deltas.filter((x, i) => x > 0 && d.shares[i] > 0))];
  if (weights.length <= 1) {
    // Every disagreeing pair weighs the same: the sum is that weight times a binomial count.
    const p = d.deltas.reduce((s, x, i) => s + (x > 0 ? d.shares[i] : 0), 0);
    const count = binomialSampler(d.pairs, Math.min(1, p), rng);
    const weight = weights[0] ?? 0;
    return () => weight * count();
  }
  const cumulative = new Float64Array(d.shares.length);
  let total = 0;
  d.shares.forEach((s, i) => (cumulative[i] = total += s));
  const deltas = Float64Array.from(d.deltas);
  return () => {
    let sum = 0;
    for (let i = 0; i < d.pairs; i++) sum += deltas[firstAbove(cumulative, rng.float() * total)];
    return sum;
  };
}

const NEGLIGIBLE = 1e-17;

/**
 * Draws from Binomial(trials, p) by inverting its distribution, tabulated once from the mode
 * outwards until the probabilities become negligible (about ±9 standard deviations).
 */
export function binomialSampler(trials: number, p: number, rng: Prng): () => number {
  if (p <= 0) return () => 0;
  if (p >= 1) return () => trials;
  const mode = Math.min(trials, Math.floor((trials + 1) * p));
  const odds = p / (1 - p);
  const up: number[] = [];
  for (let k = mode, w = 1; k < trials; k++) {
    w *= ((trials - k) / (k + 1)) * odds;
    if (w < NEGLIGIBLE) break;
    up.push(w);
  }
  const down: number[] = [];
  for (let k = mode, w = 1; k > 0; k--) {
    w *= k / (trials - k + 1) / odds;
    if (w < NEGLIGIBLE) break;
    down.push(w);
  }
  const first = mode - down.length;
  const weights = [...down.reverse(), 1, ...up];
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, i) => (cumulative[i] = total += w));
  return () => first + firstAbove(cumulative, rng.float() * total);
}

/** The first index whose cumulative value exceeds u (binary search; the last index when none does). */
function firstAbove(cumulative: Float64Array, u: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Two coders who both rated every unit: one pair per unit, present/absent. */
export function binaryPairDistribution(counts: BinaryCounts): PairDistribution {
  const units = counts.both + counts.onlyA + counts.onlyB + counts.neither;
  const mixed = counts.onlyA + counts.onlyB;
  return presentAbsentDistribution(2 * counts.both, 2 * counts.neither, mixed, units);
}

/** Many coders with missing values, counted as (raters, present) cells. */
export function histogramPairDistribution(cells: readonly BinaryHistogramCell[]): PairDistribution {
  const { both1, both0, mixed, pairs } = binaryHistogramCoincidences(cells);
  return presentAbsentDistribution(both1, both0, mixed, pairs);
}

/** From the coincidences o_11, o_00 and o_01 (= o_10) of a present/absent variable. */
function presentAbsentDistribution(both1: number, both0: number, mixed: number, pairs: number): PairDistribution {
  const n1 = both1 + mixed;
  const n0 = both0 + mixed;
  const n = n0 + n1;
  if (n < 2) return { shares: [], deltas: [], expected: 0, pairs: 0 };
  return {
    shares: [both1 / n, (2 * mixed) / n, both0 / n],
    deltas: [0, 1, 0],
    expected: (2 * n0 * n1) / (n * (n - 1)),
    pairs,
  };
}
