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
 * or through an alias or data stream holding it) with a `dls`, `fls` or `masked_fields`. Not modelled:
 * `dfm_empty_overrides_all` (a role granting the index without rules then lifts them), 3.5+'s opt-in
 * `plugins.security.dls.write_blocked` (every bulk write item refused), resize and replication requests
 * (not in the request table), and wildcards when the cluster's index names are not known.
 */
import { coveringNames, expandAliases, type IndexAliases } from '../fgac/aliases.js';
import { hasDlsQuery } from '../fgac/dls.js';
import { parsePluginVersion } from '../fgac/plugin-version.js';
import { resolvePattern } from './permission.js';
import type { RequiredPrivilege } from './request-actions.js';
import type { PermissionRoles, PermissionSubject } from './types.js';

/** The valve's refusal of a request: its message and the restricted indices that caused it. */
export interface DlsFlsRefusal {
  message: string;
  indices: string[];
}

const UPDATE = 'indices:data/write/update';
const SEARCH = 'indices:data/read/search';
const UPDATE_MESSAGE = 'Update is not supported when FLS or DLS or Fieldmasking is activated';

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
      if (terms !== null && typeof terms === 'object' && terms.min_doc_count === 0) return 'min_doc_count 0 is not supported when DLS is activated';
    }
  }
  return s.profile === true ? 'Profiling is not supported when DLS is activated' : undefined;
}

/** Whether a request of these checks (and body) is of a kind the valve can refuse: worth reading the roles for. */
export function valveMayRefuse(checks: readonly RequiredPrivilege[], body: string | undefined): boolean {
  return checks.some((c) => c.action === UPDATE || (c.action === SEARCH && c.itemLevel !== true && searchRefusal(body) !== undefined));
}

/** What the subject's roles put on `index` (every index when undefined): DLS, and any of DLS, FLS or masking. */
function restrictionsOn(index: string | undefined, roles: PermissionRoles, subject: PermissionSubject, aliases: IndexAliases | undefined, pluginVersion: string): { dls: boolean; any: boolean } {
  const names = index === undefined ? [] : coveringNames(index, aliases);
  const securityRoles = subject.roles ?? [];
  const ctx = { user: subject, securityRoles, pluginVersion, ...(aliases !== undefined ? { aliases } : {}) };
  let dls = false;
  let any = false;
  for (const roleName of securityRoles) {
    const role = Object.hasOwn(roles, roleName) ? roles[roleName] : undefined;
    const perms: readonly unknown[] = Array.isArray(role?.index_permissions) ? role.index_permissions : [];
    for (const entry of perms) {
      if (entry === null || typeof entry !== 'object') continue;
      const perm = entry as { index_patterns?: unknown; dls?: unknown; fls?: unknown; masked_fields?: unknown };
      const hasDls = typeof perm.dls === 'string' && hasDlsQuery(perm.dls, pluginVersion);
      const hasOther = (Array.isArray(perm.fls) && perm.fls.length > 0) || (Array.isArray(perm.masked_fields) && perm.masked_fields.length > 0);
      if (!hasDls && !hasOther) continue;
      const listed: readonly unknown[] = Array.isArray(perm.index_patterns) ? perm.index_patterns : [];
      const patterns = listed.filter((p): p is string => typeof p === 'string');
      if (index !== undefined && !patterns.some((p) => names.some(resolvePattern(p, ctx).matcher))) continue;
      dls ||= hasDls;
      any = true;
    }
  }
  return { dls, any };
}

/**
 * The valve's refusal of a request whose privileges `checks` name (and whose search body is `body`), for
 * `subject` under `roles`; undefined when the valve lets it through.
 */
export function dlsFlsRefusal(
  checks: readonly RequiredPrivilege[], body: string | undefined, roles: PermissionRoles, subject: PermissionSubject,
  context: { aliases?: IndexAliases; pluginVersion?: string } = {},
): DlsFlsRefusal | undefined {
  const version = context.pluginVersion ?? '2.19.0';
  const search = searchRefusal(body);
  const v2 = (parsePluginVersion(version)?.major ?? 2) < 3;
  const dlsAnywhere = search !== undefined && v2 && restrictionsOn(undefined, roles, subject, context.aliases, version).dls;
  const refused = new Set<string>();
  let message: string | undefined;
  for (const c of checks) {
    const wantsUpdate = c.action === UPDATE;
    const wantsSearch = c.action === SEARCH && c.itemLevel !== true && search !== undefined;
    if (!wantsUpdate && !wantsSearch) continue;
    for (const index of expandAliases(c.indices ?? [], context.aliases)) {
      const r = restrictionsOn(index, roles, subject, context.aliases, version);
      if (wantsUpdate && r.any) {
        refused.add(index);
        message ??= UPDATE_MESSAGE;
      } else if (wantsSearch && (v2 ? r.any && dlsAnywhere : r.dls)) {
        refused.add(index);
        message ??= search;
      }
    }
  }
  return message === undefined ? undefined : { message, indices: [...refused] };
}
