import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertProject } from '../../electron/core/repos/project-repo';
import { loadSample } from '../../electron/core/sample/load-sample';
import { SAMPLE_STUDY } from '../../electron/core/sample/sample-study';
import { APPLICATION_ID } from '../../electron/core/store/project-file';
import { MIGRATIONS, migrate, SCHEMA_VERSION } from '../../electron/core/store/migrations';
import { bundleForChild } from './support/child';
import { killWriter, type WriterRun } from './support/crash';
import { makeTestApp, type TestApp } from './support/app';

// npm test runs a few kills of each writer; `npm run stress` sets CONDENSA_STRESS_KILLS to hundreds.
const KILLS = Number(process.env.CONDENSA_STRESS_KILLS ?? 10);
const PER_WRITER = Math.max(1, Math.round(KILLS / 5));
// Kills spread from the first moments of a writer to well into its work; the last round of each
// writer waits long enough that it has certainly acknowledged something.
const delayFor = (i: number) => (i === PER_WRITER - 1 ? 400 : 5 + ((i * 37) % 150));

function stamp(label: string, kills: number, acknowledged: number) {
  console.log(`crash test (${label}): ${kills} kills, ${acknowledged} acknowledged writes, 0 lost, 0 damaged files`);
}

describe('writers killed with SIGKILL lose no acknowledged change and leave intact files', () => {
  let writer = '';
  let t: TestApp;
  let sample = '';
  beforeAll(async () => {
    writer = bundleForChild(path.join(__dirname, 'support/writer-child.ts'));
    t = makeTestApp();
    sample = (await t.client.call('project.create', { path: t.file('sample.condensa'), title: 'Crash', sample: true })).path;
    await t.client.call('project.close', {});
  });
  afterAll(() => t.close());

  for (const mode of ['coders', 'coding', 'import'] as const) {
    const table = { coders: 'coders', coding: 'codings', import: 'documents' }[mode];
    it(`${mode}: every acknowledged row survives (${PER_WRITER} kills)`, { timeout: 60_000 + PER_WRITER * 4_000 }, async () => {
      const file = t.file(`${mode}.condensa`);
      fs.copyFileSync(sample, file);
      let acknowledged = 0;
      for (let i = 0; i < PER_WRITER; i += 1) {
        const run: WriterRun = { script: writer, mode, file, folder: t.dir, table };
        const outcome = await killWriter(run, delayFor(i));
        expect(outcome.integrity).toBe('ok');
        expect(outcome.missing).toEqual([]);
        acknowledged += outcome.acknowledged.length;
      }
      const reopened = await t.client.call('project.open', { path: file });
      expect(reopened.counts.documents).toBeGreaterThanOrEqual(3);
      await t.client.call('project.close', {});
      stamp(mode, PER_WRITER, acknowledged);
      expect(acknowledged).toBeGreaterThan(0);
    });
  }

  it(`merge: a returned coder copy is merged whole or not at all (${PER_WRITER} kills)`, { timeout: 90_000 + PER_WRITER * 5_000 }, async () => {
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
    const units = (await t.client.call('documents.get', { id: docs[2].id })).units.map((u) => u.id);
    await t.client.call('codings.apply', { target: { unitIds: units }, codeIds: [code.id] });
    await t.client.call('project.close', {});
    const countBen = (file: string) => {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare('SELECT count(*) FROM codings WHERE coder_id = ?').pluck().get(ben.id) as number;
      } finally {
        db.close();
      }
    };
    const before = countBen(base);
    const complete = countBen(copy);
    expect(complete).toBeGreaterThan(before);
    let merged = 0;
    for (let i = 0; i < PER_WRITER; i += 1) {
      const file = t.file(`merge-${i}.condensa`);
      fs.copyFileSync(base, file);
      const outcome = await killWriter({ script: writer, mode: 'merge', file, folder: t.dir, extra: copy, table: null }, delayFor(i) / 4);
      expect(outcome.integrity).toBe('ok');
      const after = countBen(file);
      expect([before, complete]).toContain(after);
      if (outcome.acknowledged.length) {
        expect(after).toBe(complete);
        merged += 1;
      }
    }
    stamp('merge', PER_WRITER, merged);
  });

  it(`migrate: an older file ends at its old version or fully migrated, never between (${PER_WRITER} kills)`, { timeout: 60_000 + PER_WRITER * 4_000 }, async () => {
    const old = t.file('schema-1.condensa');
    const db = new Database(old);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    migrate(db, MIGRATIONS.slice(0, 1));
    db.transaction(() => {
      insertProject(db, randomUUID(), 'Old study', 'content-analysis');
      loadSample(db, SAMPLE_STUDY);
    })();
    db.close();
    let migrated = 0;
    for (let i = 0; i < PER_WRITER; i += 1) {
      const file = t.file(`migrate-${i}.condensa`);
      fs.copyFileSync(old, file);
      const outcome = await killWriter({ script: writer, mode: 'migrate', file, folder: t.dir, table: null }, delayFor(i) / 3);
      expect(outcome.integrity).toBe('ok');
      const check = new Database(file, { readonly: true });
      const version = check.pragma('user_version', { simple: true }) as number;
      check.close();
      // Each migration commits with its own version bump: any version between is a whole one.
      expect(version).toBeGreaterThanOrEqual(1);
      expect(version).toBeLessThanOrEqual(SCHEMA_VERSION);
      if (outcome.acknowledged.length) {
        expect(version).toBe(SCHEMA_VERSION);
        migrated += 1;
      }
      const reopened = await t.client.call('project.open', { path: file });
      expect(reopened.schemaVersion).toBe(SCHEMA_VERSION);
      expect(reopened.counts.documents).toBe(3);
      await t.client.call('project.close', {});
    }
    stamp('migrate', PER_WRITER, migrated);
  });
});
