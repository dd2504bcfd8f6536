import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskProgress } from '../../../shared/api/methods/app';
import { makeSampleApp, type TestApp } from '../support/app';

/** One turn of the event loop, as the import takes between its parts: polling so, no part goes unseen. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** The sample study exported as a .qdpx, and the project it was exported from still open. */
async function sampleExport(t: TestApp): Promise<string> {
  const out = await t.client.call('refi.exportProject', { path: 'sample.qdpx', includeBytes: false });
  return out.path;
}

describe('a REFI-QDA project import is long work: it shows its progress and can be cancelled', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  it('tells how far it is while it runs, and nothing when it is done', async () => {
    t = await makeSampleApp();
    const source = await sampleExport(t);
    expect((await t.client.call('tasks.progress', {})).task).toBeNull();
    let settled = false;
    const importing = t.client.call('refi.importProject', { sourcePath: source, targetPath: 'imported' }).finally(() => (settled = true));
    const seen: TaskProgress[] = [];
    while (!settled) {
      const { task } = await t.client.call('tasks.progress', {});
      if (task) seen.push(task);
      await nextTurn();
    }
    const { project } = await importing;
    expect(project.path).toBe(path.join(t.app.ports.projectsFolder, 'imported.condensa'));
    expect(new Set(seen.map((s) => s.kind))).toEqual(new Set(['refi.importProject']));
    const words = seen.map((s) => s.what);
    expect(words).toContain('Reading project.qde');
    expect(words.some((w) => w.startsWith('Writing the new project (meaning units)'))).toBe(true);
    // The writing counts rows up to their total, never back.
    const writing = seen.filter((s) => s.what.startsWith('Writing'));
    for (let i = 1; i < writing.length; i++) expect(writing[i].done).toBeGreaterThanOrEqual(writing[i - 1].done);
    expect(writing.every((s) => s.done <= s.total && s.total === writing[0].total)).toBe(true);
    expect((await t.client.call('tasks.progress', {})).task).toBeNull();
    expect((await t.client.call('tasks.cancel', {})).cancelling).toBe(false);
  });

  it('stops when asked, leaves no file behind and the open project open and unchanged', async () => {
    t = await makeSampleApp();
    const before = await t.client.call('project.get', {});
    const source = await sampleExport(t);
    const target = path.join(t.app.ports.projectsFolder, 'cancelled.condensa');
    // Cancelled at each stage in turn: while reading the file, and while writing the new project.
    for (const stage of ['Reading project.qde', 'Writing the new project']) {
      const importing = t.client.call('refi.importProject', { sourcePath: source, targetPath: 'cancelled' });
      const outcome = importing.then(
        () => 'finished',
        (e: { code: string; message: string }) => e,
      );
      for (;;) {
        const { task } = await t.client.call('tasks.progress', {});
        if (task?.what.startsWith(stage)) break;
        await nextTurn();
      }
      expect((await t.client.call('tasks.cancel', {})).cancelling).toBe(true);
      expect((await t.client.call('tasks.progress', {})).task?.cancelling).toBe(true);
      expect(await outcome).toMatchObject({ code: 'CANCELLED', message: 'The import was cancelled. No project was created.' });
      expect(fs.existsSync(target)).toBe(false);
      expect(fs.readdirSync(t.app.ports.projectsFolder).filter((f) => f.includes('cancelled'))).toEqual([]);
      const after = await t.client.call('project.get', {});
      expect(after.path).toBe(before.path);
      expect(after.counts).toEqual(before.counts);
      expect((await t.client.call('tasks.progress', {})).task).toBeNull();
    }
    // The same import, not cancelled, then goes through.
    const { project } = await t.client.call('refi.importProject', { sourcePath: source, targetPath: 'cancelled' });
    expect(project.counts.documents).toBe(before.counts.documents);
  });
});
