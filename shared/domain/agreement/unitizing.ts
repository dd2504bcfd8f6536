import { Prng, seedFor } from '../prng';
import { BOOTSTRAP_DRAWS, intervalOfDraws, type AlphaInterval, type BootstrapOptions } from './alpha-bootstrap';
import { definedStat, undefinedStat, type Stat } from './result';

// Krippendorff's α for unitized continua: coders cut a continuum (here: text, in UTF-16 code units)
// into units of their own choosing and give each unit a category; whatever no unit covers is gap.
//
// Per category (Krippendorff 1995; 2004, Content Analysis 2nd ed. and Quality & Quantity 38):
// the squared distances between each coder's units and gaps, against those expected when the same
// units and gaps are placed at random. Over all categories: the sums of the per-category observed
// and expected disagreements. Across categories (Krippendorff, Mathet, Bouvry & Widlöcher 2016,
// Quality & Quantity 50): coincidences of the lengths where two coders' segments intersect, as in
// α for predefined units, where a segment cannot pair with itself; |uα ignores categories (coded
// or not), cuα compares categories where coded stretches of two coders coincide.

/** A half-open stretch [start, end) of the continuum that one coder marked with a category. */
export interface UnitizedSpan {
  readonly category: string;
  readonly start: number;
  readonly end: number;
}

export interface UnitizingData {
  /** Length of the continuum; every span lies in [0, length). */
  readonly length: number;
  /** One list of spans per coder; a coder with no spans marked nothing as relevant. */
  readonly coders: readonly (readonly UnitizedSpan[])[];
}

export interface CategoryUnitizing {
  readonly category: string;
  /** Units of the category over all coders. */
  readonly units: number;
  readonly observed: number;
  readonly expected: number;
  /** The category against everything else on the continuum. */
  readonly alpha: Stat;
}

export interface UnitizingAlpha {
  readonly categories: readonly CategoryUnitizing[];
  /**
   * uα over all categories as Krippendorff (2004) pools it: 1 − Σ observed / Σ expected of the
   * categories. Not the 2016 uα, whose nominal coincidences need every coder's text cut into mutually
   * exclusive values; codes that overlap one another, common in free coding, have no place in it.
   */
  readonly alpha: Stat;
  /** |uα: coded against uncoded, whatever the category. */
  readonly binary: Stat;
  /** cuα: which category, where coded stretches of different coders coincide. */
  readonly coding: Stat;
}

export const UNITIZING_REASONS = {
  noUnits: 'no variation: no coder marked a unit',
  noGap: 'no variation: every coder marked the whole text',
  noCoincidence: 'no coded stretches of two coders overlap, so there is no coding to compare',
  oneCategory: 'no variation: every overlapping coded stretch has the same code',
} as const;

interface Segment {
  readonly start: number;
  readonly end: number;
  /** A unit of the category (or, for |uα, of any category); false for a gap. */
  readonly unit: boolean;
}

export function unitizingAlpha(data: UnitizingData): UnitizingAlpha {
  checkData(data);
  const byCategory = unitsByCategory(data);
  const perCategory = [...byCategory].map(([category, units]) => unitizingOf(category, units, data.length));
  const observed = perCategory.reduce((s, c) => s + c.observed, 0);
  const expected = perCategory.reduce((s, c) => s + c.expected, 0);
  return {
    categories: perCategory,
    alpha: expected === 0 ? undefinedStat(UNITIZING_REASONS.noUnits) : definedStat(1 - observed / expected),
    binary: binaryAlpha(data),
    coding: codingAlpha(data.coders.length, byCategory),
  };
}

/** Per category (sorted), per coder: the coder's units of it, sorted, a coder's overlapping ones joined. */
function unitsByCategory(data: UnitizingData): Map<string, Stretch[][]> {
  const grouped = new Map<string, UnitizedSpan[][]>();
  data.coders.forEach((spans, i) => {
    for (const s of spans) {
      let lists = grouped.get(s.category);
      if (!lists) grouped.set(s.category, (lists = data.coders.map(() => [])));
      lists[i].push(s);
    }
  });
  return new Map([...grouped.keys()].sort().map((c) => [c, grouped.get(c)!.map(disjointUnits)] as const));
}

/** uα of one category (Krippendorff 2004's cuα): its units against the rest of the continuum. */
export function categoryUnitizing(data: UnitizingData, category: string): CategoryUnitizing {
  checkData(data);
  return unitizingOf(category, unitsByCategory(data).get(category) ?? data.coders.map(() => []), data.length);
}

function unitizingOf(category: string, units: readonly Stretch[][], L: number): CategoryUnitizing {
  const m = units.length;
  const segments = units.map((u) => segmentation(u, L));
  let distances = 0;
  for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) distances += 2 * pairDistances(segments[i], segments[j]);
  const count = units.reduce((s, u) => s + u.length, 0);
  const observed = count === 0 ? 0 : distances / (m * (m - 1) * L * L);
  const expected = count === 0 ? 0 : expectedDisagreement(segments, count, m, L);
  const alpha =
    count === 0 ? undefinedStat(UNITIZING_REASONS.noUnits) : expected === 0 ? undefinedStat(UNITIZING_REASONS.noGap) : definedStat(1 - observed / expected);
  return { category, units: count, observed, expected, alpha };
}

function checkData(data: UnitizingData): void {
  const { length } = data;
  if (!Number.isInteger(length) || length < 1) throw new RangeError(`continuum length must be a whole number of at least 1, got ${length}`);
  if (data.coders.length < 2) throw new RangeError(`unitizing agreement needs two or more coders, got ${data.coders.length}`);
  for (const spans of data.coders) {
    for (const { start, end } of spans) {
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || end > length) {
        throw new RangeError(`span [${start},${end}) is empty or lies outside a continuum of length ${length}`);
      }
    }
  }
}

interface Stretch {
  start: number;
  end: number;
}

/** A stretch of the continuum that the bootstrap keeps whole (a document), its spans counted from 0. */
export type UnitizingSection = UnitizingData;

export interface UnitizingIntervals {
  readonly alpha: AlphaInterval | null;
  readonly binary: AlphaInterval | null;
  readonly coding: AlphaInterval | null;
  readonly categories: ReadonlyMap<string, AlphaInterval | null>;
}

/**
 * Fewer documents than this give no uα interval: resampling 5 documents, the intervals of simulated
 * studies held the population's uα, |uα and cuα 84, 85 and 69 % of the time; from 10 documents on,
 * 89–95 % (tests/unit/agreement/unitizing-intervals.test.ts).
 */
export const UNITIZING_MIN_SECTIONS = 10;

/**
 * 95 % intervals of uα, |uα, cuα and each category's uα, with q (the share of draws below .667 and
 * .800) as for α (Hayes & Krippendorff 2007). A unitized text has no units of its own to resample, so
 * each draw takes as many sections (documents) as there are, with replacement, puts them end to end
 * and computes the coefficients again: the spread across the documents the study could have had.
 * No interval with fewer than UNITIZING_MIN_SECTIONS sections, or where the value itself is
 * undefined; a draw in which a value is undefined (say, no passage of a rare code drawn) is left out
 * of its percentiles.
 */
export function unitizingIntervals(sections: readonly UnitizingSection[], options: BootstrapOptions): UnitizingIntervals {
  const data = concatenate(sections);
  if (data.length === 0 || data.coders.length < 2) return { alpha: null, binary: null, coding: null, categories: new Map() };
  const full = unitizingAlpha(data);
  const none: UnitizingIntervals = { alpha: null, binary: null, coding: null, categories: new Map(full.categories.map((c) => [c.category, null])) };
  if (sections.length < UNITIZING_MIN_SECTIONS) return none;
  const draws = options.draws ?? BOOTSTRAP_DRAWS;
  if (!Number.isInteger(draws) || draws < 1) throw new RangeError(`bootstrap draws must be a whole number of at least 1, got ${draws}`);
  const rng = new Prng(seedFor(options.seed, options.key));
  const collected = { alpha: [] as number[], binary: [] as number[], coding: [] as number[], categories: new Map(full.categories.map((c) => [c.category, [] as number[]])) };
  for (let d = 0; d < draws; d++) {
    const drawn = concatenate(sections.map(() => sections[rng.int(sections.length)]));
    if (drawn.length === 0) continue;
    const r = unitizingAlpha(drawn);
    if (r.alpha.value !== null) collected.alpha.push(r.alpha.value);
    if (r.binary.value !== null) collected.binary.push(r.binary.value);
    if (r.coding.value !== null) collected.coding.push(r.coding.value);
    for (const c of r.categories) if (c.alpha.value !== null) collected.categories.get(c.category)?.push(c.alpha.value);
  }
  const interval = (stat: Stat, values: number[]) => (stat.value === null || values.length === 0 ? null : intervalOfDraws(Float64Array.from(values)));
  return {
    alpha: interval(full.alpha, collected.alpha),
    binary: interval(full.binary, collected.binary),
    coding: interval(full.coding, collected.coding),
    categories: new Map(full.categories.map((c) => [c.category, interval(c.alpha, collected.categories.get(c.category)!)])),
  };
}

/** Sections end to end: one continuum, each section's spans moved by the length before it. */
function concatenate(sections: readonly UnitizingSection[]): UnitizingData {
  const m = sections[0]?.coders.length ?? 0;
  const coders = Array.from({ length: m }, (): UnitizedSpan[] => []);
  let offset = 0;
  for (const s of sections) {
    if (s.coders.length !== m) throw new RangeError(`every section needs the same ${m} coders, got ${s.coders.length}`);
    s.coders.forEach((spans, i) => {
      for (const u of spans) coders[i].push({ category: u.category, start: u.start + offset, end: u.end + offset });
    });
    offset += s.length;
  }
  return { length: offset, coders };
}

/** Sorted units; overlapping ones of one coder join, touching ones stay two units. */
function disjointUnits(spans: readonly Stretch[]): Stretch[] {
  const sorted = [...spans].sort((x, y) => x.start - y.start || x.end - y.end);
  const out: Stretch[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

/** The continuum cut into a coder's units and the gaps between them. */
function segmentation(units: readonly Stretch[], length: number): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const u of units) {
    if (u.start > at) out.push({ start: at, end: u.start, unit: false });
    out.push({ start: u.start, end: u.end, unit: true });
    at = u.end;
  }
  if (at < length) out.push({ start: at, end: length, unit: false });
  return out;
}

/**
 * Σ δ² over the overlapping segments of two coders (Krippendorff 2004): two units differ by
 * the squares of their start and end offsets; a unit lying wholly in the other's gap by its squared
 * length; every other pair by nothing. Only overlapping pairs can differ, so one sweep finds them.
 */
function pairDistances(a: readonly Segment[], b: readonly Segment[]): number {
  let total = 0;
  intersectDisjoint(a, b, (g, h) => {
    if (g.unit && h.unit) total += (g.start - h.start) ** 2 + (g.end - h.end) ** 2;
    else if (g.unit && !h.unit && h.start <= g.start && g.end <= h.end) total += (g.end - g.start) ** 2;
    else if (!g.unit && h.unit && g.start <= h.start && h.end <= g.end) total += (h.end - h.start) ** 2;
  });
  return total;
}

/**
 * The disagreement expected when every unit may fall anywhere (Krippendorff 2004):
 * (2/L) Σ_units [ (N − 1)(2l³ − 3l² + l)/3 + l² Σ_{gaps ≥ l} (gap − l + 1) ] / (mL(mL − 1) − Σ_units l(l − 1)).
 */
function expectedDisagreement(segments: readonly Segment[][], count: number, m: number, L: number): number {
  let gapCount = 0;
  for (const s of segments) for (const x of s) if (!x.unit) gapCount += 1;
  const gaps = new Float64Array(gapCount);
  let g = 0;
  for (const s of segments) for (const x of s) if (!x.unit) gaps[g++] = x.end - x.start;
  gaps.sort();
  // Suffix sums: how many gaps are at least l long, and their total length, by binary search.
  const suffix = new Float64Array(gaps.length + 1);
  for (let k = gaps.length - 1; k >= 0; k--) suffix[k] = suffix[k + 1] + gaps[k];
  const firstAtLeast = (l: number) => {
    let lo = 0;
    let hi = gaps.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (gaps[mid] < l) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  let numerator = 0;
  let selfPairs = 0;
  for (const s of segments) {
    for (const u of s) {
      if (!u.unit) continue;
      const l = u.end - u.start;
      const k = firstAtLeast(l);
      const fitting = suffix[k] - (l - 1) * (gaps.length - k);
      numerator += ((count - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3 + l * l * fitting;
      selfPairs += l * (l - 1);
    }
  }
  return ((2 / L) * numerator) / (m * L * (m * L - 1) - selfPairs);
}

/** Length of the intersection of two half-open stretches. */
function overlap(a: Stretch, b: Stretch): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/**
 * |uα: every coder's units of any category joined into "coded", the rest "uncoded". Coincidences are
 * the lengths where two coders' segments intersect; a unit cannot pair with itself (its l² pairings
 * are left out of the expected coincidences), a gap's characters only with themselves (l).
 */
function binaryAlpha(data: UnitizingData): Stat {
  const m = data.coders.length;
  // Each unit keeps its own self-pairing (2016: |uα collapses the matrix of all values, whose units
  // stay units); only units of one coder that overlap one another, possible with free coding but
  // outside the 2016 definition, become one coded stretch, so no character pairs with itself twice.
  const segments = data.coders.map((spans) => segmentation(disjointUnits(spans), data.length));
  let coded = 0;
  let selfPairs = 0;
  for (const s of segments) {
    for (const x of s) {
      const l = x.end - x.start;
      if (x.unit) coded += l;
      selfPairs += x.unit ? l * l : l;
    }
  }
  const total = m * data.length;
  const uncoded = total - coded;
  if (coded === 0) return undefinedStat(UNITIZING_REASONS.noUnits);
  if (uncoded === 0) return undefinedStat(UNITIZING_REASONS.noGap);
  let mixed = 0;
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      intersectDisjoint(segments[i], segments[j], (x, y, length) => {
        if (x.unit !== y.unit) mixed += 2 * length;
      });
    }
  }
  // Coded–uncoded coincidences, observed and expected, both off the diagonal of a 2 × 2 matrix.
  const observed = mixed / (m - 1);
  const expected = (2 * coded * uncoded) / (total - selfPairs / total);
  return definedStat(1 - observed / expected);
}

/**
 * cuα: categories where the units of two coders intersect, gaps left out. A unit's pairable length
 * is its share of the coincidences (its intersections with the other coders' units over m − 1);
 * it cannot pair with itself, so the square of that length leaves its category's expected diagonal.
 */
function codingAlpha(m: number, byCategory: ReadonlyMap<string, readonly Stretch[][]>): Stat {
  const n = byCategory.size;
  // Per coder, every unit of every category sorted by start; a coder's codes may overlap one another.
  const units = Array.from({ length: m }, (_, i) =>
    [...byCategory.values()].flatMap((lists, k) => lists[i].map((u) => ({ start: u.start, end: u.end, category: k, pairable: 0 }))).sort((x, y) => x.start - y.start),
  );
  const matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      intersectOverlapping(units[i], units[j], (x, y, length) => {
        const share = length / (m - 1);
        matrix[x.category][y.category] += share;
        matrix[y.category][x.category] += share;
        x.pairable += share;
        y.pairable += share;
      });
    }
  }
  const margins = matrix.map((row) => row.reduce((s, v) => s + v, 0));
  const total = margins.reduce((s, v) => s + v, 0);
  if (total === 0) return undefinedStat(UNITIZING_REASONS.noCoincidence);
  // Only the off-diagonal cells enter α; the diagonal's self-pairings still scale every expected cell.
  let selfPairs = 0;
  for (const list of units) for (const u of list) selfPairs += u.pairable ** 2;
  let observedOff = 0;
  let expectedOff = 0;
  const scale = total - selfPairs / total;
  for (let c = 0; c < n; c++) {
    for (let k = 0; k < n; k++) {
      if (c === k) continue;
      observedOff += matrix[c][k];
      expectedOff += (margins[c] * margins[k]) / scale;
    }
  }
  if (expectedOff === 0) return undefinedStat(UNITIZING_REASONS.oneCategory);
  return definedStat(1 - observedOff / expectedOff);
}

/**
 * Every intersecting pair of two start-sorted lists whose members may overlap one another: b's
 * members are taken in as a's starts pass them and dropped once they end before a's start, so the
 * cost follows the lists plus the overlaps, not their product.
 */
function intersectOverlapping<X extends Stretch>(a: readonly X[], b: readonly X[], f: (x: X, y: X, length: number) => void): void {
  let active: X[] = [];
  let next = 0;
  for (const x of a) {
    active = active.filter((y) => y.end > x.start);
    while (next < b.length && b[next].start < x.end) {
      if (b[next].end > x.start) active.push(b[next]);
      next += 1;
    }
    for (const y of active) {
      const length = overlap(x, y);
      if (length > 0) f(x, y, length);
    }
  }
}

/** Every intersecting pair of two sorted lists, each of disjoint stretches, in one sweep. */
function intersectDisjoint<X extends Stretch>(a: readonly X[], b: readonly X[], f: (x: X, y: X, length: number) => void): void {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const length = overlap(a[i], b[j]);
    if (length > 0) f(a[i], b[j], length);
    if (a[i].end <= b[j].end) i += 1;
    else j += 1;
  }
}
