/**
 * The checks every option goes through: type and range of one value, refused with a ConfigError
 * that names the option and the fix and never echoes a value that could be a secret.
 */
import { types } from 'node:util';
import { ConfigError } from '../errors/classes.js';
import { isObjectPrototype, opt } from '../errors/own.js';

/**
 * The text of the one AWS region shape, without anchors: `us-east-1`, `us-gov-west-1`, `cn-north-1`, `eu-isoe-west-1`,
 * `ap-southeast-5`, `eusc-de-east-1`. Cognito pool ids start with one (auth/cognito.ts).
 */
export const REGION_SHAPE = String.raw`[a-z]{2,4}(?:-[a-z]{1,12}){1,3}-\d{1,2}`;

/** An AWS region name (see {@link REGION_SHAPE}). */
export const REGION = new RegExp(`^${REGION_SHAPE}$`);

/** Node.js refuses header values with other characters (a newline would end the header). */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Longest string option accepted (a runaway value cannot make validation or requests slow). */
export const MAX_STRING_LENGTH = 8192;

/** Largest timeout Node's timers accept (2^31 - 1 ms, about 24.8 days); beyond it they fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Throws ConfigError naming `option`; the message starts with the option name. */
export function fail(option: string, message: string): never {
  throw new ConfigError(option, `${option}: ${message}`);
}

/** True for a string that is not empty or only whitespace. */
export function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** The JavaScript type of a value, for messages (never the value itself). */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  try {
    if (Array.isArray(value)) return 'an array';
    if (Buffer.isBuffer(value)) return 'a Buffer';
    if (value instanceof Map) return 'a Map';
    if (value instanceof Set) return 'a Set';
    if (value instanceof Date) return 'a Date';
    if (value instanceof RegExp) return 'a RegExp';
    if (value instanceof URLSearchParams) return 'a URLSearchParams';
    if (types.isBoxedPrimitive(value)) return `a boxed ${typeof (value as { valueOf(): unknown }).valueOf()}`;
  } catch {
    // a Proxy whose getPrototypeOf trap throws (or a revoked one): named without what it threw
    return 'an unreadable object (a Proxy that threw)';
  }
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A short, quoted, control-character-free preview of a non-secret value for a message. */
export function preview(value: unknown, max = 60): string {
  const text = typeof value === 'string' ? value : String(value);
  const cut = text.length > max ? `${text.slice(0, max)}...` : text;
  return JSON.stringify(cut);
}

/** A plain object (not null, not an array, not a Buffer). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

/**
 * Objects whose entries are not own properties: as options they would read as none given (every default). A
 * URLSearchParams too: opensearch-js sends one as no parameters at all, and a copy of its fields read its prototype's
 * `size` getter (`new URLSearchParams('size=1&q=x')` as a call's querystring went out as `?size=2`).
 */
const ENTRIES_ELSEWHERE = [Map, Set, WeakMap, WeakSet, Date, RegExp, Promise, ArrayBuffer, URLSearchParams] as const;

/**
 * An options object: its own properties are the options (a literal, a null-prototype object or a class instance),
 * not a list, Buffer, typed array, Map, Set, Date, RegExp, Promise, URLSearchParams or boxed primitive (`new String('x')`), nor a
 * Proxy whose traps throw.
 */
export function isOptionsObject(value: unknown): value is Record<string, unknown> {
  try {
    if (typeof value !== 'object' || value === null) return false;
    // the usual case, read per request (a call's options): a literal or a null-prototype object, whose prototype chain
    // holds none of ENTRIES_ELSEWHERE; the same answer as below in ~40 ns instead of ~400 (a Proxy's prototype read is a
    // trap: it takes the long way)
    if (!types.isProxy(value)) {
      const proto: unknown = Object.getPrototypeOf(value);
      if ((proto === Object.prototype || proto === null) && !Array.isArray(value) && !ArrayBuffer.isView(value) && !types.isBoxedPrimitive(value)) return true;
    }
    return isPlainObject(value) && !ArrayBuffer.isView(value) && !types.isBoxedPrimitive(value) && !ENTRIES_ELSEWHERE.some((kind) => value instanceof kind);
  } catch {
    return false;
  }
}

/** A plain object literal (prototype Object.prototype or null): not a Map, an array or a class instance, whose entries would read as none. */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === null || isObjectPrototype(proto);
}

/** Requires a plain object literal (see isPlainRecord); a Map is named as such in the message. */
export function requirePlainRecord(option: string, value: unknown, hint: string): Record<string, unknown> {
  if (!isPlainRecord(value)) fail(option, `must be a plain object (${hint}), got ${typeName(value)}`);
  return value;
}

/** An array of strings only. */
export function isStringList(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** Requires a plain object. */
export function requireObject(option: string, value: unknown, hint: string): Record<string, unknown> {
  if (!isOptionsObject(value)) fail(option, `must be an object (${hint}), got ${typeName(value)}`);
  return value;
}

/** Requires a non-empty string without surrounding whitespace or control characters. */
export function requireString(option: string, value: unknown, hint: string, flags?: { secret?: boolean }): string {
  const secret = flags !== undefined && opt(flags, 'secret') === true;
  if (!nonEmptyString(value)) fail(option, `must be a non-empty string (${hint}), got ${typeof value === 'string' ? 'an empty string' : typeName(value)}`);
  if (value.length > MAX_STRING_LENGTH) fail(option, `is longer than ${MAX_STRING_LENGTH} characters`);
  if (!secret && value.trim() !== value) fail(option, `${preview(value)} has leading or trailing whitespace (${hint})`);
  if (secret && /[\r\n\0]/.test(value)) fail(option, 'contains a line break or NUL character (a trailing newline from a file?)');
  if (!secret && /[\0-\x1f\x7f]/.test(value)) fail(option, `contains a control character (${hint})`);
  return value;
}

/** Like requireString, for an option that may be absent. */
export function optionalString(option: string, value: unknown, hint: string, flags: { secret?: boolean } = {}): string | undefined {
  return value === undefined ? undefined : requireString(option, value, hint, flags);
}

/** Requires a value usable in an HTTP header (no line breaks or control characters). */
export function requireHeaderValue(option: string, value: unknown, hint: string, flags: { secret?: boolean } = {}): string {
  const s = requireString(option, value, hint, flags);
  if (!HEADER_VALUE.test(s)) fail(option, `contains characters an HTTP header cannot carry (${hint})`);
  return s;
}

/** Requires true or false when given. */
export function optionalBoolean(option: string, value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') fail(option, `must be true or false, got ${typeName(value)}`);
  return value;
}

/** Requires an integer in [min, max] when given. */
export function optionalInteger(option: string, value: unknown, min: number, max: number, unit = ''): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const got = typeof value === 'number' ? String(value) : typeName(value);
    fail(option, `must be an integer from ${min} to ${max}${unit}, got ${got}`);
  }
  return value;
}

/**
 * True for a real AbortSignal only: a look-alike object passes a shape check and then lacks what the waits call
 * (`removeEventListener`, `throwIfAborted`, a `reason` read once), so every `signal` option is checked here. A frozen
 * signal that has not aborted is refused too: it never can (Node writes its state onto it), and Node 24 cannot even
 * add a listener to it; so is a sealed one (AbortSignal.any adds its state to it). Refused, the message says why:
 * `signalText`.
 */
export function isAbortSignal(value: unknown): value is AbortSignal {
  const state = signalState(value);
  return state === 'aborted' || state === 'open';
}

/**
 * What `value` is as a signal, every read guarded (a Proxy's trap or an object that only inherits from
 * AbortSignal.prototype throws on them): not one, aborted, usable (`open`), or not aborted and frozen or sealed.
 */
function signalState(value: unknown): 'none' | 'aborted' | 'open' | 'frozen' | 'sealed' {
  try {
    if (!(value instanceof AbortSignal)) return 'none';
    if (value.aborted) return 'aborted';
    if (Object.isExtensible(value)) return 'open';
    return Object.isFrozen(value) ? 'frozen' : 'sealed';
  } catch {
    return 'none';
  }
}

/**
 * What to say of a `signal` option isAbortSignal refused, after the option's name: a frozen or sealed AbortSignal is
 * one (it was called "an object"), with why it cannot be used; anything else is not an AbortSignal (`got` describes it).
 */
function signalText(value: unknown, got: (value: unknown) => string): string {
  const state = signalState(value);
  if (state !== 'frozen' && state !== 'sealed') return `must be an AbortSignal, got ${got(value)}`;
  // Node writes an abort onto the signal itself: its controller's abort() throws on a frozen one, which stays unaborted
  if (state === 'frozen') return 'is a frozen AbortSignal that has not aborted: it can never abort (Node records the abort on the signal itself, and abort() throws on a frozen one); pass the signal unfrozen';
  return 'is a sealed (not extensible) AbortSignal that has not aborted: Node adds its own state to a signal it combines (AbortSignal.any throws on one); pass the signal unsealed';
}

/**
 * Refuses a `signal` option that is given and is no usable AbortSignal (isAbortSignal): a ConfigError naming `option`,
 * its message `shown` then why (signalText; `got` describes what is not a signal).
 */
export function optionalSignal(option: string, shown: string, value: unknown, got: (value: unknown) => string = typeName): asserts value is AbortSignal | undefined {
  if (value !== undefined && !isAbortSignal(value)) throw new ConfigError(option, `${shown} ${signalText(value, got)}`);
}

/** Requires a function when given. */
export function optionalFunction(option: string, value: unknown, hint: string): void {
  if (value !== undefined && typeof value !== 'function') fail(option, `must be a function (${hint}), got ${typeName(value)}`);
}

/** Requires an AWS region name when given. */
export function optionalRegion(option: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const s = requireString(option, value, 'an AWS region such as "us-east-1"');
  if (!REGION.test(s)) fail(option, `${preview(s)} is not an AWS region name such as "us-east-1" or "us-gov-west-1"`);
  return s;
}

/** Refuses keys of `object` that are not in `allowed` (a typo would otherwise be ignored silently). */
export function refuseUnknownKeys(prefix: string, object: Record<string, unknown>, allowed: readonly string[], hint: string): void {
  for (const key of Object.keys(object)) {
    if (object[key] === undefined || allowed.includes(key)) continue;
    const name = /^[A-Za-z0-9_$]{1,60}$/.test(key) ? key : preview(key, 30);
    fail(prefix === '' ? name : `${prefix}.${name}`, `is not an option${hint === '' ? '' : ` ${hint}`}; accepted: ${allowed.join(', ')}`);
  }
}

/** A URL given as text, parsed; nothing before its last `@` nor its query is ever echoed. */
export function requireHttpUrl(option: string, value: unknown, hint: string): URL {
  const s = requireString(option, value, hint, { secret: true });
  if (s.trim() !== s || /[\0-\x1f\x7f]/.test(s)) fail(option, `${urlPreview(s)} has surrounding whitespace or a control character; write it as ${hint}`);
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    fail(option, `${urlPreview(s)} is not a URL; write it as ${hint}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') fail(option, `protocol ${preview(url.protocol, 20)} is not supported; use https://`);
  if (url.hostname === '') fail(option, `${urlPreview(s)} has no host`);
  // the URL parser takes port 0 (`:0`, `:000`), which no connection can reach: refused as out of range
  if (url.port === '0') fail(option, `${urlPreview(s)} has port 0, out of range; give a port from 1 to 65535 (or none for the protocol's default)`);
  return url;
}

/**
 * What of a URL-like text may appear in a message: everything up to its last `@` (user info,
 * even with `/ ? #` inside a password) replaced, then its query and fragment dropped.
 */
export function urlPreview(text: string): string {
  let shown = text;
  const at = shown.lastIndexOf('@');
  if (at >= 0) {
    const scheme = /^[A-Za-z][A-Za-z0-9+.-]{0,20}:\/\//.exec(shown)?.[0] ?? '';
    shown = `${scheme}[REDACTED]${shown.slice(at)}`;
  }
  return preview(shown.replace(/[?#].*$/s, ''), 100);
}

/** The user info a URL-like text may carry (up to its last `@`), and its password part, for redaction. */
export function userInfoOf(text: string): string[] {
  const at = text.lastIndexOf('@');
  if (at < 0) return [];
  const start = /^[A-Za-z][A-Za-z0-9+.-]{0,20}:\/\//.exec(text)?.[0].length ?? 0;
  const info = text.slice(start, at);
  const password = info.slice(info.indexOf(':') + 1);
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    decoded = password;
  }
  return [info, password, decoded, ...password.split(/[/?#@]/)];
}

/** The `proxy` option as a URL (a string or a URL object); undefined when it is neither or does not parse. */
export function proxyUrlOf(proxy: unknown): URL | undefined {
  try {
    return proxy instanceof URL ? proxy : typeof proxy === 'string' ? new URL(proxy) : undefined;
  } catch {
    return undefined;
  }
}

/** The user info of a proxy URL (`http://user:password@proxy`, a string or URL) for redaction; none for anything else. */
export function proxyUserInfoOf(proxy: unknown): string[] {
  return typeof proxy === 'string' || proxy instanceof URL ? userInfoOf(String(proxy)) : [];
}

/**
 * True for `localhost` itself and loopback addresses (127.0.0.0/8, ::1): the names the resolver pins to this machine.
 * Not `*.localhost` (Node's resolver sends it to DNS and search domains) nor `localhost.` (an absolute name: also
 * resolved by DNS, not /etc/hosts).
 */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  // an IPv4-mapped 127/8 address too (URL writes [::ffff:127.0.0.1] as [::ffff:7f00:1])
  return h === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::1' || h === '0:0:0:0:0:0:0:1'
    || /^::ffff:(?:7f[0-9a-f]{2}:[0-9a-f]{1,4}|127\.\d+\.\d+\.\d+)$/.test(h);
}

/**
 * The one home of "credentials in clear text to a remote host": refuses `url` (named by `option`) when it is
 * http:// to a host that is not loopback, unless `allowInsecureHttp`. `what` names what would travel.
 */
export function refuseClearText(option: string, url: URL, what: string, allowInsecureHttp: boolean): void {
  if (allowInsecureHttp || url.protocol !== 'http:' || isLoopbackHost(url.hostname)) return;
  fail(option, `${what} would travel in clear text to ${url.host}; use https:// (or set allowInsecureHttp: true)`);
}
