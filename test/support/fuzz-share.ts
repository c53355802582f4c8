/**
 * Which share of a seeded fuzz's default cases this run takes. `FGAC_FUZZ_SHARE=k/n` (1 <= k <= n) keeps the k-th of n
 * interleaved shares; unset, a run takes all of them. test/matrix/run.ts gives each of its four client and Node.js legs
 * another quarter, so the legs add cases to the Node 20 run of `npm test` (which takes them all) instead of repeating
 * the same ones four times. A seed list or count given by a fuzz's own variable (to replay a case) is not shared.
 */
export interface FuzzShare {
  /** 0-based index of the share taken. */
  readonly index: number;
  /** How many shares the cases are split into (1: all). */
  readonly of: number;
}

/** The share named by FGAC_FUZZ_SHARE; a value that is not `k/n` fails the run rather than running everything or nothing. */
export function fuzzShare(env: NodeJS.ProcessEnv = process.env): FuzzShare {
  const raw = env.FGAC_FUZZ_SHARE;
  if (raw === undefined || raw === '') return { index: 0, of: 1 };
  const m = /^(\d{1,3})\/(\d{1,3})$/.exec(raw.trim());
  const k = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!(k >= 1 && n >= 1 && k <= n)) throw new Error(`FGAC_FUZZ_SHARE: expected k/n with 1 <= k <= n, got ${JSON.stringify(raw)}`);
  return { index: k - 1, of: n };
}

/** The items of this run's share (every n-th item from the k-th), in their order. */
export function shareOf<T>(items: readonly T[], share: FuzzShare = fuzzShare()): T[] {
  return items.filter((_item, i) => i % share.of === share.index);
}

/** This run's share of the seeds `base`, `base + 1`, ... `base + count - 1`. */
export function shareSeeds(count: number, base = 0, share: FuzzShare = fuzzShare()): number[] {
  return shareOf(Array.from({ length: count }, (_x, i) => base + i), share);
}

/**
 * A property check's share: `runs / n` runs (at least one) from a seed of its own, so the legs draw different cases
 * rather than the first cases of one sequence each.
 */
export function shareRuns(runs: number, seed: number, share: FuzzShare = fuzzShare()): { numRuns: number; seed: number } {
  if (share.of === 1) return { numRuns: runs, seed };
  return { numRuns: Math.max(1, Math.ceil(runs / share.of)), seed: seed + share.index };
}

/**
 * Whether this run takes every default case: a fuzz asserts that its cases reach every outcome it is meant to reach
 * only then (a property of the generator over all its cases, checked by the run that takes them all).
 */
export function takesAllCases(share: FuzzShare = fuzzShare()): boolean {
  return share.of === 1;
}
