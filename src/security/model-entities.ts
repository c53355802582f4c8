/**
 * Internal users, role mappings, action groups and tenants: their wire shapes, typed models and the conversions
 * between the two (roles, the typed one, are in model.ts, which re-exports all of this).
 */
import type { ActionGroupMember, ActionGroupType, RoleName } from '../fgac/action-groups.js';
import type { ActionGroupJson, ResourceFlags, RoleMappingJson, Writable } from '../fgac/role-shape.js';
import { assertApiObject, assertShape, copy, descriptionOf, flagsOf } from './model-convert.js';
import { opt } from '../errors/own.js';

/** A role mapping as the API stores it. */
export type ApiRoleMapping = Writable<RoleMappingJson>;
/** An action group as the API stores it. */
export type ApiActionGroup = Writable<ActionGroupJson>;

/** An internal user as the API stores it (`roles` instead of `backend_roles` on Elasticsearch 6.x). */
export interface ApiUser extends ResourceFlags {
  /** bcrypt hash; GET returns it blanked (""). */
  hash?: string;
  /** Plain-text password, write-only: the server hashes it. */
  password?: string;
  backend_roles?: string[];
  roles?: string[];
  opendistro_security_roles?: string[];
  attributes?: Record<string, string>;
  description?: string;
}

/** A tenant as the API stores it. */
export interface ApiTenant extends ResourceFlags {
  description?: string;
}

/** An internal user. `password` (or a bcrypt `hash`) is required to create one, never returned. */
export interface InternalUser {
  password?: string;
  hash?: string;
  backend_roles?: string[];
  /** Roles assigned directly, without a role mapping. */
  opendistro_security_roles?: RoleName[];
  attributes?: Record<string, string>;
  description?: string;
}

/** A role mapping: who gets a role. */
export interface RoleMapping {
  users?: string[];
  backend_roles?: string[];
  /** All of these backend roles are needed (in addition to one of `backend_roles`, if any). */
  and_backend_roles?: string[];
  hosts?: string[];
  description?: string;
}

/** An action group. */
export interface ActionGroup {
  allowed_actions: ActionGroupMember[];
  type?: ActionGroupType;
  description?: string;
}

/** A tenant. */
export interface Tenant {
  description?: string;
}

/** An entity as read from the server: the model plus its flags. */
export type Stored<T> = T & ResourceFlags;

/** How internal users carry backend roles: `backend_roles` (ODFE 7.x, OpenSearch) or `roles` (Elasticsearch 6.x). */
export type UserShape = 'backend_roles' | 'roles';

/** Converts a typed user into the API's shape for the given user shape. */
export function toApiUser(user: InternalUser, options: { userShape?: UserShape } = {}): ApiUser {
  assertShape('users', 'user', user);
  const password = opt(user, 'password');
  const hash = opt(user, 'hash');
  const backendRoles = opt(user, 'backend_roles');
  const securityRoles = opt(user, 'opendistro_security_roles');
  const attributes = opt(user, 'attributes');
  const description = opt(user, 'description');
  return {
    ...(password !== undefined ? { password } : {}),
    ...(hash !== undefined ? { hash } : {}),
    ...(backendRoles !== undefined ? (opt(options, 'userShape') === 'roles' ? { roles: [...backendRoles] } : { backend_roles: [...backendRoles] }) : {}),
    ...(securityRoles !== undefined ? { opendistro_security_roles: [...securityRoles] } : {}),
    ...(attributes !== undefined ? { attributes: { ...attributes } } : {}),
    ...(description !== undefined ? { description } : {}),
  };
}

/** Converts a user as returned by the API into the typed model (hash dropped, `roles` read as backend roles). */
export function fromApiUser(json: ApiUser): Stored<InternalUser> {
  assertApiObject('user', json);
  return {
    ...flagsOf(json),
    backend_roles: copy(opt(json, 'backend_roles') ?? opt(json, 'roles')) ?? [],
    opendistro_security_roles: copy(opt(json, 'opendistro_security_roles')) ?? [],
    attributes: { ...(opt(json, 'attributes') ?? {}) },
    ...descriptionOf(json),
  };
}

/** Converts a typed role mapping into the API's shape. */
export function toApiRoleMapping(mapping: RoleMapping): ApiRoleMapping {
  assertShape('roleMappings', 'role mapping', mapping);
  const list = (key: 'users' | 'backend_roles' | 'and_backend_roles' | 'hosts'): { [k: string]: string[] } => {
    const value = opt(mapping, key);
    return value !== undefined ? { [key]: [...value] } : {};
  };
  const description = opt(mapping, 'description');
  return { ...list('users'), ...list('backend_roles'), ...list('and_backend_roles'), ...list('hosts'), ...(description !== undefined ? { description } : {}) };
}

/** Converts a role mapping as returned by the API into the typed model. */
export function fromApiRoleMapping(json: ApiRoleMapping): Stored<RoleMapping> {
  assertApiObject('role mapping', json);
  return {
    ...flagsOf(json),
    users: copy(opt(json, 'users')) ?? [],
    backend_roles: copy(opt(json, 'backend_roles')) ?? [],
    and_backend_roles: copy(opt(json, 'and_backend_roles')) ?? [],
    hosts: copy(opt(json, 'hosts')) ?? [],
    ...descriptionOf(json),
  };
}

/** Converts a typed action group into the API's shape. */
export function toApiActionGroup(group: ActionGroup): ApiActionGroup {
  assertShape('actionGroups', 'action group', group);
  const type = opt(group, 'type');
  const description = opt(group, 'description');
  return { allowed_actions: [...group.allowed_actions], ...(type !== undefined ? { type } : {}), ...(description !== undefined ? { description } : {}) };
}

/** Converts an action group as returned by the API into the typed model. */
export function fromApiActionGroup(json: ApiActionGroup): Stored<ActionGroup> {
  assertApiObject('action group', json);
  const type = opt(json, 'type');
  return {
    ...flagsOf(json),
    allowed_actions: copy(opt(json, 'allowed_actions')) ?? [],
    ...(type !== undefined && type !== null ? { type: type as ActionGroupType } : {}),
    ...descriptionOf(json),
  };
}

/** Converts a typed tenant into the API's shape. */
export function toApiTenant(tenant: Tenant): ApiTenant {
  assertShape('tenants', 'tenant', tenant);
  const description = opt(tenant, 'description');
  return description === undefined ? {} : { description };
}

/** Converts a tenant as returned by the API into the typed model. */
export function fromApiTenant(json: ApiTenant): Stored<Tenant> {
  assertApiObject('tenant', json);
  return { ...flagsOf(json), ...descriptionOf(json) };
}
