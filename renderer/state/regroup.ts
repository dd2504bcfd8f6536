// Grouping a list by key and keeping the groups up to date as the list changes a little at a
// time: the open document's codings by unit. Pure: no React, no DOM.

export interface Grouped<T> {
  readonly items: readonly T[];
  /** The items by key, each group in the items' order; items without a key are left out. */
  readonly groups: ReadonlyMap<string, readonly T[]>;
}

export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string | null): Grouped<T> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return { items, groups };
}

/**
 * Groups `items` again, reusing `before`: the items both arrays share at their start and end (the
 * same objects) keep their groups, and only the groups of the items between are rebuilt. A group
 * with no change in it stays the very same array, so memoized parts that take a group skip
 * redrawing. Coding one unit of a 10,000-coding document touches one group, not 10,000 items.
 */
export function regroup<T>(before: Grouped<T> | null, items: readonly T[], keyOf: (item: T) => string | null): Grouped<T> {
  if (!before) return groupBy(items, keyOf);
  const old = before.items;
  if (old === items) return before;
  const shorter = Math.min(old.length, items.length);
  let head = 0;
  while (head < shorter && old[head] === items[head]) head++;
  let tail = 0;
  while (tail < shorter - head && old[old.length - 1 - tail] === items[items.length - 1 - tail]) tail++;
  const gone = old.slice(head, old.length - tail);
  const come = items.slice(head, items.length - tail);
  // A change to much of the list (a reload): grouping afresh is cheaper.
  if (gone.length + come.length > Math.max(64, items.length / 4)) return groupBy(items, keyOf);
  const goneSet = new Set(gone);
  const comeByKey = groupBy(come, keyOf).groups;
  const keys = new Set(comeByKey.keys());
  for (const item of gone) {
    const key = keyOf(item);
    if (key !== null) keys.add(key);
  }
  if (keys.size === 0) return { items, groups: before.groups };
  const changed = new Map<string, readonly T[] | undefined>();
  for (const key of keys) {
    const group = before.groups.get(key) ?? [];
    const added = comeByKey.get(key) ?? [];
    // The changed stretch sits between the group's items from the shared start and end.
    let at = group.findIndex((item) => goneSet.has(item));
    if (at < 0) at = group.length - countKey(items, items.length - tail, keyOf, key);
    const next = [...group.slice(0, at).filter((item) => !goneSet.has(item)), ...added, ...group.slice(at).filter((item) => !goneSet.has(item))];
    changed.set(key, next.length ? next : undefined);
  }
  return { items, groups: LayeredMap.over(before.groups, changed) };
}

/**
 * A map made of a few changed entries over another map, which it leaves as it is: copying 3,500
 * groups for each coding would cost more than the coding. Layers do not pile up: a layer over a
 * layer takes over its changes, and once there are many the whole is copied into a plain map.
 */
class LayeredMap<V> implements ReadonlyMap<string, V> {
  private static readonly MOST_CHANGES = 256;

  private constructor(
    private readonly base: ReadonlyMap<string, V>,
    /** Changed entries; undefined for one taken out. */
    private readonly top: ReadonlyMap<string, V | undefined>,
    readonly size: number,
  ) {}

  static over<V>(map: ReadonlyMap<string, V>, changes: ReadonlyMap<string, V | undefined>): ReadonlyMap<string, V> {
    const base = map instanceof LayeredMap ? (map.base as ReadonlyMap<string, V>) : map;
    const top = map instanceof LayeredMap ? new Map<string, V | undefined>(map.top as ReadonlyMap<string, V | undefined>) : new Map<string, V | undefined>();
    let size = map.size;
    for (const [key, value] of changes) {
      const had = map.has(key);
      size += (value !== undefined ? 1 : 0) - (had ? 1 : 0);
      top.set(key, value);
    }
    const layered = new LayeredMap(base, top, size);
    return top.size > LayeredMap.MOST_CHANGES ? new Map(layered) : layered;
  }

  /** The map underneath and the changes over it (undefined: taken out). */
  layers(): { readonly base: ReadonlyMap<string, V>; readonly top: ReadonlyMap<string, V | undefined> } {
    return { base: this.base, top: this.top };
  }

  get(key: string): V | undefined {
    return this.top.has(key) ? this.top.get(key) : this.base.get(key);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  *entries(): MapIterator<[string, V]> {
    for (const [key, value] of this.top) if (value !== undefined) yield [key, value];
    for (const [key, value] of this.base) if (!this.top.has(key)) yield [key, value];
  }

  *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this);
  }
}

const counts = new WeakMap<ReadonlyMap<string, unknown>, Map<string, number>>();

/**
 * How many groups pass `test`, counted once per map and kept: a map layered over one already
 * counted is counted from that one's figure and its few changed entries alone. `testKey` names
 * the test (a different test needs a different key), so one map can hold several counts.
 */
export function countGroups<V>(groups: ReadonlyMap<string, V>, testKey: string, test: (group: V) => boolean): number {
  const known = counts.get(groups)?.get(testKey);
  if (known !== undefined) return known;
  let n = 0;
  if (groups instanceof LayeredMap) {
    const { base, top } = groups.layers();
    n = countGroups(base as ReadonlyMap<string, V>, testKey, test);
    for (const [key, value] of top as ReadonlyMap<string, V | undefined>) {
      const before = base.get(key) as V | undefined;
      n += (value !== undefined && test(value) ? 1 : 0) - (before !== undefined && test(before) ? 1 : 0);
    }
  } else for (const group of groups.values()) if (test(group)) n++;
  let byTest = counts.get(groups);
  if (!byTest) counts.set(groups, (byTest = new Map()));
  byTest.set(testKey, n);
  return n;
}

function countKey<T>(items: readonly T[], from: number, keyOf: (item: T) => string | null, key: string): number {
  let n = 0;
  for (let i = from; i < items.length; i++) if (keyOf(items[i]) === key) n++;
  return n;
}
