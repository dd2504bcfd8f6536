// Opens a project in a separate process and reports the outcome as one JSON line.
import { ProjectFile } from '../../../electron/core/store/project-file';
import { AppError } from '../../../shared/api/errors';

const file = process.argv[2];
try {
  const p = ProjectFile.open(file);
  process.stdout.write(`${JSON.stringify({ ok: true })}\n`);
  if (process.argv[3] === 'hold') setInterval(() => undefined, 1000);
  else p.close();
} catch (err) {
  process.stdout.write(`${JSON.stringify({ ok: false, code: err instanceof AppError ? err.code : String(err), message: (err as Error).message })}\n`);
}
