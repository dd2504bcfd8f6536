import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from './support/app';

// Real limits where the machine allows it (root can mount a small tmpfs, as in CI); otherwise the
// same failures are produced inside SQLite (a page limit) or by file permissions.
function tryMount(dir: string, options: string): boolean {
  fs.mkdirSync(dir, { recursive: true });
  return spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]).status === 0;
}
function unmount(dir: string): void {
  spawnSync('umount', ['-l', dir]);
}

describe('a full disk and a read-only location', () => {
  let t: TestApp;
  const mounts: string[] = [];
  afterEach(() => {
    t?.app.closeProject();
    for (const m of mounts.splice(0)) unmount(m);
    t?.close();
  });

  it('a full disk refuses the change with DISK_FULL, keeps every acknowledged change, and works again once there is space', async () => {
    t = makeTestApp();
    const disk = path.join(t.dir, 'small-disk');
    const mounted = tryMount(disk, 'size=4m');
    if (mounted) mounts.push(disk);
    else fs.mkdirSync(disk, { recursive: true });
    const s = await t.client.call('project.create', { path: path.join(disk, 'full.condensa'), title: 'Full', sample: true });
    const filler = path.join(disk, 'filler.bin');
    let release: () => void;
    if (mounted) {
      const free = fs.statfsSync(disk).bavail * fs.statfsSync(disk).bsize;
      fs.writeFileSync(filler, Buffer.alloc(Math.max(0, free - 256 * 1024)));
      release = () => fs.rmSync(filler);
    } else {
      const db = t.app.requireProject().db;
      const pages = db.pragma('page_count', { simple: true }) as number;
      db.pragma(`max_page_count = ${pages + 40}`);
      release = () => db.pragma('max_page_count = 1073741823');
    }

    let acknowledged = '';
    let failure: { code?: string; message?: string } | null = null;
    for (let i = 0; i < 500 && !failure; i += 1) {
      const description = `${i}:${'x'.repeat(15_000)}`;
      try {
        await t.client.call('project.update', { description });
        acknowledged = description;
      } catch (err) {
        failure = err as { code?: string; message?: string };
      }
    }
    expect(failure?.code).toBe('DISK_FULL');
    expect(failure?.message).toContain('Free some space');
    expect(acknowledged).not.toBe('');
    expect((await t.client.call('project.get', {})).settings.description).toBe(acknowledged);

    release();
    await t.client.call('project.update', { description: 'after freeing space' });
    await t.client.call('project.close', {});
    const reopened = await t.client.call('project.open', { path: s.path });
    expect(reopened.settings.description).toBe('after freeing space');
    expect(reopened.counts.documents).toBe(3);
  });

  it('a read-only location gives PROJECT_READ_ONLY, for creating and for opening', async () => {
    t = makeTestApp();
    const place = path.join(t.dir, 'read-only');
    const mounted = tryMount(place, 'size=4m');
    if (mounted) mounts.push(place);
    else fs.mkdirSync(place, { recursive: true });
    const s = await t.client.call('project.create', { path: path.join(place, 'ro.condensa'), title: 'Read only', sample: true });
    await t.client.call('project.close', {});
    if (mounted) spawnSync('mount', ['-o', 'remount,ro', place]);
    else {
      fs.chmodSync(s.path, 0o444);
      fs.chmodSync(place, 0o555);
    }
    try {
      const open = (await t.client.call('project.open', { path: s.path }).catch((e: unknown) => e)) as { code: string; message: string };
      expect(open.code).toBe('PROJECT_READ_ONLY');
      expect(open.message).toContain('folder you can write to');
      await expect(t.client.call('project.create', { path: path.join(place, 'new.condensa'), title: 'New' })).rejects.toMatchObject({ code: 'PROJECT_READ_ONLY' });
    } finally {
      if (!mounted) fs.chmodSync(place, 0o755);
    }
  });
});
