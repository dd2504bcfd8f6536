import { afterEach, describe, expect, it } from 'vitest';
import type { Client } from '../../../shared/api/client';
import type { DocumentDetail } from '../../../shared/api/entities';
import { makeSampleApp, type TestApp } from '../support/app';
import { fixture, importPath, makeImportApp } from './support';

const textOf = (d: DocumentDetail, u: { start: number; end: number }) => d.text.slice(u.start, u.end);

async function detailOf(client: Client, id: string) {
  return client.call('documents.get', { id });
}

function assertDisjointInsideTurns(d: DocumentDetail): void {
  d.units.forEach((u, i) => {
    if (i > 0) expect(d.units[i - 1].end).toBeLessThanOrEqual(u.start);
    expect(d.turns.some((t) => t.start <= u.start && u.end <= t.end)).toBe(true);
  });
}

describe('meaning units: re-segmenting keeps what survives', () => {
  let t: TestApp | null = null;
  afterEach(() => {
    t?.close();
    t = null;
  });

  it('plans, then re-segments a coded document: codings and condensations of unchanged units stay, the plan’s counts hold', async () => {
    t = await makeSampleApp();
    const doc = (await t.client.call('documents.list', {}))[0];
    const before = await detailOf(t.client, doc.id);
    const plan = await t.client.call('units.planSegment', { documentId: doc.id, mode: 'turn' });
    expect(plan.codings).toBe(before.codings.filter((c) => c.unitId).length);
    expect(plan.codingsDropped).toBeGreaterThan(0);
    expect(plan.codingsKept + plan.codingsDropped).toBe(plan.codings);
    // Planning changes nothing.
    expect((await detailOf(t.client, doc.id)).units).toEqual(before.units);

    const done = await t.client.call('units.segment', { documentId: doc.id, mode: 'turn' });
    expect(done).toEqual(plan);
    const after = await detailOf(t.client, doc.id);
    expect(after.units).toHaveLength(plan.units);
    expect(after.codings.filter((c) => c.unitId)).toHaveLength(plan.codingsKept);
    for (const u of after.units) {
      const old = before.units.find((o) => o.start === u.start && o.end === u.end);
      if (!old) continue;
      // A surviving unit is the same unit: id, condensation, codings.
      expect(u).toEqual(old);
      expect(after.codings.filter((c) => c.unitId === u.id).map((c) => c.id).sort()).toEqual(before.codings.filter((c) => c.unitId === u.id).map((c) => c.id).sort());
    }
    assertDisjointInsideTurns(after);

    // One undo brings every unit and coding back.
    await t.client.call('history.undo', {});
    const undone = await detailOf(t.client, doc.id);
    expect(undone.units).toEqual(before.units);
    expect(undone.codings.map((c) => c.id).sort()).toEqual(before.codings.map((c) => c.id).sort());
  });

  it('re-segmenting the same way drops nothing', async () => {
    t = await makeImportApp();
    const { result } = await importPath(t.client, fixture('interview.md'));
    const plan = await t.client.call('units.planSegment', { documentId: result.documentId, mode: 'sentence' });
    expect(plan).toMatchObject({ units: result.units, unitsKept: result.units, codingsDropped: 0, condensationsDropped: 0 });
    const withFacilitator = await t.client.call('units.segment', { documentId: result.documentId, mode: 'sentence', unitsInFacilitatorTurns: true });
    expect(withFacilitator.units).toBeGreaterThan(result.units);
    expect(withFacilitator.unitsKept).toBe(result.units);
  });
});

describe('meaning units: editing by hand', () => {
  let t: TestApp;
  let documentId: string;
  afterEach(() => t.close());

  async function setUp() {
    t = await makeImportApp();
    const { result } = await importPath(t.client, fixture('interview-utf8-bom-crlf.txt'));
    documentId = result.documentId;
    return detailOf(t.client, documentId);
  }

  it('makes a unit from a selection, widened to whole words, and refuses overlaps and turn crossings', async () => {
    const d = await setUp();
    const facilitatorTurn = d.turns[0]; // "How did the first weeks go?" has no unit
    const from = facilitatorTurn.start + 2; // inside "How"
    const unit = await t.client.call('units.create', { documentId, start: from, end: from + 11 }); // ends inside "first"
    expect(textOf(d, unit)).toBe('How did the first');

    await expect(t.client.call('units.create', { documentId, start: from + 3, end: from + 12 })).rejects.toMatchObject({ code: 'INVALID_RANGE' });
    const across = { documentId, start: d.turns[2].start, end: d.turns[3].start + 5 };
    await expect(t.client.call('units.create', across)).rejects.toMatchObject({ code: 'INVALID_RANGE', message: expect.stringContaining('turn') });
    await expect(t.client.call('units.create', { documentId, start: 5, end: 5 })).rejects.toMatchObject({ code: 'INVALID_RANGE' });

    // Allowed when the project says so (here the other turn's text has a unit at its start, so stop before it).
    await t.client.call('project.update', { allowUnitsAcrossTurns: true });
    const wide = await t.client.call('units.create', { documentId, start: d.turns[2].start, end: d.turns[3].start - 1 });
    expect(wide.start).toBe(d.turns[2].start);
    assertNoOverlap(await detailOf(t.client, documentId));
  });

  it('splits a unit at a word boundary, merges it back, and moves a boundary', async () => {
    const d = await setUp();
    const unit = d.units[1]; // "The café was the only warm place; a coffee cost €2."
    await t.client.call('units.condense', { unitId: unit.id, condensed: 'Café was the warm place' });
    const at = d.text.indexOf('warm', unit.start) + 2; // inside "warm": snaps back to its start
    const { first, second } = await t.client.call('units.split', { unitId: unit.id, at });
    expect(textOf(d, first)).toBe('The café was the only');
    expect(textOf(d, second)).toBe('warm place; a coffee cost €2.');
    expect(first.id).toBe(unit.id);
    expect(first.condensed).toBe('Café was the warm place');
    await expect(t.client.call('units.split', { unitId: first.id, at: first.start })).rejects.toMatchObject({ code: 'INVALID_RANGE' });

    await t.client.call('units.condense', { unitId: second.id, condensed: 'coffee cost' });
    const merged = await t.client.call('units.merge', { unitId: first.id });
    expect(textOf(d, merged)).toBe('The café was the only warm place; a coffee cost €2.');
    expect(merged.condensed).toBe('Café was the warm place coffee cost');

    // The last unit of P1's first turn cannot merge into the next turn's unit.
    await expect(t.client.call('units.merge', { unitId: merged.id })).rejects.toMatchObject({ code: 'INVALID_RANGE' });
    const last = (await detailOf(t.client, documentId)).units.at(-1)!;
    await expect(t.client.call('units.merge', { unitId: last.id })).rejects.toMatchObject({ code: 'INVALID_RANGE', message: expect.stringContaining('last') });

    // Drag the end boundary into the middle of a word: it snaps to the word's end.
    const resized = await t.client.call('units.resize', { unitId: merged.id, start: merged.start, end: d.text.indexOf('coffee', merged.start) + 3 });
    expect(textOf(d, resized)).toBe('The café was the only warm place; a coffee');
    await expect(t.client.call('units.resize', { unitId: resized.id, start: d.units[0].start, end: resized.end })).rejects.toMatchObject({ code: 'INVALID_RANGE' });
    assertNoOverlap(await detailOf(t.client, documentId));

    const removed = await t.client.call('units.delete', { unitIds: [resized.id] });
    expect(removed.deleted).toBe(1);
    await t.client.call('history.undo', {});
    expect((await detailOf(t.client, documentId)).units.some((u) => u.id === resized.id)).toBe(true);
  });

  function assertNoOverlap(d: DocumentDetail) {
    d.units.forEach((u, i) => {
      if (i > 0) expect(d.units[i - 1].end).toBeLessThanOrEqual(u.start);
    });
  }
});

describe('meaning units: codings follow splits and merges', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('both halves of a split keep the codings; merging collapses duplicates', async () => {
    t = await makeSampleApp();
    const doc = (await t.client.call('documents.list', {}))[0];
    const d = await detailOf(t.client, doc.id);
    const unit = d.units.find((u) => d.codings.some((c) => c.unitId === u.id) && textOf(d, u).split(' ').length > 6)!;
    const codings = d.codings.filter((c) => c.unitId === unit.id);
    const mid = d.text.indexOf(' ', unit.start + Math.floor((unit.end - unit.start) / 2)) + 1;
    const { first, second } = await t.client.call('units.split', { unitId: unit.id, at: mid });
    const split = await detailOf(t.client, doc.id);
    const key = (c: { codeId: string; coderId: string }) => `${c.codeId}|${c.coderId}`;
    expect(split.codings.filter((c) => c.unitId === first.id).map(key).sort()).toEqual(codings.map(key).sort());
    expect(split.codings.filter((c) => c.unitId === second.id).map(key).sort()).toEqual(codings.map(key).sort());

    // A memo on the second half moves to the merged unit; a memo on a removed unit goes with it.
    await t.client.call('memos.create', { targetType: 'unit', targetId: second.id, body: 'Note on the second half' });
    await t.client.call('units.merge', { unitId: first.id });
    const merged = await detailOf(t.client, doc.id);
    expect(merged.codings.filter((c) => c.unitId === first.id).map(key).sort()).toEqual(codings.map(key).sort());
    expect(merged.units.find((u) => u.id === first.id)).toMatchObject({ start: unit.start, end: unit.end });
    expect((await t.client.call('memos.list', { targetType: 'unit', targetId: first.id })).map((m) => m.body)).toContain('Note on the second half');
    await t.client.call('units.delete', { unitIds: [first.id] });
    expect(await t.client.call('memos.list', { targetType: 'unit', targetId: first.id })).toEqual([]);
  });
});
