/**
 * The `sort` values of a hit, which carry field values the `_source` and `fields` checks never see: a
 * sort on a multi-field of a masked field (`t.raw`) returns its clear value (seen on 2.19.4 and 3.4.0),
 * and the request's sort keys are not in the answer, so a value is tied to fields by what it equals.
 */
import { isVisible, nodeAt, pathMask } from './compiled-rules.js';
import { valuesAt } from './dls/fields.js';
import { fieldPaths } from './fls.js';
import type { MaskCtx } from './mask-checks.js';
import { addFinding, addUnverifiable } from './report.js';

type Scalar = string | number | boolean;

const isScalar = (v: unknown): v is Scalar => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** The sort values a scalar of a document can come back as: itself, and for a string its number or date (epoch ms) reading. */
function sortForms(v: Scalar): Scalar[] {
  if (typeof v === 'boolean') return [v, v ? 1 : 0];
  if (typeof v === 'number') return [v];
  const forms: Scalar[] = [v];
  const n = v.trim() === '' ? Number.NaN : Number(v);
  if (Number.isFinite(n)) forms.push(n);
  const t = Date.parse(v);
  if (Number.isFinite(t)) forms.push(t);
  return forms;
}

/** Every scalar of `doc` with its leaf path (arrays flattened). */
function leaves(doc: unknown): Array<[string, Scalar]> {
  const out: Array<[string, Scalar]> = [];
  if (doc === null || typeof doc !== 'object') return out;
  for (const f of fieldPaths(doc)) if (f.kind === 'leaf') for (const v of valuesAt(doc, f.path)) if (isScalar(v)) out.push([f.path, v]);
  return out;
}

/** The scalars of what the hit shows (`_source`, `fields`), in their sort forms. */
function shownForms(source: unknown, fields: Record<string, unknown> | undefined): Set<Scalar> {
  const shown = new Set<Scalar>();
  for (const [, v] of leaves(source)) for (const f of sortForms(v)) shown.add(f);
  for (const vals of Object.values(fields ?? {})) for (const v of Array.isArray(vals) ? vals : [vals]) if (isScalar(v)) for (const f of sortForms(v)) shown.add(f);
  return shown;
}

/**
 * Checks a hit's `sort` values when FLS or masks apply: a value the hit shows elsewhere reveals nothing;
 * with the original, one only a hidden or masked field holds is a finding (fls-leak / unmasked, location
 * `sort`), one a visible field holds passes; anything else that could come from such a field is unverifiable.
 */
export function checkSortValues(ctx: MaskCtx, fls: boolean, masks: boolean, sort: readonly unknown[], source: unknown, fields: Record<string, unknown> | undefined, orig: unknown): void {
  const { rep, m } = ctx;
  // (called only when FLS or masks apply) masks change strings only; FLS hides values of every type
  const relevant = sort.filter((v): v is Scalar => typeof v === 'string' || ((typeof v === 'number' || typeof v === 'boolean') && fls));
  if (relevant.length === 0) return;
  const shown = shownForms(source, fields);
  let clear: Map<Scalar, { path: string; how: 'hidden' | 'masked'; expression?: string }> | undefined;
  let open: Set<Scalar> | undefined;
  if (orig !== undefined) {
    clear = new Map();
    open = new Set();
    for (const [path, v] of leaves(orig)) {
      const node = nodeAt(m, path);
      const hidden = fls && !isVisible(m, node, 'leaf');
      const pm = !hidden && masks && typeof v === 'string' ? pathMask(m, node) : null;
      for (const f of sortForms(v)) {
        if (hidden) { if (!clear.has(f)) clear.set(f, { path, how: 'hidden' }); }
        else if (pm) { if (!clear.has(f)) clear.set(f, { path, how: 'masked', expression: pm.expression }); }
        else open.add(f);
      }
    }
  }
  for (const v of relevant) {
    if (shown.has(v) || open?.has(v)) continue;
    const at = clear?.get(v);
    if (at?.how === 'hidden') {
      addFinding(rep, { kind: 'fls-leak', path: at.path, location: 'sort', detail: `hit.sort holds the value of ${at.path}, which FLS (${m.fls.patterns.join(', ')}) hides (a sort on it or on one of its multi-fields)` });
    } else if (at?.how === 'masked') {
      addFinding(rep, { kind: 'unmasked', path: at.path, location: 'sort', ...(at.expression !== undefined ? { expression: at.expression } : {}), detail: `hit.sort holds the clear value of masked ${at.path} (a sort on one of its multi-fields, which the plugin does not mask)` });
    } else if (typeof v === 'string' || orig === undefined) {
      // a number no field of the known original holds in any form cannot be a hidden field's value
      addUnverifiable(rep, { aspect: typeof v === 'string' && masks ? 'mask' : 'fls', reason: `hit.sort value ${JSON.stringify(v).slice(0, 60)} is not tied to a field (the sort keys are not in the answer): it may come from a ${masks ? 'masked' : 'hidden'} field or one of its multi-fields${orig === undefined ? ', and the original is unknown' : ''}` });
    }
  }
}
