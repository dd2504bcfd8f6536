import { describe, expect, it } from 'vitest';
import {
  characterAgreement,
  fleissKappaBinaryHistogram,
  fleissKappaFromCounts,
  krippendorffAlpha,
  krippendorffAlphaBinaryHistogram,
  type BinaryHistogramCell,
} from '../../../shared/domain/agreement';
import { computeCharacterAgreement, naiveCharacterAgreement, type SpanCoding } from '../../../electron/core/agreement/character-level';
import { computeMultiCoderAgreement } from '../../../electron/core/agreement/multi-coder-agreement';
import { computeUnitAgreement, naiveUnitAgreement, UNIT_SET_MODES, type UnitCoding } from '../../../electron/core/agreement/unit-agreement';

/** A small deterministic generator, so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomStudy(seed: number, units = 230, codes = 12, coders = ['A', 'B']) {
  const r = rng(seed);
  const docs = ['d1', 'd2', 'd3', 'd4'];
  const unitList = Array.from({ length: units }, (_, i) => ({ id: `u${i}`, documentId: docs[Math.floor(r() * docs.length)] }));
  const codeIds = Array.from({ length: codes }, (_, i) => `c${i}`);
  const codings: UnitCoding[] = [];
  for (const coderId of coders) {
    // Each coder skips one document entirely, so "documents both worked on" matters.
    const skipped = docs[Math.floor(r() * docs.length)];
    for (const u of unitList) {
      if (u.documentId === skipped) continue;
      codeIds.forEach((codeId, c) => {
        if (r() < 0.02 + c * 0.01) codings.push({ unitId: u.id, codeId, coderId });
      });
    }
  }
  return { units: unitList, codeIds, codings };
}

describe('binary histograms equal the general formulas on expanded data', () => {
  it('Fleiss kappa', () => {
    const r = rng(7);
    for (let trial = 0; trial < 20; trial++) {
      const raters = 2 + Math.floor(r() * 4);
      const byPresent = Array.from({ length: raters + 1 }, () => Math.floor(r() * 6));
      const rows = byPresent.flatMap((n, p) => Array.from({ length: n }, () => [p, raters - p]));
      expect(fleissKappaBinaryHistogram(raters, byPresent).value ?? NaN).toBeCloseTo(fleissKappaFromCounts(rows).value ?? NaN, 10);
    }
  });

  it('Krippendorff alpha with missing values', () => {
    const r = rng(11);
    for (let trial = 0; trial < 20; trial++) {
      const coders = 4;
      const cells: BinaryHistogramCell[] = [];
      const data: (number | null)[][] = Array.from({ length: coders }, () => []);
      for (let u = 0; u < 40; u++) {
        const m = 1 + Math.floor(r() * coders);
        const p = Math.floor(r() * (m + 1));
        cells.push({ raters: m, present: p, units: 1 });
        for (let k = 0; k < coders; k++) data[k].push(k < m ? (k < p ? 1 : 0) : null);
      }
      expect(krippendorffAlphaBinaryHistogram(cells).value ?? NaN).toBeCloseTo(krippendorffAlpha(data).value ?? NaN, 10);
    }
  });

  it('explains undefined values', () => {
    expect(krippendorffAlphaBinaryHistogram([{ raters: 1, present: 1, units: 4 }]).value).toBeNull();
    expect(krippendorffAlphaBinaryHistogram([{ raters: 2, present: 0, units: 4 }])).toEqual({ value: null, reason: 'no variation: every value falls in one category' });
    expect(fleissKappaBinaryHistogram(3, [0, 0, 0, 0])).toEqual({ value: null, reason: 'no units to compare' });
  });
});

describe('unit-level engine', () => {
  for (const unitSet of UNIT_SET_MODES) {
    it(`matches the naive implementation (${unitSet})`, () => {
      for (const seed of [1, 2, 3]) {
        const study = randomStudy(seed);
        const input = { ...study, coderA: 'A', coderB: 'B', unitSet };
        const fast = computeUnitAgreement(input);
        const naive = naiveUnitAgreement(input);
        expect(fast.units).toBe(naive.units);
        expect(fast.documentIds).toEqual(naive.documentIds);
        expect(fast.codes).toEqual(naive.codes);
        expect(fast.unusedCodeIds).toEqual(naive.unusedCodeIds);
        expect(fast.pooled).toEqual(naive.pooled);
        expect(fast.summaries).toEqual(naive.summaries);
      }
    });
  }

  it('compares every document unless told otherwise: a document one coder left uncoded is “no code” there', () => {
    const study = randomStudy(5);
    const r = computeUnitAgreement({ ...study, coderA: 'A', coderB: 'B', unitSet: 'all-units' });
    expect([...r.documentIds].sort()).toEqual([...new Set(study.units.map((u) => u.documentId))].sort());
    expect(r.units).toBe(study.units.length);
    const some = computeUnitAgreement({ ...study, coderA: 'A', coderB: 'B', unitSet: 'all-units', documentIds: ['d1', 'd2'] });
    expect(some.units).toBe(study.units.filter((u) => u.documentId === 'd1' || u.documentId === 'd2').length);
  });

  it('splits by document into slices that equal a run restricted to each document', () => {
    const study = randomStudy(9);
    const r = computeUnitAgreement({ ...study, coderA: 'A', coderB: 'B' });
    expect(r.byDocument.reduce((s, d) => s + d.units, 0)).toBe(r.units);
    for (const slice of r.byDocument) {
      const one = computeUnitAgreement({ ...study, coderA: 'A', coderB: 'B', documentIds: [slice.key] });
      expect(slice.units).toBe(one.units);
      expect(slice.pooled).toEqual(one.pooled);
    }
  });

  it('judges a node above codes as present when any code beneath it is', () => {
    const study = randomStudy(4);
    const r = computeUnitAgreement({ ...study, coderA: 'A', coderB: 'B', groups: [{ id: 'g-one', codeIds: ['c3'] }, { id: 'g-two', codeIds: ['c1', 'c2'] }] });
    expect(r.groups[0].agreement).toEqual(r.codes.find((c) => c.codeId === 'c3')!.agreement);
    const merged = study.codings.map((c) => (c.codeId === 'c1' || c.codeId === 'c2' ? { ...c, codeId: 'g' } : c));
    const viaRename = computeUnitAgreement({ ...study, codings: merged, codeIds: ['g'], coderA: 'A', coderB: 'B' });
    expect(r.groups[1].agreement).toEqual(viaRename.codes[0].agreement);
  });

  it('splits by a partition of the units', () => {
    const study = randomStudy(6);
    const keyOfUnit = new Map(study.units.map((u, i) => [u.id, i % 3 === 0 ? 'mentor' : 'mentee'] as const));
    const r = computeUnitAgreement({ ...study, coderA: 'A', coderB: 'B', partitions: [{ id: 'role', keyOfUnit }] });
    const slices = r.partitions[0].slices;
    expect(slices.map((s) => s.key).sort()).toEqual(['mentee', 'mentor']);
    expect(slices.reduce((s, x) => s + x.units, 0)).toBe(r.units);
  });
});

describe('more than two coders', () => {
  it('equals the general alpha with missing values and Fleiss on units everyone rated', () => {
    const study = randomStudy(21, 150, 6, ['A', 'B', 'C']);
    // Each coder was given the documents they coded in: elsewhere their values are missing.
    const docsOf = (coder: string) => new Set(study.codings.filter((c) => c.coderId === coder).map((c) => study.units.find((u) => u.id === c.unitId)!.documentId));
    const coderDocs = ['A', 'B', 'C'].map(docsOf);
    const r = computeMultiCoderAgreement({ ...study, coderIds: ['A', 'B', 'C'], unitSet: 'all-units', minPositiveUnits: 0, given: coderDocs });
    const scope = new Set(r.documentIds);
    const units = study.units.filter((u) => scope.has(u.documentId));
    const marked = new Set(study.codings.map((c) => `${c.unitId}|${c.codeId}|${c.coderId}`));
    for (const code of r.codes) {
      const data = ['A', 'B', 'C'].map((coder, k) => units.map((u) => (coderDocs[k].has(u.documentId) ? (marked.has(`${u.id}|${code.codeId}|${coder}`) ? 1 : 0) : null)));
      expect(code.alpha.value ?? NaN).toBeCloseTo(krippendorffAlpha(data).value ?? NaN, 10);
      const full = units.map((_, i) => data.map((row) => row[i])).filter((col) => col.every((v) => v !== null)) as number[][];
      const counts = full.map((col) => [col.filter((v) => v === 1).length, col.filter((v) => v === 0).length]);
      expect(code.fleissKappa.value ?? NaN).toBeCloseTo(fleissKappaFromCounts(counts).value ?? NaN, 10);
    }
  });
});

describe('more than two coders, every document given to everyone', () => {
  it('counts a coder who did not apply a code as absent, never missing', () => {
    const study = randomStudy(22, 120, 6, ['A', 'B', 'C']);
    const r = computeMultiCoderAgreement({ ...study, coderIds: ['A', 'B', 'C'], unitSet: 'all-units', minPositiveUnits: 0 });
    const marked = new Set(study.codings.map((c) => `${c.unitId}|${c.codeId}|${c.coderId}`));
    expect(r.unitsRatedByAll).toBe(study.units.length);
    for (const code of r.codes) {
      const data = ['A', 'B', 'C'].map((coder) => study.units.map((u) => (marked.has(`${u.id}|${code.codeId}|${coder}`) ? 1 : 0)));
      expect(code.alpha.value ?? NaN).toBeCloseTo(krippendorffAlpha(data).value ?? NaN, 10);
    }
  });
});

describe('character-level engine', () => {
  function spans(seed: number): { docs: { id: string; length: number }[]; codings: SpanCoding[] } {
    const r = rng(seed);
    const docs = [
      { id: 'd1', length: 400 },
      { id: 'd2', length: 250 },
      { id: 'd3', length: 90 },
    ];
    const codings: SpanCoding[] = [];
    for (const coderId of ['A', 'B']) {
      for (const d of docs) {
        for (let i = 0; i < 8; i++) {
          const start = Math.floor(r() * (d.length - 10));
          codings.push({ documentId: d.id, codeId: `c${i % 3}`, coderId, start, end: Math.min(d.length, start + 1 + Math.floor(r() * 40)) });
        }
      }
    }
    return { docs, codings };
  }

  it('matches marking every character, and the per-document domain function', () => {
    for (const seed of [1, 2, 3]) {
      const { docs, codings } = spans(seed);
      const input = { documents: docs, codeIds: ['c0', 'c1', 'c2', 'c9'], codings, coderA: 'A', coderB: 'B' };
      const fast = computeCharacterAgreement(input);
      expect(fast).toEqual(naiveCharacterAgreement(input));
      expect(fast.unusedCodeIds).toEqual(['c9']);
      const d1 = fast.codes[0].documents.find((d) => d.documentId === 'd1')!;
      const pick = (coder: string) => codings.filter((c) => c.coderId === coder && c.codeId === 'c0' && c.documentId === 'd1');
      expect(d1.agreement).toEqual(characterAgreement(400, pick('A'), pick('B')));
    }
  });
});
