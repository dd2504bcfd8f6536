import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import { CAPTURED_TABLES } from './migrations';
import { inTransactionAsync, stmt } from './statements';

type Row = Record<string, unknown>;

interface ChangeRow {
  readonly tbl: string;
  readonly row_id: string;
  readonly op: 'insert' | 'update' | 'delete';
  readonly before: string | null;
  readonly after: string | null;
}

export interface StepInfo {
  readonly id: string;
  readonly method: string;
  readonly summary: string;
  readonly changes: number;
}

/** Writes one audit step (its row changes, if any, are captured separately). */
function insertStep(db: Database.Database, step: { id: string; coderId: string | null; method: string; summary: string; reverts?: string }): void {
  stmt(db, `INSERT INTO audit_steps (id, at, coder_id, method, summary, reverts_step_id) VALUES (?, ?, ?, ?, ?, ?)`).run(
    step.id,
    new Date().toISOString(),
    step.coderId,
    step.method,
    step.summary,
    step.reverts ?? null,
  );
}

/**
 * Records in the audit log an event that is no undoable change of rows: a project made whole from
 * an imported file, say. It is listed and exported with the other steps, with no rows to show.
 */
export function recordEvent(db: Database.Database, method: string, summary: string, coderId: string | null = null): void {
  insertStep(db, { id: randomUUID(), coderId, method, summary });
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function jsonOf(columns: readonly string[], alias: 'NEW' | 'OLD'): string {
  return `json_object(${columns.map((c) => `'${c}', ${alias}.${quoteIdent(c)}`).join(', ')})`;
}

/**
 * Records every row a user command changes (before and after) as one audit step, and replays
 * steps backwards for undo. One mechanism serves undo, redo and the audit log for every table,
 * so a feature cannot forget to make itself undoable.
 */
export class History {
  private readonly db: Database.Database;
  private readonly columns = new Map<string, readonly string[]>();
  private readonly undoStack: string[] = [];
  private readonly redoStack: string[] = [];
  private readonly setStep: Database.Statement;
  private readonly clearStep: Database.Statement;

  constructor(db: Database.Database) {
    this.db = db;
    // TEMP objects live only in this connection: the file's schema stays free of capture machinery.
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS capture (k INTEGER PRIMARY KEY CHECK (k = 1), step_id TEXT)`);
    db.exec(`INSERT OR IGNORE INTO temp.capture (k, step_id) VALUES (1, NULL)`);
    for (const table of CAPTURED_TABLES) this.installTriggers(table);
    this.setStep = db.prepare(`UPDATE temp.capture SET step_id = ? WHERE k = 1`);
    this.clearStep = db.prepare(`UPDATE temp.capture SET step_id = NULL WHERE k = 1`);
  }

  private installTriggers(table: string): void {
    const cols = (this.db.prepare(`PRAGMA table_info(${quoteIdent(table)})`).all() as { name: string }[]).map((c) => c.name);
    this.columns.set(table, cols);
    const t = quoteIdent(table);
    const active = `(SELECT step_id FROM temp.capture WHERE k = 1)`;
    const insert = (op: string, rowId: string, before: string, after: string) =>
      `INSERT INTO main.audit_changes (step_id, tbl, row_id, op, before, after) SELECT ${active}, '${table}', ${rowId}, '${op}', ${before}, ${after} WHERE ${active} IS NOT NULL;`;
    this.db.exec(`
      CREATE TEMP TRIGGER IF NOT EXISTS capture_${table}_insert AFTER INSERT ON main.${t} BEGIN
        ${insert('insert', 'NEW.id', 'NULL', jsonOf(cols, 'NEW'))}
      END;
      CREATE TEMP TRIGGER IF NOT EXISTS capture_${table}_update AFTER UPDATE ON main.${t} BEGIN
        ${insert('update', 'NEW.id', jsonOf(cols, 'OLD'), jsonOf(cols, 'NEW'))}
      END;
      CREATE TEMP TRIGGER IF NOT EXISTS capture_${table}_delete AFTER DELETE ON main.${t} BEGIN
        ${insert('delete', 'OLD.id', jsonOf(cols, 'OLD'), 'NULL')}
      END;
    `);
  }

  /**
   * Runs `work` as one user command: one transaction, one audit step. A step that changed nothing
   * leaves no trace. Returns what `work` returned.
   */
  record<T>(method: string, summary: string | ((result: T) => string), coderId: string | null, work: () => T, reverts?: string): { result: T; step: StepInfo | null } {
    const stepId = randomUUID();
    const run = this.db.transaction(() => {
      this.setStep.run(stepId);
      try {
        return this.closeStep(stepId, method, summary, coderId, reverts, work());
      } catch (err) {
        this.clearStep.run();
        throw err;
      }
    });
    return run.immediate();
  }

  /**
   * As `record`, for work that takes a while and lets other calls in between its parts (a merge
   * of a large copy). Those calls never write: the application runs one call at a time and lets
   * only reports on long work in beside it. A failure or a cancel rolls the whole step back.
   */
  recordAsync<T>(method: string, summary: string | ((result: T) => string), coderId: string | null, work: () => Promise<T>): Promise<{ result: T; step: StepInfo | null }> {
    const stepId = randomUUID();
    // The rollback also takes back the capture's step (a temp table, inside the transaction).
    return inTransactionAsync(this.db, async () => {
      this.setStep.run(stepId);
      return this.closeStep(stepId, method, summary, coderId, undefined, await work());
    });
  }

  /** Ends the capture of a step's rows and writes the step, unless it changed nothing. */
  private closeStep<T>(stepId: string, method: string, summary: string | ((result: T) => string), coderId: string | null, reverts: string | undefined, result: T): { result: T; step: StepInfo | null } {
    this.clearStep.run();
    const changes = (this.db.prepare(`SELECT count(*) AS n FROM audit_changes WHERE step_id = ?`).get(stepId) as { n: number }).n;
    if (changes === 0) return { result, step: null };
    const text = typeof summary === 'function' ? summary(result) : summary;
    insertStep(this.db, { id: stepId, coderId, method, summary: text, reverts });
    return { result, step: { id: stepId, method, summary: text, changes } };
  }

  /** Remembers a finished step as the newest undoable one; a new command empties the redo stack. */
  pushUndoable(stepId: string): void {
    this.undoStack.push(stepId);
    this.redoStack.length = 0;
  }

  canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  peekUndo(): StepInfo | null {
    return this.describe(this.undoStack[this.undoStack.length - 1]);
  }

  peekRedo(): StepInfo | null {
    return this.describe(this.redoStack[this.redoStack.length - 1]);
  }

  private describe(stepId: string | undefined): StepInfo | null {
    if (!stepId) return null;
    const row = this.db.prepare(`SELECT id, method, summary FROM audit_steps WHERE id = ?`).get(stepId) as
      | { id: string; method: string; summary: string }
      | undefined;
    if (!row) return null;
    const n = (this.db.prepare(`SELECT count(*) AS n FROM audit_changes WHERE step_id = ?`).get(stepId) as { n: number }).n;
    return { ...row, changes: n };
  }

  undo(coderId: string | null): StepInfo {
    const target = this.undoStack[this.undoStack.length - 1];
    if (!target) throw new AppError('NOTHING_TO_UNDO', 'There is nothing to undo.');
    const info = this.describe(target)!;
    const { step } = this.record('history.undo', `Undo: ${info.summary}`, coderId, () => this.revert(target), target);
    this.undoStack.pop();
    if (step) this.redoStack.push(step.id);
    return info;
  }

  redo(coderId: string | null): StepInfo {
    const target = this.redoStack[this.redoStack.length - 1];
    if (!target) throw new AppError('NOTHING_TO_REDO', 'There is nothing to redo.');
    const info = this.describe(target)!;
    const original = this.describe(this.revertedBy(target));
    const summary = original ? original.summary : info.summary.replace(/^Undo: /, '');
    const { step } = this.record('history.redo', `Redo: ${summary}`, coderId, () => this.revert(target), target);
    this.redoStack.pop();
    if (step) this.undoStack.push(step.id);
    return original ?? info;
  }

  private revertedBy(stepId: string): string | undefined {
    const row = this.db.prepare(`SELECT reverts_step_id AS r FROM audit_steps WHERE id = ?`).get(stepId) as { r: string | null } | undefined;
    return row?.r ?? undefined;
  }

  /** Applies the inverse of every change of a step, newest first. */
  private revert(stepId: string): void {
    const changes = this.db
      .prepare(`SELECT tbl, row_id, op, before, after FROM audit_changes WHERE step_id = ? ORDER BY seq DESC`)
      .all(stepId) as ChangeRow[];
    // Rows come back in reverse order; parents and children may pass each other on the way.
    this.db.pragma('defer_foreign_keys = ON');
    // Triggers that derive captured rows (the name history) keep still: the step's rows already hold their effect.
    this.db.prepare(`INSERT OR REPLACE INTO settings (id, value) VALUES ('history.replaying', '1')`).run();
    try {
      this.replay(changes);
    } finally {
      this.db.prepare(`DELETE FROM settings WHERE id = 'history.replaying'`).run();
    }
  }

  private replay(changes: readonly ChangeRow[]): void {
    // Statements come from the connection's cache: compiling one per row made undoing a large
    // import (60,000 meaning units) take 20 s instead of 3.
    const statement = (sql: string) => stmt(this.db, sql);
    for (const c of changes) {
      const cols = this.columns.get(c.tbl);
      if (!cols) throw new AppError('INTERNAL', `The audit log names an unknown table ${c.tbl}.`);
      const t = quoteIdent(c.tbl);
      if (c.op === 'insert') {
        statement(`DELETE FROM ${t} WHERE id = ?`).run(c.row_id);
      } else if (c.op === 'delete') {
        const row = JSON.parse(c.before!) as Row;
        statement(`INSERT INTO ${t} (${cols.map(quoteIdent).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((k) => row[k] ?? null));
      } else {
        const row = JSON.parse(c.before!) as Row;
        const set = cols.filter((k) => k !== 'id');
        statement(`UPDATE ${t} SET ${set.map((k) => `${quoteIdent(k)} = ?`).join(', ')} WHERE id = ?`).run(...set.map((k) => row[k] ?? null), c.row_id);
      }
    }
  }
}
