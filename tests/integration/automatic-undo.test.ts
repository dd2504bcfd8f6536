import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeSampleApp } from './support/app';
import { dumpTables, sql } from './support/workbench';

// #22 item 5: the app's own steps (the consensus brought up to date when Compare opens) are never
// offered as the user's undo: undo takes them back with the user's step beneath, and says so.

type SampleApp = Awaited<ReturnType<typeof makeSampleApp>>;

describe('automatic steps and undo', () => {
  let t: SampleApp;
  beforeEach(async () => {
    t = await makeSampleApp();
    await t.client.call('agreement.reveal', { confirm: true });
  });
  afterEach(() => t.close());

  it('undo takes back the user’s step with the automatic update after it, and redo brings both back', async () => {
    const [a, b] = t.coders.filter((c) => c.role === 'coder');
    // Compare opened: the consensus is brought up to date (an automatic step).
    await t.client.call('consensus.rebuild', { coderAId: a.id, coderBId: b.id });
    // The user's step: coder A takes her codes off a unit both coders coded alike.
    const [agreed] = sql<{ unitId: string; codeId: string }>(
      t,
      `SELECT x.unit_id AS unitId, x.code_id AS codeId FROM codings x JOIN codings y ON y.unit_id = x.unit_id AND y.code_id = x.code_id
       WHERE x.coder_id = ? AND y.coder_id = ? LIMIT 1`,
      a.id,
      b.id,
    );
    await t.client.call('coders.setCurrent', { coderId: a.id });
    const before = dumpTables(t);
    await t.client.call('codings.remove', { target: { unitIds: [agreed.unitId] }, codeIds: [agreed.codeId] });
    // Compare opened again: the automatic update follows the user's step.
    const rebuilt = await t.client.call('consensus.rebuild', { coderAId: a.id, coderBId: b.id });
    expect(rebuilt.added + rebuilt.removed, 'the automatic step changed rows (else the test proves nothing)').toBeGreaterThan(0);
    const after = dumpTables(t);

    const state = await t.client.call('history.state', {});
    expect(state.undoLabel).not.toMatch(/consensus/i);
    const undone = await t.client.call('history.undo', {});
    expect(undone.did.summary).toMatch(/\(with the app’s own step after it: Update the consensus \(\d+ added, \d+ removed\)\)$/);
    expect(undone.did.summary.startsWith(state.undoLabel!)).toBe(true);
    expect(dumpTables(t)).toEqual(before);

    expect(undone.redoLabel).toBe(state.undoLabel);
    const redone = await t.client.call('history.redo', {});
    expect(redone.did.summary).toMatch(/with the app’s own step after it: Update the consensus/);
    expect(dumpTables(t)).toEqual(after);
  });

  it('an automatic step alone is never what undo offers', async () => {
    const [a, b] = t.coders.filter((c) => c.role === 'coder');
    const labelBefore = (await t.client.call('history.state', {})).undoLabel;
    const rebuilt = await t.client.call('consensus.rebuild', { coderAId: a.id, coderBId: b.id });
    expect(rebuilt.added + rebuilt.removed).toBeGreaterThan(0);
    const state = await t.client.call('history.state', {});
    expect(state.undoLabel).toBe(labelBefore);
    expect(state.undoLabel ?? '').not.toMatch(/consensus/i);
  });
});
