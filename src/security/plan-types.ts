/** The shapes of a roles-as-code plan: what is asked, what the cluster offers, and the plan (plan.ts makes it, apply.ts writes it). */
import type { ApiEntity, SecurityResourceKind } from './canonical.js';
import type { SecurityApiPrefix, SecurityFlavour } from './compat.js';
import type { ActionGroup, InternalUser, Role, RoleMapping, Tenant } from './model.js';
import type { JsonPatchOperation } from './patch.js';
import type { WriteResult } from './write-result.js';

/** The configuration to reach, by resource type and name. Types left out are not planned at all. */
export interface DesiredSecurityConfig {
  roles?: Record<string, Role>;
  roleMappings?: Record<string, RoleMapping>;
  users?: Record<string, InternalUser>;
  actionGroups?: Record<string, ActionGroup>;
  tenants?: Record<string, Tenant>;
}

/** Options of `plan`. */
export interface PlanOptions {
  /** Delete entities of the planned types that `desired` does not name (default false). */
  prune?: boolean;
  /** Write the password of existing users that have one in `desired` (hashes cannot be compared; default false). */
  updatePasswords?: boolean;
}

/** The plan for one resource type. */
export interface ResourcePlan {
  kind: SecurityResourceKind;
  created: string[];
  changed: Array<{ name: string; fields: string[] }>;
  unchanged: string[];
  /** Only with `prune: true`. */
  deleted: string[];
  /**
   * Entities that differ but cannot be written (static, reserved, hidden, or touching REST API admin permissions:
   * see unwritable.ts), or that prune keeps (the calling user, a name holding `~0` or `~1`, which a collection PATCH
   * cannot remove: see wholeEntityPointerMisread; an unwritable entity the file does not name, with `drift: false`).
   */
  skipped: SkippedEntity[];
  /** The body of one collection PATCH (`<prefix>/api/<endpoint>`); password and hash values read `[REDACTED]`. */
  operations: JsonPatchOperation[];
}

/** An entity the plan leaves as it is although it differs from what was asked, and why. */
export interface SkippedEntity {
  name: string;
  reason: string;
  /**
   * `false` for an unwritable entity (reserved, static, hidden, restapi:admin) that prune keeps because the REST API
   * never deletes it: the file not naming it is no difference the file could fix, so `matches` ignores it. Absent otherwise.
   */
  drift?: false;
}

/** A plan for all resource types, in the order `apply` uses. */
export interface SecurityPlan {
  /** The API prefix the plan was read through (informational; the operations do not depend on it). */
  prefix: SecurityApiPrefix;
  actionGroups: ResourcePlan;
  tenants: ResourcePlan;
  roles: ResourcePlan;
  roleMappings: ResourcePlan;
  users: ResourcePlan;
  /** True when no operation is needed. */
  empty: boolean;
  /**
   * True when the domain matches what was asked: no operation AND nothing skipped (an unwritable entity that
   * differs, an entity pruning leaves in place), apart from the unwritable entities prune keeps
   * (`drift: false`). `empty` alone is no drift check.
   */
  matches: boolean;
}

/** One resource type as plan and apply see it. */
export interface PlannableResource {
  readonly kind: SecurityResourceKind;
  /** Every entity of the type, as the API returns them. */
  listRaw(): Promise<Record<string, ApiEntity>>;
  /** The desired model in the API's shape for this cluster (validated). */
  toApi(model: unknown, flavour: SecurityFlavour): Promise<ApiEntity>;
  /** One collection PATCH. */
  patch(operations: JsonPatchOperation[]): Promise<WriteResult>;
}

/** What plan and apply need from the cluster. */
export interface PlanSource {
  flavour(): Promise<SecurityFlavour>;
  /** The calling user's name and mapped security roles (the user, its roles and their mappings are never pruned). */
  caller(): Promise<PlanCaller>;
  resource(kind: SecurityResourceKind): PlannableResource;
}

/** Who makes the plan: pruning its user, its roles or their mappings would lock it out of the REST API. */
export interface PlanCaller {
  name?: string | undefined;
  roles: readonly string[];
}

/** Dependency order: roles exist before mappings name them; users may name roles directly. */
export const APPLY_ORDER: readonly SecurityResourceKind[] = ['actionGroups', 'tenants', 'roles', 'roleMappings', 'users'];
