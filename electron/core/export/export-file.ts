import type Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors';
import type { ReportFormat, ReportKind, ReportOptions } from '../../../shared/api/methods/reports';
import { renderReport, type RenderedReport } from './report-service';

/** "Codebook.docx", else "Codebook 2.docx" …: an export never replaces an earlier one unless a path is given. */
function freeName(folder: string, fileName: string): string {
  const ext = path.extname(fileName);
  const base = fileName.slice(0, fileName.length - ext.length);
  for (let i = 1; ; i += 1) {
    const candidate = path.join(folder, `${base}${i === 1 ? '' : ` ${i}`}${ext}`);
    if (!fs.existsSync(candidate)) return candidate;
  }
}

/** Writes through a temporary file and a rename, so a half-written export never replaces a good one. */
export function writeBytes(target: string, bytes: Buffer): string {
  const temp = `${target}.partial-${process.pid}`;
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(temp, bytes);
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

/** Renders a report and writes it: to `target` when given, else under a free name in `folder`. */
export async function exportReport(
  db: Database.Database,
  kind: ReportKind,
  format: ReportFormat,
  options: ReportOptions,
  target: string | null,
  folder: string,
): Promise<RenderedReport & { readonly path: string }> {
  const rendered = await renderReport(db, kind, format, options);
  const where = target ?? freeName(folder, rendered.fileName);
  return { ...rendered, path: writeBytes(where, rendered.bytes), fileName: path.basename(where) };
}
