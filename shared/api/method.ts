import type { z } from 'zod';

/**
 * One method of the contract. `mutates` marks commands that change the project: the transport
 * layer hangs undo, the audit log and store refreshes off this flag in one place.
 * `scope: 'app'` methods work without an open project (start screen).
 */
export interface MethodSpec<P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  readonly params: P;
  readonly result: R;
  readonly mutates: boolean;
  /** Mutating methods run as one recorded (undoable, audited) step unless they record themselves. */
  readonly recorded: boolean;
  readonly scope: 'app' | 'project';
  /** Answered at once, beside the call that is running (a long import), rather than after it. */
  readonly alongside: boolean;
  readonly summary: string;
}

export function query<P extends z.ZodType, R extends z.ZodType>(summary: string, params: P, result: R): MethodSpec<P, R> {
  return { params, result, mutates: false, recorded: false, scope: 'project', alongside: false, summary };
}

export function command<P extends z.ZodType, R extends z.ZodType>(summary: string, params: P, result: R): MethodSpec<P, R> {
  return { params, result, mutates: true, recorded: true, scope: 'project', alongside: false, summary };
}

export function appMethod<P extends z.ZodType, R extends z.ZodType>(summary: string, params: P, result: R): MethodSpec<P, R> {
  return { params, result, mutates: false, recorded: false, scope: 'app', alongside: false, summary };
}

/** How far long work has come, or a request to stop it: answered while that work runs. */
export function alongsideMethod<P extends z.ZodType, R extends z.ZodType>(summary: string, params: P, result: R): MethodSpec<P, R> {
  return { params, result, mutates: false, recorded: false, scope: 'app', alongside: true, summary };
}

/** Undo and redo change the project but write their own audit steps. */
export function historyMethod<P extends z.ZodType, R extends z.ZodType>(summary: string, params: P, result: R): MethodSpec<P, R> {
  return { params, result, mutates: true, recorded: false, scope: 'project', alongside: false, summary };
}
