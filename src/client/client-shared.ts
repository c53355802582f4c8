/** What the calls of one client share (transport-call.ts runs each call): its strategy, retry options, secrets and the caller's signal. */
import type { TransportRequestOptions } from '@opensearch-project/opensearch/lib/Transport.js';
import type { AuthStrategy, RequestAuthorizer } from '../auth/strategy.js';
import type { CredentialWaitOptions } from '../auth/credentials.js';
import { SecretSet } from '../errors/secrets.js';
import type { SignatureMismatchError } from '../errors/permission-errors.js';
import { responseDate } from '../errors/body.js';
import { resolveRetryOptions, type ResolvedRetryOptions, type RetryOptions } from '../retry/index.js';
import { onAbort } from './abort-listen.js';
import { checkCallTimeout } from './attempt-reading.js';
import { optionalRetryCount } from './timeouts-retries.js';
import { AttemptAuth, isFailingBeforeSending } from './connection.js';
import { opt } from '../errors/own.js';

/** What a Transport class built by createTransportClass needs. */
export interface TransportSettings {
  strategy: AuthStrategy;
  retry?: RetryOptions;
  /** The client's secrets (shared by its child clients): every error is redacted by their values too. */
  secrets?: SecretSet;
}

/** A call in flight, as the client's abort listener sees it. */
interface Abortable {
  abort(): void;
}

/** What every call of one client shares: the strategy, the retry options, the secrets, the caller's signal. */
export class ClientShared {
  readonly strategy: AuthStrategy;
  /** Mode none signs nothing: its attempts carry no authorizer, so the Connection does no extra work. */
  readonly unsigned: boolean;
  readonly secrets: SecretSet;
  readonly retry: RetryOptions | undefined;
  readonly onExpired: ((usedGeneration?: number, options?: CredentialWaitOptions) => Promise<void>) | undefined;
  /**
   * A clock-skew refusal of an attempt signed at clock version `signedVersion`: the strategy adopts the time the
   * answer's `Date` states (SigV4 strategies); true when that attempt would now be signed by another clock.
   */
  readonly onClockSkew: ((error: SignatureMismatchError, signedVersion: number | undefined) => boolean) | undefined;
  /** The signing clock's version, read as an attempt is sent (SigV4 strategies). */
  readonly clockVersion: (() => number) | undefined;
  readonly userSignal: AbortSignal | undefined;
  /** Resolved once per client (lazily: invalid options reject the first request rather than throw at createClient). */
  #baseRetry: ResolvedRetryOptions | undefined;
  /** The AttemptAuth of the last fixed authorizer (basic): its headers are the same on every attempt, so it is reused. */
  #fixed: AttemptAuth | undefined;
  /** Calls in flight, when the caller gave a signal: one listener for the whole client aborts them all. */
  readonly #inFlight = new Set<Abortable>();
  /** What aborts them: waiting on the signal only while a call is in flight, so an idle or closed client leaves none behind. */
  readonly #abortAll: () => void = () => {
    for (const c of [...this.#inFlight]) c.abort();
  };
  /** Stops that wait (set while a call is in flight). */
  #stopFollowing: (() => void) | undefined;
  /** The last attempt's wire secrets (joined) and the set made of them: a basic client sends the same header every time. */
  #wireKey: string | undefined;
  #wireSet: SecretSet | undefined;

  constructor(settings: TransportSettings) {
    this.strategy = settings.strategy;
    this.unsigned = settings.strategy.mode === 'none';
    this.secrets = settings.secrets ?? new SecretSet();
    // optional settings read as the objects' own (what a polluted Object.prototype holds is none of them)
    this.retry = opt(settings, 'retry');
    this.onExpired = opt(settings.strategy, 'onExpired')?.bind(settings.strategy);
    const correctClock = opt(settings.strategy, 'correctClock')?.bind(settings.strategy);
    this.onClockSkew = correctClock === undefined ? undefined : (error, signedVersion) => correctClock(responseDate(error.meta.headers), signedVersion);
    this.clockVersion = opt(settings.strategy, 'clockVersion')?.bind(settings.strategy);
    this.userSignal = this.retry === undefined ? undefined : opt(this.retry, 'signal');
  }

  /** The client's secrets plus what one failed attempt put on the wire (its Authorization header, secret query values). */
  attemptSecrets(wire: readonly string[]): SecretSet {
    const key = wire.join('\u0000');
    if (key === this.#wireKey && this.#wireSet !== undefined) return this.#wireSet;
    this.#wireSet = this.secrets.with(wire);
    this.#wireKey = key;
    return this.#wireSet;
  }

  /**
   * Retry options of a call: once per client, unless the call sets maxRetries or streams its body. A call's own
   * requestTimeout or maxRetries that cannot be used is a ConfigError naming it (options.requestTimeout,
   * options.maxRetries), never replaced by the client's: maxRetries '5' too, which opensearch-js would ignore.
   */
  retryFor(options: TransportRequestOptions, streaming: boolean): ResolvedRetryOptions {
    checkCallTimeout(opt(options, 'requestTimeout'));
    // null is the client's value, as opensearch-js reads it (only a number counts)
    // (the one retry-count rule, named as the call gave it)
    const maxRetries = optionalRetryCount('options.maxRetries', opt(options, 'maxRetries') ?? undefined);
    if (!streaming && maxRetries === undefined) return (this.#baseRetry ??= resolveRetryOptions(this.retry));
    return resolveRetryOptions({ ...this.retry, ...(maxRetries !== undefined ? { retries: maxRetries } : {}), ...(streaming ? { retries: 0 } : {}) });
  }

  /** What an attempt with `authorizer` hands to the Connection. */
  attemptAuth(authorizer: RequestAuthorizer): AttemptAuth {
    if (opt(authorizer, 'fixed') !== true) return new AttemptAuth(authorizer);
    const last = this.#fixed;
    if (last !== undefined && last.authorizer === authorizer) return last;
    return (this.#fixed = new AttemptAuth(authorizer));
  }

  /**
   * Aborts `call` when the caller's signal aborts: one listener per client, not per call, added when the first
   * call starts and removed when the last one ends (a signal shared by many clients keeps none of theirs).
   */
  follow(call: Abortable): void {
    const signal = this.userSignal;
    if (signal === undefined) return;
    if (signal.aborted) call.abort();
    else if (this.#inFlight.size === 0) this.#stopFollowing = onAbort(signal, this.#abortAll);
    this.#inFlight.add(call);
  }

  /** Stops following `call` (it settled). */
  unfollow(call: Abortable): void {
    if (this.#inFlight.delete(call) && this.#inFlight.size === 0) {
      this.#stopFollowing?.();
      this.#stopFollowing = undefined;
    }
  }

  /** True once client.close() was called (by the client or a child: they share one pool). */
  closed = false;
  /** Calls in their retry policy (a first attempt failed): close() ends a back-off or a wait under way. */
  readonly #retrying = new Set<Closable>();

  /** `call` is in its retry policy until `settled` settles. */
  retrying(call: Closable, settled: Promise<unknown>): void {
    this.#retrying.add(call);
    const done = (): void => void this.#retrying.delete(call);
    settled.then(done, done);
  }

  /**
   * client.close() was called: no call starts an attempt from now on, and those waiting to retry end now. The first
   * close() (of the client or a child: they share one strategy) also closes the strategy, releasing what it holds
   * open (the cognito mode's AWS SDK clients and their keep-alive sockets).
   */
  close(): void {
    const first = !this.closed;
    this.closed = true;
    for (const call of [...this.#retrying]) call.clientClosed();
    if (first) closeStrategy(this.strategy);
  }

  /**
   * Attempts handed to the parent and not yet called back (a counter, no per-attempt object). opensearch-js's
   * close() waits for a request only until its response headers arrive, then destroys the agent under a body
   * still being read; close() here waits for the whole attempt (its deadline bounds it).
   */
  attemptsInFlight = 0;
  /** What close() runs once no attempt is in flight. */
  #whenIdle: Array<() => void> = [];

  /** An attempt was called back: when it was the last one in flight, what close() deferred runs once its call has settled. */
  attemptEnded(): void {
    if (--this.attemptsInFlight > 0 || this.#whenIdle.length === 0) return;
    setImmediate(() => this.#runIdle());
  }

  #runIdle(): void {
    if (this.attemptsInFlight > 0) return; // the last attempt to end runs them
    const waiting = this.#whenIdle;
    this.#whenIdle = [];
    for (const run of waiting) run();
  }

  /** Runs `run` now when no attempt is in flight, else when the last one ends. */
  whenIdle(run: () => void): void {
    if (this.attemptsInFlight <= 0) run();
    else this.#whenIdle.push(run);
  }
}

/**
 * Runs the strategy's optional close(): a strategy without one (a caller's own) is left as it is, and whatever
 * close() throws or rejects with stays here (client.close() settles whatever the strategy does).
 */
function closeStrategy(strategy: AuthStrategy): void {
  try {
    const close = opt(strategy, 'close');
    if (typeof close !== 'function') return;
    const result: unknown = close.call(strategy);
    if (result !== null && typeof result === 'object' && typeof (result as { then?: unknown }).then === 'function') {
      (result as PromiseLike<unknown>).then(undefined, () => undefined);
    }
  } catch {
    // a strategy whose close() failed has nothing more we could release
  }
}

/** A call as close() sees it. */
interface Closable {
  clientClosed(): void;
}

const hookedPools = new WeakSet<object>();

/**
 * Makes the pool's empty() (what client.close() calls, for a client and its children alike) close `shared` first,
 * and its markDead() pass over a node whose request never left (a header or path Node refused: the request's fault).
 */
export function hookPool(pool: unknown, shared: ClientShared): void {
  if (pool === null || typeof pool !== 'object' || hookedPools.has(pool)) return;
  const target = pool as { empty?: unknown; markDead?: unknown };
  const empty = target.empty;
  if (typeof empty !== 'function') return;
  hookedPools.add(pool);
  const markDead = target.markDead;
  if (typeof markDead === 'function') {
    try {
      target.markDead = function markDeadIfSent(this: unknown, connection: unknown, ...rest: unknown[]): unknown {
        if (isFailingBeforeSending(connection)) return this;
        return (markDead as (...a: unknown[]) => unknown).apply(this, [connection, ...rest]);
      };
    } catch {
      // a caller's pool that cannot take the hook: such a node is marked dead, as opensearch-js does
    }
  }
  // One empty() of the pool at a time: a close() (of the client or a child) while another waits for the attempts in
  // flight joins it. Two deferred empty() calls would run back to back, and opensearch-js's empty() of a pool the
  // first one emptied never calls back, so that close() would never settle.
  let joining: Array<() => void> | undefined;
  try {
    target.empty = function emptyAfterClose(this: unknown, ...args: unknown[]): unknown {
      shared.close();
      const callback = typeof args[0] === 'function' ? (args[0] as () => void) : undefined;
      if (joining !== undefined) {
        if (callback !== undefined) joining.push(callback);
        return undefined;
      }
      // on a pool already emptied (a close() after another settled) there is nothing left to close
      if (callback !== undefined && isEmptied(this)) {
        process.nextTick(callback);
        return undefined;
      }
      const waiting: Array<() => void> = callback === undefined ? [] : [callback];
      joining = waiting;
      const settle = (): void => {
        joining = undefined;
        for (const run of waiting) run();
      };
      // the attempts in flight finish first (their bodies too), then the pool closes its connections
      shared.whenIdle(() => {
        if (isEmptied(this)) return void process.nextTick(settle);
        try {
          (empty as (...a: unknown[]) => unknown).apply(this, [settle, ...args.slice(1)]);
        } catch (error) {
          joining = undefined;
          throw error;
        }
      });
      return undefined;
    };
  } catch {
    // a caller's ConnectionPool that cannot take the hook (frozen): close() still empties it, as opensearch-js does
  }
}

/** True when `pool` holds no connection at all (a BaseConnectionPool after empty() completed). */
function isEmptied(pool: unknown): boolean {
  try {
    const connections = (pool as { connections?: unknown } | null)?.connections;
    return Array.isArray(connections) && connections.length === 0;
  } catch {
    return false; // a caller's pool whose connections cannot be read: its own empty() decides
  }
}
