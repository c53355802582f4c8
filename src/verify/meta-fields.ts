/**
 * verifyHits' checks of metadata fields. FLS: on 1.x/2.x an exclusion matching `_source` or `_id` leaves it out
 * (fls-source.ts, pluginHiddenMetaFields), so a hit that still carries it did not come from these rules; 3.x keeps
 * both. masked_fields (fls-source.ts pluginMaskedMetaFields): `_id` is masked in search hits (originalIdOfMasked
 * finds the original); 2.x leaves `_routing` / `_ignored` out under any masked_fields, 3.x masks them under an entry
 * matching them like any string value (applyEffectiveMask). Without the plugin version these are unverifiable items, not guesses.
 */
import { pluginMajorVersion } from '../fgac/plugin-version.js';
import { fieldPaths } from './fls.js';
import { applyEffectiveMask } from '../fgac/masking.js';
import { maskedIdOf, pluginHiddenMetaFields, pluginMaskedMetaFields } from './fls-source.js';
import { addFinding, addUnverifiable, type HitReport } from './report.js';
import { nodeAt, type Merged, type PathMask } from './compiled-rules.js';
import { maskVerdict } from './mask-checks.js';
import { sharedPrototypes } from './prototype-check.js';
import { field, hasField } from '../errors/own.js';
import type { OriginalsSource } from './expectations.js';

type StringMetaField = '_routing' | '_ignored';
type FlsHiddenField = '_id' | '_source' | StringMetaField;

/** What a rule set does to a hit's metadata fields: FLS-hidden `_id` / `_source`, and masked_fields on `_routing` / `_ignored`. */
export interface MetaFieldCheck {
  /** Metadata fields these FLS rules leave out: `_id` / `_source` when matched; `_routing` / `_ignored` under any FLS on a known 1.x/2.x. */
  fields: FlsHiddenField[];
  known: boolean;
  rules: string;
  /** `_routing` / `_ignored` under masked_fields, if the rule set has any. */
  masks: MaskedMetaCheck | undefined;
}

/** masked_fields as they reach `_routing` / `_ignored` (pluginMaskedMetaFields). */
interface MaskedMetaCheck {
  /** The plugin's major version, undefined when not given. */
  major: number | undefined;
  /** The entries masking each field: on 3.x masked, without a version the version decides; a string: why it is unknown. */
  masked: Array<[StringMetaField, PathMask | string]>;
  /** Left out of hits (2.x: any masked_fields). */
  hidden: StringMetaField[];
  expressions: string;
  salt: string | Uint8Array | undefined;
  saltKnown: boolean;
  strict: boolean;
}

/** The check for a rule set; undefined when there is nothing to check (3.x without masks, or no such exclusion or mask). */
export function metaFieldCheck(m: Merged, saltKnown: boolean, strict: boolean | undefined): MetaFieldCheck | undefined {
  const merged = m.fls.merged;
  const major = pluginMajorVersion(m.masking.pluginVersion);
  // `_routing` / `_ignored` only with a known version: without one, every routed hit under FLS would be an unverifiable item
  const fls = merged === undefined || merged.length === 0 || (major !== undefined && major >= 3) ? [] : pluginHiddenMetaFields(merged, major ?? 2).filter((f) => f === '_id' || f === '_source' || major !== undefined);
  // under a name clash without a version the fields it does not concern are still judged, those it does are doubts;
  // with a 2.x version every search fails (as the _source walk, nothing is judged on a hit that cannot exist)
  const masks = m.maskExpressions.length === 0 || m.maskClash?.kind === 'fails' ? undefined : maskedMetaCheck(m, major, saltKnown, strict === true);
  return fls.length === 0 && masks === undefined ? undefined : { fields: fls, known: major !== undefined, rules: m.fls.patterns.join(', '), masks };
}

/** Hands a check kept from one verification to the next the salt of the verification using it (undefined drops it). */
export function setMetaSalt(check: MetaFieldCheck | undefined, salt: string | Uint8Array | undefined): void {
  if (check?.masks !== undefined) check.masks.salt = salt;
}

function maskedMetaCheck(m: Merged, major: number | undefined, saltKnown: boolean, strict: boolean): MaskedMetaCheck | undefined {
  const verdict = (name: string): PathMask | null | string => maskVerdict(m, nodeAt(m, name), m.maskClash?.message);
  // a match that cannot be told may be one: the field is then a doubt (checkMaskedMeta)
  const meta = pluginMaskedMetaFields((name) => verdict(name) !== null, major ?? 3);
  const masked = meta.masked.filter((f): f is StringMetaField => f !== '_id').map((f): [StringMetaField, PathMask | string] => [f, verdict(f) as PathMask | string]);
  const hidden = meta.hidden.filter((f): f is StringMetaField => f === '_routing' || f === '_ignored');
  if (masked.length === 0 && hidden.length === 0) return undefined;
  return { major, masked, hidden, expressions: m.maskExpressions.join(', '), salt: m.salt, saltKnown, strict };
}

/** `hit[f]`, read by name: one response's hits share a shape, and a named read of it costs far less than a computed key's. */
function metaValue(hit: Record<string, unknown>, f: FlsHiddenField): unknown {
  switch (f) {
    case '_id': return sharedPrototypes.polluted ? field(hit, '_id') : hit._id;
    case '_source': return sharedPrototypes.polluted ? field(hit, '_source') : hit._source;
    case '_routing': return sharedPrototypes.polluted ? field(hit, '_routing') : hit._routing;
    case '_ignored': return sharedPrototypes.polluted ? field(hit, '_ignored') : hit._ignored;
  }
}

/**
 * Reports each of `check.fields` the hit carries: an FLS leak when the version is 1.x/2.x, else unverifiable. A GET
 * or mget document (it has `found`) keeps its `_id` on 2.x, the id asked for. Then `_routing` / `_ignored` under
 * masked_fields (`orig`: the hit's original `_source`, when known).
 */
export function checkMetaFields(rep: HitReport, check: MetaFieldCheck, hit: Record<string, unknown>, orig: unknown): void {
  for (const f of check.fields) {
    if (metaValue(hit, f) === undefined || (f === '_id' && (sharedPrototypes.polluted ? hasField(hit, 'found') : 'found' in hit))) continue;
    const where = f === '_id' ? 'search hits' : 'hits, GET and mget documents';
    if (f === '_routing' || f === '_ignored') {
      addFinding(rep, { kind: 'fls-leak', path: f, detail: `the hit carries ${f}, but under these FLS rules (${check.rules}) the 1.x/2.x plugin leaves ${f} out of ${where}` });
    } else if (check.known) {
      addFinding(rep, { kind: 'fls-leak', path: f, detail: `the hit carries ${f}, a metadata field FLS (${check.rules}) matches: the 2.x plugin leaves ${f} out of ${where} under these rules` });
    } else {
      addUnverifiable(rep, { aspect: 'fls', path: f, reason: `FLS (${check.rules}) matches the metadata field ${f}: 1.x/2.x plugins leave it out of ${where}, 3.x returns it; give pluginVersion to decide` });
    }
  }
  if (check.masks !== undefined) checkMaskedMeta(rep, check.masks, hit, orig, check.fields);
}

function checkMaskedMeta(rep: HitReport, c: MaskedMetaCheck, hit: Record<string, unknown>, orig: unknown, flsHidden: readonly FlsHiddenField[]): void {
  for (const f of c.hidden) {
    // one finding per field: FLS reported it already
    if (metaValue(hit, f) === undefined || flsHidden.includes(f)) continue;
    addFinding(rep, { kind: 'fls-leak', path: f, detail: `the hit carries ${f}, but the 2.x plugin leaves ${f} out of hits, GET and mget under any masked_fields (${c.expressions})` });
  }
  if (c.major !== undefined && c.major < 3) return;
  for (const [f, pm] of c.masked) {
    const value = metaValue(hit, f);
    if (value === undefined) continue;
    if (typeof pm === 'string') {
      addUnverifiable(rep, { aspect: 'mask', path: f, reason: `whether and how masked_fields mask ${f} is unknown: ${pm}` });
    } else if (c.major === undefined) {
      addUnverifiable(rep, { aspect: 'mask', path: f, reason: `masked_fields (${pm.expression}) match ${f}: 2.x plugins leave it out of hits, 3.x masks it; give pluginVersion to decide` });
    } else if (f === '_routing') {
      checkMetaValue(rep, c, f, pm, value, undefined);
    } else {
      // the names of the fields the node ignored: paths of the original document (objects too, e.g. a geo_point)
      const names = orig === undefined ? undefined : maskedNames(c, pm, fieldPaths(orig).map((p) => p.path));
      for (const v of Array.isArray(value) ? value : [value]) checkMetaValue(rep, c, f, pm, v, names);
    }
  }
}

/** The original's field paths and their masks under every entry the plugin may pick (`computable`: all of them known). */
interface MaskedNames {
  clear: readonly string[];
  masked: Set<string>;
  computable: boolean;
}

function maskedNames(c: MaskedMetaCheck, pm: PathMask, clear: readonly string[]): MaskedNames {
  let computable = true;
  const masked = new Set<string>();
  for (const n of clear) {
    for (const [i, eff] of pm.effs.entries()) {
      if (eff.kind === 'blake2b' && !c.saltKnown) { computable = false; continue; }
      try {
        masked.add(applyEffectiveMask(n, eff, c.salt, pm.candidates[i]?.source));
      } catch {
        computable = false;
      }
    }
  }
  return { clear, masked, computable };
}

/**
 * One masked `_routing` value or `_ignored` name on 3.x: recomputed from `names` (the original's field paths; the
 * document's routing is never known: originals hold `_source` only), else checked for a digest's shape; a regex
 * mask without the clear value is unverifiable.
 */
function checkMetaValue(rep: HitReport, c: MaskedMetaCheck, f: StringMetaField, pm: PathMask, value: unknown, names: MaskedNames | undefined): void {
  const expression = pm.expression;
  if (typeof value !== 'string') {
    addUnverifiable(rep, { aspect: 'mask', path: f, reason: `${f} holds ${value === null ? 'null' : typeof value}, not the string the plugin masks` });
    return;
  }
  const digest = pm.shapes.every((s) => s !== undefined);
  if (digest && !pm.shapes.some((s) => (s as (v: string) => boolean)(value))) {
    addFinding(rep, { kind: 'unmasked', path: f, expression, detail: `${f} holds a value not shaped like a mask: masked_fields (${expression}) match ${f} and the 3.x plugin masks it in hits` });
    return;
  }
  if (names !== undefined) {
    if (names.masked.has(value)) { rep.masksRecomputed++; return; }
    if (names.computable && names.clear.includes(value)) {
      addFinding(rep, { kind: 'unmasked', path: f, expression, detail: `${f} holds a clear field name of the document: masked_fields (${expression}) match ${f} and the 3.x plugin masks each of its values in hits` });
      return;
    }
  }
  const unknown = f === '_routing' ? "the document's routing is not known to verifyHits (originals hold _source only)" : names === undefined ? 'the original document is unknown' : 'it is not the mask of any field of the original document';
  if (!digest) addUnverifiable(rep, { aspect: 'mask', path: f, reason: `regex mask (${expression}) of ${f} not recomputed: ${unknown}` });
  else if (c.strict) addUnverifiable(rep, { aspect: 'mask', path: f, reason: `mask of ${f} checked for shape only: ${unknown}` });
  else rep.masksShapeChecked++;
}

/** Marks a masked id several originals share (no document id is empty). */
const AMBIGUOUS = '';

/**
 * The original id of a search hit whose `_id` masked_fields mask (pluginMaskedMetaFields): each original of `index`
 * (a Map of `index/id` keys) has its masked id recomputed once per verification (maskedIdOf, every entry the plugin
 * may pick) and the hit's `_id` looked up among them. Undefined when none matches, it cannot be computed, or two
 * originals share it (a regex mask can give several ids one masked id: the hit's original is then unknown).
 */
export function originalIdOfMasked(cache: Map<string, Map<string, string>>, originals: OriginalsSource, index: string, hitId: string, pm: PathMask, salt: string | Uint8Array | undefined): string | undefined {
  if (typeof originals === 'function') return undefined;
  let ids = cache.get(index);
  if (ids === undefined) {
    ids = new Map();
    cache.set(index, ids);
    const prefix = `${index}/`;
    for (const key of originals.keys()) {
      if (!key.startsWith(prefix) || key.length === prefix.length) continue;
      const id = key.slice(prefix.length);
      for (const [i, eff] of pm.effs.entries()) {
        try {
          const masked = maskedIdOf(id, eff, salt, pm.candidates[i]?.source);
          const seen = ids.get(masked);
          ids.set(masked, seen === undefined || seen === id ? id : AMBIGUOUS);
        } catch {
          // a Java regex feature the SDK refuses, a mask that empties the id, or an unavailable digest: not computable
        }
      }
    }
  }
  const found = ids.get(hitId);
  return found === AMBIGUOUS ? undefined : found;
}

/** Reports a search hit whose `_id` is clear although masked_fields (`pm`) match `_id`: both 2.x and 3.x mask it there. */
export function reportClearId(rep: HitReport, pm: PathMask): void {
  addFinding(rep, { kind: 'unmasked', path: '_id', expression: pm.expression, detail: `the hit's _id is the document's clear id, but masked_fields (${pm.expression}) match _id: the plugin masks _id in search hits` });
}
