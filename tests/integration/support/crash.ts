import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';

export interface KillOutcome {
  readonly acknowledged: readonly string[];
  readonly integrity: string;
  /** Acknowledged ids that are not in `table` after the kill. */
  readonly missing: readonly string[];
}

export interface WriterRun {
  readonly script: string;
  readonly mode: 'coders' | 'coding' | 'import' | 'merge' | 'migrate';
  readonly file: string;
  readonly folder: string;
  readonly extra?: string;
  /** Where acknowledged ids must be found afterwards; null when the mode checks itself. */
  readonly table: string | null;
}

/**
 * Runs a writer child, kills it with SIGKILL `delayMs` after it is ready, then checks the file:
 * it must pass integrity_check and hold every row the child acknowledged.
 */
export async function killWriter(run: WriterRun, delayMs: number): Promise<KillOutcome> {
  const args = [run.script, run.mode, run.file, run.folder, ...(run.extra ? [run.extra] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const acknowledged: string[] = [];
  let buffer = '';
  let stderr = '';
  let killed = false;
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line === 'ready') resolve();
        else if (line.startsWith('ack ')) acknowledged.push(line.slice(4));
      }
    });
    child.once('exit', () => {
      if (!killed) reject(new Error(`writer (${run.mode}) exited before it was killed: ${stderr}`));
    });
  });
  await ready;
  await new Promise((r) => setTimeout(r, delayMs));
  killed = true;
  child.kill('SIGKILL');
  await exited;
  // Whatever the child printed before dying was acknowledged; a partial last line was not.
  const db = new Database(run.file);
  try {
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    const present = run.table ? new Set(db.prepare(`SELECT id FROM ${run.table}`).pluck().all() as string[]) : null;
    return { acknowledged, integrity, missing: present ? acknowledged.filter((id) => !present.has(id)) : [] };
  } finally {
    db.close();
  }
}
