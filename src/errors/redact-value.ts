/**
 * Redaction of structured values: deep copies of objects, arrays, headers and opensearch-js responses (`error.meta`)
 * with secrets removed by key (a sensitive field's value), by shape and by value (every string through redact.ts's
 * redactText), URLs and connection objects included.
 */
import type { ApiResponse } from '@opensearch-project/opensearch';
import type { SecretSet } from './secrets.js';
import { holdsSecretForm, isSensitivePatchPath, redactSecretValues, redactText } from './redact.js';
import { isSensitiveKey } from './sensitive-key.js';
import { REDACTED } from './spans.js';
import { field, hasField, setOwn } from './own.js';
import { boundedRequestMeta } from './request-echo.js';

const MAX_DEPTH = 16;
const MAX_BINARY_AS_TEXT = 4 * 1024 * 1024;

/**
 * A copy of a header map: values of secret headers replaced whatever their type (string, array,
 * number...), the others redacted by content (strings as text, arrays and objects deeply).
 */
export function redactHeaders<V>(headers: Readonly<Record<string, V>> | null | undefined, secrets?: SecretSet): Record<string, V | string> {
  return inWalks(secrets, (walk) => headersInner(headers, 0, new WeakSet(), walk), () => ({})) as Record<string, V | string>;
}

function headersInner(headers: unknown, depth: number, seen: WeakSet<object>, walk: Walk): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (headers === null || typeof headers !== 'object') return out;
  try {
    for (const [rawName, value] of Object.entries(headers)) {
      const name = redactedText(rawName, walk);
      if (isSensitiveKey(rawName)) setOwn(out, name, REDACTED);
      else if (typeof value === 'string') setOwn(out, name, redactedText(value, walk));
      else if (value !== null && typeof value === 'object') setOwn(out, name, redactInner(value, depth + 1, seen, walk));
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

/**
 * Copies without user info or sensitive query values, by the URL they copy: a connection's URL is one object for every
 * error of its node, and parsing a copy was a quarter of a 403's redaction. A copy is shared by those errors; one whose
 * source or copy changed since is made again.
 */
const urlCopies = new WeakMap<URL, { href: string; copy: URL; copyHref: string }>();

function strippedCopy(url: URL): URL {
  const href = url.href;
  const known = urlCopies.get(url);
  if (known !== undefined && known.href === href && known.copy.href === known.copyHref) return known.copy;
  const copy = new URL(href);
  if (copy.username !== '' || copy.password !== '') {
    copy.username = 'REDACTED';
    copy.password = '';
  }
  if (copy.search !== '') {
    for (const key of [...copy.searchParams.keys()]) {
      if (isSensitiveKey(key)) copy.searchParams.set(key, REDACTED);
    }
  }
  urlCopies.set(url, { href, copy, copyHref: copy.href });
  return copy;
}

/** A copy of a URL without user info or sensitive query values; reduced to its origin when a secret stands in it (to none when in the origin). */
function redactUrlObject(url: URL, walk: Walk): URL {
  const { secrets } = walk;
  try {
    const copy = strippedCopy(url);
    walk.texts?.push(copy.href);
    if (secrets !== undefined && !secrets.empty && redactSecretValues(copy.href, secrets) !== copy.href) {
      const origin = `${copy.protocol}//${copy.host}/`;
      // a secret in the host itself or starting there (a password written where the parser reads a host, shown
      // lower-cased: `https://kibana/Server-99@node`): no host
      const inHost = redactSecretValues(origin, secrets) !== origin || redactSecretValues(copy.href.slice(copy.protocol.length + 2), secrets).startsWith(REDACTED);
      return new URL(inHost ? `${copy.protocol}//redacted.invalid/` : origin);
    }
    return copy;
  } catch {
    return new URL('http://redacted.invalid/');
  }
}

/**
 * Short texts known clean for a set of secrets: redactText leaves them as they are (no key or shape pattern matched,
 * no form of the set stands in them as a secret) and no form occurs in them. A large body repeats a few key names
 * (`type`, `reason`) thousands of times, and the errors of one bulk answer (one SecretSet) repeat their keys and
 * constants. Keyed by the set's forms() array, which a change of the set (or of a parent) replaces; emptied when
 * full. Only clean texts are kept: nothing held here outlives a client with a secret in it.
 */
const CLEAN_ENTRIES = 4096;
const CLEAN_TEXT_LENGTH = 256;
const cleanTexts = new WeakMap<readonly string[], Set<string>>();

function cleanFor(secrets: SecretSet | undefined): Set<string> | undefined {
  if (secrets === undefined || secrets.empty || typeof secrets.forms !== 'function') return undefined;
  const forms = secrets.forms();
  let clean = cleanTexts.get(forms);
  if (clean === undefined) cleanTexts.set(forms, (clean = new Set()));
  return clean;
}

/**
 * One walk: the secrets redacted by value, or, in the first walk of a value whose secrets are known (`texts` set),
 * none, collecting every text redacted: when none of them holds a form of the secrets (one search of all of them
 * joined, instead of one per string), the result is what redaction by value would have given. `seen`: this walk's
 * results by text (it dies with the walk).
 */
interface Walk {
  secrets: SecretSet | undefined;
  clean: Set<string> | undefined;
  seen: Map<string, string>;
  texts: string[] | undefined;
  /** The first walk met bytes or an error (redacted by value their own way): walk again. */
  impure: boolean;
  /** False: keys do not decide (a field's value is redacted as text whatever its key is named). */
  byKey: false | undefined;
}

function walkOf(secrets: SecretSet | undefined, clean: Set<string> | undefined, texts: string[] | undefined, byKey: false | undefined): Walk {
  return { secrets, clean, seen: new Map(), texts, impure: false, byKey };
}

function redactedText(text: string, walk: Walk): string {
  if (walk.clean?.has(text) === true) return text;
  walk.texts?.push(text);
  const known = walk.seen.get(text);
  if (known !== undefined) return known;
  const out = redactText(text, walk.secrets);
  if (text.length <= CLEAN_TEXT_LENGTH) walk.seen.set(text, out);
  return out;
}

/** After a walk whose texts hold no form of its set: the short ones redaction left unchanged are clean for that set. */
function rememberClean(walk: Walk): void {
  const { clean } = walk;
  if (clean === undefined) return;
  for (const [text, out] of walk.seen) {
    if (out !== text) continue;
    if (clean.size >= CLEAN_ENTRIES) clean.clear();
    clean.add(text);
  }
}

function redactInner(value: unknown, depth: number, seen: WeakSet<object>, walk: Walk): unknown {
  if (typeof value === 'string') return redactedText(value, walk);
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? undefined : value;
  if (depth > MAX_DEPTH) return '[depth limit]';
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  const { secrets } = walk;
  try {
    if (value instanceof Uint8Array || value instanceof Error) walk.impure = true;
    if (value instanceof URL) return redactUrlObject(value, walk);
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
        url: redactUrlObject(c.url, walk),
        id: typeof c.id === 'string' ? redactedText(c.id, walk) : c.id,
        headers: headersInner(c.headers, depth + 1, seen, walk),
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
      if (walk.byKey !== false && (isSensitiveKey(key) || (patch && key === 'value')) && item !== null && item !== undefined && item !== '') setOwn(out, outKey, REDACTED);
      else {
        const redacted = redactInner(item, depth + 1, seen, walk);
        // plain data (redactStrings) keeps its undefined fields: a reader of a missing own field would reach the prototype
        if (redacted !== undefined || walk.byKey === false) setOwn(out, outKey, redacted);
      }
    }
    return out;
  } catch {
    return REDACTED;
  } finally {
    seen.delete(value);
  }
}

/**
 * Runs `redact` in walks: first without searching texts for the secrets' forms, collecting
 * the texts; when none of them holds a form, that copy is the answer; else one more walk with the by-value search.
 */
function inWalks<T>(secrets: SecretSet | undefined, redact: (walk: Walk) => T, fallback: () => T, byKey?: false): T {
  try {
    const clean = cleanFor(secrets);
    if (secrets !== undefined && !secrets.empty) {
      // the texts read are the texts checked: a getter answering differently on a second read cannot slip one past
      const first = walkOf(undefined, clean, [], byKey);
      const copy = redact(first);
      if (!first.impure && !holdsSecretForm((first.texts as string[]).join('\u0000'), secrets)) {
        rememberClean(first);
        return copy;
      }
    }
    return redact(walkOf(secrets, clean, undefined, byKey));
  } catch {
    return fallback();
  }
}

/** A deep copy of any value with secrets removed (sensitive keys, secrets inside strings, URL credentials, the values of `secrets`). */
export function redactValue(value: unknown, secrets?: SecretSet): unknown {
  if (value !== null && typeof value === 'object') return inWalks(secrets, (walk) => redactInner(value, 0, new WeakSet(), walk), () => REDACTED);
  try {
    return redactInner(value, 0, new WeakSet(), walkOf(secrets, cleanFor(secrets), undefined, undefined));
  } catch {
    return REDACTED;
  }
}

/** A deep copy of plain data (parsed details) with every string and key redacted as text, whatever the keys are named. */
export function redactStrings<T>(value: T, secrets?: SecretSet): T {
  if (value === null || typeof value !== 'object') return (typeof value === 'string' ? redactText(value, secrets) : value) as T;
  return inWalks(secrets, (walk) => redactInner(value, 0, new WeakSet(), walk), () => REDACTED, false) as T;
}

/** A redacted copy of an opensearch-js ApiResponse (`error.meta`): body, headers, request params (a long request body cut: request-echo.ts), connection. */
export function redactApiResponse(response: ApiResponse, secrets?: SecretSet): ApiResponse {
  const empty = (): ApiResponse => ({ body: null, statusCode: null, headers: null, warnings: null, meta: {} }) as unknown as ApiResponse;
  try {
    const source = response as unknown as Record<string, unknown>;
    let warnings: unknown = null;
    try {
      warnings = source.warnings ?? null;
    } catch {
      warnings = null;
    }
    const { body, statusCode, headers } = source;
    const meta = boundedRequestMeta(source.meta, secrets);
    const part = (redact: () => unknown): unknown => {
      try {
        return redact();
      } catch {
        return REDACTED;
      }
    };
    return inWalks(
      secrets,
      (walk) =>
        ({
          body: part(() => redactInner(body, 0, new WeakSet(), walk)),
          statusCode: typeof statusCode === 'number' ? statusCode : null,
          headers: headers !== null && typeof headers === 'object' ? headersInner(headers, 0, new WeakSet(), walk) : null,
          warnings: Array.isArray(warnings) ? warnings.map((w: unknown) => redactedText(String(w), walk)) : null,
          meta: part(() => redactInner(meta, 0, new WeakSet(), walk)),
        }) as ApiResponse,
      empty,
    );
  } catch {
    return empty();
  }
}
