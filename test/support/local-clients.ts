/** Basic-auth clients of the local domain's node for integration tests, closed together. */
import fs from 'node:fs';
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

/** Each role of `roles` (name -> role body) with one internal user `userOf(role)` mapped to it. */
export async function putRoleUsers(master: Client, roles: Record<string, unknown>, userOf: (role: string) => string, password: string): Promise<void> {
  for (const [role, body] of Object.entries(roles)) {
    await putSecurity(master, `${SECURITY_API}/roles/${role}`, body);
    await putSecurity(master, `${SECURITY_API}/internalusers/${userOf(role)}`, { password, backend_roles: [] });
    await putSecurity(master, `${SECURITY_API}/rolesmapping/${role}`, { users: [userOf(role)] });
  }
}

/** Removes what putRoleUsers made (answers ignored: a test may have failed before making them all). */
export async function deleteRoleUsers(master: Client, roleNames: readonly string[], userOf: (role: string) => string): Promise<void> {
  for (const role of roleNames) {
    await restAnswer(master, 'DELETE', `${SECURITY_API}/rolesmapping/${role}`);
    await restAnswer(master, 'DELETE', `${SECURITY_API}/internalusers/${userOf(role)}`);
    await restAnswer(master, 'DELETE', `${SECURITY_API}/roles/${role}`);
  }
}
