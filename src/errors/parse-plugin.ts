/**
 * Parser of the security plugin's denial reason (`no permissions for [..] and User [name=..,
 * backend_roles=[..], requestedTenant=..]` / `... and associated roles [..]`) and of the indices a
 * refused request targeted.
 */
import type { KnownPrincipal, SecurityExceptionDetails } from './permission-errors.js';
import { opt } from './own.js';
import { isIndexLevelAction } from '../fgac/cluster-actions.js';
import { isAllName, requestIndexList } from '../fgac/request-names.js';
import { pathSegments } from '../fgac/request-path.js';

/** Splits `a, b, c` (the Java list format) into items. */
export function splitList(inner: string): string[] {
  return inner
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Reads the `[...]` starting at `open` (the index of `[`), honouring nesting; returns inner text and end. */
function bracketed(text: string, open: number): { inner: string; end: number } | undefined {
  if (text[open] !== '[') return undefined;
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '[') depth++;
    else if (c === ']') {
      depth--;
      if (depth === 0) return { inner: text.slice(open + 1, i), end: i };
    }
  }
  return undefined;
}

/** Whether the bracket at the end (`fromEnd`) or start of `item` has a partner inside `item` (`role [x]`: yes; `x]`, `[`: no). */
function paired(item: string, fromEnd: boolean): boolean {
  const [own, other] = fromEnd ? [']', '['] : ['[', ']'];
  if (item[fromEnd ? item.length - 1 : 0] !== own) return false;
  let depth = 0;
  for (let k = 0; k < item.length; k++) {
    const c = item[fromEnd ? item.length - 1 - k : k];
    if (c === own) depth++;
    else if (c === other && --depth === 0) return true;
  }
  return false;
}

/**
 * The items of a Java set's `toString()` inner text (`a, b`: items joined by ", ", nothing escaped; a comma without
 * a space stays inside its item, `role/team,ops`). A `, ` separates items (one holding `, ` cannot be told from two:
 * `ou=a, dc=b` reads as two) unless its place is in doubt: undefined when an item would be empty (`a, , b`) or a
 * `, ` stands beside a bracket with no partner in its item (`a], [b`, `x[, y`: the list's own delimiters, which
 * may as well be one name's). Brackets elsewhere (`ops [eu]`, `role [x], y`) are an item's text.
 */
export function javaSetItems(inner: string): string[] | undefined {
  if (inner === '') return [];
  const items = inner.split(', ');
  const last = items.length - 1;
  const doubtful = (s: string, k: number): boolean =>
    s === '' || (k > 0 && /^[[\]]/.test(s) && !paired(s, false)) || (k < last && /[[\]]$/.test(s) && !paired(s, true));
  return items.some(doubtful) ? undefined : items;
}

const USER_OPEN = 'User [name=';
// `backend_roles=` since the security plugin's first release under that name; `roles=` in older plugins and guides
const ROLE_MARKERS = [', backend_roles=[', ', roles=['];
const TENANT_MARKER = '], requestedTenant=';
/** Readings weighed at most; past this a reason is read as ambiguous (a text made of delimiters, not a user). */
const MAX_READINGS = 4096;

/**
 * One way to read `NAME, backend_roles=[ROLES], requestedTenant=TENANT` as positions in the body: the name ends at
 * `at`, the roles run from `end` to `tenantAt` (-1: a format without a tenant, the roles run to the closing `]`).
 */
interface UserReading {
  at: number;
  end: number;
  tenantAt: number;
}

/** What the `User [..]` of a reason says; `ambiguous` when it reads more than one way and nothing known picks one. */
interface ParsedUser {
  user: { name: string; backendRoles: string[] } | null;
  requestedTenant: string | null;
  ambiguous: boolean;
}

/** Where `needle` occurs in `text` (at most MAX_READINGS + 1 of them). */
function positionsOf(text: string, needle: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(needle); at >= 0 && out.length <= MAX_READINGS; at = text.indexOf(needle, at + 1)) out.push(at);
  return out;
}

/** The first index in ascending `sorted` holding a value >= `min`. */
function firstAtLeast(sorted: readonly number[], min: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) < min) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Every way `body` (the text between `User [name=` and the final `]`) splits into name, roles and tenant as
 * the plugin's `User.toString()` writes them: name, `, backend_roles=`, the roles set as Java prints it
 * (`[a, b]`), `, requestedTenant=`, the tenant. Nothing is escaped, so each occurrence of a marker is a
 * candidate boundary; undefined when there are more than MAX_READINGS (counted before any is listed).
 */
function readings(body: string): UserReading[] | undefined {
  const roleAts: Array<{ at: number; end: number }> = [];
  for (const marker of ROLE_MARKERS) for (const at of positionsOf(body, marker)) roleAts.push({ at, end: at + marker.length });
  const tenantAts = positionsOf(body, TENANT_MARKER);
  if (roleAts.length > MAX_READINGS || tenantAts.length > MAX_READINGS) return undefined;
  const out: UserReading[] = [];
  for (const { at, end } of roleAts) {
    if (tenantAts.length === 0) {
      // a format without the tenant: the roles run to the end
      if (body.endsWith(']') && body.length - 1 >= end) out.push({ at, end, tenantAt: -1 });
      continue;
    }
    const first = firstAtLeast(tenantAts, end);
    if (out.length + tenantAts.length - first > MAX_READINGS) return undefined;
    for (let k = first; k < tenantAts.length; k++) out.push({ at, end, tenantAt: tenantAts[k] ?? 0 });
  }
  return out;
}

/** The name, roles text and tenant text of one reading. */
function partsOf(body: string, r: UserReading): { name: string; roles: string; tenant: string | undefined } {
  if (r.tenantAt < 0) return { name: body.slice(0, r.at), roles: body.slice(r.end, -1), tenant: undefined };
  return { name: body.slice(0, r.at), roles: body.slice(r.end, r.tenantAt), tenant: body.slice(r.tenantAt + TENANT_MARKER.length) };
}

/** `roles` in the order their Java set text `inner` (`a, b`) lists them; undefined when `inner` is not exactly that set. */
function roleOrder(inner: string, roles: readonly string[]): string[] | undefined {
  if (roles.length > 8) return undefined; // a search over orders: bounded
  const expected = roles.reduce((n, r) => n + r.length, 0) + 2 * Math.max(0, roles.length - 1);
  if (inner.length !== expected) return undefined;
  const used = new Array<boolean>(roles.length).fill(false);
  const order: string[] = [];
  const walk = (at: number): boolean => {
    if (order.length === roles.length) return at === inner.length;
    for (let k = 0; k < roles.length; k++) {
      const role = roles[k] ?? '';
      if (used[k] || !inner.startsWith(role, at)) continue;
      const last = order.length === roles.length - 1;
      if (!last && !inner.startsWith(', ', at + role.length)) continue;
      used[k] = true;
      order.push(role);
      if (walk(at + role.length + (last ? 0 : 2))) return true;
      order.pop();
      used[k] = false;
    }
    return false;
  };
  return walk(0) ? order : undefined;
}

/** The readings that agree with what the client knows (its user name, its roles); all of them when none does. */
function anchored(body: string, all: UserReading[], known: KnownPrincipal | undefined): UserReading[] {
  if (known === undefined || all.length <= 1) return all;
  let kept = all;
  const named = body.startsWith(known.name);
  const byName = named ? kept.filter((r) => r.at === known.name.length) : [];
  if (byName.length > 0) kept = byName;
  const roles = known.backendRoles;
  if (roles !== undefined && kept.length > 1) {
    const byRoles = kept.filter((r) => roleOrder(partsOf(body, r).roles, roles) !== undefined);
    if (byRoles.length > 0) kept = byRoles;
  }
  return kept;
}

/** The tenant as written; Java prints a missing one as `null` (so a tenant called `null` reads as none). */
function tenantOf(raw: string | undefined): string | null {
  return raw === undefined || raw === '' || raw === 'null' ? null : raw;
}

/**
 * Parses `User [name=X, backend_roles=[..], requestedTenant=T]` (and the older `roles=[..]`). The plugin writes
 * names, roles and tenants unescaped, and all three may hold its delimiters (an internal user called
 * `a, backend_roles=[b`, a role or a `securitytenant` header holding `], requestedTenant=`): when the text reads
 * more than one way and `known` (the principal the client sent) does not pick one, the user is not named
 * (`ambiguous`) rather than guessed; when only the roles read more than one way, the name is kept with
 * `backendRoles: []` and `ambiguous`. Roles are read by javaSetItems unless `known.backendRoles` anchors them.
 */
function parseUser(text: string, known?: KnownPrincipal): ParsedUser | undefined {
  const start = text.indexOf(USER_OPEN);
  if (start < 0) return undefined;
  const close = text.lastIndexOf(']');
  if (close < start + USER_OPEN.length) return undefined;
  const body = text.slice(start + USER_OPEN.length, close);
  const found = readings(body);
  if (found === undefined) return { user: null, requestedTenant: null, ambiguous: true };
  // a user always has a name: a reading with none is not one
  const all = found.filter((r) => r.at > 0);
  if (found.length > 0 && all.length === 0) return undefined;
  if (all.length === 0) {
    // no roles part at all (a shape this parser does not know): the name runs to the tenant, if any
    const tenantAt = body.lastIndexOf(', requestedTenant=');
    const name = (tenantAt >= 0 ? body.slice(0, tenantAt) : body).trim();
    if (name === '') return undefined;
    return { user: { name, backendRoles: [] }, requestedTenant: tenantAt >= 0 ? tenantOf(body.slice(tenantAt + ', requestedTenant='.length).trim()) : null, ambiguous: false };
  }
  const kept = anchored(body, all, known);
  const first = kept[0];
  if (first === undefined) return { user: null, requestedTenant: null, ambiguous: true };
  // readings that differ only in where the name ends agree on the tenant
  const requestedTenant = kept.every((r) => r.tenantAt === first.tenantAt) ? tenantOf(partsOf(body, first).tenant) : null;
  // readings that differ only in where the roles end agree on the name
  if (!kept.every((r) => r.at === first.at)) return { user: null, requestedTenant, ambiguous: true };
  const only = partsOf(body, first);
  if (kept.length === 1) {
    const knownRoles = known === undefined ? undefined : opt(known, 'backendRoles');
    const backendRoles = (knownRoles === undefined ? undefined : roleOrder(only.roles, knownRoles)) ?? javaSetItems(only.roles);
    if (backendRoles !== undefined) return { user: { name: only.name, backendRoles }, requestedTenant, ambiguous: false };
  }
  // the name is settled, the roles are not: named, with no roles claimed (`ambiguous` says they are unknown, not none)
  return { user: { name: only.name, backendRoles: [] }, requestedTenant, ambiguous: true };
}

const ALL_INDICES_ENDPOINTS = new Set([
  '_search', '_count', '_field_caps', '_validate', '_refresh', '_flush', '_stats', '_mapping', '_settings',
  '_segments', '_recovery', '_forcemerge', '_cache', '_search_shards', '_delete_by_query', '_update_by_query',
]);

/**
 * The indices an index-level request targets, from its path, read as the node reads the path (fgac/request-path.ts: cut
 * at the first `?`, decoded) and its index list (split at commas, nothing trimmed): `/a,b/_search` -> [a, b],
 * `/_search` -> [*]. Null when any of `actions` is not checked against index permissions (fgac/cluster-actions.ts:
 * `cluster:` actions and the `indices:` ones the plugin checks as cluster-level, such as bulk, mget, msearch, scroll):
 * such a refusal is decided before any index is looked at, so it names none.
 */
export function indicesFromPath(path: string | undefined, actions: readonly string[]): string[] | null {
  if (path === undefined || path === '' || actions.length === 0 || !actions.every(isIndexLevelAction)) return null;
  const segments = pathSegments(path);
  const first = segments[0];
  if (first === undefined) return null;
  if (!first.startsWith('_') || isAllName(first)) return requestIndexList(first);
  // `_search/scroll` and `_search/point_in_time` continue a context: they name no index
  if (first === '_search' && segments.length > 1 && (segments[1] === 'scroll' || segments[1] === 'point_in_time')) return null;
  return ALL_INDICES_ENDPOINTS.has(first) ? ['*'] : null;
}

// The opening the plugin writes for a denial: fixed structure, before any text that may quote data
const PLUGIN_DENIAL_OPENING = /^\s*\{\s*"error"\s*:\s*\{\s*"root_cause"\s*:\s*\[\s*\{\s*"type"\s*:\s*"security_exception"\s*,\s*"reason"\s*:\s*"(?=no permissions for \[)/;

/**
 * The denial reason of a plugin 403 whose JSON was cut short: read only when the text opens exactly as the
 * plugin's denial does (so a cut body quoting a document elsewhere is never read), up to where the
 * first reason string ends or the text does.
 */
export function cutDenialReason(text: string): string | undefined {
  const opening = PLUGIN_DENIAL_OPENING.exec(text);
  if (opening === null) return undefined;
  const start = opening[0].length;
  let end = start;
  while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
  let raw = text.slice(start, Math.min(end, text.length)).replace(/\\(?:u[0-9A-Fa-f]{0,3})?$/, '');
  if (end >= text.length) {
    // the reason itself was cut: its actions may be whole, the user or roles after them are not to be trusted
    const user = raw.search(/ and (?:User \[|associated roles \[)/);
    if (user >= 0) raw = raw.slice(0, user);
  }
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

const INJECTED_OPEN = ' and associated roles [';
const NO_MAPPING = 'No mapping for User [';

/** `roles` (and `ambiguous`) of `tail` = ` and associated roles [..]`: the set ends the reason, its names unescaped (a `]` inside one is no end). */
function injectedRoles(tail: string, details: SecurityExceptionDetails): void {
  const close = tail.lastIndexOf(']');
  const roles = close >= INJECTED_OPEN.length ? javaSetItems(tail.slice(INJECTED_OPEN.length, close)) : [];
  details.roles = roles ?? null;
  if (roles === undefined) details.ambiguous = true;
}

/** Parses a security plugin denial reason (`no permissions for [..] and User [..]` / `... and associated roles [..]`); `known`: the principal the client sent, to read an ambiguous user by. */
export function parseSecurityReason(reason: string, path?: string, known?: KnownPrincipal): SecurityExceptionDetails {
  const details: SecurityExceptionDetails = { actions: [], user: null, requestedTenant: null, roles: null, indices: null, reason };
  // RolesInjector's `No mapping for <User [..]> on roles [..]`: the user is a plugin's injected one, and its text runs into the roles
  if (reason.startsWith(NO_MAPPING)) return details;
  const at = reason.indexOf('no permissions for [');
  if (at >= 0) {
    const actions = bracketed(reason, at + 'no permissions for '.length);
    if (actions !== undefined) {
      // a REST route known by two action names: `no permissions for [any of [legacy, new]]`
      const alternatives = actions.inner.startsWith('any of [') ? bracketed(actions.inner, 'any of '.length) : undefined;
      if (alternatives !== undefined && alternatives.end === actions.inner.length - 1) {
        details.actions = splitList(alternatives.inner);
        details.anyOf = true;
      } else {
        details.actions = splitList(actions.inner);
      }
      // which principal follows is told by what comes right after the actions: a role or user name may quote the other form
      const tail = reason.slice(actions.end + 1);
      if (tail.startsWith(INJECTED_OPEN)) {
        injectedRoles(tail, details);
        details.indices = indicesFromPath(path, details.actions);
        return details;
      }
    }
  }
  const user = parseUser(reason, known);
  if (user !== undefined) {
    details.user = user.user;
    details.requestedTenant = user.requestedTenant;
    if (user.ambiguous) details.ambiguous = true;
  } else if (at >= 0) {
    // an older or unknown wording: `associated roles [` anywhere after the actions, and no user
    const injected = reason.indexOf(INJECTED_OPEN.trimStart(), at);
    if (injected >= 0) injectedRoles(` and ${reason.slice(injected)}`, details);
  }
  details.indices = indicesFromPath(path, details.actions);
  return details;
}
