import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForChild } from './support/child';
import { checkFile, Expectations, killMoments, PhaseCounts, phaseOf, Proc, sleep } from './support/crash';
import { buildShim, powerCut, readFiles, writeFiles } from './support/power-loss';
import { budgetMs } from './support/machine';
import { makeTestApp, type TestApp } from './support/app';

// npm test cuts the power a few times; `npm run stress` sets CONDENSA_STRESS_KILLS to hundreds.
const KILLS = Number(process.env.CONDENSA_STRESS_KILLS ?? 12);
// At least 12: 40–55 % of cuts land inside a transaction, so 3 cuts missed every one about one run
// in ten and the guard below failed a sound run (seen in CI); 12 miss all about one run in 500.
const CUTS = Math.max(12, Math.ceil(KILLS / 6));
/** Cuts with synchronous = OFF: the control that shows the recorder really loses unsynced writes. */
const CONTROL_CUTS = Math.max(1, Math.ceil(CUTS / 5));
const KINDS = ['coding', 'undo', 'import'] as const;
const CALIBRATION_ACKS = 6;
const SUMMARY = process.env.CONDENSA_POWER_SUMMARY;

const shim = buildShim();
if (!shim) console.warn('POWER-LOSS TEST SKIPPED: gcc is not installed, so the LD_PRELOAD recorder cannot be built.');
const phases = new PhaseCounts();
const totals = { cuts: 0, acknowledged: 0, lost: 0, damaged: 0, controlCuts: 0, controlLossy: 0, writes: 0, syncs: 0 };
const nthAck = (n: number) => {
  let seen = 0;
  return (l: string) => l.startsWith('ack ') && (seen += 1) >= n;
};

describe.skipIf(!shim)('power cut while writing: what was acknowledged was on disk (a recorder drops every unsynced write)', () => {
  let writer = '';
  let t: TestApp;
  let sample = '';
  beforeAll(async () => {
    writer = bundleForChild(path.join(__dirname, 'support/writer-child.ts'));
    t = makeTestApp();
    sample = (await t.client.call('project.create', { path: t.file('sample.condensa'), title: 'Power', sample: true })).path;
    await t.client.call('project.close', {});
  });
  afterAll(() => {
    t?.close();
    console.log(`power-loss test, cuts by phase:\n${phases.table()}`);
    console.log(
      `power-loss test: ${totals.cuts} cuts (${totals.writes} writes, ${totals.syncs} syncs recorded), ${totals.acknowledged} acknowledged changes, ${totals.lost} lost, ${totals.damaged} damaged; ` +
        `control with synchronous = OFF: ${totals.controlLossy} of ${totals.controlCuts} cuts lost acknowledged changes`,
    );
    if (SUMMARY) fs.writeFileSync(SUMMARY, JSON.stringify({ phases: Object.fromEntries(phases.byKind), ...totals }));
  });

  /** Runs a writer under the recorder, cuts the power at `when`, and returns the files the cut leaves. */
  async function cut(file: string, kind: string, log: string, when: number | ((l: string) => boolean), synchronous?: 'OFF') {
    const before = readFiles(file);
    fs.rmSync(log, { force: true });
    const env = { LD_PRELOAD: shim!, POWER_LOSS_TARGET: fs.realpathSync(file), POWER_LOSS_LOG: log, ...(synchronous ? { CRASH_SYNCHRONOUS: synchronous } : {}) };
    const p = new Proc([writer, kind, file, t.dir], env);
    await p.waitFor((l) => l === 'ready');
    if (typeof when === 'number') await sleep(when);
    else await p.waitFor(when);
    await p.kill();
    const result = powerCut(before, log);
    fs.rmSync(log, { force: true });
    totals.writes += result.writes;
    totals.syncs += result.syncs;
    return { p, result };
  }

  it(`synchronous = FULL: acknowledged changes survive the cut whole, with unsynced writes dropped or torn (${CUTS} cuts)`, { timeout: budgetMs(CUTS * 8 + 10) }, async () => {
    const file = t.file('full.condensa');
    fs.copyFileSync(sample, file);
    const log = t.file('full.log');
    const expectations = new Expectations();
    let moments: number[] = [];
    for (let i = 0; i < CUTS; i += 1) {
      const kind = KINDS[i % KINDS.length];
      const { p, result } = await cut(file, kind, log, i === 0 ? nthAck(CALIBRATION_ACKS) : moments[i - 1]);
      if (i === 0) moments = killMoments(CUTS - 1, 0, p.since('ready', nthAck(CALIBRATION_ACKS))!);
      phases.add(`power-loss (${kind})`, phaseOf(p.lines));
      totals.cuts += 1;
      const alternatives = expectations.take(p.lines);
      // Both pictures of the disk must hold every acknowledged change; the torn one is carried on.
      const dropped = t.file(`full-dropped-${i}.condensa`);
      writeFiles(dropped, result.dropped);
      const checks = [checkFile(dropped, { expect: expectations.clone(), alternatives }), (writeFiles(file, result.torn), checkFile(file, { expect: expectations, alternatives }))];
      writeFiles(dropped, [null, null, null]);
      for (const [n, check] of checks.entries()) {
        const what = `cut ${i + 1} (${kind}), ${n === 0 ? 'unsynced writes dropped' : 'unsynced writes torn'}`;
        if (check.integrity !== 'ok' || check.foreignKeyErrors || check.search.length) totals.damaged += 1;
        totals.lost += check.mismatches.length;
        expect(check.integrity, what).toBe('ok');
        expect(check.foreignKeyErrors, what).toBe(0);
        expect(check.search, what).toEqual([]);
        expect(check.mismatches, what).toEqual([]);
      }
    }
    totals.acknowledged += expectations.acknowledged;
    expect(expectations.acknowledged).toBeGreaterThan(0);
    // Guard: the recorder saw the writer write and sync, so the cuts had something to drop.
    expect(totals.writes).toBeGreaterThan(0);
    expect(totals.syncs).toBeGreaterThan(0);
    const t2 = phases.total();
    expect(t2['mid-transaction'], 'cuts mid-transaction').toBeGreaterThan(0);
    expect(t2['after-ack'] + t2['mid-transaction'], 'cuts after the first acknowledgement or inside a write').toBeGreaterThan(0);
    const reopened = await t.client.call('project.open', { path: file });
    expect(reopened.counts.documents).toBeGreaterThanOrEqual(3);
    await t.client.call('project.close', {});
  });

  it(`control, synchronous = OFF: the same cuts lose acknowledged changes (${CONTROL_CUTS} cuts)`, { timeout: budgetMs(CONTROL_CUTS * 8 + 10) }, async () => {
    const file = t.file('off.condensa');
    fs.copyFileSync(sample, file);
    const log = t.file('off.log');
    for (let i = 0; i < CONTROL_CUTS; i += 1) {
      const { p, result } = await cut(file, 'coding', log, nthAck(CALIBRATION_ACKS), 'OFF');
      const expectations = new Expectations();
      const alternatives = expectations.take(p.lines);
      writeFiles(file, result.dropped);
      const check = checkFile(file, { expect: expectations, alternatives });
      // Losing changes is the point here; damage would still be a failure of SQLite or of the recorder.
      expect(check.integrity).toBe('ok');
      totals.controlCuts += 1;
      if (check.mismatches.length > 0) totals.controlLossy += 1;
    }
    // The control shows the recorder can lose acknowledged work; one lossy cut proves it. In one CI run at
    // load ~7 only 2 of 3 cuts lost a change (cause not found; each cut starts from the file the last one
    // left), so asking for every cut made the guard flaky without making it stronger.
    expect(totals.controlLossy, 'cuts with synchronous = OFF that lost an acknowledged change').toBeGreaterThan(0);
  });
});
