import { binaryKappa, kappaInterval, type BinaryCounts } from './binary';
import { definedStat, intervalAround, isDefined, ratioStat, undefinedStat, type KappaInterval, type Stat } from './result';
import { assertSpan, coveredLength, mergeSpans, overlapLength, type Span } from './spans';

// NVivo-style coding comparison: every character of the document is a unit, uncoded text counts
// as agreement. Counting is done on merged, sorted spans so cost follows the number of spans,
// not the length of the document.

/** The 2×2 table of one code in one document, in characters; length = both + onlyA + onlyB + neither. */
export interface CharacterCounts extends BinaryCounts {
  readonly length: number;
}

export interface CharacterAgreement extends CharacterCounts {
  readonly percentAgreement: Stat;
  readonly kappa: Stat;
}

export type KappaAggregation = 'mean' | 'weighted-mean' | 'pooled';

export interface AggregatedKappa {
  readonly method: KappaAggregation;
  readonly kappa: Stat;
  readonly tables: number;
  /** Tables whose own kappa is undefined and which therefore do not enter a (weighted) mean. */
  readonly excludedTables: number;
  /**
   * κ ± 1.96 SE. Pooled: the large-sample SE of the pooled table, characters taken as independent;
   * a mean: the tables' SEs combined as for independent tables, √(Σ w²·SE²) / Σ w. Null where κ has no value.
   */
  readonly kappaInterval: KappaInterval | null;
}

const EMPTY_DOCUMENT = 'empty document: no characters to compare';
const NEITHER_CODED = 'neither coder applied the code in this document: agreement is 100% but kappa is undefined';
const ALL_CODED = 'both coders coded the whole document: agreement is 100% but kappa is undefined';

export function characterCounts(length: number, a: readonly Span[], b: readonly Span[]): CharacterCounts {
  if (!Number.isInteger(length) || length < 0) throw new RangeError(`document length must be an integer >= 0, got ${length}`);
  for (const span of [...a, ...b]) assertSpan(span, length);
  const mergedA = mergeSpans(a);
  const mergedB = mergeSpans(b);
  const both = overlapLength(mergedA, mergedB);
  const onlyA = coveredLength(mergedA) - both;
  const onlyB = coveredLength(mergedB) - both;
  return { length, both, onlyA, onlyB, neither: length - both - onlyA - onlyB };
}

export function characterAgreement(length: number, a: readonly Span[], b: readonly Span[]): CharacterAgreement {
  return describeCharacterCounts(characterCounts(length, a, b));
}

export function describeCharacterCounts(counts: CharacterCounts): CharacterAgreement {
  return { ...pickCounts(counts), percentAgreement: characterPercentAgreement(counts), kappa: characterKappa(counts) };
}

export function characterPercentAgreement(counts: CharacterCounts): Stat {
  return ratioStat(counts.both + counts.neither, counts.length, EMPTY_DOCUMENT);
}

/** Cohen's kappa over characters; exactly 0 when one coder coded nothing and the other something. */
export function characterKappa(counts: CharacterCounts): Stat {
  if (counts.length === 0) return undefinedStat(EMPTY_DOCUMENT);
  const kappa = binaryKappa(counts);
  if (isDefined(kappa)) return kappa;
  return undefinedStat(counts.neither > 0 ? NEITHER_CODED : ALL_CODED);
}

export function meanKappa(tables: readonly CharacterCounts[]): AggregatedKappa {
  return weightedKappa('mean', tables, () => 1);
}

/** Mean of the per-table kappas weighted by document length. */
export function weightedMeanKappa(tables: readonly CharacterCounts[]): AggregatedKappa {
  return weightedKappa('weighted-mean', tables, (t) => t.length);
}

/** Kappa of the table obtained by adding all tables cell by cell. */
export function pooledKappa(tables: readonly CharacterCounts[]): AggregatedKappa {
  const pooled = tables.reduce<CharacterCounts>(
    (sum, t) => ({
      length: sum.length + t.length,
      both: sum.both + t.both,
      onlyA: sum.onlyA + t.onlyA,
      onlyB: sum.onlyB + t.onlyB,
      neither: sum.neither + t.neither,
    }),
    { length: 0, both: 0, onlyA: 0, onlyB: 0, neither: 0 },
  );
  const kappa = tables.length === 0 ? undefinedStat('no tables to pool') : characterKappa(pooled);
  return { method: 'pooled', kappa, tables: tables.length, excludedTables: 0, kappaInterval: isDefined(kappa) ? kappaInterval(pooled) : null };
}

export function aggregateKappa(tables: readonly CharacterCounts[], method: KappaAggregation): AggregatedKappa {
  switch (method) {
    case 'mean':
      return meanKappa(tables);
    case 'weighted-mean':
      return weightedMeanKappa(tables);
    case 'pooled':
      return pooledKappa(tables);
  }
}

function weightedKappa(
  method: KappaAggregation,
  tables: readonly CharacterCounts[],
  weightOf: (table: CharacterCounts) => number,
): AggregatedKappa {
  let weighted = 0;
  let weights = 0;
  let variance = 0;
  let excludedTables = 0;
  for (const table of tables) {
    const kappa = characterKappa(table);
    if (isDefined(kappa)) {
      const w = weightOf(table);
      weighted += w * kappa.value;
      weights += w;
      variance += (w * (kappaInterval(table)?.se ?? 0)) ** 2;
    } else {
      excludedTables += 1;
    }
  }
  if (weights === 0) {
    const kappa = undefinedStat(`no table has a defined kappa (${excludedTables} of ${tables.length} undefined)`);
    return { method, kappa, tables: tables.length, excludedTables, kappaInterval: null };
  }
  const mean = weighted / weights;
  return { method, kappa: definedStat(mean), tables: tables.length, excludedTables, kappaInterval: intervalAround(mean, Math.sqrt(variance) / weights) };
}

function pickCounts(counts: CharacterCounts): CharacterCounts {
  const { length, both, onlyA, onlyB, neither } = counts;
  return { length, both, onlyA, onlyB, neither };
}
