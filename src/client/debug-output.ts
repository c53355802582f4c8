/**
 * What opensearch-js prints with `DEBUG=opensearch` (the `debug` package, util.inspect of its
 * arguments), kept free of the secrets a request carries where the printed object is one the SDK
 * hands over: the params of an attempt on abort (Transport.js "Aborting request") and a JSON body
 * before it is serialised (Serializer.js "Serializing": the passwords the security API sends).
 * The params the Connection prints on every request are a stand-in (connection.ts ParamsForParent).
 * Not avoidable here: Serializer.js "qserialize" prints every query string as given,
 * "ndserialize" a bulk body given as an array, "Deserializing" every response body.
 */
import { inspect } from 'node:util';
import opensearch from '@opensearch-project/opensearch';
import { field } from '../errors/own.js';

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
    this.path = typeof params.path === 'string' ? params.path.split('?', 1)[0] : params.path;
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
