import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import { CAPTURED_TABLES, SCHEMA_VERSION } from './migrations';
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

/** A step undo or redo would take next; `earlierAt` is when it was made, if in an earlier session. */
export interface StackStep extends StepInfo {
  readonly earlierAt: string | null;
}

/** Steps undo offers, also after reopening; the oldest drop off as new ones come. */
export const UNDO_STEPS_KEPT = 200;

type Stack = 'undo' | 'redo';

/** What a recorded step does to the undo and redo stacks. */
type StackMove = { readonly kind: 'command' } | { readonly kind: Stack; readonly target: string };

const COMMAND: StackMove = { kind: 'command' };

/**
 * Steps the app takes by itself, never the user's (the consensus brought up to date when Compare
 * opens). They are recorded and undone like any step, but undo never offers one alone: it undoes
 * them together with the user's step beneath, and redo brings them back with it.
 */
export const AUTOMATIC_METHODS: ReadonlySet<string> = new Set(['consensus.rebuild']);

interface StackTop {
  readonly stepId: string;
  readonly sessionId: string;
  readonly at: string;
}

/** The user's step as undo or redo reports it, naming the automatic steps that went with it. */
function withAutomatic(step: StackStep, automatic: readonly StackStep[]): StackStep {
  if (automatic.length === 0) return step;
  return { ...step, summary: `${step.summary} (with the app’s own step after it: ${automatic.map((a) => a.summary).join('; ')})` };
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
  /** Tells this session's stack entries from those of earlier ones. */
  private readonly sessionId = randomUUID();
  private readonly setStep: Database.Statement;
  private readonly clearStep: Database.Statement;
  /** Steps written since `takeSteps` last ran: the application tells every window what they changed. */
  private written: string[] = [];

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
   * Runs `work` as one user command: one transaction, one audit step and its place on the undo
   * stack, so a crash never keeps a step without its undo record or the reverse. A step that
   * changed nothing leaves no trace. Returns what `work` returned.
   */
  record<T>(method: string, summary: string | ((result: T) => string), coderId: string | null, work: () => T, move: StackMove = COMMAND): { result: T; step: StepInfo | null } {
    const stepId = randomUUID();
    const run = this.db.transaction(() => {
      this.setStep.run(stepId);
      try {
        return this.closeStep(stepId, method, summary, coderId, move, work());
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
      return this.closeStep(stepId, method, summary, coderId, COMMAND, await work());
    });
  }

  /** Ends the capture of a step's rows and writes the step, unless it changed nothing, and moves the stacks. */
  private closeStep<T>(stepId: string, method: string, summary: string | ((result: T) => string), coderId: string | null, move: StackMove, result: T): { result: T; step: StepInfo | null } {
    this.clearStep.run();
    const changes = this.changesOf(stepId);
    if (changes === 0) {
      this.moveStacks(null, move);
      return { result, step: null };
    }
    const text = typeof summary === 'function' ? summary(result) : summary;
    insertStep(this.db, { id: stepId, coderId, method, summary: text, reverts: move.kind === 'command' ? undefined : move.target });
    this.moveStacks(stepId, move);
    this.written.push(stepId);
    return { result, step: { id: stepId, method, summary: text, changes } };
  }

  /**
   * A new command goes on the undo stack and empties the redo stack; an undo moves its step's
   * reverting step onto the redo stack, a redo the other way.
   */
  private moveStacks(stepId: string | null, move: StackMove): void {
    if (move.kind !== 'command') stmt(this.db, `DELETE FROM undo_stack WHERE step_id = ?`).run(move.target);
    if (!stepId) return;
    if (move.kind === 'command') stmt(this.db, `DELETE FROM undo_stack WHERE stack = 'redo'`).run();
    const onto: Stack = move.kind === 'undo' ? 'redo' : 'undo';
    stmt(this.db, `INSERT INTO undo_stack (step_id, stack, session_id, schema_version) VALUES (?, ?, ?, ?)`).run(stepId, onto, this.sessionId, SCHEMA_VERSION);
    // Bounded, and rid of steps no longer offered (recorded under an older schema).
    stmt(
      this.db,
      `DELETE FROM undo_stack WHERE schema_version <> @version
         OR (stack = @stack AND pos < (SELECT pos FROM undo_stack WHERE stack = @stack AND schema_version = @version ORDER BY pos DESC LIMIT 1 OFFSET @keep))`,
    ).run({ version: SCHEMA_VERSION, stack: onto, keep: UNDO_STEPS_KEPT - 1 });
  }

  /** The steps written since the last call (a rolled-back one names no rows), and forgets them. */
  takeSteps(): string[] {
    const steps = this.written;
    this.written = [];
    return steps;
  }

  /**
   * The rows the steps changed, by table, as their captured rows name them; a table with more
   * than `perTable` changed rows is named without its rows.
   */
  changedRows(stepIds: readonly string[], perTable: number): Record<string, string[] | null> {
    const seen = new Map<string, Set<string>>();
    for (const stepId of stepIds) {
      for (const { tbl, row_id } of stmt(this.db, `SELECT tbl, row_id FROM audit_changes WHERE step_id = ? ORDER BY seq`).all(stepId) as { tbl: string; row_id: string }[]) {
        const rows = seen.get(tbl) ?? new Set<string>();
        seen.set(tbl, rows);
        rows.add(row_id);
      }
    }
    return Object.fromEntries([...seen].map(([tbl, rows]) => [tbl, rows.size > perTable ? null : [...rows]]));
  }

  private changesOf(stepId: string): number {
    return (stmt(this.db, `SELECT count(*) AS n FROM audit_changes WHERE step_id = ?`).get(stepId) as { n: number }).n;
  }

  /** A stack's steps that can still be replayed (recorded under this schema), newest first. */
  private stackSteps(stack: Stack): StackTop[] {
    return stmt(
      this.db,
      `SELECT u.step_id AS stepId, u.session_id AS sessionId, s.at FROM undo_stack u JOIN audit_steps s ON s.id = u.step_id
       WHERE u.stack = ? AND u.schema_version = ? ORDER BY u.pos DESC`,
    ).all(stack, SCHEMA_VERSION) as StackTop[];
  }

  private isAutomatic(step: StackTop | undefined): step is StackTop {
    return step !== undefined && AUTOMATIC_METHODS.has(this.originalMethod(step.stepId) ?? '');
  }

  /** The user's newest step on a stack, with the automatic steps above it that go with it; none when only automatic steps are left. */
  private plan(stack: Stack): { readonly own: StackTop; readonly automatic: readonly StackTop[] } | undefined {
    const automatic: StackTop[] = [];
    for (const step of this.stackSteps(stack)) {
      if (!this.isAutomatic(step)) return { own: step, automatic };
      automatic.push(step);
    }
    return undefined;
  }

  canUndo(): boolean {
    return this.plan('undo') !== undefined;
  }

  canRedo(): boolean {
    return this.plan('redo') !== undefined;
  }

  peekUndo(): StackStep | null {
    return this.describeTop(this.plan('undo')?.own);
  }

  peekRedo(): StackStep | null {
    return this.describeTop(this.plan('redo')?.own);
  }

  /** The stack's step, named by the user's own step it undoes or redoes (not “Redo: …”). */
  private describeTop(top: StackTop | undefined): StackStep | null {
    const info = top ? this.describe(top.stepId) : null;
    if (!info || !top) return null;
    return { ...info, summary: this.originalSummary(top.stepId) ?? info.summary, earlierAt: top.sessionId === this.sessionId ? null : top.at };
  }

  /** Follows undo and redo steps back to the command they replay, and returns its summary. */
  private originalSummary(stepId: string): string | null {
    return this.original(stepId)?.summary ?? null;
  }

  /** The method of the command an undo or redo step replays (its own, for a command). */
  private originalMethod(stepId: string): string | null {
    return this.original(stepId)?.method ?? null;
  }

  private original(stepId: string): { method: string; summary: string } | null {
    const seen = new Set<string>();
    let id: string | null = stepId;
    while (id && !seen.has(id)) {
      seen.add(id);
      const row = stmt(this.db, `SELECT method, summary, reverts_step_id AS reverts FROM audit_steps WHERE id = ?`).get(id) as
        | { method: string; summary: string; reverts: string | null }
        | undefined;
      if (!row) return null;
      if (row.method !== 'history.undo' && row.method !== 'history.redo') return row;
      id = row.reverts;
    }
    return null;
  }

  private describe(stepId: string | undefined): StepInfo | null {
    if (!stepId) return null;
    const row = stmt(this.db, `SELECT id, method, summary FROM audit_steps WHERE id = ?`).get(stepId) as
      | { id: string; method: string; summary: string }
      | undefined;
    return row ? { ...row, changes: this.changesOf(stepId) } : null;
  }

  /** Why a stack is empty: steps made before the file took a newer schema are no longer offered. */
  private nothingOn(stack: Stack): AppError {
    const stale = stmt(this.db, `SELECT count(*) AS n FROM undo_stack WHERE stack = ? AND schema_version <> ?`).get(stack, SCHEMA_VERSION) as { n: number };
    const what = stack === 'undo' ? 'undo' : 'redo';
    const code = stack === 'undo' ? 'NOTHING_TO_UNDO' : 'NOTHING_TO_REDO';
    if (stale.n === 0) return new AppError(code, `There is nothing to ${what}.`);
    return new AppError(
      code,
      `There is nothing to ${what}: the changes made before this project was updated to this version of Condensa cannot be ${what === 'undo' ? 'undone' : 'redone'}. Earlier states of the project are kept in its backups.`,
    );
  }

  /**
   * Undoes the user's newest step, with the automatic steps the app took after it (newest first),
   * and tells which step that was and what else went with it.
   */
  undo(coderId: string | null): StackStep {
    const plan = this.plan('undo');
    const top = this.describeTop(plan?.own);
    if (!plan || !top) throw this.nothingOn('undo');
    const automatic = plan.automatic.map((a) => this.describeTop(a)!);
    for (const a of automatic) this.record('history.undo', `Undo: ${a.summary} (automatic, after the step undone with it)`, coderId, () => this.revert(a.id), { kind: 'undo', target: a.id });
    this.record('history.undo', `Undo: ${top.summary}`, coderId, () => this.revert(top.id), { kind: 'undo', target: top.id });
    return withAutomatic(top, automatic);
  }

  /** Redoes the newest undone step of the user's, then the automatic steps that followed it. */
  redo(coderId: string | null): StackStep {
    const plan = this.plan('redo');
    const top = this.describeTop(plan?.own);
    if (!plan || !top) throw this.nothingOn('redo');
    // Automatic steps left above it (none, unless undone apart by an older version) go first, as undo left them.
    for (const a of plan.automatic.map((x) => this.describeTop(x)!)) this.record('history.redo', `Redo: ${a.summary}`, coderId, () => this.revert(a.id), { kind: 'redo', target: a.id });
    this.record('history.redo', `Redo: ${top.summary}`, coderId, () => this.revert(top.id), { kind: 'redo', target: top.id });
    const after: StackStep[] = [];
    for (let next = this.stackSteps('redo')[0]; this.isAutomatic(next); next = this.stackSteps('redo')[0]) {
      const a = this.describeTop(next)!;
      this.record('history.redo', `Redo: ${a.summary} (automatic, after the step redone with it)`, coderId, () => this.revert(a.id), { kind: 'redo', target: a.id });
      after.push(a);
    }
    return withAutomatic(top, after);
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
