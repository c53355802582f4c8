/** The hits of a search response as verifyHits and verifyHitsWithServer read them: one reader, bounded, safe against hand-built responses. */

import { isRecord } from './compiled-rules.js';
import { ArgumentTypeError } from '../fgac/argument-error.js';
import { field, hasField } from '../errors/own.js';

/** This module's own refusal (a TypeError, as before), told apart from whatever a getter of the response throws. */
class NotASearchResponse extends ArgumentTypeError {}

/** The hits array of a search response body or an opensearch-js `{ body }` response (a shallow copy); TypeError when there is none. */
export function searchHitsOf(response: unknown): unknown[] {
  try {
    let r = response;
    // the response's own fields (a `hits` or `body` a polluted Object.prototype holds is none of them)
    if (isRecord(r) && isRecord(field(r, 'body')) && !hasField(r, 'hits')) r = r.body;
    const outer = isRecord(r) ? field(r, 'hits') : undefined;
    const hits = isRecord(outer) ? field(outer, 'hits') : undefined;
    if (!Array.isArray(hits)) throw new NotASearchResponse('not a search response: expected hits.hits[]');
    // a report per entry: a sparse list of length 2^32 - 1 exhausted the heap (a response never holds this many)
    if (hits.length > MAX_HITS) throw new NotASearchResponse(`not a search response: hits.hits holds ${hits.length} entries (at most ${MAX_HITS} are verified at once)`);
    // a copy of the list (pointers only): a Proxy list fails here, once, instead of inside the loop
    return Array.prototype.slice.call(hits) as unknown[];
  } catch (error) {
    if (error instanceof NotASearchResponse) throw error;
    throw new ArgumentTypeError('not a search response: it could not be read (a getter or Proxy threw); pass the parsed JSON response');
  }
}

/** Most hits one call verifies (a search answers at most index.max_result_window, 10 000 by default). */
const MAX_HITS = 1_000_000;

/** What a search answer says about its own completeness: a `problem` when it is partial or inconsistent, and its total. */
export interface SearchAnswerState {
  /** Why the answer cannot be taken as whole (timed out, shards failed, terminated early, a total below the hits returned). */
  problem: string | undefined;
  /** `hits.total` (a number or its `value`); undefined when the answer gives none. */
  total: number | undefined;
  /** `hits.total.relation` is `gte`: the total is a lower bound. */
  lowerBound: boolean;
}

const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;

/**
 * Reads the completeness markers of a search answer `body` (a record) that returned `returned` hits: `timed_out`,
 * `terminated_early`, `_shards` (failed, failures, successful of total) and `hits.total`. Absent markers are
 * accepted (a hand-built answer); present ones of the wrong type are a problem, as is any sign of a partial answer.
 */
export function searchAnswerState(body: Record<string, unknown>, returned: number): SearchAnswerState {
  const state: SearchAnswerState = { problem: undefined, total: undefined, lowerBound: false };
  const flag = (name: string, what: string): string | undefined => {
    const v = field(body, name);
    if (v === undefined || v === false) return undefined;
    return v === true ? what : `${name} is not a boolean`;
  };
  const problem = flag('timed_out', 'it timed out (timed_out: true)') ?? flag('terminated_early', 'it terminated early (terminated_early: true)') ?? shardsProblem(field(body, '_shards'));
  const hits = field(body, 'hits') as Record<string, unknown>;
  const t = field(hits, 'total');
  if (t !== undefined) {
    const value = isCount(t) ? t : isRecord(t) && isCount(field(t, 'value')) ? (t.value as number) : undefined;
    const relation = isRecord(t) ? field(t, 'relation') : 'eq';
    if (value === undefined || (relation !== 'eq' && relation !== 'gte' && relation !== undefined)) state.problem = 'hits.total is not a count';
    else {
      state.total = value;
      state.lowerBound = relation === 'gte';
      if (!state.lowerBound && value < returned) state.problem = `hits.total (${value}) is below the ${returned} hit(s) returned`;
    }
  }
  state.problem = problem ?? state.problem;
  return state;
}

/** Why `_shards` says the answer is partial (or is malformed); undefined when absent or whole. */
function shardsProblem(shards: unknown): string | undefined {
  if (shards === undefined) return undefined;
  if (!isRecord(shards)) return '_shards is not an object';
  const [total, successful, failed, failures] = [field(shards, 'total'), field(shards, 'successful'), field(shards, 'failed'), field(shards, 'failures')];
  for (const [name, v] of [['total', total], ['successful', successful], ['failed', failed]] as const) {
    if (v !== undefined && !isCount(v)) return `_shards.${name} is not a count`;
  }
  if (failures !== undefined && !Array.isArray(failures)) return '_shards.failures is not a list';
  if ((failed as number | undefined ?? 0) > 0 || (Array.isArray(failures) && failures.length > 0)) return `${isCount(failed) ? failed : 'some'} shard(s) failed`;
  if (isCount(total) && isCount(successful) && successful < total) return `only ${successful} of ${total} shard(s) answered`;
  if (isCount(total) && isCount(successful) && successful > total) return `_shards says ${successful} of ${total} shard(s) answered`;
  return undefined;
}

