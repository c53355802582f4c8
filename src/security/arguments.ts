/**
 * The arguments of SecurityApi's methods at its boundary: read once (a getter or Proxy that throws is a
 * ConfigError naming the argument, never what it threw), and the secrets they carry (passwords, hashes, the
 * values of secret-path patch operations, `changePassword`'s two passwords) removed from a refusal of the
 * model, which may quote another field holding the same value.
 */
import { readOnce, unreadable } from '../client/options-snapshot.js';
import { ConfigError } from '../errors/classes.js';
import { toTypedError } from '../errors/boundary.js';
import { redactText } from '../errors/redact.js';
import { SecretSet } from '../errors/secrets.js';
import { SecurityModelError } from './model-error.js';
import { collectSecrets } from './transport.js';
import { field, isObjectPrototype } from '../errors/own.js';

/** The name errors give the `i`th argument of `method` (a model is named by its resource, as toApi names it). */
export function argumentName(resource: string, method: string, i: number, args: readonly unknown[]): string {
  const names: Record<string, readonly string[]> = {
    put: resource === 'tenancyConfig' ? ['config'] : ['name', resource],
    putRaw: ['name', resource],
    ensure: ['name', resource, 'options'],
    toApi: [resource, 'flavour'],
    fromApi: [resource, 'flavour'],
    // patch(operations) or patch(name, operations): two arguments name a name first, even when it is a list
    patch: Array.isArray(args[0]) && args[1] === undefined ? ['operations'] : ['name', 'operations'],
    get: ['name'],
    getRaw: ['name'],
    delete: ['name'],
    changePassword: ['currentPassword', 'newPassword'],
    addValues: ['role', 'field', 'values'],
    removeValues: ['role', 'field', 'values'],
  };
  const list = (field(names, method) as readonly string[] | undefined) ?? ['role', 'values'];
  return i < list.length ? (list[i] as string) : `arguments[${i}]`;
}

/** Each argument read once (plain objects and lists copied), named by `nameOf`. */
export function readArguments(args: readonly unknown[], nameOf: (i: number) => string): unknown[] {
  return args.map((arg, i) => {
    const copy = readOnce(arg, nameOf(i));
    // JSON has no BigInt: opensearch-js would fail while serialising, with an error of its own
    const at = bigintPath(copy, nameOf(i), 0);
    if (at !== undefined) throw new ConfigError(at, `${at}: a BigInt cannot be sent as JSON; give a number or a string`);
    return copy;
  });
}

/**
 * Where a BigInt is in `value`, readOnce's copy: only the lists and objects it copied (depth 4 and above) are walked, so
 * no property of what it passed on as given is read here a second time (a getter there is read once, where it is used).
 */
function bigintPath(value: unknown, path: string, depth: number): string | undefined {
  if (typeof value === 'bigint') return path;
  if (value === null || typeof value !== 'object' || depth > 4 || !(Array.isArray(value) || Object.getPrototypeOf(value) === null)) return undefined;
  for (const [key, v] of Object.entries(value)) {
    const found = bigintPath(v, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Every object reachable from `value` read once, without copying (a plan keeps its identity); a throw is a ConfigError naming `option`. */
export function readThrough(value: unknown, option: string, depth = 0): void {
  if (value === null || typeof value !== 'object' || depth > 12) return;
  let entries: unknown[];
  try {
    entries = Array.isArray(value) ? [...value] : isObjectPrototype(Object.getPrototypeOf(value)) ? Object.values(value) : [];
  } catch {
    unreadable(option);
  }
  for (const entry of entries) readThrough(entry, option, depth + 1);
}

/** The secrets the arguments carry (the copies readOnce made; a class instance is read as given, and a throw of its is dropped). */
export function argumentSecrets(args: readonly unknown[], passwords: boolean): SecretSet {
  const secrets = new SecretSet();
  for (const arg of args) {
    if (passwords && typeof arg === 'string') {
      secrets.add(arg);
      continue;
    }
    try {
      collectSecrets(arg, secrets);
    } catch {
      // an argument readOnce passed on uncopied (a class instance) whose getter or Proxy throws: the secrets found
      // before it stay; what it threw (the caller's text) must not replace the refusal being cleaned
    }
  }
  return secrets;
}

/**
 * `error` with the values of `sets` (the arguments' passwords, the client's secrets) removed: a refusal made from what the caller passed
 * (a SecurityModelError's issues, a ConfigError, a RangeError or TypeError quoting a value) is copied with its message,
 * stack and issues redacted (one that quotes no secret is returned as it is); any other error (a server's answer)
 * passes the error boundary with `sets`; a value that is not an Error is returned as it is.
 */
export function withoutSecrets(error: unknown, ...sets: readonly SecretSet[]): unknown {
  const held = sets.filter((s) => !s.empty);
  if (!(error instanceof Error) || held.length === 0) return error;
  if (!(error instanceof SecurityModelError || error instanceof ConfigError || error instanceof RangeError || error instanceof TypeError)) {
    // not a refusal of ours: a server's answer (redacted by the transport with the client's secrets and the write's
    // own) may still echo an argument's secret that no request of this call carried yet (a read before the write)
    return held.reduce<unknown>((out, secrets) => toTypedError(out, { secrets }), error);
  }
  const redact = (text: string): string => held.reduce((out, secrets) => redactText(out, secrets), text);
  const message = redact(error.message);
  if (message === error.message && redact(error.stack ?? '') === (error.stack ?? '')) return error;
  const cause = error.cause === undefined ? undefined : { cause: error.cause };
  let copy: Error;
  if (error instanceof SecurityModelError) {
    copy = new SecurityModelError('x', error.issues.map((issue) => ({ ...issue, path: redact(issue.path), message: redact(issue.message) })), cause);
  } else if (error instanceof ConfigError) {
    copy = new ConfigError(redact(error.option), 'x');
  } else if (error instanceof RangeError) {
    copy = new RangeError('x', cause);
  } else {
    copy = new TypeError('x', cause);
  }
  Object.defineProperty(copy, 'message', { value: message, writable: true, configurable: true });
  copy.stack = `${copy.name}: ${message}\n${(copy.stack ?? '').split('\n').slice(1).join('\n')}`;
  return copy;
}
