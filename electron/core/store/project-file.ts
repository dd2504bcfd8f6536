import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { quickCheckInWorker } from './check-in-worker';
import { migrate, SCHEMA_VERSION } from './migrations';
import { translateSqliteError } from './sqlite-errors';
import { inTransactionAsync } from './statements';

export const PROJECT_EXTENSION = '.condensa';
/** 'Cond' — marks a SQLite file as a Condensa project. */
export const APPLICATION_ID = 0x436f6e64;
const SQLITE_MAGIC = 'SQLite format 3\0';
const BACKUPS_KEPT = 5;
/** SQLite's default: the write-ahead log is folded into the file once it holds this many pages. */
const AUTO_CHECKPOINT_PAGES = 1000;

// Within one process the SQLite lock does not stop a second connection of ours; this set does.
const openInThisProcess = new Set<string>();

export interface ProjectFileInfo {
  readonly path: string;
  readonly schemaVersion: number;
  readonly migratedFrom: number | null;
  readonly backupPath: string | null;
  /** False when the file was opened untouched since a clean close, without its full check. */
  readonly checkedAtOpening: boolean;
}

/** Where the rotating backups of a project file live: a folder beside it. */
export function backupFolderFor(file: string): string {
  return `${file}.backups`;
}

export function canonicalPath(file: string): string {
  const abs = path.resolve(file);
  try {
    return fs.realpathSync(abs);
  } catch {
    return abs;
  }
}

function readHeader(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(100);
    const n = fs.readSync(fd, buf, 0, 100, 0);
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

function timestampForFile(date = new Date()): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

export class ProjectFile {
  readonly db: Database.Database;
  readonly path: string;
  readonly info: ProjectFileInfo;
  private closed = false;
  /** Backups whose copy of the file is under way: the write-ahead log must not be folded in. */
  private copying = 0;

  private constructor(db: Database.Database, file: string, info: ProjectFileInfo) {
    this.db = db;
    this.path = file;
    this.info = info;
  }

  /** Creates a new, empty project file; `init` runs inside the creating transaction. */
  static create(file: string, init: (db: Database.Database) => void): ProjectFile {
    const { target, temp, db } = ProjectFile.startCreating(file);
    try {
      db.transaction(() => init(db))();
    } catch (err) {
      ProjectFile.abandonCreating(temp, db, target, err);
    }
    return ProjectFile.finishCreating(target, temp, db);
  }

  /**
   * As `create`, for filling that takes a while and lets other calls in meanwhile (a project
   * imported from a large file). The new file is this connection's alone until it is renamed into
   * place, so the one transaction may span the waits; a failure or a cancel leaves nothing behind.
   */
  static async createAsync(file: string, init: (db: Database.Database) => Promise<void>): Promise<ProjectFile> {
    const { target, temp, db } = ProjectFile.startCreating(file);
    try {
      await inTransactionAsync(db, () => init(db));
    } catch (err) {
      ProjectFile.abandonCreating(temp, db, target, err);
    }
    return ProjectFile.finishCreating(target, temp, db);
  }

  /** A new, migrated project database in a temporary file beside `file`: a crash never leaves a half-made project. */
  private static startCreating(file: string): { target: string; temp: string; db: Database.Database } {
    const target = canonicalPath(file);
    if (fs.existsSync(target)) {
      throw new AppError('PROJECT_EXISTS', `A file named “${path.basename(target)}” already exists there. Choose another name or open it instead.`);
    }
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
    } catch (err) {
      throw translateSqliteError(err, target);
    }
    assertWritable(path.dirname(target));
    const temp = `${target}.creating-${process.pid}`;
    let db: Database.Database | null = null;
    try {
      db = new Database(temp);
      db.pragma('journal_mode = DELETE');
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma('foreign_keys = ON');
      migrate(db);
      return { target, temp, db };
    } catch (err) {
      return ProjectFile.abandonCreating(temp, db, target, err);
    }
  }

  private static abandonCreating(temp: string, db: Database.Database | null, target: string, err: unknown): never {
    db?.close();
    fs.rmSync(temp, { force: true });
    throw translateSqliteError(err, target);
  }

  private static finishCreating(target: string, temp: string, db: Database.Database): ProjectFile {
    try {
      db.close();
      fs.renameSync(temp, target);
    } catch (err) {
      ProjectFile.abandonCreating(temp, null, target, err);
    }
    return ProjectFile.open(target);
  }

  /**
   * Opens a project file for this process alone. The whole file is checked (quick_check) unless
   * `untouched` says it is as this app left it at a clean close (see CleanCloses).
   */
  static open(file: string, { untouched = false }: { untouched?: boolean } = {}): ProjectFile {
    const target = canonicalPath(file);
    if (!fs.existsSync(target)) {
      throw new AppError('PROJECT_NOT_FOUND', `No project file at ${target}. It may have been moved or deleted.`);
    }
    if (fs.statSync(target).isDirectory()) {
      throw new AppError('PROJECT_NOT_SQLITE', `${target} is a folder, not a Condensa project file.`);
    }
    const header = readHeader(target);
    if (header.length < 100 || header.subarray(0, 16).toString('latin1') !== SQLITE_MAGIC) {
      throw new AppError(
        'PROJECT_NOT_SQLITE',
        `“${path.basename(target)}” is not a Condensa project (it is not a database file, or it is empty). Open a .condensa file, or restore a backup.`,
        { backups: listBackups(target) },
      );
    }
    assertWritable(target);
    if (openInThisProcess.has(target)) {
      throw lockedError(target);
    }
    let db: Database.Database | null = null;
    try {
      db = new Database(target, { fileMustExist: true, timeout: 0 });
      // Exclusive locking: the lock is held by this connection for as long as it is open and is
      // released by the OS if the process dies, so a second process is refused and no stale lock remains.
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      const appId = db.pragma('application_id', { simple: true }) as number;
      const version = db.pragma('user_version', { simple: true }) as number;
      if (appId !== APPLICATION_ID) {
        throw new AppError('PROJECT_NOT_SQLITE', `“${path.basename(target)}” is a database, but not a Condensa project.`);
      }
      if (version > SCHEMA_VERSION) {
        throw new AppError(
          'PROJECT_NEWER_SCHEMA',
          `This project was saved by a newer Condensa (file schema v${version}); this version reads up to v${SCHEMA_VERSION}. Update Condensa to open it.`,
          { fileVersion: version, supportedVersion: SCHEMA_VERSION },
        );
      }
      const check = untouched ? 'ok' : db.pragma('quick_check', { simple: true });
      if (check !== 'ok') {
        throw new AppError('PROJECT_DAMAGED', `“${path.basename(target)}” is damaged (${String(check)}). Open the most recent backup instead.`, {
          backups: listBackups(target),
        });
      }
      let backupPath: string | null = null;
      if (version < SCHEMA_VERSION) {
        backupPath = copyBeforeMigration(db, target, version);
        migrate(db);
      }
      openInThisProcess.add(target);
      return new ProjectFile(db, target, {
        path: target,
        schemaVersion: SCHEMA_VERSION,
        migratedFrom: version < SCHEMA_VERSION ? version : null,
        backupPath,
        checkedAtOpening: !untouched,
      });
    } catch (err) {
      db?.close();
      if (err instanceof AppError) throw err;
      const code = (err as { code?: string }).code;
      if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') throw lockedError(target);
      if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
        throw new AppError('PROJECT_DAMAGED', `“${path.basename(target)}” is damaged and cannot be read. Open the most recent backup instead.`, {
          backups: listBackups(target),
        });
      }
      throw translateSqliteError(err, target);
    }
  }

  /**
   * Writes a verified copy into the rotating backup folder and prunes old ones. The project goes
   * on meanwhile: the write-ahead log is folded into the file, and kept from being folded in
   * again while the operating system copies the file, so the file holds still (new changes wait
   * in the log). The copy is then checked on a thread of its own.
   */
  async backup(): Promise<string> {
    const folder = backupFolderFor(this.path);
    fs.mkdirSync(folder, { recursive: true });
    const dest = path.join(folder, `${timestampForFile()}${PROJECT_EXTENSION}`);
    const partial = `${dest}.partial`;
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
      this.db.pragma('wal_autocheckpoint = 0');
      this.copying += 1;
      try {
        await fs.promises.copyFile(this.path, partial);
      } finally {
        this.copying -= 1;
        if (this.copying === 0 && !this.closed) this.db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
      }
      // Closing folds the log into the file, perhaps while it was being copied: that copy is not kept.
      if (this.closed) throw new AppError('NO_PROJECT', 'The project was closed while its backup was being written; the backup was not kept.');
      await verifyCopyAside(partial);
      fs.renameSync(partial, dest);
    } catch (err) {
      fs.rmSync(partial, { force: true });
      throw translateSqliteError(err, dest);
    }
    for (const old of listBackups(this.path).slice(BACKUPS_KEPT)) fs.rmSync(old, { force: true });
    return dest;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    openInThisProcess.delete(this.path);
    // Folding the WAL back leaves a single self-contained file behind. If that fails (a full
    // disk), the WAL keeps every change and SQLite folds it in at the next opening.
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // Nothing is lost: see above.
    }
    this.db.close();
  }
}

/** The project and its folder must be writable: the file and its write-ahead log live there. */
function assertWritable(target: string): void {
  for (const p of fs.statSync(target).isDirectory() ? [target] : [target, path.dirname(target)]) {
    try {
      fs.accessSync(p, fs.constants.W_OK);
    } catch (err) {
      throw translateSqliteError(err, target);
    }
  }
}

function lockedError(target: string): AppError {
  return new AppError(
    'PROJECT_LOCKED',
    `“${path.basename(target)}” is already open in another Condensa window or program. Close it there first.`,
  );
}

function verifyCopy(file: string): void {
  const copy = new Database(file, { fileMustExist: true });
  try {
    // quick_check reads every page and its structure (not index contents against tables), in
    // about a third of integrity_check's time.
    judgeCopy(file, String(copy.pragma('quick_check', { simple: true })));
  } finally {
    copy.close();
  }
}

/** As `verifyCopy`, on a thread of its own: the project stays responsive while a backup is checked. */
async function verifyCopyAside(file: string): Promise<void> {
  // A thread that cannot start (or load the driver) must not cost the backup its check.
  const answer = await quickCheckInWorker(file).catch(() => null);
  if (!answer) return verifyCopy(file);
  const unreadable = answer.code === 'SQLITE_CORRUPT' || answer.code === 'SQLITE_NOTADB';
  if (answer.error !== undefined && !unreadable) throw Object.assign(new Error(answer.error), { code: answer.code });
  judgeCopy(file, answer.result ?? String(answer.error));
}

/** A copy whose quick_check says anything but "ok" is damaged. */
function judgeCopy(file: string, result: string): void {
  if (result !== 'ok') throw new AppError('PROJECT_DAMAGED', `The backup written to ${file} failed its check (${result}).`);
}

function copyBeforeMigration(db: Database.Database, target: string, version: number): string {
  const folder = backupFolderFor(target);
  fs.mkdirSync(folder, { recursive: true });
  const dest = path.join(folder, `before-v${SCHEMA_VERSION}-from-v${version}-${timestampForFile()}${PROJECT_EXTENSION}`);
  db.exec(`VACUUM INTO '${dest.replace(/'/g, "''")}'`);
  verifyCopy(dest);
  return dest;
}

/** Backups of a project file, newest first. */
export function listBackups(file: string): string[] {
  const folder = backupFolderFor(canonicalPath(file));
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .filter((n) => n.endsWith(PROJECT_EXTENSION))
    .sort()
    .reverse()
    .map((n) => path.join(folder, n));
}

/**
 * Copies a backup out of the backup folder to a new file beside the project it came from, e.g.
 * "Study (restored 2026-11-21).condensa", after checking it; backups themselves are never opened
 * for writing.
 */
export function restoreBackupCopy(backupPath: string): string {
  const source = canonicalPath(backupPath);
  const folder = path.dirname(source);
  if (!folder.endsWith('.backups') || !source.endsWith(PROJECT_EXTENSION)) {
    throw new AppError('BAD_REQUEST', 'That file is not one of Condensa’s backups.');
  }
  verifyCopy(source);
  const original = folder.slice(0, -'.backups'.length);
  const base = path.basename(original, PROJECT_EXTENSION);
  const day = new Date().toISOString().slice(0, 10);
  for (let i = 1; ; i += 1) {
    const target = path.join(path.dirname(original), `${base} (restored ${day}${i > 1 ? ` ${i}` : ''})${PROJECT_EXTENSION}`);
    if (fs.existsSync(target)) continue;
    fs.copyFileSync(source, target, fs.constants.COPYFILE_EXCL);
    return target;
  }
}
