import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type Database from 'better-sqlite3';
import type { ProjectSummary } from '../../shared/api/entities';
import { AppError } from '../../shared/api/errors';
import type { Methodology } from '../../shared/domain/vocabulary';
import { getCoder, listCoders } from './repos/coders-repo';
import { collapsedNodeIds, insertProject, projectCounts, projectRow, projectSettings, readSetting, writeSetting } from './repos/project-repo';
import { ORIGIN_KEY } from './exchange/snapshot';
import { History } from './store/history';
import type { CleanCloses } from './store/clean-closes';
import { canonicalPath, listBackups, ProjectFile } from './store/project-file';

/** Stands for "no coder chosen yet" where a coder id filters codings: matches no coding. */
export const NO_CODER_CHOSEN = '(no coder chosen)';

// Work done between automatic backups, so a long session keeps recent restore points: after this
// many steps, or after any step taken this long after the last backup.
const BACKUP_EVERY_STEPS = 200;
const BACKUP_EVERY_MS = 10 * 60 * 1000;

/** One open project: its file, its undo history and who is coding. */
export class ProjectSession {
  readonly file: ProjectFile;
  readonly history: History;
  private coderId: string | null;
  private stepsSinceBackup = 0;
  private lastBackupAt = Date.now();
  private pendingBackup: Promise<void> = Promise.resolve();
  /** Damage found after opening, by the check of the opening backup: writes are refused. */
  private damageFound: AppError | null = null;

  private constructor(file: ProjectFile) {
    this.file = file;
    this.history = new History(file.db);
    // Once the connection's own scratch tables exist, SQLite itself refuses any write to a project opened to read.
    if (file.info.readOnly) file.db.pragma('query_only = ON');
    this.coderId = this.initialCoder();
  }

  /**
   * Opens a project and starts a verified backup of it as it was at opening. A file untouched
   * since this app closed it cleanly skips the full check at opening; the backup's check, on a
   * thread of its own, reads every page a moment later, and damage found there stops all writes.
   */
  static open(path: string, cleanCloses?: CleanCloses, { readOnly = false }: { readOnly?: boolean } = {}): ProjectSession {
    const target = canonicalPath(path);
    const state = cleanCloses?.state(target) ?? 'unknown';
    if (state === 'silently-changed') {
      throw new AppError(
        'PROJECT_DAMAGED',
        `“${basename(target)}” changed on disk after Condensa closed it, though no program wrote to it (its bytes differ, its dates do not): the disk may be failing. Open the most recent backup, and copy your projects to another disk.`,
        { backups: listBackups(target), silentChange: true },
      );
    }
    const file = ProjectFile.open(target, { untouched: state === 'untouched', readOnly });
    let session: ProjectSession;
    try {
      session = new ProjectSession(file);
    } catch (err) {
      file.close();
      const code = (err as { code?: string }).code;
      if (code !== 'SQLITE_CORRUPT' && code !== 'SQLITE_NOTADB') throw err;
      throw new AppError('PROJECT_DAMAGED', `“${basename(target)}” is damaged and cannot be read. Open the most recent backup instead.`, { backups: listBackups(target) });
    }
    if (readOnly) return session;
    cleanCloses?.forget(target);
    session.backupInBackground();
    return session;
  }

  private backupInBackground(): void {
    this.stepsSinceBackup = 0;
    this.lastBackupAt = Date.now();
    this.pendingBackup = this.file.backup().then(
      () => undefined,
      (err: unknown) => {
        // The backup's full check sees what the opening's quick one cannot (an index that no
        // longer matches its table): damage found in the copy is damage in the project.
        if (isDamage(err)) {
          this.damageFound = new AppError(
            'PROJECT_DAMAGED',
            `“${basename(this.file.path)}” turned out to be damaged when its backup was checked. It takes no more changes: close it and open the most recent backup.`,
            { backups: listBackups(this.file.path) },
          );
        }
      },
    );
  }

  /** The damage found after opening, if any: the project takes no more changes. */
  get damage(): AppError | null {
    return this.damageFound;
  }

  /** Settles when the latest background backup has been written (or failed). */
  backupSettled(): Promise<void> {
    return this.pendingBackup;
  }

  /**
   * Creates a project and starts its first backup at once: a study imported in one sitting has a
   * restore point before it is ever reopened.
   */
  static create(path: string, title: string, methodology: Methodology, fill?: (db: Database.Database) => void): ProjectSession {
    const file = ProjectFile.create(path, (db) => {
      insertProject(db, randomUUID(), title, methodology);
      fill?.(db);
    });
    return ProjectSession.started(file);
  }

  /** As `create`, with filling that takes a while and lets other calls in (see ProjectFile.createAsync). */
  static async createAsync(path: string, title: string, methodology: Methodology, fill: (db: Database.Database) => Promise<void>): Promise<ProjectSession> {
    const file = await ProjectFile.createAsync(path, async (db) => {
      insertProject(db, randomUUID(), title, methodology);
      await fill(db);
    });
    return ProjectSession.started(file);
  }

  private static started(file: ProjectFile): ProjectSession {
    const session = new ProjectSession(file);
    session.backupInBackground();
    return session;
  }

  get db(): Database.Database {
    return this.file.db;
  }

  private initialCoder(): string | null {
    const remembered = readSetting(this.db, 'current_coder');
    const coders = listCoders(this.db).filter((c) => c.role !== 'consensus');
    if (remembered && coders.some((c) => c.id === remembered)) return remembered;
    // A coder copy's only coder is the person who handed it out, not the one opening it: ask instead.
    if (readSetting(this.db, ORIGIN_KEY) !== null) return null;
    return coders.length === 1 ? coders[0].id : null;
  }

  get currentCoderId(): string | null {
    return this.coderId;
  }

  setCurrentCoder(id: string): void {
    getCoder(this.db, id);
    this.coderId = id;
    writeSetting(this.db, 'current_coder', id);
  }

  requireCoder(): string {
    if (!this.coderId) throw new AppError('CONFLICT', 'Choose who is coding first (click the coder in the status bar).');
    return this.coderId;
  }

  /**
   * In blind mode a coder sees only their own codings; before anyone has chosen who is coding,
   * nobody's (an id no coding carries), never everyone's.
   */
  get visibleCoderId(): string | null {
    return projectSettings(this.db).blind ? (this.coderId ?? NO_CODER_CHOSEN) : null;
  }

  /** Runs one user command as one transaction and one undoable, audited step. */
  write<T>(method: string, summary: string | ((result: T) => string), work: () => T): T {
    this.assertWritable();
    return this.remember(this.history.record(method, summary, this.coderId, work));
  }

  /** As `write`, for work that lets other calls in between its parts (see History.recordAsync). */
  async writeAsync<T>(method: string, summary: string | ((result: T) => string), work: () => Promise<T>): Promise<T> {
    this.assertWritable();
    return this.remember(await this.history.recordAsync(method, summary, this.coderId, work));
  }

  private assertWritable(): void {
    if (this.file.info.readOnly) {
      const why = this.file.info.copyOf ? 'a copy as last saved, since another program holds it' : 'a command-line export or info';
      throw new AppError('PROJECT_READ_ONLY', `“${basename(this.file.info.copyOf ?? this.file.path)}” was opened to read only (${why}). Open it where nothing else holds it to change it.`);
    }
  }

  private remember<T>({ result, step }: { result: T; step: { id: string } | null }): T {
    if (step) this.noteStep();
    return result;
  }

  noteStep(): void {
    this.stepsSinceBackup += 1;
    if (this.stepsSinceBackup >= BACKUP_EVERY_STEPS || Date.now() - this.lastBackupAt >= BACKUP_EVERY_MS) {
      this.backupInBackground();
    }
  }

  summary(): ProjectSummary {
    return {
      id: projectRow(this.db).id,
      path: this.file.path,
      schemaVersion: this.file.info.schemaVersion,
      settings: projectSettings(this.db),
      counts: projectCounts(this.db),
      currentCoderId: this.coderId,
      lastDocumentId: readSetting(this.db, 'last_document'),
      lastUnitId: readSetting(this.db, 'last_unit'),
      collapsedNodeIds: collapsedNodeIds(this.db),
      migratedFrom: this.file.info.migratedFrom,
      readOnlyCopyOf: this.file.info.copyOf ?? null,
    };
  }

  close(): void {
    this.file.close();
  }
}

/** A failure that says the file itself is damaged, not that the backup could not be written. */
function isDamage(err: unknown): boolean {
  return err instanceof AppError && err.code === 'PROJECT_DAMAGED';
}
