/**
 * Verifies a search response against what a principal's roles promise: document-level security
 * (every hit must match the roles' DLS), field-level security (no hidden field visible, also via
 * `.keyword` and nested paths) and field masking (masked fields masked correctly and consistently).
 */
import { AccessViolationError, UnsupportedMaskingError } from './errors.js';
import {
  evaluateDlsQueries, prepareDls, substituteUserVariables, valuesAt, type DlsResult, type DlsUser, type FieldTypes, type PreparedDls,
} from './dls.js';
import { compileFls, type CompiledFls } from './fls.js';
import {
  applyEffectiveMask, compileMaskedFields, effectiveMask, maskShape, pluginMajor,
  type EffectiveMask, type MaskedFieldSet, type MaskingAlgorithm, type MaskingOptions, type ParsedMaskedField,
} from './masking.js';
import { compileFieldPattern } from './wildcard.js';

/** One `index_permissions` entry of a role, as the security REST API returns it. */
export interface RoleIndexPermission {
  index_patterns?: readonly string[];
  /** DLS query (JSON as a string). */
  dls?: string;
  fls?: readonly string[];
  masked_fields?: readonly string[];
  allowed_actions?: readonly string[];
}

/** A role as the security plugin's REST API represents it. */
export interface RoleLike {
  /** Role name (for reports). */
  name?: string;
  cluster_permissions?: readonly string[];
  index_permissions?: readonly RoleIndexPermission[];
}

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

/** A masked_fields match for one field path, resolved once per verification. */
interface PathMask {
  candidates: ParsedMaskedField[];
  expression: string;
  effs: EffectiveMask[];
  shapes: Array<RegExp | undefined>;
}

/** The merged restrictions for one index (plus per-run caches). */
interface Merged {
  dls: PreparedDls[];
  fls: CompiledFls;
  masks: MaskedFieldSet;
  maskExpressions: string[];
  masking: MaskingOptions;
  major: number;
  fieldTypes?: FieldTypes;
  visibleLeaf: Map<string, boolean>;
  visibleObject: Map<string, boolean>;
  visibleAny: Map<string, boolean>;
  pathMasks: Map<string, PathMask | null>;
  memo: Map<string, string | Error>;
}

function merge(exp: IndexExpectation, all: AccessExpectations): Merged {
  const dfm = all.dfmEmptyOverridesAll === true;
  const rules = exp.rules;
  const withDls = rules.filter((r) => r.dls !== undefined && r.dls.trim() !== '');
  const dlsUnrestricted = withDls.length === 0 || (dfm && withDls.length < rules.length);
  const fls = compileFls(rules.map((r) => r.fls ?? []), { dfmEmptyOverridesAll: dfm });
  const withMasks = rules.filter((r) => (r.maskedFields?.length ?? 0) > 0);
  const maskUnrestricted = withMasks.length === 0 || (dfm && withMasks.length < rules.length);
  const masking: MaskingOptions = {
    ...(all.salt !== undefined ? { salt: all.salt } : {}),
    ...(all.defaultAlgorithm !== undefined ? { defaultAlgorithm: all.defaultAlgorithm } : {}),
    ...(all.pluginVersion !== undefined ? { pluginVersion: all.pluginVersion } : {}),
    ...exp.masking,
  };
  const maskExpressions = maskUnrestricted ? [] : withMasks.flatMap((r) => r.maskedFields ?? []);
  const dlsOpts = {
    ...(all.user ? { user: all.user } : {}),
    ...(masking.pluginVersion ? { pluginVersion: masking.pluginVersion } : {}),
  };
  return {
    dls: dlsUnrestricted ? [] : withDls.map((r) => prepareDls(r.dls as string, dlsOpts)),
    fls,
    masks: compileMaskedFields(maskExpressions, masking),
    maskExpressions,
    masking,
    major: pluginMajor(masking),
    ...(exp.fieldTypes ? { fieldTypes: exp.fieldTypes } : {}),
    visibleLeaf: new Map(),
    visibleObject: new Map(),
    visibleAny: new Map(),
    pathMasks: new Map(),
    memo: new Map(),
  };
}

function isVisible(m: Merged, path: string, kind: 'leaf' | 'object' | 'any'): boolean {
  const cache = kind === 'leaf' ? m.visibleLeaf : kind === 'object' ? m.visibleObject : m.visibleAny;
  let v = cache.get(path);
  if (v === undefined) {
    v = m.fls.isVisible(path, kind);
    cache.set(path, v);
  }
  return v;
}

function pathMask(m: Merged, path: string): PathMask | null {
  let pm = m.pathMasks.get(path);
  if (pm === undefined) {
    const candidates = m.masks.match(path);
    pm = candidates.length === 0 ? null : {
      candidates,
      expression: candidates.map((c) => c.source).join(' | '),
      effs: candidates.map((c) => effectiveMask(c, m.masking)),
      shapes: candidates.map((c) => maskShape(c, m.masking)),
    };
    m.pathMasks.set(path, pm);
  }
  return pm;
}

/** Collects the hidden paths of a returned _source (objects before their children). */
function collectHidden(m: Merged, v: unknown, path: string, out: Array<[string, Finding['location']]>): void {
  if (Array.isArray(v)) {
    for (const x of v) collectHidden(m, x, path, out);
    return;
  }
  if (isRecord(v)) {
    if (path && !isVisible(m, path, 'object')) out.push([path, '_source']);
    for (const k in v) collectHidden(m, v[k], path ? `${path}.${k}` : k, out);
    return;
  }
  if (path && !isVisible(m, path, 'leaf')) out.push([path, '_source']);
}

function original(all: AccessExpectations, index: string, id: string): unknown {
  const o = all.originals;
  if (!o) return undefined;
  return typeof o === 'function' ? o(index, id) : o.get(`${index}/${id}`);
}

interface MaskUse { expression: string; original: string; mask: string; index: string; id: string; path: string }

/** Checks the hits of a search response against the expectations; never throws on violations. */
export function verifyHits(response: unknown, expectations: AccessExpectations): VerificationReport {
  const hits = hitsOf(response);
  const matchers = expectations.indices.map((e) => ({ e, m: e.indexPatterns.map((p) => compileFieldPattern(substituteUserVariables(p, expectations.user).text)) }));
  const expCache = new Map<string, IndexExpectation | null>();
  const mergedCache = new Map<IndexExpectation, Merged>();
  const uses: MaskUse[] = [];
  const hitReports: HitReport[] = [];
  const sourceComplete = expectations.sourceComplete !== false;
  const saltKnown = expectations.salt !== undefined;

  for (const hit of hits) {
    const rep: HitReport = { index: hit._index, id: hit._id, status: 'pass', dls: { result: 'match' }, findings: [], unverifiable: [], masksRecomputed: 0, masksShapeChecked: 0 };
    hitReports.push(rep);
    let exp = expCache.get(hit._index);
    if (exp === undefined) {
      const localIndex = hit._index.includes(':') ? hit._index.slice(hit._index.indexOf(':') + 1) : hit._index;
      exp = matchers.find(({ m }) => m.some((f) => f(localIndex)))?.e ?? null;
      expCache.set(hit._index, exp);
    }
    if (!exp) {
      rep.unverifiable.push({ aspect: 'hit', index: hit._index, id: hit._id, reason: 'no expectation covers this index' });
      continue;
    }
    let merged = mergedCache.get(exp);
    if (!merged) { merged = merge(exp, expectations); mergedCache.set(exp, merged); }
    const m = merged;
    const orig = original(expectations, hit._index, hit._id);
    const source = hit._source;
    const add = (f: Omit<Finding, 'index' | 'id'>): void => { rep.findings.push({ index: hit._index, id: hit._id, ...f }); };
    const unv = (u: Omit<UnverifiableItem, 'index' | 'id'>): void => { rep.unverifiable.push({ index: hit._index, id: hit._id, ...u }); };

    // ---- DLS
    if (m.dls.length > 0) {
      const known = orig !== undefined;
      const doc = known ? orig : source;
      const unknownField = known ? undefined
        : source === undefined || !sourceComplete ? () => true
        : (p: string) => !isVisible(m, p, 'any') || pathMask(m, p) !== null;
      rep.dls = evaluateDlsQueries(m.dls, doc, {
        id: hit._id,
        ...(m.fieldTypes ? { fieldTypes: m.fieldTypes } : {}),
        ...(unknownField ? { unknownField } : {}),
      });
      if (rep.dls.result === 'no-match') add({ kind: 'dls-violation', detail: `document does not match the roles' DLS (${rep.dls.reason ?? 'no query matched'})` });
      else if (rep.dls.result === 'unverifiable') unv({ aspect: 'dls', reason: rep.dls.reason ?? 'unverifiable' });
    }

    // ---- FLS
    if (m.fls.mode !== 'all') {
      const hidden: Array<[string, Finding['location']]> = [];
      if (source !== undefined) collectHidden(m, source, '', hidden);
      for (const key of Object.keys(hit.fields ?? {})) if (!isVisible(m, key, 'leaf')) hidden.push([key, 'fields']);
      for (const key of Object.keys(hit.highlight ?? {})) if (!isVisible(m, key, 'leaf')) hidden.push([key, 'highlight']);
      const reported: string[] = [];
      for (const [path, location] of hidden) {
        const key = `${location}\u0000${path}`;
        if (reported.some((r) => key === r || key.startsWith(`${r}.`))) continue;
        reported.push(key);
        add({ kind: 'fls-leak', path, location, detail: `field ${path} is visible but FLS (${m.fls.patterns.join(', ')}) hides it` });
      }
    }

    // ---- Masking
    if (m.maskExpressions.length > 0) {
      const ctx: MaskCtx = { rep, m, all: expectations, saltKnown, uses, add, unv };
      if (source !== undefined) {
        const visit = (v: unknown, o: unknown, path: string, inAoO: boolean): void => {
          if (Array.isArray(v)) {
            const oa = Array.isArray(o) ? o : undefined;
            for (let i = 0; i < v.length; i++) visit(v[i], oa?.[i], path, inAoO || isRecord(v[i]));
            return;
          }
          if (isRecord(v)) {
            const oo = isRecord(o) ? o : undefined;
            for (const k in v) visit(v[k], oo?.[k], path ? `${path}.${k}` : k, inAoO);
            return;
          }
          if (typeof v !== 'string') return;
          const pm = pathMask(m, path);
          if (!pm) return;
          const note = inAoO && m.major < 3 ? ' (the 2.x plugin does not mask strings inside arrays of objects)' : '';
          checkMask(ctx, pm, { path, value: v, origValue: orig === undefined ? undefined : o, location: '_source', note });
        };
        visit(source, orig, '', false);
      }
      for (const [key, vals] of Object.entries(hit.fields ?? {})) {
        const pm = pathMask(m, key);
        if (!pm) continue;
        const list = Array.isArray(vals) ? vals : [vals];
        const origVals = orig === undefined ? undefined : valuesAt(orig, key.replace(/\.keyword$/, ''));
        for (const v of list) if (typeof v === 'string') checkFieldsValue(ctx, pm, key, v, origVals);
      }
    }
  }

  // ---- cross-hit mask consistency (salt unknown)
  const crossFindings: Finding[] = [];
  const byExpr = new Map<string, MaskUse[]>();
  for (const u of uses) {
    const l = byExpr.get(u.expression);
    if (l) l.push(u); else byExpr.set(u.expression, [u]);
  }
  for (const [expression, list] of byExpr) {
    const byOrig = new Map<string, MaskUse[]>();
    const byMask = new Map<string, MaskUse[]>();
    for (const u of list) {
      const a = byOrig.get(u.original);
      if (a) a.push(u); else byOrig.set(u.original, [u]);
      const b = byMask.get(u.mask);
      if (b) b.push(u); else byMask.set(u.mask, [u]);
    }
    for (const group of byOrig.values()) {
      const masks = new Set(group.map((g) => g.mask));
      if (masks.size > 1) {
        const g = group[0] as MaskUse;
        crossFindings.push({ kind: 'inconsistent-mask', index: g.index, id: g.id, path: g.path, expression, location: '_source',
          detail: `the same value got ${masks.size} different masks (${group.map((x) => `${x.index}/${x.id}`).slice(0, 5).join(', ')})` });
      }
    }
    for (const group of byMask.values()) {
      const origs = new Set(group.map((g) => g.original));
      if (origs.size > 1) {
        const g = group[0] as MaskUse;
        crossFindings.push({ kind: 'inconsistent-mask', index: g.index, id: g.id, path: g.path, expression, location: '_source',
          detail: `${origs.size} different values got the same mask (${group.map((x) => `${x.index}/${x.id}`).slice(0, 5).join(', ')})` });
      }
    }
  }
  for (const f of crossFindings) {
    const h = hitReports.find((r) => r.index === f.index && r.id === f.id);
    h?.findings.push(f);
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

type Add = (f: Omit<Finding, 'index' | 'id'>) => void;
type Unv = (u: Omit<UnverifiableItem, 'index' | 'id'>) => void;

interface MaskCtx { rep: HitReport; m: Merged; all: AccessExpectations; saltKnown: boolean; uses: MaskUse[]; add: Add; unv: Unv }

/** Expected masks of `orig` under each candidate entry, memoised per run; `unknown` lists what could not be computed. */
function expectedMasks(ctx: MaskCtx, pm: PathMask, orig: string): { values: string[]; unknown: string[] } {
  const values: string[] = [];
  const unknown: string[] = [];
  pm.candidates.forEach((c, i) => {
    const eff = pm.effs[i] as EffectiveMask;
    if (eff.kind === 'blake2b' && !ctx.saltKnown) { unknown.push('salt unknown'); return; }
    const key = `${c.source}\u0000${orig}`;
    let r = ctx.m.memo.get(key);
    if (r === undefined) {
      try {
        r = applyEffectiveMask(orig, eff, ctx.m.masking.salt, c.source);
      } catch (e) {
        r = e instanceof Error ? e : new Error(String(e));
      }
      ctx.m.memo.set(key, r);
    }
    if (typeof r === 'string') values.push(r);
    else unknown.push(r instanceof UnsupportedMaskingError ? r.message : r.message);
  });
  return { values, unknown };
}

function checkMask(ctx: MaskCtx, pm: PathMask, occ: { path: string; value: string; origValue: unknown; location: Finding['location']; note: string }): void {
  const { rep, all, add, unv } = ctx;
  const { path, value, origValue, location, note } = occ;
  const expression = pm.expression;
  if (typeof origValue === 'string') {
    const exp = expectedMasks(ctx, pm, origValue);
    if (exp.values.includes(value)) { rep.masksRecomputed++; return; }
    if (exp.unknown.length === 0) {
      if (value === origValue) add({ kind: 'unmasked', path, location, expression, detail: `value of ${path} is not masked${note}` });
      else add({ kind: 'wrong-mask', path, location, expression, detail: `value of ${path} differs from the expected mask` });
      return;
    }
    // Salt unknown (or not reproducible): shape + consistency.
    if (value === origValue && exp.values.every((v) => v !== origValue)) {
      add({ kind: 'unmasked', path, location, expression, detail: `value of ${path} is not masked${note}` });
      return;
    }
    if (pm.shapes.every((s) => s !== undefined)) {
      if (!pm.shapes.some((s) => (s as RegExp).test(value))) {
        add({ kind: 'wrong-mask', path, location, expression, detail: `value of ${path} is not shaped like a mask` });
        return;
      }
      ctx.uses.push({ expression, original: origValue, mask: value, index: rep.index, id: rep.id, path });
      if (all.strictMasks) unv({ aspect: 'mask', path, reason: `mask not recomputed: ${exp.unknown[0] ?? ''}` });
      else rep.masksShapeChecked++;
      return;
    }
    unv({ aspect: 'mask', path, reason: `cannot recompute the mask: ${exp.unknown[0] ?? ''}` });
    return;
  }
  // Original unknown: shape only.
  if (pm.shapes.every((s) => s !== undefined)) {
    if (!pm.shapes.some((s) => (s as RegExp).test(value))) {
      add({ kind: 'unmasked', path, location, expression, detail: `value of ${path} is not shaped like a mask (original unknown)${note}` });
      return;
    }
    if (all.strictMasks) unv({ aspect: 'mask', path, reason: 'original unknown: mask checked for shape only' });
    else rep.masksShapeChecked++;
    return;
  }
  unv({ aspect: 'mask', path, reason: 'regex mask without the original value' });
}

function checkFieldsValue(ctx: MaskCtx, pm: PathMask, key: string, value: string, origVals: unknown[] | undefined): void {
  const { rep, all, add, unv } = ctx;
  const expression = pm.expression;
  const strs = origVals?.filter((v): v is string => typeof v === 'string');
  if (strs && strs.length > 0) {
    const expected = strs.map((o) => expectedMasks(ctx, pm, o));
    if (expected.some((e) => e.values.includes(value))) { rep.masksRecomputed++; return; }
    if (strs.includes(value) && expected.every((e) => !e.values.includes(value))) {
      add({ kind: 'unmasked', path: key, location: 'fields', expression, detail: `fields.${key} is not masked` });
      return;
    }
    if (expected.every((e) => e.unknown.length === 0)) {
      add({ kind: 'wrong-mask', path: key, location: 'fields', expression, detail: `fields.${key} differs from the expected mask` });
      return;
    }
  }
  if (pm.shapes.every((s) => s !== undefined)) {
    if (!pm.shapes.some((s) => (s as RegExp).test(value))) {
      add({ kind: 'unmasked', path: key, location: 'fields', expression, detail: `fields.${key} is not shaped like a mask` });
      return;
    }
    if (all.strictMasks) unv({ aspect: 'mask', path: key, reason: 'mask checked for shape only' });
    else rep.masksShapeChecked++;
    return;
  }
  unv({ aspect: 'mask', path: key, reason: 'regex mask in fields without the original value' });
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
