import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient, type Client } from '../../../shared/api/client';
import type { Coder } from '../../../shared/api/entities';
import { Application } from '../../../electron/core/application';
import { directTransport } from '../../../electron/core/direct-transport';

export interface TestApp {
  readonly app: Application;
  readonly client: Client;
  readonly dir: string;
  /** A path for a new project file inside the test's own folder. */
  file(name?: string): string;
  close(): void;
}

/** A fresh Application with its own temporary folders, reached over the direct transport. */
export function makeTestApp(): TestApp {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-test-'));
  const app = new Application(
    { platform: 'direct', version: 'test', dialogs: null, projectsFolder: path.join(dir, 'projects'), userDataFolder: path.join(dir, 'user-data') },
    { validateResults: true },
  );
  return {
    app,
    client: createClient(directTransport(app)),
    dir,
    file: (name = 'study.condensa') => path.join(dir, name),
    close() {
      app.closeProject();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh app with a copy of the sample study open and coder A (Amira Haddad) coding. */
export async function makeSampleApp(): Promise<TestApp & { readonly coders: readonly Coder[] }> {
  const t = makeTestApp();
  await t.client.call('project.create', { path: t.file('sample.condensa'), title: 'Sample', sample: true });
  const coders = await t.client.call('coders.list', {});
  const amira = coders.find((c) => c.name === 'Amira Haddad');
  if (amira) await t.client.call('coders.setCurrent', { coderId: amira.id });
  return Object.assign(t, { coders });
}
