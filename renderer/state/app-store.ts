import type { Client } from '../../shared/api/client';
import { contract, type MethodName, type Params, type Result } from '../../shared/api/contract';
import type { ProjectSummary } from '../../shared/api/entities';
import type { TaskProgress } from '../../shared/api/methods/app';
import { AppError } from '../../shared/api/errors';
import { connect } from '../api/connection';
import { createStore } from './create-store';
import { applyChange } from './query-cache';
import { askToReplace } from './replace-question';

export type SaveState = 'saved' | 'saving' | 'failed';
/** The id of a work-surface tab (see features/views.ts). */
export type View = string;

export interface AppInfo {
  readonly version: string;
  readonly schemaVersion: number;
  readonly platform: 'electron' | 'browser' | 'direct';
  readonly projectsFolder: string;
  readonly nativeDialogs: boolean;
}

interface AppState {
  readonly info: AppInfo | null;
  readonly project: ProjectSummary | null;
  /** Bumped each time a project is opened here: the workspace reads it whole then (changes re-read by table, see query-cache). */
  readonly opened: number;
  readonly saveState: SaveState;
  readonly pendingWrites: number;
  readonly error: { readonly message: string; readonly code: string; readonly details?: unknown } | null;
  readonly view: View;
  readonly paletteOpen: boolean;
  readonly dialog: 'new' | 'open' | 'coder' | 'about' | 'keys' | 'settings' | 'handOut' | 'merge' | null;
  readonly theme: 'light' | 'dark';
  /** The long work under way in the application (this tab's or another's), as its progress events tell. */
  readonly task: TaskProgress | null;
}

export const useAppStore = createStore<AppState>(() => ({
  info: null,
  project: null,
  opened: 0,
  saveState: 'saved',
  pendingWrites: 0,
  error: null,
  view: 'transcript',
  paletteOpen: false,
  dialog: null,
  theme: 'light',
  task: null,
}));

let client: Client | null = null;
const localMutations = new Set<MethodName>();

/**
 * Marks methods whose callers put their result into the open document and the lists themselves
 * (coding must draw in the next frame): their own changes re-read only the other views.
 */
export function markLocalMutations(methods: readonly MethodName[]): void {
  for (const m of methods) localMutations.add(m);
}

/** Whether this page's own call of `method` already put its result into the open document. */
export function patchedByCaller(method: string): boolean {
  return localMutations.has(method as MethodName);
}

function api(): Client {
  if (!client) {
    client = connect({
      onCallStart: (method) => {
        if (isWrite(method)) useAppStore.setState((s) => ({ pendingWrites: s.pendingWrites + 1, saveState: 'saving' }));
      },
      onCallEnd: (method, ok) => {
        if (!isWrite(method)) return;
        useAppStore.setState((s) => {
          const pending = Math.max(0, s.pendingWrites - 1);
          return { pendingWrites: pending, saveState: ok ? (pending === 0 ? 'saved' : 'saving') : 'failed' };
        });
      },
      onMutation: (_method, change) => {
        if (change) applyChange(change, { own: true });
      },
    }, (event) => {
      if (event.type === 'change') applyChange(event, { own: false });
      else useAppStore.setState({ task: event.progress });
    });
  }
  return client;
}

function isWrite(method: MethodName): boolean {
  return contract[method].mutates;
}

/**
 * Calls the application; a failure becomes the visible error message and is re-thrown. An export
 * refused because its file exists asks the user, and goes ahead only if they choose to replace it.
 */
export async function call<K extends MethodName>(method: K, params: Params<K>): Promise<Result<K>> {
  try {
    return await api().call(method, params).catch(async (err: unknown) => {
      const existing = existingFile(err);
      if (existing === null) throw err;
      if (!(await askToReplace(existing))) throw new AppError('CANCELLED', `Nothing was written: ${existing} was kept as it was.`);
      return api().call(method, { ...params, overwrite: true });
    });
  } catch (err) {
    const e = err instanceof AppError ? err : new AppError('INTERNAL', err instanceof Error ? err.message : String(err));
    useAppStore.setState({ error: { message: e.message, code: e.code, details: e.details } });
    throw e;
  }
}

function existingFile(err: unknown): string | null {
  if (!(err instanceof AppError) || err.code !== 'FILE_EXISTS') return null;
  const where = (err.details as { path?: unknown } | undefined)?.path;
  return typeof where === 'string' ? where : null;
}

/** Like `call`, but a failure only shows its message: for buttons and commands. */
export async function attempt<K extends MethodName>(method: K, params: Params<K>): Promise<Result<K> | null> {
  try {
    return await call(method, params);
  } catch {
    return null;
  }
}

/** Calls the application; a refusal goes to `onError`, to be shown where the user acted, not in the banner. */
export async function attemptHere<T>(work: () => Promise<T>, onError: (message: string) => void): Promise<T | null> {
  try {
    return await work();
  } catch (err) {
    clearError();
    onError(err instanceof Error ? err.message : String(err));
    return null;
  }
}

/** For reads that may race a deletion (a node merged away while shown): null instead of an error message. */
export async function callQuietly<K extends MethodName>(method: K, params: Params<K>): Promise<Result<K> | null> {
  try {
    return await api().call(method, params);
  } catch {
    return null;
  }
}

export function clearError(): void {
  useAppStore.setState({ error: null });
}

export async function refreshProject(): Promise<void> {
  const project = await call('project.get', {});
  useAppStore.setState({ project });
}

export function projectOpened(project: ProjectSummary): void {
  useAppStore.setState((s) => ({ project, error: null, dialog: project.currentCoderId ? null : 'coder', view: 'transcript', opened: s.opened + 1 }));
}
