import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// SQLite's integrity_check of a 140 MB file takes about a second. Run on the core's own thread it
// would hold up every call behind it, so a backup's check runs on a thread of its own, with its own
// connection to the copy. The copy leaves write-ahead mode first: a backup is one self-contained
// file, and no -wal or -shm file is left beside it.

const CHECK = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let answer;
try {
  const db = new Database(workerData.file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    answer = { result: db.pragma('integrity_check').map((r) => r.integrity_check).join('; ') };
  } finally {
    db.close();
  }
} catch (err) {
  answer = { error: String((err && err.message) || err), code: err && err.code };
}
parentPort.postMessage(answer);
`;

/** Where the SQLite driver lives, for the worker to load the same one. */
function driverPath(): string {
  const req = typeof require === 'function' ? require : createRequire(import.meta.url);
  return req.resolve('better-sqlite3');
}

export interface CheckAnswer {
  /** integrity_check's answer: "ok", or what is wrong. */
  readonly result?: string;
  /** The file could not be read at all. */
  readonly error?: string;
  readonly code?: string;
}

/**
 * Runs SQLite's full integrity_check on a copy (which it takes out of write-ahead mode) on a worker
 * thread; settles with its answer, or fails if the thread cannot run.
 */
export function fullCheckInWorker(file: string, driver = driverPath()): Promise<CheckAnswer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CHECK, { eval: true, workerData: { file, driver } });
    let answer: CheckAnswer | null = null;
    worker.once('message', (a: CheckAnswer) => (answer = a));
    worker.once('error', reject);
    // Settled once the thread has gone, with everything it held: no handle outlives the check.
    worker.once('exit', (code) => (answer && code === 0 ? resolve(answer) : reject(new Error(`The check of ${file} stopped (exit code ${code}).`))));
  });
}
