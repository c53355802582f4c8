/**
 * How a refusal's message names its indices. The plugin names none in a refusal: they are the request path's targets,
 * so one name is said exactly, several as "one or more of", a pattern as the indices it matches.
 */
import { isAllName, isRequestWildcard } from '../fgac/request-names.js';

const listed = (items: readonly string[]): string => items.join(', ');

/** An index expression that names many indices: a wildcard, or `_all` (fgac/index-expressions.ts, as the node reads them). */
const isPattern = (index: string): boolean => isRequestWildcard(index) || isAllName(index);

/**
 * ` on ..`: what a refusal's indices say (the plugin names none; they are the request path's): one name exactly; of several, one or
 * more of them; of a pattern, one or more of the indices it matches (`-x` after a pattern excludes x from it).
 */
export function indicesPhrase(indices: readonly string[] | null): string {
  if (indices === null || indices.length === 0) return '';
  if (indices.length === 1 && !isPattern(indices[0] ?? '')) return ` on [${listed(indices)}]`;
  const names: string[] = [];
  const patterns: string[] = [];
  const excluded: string[] = [];
  for (const index of indices) {
    if (isPattern(index)) patterns.push(index);
    else if (index.startsWith('-') && index.length > 1 && patterns.length > 0) excluded.push(index.slice(1));
    else names.push(index);
  }
  if (patterns.length === 0) return ` on one or more of [${listed(names)}]`;
  const matching = `the indices matching [${listed(patterns)}]${excluded.length > 0 ? ` except [${listed(excluded)}]` : ''}`;
  return names.length === 0 ? ` on one or more of ${matching}` : ` on one or more of [${listed(names)}] and ${matching}`;
}
