/**
 * Canonical forms of the API's entities for comparison: server-added fields (reserved, hidden, static,
 * hash, password) dropped, absent lists equal to empty ones, permission lists compared as sets, DLS compared
 * as a query (whitespace and key order ignored, numbers as written; a blank text is no DLS only where the
 * plugin version reads it so), FLS `!x` equal to `~x`, empty descriptions equal to none.
 */
import { canonicalDls, hasDlsQuery } from '../fgac/dls.js';
import { canonicalFlsEntry } from '../fgac/fls-entry.js';
import type { ApiActionGroup, ApiIndexPermission, ApiRole, ApiRoleMapping, ApiTenant, ApiTenantPermission, ApiUser } from './model.js';
import { opt, setOwn } from '../errors/own.js';

/** The resource kinds of the security REST API that this module manages. */
export type SecurityResourceKind = 'roles' | 'roleMappings' | 'users' | 'actionGroups' | 'tenants';

/** An API entity of any managed kind. */
export type ApiEntity = ApiRole | ApiRoleMapping | ApiUser | ApiActionGroup | ApiTenant;

/** A JSON value in canonical form. */
export type CanonicalValue = string | boolean | null | CanonicalValue[] | { [key: string]: CanonicalValue };

const set = (a: readonly string[] | undefined | null): string[] => [...new Set(a ?? [])].sort();
const text = (s: string | undefined | null): string | null => (s === undefined || s === null || s === '' ? null : s);
const sortByJson = <T>(items: T[]): T[] => items.map((i) => [JSON.stringify(i), i] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, i]) => i);

function indexPermission(p: ApiIndexPermission, pluginVersion: string | undefined): CanonicalValue {
  return {
    index_patterns: set(opt(p, 'index_patterns')),
    allowed_actions: set(opt(p, 'allowed_actions')),
    // 2.x fails every search under a blank DLS: it differs from none there (3.x reads it as none)
    dls: hasDlsQuery(opt(p, 'dls'), pluginVersion) ? canonicalDls(p.dls as string) : null,
    fls: set((opt(p, 'fls') ?? []).map(canonicalFlsEntry)),
    masked_fields: set(opt(p, 'masked_fields')),
  };
}

function tenantPermission(p: ApiTenantPermission): CanonicalValue {
  return { tenant_patterns: set(opt(p, 'tenant_patterns')), allowed_actions: set(opt(p, 'allowed_actions')) };
}

/**
 * Canonical top-level fields of an entity of `kind`; two entities are equal when every field is.
 * `pluginVersion` (the node's version) decides whether a blank DLS is none; unknown: it is a query.
 */
export function canonicalFields(kind: SecurityResourceKind, entity: ApiEntity, pluginVersion?: string): Record<string, CanonicalValue> {
  switch (kind) {
    case 'roles': {
      const r = entity as ApiRole;
      return {
        description: text(opt(r, 'description')),
        cluster_permissions: set(opt(r, 'cluster_permissions')),
        index_permissions: sortByJson((opt(r, 'index_permissions') ?? []).map((p) => indexPermission(p, pluginVersion))),
        tenant_permissions: sortByJson((opt(r, 'tenant_permissions') ?? []).map(tenantPermission)),
      };
    }
    case 'roleMappings': {
      const m = entity as ApiRoleMapping;
      return {
        description: text(opt(m, 'description')),
        users: set(opt(m, 'users')),
        backend_roles: set(opt(m, 'backend_roles')),
        and_backend_roles: set(opt(m, 'and_backend_roles')),
        hosts: set(opt(m, 'hosts')),
      };
    }
    case 'users': {
      const u = entity as ApiUser;
      const attributes: Record<string, CanonicalValue> = {};
      const given = opt(u, 'attributes') ?? {};
      for (const k of Object.keys(given).sort()) setOwn(attributes, k, given[k] ?? null);
      return {
        description: text(opt(u, 'description')),
        backend_roles: set(opt(u, 'backend_roles') ?? opt(u, 'roles')),
        opendistro_security_roles: set(opt(u, 'opendistro_security_roles')),
        attributes,
      };
    }
    case 'actionGroups': {
      const g = entity as ApiActionGroup;
      return { description: text(opt(g, 'description')), allowed_actions: set(opt(g, 'allowed_actions')), type: text(opt(g, 'type')) };
    }
    case 'tenants':
      return { description: text(opt(entity as ApiTenant, 'description')) };
  }
}

/** Names of the top-level fields whose canonical forms differ. */
export function changedFields(kind: SecurityResourceKind, desired: ApiEntity, actual: ApiEntity, pluginVersion?: string): string[] {
  const a = canonicalFields(kind, desired, pluginVersion);
  const b = canonicalFields(kind, actual, pluginVersion);
  return Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

/** True when two entities of `kind` are equal once server-added fields and formatting are ignored. */
export function sameEntity(kind: SecurityResourceKind, desired: ApiEntity, actual: ApiEntity, pluginVersion?: string): boolean {
  return changedFields(kind, desired, actual, pluginVersion).length === 0;
}
