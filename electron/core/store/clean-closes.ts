import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// A project file this app closed cleanly, and that nothing has touched since, needs no full check
// when it is opened again: SQLite left it whole, and the same bytes are still there. "Nothing has
// touched it" is read from the file system: the same file (device and inode), size, modification
// and change times to the nanosecond, and no journal or write-ahead log beside it. Any write,
// copy, move, restore or crash changes one of them, and the file gets its full check. Bit rot
// changes none of them, so the file's SHA-256 is kept too and compared at the next opening.

const KEPT = 50;

interface Stamp {
  readonly dev: string;
  readonly ino: string;
  readonly size: string;
  readonly mtimeNs: string;
  readonly ctimeNs: string;
}

interface Entry extends Stamp {
  readonly path: string;
  readonly sha256?: string;
}

/** What the record says of a file about to be opened. */
export type CloseState = 'untouched' | 'unknown' | 'silently-changed';

function sha256Of(file: string): string | null {
  try {
    const hash = createHash('sha256');
    const fd = fs.openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(1 << 20);
      for (let n = fs.readSync(fd, buffer); n > 0; n = fs.readSync(fd, buffer)) hash.update(buffer.subarray(0, n));
    } finally {
      fs.closeSync(fd);
    }
    return hash.digest('hex');
  } catch {
    return null;
  }
}

function stampOf(file: string): Stamp | null {
  try {
    const st = fs.statSync(file, { bigint: true });
    return { dev: String(st.dev), ino: String(st.ino), size: String(st.size), mtimeNs: String(st.mtimeNs), ctimeNs: String(st.ctimeNs) };
  } catch {
    return null;
  }
}

const sameStamp = (a: Stamp, b: Stamp) => a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;

export class CleanCloses {
  private readonly file: string;

  constructor(folder: string) {
    this.file = path.join(folder, 'clean-closes.json');
  }

  /** Notes the file as this app left it after closing it cleanly. */
  record(projectPath: string): void {
    const stamp = stampOf(projectPath);
    if (!stamp || sidecars(projectPath)) return;
    const sha256 = sha256Of(projectPath);
    const others = this.read().filter((e) => e.path !== projectPath);
    // Read while nothing else writes it; a file changed during the reading is not vouched for.
    const after = stampOf(projectPath);
    if (sha256 === null || !after || !sameStamp(stamp, after)) return this.write(others);
    this.write([{ path: projectPath, ...stamp, sha256 }, ...others].slice(0, KEPT));
  }

  /** Forgets the file: it is open, and about to change. */
  forget(projectPath: string): void {
    const entries = this.read();
    if (entries.some((e) => e.path === projectPath)) this.write(entries.filter((e) => e.path !== projectPath));
  }

  /** True when the file is as this app left it at its last clean close. */
  untouched(projectPath: string): boolean {
    return this.state(projectPath) === 'untouched';
  }

  /**
   * 'untouched': as this app left it; 'unknown': something wrote it since, or there is no record;
   * 'silently-changed': its bytes differ though no write touched its size, times or inode (bit rot).
   */
  state(projectPath: string): CloseState {
    const entry = this.read().find((e) => e.path === projectPath);
    const now = stampOf(projectPath);
    if (!entry || !now || !sameStamp(entry, now) || sidecars(projectPath)) return 'unknown';
    if (entry.sha256 === undefined) return 'unknown';
    return sha256Of(projectPath) === entry.sha256 ? 'untouched' : 'silently-changed';
  }

  private read(): Entry[] {
    try {
      const data = JSON.parse(fs.readFileSync(this.file, 'utf8')) as unknown;
      return Array.isArray(data) ? data.filter((e): e is Entry => typeof e?.path === 'string' && typeof e?.mtimeNs === 'string') : [];
    } catch {
      return [];
    }
  }

  private write(entries: readonly Entry[]): void {
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, JSON.stringify(entries, null, 2));
      fs.renameSync(temp, this.file);
    } catch {
      // Without the record the next opening checks the whole file: slower, never less safe.
    }
  }
}

/** A journal or write-ahead log beside the file: a session that did not end cleanly. */
function sidecars(projectPath: string): boolean {
  return ['-wal', '-journal'].some((suffix) => fs.existsSync(`${projectPath}${suffix}`));
}
