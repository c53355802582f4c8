/**
 * Entity names the security REST API mishandles, against the real node (2.19.4 by default; 3.4.0 with
 * FGAC_DOMAIN_DIR=/var/tmp/d34): `~0`/`~1` in whole-entity collection PATCH pointers, a `%` that is no
 * escape, a lone UTF-16 surrogate. Every refusal is a typed SecurityModelError, and nothing is written to
 * another entity. Entities are named `fw4-`.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Client } from '@opensearch-project/opensearch';
import { SecurityApi, SecurityModelError, pointer, type JsonPatchOperation, type JsonValue, type Role } from '../../src/security/index.js';
import { loadConnection } from '../domain/connection.js';
import { rejection } from '../support/settle.js';

const conn = loadConnection();
const master = new Client({ node: conn.opensearch.url, auth: conn.users.master, ssl: { ca: fs.readFileSync(conn.caFile) } });
const api = new SecurityApi(master);
const v3 = conn.opensearch.version.startsWith('3.');
const PASSWORD = 'Xy9!kLmn0pQr_aa7';
const MONITOR = { cluster_permissions: ['cluster_monitor'] };

/** Removes every fw4- entity; names a collection PATCH misreads go through their entity path. */
async function cleanup(): Promise<void> {
  for (const ns of [api.users, api.roles, api.tenants]) {
    const names = Object.keys(await ns.listRaw()).filter((name) => name.startsWith('fw4-'));
    for (const name of names.filter((n) => /~[01]/.test(n))) await ns.delete(name);
    const rest = names.filter((n) => !/~[01]/.test(n));
    if (rest.length > 0) await ns.patch(rest.map((name): JsonPatchOperation => ({ op: 'remove', path: pointer(name) })));
  }
}

/** Asserts a SecurityModelError on `name` whose message matches `words`. */
function assertNameError(err: unknown, words: RegExp): void {
  assert.ok(err instanceof SecurityModelError, `expected SecurityModelError, got ${String(err)}`);
  assert.equal(err.issues[0]?.path, 'name');
  assert.match(err.message, words);
}

const fw4Roles = async (): Promise<string[]> => Object.keys(await api.roles.listRaw()).filter((n) => n.startsWith('fw4-')).sort();

before(cleanup);
after(async () => {
  await cleanup();
  await master.close();
});

describe(`hostile entity names on ${conn.opensearch.version}`, () => {
  test("'~1'/'~0' names: plan refuses to create them, prune skips them, a collection PATCH of the whole entity is refused; put/delete and field changes address them exactly", async () => {
    // the node's collection PATCH reads /fw4-t~01 as 'fw4-t/' (shown raw, then undone)
    await master.transport.request({ method: 'PATCH', path: '/_plugins/_security/api/roles', body: [{ op: 'add', path: '/fw4-raw~01', value: MONITOR }] });
    assert.deepEqual(await fw4Roles(), ['fw4-raw/']);
    await api.roles.delete('fw4-raw/');

    for (const name of ['fw4-t~1', 'fw4-t~0']) {
      assertNameError(await rejection(api.plan({ roles: { [name]: MONITOR } })), /holds '~0' or '~1'.*put, ensure or delete/);
    }
    assert.deepEqual(await fw4Roles(), []);

    assert.equal((await api.roles.put('fw4-t~1', MONITOR)).status, 'CREATED');
    assert.equal((await api.roles.put('fw4-t/', { cluster_permissions: ['cluster_composite_ops_ro'] })).status, 'CREATED');
    assertNameError(await rejection(api.roles.patch([{ op: 'remove', path: pointer('fw4-t~1') }])), /"fw4-t~1" holds '~0' or '~1'/);
    assert.deepEqual(await fw4Roles(), ['fw4-t/', 'fw4-t~1']);

    const everyRole: Record<string, Role> = {};
    for (const name of Object.keys(await api.roles.listRaw())) if (!name.startsWith('fw4-')) everyRole[name] = MONITOR;
    const pruning = await api.plan({ roles: { ...everyRole, 'fw4-t/': { cluster_permissions: ['cluster_composite_ops_ro'] } } }, { prune: true });
    assert.equal(pruning.roles.deleted.includes('fw4-t~1'), false);
    assert.match(pruning.roles.skipped.find((s) => s.name === 'fw4-t~1')?.reason ?? '', /delete\(name\)/);
    assert.equal(pruning.roles.operations.some((op) => op.op === 'remove' && op.path === pointer('fw4-t~1')), false);

    // a field change of an existing '~1' entity is a field path, which the node reads right
    const change = await api.plan({ roles: { 'fw4-t~1': { cluster_permissions: ['cluster_all'] } } });
    await api.apply(change);
    assert.deepEqual((await api.roles.getRaw('fw4-t~1'))?.cluster_permissions, ['cluster_all']);
    assert.deepEqual((await api.roles.getRaw('fw4-t/'))?.cluster_permissions, ['cluster_composite_ops_ro']);
    assert.equal((await api.plan({ roles: { 'fw4-t~1': { cluster_permissions: ['cluster_all'] } } })).empty, true);
    assert.equal((await api.roles.delete('fw4-t~1')).status, 'OK');
    assert.deepEqual(await fw4Roles(), ['fw4-t/']);
  });

  test("a '%' that is no escape: a role's PUT is the name's typed problem on 3.x (also '%' and '%4' at the end); a user's is refused before sending, since the node refuses it in every form", async () => {
    for (const name of ['fw4-pe%', 'fw4-pe%4', 'fw4-pe%zz']) {
      const put = api.roles.put(name, MONITOR);
      if (v3) {
        assertNameError(await rejection(put), /holds a '%' not followed by two hex digits.*collection PATCH \(patch/);
        await api.roles.patch([{ op: 'add', path: pointer(name), value: MONITOR }]);
      } else {
        assert.equal((await put).status, 'CREATED');
      }
      assert.deepEqual((await api.roles.getRaw(name))?.cluster_permissions, ['cluster_monitor']);
      // the list edits that must create the role's mapping send a PUT too: the same typed problem, not a raw 400
      if (v3) {
        assertNameError(await rejection(api.roleMappings.addUsers(name, ['fw4-u'])), /holds a '%' not followed by two hex digits.*collection PATCH \(patch/);
        await api.roleMappings.patch([{ op: 'add', path: pointer(name), value: { users: ['fw4-u'] } }]);
      } else {
        await api.roleMappings.addUsers(name, ['fw4-u']);
      }
      assert.deepEqual((await api.roleMappings.getRaw(name))?.users, ['fw4-u']);
      await api.roleMappings.patch([{ op: 'remove', path: pointer(name) }]);
      assert.equal((await api.roles.delete(name)).status, 'OK');
    }
    for (const name of ['fw4-u%', 'fw4-u%4', 'fw4-u%zz']) {
      assertNameError(await rejection(api.users.put(name, { password: PASSWORD })), /every request form, PUT and collection PATCH alike.*rename it/);
      assertNameError(await rejection(api.users.ensure(name, { password: PASSWORD })), /rename it/);
      // what the error says: the node refuses the collection PATCH as well
      const raw = await rejection(master.transport.request({ method: 'PATCH', path: '/_plugins/_security/api/internalusers', body: [{ op: 'add', path: pointer(name), value: { password: PASSWORD } }] }));
      assert.match(String(raw), /URLDecoder/);
    }
    assert.equal(Object.keys(await api.users.listRaw()).some((n) => n.startsWith('fw4-')), false);
  });

  test('a lone surrogate: every per-name call is a SecurityModelError on the name (not a URIError); the collection PATCH that the error names reaches it', async () => {
    const name = 'fw4-s\ud800';
    const cases: Array<[typeof api.roles | typeof api.tenants, { [key: string]: JsonValue }]> = [[api.roles, MONITOR], [api.tenants, { description: 'fw4' }]];
    for (const [ns, model] of cases) {
      for (const call of [() => ns.put(name, model as never), () => ns.getRaw(name), () => ns.ensure(name, model as never), () => ns.delete(name)]) {
        assertNameError(await rejection(call()), /lone UTF-16 surrogate.*collection PATCH \(patch\(\[\.\.\.\]\) or plan\/apply\)/);
      }
      await ns.patch([{ op: 'add', path: pointer(name), value: model }]);
      assert.equal(Object.hasOwn(await ns.listRaw(), name), true);
      await ns.patch([{ op: 'remove', path: pointer(name) }]);
      assert.equal(Object.hasOwn(await ns.listRaw(), name), false);
    }
    assertNameError(await rejection(api.users.getRaw(name)), /lone UTF-16 surrogate/);
  });
});
