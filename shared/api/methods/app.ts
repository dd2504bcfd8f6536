import { z } from 'zod';
import { filePath } from '../file-paths';
import { Methodology, ProjectSummary, RecentProject } from '../entities';
import { alongsideMethod, appMethod } from '../method';

const ProjectPath = filePath();

/** What a file is chosen for, which sets the kinds of file the dialog offers: transcripts, a REFI-QDA project, a codebook, a table of attributes. */
export const FILE_PURPOSES = ['import', 'refi-project', 'codebook', 'attributes', 'media'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

/** Long work under way (a project imported from a file): what it is doing and how far it is. */
export const TaskProgress = z.object({
  kind: z.string(),
  /** What it is doing now, in words for the progress bar. */
  what: z.string(),
  done: z.number(),
  total: z.number(),
  cancelling: z.boolean(),
});
export type TaskProgress = z.infer<typeof TaskProgress>;

export const appMethods = {
  'tasks.progress': alongsideMethod('The long work under way, if any, and how far it is', z.object({}), z.object({ task: TaskProgress.nullable() })),
  'tasks.cancel': alongsideMethod(
    'Asks the long work under way to stop; it undoes what it did and fails with CANCELLED',
    z.object({}),
    z.object({ cancelling: z.boolean() }),
  ),
  'app.info': appMethod(
    'What this Condensa is and what it can open',
    z.object({}),
    z.object({
      version: z.string(),
      schemaVersion: z.number(),
      platform: z.enum(['electron', 'browser', 'direct']),
      projectsFolder: z.string(),
      nativeDialogs: z.boolean(),
    }),
  ),
  'app.recent': appMethod('Recently opened projects', z.object({}), z.array(RecentProject)),
  'app.listProjects': appMethod(
    'Project files in the projects folder',
    z.object({}),
    z.array(z.object({ path: filePath(z.string()), name: z.string(), modifiedAt: z.string(), size: z.number() })),
  ),
  'app.chooseProjectPath': appMethod(
    'Asks the user where a project is (open) or should go (save); null when cancelled or when the platform has no dialogs',
    z.object({ purpose: z.enum(['open', 'save']), suggestedName: z.string().optional() }),
    z.object({ path: z.string().nullable() }),
  ),
  'app.chooseFiles': appMethod(
    'Asks the user for files to import in a native dialog; the paths chosen (none when cancelled or when the platform has no dialogs)',
    z.object({ purpose: z.enum(FILE_PURPOSES).default('import'), multiple: z.boolean().default(true) }),
    z.object({ paths: z.array(filePath(z.string())) }),
  ),
  'project.create': appMethod(
    'Creates a project file and opens it',
    z.object({
      path: ProjectPath,
      title: z.string().trim().min(1).max(300),
      methodology: Methodology.default('content-analysis'),
      sample: z.boolean().default(false),
    }),
    ProjectSummary,
  ),
  'project.open': appMethod(
    'Opens a project file; readOnly (the CLI’s info and exports) makes no backup, no recent entry and refuses writes',
    z.object({ path: ProjectPath, readOnly: z.boolean().default(false) }),
    ProjectSummary,
  ),
  'project.openSample': appMethod(
    'Makes a fresh copy of the sample study in the projects folder and opens it',
    z.object({}),
    ProjectSummary,
  ),
  'project.close': appMethod('Closes the open project', z.object({}), z.object({ closed: z.boolean() })),
  'project.listBackups': appMethod(
    'The verified backups of a project file, newest first',
    z.object({ path: ProjectPath }),
    z.array(z.object({ path: filePath(z.string()), createdAt: z.string(), size: z.number() })),
  ),
  'project.restoreBackup': appMethod(
    'Copies a backup beside the original as a new project file and opens it; the damaged file is left untouched',
    z.object({ backupPath: ProjectPath }),
    ProjectSummary,
  ),
} as const;
