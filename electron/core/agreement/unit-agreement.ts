import {
  binaryAgreement,
  binaryAgreementFromCounts,
  binaryKappa,
  summarizeStats,
  withheldStat,
  type BinaryAgreement,
  type BinaryCounts,
  type BinaryOptions,
  type Stat,
  type StatSummary,
  DEFAULT_MIN_POSITIVE_UNITS,
} from '../../../shared/domain/agreement';
import type { UnitSetMode } from '../../../shared/domain/agreement-options';
import { countBits, forEachBit, hasBit, makeBits, orInto, pairCounts, setBit, type Bits } from './bitset';

// Unit-level agreement of two coders: every meaning unit is a unit, every code a present/absent
// decision on it. Pure (no database): the service loads the rows once and hands them over, the
// benchmark builds them synthetically.

export { UNIT_SET_MODES, type UnitSetMode } from '../../../shared/domain/agreement-options';

export interface AgreementUnit {
  readonly id: string;
  readonly documentId: string;
}

export interface UnitCoding {
  readonly unitId: string;
  readonly codeId: string;
  readonly coderId: string;
}

export interface UnitGroup {
  readonly id: string;
  /** The codes beneath the node: a unit has the node when any of them is applied. */
  readonly codeIds: readonly string[];
}

/** A way to split the units, e.g. by the speaker's attribute value; units absent from the map fall out. */
export interface UnitPartition {
  readonly id: string;
  readonly keyOfUnit: ReadonlyMap<string, string>;
}

export interface UnitAgreementInput {
  /** The candidate units, any order. */
  readonly units: readonly AgreementUnit[];
  /** The codes to judge, in the order results should come back. */
  readonly codeIds: readonly string[];
  readonly codings: readonly UnitCoding[];
  readonly coderA: string;
  readonly coderB: string;
  readonly unitSet?: UnitSetMode;
  /** The documents to compare (those both coders were given); default: every document of the units. A coder's uncoded unit there is "no code". */
  readonly documentIds?: readonly string[];
  readonly minPositiveUnits?: number;
  readonly groups?: readonly UnitGroup[];
  readonly partitions?: readonly UnitPartition[];
  /** Per-document figures cost a pass over the positive units; the benchmark can leave them out. */
  readonly byDocument?: boolean;
  /** Bootstrap every α's interval with this seed (each figure draws from a stream of its own); left out, none. */
  readonly bootstrap?: { readonly seed: number; readonly draws?: number };
}

export interface CodeAgreement {
  readonly codeId: string;
  readonly agreement: BinaryAgreement;
}

export interface AgreementSummaries {
  readonly kappa: StatSummary;
  readonly alpha: StatSummary;
  readonly percentAgreement: StatSummary;
  readonly ac1: StatSummary;
  readonly pabak: StatSummary;
  readonly positiveAgreement: StatSummary;
}

/** Figures for a slice of the units (a document, a participant group). */
export interface SliceAgreement {
  readonly key: string;
  readonly units: number;
  /** Over all unit × code decisions of the slice. */
  readonly pooled: BinaryAgreement;
  /** Per-code kappa within the slice; codes with too few positive units there are left out. */
  readonly kappa: StatSummary;
}

export interface UnitAgreementResult {
  readonly units: number;
  readonly documentIds: readonly string[];
  /** Codes at least one coder applied in the unit set; the others carry no information. */
  readonly codes: readonly CodeAgreement[];
  readonly unusedCodeIds: readonly string[];
  /** Over all unit × code decisions of the used codes. */
  readonly pooled: BinaryAgreement;
  readonly summaries: AgreementSummaries;
  readonly groups: readonly CodeAgreement[];
  readonly byDocument: readonly SliceAgreement[];
  readonly partitions: readonly { readonly id: string; readonly slices: readonly SliceAgreement[] }[];
}

interface Prepared {
  readonly unitIds: readonly string[];
  readonly docIndexOfUnit: Int32Array;
  readonly documentIds: readonly string[];
  readonly mask: Bits;
  readonly units: number;
  readonly scopeDocuments: readonly string[];
  readonly codeA: Map<string, Bits>;
  readonly codeB: Map<string, Bits>;
}

export function computeUnitAgreement(input: UnitAgreementInput): UnitAgreementResult {
  const p = prepare(input);
  const minPositiveUnits = input.minPositiveUnits ?? DEFAULT_MIN_POSITIVE_UNITS;
  const options = figureOptions(minPositiveUnits, input.bootstrap);
  const codes: CodeAgreement[] = [];
  const unusedCodeIds: string[] = [];
  const pooled = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
  for (const codeId of input.codeIds) {
    const c = pairCounts(p.codeA.get(codeId), p.codeB.get(codeId), p.mask);
    if (c.both + c.onlyA + c.onlyB === 0) {
      unusedCodeIds.push(codeId);
      continue;
    }
    const counts = { ...c, neither: p.units - c.both - c.onlyA - c.onlyB };
    addInto(pooled, counts);
    codes.push({ codeId, agreement: binaryAgreementFromCounts(counts, options(`code:${codeId}`)) });
  }
  const groups = (input.groups ?? []).map((g) => ({ codeId: g.id, agreement: groupAgreement(p, g, options(`node:${g.id}`)) }));
  const used = codes.map((c) => c.codeId);
  return {
    units: p.units,
    documentIds: p.scopeDocuments,
    codes,
    unusedCodeIds,
    pooled: binaryAgreementFromCounts(pooled, options('pooled')),
    summaries: summarize(codes),
    groups,
    byDocument:
      input.byDocument === false
        ? []
        : slices(p, used, p.docIndexOfUnit, p.documentIds, minPositiveUnits, (key) => options(`document:${key}`)).filter((s) => p.scopeDocuments.includes(s.key)),
    partitions: (input.partitions ?? []).map((part) => {
      const { keyIndex, keys } = partitionIndex(p, part);
      return { id: part.id, slices: slices(p, used, keyIndex, keys, minPositiveUnits, (key) => options(`group:${part.id}:${key}`)).filter((s) => s.units > 0) };
    }),
  };
}

function prepare(input: UnitAgreementInput): Prepared {
  const unitIds = input.units.map((u) => u.id);
  const unitIndex = new Map<string, number>();
  unitIds.forEach((id, i) => unitIndex.set(id, i));
  const documentIds: string[] = [];
  const docIndex = new Map<string, number>();
  const docIndexOfUnit = new Int32Array(unitIds.length);
  input.units.forEach((u, i) => {
    let d = docIndex.get(u.documentId);
    if (d === undefined) {
      d = documentIds.length;
      docIndex.set(u.documentId, d);
      documentIds.push(u.documentId);
    }
    docIndexOfUnit[i] = d;
  });

  const size = unitIds.length;
  const anyA = makeBits(size);
  const anyB = makeBits(size);
  const codeA = new Map<string, Bits>();
  const codeB = new Map<string, Bits>();
  for (const c of input.codings) {
    const isA = c.coderId === input.coderA;
    if (!isA && c.coderId !== input.coderB) continue;
    const u = unitIndex.get(c.unitId);
    if (u === undefined) continue;
    const byCode = isA ? codeA : codeB;
    let bits = byCode.get(c.codeId);
    if (!bits) {
      bits = makeBits(size);
      byCode.set(c.codeId, bits);
    }
    setBit(bits, u);
    setBit(isA ? anyA : anyB, u);
  }

  const scope = new Set<number>();
  for (const id of input.documentIds ?? documentIds) {
    const d = docIndex.get(id);
    if (d !== undefined) scope.add(d);
  }
  const mask = makeBits(size);
  const mode = input.unitSet ?? 'coded-by-any';
  for (let u = 0; u < size; u++) {
    if (!scope.has(docIndexOfUnit[u])) continue;
    const a = hasBit(anyA, u);
    const b = hasBit(anyB, u);
    const keep = mode === 'all-units' || (mode === 'coded-by-any' ? a || b : a && b);
    if (keep) setBit(mask, u);
  }
  const scopeDocuments = documentIds.filter((_, d) => scope.has(d));
  return { unitIds, docIndexOfUnit, documentIds, mask, units: countBits(mask), scopeDocuments, codeA, codeB };
}

/** The options of one figure: the threshold, and its own bootstrap stream when intervals are asked for. */
function figureOptions(minPositiveUnits: number, bootstrap: UnitAgreementInput['bootstrap']): (key: string) => BinaryOptions {
  return (key) => (bootstrap ? { minPositiveUnits, bootstrap: { ...bootstrap, key } } : { minPositiveUnits });
}

function groupAgreement(p: Prepared, group: UnitGroup, options: BinaryOptions): BinaryAgreement {
  const a = unionOf(p.codeA, group.codeIds, p.mask.length);
  const b = unionOf(p.codeB, group.codeIds, p.mask.length);
  const c = pairCounts(a, b, p.mask);
  return binaryAgreementFromCounts({ ...c, neither: p.units - c.both - c.onlyA - c.onlyB }, options);
}

function unionOf(byCode: ReadonlyMap<string, Bits>, codeIds: readonly string[], words: number): Bits | undefined {
  let out: Bits | undefined;
  for (const id of codeIds) {
    const bits = byCode.get(id);
    if (!bits) continue;
    if (!out) out = new Uint32Array(words);
    orInto(out, bits);
  }
  return out;
}

function partitionIndex(p: Prepared, part: UnitPartition): { keyIndex: Int32Array; keys: string[] } {
  const keys: string[] = [];
  const index = new Map<string, number>();
  const keyIndex = new Int32Array(p.unitIds.length).fill(-1);
  p.unitIds.forEach((id, u) => {
    const key = part.keyOfUnit.get(id);
    if (key === undefined) return;
    let k = index.get(key);
    if (k === undefined) {
      k = keys.length;
      index.set(key, k);
      keys.push(key);
    }
    keyIndex[u] = k;
  });
  return { keyIndex, keys };
}

/** Per-slice counts in one pass over each code's positive units, not over every unit. */
function slices(
  p: Prepared,
  codeIds: readonly string[],
  keyIndex: Int32Array,
  keys: readonly string[],
  minPositiveUnits: number,
  options: (key: string) => BinaryOptions,
): SliceAgreement[] {
  const unitsPerKey = new Array<number>(keys.length).fill(0);
  forEachBit(p.mask, p.mask, (u) => {
    const k = keyIndex[u];
    if (k >= 0) unitsPerKey[k] += 1;
  });
  const cells = new Int32Array(keys.length * codeIds.length * 3);
  const either = new Uint32Array(p.mask.length);
  codeIds.forEach((codeId, c) => {
    const a = p.codeA.get(codeId);
    const b = p.codeB.get(codeId);
    for (let i = 0; i < either.length; i++) either[i] = (a ? a[i] : 0) | (b ? b[i] : 0);
    forEachBit(either, p.mask, (u) => {
      const k = keyIndex[u];
      if (k < 0) return;
      const inA = a !== undefined && hasBit(a, u);
      const inB = b !== undefined && hasBit(b, u);
      cells[(k * codeIds.length + c) * 3 + (inA && inB ? 0 : inA ? 1 : 2)] += 1;
    });
  });
  return keys.map((key, k) => {
    const pooled = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
    const kappas: Stat[] = [];
    codeIds.forEach((_, c) => {
      const at = (k * codeIds.length + c) * 3;
      const counts = { both: cells[at], onlyA: cells[at + 1], onlyB: cells[at + 2], neither: 0 };
      const positive = counts.both + counts.onlyA + counts.onlyB;
      // As for the whole set: a code nobody used in this slice tells nothing about it.
      if (positive === 0) return;
      counts.neither = unitsPerKey[k] - positive;
      addInto(pooled, counts);
      kappas.push(positive < minPositiveUnits ? withheldStat(binaryKappa(counts), positive, minPositiveUnits) : binaryKappa(counts));
    });
    return { key, units: unitsPerKey[k], pooled: binaryAgreementFromCounts(pooled, options(key)), kappa: summarizeStats(kappas) };
  });
}

function addInto(sum: { both: number; onlyA: number; onlyB: number; neither: number }, c: BinaryCounts): void {
  sum.both += c.both;
  sum.onlyA += c.onlyA;
  sum.onlyB += c.onlyB;
  sum.neither += c.neither;
}

export function summarize(codes: readonly CodeAgreement[]): AgreementSummaries {
  const of = (pick: (a: BinaryAgreement) => Stat) => summarizeStats(codes.map((c) => pick(c.agreement)));
  return {
    kappa: of((a) => a.kappa),
    alpha: of((a) => a.alpha),
    percentAgreement: of((a) => a.percentAgreement),
    ac1: of((a) => a.ac1),
    pabak: of((a) => a.pabak),
    positiveAgreement: of((a) => a.positiveAgreement),
  };
}

/**
 * The obvious implementation, kept for the benchmark ratio and as a cross-check in tests: a set of
 * coded unit ids per coder and code, and one lookup per unit and code. Same results for codes,
 * pooled and summaries.
 */
export function naiveUnitAgreement(input: UnitAgreementInput): Pick<UnitAgreementResult, 'units' | 'documentIds' | 'codes' | 'unusedCodeIds' | 'pooled' | 'summaries'> {
  const minPositiveUnits = input.minPositiveUnits ?? DEFAULT_MIN_POSITIVE_UNITS;
  const marked = new Map<string, Set<string>>();
  const codedBy = new Map<string, Set<string>>();
  const docOfUnit = new Map(input.units.map((u) => [u.id, u.documentId] as const));
  for (const c of input.codings) {
    if (c.coderId !== input.coderA && c.coderId !== input.coderB) continue;
    const doc = docOfUnit.get(c.unitId);
    if (doc === undefined) continue;
    const key = `${c.coderId}|${c.codeId}`;
    const set = marked.get(key) ?? new Set<string>();
    set.add(c.unitId);
    marked.set(key, set);
    const who = codedBy.get(c.unitId) ?? new Set<string>();
    who.add(c.coderId);
    codedBy.set(c.unitId, who);
  }
  const scope = new Set(input.documentIds ?? input.units.map((u) => u.documentId));
  const mode = input.unitSet ?? 'coded-by-any';
  const units = input.units.filter((u) => {
    if (!scope.has(u.documentId)) return false;
    const who = codedBy.get(u.id);
    const a = who?.has(input.coderA) ?? false;
    const b = who?.has(input.coderB) ?? false;
    return mode === 'all-units' || (mode === 'coded-by-any' ? a || b : a && b);
  });
  const none = new Set<string>();
  const codes: CodeAgreement[] = [];
  const unusedCodeIds: string[] = [];
  const pooled = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
  for (const codeId of input.codeIds) {
    const setA = marked.get(`${input.coderA}|${codeId}`) ?? none;
    const setB = marked.get(`${input.coderB}|${codeId}`) ?? none;
    const agreement = binaryAgreement(
      units.map((u) => setA.has(u.id)),
      units.map((u) => setB.has(u.id)),
      { minPositiveUnits },
    );
    if (agreement.positiveUnits === 0) {
      unusedCodeIds.push(codeId);
      continue;
    }
    addInto(pooled, agreement);
    codes.push({ codeId, agreement });
  }
  const documentIds = [...new Set(input.units.map((u) => u.documentId))].filter((d) => scope.has(d));
  return { units: units.length, documentIds, codes, unusedCodeIds, pooled: binaryAgreementFromCounts(pooled, { minPositiveUnits }), summaries: summarize(codes) };
}
