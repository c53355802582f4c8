/** `clientOptions`: the opensearch-js options passed through, checked by type; those this package owns are refused with the option to use instead. */
import type { ClientOptions } from '@opensearch-project/opensearch';
import { checkRequestTimeout } from './timeouts-retries.js';
import { fail, isOptionsObject, optionalBoolean, optionalFunction, optionalInteger, optionalString, preview, refuseUnknownKeys, requireHeaderValue, typeName, MAX_TIMER_MS } from './options-check.js';
import { readHeaders } from './options-snapshot.js';
import { checkAgent } from './tls.js';
import { setOwn, table } from '../errors/own.js';

/** opensearch-js options passed through unchanged (those this package owns are excluded). */
export type PassthroughClientOptions = Omit<
  ClientOptions,
  'node' | 'nodes' | 'auth' | 'Connection' | 'Transport' | 'cloud' | 'ssl' | 'maxRetries' | 'requestTimeout' | 'compression'
>;

const OWNED: Record<string, string> = table({
  node: 'use the top-level `node` option',
  nodes: 'use the top-level `node` option',
  auth: 'use the top-level `auth` option',
  Connection: 'the signing Connection is installed by createClient',
  Transport: 'the retrying Transport is installed by createClient',
  cloud: 'Elastic Cloud ids are not supported',
  ssl: 'use the top-level `ssl` option',
  maxRetries: 'use `retry.retries`',
  requestTimeout: 'use `requestTimeoutMs`',
  compression: 'use `compression: true`',
});

const PASSTHROUGH_KEYS = [
  'ConnectionPool', 'Serializer', 'pingTimeout', 'sniffInterval', 'sniffOnStart', 'sniffEndpoint', 'sniffOnConnectionFault',
  'resurrectStrategy', 'suggestCompression', 'agent', 'nodeFilter', 'nodeSelector', 'headers', 'opaqueIdPrefix',
  'generateRequestId', 'name', 'context', 'proxy', 'enableMetaHeader', 'disablePrototypePoisoningProtection',
  'memoryCircuitBreaker', 'enableLongNumeralSupport',
];

/** Checks `clientOptions` (ConfigError naming `clientOptions.<key>`); returns them with a guarded `agent`. */
export function checkClientOptions(value: unknown, allowInsecureTls: boolean): PassthroughClientOptions {
  // null prototype: an option not given reads as absent, never as what a polluted Object.prototype holds
  if (value === undefined) return Object.create(null) as PassthroughClientOptions;
  if (!isOptionsObject(value)) fail('clientOptions', `must be an object of opensearch-js Client options, got ${typeName(value)}`);
  // every own name: a class instance's getters reach this copy (options-snapshot.ts) unlisted, and are options too
  const names = Object.getOwnPropertyNames(value);
  for (const key of names) {
    const hint = OWNED[key];
    if (hint !== undefined) fail(`clientOptions.${key}`, `not accepted here: ${hint}`);
  }
  refuseUnknownKeys('clientOptions', value, PASSTHROUGH_KEYS, 'of the opensearch-js Client');
  optionalInteger('clientOptions.pingTimeout', value.pingTimeout, 1, MAX_TIMER_MS, ' ms');
  if (value.sniffInterval !== undefined && typeof value.sniffInterval !== 'boolean') optionalInteger('clientOptions.sniffInterval', value.sniffInterval, 1, MAX_TIMER_MS, ' ms');
  for (const key of ['sniffOnStart', 'sniffOnConnectionFault', 'suggestCompression', 'enableMetaHeader', 'enableLongNumeralSupport']) {
    optionalBoolean(`clientOptions.${key}`, value[key]);
  }
  optionalString('clientOptions.sniffEndpoint', value.sniffEndpoint, 'a path such as "_nodes/_all/http"');
  checkOpaqueIdPrefix('clientOptions.opaqueIdPrefix', value.opaqueIdPrefix);
  const resurrect = value.resurrectStrategy;
  if (resurrect !== undefined && resurrect !== 'ping' && resurrect !== 'optimistic' && resurrect !== 'none') fail('clientOptions.resurrectStrategy', 'must be "ping", "optimistic" or "none"');
  for (const key of ['nodeFilter', 'generateRequestId', 'ConnectionPool', 'Serializer']) optionalFunction(`clientOptions.${key}`, value[key], 'see the opensearch-js Client options');
  if (value.nodeSelector !== undefined && typeof value.nodeSelector !== 'function' && value.nodeSelector !== 'round-robin' && value.nodeSelector !== 'random') {
    fail('clientOptions.nodeSelector', 'must be "round-robin", "random" or a function');
  }
  if (value.name !== undefined && typeof value.name !== 'string' && typeof value.name !== 'symbol') fail('clientOptions.name', `must be a string or a symbol, got ${typeName(value.name)}`);
  const dpp = value.disablePrototypePoisoningProtection;
  if (dpp !== undefined && typeof dpp !== 'boolean' && dpp !== 'proto' && dpp !== 'constructor') fail('clientOptions.disablePrototypePoisoningProtection', 'must be a boolean, "proto" or "constructor"');
  if (value.memoryCircuitBreaker !== undefined && !isOptionsObject(value.memoryCircuitBreaker)) fail('clientOptions.memoryCircuitBreaker', 'must be an object { enabled, maxPercentage }');
  checkProxy(value.proxy);
  const headers = checkHeaders('clientOptions.headers', value.headers);
  const out: Record<string, unknown> = { ...value };
  // an unlisted option (a class's getter, a defineProperty) is sent as it was checked; an unlisted unknown name (a
  // class's method or helper) is no option, as before
  for (const key of names) if (!Object.hasOwn(out, key) && PASSTHROUGH_KEYS.includes(key)) setOwn(out, key, value[key]);
  // the copy checked is the one sent (own and inherited keys alike)
  if (headers !== undefined) out.headers = headers;
  if (value.agent !== undefined) out.agent = checkAgent(value.agent, allowInsecureTls);
  return out as PassthroughClientOptions;
}

/**
 * `clientOptions.proxy`: an http:// or https:// URL (string or URL). opensearch-js tunnels through it with hpagent,
 * which speaks HTTP CONNECT only and sends a `socks5://` or `ftp://` proxy the same CONNECT over TLS; the value is never echoed.
 */
function checkProxy(given: unknown): void {
  if (given === undefined) return;
  const proxy = given instanceof URL ? given.href : given;
  if (typeof proxy !== 'string') fail('clientOptions.proxy', `must be a URL, got ${typeName(given)}`);
  // the URL parser drops surrounding whitespace: a padded value (a line read from a file) would pass unseen
  if (proxy.trim() !== proxy || /[\0-\x1f\x7f]/.test(proxy)) fail('clientOptions.proxy', 'has surrounding whitespace or a control character; give the URL alone');
  let url: URL;
  try {
    url = new URL(proxy);
  } catch {
    fail('clientOptions.proxy', 'is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    fail('clientOptions.proxy', `protocol ${preview(url.protocol, 20)} is not supported: opensearch-js speaks to http:// and https:// proxies only (for another kind give an agent factory as clientOptions.agent)`);
  }
  if (url.hostname === '') fail('clientOptions.proxy', 'has no host');
}

/**
 * Checks a headers option: an object of HTTP token names to values without line breaks (values never echoed).
 * Returns the headers read once (readHeaders: own and inherited keys, never a shared prototype's): send that copy.
 */
export function checkHeaders(option: string, given: unknown): Record<string, unknown> | undefined {
  if (given === undefined) return undefined;
  const headers = readHeaders(given, option);
  if (!isOptionsObject(headers)) fail(option, `must be an object of header names to values, got ${typeName(headers)}`);
  for (const [name, header] of Object.entries(headers)) {
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/.test(name)) fail(option, 'holds a header name that is not a valid HTTP token');
    // Node refuses an undefined header value on every request (a raw TypeError, and close() never settled)
    if (header === undefined) fail(`${option}.${name}`, 'is undefined (an unset environment variable?): give a value or leave the header out');
    if (typeof header === 'number') continue;
    requireHeaderValue(`${option}.${name}`, header, 'a header value without line breaks', { secret: true });
  }
  return headers;
}

const CHILD_OWNED = ['node', 'nodes', 'auth', 'Connection', 'Transport', 'ConnectionPool', 'Serializer', 'cloud', 'ssl', 'agent', 'proxy', 'compression'];

/** The X-Opaque-Id prefix travels in a header on every request: a value a header cannot carry would fail each one with a raw TypeError. */
function checkOpaqueIdPrefix(option: string, value: unknown): void {
  if (value !== undefined) requireHeaderValue(option, value, 'a prefix for X-Opaque-Id');
}

/** What a child client may set: the passed-through Client options it does not share, plus its own timeout. */
const CHILD_KEYS = [...PASSTHROUGH_KEYS.filter((k) => !CHILD_OWNED.includes(k)), 'requestTimeout'];

/**
 * Checks the options of `client.child(opts)` (read once by the caller): what createClient owns (auth, TLS, transport,
 * retries) cannot be replaced there. Returns the options to hand to opensearch-js, with the headers as checked.
 */
export function checkChildOptions<T>(value: T): T {
  if (value === undefined) return value;
  if (!isOptionsObject(value)) fail('child', `client.child() takes an object of opensearch-js Client options, got ${typeName(value)}`);
  for (const key of CHILD_OWNED) {
    if (value[key] !== undefined) fail(`child.${key}`, 'cannot be changed in a child client: create another client with createClient');
  }
  // the transport never repeats an attempt by itself (the retry policy does): a child's maxRetries would be ignored
  if (value.maxRetries !== undefined) fail('child.maxRetries', 'not accepted here: use `retry.retries` of createClient (a single call takes `{ maxRetries }` in its options)');
  refuseUnknownKeys('child', value, CHILD_KEYS, 'of a child client');
  const headers = checkHeaders('child.headers', value.headers);
  checkOpaqueIdPrefix('child.opaqueIdPrefix', value.opaqueIdPrefix);
  // opensearch-js's requestTimeout, read by the rule a call's is (timeouts-retries.ts)
  checkRequestTimeout('child.requestTimeout', value.requestTimeout);
  // null prototype kept: opensearch-js merges these into its options, where a polluted Object.prototype must not count
  const out: Record<string, unknown> = Object.assign(Object.create(null) as Record<string, unknown>, value);
  // an unlisted option (a class's getter in the copy read once) is passed on too; an unlisted unknown name is no option
  for (const key of Object.getOwnPropertyNames(value)) if (!Object.hasOwn(out, key) && CHILD_KEYS.includes(key)) setOwn(out, key, value[key]);
  if (headers !== undefined) out.headers = headers;
  // an undefined requestTimeout is none given: opensearch-js's child would take it over the parent's (every attempt then
  // expired at once here; the raw client sends without a timeout)
  if (out.requestTimeout === undefined) delete out.requestTimeout;
  return out as T;
}
