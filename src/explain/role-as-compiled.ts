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
 * - 2.x (and an unknown version: the refusing reading): the role config model (ConfigModelV7) also compiles cluster
 *   permissions and fails to load the whole configuration ("Error while updating roles"; every security config write
 *   answers 500 "Failed node" while the role exists): which mappings and roles the node then runs depends on its history,
 *   so such a role is taken to grant nothing. DLS/FLS/masking are read without allowed_actions: they are not affected.
 */
import { WELL_KNOWN_CLUSTER_ACTIONS, WELL_KNOWN_INDEX_ACTIONS } from '../fgac/well-known-actions.js';
import { compileFieldPattern, isExactPattern } from '../fgac/field-patterns.js';
import { parsePluginVersion, pluginVersionOrUnknown, versionAtLeast, type PluginVersion } from '../fgac/plugin-version.js';
import { ActionResolver, actionPatternFailure, groupTable, isClusterAction } from './action-resolver.js';
import type { PermissionActionGroups, PermissionIndexRule, PermissionRole, PermissionRoles } from './types.js';

/** What the plugin version and the cluster tell about how a role is compiled. */
export interface RoleCompileOptions {
  /** The plugin version; missing or unreadable: unknown (the refusing reading of each version-dependent rule). */
  pluginVersion?: string;
  /** The cluster's indices (the precomputed table covers existing indices only); unknown: not used. */
  clusterIndices?: readonly string[];
}

/** One role as the node's action privileges hold it for one action. */
export interface CompiledRoleView {
  /** The role reduced to what the node keeps (the role itself when every action pattern compiles). */
  role: PermissionRole;
  /** Why part or all of the role grants nothing on the node; undefined when nothing is dropped. */
  dropped: string | undefined;
}

interface Cut {
  /** The entries processed before the failure (all of them when none fails). */
  kept: string[];
  failure: { entry: string; pattern: string; message: string } | undefined;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** `entries` cut before the first one whose expansion (itself or a member) does not compile. */
function cut(entries: readonly string[], resolver: ActionResolver): Cut {
  for (const [i, entry] of entries.entries()) {
    for (const pattern of [entry, ...resolver.members(entry)]) {
      const message = actionPatternFailure(pattern);
      if (message !== undefined) return { kept: entries.slice(0, i), failure: { entry, pattern, message } };
    }
  }
  return { kept: [...entries], failure: undefined };
}

const failureText = (f: NonNullable<Cut['failure']>): string =>
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

/** A constant index pattern (no `${...}`, no date math) that compiles: what IndexPattern's static part holds. */
function isStaticIndexPattern(p: string): boolean {
  if (p.includes('${') || (p.startsWith('<') && p.endsWith('>'))) return false;
  try {
    compileFieldPattern(p);
    return true;
  } catch {
    return false;
  }
}

/** The rules the precomputed index table reaches (its own cut), their patterns reduced to what it matches. */
function precomputedRules(rules: readonly PermissionIndexRule[], resolver: ActionResolver, skipsUnmatched: boolean, clusterIndices: readonly string[] | undefined): PermissionIndexRule[] {
  const eligible: PermissionIndexRule[] = [];
  for (const rule of rules) {
    const patterns = strings(rule.index_patterns);
    if (patterns.includes('*')) continue;
    const constant = patterns.filter(isStaticIndexPattern);
    if (constant.length === 0) continue;
    const matchers = constant.map((p) => compileFieldPattern(p));
    const existing = clusterIndices?.filter((i) => matchers.some((m) => m(i)));
    if (skipsUnmatched && existing !== undefined && existing.length === 0) continue;
    eligible.push({ ...rule, index_patterns: existing ?? constant });
  }
  return cutRules(eligible, resolver).rules;
}

/** Whether the node is 2.x (or its version unknown: the reading that grants least), where a failing cluster permission breaks the config load. */
function configLoadFails(v: PluginVersion | undefined): boolean {
  return v === undefined || v.major < 3;
}

/** One role as the node's action privileges hold it for `action` (see the module comment). */
export function roleAsCompiled(name: string, role: PermissionRole, action: string, resolver: ActionResolver, options: RoleCompileOptions = {}): CompiledRoleView {
  const version = pluginVersionOrUnknown(options.pluginVersion);
  const parsed = parsePluginVersion(version);
  const rules: PermissionIndexRule[] = (Array.isArray(role.index_permissions) ? role.index_permissions : []).filter((r) => r !== null && typeof r === 'object');
  const cluster = cut(strings(role.cluster_permissions), resolver);
  const index = cutRules(rules, resolver);
  if (cluster.failure === undefined && index.failure === undefined) return { role, dropped: undefined };
  if (cluster.failure !== undefined && configLoadFails(parsed)) {
    const why = version === '' ? ' (the plugin version is unknown: its 2.x reading, the one granting least)' : '';
    return {
      role: { cluster_permissions: [], index_permissions: [] },
      dropped: `${name} grants nothing: its cluster permission ${failureText(cluster.failure)}; the 2.x plugin${why} then fails to load the ` +
        'security configuration (ConfigModelV7 "Error while updating roles") and keeps running an earlier one',
    };
  }
  const reasons: string[] = [];
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
  if (index.failure !== undefined) {
    reasons.push(`its index permission ${failureText(index.failure)}: index permissions from there on are dropped`);
    if (!isClusterAction(action) && WELL_KNOWN_INDEX_ACTIONS.has(action)) {
      const skipsUnmatched = parsed !== undefined && versionAtLeast(parsed, 3, 2);
      indexRules = [...indexRules, ...precomputedRules(rules, resolver, skipsUnmatched, options.clusterIndices)];
    }
  }
  // before 2.19 (ConfigModelV7 only) the index permissions are compiled per request instead: not modelled
  const legacy = parsed !== undefined && !versionAtLeast(parsed, 2, 19) ? '; read as 2.19 does: earlier versions compile index permissions per request (requests evaluating them fail)' : '';
  const dropped = `${name}: the plugin logs "Ignoring role" and keeps only what it processed before the failure: ${reasons.join('; ')}` +
    ` (members of an action group are processed in hash-set order: those of the failing group are not counted)${legacy}`;
  return { role: { cluster_permissions: clusterKept, index_permissions: indexRules }, dropped };
}

/** Every role as the node's action privileges hold it for `action`, with one warning per role with a dropped part (`resolver`: the caller's, for `actionGroups`). */
export function rolesAsCompiled(
  roles: PermissionRoles,
  actionGroups: PermissionActionGroups | undefined,
  action: string,
  options: RoleCompileOptions = {},
  resolver: ActionResolver = new ActionResolver(groupTable(actionGroups)),
): { roles: Record<string, PermissionRole>; warnings: string[] } {
  // no prototype: a role named __proto__ is an own entry like any other
  const out = Object.create(null) as Record<string, PermissionRole>;
  const warnings: string[] = [];
  for (const [name, role] of Object.entries(roles)) {
    if (role === null || typeof role !== 'object') {
      out[name] = role;
      continue;
    }
    const view = roleAsCompiled(name, role, action, resolver, options);
    out[name] = view.role;
    if (view.dropped !== undefined) warnings.push(view.dropped);
  }
  return { roles: out, warnings };
}
