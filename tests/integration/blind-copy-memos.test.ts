import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../shared/api/client';
import type { Coder } from '../../shared/api/entities';
import { Application } from '../../electron/core/application';
import { directTransport } from '../../electron/core/direct-transport';
import { makeSampleApp, type TestApp } from './support/app';

// A blind copy must not show the recipient how the other coders read the data: their memos stay home.

type Sample = TestApp & { coders: Coder[] };
interface MemoRow {
  readonly id: string;
  readonly target_type: string;
  readonly author_id: string | null;
  readonly title: string;
  readonly body: string;
}

// One made-up word, so the raw bytes of the copy can be searched for it.
const SECRET = 'Amira thinks this is zanzibarquokka reassurance';

let t: Sample;
let amira: Coder;
let ben: Coder;
let clara: Coder;
let second: Application | null = null;

beforeEach(async () => {
  t = (await makeSampleApp()) as Sample;
  amira = t.coders.find((c) => c.name === 'Amira Haddad')!;
  ben = t.coders.find((c) => c.name === 'Ben Okafor')!;
  clara = t.coders.find((c) => c.name === 'Clara Lindqvist')!;
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

function memosIn(file: string): MemoRow[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(`SELECT id, target_type, author_id, title, body FROM memos ORDER BY id`).all() as MemoRow[];
  } finally {
    db.close();
  }
}

function memosHere(): MemoRow[] {
  return t.app.project!.db.prepare(`SELECT id, target_type, author_id, title, body FROM memos ORDER BY id`).all() as MemoRow[];
}

/** Amira writes on a unit and on one of Ben's codings; Clara (the resolver) on a code. */
async function writeOthersMemos(): Promise<{ unitId: string }> {
  const [doc] = await t.client.call('documents.list', {});
  const detail = await t.client.call('documents.get', { id: doc.id });
  const unitId = detail.units[0].id;
  await t.client.call('memos.create', { targetType: 'unit', targetId: unitId, title: 'Reading of P1', body: SECRET });
  const bensCoding = detail.codings.find((c) => c.coderId === ben.id)!;
  await t.client.call('memos.create', { targetType: 'coding', targetId: bensCoding.id, body: 'Amira doubts Ben’s code here.' });
  await t.client.call('coders.setCurrent', { coderId: clara.id });
  const [code] = (await t.client.call('codebook.list', {})).filter((n) => n.level === 'code');
  await t.client.call('memos.create', { targetType: 'node', targetId: code.id, body: 'Clara: this code is drifting.' });
  await t.client.call('coders.setCurrent', { coderId: amira.id });
  return { unitId };
}

describe('blind coder copies and memos', () => {
  it('leave out the other coders’ memos, keeping the recipient’s own and the project memos', async () => {
    await writeOthersMemos();
    const all = memosHere();
    const expectedKept = all.filter((m) => m.author_id === ben.id || m.author_id === null || m.target_type === 'project');
    expect(all.filter((m) => m.author_id === ben.id).length).toBeGreaterThan(0);
    expect(all.some((m) => m.target_type === 'project' && m.author_id === amira.id)).toBe(true);

    const copy = await t.client.call('exchange.makeCoderCopy', { path: t.file('for-ben'), coderId: ben.id, includeOthersCodings: false });
    const inCopy = memosIn(copy.path);
    expect(inCopy).toEqual(expectedKept);
    expect(copy.memosLeftOut).toBe(all.length - expectedKept.length);
    expect(inCopy.some((m) => m.author_id === amira.id && m.target_type !== 'project')).toBe(false);
    expect(inCopy.some((m) => m.author_id === clara.id)).toBe(false);
    // Neither the file's free pages nor its search index still hold the left-out words.
    const bytes = fs.readFileSync(copy.path);
    expect(bytes.includes(Buffer.from('zanzibarquokka reassurance'))).toBe(false);
    expect(bytes.includes(Buffer.from('nzibarquokka'))).toBe(false);
    expect(bytes.includes(Buffer.from('Clara: this code is drifting'))).toBe(false);

    const b = await openElsewhere(copy.path);
    expect((await b.call('search.query', { query: 'zanzibarquokka' })).hits).toEqual([]);
    expect((await b.call('memos.list', {})).map((m) => m.id).sort()).toEqual(expectedKept.map((m) => m.id).sort());
  });

  it('keep every memo when the copy is not blind', async () => {
    await writeOthersMemos();
    const copy = await t.client.call('exchange.makeCoderCopy', { path: t.file('open-for-ben'), coderId: ben.id, includeOthersCodings: true });
    expect(memosIn(copy.path)).toEqual(memosHere());
    expect(copy.memosLeftOut).toBe(0);
  });

  it('merging the returned copy back leaves the left-out memos in the study and takes the recipient’s memo work', async () => {
    const { unitId } = await writeOthersMemos();
    const copy = await t.client.call('exchange.makeCoderCopy', { path: t.file('for-ben'), coderId: ben.id, includeOthersCodings: false });
    const leftOut = memosHere().filter((m) => !memosIn(copy.path).some((c) => c.id === m.id));
    expect(leftOut.length).toBe(copy.memosLeftOut);

    const b = await openElsewhere(copy.path);
    const bensOwn = (await b.call('memos.list', {})).find((m) => m.authorId === ben.id && m.targetType !== 'project')!;
    await b.call('memos.update', { id: bensOwn.id, body: 'Ben, revised in his copy.' });
    const added = await b.call('memos.create', { targetType: 'unit', targetId: unitId, body: 'Ben: this reads as relief to me.' });
    second!.closeProject();
    second = null;

    const report = await t.client.call('exchange.merge', { path: copy.path });
    expect(report.conflicts).toEqual([]);
    expect(report.removed).toEqual([]);
    expect(report.notices.filter((n) => /memo/i.test(n))).toEqual([]);
    const after = memosHere();
    for (const m of leftOut) expect(after).toContainEqual(m);
    expect(after.find((m) => m.id === bensOwn.id)!.body).toBe('Ben, revised in his copy.');
    expect(after.find((m) => m.id === added.id)).toMatchObject({ author_id: ben.id, body: 'Ben: this reads as relief to me.' });
    expect(after.length).toBe(leftOut.length + memosIn(copy.path).length);
  });

  it('leave out the other coders’ journal entries too, and merging back keeps them in the study', async () => {
    await t.client.call('journal.create', { body: 'Amira: I keep hearing my own first year in these mentees (quillwort).' });
    await t.client.call('coders.setCurrent', { coderId: ben.id });
    const bens = await t.client.call('journal.create', { body: 'Ben: I noticed I skip the facilitator turns.' });
    await t.client.call('coders.setCurrent', { coderId: amira.id });
    const before = await t.client.call('journal.list', {});
    const othersBefore = before.filter((j) => j.authorId !== null && j.authorId !== ben.id);
    expect(othersBefore.length).toBeGreaterThan(0);

    const copy = await t.client.call('exchange.makeCoderCopy', { path: t.file('for-ben'), coderId: ben.id, includeOthersCodings: false });
    expect(copy.journalEntriesLeftOut).toBe(othersBefore.length);
    expect(fs.readFileSync(copy.path).includes(Buffer.from('quillwort'))).toBe(false);
    const b = await openElsewhere(copy.path);
    const inCopy = await b.call('journal.list', {});
    expect(inCopy.map((j) => j.id).sort()).toEqual(before.filter((j) => !othersBefore.includes(j)).map((j) => j.id).sort());
    expect(inCopy.some((j) => j.id === bens.id)).toBe(true);
    expect((await b.call('search.query', { query: 'quillwort' })).hits).toEqual([]);
    second!.closeProject();
    second = null;

    const report = await t.client.call('exchange.merge', { path: copy.path });
    expect(report.removed).toEqual([]);
    expect((await t.client.call('journal.list', {})).map((j) => j.id).sort()).toEqual(before.map((j) => j.id).sort());
  });
});
