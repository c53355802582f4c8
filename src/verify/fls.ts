/**
 * Field-level security as the security plugin evaluates it: which field paths of a document a
 * set of roles' FLS rules leave visible.
 *
 * - patterns: exact names, `*`/`?` wildcards, `/regex/`; `~` (or `!`) marks an exclusion;
 * - field names are normalised by stripping a trailing `.keyword`;
 * - including `a.b.c` keeps the parent objects `a` and `a.b`; including an object keeps its subtree;
 * - excluding an object removes its subtree;
 * - mixed includes and excludes (also across roles): only the excludes apply;
 * - several roles: includes are unioned, a field excluded by any role is hidden;
 * - a role without FLS only counts when no other role restricts the index, unless
 *   `dfmEmptyOverridesAll` is set.
 */
import { ConfigError } from '../errors/classes.js';
import { setOwn } from '../errors/redact.js';
import { isOptionsObject, typeName } from '../client/options-check.js';
import { dialectOfMajor, parsePluginVersion, pluginMajorVersion, pluginVersionOrUnknown, type PluginDialect } from '../fgac/plugin-version.js';
import { pluginHiddenMetaFields, pluginMaskedMetaFields, pluginSourceView, type FlsMetaField, type MaskedMetaField } from './fls-source.js';
import { compileMaskedFields, type MaskedFieldLists } from './masking.js';
import { MAX_NESTING_DEPTH, NestingTooDeepError } from '../fgac/json.js';
import { flsEntryCompileFailure, flsNameReading, uncompiledFlsVerdict, type FlsQuestion, type UncompiledFlsVerdict } from '../fgac/fls-entry.js';
import { compileMergedFls, walkRules, type CompiledFls } from '../fgac/fls-compiled.js';
import { compileFlsAcrossGenerations, type UndecidedFlsError } from '../fgac/fls-generations.js';
import { MaskingExpressionError, UnsupportedMaskingError } from '../fgac/errors.js';
import { ArgumentTypeError, inputFailure } from '../fgac/argument-error.js';
import { hasField, opt } from '../errors/own.js';

/** One role's FLS list, or several roles' lists (one array per role). */
export type FlsRules = readonly string[] | readonly (readonly string[])[];

/** Options mirroring plugin settings. */
export interface FlsOptions {
  /** `plugins.security.dfm_empty_overrides_all` (default false). */
  dfmEmptyOverridesAll?: boolean;
  /**
   * OpenSearch / plugin version (e.g. `2.19.4`, `3.4.0`): `filterDocument` and `visibleFields` then
   * return the `_source` exactly as that plugin generation filters it (fls-source.ts), rather than
   * what the roles mean. `compileFls` / `isFieldVisible` answer what that generation's searches read: 2.x's exact-name
   * shortcut (`?` and `/regex/` match only their own text while no entry holds `.` or `*`: flsComparesExactNames),
   * 1.x/2.x reading each field by its own name (an included object `o` shows no `o.x`: flsNameReading), an entry the plugin
   * cannot compile (`/`, `/[/`; and `''` on 2.x): see uncompiledFlsVerdict (fgac/fls-entry.ts). Without it they answer
   * a field every generation reads alike and throw for one they read differently (see compileFls).
   */
  pluginVersion?: string;
}

function rolesOf(rules: FlsRules): (readonly string[])[] {
  const shape = 'FLS rules must be a list of patterns (one role) or a list of such lists (one per role)';
  if (!Array.isArray(rules)) throw new ArgumentTypeError(shape);
  if (rules.length === 0) return [];
  if (rules.every((r) => typeof r === 'string')) return [rules as readonly string[]];
  if (!rules.every((r) => Array.isArray(r) && r.every((p: unknown) => typeof p === 'string'))) throw new ArgumentTypeError(shape);
  return (rules as readonly (readonly string[])[]).map((r) => r);
}

/**
 * Several roles' FLS lists as the plugin merges them: the union of the restricting roles' patterns;
 * none (unrestricted) when no role restricts, or a role without FLS lifts the others (dfm_empty_overrides_all).
 */
export function mergedFlsPatterns(rules: FlsRules, opts: FlsOptions = {}): string[] {
  return mergeLists(rolesOf(rules), opts);
}

/** mergedFlsPatterns of lists rolesOf has read. */
function mergeLists(roles: readonly (readonly string[])[], opts: FlsOptions): string[] {
  const restricted = roles.filter((r) => r.length > 0);
  const unrestricted = roles.length - restricted.length;
  if (restricted.length === 0 || (unrestricted > 0 && opts.dfmEmptyOverridesAll)) return [];
  return [...new Set(restricted.flat())];
}

/** The version `opts` name for FLS entries the plugin cannot compile (any string: pluginVersionOrUnknown reads it). */
const versionOf = (opts: FlsOptions): string | undefined => {
  const v: unknown = opt(opts, 'pluginVersion');
  return typeof v === 'string' ? v : undefined;
};

/**
 * Compiles one or several roles' FLS lists into a visibility predicate. An entry the plugin cannot compile is read
 * as `opts.pluginVersion` serves it (uncompiledFlsVerdict): 2.x compares it as an exact name while its shortcut
 * applies; 3.0-3.5 drop each list holding one (none left: no field is visible); 3.6+ read such a list as no FLS. Where
 * 2.x fails every search, MaskingExpressionError. Without a version, a field is answered when every generation reads
 * it alike (`['']`: no field), and MaskingExpressionError naming pluginVersion is thrown for one they read differently
 * (fgac/fls-generations.ts); with an entry that does not compile, for every field.
 */
export function compileFls(rules: FlsRules, opts: FlsOptions = {}): CompiledFls {
  return compileFlsFor(rules, opts, 'search');
}

/** compileFls answering `question` (filterDocument without a version: `roles`, the document as the roles leave it). */
function compileFlsFor(rules: FlsRules, opts: FlsOptions, question: FlsQuestion): CompiledFls {
  const compiled = compileFlsRules(rules, opts, (message, entry) => new MaskingExpressionError(message, entry), question);
  if (compiled.fls === undefined) throw new MaskingExpressionError(compiled.failure.message, compiled.failure.entry);
  return compiled.fls;
}

/** compileFls' outcome: the rule set, or why the plugin fails every search under them (or why that cannot be told). */
export type FlsCompileOutcome =
  | { fls: CompiledFls; failure?: undefined; merged: readonly string[] }
  | { fls?: undefined; failure: UncompiledFlsVerdict; merged: readonly string[] };

/**
 * compileFls with the roles' lists merged once, its failure returned rather than thrown (verifyHits' compiled rules,
 * `question` `roles`: FlsQuestion); `undecided` makes the error a field the generations read differently throws when
 * no version is given.
 */
export function compileFlsRules(rules: FlsRules, opts: FlsOptions, undecided: UndecidedFlsError, question: FlsQuestion): FlsCompileOutcome {
  try {
    return compileFlsRulesOf(rules, opts, undecided, question);
  } catch (error) {
    if (!(error instanceof UnsupportedMaskingError)) throw error;
    // an entry the SDK declines as a whole (a Java regex it cannot run alike): what the rules show is unknown for every path
    return { failure: { effect: 'undecided', entry: error.expression, message: `what these FLS rules show cannot be told: ${error.message}` }, merged: mergeLists(rolesOf(rules), opts) };
  }
}

function compileFlsRulesOf(rules: FlsRules, opts: FlsOptions, undecided: UndecidedFlsError, question: FlsQuestion): FlsCompileOutcome {
  const roles = rolesOf(rules);
  const merged = mergeLists(roles, opts);
  const version = versionOf(opts);
  const known = parsePluginVersion(pluginVersionOrUnknown(version)) !== undefined;
  // without a version an entry that does not compile stays undecided: expectationsFromRoles then puts it for the
  // permissions 3.0-3.5 cut, lists 1.x/2.x and 3.6+ would read differently
  const verdict = uncompiledFlsVerdict(known ? merged : merged.filter((p) => p !== ''), version);
  const reading = (list: readonly string[]): CompiledFls => compileMergedFls(list, flsNameReading(list, version, question));
  if (!known && verdict === undefined) return { fls: compileFlsAcrossGenerations(merged, undecided, question), merged };
  if (verdict === undefined || verdict.effect === 'exact-names') return { fls: reading(merged), merged };
  if (verdict.effect === 'fails' || verdict.effect === 'undecided') return { failure: verdict, merged };
  const compiles = (list: readonly string[]): boolean => list.every((p) => flsEntryCompileFailure(p) === undefined);
  if (verdict.effect === 'permission-ignored') return { fls: reading(mergeLists(roles.map((r) => (compiles(r) ? r : [])), opts)), merged };
  const kept = roles.filter(compiles);
  // no rule and no FLS-free grant left: the plugin's fully restricted rule (FlsRule.DENY_ALL, `~*`)
  return { fls: reading(kept.length === 0 ? ['~*'] : mergeLists(kept, opts)), merged };
}


/** Whether a field path is visible under the rules (see `CompiledFls.isVisible`). */
export function isFieldVisible(path: string, rules: FlsRules | CompiledFls, kind: 'leaf' | 'object' | 'any' = 'any', opts: FlsOptions = {}): boolean {
  try {
    return isFieldVisibleOf(path, rules, kind, opts);
  } catch (error) {
    throw inputFailure('isFieldVisible', error);
  }
}

/** Options of the FLS functions: an object (null or a string would fail inside, blamed on nothing). */
function checkFlsOptions(fn: string, opts: unknown): void {
  if (!isOptionsObject(opts as unknown)) throw new ArgumentTypeError(`${fn}: options must be an object`);
}

function isFieldVisibleOf(path: string, rules: FlsRules | CompiledFls, kind: 'leaf' | 'object' | 'any' = 'any', opts: FlsOptions = {}): boolean {
  if (typeof path !== 'string') throw new ArgumentTypeError('isFieldVisible: path must be a field path (a string)');
  checkFlsOptions('isFieldVisible', opts);
  const c = typeof rules === 'object' && rules !== null && hasField(rules, 'isVisible') ? (rules as CompiledFls) : compileFls(rules as FlsRules, opts);
  return c.isVisible(path, kind);
}

/** A field occurrence in a document: dotted path and whether it holds an object. */
export interface FieldOccurrence {
  path: string;
  kind: 'leaf' | 'object';
}

/** Every field path of a document (objects and leaves; arrays are transparent), in document order. */
export function fieldPaths(doc: unknown): FieldOccurrence[] {
  const out = new Map<string, 'leaf' | 'object'>();
  // `path` undefined: the document itself (a key `''` is a field: its member `k` is `.k`, as the plugin names it)
  const visit = (v: unknown, path: string | undefined, depth: number): void => {
    if (typeof v === 'object' && v !== null && depth >= MAX_NESTING_DEPTH) throw new NestingTooDeepError('the document');
    if (Array.isArray(v)) { v.forEach((x) => visit(x, path, depth + 1)); return; }
    if (typeof v === 'object' && v !== null) {
      if (path !== undefined) out.set(path, 'object');
      for (const [k, x] of Object.entries(v)) visit(x, path === undefined ? k : `${path}.${k}`, depth + 1);
      return;
    }
    if (path !== undefined && out.get(path) !== 'object') out.set(path, 'leaf');
  };
  visit(doc, undefined, 0);
  return [...out].map(([path, kind]) => ({ path, kind }));
}

/** The field paths (objects and leaves) of `doc` that remain visible under the rules (with `pluginVersion`: in that plugin's `_source`). */
export function visibleFields(doc: unknown, rules: FlsRules | CompiledFls, opts: FlsOptions = {}): string[] {
  try {
    return visibleFieldsOf(doc, rules, opts);
  } catch (error) {
    throw inputFailure('visibleFields', error);
  }
}

function visibleFieldsOf(doc: unknown, rules: FlsRules | CompiledFls, opts: FlsOptions = {}): string[] {
  checkFlsOptions('visibleFields', opts);
  return fieldPaths(filterDocument(doc, rules, opts)).map((f) => f.path);
}

/** The plugin generation named by `options.pluginVersion` (undefined when not given); a version it cannot read is a ConfigError. */
function dialectOf(opts: FlsOptions): PluginDialect | undefined {
  const version: unknown = opt(opts, 'pluginVersion');
  if (version === undefined) return undefined;
  const major = typeof version === 'string' ? pluginMajorVersion(version) : undefined;
  if (major === undefined) throw new ConfigError('options.pluginVersion', `options.pluginVersion must be an OpenSearch or plugin version such as "2.19.4" or "3.4.0", got ${typeName(version)}`);
  return dialectOfMajor(major);
}

/**
 * The document as the rules let a user see it (hidden fields removed, emptied parents kept); with
 * `opts.pluginVersion`, the `_source` exactly as that plugin generation returns it (see fls-source.ts).
 * Whether a hit carries `_source` at all is `flsHiddenMetaFields`' answer (1.x/2.x drop it under `~*e`).
 */
export function filterDocument<T>(doc: T, rules: FlsRules | CompiledFls, opts: FlsOptions = {}): T {
  try {
    return filterDocumentOf<T>(doc, rules, opts);
  } catch (error) {
    throw inputFailure('filterDocument', error);
  }
}

function filterDocumentOf<T>(doc: T, rules: FlsRules | CompiledFls, opts: FlsOptions = {}): T {
  checkFlsOptions('filterDocument', opts);
  const dialect = dialectOf(opts);
  // without a version, lists are read as the roles leave the document (an included object keeps its members); a rule
  // set given is walked as it answers (compileFls: what a search reads)
  const c = typeof rules === 'object' && rules !== null && hasField(rules, 'isVisible') ? (rules as CompiledFls) : compileFlsFor(rules as FlsRules, opts, dialect === undefined ? 'roles' : 'search');
  if (dialect !== undefined) {
    if (c.merged === undefined) throw new ConfigError('rules', 'filterDocument with options.pluginVersion needs the roles\' FLS lists or a CompiledFls made by compileFls');
    return pluginSourceView(doc, c.merged, dialect);
  }
  if (c.mode === 'all') return doc;
  const rule = walkRules.get(c);
  // `path` undefined: the document itself; a member `k` of a key `''` is `.k`, as both plugin generations name it
  const visit = (v: unknown, path: string | undefined, depth: number, under: boolean): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    if (depth >= MAX_NESTING_DEPTH) throw new NestingTooDeepError('the document');
    if (Array.isArray(v)) return v.map((x) => visit(x, path, depth + 1, under));
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const p = path === undefined ? k : `${path}.${k}`;
      const kind = (Array.isArray(x) ? x.some((e) => typeof e === 'object' && e !== null) : typeof x === 'object' && x !== null) ? 'object' : 'leaf';
      let below = under;
      if (rule !== undefined) {
        const verdict = rule(p, path === undefined ? 0 : path.length + 1, kind, under);
        if (verdict === 'hidden') continue;
        below = verdict === 'included';
      } else if (!c.isVisible(p, kind)) {
        continue;
      }
      // setOwn: a field named `__proto__` stays a field of the copy.
      setOwn(out, k, visit(x, p, depth + 1, below));
    }
    return out;
  };
  return visit(doc, undefined, 0, false) as T;
}

export type { FlsMetaField, MaskedMetaField, CompiledFls };

/** Options of `flsHiddenMetaFields`. */
export interface FlsMetaOptions extends FlsOptions {
  /** The same roles' masked_fields (one list, or one per role): the answer's `masked` then names the metadata fields they mask. */
  maskedFields?: MaskedFieldLists;
}

/** The metadata fields search hits lack under FLS rules, or show masked (see `flsHiddenMetaFields`). */
export interface FlsMetaFields {
  /** Left out of search hits by the plugin of `options.pluginVersion` (GET and mget keep `_id`). */
  hidden: FlsMetaField[];
  /** Without `options.pluginVersion`: those 1.x/2.x leave out and 3.x keeps, so the version decides. */
  versionDependent: FlsMetaField[];
  /**
   * Shown masked in search hits under `options.maskedFields`: `_id` when an entry matches it (`*d`, `*`; as
   * `maskedHitId` computes it), on 3.x also `_routing` / `_ignored` (as `maskValue`); 2.x then drops those two.
   */
  masked: MaskedMetaField[];
}

/**
 * Which metadata fields search hits lack under the rules: on 1.x/2.x an exclusion matching `_source` (`~*e`, `~_*`)
 * or `_id` (`~*id`) drops it, and on 2.x any FLS drops `_routing` and `_ignored`; 3.x keeps them all (fls-source.ts).
 * With `options.maskedFields`, also which ones hits show masked (`_id` under an entry matching it; fls-source.ts).
 */
export function flsHiddenMetaFields(rules: FlsRules | CompiledFls, opts: FlsMetaOptions = {}): FlsMetaFields {
  try {
    checkFlsOptions('flsHiddenMetaFields', opts);
    const major = dialectOf(opts) === undefined ? undefined : pluginMajorVersion(opt(opts, 'pluginVersion'));
    const c = typeof rules === 'object' && rules !== null && hasField(rules, 'isVisible') ? (rules as CompiledFls) : compileFls(rules as FlsRules, opts);
    if (c.merged === undefined) throw new ConfigError('rules', 'flsHiddenMetaFields needs the roles\' FLS lists or a CompiledFls made by compileFls');
    const lists = opt(opts, 'maskedFields');
    if (lists !== undefined && (!Array.isArray(lists) || !(lists as readonly unknown[]).every((l) => typeof l === 'string' || (Array.isArray(l) && l.every((e) => typeof e === 'string'))))) {
      throw new ArgumentTypeError('flsHiddenMetaFields: options.maskedFields must be a list of masked_fields entries, or one such list per role');
    }
    const entries = lists === undefined ? [] : (lists as ReadonlyArray<string | readonly string[]>).flat();
    const pluginVersion = opt(opts, 'pluginVersion');
    const maskSet = entries.length === 0 ? undefined : compileMaskedFields(entries, { ...(pluginVersion !== undefined ? { pluginVersion } : {}) });
    const maskMeta = (m: number): { masked: MaskedMetaField[]; hidden: FlsMetaField[] } => (maskSet === undefined ? { masked: [], hidden: [] } : pluginMaskedMetaFields((name) => maskSet.match(name).length > 0, m));
    const union = (...lists: FlsMetaField[][]): FlsMetaField[] => (['_id', '_source', '_routing', '_ignored'] as const).filter((f) => lists.some((l) => l.includes(f)));
    if (major !== undefined) return { hidden: union(pluginHiddenMetaFields(c.merged, major), maskMeta(major).hidden), versionDependent: [], masked: maskMeta(major).masked };
    // 2.x leaves out all that 1.x does and more; what only one generation masks is version-dependent too
    const [v2, v3] = [maskMeta(2), maskMeta(3)];
    const both = v3.masked.filter((f) => v2.masked.includes(f));
    return { hidden: [], versionDependent: union(pluginHiddenMetaFields(c.merged, 2), v2.hidden, v3.masked.filter((f) => !both.includes(f))), masked: both };
  } catch (error) {
    throw inputFailure('flsHiddenMetaFields', error);
  }
}
