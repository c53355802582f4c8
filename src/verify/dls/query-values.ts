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
    if (!hasNumber(parseNumeric(text, vk.type, { type: vk.type }))) searchFails(`${shown()} is not a ${vk.type} to the node (${field})`);
    return;
  }
  if (vk.format !== undefined && !DEFAULT_DATE_FORMATS.has(vk.format)) searchFails(`${field} has date format ${vk.format}`);
  if (/now|\|\|/.test(text)) searchFails(`date math ${shown()} for ${field}`);
  if (v instanceof JsonNumber && !/^-?\d+$/.test(text)) searchFails(`${shown()} reaches the node as a Java double (2020e0 as "2020.0": epoch milliseconds, not a year; 1e12 as "1.0E12": no date) for ${field}`);
  if (parseDateMillis(v instanceof JsonNumber ? v.value : text, false, vk.format) === undefined) searchFails(`${shown()} is not a date of ${field} read here`);
}

/**
 * Without a mapping the document's values are the field's type: a number, a boolean, or a string that reads as a
 * number or a date (the mapping may be numeric or a date; other strings are keyword or text, which read any value).
 * A query value that type refuses, a prefix or wildcard on it, or an object there may make the node refuse the query.
 */
export function unmappedDoubt(type: string, ix: Indexed | DlsResult, field: string, values: readonly (StrictJson | undefined)[], params: Q, ctx: EvalContext): void {
  if (ctx.opts.fieldTypes !== undefined || ctx.doubt !== undefined) return;
  const kinds: ValueKind[] = [];
  if (!hasResult(ix)) {
    if (ix.kind === 'boolean') kinds.push({ kind: 'boolean' });
    else if (ix.kind === 'number') kinds.push({ kind: 'number', type: ix.numType !== 'number' ? ix.numType : !ix.values.every((v) => Number.isInteger(v)) ? 'double' : ix.values.every((v) => Math.abs(v) < 2 ** 31) ? 'integer' : 'long' });
  } else {
    for (const v of valuesAt(ctx.doc, field)) {
      if (typeof v === 'object' && v !== null) { ctx.doubt = `no mapping gives the type of ${field}, which holds an object`; return; }
      if (typeof v !== 'string') continue;
      if (v.trim() !== '' && Number.isFinite(Number(v))) kinds.push({ kind: 'number', type: 'double' });
      else if (parseDateMillis(v, false, undefined) !== undefined) kinds.push({ kind: 'date', format: undefined });
    }
  }
  try {
    for (const vk of kinds) {
      if (type === 'prefix' || type === 'wildcard') searchFails(`${type} on ${field}, a ${vk?.kind ?? ''} in the document`);
      if (type === 'range') for (const k of ['gt', 'gte', 'lt', 'lte', 'from', 'to']) checkQueryValue(vk, params[k], field);
      else if (type !== 'match' || readFlag(params.lenient, false) !== true) for (const v of values) checkQueryValue(vk, v, field);
    }
  } catch (error) {
    if (!(error instanceof SearchMayFailError)) throw error;
    ctx.doubt = `${error.message}, typed from the document without a mapping`;
  }
}
