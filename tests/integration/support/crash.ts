import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SEARCH_INDEXES } from '../../../electron/core/store/search-schema';

export type Value = Record<string, string | number | null> | null;

/** Where a kill landed, read from the last lines the writer printed (after "ready") before it died. */
export type Phase = 'before-first-write' | 'mid-transaction' | 'between-transactions';
export const PHASES: readonly Phase[] = ['before-first-write', 'mid-transaction', 'between-transactions'];

export function phaseOf(lines: readonly string[]): { phase: Phase; afterAck: boolean } {
  let began = false;
  let open = false;
  let afterAck = false;
  // Set-up writes before "ready" are not the work under test.
  for (const line of lines.slice(lines.indexOf('ready') + 1)) {
    if (line === 'tx-begin') [began, open] = [true, true];
    else if (line === 'tx-end' || line === 'tx-rollback') open = false;
    else if (line.startsWith('ack ')) afterAck = true;
  }
  return { phase: open ? 'mid-transaction' : began || afterAck ? 'between-transactions' : 'before-first-write', afterAck };
}

/** A child process whose stdout lines are kept with the time each arrived. */
export class Proc {
  readonly lines: string[] = [];
  readonly times: number[] = [];
  stderr = '';
  readonly closed: Promise<void>;
  private killed = false;
  private readonly waiters: { test: (l: string) => boolean; resolve: (l: string) => void }[] = [];
  private readonly child: ChildProcess;

  constructor(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
    this.child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let buffer = '';
    this.child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        this.push(buffer.slice(0, nl));
        buffer = buffer.slice(nl + 1);
      }
    });
    this.child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    // 'close' comes after the pipes are drained: every line printed before the kill is in.
    this.closed = new Promise((resolve) => this.child.once('close', () => resolve()));
    void this.closed.then(() => {
      for (const w of this.waiters.splice(0)) w.resolve('');
    });
  }

  /** A line from this process, or from a driver working on its behalf (the WebSocket client). */
  push(line: string): void {
    this.lines.push(line);
    this.times.push(performance.now());
    for (const w of [...this.waiters]) {
      if (w.test(line)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  }

  /** The first line (from now on or already printed) that passes `test`; fails if the process ends first. */
  async waitFor(test: (line: string) => boolean): Promise<string> {
    const seen = this.lines.find(test);
    if (seen !== undefined) return seen;
    const line = await new Promise<string>((resolve) => this.waiters.push({ test, resolve }));
    if (line === '' && !this.killed) throw new Error(`The child ended before it was killed:\n${this.stderr.slice(-2000)}`);
    return line;
  }

  async kill(): Promise<void> {
    this.killed = true;
    this.child.kill('SIGKILL');
    await this.closed;
  }

  /** Milliseconds from the line `ready` to the first line passing `test` (null if none). */
  since(ready: string, test: (l: string) => boolean): number | null {
    const r = this.lines.indexOf(ready);
    const i = this.lines.findIndex((l, k) => k > r && test(l));
    return r < 0 || i < 0 ? null : this.times[i] - this.times[r];
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/**
 * Kill moments for `n` kills spread over [start, end] ms: one in each of n equal slices, at a
 * random place inside it, so the kills cover the whole write yet fall at random moments.
 */
export function killMoments(n: number, start: number, end: number): number[] {
  const out = Array.from({ length: n }, (_, i) => start + ((end - start) * (i + Math.random())) / n);
  // Shuffled, so a file that grows over a kind's kills is not always killed later and later.
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** What every acknowledged change left, kept across the kills on one file. */
export class Expectations {
  readonly values = new Map<string, Value>();
  acknowledged = 0;

  /** A copy to check one picture of the disk against while another goes on. */
  clone(): Expectations {
    const copy = new Expectations();
    for (const [k, v] of this.values) copy.values.set(k, v);
    copy.acknowledged = this.acknowledged;
    return copy;
  }

  /** Reads a killed writer's lines: acks become expectations; the last call's wants may also hold. */
  take(lines: readonly string[]): Map<string, Value[]> {
    const alternatives = new Map<string, Value[]>();
    let last = '';
    for (const line of lines) {
      const [word, n, key, ...rest] = line.split(' ');
      if (word === 'call') {
        last = n;
        alternatives.clear();
      } else if (word === 'want' && n === last) {
        alternatives.set(key, [...(alternatives.get(key) ?? []), JSON.parse(rest.join(' ')) as Value]);
      } else if (word === 'ack') {
        this.acknowledged += 1;
        if (key.includes(':')) this.values.set(key, JSON.parse(rest.join(' ')) as Value);
      }
    }
    return alternatives;
  }
}

export interface FileCheck {
  readonly integrity: string;
  readonly foreignKeyErrors: number;
  /** Search indexes that fail FTS5's integrity-check or differ from their source rows. */
  readonly search: readonly string[];
  /** Acknowledged values not found, as "key: expected …, found …". */
  readonly mismatches: readonly string[];
}

function readValue(db: Database.Database, key: string, like: Value): Value {
  const [table, id] = key.split(':');
  if (!/^[a-z_]+$/.test(table)) throw new Error(`bad key ${key}`);
  const row = db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Record<string, string | number | null> | undefined;
  if (!row) return null;
  // Only the columns the writer spoke of (or all, when it expected no row).
  const cols = like ? Object.keys(like) : Object.keys(row);
  return Object.fromEntries(cols.map((c) => [c, row[c]]));
}

const same = (a: Value, b: Value) => JSON.stringify(a) === JSON.stringify(b);

/** Checks the search indexes against FTS5's own check and against the rows they index. */
function searchProblems(db: Database.Database): string[] {
  const problems: string[] = [];
  const tables = new Set(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]);
  // A file killed part way through its migration may predate the search indexes.
  for (const t of SEARCH_INDEXES.filter((x) => tables.has(x.index))) {
    try {
      db.prepare(`INSERT INTO ${t.index} (${t.index}) VALUES ('integrity-check')`).run();
    } catch (err) {
      problems.push(`${t.index}: ${(err as Error).message}`);
    }
    const differs = [...t.keys, ...t.columns].map((c) => `f."${c}" IS NOT s."${c}"`).join(' OR ');
    const stale = db.prepare(`SELECT count(*) FROM ${t.source} s LEFT JOIN ${t.index} f ON f.rowid = s.rowid WHERE f.rowid IS NULL OR ${differs}`).pluck().get() as number;
    const orphans = db.prepare(`SELECT count(*) FROM ${t.index} WHERE rowid NOT IN (SELECT rowid FROM ${t.source})`).pluck().get() as number;
    if (stale || orphans) problems.push(`${t.index}: ${stale} rows differ from ${t.source}, ${orphans} index rows without a source`);
  }
  return problems;
}

/** The files that make up a project on disk as a crash left it (the log and journal included). */
export function projectFiles(file: string): string[] {
  return [file, `${file}-wal`, `${file}-journal`].filter((f) => fs.existsSync(f));
}

/**
 * Checks a copy of a project as a crash left it (the original stays as it is, for the next writer
 * to recover): integrity_check, foreign_key_check, the search indexes, and every acknowledged value,
 * each of which may instead be one the killed, unanswered call wanted. `expect.values` is then
 * brought up to what the file holds for the keys that call touched. `probe` reads the copy too.
 */
export function checkFile(
  file: string,
  { expect, alternatives = new Map<string, Value[]>(), probe }: { expect?: Expectations; alternatives?: Map<string, Value[]>; probe?: (db: Database.Database) => void } = {},
): FileCheck {
  const scratch = fs.mkdtempSync(`${file}.check-`);
  const copy = path.join(scratch, path.basename(file));
  for (const f of projectFiles(file)) fs.copyFileSync(f, path.join(scratch, path.basename(f)));
  const db = new Database(copy);
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const foreignKeyErrors = (db.pragma('foreign_key_check') as unknown[]).length;
    const search = searchProblems(db);
    const mismatches: string[] = [];
    if (expect) {
      for (const [key, wanted] of expect.values) {
        const found = readValue(db, key, wanted);
        const ok = [wanted, ...(alternatives.get(key) ?? [])].some((v) => same(readValue(db, key, v), v));
        if (!ok) mismatches.push(`${key}: expected ${JSON.stringify(wanted)}, found ${JSON.stringify(found)}`);
      }
      for (const [key, vs] of alternatives) expect.values.set(key, readValue(db, key, vs.find((v) => v) ?? null));
    }
    probe?.(db);
    return { integrity, foreignKeyErrors, search, mismatches };
  } finally {
    db.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

type Row = Record<Phase | 'after-ack', number>;
const COLUMNS = [...PHASES, 'after-ack'] as const;

/** Counts of kills by phase, per operation kind, and of kills that came after an acknowledgement. */
export class PhaseCounts {
  readonly byKind = new Map<string, Row>();

  add(kind: string, { phase, afterAck }: { phase: Phase; afterAck: boolean }): void {
    const row = this.byKind.get(kind) ?? (Object.fromEntries(COLUMNS.map((p) => [p, 0])) as Row);
    row[phase] += 1;
    if (afterAck) row['after-ack'] += 1;
    this.byKind.set(kind, row);
  }

  total(kind?: string): Row & { all: number } {
    const rows = kind ? [this.byKind.get(kind)].filter((r) => r !== undefined) : [...this.byKind.values()];
    const sum = Object.fromEntries(COLUMNS.map((p) => [p, rows.reduce((n, r) => n + r[p], 0)])) as Row;
    return { ...sum, all: PHASES.reduce((n, p) => n + sum[p], 0) };
  }

  table(): string {
    const head = ['kind', ...COLUMNS, 'kills'];
    const rows = [...this.byKind.keys(), 'all'].map((k) => {
      const t = this.total(k === 'all' ? undefined : k);
      return [k, ...COLUMNS.map((p) => String(t[p])), String(t.all)];
    });
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    return [head, ...rows].map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
  }
}
