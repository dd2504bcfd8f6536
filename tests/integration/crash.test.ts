import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../shared/api/client';
import { socketTransport, type MinimalSocket } from '../../shared/api/socket-transport';
import { insertProject } from '../../electron/core/repos/project-repo';
import { loadSample } from '../../electron/core/sample/load-sample';
import { SAMPLE_STUDY } from '../../electron/core/sample/sample-study';
import { APPLICATION_ID } from '../../electron/core/store/file-format';
import { MIGRATIONS, migrate, SCHEMA_VERSION } from '../../electron/core/store/migrations';
import { bundleForChild } from './support/child';
import { checkFile, Expectations, killMoments, PhaseCounts, phaseOf, Proc, sleep, type FileCheck } from './support/crash';
import { prepareWriter } from './support/crash-ops';
import { budgetMs } from './support/machine';
import { makeTestApp, type TestApp } from './support/app';

// npm test runs a couple of kills of each kind; `npm run stress` sets CONDENSA_STRESS_KILLS to hundreds.
const KILLS = Number(process.env.CONDENSA_STRESS_KILLS ?? 12);
const KINDS = ['coding', 'undo', 'import', 'merge', 'migrate', 'websocket'] as const;
type Kind = (typeof KINDS)[number];
const PER_KIND = Math.max(2, Math.ceil(KILLS / KINDS.length));
// Where kills must land for the run to count (a harness whose kills all land before the write, or
// never after an answer, proves nothing). Per kind once there are enough kills to judge a share;
// over all kinds always.
// "After an acknowledgement" counts kills with at least one answered change before them (in any phase).
const GUARDS = { perKindFrom: 10, midTransaction: 0.2, afterAck: 0.1, beforeFirstWriteAtMost: 0.3, overall: { midTransaction: 0.2, afterAck: 0.2 } };
/** The writer's acknowledged calls that end a loop kind's calibration run; kills spread up to there. */
const CALIBRATION_ACKS = 6;
const SUMMARY = process.env.CONDENSA_CRASH_SUMMARY;

const phases = new PhaseCounts();
const totals = { acknowledged: 0, lost: 0, damaged: 0 };
const budget = budgetMs(PER_KIND * 6 + 12);

function expectIntact(check: FileCheck, what: string): void {
  const damaged = check.integrity !== 'ok' || check.foreignKeyErrors > 0 || check.search.length > 0;
  if (damaged) totals.damaged += 1;
  totals.lost += check.mismatches.length;
  expect(check.integrity, what).toBe('ok');
  expect(check.foreignKeyErrors, `${what}: foreign_key_check`).toBe(0);
  expect(check.search, `${what}: search indexes`).toEqual([]);
  expect(check.mismatches, `${what}: acknowledged values`).toEqual([]);
}

/** Mid-transaction and after-ack shares of one kind, once it has enough kills to judge. */
function guardKind(kind: Kind): void {
  const t = phases.total(kind);
  console.log(`crash test (${kind}): ${t.all} kills — ${t['before-first-write']} before the first write, ${t['mid-transaction']} mid-transaction, ${t['between-transactions']} between transactions; ${t['after-ack']} after an acknowledgement`);
  if (t.all < GUARDS.perKindFrom) return;
  expect(t['mid-transaction'] / t.all, `${kind}: share of kills mid-transaction`).toBeGreaterThanOrEqual(GUARDS.midTransaction);
  expect(t['after-ack'] / t.all, `${kind}: share of kills after an acknowledgement`).toBeGreaterThanOrEqual(GUARDS.afterAck);
  expect(t['before-first-write'] / t.all, `${kind}: share of kills before any write`).toBeLessThanOrEqual(GUARDS.beforeFirstWriteAtMost);
}

/** The first transaction begun after "ready": the moment a loop writer's work starts writing. */
const firstWrite = () => {
  let ready = false;
  return (l: string) => (ready ||= l === 'ready') && l === 'tx-begin';
};

const nthAck = (n: number) => {
  let seen = 0;
  return (l: string) => l.startsWith('ack ') && (seen += 1) >= n;
};

describe('writers killed with SIGKILL lose no acknowledged change and leave intact files', () => {
  let writer = '';
  let server = '';
  let t: TestApp;
  let sample = '';
  beforeAll(async () => {
    writer = bundleForChild(path.join(__dirname, 'support/writer-child.ts'));
    server = bundleForChild(path.join(__dirname, 'support/server-writer-child.ts'));
    t = makeTestApp();
    sample = (await t.client.call('project.create', { path: t.file('sample.condensa'), title: 'Crash', sample: true })).path;
    await t.client.call('project.close', {});
  });
  afterAll(() => {
    t.close();
    console.log(`crash test, kills by phase:\n${phases.table()}`);
    console.log(`crash test: ${phases.total().all} kills, ${totals.acknowledged} acknowledged changes, ${totals.lost} lost, ${totals.damaged} damaged files`);
    if (SUMMARY) fs.writeFileSync(SUMMARY, JSON.stringify({ phases: Object.fromEntries(phases.byKind), ...totals, guards: GUARDS }));
  });

  /** Starts a writer child on `file` and resolves once it is ready. */
  async function startDirect(kind: Kind, file: string, extra?: string): Promise<Proc> {
    const p = new Proc([writer, kind, file, t.dir, ...(extra ? [extra] : [])]);
    await p.waitFor((l) => l === 'ready');
    return p;
  }

  /** Starts the real server, opens `file` over its WebSocket and starts writing; resolves when ready. */
  async function startServer(file: string, seed: number): Promise<Proc> {
    const p = new Proc([server], { CONDENSA_HOME: path.join(t.dir, 'server-home'), CONDENSA_PROJECTS: t.dir });
    const line = await p.waitFor((l) => l.includes('Open http://'));
    const url = new URL(line.slice(line.indexOf('http://')));
    const token = new URLSearchParams(url.hash.slice(1)).get('token')!;
    const ws = new WebSocket(`ws://${url.host}/api?token=${token}`, { origin: url.origin });
    const client = createClient(socketTransport(ws as unknown as MinimalSocket));
    void p.closed.then(() => ws.terminate());
    await client.call('project.open', { path: file });
    const loop = await prepareWriter(client, (l) => p.push(l), seed % 2 ? 'undo' : 'coding', seed);
    p.push('ready');
    // The loop ends when the server dies and the socket with it.
    void loop().catch(() => undefined);
    return p;
  }

  /** Kills a writer `ms` after `from` (ready, by default), or once it prints a line passing a test. */
  async function killAt(p: Proc, when: number | ((l: string) => boolean), from?: (l: string) => boolean): Promise<Proc> {
    if (from) await p.waitFor(from);
    if (typeof when === 'number') await sleep(when);
    else await p.waitFor(when);
    await p.kill();
    return p;
  }

  /**
   * Kills of a writer that loops, each checked by value. The first kill lands after its
   * CALIBRATION_ACKS-th acknowledged change and times the rest, spread from its first write
   * (a transaction begun after ready) to that moment.
   */
  async function loopKills(kind: Kind, start: (file: string, i: number) => Promise<Proc>): Promise<void> {
    const file = t.file(`${kind}.condensa`);
    fs.copyFileSync(sample, file);
    const expectations = new Expectations();
    let moments: number[] = [];
    for (let i = 0; i < PER_KIND; i += 1) {
      const p = await start(file, i);
      const ms = i === 0 ? nthAck(CALIBRATION_ACKS) : moments[i - 1];
      await killAt(p, ms, firstWrite());
      if (i === 0) moments = killMoments(PER_KIND - 1, 0, p.since('ready', nthAck(CALIBRATION_ACKS))! - p.since('ready', (l) => l === 'tx-begin')!);
      phases.add(kind, phaseOf(p.lines));
      const alternatives = expectations.take(p.lines);
      expectIntact(checkFile(file, { expect: expectations, alternatives }), `${kind}, kill ${i + 1}${typeof ms === 'number' ? ` at ${ms.toFixed(0)} ms` : ''}`);
    }
    totals.acknowledged += expectations.acknowledged;
    expect(expectations.acknowledged).toBeGreaterThan(0);
    // The product opens the file the kills left, and finds it whole.
    const reopened = await t.client.call('project.open', { path: file });
    expect(reopened.counts.documents).toBeGreaterThanOrEqual(3);
    await t.client.call('project.close', {});
    guardKind(kind);
  }

  /**
   * Kills of a writer that does one long thing, each on a fresh copy of `source`. The first kill
   * lands after its acknowledgement and times the rest, spread from just before its first
   * transaction to a third of the write's length after the acknowledgement (later runs, warm, answer sooner).
   */
  async function onceKills(kind: 'merge' | 'migrate', source: string, extra: string | undefined, judge: (file: string, acknowledged: boolean, i: number) => Promise<void>): Promise<void> {
    let moments: number[] = [];
    for (let i = 0; i < PER_KIND; i += 1) {
      const file = t.file(`${kind}-${i}.condensa`);
      fs.copyFileSync(source, file);
      const p = await killAt(await startDirect(kind, file, extra), i === 0 ? (l) => l.startsWith('ack ') : moments[i - 1]);
      if (i === 0) {
        const firstTx = p.since('ready', (l) => l === 'tx-begin')!;
        const acked = p.since('ready', (l) => l.startsWith('ack '))!;
        // From a little before the first transaction to well after the answer, in units of the write.
        moments = killMoments(PER_KIND - 1, Math.max(0, firstTx - (acked - firstTx) * 0.15), acked + (acked - firstTx) * 0.3);
      }
      phases.add(kind, phaseOf(p.lines));
      const acknowledged = p.lines.some((l) => l.startsWith('ack '));
      if (acknowledged) totals.acknowledged += 1;
      await judge(file, acknowledged, i);
    }
    guardKind(kind);
  }

  for (const kind of ['coding', 'undo', 'import'] as const) {
    it(`${kind}: every acknowledged change holds by value (${PER_KIND} kills)`, { timeout: budget }, async () => {
      await loopKills(kind, async (file) => startDirect(kind, file));
    });
  }

  it(`websocket: the real server killed while it writes loses no answered change (${PER_KIND} kills)`, { timeout: budget }, async () => {
    await loopKills('websocket', (file, i) => startServer(file, i));
  });

  it(`merge: a returned coder copy is merged whole or not at all (${PER_KIND} kills)`, { timeout: budget }, async () => {
    const base = t.file('merge-base.condensa');
    fs.copyFileSync(sample, base);
    await t.client.call('project.open', { path: base });
    const ben = (await t.client.call('coders.list', {})).find((c) => c.name === 'Ben Okafor')!;
    const copy = (await t.client.call('exchange.makeCoderCopy', { path: t.file('ben-copy.condensa'), coderId: ben.id })).path;
    await t.client.call('project.close', {});
    // Ben codes more units in his copy.
    await t.client.call('project.open', { path: copy });
    await t.client.call('coders.setCurrent', { coderId: ben.id });
    const code = (await t.client.call('codebook.list', {})).find((n) => n.level === 'code')!;
    const docs = await t.client.call('documents.list', {});
    const units = (await Promise.all(docs.map((d) => t.client.call('documents.get', { id: d.id })))).flatMap((d) => d.units.map((u) => u.id));
    await t.client.call('codings.apply', { target: { unitIds: units }, codeIds: [code.id] });
    await t.client.call('project.close', {});
    // Ben's codings by value: the file holds the base's or the copy's, nothing between.
    const bensCodings = (db: Database.Database) =>
      JSON.stringify(db.prepare(`SELECT id, code_id, document_id, unit_id, start, "end" FROM codings WHERE coder_id = ? ORDER BY id`).all(ben.id));
    const read = (file: string) => {
      const db = new Database(file, { readonly: true });
      try {
        return bensCodings(db);
      } finally {
        db.close();
      }
    };
    const before = read(base);
    const complete = read(copy);
    expect(complete).not.toBe(before);
    await onceKills('merge', base, copy, async (file, acknowledged, i) => {
      let found = '';
      expectIntact(checkFile(file, { probe: (db) => (found = bensCodings(db)) }), `merge, kill ${i + 1}`);
      expect([before, complete], `merge, kill ${i + 1}`).toContain(found);
      if (acknowledged) expect(found, `merge, kill ${i + 1}: acknowledged`).toBe(complete);
    });
  });

  it(`migrate: an older file ends at a whole schema version, its data unchanged (${PER_KIND} kills)`, { timeout: budget }, async () => {
    const old = t.file('schema-1.condensa');
    const db = new Database(old);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    migrate(db, MIGRATIONS.slice(0, 1));
    db.transaction(() => {
      insertProject(db, randomUUID(), 'Old study', 'content-analysis');
      loadSample(db, SAMPLE_STUDY);
    })();
    db.close();
    const schemaOf = (d: Database.Database) => JSON.stringify(d.prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`).all());
    const documentsOf = (d: Database.Database) => JSON.stringify(d.prepare(`SELECT id, title, text FROM documents ORDER BY id`).all());
    // The schema a file has at each version, made by migrating an empty file that far.
    const reference = new Map<number, string>();
    const schemaAt = (version: number) => {
      if (!reference.has(version)) {
        const ref = new Database(':memory:');
        migrate(ref, MIGRATIONS.filter((m) => m.version <= version));
        reference.set(version, schemaOf(ref));
        ref.close();
      }
      return reference.get(version)!;
    };
    const original = (() => {
      const d = new Database(old, { readonly: true });
      try {
        return documentsOf(d);
      } finally {
        d.close();
      }
    })();
    await onceKills('migrate', old, undefined, async (file, acknowledged, i) => {
      let version = 0;
      let schema = '';
      let documents = '';
      expectIntact(
        checkFile(file, {
          probe: (d) => {
            version = d.pragma('user_version', { simple: true }) as number;
            schema = schemaOf(d);
            documents = documentsOf(d);
          },
        }),
        `migrate, kill ${i + 1}`,
      );
      // Each migration commits with its own version bump: a version between is a whole one.
      expect(version).toBeGreaterThanOrEqual(1);
      expect(version).toBeLessThanOrEqual(SCHEMA_VERSION);
      expect(schema, `migrate, kill ${i + 1}: schema at v${version}`).toBe(schemaAt(version));
      expect(documents, `migrate, kill ${i + 1}: documents`).toBe(original);
      if (acknowledged) expect(version).toBe(SCHEMA_VERSION);
      const reopened = await t.client.call('project.open', { path: file });
      expect(reopened.schemaVersion).toBe(SCHEMA_VERSION);
      expect(reopened.counts.documents).toBe(3);
      await t.client.call('project.close', {});
    });
  });

  it('kills landed mid-transaction and after acknowledgements, not all before the write', () => {
    const all = phases.total();
    expect(all.all).toBe(PER_KIND * KINDS.length);
    // A short run must still show both; a long one their shares.
    expect(all['mid-transaction'], 'kills mid-transaction').toBeGreaterThanOrEqual(Math.max(1, Math.ceil(all.all * (PER_KIND >= GUARDS.perKindFrom ? GUARDS.overall.midTransaction : 0))));
    expect(all['after-ack'], 'kills after an acknowledgement').toBeGreaterThanOrEqual(Math.max(1, Math.ceil(all.all * (PER_KIND >= GUARDS.perKindFrom ? GUARDS.overall.afterAck : 0))));
  });
});
