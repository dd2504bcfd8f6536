import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/api/errors';
import { bundleForChild } from './support/child';
import { makeTestApp, type TestApp } from './support/app';

let openChild = '';
beforeAll(() => {
  openChild = bundleForChild(path.join(__dirname, 'support/open-child.ts'));
});

/** Another program holding the project open until it is killed. */
async function holdInOtherProcess(file: string): Promise<ChildProcess> {
  const holder = spawn(process.execPath, [openChild, file, 'hold'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve) => holder.stdout!.once('data', (d: Buffer) => resolve(d.toString())));
  expect(JSON.parse(line)).toEqual({ ok: true });
  return holder;
}

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const err = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('a project another program holds', () => {
  let t: TestApp;
  let holder: ChildProcess | null = null;
  afterEach(async () => {
    if (holder) {
      holder.kill('SIGKILL');
      await new Promise((resolve) => holder!.once('exit', resolve));
      holder = null;
    }
    t?.close();
  });

  it('is refused with its path, and can be opened as a read-only copy of it as last saved, which takes no change', async () => {
    t = makeTestApp();
    const made = await t.client.call('project.create', { path: t.file('held.condensa'), title: 'Held' });
    await t.client.call('coders.create', { name: 'Ayla' });
    await t.client.call('project.close', {});
    const bytes = fs.readFileSync(made.path);
    holder = await holdInOtherProcess(made.path);

    const locked = await refusal(t.client.call('project.open', { path: made.path }));
    expect(locked.code).toBe('PROJECT_LOCKED');
    expect(locked.message).toContain('open a read-only copy');
    expect(locked.details).toEqual({ path: made.path });

    const copy = await t.client.call('project.open', { path: made.path, readOnly: true });
    expect(copy.settings.title).toBe('Held');
    expect((await t.client.call('coders.list', {})).map((c) => c.name)).toEqual(['Ayla']);
    const refused = await refusal(t.client.call('coders.create', { name: 'Bea' }));
    expect(refused.code).toBe('PROJECT_READ_ONLY');
    expect(refused.message).toContain('“held.condensa” was opened to read only (a copy as last saved, since another program holds it)');

    // Closing removes the copy; the held file was never touched.
    await t.client.call('project.close', {});
    expect(fs.existsSync(copy.path)).toBe(false);
    expect(fs.readFileSync(made.path).equals(bytes)).toBe(true);
  });
});
