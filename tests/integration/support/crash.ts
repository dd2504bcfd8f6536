import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';

export interface KillOutcome {
  readonly acknowledged: readonly string[];
  readonly integrity: string;
  readonly missing: readonly string[];
}

/**
 * Runs a writer child on `file`, kills it with SIGKILL `delayMs` after it is ready, then checks
 * the file: it must pass integrity_check and hold every row the child acknowledged.
 */
export async function killWriter(childScript: string, file: string, folder: string, delayMs: number, table = 'coders'): Promise<KillOutcome> {
  const child = spawn(process.execPath, [childScript, file, folder], { stdio: ['ignore', 'pipe', 'pipe'] });
  const acknowledged: string[] = [];
  let buffer = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
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
    child.once('exit', () => reject(new Error(`writer exited before it was killed: ${stderr}`)));
  });
  await ready;
  await new Promise((r) => setTimeout(r, delayMs));
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
  // Whatever the child printed before dying was acknowledged; a partial last line was not.
  const db = new Database(file);
  try {
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    const present = new Set((db.prepare(`SELECT id FROM ${table}`).pluck().all() as string[]));
    return { acknowledged, integrity, missing: acknowledged.filter((id) => !present.has(id)) };
  } finally {
    db.close();
  }
}
