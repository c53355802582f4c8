/**
 * The Connection subclass: signs the final request object of every attempt, i.e. after the
 * Transport serialised and gzipped the body and the node was picked, so the signature covers
 * exactly the bytes and the host that go on the wire. It remembers the secret values it put on
 * the wire (Authorization, security token, signature, the password inside Basic) per attempt, so
 * the error boundary can remove them by value when the server echoes them.
 */
import { validateHeaderName, validateHeaderValue, type ClientRequest, type IncomingMessage } from 'node:http';
import { Connection } from '@opensearch-project/opensearch';
import type { OutgoingRequest, RequestAuthorizer, SignedParts } from '../auth/strategy.js';
import { SIGNER_AMZ_HEADERS } from '../auth/sigv4/own-headers.js';
import { querySecretsOf } from './query-secrets.js';
import { secretsInHeaders } from './header-secrets.js';
import { NODE_DEBUG_PRINTS_OPTIONS, ParamsForParent, secretHeadersSetAfter } from './debug-output.js';
import { opt, setOwn } from '../errors/own.js';
import { buildRequest, type BuiltRequest } from './request-object.js';

/** The body headers opensearch-js sets itself (a body, its compression, the encodings it accepts). */
export const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'accept-encoding'] as const;

/** Key under which the Transport hands an attempt's AttemptAuth to the Connection. */
export const kAuthorizer: unique symbol = Symbol('opensearch-fgac.authorizer');

/**
 * A request option (a symbol: never one of opensearch-js' options nor a caller's): a function the
 * transport calls, when an attempt succeeds, with the secret values that attempt put on the wire
 * (sentSecretsOf), before the result's request headers are replaced. For callers that build errors
 * from a successful answer (ingest's bulk items), which the server may have filled with them.
 */
export const kWireSecrets: unique symbol = Symbol('opensearch-fgac.wireSecrets');

/**
 * A request option (createClient's transport only) called with `'accepted'` when the call starts and `'sent'` each time
 * an attempt is handed to the connection: ingest tells a request cut while it waited for credentials (never sent)
 * from one cut in flight.
 */
export const kSendStages: unique symbol = Symbol('opensearch-fgac.sendStages');

/** The function under kSendStages. */
export type SendStagesSink = (stage: 'accepted' | 'sent') => void;

/** The function under kWireSecrets. */
export type WireSecretsSink = (values: readonly string[]) => void;

/**
 * One attempt's authorization, handed from the Transport to the Connection on the attempt's
 * params: the authorizer to apply, and afterwards the headers it put on the wire (kept in a
 * private field: the params object is visible in results and events, its secrets must not be).
 */
export class AttemptAuth {
  #sent: Record<string, string> | undefined;

  constructor(readonly authorizer: RequestAuthorizer) {}

  /** Records the headers the attempt sent. */
  sent(headers: Record<string, string>): void {
    this.#sent = headers;
  }

  /** The headers the attempt sent (undefined before it was signed). */
  sentHeaders(): Record<string, string> | undefined {
    return this.#sent;
  }
}

/** Request params as the Transport passes them to Connection.request. */
export interface AttemptParams {
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string | number | string[] | undefined>;
  querystring?: string;
  [kAuthorizer]?: AttemptAuth;
  [key: string]: unknown;
}

type Callback = (err: Error | null, response: IncomingMessage | null) => void;

/** What a fixed authorizer is asked to sign (it ignores the request). */
const ANY_REQUEST: OutgoingRequest = { method: 'GET', host: '', path: '/', headers: {} };

/** The attempt's AttemptAuth while its params carry it (the transport takes it off when the attempt ends). */
export function attemptAuthOf(attemptParams: object): AttemptAuth | undefined {
  return (attemptParams as AttemptParams)[kAuthorizer];
}

/**
 * Takes the attempt's authorizer off its params once the attempt has ended and its secrets were read: opensearch-js
 * hands those params back as `meta.request.params`, and the authorizer would give whoever holds a result the headers
 * that were sent (`sentHeaders()`) and a signer for any request (`authorizer.sign`). Set to undefined, not deleted:
 * a delete would turn the object into a dictionary for every later read.
 */
export function forgetAuthorizer(params: object | undefined): void {
  const p = params as { [kAuthorizer]?: AttemptAuth } | undefined;
  if (p !== undefined && p[kAuthorizer] !== undefined) p[kAuthorizer] = undefined;
}

/**
 * The secret values an attempt put on the wire: every secret header's value, the token after an
 * auth scheme, a SigV4 `Signature=`, the `user:password` and password inside a Basic credential,
 * and the value of every query parameter with a secret name (`?token=`, `querystring: { api_key }`).
 */
export function sentSecretsOf(attemptParams: object, auth: AttemptAuth | undefined = attemptAuthOf(attemptParams)): string[] {
  const signed = auth?.sentHeaders();
  // The request's own headers too: a per-request `x-api-key` or `Authorization` (mode none).
  let own: unknown;
  let path: unknown;
  let query: unknown;
  try {
    ({ headers: own, path, querystring: query } = attemptParams as { headers?: unknown; path?: unknown; querystring?: unknown });
  } catch {
    own = undefined;
  }
  const out = [...headerSecretsOf(signed), ...headerSecretsOf(own)];
  if (typeof path === 'string') {
    const mark = path.indexOf('?');
    if (mark >= 0) querySecretsOf(path.slice(mark + 1), out);
  }
  if (typeof query === 'string') querySecretsOf(query, out);
  return out;
}


/** The secret values of a header object (see sentSecretsOf); none when it is not one or cannot be read. */
export function headerSecretsOf(headers: unknown): string[] {
  const out: string[] = [];
  if (headers === undefined || headers === null || typeof headers !== 'object') return out;
  try {
    out.push(...secretsInHeaders(headers));
  } catch {
    // a header object whose getter throws: what was read so far
  }
  return out;
}

function isStream(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { pipe?: unknown }).pipe === 'function';
}

/** Sets the signed headers on the built request (replacing any of the same name, in any case) and the signed path. */
function applySignature(request: BuiltRequest, parts: SignedParts, sigv4: boolean): void {
  const headers = request.headers ?? {};
  for (const name in headers) {
    // for...in also lists an enumerable property of a polluted Object.prototype: no header of the request's
    if (!Object.hasOwn(headers, name)) continue;
    // a same-named header in lower case is simply overwritten below; another spelling is removed, and so is a
    // SigV4 signer's own x-amz-* header the signature does not set (a per-call session token whose getter passed
    // checkCallHeaders as undefined, say): it would go out unsigned beside the signature
    const lower = name.toLowerCase();
    const signs = Object.hasOwn(parts.headers, lower);
    if ((signs && lower !== name) || (sigv4 && !signs && SIGNER_AMZ_HEADERS.has(lower))) delete headers[name];
  }
  // defined, not assigned (Object.assign assigns): a setter a polluted Object.prototype holds for `authorization`
  // would otherwise receive the signature (or the session token) and keep it off the request
  for (const name of Object.keys(parts.headers)) setOwn(headers, name, parts.headers[name]);
  request.headers = headers;
  const path = opt(parts, 'path');
  if (path !== undefined) request.path = path;
}

/**
 * An error of the request after its response was handed over (the node answered, then reset the connection while
 * the body was still being written) changes nothing: the answer stands. opensearch-js 3.x logs it with
 * console.log, which lands on the stdout of a CLI (`--json`) or a Lambda's log as a stack trace; 2.x leaves no
 * listener, so the process would die of an unhandled 'error' event. Either way one silent listener replaces it.
 */
function quietAfterResponse(this: ClientRequest): void {
  this.removeAllListeners('error');
  this.on('error', ignoreError);
}

function ignoreError(): void {}

/** What Node refuses in a request path (opensearch-js' own check, which leaves the request counted open). */
const BAD_PATH = /[^\u0021-\u00ff]/;

/** Refuses a path Node would refuse (a space, a character above U+00FF): opensearch-js would count the request open for ever. */
function checkPath(built: BuiltRequest): void {
  const path = built.path;
  if (typeof path === 'string' && BAD_PATH.test(path)) throw badPath(path);
}

/** Headers opensearch-js or an authorizer may replace before a request goes out (with a body, compression, signing). */
const SET_BY_THE_CLIENT = new Set([...BODY_HEADERS, 'authorization', 'host']);

/**
 * The caller's mistakes in a request that Node would refuse (a path with unescaped characters, a per-call header or
 * opaqueId it cannot send), found before a node is picked: failed through the connection, they would mark that node
 * dead (and start a sniff) for a fault of the request. Per-call headers are read only when given; those the client
 * may set itself (SET_BY_THE_CLIENT, `x-amz-*`) are left to Node's own refusal. `pathAsGiven`: the path goes out as
 * given (a SigV4 signer sends it percent-encoded, as signed).
 */
export function requestMistake(params: { path?: unknown }, options: { headers?: unknown; opaqueId?: unknown }, pathAsGiven: boolean): TypeError | undefined {
  const path = params.path;
  if (pathAsGiven && typeof path === 'string' && BAD_PATH.test(path)) return badPath(path);
  const given = opt(options, 'headers');
  const opaqueId = opt(options, 'opaqueId');
  if (given === undefined && opaqueId === undefined) return undefined;
  // as opensearch-js merges them: names lower-cased (the last spelling wins), then the opaque id
  const headers: Record<string, unknown> = {};
  if (given !== null && typeof given === 'object') {
    for (const name in given) {
      // for...in also lists an enumerable property of a polluted Object.prototype: no header of the caller's
      if (!Object.hasOwn(given, name)) continue;
      const lower = name.toLowerCase();
      // headers opensearch-js, the Connection or a signer may set themselves are left to Node's own check
      if (SET_BY_THE_CLIENT.has(lower) || lower.startsWith('x-amz-')) continue;
      headers[lower] = (given as Record<string, unknown>)[name];
    }
  }
  if (opaqueId !== undefined) headers['x-opaque-id'] = opaqueId;
  return headerProblem({ headers });
}

function badPath(path: string): TypeError {
  // the query string is never quoted: it may hold a token, and one holding a space is only partly redactable
  const mark = path.indexOf('?');
  const shown = mark >= 0 ? `${JSON.stringify(path.slice(0, mark))} (its query string not shown)` : JSON.stringify(path);
  return new TypeError(`opensearch-fgac: the request path ${shown} holds unescaped characters (a space, a control character or one above U+00FF): percent-encode them (encodeURIComponent)`);
}

/**
 * Why Node refused the request's headers (a per-call value with a line break or a character above U+00FF, an
 * undefined one), by Node's own validators; named by header, never by value (it may be a secret). Run only after
 * Node threw, so a request that goes out pays nothing for it.
 */
function headerProblem(built: BuiltRequest): TypeError | undefined {
  const headers = built.headers;
  if (headers === undefined) return undefined;
  for (const name in headers) {
    if (!Object.hasOwn(headers, name)) continue;
    try {
      validateHeaderName(name);
    } catch {
      return new TypeError(`opensearch-fgac: the request header name ${JSON.stringify(name.slice(0, 100))} is not an HTTP token`);
    }
    try {
      validateHeaderValue(name, headers[name] as string); // typed string; Node checks any value (undefined, arrays)
    } catch {
      return new TypeError(`opensearch-fgac: the value of request header "${name}" is undefined or holds a line break, a control character or a character above U+00FF (the value is not shown)`);
    }
  }
  return undefined;
}

/** Connections failing a request that never left (the request's fault, not the node's): the pool's markDead passes them over. */
const failingBeforeSending = new WeakSet<object>();

/** True while `connection` reports a failure of a request it never sent (client-shared.ts keeps markDead from acting on it). */
export function isFailingBeforeSending(connection: unknown): boolean {
  return typeof connection === 'object' && connection !== null && failingBeforeSending.has(connection);
}

/**
 * Fails an attempt that never left through its callback, as a connection error is, on the next tick. opensearch-js
 * calls the pool's markDead from within that callback, synchronously, so the mark set around it covers that call only.
 */
function failBeforeSending(connection: object, callback: Callback, error: Error): void {
  process.nextTick(() => {
    failingBeforeSending.add(connection);
    try {
      callback(error, null);
    } finally {
      failingBeforeSending.delete(connection);
    }
  });
}

/**
 * A Connection that applies the attempt's authorizer (SigV4, basic, ...) to the final request.
 * A fixed authorizer (the same headers whatever the request, e.g. basic) is applied while the
 * request object is built; one that signs the request (SigV4) signs the built object. Either way
 * the object is built here, where a failure can still fail the attempt through its callback, and
 * handed to the parent's request() synchronously (it builds its request object first thing), which
 * is given a ParamsForParent instead of the params.
 */
export class SigningConnection extends Connection {
  /** The stand-in and built request object of the attempt being sent (set only during the synchronous super.request call). */
  #handoverParams: object | undefined;
  #handoverBuilt: BuiltRequest | undefined;

  constructor(...args: ConstructorParameters<typeof Connection>) {
    super(...args);
    if (NODE_DEBUG_PRINTS_OPTIONS) {
      const make = this.makeRequest as (options: BuiltRequest) => ClientRequest;
      this.makeRequest = (options: BuiltRequest): ClientRequest => secretHeadersSetAfter(make, options);
    }
  }

  override request(params: Parameters<Connection['request']>[0], callback: Callback): ClientRequest {
    const p = params as unknown as AttemptParams;
    const auth = p[kAuthorizer];
    let built: BuiltRequest;
    try {
      if (auth === undefined || opt(auth.authorizer, 'fixed') === true) {
        built = this.buildRequestObject(p) as BuiltRequest;
      } else {
        const body = opt(p, 'body');
        if (isStream(body)) throw new Error('opensearch-fgac: a streamed body cannot be signed; the transport should have buffered it');
        built = this.#built(p);
        const parts = auth.authorizer.sign({
          method: built.method ?? p.method,
          host: this.url.host,
          path: built.path ?? p.path,
          headers: (built.headers ?? {}) as Record<string, string | number | string[] | undefined>,
          body: (body ?? null) as string | Buffer | null,
        });
        applySignature(built, parts, true);
        auth.sent(parts.headers);
      }
      checkPath(built);
    } catch (error) {
      // Fail the attempt through the callback, like any connection error (never throw into the Transport).
      failBeforeSending(this, callback, error instanceof Error ? error : new Error(String(error)));
      return { abort: () => undefined } as unknown as ClientRequest;
    }
    const shown = new ParamsForParent(p);
    this.#handoverParams = shown;
    this.#handoverBuilt = built;
    try {
      const request = super.request(shown as unknown as Parameters<Connection['request']>[0], callback);
      // registered after opensearch-js' own response listener, so it runs after it
      if (typeof request.on === 'function') request.on('response', quietAfterResponse);
      return request;
    } catch (error) {
      // Node refused to build the request (a header it cannot send): opensearch-js had counted it open and would
      // never count it back, so close() would never settle. Counted back, and failed through the callback.
      const counted = this as unknown as { _openRequests?: unknown };
      if (typeof counted._openRequests === 'number' && counted._openRequests > 0) counted._openRequests -= 1;
      failBeforeSending(this, callback, headerProblem(built) ?? (error instanceof Error ? error : new Error(String(error))));
      return { abort: () => undefined } as unknown as ClientRequest;
    } finally {
      this.#handoverParams = undefined;
      this.#handoverBuilt = undefined;
    }
  }

  /** The request object of `params` (request-object.ts: opensearch-js's, without what Node never reads). */
  #built(params: AttemptParams): BuiltRequest {
    const self = this as unknown as { headers?: Record<string, unknown> | null; agent?: unknown };
    return buildRequest(this.url, self.headers, self.agent, params);
  }

  override buildRequestObject(params: unknown): ReturnType<Connection['buildRequestObject']> {
    if (params === this.#handoverParams && this.#handoverBuilt !== undefined) {
      const built = this.#handoverBuilt;
      this.#handoverParams = undefined;
      this.#handoverBuilt = undefined;
      return built as ReturnType<Connection['buildRequestObject']>;
    }
    const built = (typeof params === 'object' && params !== null ? this.#built(params as AttemptParams) : super.buildRequestObject(params)) as ReturnType<Connection['buildRequestObject']>;
    const auth = typeof params === 'object' && params !== null ? (params as AttemptParams)[kAuthorizer] : undefined;
    if (auth !== undefined && auth.authorizer.fixed === true) {
      const parts = auth.authorizer.sign(ANY_REQUEST);
      applySignature(built as BuiltRequest, parts, false);
      auth.sent(parts.headers);
    }
    return built;
  }
}
