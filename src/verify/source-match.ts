/**
 * Whether a hit's `_source` is the original the caller gave for its `_index`/`_id`. verifyHits judges DLS and
 * recomputes masks from the original: a hit that shows another document's values under this id (two hits'
 * sources swapped, an `_id` rewritten, the content of a document DLS excludes under an id it lets through) was
 * judged as the document it names, not the one it shows, and passed; it is now unverifiable. A value FLS hides or a string a mask
 * changes is left to those checks; every other value the hit shows must stand at the same place in the original.
 */
import { MAX_NESTING_DEPTH, NestingTooDeepError } from '../fgac/json.js';
import { UnsupportedMaskingError } from '../fgac/errors.js';
import { childAt, isRecord, isVisible, pathMask, type Merged, type PathNode } from './compiled-rules.js';
import { addUnverifiable, type HitReport } from './report.js';

/**
 * Adds an unverifiable item to `rep` when the hit's `_source` shows a value its original does not hold there: the
 * DLS verdict and the masks come from the original, so they say nothing of what the hit shows. Not a finding:
 * which of the two is stale or forged is unknown. A hit without `_source` shows nothing.
 */
export function strayFromOriginal(rep: HitReport, m: Merged, walk: { fls: boolean; masks: boolean }, source: unknown, orig: unknown): void {
  if (source === undefined) return;
  let at: string | undefined;
  try {
    at = sourceMismatch(m, walk.fls, walk.masks, source, orig);
  } catch (error) {
    if (!(error instanceof NestingTooDeepError) && !(error instanceof UnsupportedMaskingError)) throw error;
    addUnverifiable(rep, { aspect: 'hit', reason: `the hit's _source was not compared with its original: ${error.message}` });
    return;
  }
  if (at !== undefined) addUnverifiable(rep, { aspect: 'hit', path: at, reason: `the hit's _source shows a value at ${at} that the original given for it does not hold there: it was judged as that original, not as what it shows` });
}

/**
 * The dotted path of the first value of `source` that the original `orig` does not hold there (`_source` when
 * the two differ as a whole), or undefined. Values are compared in place; an array whose length the plugin may
 * have changed (2.x drops array elements FLS empties) is compared by its scalar elements only.
 */
export function sourceMismatch(m: Merged, fls: boolean, masks: boolean, source: unknown, orig: unknown): string | undefined {
  if (source === orig) return undefined;
  if (!isRecord(source) || !isRecord(orig)) return '_source';
  const at = differsAt(m, fls, masks, source, orig, m.root, 0);
  return at === undefined ? undefined : at.path || '_source';
}

/** The node of the first value at or below node `n` (value `v`, original `o`) that differs, or undefined. */
function differsAt(m: Merged, fls: boolean, masks: boolean, v: unknown, o: unknown, n: PathNode, depth: number): PathNode | undefined {
  if (v === o) return undefined;
  if (typeof v !== 'object' || v === null) return excused(m, fls, masks, n, v, o) ? undefined : n;
  if (depth >= MAX_NESTING_DEPTH) throw new NestingTooDeepError('the _source');
  if (Array.isArray(v)) {
    const oa = Array.isArray(o) ? o : undefined;
    if (oa !== undefined && oa.length !== v.length && fls) {
      // elements may be gone: a scalar must be one of the original's, an object is not placed
      for (const x of v) if ((typeof x !== 'object' || x === null) && !oa.includes(x) && !excused(m, fls, masks, n, x, undefined)) return n;
      return undefined;
    }
    for (let i = 0; i < v.length; i++) {
      const d = differsAt(m, fls, masks, v[i], oa?.[i], n, depth + 1);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  const ob = isRecord(o) ? o : undefined;
  const rec = v as Record<string, unknown>;
  let i = -1;
  for (const k in rec) {
    i++;
    const d = differsAt(m, fls, masks, rec[k], ob !== undefined && Object.hasOwn(ob, k) ? ob[k] : undefined, childAt(m, n, k, i), depth + 1);
    if (d !== undefined) return d;
  }
  return undefined;
}

/** Whether the scalar `v` at node `n` may differ from the original `o` (hidden, or a masked string). */
function excused(m: Merged, fls: boolean, masks: boolean, n: PathNode, v: unknown, o: unknown): boolean {
  if (fls && !isVisible(m, n, 'leaf')) return true;
  return masks && typeof v === 'string' && typeof o === 'string' && pathMask(m, n) !== null;
}
