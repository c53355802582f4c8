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

/** Parses `User [name=X, backend_roles=[..], requestedTenant=T]` (and the older `roles=[..]`). */
function parseUser(text: string): { user: { name: string; backendRoles: string[] }; requestedTenant: string | null } | undefined {
  const start = text.indexOf('User [name=');
  if (start < 0) return undefined;
  const body = text.slice(start + 'User [name='.length);
  const marker = /, (backend_roles|roles)=\[/.exec(body);
  let name: string;
  let backendRoles: string[] = [];
  let rest = '';
  if (marker !== null) {
    name = body.slice(0, marker.index);
    const open = marker.index + marker[0].length - 1;
    const roles = bracketed(body, open);
    if (roles !== undefined) {
      backendRoles = splitList(roles.inner);
      rest = body.slice(roles.end + 1);
    }
  } else {
    const stop = body.search(/, requestedTenant=|\]/);
    name = stop < 0 ? body : body.slice(0, stop);
    rest = stop < 0 ? '' : body.slice(stop);
  }
  const tenantMatch = /requestedTenant=([^,\]]*)/.exec(rest);
  const tenantRaw = tenantMatch?.[1]?.trim();
  const requestedTenant = tenantRaw === undefined || tenantRaw === '' || tenantRaw === 'null' ? null : tenantRaw;
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

/** Parses a security plugin denial reason (`no permissions for [..] and User [..]` / `... and associated roles [..]`). */
export function parseSecurityReason(reason: string, path?: string): SecurityExceptionDetails {
  const details: SecurityExceptionDetails = { actions: [], user: null, requestedTenant: null, roles: null, indices: null, reason };
  const at = reason.indexOf('no permissions for [');
  if (at >= 0) {
    const actions = bracketed(reason, at + 'no permissions for '.length);
    if (actions !== undefined) {
      details.actions = splitList(actions.inner);
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
