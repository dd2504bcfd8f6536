import { afterEach, describe, expect, it } from 'vitest';
import { CAPTURED_TABLES } from '../../electron/core/store/migrations';
import { makeSampleApp, type TestApp } from './support/app';

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
