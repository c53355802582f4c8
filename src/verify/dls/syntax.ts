/**
 * What the node refuses to parse in a DLS query: an unknown query type or parameter, a bad boost, a null term, an
 * operator, zero_terms_query or relation it does not know. The node then fails the whole search (the user sees
 * nothing), whatever a sibling clause says: these checks throw SearchMayFailError instead of answering for the clause.
 */
import { JsonNumber, type StrictJson } from '../../fgac/json.js';
import { isObj, readFlag, type FieldAndParams, type Q } from './params.js';
import { searchFails } from './results.js';

/** Query types both 2.19 and 3.x parse that the evaluator does not decide (a clause of one is left unverified). */
export const UNSUPPORTED_QUERY_TYPES: ReadonlySet<string> = new Set([
  'nested', 'boosting', 'dis_max', 'function_score', 'script_score', 'script', 'match_phrase', 'match_phrase_prefix',
  'match_bool_prefix', 'multi_match', 'query_string', 'simple_query_string', 'regexp', 'fuzzy', 'terms_set', 'geo_bounding_box',
  'geo_distance', 'geo_polygon', 'geo_shape', 'span_term', 'span_first', 'span_near', 'span_or', 'span_not', 'span_containing',
  'span_within', 'span_multi', 'field_masking_span', 'span_field_masking', 'more_like_this', 'wrapper', 'intervals',
  'distance_feature', 'template', 'common',
]);

/** Parameters the node accepts that the evaluator does not read (a clause with one is left unverified). */
const UNREAD_PARAMS: Readonly<Record<string, readonly string[]>> = {
  match: ['analyzer', 'fuzziness', 'prefix_length', 'max_expansions', 'fuzzy_transpositions', 'fuzzy_rewrite', 'cutoff_frequency'],
};

/** Whether `param` of a `type` query is one the node accepts but the evaluator does not read. */
export function isUnreadParam(type: string, param: string): boolean {
  return UNREAD_PARAMS[type]?.includes(param) === true;
}

/** Analyzers every index has (measured, 2.19.4; names are case-sensitive): any other may be missing, which fails the search. */
const BUILT_IN_ANALYZERS: ReadonlySet<string> = new Set(['standard', 'simple', 'whitespace', 'keyword', 'stop', 'default']);

/** Whether the node accepts this value of an unread parameter whatever the index (false: not checked here). */
function acceptedUnread(param: string, v: StrictJson | undefined): boolean {
  if (param === 'analyzer') return typeof v === 'string' && BUILT_IN_ANALYZERS.has(v);
  if (param === 'fuzzy_transpositions') return readFlag(v, true) !== undefined;
  return false;
}

/**
 * Unread parameters whose value the node reads only when it builds the query (toQuery: the analyzer is looked up in the
 * index, the rewrite method parsed); the others' values are read by the parser (fromXContent). Measured, 2.19.4: an
 * unknown `analyzer` or `fuzzy_rewrite` is a 400, a bad `fuzziness`, `prefix_length`, `max_expansions` or
 * `cutoff_frequency` a 500.
 */
const BUILT_UNREAD_PARAMS: ReadonlySet<string> = new Set(['analyzer', 'fuzzy_rewrite']);

/** Unread parameters whose value is not checked here: the first, and the first the node's parser reads. */
export interface UncheckedParams { first: string; parsed: string | undefined }

/** Per parameter object, its unread parameters whose value is not checked here (null: none). */
const unchecked = new WeakMap<Q, UncheckedParams | null>();

/** The parameters outside `read` whose value the node may refuse (an unknown analyzer, any fuzziness), remembered per object. */
export function uncheckedParam(params: Q, read: readonly string[]): UncheckedParams | undefined {
  let found = unchecked.get(params);
  if (found === undefined) {
    const names = Object.keys(params).filter((k) => !read.includes(k) && !acceptedUnread(k, params[k]));
    found = names.length === 0 ? null : { first: names[0] as string, parsed: names.find((k) => !BUILT_UNREAD_PARAMS.has(k)) };
    unchecked.set(params, found);
  }
  return found ?? undefined;
}

/** Throws unless `param` is one the node accepts (the caller found it outside the evaluator's list). */
export function unknownParam(type: string, param: string): void {
  if (!isUnreadParam(type, param)) searchFails(`[${type}] query does not support [${param.slice(0, 60)}]`);
}

/** Throws for a boost the node refuses (negative, not a number, beyond a finite float); 0 and what rounds to it are accepted. */
export function checkBoost(v: StrictJson | undefined): void {
  if (v === undefined) return;
  const n = v instanceof JsonNumber ? v.value : typeof v === 'string' && /^\+?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(v) ? Number(v) : NaN;
  const f = Math.fround(n);
  if (!(f >= 0) || !Number.isFinite(f)) searchFails(`boost ${JSON.stringify(v instanceof JsonNumber ? v.raw : v)?.slice(0, 40) ?? 'value'} is not a float of at least 0`);
}

/** Throws for a boolean parameter the node cannot read (booleanValue: true, false, "true", "false"). */
export function checkFlag(v: StrictJson | undefined, name: string): void {
  if (readFlag(v, true) === undefined) searchFails(`${name} is not a boolean`);
}

/** Throws unless `v` is absent or a string naming one of `allowed` (compared in lower case). */
function checkChoice(v: StrictJson | undefined, name: string, allowed: readonly string[]): void {
  if (v === undefined) return;
  if (typeof v !== 'string' || !allowed.includes(v.toLowerCase())) searchFails(`${name} ${JSON.stringify(v instanceof JsonNumber ? v.raw : v)?.slice(0, 40) ?? ''} is not one of ${allowed.join(', ')}`);
}

/** A scalar the node reads as a term (a string, number or boolean; not null, an object or an array). */
const isScalar = (v: StrictJson | undefined): boolean => typeof v === 'string' || typeof v === 'boolean' || v instanceof JsonNumber;

/** The rewrite methods of multi-term queries. */
const REWRITE = /^(?:constant_score|constant_score_boolean|scoring_boolean|(?:top_terms|top_terms_boost|top_terms_blended_freqs)_\d+)$/;

/** The UTC names of time_zone the evaluator reads; another zone (valid or not) leaves the query unverified as a whole. */
const UTC_ZONES = ['Z', 'UTC', '+00:00', 'Etc/UTC'];

/** Throws for a term/match/prefix/wildcard/range clause the node cannot parse (keys beside the field, null value, bad boost, flag, operator, zero_terms_query, relation, rewrite, time_zone). */
export function checkFieldQuerySyntax(type: string, body: Q, fp: FieldAndParams, valueKey: string): void {
  if (fp === undefined || Object.keys(body).length !== 1) searchFails(`[${type}] query must name exactly one field`);
  const { params, value } = fp;
  checkBoost(params.boost);
  if (type === 'range') {
    if (!isObj(body[fp.field])) searchFails('[range] query of a field must be an object');
    for (const k of ['gt', 'gte', 'lt', 'lte', 'from', 'to']) {
      const b = params[k];
      if (b !== undefined && b !== null && !isScalar(b)) searchFails(`range bound ${k} is not a scalar`);
    }
    checkFlag(params.include_lower, 'include_lower');
    checkFlag(params.include_upper, 'include_upper');
    checkChoice(params.relation, 'relation', ['intersects', 'within', 'contains']);
    if (params.time_zone !== undefined && !UTC_ZONES.includes(String(params.time_zone))) searchFails(`range time_zone ${String(params.time_zone).slice(0, 40)} (not read here)`);
    return;
  }
  // wildcard reads `value` and `wildcard` in order: the later one is the pattern
  const v = type === 'wildcard' ? lastOf(params, ['value', 'wildcard']) ?? value : valueKey === '' ? undefined : value;
  if (!isScalar(v)) searchFails(`[${type}] value is null, missing or not a scalar`);
  if ((type === 'prefix' || type === 'wildcard') && typeof v !== 'string') searchFails(`[${type}] value is not a string`);
  checkFlag(params.case_insensitive, 'case_insensitive');
  if (params.rewrite !== undefined && (typeof params.rewrite !== 'string' || !REWRITE.test(params.rewrite))) searchFails('rewrite method not known');
  if (type === 'match') {
    checkFlag(params.lenient, 'lenient');
    checkFlag(params.auto_generate_synonyms_phrase_query, 'auto_generate_synonyms_phrase_query');
    checkChoice(params.operator, 'operator', ['or', 'and']);
    checkChoice(params.zero_terms_query, 'zero_terms_query', ['none', 'all']);
  }
}

/** The value of the last of `keys` present in `obj` (JSON order), when the object form gives several. */
export function lastOf(obj: Q, keys: readonly string[]): StrictJson | undefined {
  let found: StrictJson | undefined;
  for (const k of Object.keys(obj)) if (keys.includes(k)) found = obj[k];
  return found;
}

/** Throws for a terms clause the node refuses: other keys than one field, boost and _name; null or objects in the list; more than 65 536 terms. */
export function checkTermsSyntax(body: Q, fields: readonly string[]): void {
  if (fields.length !== 1) searchFails('[terms] query must name exactly one field');
  checkBoost(body.boost);
  const list = body[fields[0] as string];
  if (Array.isArray(list)) {
    // index.max_terms_count (65 536 unless the index sets more: then unverified as a whole all the same)
    if (list.length > 65536) searchFails(`${list.length} terms exceed index.max_terms_count (65536 by default)`);
    if (!list.every(isScalar)) searchFails('[terms] list holds null, an object or an array');
  } else if (!isObj(list)) searchFails('[terms] value is neither a list nor a terms lookup');
}
