import type Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { ReportFormat, ReportKind, ReportOptions } from '../../../shared/api/methods/reports';
import { type TargetOptions } from '../files/file-targets';
import { writeFileSafelyFrom } from '../files/write-file-safely';
import { noSteps, type TaskStep } from '../tasks';
import { renderReport } from './report-service';

/** "Codebook.docx", else "Codebook 2.docx" …: an export never replaces an earlier one unless a path is given. */
function freeName(folder: string, fileName: string): string {
  const ext = path.extname(fileName);
  const base = fileName.slice(0, fileName.length - ext.length);
  for (let i = 1; ; i += 1) {
    const candidate = path.join(folder, `${base}${i === 1 ? '' : ` ${i}`}${ext}`);
    if (!fs.existsSync(candidate)) return candidate;
  }
}

/**
 * Renders a report and writes it, piece by piece as it is laid out: to `target` when given, else
 * under a free name in `folder`. A cancel between the steps leaves no file. Returns the size written.
 */
export async function exportReport(
  db: Database.Database,
  kind: ReportKind,
  format: ReportFormat,
  options: ReportOptions,
  target: string | null,
  folder: string,
  targetOptions: TargetOptions,
  step: TaskStep = noSteps,
): Promise<{ readonly path: string; readonly fileName: string; readonly mime: string; readonly bytes: number }> {
  const rendered = await renderReport(db, kind, format, options, step);
  await step('Saving the file', 2, 3);
  const where = target ?? freeName(folder, rendered.fileName);
  const written = await writeFileSafelyFrom(where, (emit) => rendered.write(emit), targetOptions);
  return { path: written.path, fileName: path.basename(where), mime: rendered.mime, bytes: written.bytes };
}
