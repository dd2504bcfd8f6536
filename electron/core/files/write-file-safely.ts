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
    throw new AppError('EXPORT_FAILED', `The export could not be saved to ${abs} (${why}). Choose another place and try again.`);
  }
}
