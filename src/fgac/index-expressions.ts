/**
 * How OpenSearch reads the index names a request sends (`logs-*,-logs-2`), the same at 2.19.4 and 3.4.0: core's
 * DateMathExpressionResolver and WildcardExpressionResolver, and the security plugin's IndexResolverReplacer.isLocalAll.
 * The REST layer splits at commas and trims nothing (` _all` names an index; measured on 2.19.4 and 3.4.0).
 * The plugin's index_not_found fallback is not only core's: see dateMathFallsBack.
 */
import { isDateMathExpression } from './date-math.js';
import { globWalk, isRegexPattern } from './field-patterns.js';
import { expandAliases, streamNamesIn, type IndexAliases } from './aliases.js';
import { isAllName, isRequestWildcard } from './request-names.js';

/** What one requested name is, read in its place in the list (see requestNameKinds). */
export type RequestNameKind = 'all' | 'wildcard' | 'exclusion' | 'date-math' | 'plain';

// the readings the error layer shares, in a module of their own (a client loads no pattern code)
export { isAllName, isRequestWildcard, requestIndexList, requestIndexNames } from './request-names.js';

/**
 * The kind of each of `names`, in order. A `-x` is an exclusion only after a name with `*` (core's `wildcardSeen`,
 * set by any such name, an exclusion or a `-x*` matching nothing included); before it `-x` is a literal index name,
 * which no index can have (index_not_found). `<...>` is date math (`<>` too: the node refuses it).
 */
export function requestNameKinds(names: readonly string[]): RequestNameKind[] {
  let wildcardSeen = false;
  return names.map((name) => {
    if (isAllName(name)) return 'all';
    if (name.startsWith('-') && wildcardSeen) return 'exclusion';
    // core resolves date math first: one whose name keeps a `*` is then a wildcard expression
    if (isDateMathExpression(name)) {
      wildcardSeen ||= isRequestWildcard(name);
      return 'date-math';
    }
    if (!isRequestWildcard(name)) return 'plain';
    wildcardSeen = true;
    return 'wildcard';
  });
}

/**
 * The names among `names` that must exist for core to resolve the request (else index_not_found): the plain ones
 * (a literal `-x` included) and the targets of the exclusions without `*` (core checks them too unless the request
 * ignores unavailable indices).
 */
export function namesThatMustExist(names: readonly string[]): string[] {
  const kinds = requestNameKinds(names);
  return names.flatMap((name, i) => {
    if (kinds[i] === 'plain') return [name];
    if (kinds[i] === 'exclusion' && !isRequestWildcard(name.slice(1))) return [name.slice(1)];
    return [];
  });
}

/** Core's Regex.simpleMatch (`*` any run of characters, dots included; everything else itself): a request's wildcard, an `action.auto_create_index` or template pattern. */
export const simpleMatch = (pattern: string, s: string): boolean => globWalk(pattern, s, false) === 'match';

/**
 * `names` (date math already resolved) as core resolves them against `clusterIndices`, in order: `_all` and each
 * wildcard add the indices they match and the members of the aliases and data streams they match, a plain name adds
 * itself, an exclusion removes what its target names (what its wildcard adds, or the name itself as given before:
 * `-alias` does not remove what a wildcard added through the alias); each index once. `skipped`: the indices a wildcard
 * does not expand to (the plugin's resolution, IndicesOptions.fromOptions(false, true, true, false, true): open and
 * hidden indices, never closed ones; a plain name of a closed index is kept).
 */
export function expandRequestNames(names: readonly string[], clusterIndices: readonly string[], aliases?: IndexAliases, skipped?: (index: string) => boolean): string[] {
  return expandWith(names, clusterIndices, aliases === undefined ? [] : Object.entries(aliases), skipped);
}

/** expandRequestNames with the table's entries read already. */
function expandWith(names: readonly string[], clusterIndices: readonly string[], containers: ReadonlyArray<readonly [string, readonly string[]]>, skipped?: (index: string) => boolean): string[] {
  const kinds = requestNameKinds(names);
  const matched = (pattern: string): string[] => [
    ...clusterIndices.filter((index) => simpleMatch(pattern, index)),
    ...containers.flatMap(([name, members]) => (simpleMatch(pattern, name) ? members : [])),
  ].filter((index) => skipped === undefined || !skipped(index));
  const out = new Set<string>();
  names.forEach((name, i) => {
    const kind = kinds[i];
    if (kind === 'exclusion') {
      const target = name.slice(1);
      if (!isRequestWildcard(target)) out.delete(target);
      else for (const index of matched(target)) out.delete(index);
    } else if (kind === 'wildcard' || kind === 'all') {
      for (const index of matched(kind === 'all' ? '*' : name)) out.add(index);
    } else out.add(name);
  });
  return [...out];
}

/**
 * The data streams among what `names` (date math resolved) name, as core's dataStreamNames finds them (its wildcard
 * resolver, data streams kept as names): a plain name that is a data stream, those a wildcard matches, less those an
 * exclusion names (`-h229-ds`, `-h229-*`: by the stream's name, not its backing indices'). The plugin judges them
 * beside the indices (IndexResolverReplacer.resolveTo at 2.19.4.0: `allIndices.addAll(matchingDataStreams)`), so a
 * role must cover the stream's name, not only its backing indices (measured on 2.19.4: h232-data-stream-names).
 */
export function dataStreamNames(names: readonly string[], aliases: IndexAliases | undefined): string[] {
  return namedAmong(names, streamNamesIn(aliases).streams);
}

/**
 * Which of the data streams `known` the names name (dataStreamNames); with the table's names that may be streams
 * (streamNamesIn's `maybe`: a copy of the table that lost its DATA_STREAMS key), the ones the plugin judges if they are.
 */
function namedAmong(names: readonly string[], known: readonly string[]): string[] {
  if (known.length === 0) return [];
  const kinds = requestNameKinds(names);
  const out = new Set<string>();
  names.forEach((name, i) => {
    const kind = kinds[i];
    if (kind === 'exclusion') {
      const target = name.slice(1);
      for (const s of known) if (isRequestWildcard(target) ? simpleMatch(target, s) : s === target) out.delete(s);
    } else if (kind === 'wildcard' || kind === 'all') {
      for (const s of known) if (simpleMatch(kind === 'all' ? '*' : name, s)) out.add(s);
    } else if (known.includes(name)) out.add(name);
  });
  return [...out];
}

/**
 * How core's resolution of `names` ends, walking them in order: `invalid` at a name starting with `_`
 * (InvalidIndexNameException, which the plugin does not catch: 400 before any privilege is judged), `missing` at a name
 * that must exist and does not (index_not_found, which the plugin catches), `unknown` at such a name when `exists` is
 * not known, else `resolved`. A request naming `_all` never gets there (isLocalAll).
 */
function resolutionEnd(names: readonly string[], exists: (name: string) => boolean | undefined): { end: 'invalid' | 'missing' | 'unknown' | 'resolved'; name?: string } {
  const kinds = requestNameKinds(names);
  for (const [i, name] of names.entries()) {
    if (name.startsWith('_')) return { end: 'invalid', name };
    const target = kinds[i] === 'plain' ? name : kinds[i] === 'exclusion' && !isRequestWildcard(name.slice(1)) ? name.slice(1) : undefined;
    if (target === undefined) continue;
    const known = exists(target);
    if (known === undefined) return { end: 'unknown' };
    if (!known) return { end: 'missing' };
  }
  return { end: 'resolved' };
}

/**
 * Whether the plugin judges `written` (a request's names before date math) as written, date math resolved, even when
 * core resolves them: IndexResolverReplacer (2.19.4.0 and 3.4.0.0) also asks core for the data streams the names
 * name (dataStreamNames, which runs the wildcard resolver only, date math not resolved), and there a `<...>` without
 * `*` is a missing index: index_not_found, which the plugin catches as for a missing name (its resolution is not the
 * request's: no ignore_unavailable unless respect_request_indices_options). Measured on 2.19.4 and 3.4.0:
 * `<a1>,x-*` is judged as `a1` and the text `x-*`, `<alias>` as the alias's name, not its indices.
 */
export const dateMathFallsBack = (written: readonly string[]): boolean => written.some((name) => isDateMathExpression(name) && !isRequestWildcard(name));

/** The names among `names` (date math resolved) that dateMathFallsBack leaves to their text though core would expand or follow them. */
export function namesJudgedAsText(written: readonly string[], names: readonly string[], aliases: IndexAliases | undefined): string[] {
  if (!dateMathFallsBack(written)) return [];
  const kinds = requestNameKinds(names);
  return names.filter((n, i) => kinds[i] === 'wildcard' || kinds[i] === 'exclusion' || (aliases !== undefined && Object.prototype.hasOwnProperty.call(aliases, n)));
}

/** The names the plugin judges for a request (requestIndices), or why the node fails the request before judging any. */
export interface RequestIndices {
  indices: string[];
  /** Why the node answers 400 whatever the privileges (a name starting with `_`). */
  invalid?: string;
  /**
   * Among `indices`, those only a wildcard (or `_all`) adds while which indices are closed is not known: the plugin
   * expands wildcards to open and hidden indices only, so one that is closed is not judged (a refusal resting on them
   * is undecided).
   */
  maybeClosed?: string[];
  /** Among `indices`, names judged only if they are data streams, which the table no longer says (dataStreamFact). */
  maybeStreams?: string[];
}

/**
 * The names the plugin judges for a request's `names` (date math resolved, in order; `written`: the same names before
 * date math): every name as written (a wildcard as its literal text, an exclusion as `-x`, an alias as its name) when
 * one that must exist is no index, alias or data stream, or when `written` holds a date-math name without `*` (core
 * throws index_not_found and the plugin falls back to the names; see dateMathFallsBack); else what they resolve to,
 * aliases expanded, the data streams they name kept beside their backing indices (dataStreamNames). Without
 * `clusterIndices` a name is known to exist only as an alias or data stream of `aliases` or an index behind one: when
 * every name that must exist is so known, what they resolve to; else the names as written (an exclusion kept: it may
 * be what the node judges) together with what they resolve to, both readings judged (the node judges the first when a
 * name is missing: a role covering an alias's indices but not its name is refused then). Wildcards and `_all` expand
 * to the indices that are not among `closedIndices` (the plugin's own index options, IndexResolverReplacer at
 * 2.19.4.0, whatever the request's `expand_wildcards` says; measured: h235-closed-wildcards); when those are not known,
 * to every index, listing the ones a wildcard alone adds in `maybeClosed`.
 */
export function requestIndices(
  names: readonly string[],
  clusterIndices: readonly string[] | undefined,
  aliases: IndexAliases | undefined,
  written: readonly string[] = names,
  closedIndices?: readonly string[],
): RequestIndices {
  // the table's entries read once (a large table, or a Proxy: explain-fidelity-cost)
  const entries = aliases === undefined ? [] : Object.entries(aliases);
  const streams = streamNamesIn(aliases, entries);
  const found = requestIndicesOf(names, clusterIndices, aliases, written, closedIndices, streams.streams, entries);
  if (!found.resolved) return found.judged;
  // names that may be data streams the table no longer marks: judged too, a refusal resting on them undecided
  const maybe = namedAmong(names, streams.maybe).filter((s) => !found.judged.indices.includes(s));
  return maybe.length === 0 ? found.judged : { ...found.judged, indices: [...found.judged.indices, ...maybe], maybeStreams: maybe };
}

/**
 * What `names` resolve to against `clusterIndices` (see requestIndices), the wildcards (and `_all`) expanded to the
 * indices that are not closed (`closedIndices`); when those are not known, to every index, those that may be closed
 * listed in `maybeClosed`.
 */
function resolvedAgainst(
  names: readonly string[], clusterIndices: readonly string[], aliases: IndexAliases | undefined, closedIndices: readonly string[] | undefined,
  streams: readonly string[], containers: ReadonlyArray<readonly [string, readonly string[]]>,
): RequestIndices {
  const named = namedAmong(names, streams);
  const judged = (skipped?: (index: string) => boolean): string[] => [...new Set([...expandAliases(expandWith(names, clusterIndices, containers, skipped), aliases), ...named])];
  if (closedIndices !== undefined) {
    const closed = new Set(closedIndices);
    return { indices: judged((index) => closed.has(index)) };
  }
  const indices = judged();
  // what the names give when every index may be closed: the rest comes from a wildcard only
  const surely = new Set(judged(() => true));
  const maybeClosed = indices.filter((i) => !surely.has(i));
  return maybeClosed.length > 0 ? { indices, maybeClosed } : { indices };
}

/** requestIndices before the names that may be data streams; `resolved`: core resolved the names (the plugin adds the streams they name). */
function requestIndicesOf(
  names: readonly string[],
  clusterIndices: readonly string[] | undefined,
  aliases: IndexAliases | undefined,
  written: readonly string[],
  closedIndices: readonly string[] | undefined,
  streams: readonly string[],
  entries: ReadonlyArray<readonly [string, readonly string[]]>,
): { judged: RequestIndices; resolved: boolean } {
  const as = (judged: RequestIndices, resolved = false): { judged: RequestIndices; resolved: boolean } => ({ judged, resolved });
  const kinds = requestNameKinds(names);
  if (kinds.includes('all')) return as(clusterIndices === undefined ? { indices: ['*'] } : resolvedAgainst(['*'], clusterIndices, undefined, closedIndices, [], []));
  const known = clusterIndices === undefined ? undefined : new Set(clusterIndices);
  const inTable = (n: string): boolean => aliases !== undefined && Object.prototype.hasOwnProperty.call(aliases, n);
  // without the cluster's indices, an alias or data stream of the table (and an index behind one) is known to exist
  const members = known !== undefined || aliases === undefined ? undefined : new Set(Object.values(aliases).flatMap((m) => (Array.isArray(m) ? m : [])));
  const exists = (n: string): boolean | undefined => (known !== undefined ? known.has(n) || inTable(n) : inTable(n) || members?.has(n) === true ? true : undefined);
  const { end, name } = resolutionEnd(names, exists);
  if (end === 'invalid') return as({ indices: [...new Set(names)], invalid: `OpenSearch refuses the index name ${name ?? ''}: it must not start with '_'` });
  if (end === 'missing' || dateMathFallsBack(written)) return as({ indices: [...new Set(names)] });
  if (clusterIndices === undefined) {
    const mayBeMissing = end === 'unknown' || kinds.includes('date-math');
    const kept = mayBeMissing ? names : names.filter((_, i) => kinds[i] !== 'exclusion');
    if (aliases === undefined) return as({ indices: [...new Set(kept)] });
    // a name that may be missing may make the node judge every name as written (an alias by its name), else what they
    // resolve to: both readings are judged
    const resolved = [...expandAliases(kept, aliases), ...namedAmong(names, streams)];
    return as({ indices: [...new Set(mayBeMissing ? [...kept, ...resolved] : resolved)] }, true);
  }
  return as(resolvedAgainst(names, clusterIndices, aliases, closedIndices, streams, entries), true);
}

/**
 * Whether every name core could expand the request wildcard `name` to matches the role's wildcard `pattern` (`*`, `?`):
 * the pattern matches the text with each `*` of the name inside one of its own `*`s. A regex, or a name too long to
 * walk, is never known to (a regex may match the text alone: the regex `x-\\*` matches `x-*` and no index).
 */
export function expansionsWithin(pattern: string, name: string): boolean {
  if (isRegexPattern(pattern) || pattern.length * name.length > 1_000_000) return false;
  // at[j]: the pattern's first i characters can match the name's first j
  let at = Array.from({ length: name.length + 1 }, (_, j) => j === 0);
  for (const c of pattern) {
    const next = new Array<boolean>(name.length + 1).fill(false);
    for (let j = 0; j <= name.length; j++) {
      if (c === '*') next[j] = at[j] === true || (j > 0 && next[j - 1] === true);
      else if (j > 0 && at[j - 1] === true) next[j] = c === '?' ? name[j - 1] !== '*' : name[j - 1] === c;
    }
    at = next;
  }
  return at[name.length] === true;
}
