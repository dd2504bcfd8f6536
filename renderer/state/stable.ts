import { useEffect, useRef, useState } from 'react';

function sameItems<T>(a: readonly T[] | undefined, b: readonly T[]): boolean {
  return !!a && a.length === b.length && a.every((x, i) => x === b[i]);
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

/**
 * `value` as it was, caught up with once the page is idle (at most `timeout` ms later): for
 * figures that can wait until the frame that matters, such as a count beside a new chip.
 */
export function useIdleValue<T>(value: T, timeout = 200): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (Object.is(shown, value)) return;
    const id = requestIdleCallback(() => setShown(() => value), { timeout });
    return () => cancelIdleCallback(id);
  }, [shown, value, timeout]);
  return shown;
}
