import fs from 'node:fs';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { failed, skipped, value, type Measurement, type Measurements } from './figures';
import { percentile, processMemory } from './timing';

// The figures a person feels, measured in Chromium against browser mode: opening the study,
// scrolling its longest transcript, applying codes by keyboard. Times are taken inside the page
// with performance.now() and event timestamps, so the remote-control round trips do not count.

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

// The little of the DOM the page scripts use, typed here: the Node type check has no DOM library,
// and these functions run in Chromium (page.evaluate serialises them).
interface PageElement {
  readonly textContent: string | null;
  readonly parentElement: PageElement | null;
  readonly scrollHeight: number;
  readonly clientHeight: number;
  scrollTop: number;
  readonly dataset: Record<string, string | undefined>;
  click(): void;
  setAttribute(name: string, value: string): void;
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
}

interface PageWindow {
  readonly document: { readonly body: PageElement; querySelector(selector: string): PageElement | null; querySelectorAll(selector: string): Iterable<PageElement> };
  requestAnimationFrame(callback: (now: number) => void): number;
  getComputedStyle(el: PageElement): { readonly overflowY: string };
  readonly MutationObserver: new (callback: () => void) => { observe(target: PageElement, options: object): void; disconnect(): void };
  readonly PerformanceObserver: new (callback: (list: { getEntries(): { identifier: string; renderTime: number; startTime: number }[] }) => void) => {
    observe(options: object): void;
    disconnect(): void;
  };
  addEventListener(type: 'keydown', listener: (e: { readonly timeStamp: number }) => void, options: object): void;
  __benchApply?: Promise<ApplyResult>;
}

export interface BrowserBenchInput {
  readonly chromiumPath: string;
  readonly url: string;
  readonly serverPid: number;
  /** As the open dialog lists it: the project file's name without its extension. */
  readonly projectName: string;
  readonly largestDocumentTitle: string;
  /** Code ids by their shortcut key ('1'…'9'). */
  readonly shortcuts: Readonly<Record<string, string>>;
  readonly applications: number;
  /** Stop applying codes after this long, reporting how many were done. */
  readonly applyBudgetMs: number;
  readonly scrollMs: number;
  /** Where to write a CPU profile of the page while it applies codes (Chrome's .cpuprofile), if wanted. */
  readonly profile?: string;
  /** Where to save what the window shows after opening and after coding (PNG), to look at. */
  readonly screenshots?: { readonly opened: string; readonly coded: string };
}

export async function runBrowserBench(input: BrowserBenchInput, log: (line: string) => void): Promise<Measurements> {
  const out: Measurements = {};
  const browser: Browser = await chromium.launch({ executablePath: input.chromiumPath, args: CHROMIUM_ARGS });
  let heapPeak = 0;
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const sampleHeap = async () => {
      heapPeak = Math.max(heapPeak, await jsHeapUsed(cdp));
    };

    await page.goto(input.url);
    await page.getByRole('button', { name: 'Open project…' }).click();
    await page.getByRole('button', { name: input.projectName, exact: true }).waitFor();

    out['open.study'] = await step('open.study', log, () => measureOpen(page, input.projectName));
    await sampleHeap();
    const title = await page.locator('.transcript-header h2').first().textContent().catch(() => null);
    if (title !== null && title !== input.largestDocumentTitle) log(`  note: the open transcript is “${title}”, not the longest one`);
    if (input.screenshots) await page.screenshot({ path: input.screenshots.opened });

    out['scroll.fps'] = await step('scroll.fps', log, () => measureScroll(page, input.scrollMs));
    await sampleHeap();

    if (input.profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const applied = await step('code.apply', log, () => measureApply(page, input, sampleHeap));
    if (input.profile) {
      const { profile } = await cdp.send('Profiler.stop');
      fs.writeFileSync(input.profile, JSON.stringify(profile));
      log(`  CPU profile of applying codes: ${input.profile}; the page's hottest functions (self time):`);
      for (const line of hottest(profile, 15)) log(`    ${line}`);
    }
    const runs = (applied as { runs?: ApplyRuns }).runs;
    for (const [id, times] of [
      ['code.apply', runs?.drawn],
      ['code.stored', runs?.stored],
    ] as const) {
      out[`${id}.p50`] = times ? value(percentile(times, 50), { samples: times.length, note: runs!.note }) : applied;
      out[`${id}.p95`] = times ? value(percentile(times, 95), { samples: times.length, note: runs!.note }) : applied;
    }
    await sampleHeap();
    if (input.screenshots) await page.screenshot({ path: input.screenshots.coded });
    if (errors.length) log(`  the page threw: ${errors.slice(0, 3).join(' | ')}`);
  } finally {
    await browser.close();
  }
  out['memory.renderer'] = heapPeak > 0 ? value(heapPeak / 1_048_576, { note: 'JSHeapUsedSize (CDP), sampled after each step' }) : skipped('no heap sample');
  const server = processMemory(input.serverPid);
  out['memory.server.ui'] = server ? value(server.peakMb, { note: 'VmHWM of the browser-mode server process' }) : skipped('no /proc on this system');
  return out;
}

async function step(id: string, log: (line: string) => void, work: () => Promise<Measurement>): Promise<Measurement> {
  const t0 = performance.now();
  let m: Measurement;
  try {
    m = await work();
  } catch (err) {
    m = failed(err);
  }
  const shown = m.kind === 'value' ? m.value.toFixed(1) : `${m.kind === 'unavailable' ? 'not available yet' : m.kind === 'skipped' ? 'skipped' : 'FAILED'}: ${m.reason}`;
  log(`  ${id}: ${shown} (${Math.round(performance.now() - t0)} ms)`);
  return m;
}

async function jsHeapUsed(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
}

/** From the click on the project in the open dialog to the first frame painted with its transcript's units. */
async function measureOpen(page: Page, projectName: string): Promise<Measurement> {
  const ms = await page.evaluate(async (name) => {
    const w = globalThis as unknown as PageWindow;
    const button = [...w.document.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
    if (!button) throw new Error(`no button for ${name} in the open dialog`);
    const painted = () => new Promise<number>((resolve) => w.requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)));
    const t0 = performance.now();
    button.click();
    for (;;) {
      await new Promise((r) => w.requestAnimationFrame(r));
      if (w.document.querySelector('.unit') && !w.document.querySelector('.overlay')) break;
      if (performance.now() - t0 > 60_000) throw new Error('the transcript did not appear within 60 s');
    }
    return (await painted()) - t0;
  }, projectName);
  return value(ms, { samples: 1, note: 'click in the open dialog → first frame with the transcript drawn' });
}

/** Scrolls the transcript by 40 px a frame (about 2,400 px/s) and counts the frames drawn. */
async function measureScroll(page: Page, durationMs: number): Promise<Measurement> {
  const r = await page.evaluate(async (duration) => {
    const w = globalThis as unknown as PageWindow;
    const unit = w.document.querySelector('.unit');
    let scroller: PageElement | null = unit?.parentElement ?? null;
    while (scroller && !(scroller.scrollHeight > scroller.clientHeight + 10 && w.getComputedStyle(scroller).overflowY !== 'visible')) scroller = scroller.parentElement;
    if (!scroller) throw new Error('no scrollable transcript');
    const el = scroller;
    const gaps: number[] = [];
    let frames = 0;
    let distance = 0;
    await new Promise((r) => w.requestAnimationFrame(r));
    const t0 = performance.now();
    let last = t0;
    await new Promise<void>((resolve) => {
      const tick = (now: number) => {
        frames += 1;
        gaps.push(now - last);
        last = now;
        const before = el.scrollTop;
        el.scrollTop = before + 40 >= el.scrollHeight - el.clientHeight ? 0 : before + 40;
        distance += Math.abs(el.scrollTop - before);
        if (now - t0 < duration) w.requestAnimationFrame(tick);
        else resolve();
      };
      w.requestAnimationFrame(tick);
    });
    const elapsed = last - t0;
    gaps.sort((a, b) => a - b);
    return { fps: ((frames - 1) * 1000) / elapsed, worst: gaps[gaps.length - 1], long: gaps.filter((g) => g > 25).length, frames, distance, height: el.scrollHeight };
  }, durationMs);
  return value(r.fps, {
    samples: r.frames,
    note: `${Math.round(r.distance / 1000)}k px of a ${Math.round(r.height / 1000)}k px transcript; ${r.long} frames over 25 ms, worst ${Math.round(r.worst)} ms`,
  });
}

const STALL_MS = 5_000;
const FIRST_TIMEOUT_MS = 30_000;

interface ApplyResult {
  /** Keypress → the end of the frame that draws the chip (faded as pending, or already stored). */
  readonly drawnMs: number | null;
  /** Keypress → the end of the frame that draws the chip of the stored coding. */
  readonly storedMs: number | null;
  /** Keypress → the stored chip presented on screen, as Element Timing reports it. */
  readonly storedPresentedMs?: number;
  /** Keypress → the stored coding's chip in the page, before the browser laid out and painted it. */
  readonly inPageMs?: number;
  /** Keypress → the first chip in the page. */
  readonly drawnInPageMs?: number;
  readonly error?: string;
}

interface ApplyRuns {
  readonly drawn: number[];
  readonly stored: number[];
  readonly note: string;
}

/**
 * Moves to the next unit (↓), presses the shortcut of a code the unit does not carry yet, and times
 * the keypress to the end of the frames that draw its chip: first drawn (the workbench draws it at
 * once, faded as pending), then drawn as stored, once the project has written the coding to disk.
 * The end of a frame is read as the first task after its animation frame. When the stored chip was
 * presented on screen comes from the browser's Element Timing (the chip is marked the moment it
 * enters the page), for the note: a faded chip replaced within a frame or two is never reported.
 */
async function measureApply(page: Page, input: BrowserBenchInput, sampleHeap: () => Promise<void>): Promise<Measurement & { runs?: ApplyRuns }> {
  const keys = Object.keys(input.shortcuts).sort();
  if (keys.length === 0) throw new Error('the study has no code shortcuts');
  await page.locator('.unit').first().click();
  const drawn: number[] = [];
  const stored: number[] = [];
  const inPage: number[] = [];
  const drawnInPage: number[] = [];
  const presented: number[] = [];
  let stalls = 0;
  const started = performance.now();
  for (let i = 0; i < input.applications; i++) {
    if (performance.now() - started > input.applyBudgetMs) break;
    await page.keyboard.press('ArrowDown');
    // In one round trip: let the selection settle, choose a code the unit lacks, arm the observers.
    const choice = await page.evaluate(
      async ({ shortcuts, keys, timeoutMs, run }) => {
        const w = globalThis as unknown as PageWindow;
        for (let f = 0; f < 2; f++) await new Promise((r) => w.requestAnimationFrame(r));
        await new Promise((r) => setTimeout(r, 10));
        const unit = w.document.querySelector('.unit.selected');
        if (!unit) return null;
        const present = new Set([...unit.querySelectorAll('.chip[data-code-id]')].map((c) => c.dataset.codeId));
        const key = keys.find((k) => !present.has(shortcuts[k]));
        if (!key) return null;
        const chip = `.unit[data-unit-id="${unit.dataset.unitId!}"] .chip[data-code-id="${shortcuts[key]}"]`;
        w.__benchApply = new Promise<ApplyResult>((resolve) => {
          let pressedAt: number | null = null;
          const painted: Record<string, number> = {};
          const framed: Record<string, number> = {};
          let storedInPage: number | null = null;
          let drawnInPage: number | null = null;
          let marked = 0;
          let sameChip = false;
          const finish = (error?: string) => {
            observer.disconnect();
            paints.disconnect();
            clearTimeout(timeout);
            const at = (id: string): number | null => framed[id] ?? (id === 'stored' && sameChip ? at('drawn') : null);
            const ms = (t: number | null | undefined) => (t === null || t === undefined || pressedAt === null ? null : t - pressedAt);
            const presented = painted.stored ?? (sameChip ? painted.drawn : undefined);
            resolve({
              drawnMs: ms(at('drawn')),
              storedMs: ms(at('stored')),
              storedPresentedMs: ms(presented) ?? undefined,
              inPageMs: ms(storedInPage) ?? undefined,
              drawnInPageMs: ms(drawnInPage) ?? undefined,
              error,
            });
          };
          const timeout = setTimeout(() => finish(pressedAt === null ? 'the key never arrived' : `no stored chip was painted within ${timeoutMs / 1000} s`), timeoutMs);
          // Element Timing reports when the browser painted an element that carries `elementtiming`.
          const paints = new w.PerformanceObserver((list) => {
            for (const e of list.getEntries()) {
              const [tag, which] = e.identifier.split(':');
              if (tag === `bench${run}`) painted[which] = e.renderTime || e.startTime;
            }
            const shown = painted.stored !== undefined || (sameChip && painted.drawn !== undefined);
            if (shown && framed.stored !== undefined) finish();
          });
          paints.observe({ type: 'element', buffered: false });
          const mark = (el: PageElement, which: string) => {
            el.setAttribute('elementtiming', `bench${run}:${which}`);
            marked += 1;
            // The stand-in for a browser without Element Timing: the end of the next frame.
            w.requestAnimationFrame(() => setTimeout(() => (framed[which] ??= performance.now()), 0));
          };
          const observer = new w.MutationObserver(() => {
            if (pressedAt === null) return;
            const first = w.document.querySelector(chip);
            if (first && marked === 0) {
              drawnInPage = performance.now();
              mark(first, 'drawn');
            }
            const saved = w.document.querySelector(`${chip}:not(.pending)`);
            if (saved && storedInPage === null) {
              storedInPage = performance.now();
              // Drawn straight as stored (no pending chip): one element, one paint.
              if (saved.getAttribute('elementtiming')) sameChip = true;
              else mark(saved, 'stored');
              // Give Element Timing a moment to report before the stand-in is used.
              setTimeout(() => finish(), 500);
            }
          });
          observer.observe(w.document.body, { childList: true, subtree: true, attributes: true });
          w.addEventListener('keydown', (e) => (pressedAt = e.timeStamp), { once: true, capture: true });
        });
        return { key };
      },
      // The first application may wait behind work the opening started (the backup of a large file).
      { shortcuts: input.shortcuts, keys, timeoutMs: drawn.length === 0 ? FIRST_TIMEOUT_MS : STALL_MS, run: i },
    );
    if (!choice) continue;
    await page.keyboard.press(choice.key);
    const result = await page.evaluate(() => (globalThis as unknown as PageWindow).__benchApply!);
    if (result.storedMs === null) {
      if (stored.length === 0) throw new Error(`the first application: ${result.error}`);
      // A stall is part of what a coder lives through: it counts as 5 s, and the note says how many.
      stalls += 1;
      if (stalls > 5) throw new Error(`application ${i + 1}: ${result.error} (6 stalls)`);
      stored.push(STALL_MS);
      drawn.push(result.drawnMs ?? STALL_MS);
    } else {
      stored.push(result.storedMs);
      drawn.push(result.drawnMs ?? result.storedMs);
      if (result.inPageMs !== undefined) inPage.push(result.inPageMs);
      if (result.drawnInPageMs !== undefined) drawnInPage.push(result.drawnInPageMs);
      if (result.storedPresentedMs !== undefined) presented.push(result.storedPresentedMs);
    }
    if (stored.length % 200 === 0) await sampleHeap();
  }
  if (stored.length === 0) throw new Error('no unit could take a new code');
  const asked = input.applications;
  const done = stored.length < asked ? `${stored.length} of ${asked} applications (time budget)` : `${stored.length} applications`;
  const stalled = stalls ? `, ${stalls} with no chip after 5 s (counted as 5 s)` : '';
  const p = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(1)} ms, p95 ${percentile(xs, 95).toFixed(1)} ms`;
  const split = inPage.length && drawnInPage.length ? `; the page's own work: the chip was in the page after ${p(drawnInPage)}, the stored chip after ${p(inPage)}` : '';
  const shown = presented.length ? `; the stored chip was presented on screen (Element Timing, ${presented.length} reports) after ${p(presented)}` : '';
  const note = `${done}${stalled}; ↓ to the next unit, then a code's digit key; times to the end of the frame that draws the chip${split}${shown}`;
  return { ...value(percentile(stored, 50), { samples: stored.length, note }), runs: { drawn, stored, note } };
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

/** The functions a CPU profile saw running most, by self time, as "12.3% name (file:line)". */
function hottest(profile: { nodes: readonly ProfileNode[]; samples?: readonly number[] }, count: number): string[] {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  for (const id of profile.samples ?? []) {
    const f = byNode.get(id)?.callFrame;
    if (!f) continue;
    const key = `${f.functionName || '(anonymous)'} (${f.url.split('/').pop() || 'native'}:${f.lineNumber + 1})`;
    self.set(key, (self.get(key) ?? 0) + 1);
  }
  const total = profile.samples?.length ?? 0;
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, n]) => `${((100 * n) / Math.max(1, total)).toFixed(1)}% ${key}`);
}
