/**
 * The Transport subclass: each call runs the retry policy (runWithRetry) around the parent
 * Transport.request with the parent's own retries off. Every attempt gets credentials from
 * the auth strategy and a fresh copy of the params, so the body is serialised and gzipped
 * again and the Connection signs that attempt's bytes (re-signed per retry). Errors come
 * out as typed classes (toTypedError). Promise and callback styles are both supported, and
 * `abort()` works on either.
 */
import { Readable } from 'node:stream';
import opensearch, { Transport } from '@opensearch-project/opensearch';
import type { ApiError, ApiResponse } from '@opensearch-project/opensearch';
import type {
  TransportRequestCallback,
  TransportRequestOptions,
  TransportRequestParams,
  TransportRequestPromise,
} from '@opensearch-project/opensearch/lib/Transport.js';
import type { AuthStrategy } from './auth/strategy.js';
import { kAuthorizer } from './connection.js';
import { toTypedError } from './errors/classify.js';
import { resolveRetryOptions, runWithResolvedRetry, type RetryOptions } from './retry/index.js';

/** What a Transport class built by createTransportClass needs. */
export interface TransportSettings {
  strategy: AuthStrategy;
  retry?: RetryOptions;
}

type Callback = (err: ApiError | null, result: ApiResponse) => void;

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

/** A Transport class bound to one auth strategy and retry policy (passed to `new Client({ Transport })`). */
export function createTransportClass(settings: TransportSettings): typeof Transport {
  const { strategy } = settings;
  const onExpired = strategy.onExpired?.bind(strategy);

  class FgacTransport extends Transport {
    /** The auth strategy of this client. */
    readonly authStrategy: AuthStrategy = strategy;

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
      const abortError = (): Error => new opensearch.errors.RequestAbortedError('Request aborted', emptyResult(params, options, true));
      const userSignal = settings.retry?.signal;
      // abort() also ends a back-off wait between attempts. The signal for that wait is made when a
      // wait starts (most requests never wait), already aborted if abort() came first.
      const signal = (): AbortSignal => {
        if (state.signal === undefined) {
          const controller = new AbortController();
          if (state.reason !== undefined) controller.abort(state.reason);
          state.controller = controller;
          state.signal = userSignal !== undefined ? AbortSignal.any([userSignal, controller.signal]) : controller.signal;
        }
        return state.signal;
      };

      const start = (body: TransportRequestParams['body'], bulkBody: TransportRequestParams['bulkBody']): Promise<ApiResponse> => {
        const streaming = isStream(body) || isStream(bulkBody);
        const retry = resolveRetryOptions({
          ...settings.retry,
          ...(typeof options.maxRetries === 'number' ? { retries: options.maxRetries } : {}),
          ...(streaming ? { retries: 0 } : {}),
        });
        let usedGeneration: number | undefined;
        const attempt = async (): Promise<ApiResponse> => {
          if (state.aborted) throw abortError();
          // Fresh cached credentials are used without a wait; otherwise the strategy fetches them.
          let authorizer = strategy.authorizeCached?.();
          if (authorizer === undefined) {
            authorizer = await strategy.authorize();
            if (state.aborted) throw abortError();
          }
          usedGeneration = authorizer.generation;
          // The parent mutates params (serialised body, gzip, headers): a fresh copy per attempt. Keys are
          // deleted only when present (a delete turns the object into a slow dictionary for the parent).
          const attemptParams = { ...params, [kAuthorizer]: authorizer } as TransportRequestParams;
          if (body !== undefined) attemptParams.body = body;
          else if ('body' in attemptParams) delete attemptParams.body;
          if (bulkBody !== undefined) attemptParams.bulkBody = bulkBody;
          else if ('bulkBody' in attemptParams) delete attemptParams.bulkBody;
          const pending = super.request(attemptParams, { ...options, maxRetries: 0 });
          state.current = pending;
          try {
            return await pending;
          } catch (error) {
            throw toTypedError(error);
          } finally {
            state.current = undefined;
          }
        };
        return runWithResolvedRetry(
          attempt,
          {
            method: params.method,
            path: params.path,
            ...(onExpired !== undefined ? { onExpiredCredentials: () => onExpired(usedGeneration) } : {}),
          },
          retry,
          signal,
        );
      };

      // A signature covers the body bytes, so a streamed body is read into memory first (which
      // also makes it retryable); without signing a stream is sent as is, once.
      const drainThenStart = async (): Promise<ApiResponse> => {
        let { body, bulkBody } = params;
        if (isStream(body)) body = await drain(body);
        if (isStream(bulkBody)) bulkBody = await drain(bulkBody);
        return start(body, bulkBody);
      };

      const abort = (): void => {
        state.aborted = true;
        state.current?.abort();
        state.reason ??= abortError();
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
          promise = Promise.reject(error);
        }
      }
      if (callback !== undefined) {
        promise.then(
          (result) => callback(null, result),
          (error: unknown) => callback(error as ApiError, (error as { meta?: ApiResponse } | null)?.meta ?? emptyResult(params, options, state.aborted)),
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

/** Per-request state shared by the attempts, abort() and the back-off wait. */
interface RequestState {
  aborted: boolean;
  /** The abort error, made by the first abort(). */
  reason: Error | undefined;
  controller: AbortController | undefined;
  signal: AbortSignal | undefined;
  current: { abort(): unknown } | undefined;
}
