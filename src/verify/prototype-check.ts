/**
 * verifyHits' per-hit path reads hits by name, iterates `_source` with for...in and builds its reports in a
 * constructor: each of these would reach what a bug elsewhere in the app put on Object.prototype or
 * Array.prototype (a `fields` or `sort` of every hit, a key of every document, a setter that keeps a report's
 * `status`). The prototypes are looked at once per verification; only when they hold something of the kind does
 * the path take its own-property guards, so a clean process pays nothing per hit.
 */
import type { WithKey } from '../errors/own.js';

/** Object.prototype's own keys in every JavaScript engine this package runs on. */
const OBJECT_BUILT_INS: ReadonlySet<PropertyKey> = new Set([
  'constructor', '__defineGetter__', '__defineSetter__', 'hasOwnProperty', '__lookupGetter__', '__lookupSetter__',
  'isPrototypeOf', 'propertyIsEnumerable', 'toString', 'valueOf', '__proto__', 'toLocaleString',
]);

/** Whether Array.prototype's own `key` is a built-in: `length`, a symbol, or a non-enumerable method. */
function arrayBuiltIn(key: PropertyKey): boolean {
  if (key === 'length' || typeof key === 'symbol') return true;
  const d = Object.getOwnPropertyDescriptor(Array.prototype, key);
  return d !== undefined && d.enumerable !== true && typeof d.value === 'function';
}

/** How many own keys Array.prototype has in this engine, built-ins only (counted once: a key planted before, not a method, is left out). */
const ARRAY_BUILT_INS = Reflect.ownKeys(Array.prototype).filter(arrayBuiltIn).length;

/** What this verification must guard against (set by `checkSharedPrototypes`). */
export const sharedPrototypes = {
  /** Object.prototype or Array.prototype holds a property no engine puts there. */
  polluted: false,
};

/**
 * Looks at Object.prototype and Array.prototype once, at the start of a verification: a key the engine does not put
 * there (a count of two key lists, then, only when they differ, which keys).
 */
export function checkSharedPrototypes(): void {
  const objectKeys = Reflect.ownKeys(Object.prototype);
  let polluted = objectKeys.length !== OBJECT_BUILT_INS.size || !objectKeys.every((k) => OBJECT_BUILT_INS.has(k));
  if (!polluted) {
    const arrayKeys = Reflect.ownKeys(Array.prototype);
    polluted = arrayKeys.length !== ARRAY_BUILT_INS || !arrayKeys.every(arrayBuiltIn);
  }
  sharedPrototypes.polluted = polluted;
}

/*
 * `'key' in o` for the verifier's and the DLS evaluator's own unions on the per-hit path, one function per key: an own
 * key only while the shared prototypes are polluted. One key per function keeps each test's inline cache to that key
 * (a shared `key in o` helper went megamorphic, and Object.hasOwn on every test cost about a fifth of verifyHits).
 */
/** `'result' in o` (a DlsResult among resolutions). */
export const hasResult = <T extends object>(o: T): o is WithKey<T, 'result'> => (sharedPrototypes.polluted ? Object.hasOwn(o, 'result') : 'result' in o);
/** `'kind' in o` (the `{ kind: 'none' }` resolution). */
export const hasKind = <T extends object>(o: T): o is WithKey<T, 'kind'> => (sharedPrototypes.polluted ? Object.hasOwn(o, 'kind') : 'kind' in o);
/** `'skip' in o` (a numeric value the node does not index). */
export const hasSkip = <T extends object>(o: T): o is WithKey<T, 'skip'> => (sharedPrototypes.polluted ? Object.hasOwn(o, 'skip') : 'skip' in o);
/** `'doubt' in o` (a numeric value that cannot be judged). */
export const hasDoubt = <T extends object>(o: T): o is WithKey<T, 'doubt'> => (sharedPrototypes.polluted ? Object.hasOwn(o, 'doubt') : 'doubt' in o);
/** `'value' in o` (a parsed number). */
export const hasNumber = <T extends object>(o: T): o is WithKey<T, 'value'> => (sharedPrototypes.polluted ? Object.hasOwn(o, 'value') : 'value' in o);
