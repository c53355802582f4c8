/** What verifyHits reads from the caller beyond the expectations: parts of a hit, and the callbacks it was given. */
import { ConfigError } from '../errors/classes.js';
import type { DlsResult } from './dls/index.js';
import type { AccessExpectations } from './expectations.js';
import { isRecord } from './compiled-rules.js';
import { addUnverifiable, type HitReport } from './report.js';

/** The object `key` of a hit (undefined when absent or not an object); one that cannot be read is an unverifiable item. */
export function partOf(h: Record<string, unknown>, key: 'fields' | 'highlight' | 'inner_hits', rep: HitReport): Record<string, unknown> | undefined {
  try {
    const v = h[key];
    if (!isRecord(v)) return undefined;
    Object.keys(v);
    return v;
  } catch {
    addUnverifiable(rep, { aspect: 'hit', reason: `the hit's ${key} could not be read (a getter or Proxy threw)` });
    return undefined;
  }
}

/** A caller's callback of the expectations that threw: a ConfigError naming it, without what it threw. */
export function callbackFailed(option: string): ConfigError {
  return new ConfigError(option, `${option}: threw while verifying (what it threw is not repeated)`);
}

const VERDICTS = new Set(['match', 'no-match', 'unverifiable']);

/** The verdict `dlsVerdict` gives a hit: undefined falls back to the local evaluator; anything else but a DlsResult is unverifiable, never a match. */
export function verdictOf(dlsVerdict: AccessExpectations['dlsVerdict'], index: string, id: string): DlsResult | undefined {
  if (dlsVerdict === undefined) return undefined;
  let v: unknown;
  try {
    v = dlsVerdict(index, id);
  } catch {
    throw callbackFailed('expectations.dlsVerdict');
  }
  if (v === undefined) return undefined;
  const result = v !== null && typeof v === 'object' ? (v as { result?: unknown }).result : undefined;
  if (typeof result === 'string' && VERDICTS.has(result)) return v as DlsResult;
  return { result: 'unverifiable', reason: `dlsVerdict returned ${result === undefined ? typeof v : `result ${JSON.stringify(String(result).slice(0, 40))}`}, not a DLS verdict` };
}
