import { afterEach, describe, expect, it } from 'vitest';
import type { AppEvent, ChangeEvent } from '../../shared/api/events';
import { EVENT_ROWS_PER_TABLE } from '../../shared/api/events';
import { Tasks } from '../../electron/core/tasks';
import { makeSampleApp } from './support/app';
import { nodeNamed, sampleDocuments, sql } from './support/workbench';

type SampleApp = Awaited<ReturnType<typeof makeSampleApp>>;

/** Every change event the app sends while `work` runs. */
async function changesDuring(t: SampleApp, work: () => Promise<unknown>): Promise<ChangeEvent[]> {
  const seen: AppEvent[] = [];
  const stop = t.app.events.subscribe((e) => seen.push(e));
  try {
    await work();
  } finally {
    stop();
  }
  return seen.filter((e): e is ChangeEvent => e.type === 'change');
}

describe('change events', () => {
  let t: SampleApp;
  afterEach(() => t?.close());

  it('names the command and exactly the rows it changed, table by table', async () => {
    t = await makeSampleApp();
    const [doc] = await sampleDocuments(t);
    const code = await nodeNamed(t, 'Easing exam nerves');
    const unit = doc.units.find((u) => !doc.codings.some((c) => c.unitId === u.id && c.codeId === code.id))!;
    let added: string[] = [];
    const applied = await changesDuring(t, async () => {
      const r = await t.client.call('codings.apply', { target: { unitIds: [unit.id] }, codeIds: [code.id] });
      added = r.added.map((c) => c.id);
    });
    expect(added).toHaveLength(1);
    expect(applied).toEqual([{ type: 'change', project: t.app.project!.file.path, method: 'codings.apply', origin: null, tables: { codings: added } }]);

    const condensed = await changesDuring(t, () => t.client.call('units.condense', { unitId: unit.id, condensed: 'Nerves before exams', interpretive: 'Fear' }));
    expect(condensed.map((e) => [e.method, e.tables])).toEqual([['units.condense', { meaning_units: [unit.id] }]]);

    const memo = await t.client.call('memos.create', { targetType: 'unit', targetId: unit.id, body: 'First thought' });
    const edited = await changesDuring(t, () => t.client.call('memos.update', { id: memo.id, body: 'Second thought' }));
    expect(edited.map((e) => [e.method, e.tables])).toEqual([['memos.update', { memos: [memo.id] }]]);

    // Undo is one command, whatever steps it replays: one event, naming the rows put back.
    const undone = await changesDuring(t, () => t.client.call('history.undo', {}));
    expect(undone.map((e) => [e.method, e.tables])).toEqual([['history.undo', { memos: [memo.id] }]]);
  });

  it('sends nothing for reads, for a command that changed nothing, or for a refused one', async () => {
    t = await makeSampleApp();
    const [doc] = await sampleDocuments(t);
    const unit = doc.units[0];
    const none = await changesDuring(t, async () => {
      await t.client.call('documents.list', {});
      await t.client.call('units.condense', { unitId: unit.id, condensed: unit.condensed, interpretive: unit.interpretive });
      await t.client.call('units.condense', { unitId: 'gone', condensed: 'x' }).catch(() => undefined);
    });
    expect(none).toEqual([]);
  });

  it('hands the caller its own change in the answer and names the caller as its origin', async () => {
    t = await makeSampleApp();
    const [doc] = await sampleDocuments(t);
    const unit = doc.units[1];
    const path = t.app.project!.file.path;
    const pushed = await changesDuring(t, async () => {
      const envelope = await t.app.dispatch('units.condense', { unitId: unit.id, condensed: 'Asked for help' }, { project: path, client: 'tab-1' });
      expect(envelope.change).toEqual({ type: 'change', project: path, method: 'units.condense', origin: 'tab-1', tables: { meaning_units: [unit.id] } });
    });
    expect(pushed.map((e) => e.origin)).toEqual(['tab-1']);
  });

  it('names a table without its rows when a command changed more of them than an event lists', async () => {
    t = await makeSampleApp();
    const ids = sql<{ id: string }>(t, `SELECT id FROM meaning_units`).map((u) => u.id);
    const code = await nodeNamed(t, 'Easing exam nerves');
    let added: string[] = [];
    const events = await changesDuring(t, async () => {
      added = (await t.client.call('codings.apply', { target: { unitIds: ids }, codeIds: [code.id] })).added.map((c) => c.id);
    });
    expect(added.length).toBeGreaterThan(2);
    expect(added.length).toBeLessThanOrEqual(EVENT_ROWS_PER_TABLE);
    expect([...(events[0].tables.codings ?? [])].sort()).toEqual([...added].sort());
    const [step] = sql<{ id: string }>(t, `SELECT id FROM audit_steps ORDER BY seq DESC LIMIT 1`);
    expect(t.app.project!.history.changedRows([step.id], 2)).toEqual({ codings: null });
  });
});

describe('progress events', () => {
  it('tells how far long work has come, then that it ended', async () => {
    const told: unknown[] = [];
    const tasks = new Tasks((p) => told.push(p));
    await tasks.run('import', 'Stopped', async (step) => {
      await step('Reading', 1, 2);
    });
    expect(told[0]).toEqual({ kind: 'import', what: 'Starting', done: 0, total: 1, cancelling: false });
    expect(told[told.length - 1]).toBeNull();
  });
});
