import path from 'node:path';
import type { reportMethods } from '../../../shared/api/methods/reports';
import { exportReport } from '../export/export-file';
import { previewReport } from '../export/report-service';
import type { HandlerMap } from '../handler-types';

export const reportHandlers: HandlerMap<keyof typeof reportMethods> = {
  'reports.preview': ({ kind, options }, { project }) => previewReport(project.db, kind, options),
  'reports.export': ({ kind, format, options, path: requested }, { app, project }) =>
    app.tasks.run('reports.export', 'The export was cancelled. No file was written.', async (step) => {
      const folder = path.join(app.ports.projectsFolder, 'Exports');
      const written = await exportReport(project.db, kind, format, options, requested ? path.resolve(folder, requested) : null, folder, step);
      return { path: written.path, fileName: written.fileName, bytes: written.bytes.length, base64: written.bytes.toString('base64'), mime: written.mime };
    }),
};
