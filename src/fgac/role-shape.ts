/**
 * The security plugin's wire JSON for roles, role mappings and action groups: what `GET
 * _plugins/_security/api/roles` returns and PUT accepts. The one declaration the security API
 * (which writes it), the verifier and the permission explainer (which read it) share. Lists are
 * readonly here so frozen and `as const` values are accepted; {@link Writable} gives the writable form.
 */

/** Flags the server adds to the entities it returns; read-only except for a certificate admin. */
export interface ResourceFlags {
  reserved?: boolean;
  hidden?: boolean;
  static?: boolean;
}

/** One entry of a role's `index_permissions`. */
export interface IndexPermissionJson {
  index_patterns?: readonly string[];
  allowed_actions?: readonly string[];
  /** A query DSL object serialised as a string. */
  dls?: string;
  /** FLS patterns (`~` or legacy `!` excludes). */
  fls?: readonly string[];
  /** masked_fields expressions (`field`, `field::ALGO`, `field::/regex/::replacement`). */
  masked_fields?: readonly string[];
}

/** One entry of a role's `tenant_permissions`. */
export interface TenantPermissionJson {
  tenant_patterns?: readonly string[];
  allowed_actions?: readonly string[];
}

/** A role as the API stores it. */
export interface RoleJson extends ResourceFlags {
  description?: string;
  cluster_permissions?: readonly string[];
  index_permissions?: readonly IndexPermissionJson[];
  tenant_permissions?: readonly TenantPermissionJson[];
}

/** A role mapping as the API stores it. */
export interface RoleMappingJson extends ResourceFlags {
  users?: readonly string[];
  backend_roles?: readonly string[];
  and_backend_roles?: readonly string[];
  hosts?: readonly string[];
  description?: string;
}

/** An action group as the API stores it. */
export interface ActionGroupJson extends ResourceFlags {
  allowed_actions?: readonly string[];
  type?: string;
  description?: string;
}

/** A wire shape with every list (and nested list) writable. */
export type Writable<T> = T extends string | number | boolean | null | undefined
  ? T
  : T extends readonly (infer U)[]
    ? Writable<U>[]
    : { -readonly [K in keyof T]: Writable<T[K]> };

/** The strings of a list as the wire JSON holds it; anything else (a misbehaving server's bare string) is no list, never its characters. */
export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
