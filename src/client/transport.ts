/**
 * The Transport subclass: each call runs the retry policy (runWithRetry) around the parent
 * Transport.request with the parent's own retries off. Every attempt gets credentials from the
 * auth strategy and a fresh copy of the params, so the body is serialised and gzipped again and
 * the Connection signs that attempt's bytes (re-signed per retry). Each attempt has a hard
 * deadline (requestTimeoutMs, never past the call's maxElapsedMs); `abort()` ends the call at
 * once, whether it is sending, waiting for credentials or backing off. Every error leaves through
 * the error boundary (toTypedError) once per attempt, with the client's secrets and the ones the
 * attempt put on the wire. Promise and callback styles are both supported.
 */
import type { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import opensearch, { Transport, errors } from '@opensearch-project/opensearch';
import type { ApiError, ApiResponse } from '@opensearch-project/opensearch';
import type {
  TransportRequestCallback,
  TransportRequestOptions,
  TransportRequestParams,
  TransportRequestPromise,
} from '@opensearch-project/opensearch/lib/Transport.js';
import type { AuthStrategy, RequestAuthorizer } from '../auth/strategy.js';
import { toTypedError } from '../errors/boundary.js';
import { redactApiResponse } from '../errors/redact.js';
import { SecretSet, attachSecrets } from '../errors/secrets.js';
import { resolveRetryOptions, runWithResolvedRetry, type ResolvedRetryOptions, type RetryOptions } from '../retry/index.js';
import { kAuthorizer, sentSecretsOf } from './connection.js';
import { CallBudget, attemptDeadline, boundedWait } from './deadline.js';
import { kEventEmitter, redactingEmit } from './transport-events.js';

/** What a Transport class built by createTransportClass needs. */
export interface TransportSettings {
  strategy: AuthStrategy;
  retry?: RetryOptions;
  /** The client's secrets (shared by its child clients): every error is redacted by their values too. */
  secrets?: SecretSet;
}

type Callback = (err: ApiError | null, result: ApiResponse) => void;
type TransportOptions = ConstructorParameters<typeof Transport>[0];

function isStream(value: unknown): value is Readable {
  return typeof value === 'object' && value !== null && typeof (value as { pipe?: unknown }).pipe === 'function';
}

async function drain(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

function emptyResult(params: TransportRequestParams, options: TransportRequestOptions, aborted: boolean): ApiResponse {
  return {
    body: null,
    statusCode: null,
    headers: null,
    warnings: null,
    meta: { context: null, name: 'opensearch-js', request: { params, options, id: null }, connection: null, attempts: 0, aborted },
  } as unknown as ApiResponse;
}

/** Per-request state shared by the attempts, abort() and the waits. */
interface RequestState {
  aborted: boolean;
  /** The abort error, made by the first abort(). */
  reason: Error | undefined;
  controller: AbortController | undefined;
  signal: AbortSignal | undefined;
  current: { abort(): unknown } | undefined;
}

/** A Transport class bound to one auth strategy and retry policy (passed to `new Client({ Transport })`). */
export function createTransportClass(settings: TransportSettings): typeof Transport {
  const { strategy } = settings;
  // Mode none signs nothing: its attempts carry no authorizer, so the Connection does no extra work.
  const unsigned = strategy.mode === 'none';
  let baseRetry: ResolvedRetryOptions | undefined;
  const onExpired = strategy.onExpired?.bind(strategy);
  const secrets = settings.secrets ?? new SecretSet();
  const userSignal = settings.retry?.signal;
  // One listener on the caller's signal for the whole client (not one per request: no listener
  // leak however many requests run): it aborts every request in flight.
  const inFlight = new Set<() => void>();
  let listening = false;
  const follow = (abort: () => void): (() => void) => {
    if (userSignal === undefined) return () => undefined;
    if (!listening) {
      listening = true;
      userSignal.addEventListener('abort', () => {
        for (const a of [...inFlight]) a();
      }, { once: true });
    }
    if (userSignal.aborted) abort();
    inFlight.add(abort);
    return () => inFlight.delete(abort);
  };

  class FgacTransport extends Transport {
    /** The auth strategy of this client. */
    readonly authStrategy: AuthStrategy = strategy;

    constructor(opts: TransportOptions) {
      super(opts);
      attachSecrets(this, secrets);
      const self = this as unknown as { emit?: unknown };
      if (typeof self.emit === 'function') {
        self.emit = redactingEmit(self.emit as Parameters<typeof redactingEmit>[0], secrets, () => (this as unknown as { [kEventEmitter]?: EventEmitter })[kEventEmitter]);
      }
    }

    override request(params: TransportRequestParams, options?: TransportRequestOptions): TransportRequestPromise<ApiResponse>;
    override request(
      params: TransportRequestParams,
      options?: TransportRequestOptions,
      callback?: Callback,
    ): TransportRequestCallback;
    override request(
      params: TransportRequestParams,
      optionsOrCallback?: TransportRequestOptions | Callback,
      maybeCallback?: Callback,
    ): TransportRequestPromise<ApiResponse> | TransportRequestCallback {
      const callback = typeof optionsOrCallback === 'function' ? optionsOrCallback : maybeCallback;
      const options: TransportRequestOptions = typeof optionsOrCallback === 'object' && optionsOrCallback !== null ? optionsOrCallback : {};
      const state: RequestState = { aborted: false, reason: undefined, controller: undefined, signal: undefined, current: undefined };
      const boundary = (error: unknown, attemptSecrets: SecretSet = secrets): unknown => toTypedError(error, { secrets: attemptSecrets });
      const abortError = (): Error =>
        boundary(new opensearch.errors.RequestAbortedError('Request aborted', emptyResult(params, options, true))) as Error;
      const timeoutOption = (options as { requestTimeout?: unknown }).requestTimeout;
      const requestTimeoutMs = typeof timeoutOption === 'number' && timeoutOption > 0 ? timeoutOption : (this as unknown as { requestTimeout: number }).requestTimeout;
      // abort() also ends a wait (back-off, credentials). The signal for waits is made when a wait
      // starts (most requests never wait), already aborted if abort() came first.
      const signal = (): AbortSignal => {
        if (state.signal === undefined) {
          const controller = new AbortController();
          if (state.reason !== undefined) controller.abort(state.reason);
          state.controller = controller;
          state.signal = controller.signal;
        }
        return state.signal;
      };

      // Retry options are resolved once per client (not per request); a per-request maxRetries or
      // a streamed body resolves its own.
      const retryFor = (streaming: boolean): ResolvedRetryOptions => {
        if (!streaming && typeof options.maxRetries !== 'number') return (baseRetry ??= resolveRetryOptions(settings.retry));
        return resolveRetryOptions({
          ...settings.retry,
          ...(typeof options.maxRetries === 'number' ? { retries: options.maxRetries } : {}),
          ...(streaming ? { retries: 0 } : {}),
        });
      };

      const start = (body: TransportRequestParams['body'], bulkBody: TransportRequestParams['bulkBody']): Promise<ApiResponse> => {
        const streaming = isStream(body) || isStream(bulkBody);
        const retry = retryFor(streaming);
        const startedAt = performance.now();
        const budget = new CallBudget(retry.maxElapsedMs);
        const outOfTime = (what: string): Error =>
          boundary(new errors.TimeoutError(`Request timed out: ${what} (retry.maxElapsedMs ${retry.maxElapsedMs} ms)`, emptyResult(params, options, false))) as Error;
        let usedGeneration: number | undefined;

        const send = async (authorizer: RequestAuthorizer): Promise<ApiResponse> => {
          // The parent mutates params (serialised body, gzip, headers, querystring), and a retry must start
          // from the caller's: a fresh shallow copy per attempt. Keys are deleted only when present (a delete
          // turns the object into a slow dictionary for the parent). Mode none attaches no authorizer, so the
          // Connection sends the request as the raw client does.
          const attemptParams = (unsigned ? { ...params } : { ...params, [kAuthorizer]: authorizer }) as TransportRequestParams;
          if (body !== undefined) attemptParams.body = body;
          else if ('body' in attemptParams) delete attemptParams.body;
          if (bulkBody !== undefined) attemptParams.bulkBody = bulkBody;
          else if ('bulkBody' in attemptParams) delete attemptParams.bulkBody;
          const remaining = budget.remaining();
          const limitMs = Math.min(requestTimeoutMs, remaining);
          const pending = super.request(attemptParams, { ...options, maxRetries: 0, requestTimeout: Math.max(1, Math.ceil(limitMs)) });
          state.current = pending;
          const deadline = attemptDeadline(limitMs, pending);
          try {
            return await pending;
          } catch (error) {
            // abort() while sending: whatever the socket reported, the caller aborted.
            if (state.aborted) throw state.reason ?? abortError();
            const attemptSecrets = secrets.with(sentSecretsOf(attemptParams));
            if (deadline.expired() && !state.aborted) {
              const what = limitMs < requestTimeoutMs ? 'the call ran out of retry.maxElapsedMs' : `the attempt took longer than requestTimeoutMs (${requestTimeoutMs} ms)`;
              const meta = (error as { meta?: ApiResponse } | null)?.meta ?? emptyResult(attemptParams, options, false);
              throw boundary(new errors.TimeoutError(`Request timed out: ${what}`, meta), attemptSecrets);
            }
            throw boundary(error, attemptSecrets);
          } finally {
            deadline.clear();
            state.current = undefined;
          }
        };

        const attempt = async (): Promise<ApiResponse> => {
          if (state.aborted) throw state.reason ?? abortError();
          if (budget.remaining() <= 0) throw outOfTime('no time left for another attempt');
          // Fresh cached credentials are used without a wait; otherwise the strategy fetches them,
          // and the wait ends at once on abort() or when the call's time is up.
          let authorizer = strategy.authorizeCached?.();
          if (authorizer === undefined) {
            const s = signal();
            try {
              authorizer = await boundedWait(strategy.authorize({ signal: s }), s, budget.remaining(), () => outOfTime('waiting for credentials'));
            } catch (error) {
              throw boundary(error);
            }
            if (state.aborted) throw state.reason ?? abortError();
          }
          usedGeneration = authorizer.generation;
          return send(authorizer);
        };
        const policy = (firstFailure?: { error: unknown }): Promise<ApiResponse> =>
          runWithResolvedRetry(
            attempt,
            {
              method: params.method,
              path: params.path,
              secrets,
              startedAt,
              ...(firstFailure !== undefined ? { firstFailure } : {}),
              ...(onExpired !== undefined ? { onExpiredCredentials: () => onExpired(usedGeneration) } : {}),
            },
            retry,
            signal,
          );
        const stopFollowing = follow(abort);
        // Fast path: cached credentials and nothing aborted: the first attempt is sent directly (no
        // p-retry, no abort signal); the policy (p-retry) takes over only when that attempt fails.
        const ready = state.aborted || streaming ? undefined : strategy.authorizeCached?.();
        let run: Promise<ApiResponse>;
        if (ready !== undefined && budget.remaining() > 0) {
          usedGeneration = ready.generation;
          run = send(ready).catch((error: unknown) => policy({ error }));
        } else {
          run = policy();
        }
        if (userSignal !== undefined) run.then(stopFollowing, stopFollowing);
        return run;
      };

      // A signature covers the body bytes, so a streamed body is read into memory first (which
      // also makes it retryable); without signing a stream is sent as is, once.
      const drainThenStart = async (): Promise<ApiResponse> => {
        let { body, bulkBody } = params;
        try {
          if (isStream(body)) body = await drain(body);
          if (isStream(bulkBody)) bulkBody = await drain(bulkBody);
        } catch (error) {
          throw boundary(error);
        }
        if (state.aborted) throw state.reason ?? abortError();
        return start(body, bulkBody);
      };

      const abort = (): void => {
        if (state.aborted) return;
        state.aborted = true;
        state.reason ??= abortError();
        state.current?.abort();
        state.controller?.abort(state.reason);
      };
      let promise: Promise<ApiResponse>;
      if (strategy.signsBody && (isStream(params.body) || isStream(params.bulkBody))) {
        promise = drainThenStart();
      } else {
        try {
          promise = start(params.body, params.bulkBody);
        } catch (error) {
          // invalid retry options: a rejection, like every other failure
          promise = Promise.reject(boundary(error));
        }
      }
      if (callback !== undefined) {
        promise.then(
          (result) => callback(null, result),
          (error: unknown) =>
            callback(error as ApiError, (error as { meta?: ApiResponse } | null)?.meta ?? redactApiResponse(emptyResult(params, options, state.aborted), secrets)),
        );
        return { abort };
      }
      return Object.assign(promise, {
        abort() {
          abort();
          return this;
        },
      }) as TransportRequestPromise<ApiResponse>;
    }
  }

  return FgacTransport;
}
