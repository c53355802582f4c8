/**
 * Field-level security entries (`fls` of a role's index permission): `field`, `~field` (exclude; the
 * plugin also accepts a legacy `!`), wildcards `*` / `?`, and `/regex/` (full match, Java syntax).
 * Messages follow the plugin (`FieldPrivileges.FlsPattern`, OpenSearch 3.x); the REST API itself does not
 * validate FLS on PUT, a bad pattern only breaks later when the role is evaluated. Role validation
 * (`security/`) and FLS evaluation (`verify/`) both split entries with {@link toFlsEntry}.
 */
import { checkJavaRegex } from './java-regex/check.js';
import { isRegexPattern } from './field-patterns.js';
import { parsePluginVersion, pluginVersionOrUnknown, versionAtLeast, type PluginDialect } from './plugin-version.js';
import { opt } from '../errors/own.js';

/** A typed FLS entry: a field pattern to include, or one to exclude. */
export type FlsEntry = { include: string; exclude?: never } | { exclude: string; include?: never };

/** How the plugin matches a pattern. */
export type FlsPatternSyntax = 'any' | 'exact' | 'prefix' | 'wildcard' | 'regex' | 'none';

/** A parsed FLS pattern. */
export interface ParsedFlsPattern {
  kind: 'include' | 'exclude';
  /** The pattern without the `~`/`!` prefix. */
  pattern: string;
  syntax: FlsPatternSyntax;
  /** The deprecated `!` prefix was used instead of `~`. */
  legacyBang: boolean;
}

/** A rejected FLS pattern; `exact` when the plugin uses the same message. */
export interface FlsError {
  message: string;
  exact: boolean;
}

/** The outcome of {@link parseFlsPattern}. */
export type FlsParseResult =
  | { ok: true; source: string; value: ParsedFlsPattern; warnings: string[] }
  | { ok: false; source: string; error: FlsError };

function syntaxOf(pattern: string): FlsPatternSyntax {
  if (pattern.trim() === '') return 'none';
  if (pattern === '*') return 'any';
  if (isRegexPattern(pattern)) return 'regex';
  const star = pattern.indexOf('*');
  if (star === -1 && !pattern.includes('?')) return 'exact';
  if (star === pattern.length - 1 && !pattern.includes('?')) return 'prefix';
  return 'wildcard';
}

/** Parses and validates one FLS entry string (e.g. `~FlightNum`, `customer.*`, `/a[0-9]+/`). */
export function parseFlsPattern(source: string, options: { dialect?: PluginDialect } = {}): FlsParseResult {
  const dialect = options.dialect ?? 'v2';
  const empty = emptyFlsEntryFailure(source, dialect);
  if (empty !== undefined) return { ok: false, source, error: { message: empty, exact: false } };
  const first = source[0];
  const { excluded, pattern } = splitFlsEntry(source);
  const syntax = syntaxOf(pattern);
  const warnings: string[] = [];
  if (syntax === 'regex') {
    const invalid = (): FlsParseResult => ({ ok: false, source, error: { message: `Invalid FLS pattern ${source}`, exact: dialect === 'v3' } });
    // WildcardMatcher fails a precondition on a lone `/`: an IllegalArgumentException without a message, not the
    // PatternSyntaxException FlsPattern words as "Invalid FLS pattern" (seen on 2.19.4 and 3.4.0)
    if (pattern.length < 2) {
      const message = dialect === 'v3'
        ? `'${source}': '/' alone is not a regular expression; 3.0-3.5 log "Ignoring role" (IllegalArgumentException: null) and drop the role's FLS from this index permission on (a user with only this role then sees no field)`
        : `'${source}': '/' alone is not a regular expression; 2.x compares it as an exact field name while no entry of the user's FLS holds '.' or '*', and otherwise fails every search on the index`;
      return { ok: false, source, error: { message, exact: false } };
    }
    const check = checkJavaRegex(pattern.slice(1, -1));
    if (!check.ok) return invalid();
    if (!check.reproducible) warnings.push(`${pattern} uses Java-only regex syntax the client cannot reproduce (${check.unsupported ?? ''}); client-side FLS checks cannot evaluate it`);
    if (!check.verified) warnings.push(`${pattern}: the client cannot tell whether the JDK accepts it`);
  }
  if (syntax === 'none' && dialect === 'v2' && pattern !== '') {
    // 2.x's exact-name shortcut compares it as written (the field named ' ' shows; seen on 2.19.4); WildcardMatcher: nothing
    warnings.push(`'${source}' is blank: 2.x ${excluded ? 'hides' : 'shows'} the field named '${pattern}' while no entry of the user's FLS holds '.' or '*', otherwise (and on 3.x) it matches no field`);
  } else if (syntax === 'none') {
    warnings.push(excluded ? `'${source}' names no field and has no effect` : `'${source}' names no field: it includes nothing (with no other include, every field is hidden)`);
  }
  if (dialect === 'v2' && (syntax === 'regex' || pattern.includes('?'))) {
    // 2.x filters _source with OpenSearch's source filtering (only `*` is a wildcard): verify/fls-source.ts
    warnings.push(excluded
      ? `on 2.x '${source}' hides matching fields from searches but not from documents' _source, where '?' and /regex/ match only their literal text`
      : `on 2.x '${source}' keeps no field in documents' _source, where '?' and /regex/ match only their literal text`);
  }
  if (first === '!') warnings.push(`'!' is an undocumented legacy prefix; use '~${pattern}'`);
  if (pattern.endsWith('.keyword')) {
    warnings.push(`'.keyword' subfields are normalised to their parent field; '${pattern}' matches nothing, use '${pattern.slice(0, -'.keyword'.length)}'`);
  }
  return { ok: true, source, value: { kind: excluded ? 'exclude' : 'include', pattern, syntax, legacyBang: first === '!' }, warnings };
}

/** Warnings that apply to a whole `fls` list (mixed includes and excludes: only the excludes take effect). */
export function flsListWarnings(entries: readonly FlsEntry[]): string[] {
  const hasInclude = entries.some((e) => opt(e, 'include') !== undefined);
  const hasExclude = entries.some((e) => opt(e, 'exclude') !== undefined);
  return hasInclude && hasExclude ? ['fls mixes includes and excludes: the plugin applies only the excludes'] : [];
}

/** Formats a typed entry into the API string (`~` for excludes). */
export function formatFlsEntry(entry: FlsEntry): string {
  const exclude = opt(entry, 'exclude');
  return exclude !== undefined ? `~${exclude}` : (entry.include as string);
}

/** Converts an API string into a typed entry (`~x` and legacy `!x` become `{ exclude: 'x' }`). */
export function toFlsEntry(source: string): FlsEntry {
  const { excluded, pattern } = splitFlsEntry(source);
  return excluded ? { exclude: pattern } : { include: pattern };
}

/**
 * The plugin's split of an FLS entry: a leading `~` (or the legacy `!`) excludes the rest, anything else (`''` too, on
 * 3.x a pattern matching nothing) includes itself. Every reader of an entry's kind splits it here.
 */
export function splitFlsEntry(source: string): { excluded: boolean; pattern: string } {
  const first = source[0];
  return first === '~' || first === '!' ? { excluded: true, pattern: source.slice(1) } : { excluded: false, pattern: source };
}

/** The API string of an entry with a legacy `!` prefix written as `~` (the same entry for the plugin). */
export function canonicalFlsEntry(source: string): string {
  const { excluded, pattern } = splitFlsEntry(source);
  return excluded ? `~${pattern}` : source;
}

/**
 * 2.x's shortcut (DlsFlsFilterLeafReader `canOptimize`): when no entry of the merged list holds `.` or `*`, field names
 * are compared with the entries as exact names (`?` and `/regex/` then match only their own text).
 */
export function v2FlsExactNames(patterns: readonly string[]): boolean {
  return !patterns.some((p) => p.includes('.') || p.includes('*'));
}

/**
 * Whether the plugin of `pluginVersion` compares every merged FLS entry as an exact field name: 1.x/2.x under
 * {@link v2FlsExactNames}'s shortcut, for what a search reads (`_source`, queries, aggregations, doc values; field_caps
 * still lists fields by pattern). False on 3.x, and for an unknown version (entries then read as patterns, as 3.x does:
 * never hiding less than a 2.x node).
 */
export function flsComparesExactNames(merged: readonly string[], pluginVersion: string | undefined): boolean {
  const version = parsePluginVersion(pluginVersionOrUnknown(pluginVersion));
  return version !== undefined && version.major < 3 && !merged.includes('') && v2FlsExactNames(merged);
}

/**
 * Which question an FLS answer is about: `search` is what a search of that plugin generation reads (queries,
 * aggregations, doc values: compileFls, isFieldVisible; the `fields` API reads the filtered `_source`, a multi-field
 * through its parent: 2.19.4 shows `o.x` there under `['o']`, test/integration/h183-fls-questions.test.ts); `roles` is
 * what the roles include and exclude, with that generation's name matching (verifyHits holds a response to it: a shown
 * member of an excluded object is a leak even where a 2.x search reads it, a member of an included object is no leak
 * even where a 2.x search does not).
 */
export type FlsQuestion = 'search' | 'roles';

/**
 * How the merged entries meet field names. `exactNames`: every entry is an exact field name (flsComparesExactNames);
 * `ownNames`: each field of the index is kept or dropped by its own name (1.x/2.x searches: DlsFlsFilterLeafReader
 * filters the index's field list), so an included object `o` covers no `o.x` and an excluded one covers it only under
 * the exact-name shortcut; otherwise an entry naming an object covers its members both ways (3.x's FieldPrivileges).
 */
export interface FlsNameReading {
  readonly exactNames: boolean;
  readonly ownNames: boolean;
}

/** The {@link FlsNameReading} of the merged entries `merged` for `question` on the plugin of `pluginVersion` (unknown: 3.x's). */
export function flsNameReading(merged: readonly string[], pluginVersion: string | undefined, question: FlsQuestion): FlsNameReading {
  const version = parsePluginVersion(pluginVersionOrUnknown(pluginVersion));
  return { exactNames: flsComparesExactNames(merged, pluginVersion), ownNames: question === 'search' && version !== undefined && version.major < 3 };
}

/**
 * Why an empty entry `''` fails under plugin generation `dialect`: 2.x reads each entry's first character
 * (`charAt(0)`, a StringIndexOutOfBoundsException) and fails every search on the index; 3.x reads it as a pattern
 * matching nothing (undefined). Undefined for a non-empty entry.
 */
export function emptyFlsEntryFailure(source: string, dialect: PluginDialect): string | undefined {
  if (source.length > 0 || dialect === 'v3') return undefined;
  return 'An FLS pattern must not be empty: 2.x fails every search on the index under it (String index out of range: 0)';
}

/** Shorthand for `{ include: pattern }`. */
export function flsInclude(pattern: string): FlsEntry {
  return { include: pattern };
}

/** Shorthand for `{ exclude: pattern }`. */
export function flsExclude(pattern: string): FlsEntry {
  return { exclude: pattern };
}

/** Why the plugin's WildcardMatcher cannot compile FLS entry `source` (`/` alone, a `/regex/` the JDK refuses); undefined when it can. */
export function flsEntryCompileFailure(source: string): string | undefined {
  return wildcardPatternFailure(splitFlsEntry(source).pattern);
}

/** Why WildcardMatcher.from cannot compile `pattern` (`/` alone, a `/regex/` the JDK refuses); undefined when it can. */
export function wildcardPatternFailure(pattern: string): string | undefined {
  if (!isRegexPattern(pattern)) return undefined;
  if (pattern.length < 2) return `'/' alone is not a regular expression (IllegalArgumentException)`;
  const check = checkJavaRegex(pattern.slice(1, -1));
  return check.ok ? undefined : `${check.description} (PatternSyntaxException)`;
}

/**
 * What the plugin does with FLS rules holding an entry it cannot compile (checked on 2.19.4 and 3.4.0,
 * test/integration/fc51-fls-uncompiled.test.ts):
 * - `exact-names` (1.x/2.x while no merged entry holds `.` or `*`, {@link v2FlsExactNames}): the entry is an exact field name;
 * - `fails` (1.x/2.x otherwise; or an empty entry): every search on the index fails;
 * - `cut` (3.0-3.5, FieldPrivileges in AbstractRuleBasedPrivileges' role tables): "Ignoring role": the role's FLS is
 *   dropped from that index permission on; an index no remaining FLS rule or FLS-free permission covers shows no field;
 * - `permission-ignored` (3.6+, CompiledRoles, a PatternSyntaxException): that index permission has no FLS;
 * - `undecided`: no version, or 3.6+ with `/` alone (an IllegalArgumentException ignores the whole compiled role).
 */
export type UncompiledFlsEffect = 'exact-names' | 'fails' | 'cut' | 'permission-ignored' | 'undecided';

/** The verdict on the merged FLS entries of a user's roles on one index (see {@link uncompiledFlsVerdict}). */
export interface UncompiledFlsVerdict {
  effect: UncompiledFlsEffect;
  /** The first entry concerned. */
  entry: string;
  message: string;
}

/**
 * The one rule for FLS entries the plugin cannot compile, on the entries `merged` of a user's roles on one index
 * (every restricting role's, as 2.x merges them): undefined when all compile (and, on 1.x/2.x, none is empty).
 * `pluginVersion` is read through pluginVersionOrUnknown.
 */
export function uncompiledFlsVerdict(merged: readonly string[], pluginVersion: string | undefined): UncompiledFlsVerdict | undefined {
  const version = parsePluginVersion(pluginVersionOrUnknown(pluginVersion));
  const empty = version === undefined || version.major < 3 ? merged.includes('') : false;
  let entry: string | undefined = empty ? '' : undefined;
  let why: string | undefined = empty ? 'String index out of range: 0' : undefined;
  for (const p of merged) {
    if (entry !== undefined) break;
    const failure = flsEntryCompileFailure(p);
    if (failure !== undefined) [entry, why] = [p, failure];
  }
  if (entry === undefined || why === undefined) return undefined;
  const shown = `FLS entry '${entry}'`;
  if (version === undefined && entry === '') {
    return { effect: 'undecided', entry, message: `An empty FLS entry '': 2.x fails every search on the index (String index out of range: 0), 3.x reads it as a pattern matching nothing; what the user sees cannot be told without the plugin version (pass pluginVersion)` };
  }
  if (version === undefined) {
    return { effect: 'undecided', entry, message: `${shown} does not compile (${why}): 2.x reads it as an exact field name while no entry holds '.' or '*' (else fails every search), 3.0-3.5 drop the role's FLS from that index permission on, 3.6+ ignore it; what the user sees cannot be told without the plugin version (pass pluginVersion)` };
  }
  if (version.major < 3) {
    if (flsComparesExactNames(merged, pluginVersion)) return { effect: 'exact-names', entry, message: `${shown} is compared as an exact field name (2.x, no entry holds '.' or '*')` };
    return { effect: 'fails', entry, message: empty ? (emptyFlsEntryFailure('', 'v2') as string) : `${shown} does not compile (${why}): 2.x fails every search on the index under it` };
  }
  if (flsCutsRole(pluginVersion) === true) return { effect: 'cut', entry, message: `${shown} does not compile (${why}): 3.0-3.5 log "Ignoring role" and drop the role's FLS from that index permission on` };
  if (splitFlsEntry(entry).pattern.length < 2) return { effect: 'undecided', entry, message: `${shown}: 3.6+ ignore the whole role ("Ignoring role", IllegalArgumentException); what it grants then is not modelled here` };
  return { effect: 'permission-ignored', entry, message: `${shown} does not compile (${why}): 3.6+ ignore that index permission's FLS` };
}

/**
 * Whether an FLS entry that does not compile cuts its role's FLS from that index permission on (3.0-3.5, see
 * {@link UncompiledFlsEffect}); undefined when the version is unknown (pluginVersionOrUnknown).
 */
export function flsCutsRole(pluginVersion: string | undefined): boolean | undefined {
  const version = parsePluginVersion(pluginVersionOrUnknown(pluginVersion));
  return version === undefined ? undefined : version.major === 3 && !versionAtLeast(version, 3, 6);
}
