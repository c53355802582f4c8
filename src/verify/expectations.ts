/**
 * What a principal's roles promise for an index (DLS, FLS, masked fields), and how to read it off role
 * definitions the way the plugin does (`expectationsFromRoles`).
 */
import { fail, isPlainRecord, requirePlainRecord, typeName } from '../client/options-check.js';
import { guarded } from '../client/options-snapshot.js';
import { keyPath, list as readList, readAliases, readDlsUser, readRoleGrants, stringList } from './read-inputs.js';
import { isDateMathExpression } from '../fgac/date-math.js';
import { substitutionFor } from '../explain/substitution.js';
import { anything, resolvePattern, shown, type SubstitutionContext } from '../explain/role-pattern.js';
import { coveringNames, type IndexAliases } from '../fgac/aliases.js';
import type { MaskingAlgorithm, MaskingOptions } from '../fgac/masking.js';
import type { IndexPermissionJson, RoleJson } from '../fgac/role-shape.js';
import type { DlsResult, DlsUser, FieldTypes } from './dls/index.js';
import { permissionHasDls, unreadableDlsEffect, type DlsFailureEffect } from '../fgac/dls.js';
import { flsCutsRole, flsEntryCompileFailure } from '../fgac/fls-entry.js';
import { hasStaticIndexPattern, isConstantIndexPattern } from '../fgac/constant-index-patterns.js';
import { inputFailure } from '../fgac/argument-error.js';
import { readSearchTime, type SearchTime } from './search-time.js';

/** One `index_permissions` entry of a role, as the security REST API returns it. */
export type RoleIndexPermission = IndexPermissionJson;

/** A role as the security plugin's REST API represents it, with an optional name for reports. */
export type RoleLike = RoleJson & { name?: string };

/** One grant (index_permissions entry) that applies to an index. */
export interface IndexRule {
  /** Role name, for reports. */
  role?: string;
  /** DLS query string; absent = this grant does not restrict documents. */
  dls?: string;
  /** FLS patterns; absent/empty = this grant does not restrict fields. */
  fls?: readonly string[];
  /** masked_fields entries; absent/empty = this grant masks nothing. */
  maskedFields?: readonly string[];
}

/** What the roles promise for indices matching `indexPatterns`. */
export interface IndexExpectation {
  /** Index name patterns (`*`, `?`, `/regex/`). */
  indexPatterns: readonly string[];
  /**
   * The grants that apply (merged the way the plugin merges several roles). An unrestricted grant is a rule
   * without dls, fls or maskedFields (`{}`); no rule at all means no grant covers the index, so every hit of it is
   * a `dls-violation` (the plugin would return none of its documents).
   */
  rules: readonly IndexRule[];
  /** Field types for DLS evaluation (e.g. `fieldTypesFromMapping(GET <index>)`: its settings name the default analyzer). */
  fieldTypes?: FieldTypes;
  /** Per-index override of the cluster masking options. */
  masking?: MaskingOptions;
  /**
   * Why it cannot be told which grants apply (a role pattern that may cover the index could not be evaluated: a
   * date-math name, a Java regex this SDK cannot run, an attribute whose value was not given): every hit of the
   * index is then unverifiable with this reason, never judged by the other rules alone.
   */
  undecided?: string;
}

/** Original documents (as an unrestricted principal sees them), keyed `${_index}/${_id}`, or a lookup. */
export type OriginalsSource = ReadonlyMap<string, unknown> | ((index: string, id: string) => unknown);

/** Everything `verifyHits` checks a response against. */
export interface AccessExpectations {
  indices: readonly IndexExpectation[];
  /** The user (for `${user.name}` etc. in DLS queries). */
  user?: DlsUser;
  /** Compliance salt; when known (with originals) masks are recomputed exactly. */
  salt?: string | Uint8Array;
  /** Masking flavour (`BLAKE2B_LEGACY_DEFAULT` for 1.x/2.x, `BLAKE2B` for 3.x) or a digest name. */
  defaultAlgorithm?: MaskingAlgorithm | string;
  /** OpenSearch / plugin version, e.g. `2.19.4` (see MaskingOptions). */
  pluginVersion?: string;
  /** Original `_source` documents; enable exact DLS evaluation and mask comparison. */
  originals?: OriginalsSource;
  /** `plugins.security.dfm_empty_overrides_all` (default false). */
  dfmEmptyOverridesAll?: boolean;
  /** False when the request filtered `_source` (fields absent for that reason cannot be judged). Default true. */
  sourceComplete?: boolean;
  /** When true, masks checked only for shape (salt or original unknown) count as unverifiable. */
  strictMasks?: boolean;
  /**
   * Aliases and data streams (name -> concrete member indices, see `indexAliasesFrom`): a hit's `_index` is
   * also matched against expectations given for an alias or data stream it belongs to.
   */
  aliases?: IndexAliases;
  /**
   * DLS verdicts decided elsewhere, e.g. by the cluster (`verifyHitsWithServer`); `undefined` for a hit
   * falls back to the local evaluator.
   */
  dlsVerdict?: (index: string, id: string) => DlsResult | undefined;
}

/** Options of `expectationsFromRoles`. */
export type ExpectationsFromRolesOptions = Omit<AccessExpectations, 'indices' | 'user'> & {
  /** Field types for DLS evaluation of this index. */
  fieldTypes?: FieldTypes;
  /**
   * The names of the user's custom attributes (authinfo `custom_attribute_names`) whose values `user.attributes`
   * may lack: a role pattern using one without a value makes the expectation undecided instead of matching nothing.
   */
  attributeNames?: readonly string[];
  /**
   * When the search ran: epoch ms or a Date, or `{ from, to }` (sent, answered). The plugin resolved the roles' date-math
   * index patterns (`<logs-{now/d}>`) with its clock while serving the search, so they are resolved then; a pattern naming
   * different indices within `{ from, to }` makes the expectation undecided for them. Default: the time of this call.
   */
  searchedAt?: SearchTime;
};

/**
 * Builds expectations for one index from role definitions (the plugin's role JSON): every
 * index_permissions entry whose index_patterns match the index contributes its DLS, FLS and
 * masked fields (allowed_actions do not matter, as in the plugin). With `options.aliases`, a pattern on an
 * alias or data stream the index belongs to counts too. When no entry matches, the expectation has no rule and
 * verifyHits reports every hit of the index (give the concrete index each hit names, not a wildcard). An FLS entry the
 * plugin cannot compile (`/`, `/[/`) ends the role's FLS from its index permission on, on 3.0-3.5 (and without a
 * version): the later permissions' `fls` is then that entry (see flsCut), which compileFls reads as the plugin does.
 */
export function expectationsFromRoles(roles: readonly RoleLike[] | Readonly<Record<string, RoleLike>>, index: string, user?: DlsUser, options: ExpectationsFromRolesOptions = {}): AccessExpectations {
  try {
    return expectationsFromRolesOf(roles, index, user, options);
  } catch (error) {
    throw inputFailure('expectationsFromRoles', error);
  }
}

function expectationsFromRolesOf(roles: readonly RoleLike[] | Readonly<Record<string, RoleLike>>, index: string, user?: DlsUser, options: ExpectationsFromRolesOptions = {}): AccessExpectations {
  if (guarded('roles', () => !Array.isArray(roles) && !isPlainRecord(roles))) fail('roles', `must be an array of roles or an object of name -> role, got ${typeName(roles)}`);
  if (typeof index !== 'string') fail('index', `must be an index name, got ${typeName(index)}`);
  const checkedUser = user === undefined ? undefined : readDlsUser('user', user);
  const given = requirePlainRecord('options', options, 'aliases, fieldTypes, salt, ...');
  // read once: verifyHits checks the rest of what is passed on
  // a null-prototype copy: an option not given reads as absent, never as what a polluted Object.prototype holds
  const copy = guarded('options', () => Object.assign(Object.create(null) as ExpectationsFromRolesOptions, given));
  const { fieldTypes, attributeNames, searchedAt, ...rest } = copy;
  const knownAttributeNames = attributeNames === undefined ? undefined : stringList('options.attributeNames', attributeNames);
  const aliases = copy.aliases === undefined ? undefined : readAliases('options.aliases', copy.aliases);
  // an array through list(): a longer one than MAX_LIST (a sparse one of length 2^32 - 1 exhausted the heap) is refused
  const entries = Array.isArray(roles)
    ? [...readList('roles', roles, 'roles').entries()]
    : guarded('roles', () => Object.entries(roles as Readonly<Record<string, unknown>>));
  const list = entries.map(([key, r]) => {
    const role = readRoleGrants(typeof key === 'number' ? `roles[${key}]` : keyPath('roles', key), r);
    return { grants: role.grants, name: role.name ?? (typeof key === 'string' ? key : undefined) };
  });
  const rules: IndexRule[] = [];
  const names = coveringNames(index, aliases);
  const version = typeof copy.pluginVersion === 'string' ? copy.pluginVersion : undefined;
  // role patterns read as the privilege evaluation reads them (explain/role-pattern.ts), undecided ones included
  const patterns: SubstitutionContext = {
    ...substitutionFor(checkedUser, { attributeNames: knownAttributeNames, pluginVersion: version }),
    ...(searchedAt !== undefined ? { during: readSearchTime('options.searchedAt', searchedAt), now: undefined } : {}),
  };
  let undecided: string | undefined;
  // a date-math index name (`<logs-{now/d}>`) names the index it resolves to when the search ran, as for explainPermission
  if (isDateMathExpression(index)) {
    const named = resolvePattern(index, patterns);
    if (named.undecided !== undefined || named.invalid !== undefined) undecided = named.undecided ?? named.invalid;
    else names.splice(0, names.length, ...coveringNames(named.resolved, aliases));
  }
  const covers = (pattern: string): boolean => {
    const r = resolvePattern(pattern, patterns);
    if (names.some(r.matcher)) return true;
    const declined = names.find((n) => r.declined?.has(n));
    if (declined !== undefined) undecided ??= `the role pattern ${shown(pattern)} cannot be evaluated for ${declined}: ${r.declined?.get(declined) ?? ''}`;
    else if (r.undecided !== undefined && names.some(r.mayMatch ?? anything)) undecided ??= r.undecided;
    return false;
  };
  /** The effect of a DLS text the plugin cannot parse, when it is one; undefined for a readable one. */
  const unreadable = (d: string | undefined): DlsFailureEffect | undefined => unreadableDlsEffect(d, version);
  for (const role of list) {
    // 3.0-3.5 drop a role whose DLS they cannot parse (a text without `${`) from DLS on every index the role covers:
    // that text then stands for the role's DLS here too, so the DLS of this index is unverifiable, never a verdict.
    // 3.6+ keep that index permission without DLS (below); 2.x fails the search (the text stays and is judged so).
    const dropped = role.grants.map((g) => g.dls).find((d) => unreadable(d) === 'role-ignored');
    const cut = flsCut(role.grants, version);
    for (const [j, perm] of role.grants.entries()) {
      if (!(perm.index_patterns ?? []).some(covers)) continue;
      // 3.0-3.5 (and an unknown version) past the role's FLS cut: the failing entry stands for this permission's FLS
      // (compileFls then drops it as the plugin does; without a version it is undecided); DLS and masks stay
      const fls = cut !== undefined && j >= cut.static && !(j < cut.stateful && precomputed(perm) && (perm.index_patterns ?? []).filter(isConstantIndexPattern).some(covers)) ? [cut.entry] : perm.fls;
      // the permission's DLS at this version (fgac/dls.ts permissionHasDls, as the DLS/FLS valve reads it)
      const dls = dropped !== undefined ? dropped : permissionHasDls(perm.dls, version) ? perm.dls : undefined;
      // a literal (defined fields): an assignment to an absent field would reach a setter a polluted Object.prototype holds
      rules.push({
        ...(role.name !== undefined ? { role: role.name } : {}),
        ...(dls !== undefined ? { dls } : {}),
        ...(fls && fls.length > 0 ? { fls } : {}),
        ...(perm.masked_fields && perm.masked_fields.length > 0 ? { maskedFields: perm.masked_fields } : {}),
      });
    }
  }
  return {
    ...rest,
    ...(aliases !== undefined ? { aliases } : {}),
    ...(checkedUser ? { user: checkedUser } : {}),
    indices: [{ indexPatterns: [index], rules, ...(fieldTypes ? { fieldTypes } : {}), ...(undecided !== undefined ? { undecided } : {}) }],
  };
}

/** Whether the plugin's precomputed (stateful) FLS table reads this index permission (not `*`, a static part: fgac/constant-index-patterns.ts). */
const precomputed = (perm: { index_patterns?: readonly string[] }): boolean => !(perm.index_patterns ?? []).includes('*') && hasStaticIndexPattern(perm.index_patterns ?? []);

/**
 * Where 3.0-3.5 (AbstractRuleBasedPrivileges, checked on 3.4.0: test/integration/fc51-fls-uncompiled.test.ts) stop reading
 * a role's FLS: each of its two tables is built permission by permission inside one try, and an FLS entry that does not
 * compile ends it for the role ("Ignoring role"). The static table (`*` and attribute / date-math patterns) stops at the
 * first such permission; the precomputed one (constant patterns of existing indices) skips `*` permissions and ones
 * without a constant pattern, so it stops at the first such permission it reads. Undefined when none fails or the
 * version cuts nothing (2.x, 3.6+); an unknown version is cut too (its expectation is then undecided, see compileFls).
 */
function flsCut(grants: ReadonlyArray<{ index_patterns?: readonly string[]; fls?: readonly string[] }>, version: string | undefined): { static: number; stateful: number; entry: string } | undefined {
  if (flsCutsRole(version) === false) return undefined;
  const failing = (g: { fls?: readonly string[] }): string | undefined => (g.fls ?? []).find((p) => flsEntryCompileFailure(p) !== undefined);
  const first = grants.findIndex((g) => failing(g) !== undefined);
  if (first === -1) return undefined;
  const stateful = grants.findIndex((g) => failing(g) !== undefined && precomputed(g));
  return { static: first, stateful: stateful === -1 ? grants.length : stateful, entry: failing(grants[first] as (typeof grants)[number]) as string };
}
