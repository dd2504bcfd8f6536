import fs from 'node:fs';

// Small timing helpers: each figure is the median of a few runs after one warm-up run, so a
// stray garbage collection or a neighbour's build does not decide the number alone.

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** The median as statistics defines it: the middle value, or the mean of the two middle values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
}

export interface Timed<T> {
  /** Median milliseconds over the measured runs. */
  readonly ms: number;
  /** Median CPU milliseconds of this process over the same runs: what the work costs when other programs compete for the cores. */
  readonly cpuMs: number;
  readonly runs: readonly number[];
  readonly last: T;
}

export interface TimeOptions {
  readonly runs: number;
  readonly warmup?: number;
  /** Stop early (after at least one measured run) once this much time has gone; 20 s by default. */
  readonly budgetMs?: number;
  /** A warm-up run slower than this is taken as the one measurement: seconds-long work gains little from warming up. */
  readonly slowMs?: number;
  /** Runs before each measured run, outside the timing (e.g. a reset). */
  readonly before?: () => void | Promise<void>;
}

export async function timeIt<T>(work: () => T | Promise<T>, options: TimeOptions): Promise<Timed<T>> {
  const started = performance.now();
  const budget = options.budgetMs ?? 20_000;
  let last: T | undefined;
  for (let i = 0; i < (options.warmup ?? 1); i++) {
    await options.before?.();
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    last = await work();
    const took = performance.now() - t0;
    if (took > (options.slowMs ?? 3_000)) return { ms: took, cpuMs: cpuSince(c0), runs: [took], last };
  }
  const runs: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    await options.before?.();
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    last = await work();
    runs.push(performance.now() - t0);
    cpu.push(cpuSince(c0));
    if (performance.now() - started > budget) break;
  }
  return { ms: median(runs), cpuMs: median(cpu), runs, last: last as T };
}

function cpuSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

/** Peak and current resident memory of a process, from /proc (Linux); null elsewhere. */
export function processMemory(pid: number | 'self' = 'self'): { readonly peakMb: number; readonly currentMb: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { peakMb: kb('VmHWM') / 1024, currentMb: kb('VmRSS') / 1024 };
  } catch {
    return null;
  }
}
