import Database from 'better-sqlite3';
import { unzipSync } from 'fflate';
import fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../shared/api/client';
import type { Coder } from '../../shared/api/entities';
import { Application } from '../../electron/core/application';
import { directTransport } from '../../electron/core/direct-transport';
import { UNDO_STEPS_KEPT } from '../../electron/core/store/history';
import { CAPTURED_TABLES } from '../../electron/core/store/migrations';
import { makeSampleApp, type TestApp } from './support/app';
import { nodeNamed, sampleDocuments } from './support/workbench';

function dump(t: TestApp): Record<string, unknown[]> {
  const db = t.app.requireProject().db;
  return Object.fromEntries(CAPTURED_TABLES.map((table) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY id`).all()]));
}

describe('undo, redo and the audit log (one mechanism for every table)', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  it('undoing a cascading delete restores every row exactly, and redo deletes them again', async () => {
    t = await makeSampleApp();
    const session = t.app.requireProject();
    const before = dump(t);
    const doc = session.db.prepare('SELECT id FROM documents ORDER BY sort LIMIT 1').pluck().get() as string;
    session.write('test.deleteDocument', 'Delete a document', () => session.db.prepare('DELETE FROM documents WHERE id = ?').run(doc));
    const afterDelete = dump(t);
    expect(afterDelete.documents.length).toBe(before.documents.length - 1);
    expect(afterDelete.meaning_units.length).toBeLessThan(before.meaning_units.length);
    expect(afterDelete.codings.length).toBeLessThan(before.codings.length);

    session.history.undo(session.currentCoderId);
    expect(dump(t)).toEqual(before);
    session.history.redo(session.currentCoderId);
    expect(dump(t)).toEqual(afterDelete);
    session.history.undo(session.currentCoderId);
    expect(dump(t)).toEqual(before);
  });

  it('records who did what, with each changed row before and after', async () => {
    t = await makeSampleApp();
    const session = t.app.requireProject();
    const node = session.db.prepare("SELECT id, name FROM codebook_nodes WHERE level = 'code' LIMIT 1").get() as { id: string; name: string };
    session.write('test.rename', 'Rename a code', () => session.db.prepare('UPDATE codebook_nodes SET name = ? WHERE id = ?').run('Renamed', node.id));
    const [step] = await t.client.call('audit.list', { limit: 1 });
    expect(step).toMatchObject({ summary: 'Rename a code', method: 'test.rename', coderName: 'Amira Haddad', changes: 1 });
    const [change] = await t.client.call('audit.changes', { stepId: step.id });
    expect(change).toMatchObject({ table: 'codebook_nodes', op: 'update', rowId: node.id });
    expect(change.before).toMatchObject({ name: node.name });
    expect(change.after).toMatchObject({ name: 'Renamed' });
  });

  it('a failing command changes nothing and leaves no audit entry', async () => {
    t = await makeSampleApp();
    const session = t.app.requireProject();
    const before = dump(t);
    const steps = (await t.client.call('audit.list', { limit: 100 })).length;
    expect(() =>
      session.write('test.fail', 'Half a change', () => {
        session.db.prepare("UPDATE codebook_nodes SET name = 'x'").run();
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(dump(t)).toEqual(before);
    expect((await t.client.call('audit.list', { limit: 100 })).length).toBe(steps);
    expect(session.history.canUndo()).toBe(false);
  });

  it('a command that changes nothing is not an undo step', async () => {
    t = await makeSampleApp();
    const session = t.app.requireProject();
    session.write('test.noop', 'Nothing', () => session.db.prepare("UPDATE codebook_nodes SET name = name WHERE 0").run());
    expect(session.history.canUndo()).toBe(false);
  });
});

describe('undo survives closing the project', () => {
  let t: TestApp;
  let other: { app: Application; client: Client } | null = null;
  afterEach(() => {
    other?.app.closeProject();
    other = null;
    t?.close();
  });

  async function reopen(): Promise<void> {
    const path = t.app.requireProject().file.path;
    await t.client.call('project.close', {});
    await t.client.call('project.open', { path });
  }

  /** Another coder's own Condensa, on another file. */
  async function openElsewhere(file: string): Promise<Client> {
    const app = new Application(
      { platform: 'direct', version: 'test', dialogs: null, projectsFolder: join(t.dir, 'elsewhere'), userDataFolder: join(t.dir, 'elsewhere-data') },
      { validateResults: true },
    );
    other = { app, client: createClient(directTransport(app)) };
    await other.client.call('project.open', { path: file });
    return other.client;
  }

  function undoRows(file: string): { step_id: string }[] {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare(`SELECT step_id FROM undo_stack`).all() as { step_id: string }[];
    } finally {
      db.close();
    }
  }

  it('undoes a coding, a rename and a deletion from an earlier session exactly, newest first, and redoes them', async () => {
    t = await makeSampleApp();
    const [doc] = await sampleDocuments(t);
    const code = await nodeNamed(t, 'Feeling welcomed in');
    const doomed = (await t.client.call('codebook.list', {})).find((n) => n.level === 'code' && n.id !== code.id && n.codings > 0)!;
    const states = [dump(t)];
    await t.client.call('codings.apply', { target: { unitIds: [doc.units[0].id, doc.units[1].id] }, codeIds: [code.id] });
    states.push(dump(t));
    await t.client.call('codebook.update', { id: code.id, name: 'Feeling let in' });
    states.push(dump(t));
    await t.client.call('codebook.delete', { id: doomed.id });
    states.push(dump(t));
    const labels = [];
    for (let i = 0; i < 3; i += 1) labels.push((await t.client.call('history.undo', {})).did.summary);
    expect(dump(t)).toEqual(states[0]);
    for (let i = 0; i < 3; i += 1) await t.client.call('history.redo', {});
    expect(dump(t)).toEqual(states[3]);

    await reopen();
    const state = await t.client.call('history.state', {});
    expect(state).toMatchObject({ canUndo: true, canRedo: false, undoLabel: labels[0] });
    expect(state.undoEarlierAt).toEqual(expect.any(String));
    for (let i = 3; i > 0; i -= 1) {
      const undone = await t.client.call('history.undo', {});
      expect(undone.did).toMatchObject({ summary: labels[3 - i], earlierAt: expect.any(String) });
      expect(dump(t)).toEqual(states[i - 1]);
    }
    expect((await t.client.call('history.state', {})).canUndo).toBe(false);
    // Redoing what this session undid, then undoing that again, lands on the same rows.
    await t.client.call('history.redo', {});
    expect(dump(t)).toEqual(states[1]);
    await t.client.call('history.undo', {});
    expect(dump(t)).toEqual(states[0]);
  });

  it('a step of this session is no earlier step; a redo left from an earlier session is offered again', async () => {
    t = await makeSampleApp();
    await t.client.call('coders.create', { name: 'Dana Ruiz' });
    expect((await t.client.call('history.state', {})).undoEarlierAt).toBeNull();
    await t.client.call('history.undo', {});
    await reopen();
    const state = await t.client.call('history.state', {});
    expect(state).toMatchObject({ canUndo: false, canRedo: true, redoLabel: 'Add coder Dana Ruiz' });
    expect(state.redoEarlierAt).toEqual(expect.any(String));
    await t.client.call('history.redo', {});
    expect((await t.client.call('coders.list', {})).map((c) => c.name)).toContain('Dana Ruiz');
    expect((await t.client.call('history.state', {})).undoEarlierAt).toBeNull();
  });

  it(`keeps the newest ${UNDO_STEPS_KEPT} steps`, async () => {
    t = await makeSampleApp();
    const session = t.app.requireProject();
    const memo = await t.client.call('memos.create', { targetType: 'project', targetId: projectId(t), body: 'v0' });
    for (let i = 1; i <= UNDO_STEPS_KEPT + 2; i += 1) {
      session.write('test.edit', `Edit ${i}`, () => session.db.prepare('UPDATE memos SET body = ? WHERE id = ?').run(`v${i}`, memo.id));
    }
    await reopen();
    let undone = 0;
    while ((await t.client.call('history.state', {})).canUndo) {
      await t.client.call('history.undo', {});
      undone += 1;
    }
    expect(undone).toBe(UNDO_STEPS_KEPT);
    expect(t.app.requireProject().db.prepare('SELECT body FROM memos WHERE id = ?').pluck().get(memo.id)).toBe('v2');
  });

  it('writes a step and its undo record in one transaction: neither is kept without the other', async () => {
    t = await makeSampleApp();
    const session = t.app.requireProject();
    const before = dump(t);
    const steps = (await t.client.call('audit.list', { limit: 100 })).length;
    session.db.exec(`CREATE TEMP TRIGGER refuse_undo_record BEFORE INSERT ON main.undo_stack BEGIN SELECT RAISE(ABORT, 'no room'); END`);
    expect(() => session.write('test.rename', 'Rename a code', () => session.db.prepare(`UPDATE codebook_nodes SET name = 'x' WHERE level = 'code'`).run())).toThrow('no room');
    expect(dump(t)).toEqual(before);
    expect((await t.client.call('audit.list', { limit: 100 })).length).toBe(steps);
    session.db.exec(`DROP TRIGGER temp.refuse_undo_record`);

    await t.client.call('coders.create', { name: 'Dana Ruiz' });
    const [step] = await t.client.call('audit.list', { limit: 1 });
    expect(session.db.inTransaction).toBe(false);
    expect(session.db.prepare('SELECT step_id FROM undo_stack').pluck().all()).toEqual([step.id]);
  });

  it('offers no step recorded before the file was updated to a newer schema, and says why', async () => {
    t = await makeSampleApp();
    await t.client.call('coders.create', { name: 'Dana Ruiz' });
    const path = t.app.requireProject().file.path;
    await t.client.call('project.close', {});
    const db = new Database(path);
    db.prepare('UPDATE undo_stack SET schema_version = schema_version - 1').run();
    db.close();
    await t.client.call('project.open', { path });
    expect((await t.client.call('history.state', {})).canUndo).toBe(false);
    await expect(t.client.call('history.undo', {})).rejects.toMatchObject({ code: 'NOTHING_TO_UNDO', message: expect.stringMatching(/updated/) });
    expect((await t.client.call('coders.list', {})).map((c) => c.name)).toContain('Dana Ruiz');
  });

  it('is kept per project: another project never offers the first one’s steps', async () => {
    t = await makeSampleApp();
    const first = t.app.requireProject().file.path;
    await t.client.call('coders.create', { name: 'Dana Ruiz' });
    await t.client.call('project.create', { path: t.file('second.condensa'), title: 'Second', sample: true });
    expect(await t.client.call('history.state', {})).toMatchObject({ canUndo: false, canRedo: false });
    await t.client.call('project.open', { path: first });
    expect((await t.client.call('history.state', {})).undoLabel).toBe('Add coder Dana Ruiz');
  });

  it('coder copies carry no undo log, and a merge brings in none of the copy’s', async () => {
    t = await makeSampleApp();
    const s = t as TestApp & { coders: readonly Coder[] };
    const ben = s.coders.find((c) => c.name === 'Ben Okafor')!;
    await t.client.call('memos.create', { targetType: 'project', targetId: projectId(t), body: 'Lead’s condensation rules' });
    const lead = t.app.requireProject().db.prepare('SELECT step_id FROM undo_stack').pluck().all() as string[];
    expect(lead.length).toBe(1);

    const open = await t.client.call('exchange.makeCoderCopy', { path: t.file('open-copy'), coderId: ben.id, includeOthersCodings: true });
    const blind = await t.client.call('exchange.makeCoderCopy', { path: t.file('blind-copy'), coderId: ben.id });
    expect(undoRows(open.path)).toEqual([]);
    expect(undoRows(blind.path)).toEqual([]);

    const b = await openElsewhere(blind.path);
    expect((await b.call('history.state', {})).canUndo).toBe(false);
    const [doc] = await b.call('documents.list', {});
    const detail = await b.call('documents.get', { id: doc.id });
    const code = (await b.call('codebook.list', {})).find((n) => n.level === 'code')!;
    await b.call('codings.apply', { target: { unitIds: [detail.units[5].id] }, codeIds: [code.id] });
    const copySteps = other!.app.requireProject().db.prepare('SELECT step_id FROM undo_stack').pluck().all() as string[];
    expect(copySteps.length).toBe(1);
    other?.app.closeProject();
    other = null;

    await t.client.call('exchange.merge', { path: blind.path });
    const after = t.app.requireProject().db.prepare('SELECT step_id FROM undo_stack ORDER BY pos').pluck().all() as string[];
    expect(after.length).toBe(2);
    expect(after[0]).toBe(lead[0]);
    expect(after).not.toContain(copySteps[0]);
    expect((await t.client.call('history.state', {})).undoLabel).toBe('Merge Ben Okafor’s copy');
  });
});

describe('the undo log stays in the project file', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  it('a REFI-QDA export carries no undo step nor its summary', async () => {
    t = await makeSampleApp();
    await t.client.call('memos.create', { targetType: 'project', targetId: projectId(t), body: 'Kept in the study' });
    const memo = await t.client.call('memos.create', { targetType: 'project', targetId: projectId(t), title: 'Private draft', body: 'Withdrawn reading of P3' });
    await t.client.call('memos.delete', { id: memo.id });
    const steps = t.app.requireProject().db.prepare('SELECT step_id FROM undo_stack').pluck().all() as string[];
    expect(steps.length).toBe(3);
    const out = await t.client.call('refi.exportProject', { path: join(t.dir, 'study.qdpx') });
    const text = Object.values(unzipSync(fs.readFileSync(out.path)))
      .map((bytes) => Buffer.from(bytes).toString('utf8'))
      .join('\n');
    expect(text).toContain('Kept in the study');
    // The deleted memo lives on only in the undo log, which must not travel with the export.
    expect(text).not.toContain('Withdrawn reading of P3');
    for (const id of steps) expect(text).not.toContain(id);
  });
});

function projectId(t: TestApp): string {
  return t.app.requireProject().db.prepare('SELECT id FROM project').pluck().get() as string;
}
