import { describe, expect, it } from 'vitest';
import { createConnectHandler, PORT_CHANNEL } from '../../../electron/main/ipc';

const APP = 'app://condensa/index.html';

function event(url: string | null) {
  const sent: { channel: string; transfer: unknown[] }[] = [];
  return { sent, senderFrame: url === null ? null : { url }, sender: { postMessage: (channel: string, _m: unknown, transfer: unknown[]) => sent.push({ channel, transfer }) } };
}

describe('the connect handler', () => {
  it('hands the app page a port of its own to the core', () => {
    let made = 0;
    const handler = createConnectHandler(APP, () => `port ${++made}`);
    const e = event(APP);
    handler(e);
    expect(e.sent).toEqual([{ channel: PORT_CHANNEL, transfer: ['port 1'] }]);
  });

  it('gives other senders and frames without a URL nothing, and opens no channel for them', () => {
    let made = 0;
    const handler = createConnectHandler(APP, () => `port ${++made}`);
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', 'file:///opt/Condensa/resources/app.asar/out/renderer/index.html', 'app://evil/index.html', null]) {
      const e = event(url);
      handler(e);
      expect(e.sent).toEqual([]);
    }
    expect(made).toBe(0);
  });
});
