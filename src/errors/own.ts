/**
 * Reads and writes that a polluted prototype cannot reach. A bug elsewhere in an app (a dependency's deep merge)
 * may put any name on Object.prototype or Array.prototype, as a value, a getter or a setter. The SDK reads the
 * caller's objects, the server's JSON and its own records through `field` / `hasField`, and builds objects whose
 * keys come from data with `defineField`, so such a property is never taken for an option, a field of a hit, a
 * role or an answer, and never sees (or swallows) a value the SDK stores.
 *
 * A property counts when the object holds it itself or through a prototype of its own (a class's getter, a
 * Proxy's `get`), never through Object.prototype, Array.prototype or Function.prototype: the built-ins found
 * there (`toString`, `constructor`) are no field of data either.
 */

import { types } from 'node:util';

/** Own names a realm's Object.prototype, Array.prototype and Function.prototype hold (a few, enough to tell them). */
const OBJECT_PROTOTYPE_NAMES = ['hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', '__proto__'];

/** True when `p` (not a Proxy) owns every name of `names`; false for anything that cannot be asked. */
function owns(p: object, names: readonly string[]): boolean {
  try {
    return !types.isProxy(p) && names.every((n) => Object.hasOwn(p, n));
  } catch {
    return false;
  }
}

/**
 * True when `p` is Object.prototype, Array.prototype or Function.prototype of this realm or of another one (a `vm`
 * context's; under Jest, the objects Node's core makes): plain data made in another context is plain data, and what
 * its realm's shared prototypes hold is no field of it either. Another realm's is recognised by shape: a null-prototype
 * object with Object.prototype's own methods, and an array / function above one with their own.
 */
export function isSharedPrototype(p: unknown): boolean {
  if (p === Object.prototype || p === Array.prototype || p === Function.prototype) return true;
  if ((typeof p !== 'object' && typeof p !== 'function') || p === null || types.isProxy(p)) return false;
  let above: unknown;
  let top: unknown;
  try {
    above = Object.getPrototypeOf(p);
    if (above === null) return typeof p === 'object' && owns(p, OBJECT_PROTOTYPE_NAMES);
    // an Array.prototype or Function.prototype sits right on its realm's Object.prototype (a class's does not)
    top = Object.getPrototypeOf(above);
  } catch {
    return false;
  }
  if (top !== null || !isSharedPrototype(above)) return false;
  return typeof p === 'function' ? owns(p, ['call', 'apply', 'bind']) : Array.isArray(p) && owns(p, ['push', 'concat', 'splice']);
}

/** True when `p` is this realm's Object.prototype or another realm's (see isSharedPrototype): `o` with it is an object literal. */
export function isObjectPrototype(p: unknown): boolean {
  return p === Object.prototype || (p !== null && typeof p === 'object' && !Array.isArray(p) && isSharedPrototype(p) && Object.getPrototypeOf(p) === null);
}

/**
 * True when `o` is a plain object or list (not a Proxy) whose prototype is a shared one or none: a key it does not
 * hold itself is then no field of it, whatever the shared prototypes hold. The per-request reads take this path
 * (one prototype load, no `in` test with a varying key: about half the cost).
 */
function plain(o: object): boolean {
  if (types.isProxy(o)) return false;
  const p = Object.getPrototypeOf(o) as object | null;
  return p === Object.prototype || p === null || p === Array.prototype || (typeof p !== 'function' && isSharedPrototype(p));
}

/** True when `key` is held by one of the prototypes every object, list or function shares (polluted, or a built-in). */
function shared(key: PropertyKey): boolean {
  return key in Object.prototype || key in Array.prototype || key in Function.prototype;
}

/** True when a prototype of `o` below the shared ones holds `key` (a class's own getter or method). */
function declared(o: object, key: PropertyKey): boolean {
  for (let p = Object.getPrototypeOf(o) as object | null; p !== null && !isSharedPrototype(p); p = Object.getPrototypeOf(p) as object | null) {
    if (Object.hasOwn(p, key)) return true;
  }
  return false;
}

/**
 * `o[key]` when `o` holds `key` (itself, or through a prototype of its own class or a Proxy's `get`); undefined
 * when only a shared prototype does. One `Object.hasOwn` for a field that is there; a getter planted on
 * Object.prototype is never called.
 */
export function field(o: object, key: PropertyKey): unknown {
  if (Object.hasOwn(o, key)) return (o as Record<PropertyKey, unknown>)[key];
  if (plain(o)) return undefined;
  if (!shared(key) || declared(o, key)) return (o as Record<PropertyKey, unknown>)[key];
  return undefined;
}

/** `key in o`, not counting what only a shared prototype holds (see `field`); narrows as `in` does. */
export function hasField<T extends object, K extends PropertyKey>(o: T, key: K): o is WithKey<T, K> {
  if (Object.hasOwn(o, key)) return true;
  if (plain(o)) return false;
  return shared(key) ? declared(o, key) : key in o;
}

/** Sets `key` of `target` as its own data property: no setter of a prototype is called (nor `__proto__`'s). */
export function defineField(target: object, key: PropertyKey, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Sets `key` of `target` as `target[key] = value` does, except that a setter only a shared prototype holds
 * is never invoked: `__proto__`'s (an own `__proto__` key of the source, which JSON.parse creates, stays a
 * key), or one a bug elsewhere in the app put on Object.prototype (it would see the value, and keep it from
 * the copy); the key is then defined on `target`. A class's own accessor (an Error subclass's `attempts`
 * setter) is used as an assignment uses it. A plain assignment when no prototype holds `key`
 * (defineProperty is several times slower).
 */
export function setOwn(target: object, key: string, value: unknown): void {
  if (!(key in target) || Object.hasOwn(target, key) || declared(target, key)) (target as Record<string, unknown>)[key] = value;
  else Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `field` typed by the object's own declaration: an optional field of an option bag or of parsed JSON, absent unless the object holds it. */
export function opt<T extends object, K extends keyof T>(o: T, key: K): T[K] | undefined {
  return field(o, key as PropertyKey) as T[K] | undefined;
}

/** A lookup table keyed by data (a header, a method name, a character): null prototype, so a key the table lacks is absent, never what a polluted Object.prototype holds. */
export function table<T>(entries: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

/**
 * A copy of JSON-shaped data (plain objects and lists, `depth` levels at most) whose objects have a null prototype:
 * a reader of it never meets what a polluted Object.prototype holds (`'properties' in m`, `d.type` of an absent key).
 * Other values (and anything deeper) are kept as they are. For data read many times by name (a mapping), not on hot paths.
 */
export function ownJson<T>(value: T, depth = 64): T {
  if (value === null || typeof value !== 'object' || depth <= 0) return value;
  if (Array.isArray(value)) return value.map((v: unknown) => ownJson(v, depth - 1)) as T;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== null && !isObjectPrototype(proto)) return value;
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value)) out[key] = ownJson((value as Record<string, unknown>)[key], depth - 1);
  return out as T;
}

/** The members of `T` that hold `K` (as `in` narrows a union); `T` with `K` when none declares it as required. */
export type WithKey<T, K extends PropertyKey> = [Extract<T, { [P in K]: unknown }>] extends [never] ? T & { [P in K]: unknown } : Extract<T, { [P in K]: unknown }>;

/** `key in o` for the SDK's own objects and unions (narrowing as `in` does), counting own keys only: never a key a polluted Object.prototype holds. */
export function hasOwnKey<T extends object, K extends PropertyKey>(o: T, key: K): o is WithKey<T, K> {
  return Object.hasOwn(o, key);
}

/**
 * `Object.assign(target, source)` with definition for a key a prototype of `target` holds (setOwn): an assignment
 * into a fresh object never calls a setter a polluted Object.prototype holds. Own enumerable string keys of
 * `source`; no array is made (for...in, own keys only), so a per-request copy pays one `in` test per key.
 */
export function assignOwn<T extends object>(target: T, source: object): T {
  for (const key in source) {
    if (!Object.hasOwn(source, key)) continue;
    setOwn(target, key, (source as Record<string, unknown>)[key]);
  }
  return target;
}
