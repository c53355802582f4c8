/**
 * The three readings of a request's index names that the error layer needs too (a refusal names the path's indices),
 * apart from index-expressions.ts so that a client loads none of the pattern code: how the REST layer splits a list
 * (at commas, nothing trimmed: ` _all` names an index; measured on 2.19.4 and 3.4.0), `_all`, and a wildcard.
 */

/** A request's index list as the node splits it (a path segment, a bulk line's `_index`): at commas, nothing trimmed, empty names dropped. */
export const requestIndexList = (text: string): string[] => text.split(',').filter((s) => s !== '');

/** Whether `name` makes the plugin judge every index: `_all` exactly, anywhere among the names (isLocalAll; no trim). */
export const isAllName = (name: string): boolean => name === '_all';

/** Whether core expands `name` as a wildcard expression: only `*` counts (Regex.isSimpleMatchPattern; `?` is a literal). */
export const isRequestWildcard = (name: string): boolean => name.includes('*');
