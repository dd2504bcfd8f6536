import type { MethodName, ParsedParams, Result } from '../../shared/api/contract';
import type { Application } from './application';
import type { ProjectSession } from './session';

export interface HandlerContext {
  readonly app: Application;
  /** The open project; throws NO_PROJECT when none is open. */
  readonly project: ProjectSession;
  /** Runs the command's changes as one transaction and one undoable, audited step. */
  write<T>(summary: string | ((result: T) => string), work: () => T): T;
  /** As `write`, for long work that reports its progress between its parts (see Tasks). */
  writeAsync<T>(summary: string | ((result: T) => string), work: () => Promise<T>): Promise<T>;
  /**
   * Runs work that writes nothing (reading, working out what to write) while other calls take
   * their turns; the call has its turn again afterwards, to write. Never wrap a write in it.
   */
  beside<T>(work: () => Promise<T>): Promise<T>;
}

export type Handler<K extends MethodName> = (params: ParsedParams<K>, ctx: HandlerContext) => Result<K> | Promise<Result<K>>;

export type HandlerMap<K extends MethodName> = { readonly [M in K]: Handler<M> };
