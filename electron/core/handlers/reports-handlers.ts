import fs from 'node:fs';
import path from 'node:path';
import type { reportMethods } from '../../../shared/api/methods/reports';
import { checkExportTarget } from '../files/file-targets';
import { exportReport } from '../export/export-file';
import { previewReport } from '../export/report-service';
import { checkExportNames } from '../repos/export-names-repo';
import type { HandlerMap } from '../handler-types';

export const reportHandlers: HandlerMap<keyof typeof reportMethods> = {
  'reports.preview': ({ kind, options }, { project }) => previewReport(project.db, kind, options),
  'reports.export': ({ kind, format, options, path: requested, overwrite }, { app, project }) => {
    const folder = path.join(app.ports.projectsFolder, 'Exports');
    // Refused before the long work, not after it.
    const target = requested ? checkExportTarget(path.resolve(folder, requested), { overwrite }) : null;
    return app.tasks.run('reports.export', 'The export was cancelled. No file was written.', async (step) => {
      const written = await exportReport(project.db, kind, format, options, target, folder, { overwrite }, step);
      // The file is written as it is laid out; the window's download link reads it back.
      return { path: written.path, fileName: written.fileName, bytes: written.bytes, base64: fs.readFileSync(written.path).toString('base64'), mime: written.mime };
    });
  },
  'reports.checkNames': ({ names }, ctx) => {
    ctx.write(`Check ${names.length === 1 ? 'a name' : `${names.length} names`} for exports`, () => checkExportNames(ctx.project.db, names));
    return { checked: names.length };
  },
};
