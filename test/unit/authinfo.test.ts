// One reader of authinfo: checkPermission's subject and checkDomain's identity read the same body the same way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAuthInfo } from '../../src/fgac/authinfo.js';
import { identityFromAuthInfo } from '../../src/diagnose/identity.js';
import { subjectOf } from '../../src/explain/subject.js';
import type { CheckPermissionClient } from '../../src/explain/dry-run.js';

const clientAnswering = (body: unknown): CheckPermissionClient =>
  ({ transport: { request: async () => ({ body, statusCode: 200, headers: {}, warnings: null, meta: {} }) } }) as unknown as CheckPermissionClient;

function* bodies(seed: number): Generator<Record<string, unknown>> {
  let s = seed;
  const rnd = (n: number): number => ((s = (s * 1103515245 + 12345) % 2147483648) % n);
  const values: unknown[] = ['alice', '', 7, null, ['r1', 3, 'r2'], [], { a: true }, 'User [name=alice]', ['x', null]];
  for (let i = 0; i < 300; i++) {
    const b: Record<string, unknown> = {};
    for (const key of ['user_name', 'roles', 'backend_roles', 'custom_attribute_names', 'tenants', 'user_requested_tenant', 'user']) {
      if (rnd(3) !== 0) b[key] = values[rnd(values.length)];
    }
    yield b;
  }
}

test('subjectOf and identityFromAuthInfo read every generated authinfo body as parseAuthInfo does', async () => {
  let compared = 0;
  for (const body of bodies(51)) {
    const info = parseAuthInfo(body);
    assert.ok(info);
    const identity = identityFromAuthInfo(body);
    assert.equal(identity.user, info.name ?? '');
    assert.deepEqual(identity.roles, info.roles);
    assert.deepEqual(identity.backendRoles, info.backendRoles);
    const subject = await subjectOf(clientAnswering(body), undefined, undefined);
    assert.equal(subject.name, info.name);
    assert.deepEqual(subject.roles, info.roles);
    assert.deepEqual(subject.backendRoles, info.backendRoles);
    assert.deepEqual(subject.attributeNames ?? [], info.attributeNames);
    for (const r of [...info.roles, ...info.backendRoles, ...info.attributeNames]) assert.equal(typeof r, 'string');
    compared++;
  }
  assert.equal(compared, 300);
});

test('a body that is not an object: no identity fields, and checkPermission refuses it', async () => {
  for (const body of [null, 'alice', ['alice'], 3]) {
    assert.equal(parseAuthInfo(body), undefined);
    assert.equal(identityFromAuthInfo(body).user, '');
    await assert.rejects(subjectOf(clientAnswering(body), undefined, undefined), /authinfo is not an object/);
  }
});

test('User.toString() in `user` is never read as the name', () => {
  assert.equal(parseAuthInfo({ user: 'User [name=alice, backend_roles=[], requestedTenant=null]' })?.name, undefined);
  assert.equal(identityFromAuthInfo({ user: 'User [name=alice]' }).user, '');
});
