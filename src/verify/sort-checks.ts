/**
 * The `sort` values of a hit, which carry field values the `_source` and `fields` checks never see: a
 * sort on a multi-field of a masked field (`t.raw`, `when.d` as a date, `n.l` as a long) returns what that
 * multi-field indexed from the clear value (seen on 2.19.4 and 3.4.0), and the request's sort keys are not
 * in the answer, so a value is tied to fields by what it equals.
 */
import { UnsupportedMaskingError } from '../fgac/errors.js';
import { isVisible, nodeAt, type Merged, type PathNode } from './compiled-rules.js';
import { parseDateMillis } from './dls/analysis.js';
import { FLOAT_TYPES, INTEGER_TYPES, typeInfo, valuesAt } from './dls/fields.js';
import { parseNumeric } from './dls/numbers.js';
import type { FieldTypeInfo, FieldTypes } from './dls/types.js';
import { fieldPaths } from './fls.js';
import { maskVerdict, type MaskCtx } from './mask-checks.js';
import { addFinding, addUnverifiable } from './report.js';
import { hasDoubt, hasSkip } from './prototype-check.js';

type Scalar = string | number | boolean;

const isScalar = (v: unknown): v is Scalar => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** Date formats parseDateMillis reads; a multi-field with any other is a date the SDK cannot compute. */
const READ_DATE_FORMATS = new Set(['strict_date_optional_time', 'date_optional_time', 'epoch_millis']);

/** The sort values a scalar of a document can come back as: itself, and for a string its number or (default format, UTC) date reading. */
function sortForms(v: Scalar): Scalar[] {
  if (typeof v === 'boolean') return [v, v ? 1 : 0];
  if (typeof v === 'number') return [v];
  const forms: Scalar[] = [v];
  const n = v.trim() === '' ? Number.NaN : Number(v);
  if (Number.isFinite(n)) forms.push(n);
  const t = parseDateMillis(v);
  if (t !== undefined) forms.push(t);
  return forms;
}

/**
 * The sort value a `float` field shows for `v`: the float's shortest decimal (Java's Float.toString, JDK 19+), read
 * back as a double (measured, 2.19.4: "5.70000001" in a float multi-field sorts as 5.7, not 5.699999809265137).
 */
function floatSortValue(v: number): number {
  const f = Math.fround(v);
  if (!Number.isFinite(f) || f === 0) return f;
  for (let p = 1; p <= 9; p++) {
    const n = Number(f.toPrecision(p));
    if (Math.fround(n) === f) return n;
  }
  return f;
}

/** Field path -> the paths of its multi-fields, per field types table. */
const multiFieldCache = new WeakMap<object, Map<string, string[]>>();

function multiFieldsOf(types: FieldTypes, path: string): readonly string[] {
  let byField = multiFieldCache.get(types);
  if (byField === undefined) {
    byField = new Map();
    for (const key of Object.keys(types)) {
      const src = typeInfo(types, key)?.sourceField;
      if (src !== undefined) byField.set(src, [...(byField.get(src) ?? []), key]);
    }
    multiFieldCache.set(types, byField);
  }
  return byField.get(path) ?? [];
}

/** What a multi-field sorts by for value `v`: its values, or why the SDK cannot compute them. */
function multiFieldForms(info: FieldTypeInfo, v: Scalar): { forms: Scalar[] } | { doubt: string } {
  const { type } = info;
  if (type === 'date') {
    const format = info.format ?? 'strict_date_optional_time||epoch_millis';
    if (format.split('||').some((f) => !READ_DATE_FORMATS.has(f))) return { doubt: `a date multi-field with format ${JSON.stringify(format).slice(0, 60)}, which the SDK does not read` };
    const t = parseDateMillis(v, false, format);
    return { forms: t === undefined ? [] : [t] };
  }
  if (INTEGER_TYPES.has(type) || FLOAT_TYPES.has(type)) {
    const p = parseNumeric(v, type, info);
    if (hasDoubt(p)) return { doubt: p.doubt };
    if (hasSkip(p)) return { forms: [] };
    // integer types truncate a decimal (coerce); a float sorts by its single-precision value
    return { forms: INTEGER_TYPES.has(type) ? [Math.trunc(p.value)] : type === 'float' ? [p.value, Math.fround(p.value), floatSortValue(p.value)] : [p.value] };
  }
  if (type === 'keyword' && info.normalizer === undefined) return { forms: [v] };
  // text cannot be sorted on (no doc values)
  if (type === 'text' || type === 'match_only_text') return { forms: [] };
  return { doubt: `a ${type}${info.normalizer !== undefined ? ' (normalized)' : ''} multi-field, whose sort value the SDK does not compute` };
}

/**
 * The sort forms of the clear value `v` of masked `path`: the value itself (the node sorts the field itself
 * by its mask, a masked date not at all) and what its multi-fields index from it per the mapping; without the
 * mapping its number (integer multi-fields truncate, float ones round to single precision) and default-format date readings, the forms any numeric
 * or default date multi-field sorts by (a custom date format is not guessed). `doubt` when a form cannot be
 * computed.
 */
function maskedForms(m: Merged, path: string, v: string): { forms: Scalar[]; doubt?: string } {
  if (m.fieldTypes === undefined) {
    const forms = sortForms(v);
    // every numeric multi-field's reading: integer types truncate, a float sorts by its single-precision value
    const decimals = forms.filter((f): f is number => typeof f === 'number' && !Number.isInteger(f));
    forms.push(...decimals.map(Math.trunc), ...decimals.map(floatSortValue).filter((f, i) => f !== decimals[i]));
    return { forms };
  }
  if (typeInfo(m.fieldTypes, path) === undefined) return { forms: sortForms(v), doubt: `masked ${path} is not in the mapping given (fieldTypes): its multi-fields are unknown` };
  const forms: Scalar[] = [v];
  let doubt: string | undefined;
  for (const sub of multiFieldsOf(m.fieldTypes, path)) {
    const info = typeInfo(m.fieldTypes, sub);
    if (info === undefined) continue;
    const r = multiFieldForms(info, v);
    if (hasDoubt(r)) doubt ??= `${sub} is ${r.doubt}`;
    else forms.push(...r.forms);
  }
  return doubt === undefined ? { forms } : { forms, doubt };
}

const numericSortCache = new WeakMap<Merged, boolean>();

/** Whether the mapping gives a masked field a multi-field that may sort by a number (original unknown). */
function maskedNumericSort(m: Merged): boolean {
  if (m.fieldTypes === undefined) return false;
  let r = numericSortCache.get(m);
  if (r !== undefined) return r;
  r = false;
  for (const key of Object.keys(m.fieldTypes)) {
    const info = typeInfo(m.fieldTypes, key);
    if (info?.sourceField === undefined || info.type === 'keyword' || info.type === 'text' || info.type === 'match_only_text') continue;
    // a field whose match cannot be told (a regex declined for its name) may be masked too
    if (maskVerdict(m, nodeAt(m, info.sourceField), undefined) !== null) { r = true; break; }
  }
  numericSortCache.set(m, r);
  return r;
}

/** Every scalar of `doc` with its leaf path (arrays flattened). */
function leaves(doc: unknown): Array<[string, Scalar]> {
  const out: Array<[string, Scalar]> = [];
  if (doc === null || typeof doc !== 'object') return out;
  for (const f of fieldPaths(doc)) if (f.kind === 'leaf') for (const v of valuesAt(doc, f.path)) if (isScalar(v)) out.push([f.path, v]);
  return out;
}

/** The scalars of what the hit shows (`_source`, `fields`, its `_id`), in their sort forms. */
function shownForms(source: unknown, fields: Record<string, unknown> | undefined, id: string | undefined): Set<Scalar> {
  const shown = new Set<Scalar>();
  if (id !== undefined) shown.add(id);
  for (const [, v] of leaves(source)) for (const f of sortForms(v)) shown.add(f);
  for (const vals of Object.values(fields ?? {})) for (const v of Array.isArray(vals) ? vals : [vals]) if (isScalar(v)) for (const f of sortForms(v)) shown.add(f);
  return shown;
}

/** Whether FLS shows the leaf `n`, or (a string) why that cannot be told: the error for a field the rules cannot judge. */
function flsVerdict(m: Merged, n: PathNode): boolean | string {
  try {
    return isVisible(m, n, 'leaf');
  } catch (error) {
    if (!(error instanceof UnsupportedMaskingError)) throw error;
    return error.message;
  }
}

/**
 * Checks a hit's `sort` values when FLS or masks apply: a value the hit shows elsewhere (`_source`, `fields`,
 * its unmasked `_id`, its `_score` unless a hidden or masked value equals it too) reveals nothing; with the original, one only a hidden or masked field holds, in any form
 * the node sorts it by (for a masked field: the forms of its multi-fields, dates in epoch ms as the node
 * parses them), is a finding (fls-leak / unmasked, location `sort`), one a visible field holds passes;
 * anything else that could come from such a field is unverifiable. Under masks alone a number is such a value
 * only when the mapping (`fieldTypes`) gives a masked field a multi-field that may sort by a number, or with
 * the original when a masked field's multi-field it cannot compute may hold it; a `_doc`/`_shard_doc` value
 * is a non-negative integer the hit does not tell apart from such a multi-field's value. A value of a field whose FLS
 * verdict or mask the rules cannot give (`clash`: SourceWalk.clash, a regex declined for the name) is unverifiable.
 */
export function checkSortValues(ctx: MaskCtx, fls: boolean, masks: boolean, sort: readonly unknown[], source: unknown, fields: Record<string, unknown> | undefined, orig: unknown, id?: string, score?: unknown, clash?: string): void {
  const { rep, m } = ctx;
  // (called only when FLS or masks apply) masks change strings, but a masked string's numeric or date
  // multi-field sorts by a number; FLS hides values of every type
  const relevant = sort.filter((v): v is Scalar => typeof v === 'string' || typeof v === 'number' || (typeof v === 'boolean' && fls));
  // a sort returns scalars or null: anything else (an object, a BigInt of a hand-built hit) is not tied to a field
  const odd = sort.findIndex((v) => v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean');
  if (odd !== -1) addUnverifiable(rep, { aspect: fls ? 'fls' : 'mask', reason: `hit.sort[${odd}] is not a value a sort returns (a ${typeof sort[odd]}): it is not judged` });
  if (relevant.length === 0) return;
  const shown = shownForms(source, fields, id);
  // `undecided`: a field whose FLS verdict or mask the rules cannot give (`aspect`, `reason`: which, and why)
  let clear: Map<Scalar, { path: string; how: 'hidden' | 'masked' | 'undecided'; expression?: string; aspect?: 'fls' | 'mask'; reason?: string }> | undefined;
  let open: Set<Scalar> | undefined;
  let maskDoubt: string | undefined;
  if (orig !== undefined) {
    clear = new Map();
    open = new Set();
    for (const [path, v] of leaves(orig)) {
      const node = nodeAt(m, path);
      const verdict = fls ? flsVerdict(m, node) : true;
      const hidden = verdict === false;
      const found = !hidden && masks && typeof v === 'string' ? maskVerdict(m, node, clash) : null;
      // a mask that cannot be told: the value's own forms (a clash, a name the SDK declines) are doubts, as in _source
      const pm = typeof found === 'string' ? null : found;
      let forms: Scalar[];
      if ((pm || typeof found === 'string') && typeof v === 'string') {
        const r = maskedForms(m, path, v);
        forms = r.forms;
        maskDoubt ??= r.doubt;
      } else {
        forms = sortForms(v);
      }
      for (const f of forms) {
        // a certain verdict wins over an unknown one for the same value
        if (typeof verdict === 'string') { if (!clear.has(f)) clear.set(f, { path, how: 'undecided', aspect: 'fls', reason: verdict }); }
        else if (typeof found === 'string') { if (!clear.has(f)) clear.set(f, { path, how: 'undecided', aspect: 'mask', reason: found }); }
        else if (hidden) { if (clear.get(f)?.how !== 'hidden' && clear.get(f)?.how !== 'masked') clear.set(f, { path, how: 'hidden' }); }
        else if (pm) { if (clear.get(f)?.how !== 'hidden' && clear.get(f)?.how !== 'masked') clear.set(f, { path, how: 'masked', expression: pm.expression }); }
        else open.add(f);
      }
    }
  }
  const numbersFromMasks = masks && orig === undefined && maskedNumericSort(m);
  relevant.forEach((v, i) => {
    if (typeof v !== 'string' && !fls && !numbersFromMasks && orig === undefined) return;
    if (shown.has(v) || open?.has(v)) return;
    const at = clear?.get(v);
    // a sort on `_score` returns the hit's own `_score` (2.19.4, 3.4.0); equal to a clear form too, it is either
    if (v === score) {
      if (at !== undefined) addUnverifiable(rep, { aspect: at.aspect ?? (at.how === 'masked' ? 'mask' : 'fls'), path: at.path, reason: `hit.sort value ${JSON.stringify(v).slice(0, 60)} (sort[${i}]) is the hit's _score and also a value of ${at.how} ${at.path}: which was sorted is unknown` });
      return;
    }
    if (at?.how === 'undecided') {
      addUnverifiable(rep, { aspect: at.aspect ?? 'fls', path: at.path, reason: `hit.sort value ${JSON.stringify(v).slice(0, 60)} (sort[${i}]) is a value of ${at.path}, whose ${at.aspect === 'mask' ? 'mask' : 'FLS verdict'} is unknown: ${at.reason ?? ''}` });
    } else if (at?.how === 'hidden') {
      addFinding(rep, { kind: 'fls-leak', path: at.path, location: 'sort', detail: `hit.sort (sort[${i}]) holds the value of ${at.path}, which FLS (${m.fls.patterns.join(', ')}) hides (a sort on it or on one of its multi-fields)` });
    } else if (at?.how === 'masked') {
      addFinding(rep, { kind: 'unmasked', path: at.path, location: 'sort', ...(at.expression !== undefined ? { expression: at.expression } : {}), detail: `hit.sort (sort[${i}]) holds the clear value of masked ${at.path} (a sort on one of its multi-fields, which the plugin does not mask)` });
    } else if (typeof v === 'string' || orig === undefined) {
      addUnverifiable(rep, { aspect: typeof v === 'string' ? (masks ? 'mask' : 'fls') : (fls ? 'fls' : 'mask'), reason: `hit.sort value ${JSON.stringify(v).slice(0, 60)} (sort[${i}]) is not tied to a field (the sort keys are not in the answer): it may come from a ${masks ? 'masked' : 'hidden'} field or one of its multi-fields${orig === undefined ? ', and the original is unknown' : ''}` });
    } else if (maskDoubt !== undefined) {
      // a number no field of the known original holds in a form the SDK computes: a masked field's multi-field it cannot compute may hold it
      addUnverifiable(rep, { aspect: 'mask', reason: `hit.sort value ${JSON.stringify(v).slice(0, 60)} (sort[${i}]) is not tied to a field: ${maskDoubt}` });
    }
  });
}
