import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/api/errors';
import { makeSampleApp } from './support/app';
import { sampleDocuments } from './support/workbench';

type SampleApp = Awaited<ReturnType<typeof makeSampleApp>>;

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const err = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('edits from a stale copy', () => {
  let t: SampleApp;
  afterEach(() => t?.close());

  it('refuses a condensation edited from a version another window has since changed, and keeps the other edit', async () => {
    t = await makeSampleApp();
    const [doc] = await sampleDocuments(t);
    const unit = doc.units[2];
    // Both windows read the unit at the same version.
    const seen = unit.version;
    const first = await t.client.call('units.condense', { unitId: unit.id, condensed: 'Window A’s words', version: seen });
    expect(first.version).toBe(seen + 1);
    const refused = await refusal(t.client.call('units.condense', { unitId: unit.id, condensed: 'Window B’s words', version: seen }));
    expect(refused.code).toBe('EDIT_CONFLICT');
    expect(refused.details).toEqual({ table: 'meaning_units', id: unit.id, version: seen + 1, theirs: { condensed: 'Window A’s words', interpretive: unit.interpretive } });
    const [after] = (await sampleDocuments(t)).map((d) => d.units.find((u) => u.id === unit.id));
    expect(after?.condensed).toBe('Window A’s words');
    // The later writer chose its own text: sent with the version it was shown, it is written.
    const mine = await t.client.call('units.condense', { unitId: unit.id, condensed: 'Window B’s words', version: seen + 1 });
    expect(mine).toMatchObject({ condensed: 'Window B’s words', version: seen + 2 });
  });

  it('counts no version for an edit that changes nothing, and undo puts the version back with the text', async () => {
    t = await makeSampleApp();
    const [doc] = await sampleDocuments(t);
    const unit = doc.units[3];
    const same = await t.client.call('units.condense', { unitId: unit.id, condensed: unit.condensed, version: unit.version });
    expect(same.version).toBe(unit.version);
    await t.client.call('units.condense', { unitId: unit.id, interpretive: 'Meaning', version: unit.version });
    await t.client.call('history.undo', {});
    const [back] = (await sampleDocuments(t)).map((d) => d.units.find((u) => u.id === unit.id));
    expect(back).toEqual(unit);
  });

  it('refuses a memo edited from a version another window has since changed', async () => {
    t = await makeSampleApp();
    const [doc] = await sampleDocuments(t);
    const memo = await t.client.call('memos.create', { targetType: 'document', targetId: doc.document.id, title: 'Setting', body: 'First' });
    expect(memo.version).toBe(0);
    const a = await t.client.call('memos.update', { id: memo.id, body: 'Window A', version: 0 });
    expect(a.version).toBe(1);
    const refused = await refusal(t.client.call('memos.update', { id: memo.id, body: 'Window B', version: 0 }));
    expect(refused.code).toBe('EDIT_CONFLICT');
    expect(refused.details).toEqual({ table: 'memos', id: memo.id, version: 1, theirs: { title: 'Setting', body: 'Window A' } });
    expect((await t.client.call('memos.list', { targetType: 'document', targetId: doc.document.id })).find((m) => m.id === memo.id)?.body).toBe('Window A');
    // Without a version (the command line, an older caller) the edit is written as before.
    expect((await t.client.call('memos.update', { id: memo.id, body: 'No version' })).version).toBe(2);
  });
});
