/**
 * The comparisons and refusals behind ensure/plan for hostile bodies and names, without a node: DLS numbers
 * compared as written, a blank DLS per plugin version, a tenant description removed with `add ""`, whole-entity
 * pointers the plugin misreads, user names its URLDecoder refuses. The integration twins
 * (test/integration/security-hostile-*.test.ts) show what the nodes do with each.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalDls, changedFields, dlsEquals, invalidUserNameMessage, pointer, SecurityModelError } from '../../src/security/index.js';
import { fieldOperations } from '../../src/security/operations.js';
import { refuseMisreadEntityPaths, wholeEntityPointerMisread } from '../../src/security/patch.js';
import { flavourPluginVersion, flavourFromRoot } from '../../src/security/compat.js';

test('DLS numbers compare as written (the node reads 1 and 1.0, 100 and 1e2, 2^53 and 2^53+1 as different terms); whitespace and key order still do not count', () => {
  assert.equal(dlsEquals('{"term":{"code":1}}', '{"term":{"code":1.0}}'), false);
  assert.equal(dlsEquals('{"term":{"code":100}}', '{"term":{"code":1e2}}'), false);
  assert.equal(dlsEquals('{"term":{"n":9007199254740992}}', '{"term":{"n":9007199254740993}}'), false);
  assert.equal(dlsEquals('{"term":{"n":0}}', '{"term":{"n":-0}}'), false);
  assert.equal(dlsEquals({ term: { code: 1 } }, '{"term":{"code":1.0}}'), false);
  assert.equal(dlsEquals({ term: { code: 1 } }, '{ "term" : { "code" : 1 } }'), true);
  assert.equal(dlsEquals('{"range":{"n":{"lte":2,"gte":1.5}}}', '{"range": {"n": {"gte": 1.5, "lte": 2}}}'), true);
  assert.equal(canonicalDls('{"terms":{"r":[${user.roles}, 1.50]}}'), '{"terms":{"r":[${user.roles},1.50]}}');
});

test('a blank DLS is no DLS for 3.x only: on 2.x (and an unknown version) it differs from none', () => {
  const blank = { index_permissions: [{ index_patterns: ['i'], allowed_actions: ['read'], dls: '  ' }] };
  const none = { index_permissions: [{ index_patterns: ['i'], allowed_actions: ['read'] }] };
  assert.deepEqual(changedFields('roles', none, blank, '2.19.4'), ['index_permissions']);
  assert.deepEqual(changedFields('roles', none, blank), ['index_permissions']);
  assert.deepEqual(changedFields('roles', none, blank, '3.4.0'), []);
  assert.equal(flavourPluginVersion(flavourFromRoot({ version: { distribution: 'opensearch', number: '2.19.4' } })), '2.19.4');
  assert.equal(flavourPluginVersion(flavourFromRoot({ version: { number: '7.10.2' } })), undefined);
});

test("a tenant's description is removed with add '' (both nodes refuse the remove); other kinds keep remove", () => {
  assert.deepEqual(fieldOperations('tenants', {}, { description: 'x' }, pointer('t')), [{ op: 'add', path: '/t/description', value: '' }]);
  assert.deepEqual(fieldOperations('roles', {}, { description: 'x' }, ''), [{ op: 'remove', path: '/description' }]);
});

test("a whole-entity collection PATCH pointer to a name holding '~0' or '~1' is refused; field paths and other tildes pass", () => {
  for (const name of ['a~1', 'a~0', 'a~01', 'x~~1']) {
    assert.equal(wholeEntityPointerMisread(name), true, name);
    assert.throws(() => refuseMisreadEntityPaths('roles', [{ op: 'remove', path: pointer(name) }]), (err: unknown) => err instanceof SecurityModelError && err.message.includes(JSON.stringify(name)));
  }
  for (const name of ['a~', 'a/', 'a~/', 'a/1', 'a~2']) assert.equal(wholeEntityPointerMisread(name), false, name);
  refuseMisreadEntityPaths('roles', [{ op: 'add', path: pointer('a~1', 'cluster_permissions'), value: [] }, { op: 'remove', path: pointer('a~/') }]);
});

test("user names URLDecoder refuses on every node ('%' without two hex digits) are refused; a sign after '%' is left to the node", () => {
  for (const name of ['u%', 'u%4', 'u%zz', 'u%u0041', 'u%-1']) assert.match(invalidUserNameMessage(name) ?? '', /every request form/, name);
  for (const name of ['u%41', 'u%+1', 'u%-0', 'u%e2%82%ac', 'u%ff']) assert.equal(invalidUserNameMessage(name), null, name);
  assert.match(invalidUserNameMessage('u%ff%3a') ?? '', /Please remove: ':'/);
});

test('a permission without its patterns converts to the empty list the plugin stores, not a raw TypeError (review rv4 X)', async () => {
  const { toApiRole } = await import('../../src/security/model.js');
  const api = toApiRole({ index_permissions: [{ allowed_actions: ['read'] }], tenant_permissions: [{ allowed_actions: ['kibana_all_read'] }] } as never);
  assert.deepEqual(api.index_permissions?.[0]?.index_patterns, []);
  assert.deepEqual(api.tenant_permissions?.[0]?.tenant_patterns, []);
});
