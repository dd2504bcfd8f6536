import Database from 'better-sqlite3';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { fullCheckInWorker } from '../../electron/core/store/check-in-worker';
import { listBackups } from '../../electron/core/store/project-file';
import { makeTestApp, type TestApp } from './support/app';

describe('opening a project this app closed cleanly', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  const checkedAtOpening = () => t.app.requireProject().file.info.checkedAtOpening;

  it('skips the full check while the file is untouched, and checks it again once anything touched it', async () => {
    t = makeTestApp();
    const s = await t.client.call('project.create', { path: t.file('study.condensa'), title: 'Study', sample: true });
    // Created and never closed by this app: the first opening after creation is checked.
    await t.client.call('project.close', {});

    await t.client.call('project.open', { path: s.path });
    expect(checkedAtOpening()).toBe(false);
    // A change while open, then a clean close: still untouched at the next opening.
    await t.client.call('codebook.create', { name: 'Belonging', level: 'code' });
    await t.app.requireProject().backupSettled();
    await t.client.call('project.close', {});
    await t.client.call('project.open', { path: s.path });
    expect(checkedAtOpening()).toBe(false);
    expect((await t.client.call('codebook.list', {})).some((n) => n.name === 'Belonging')).toBe(true);

    // Touched by something else (a sync tool setting its times): checked.
    await t.client.call('project.close', {});
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(s.path, later, later);
    await t.client.call('project.open', { path: s.path });
    expect(checkedAtOpening()).toBe(true);

    // A session that did not end cleanly leaves its write-ahead log beside the file: checked.
    await t.client.call('project.close', {});
    fs.writeFileSync(`${s.path}-wal`, '');
    await t.client.call('project.open', { path: s.path });
    expect(checkedAtOpening()).toBe(true);
    await t.client.call('project.close', {});
    fs.rmSync(`${s.path}-wal`, { force: true });

    // A copy is another file: checked.
    const copy = t.file('copy of study.condensa');
    fs.copyFileSync(s.path, copy);
    await t.client.call('project.open', { path: copy });
    expect(checkedAtOpening()).toBe(true);
    await t.client.call('project.close', {});

    // While open, the record is gone: a crash now would leave nothing that vouches for the file.
    await t.client.call('project.open', { path: s.path });
    expect(checkedAtOpening()).toBe(false);
    expect(t.app.cleanCloses.untouched(s.path)).toBe(false);
  });

  it('never takes a change into a damaged file, even when its check was skipped: the opening backup finds the damage', async () => {
    t = makeTestApp();
    const s = await t.client.call('project.create', { path: t.file('precious.condensa'), title: 'Precious', sample: true });
    await t.client.call('project.close', {});
    await t.client.call('project.open', { path: s.path });
    await t.app.requireProject().backupSettled();
    const { db } = t.app.requireProject();
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const root = db.prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'saved_searches'`).pluck().get() as number;
    await t.client.call('project.close', {});

    // Damage a page that opening does not read (the saved searches' table), then vouch for the
    // file as if the disk had rotted silently after a clean close: its times and size are unchanged.
    const fd = fs.openSync(s.path, 'r+');
    fs.writeSync(fd, Buffer.alloc(pageSize, 0xab), 0, pageSize, (root - 1) * pageSize);
    fs.closeSync(fd);
    t.app.cleanCloses.record(s.path);
    expect(t.app.cleanCloses.untouched(s.path)).toBe(true);

    await t.client.call('project.open', { path: s.path });
    expect(checkedAtOpening()).toBe(false);
    await t.app.requireProject().backupSettled();
    const refused = (await t.client.call('codebook.create', { name: 'Lost', level: 'code' }).catch((e: unknown) => e)) as { code: string; message: string; details: { backups: string[] } };
    expect(refused.code).toBe('PROJECT_DAMAGED');
    expect(refused.message).toMatch(/takes no more changes/);
    expect(refused.details.backups.length).toBeGreaterThan(0);
    // Closing it does not vouch for it again.
    await t.client.call('project.close', {});
    expect(t.app.cleanCloses.untouched(s.path)).toBe(false);
  });
});

describe('backups written while the coder works', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  it('hold the project as it was when the backup began, while changes made meanwhile go on into the project', async () => {
    t = makeTestApp();
    await t.client.call('project.create', { path: t.file('busy.condensa'), title: 'Busy', sample: true });
    await t.app.requireProject().backupSettled();
    const before = (await t.client.call('codebook.list', {})).length;
    const writing = t.app.requireProject().file.backup();
    await t.client.call('codebook.create', { name: 'Made during the backup', level: 'code' });
    const dest = await writing;
    const copy = new Database(dest, { readonly: true });
    const names = copy.prepare('SELECT name FROM codebook_nodes').pluck().all() as string[];
    expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
    copy.close();
    expect(names).toHaveLength(before);
    expect(names).not.toContain('Made during the backup');
    expect((await t.client.call('codebook.list', {})).map((n) => n.name)).toContain('Made during the backup');
  });

  it('are not kept when the project closes while its file is being copied', async () => {
    t = makeTestApp();
    const s = await t.client.call('project.create', { path: t.file('hasty.condensa'), title: 'Hasty', sample: true });
    await t.app.requireProject().backupSettled();
    const kept = listBackups(s.path);
    expect(kept).toHaveLength(1);
    await t.client.call('codebook.create', { name: 'Since the first backup', level: 'code' });
    const writing = t.app.requireProject().file.backup();
    await t.client.call('project.close', {});
    await expect(writing).rejects.toMatchObject({ code: 'NO_PROJECT' });
    expect(listBackups(s.path)).toEqual(kept);
  });

  it('asked for while another is written, wait for it and are refused, not broken, once the project has closed', async () => {
    t = makeTestApp();
    const s = await t.client.call('project.create', { path: t.file('queued.condensa'), title: 'Queued', sample: true });
    // The creation's backup is under way; these two wait their turn behind it.
    const second = t.app.requireProject().file.backup();
    const third = t.app.requireProject().file.backup();
    await t.client.call('project.close', {});
    for (const queued of [second, third]) await expect(queued).rejects.toMatchObject({ code: 'NO_PROJECT' });
    expect(listBackups(s.path).length).toBeLessThanOrEqual(1);
  });
});

describe('the check on a worker thread', () => {
  it('answers ok for a sound file, names the damage of a damaged one, and fails (for the caller to check in place) when the driver cannot load', async () => {
    const t = makeTestApp();
    try {
      const s = await t.client.call('project.create', { path: t.file('checked.condensa'), title: 'Checked', sample: true });
      const { db } = t.app.requireProject();
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      const root = db.prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'meaning_units'`).pluck().get() as number;
      await t.client.call('project.close', {});
      expect(await fullCheckInWorker(s.path)).toEqual({ result: 'ok' });

      const damaged = t.file('damaged.condensa');
      const bytes = fs.readFileSync(s.path);
      bytes.fill(0xab, (root - 1) * pageSize, root * pageSize);
      fs.writeFileSync(damaged, bytes);
      const answer = await fullCheckInWorker(damaged);
      expect(answer.result ?? answer.code).toBeDefined();
      expect(answer.result ?? answer.code).not.toBe('ok');

      await expect(fullCheckInWorker(s.path, t.file('no-such-driver.js'))).rejects.toThrow();
    } finally {
      t.close();
    }
  });
});
