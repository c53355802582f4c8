/**
 * `opensearch-fgac explain` judges role patterns that use the principal's custom attributes: the caller's are read
 * as checkPermission reads them (authinfo, and an internal user's `attr.internal.*` values with the admin), a
 * `--user`'s from its internal user entry. Before, the CLI passed name and roles only, so `${attr.internal.team}`
 * matched nothing and explain said MAY NOT where the node grants (the node's own answer is checked here too).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConnection } from '../domain/connection.js';
import { request } from '../domain/http.js';
import { localEnv } from '../support/local-env.js';
import { testPassword } from '../support/test-password.js';
import { runCliBin } from '../support/cli-bin.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const master = `${conn.users.master.username}:${conn.users.master.password}`;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fgac-cli-attr-'));
const PASSWORD = testPassword('CliAttr');
const USER = 'cli-attr-user';
const ROLE = 'cli-attr-role';
const INDEX = 'cliattr-teamblue';
const api = (p: string): string => `${conn.opensearch.url}/_plugins/_security/api/${p}`;
const ADMIN = { OPENSEARCH_ADMIN_URL: conn.opensearch.url, OPENSEARCH_ADMIN_AUTH: 'basic', OPENSEARCH_ADMIN_USERNAME: conn.users.master.username, OPENSEARCH_ADMIN_PASSWORD: conn.users.master.password };

const cli = (args: string[], env: Record<string, string>): ReturnType<typeof runCliBin> => runCliBin(args, env, tmp);

before(async () => {
  const put = async (p: string, body: unknown): Promise<void> => {
    const res = await request(api(p), { method: 'PUT', basic: master, ca, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    assert.ok(res.status < 300, `${p}: ${res.status} ${res.text}`);
  };
  await put(`internalusers/${USER}`, { password: PASSWORD, attributes: { team: 'teamblue' } });
  await put(`roles/${ROLE}`, { index_permissions: [{ index_patterns: ['cliattr-${attr.internal.team}'], allowed_actions: ['read'] }] });
  await put(`rolesmapping/${ROLE}`, { users: [USER] });
  await request(`${conn.opensearch.url}/${INDEX}/_doc/1?refresh=true`, { method: 'PUT', basic: master, ca, body: '{"a":1}', headers: { 'content-type': 'application/json' } });
});

after(async () => {
  for (const p of [`rolesmapping/${ROLE}`, `roles/${ROLE}`, `internalusers/${USER}`]) await request(api(p), { method: 'DELETE', basic: master, ca });
  await request(`${conn.opensearch.url}/${INDEX}`, { method: 'DELETE', basic: master, ca });
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('opensearch-fgac explain with ${attr...} patterns', () => {
  const caller = { ...localEnv(conn, 'basic', 'limited'), OPENSEARCH_USERNAME: USER, OPENSEARCH_PASSWORD: PASSWORD };

  test('the node grants the search through the attribute pattern', async () => {
    const res = await request(`${conn.opensearch.url}/${INDEX}/_search`, { method: 'GET', basic: `${USER}:${PASSWORD}`, ca });
    assert.equal(res.status, 200, res.text);
  });

  test('as the caller, with the admin reading the attribute values: MAY (exit 0); the output holds no attribute value', async () => {
    const run = await cli(['explain', '--action', 'indices:data/read/search', '--index', INDEX, '--json'], { ...caller, ...ADMIN });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const out = JSON.parse(run.stdout) as { subject: Record<string, unknown>; explanation: { granted: boolean; grants: Array<{ role: string }> } };
    assert.equal(out.explanation.granted, true);
    assert.equal(out.explanation.grants[0]?.role, ROLE);
    assert.equal('attributes' in out.subject, false);
  });

  test('--user through the admin: the internal user\'s own attributes judge the pattern: MAY (exit 0)', async () => {
    const run = await cli(['explain', '--action', 'indices:data/read/search', '--index', INDEX, '--user', USER], { ...localEnv(conn, 'basic', 'master'), ...ADMIN });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /MAY perform indices:data\/read\/search/);
  });
});
