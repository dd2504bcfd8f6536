import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startBrowserMode, type BrowserModeServer } from '../../../electron/web/server';

export const repoRoot = path.resolve(__dirname, '../../..');
export const screenshotDir = path.join(repoRoot, 'test-results', 'screenshots');

export function chromiumPath(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((p): p is string => !!p && fs.existsSync(p)) ?? null;
}

export interface Harness {
  readonly server: BrowserModeServer;
  readonly browser: Browser;
  readonly page: Page;
  readonly home: string;
  readonly projectsFolder: string;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Holds back the server's answers to these methods, as a slow disk or a busy machine would. */
  readonly slowAnswers?: { readonly methods: readonly string[]; readonly ms: number };
}

/** Delays the answers to some methods on the page's socket; everything else passes straight through. */
async function slowDown(page: Page, slow: NonNullable<HarnessOptions['slowAnswers']>): Promise<void> {
  await page.routeWebSocket(/.*/, (ws) => {
    const server = ws.connectToServer();
    const held = new Set<number>();
    ws.onMessage((message) => {
      const request = JSON.parse(String(message)) as { id: number; method: string };
      if (slow.methods.includes(request.method)) held.add(request.id);
      server.send(message);
    });
    server.onMessage((message) => {
      const { id } = JSON.parse(String(message)) as { id: number };
      if (!held.delete(id)) ws.send(message);
      else setTimeout(() => ws.send(message), slow.ms);
    });
  });
}

/** A fresh browser-mode server, projects folder and Chromium profile for one test. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const exe = chromiumPath();
  if (!exe) throw new Error('No Chromium found: install it (apt-get install chromium) or set CHROMIUM_PATH.');
  const rendererDir = path.join(repoRoot, 'out', 'renderer');
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) throw new Error('The renderer is not built: run npm run build first.');
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-e2e-'));
  const projectsFolder = path.join(home, 'Projects');
  const server = await startBrowserMode({
    rendererDir,
    validateResults: true,
    ports: { version: 'test', projectsFolder, userDataFolder: path.join(home, 'user-data') },
  });
  const browser = await chromium.launch({
    executablePath: exe,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  if (options.slowAnswers) await slowDown(page, options.slowAnswers);
  await page.goto(server.url);
  return {
    server,
    browser,
    page,
    home,
    projectsFolder,
    async screenshot(name) {
      fs.mkdirSync(screenshotDir, { recursive: true });
      const file = path.join(screenshotDir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: false });
      return file;
    },
    async close() {
      await browser.close();
      await server.close();
      fs.rmSync(home, { recursive: true, force: true });
      if (pageErrors.length) throw new Error(`The page threw: ${pageErrors.join(' | ')}`);
    },
  };
}
