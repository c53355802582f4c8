/**
 * What the security REST API refuses in a write because of its size, by plugin version. From OpenSearch
 * security 3.8.0.0 on (PR #6224: RequestContentValidator.validateStringLength and
 * EndpointValidator.withRequiredEntityName), a write answers 400 when any string value of the entity is
 * longer than 256 characters (anywhere: a role's `dls`, a masked field's regex, a description, a
 * password, an attribute), and a PUT or DELETE whose entity name is longer. A PATCH is judged on each
 * entity as the patch leaves it, so a long value stored earlier (roles.yml, an older version) blocks
 * every patch of that entity that does not replace it. Earlier versions have no such limit; entities
 * loaded by securityadmin from YAML are not judged. Read in the plugin's source (tag 3.8.0.0); no 3.8
 * node runs here.
 *
 * The writes of SecurityApi check this before anything is sent (put, ensure, plan), so a plan never
 * stops half-way on it; validateRole warns with `pluginVersion`.
 */
import { setOwn } from '../errors/redact.js';
import { openSearchAtLeast } from '../fgac/plugin-version.js';
import { SecurityModelError, type ModelIssue } from './model-error.js';

/** What the limits depend on: the cluster's `GET /` distribution and version (a SecurityFlavour has both). */
export interface ClusterVersion {
  distribution: string;
  version: string;
}

/** The longest string value (and entity name) the 3.8+ security REST API accepts, in UTF-16 code units like Java's `String.length()`. */
export const REST_STRING_LIMIT = 256;

/** The plugin's own words for a body over the limit (its 400 `reason`). */
const PLUGIN_REASON = `String value exceeds the maximum allowed length of ${REST_STRING_LIMIT} characters`;

/** The string limit of `flavour`'s REST API writes: 256 on OpenSearch 3.8+, undefined before or when the version is unknown (the server decides). */
export function restStringLimit(flavour: ClusterVersion): number | undefined {
  return openSearchAtLeast(flavour, 3, 8) === true ? REST_STRING_LIMIT : undefined;
}

/**
 * Every string value in `value` (an entity in the API's shape) longer than `limit`, as issues naming its
 * path and length, never the value (it may be a password). Keys are not values (the plugin judges values only).
 */
export function overlongStrings(value: unknown, limit: number, path = ''): ModelIssue[] {
  const issues: ModelIssue[] = [];
  const stack: Array<[unknown, string]> = [[value, path]];
  while (stack.length > 0) {
    const [node, at] = stack.pop() as [unknown, string];
    if (typeof node === 'string') {
      if (node.length > limit) {
        issues.push({ path: at || '(value)', message: `${node.length} characters: the security REST API of OpenSearch 3.8+ refuses string values longer than ${limit} (400 "${PLUGIN_REASON}")`, exact: false });
      }
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], `${at}[${i}]`]);
    } else if (node !== null && typeof node === 'object') {
      const entries = Object.entries(node);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i] as [string, unknown];
        stack.push([child, at === '' ? key : `${at}.${key}`]);
      }
    }
  }
  return issues;
}

/** The issue of an entity name the 3.8+ REST API refuses in a PUT or DELETE path, if any. */
export function overlongName(name: string, limit: number): ModelIssue | undefined {
  if (name.length <= limit) return undefined;
  return { path: 'name', message: `${name.length} characters: the security REST API of OpenSearch 3.8+ refuses entity names longer than ${limit} in PUT and DELETE (400 "... name exceeds maximum length of ${limit}.")`, exact: false };
}

/**
 * The entity a PATCH leaves, which is what the 3.8+ plugin judges: `actual` with each top-level
 * `add`/`replace`/`remove` of `operations` (paths relative to the entity, `/field`) applied; the value of a
 * deeper operation (`/users/-`) is kept under its pointer, so its strings are judged too.
 */
export function entityAfterPatch(actual: object, operations: ReadonlyArray<{ op: string; path: string; value?: unknown }>): Record<string, unknown> {
  const after: Record<string, unknown> = { ...(actual as Record<string, unknown>) };
  for (const op of operations) {
    const token = op.path.slice(1);
    const topLevel = op.path.startsWith('/') && !token.includes('/');
    const key = topLevel ? token.replace(/~1/g, '/').replace(/~0/g, '~') : op.path;
    if (op.op === 'remove') {
      if (topLevel) delete after[key];
    } else {
      setOwn(after, key, op.value);
    }
  }
  return after;
}

/**
 * Throws SecurityModelError (naming the entity `kind 'name'`, each path and length) when `flavour`'s REST API
 * would refuse to write `entity` for its size, or `name` when the write puts it in the path (PUT/DELETE);
 * does nothing below 3.8 or when the version is unknown.
 */
export function assertWithinRestLimits(kind: string, name: string, flavour: ClusterVersion, entity: unknown, nameInPath = false): void {
  const limit = restStringLimit(flavour);
  if (limit === undefined) return;
  const issues = overlongStrings(entity, limit);
  const nameIssue = nameInPath ? overlongName(name, limit) : undefined;
  if (nameIssue !== undefined) issues.unshift(nameIssue);
  if (issues.length > 0) throw new SecurityModelError(`${kind} '${name}'`, issues);
}
