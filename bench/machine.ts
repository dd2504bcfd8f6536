import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { median } from './timing';

// What the bench needs to know about the machine to tell the truth about its figures: whether other
// work competed for the cores while a figure was taken, how far apart the runs of a figure lie, and
// whether a "cold" open really found the page cache empty.

/** A machine is busy when its one-minute load average reaches this many runnable processes per core. */
export const BUSY_LOAD_PER_CORE = 0.75;

/** The one-minute load average before and after a piece of work. */
export interface LoadWindow {
  readonly before: number;
  readonly after: number;
}

export function cores(): number {
  return os.cpus().length;
}

export function loadNow(): number {
  return os.loadavg()[0];
}

/** True when this load average keeps other work on the cores: a figure taken then is slower than on an idle machine. */
export function isBusy(load: number, cpus: number = cores()): boolean {
  return load >= cpus * BUSY_LOAD_PER_CORE;
}

export function wasBusy(window: LoadWindow | undefined, cpus: number = cores()): boolean {
  return !!window && (isBusy(window.before, cpus) || isBusy(window.after, cpus));
}

/** The warning line printed when a group of figures starts or ends on a busy machine, or null. */
export function busyLine(what: string, window: LoadWindow, cpus: number = cores()): string | null {
  if (!wasBusy(window, cpus)) return null;
  return `  ! busy machine during ${what}: load average ${window.before.toFixed(1)} before, ${window.after.toFixed(1)} after, on ${cpus} cores: marked (busy), slower than on an idle machine`;
}

/** Runs work with the load average taken before and after it; prints the warning line when the machine was busy. */
export async function underLoad<T>(what: string, work: () => Promise<T>, log: (line: string) => void): Promise<{ readonly result: T; readonly load: LoadWindow }> {
  const before = loadNow();
  const result = await work();
  const load = { before, after: loadNow() };
  const line = busyLine(what, load);
  if (line) log(line);
  return { result, load };
}

export interface Spread {
  readonly min: number;
  readonly median: number;
  readonly max: number;
  readonly n: number;
}

/** Min, median and max of a figure's runs; null when there are none. */
export function spreadOf(values: readonly number[]): Spread | null {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return null;
  return { min: Math.min(...finite), median: median(finite), max: Math.max(...finite), n: finite.length };
}

/** "min / median / max" in the figure's unit, or the one value with "(1 run)". */
export function spreadText(s: Spread, show: (v: number) => string): string {
  if (s.n === 1) return `${show(s.median)} (1 run)`;
  return `${show(s.min)} / ${show(s.median)} / ${show(s.max)}`;
}

/** How a figure met the page cache: the operating system's copy of the file's pages. */
export type CacheState = 'dropped' | 'not dropped';

/** The words a figure carries about its temperature. */
export function cacheLabel(state: CacheState): string {
  return state === 'dropped' ? 'cold (page cache dropped)' : 'warm (page cache not dropped)';
}

/**
 * Writes out what the system holds (sync), then asks Linux to drop its page cache, so the next read
 * of a file comes from the disk as it would the next day. Needs root; refused, the caller labels the
 * figure warm. The reason says why it was not dropped.
 */
export function dropPageCache(control = '/proc/sys/vm/drop_caches'): { readonly state: CacheState; readonly reason?: string } {
  try {
    execFileSync('sync', { stdio: 'ignore', timeout: 120_000 });
  } catch {
    // No sync command: the kernel drops only clean pages, so fewer pages go; still worth asking.
  }
  try {
    fs.writeFileSync(control, '3\n');
    return { state: 'dropped' };
  } catch (err) {
    return { state: 'not dropped', reason: (err as NodeJS.ErrnoException).code ?? (err as Error).message };
  }
}
