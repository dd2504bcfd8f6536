import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { isProjectHeader } from '../store/file-format';

/** Project files, what SQLite keeps beside them, and their backups: no export or copy may land on one. */
const PROJECT_FILE = /\.condensa(-wal|-shm|-journal)?$/i;
const BACKUPS_FOLDER = /\.condensa\.backups$/i;

/** The path a write would reach: symbolic links followed, for the file or, when it does not exist yet, its folder. */
export function realTarget(target: string): string {
  const abs = path.resolve(target);
  try {
    return fs.realpathSync(abs);
  } catch {
    try {
      return path.join(fs.realpathSync(path.dirname(abs)), path.basename(abs));
    } catch {
      return abs;
    }
  }
}

/** Why a path may never be written by an export or copy, or null when it may. */
export function protectedReason(target: string): string | null {
  const real = realTarget(target);
  const folders = path.dirname(real).split(path.sep);
  if (folders.some((f) => BACKUPS_FOLDER.test(f))) return 'it is inside a project’s backups folder';
  if (PROJECT_FILE.test(path.basename(real))) return 'it is a Condensa project file, or part of one';
  if (isCondensaDatabase(real)) return 'it is a Condensa project file under another name';
  return null;
}

function isCondensaDatabase(file: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    const head = Buffer.alloc(72);
    const n = fs.readSync(fd, head, 0, 72, 0);
    return n === 72 && isProjectHeader(head);
  } catch {
    return false;
  } finally {
    fs.closeSync(fd);
  }
}

export interface TargetOptions {
  /** The user confirmed replacing an existing file (the app asked, or the CLI was given --force). */
  readonly overwrite: boolean;
}

/**
 * Checks that an export may be written to `target`: never onto a project, its write-ahead files or
 * its backups; onto another existing file only when the user said so. Returns the path to write.
 */
export function checkExportTarget(target: string, { overwrite }: TargetOptions): string {
  const abs = path.resolve(target);
  const why = protectedReason(abs);
  if (why !== null) {
    throw new AppError(
      'TARGET_PROTECTED',
      `Condensa will not write to ${abs}: ${why}. Choose another file name, such as one ending in the export’s own extension.`,
      { path: abs },
    );
  }
  let existing: fs.Stats | null = null;
  try {
    existing = fs.statSync(abs);
  } catch {
    existing = null;
  }
  if (existing?.isDirectory()) {
    throw new AppError('EXPORT_FAILED', `The export could not be saved to ${abs} (a folder has that name). Choose another name and try again.`);
  }
  if (existing && !overwrite) {
    throw new AppError(
      'FILE_EXISTS',
      `A file named “${path.basename(abs)}” already exists in ${path.dirname(abs)}. Replace it, or choose another name.`,
      { path: abs },
    );
  }
  return abs;
}

/**
 * Moves a finished temporary file to `target` only if nothing is there: a hard link fails rather than
 * replace a file that appeared meanwhile. Where links are not supported (FAT drives), the check and
 * the rename are as close together as the system allows.
 */
export function publishNew(temp: string, target: string): void {
  try {
    fs.linkSync(temp, target);
    fs.rmSync(temp, { force: true });
    return;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'EEXIST') throw err;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS' && code !== 'EXDEV' && code !== 'EMLINK') throw err;
  }
  if (fs.existsSync(target)) throw Object.assign(new Error(`${target} exists`), { code: 'EEXIST' });
  fs.renameSync(temp, target);
}
