/**
 * The SubstitutionContext (explain/role-pattern.ts) built from a DlsUser, as verifyHits and expectationsFromRoles
 * read role index patterns: backend roles as `${user.roles}`, mapped roles as `${user.securityRoles}`, every field
 * own (undefined when not given), so no reader reaches a polluted Object.prototype.
 */
import type { DlsUser } from '../fgac/dls-variables.js';
import { pluginVersionOrUnknown } from '../fgac/plugin-version.js';
import { opt } from '../errors/own.js';
import type { SubstitutionContext } from './role-pattern.js';

/** What a DlsUser-based context needs beside the user. */
export interface SubstitutionOptions {
  /** Attributes the user has whose values are not known (a pattern using one is undecided). */
  attributeNames?: readonly string[];
  /** The plugin version, or undefined (version-dependent syntax is then undecided). */
  pluginVersion: string | undefined;
  /** The instant date math resolves at (default: now, read once here). */
  now?: number;
}

/** A SubstitutionContext for `user` (fields read with `opt`) with a fresh pattern cache. */
export function substitutionFor(user: DlsUser | undefined, options: SubstitutionOptions): SubstitutionContext {
  const name = user === undefined ? undefined : opt(user, 'name');
  const backend = user === undefined ? undefined : opt(user, 'roles');
  const attributes = user === undefined ? undefined : opt(user, 'attributes');
  const attributeNames = opt(options, 'attributeNames');
  const now = opt(options, 'now');
  return {
    user: user === undefined && attributeNames === undefined ? undefined : {
      ...(name !== undefined ? { name } : {}),
      ...(backend !== undefined ? { backendRoles: backend } : {}),
      ...(attributes !== undefined ? { attributes } : {}),
      ...(attributeNames !== undefined ? { attributeNames } : {}),
    },
    securityRoles: user === undefined ? undefined : opt(user, 'securityRoles'),
    pluginVersion: pluginVersionOrUnknown(opt(options, 'pluginVersion')),
    resolvedPatterns: new Map(),
    now: now ?? Date.now(),
    during: undefined,
    aliases: undefined,
    containers: undefined,
  };
}
