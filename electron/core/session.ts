import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ProjectSummary } from '../../shared/api/entities';
import { AppError } from '../../shared/api/errors';
import type { Methodology } from '../../shared/domain/vocabulary';
import { getCoder, listCoders } from './repos/coders-repo';
import { insertProject, projectCounts, projectRow, projectSettings, readSetting, writeSetting } from './repos/project-repo';
import { History } from './store/history';
import { ProjectFile } from './store/project-file';

/** Stands for "no coder chosen yet" where a coder id filters codings: matches no coding. */
export const NO_CODER_CHOSEN = '(no coder chosen)';

// Work done between automatic backups, so a long session keeps recent restore points.
const BACKUP_EVERY_STEPS = 200;

/** One open project: its file, its undo history and who is coding. */
export class ProjectSession {
  readonly file: ProjectFile;
  readonly history: History;
  private coderId: string | null;
  private stepsSinceBackup = 0;
  private pendingBackup: Promise<void> = Promise.resolve();

  private constructor(file: ProjectFile) {
    this.file = file;
    this.history = new History(file.db);
    this.coderId = this.initialCoder();
  }

  /** Opens a project and starts a verified backup of it as it was at opening. */
  static open(path: string): ProjectSession {
    const session = new ProjectSession(ProjectFile.open(path));
    session.backupInBackground();
    return session;
  }

  private backupInBackground(): void {
    this.pendingBackup = this.file.backup().then(
      () => undefined,
      () => undefined,
    );
  }

  /** Settles when the latest background backup has been written (or failed). */
  backupSettled(): Promise<void> {
    return this.pendingBackup;
  }

  static create(path: string, title: string, methodology: Methodology, fill?: (db: Database.Database) => void): ProjectSession {
    const file = ProjectFile.create(path, (db) => {
      insertProject(db, randomUUID(), title, methodology);
      fill?.(db);
    });
    return new ProjectSession(file);
  }

  get db(): Database.Database {
    return this.file.db;
  }

  private initialCoder(): string | null {
    const remembered = readSetting(this.db, 'current_coder');
    const coders = listCoders(this.db).filter((c) => c.role !== 'consensus');
    if (remembered && coders.some((c) => c.id === remembered)) return remembered;
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
    const { result, step } = this.history.record(method, summary, this.coderId, work);
    if (step) {
      this.history.pushUndoable(step.id);
      this.noteStep();
    }
    return result;
  }

  noteStep(): void {
    this.stepsSinceBackup += 1;
    if (this.stepsSinceBackup >= BACKUP_EVERY_STEPS) {
      this.stepsSinceBackup = 0;
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
      migratedFrom: this.file.info.migratedFrom,
    };
  }

  close(): void {
    this.file.close();
  }
}
