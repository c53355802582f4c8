/**
 * The shape of a typed security model, checked before anything is converted or sent: lists are
 * arrays of strings (a string would be spread into its characters, so `index_patterns: 'logs*'`
 * would become `['l','o','g','s','*']` and grant `*`), nested entries are objects, text fields are
 * strings, a DLS object holds only JSON values (a Date, BigInt or function would be written as `{}`)
 * and is not nested past what the SDK follows. Also what the server returned, before fromApi* reads
 * it (a role whose restrictions have the wrong type is refused, never read as unrestricted).
 * Unknown keys are refused too (ENTITY_KEYS, the one list of what each entity takes): the SDK would
 * drop them, so a typo such as `dsl` for `dls` would write a role without its DLS.
 * Returns the issues; model.ts throws them.
 */
import { typeName } from '../client/options-check.js';
import { DlsVariable } from '../fgac/dls.js';
import { MAX_NESTING_DEPTH } from '../fgac/json.js';
import { field, isObjectPrototype } from '../errors/own.js';
import { hashProblem } from './password-hash.js';

/** One misshapen field (the same shape as a ModelIssue). */
export interface ShapeIssue {
  path: string;
  message: string;
  exact: false;
}

/** The security entities whose shape is checked. */
export type ShapedKind = 'roles' | 'roleMappings' | 'users' | 'actionGroups' | 'tenants';

/**
 * The keys each entity (and nested entry) takes: what the plugin's PUT accepts, the same on 2.19.4 (measured) and
 * 3.4.0 (its source: each *ApiAction's allowedKeys, RoleV7.Index/Tenant), plus the flags GET returns, so a model
 * read with `get` is written back unchanged; the flags are never sent (PUT refuses `static` always, `reserved` and
 * `hidden` from all but the super admin). The plugin refuses any other key (400 invalid_keys, or 500
 * unrecognized_property_exception for a nested entry).
 */
const ENTITY_KEYS = {
  roles: ['description', 'cluster_permissions', 'index_permissions', 'tenant_permissions'],
  users: ['password', 'hash', 'backend_roles', 'opendistro_security_roles', 'attributes', 'description'],
  roleMappings: ['users', 'backend_roles', 'and_backend_roles', 'hosts', 'description'],
  actionGroups: ['allowed_actions', 'type', 'description'],
  tenants: ['description'],
  index_permissions: ['index_patterns', 'allowed_actions', 'dls', 'fls', 'masked_fields'],
  tenant_permissions: ['tenant_patterns', 'allowed_actions'],
} as const satisfies Record<ShapedKind | 'index_permissions' | 'tenant_permissions', readonly string[]>;

/** The flags GET returns with every entity: read back, accepted in a model, never sent. */
const FLAG_KEYS = ['reserved', 'hidden', 'static'] as const;

/** Keys a user means by another name (not a typo a distance finds). */
const OTHER_NAMES: Readonly<Record<string, string>> = { roles: 'backend_roles', security_roles: 'opendistro_security_roles' };

/** Optimal string alignment distance (a transposition counts one), up to `limit + 1`. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const above = d[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** The known key `key` most likely misspells, if one is close. */
function closeKey(key: string, known: readonly string[]): string | undefined {
  const plain = (k: string): string => k.toLowerCase().replace(/[_\-\s]/g, '');
  const other = Object.hasOwn(OTHER_NAMES, key) ? OTHER_NAMES[key] : undefined;
  if (other !== undefined && known.includes(other)) return other;
  const same = known.find((k) => plain(k) === plain(key));
  if (same !== undefined) return same;
  const limit = key.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const k of known) {
    const dist = distance(plain(key), plain(k), limit);
    if (dist < bestDistance) [best, bestDistance] = [k, dist];
  }
  return best;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class Checker {
  readonly issues: ShapeIssue[] = [];

  add(path: string, message: string): void {
    this.issues.push({ path, message, exact: false });
  }

  text(value: unknown, path: string): void {
    if (value !== undefined && typeof value !== 'string') this.add(path, `must be a string, got ${typeName(value)}`);
  }

  /** A list whose elements pass `element` (default: strings). */
  list(value: unknown, path: string, element: (v: unknown, at: string) => void = (v, at) => this.stringElement(v, at)): void {
    if (value === undefined) return;
    if (!Array.isArray(value)) {
      const hint = typeof value === 'string' ? ` (write [${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}])` : '';
      this.add(path, `must be a list, got ${typeName(value)}${hint}`);
      return;
    }
    value.forEach((v, i) => element(v, `${path}[${i}]`));
  }

  stringElement(value: unknown, path: string): void {
    if (typeof value !== 'string') this.add(path, `must be a string, got ${typeName(value)}`);
  }

  /** Refuses each own key of `value` that `known` (and, for an entity, the flags GET returns) does not hold. */
  keys(value: Record<string, unknown>, at: string, known: readonly string[], what: string, flags = false): void {
    for (const key of Object.keys(value)) {
      if (known.includes(key) || (flags && (FLAG_KEYS as readonly string[]).includes(key))) continue;
      const close = closeKey(key, known);
      const path = at === '' ? key : `${at}.${key}`;
      this.add(path, `unknown key${close === undefined ? '' : ` (did you mean ${close}?)`}: ${what} takes ${known.join(', ')}`);
    }
  }

  object(value: unknown, path: string): value is Record<string, unknown> {
    if (isRecord(value)) return true;
    this.add(path, `must be an object, got ${typeName(value)}`);
    return false;
  }

  /** A DLS query object: JSON values (and DlsVariable placeholders) only, nested at most MAX_NESTING_DEPTH. */
  dls(value: unknown, path: string): void {
    if (value === undefined || typeof value === 'string') return;
    if (!isRecord(value)) {
      this.add(path, `must be a query object or its JSON text, got ${typeName(value)}`);
      return;
    }
    const walk = (v: unknown, depth: number): string | undefined => {
      if (v === null || typeof v === 'string' || typeof v === 'boolean' || v instanceof DlsVariable) return undefined;
      if (typeof v === 'number') return Number.isFinite(v) ? undefined : `${v} is not a JSON number`;
      if (typeof v !== 'object') return `a ${typeof v} is not a JSON value`;
      if (depth >= MAX_NESTING_DEPTH) return `nests deeper than ${MAX_NESTING_DEPTH} levels (or holds a cycle)`;
      const proto: unknown = Object.getPrototypeOf(v);
      if (!Array.isArray(v) && proto !== null && !isObjectPrototype(proto)) return 'holds an object that is not plain JSON (a Date, a Map, a class instance)';
      for (const item of Array.isArray(v) ? v : Object.values(v)) {
        const problem = walk(item, depth + 1);
        if (problem !== undefined) return problem;
      }
      return undefined;
    };
    const problem = walk(value, 0);
    if (problem !== undefined) this.add(path, `is not a JSON query: ${problem}`);
  }
}

function indexPermission(c: Checker, perm: unknown, at: string): void {
  if (!c.object(perm, at)) return;
  c.keys(perm, at, ENTITY_KEYS.index_permissions, 'an index permission');
  c.list(field(perm, 'index_patterns'), `${at}.index_patterns`);
  c.list(field(perm, 'allowed_actions'), `${at}.allowed_actions`);
  c.dls(field(perm, 'dls'), `${at}.dls`);
  c.list(field(perm, 'fls'), `${at}.fls`, (entry, path) => {
    if (typeof entry === 'string') return;
    const include = isRecord(entry) ? field(entry, 'include') : undefined;
    const exclude = isRecord(entry) ? field(entry, 'exclude') : undefined;
    if (!isRecord(entry) || (typeof include !== 'string' && typeof exclude !== 'string')) {
      c.add(path, `must be a pattern string ("~secret") or { include } / { exclude }, got ${typeName(entry)}`);
    }
    else if (include !== undefined && exclude !== undefined) c.add(path, 'give one of include / exclude, not both');
    else c.keys(entry, path, ['include', 'exclude'], 'an FLS entry');
  });
  c.list(field(perm, 'masked_fields'), `${at}.masked_fields`, (field, path) => {
    if (typeof field !== 'string' && !isRecord(field)) c.add(path, `must be an entry string or a masked field object, got ${typeName(field)}`);
  });
}

const ENTITY_WORDS: Readonly<Record<ShapedKind, string>> = { roles: 'a role', users: 'an internal user', roleMappings: 'a role mapping', actionGroups: 'an action group', tenants: 'a tenant' };

/** The shape issues of `model` of `kind` (empty when it is well formed). */
export function modelShapeIssues(kind: ShapedKind, model: unknown): ShapeIssue[] {
  const c = new Checker();
  if (!c.object(model, '(the model)')) return c.issues;
  c.keys(model, '', ENTITY_KEYS[kind], ENTITY_WORDS[kind], true);
  c.text(field(model, 'description'), 'description');
  switch (kind) {
    case 'roles':
      c.list(field(model, 'cluster_permissions'), 'cluster_permissions');
      c.list(field(model, 'index_permissions'), 'index_permissions', (perm, at) => indexPermission(c, perm, at));
      c.list(field(model, 'tenant_permissions'), 'tenant_permissions', (perm, at) => {
        if (!c.object(perm, at)) return;
        c.keys(perm, at, ENTITY_KEYS.tenant_permissions, 'a tenant permission');
        c.list(field(perm, 'tenant_patterns'), `${at}.tenant_patterns`);
        c.list(field(perm, 'allowed_actions'), `${at}.allowed_actions`);
      });
      break;
    case 'roleMappings':
      for (const key of ['users', 'backend_roles', 'and_backend_roles', 'hosts']) c.list(field(model, key), key);
      break;
    case 'users':
      c.text(field(model, 'password'), 'password');
      c.text(field(model, 'hash'), 'hash');
      c.list(field(model, 'backend_roles'), 'backend_roles');
      c.list(field(model, 'opendistro_security_roles'), 'opendistro_security_roles');
      const attributes = field(model, 'attributes');
      if (attributes !== undefined && c.object(attributes, 'attributes')) {
        for (const [name, value] of Object.entries(attributes)) c.text(value, `attributes.${name}`);
      }
      break;
    case 'actionGroups':
      if (field(model, 'allowed_actions') === undefined) c.add('allowed_actions', 'is required (a list of action names and groups)');
      c.list(field(model, 'allowed_actions'), 'allowed_actions');
      c.text(field(model, 'type'), 'type');
      break;
    case 'tenants':
      break;
  }
  return c.issues;
}

/**
 * The keys `tenancyConfig.put` takes (2.19.4 measured: any other is 400 invalid_keys) and their types. The node reads a
 * flag that is not a boolean without a word: `"true"` and `null` as false, `1` as true; an empty body is refused.
 */
const TENANCY_KEYS = ['multitenancy_enabled', 'private_tenant_enabled', 'default_tenant', 'sign_in_options'] as const;

/** The shape issues of a tenancy configuration to write (empty when it is well formed). */
export function tenancyConfigIssues(config: unknown): ShapeIssue[] {
  const c = new Checker();
  if (!c.object(config, '(the configuration)')) return c.issues;
  c.keys(config, '', TENANCY_KEYS, 'the tenancy configuration');
  for (const key of ['multitenancy_enabled', 'private_tenant_enabled']) {
    const value = field(config, key);
    if (value !== undefined && typeof value !== 'boolean') c.add(key, `must be true or false, got ${typeName(value)} (the node would read it as false or by truthiness)`);
  }
  c.text(field(config, 'default_tenant'), 'default_tenant');
  c.list(field(config, 'sign_in_options'), 'sign_in_options');
  if (c.issues.length === 0 && !TENANCY_KEYS.some((key) => field(config, key) !== undefined)) c.add('(the configuration)', `give at least one of ${TENANCY_KEYS.join(', ')}`);
  return c.issues;
}

// ---- what the server returned (read by fromApi*): the same kind of check on the API's shape

/** An entity read from the server is a JSON object. */
export function apiObjectIssues(json: unknown): ShapeIssue[] {
  return isRecord(json) ? [] : [{ path: '', message: `must be a JSON object, got ${typeName(json)}`, exact: false }];
}

/**
 * What of a role read from the server cannot be represented faithfully: a DLS that is not a string,
 * FLS or masked fields that are not lists of strings, patterns or actions that are not lists.
 * Reading them as absent would widen the role on the next write (its restrictions dropped).
 */
export function apiRoleIssues(json: unknown): ShapeIssue[] {
  const notObject = apiObjectIssues(json);
  if (notObject.length > 0) return notObject;
  const issues: ShapeIssue[] = [];
  const list = (path: string, value: unknown): void => {
    if (value === undefined || value === null) return;
    if (!Array.isArray(value)) issues.push({ path, message: `must be a list, got ${typeName(value)}`, exact: false });
    else if (value.some((v) => typeof v !== 'string')) issues.push({ path, message: 'must be a list of strings', exact: false });
  };
  const role = json as Record<string, unknown>;
  list('cluster_permissions', field(role, 'cluster_permissions'));
  for (const key of ['index_permissions', 'tenant_permissions'] as const) {
    const perms = field(role, key);
    if (perms === undefined || perms === null) continue;
    if (!Array.isArray(perms)) {
      issues.push({ path: key, message: `must be a list, got ${typeName(perms)}`, exact: false });
      continue;
    }
    perms.forEach((perm: unknown, i: number) => {
      const at = `${key}[${i}]`;
      if (perm === null || typeof perm !== 'object' || Array.isArray(perm)) {
        issues.push({ path: at, message: `must be an object, got ${typeName(perm)}`, exact: false });
        return;
      }
      const p = perm as Record<string, unknown>;
      list(`${at}.${key === 'index_permissions' ? 'index_patterns' : 'tenant_patterns'}`, key === 'index_permissions' ? field(p, 'index_patterns') : field(p, 'tenant_patterns'));
      list(`${at}.allowed_actions`, field(p, 'allowed_actions'));
      if (key !== 'index_permissions') return;
      if (field(p, 'dls') !== undefined && field(p, 'dls') !== null && typeof field(p, 'dls') !== 'string') issues.push({ path: `${at}.dls`, message: `must be a string, got ${typeName(field(p, 'dls'))}`, exact: false });
      list(`${at}.fls`, field(p, 'fls'));
      list(`${at}.masked_fields`, field(p, 'masked_fields'));
    });
  }
  return issues;
}

// ---- a JSON Patch operation's value (resource patch): the same checks, on the part of the entity the value replaces

/** Pointer depth below an entity that is checked: `/index_permissions/0/masked_fields/2` (deeper: inside a value). */
const MAX_PATCH_DEPTH = 4;

/**
 * The shape issues of the value an `add`/`replace` operation writes at `tokens` (the pointer's decoded tokens below the
 * entity; `[]` is the whole entity): the value is placed in an entity of `kind` where the pointer puts it and checked as
 * a whole-entity write checks it (modelShapeIssues; for roles also the wire shape, apiRoleIssues: a `dls` the node
 * stores as a string, lists of strings; for users a `hash` the plugin can verify, as put's checkPassword), keeping the
 * issues at or below that place, named at the operation's own position (`index_permissions[3].zzz`, `users[-]`), the
 * value never quoted. A first token the entity does not take, or a pointer deeper than
 * {@link MAX_PATCH_DEPTH}, is left to the plugin (its own 400 names an unknown top-level key).
 */
export function patchValueIssues(kind: ShapedKind, tokens: readonly string[], value: unknown): ShapeIssue[] {
  const wire = (model: unknown): ShapeIssue[] => {
    const shape = modelShapeIssues(kind, model);
    if (shape.length > 0) return shape;
    if (kind === 'roles') return apiRoleIssues(model);
    // a user's hash the plugin could never verify (password-hash.ts), as put refuses it
    const hash = kind === 'users' && isRecord(model) ? hashProblem(field(model, 'hash')) : undefined;
    return hash === undefined ? [] : [{ path: 'hash', message: hash, exact: false }];
  };
  if (tokens.length === 0) return wire(value);
  const first = tokens[0] as string;
  if (tokens.length > MAX_PATCH_DEPTH || !(ENTITY_KEYS[kind] as readonly string[]).includes(first)) return [];
  const isIndex = (t: string): boolean => t === '-' || /^(?:0|[1-9]\d*)$/.test(t);
  let placed: unknown = value;
  for (let i = tokens.length - 1; i >= 1; i--) {
    const t = tokens[i] as string;
    placed = isIndex(t) ? [placed] : Object.fromEntries([[t, placed]]);
  }
  const model = Object.fromEntries([[first, placed]]);
  let checked = first;
  let shown = first;
  for (const t of tokens.slice(1)) {
    checked += isIndex(t) ? '[0]' : `.${t}`;
    shown += isIndex(t) ? `[${t}]` : `.${t}`;
  }
  const below = (path: string): boolean => path === checked || path.startsWith(`${checked}.`) || path.startsWith(`${checked}[`);
  return wire(model).filter((issue) => below(issue.path)).map((issue) => ({ ...issue, path: shown + issue.path.slice(checked.length) }));
}
