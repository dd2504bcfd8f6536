// Fixed-size bit sets over unit indexes: one per coder and code, so a 2×2 table is three
// AND-and-count passes over a few thousand words instead of a loop over units and a lookup each.

export type Bits = Uint32Array;

export function makeBits(size: number): Bits {
  return new Uint32Array((size + 31) >>> 5);
}

export function setBit(bits: Bits, index: number): void {
  bits[index >>> 5] |= 1 << (index & 31);
}

export function hasBit(bits: Bits, index: number): boolean {
  return (bits[index >>> 5] & (1 << (index & 31))) !== 0;
}

export function popcount32(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

export function countBits(bits: Bits): number {
  let n = 0;
  for (let i = 0; i < bits.length; i++) n += popcount32(bits[i]);
  return n;
}

/** In-place OR of `other` into `target`. */
export function orInto(target: Bits, other: Bits): void {
  for (let i = 0; i < target.length; i++) target[i] |= other[i];
}

export function andBits(a: Bits, b: Bits): Bits {
  const out = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] & b[i];
  return out;
}

export interface PairCounts {
  both: number;
  onlyA: number;
  onlyB: number;
}

/** Counts both / only A / only B inside `mask`; a missing set stands for "nothing marked". */
export function pairCounts(a: Bits | undefined, b: Bits | undefined, mask: Bits): PairCounts {
  let both = 0;
  let onlyA = 0;
  let onlyB = 0;
  if (a && b) {
    for (let i = 0; i < mask.length; i++) {
      const m = mask[i];
      if (m === 0) continue;
      const x = a[i] & m;
      const y = b[i] & m;
      if ((x | y) === 0) continue;
      both += popcount32(x & y);
      onlyA += popcount32(x & ~y);
      onlyB += popcount32(y & ~x);
    }
  } else if (a) {
    for (let i = 0; i < mask.length; i++) onlyA += popcount32(a[i] & mask[i]);
  } else if (b) {
    for (let i = 0; i < mask.length; i++) onlyB += popcount32(b[i] & mask[i]);
  }
  return { both, onlyA, onlyB };
}

/** Calls `visit(index)` for every set bit of `bits & mask`, in increasing order. */
export function forEachBit(bits: Bits, mask: Bits, visit: (index: number) => void): void {
  for (let i = 0; i < bits.length; i++) {
    let word = bits[i] & mask[i];
    while (word !== 0) {
      const low = word & -word;
      visit((i << 5) + 31 - Math.clz32(low));
      word ^= low;
    }
  }
}
