/**
 * Reads a roles-as-code file (YAML or JSON) into the desired security configuration. Entities are
 * written in the plugin's own JSON shape (as `GET _plugins/_security/api/roles` returns them);
 * sections: `roles`, `role_mappings`, `action_groups`, `internal_users`, `tenants` (camelCase
 * names accepted too). Passwords never come from the file: an internal user names the environment
 * variable holding its password with `password_env` (the `hash: ""` every GET of internalusers returns is accepted).
 */
import {
  fromApiActionGroup, fromApiRole, fromApiRoleMapping, fromApiTenant, fromApiUser,
  type ApiActionGroup, type ApiRole, type ApiRoleMapping, type ApiTenant, type ApiUser, type DesiredSecurityConfig,
} from '../../index.js';
import type { SecretSet } from '../../errors/secrets.js';
import { newEntityNameProblem } from '../../security/entity-name.js';
import { modelShapeIssues, type ShapedKind } from '../../security/model-shape.js';
import { UsageError } from '../usage-error.js';
import { readYamlFile } from '../yaml-file.js';
import { field, setOwn } from '../../errors/own.js';

/** The sections of a roles-as-code file and the names each is accepted under. */
export const SECTIONS = {
  roles: ['roles'],
  roleMappings: ['role_mappings', 'roleMappings', 'rolesmapping'],
  actionGroups: ['action_groups', 'actionGroups'],
  users: ['internal_users', 'internalUsers', 'users'],
  tenants: ['tenants'],
} as const;

type Env = Readonly<Record<string, string | undefined>>;

/** Loads `file`; passwords are read from the variables the file names and added to `secrets`. */
export function loadDesired(file: string, env: Env, secrets: SecretSet): DesiredSecurityConfig {
  const value = readYamlFile('-f', file);
  // every message names the flag, as the read's own do
  const where = `-f ${file}`;
  const known = new Set<string>(Object.values(SECTIONS).flat());
  if (value === null || value === undefined) throw new UsageError(`${where}: is empty (expected a mapping with sections ${[...known].join(', ')})`);
  const doc = record(value, where);
  for (const key of Object.keys(doc)) if (!known.has(key)) throw new UsageError(`${where}: unknown section ${JSON.stringify(key)} (expected ${[...known].join(', ')})`);
  const section = (names: readonly string[]): Record<string, unknown> | undefined => {
    const present = names.filter((n) => field(doc, n) !== undefined);
    if (present.length > 1) throw new UsageError(`${where}: sections ${present.join(' and ')} are the same; keep one`);
    const section = present.at(0);
    if (section === undefined) return undefined;
    const entities = record(doc[section], `${where}: ${section}`);
    for (const name of Object.keys(entities)) entityName(where, section, name);
    return entities;
  };
  // the sections found, set as own fields (an assignment would reach a setter a polluted Object.prototype holds)
  const desired: DesiredSecurityConfig = {};
  const convert = <A, M>(names: readonly string[], kind: ShapedKind, from: (json: A) => M): Record<string, M> | undefined => {
    const s = section(names);
    return s === undefined ? undefined : Object.fromEntries(Object.entries(s).map(([name, json]) => [name, from(shaped(where, kind, name, json) as A)]));
  };
  const roles = convert<ApiRole, ReturnType<typeof fromApiRole>>(SECTIONS.roles, 'roles', (j) => fromApiRole(j));
  const roleMappings = convert<ApiRoleMapping, ReturnType<typeof fromApiRoleMapping>>(SECTIONS.roleMappings, 'roleMappings', fromApiRoleMapping);
  const actionGroups = convert<ApiActionGroup, ReturnType<typeof fromApiActionGroup>>(SECTIONS.actionGroups, 'actionGroups', fromApiActionGroup);
  const tenants = convert<ApiTenant, ReturnType<typeof fromApiTenant>>(SECTIONS.tenants, 'tenants', fromApiTenant);
  const users = section(SECTIONS.users);
  if (roles) setOwn(desired, 'roles', roles);
  if (roleMappings) setOwn(desired, 'roleMappings', roleMappings);
  if (actionGroups) setOwn(desired, 'actionGroups', actionGroups);
  if (tenants) setOwn(desired, 'tenants', tenants);
  if (users) desired.users = Object.fromEntries(Object.entries(users).map(([name, json]) => [name, user(where, name, json, env, secrets)]));
  return desired;
}

/**
 * An entity's name as the file gives it: not blank, no whitespace around it, no control character. The plugin takes
 * them all (a role named "", " x ", or with an escape sequence was created), and such an entity is then hard to
 * name, print or delete.
 */
function entityName(where: string, section: string, name: string): void {
  const problem = newEntityNameProblem(name);
  if (problem !== undefined) throw new UsageError(`${where}: ${section}: the name ${JSON.stringify(name)} ${problem}`);
}

/** An entity of the file, checked for shape first (a string where a list belongs would be spread into characters). */
function shaped(where: string, kind: ShapedKind, name: string, json: unknown): Record<string, unknown> {
  const entity = record(json, `${where}: ${name}`);
  const issues = modelShapeIssues(kind, entity);
  if (issues.length > 0) throw new UsageError(`${where}: ${name}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return entity;
}

/** A conventional environment variable name (upper case, digits, `_`). */
const ENV_NAME = /^[A-Z_][A-Z0-9_]{0,127}$/;

function user(where: string, name: string, json: unknown, env: Env, secrets: SecretSet): ReturnType<typeof fromApiUser> {
  // password_env is the file's own key, not the plugin's: taken out before the entity's keys are checked
  const { password_env: passwordEnv, ...rest } = record(json, `${where}: ${name}`);
  shaped(where, 'users', name, rest);
  // `hash: ""` is what GET internalusers returns for every user (it never shows a hash): a file copied from it is
  // accepted, and the empty hash dropped; any other hash, and any password, is refused
  if (rest.hash === '') delete rest.hash;
  for (const key of ['password', 'hash']) {
    if (key in rest) throw new UsageError(`${where}: internal_users.${name}.${key}: passwords never come from the file; name an environment variable with password_env`);
  }
  const model = fromApiUser(rest as ApiUser);
  if (passwordEnv === undefined) return model;
  if (typeof passwordEnv !== 'string' || passwordEnv === '') throw new UsageError(`${where}: internal_users.${name}.password_env must name an environment variable`);
  const password = env[passwordEnv];
  if (password === undefined || password === '') {
    // a password written where its variable's name belongs is not echoed: only a name shaped like one is quoted
    const named = ENV_NAME.test(passwordEnv) ? `environment variable ${passwordEnv}` : 'the environment variable password_env names (not shown: it does not look like a variable name)';
    throw new UsageError(`${where}: internal_users.${name}: ${named} is not set`);
  }
  secrets.add(password);
  return { ...model, password };
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`${where}: must be a mapping`);
  return value as Record<string, unknown>;
}
