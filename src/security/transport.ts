/**
 * The narrow transport of the security REST API: `request(method, path, body?)` below the plugin's
 * prefix, over any opensearch-js `Client` (only `client.transport.request` is used). It is the one
 * place where the helpers meet the network:
 * - the prefix (`_plugins/_security` or `_opendistro/_security`), user shape and masked-field dialect
 *   are detected once from `GET /`, unless given;
 * - every password, hash or other secret a request body carries is added to the client's secret set
 *   (the one its transport's error boundary reads; for a plain Client, one kept for it) BEFORE the
 *   request is sent, so the error boundary can remove it by value from whatever the server echoes;
 * - every failure leaves through the error boundary (`toTypedError` with those secrets);
 * - an abort signal ends a request in flight at once.
 */
import { abortableRequest } from '../client/abortable-request.js';
import { headerSecretsOf, kWireSecrets, type WireSecretsSink } from '../client/connection.js';
import { guarded } from '../client/options-snapshot.js';
import { ConfigError } from '../errors/classes.js';
import { errors } from '@opensearch-project/opensearch';
import { isIdempotentRequest } from '../retry/decision.js';
import { SecurityModelError } from './model-error.js';
import { unconfirmedWrite } from './write-result.js';
import { toTypedError } from '../errors/boundary.js';
import { isSensitiveKey, isSensitivePatchPath, redactText } from '../errors/redact.js';
import { SecretSet, secretsOf } from '../errors/secrets.js';
import { DEFAULT_FLAVOUR, flavourFromRoot, type RootInfo, type SecurityApiPrefix, type SecurityFlavour } from './compat.js';
import { SECURITY_API_PREFIXES } from './prefix.js';
import type { PluginDialect } from './masked-fields.js';
import type { UserShape } from './model.js';
import { field, hasOwnKey, opt } from '../errors/own.js';

/** The part of an opensearch-js `Client` this module uses; any `Client` of @opensearch-project/opensearch 2.x/3.x fits. */
export interface SecurityTransportClient {
  transport: {
    request(params: { method: string; path: string; body?: unknown }, options?: object): Promise<{ body: unknown; statusCode: number | null }>;
  };
}

/** A successful response of the security REST API. */
export interface SecurityResponse {
  statusCode: number;
  body: unknown;
}

/** What the resources need to talk to the plugin: one request below the security prefix. */
export interface SecurityTransport {
  /**
   * Sends `method` to `<prefix>/<path>` (`path` like `api/roles/x` or `authinfo`). Non-2xx responses
   * reject with the typed, redacted errors of the error boundary (`SecurityApiError` for the REST API's own refusals).
   * `once`: sent once, never re-sent by the client's retry policy (a write computed from a read, which a
   * late re-send would apply over newer state; the caller re-reads instead).
   */
  request(method: string, path: string, body?: unknown, options?: SendOptions): Promise<SecurityResponse>;
}

/** How one request of the security transport is sent. */
export interface SendOptions {
  once?: boolean;
}

/** What the client adapter is told up front; anything of the flavour not given is detected from `GET /`. */
export interface ClientTransportOptions {
  prefix?: SecurityApiPrefix;
  userShape?: UserShape;
  dialect?: PluginDialect;
  /** Aborts requests in flight (their promise rejects with the signal's reason at once). */
  signal?: AbortSignal;
}

const MAX_DEPTH = 8;

/**
 * A status below 400 that is not 2xx (a redirect, which the client never follows): not the plugin's answer. A read
 * is refused; a write is not known to be applied (whatever sent the redirect may have forwarded it).
 */
function notAnAnswer(method: string, target: string, status: number): SecurityModelError {
  const message = `${method} ${target} was answered ${status}${status >= 300 && status < 400 ? ' (a redirect, which the client does not follow)' : ''}, not by the security REST API: point the client at the cluster itself`;
  if (method !== 'GET') return unconfirmedWrite(message);
  return new SecurityModelError('response', [{ path: 'response', message, exact: false }]);
}

const APPLIED_STATUS = /^(?:OK|CREATED)$/i;

/**
 * A write's failure whose answer says neither "applied" nor "refused": a body that could not be read (a 2xx cut
 * short), or an error status whose body is the plugin's `{status: OK|CREATED}`. It may have been applied, so it is
 * the unconfirmed-write refusal (apply's `outcome: 'unknown'`), never a clean refusal.
 */
function ambiguousWriteAnswer(method: string, target: string, typed: unknown): unknown {
  if (typed instanceof errors.DeserializationError) return unconfirmedWrite(`${method} ${target} was answered with a body that could not be read`, typed);
  if (!(typed instanceof errors.ResponseError)) return typed;
  const body: unknown = typed.meta?.body;
  const status = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as { status?: unknown }).status : undefined;
  if (typeof status !== 'string' || !APPLIED_STATUS.test(status)) return typed;
  return unconfirmedWrite(`${method} ${target} was answered HTTP ${String(typed.meta?.statusCode)} with a body saying ${status.toUpperCase()}`, typed);
}

/**
 * Adds to `secrets` every secret a request body carries: string values of secret keys (`password`,
 * `hash`, `current_password`, `*_token`...) at any depth, and the values of JSON-patch operations
 * whose path ends in such a key (`{op: 'add', path: '/alice/password', value}`).
 */
export function collectSecrets(body: unknown, secrets: Pick<SecretSet, 'add'>, depth = 0): void {
  if (body === null || typeof body !== 'object' || depth > MAX_DEPTH) return;
  if (Array.isArray(body)) {
    for (const item of body) collectSecrets(item, secrets, depth + 1);
    return;
  }
  const record = body as Record<string, unknown>;
  if (isSensitivePatchPath(field(record, 'path')) && hasOwnKey(record, 'value')) addAll(record.value, secrets, depth + 1);
  for (const [key, value] of Object.entries(record)) {
    if (isSensitiveKey(key)) addAll(value, secrets, depth + 1);
    else collectSecrets(value, secrets, depth + 1);
  }
}

/** Every string inside `value` is a secret (a secret key's value may be an object or a list). */
function addAll(value: unknown, secrets: Pick<SecretSet, 'add'>, depth: number): void {
  if (typeof value === 'string') secrets.add(value);
  else if (value !== null && typeof value === 'object' && depth <= MAX_DEPTH) {
    for (const item of Object.values(value as Record<string, unknown>)) addAll(item, secrets, depth + 1);
  }
}

/**
 * A plain opensearch-js Client's own credentials (its pool's `auth`, each connection's authorization header) join the
 * secrets kept for it: a server echoing them into a write's message or an error never shows them. The SDK's client
 * has them in its transport's set already. Read defensively: a hostile getter adds nothing.
 */
function addClientCredentials(client: SecurityTransportClient, secrets: SecretSet): void {
  try {
    const pool = (client as { connectionPool?: { auth?: unknown; connections?: unknown } }).connectionPool;
    const auth = pool?.auth as { password?: unknown; apiKey?: unknown } | null | undefined;
    if (typeof auth?.password === 'string') secrets.add(auth.password);
    const apiKey = auth?.apiKey as { api_key?: unknown } | string | undefined;
    if (typeof apiKey === 'string') secrets.add(apiKey);
    else if (typeof apiKey?.api_key === 'string') secrets.add(apiKey.api_key);
    const connections = pool?.connections;
    // each connection's secret headers as the SDK's own connection reads them (the token after the scheme, Basic decoded)
    for (const connection of Array.isArray(connections) ? connections as unknown[] : []) {
      for (const value of headerSecretsOf((connection as { headers?: unknown } | null)?.headers)) secrets.add(value);
    }
  } catch {
    // a Proxy or getter that throws: nothing to add
  }
}

const PREFIXES: readonly string[] = SECURITY_API_PREFIXES;
const USER_SHAPES: readonly string[] = ['backend_roles', 'roles'];
const DIALECTS: readonly string[] = ['v2', 'v3'];

function checkChoice(name: string, value: unknown, allowed: readonly string[]): void {
  if (value !== undefined && (typeof value !== 'string' || !allowed.includes(value))) {
    throw new ConfigError(name, `${name} must be one of ${allowed.join(', ')}, got ${typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value}`);
  }
}

/** Throws a ConfigError naming what is wrong when `client` is not an opensearch-js Client (or alike) or the flavour options are unknown. */
export function checkTransportInput(client: unknown, options: unknown): void {
  // a Proxy or getter that throws is refused by name, without what it threw
  const request = guarded('client', () => {
    const transport = client !== null && typeof client === 'object' ? (client as { transport?: unknown }).transport : undefined;
    return transport !== null && typeof transport === 'object' ? (transport as { request?: unknown }).request : undefined;
  });
  if (typeof request !== 'function') {
    throw new ConfigError('client', 'client must be an opensearch-js Client (an object whose transport has request())');
  }
  if (options !== undefined && (options === null || typeof options !== 'object')) throw new ConfigError('options', 'options must be an object');
  const o = (options ?? {}) as Record<string, unknown>;
  checkChoice('prefix', field(o, 'prefix'), PREFIXES);
  checkChoice('userShape', field(o, 'userShape'), USER_SHAPES);
  checkChoice('dialect', field(o, 'dialect'), DIALECTS);
}

/** The security transport over an opensearch-js Client: prefix detection, secret collection, error boundary, abort. */
export class ClientSecurityTransport implements SecurityTransport {
  readonly #client: SecurityTransportClient;
  readonly #options: ClientTransportOptions;
  /** The client's secret set(s): the one its transport's error boundary reads, and the one keyed by the Client. */
  readonly #secrets: SecretSet[];
  #detected: Promise<SecurityFlavour> | undefined;

  constructor(client: SecurityTransportClient, options: ClientTransportOptions = {}) {
    checkTransportInput(client, options);
    this.#client = client;
    this.#options = { ...options };
    const own = secretsOf(client.transport);
    const byClient = secretsOf(client);
    this.#secrets = own === byClient ? [own] : [own, byClient];
    addClientCredentials(client, byClient);
  }

  /** The client's secret sets: what a refusal quoting the caller's arguments is cleaned of too. */
  secretSets(): readonly SecretSet[] {
    return this.#secrets;
  }

  /**
   * The prefix, user shape and dialect in use: the options given, the rest detected once from `GET /`
   * (if `GET /` is refused with 403, OpenSearch 2.x defaults are assumed).
   */
  flavour(): Promise<SecurityFlavour> {
    const prefix = opt(this.#options, 'prefix');
    const userShape = opt(this.#options, 'userShape');
    const dialect = opt(this.#options, 'dialect');
    if (prefix !== undefined && userShape !== undefined && dialect !== undefined) {
      return Promise.resolve({ prefix, userShape, dialect, distribution: 'unknown', version: 'unknown' });
    }
    this.#detected ??= this.#detect().catch((err: unknown) => {
      this.#detected = undefined;
      throw err;
    });
    return this.#detected.then((found) => ({
      ...found,
      prefix: prefix ?? found.prefix,
      userShape: userShape ?? found.userShape,
      dialect: dialect ?? found.dialect,
    }));
  }

  async #detect(): Promise<SecurityFlavour> {
    try {
      const res = await this.#send({ method: 'GET', path: '/' });
      return flavourFromRoot((res.body ?? {}) as RootInfo);
    } catch (err) {
      const typed = this.typedError(err);
      if (typed instanceof Error && (typed as { statusCode?: unknown }).statusCode === 403) return DEFAULT_FLAVOUR;
      throw typed;
    }
  }

  /** Sends a request below the security prefix; see {@link SecurityTransport.request}. */
  async request(method: string, path: string, body?: unknown, options: SendOptions = {}): Promise<SecurityResponse> {
    // the body's secrets join the client's sets (a later error may echo them) and this request's own list: a set
    // evicts by size, and thousands of writes in flight with distinct passwords must not push out one's own
    const own = new SecretSet();
    if (body !== undefined) {
      // one walk of the body: what it finds goes to this request's set and to the client's
      collectSecrets(body, { add: (value) => [own, ...this.#secrets].forEach((set) => set.add(value)) });
    }
    const { prefix } = await this.flavour();
    const target = `/${prefix}/${path}`;
    let wireSecrets: readonly string[] = [];
    // a plain opensearch-js Client re-sends on a lost connection or a 502/503/504 by itself: never a write whose
    // second send is not the first's effect (a PATCH appending, a DELETE then answering 404 for our own deletion)
    const once = opt(options, 'once') === true || (!isIdempotentRequest(method, target) && this.#transportRetries());
    try {
      const res = await this.#send(body === undefined ? { method, path: target } : { method, path: target, body }, (values) => { wireSecrets = values; }, once);
      if (res.statusCode !== null && (res.statusCode < 200 || res.statusCode > 299)) throw notAnAnswer(method, target, res.statusCode);
      return { body: method === 'GET' ? res.body : this.#withRedactedMessage(res.body, wireSecrets, own), statusCode: res.statusCode ?? 0 };
    } catch (err) {
      const typed = this.typedError(err, own);
      throw method === 'GET' ? typed : this.typedError(ambiguousWriteAnswer(method, target, typed), own);
    }
  }

  /**
   * A write's `{status, message}` answer with its message redacted (a server echoing the password it
   * was sent, or the request's own signature). Read bodies are data a later write starts from: they are never rewritten.
   */
  #withRedactedMessage(body: unknown, wireSecrets: readonly string[], own: SecretSet): unknown {
    if (body === null || typeof body !== 'object' || typeof (body as { message?: unknown }).message !== 'string') return body;
    let message = (body as { message: string }).message;
    for (const secrets of this.#secrets) message = redactText(message, SecretSet.plusWire(secrets, wireSecrets));
    if (!own.empty) message = redactText(message, own);
    return { ...(body as object), message };
  }

  /** True when the client's transport repeats failed requests by itself (opensearch-js's own `maxRetries`; the SDK's client sets 0 and runs its policy). */
  #transportRetries(): boolean {
    const own = (this.#client.transport as { maxRetries?: unknown }).maxRetries;
    return typeof own === 'number' && own > 0;
  }

  /**
   * Passes an error through the error boundary with this client's secrets (errors the helpers build themselves too)
   * and `own`, the secrets of the request it answers (a small set of its own: the client's sets are bounded and may
   * have evicted them under many writes in flight).
   */
  typedError(err: unknown, own?: SecretSet): unknown {
    let typed = err;
    for (const secrets of this.#secrets) typed = toTypedError(typed, { secrets });
    return own === undefined || own.empty ? typed : toTypedError(typed, { secrets: own });
  }

  /** Requests handed to the client so far (a write not handed over was never sent: apply's `not_applied`). */
  handed = 0;

  /** One request, ended at once when the signal aborts (the client's own `abort()` is called too). */
  #send(params: { method: string; path: string; body?: unknown }, wireSecrets?: WireSecretsSink, once = false): Promise<{ body: unknown; statusCode: number | null }> {
    // kWireSecrets: the attempt's own secrets (a SigV4 signature, per-request headers) for redacting a success's message
    const options = wireSecrets === undefined ? undefined : { [kWireSecrets]: wireSecrets, ...(once ? { maxRetries: 0 } : {}) };
    return abortableRequest(() => {
      this.handed++;
      return options === undefined ? this.#client.transport.request(params) : this.#client.transport.request(params, options);
    }, opt(this.#options, 'signal'));
  }
}
