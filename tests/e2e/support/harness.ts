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
  /** From now on, answers to these methods come late or are refused (an empty list: as the server gives them). */
  setAnswerRules(rules: readonly AnswerRule[]): void;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Routes the page's socket through the test, so answers can come late or be refused (see `setAnswerRules`). */
  readonly answerRules?: readonly AnswerRule[];
}

/** Changes the server's answers on the page's socket: late, or refused with an error. */
export interface AnswerRule {
  readonly methods: readonly string[];
  readonly delayMs?: number;
  /** Answer with this error instead of the server's result. */
  readonly refuse?: { readonly code: string; readonly message: string };
}

/** Applies answer rules to the page's socket; everything else passes straight through. */
async function routeAnswers(page: Page, rules: () => readonly AnswerRule[]): Promise<void> {
  await page.routeWebSocket(/.*/, (ws) => {
    const server = ws.connectToServer();
    const held = new Map<number, AnswerRule>();
    ws.onMessage((message) => {
      const request = JSON.parse(String(message)) as { id: number; method: string };
      const rule = rules().find((r) => r.methods.includes(request.method));
      if (rule) held.set(request.id, rule);
      server.send(message);
    });
    server.onMessage((message) => {
      const { id } = JSON.parse(String(message)) as { id: number };
      const rule = held.get(id);
      held.delete(id);
      const answer = rule?.refuse ? JSON.stringify({ id, envelope: { ok: false, error: rule.refuse } }) : message;
      if (rule?.delayMs) setTimeout(() => ws.send(answer), rule.delayMs);
      else ws.send(answer);
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
  let rules = options.answerRules ?? null;
  if (rules) await routeAnswers(page, () => rules ?? []);
  await page.goto(server.url);
  return {
    server,
    browser,
    page,
    home,
    projectsFolder,
    setAnswerRules(next) {
      if (!rules) throw new Error('Start the harness with answerRules to change answers.');
      rules = next;
    },
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

/** Creates a project from the start screen and answers "Who is coding?" with a new coder, as a user does. */
export async function newProjectAs(h: Harness, title: string, coder: string): Promise<void> {
  const { page } = h;
  await page.getByRole('button', { name: 'New project…' }).click();
  await page.getByLabel('Title').fill(title);
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.getByRole('dialog', { name: 'Who is coding?' }).waitFor();
  await page.getByLabel('New coder').fill(coder);
  await page.getByRole('button', { name: 'Add and code as this person' }).click();
  await page.getByText(`Coder: ${coder}`).waitFor();
}
