import { useAppStore } from './app-store';
import { createStore } from './create-store';

/**
 * A store whose whole state belongs to the open project: its find, picks, forms and results.
 * When another project (or none) is open, it starts again from `initial`, so nothing of the last
 * project (its ids, its words, its hits) shows in the next one. Reopening the same project keeps it.
 */
export function createProjectStore<T extends object>(initial: () => T) {
  const store = createStore<T>(initial);
  useAppStore.subscribe((s, prev) => {
    if (s.project?.path !== prev.project?.path) store.setState(initial(), true);
  });
  return store;
}
