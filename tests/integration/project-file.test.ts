import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listBackups, ProjectFile } from '../../electron/core/store/project-file';
import { SCHEMA_VERSION } from '../../electron/core/store/migrations';
import { bundleForChild } from './support/child';
import { makeTestApp, type TestApp } from './support/app';

let openChild = '';
beforeAll(() => {
  openChild = bundleForChild(path.join(__dirname, 'support/open-child.ts'));
});

function openInOtherProcess(file: string): { ok: boolean; code?: string; message?: string } {
  const r = spawnSync(process.execPath, [openChild, file], { encoding: 'utf8', timeout: 20_000 });
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

describe('the project file', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  it('refuses a second process while the file is open, with a clear message, and allows it after closing', async () => {
    t = makeTestApp();
    const s = await t.client.call('project.create', { path: t.file('locked.condensa'), title: 'Locked' });
    const refused = openInOtherProcess(s.path);
    expect(refused.ok).toBe(false);
    expect(refused.code).toBe('PROJECT_LOCKED');
    expect(refused.message).toContain('already open in another Condensa window');
    await t.client.call('project.close', {});
    expect(openInOtherProcess(s.path)).toEqual({ ok: true });
  });

  it('refuses a second opening within the same process too', async () => {
    t = makeTestApp();
    const s = await t.client.call('project.create', { path: t.file('same.condensa'), title: 'Same' });
    expect(() => ProjectFile.open(s.path)).toThrow(expect.objectContaining({ code: 'PROJECT_LOCKED' }));
  });

  it('is released by the operating system when the holding process is killed', async () => {
    t = makeTestApp();
    const s = await t.client.call('project.create', { path: t.file('held.condensa'), title: 'Held' });
    await t.client.call('project.close', {});
    const holder = spawn(process.execPath, [openChild, s.path, 'hold'], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    expect(openInOtherProcess(s.path).code).toBe('PROJECT_LOCKED');
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    expect(openInOtherProcess(s.path)).toEqual({ ok: true });
  });

  it('refuses a file written by a newer schema, naming both versions', async () => {
    t = makeTestApp();
    const s = await t.client.call('project.create', { path: t.file('future.condensa'), title: 'Future' });
    await t.client.call('project.close', {});
    const db = new Database(s.path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    db.close();
    const err = await t.client.call('project.open', { path: s.path }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PROJECT_NEWER_SCHEMA' });
    expect((err as Error).message).toContain(`v${SCHEMA_VERSION + 5}`);
    expect((err as Error).message).toContain(`v${SCHEMA_VERSION}`);
  });

  it('migrates an older file after an automatic, verified backup copy', async () => {
    t = makeTestApp();
    const file = t.file('old.condensa');
    // A file as an earlier Condensa left it before schema v1 existed: marked as ours, version 0.
    const db = new Database(file);
    db.pragma('application_id = 1131376228');
    db.exec('CREATE TABLE scratch (id TEXT PRIMARY KEY)');
    db.close();
    const p = ProjectFile.open(file);
    expect(p.info.migratedFrom).toBe(0);
    expect(p.info.backupPath).not.toBeNull();
    expect(fs.existsSync(p.info.backupPath!)).toBe(true);
    const backup = new Database(p.info.backupPath!, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(0);
    backup.close();
    expect(p.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    p.close();
  });

  it('refuses files that are not projects, and damaged ones, with their own codes', async () => {
    t = makeTestApp();
    const text = t.file('text.condensa');
    fs.writeFileSync(text, 'hello, I am not a database');
    await expect(t.client.call('project.open', { path: text })).rejects.toMatchObject({ code: 'PROJECT_NOT_SQLITE' });
    const empty = t.file('empty.condensa');
    fs.writeFileSync(empty, '');
    await expect(t.client.call('project.open', { path: empty })).rejects.toMatchObject({ code: 'PROJECT_NOT_SQLITE' });
    const other = t.file('other.condensa');
    new Database(other).exec('CREATE TABLE t (x)');
    await expect(t.client.call('project.open', { path: other })).rejects.toMatchObject({ code: 'PROJECT_NOT_SQLITE' });
    await expect(t.client.call('project.open', { path: t.file('missing.condensa') })).rejects.toMatchObject({ code: 'PROJECT_NOT_FOUND' });

    const s = await t.client.call('project.create', { path: t.file('broken.condensa'), title: 'Broken', sample: true });
    await t.client.call('project.close', {});
    const bytes = fs.readFileSync(s.path);
    // Overwrite pages in the middle of the file with noise.
    for (let i = 8192; i < Math.min(bytes.length, 8192 * 6); i += 1) bytes[i] = (i * 7919) % 251;
    fs.writeFileSync(s.path, bytes);
    await expect(t.client.call('project.open', { path: s.path })).rejects.toMatchObject({ code: 'PROJECT_DAMAGED' });
  });

  it('keeps verified rotating backups and prunes to the newest five', async () => {
    t = makeTestApp();
    await t.client.call('project.create', { path: t.file('backed.condensa'), title: 'Backed', sample: true });
    const made: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      await t.client.call('codebook.create', { name: `Code ${i}`, level: 'code' });
      made.push((await t.client.call('project.backup', {})).path);
      // Nothing changed since: no second copy, the newest backup already holds the project as it is.
      expect((await t.client.call('project.backup', {})).path).toBe(made[i]);
    }
    const kept = listBackups(t.file('backed.condensa'));
    expect(kept).toHaveLength(5);
    expect(kept).toEqual(made.slice(2).reverse());
    const copy = new Database(kept[0], { readonly: true });
    expect(copy.prepare('SELECT count(*) AS n FROM documents').get()).toEqual({ n: 3 });
    copy.close();
  });
});

describe('recovering from a damaged project', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  it('refuses the damaged file, lists its verified backups, and opens a restored copy beside it', async () => {
    t = makeTestApp();
    const s = await t.client.call('project.create', { path: t.file('precious.condensa'), title: 'Precious', sample: true });
    await t.client.call('project.close', {});
    await t.client.call('project.open', { path: s.path });
    await t.app.requireProject().backupSettled();
    await t.client.call('project.close', {});

    // Truncate the file in the middle, as an interrupted copy would.
    const bytes = fs.readFileSync(s.path);
    fs.writeFileSync(s.path, bytes.subarray(0, Math.floor(bytes.length / 3)));
    const damaged = fs.readFileSync(s.path);
    const err = (await t.client.call('project.open', { path: s.path }).catch((e: unknown) => e)) as { code: string; details: { backups: string[] } };
    expect(['PROJECT_DAMAGED', 'PROJECT_NOT_SQLITE']).toContain(err.code);
    expect(err.details.backups).toHaveLength(1);
    expect(await t.client.call('project.listBackups', { path: s.path })).toHaveLength(1);

    const restored = await t.client.call('project.restoreBackup', { backupPath: err.details.backups[0] });
    expect(path.dirname(restored.path)).toBe(path.dirname(s.path));
    expect(path.basename(restored.path)).toMatch(/^precious \(restored \d{4}-\d{2}-\d{2}\)\.condensa$/);
    expect(restored.counts.documents).toBe(3);
    expect(fs.readFileSync(s.path).equals(damaged)).toBe(true);
  });

  it('will not treat an arbitrary file as a backup', async () => {
    t = makeTestApp();
    const s = await t.client.call('project.create', { path: t.file('plain.condensa'), title: 'Plain' });
    await t.client.call('project.close', {});
    await expect(t.client.call('project.restoreBackup', { backupPath: s.path })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
