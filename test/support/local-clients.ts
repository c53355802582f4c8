/** Basic-auth clients of the local domain's node for integration tests, closed together. */
import fs from 'node:fs';
import bcrypt from 'bcryptjs';
import type { ApiResponse, Client } from '@opensearch-project/opensearch';
import { createClient } from '../../src/index.js';
import type { Connection } from '../domain/connection.js';

/** Makes basic-auth clients (no retries) to the node; `master` and `limited` are the tutorial's users. */
export function localBasicClients(conn: Connection): { make: (username: string, password: string) => Client; master: Client; limited: Client; closeAll: () => Promise<void> } {
  const ca = fs.readFileSync(conn.caFile);
  const clients: Client[] = [];
  const make = (username: string, password: string): Client => {
    const c = createClient({ node: conn.opensearch.url, ssl: { ca }, auth: { mode: 'basic', username, password }, retry: { retries: 0 } });
    clients.push(c);
    return c;
  };
  const master = make(conn.users.master.username, conn.users.master.password);
  const limited = make(conn.users.limited.username, conn.users.limited.password);
  return { make, master, limited, closeAll: async () => { await Promise.all(clients.map((c) => c.close())); } };
}

const SECURITY_WRITE = /^\/_(plugins|opendistro)\/_security\/api\//;

/**
 * A REST call as `client` (e.g. the master user), body optional: the scratch roles, users and indices of a test. A
 * security API write the plugin answers 409 (another test's write came between its read and its write) is sent again.
 */
export function restCaller(client: Client): (method: string, path: string, body?: unknown) => Promise<ApiResponse> {
  return async (method, path, body) => {
    const send = (): Promise<ApiResponse> => client.transport.request({ method, path, ...(body !== undefined ? { body: body as Record<string, unknown> } : {}) });
    if (method === 'GET' || !SECURITY_WRITE.test(path)) return send();
    for (let attempt = 1; ; attempt++) {
      try {
        return await send();
      } catch (e) {
        if (attempt >= 10 || (e as { meta?: { statusCode?: number } }).meta?.statusCode !== 409) throw e;
        await new Promise((r) => setTimeout(r, 50 * attempt));
      }
    }
  };
}

/** What a REST call answered, a refusal included: its status and body. */
export interface RestAnswer { status: number; body: unknown }

/** A REST call as `client` whose refusal is an answer too (its status and body). */
export async function restAnswer(client: Client, method: string, path: string, body?: unknown): Promise<RestAnswer> {
  try {
    const r = await restCaller(client)(method, path, body);
    return { status: r.statusCode ?? 0, body: r.body };
  } catch (err) {
    const e = err as { statusCode?: number; meta?: { statusCode?: number; body?: unknown } };
    return { status: e.meta?.statusCode ?? e.statusCode ?? 0, body: e.meta?.body };
  }
}

/** restAnswer for set-up calls: throws with the status and body unless the answer is a success. */
export async function restOk(client: Client, method: string, path: string, body?: unknown): Promise<void> {
  const r = await restAnswer(client, method, path, body);
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
}

/** Fails naming the fix when the node `master` reaches lacks the reindex module (test/domain installs it since h185). */
export async function requireReindexModule(master: Client): Promise<void> {
  const plugins = await restAnswer(master, 'GET', '/_nodes/plugins?filter_path=nodes.*.modules.name');
  const modules = Object.values((plugins.body as { nodes?: Record<string, { modules?: Array<{ name?: string }> }> }).nodes ?? {}).flatMap((n) => (n.modules ?? []).map((m) => m.name));
  if (!modules.includes('reindex')) {
    throw new Error(`the node lacks the reindex module (modules: ${modules.join(', ')}): test/domain installs it under modules/reindex; restart the domain (npm run domain:stop, npm run domain:start)`);
  }
}

/** The local node's masking options (salt, version, default algorithm) as verifyHits and maskDocument take them. */
export function localMasking(conn: Connection): { salt: string; pluginVersion: string; defaultAlgorithm?: Connection['maskingAlgorithm'] } {
  return { salt: conn.salt, pluginVersion: conn.opensearch.version, ...(conn.maskingAlgorithm !== undefined ? { defaultAlgorithm: conn.maskingAlgorithm } : {}) };
}

const SECURITY_API = '/_plugins/_security/api';

/** A security API PUT as `master`, sent again on 409 (another test changing the security config at the same time). */
export async function putSecurity(master: Client, path: string, body: unknown): Promise<void> {
  const answer = await restAnswer(master, 'PUT', path, body);
  if (answer.status >= 300) throw new Error(`PUT ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
}

/**
 * An internal user's `hash` for `password` at bcrypt cost 4. The plugin checks a login at the hash's own cost, and a
 * `password` it hashes itself costs 12 rounds: about a second of the node's CPU per user written and again per first
 * login after every security write (each one empties the plugin's login cache). Set-up only: what a test checks on the
 * node does not depend on the cost.
 */
export function quickHash(password: string): string {
  return bcrypt.hashSync(password, 4);
}

/** One security API PATCH of `endpoint` (roles, internalusers, rolesmapping, ...) as `master`; throws unless a success. */
export async function patchSecurity(master: Client, endpoint: string, ops: readonly unknown[]): Promise<void> {
  if (ops.length > 0) await restOk(master, 'PATCH', `${SECURITY_API}/${endpoint}`, ops);
}

/** Each role of `roles` (name -> role body) with one internal user `userOf(role)` mapped to it: one PATCH per endpoint. */
export async function putRoleUsers(master: Client, roles: Record<string, unknown>, userOf: (role: string) => string, password: string): Promise<void> {
  const names = Object.keys(roles);
  const hash = quickHash(password);
  await patchSecurity(master, 'roles', names.map((role) => ({ op: 'add', path: `/${role}`, value: roles[role] })));
  await patchSecurity(master, 'internalusers', names.map((role) => ({ op: 'add', path: `/${userOf(role)}`, value: { hash, backend_roles: [] } })));
  await patchSecurity(master, 'rolesmapping', names.map((role) => ({ op: 'add', path: `/${role}`, value: { users: [userOf(role)] } })));
}

/** Removes what putRoleUsers made, those that exist (a test may have failed before making them all): one PATCH per endpoint. */
export async function deleteRoleUsers(master: Client, roleNames: readonly string[], userOf: (role: string) => string): Promise<void> {
  for (const [endpoint, names] of [['rolesmapping', roleNames], ['internalusers', roleNames.map(userOf)], ['roles', roleNames]] as const) {
    const existing = await restAnswer(master, 'GET', `${SECURITY_API}/${endpoint}`);
    const have = existing.status === 200 && typeof existing.body === 'object' && existing.body !== null ? new Set(Object.keys(existing.body)) : new Set<string>();
    const ops = names.filter((n) => have.has(n)).map((n) => ({ op: 'remove', path: `/${n}` }));
    if (ops.length > 0) await restAnswer(master, 'PATCH', `${SECURITY_API}/${endpoint}`, ops);
  }
}
