/** The hits of a search response as verifyHits and verifyHitsWithServer read them: one reader, bounded, safe against hand-built responses. */

import { isRecord } from './compiled-rules.js';
import { ArgumentTypeError } from '../fgac/argument-error.js';

/** This module's own refusal (a TypeError, as before), told apart from whatever a getter of the response throws. */
class NotASearchResponse extends ArgumentTypeError {}

/** The hits array of a search response body or an opensearch-js `{ body }` response (a shallow copy); TypeError when there is none. */
export function searchHitsOf(response: unknown): unknown[] {
  try {
    let r = response;
    if (isRecord(r) && isRecord(r.body) && !('hits' in r)) r = r.body;
    const hits = isRecord(r) && isRecord(r.hits) ? r.hits.hits : undefined;
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
