import {
  DEFAULT_MIN_POSITIVE_UNITS,
  mergeSpans,
  undefinedStat,
  unitizingAlpha,
  unitizingIntervals,
  withheldStat,
  type AlphaInterval,
  type BootstrapOptions,
  type Span,
  type Stat,
  type UnitizedSpan,
} from '../../../shared/domain/agreement';
import { PASSAGE_WORDS, type CharacterDocument, type SpanCoding } from './character-level';

// Unitizing agreement on coded text: the documents in scope, end to end, are one continuum (in UTF-16
// code units, as spans are stored); each coder's stretches coded with a code are that coder's units
// of it. A coder's overlapping or touching stretches of one code in a document are one passage.

export interface UnitizingInput {
  readonly documents: readonly CharacterDocument[];
  readonly codeIds: readonly string[];
  readonly codings: readonly SpanCoding[];
  readonly coderIds: readonly string[];
  /** The documents every chosen coder was given, in reading order; default every document. */
  readonly documentIds?: readonly string[];
  /** Codes with fewer coded passages (stretches any coder coded with them) have their uα withheld. */
  readonly minPositiveUnits?: number;
  /** Intervals by resampling the documents, with this seed; left out, none. */
  readonly bootstrap?: Omit<BootstrapOptions, 'key'>;
}

export interface CodeUnitizing {
  readonly codeId: string;
  readonly passages: number;
  readonly tooFewToJudge: boolean;
  /** uα of the code: its passages against the rest of the text. */
  readonly alpha: Stat;
  /** Null unless intervals were asked for, and where uα is withheld or undefined. */
  readonly alphaInterval: AlphaInterval | null;
}

export interface UnitizingResult {
  readonly documentIds: readonly string[];
  readonly characters: number;
  readonly codes: readonly CodeUnitizing[];
  readonly unusedCodeIds: readonly string[];
  readonly overall: {
    readonly alpha: Stat;
    readonly binary: Stat;
    readonly coding: Stat;
    readonly alphaInterval: AlphaInterval | null;
    readonly binaryInterval: AlphaInterval | null;
    readonly codingInterval: AlphaInterval | null;
  };
}

const NO_TEXT = 'no characters to compare';

export function computeUnitizingAgreement(input: UnitizingInput): UnitizingResult {
  const lengthOf = new Map(input.documents.map((d) => [d.id, d.length] as const));
  const scope = (input.documentIds ?? input.documents.map((d) => d.id)).filter((d) => lengthOf.has(d));
  const minPositive = input.minPositiveUnits ?? DEFAULT_MIN_POSITIVE_UNITS;
  const offsetOf = new Map<string, number>();
  let characters = 0;
  for (const id of scope) {
    offsetOf.set(id, characters);
    characters += lengthOf.get(id)!;
  }
  const coderIndex = new Map(input.coderIds.map((c, i) => [c, i] as const));
  const docIndex = new Map(scope.map((d, i) => [d, i] as const));
  const codeIndex = new Map(input.codeIds.map((c, i) => [c, i] as const));
  // One slot per code × document, each holding every coder's stretches, filled in one pass.
  const slots: (Span[][] | undefined)[] = new Array(input.codeIds.length * scope.length);
  for (const c of input.codings) {
    const i = coderIndex.get(c.coderId);
    const d = docIndex.get(c.documentId);
    const k = codeIndex.get(c.codeId);
    if (i === undefined || d === undefined || k === undefined || c.end <= c.start) continue;
    const slot = k * scope.length + d;
    (slots[slot] ??= input.coderIds.map(() => []))[i].push({ start: c.start, end: c.end });
  }
  const passagesByCode = new Map<string, number>();
  const coders = input.coderIds.map((): UnitizedSpan[] => []);
  // The same passages per document, from its own start: what the bootstrap resamples.
  const sections = scope.map((id) => ({ length: lengthOf.get(id)!, coders: input.coderIds.map((): UnitizedSpan[] => []) }));
  slots.forEach((perCoder, slot) => {
    if (!perCoder) return;
    const codeId = input.codeIds[Math.floor(slot / scope.length)];
    const d = slot % scope.length;
    const offset = offsetOf.get(scope[d])!;
    passagesByCode.set(codeId, (passagesByCode.get(codeId) ?? 0) + mergeSpans(perCoder.flat()).length);
    perCoder.forEach((spans, i) => {
      for (const s of mergeSpans(spans)) {
        coders[i].push({ category: codeId, start: offset + s.start, end: offset + s.end });
        sections[d].coders[i].push({ category: codeId, start: s.start, end: s.end });
      }
    });
  });
  const used = input.codeIds.filter((id) => passagesByCode.has(id));
  const unusedCodeIds = input.codeIds.filter((id) => !passagesByCode.has(id));
  if (characters === 0 || input.coderIds.length < 2) {
    const none = undefinedStat(NO_TEXT);
    const overall = { alpha: none, binary: none, coding: none, alphaInterval: null, binaryInterval: null, codingInterval: null };
    return { documentIds: scope, characters, codes: [], unusedCodeIds: input.codeIds, overall };
  }
  const r = unitizingAlpha({ length: characters, coders });
  const intervals = input.bootstrap ? unitizingIntervals(sections, { ...input.bootstrap, key: 'unitizing' }) : null;
  const alphaOf = new Map(r.categories.map((c) => [c.category, c.alpha] as const));
  const codes = used.map((codeId): CodeUnitizing => {
    const passages = passagesByCode.get(codeId)!;
    const tooFew = passages < minPositive;
    const alpha = alphaOf.get(codeId)!;
    return {
      codeId,
      passages,
      tooFewToJudge: tooFew,
      alpha: tooFew ? withheldStat(alpha, passages, minPositive, PASSAGE_WORDS) : alpha,
      alphaInterval: tooFew ? null : (intervals?.categories.get(codeId) ?? null),
    };
  });
  const overall = {
    alpha: r.alpha,
    binary: r.binary,
    coding: r.coding,
    alphaInterval: intervals?.alpha ?? null,
    binaryInterval: intervals?.binary ?? null,
    codingInterval: intervals?.coding ?? null,
  };
  return { documentIds: scope, characters, codes, unusedCodeIds, overall };
}
