import {
  DEFAULT_MIN_POSITIVE_UNITS,
  mergeSpans,
  withheldStat,
  characterCounts,
  describeCharacterCounts,
  meanKappa,
  pooledKappa,
  ratioStat,
  weightedMeanKappa,
  type AggregatedKappa,
  type CharacterAgreement,
  type CharacterCounts,
  type Span,
  type Stat,
} from '../../../shared/domain/agreement';

// Character-level agreement as NVivo computes it: every character of a compared document is a
// unit, uncoded text agrees, and a coder's own overlapping spans are merged first (characterCounts).

export interface CharacterDocument {
  readonly id: string;
  readonly length: number;
}

export interface SpanCoding {
  readonly documentId: string;
  readonly codeId: string;
  readonly coderId: string;
  readonly start: number;
  readonly end: number;
}

export interface CharacterInput {
  readonly documents: readonly CharacterDocument[];
  readonly codeIds: readonly string[];
  readonly codings: readonly SpanCoding[];
  readonly coderA: string;
  readonly coderB: string;
  /** The documents both coders were given; default every document. A document a coder left uncoded counts as "no code" there. */
  readonly documentIds?: readonly string[];
  /** Codes with fewer coded passages (stretches either coder coded) have their kappa withheld, as for units. */
  readonly minPositiveUnits?: number;
}

export interface CodeCharacterAgreement {
  readonly codeId: string;
  /** Documents where at least one coder used the code; in the others every character agrees. */
  readonly documents: readonly { readonly documentId: string; readonly agreement: CharacterAgreement }[];
  /** Stretches of text either coder coded with the code (their spans merged): the character level's positive units. */
  readonly passages: number;
  readonly tooFewToJudge: boolean;
  /** Over every character of every compared document. */
  readonly percentAgreement: Stat;
  readonly pooled: AggregatedKappa;
  readonly mean: AggregatedKappa;
  readonly weighted: AggregatedKappa;
}

export interface CharacterResult {
  readonly documentIds: readonly string[];
  readonly characters: number;
  readonly codes: readonly CodeCharacterAgreement[];
  readonly unusedCodeIds: readonly string[];
  /** Over every code × document table of the used codes. */
  readonly overall: { readonly percentAgreement: Stat; readonly pooled: AggregatedKappa; readonly mean: AggregatedKappa; readonly weighted: AggregatedKappa };
}

export const PASSAGE_WORDS = ['coded passage', 'coded passages'] as const;

interface Pair {
  readonly a: Span[];
  readonly b: Span[];
}

export function computeCharacterAgreement(input: CharacterInput): CharacterResult {
  return characterAgreementWith(input, (length, pair) => characterCounts(length, pair.a, pair.b));
}

/** Marks every character in an array per coder: the obvious way, for the benchmark ratio and tests. */
export function naiveCharacterAgreement(input: CharacterInput): CharacterResult {
  return characterAgreementWith(input, (length, pair) => {
    const a = new Uint8Array(length);
    const b = new Uint8Array(length);
    for (const s of pair.a) a.fill(1, s.start, s.end);
    for (const s of pair.b) b.fill(1, s.start, s.end);
    let both = 0;
    let onlyA = 0;
    let onlyB = 0;
    for (let i = 0; i < length; i++) {
      if (a[i] && b[i]) both += 1;
      else if (a[i]) onlyA += 1;
      else if (b[i]) onlyB += 1;
    }
    return { length, both, onlyA, onlyB, neither: length - both - onlyA - onlyB };
  });
}

function characterAgreementWith(input: CharacterInput, count: (length: number, pair: Pair) => CharacterCounts): CharacterResult {
  const lengthOf = new Map(input.documents.map((d) => [d.id, d.length] as const));
  const scope = (input.documentIds ?? input.documents.map((d) => d.id)).filter((d) => lengthOf.has(d));
  const minPositive = input.minPositiveUnits ?? DEFAULT_MIN_POSITIVE_UNITS;
  const docIndex = new Map(scope.map((d, i) => [d, i] as const));
  const codeIndex = new Map(input.codeIds.map((c, i) => [c, i] as const));
  // One slot per code × compared document, filled in one pass over the codings.
  const pairs: (Pair | undefined)[] = new Array(input.codeIds.length * scope.length);
  for (const c of input.codings) {
    const isA = c.coderId === input.coderA;
    if (!isA && c.coderId !== input.coderB) continue;
    const d = docIndex.get(c.documentId);
    const k = codeIndex.get(c.codeId);
    if (d === undefined || k === undefined) continue;
    const slot = k * scope.length + d;
    let pair = pairs[slot];
    if (!pair) {
      pair = { a: [], b: [] };
      pairs[slot] = pair;
    }
    (isA ? pair.a : pair.b).push({ start: c.start, end: c.end });
  }
  const untouched = scope.map((d) => {
    const length = lengthOf.get(d)!;
    return { length, both: 0, onlyA: 0, onlyB: 0, neither: length };
  });

  const codes: CodeCharacterAgreement[] = [];
  const unusedCodeIds: string[] = [];
  const allTables: CharacterCounts[] = [];
  input.codeIds.forEach((codeId, k) => {
    const tables: CharacterCounts[] = [];
    const documents: { documentId: string; agreement: CharacterAgreement }[] = [];
    let passages = 0;
    for (let d = 0; d < scope.length; d++) {
      const pair = pairs[k * scope.length + d];
      if (!pair) {
        tables.push(untouched[d]);
        continue;
      }
      passages += mergeSpans([...pair.a, ...pair.b]).length;
      const counts = count(untouched[d].length, pair);
      tables.push(counts);
      documents.push({ documentId: scope[d], agreement: describeCharacterCounts(counts) });
    }
    if (documents.length === 0) {
      unusedCodeIds.push(codeId);
      return;
    }
    for (const t of tables) allTables.push(t);
    const tooFew = passages < minPositive;
    const hold = (a: AggregatedKappa): AggregatedKappa => (tooFew ? { ...a, kappa: withheldStat(a.kappa, passages, minPositive, PASSAGE_WORDS), kappaInterval: null } : a);
    codes.push({
      codeId,
      documents,
      passages,
      tooFewToJudge: tooFew,
      percentAgreement: percentOf(tables),
      pooled: hold(pooledKappa(tables)),
      mean: hold(meanKappa(tables)),
      weighted: hold(weightedMeanKappa(tables)),
    });
  });
  return {
    documentIds: scope,
    characters: untouched.reduce((s, t) => s + t.length, 0),
    codes,
    unusedCodeIds,
    overall: { percentAgreement: percentOf(allTables), pooled: pooledKappa(allTables), mean: meanKappa(allTables), weighted: weightedMeanKappa(allTables) },
  };
}

function percentOf(tables: readonly CharacterCounts[]): Stat {
  let agree = 0;
  let total = 0;
  for (const t of tables) {
    agree += t.both + t.neither;
    total += t.length;
  }
  return ratioStat(agree, total, 'no characters to compare');
}
