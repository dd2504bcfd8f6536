import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors';

/**
 * Writes an export through a temporary file and a rename, so a half-written file never replaces
 * a good one. Every exporter writes through here, so they all fail the same, readable way.
 */
export function writeFileSafely(target: string, data: string | Uint8Array): string {
  const temp = `${target}.partial-${process.pid}`;
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(temp, data);
    fs.renameSync(temp, target);
    return target;
  } catch (err) {
    fs.rmSync(temp, { force: true });
    const code = (err as { code?: string }).code;
    const why =
      code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'that folder cannot be written to'
        : code === 'ENOSPC'
          ? 'the disk is full'
          : code === 'EISDIR'
            ? 'a folder has that name'
            : `the system said ${code ?? 'no'}`;
    throw new AppError('EXPORT_FAILED', `The export could not be saved to ${target} (${why}). Choose another place and try again.`);
  }
}
