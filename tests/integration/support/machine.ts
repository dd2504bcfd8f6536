import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const repoRoot = path.resolve(__dirname, '../../..');

// A fixed small workload much like one crash-test child: start Node, load the driver, commit 50
// synced transactions. Test budgets are counted in these units, so a slow machine gets more time.
const WORKLOAD = `
const Database = require('better-sqlite3');
const db = new Database(process.argv[1]);
db.pragma('journal_mode = WAL'); db.pragma('synchronous = FULL');
db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
const put = db.prepare('INSERT INTO t (v) VALUES (?)');
for (let i = 0; i < 50; i += 1) db.transaction(() => put.run('x'.repeat(200)))();
db.close();`;

let measured: number | null = null;

/** Milliseconds this machine takes for the workload above (the best of three, measured once). */
export function machineUnitMs(): number {
  if (measured !== null) return measured;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-machine-'));
  try {
    const times: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, ['-e', WORKLOAD, path.join(dir, `m${i}.db`)], { cwd: repoRoot, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`The machine calibration failed: ${r.stderr}`);
      times.push(performance.now() - t0);
    }
    measured = Math.min(...times);
    return measured;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A test timeout for work worth `units` workloads: generous (×20), never a speed target. */
export function budgetMs(units: number): number {
  return Math.ceil(20 * units * machineUnitMs()) + 30_000;
}
