/**
 * A local evaluator for document-level security queries on a subset of the query DSL
 * (match_all, match_none, term, terms, match, range, exists, ids, prefix, wildcard, bool),
 * with the plugin's user-variable substitution. Three-valued: anything it cannot decide with
 * certainty is `unverifiable`, never a match.
 */
import { JsonNumber, parseStrictJson, StrictJsonError, type StrictJson } from './json.js';

/** The principal whose attributes DLS variables refer to. */
export interface DlsUser {
  /** `${user.name}` */
  name?: string;
  /** Backend roles: `${user.roles}` */
  roles?: readonly string[];
  /** Security (mapped) roles: `${user.securityRoles}` */
  securityRoles?: readonly string[];
  /** Custom attributes by full name, e.g. `{ 'attr.internal.dept': 'sales' }` (`${attr.internal.dept}`). */
  attributes?: Readonly<Record<string, string>>;
}

/** Outcome of evaluating a DLS query against a document. */
export interface DlsResult {
  result: 'match' | 'no-match' | 'unverifiable';
  /** Why the result is unverifiable (or which clause decided a no-match). */
  reason?: string;
}

/** Mapping information for one field path. */
export interface FieldTypeInfo {
  /** OpenSearch field type (`keyword`, `text`, `boolean`, `long`, `float`, `date`, ...). */
  type: string;
  /** keyword `ignore_above` */
  ignoreAbove?: number;
  /** date `format` */
  format?: string;
  /** text `analyzer` / `search_analyzer` */
  analyzer?: string;
  searchAnalyzer?: string;
  /** keyword `normalizer` */
  normalizer?: string;
  /** set when the mapping defines `null_value` */
  hasNullValue?: boolean;
  /** For multi-fields (`title.keyword`): the source field whose values it indexes. */
  sourceField?: string;
}

/** Field path -> mapping info (see `fieldTypesFromMapping`). */
export type FieldTypes = Readonly<Record<string, FieldTypeInfo | string>>;

/** Options for evaluating DLS against one document. */
export interface DlsEvalOptions {
  /** Field types (from the index mapping). Without them only booleans and numbers are typed. */
  fieldTypes?: FieldTypes;
  /** The document `_id` (for `ids` queries). */
  id?: string;
  /** The user for variable substitution. */
  user?: DlsUser;
  /** Fields whose values in `doc` are not the indexed ones (hidden by FLS, masked, not returned). */
  unknownField?: (path: string) => boolean;
  /** OpenSearch / plugin version (e.g. `2.19.4`): variable substitution differs between 1.x/2.x and 3.x. */
  pluginVersion?: string;
}

const MATCH: DlsResult = { result: 'match' };
const noMatch = (reason?: string): DlsResult => (reason ? { result: 'no-match', reason } : { result: 'no-match' });
const unverifiable = (reason: string): DlsResult => ({ result: 'unverifiable', reason });

// ---------------------------------------------------------------------------------------------
// Variables

/** Result of substituting user variables into a DLS query string. */
export interface Substitution {
  text: string;
  /** Variable names left unresolved (no value, no default); they stay in `text` literally. */
  unresolved: string[];
  /** `${x:-default}` forms met (honoured by 3.x; 1.x/2.x leave them literally). */
  defaults: string[];
}

const quoted = (xs: readonly string[]): string => xs.map((x) => `"${x}"`).join(',');

/** Major version from a version string, or undefined. */
function majorOf(version: string | undefined): number | undefined {
  const m = version ? /^(\d+)/.exec(version) : null;
  return m ? Number(m[1]) : undefined;
}

/**
 * Replaces `${user.name}`, `${user.roles}` (`"a","b"`), `${user.securityRoles}`, custom attributes
 * such as `${attr.internal.X}` and their underscore forms (`${user_name}`). Values are inserted as
 * they are (not JSON-escaped), as the plugin does. 3.x (default) also honours `${x:-default}` and
 * `$${x}` escapes; with `pluginVersion` 1.x/2.x only exact `${name}` references are replaced.
 */
export function substituteUserVariables(query: string, user: DlsUser = {}, options: { pluginVersion?: string } = {}): Substitution {
  const values = new Map<string, string>();
  const put = (k: string, v: string): void => {
    values.set(k, v);
    values.set(k.replaceAll('.', '_'), v);
  };
  if (user.name !== undefined) put('user.name', user.name);
  if (user.roles) put('user.roles', quoted(user.roles));
  if (user.securityRoles) put('user.securityRoles', quoted(user.securityRoles));
  for (const [k, v] of Object.entries(user.attributes ?? {})) put(k, v);
  const legacy = (majorOf(options.pluginVersion) ?? 3) < 3;
  const unresolved: string[] = [];
  const defaults: string[] = [];
  let out = '';
  let i = 0;
  while (i < query.length) {
    const at = query.indexOf('${', i);
    if (at < 0) { out += query.slice(i); break; }
    if (!legacy && at > 0 && query[at - 1] === '$') {
      // `$${x}` is an escaped literal `${x}` for the 3.x substitutor
      out += query.slice(i, at - 1) + '${';
      i = at + 2;
      continue;
    }
    const end = query.indexOf('}', at + 2);
    if (end < 0) { out += query.slice(i); break; }
    out += query.slice(i, at);
    const body = query.slice(at + 2, end);
    const dflt = body.indexOf(':-');
    if (dflt >= 0) defaults.push(body);
    const name = dflt >= 0 && !legacy ? body.slice(0, dflt) : body;
    const v = values.get(name);
    if (v !== undefined) out += v;
    else if (dflt >= 0 && !legacy) out += body.slice(dflt + 2);
    else { out += query.slice(at, end + 1); unresolved.push(name); }
    i = end + 1;
  }
  return { text: out, unresolved, defaults };
}

// ---------------------------------------------------------------------------------------------
// Mappings

function typeInfo(types: FieldTypes | undefined, path: string): FieldTypeInfo | undefined {
  const t = types?.[path];
  if (t === undefined) return undefined;
  return typeof t === 'string' ? { type: t } : t;
}

/**
 * Flattens an index mapping (the body of `GET index/_mapping`, one index's `mappings`, or a
 * `properties` object) into field path -> type info, multi-fields included.
 */
export function fieldTypesFromMapping(mapping: unknown): Record<string, FieldTypeInfo> {
  const out: Record<string, FieldTypeInfo> = {};
  const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  let m: unknown = mapping;
  if (isObj(m) && !('properties' in m) && !('mappings' in m)) {
    const first = Object.values(m)[0];
    if (isObj(first) && 'mappings' in first) m = first;
  }
  if (isObj(m) && isObj(m.mappings)) m = m.mappings;
  const walk = (props: unknown, prefix: string): void => {
    if (!isObj(props)) return;
    for (const [name, def] of Object.entries(props)) {
      if (!isObj(def)) continue;
      const path = prefix ? `${prefix}.${name}` : name;
      const info = (d: Record<string, unknown>, source?: string): FieldTypeInfo => {
        const type = typeof d.type === 'string' ? d.type : isObj(d.properties) ? 'object' : 'object';
        const r: FieldTypeInfo = { type };
        if (typeof d.ignore_above === 'number') r.ignoreAbove = d.ignore_above;
        if (typeof d.format === 'string') r.format = d.format;
        if (typeof d.analyzer === 'string') r.analyzer = d.analyzer;
        if (typeof d.search_analyzer === 'string') r.searchAnalyzer = d.search_analyzer;
        if (typeof d.normalizer === 'string') r.normalizer = d.normalizer;
        if ('null_value' in d) r.hasNullValue = true;
        if (source) r.sourceField = source;
        return r;
      };
      out[path] = info(def);
      if (isObj(def.fields)) {
        for (const [sub, sd] of Object.entries(def.fields)) if (isObj(sd)) out[`${path}.${sub}`] = info(sd, path);
      }
      if (isObj(def.properties)) walk(def.properties, path);
    }
  };
  walk(isObj(m) ? m.properties : undefined, '');
  return out;
}

// ---------------------------------------------------------------------------------------------
// Document access

type Doc = unknown;

/** All values at a dotted path (arrays flattened, literal dotted keys honoured); undefined if absent. */
export function valuesAt(doc: Doc, path: string): unknown[] {
  if (!path.includes('.') && typeof doc === 'object' && doc !== null && !Array.isArray(doc)) {
    const v = (doc as Record<string, unknown>)[path];
    if (v === undefined || !Object.prototype.hasOwnProperty.call(doc, path)) return [];
    if (!Array.isArray(v)) return [v];
  }
  const out: unknown[] = [];
  const segs = path.split('.');
  const visit = (node: unknown, from: number): void => {
    if (Array.isArray(node)) { node.forEach((n) => visit(n, from)); return; }
    if (from === segs.length) { out.push(node); return; }
    if (typeof node !== 'object' || node === null) return;
    const obj = node as Record<string, unknown>;
    for (let k = from + 1; k <= segs.length; k++) {
      const key = segs.slice(from, k).join('.');
      if (Object.prototype.hasOwnProperty.call(obj, key)) visit(obj[key], k);
    }
  };
  visit(doc, 0);
  const flat: unknown[] = [];
  const flatten = (v: unknown): void => { if (Array.isArray(v)) v.forEach(flatten); else flat.push(v); };
  out.forEach(flatten);
  return flat;
}

// ---------------------------------------------------------------------------------------------
// Analysis (standard analyzer subset: ASCII text only)

/**
 * Tokenizes like the standard analyzer for ASCII text (UAX#29 word rules that matter for ASCII:
 * letters/digits/underscore runs, `'` `.` `:` inside letters, `.` `,` `;` `'` inside digits),
 * then lowercases. Returns undefined for text outside that subset.
 */
export function standardTokens(text: string): string[] | undefined {
  if (!/^[\x20-\x7e\t\n\r]*$/.test(text)) return undefined;
  const isL = (c: string | undefined): boolean => c !== undefined && /[A-Za-z]/.test(c);
  const isN = (c: string | undefined): boolean => c !== undefined && /[0-9]/.test(c);
  const isW = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isW(text[i])) { i++; continue; }
    let j = i;
    for (;;) {
      while (j < text.length && isW(text[j])) j++;
      const mid = text[j];
      const prev = text[j - 1];
      const next = text[j + 1];
      const letterJoin = (mid === "'" || mid === '.' || mid === ':') && isL(prev) && isL(next);
      const digitJoin = (mid === '.' || mid === ',' || mid === ';' || mid === "'") && isN(prev) && isN(next);
      if (letterJoin || digitJoin) { j += 1; continue; }
      break;
    }
    const tok = text.slice(i, j);
    if (/[A-Za-z0-9]/.test(tok)) tokens.push(tok.toLowerCase());
    i = j;
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Dates

const DEFAULT_DATE_FORMATS = new Set(['strict_date_optional_time||epoch_millis', 'strict_date_optional_time', 'date_optional_time', 'epoch_millis', 'strict_date_optional_time||epoch_millis||date_optional_time']);

/** Parses strict_date_optional_time / epoch_millis to epoch millis; roundUp fills missing parts with their maximum. */
export function parseDateMillis(v: unknown, roundUp = false): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : undefined;
  if (v instanceof JsonNumber) return parseDateMillis(v.value, roundUp);
  if (typeof v !== 'string') return undefined;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?)?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(v);
  if (m) {
    const [, y, mo, d, h, mi, s, frac, zone] = m;
    if (zone && !h) return undefined;
    const year = Number(y);
    const month = mo ? Number(mo) : roundUp ? 12 : 1;
    const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const day = d ? Number(d) : roundUp ? lastDay : 1;
    const hour = h ? Number(h) : roundUp ? 23 : 0;
    const minute = mi ? Number(mi) : roundUp ? 59 : 0;
    const second = s ? Number(s) : roundUp ? 59 : 0;
    const ms = frac ? Number(frac.padEnd(3, '0').slice(0, 3)) : roundUp ? 999 : 0;
    if (month < 1 || month > 12 || day < 1 || day > lastDay || hour > 23 || minute > 59 || second > 59) return undefined;
    let t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
    if (year < 100) {
      const dt = new Date(t);
      dt.setUTCFullYear(year);
      t = dt.getTime();
    }
    if (zone && zone !== 'Z') {
      const zm = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
      if (!zm) return undefined;
      const off = (Number(zm[2]) * 60 + Number(zm[3] ?? '0')) * 60000;
      t -= zm[1] === '+' ? off : -off;
    }
    return t;
  }
  if (/^-?\d+$/.test(v)) return Number(v);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Evaluation

type Q = { [key: string]: StrictJson };
const isObj = (x: StrictJson | undefined): x is Q => typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof JsonNumber);

interface Ctx {
  doc: Doc;
  opts: DlsEvalOptions;
}

const INTEGER_TYPES = new Set(['long', 'integer', 'short', 'byte']);
const FLOAT_TYPES = new Set(['double', 'float']);

function and(results: DlsResult[]): DlsResult {
  const no = results.find((r) => r.result === 'no-match');
  if (no) return no;
  const u = results.find((r) => r.result === 'unverifiable');
  return u ?? MATCH;
}

/** OR of several results (several roles' DLS queries on one index are OR-ed). */
export function anyOf(results: DlsResult[]): DlsResult {
  if (results.some((r) => r.result === 'match')) return MATCH;
  const u = results.find((r) => r.result === 'unverifiable');
  return u ?? noMatch(results[0]?.reason);
}

function not(r: DlsResult): DlsResult {
  if (r.result === 'match') return noMatch('must_not clause matched');
  if (r.result === 'no-match') return MATCH;
  return r;
}

/** `minimum_should_match` as OpenSearch computes it; undefined when the spec is not supported. */
export function minimumShouldMatch(count: number, spec: StrictJson | undefined): number | undefined {
  if (spec === undefined || spec === null) return undefined;
  const s = spec instanceof JsonNumber ? spec.raw : typeof spec === 'string' ? spec.trim() : undefined;
  if (s === undefined || s.includes('<')) return undefined;
  let result: number;
  if (s.endsWith('%')) {
    const p = Number(s.slice(0, -1));
    if (!Number.isInteger(p)) return undefined;
    const calc = Math.fround(Math.fround(count * p) * Math.fround(1 / 100));
    result = calc < 0 ? count + Math.trunc(calc) : Math.trunc(calc);
  } else {
    const n = Number(s);
    if (!Number.isInteger(n)) return undefined;
    result = n < 0 ? count + n : n;
  }
  return Math.max(result, 0);
}

function atLeast(results: DlsResult[], k: number): DlsResult {
  const m = results.filter((r) => r.result === 'match').length;
  const u = results.filter((r) => r.result === 'unverifiable');
  if (m >= k) return MATCH;
  if (m + u.length >= k) return u[0] ?? unverifiable('should clauses');
  return noMatch(`fewer than ${k} should clause(s) matched`);
}

function clauses(v: StrictJson | undefined): StrictJson[] | undefined {
  if (v === undefined) return [];
  if (Array.isArray(v)) return v;
  if (isObj(v)) return [v];
  return undefined;
}

// Parameters each query type accepts (anything else makes the query unverifiable).
const P_PLAIN: readonly string[] = ['boost', '_name'];
const P_BOOL: readonly string[] = ['must', 'filter', 'should', 'must_not', 'minimum_should_match', 'boost', '_name', 'adjust_pure_negative'];
const P_IDS: readonly string[] = ['values', 'boost', '_name', 'type'];
const P_EXISTS: readonly string[] = ['field', 'boost', '_name'];
const P_TERM: readonly string[] = ['value', 'boost', '_name', 'case_insensitive'];
const P_MATCH: readonly string[] = ['query', 'operator', 'minimum_should_match', 'zero_terms_query', 'boost', '_name', 'auto_generate_synonyms_phrase_query', 'lenient'];
const P_PREFIX: readonly string[] = ['value', 'boost', '_name', 'case_insensitive', 'rewrite'];
const P_WILDCARD: readonly string[] = ['value', 'wildcard', 'boost', '_name', 'case_insensitive', 'rewrite'];
const P_RANGE: readonly string[] = ['gt', 'gte', 'lt', 'lte', 'from', 'to', 'include_lower', 'include_upper', 'boost', '_name', 'format', 'time_zone', 'relation'];

/** First parameter of `obj` not in `allowed`, remembered per query object (parsed queries do not change). */
function checkParams(obj: Q, allowed: readonly string[]): string | undefined {
  const key = allowed;
  let byAllowed = checkedParams.get(obj);
  if (byAllowed === undefined) {
    byAllowed = new Map();
    checkedParams.set(obj, byAllowed);
  } else if (byAllowed.has(key)) {
    return byAllowed.get(key);
  }
  let bad: string | undefined;
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) {
      bad = k;
      break;
    }
  }
  byAllowed.set(key, bad);
  return bad;
}

const checkedParams = new WeakMap<Q, Map<readonly string[], string | undefined>>();
/** The keys of a query object, remembered per object (parsed queries do not change). */
const queryKeys = new WeakMap<Q, string[]>();

function keysOf(q: Q): string[] {
  let keys = queryKeys.get(q);
  if (keys === undefined) {
    keys = Object.keys(q);
    queryKeys.set(q, keys);
  }
  return keys;
}

function evalQuery(q: StrictJson, ctx: Ctx): DlsResult {
  if (!isObj(q)) return unverifiable('query is not an object');
  const keys = keysOf(q);
  if (keys.length !== 1) return unverifiable(`query object must have exactly one key, has ${keys.length}`);
  const type = keys[0] as string;
  const body = q[type];
  switch (type) {
    case 'match_all': return isObj(body) && checkParams(body, P_PLAIN) === undefined ? MATCH : unverifiable('match_all parameters');
    case 'match_none': return isObj(body) && checkParams(body, P_PLAIN) === undefined ? noMatch('match_none') : unverifiable('match_none parameters');
    case 'bool': return evalBool(body, ctx);
    case 'ids': return evalIds(body, ctx);
    case 'exists': return evalExists(body, ctx);
    case 'term': case 'terms': case 'match': case 'range': case 'prefix': case 'wildcard':
      return evalFieldQuery(type, body, ctx);
    default: return unverifiable(`query type ${type} is not supported by the local evaluator`);
  }
}

function evalBool(body: StrictJson | undefined, ctx: Ctx): DlsResult {
  if (!isObj(body)) return unverifiable('bool body');
  const bad = checkParams(body, P_BOOL);
  if (bad) return unverifiable(`bool parameter ${bad}`);
  const must = clauses(body.must);
  const filter = clauses(body.filter);
  const should = clauses(body.should);
  const mustNot = clauses(body.must_not);
  if (!must || !filter || !should || !mustNot) return unverifiable('bool clause is neither object nor array');
  if (must.length + filter.length + should.length + mustNot.length === 0) return MATCH;
  const required = [...must, ...filter].map((c) => evalQuery(c, ctx));
  const excluded = mustNot.map((c) => not(evalQuery(c, ctx)));
  const parts = [...required, ...excluded];
  if (should.length > 0) {
    const shouldResults = should.map((c) => evalQuery(c, ctx));
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

function evalIds(body: StrictJson | undefined, ctx: Ctx): DlsResult {
  if (!isObj(body) || checkParams(body, P_IDS) || !Array.isArray(body.values)) return unverifiable('ids body');
  if (ctx.opts.id === undefined) return unverifiable('document _id unknown');
  const ids = body.values.map((v) => (v instanceof JsonNumber ? v.raw : v));
  return ids.includes(ctx.opts.id) ? MATCH : noMatch('_id not in ids');
}

function hasValue(v: unknown): boolean {
  return v !== null && v !== undefined;
}

function evalExists(body: StrictJson | undefined, ctx: Ctx): DlsResult {
  if (!isObj(body) || checkParams(body, P_EXISTS) || typeof body.field !== 'string') return unverifiable('exists body');
  const field = body.field;
  if (/[*?]/.test(field)) return unverifiable('exists with a wildcard field');
  if (ctx.opts.unknownField?.(field)) return unverifiable(`field ${field} is not visible`);
  const info = typeInfo(ctx.opts.fieldTypes, field);
  const src = info?.sourceField ?? field;
  if (info?.sourceField && ctx.opts.unknownField?.(src)) return unverifiable(`field ${src} is not visible`);
  const values = valuesAt(ctx.doc, src).filter(hasValue);
  if (info?.hasNullValue) return unverifiable('mapping has null_value');
  if (values.length === 0) return noMatch(`${field} does not exist`);
  if (values.every((v) => typeof v === 'object')) {
    // an object: exists when any leaf below has a value
    const leaves: unknown[] = [];
    const collect = (x: unknown): void => {
      if (Array.isArray(x)) x.forEach(collect);
      else if (typeof x === 'object' && x !== null) Object.values(x).forEach(collect);
      else if (hasValue(x)) leaves.push(x);
    };
    values.forEach(collect);
    return leaves.length > 0 ? MATCH : noMatch(`${field} has no values`);
  }
  if (info?.ignoreAbove !== undefined && values.every((v) => typeof v === 'string' && v.length > (info.ignoreAbove as number))) {
    return unverifiable('all values exceed ignore_above');
  }
  return MATCH;
}

/** The value compared by a leaf query: the field's indexed form. */
type Indexed =
  | { kind: 'keyword'; values: string[] }
  | { kind: 'text'; tokens: string[] }
  | { kind: 'boolean'; values: boolean[] }
  | { kind: 'number'; values: number[]; numType: string }
  | { kind: 'date'; values: number[] }
  | { kind: 'none' };

function indexedValues(field: string, ctx: Ctx): Indexed | DlsResult {
  if (/[*?]/.test(field)) return unverifiable(`wildcard field name ${field}`);
  if (ctx.opts.unknownField?.(field)) return unverifiable(`field ${field} is hidden or masked in the returned document`);
  const info = typeInfo(ctx.opts.fieldTypes, field);
  const src = info?.sourceField ?? field;
  if (src !== field && ctx.opts.unknownField?.(src)) return unverifiable(`field ${src} is hidden or masked in the returned document`);
  if (info?.hasNullValue) return unverifiable('mapping has null_value');
  let raw = valuesAt(ctx.doc, src);
  if (!raw.every(hasValue)) raw = raw.filter(hasValue);
  if (raw.some((v) => typeof v === 'object')) return unverifiable(`${field} holds an object`);
  if (raw.length === 0) return { kind: 'none' };
  let type = info?.type;
  if (!type) {
    if (raw.every((v) => typeof v === 'boolean')) type = 'boolean';
    else if (raw.every((v) => typeof v === 'number')) type = 'number';
    else return unverifiable(`no mapping for ${field}`);
  }
  switch (type) {
    case 'keyword': {
      if (info?.normalizer) return unverifiable('keyword normalizer');
      const vals: string[] = [];
      for (const v of raw) {
        if (typeof v === 'string') {
          if (info?.ignoreAbove !== undefined && v.length > info.ignoreAbove) continue;
          vals.push(v);
        } else if (typeof v === 'boolean') vals.push(String(v));
        else if (typeof v === 'number' && Number.isSafeInteger(v)) vals.push(String(v));
        else return unverifiable(`keyword value ${String(v)} depends on its source text`);
      }
      return { kind: 'keyword', values: vals };
    }
    case 'text': {
      const an = info?.searchAnalyzer ?? info?.analyzer;
      if (an && an !== 'standard') return unverifiable(`analyzer ${an}`);
      const tokens: string[] = [];
      for (const v of raw) {
        const t = standardTokens(typeof v === 'string' ? v : String(v));
        if (!t) return unverifiable('text outside the supported analysis subset');
        tokens.push(...t);
      }
      return { kind: 'text', tokens };
    }
    case 'boolean': {
      const vals: boolean[] = [];
      for (const v of raw) {
        if (v === true || v === 'true') vals.push(true);
        else if (v === false || v === 'false' || v === '') vals.push(false);
        else return unverifiable(`boolean value ${String(v)}`);
      }
      return { kind: 'boolean', values: vals };
    }
    case 'date': {
      if (info?.format && !DEFAULT_DATE_FORMATS.has(info.format)) return unverifiable(`date format ${info.format}`);
      const vals: number[] = [];
      for (const v of raw) {
        const t = parseDateMillis(v);
        if (t === undefined) return unverifiable(`date value ${String(v)}`);
        vals.push(t);
      }
      return { kind: 'date', values: vals };
    }
    default: {
      if (type !== 'number' && !INTEGER_TYPES.has(type) && !FLOAT_TYPES.has(type)) return unverifiable(`field type ${type}`);
      const vals: number[] = [];
      for (const v of raw) {
        const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
        if (!Number.isFinite(n)) return unverifiable(`numeric value ${String(v)}`);
        if (INTEGER_TYPES.has(type) && !Number.isInteger(n)) return unverifiable('decimal in an integer field');
        if (Math.abs(n) > Number.MAX_SAFE_INTEGER) return unverifiable('number beyond 2^53');
        vals.push(type === 'float' ? Math.fround(n) : n);
      }
      return { kind: 'number', values: vals, numType: type };
    }
  }
}

type FieldAndParams = { field: string; value: StrictJson | undefined; params: Q } | undefined;
/** fieldAndParams results per query body and value key (parsed queries do not change). */
const splitBodies = new WeakMap<Q, Map<string, FieldAndParams>>();

/** Splits `{field: value}` / `{field: {value|query: ..., params}}` forms. */
function fieldAndParams(body: StrictJson | undefined, valueKey: string): FieldAndParams {
  if (!isObj(body)) return undefined;
  let byKey = splitBodies.get(body);
  if (byKey === undefined) {
    byKey = new Map();
    splitBodies.set(body, byKey);
  } else if (byKey.has(valueKey)) {
    return byKey.get(valueKey);
  }
  const split = splitBody(body, valueKey);
  byKey.set(valueKey, split);
  return split;
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

function scalarString(v: StrictJson | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (v instanceof JsonNumber) return v.raw;
  if (typeof v === 'boolean') return String(v);
  return undefined;
}

function asciiLower(s: string): string | undefined {
  return /^[\x00-\x7f]*$/.test(s) ? s.toLowerCase() : undefined;
}

/** Whether an indexed value equals a query term (term/terms/match on non-text fields). */
function termEquals(ix: Indexed, q: StrictJson | undefined, caseInsensitive: boolean): DlsResult {
  if (ix.kind === 'none') return noMatch('field has no value');
  const qs = scalarString(q);
  if (qs === undefined) return unverifiable('term value is not a scalar');
  switch (ix.kind) {
    case 'keyword': {
      if (caseInsensitive) {
        const lq = asciiLower(qs);
        const lv = ix.values.map(asciiLower);
        if (lq === undefined || lv.some((x) => x === undefined)) return unverifiable('case_insensitive on non-ASCII');
        return lv.includes(lq) ? MATCH : noMatch('no keyword value equals the term');
      }
      return ix.values.includes(qs) ? MATCH : noMatch('no keyword value equals the term');
    }
    case 'text':
      return ix.tokens.includes(qs) ? MATCH : noMatch('no token equals the term');
    case 'boolean': {
      const b = qs === 'true' ? true : qs === 'false' ? false : undefined;
      if (b === undefined) return unverifiable(`boolean term ${qs}`);
      return ix.values.includes(b) ? MATCH : noMatch('boolean differs');
    }
    case 'number': {
      const n = Number(qs);
      if (qs.trim() === '' || !Number.isFinite(n)) return unverifiable(`numeric term ${qs}`);
      if (INTEGER_TYPES.has(ix.numType) && !Number.isInteger(n)) return unverifiable('decimal term on an integer field');
      if (ix.numType === 'number') {
        const exact = ix.values.includes(n);
        const asFloat = ix.values.some((v) => Math.fround(v) === Math.fround(n));
        if (exact !== asFloat) return unverifiable('result depends on the numeric field type');
        return exact ? MATCH : noMatch('number differs');
      }
      const t = ix.numType === 'float' ? Math.fround(n) : n;
      return ix.values.includes(t) ? MATCH : noMatch('number differs');
    }
    case 'date': {
      // A date term is a range over the unit the value names (missing parts rounded up for the upper end).
      if (/now|\|\|/.test(qs)) return unverifiable(`date math in term ${qs}`);
      const raw = q instanceof JsonNumber ? q.value : qs;
      const lo = parseDateMillis(raw);
      const hi = parseDateMillis(raw, true);
      if (lo === undefined || hi === undefined) return unverifiable(`date term ${qs}`);
      return ix.values.some((v) => v >= lo && v <= hi) ? MATCH : noMatch('date differs');
    }
  }
}

const globCache = new Map<string, RegExp>();

/** The regular expression of a wildcard query pattern (compiled once per pattern). */
function globToRegExp(pattern: string, ci: boolean): RegExp {
  const key = `${ci ? 'i' : 's'}${pattern}`;
  let re = globCache.get(key);
  if (re === undefined) {
    re = compileGlob(pattern, ci);
    if (globCache.size >= 1000) globCache.clear();
    globCache.set(key, re);
  }
  return re;
}

function compileGlob(pattern: string, ci: boolean): RegExp {
  let src = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\' && i + 1 < pattern.length) { src += (pattern[++i] as string).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'); continue; }
    if (c === '*') src += '[\\s\\S]*';
    else if (c === '?') src += '[\\s\\S]';
    else src += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${src}$`, ci ? 'iu' : 'u');
}

function evalFieldQuery(type: string, body: StrictJson | undefined, ctx: Ctx): DlsResult {
  if (type === 'terms') {
    if (!isObj(body)) return unverifiable('terms body');
    const fields = Object.keys(body).filter((k) => k !== 'boost' && k !== '_name');
    if (fields.length !== 1) return unverifiable('terms must name exactly one field');
    const field = fields[0] as string;
    const list = body[field];
    if (!Array.isArray(list)) return unverifiable('terms lookup or non-array terms');
    const ix = indexedValues(field, ctx);
    if ('result' in ix) return ix;
    if (ix.kind === 'none') return noMatch('field has no value');
    return anyOf(list.map((t) => termEquals(ix, t, false)));
  }
  const valueKey = type === 'match' ? 'query' : type === 'range' ? '' : 'value';
  const fp = fieldAndParams(body, valueKey);
  if (!fp) return unverifiable(`${type} body`);
  const { field, params } = fp;
  let value = fp.value;
  const ix = indexedValues(field, ctx);
  if ('result' in ix) return ix;
  switch (type) {
    case 'term': {
      const bad = checkParams(params, P_TERM);
      if (bad) return unverifiable(`term parameter ${bad}`);
      if (ix.kind === 'text' && params.case_insensitive === true) return unverifiable('case_insensitive term on text');
      return termEquals(ix, value, params.case_insensitive === true);
    }
    case 'match': {
      const bad = checkParams(params, P_MATCH);
      if (bad) return unverifiable(`match parameter ${bad}`);
      if (ix.kind === 'none') return noMatch('field has no value');
      if (ix.kind !== 'text') return termEquals(ix, value, false);
      const qs = scalarString(value);
      if (qs === undefined) return unverifiable('match query is not a scalar');
      const qt = standardTokens(qs);
      if (!qt) return unverifiable('match text outside the supported analysis subset');
      if (qt.length === 0) {
        const z = typeof params.zero_terms_query === 'string' ? params.zero_terms_query.toLowerCase() : 'none';
        return z === 'all' ? MATCH : noMatch('query has no terms');
      }
      const results = qt.map((t) => (ix.tokens.includes(t) ? MATCH : noMatch(`token ${t} missing`)));
      const op = typeof params.operator === 'string' ? params.operator.toLowerCase() : 'or';
      if (op === 'and') return and(results);
      if (op !== 'or') return unverifiable(`operator ${op}`);
      if (params.minimum_should_match !== undefined) {
        const k = minimumShouldMatch(qt.length, params.minimum_should_match);
        if (k === undefined) return unverifiable('minimum_should_match form');
        return atLeast(results, Math.max(k, 1));
      }
      return atLeast(results, 1);
    }
    case 'prefix':
    case 'wildcard': {
      const allowed = type === 'prefix' ? P_PREFIX : P_WILDCARD;
      const bad = checkParams(params, allowed);
      if (bad) return unverifiable(`${type} parameter ${bad}`);
      if (type === 'wildcard' && value === undefined) value = params.wildcard;
      if (typeof value !== 'string') return unverifiable(`${type} value`);
      if (ix.kind === 'none') return noMatch('field has no value');
      const ci = params.case_insensitive === true;
      if (ci && asciiLower(value) === undefined) return unverifiable('case_insensitive on non-ASCII');
      const candidates = ix.kind === 'keyword' ? ix.values : ix.kind === 'text' ? ix.tokens : undefined;
      if (!candidates) return unverifiable(`${type} on a ${ix.kind} field`);
      if (ci && candidates.some((c) => asciiLower(c) === undefined)) return unverifiable('case_insensitive on non-ASCII');
      const pattern = value;
      const ok = type === 'prefix'
        ? candidates.some((c) => (ci ? c.toLowerCase().startsWith(pattern.toLowerCase()) : c.startsWith(pattern)))
        : candidates.some((c) => globToRegExp(pattern, ci).test(c));
      return ok ? MATCH : noMatch(`no value matches the ${type}`);
    }
    case 'range':
      return evalRange(ix, params, field);
    default:
      return unverifiable(`query type ${type}`);
  }
}

function evalRange(ix: Indexed, params: Q, field: string): DlsResult {
  const bad = checkParams(params, P_RANGE);
  if (bad) return unverifiable(`range parameter ${bad}`);
  if (params.relation !== undefined && params.relation !== 'intersects' && params.relation !== 'INTERSECTS') return unverifiable('range relation');
  if (params.time_zone !== undefined && !['Z', 'UTC', '+00:00', 'Etc/UTC'].includes(String(params.time_zone))) return unverifiable('range time_zone');
  let lower: StrictJson | undefined = params.from;
  let upper: StrictJson | undefined = params.to;
  let incLower = params.include_lower !== false;
  let incUpper = params.include_upper !== false;
  if (params.gt !== undefined) { lower = params.gt; incLower = false; }
  if (params.gte !== undefined) { lower = params.gte; incLower = true; }
  if (params.lt !== undefined) { upper = params.lt; incUpper = false; }
  if (params.lte !== undefined) { upper = params.lte; incUpper = true; }
  if (ix.kind === 'none') return noMatch(`${field} has no value`);
  const within = (v: number, lo: number | undefined, hi: number | undefined): boolean =>
    (lo === undefined || (incLower ? v >= lo : v > lo)) && (hi === undefined || (incUpper ? v <= hi : v < hi));
  if (ix.kind === 'number') {
    const num = (b: StrictJson | undefined): number | undefined | null => {
      if (b === undefined || b === null) return undefined;
      const n = b instanceof JsonNumber ? b.value : typeof b === 'string' && b.trim() !== '' ? Number(b) : NaN;
      return Number.isFinite(n) ? n : null;
    };
    const lo = num(lower);
    const hi = num(upper);
    if (lo === null || hi === null) return unverifiable('range bound is not a number');
    if (ix.numType === 'number') {
      const a = ix.values.some((v) => within(v, lo, hi));
      const b = ix.values.some((v) => within(Math.fround(v), lo === undefined ? lo : Math.fround(lo), hi === undefined ? hi : Math.fround(hi)));
      if (a !== b) return unverifiable('result depends on the numeric field type');
      return a ? MATCH : noMatch(`${field} outside the range`);
    }
    const conv = (x: number | undefined): number | undefined => (x === undefined ? x : ix.numType === 'float' ? Math.fround(x) : x);
    return ix.values.some((v) => within(v, conv(lo), conv(hi))) ? MATCH : noMatch(`${field} outside the range`);
  }
  if (ix.kind === 'date') {
    if (params.format !== undefined && !DEFAULT_DATE_FORMATS.has(String(params.format))) return unverifiable('range format');
    const date = (b: StrictJson | undefined, roundUp: boolean): number | undefined | null => {
      if (b === undefined || b === null) return undefined;
      if (typeof b === 'string' && /now|\|\|/.test(b)) return null;
      const t = parseDateMillis(b instanceof JsonNumber ? b.value : b, roundUp);
      return t === undefined ? null : t;
    };
    // OpenSearch rounds partial dates up for gt and lte
    const lo = date(lower, !incLower);
    const hi = date(upper, incUpper);
    if (lo === null || hi === null) return unverifiable('range bound is not a plain date');
    return ix.values.some((v) => within(v, lo, hi)) ? MATCH : noMatch(`${field} outside the range`);
  }
  if (ix.kind === 'keyword') {
    const str = (b: StrictJson | undefined): string | undefined | null => (b === undefined || b === null ? undefined : scalarString(b) ?? null);
    const lo = str(lower);
    const hi = str(upper);
    if (lo === null || hi === null) return unverifiable('range bound is not a scalar');
    const cmp = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
    const ok = ix.values.some((v) => (lo === undefined || (incLower ? cmp(v, lo) >= 0 : cmp(v, lo) > 0)) && (hi === undefined || (incUpper ? cmp(v, hi) <= 0 : cmp(v, hi) < 0)));
    return ok ? MATCH : noMatch(`${field} outside the range`);
  }
  return unverifiable(`range on a ${ix.kind} field`);
}

// ---------------------------------------------------------------------------------------------
// Entry points

/** A DLS query after variable substitution and parsing (reusable across documents). */
export type PreparedDls = { ok: true; query: StrictJson } | { ok: false; result: DlsResult };

/** Substitutes user variables and parses a DLS query once, for evaluating many documents. */
export function prepareDls(query: string | object, opts: Pick<DlsEvalOptions, 'user' | 'pluginVersion'> = {}): PreparedDls {
  if (typeof query !== 'string') {
    try {
      return { ok: true, query: parseStrictJson(JSON.stringify(query)) };
    } catch (e) {
      return { ok: false, result: unverifiable(String(e)) };
    }
  }
  const major = majorOf(opts.pluginVersion);
  const sub = substituteUserVariables(query, opts.user, opts.pluginVersion ? { pluginVersion: opts.pluginVersion } : {});
  if (major === undefined && sub.defaults.length > 0) {
    return { ok: false, result: unverifiable(`\${${sub.defaults[0]}} is a default only for 3.x (1.x/2.x keep it literally); pass pluginVersion`) };
  }
  if (sub.unresolved.length > 0 && (major === undefined || major >= 3)) {
    return { ok: false, result: unverifiable(`undefined user attribute(s) ${sub.unresolved.join(', ')} (3.x rejects the query, 1.x/2.x keep it literally)`) };
  }
  try {
    return { ok: true, query: parseStrictJson(sub.text) };
  } catch (e) {
    return { ok: false, result: unverifiable(`the server would reject the DLS query: ${e instanceof StrictJsonError ? e.message : String(e)}`) };
  }
}

/** Evaluates a prepared DLS query against a document. */
export function evaluatePreparedDls(prepared: PreparedDls, doc: unknown, opts: DlsEvalOptions = {}): DlsResult {
  return prepared.ok ? evalQuery(prepared.query, { doc, opts }) : prepared.result;
}

/** Evaluates one DLS query (the role's string, or an already parsed object) against a document. */
export function evaluateDls(query: string | object, doc: unknown, opts: DlsEvalOptions = {}): DlsResult {
  return evaluatePreparedDls(prepareDls(query, opts), doc, opts);
}

/**
 * Evaluates several roles' DLS queries for one index (OR-ed). An empty list means no restriction.
 */
export function evaluateDlsQueries(queries: readonly (string | PreparedDls)[], doc: unknown, opts: DlsEvalOptions = {}): DlsResult {
  if (queries.length === 0) return MATCH;
  const results: DlsResult[] = [];
  for (const q of queries) {
    const r = typeof q === 'string' ? evaluateDls(q, doc, opts) : evaluatePreparedDls(q, doc, opts);
    if (r.result === 'match') return r;
    results.push(r);
  }
  return anyOf(results);
}
