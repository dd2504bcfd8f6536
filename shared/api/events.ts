import type { TaskProgress } from './methods/app';

/**
 * The rows one recorded command changed, by table (the tables named as in the project file).
 * A table's list is null when the command changed more rows of it than an event names
 * (an import): readers of that table refresh whole.
 */
export type ChangedTables = Readonly<Record<string, readonly string[] | null>>;

/** Rows of one table an event names one by one; beyond this the table is named alone. */
export const EVENT_ROWS_PER_TABLE = 500;

/** One recorded command (undo and redo included) changed the project at `project`. */
export interface ChangeEvent {
  readonly type: 'change';
  readonly project: string;
  readonly method: string;
  /** The window or tab whose call made the change; null for a caller that named none (CLI, tests). */
  readonly origin: string | null;
  readonly tables: ChangedTables;
}

/** How far the long work under way has come; null when it ended. */
export interface ProgressEvent {
  readonly type: 'progress';
  readonly progress: TaskProgress | null;
}

/**
 * What the application tells every window or tab, beside the answers to their calls. Each
 * transport forwards these (WebSocket: `{event}` frames; desktop: a message per window).
 */
export type AppEvent = ChangeEvent | ProgressEvent;

/** A table changed by an event, and whether `rowId` is among its rows (true when the event names the table whole). */
export function touches(tables: ChangedTables, table: string, rowId?: string): boolean {
  const rows = tables[table];
  if (rows === undefined) return false;
  return rowId === undefined || rows === null || rows.includes(rowId);
}
