/**
 * The restrictions for one index compiled once per rule set: prepared DLS queries, the FLS predicate,
 * the masked_fields entries, and a tree of the field paths met in responses with what the rules decide
 * about each (visibility, masking), computed on first use and reused by later verifications.
 */
import { digestLength } from '../fgac/digest-catalogue.js';
import { maskedFieldClashVerdict, type MaskedFieldClashVerdict } from '../fgac/masked-field.js';
import { effectiveMask, pluginMajor, type EffectiveMask, type MaskingOptions, type ParsedMaskedField } from '../fgac/masking.js';
import { prepareDls, type FieldTypes, type PreparedDls } from './dls/index.js';
import { hasDlsQuery } from '../fgac/dls.js';
import type { AccessExpectations, IndexExpectation } from './expectations.js';
import { compileFlsRules, type CompiledFls } from './fls.js';
import { UnsupportedMaskingError } from '../fgac/errors.js';
import { maskRulesOf, type MaskedFieldSet } from './masking.js';
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
  /** Whether the node is held by its rule set's tables (false: made for one lookup, past MAX_PATH_NODES / MAX_PATH_CHARS). */
  cached: boolean;
}

/** The nodes held by dotted path (shared by every verification of a rule set), and what they cost. */
export interface PathTable {
  readonly byPath: Map<string, PathNode>;
  /** Characters of the held nodes' paths, keys and joined mask expressions, plus NODE_COST each (see MAX_PATH_CHARS). */
  chars: number;
  /** Set when a node or a link was not held for lack of room (the next verification starts from a fresh table). */
  full: boolean;
}

/** The restrictions for one index compiled once per rule set (and reused by later calls with the same rules). */
export interface Compiled {
  dls: PreparedDls[];
  fls: CompiledFls;
  masks: MaskedFieldSet;
  maskExpressions: string[];
  /** With a plugin version: the entries the plugin may mask a path with (maskDocument's picker); undefined: any match. */
  maskPick: ((path: string) => string[]) | undefined;
  /** A name clash of these masked_fields: the plugin fails every search (2.x), or it cannot be told (no version). */
  maskClash: MaskedFieldClashVerdict | undefined;
  /**
   * Why the plugin fails every search under these FLS rules (2.x, an entry that does not compile past its exact-names
   * shortcut, or `''`), or why what they show cannot be told (no version and an entry that does not compile): `fls` then
   * answers no path (UnsupportedMaskingError). Without a version otherwise, only a path the generations read differently.
   */
  flsFailure: string | undefined;
  /** Masking options without the salt (the salt only matters when a mask is computed). */
  masking: MaskingOptions;
  major: number;
  fieldTypes: FieldTypes | undefined;
  /** Field paths met so far, as a tree (walked with the document's keys) and by dotted path. */
  root: PathNode;
  paths: PathTable;
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


/**
 * Compiled rule sets by content; small, so a long-lived process verifying many rule sets stays bounded: at most
 * COMPILED_CACHE_SIZE sets, and COMPILED_CACHE_CHARS characters of keys (what is compiled grows with the rules' text);
 * a rule set whose key alone is over MAX_CACHED_KEY is compiled for each call and not held.
 */
const compiledCache = new Map<string, Compiled>();
const COMPILED_CACHE_SIZE = 32;
const COMPILED_CACHE_CHARS = 4_000_000;
const MAX_CACHED_KEY = 1_000_000;
let compiledChars = 0;
/**
 * Field paths remembered per rule set (documents with ever new keys must not grow it without end): past this many
 * nodes, or MAX_PATH_CHARS characters, a path's node is made for the lookup and not held (the same answers,
 * computed again when the path is met again), so one response with many keys leaves no more behind than this.
 */
const MAX_PATH_NODES = 20_000;
/** Characters the held nodes of one rule set may cost (a few long keys must not pin megabytes either). */
const MAX_PATH_CHARS = 1_000_000;
/** Path nodes, and their characters, that the held rule sets may keep together (the least recently used go first). */
const PATH_NODES_HELD = 40_000;
const PATH_CHARS_HELD = 2_000_000;
/** What a held node costs besides its path, in characters (the node, its map entries). */
const NODE_COST = 32;

function newNode(path: string, cached = true): PathNode {
  return { path, children: undefined, leaf: undefined, object: undefined, any: undefined, mask: undefined, order: undefined, orderNodes: undefined, cached };
}

/** Whether another node of `cost` characters may be held for `c`. */
function roomFor(c: Compiled, cost: number): boolean {
  const t = c.paths;
  if (t.byPath.size < MAX_PATH_NODES && t.chars + cost <= MAX_PATH_CHARS) return true;
  t.full = true;
  return false;
}

/** @internal How many path nodes, and what they cost in characters, the rules `c` hold (tests check the bounds). */
export function pathTableSize(c: Compiled): { nodes: number; chars: number } {
  return { nodes: c.paths.byPath.size, chars: c.paths.chars };
}

/** @internal The compiled rule sets held (tests check the bounds). */
export function compiledCacheSize(): { entries: number; chars: number } {
  return { entries: compiledCache.size, chars: compiledChars };
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
  const lists = rules.map((r) => r.fls ?? []);
  const flsOpts = { dfmEmptyOverridesAll: dfm, ...(masking.pluginVersion !== undefined ? { pluginVersion: masking.pluginVersion } : {}) };
  // merged once, read for what the roles include and exclude (FlsQuestion `roles`); a field the generations read differently is unverifiable
  const outcome = compileFlsRules(lists, flsOpts, (message, entry) => new UnsupportedMaskingError('what these FLS rules show', entry, message), 'roles');
  const flsFailure = outcome.failure?.message;
  const fls = outcome.fls ?? unjudgedFls(outcome.merged, outcome.failure.entry, outcome.failure.message);
  const withMasks = rules.filter((r) => (r.maskedFields?.length ?? 0) > 0);
  const maskUnrestricted = withMasks.length === 0 || (dfm && withMasks.length < rules.length);
  const maskLists = maskUnrestricted ? [] : withMasks.map((r) => r.maskedFields ?? []);
  const maskExpressions = maskLists.flat();
  const maskRules = maskRulesOf(maskLists, pluginMajorVersion(masking.pluginVersion), masking);
  const dlsOpts = {
    ...(all.user ? { user: all.user } : {}),
    ...(masking.pluginVersion ? { pluginVersion: masking.pluginVersion } : {}),
  };
  const c: Compiled = {
    dls: effectiveDlsTexts(exp, all).map((text) => prepareDls(text, dlsOpts)),
    fls,
    masks: maskRules.masks,
    maskExpressions,
    maskPick: maskRules.pick,
    maskClash: maskedFieldClashVerdict(maskExpressions, masking.pluginVersion),
    flsFailure,
    masking,
    major: pluginMajor(masking),
    fieldTypes: exp.fieldTypes,
    root: newNode(''),
    paths: { byPath: new Map(), chars: 0, full: false },
    unknownField: (p: string) => !visibleOrUnknown(c, nodeAt(c, p)),
  };
  return c;
}

/** Whether DLS sees the path as the document holds it: FLS shows it and no mask changes it; false where either cannot be told. */
function visibleOrUnknown(c: Compiled, n: PathNode): boolean {
  try {
    return isVisible(c, n, 'any') && pathMask(c, n) === null;
  } catch (error) {
    if (error instanceof UnsupportedMaskingError) return false;
    throw error;
  }
}

/**
 * FLS rules whose effect is not judged (`reason`: compileFls' flsFailure): every path read throws UnsupportedMaskingError,
 * which verifyHits reports as unverifiable for the hit (never a pass for a field it shows, never a finding).
 */
function unjudgedFls(patterns: readonly string[], entry: string, reason: string): CompiledFls {
  return {
    mode: 'include',
    patterns,
    isVisible: () => {
      throw new UnsupportedMaskingError('what these FLS rules show', entry, reason);
    },
  };
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
    compiledChars -= key.length;
    // a table that ran out of room holds the paths of some past response: these rules are compiled afresh
    if (!c.paths.full) {
      // most recently used last
      compiledCache.set(key, c);
      compiledChars += key.length;
      trimCompiled(key);
      return c;
    }
  }
  c = compile(exp, all, masking);
  if (key.length > MAX_CACHED_KEY) return c;
  compiledCache.set(key, c);
  compiledChars += key.length;
  trimCompiled(key);
  return c;
}

/**
 * Drops the least recently used rule sets (never `keep`, the one in use) until at most COMPILED_CACHE_SIZE are held,
 * their keys within COMPILED_CACHE_CHARS and their path tables within PATH_NODES_HELD / PATH_CHARS_HELD together.
 */
function trimCompiled(keep: string): void {
  let nodes = 0;
  let chars = 0;
  for (const held of compiledCache.values()) {
    nodes += held.paths.byPath.size;
    chars += held.paths.chars;
  }
  for (const [old, held] of compiledCache) {
    if (compiledCache.size <= COMPILED_CACHE_SIZE && compiledChars <= COMPILED_CACHE_CHARS && nodes <= PATH_NODES_HELD && chars <= PATH_CHARS_HELD) break;
    if (old === keep) continue;
    compiledCache.delete(old);
    compiledChars -= old.length;
    nodes -= held.paths.byPath.size;
    chars -= held.paths.chars;
  }
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
    dls: c.dls, fls: c.fls, masks: c.masks, maskExpressions: c.maskExpressions, maskPick: c.maskPick, maskClash: c.maskClash, flsFailure: c.flsFailure, masking: c.masking, major: c.major, fieldTypes: c.fieldTypes,
    root: c.root, paths: c.paths, unknownField: c.unknownField, salt, memo: new Map(),
  };
}

/** The rules for an index in one verification (see rulesFor and mergedOf). */
export function merge(exp: IndexExpectation, all: AccessExpectations): Merged {
  const { compiled, salt } = rulesFor(exp, all);
  return mergedOf(compiled, salt);
}

/** The node of a dotted path (as given, e.g. a `fields` key): the held one, or (past the bounds) one made for this lookup. */
export function nodeAt(c: Compiled, path: string): PathNode {
  const table = c.paths;
  let n = table.byPath.get(path);
  if (n === undefined) {
    const cost = path.length + NODE_COST;
    if (!roomFor(c, cost)) return newNode(path, false);
    n = newNode(path);
    table.byPath.set(path, n);
    table.chars += cost;
  }
  return n;
}

/**
 * The node of key `k` below `parent` (the path `parent.k`, `.k` below a key `''`, or `k` at the top). Below a node that is not held, and
 * past the bounds, the node is made for this lookup (not held by `parent` either).
 */
export function childOf(c: Compiled, parent: PathNode, k: string): PathNode {
  let children = parent.children;
  let n = children?.get(k);
  if (n !== undefined) return n;
  const path = parent === c.root ? k : `${parent.path}.${k}`;
  if (!parent.cached) return newNode(path, false);
  n = nodeAt(c, path);
  if (!n.cached || !roomFor(c, k.length)) return n;
  if (children === undefined) {
    children = new Map();
    parent.children = children;
  }
  children.set(k, n);
  c.paths.chars += k.length;
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
  // only a link `parent` holds anyway (a node made for one lookup must not stay reachable from a held one)
  if (i < MAX_ORDER && parent.children?.get(k) === n) {
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
      pm = { candidates, expression: candidates.length === 1 ? (candidates[0] as ParsedMaskedField).source : candidates.map((x) => x.source).join(' | '), effs, shapes: effs.map(shapeTest) };
      if (n.cached) {
        // a joined expression is a string of its own, and each candidate costs its entries: both count against the bound
        const cost = (candidates.length > 1 ? pm.expression.length : 0) + candidates.length * 4;
        if (!roomFor(c, cost)) return pm;
        c.paths.chars += cost;
      }
    }
    n.mask = pm;
  }
  return pm;
}
