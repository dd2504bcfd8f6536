import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Application } from '../electron/core/application';
import { planQdpxImport } from '../electron/core/refi';
import { baselineQdpxExport, baselineQdpxImport } from '../electron/core/refi/bench-support';
import { DEFAULT_ZIP_LIMITS, ZipArchive } from '../electron/core/refi/zip';
import { noSteps } from '../electron/core/tasks';
import { FIGURES, meetsTarget, value, type Measurement } from './figures';
import { ensureStudy, type StudySize } from './generate-study';
import { busy, spread, uptime } from './reports-bench';
import { median } from './timing';

// The REFI-QDA figures (#21): export and import of a study through Application.dispatch, each run
// paired with the bare minimum of the same work on the same data (see refi/bench-support.ts), so a
// neighbour's load weighs on both. The full bench takes them as export.qdpx and import.qdpx;
// `npm run bench -- --refi` takes only them, on the large study by default, with more runs.

export interface RefiRun {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly baselineWallMs: number;
  readonly baselineCpuMs: number;
  /** The one-minute load average just before the run. */
  readonly load: number;
  /** CPU of the project's backup that the app starts in the background after the run, waited for before the bare minimum runs. */
  readonly backupCpuMs?: number;
}

export interface RefiFigure {
  readonly id: 'export.qdpx' | 'import.qdpx';
  readonly runs: readonly RefiRun[];
  /** What was written or read, in a few words. */
  readonly what: string;
}

type Call = <T>(method: string, params: unknown) => Promise<T>;

async function timed<T>(work: () => T | Promise<T>): Promise<{ result: T; wallMs: number; cpuMs: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await work();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { result, wallMs, cpuMs: (c.user + c.system) / 1000 };
}

/**
 * The app's run, then the bare minimum's, `runs` times. The backup the app starts in the background
 * (a new project's first, with its full check) is waited for between the two, timed on its own:
 * process CPU would count it in the bare minimum's run otherwise.
 */
async function pairs(runs: number, app: (i: number) => Promise<unknown>, bare: (i: number) => unknown, settle: () => Promise<unknown>, log: (line: string) => void): Promise<RefiRun[]> {
  const out: RefiRun[] = [];
  for (let i = 0; i < runs; i += 1) {
    const load = os.loadavg()[0];
    if (busy(load)) log(`    busy before run ${i + 1}: ${uptime()}`);
    const a = await timed(() => app(i));
    const backup = await timed(settle);
    const b = await timed(() => bare(i));
    out.push({ wallMs: a.wallMs, cpuMs: a.cpuMs, baselineWallMs: b.wallMs, baselineCpuMs: b.cpuMs, load, backupCpuMs: backup.cpuMs });
  }
  return out;
}

/** project.qde and the sources of a .qdpx, as text. */
function archiveTexts(bytes: Uint8Array): { qde: string; texts: Map<string, string> } {
  const zip = ZipArchive.open(bytes, DEFAULT_ZIP_LIMITS);
  const text = (name: string) => Buffer.from(zip.read(zip.find(name)!)).toString('utf8');
  const texts = new Map<string, string>();
  for (const e of zip.entries) if (e.name.startsWith('sources/')) texts.set(e.name.slice('sources/'.length, -'.txt'.length), text(e.name));
  return { qde: text('project.qde'), texts };
}

/**
 * Exports the open study `runs` times, then (unless left out) imports the export `runs` times: each
 * import opens the new project in place of the study, so the export goes first. One warm-up pair of each first.
 */
export async function measureRefi(app: Application, call: Call, workDir: string, runs: number, options: { withImport: boolean }, log: (line: string) => void): Promise<readonly RefiFigure[]> {
  const db = app.requireProject().db;
  const settle = async () => app.project?.backupSettled();
  await settle();
  const exportTo = (i: number) => path.join(workDir, `study-${i}.qdpx`);
  const exportApp = (i: number) => call<{ bytes: number }>('refi.exportProject', { path: exportTo(i), overwrite: true });
  await exportApp(-1);
  // What the bare minimum writes: the very text of the warm-up's project.qde and sources.
  const { qde, texts } = archiveTexts(fs.readFileSync(exportTo(-1)));
  const exportBare = (i: number) => baselineQdpxExport(db, qde, texts, path.join(workDir, `bare-${i}.qdpx`));
  await exportBare(-1);
  const exports = await pairs(runs, exportApp, exportBare, settle, log);
  const source = exportTo(0);
  const bytes = fs.readFileSync(source);
  const exported: RefiFigure = { id: 'export.qdpx', runs: exports, what: `${(bytes.byteLength / 1_048_576).toFixed(1)} MB .qdpx (project.qde ${(qde.length / 1_048_576).toFixed(0)} MB, ${texts.size} sources)` };
  if (!options.withImport) return [exported];

  const plan = await planQdpxImport(bytes, 'study.qdpx', noSteps);
  let n = 0;
  const importApp = () => call('refi.importProject', { sourcePath: source, targetPath: path.join(workDir, `imported-${n++}.condensa`) });
  const importBare = (i: number) => baselineQdpxImport(fs.readFileSync(source), plan, path.join(workDir, `bare-${i}.condensa`));
  await importApp();
  await settle();
  importBare(-1);
  const imports = await pairs(runs, importApp, importBare, settle, log);
  app.closeProject();
  const rows = plan.tables.reduce((sum, t) => sum + t.rows.length, 0);
  return [exported, { id: 'import.qdpx', runs: imports, what: `into a new project, ${rows.toLocaleString('en-US')} rows` }];
}

const BARE: Readonly<Record<RefiFigure['id'], string>> = {
  'export.qdpx': 'read the rows, encode the same XML, zip, write',
  'import.qdpx': 'inflate, parse into elements, one bulk insert of the same rows without search index',
};

const ms = (v: number) => `${Math.round(v).toLocaleString('en-US')}`;

/** The figure as the full bench's table takes it: medians, the ratio of medians, the spread in the note. */
export function refiMeasurement(f: RefiFigure): Measurement {
  const wall = f.runs.map((r) => r.wallMs);
  const bare = f.runs.map((r) => r.baselineWallMs);
  return value(median(wall), {
    baseline: median(bare),
    samples: f.runs.length,
    note:
      `${f.what}; min / median / max ${spread(wall, ms)} ms (CPU ${spread(f.runs.map((r) => r.cpuMs), ms)} ms); ` +
      `bare minimum (${BARE[f.id]}) ${spread(bare, ms)} ms (CPU ${spread(f.runs.map((r) => r.baselineCpuMs), ms)} ms); load ${spread(f.runs.map((r) => r.load), (v) => v.toFixed(1))}`,
  });
}

function line(f: RefiFigure): string {
  const def = FIGURES.find((d) => d.id === f.id)!;
  const ok = meetsTarget(def, refiMeasurement(f));
  const wall = f.runs.map((r) => r.wallMs);
  const bare = f.runs.map((r) => r.baselineWallMs);
  const ratio = median(wall) / median(bare);
  const cpuRatio = median(f.runs.map((r) => r.cpuMs)) / median(f.runs.map((r) => r.baselineCpuMs));
  const loads = f.runs.map((r) => r.load);
  return [
    `${def.label} ${ok === null ? '' : ok ? '✓' : '✗'}`,
    `    wall ${spread(wall, ms)} ms   CPU ${spread(f.runs.map((r) => r.cpuMs), ms)} ms   (min / median / max of ${f.runs.length})`,
    `    bare minimum: wall ${spread(bare, ms)} ms   CPU ${spread(f.runs.map((r) => r.baselineCpuMs), ms)} ms   (${BARE[f.id]})`,
    `    ratio ${ratio.toFixed(2)}× wall, ${cpuRatio.toFixed(2)}× CPU (target ≤ ${def.ratioTarget}×); target ≤ ${ms(def.target!.value)} ms; ${f.what}`,
    `    load ${spread(loads, (v) => v.toFixed(1))}${loads.some(busy) ? ' (busy: more than one runnable process per core, slower figures)' : ''}`,
    ...(f.runs.some((r) => r.backupCpuMs !== undefined && r.backupCpuMs >= 50)
      ? [`    then in the background, not counted above: the project's backup, CPU ${spread(f.runs.map((r) => r.backupCpuMs ?? 0), ms)} ms`]
      : []),
  ].join('\n');
}

/** `npm run bench -- --refi`: only the REFI-QDA figures, on a copy of a generated study. */
export async function runRefiBench(results: string, size: StudySize, runs: number, log: (line: string) => void): Promise<readonly RefiFigure[]> {
  const study = ensureStudy(path.join(results, 'studies'), size);
  const workDir = path.join(results, 'run', 'refi');
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });
  const copy = path.join(workDir, 'study.condensa');
  fs.copyFileSync(study.file, copy);
  log(`REFI-QDA export and import of the ${size} study (${study.documents} transcripts, ${study.units.toLocaleString('en-US')} units, ${study.codings.toLocaleString('en-US')} codings), ${runs} runs each after a warm-up, each paired with the bare minimum:`);
  log(`  ${uptime()}`);
  const app = new Application({ platform: 'direct', version: 'bench', dialogs: null, projectsFolder: workDir, userDataFolder: path.join(workDir, 'user-data') });
  const call: Call = async <T>(method: string, params: unknown) => {
    const envelope = await app.dispatch(method as never, params);
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message} [${envelope.error.code}]`);
    return envelope.result as T;
  };
  await call('project.open', { path: copy });
  const figures = await measureRefi(app, call, workDir, runs, { withImport: true }, log);
  for (const f of figures) log(line(f));
  log(`  ${uptime()}`);
  fs.rmSync(workDir, { recursive: true, force: true });
  return figures;
}
