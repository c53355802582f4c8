/** Leaf queries of the DLS evaluator: term, terms, match, prefix, wildcard, range. */
import { BoundedCache } from '../../fgac/bounded-cache.js';
import { JsonNumber, type StrictJson } from '../../fgac/json.js';
import { DEFAULT_DATE_FORMATS, parseDateMillis, standardTokens } from './analysis.js';
import { hasMember, indexedValues, typeInfo, type Indexed } from './fields.js';
import { isMetadataField, metadataQuery } from './metadata.js';
import { badParamAt, splitAt, type QueryNode } from './query-nodes.js';
import { checkParams, isObj, P_MATCH, P_PREFIX, P_RANGE, P_TERM, P_WILDCARD, readFlag, type Q } from './params.js';
import { and, anyOf, atLeast, checkMinimumShouldMatch, MATCH, minimumShouldMatch, noMatch, SearchMayFailError, searchFails, unverifiable } from './results.js';
import { asciiLower, numberSet, termEquals, termSet, termText } from './term-equality.js';
import { checkFieldQuerySyntax, checkTermsSyntax, lastOf, uncheckedParam, unknownParam } from './syntax.js';
import { floatTieIn, stringQueryNumber } from './java-values.js';
import type { DlsResult, EvalContext } from './types.js';
import { untypedNumber } from './unknown-type.js';
import { checkQueryValue, resolvedInfo, unmappedDoubt, valueKind, type ValueKind } from './query-values.js';
import { hasResult } from '../prototype-check.js';
import { readyRegExp } from '../../errors/ready-regexp.js';

/** A compiled wildcard pattern. */
interface Glob {
  test(text: string): boolean;
}

/**
 * Compiled wildcard patterns (bounded: of the patterns over 4096 characters only the last is kept).
 */
const globCache = new BoundedCache<Glob>({ entries: 1000, chars: 262_144, maxEntryChars: 4096 });

/** @internal What the wildcard cache holds (tests check the bounds). */
export function globCacheSize(): { entries: number; chars: number } {
  return globCache.size();
}

/** What globToRegExp answers for a pattern V8 cannot compile (a literal run of ~50 000 characters is "too large"). */
const UNCOMPILABLE: Glob = { test: () => false };

/** The matcher of a wildcard query pattern (compiled once per pattern), or UNCOMPILABLE. */
function globToRegExp(pattern: string, ci: boolean): Glob {
  const key = `${ci ? 'i' : 's'}${pattern}`;
  let glob = globCache.get(key);
  if (glob === undefined) {
    glob = compileGlob(pattern, ci);
    globCache.set(key, glob);
  }
  return glob;
}

/**
 * A wildcard pattern (`*` any sequence, `?` one character, `\` escapes) as its `*`-separated
 * segments, each a regular expression without quantifiers. Matching places each middle segment at
 * its leftmost position after the previous one (always enough for `*` globs), so the time is
 * linear in the text per segment, as on the cluster (Lucene runs an automaton). One regular
 * expression with a `[\s\S]*` per star backtracked: `*a*a*a*b` on 300 characters took seconds.
 */
function compileGlob(pattern: string, ci: boolean): Glob {
  const segments: string[] = [''];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    const last = segments.length - 1;
    if (c === '\\' && i + 1 < pattern.length) segments[last] += (pattern[++i] as string).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else if (c === '*') segments.push('');
    else if (c === '?') segments[last] += '[\\s\\S]';
    else segments[last] += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  const flags = ci ? 'iu' : 'u';
  // readyRegExp: a pattern V8 refuses (at its first exec) is refused here, inside the try
  try {
    if (segments.length === 1) {
      const whole = readyRegExp(`^${segments[0]}$`, flags);
      return { test: (text) => whole.test(text) };
    }
    return segmentGlob(readyRegExp(`^${segments[0]}`, flags), segments.slice(1, -1).filter((seg) => seg !== '').map((seg) => readyRegExp(seg, `${flags}g`)), readyRegExp(`${segments[segments.length - 1]}$`, `${flags}g`));
  } catch {
    return UNCOMPILABLE;
  }
}

/** Matches `head`, each of `middle` at its leftmost place after the one before, then `tail` (see compileGlob). */
function segmentGlob(head: RegExp, middle: readonly RegExp[], tail: RegExp): Glob {
  return {
    test(text: string): boolean {
      const start = head.exec(text);
      if (start === null) return false;
      let pos = start[0].length;
      for (const re of middle) {
        re.lastIndex = pos;
        const m = re.exec(text);
        if (m === null) return false;
        pos = m.index + m[0].length;
      }
      tail.lastIndex = pos;
      return tail.exec(text) !== null;
    },
  };
}

/** The parameters each field query reads. */
const PARAMS: Readonly<Record<string, readonly string[]>> = { term: P_TERM, match: P_MATCH, prefix: P_PREFIX, wildcard: P_WILDCARD, range: P_RANGE };

/** The outcome of a clause's value checks (null: none failed) per clause body and mapping: they read no document. */
const checkedClauses = new WeakMap<object, WeakMap<object, string | null>>();
const NO_MAPPING = {};

/** Whether the node holds the outcome of the clause checks for this body and mapping (a failure is replayed, thrown). */
function checkedBefore(node: QueryNode, body: object, ctx: EvalContext): boolean {
  if (node.chkBody !== body || node.chkMapping !== (ctx.opts.fieldTypes ?? NO_MAPPING)) return false;
  if (node.chkOutcome !== null) searchFails(node.chkOutcome);
  return true;
}

/** Runs `check` (which may throw SearchMayFailError) once per clause body and mapping, replaying its outcome after (also kept in the node). */
function checkedOnce(node: QueryNode, body: object, ctx: EvalContext, check: () => void): void {
  const mapping = (ctx.opts.fieldTypes ?? NO_MAPPING) as object;
  let byMapping = checkedClauses.get(body);
  const known = byMapping?.get(mapping);
  let outcome: string | null = null;
  if (known !== undefined) outcome = known;
  else {
    try {
      check();
    } catch (error) {
      if (!(error instanceof SearchMayFailError)) throw error;
      outcome = error.message;
    }
    if (byMapping === undefined) checkedClauses.set(body, (byMapping = new WeakMap()));
    byMapping.set(mapping, outcome);
  }
  node.chkBody = body;
  node.chkMapping = mapping;
  node.chkOutcome = outcome;
  if (outcome !== null) searchFails(outcome);
}

/** Evaluates a leaf query of `type` with its body (`node`: the query object's, see query-nodes.ts). */
export function evalFieldQuery(type: string, body: StrictJson | undefined, ctx: EvalContext, node: QueryNode): DlsResult {
  if (type === 'terms') {
    if (!isObj(body)) searchFails('[terms] body is not an object');
    const fields = Object.keys(body).filter((k) => k !== 'boost' && k !== '_name');
    const field = fields[0] as string;
    const list = body[field];
    if (!checkedBefore(node, body, ctx)) {
      checkedOnce(node, body, ctx, () => {
        checkTermsSyntax(body, fields);
        if (!Array.isArray(list)) return;
        const vk = valueKind(field, ctx);
        for (const t of list) checkQueryValue(vk, t, field);
      });
    }
    if (!Array.isArray(list)) {
      // (its body is not checked here: the parser may refuse it)
      ctx.doubt ??= 'a terms lookup, which the node may fail to read';
      ctx.parseDoubt ??= 'a terms lookup, which the node may fail to read';
      return unverifiable('terms lookup');
    }
    if (isMetadataField(field)) return metadataQuery(type, field, list, {}, ctx);
    const ix = indexedValues(field, ctx);
    unmappedDoubt(type, ix, field, body, list, {}, ctx);
    if (hasResult(ix)) return ix;
    if (ix.kind === 'none') return noMatch('field has no value');
    if (ix.kind === 'keyword' || ix.kind === 'text') {
      // the document's values against the list's set: linear in both, not their product
      const { terms, nonScalar } = termSet(list);
      const values = ix.kind === 'keyword' ? ix.values : ix.tokens;
      if (values.some((v) => terms.has(v))) return MATCH;
      return nonScalar ? unverifiable('term value is not a scalar') : noMatch(ix.kind === 'keyword' ? 'no keyword value equals the term' : 'no token equals the term');
    }
    if (ix.kind === 'number' && ix.numType !== 'number' && list.length > 0) {
      // one lookup per document value instead of one termEquals per listed term
      const numbers = numberSet(list, ix.numType);
      if (numbers !== null) return ix.values.some((v) => numbers.has(v)) ? MATCH : noMatch('number differs');
    }
    if (ix.kind === 'number' && ix.numType === 'number') return untypedNumber(field);
    return anyOf(list.map((t) => termEquals(ix, t, false, field)));
  }
  const valueKey = type === 'match' ? 'query' : type === 'range' ? '' : 'value';
  if (!isObj(body)) searchFails(`[${type}] body is not an object`);
  const fp = splitAt(node, body, valueKey);
  // clauses the node cannot parse or build fail the search: judged before the document is read
  if (!checkedBefore(node, body, ctx)) {
    checkedOnce(node, body, ctx, () => {
      checkFieldQuerySyntax(type, body, fp, valueKey);
      if (fp === undefined) return;
      const { field, params, value } = fp;
      const bad = checkParams(params, PARAMS[type] ?? []);
      if (bad !== undefined) unknownParam(type, bad);
      const vk = valueKind(field, ctx);
      if (type === 'term' && readFlag(params.case_insensitive, false) === true && (vk?.kind === 'number' || vk?.kind === 'date')) searchFails(`case_insensitive term on ${field}, a ${vk.kind} field`);
      if ((type === 'prefix' || type === 'wildcard') && vk !== undefined) searchFails(`${type} on ${field}, a ${vk.kind === 'number' ? vk.type : vk.kind} field`);
      if (type === 'term' || (type === 'match' && readFlag(params.lenient, false) !== true)) checkQueryValue(vk, value, field);
      if (type === 'range') {
        if (vk?.kind === 'date' && params.format !== undefined && !DEFAULT_DATE_FORMATS.has(String(params.format))) searchFails(`range format ${String(params.format).slice(0, 60)}`);
        // the bounds are read with the query's format when it names one
        const bounds: ValueKind = vk?.kind === 'date' && typeof params.format === 'string' ? { kind: 'date', format: params.format } : vk;
        for (const k of ['gt', 'gte', 'lt', 'lte', 'from', 'to']) checkQueryValue(bounds, params[k], field);
      }
    });
  }
  if (!fp) return unverifiable(`${type} body`);
  const { field, params } = fp;
  let value = fp.value;
  if (isMetadataField(field)) return metadataQuery(type, field, [value], params, ctx);
  // a parameter the node accepts but the evaluator does not read (fuzziness...) whose value is not checked here
  const unread = type === 'match' && badParamAt(node, params, P_MATCH) !== undefined ? uncheckedParam(params, P_MATCH) : undefined;
  if (unread !== undefined) {
    ctx.doubt ??= `match parameter ${unread.first}, whose value is not checked here`;
    if (unread.parsed !== undefined) ctx.parseDoubt ??= `match parameter ${unread.parsed}, whose value is not checked here`;
  }
  const ix = indexedValues(field, ctx);
  unmappedDoubt(type, ix, field, body, [value], params, ctx);
  if (hasResult(ix)) return ix;
  switch (type) {
    case 'term': {
      const bad = badParamAt(node, params, P_TERM);
      if (bad) return unverifiable(`term parameter ${bad}`);
      const ci = readFlag(params.case_insensitive, false);
      if (ci === undefined) return unverifiable('case_insensitive is not a boolean');
      if (ix.kind === 'text' && ci) return unverifiable('case_insensitive term on text');
      if (ci && (ix.kind === 'number' || ix.kind === 'date')) searchFails(`case_insensitive term on ${field}, a ${ix.kind} field`);
      return termEquals(ix, value, ci, field);
    }
    case 'match': {
      const bad = badParamAt(node, params, P_MATCH);
      if (bad) return unverifiable(`match parameter ${bad}`);
      checkMinimumShouldMatch(params.minimum_should_match);
      const zeroTerms = typeof params.zero_terms_query === 'string' ? params.zero_terms_query.toLowerCase() : 'none';
      // a text field without a value still analyses the query: with no terms, zero_terms_query decides
      const unset = ix.kind === 'none' ? typeInfo(ctx.opts.fieldTypes, field) : undefined;
      if (ix.kind === 'none' && unset?.type !== 'text') {
        // an unmapped field matches nothing; with no mapping at all the field may be text
        const unknown = ctx.opts.fieldTypes === undefined && zeroTerms === 'all' && typeof value === 'string' && (standardTokens(value)?.length ?? 0) === 0;
        return unknown ? unverifiable('zero_terms_query all on a field of unknown type') : noMatch('field has no value');
      }
      // split_queries_on_whitespace (read as a search analyzer) makes the query several terms
      if (ix.kind === 'keyword' && resolvedInfo(field, ctx)?.searchAnalyzer !== undefined) return unverifiable(`${field} splits match queries on white space`);
      if (ix.kind !== 'text' && ix.kind !== 'none') return termEquals(ix, value, false, field);
      const searchAnalyzer = ix.kind === 'text' ? ix.searchAnalyzer : unset?.searchAnalyzer ?? unset?.analyzer;
      if (searchAnalyzer !== undefined && searchAnalyzer !== 'standard') return unverifiable(`search analyzer ${searchAnalyzer}`);
      const qs = termText(value);
      if (qs === undefined) return unverifiable('match query is a JSON number whose text is not Java\'s (Double.toString)');
      const qt = standardTokens(qs);
      if (!qt) return unverifiable('match text outside the supported analysis subset');
      // the query is analysed first: with no terms, zero_terms_query decides whatever the document holds
      if (qt.length === 0) return zeroTerms === 'all' ? MATCH : noMatch('query has no terms');
      if (ix.kind === 'none') return noMatch('field has no value');
      const tokens = ix.tokens;
      const results = qt.map((t) => (hasMember(tokens, t) ? MATCH : noMatch(`token ${t} missing`)));
      const op = typeof params.operator === 'string' ? params.operator.toLowerCase() : 'or';
      if (op === 'and') {
        // all terms required, none optional: a minimum_should_match above 0 of no optional clauses matches nothing
        const k = params.minimum_should_match === undefined || qt.length < 2 ? 0 : minimumShouldMatch(0, params.minimum_should_match);
        if (k === undefined) return unverifiable('minimum_should_match form');
        return k > 0 ? noMatch(`operator and with minimum_should_match ${k}`) : and(results);
      }
      if (op !== 'or') return unverifiable(`operator ${op}`);
      // one term makes a TermQuery: minimum_should_match does not apply
      if (params.minimum_should_match !== undefined && qt.length > 1) {
        const k = minimumShouldMatch(qt.length, params.minimum_should_match);
        if (k === undefined) return unverifiable('minimum_should_match form');
        return atLeast(results, Math.max(k, 1));
      }
      return atLeast(results, 1);
    }
    case 'prefix':
    case 'wildcard': {
      const allowed = type === 'prefix' ? P_PREFIX : P_WILDCARD;
      const bad = badParamAt(node, params, allowed);
      if (bad) return unverifiable(`${type} parameter ${bad}`);
      if (type === 'wildcard') value = lastOf(params, ['value', 'wildcard']) ?? value;
      if (typeof value !== 'string') return unverifiable(`${type} value`);
      if (ix.kind === 'none') return noMatch('field has no value');
      const ci = readFlag(params.case_insensitive, false);
      if (ci === undefined) return unverifiable('case_insensitive is not a boolean');
      if (ci && asciiLower(value) === undefined) return unverifiable('case_insensitive on non-ASCII');
      const candidates = ix.kind === 'keyword' ? ix.values : ix.kind === 'text' ? ix.tokens : undefined;
      if (!candidates) return unverifiable(`${type} on a ${ix.kind} field`);
      if (ci && candidates.some((c) => asciiLower(c) === undefined)) return unverifiable('case_insensitive on non-ASCII');
      const pattern = value;
      const glob = type === 'prefix' ? undefined : globToRegExp(pattern, ci);
      if (glob === UNCOMPILABLE) return unverifiable(`a ${type} pattern of ${pattern.length} characters, too large to evaluate here`);
      const ok = glob === undefined
        ? candidates.some((c) => (ci ? c.toLowerCase().startsWith(pattern.toLowerCase()) : c.startsWith(pattern)))
        : candidates.some((c) => glob.test(c));
      return ok ? MATCH : noMatch(`no value matches the ${type}`);
    }
    case 'range':
      return evalRange(ix, params, field, node);
    default:
      return unverifiable(`query type ${type}`);
  }
}

function evalRange(ix: Indexed, params: Q, field: string, node: QueryNode): DlsResult {
  const bad = badParamAt(node, params, P_RANGE);
  if (bad) return unverifiable(`range parameter ${bad}`);
  if (params.relation !== undefined && params.relation !== 'intersects' && params.relation !== 'INTERSECTS') return unverifiable('range relation');
  if (params.time_zone !== undefined && !['Z', 'UTC', '+00:00', 'Etc/UTC'].includes(String(params.time_zone))) return unverifiable('range time_zone');
  // read in JSON order as RangeQueryBuilder does: a later key overrides an earlier one
  let lower: StrictJson | undefined;
  let upper: StrictJson | undefined;
  let incLower = true;
  let incUpper = true;
  for (const key of Object.keys(params)) {
    const v = params[key];
    switch (key) {
      case 'from': lower = v; break;
      case 'to': upper = v; break;
      case 'gt': lower = v; incLower = false; break;
      case 'gte': lower = v; incLower = true; break;
      case 'lt': upper = v; incUpper = false; break;
      case 'lte': upper = v; incUpper = true; break;
      case 'include_lower': case 'include_upper': {
        const b = readFlag(v, true);
        if (b === undefined) return unverifiable(`range ${key} is not a boolean`);
        if (key === 'include_lower') incLower = b;
        else incUpper = b;
        break;
      }
      default: break;
    }
  }
  if (ix.kind === 'none') return noMatch(`${field} has no value`);
  const within = (v: number, lo: number | undefined, hi: number | undefined): boolean =>
    (lo === undefined || (incLower ? v >= lo : v > lo)) && (hi === undefined || (incUpper ? v <= hi : v < hi));
  if (ix.kind === 'number') {
    const num = (b: StrictJson | undefined): number | undefined | null => {
      if (b === undefined || b === null) return undefined;
      const n = b instanceof JsonNumber ? b.value : typeof b === 'string' && b.trim() !== '' ? stringQueryNumber(b, ix.numType) : NaN;
      return Number.isFinite(n) && !floatTieIn(ix.numType, n) ? n : null;
    };
    const lo = num(lower);
    const hi = num(upper);
    if (lo === null || hi === null) return unverifiable('range bound is not a number');
    // no mapping: the readings of the number disagree (unknown-type.ts)
    if (ix.numType === 'number') return untypedNumber(field);
    const conv = (x: number | undefined): number | undefined => (x === undefined ? x : ix.numType === 'float' ? Math.fround(x) : x);
    return ix.values.some((v) => within(v, conv(lo), conv(hi))) ? MATCH : noMatch(`${field} outside the range`);
  }
  if (ix.kind === 'date') {
    if (params.format !== undefined && !DEFAULT_DATE_FORMATS.has(String(params.format))) return unverifiable('range format');
    const date = (b: StrictJson | undefined, roundUp: boolean): number | undefined | null => {
      if (b === undefined || b === null) return undefined;
      if (typeof b === 'string' && /now|\|\|/.test(b)) return null;
      const t = parseDateMillis(b, roundUp, typeof params.format === 'string' ? params.format : ix.format);
      return t === undefined ? null : t;
    };
    // OpenSearch rounds partial dates up for gt and lte
    const lo = date(lower, !incLower);
    const hi = date(upper, incUpper);
    if (lo === null || hi === null) return unverifiable('range bound is not a plain date');
    return ix.values.some((v) => within(v, lo, hi)) ? MATCH : noMatch(`${field} outside the range`);
  }
  if (ix.kind === 'keyword') {
    const str = (b: StrictJson | undefined): string | undefined | null => (b === undefined || b === null ? undefined : termText(b) ?? null);
    const lo = str(lower);
    const hi = str(upper);
    if (lo === null || hi === null) return unverifiable('range bound is not a scalar');
    const cmp = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
    const ok = ix.values.some((v) => (lo === undefined || (incLower ? cmp(v, lo) >= 0 : cmp(v, lo) > 0)) && (hi === undefined || (incUpper ? cmp(v, hi) <= 0 : cmp(v, hi) < 0)));
    return ok ? MATCH : noMatch(`${field} outside the range`);
  }
  return unverifiable(`range on a ${ix.kind} field`);
}

