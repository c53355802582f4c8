/**
 * The Transport subclass: each call runs the retry policy (runWithRetry) around the parent
 * Transport.request with the parent's own retries off. Every attempt gets credentials from the
 * auth strategy and a fresh copy of the params, so the body is serialised and gzipped again and
 * the Connection signs that attempt's bytes (re-signed per retry). Each attempt has a hard
 * deadline (requestTimeoutMs, never past the call's maxElapsedMs); `abort()` ends the call at
 * once, whether it is sending, waiting for credentials or backing off. Every error leaves through
 * the error boundary (toTypedError) once per attempt, with the client's secrets and the ones the
 * attempt put on the wire. Promise and callback styles are both supported.
 *
 * A call whose credentials are cached sends its first attempt directly (the fast path: one object
 * per call, the parent called in callback style, no closures, signals or promises of the policy);
 * only when that attempt fails does the policy take over, from that failure. The per-call machinery
 * (Call, ClientShared) is in transport-call.ts; this file is the subclass and its two call styles.
 */
import type { EventEmitter } from 'node:events';
import { Transport } from '@opensearch-project/opensearch';
import type { ApiError, ApiResponse } from '@opensearch-project/opensearch';
import type {
  TransportRequestCallback,
  TransportRequestOptions,
  TransportRequestParams,
  TransportRequestPromise,
} from '@opensearch-project/opensearch/lib/Transport.js';
import type { AuthStrategy } from '../auth/strategy.js';
import { redactApiResponse } from '../errors/redact-value.js';
import { attachSecrets } from '../errors/secrets.js';
import { Call, emptyResult } from './transport-call.js';
import { ClientShared, hookPool, type TransportSettings } from './client-shared.js';
import { kEventEmitter, redactingEmit } from './transport-events.js';
import { setOwn } from '../errors/own.js';

type Callback = (err: ApiError | null, result: ApiResponse) => void;
type TransportOptions = ConstructorParameters<typeof Transport>[0];

/** A Transport class bound to one auth strategy and retry policy (passed to `new Client({ Transport })`). */
export function createTransportClass(settings: TransportSettings): typeof Transport {
  const shared = new ClientShared(settings);
  const { strategy, secrets } = shared;

  class FgacTransport extends Transport {
    /** The auth strategy of this client. */
    readonly authStrategy: AuthStrategy = strategy;

    constructor(opts: TransportOptions) {
      super(opts);
      // Retries are the policy's: the parent never repeats an attempt by itself (the client's
      // maxRetries option still sets the bulk helper's retries, which it reads from its own options).
      (this as unknown as { maxRetries: number }).maxRetries = 0;
      attachSecrets(this, secrets);
      hookPool((this as unknown as { connectionPool?: unknown }).connectionPool, shared);
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
      const call = new Call(shared, this, params, options);
      const promise = call.run();
      if (callback !== undefined) {
        promise.then(
          (result) => callback(null, result),
          (error: unknown) =>
            callback(error as ApiError, (error as { meta?: ApiResponse } | null)?.meta ?? redactApiResponse(emptyResult(params, options, call.aborted), secrets)),
        );
        return { abort: () => call.abort() };
      }
      const abortable = promise as TransportRequestPromise<ApiResponse>;
      // setOwn: a setter a polluted Object.prototype holds for `abort` would keep it (a definition there; an assignment
      // otherwise, as defineProperty on every promise cost ~0.2 us a request)
      setOwn(abortable, 'abort', function abort(this: TransportRequestPromise<ApiResponse>) {
        call.abort();
        return this;
      });
      return abortable;
    }
  }

  return FgacTransport;
}
