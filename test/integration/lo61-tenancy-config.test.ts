/**
 * tenancyConfig.put refuses what the node would misread without a word (2.19.4, measured here against the real node):
 * a flag that is not a boolean (`"true"` and null turn it OFF, 1 turns it on), an unknown key, an empty body. The SDK
 * refuses before any request; the node's own reading is shown by a raw write, restored at once.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Client } from '@opensearch-project/opensearch';
import { SecurityApi, SecurityModelError, type TenancyConfig } from '../../src/security/index.js';
import { loadConnection } from '../domain/connection.js';

const conn = loadConnection();
const master = new Client({ node: conn.opensearch.url, auth: conn.users.master, ssl: { ca: fs.readFileSync(conn.caFile) } });
const api = new SecurityApi(master);
const PATH = '/_plugins/_security/api/tenancy/config';
let original: TenancyConfig | undefined;

after(async () => {
  if (original !== undefined) {
    const { sign_in_options: _s, ...writable } = original;
    await api.tenancyConfig.put(writable);
  }
  await master.close();
});

test('the node reads private_tenant_enabled: "true" as false (why the SDK refuses it)', async () => {
  original = await api.tenancyConfig.get();
  await master.transport.request({ method: 'PUT', path: PATH, body: { private_tenant_enabled: true } });
  const answer = await master.transport.request({ method: 'PUT', path: PATH, body: { private_tenant_enabled: 'true' } });
  assert.equal((answer.body as TenancyConfig).private_tenant_enabled, false);
});

test('tenancyConfig.put refuses a non-boolean flag, an unknown key and an empty body before any request, naming the key', async () => {
  const before = await api.tenancyConfig.put({ private_tenant_enabled: true, multitenancy_enabled: true });
  const cases: Array<[unknown, RegExp]> = [
    [{ private_tenant_enabled: 'true' }, /private_tenant_enabled: must be true or false, got a string/],
    [{ multitenancy_enabled: null }, /multitenancy_enabled: must be true or false/],
    [{ multitenancy_enabled: 1 }, /multitenancy_enabled: must be true or false/],
    [{ multitenancy_enabeld: false }, /multitenancy_enabeld: unknown key \(did you mean multitenancy_enabled\?\)/],
    [{ default_tenant: 5 }, /default_tenant: must be a string/],
    [{ sign_in_options: 'BASIC' }, /sign_in_options: must be a list/],
    [{}, /give at least one of/],
    [[], /must be an object/],
  ];
  for (const [config, pattern] of cases) {
    await assert.rejects(api.tenancyConfig.put(config as TenancyConfig), (e: unknown) => {
      assert.ok(e instanceof SecurityModelError, String(e));
      assert.match(e.message, pattern);
      return true;
    });
  }
  assert.deepEqual(await api.tenancyConfig.get(), before);
});

test('a getter that changes its answer: what was checked is what was sent', async () => {
  let reads = 0;
  const config = Object.defineProperty({}, 'private_tenant_enabled', { enumerable: true, get: () => (reads++ === 0 ? true : 'true') });
  const answer = await api.tenancyConfig.put(config as TenancyConfig);
  assert.equal(answer.private_tenant_enabled, true);
  assert.equal(reads, 1);
});
