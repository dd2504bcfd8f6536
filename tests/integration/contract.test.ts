import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../shared/api/client';
import { contract } from '../../shared/api/contract';
import { AppError } from '../../shared/api/errors';
import { socketTransport, type MinimalSocket } from '../../shared/api/socket-transport';
import { Application } from '../../electron/core/application';
import { directTransport } from '../../electron/core/direct-transport';
import { startBrowserMode, type BrowserModeServer } from '../../electron/web/server';

interface Transport {
  readonly client: Client;
  readonly raw: (method: string, params: unknown) => Promise<unknown>;
  readonly projects: string;
  close(): Promise<void>;
}

function folders() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-contract-'));
  return { dir, projectsFolder: path.join(dir, 'projects'), userDataFolder: path.join(dir, 'prefs') };
}

const transports: Record<string, () => Promise<Transport>> = {
  direct: async () => {
    const f = folders();
    const app = new Application({ platform: 'direct', version: 'test', dialogs: null, ...f }, { validateResults: true });
    const t = directTransport(app);
    return {
      client: createClient(t),
      raw: (m, p) => t(m, p),
      projects: f.projectsFolder,
      close: async () => {
        app.closeProject();
        fs.rmSync(f.dir, { recursive: true, force: true });
      },
    };
  },
  websocket: async () => {
    const f = folders();
    const rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-renderer-'));
    const server: BrowserModeServer = await startBrowserMode({ rendererDir, validateResults: true, ports: { version: 'test', ...f } });
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`, { origin: server.origin });
    const t = socketTransport(socket as unknown as MinimalSocket);
    return {
      client: createClient(t),
      raw: (m, p) => t(m, p),
      projects: f.projectsFolder,
      close: async () => {
        t.close();
        await server.close();
        fs.rmSync(f.dir, { recursive: true, force: true });
        fs.rmSync(rendererDir, { recursive: true, force: true });
      },
    };
  },
};

for (const [name, make] of Object.entries(transports)) {
  describe(`contract over the ${name} transport`, () => {
    let t: Transport;
    beforeAll(async () => {
      t = await make();
    });
    afterAll(async () => {
      await t.close();
    });
    afterEach(async () => {
      await t.client.call('project.close', {});
    });

    it('answers app.info without a project', async () => {
      const info = await t.client.call('app.info', {});
      expect(info.schemaVersion).toBeGreaterThanOrEqual(1);
      expect(info.projectsFolder).toBe(t.projects);
    });

    it('refuses project methods when no project is open, with NO_PROJECT', async () => {
      await expect(t.client.call('documents.list', {})).rejects.toMatchObject({ code: 'NO_PROJECT' });
    });

    it('refuses unknown methods and malformed parameters with stable codes', async () => {
      expect(await t.raw('codes.frobnicate', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
      expect(await t.raw('project.create', { path: 42 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect(await t.raw('project.create', { path: 'x', title: '   ' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect(await t.raw('project.create', { path: 'x', title: 'T', methodology: 'astrology' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    });

    it('creates a project, records a coder as one undoable step, and undoes and redoes it', async () => {
      const created = await t.client.call('project.create', { path: `study-${name}`, title: 'Handover', methodology: 'thematic-analysis' });
      expect(created.path.endsWith(`study-${name}.condensa`)).toBe(true);
      expect(created.settings.methodology).toBe('thematic-analysis');
      expect(created.counts.coders).toBe(0);

      const coder = await t.client.call('coders.create', { name: 'Dana Ruiz' });
      expect(coder.initials).toBe('DR');
      let state = await t.client.call('history.state', {});
      expect(state).toMatchObject({ canUndo: true, canRedo: false, undoLabel: 'Add coder Dana Ruiz' });

      state = await t.client.call('history.undo', {});
      expect(await t.client.call('coders.list', {})).toEqual([]);
      expect(state).toMatchObject({ canUndo: false, canRedo: true, redoLabel: 'Add coder Dana Ruiz' });

      await t.client.call('history.redo', {});
      expect(await t.client.call('coders.list', {})).toEqual([coder]);

      const audit = await t.client.call('audit.list', { limit: 10 });
      expect(audit.map((s) => s.summary)).toEqual(['Redo: Add coder Dana Ruiz', 'Undo: Add coder Dana Ruiz', 'Add coder Dana Ruiz']);
      const changes = await t.client.call('audit.changes', { stepId: audit[2].id });
      expect(changes).toEqual([expect.objectContaining({ table: 'coders', op: 'insert', rowId: coder.id, before: null })]);
      expect(changes[0].after).toMatchObject({ name: 'Dana Ruiz', initials: 'DR' });
    });

    it('opens the sample study with every entity present', async () => {
      const s = await t.client.call('project.openSample', {});
      expect(s.counts).toMatchObject({ documents: 3, coders: 3 });
      expect(s.counts.participants).toBeGreaterThanOrEqual(10);
      expect(s.counts.codings).toBeGreaterThan(100);
      const docs = await t.client.call('documents.list', {});
      const detail = await t.client.call('documents.get', { id: docs[0].id });
      for (const u of detail.units) expect(u.end).toBeGreaterThan(u.start);
      expect(detail.turns.length).toBe(docs[0].turns);
    });

    it('an error thrown on the far side arrives as an AppError with its code', async () => {
      await t.client.call('project.create', { path: `dup-${name}`, title: 'One' });
      const err = await t.client.call('project.create', { path: `dup-${name}`, title: 'Two' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: 'PROJECT_EXISTS' });
    });
  });
}

describe('the contract itself', () => {
  it('marks every method mutating or not, and gives every one a summary and schemas', () => {
    for (const [name, spec] of Object.entries(contract)) {
      expect(name).toMatch(/^[a-z]+(?:[A-Z][a-zA-Z]*)?\.[a-z][a-zA-Z]*$/);
      expect(typeof spec.mutates).toBe('boolean');
      expect(spec.summary.length).toBeGreaterThan(5);
      if (spec.recorded) expect(spec.mutates).toBe(true);
    }
  });
});
