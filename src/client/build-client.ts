/**
 * createClientWith: options -> auth strategy (from the entry's mode factories) -> signing Connection +
 * retrying Transport -> a real opensearch-js Client. It imports no mode's factory itself.
 */
import { Client, type ClientOptions } from '@opensearch-project/opensearch';
import { refreshBufferFor } from '../auth/refresh-buffer.js';
import type { AuthModeFactory } from '../auth/mode.js';
import type { ModeScope } from '../auth/mode-scope.js';
import type { AuthMode, AuthOptions, ModeFactories } from '../auth/modes.js';
import type { AuthStrategy } from '../auth/strategy.js';
import { redactConfigError, withRedactedConfigErrors } from '../errors/config-redaction.js';
import { redactText } from '../errors/redact.js';
import { ConfigError } from '../errors/classes.js';
import { SecretSet, attachSecrets } from '../errors/secrets.js';
import { checkCredentialHeaders, checkHeaderConflicts, resolveOptions, secretHeaderValues, type FgacClientOptions, type ResolvedOptions } from './options.js';
import { checkChildOptions } from './options-passthrough.js';
import { readOnce } from './options-snapshot.js';
import { sslSecrets, tlsOptionsOf } from './tls.js';
import { summarizeForInspection } from './inspect-view.js';
import { proxyUserInfoOf } from './options-check.js';
import { TlsSigningConnection, markTlsOptions } from './tls-connection.js';
import { createTransportClass } from './transport.js';
import { linkEventEmitter } from './transport-events.js';
import { opt } from '../errors/own.js';

/** The modes an entry point's createClient includes (spec and factory of each), and the entry's name for refusals. */
export interface ClientEntry extends ModeScope {
  readonly factories: ModeFactories;
}

/** The factory of `mode` in `entry` (resolveOptions has refused a mode the entry does not include). */
function factoryOf(mode: AuthMode, entry: ClientEntry): AuthModeFactory<AuthOptions> {
  const factory = entry.factories[mode] as AuthModeFactory<AuthOptions> | undefined;
  if (factory === undefined) throw new TypeError(`${entry.name} has the spec of mode "${mode}" but not its factory`);
  return factory;
}

/** The auth strategy for validated options (no network, no AWS SDK loaded yet); it adds the secrets it holds or derives to `secrets`. */
export function createAuthStrategy(resolved: ResolvedOptions, secrets: SecretSet, entry: ClientEntry): AuthStrategy {
  const auth: AuthOptions = resolved.options.auth;
  return factoryOf(resolved.mode, entry)(auth, resolved, {
    requestTimeoutMs: resolved.requestTimeoutMs,
    refreshBufferMs: refreshBufferFor(resolved.requestTimeoutMs),
    secrets,
  });
}

/** createClient with the modes of one entry point (the lean entries include fewer modes, so bundle less); see createClient. */
export function createClientWith(given: FgacClientOptions, entry: ClientEntry): Client {
  const resolved = resolveOptions(given, process.env, entry);
  // From here on only the options as read and checked once (a getter is not read again).
  const options = resolved.options;
  // One secret set per client (shared by its child clients): the options' secrets now, the
  // strategy's fetched and derived ones as they come; the error boundary redacts their values.
  const secrets = new SecretSet();
  for (const secret of resolved.secrets) secrets.add(secret);
  sslSecrets(options.ssl, secrets);
  const strategy = createAuthStrategy(resolved, secrets, entry);
  const passthrough = resolved.clientOptions;
  // null prototype: opensearch-js copies the client's headers with for...in, which would also send a property a bug
  // elsewhere in the app put on Object.prototype (an enumerable `Object.prototype.x = 1` went out as header `x: 1`)
  const headers = Object.assign(Object.create(null) as Record<string, unknown>, opt(passthrough, 'headers'));
  for (const value of secretHeaderValues(headers)) secrets.add(value);
  for (const value of proxyUserInfoOf(opt(passthrough, 'proxy'))) secrets.add(value);
  if (options.tenant !== undefined) headers.securitytenant = options.tenant;
  const clientOptions: ClientOptions = {
    ...passthrough,
    node: options.node,
    Connection: TlsSigningConnection,
    Transport: createTransportClass({ strategy, secrets, ...(options.retry !== undefined ? { retry: options.retry } : {}) }),
    requestTimeout: resolved.requestTimeoutMs,
    // Used by the bulk helper for per-document 429 retries; request-level retries are runWithRetry's
    // (each attempt is sent with maxRetries 0).
    maxRetries: options.retry?.retries ?? 3,
    ssl: markTlsOptions(tlsOptionsOf(options.ssl), options.allowInsecureTls === true),
    headers,
    ...(options.compression === true ? { compression: 'gzip' as const } : {}),
  };
  attachSecrets(strategy, secrets);
  const family: ClientFamily = { secrets, mode: resolved.mode, nodes: resolved.nodes, allowInsecureHttp: options.allowInsecureHttp === true };
  return withSecrets(buildClient(clientOptions, secrets), family, headers);
}

/**
 * `new Client(options)`, what opensearch-js (or a class given in clientOptions: ConnectionPool, Serializer...) throws
 * as it builds the client turned into a ConfigError naming `clientOptions`, its message redacted with the client's
 * secrets and its cause dropped (a pool constructor's `Error('pool ' + password)` reached the caller as it was).
 */
function buildClient(clientOptions: ClientOptions, secrets: SecretSet): Client {
  try {
    return new Client(clientOptions);
  } catch (error) {
    if (error instanceof ConfigError) throw redactConfigError(error, secrets);
    // redacted whole, then cut: a secret across the cut would keep its first characters unmatched
    const said = redactText(messageOf(error), secrets);
    const shown = said.length > 300 ? `${said.slice(0, 300)}...` : said;
    throw redactConfigError(new ConfigError('clientOptions', `clientOptions: opensearch-js refused the client options${shown === '' ? '' : `: ${shown}`}`), secrets);
  }
}

/** The message of a thrown value (an Error's, or the value as text), '' when it cannot be read. */
function messageOf(error: unknown): string {
  try {
    const text = error instanceof Error ? error.message : String(error);
    return typeof text === 'string' ? text : '';
  } catch {
    return '';
  }
}

/** Child option paths passed on as given (the caller's own object). */
const CHILD_PASSED_AS_GIVEN: ReadonlySet<string> = new Set(['child.context']);

/**
 * The headers of a child: the parent's (its tenant, clientOptions.headers) with the child's over them, a name in any
 * case replacing the parent's. opensearch-js would replace the parent's headers with the child's whole, and a child
 * given one header silently went to the user's default tenant.
 */
function childHeaders(parent: Record<string, unknown>, child: Record<string, unknown>): Record<string, unknown> {
  const names = new Set(Object.keys(child).map((n) => n.toLowerCase()));
  const merged = Object.create(null) as Record<string, unknown>;
  for (const [name, value] of Object.entries(parent)) if (!names.has(name.toLowerCase())) merged[name] = value;
  return Object.assign(merged, child);
}

/** What a client and every child it makes share: the secret set, the auth mode, the nodes and allowInsecureHttp. */
interface ClientFamily {
  readonly secrets: SecretSet;
  readonly mode: AuthMode;
  readonly nodes: readonly URL[];
  readonly allowInsecureHttp: boolean;
}

/**
 * A child's options read once and checked; a ConfigError is redacted with the family's secrets and the secret-named
 * headers the child gives (README: a child shares the parent's secret set).
 */
function checkedChildOptions(given: ClientOptions | undefined, family: ClientFamily): ClientOptions | undefined {
  let own: unknown[] = [];
  return withRedactedConfigErrors(() => {
    const snapshot = readOnce(given, 'child', CHILD_PASSED_AS_GIVEN);
    if (typeof snapshot === 'object' && snapshot !== null) own = secretHeaderValues(opt(snapshot, 'headers'));
    // the headers as checked (own and inherited keys read once) are the ones the child sends
    const opts = checkChildOptions(snapshot);
    // A child may switch the tenant (its securitytenant header wins), not the credentials.
    checkHeaderConflicts(opts?.headers, family.mode, false, 'child.headers');
    checkCredentialHeaders(opts?.headers, family.nodes, family.allowInsecureHttp, 'child.headers');
    return opts;
  }, () => family.secrets.with(own));
}

/** Attaches the client's secret set to `client` and to every child it makes; child options are checked. */
function withSecrets(client: Client, family: ClientFamily, headers: Record<string, unknown>): Client {
  const { secrets } = family;
  attachSecrets(client, secrets);
  summarizeForInspection(client, family.mode);
  linkEventEmitter(client);
  const makeChild = client.child.bind(client);
  client.child = (given?: ClientOptions): Client => {
    const opts = checkedChildOptions(given, family);
    const own = opts?.headers;
    if (own === undefined) return withSecrets(makeChild(opts), family, headers);
    for (const value of secretHeaderValues(own)) secrets.add(value);
    const merged = childHeaders(headers, own);
    return withSecrets(makeChild({ ...opts, headers: merged }), family, merged);
  };
  return client;
}

/** The auth strategy behind a client made by createClient (or its child()), e.g. to sign a request sent another way. */
export function authStrategyOf(client: Client): AuthStrategy | undefined {
  const transport = client.transport as unknown as { authStrategy?: AuthStrategy };
  return transport.authStrategy;
}
