/**
 * verifyHits' check of the metadata fields FLS removes from hits: on 1.x/2.x an exclusion matching `_source` or
 * `_id` leaves it out (fls-source.ts, pluginHiddenMetaFields), so a hit that still carries it did not come from
 * these rules; 3.x keeps both. Without the plugin version the check is an unverifiable item, not a guess.
 */
import { pluginMajorVersion } from '../fgac/plugin-version.js';
import type { CompiledFls } from './fls.js';
import { pluginHiddenMetaFields } from './fls-source.js';
import { addFinding, addUnverifiable, type HitReport } from './report.js';

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
