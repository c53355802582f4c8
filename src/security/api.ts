/**
 * `SecurityApi`: typed, concurrency-safe helpers for the security plugin's REST API on top of any
 * opensearch-js `Client`. It only composes: the narrow transport (transport.ts), one resource per file
 * (resources/), the conflict policy (conflict.ts), plan/apply (plan.ts, apply.ts) and the master-user
 * mapping (master-user.ts). Writes use PATCH wherever they can and retry 409s from a fresh read.
 * The constructor checks the options and builds the transport; the resources, plan/apply and the
 * master-user mapping load on the first call of one of them (api-parts.ts, stand-ins.ts).
 */
import { isOptionsObject, refuseUnknownKeys, typeName } from '../client/options-check.js';
import { ConfigError } from '../errors/classes.js';
import { argumentSecrets, readThrough, withoutSecrets } from './arguments.js';
import { readOnce } from '../client/options-snapshot.js';
import type { SecurityApiPrefix, SecurityFlavour } from './compat.js';
import { ConflictRetry, type ConflictRetryOptions } from './conflict.js';
import type { MasterUserResult } from './master-user.js';
import type { PluginDialect } from './masked-fields.js';
import type { UserShape } from './model.js';
import type { SecurityApplyResult } from './apply.js';
import type { SecurityApiParts } from './api-parts.js';
import type { DesiredSecurityConfig, PlanOptions, SecurityPlan } from './plan-types.js';
import { flushAuthCache, readAuthInfo, readHealth, type AuthInfo, type SecurityHealth } from './plugin-status.js';
import type { AccountApi } from './resources/account.js';
import type { ActionGroupsApi } from './resources/action-groups.js';
import type { RoleMappingsApi } from './resources/role-mappings.js';
import type { RolesApi } from './resources/roles.js';
import type { TenancyConfigApi } from './resources/tenancy-config.js';
import type { TenantsApi } from './resources/tenants.js';
import type { UsersApi } from './resources/users.js';
import { standIn } from './stand-ins.js';
import { checkTransportInput, ClientSecurityTransport, type SecurityResponse, type SecurityTransportClient } from './transport.js';
import { flushUserCache, readPermissionsInfo, type PermissionsInfo } from './version-gate.js';
import type { WriteResult } from './write-result.js';
import { secretsOf, type SecretSet } from '../errors/secrets.js';
import { withRedactedConfigErrors } from '../errors/config-redaction.js';

/** Options of {@link SecurityApi}. Anything of prefix, userShape and dialect not given is detected from `GET /` on first use. */
export interface SecurityApiOptions extends ConflictRetryOptions {
  prefix?: SecurityApiPrefix;
  userShape?: UserShape;
  /** Masked-field validation rules: `v2` (OpenSearch 1.x/2.x) or `v3` (OpenSearch 3.x). */
  dialect?: PluginDialect;
}

const SECURITY_API_OPTION_KEYS: ReadonlyArray<keyof SecurityApiOptions> = ['prefix', 'userShape', 'dialect', 'conflictAttempts', 'settleMs', 'maxElapsedMs', 'signal'];

/** Typed, safe helpers for the security plugin's REST API. */
export class SecurityApi {
  readonly users: UsersApi;
  readonly roles: RolesApi;
  readonly roleMappings: RoleMappingsApi;
  readonly actionGroups: ActionGroupsApi;
  readonly tenants: TenantsApi;
  readonly account: AccountApi;
  readonly tenancyConfig: TenancyConfigApi;

  readonly #transport: ClientSecurityTransport;
  readonly #conflicts: ConflictRetry;
  readonly #parts: () => Promise<SecurityApiParts>;

  /** Options are validated here: a bad client, `prefix`, `userShape`, `dialect`, `conflictAttempts`, `settleMs`, `maxElapsedMs` or `signal` is a ConfigError naming it. */
  constructor(client: SecurityTransportClient, given: SecurityApiOptions = {}) {
    // an option error may quote what was given (a password put in `prefix` by mistake): redacted with the client's secrets
    const { conflicts, transport } = withRedactedConfigErrors(() => {
      // read once (a getter or Proxy that throws is a ConfigError naming it); a misspelt key is refused, not ignored
      const options = readOnce(given, '') as SecurityApiOptions;
      // a Map, Date or list has no option keys: it would read as "no options" (every default) without a word
      const read: unknown = options;
      if (given !== undefined && !isOptionsObject(read)) {
        throw new ConfigError('options', `options: must be a plain object { prefix?, userShape?, dialect?, ... }, got ${typeName(read)}`);
      }
      checkTransportInput(client, options);
      refuseUnknownKeys('', options as Record<string, unknown>, SECURITY_API_OPTION_KEYS, 'of SecurityApi');
      const conflicts = new ConflictRetry(options);
      const transport = new ClientSecurityTransport(client, {
        ...(options.prefix !== undefined ? { prefix: options.prefix } : {}),
        ...(options.userShape !== undefined ? { userShape: options.userShape } : {}),
        ...(options.dialect !== undefined ? { dialect: options.dialect } : {}),
        ...(conflicts.signal !== undefined ? { signal: conflicts.signal } : {}),
      });
      return { conflicts, transport };
    }, () => (typeof client === 'object' && client !== null ? secretsOf(client) : undefined));
    this.#transport = transport;
    this.#conflicts = conflicts;
    let parts: Promise<SecurityApiParts> | undefined;
    const load = (): Promise<SecurityApiParts> => (parts ??= import('./api-parts.js').then((m) => m.securityApiParts(transport, conflicts)));
    this.#parts = load;
    const secrets = (): readonly SecretSet[] => transport.secretSets();
    this.users = standIn<UsersApi>('UsersApi', async () => (await load()).users, { kind: 'users', endpoint: 'internalusers' }, secrets);
    this.roles = standIn<RolesApi>('RolesApi', async () => (await load()).roles, { kind: 'roles', endpoint: 'roles' }, secrets);
    this.roleMappings = standIn<RoleMappingsApi>('RoleMappingsApi', async () => (await load()).roleMappings, { kind: 'roleMappings', endpoint: 'rolesmapping' }, secrets);
    this.actionGroups = standIn<ActionGroupsApi>('ActionGroupsApi', async () => (await load()).actionGroups, { kind: 'actionGroups', endpoint: 'actiongroups' }, secrets);
    this.tenants = standIn<TenantsApi>('TenantsApi', async () => (await load()).tenants, { kind: 'tenants', endpoint: 'tenants' }, secrets);
    this.account = standIn<AccountApi>('AccountApi', async () => (await load()).account, {}, secrets);
    this.tenancyConfig = standIn<TenancyConfigApi>('TenancyConfigApi', async () => (await load()).tenancyConfig, {}, secrets);
  }

  /**
   * The prefix, user shape and dialect in use: the constructor's options, the rest detected once from `GET /`
   * (if `GET /` is refused with 403, OpenSearch 2.x defaults are assumed).
   */
  flavour(): Promise<SecurityFlavour> {
    return this.#transport.flavour();
  }

  /**
   * Sends a request below the security prefix (`path` like `api/roles/x` or `authinfo`). Non-2xx responses
   * throw the typed errors of `toTypedError` (`SecurityApiError` for the REST API's own refusals), redacted.
   */
  request(method: string, path: string, body?: unknown): Promise<SecurityResponse> {
    return this.#transport.request(method, path, body);
  }

  /** Who the plugin thinks the caller is (`GET <prefix>/authinfo`). */
  authInfo(): Promise<AuthInfo> {
    return readAuthInfo(this.#transport);
  }

  /** Security plugin health (`GET <prefix>/health`). */
  health(): Promise<SecurityHealth> {
    return readHealth(this.#transport);
  }

  /** Flushes the plugin's authentication cache (`DELETE <prefix>/api/cache`). */
  flushCache(): Promise<WriteResult> {
    return this.#conflicts.run(() => flushAuthCache(this.#transport));
  }

  /** Whether the caller may use the security REST API and which endpoints are disabled for it (`GET <prefix>/api/permissionsinfo`). */
  permissionsInfo(): Promise<PermissionsInfo> {
    return readPermissionsInfo(this.#transport);
  }

  /** Flushes the caches of one user (`DELETE _plugins/_security/api/cache/user/<name>`, plugin 3.1+; older: SecurityApiUnavailableError). */
  async flushUserCache(username: string): Promise<WriteResult> {
    return flushUserCache(this.#transport, await this.#transport.flavour(), username);
  }

  /**
   * Maps a principal to `all_access` and `security_manager`, as the Amazon OpenSearch Service guide does for
   * an additional master user (IAM role ARN -> `backend_roles`, anything else -> `users`; STS sessions refused);
   * roles missing here or reserved for REST API admins are reported in `skipped`.
   */
  async addMasterUser(userOrArn: string): Promise<MasterUserResult> {
    return (await this.#parts()).addMasterUser(userOrArn);
  }

  /**
   * The JSON Patch operations (one collection PATCH per resource type) that turn the cluster's configuration
   * into `desired`. Only the types present in `desired` are planned; with `prune: true`, entities of those
   * types missing from `desired` are deleted (reserved, static and hidden ones, and the calling user, are skipped).
   * Password and hash values in the plan read `[REDACTED]`.
   */
  async plan(desired: DesiredSecurityConfig, options: PlanOptions = {}): Promise<SecurityPlan> {
    // read once (named `desired.roles.<name>.<field>`); a refusal quoting a value loses the passwords `desired` carries
    // deep enough for a role's index_permissions[i].dls query object (desired -> roles -> name -> ...)
    const copy = readOnce(desired, 'desired', undefined, 0, 12);
    const given = readOnce(options, 'options');
    try {
      return await (await this.#parts()).plan(copy, given);
    } catch (error) {
      throw withoutSecrets(error, argumentSecrets([copy], false), ...this.#transport.secretSets());
    }
  }

  /** Applies a plan made by `plan()`: one PATCH per resource type with operations, in dependency order; 409s are retried. */
  async apply(plan: SecurityPlan): Promise<SecurityApplyResult> {
    // not copied: plan() remembers what it saw by the plan object itself (plan-snapshot.ts)
    readThrough(plan, 'plan');
    return (await this.#parts()).apply(plan);
  }
}
