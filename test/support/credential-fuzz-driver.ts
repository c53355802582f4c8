/**
 * The credentials fuzz's driver: one seed's calls (rounds of concurrent requests, each with its abort
 * plan, close() at a planned point, a shared retry.signal), the ordered event log they leave, and the
 * checks over that log (typed failures, no secret, no request after abort/close, ends at once).
 */
import { errors, type Client } from '@opensearch-project/opensearch';
import { leaked, typedProblem } from './credential-fuzz-judge.js';
import type { Rng } from './seeded-rng.js';

/** One event of a seed, in the order it happened. */
export type Ev = { t: 'pstart' | 'psettle'; i: number } | { t: 'abort' | 'request' | 'settle'; call: number; error?: unknown } | { t: 'close' };

/** One call of a credential source, as the fuzz saw it. */
export interface ProviderCall { i: number; b: { kind: string; verdict: string; long?: boolean }; start: number; end?: number }

/** When a call is aborted. */
export type AbortPlan = 'none' | 'sync' | 'tick' | 'provider' | 'request';
/** When the client is closed. */
export type ClosePlan = 'none' | 'provider' | 'request' | 'between';

/** A seed's calls and their timing plan. */
export interface CallPlan {
  /** Names the seed in the stub's routing header (`iam-12`). */
  key: string;
  rounds: number;
  perRound: number;
  aborts: AbortPlan[];
  close: ClosePlan;
  /** Aborted when the first provider call starts. */
  shared?: AbortController | undefined;
}

/** Draws a call plan (`clean`: no abort, close or shared signal). */
export function drawPlan(r: Rng, key: string, clean: boolean): CallPlan {
  const rounds = r.int(1, 2);
  const perRound = r.int(1, 8);
  const aborts = Array.from({ length: rounds * perRound }, (): AbortPlan => (clean ? 'none' : r.pick(['none', 'none', 'none', 'none', 'sync', 'tick', 'provider', 'request'] as const)));
  const close: ClosePlan = clean ? 'none' : r.pick(['none', 'none', 'none', 'provider', 'request', 'between'] as const);
  return { key, rounds, perRound, aborts, close, shared: !clean && r.chance(0.1) ? new AbortController() : undefined };
}

/** Seeds run at a time. */
const PARALLEL = Number(process.env.CRED_FUZZ_PARALLEL ?? 6);

/** Runs a plan's calls on a client and keeps the event log. */
export class Driver {
  readonly ev: Ev[] = [];
  readonly #pending: Array<{ abort(): unknown } | undefined> = [];
  readonly #waiting: number[] = [];
  #closing: Promise<unknown> | undefined;
  #received = 0;
  #client: Client | undefined;

  constructor(readonly plan: CallPlan, readonly violations: string[]) {}

  /** Follows the client's attempts ('request' events carry the call number in a header). */
  attach(client: Client): void {
    this.#client = client;
    client.on('request', (err, result) => {
      if (err !== null && err !== undefined) return;
      const headers = (result as { meta?: { request?: { params?: { headers?: Record<string, unknown> } } } } | null)?.meta?.request?.params?.headers;
      this.ev.push({ t: 'request', call: Number(headers?.['x-fuzz-call']) });
    });
  }

  abort(call: number): void {
    const p = this.#pending[call];
    if (p === undefined) return;
    this.ev.push({ t: 'abort', call });
    p.abort();
  }

  close(): void {
    if (this.#closing !== undefined || this.#client === undefined) return;
    this.ev.push({ t: 'close' });
    this.#closing = this.#client.close();
  }

  /** A provider call starts: the planned aborts, close() and shared signal happen now. */
  providerStarted(i: number): void {
    this.ev.push({ t: 'pstart', i });
    for (const c of this.#waiting.splice(0)) this.abort(c);
    if (i === 0 && this.plan.close === 'provider') this.close();
    if (i === 0 && this.plan.shared !== undefined && !this.plan.shared.signal.aborted) {
      // every call made so far (and every later one) is aborted through its retry.signal
      this.#pending.forEach((p, call) => { if (p !== undefined) this.ev.push({ t: 'abort', call }); });
      this.plan.shared.abort(new Error('shared signal'));
    }
  }

  /** The stub received a request of `call`. */
  received(call: number): void {
    this.#received++;
    if (this.plan.aborts[call] === 'request') this.abort(call);
    if (this.plan.close === 'request' && this.#received === 1) this.close();
  }

  /** Makes the calls, round by round, then closes the client. */
  async run(): Promise<void> {
    const client = this.#client as Client;
    const { plan } = this;
    for (let round = 0; round < plan.rounds; round++) {
      const batch: Array<Promise<void>> = [];
      for (let k = 0; k < plan.perRound; k++) {
        const c = round * plan.perRound + k;
        const headers = { 'x-fuzz-seed': plan.key, 'x-fuzz-call': String(c) };
        const call = c % 2 === 0 ? client.info({}, { headers }) : client.search({ index: 'fz', body: { query: { match_all: {} } } }, { headers });
        this.#pending[c] = call;
        if (plan.shared?.signal.aborted === true) this.ev.push({ t: 'abort', call: c });
        batch.push(call.then(() => { this.ev.push({ t: 'settle', call: c }); }, (error: unknown) => { this.ev.push({ t: 'settle', call: c, error }); }));
        const when = plan.aborts[c];
        if (when === 'sync') this.abort(c);
        else if (when === 'tick') setImmediate(() => this.abort(c));
        else if (when === 'provider') this.#waiting.push(c);
      }
      await guard(Promise.all(batch), `round ${round} did not settle`, this.violations);
      if (plan.close === 'between' && round === 0) this.close();
    }
    this.close();
    await guard(this.#closing ?? Promise.resolve(), 'close() did not settle', this.violations);
  }
}

/** How often each check met its case, over all seeds (the test asserts the fuzz reached them). */
export const coverage = new Map<string, number>();

/** Counts one case met. */
export function count(what: string): void {
  coverage.set(what, (coverage.get(what) ?? 0) + 1);
}

function errorName(e: unknown): string {
  try {
    return String((e as Error).name);
  } catch {
    return 'unreadable';
  }
}

/** C4-C7 over the event log. */
export function checkEvents(ev: readonly Ev[], pcalls: readonly ProviderCall[], v: string[], source: RegExp, secrets: Set<string>): void {
  const abortAt = new Map<number, number>();
  let closeAt = Number.POSITIVE_INFINITY;
  ev.forEach((e, at) => {
    if (e.t === 'abort' && !abortAt.has(e.call)) abortAt.set(e.call, at);
    if (e.t === 'close' && closeAt === Number.POSITIVE_INFINITY) closeAt = at;
    if (e.t === 'request') {
      if ((abortAt.get(e.call) ?? Number.POSITIVE_INFINITY) < at) v.push(`C6 call ${e.call} started a request after its abort()`);
      if (closeAt < at) v.push(`C6 call ${e.call} started a request after close()`);
    }
    if (e.t === 'settle' && e.error !== undefined) {
      const problem = typedProblem(e.error, source);
      if (problem !== undefined) v.push(`C4 call ${e.call}: ${problem}`);
      for (const s of leaked(e.error, secrets)) v.push(`C5 call ${e.call} error shows ${s}`);
      const aborted = abortAt.get(e.call);
      if (aborted !== undefined && closeAt > aborted && !(e.error instanceof errors.RequestAbortedError)) {
        v.push(`C6 call ${e.call} aborted but ended with ${(e.error as Error)?.name}`);
      }
      count(`error:${errorName(e.error)}`);
    }
    if (e.t === 'settle' && e.error === undefined) {
      count('success');
      if (abortAt.has(e.call) && closeAt > (abortAt.get(e.call) ?? 0)) v.push(`C6 call ${e.call} aborted but succeeded`);
    }
    if (e.t === 'request') count('request');
    if (e.t === 'abort') count('abort');
  });
  // C7: an aborted call waiting for credentials (no request of its own yet) ends before a later provider answer
  for (const [call, at] of abortAt) {
    if (ev.slice(0, at).some((e) => e.t === 'request' && e.call === call)) continue;
    const settled = ev.findIndex((e) => e.t === 'settle' && e.call === call);
    if (settled < at) continue;
    for (const p of pcalls) {
      if (p.b.verdict !== 'late') continue;
      const started = ev.findIndex((e) => e.t === 'pstart' && e.i === p.i);
      const answered = ev.findIndex((e) => e.t === 'psettle' && e.i === p.i);
      if (started > at || answered < at) continue;
      count('C7 aborted wait before a late answer');
      if (answered < settled) v.push(`C7 call ${call} aborted while waiting ended only after provider call ${p.i} answered`);
    }
  }
}

/** Awaits `p`, or records `message` after 20 s (real time: a guard for a run that would never end, not a bound). */
export async function guard(p: Promise<unknown>, message: string, v: string[]): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = new Promise<'stuck'>((resolve) => { timer = setTimeout(() => resolve('stuck'), 20_000); });
  const outcome = await Promise.race([p.then(() => 'done' as const, () => 'done' as const), stop]);
  clearTimeout(timer);
  if (outcome === 'stuck') v.push(`C6 ${message}`);
}

/**
 * Runs the seeds `all`, `parallel` (default PARALLEL) at a time; returns every violation with its seed, and the
 * unhandled rejections (`escaped`, filled by the caller's process listener) each batch left behind.
 */
export async function runSeeds(all: readonly number[], run: (seed: number) => Promise<{ violations: string[]; summary: string }>, escaped: readonly unknown[], parallel = PARALLEL): Promise<string[]> {
  const failures: string[] = [];
  const again: number[] = [];
  for (let at = 0; at < all.length; at += parallel) {
    const seeds = all.slice(at, at + parallel);
    const before = escaped.length;
    const outs = await Promise.all(seeds.map(run));
    // a rejection nobody handled is reported on a later turn: give it one
    await new Promise((resolve) => setImmediate(resolve));
    outs.forEach((o, k) => { if (o.violations.length > 0) again.push(seeds[k] as number); });
    if (escaped.length > before) failures.push(`seeds ${seeds.join(',')}: C6 ${escaped.length - before} unhandled rejection(s): ${escaped.slice(before).map((e) => String((e as Error)?.name)).join(', ')}`);
  }
  // The counts' timing (a provider timeout, a call deadline) holds for seeds run side by side on a quiet machine; on a
  // loaded one (JVMs, other suites) a deadline can end a call before its justified re-fetch. A seed that failed is
  // run again alone and counts only when it fails again (a violation of the seed's own behaviour does).
  for (const seed of again) {
    const o = await run(seed);
    await new Promise((resolve) => setImmediate(resolve));
    for (const x of o.violations) failures.push(`seed ${seed}: ${x} [${o.summary}]`);
  }
  return failures;
}

/**
 * True when the cache may have given up on call `p` by `now`: its timeout runs from just before the
 * provider is called, and other seeds' work may delay that call by a few ms, so half the timeout counts
 * (a stampede starts its calls together, far below that).
 */
function pastTimeout(p: ProviderCall, now: number, timeoutMs: number): boolean {
  return now - p.start >= timeoutMs / 2;
}

/** C1: a provider call starting while another is pending (and not yet past the timeout). */
export function overlapping(pcalls: readonly ProviderCall[], i: number, now: number, timeoutMs: number): string[] {
  return pcalls.filter((o) => o.end === undefined && !pastTimeout(o, now, timeoutMs)).map((o) => `C1 provider call ${i} started while call ${o.i} (${o.b.kind}) was pending`);
}

/** C2: the provider calls the README allows (`refused`: answers the server refused as expired). */
export function checkCounts(pcalls: readonly ProviderCall[], timeoutMs: number, refused: number, clean: boolean, v: string[]): void {
  const slow = (p: ProviderCall): boolean => pastTimeout(p, p.end ?? Number.POSITIVE_INFINITY, timeoutMs);
  let justified = 1 + refused;
  for (const p of pcalls) if (slow(p) || p.b.verdict !== 'accepted' || p.b.long !== true) justified++;
  if (pcalls.length > justified) v.push(`C2 ${pcalls.length} provider calls, at most ${justified} justified`);
  if (clean && pcalls.length > 0 && pcalls.every((p) => !slow(p) && p.b.long === true) && pcalls.length !== 1 + refused) {
    v.push(`C2 clean seed: ${pcalls.length} provider calls, expected ${1 + refused}`);
  }
}
