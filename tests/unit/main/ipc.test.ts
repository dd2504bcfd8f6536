import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Application } from '../../../electron/core/application';
import { createCallHandler } from '../../../electron/main/ipc';

const APP = 'file:///opt/Condensa/resources/app.asar/out/renderer/index.html';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-ipc-'));
const core = new Application({ platform: 'electron', version: 'test', dialogs: null, projectsFolder: dir, userDataFolder: dir });
const handler = createCallHandler(() => core, APP);
const fromApp = { senderFrame: { url: APP } };

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the IPC call handler', () => {
  it('answers the app page', async () => {
    expect(await handler(fromApp, 'app.info', {})).toMatchObject({ ok: true, result: { platform: 'electron' } });
  });

  it('refuses other senders and frames without a URL', async () => {
    for (const event of [{ senderFrame: { url: 'https://evil.example/' } }, { senderFrame: { url: 'file:///tmp/x.html' } }, { senderFrame: null }]) {
      expect(await handler(event, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
  });

  it('refuses malformed payloads with the contract’s validation', async () => {
    expect(await handler(fromApp, 42, {})).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await handler(fromApp, 'no.such', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await handler(fromApp, 'project.open', { path: ['a'] })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await handler(fromApp, 'project.create', 'not an object')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await handler(fromApp, 'project.create', { path: 'x', title: 'y', extra: { __proto__: { polluted: true } }, methodology: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
