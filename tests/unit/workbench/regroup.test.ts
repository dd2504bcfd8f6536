import { describe, expect, it } from 'vitest';
import { Prng } from '../../../shared/domain/prng';
import { countGroups, groupBy, regroup, type Grouped } from '../../../renderer/state/regroup';

interface Item {
  readonly id: number;
  readonly unit: string | null;
}

const unitOf = (item: Item) => item.unit;
let seq = 0;
const item = (unit: string | null): Item => ({ id: ++seq, unit });
const units = Array.from({ length: 600 }, (_, i) => `u${i}`);

/** The groups as text, in key order: "u1:3,7 u2:5". */
function plain(groups: ReadonlyMap<string, readonly Item[]>): string {
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, list]) => `${key}:${list.map((i) => i.id).join(',')}`)
    .join(' ');
}

/** The kinds of change the workbench makes to a document's codings. */
function change(items: readonly Item[], rng: Prng): Item[] {
  const next = [...items];
  switch (rng.int(6)) {
    case 0: // apply: new codings at the end
      for (let k = rng.int(3) + 1; k > 0; k--) next.push(item(rng.int(10) ? units[rng.int(units.length)] : null));
      return next;
    case 1: // the stored coding takes the pending one's place at the end
      if (next.length) next.splice(next.length - 1, 1, item(next[next.length - 1].unit));
      return next;
    case 2: // remove one anywhere
      if (next.length) next.splice(rng.int(next.length), 1);
      return next;
    case 3: // remove a few, one after another
      if (next.length) next.splice(rng.int(next.length), rng.int(4) + 1);
      return next;
    case 4: // a new coding in the middle (a different coder's view, merged)
      next.splice(rng.int(next.length + 1), 0, item(units[rng.int(units.length)]));
      return next;
    default: // reload: all new objects
      return next.map((i) => item(i.unit));
  }
}

describe('regroup: groups kept up to date from the last ones', () => {
  it('gives the same groups as grouping afresh, through 700 random changes, over layers and over their flattening', () => {
    const rng = new Prng(2026);
    let items: Item[] = Array.from({ length: 1500 }, () => item(units[rng.int(units.length)]));
    let grouped: Grouped<Item> = groupBy(items, unitOf);
    const kinds = new Set<string>();
    for (let step = 0; step < 700; step++) {
      items = change(items, rng);
      grouped = regroup(grouped, items, unitOf);
      kinds.add(grouped.groups.constructor.name);
      const fresh = groupBy(items, unitOf).groups;
      expect(plain(grouped.groups), `step ${step}`).toEqual(plain(fresh));
      expect(grouped.groups.size, `step ${step}`).toBe(fresh.size);
      for (const key of ['u0', 'u599', 'none']) expect(grouped.groups.has(key)).toBe(fresh.has(key));
    }
    expect([...kinds].sort()).toEqual(['LayeredMap', 'Map']);
  });

  it('keeps every group the change did not touch as the same array, and builds a new one for the group it did', () => {
    const a = item('u1');
    const b = item('u2');
    const c = item('u1');
    const before = groupBy([a, b, c], unitOf);
    const pending = item('u3');
    const withPending = regroup(before, [a, b, c, pending], unitOf);
    expect(withPending.groups.get('u1')).toBe(before.groups.get('u1'));
    expect(withPending.groups.get('u2')).toBe(before.groups.get('u2'));
    const stored = item('u3');
    const after = regroup(withPending, [a, b, c, stored], unitOf);
    expect(after.groups.get('u3')).toEqual([stored]);
    expect(plain(after.groups)).toBe(`u1:${a.id},${c.id} u2:${b.id} u3:${stored.id}`);
    expect(after.groups.get('u3')).not.toBe(withPending.groups.get('u3'));
    expect(after.groups.get('u1')).toBe(before.groups.get('u1'));
    // Taking a unit's last coding away takes its group away.
    expect(regroup(after, [a, b, c], unitOf).groups.has('u3')).toBe(false);
  });

  it('hands back the very same groups for the same list', () => {
    const items = [item('u1'), item(null)];
    const grouped = groupBy(items, unitOf);
    expect(regroup(grouped, items, unitOf)).toBe(grouped);
    expect(grouped.groups.has('null')).toBe(false);
  });

  it('counts the groups that pass a test from the last count and the changed groups, as counting afresh would', () => {
    const rng = new Prng(7);
    // "Units the coder coded": a group passes when it holds an item of an odd id.
    const odd = (list: readonly Item[]) => list.some((i) => i.id % 2 === 1);
    const even = (list: readonly Item[]) => list.length >= 2;
    let items: Item[] = Array.from({ length: 1200 }, () => item(units[rng.int(units.length)]));
    let grouped: Grouped<Item> = groupBy(items, unitOf);
    let layered = 0;
    for (let step = 0; step < 500; step++) {
      items = change(items, rng);
      grouped = regroup(grouped, items, unitOf);
      if (grouped.groups.constructor.name === 'LayeredMap') layered++;
      const fresh = [...groupBy(items, unitOf).groups.values()];
      expect(countGroups(grouped.groups, 'odd', odd), `step ${step}`).toBe(fresh.filter(odd).length);
      // A second test on the same map keeps a count of its own.
      expect(countGroups(grouped.groups, 'two or more', even), `step ${step}`).toBe(fresh.filter(even).length);
    }
    expect(layered).toBeGreaterThan(100);
  });
});
