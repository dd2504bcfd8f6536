import fs from 'node:fs';
import path from 'node:path';
import type { appMethods } from '../../../shared/api/methods/app';
import type { HandlerMap } from '../handler-types';
import { SAMPLE_STUDY } from '../sample/sample-study';
import { makeSampleProject } from '../sample/load-sample';
import { ProjectSession } from '../session';
import { canonicalPath, listBackups, PROJECT_EXTENSION, restoreBackupCopy } from '../store/project-file';
import { SCHEMA_VERSION } from '../store/migrations';

function withExtension(p: string): string {
  return p.toLowerCase().endsWith(PROJECT_EXTENSION) ? p : `${p}${PROJECT_EXTENSION}`;
}

/** A file name that does not exist yet in `folder`: "Name.condensa", "Name 2.condensa", … */
function freeName(folder: string, base: string): string {
  for (let i = 1; ; i += 1) {
    const candidate = path.join(folder, `${base}${i === 1 ? '' : ` ${i}`}${PROJECT_EXTENSION}`);
    if (!fs.existsSync(candidate)) return candidate;
  }
}

export const appHandlers: HandlerMap<keyof typeof appMethods> = {
  'tasks.progress': (_p, { app }) => ({ task: app.tasks.progress() }),
  'tasks.cancel': (_p, { app }) => ({ cancelling: app.tasks.cancel() }),
  'app.info': (_p, { app }) => ({
    version: app.ports.version,
    schemaVersion: SCHEMA_VERSION,
    platform: app.ports.platform,
    projectsFolder: app.ports.projectsFolder,
    nativeDialogs: app.ports.dialogs !== null,
  }),
  'app.recent': (_p, { app }) => app.preferences.recent(),
  'app.listProjects': (_p, { app }) => {
    const folder = app.ports.projectsFolder;
    return fs
      .readdirSync(folder, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith(PROJECT_EXTENSION))
      .map((e) => {
        const full = path.join(folder, e.name);
        const st = fs.statSync(full);
        return { path: full, name: e.name.slice(0, -PROJECT_EXTENSION.length), modifiedAt: st.mtime.toISOString(), size: st.size };
      })
      .sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt));
  },
  'app.chooseProjectPath': async ({ purpose, suggestedName }, { app }) => ({
    path: app.ports.dialogs ? await app.ports.dialogs.chooseProjectPath(purpose, suggestedName) : null,
  }),
  'app.chooseFiles': async ({ purpose, multiple }, { app }) => ({
    paths: app.ports.dialogs ? await app.ports.dialogs.chooseFiles(purpose, multiple) : [],
  }),
  'project.create': ({ path: p, title, methodology, sample }, { app }) => {
    const target = withExtension(app.resolveProjectPath(p));
    app.closeProject();
    const session = ProjectSession.create(target, title, methodology, sample ? (db) => makeSampleProject(db, SAMPLE_STUDY) : undefined);
    return app.adopt(session).summary();
  },
  'project.open': ({ path: p, readOnly }, { app }) => {
    const target = app.resolveProjectPath(p);
    // Open already (another tab works in it): this caller joins it.
    if (app.project && app.project.file.path === canonicalPath(target) && app.project.file.info.readOnly === readOnly) return app.join().summary();
    app.closeProject();
    return app.adopt(ProjectSession.open(target, app.cleanCloses, { readOnly })).summary();
  },
  'project.openSample': (_p, { app }) => {
    app.closeProject();
    const target = freeName(app.ports.projectsFolder, 'Sample study – peer mentoring');
    const session = ProjectSession.create(target, SAMPLE_STUDY.title, SAMPLE_STUDY.methodology, (db) => makeSampleProject(db, SAMPLE_STUDY));
    return app.adopt(session).summary();
  },
  'project.close': (_p, { app }) => ({ closed: app.closeProject() }),
  'project.listBackups': ({ path: p }, { app }) =>
    listBackups(app.resolveProjectPath(p)).map((b) => {
      const st = fs.statSync(b);
      return { path: b, createdAt: st.mtime.toISOString(), size: st.size };
    }),
  'project.restoreBackup': ({ backupPath }, { app }) => {
    app.closeProject();
    return app.adopt(ProjectSession.open(restoreBackupCopy(app.resolveProjectPath(backupPath)), app.cleanCloses)).summary();
  },
};
