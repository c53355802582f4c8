/**
 * The error boundary: every error the client produces passes through `toTypedError` once. A
 * refused response becomes its typed class (classified once, by the kind table); every other
 * error is scrubbed in place. Either way the result holds no secret, by key and by the values of
 * the client's SecretSet, in its message, stack, meta (request params, headers, body, bulkBody,
 * querystring), data, cause chain, toJSON, String() and util.inspect output. Idempotent: an error
 * that already passed costs one WeakMap lookup.
 */
import { errors, type ApiResponse } from '@opensearch-project/opensearch';
import { FgacResponseError, isFgacErrorObject } from './base.js';
import { rec } from './body.js';
import { jsonSafeOwn, safeJsonText } from './json-safe.js';
import { KINDS } from './kinds.js';
import type { KnownPrincipal } from './permission-errors.js';
import { redactText } from './redact.js';
import { redactApiResponse, redactValue } from './redact-value.js';
import { shapedSecretValues } from './redact-block-shapes.js';
import { SecretSet } from './secrets.js';
import { isSensitiveKey } from './sensitive-key.js';
import { classifyResponse } from './verdict.js';
import { field, hasField } from './own.js';

/** Options of toTypedError. */
export interface TypedErrorOptions {
  /** The secrets of the client that produced the error: removed by value as well as by key. */
  secrets?: SecretSet;
  /**
   * Who the client sent the request as (basic mode: `{ name: username }`). Server texts name users unescaped: a
   * name or role holding the plugin's own delimiters reads more than one way, and this picks the reading that
   * names this principal. Without it such a text yields no user (`ambiguous`), never a guessed one.
   */
  principal?: KnownPrincipal;
}

/** Errors that passed the boundary, with the secret set they were scrubbed with (null: none). */
const passed = new WeakMap<object, SecretSet | null>();
/** Raw ResponseErrors already mapped, to the typed error they became (classified once, whoever asks again). */
const typedOf = new WeakMap<object, FgacResponseError>();

/** Errors that could not be scrubbed in place (frozen, read-only), to the redacted copy handed out instead. */
const standIns = new WeakMap<object, object>();

/** Deepest cause chain followed. */
const MAX_CAUSES = 8;

function isApiResponseLike(value: unknown): value is ApiResponse {
  const r = rec(value);
  return r !== undefined && hasField(r, 'meta') && hasField(r, 'statusCode');
}

function defineHidden(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: false, writable: true, configurable: true });
}

function setQuietly(target: object, key: string, value: unknown): boolean {
  try {
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (descriptor !== undefined && descriptor.get === undefined && descriptor.set === undefined) {
      if (!descriptor.writable && !descriptor.configurable) return false;
      Object.defineProperty(target, key, { ...descriptor, value });
    } else {
      (target as Record<string, unknown>)[key] = value;
    }
    return true;
  } catch {
    return false;
  }
}

/** A plain, redacted stand-in for a cause that cannot be scrubbed in place (frozen, hostile). */
function causeCopy(cause: unknown, secrets: SecretSet | undefined): unknown {
  if (cause instanceof Error) {
    let name = 'Error';
    let message = '';
    try {
      name = String(cause.name);
      message = String(cause.message);
    } catch {
      // hostile getters
    }
    const copy = new Error(redactText(message, secrets));
    copy.name = redactText(name, secrets);
    copy.stack = `${copy.name}: ${copy.message}`;
    return copy;
  }
  return redactValue(cause, secrets);
}

/** The redacted form of one own property value of an error (`meta` keeps its response shape). */
function redactedProperty(key: string, value: unknown, secrets: SecretSet | undefined): unknown {
  if (key === 'meta' && value !== null && value !== undefined) return isApiResponseLike(value) ? redactApiResponse(value, secrets) : redactValue(value, secrets);
  if (key === 'message' || key === 'stack' || key === 'name') return typeof value === 'string' ? redactText(value, secrets) : value;
  return typeof value === 'string' || (value !== null && typeof value === 'object') ? redactValue(value, secrets) : value;
}

/** The own keys scrub looks at: the enumerable ones, and `meta`/`data` even when hidden. */
function ownKeysToScrub(err: object): string[] {
  try {
    const keys = Object.keys(err);
    for (const hidden of ['meta', 'data']) if (!keys.includes(hidden) && Object.prototype.hasOwnProperty.call(err, hidden)) keys.push(hidden);
    return keys;
  } catch {
    return [];
  }
}

/** A class name that no key or shape pattern reads as a key: the `Name: ` head of a stack adds no context to its message. */
const PLAIN_ERROR_NAME = /^[A-Z][A-Za-z]{0,63}Error$/;

/** What V8 puts after a stack's head: call-site lines only. */
const FRAME_LINES = /^(?:\n {4}at [^\n]*)*$/;

/**
 * A stack whose head is `Name: message` (V8 formats it from the error's final name and message) reuses the message's
 * redaction for that head and redacts only the frames after it: a long message (a 500 quoting thousands of root causes,
 * a bulk item's reason) is searched once, not twice. Any other stack is redacted whole.
 */
function redactedStack(stack: string, holder: Record<string, unknown>, message: { text: string; clean: string } | undefined, cleanName: string | undefined, secrets: SecretSet | undefined): string {
  if (message !== undefined && message.text.length >= 256) {
    const name = holder.name;
    // an own name was redacted with the other own fields (cleanName: it came out unchanged); an inherited one is checked here
    if (typeof name === 'string' && PLAIN_ERROR_NAME.test(name) && !isSensitiveKey(name) && (name === cleanName || redactText(name, secrets) === name)) {
      const head = `${name}: ${message.text}`;
      // only V8's frame lines after the head: a stack formatted before the message was cut holds more of the message
      if (stack.startsWith(head) && FRAME_LINES.test(stack.slice(head.length))) {
        return `${name}: ${message.clean}${redactText(stack.slice(head.length), secrets)}`;
      }
    }
  }
  return redactText(stack, secrets);
}

/**
 * Scrubs one error object in place: message, stack, meta, data, every other own enumerable
 * property, and its cause chain; adds BigInt-safe toJSON (and toString for response errors).
 * Returns false when a value that had to change could not be written (a frozen error, a read-only
 * property): the caller then hands out a redacted copy instead.
 */
function scrub(err: object, secrets: SecretSet | undefined, depth: number, rendering: 'client' | 'response' | 'none'): boolean {
  const holder = err as Record<string, unknown>;
  let complete = true;
  let cleanName: string | undefined;
  for (const key of ownKeysToScrub(err)) {
    try {
      const value = holder[key];
      if (key === 'meta' ? value !== null && value !== undefined : typeof value === 'string' || (value !== null && typeof value === 'object')) {
        const redacted = redactedProperty(key, value, secrets);
        if (key === 'name' && redacted === value) cleanName = value as string;
        complete = setQuietly(err, key, redacted) && complete;
      }
    } catch {
      complete = setQuietly(err, key, undefined) && complete;
    }
  }
  let message: { text: string; clean: string } | undefined;
  for (const key of ['message', 'stack']) {
    try {
      const value = holder[key];
      if (typeof value === 'string') {
        const clean = key === 'stack' ? redactedStack(value, holder, message, cleanName, secrets) : redactText(value, secrets);
        if (key === 'message') message = { text: value, clean };
        if (clean !== value) complete = setQuietly(err, key, clean) && complete;
      }
    } catch {
      // a hostile getter: leave it
    }
  }
  try {
    if (Object.prototype.hasOwnProperty.call(err, 'cause')) {
      const cause = holder.cause;
      const scrubbed = cause !== null && typeof cause === 'object' && depth < MAX_CAUSES && !Object.isFrozen(cause) && cause instanceof Error && scrub(cause, secrets, depth + 1, 'none');
      if (!scrubbed && cause !== undefined && cause !== null && !setQuietly(err, 'cause', causeCopy(cause, secrets))) complete = false;
    }
  } catch {
    // a hostile cause getter
  }
  if (rendering === 'none') return complete;
  try {
    if (!(err instanceof FgacResponseError)) {
      defineHidden(err, 'toJSON', function toJSON(this: object): Record<string, unknown> {
        return jsonSafeOwn(this);
      });
    }
    if (rendering === 'response' && !(err instanceof FgacResponseError)) {
      defineHidden(err, 'toString', function toString(this: { meta?: { body?: unknown } }): string {
        let body: unknown;
        try {
          body = this.meta?.body;
        } catch {
          body = undefined;
        }
        return safeJsonText(body) ?? 'undefined';
      });
    }
  } catch {
    // non-extensible: leave it
  }
  return complete;
}

/**
 * A redacted stand-in for an error that could not be scrubbed in place: same prototype (so
 * `instanceof` and `name` hold), every own property redacted, nothing frozen.
 */
function redactedClone(err: object, secrets: SecretSet | undefined): object {
  let copy: Record<string, unknown>;
  try {
    copy = Object.create(Object.getPrototypeOf(err) as object | null) as Record<string, unknown>;
  } catch {
    return causeCopy(err, secrets) as object;
  }
  let keys: string[] = [];
  try {
    keys = Object.getOwnPropertyNames(err);
  } catch {
    keys = [];
  }
  for (const key of keys) {
    let value: unknown;
    try {
      value = (err as Record<string, unknown>)[key];
    } catch {
      continue;
    }
    if (key === 'cause') value = value instanceof Error ? causeCopy(value, secrets) : redactValue(value, secrets);
    else value = redactedProperty(key, value, secrets);
    const enumerable = Object.prototype.propertyIsEnumerable.call(err, key);
    Object.defineProperty(copy, key, { value, enumerable, writable: true, configurable: true });
  }
  return copy;
}

/** `err.statusCode` without trusting it: opensearch-js's getter reads `meta.body.status`. */
function statusOf(err: object, meta: ApiResponse): number | undefined {
  if (typeof meta.statusCode === 'number') return meta.statusCode;
  try {
    const status = (err as { statusCode?: unknown }).statusCode;
    return typeof status === 'number' ? status : undefined;
  } catch {
    return undefined;
  }
}

/** The typed error for a refused response, or undefined when it is not classified. */
function typedResponseError(err: object, secrets: SecretSet | undefined, principal: KnownPrincipal | undefined): FgacResponseError | undefined {
  const meta = (err as { meta: ApiResponse }).meta;
  const params = rec(rec(rec(rec(meta)?.meta)?.request)?.params);
  const method = typeof params?.method === 'string' ? params.method : '';
  const path = typeof params?.path === 'string' ? params.path : '';
  // the typed class words its own message from the details: the classification's is not needed here
  const c = classifyResponse({ statusCode: statusOf(err, meta), headers: meta.headers, body: meta.body, method, path }, secrets, principal, false);
  if (c.kind === 'unclassified') return undefined;
  const entry = KINDS[c.kind] as { ErrorClass: new (meta: ApiResponse, details: unknown, ctx: object) => FgacResponseError };
  return new entry.ErrorClass(meta, c.details, { method, path, ...(secrets !== undefined ? { secrets } : {}) });
}

/** `err.meta.body`, or undefined when reading it throws. */
function safeBody(err: object): unknown {
  try {
    return (err as { meta?: { body?: unknown } }).meta?.body;
  } catch {
    return undefined;
  }
}

/** A SecretSet by shape (a copy of this package from another build has its own class). */
function isSecretSet(value: unknown): value is SecretSet {
  return value !== null && typeof value === 'object' && typeof (value as { forms?: unknown }).forms === 'function' && typeof (value as { empty?: unknown }).empty === 'boolean';
}

/**
 * Maps an opensearch-js ResponseError to its typed class (meta kept, redacted); every other error
 * is returned as the same object, scrubbed in place (opensearch-js errors always; other errors when
 * `options.secrets` is given, i.e. inside the client). Non-objects are returned unchanged. Runs once
 * per error: a second call returns at once. Never throws.
 */
export function toTypedError(err: unknown, options: TypedErrorOptions = {}): unknown {
  if (err === null || typeof err !== 'object') return err;
  // never throws: options of the wrong shape (null, a secrets value that is not a SecretSet) count as none
  const given = options !== null && typeof options === 'object' ? field(options, 'secrets') : undefined;
  let principal: KnownPrincipal | undefined;
  try {
    principal = options !== null && typeof options === 'object' ? field(options, 'principal') as KnownPrincipal | undefined : undefined;
  } catch {
    principal = undefined; // a hostile getter: no principal
  }
  let secrets = isSecretSet(given) && !given.empty ? given : undefined;
  const done = passed.get(err);
  if (done !== undefined && (secrets === undefined || done === secrets || (done !== null && done.inherits(secrets)))) return err;
  const mapped = typedOf.get(err) ?? standIns.get(err);
  if (mapped !== undefined) return toTypedError(mapped, options);

  let response = false;
  let client = false;
  try {
    response = err instanceof errors.ResponseError || ((err as { name?: unknown }).name === 'ResponseError' && isApiResponseLike((err as { meta?: unknown }).meta));
    client = response || err instanceof errors.OpenSearchClientError;
  } catch {
    return err; // not even its type can be read: not an error we can work on
  }
  if (response) {
    // a value the body gives away by its shape (a mapping failure's preview of a secret field) is a secret of every
    // field of this error: its `caused_by`, the message built from it
    const shaped = shapedSecretValues(safeBody(err));
    if (shaped.length > 0) secrets = (secrets ?? new SecretSet()).with(shaped);
  }
  if (response && !isFgacErrorObject(err)) {
    try {
      const typed = typedResponseError(err, secrets, principal);
      if (typed !== undefined) {
        passed.set(typed, secrets ?? null);
        typedOf.set(err, typed);
        return typed;
      }
    } catch {
      // Reading the meta threw: the error still leaves here redacted, below.
    }
  }
  let complete: boolean;
  if (isFgacErrorObject(err)) {
    // Built elsewhere (a helper, a credential provider): its own fields were redacted by key when
    // built, but not by value, and not its cause chain.
    complete = scrub(err, secrets, 0, 'none');
  } else if (client) {
    complete = scrub(err, secrets, 0, response ? 'response' : 'client');
  } else if (secrets !== undefined && err instanceof Error) {
    complete = scrub(err, secrets, 0, 'none');
  } else {
    return err;
  }
  if (!complete) {
    // Frozen, or a read-only meta: the caller gets a redacted copy, never the original.
    const copy = redactedClone(err, secrets);
    if (client) scrub(copy, secrets, 0, response ? 'response' : 'client');
    passed.set(copy, secrets ?? null);
    standIns.set(err, copy);
    return copy;
  }
  passed.set(err, secrets ?? null);
  return err;
}
