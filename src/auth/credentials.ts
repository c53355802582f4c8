/**
 * Credential lifecycle: a cache around an async provider that refreshes before expiry,
 * collapses concurrent refreshes into one provider call (single flight), refreshes values
 * without an expiry on a TTL, never waits longer than a timeout, lets each caller stop waiting
 * when its request is aborted, never hands out credentials that already expired, and reports
 * failures as CredentialsError naming the source (the cause reduced to a redacted copy). The
 * timeout keeps the process alive only while a caller waits (see ProviderBounds).
 */
import { boundedWait, type TimerKeeper } from '../client/deadline.js';
import { CredentialsError } from '../errors/classes.js';
import { redactText } from '../errors/redact.js';
import { redactValue } from '../errors/redact-value.js';
import type { SecretSet } from '../errors/secrets.js';
import { dateTime } from './date-time.js';
import { refreshBufferFor } from './refresh-buffer.js';
import { field, opt, setOwn } from '../errors/own.js';

/** Values without an expiry are fetched again after this long (15 minutes). */
export const DEFAULT_TTL_MS = 15 * 60_000;
/** After a failed proactive refresh (or one that returned an already-stale value), wait this long before asking again (5 s). */
export const DEFAULT_RETRY_INTERVAL_MS = 5_000;
/** Default time a provider may take before the cache gives up on it (30 s). */
export const DEFAULT_PROVIDER_TIMEOUT_MS = 30_000;

/** A cached value with its generation (incremented by every successful provider call). */
export interface CachedValue<T> {
  value: T;
  generation: number;
  /** Expiry in ms since the epoch, when the value carries one. */
  expiresAt?: number;
}

/** Options of a CredentialCache. */
export interface CredentialCacheOptions<T> {
  /** Names the source in errors, e.g. `aws:default-chain` or `cognito-identity:GetCredentialsForIdentity`. */
  source: string;
  /**
   * Fetches a new value. `forceRefresh` is true when the cached value was refused (or came back expired):
   * a memoising source (the AWS SDK's default chain) must fetch anew instead of returning what it holds.
   */
  provider: (options: ProviderCallOptions) => Promise<T>;
  /** Expiry of a value, if it has one (e.g. `c => c.expiration`). */
  expirationOf?: (value: T) => Date | undefined;
  /** Refresh this long before expiry (default 90 s = refreshBufferFor(30 s)). */
  refreshBufferMs?: number;
  /** Refresh values without an expiry after this long (default 15 min; Infinity = never). */
  ttlMs?: number;
  /** Give up on a provider call after this long (default 30 s). */
  timeoutMs?: number;
  /** Quiet period after a failed proactive refresh (default 5 s). */
  retryIntervalMs?: number;
  /** Clock, for tests. */
  now?: () => number;
  /** The client's secrets: removed by value from failure messages and causes. */
  secrets?: SecretSet;
}

/** What the cache tells its provider on a call (the AWS SDK v3 identity providers read `forceRefresh`). */
export interface ProviderCallOptions {
  forceRefresh: boolean;
}

/** Options of one wait for a value. */
export interface CredentialWaitOptions {
  /** Stops this caller's wait at once (rejecting with the signal's reason); the shared provider call goes on for others. */
  signal?: AbortSignal;
}

interface Entry<T> {
  value: T;
  generation: number;
  fetchedAt: number;
  expiresAt: number | undefined;
  /** What the cache hands out for this entry, made once (entries never change). */
  view?: CachedValue<T>;
}

function view<T>(entry: Entry<T>): CachedValue<T> {
  return (entry.view ??= Object.freeze(
    entry.expiresAt === undefined
      ? { value: entry.value, generation: entry.generation }
      : { value: entry.value, generation: entry.generation, expiresAt: entry.expiresAt },
  ));
}

function safeString(read: () => unknown): string {
  try {
    return String(read());
  } catch {
    return '';
  }
}

/**
 * `value instanceof Error`, false for a value whose prototype cannot be read (a Proxy whose
 * getPrototypeOf trap throws, a revoked Proxy): what a source throws is never trusted to be readable.
 */
function isError(value: unknown): value is Error {
  try {
    return value instanceof Error;
  } catch {
    return false;
  }
}

/** True for a CredentialsError this package made (the check cannot throw, whatever the value). */
export function isCredentialsError(value: unknown): value is CredentialsError {
  return isError(value) && value instanceof CredentialsError;
}

/** `Name: message` of a failure, redacted and cut to 300 characters. */
export function describeFailure(error: unknown, secrets?: SecretSet): string {
  const text = isError(error) ? `${safeString(() => error.name)}: ${safeString(() => error.message)}` : safeString(() => error);
  return redactText(text, secrets).slice(0, 300);
}

/**
 * A stand-in for a provider's error that holds no secret: name, message and stack redacted (by
 * key, shape and the client's secret values), plus the AWS SDK's `$metadata`/`code` when present;
 * every other property (requests, responses, credentials the error may carry) is dropped.
 */
export function redactedCause(cause: unknown, secrets?: SecretSet): unknown {
  if (!isError(cause)) return redactValue(cause, secrets);
  const copy = new Error(redactText(safeString(() => cause.message), secrets));
  copy.name = redactText(safeString(() => cause.name), secrets) || 'Error';
  const frames = safeString(() => cause.stack).split('\n').filter((line) => /^\s+at /.test(line));
  copy.stack = [`${copy.name}: ${copy.message}`, ...frames.map((line) => redactText(line, secrets))].join('\n');
  for (const key of ['code', '$fault', '$metadata'] as const) {
    // the cause's own fields (or its class's): what a polluted Object.prototype holds is none of them
    const value = safeString(() => JSON.stringify(field(cause, key)) ?? '');
    if (value !== '' && value !== 'undefined') setOwn(copy, key, redactValue(JSON.parse(value) as unknown, secrets));
  }
  return copy;
}

/** A CredentialsError for a failed provider call, its message and cause redacted. */
export function credentialsFailure(source: string, message: string, cause: unknown, secrets?: SecretSet): CredentialsError {
  return new CredentialsError(source, redactText(message, secrets), { cause: redactedCause(cause, secrets) });
}

/** `promise`, or the signal's reason as soon as it aborts (the listener removed either way). */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  // A caller that stopped waiting leaves no unhandled rejection behind.
  promise.catch(() => undefined);
  return signal === undefined ? promise : boundedWait(promise, signal, Number.POSITIVE_INFINITY, () => undefined);
}

/**
 * The timeouts of one cache's provider calls, ref'd exactly while at least one caller waits for a
 * result. A caller that left (its signal aborted) stops counting, so a script whose every caller
 * gave up can exit although a provider never answers; a caller still waiting (with or without a
 * signal) keeps the process alive until its answer or its CredentialsError. The provider call goes
 * on either way (its pending promise is the provider's), so a later caller joins it as before.
 */
class ProviderBounds implements TimerKeeper {
  #waiting = 0;
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();

  /** Counts one caller as waiting until `wait` settles (it settles at once when the caller's signal aborts). */
  follow<V>(wait: Promise<V>): Promise<V> {
    if (++this.#waiting === 1) for (const timer of this.#timers) timer.ref();
    const leave = (): void => {
      if (--this.#waiting === 0) for (const timer of this.#timers) timer.unref();
    };
    wait.then(leave, leave);
    return wait;
  }

  add(timer: ReturnType<typeof setTimeout>): void {
    this.#timers.add(timer);
    if (this.#waiting === 0) timer.unref();
  }

  delete(timer: ReturnType<typeof setTimeout>): void {
    this.#timers.delete(timer);
  }

  /** Rejects with CredentialsError when `promise` does not settle within `ms`. */
  bound<V>(promise: Promise<V>, ms: number, source: string): Promise<V> {
    if (!Number.isFinite(ms)) return promise;
    return boundedWait(promise, undefined, ms, () => new CredentialsError(source, `credential source ${source} did not answer within ${ms} ms`), this);
  }
}

/** A single-flight, refresh-before-expiry cache around an async credential provider. */
export class CredentialCache<T> {
  readonly source: string;
  readonly #provider: (options: ProviderCallOptions) => Promise<T>;
  readonly #expirationOf: (value: T) => Date | undefined;
  readonly #bufferMs: number;
  readonly #ttlMs: number;
  readonly #timeoutMs: number;
  readonly #retryIntervalMs: number;
  readonly #now: () => number;
  readonly #secrets: SecretSet | undefined;
  #entry: Entry<T> | undefined;
  #inflight: Promise<CachedValue<T>> | undefined;
  /** True when the call in flight asks the provider with forceRefresh. */
  #inflightForced = false;
  #generation = 0;
  #quietUntil = 0;
  readonly #bounds = new ProviderBounds();

  constructor(options: CredentialCacheOptions<T>) {
    this.source = options.source;
    this.#provider = options.provider;
    // optional fields read as the options' own (a polluted Object.prototype's `now` or `ttlMs` is none of them)
    this.#expirationOf = opt(options, 'expirationOf') ?? (() => undefined);
    this.#bufferMs = opt(options, 'refreshBufferMs') ?? refreshBufferFor(30_000);
    this.#ttlMs = opt(options, 'ttlMs') ?? DEFAULT_TTL_MS;
    this.#timeoutMs = opt(options, 'timeoutMs') ?? DEFAULT_PROVIDER_TIMEOUT_MS;
    this.#retryIntervalMs = opt(options, 'retryIntervalMs') ?? DEFAULT_RETRY_INTERVAL_MS;
    this.#now = opt(options, 'now') ?? Date.now;
    this.#secrets = opt(options, 'secrets');
  }

  /** Generation of the cached value (0 before the first successful provider call). */
  get generation(): number {
    return this.#entry?.generation ?? 0;
  }

  /** The cached value without refreshing it, if any. */
  peek(): CachedValue<T> | undefined {
    return this.#entry === undefined ? undefined : view(this.#entry);
  }

  /**
   * A value valid for at least the refresh buffer. Concurrent callers share one provider call.
   * When a proactive refresh fails but the cached value has not expired yet, the cached value is
   * returned and the provider is asked again after the retry interval; otherwise CredentialsError.
   * An aborted `signal` ends this caller's wait at once with the signal's reason.
   */
  async get(options: CredentialWaitOptions = {}): Promise<CachedValue<T>> {
    const signal = opt(options, 'signal');
    const entry = this.#entry;
    const now = this.#now();
    if (entry !== undefined && this.#ready(entry, now)) return view(entry);
    // a caller that already gave up starts no provider call
    signal?.throwIfAborted();
    if (entry === undefined) return this.#wait(this.#refresh(), signal);
    try {
      return await this.#wait(this.#refresh(), signal);
    } catch (error) {
      if (signal?.aborted === true) throw error;
      const later = this.#now();
      if (this.#entry === entry && this.#usable(entry, later)) {
        this.#quietUntil = later + this.#retryIntervalMs;
        return view(entry);
      }
      throw error;
    }
  }

  /**
   * What get() would return without calling the provider (the cached value, when it needs no
   * refresh yet or is in its quiet period after a failed refresh), or undefined when get() must be
   * awaited. Synchronous: lets a caller skip a promise per request while the value is fresh.
   */
  getIfReady(): CachedValue<T> | undefined {
    const entry = this.#entry;
    return entry !== undefined && this.#ready(entry, this.#now()) ? view(entry) : undefined;
  }

  /** True when the cached entry is handed out as it is (fresh, or quiet after a failed refresh and still usable). */
  #ready(entry: Entry<T>, now: number): boolean {
    if (!this.#needsRefresh(entry, now)) return true;
    return this.#inflight === undefined && now < this.#quietUntil && this.#usable(entry, now);
  }

  /**
   * Fetches a new value now (the server said the credentials expired). Pass the generation the
   * failed request used: when a newer value is already cached it is returned without a provider call,
   * so any number of concurrent failures cause one refresh.
   */
  async forceRefresh(usedGeneration?: number, options: CredentialWaitOptions = {}): Promise<CachedValue<T>> {
    const entry = this.#entry;
    if (usedGeneration !== undefined && entry !== undefined && entry.generation !== usedGeneration) return view(entry);
    options.signal?.throwIfAborted();
    return this.#wait(this.#refresh(true), options.signal);
  }

  /** One caller's wait for the shared call: it keeps the provider's timeout ref'd until it ends (answer, failure or abort). */
  #wait(refresh: Promise<CachedValue<T>>, signal: AbortSignal | undefined): Promise<CachedValue<T>> {
    return this.#bounds.follow(untilAborted(refresh, signal));
  }

  /** Forgets the cached value (the next get() calls the provider). */
  clear(): void {
    this.#entry = undefined;
    this.#quietUntil = 0;
  }

  #needsRefresh(entry: Entry<T>, now: number): boolean {
    // A value that lives no longer than the buffer (a request timeout as long as the credentials, a 5-minute id token
    // with a 4-minute timeout) would be asked for again after every quiet period: it is refreshed at half its lifetime.
    if (entry.expiresAt !== undefined) {
      const lifetime = entry.expiresAt - entry.fetchedAt;
      return entry.expiresAt - now <= (lifetime > this.#bufferMs ? this.#bufferMs : lifetime / 2);
    }
    return now - entry.fetchedAt >= this.#ttlMs;
  }

  #usable(entry: Entry<T>, now: number): boolean {
    return entry.expiresAt === undefined || entry.expiresAt > now;
  }

  /**
   * The shared provider call. A forced refresh joins a forced call in flight; an unforced call in flight
   * may return what a memoising source still holds, so a forced one follows it (still one at a time).
   */
  #refresh(force = false): Promise<CachedValue<T>> {
    const current = this.#inflight;
    if (current !== undefined && (this.#inflightForced || !force)) return current;
    const load = current === undefined ? this.#load(force) : current.catch(() => undefined).then(() => this.#load(true));
    const inflight = load.finally(() => {
      if (this.#inflight === inflight) {
        this.#inflight = undefined;
        this.#inflightForced = false;
      }
    });
    this.#inflight = inflight;
    this.#inflightForced = force;
    return inflight;
  }

  /** One provider call, bounded by the timeout; failures become CredentialsError naming the source. */
  async #call(forceRefresh: boolean): Promise<{ value: T; expiresAt: number | undefined }> {
    let value: T;
    try {
      value = await this.#bounds.bound(Promise.resolve().then(() => this.#provider({ forceRefresh })), this.#timeoutMs, this.source);
    } catch (error) {
      if (isCredentialsError(error)) throw error;
      throw credentialsFailure(this.source, `credential source ${this.source} failed: ${describeFailure(error, this.#secrets)}`, error, this.#secrets);
    }
    const time = dateTime(this.#expirationOf(value));
    const expiresAt = time !== undefined && !Number.isNaN(time) ? time : undefined;
    return { value, expiresAt };
  }

  /**
   * Calls the provider; a value that has already expired is never handed out: the provider is
   * asked once more at once, and a second expired value is a CredentialsError.
   */
  async #load(force: boolean): Promise<CachedValue<T>> {
    let fetched = await this.#call(force);
    if (fetched.expiresAt !== undefined && fetched.expiresAt <= this.#now()) {
      fetched = await this.#call(true);
      const now = this.#now();
      if (fetched.expiresAt !== undefined && fetched.expiresAt <= now) {
        const ago = Math.round((now - fetched.expiresAt) / 1000);
        throw new CredentialsError(
          this.source,
          `credential source ${this.source} returned credentials that had already expired (at ${new Date(fetched.expiresAt).toISOString()}, ${ago} s ago), twice; check the provider and the system clock`,
        );
      }
    }
    const now = this.#now();
    // `view` own from the start: set later, it must not go through a setter a polluted Object.prototype holds
    const entry: Entry<T> = { value: fetched.value, generation: ++this.#generation, fetchedAt: now, expiresAt: fetched.expiresAt, view: undefined };
    this.#entry = entry;
    // A provider that hands back an already-stale value is not asked again on every request.
    this.#quietUntil = this.#needsRefresh(entry, now) ? now + this.#retryIntervalMs : 0;
    return view(entry);
  }
}
