/**
 * The objects `SecurityApi` hands out as `users`, `roles`, ... before their code is loaded: each has
 * the public methods (and `kind`, `endpoint`) of its resource class, and a method call loads the
 * real resource object (api-parts.ts) and calls it. Every public method of a resource is async, so
 * a caller sees the same promises.
 */
import { argumentName, argumentSecrets, readArguments, withoutSecrets } from './arguments.js';
import { assignOwn } from '../errors/own.js';
import type { SecretSet } from '../errors/secrets.js';

/** The public methods of SecurityResourceApi (users, roles, actionGroups, tenants). */
export const RESOURCE_METHODS = ['toApi', 'fromApi', 'listRaw', 'list', 'getRaw', 'get', 'put', 'putRaw', 'patch', 'delete', 'ensure'] as const;
/** RoleMappingsApi's own public methods, besides the resource's. */
export const ROLE_MAPPING_METHODS = [
  ...RESOURCE_METHODS, 'addUsers', 'removeUsers', 'addBackendRoles', 'removeBackendRoles', 'addAndBackendRoles',
  'removeAndBackendRoles', 'addHosts', 'removeHosts', 'addValues', 'removeValues',
] as const;
/** AccountApi's public methods. */
export const ACCOUNT_METHODS = ['get', 'changePassword'] as const;
/** TenancyConfigApi's public methods. */
export const TENANCY_CONFIG_METHODS = ['get', 'put'] as const;

type Loader = () => Promise<object>;
const loaders = new WeakMap<object, Loader>();
/** The secrets a stand-in's refusals are cleaned of besides its arguments' (the client's). */
const clientSecrets = new WeakMap<object, () => readonly SecretSet[]>();

/** A class named `name` whose instances forward `methods` to the object their loader resolves to. */
function standInClass(name: string, resource: string, methods: readonly string[]): new (load: Loader, fields: Record<string, string>) => object {
  const made = {
    [name]: class {
      constructor(load: Loader, fields: Record<string, string>) {
        loaders.set(this, load);
        assignOwn(this, fields);
      }
    },
  }[name] as new (load: Loader, fields: Record<string, string>) => object;
  for (const method of methods) {
    const forward = {
      async [method](this: object, ...args: unknown[]): Promise<unknown> {
        const load = loaders.get(this);
        if (load === undefined) throw new TypeError(`${name}.${method} called on an object that is not a ${name}`);
        // read once here: a throwing getter or Proxy is a ConfigError naming the argument, not what it threw
        const given = readArguments(args, (i) => argumentName(resource, method, i, args));
        const real = (await load()) as Record<string, (...a: unknown[]) => Promise<unknown>>;
        try {
          return await real[method]!(...given);
        } catch (error) {
          throw withoutSecrets(error, argumentSecrets(given, method === 'changePassword'), ...(clientSecrets.get(this)?.() ?? []));
        }
      },
    }[method];
    Object.defineProperty(made.prototype, method, { value: forward, writable: true, configurable: true });
  }
  return made;
}

type StandInName = 'UsersApi' | 'RolesApi' | 'RoleMappingsApi' | 'ActionGroupsApi' | 'TenantsApi' | 'AccountApi' | 'TenancyConfigApi';
type StandInClass = ReturnType<typeof standInClass>;

// Built on the first SecurityApi, not when the module loads (Node's import of the root binds SecurityApi).
let classes: Record<StandInName, StandInClass> | undefined;

function standInClasses(): Record<StandInName, StandInClass> {
  return (classes ??= {
    UsersApi: standInClass('UsersApi', 'users', RESOURCE_METHODS),
    RolesApi: standInClass('RolesApi', 'roles', RESOURCE_METHODS),
    RoleMappingsApi: standInClass('RoleMappingsApi', 'roleMappings', ROLE_MAPPING_METHODS),
    ActionGroupsApi: standInClass('ActionGroupsApi', 'actionGroups', RESOURCE_METHODS),
    TenantsApi: standInClass('TenantsApi', 'tenants', RESOURCE_METHODS),
    AccountApi: standInClass('AccountApi', 'account', ACCOUNT_METHODS),
    TenancyConfigApi: standInClass('TenancyConfigApi', 'tenancyConfig', TENANCY_CONFIG_METHODS),
  });
}

/** A stand-in for the resource class `name`: its methods call the object `load` resolves to; `fields` are its own properties (`kind`, `endpoint`). */
export function standIn<T>(name: StandInName, load: () => Promise<T>, fields: Record<string, string> = {}, secrets?: () => readonly SecretSet[]): T {
  const StandIn = standInClasses()[name];
  const made = new StandIn(load as Loader, fields);
  if (secrets !== undefined) clientSecrets.set(made, secrets);
  return made as T;
}
