/**
 * The security plugin's dry-run (3.2+): a request sent with `?perform_permission_check=true` is evaluated
 * but not executed, and the plugin answers `{accessAllowed, missingPrivileges}` (SecurityRestFilter /
 * PermissionCheckResponse, security PR #5496). When it may be sent, and what its answers mean.
 *
 * Measured on a real 3.4.0 node: the dry-run is applied where a request becomes a transport action
 * (the security filter answers in its place), so the plugin's own REST handlers ignore the parameter
 * and EXECUTE (`DELETE /_plugins/_security/api/internalusers/x?perform_permission_check=true` deleted the
 * user); and REST handlers that cast their action's response (`GET /`, `_count`, `_cat/*`, `_nodes`,
 * `_mapping`, ...) answer 500 with the verdict lost (nothing executed).
 */
import { parsePluginVersion, versionAtLeast } from '../fgac/plugin-version.js';
import type { ActionDescription, RequestDescription } from './request-actions.js';
import { ArgumentTypeError } from '../fgac/argument-error.js';
import { hasField } from '../errors/own.js';
import { nodeQuery, splitTarget, waitsForCompletion } from '../fgac/query-params.js';

/** The part of an opensearch-js `Client` used here (`client.transport.request`). */
export interface CheckPermissionClient {
  transport: {
    request(params: { method: string; path: string; body?: Record<string, unknown> | string; querystring?: Record<string, unknown> }): Promise<{ body: unknown; statusCode: number | null }>;
  };
}

/** True for a plugin version that has the `perform_permission_check` dry-run (3.2 and later). */
export function hasPermissionDryRun(version: string | undefined): boolean {
  const v = parsePluginVersion(version);
  return v !== undefined && versionAtLeast(v, 3, 2);
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The request in messages: method and path without the query (which may hold a token). */
export function describe(request: RequestDescription | ActionDescription): string {
  return hasField(request, 'path') ? `${request.method} ${splitTarget(request.path).path}` : request.action;
}

/** Query parameters that reshape an answer (the dry-run's would no longer read as one): left out of the dry-run. */
const RESHAPING_PARAMETERS = ['filter_path', 'format'];

/** The body as sent: a string as it is, an array (bulk, msearch) as NDJSON like opensearch-js' `bulkBody`, anything else as JSON. */
export function requestBody(body: unknown): string | undefined {
  if (body === undefined || typeof body === 'string') return body;
  return Array.isArray(body) ? `${body.map((line) => JSON.stringify(line)).join('\n')}\n` : JSON.stringify(body);
}

/** The body of a dry-run answer: `{accessAllowed, missingPrivileges}`. */
function isDryRunAnswer(b: unknown): b is { accessAllowed: boolean; missingPrivileges: unknown[] } {
  return isRecord(b) && typeof b.accessAllowed === 'boolean' && Array.isArray(b.missingPrivileges);
}

/**
 * Paths whose REST handlers belong to plugins (`/_plugins/...`, `/_opendistro/...`): the security
 * plugin's own handlers execute a request sent with the dry-run parameter (measured on 3.4.0), and other
 * plugins' handlers may act outside the transport actions the dry-run intercepts. Never sent as a
 * dry-run. Percent-encoding (even doubled) and case are undone first, as a lenient router might.
 */
export function isPluginPath(target: string): boolean {
  // the path only (as serverCheck sends it); each %XX decoded on its own (a malformed escape left as it is),
  // repeatedly, as a chain of decoding proxies might (`%255F` -> `%5F` -> `_`)
  let decoded = splitTarget(target).path;
  for (let round = 0; round < 4 && /%[0-9a-fA-F]{2}/.test(decoded); round++) {
    decoded = decoded.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  }
  // any such segment (a `;` matrix parameter and `\` read as a proxy might), and dot segments a proxy could resolve into one
  return decoded.split(/[/\\]/).some((segment) => {
    const s = segment.split(';')[0]?.toLowerCase();
    return s === '_plugins' || s === '_opendistro' || s === '.' || s === '..';
  });
}

/**
 * The query parameters the dry-run sends: the request's as the node reads them (fgac/query-params.ts: `&` and `;`, `+` a
 * space, the last value of a repeated name), without the reshaping ones, each value sent percent-encoded (opensearch-js'
 * querystring), so the node reads exactly these. A query the node refuses (400) is never sent (checkPermission).
 */
function dryRunParams(query: string | undefined): Map<string, string> {
  return new Map([...(nodeQuery(query) ?? [])].filter(([k]) => !RESHAPING_PARAMETERS.includes(k)));
}

/**
 * A request the node would answer with a task (`wait_for_completion=false` as it reads it, fgac/query-params.ts): its handler
 * answers at once (`_reindex`, `_delete_by_query` on 3.4.0) and the dry-run's verdict becomes that task's result,
 * written to the `.tasks` index. Never sent as a dry-run (its query reads as the request's: dryRunParams).
 */
export function answersWithTask(target: string): boolean {
  return waitsForCompletion(splitTarget(target).query) === false;
}

/** A request whose query string the node refuses (a malformed percent-escape: 400 to anyone before any check): never sent as a dry-run. */
export function refusedQuery(target: string): boolean {
  return nodeQuery(splitTarget(target).query) === undefined;
}

/** The harmless request that proves the dry-run: read-only if a node or proxy drops the parameter (`GET /` answers 500 under a dry-run on 3.4). */
export const PROBE = { method: 'GET', path: '/_cluster/health', querystring: { perform_permission_check: 'true' } } as const;

/**
 * A failed dry-run whose verdict the server evaluated but could not return: 500 with a
 * class_cast_exception naming PermissionCheckResponse (the REST handler expected its own response) or a
 * security_exception "Unexpected exception <action>" (the cast failed inside the security filter).
 * Either way the security filter stopped the request before its action ran.
 */
function lostVerdict(error: unknown): boolean {
  const meta = (error as { meta?: { statusCode?: unknown; body?: unknown } } | null)?.meta;
  if (meta?.statusCode !== 500 || !isRecord(meta.body) || !isRecord(meta.body.error)) return false;
  const { type, reason } = meta.body.error;
  if (typeof reason !== 'string') return false;
  return (type === 'class_cast_exception' && reason.includes('PermissionCheckResponse'))
    || (type === 'security_exception' && reason.startsWith('Unexpected exception '));
}

/** Transports whose server answered a harmless dry-run in its shape (proof kept; a failed probe is asked again next time). */
const honouring = new WeakMap<object, Promise<boolean>>();

/** How many nodes the client sends to (an opensearch-js Client's pool; 1 when it does not say). */
export function nodeCount(client: CheckPermissionClient): number {
  const connections = (client as { connectionPool?: { connections?: unknown } }).connectionPool?.connections;
  return Array.isArray(connections) ? connections.length : 1;
}

/**
 * Whether the server behind `client` honours `perform_permission_check`, proved with a harmless
 * `GET /_cluster/health?perform_permission_check=true`. `GET /` reporting 3.2+ is not enough: a proxy that drops the
 * parameter (or a node that misreports its version) would execute the request (even some GETs change
 * state: `_flush`, `_refresh`). The proof speaks for the node that answered, so a client that sends to
 * several nodes gets none.
 */
export async function honoursDryRun(client: CheckPermissionClient): Promise<boolean> {
  if (nodeCount(client) !== 1) return false;
  const known = honouring.get(client.transport);
  if (known !== undefined) return known;
  const probe = client.transport.request({ ...PROBE, querystring: { ...PROBE.querystring } })
    .then((res) => isDryRunAnswer(res.body), () => false);
  honouring.set(client.transport, probe);
  const proved = await probe;
  if (!proved) honouring.delete(client.transport);
  return proved;
}

/** What the server's dry-run answered. */
export interface DryRunVerdict {
  allowed: boolean;
  missingPrivileges: string[];
}

/** The server's dry-run: the request (`body` as requestBody makes it) with `perform_permission_check=true`; null when the server evaluated it but lost the verdict. */
export async function serverCheck(client: CheckPermissionClient, request: RequestDescription, body: string | undefined): Promise<DryRunVerdict | null> {
  // at the first `?` only: a second one belongs to the query (`a=1?b=2` is a=`1?b=2` at the server too)
  const { path, query } = splitTarget(request.path);
  const querystring: Record<string, unknown> = {};
  for (const [k, v] of dryRunParams(query)) querystring[k] = v;
  querystring.perform_permission_check = 'true';
  let res: { body: unknown };
  try {
    res = await client.transport.request({ method: request.method, path, querystring, ...(body !== undefined ? { body } : {}) });
  } catch (error) {
    if (lostVerdict(error)) return null;
    throw error;
  }
  const b = res.body;
  if (!isDryRunAnswer(b)) {
    honouring.delete(client.transport);
    throw new ArgumentTypeError(`checkPermission: the server did not answer the permission check of ${describe(request)} ({accessAllowed, missingPrivileges} expected): it may have EXECUTED the request`);
  }
  return { allowed: b.accessAllowed, missingPrivileges: b.missingPrivileges.filter((x): x is string => typeof x === 'string') };
}
