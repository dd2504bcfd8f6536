import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../shared/api/client';
import type { AppEvent } from '../../shared/api/events';
import { socketTransport, type MinimalSocket } from '../../shared/api/socket-transport';
import { startBrowserMode, type BrowserModeServer } from '../../electron/web/server';

interface Tab {
  readonly client: Client;
  readonly events: AppEvent[];
  close(): void;
}

describe('browser mode pushes changes to the other tabs', () => {
  let server: BrowserModeServer;
  let dir = '';
  const tabs: Tab[] = [];
  const openTab = (): Tab => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`, { origin: server.origin });
    const transport = socketTransport(socket as unknown as MinimalSocket);
    const events: AppEvent[] = [];
    transport.onEvent((e) => events.push(e));
    const tab = { client: createClient(transport), events, close: () => transport.close() };
    tabs.push(tab);
    return tab;
  };
  const file = (name: string) => path.join(dir, 'projects', name);
  // Pushed frames are sent before the answer to the call that caused them; one more round trip settles them.
  const settle = (tab: Tab) => tab.client.call('app.info', {});

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-events-'));
    fs.mkdirSync(path.join(dir, 'renderer'));
    server = await startBrowserMode({ rendererDir: path.join(dir, 'renderer'), ports: { version: 'test', projectsFolder: path.join(dir, 'projects'), userDataFolder: path.join(dir, 'user-data') } });
  });
  afterAll(async () => {
    for (const tab of tabs) tab.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends tab A’s change to tab B on the same project, not back to A, and not to a tab on another project', async () => {
    const a = openTab();
    const b = openTab();
    const other = openTab();
    const made = await a.client.call('project.create', { path: file('shared.condensa'), title: 'Shared' });
    await b.client.call('project.open', { path: made.path });
    const coder = await a.client.call('coders.create', { name: 'Ayla' });
    await settle(b);
    await settle(a);
    const changes = (tab: Tab) => tab.events.filter((e) => e.type === 'change');
    expect(changes(b)).toEqual([{ type: 'change', project: made.path, method: 'coders.create', origin: expect.any(String), tables: { coders: [coder.id] } }]);
    expect(changes(a)).toEqual([]);
    // A tab that never opened this project hears nothing of it.
    await settle(other);
    expect(changes(other)).toEqual([]);
  });
});
