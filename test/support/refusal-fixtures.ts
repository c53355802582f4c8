/**
 * What the refusal tests (te51, te52) share: the master user's REST calls that wait out the plugin's 409 on
 * concurrent security writes, and a createClient basic client for one of their own users (no retries).
 */
import assert from 'node:assert/strict';
import type { Connection } from '../domain/connection.js';
import { request } from '../domain/http.js';
import { createClient } from '../../src/client/create-client.js';

/** The master user's raw REST call (retrying 409 up to 20 times) and its must-succeed form. */
export function masterRest(conn: Connection, ca: Buffer): {
  admin: (method: string, path: string, body?: unknown) => Promise<{ status: number; text: string }>;
  must: (method: string, path: string, body?: unknown) => Promise<void>;
} {
  const master = conn.users.master;
  const admin = async (method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> => {
    for (let attempt = 0; ; attempt++) {
      const r = await request(`${conn.opensearch.url}${path}`, { method, basic: `${master.username}:${master.password}`, ca, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      if (r.status !== 409 || attempt >= 20) return r;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  const must = async (method: string, path: string, body?: unknown): Promise<void> => {
    const r = await admin(method, path, body);
    assert.ok(r.status < 300, `${method} ${path}: ${r.status} ${r.text}`);
  };
  return { admin, must };
}

/** A basic-auth createClient for `username` against the local node, without retries (a refusal is seen once). */
export function basicUserClient(conn: Connection, ca: Buffer, username: string, password: string): ReturnType<typeof createClient> {
  return createClient({ node: conn.opensearch.url, auth: { mode: 'basic', username, password }, ssl: { ca }, retry: { retries: 0 } });
}
