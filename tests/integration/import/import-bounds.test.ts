import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForChild } from '../support/child';
import { BIG_FORMATS, makeTurns, toMarkdownOneLine, writeFormat, type BigFormat } from './big-inputs';

// Every importer is linear in time and memory: each format, fed the same turns at two sizes, goes
// through the real import service (preview and commit into a new project) in a child process of
// its own, which reports its CPU time and peak RSS. Twice the text may cost about twice as much,
// never the four times quadratic work costs; and no format may cost more than a stated multiple of
// a plain-text import of the same turns. The 10 MB figures are in `npm run bench -- --imports`.

const SIZE = 256 * 1024;
/** Twice the text: linear work takes about 2×, quadratic 4×. */
const MAX_GROWTH = 3;
/** CPU time of a format's import over the plain-text import of the same turns (PDF parsing is the dearest). */
const MAX_TIME_MULTIPLE = 6;
/** Peak memory above the process's start, over the plain-text import's. */
const MAX_MEMORY_MULTIPLE = 4;

interface Cost {
  readonly cpuMs: number;
  readonly memoryBytes: number;
  readonly turns: number;
}

const execFileAsync = promisify(execFile);

let dir: string;
let child: string;
const costs = new Map<string, Cost>();

async function measure(key: string, name: string, bytes: Uint8Array | string): Promise<void> {
  const folder = path.join(dir, key);
  fs.mkdirSync(folder);
  const file = path.join(folder, name);
  fs.writeFileSync(file, bytes);
  const { stdout } = await execFileAsync(process.execPath, [child, file, folder], { maxBuffer: 1024 * 1024 });
  const out = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { error?: { message: string }; cpuMs: number; maxRss: number; rssBefore: number; turns: number };
  if (out.error) throw new Error(`${key}: ${out.error.message}`);
  costs.set(key, { cpuMs: out.cpuMs, memoryBytes: Math.max(1, out.maxRss - out.rssBefore), turns: out.turns });
}

function cost(key: string): Cost {
  const c = costs.get(key);
  if (!c) throw new Error(`no measurement for ${key}`);
  return c;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-bounds-'));
  child = bundleForChild(path.join(__dirname, 'import-child.ts'));
  const jobs: (() => Promise<void>)[] = [];
  for (const factor of [1, 2]) {
    const turns = makeTurns(SIZE * factor);
    for (const format of BIG_FORMATS) {
      const { name, bytes } = writeFormat(format, turns);
      jobs.push(() => measure(`${format}-${factor}`, name, bytes));
    }
    const short = writeFormat('text', makeTurns(SIZE * factor, { short: true }));
    jobs.push(() => measure(`short-${factor}`, short.name, short.bytes));
    jobs.push(() => measure(`markdown-one-line-${factor}`, 'one-line.md', toMarkdownOneLine(turns)));
  }
  // Two at a time: the machines have two cores, and CPU time is what is compared.
  const queue = [...jobs];
  await Promise.all([0, 1].map(async () => {
    for (let job = queue.shift(); job; job = queue.shift()) await job();
  }));
}, 240_000);

afterAll(() => {
  // The figures, for whoever reads the log of a failure.
  console.log([...costs].map(([key, c]) => `${key}: ${Math.round(c.cpuMs)} ms CPU, ${mb(c.memoryBytes)}`).join('\n'));
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('imports stay linear in time and memory', () => {
  it.each([...BIG_FORMATS, 'short', 'markdown-one-line'] as const)('%s: twice the text costs less than 3× the time and memory', (format: BigFormat | 'short' | 'markdown-one-line') => {
    const small = cost(`${format}-1`);
    const large = cost(`${format}-2`);
    expect(large.cpuMs / small.cpuMs, `CPU ${Math.round(small.cpuMs)} → ${Math.round(large.cpuMs)} ms`).toBeLessThan(MAX_GROWTH);
    expect(large.memoryBytes / small.memoryBytes, `memory ${mb(small.memoryBytes)} → ${mb(large.memoryBytes)}`).toBeLessThan(MAX_GROWTH);
  });

  it.each(BIG_FORMATS.filter((f) => f !== 'text'))('%s: within the stated multiples of a plain-text import of the same turns', (format) => {
    const text = cost('text-2');
    const it = cost(`${format}-2`);
    expect(it.cpuMs / text.cpuMs, `CPU ${Math.round(it.cpuMs)} ms, plain text ${Math.round(text.cpuMs)} ms`).toBeLessThan(MAX_TIME_MULTIPLE);
    expect(it.memoryBytes / text.memoryBytes, `memory ${mb(it.memoryBytes)}, plain text ${mb(text.memoryBytes)}`).toBeLessThan(MAX_MEMORY_MULTIPLE);
  });
});

function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}
