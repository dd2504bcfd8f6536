import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../..');
const SUFFIXES = ['', '-wal', '-journal'] as const;
/** The unit a disk writes whole: a power cut may keep any of a write's sectors and drop others. */
const SECTOR = 512;

/** Builds the LD_PRELOAD recorder with gcc; null when gcc is missing (the caller skips, loudly). */
export function buildShim(): string | null {
  if (spawnSync('gcc', ['--version']).status !== 0) return null;
  const folder = path.join(repoRoot, 'test-results', 'children');
  fs.mkdirSync(folder, { recursive: true });
  const out = path.join(fs.mkdtempSync(path.join(folder, 'power-loss-')), 'power-loss-shim.so');
  const r = spawnSync('gcc', ['-O2', '-Wall', '-shared', '-fPIC', '-o', out, path.join(__dirname, 'power-loss-shim.c'), '-ldl'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`The power-loss recorder did not build:\n${r.stderr}`);
  return out;
}

interface Op {
  readonly kind: 'W' | 'T' | 'S' | 'U';
  readonly slot: number;
  readonly offset: number;
  readonly data: Buffer;
}

function readLog(log: string): Op[] {
  const b = fs.existsSync(log) ? fs.readFileSync(log) : Buffer.alloc(0);
  const ops: Op[] = [];
  // A record cut short by the kill never completed its write: it is dropped with what follows.
  for (let i = 0; i + 14 <= b.length; ) {
    const len = b.readUInt32LE(i + 2);
    if (i + 14 + len > b.length) break;
    ops.push({ kind: String.fromCharCode(b[i]) as Op['kind'], slot: b[i + 1], offset: Number(b.readBigUInt64LE(i + 6)), data: b.subarray(i + 14, i + 14 + len) });
    i += 14 + len;
  }
  return ops;
}

/** The project's files (file, -wal, -journal) as bytes, null where there is none. */
export type Files = (Buffer | null)[];

export function readFiles(file: string): Files {
  return SUFFIXES.map((s) => (fs.existsSync(file + s) ? fs.readFileSync(file + s) : null));
}

export function writeFiles(file: string, files: Files): void {
  SUFFIXES.forEach((s, i) => {
    const b = files[i];
    if (b) fs.writeFileSync(file + s, b);
    else fs.rmSync(file + s, { force: true });
  });
}

function apply(target: Buffer | null, op: Op): Buffer | null {
  if (op.kind === 'U') return null;
  const base = target ?? Buffer.alloc(0);
  if (op.kind === 'T') return op.offset <= base.length ? base.subarray(0, op.offset) : Buffer.concat([base, Buffer.alloc(op.offset - base.length)]);
  const end = op.offset + op.data.length;
  const out = end > base.length ? Buffer.concat([base, Buffer.alloc(end - base.length)]) : Buffer.from(base);
  op.data.copy(out, op.offset);
  return out;
}

/** A write cut into the sectors it covers, so each can be kept or lost on its own. */
function sectors(op: Op): Op[] {
  if (op.kind !== 'W') return [op];
  const out: Op[] = [];
  for (let at = op.offset; at < op.offset + op.data.length; ) {
    const next = Math.min(op.offset + op.data.length, (Math.floor(at / SECTOR) + 1) * SECTOR);
    out.push({ ...op, offset: at, data: op.data.subarray(at - op.offset, next - op.offset) });
    at = next;
  }
  return out;
}

export interface PowerCut {
  /** Only what was synced: every write since each file's last completed sync is gone. */
  readonly dropped: Files;
  /** What was synced, plus a random choice of the later writes' sectors (some kept, some lost, in any mix). */
  readonly torn: Files;
  /** Writes, and syncs, the recorder saw. */
  readonly writes: number;
  readonly syncs: number;
}

/**
 * Rebuilds the project's files as a power cut at the kill would have left them, from the files as
 * they were when the writer started (`before`, all durable) and the recorder's log. An unlink
 * counts as durable at once (the directory's own syncing is not modelled).
 */
export function powerCut(before: Files, log: string, random: () => number = Math.random): PowerCut {
  const durable = [...before];
  const pending: Op[][] = SUFFIXES.map(() => []);
  let writes = 0;
  let syncs = 0;
  for (const op of readLog(log)) {
    if (op.kind === 'S') {
      syncs += 1;
      for (const p of pending[op.slot]) durable[op.slot] = apply(durable[op.slot], p);
      pending[op.slot] = [];
    } else if (op.kind === 'U') {
      durable[op.slot] = null;
      pending[op.slot] = [];
    } else {
      if (op.kind === 'W') writes += 1;
      pending[op.slot].push(op);
    }
  }
  const torn = durable.map((b, slot) => pending[slot].flatMap(sectors).reduce<Buffer | null>((acc, op) => (random() < 0.5 ? apply(acc, op) : acc), b));
  return { dropped: durable, torn, writes, syncs };
}
