/**
 * Offline explanation of the security plugin's action-level privilege evaluation: which role grants an
 * action (on an index), or why none does. Action groups are expanded the way the plugin flattens them
 * (the static catalogue plus custom groups, recursively, loops terminate), entries are matched as
 * WildcardMatcher patterns (`*`, `?`, `/regex/`), index patterns get `${user.name}`-style substitution,
 * and actions are split into cluster-level and index-level ones with the plugin's own rule.
 *
 * Not modelled: aliases and data streams (a role pattern on an alias also covers its member indices),
 * `do_not_fail_on_forbidden` (which narrows wildcard requests instead of refusing them), date-math
 * index names, tenant permissions and host-based role mappings.
 */
import type { FgacUser, SecurityExceptionError } from '../errors/classes.js';
import { STATIC_ACTION_GROUPS } from '../security/action-groups.js';
import { substituteUserVariables } from './dls.js';
import { compileFieldPattern, type FieldMatcher } from './wildcard.js';

/** An index permission of a role: the REST API JSON shape (`SecurityApi.roles.listRaw()`) or the typed model. */
export interface PermissionIndexRule {
  index_patterns?: readonly string[];
  allowed_actions?: readonly string[];
}

/** A role as far as action privileges go: the REST API JSON shape or the typed `Role` model. */
export interface PermissionRole {
  cluster_permissions?: readonly string[];
  index_permissions?: readonly PermissionIndexRule[];
}

/** A custom action group: the REST API JSON shape (`SecurityApi.actionGroups.listRaw()`), the typed model, or just its members. */
export type PermissionActionGroup = { allowed_actions?: readonly string[] } | readonly string[];

/** Role definitions keyed by role name. */
export type PermissionRoles = Readonly<Record<string, PermissionRole>>;

/** Custom action groups keyed by name; they are added to (and override) the static catalogue. */
export type PermissionActionGroups = Readonly<Record<string, PermissionActionGroup>>;

/** Who asks: the mapped roles to evaluate and what `${...}` variables in index patterns resolve to. */
export interface PermissionSubject {
  /** User name (`${user.name}` / `${user_name}`). */
  name?: string;
  /** The user's mapped security roles (authinfo `roles`): only these roles are evaluated. Absent: every role given. */
  roles?: readonly string[];
  /** Backend roles (`${user.roles}`). */
  backendRoles?: readonly string[];
  /** Custom attributes by full name, e.g. `{ 'attr.internal.dept': 'sales' }`. */
  attributes?: Readonly<Record<string, string>>;
}

/** The question `explainPermission` answers. */
export interface PermissionQuery {
  /** The action, e.g. `indices:data/read/search` or `cluster:monitor/health`. */
  action: string;
  /**
   * Index-level actions: the index (or indices; a comma-separated string is split) the request targets;
   * `*` or `_all` stands for all indices. Names are matched against role patterns literally, so a wildcard
   * expression is only covered by a pattern that matches it as a string. Absent: which patterns grant the
   * action on any index. Ignored for cluster-level actions.
   */
  index?: string | readonly string[];
  user?: PermissionSubject;
  /**
   * Plugin version whose `${...}` substitution rules apply to index patterns: 1.x/2.x (default) replace exact
   * references only; 3.x also honours `${name:-default}`.
   */
  pluginVersion?: string;
}

/** Whether the plugin checks an action against `cluster_permissions` or `index_permissions`. */
export type ActionLevel = 'cluster' | 'index';

/** One way a role grants the action. */
export interface PermissionGrant {
  role: string;
  permission: ActionLevel;
  /** The index pattern as written in the role (index permissions only). */
  pattern?: string;
  /** The pattern after `${...}` substitution, when that changed it. */
  resolvedPattern?: string;
  /** The requested index this grant covers (when indices were asked about). */
  index?: string;
  /** From the role's `allowed_actions` / `cluster_permissions` entry down to the action pattern that matched, e.g. `['read', 'indices:data/read*']`. */
  via: string[];
}

/** Why a near miss is one. */
export type NearMissKind =
  | 'other_indices'
  | 'action_not_allowed'
  | 'wrong_section'
  | 'unresolved_variable'
  | 'unknown_entry'
  | 'role_not_found';

/** A role that almost grants the action, or a definition problem that explains why it does not. */
export interface PermissionNearMiss {
  role: string;
  kind: NearMissKind;
  reason: string;
  /** Index patterns involved (as written in the role). */
  patterns?: string[];
  /** Requested indices involved. */
  indices?: string[];
}

/** The answer of `explainPermission`. */
export interface PermissionExplanation {
  action: string;
  /** `cluster` when the plugin checks the action against cluster_permissions (PrivilegesEvaluator.isClusterPerm). */
  level: ActionLevel;
  /** Requested indices (normalised; `_all` -> `*`), null when none were given or the action is cluster-level. */
  indices: string[] | null;
  /** True when the evaluated roles grant the action (on every requested index). */
  granted: boolean;
  grants: PermissionGrant[];
  nearMisses: PermissionNearMiss[];
  /** Requested indices no evaluated role covers for this action. */
  uncoveredIndices: string[];
  /** Roles evaluated (the subject's mapped roles that have a definition, or every role). */
  rolesEvaluated: string[];
  /** Mapped roles without a definition among the roles given. */
  missingRoles: string[];
  /** When not granted: grants (of what is missing) by roles the subject is not mapped to (only when `user.roles` was given). */
  wouldGrant: PermissionGrant[];
  /** Definition problems met on the way, e.g. action group loops. */
  warnings: string[];
}

const CLUSTER_PREFIXES = ['cluster:', 'indices:admin/template/', 'indices:admin/index_template/', 'indices:data/read/scroll', 'indices:data/read/msearch'];
const CLUSTER_EXACT = new Set([
  'indices:data/write/bulk',
  'indices:data/read/mget',
  'indices:data/read/mtv',
  'indices:data/write/reindex',
  'cluster:admin/search/template/render',
]);

/**
 * True when the plugin evaluates `action` against `cluster_permissions`: `cluster:*`, index and component
 * template actions, scroll, msearch, and the composite bulk / mget / mtv / reindex actions.
 */
export function isClusterAction(action: string): boolean {
  return CLUSTER_PREFIXES.some((p) => action.startsWith(p)) || CLUSTER_EXACT.has(action);
}

/** The members of every action group: the static catalogue overridden by `custom`. */
function groupTable(custom: PermissionActionGroups | undefined): Map<string, readonly string[]> {
  const table = new Map<string, readonly string[]>();
  for (const [name, group] of Object.entries(STATIC_ACTION_GROUPS)) table.set(name, group.allowed_actions);
  for (const [name, group] of Object.entries(custom ?? {})) {
    const members = isStringList(group) ? group : (group.allowed_actions ?? []);
    table.set(name, members.filter((m): m is string => typeof m === 'string'));
  }
  return table;
}

function isStringList(value: PermissionActionGroup): value is readonly string[] {
  return Array.isArray(value);
}

function looksLikeAction(entry: string): boolean {
  return entry.includes(':') || entry.includes('*') || entry.includes('?') || (entry.startsWith('/') && entry.endsWith('/') && entry.length > 1);
}

/** Resolves action groups and matches entries against one action, remembering compiled patterns and loops seen. */
class ActionResolver {
  private readonly groups: Map<string, readonly string[]>;
  private readonly compiled = new Map<string, FieldMatcher>();
  readonly warnings: string[] = [];

  constructor(groups: Map<string, readonly string[]>) {
    this.groups = groups;
  }

  isGroup(name: string): boolean {
    return this.groups.has(name);
  }

  private matches(pattern: string, action: string): boolean {
    let m = this.compiled.get(pattern);
    if (m === undefined) {
      try {
        m = compileFieldPattern(pattern);
      } catch (err) {
        this.warn(`pattern ${JSON.stringify(pattern)} is not a valid regular expression (${err instanceof Error ? err.message : String(err)}); it matches nothing`);
        m = () => false;
      }
      this.compiled.set(pattern, m);
    }
    return m(action);
  }

  private warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }

  /**
   * The expansion chain from `entry` to a pattern matching `action`, or undefined. The entry itself counts as
   * a pattern (the plugin keeps group names in the flattened set), then its members, depth first in order.
   * Each group is expanded once per call, so loops and diamonds terminate.
   */
  chain(entry: string, action: string): string[] | undefined {
    const expanded = new Set<string>();
    const walk = (name: string, path: string[]): string[] | undefined => {
      const here = [...path, name];
      if (this.matches(name, action)) return here;
      const members = this.groups.get(name);
      if (members === undefined) return undefined;
      if (path.includes(name)) {
        this.warn(`action group loop: ${here.join(' -> ')}`);
        return undefined;
      }
      if (expanded.has(name)) return undefined;
      expanded.add(name);
      for (const member of members) {
        if (path.includes(member) || member === name) {
          this.warn(`action group loop: ${[...here, member].join(' -> ')}`);
          continue;
        }
        const found = walk(member, here);
        if (found !== undefined) return found;
      }
      return undefined;
    };
    return walk(entry, []);
  }

  /** The first entry of `entries` that grants `action`, with its chain. */
  firstChain(entries: readonly string[] | undefined, action: string): string[] | undefined {
    if (!Array.isArray(entries)) return undefined;
    for (const entry of entries as readonly unknown[]) {
      if (typeof entry !== 'string') continue;
      const found = this.chain(entry, action);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** Entries that are neither a known action group nor shaped like an action pattern (probably a misspelt or missing group). */
  unknownEntries(entries: readonly string[] | undefined): string[] {
    if (!Array.isArray(entries)) return [];
    return (entries as readonly unknown[]).filter((e): e is string => typeof e === 'string' && !this.groups.has(e) && !looksLikeAction(e));
  }
}

/** Splits and normalises the requested indices; null when none were given. */
function normaliseIndices(index: string | readonly string[] | undefined): string[] | null {
  if (index === undefined) return null;
  const raw = typeof index === 'string' ? index.split(',') : index.flatMap((i) => i.split(','));
  const out: string[] = [];
  for (const r of raw) {
    const name = r.trim() === '_all' ? '*' : r.trim();
    if (name !== '' && !out.includes(name)) out.push(name);
  }
  return out.length === 0 ? null : out;
}

interface ResolvedPattern {
  pattern: string;
  resolved: string;
  unresolved: string[];
  matcher: FieldMatcher;
}

interface SubstitutionContext {
  user: PermissionSubject | undefined;
  securityRoles: readonly string[];
  pluginVersion: string;
}

function resolvePattern(pattern: string, ctx: SubstitutionContext): ResolvedPattern {
  const { user, securityRoles } = ctx;
  let resolved = pattern;
  let unresolved: string[] = [];
  if (pattern.includes('${')) {
    const sub = substituteUserVariables(pattern, {
      ...(user?.name !== undefined ? { name: user.name } : {}),
      ...(user?.backendRoles !== undefined ? { roles: user.backendRoles } : {}),
      securityRoles,
      ...(user?.attributes !== undefined ? { attributes: user.attributes } : {}),
    }, { pluginVersion: ctx.pluginVersion });
    resolved = sub.text;
    unresolved = sub.unresolved;
  }
  let matcher: FieldMatcher;
  try {
    matcher = compileFieldPattern(resolved);
  } catch {
    matcher = () => false;
  }
  return { pattern, resolved, unresolved, matcher };
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function chainText(via: readonly string[]): string {
  return via.length <= 1 ? (via[0] ?? '') : `${via[0]} (${via.slice(1).join(' > ')})`;
}

function list(items: readonly string[]): string {
  return `[${items.join(', ')}]`;
}

interface RoleOutcome {
  grants: PermissionGrant[];
  nearMisses: PermissionNearMiss[];
}

function evaluateRole(
  name: string,
  role: PermissionRole,
  action: string,
  level: ActionLevel,
  indices: string[] | null,
  resolver: ActionResolver,
  ctx: SubstitutionContext,
  missIndices: ReadonlySet<string> | null,
): RoleOutcome {
  const grants: PermissionGrant[] = [];
  const nearMisses: PermissionNearMiss[] = [];
  const indexRules: readonly PermissionIndexRule[] = Array.isArray(role.index_permissions) ? role.index_permissions : [];
  const clusterEntries: readonly string[] = Array.isArray(role.cluster_permissions) ? role.cluster_permissions : [];

  if (level === 'cluster') {
    const via = resolver.firstChain(clusterEntries, action);
    if (via !== undefined) {
      grants.push({ role: name, permission: 'cluster', via });
      return { grants, nearMisses };
    }
    const misplaced = indexRules.flatMap((rule) => {
      if (rule === null || typeof rule !== 'object') return [];
      const chain = resolver.firstChain(rule.allowed_actions, action);
      return chain === undefined ? [] : [{ chain, patterns: stringList(rule.index_patterns) }];
    });
    const first = misplaced[0];
    if (first !== undefined) {
      const patterns = misplaced.flatMap((m) => m.patterns);
      nearMisses.push({
        role: name,
        kind: 'wrong_section',
        reason: `${name} allows ${action} via ${chainText(first.chain)} only in index_permissions (on ${list(patterns)}); ` +
          'the plugin checks this action against cluster_permissions',
        patterns,
      });
    }
    const unknown = resolver.unknownEntries(clusterEntries);
    if (unknown.length > 0) {
      nearMisses.push({
        role: name,
        kind: 'unknown_entry',
        reason: `${name} lists ${list(unknown)} in cluster_permissions: neither a known action group nor an action pattern (a misspelt or undefined action group?)`,
      });
    }
    return { grants, nearMisses };
  }

  // Index-level action.
  const covered = new Set<string>();
  const actionOnPatterns: Array<{ patterns: string[]; via: string[] }> = [];
  const patternsWithoutAction: Array<{ pattern: string; index: string; allowed: string[] }> = [];
  const unresolvedPatterns: Array<{ pattern: string; unresolved: string[] }> = [];

  for (const rule of indexRules) {
    if (rule === null || typeof rule !== 'object') continue;
    const patterns = (Array.isArray(rule.index_patterns) ? rule.index_patterns : []).filter((p): p is string => typeof p === 'string').map((p) => resolvePattern(p, ctx));
    for (const p of patterns) if (p.unresolved.length > 0) unresolvedPatterns.push({ pattern: p.pattern, unresolved: p.unresolved });
    const via = resolver.firstChain(rule.allowed_actions, action);
    if (via !== undefined) {
      actionOnPatterns.push({ patterns: patterns.map((p) => p.pattern), via });
      if (indices === null) {
        for (const p of patterns) {
          grants.push({ role: name, permission: 'index', pattern: p.pattern, ...(p.resolved !== p.pattern ? { resolvedPattern: p.resolved } : {}), via });
        }
        continue;
      }
      for (const index of indices) {
        if (covered.has(index)) continue;
        const hit = patterns.find((p) => p.matcher(index));
        if (hit === undefined) continue;
        covered.add(index);
        grants.push({
          role: name, permission: 'index', pattern: hit.pattern, ...(hit.resolved !== hit.pattern ? { resolvedPattern: hit.resolved } : {}), index, via,
        });
      }
    } else if (indices !== null) {
      for (const index of indices) {
        const hit = patterns.find((p) => p.matcher(index));
        if (hit !== undefined) patternsWithoutAction.push({ pattern: hit.pattern, index, allowed: stringList(rule.allowed_actions) });
      }
    }
  }

  // Near misses only about indices no role covers (when that is known): the rest is noise.
  const uncovered = indices === null ? [] : indices.filter((i) => !covered.has(i) && (missIndices === null || missIndices.has(i)));
  const firstOnPatterns = actionOnPatterns[0];
  if (indices !== null && uncovered.length > 0 && firstOnPatterns !== undefined) {
    const patterns = [...new Set(actionOnPatterns.flatMap((a) => a.patterns))];
    nearMisses.push({
      role: name,
      kind: 'other_indices',
      reason: `${name} grants ${action} via ${chainText(firstOnPatterns.via)} only on ${list(patterns)}, not on ${list(uncovered)}`,
      patterns,
      indices: uncovered,
    });
  }
  for (const index of uncovered) {
    const without = patternsWithoutAction.filter((p) => p.index === index);
    const firstWithout = without[0];
    if (firstWithout === undefined) continue;
    const allowed = [...new Set(without.flatMap((w) => w.allowed))];
    nearMisses.push({
      role: name,
      kind: 'action_not_allowed',
      reason: `${name} covers ${index} with ${list([...new Set(without.map((w) => w.pattern))])} but allows only ${list(allowed)} there, which does not include ${action}`,
      patterns: [...new Set(without.map((w) => w.pattern))],
      indices: [index],
    });
  }
  if ((grants.length === 0 && (indices === null || missIndices === null || missIndices.size > 0)) || uncovered.length > 0) {
    const clusterVia = resolver.firstChain(clusterEntries, action);
    if (clusterVia !== undefined && !(clusterEntries.includes('*') || clusterEntries.includes('unlimited'))) {
      nearMisses.push({
        role: name,
        kind: 'wrong_section',
        reason: `${name} allows ${action} via ${chainText(clusterVia)} in cluster_permissions; the plugin checks index-level actions against index_permissions only`,
      });
    }
    const seen = new Set<string>();
    for (const u of unresolvedPatterns) {
      if (seen.has(u.pattern)) continue;
      seen.add(u.pattern);
      nearMisses.push({
        role: name,
        kind: 'unresolved_variable',
        reason: `${name}'s index pattern ${u.pattern} uses ${u.unresolved.map((v) => `\${${v}}`).join(', ')}, which the user does not define (the pattern then matches nothing)`,
        patterns: [u.pattern],
      });
    }
    const unknown = [...new Set(indexRules.flatMap((r) => (r === null || typeof r !== 'object' ? [] : resolver.unknownEntries(r.allowed_actions))))];
    if (unknown.length > 0) {
      nearMisses.push({
        role: name,
        kind: 'unknown_entry',
        reason: `${name} lists ${list(unknown)} in allowed_actions: neither a known action group nor an action pattern (a misspelt or undefined action group?)`,
      });
    }
  }
  return { grants, nearMisses };
}

/**
 * Which role grants `action` (on `index`), or why none does: expands action groups (static catalogue plus
 * `actionGroups`, recursively, loop-safe), matches wildcard action and index patterns (with `${user.name}`
 * substitution) and tells cluster-level from index-level actions as the plugin does. With `user.roles`
 * only those roles are evaluated; roles the user is not mapped to that would grant it land in `wouldGrant`.
 */
export function explainPermission(
  roles: PermissionRoles,
  actionGroups: PermissionActionGroups | undefined,
  query: PermissionQuery,
): PermissionExplanation {
  const { action, user } = query;
  if (typeof action !== 'string' || action === '') throw new TypeError('explainPermission: query.action must be a non-empty string');
  const level: ActionLevel = isClusterAction(action) ? 'cluster' : 'index';
  const indices = level === 'index' ? normaliseIndices(query.index) : null;
  const resolver = new ActionResolver(groupTable(actionGroups));
  const defined = (name: string): boolean => Object.prototype.hasOwnProperty.call(roles, name);

  const mapped = user?.roles === undefined ? undefined : [...new Set(user.roles)];
  const rolesEvaluated = mapped === undefined ? Object.keys(roles) : mapped.filter(defined);
  const missingRoles = mapped === undefined ? [] : mapped.filter((r) => !defined(r));
  const ctx: SubstitutionContext = { user, securityRoles: mapped ?? [], pluginVersion: query.pluginVersion ?? '2' };

  const evaluable = rolesEvaluated.flatMap((name) => {
    const role = roles[name];
    return role === undefined || role === null || typeof role !== 'object' ? [] : [{ name, role }];
  });
  // First pass: what is covered at all; second pass: near misses about what is not.
  const grants = evaluable.flatMap(({ name, role }) => evaluateRole(name, role, action, level, indices, resolver, ctx, null).grants);
  const coveredIndices = new Set(grants.flatMap((g) => (g.index === undefined ? [] : [g.index])));
  const uncoveredIndices = indices === null ? [] : indices.filter((i) => !coveredIndices.has(i));
  const granted = level === 'cluster' || indices === null ? grants.length > 0 : uncoveredIndices.length === 0;
  const missIndices = indices === null ? null : new Set(uncoveredIndices);
  const nearMisses: PermissionNearMiss[] = granted && indices === null
    ? []
    : evaluable.flatMap(({ name, role }) => evaluateRole(name, role, action, level, indices, resolver, ctx, missIndices).nearMisses);
  for (const name of missingRoles) {
    nearMisses.push({ role: name, kind: 'role_not_found', reason: `${name} is mapped to the user but no definition of it was given (deleted, or hidden from the caller)` });
  }

  const wouldGrant: PermissionGrant[] = [];
  if (mapped !== undefined && !granted) {
    for (const name of Object.keys(roles)) {
      if (mapped.includes(name)) continue;
      const role = roles[name];
      if (role === undefined || role === null || typeof role !== 'object') continue;
      const found = evaluateRole(name, role, action, level, indices, resolver, ctx, null).grants;
      wouldGrant.push(...found.filter((g) => g.index === undefined || missIndices === null || missIndices.has(g.index)));
    }
  }

  return { action, level, indices, granted, grants, nearMisses, uncoveredIndices, rolesEvaluated, missingRoles, wouldGrant, warnings: [...resolver.warnings] };
}

// ------------------------------------------------------------------------------------------------
// Role mappings

/** A role mapping as far as users and backend roles go (REST API JSON shape or the typed model). */
export interface PermissionRoleMapping {
  users?: readonly string[];
  backend_roles?: readonly string[];
  and_backend_roles?: readonly string[];
}

/**
 * The roles a user is mapped to by `mappings` (keyed by role name): a `users` pattern matches the name, a
 * `backend_roles` pattern matches one of its backend roles, or every `and_backend_roles` pattern matches
 * one. `hosts` mappings are not evaluated.
 */
export function mappedRoles(mappings: Readonly<Record<string, PermissionRoleMapping>>, user: { name: string; backendRoles?: readonly string[] }): string[] {
  const backend = user.backendRoles ?? [];
  const any = (patterns: readonly string[] | undefined, values: readonly string[]): boolean =>
    (patterns ?? []).some((p) => typeof p === 'string' && safeMatcher(p)(values));
  const out: string[] = [];
  for (const [role, mapping] of Object.entries(mappings)) {
    if (mapping === null || typeof mapping !== 'object') continue;
    const byUser = any(mapping.users, [user.name]);
    const byBackend = any(mapping.backend_roles, backend);
    const and = mapping.and_backend_roles ?? [];
    const byAnd = and.length > 0 && and.every((p) => typeof p === 'string' && safeMatcher(p)(backend));
    if (byUser || byBackend || byAnd) out.push(role);
  }
  return out;
}

function safeMatcher(pattern: string): (values: readonly string[]) => boolean {
  try {
    const m = compileFieldPattern(pattern);
    return (values) => values.some((v) => m(v));
  } catch {
    return () => false;
  }
}

// ------------------------------------------------------------------------------------------------
// SecurityExceptionError

/** Options of `explainSecurityException`. */
export interface ExplainSecurityExceptionOptions {
  /** The user's mapped security roles (authinfo `roles`). Takes precedence over everything else. */
  userRoles?: readonly string[];
  /** Role mappings (`SecurityApi.roleMappings.listRaw()`): the user's roles are derived from its name and backend roles. */
  roleMappings?: Readonly<Record<string, PermissionRoleMapping>>;
  /** Custom attributes for `${attr...}` in index patterns. */
  attributes?: Readonly<Record<string, string>>;
}

/** Where the evaluated roles came from. */
export type RolesSource = 'userRoles' | 'injected' | 'roleMappings' | 'all';

/** The answer of `explainSecurityException`: a sentence for people plus the structured explanations. */
export interface SecurityExceptionExplanation {
  /** What was denied, which roles were evaluated, why they do not grant it and what would fix it. */
  message: string;
  /** The explanation of the first denied action (undefined when the denial names no action). */
  explanation: PermissionExplanation | undefined;
  /** One explanation per denied action, in the error's order. */
  explanations: PermissionExplanation[];
  user: FgacUser | null;
  /** The security roles evaluated; null when every role was (mapped roles unknown). */
  roles: string[] | null;
  rolesSource: RolesSource;
}

const INDEX_GROUP_PREFERENCE = ['read', 'write', 'delete', 'index', 'get', 'search', 'suggest', 'create_index', 'manage_aliases', 'indices_monitor', 'manage', 'crud', 'data_access', 'indices_all'];
const CLUSTER_GROUP_PREFERENCE = ['cluster_monitor', 'cluster_composite_ops_ro', 'cluster_composite_ops', 'manage_snapshots', 'cluster_manage_index_templates', 'cluster_manage_pipelines', 'cluster_all'];

/** The narrowest-first static action group that contains `action`, if any. */
export function staticGroupFor(action: string): string | undefined {
  const resolver = new ActionResolver(groupTable(undefined));
  const order = isClusterAction(action) ? CLUSTER_GROUP_PREFERENCE : INDEX_GROUP_PREFERENCE;
  return order.find((g) => resolver.chain(g, action) !== undefined);
}

function describeGrant(g: PermissionGrant): string {
  const where = g.permission === 'index' ? ` on ${g.pattern ?? '?'}${g.index !== undefined && g.index !== g.pattern ? ` (covers ${g.index})` : ''}` : ' (cluster_permissions)';
  return `${g.role} via ${chainText(g.via)}${where}`;
}

const SOURCE_TEXT: Record<RolesSource, string> = {
  userRoles: 'as given',
  injected: 'injected',
  roleMappings: 'from the role mappings',
  all: 'all',
};

function sentenceFor(e: PermissionExplanation, rolesSource: RolesSource): string[] {
  const lines: string[] = [];
  const target = e.level === 'cluster' ? `${e.action} (cluster-level)` : `${e.action}${e.indices !== null ? ` on ${list(e.indices)}` : ''}`;
  if (rolesSource === 'all') {
    lines.push(`${target}: the user's mapped roles are unknown (pass userRoles from authinfo, or roleMappings), so all ${e.rolesEvaluated.length} roles given were evaluated.`);
    const granting = [...new Set(e.grants.map((g) => g.role))];
    lines.push(granting.length > 0 ? `Roles that grant it: ${e.grants.slice(0, 5).map(describeGrant).join('; ')}${e.grants.length > 5 ? '; ...' : ''}.` : 'No role given grants it.');
    for (const n of e.nearMisses) lines.push(`${n.reason}.`);
    if (granting.length > 0) lines.push(`Fix: map the user (or one of its backend roles) to one of ${granting.slice(0, 5).join(', ')}${granting.length > 5 ? ', ...' : ''}, or to a role granting the same.`);
    return lines;
  }
  const rolesText = e.rolesEvaluated.length === 0 ? 'no role with a definition' : e.rolesEvaluated.join(', ');
  lines.push(`${target}: roles evaluated (${SOURCE_TEXT[rolesSource]}): ${rolesText}.`);
  if (e.missingRoles.length > 0) lines.push(`Mapped roles without a definition: ${e.missingRoles.join(', ')}.`);
  if (e.granted) {
    lines.push(
      `These roles DO grant it (${e.grants.slice(0, 3).map(describeGrant).join('; ')}): the definitions may have changed since, the user may be mapped ` +
      'differently than assumed, or the request touched other indices (aliases, wildcard expansion) than the ones evaluated.',
    );
    return lines;
  }
  if (e.grants.length > 0) lines.push(`Granted on part of the request: ${e.grants.map(describeGrant).join('; ')}; not covered: ${list(e.uncoveredIndices)}.`);
  for (const n of e.nearMisses) lines.push(`${n.reason}.`);
  if (e.nearMisses.length === 0 && e.grants.length === 0) {
    lines.push(e.rolesEvaluated.length === 0 ? 'The user has no role that could grant it.' : 'None of these roles mentions this action in any form.');
  }
  const fixes: string[] = [];
  const group = staticGroupFor(e.action);
  const grantWith = group !== undefined ? `${e.action} (e.g. action group ${group})` : e.action;
  if (e.nearMisses.some((n) => n.kind === 'other_indices')) {
    const patterns = [...new Set(e.nearMisses.filter((n) => n.kind === 'other_indices').flatMap((n) => n.patterns ?? []))];
    fixes.push(`target only indices matching ${list(patterns)}, or give a mapped role ${grantWith} on ${list(e.uncoveredIndices)}`);
  } else if (e.level === 'index') {
    fixes.push(`give a mapped role an index permission with ${grantWith}${e.indices !== null ? ` on ${list(e.uncoveredIndices)}` : ''}`);
  } else {
    fixes.push(`add ${grantWith} to the cluster_permissions of a mapped role`);
  }
  const would = [...new Set(e.wouldGrant.map((g) => g.role))];
  if (would.length > 0) fixes.push(`or map the user to a role that grants it: ${would.slice(0, 5).join(', ')}${would.length > 5 ? ', ...' : ''}`);
  lines.push(`Fix: ${fixes.join('; ')}.`);
  return lines;
}

/**
 * Explains a `SecurityExceptionError` with role (and action group) definitions: for each denied action,
 * which of the user's roles come close and why none grants it, as a message and as `explainPermission`
 * results. The user's roles come from `options.userRoles`, else the error's injected roles, else
 * `options.roleMappings` applied to the error's user; without any of these every role is evaluated.
 * The error is not modified.
 */
export function explainSecurityException(
  error: SecurityExceptionError,
  roles: PermissionRoles,
  actionGroups?: PermissionActionGroups,
  options: ExplainSecurityExceptionOptions = {},
): SecurityExceptionExplanation {
  const user = error.user === null ? null : { name: error.user.name, backendRoles: [...error.user.backendRoles] };
  let rolesSource: RolesSource;
  let subjectRoles: string[] | undefined;
  if (options.userRoles !== undefined) {
    rolesSource = 'userRoles';
    subjectRoles = [...options.userRoles];
  } else if (error.roles !== null) {
    rolesSource = 'injected';
    subjectRoles = [...error.roles];
  } else if (options.roleMappings !== undefined && user !== null) {
    rolesSource = 'roleMappings';
    subjectRoles = mappedRoles(options.roleMappings, user);
  } else {
    rolesSource = 'all';
  }
  const subject: PermissionSubject = {
    ...(user !== null ? { name: user.name, backendRoles: user.backendRoles } : {}),
    ...(subjectRoles !== undefined ? { roles: subjectRoles } : {}),
    ...(options.attributes !== undefined ? { attributes: options.attributes } : {}),
  };
  const explanations = error.actions.map((action) =>
    explainPermission(roles, actionGroups, { action, ...(error.indices !== null ? { index: error.indices } : {}), user: subject }));

  const who = user !== null
    ? `User ${user.name} (${user.backendRoles.length > 0 ? `backend roles: ${user.backendRoles.join(', ')}` : 'no backend roles'})`
    : error.roles !== null ? `A request with injected roles ${list(error.roles)}` : 'The request';
  const lines: string[] = [];
  if (explanations.length === 0) {
    lines.push(`${who} was denied, but the denial names no action: ${error.reason}`);
  } else {
    lines.push(`${who} lacks ${error.actions.join(', ')}${error.indices !== null ? ` on ${list(error.indices)}` : ''}.`);
    for (const e of explanations) lines.push(...sentenceFor(e, rolesSource));
  }
  return {
    message: lines.join('\n'),
    explanation: explanations[0],
    explanations,
    user,
    roles: subjectRoles ?? null,
    rolesSource,
  };
}
