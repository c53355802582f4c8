/**
 * The path of a request target as the node reads it: cut at its first `?` (query-params.ts splitTarget, the one home
 * for that cut: a `#` is no cut), split at `/`, empty segments dropped, each percent-decoded (a malformed escape is
 * kept as written). A segment naming indices is read by index-expressions.ts requestIndexList.
 */
import { splitTarget } from './query-params.js';

/** The decoded segments of `target`'s path: `/logs,metrics/_search?q=x` -> [`logs,metrics`, `_search`]. */
export function pathSegments(target: string): string[] {
  return splitTarget(target).path.split('/').filter((s) => s !== '').map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
}
