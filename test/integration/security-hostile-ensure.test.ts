/**
 * `ensure` and `plan` against the real node (2.19.4 by default; 3.4.0 with FGAC_DOMAIN_DIR=/var/tmp/d34)
 * where a stored entity differs from the desired one only in ways the SDK used to call formatting: the
 * spelling of a DLS number, a blank DLS (2.x fails every search under it), a tenant description to remove.
 * What a real user then sees is the judge. Entities and the index are named `fw4-`.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Client } from '@opensearch-project/opensearch';
import { SecurityApi, pointer, type JsonPatchOperation, type Role } from '../../src/security/index.js';
import { loadConnection } from '../domain/connection.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const master = new Client({ node: conn.opensearch.url, auth: conn.users.master, ssl: { ca } });
const api = new SecurityApi(master);
const v3 = conn.opensearch.version.startsWith('3.');
const INDEX = 'fw4-idx';
const ROLE = 'fw4-dls-role';
const USER = 'fw4-dls-user';
const TENANT = 'fw4-tenant';
const PASSWORD = 'Xy9!kLmn0pQr_aa7';
const reader = new Client({ node: conn.opensearch.url, auth: { username: USER, password: PASSWORD }, ssl: { ca } });

/** A role reading INDEX under the stored DLS text `dls`. */
const dlsRole = (dls: string): Role => ({ index_permissions: [{ index_patterns: [INDEX], allowed_actions: ['read'], dls }] });

/** The ids the user sees in INDEX, or the status of the refused search. */
async function seen(): Promise<string> {
  try {
    const res = await reader.search({ index: INDEX, body: { query: { match_all: {} } } });
    return (res.body.hits.hits as Array<{ _id: string }>).map((h) => h._id).sort().join(',');
  } catch (err) {
    return `status ${String((err as { meta?: { statusCode?: unknown } }).meta?.statusCode)}`;
  }
}

async function cleanup(): Promise<void> {
  for (const ns of [api.roleMappings, api.users, api.roles, api.tenants]) {
    const names = Object.keys(await ns.listRaw()).filter((name) => name.startsWith('fw4-'));
    if (names.length > 0) await ns.patch(names.map((name): JsonPatchOperation => ({ op: 'remove', path: pointer(name) })));
  }
  await master.indices.delete({ index: INDEX }, { ignore: [404] });
}

before(async () => {
  await cleanup();
  await master.indices.create({ index: INDEX, body: { mappings: { properties: { code: { type: 'keyword' }, n: { type: 'long' } } } } });
  const docs: Array<[string, string]> = [['0', '{"code":"1","n":9007199254740992}'], ['1', '{"code":"1.0"}'], ['2', '{"code":"100"}'], ['3', '{"code":"1e2"}'], ['big', '{"n":9007199254740993}']];
  for (const [id, body] of docs) await master.transport.request({ method: 'PUT', path: `/${INDEX}/_doc/${id}`, querystring: { refresh: 'true' }, body });
  await api.users.put(USER, { password: PASSWORD });
  await api.roles.put(ROLE, dlsRole('{"term":{"code":"1"}}'));
  await api.roleMappings.put(ROLE, { users: [USER] });
});
after(async () => {
  await cleanup();
  await reader.close();
  await master.close();
});

describe(`ensure and plan against ${conn.opensearch.version}`, () => {
  test('a DLS number spelt differently is a change: ensure writes it and the user then sees what a PUT of the desired role shows', async () => {
    const pairs: Array<[string, string]> = [
      ['{"term":{"code":1}}', '{"term":{"code":1.0}}'],
      ['{"term":{"code":100}}', '{"term":{"code":1e2}}'],
      ['{"term":{"n":9007199254740992}}', '{"term":{"n":9007199254740993}}'],
    ];
    for (const [stored, desired] of pairs) {
      await api.roles.put(ROLE, dlsRole(desired));
      const wanted = await seen();
      await api.roles.put(ROLE, dlsRole(stored));
      assert.notEqual(await seen(), wanted, `${stored} and ${desired} grant the same documents: the pair shows nothing`);
      assert.equal((await api.plan({ roles: { [ROLE]: dlsRole(desired) } })).empty, false, `${stored} -> ${desired}`);
      assert.equal((await api.roles.ensure(ROLE, dlsRole(desired))).action, 'updated', `${stored} -> ${desired}`);
      assert.equal(await seen(), wanted);
      assert.equal((await api.roles.ensure(ROLE, dlsRole(desired))).action, 'unchanged');
    }
    // the object form is written as serializeDls writes numbers: `1` differs from a stored `1.0`
    await api.roles.put(ROLE, dlsRole('{"term":{"code":1.0}}'));
    const plan = await api.plan({ roles: { [ROLE]: { index_permissions: [{ index_patterns: [INDEX], allowed_actions: ['read'], dls: { term: { code: 1 } } }] } } });
    assert.deepEqual(plan.roles.changed, [{ name: ROLE, fields: ['index_permissions'] }]);
    await api.apply(plan);
    assert.equal(await seen(), '0');
  });

  test('a blank DLS: on 2.x a query that fails every search, which ensure and plan replace; on 3.x no DLS, left alone', async () => {
    const noDls: Role = { index_permissions: [{ index_patterns: [INDEX], allowed_actions: ['read'] }] };
    for (const blank of ['  ', '\n']) {
      await api.roles.putRaw(ROLE, { index_permissions: [{ index_patterns: [INDEX], allowed_actions: ['read'], dls: blank }] });
      assert.equal(await seen(), v3 ? '0,1,2,3,big' : 'status 500');
      assert.equal((await api.plan({ roles: { [ROLE]: noDls } })).empty, v3);
      assert.equal((await api.roles.ensure(ROLE, noDls)).action, v3 ? 'unchanged' : 'updated');
      assert.equal(await seen(), '0,1,2,3,big');
    }
  });

  test("a tenant's description is removed by ensure and by plan/apply (the node refuses a remove that leaves the tenant empty)", async () => {
    await api.tenants.put(TENANT, { description: 'fw4 first' });
    assert.equal((await api.tenants.ensure(TENANT, {})).action, 'updated');
    assert.equal((await api.tenants.getRaw(TENANT))?.description ?? '', '');
    assert.equal((await api.tenants.ensure(TENANT, {})).action, 'unchanged');

    await api.tenants.put(TENANT, { description: 'fw4 second' });
    const plan = await api.plan({ tenants: { [TENANT]: {} }, roles: { 'fw4-after-tenant': { cluster_permissions: ['cluster_monitor'] } } });
    assert.deepEqual(plan.tenants.changed, [{ name: TENANT, fields: ['description'] }]);
    assert.deepEqual((await api.apply(plan)).applied.map((a) => a.kind), ['tenants', 'roles']);
    assert.equal((await api.tenants.getRaw(TENANT))?.description ?? '', '');
    assert.equal((await api.plan({ tenants: { [TENANT]: {} } })).empty, true);
    assert.deepEqual((await api.roles.getRaw('fw4-after-tenant'))?.cluster_permissions, ['cluster_monitor']);
  });
});
