/**
 * A local evaluator for document-level security queries on a subset of the query DSL
 * (match_all, match_none, term, terms, match, range, exists, ids, prefix, wildcard, bool, constant_score),
 * with the plugin's user-variable substitution. Three-valued: anything it cannot decide with
 * certainty is `unverifiable`, never a match.
 */
import { isOptionsObject } from '../../client/options-check.js';
import { DlsParseError, dlsFailureEffect, dlsFailureWords, dlsRules, hasDlsQuery, ignoredTextMessage, readDlsQuery, type DlsReading } from '../../fgac/dls.js';
import { BUILT_IN_USER_VARIABLES, substituteUserVariables } from '../../fgac/dls-variables.js';
import { parseStrictJson, JsonNumber, StrictJsonError, type StrictJson } from '../../fgac/json.js';
import { readDlsOptions } from '../read-inputs.js';
import { FLOAT_TYPES, hasValue, indexedValues, INTEGER_TYPES, noValueDoubt, resolveField, valuesAt } from './fields.js';
import { isMetadataField, metadataExists } from './metadata.js';
import { evalFieldQuery } from './leaf-queries.js';
import { badParamAt, nodeOf, type QueryNode } from './query-nodes.js';
import { checkParams, clauses, isObj, P_BOOL, P_CONSTANT_SCORE, P_EXISTS, P_IDS, P_PLAIN, readFlag } from './params.js';
import { and, anyOf, atLeast, checkMinimumShouldMatch, MATCH, minimumShouldMatch, noMatch, not, SearchMayFailError, searchFails, unverifiable } from './results.js';
import { checkBoost, checkFlag, UNSUPPORTED_QUERY_TYPES } from './syntax.js';
import type { DlsEvalOptions, DlsResult, EvalContext } from './types.js';
import { untypedExists, untypedNull } from './unknown-type.js';
import { MAX_NESTING_DEPTH, NestingTooDeepError } from '../../fgac/json.js';
import { ArgumentTypeError, inputFailure } from '../../fgac/argument-error.js';
import { opt } from '../../errors/own.js';
import { checkSharedPrototypes, hasKind, hasResult } from '../prototype-check.js';

function evalQuery(q: StrictJson, ctx: EvalContext): DlsResult {
  // what the node cannot parse fails the whole search (SearchMayFailError), whatever the sibling clauses say
  if (!isObj(q)) searchFails('a query is not an object');
  const node = nodeOf(q);
  const keys = node.keys;
  if (keys.length !== 1) searchFails(`a query object must have exactly one key, has ${keys.length}`);
  const type = keys[0] as string;
  const body = q[type];
  switch (type) {
    case 'match_all': case 'match_none':
      if (!isObj(body) || badParamAt(node, body, P_PLAIN) !== undefined) searchFails(`[${type}] parameters`);
      checkBoost(body.boost);
      return type === 'match_all' ? MATCH : noMatch('match_none');
    case 'bool': return evalBool(body, ctx, node);
    case 'constant_score':
      // measured, 2.19.4: filter (one query object), boost and _name; anything else, or no filter, fails the search
      if (!isObj(body) || badParamAt(node, body, P_CONSTANT_SCORE) !== undefined || !isObj(body.filter)) searchFails('[constant_score] body (filter, boost, _name)');
      checkBoost(body.boost);
      return evalQuery(body.filter, ctx);
    case 'ids': return evalIds(body, ctx, node);
    case 'exists': return evalExists(body, ctx, node);
    case 'term': case 'terms': case 'match': case 'range': case 'prefix': case 'wildcard':
      return evalFieldQuery(type, body, ctx, node);
    default:
      if (!UNSUPPORTED_QUERY_TYPES.has(type)) searchFails(`unknown query [${type.slice(0, 60)}]`);
      // its body is not checked here: the node may refuse it (a parameter, a value its field type cannot read)
      ctx.doubt ??= `a ${type} query, whose body is not checked here`;
      ctx.parseDoubt ??= `a ${type} query, whose body is not checked here`;
      return unverifiable(`query type ${type} is not supported by the local evaluator`);
  }
}

function evalBool(body: StrictJson | undefined, ctx: EvalContext, node: QueryNode): DlsResult {
  if (!isObj(body)) searchFails('[bool] body is not an object');
  const bad = badParamAt(node, body, P_BOOL);
  if (bad) searchFails(`[bool] query does not support [${bad.slice(0, 60)}]`);
  checkBoost(body.boost);
  const must = clauses(body.must);
  const filter = clauses(body.filter);
  const should = clauses(body.should);
  const mustNot = clauses(body.must_not);
  if (!must || !filter || !should || !mustNot) searchFails('[bool] clause is neither object nor array');
  checkMinimumShouldMatch(body.minimum_should_match);
  checkFlag(body.adjust_pure_negative, 'adjust_pure_negative');
  if (must.length + filter.length + should.length + mustNot.length === 0) return MATCH;
  const adjust = readFlag(body.adjust_pure_negative, true);
  // every clause is read (one the node cannot parse fails the search) before any decides
  const required = [...must, ...filter].map((c) => evalQuery(c, ctx));
  const excluded = mustNot.map((c) => not(evalQuery(c, ctx)));
  const shouldResults = should.map((c) => evalQuery(c, ctx));
  // only must_not clauses: Lucene matches nothing unless adjust_pure_negative adds match_all
  if (adjust === false && must.length + filter.length + should.length === 0) return noMatch('bool of must_not clauses only with adjust_pure_negative: false');
  const parts = [...required, ...excluded];
  // (a bool of must_not clauses only gets a match_all from adjust_pure_negative, and the node ignores the minimum then)
  if (should.length === 0 && body.minimum_should_match !== undefined && must.length + filter.length > 0) {
    // Lucene requires that many of no optional clauses: above 0 nothing matches
    const k = minimumShouldMatch(0, body.minimum_should_match);
    if (k === undefined) return unverifiable('minimum_should_match form');
    if (k > 0) parts.push(noMatch(`minimum_should_match ${k} of a bool without should clauses`));
  }
  if (should.length > 0) {
    let k = 0;
    if (body.minimum_should_match !== undefined) {
      const msm = minimumShouldMatch(should.length, body.minimum_should_match);
      if (msm === undefined) return unverifiable('minimum_should_match form');
      k = msm;
    }
    // Without must/filter clauses at least one should clause is required (Lucene BooleanQuery).
    if (must.length + filter.length === 0) k = Math.max(k, 1);
    if (k > 0) parts.push(atLeast(shouldResults, k));
  }
  return and(parts);
}

function evalIds(body: StrictJson | undefined, ctx: EvalContext, node: QueryNode): DlsResult {
  if (!isObj(body) || badParamAt(node, body, P_IDS) || !Array.isArray(body.values)) searchFails('[ids] body (values, boost, _name only; no type since 2.0)');
  checkBoost(body.boost);
  if (!body.values.every((v) => typeof v === 'string' || v instanceof JsonNumber)) searchFails('[ids] values hold other than strings and numbers');
  if (ctx.opts.id === undefined) return unverifiable('document _id unknown');
  const ids = body.values.map((v) => (v instanceof JsonNumber ? v.raw : v));
  return ids.includes(ctx.opts.id) ? MATCH : noMatch('_id not in ids');
}

function evalExists(body: StrictJson | undefined, ctx: EvalContext, node?: QueryNode): DlsResult {
  if (!isObj(body) || (node === undefined ? checkParams(body, P_EXISTS) : badParamAt(node, body, P_EXISTS)) || typeof body.field !== 'string') searchFails('[exists] body (field, boost, _name)');
  checkBoost(body.boost);
  const field = body.field;
  if (/[*?]/.test(field)) return unverifiable('exists with a wildcard field');
  if (isMetadataField(field)) return metadataExists(field);
  const r = resolveField(field, ctx, true);
  if (hasResult(r)) return r;
  if (hasKind(r)) return noMatch(`${field} has no indexed value`);
  const { info, src } = r;
  // dotted keys (`{"o.x": 1}`) are the object `o` to the index
  const values = valuesAt(ctx.doc, src, true).filter(hasValue);
  if (values.length === 0) return noValueDoubt(r, ctx) ?? noMatch(`${field} does not exist`);
  // an object value of a leaf type (geo_point, a range, join, flat_object, geo_shape) was indexed as that field
  if (values.every((v) => typeof v === 'object')) {
    if (info === undefined || info.type === 'object' || info.type === 'nested') return objectExists(field, values, ctx);
    // a flat_object of {} or {x: null} may index nothing
    if (info.type === 'flat_object' && !values.some(holdsScalar)) return unverifiable(`${field} holds no value below its objects`);
    if (info.ignoreMalformed !== true) return MATCH;
    return unverifiable(`${field} holds an object under ignore_malformed`);
  }
  if (info?.storedOnly) return MATCH; // in _field_names
  if (info === undefined && ctx.opts.fieldTypes !== undefined) return unverifiable(`no mapping for ${field} in the fieldTypes given (a mapping read before the document was indexed, not the index's, or dynamic: false)`);
  if (info === undefined) {
    // no mapping: "" is a keyword's term but no value of a numeric field (unknown-type.ts)
    const untyped = untypedExists(field, values);
    if (untyped !== undefined) return untyped;
  }
  if (info?.ignoreAbove !== undefined && values.every((v) => typeof v === 'string' && v.length > (info.ignoreAbove as number))) {
    return unverifiable('all values exceed ignore_above');
  }
  // "" is no value of any numeric type (with coerce: false the node refuses it)
  if (info !== undefined && OTHER_NUMERIC_TYPES.has(info.type) && values.every((v) => v === '')) {
    return info.coerce === false ? unverifiable(`"" in ${field} with coerce: false`) : noMatch(`${field} has no indexed value ("" is no number)`);
  }
  if (info?.ignoreMalformed === true && !INTEGER_TYPES.has(info.type) && !FLOAT_TYPES.has(info.type) && info.type !== 'date') {
    return unverifiable(`${field} (${info.type}) under ignore_malformed: whether its values are malformed is not read here`);
  }
  // `""` and values the node ignores as malformed are no value; a date without ignore_malformed was parsed when stored
  if (info !== undefined && (INTEGER_TYPES.has(info.type) || FLOAT_TYPES.has(info.type) || (info.type === 'date' && info.ignoreMalformed === true))) {
    const ix = indexedValues(field, ctx);
    if (hasResult(ix)) return ix;
    if (ix.kind === 'none') return noMatch(`${field} has no indexed value`);
  }
  return MATCH;
}

/** Numeric types whose values the evaluator does not parse. */
const OTHER_NUMERIC_TYPES = new Set(['half_float', 'scaled_float', 'unsigned_long']);

/** Whether a value holds a non-null scalar at any depth. */
function holdsScalar(v: unknown, depth = 0): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v !== 'object') return true;
  if (depth >= MAX_NESTING_DEPTH) throw new NestingTooDeepError('the document');
  return Object.values(v as object).some((x) => holdsScalar(x, depth + 1));
}

/** `exists` on an object: when any leaf below has a value the index holds (with a mapping: a field it indexes). */
function objectExists(field: string, values: unknown[], ctx: EvalContext): DlsResult {
  let doubt: DlsResult | undefined;
  let found = false;
  const collect = (x: unknown, path: string): void => {
    if (found) return;
    if (Array.isArray(x)) { x.forEach((y) => collect(y, path)); return; }
    if (typeof x === 'object' && x !== null) {
      for (const [k, y] of Object.entries(x)) collect(y, `${path}.${k}`);
      return;
    }
    if (ctx.opts.fieldTypes === undefined) {
      // no mapping: null may be a null_value's, "" no value of a numeric field (unknown-type.ts)
      const untyped = x === null ? untypedNull(path, [x]) : x === undefined ? undefined : untypedExists(path, [x]);
      if (untyped !== undefined) doubt ??= untyped;
      else if (hasValue(x)) found = true;
      return;
    }
    if (!hasValue(x)) return;
    const leaf = evalExists({ field: path }, ctx);
    if (leaf.result === 'match') found = true;
    else if (leaf.result === 'unverifiable') doubt ??= leaf;
  };
  values.forEach((v) => collect(v, field));
  if (found) return MATCH;
  return doubt ?? noMatch(`${field} has no values`);
}


/** A DLS query after variable substitution and parsing (reusable across documents). */
export type PreparedDls = { ok: true; query: StrictJson } | { ok: false; result: DlsResult };

/**
 * Substitutes user variables and parses a DLS query once, for evaluating many documents. A failed preparation's
 * result is frozen: every evaluation (and every hit report) of the prepared query answers with that one object.
 */
export function prepareDls(query: string | object, opts: Pick<DlsEvalOptions, 'user' | 'pluginVersion'> = {}): PreparedDls {
  const prepared = prepareDlsOf(query, opts);
  if (!prepared.ok) Object.freeze(prepared.result);
  return prepared;
}

function prepareDlsOf(query: string | object, opts: Pick<DlsEvalOptions, 'user' | 'pluginVersion'>): PreparedDls {
  if (typeof query !== 'string') {
    try {
      return { ok: true, query: parseStrictJson(JSON.stringify(query)) };
    } catch (e) {
      // a getter, Proxy or toJSON of the caller's object threw (its text is not repeated), or a value JSON cannot hold
      return { ok: false, result: unverifiable(e instanceof StrictJsonError || e instanceof NestingTooDeepError ? `the DLS query: ${e.message}` : 'the DLS query object could not be serialised as JSON (a getter, Proxy or toJSON threw, or a BigInt, cycle or function)') };
    }
  }
  const version = opt(opts, 'pluginVersion');
  const rules = dlsRules(version);
  // 3.x reads a white-space-only text as no DLS (2.x as a query that fails, read below)
  if (query !== '' && !hasDlsQuery(query, version)) return { ok: true, query: { match_all: {} } };
  const sub = substituteUserVariables(query, opt(opts, 'user'), version ? { pluginVersion: version } : {});
  if (rules === undefined && (sub.defaults.length > 0 || sub.escapes.length > 0)) {
    const form = sub.defaults.length > 0 ? `\${${sub.defaults[0]}}` : `$\${${sub.escapes[0]}}`;
    return { ok: false, result: unverifiable(`${form} is syntax only for 3.7+ (earlier versions substitute exact references only); pass pluginVersion`) };
  }
  if (sub.uncertain) {
    return { ok: false, result: unverifiable('a user value (or name) inserted into the DLS query holds $, { or }, a reference nests ${, or two attributes give one referenced name (a.b and a_b): the plugin replaces one name after another, in an order it does not fix') };
  }
  // the plugin always fills these three for the user (an empty list without backend roles): left unresolved, they
  // are what the caller did not pass, not something the node fails at
  const builtIn = sub.unresolved.find((name) => BUILT_IN_USER_VARIABLES.has(name));
  if (builtIn !== undefined) {
    return { ok: false, result: unverifiable(`\${${builtIn}} is filled by the plugin for every user: pass the user's ${BUILT_IN_USER_VARIABLES.get(builtIn) as string} to verify it`) };
  }
  if (rules?.leftoverVariableFails === true && sub.text.includes('${')) {
    const left = sub.unresolved.length > 0 ? `undefined user attribute(s) ${sub.unresolved.join(', ')}` : `\${ at offset ${sub.text.indexOf('${')}`;
    return { ok: false, result: unverifiable(`${left} left after substitution: 3.x fails every search under the role`) };
  }
  if (rules === undefined && sub.text.includes('${')) {
    return { ok: false, result: unverifiable(`\${ left after substitution (${sub.unresolved.join(', ') || 'no variable'}): 3.x fails every search, 1.x/2.x keep it literally; pass pluginVersion`) };
  }
  let reading: DlsReading;
  try {
    reading = readDlsQuery(sub.text);
  } catch (e) {
    if (e instanceof DlsParseError) return { ok: false, result: unverifiable(`the plugin cannot read the DLS query (${e.message}): ${dlsFailureWords(dlsFailureEffect(query, opts.pluginVersion))}`) };
    if (e instanceof NestingTooDeepError) return { ok: false, result: unverifiable(`the DLS query: ${e.message}`) };
    return { ok: false, result: unverifiable(`the DLS query could not be read: ${inputFailure('evaluateDls', e).message}`) };
  }
  // The plugin evaluates only the first object; text after it usually means the role does not say what was meant.
  if (reading.ignored !== undefined) return { ok: false, result: unverifiable(ignoredTextMessage(reading.ignored)) };
  return { ok: true, query: reading.query };
}

/** Evaluates a prepared DLS query against a document. */
export function evaluatePreparedDls(prepared: PreparedDls, doc: unknown, opts: DlsEvalOptions = {}): DlsResult {
  if (!prepared.ok) return prepared.result;
  try {
    const ctx: EvalContext = { doc, opts, firstField: undefined, first: undefined, seen: undefined, doubt: undefined, parseDoubt: undefined };
    const r = evalQuery(prepared.query, ctx);
    if (ctx.doubt === undefined) return r;
    // the node may refuse the query (nothing shown): a match is not certain; no match stays one, kept for the OR of roles
    const out = r.result === 'match' ? unverifiable(`the node may refuse this DLS query (${ctx.doubt}): a match is not certain`) : { ...r };
    mayRefuse.set(out, { why: ctx.doubt, parse: ctx.parseDoubt, free: r });
    return out;
  } catch (error) {
    // A document no cluster holds (nested past OpenSearch's limit, or cyclic): nothing to judge.
    if (error instanceof NestingTooDeepError) return unverifiable(error.message);
    // a clause the node may refuse fails the whole search, whatever the other clauses say
    if (error instanceof SearchMayFailError) return searchMayFail(error.message);
    throw error;
  }
}

/** Evaluates one DLS query (the role's string, or an already parsed object) against a document. */
export function evaluateDls(query: string | object, doc: unknown, opts: DlsEvalOptions = {}): DlsResult {
  // a call of its own (verifyHits looks once per verification): the evaluator's own-key tests follow what it finds
  checkSharedPrototypes();
  return evaluateOne(query, doc, opts);
}

/** evaluateDls without the look at the shared prototypes (the caller made it). */
function evaluateOne(query: string | object, doc: unknown, opts: DlsEvalOptions): DlsResult {
  try {
    return evaluateDlsOf(query, doc, opts);
  } catch (error) {
    throw inputFailure('evaluateDls', error);
  }
}

function evaluateDlsOf(query: string | object, doc: unknown, opts: DlsEvalOptions = {}): DlsResult {
  if (!isOptionsObject(opts as unknown)) throw new ArgumentTypeError('evaluateDls: options must be an object');
  if (typeof query !== 'string' && (query === null || typeof query !== 'object')) throw new ArgumentTypeError('evaluateDls: query must be a DLS query (a JSON string or an object)');
  const checked = readDlsOptions(opts as Record<string, unknown>);
  return evaluatePreparedDls(prepareDls(query, checked), doc, checked);
}

/**
 * Evaluates several roles' DLS queries for one index (OR-ed). An empty list means no restriction.
 */
export function evaluateDlsQueries(queries: readonly (string | PreparedDls)[], doc: unknown, opts: DlsEvalOptions = {}): DlsResult {
  if (queries.length === 0) return MATCH;
  if (queries.length === 1) {
    // anyOf of one result, without the list
    const q = queries[0] as string | PreparedDls;
    return alone(typeof q === 'string' ? evaluateOne(q, doc, opts) : evaluatePreparedDls(q, doc, opts));
  }
  const results: DlsResult[] = [];
  for (const q of queries) {
    const r = typeof q === 'string' ? evaluateOne(q, doc, opts) : evaluatePreparedDls(q, doc, opts);
    // the plugin ORs the roles' queries into one: a query the node may refuse fails the search for every role
    if (r.result === 'unverifiable' && failing.has(r)) return r;
    results.push(r);
  }
  const any = anyOf(results);
  // one role's query the node may refuse fails the OR of all: another role's match is not certain either
  const doubt = any.result === 'match' ? results.find((r) => mayRefuse.has(r)) : undefined;
  return doubt === undefined ? any : unverifiable(`the node may refuse a role's DLS query (${mayRefuse.get(doubt)?.why as string}): a match is not certain`);
}

/** anyOf of one role's result (no list built): a match is MATCH, a no-match a new object with its reason. */
function alone(r: DlsResult): DlsResult {
  return r.result === 'match' ? MATCH : r.result === 'unverifiable' ? r : noMatch(opt(r, 'reason'));
}

/**
 * evaluateDlsQueries for a document the node RETURNED under these roles (verifyHits): the node parsed and built the
 * roles' OR-ed query, so a "the node may refuse" doubt no longer applies where a refusal would have failed the search.
 * A clause the node cannot build fails every search on every version (400, 2.19.4 and 3.4.0), one it cannot parse fails
 * it on 1.x/2.x (500); 3.x instead drops that role (it shows nothing, the other roles still show theirs, 3.4.0), so such
 * a doubt stays where the match could come through that role, and another role's match without it stands.
 */
export function evaluateReturnedDls(queries: readonly PreparedDls[], doc: unknown, opts: DlsEvalOptions, pluginVersion: string | undefined): DlsResult {
  if (queries.length === 0) return MATCH;
  if (queries.length === 1) {
    // anyOf of one result, without the list (verifyHits calls this per hit)
    const r = evaluatePreparedDls(queries[0] as PreparedDls, doc, opts);
    return r.result === 'unverifiable' && failing.has(r) ? r : alone(returnedResult(r, pluginVersion));
  }
  const results: DlsResult[] = [];
  for (const q of queries) {
    const r = evaluatePreparedDls(q, doc, opts);
    if (r.result === 'unverifiable' && failing.has(r)) return r;
    results.push(returnedResult(r, pluginVersion));
  }
  return anyOf(results);
}

/**
 * One role's result for a returned document without the "may refuse" doubt: the result its clauses give, except that
 * a match through a role the node may drop unparsed (3.x) stays unverifiable. The version is read only for a doubt.
 */
function returnedResult(r: DlsResult, pluginVersion: string | undefined): DlsResult {
  // MATCH is shared and frozen, never a doubt's result (evaluatePreparedDls gives those a new object)
  const d = r === MATCH ? undefined : mayRefuse.get(r);
  if (d === undefined) return r;
  if (d.parse === undefined || dlsRules(pluginVersion)?.unreadableConstant === 'search-fails') return d.free;
  if (d.free.result !== 'match') return r;
  return unverifiable(`the node may not parse a role's DLS query (${d.parse}): ${dlsFailureWords(dlsFailureEffect('', pluginVersion))}, so a match through it is not certain`);
}

/** Results of queries the node may refuse: why, the first doubt the parser may raise, and the result without the doubt (see evaluatePreparedDls). */
const mayRefuse = new WeakMap<DlsResult, { why: string; parse: string | undefined; free: DlsResult }>();

/** Results that say the node may fail the whole search (one object per answer, so a WeakSet tells them apart). */
const failing = new WeakSet<DlsResult>();

function searchMayFail(why: string): DlsResult {
  const r = unverifiable(`the node may fail every search under this DLS: ${why}`);
  failing.add(r);
  return r;
}
