/**
 * What opensearch-js prints with `DEBUG=opensearch` (the `debug` package, util.inspect of its
 * arguments), kept free of the secrets a request carries where the printed object is one the SDK
 * hands over: the params of an attempt on abort (Transport.js "Aborting request") and a JSON body
 * before it is serialised (Serializer.js "Serializing": the passwords the security API sends).
 * The params the Connection prints on every request are a stand-in (connection.ts ParamsForParent).
 * Not avoidable here: Serializer.js "qserialize" prints every query string as given,
 * "ndserialize" a bulk body given as an array, "Deserializing" every response body.
 */
import { debuglog, inspect } from 'node:util';
import opensearch from '@opensearch-project/opensearch';
import { field } from '../errors/own.js';
import { isSensitiveKey } from '../errors/sensitive-key.js';

/** What opensearch-js prints of an attempt's params on abort (Transport.js "Aborting request"). */
const PRINTED_ON_ABORT = ['headers', 'body', 'bulkBody', 'querystring', 'auth'];

/**
 * Aborts the attempt in flight with those params not enumerable (and the path without its query)
 * while the parent's abort() runs: it prints them synchronously. They are restored at once (the
 * attempt's result and error still hold them, redacted by the boundary).
 */
export function abortQuietly(pending: { abort(): unknown }, params: object | undefined): void {
  const hidden: Array<[string, PropertyDescriptor]> = [];
  if (params !== undefined) {
    for (const key of [...PRINTED_ON_ABORT, 'path']) {
      const d = Object.getOwnPropertyDescriptor(params, key);
      if (d?.enumerable !== true || d.configurable !== true) continue;
      if (key !== 'path') Object.defineProperty(params, key, { ...d, enumerable: false });
      else if (typeof d.value === 'string' && d.value.includes('?')) Object.defineProperty(params, key, { ...d, value: d.value.split('?', 1)[0] });
      else continue;
      hidden.push([key, d]);
    }
  }
  try {
    pending.abort();
  } finally {
    for (const [key, d] of hidden) Object.defineProperty(params as object, key, d);
  }
}

/**
 * What the Connection's request() is given in place of an attempt's params, once the request object
 * is built from them (connection.ts): it reads only `body` (to send it) and prints the object on
 * every request ("Starting a new request", "Request aborted", Connection.js). Printed: the method and
 * the path without its query; not the headers (an x-api-key, an Authorization header in mode none),
 * the query string or the body.
 */
export class ParamsForParent {
  readonly method: unknown;
  readonly path: unknown;
  readonly #body: unknown;

  constructor(params: { method?: unknown; path?: unknown; body?: unknown }) {
    this.method = params.method;
    const path = params.path;
    // the part before the first `?` (split('?', 1)[0] made an array per request)
    const mark = typeof path === 'string' ? path.indexOf('?') : -1;
    this.path = mark < 0 ? path : (path as string).slice(0, mark);
    this.#body = field(params, 'body');
  }

  /** The body to send (a getter: not an own property, so never printed). */
  get body(): unknown {
    return this.#body;
  }
}

type WithToJson = { toJSON?: unknown; toJSON5?: unknown; toJSON11?: unknown };

/**
 * A JSON body as the default Serializer receives it: it serialises to exactly the body's JSON
 * (`toJSON` / `toJSON11` answer what JSON.stringify and json11 would take from the body itself) and
 * prints as `[request body]`.
 */
export class BodyForSerializer {
  readonly #body: object;

  constructor(body: object) {
    this.#body = body;
  }

  /** The body itself. */
  get body(): object {
    return this.#body;
  }

  /** What JSON.stringify serialises in place of this object: the body (or its own toJSON's answer). */
  toJSON(key: string): unknown {
    const b = this.#body as WithToJson;
    return typeof b.toJSON === 'function' ? (b.toJSON as (k: string) => unknown).call(b, key) : b;
  }

  /** The same for json11 (the Serializer's long-numeral path), which prefers toJSON11, then toJSON5, then toJSON. */
  toJSON11(key: string): unknown {
    const b = this.#body as WithToJson;
    for (const f of [b.toJSON11, b.toJSON5, b.toJSON]) if (typeof f === 'function') return (f as (k: string) => unknown).call(b, key);
    return b;
  }

  [inspect.custom](): string {
    return '[request body]';
  }
}

const DEFAULT_SERIALIZE = opensearch.Serializer.prototype.serialize;

/**
 * The body an attempt hands the parent: a plain JSON body wrapped (BodyForSerializer) when the
 * transport serialises with opensearch-js' own Serializer; anything else as it is (a string, a
 * Buffer, a stream, or an application's own Serializer, which gets exactly what it was given).
 */
export function bodyForParent<T>(body: T, transport: unknown): T {
  if (body === null || typeof body !== 'object' || Buffer.isBuffer(body) || typeof field(body, 'pipe') === 'function') return body;
  const serializer = (transport as { serializer?: { serialize?: unknown } }).serializer;
  // typed as the body: the parent only serialises it, and the wrapper serialises to the same JSON
  return serializer?.serialize === DEFAULT_SERIALIZE ? new BodyForSerializer(body) as unknown as T : body;
}

/**
 * Node's own debug output (NODE_DEBUG=http, https or net) prints the options of every request that opens a socket,
 * headers included: the Authorization header, a session token, a secret header of the caller's. Read once (Node reads
 * NODE_DEBUG at start-up); when on, the Connection makes its requests through secretHeadersSetAfter. Off, nothing
 * changes: the request is made as opensearch-js makes it.
 */
export const NODE_DEBUG_PRINTS_OPTIONS = ['http', 'https', 'net', 'tls'].some((section) => debuglog(section).enabled);

/** `make(options)` with the secret-named headers left out of the options and set on the request before it is sent. */
export function secretHeadersSetAfter<O extends { headers?: Record<string, unknown> | null }, R extends { setHeader(name: string, value: string): unknown }>(make: (options: O) => R, options: O): R {
  const headers = options.headers;
  if (headers === undefined || headers === null) return make(options);
  const kept: Record<string, unknown> = {};
  const later: Array<[string, unknown]> = [];
  for (const name of Object.keys(headers)) {
    if (isSensitiveKey(name)) later.push([name, headers[name]]);
    else kept[name] = headers[name];
  }
  if (later.length === 0) return make(options);
  const request = make({ ...options, headers: kept });
  for (const [name, value] of later) request.setHeader(name, value as string);
  return request;
}
