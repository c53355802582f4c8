/**
 * Applies masked_fields to documents the way the plugin does, on the mask computation of
 * `fgac/masking.ts` and the field patterns of `fgac/field-patterns.ts`.
 */
import { setOwn } from '../errors/redact.js';
import { compileFieldPattern, normalizeFieldName } from '../fgac/field-patterns.js';
import { MAX_NESTING_DEPTH, NestingTooDeepError } from '../fgac/json.js';
import { maskValue, parseMaskedField, pluginMajor, type MaskingOptions, type ParsedMaskedField } from '../fgac/masking.js';
import { MaskingExpressionError } from '../fgac/errors.js';
import { maskedFieldClashMessage, maskedFieldNameClashes } from '../fgac/masked-field.js';
import { pluginMajorVersion } from '../fgac/plugin-version.js';


/** A set of masked_fields entries compiled for field lookup. */
export interface MaskedFieldSet {
  /** Every entry whose field pattern matches the (normalised) path, in order. */
  match(path: string): ParsedMaskedField[];
}

/** Compiles masked_fields entries (of one or several roles, in order) for lookups by field path. */
export function compileMaskedFields(expressions: readonly string[], opts: MaskingOptions = {}): MaskedFieldSet {
  const entries = expressions.map((e) => {
    const parsed = parseMaskedField(e, opts);
    return { parsed, matcher: compileFieldPattern(parsed.field) };
  });
  return {
    match(path: string): ParsedMaskedField[] {
      const n = normalizeFieldName(path);
      return entries.filter((e) => e.matcher(n)).map((e) => e.parsed);
    },
  };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * Applies masked_fields to a `_source` document the way the plugin does: only string values are
 * masked (numbers, booleans and null pass), strings directly inside arrays are masked, nested
 * objects match on dotted paths; 3.x also masks strings inside arrays of objects, 2.x does not.
 * When several entries match a field, the first one wins; with a 1.x/2.x `pluginVersion`, two different
 * entries naming the same field throw MaskingExpressionError (the plugin fails every search then).
 */
export function maskDocument<T>(source: T, expressions: readonly string[], opts: MaskingOptions = {}): T {
  if (!Array.isArray(expressions) || !expressions.every((e) => typeof e === 'string')) throw new TypeError('maskDocument: expressions must be a list of masked_fields entries (strings)');
  const set = compileMaskedFields(expressions, opts);
  // a 2.x version named: two different entries for one field fail the search there, so they fail here too
  const named = pluginMajorVersion(opts.pluginVersion);
  const clash = named !== undefined && named < 3 ? maskedFieldNameClashes(expressions, 'v2')[0] : undefined;
  if (clash !== undefined) throw new MaskingExpressionError(maskedFieldClashMessage(clash), clash.entries[1] as string);
  const v3 = pluginMajor(opts) >= 3;
  const maskAt = (path: string, s: string): string => {
    const m = set.match(path)[0];
    return m ? maskValue(s, { ...opts, expression: m.source }) : s;
  };
  const visit = (value: Json, path: string, inArray: boolean, depth: number): Json => {
    if (typeof value === 'string') return maskAt(path, value);
    if (value === null || typeof value !== 'object') return value;
    if (depth >= MAX_NESTING_DEPTH) throw new NestingTooDeepError('the document');
    if (Array.isArray(value)) {
      if (!v3 && inArray) return value;
      return value.map((v) => (!v3 && (Array.isArray(v) || (v !== null && typeof v === 'object')) ? v : visit(v, path, true, depth + 1)));
    }
    const out: { [k: string]: Json } = {};
    // setOwn: a field named `__proto__` stays a field of the copy.
    for (const [k, v] of Object.entries(value)) setOwn(out, k, visit(v, path ? `${path}.${k}` : k, false, depth + 1));
    return out;
  };
  return visit(source as Json, '', false, 0) as T;
}
