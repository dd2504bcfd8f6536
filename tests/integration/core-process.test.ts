import { build } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Transport } from '../../shared/api/client';
import { portTransport, type MessagePortLike } from '../../shared/api/port-transport';
import { portServer } from '../../electron/core/port-server';
import { directTransport } from '../../electron/core/direct-transport';
import { startCoreProcess, type CoreProcess } from '../../electron/main/core-process';
import { forkInWorker } from '../../scripts/lib/utility-process-stand-in.mjs';
import { makeTestApp } from './support/app';

// The desktop app's core runs in a process of its own, reached over a MessagePort. Electron cannot
// run here, so a worker thread stands in for the utility process and Node's MessageChannel for
// MessageChannelMain; the shell's side (startCoreProcess, the port transport) is the app's own code.

const root = path.resolve(__dirname, '../..');
// Built from the current source beside node_modules, so the bundle finds better-sqlite3 as out/ does.
const entry = path.join(root, 'node_modules/.cache/condensa-core-test/index.cjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-core-process-'));
let core: CoreProcess;
let asked: unknown[][] = [];

beforeAll(async () => {
  await build({
    entryPoints: [path.join(root, 'electron/core/host.ts')],
    outfile: entry,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
  });
  core = startCoreProcess(
    { fork: (modulePath) => forkInWorker(modulePath), channel: () => new MessageChannel() as unknown as { port1: MessagePortLike; port2: MessagePortLike } },
    {
      entry,
      userDataFolder: path.join(dir, 'user-data'),
      projectsFolder: path.join(dir, 'projects'),
      answerAsk: async (what, args) => {
        asked.push([what, ...args]);
        return path.join(dir, 'chosen.condensa');
      },
    },
  );
}, 60_000);

afterAll(async () => {
  await core?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

// Linux keeps each thread's time on a CPU (and waiting for one) in nanoseconds. A timer that fires
// late because this thread worked is the architecture's fault; one that fires late because the
// machine's other processes held the CPU (this machine has 2 cores shared by many) is not.
const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;
const onCpuNs = (): number | null => {
  try {
    return Number(fs.readFileSync(SCHEDSTAT, 'utf8').split(' ')[0]);
  } catch {
    return null;
  }
};

interface Stall {
  /** The longest gap between two ticks of a 5 ms timer, in ms of wall time. */
  readonly wallMs: number;
  /** The most CPU time this thread spent within any one gap, in ms: the loop blocked by its own work. */
  readonly busyMs: number;
}

/** How long the event loop of this thread was held up while `work` ran. */
async function longestStall(work: () => Promise<unknown>): Promise<Stall> {
  let wallMs = 0;
  let busyMs = 0;
  let lastWall = performance.now();
  let lastCpu = onCpuNs();
  const tick = () => {
    const wall = performance.now();
    const cpu = onCpuNs();
    wallMs = Math.max(wallMs, wall - lastWall);
    busyMs = Math.max(busyMs, cpu !== null && lastCpu !== null ? (cpu - lastCpu) / 1e6 : wall - lastWall);
    lastWall = wall;
    lastCpu = cpu;
  };
  const timer = setInterval(tick, 5);
  try {
    await work();
  } finally {
    clearInterval(timer);
    // Work that never yielded to the timer (one long task) shows in this last gap.
    tick();
  }
  return { wallMs, busyMs };
}

/**
 * Writes a transcript of about `bytes` in chunks, leaving almost no garbage: a collection of this
 * thread's heap during the measurement would be the test's own work, not the app's.
 */
function writeTranscript(file: string, bytes: number): void {
  const speakers = ['Interviewer', 'Anna Berg', 'Ben Okafor', 'Carla Diaz'];
  const sentences = ['We met the mentor group every week in the first year.', 'It was really hard at times, but honestly good.', 'Someone older listens and explains how exams work?', 'You know what to expect on the wards.'];
  const fd = fs.openSync(file, 'w');
  let written = 0;
  for (let i = 0; written < bytes; i++) {
    let chunk = '';
    for (let j = 0; j < 2000; j++) {
      const n = i * 2000 + j;
      chunk += `${speakers[n % 4]}: ${sentences[n % 4]} ${sentences[(n * 7 + 1) % 4]} (${n})\n\n`;
    }
    written += fs.writeSync(fd, chunk);
  }
  fs.closeSync(fd);
}

/**
 * Imports a transcript file by its path (as the desktop app does with a file chosen in a dialog) and
 * counts the project's meaning units: only small answers, as the main process only ever sees those
 * (a window's own port carries a transcript's text to the window, past the main process).
 */
async function importFile(transport: Transport, file: string): Promise<number> {
  const client = createClient(transport);
  const { files } = await client.call('import.preview', { sources: [{ kind: 'path', path: file }] });
  const outcome = files[0];
  if (!outcome.ok) throw new Error(`preview refused: ${outcome.error.code}`);
  await client.call('import.commit', { previewId: outcome.preview.previewId });
  return (await client.call('project.get', {})).counts.meaningUnits;
}

describe('the core in its own process, over the MessagePort transport', () => {
  it('answers the shell and a window over ports of their own, and asks the shell for native dialogs', async () => {
    expect(await createClient(core.transport).call('app.info', {})).toMatchObject({ platform: 'electron', nativeDialogs: true, projectsFolder: path.join(dir, 'projects') });
    const client = createClient(portTransport(core.connectWindow() as MessagePortLike));
    asked = [];
    expect(await client.call('app.chooseProjectPath', { purpose: 'save', suggestedName: 'Study' })).toEqual({ path: path.join(dir, 'chosen.condensa') });
    expect(asked).toEqual([['chooseProjectPath', 'save', 'Study']]);
    const summary = await client.call('project.create', { path: path.join(dir, 'chosen.condensa'), title: 'Study' });
    expect(summary.settings.title).toBe('Study');
    // Refusals come back as the contract's errors, with their codes.
    await expect(client.call('import.preview', { sources: [{ kind: 'path', path: '/etc/passwd' }] })).rejects.toMatchObject({ code: 'FILE_NOT_GRANTED' });
  });

  it('carries events the core pushes, beside the answers', async () => {
    const { port1, port2 } = new MessageChannel();
    const server = portServer(port2);
    const client = portTransport(port1);
    const got = new Promise((resolve) => client.onEvent(resolve));
    server.publish({ type: 'changed', tables: ['codings'], rows: 1 });
    expect(await got).toEqual({ type: 'changed', tables: ['codings'], rows: 1 });
    port1.close();
  });

  it('never holds this thread up for more than 50 ms during a 10 MB import', async () => {
    const big = path.join(dir, 'focus-group-10mb.txt');
    writeTranscript(big, 10 * 1024 * 1024);
    expect(fs.statSync(big).size).toBeGreaterThanOrEqual(10 * 1024 * 1024);
    await createClient(core.transport).call('project.create', { path: path.join(dir, 'big.condensa'), title: 'Big' });
    let units = 0;
    const away = await longestStall(async () => {
      units = await importFile(core.transport, big);
    });
    expect(units).toBeGreaterThan(10_000);
    expect(away.busyMs).toBeLessThan(50);

    // The same measurement catches a core in this thread: a 2 MB import holds it up for longer.
    const small = path.join(dir, 'focus-group-2mb.txt');
    writeTranscript(small, 2 * 1024 * 1024);
    const inThread = makeTestApp();
    try {
      await createClient(directTransport(inThread.app)).call('project.create', { path: inThread.file(), title: 'Here' });
      const here = await longestStall(() => importFile(directTransport(inThread.app), small));
      expect(here.busyMs).toBeGreaterThan(50);
      console.info(`core-process: 10 MB import in the core's thread: this thread busy at most ${away.busyMs.toFixed(1)} ms at a stretch (wall ${away.wallMs.toFixed(0)} ms, load ${os.loadavg()[0].toFixed(1)}); 2 MB import in this thread: ${here.busyMs.toFixed(0)} ms`);
    } finally {
      inThread.close();
    }
  }, 300_000);
});
