import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Coder } from '../../shared/api/entities';
import { krippendorffAlpha } from '../../shared/domain/agreement';
import { makeSampleApp, type TestApp } from './support/app';

// The sample study: Amira Haddad (AH) and Ben Okafor (BO) coded the same units and disagree on 14.
// Every figure below is checked against a calculation written here from the raw rows.

type Sample = TestApp & { coders: Coder[] };

let t: Sample;
let amira: Coder;
let ben: Coder;

beforeEach(async () => {
  t = (await makeSampleApp()) as Sample;
  amira = t.coders.find((c) => c.initials === 'AH')!;
  ben = t.coders.find((c) => c.initials === 'BO')!;
});
afterEach(() => t.close());

function db() {
  return t.app.project!.db;
}

/** Unit codings of two coders from raw SQL, and the units of the documents both coded in. */
function rawUnits(a: string, b: string) {
  const rows = db().prepare(`SELECT unit_id AS u, code_id AS c, coder_id AS k, document_id AS d FROM codings WHERE unit_id IS NOT NULL AND coder_id IN (?, ?)`).all(a, b) as {
    u: string;
    c: string;
    k: string;
    d: string;
  }[];
  const docsA = new Set(rows.filter((r) => r.k === a).map((r) => r.d));
  const docsB = new Set(rows.filter((r) => r.k === b).map((r) => r.d));
  const allUnits = db().prepare(`SELECT id, document_id AS d, start, "end" FROM meaning_units`).all() as { id: string; d: string; start: number; end: number }[];
  const scopeUnits = allUnits.filter((u) => docsA.has(u.d) && docsB.has(u.d));
  const has = new Set(rows.map((r) => `${r.u}|${r.c}|${r.k}`));
  const codedBy = (k: string) => new Set(rows.filter((r) => r.k === k).map((r) => r.u));
  return { rows, scopeUnits, has, codedA: codedBy(a), codedB: codedBy(b) };
}

/** Cohen (1960) for a 2×2 table, written out: (po − pe) / (1 − pe). */
function cohen(both: number, onlyA: number, onlyB: number, neither: number): number {
  const n = both + onlyA + onlyB + neither;
  const po = (both + neither) / n;
  const pe = ((both + onlyA) / n) * ((both + onlyB) / n) + ((onlyB + neither) / n) * ((onlyA + neither) / n);
  return (po - pe) / (1 - pe);
}

/** Krippendorff's alpha, two coders, binary, no missing values: 1 − (n−1)(b+c) / (2·n0·n1) with n = 2N values. */
function alphaBinary(both: number, onlyA: number, onlyB: number, neither: number): number {
  const values = 2 * (both + onlyA + onlyB + neither);
  const n1 = 2 * both + onlyA + onlyB;
  const n0 = 2 * neither + onlyA + onlyB;
  return 1 - ((values - 1) * (onlyA + onlyB)) / (n0 * n1);
}

describe('unit-level agreement on the sample study', () => {
  it('matches an independent calculation from the raw codings, code by code and pooled', async () => {
    const report = await t.client.call('agreement.compute', { coderIds: [amira.id, ben.id] });
    const raw = rawUnits(amira.id, ben.id);
    const units = raw.scopeUnits.filter((u) => raw.codedA.has(u.id) || raw.codedB.has(u.id));
    expect(report.unitSet.units).toBe(units.length);
    expect(report.unitSet.mode).toBe('coded-by-any');
    expect(report.unitSet.label).toContain('at least one of the coders');
    expect(report.pair).not.toBeNull();
    const pair = report.pair!;
    let pooled = [0, 0, 0, 0];
    for (const code of pair.codes) {
      let both = 0;
      let onlyA = 0;
      let onlyB = 0;
      for (const u of units) {
        const a = raw.has.has(`${u.id}|${code.nodeId}|${amira.id}`);
        const b = raw.has.has(`${u.id}|${code.nodeId}|${ben.id}`);
        if (a && b) both += 1;
        else if (a) onlyA += 1;
        else if (b) onlyB += 1;
      }
      const neither = units.length - both - onlyA - onlyB;
      expect([code.figures.both, code.figures.onlyA, code.figures.onlyB, code.figures.neither]).toEqual([both, onlyA, onlyB, neither]);
      expect(code.figures.percentAgreement.value).toBeCloseTo((both + neither) / units.length, 10);
      if (both + onlyA + onlyB < 5) {
        expect(code.figures.tooFewToJudge).toBe(true);
        expect(code.figures.kappa.value).toBeNull();
      } else if (onlyA + onlyB > 0) {
        expect(code.figures.kappa.value).toBeCloseTo(cohen(both, onlyA, onlyB, neither), 10);
        expect(code.figures.alpha.value).toBeCloseTo(alphaBinary(both, onlyA, onlyB, neither), 10);
      }
      pooled = [pooled[0] + both, pooled[1] + onlyA, pooled[2] + onlyB, pooled[3] + neither];
    }
    expect([pair.pooled.both, pair.pooled.onlyA, pair.pooled.onlyB, pair.pooled.neither]).toEqual(pooled);
    expect(pair.pooled.kappa.value).toBeCloseTo(cohen(pooled[0], pooled[1], pooled[2], pooled[3]), 10);
    expect(pair.pooled.alpha.value).toBeCloseTo(alphaBinary(pooled[0], pooled[1], pooled[2], pooled[3]), 10);
    // 17 codes, some rare ones flagged rather than given a number.
    expect(pair.codes.length).toBe(17);
    expect(pair.codes.filter((c) => c.figures.tooFewToJudge).length).toBeGreaterThan(0);
    const defined = pair.codes.flatMap((c) => (c.figures.kappa.value === null ? [] : [c.figures.kappa.value]));
    expect(pair.summaries.kappa.mean.value).toBeCloseTo(defined.reduce((s, v) => s + v, 0) / defined.length, 10);
    expect(pair.summaries.kappa.undefinedCount).toBe(pair.codes.length - defined.length);
    expect(pair.summaries.kappa.min.value).toBe(Math.min(...defined));
  });

  it('offers the unit set as an explicit option, and says which one it used', async () => {
    const raw = rawUnits(amira.id, ben.id);
    const byMode = async (unitSet: 'coded-by-any' | 'coded-by-all' | 'all-units') =>
      (await t.client.call('agreement.compute', { coderIds: [amira.id, ben.id], unitSet })).unitSet;
    expect((await byMode('coded-by-all')).units).toBe(raw.scopeUnits.filter((u) => raw.codedA.has(u.id) && raw.codedB.has(u.id)).length);
    expect((await byMode('all-units')).units).toBe(raw.scopeUnits.length);
    expect((await byMode('all-units')).label).toBe('every meaning unit of the compared documents');
  });

  it('breaks the figures down by document, participant group and codebook level', async () => {
    const report = await t.client.call('agreement.compute', { coderIds: [amira.id, ben.id] });
    const pair = report.pair!;
    expect(pair.byDocument.map((d) => d.label)).toEqual(['Focus group 1 – mentees', 'Focus group 2 – mentees', 'Focus group 3 – mentors']);
    expect(pair.byDocument.reduce((s, d) => s + d.units, 0)).toBe(report.unitSet.units);
    const role = pair.byAttribute.find((a) => a.name === 'Role')!;
    expect(role.slices.map((s) => s.label).sort()).toEqual(['Mentee', 'Mentor']);
    expect(pair.levels.map((l) => l.level)).toEqual(['subcategory', 'category', 'theme']);

    // A unit has a category when any code beneath it is applied: recount one category from SQL.
    const category = pair.levels.find((l) => l.level === 'category')!.nodes.find((n) => n.name === 'Navigating the hidden curriculum')!;
    const beneath = db()
      .prepare(
        `WITH RECURSIVE below(id) AS (SELECT ? UNION SELECT l.child_id FROM codebook_links l JOIN below ON l.parent_id = below.id) SELECT id FROM below`,
      )
      .pluck()
      .all(category.nodeId) as string[];
    const raw = rawUnits(amira.id, ben.id);
    const units = raw.scopeUnits.filter((u) => raw.codedA.has(u.id) || raw.codedB.has(u.id));
    const marks = (coder: string, u: string) => beneath.some((c) => raw.has.has(`${u}|${c}|${coder}`));
    const both = units.filter((u) => marks(amira.id, u.id) && marks(ben.id, u.id)).length;
    const onlyA = units.filter((u) => marks(amira.id, u.id) && !marks(ben.id, u.id)).length;
    const onlyB = units.filter((u) => !marks(amira.id, u.id) && marks(ben.id, u.id)).length;
    expect([category.figures.both, category.figures.onlyA, category.figures.onlyB]).toEqual([both, onlyA, onlyB]);
    expect(category.figures.kappa.value).toBeCloseTo(cohen(both, onlyA, onlyB, units.length - both - onlyA - onlyB), 10);
  });

  it('computes the character level from the characters each coder covered (NVivo-style)', async () => {
    const report = await t.client.call('agreement.compute', { coderIds: [amira.id, ben.id], level: 'char' });
    expect(report.pair).toBeNull();
    const chars = report.characters!;
    // Units do not overlap, so the characters of a code are the lengths of the units it is on.
    const raw = rawUnits(amira.id, ben.id);
    const lengthOf = new Map(raw.scopeUnits.map((u) => [u.id, u.end - u.start] as const));
    const docs = db().prepare(`SELECT id, length(text) AS n FROM documents`).all() as { id: string; n: number }[];
    const scopeDocs = new Set(raw.scopeUnits.map((u) => u.d));
    const total = docs.filter((d) => scopeDocs.has(d.id)).reduce((s, d) => s + d.n, 0);
    expect(chars.characters).toBe(total);
    let [both, onlyA, onlyB] = [0, 0, 0];
    for (const code of chars.codes) {
      for (const u of raw.scopeUnits) {
        const a = raw.has.has(`${u.id}|${code.nodeId}|${amira.id}`);
        const b = raw.has.has(`${u.id}|${code.nodeId}|${ben.id}`);
        const n = lengthOf.get(u.id)!;
        if (a && b) both += n;
        else if (a) onlyA += n;
        else if (b) onlyB += n;
      }
    }
    const neither = total * chars.codes.length - both - onlyA - onlyB;
    expect(chars.overall.pooled.kappa.value).toBeCloseTo(cohen(both, onlyA, onlyB, neither), 10);
    expect(chars.overall.pooled.method).toBe('pooled');
    expect(chars.overall.mean.method).toBe('mean');
    expect(chars.overall.weighted.method).toBe('weighted-mean');
    expect(report.notes.join(' ')).toContain('Size-weighted');
  });

  it('never counts the consensus, and leaves the coders’ codings intact when a discrepancy is resolved', async () => {
    const before = await t.client.call('agreement.compute', { coderIds: [amira.id, ben.id] });
    const list = await t.client.call('agreement.discrepancies', { coderAId: amira.id, coderBId: ben.id });
    await t.client.call('resolutions.decide', { coderAId: amira.id, coderBId: ben.id, key: list.items[0].key, decision: 'keep-both', rationale: 'Both readings hold.' });
    const after = await t.client.call('agreement.compute', { coderIds: [amira.id, ben.id] });
    expect(after.pair!.pooled).toEqual(before.pair!.pooled);
    const status = await t.client.call('agreement.status', {});
    expect(status.consensusCoderId).not.toBeNull();
    expect(status.coders.some((c) => c.id === status.consensusCoderId)).toBe(false);
    await expect(t.client.call('agreement.compute', { coderIds: [amira.id, status.consensusCoderId!] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('handles three coders with Fleiss’ kappa and alpha', async () => {
    // A third coder codes only focus group 1; nothing says she was not given the others (#20 item 2).
    const carol = await t.client.call('coders.create', { name: 'Carol Diaz' });
    const doc1 = db().prepare(`SELECT id FROM documents ORDER BY sort LIMIT 1`).pluck().get() as string;
    const amiraRows = db().prepare(`SELECT unit_id AS u, code_id AS c FROM codings WHERE coder_id = ? AND document_id = ?`).all(amira.id, doc1) as { u: string; c: string }[];
    const insert = db().prepare(`INSERT INTO codings (id, code_id, coder_id, document_id, unit_id, created_at) VALUES (?, ?, ?, ?, ?, '2026-01-01')`);
    amiraRows.forEach((r, i) => {
      if (i % 4 !== 0) insert.run(randomUUID(), r.c, carol.id, doc1, r.u);
    });
    const report = await t.client.call('agreement.compute', { coderIds: [amira.id, ben.id, carol.id], unitSet: 'all-units', minPositiveUnits: 0 });
    expect(report.pair).toBeNull();
    const multi = report.multi!;
    const units = db().prepare(`SELECT id, document_id AS d FROM meaning_units`).all() as { id: string; d: string }[];
    const scope = new Set(report.unitSet.documents.map((d) => d.id));
    const inScope = units.filter((u) => scope.has(u.d));
    // No hand-out record: Carol was given every document, so where she did not code she is "absent".
    expect(multi.unitsRatedByAll).toBe(inScope.length);
    const marked = new Set((db().prepare(`SELECT unit_id || '|' || code_id || '|' || coder_id FROM codings`).pluck().all() as string[]));
    const code = multi.codes[0];
    const data = [amira.id, ben.id, carol.id].map((k) => inScope.map((u) => (marked.has(`${u.id}|${code.nodeId}|${k}`) ? 1 : 0)));
    expect(code.alpha.value).toBeCloseTo(krippendorffAlpha(data).value!, 10);
    expect(report.scope.warnings.join(' ')).toContain('Carol Diaz coded nothing in');
    // κ at the character level compares two coders; with three, the level reports unitizing α only.
    const chars = await t.client.call('agreement.compute', { coderIds: [amira.id, ben.id, carol.id], level: 'char' });
    expect(chars.characters).toBeNull();
    expect(chars.unitizing!.codes.length).toBeGreaterThan(0);
  });
});

describe('method awareness and blind coding', () => {
  it('hides agreement when it is turned off, while discrepancies and consensus still work', async () => {
    await t.client.call('project.update', { agreementEnabled: false });
    await expect(t.client.call('agreement.compute', { coderIds: [amira.id, ben.id] })).rejects.toMatchObject({ code: 'AGREEMENT_OFF' });
    const list = await t.client.call('agreement.discrepancies', { coderAId: amira.id, coderBId: ben.id });
    expect(list.total).toBe(14);
    const r = await t.client.call('resolutions.decide', { coderAId: amira.id, coderBId: ben.id, key: list.items[0].key, decision: 'keep-a', rationale: 'A is closer to the definition.' });
    expect(r.consensus.map((c) => c.id)).toEqual(list.items[0].codesA.map((c) => c.id));
  });

  it('keeps the comparison closed in blind mode until someone opens it, and records who did', async () => {
    await t.client.call('project.update', { blind: true });
    await expect(t.client.call('agreement.compute', { coderIds: [amira.id, ben.id] })).rejects.toMatchObject({ code: 'BLIND_CODING' });
    await expect(t.client.call('agreement.discrepancies', { coderAId: amira.id, coderBId: ben.id })).rejects.toMatchObject({ code: 'BLIND_CODING' });
    await expect(t.client.call('consensus.codings', { coderView: 'consensus' })).rejects.toMatchObject({ code: 'BLIND_CODING' });
    const doc = (await t.client.call('documents.list', {}))[0];
    const seen = await t.client.call('documents.get', { id: doc.id });
    expect(new Set(seen.codings.map((c) => c.coderId))).toEqual(new Set([amira.id]));

    const summary = await t.client.call('agreement.reveal', { confirm: true });
    expect(summary.settings.blind).toBe(false);
    const status = await t.client.call('agreement.status', {});
    expect(status.revealedBy).toBe('Amira Haddad');
    expect(status.revealedAt).not.toBeNull();
    const audit = await t.client.call('audit.list', { limit: 5 });
    expect(audit[0].summary).toBe('Open the comparison (ends blind coding)');
    const all = await t.client.call('documents.get', { id: doc.id });
    expect(new Set(all.codings.map((c) => c.coderId))).toEqual(new Set([amira.id, ben.id]));
  });

  it('shows nobody’s codings in blind mode before a coder is chosen', async () => {
    await t.client.call('project.update', { blind: true });
    (t.app.project as unknown as { coderId: string | null }).coderId = null;
    const doc = (await t.client.call('documents.list', {}))[0];
    expect((await t.client.call('documents.get', { id: doc.id })).codings).toEqual([]);
  });
});

describe('coders', () => {
  it('edits a coder and makes a resolver; the consensus cannot be edited', async () => {
    const clara = t.coders.find((c) => c.initials === 'CL')!;
    const changed = await t.client.call('coders.update', { id: ben.id, name: 'Ben O. Okafor', initials: 'bk', colour: '#112233' });
    expect(changed).toMatchObject({ name: 'Ben O. Okafor', initials: 'BK', colour: '#112233', role: 'coder' });
    expect((await t.client.call('coders.update', { id: clara.id, role: 'coder' })).role).toBe('coder');
    expect((await t.client.call('coders.update', { id: clara.id, role: 'resolver' })).role).toBe('resolver');
    await t.client.call('history.undo', {});
    expect((await t.client.call('coders.list', {})).find((c) => c.id === clara.id)!.role).toBe('coder');
    await t.client.call('consensus.rebuild', { coderAId: amira.id, coderBId: ben.id });
    const consensus = (await t.client.call('agreement.status', {})).consensusCoderId!;
    await expect(t.client.call('coders.update', { id: consensus, name: 'Me' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
