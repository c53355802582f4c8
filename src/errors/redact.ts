/**
 * Redaction of secrets (Authorization, AWS signatures and session tokens, cookies, passwords,
 * password hashes, bearer tokens) from text, headers, URLs and the `meta` of opensearch-js
 * errors: by key (header, field and parameter names), by shape (auth schemes, JWTs, JSON-patch
 * operations on a secret path) and, given a client's SecretSet, by value in every encoded form.
 * Every function here is total: it never throws, whatever it is given.
 */
import type { ApiResponse } from '@opensearch-project/opensearch';
import type { SecretSet } from './secrets.js';

/** What every redacted value is replaced with. */
export const REDACTED = '[REDACTED]';

/** Normalised (lower case, no `-`, `_`, `.`, spaces) names that are always secret. */
const SENSITIVE_EXACT = new Set([
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'xamzsecuritytoken',
  'xamzsignature',
  'xamzcredential',
  'signature',
  'credential',
  'credentials',
  'hash',
  'xedgeadmin',
]);

/** Normalised name endings that are secret (`new_password`, `aws_session_token`, `clientSecret`...). */
const SENSITIVE_SUFFIXES = ['password', 'passwd', 'secret', 'token', 'secretaccesskey', 'apikey', 'privatekey', 'passphrase'];

const MAX_DEPTH = 16;
const MAX_BINARY_AS_TEXT = 4 * 1024 * 1024;

/** True when a header, query parameter or JSON field of this name holds a secret. */
export function isSensitiveKey(name: string): boolean {
  if (typeof name !== 'string' || name.length === 0 || name.length > 200) return false;
  const normalized = name.toLowerCase().replace(/[-_. ]/g, '');
  if (SENSITIVE_EXACT.has(normalized)) return true;
  return SENSITIVE_SUFFIXES.some((suffix) => normalized.endsWith(suffix));
}

// Every pattern below is linear: no nested quantifiers over overlapping classes.
const JSON_PAIR = /"([^"\\\n]{1,100})"(\s*:\s*)"((?:[^"\\]|\\.)*)"/g;
const ESCAPED_JSON_PAIR = /\\"([^"\\\n]{1,100})\\"(\s*:\s*)\\"((?:[^"\\]|\\[^"])*)\\"/g;
const HEADER_LINE = /^([ \t]*)([A-Za-z0-9_-]{1,100})([ \t]*:[ \t]*)([^\r\n]*)$/gm;
const KEY_EQ = /(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]{1,100})=/g;
// A value may be `Scheme token` (`authorization=Basic dXNl...`): both words are the secret.
const PAIR_VALUE = /(?:(?:Basic|Bearer|Digest|Negotiate|AWS4-HMAC-SHA256)[ \t]+)?[^&\s"',;)]+/y;
// A flat JSON object (a JSON-patch operation) in text; `\\?"` also matches JSON escaped inside a string.
const FLAT_OBJECT = /\{[^{}]{1,4000}\}/g;
const PATCH_PATH = /\\?"path\\?"\s*:\s*\\?"([^"\\]{0,500})\\?"/;
const PATCH_VALUE = /("value"\s*:\s*)("(?:[^"\\]|\\.)*"|[^,}\s]+)/;
const ESCAPED_PATCH_VALUE = /(\\"value\\"\s*:\s*)(\\"(?:[^"\\]|\\[^"])*\\"|[^,}\s\\]+)/;
const AUTH_SCHEME = /\b(Basic|Bearer|Negotiate|AWS4-HMAC-SHA256)([ \t]+)(?!realm\b)([A-Za-z0-9+/._~=-]{6,})/g;
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b/g;
const BCRYPT = /\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}/g;
// User info ends at the first `/ ? # @` or whitespace. `"` is excluded because URL serialisation
// always escapes it (and it closes JSON strings); every other character, `'` included, may be a raw
// part of a password in a URL. Linear: a match attempt never scans past the next `/`.
// Also `http:\\user:pass@host` (the WHATWG URL parser reads backslashes as slashes) and a
// protocol-relative `//user:pass@host`.
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]{0,20}:[\\/]{2}|(?<![\w:\\/])[\\/]{2})([^/\\\s@?#"]+)@/gi;

/** True for a token that looks like an encoded credential rather than an English word. */
function looksLikeCredential(token: string): boolean {
  return /[0-9+/=]/.test(token) || /[A-Z]/.test(token.slice(1)) || token.length >= 20;
}

/**
 * `key=value` pairs with a secret key get their value replaced. A pair with a harmless key never
 * hides what follows its `=` (`roles=[password=x]`): scanning resumes right after each `key=`,
 * and a value is only consumed when it is redacted, so the pass stays linear.
 */
function redactKeyValues(text: string): string {
  let out = '';
  let copied = 0;
  KEY_EQ.lastIndex = 0;
  for (let m = KEY_EQ.exec(text); m !== null; m = KEY_EQ.exec(text)) {
    if (!isSensitiveKey(m[1] ?? '')) continue;
    const valueStart = m.index + m[0].length;
    PAIR_VALUE.lastIndex = valueStart;
    if (!PAIR_VALUE.test(text)) continue;
    out += `${text.slice(copied, valueStart)}${REDACTED}`;
    copied = PAIR_VALUE.lastIndex;
    KEY_EQ.lastIndex = copied;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** True when a JSON-patch path (`/password`, `/alice/hash`, `/attributes/api_token`) ends in a secret key. */
export function isSensitivePatchPath(path: unknown): boolean {
  if (typeof path !== 'string') return false;
  const last = path.slice(path.lastIndexOf('/') + 1).replace(/~1/g, '/').replace(/~0/g, '~');
  return isSensitiveKey(last);
}

/** JSON-patch operations in text whose path ends in a secret key get their `value` replaced. */
function redactPatchOps(text: string): string {
  if (!text.includes('path')) return text;
  return text.replace(FLAT_OBJECT, (object) => {
    const path = PATCH_PATH.exec(object);
    if (path === null || !isSensitivePatchPath(path[1])) return object;
    return object
      .replace(PATCH_VALUE, (_m, head: string, value: string) => `${head}${value.startsWith('"') ? `"${REDACTED}"` : REDACTED}`)
      .replace(ESCAPED_PATCH_VALUE, (_m, head: string, value: string) => `${head}${value.startsWith('\\"') ? `\\"${REDACTED}\\"` : REDACTED}`);
  });
}

/** Every form of every secret of `secrets` in `text` replaced (longest first). */
export function redactSecretValues(text: string, secrets: SecretSet | undefined): string {
  if (secrets === undefined || secrets.empty || typeof text !== 'string' || text.length === 0) return text;
  let out = text;
  for (const form of secrets.forms()) {
    if (out.includes(form)) out = out.split(form).join(REDACTED);
  }
  return out;
}

/**
 * Removes secrets from free text: the values of `secrets` in any encoded form, JSON fields, header
 * lines, `key=value` pairs, JSON-patch values on secret paths, auth schemes, JWTs, URL user info.
 */
export function redactText(text: string, secrets?: SecretSet): string {
  if (typeof text !== 'string' || text.length === 0) return typeof text === 'string' ? text : '';
  try {
    const structured = redactPatchOps(redactSecretValues(text, secrets))
      .replace(URL_USERINFO, (_m, scheme: string) => `${scheme}${REDACTED}@`)
      .replace(JSON_PAIR, (m, key: string, sep: string) => (isSensitiveKey(key) ? `"${key}"${sep}"${REDACTED}"` : m))
      .replace(ESCAPED_JSON_PAIR, (m, key: string, sep: string) =>
        isSensitiveKey(key) ? `\\"${key}\\"${sep}\\"${REDACTED}\\"` : m,
      )
      .replace(HEADER_LINE, (m, indent: string, key: string, sep: string) =>
        isSensitiveKey(key) ? `${indent}${key}${sep}${REDACTED}` : m,
      );
    return redactKeyValues(structured)
      .replace(AUTH_SCHEME, (m, scheme: string, space: string, token: string) =>
        looksLikeCredential(token) ? `${scheme}${space}${REDACTED}` : m,
      )
      .replace(JWT, REDACTED)
      .replace(ACCESS_KEY_ID, REDACTED)
      .replace(BCRYPT, REDACTED);
  } catch {
    return REDACTED;
  }
}

/**
 * Sets `key` as an own enumerable data property of an object this library built. Unlike
 * `target[key] = value` it never invokes the `__proto__` setter, so an own `__proto__` key of the
 * source (JSON.parse creates those) stays a key; every other key is a plain assignment (the only
 * accessor on Object.prototype is `__proto__`, and defineProperty is several times slower).
 */
export function setOwn(target: object, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else (target as Record<string, unknown>)[key] = value;
}

/**
 * `text` redacted, then cut to at most `max` characters (plus `…`). Redacting first matters: a cut
 * through a secret (`"password":"hun…`) would leave a fragment no pattern recognises.
 */
export function redactExcerpt(text: string, max: number, secrets?: SecretSet): string {
  const redacted = redactText(text, secrets);
  if (redacted.length <= max) return redacted;
  let end = Math.max(0, max);
  const last = redacted.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1; // never split a surrogate pair
  return `${redacted.slice(0, end)}…`;
}

/**
 * A copy of a header map: values of secret headers replaced whatever their type (string, array,
 * number...), the others redacted by content (strings as text, arrays and objects deeply).
 */
export function redactHeaders<V>(headers: Readonly<Record<string, V>> | null | undefined, secrets?: SecretSet): Record<string, V | string> {
  const out: Record<string, V | string> = {};
  if (headers === null || typeof headers !== 'object') return out;
  try {
    for (const [rawName, value] of Object.entries(headers)) {
      const name = redactText(rawName, secrets);
      if (isSensitiveKey(rawName)) setOwn(out, name, REDACTED);
      else if (typeof value === 'string') setOwn(out, name, redactText(value, secrets));
      else if (value !== null && typeof value === 'object') setOwn(out, name, redactValue(value, secrets));
      else setOwn(out, name, typeof value === 'function' ? undefined : value);
    }
  } catch {
    // a hostile getter: keep what was copied so far
  }
  return out;
}

/** A URL (absolute or a path with a query) with credentials in its user info and secret query values removed. */
export function redactUrl(url: string | URL, secrets?: SecretSet): string {
  let text: string;
  try {
    text = typeof url === 'string' ? url : String(url);
  } catch {
    return REDACTED;
  }
  return redactText(text, secrets);
}

function isConnectionLike(value: object): value is { url: URL; id?: unknown; headers?: unknown } {
  return 'url' in value && (value as { url: unknown }).url instanceof URL && 'headers' in value;
}

function redactUrlObject(url: URL, secrets: SecretSet | undefined): URL {
  try {
    const copy = new URL(url.href);
    if (copy.username !== '' || copy.password !== '') {
      copy.username = 'REDACTED';
      copy.password = '';
    }
    for (const key of [...copy.searchParams.keys()]) {
      if (isSensitiveKey(key)) copy.searchParams.set(key, REDACTED);
    }
    if (secrets !== undefined && !secrets.empty && redactSecretValues(copy.href, secrets) !== copy.href) {
      return new URL(`${copy.protocol}//${copy.host}/`);
    }
    return copy;
  } catch {
    return new URL('http://redacted.invalid/');
  }
}

function redactInner(value: unknown, depth: number, seen: WeakSet<object>, secrets: SecretSet | undefined): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? undefined : value;
  if (depth > MAX_DEPTH) return '[depth limit]';
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  try {
    if (value instanceof URL) return redactUrlObject(value, secrets);
    if (value instanceof Date) return new Date(value.getTime());
    if (value instanceof Uint8Array) {
      if (value.length > MAX_BINARY_AS_TEXT) return `[binary ${value.length} bytes]`;
      const text = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8');
      return text.includes('\uFFFD') ? `[binary ${value.length} bytes]` : redactText(text, secrets);
    }
    if (typeof (value as { pipe?: unknown }).pipe === 'function') return '[stream]';
    if (value instanceof Error) return { name: value.name, message: redactText(value.message, secrets) };
    if (Array.isArray(value)) return value.map((item) => redactInner(item, depth + 1, seen, secrets));
    if (isConnectionLike(value)) {
      const c = value as { url: URL; id?: unknown; headers?: unknown; status?: unknown; roles?: unknown; deadCount?: unknown };
      return {
        url: redactUrlObject(c.url, secrets),
        id: typeof c.id === 'string' ? redactUrl(c.id, secrets) : c.id,
        headers: redactHeaders(typeof c.headers === 'object' ? (c.headers as Record<string, unknown>) : null, secrets),
        status: c.status,
        roles: redactInner(c.roles, depth + 1, seen, secrets),
        deadCount: c.deadCount,
      };
    }
    const out: Record<string, unknown> = {};
    // A JSON-patch operation on a secret path (`{op, path: '/password', value}`): its value is the secret.
    const patch = isSensitivePatchPath((value as { path?: unknown }).path) && 'value' in value;
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key];
      const outKey = redactText(key, secrets);
      if ((isSensitiveKey(key) || (patch && key === 'value')) && item !== null && item !== undefined && item !== '') setOwn(out, outKey, REDACTED);
      else {
        const redacted = redactInner(item, depth + 1, seen, secrets);
        if (redacted !== undefined) setOwn(out, outKey, redacted);
      }
    }
    return out;
  } catch {
    return REDACTED;
  } finally {
    seen.delete(value);
  }
}

/** A deep copy of any value with secrets removed (sensitive keys, secrets inside strings, URL credentials, the values of `secrets`). */
export function redactValue(value: unknown, secrets?: SecretSet): unknown {
  try {
    return redactInner(value, 0, new WeakSet(), secrets);
  } catch {
    return REDACTED;
  }
}

/** A redacted copy of an opensearch-js ApiResponse (`error.meta`): body, headers, request params, connection. */
export function redactApiResponse(response: ApiResponse, secrets?: SecretSet): ApiResponse {
  try {
    const source = response as unknown as Record<string, unknown>;
    let warnings: unknown = null;
    try {
      warnings = source.warnings ?? null;
    } catch {
      warnings = null;
    }
    const headers = source.headers;
    return {
      body: redactValue(source.body, secrets),
      statusCode: typeof source.statusCode === 'number' ? source.statusCode : null,
      headers: headers !== null && typeof headers === 'object' ? redactHeaders(headers as Record<string, unknown>, secrets) : null,
      warnings: Array.isArray(warnings) ? warnings.map((w: unknown) => redactText(String(w), secrets)) : null,
      meta: redactValue(source.meta, secrets),
    } as ApiResponse;
  } catch {
    return { body: null, statusCode: null, headers: null, warnings: null, meta: {} } as unknown as ApiResponse;
  }
}
