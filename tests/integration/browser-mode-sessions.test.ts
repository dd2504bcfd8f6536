import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client, type Envelope } from '../../shared/api/client';
import { AppError } from '../../shared/api/errors';
import { MAX_SOCKET_MESSAGE_BYTES, socketTransport, type MinimalSocket } from '../../shared/api/socket-transport';
import { startBrowserMode, type BrowserModeServer } from '../../electron/web/server';

interface Tab {
  readonly client: Client;
  readonly raw: (method: string, params: unknown) => Promise<Envelope>;
  close(): void;
}

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const err = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('browser tabs sharing one server', () => {
  let server: BrowserModeServer;
  let dir = '';
  const tabs: Tab[] = [];
  const openTab = (): Tab => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`, { origin: server.origin });
    const transport = socketTransport(socket as unknown as MinimalSocket);
    const tab = { client: createClient(transport), raw: transport, close: () => transport.close() };
    tabs.push(tab);
    return tab;
  };
  const file = (name: string) => path.join(dir, 'projects', name);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-tabs-'));
    fs.mkdirSync(path.join(dir, 'renderer'));
    server = await startBrowserMode({ rendererDir: path.join(dir, 'renderer'), validateResults: true, ports: { version: 'test', projectsFolder: path.join(dir, 'projects'), userDataFolder: path.join(dir, 'user-data') } });
  });
  afterAll(async () => {
    for (const tab of tabs) tab.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses tab A’s write once tab B has opened another project, and writes nothing into either', async () => {
    const a = openTab();
    const b = openTab();
    await a.client.call('project.create', { path: file('x.condensa'), title: 'Study X' });
    await a.client.call('coders.create', { name: 'Ayla' });
    await b.client.call('project.create', { path: file('y.condensa'), title: 'Study Y' });

    const refused = await refusal(a.client.call('coders.create', { name: 'Meant for X' }));
    expect(refused.code).toBe('PROJECT_CHANGED');
    expect(refused.message).toContain('“x.condensa” is no longer open');
    expect(refused.message).toContain('“y.condensa”');
    // Reads are refused too: tab A must not show Y's data under X's title.
    expect((await refusal(a.client.call('project.get', {}))).code).toBe('PROJECT_CHANGED');

    expect((await b.client.call('coders.list', {})).map((c) => c.name)).toEqual([]);
    await b.client.call('coders.create', { name: 'Bea' });
    expect((await b.client.call('coders.list', {})).map((c) => c.name)).toEqual(['Bea']);

    // Tab A opens X again: its writes land in X, and now tab B is the one refused.
    await a.client.call('project.open', { path: file('x.condensa') });
    await a.client.call('coders.create', { name: 'Ayla 2' });
    expect((await a.client.call('coders.list', {})).map((c) => c.name).sort()).toEqual(['Ayla', 'Ayla 2']);
    expect((await refusal(b.client.call('coders.create', { name: 'Meant for Y' }))).code).toBe('PROJECT_CHANGED');
    await a.client.call('project.close', {});
  });

  it('closes only the closing tab’s own project', async () => {
    const a = openTab();
    const b = openTab();
    await a.client.call('project.create', { path: file('close-a.condensa'), title: 'A' });
    const y = await b.client.call('project.create', { path: file('close-b.condensa'), title: 'B' });
    expect(await a.client.call('project.close', {})).toEqual({ closed: false });
    expect((await b.client.call('project.get', {})).path).toBe(y.path);
    expect(await b.client.call('project.close', {})).toEqual({ closed: true });
  });

  it('refuses a tab that never opened a project the project another tab opened', async () => {
    const b = openTab();
    await b.client.call('project.create', { path: file('fresh.condensa'), title: 'Fresh' });
    const late = openTab();
    const refused = await refusal(late.client.call('documents.list', {}));
    expect(refused.code).toBe('PROJECT_CHANGED');
    expect(refused.message).toContain('“fresh.condensa”');
    await b.client.call('project.close', {});
  });

  it('tells the tab that opened or closed a project which one it now works in', async () => {
    const a = openTab();
    const opened = await a.raw('project.create', { path: file('told.condensa'), title: 'Told' });
    expect(opened.project).toBe(path.join(fs.realpathSync(path.join(dir, 'projects')), 'told.condensa'));
    expect((await a.raw('project.get', {})).project).toBeUndefined();
    expect((await a.raw('project.close', {})).project).toBeNull();
  });

  it('carries a 34 M-character paste (about 100 MB of UTF-8) and answers it', { timeout: 120_000 }, async () => {
    const a = openTab();
    const line = '研究参与者说：我们需要更多的时间来完成这项工作。\n';
    const text = line.repeat(Math.ceil(34_000_000 / line.length)).slice(0, 34_000_000);
    expect(Buffer.byteLength(JSON.stringify(text))).toBeGreaterThan(64 * 1024 * 1024);
    // No project is open: the server read the whole message, checked it, and says what is missing.
    const answer = await a.raw('import.preview', { sources: [{ kind: 'text', name: 'Pasted', text }] });
    expect(answer).toMatchObject({ ok: false, error: { code: 'NO_PROJECT' } });
    expect((await a.client.call('app.info', {})).platform).toBe('browser');
  });

  it('refuses a request over the limit before sending it, and the connection goes on', { timeout: 60_000 }, async () => {
    const a = openTab();
    // Control characters travel as six-byte escapes: within the text limit, over the wire limit.
    const text = '\u0001'.repeat(Math.ceil(MAX_SOCKET_MESSAGE_BYTES / 6) + 1000);
    const refused = await refusal(a.client.call('import.preview', { sources: [{ kind: 'text', name: 'Pasted', text }] }));
    expect(refused.code).toBe('REQUEST_TOO_LARGE');
    expect(refused.message).toMatch(/more than the \d+ MB Condensa accepts at once/);
    expect((await a.client.call('app.info', {})).platform).toBe('browser');
  });
});

describe('the socket transport', () => {
  it('turns a close for a message too big (1009) into REQUEST_TOO_LARGE for the calls under way', async () => {
    const listeners: Record<string, ((event: { code?: number; data?: unknown }) => void)[]> = {};
    const socket: MinimalSocket = {
      readyState: 1,
      send: () => undefined,
      close: () => undefined,
      addEventListener: (type: string, listener: (event: { code?: number; data?: unknown }) => void) => {
        (listeners[type] ??= []).push(listener);
      },
    } as MinimalSocket;
    const transport = socketTransport(socket);
    const answer = transport('app.info', {});
    for (const listener of listeners.close ?? []) listener({ code: 1009 });
    expect(await answer).toMatchObject({ ok: false, error: { code: 'REQUEST_TOO_LARGE' } });
    // Any other close is a lost connection, said as such (never INTERNAL, which means a bug).
    const next = socketTransport(socket)('app.info', {});
    for (const listener of listeners.close ?? []) listener({ code: 1006 });
    expect(await next).toMatchObject({ ok: false, error: { code: 'CONNECTION_LOST' } });
  });
});
