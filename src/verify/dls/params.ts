/** Query object shapes: accepted parameters per query type, `{field: value}` splitting, scalar values. */
import { JsonNumber, type StrictJson } from '../../fgac/json.js';

/** A query object. */
export type Q = { [key: string]: StrictJson };
/** True for a JSON object (not an array, not a number). */
export const isObj = (x: StrictJson | undefined): x is Q => typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof JsonNumber);

/** Turns a one-or-many clause value into a list; undefined when it is neither. */
export function clauses(v: StrictJson | undefined): StrictJson[] | undefined {
  if (v === undefined) return [];
  if (Array.isArray(v)) return v;
  if (isObj(v)) return [v];
  return undefined;
}
// Parameters each query type accepts (anything else makes the query unverifiable).
export const P_PLAIN: readonly string[] = ['boost', '_name'];
export const P_BOOL: readonly string[] = ['must', 'filter', 'should', 'must_not', 'minimum_should_match', 'boost', '_name', 'adjust_pure_negative'];
export const P_IDS: readonly string[] = ['values', 'boost', '_name'];
export const P_EXISTS: readonly string[] = ['field', 'boost', '_name'];
export const P_CONSTANT_SCORE: readonly string[] = ['filter', 'boost', '_name'];
export const P_TERM: readonly string[] = ['value', 'boost', '_name', 'case_insensitive'];
export const P_MATCH: readonly string[] = ['query', 'operator', 'minimum_should_match', 'zero_terms_query', 'boost', '_name', 'auto_generate_synonyms_phrase_query', 'lenient'];
export const P_PREFIX: readonly string[] = ['value', 'boost', '_name', 'case_insensitive', 'rewrite'];
export const P_WILDCARD: readonly string[] = ['value', 'wildcard', 'boost', '_name', 'case_insensitive', 'rewrite'];
export const P_RANGE: readonly string[] = ['gt', 'gte', 'lt', 'lte', 'from', 'to', 'include_lower', 'include_upper', 'boost', '_name', 'format', 'time_zone', 'relation'];

/** A memoised `undefined`. */
const NONE: unique symbol = Symbol('none');

/**
 * A per-object, per-key memo: parsed queries do not change, so what is computed from a query object
 * (its first unknown parameter, its field/value split) is computed once.
 */
function memoPerObject<K, V>(compute: (obj: Q, key: K) => V): (obj: Q, key: K) => V {
  // the first key's answer in the entry itself (an object is nearly always asked with one key); `undefined` as NONE
  const cache = new WeakMap<Q, { key: K; value: V | typeof NONE; more: Map<K, V | typeof NONE> | undefined }>();
  return (obj, key) => {
    const entry = cache.get(obj);
    if (entry !== undefined) {
      const hit = entry.key === key ? entry.value : entry.more?.get(key);
      if (hit !== undefined) return (hit === NONE ? undefined : hit) as V;
    }
    const value = compute(obj, key);
    const stored = value === undefined ? NONE : value;
    if (entry === undefined) cache.set(obj, { key, value: stored, more: undefined });
    else (entry.more ??= new Map()).set(key, stored);
    return value;
  };
}

/**
 * First parameter of `obj` not in `allowed`, or a `_name` that is an object or a list (the node reads `_name` as a value
 * token's text; an object or array under it is a parameter its parser does not support), remembered per query object.
 */
export const checkParams = memoPerObject((obj: Q, allowed: readonly string[]): string | undefined =>
  Object.keys(obj).find((k) => !allowed.includes(k) || (k === '_name' && (isObj(obj[k]) || Array.isArray(obj[k])))));

/** The keys of a query object, remembered per object (parsed queries do not change). */
const queryKeys = new WeakMap<Q, string[]>();

/** The keys of a query object (remembered). */
export function keysOf(q: Q): string[] {
  let keys = queryKeys.get(q);
  if (keys === undefined) {
    keys = Object.keys(q);
    queryKeys.set(q, keys);
  }
  return keys;
}

/** A field query split into field, value and parameters. */
export type FieldAndParams = { field: string; value: StrictJson | undefined; params: Q } | undefined;
const splitOnce = memoPerObject(splitBody);

/** Splits `{field: value}` / `{field: {value|query: ..., params}}` forms. */
export function fieldAndParams(body: StrictJson | undefined, valueKey: string): FieldAndParams {
  return isObj(body) ? splitOnce(body, valueKey) : undefined;
}

function splitBody(body: Q, valueKey: string): FieldAndParams {
  const fields = keysOf(body).filter((k) => k !== 'boost' && k !== '_name');
  if (fields.length !== 1) return undefined;
  const field = fields[0] as string;
  const v = body[field];
  if (isObj(v)) return { field, value: v[valueKey], params: v };
  return { field, value: v, params: NO_PARAMS };
}

const NO_PARAMS: Q = Object.freeze(Object.create(null) as Q);

/**
 * A boolean parameter as the plugin's parser reads it (`booleanValue()`: JSON booleans and the strings
 * `"true"` / `"false"`): `dflt` when absent, undefined for anything else (the search would fail).
 */
export function readFlag(v: StrictJson | undefined, dflt: boolean): boolean | undefined {
  if (v === undefined) return dflt;
  return v === true || v === 'true' ? true : v === false || v === 'false' ? false : undefined;
}

/** The text of a scalar value (strings, numbers as written, booleans). */
export function scalarString(v: StrictJson | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof JsonNumber) return v.raw;
  return undefined;
}

