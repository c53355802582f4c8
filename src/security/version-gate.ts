/**
 * Security REST API calls that exist only on some plugin versions, gated on the version the transport
 * detected (`GET /`): `permissionsinfo` (every OpenSearch and Open Distro version) and the per-user cache
 * flush `DELETE _plugins/_security/api/cache/user/<name>` (security 3.1.0.0, PR #5337; only under the
 * `_plugins` prefix). A call the detected plugin lacks fails with {@link SecurityApiUnavailableError}
 * before anything is sent; with an unknown version the call is sent and the server decides.
 */
import { ConfigError } from '../errors/classes.js';
import { openSearchAtLeast } from '../fgac/plugin-version.js';
import type { SecurityFlavour } from './compat.js';
import { prefixOfDistribution } from './prefix.js';
import { PERMISSIONS_INFO, readAnswer } from './read-answer.js';
import type { SecurityTransport } from './transport.js';
import { toWriteResult, type WriteResult } from './write-result.js';

/** A security REST API call that the detected plugin version does not have. */
export class SecurityApiUnavailableError extends Error {
  override readonly name = 'SecurityApiUnavailableError';
  /** The call, e.g. `flushUserCache`. */
  readonly operation: string;
  /** The first OpenSearch / plugin version that has it, e.g. `3.1.0`. */
  readonly requiredVersion: string;
  /** The version detected from `GET /` (`version.number`). */
  readonly detectedVersion: string;
  /** `opensearch`, `elasticsearch`, ... */
  readonly distribution: string;

  constructor(operation: string, requiredVersion: string, flavour: Pick<SecurityFlavour, 'version' | 'distribution'>) {
    super(`${operation} needs OpenSearch security plugin ${requiredVersion} or later; the cluster runs ${flavour.distribution} ${flavour.version}`);
    this.operation = operation;
    this.requiredVersion = requiredVersion;
    this.detectedVersion = flavour.version;
    this.distribution = flavour.distribution;
  }
}

/** `GET <prefix>/api/permissionsinfo`: whether the caller may use the security REST API, and which endpoints are disabled for it. */
export interface PermissionsInfo {
  user?: string | null;
  user_name?: string | null;
  /** True when the caller has a role listed in `plugins.security.restapi.roles_enabled` (or is an admin). */
  has_api_access?: boolean;
  /** Endpoint (`ROLES`, `INTERNALUSERS`, `CACHE`, ...) -> HTTP methods the caller may not use. */
  disabled_endpoints?: Record<string, string[]>;
}

/** Whether `flavour` is at least `major.minor` of OpenSearch; undefined when the version is unknown (fgac/plugin-version.ts). */
export const atLeast: (flavour: Pick<SecurityFlavour, 'version' | 'distribution'>, major: number, minor: number) => boolean | undefined = openSearchAtLeast;

/** Reads `permissionsinfo` for the caller; a 2xx that is not the plugin's answer is a SecurityModelError. */
export async function readPermissionsInfo(transport: SecurityTransport): Promise<PermissionsInfo> {
  return readAnswer<PermissionsInfo>(PERMISSIONS_INFO, (await transport.request('GET', 'api/permissionsinfo')).body);
}

/** Flushes the plugin's caches for one user (3.1+); refused up front on an older plugin or the `_opendistro` prefix. */
export async function flushUserCache(transport: SecurityTransport, flavour: SecurityFlavour, username: string): Promise<WriteResult> {
  if (typeof username !== 'string' || username === '') throw new ConfigError('username', 'flushUserCache: username must be a non-empty string');
  if (flavour.prefix !== prefixOfDistribution('opensearch') || atLeast(flavour, 3, 1) === false) throw new SecurityApiUnavailableError('flushUserCache', '3.1.0', flavour);
  // the one home of a name in a path (loaded on this call: binding SecurityApi loads no resource code, security-lazy.test.ts)
  const { entityPath } = await import('./resources/resource.js');
  return toWriteResult(await transport.request('DELETE', entityPath('users', 'cache/user', username, 'flush the whole cache with flushCache()')));
}
