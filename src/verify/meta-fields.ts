/**
 * verifyHits' check of the metadata fields FLS removes from hits: on 1.x/2.x an exclusion matching `_source` or
 * `_id` leaves it out (fls-source.ts, pluginHiddenMetaFields), so a hit that still carries it did not come from
 * these rules; 3.x keeps both. Without the plugin version the check is an unverifiable item, not a guess. Masked_fields
 * matching `_id` mask it in search hits (fls-source.ts pluginMaskedMetaFields): originalIdOfMasked finds the original.
 */
import { pluginMajorVersion } from '../fgac/plugin-version.js';
import type { CompiledFls } from './fls.js';
import { maskedIdOf, pluginHiddenMetaFields } from './fls-source.js';
import { addFinding, addUnverifiable, type HitReport } from './report.js';
import type { PathMask } from './compiled-rules.js';
import type { OriginalsSource } from './expectations.js';

/** The metadata fields a rule set removes from hits on 1.x/2.x, and whether the plugin version is known to be 1.x/2.x. */
export interface MetaFieldCheck {
  fields: Array<'_id' | '_source'>;
  known: boolean;
  rules: string;
}

/** The check for a rule set under `pluginVersion`; undefined when there is nothing to check (3.x, or no such exclusion). */
export function metaFieldCheck(fls: CompiledFls, pluginVersion: string | undefined): MetaFieldCheck | undefined {
  const merged = fls.merged;
  if (merged === undefined || merged.length === 0) return undefined;
  const major = pluginMajorVersion(pluginVersion);
  if (major !== undefined && major >= 3) return undefined;
  const fields = pluginHiddenMetaFields(merged, major ?? 2).filter((f): f is '_id' | '_source' => f === '_id' || f === '_source');
  return fields.length === 0 ? undefined : { fields, known: major !== undefined, rules: fls.patterns.join(', ') };
}

/**
 * Reports each of `check.fields` the hit carries: an FLS leak when the version is 1.x/2.x, else unverifiable. A GET
 * or mget document (it has `found`) keeps its `_id` on 2.x, the id asked for.
 */
export function checkMetaFields(rep: HitReport, check: MetaFieldCheck, hit: Record<string, unknown>): void {
  for (const f of check.fields) {
    if (hit[f] === undefined || (f === '_id' && 'found' in hit)) continue;
    const where = f === '_id' ? 'search hits' : 'hits, GET and mget documents';
    if (check.known) {
      addFinding(rep, { kind: 'fls-leak', path: f, detail: `the hit carries ${f}, a metadata field FLS (${check.rules}) matches: the 2.x plugin leaves ${f} out of ${where} under these rules` });
    } else {
      addUnverifiable(rep, { aspect: 'fls', path: f, reason: `FLS (${check.rules}) matches the metadata field ${f}: 1.x/2.x plugins leave it out of ${where}, 3.x returns it; give pluginVersion to decide` });
    }
  }
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
