import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { protectedReason, publishNew } from '../files/file-targets';
import { fullCheckInWorker } from './check-in-worker';
import { APPLICATION_ID, isSqliteHeader } from './file-format';
import { migrate, SCHEMA_VERSION } from './migrations';
import { translateSqliteError } from './sqlite-errors';
import { inTransactionAsync } from './statements';

export const PROJECT_EXTENSION = '.condensa';
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
  /** Opened to read only (the CLI's info and exports): SQLite refuses every write, no backup is made. */
  readonly readOnly: boolean;
  /** Read from a copy, taken because another program holds the project (`path` is the copy's, removed at closing). */
  readonly copyOf?: string;
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

/** What the first 100 bytes of a SQLite file say (see sqlite.org/fileformat.html, "The Database Header"). */
interface HeaderFacts {
  readonly pageSize: number;
  /** The page count the header records, when the header says it is valid. */
  readonly pageCount: number | null;
  readonly userVersion: number;
  readonly applicationId: number;
}

function headerFacts(header: Buffer): HeaderFacts {
  const rawPageSize = header.readUInt16BE(16);
  const countValid = header.readUInt32BE(24) === header.readUInt32BE(92);
  return {
    pageSize: rawPageSize === 1 ? 65536 : rawPageSize,
    pageCount: countValid ? header.readUInt32BE(28) : null,
    userVersion: header.readUInt32BE(60),
    applicationId: header.readUInt32BE(68),
  };
}

/**
 * Why the file's size cannot be that of the database its header describes, or null. A file cut
 * short loses its last pages silently: SQLite reads the missing bytes as zeros and quick_check
 * does not notice. The pages in a write-ahead log left by a crash may extend the file, so the
 * page count is compared only when there is none.
 */
function sizeProblem(file: string, facts: HeaderFacts): string | null {
  const size = fs.statSync(file).size;
  if (facts.pageSize < 512 || (facts.pageSize & (facts.pageSize - 1)) !== 0) return `its header names an impossible page size (${facts.pageSize})`;
  if (size % facts.pageSize !== 0) return `it ends in the middle of a page (${size} bytes, pages of ${facts.pageSize})`;
  let wal = 0;
  try {
    wal = fs.statSync(`${file}-wal`).size;
  } catch {
    wal = 0;
  }
  if (wal === 0 && facts.pageCount !== null && size < facts.pageCount * facts.pageSize) {
    return `it holds ${size / facts.pageSize} of the ${facts.pageCount} pages its header counts`;
  }
  return null;
}

function damaged(target: string, why: string): AppError {
  return new AppError('PROJECT_DAMAGED', `“${path.basename(target)}” is damaged (${why}). Open the most recent backup instead.`, {
    backups: listBackups(target),
  });
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
  private backupQueue: Promise<unknown> = Promise.resolve();

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
    assertNewProjectTarget(target);
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
      publishNew(temp, target);
    } catch (err) {
      ProjectFile.abandonCreating(temp, null, target, (err as { code?: string }).code === 'EEXIST' ? existsError(target) : err);
    }
    // Written and closed by this process a moment ago: as at a clean close, no check of the whole
    // file (a quarter to half a second for a large imported study); its first backup checks it fully.
    return ProjectFile.open(target, { untouched: true });
  }

  /**
   * Opens a project file for this process alone. The whole file is checked (quick_check) unless
   * `untouched` says it is as this app left it at a clean close (see CleanCloses).
   */
  static open(file: string, options: { untouched?: boolean; readOnly?: boolean } = {}): ProjectFile {
    try {
      return ProjectFile.openInPlace(file, options);
    } catch (err) {
      if (!options.readOnly || !(err instanceof AppError) || err.code !== 'PROJECT_LOCKED') throw err;
      return ProjectFile.openCopy(canonicalPath(file));
    }
  }

  /**
   * A project another program holds, to read: a copy of its file and write-ahead log as they are
   * on disk now (its latest saved changes included), opened to read only. The holder is not disturbed.
   */
  private static openCopy(target: string): ProjectFile {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-read-only-'));
    const copy = path.join(folder, path.basename(target));
    try {
      fs.copyFileSync(target, copy);
      if (fs.existsSync(`${target}-wal`)) fs.copyFileSync(`${target}-wal`, `${copy}-wal`);
      const opened = ProjectFile.openInPlace(copy, { readOnly: true });
      return new ProjectFile(opened.db, opened.path, { ...opened.info, copyOf: target });
    } catch (err) {
      fs.rmSync(folder, { recursive: true, force: true });
      throw err;
    }
  }

  private static openInPlace(file: string, { untouched = false, readOnly = false }: { untouched?: boolean; readOnly?: boolean }): ProjectFile {
    const target = canonicalPath(file);
    if (!fs.existsSync(target)) {
      throw new AppError('PROJECT_NOT_FOUND', `No project file at ${target}. It may have been moved or deleted.`);
    }
    if (fs.statSync(target).isDirectory()) {
      throw new AppError('PROJECT_NOT_SQLITE', `${target} is a folder, not a Condensa project file.`);
    }
    const header = readHeader(target);
    if (header.length < 100 || !isSqliteHeader(header)) {
      throw new AppError(
        'PROJECT_NOT_SQLITE',
        `“${path.basename(target)}” is not a Condensa project (it is not a database file, or it is empty). Open a .condensa file, or restore a backup.`,
        { backups: listBackups(target) },
      );
    }
    // Read from the header, before SQLite opens the file for writing: a refusal changes no byte of
    // another program's database (opening it would switch it to write-ahead mode).
    const facts = headerFacts(header);
    if (facts.applicationId !== APPLICATION_ID) {
      throw new AppError('PROJECT_NOT_SQLITE', `“${path.basename(target)}” is a database, but not a Condensa project. Condensa left it as it was.`);
    }
    if (facts.userVersion > SCHEMA_VERSION) throw newerSchemaError(facts.userVersion);
    const short = sizeProblem(target, facts);
    if (short !== null) throw damaged(target, short);
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
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > SCHEMA_VERSION) throw newerSchemaError(version);
      const check = untouched ? 'ok' : db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw damaged(target, String(check));
      let backupPath: string | null = null;
      if (version < SCHEMA_VERSION && readOnly) {
        // Read from an upgraded copy in memory: the file on disk stays as it is. The image says
        // write-ahead log (header bytes 18 and 19), which a database in memory cannot keep: it
        // would not open (CANTOPEN), so the copy is marked as using a rollback journal.
        const image = db.serialize();
        image[18] = 1;
        image[19] = 1;
        const inMemory = new Database(image);
        db.close();
        db = inMemory;
        db.pragma('foreign_keys = ON');
        migrate(db);
      } else if (version < SCHEMA_VERSION) {
        backupPath = copyBeforeMigration(db, target, version);
        migrate(db);
      }
      const missing = missingSchemaParts(db);
      if (missing.length > 0) throw damaged(target, `it lacks part of a project: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? '…' : ''}`);
      openInThisProcess.add(target);
      return new ProjectFile(db, target, {
        path: target,
        schemaVersion: SCHEMA_VERSION,
        migratedFrom: version < SCHEMA_VERSION ? version : null,
        backupPath,
        checkedAtOpening: !untouched,
        readOnly,
      });
    } catch (err) {
      db?.close();
      if (err instanceof AppError) throw err;
      const code = (err as { code?: string }).code;
      if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') throw lockedError(target);
      if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw damaged(target, 'it cannot be read');
      throw translateSqliteError(err, target);
    }
  }

  /**
   * Writes a verified copy into the rotating backup folder and prunes old ones, unless nothing
   * changed since the newest backup (the copy's fingerprint, in its name, is the same). The project
   * goes on meanwhile: the write-ahead log is folded into the file, and kept from being folded in
   * again while the file is copied, so the file holds still (new changes wait in the log). The copy
   * is then fully checked on a thread of its own; one that fails is not kept. Returns the backup
   * that holds the project as it is now.
   */
  backup(): Promise<string> {
    // One at a time: a backup asked for while another is written compares itself with that one.
    const next = this.backupQueue.then(() => this.backupNow());
    this.backupQueue = next.catch(() => undefined);
    return next;
  }

  private async backupNow(): Promise<string> {
    if (this.closed) throw new AppError('NO_PROJECT', 'The project was closed before its backup began; no backup was written.');
    const folder = backupFolderFor(this.path);
    fs.mkdirSync(folder, { recursive: true });
    const partial = path.join(folder, `${timestampForFile()}-${process.pid}${PROJECT_EXTENSION}.partial`);
    let dest = partial;
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
      this.db.pragma('wal_autocheckpoint = 0');
      this.copying += 1;
      let fingerprint: string;
      try {
        fingerprint = await copyWithFingerprint(this.path, partial);
      } finally {
        this.copying -= 1;
        if (this.copying === 0 && !this.closed) this.db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
      }
      // Closing folds the log into the file, perhaps while it was being copied: that copy is not kept.
      if (this.closed) throw new AppError('NO_PROJECT', 'The project was closed while its backup was being written; the backup was not kept.');
      const newest = listBackups(this.path)[0];
      if (newest !== undefined && fingerprintOf(newest) === fingerprint) {
        fs.rmSync(partial, { force: true });
        return newest;
      }
      dest = path.join(folder, `${timestampForFile()}-${fingerprint}${PROJECT_EXTENSION}`);
      await verifyCopyAside(partial);
      publishNew(partial, dest);
    } catch (err) {
      throw translateSqliteError(err, dest);
    } finally {
      removeCopyLeftovers(partial);
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
    if (this.info.copyOf) fs.rmSync(path.dirname(this.path), { recursive: true, force: true });
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

function existsError(target: string): AppError {
  return new AppError('PROJECT_EXISTS', `A file named “${path.basename(target)}” already exists there. Choose another name or open it instead.`);
}

/** A new project file (created, imported, or a coder's copy) goes where no file is, and never among backups or journal files. */
export function assertNewProjectTarget(target: string): void {
  const why = protectedReason(target);
  if (why !== null && !why.startsWith('it is a Condensa project file')) {
    throw new AppError('TARGET_PROTECTED', `Condensa will not write a project to ${target}: ${why}. Choose another place.`, { path: target });
  }
  if (/-(wal|shm|journal)$/i.test(target)) {
    throw new AppError('TARGET_PROTECTED', `Condensa will not write a project to ${target}: SQLite keeps its journals under names like that. Choose a name ending in .condensa.`, { path: target });
  }
  if (fs.existsSync(target)) throw existsError(target);
}

function lockedError(target: string): AppError {
  return new AppError(
    'PROJECT_LOCKED',
    `“${path.basename(target)}” is already open in another Condensa window or program. Close it there first, or open a read-only copy of it as last saved.`,
    { path: target },
  );
}

function newerSchemaError(version: number): AppError {
  return new AppError(
    'PROJECT_NEWER_SCHEMA',
    `This project was saved by a newer Condensa (file schema v${version}); this version reads up to v${SCHEMA_VERSION}. Update Condensa to open it.`,
    { fileVersion: version, supportedVersion: SCHEMA_VERSION },
  );
}

let expectedSchema: readonly string[] | null = null;

/** The tables, indexes and triggers of a current project that this file lacks (a table dropped by another tool, say). */
function missingSchemaParts(db: Database.Database): string[] {
  const list = (d: Database.Database) =>
    d.prepare(`SELECT type || ' ' || name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  if (expectedSchema === null) {
    const blank = new Database(':memory:');
    try {
      migrate(blank);
      expectedSchema = list(blank);
    } finally {
      blank.close();
    }
  }
  const present = new Set(list(db));
  return expectedSchema.filter((part) => !present.has(part));
}

/** Copies a file while computing its fingerprint (the first 16 hex digits of its SHA-256). */
async function copyWithFingerprint(source: string, target: string): Promise<string> {
  const hash = createHash('sha256');
  const input = await fs.promises.open(source, 'r');
  // The source is closed whatever happens to the target (its folder removed meanwhile, a full disk).
  let output: fs.promises.FileHandle | null = null;
  try {
    output = await fs.promises.open(target, 'wx');
    const buffer = Buffer.alloc(1 << 20);
    for (;;) {
      const { bytesRead } = await input.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      await output.write(buffer, 0, bytesRead);
    }
    await output.sync();
  } finally {
    await input.close();
    await output?.close();
  }
  return hash.digest('hex').slice(0, 16);
}

const BACKUP_NAME = /(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)(?:-([0-9a-f]{16}))?\.condensa$/;

/** The fingerprint of the project a backup holds, from its name (none for backups of older versions). */
function fingerprintOf(backup: string): string | null {
  return BACKUP_NAME.exec(path.basename(backup))?.[2] ?? null;
}

/** When a backup was written, from its name ("" when its name has no time). */
function writtenAt(backup: string): string {
  return BACKUP_NAME.exec(path.basename(backup))?.[1] ?? '';
}

/** A check's connection, or one that failed, may leave journal files beside the copy. */
function removeCopyLeftovers(copy: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${copy}${suffix}`, { force: true });
}

function verifyCopy(file: string): void {
  const copy = new Database(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    judgeCopy(file, (copy.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; '));
  } finally {
    copy.close();
  }
}

/** As `verifyCopy`, on a thread of its own: the project stays responsive while a backup is checked. */
async function verifyCopyAside(file: string): Promise<void> {
  // A thread that cannot start (or load the driver) must not cost the backup its check.
  const answer = await fullCheckInWorker(file).catch(() => null);
  if (!answer) return verifyCopy(file);
  const unreadable = answer.code === 'SQLITE_CORRUPT' || answer.code === 'SQLITE_NOTADB';
  if (answer.error !== undefined && !unreadable) throw Object.assign(new Error(answer.error), { code: answer.code });
  judgeCopy(file, answer.result ?? String(answer.error));
}

/** A copy whose full integrity check says anything but "ok" is damaged. */
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
  // Newest first by the time in the name: a copy made before an upgrade sorts by when it was made.
  return fs
    .readdirSync(folder)
    .filter((n) => n.endsWith(PROJECT_EXTENSION))
    .map((n) => path.join(folder, n))
    .sort((a, b) => writtenAt(b).localeCompare(writtenAt(a)) || b.localeCompare(a));
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
  const original = folder.slice(0, -'.backups'.length);
  const base = path.basename(original, PROJECT_EXTENSION);
  const day = new Date().toISOString().slice(0, 10);
  // The backup itself is only read: the copy is checked, and put in place under a free name.
  const temp = path.join(path.dirname(original), `.${base}.restoring-${process.pid}${PROJECT_EXTENSION}`);
  try {
    fs.copyFileSync(source, temp, fs.constants.COPYFILE_EXCL);
    verifyCopy(temp);
    for (let i = 1; ; i += 1) {
      const target = path.join(path.dirname(original), `${base} (restored ${day}${i > 1 ? ` ${i}` : ''})${PROJECT_EXTENSION}`);
      if (fs.existsSync(target)) continue;
      try {
        publishNew(temp, target);
      } catch (err) {
        if ((err as { code?: string }).code === 'EEXIST') continue;
        throw err;
      }
      return target;
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw translateSqliteError(err, source);
  } finally {
    removeCopyLeftovers(temp);
  }
}
