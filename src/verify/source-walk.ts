/**
 * One walk over a returned `_source` for both field-level security (hidden paths, objects before
 * their children) and masking (every string a masked_fields entry covers, with the original at
 * the same place): each key's path node is looked up once, and what the rules decide about a path
 * is read from the node (computed on first use, see compiled-rules.ts).
 */
import { hasField } from '../errors/own.js';
import { MAX_NESTING_DEPTH, NestingTooDeepError } from '../fgac/json.js';
import { UnsupportedMaskingError } from '../fgac/errors.js';
import { childAt, isRecord, isVisible, nodeAt, type PathMask, type PathNode } from './compiled-rules.js';
import { checkMask, maskVerdict, type MaskCtx } from './mask-checks.js';
import { sharedPrototypes } from './prototype-check.js';
import { addUnverifiable, type Finding } from './report.js';

/** The note of an unmasked string the 2.x plugin leaves clear (inside an array of objects or of arrays). */
export const NOTE_2X_ARRAYS = ' (the 2.x plugin does not mask strings inside arrays of objects or arrays of arrays)';

/** What one walk looks for, and where it collects hidden paths. */
export interface SourceWalk {
  mask: MaskCtx;
  /** Collect the paths FLS hides (the rule set restricts fields). */
  fls: boolean;
  /** Check masked strings (the rule set masks fields). */
  masks: boolean;
  /** Whether the original document is known (then `o` is compared). */
  origKnown: boolean;
  hidden: Array<[string, Finding['location']]>;
  /**
   * With the original known: the node of the first value the hit shows that the original does not hold at the same
   * place, other than one FLS hides or a string a mask changes (verifier.ts reports it: the hit was judged as its original).
   */
  stray: PathNode | undefined;
  /**
   * The paths (`fls`/`mask` + NUL + path) whose verdict the rules cannot give in this hit (FLS the plugin generations
   * read differently without pluginVersion, a regex the SDK declines for the name): each is reported once, and the walk
   * goes on (a certain finding elsewhere in the hit is still made). Cleared per hit with `hidden`.
   */
  undecided: Set<string>;
  /**
   * Without a plugin version, why masked_fields entries naming one field cannot be judged (2.x fails every search, 3.x
   * masks with the first: maskedFieldClashVerdict): the paths they match are doubts, every other masked path is checked.
   */
  clash: string | undefined;
}

/** Reports once per hit that the rules' `aspect` verdict at `path` is unknown (`reason`: why). */
function doubt(w: SourceWalk, aspect: 'fls' | 'mask', path: string, reason: string): void {
  const key = `${aspect}\u0000${path}`;
  if (w.undecided.has(key)) return;
  w.undecided.add(key);
  // FLS rules the plugin cannot compile make every path unknown: the hit carries that item already (flsFailure)
  if (aspect === 'fls' && w.mask.m.flsFailure !== undefined) return;
  addUnverifiable(w.mask.rep, { aspect, path, reason });
}

/** Whether FLS hides node `n` as a `kind`; undefined (reported as a doubt) when the rules cannot tell. */
export function flsHides(w: SourceWalk, n: PathNode, kind: 'leaf' | 'object'): boolean | undefined {
  try {
    return !isVisible(w.mask.m, n, kind);
  } catch (error) {
    if (!(error instanceof UnsupportedMaskingError)) throw error;
    doubt(w, 'fls', n.path, error.message);
    return undefined;
  }
}

/** The masked_fields match at node `n` (null: none); undefined (reported as a doubt) when it cannot be told. */
export function maskAt(w: SourceWalk, n: PathNode): PathMask | null | undefined {
  const pm = maskVerdict(w.mask.m, n, w.clash);
  if (typeof pm !== 'string') return pm;
  doubt(w, 'mask', n.path, pm);
  return undefined;
}

/** Adds the keys of a hit's `fields` or `highlight` that FLS hides to `w.hidden` (a key it cannot judge is a doubt). */
export function hiddenKeys(w: SourceWalk, part: Record<string, unknown> | undefined, location: 'fields' | 'highlight'): void {
  if (part !== undefined) for (const key of Object.keys(part)) if (flsHides(w, nodeAt(w.mask.m, key), 'leaf') === true) w.hidden.push([key, location]);
}

/**
 * Whether the scalar `v` at node `n` may differ from the original `o`: FLS hides it, or a mask changes the string (or
 * may: its match cannot be told). A field whose FLS verdict is unknown is not excused: shown changed, it is wrong both
 * where it is visible (not the original's value) and where it is hidden (shown at all).
 */
function excusedDifference(w: SourceWalk, n: PathNode, v: unknown, o: unknown): boolean {
  if (w.fls && hiddenLeaf(w, n)) return true;
  return w.masks && typeof v === 'string' && typeof o === 'string' && maskAt(w, n) !== null;
}

/** Whether FLS hides the leaf node `n` (false where the rules cannot tell: a doubt, reported). */
function hiddenLeaf(w: SourceWalk, n: PathNode): boolean {
  return n.leaf === false || (n.leaf === undefined && flsHides(w, n, 'leaf') === true);
}

/**
 * Walks `v` (at node `n`, `depth` objects and arrays deep; `o` is the original at the same place,
 * `inAoO`: inside an array of objects or of arrays; `cmp`: compare with `o`, see `stray`). Throws
 * NestingTooDeepError past MAX_NESTING_DEPTH.
 */
export function walkSource(w: SourceWalk, v: unknown, o: unknown, n: PathNode, inAoO: boolean, depth: number, cmp: boolean): void {
  if (Array.isArray(v)) {
    if (depth >= MAX_NESTING_DEPTH) throw new NestingTooDeepError('the _source');
    const oa = Array.isArray(o) ? o : undefined;
    let placed = cmp;
    if (cmp && oa !== undefined && oa.length !== v.length && w.fls) {
      // elements may be gone (2.x drops array elements FLS empties): a scalar must be one of the original's, an object is not placed
      placed = false;
      for (const x of v) if ((typeof x !== 'object' || x === null) && !oa.includes(x) && !excusedDifference(w, n, x, undefined)) w.stray ??= n;
    }
    // the original's own element (past its end, an index Array.prototype may hold is none)
    for (let i = 0; i < v.length; i++) walkSource(w, v[i], oa !== undefined && i < oa.length ? oa[i] : undefined, n, inAoO || isRecord(v[i]) || Array.isArray(v[i]), depth + 1, placed);
    return;
  }
  if (isRecord(v)) {
    if (depth >= MAX_NESTING_DEPTH) throw new NestingTooDeepError('the _source');
    walkObject(w, v, o, n, inAoO, depth + 1, cmp);
    return;
  }
  walkLeaf(w, v, o, n, inAoO, cmp);
}

/** The keys of an object: leaves are handled here (the original's value is read only for a masked string). */
function walkObject(w: SourceWalk, v: Record<string, unknown>, o: unknown, n: PathNode, inAoO: boolean, depth: number, cmp: boolean): void {
  const m = w.mask.m;
  // an object FLS cannot judge is a doubt, and its members are still judged each on its own (the document itself is no field; a key `''` is)
  if (w.fls && n !== m.root && (n.object === false || (n.object === undefined && flsHides(w, n, 'object') === true))) w.hidden.push([n.path, '_source']);
  const ob = isRecord(o) ? o : undefined;
  let i = -1;
  for (const k in v) {
    // for...in also lists an enumerable property of a polluted Object.prototype: no key of the hit's
    if (sharedPrototypes.polluted && !hasField(v, k)) continue;
    i++;
    const x = v[k];
    // the original's own value at the same place (an inherited one is not the document's)
    const ox = ob !== undefined && Object.hasOwn(ob, k) ? ob[k] : undefined;
    if (typeof x === 'object' && x !== null) {
      const c = childAt(m, n, k, i);
      // an array holding no value (`[]`, `[[]]`) has no element to judge: the key itself is, as filterDocument judges it
      if (w.fls && Array.isArray(x) && holdsNoValue(x, depth) && flsHides(w, c, x.length > 0 ? 'object' : 'leaf') === true) w.hidden.push([c.path, '_source']);
      if (x !== ox) walkSource(w, x, ox, c, inAoO, depth, cmp);
      else if (w.fls || w.masks) walkSource(w, x, ox, c, inAoO, depth, false);
      continue;
    }
    if (typeof x !== 'string') {
      // a value JSON never holds (a BigInt, Symbol or function of a hand-built hit) is not judged as a value
      if (typeof x === 'bigint' || typeof x === 'symbol' || typeof x === 'function') throw new TypeError('not a JSON value');
      // without FLS only strings matter (numbers, booleans and nulls are never masked): no path lookup unless the value differs
      if (!w.fls) {
        if (cmp && x !== ox && w.stray === undefined) w.stray = childAt(m, n, k, i);
        continue;
      }
    }
    const c = childAt(m, n, k, i);
    if (cmp && x !== ox && w.stray === undefined && !excusedDifference(w, c, x, ox)) w.stray = c;
    if (w.fls && hiddenLeaf(w, c)) w.hidden.push([c.path, '_source']);
    if (typeof x === 'string' && w.masks) maskedLeaf(w, x, c, ox, inAoO);
  }
}

/** Whether an array holds only (nested) empty arrays: no leaf and no object anywhere in it. */
function holdsNoValue(a: readonly unknown[], depth: number): boolean {
  if (depth >= MAX_NESTING_DEPTH) throw new NestingTooDeepError('the _source');
  return a.every((e) => Array.isArray(e) && holdsNoValue(e, depth + 1));
}

/** A leaf met outside an object (the document itself, or an array element). */
function walkLeaf(w: SourceWalk, v: unknown, o: unknown, n: PathNode, inAoO: boolean, cmp: boolean): void {
  if (typeof v === 'bigint' || typeof v === 'symbol' || typeof v === 'function') throw new TypeError('not a JSON value');
  if (cmp && v !== o && w.stray === undefined && !excusedDifference(w, n, v, o)) w.stray = n;
  if (w.fls && n !== w.mask.m.root && hiddenLeaf(w, n)) w.hidden.push([n.path, '_source']);
  if (typeof v === 'string' && w.masks) maskedLeaf(w, v, n, o, inAoO);
}

/** Checks a string at node `n` when a masked_fields entry covers its path. */
function maskedLeaf(w: SourceWalk, v: string, n: PathNode, o: unknown, inAoO: boolean): void {
  const pm = maskAt(w, n);
  if (pm === null || pm === undefined) return;
  checkMask(w.mask, pm, n.path, v, w.origKnown ? o : undefined, inAoO && w.mask.m.major < 3 ? NOTE_2X_ARRAYS : '');
}
