/**
 * Redaction of structured values: deep copies of objects, arrays, headers and opensearch-js responses (`error.meta`)
 * with secrets removed by key (a sensitive field's value), by shape and by value (every string through redact.ts's
 * redactText), URLs and connection objects included.
 */
import type { ApiResponse } from '@opensearch-project/opensearch';
import type { SecretSet } from './secrets.js';
import { holdsSecretForm, isSensitivePatchPath, redactSecretValues, redactText, redactUrl, valueSpans } from './redact.js';
import { isSensitiveKey } from './sensitive-key.js';
import { REDACTED, type Span } from './spans.js';
import { field, hasField, setOwn } from './own.js';
import { boundedRequestMeta } from './request-echo.js';

const MAX_DEPTH = 16;
const MAX_BINARY_AS_TEXT = 4 * 1024 * 1024;

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

function isConnectionLike(value: object): value is { url: URL; id?: unknown; headers?: unknown } {
  return hasField(value, 'url') && (value as { url: unknown }).url instanceof URL && hasField(value, 'headers');
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

/**
 * Redacted keys and short strings by the secrets they were redacted with (redactText of the same text with the same
 * forms gives the same result): a large body repeats a few key names (`type`, `reason`) thousands of times, and the
 * errors of one bulk answer (one SecretSet) repeat their keys and constants. Keyed by the set's forms() array, which a
 * change of the set replaces; emptied when full.
 */
type TextMemo = Map<string, string>;
const MEMO_ENTRIES = 4096;
const MEMO_TEXT_LENGTH = 256;
const memos = new WeakMap<readonly string[], TextMemo>();
const plainMemo: TextMemo = new Map();

function memoFor(secrets: SecretSet | undefined): TextMemo {
  if (secrets === undefined || secrets.empty || typeof secrets.forms !== 'function') return plainMemo;
  const forms = secrets.forms();
  let memo = memos.get(forms);
  if (memo === undefined) memos.set(forms, (memo = new Map()));
  return memo;
}

/**
 * One walk: the secrets redacted by value, or, in the first walk of a value whose secrets are known (`texts` set),
 * none, collecting every text redacted: when none of them holds a form of the secrets (one search of all of them
 * joined, instead of one per string), the result is what redaction by value would have given.
 */
interface Walk {
  secrets: SecretSet | undefined;
  memo: TextMemo;
  texts: string[] | undefined;
  /** The first walk met a URL, bytes, an error or a connection (redacted by value their own way): walk again. */
  impure: boolean;
}

function redactedText(text: string, walk: Walk): string {
  walk.texts?.push(text);
  if (text.length > MEMO_TEXT_LENGTH) return redactText(text, walk.secrets);
  const known = walk.memo.get(text);
  if (known !== undefined) return known;
  const out = redactText(text, walk.secrets);
  if (walk.memo.size >= MEMO_ENTRIES) walk.memo.clear();
  walk.memo.set(text, out);
  return out;
}

function redactInner(value: unknown, depth: number, seen: WeakSet<object>, walk: Walk): unknown {
  if (typeof value === 'string') return redactedText(value, walk);
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? undefined : value;
  if (depth > MAX_DEPTH) return '[depth limit]';
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  const { secrets } = walk;
  try {
    if (value instanceof URL || value instanceof Uint8Array || value instanceof Error || isConnectionLike(value)) walk.impure = true;
    if (value instanceof URL) return redactUrlObject(value, secrets);
    if (value instanceof Date) return new Date(value.getTime());
    if (value instanceof Uint8Array) {
      if (value.length > MAX_BINARY_AS_TEXT) return `[binary ${value.length} bytes]`;
      const text = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8');
      return text.includes('\uFFFD') ? `[binary ${value.length} bytes]` : redactText(text, secrets);
    }
    if (typeof field(value, 'pipe') === 'function') return '[stream]';
    if (value instanceof Error) return { name: value.name, message: redactText(value.message, secrets) };
    if (Array.isArray(value)) return value.map((item) => redactInner(item, depth + 1, seen, walk));
    if (isConnectionLike(value)) {
      const c = value as { url: URL; id?: unknown; headers?: unknown; status?: unknown; roles?: unknown; deadCount?: unknown };
      return {
        url: redactUrlObject(c.url, secrets),
        id: typeof c.id === 'string' ? redactUrl(c.id, secrets) : c.id,
        headers: redactHeaders(typeof c.headers === 'object' ? (c.headers as Record<string, unknown>) : null, secrets),
        status: c.status,
        roles: redactInner(c.roles, depth + 1, seen, walk),
        deadCount: c.deadCount,
      };
    }
    const out: Record<string, unknown> = {};
    // A JSON-patch operation on a secret path (`{op, path: '/password', value}`): its value is the secret.
    const patch = isSensitivePatchPath(field(value, 'path')) && hasField(value, 'value');
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key];
      const outKey = redactedText(key, walk);
      if ((isSensitiveKey(key) || (patch && key === 'value')) && item !== null && item !== undefined && item !== '') setOwn(out, outKey, REDACTED);
      else {
        const redacted = redactInner(item, depth + 1, seen, walk);
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
    if (secrets !== undefined && !secrets.empty && value !== null && typeof value === 'object') {
      // the texts read are the texts checked: a getter answering differently on a second read cannot slip one past
      const first: Walk = { secrets: undefined, memo: memoFor(undefined), texts: [], impure: false };
      const copy = redactInner(value, 0, new WeakSet(), first);
      if (!first.impure && !holdsSecretForm((first.texts as string[]).join('\u0000'), secrets)) return copy;
    }
    return redactInner(value, 0, new WeakSet(), { secrets, memo: memoFor(secrets), texts: undefined, impure: false });
  } catch {
    return REDACTED;
  }
}

/** `cut`, moved back to the start of any occurrence of a form of `secrets` it would split (a fragment too short to be recognised as a secret's prefix would be kept). */
function cutOutsideSecrets(text: string, cut: number, secrets: SecretSet | undefined): number {
  if (secrets === undefined || secrets.empty) return cut;
  const reach = secrets.forms()[0]?.length ?? 0;
  const start = Math.max(0, cut - reach);
  const spans: Span[] = [];
  valueSpans(text.slice(start, cut + reach), [secrets], spans);
  let at = cut;
  for (let moved = true; moved;) {
    moved = false;
    for (const [a, b] of spans) {
      if (start + a < at && start + b > at) {
        at = start + a;
        moved = true;
      }
    }
  }
  return at;
}

/** A redacted copy of an opensearch-js ApiResponse (`error.meta`): body, headers, request params (a long request body cut: request-echo.ts), connection. */
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
      meta: redactValue(boundedRequestMeta(source.meta, (text, cut) => cutOutsideSecrets(text, cut, secrets)), secrets),
    } as ApiResponse;
  } catch {
    return { body: null, statusCode: null, headers: null, warnings: null, meta: {} } as unknown as ApiResponse;
  }
}
