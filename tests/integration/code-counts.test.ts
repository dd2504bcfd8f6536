import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Coder } from '../../shared/api/entities';
import { ensureConsensusCoder } from '../../electron/core/agreement/consensus';
import { makeSampleApp, type TestApp } from './support/app';

// The code list counts units, for the coders of the view in use: a code on 3 units coded by two
// coders and settled in the consensus is 3 units, not 7 codings.

let t: TestApp & { coders: readonly Coder[] };
let amira: Coder;
let ben: Coder;
let consensus: { id: string };

beforeEach(async () => {
  t = await makeSampleApp();
  amira = t.coders.find((c) => c.name === 'Amira Haddad')!;
  ben = t.coders.find((c) => c.name === 'Ben Okafor')!;
});
afterEach(() => t.close());

async function codeOnThreeUnits(): Promise<{ codeId: string; unitIds: string[] }> {
  const [doc] = await t.client.call('documents.list', {});
  const unitIds = (await t.client.call('documents.get', { id: doc.id })).units.slice(0, 3).map((u) => u.id);
  const code = await t.client.call('codebook.create', { name: 'Counted once per unit' });
  await t.client.call('codings.apply', { target: { unitIds }, codeIds: [code.id] });
  await t.client.call('coders.setCurrent', { coderId: ben.id });
  await t.client.call('codings.apply', { target: { unitIds: unitIds.slice(0, 2) }, codeIds: [code.id] });
  // The consensus as the resolver's decisions would leave it: the code on two units.
  const db = t.app.project!.db;
  consensus = { id: ensureConsensusCoder(db) };
  const insert = db.prepare(`INSERT INTO codings (id, code_id, coder_id, document_id, unit_id, created_at) VALUES (?, ?, ?, ?, ?, '2026-01-01')`);
  for (const unitId of unitIds.slice(0, 2)) insert.run(crypto.randomUUID(), code.id, consensus.id, doc.id, unitId);
  return { codeId: code.id, unitIds };
}

describe('code counts', () => {
  it('count units for the coders asked: the two coders 3, Ben 2, the consensus 2 — never the 7 codings', async () => {
    const { codeId } = await codeOnThreeUnits();
    const units = async (coderIds?: string[]) => (await t.client.call('codebook.counts', coderIds ? { coderIds } : {})).find((c) => c.nodeId === codeId)!;
    expect((await t.client.call('codebook.list', {})).find((n) => n.id === codeId)!.codings).toBe(7);
    expect((await units([amira.id, ben.id])).units).toBe(3);
    expect((await units([amira.id, ben.id])).codings).toBe(5);
    expect((await units([ben.id])).units).toBe(2);
    expect((await units([consensus.id])).units).toBe(2);
  });

  it('in blind mode, only the current coder’s units, whichever coders are asked for', async () => {
    const { codeId } = await codeOnThreeUnits();
    await t.client.call('project.update', { blind: true });
    const counts = await t.client.call('codebook.counts', { coderIds: [amira.id, ben.id, consensus.id] });
    expect(counts.find((c) => c.nodeId === codeId)!.units).toBe(2);
  });

  it('per coder: each coder’s units apart, the consensus too, a category counting its codes', async () => {
    const { codeId } = await codeOnThreeUnits();
    const category = await t.client.call('codebook.create', { level: 'category', name: 'Holds the counted code' });
    await t.client.call('codebook.move', { nodes: [{ id: codeId }], to: { kind: 'inside', nodeId: category.id } });
    const perCoder = await t.client.call('codebook.countsPerCoder', {});
    const of = (nodeId: string) => new Map(perCoder.find((c) => c.nodeId === nodeId)!.coders.map((c) => [c.coderId, c.units + c.passages]));
    expect(of(codeId).get(amira.id)).toBe(3);
    expect(of(codeId).get(ben.id)).toBe(2);
    expect(of(codeId).get(consensus.id)).toBe(2);
    expect(of(category.id)).toEqual(of(codeId));
    // Every coder is listed for every node, with 0 where they coded nothing under it.
    const coders = await t.client.call('coders.list', {});
    expect(new Set(perCoder.find((c) => c.nodeId === codeId)!.coders.map((c) => c.coderId))).toEqual(new Set(coders.map((c) => c.id)));
    const other = (await t.client.call('codebook.list', {})).find((n) => n.id !== codeId && n.id !== category.id && n.level === 'code' && n.codings === 0);
    if (other) expect([...of(other.id).values()].every((n) => n === 0)).toBe(true);
  });

  it('per coder in blind mode: only the current coder', async () => {
    const { codeId } = await codeOnThreeUnits();
    await t.client.call('project.update', { blind: true });
    const perCoder = await t.client.call('codebook.countsPerCoder', {});
    expect(perCoder.find((c) => c.nodeId === codeId)!.coders).toEqual([{ coderId: ben.id, units: 2, passages: 0 }]);
  });
});
