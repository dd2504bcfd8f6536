import {
  DEFAULT_MIN_POSITIVE_UNITS,
  fleissKappaBinaryHistogram,
  fleissKappaIntervalBinaryHistogram,
  krippendorffAlphaBinaryHistogram,
  bootstrapAlpha,
  histogramPairDistribution,
  ratioStat,
  summarizeStats,
  undefinedStat,
  withheldStat,
  type BinaryHistogramCell,
  type AlphaInterval,
  type KappaInterval,
  type Stat,
  type StatSummary,
} from '../../../shared/domain/agreement';
import { countBits, hasBit, makeBits, setBit, type Bits } from './bitset';
import type { AgreementUnit, UnitCoding, UnitSetMode } from './unit-agreement';

// Three or more coders: a coder rates every unit of the documents they were given (a unit they left
// uncoded is "absent"); elsewhere their value is missing. Krippendorff's alpha takes missing values as they are;
// Fleiss' kappa needs every unit rated by everyone, so it uses only those units and says how many.

export interface MultiCoderInput {
  readonly units: readonly AgreementUnit[];
  readonly codeIds: readonly string[];
  readonly codings: readonly UnitCoding[];
  readonly coderIds: readonly string[];
  readonly unitSet?: UnitSetMode;
  /** Default: every document of the units. */
  readonly documentIds?: readonly string[];
  /** Per coder (as coderIds): the documents they were given; default every document. Elsewhere their values are missing. */
  readonly given?: readonly ReadonlySet<string>[];
  readonly minPositiveUnits?: number;
  /** Bootstrap every α's interval with this seed (a stream per figure); left out, none. */
  readonly bootstrap?: { readonly seed: number; readonly draws?: number };
}

export interface MultiCoderCode {
  readonly codeId: string;
  readonly positiveUnits: number;
  readonly tooFewToJudge: boolean;
  /** Share of rated units on which every coder who rated it gave the same answer. */
  readonly percentAgreement: Stat;
  readonly fleissKappa: Stat;
  /** κ ± 1.96 SE (Gwet 2008); null where κ is withheld or undefined. */
  readonly fleissKappaInterval: KappaInterval | null;
  readonly alpha: Stat;
  /** 95 % bootstrap interval of α and q; null where α is withheld or undefined, or no interval was asked for. */
  readonly alphaInterval: AlphaInterval | null;
}

export interface MultiCoderResult {
  readonly coders: number;
  readonly units: number;
  /** Units every coder rated: the ones Fleiss' kappa can use. */
  readonly unitsRatedByAll: number;
  readonly documentIds: readonly string[];
  readonly codes: readonly MultiCoderCode[];
  readonly unusedCodeIds: readonly string[];
  readonly pooled: { readonly fleissKappa: Stat; readonly fleissKappaInterval: KappaInterval | null; readonly alpha: Stat; readonly alphaInterval: AlphaInterval | null; readonly percentAgreement: Stat };
  readonly summaries: { readonly fleissKappa: StatSummary; readonly alpha: StatSummary; readonly percentAgreement: StatSummary };
}

export function computeMultiCoderAgreement(input: MultiCoderInput): MultiCoderResult {
  const n = input.coderIds.length;
  const minPositiveUnits = input.minPositiveUnits ?? DEFAULT_MIN_POSITIVE_UNITS;
  const alphaInterval = (alpha: Stat, cells: readonly BinaryHistogramCell[], key: string): AlphaInterval | null =>
    input.bootstrap && alpha.value !== null ? bootstrapAlpha(histogramPairDistribution(cells), { ...input.bootstrap, key }) : null;
  const unitIndex = new Map(input.units.map((u, i) => [u.id, i] as const));
  const size = input.units.length;
  const coderIndex = new Map(input.coderIds.map((id, i) => [id, i] as const));
  const byCoderCode = input.coderIds.map(() => new Map<string, Bits>());
  const any = input.coderIds.map(() => makeBits(size));
  for (const c of input.codings) {
    const k = coderIndex.get(c.coderId);
    const u = unitIndex.get(c.unitId);
    if (k === undefined || u === undefined) continue;
    // A coding in a document the coder was not given cannot count: their value there is missing.
    if (input.given && !input.given[k].has(input.units[u].documentId)) continue;
    let bits = byCoderCode[k].get(c.codeId);
    if (!bits) {
      bits = makeBits(size);
      byCoderCode[k].set(c.codeId, bits);
    }
    setBit(bits, u);
    setBit(any[k], u);
  }

  const scope = new Set(input.documentIds ?? input.units.map((u) => u.documentId));
  const given = input.given;
  const mode = input.unitSet ?? 'coded-by-any';
  const raters = new Uint8Array(size);
  const mask = makeBits(size);
  input.units.forEach((unit, u) => {
    if (!scope.has(unit.documentId)) return;
    let coded = 0;
    let rating = 0;
    input.coderIds.forEach((_, k) => {
      if (!given || given[k].has(unit.documentId)) rating += 1;
      if (hasBit(any[k], u)) coded += 1;
    });
    const keep = mode === 'all-units' || (mode === 'coded-by-any' ? coded > 0 : coded === n);
    if (keep && rating > 1) {
      setBit(mask, u);
      raters[u] = rating;
    }
  });
  const unitsWithRaters = new Array<number>(n + 1).fill(0);
  for (let u = 0; u < size; u++) if (hasBit(mask, u)) unitsWithRaters[raters[u]] += 1;

  const codes: MultiCoderCode[] = [];
  const unusedCodeIds: string[] = [];
  const pooledCells = new Map<string, { raters: number; present: number; units: number }>();
  for (const codeId of input.codeIds) {
    const sets = byCoderCode.map((m) => m.get(codeId));
    const cells = histogram(sets, mask, raters, unitsWithRaters, n);
    const positive = cells.reduce((s, c) => s + (c.present > 0 ? c.units : 0), 0);
    if (positive === 0) {
      unusedCodeIds.push(codeId);
      continue;
    }
    for (const c of cells) {
      const key = `${c.raters}|${c.present}`;
      const cell = pooledCells.get(key) ?? { raters: c.raters, present: c.present, units: 0 };
      cell.units += c.units;
      pooledCells.set(key, cell);
    }
    const tooFew = positive < minPositiveUnits;
    const kappa = fleiss(cells, n);
    const alpha = krippendorffAlphaBinaryHistogram(cells);
    codes.push({
      codeId,
      positiveUnits: positive,
      tooFewToJudge: tooFew,
      percentAgreement: unanimity(cells),
      fleissKappa: tooFew ? withheldStat(kappa, positive, minPositiveUnits) : kappa,
      fleissKappaInterval: tooFew ? null : fleissInterval(cells, n),
      alpha: tooFew ? withheldStat(alpha, positive, minPositiveUnits) : alpha,
      alphaInterval: tooFew ? null : alphaInterval(alpha, cells, `code:${codeId}`),
    });
  }
  const pooled = [...pooledCells.values()];
  const pooledAlpha = krippendorffAlphaBinaryHistogram(pooled);
  return {
    coders: n,
    units: countBits(mask),
    unitsRatedByAll: unitsWithRaters[n],
    documentIds: [...new Set(input.units.map((u) => u.documentId))].filter((d) => scope.has(d)),
    codes,
    unusedCodeIds,
    pooled: { fleissKappa: fleiss(pooled, n), fleissKappaInterval: fleissInterval(pooled, n), alpha: pooledAlpha, alphaInterval: alphaInterval(pooledAlpha, pooled, 'pooled'), percentAgreement: unanimity(pooled) },
    summaries: {
      fleissKappa: summarizeStats(codes.map((c) => c.fleissKappa)),
      alpha: summarizeStats(codes.map((c) => c.alpha)),
      percentAgreement: summarizeStats(codes.map((c) => c.percentAgreement)),
    },
  };
}

/** (raters, present) → units for one code; units nobody marked are counted from the totals. */
function histogram(sets: readonly (Bits | undefined)[], mask: Bits, raters: Uint8Array, unitsWithRaters: readonly number[], n: number): BinaryHistogramCell[] {
  const counts = new Map<number, number>();
  const positiveWithRaters = new Array<number>(n + 1).fill(0);
  for (let i = 0; i < mask.length; i++) {
    let either = 0;
    for (const s of sets) if (s) either |= s[i];
    let word = either & mask[i];
    while (word !== 0) {
      const low = word & -word;
      const u = (i << 5) + 31 - Math.clz32(low);
      word ^= low;
      let present = 0;
      for (const s of sets) if (s && (s[i] & low) !== 0) present += 1;
      const m = raters[u];
      positiveWithRaters[m] += 1;
      const key = m * (n + 1) + present;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const cells: BinaryHistogramCell[] = [];
  for (const [key, units] of counts) cells.push({ raters: Math.floor(key / (n + 1)), present: key % (n + 1), units });
  for (let m = 1; m <= n; m++) {
    const none = unitsWithRaters[m] - positiveWithRaters[m];
    if (none > 0) cells.push({ raters: m, present: 0, units: none });
  }
  return cells;
}

/** Units rated by all n coders, by their number of "present" votes: what Fleiss' κ uses. */
function ratedByAll(cells: readonly BinaryHistogramCell[], n: number): number[] {
  const byPresent = new Array<number>(n + 1).fill(0);
  for (const c of cells) if (c.raters === n) byPresent[c.present] += c.units;
  return byPresent;
}

function fleissInterval(cells: readonly BinaryHistogramCell[], n: number): KappaInterval | null {
  return fleissKappaIntervalBinaryHistogram(n, ratedByAll(cells, n));
}

function fleiss(cells: readonly BinaryHistogramCell[], n: number): Stat {
  const byPresent = ratedByAll(cells, n);
  const stat = fleissKappaBinaryHistogram(n, byPresent);
  return stat.value === null && byPresent.every((x) => x === 0) ? undefinedStat('no unit was rated by every coder') : stat;
}

function unanimity(cells: readonly BinaryHistogramCell[]): Stat {
  let rated = 0;
  let unanimous = 0;
  for (const c of cells) {
    if (c.raters < 2) continue;
    rated += c.units;
    if (c.present === 0 || c.present === c.raters) unanimous += c.units;
  }
  return ratioStat(unanimous, rated, 'no unit was rated by two or more coders');
}
