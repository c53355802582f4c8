/** Three-valued results of the DLS evaluator and how they combine (AND, OR, NOT, at least k). */
import { JsonNumber, type StrictJson } from '../../fgac/json.js';
import type { DlsResult } from './types.js';

/** The document matches (frozen: reports share it, and a caller's change to one must not reach later evaluations). */
export const MATCH: DlsResult = Object.freeze({ result: 'match' });
/** The document does not match, optionally saying which clause decided. */
export const noMatch = (reason?: string): DlsResult => (reason ? { result: 'no-match', reason } : { result: 'no-match' });
/** The evaluator cannot decide (never a pass). */
export const unverifiable = (reason: string): DlsResult => ({ result: 'unverifiable', reason });

/** AND of several results: a no-match decides, then an unverifiable one. */
export function and(results: DlsResult[]): DlsResult {
  const no = results.find((r) => r.result === 'no-match');
  if (no) return no;
  const u = results.find((r) => r.result === 'unverifiable');
  return u ?? MATCH;
}

/** OR of several results (several roles' DLS queries on one index are OR-ed). */
export function anyOf(results: DlsResult[]): DlsResult {
  if (results.some((r) => r.result === 'match')) return MATCH;
  const u = results.find((r) => r.result === 'unverifiable');
  return u ?? noMatch(results[0]?.reason);
}

/** NOT of a result (must_not). */
export function not(r: DlsResult): DlsResult {
  if (r.result === 'match') return noMatch('must_not clause matched');
  if (r.result === 'no-match') return MATCH;
  return r;
}

/** `minimum_should_match` as OpenSearch computes it; undefined when the spec is not supported. */
export function minimumShouldMatch(count: number, spec: StrictJson | undefined): number | undefined {
  if (spec === undefined || spec === null) return undefined;
  const s = spec instanceof JsonNumber ? spec.raw : typeof spec === 'string' ? spec.trim() : undefined;
  if (s === undefined || s.includes('<')) return undefined;
  let result: number;
  if (s.endsWith('%')) {
    const p = Number(s.slice(0, -1));
    if (!Number.isInteger(p)) return undefined;
    const calc = Math.fround(Math.fround(count * p) * Math.fround(1 / 100));
    result = calc < 0 ? count + Math.trunc(calc) : Math.trunc(calc);
  } else {
    const n = Number(s);
    if (!Number.isInteger(n)) return undefined;
    result = n < 0 ? count + n : n;
  }
  return Math.max(result, 0);
}

/**
 * Throws (SearchMayFailError) for a `minimum_should_match` the node cannot read: it reads a plain or `%` count with
 * Integer.parseInt (`2.00`, `2e0`, `50.5%` fail the whole search); conditional (`<`) forms are left to the caller.
 */
export function checkMinimumShouldMatch(spec: StrictJson | undefined): void {
  if (spec === undefined || spec === null) return;
  const s = spec instanceof JsonNumber ? spec.raw : typeof spec === 'string' ? spec.trim() : undefined;
  if (s === undefined) searchFails('minimum_should_match is neither a number nor a string');
  if (s.includes('<')) return;
  const m = /^[+-]?(\d+)%?$/.exec(s);
  if (m === null || Number(m[1]) > 2147483647) searchFails(`minimum_should_match ${JSON.stringify(s.slice(0, 40))} is not an integer or percentage to the node`);
}

/** True when at least `k` of the results match (should clauses). */
export function atLeast(results: DlsResult[], k: number): DlsResult {
  const m = results.filter((r) => r.result === 'match').length;
  const u = results.filter((r) => r.result === 'unverifiable');
  if (m >= k) return MATCH;
  if (m + u.length >= k) return u[0] ?? unverifiable('should clauses');
  return noMatch(`fewer than ${k} should clause(s) matched`);
}


/** Thrown while evaluating a clause the node may refuse to build (a value its field type cannot read): the search fails. */
export class SearchMayFailError extends Error {
  override name = 'SearchMayFailError';
}

/** Throws {@link SearchMayFailError}: the clause fails (or may fail) the whole search, whatever the document holds. */
export function searchFails(why: string): never {
  throw new SearchMayFailError(why);
}
