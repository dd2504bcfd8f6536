import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listBackups } from '../../electron/core/store/project-file';
import { makeTestApp, type TestApp } from './support/app';

/** The titles of the documents a backup holds. */
function documentTitles(backup: string): string[] {
  const db = new Database(backup, { readonly: true });
  try {
    return db.prepare('SELECT title FROM documents ORDER BY title').pluck().all() as string[];
  } finally {
    db.close();
  }
}

describe('restore points of a project that was never reopened', () => {
  let t: TestApp;
  afterEach(() => {
    vi.useRealTimers();
    t?.close();
  });

  it('a new project has a verified backup from the moment it is created', async () => {
    t = makeTestApp();
    const s = await t.client.call('project.create', { path: t.file('study.condensa'), title: 'Study', sample: true });
    await t.app.requireProject().backupSettled();
    const backups = listBackups(s.path);
    expect(backups).toHaveLength(1);
    expect(documentTitles(backups[0]).length).toBeGreaterThan(0);
  });

  it('work done long after the last backup gets a new one at the next step, without waiting for 200 steps', async () => {
    t = makeTestApp();
    const s = await t.client.call('project.create', { path: t.file('study.condensa'), title: 'Study', sample: true });
    await t.app.requireProject().backupSettled();
    await t.client.call('codebook.create', { name: 'Early', level: 'code' });
    await t.app.requireProject().backupSettled();
    // A step a few seconds later: no new backup (the project is the same but for one step).
    expect(listBackups(s.path)).toHaveLength(1);

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 11 * 60 * 1000);
    await t.client.call('codebook.create', { name: 'Eleven minutes later', level: 'code' });
    await t.app.requireProject().backupSettled();
    const backups = listBackups(s.path);
    expect(backups).toHaveLength(2);
    const names = new Database(backups[0], { readonly: true });
    try {
      const codes = names.prepare('SELECT name FROM codebook_nodes').pluck().all() as string[];
      expect(codes).toEqual(expect.arrayContaining(['Early', 'Eleven minutes later']));
    } finally {
      names.close();
    }
  });
});
