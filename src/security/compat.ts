/**
 * Which security REST API a cluster speaks, derived from `GET /` (`version.distribution`, `version.number`):
 * OpenSearch -> `_plugins/_security`; Open Distro on Elasticsearch 7.x -> `_opendistro/_security`;
 * Elasticsearch 6.x -> `_opendistro/_security` with internal users carrying `roles` instead of `backend_roles`.
 * The prefixes themselves, their order and which one a distribution answers: prefix.ts (their one home).
 */
import { dialectOfMajor, openSearchVersionOf, pluginMajorVersion } from '../fgac/plugin-version.js';
import type { PluginDialect } from './masked-fields.js';
import type { UserShape } from './model.js';
import { prefixOfDistribution, SECURITY_API_PREFIXES, type SecurityApiPrefix } from './prefix.js';

export type { SecurityApiPrefix } from './prefix.js';

/** What the client assumes about the cluster's security API. */
export interface SecurityFlavour {
  prefix: SecurityApiPrefix;
  userShape: UserShape;
  /** Masked-field rules and messages: `v3` for OpenSearch 3.x, `v2` otherwise. */
  dialect: PluginDialect;
  /** `version.distribution` (`opensearch`) or `elasticsearch` when absent; `unknown` when GET / was refused. */
  distribution: string;
  /** `version.number`, or `unknown`. */
  version: string;
}

/** The subset of a `GET /` response this module reads. */
export interface RootInfo {
  version?: { distribution?: string; number?: string };
}

/** Derives the flavour from a `GET /` response body. */
export function flavourFromRoot(root: RootInfo): SecurityFlavour {
  const distribution = root.version?.distribution ?? 'elasticsearch';
  const version = root.version?.number ?? 'unknown';
  const major = pluginMajorVersion(version) ?? 0;
  if (distribution.toLowerCase() === 'opensearch') {
    // an OpenSearch 1.x reporting 7.10.2 for compatibility has the 1.x/2.x rules
    const own = pluginMajorVersion(openSearchVersionOf(root)) ?? 0;
    return { prefix: prefixOfDistribution(distribution), userShape: 'backend_roles', dialect: dialectOfMajor(own), distribution, version };
  }
  return {
    prefix: prefixOfDistribution(distribution),
    userShape: major > 0 && major <= 6 ? 'roles' : 'backend_roles',
    dialect: 'v2',
    distribution,
    version,
  };
}

/** The security plugin's version (OpenSearch's own) for version-dependent rules, or undefined for another distribution or an unknown version. */
export function flavourPluginVersion(flavour: SecurityFlavour): string | undefined {
  return openSearchVersionOf({ version: { distribution: flavour.distribution, number: flavour.version } });
}

/** The flavour assumed when `GET /` cannot be read: current OpenSearch 2.x. */
export const DEFAULT_FLAVOUR: SecurityFlavour = {
  prefix: SECURITY_API_PREFIXES[0],
  userShape: 'backend_roles',
  dialect: 'v2',
  distribution: 'unknown',
  version: 'unknown',
};
