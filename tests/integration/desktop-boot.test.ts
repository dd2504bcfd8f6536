import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// No Electron binary runs on these machines, so the built desktop app (out/main, out/preload,
// out/core) is booted against a stand-in `electron` module that records what it is asked
// (scripts/lib/desktop-boot.mjs; `npm run check:package` runs the same boot on the packaged files).

const root = path.resolve(__dirname, '../..');

interface Step {
  readonly what: string;
  readonly [detail: string]: unknown;
}

let report: { steps: Step[]; failures: string[] };

beforeAll(() => {
  if (!fs.existsSync(path.join(root, 'out/main/index.cjs')) || !fs.existsSync(path.join(root, 'out/renderer/index.html'))) {
    throw new Error('out/ is not built: run `npm run build` first.');
  }
  // In a process of its own: the boot replaces `electron` for every require in the process.
  const run = spawnSync(process.execPath, [path.join(root, 'scripts/lib/desktop-boot.mjs'), root], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  const last = run.stdout.trim().split('\n').at(-1) ?? '';
  if (!last.startsWith('{')) throw new Error(`the boot printed no report: ${run.stderr}`);
  report = JSON.parse(last);
}, 150_000);

describe('the built desktop app boots against a stand-in Electron', () => {
  it('passes every check: secure window, app:// page with its CSP, hardened contents, the core in out/', () => {
    expect(report.failures).toEqual([]);
  });

  it('goes app ready → utility process from out/core → window with the secure preferences → app:// page → preload bridge → a call round trip → quit', () => {
    const order = report.steps.map((s) => s.what);
    const at = (what: string) => order.indexOf(what);
    for (const what of ['app ready', 'utilityProcess.fork', 'BrowserWindow', 'loadURL', 'page served', 'contextBridge.exposeInMainWorld', 'round trip', 'app.quit']) expect(at(what)).toBeGreaterThanOrEqual(0);
    expect(at('protocol.registerSchemesAsPrivileged')).toBeLessThan(at('app ready'));
    expect(at('app ready')).toBeLessThan(at('utilityProcess.fork'));
    expect(at('utilityProcess.fork')).toBeLessThan(at('BrowserWindow'));
    expect(at('BrowserWindow')).toBeLessThan(at('loadURL'));
    expect(at('loadURL')).toBeLessThan(at('round trip'));
    expect(at('round trip')).toBeLessThan(at('app.quit'));

    const fork = report.steps[at('utilityProcess.fork')];
    expect(fork).toMatchObject({ modulePath: path.join(root, 'out/core/index.cjs'), exists: true });
    const window = report.steps[at('BrowserWindow')] as unknown as { webPreferences: Record<string, unknown> };
    expect(window.webPreferences).toMatchObject({ preload: path.join(root, 'out/preload/index.cjs'), contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(report.steps[at('loadURL')]).toEqual({ what: 'loadURL', url: 'app://condensa/index.html' });
    // The page asked the core for app.info, created a project at the path picked in the save dialog, and was refused a file nobody picked.
    // …then imported a transcript picked in the open dialog by its path.
    expect(report.steps[at('round trip')]).toEqual({ what: 'round trip', info: true, created: true, imported: true, refused: 'FILE_NOT_GRANTED' });
    // The main process itself answers no contract calls any more: the page's go over its port.
    expect(order).not.toContain('ipcMain.handle');
  });
});
