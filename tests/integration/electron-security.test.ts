import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Electron's security checklist (electronjs.org/docs/latest/tutorial/security), checked on what
// ships: the built main and preload bundles and electron-builder.config.cjs. The behaviour behind
// each item is booted and exercised in desktop-boot.test.ts; this reads the code for what must
// never appear in it.

const root = path.resolve(__dirname, '../..');
const read = (p: string) => {
  const file = path.join(root, p);
  if (!fs.existsSync(file)) throw new Error(`${p} is not built: run \`npm run build\` first.`);
  return fs.readFileSync(file, 'utf8');
};
const main = read('out/main/index.cjs');
const preload = read('out/preload/index.cjs');
const config = createRequire(import.meta.url)(path.join(root, 'electron-builder.config.cjs')) as { electronFuses: Record<string, boolean> };
const pkg = JSON.parse(read('package.json')) as { devDependencies: Record<string, string> };

describe('Electron’s security checklist over the built main process', () => {
  it('1, 18: loads only its own content, from the app:// protocol, never file:// or http(s)', () => {
    expect(main).toMatch(/registerSchemesAsPrivileged/);
    expect(main).toMatch(/protocol\.handle\(/);
    expect(main).toMatch(/APP_SCHEME = "app"/);
    expect(main).toMatch(/\.loadURL\(RENDERER_URL\)/);
    expect(main).not.toMatch(/\.loadFile\(/);
    expect(main).not.toMatch(/loadURL\(\s*["'`](https?|file):/);
    expect(config.electronFuses.grantFileProtocolExtraPrivileges).toBe(false);
  });

  it('2–4, 6: no Node in the page, context isolation, sandbox everywhere, web security on, no insecure content', () => {
    for (const required of ['contextIsolation: true', 'sandbox: true', 'nodeIntegration: false', 'nodeIntegrationInWorker: false', 'nodeIntegrationInSubFrames: false', 'webSecurity: true', 'allowRunningInsecureContent: false', 'webviewTag: false']) {
      expect(main).toContain(required);
    }
    for (const forbidden of [/contextIsolation:\s*false/, /sandbox:\s*false/, /nodeIntegration\w*:\s*true/, /webSecurity:\s*false/, /allowRunningInsecureContent:\s*true/, /experimentalFeatures:\s*true/, /enableBlinkFeatures/, /webviewTag:\s*true/]) {
      expect(main).not.toMatch(forbidden);
    }
    expect(main).toMatch(/app\.enableSandbox\(\)/);
  });

  it('5: every permission request and check is denied', () => {
    expect(main).toMatch(/setPermissionRequestHandler\(\([^)]*\)\s*=>\s*\w+\(false\)\)/);
    expect(main).toMatch(/setPermissionCheckHandler\(\(\)\s*=>\s*false\)/);
  });

  it('7: a strict Content Security Policy on every response', () => {
    expect(main).toMatch(/content-security-policy/i);
    expect(main).toContain(`"script-src 'self'"`);
    expect(main).toContain(`"object-src 'none'"`);
    expect(main).not.toMatch(/unsafe-eval/);
  });

  it('13–15: navigation, new windows and webviews limited for every web contents the app makes', () => {
    expect(main).toMatch(/app\.on\("web-contents-created"/);
    for (const guard of ['"will-navigate"', '"will-redirect"', '"will-attach-webview"', 'setWindowOpenHandler(() => ({ action: "deny" }))']) expect(main).toContain(guard);
  });

  it('16: no shell.openExternal (nothing untrusted can open a program or a URL)', () => {
    expect(main).not.toMatch(/openExternal/);
    expect(preload).not.toMatch(/openExternal/);
  });

  it('17: IPC senders are validated, and the page gets one narrow bridge, never ipcRenderer', () => {
    expect(main).toMatch(/senderFrame/);
    expect((preload.match(/exposeInMainWorld\(/g) ?? []).length).toBe(1);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer[,)]/);
    expect(main).not.toMatch(/@electron\/remote/);
  });

  it('spellchecker dictionaries are never downloaded (nothing leaves the machine)', () => {
    expect(main).toMatch(/setSpellCheckerDictionaryDownloadURL/);
    expect(main).toContain('http://127.0.0.1:0/');
  });

  it('19: fuses close Node-style ways into the packaged app', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it('20: a current Electron', () => {
    expect(Number(/\d+/.exec(pkg.devDependencies.electron)?.[0])).toBeGreaterThanOrEqual(45);
  });
});
