import path from 'node:path';
import type { ReportFormat, ReportKind, ReportOptions } from '../shared/api/methods/reports';
import { AppError } from '../shared/api/errors';
import { exportReport } from '../electron/core/export/export-file';
import { ProjectSession } from '../electron/core/session';

export interface ReportCost {
  readonly wallMs: number;
  readonly cpuMs: number;
  /** RSS once the project was open, and the process's peak: run one export per process. */
  readonly rssBefore: number;
  readonly maxRss: number;
  readonly bytes: number;
}

export type ReportOutcome = ReportCost | { readonly error: { readonly code: string; readonly message: string } };

export interface ReportJob {
  readonly file: string;
  readonly kind: ReportKind;
  readonly format: ReportFormat;
  readonly options: ReportOptions;
  readonly workDir: string;
}

function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

/**
 * Writes one report of a project into workDir as the CLI's export does (the project opened to
 * read, the file written safely), timing the export alone; the peak RSS is the process's.
 */
export async function measureReport({ file, kind, format, options, workDir }: ReportJob): Promise<ReportOutcome> {
  const session = ProjectSession.open(file, undefined, { readOnly: true });
  try {
    const rssBefore = process.memoryUsage().rss;
    const wall0 = performance.now();
    const cpu0 = cpuMs();
    const written = await exportReport(session.db, kind, format, options, path.join(workDir, `${kind}.${format}`), workDir, { overwrite: true });
    return { wallMs: performance.now() - wall0, cpuMs: cpuMs() - cpu0, rssBefore, maxRss: process.resourceUsage().maxRSS * 1024, bytes: written.bytes };
  } catch (err) {
    if (err instanceof AppError) return { error: { code: err.code, message: err.message } };
    throw err;
  } finally {
    session.close();
  }
}
