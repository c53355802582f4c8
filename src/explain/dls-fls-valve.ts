/**
 * Requests the security plugin refuses whatever the privileges, because DLS, FLS or field masking
 * applies to an index of them (DlsFlsValveImpl.invoke, read in the plugin's source at 2.19.4.0 and
 * 3.8.0.0; seen on the 2.19.4 and 3.4.0 nodes): an `_update` ("Update is not supported when FLS or
 * DLS or Fieldmasking is activated", answered 500), update items of a bulk (2.x refuses the whole
 * bulk; 3.x the items of each shard request holding one), and under DLS a search with `profile: true`
 * or a top-level `terms` aggregation with `min_doc_count: 0`: on 3.x when the searched indices have DLS,
 * on 2.x when they have any of DLS, FLS or masking and the user has DLS on any index (2.x asks
 * "has DLS" of the user's whole configuration; seen on 2.19.4). The privileges evaluation (and the
 * 3.2+ dry-run) passes them; the valve runs after it.
 *
 * An index counts as restricted when an index permission of the subject's roles covers it (by pattern,
 * or through an alias or data stream holding it) with a `dls`, `fls` or `masked_fields`, weighed per kind
 * as `restricts` says (dfm_empty_overrides_all, when the caller says the nodes set it). Not modelled: 3.5+'s opt-in
 * `plugins.security.dls.write_blocked` (every bulk write item refused), resize and replication requests
 * (not in the request table), and wildcards when the cluster's index names are not known.
 */
import { containerTable, coveringNames, expandAliases, type ContainerTable, type IndexAliases } from '../fgac/aliases.js';
import { dlsRules, permissionHasDls } from '../fgac/dls.js';
import { parsePluginVersion, pluginVersionOrUnknown } from '../fgac/plugin-version.js';
import { requestDateMath } from './date-math-names.js';
import { dateMathFallsBack } from '../fgac/index-expressions.js';
import { resolvePattern, type SubstitutionContext } from './role-pattern.js';
import type { RequiredPrivilege } from './request-actions.js';
import type { PermissionRoles, PermissionSubject } from './types.js';
import { opt } from '../errors/own.js';
import { VALVE_MIN_DOC_COUNT, VALVE_PROFILE, VALVE_UPDATE } from '../errors/valve-refusals.js';

/** The valve's refusal of a request: its message and the restricted indices that caused it. */
export interface DlsFlsRefusal {
  message: string;
  indices: string[];
}

/** What the valve's verdict depends on besides the roles. */
export interface ValveContext {
  aliases?: IndexAliases;
  pluginVersion?: string;
  /** `plugins.security.dfm_empty_overrides_all` of the nodes (opensearch.yml; default false, not readable through the API). */
  dfmEmptyOverridesAll?: boolean;
  /** The cluster's index names (2.x with dfm_empty_overrides_all: where a DLS entry's wildcard patterns land). */
  clusterIndices?: readonly string[];
  /** The instant the request's date-math names (`<logs-{now/d}>`) are resolved at, as for its privileges (default: now). */
  now?: number;
}

const UPDATE = 'indices:data/write/update';
const SEARCH = 'indices:data/read/search';

/** What the valve looks at in a search body: `profile`, and top-level terms aggregations with min_doc_count 0. */
function searchRefusal(body: string | undefined): string | undefined {
  if (body === undefined) return undefined;
  let source: unknown;
  try {
    source = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (source === null || typeof source !== 'object' || Array.isArray(source)) return undefined;
  const s = source as Record<string, unknown>;
  const aggs = s.aggs ?? s.aggregations;
  if (aggs !== null && typeof aggs === 'object') {
    for (const agg of Object.values(aggs as Record<string, unknown>)) {
      const terms = (agg as { terms?: { min_doc_count?: unknown } } | null)?.terms;
      if (terms !== null && typeof terms === 'object' && terms.min_doc_count === 0) return VALVE_MIN_DOC_COUNT;
    }
  }
  return s.profile === true ? VALVE_PROFILE : undefined;
}

/** Whether a request of these checks (and body) is of a kind the valve can refuse: worth reading the roles for. */
export function valveMayRefuse(checks: readonly RequiredPrivilege[], body: string | undefined): boolean {
  return checks.some((c) => c.action === UPDATE || (c.action === SEARCH && opt(c, 'itemLevel') !== true && searchRefusal(body) !== undefined));
}

/** One index permission of the subject's roles as the valve reads it: its patterns and which kinds of rule it holds. */
interface ValveEntry {
  patterns: string[];
  /** Listed with the pattern `*` (3.x judges such entries for every index, before the others). */
  wildcard: boolean;
  dls: boolean;
  fls: boolean;
  mask: boolean;
}

type RuleKind = 'dls' | 'fls' | 'mask';

/** The subject's index permissions (every entry, with or without rules: under dfm_empty_overrides_all one without lifts the others). */
function valveEntries(roles: PermissionRoles, subject: PermissionSubject, pluginVersion: string): ValveEntry[] {
  const out: ValveEntry[] = [];
  for (const roleName of subject.roles ?? []) {
    const role = Object.hasOwn(roles, roleName) ? roles[roleName] : undefined;
    const perms: readonly unknown[] = Array.isArray(role?.index_permissions) ? role.index_permissions : [];
    for (const entry of perms) {
      if (entry === null || typeof entry !== 'object') continue;
      const perm = entry as { index_patterns?: unknown; dls?: unknown; fls?: unknown; masked_fields?: unknown };
      const listed: readonly unknown[] = Array.isArray(perm.index_patterns) ? perm.index_patterns : [];
      const patterns = listed.filter((p): p is string => typeof p === 'string');
      out.push({
        patterns,
        wildcard: patterns.includes('*'),
        dls: permissionHasDls(perm.dls, pluginVersion),
        fls: Array.isArray(perm.fls) && perm.fls.length > 0,
        mask: Array.isArray(perm.masked_fields) && perm.masked_fields.length > 0,
      });
    }
  }
  return out;
}

/** How the valve judges the subject: its entries, how patterns resolve for it, and the two switches that change the verdict. */
interface ValveJudge {
  entries: ValveEntry[];
  ctx: SubstitutionContext;
  aliases: IndexAliases | undefined;
  /** The aliases by member index, built once per call. */
  table: ContainerTable;
  v3: boolean;
  dfm: boolean;
}

/**
 * Whether rules of `kind` restrict `index` for the subject. Default: any covering entry with such a rule
 * restricts. With dfm_empty_overrides_all, 2.x (ConfigModelV7.getDlsFls) drops the kind's rules on an
 * index that a covering entry without one also grants; 3.x (AbstractRuleBasedPrivileges.isUnrestricted)
 * first lets an entry on `*` without the rule lift every index, then lets one on `*` with it restrict
 * every index, and only then weighs the other covering entries that way.
 */
function restricts(judge: ValveJudge, kind: RuleKind, index: string): boolean {
  const names = coveringNames(index, judge.aliases, judge.table);
  const covers = (e: ValveEntry): boolean => e.patterns.some((p) => names.some(resolvePattern(p, judge.ctx).matcher));
  if (judge.v3) {
    const wild = judge.entries.filter((e) => e.wildcard);
    if (judge.dfm && wild.some((e) => !e[kind])) return false;
    if (wild.some((e) => e[kind])) return true;
    const explicit = judge.entries.filter((e) => !e.wildcard && covers(e));
    return judge.dfm ? explicit.length > 0 && explicit.every((e) => e[kind]) : explicit.some((e) => e[kind]);
  }
  const covering = judge.entries.filter(covers);
  return covering.some((e) => e[kind]) && !(judge.dfm && covering.some((e) => !e[kind]));
}

/** What the subject's roles put on `index`: DLS, and any of DLS, FLS or masking. */
function restrictionsOn(judge: ValveJudge, index: string): { dls: boolean; any: boolean } {
  const dls = restricts(judge, 'dls', index);
  return { dls, any: dls || restricts(judge, 'fls', index) || restricts(judge, 'mask', index) };
}

/**
 * 2.x asks whether the user has DLS anywhere (EvaluatedDlsFlsConfig.hasDls): any entry with DLS, or with
 * dfm_empty_overrides_all one whose indices are not all granted without it too. Those indices are the
 * cluster's names its patterns match (when known) and its patterns without wildcards; an entry of only
 * wildcard patterns with no cluster names known counts as DLS.
 */
function dlsAnywhere(judge: ValveJudge, clusterIndices: readonly string[] | undefined): boolean {
  for (const entry of judge.entries) {
    if (!entry.dls) continue;
    if (!judge.dfm) return true;
    const matchers = entry.patterns.map((p) => resolvePattern(p, judge.ctx));
    const named = matchers.filter((m) => m.unresolved.length === 0 && !/[*?]/.test(m.resolved) && !m.resolved.startsWith('/')).map((m) => m.resolved);
    const known = clusterIndices?.filter((i) => matchers.some((m) => m.matcher(i))) ?? [];
    const candidates = [...new Set([...named, ...known])];
    if (candidates.length === 0 && clusterIndices === undefined) return true;
    if (candidates.some((i) => restricts(judge, 'dls', i))) return true;
  }
  return false;
}

/**
 * The valve's refusal of a request whose privileges `checks` name (and whose search body is `body`), for
 * `subject` under `roles`; undefined when the valve lets it through.
 */
export function dlsFlsRefusal(
  checks: readonly RequiredPrivilege[], body: string | undefined, roles: PermissionRoles, subject: PermissionSubject,
  context: ValveContext = {},
): DlsFlsRefusal | undefined {
  const version = pluginVersionOrUnknown(context.pluginVersion);
  const now = context.now ?? Date.now();
  const base = {
    entries: valveEntries(roles, subject, version),
    ctx: { user: subject, securityRoles: subject.roles, pluginVersion: version, resolvedPatterns: new Map(), now, ...(context.aliases !== undefined ? { aliases: context.aliases } : {}) },
    aliases: context.aliases,
    table: containerTable(context.aliases),
    dfm: context.dfmEmptyOverridesAll === true,
  };
  // an unknown version (fgac/plugin-version.ts): refused when either generation's valve refuses
  if (dlsRules(version) === undefined) {
    return refusalOf({ ...base, v3: false }, checks, body, context, now) ?? refusalOf({ ...base, v3: true }, checks, body, context, now);
  }
  return refusalOf({ ...base, v3: (parsePluginVersion(version)?.major ?? 2) >= 3 }, checks, body, context, now);
}

function refusalOf(judge: ValveJudge, checks: readonly RequiredPrivilege[], body: string | undefined, context: ValveContext, now: number): DlsFlsRefusal | undefined {
  const { v3 } = judge;
  const search = searchRefusal(body);
  let anywhere: boolean | undefined;
  const refused = new Set<string>();
  let message: string | undefined;
  for (const c of checks) {
    const wantsUpdate = c.action === UPDATE;
    const wantsSearch = c.action === SEARCH && c.itemLevel !== true && search !== undefined;
    if (!wantsUpdate && !wantsSearch) continue;
    // the names the plugin judges: date math resolved first (IndexResolverReplacer), as explainPermission does; beside a
    // date-math name without `*` an alias is judged by its own name (dateMathFallsBack), not its indices
    const written = c.indices ?? [];
    const named = requestDateMath(written, now).names ?? [];
    for (const index of dateMathFallsBack(written) ? named : expandAliases(named, context.aliases)) {
      const r = restrictionsOn(judge, index);
      if (wantsUpdate && r.any) {
        refused.add(index);
        message ??= VALVE_UPDATE;
      } else if (wantsSearch && (v3 ? r.dls : r.any && (anywhere ??= dlsAnywhere(judge, context.clusterIndices)))) {
        refused.add(index);
        message ??= search;
      }
    }
  }
  return message === undefined ? undefined : { message, indices: [...refused] };
}
