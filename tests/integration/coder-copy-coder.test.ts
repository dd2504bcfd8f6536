import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../shared/api/client';
import type { Coder } from '../../shared/api/entities';
import { Application } from '../../electron/core/application';
import { directTransport } from '../../electron/core/direct-transport';
import { makeTestApp, type TestApp } from './support/app';

// A copy handed to someone new must never open as the lead: their codings would carry the lead's name.

let t: TestApp;
let lead: Coder;
let second: Application | null = null;

const TRANSCRIPT = ['P1: I always check that someone knows where I am.', '', 'P2: The night bus feels safer with the driver there.', '', 'P1: My phone is my lifeline.'].join('\n');

beforeEach(async () => {
  t = makeTestApp();
  await t.client.call('project.create', { path: t.file('solo.condensa'), title: 'Solo study' });
  // The lead is the only coder so far: the case in which the copy used to fall back to them.
  lead = await t.client.call('coders.create', { name: 'Lena Lead' });
  await t.client.call('coders.setCurrent', { coderId: lead.id });
  const { files } = await t.client.call('import.preview', { sources: [{ kind: 'text', name: 'Group 1', text: TRANSCRIPT }] });
  const first = files[0];
  if (!first.ok) throw new Error(first.error.message);
  await t.client.call('import.commit', { previewId: first.preview.previewId });
});
afterEach(() => {
  second?.closeProject();
  second = null;
  t.close();
});

async function openElsewhere(file: string): Promise<Client> {
  second = new Application(
    { platform: 'direct', version: 'test', dialogs: null, projectsFolder: path.join(t.dir, 'elsewhere'), userDataFolder: path.join(t.dir, 'elsewhere-data') },
    { validateResults: true },
  );
  const client = createClient(directTransport(second));
  await client.call('project.open', { path: file });
  return client;
}

/** The lead codes and condenses the first unit. */
async function leadWorks(): Promise<{ unitId: string; codeId: string }> {
  const [doc] = await t.client.call('documents.list', {});
  const unitId = (await t.client.call('documents.get', { id: doc.id })).units[0].id;
  const code = await t.client.call('codebook.create', { name: 'Being known about' });
  await t.client.call('codings.apply', { target: { unitIds: [unitId] }, codeIds: [code.id] });
  await t.client.call('units.condense', { unitId, condensed: 'Lena reads this as checking in', interpretive: 'Lena: safety through being known' });
  return { unitId, codeId: code.id };
}

describe('a coder copy handed to someone new', () => {
  it('opens with nobody chosen, so the new person names themselves and their codings carry their name', async () => {
    const { unitId, codeId } = await leadWorks();
    const copy = await t.client.call('exchange.makeCoderCopy', { path: t.file('for-someone-new'), includeOthersCodings: true });
    const c = await openElsewhere(copy.path);

    const opened = await c.call('project.get', {});
    expect(opened.currentCoderId).toBeNull();
    await expect(c.call('codings.apply', { target: { unitIds: [unitId] }, codeIds: [codeId] })).rejects.toMatchObject({ code: 'CONFLICT' });

    const sam = await c.call('coders.create', { name: 'Sam New' });
    await c.call('coders.setCurrent', { coderId: sam.id });
    await c.call('codings.apply', { target: { unitIds: [unitId] }, codeIds: [codeId] });
    const detail = await c.call('documents.get', { id: (await c.call('documents.list', {}))[0].id });
    const coders = detail.codings.filter((x) => x.unitId === unitId).map((x) => x.coderId).sort();
    expect(coders).toEqual([lead.id, sam.id].sort());

    // Opened again, it remembers the person who chose to code there.
    second!.closeProject();
    const again = await openElsewhere(copy.path);
    expect((await again.call('project.get', {})).currentCoderId).toBe(sam.id);
  });

  it('opens as the coder it was handed to when one was named', async () => {
    await leadWorks();
    const ben = await t.client.call('coders.create', { name: 'Ben Named' });
    const copy = await t.client.call('exchange.makeCoderCopy', { path: t.file('for-ben'), coderId: ben.id, includeOthersCodings: false });
    const c = await openElsewhere(copy.path);
    expect((await c.call('project.get', {})).currentCoderId).toBe(ben.id);
  });

  it('blind: shows none of the lead’s codings or condensations, in the app or in the file', async () => {
    const { unitId } = await leadWorks();
    const copy = await t.client.call('exchange.makeCoderCopy', { path: t.file('blind-for-someone-new'), includeOthersCodings: false });
    const c = await openElsewhere(copy.path);
    expect((await c.call('project.get', {})).currentCoderId).toBeNull();
    const detail = await c.call('documents.get', { id: (await c.call('documents.list', {}))[0].id });
    expect(detail.codings).toEqual([]);
    const unit = detail.units.find((u) => u.id === unitId)!;
    expect(unit.condensed).toBe('');
    expect(unit.interpretive).toBe('');
    second!.closeProject();
    second = null;
    const raw = new Database(copy.path, { readonly: true });
    try {
      const bytes = raw.serialize().toString('latin1');
      expect(bytes).not.toContain('Lena reads this as checking in');
      expect(bytes).not.toContain('safety through being known');
    } finally {
      raw.close();
    }
  });

  it('blind copy merged back: the new coder’s condensation does not overwrite the lead’s, and is kept in a memo', async () => {
    const { unitId } = await leadWorks();
    const copy = await t.client.call('exchange.makeCoderCopy', { path: t.file('blind-merge'), includeOthersCodings: false });
    const c = await openElsewhere(copy.path);
    const sam = await c.call('coders.create', { name: 'Sam New' });
    await c.call('coders.setCurrent', { coderId: sam.id });
    await c.call('units.condense', { unitId, condensed: 'Sam: telling people where you are' });
    second!.closeProject();
    second = null;
    const report = await t.client.call('exchange.merge', { path: copy.path });
    const [doc] = await t.client.call('documents.list', {});
    const unit = (await t.client.call('documents.get', { id: doc.id })).units.find((u) => u.id === unitId)!;
    expect(unit.condensed).toBe('Lena reads this as checking in');
    expect(report.conflicts.map((x) => x.kind)).toEqual(['edited-in-both']);
    const memos = await t.client.call('memos.list', { targetType: 'unit', targetId: unitId });
    expect(memos.map((m) => m.body).join('\n')).toContain('Sam: telling people where you are');
  });
});
