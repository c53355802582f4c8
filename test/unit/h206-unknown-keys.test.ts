/**
 * Unknown keys in a security model are refused before anything is sent (the SDK used to drop them, so a `dsl` typo
 * for `dls` wrote a role without DLS and every helper reported success), in every entry point: the shape check,
 * the toApi* conversions, validateRole, put/ensure/plan and the CLI's roles-as-code files. What GET returns (the
 * flags, a user's `hash: ""`) still round-trips. The accepted keys were measured on 2.19.4 and read in 3.4.0's source.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  fromApiActionGroup, fromApiRole, fromApiRoleMapping, fromApiTenant, fromApiUser, SecurityApi, SecurityModelError,
  toApiActionGroup, toApiRole, toApiRoleMapping, toApiTenant, toApiUser, validateRole,
} from '../../src/security/index.js';
import { modelShapeIssues, type ShapedKind } from '../../src/security/model-shape.js';
import { loadDesired } from '../../src/cli/commands/desired-file.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { SecretSet } from '../../src/errors/secrets.js';
import { loopbackClient } from '../support/loopback-client.js';

const TYPO_PERM = { index_patterns: ['flights*'], allowed_actions: ['read'], dsl: { term: { owner: 'alice' } } };
const paths = (kind: ShapedKind, model: unknown): string[] => modelShapeIssues(kind, model).map((i) => i.path);

describe('h206 the shape check refuses unknown keys, naming the path and the close known key', () => {
  const cases: Array<[ShapedKind, unknown, string, string | undefined]> = [
    ['roles', { index_permissions: [TYPO_PERM] }, 'index_permissions[0].dsl', 'dls'],
    ['roles', { index_permissions: [{ index_patterns: ['x'], masked_field: ['ssn'] }] }, 'index_permissions[0].masked_field', 'masked_fields'],
    ['roles', { tenant_permissions: [{ tenant_patterns: ['t'], allowed_action: ['kibana_all_read'] }] }, 'tenant_permissions[0].allowed_action', 'allowed_actions'],
    ['roles', { indexPermissions: [] }, 'indexPermissions', 'index_permissions'],
    ['roles', { cluster_permissions: [], owner: 'x' }, 'owner', undefined],
    ['users', { password: 'Pw-h206-long-enough', opendistro_security_role: ['all_access'] }, 'opendistro_security_role', 'opendistro_security_roles'],
    ['users', { password: 'Pw-h206-long-enough', roles: ['admin'] }, 'roles', 'backend_roles'],
    ['roleMappings', { user: ['alice'] }, 'user', 'users'],
    ['roleMappings', { users: ['alice'], and_backendroles: ['b'] }, 'and_backendroles', 'and_backend_roles'],
    ['actionGroups', { allowed_actions: ['read'], typ: 'index' }, 'typ', 'type'],
    ['tenants', { descripton: 'd' }, 'descripton', 'description'],
    ['roles', { index_permissions: [{ index_patterns: ['x'], fls: [{ exlude: 'ssn', include: 'a' }] }] }, 'index_permissions[0].fls[0].exlude', 'exclude'],
  ];
  for (const [kind, model, path, close] of cases) {
    test(`${kind} ${path}`, () => {
      const issues = modelShapeIssues(kind, model);
      assert.deepEqual(issues.map((i) => i.path), [path]);
      assert.match(issues[0]?.message ?? '', /^unknown key/);
      if (close !== undefined) assert.ok(issues[0]?.message.includes(`did you mean ${close}?`), issues[0]?.message);
      else assert.ok(!issues[0]?.message.includes('did you mean'), issues[0]?.message);
    });
  }

  test('an FLS entry with both include and exclude is refused (one of them was dropped)', () => {
    assert.deepEqual(paths('roles', { index_permissions: [{ index_patterns: ['x'], fls: [{ include: 'a', exclude: 'b' }] }] }), ['index_permissions[0].fls[0]']);
  });

  test('exactly the keys the plugin takes, and the flags GET returns, are accepted for each entity: one more is refused', () => {
    const flags = { reserved: false, hidden: false, static: false };
    const full: Array<[ShapedKind, Record<string, unknown>]> = [
      ['roles', { ...flags, description: 'd', cluster_permissions: [], tenant_permissions: [{ tenant_patterns: ['t'], allowed_actions: [] }],
        index_permissions: [{ index_patterns: ['x'], allowed_actions: [], dls: '{}', fls: ['~a', { include: 'b' }, { exclude: 'c' }], masked_fields: [] }] }],
      ['users', { ...flags, password: 'x', hash: '', backend_roles: [], opendistro_security_roles: [], attributes: {}, description: 'd' }],
      ['roleMappings', { ...flags, users: [], backend_roles: [], and_backend_roles: [], hosts: [], description: 'd' }],
      ['actionGroups', { ...flags, allowed_actions: [], type: 'index', description: 'd' }],
      ['tenants', { ...flags, description: 'd' }],
    ];
    for (const [kind, model] of full) {
      assert.deepEqual(paths(kind, model), [], kind);
      assert.deepEqual(paths(kind, { ...model, enabled: true }), ['enabled'], kind);
    }
  });
});

describe('h206 the conversions and validateRole refuse a typo; what GET returns round-trips', () => {
  test('toApi* throw SecurityModelError naming the path', () => {
    const calls: Array<[() => unknown, string]> = [
      [() => toApiRole({ index_permissions: [TYPO_PERM as never] }), 'index_permissions[0].dsl'],
      [() => toApiUser({ password: 'Pw-h206-long-enough', opendistro_security_role: [] } as never), 'opendistro_security_role'],
      [() => toApiRoleMapping({ user: ['alice'] } as never), 'user'],
      [() => toApiActionGroup({ allowed_actions: [], typ: 'index' } as never), 'typ'],
      [() => toApiTenant({ descripton: 'd' } as never), 'descripton'],
    ];
    for (const [call, path] of calls) assert.throws(call, (e: unknown) => e instanceof SecurityModelError && e.issues.some((i) => i.path === path) && e.message.includes(path), path);
  });

  test('validateRole reports the typo as an error', () => {
    const report = validateRole({ index_permissions: [TYPO_PERM as never] });
    assert.deepEqual(report.errors.map((e) => e.path), ['index_permissions[0].dsl']);
  });

  test('the answers 2.19.4 gives to GET, read with fromApi*, convert back without an issue', () => {
    const role = fromApiRole({ reserved: false, hidden: false, description: 'd', cluster_permissions: [], tenant_permissions: [{ tenant_patterns: ['t'], allowed_actions: ['kibana_all_read'] }],
      index_permissions: [{ index_patterns: ['x'], dls: '{"term":{"a":1}}', fls: ['~b'], masked_fields: ['c'], allowed_actions: ['read'] }], static: false } as never);
    assert.equal(toApiRole(role).index_permissions?.[0]?.dls, '{"term":{"a":1}}');
    const user = fromApiUser({ hash: '', reserved: false, hidden: false, backend_roles: [], attributes: {}, description: 'd', opendistro_security_roles: [], static: false } as never);
    assert.deepEqual(toApiUser(user), { backend_roles: [], opendistro_security_roles: [], attributes: {}, description: 'd' });
    toApiRoleMapping(fromApiRoleMapping({ hosts: [], users: ['a'], reserved: false, hidden: false, backend_roles: [], and_backend_roles: [], description: 'd' } as never));
    toApiActionGroup(fromApiActionGroup({ reserved: true, hidden: false, allowed_actions: ['indices:data/read*'], type: 'index', description: 'd', static: true } as never));
    assert.deepEqual(toApiTenant(fromApiTenant({ reserved: true, hidden: false, description: 'Global tenant', static: true } as never)), { description: 'Global tenant' });
    // the same answer with a misspelt key is no model
    assert.throws(() => toApiRole({ ...role, index_permissions: [{ ...role.index_permissions?.[0], dsl: '{}' } as never] }), SecurityModelError);
    assert.throws(() => toApiUser({ ...user, opendistro_security_role: [] } as never), SecurityModelError);
  });
});

describe('h206 put, ensure and plan send nothing for a typo', () => {
  const received: string[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received.push(`${req.method} ${req.url}`);
      res.setHeader('content-type', 'application/json');
      if (req.url === '/') return void res.end(JSON.stringify({ version: { distribution: 'opensearch', number: '2.19.4' } }));
      if (req.method === 'GET' && /\/api\/[a-z]+$/.test(req.url ?? '')) return void res.end('{}');
      res.statusCode = req.method === 'GET' ? 404 : 200;
      res.end(JSON.stringify(req.method === 'GET' ? { status: 'NOT_FOUND', message: 'not found.' } : { status: 'OK', message: 'ok' }));
    });
  });
  const client = loopbackClient(server);
  const api = (): SecurityApi => new SecurityApi(client(), { prefix: '_plugins/_security', userShape: 'backend_roles', dialect: 'v2', conflictAttempts: 1 });
  const writes = (): string[] => received.filter((r) => !r.startsWith('GET'));

  test('roles.put / roles.ensure / users.put / roleMappings.ensure / plan', async () => {
    const calls: Array<[string, (s: SecurityApi) => Promise<unknown>, RegExp]> = [
      ['roles.put', (s) => s.roles.put('h206-r', { index_permissions: [TYPO_PERM as never] }), /index_permissions\[0\]\.dsl: unknown key \(did you mean dls\?\)/],
      ['roles.ensure', (s) => s.roles.ensure('h206-r', { index_permissions: [TYPO_PERM as never] }), /index_permissions\[0\]\.dsl/],
      ['users.put', (s) => s.users.put('h206-u', { password: 'Pw-h206-long-enough', opendistro_security_role: [] } as never), /opendistro_security_role: unknown key/],
      ['roleMappings.ensure', (s) => s.roleMappings.ensure('h206-r', { user: ['alice'] } as never), /user: unknown key \(did you mean users\?\)/],
      ['plan', (s) => s.plan({ roles: { 'h206-r': { index_permissions: [TYPO_PERM as never] } } }), /roles 'h206-r': index_permissions\[0\]\.dsl: unknown key/],
    ];
    for (const [what, call, message] of calls) {
      received.length = 0;
      await assert.rejects(call(api()), (e: unknown) => e instanceof SecurityModelError && message.test(e.message), what);
      assert.deepEqual(writes(), [], what);
    }
  });
});

describe('h206 roles-as-code files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'h206-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const load = (yaml: string, env: Record<string, string> = {}): unknown => {
    const file = join(dir, `f${Math.random()}.yaml`);
    writeFileSync(file, yaml);
    return loadDesired(file, env, new SecretSet());
  };

  test('a misspelt key in a role, a nested entry, a mapping or a user is a usage error naming it', () => {
    const cases: Array<[string, RegExp]> = [
      ["roles:\n  r:\n    index_permissions:\n      - index_patterns: ['flights*']\n        dsl: '{}'\n", /r: index_permissions\[0\]\.dsl: unknown key \(did you mean dls\?\)/],
      ['role_mappings:\n  r:\n    user: [alice]\n', /r: user: unknown key \(did you mean users\?\)/],
      ['internal_users:\n  u:\n    password_env: X\n    opendistro_security_role: [r]\n', /u: opendistro_security_role: unknown key/],
      ['action_groups:\n  g:\n    allowed_actions: [read]\n    typ: index\n', /g: typ: unknown key/],
      ['tenants:\n  t:\n    descripton: d\n', /t: descripton: unknown key/],
    ];
    for (const [yaml, message] of cases) assert.throws(() => load(yaml, { X: 'Pw-h206-long-enough' }), (e: unknown) => e instanceof UsageError && message.test(e.message), yaml);
  });

  test('a file copied from GET (flags, hash "") with password_env loads', () => {
    const flags = 'reserved: false, hidden: false, static: false';
    const desired = load([
      `roles: {r: {${flags}, description: d, cluster_permissions: [], index_permissions: [{index_patterns: [x], dls: '', fls: [], masked_fields: [], allowed_actions: [read]}], tenant_permissions: []}}`,
      `role_mappings: {r: {hosts: [], users: [a], reserved: false, hidden: false, backend_roles: [], and_backend_roles: [], description: d}}`,
      `internal_users: {u: {hash: '', ${flags}, backend_roles: [], attributes: {}, description: d, opendistro_security_roles: [], password_env: X}}`,
      `action_groups: {g: {${flags}, allowed_actions: [read], type: index, description: d}}`,
      `tenants: {t: {${flags}, description: d}}`,
    ].join('\n') + '\n', { X: 'Pw-h206-long-enough' }) as { users: Record<string, { password?: string }> };
    assert.equal(desired.users.u?.password, 'Pw-h206-long-enough');
    assert.throws(() => load(`role_mappings: {r: {hosts: [], users: [a], reserved: false, hidden: false, backend_role: []}}\n`), /r: backend_role: unknown key \(did you mean backend_roles\?\)/);
  });
});
