/**
 * Row indexes ordered by a small integer key (a counting sort, linear time); rows with a negative
 * key come first. Walking rows in this order, equal keys are adjacent, so "distinct" counts need
 * only the last key seen per tally instead of a set.
 */
export function orderBy(keys: Int32Array, size: number): Int32Array {
  const starts = new Int32Array(size + 2);
  for (let i = 0; i < keys.length; i++) starts[keys[i] + 2] += 1;
  for (let k = 1; k < starts.length; k++) starts[k] += starts[k - 1];
  const order = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) order[starts[keys[i] + 1]++] = i;
  return order;
}

/** Counts, per tally, how many distinct keys its rows have: rows visited in key order, each tally remembering its last key. */
export class DistinctCounter {
  readonly counts: Int32Array;
  private readonly last: Int32Array;

  constructor(tallies: number) {
    this.counts = new Int32Array(tallies);
    this.last = new Int32Array(tallies).fill(-1);
  }

  /** Notes key `key` (≥ 0) for tally `t`; true when it is new for that tally. */
  see(t: number, key: number): boolean {
    if (this.last[t] === key) return false;
    this.last[t] = key;
    this.counts[t] += 1;
    return true;
  }
}
