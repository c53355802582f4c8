/**
 * The restrictions for one index compiled once per rule set: prepared DLS queries, the FLS predicate,
 * the masked_fields entries, and a tree of the field paths met in responses with what the rules decide
 * about each (visibility, masking), computed on first use and reused by later verifications.
 */
import { digestLength } from '../fgac/digest-catalogue.js';
import { maskedFieldClashMessage, maskedFieldNameClashes } from '../fgac/masked-field.js';
import { effectiveMask, pluginMajor, type EffectiveMask, type MaskingOptions, type ParsedMaskedField } from '../fgac/masking.js';
import { prepareDls, type FieldTypes, type PreparedDls } from './dls/index.js';
import { hasDlsQuery } from '../fgac/dls.js';
import type { AccessExpectations, IndexExpectation } from './expectations.js';
import { compileFls, type CompiledFls } from './fls.js';
import { compileMaskedFields, maskPicker, type MaskedFieldSet } from './masking.js';
import { pluginMajorVersion } from '../fgac/plugin-version.js';

/** Whether a value is a plain object (not null, not an array). */
export const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A masked_fields match for one field path, resolved once per rule set. */
export interface PathMask {
  candidates: ParsedMaskedField[];
  expression: string;
  effs: EffectiveMask[];
  /** Per candidate: whether a value has the mask's shape (undefined for regex masks). */
  shapes: Array<((value: string) => boolean) | undefined>;
}

/** A field path met in responses, with what the rules decide about it (each computed on first use). */
export interface PathNode {
  readonly path: string;
  children: Map<string, PathNode> | undefined;
  leaf: boolean | undefined;
  object: boolean | undefined;
  any: boolean | undefined;
  mask: PathMask | null | undefined;
  /** The keys of the last object met at this path, in order, and their nodes (see `childAt`). */
  order: string[] | undefined;
  orderNodes: PathNode[] | undefined;
}

/** The restrictions for one index compiled once per rule set (and reused by later calls with the same rules). */
export interface Compiled {
  dls: PreparedDls[];
  fls: CompiledFls;
  masks: MaskedFieldSet;
  maskExpressions: string[];
  /** With a plugin version: the entries the plugin may mask a path with (maskDocument's picker); undefined: any match. */
  maskPick: ((path: string) => string[]) | undefined;
  /** Why the plugin fails every search under these masked_fields (2.x name clashes), if it does. */
  maskFailure: string | undefined;
  /** Masking options without the salt (the salt only matters when a mask is computed). */
  masking: MaskingOptions;
  major: number;
  fieldTypes: FieldTypes | undefined;
  /** Field paths met so far, as a tree (walked with the document's keys) and by dotted path. */
  root: PathNode;
  byPath: Map<string, PathNode>;
  /** Without originals: fields whose returned values are not the indexed ones. */
  unknownField: (path: string) => boolean;
}

/** The restrictions for one index in one verification (the compiled rules plus the salt and a mask memo). */
export interface Merged extends Compiled {
  salt: string | Uint8Array | undefined;
  /** Masks computed in this verification, per masked_fields entry. */
  memo: Map<string, MaskMemo>;
}

/**
 * Masks of recently seen original values, direct-mapped by a hash of the value: a repeated value is
 * masked once, and a run of distinct values costs a hash and a slot each (no map that grows with
 * every value). A collision only means computing a mask again.
 */
export interface MaskMemo {
  keys: Array<string | undefined>;
  values: Array<string | Error | undefined>;
}


/** Compiled rule sets by content; small, so a long-lived process verifying many rule sets stays bounded. */
const compiledCache = new Map<string, Compiled>();
const COMPILED_CACHE_SIZE = 32;
/** Field paths remembered per rule set across calls (documents with ever new keys must not grow it without end). */
const MAX_PATH_NODES = 20_000;

function newNode(path: string): PathNode {
  return { path, children: undefined, leaf: undefined, object: undefined, any: undefined, mask: undefined, order: undefined, orderNodes: undefined };
}

/** The DLS texts that restrict an index (OR-ed); empty when a grant without DLS lifts them (dfm_empty_overrides_all) or none has one. */
export function effectiveDlsTexts(exp: IndexExpectation, all: AccessExpectations): string[] {
  const version = exp.masking?.pluginVersion ?? all.pluginVersion;
  const withDls = exp.rules.filter((r) => hasDlsQuery(r.dls, version));
  const unrestricted = withDls.length === 0 || (all.dfmEmptyOverridesAll === true && withDls.length < exp.rules.length);
  return unrestricted ? [] : withDls.map((r) => r.dls as string);
}

function compile(exp: IndexExpectation, all: AccessExpectations, masking: MaskingOptions): Compiled {
  const dfm = all.dfmEmptyOverridesAll === true;
  const rules = exp.rules;
  const fls = compileFls(rules.map((r) => r.fls ?? []), { dfmEmptyOverridesAll: dfm });
  const withMasks = rules.filter((r) => (r.maskedFields?.length ?? 0) > 0);
  const maskUnrestricted = withMasks.length === 0 || (dfm && withMasks.length < rules.length);
  const maskExpressions = maskUnrestricted ? [] : withMasks.flatMap((r) => r.maskedFields ?? []);
  const named = pluginMajorVersion(masking.pluginVersion);
  const dlsOpts = {
    ...(all.user ? { user: all.user } : {}),
    ...(masking.pluginVersion ? { pluginVersion: masking.pluginVersion } : {}),
  };
  const c: Compiled = {
    dls: effectiveDlsTexts(exp, all).map((text) => prepareDls(text, dlsOpts)),
    fls,
    masks: compileMaskedFields(maskExpressions, masking),
    maskExpressions,
    maskPick: named === undefined || maskUnrestricted ? undefined : maskPicker(withMasks.map((r) => r.maskedFields ?? []), named, masking),
    maskFailure: maskedFieldNameClashes(maskExpressions, pluginMajor(masking) >= 3 ? 'v3' : 'v2').map(maskedFieldClashMessage)[0],
    masking,
    major: pluginMajor(masking),
    fieldTypes: exp.fieldTypes,
    root: newNode(''),
    byPath: new Map(),
    unknownField: (p: string) => !isVisible(c, nodeAt(c, p), 'any') || pathMask(c, nodeAt(c, p)) !== null,
  };
  return c;
}

/** The compiled rules for an index expectation: from the cache when the same rules were compiled before. */
function compiledFor(exp: IndexExpectation, all: AccessExpectations, masking: MaskingOptions): Compiled {
  const key = JSON.stringify([
    exp.rules.map((r) => [r.dls, r.fls, r.maskedFields]), exp.fieldTypes, all.user, all.dfmEmptyOverridesAll === true,
    masking.defaultAlgorithm, masking.pluginVersion,
  ]);
  let c = compiledCache.get(key);
  if (c !== undefined) {
    compiledCache.delete(key);
    if (c.byPath.size > MAX_PATH_NODES) c = undefined;
  }
  c ??= compile(exp, all, masking);
  compiledCache.set(key, c);
  if (compiledCache.size > COMPILED_CACHE_SIZE) compiledCache.delete(compiledCache.keys().next().value as string);
  return c;
}

/** The compiled rules for an index expectation (shared by every verification with the same rules) and this verification's salt. */
export function rulesFor(exp: IndexExpectation, all: AccessExpectations): { compiled: Compiled; salt: string | Uint8Array | undefined } {
  // every option own (undefined when not given; the index's own given ones win): readers never reach a polluted Object.prototype
  const masking: MaskingOptions = { salt: all.salt, defaultAlgorithm: all.defaultAlgorithm, pluginVersion: all.pluginVersion, ...exp.masking };
  const { salt, ...withoutSalt } = masking;
  return { compiled: compiledFor(exp, all, withoutSalt), salt };
}

/** The rules of one verification: the compiled rules with a salt and an empty mask memo. */
export function mergedOf(c: Compiled, salt: string | Uint8Array | undefined): Merged {
  // every field listed, so every Merged has the same hidden class (optimized code stays valid)
  return {
    dls: c.dls, fls: c.fls, masks: c.masks, maskExpressions: c.maskExpressions, maskPick: c.maskPick, maskFailure: c.maskFailure, masking: c.masking, major: c.major, fieldTypes: c.fieldTypes,
    root: c.root, byPath: c.byPath, unknownField: c.unknownField, salt, memo: new Map(),
  };
}

/** The rules for an index in one verification (see rulesFor and mergedOf). */
export function merge(exp: IndexExpectation, all: AccessExpectations): Merged {
  const { compiled, salt } = rulesFor(exp, all);
  return mergedOf(compiled, salt);
}

/** The node of a dotted path (as given, e.g. a `fields` key). */
export function nodeAt(c: Compiled, path: string): PathNode {
  let n = c.byPath.get(path);
  if (n === undefined) {
    n = newNode(path);
    c.byPath.set(path, n);
  }
  return n;
}

/** The node of key `k` below `parent` (the path `parent.k`, or `k` at the top). */
export function childOf(c: Compiled, parent: PathNode, k: string): PathNode {
  let children = parent.children;
  if (children === undefined) {
    children = new Map();
    parent.children = children;
  }
  let n = children.get(k);
  if (n === undefined) {
    n = nodeAt(c, parent.path ? `${parent.path}.${k}` : k);
    children.set(k, n);
  }
  return n;
}

/** Keys per object remembered in order (objects with more keys fall back to `childOf` beyond it). */
const MAX_ORDER = 64;

/**
 * `childOf(c, parent, k)` for the `i`-th key of an object: documents of one shape list their keys
 * in the same order, so the key is first compared (by identity, JSON.parse interns keys) with the
 * `i`-th key of the last object met at this path.
 */
export function childAt(c: Compiled, parent: PathNode, k: string, i: number): PathNode {
  const order = parent.order;
  if (order !== undefined && order[i] === k) return (parent.orderNodes as PathNode[])[i] as PathNode;
  const n = childOf(c, parent, k);
  if (i < MAX_ORDER) {
    if (order === undefined) {
      if (i === 0) {
        parent.order = [k];
        parent.orderNodes = [n];
      }
    } else if (i <= order.length) {
      order[i] = k;
      (parent.orderNodes as PathNode[])[i] = n;
    }
  }
  return n;
}

export function isVisible(c: Compiled, n: PathNode, kind: 'leaf' | 'object' | 'any'): boolean {
  let v = kind === 'leaf' ? n.leaf : kind === 'object' ? n.object : n.any;
  if (v === undefined) {
    v = c.fls.isVisible(n.path, kind);
    if (kind === 'leaf') n.leaf = v;
    else if (kind === 'object') n.object = v;
    else n.any = v;
  }
  return v;
}

/** Lower-case hex of exactly `length` characters, or (length 0) of any even, non-zero length. */
function isLowerHex(value: string, length: number): boolean {
  const n = value.length;
  if (length > 0 ? n !== length : n === 0 || n % 2 !== 0) return false;
  for (let i = 0; i < n; i++) {
    const ch = value.charCodeAt(i);
    if (!((ch >= 0x30 && ch <= 0x39) || (ch >= 0x61 && ch <= 0x66))) return false;
  }
  return true;
}

/** The shape test of a masked value (the same test as `maskShape`'s regular expression). */
function shapeTest(eff: EffectiveMask): ((value: string) => boolean) | undefined {
  if (eff.kind === 'blake2b') return (value) => isLowerHex(value, 64);
  if (eff.kind === 'digest') {
    const n = digestLength(eff.algorithm);
    return n === undefined ? (value) => isLowerHex(value, 0) : (value) => isLowerHex(value, n * 2);
  }
  return undefined;
}

export function pathMask(c: Compiled, n: PathNode): PathMask | null {
  let pm = n.mask;
  if (pm === undefined) {
    let candidates = c.masks.match(n.path);
    if (c.maskPick !== undefined && candidates.length > 1) {
      // only the entries the plugin may pick (maskDocument's rule): another entry's mask is not what it returns
      const picked = new Set(c.maskPick(n.path));
      candidates = candidates.filter((x, i) => picked.has(x.source) && candidates.findIndex((y) => y.source === x.source) === i);
    }
    pm = null;
    if (candidates.length > 0) {
      const effs = candidates.map((x) => effectiveMask(x, c.masking));
      pm = { candidates, expression: candidates.map((x) => x.source).join(' | '), effs, shapes: effs.map(shapeTest) };
    }
    n.mask = pm;
  }
  return pm;
}
