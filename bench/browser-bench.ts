import fs from 'node:fs';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { DISABLED_CHROMIUM_FEATURES } from '../electron/main/chromium-features';
import { failed, skipped, value, withLoad, type Measurement, type Measurements } from './figures';
import { Prng } from '../shared/domain/prng';
import { cacheLabel, underLoad, type CacheState } from './machine';
import { median, percentile, processMemory } from './timing';

// The figures a person feels, measured in Chromium against browser mode: opening the study,
// scrolling its longest transcript, applying codes by keyboard. Chromium runs with the features
// the desktop app turns off turned off. Times are taken inside the page
// with performance.now() and event timestamps, so the remote-control round trips do not count.

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-dev-shm-usage',
  `--disable-features=${DISABLED_CHROMIUM_FEATURES.join(',')}`,
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
  readonly scheduler: { postTask(callback: () => void, options: { priority: 'user-blocking' }): Promise<void> };
  getComputedStyle(el: PageElement): { readonly overflowY: string };
  readonly MutationObserver: new (callback: () => void) => { observe(target: PageElement, options: object): void; disconnect(): void };
  readonly ResizeObserver: new (callback: () => void) => { observe(target: PageElement): void; disconnect(): void };
  readonly PerformanceObserver: new (callback: (list: { getEntries(): { identifier: string; renderTime: number; startTime: number }[] }) => void) => {
    observe(options: object): void;
    disconnect(): void;
  };
  addEventListener(type: 'keydown', listener: (e: { readonly timeStamp: number }) => void, options: object): void;
  __benchApply?: Promise<ApplyResult>;
}

/** The server's report of a code application on disk: when (epoch ms, sub-ms), and the unit. */
export interface StoredReport {
  readonly at: number;
  readonly unitId: string;
}

export interface BrowserBenchInput {
  readonly chromiumPath: string;
  readonly url: string;
  readonly serverPid: number;
  /** When the server had each code application on disk (epoch ms), appended as it reports them. */
  readonly storedOnDisk: readonly StoredReport[];
  /** As the open dialog lists it: the project file's name without its extension. */
  readonly projectName: string;
  /**
   * Copies of the study new to this machine, as the open dialog lists them, one per run of the first
   * opening (the first is projectName itself); the reopening runs on projectName as many times.
   */
  readonly freshCopies: readonly string[];
  /** Empties the system's page cache before each reopening, as a night does; says whether it could. */
  readonly dropPageCache: () => { readonly state: CacheState; readonly reason?: string };
  readonly largestDocumentTitle: string;
  /** Code ids by their shortcut key ('1'…'9'). */
  readonly shortcuts: Readonly<Record<string, string>>;
  readonly applications: number;
  /** Stop applying codes after this long, reporting how many were done. */
  readonly applyBudgetMs: number;
  readonly scrollMs: number;
  /** Where to write a CPU profile of the page while it applies codes (Chrome's .cpuprofile), if wanted. */
  readonly profile?: string;
  /** Where to write a Chromium trace of applying codes (Trace Event JSON, for chrome://tracing), if wanted. */
  readonly trace?: string;
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

    // First as a file new to this machine (checked whole), once per fresh copy; then as a coder
    // reopens it the next day: closed cleanly by the app, untouched since, the page cache emptied.
    out['open.first'] = await step('open.first', log, () =>
      measureOpens(page, input.freshCopies, () => 'not dropped', 'a file new to this machine, checked whole; each run a fresh copy, just written'),
    );
    const reopen = Array.from({ length: input.freshCopies.length }, () => input.projectName);
    const reasons = new Set<string>();
    out['open.study'] = await step('open.study', log, () =>
      measureOpens(
        page,
        reopen,
        () => {
          const dropped = input.dropPageCache();
          if (dropped.reason) reasons.add(dropped.reason);
          return dropped.state;
        },
        'reopened after the app closed it cleanly',
      ),
    );
    if (reasons.size) log(`  the page cache could not be dropped (${[...reasons].join(', ')}): the reopening is labelled warm`);
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
    if (input.trace) await browser.startTracing(page, { path: input.trace, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    const applied = await step('code.apply', log, () => measureApply(page, input, sampleHeap));
    if (input.trace) {
      const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
      const count = (applied as { samples?: number }).samples ?? 1;
      log(`  Chromium trace of applying codes: ${input.trace}; the page's main thread, ms per application:`);
      for (const line of mainThreadTime(trace.traceEvents, count)) log(`    ${line}`);
    }
    if (input.profile) {
      const { profile } = await cdp.send('Profiler.stop');
      fs.writeFileSync(input.profile, JSON.stringify(profile));
      log(`  CPU profile of applying codes: ${input.profile}; the page's hottest functions (self time):`);
      for (const line of hottest(profile, 15)) log(`    ${line}`);
    }
    const runs = (applied as { applications?: ApplyRuns }).applications;
    const load = applied.kind === 'value' ? applied.load : undefined;
    for (const [id, times, note] of [
      ['code.apply', runs?.applied, runs?.note],
      ['code.answered', runs?.answered, "the project's answer in the page: the stored coding takes over the pending chip's element"],
      ['code.presented', runs?.presented, 'Element Timing of the chip: when the browser presented the frame that shows it'],
    ] as const) {
      for (const q of [50, 95] as const) out[`${id}.p${q}`] = times?.length ? value(percentile(times, q), { samples: times.length, note, load }) : times ? skipped('no Element Timing reports') : applied;
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

/** One figure (or group) with the load average before and after it; a failure is the figure's, not the run's. */
async function step(id: string, log: (line: string) => void, work: () => Promise<Measurement>): Promise<Measurement> {
  const t0 = performance.now();
  const taken = await underLoad(
    id,
    async (): Promise<Measurement> => {
      try {
        return await work();
      } catch (err) {
        return failed(err);
      }
    },
    log,
  );
  // withLoad keeps any extra field of the measurement (the applications' samples).
  const m = withLoad(taken.result, taken.load);
  const shown = m.kind === 'value' ? m.value.toFixed(1) : `${m.kind === 'unavailable' ? 'not available yet' : m.kind === 'skipped' ? 'skipped' : 'FAILED'}: ${m.reason}`;
  log(`  ${id}: ${shown} (${Math.round(performance.now() - t0)} ms)`);
  return m;
}

async function jsHeapUsed(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
}

/**
 * Opens each named project in turn from the open dialog (closing the one before), with `prepare`
 * run just before each click; the figure is the median with every run, labelled with what prepare
 * did to the page cache. The last one stays open.
 */
async function measureOpens(page: Page, names: readonly string[], prepare: () => CacheState, which: string): Promise<Measurement> {
  const runs: number[] = [];
  const states = new Set<CacheState>();
  for (const name of names) {
    if (await page.locator('.unit').count()) {
      await page.keyboard.press('Control+k');
      await page.getByRole('textbox', { name: 'Command' }).fill('close project');
      await page.keyboard.press('Enter');
    }
    await page.getByRole('button', { name: 'Open project…' }).click();
    await page.getByRole('button', { name, exact: true }).waitFor();
    states.add(prepare());
    runs.push(await measureOpen(page, name));
  }
  // Warm when any run found the cache full.
  const condition = cacheLabel(states.has('not dropped') ? 'not dropped' : 'dropped');
  return value(median(runs), { samples: runs.length, runs, condition, note: `${which}: click in the open dialog → first frame with the transcript drawn` });
}

/** From the click on the project in the open dialog to the first frame painted with its transcript's units. */
async function measureOpen(page: Page, projectName: string): Promise<number> {
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
  return ms;
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

const REPORT_WAIT_MS = 10_000;

/**
 * When the server had the unit's new coding on disk: its latest report for that unit, waiting up
 * to REPORT_WAIT_MS for it to arrive (the wait is not timed: the report carries the server's own
 * moment; on a busy machine its line can cross the pipe seconds after the page has the answer).
 * A report from before the keypress is an earlier application's unless the clocks disagree; the
 * run stops if the last one is older than the keypress by more than any earlier application of
 * the unit can explain (it waits for it).
 */
async function storedAt(reports: readonly StoredReport[], unitId: string, pressedEpoch: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    const last = reports.findLast((r) => r.unitId === unitId);
    if (last && last.at >= pressedEpoch) return last.at;
    if (performance.now() - started > REPORT_WAIT_MS) {
      if (last && pressedEpoch - last.at < 1_000) throw new Error(`the server's clock is ${(pressedEpoch - last.at).toFixed(1)} ms behind the page's: the times cannot be compared`);
      throw new Error('the server did not report the coding on disk');
    }
    await new Promise((r) => setTimeout(r, 1));
  }
}

const STALL_MS = 5_000;
const FIRST_TIMEOUT_MS = 30_000;

/** What the page saw of one application, in ms after the keypress (null: it did not happen). */
interface ApplyResult {
  /** The keypress on the clock shared with the server (performance.timeOrigin + the event's timeStamp). */
  readonly pressedEpoch: number | null;
  /** The end of the frame that first draws the chip (as pending, or already stored). */
  readonly drawnMs: number | null;
  /** The chip in the page, before the browser laid it out and painted it. */
  readonly inPageMs: number | null;
  /** The begin time of the first frame after the keypress (its rAF time), which draws the chip. */
  readonly frameMs: number | null;
  /** The stored coding's chip in the page: the project's answer has come back. */
  readonly answeredMs: number | null;
  /** The chip presented on screen, as Element Timing reports it. */
  readonly presentedMs: number | null;
  readonly error?: string;
}

interface ApplyRuns {
  /** Keypress → highlight drawn and coding on disk: the later of the two. */
  readonly applied: number[];
  /** Keypress → the project's answer in the page (the stored coding's chip). */
  readonly answered: number[];
  readonly presented: number[];
  readonly note: string;
}

/**
 * Moves to the next unit (↓), presses the shortcut of a code the unit does not carry yet, and
 * times the keypress to two moments: the end of the frame that first draws the chip, and the
 * coding on disk (the server reports when each application's transaction had committed, on the
 * clock the page's times are read against: performance.timeOrigin plus performance.now()). An
 * application is done when both have happened; its time is the later one.
 *
 * The frame that draws the chip is the one in which the chip is first laid out, which a
 * ResizeObserver reports from inside that frame; the end of that frame is the first task after
 * it (a task of the highest priority, so it does not wait behind the project's answer). When the
 * chip was presented on screen comes from Element Timing (the chip is marked the moment it enters
 * the page; the workbench keeps the element from pending to stored).
 */
async function measureApply(page: Page, input: BrowserBenchInput, sampleHeap: () => Promise<void>): Promise<Measurement & { applications?: ApplyRuns }> {
  const keys = Object.keys(input.shortcuts).sort();
  if (keys.length === 0) throw new Error('the study has no code shortcuts');
  await page.locator('.unit').first().click();
  const runs: ApplyRuns = { applied: [], answered: [], presented: [], note: '' };
  const parts = { drawn: [] as number[], disk: [] as number[], inPage: [] as number[], waited: [] as number[] };
  let stalls = 0;
  let outOfTime = false;
  let lastUnit: string | null = null;
  const phase = new Prng(4);
  const started = performance.now();
  for (let i = 0; i < input.applications; i++) {
    if (performance.now() - started > input.applyBudgetMs) {
      outOfTime = true;
      break;
    }
    await page.keyboard.press('ArrowDown');
    // In one round trip: let the selection settle, choose a code the unit lacks, arm the observers.
    const choice: { key: string | null; unitId: string | null } = await page.evaluate(
      async ({ shortcuts, keys, timeoutMs, run, lastUnit }) => {
        const w = globalThis as unknown as PageWindow;
        for (let f = 0; f < 2; f++) await new Promise((r) => w.requestAnimationFrame(r));
        await new Promise((r) => setTimeout(r, 10));
        const unit = w.document.querySelector('.unit.selected');
        if (!unit) return { key: null, unitId: null };
        const present = new Set([...unit.querySelectorAll('.chip[data-code-id]')].map((c) => c.dataset.codeId));
        const key = keys.find((k) => !present.has(shortcuts[k]));
        if (!key || unit.dataset.unitId === lastUnit) return { key: null, unitId: unit.dataset.unitId! };
        const chip = `.unit[data-unit-id="${unit.dataset.unitId!}"] .chip[data-code-id="${shortcuts[key]}"]`;
        w.__benchApply = new Promise<ApplyResult>((resolve) => {
          let pressedAt: number | null = null;
          let inPageAt: number | null = null;
          let frameAt: number | null = null;
          let drawnAt: number | null = null;
          let answeredAt: number | null = null;
          let presentedAt: number | null = null;
          const finish = (error?: string) => {
            observer.disconnect();
            layouts.disconnect();
            paints.disconnect();
            clearTimeout(timeout);
            const ms = (t: number | null) => (t === null || pressedAt === null ? null : t - pressedAt);
            resolve({
              pressedEpoch: pressedAt === null ? null : performance.timeOrigin + pressedAt,
              drawnMs: ms(drawnAt),
              inPageMs: ms(inPageAt),
              frameMs: ms(frameAt),
              answeredMs: ms(answeredAt),
              presentedMs: ms(presentedAt),
              error,
            });
          };
          const done = () => drawnAt !== null && answeredAt !== null;
          // Element Timing is given a moment to report after the rest is known.
          const settle = () => done() && (presentedAt !== null ? finish() : setTimeout(() => finish(), 200));
          const timeout = setTimeout(() => finish(pressedAt === null ? 'the key never arrived' : `no stored chip was drawn within ${timeoutMs / 1000} s`), timeoutMs);
          const paints = new w.PerformanceObserver((list) => {
            for (const e of list.getEntries()) if (e.identifier === `bench${run}`) presentedAt ??= e.renderTime || e.startTime;
            if (presentedAt !== null && done()) finish();
          });
          paints.observe({ type: 'element', buffered: false });
          const layouts = new w.ResizeObserver(() => {
            if (drawnAt !== null) return;
            w.scheduler.postTask(
              () => {
                drawnAt ??= performance.now();
                settle();
              },
              { priority: 'user-blocking' },
            );
          });
          const observer = new w.MutationObserver(() => {
            if (pressedAt === null) return;
            const el = w.document.querySelector(chip);
            if (el && inPageAt === null) {
              inPageAt = performance.now();
              el.setAttribute('elementtiming', `bench${run}`);
              layouts.observe(el);
            }
            if (answeredAt === null && w.document.querySelector(`${chip}:not(.pending)`)) {
              answeredAt = performance.now();
              settle();
            }
          });
          observer.observe(w.document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
          w.addEventListener(
            'keydown',
            (e) => {
              pressedAt = e.timeStamp;
              w.requestAnimationFrame((t) => (frameAt = t));
            },
            { once: true, capture: true },
          );
        });
        return { key, unitId: unit.dataset.unitId! };
      },
      // The first application may wait behind work the opening started (the backup of a large file).
      { shortcuts: input.shortcuts, keys, timeoutMs: runs.applied.length === 0 ? FIRST_TIMEOUT_MS : STALL_MS, run: i, lastUnit },
    );
    // At the end of the transcript (↓ stays put), start again from its first unit.
    const stuck = choice.unitId === lastUnit;
    lastUnit = choice.unitId;
    if (stuck || choice.unitId === null) {
      await page.locator('.transcript').evaluate((el) => ((el as unknown as { scrollTop: number }).scrollTop = 0));
      await page.locator('.unit').first().click();
      lastUnit = null;
    }
    if (choice.key === null) continue;
    // A coder's keypress falls anywhere between two frames: so does the bench's.
    await new Promise((r) => setTimeout(r, phase.int(17)));
    await page.keyboard.press(choice.key);
    const r = await page.evaluate(() => (globalThis as unknown as PageWindow).__benchApply!);
    // The page may tell of the answer before the server's report has crossed the pipe: it is waited for.
    const diskMs = r.answeredMs === null || r.pressedEpoch === null ? null : (await storedAt(input.storedOnDisk, choice.unitId!, r.pressedEpoch)) - r.pressedEpoch;
    if (r.drawnMs === null || r.answeredMs === null || diskMs === null) {
      if (runs.applied.length === 0) throw new Error(`the first application: ${r.error ?? 'the server reported no coding on disk'}`);
      // A stall is part of what a coder lives through: it counts as 5 s, and the note says how many.
      stalls += 1;
      if (stalls > 5) throw new Error(`application ${i + 1}: ${r.error ?? 'no coding on disk'} (6 stalls)`);
      runs.applied.push(STALL_MS);
      runs.answered.push(STALL_MS);
    } else {
      const waited = r.frameMs !== null && r.inPageMs !== null ? Math.max(0, r.frameMs - r.inPageMs) : 0;
      runs.applied.push(Math.max(r.drawnMs, diskMs));
      runs.answered.push(r.answeredMs);
      parts.drawn.push(r.drawnMs);
      parts.disk.push(diskMs);
      parts.waited.push(waited);
      if (r.inPageMs !== null) parts.inPage.push(r.inPageMs);
      if (r.presentedMs !== null) runs.presented.push(r.presentedMs);
    }
    if (runs.applied.length % 200 === 0) await sampleHeap();
  }
  if (runs.applied.length === 0) throw new Error('no unit could take a new code');
  const asked = input.applications;
  const count = outOfTime ? `${runs.applied.length} of ${asked} applications (time budget)` : `${runs.applied.length} applications`;
  const stalled = stalls ? `, ${stalls} with no stored chip after 5 s (counted as 5 s)` : '';
  const p = (xs: number[]) => (xs.length ? `p50 ${percentile(xs, 50).toFixed(1)} ms, p95 ${percentile(xs, 95).toFixed(1)} ms` : 'no samples');
  const note =
    `${count}${stalled}; ↓ to the next unit, then a code's digit key; the later of the end of the frame that draws the chip ` +
    `(${p(parts.drawn)}) and the coding on disk (${p(parts.disk)}); the chip entered the page after ${p(parts.inPage)}, ` +
    `and its frame began ${p(parts.waited)} later (Chromium begins a frame at once when the page changes after a quiet spell); ` +
    `Element Timing reported ${runs.presented.length} of the chips`;
  return { ...value(percentile(runs.applied, 50), { samples: runs.applied.length, note }), applications: { ...runs, note } };
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  readonly args?: { readonly name?: string };
}

/**
 * Where the renderer's main thread spent its time, as "Layout 1.23" (ms per application): the
 * complete events ('X') of the thread Chromium names CrRendererMain, each counted by its own
 * time (its duration less that of the events nested in it), largest first.
 */
function mainThreadTime(events: readonly TraceEvent[], applications: number): string[] {
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return ['no renderer main thread in the trace'];
  const spans = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self = new Map<string, number>();
  const open: { name: string; end: number }[] = [];
  for (const e of spans) {
    while (open.length && open[open.length - 1].end <= e.ts) open.pop();
    const parent = open[open.length - 1];
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - e.dur!);
    self.set(e.name, (self.get(e.name) ?? 0) + e.dur!);
    open.push({ name: e.name, end: e.ts + e.dur! });
  }
  return [...self]
    .filter(([, us]) => us > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 20)
    .map(([name, us]) => `${(us / 1000 / applications).toFixed(2)} ${name}`);
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
