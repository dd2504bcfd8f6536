import { bootstrapAlpha, type AlphaInterval, type BootstrapOptions } from './alpha-bootstrap';
import { REASONS, definedStat, undefinedStat, type Stat } from './result';

export type AlphaValue = number | string;
export type AlphaMetric = 'nominal' | 'ordinal' | 'interval' | 'ratio';
/** Reliability data: one row per coder, one column per unit, null where a coder gave no value. */
export type ReliabilityData = readonly (readonly (AlphaValue | null)[])[];

export interface AlphaOptions {
  readonly metric?: AlphaMetric;
  /** Rank order of the values, needed for ordinal alpha on text values. */
  readonly order?: readonly AlphaValue[];
}

export interface Coincidences {
  /** The distinct values, in the order the matrix rows use. */
  readonly values: readonly AlphaValue[];
  readonly matrix: readonly (readonly number[])[];
  /** Units with at least two values; the others cannot be paired and are dropped. */
  readonly pairableUnits: number;
  readonly droppedUnits: number;
  /** Sum of the matrix: the number of values in pairable units. */
  readonly pairableValues: number;
  /** Pairs of values within units, Σ m_u(m_u − 1)/2. */
  readonly pairs: number;
}

/**
 * Krippendorff's alpha for any number of coders, with missing values, by the coincidence-matrix
 * method: alpha = 1 − (n − 1) · Σ o_ck δ²_ck / Σ n_c n_k δ²_ck.
 */
export function krippendorffAlpha(data: ReliabilityData, options: AlphaOptions = {}): Stat {
  const { coincidences, observed, expected } = disagreements(data, options);
  const n = coincidences.pairableValues;
  if (coincidences.pairableUnits === 0) return undefinedStat(REASONS.noPairableUnits);
  if (expected === 0) return undefinedStat(REASONS.oneCategoryAll);
  return definedStat(1 - ((n - 1) * observed) / expected);
}

/** The 95 % interval and q of α by the bootstrap of Hayes & Krippendorff (2007); null where α is undefined. */
export function krippendorffAlphaInterval(data: ReliabilityData, options: AlphaOptions, bootstrap: BootstrapOptions): AlphaInterval | null {
  const { coincidences, delta, expected } = disagreements(data, options);
  const { matrix, pairableValues: n, pairs } = coincidences;
  if (coincidences.pairableUnits === 0 || expected === 0) return null;
  const shares: number[] = [];
  const deltas: number[] = [];
  for (let c = 0; c < matrix.length; c++) {
    for (let k = c; k < matrix.length; k++) {
      shares.push(((c === k ? 1 : 2) * matrix[c][k]) / n);
      deltas.push(delta(c, k));
    }
  }
  return bootstrapAlpha({ shares, deltas, expected: expected / (n * (n - 1)), pairs }, bootstrap);
}

/** Σ o_ck δ²_ck and Σ n_c n_k δ²_ck, with the coincidences and the metric they come from. */
function disagreements(data: ReliabilityData, options: AlphaOptions) {
  const metric = options.metric ?? 'nominal';
  const coincidences = coincidenceMatrix(data, valueOrder(data, metric, options.order));
  const { values, matrix } = coincidences;
  const margins = matrix.map((row) => row.reduce((s, cell) => s + cell, 0));
  const delta = distance(metric, values, margins);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < values.length; c++) {
    for (let k = 0; k < values.length; k++) {
      const d = delta(c, k);
      observed += matrix[c][k] * d;
      expected += margins[c] * margins[k] * d;
    }
  }
  return { coincidences, delta, observed, expected };
}

/** Coincidences of values within units; each pairable unit contributes m_u values in total. */
export function coincidenceMatrix(data: ReliabilityData, order?: readonly AlphaValue[]): Coincidences {
  const units = unitsOf(data);
  const values = order ? [...order] : distinctValues(units);
  const index = new Map(values.map((value, i) => [value, i] as const));
  const matrix = values.map(() => values.map(() => 0));
  let pairableUnits = 0;
  for (const unit of units) {
    if (unit.length < 2) continue;
    pairableUnits += 1;
    const counts = countByIndex(unit, index);
    for (const [c, nc] of counts) {
      for (const [k, nk] of counts) {
        matrix[c][k] += (nc * (c === k ? nk - 1 : nk)) / (unit.length - 1);
      }
    }
  }
  const pairableValues = units.reduce((s, unit) => s + (unit.length >= 2 ? unit.length : 0), 0);
  const pairs = units.reduce((s, unit) => s + (unit.length * (unit.length - 1)) / 2, 0);
  return { values, matrix, pairableUnits, droppedUnits: units.length - pairableUnits, pairableValues, pairs };
}

function unitsOf(data: ReliabilityData): AlphaValue[][] {
  const unitCount = data.length === 0 ? 0 : data[0].length;
  for (const coder of data) {
    if (coder.length !== unitCount) throw new RangeError(`every coder needs a column per unit: ${coder.length} vs ${unitCount}`);
  }
  const units: AlphaValue[][] = [];
  for (let u = 0; u < unitCount; u++) {
    const unit: AlphaValue[] = [];
    for (const coder of data) {
      const value = coder[u];
      if (value === null) continue;
      if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`value ${value} in unit ${u} is not a number`);
      unit.push(value);
    }
    units.push(unit);
  }
  return units;
}

function distinctValues(units: readonly (readonly AlphaValue[])[]): AlphaValue[] {
  return [...new Set(units.flat())];
}

function countByIndex(unit: readonly AlphaValue[], index: ReadonlyMap<AlphaValue, number>): Map<number, number> {
  const counts = new Map<number, number>();
  for (const value of unit) {
    const i = index.get(value);
    if (i === undefined) throw new RangeError(`value ${String(value)} is missing from the given order`);
    counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  return counts;
}

function valueOrder(data: ReliabilityData, metric: AlphaMetric, order?: readonly AlphaValue[]): readonly AlphaValue[] | undefined {
  if (metric === 'nominal') return order;
  const present = [...new Set(data.flat().filter((v): v is AlphaValue => v !== null))];
  if (metric === 'ordinal' && order) return order;
  if (present.some((v) => typeof v !== 'number')) {
    throw new RangeError(
      metric === 'ordinal'
        ? 'ordinal alpha on text values needs an explicit order'
        : `${metric} alpha needs numeric values`,
    );
  }
  return (present as number[]).sort((x, y) => x - y);
}

type Delta = (c: number, k: number) => number;

function distance(metric: AlphaMetric, values: readonly AlphaValue[], margins: readonly number[]): Delta {
  switch (metric) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'ordinal':
      return ordinalDistance(margins);
    case 'interval':
      return (c, k) => ((values[c] as number) - (values[k] as number)) ** 2;
    case 'ratio':
      return (c, k) => ratioDistance(values[c] as number, values[k] as number);
  }
}

// Ordinal distance counts how many values lie between two ranks, so ranks matter, not magnitudes.
function ordinalDistance(margins: readonly number[]): Delta {
  const cumulative = [0];
  margins.forEach((m, i) => cumulative.push(cumulative[i] + m));
  return (c, k) => {
    const low = Math.min(c, k);
    const high = Math.max(c, k);
    const between = cumulative[high + 1] - cumulative[low];
    return (between - (margins[c] + margins[k]) / 2) ** 2;
  };
}

function ratioDistance(x: number, y: number): number {
  const sum = x + y;
  return sum === 0 ? 0 : ((x - y) / sum) ** 2;
}
