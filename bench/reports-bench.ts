import { execFileSync, spawn } from 'node:child_process';
import { build } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FORMATS_BY_KIND, REPORT_KINDS, type ReportFormat, type ReportKind } from '../shared/api/methods/reports';
import { ensureStudy, type StudySize } from './generate-study';
import type { ReportJob, ReportOutcome } from './report-one';
import { median, processMemory } from './timing';

// `npm run bench -- --reports`: every report of a generated study in every format it has, each
// export in a process of its own (so the peak RSS is that export's), a few runs each, with the
// machine's load taken before every run. Targets (#23 item 6): ≤ 5 s and ≤ 500 MB on the large study.

const MB = 1024 * 1024;
export const REPORT_TARGET = { seconds: 5, mb: 500 } as const;
/** Each export runs with V8's heap limited to this (--max-old-space-size): one that needs more runs out of memory and says so. */
export const REPORT_HEAP_MB = 1024;
export const REPORTS_README_START = '<!-- bench-reports:start -->';
export const REPORTS_README_END = '<!-- bench-reports:end -->';

export interface ReportRun {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly peakMb: number;
  readonly bytes: number;
  /** The load averages (1, 5, 15 minutes) as `uptime` printed them just before the run. */
  readonly load: readonly [number, number, number];
}

export interface ReportFigure {
  readonly kind: ReportKind;
  readonly format: ReportFormat;
  readonly runs: readonly ReportRun[];
  readonly error?: string;
}

export interface ReportsBenchResult {
  readonly generatedAt: string;
  readonly machine: { readonly cpus: number; readonly cpuModel: string; readonly memoryGb: number; readonly node: string };
  readonly size: StudySize;
  readonly study: { readonly documents: number; readonly units: number; readonly codings: number; readonly fileMb: number };
  readonly figures: readonly ReportFigure[];
}

export interface ReportsBenchOptions {
  readonly size: StudySize;
  readonly runs: number;
  /** Only these reports (all when empty). */
  readonly kinds: readonly ReportKind[];
  readonly formats: readonly ReportFormat[];
  /** A first run slower than this is the only run: minutes-long exports gain nothing from repeats. */
  readonly slowMs: number;
  /** An export still running after this long is stopped and reported as too slow. */
  readonly limitMs: number;
}

/**
 * The child's program: report-one.ts and what an export loads, bundled on its own. The bench's
 * own bundle loads Playwright, Vite and the rest at start (about 100 MB of RSS before any export),
 * which the command line's export never loads: the peak RSS must be the export's.
 */
async function childBundle(root: string, workDir: string): Promise<string> {
  const outfile = path.join(workDir, 'report-one.cjs');
  await build({
    stdin: {
      contents: `import { measureReport } from './bench/report-one';\nmeasureReport(JSON.parse(process.argv[2])).then((r) => process.stdout.write(JSON.stringify(r) + '\\n'));`,
      resolveDir: root,
      sourcefile: 'report-child.ts',
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    outfile,
    logLevel: 'error',
    define: { __CONDENSA_VERSION__: JSON.stringify('bench') },
  });
  return outfile;
}

/** Runs one export in a child; one still running after `limitMs` is stopped and reported with its peak RSS so far. */
function exportInChild(program: string, payload: ReportJob, limitMs: number, heapMb?: number): Promise<ReportOutcome> {
  return new Promise((resolve, reject) => {
    const heap = heapMb ? [`--max-old-space-size=${heapMb}`] : [];
    const child = spawn(process.execPath, [...heap, program, JSON.stringify(payload)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let errors = '';
    child.stderr.on('data', (d: Buffer) => {
      process.stderr.write(d);
      errors = (errors + d.toString()).slice(-4000);
    });
    let stopped: string | null = null;
    const timer = setTimeout(() => {
      const memory = child.pid ? processMemory(child.pid) : null;
      stopped = `stopped after ${Math.round(limitMs / 1000)} s${memory ? `, ${Math.round(memory.peakMb)} MB peak RSS by then` : ''}`;
      child.kill('SIGKILL');
    }, limitMs);
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (stopped) return resolve({ error: { code: 'TOO_SLOW', message: stopped } });
      try {
        resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '') as ReportOutcome);
      } catch {
        // Out of memory ends the child with a signal or V8's exit code, and no result.
        const ended = signal ?? `exit ${code}`;
        if (/heap out of memory/i.test(errors)) return resolve({ error: { code: 'OUT_OF_MEMORY', message: `ran out of memory in its ${heapMb ?? 'default'} MB heap (${ended})` } });
        resolve({ error: { code: 'CRASHED', message: `the export process ended (${ended}) without a result` } });
      }
    });
  });
}

/** The `uptime` line, else the load averages from Node. */
export function uptime(): string {
  try {
    return execFileSync('uptime', { encoding: 'utf8', timeout: 5_000 }).trim();
  } catch {
    return `load average: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`;
  }
}

export const busy = (load: number) => load > os.cpus().length;

export function spread(values: readonly number[], show: (v: number) => string): string {
  if (values.length === 1) return show(values[0]);
  return `${show(Math.min(...values))} / ${show(median(values))} / ${show(Math.max(...values))}`;
}

const seconds = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
const mb = (v: number) => String(Math.round(v));
const loads = (runs: readonly ReportRun[]) => runs.map((r) => r.load[0]);

/** Whether the figure meets both targets on every run's median: null when it has no runs. */
export function meetsReportTarget(f: ReportFigure): boolean | null {
  if (f.runs.length === 0) return null;
  return median(f.runs.map((r) => r.wallMs)) <= REPORT_TARGET.seconds * 1000 && median(f.runs.map((r) => r.peakMb)) <= REPORT_TARGET.mb;
}

function line(f: ReportFigure): string {
  const name = `${f.kind} .${f.format}`.padEnd(20);
  if (f.error) return `${name} ${f.error}`;
  const ok = meetsReportTarget(f) ? '✓' : '✗';
  const l = loads(f.runs);
  return (
    `${name} ${ok} wall ${spread(f.runs.map((r) => r.wallMs), seconds).padEnd(20)} s  CPU ${spread(f.runs.map((r) => r.cpuMs), seconds).padEnd(20)} s  ` +
    `peak ${spread(f.runs.map((r) => r.peakMb), mb).padEnd(16)} MB  ${(f.runs[0].bytes / MB).toFixed(1)} MB file  load ${spread(l, (v) => v.toFixed(1))}${l.some(busy) ? ' (busy)' : ''}`
  );
}

export async function runReportsBench(root: string, results: string, options: ReportsBenchOptions, log: (line: string) => void): Promise<ReportsBenchResult> {
  const study = ensureStudy(path.join(results, 'studies'), options.size);
  const workDir = path.join(results, 'run', 'reports');
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });
  // The exports open the study to read only; a copy keeps the cached study untouched whatever happens.
  const copy = path.join(workDir, 'study.condensa');
  fs.copyFileSync(study.file, copy);
  const program = await childBundle(root, workDir);
  log(`Reports of the ${options.size} study (${study.documents} transcripts, ${study.units.toLocaleString('en-US')} units, ${study.codings.toLocaleString('en-US')} codings), each export in a process of its own;`);
  log(`min / median / max over up to ${options.runs} runs; targets ≤ ${REPORT_TARGET.seconds} s and ≤ ${REPORT_TARGET.mb} MB peak RSS; V8's heap limited to ${REPORT_HEAP_MB} MB.`);
  log(`  ${uptime()}`);
  const figures: ReportFigure[] = [];
  const kinds = options.kinds.length ? options.kinds : REPORT_KINDS;
  for (const kind of kinds) {
    for (const format of FORMATS_BY_KIND[kind].filter((f) => !options.formats.length || options.formats.includes(f))) {
      const runs: ReportRun[] = [];
      let error: string | undefined;
      for (let i = 0; i < options.runs; i += 1) {
        const load = os.loadavg() as [number, number, number];
        // The study's names are synthetic: the bench accepts them as they print, as an author would once checked.
        const outcome = await exportInChild(program, { file: copy, kind, format, options: { namesChecked: true }, workDir }, options.limitMs, REPORT_HEAP_MB);
        if ('error' in outcome) {
          error = `${outcome.error.code}: ${outcome.error.message}`;
          break;
        }
        runs.push({ wallMs: outcome.wallMs, cpuMs: outcome.cpuMs, peakMb: outcome.maxRss / MB, bytes: outcome.bytes, load });
        if (outcome.wallMs > options.slowMs) break;
      }
      const figure: ReportFigure = { kind, format, runs, ...(error ? { error } : {}) };
      figures.push(figure);
      log(`  ${line(figure)}`);
    }
  }
  log(`  ${uptime()}`);
  fs.rmSync(workDir, { recursive: true, force: true });
  const worst = Math.max(...figures.flatMap((f) => loads(f.runs)));
  if (busy(worst)) log(`The machine was busy (load average up to ${worst.toFixed(1)} on ${os.cpus().length} cores, more than one runnable process per core): the wall times are slower than on an idle machine; CPU times suffer less.`);
  const misses = figures.filter((f) => f.error || meetsReportTarget(f) === false);
  log(misses.length ? `Missed: ${misses.map((f) => `${f.kind} .${f.format}`).join(', ')}.` : 'Every report meets both targets.');
  return {
    generatedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown CPU', memoryGb: Math.round(os.totalmem() / 1024 ** 3), node: process.versions.node },
    size: options.size,
    study: { documents: study.documents, units: study.units, codings: study.codings, fileMb: study.fileBytes / MB },
    figures,
  };
}

/** The README's table of report exports, from a saved run. */
export function reportsMarkdown(r: ReportsBenchResult): string {
  const header = ['Report', 'Format', 'Wall (s), min / median / max', 'CPU (s)', 'Peak RSS (MB)', 'Runs', 'Load (1 min)', ''];
  const rows = r.figures.map((f) =>
    f.error
      ? [f.kind, `.${f.format}`, f.error, '', '', '0', '', '✗']
      : [
          f.kind,
          `.${f.format}`,
          spread(f.runs.map((x) => x.wallMs), seconds),
          spread(f.runs.map((x) => x.cpuMs), seconds),
          spread(f.runs.map((x) => x.peakMb), mb),
          String(f.runs.length),
          spread(loads(f.runs), (v) => v.toFixed(1)),
          meetsReportTarget(f) ? '✓' : '✗',
        ],
  );
  const esc = (c: string) => c.replace(/\|/g, '\\|');
  const table = [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.map(esc).join(' | ')} |`).join('\n');
  const worst = Math.max(...r.figures.flatMap((f) => loads(f.runs)));
  return [
    `Report exports of the ${r.size} study (${r.study.documents} transcripts, ${r.study.units.toLocaleString('en-US')} units, ${r.study.codings.toLocaleString('en-US')} codings), ` +
      `measured ${r.generatedAt.slice(0, 10)} on ${r.machine.cpus} × ${r.machine.cpuModel}, Node ${r.machine.node} (\`npm run bench -- --reports\`): ` +
      `each export in a process of its own (V8's heap limited to ${REPORT_HEAP_MB} MB), opening the project to read, default options; wall and CPU time are the export's (opening the project not included), peak RSS is the process's. ✓ within ${REPORT_TARGET.seconds} s and ${REPORT_TARGET.mb} MB (#23), ✗ not; on a busy machine the CPU time is the nearer guide to an idle machine's wall time.`,
    ...(worst > r.machine.cpus ? ['', `**The machine was busy (load average up to ${worst.toFixed(1)} on ${r.machine.cpus} cores): the times are slower than on an idle machine.**`] : []),
    '',
    table,
  ].join('\n');
}
