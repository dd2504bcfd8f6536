import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../shared/api/client';
import type { Coder } from '../../shared/api/entities';
import { Application } from '../../electron/core/application';
import { directTransport } from '../../electron/core/direct-transport';
import { makeSampleApp, type TestApp } from './support/app';

// Working apart: Amira hands Ben a copy, both work, Ben's file comes back and is merged by IDs.

type Sample = TestApp & { coders: Coder[] };

let t: Sample;
let amira: Coder;
let ben: Coder;
let second: { app: Application; client: Client } | null = null;

beforeEach(async () => {
  t = (await makeSampleApp()) as Sample;
  amira = t.coders.find((c) => c.initials === 'AH')!;
  ben = t.coders.find((c) => c.initials === 'BO')!;
});
afterEach(() => {
  second?.app.closeProject();
  second = null;
  t.close();
});

/** The other coder's own Condensa: a second Application on the copy. */
async function openElsewhere(file: string): Promise<Client> {
  const app = new Application(
    { platform: 'direct', version: 'test', dialogs: null, projectsFolder: path.join(t.dir, 'elsewhere'), userDataFolder: path.join(t.dir, 'elsewhere-data') },
    { validateResults: true },
  );
  second = { app, client: createClient(directTransport(app)) };
  await second.client.call('project.open', { path: file });
  return second.client;
}

function closeElsewhere(): void {
  second?.app.closeProject();
  second = null;
}

function rows<T>(file: string, sql: string, ...args: unknown[]): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all(...args) as T[];
  } finally {
    db.close();
  }
}

async function nodeByName(client: Client, name: string) {
  return (await client.call('codebook.list', {})).find((n) => n.name === name)!;
}

describe('coder copies', () => {
  it('writes a blind copy for one coder: same IDs, only that coder’s codings, a clean audit log', async () => {
    const copy = await t.client.call('exchange.makeCoderCopy', { path: t.file('for-ben'), coderId: ben.id, includeOthersCodings: false });
    expect(copy.path.endsWith('for-ben.condensa')).toBe(true);
    expect(copy.coderName).toBe('Ben Okafor');
    const ours = t.app.project!.db;
    expect(copy.codingsIncluded).toBe(ours.prepare(`SELECT count(*) FROM codings WHERE coder_id = ?`).pluck().get(ben.id));
    expect(copy.codingsLeftOut).toBe(ours.prepare(`SELECT count(*) FROM codings WHERE coder_id <> ?`).pluck().get(ben.id));
    const theirUnits = rows<{ id: string }>(copy.path, `SELECT id FROM meaning_units ORDER BY id`);
    expect(theirUnits).toEqual(ours.prepare(`SELECT id FROM meaning_units ORDER BY id`).all());
    expect(rows(copy.path, `SELECT DISTINCT coder_id FROM codings`)).toEqual([{ coder_id: ben.id }]);
    expect(rows(copy.path, `SELECT * FROM audit_steps`)).toEqual([]);

    const client = await openElsewhere(copy.path);
    const info = await client.call('exchange.info', {});
    expect(info.copy).toMatchObject({ copyId: copy.copyId, coderName: 'Ben Okafor', madeBy: 'Amira Haddad', includeOthersCodings: false });
    expect((await client.call('project.get', {})).currentCoderId).toBe(ben.id);
    expect((await t.client.call('exchange.info', {})).handouts.map((h) => h.copyId)).toEqual([copy.copyId]);
  });

  it('refuses to overwrite a file or to copy onto the study itself', async () => {
    await t.client.call('exchange.makeCoderCopy', { path: t.file('x'), coderId: ben.id });
    await expect(t.client.call('exchange.makeCoderCopy', { path: t.file('x'), coderId: ben.id })).rejects.toMatchObject({ code: 'PROJECT_EXISTS' });
    await expect(t.client.call('exchange.makeCoderCopy', { path: t.app.project!.file.path })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('merging a returned copy', () => {
  it('adds the other coder’s work, takes their one-sided edits, reports conflicts, keeps both sides, and undoes as one step', async () => {
    await t.client.call('project.update', { blind: true });
    const copy = await t.client.call('exchange.makeCoderCopy', { path: t.file('for-ben'), coderId: ben.id });
    const documents = await t.client.call('documents.list', {});
    const fg1 = await t.client.call('documents.get', { id: documents[0].id });
    const [u0, u1, u2, u3] = fg1.units;
    const calm = await nodeByName(t.client, 'Easing exam nerves');
    const notes = await nodeByName(t.client, 'Sharing notes and resources');
    const welcomed = await nodeByName(t.client, 'Feeling welcomed in');

    // Ben, in his own Condensa, on the copy.
    const b = await openElsewhere(copy.path);
    const benCodingsBefore = (await b.call('documents.get', { id: fg1.document.id })).codings.length;
    await b.call('codings.apply', { target: { unitIds: [u3.id] }, codeIds: [welcomed.id] });
    await b.call('codebook.update', { id: calm.id, name: 'Calming exam nerves' });
    await b.call('codebook.update', { id: welcomed.id, definition: 'Ben’s sharper definition.' });
    await b.call('units.condense', { unitId: u1.id, condensed: 'Ben’s condensation' });
    await b.call('memos.create', { targetType: 'unit', targetId: u2.id, body: 'Ben: unsure whether this is reassurance.' });
    const newCode = await b.call('codebook.create', { name: 'Peer comparison', parentId: null });
    await b.call('codings.apply', { target: { unitIds: [u0.id] }, codeIds: [newCode.id] });
    const benOwn = (await b.call('documents.get', { id: fg1.document.id })).codings.find((c) => c.unitId === u2.id && c.coderId === ben.id)!;
    await b.call('codings.remove', { codingIds: [benOwn.id] });
    // Opening the comparison in his copy ends blind coding there, not in the study.
    await b.call('agreement.reveal', { confirm: true });
    closeElsewhere();

    // Amira, meanwhile, at home.
    await t.client.call('codebook.update', { id: calm.id, name: 'Settling exam nerves' });
    await t.client.call('units.condense', { unitId: u1.id, condensed: 'Amira’s condensation' });
    await t.client.call('codebook.update', { id: notes.id, definition: 'Amira’s definition of notes.' });
    const countsBefore = (await t.client.call('project.get', {})).counts;

    const report = await t.client.call('exchange.merge', { path: copy.path });
    expect(report.copy?.copyId).toBe(copy.copyId);
    expect(report.added).toEqual(
      expect.arrayContaining([
        { what: 'codings by Ben Okafor', count: 2 },
        { what: 'codes and other codebook nodes', count: 1 },
        { what: 'memos', count: 1 },
      ]),
    );
    expect(report.removed).toEqual([{ what: 'codings by Ben Okafor', count: 1 }]);
    expect(report.updated).toEqual([{ what: 'codes and other codebook nodes', count: 1 }]);
    expect((await t.client.call('project.get', {})).settings.blind).toBe(true);

    const renamed = report.conflicts.find((c) => c.table === 'codebook_nodes')!;
    expect(renamed.kind).toBe('edited-in-both');
    expect(renamed.fields).toEqual([{ field: 'name', base: 'Easing exam nerves', ours: 'Settling exam nerves', theirs: 'Calming exam nerves' }]);
    const unit = report.conflicts.find((c) => c.table === 'meaning_units')!;
    // The copy is blind, so it went out with every condensation blank: that is its base.
    expect(u1.condensed).not.toBe('');
    expect(unit.fields).toEqual([{ field: 'condensed', base: '', ours: 'Amira’s condensation', theirs: 'Ben’s condensation' }]);
    expect(report.conflicts).toHaveLength(2);

    // Ours kept, theirs recorded as a memo on the thing; one-sided edits from both sides survive.
    expect((await nodeByName(t.client, 'Settling exam nerves')).id).toBe(calm.id);
    const memo = (await t.client.call('memos.list', { targetType: 'node', targetId: calm.id })).find((m) => m.id === renamed.memoId)!;
    expect(memo.body).toContain('“Calming exam nerves”');
    expect(memo.body).toContain('“Settling exam nerves”');
    expect((await t.client.call('memos.list', { targetType: 'unit', targetId: u1.id })).some((m) => m.body.includes('Ben’s condensation'))).toBe(true);
    expect((await nodeByName(t.client, 'Feeling welcomed in')).definition).toBe('Ben’s sharper definition.');
    expect((await nodeByName(t.client, 'Sharing notes and resources')).definition).toBe('Amira’s definition of notes.');
    expect((await nodeByName(t.client, 'Peer comparison')).id).toBe(newCode.id);
    const ours = t.app.project!.db;
    expect(ours.prepare(`SELECT count(*) FROM codings WHERE coder_id = ? AND document_id = ?`).pluck().get(ben.id, fg1.document.id)).toBe(benCodingsBefore + 1);
    expect(ours.prepare(`SELECT count(*) FROM codings WHERE id = ?`).pluck().get(benOwn.id)).toBe(0);

    // One undo takes the whole merge back.
    const audit = await t.client.call('audit.list', { limit: 1 });
    expect(audit[0].summary).toBe('Merge Ben Okafor’s copy (2 conflicts)');
    await t.client.call('history.undo', {});
    expect((await t.client.call('project.get', {})).counts).toEqual({ ...countsBefore, auditSteps: countsBefore.auditSteps + 2 });
    expect(await nodeByName(t.client, 'Peer comparison')).toBeUndefined();
    await t.client.call('history.redo', {});
    expect((await nodeByName(t.client, 'Peer comparison')).id).toBe(newCode.id);

    // Merging the same file again adds nothing and writes no second memo.
    const again = await t.client.call('exchange.merge', { path: copy.path });
    expect(again.added).toEqual([]);
    expect(again.removed).toEqual([]);
    expect(again.conflicts.every((c) => c.memoId === null)).toBe(true);
  });

  it('restores what we deleted when the other coder’s work depends on it', async () => {
    const copy = await t.client.call('exchange.makeCoderCopy', { path: t.file('for-ben'), coderId: ben.id });
    const doc = (await t.client.call('documents.list', {}))[1];
    const unit = (await t.client.call('documents.get', { id: doc.id })).units[3];
    const code = await nodeByName(t.client, 'Reading the hierarchy');
    const b = await openElsewhere(copy.path);
    await b.call('codings.apply', { target: { unitIds: [unit.id] }, codeIds: [code.id] });
    closeElsewhere();
    await t.client.call('units.delete', { unitIds: [unit.id] });
    const report = await t.client.call('exchange.merge', { path: copy.path });
    const restored = report.conflicts.find((c) => c.rowId === unit.id)!;
    expect(restored.kind).toBe('deleted-here-changed-there');
    expect(restored.outcome).toContain('restored');
    const after = await t.client.call('documents.get', { id: doc.id });
    expect(after.units.some((u) => u.id === unit.id)).toBe(true);
    expect(after.codings.some((c) => c.unitId === unit.id && c.coderId === ben.id && c.codeId === code.id)).toBe(true);
  });

  it('works the same way for a third coder who joins in the copy', async () => {
    const copy = await t.client.call('exchange.makeCoderCopy', { path: t.file('for-anyone'), includeOthersCodings: true });
    expect(copy.coderId).toBeNull();
    const c = await openElsewhere(copy.path);
    const dana = await c.call('coders.create', { name: 'Dana Ruiz' });
    await c.call('coders.setCurrent', { coderId: dana.id });
    const doc = (await c.call('documents.list', {}))[0];
    const units = (await c.call('documents.get', { id: doc.id })).units.slice(0, 6);
    const code = await nodeByName(c, 'Knowing someone is there');
    await c.call('codings.apply', { target: { unitIds: units.map((u) => u.id) }, codeIds: [code.id] });
    closeElsewhere();
    const report = await t.client.call('exchange.merge', { path: copy.path });
    expect(report.added).toEqual(expect.arrayContaining([{ what: 'coders', count: 1 }, { what: 'codings by Dana Ruiz', count: 6 }]));
    expect(report.conflicts).toEqual([]);
    const agreement = await t.client.call('agreement.compute', { coderIds: [amira.id, ben.id, dana.id] });
    expect(agreement.multi).not.toBeNull();
  });

  it('tells how far a merge is, and a cancel leaves the study, its audit log and its undo as they were', async () => {
    const copy = await t.client.call('exchange.makeCoderCopy', { path: t.file('for-ben'), coderId: ben.id });
    const documents = await t.client.call('documents.list', {});
    const fg1 = await t.client.call('documents.get', { id: documents[0].id });
    const b = await openElsewhere(copy.path);
    const welcomed = await nodeByName(b, 'Feeling welcomed in');
    await b.call('codings.apply', { target: { unitIds: [fg1.units[3].id] }, codeIds: [welcomed.id] });
    closeElsewhere();
    const before = { counts: (await t.client.call('project.get', {})).counts, steps: await t.client.call('audit.list', { limit: 500 }), history: await t.client.call('history.state', {}) };

    const merging = t.client.call('exchange.merge', { path: copy.path });
    const outcome = merging.then(
      () => 'finished',
      (e: { code: string; message: string }) => e,
    );
    let settled = false;
    void outcome.then(() => (settled = true));
    // Stopped once Ben's coding is in (the codings come before the quotes), so the undoing is real.
    const pastCodings = (what: string | undefined) => !!what && ['Merging exemplar quotes', 'Merging memos', 'Merging journal entries', 'Merging saved searches', 'Merging positions on the thematic map', 'Merging earlier names of codes'].includes(what);
    let stage: string | undefined;
    while (!settled && !pastCodings(stage)) {
      stage = (await t.client.call('tasks.progress', {})).task?.what;
      // One turn of the loop, as the merge takes between its parts: no part goes unseen.
      await new Promise((r) => setImmediate(r));
    }
    expect(pastCodings(stage)).toBe(true);
    expect((await t.client.call('tasks.cancel', {})).cancelling).toBe(true);
    expect(await outcome).toMatchObject({ code: 'CANCELLED', message: 'The merge was cancelled. Nothing was merged.' });
    expect((await t.client.call('project.get', {})).counts).toEqual(before.counts);
    expect(await t.client.call('audit.list', { limit: 500 })).toEqual(before.steps);
    expect(await t.client.call('history.state', {})).toEqual(before.history);
    expect((await t.client.call('exchange.info', {})).merges).toEqual([]);

    // Not cancelled, the same copy merges as one undoable step.
    const report = await t.client.call('exchange.merge', { path: copy.path });
    expect(report.added).toEqual(expect.arrayContaining([{ what: 'codings by Ben Okafor', count: 1 }]));
    expect((await t.client.call('history.state', {})).undoLabel).toBe('Merge Ben Okafor’s copy');
  });

  it('refuses a file that is another study, or not a study at all', async () => {
    const other = t.file('other-study.condensa');
    const app = new Application(
      { platform: 'direct', version: 'test', dialogs: null, projectsFolder: path.join(t.dir, 'other'), userDataFolder: path.join(t.dir, 'other-data') },
      {},
    );
    await createClient(directTransport(app)).call('project.create', { path: other, title: 'Another study', sample: true });
    app.closeProject();
    await expect(t.client.call('exchange.merge', { path: other })).rejects.toMatchObject({ code: 'NOT_A_COPY' });
    fs.writeFileSync(t.file('notes.condensa'), 'just text '.repeat(20));
    await expect(t.client.call('exchange.merge', { path: t.file('notes.condensa') })).rejects.toMatchObject({ code: 'PROJECT_NOT_SQLITE' });
    await expect(t.client.call('exchange.merge', { path: t.file('missing.condensa') })).rejects.toMatchObject({ code: 'PROJECT_NOT_FOUND' });
  });
});
