/** What verifyHits reads from the caller beyond the expectations: parts of a hit, and the callbacks it was given. */
import { ConfigError } from '../errors/classes.js';
import type { DlsResult } from './dls/index.js';
import type { AccessExpectations } from './expectations.js';
import { isRecord } from './compiled-rules.js';
import { addUnverifiable, type HitReport } from './report.js';
import { sharedPrototypes } from './prototype-check.js';
import { field, hasField } from '../errors/own.js';

/** The object `key` of a hit (undefined when absent or not an object); one that cannot be read is an unverifiable item. */
export function partOf(h: Record<string, unknown>, key: 'fields' | 'highlight' | 'inner_hits', rep: HitReport): Record<string, unknown> | undefined {
  try {
    // read by name (see meta-fields.ts metaValue)
    const v = sharedPrototypes.polluted ? field(h, key) : key === 'fields' ? h.fields : key === 'highlight' ? h.highlight : h.inner_hits;
    if (!isRecord(v)) return undefined;
    Object.keys(v);
    return v;
  } catch {
    addUnverifiable(rep, { aspect: 'hit', reason: `the hit's ${key} could not be read (a getter or Proxy threw)` });
    return undefined;
  }
}

/**
 * What a search hit always holds as JSON and this one does not: an `_index` or `_id` that is not a string (2.x
 * leaves `_id` out under some FLS, it never holds another type), a `_source` that is not an object. Such a hit was
 * matched or judged on a stand-in (`String(_index)`, no id, a walk over a string): an unverifiable item, never a pass.
 */
export function checkHitShape(rep: HitReport, h: Record<string, unknown>, source: unknown): void {
  const guard = sharedPrototypes.polluted;
  const odd = typeof (guard ? field(h, '_index') : h._index) !== 'string' ? '_index is not a string'
    : (guard ? hasField(h, '_id') : '_id' in h) && typeof (guard ? field(h, '_id') : h._id) !== 'string' ? '_id is not a string'
    : source !== undefined && !isRecord(source) ? `_source is ${source === null ? 'null' : Array.isArray(source) ? 'an array' : `a ${typeof source}`}, not an object` : undefined;
  if (odd !== undefined) addUnverifiable(rep, { aspect: 'hit', reason: `the hit's ${odd}: it cannot be judged as a search hit` });
}

/** A caller's callback of the expectations that threw: a ConfigError naming it, without what it threw. */
export function callbackFailed(option: string): ConfigError {
  return new ConfigError(option, `${option}: threw while verifying (what it threw is not repeated)`);
}

const VERDICTS = new Set(['match', 'no-match', 'unverifiable']);

/**
 * The verdict `dlsVerdict` gives a hit, copied (result, and reason when a string): undefined falls back to the local
 * evaluator; anything else but a DlsResult is unverifiable, never a match.
 */
export function verdictOf(dlsVerdict: AccessExpectations['dlsVerdict'], index: string, id: string): DlsResult | undefined {
  if (dlsVerdict === undefined) return undefined;
  let v: unknown;
  try {
    v = dlsVerdict(index, id);
  } catch {
    throw callbackFailed('expectations.dlsVerdict');
  }
  if (v === undefined) return undefined;
  // read once into a verdict of the report's own: a getter or Proxy answering one thing to this check and another to
  // the verifier (or to JSON.stringify) could otherwise pass a hit whose verdict is not a match
  let result: unknown;
  let reason: unknown;
  try {
    result = v !== null && typeof v === 'object' ? (v as { result?: unknown }).result : undefined;
    reason = typeof result === 'string' && VERDICTS.has(result) ? (v as { reason?: unknown }).reason : undefined;
  } catch {
    return { result: 'unverifiable', reason: 'the verdict dlsVerdict returned could not be read (a getter or Proxy threw)' };
  }
  if (typeof result === 'string' && VERDICTS.has(result)) {
    const verdict = result as DlsResult['result'];
    return typeof reason === 'string' ? { result: verdict, reason } : { result: verdict };
  }
  return { result: 'unverifiable', reason: `dlsVerdict returned ${result === undefined ? typeof v : `result ${JSON.stringify(String(result).slice(0, 40))}`}, not a DLS verdict` };
}

const MAP_GET = Map.prototype.get;
const MAP_ENTRIES = Map.prototype.entries;

/** A Map whose get and entries are Map's own (a subclass or a patched Map is only asked through get). */
export function isPlainMap(o: unknown): o is Map<unknown, unknown> {
  return o instanceof Map && Object.getPrototypeOf(o) === Map.prototype && o.get === MAP_GET && o.entries === MAP_ENTRIES;
}

/** Whether `key` is `${index}/${id}` (compared in place, without building the string). */
export function isKeyOf(key: unknown, index: string, id: string): boolean {
  return typeof key === 'string' && key.length === index.length + 1 + id.length && key.charCodeAt(index.length) === 0x2f && key.startsWith(index) && key.endsWith(id);
}
