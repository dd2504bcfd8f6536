import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { checkExportTarget, type TargetOptions } from './file-targets';

/**
 * Writes an export through a temporary file and a rename, so a half-written file never replaces
 * a good one and the target is never truncated first. Every exporter writes through here, so each
 * refuses a project file or backup as its target, asks before replacing a file, and fails the same,
 * readable way.
 */
export function writeFileSafely(target: string, data: string | Uint8Array, options: TargetOptions): string {
  const abs = checkExportTarget(target, options);
  const temp = `${abs}.partial-${process.pid}`;
  let created = false;
  try {
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    const fd = fs.openSync(temp, 'wx');
    created = true;
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, abs);
    return abs;
  } catch (err) {
    // A temporary file this call did not create belongs to another export under way.
    if (created) fs.rmSync(temp, { force: true });
    throw exportFailed(err, abs);
  }
}

/**
 * The same for an export written piece by piece: `write` hands its bytes to `emit` as it makes
 * them, so a long export is never held whole. An error from `write` itself (a refusal, a cancel)
 * leaves no file and goes on as it was.
 */
export async function writeFileSafelyFrom(
  target: string,
  write: (emit: (chunk: Uint8Array) => void) => void | Promise<void>,
  options: TargetOptions,
): Promise<{ readonly path: string; readonly bytes: number }> {
  const abs = checkExportTarget(target, options);
  const temp = `${abs}.partial-${process.pid}`;
  let fd: number | null = null;
  let bytes = 0;
  // A failed write of the file (a full disk) is kept, not thrown inside the writer's callbacks:
  // the rest is skipped and the failure said once the writer returns.
  let failed: unknown = null;
  try {
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fd = fs.openSync(temp, 'wx');
  } catch (err) {
    throw exportFailed(err, abs);
  }
  const open = fd;
  try {
    await write((chunk) => {
      if (failed !== null) return;
      try {
        fs.writeSync(open, chunk);
        bytes += chunk.length;
      } catch (err) {
        failed = err;
      }
    });
    if (failed !== null) throw exportFailed(failed, abs);
    try {
      fs.fsyncSync(open);
      fd = null;
      fs.closeSync(open);
      fs.renameSync(temp, abs);
    } catch (err) {
      throw exportFailed(err, abs);
    }
    return { path: abs, bytes };
  } catch (err) {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw err;
  }
}

/** A failed write said in words, with the place and the reason. */
function exportFailed(err: unknown, abs: string): AppError {
  const code = (err as { code?: string }).code;
  const why =
    code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
      ? 'that folder cannot be written to'
      : code === 'ENOSPC'
        ? 'the disk is full'
        : code === 'EISDIR'
          ? 'a folder has that name'
          : code === 'EEXIST'
            ? 'another export to the same file is under way'
            : `the system said ${code ?? 'no'}`;
  return new AppError('EXPORT_FAILED', `The export could not be saved to ${abs} (${why}). Choose another place and try again.`);
}
