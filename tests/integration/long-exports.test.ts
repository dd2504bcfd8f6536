import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskProgress } from '../../shared/api/methods/app';
import { makeSampleApp, type TestApp } from './support/app';

/** One turn of the event loop, as long work takes between its parts: polling so, no part goes unseen. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

interface LongExport {
  readonly method: string;
  /** Starts the export; it writes into `folder` (of the projects folder) a file whose name holds `marker`. */
  readonly start: (t: TestApp, marker: string) => Promise<unknown>;
  readonly folder: (t: TestApp) => string;
  readonly stages: readonly string[];
  readonly cancelled: string;
}

const EXPORTS: readonly LongExport[] = [
  {
    method: 'refi.exportProject',
    start: (t, marker) => t.client.call('refi.exportProject', { path: `${marker}.qdpx`, includeBytes: false }),
    folder: (t) => t.app.ports.projectsFolder,
    stages: ['Reading the study', 'Writing project.qde', 'Packing project.qde and 3 sources', 'Saving the file'],
    cancelled: 'The export was cancelled. No file was written.',
  },
  {
    method: 'reports.export',
    start: (t, marker) => t.client.call('reports.export', { kind: 'codebook', format: 'docx', options: {}, path: `${marker}.docx` }),
    folder: (t) => path.join(t.app.ports.projectsFolder, 'Exports'),
    stages: ['Gathering the codebook', 'Laying out the Word document', 'Saving the file'],
    cancelled: 'The export was cancelled. No file was written.',
  },
];

const written = (t: TestApp, e: LongExport, marker: string) => (fs.existsSync(e.folder(t)) ? fs.readdirSync(e.folder(t)).filter((f) => f.includes(marker)) : []);

describe.each(EXPORTS)('$method is long work: it shows its progress and can be cancelled', (e) => {
  let t: TestApp;
  afterEach(() => t?.close());

  it('tells each stage while it runs, and nothing once the file is written', async () => {
    t = await makeSampleApp();
    let settled = false;
    const exporting = e.start(t, 'watched').finally(() => (settled = true));
    const seen: TaskProgress[] = [];
    while (!settled) {
      const { task } = await t.client.call('tasks.progress', {});
      if (task && task.what !== seen.at(-1)?.what) seen.push(task);
      await nextTurn();
    }
    await exporting;
    const stages = seen.filter((s) => s.what !== 'Starting');
    expect(stages.map((s) => s.what)).toEqual(e.stages);
    expect(new Set(seen.map((s) => s.kind))).toEqual(new Set([e.method]));
    // Counted forwards, each stage one further, out of one total.
    expect(stages.map((s) => s.done)).toEqual(e.stages.map((_, i) => i));
    expect(new Set(stages.map((s) => s.total))).toEqual(new Set([e.stages.length]));
    expect(written(t, e, 'watched')).toHaveLength(1);
    expect((await t.client.call('tasks.progress', {})).task).toBeNull();
  });

  it('stops at any stage when asked and writes no file; the same export then goes through', async () => {
    t = await makeSampleApp();
    const before = await t.client.call('project.get', {});
    for (const stage of e.stages) {
      const outcome = e.start(t, 'cancelled').then(
        () => 'finished',
        (err: { code: string; message: string }) => err,
      );
      for (;;) {
        const { task } = await t.client.call('tasks.progress', {});
        if (task?.what === stage) break;
        await nextTurn();
      }
      expect((await t.client.call('tasks.cancel', {})).cancelling).toBe(true);
      expect(await outcome, stage).toMatchObject({ code: 'CANCELLED', message: e.cancelled });
      expect(written(t, e, 'cancelled'), stage).toEqual([]);
      expect((await t.client.call('tasks.progress', {})).task).toBeNull();
    }
    expect((await t.client.call('project.get', {})).counts).toEqual(before.counts);
    await e.start(t, 'cancelled');
    expect(written(t, e, 'cancelled')).toHaveLength(1);
  });
});
