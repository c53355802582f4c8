/**
 * The one home for "the secret values a header value holds": what a secret-named header (authorization, cookie,
 * x-api-key...) carries besides its whole value. Used for the client's secret set (options.ts, build-client.ts) and
 * for the secrets each attempt put on the wire (connection.ts), so the two agree. Values shorter than the SecretSet
 * minimum are left to it to ignore.
 */
import { isSensitiveKey } from '../errors/redact.js';

/**
 * The secret values inside one header value of header `name` (any name; the caller decides it is secret-named):
 * the whole value, the token after an auth scheme (`Bearer T`, `ApiKey T`), the decoded `user:password` and the
 * password of a Basic credential, a SigV4 `Signature=`, and for a cookie-style header (`cookie`, `set-cookie`...)
 * each `name=value`'s value (a set-cookie's own first pair only: its attributes are no secret). A list of values
 * (a header sent more than once) gives each one's.
 */
export function secretsInHeaderValue(name: string, value: unknown): string[] {
  const out: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) if (typeof item === 'string') collect(name, item, out);
  } else if (typeof value === 'string') {
    collect(name, value, out);
  }
  return out;
}

/** The secret values of every secret-named header of `headers` (own enumerable names); none when it is not an object. */
export function secretsInHeaders(headers: unknown): string[] {
  const out: string[] = [];
  if (headers === null || typeof headers !== 'object') return out;
  for (const [name, value] of Object.entries(headers)) if (isSensitiveKey(name)) out.push(...secretsInHeaderValue(name, value));
  return out;
}

function collect(name: string, value: string, out: string[]): void {
  out.push(value);
  const trimmed = value.trim();
  if (trimmed !== value) out.push(trimmed);
  const scheme = /^\s*(\w[\w-]*)\s+(\S+)\s*$/.exec(value);
  if (scheme?.[2] !== undefined) {
    out.push(scheme[2]);
    if (scheme[1]?.toLowerCase() === 'basic') {
      const decoded = Buffer.from(scheme[2], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon >= 0) out.push(decoded, decoded.slice(colon + 1));
    }
  }
  for (const m of value.matchAll(/Signature=([0-9a-f]{16,})/gi)) if (m[1] !== undefined) out.push(m[1]);
  const lower = name.toLowerCase();
  if (lower.includes('cookie')) {
    const pairs = value.split(';');
    for (const pair of lower.includes('set-cookie') ? pairs.slice(0, 1) : pairs) {
      const eq = pair.indexOf('=');
      if (eq < 0) continue;
      const cookie = pair.slice(eq + 1).trim();
      if (!isCredentialCookie(pair.slice(0, eq).trim(), cookie)) continue;
      out.push(cookie);
      // a quoted cookie value: the token inside the quotes too
      if (cookie.length > 1 && cookie.startsWith('"') && cookie.endsWith('"')) out.push(cookie.slice(1, -1));
    }
  }
}

/** Cookie names that carry a session or credential (`sid`, `JSESSIONID`, `security_authentication`, `auth_token`...). */
const CREDENTIAL_COOKIE = /sess|sid|auth|token|jwt|key|secret|cred|login|saml|oidc/i;

/**
 * Whether a cookie's value is a credential: its name says so, or the value is long enough to be a token. A preference
 * such as `theme=dark` or `consent=true` is not: made a secret, every `dark` and `true` of an error text was redacted.
 */
function isCredentialCookie(cookieName: string, value: string): boolean {
  return CREDENTIAL_COOKIE.test(cookieName) || value.length >= 16;
}
