/**
 * What a {@link SecurityApi} builds on the first call of a resource, `plan`, `apply` or
 * `addMasterUser` (api.ts loads this module with `import()`): the resource objects, plan/apply and
 * the master-user mapping. Importing SecurityApi therefore loads neither of them.
 */
import type { SecurityResourceKind } from './canonical.js';
import { ConflictRetry } from './conflict.js';
import { addMasterUser, type MasterUserResult } from './master-user.js';
import { applySecurityPlan, type ApplySource, type SecurityApplyResult } from './apply.js';
import { planSecurity } from './plan.js';
import type { DesiredSecurityConfig, PlannableResource, PlanOptions, PlanSource, SecurityPlan } from './plan-types.js';
import { callerUnknown, readAuthInfo } from './plugin-status.js';
import { AccountApi } from './resources/account.js';
import { ActionGroupsApi } from './resources/action-groups.js';
import type { ResourceContext } from './resources/resource.js';
import { RoleMappingsApi } from './resources/role-mappings.js';
import { RolesApi } from './resources/roles.js';
import { TenancyConfigApi } from './resources/tenancy-config.js';
import { TenantsApi } from './resources/tenants.js';
import { UsersApi } from './resources/users.js';
import type { ClientSecurityTransport } from './transport.js';

/** The resource objects of one SecurityApi and its plan/apply/master-user operations over them. */
export interface SecurityApiParts {
  readonly users: UsersApi;
  readonly roles: RolesApi;
  readonly roleMappings: RoleMappingsApi;
  readonly actionGroups: ActionGroupsApi;
  readonly tenants: TenantsApi;
  readonly account: AccountApi;
  readonly tenancyConfig: TenancyConfigApi;
  addMasterUser(userOrArn: string): Promise<MasterUserResult>;
  plan(desired: DesiredSecurityConfig, options: PlanOptions): Promise<SecurityPlan>;
  apply(plan: SecurityPlan): Promise<SecurityApplyResult>;
}

/** Builds the parts of a SecurityApi over its (already checked) transport and conflict policy. */
export function securityApiParts(transport: ClientSecurityTransport, conflicts: ConflictRetry): SecurityApiParts {
  const ctx: ResourceContext = {
    transport,
    conflicts,
    flavour: () => transport.flavour(),
    typedError: (err) => transport.typedError(err),
  };
  const users = new UsersApi(ctx);
  const roles = new RolesApi(ctx);
  const roleMappings = new RoleMappingsApi(ctx);
  const actionGroups = new ActionGroupsApi(ctx);
  const tenants = new TenantsApi(ctx);
  const byKind: Record<SecurityResourceKind, PlannableResource> = { roles, roleMappings, users, actionGroups, tenants };
  const planSource: PlanSource = {
    flavour: () => transport.flavour(),
    caller: async () => {
      // prune keeps the calling user and the roles it holds: without knowing them, nothing is planned (as users.delete)
      const info = await readAuthInfo(transport).catch((err: unknown) => {
        throw transport.typedError(callerUnknown('plan', 'options.prune', 'prune never deletes the calling user nor the roles it holds, ' +
          'so nothing was planned: call plan again, or plan without prune', err, conflicts.signal));
      });
      const callerRoles = Array.isArray(info.roles) ? info.roles.filter((r): r is string => typeof r === 'string') : [];
      return { name: typeof info.user_name === 'string' ? info.user_name : undefined, roles: callerRoles };
    },
    resource: (kind) => byKind[kind],
  };
  // apply retries a 409 itself, re-checking the plan's entities first: its resources send each PATCH once
  const once: ResourceContext = { ...ctx, conflicts: new ConflictRetry({ conflictAttempts: 1, ...(conflicts.signal !== undefined ? { signal: conflicts.signal } : {}) }) };
  const onceByKind: Record<SecurityResourceKind, PlannableResource> = {
    roles: new RolesApi(once), roleMappings: new RoleMappingsApi(once), users: new UsersApi(once), actionGroups: new ActionGroupsApi(once), tenants: new TenantsApi(once),
  };
  const applySource: ApplySource = { resource: (kind) => onceByKind[kind], conflicts, handed: () => transport.handed };
  return {
    users,
    roles,
    roleMappings,
    actionGroups,
    tenants,
    account: new AccountApi(transport, conflicts),
    tenancyConfig: new TenancyConfigApi(transport, conflicts),
    addMasterUser: (userOrArn) => addMasterUser(roleMappings, userOrArn, conflicts.signal),
    plan: (desired, options) => planSecurity(planSource, desired, options),
    apply: (plan) => applySecurityPlan(applySource, plan),
  };
}

// Not for callers (api.ts imports this module): an import() target is an entry point of its own to the
// bundler, which groups modules into chunks by the entry points that reach them. Reaching api.ts here gives
// this module's shared dependencies (retry/decision.ts, errors/body.ts, ...) the same entry points as their
// chunk mates, so the client's chunks are not split into more files that every import of the client loads.
export { SecurityApi } from './api.js';
