import fs from 'node:fs';
import path from 'node:path';
import type { refiMethods } from '../../../shared/api/methods/refi';
import { AppError } from '../../../shared/api/errors';
import type { Application } from '../application';
import type { HandlerMap } from '../handler-types';
import { createProjectFromPlan, DEFAULT_ZIP_LIMITS, exportCodebookSheet, exportQdc, exportQdpx, planCodebookFile, planQdpxImport, previewLevels } from '../refi';
import { assertPlausibleSize, isZip } from '../refi/package';
import { PROJECT_EXTENSION } from '../store/project-file';
import { checkExportTarget, type TargetOptions } from '../files/file-targets';
import { writeFileSafely } from '../files/write-file-safely';

function withExtension(p: string, ext: string): string {
  return p.toLowerCase().endsWith(ext) ? p : `${p}${ext}`;
}

function readSource(app: Application, source: { sourcePath?: string; base64?: string }): { bytes: Uint8Array; name: string } {
  if (source.base64 !== undefined) return { bytes: Buffer.from(source.base64, 'base64'), name: '' };
  const file = app.resolveProjectPath(source.sourcePath!);
  let size: number;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    throw new AppError('NOT_FOUND', `There is no file at ${file}. Check the path and try again.`);
  }
  if (size > DEFAULT_ZIP_LIMITS.maxTotalBytes) throw new AppError('IMPORT_TOO_LARGE', `${path.basename(file)} is larger than the 1 GB Condensa imports.`);
  assertPlausibleSize(path.basename(file), size, startsLikeZip(file));
  return { bytes: fs.readFileSync(file), name: path.basename(file) };
}

function startsLikeZip(file: string): boolean {
  const head = Buffer.alloc(4);
  const fd = fs.openSync(file, 'r');
  try {
    return isZip(head.subarray(0, fs.readSync(fd, head, 0, 4, 0)));
  } finally {
    fs.closeSync(fd);
  }
}

function exported(
  target: string,
  bytes: Uint8Array,
  summary: { counts: Readonly<Record<string, number>>; notes: readonly string[] },
  includeBytes: boolean,
  options: TargetOptions,
) {
  writeFileSafely(target, bytes, options);
  return {
    path: target,
    bytes: bytes.byteLength,
    counts: { ...summary.counts },
    notes: [...summary.notes],
    base64: includeBytes ? Buffer.from(bytes).toString('base64') : null,
  };
}

export const refiHandlers: HandlerMap<keyof typeof refiMethods> = {
  'refi.exportProject': ({ path: p, includeBytes, overwrite }, { app, project }) => {
    // Refused before the long work, not after it.
    const target = checkExportTarget(withExtension(app.resolveProjectPath(p), '.qdpx'), { overwrite });
    return app.tasks.run('refi.exportProject', 'The export was cancelled. No file was written.', async (step) => {
      const { bytes, summary } = await exportQdpx(project.db, app.ports.version, step);
      await step('Saving the file', 3, 4);
      return exported(target, bytes, summary, includeBytes, { overwrite });
    });
  },
  'refi.exportCodebook': async ({ path: p, format, includeBytes, overwrite }, { app, project }) => {
    const { bytes, summary } = format === 'qdc' ? exportQdc(project.db, app.ports.version) : await exportCodebookSheet(project.db, format);
    return exported(withExtension(app.resolveProjectPath(p), `.${format}`), bytes, summary, includeBytes, { overwrite });
  },
  'refi.previewLevels': (params, { app }) => {
    const { bytes, name } = readSource(app, params);
    return previewLevels(bytes, params.kind, { ...params, fileName: params.fileName ?? name, db: app.project?.db });
  },
  'refi.importProject': (params, { app }) => {
    const { bytes, name } = readSource(app, params);
    const target = withExtension(app.resolveProjectPath(params.targetPath), PROJECT_EXTENSION);
    if (fs.existsSync(target)) {
      throw new AppError('PROJECT_EXISTS', `A file named “${path.basename(target)}” already exists there. Choose another name for the imported project.`);
    }
    // The new project is read, planned and built beside the open one, which stays open until it
    // is ready: a refused file, a failure or a cancel leaves the open project open and no new file.
    return app.tasks.run('refi.importProject', 'The import was cancelled. No project was created.', async (step) => {
      const plan = await planQdpxImport(bytes, params.fileName ?? name, step, {
        methodology: params.methodology,
        levels: params.levels,
        levelOverrides: params.levelOverrides,
      });
      const { session, report } = await createProjectFromPlan(plan, target, step);
      app.closeProject();
      return { project: app.adopt(session).summary(), report };
    });
  },
  'refi.importCodebook': async (params, ctx) => {
    const { bytes, name } = readSource(ctx.app, params);
    const plan = await planCodebookFile(ctx.project.db, bytes, params.fileName ?? name, params);
    ctx.write(`Import codebook: ${plan.added} code${plan.added === 1 ? '' : 's'}`, plan.apply);
    return { report: plan.report };
  },
};
