/**
 * One call of the Transport subclass (transport.ts; what the calls of one client share is in client-shared.ts): the
 * fast path of a first attempt with cached credentials, the hand-over to the retry policy after a failure, the
 * per-attempt deadline, abort(), no attempt after client.close(), and the error boundary each failure leaves through.
 */
import opensearch, { Transport, errors } from '@opensearch-project/opensearch';
import type { ApiResponse } from '@opensearch-project/opensearch';
import type { TransportRequestOptions, TransportRequestParams } from '@opensearch-project/opensearch/lib/Transport.js';
import type { RequestAuthorizer } from '../auth/strategy.js';
import type { SignatureMismatchError } from '../errors/permission-errors.js';
import { toTypedError } from '../errors/boundary.js';
import { SecretSet } from '../errors/secrets.js';
import { runWithResolvedRetry, type ResolvedRetryOptions } from '../retry/index.js';
import { AttemptAuth, forgetAuthorizer, kAuthorizer, kSendStages, kWireSecrets, requestMistake, sentSecretsOf, type SendStagesSink, type WireSecretsSink } from './connection.js';
import type { ClientShared } from './client-shared.js';
import { boundedWait } from './deadline.js';
import { abortQuietly, bodyForParent, BodyForSerializer } from './debug-output.js';
import { shownCallerOptions, withoutRequestSecrets } from './request-meta.js';
import { answeredError, listenerFailureOf, reportAsCall, timeoutMsOf } from './attempt-reading.js';
import { CLOSED_MESSAGE, markClosed } from './client-closed.js';
import { MAX_TIMER_MS } from './options-check.js';
import { checkCallHeaders } from './options.js';
import { callOptionsOnce, callParamsOnce, checkQuerystrings, drain, isStream, sentQuerystring } from './call-input.js';
import { assignOwn, field, hasOwnKey, opt } from '../errors/own.js';

type ParentCallback = (err: Error | null, result: ApiResponse) => void;
type ParentRequest = (this: Transport, params: TransportRequestParams, options: TransportRequestOptions, callback: ParentCallback) => { abort(): unknown };

/** The parent's request(), called in callback style (no promise of its own). */
const parentRequest = Transport.prototype.request as unknown as ParentRequest;

export function emptyResult(params: TransportRequestParams, options: TransportRequestOptions, aborted: boolean): ApiResponse {
  return {
    body: null,
    statusCode: null,
    headers: null,
    warnings: null,
    meta: { context: null, name: 'opensearch-js', request: { params, options, id: null }, connection: null, attempts: 0, aborted },
  } as unknown as ApiResponse;
}

/** Fired by an attempt's timer: the attempt took longer than its deadline. */
function expire(call: Call, attempt: number): void {
  call.expire(attempt);
}

/** One call of transport.request: its attempts, abort(), and the hand-over to the retry policy. */
export class Call {
  aborted = false;
  /** The abort error, made by the first abort(). */
  reason: Error | undefined = undefined;
  #controller: AbortController | undefined = undefined;
  /** The request in flight (the parent's handle), for abort(). */
  #current: { abort(): unknown } | undefined = undefined;
  #retry: ResolvedRetryOptions | undefined = undefined;
  #startedAt = 0;
  #body: TransportRequestParams['body'];
  #bulkBody: TransportRequestParams['bulkBody'];
  #requestTimeoutMs: number;
  usedGeneration: number | undefined = undefined;
  /** The signing clock's version as the attempt in flight was sent (SigV4). */
  #clockVersion: number | undefined = undefined;
  // The attempt in flight: its number, params, time limit, deadline timer and settle functions.
  #attempt = 0;
  #attemptParams: TransportRequestParams | undefined = undefined;
  #limitMs = 0;
  #timer: ReturnType<typeof setTimeout> | undefined = undefined;
  #expired = false;
  #resolve: ((value: ApiResponse) => void) | undefined = undefined;
  #reject: ((error: unknown) => void) | undefined = undefined;
  /** True while the attempt in flight is the fast path's (its failure goes on to the policy). */
  #fast = false;
  /** The last attempt's failure: after client.close() the call ends with it instead of starting another attempt. */
  #lastFailure: unknown = undefined;
  readonly #onDone: ParentCallback;
  /** The caller's params and options, read once (call-input.ts): every check and every attempt reads these. */
  readonly params: TransportRequestParams;
  readonly options: TransportRequestOptions;
  /** Why the caller's params or options could not be read (a getter that threw): run() rejects with it. */
  #unreadable: unknown = undefined;

  constructor(readonly shared: ClientShared, readonly transport: Transport, params: TransportRequestParams, options: TransportRequestOptions) {
    try {
      this.params = callParamsOnce(params);
      this.options = callOptionsOnce(options);
      checkQuerystrings(this.params, this.options);
    } catch (error) {
      this.#unreadable = error;
      this.params = {} as TransportRequestParams;
      this.options = {};
    }
    // the request's own fields (what a polluted Object.prototype holds is no body nor timeout of it)
    this.#body = opt(this.params, 'body');
    this.#bulkBody = opt(this.params, 'bulkBody');
    this.#requestTimeoutMs = timeoutMsOf(field(this.options, 'requestTimeout')) ?? (transport as unknown as { requestTimeout: number }).requestTimeout;
    this.#onDone = (error, result) => this.#done(error, result);
  }

  boundary(error: unknown, secrets: SecretSet = this.shared.secrets): unknown {
    return toTypedError(error, { secrets, principal: opt(this.shared.strategy, 'principal') });
  }

  abortError(): Error {
    return this.boundary(new opensearch.errors.RequestAbortedError('Request aborted', emptyResult(this.params, this.options, true))) as Error;
  }

  #outOfTime(what: string): Error {
    const ms = (this.#retry as ResolvedRetryOptions).maxElapsedMs;
    return this.boundary(new errors.TimeoutError(`Request timed out: ${what} (retry.maxElapsedMs ${ms} ms)`, emptyResult(this.params, this.options, false))) as Error;
  }

  /**
   * The call's time ran out while it waited for credentials: its signal is aborted with the timeout, so the
   * credential cache stops counting it as a waiter (a provider's bound then no longer holds the process for it).
   */
  #leaveWait(what: string): Error {
    const error = this.#outOfTime(what);
    this.#controller?.abort(error);
    return error;
  }

  /** Milliseconds left of the call's maxElapsedMs. */
  #remaining(): number {
    return Math.max(0, (this.#retry as ResolvedRetryOptions).maxElapsedMs - (performance.now() - this.#startedAt));
  }

  /** The signal for waits (credentials, back-off), made when a wait starts; already aborted if abort() came first. */
  signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.reason !== undefined) this.#controller.abort(this.reason);
    }
    return this.#controller.signal;
  }

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason ??= this.abortError();
    if (this.#current !== undefined) abortQuietly(this.#current, this.#attemptParams);
    this.#controller?.abort(this.reason);
  }

  /** Runs the call. */
  run(): Promise<ApiResponse> {
    const { params } = this;
    try {
      // client.close() was called: the pool still holds its nodes until the attempts in flight end, but this call
      // is not sent (no node picked, so none is marked dead, no sniff, no 'request' event)
      if (this.shared.closed) return Promise.reject(this.#closedError());
      if (this.#unreadable !== undefined) return Promise.reject(this.boundary(this.#unreadable));
      const stages = (this.options as { [kSendStages]?: unknown })[kSendStages];
      if (typeof stages === 'function') (stages as SendStagesSink)('accepted');
      const mistake = requestMistake(params, this.options, !this.shared.strategy.signsBody);
      if (mistake !== undefined) return Promise.reject(this.boundary(mistake));
      if (!this.shared.unsigned) checkCallHeaders(opt(this.options, 'headers'), this.shared.strategy.mode, this.shared.strategy.signsBody);
      // A signature covers the body bytes, so a streamed body is read into memory first (which also makes it retryable)
      if (this.shared.strategy.signsBody && (isStream(this.#body) || isStream(this.#bulkBody))) return this.#drainThenStart();
      return this.#start();
    } catch (error) {
      // invalid retry options, a per-call header a getter cannot read: a rejection, like every other failure
      return Promise.reject(this.boundary(error));
    }
  }

  async #drainThenStart(): Promise<ApiResponse> {
    try {
      if (isStream(this.#body)) this.#body = await drain(this.#body);
      if (isStream(this.#bulkBody)) this.#bulkBody = await drain(this.#bulkBody);
    } catch (error) {
      throw this.boundary(error);
    }
    if (this.aborted) throw this.reason ?? this.abortError();
    // client.close() came while the body was being read: no attempt starts
    if (this.shared.closed) throw this.#closedError();
    return this.#start();
  }

  #start(): Promise<ApiResponse> {
    const { shared } = this;
    const streaming = isStream(this.#body) || isStream(this.#bulkBody);
    const retry = (this.#retry = shared.retryFor(this.options, streaming));
    this.#startedAt = performance.now();
    shared.follow(this);
    // Fast path: cached credentials and nothing aborted: the first attempt is sent directly; the
    // policy (p-retry) takes over only when that attempt fails.
    const ready = this.aborted || streaming ? undefined : shared.strategy.authorizeCached?.();
    let run: Promise<ApiResponse>;
    if (ready !== undefined && retry.maxElapsedMs > 0) {
      this.usedGeneration = ready.generation;
      run = new Promise<ApiResponse>((resolve, reject) => {
        this.#fast = true;
        this.#send(ready, resolve, reject);
      });
    } else {
      run = this.#policy(undefined);
    }
    if (shared.userSignal !== undefined) {
      const unfollow = (): void => shared.unfollow(this);
      run.then(unfollow, unfollow);
    }
    return run;
  }

  #policy(firstFailure: { error: unknown } | undefined): Promise<ApiResponse> {
    const { shared, params } = this;
    const { onExpired, onClockSkew } = shared;
    const run = runWithResolvedRetry(
      () => this.#policyAttempt(),
      {
        method: params.method,
        path: params.path,
        querystring: sentQuerystring(params, this.options),
        secrets: shared.secrets,
        startedAt: this.#startedAt,
        ...(firstFailure !== undefined ? { firstFailure } : {}),
        ...(onClockSkew !== undefined ? { onClockSkew: (error: SignatureMismatchError) => onClockSkew(error, this.#clockVersion) } : {}),
        // the one forced refresh is a wait for credentials like any other: abort(), retry.signal and maxElapsedMs end it
        ...(onExpired !== undefined ? {
          onExpiredCredentials: () => {
            const s = this.signal();
            return boundedWait(onExpired(this.usedGeneration, { signal: s }), s, this.#remaining(), () => this.#leaveWait('waiting for refreshed credentials'));
          },
        } : {}),
      },
      this.#retry as ResolvedRetryOptions,
      () => this.signal(),
    );
    shared.retrying(this, run);
    return run;
  }

  /** client.close() was called while this call is in its retry policy: a back-off or a wait under way ends now. */
  clientClosed(): void {
    // an attempt in flight may finish (close() waits for it); its failure then ends the call (#done)
    if (this.#resolve === undefined) this.#stopAfterClose(this.#lastFailure ?? this.#closedError());
  }

  #closedError(): Error {
    return markClosed(this.boundary(new errors.NoLivingConnectionsError(CLOSED_MESSAGE, emptyResult(this.params, this.options, false))) as Error);
  }

  /**
   * Ends the call with `failure` (its last attempt's) because the client was closed: no attempt starts after
   * close(); a back-off under way ends at once.
   */
  #stopAfterClose(failure: unknown): void {
    this.reason ??= failure as Error;
    this.abort();
  }

  /** One attempt run by the policy: credentials (waiting if needed), then the send. */
  async #policyAttempt(): Promise<ApiResponse> {
    let authorizer: RequestAuthorizer | undefined;
    try {
      if (this.shared.closed) this.#stopAfterClose(this.#lastFailure ?? this.#closedError());
      if (this.aborted) throw this.reason ?? this.abortError();
      if (this.#remaining() <= 0) throw this.#outOfTime('no time left for another attempt');
      // Fresh cached credentials are used without a wait; otherwise the strategy fetches them,
      // and the wait ends at once on abort() or when the call's time is up.
      authorizer = this.shared.strategy.authorizeCached?.();
      if (authorizer === undefined) {
        const s = this.signal();
        try {
          authorizer = await boundedWait(this.shared.strategy.authorize({ signal: s }), s, this.#remaining(), () => this.#leaveWait('waiting for credentials'));
        } catch (error) {
          throw this.boundary(error);
        }
        if (this.aborted) throw this.reason ?? this.abortError();
        // the credentials came after the call's time ran out (before the wait's own timer fired): nothing is sent
        if (this.#remaining() <= 0) throw this.#outOfTime('no time left after waiting for credentials');
      }
    } catch (error) {
      // an attempt that ended before its send (no time left, the credential wait failed) is the last failure too:
      // close() while the policy weighs it ends the call with it, not with a NoLivingConnectionsError. Recorded
      // synchronously where it can be: a close() right after the call started already sees it.
      this.#lastFailure = error;
      throw error;
    }
    this.usedGeneration = authorizer.generation;
    const chosen = authorizer;
    return new Promise<ApiResponse>((resolve, reject) => {
      this.#fast = false;
      this.#send(chosen, resolve, reject);
    });
  }

  /** Sends one attempt; `resolve`/`reject` settle it. */
  #send(authorizer: RequestAuthorizer, resolve: (value: ApiResponse) => void, reject: (error: unknown) => void): void {
    const { shared } = this;
    // The parent mutates params (serialised body, gzip, headers, querystring), and a retry must start
    // from the caller's: a fresh shallow copy per attempt. Keys are deleted only when present (a delete
    // turns the object into a slow dictionary for the parent). Mode none attaches no authorizer, so the
    // Connection sends the request as the raw client does. Object.assign onto a fresh literal, not a
    // spread: the parent adds properties to the copy, and a spread's clone (sized to the original,
    // no room to grow) measured ~7 µs more per request in the parent than this copy.
    // (assignOwn: as Object.assign, but a key a polluted Object.prototype holds as a setter, `path` or `body`, is
    // defined on the copy instead of handed to that setter)
    const attemptParams = assignOwn({}, this.params) as TransportRequestParams & { [kAuthorizer]?: AttemptAuth };
    if (this.#body !== undefined) attemptParams.body = bodyForParent(this.#body, this.transport);
    else if (hasOwnKey(attemptParams, 'body')) delete attemptParams.body;
    if (this.#bulkBody !== undefined) attemptParams.bulkBody = this.#bulkBody;
    else if (hasOwnKey(attemptParams, 'bulkBody')) delete attemptParams.bulkBody;
    if (!shared.unsigned) attemptParams[kAuthorizer] = shared.attemptAuth(authorizer);
    if (shared.clockVersion !== undefined) this.#clockVersion = shared.clockVersion();
    const limitMs = Math.min(this.#requestTimeoutMs, this.#remaining());
    const attempt = ++this.#attempt;
    this.#attemptParams = attemptParams;
    this.#limitMs = limitMs;
    this.#expired = false;
    this.#resolve = resolve;
    this.#reject = reject;
    // The hard deadline: requestTimeoutMs bounds the whole attempt, not only the socket's idle
    // time (a server trickling a byte at a time cannot hold it longer). Armed before the send: the
    // parent may report a failure synchronously.
    this.#timer = setTimeout(expire, Math.min(Math.max(1, limitMs), MAX_TIMER_MS), this, attempt);
    // The parent's own retries are off (maxRetries 0 on the transport); its idle timeout is the
    // attempt's limit. When that is the client's or the call's requestTimeout anyway (the first
    // attempt, mostly), the caller's options are passed as they are.
    const { options } = this;
    const timeoutOption = field(options, 'requestTimeout');
    // (a per-call requestTimeout above what a Node timer holds is capped: Node would print a TimeoutOverflowWarning)
    const asGiven = limitMs === this.#requestTimeoutMs && limitMs <= MAX_TIMER_MS && (timeoutOption === undefined || timeoutMsOf(timeoutOption) === limitMs) && typeof opt(options, 'maxRetries') !== 'number';
    const attemptOptions = asGiven ? options : { ...options, maxRetries: 0, requestTimeout: Math.min(MAX_TIMER_MS, Math.max(1, Math.ceil(limitMs))) };
    let pending: { abort(): unknown };
    // counted until #done: close() lets this attempt finish before the pool closes its connections
    shared.attemptsInFlight++;
    try {
      const stages = (options as { [kSendStages]?: unknown })[kSendStages];
      if (typeof stages === 'function') (stages as SendStagesSink)('sent');
      pending = parentRequest.call(this.transport, attemptParams, attemptOptions, this.#onDone);
    } catch (error) {
      // e.g. an event listener that threw inside the parent: this attempt's failure, like any other
      this.#done(error instanceof Error ? error : new Error(String(error)), undefined as unknown as ApiResponse);
      return;
    }
    if (this.#attempt === attempt && this.#resolve !== undefined) this.#current = pending;
  }

  /** The deadline of attempt `attempt` passed: it is aborted (and reported as a timeout). */
  expire(attempt: number): void {
    if (attempt !== this.#attempt || this.#resolve === undefined) return;
    this.#expired = true;
    if (this.#current !== undefined) abortQuietly(this.#current, this.#attemptParams);
  }

  /** The parent's callback for the attempt in flight. */
  #done(answer: Error | null, result: ApiResponse): void {
    const error = listenerFailureOf(result) ?? answer; // a 'response'/'deserialization' listener threw (transport-events.ts)
    const resolve = this.#resolve;
    const reject = this.#reject;
    if (resolve === undefined || reject === undefined) return;
    this.#resolve = undefined;
    this.#reject = undefined;
    this.shared.attemptEnded();
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#current = undefined;
    if (error === null) {
      const sink = (this.options as { [kWireSecrets]?: unknown })[kWireSecrets];
      if (typeof sink === 'function') (sink as WireSecretsSink)(sentSecretsOf(this.#attemptParams as TransportRequestParams));
      // opensearch-js counts the retries it made in meta.attempts; each of ours is a parent call of its own
      reportAsCall(result.meta, this.#attempt, this.options);
      resolve(withoutRequestSecrets(result, this.shared.secrets, this.#attemptParams as TransportRequestParams));
      forgetAuthorizer(this.#attemptParams);
      return;
    }
    const failure = this.#failure(answeredError(error, result));
    forgetAuthorizer(this.#attemptParams);
    this.#lastFailure = failure;
    // after client.close() no retry: the call ends with this failure
    const closing = this.shared.closed;
    if (this.#fast) {
      this.#fast = false;
      if (closing) reject(failure);
      else this.#policy({ error: failure }).then(resolve, reject);
    } else {
      if (closing) this.#stopAfterClose(failure);
      reject(failure);
    }
  }

  /** The typed error of a failed attempt. */
  #failure(error: Error): unknown {
    // abort() while sending: whatever the socket reported, the caller aborted.
    if (this.aborted) return this.reason ?? this.abortError();
    // a body JSON could not serialise (a cycle, a BigInt): the error names the caller's body, not its wrapper
    const data = field(error, 'data');
    if (data instanceof BodyForSerializer) (error as { data?: unknown }).data = data.body;
    const attemptParams = this.#attemptParams as TransportRequestParams;
    const attemptSecrets = this.shared.attemptSecrets(sentSecretsOf(attemptParams));
    reportAsCall((field(error, 'meta') as ApiResponse | undefined)?.meta, this.#attempt, shownCallerOptions(this.options, attemptSecrets), this.#expired);
    if (this.#expired) {
      const what = this.#limitMs < this.#requestTimeoutMs ? 'the call ran out of retry.maxElapsedMs' : `the attempt took longer than requestTimeoutMs (${this.#requestTimeoutMs} ms)`;
      const meta = (error as { meta?: ApiResponse } | null)?.meta ?? emptyResult(attemptParams, this.options, false);
      return this.boundary(new errors.TimeoutError(`Request timed out: ${what}`, meta), attemptSecrets);
    }
    return this.boundary(error, attemptSecrets);
  }
}
