/**
 * Options of `createClient`: the common options and their resolution. Every option is checked
 * up front by type and range (ConfigError naming it); the auth options are checked by their
 * mode (auth/modes.ts), with the specs of the modes the entry includes (its ModeScope). No
 * ConfigError message holds a secret given in the options.
 */
import { AUTH_MODE_NAMES, isAuthMode, modeSigns, type AuthMode } from '../auth/mode-names.js';
import { modeDefinition, modeNotIncluded, type ModeScope } from '../auth/mode-scope.js';
import { EVERY_MODE_SCOPE, type AuthOptions } from '../auth/modes.js';
import type { ModeResolution } from '../auth/mode.js';
import { SIGNER_AMZ_HEADERS } from '../auth/sigv4/own-headers.js';
import { awsHostInfo } from '../auth/sigv4/scope.js';
import { ConfigError } from '../errors/classes.js';
import { redactConfigError } from '../errors/config-redaction.js';
import { isSensitiveKey } from '../errors/redact.js';
import { SecretSet } from '../errors/secrets.js';
import { secretsInHeaderValue } from './header-secrets.js';
import { resolveRetryOptions, type RetryOptions } from '../retry/index.js';
import {
  fail,
  isLoopbackHost,
  isOptionsObject,
  isPlainObject,
  optionalBoolean,
  preview,
  refuseUnknownKeys,
  requireHeaderValue,
  requireHttpUrl,
  typeName,
  proxyUrlOf,
  proxyUserInfoOf,
  refuseClearText,
  userInfoOf,
} from './options-check.js';
import { checkClientOptions, type PassthroughClientOptions } from './options-passthrough.js';
import { optionalTimeoutMs } from './timeouts-retries.js';
import { readOnce } from './options-snapshot.js';
import { checkSsl, probeAgentFactory, type SslOptions } from './tls.js';
import { entryTexts } from './tls-entries.js';
import { field, hasField, opt } from '../errors/own.js';
import { authSecrets, credentialSecrets, EVERY_SECRET_AUTH_KEY } from '../auth/secret-keys.js';

/** Options of `createClient`. */
export interface FgacClientOptions {
  /** Node URL(s), `https://host[:port][/prefix]`. */
  node: string | string[];
  auth: AuthOptions;
  /** Security tenant, sent as the `securitytenant` header (`global_tenant`, `__user__` or a name). */
  tenant?: string | undefined;
  ssl?: SslOptions | undefined;
  /** Per-attempt timeout in ms, an integer from 1 to 2^31 - 1 (default 30 000). Credentials are refreshed at least this long before they expire. */
  requestTimeoutMs?: number | undefined;
  /** gzip request bodies (signatures cover the compressed bytes). */
  compression?: boolean | undefined;
  /** Retry policy (see retry/options.ts). */
  retry?: RetryOptions | undefined;
  /** Allow basic credentials over plain http to a non-loopback host. */
  allowInsecureHttp?: boolean | undefined;
  /** Allow TLS without certificate verification (`ssl.rejectUnauthorized: false`, or an agent that does not verify). */
  allowInsecureTls?: boolean | undefined;
  /** Other opensearch-js Client options. */
  clientOptions?: PassthroughClientOptions | undefined;
}

/** Default per-attempt timeout in ms. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

const TOP_LEVEL_KEYS = ['node', 'auth', 'tenant', 'ssl', 'requestTimeoutMs', 'compression', 'retry', 'allowInsecureHttp', 'allowInsecureTls', 'clientOptions'];
const MAX_NODES = 1000;

/** What validation worked out about the options (used by createClient). */
export interface ResolvedOptions extends ModeResolution {
  nodes: URL[];
  requestTimeoutMs: number;
  mode: AuthMode;
  /** The checked `clientOptions` (with the agent factory guarded). */
  clientOptions: PassthroughClientOptions;
  /** The secret values written in the options (passwords, keys, tokens). */
  secrets: unknown[];
  /** The options as read once (options-snapshot.ts): what was checked, and all the client may use. */
  options: FgacClientOptions;
}

/** Option paths passed on as given (the caller's own object, which opensearch-js hands back in events). */
const PASSED_AS_GIVEN: ReadonlySet<string> = new Set(['clientOptions.context']);

function parseNodes(node: unknown): URL[] {
  if (typeof node !== 'string' && !Array.isArray(node)) {
    fail('node', `give the domain endpoint URL, e.g. "https://search-x.us-east-1.es.amazonaws.com", got ${typeName(node)}`);
  }
  const list: unknown[] = Array.isArray(node) ? node : [node];
  if (list.length === 0) fail('node', 'give the domain endpoint URL, e.g. "https://search-x.us-east-1.es.amazonaws.com"');
  if (list.length > MAX_NODES) fail('node', `more than ${MAX_NODES} nodes`);
  const seen = new Set<string>();
  return list.map((value, i) => {
    const option = Array.isArray(node) ? `node[${i}]` : 'node';
    if (typeof value !== 'string' || value.trim() === '') fail(option, `must be a URL string such as "https://host:443", got ${typeName(value)}`);
    const url = requireHttpUrl(option, value, '"https://host[:port]"');
    if (url.username !== '' || url.password !== '') {
      fail(option, 'remove the credentials from the URL and put them in `auth` (a URL with user:password would add basic auth to every request)');
    }
    if (url.search !== '' || url.hash !== '' || value.includes('?') || value.includes('#')) fail(option, 'remove the query string / fragment from the node URL');
    // opensearch-js keys its connections by URL and throws on a second one.
    // a trailing dot names the same host (the DNS root): `https://h.example.` is `https://h.example`
    const key = `${url.protocol}//${url.hostname.replace(/\.$/, '')}:${url.port}${url.pathname}`;
    if (seen.has(key)) fail(option, `names the same node as an earlier entry (${preview(url.href)}); list each node once`);
    seen.add(key);
    return url;
  });
}

/** The secret values written anywhere in the options, collected before any check (for redaction). */
function secretsIn(options: Record<string, unknown>): unknown[] {
  const out: unknown[] = [];
  const auth = options.auth;
  if (isPlainObject(auth)) {
    // every mode's keys: the mode may be the very option that could not be read
    out.push(...authSecrets(auth, EVERY_SECRET_AUTH_KEY));
    if (isPlainObject(auth.credentials)) out.push(...credentialSecrets(auth.credentials));
  }
  const ssl = options.ssl;
  if (isPlainObject(ssl)) {
    out.push(ssl.passphrase);
    // each key (PEM text or bytes, or a `{ pem, passphrase }` entry) and each entry's own passphrase, key's and pfx's
    for (const { text, passphrase } of entryTexts(ssl.key, 'utf8')) out.push(text, passphrase);
    for (const { passphrase } of entryTexts(ssl.pfx)) out.push(passphrase);
  }
  for (const node of Array.isArray(options.node) ? options.node : [options.node]) {
    if (typeof node === 'string') out.push(...userInfoOf(node));
  }
  const clientOptions = options.clientOptions;
  if (isPlainObject(clientOptions)) {
    out.push(...proxyUserInfoOf(clientOptions.proxy));
    // a secret-named header's value (x-api-key, authorization in mode none), as the client's secret set holds it
    out.push(...secretHeaderValues(clientOptions.headers));
  }
  return out;
}

function check(options: FgacClientOptions, env: NodeJS.ProcessEnv, scope: ModeScope): Omit<ResolvedOptions, 'options'> {
  if (!isOptionsObject(options)) fail('options', `pass an options object { node, auth }, got ${typeName(options)}`);
  const given = options as unknown as Record<string, unknown>;
  const allowInsecureHttp = optionalBoolean('allowInsecureHttp', given.allowInsecureHttp) === true;
  const allowInsecureTls = optionalBoolean('allowInsecureTls', given.allowInsecureTls) === true;
  const nodes = parseNodes(given.node);
  const auth = given.auth;
  if (!isOptionsObject(auth)) fail('auth', `give { mode: "iam" | "basic" | "cognito" | "none", ... }, got ${typeName(auth)}`);
  if (!isAuthMode(auth.mode)) {
    const shown = typeof auth.mode === 'string' ? preview(auth.mode, 30) : typeName(auth.mode);
    fail('auth.mode', `unknown mode ${shown}; use one of ${AUTH_MODE_NAMES.join(', ')}`);
  }
  const refusal = modeNotIncluded(auth.mode, scope);
  if (refusal !== undefined) fail('auth.mode', refusal);
  const requestTimeoutMs = optionalTimeoutMs('requestTimeoutMs', given.requestTimeoutMs) ?? DEFAULT_REQUEST_TIMEOUT_MS;
  if (given.tenant !== undefined) requireHeaderValue('tenant', given.tenant, 'a non-empty tenant name (global_tenant, __user__ or a tenant)');
  optionalBoolean('compression', given.compression);
  checkSsl(given.ssl, allowInsecureTls);
  if (given.retry !== undefined && !isOptionsObject(given.retry)) fail('retry', `must be an object { retries?, minDelayMs?, maxDelayMs?, maxElapsedMs?, retryUnsafeWrites?, onRetry?, signal? }, got ${typeName(given.retry)}`);
  resolveRetryOptions(given.retry as RetryOptions | undefined);
  const clientOptions = checkClientOptions(given.clientOptions, allowInsecureTls);
  const definition = modeDefinition(auth.mode, scope);
  const resolution = definition.validate(auth as unknown as AuthOptions, { nodes, env, allowInsecureHttp });
  refuseUnknownKeys('auth', auth, definition.keys, `of auth mode "${auth.mode}"`);
  const headers = opt(clientOptions, 'headers');
  checkHeaderConflicts(headers, auth.mode, given.tenant !== undefined);
  checkCredentialHeaders(headers, nodes, allowInsecureHttp);
  const credentialHeaders = credentialHeaderNames(headers);
  const credentialHeader = credentialHeaders.length > 0 ? credentialHeaders[0] : undefined;
  const clearText = definition.carries ?? (credentialHeader !== undefined ? `the ${credentialHeader} header` : undefined);
  if (definition.carries !== undefined) for (const node of nodes) refuseClearText('node', node, definition.carries, allowInsecureHttp);
  for (const node of nodes) refuseAwsHttp(node, allowInsecureHttp);
  checkClearTextPaths(clientOptions as Record<string, unknown>, nodes, clearText, allowInsecureHttp);
  refuseUnknownKeys('', given, TOP_LEVEL_KEYS, 'of createClient');
  return { nodes, requestTimeoutMs, mode: auth.mode, clientOptions, secrets: definition.secrets(auth as unknown as AuthOptions), ...resolution };
}

/**
 * The paths the loopback exception for an http:// `node` never covered, refused when credentials travel on every
 * request (`what`: basic mode's, or a secret-named header's) unless allowInsecureHttp: sniffing (they go to whatever
 * addresses the cluster publishes) and an http:// proxy on another host.
 */
function checkClearTextPaths(clientOptions: Record<string, unknown>, nodes: readonly URL[], what: string | undefined, allowInsecureHttp: boolean): void {
  if (what === undefined || allowInsecureHttp || !nodes.some((u) => u.protocol === 'http:')) return;
  for (const key of ['sniffOnStart', 'sniffInterval', 'sniffOnConnectionFault']) {
    const value = field(clientOptions, key);
    if (value !== undefined && value !== false) {
      fail(`clientOptions.${key}`, `sniffing over http:// would send ${what} in clear text to the node addresses the cluster publishes; use https:// (or set allowInsecureHttp: true)`);
    }
  }
  // An http:// node reached through a proxy: the proxy resolves the node's name (a loopback node is the PROXY's own
  // loopback), and the hop to an http:// proxy on another host carries the password in clear text.
  const proxy = proxyUrlOf(field(clientOptions, 'proxy'));
  if (proxy !== undefined && proxy.protocol === 'http:' && !isLoopbackHost(proxy.hostname)) {
    fail('clientOptions.proxy', `${what} would travel in clear text to the http:// proxy ${proxy.host}; use an https:// node or proxy (or set allowInsecureHttp: true)`);
  }
}

/** An AWS domain or collection endpoint over http://: fine-grained access control (and Serverless) takes HTTPS only. */
function refuseAwsHttp(node: URL, allowInsecureHttp: boolean): void {
  if (allowInsecureHttp || node.protocol !== 'http:' || awsHostInfo(node.hostname) === undefined) return;
  fail('node', `${node.host} is an Amazon OpenSearch endpoint, which takes only HTTPS with fine-grained access control (Serverless always); use https:// (or set allowInsecureHttp: true)`);
}

/** The names of the headers set in `headers` that say they hold a secret: each goes on every request. */
function credentialHeaderNames(headers: Record<string, unknown> | undefined): string[] {
  return Object.entries(headers ?? {}).flatMap(([name, value]) => (value !== undefined && isSensitiveKey(name) ? [name] : []));
}

/**
 * The values of `headers` whose names say they hold a secret (authorization, cookie, x-api-key...), each whole and
 * the secrets inside it (a scheme's token, a Basic password, each cookie's value: header-secrets.ts).
 */
export function secretHeaderValues(headers: unknown): unknown[] {
  if (!isPlainObject(headers)) return [];
  return Object.entries(headers).flatMap(([name, value]) => (isSensitiveKey(name) ? [value, ...secretsInHeaderValue(name, value)] : []));
}

/**
 * A secret-named header (a hand-written `authorization: Basic ...` in mode none, an API key) goes on every request:
 * to an http:// node on another host it travels in clear text, refused as basic credentials are unless allowInsecureHttp.
 */
export function checkCredentialHeaders(headers: Record<string, unknown> | undefined, nodes: readonly URL[], allowInsecureHttp: boolean, option = 'clientOptions.headers'): void {
  for (const name of credentialHeaderNames(headers)) {
    for (const node of nodes) refuseClearText(`${option}.${name}`, node, `the ${name} header`, allowInsecureHttp);
  }
}

/**
 * True when auth mode `mode` sets header `lower` on every request: `authorization` (every mode but none) and, when it
 * signs (`signs`), the SigV4 signer's own x-amz-* headers. Other x-amz-* headers are the caller's own (a signer signs them).
 */
function setByMode(lower: string, mode: string, signs: boolean): boolean {
  return (lower === 'authorization' && mode !== 'none') || (signs && SIGNER_AMZ_HEADERS.has(lower));
}

/**
 * Headers the auth mode or `tenant` set cannot also come from `option` (clientOptions.headers, or a
 * child's headers): the mode's would silently win.
 */
export function checkHeaderConflicts(headers: Record<string, unknown> | undefined, mode: string, tenant: boolean, option = 'clientOptions.headers'): void {
  for (const name of Object.keys(headers ?? {})) {
    const lower = name.toLowerCase();
    if (setByMode(lower, mode, modeSigns(mode))) fail(`${option}.${name}`, `auth mode "${mode}" sets this header on every request; remove it`);
    if (tenant && lower === 'securitytenant') fail(`${option}.${name}`, 'the `tenant` option sets this header; give the tenant once');
  }
}

/**
 * A call's own headers (its options.headers) may not carry what the client's auth sets on every attempt (setByMode):
 * the mode's value would replace the caller's silently, or a SigV4 header would go out beside the signature. An
 * undefined value is no header.
 */
export function checkCallHeaders(headers: unknown, mode: string, signs: boolean): void {
  if (headers === null || typeof headers !== 'object') return;
  // every enumerable name, as opensearch-js merges them (an Object.create({...}) header included), but never one a
  // polluted Object.prototype holds: that is no header of the caller's
  for (const name in headers) {
    if (!hasField(headers, name)) continue;
    if (!setByMode(name.toLowerCase(), mode, signs)) continue;
    if (field(headers, name) !== undefined) fail(`options.headers.${name}`, `auth mode "${mode}" sets this header on every request; remove it`);
  }
}

/** Checks options for the modes of `scope` and works out nodes, timeout and SigV4 scope; throws ConfigError naming the option to fix (never echoing a secret). */
export function resolveOptions(options: FgacClientOptions, env: NodeJS.ProcessEnv, scope: ModeScope): ResolvedOptions {
  const given = readOnce(options, '', PASSED_AS_GIVEN);
  try {
    return { ...check(given, env, scope), options: given };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const secrets = new SecretSet();
    if (isPlainObject(given)) for (const s of secretsIn(given as unknown as Record<string, unknown>)) secrets.add(s);
    throw redactConfigError(error, secrets);
  }
}

/** Throws ConfigError (naming the option and the fix) when the options cannot work. */
export function validateOptions(options: FgacClientOptions, env: NodeJS.ProcessEnv = process.env): void {
  const resolved = resolveOptions(options, env, EVERY_MODE_SCOPE);
  // what createClient refuses only as opensearch-js builds the connections: an agent factory's agent (tls.ts)
  probeAgentFactory(resolved.clientOptions.agent, resolved.nodes, resolved.options.ssl, opt(resolved.clientOptions, 'proxy'));
}

