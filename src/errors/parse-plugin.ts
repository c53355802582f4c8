/**
 * Parser of the security plugin's denial reason (`no permissions for [..] and User [name=..,
 * backend_roles=[..], requestedTenant=..]` / `... and associated roles [..]`) and of the indices a
 * refused request targeted.
 */
import type { SecurityExceptionDetails } from './permission-errors.js';

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

/** Splits a Java collection's `toString()` inner text (`a, b`: items joined by ", ") into items; a comma without a space stays inside its item (`role/team,ops`). */
export function splitJavaList(inner: string): string[] {
  return inner === '' ? [] : inner.split(', ').filter((s) => s !== '');
}

/**
 * Parses `User [name=X, backend_roles=[..], requestedTenant=T]` (and the older `roles=[..]`). The plugin
 * writes names and roles without escaping, and names and roles come from identity providers (an IAM
 * role ARN may hold `,` or `=`), so the text is read from its fixed END: the tenant after the last
 * `, requestedTenant=`, the roles between the last `, backend_roles=[` before it and `]`, the name before them.
 * A name that holds `, backend_roles=[` then stays whole instead of inventing roles.
 */
function parseUser(text: string): { user: { name: string; backendRoles: string[] }; requestedTenant: string | null } | undefined {
  const start = text.indexOf('User [name=');
  if (start < 0) return undefined;
  const close = text.lastIndexOf(']');
  if (close < start) return undefined;
  const body = text.slice(start + 'User [name='.length, close);
  let name = body;
  let backendRoles: string[] = [];
  let requestedTenant: string | null = null;
  const tenantAt = body.lastIndexOf(', requestedTenant=');
  if (tenantAt >= 0) {
    const tenant = body.slice(tenantAt + ', requestedTenant='.length).trim();
    requestedTenant = tenant === '' || tenant === 'null' ? null : tenant;
    name = body.slice(0, tenantAt);
  }
  if (name.endsWith(']')) {
    const marker = Math.max(name.lastIndexOf(', backend_roles=['), name.lastIndexOf(', roles=['));
    if (marker >= 0) {
      const open = name.indexOf('[', marker);
      backendRoles = splitJavaList(name.slice(open + 1, -1));
      name = name.slice(0, marker);
    }
  }
  name = name.trim();
  if (name === '') return undefined;
  return { user: { name, backendRoles }, requestedTenant };
}

const ALL_INDICES_ENDPOINTS = new Set([
  '_search', '_count', '_field_caps', '_validate', '_refresh', '_flush', '_stats', '_mapping', '_settings',
  '_segments', '_recovery', '_forcemerge', '_cache', '_search_shards', '_delete_by_query', '_update_by_query',
]);

function pathSegments(path: string): string[] {
  const clean = (path.split('?')[0] ?? '').split('#')[0] ?? '';
  return clean
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

/** The indices an index-level request targets, from its path: `/a,b/_search` -> [a, b], `/_search` -> [*]. */
export function indicesFromPath(path: string | undefined, actions: readonly string[]): string[] | null {
  if (path === undefined || path === '' || actions.length === 0 || !actions.every((a) => a.startsWith('indices:'))) return null;
  const segments = pathSegments(path);
  const first = segments[0];
  if (first === undefined) return null;
  if (!first.startsWith('_')) return splitList(first);
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

/** Parses a security plugin denial reason (`no permissions for [..] and User [..]` / `... and associated roles [..]`). */
export function parseSecurityReason(reason: string, path?: string): SecurityExceptionDetails {
  const details: SecurityExceptionDetails = { actions: [], user: null, requestedTenant: null, roles: null, indices: null, reason };
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
      const tail = reason.slice(actions.end + 1);
      const injected = tail.indexOf('associated roles [');
      if (injected >= 0 && !tail.includes('User [name=')) {
        const roles = bracketed(tail, injected + 'associated roles '.length);
        details.roles = roles === undefined ? [] : splitList(roles.inner);
      }
    }
  }
  const user = parseUser(reason);
  if (user !== undefined) {
    details.user = user.user;
    details.requestedTenant = user.requestedTenant;
  }
  details.indices = indicesFromPath(path, details.actions);
  return details;
}
