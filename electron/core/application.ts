import fs from 'node:fs';
import path from 'node:path';
import { contract, isMethodName, type MethodName } from '../../shared/api/contract';
import type { Envelope } from '../../shared/api/client';
import { AppError } from '../../shared/api/errors';
import { EVENT_ROWS_PER_TABLE, type ChangeEvent } from '../../shared/api/events';
import { AppEvents } from './events';
import type { HandlerContext } from './handler-types';
import { handlers } from './handlers';
import type { Ports } from './ports';
import { Preferences } from './preferences';
import { CleanCloses } from './store/clean-closes';
import type { ProjectSession } from './session';
import { Tasks } from './tasks';

/** Who makes a call: a window naming the project it works in (its path; null before it opened one). */
export interface Caller {
  readonly project: string | null;
  /** The window or tab calling, as its transport names it: the events its changes cause say so. */
  readonly client?: string;
}

export interface DispatchOptions {
  /** Tests check every result against its schema; production trusts the handlers. */
  readonly validateResults?: boolean;
}

/** The project's turn, one call at a time in the order they came (a FIFO lock). */
class Turns {
  private tail: Promise<void> = Promise.resolve();

  /** Waits for the turn; answers the function that gives it up. */
  take(): Promise<() => void> {
    let giveUp!: () => void;
    const given = new Promise<void>((resolve) => (giveUp = resolve));
    const ready = this.tail.then(() => giveUp);
    this.tail = this.tail.then(() => given);
    return ready;
  }
}

/** The turn a running call holds; `beside` gives it up for a while and takes it again. */
interface HeldTurn {
  giveUp: () => void;
}

/**
 * The application in plain Node: one open project at a time, reached only through `dispatch`.
 * Calls take turns, so an import and a coding never interleave inside the database; long work
 * that only reads (an import working out its meaning units) steps aside meanwhile (`ctx.beside`).
 */
export class Application {
  readonly ports: Ports;
  /** Project files this app closed cleanly: opened again untouched, they skip the full check. */
  readonly cleanCloses: CleanCloses;
  /** Changes and progress, for every window or tab: each transport subscribes and forwards them. */
  readonly events = new AppEvents();
  /** Long work under way (one at a time), which `tasks.progress` and `tasks.cancel` reach while it runs. */
  readonly tasks = new Tasks((progress) => this.events.emit({ type: 'progress', progress }));
  readonly preferences: Preferences;
  private session: ProjectSession | null = null;
  private readonly turns = new Turns();
  /** Set by a call that joined the open project: its caller is told the project, as if it had opened it. */
  private joined = false;
  private readonly options: DispatchOptions;

  constructor(ports: Ports, options: DispatchOptions = {}) {
    this.ports = ports;
    this.options = options;
    this.preferences = new Preferences(ports.userDataFolder);
    this.cleanCloses = new CleanCloses(ports.userDataFolder);
    fs.mkdirSync(ports.projectsFolder, { recursive: true });
  }

  get project(): ProjectSession | null {
    return this.session;
  }

  requireProject(): ProjectSession {
    if (!this.session) throw new AppError('NO_PROJECT', 'No project is open. Open or create a project first.');
    return this.session;
  }

  /** Replaces the open project (closing the previous one) and remembers it as recent. */
  adopt(session: ProjectSession): ProjectSession {
    this.closeProject();
    this.session = session;
    // A project only read (a command-line export) is not one the user worked on.
    if (!session.file.info.readOnly) this.preferences.addRecent(session.file.path, session.summary().settings.title);
    return session;
  }

  /** The open project, which the calling window or tab now works in too (it opened it while another had it open). */
  join(): ProjectSession {
    this.joined = true;
    return this.requireProject();
  }

  closeProject(): boolean {
    if (!this.session) return false;
    const s = this.session;
    this.session = null;
    s.close();
    if (!s.damage) this.cleanCloses.record(s.file.path);
    return true;
  }

  resolveProjectPath(p: string): string {
    return path.resolve(this.ports.projectsFolder, p);
  }

  /**
   * Runs one call. A caller that names its project (browser tabs share this one app) is refused
   * project calls once another window has opened a different project.
   */
  dispatch(method: string, rawParams: unknown, caller?: Caller): Promise<Envelope> {
    // Calls run one after another, except the few that report on long work while it runs.
    if (isMethodName(method) && contract[method].alongside) return this.execute(method, rawParams, caller);
    return this.inTurn((turn) => this.tellMove(method, () => this.execute(method, rawParams, caller, turn), caller));
  }

  private async inTurn(work: (turn: HeldTurn) => Promise<Envelope>): Promise<Envelope> {
    const turn: HeldTurn = { giveUp: await this.turns.take() };
    try {
      return await work(turn);
    } finally {
      turn.giveUp();
    }
  }

  /**
   * Runs work that writes nothing with the turn given up, so other calls go on meanwhile, and
   * takes the turn again after it. The project must still be the one open: else PROJECT_CHANGED.
   */
  private async beside<T>(turn: HeldTurn | undefined, work: () => Promise<T>): Promise<T> {
    if (!turn) return work();
    const open = this.session;
    turn.giveUp();
    let result: T;
    try {
      result = await work();
    } finally {
      turn.giveUp = await this.turns.take();
    }
    if (this.session !== open) {
      throw new AppError('PROJECT_CHANGED', 'Another window or tab closed or replaced the project while this work was under way, so nothing was changed. Open the project again and repeat it.');
    }
    return result;
  }

  /**
   * A call that opened, created or closed a project tells its caller the project it now works in;
   * one that changed the project hands its caller the change, and tells everyone else.
   */
  private async tellMove(method: string, execute: () => Promise<Envelope>, caller?: Caller): Promise<Envelope> {
    const before = this.session;
    this.joined = false;
    const envelope = await execute();
    const change = before && before === this.session ? this.changeOf(before, method, caller) : null;
    if (change) this.events.emit(change);
    const told = change ? { ...envelope, change } : envelope;
    return this.session === before && !this.joined ? told : { ...told, project: this.session?.file.path ?? null };
  }

  /** The event for the steps the call just wrote (undo writes several), or null when it wrote none. */
  private changeOf(session: ProjectSession, method: string, caller?: Caller): ChangeEvent | null {
    const steps = session.history.takeSteps();
    if (steps.length === 0) return null;
    const tables = session.history.changedRows(steps, EVENT_ROWS_PER_TABLE);
    if (Object.keys(tables).length === 0) return null;
    return { type: 'change', project: session.file.path, method, origin: caller?.client ?? null, tables };
  }

  private async execute(method: string, rawParams: unknown, caller?: Caller, turn?: HeldTurn): Promise<Envelope> {
    try {
      if (!isMethodName(method)) throw new AppError('UNKNOWN_METHOD', `Unknown method “${String(method).slice(0, 80)}”.`);
      const spec = contract[method];
      const parsed = spec.params.safeParse(rawParams ?? {});
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        const where = first?.path.length ? ` (${first.path.join('.')})` : '';
        throw new AppError('BAD_REQUEST', `Invalid request for ${method}${where}: ${first?.message ?? 'malformed parameters'}.`, {
          issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
        });
      }
      const result = await this.run(method, parsed.data, caller, turn);
      if (this.options.validateResults) {
        const checked = spec.result.safeParse(result);
        if (!checked.success) throw new AppError('INTERNAL', `The result of ${method} does not match the contract: ${checked.error.message}`);
      }
      return { ok: true, result };
    } catch (err) {
      return { ok: false, error: toAppError(err).toPayload() };
    }
  }

  private run(method: MethodName, params: unknown, caller?: Caller, turn?: HeldTurn): unknown {
    const spec = contract[method];
    const open = this.session?.file.path ?? null;
    if (caller && caller.project !== open) {
      if (spec.scope === 'project' && open !== null) throw projectChanged(caller.project, open);
      // Closing is for the caller's own project: another window's stays open.
      if (method === 'project.close') return { closed: false };
    }
    let wrote = false;
    const requireProject = () => this.requireProject();
    const oneStep = () => {
      if (!spec.mutates || !spec.recorded) throw new AppError('INTERNAL', `${method} is not a recorded command and cannot write.`);
      if (wrote) throw new AppError('INTERNAL', `${method} tried to write two steps; one command is one step.`);
      wrote = true;
      return requireProject();
    };
    const ctx: HandlerContext = {
      app: this,
      get project() {
        return requireProject();
      },
      write: <T,>(summary: string | ((result: T) => string), work: () => T): T => oneStep().write(method, summary, work),
      writeAsync: <T,>(summary: string | ((result: T) => string), work: () => Promise<T>): Promise<T> => oneStep().writeAsync(method, summary, work),
      beside: <T,>(work: () => Promise<T>): Promise<T> => this.beside(turn, work),
    };
    if (spec.scope === 'project') this.requireProject();
    const damage = spec.mutates && spec.scope === 'project' ? this.session?.damage : null;
    if (damage) throw damage;
    const handler = handlers[method] as (p: unknown, c: HandlerContext) => unknown;
    return handler(params, ctx);
  }
}

function projectChanged(expected: string | null, open: string): AppError {
  const name = (p: string) => `“${path.basename(p)}”`;
  const message =
    expected === null
      ? `Another window or tab opened ${name(open)}; this one has no project open, so nothing was changed. Open ${name(open)} here to work in it.`
      : `${name(expected)} is no longer open: another window or tab opened ${name(open)}, so nothing was changed in either. Open ${name(expected)} again to go on working in it.`;
  return new AppError('PROJECT_CHANGED', message, { expected, open });
}

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string }).code;
  if (code === 'SQLITE_FULL') return new AppError('DISK_FULL', 'The disk is full, so the change was not saved. Free some space and try again.');
  if (code === 'SQLITE_READONLY') return new AppError('PROJECT_READ_ONLY', 'The project file cannot be written (read-only). Save a copy in a folder you can write to.');
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new AppError('CONFLICT', 'That would create a duplicate of something already in the project.');
  }
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
    return new AppError('CONFLICT', 'That change conflicts with the project’s data and was not saved.');
  }
  const message = err instanceof Error ? err.message : String(err);
  return new AppError('INTERNAL', `Something went wrong: ${message}`);
}
