/**
 * Options are read once. createClient, validateOptions, client.child() and ingest copy the
 * caller's options (plain objects and arrays, a few levels deep) before checking anything, then
 * check and use only the copy. So a getter or Proxy is read exactly once: it cannot pass the
 * checks with one value and hand the client another (a TLS switch, a node URL, a password). One
 * that throws becomes a ConfigError naming the option, without the thrown message (which may
 * hold a secret). An object of options given as a class instance is copied too (INSTANCE_OPTIONS); other
 * objects (Buffers, URLs, AbortSignals, agents, functions, other class instances) are kept as given. A plain
 * object's own string-keyed properties are copied (enumerable or not); a Proxy contributes the keys its `ownKeys`
 * reports, so one that only traps `get` reads as empty.
 */
import { ConfigError } from '../errors/classes.js';
import { setOwn } from '../errors/redact.js';
import { isObjectPrototype, isSharedPrototype } from '../errors/own.js';
import { isOptionsObject } from './options-check.js';

/** Deepest level copied: root -> ssl -> ca -> [i] is 3. */
const MAX_DEPTH = 4;
/** Longest list copied; a longer one (or a Proxy claiming a huge length) is refused. */
export const MAX_LIST = 100_000;

/** Throws the ConfigError for an option whose value could not be read. */
export function unreadable(option: string): never {
  throw new ConfigError(option, `${option}: could not be read (a getter or Proxy threw); pass plain values`);
}

/** `read()`, or a ConfigError naming `option` when it throws (a getter or Proxy trap; its message is dropped). */
export function guarded<T>(option: string, read: () => T): T {
  try {
    return read();
  } catch {
    return unreadable(option);
  }
}

function childName(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

/** `value` of option `option` copied so every later read sees what was read now; `keep` lists option paths passed on as given (user objects). */
export function readOnce<T>(value: T, option: string, keep: ReadonlySet<string> = new Set(), depth = 0, maxDepth = MAX_DEPTH): T {
  if (typeof value !== 'object' || value === null || depth > maxDepth || keep.has(option)) return value;
  const name = option === '' ? 'options' : option;
  const shape = guarded(name, () => {
    if (Array.isArray(value)) return 'list';
    const proto: unknown = Object.getPrototypeOf(value);
    return proto === null || isObjectPrototype(proto) ? 'object' : 'other';
  });
  if (shape === 'other') return INSTANCE_OPTIONS.has(option) ? readInstance(value, option, keep, depth, maxDepth) : value;
  if (shape === 'list') {
    const list = value as unknown[];
    const length = guarded(name, () => list.length);
    if (length > MAX_LIST) throw new ConfigError(name, `${name}: a list of more than ${MAX_LIST} entries`);
    const copy: unknown[] = [];
    for (let i = 0; i < length; i++) copy.push(readOnce(guarded(`${name}[${i}]`, () => list[i]), `${name}[${i}]`, keep, depth + 1, maxDepth));
    return copy as T;
  }
  const source = value as Record<string, unknown>;
  // null prototype: an option the caller did not give reads as absent, never as what a polluted
  // Object.prototype holds (`Object.prototype.allowInsecureTls = true` must not turn verification off)
  const copy = Object.create(null) as Record<string, unknown>;
  for (const key of guarded(name, () => Object.getOwnPropertyNames(source))) {
    const path = childName(option, key);
    const enumerable = guarded(path, () => Object.getOwnPropertyDescriptor(source, key)?.enumerable === true);
    const read = readOnce(guarded(path, () => source[key]), path, keep, depth + 1, maxDepth);
    // Not an assignment: an own `__proto__` key stays a key (and is refused as unknown). A
    // non-enumerable property (a getter made with defineProperty) stays readable and unlisted.
    if (enumerable) setOwn(copy, key, read);
    else Object.defineProperty(copy, key, { value: read, enumerable: false, writable: true, configurable: true });
  }
  return copy as T;
}

/**
 * Option paths whose value is an object of options even as a class instance (or a Proxy of one): read into a copy
 * too, so a class's getter is read once like a plain object's. The roots: createClient's, ingest's, SecurityApi's
 * (''), runWithRetry's (`retry`, `ctx`), checkPermission's (`request`, `options`, as ensure's `options`), child's;
 * then createClient's own objects of options. A model or method argument (a body) is not one: kept as given.
 */
const INSTANCE_OPTIONS: ReadonlySet<string> = new Set(['', 'child', 'ctx', 'request', 'options', 'auth', 'auth.credentials', 'auth.endpoints', 'ssl', 'retry', 'clientOptions']);

/**
 * An options object given as a class instance (or a Proxy of one) read once into a null-prototype copy: its own
 * names, then those its own prototypes hold (a class's getters; never a shared prototype's, nor `constructor`), each
 * read once through the instance (a getter sees its own instance) and copied with the enumerability it was declared
 * with (a class's getters and methods stay unlisted, as they were). Anything else (a Buffer, Map, AbortSignal,
 * function) is returned as given.
 */
function readInstance<T>(value: T, option: string, keep: ReadonlySet<string>, depth: number, maxDepth: number): T {
  const name = option === '' ? 'options' : option;
  if (typeof value === 'function' || !isOptionsObject(value)) return value;
  const source = value as Record<string, unknown>;
  const copy = Object.create(null) as Record<string, unknown>;
  eachChainName(source, copy, name, (at, key, inherited) => {
    const path = childName(option, key);
    const enumerable = guarded(path, () => Object.getOwnPropertyDescriptor(at, key)?.enumerable === true);
    const given = readOnce(guarded(path, () => source[key]), path, keep, depth + 1, maxDepth);
    // a class's method keeps its instance (`this.#field`, other methods) when called on the copy; own functions stay as given
    const read = inherited && typeof given === 'function' ? boundTo(given as (...args: unknown[]) => unknown, source) : given;
    if (enumerable) setOwn(copy, key, read);
    else Object.defineProperty(copy, key, { value: read, enumerable: false, writable: true, configurable: true });
  });
  return copy as T;
}

/** Objects of a class instance's prototype chain read at most (a Proxy may answer a fresh prototype forever). */
const MAX_PROTOTYPE_LEVELS = 64;

/** `method` called with `self` as `this`, whatever it is called on. */
function boundTo(method: (...args: unknown[]) => unknown, self: object): (...args: unknown[]) => unknown {
  return (...args: unknown[]) => Reflect.apply(method, self, args);
}

/**
 * Calls `visit` for each name `source` and its own prototypes hold (never a shared prototype's, nor an inherited
 * `constructor`), nearest first, skipping names `copy` already has; a chain over MAX_PROTOTYPE_LEVELS objects is a
 * ConfigError naming `option`.
 */
function eachChainName(source: object, copy: object, option: string, visit: (holder: object, key: string, inherited: boolean) => void): void {
  let levels = 0;
  for (let holder: object | null = source; holder !== null && !isSharedPrototype(holder); ) {
    const at: object = holder;
    if (++levels > MAX_PROTOTYPE_LEVELS) throw new ConfigError(option, `${option}: a prototype chain of more than ${MAX_PROTOTYPE_LEVELS} objects`);
    const inherited = at !== source;
    for (const key of guarded(option, () => Object.getOwnPropertyNames(at))) {
      if (!Object.hasOwn(copy, key) && !(inherited && key === 'constructor')) visit(at, key, inherited);
    }
    holder = guarded(option, () => Object.getPrototypeOf(at) as object | null);
  }
}


/**
 * A headers option read once into a null-prototype copy: the object's own keys, then those its own prototypes hold
 * (`Object.create({...})`, a class's fields and getters; a class's methods are no header), never a shared prototype's.
 * What is checked is this copy, and the client sends exactly it. Anything but an options object is returned as given.
 */
export function readHeaders(value: unknown, option: string): unknown {
  if (!isOptionsObject(value)) return value;
  const source = value as Record<string, unknown>;
  const copy = Object.create(null) as Record<string, unknown>;
  eachChainName(source, copy, option, (at, key, inherited) => {
    if (inherited && typeof guarded(`${option}.${key}`, () => Object.getOwnPropertyDescriptor(at, key)?.value) === 'function') return;
    // read through the object itself: a getter sees its own instance, a Proxy's `get` trap answers
    setOwn(copy, key, guarded(`${option}.${key}`, () => source[key]));
  });
  return copy;
}
