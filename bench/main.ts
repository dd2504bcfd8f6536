import Database from 'better-sqlite3';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Application } from '../electron/core/application';
import { startBrowserMode } from '../electron/web/server';
import { runBrowserBench, type StoredReport } from './browser-bench';
import { CORE_FIGURES, CoreBench } from './core-bench';
import { runAgreementBench } from './agreement-bench';
import { runImportBounds } from './import-bounds';
import { runRefiBench } from './refi-bench';
import { measureImport } from './import-one';
import { REPORTS_README_END, REPORTS_README_START, reportsMarkdown, runReportsBench, type ReportsBenchResult } from './reports-bench';
import { skipped, value, type Measurement, type Measurements } from './figures';
import { busyLine, dropPageCache, loadNow } from './machine';
import { median } from './timing';
import { ensureFocusGroupFile, ensureStudy, STUDY_SIZES, type GeneratedStudy, type StudySize } from './generate-study';
import { busyNote, rewriteReadme, rewriteReadmeBetween, shortfalls, terminalTable, type BenchReport, type SizeResult } from './report';

// `npm run bench`: bundled by scripts/bench.mjs into bench-results/.build/bench-<pid>.cjs (one per run) and run as
//   run [--huge] [--sizes=small,large] [--no-browser] [--no-core] [--applications=N] [--profile] [--trace]
//       [--no-reports] [--report-runs=3]                                   the whole bench (or part); with the large
//                                                                          study also every report's export
//   readme                                                                 README from latest.json
//   core <json>                                                            (child) the Node figures
//   server <json>                                                          (child) browser mode
//   run --refi [--sizes=large] [--runs=5]                                  REFI-QDA export and import against their bare minimum
//   run --agreement [--runs=N]                                             agreement with and without intervals, 50,000 units × 300 codes
//   run --imports                                                          each format's 10 MB import
//   import-one <file> <dir>                                                (child) one import
//   run --reports [--sizes=large] [--runs=3] [--only=codebook,…] [--formats=docx,…] [--limit=300 (s per export)]
//                                                                          every report's export, each in a process of its own

const root = path.resolve(__dirname, '..', '..');
const results = path.join(root, 'bench-results');
const studies = path.join(results, 'studies');

interface SizePlan {
  /** Measured runs per core figure after one warm-up. */
  readonly runs: number;
  readonly applications: number;
  readonly applyBudgetMs: number;
  readonly naive: boolean;
  readonly skip: readonly string[];
}

const PLANS: Readonly<Record<StudySize, SizePlan>> = {
  tiny: { runs: 3, applications: 50, applyBudgetMs: 20_000, naive: true, skip: [] },
  small: { runs: 5, applications: 300, applyBudgetMs: 45_000, naive: true, skip: [] },
  large: { runs: 3, applications: 1_000, applyBudgetMs: 120_000, naive: true, skip: [] },
  huge: { runs: 1, applications: 300, applyBudgetMs: 90_000, naive: false, skip: ['import.qdpx'] },
};

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

function flag(args: readonly string[], name: string): string | null {
  const hit = args.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (!hit) return null;
  return hit.includes('=') ? hit.slice(hit.indexOf('=') + 1) : '';
}

function chromiumPath(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((p): p is string => !!p && fs.existsSync(p)) ?? null;
}

/** Runs this same bundle as a child; resolves with the JSON it prints on its RESULT line. */
function runChild<T>(mode: string, payload: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [__filename, mode, JSON.stringify(payload)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buffer = '';
    let result: T | null = null;
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.startsWith('RESULT ')) result = JSON.parse(line.slice(7)) as T;
        else log(line);
      }
    });
    child.once('exit', (code) => (result ? resolve(result) : reject(new Error(`the ${mode} child exited with ${code} and no result`))));
  });
}

interface ServerChild {
  readonly url: string;
  readonly pid: number;
  /** When the server had each code application written to disk, and for which unit. */
  readonly stored: readonly StoredReport[];
  stop(): Promise<void>;
}

function startServerChild(payload: { rendererDir: string; projectsFolder: string; userDataFolder: string }): Promise<ServerChild> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [__filename, 'server', JSON.stringify(payload)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buffer = '';
    let url: string | null = null;
    const stored: StoredReport[] = [];
    const stop = () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      });
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const [word, arg, unitId] = buffer.slice(0, nl).split(' ');
        buffer = buffer.slice(nl + 1);
        if (word === 'STORED') stored.push({ at: Number(arg), unitId });
        else if (word === 'READY' && url === null) {
          url = arg;
          resolve({ url, pid: child.pid!, stored, stop });
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`the browser-mode server exited with ${code} before it was ready`)));
  });
}

/** Writes out every file the system still holds in memory (sync(1)); where there is no such command, nothing. */
function flushToDisk(): void {
  try {
    execFileSync('sync', { stdio: 'ignore', timeout: 120_000 });
  } catch {
    // Not on this system: the figures then share the machine with the writing out.
  }
}

function codeShortcuts(file: string): Record<string, string> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare(`SELECT shortcut, id FROM codebook_nodes WHERE level = 'code' AND shortcut IS NOT NULL`).all() as { shortcut: string; id: string }[];
    return Object.fromEntries(rows.map((r) => [r.shortcut, r.id]));
  } finally {
    db.close();
  }
}

async function benchSize(size: StudySize, args: readonly string[]): Promise<SizeResult> {
  const started = performance.now();
  const loadAtStart = os.loadavg()[0];
  const plan = PLANS[size];
  log(`\n== ${size} study ==`);
  const t0 = performance.now();
  const study = ensureStudy(studies, size);
  log(
    study.cached
      ? `  study: cached ${path.relative(root, study.file)}`
      : `  study: generated ${path.relative(root, study.file)} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const focusGroup = ensureFocusGroupFile(studies);
  const runDir = path.join(results, 'run', size);
  fs.rmSync(runDir, { recursive: true, force: true });
  fs.mkdirSync(runDir, { recursive: true });
  const measurements: Measurements = { 'file.size': value(study.fileBytes / 1_048_576, { note: 'as generated, before the bench changes a copy' }) };

  if (flag(args, 'no-core') !== null) {
    for (const id of CORE_FIGURES) measurements[id] = skipped('skipped (--no-core)');
  } else try {
    const coreDir = path.join(runDir, 'core');
    fs.mkdirSync(coreDir, { recursive: true });
    const studyCopy = path.join(coreDir, 'study.condensa');
    fs.copyFileSync(study.file, studyCopy);
    log('  core figures:');
    const before = loadNow();
    const core = await runChild<Measurements>('core', { study, studyCopy, workDir: coreDir, focusGroupFile: focusGroup.file, runs: plan.runs, naive: plan.naive, skip: plan.skip });
    warnIfBusy(`the ${size} study's core figures`, before);
    Object.assign(measurements, core);
  } catch (err) {
    log(`  the core figures failed: ${(err as Error).message}`);
    for (const id of CORE_FIGURES) measurements[id] = { kind: 'failed', reason: (err as Error).message };
  }

  const chromium = chromiumPath();
  const renderer = [path.join(results, '.build', 'renderer'), path.join(root, 'out', 'renderer')].find((d) => fs.existsSync(path.join(d, 'index.html')));
  const browserIds = ['open.first', 'open.study', 'scroll.fps', 'code.apply.p50', 'code.apply.p95', 'code.answered.p50', 'code.answered.p95', 'code.presented.p50', 'code.presented.p95', 'memory.renderer', 'memory.server.ui'];
  const skipBrowser = (why: string) => browserIds.forEach((id) => (measurements[id] = skipped(why)));
  if (flag(args, 'no-browser') !== null) skipBrowser('skipped (--no-browser)');
  else if (!chromium) skipBrowser('no Chromium: install it (apt-get install chromium) or set CHROMIUM_PATH');
  else if (!renderer) skipBrowser('the renderer is not built (npm run build)');
  else {
    const projectsFolder = path.join(runDir, 'browser', 'Projects');
    fs.mkdirSync(projectsFolder, { recursive: true });
    const projectName = `Bench ${size}`;
    // One copy new to this machine per run of the first opening, each checked whole when opened.
    const freshCopies = Array.from({ length: plan.runs }, (_, i) => (i === 0 ? projectName : `${projectName} copy ${i + 1}`));
    for (const name of freshCopies) fs.copyFileSync(study.file, path.join(projectsFolder, `${name}.condensa`));
    // The core figures and this copy leave hundreds of MB for the system to write out: it does so
    // now, not while the Chromium figures are taken (a code on disk waits for its log's sync).
    flushToDisk();
    let server: ServerChild | null = null;
    try {
      server = await startServerChild({ rendererDir: renderer, projectsFolder, userDataFolder: path.join(runDir, 'browser', 'user-data') });
      log('  Chromium figures:');
      const before = loadNow();
      const applications = Number(flag(args, 'applications') ?? plan.applications);
      const browser = await runBrowserBench(
        {
          chromiumPath: chromium,
          url: server.url,
          serverPid: server.pid,
          storedOnDisk: server.stored,
          projectName,
          freshCopies,
          dropPageCache: () => dropPageCache(),
          largestDocumentTitle: study.largestDocumentTitle,
          shortcuts: codeShortcuts(study.file),
          applications,
          applyBudgetMs: plan.applyBudgetMs,
          scrollMs: 4_000,
          profile: flag(args, 'profile') !== null ? path.join(results, `${size}-apply.cpuprofile`) : undefined,
          trace: flag(args, 'trace') !== null ? path.join(results, `${size}-apply.trace.json`) : undefined,
          screenshots: { opened: path.join(results, `${size}-opened.png`), coded: path.join(results, `${size}-coded.png`) },
        },
        log,
      );
      warnIfBusy(`the ${size} study's Chromium figures`, before);
      Object.assign(measurements, browser);
    } catch (err) {
      log(`  the Chromium figures failed: ${(err as Error).message}`);
      for (const id of browserIds) measurements[id] ??= { kind: 'failed', reason: (err as Error).message.split('\n')[0] };
    } finally {
      await server?.stop();
    }
  }
  fs.rmSync(runDir, { recursive: true, force: true });
  return { study: stripCached(study), measurements, seconds: (performance.now() - started) / 1000, load: { start: loadAtStart, end: os.loadavg()[0] } };
}

/** Prints the warning line when a group of figures began or ended on a busy machine. */
function warnIfBusy(what: string, before: number): void {
  const line = busyLine(what, { before, after: loadNow() });
  if (line) log(line);
}

/** The Word figure of the main table: the slowest .docx report (median wall time), the others in its note. */
export function slowestWordReport(run: ReportsBenchResult): Measurement {
  const word = run.figures.filter((f) => f.format === 'docx');
  const failedOnes = word.filter((f) => f.error);
  const timed = word.filter((f) => !f.error && f.runs.length).map((f) => ({ f, wall: f.runs.map((r) => r.wallMs) }));
  if (failedOnes.length) return { kind: 'failed', reason: failedOnes.map((f) => `${f.kind}: ${f.error}`).join('; ') };
  if (!timed.length) return skipped('no Word report was exported');
  timed.sort((a, b) => median(b.wall) - median(a.wall));
  const [slowest] = timed;
  const loads = slowest.f.runs.map((r) => r.load[0]);
  const each = timed.map(({ f, wall }) => `${f.kind} ${(median(wall) / 1000).toFixed(1)} s, ${Math.round(median(f.runs.map((r) => r.peakMb)))} MB`).join('; ');
  return value(median(slowest.wall), {
    samples: slowest.wall.length,
    runs: slowest.wall,
    load: { before: Math.min(...loads), after: Math.max(...loads) },
    note: `the slowest is ${slowest.f.kind}; each .docx report, median wall time and peak RSS, each export in a process of its own: ${each}`,
  });
}

function stripCached(s: GeneratedStudy & { cached?: boolean }): GeneratedStudy {
  const copy: GeneratedStudy & { cached?: boolean } = { ...s };
  delete copy.cached;
  return copy;
}

async function runAll(args: readonly string[]): Promise<void> {
  const started = performance.now();
  const asked = flag(args, 'sizes');
  const sizes = (asked ? asked.split(',') : ['small', 'large', ...(flag(args, 'huge') !== null ? ['huge'] : [])]).filter((s): s is StudySize =>
    (STUDY_SIZES as readonly string[]).includes(s),
  );
  const report: { -readonly [K in keyof BenchReport]: BenchReport[K] } = {
    generatedAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
      memoryGb: Math.round(os.totalmem() / 1024 ** 3),
      node: process.versions.node,
      platform: `${os.platform()} ${os.release()}`,
    },
    totalSeconds: 0,
    sizes,
    results: {},
  };
  // Written after every size, so a long --huge run that is stopped keeps what it measured.
  const save = () => {
    report.totalSeconds = (performance.now() - started) / 1000;
    fs.mkdirSync(results, { recursive: true });
    fs.writeFileSync(path.join(results, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  };
  warnIfBusy('the start of the bench', loadNow());
  for (const size of sizes) {
    report.results[size] = await benchSize(size, args);
    save();
  }
  // The Word figure is the app's own reports: every report of the large study, each export in a
  // process of its own (also written to reports.json for the README's report table).
  const large = report.results.large;
  if (large) {
    if (flag(args, 'no-reports') !== null) large.measurements['export.docx'] = skipped('skipped (--no-reports)');
    else {
      log('\n== report exports, large study ==');
      const before = loadNow();
      const run = await runReportsBench(
        __filename,
        results,
        { size: 'large', runs: Number(flag(args, 'report-runs') ?? 3), kinds: [], formats: [], slowMs: 60_000, limitMs: Number(flag(args, 'limit') ?? 300) * 1000 },
        log,
      );
      warnIfBusy('the report exports', before);
      fs.writeFileSync(path.join(results, 'reports.json'), `${JSON.stringify(run, null, 2)}\n`);
      large.measurements['export.docx'] = slowestWordReport(run);
    }
    save();
  }
  for (const s of sizes) {
    const r = report.results[s];
    if (r && !r.measurements['export.docx']) r.measurements['export.docx'] = skipped('the report exports are measured on the large study');
  }
  save();
  log(`\n${terminalTable(report)}\n`);
  const busy = busyNote(report);
  if (busy) log(`${busy}\n`);
  const misses = shortfalls(report);
  if (misses.length) log(`Missed or not there yet:\n${misses.map((m) => `  - ${m}`).join('\n')}\n`);
  log(`Whole run: ${Math.round(report.totalSeconds)} s. Written to ${path.relative(root, path.join(results, 'latest.json'))}; \`npm run bench -- --readme\` puts the table in the README.`);
}

/**
 * Tells the bench (on stdout) when each code application was on disk: the moment the project's
 * answer was ready, its transaction committed, on the clock the page's times can be read against.
 * Written once the answer has gone, so the report delays nothing.
 */
function reportStoredApplications(app: Application): void {
  const dispatch = app.dispatch.bind(app);
  app.dispatch = async (method, params) => {
    const envelope = await dispatch(method, params);
    const unitIds = (params as { target?: { unitIds?: string[] } }).target?.unitIds;
    if (method === 'codings.apply' && envelope.ok && unitIds?.length === 1) {
      const at = performance.timeOrigin + performance.now();
      setImmediate(() => process.stdout.write(`STORED ${at.toFixed(3)} ${unitIds[0]}\n`));
    }
    return envelope;
  };
}

async function main(): Promise<void> {
  const [mode = 'run', ...rest] = process.argv.slice(2);
  if (mode === 'readme') {
    // Each table from its own run's results; `--readme=reports` rewrites the report exports' alone.
    const only = flag(rest, 'readme') || null;
    const latest = path.join(results, 'latest.json');
    const reports = path.join(results, 'reports.json');
    if (!fs.existsSync(latest) && !fs.existsSync(reports)) throw new Error('No bench-results/latest.json or reports.json yet: run `npm run bench` (or with --reports) first.');
    if (only !== 'reports' && fs.existsSync(latest)) {
      const report = JSON.parse(fs.readFileSync(latest, 'utf8')) as BenchReport;
      // A run without the report exports (--no-reports) takes its Word figure from the last reports run, dated.
      const large = report.results.large;
      if (large && large.measurements['export.docx']?.kind !== 'value' && fs.existsSync(reports)) {
        const run = JSON.parse(fs.readFileSync(reports, 'utf8')) as ReportsBenchResult;
        const m = slowestWordReport(run);
        large.measurements['export.docx'] = m.kind === 'value' ? { ...m, note: `from the reports run of ${run.generatedAt.slice(0, 16).replace('T', ' ')} UTC: ${m.note}` } : m;
      }
      rewriteReadme(path.join(root, 'README.md'), report);
      log('README.md: Performance section rewritten from bench-results/latest.json.');
    }
    if (only !== 'main' && fs.existsSync(reports)) {
      rewriteReadmeBetween(path.join(root, 'README.md'), REPORTS_README_START, REPORTS_README_END, reportsMarkdown(JSON.parse(fs.readFileSync(reports, 'utf8')) as ReportsBenchResult));
      log('README.md: report exports rewritten from bench-results/reports.json.');
    }
  } else if (mode === 'core') {
    const input = JSON.parse(rest[0]) as ConstructorParameters<typeof CoreBench>[0];
    const out = await new CoreBench(input).run(log);
    process.stdout.write(`RESULT ${JSON.stringify(out)}\n`);
  } else if (mode === 'server') {
    const p = JSON.parse(rest[0]) as { rendererDir: string; projectsFolder: string; userDataFolder: string };
    const server = await startBrowserMode({ rendererDir: p.rendererDir, ports: { version: 'bench', projectsFolder: p.projectsFolder, userDataFolder: p.userDataFolder } });
    reportStoredApplications(server.app);
    process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
    process.stdout.write(`READY ${server.url}\n`);
  } else if (mode === 'import-one') {
    process.stdout.write(`${JSON.stringify(await measureImport(rest[0], rest[1]))}\n`);
  } else if (mode === 'run' && rest.includes('--reports')) {
    const list = (name: string) => (flag(rest, name) ?? '').split(',').filter(Boolean);
    const size = (flag(rest, 'sizes') ?? 'large') as StudySize;
    if (!(STUDY_SIZES as readonly string[]).includes(size)) throw new Error(`--sizes takes one of ${STUDY_SIZES.join(', ')} with --reports.`);
    const run = await runReportsBench(
      root,
      results,
      { size, runs: Number(flag(rest, 'runs') ?? 3), kinds: list('only') as ReportsBenchResult['figures'][number]['kind'][], formats: list('formats') as ReportsBenchResult['figures'][number]['format'][], slowMs: 60_000, limitMs: Number(flag(rest, 'limit') ?? 300) * 1000 },
      log,
    );
    fs.writeFileSync(path.join(results, 'reports.json'), `${JSON.stringify(run, null, 2)}\n`);
    log(`Written to ${path.relative(root, path.join(results, 'reports.json'))}; \`npm run bench -- --readme\` puts the table in the README.`);
  } else if (mode === 'run' && rest.includes('--refi')) {
    const size = (flag(rest, 'sizes') ?? 'large') as StudySize;
    if (!(STUDY_SIZES as readonly string[]).includes(size)) throw new Error(`--sizes takes one of ${STUDY_SIZES.join(', ')} with --refi.`);
    const figures = await runRefiBench(results, size, Number(flag(rest, 'runs') ?? 5), log);
    fs.writeFileSync(path.join(results, 'refi.json'), `${JSON.stringify({ generatedAt: new Date().toISOString(), size, cpus: os.cpus().length, figures }, null, 2)}\n`);
    log(`Written to ${path.relative(root, path.join(results, 'refi.json'))}.`);
  } else if (mode === 'run' && rest.includes('--agreement')) {
    await runAgreementBench(Number(flag(rest, 'runs') ?? 7), log);
  } else if (mode === 'run' && rest.includes('--imports')) {
    await runImportBounds(__filename, path.join(results, 'imports'), log);
  } else if (mode === 'run') {
    await runAll(rest);
  } else {
    throw new Error(`Unknown bench mode “${mode}”.`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
