/**
 * What a successful result tells about its own request. opensearch-js hands back `meta.request`
 * with the headers sent (the client's and the call's: an `x-api-key`, an Authorization header in
 * mode none), the path and query string, the call's options and the body; a logged result would
 * print them. Their secrets are replaced as the error boundary replaces them (by name, by shape,
 * by value) before the result reaches the caller. The response itself (status, headers, body) is
 * the server's answer and stays as it came, except a `location` holding credentials or a secret
 * the request carried. The usual request (no header of its own, no query string, a small body with
 * no secret-looking key) costs a few lookups and two short scans.
 */
import type { ApiResponse } from '@opensearch-project/opensearch';
import { SENSITIVE_KEY_HINT } from '../errors/sensitive-key.js';
import { isSensitiveKey, redactSecretValues, redactText, REDACTED } from '../errors/redact.js';
import { redactHeaders } from '../errors/redact-value.js';
import type { SecretSet } from '../errors/secrets.js';
import { BODY_HEADERS, sentSecretsOf } from './connection.js';
import { queryNamesSecret, redactQueryValues } from './query-secrets.js';
import { field } from '../errors/own.js';

/** Headers opensearch-js itself sets on every request: never secret, never checked. */
const OWN_HEADERS: ReadonlySet<string> = new Set(['user-agent', ...BODY_HEADERS, 'x-opaque-id']);

/** Paths whose request bodies carry passwords (internal users, the account API): always redacted. */
const SECURITY_PATH = /\/_(?:plugins|opendistro)\/_security\//;

/** A JSON key that may name a secret (a cheap test before the full redaction; isSensitiveKey decides). */
const SECRET_LOOKING_KEY = new RegExp(`(?:${SENSITIVE_KEY_HINT})[^"]{0,40}"\\s*:`, 'i');

/** A whole JSON key (plain or escaped inside a string) holding one of those words: its name is group 1. */
const CANDIDATE_KEY = new RegExp(`"([^"\\\\\\n]{0,100}(?:${SENSITIVE_KEY_HINT})[^"\\\\\\n]{0,100})\\\\?"\\s*:`, 'gi');

/** True when the body has a JSON key that isSensitiveKey accepts (not merely one containing `auth`, `key`, `hash`...). */
function hasSensitiveKey(body: string): boolean {
  if (!SECRET_LOOKING_KEY.test(body)) return false;
  CANDIDATE_KEY.lastIndex = 0;
  for (let m = CANDIDATE_KEY.exec(body); m !== null; m = CANDIDATE_KEY.exec(body)) if (isSensitiveKey(m[1] ?? '')) return true;
  return false;
}

/** Request bodies above this size are not scanned (bulk bodies of documents never are). */
const MAX_SCANNED_BODY = 1024 * 1024;

/**
 * The result with the secrets of its `meta.request` replaced: in place where the object is the
 * attempt's own (params), copied where it is the caller's (options) or shared with a stream (headers).
 * What the attempt put on the wire (`attemptParams`) joins the secrets only for a `location`.
 */
export function withoutRequestSecrets(result: ApiResponse, secrets: SecretSet, attemptParams: object): ApiResponse {
  try {
    // First: the attempt's secrets are read from its headers, which the cleaning below replaces.
    const headers = result.headers as Record<string, unknown> | null;
    const location = headers === null || headers === undefined ? undefined : field(headers, 'location');
    if (typeof location === 'string' && location.length > 0) {
      const safe = withoutCredentials(location, secrets.with(sentSecretsOf(attemptParams)));
      if (safe !== location) result.headers = { ...headers, location: safe } as typeof result.headers;
    }
    const request = (result.meta as { request?: { params?: unknown; options?: unknown } } | undefined)?.request;
    if (request !== undefined && request !== null) {
      const params = request.params;
      if (params !== null && typeof params === 'object') cleanParams(params as Record<string, unknown>, secrets);
      const options = request.options;
      if (options !== null && typeof options === 'object' && needsCopy(options as Record<string, unknown>, secrets)) {
        request.options = copyOptions(options as Record<string, unknown>, secrets);
      }
    }
  } catch {
    // a hostile getter in what the caller passed: the result as it is
  }
  return result;
}

/** Secret headers, query values and bodies of the attempt's own params object (a copy per attempt: safe to change). */
function cleanParams(params: Record<string, unknown>, secrets: SecretSet): void {
  const headers = field(params, 'headers');
  if (headers !== null && typeof headers === 'object') {
    const h = headers as Record<string, unknown>;
    for (const name of Object.keys(h)) {
      if (OWN_HEADERS.has(name)) continue;
      const value = h[name];
      if (isSensitiveKey(name)) h[name] = REDACTED;
      else if (typeof value === 'string') h[name] = redactText(value, secrets);
    }
  }
  const path = field(params, 'path');
  if (typeof path === 'string') {
    const q = path.indexOf('?');
    if (q >= 0 && queryHoldsSecret(path.slice(q + 1), secrets)) params.path = redactText(`${path.slice(0, q + 1)}${redactQueryValues(path.slice(q + 1), REDACTED)}`, secrets);
  }
  const query = field(params, 'querystring');
  if (typeof query === 'string' && query.length > 0 && queryHoldsSecret(query, secrets)) params.querystring = redactText(redactQueryValues(query, REDACTED), secrets);
  const body = field(params, 'body');
  if (body === undefined || body === null) return;
  if (typeof path === 'string' && SECURITY_PATH.test(path)) {
    params.body = typeof body === 'string' ? redactText(body, secrets) : REDACTED;
    return;
  }
  // A body of documents (bulk) is data, and compressed bodies are not read; other bodies may carry
  // a setting's password (`_nodes/reload_secure_settings`, repository or connector credentials).
  if (typeof body !== 'string' || body.length > MAX_SCANNED_BODY || (field(params, 'bulkBody') !== undefined && field(params, 'bulkBody') !== null)) return;
  if (hasSensitiveKey(body) || redactSecretValues(body, secrets) !== body) params.body = redactText(body, secrets);
}

/**
 * The caller's options as a result or error may show them: themselves, or a copy without their secret headers and
 * query values. An error's meta may already be redacted when it is reported as the call (attempt-reading.ts).
 */
export function shownCallerOptions(options: object, secrets: SecretSet): object {
  try {
    return needsCopy(options as Record<string, unknown>, secrets) ? copyOptions(options as Record<string, unknown>, secrets) : options;
  } catch {
    return {};
  }
}

/** True when a query parameter has a secret's name (`access_token=`, `api_key=`...) or holds a secret of the client. */
function queryHoldsSecret(query: string, secrets: SecretSet): boolean {
  return queryNamesSecret(query) || redactSecretValues(query, secrets) !== query;
}

/** True when the caller's options carry a secret header or query value (then a redacted copy is shown instead). */
function needsCopy(options: Record<string, unknown>, secrets: SecretSet): boolean {
  for (const key of ['headers', 'querystring'] as const) {
    const part = field(options, key);
    if (key === 'querystring' && typeof part === 'string' && queryHoldsSecret(part, secrets)) return true;
    if (part === null || typeof part !== 'object') continue;
    for (const [name, value] of Object.entries(part as Record<string, unknown>)) {
      if (isSensitiveKey(name)) return true;
      if (typeof value === 'string' && redactText(value, secrets) !== value) return true;
    }
  }
  return false;
}

function copyOptions(options: Record<string, unknown>, secrets: SecretSet): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...options };
  for (const key of ['headers', 'querystring'] as const) {
    const part = options[key];
    if (part !== null && typeof part === 'object') copy[key] = redactHeaders(part as Record<string, unknown>, secrets);
    else if (key === 'querystring' && typeof part === 'string') copy[key] = redactText(redactQueryValues(part, REDACTED), secrets);
  }
  return copy;
}

/**
 * A `location` without user info and without the request's secrets (by value only: a document id
 * that looks like a token is the server's data, not a secret of ours).
 */
function withoutCredentials(location: string, secrets: SecretSet): string {
  let out = location;
  try {
    const url = new URL(location);
    if (url.username !== '' || url.password !== '') {
      url.username = '';
      url.password = '';
      out = url.href;
    }
  } catch {
    // a relative location has no user info
  }
  return redactSecretValues(out, secrets);
}
