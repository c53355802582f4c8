/**
 * What the security REST API refuses in a write for its content, by plugin version (read in the
 * plugin's source, RequestContentValidator):
 * - 3.8.0.0+ (PR #6224: validateStringLength, EndpointValidator.withRequiredEntityName): any string
 *   value of the entity longer than 256 characters (anywhere: a role's `dls`, a masked field's regex, a
 *   description, a password, an attribute), and a PUT or DELETE whose entity name is longer. A PATCH is
 *   judged on each entity as the patch leaves it, so a long value stored earlier (roles.yml, an older
 *   version) blocks every patch of that entity that does not replace it. Entities loaded by
 *   securityadmin from YAML are not judged. No 3.8 node runs here.
 * - 3.4.0.0+ (PR #5714: hasNullOrBlankArrayElement): an array element that is blank text (empty, or
 *   only characters up to U+0020, as Java's trim() sees it), at any depth: `users: ["a", ""]`. Up to
 *   3.6 every field of the entity is judged, so a blank element stored earlier (2.x accepted them)
 *   blocks every PATCH of that entity; from 3.7.0.0 a PATCH judges only the fields it changes. Checked
 *   on the 3.4.0 node here; 2.19 stores them. (Null elements are refused by every version.)
 *
 * The writes of SecurityApi check this before anything is sent (put, ensure, plan), so a plan never
 * stops half-way on it; validateRole warns about both with `pluginVersion` (blank elements also with the `v3` dialect).
 */
import { decodePointerToken, setOwn } from '../errors/redact.js';
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
    const key = topLevel ? decodePointerToken(token) : op.path;
    if (op.op === 'remove') {
      if (topLevel) delete after[key];
    } else {
      setOwn(after, key, op.value);
    }
  }
  return after;
}

/** Text Java's trim() leaves empty: every character up to U+0020. */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x20) return false;
  return true;
}

/** JSON equality as Jackson's JsonNode.equals sees it: arrays in order, objects whatever their key order. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * The blank (or null) array elements of `entity` the 3.4+ REST API refuses, as issues naming their path;
 * with `before` (a PATCH on 3.7+), top-level fields equal to `before`'s are not judged, as the plugin does.
 */
export function blankArrayElements(entity: unknown, before?: object): ModelIssue[] {
  const issues: ModelIssue[] = [];
  if (entity === null || typeof entity !== 'object' || Array.isArray(entity)) return issues;
  const stack: Array<[unknown, string]> = [];
  for (const [key, value] of Object.entries(entity)) {
    if (before !== undefined && sameJson(value, (before as Record<string, unknown>)[key])) continue;
    stack.push([value, key]);
  }
  while (stack.length > 0) {
    const [node, at] = stack.pop() as [unknown, string];
    if (Array.isArray(node)) {
      node.forEach((element: unknown, i) => {
        if (element === null || (typeof element === 'string' && isBlank(element))) {
          issues.push({ path: `${at}[${i}]`, message: `${element === null ? 'null' : 'blank text'}: the security REST API of OpenSearch 3.4+ refuses it (400 "\`null\` or blank values are not allowed as json array elements")`, exact: false });
        } else if (element !== null && typeof element === 'object') {
          stack.push([element, `${at}[${i}]`]);
        }
      });
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) stack.push([child, `${at}.${key}`]);
    }
  }
  return issues;
}

/**
 * What the REST API of `version` refuses in `entity` (the API's shape) for its content, for validation that warns:
 * blank list elements from 3.4 on (without a version: when `maybe34`, e.g. a 3.x dialect), strings over 3.8's limit.
 */
export function restContentIssues(entity: unknown, version: string | undefined, maybe34: boolean): ModelIssue[] {
  const cluster = { distribution: 'opensearch', version: version ?? '' };
  const blanks = version === undefined ? maybe34 : openSearchAtLeast(cluster, 3, 4) === true;
  const limit = version === undefined ? undefined : restStringLimit(cluster);
  return [...(blanks ? blankArrayElements(entity) : []), ...(limit !== undefined ? overlongStrings(entity, limit) : [])];
}

/** How a write carries its entity: `nameInPath` for PUT and DELETE (the name is in the URL), `before` for a PATCH (the entity as stored). */
export interface WriteShape {
  nameInPath?: boolean;
  before?: object;
}

/**
 * Throws SecurityModelError (naming the entity `kind 'name'`, each path and what is wrong, never a value)
 * when `flavour`'s REST API would refuse to write `entity` for its content (see the top of this file);
 * does nothing when the version is unknown or older than every rule.
 */
export function assertWithinRestLimits(kind: string, name: string, flavour: ClusterVersion, entity: unknown, shape: WriteShape = {}): void {
  const issues: ModelIssue[] = [];
  if (openSearchAtLeast(flavour, 3, 4) === true) {
    const patchAware = shape.before !== undefined && openSearchAtLeast(flavour, 3, 7) === true;
    issues.push(...blankArrayElements(entity, patchAware ? shape.before : undefined));
  }
  const limit = restStringLimit(flavour);
  if (limit !== undefined) {
    const nameIssue = shape.nameInPath === true ? overlongName(name, limit) : undefined;
    if (nameIssue !== undefined) issues.unshift(nameIssue);
    issues.push(...overlongStrings(entity, limit));
  }
  if (issues.length > 0) throw new SecurityModelError(`${kind} '${name}'`, issues);
}
