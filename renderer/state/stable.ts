import { useMemo, useRef } from 'react';

function sameItems<T>(a: readonly T[] | undefined, b: readonly T[]): boolean {
  return !!a && a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Hands back last render's array for every group whose items are the same objects, so memoized
 * rows that take a group skip redrawing when only another group changed.
 */
export function useStableGroups<T>(groups: ReadonlyMap<string, readonly T[]>): ReadonlyMap<string, readonly T[]> {
  const previous = useRef<ReadonlyMap<string, readonly T[]>>(new Map());
  return useMemo(() => {
    const next = new Map<string, readonly T[]>();
    for (const [key, items] of groups) {
      const before = previous.current.get(key);
      next.set(key, sameItems(before, items) ? before! : items);
    }
    previous.current = next;
    return next;
  }, [groups]);
}

/** Last render's value while `same` says nothing that matters changed. */
export function useStable<T>(value: T, same: (before: T, now: T) => boolean): T {
  const previous = useRef(value);
  if (previous.current !== value && !same(previous.current, value)) previous.current = value;
  return previous.current;
}

/** Last render's array while it holds the same objects in the same order. */
export function useStableArray<T>(items: readonly T[]): readonly T[] {
  return useStable(items, sameItems);
}
