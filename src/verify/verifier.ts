/**
 * Verifies a search response against what a principal's roles promise: document-level security
 * (every hit must match the roles' DLS), field-level security (no hidden field visible, also via
 * `.keyword` and nested paths) and field masking (masked fields masked correctly and consistently).
 */
import type { IndexPermissionJson, RoleJson } from '../fgac/role-shape.js';
import { AccessViolationError } from './errors.js';
import {
  evaluateDlsQueries, prepareDls, substituteUserVariables, valuesAt, type DlsResult, type DlsUser, type FieldTypes, type PreparedDls,
} from './dls/index.js';
import { compileFls, type CompiledFls } from './fls.js';
import {
  applyEffectiveMask, compileMaskedFields, digestLength, effectiveMask, pluginMajor,
  type EffectiveMask, type MaskedFieldSet, type MaskingAlgorithm, type MaskingOptions, type ParsedMaskedField,
} from './masking.js';
import { compileFieldPattern } from './wildcard.js';

/** One `index_permissions` entry of a role, as the security REST API returns it. */
export type RoleIndexPermission = IndexPermissionJson;

/** A role as the security plugin's REST API represents it, with an optional name for reports. */
export type RoleLike = RoleJson & { name?: string };

/** One grant (index_permissions entry) that applies to an index. */
export interface IndexRule {
  /** Role name, for reports. */
  role?: string;
  /** DLS query string; absent = this grant does not restrict documents. */
  dls?: string;
  /** FLS patterns; absent/empty = this grant does not restrict fields. */
  fls?: readonly string[];
  /** masked_fields entries; absent/empty = this grant masks nothing. */
  maskedFields?: readonly string[];
}

/** What the roles promise for indices matching `indexPatterns`. */
export interface IndexExpectation {
  /** Index name patterns (`*`, `?`, `/regex/`). */
  indexPatterns: readonly string[];
  /** The grants that apply (merged the way the plugin merges several roles). */
  rules: readonly IndexRule[];
  /** Field types for DLS evaluation (e.g. `fieldTypesFromMapping(GET index/_mapping)`). */
  fieldTypes?: FieldTypes;
  /** Per-index override of the cluster masking options. */
  masking?: MaskingOptions;
}

/** Original documents (as an unrestricted principal sees them), keyed `${_index}/${_id}`, or a lookup. */
export type OriginalsSource = ReadonlyMap<string, unknown> | ((index: string, id: string) => unknown);

/** Everything `verifyHits` checks a response against. */
export interface AccessExpectations {
  indices: readonly IndexExpectation[];
  /** The user (for `${user.name}` etc. in DLS queries). */
  user?: DlsUser;
  /** Compliance salt; when known (with originals) masks are recomputed exactly. */
  salt?: string | Uint8Array;
  /** Masking flavour (`BLAKE2B_LEGACY_DEFAULT` for 1.x/2.x, `BLAKE2B` for 3.x) or a digest name. */
  defaultAlgorithm?: MaskingAlgorithm | string;
  /** OpenSearch / plugin version, e.g. `2.19.4` (see MaskingOptions). */
  pluginVersion?: string;
  /** Original `_source` documents; enable exact DLS evaluation and mask comparison. */
  originals?: OriginalsSource;
  /** `plugins.security.dfm_empty_overrides_all` (default false). */
  dfmEmptyOverridesAll?: boolean;
  /** False when the request filtered `_source` (fields absent for that reason cannot be judged). Default true. */
  sourceComplete?: boolean;
  /** When true, masks checked only for shape (salt or original unknown) count as unverifiable. */
  strictMasks?: boolean;
}

/** A violation of what the roles promise. */
export interface Finding {
  kind: 'dls-violation' | 'fls-leak' | 'unmasked' | 'wrong-mask' | 'inconsistent-mask';
  index: string;
  id: string;
  /** Field path (dotted) when the finding concerns a field. */
  path?: string;
  /** Where in the hit: `_source`, `fields`, `highlight`. */
  location?: '_source' | 'fields' | 'highlight';
  /** The masked_fields entry concerned. */
  expression?: string;
  detail: string;
}

/** Something that could not be decided (never counted as a pass). */
export interface UnverifiableItem {
  aspect: 'dls' | 'fls' | 'mask' | 'hit';
  index: string;
  id: string;
  path?: string;
  reason: string;
}

/** Outcome of one hit. */
export interface HitReport {
  index: string;
  id: string;
  status: 'pass' | 'violation' | 'unverifiable';
  /** DLS decision for the hit (`match` when the index has no DLS). */
  dls: DlsResult;
  findings: Finding[];
  unverifiable: UnverifiableItem[];
  /** Masked values recomputed and compared exactly. */
  masksRecomputed: number;
  /** Masked values checked for shape (and consistency) only. */
  masksShapeChecked: number;
}

/** Result of `verifyHits`. */
export interface VerificationReport {
  /** True when no violation was found (unverifiable items may remain; see `status`). */
  ok: boolean;
  /** `pass` only when everything was verified and nothing violated. */
  status: 'pass' | 'violation' | 'unverifiable';
  hits: HitReport[];
  /** All findings, including cross-hit mask inconsistencies. */
  findings: Finding[];
  unverifiable: UnverifiableItem[];
  counts: {
    hits: number;
    passedHits: number;
    violatingHits: number;
    unverifiableHits: number;
    dlsViolations: number;
    flsLeaks: number;
    unmasked: number;
    wrongMasks: number;
    inconsistentMasks: number;
    unverifiable: number;
    masksRecomputed: number;
    masksShapeChecked: number;
  };
}

// ---------------------------------------------------------------------------------------------

/** A search hit as verifyHits reads it. */
export interface SearchHit {
  _index: string;
  _id: string;
  _source?: unknown;
  fields?: Record<string, unknown>;
  highlight?: Record<string, unknown>;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Extracts hits from a search response body or an opensearch-js `{ body }` response. */
export function hitsOf(response: unknown): SearchHit[] {
  let r = response;
  if (isRecord(r) && isRecord(r.body) && !('hits' in r)) r = r.body;
  if (!isRecord(r) || !isRecord(r.hits) || !Array.isArray(r.hits.hits)) {
    throw new TypeError('not a search response: expected hits.hits[]');
  }
  return (r.hits.hits as unknown[]).filter(isRecord).map((h) => ({
    _index: String(h._index),
    _id: String(h._id),
    ...('_source' in h ? { _source: h._source } : {}),
    ...(isRecord(h.fields) ? { fields: h.fields } : {}),
    ...(isRecord(h.highlight) ? { highlight: h.highlight } : {}),
  }));
}

/** A masked_fields match for one field path, resolved once per rule set. */
interface PathMask {
  candidates: ParsedMaskedField[];
  expression: string;
  effs: EffectiveMask[];
  /** Per candidate: whether a value has the mask's shape (undefined for regex masks). */
  shapes: Array<((value: string) => boolean) | undefined>;
}

/** A field path met in responses, with what the rules decide about it (each computed on first use). */
interface PathNode {
  readonly path: string;
  children: Map<string, PathNode> | undefined;
  leaf: boolean | undefined;
  object: boolean | undefined;
  any: boolean | undefined;
  mask: PathMask | null | undefined;
}

/** The restrictions for one index compiled once per rule set (and reused by later calls with the same rules). */
interface Compiled {
  dls: PreparedDls[];
  fls: CompiledFls;
  masks: MaskedFieldSet;
  maskExpressions: string[];
  /** Masking options without the salt (the salt only matters when a mask is computed). */
  masking: MaskingOptions;
  major: number;
  fieldTypes?: FieldTypes;
  /** Field paths met so far, as a tree (walked with the document's keys) and by dotted path. */
  root: PathNode;
  byPath: Map<string, PathNode>;
  /** Without originals: fields whose returned values are not the indexed ones. */
  unknownField: (path: string) => boolean;
}

/** The restrictions for one index in one verification (the compiled rules plus the salt and a mask memo). */
interface Merged extends Compiled {
  salt: string | Uint8Array | undefined;
  /** Masks computed in this verification, per masked_fields entry. */
  memo: Map<string, MaskMemo>;
}

/**
 * Masks of recently seen original values, direct-mapped by a hash of the value: a repeated value is
 * masked once, and a run of distinct values costs a hash and a slot each (no map that grows with
 * every value). A collision only means computing a mask again.
 */
interface MaskMemo {
  keys: Array<string | undefined>;
  values: Array<string | Error | undefined>;
}

const MEMO_SLOTS = 4096;

/** The memo slot of a value. */
function memoSlot(value: string): number {
  return fnv1a(value) & (MEMO_SLOTS - 1);
}

/** Compiled rule sets by content; small, so a long-lived process verifying many rule sets stays bounded. */
const compiledCache = new Map<string, Compiled>();
const COMPILED_CACHE_SIZE = 32;
/** Field paths remembered per rule set across calls (documents with ever new keys must not grow it without end). */
const MAX_PATH_NODES = 20_000;

function newNode(path: string): PathNode {
  return { path, children: undefined, leaf: undefined, object: undefined, any: undefined, mask: undefined };
}

function compile(exp: IndexExpectation, all: AccessExpectations, masking: MaskingOptions): Compiled {
  const dfm = all.dfmEmptyOverridesAll === true;
  const rules = exp.rules;
  const withDls = rules.filter((r) => r.dls !== undefined && r.dls.trim() !== '');
  const dlsUnrestricted = withDls.length === 0 || (dfm && withDls.length < rules.length);
  const fls = compileFls(rules.map((r) => r.fls ?? []), { dfmEmptyOverridesAll: dfm });
  const withMasks = rules.filter((r) => (r.maskedFields?.length ?? 0) > 0);
  const maskUnrestricted = withMasks.length === 0 || (dfm && withMasks.length < rules.length);
  const maskExpressions = maskUnrestricted ? [] : withMasks.flatMap((r) => r.maskedFields ?? []);
  const dlsOpts = {
    ...(all.user ? { user: all.user } : {}),
    ...(masking.pluginVersion ? { pluginVersion: masking.pluginVersion } : {}),
  };
  const c: Compiled = {
    dls: dlsUnrestricted ? [] : withDls.map((r) => prepareDls(r.dls as string, dlsOpts)),
    fls,
    masks: compileMaskedFields(maskExpressions, masking),
    maskExpressions,
    masking,
    major: pluginMajor(masking),
    ...(exp.fieldTypes ? { fieldTypes: exp.fieldTypes } : {}),
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

function merge(exp: IndexExpectation, all: AccessExpectations): Merged {
  const masking: MaskingOptions = {
    ...(all.salt !== undefined ? { salt: all.salt } : {}),
    ...(all.defaultAlgorithm !== undefined ? { defaultAlgorithm: all.defaultAlgorithm } : {}),
    ...(all.pluginVersion !== undefined ? { pluginVersion: all.pluginVersion } : {}),
    ...exp.masking,
  };
  const { salt, ...withoutSalt } = masking;
  return { ...compiledFor(exp, all, withoutSalt), salt, memo: new Map() };
}

/** The node of a dotted path (as given, e.g. a `fields` key). */
function nodeAt(c: Compiled, path: string): PathNode {
  let n = c.byPath.get(path);
  if (n === undefined) {
    n = newNode(path);
    c.byPath.set(path, n);
  }
  return n;
}

/** The node of key `k` below `parent` (the path `parent.k`, or `k` at the top). */
function childOf(c: Compiled, parent: PathNode, k: string): PathNode {
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

function isVisible(c: Compiled, n: PathNode, kind: 'leaf' | 'object' | 'any'): boolean {
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

function pathMask(c: Compiled, n: PathNode): PathMask | null {
  let pm = n.mask;
  if (pm === undefined) {
    const candidates = c.masks.match(n.path);
    pm = null;
    if (candidates.length > 0) {
      const effs = candidates.map((x) => effectiveMask(x, c.masking));
      pm = { candidates, expression: candidates.map((x) => x.source).join(' | '), effs, shapes: effs.map(shapeTest) };
    }
    n.mask = pm;
  }
  return pm;
}

/** Collects the hidden paths of a returned _source (objects before their children). */
function collectHidden(c: Compiled, v: unknown, n: PathNode, out: Array<[string, Finding['location']]>): void {
  if (Array.isArray(v)) {
    for (const x of v) collectHidden(c, x, n, out);
    return;
  }
  if (isRecord(v)) {
    if (n.path && !isVisible(c, n, 'object')) out.push([n.path, '_source']);
    for (const k in v) collectHidden(c, v[k], childOf(c, n, k), out);
    return;
  }
  if (n.path && !isVisible(c, n, 'leaf')) out.push([n.path, '_source']);
}

function original(all: AccessExpectations, index: string, id: string): unknown {
  const o = all.originals;
  if (!o) return undefined;
  return typeof o === 'function' ? o(index, id) : o.get(`${index}/${id}`);
}

/** The hits array of a search response body or an opensearch-js `{ body }` response (not copied). */
function rawHitsOf(response: unknown): unknown[] {
  let r = response;
  if (isRecord(r) && isRecord(r.body) && !('hits' in r)) r = r.body;
  if (!isRecord(r) || !isRecord(r.hits) || !Array.isArray(r.hits.hits)) {
    throw new TypeError('not a search response: expected hits.hits[]');
  }
  return r.hits.hits as unknown[];
}

/**
 * Masks checked for shape only (salt unknown) of one masked_fields expression, recorded for the
 * cross-hit check (one mask per original value, one original value per mask), in parallel arrays.
 */
interface ExpressionUses {
  origs: string[];
  masks: string[];
  reps: HitReport[];
  paths: string[];
}

function recordUse(uses: Map<string, ExpressionUses>, expression: string, original: string, mask: string, rep: HitReport, path: string): void {
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

const addFinding = (rep: HitReport, f: Omit<Finding, 'index' | 'id'>): void => {
  rep.findings.push({ index: rep.index, id: rep.id, ...f });
};
const addUnverifiable = (rep: HitReport, u: Omit<UnverifiableItem, 'index' | 'id'>): void => {
  rep.unverifiable.push({ index: rep.index, id: rep.id, ...u });
};
const ALWAYS_UNKNOWN = (): boolean => true;
const NOTE_2X_ARRAYS = ' (the 2.x plugin does not mask strings inside arrays of objects)';

/** Checks the hits of a search response against the expectations; never throws on violations. */
export function verifyHits(response: unknown, expectations: AccessExpectations): VerificationReport {
  const rawHits = rawHitsOf(response);
  const matchers = expectations.indices.map((e) => ({ e, m: e.indexPatterns.map((p) => compileFieldPattern(substituteUserVariables(p, expectations.user).text)) }));
  const expCache = new Map<string, IndexExpectation | null>();
  const mergedCache = new Map<IndexExpectation, Merged>();
  const uses = new Map<string, ExpressionUses>();
  const hitReports: HitReport[] = [];
  const sourceComplete = expectations.sourceComplete !== false;
  const saltKnown = expectations.salt !== undefined;
  const hidden: Array<[string, Finding['location']]> = [];
  const ctx: MaskCtx = { rep: undefined as unknown as HitReport, m: undefined as unknown as Merged, all: expectations, saltKnown, uses };

  for (const h of rawHits) {
    if (!isRecord(h)) continue;
    const index = String(h._index);
    const id = String(h._id);
    const source = '_source' in h ? h._source : undefined;
    const fields = isRecord(h.fields) ? h.fields : undefined;
    const highlight = isRecord(h.highlight) ? h.highlight : undefined;
    const rep: HitReport = { index, id, status: 'pass', dls: { result: 'match' }, findings: [], unverifiable: [], masksRecomputed: 0, masksShapeChecked: 0 };
    hitReports.push(rep);
    let exp = expCache.get(index);
    if (exp === undefined) {
      const localIndex = index.includes(':') ? index.slice(index.indexOf(':') + 1) : index;
      exp = matchers.find(({ m }) => m.some((f) => f(localIndex)))?.e ?? null;
      expCache.set(index, exp);
    }
    if (!exp) {
      rep.unverifiable.push({ aspect: 'hit', index, id, reason: 'no expectation covers this index' });
      continue;
    }
    let m = mergedCache.get(exp);
    if (!m) {
      m = merge(exp, expectations);
      mergedCache.set(exp, m);
    }
    const orig = original(expectations, index, id);

    // ---- DLS
    if (m.dls.length > 0) {
      const known = orig !== undefined;
      const unknownField = known ? undefined : source === undefined || !sourceComplete ? ALWAYS_UNKNOWN : m.unknownField;
      rep.dls = evaluateDlsQueries(m.dls, known ? orig : source, {
        id,
        ...(m.fieldTypes ? { fieldTypes: m.fieldTypes } : {}),
        ...(unknownField ? { unknownField } : {}),
      });
      if (rep.dls.result === 'no-match') addFinding(rep, { kind: 'dls-violation', detail: `document does not match the roles' DLS (${rep.dls.reason ?? 'no query matched'})` });
      else if (rep.dls.result === 'unverifiable') addUnverifiable(rep, { aspect: 'dls', reason: rep.dls.reason ?? 'unverifiable' });
    }

    // ---- FLS
    if (m.fls.mode !== 'all') {
      hidden.length = 0;
      if (source !== undefined) collectHidden(m, source, m.root, hidden);
      if (fields) for (const key of Object.keys(fields)) if (!isVisible(m, nodeAt(m, key), 'leaf')) hidden.push([key, 'fields']);
      if (highlight) for (const key of Object.keys(highlight)) if (!isVisible(m, nodeAt(m, key), 'leaf')) hidden.push([key, 'highlight']);
      if (hidden.length > 0) {
        const reported: string[] = [];
        for (const [path, location] of hidden) {
          const key = `${location}\u0000${path}`;
          if (reported.some((r) => key === r || key.startsWith(`${r}.`))) continue;
          reported.push(key);
          addFinding(rep, { kind: 'fls-leak', path, location, detail: `field ${path} is visible but FLS (${m.fls.patterns.join(', ')}) hides it` });
        }
      }
    }

    // ---- Masking
    if (m.maskExpressions.length > 0) {
      ctx.rep = rep;
      ctx.m = m;
      if (source !== undefined) visitMasks(ctx, source, orig, m.root, false, orig !== undefined);
      if (fields) {
        for (const [key, vals] of Object.entries(fields)) {
          const pm = pathMask(m, nodeAt(m, key));
          if (!pm) continue;
          const list = Array.isArray(vals) ? vals : [vals];
          const origVals = orig === undefined ? undefined : valuesAt(orig, key.replace(/\.keyword$/, ''));
          for (const v of list) if (typeof v === 'string') checkFieldsValue(ctx, pm, key, v, origVals);
        }
      }
    }
  }

  // ---- cross-hit mask consistency (salt unknown)
  const crossFindings = uses.size > 0 ? crossHitFindings(uses) : [];
  if (crossFindings.length > 0) {
    const firstReport = new Map<string, HitReport>();
    for (const r of hitReports) {
      const key = `${r.index}\u0000${r.id}`;
      if (!firstReport.has(key)) firstReport.set(key, r);
    }
    for (const f of crossFindings) firstReport.get(`${f.index}\u0000${f.id}`)?.findings.push(f);
  }

  const counts = {
    hits: hitReports.length, passedHits: 0, violatingHits: 0, unverifiableHits: 0, dlsViolations: 0, flsLeaks: 0, unmasked: 0,
    wrongMasks: 0, inconsistentMasks: 0, unverifiable: 0, masksRecomputed: 0, masksShapeChecked: 0,
  };
  const findings: Finding[] = [];
  const unverifiableItems: UnverifiableItem[] = [];
  for (const h of hitReports) {
    h.status = h.findings.length > 0 ? 'violation' : h.unverifiable.length > 0 ? 'unverifiable' : 'pass';
    if (h.status === 'pass') counts.passedHits++;
    else if (h.status === 'violation') counts.violatingHits++;
    else counts.unverifiableHits++;
    counts.masksRecomputed += h.masksRecomputed;
    counts.masksShapeChecked += h.masksShapeChecked;
    for (const f of h.findings) {
      findings.push(f);
      if (f.kind === 'dls-violation') counts.dlsViolations++;
      else if (f.kind === 'fls-leak') counts.flsLeaks++;
      else if (f.kind === 'unmasked') counts.unmasked++;
      else if (f.kind === 'wrong-mask') counts.wrongMasks++;
      else counts.inconsistentMasks++;
    }
    for (const u of h.unverifiable) unverifiableItems.push(u);
  }
  counts.unverifiable = unverifiableItems.length;
  const ok = findings.length === 0;
  return {
    ok,
    status: !ok ? 'violation' : unverifiableItems.length > 0 ? 'unverifiable' : 'pass',
    hits: hitReports,
    findings,
    unverifiable: unverifiableItems,
    counts,
  };
}

/** Masks recomputed nowhere (salt unknown) must still be consistent: one mask per value and one value per mask. */
function crossHitFindings(uses: ReadonlyMap<string, ExpressionUses>): Finding[] {
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

/** The mutable context of the mask checks of one hit. */
interface MaskCtx { rep: HitReport; m: Merged; all: AccessExpectations; saltKnown: boolean; uses: Map<string, ExpressionUses> }

/** Checks every string of a returned _source that a masked_fields entry covers (`o` is the original at the same place). */
function visitMasks(ctx: MaskCtx, v: unknown, o: unknown, n: PathNode, inAoO: boolean, origKnown: boolean): void {
  if (Array.isArray(v)) {
    const oa = Array.isArray(o) ? o : undefined;
    for (let i = 0; i < v.length; i++) visitMasks(ctx, v[i], oa?.[i], n, inAoO || isRecord(v[i]), origKnown);
    return;
  }
  if (isRecord(v)) {
    const oo = isRecord(o) ? o : undefined;
    for (const k in v) visitMasks(ctx, v[k], oo?.[k], childOf(ctx.m, n, k), inAoO, origKnown);
    return;
  }
  if (typeof v !== 'string') return;
  const pm = pathMask(ctx.m, n);
  if (!pm) return;
  checkMask(ctx, pm, n.path, v, origKnown ? o : undefined, inAoO && ctx.m.major < 3 ? NOTE_2X_ARRAYS : '');
}

/** The mask of `orig` under candidate `i` of `pm`, computed once per verification (an Error when it cannot be computed). */
function memoMask(ctx: MaskCtx, pm: PathMask, i: number, orig: string): string | Error {
  const c = pm.candidates[i] as ParsedMaskedField;
  let memo = ctx.m.memo.get(c.source);
  if (memo === undefined) {
    memo = { keys: new Array<string | undefined>(MEMO_SLOTS).fill(undefined), values: new Array<string | Error | undefined>(MEMO_SLOTS).fill(undefined) };
    ctx.m.memo.set(c.source, memo);
  }
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

function checkMask(ctx: MaskCtx, pm: PathMask, path: string, value: string, origValue: unknown, note: string): void {
  const { rep, all } = ctx;
  const location = '_source';
  const expression = pm.expression;
  if (typeof origValue === 'string') {
    // Fast path: one entry whose mask can be computed, and it is the value returned.
    if (pm.candidates.length === 1 && (ctx.saltKnown || (pm.effs[0] as EffectiveMask).kind !== 'blake2b') && memoMask(ctx, pm, 0, origValue) === value) {
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

function checkFieldsValue(ctx: MaskCtx, pm: PathMask, key: string, value: string, origVals: unknown[] | undefined): void {
  const { rep, all } = ctx;
  const expression = pm.expression;
  const strs = origVals?.filter((v): v is string => typeof v === 'string');
  if (strs && strs.length > 0) {
    const expected = strs.map((o) => expectedMasks(ctx, pm, o));
    if (expected.some((e) => e.values.includes(value))) { rep.masksRecomputed++; return; }
    if (strs.includes(value) && expected.every((e) => !e.values.includes(value))) {
      addFinding(rep, { kind: 'unmasked', path: key, location: 'fields', expression, detail: `fields.${key} is not masked` });
      return;
    }
    if (expected.every((e) => e.unknown.length === 0)) {
      addFinding(rep, { kind: 'wrong-mask', path: key, location: 'fields', expression, detail: `fields.${key} differs from the expected mask` });
      return;
    }
  }
  if (pm.shapes.every((s) => s !== undefined)) {
    if (!hasShape(pm, value)) {
      addFinding(rep, { kind: 'unmasked', path: key, location: 'fields', expression, detail: `fields.${key} is not shaped like a mask` });
      return;
    }
    if (all.strictMasks) addUnverifiable(rep, { aspect: 'mask', path: key, reason: 'mask checked for shape only' });
    else rep.masksShapeChecked++;
    return;
  }
  addUnverifiable(rep, { aspect: 'mask', path: key, reason: 'regex mask in fields without the original value' });
}

/** Options of `assertAccess`. */
export interface AssertAccessOptions {
  /** Accept unverifiable items (default false: they fail the assertion too). */
  allowUnverifiable?: boolean;
}

/** Verifies and throws AccessViolationError (carrying the report) unless every hit passes. */
export function assertAccess(response: unknown, expectations: AccessExpectations, options: AssertAccessOptions = {}): VerificationReport {
  const report = verifyHits(response, expectations);
  if (!report.ok || (report.status === 'unverifiable' && !options.allowUnverifiable)) {
    const c = report.counts;
    const head = report.ok
      ? `${c.unverifiable} item(s) could not be verified`
      : `${report.findings.length} access violation(s): ${c.dlsViolations} DLS, ${c.flsLeaks} FLS leak(s), ${c.unmasked} unmasked, ${c.wrongMasks} wrong mask(s), ${c.inconsistentMasks} inconsistent mask(s)`;
    const sample = (report.ok ? report.unverifiable.map((u) => `${u.index}/${u.id}${u.path ? ` ${u.path}` : ''}: ${u.reason}`)
      : report.findings.map((f) => `${f.kind} ${f.index}/${f.id}${f.path ? ` ${f.path}` : ''}`)).slice(0, 5);
    throw new AccessViolationError(`${head} in ${c.hits} hit(s)${sample.length ? `; ${sample.join('; ')}` : ''}`, report);
  }
  return report;
}

/** Options of `expectationsFromRoles`. */
export type ExpectationsFromRolesOptions = Omit<AccessExpectations, 'indices' | 'user'> & {
  /** Field types for DLS evaluation of this index. */
  fieldTypes?: FieldTypes;
};

/**
 * Builds expectations for one index from role definitions (the plugin's role JSON): every
 * index_permissions entry whose index_patterns match the index contributes its DLS, FLS and
 * masked fields (allowed_actions do not matter, as in the plugin).
 */
export function expectationsFromRoles(roles: readonly RoleLike[] | Readonly<Record<string, RoleLike>>, index: string, user?: DlsUser, options: ExpectationsFromRolesOptions = {}): AccessExpectations {
  const list: RoleLike[] = Array.isArray(roles)
    ? [...(roles as readonly RoleLike[])]
    : Object.entries(roles as Readonly<Record<string, RoleLike>>).map(([name, r]) => ({ name, ...r }));
  const rules: IndexRule[] = [];
  for (const role of list) {
    for (const perm of role.index_permissions ?? []) {
      const matches = (perm.index_patterns ?? []).some((p) => compileFieldPattern(substituteUserVariables(p, user).text)(index));
      if (!matches) continue;
      const rule: IndexRule = {};
      if (role.name !== undefined) rule.role = role.name;
      if (perm.dls !== undefined && perm.dls.trim() !== '') rule.dls = perm.dls;
      if (perm.fls && perm.fls.length > 0) rule.fls = perm.fls;
      if (perm.masked_fields && perm.masked_fields.length > 0) rule.maskedFields = perm.masked_fields;
      rules.push(rule);
    }
  }
  const { fieldTypes, ...rest } = options;
  return {
    ...rest,
    ...(user ? { user } : {}),
    indices: [{ indexPatterns: [index], rules, ...(fieldTypes ? { fieldTypes } : {}) }],
  };
}
