/**
 * Redaction of secrets (Authorization, AWS signatures and session tokens, cookies, passwords,
 * password hashes, bearer tokens) from text, headers, URLs and the `meta` of opensearch-js
 * errors. Every function here is total: it never throws, whatever it is given.
 */
import type { ApiResponse } from '@opensearch-project/opensearch';

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
const KEY_VALUE = /(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]{1,100})=([^&\s"',;)]+)/g;
const AUTH_SCHEME = /\b(Basic|Bearer|Negotiate|AWS4-HMAC-SHA256)([ \t]+)(?!realm\b)([A-Za-z0-9+/._~=-]{6,})/g;
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b/g;
const BCRYPT = /\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}/g;
const URL_USERINFO = /\b([a-z][a-z0-9+.-]{0,20}:\/\/)([^/\s@?#"']{1,500})@/gi;

/** True for a token that looks like an encoded credential rather than an English word. */
function looksLikeCredential(token: string): boolean {
  return /[0-9+/=]/.test(token) || /[A-Z]/.test(token.slice(1)) || token.length >= 20;
}

/** Removes secrets from free text: JSON fields, header lines, `key=value` pairs, auth schemes, JWTs, URLs. */
export function redactText(text: string): string {
  if (typeof text !== 'string' || text.length === 0) return typeof text === 'string' ? text : '';
  try {
    return text
      .replace(URL_USERINFO, (_m, scheme: string) => `${scheme}${REDACTED}@`)
      .replace(JSON_PAIR, (m, key: string, sep: string) => (isSensitiveKey(key) ? `"${key}"${sep}"${REDACTED}"` : m))
      .replace(ESCAPED_JSON_PAIR, (m, key: string, sep: string) =>
        isSensitiveKey(key) ? `\\"${key}\\"${sep}\\"${REDACTED}\\"` : m,
      )
      .replace(HEADER_LINE, (m, indent: string, key: string, sep: string) =>
        isSensitiveKey(key) ? `${indent}${key}${sep}${REDACTED}` : m,
      )
      .replace(KEY_VALUE, (m, key: string) => (isSensitiveKey(key) ? `${key}=${REDACTED}` : m))
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

/** A copy of a header map with secret header values replaced and the others' text redacted. */
export function redactHeaders<V>(headers: Readonly<Record<string, V>> | null | undefined): Record<string, V | string> {
  const out: Record<string, V | string> = {};
  if (headers === null || typeof headers !== 'object') return out;
  try {
    for (const [name, value] of Object.entries(headers)) {
      if (isSensitiveKey(name)) out[name] = REDACTED;
      else if (typeof value === 'string') out[name] = redactText(value);
      else if (Array.isArray(value)) out[name] = value.map((v: unknown) => (typeof v === 'string' ? redactText(v) : v)) as V;
      else out[name] = value;
    }
  } catch {
    // a hostile getter: keep what was copied so far
  }
  return out;
}

/** A URL (absolute or a path with a query) with credentials in its user info and secret query values removed. */
export function redactUrl(url: string | URL): string {
  let text: string;
  try {
    text = typeof url === 'string' ? url : String(url);
  } catch {
    return REDACTED;
  }
  return redactText(text);
}

function isConnectionLike(value: object): value is { url: URL; id?: unknown; headers?: unknown } {
  return 'url' in value && (value as { url: unknown }).url instanceof URL && 'headers' in value;
}

function redactUrlObject(url: URL): URL {
  try {
    const copy = new URL(url.href);
    if (copy.username !== '' || copy.password !== '') {
      copy.username = 'REDACTED';
      copy.password = '';
    }
    for (const key of [...copy.searchParams.keys()]) {
      if (isSensitiveKey(key)) copy.searchParams.set(key, REDACTED);
    }
    return copy;
  } catch {
    return new URL('http://redacted.invalid/');
  }
}

function redactInner(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? undefined : value;
  if (depth > MAX_DEPTH) return '[depth limit]';
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  try {
    if (value instanceof URL) return redactUrlObject(value);
    if (value instanceof Date) return new Date(value.getTime());
    if (value instanceof Uint8Array) {
      if (value.length > MAX_BINARY_AS_TEXT) return `[binary ${value.length} bytes]`;
      const text = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8');
      return text.includes('\uFFFD') ? `[binary ${value.length} bytes]` : redactText(text);
    }
    if (typeof (value as { pipe?: unknown }).pipe === 'function') return '[stream]';
    if (value instanceof Error) return { name: value.name, message: redactText(value.message) };
    if (Array.isArray(value)) return value.map((item) => redactInner(item, depth + 1, seen));
    if (isConnectionLike(value)) {
      const c = value as { url: URL; id?: unknown; headers?: unknown; status?: unknown; roles?: unknown; deadCount?: unknown };
      return {
        url: redactUrlObject(c.url),
        id: typeof c.id === 'string' ? redactUrl(c.id) : c.id,
        headers: redactHeaders(typeof c.headers === 'object' ? (c.headers as Record<string, unknown>) : null),
        status: c.status,
        roles: redactInner(c.roles, depth + 1, seen),
        deadCount: c.deadCount,
      };
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key];
      if (isSensitiveKey(key) && item !== null && item !== undefined && item !== '') out[key] = REDACTED;
      else {
        const redacted = redactInner(item, depth + 1, seen);
        if (redacted !== undefined) out[key] = redacted;
      }
    }
    return out;
  } catch {
    return REDACTED;
  } finally {
    seen.delete(value);
  }
}

/** A deep copy of any value with secrets removed (sensitive keys, secrets inside strings, URL credentials). */
export function redactValue(value: unknown): unknown {
  try {
    return redactInner(value, 0, new WeakSet());
  } catch {
    return REDACTED;
  }
}

/** A redacted copy of an opensearch-js ApiResponse (`error.meta`): body, headers, request params, connection. */
export function redactApiResponse(response: ApiResponse): ApiResponse {
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
      body: redactValue(source.body),
      statusCode: typeof source.statusCode === 'number' ? source.statusCode : null,
      headers: headers !== null && typeof headers === 'object' ? redactHeaders(headers as Record<string, unknown>) : null,
      warnings: Array.isArray(warnings) ? warnings.map((w: unknown) => redactText(String(w))) : null,
      meta: redactValue(source.meta),
    } as ApiResponse;
  } catch {
    return { body: null, statusCode: null, headers: null, warnings: null, meta: {} } as unknown as ApiResponse;
  }
}
