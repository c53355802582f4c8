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
import { runWithRetry, type RetryOptions } from './retry.js';

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
      const state: { aborted: boolean; current: { abort(): unknown } | undefined } = { aborted: false, current: undefined };
      const controller = new AbortController();
      const abortError = (): Error => new opensearch.errors.RequestAbortedError('Request aborted', emptyResult(params, options, true));

      const run = async (): Promise<ApiResponse> => {
        let { body, bulkBody } = params;
        // A signature covers the body bytes, so a streamed body is read into memory first
        // (which also makes it retryable); without signing a stream is sent as is, once.
        if (strategy.signsBody && isStream(body)) body = await drain(body);
        if (strategy.signsBody && isStream(bulkBody)) bulkBody = await drain(bulkBody);
        const streaming = isStream(body) || isStream(bulkBody);
        const retry: RetryOptions = {
          ...settings.retry,
          ...(typeof options.maxRetries === 'number' ? { retries: options.maxRetries } : {}),
          ...(streaming ? { retries: 0 } : {}),
          // abort() also ends a back-off wait between attempts.
          signal: settings.retry?.signal !== undefined ? AbortSignal.any([settings.retry.signal, controller.signal]) : controller.signal,
        };
        let usedGeneration: number | undefined;
        const attempt = async (): Promise<ApiResponse> => {
          if (state.aborted) throw abortError();
          const authorizer = await strategy.authorize();
          if (state.aborted) throw abortError();
          usedGeneration = authorizer.generation;
          // The parent mutates params (serialised body, gzip, headers): a fresh copy per attempt.
          const attemptParams = { ...params, body, bulkBody, [kAuthorizer]: authorizer } as TransportRequestParams;
          if (body === undefined) delete attemptParams.body;
          if (bulkBody === undefined) delete attemptParams.bulkBody;
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
        const onExpired = strategy.onExpired?.bind(strategy);
        return runWithRetry(
          attempt,
          {
            method: params.method,
            path: params.path,
            ...(onExpired !== undefined ? { onExpiredCredentials: () => onExpired(usedGeneration) } : {}),
          },
          retry,
        );
      };

      const abort = (): void => {
        state.aborted = true;
        state.current?.abort();
        controller.abort(abortError());
      };
      const promise = run();
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
