/**
 * The shape of security models, checked before anything is sent: a string where a list belongs is
 * refused (spread into characters, `index_patterns: 'logs*'` would have granted `*`), in the typed
 * helpers, in role-mapping value updates and in the CLI's roles-as-code files; the plugin's own FLS
 * strings are accepted; a DLS object holding values JSON cannot represent is refused; a model is
 * read once; entity names that are Object.prototype keys are entities like any other.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecurityApi, SecurityModelError, toApiActionGroup, toApiRole, toApiRoleMapping, toApiUser, validateRole } from '../../src/security/index.js';
import { loadDesired } from '../../src/cli/commands/desired-file.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { SecretSet } from '../../src/errors/secrets.js';
import { loopbackClient } from '../support/loopback-client.js';

const received: Array<{ method: string; url: string; body: string }> = [];
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    received.push({ method: req.method ?? '', url: req.url ?? '', body });
    res.setHeader('content-type', 'application/json');
    if (req.method === 'GET' && /\/api\/[a-z]+$/.test(req.url ?? '')) return void res.end('{}');
    if (req.method === 'GET' && req.url?.endsWith('/html-page') === true) {
      res.setHeader('content-type', 'text/html');
      return void res.end('<html><body>proxy login</body></html>');
    }
    if (req.method === 'GET' && req.url?.endsWith('/other-name') === true) return void res.end(JSON.stringify({ 'someone-else': { cluster_permissions: [] } }));
    if (req.method === 'GET' && req.url !== '/') {
      res.statusCode = 404;
      const name = decodeURIComponent((req.url ?? '').split('/').pop() ?? '');
      return void res.end(JSON.stringify({ status: 'NOT_FOUND', message: `role '${name}' not found.` }));
    }
    res.end(JSON.stringify(req.url === '/' ? { version: { distribution: 'opensearch', number: '2.19.4' } } : { status: 'OK', message: 'ok' }));
  });
});
const client = loopbackClient(server);
const api = (): SecurityApi => new SecurityApi(client(), { prefix: '_plugins/_security', userShape: 'backend_roles', dialect: 'v2', conflictAttempts: 1 });
const writes = (): typeof received => received.filter((r) => r.method !== 'GET');

describe('a string where a list belongs is refused everywhere a model is written', () => {
  const cases: Array<[string, () => unknown, string]> = [
    ['role index_patterns', () => toApiRole({ index_permissions: [{ index_patterns: 'logs*' as never, allowed_actions: ['read'] }] }), 'index_permissions[0].index_patterns'],
    ['role allowed_actions', () => toApiRole({ index_permissions: [{ index_patterns: ['x'], allowed_actions: 'read' as never }] }), 'index_permissions[0].allowed_actions'],
    ['role cluster_permissions', () => toApiRole({ cluster_permissions: 'cluster_monitor' as never }), 'cluster_permissions'],
    ['role tenant_patterns', () => toApiRole({ tenant_permissions: [{ tenant_patterns: 'global' as never }] }), 'tenant_permissions[0].tenant_patterns'],
    ['role masked_fields', () => toApiRole({ index_permissions: [{ index_patterns: ['x'], masked_fields: 'ssn' as never }] }), 'index_permissions[0].masked_fields'],
    ['mapping users', () => toApiRoleMapping({ users: 'alice' as never }), 'users'],
    ['mapping backend_roles', () => toApiRoleMapping({ backend_roles: 'admin' as never }), 'backend_roles'],
    ['user backend_roles', () => toApiUser({ password: 'Passw0rd!long', backend_roles: 'admin' as never }), 'backend_roles'],
    ['action group', () => toApiActionGroup({ allowed_actions: 'indices:data/read/*' as never }), 'allowed_actions'],
    ['role null', () => toApiRole(null as never), '(the model)'],
    ['index pattern 42', () => toApiRole({ index_permissions: [{ index_patterns: [42 as never] }] }), 'index_permissions[0].index_patterns[0]'],
  ];
  for (const [name, call, path] of cases) {
    test(name, () => {
      assert.throws(call, (e: unknown) => e instanceof SecurityModelError && e.issues.some((i) => i.path === path), name);
    });
  }

  test('through SecurityApi: nothing is written, and addUsers with a bare string is refused', async () => {
    const security = api();
    received.length = 0;
    await assert.rejects(security.roles.ensure('r1', { index_permissions: [{ index_patterns: 'logs*' as never, allowed_actions: ['read'] }] }), SecurityModelError);
    await assert.rejects(security.roleMappings.ensure('r1', { users: 'alice' as never }), SecurityModelError);
    await assert.rejects(security.roleMappings.addUsers('r1', 'bob' as never), SecurityModelError);
    await assert.rejects(security.roleMappings.removeUsers('r1', 'bob' as never), SecurityModelError);
    assert.deepEqual(writes(), []);
  });

  test('validateRole reports the shape instead of throwing', () => {
    const report = validateRole({ index_permissions: [{ index_patterns: 'x' as never }] });
    assert.equal(report.errors[0]?.path, 'index_permissions[0].index_patterns');
  });
});

describe('what the model accepts and refuses beyond lists', () => {
  test("the plugin's own FLS strings are accepted and written as given", () => {
    const api = toApiRole({ index_permissions: [{ index_patterns: ['x'], fls: ['~secret', 'pub*', { exclude: 'b' }] }] });
    assert.deepEqual(api.index_permissions?.[0]?.fls, ['~secret', 'pub*', '~b']);
    assert.throws(() => toApiRole({ index_permissions: [{ index_patterns: ['x'], fls: [{} as never] }] }), SecurityModelError);
  });

  test('a DLS object with values JSON cannot represent is refused (they were written as {})', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const bad of [new Date(0), 10n, () => 1, Number.NaN, new Map(), cyclic]) {
      assert.throws(() => toApiRole({ index_permissions: [{ index_patterns: ['x'], dls: { term: { a: bad } } as never }] }),
        (e: unknown) => e instanceof SecurityModelError && e.issues[0]?.path === 'index_permissions[0].dls', String(bad));
    }
    assert.equal(toApiRole({ index_permissions: [{ index_patterns: ['x'], dls: { term: { a: 1 } } }] }).index_permissions?.[0]?.dls, '{"term":{"a":1}}');
  });

  test('a model is read once: a getter that flips after validation does not get written', async () => {
    const security = api();
    received.length = 0;
    let reads = 0;
    const perm = Object.defineProperty({ index_patterns: ['x'] }, 'allowed_actions', { get: () => (reads++ === 0 ? ['read'] : ['indices_all']), enumerable: true });
    await security.roles.ensure('r2', { index_permissions: [perm as never] });
    assert.equal(reads, 1);
    const put = writes().find((r) => r.method === 'PUT');
    assert.ok(put !== undefined && put.body.includes('"read"') && !put.body.includes('indices_all'), put?.body);
  });

  test('entities named like Object.prototype keys are planned as new entities', async () => {
    const plan = await api().plan({ roles: Object.fromEntries(['constructor', 'toString', '__proto__', 'hasOwnProperty'].map((n) => [n, { cluster_permissions: ['cluster_monitor'] }])) });
    assert.deepEqual([...plan.roles.created].sort(), ['__proto__', 'constructor', 'hasOwnProperty', 'toString']);
  });
});

describe('roles-as-code files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fgac-shape-'));
  const load = (yaml: string): unknown => {
    const file = join(dir, `f${Math.random()}.yaml`);
    writeFileSync(file, yaml);
    return loadDesired(file, {}, new SecretSet());
  };

  test('a string where a list belongs is a usage error naming the entity and field', () => {
    assert.throws(() => load('roles:\n  r1:\n    index_permissions:\n      - index_patterns: "logs*"\n        allowed_actions: [read]\n'),
      (e: unknown) => e instanceof UsageError && /r1: index_permissions\[0\]\.index_patterns: must be a list/.test(e.message));
    assert.throws(() => load('role_mappings:\n  r1:\n    users: alice\n'), (e: unknown) => e instanceof UsageError && /users: must be a list/.test(e.message));
  });

  test('a FIFO, a device, a directory or an oversized file is refused at once, naming the flag', () => {
    for (const path of ['/dev/zero', dir]) {
      assert.throws(() => loadDesired(path, {}, new SecretSet()), (e: unknown) => e instanceof UsageError && /^-f .*not a regular file/.test(e.message), path);
    }
  });
});

describe('plan() input: a wrong type never reads as "nothing wanted" (with prune: delete everything)', () => {
  test('a section that is not a plain object, a misspelt type and a non-boolean prune are ConfigErrors naming them, before any request', async () => {
    const { ConfigError } = await import('../../src/errors/classes.js');
    const cases: Array<[unknown, unknown, string]> = [
      [{ roles: new Map([['keep', {}]]) }, { prune: true }, 'desired.roles'],
      [{ roles: 42 }, { prune: true }, 'desired.roles'],
      [{ roleMappings: [] }, { prune: true }, 'desired.roleMappings'],
      [{ users: () => ({}) }, { prune: true }, 'desired.users'],
      [{ role: { r: {} } }, { prune: true }, 'desired.role'],
      [{ roles: {} }, { prune: 'false' }, 'options.prune'],
      [{ roles: {} }, { updatePasswords: 1 }, 'options.updatePasswords'],
      [{ roles: {} }, null, 'options'],
      [null, {}, 'desired'],
    ];
    for (const [desired, options, option] of cases) {
      const before = received.length;
      const e = await api().plan(desired as never, options as never).then(() => undefined, (err: unknown) => err);
      assert.ok(e instanceof ConfigError, `${option}: ${String(e)}`);
      assert.equal((e as InstanceType<typeof ConfigError>).option, option);
      assert.equal(received.length, before, `${option}: no request was sent`);
    }
    const ok = await api().plan({ roles: Object.assign(Object.create(null) as object, { r: { cluster_permissions: ['cluster_monitor'] } }) }, { prune: false });
    assert.deepEqual(ok.roles.created, ['r'], 'a null-prototype object is a plain object');
  });

  test('patch operations and an applied plan of the wrong shape are ConfigErrors naming them, before any request', async () => {
    const { ConfigError } = await import('../../src/errors/classes.js');
    const patches: Array<[() => Promise<unknown>, string]> = [
      [() => api().roles.patch('r', 42 as never), 'operations'],
      [() => api().roles.patch('r', 'add' as never), 'operations'],
      [() => api().roles.patch('r', undefined as never), 'operations'],
      [() => api().roles.patch([null] as never), 'operations[0]'],
      [() => api().roles.patch('r', [{ op: 'add', path: '/x', value: 1 }, 'remove'] as never), 'operations[1]'],
      [() => api().roles.patch('r', [{ op: 'add', path: '/x' }] as never), 'operations[0].value'],
      [() => api().apply({} as never), 'plan.actionGroups'],
      [() => api().apply(null as never), 'plan'],
      [() => api().apply({ actionGroups: { operations: [] }, tenants: { operations: [] }, roles: { operations: 'x' } } as never), 'plan.roles.operations'],
    ];
    for (const [call, option] of patches) {
      const before = received.length;
      const e = await call().then(() => undefined, (err: unknown) => err);
      assert.ok(e instanceof ConfigError, `${option}: ${String(e)}`);
      assert.equal((e as InstanceType<typeof ConfigError>).option, option);
      assert.equal(received.length, before, `${option}: no request was sent`);
    }
    let reads = 0;
    const flipping = { path: '/x', value: 1, get op() { reads += 1; return reads === 1 ? 'add' : 'test'; } };
    await api().roles.patch('r', [flipping] as never);
    assert.equal(JSON.parse(received.at(-1)?.body ?? '[]')[0].op, 'add', 'an operation is read once: what was checked is what is sent');
  });
});

describe('what the server returns is read faithfully or refused', () => {
  test('fromApiRole refuses a role whose restrictions it cannot represent (reading them as absent widens the role on the next write)', async () => {
    const { fromApiRole } = await import('../../src/security/model.js');
    const cases: Array<[unknown, string]> = [
      [{ index_permissions: [{ index_patterns: ['a'], dls: { match: { a: 1 } } }] }, 'index_permissions[0].dls'],
      [{ index_permissions: [{ index_patterns: ['a'], fls: '~secret' }] }, 'index_permissions[0].fls'],
      [{ index_permissions: [{ index_patterns: ['a'], masked_fields: 'Dest' }] }, 'index_permissions[0].masked_fields'],
      [{ index_permissions: [{ index_patterns: ['a'], fls: ['~a', 7] }] }, 'index_permissions[0].fls'],
      [{ index_permissions: [{ index_patterns: 'logs*' }] }, 'index_permissions[0].index_patterns'],
      [{ index_permissions: 'x' }, 'index_permissions'],
    ];
    for (const [json, path] of cases) {
      assert.throws(() => fromApiRole(json as never), (e: unknown) => e instanceof SecurityModelError && e.issues.some((i) => i.path === path), path);
    }
    const kept = fromApiRole({ index_permissions: [{ index_patterns: ['a'], dls: '{"match":{"a":1}}', fls: ['~s'], masked_fields: ['Dest'], allowed_actions: ['read'] }] });
    assert.equal(kept.index_permissions?.[0]?.fls?.length, 1);
  });

  test('a 200 that is not a JSON object, or that does not name the entity, is an error, not "absent"', async () => {
    for (const name of ['html-page', 'other-name']) {
      const e = await api().roles.get(name).then((r) => r, (err: unknown) => err);
      assert.ok(e instanceof SecurityModelError, `${name}: ${String(e)}`);
    }
    assert.equal(await api().roles.get('really-absent'), undefined, 'a 404 is absent');
  });
});
