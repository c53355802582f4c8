/**
 * What a successful result tells about its own request. opensearch-js hands back `meta.request`
 * with the headers sent (the client's and the call's: an `x-api-key`, an Authorization header in
 * mode none), the query string, the call's options and the body; a logged result would print them.
 * Their secrets are replaced before the result reaches the caller. The response itself (status,
 * headers, body) is the server's answer and stays as it came, except a redirect's `location`.
 * The usual request (no secret header, no query string, not the security API) costs a few lookups.
 */
import type { ApiResponse } from '@opensearch-project/opensearch';
import { isSensitiveKey, redactHeaders, redactSecretValues, redactText, redactUrl, REDACTED } from '../errors/redact.js';
import type { SecretSet } from '../errors/secrets.js';

/** Headers opensearch-js itself sets on every request: never secret, never checked. */
const OWN_HEADERS = new Set(['user-agent', 'content-type', 'content-length', 'content-encoding', 'accept-encoding', 'x-opaque-id']);

/** Paths whose request bodies carry passwords (internal users, the account API). */
const SECURITY_PATH = /\/_(?:plugins|opendistro)\/_security\//;

/** The result with the secrets of its `meta.request` replaced (in place where the object is the attempt's own, copied where it is the caller's). */
export function withoutRequestSecrets(result: ApiResponse, secrets: SecretSet): ApiResponse {
  try {
    const request = (result.meta as { request?: { params?: unknown; options?: unknown } } | undefined)?.request;
    if (request !== undefined && request !== null) {
      const params = request.params;
      if (params !== null && typeof params === 'object') cleanParams(params as Record<string, unknown>, secrets);
      const options = request.options;
      if (options !== null && typeof options === 'object' && needsCopy(options as Record<string, unknown>, secrets)) {
        request.options = copyOptions(options as Record<string, unknown>, secrets);
      }
    }
    const location = (result.headers as Record<string, unknown> | null)?.location;
    if (typeof location === 'string') (result.headers as Record<string, unknown>).location = redactUrl(location, secrets);
  } catch {
    // a hostile getter in what the caller passed: the result as it is
  }
  return result;
}

/** Secret headers, query values and security-API bodies of the attempt's own params object (a copy per attempt: safe to change). */
function cleanParams(params: Record<string, unknown>, secrets: SecretSet): void {
  const headers = params.headers;
  if (headers !== null && typeof headers === 'object') {
    const h = headers as Record<string, unknown>;
    for (const name of Object.keys(h)) {
      if (OWN_HEADERS.has(name)) continue;
      const value = h[name];
      if (isSensitiveKey(name)) h[name] = REDACTED;
      else if (typeof value === 'string') h[name] = redactSecretValues(value, secrets);
    }
  }
  const query = params.querystring;
  if (typeof query === 'string' && query.length > 0 && (hasSecretParam(query) || redactSecretValues(query, secrets) !== query)) {
    params.querystring = redactText(query, secrets);
  }
  const path = params.path;
  if (typeof path === 'string' && SECURITY_PATH.test(path) && params.body !== undefined && params.body !== null) {
    params.body = typeof params.body === 'string' ? redactText(params.body, secrets) : REDACTED;
  }
}

/** True when a parameter of the query string has a secret's name (`access_token=`, `api_key=`...). */
function hasSecretParam(query: string): boolean {
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    if (isSensitiveKey(eq < 0 ? pair : pair.slice(0, eq))) return true;
  }
  return false;
}

/** True when the caller's options carry a secret header or query value (then a redacted copy is shown instead). */
function needsCopy(options: Record<string, unknown>, secrets: SecretSet): boolean {
  for (const key of ['headers', 'querystring'] as const) {
    const part = options[key];
    if (part === null || typeof part !== 'object') continue;
    for (const [name, value] of Object.entries(part as Record<string, unknown>)) {
      if (isSensitiveKey(name)) return true;
      if (typeof value === 'string' && redactSecretValues(value, secrets) !== value) return true;
    }
  }
  return false;
}

function copyOptions(options: Record<string, unknown>, secrets: SecretSet): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...options };
  for (const key of ['headers', 'querystring'] as const) {
    const part = options[key];
    if (part !== null && typeof part === 'object') copy[key] = redactHeaders(part as Record<string, unknown>, secrets);
  }
  return copy;
}
