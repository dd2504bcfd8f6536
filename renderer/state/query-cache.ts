import { useEffect, useState } from 'react';
import type { MethodName, Params, Result } from '../../shared/api/contract';
import type { ChangeEvent } from '../../shared/api/events';
import { createStore } from './create-store';

/**
 * Every recorded command writes one audit step: views of the audit log read this table, which
 * every change event counts as touched.
 */
export const AUDIT_TABLE = 'audit_steps';

/** How often each table has changed since the page loaded: a view re-reads when one of its tables moves. */
const useVersions = createStore<{ readonly versions: Readonly<Record<string, number>> }>(() => ({ versions: {} }));

/** Whose change it was: this page's own call (its answer carried the change), or another window's. */
export interface ChangeSource {
  readonly own: boolean;
}

type ChangeListener = (event: ChangeEvent, source: ChangeSource) => void;
const listeners = new Set<ChangeListener>();

/** Takes in a change (this page's, from an answer; another's, pushed) and re-reads what shows its tables. */
export function applyChange(event: ChangeEvent, source: ChangeSource): void {
  useVersions.setState((s) => {
    const versions = { ...s.versions };
    for (const table of [...Object.keys(event.tables), AUDIT_TABLE]) versions[table] = (versions[table] ?? 0) + 1;
    return { versions };
  });
  for (const listener of listeners) listener(event, source);
}

/** For stores outside React: `listener` hears every change that touches one of `tables`. */
export function onTables(tables: readonly string[], listener: ChangeListener): () => void {
  const wrapped: ChangeListener = (event, source) => {
    if (tables.some((t) => t in event.tables)) listener(event, source);
  };
  listeners.add(wrapped);
  return () => void listeners.delete(wrapped);
}

/** A number that moves whenever one of `tables` changes: a view lists it among its effect's dependencies. */
export function useTablesVersion(tables: readonly string[]): number {
  // The sum of counters that only grow moves exactly when one of them does.
  return useVersions((s) => tables.reduce((n, t) => n + (s.versions[t] ?? 0), 0));
}

/**
 * Calls a read method, and again whenever its parameters change or a change touches one of the
 * tables it reads. `params` null asks nothing yet.
 */
export function useTableQuery<K extends MethodName>(
  method: K,
  params: Params<K> | null,
  tables: readonly string[],
  read: (method: K, params: Params<K>) => Promise<Result<K> | null>,
): { data: Result<K> | null; loading: boolean } {
  const version = useTablesVersion(tables);
  const [state, setState] = useState<{ key: string; data: Result<K> | null }>({ key: '', data: null });
  const key = params === null ? '' : JSON.stringify(params);
  useEffect(() => {
    if (params === null) return;
    let live = true;
    void read(method, params).then((data) => {
      if (live) setState({ key, data });
    });
    return () => {
      live = false;
    };
    // The key stands for the parameters: a new object with the same content does not call again.
  }, [method, key, version]);
  return { data: state.data, loading: state.key !== key };
}
