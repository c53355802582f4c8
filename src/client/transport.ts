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
 *
 * `sniff()` is opensearch-js's, made safe for an answer out of spec (see sniffThrough).
 */
import type { EventEmitter } from 'node:events';
import { Transport, errors } from '@opensearch-project/opensearch';
import type { ApiError, ApiResponse } from '@opensearch-project/opensearch';
import type {
  TransportRequestCallback,
  TransportRequestOptions,
  TransportRequestParams,
  TransportRequestPromise,
  TransportSniffOptions,
} from '@opensearch-project/opensearch/lib/Transport.js';
import type { AuthStrategy } from '../auth/strategy.js';
import { toTypedError } from '../errors/boundary.js';
import { redactApiResponse } from '../errors/redact-value.js';
import { attachSecrets, type SecretSet } from '../errors/secrets.js';
import { Call, emptyResult } from './transport-call.js';
import { ClientShared, hookPool, type TransportSettings } from './client-shared.js';
import { kEventEmitter, redactingEmit } from './transport-events.js';
import { field, setOwn } from '../errors/own.js';

type Callback = (err: ApiError | null, result: ApiResponse) => void;
type TransportOptions = ConstructorParameters<typeof Transport>[0];
type SniffCallback = (...args: unknown[]) => void;

/** What sniffThrough uses of a Transport (opensearch-js's own fields for its sniff state). */
interface Sniffing {
  _isSniffing: boolean;
  _sniffEnabled: boolean;
  _nextSniff: number;
  sniffInterval: number;
  sniffEndpoint: string;
  connectionPool: { nodesToHost(nodes: unknown, protocol: string): unknown; update(hosts: unknown[]): unknown };
  emit(event: string, ...args: unknown[]): unknown;
  request(params: TransportRequestParams, options: TransportRequestOptions): PromiseLike<ApiResponse>;
}

/**
 * Runs a caller's callback or the listeners of an event. What they throw surfaces as it does from
 * opensearch-js (an uncaught exception), never as the rejection of a promise nobody holds.
 */
function surface(deliver: () => void): void {
  try {
    deliver();
  } catch (error) {
    process.nextTick(() => {
      throw error;
    });
  }
}

/**
 * The hosts opensearch-js builds from a sniff answer's nodes, each node read on its own: one it cannot read (no
 * roles, a publish_address not a string or not host:port, `nodes` not an object) is skipped, as it skips a node
 * without an http address, and so is one whose URL is not of the protocol the sniff went over.
 */
function usableHosts(pool: Sniffing['connectionPool'], body: unknown, protocol: string): unknown[] {
  const nodes = body !== null && typeof body === 'object' && !Array.isArray(body) ? field(body, 'nodes') : undefined;
  if (nodes === null || typeof nodes !== 'object' || Array.isArray(nodes)) return [];
  const hosts: unknown[] = [];
  for (const id of Object.keys(nodes)) {
    try {
      const built = pool.nodesToHost({ [id]: field(nodes, id) }, protocol);
      if (!Array.isArray(built)) continue;
      for (const host of built as unknown[]) {
        const url = host !== null && typeof host === 'object' ? field(host, 'url') : undefined;
        if (url instanceof URL && url.protocol === protocol) hosts.push(host);
      }
    } catch {
      // a node whose entry opensearch-js cannot read: not a node to connect to
    }
  }
  return hosts;
}

function protocolOf(result: ApiResponse): string {
  try {
    const protocol = (result.meta as { connection?: { url?: { protocol?: unknown } } | null }).connection?.url?.protocol;
    return typeof protocol === 'string' && protocol.length > 0 ? protocol : 'http:';
  } catch {
    return 'http:';
  }
}

function markSniff(result: ApiResponse, hosts: unknown[], reason: string): void {
  try {
    if (result.meta !== null && typeof result.meta === 'object') setOwn(result.meta, 'sniff', { hosts, reason });
  } catch {
    // a frozen meta: the event still carries the error
  }
}

/**
 * opensearch-js's sniff (one at a time, the next interval set when it ends, the 'sniff' event, then the callback)
 * where an answer out of spec is a sniff error, reported as a failed sniff request is: opensearch-js throws from
 * its callback (a TypeError that kills the process) or, when no node has an http address, empties the pool for
 * good. A pool is replaced only by an answer naming at least one usable node.
 */
function sniffThrough(transport: Sniffing, secrets: SecretSet, opts: TransportSniffOptions | SniffCallback | undefined, callback: SniffCallback | undefined): void {
  if (transport._isSniffing === true) return;
  transport._isSniffing = true;
  let done: SniffCallback = callback ?? (() => undefined);
  let options: Partial<TransportSniffOptions> = {};
  if (typeof opts === 'function') {
    done = opts;
    options = { reason: Transport.sniffReasons.DEFAULT };
  } else if (opts !== null && typeof opts === 'object') {
    options = opts;
  }
  const reason = String(options.reason ?? Transport.sniffReasons.DEFAULT);
  const ended = (): void => {
    transport._isSniffing = false;
    if (transport._sniffEnabled === true) transport._nextSniff = Date.now() + transport.sniffInterval;
  };
  const params: TransportRequestParams = { method: 'GET', path: transport.sniffEndpoint };
  const failed = (error: unknown, answer: ApiResponse | undefined): void => {
    const typed = toTypedError(error, { secrets });
    const result = answer ?? redactApiResponse(emptyResult(params, {}, false), secrets);
    markSniff(result, [], reason);
    surface(() => transport.emit('sniff', typed, result));
    surface(() => done(typed));
  };
  let pending: PromiseLike<ApiResponse>;
  try {
    pending = transport.request(params, { id: options.requestId });
  } catch (error) {
    ended();
    failed(error, undefined);
    return;
  }
  pending.then(
    (result) => {
      ended();
      const hosts = usableHosts(transport.connectionPool, result.body, protocolOf(result));
      if (hosts.length === 0) {
        const message = `opensearch-fgac: the sniff answer (GET ${transport.sniffEndpoint}) names no node with a usable http.publish_address; the connection pool is kept as it was`;
        failed(new errors.DeserializationError(message, ''), result);
        return;
      }
      try {
        transport.connectionPool.update(hosts);
      } catch (error) {
        failed(error, result);
        return;
      }
      markSniff(result, hosts, reason);
      surface(() => transport.emit('sniff', null, result));
      surface(() => done(null, hosts));
    },
    (error: unknown) => {
      ended();
      const meta = error !== null && typeof error === 'object' ? field(error, 'meta') : undefined;
      failed(error, meta !== null && typeof meta === 'object' ? (meta as ApiResponse) : undefined);
    },
  );
}

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
      // anything but none (undefined, null) or the callback is the call's options: Call refuses what is not an object of them
      const options: TransportRequestOptions = optionsOrCallback === undefined || optionsOrCallback === null || typeof optionsOrCallback === 'function' ? {} : optionsOrCallback;
      const call = new Call(shared, this, params, options);
      const promise = call.run();
      if (callback !== undefined) {
        promise.then(
          (result) => surface(() => callback(null, result)),
          (error: unknown) =>
            surface(() =>
              callback(error as ApiError, (error as { meta?: ApiResponse } | null)?.meta ?? redactApiResponse(emptyResult(call.params, call.options, call.aborted), secrets)),
            ),
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

    override sniff(opts?: TransportSniffOptions | SniffCallback, callback?: SniffCallback): void {
      sniffThrough(this as unknown as Sniffing, secrets, opts, callback);
    }
  }

  return FgacTransport;
}
