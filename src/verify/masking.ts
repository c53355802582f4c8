/**
 * Applies masked_fields to documents the way the plugin does, on the mask computation of
 * `fgac/masking.ts` and the field patterns of `fgac/field-patterns.ts`.
 */
import { isOptionsObject } from '../client/options-check.js';
import { setOwn } from '../errors/redact.js';
import { compileFieldPattern, normalizeFieldName } from '../fgac/field-patterns.js';
import { MAX_NESTING_DEPTH, NestingTooDeepError } from '../fgac/json.js';
import { maskValue, parseMaskedField, pluginMajor, type MaskingOptions, type ParsedMaskedField } from '../fgac/masking.js';
import { MaskingExpressionError, UnsupportedMaskingError } from '../fgac/errors.js';
import { maskedFieldClashVerdict } from '../fgac/masked-field.js';
import { pluginMajorVersion } from '../fgac/plugin-version.js';
import { javaMaskedFieldSetPicker } from '../fgac/java-hashset-order.js';
import { ArgumentTypeError, inputFailure } from '../fgac/argument-error.js';
import { opt } from '../errors/own.js';


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

/** masked_fields entries as maskDocument takes them: one list, or one list per role (index permission). */
export type MaskedFieldLists = readonly string[] | readonly (readonly string[])[];

/**
 * Applies masked_fields to a `_source` document the way the plugin does: only string values are
 * masked (numbers, booleans and null pass), strings directly inside arrays are masked, nested
 * objects match on dotted paths; 3.x also masks strings inside arrays of objects, 2.x does not.
 * When several entries match a field: with a 1.x/2.x `pluginVersion` the plugin takes the first in Java
 * HashSet order of all entries (two entries naming the same field throw MaskingExpressionError: the plugin
 * fails every search then); with a 3.x one the first within a list, and when lists (roles) disagree the
 * plugin's order of the roles decides; without a version the first in order, except that two entries naming
 * one field (2.x fails, 3.x takes the first) throw MaskingExpressionError (maskedFieldClashVerdict: cannot be
 * predicted). A choice the plugin does not fix throws MaskingExpressionError when the candidates' masks differ.
 */
export function maskDocument<T>(source: T, expressions: MaskedFieldLists, opts: MaskingOptions = {}): T {
  try {
    return maskDocumentOf<T>(source, expressions, opts);
  } catch (error) {
    throw inputFailure('maskDocument', error);
  }
}

function maskDocumentOf<T>(source: T, expressions: MaskedFieldLists, opts: MaskingOptions = {}): T {
  if (!isOptionsObject(opts as unknown)) throw new ArgumentTypeError('maskDocument: options must be an object');
  const lists = asLists(expressions);
  const all = lists.flat();
  const named = pluginMajorVersion(opt(opts, 'pluginVersion'));
  // two different entries for one field: 2.x fails every search (so does this), unknown version: undecided
  const clash = maskedFieldClashVerdict(all, opt(opts, 'pluginVersion'));
  if (clash !== undefined) throw new MaskingExpressionError(clash.message, clash.entry);
  const pick = maskPicker(lists, named, opts);
  const v3 = pluginMajor(opts) >= 3;
  const maskAt = (path: string, s: string): string => {
    const winners = pick(path);
    const first = winners[0];
    if (first === undefined) return s;
    const masked = maskValue(s, { ...opts, expression: first });
    for (const other of winners.slice(1)) {
      if (maskValue(s, { ...opts, expression: other }) !== masked) {
        throw new MaskingExpressionError(`masked_fields entries ${winners.map((w) => `'${w}'`).join(', ')} all match field '${path}' and the plugin's choice between them is not fixed (${named !== undefined && named < 3 ? 'same Java HashSet bucket' : "order of the user's roles"}): its masked value cannot be predicted`, other);
      }
    }
    return masked;
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

/** The expressions as lists (one per role); throws TypeError on anything else. */
function asLists(expressions: MaskedFieldLists): readonly (readonly string[])[] {
  const bad = (): never => {
    throw new ArgumentTypeError('maskDocument: expressions must be a list of masked_fields entries (strings), or one such list per role');
  };
  if (!Array.isArray(expressions)) bad();
  const items = expressions as readonly unknown[];
  if (items.every((e) => typeof e === 'string')) return [items as readonly string[]];
  if (items.every((l) => Array.isArray(l) && l.every((e) => typeof e === 'string'))) return items as readonly (readonly string[])[];
  return bad();
}

/**
 * The entries the plugin may mask a path with: one when its choice is fixed, several when it is not.
 * 2.x unions every role's entries into one HashSet<String> (ConfigModelV7), copies it into a new
 * HashSet (SecurityFlsDlsIndexSearcherWrapper) and takes the first match in its iteration order
 * (DlsFlsFilterLeafReader.MaskedFieldsMap); within a bucket the order of insertion decides, fixed only
 * as far as javaMaskedFieldSetPicker says. 3.x takes the first match of the first role that has one
 * (FieldMasking.MultiRole), in an order of the roles that is not stable. maskDocument and verifyHits
 * (compiled-rules.ts pathMask) both ask this picker, so a prediction and a verdict never pick differently.
 */
export function maskPicker(lists: readonly (readonly string[])[], named: number | undefined, opts: MaskingOptions): (path: string) => string[] {
  if (named === undefined) {
    const one = compileMaskedFields(lists.flat(), opts);
    return (path) => one.match(path).slice(0, 1).map((m) => m.source);
  }
  if (named >= 3) {
    const sets = lists.map((l) => compileMaskedFields(l, opts));
    return (path) => [...new Set(sets.map((s) => s.match(path)[0]?.source).filter((s): s is string => s !== undefined))];
  }
  const one = compileMaskedFields([...new Set(lists.flat())], opts);
  const first = javaMaskedFieldSetPicker(lists);
  return (path) => first(one.match(path).map((m) => m.source));
}

/**
 * compileMaskedFields and (with a plugin version `named`) maskPicker for verifyHits' compiled rules: a field pattern the
 * SDK declines as a whole (UnsupportedMaskingError) leaves every path's match unknown (`match` throws it, read through
 * mask-checks.ts maskVerdict), never the verification.
 */
export function maskRulesOf(lists: readonly (readonly string[])[], named: number | undefined, opts: MaskingOptions): { masks: MaskedFieldSet; pick: ((path: string) => string[]) | undefined } {
  try {
    return { masks: compileMaskedFields(lists.flat(), opts), pick: named === undefined || lists.length === 0 ? undefined : maskPicker(lists, named, opts) };
  } catch (error) {
    if (!(error instanceof UnsupportedMaskingError)) throw error;
    const match = (): never => {
      throw error;
    };
    return { masks: { match }, pick: undefined };
  }
}
