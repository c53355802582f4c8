/**
 * A role as the plugin's action privileges hold it when one of its action patterns does not compile (`/`, `/[/`).
 * ActionPrivileges (2.19.x) and RoleBasedActionPrivileges (3.2+; ActionPrivileges before) build their tables role by
 * role inside one try: WildcardMatcher.from(permission) throws, the plugin logs "Unexpected exception while processing
 * role: ... Ignoring role." and keeps what it had already added. So for `cluster_permissions` and for `index_permissions`
 * (each its own pass): the permissions processed before the failing one still grant, the rest of that pass is dropped.
 * Processing order: rules in order; in a rule, each `allowed_actions` entry then its group's members (a hash set: their
 * order is unknown, so a failing member drops its whole entry here). Details per table (2.19.4.0, 3.4.0.0):
 * - cluster: a wildcard permission processed before the failure grants only the well-known cluster actions (the
 *   role's matcher for the others is stored after the loop); exact ones and `*` grant as usual.
 * - index, static table: cut as above. The precomputed table (well-known index actions on existing indices only) skips
 *   rules naming `*` and rules without a constant pattern, and since 3.2 rules whose constant patterns match no
 *   existing index, before compiling their permissions: it may reach rules after the failure.
 * - 2.x: the role config model (ConfigModelV7) also compiles cluster
 *   permissions and fails to load the whole configuration ("Error while updating roles"; every security config write
 *   answers 500 "Failed node" while the role exists): which mappings and roles the node then runs depends on its history,
 *   so such a role is taken to grant nothing. DLS/FLS/masking are read without allowed_actions: they are not affected.
 * What depends on what was not given (the cluster's indices: which rules the precomputed table reaches, on which indices;
 * the version: 2.x or 3.x reading, the 3.2 skip) is returned apart (`maybe`, the reading granting most): undecided, not a verdict.
 */
import { WELL_KNOWN_CLUSTER_ACTIONS, WELL_KNOWN_INDEX_ACTIONS } from '../fgac/well-known-actions.js';
import { compileFieldPattern, isExactPattern, type FieldMatcher } from '../fgac/field-patterns.js';
import { hasStaticIndexPattern, isConstantIndexPattern } from '../fgac/constant-index-patterns.js';
import { parsePluginVersion, pluginVersionOrUnknown, versionAtLeast, type PluginVersion } from '../fgac/plugin-version.js';
import { ActionResolver, actionPatternFailure, groupTable, isClusterAction } from './action-resolver.js';
import type { PermissionActionGroups, PermissionGrant, PermissionIndexRule, PermissionNearMiss, PermissionRole, PermissionRoles } from './types.js';
import { list } from './text.js';
import { opt } from '../errors/own.js';

/** What the plugin version and the cluster tell about how a role is compiled. */
export interface RoleCompileOptions {
  /** The plugin version; missing or unreadable: unknown (what depends on it is a doubt: CompiledRoleView.maybe). */
  pluginVersion?: string;
  /** The cluster's indices (the precomputed table covers existing indices only); unknown: what depends on them is a doubt. */
  clusterIndices?: readonly string[];
}

/** One role as the node's action privileges hold it for one action. */
export interface CompiledRoleView {
  /** The role reduced to what the node keeps (the role itself when every action pattern compiles). */
  role: PermissionRole;
  /** Why part or all of the role grants nothing on the node; undefined when nothing is dropped. */
  dropped: string | undefined;
  /** What the role may grant beyond `role` when that depends on what was not given (cluster indices, plugin version), and why. */
  maybe: { role: PermissionRole; why: string } | undefined;
}

interface Failure { entry: string; pattern: string; message: string }

interface Cut {
  /** The entries processed before the failure (all of them when none fails). */
  kept: string[];
  failure: Failure | undefined;
}

/** Work counters, read by tests (operation counts, not time): entries expanded, patterns checked for compiling. */
export const compileWork = { entriesExpanded: 0, patternsChecked: 0 };

// entry -> its failure (null: compiles), per resolver: each entry's group closure is expanded and checked once per explanation
const failures = new WeakMap<ActionResolver, Map<string, Failure | null>>();

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** `entries` cut before the first one whose expansion (itself or a member) does not compile. */
function cut(entries: readonly string[], resolver: ActionResolver): Cut {
  for (const [i, entry] of entries.entries()) {
    const failure = entryFailure(entry, resolver);
    if (failure !== undefined) return { kept: entries.slice(0, i), failure };
  }
  return { kept: [...entries], failure: undefined };
}

/** Why `entry` (itself or a member) does not compile, undefined when it does; remembered per resolver. */
function entryFailure(entry: string, resolver: ActionResolver): Failure | undefined {
  let memo = failures.get(resolver);
  if (memo === undefined) failures.set(resolver, (memo = new Map()));
  const known = memo.get(entry);
  if (known !== undefined) return known ?? undefined;
  compileWork.entriesExpanded++;
  let found: Failure | null = null;
  for (const pattern of [entry, ...resolver.members(entry)]) {
    compileWork.patternsChecked++;
    const message = actionPatternFailure(pattern);
    if (message !== undefined) {
      found = { entry, pattern, message };
      break;
    }
  }
  memo.set(entry, found);
  return found ?? undefined;
}

const failureText = (f: Failure): string =>
  `${JSON.stringify(f.pattern)}${f.pattern === f.entry ? '' : ` (in action group ${f.entry})`} does not compile (${f.message.split('\n')[0] ?? ''})`;

/** The rules cut at the first one holding a failing permission (that one keeps the entries before it). */
function cutRules(rules: readonly PermissionIndexRule[], resolver: ActionResolver): { rules: PermissionIndexRule[]; failure: Cut['failure'] } {
  const out: PermissionIndexRule[] = [];
  for (const rule of rules) {
    const c = cut(strings(rule.allowed_actions), resolver);
    if (c.failure === undefined) {
      out.push(rule);
      continue;
    }
    if (c.kept.length > 0) out.push({ ...rule, allowed_actions: c.kept });
    return { rules: out, failure: c.failure };
  }
  return { rules: out, failure: undefined };
}

/** `pattern`'s matcher, or undefined when this SDK cannot run it (a regex the plugin compiles and this SDK cannot evaluate). */
function runnable(pattern: string): FieldMatcher | undefined {
  try {
    return compileFieldPattern(pattern);
  } catch {
    return undefined;
  }
}

/**
 * The rules the precomputed index table reaches (its own cut), their patterns reduced to the existing indices they match.
 * Cluster indices unknown: what it may reach at most (patterns as written; with `skipsUnmatched`, any rule may match no
 * existing index and be skipped: every rule's entries before its failure). A constant pattern this SDK cannot run stays
 * as written (role-pattern.ts reads it as undecided) and is listed in `unknown`: whether its rule matches an existing
 * index is not known, so with `skipsUnmatched` such a rule is read as reached (`skipUnknown` false: the reading granting
 * least) or as skipped (true: the one granting most).
 */
function precomputedRules(
  rules: readonly PermissionIndexRule[],
  resolver: ActionResolver,
  skipsUnmatched: boolean,
  clusterIndices: readonly string[] | undefined,
  skipUnknown = false,
): { rules: PermissionIndexRule[]; unknown: string[] } {
  const eligible: PermissionIndexRule[] = [];
  const unknownAll = new Set<string>();
  for (const rule of rules) {
    const patterns = strings(rule.index_patterns);
    // the plugin's own test (fgac/constant-index-patterns.ts): `*` rules and rules without a static part are not read
    if (patterns.includes('*') || !hasStaticIndexPattern(patterns)) continue;
    const constant = patterns.filter(isConstantIndexPattern);
    if (clusterIndices === undefined) {
      eligible.push({ ...rule, index_patterns: constant });
      continue;
    }
    const matchers = constant.map((pattern) => ({ pattern, matcher: runnable(pattern) }));
    const unknown = new Set(matchers.filter((x) => x.matcher === undefined).map((x) => x.pattern));
    const existing = clusterIndices.filter((i) => matchers.some(({ pattern, matcher }) => {
      if (matcher === undefined) return false;
      try {
        return matcher(i);
      } catch {
        // a regex may decline one name at match time (a character whose Unicode data differs from the JDK's)
        unknown.add(pattern);
        return false;
      }
    }));
    for (const p of unknown) unknownAll.add(p);
    if (skipsUnmatched && existing.length === 0 && (unknown.size === 0 || skipUnknown)) continue;
    eligible.push({ ...rule, index_patterns: [...existing, ...unknown] });
  }
  const unknown = [...unknownAll];
  if (clusterIndices !== undefined || !skipsUnmatched) return { rules: cutRules(eligible, resolver).rules, unknown };
  // any rule may be the first one the table reaches: each is cut on its own
  return { rules: eligible.flatMap((rule) => cutRules([rule], resolver).rules), unknown };
}

/** Whether the node is 2.x, where a failing cluster permission breaks the config load (unknown version: undefined, either reading). */
function configLoadFails(v: PluginVersion | undefined): boolean | undefined {
  return v === undefined ? undefined : v.major < 3;
}

const NOTHING = (): PermissionRole => ({ cluster_permissions: [], index_permissions: [] });

/** One role as the node's action privileges hold it for `action` (see the module comment). */
export function roleAsCompiled(name: string, role: PermissionRole, action: string, resolver: ActionResolver, options: RoleCompileOptions = {}): CompiledRoleView {
  const version = pluginVersionOrUnknown(options.pluginVersion);
  const parsed = parsePluginVersion(version);
  const rules: PermissionIndexRule[] = (Array.isArray(role.index_permissions) ? role.index_permissions : []).filter((r) => r !== null && typeof r === 'object');
  const cluster = cut(strings(role.cluster_permissions), resolver);
  const index = cutRules(rules, resolver);
  if (cluster.failure === undefined && index.failure === undefined) return { role, dropped: undefined, maybe: undefined };
  const loadFails = configLoadFails(parsed);
  const configText = (f: Failure): string => `its cluster permission ${failureText(f)}; the 2.x plugin then fails to load the ` +
    'security configuration (ConfigModelV7 "Error while updating roles") and keeps running an earlier one';
  if (cluster.failure !== undefined && loadFails === true) return { role: NOTHING(), dropped: `${name} grants nothing: ${configText(cluster.failure)}`, maybe: undefined };
  const reasons: string[] = [];
  const doubts: string[] = [];
  let clusterKept = cluster.kept;
  if (cluster.failure !== undefined) {
    reasons.push(`its cluster permission ${failureText(cluster.failure)}: cluster permissions from there on are dropped`);
    if (!WELL_KNOWN_CLUSTER_ACTIONS.has(action)) {
      // only exact permissions and `*` are kept for an action outside the precomputed ones (group names: as actions only)
      const flat = [...new Set(clusterKept.flatMap((e) => [e, ...resolver.members(e)]))];
      clusterKept = flat.filter((p) => !resolver.isGroup(p) && (p === '*' || isExactPattern(p)));
    }
  }
  let indexRules = index.rules;
  let mayRules = index.rules;
  if (index.failure !== undefined) {
    reasons.push(`its index permission ${failureText(index.failure)}: index permissions from there on are dropped`);
    if (!isClusterAction(action) && WELL_KNOWN_INDEX_ACTIONS.has(action)) {
      // the precomputed table covers existing indices only and, since 3.2, skips rules matching none of them
      const skips = parsed === undefined ? undefined : versionAtLeast(parsed, 3, 2);
      const known = options.clusterIndices;
      const surely = known === undefined ? { rules: [], unknown: [] } : precomputedRules(rules, resolver, skips === true, known);
      // a rule whose reach this SDK cannot tell (its regex) may be one 3.2+ skips: the reading granting most skips it
      const skipping = skips !== false && surely.unknown.length > 0;
      const maybe = known === undefined ? precomputedRules(rules, resolver, skips !== false, undefined) : skips === undefined || skipping ? precomputedRules(rules, resolver, true, known, true) : surely;
      indexRules = [...indexRules, ...surely.rules];
      mayRules = [...mayRules, ...maybe.rules];
      if (known === undefined) doubts.push(`the plugin's precomputed table grants ${action} by the rules after the failing one on existing indices only${skips === false ? '' : ' (and since 3.2 skips the rules matching none of them)'}: pass clusterIndices${skips === undefined ? ' and pluginVersion' : ''}`);
      else if (skips === undefined) doubts.push(`since 3.2 the plugin's precomputed table skips the rules matching no existing index, and so may reach rules after the failing one: pass pluginVersion`);
      if (skipping) doubts.push(`which existing indices ${surely.unknown.map((p) => JSON.stringify(p)).join(', ')} match${surely.unknown.length === 1 ? 'es' : ''} is unknown (a regular expression this SDK cannot evaluate): the precomputed table may skip ${surely.unknown.length === 1 ? 'its rule' : 'their rules'} and reach rules after it`);
    }
  }
  // before 2.19 (ConfigModelV7 only) the index permissions are compiled per request instead: not modelled
  const legacy = parsed !== undefined && !versionAtLeast(parsed, 2, 19) ? '; read as 2.19 does: earlier versions compile index permissions per request (requests evaluating them fail)' : '';
  const rest = `the plugin logs "Ignoring role" and keeps only what it processed before the failure: ${reasons.join('; ')}` +
    ` (members of an action group are processed in hash-set order: those of the failing group are not counted)${legacy}`;
  const compiled: PermissionRole = { cluster_permissions: clusterKept, index_permissions: indexRules };
  const upper: PermissionRole = { cluster_permissions: clusterKept, index_permissions: mayRules };
  if (cluster.failure !== undefined && loadFails === undefined) {
    // version unknown: the 2.x reading (nothing) is the certain part, the 3.x one what may grant
    const why = [`the plugin version is unknown: on 2.x ${name} grants nothing (${configText(cluster.failure)}), on 3.x it keeps what it processed before the failure`, ...doubts];
    return { role: NOTHING(), dropped: `${name}: the plugin version is unknown (pass pluginVersion): on 2.x it grants nothing (${configText(cluster.failure)}); on 3.x ${rest}`, maybe: { role: upper, why: why.join('; ') } };
  }
  return { role: compiled, dropped: `${name}: ${rest}`, maybe: doubts.length === 0 ? undefined : { role: upper, why: doubts.join('; ') } };
}

/**
 * The roles of one explanation as compiled, each on its first read (the caller reads only those its answer needs:
 * the user's roles, the others when it looks for one that would grant); warnings only about the roles read.
 */
export class CompiledRoles {
  private readonly views = new Map<string, CompiledRoleView | undefined>();
  private readonly warned: string[] = [];

  constructor(
    private readonly roles: PermissionRoles,
    private readonly action: string,
    private readonly options: RoleCompileOptions,
    private readonly resolver: ActionResolver,
  ) {}

  /** Role `name` as compiled; undefined when it is not an own entry or not an object. */
  view(name: string): CompiledRoleView | undefined {
    if (this.views.has(name)) return this.views.get(name);
    const role: unknown = Object.prototype.hasOwnProperty.call(this.roles, name) ? this.roles[name] : undefined;
    const view = role === null || typeof role !== 'object' ? undefined : roleAsCompiled(name, role as PermissionRole, this.action, this.resolver, this.options);
    this.views.set(name, view);
    if (view?.dropped !== undefined) this.warned.push(view.dropped);
    return view;
  }

  /** One warning per role read so far with a dropped part. */
  get warnings(): string[] {
    return [...this.warned];
  }
}

/** Every role as the node's action privileges hold it for `action` (the certain reading), with one warning per role with a dropped part. */
export function rolesAsCompiled(
  roles: PermissionRoles,
  actionGroups: PermissionActionGroups | undefined,
  action: string,
  options: RoleCompileOptions = {},
): { roles: Record<string, PermissionRole>; warnings: string[] } {
  // no prototype: a role named __proto__ is an own entry like any other
  const out = Object.create(null) as Record<string, PermissionRole>;
  const compiled = new CompiledRoles(roles, action, options, new ActionResolver(groupTable(actionGroups)));
  for (const [name, role] of Object.entries(roles)) {
    const view = compiled.view(name);
    out[name] = view === undefined ? role : view.role;
  }
  return { roles: out, warnings: compiled.warnings };
}

/**
 * The undecided near miss of a role whose `maybe` reading grants `action` where its certain one does not: on the
 * indices left uncovered (`missIndices`; null: no index named) that reading covers. `grantsOf` evaluates a role.
 */
export function doubtMiss(
  name: string,
  action: string,
  maybe: CompiledRoleView['maybe'],
  missIndices: ReadonlySet<string> | null,
  grantsOf: (role: PermissionRole) => readonly PermissionGrant[],
): PermissionNearMiss[] {
  if (maybe === undefined || (missIndices !== null && missIndices.size === 0)) return [];
  const grants = grantsOf(maybe.role);
  if (grants.length === 0) return [];
  const reason = (on: string): string => `${name} may grant ${action}${on}, depending on what was not given: ${maybe.why}`;
  if (missIndices === null) return [{ role: name, kind: 'undecided_pattern', reason: reason('') }];
  const inDoubt = [...new Set(grants.flatMap((g) => { const i = opt(g, 'index'); return i !== undefined && missIndices.has(i) ? [i] : []; }))];
  if (inDoubt.length === 0) return [];
  return [{ role: name, kind: 'undecided_pattern', reason: reason(` on ${list(inDoubt)}`), indices: inDoubt }];
}
