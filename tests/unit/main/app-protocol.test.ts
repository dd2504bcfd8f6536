import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appFileFor, RENDERER_URL, serveAppRequest } from '../../../electron/main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/security';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-app-protocol-'));
fs.mkdirSync(path.join(root, 'renderer/assets'), { recursive: true });
fs.writeFileSync(path.join(root, 'renderer/index.html'), '<!doctype html><title>Condensa</title>');
fs.writeFileSync(path.join(root, 'renderer/assets/app.js'), 'console.log(1)');
fs.writeFileSync(path.join(root, 'secret.txt'), 'outside the renderer');
const rendererRoot = path.join(root, 'renderer');

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('the app:// protocol', () => {
  it('serves the renderer folder with the strict CSP', async () => {
    const page = await serveAppRequest({ url: RENDERER_URL, method: 'GET' }, rendererRoot);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<title>Condensa</title>');
    const script = await serveAppRequest({ url: 'app://condensa/assets/app.js' }, rendererRoot);
    expect(script.headers.get('content-type')).toContain('text/javascript');
  });

  it('serves nothing outside it, on another host, or for writes', async () => {
    for (const url of ['app://condensa/../secret.txt', 'app://condensa/%2e%2e/secret.txt', 'app://condensa/%2e%2e%2fsecret.txt', 'app://other/index.html', 'file:///etc/passwd', 'app://condensa/%ff']) {
      const file = appFileFor(url, rendererRoot);
      if (file !== null) expect(file.startsWith(rendererRoot + path.sep)).toBe(true);
      expect((await serveAppRequest({ url }, rendererRoot)).status).toBe(404);
    }
    expect(appFileFor('app://other/index.html', rendererRoot)).toBeNull();
    expect(appFileFor('app://condensa/%ff', rendererRoot)).toBeNull();
    expect((await serveAppRequest({ url: RENDERER_URL, method: 'POST' }, rendererRoot)).status).toBe(405);
  });
});
