/** Field values of a document as the index holds them: mapping types, dotted paths, indexed forms. */
import { standardTokens, parseDateMillis, DEFAULT_DATE_FORMATS } from './analysis.js';
import { parseNumeric } from './numbers.js';
import { floatTieIn } from './java-values.js';
import { unverifiable } from './results.js';
import type { DlsEvalOptions, DlsResult, EvalContext, FieldTypeInfo, FieldTypes } from './types.js';
import { untypedNull } from './unknown-type.js';
import { MAX_NESTING_DEPTH, NestingTooDeepError } from '../../fgac/json.js';
import { unreadable } from '../../client/options-snapshot.js';
import { bareInfo, isCheckedFieldTypeInfo, keyPath, readFieldTypeInfo } from '../read-inputs.js';
import { hasDoubt, hasKind, hasResult, hasSkip } from '../prototype-check.js';

/** Integer field types. */
export const INTEGER_TYPES = new Set(['long', 'integer', 'short', 'byte']);
/** Floating point field types. */
export const FLOAT_TYPES = new Set(['double', 'float']);

/** The info of a mapping given as a bare type name, one shared (frozen) object per name (names up to MAX_CACHED_TYPE characters: real ones are short). */
const bareTypes = new Map<string, FieldTypeInfo>();
const MAX_CACHED_TYPE = 64;

/**
 * Mapping info of a path, if any (read-only: a bare type name's info is shared). Own entries only (a
 * field named `constructor` is not Object's); an entry not checked before (evaluateDls is given the
 * caller's table) is checked and copied here, a ConfigError naming `options.fieldTypes[...]`.
 */
export function typeInfo(types: FieldTypes | undefined, path: string): FieldTypeInfo | undefined {
  if (types === undefined) return undefined;
  let t: unknown;
  try {
    t = Object.prototype.hasOwnProperty.call(types, path) ? types[path] : undefined;
  } catch {
    unreadable(keyPath('options.fieldTypes', path));
  }
  if (t === undefined) return undefined;
  if (typeof t !== 'string') return isCheckedFieldTypeInfo(t) ? t : readFieldTypeInfo(() => keyPath('options.fieldTypes', path), t) as FieldTypeInfo;
  let info = bareTypes.get(t);
  if (info === undefined) {
    // every field own (as readFieldTypeInfo's copies): the evaluator's reads never reach a polluted Object.prototype
    info = Object.freeze(bareInfo(t));
    if (t.length <= MAX_CACHED_TYPE) {
      if (bareTypes.size >= 256) bareTypes.clear();
      bareTypes.set(t, info);
    }
  }
  return info;
}

/** Whether a value is an object (or array): such a field cannot be compared as a leaf. */
const isObjectValue = (v: unknown): boolean => typeof v === 'object';

/** Whether a field name holds a wildcard. */
const hasWildcard = (field: string): boolean => field.includes('*') || field.includes('?');

type Doc = unknown;

/**
 * All values at a dotted path (arrays flattened, literal dotted keys honoured); undefined if absent.
 * `withDotted`: also the keys that continue the path with a dot (`{"o.x": 1}` at `o` gives `{x: 1}`),
 * the way OpenSearch expands them into objects.
 */
export function valuesAt(doc: Doc, path: string, withDotted = false): unknown[] {
  if (!withDotted && !path.includes('.') && typeof doc === 'object' && doc !== null && !Array.isArray(doc)) {
    const v = (doc as Record<string, unknown>)[path];
    if (v === undefined || !Object.prototype.hasOwnProperty.call(doc, path)) return [];
    if (!Array.isArray(v)) return [v];
  }
  const out: unknown[] = [];
  const segs = path.split('.');
  const visit = (node: unknown, from: number, depth: number): void => {
    if (Array.isArray(node)) {
      if (depth >= MAX_NESTING_DEPTH) throw new NestingTooDeepError('the document');
      node.forEach((n) => visit(n, from, depth + 1));
      return;
    }
    if (from === segs.length) { out.push(node); return; }
    if (typeof node !== 'object' || node === null) return;
    const obj = node as Record<string, unknown>;
    if (withDotted) {
      const rest = `${segs.slice(from).join('.')}.`;
      for (const key of Object.keys(obj)) if (key.startsWith(rest)) out.push({ [key.slice(rest.length)]: obj[key] });
    }
    for (let k = from + 1; k <= segs.length; k++) {
      const key = segs.slice(from, k).join('.');
      if (Object.prototype.hasOwnProperty.call(obj, key)) visit(obj[key], k, depth + 1);
    }
  };
  visit(doc, 0, 0);
  const flat: unknown[] = [];
  const flatten = (v: unknown, depth: number): void => {
    if (!Array.isArray(v)) flat.push(v);
    else if (depth >= MAX_NESTING_DEPTH) throw new NestingTooDeepError('the document');
    else v.forEach((x) => flatten(x, depth + 1));
  };
  out.forEach((v) => flatten(v, 0));
  return flat;
}

/** True for anything but null and undefined. */
export function hasValue(v: unknown): boolean {
  return v !== null && v !== undefined;
}

/** The value compared by a leaf query: the field's indexed form. */
export type Indexed =
  | { kind: 'keyword'; values: string[] }
  | { kind: 'text'; tokens: string[]; searchAnalyzer: string | undefined }
  | { kind: 'boolean'; values: boolean[] }
  | { kind: 'number'; values: number[]; numType: string }
  | { kind: 'date'; values: number[]; format: string | undefined }
  | { kind: 'none' };

const ONE_TRUE: Indexed = Object.freeze({ kind: 'boolean', values: Object.freeze([true]) as boolean[] });
const ONE_FALSE: Indexed = Object.freeze({ kind: 'boolean', values: Object.freeze([false]) as boolean[] });

/**
 * For a field with no value in the document: unverifiable when no mapping describes it and a dotted
 * prefix holds a plain value (`title.keyword` is indexed from `title` and never stands in _source;
 * judging it "no value" made a false DLS violation of every visible document). A mapping that knows the
 * prefix lists its multi-fields too, so then the field truly has no value (undefined).
 */
export function maybeMultiField(field: string, info: FieldTypeInfo | undefined, ctx: EvalContext): DlsResult | undefined {
  if (info !== undefined) return undefined;
  for (let dot = field.lastIndexOf('.'); dot > 0; dot = field.lastIndexOf('.', dot - 1)) {
    const parent = field.slice(0, dot);
    if (typeInfo(ctx.opts.fieldTypes, parent) !== undefined) return undefined;
    if (valuesAt(ctx.doc, parent).some((v) => hasValue(v) && !isObjectValue(v))) {
      return unverifiable(`no mapping for ${field}, which may be a multi-field of ${parent} (pass fieldTypes: fieldTypesFromMapping of GET <index>/_mapping)`);
    }
  }
  return undefined;
}

const NONE: { readonly kind: 'none' } = Object.freeze({ kind: 'none' });

/** A queried field as the index holds it: its mapping info and the `_source` path its values come from. */
export interface ResolvedField { field: string; info: FieldTypeInfo | undefined; src: string }

/**
 * Resolves a queried field through the mapping (alias to its path, multi-field to its source), or the
 * answer it already implies: unverifiable for a hidden field or a copy_to target (its values are not in
 * `_source`), no value for a field nothing indexes (`enabled: false`, `index` and `doc_values` false) or
 * one inside `nested` documents (separate Lucene documents a DLS query does not reach without `nested`).
 */
export function resolveField(queried: string, ctx: EvalContext, forExists = false): ResolvedField | DlsResult | { readonly kind: 'none' } {
  const memo = fieldMemoOf(ctx.opts);
  if (memo === undefined) return resolveFieldOf(queried, ctx, forExists);
  const key = forExists ? `\u0000${queried}` : queried;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const r = resolveFieldOf(queried, ctx, forExists);
  // a DlsResult is made anew per document (one object per report); a resolution is read-only
  if (!(hasResult(r))) memo.set(key, r);
  return r;
}

/**
 * Options whose `fieldTypes` stay the same table, unchanged, for as long as the options are used, and whose
 * `unknownField` is one of the listed functions, each answering the same for a path every time (verifyHits' options
 * per rule set): resolveField remembers its answers there, per function. Registered by rememberResolvedFields.
 */
const stableOptions = new WeakMap<DlsEvalOptions, { types: FieldTypes | undefined; byUnknown: Map<((path: string) => boolean) | undefined, Map<string, ResolvedField | { readonly kind: 'none' }>> }>();

/**
 * Lets resolveField remember its answers for `opts` (see stableOptions): the caller promises that `opts.fieldTypes`
 * is not changed and that each function in `unknownFields` is pure.
 */
export function rememberResolvedFields(opts: DlsEvalOptions, unknownFields: ReadonlyArray<((path: string) => boolean) | undefined>): void {
  stableOptions.set(opts, { types: opts.fieldTypes, byUnknown: new Map(unknownFields.map((f) => [f, new Map()])) });
  lastOpts = undefined;
}

/** The last memo fieldMemoOf found, and what it was found for (documents in a row share options). */
let lastOpts: DlsEvalOptions | undefined;
let lastTypes: FieldTypes | undefined;
let lastUnknown: ((path: string) => boolean) | undefined;
let lastMemo: Map<string, ResolvedField | { readonly kind: 'none' }> | undefined;

/** The remembered resolutions for these options and their current unknownField, if remembered. */
function fieldMemoOf(opts: DlsEvalOptions): Map<string, ResolvedField | { readonly kind: 'none' }> | undefined {
  const types = opts.fieldTypes;
  const unknown = opts.unknownField;
  if (opts === lastOpts && types === lastTypes && unknown === lastUnknown) return lastMemo;
  const stable = stableOptions.get(opts);
  if (stable === undefined || stable.types !== types) return undefined;
  const memo = stable.byUnknown.get(unknown);
  if (memo !== undefined) {
    lastOpts = opts;
    lastTypes = types;
    lastUnknown = unknown;
    lastMemo = memo;
  }
  return memo;
}

/**
 * Why the fields an `unknownField` function answers true for are unknown, when not because the roles hide or mask
 * them (the default): verifyHits' answers for a hit whose document it cannot read whole (rule-use.ts).
 */
const unknownCauses = new WeakMap<(path: string) => boolean, string>();

/** Names why `unknown`'s fields are unknown (the text after `field <name>`); returns `unknown`. */
export function unknownBecause(unknown: (path: string) => boolean, cause: string): (path: string) => boolean {
  unknownCauses.set(unknown, cause);
  return unknown;
}

function resolveFieldOf(queried: string, ctx: EvalContext, forExists: boolean): ResolvedField | DlsResult | { readonly kind: 'none' } {
  if (hasWildcard(queried)) return unverifiable(`wildcard field name ${queried}`);
  const unknown = ctx.opts.unknownField;
  const hiddenField = (f: string): boolean => unknown?.(f) === true;
  // looked up only for a refusal (this runs for every field of every clause of every hit)
  const cause = (): string => (unknown === undefined ? undefined : unknownCauses.get(unknown)) ?? 'is hidden or masked in the returned document';
  if (hiddenField(queried)) return unverifiable(`field ${queried} ${cause()}`);
  const types = ctx.opts.fieldTypes;
  let field = queried;
  let info = typeInfo(types, field);
  if (info?.type === 'alias') {
    if (info.aliasPath === undefined) return unverifiable(`alias ${queried} without its path`);
    field = info.aliasPath;
    if (hiddenField(field)) return unverifiable(`field ${field} (alias ${queried}) ${cause()}`);
    info = typeInfo(types, field);
    if (info?.type === 'alias') return unverifiable(`alias ${queried} names another alias`);
  }
  if (info?.copyToTarget) return unverifiable(`${field}'s values are not in _source (filled by copy_to, or left out by the mapping's _source includes/excludes)`);
  // indexed from the mapping's value for every document, whether or not it stands in _source
  if (info?.type === 'constant_keyword') return unverifiable(`${field} is a constant_keyword (every document holds the mapping's value)`);
  if (info?.storedOnly) {
    // a stored field is in `_field_names` (exists finds it); any other query fails the whole search
    if (info.type === 'binary' && !forExists) return unverifiable(`${field} is a binary field, which the node cannot search`);
    if (!forExists || info.type === 'text' || info.type === 'match_only_text') return unverifiable(`${field} is stored but neither indexed nor in doc values`);
    return { field, info, src: field };
  }
  // nothing of a binary field is searchable: any query on it but `exists` fails the whole search
  if (info?.type === 'binary' && !forExists) return unverifiable(`${field} is a binary field, which the node cannot search`);
  if (info?.notIndexed) return NONE;
  if (types !== undefined) {
    for (let dot = field.indexOf('.'); ; dot = field.indexOf('.', dot + 1)) {
      const a = dot < 0 ? info : typeInfo(types, field.slice(0, dot));
      if (a?.type === 'nested') return a.nestedInRoot ? unverifiable(`${field} is in nested documents also indexed in the parent`) : NONE;
      if (dot >= 0 && a?.notIndexed && a.type === 'object') return NONE;
      if (dot < 0) break;
    }
    if (info === undefined && unmappedNotIndexed(types, field)) return NONE;
  }
  const src = info?.sourceField ?? field;
  if (src !== field && hiddenField(src)) return unverifiable(`field ${src} ${cause()}`);
  if (info?.hasNullValue) return unverifiable('mapping has null_value');
  return { field, info, src };
}

/**
 * Whether an unmapped field is not indexed: the nearest enclosing object (or the root, path `''`) that sets
 * `dynamic` sets it to `false` or `strict`.
 */
function unmappedNotIndexed(types: FieldTypes, field: string): boolean {
  for (let dot = field.lastIndexOf('.'); ; dot = field.lastIndexOf('.', dot - 1)) {
    const d = typeInfo(types, dot < 0 ? '' : field.slice(0, dot))?.dynamic;
    if (d !== undefined) return d === 'false' || d === 'strict';
    if (dot < 0) return false;
  }
}

/** For a field without a value: undefined when "no value" is certain, else why it is not. */
export function noValueDoubt(r: ResolvedField, ctx: EvalContext): DlsResult | undefined {
  const multi = maybeMultiField(r.field, r.info, ctx);
  if (multi) return multi;
  // an unmapped `_x` may be a metadata field of a plugin or a later version
  if (r.info === undefined && r.field.startsWith('_')) return unverifiable(`no mapping for ${r.field}, which may be a metadata field`);
  // no mapping at all: a null may stand for the mapping's null_value (unknown-type.ts)
  if (r.info === undefined && ctx.opts.fieldTypes === undefined) return untypedNull(r.field, valuesAt(ctx.doc, r.src));
  return undefined;
}

/** The indexed form of a field in the document, or the reason it cannot be known (read-only; read once per evaluation). */
export function indexedValues(queried: string, ctx: EvalContext): Indexed | DlsResult {
  if (ctx.firstField === queried) return ctx.first as Indexed | DlsResult;
  if (ctx.firstField === undefined) {
    const ix = readIndexed(queried, ctx);
    ctx.firstField = queried;
    ctx.first = ix;
    return ix;
  }
  const seen = ctx.seen ??= new Map();
  let ix = seen.get(queried) as Indexed | DlsResult | undefined;
  if (ix === undefined) {
    ix = readIndexed(queried, ctx);
    seen.set(queried, ix);
  }
  return ix;
}

/** Members of a read-only list, built once per list: equality tests in constant time. */
const memberSets = new WeakMap<readonly unknown[], Set<unknown>>();

/** Lists up to this long are searched in place: a document's values are read anew for each document, and a Set made per list costs more than it saves. */
const SCAN_AT_MOST = 16;

/** Whether a read-only list of indexed values holds `x` (SameValueZero, as Set.has). */
export function hasMember<T>(list: readonly T[], x: T): boolean {
  return list.length <= SCAN_AT_MOST ? list.includes(x) : setOf(list).has(x);
}

/** The set of a read-only list of indexed values (keyword values, tokens, numbers). */
function setOf<T>(list: readonly T[]): ReadonlySet<T> {
  let set = memberSets.get(list);
  if (set === undefined) {
    set = new Set(list);
    memberSets.set(list, set);
  }
  return set as Set<T>;
}

function readIndexed(queried: string, ctx: EvalContext): Indexed | DlsResult {
  const r = resolveField(queried, ctx);
  if (hasResult(r) || hasKind(r)) return r;
  const { field, info, src } = r;
  let raw = valuesAt(ctx.doc, src);
  if (!raw.every(hasValue)) raw = raw.filter(hasValue);
  if (raw.some(isObjectValue)) return unverifiable(`${field} holds an object`);
  if (raw.length === 0) return noValueDoubt(r, ctx) ?? NONE;
  let type = info?.type;
  if (!type) {
    if (ctx.opts.fieldTypes !== undefined) return unverifiable(`no mapping for ${field} in the fieldTypes given (a mapping read before the document was indexed, or not the index's)`);
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
        else return unverifiable(`keyword value ${String(v)} is a JSON number: the index holds its source text (1.0, 1e2), which parsing lost`);
      }
      return { kind: 'keyword', values: vals };
    }
    case 'text': {
      // the document was tokenised by the index analyzer; the search analyzer only reads the query (match)
      const an = info?.analyzer;
      if (an && an !== 'standard') return unverifiable(`analyzer ${an}`);
      const tokens: string[] = [];
      for (const v of raw) {
        if (typeof v === 'number') return unverifiable(`text value ${String(v)} is a JSON number: the index holds its source text (3.10, 1e3), which parsing lost`);
        const t = standardTokens(typeof v === 'string' ? v : String(v));
        if (!t) return unverifiable('text outside the supported analysis subset');
        for (const x of t) tokens.push(x);
      }
      return { kind: 'text', tokens, searchAnalyzer: info?.searchAnalyzer ?? an };
    }
    case 'boolean': {
      // one value, the usual case: a shared read-only answer (no arrays made per document)
      if (raw.length === 1) {
        const v = raw[0];
        if (v === true || v === 'true') return ONE_TRUE;
        if (v === false || v === 'false' || v === '') return ONE_FALSE;
      }
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
        const t = parseDateMillis(v, false, info?.format);
        if (t === undefined) return unverifiable(`date value ${String(v)}`);
        vals.push(t);
      }
      return { kind: 'date', values: vals, format: info?.format };
    }
    default: {
      if (type !== 'number' && !INTEGER_TYPES.has(type) && !FLOAT_TYPES.has(type)) return unverifiable(`field type ${type}`);
      const vals: number[] = [];
      for (const v of raw) {
        const p = parseNumeric(v, type, info);
        if (hasSkip(p)) continue;
        if (hasDoubt(p)) return unverifiable(p.doubt);
        const n = p.value;
        if (INTEGER_TYPES.has(type) && !Number.isInteger(n)) return unverifiable('decimal in an integer field');
        if (Math.abs(n) > Number.MAX_SAFE_INTEGER) return unverifiable('number beyond 2^53');
        // Float.parseFloat rounds the text once; Math.fround of the double can round a halfway value the other way
        if (floatTieIn(type, n)) return unverifiable(`${String(v)} lies halfway between two floats`);
        vals.push(type === 'float' ? Math.fround(n) : n);
      }
      return vals.length === 0 ? NONE : { kind: 'number', values: vals, numType: type };
    }
  }
}

