/** The query values a field's type can read: what the node refuses to build (the whole search then fails) before any document is read. */
import { JsonNumber, type StrictJson } from '../../fgac/json.js';
import { DEFAULT_DATE_FORMATS, parseDateMillis } from './analysis.js';
import { FLOAT_TYPES, INTEGER_TYPES, typeInfo, valuesAt, type Indexed } from './fields.js';
import { parseNumeric } from './numbers.js';
import { readFlag, scalarString, type Q } from './params.js';
import { SearchMayFailError, searchFails } from './results.js';
import type { DlsResult, EvalContext } from './types.js';
import { hasNumber, hasResult } from '../prototype-check.js';

/** The mapping info of a field, through an alias. */
export function resolvedInfo(field: string, ctx: EvalContext): ReturnType<typeof typeInfo> {
  const info = typeInfo(ctx.opts.fieldTypes, field);
  return info?.type === 'alias' && info.aliasPath !== undefined ? typeInfo(ctx.opts.fieldTypes, info.aliasPath) : info;
}

/** What the mapping makes of a field's query values: numbers of a type, dates of a format, booleans (else undefined). */
export type ValueKind = { kind: 'number'; type: string } | { kind: 'date'; format: string | undefined } | { kind: 'boolean' } | undefined;

/** What the mapping (`ctx.opts.fieldTypes`, through an alias) makes of a field's query values; undefined when it checks none. */
export function valueKind(field: string, ctx: EvalContext): ValueKind {
  const info = resolvedInfo(field, ctx);
  const t = info?.type;
  if (t === undefined) return undefined;
  if (INTEGER_TYPES.has(t) || FLOAT_TYPES.has(t)) return { kind: 'number', type: t };
  if (t === 'date') return { kind: 'date', format: info?.format };
  return t === 'boolean' ? { kind: 'boolean' } : undefined;
}

/**
 * Throws (SearchMayFailError) when the node may refuse to build the query from `v` for the field's type: the
 * whole search then fails, whatever the document or the other clauses hold (a long given " 5", an integer
 * given 2147483648, a date given text it cannot parse or a decimal number, a boolean given "yes").
 */
export function checkQueryValue(vk: ValueKind, v: StrictJson | undefined, field: string): void {
  if (vk === undefined || v === undefined || v === null) return;
  const shown = (): string => JSON.stringify(scalarString(v) ?? typeof v).slice(0, 60);
  if (vk.kind === 'boolean') {
    if (v !== true && v !== false && v !== 'true' && v !== 'false') searchFails(`${shown()} is not a boolean for ${field}`);
    return;
  }
  if (!(v instanceof JsonNumber) && typeof v !== 'string') searchFails(`${shown()} is not a ${vk.kind === 'number' ? vk.type : 'date'} for ${field}`);
  const text = v instanceof JsonNumber ? v.raw : v;
  if (vk.kind === 'number') {
    // byte and short read a query value as an integer (measured, 2.19.4: a byte given 300 matches nothing, 3e9 fails)
    const t = vk.type === 'byte' || vk.type === 'short' ? 'integer' : vk.type;
    if (!hasNumber(parseNumeric(text, t, { type: t }))) searchFails(`${shown()} is not a ${vk.type} to the node (${field})`);
    return;
  }
  if (vk.format !== undefined && !DEFAULT_DATE_FORMATS.has(vk.format)) searchFails(`${field} has date format ${vk.format}`);
  const math = dateMath(text);
  if (math === null) searchFails(`date math ${shown()} the node cannot read (${field})`);
  if (math !== undefined) {
    // measured, 2.19.4: a DLS query has no current time ("could not read the current timestamp", the search fails)
    if (math.date === undefined) searchFails(`date math ${shown()} from now, which the node cannot read in a DLS query (${field})`);
    // `<date>||...` reads its date with the field's format
    if (parseDateMillis(math.date, false, vk.format) === undefined) searchFails(`${shown()} is not a date of ${field} read here`);
    return;
  }
  if (v instanceof JsonNumber && !/^-?\d+$/.test(text)) searchFails(`${shown()} reaches the node as a Java double (2020e0 as "2020.0": epoch milliseconds, not a year; 1e12 as "1.0E12": no date) for ${field}`);
  if (parseDateMillis(v instanceof JsonNumber ? v.value : text, false, vk.format) === undefined) searchFails(`${shown()} is not a date of ${field} read here`);
}

/**
 * A date-math expression as OpenSearch's JavaDateMathParser reads it: `now` or `<date>||`, then any number of `+N`/`-N`
 * units (N optional, an int) and `/unit` roundings (of one unit), units y M w d h H m s. Undefined when `text` is no
 * date math, null when the node refuses it (`now-30x`, `now/2d`, `now-`, `now||+1d`), else the date before `||`.
 */
export function dateMath(text: string): { date: string | undefined } | null | undefined {
  let date: string | undefined;
  let i: number;
  if (text.startsWith('now')) i = 3;
  else {
    const at = text.indexOf('||');
    if (at < 0) return undefined;
    date = text.slice(0, at);
    i = at + 2;
  }
  const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
  while (i < text.length) {
    const op = text[i++];
    if (op !== '/' && op !== '+' && op !== '-') return null;
    let j = i;
    while (isDigit(text[j])) j++;
    if (j >= text.length) return null;
    // Integer.parseInt of the digits (1 when there are none); a rounding takes one unit only
    const n = j > i ? Number(text.slice(i, j)) : 1;
    if (n > 2147483647 || (op === '/' && n !== 1)) return null;
    if (!'yMwdhHms'.includes(text[j] as string)) return null;
    i = j + 1;
  }
  return { date };
}

/** The query-side numeric types a field of unknown mapping may have (byte and short read queries as integer; half_float, scaled_float, unsigned_long are not read here). */
const NUMERIC_TYPES = ['integer', 'long', 'float', 'double'] as const;
/** One shared kind per type, date and boolean: the per-clause memo is keyed by them. */
const NUMBER_KINDS: ReadonlyMap<string, ValueKind> = new Map(NUMERIC_TYPES.map((t) => [t, Object.freeze({ kind: 'number', type: t } as const)]));
const DATE_KIND: ValueKind = Object.freeze({ kind: 'date', format: undefined });
const BOOLEAN_KIND: ValueKind = Object.freeze({ kind: 'boolean' } as const);

/** The numeric types that hold every one of the document's values (numbers, or strings the node reads as numbers). */
function holdingTypes(numbers: readonly number[], strings: readonly string[]): string[] {
  let types: string[] = [...NUMERIC_TYPES];
  const holds = (v: number | string, t: string): boolean => hasNumber(parseNumeric(v, t, { type: t }));
  if (numbers.length > 0) {
    // range checks are monotone: the least and greatest value decide (one pass, four parses)
    let lo = numbers[0] as number;
    let hi = lo;
    for (const v of numbers) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    types = types.filter((t) => holds(lo, t) && holds(hi, t));
  }
  for (const v of strings) {
    if (types.length === 0) break;
    types = types.filter((t) => holds(v, t));
  }
  return types;
}

/** Per clause body, the outcome (null: none refused, else why) of its values against each kind: they read no document. */
const unmappedVerdicts = new WeakMap<object, Map<ValueKind, string | null>>();

/**
 * Without a mapping the document's values tell what type the field may have: a boolean; any numeric type that holds
 * every numeric value (integer, long, float, double: the conservative reading, a value any of them refuses is a doubt,
 * so `{"term":{"n":3000000000}}` beside a document's 5 is one, as an integer field refuses it); a date for a string
 * that reads as one (other strings are keyword or text, which read any value). A query value such a type refuses, a
 * prefix or wildcard on it, or an object there may make the node refuse the query: `ctx.doubt` says so. `body` is the
 * clause's (stable) body, which holds `values` and `params`: the verdict per kind is kept for it.
 */
export function unmappedDoubt(type: string, ix: Indexed | DlsResult, field: string, body: object, values: readonly (StrictJson | undefined)[], params: Q, ctx: EvalContext): void {
  if (ctx.opts.fieldTypes !== undefined || ctx.doubt !== undefined) return;
  const kinds = new Set<ValueKind>();
  if (!hasResult(ix)) {
    if (ix.kind === 'boolean') kinds.add(BOOLEAN_KIND);
    else if (ix.kind === 'number') {
      const types = ix.numType !== 'number' ? [ix.numType] : holdingTypes(ix.values, []);
      // (a mapped type, byte and short included, reads queries as one of the four: shared kinds only, the memo stays small)
      for (const t of types) kinds.add(NUMBER_KINDS.get(t === 'byte' || t === 'short' ? 'integer' : t) ?? NUMBER_KINDS.get('double') as ValueKind);
    }
  } else {
    const numeric: string[] = [];
    for (const v of valuesAt(ctx.doc, field)) {
      if (typeof v === 'object' && v !== null) { ctx.doubt = `no mapping gives the type of ${field}, which holds an object`; return; }
      if (typeof v !== 'string') continue;
      if (v.trim() !== '' && Number.isFinite(Number(v))) numeric.push(v);
      else if (!kinds.has(DATE_KIND) && parseDateMillis(v, false, undefined) !== undefined) kinds.add(DATE_KIND);
    }
    if (numeric.length > 0) for (const t of holdingTypes([], numeric)) kinds.add(NUMBER_KINDS.get(t) as ValueKind);
  }
  let byKind = unmappedVerdicts.get(body);
  for (const vk of kinds) {
    let outcome = byKind?.get(vk);
    if (outcome === undefined) {
      outcome = null;
      try {
        if (type === 'prefix' || type === 'wildcard') searchFails(`${type} on ${field}, a ${vk?.kind ?? ''} in the document`);
        if (type === 'range') for (const k of ['gt', 'gte', 'lt', 'lte', 'from', 'to']) checkQueryValue(vk, params[k], field);
        else if (type !== 'match' || readFlag(params.lenient, false) !== true) for (const v of values) checkQueryValue(vk, v, field);
      } catch (error) {
        if (!(error instanceof SearchMayFailError)) throw error;
        outcome = `${error.message}, typed from the document without a mapping`;
      }
      if (byKind === undefined) unmappedVerdicts.set(body, (byKind = new Map()));
      byKind.set(vk, outcome);
    }
    if (outcome !== null) {
      ctx.doubt = outcome;
      return;
    }
  }
}
