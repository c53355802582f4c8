/**
 * The three readings of a request's index names that the error layer needs too (a refusal names the path's indices),
 * apart from index-expressions.ts so that a client loads none of the pattern code: how the REST layer splits a list
 * (at commas, nothing trimmed: ` _all` names an index; measured on 2.19.4 and 3.4.0), `_all`, and a wildcard.
 */

/**
 * A request's index list as the node splits it (a path segment, a bulk line's `_index`, an msearch header's `index`):
 * core's Strings.splitStringByCommaToArray, Java's `text.split(",")`: at commas, nothing trimmed, the empty text no
 * name, trailing empty names dropped but leading and middle ones kept (`,a` and `a,,a` name the index ``, which no index
 * can be: a missing name, judged as written; measured on 2.19.4, h229/h232-empty-names).
 */
export function requestIndexList(text: string): string[] {
  const names = text === '' ? [] : text.split(',');
  while (names.length > 0 && names[names.length - 1] === '') names.pop();
  return names;
}

/**
 * Names given as a string or an array, as the node reads them once the client has sent them: an array joined at commas
 * (as opensearch-js writes it into the path), then split as requestIndexList (`["", "a"]` and `["a,", "b"]` name ``).
 */
export const requestIndexNames = (index: string | readonly string[]): string[] => requestIndexList(typeof index === 'string' ? index : index.join(','));

/** Whether `name` makes the plugin judge every index: `_all` exactly, anywhere among the names (isLocalAll; no trim). */
export const isAllName = (name: string): boolean => name === '_all';

/** Whether core expands `name` as a wildcard expression: only `*` counts (Regex.isSimpleMatchPattern; `?` is a literal). */
export const isRequestWildcard = (name: string): boolean => name.includes('*');
