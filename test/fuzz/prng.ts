/**
 * A small deterministic PRNG for the parser fuzzer: the same seed gives the same inputs on every
 * machine, so a failure printed with its seed and case number can be replayed exactly.
 */

/** Mixes a 32-bit value (the finalizer of MurmurHash3); used to derive one seed per case. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The seed of case `index` of a run seeded with `runSeed`: each case replays on its own. */
export function caseSeed(runSeed: number, index: number): number {
  return mix32(mix32(runSeed) ^ mix32(index + 0x9e3779b9));
}

/** Random choices drawn from one mulberry32 stream. */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max], both included. */
  range(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** A size that is usually small and occasionally large: 0..max with a strong bias to 0..3. */
  small(max: number): number {
    const r = this.next();
    return Math.min(max, Math.floor(r * r * r * (max + 1)));
  }
}
