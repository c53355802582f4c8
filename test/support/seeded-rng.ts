/** The property checks' seeded PRNG (seed-data.ts `rng`, the same sequences) with the helpers their generators use. */
import { rng } from '../domain/seed-data.js';

/** Deterministic draws from one seed. */
export class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = rng(seed);
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }
}
