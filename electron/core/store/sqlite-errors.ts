import path from 'node:path';
import { AppError } from '../../../shared/api/errors';

/** Turns low-level SQLite and file-system failures into messages a researcher can act on. */
export function translateSqliteError(err: unknown, file: string): AppError {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string }).code ?? '';
  const name = path.basename(file);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new AppError('DISK_FULL', `The disk is full, so “${name}” could not be saved. Free some space and try again; nothing already saved was lost.`);
  }
  if (code === 'SQLITE_READONLY' || code === 'EACCES' || code === 'EROFS' || code === 'EPERM' || code === 'SQLITE_CANTOPEN') {
    return new AppError('PROJECT_READ_ONLY', `Condensa cannot write to “${name}” (the file or its folder is read-only). Save the project in a folder you can write to.`);
  }
  const message = err instanceof Error ? err.message : String(err);
  return new AppError('INTERNAL', `Unexpected storage error on “${name}”: ${message}`);
}
