/**
 * The opensearch-js client's own events (`client.on('request' | 'response' | ...)`) as listeners
 * see them through this SDK: the error already through the error boundary (the same object the
 * caller later gets) and the result as redacted copies (body, headers, warnings, and `meta` with the
 * request params: headers, body, bulkBody, querystring), each made only when a listener reads it.
 */
import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import { toTypedError } from '../errors/boundary.js';
import { redactApiResponse, redactValue } from '../errors/redact-value.js';
import type { SecretSet } from '../errors/secrets.js';
import { holdListenerFailure } from './attempt-reading.js';
import { attemptAuthOf, sentSecretsOf } from './connection.js';

type Emit = (event: string | symbol, ...args: unknown[]) => unknown;

/** The events whose payload is a request result (`sniff` and `resurrect` carry other shapes and no request). */
const REQUEST_EVENTS = new Set<string | symbol>(['serialization', 'request', 'deserialization', 'response']);

function paramsOf(result: object): object | undefined {
  try {
    const params = (result as { meta?: { request?: { params?: unknown } } }).meta?.request?.params;
    return params !== null && typeof params === 'object' ? params : undefined;
  } catch {
    return undefined;
  }
}

/** A view of an event's result whose secret-bearing parts are redacted copies, computed on first read. */
function redactedView(result: unknown, secrets: () => SecretSet): unknown {
  if (result === null || typeof result !== 'object') return result;
  const source = result as Record<string, unknown>;
  let meta: unknown;
  let safe: Record<string, unknown> | undefined;
  const whole = (): Record<string, unknown> => (safe ??= redactApiResponse(source as never, secrets()) as unknown as Record<string, unknown>);
  return {
    get body(): unknown {
      // an `asStream` answer's body is the response stream the caller gets untouched too: a listener may tee or pipe it
      const body = source.body;
      if (body instanceof Readable) return body;
      return whole().body;
    },
    get statusCode(): unknown {
      const status = source.statusCode;
      return typeof status === 'number' || status === null ? status : whole().statusCode;
    },
    get headers(): unknown {
      return whole().headers;
    },
    // opensearch-js reads the warnings from the raw `warning` header: they echo what the headers hold
    get warnings(): unknown {
      return whole().warnings;
    },
    get meta(): unknown {
      return (meta ??= redactValue(source.meta, secrets()));
    },
  };
}

/** Where a Transport finds the client's EventEmitter (set by linkEventEmitter). */
export const kEventEmitter: unique symbol = Symbol('opensearch-fgac.event-emitter');

/**
 * Tells `client.transport` which EventEmitter its events go to (the one opensearch-js keeps under a
 * symbol on the client), so an event nobody listens to costs no redacted view. Without it every
 * event is wrapped, as before.
 */
export function linkEventEmitter(client: object): void {
  const transport = (client as { transport?: unknown }).transport;
  if (transport === null || typeof transport !== 'object') return;
  for (const key of Object.getOwnPropertySymbols(client)) {
    const value = (client as Record<symbol, unknown>)[key];
    if (value instanceof EventEmitter) {
      (transport as Record<symbol, unknown>)[kEventEmitter] = value;
      return;
    }
  }
}

/**
 * Wraps a Transport's `emit` so that listeners never see a secret (see the file comment). An
 * event of a request with no listener (as `emitterOf()` tells) is not emitted at all: nothing would see it.
 */
export function redactingEmit(emit: Emit, secrets: SecretSet, emitterOf: () => EventEmitter | undefined = () => undefined): Emit {
  // A plain function reading `arguments` only when the call is unusual: the usual emit (event,
  // error, result) with nobody listening allocates nothing.
  return function redacting(event: string | symbol, error?: unknown, result?: unknown): unknown {
    const requestEvent = REQUEST_EVENTS.has(event);
    if (requestEvent) {
      const emitter = emitterOf();
      if (emitter !== undefined && emitter.listenerCount(event) === 0) return false;
    }
    // eslint-disable-next-line prefer-rest-params
    const args = arguments.length === 3 ? undefined : (Array.prototype.slice.call(arguments, 1) as unknown[]);
    // A sniff result carries the nodes' answer and the hosts built from it (URLs with the client's
    // credentials, node names a proxy may fill with what it was sent): a redacted copy, once.
    if (event === 'sniff' && args === undefined) {
      return emit(event, error === null || error === undefined ? error : toTypedError(error, { secrets }), redactValue(result, secrets));
    }
    if (args !== undefined && (!requestEvent || args.length < 2)) return emit(event, ...args);
    if (!requestEvent || (result !== null && typeof result !== 'object')) return args === undefined ? emit(event, error, result) : emit(event, ...args);
    // The attempt's wire secrets are looked up only when something is redacted (never on the fast path); its
    // authorizer is taken now: the transport takes it off the params when the attempt ends, and a listener may read
    // the payload later.
    const params = result !== null && typeof result === 'object' ? paramsOf(result) : undefined;
    const auth = params !== undefined ? attemptAuthOf(params) : undefined;
    let set: SecretSet | undefined;
    const setOf = (): SecretSet => {
      if (set === undefined) set = params !== undefined ? secrets.with(sentSecretsOf(params, auth)) : secrets;
      return set;
    };
    const failed = error !== null && error !== undefined;
    const safeError = failed ? toTypedError(error, { secrets: setOf() }) : error;
    const view = redactedView(result, setOf);
    if (event !== 'response' && event !== 'deserialization') return args === undefined ? emit(event, safeError, view) : emit(event, safeError, view, ...args.slice(2));
    // opensearch-js emits these inside its response handling: a listener's throw there would leave the call unsettled
    // (and reach process 'uncaughtException'). The call fails with it instead, as with a throwing 'request' listener.
    try {
      return args === undefined ? emit(event, safeError, view) : emit(event, safeError, view, ...args.slice(2));
    } catch (thrown) {
      holdListenerFailure(result, thrown);
      // an `asStream` answer's body nobody will read: its socket is let go
      const body = event === 'response' ? (result as { body?: unknown } | null)?.body : undefined;
      if (body instanceof Readable) body.destroy();
      return true;
    }
  };
}
