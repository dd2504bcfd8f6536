// A small seeded generator: the same seed gives the same numbers on every machine, so the bench's
// synthetic studies repeat and an agreement report's bootstrap intervals reproduce. Not for anything secret.

/** A seed of its own for each named stream (a code, "pooled"…), so one figure's draws do not depend on which others were computed. */
export function seedFor(seed: number, key: string): number {
  // FNV-1a over the key's UTF-16 code units, then mixed with the seed.
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (Math.imul(h ^ (seed >>> 0), 0x9e3779b1) ^ (seed >>> 0)) >>> 0;
}

export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** The next 32-bit unsigned integer: a Weyl sequence passed through an integer mixer. */
  next(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  }

  /** A float in [0, 1). */
  float(): number {
    return this.next() / 0x1_0000_0000;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** An integer in [min, max], both included. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** A version-4-shaped UUID drawn from the stream, so ids repeat with the seed. */
  uuid(): string {
    const hex = (n: number) => n.toString(16).padStart(8, '0');
    const a = hex(this.next());
    const b = hex(this.next());
    const c = hex(this.next());
    const d = hex(this.next());
    const variant = ((parseInt(c[0], 16) & 0x3) | 0x8).toString(16);
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
  }
}
