/**
 * The mask checks of `verifyHits`: every masked string of a hit is recomputed from the original where
 * the salt and the original are known, else checked for shape; masks checked for shape only must be
 * consistent across hits (one mask per value, one value per mask).
 */
import { applyEffectiveMask, effectiveMaskEquals, type EffectiveMask, type ParsedMaskedField } from '../fgac/masking.js';
import { UnsupportedMaskingError } from '../fgac/errors.js';
import { maskedFieldNameClashes } from '../fgac/masked-field.js';
import { nodeAt, pathMask, type MaskMemo, type Merged, type PathMask, type PathNode } from './compiled-rules.js';
import { typeInfo, valuesAt } from './dls/fields.js';
import type { AccessExpectations } from './expectations.js';
import { addFinding, addUnverifiable, type Finding, type HitReport } from './report.js';

const MEMO_SLOTS = 1024;

/** The memo slot of a value. */
function memoSlot(value: string): number {
  // the length and up to four characters from each end (values sharing a prefix, a name with a number, differ at
  // the end): a slot is only where to look, the key is compared whole, so a collision costs a recomputation
  const n = value.length;
  let h = Math.imul(n, 0x9e3779b1);
  for (let i = 0; i < 4 && i < n; i++) h = Math.imul(h ^ value.charCodeAt(i), 16777619);
  for (let i = Math.max(4, n - 4); i < n; i++) h = Math.imul(h ^ value.charCodeAt(i), 16777619);
  return (h ^ (h >>> 15)) & (MEMO_SLOTS - 1);
}


/**
 * Masks checked for shape only (salt unknown) of one masked_fields expression, recorded for the
 * cross-hit check (one mask per original value, one original value per mask), in parallel arrays.
 */
export interface ExpressionUses {
  origs: string[];
  masks: string[];
  reps: HitReport[];
  paths: string[];
}

export function recordUse(uses: Map<string, ExpressionUses>, expression: string, original: string, mask: string, rep: HitReport, path: string): void {
  let u = uses.get(expression);
  if (u === undefined) {
    u = { origs: [], masks: [], reps: [], paths: [] };
    uses.set(expression, u);
  }
  u.origs.push(original);
  u.masks.push(mask);
  u.reps.push(rep);
  u.paths.push(path);
}

/** FNV-1a over the UTF-16 code units of a string. */
function fnv1a(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The indices of equal strings, for every string that occurs more than once, in the order of first
 * occurrence (an open-addressing table of indices: one hash per string, nothing allocated per
 * distinct string).
 */
function duplicateGroups(values: readonly string[]): number[][] {
  let size = 16;
  while (size < values.length * 2) size *= 2;
  const table = new Int32Array(size).fill(-1);
  const groups = new Map<number, number[]>();
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as string;
    let slot = fnv1a(value) & (size - 1);
    for (;;) {
      const at = table[slot] as number;
      if (at === -1) {
        table[slot] = i;
        break;
      }
      if (values[at] === value) {
        const g = groups.get(at);
        if (g === undefined) groups.set(at, [at, i]);
        else g.push(i);
        break;
      }
      slot = (slot + 1) & (size - 1);
    }
  }
  return [...groups.entries()].sort((x, y) => x[0] - y[0]).map(([, g]) => g);
}

/** Masks recomputed nowhere (salt unknown) must still be consistent: one mask per value and one value per mask. */
export function crossHitFindings(uses: ReadonlyMap<string, ExpressionUses>): Finding[] {
  const out: Finding[] = [];
  for (const [expression, u] of uses) {
    const where = (g: number[]): string => g.map((i) => `${(u.reps[i] as HitReport).index}/${(u.reps[i] as HitReport).id}`).slice(0, 5).join(', ');
    const finding = (g: number[], detail: string): Finding => {
      const first = g[0] as number;
      const rep = u.reps[first] as HitReport;
      return { kind: 'inconsistent-mask', index: rep.index, id: rep.id, path: u.paths[first] as string, expression, location: '_source', detail };
    };
    for (const g of duplicateGroups(u.origs)) {
      const masks = new Set(g.map((i) => u.masks[i]));
      if (masks.size > 1) out.push(finding(g, `the same value got ${masks.size} different masks (${where(g)})`));
    }
    for (const g of duplicateGroups(u.masks)) {
      const origs = new Set(g.map((i) => u.origs[i]));
      if (origs.size > 1) out.push(finding(g, `${origs.size} different values got the same mask (${where(g)})`));
    }
  }
  return out;
}

/**
 * The masked_fields match at node `n` (null: none), or (a string) why it cannot be told: a regex the SDK declines for
 * the name, or `clash` (a name clash without a plugin version, see source-walk.ts) when entries matching it clash.
 * Every masked_fields lookup of verifyHits goes through this (or source-walk.ts maskAt), never pathMask alone.
 */
export function maskVerdict(m: Merged, n: PathNode, clash: string | undefined): PathMask | null | string {
  let pm = n.mask;
  if (pm === undefined) {
    try {
      pm = pathMask(m, n);
    } catch (error) {
      if (!(error instanceof UnsupportedMaskingError)) throw error;
      return error.message;
    }
  }
  if (clash === undefined || pm === null || maskedFieldNameClashes(pm.candidates.map((c) => c.source)).length === 0) return pm;
  return clash;
}

/** The mutable context of the mask checks of one hit. */
export interface MaskCtx { rep: HitReport; m: Merged; all: AccessExpectations; saltKnown: boolean; uses: Map<string, ExpressionUses> }

/** The memo of candidate `i` of `pm` in this verification. */
function memoOf(ctx: MaskCtx, pm: PathMask, i: number): MaskMemo {
  const c = pm.candidates[i] as ParsedMaskedField;
  let memo = ctx.m.memo.get(c.source);
  if (memo === undefined) {
    memo = { keys: new Array<string | undefined>(MEMO_SLOTS).fill(undefined), values: new Array<string | Error | undefined>(MEMO_SLOTS).fill(undefined) };
    ctx.m.memo.set(c.source, memo);
  }
  return memo;
}

/**
 * Whether `value` is the mask of `orig` under candidate `i` of `pm` (same answer as
 * `memoMask(...) === value`); a match is remembered with `value` itself as the mask, so a matching
 * default mask never becomes a new hex string.
 */
function memoMatches(ctx: MaskCtx, pm: PathMask, i: number, orig: string, value: string): boolean {
  const memo = memoOf(ctx, pm, i);
  const slot = memoSlot(orig);
  if (memo.keys[slot] === orig) return memo.values[slot] === value;
  let equal: boolean;
  try {
    equal = effectiveMaskEquals(orig, pm.effs[i] as EffectiveMask, ctx.m.salt, (pm.candidates[i] as ParsedMaskedField).source, value);
  } catch {
    equal = false;
  }
  if (!equal) return memoMask(ctx, pm, i, orig) === value;
  memo.keys[slot] = orig;
  memo.values[slot] = value;
  return true;
}

/** The mask of `orig` under candidate `i` of `pm`, computed once per verification (an Error when it cannot be computed). */
function memoMask(ctx: MaskCtx, pm: PathMask, i: number, orig: string): string | Error {
  const c = pm.candidates[i] as ParsedMaskedField;
  const memo = memoOf(ctx, pm, i);
  const slot = memoSlot(orig);
  if (memo.keys[slot] === orig) return memo.values[slot] as string | Error;
  let r: string | Error;
  try {
    r = applyEffectiveMask(orig, pm.effs[i] as EffectiveMask, ctx.m.salt, c.source);
  } catch (e) {
    r = e instanceof Error ? e : new Error(String(e));
  }
  memo.keys[slot] = orig;
  memo.values[slot] = r;
  return r;
}

/** Expected masks of `orig` under each candidate entry, memoised per run; `unknown` lists what could not be computed. */
function expectedMasks(ctx: MaskCtx, pm: PathMask, orig: string): { values: string[]; unknown: string[] } {
  const values: string[] = [];
  const unknown: string[] = [];
  for (let i = 0; i < pm.candidates.length; i++) {
    if ((pm.effs[i] as EffectiveMask).kind === 'blake2b' && !ctx.saltKnown) {
      unknown.push('salt unknown');
      continue;
    }
    const r = memoMask(ctx, pm, i, orig);
    if (typeof r === 'string') values.push(r);
    else unknown.push(r.message);
  }
  return { values, unknown };
}

function hasShape(pm: PathMask, value: string): boolean {
  return pm.shapes.some((s) => (s as (v: string) => boolean)(value));
}

/** Checks one masked string of a returned _source (`origValue`: the original at the same place, when known). */
export function checkMask(ctx: MaskCtx, pm: PathMask, path: string, value: string, origValue: unknown, note: string): void {
  const { rep, all } = ctx;
  const location = '_source';
  const expression = pm.expression;
  if (typeof origValue === 'string') {
    // Fast path: one entry whose mask can be computed, and it is the value returned.
    if (pm.candidates.length === 1 && (ctx.saltKnown || (pm.effs[0] as EffectiveMask).kind !== 'blake2b') && memoMatches(ctx, pm, 0, origValue, value)) {
      rep.masksRecomputed++;
      return;
    }
    const exp = expectedMasks(ctx, pm, origValue);
    if (exp.values.includes(value)) { rep.masksRecomputed++; return; }
    if (exp.unknown.length === 0) {
      if (value === origValue) addFinding(rep, { kind: 'unmasked', path, location, expression, detail: `value of ${path} is not masked${note}` });
      else addFinding(rep, { kind: 'wrong-mask', path, location, expression, detail: `value of ${path} differs from the expected mask` });
      return;
    }
    // Salt unknown (or not reproducible): shape + consistency.
    if (value === origValue && exp.values.every((v) => v !== origValue)) {
      addFinding(rep, { kind: 'unmasked', path, location, expression, detail: `value of ${path} is not masked${note}` });
      return;
    }
    if (pm.shapes.every((s) => s !== undefined)) {
      if (!hasShape(pm, value)) {
        addFinding(rep, { kind: 'wrong-mask', path, location, expression, detail: `value of ${path} is not shaped like a mask` });
        return;
      }
      recordUse(ctx.uses, expression, origValue, value, rep, path);
      if (all.strictMasks) addUnverifiable(rep, { aspect: 'mask', path, reason: `mask not recomputed: ${exp.unknown[0] ?? ''}` });
      else rep.masksShapeChecked++;
      return;
    }
    addUnverifiable(rep, { aspect: 'mask', path, reason: `cannot recompute the mask: ${exp.unknown[0] ?? ''}` });
    return;
  }
  // Original unknown: shape only.
  if (pm.shapes.every((s) => s !== undefined)) {
    if (!hasShape(pm, value)) {
      addFinding(rep, { kind: 'unmasked', path, location, expression, detail: `value of ${path} is not shaped like a mask (original unknown)${note}` });
      return;
    }
    if (all.strictMasks) addUnverifiable(rep, { aspect: 'mask', path, reason: 'original unknown: mask checked for shape only' });
    else rep.masksShapeChecked++;
    return;
  }
  addUnverifiable(rep, { aspect: 'mask', path, reason: 'regex mask without the original value' });
}

/** Text Lucene's lowercase filter and `toLowerCase` treat alike (per code point, no special casing): ASCII. */
const ASCII = /^[\u0000-\u007f]*$/;

/**
 * The terms a keyword normalizer makes of the string originals of `key`, whose masks its doc values hold
 * (`docvalue_fields`; the fields API instead normalizes the masked `_source` value: `lowercase` set). With the
 * mapping (`fieldTypes`): none for a field without a normalizer; `lowercase` computed for ASCII text; another
 * normalizer, or text outside ASCII, a doubt. Without the mapping the lowercase forms are tried (the built-in
 * normalizer; a mask of one is no accident), and a value they do not explain is a doubt (any normalizer may be
 * mapped: `uppercase`, `asciifolding`), never a wrong mask.
 */
function normalizedOriginals(ctx: MaskCtx, key: string, strs: string[]): { forms: string[]; lowercase?: boolean; doubt?: string } {
  const types = ctx.m.fieldTypes;
  const normalizer = types === undefined ? 'lowercase' : typeInfo(types, key)?.normalizer;
  if (normalizer === undefined) return { forms: [] };
  if (normalizer !== 'lowercase') {
    return { forms: [], doubt: `${key} has the normalizer ${JSON.stringify(normalizer).slice(0, 60)}: its doc values hold the mask of the normalized term, which the SDK does not compute` };
  }
  const forms = strs.filter((o) => ASCII.test(o) && o.toLowerCase() !== o).map((o) => o.toLowerCase());
  const outside = strs.some((o) => !ASCII.test(o) && o.toLowerCase() !== o);
  if (outside) return { forms, lowercase: true, doubt: `${key} ${types === undefined ? 'may have (no fieldTypes given) ' : 'has '}the normalizer "lowercase" and text outside ASCII, whose lower case the SDK does not compute as Lucene does` };
  // without the mapping another normalizer may have made the term whose mask the doc values hold
  return types === undefined
    ? { forms, lowercase: true, doubt: `no fieldTypes given: a keyword normalizer of ${key} other than "lowercase" may have made the term whose mask fields.${key} holds (pass fieldTypes: fieldTypesFromMapping of GET <index>)` }
    : { forms, lowercase: true };
}

/**
 * Checks one string of a hit's `fields` (or `docvalue_fields`) under a masked entry. A number or boolean
 * original is a string there: doc values hold it masked, the source-based fields API returns it as is
 * (like `_source`); a number's text is its source text, which parsing lost, so it cannot be recomputed.
 */
export function checkFieldsValue(ctx: MaskCtx, pm: PathMask, key: string, value: string, origVals: unknown[] | undefined, note = ''): void {
  const { rep, all } = ctx;
  const expression = pm.expression;
  const strs: string[] = [];
  const others: string[] = [];
  let lossy = false;
  for (const v of origVals ?? []) {
    if (typeof v === 'string') strs.push(v);
    else if (typeof v === 'boolean' || typeof v === 'number') {
      others.push(String(v));
      if (typeof v === 'number') lossy = true;
    }
  }
  if (strs.length + others.length > 0) {
    if (!strs.includes(value) && others.includes(value)) return;
    const expected = [...strs, ...others].map((o) => expectedMasks(ctx, pm, o));
    if (expected.some((e) => e.values.includes(value))) { rep.masksRecomputed++; return; }
    // a normalized keyword's doc values hold the mask of the normalized term (`lowercase`: "ABC" -> mask("abc"))
    const normalized = normalizedOriginals(ctx, key, strs);
    if (normalized.forms.some((o) => expectedMasks(ctx, pm, o).values.includes(value))) { rep.masksRecomputed++; return; }
    // ... and the fields API reads the masked `_source` and normalizes that (a regex mask "AbX" shows as "abx")
    if (normalized.lowercase && expected.some((e) => e.values.some((v) => ASCII.test(v) && v.toLowerCase() === value))) { rep.masksRecomputed++; return; }
    if (strs.includes(value) || normalized.forms.includes(value)) {
      addFinding(rep, { kind: 'unmasked', path: key, location: 'fields', expression, detail: `fields.${key} is not masked${note}` });
      return;
    }
    if (normalized.doubt !== undefined) {
      addUnverifiable(rep, { aspect: 'mask', path: key, reason: normalized.doubt });
      return;
    }
    if (!lossy && expected.every((e) => e.unknown.length === 0)) {
      addFinding(rep, { kind: 'wrong-mask', path: key, location: 'fields', expression, detail: `fields.${key} differs from the expected mask` });
      return;
    }
  }
  if (pm.shapes.every((s) => s !== undefined)) {
    if (!hasShape(pm, value)) {
      addFinding(rep, { kind: 'unmasked', path: key, location: 'fields', expression, detail: `fields.${key} is not shaped like a mask${note}` });
      return;
    }
    if (all.strictMasks) addUnverifiable(rep, { aspect: 'mask', path: key, reason: 'mask checked for shape only' });
    else rep.masksShapeChecked++;
    return;
  }
  addUnverifiable(rep, { aspect: 'mask', path: key, reason: 'regex mask in fields without the original value' });
}


/**
 * A `fields` key `<p>.<sub>` no entry covers under a masked leaf `<p>` is a multi-field of it, which the
 * plugin does not mask (seen on 2.19.4 and 3.4.0): a clear original there is unmasked, anything else unverifiable
 * (`clash`: SourceWalk.clash).
 */
export function multiFieldOfMasked(ctx: MaskCtx, key: string, vals: unknown, source: unknown, orig: unknown, clash?: string): void {
  const { rep, m } = ctx;
  for (let dot = key.lastIndexOf('.'); dot > 0; dot = key.lastIndexOf('.', dot - 1)) {
    const parent = key.slice(0, dot);
    const pm = maskVerdict(m, nodeAt(m, parent), clash);
    if (pm === null) continue;
    if (typeof pm === 'string') {
      // whether the parent is masked cannot be told (a regex declined for its name, a clash): not a pass, not a finding
      addUnverifiable(rep, { aspect: 'mask', path: key, reason: `may be a multi-field of ${parent}, whose masked_fields match is unknown: ${pm}` });
      return;
    }
    // only a leaf has multi-fields: the returned (or original) value at the parent is a string
    const leaf = (doc: unknown): boolean => doc !== undefined && valuesAt(doc, parent).some((v) => typeof v === 'string');
    if (!leaf(source) && !leaf(orig)) {
      // an object at the parent: `key` is one of its fields, judged as such; nothing known of it (`_source: false`, no original): not a pass
      const known = (doc: unknown): boolean => doc !== undefined && valuesAt(doc, parent).length > 0;
      if (!known(source) && !known(orig)) addUnverifiable(rep, { aspect: 'mask', path: key, reason: `may be a multi-field of masked ${parent}, which neither the hit's _source nor an original holds` });
      return;
    }
    const clear = orig === undefined ? [] : valuesAt(orig, parent).filter((v): v is string => typeof v === 'string');
    const list = Array.isArray(vals) ? vals : [vals];
    if (list.some((v) => typeof v === 'string' && clear.includes(v))) {
      addFinding(rep, { kind: 'unmasked', path: key, location: 'fields', expression: pm.expression, detail: `fields.${key} holds the clear value of masked ${parent} (the plugin masks ${parent} itself, not its multi-fields)` });
    } else {
      addUnverifiable(rep, { aspect: 'mask', path: key, reason: `multi-field of masked ${parent}: ${orig === undefined ? 'original unknown' : 'its indexed form is not compared'}` });
    }
    return;
  }
}
