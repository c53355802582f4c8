/**
 * SecurityApi against a loopback stub of the security plugin that reproduces the behaviours the helpers
 * depend on: optimistic concurrency (409 when the config changed between load and save), PATCH applied to
 * a JSON form without empty lists, reserved/hidden entities, and the root info used for flavour detection.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { SecurityApiError } from '../../src/errors/classes.js';
import { SecurityApi, fromApiUser, type JsonPatchOperation } from '../../src/security/index.js';
import { nonEmptyBody } from '../../src/security/operations.js';
import { loopbackClient } from '../support/loopback-client.js';

type Entity = Record<string, unknown>;

interface Stub {
  root: unknown;
  rootStatus: number;
  configs: Record<string, Map<string, Entity>>;
  reserved: Set<string>;
  hidden: Set<string>;
  seq: number;
  conflicts: number;
  alwaysConflict: boolean;
  /** Runs once when the next PATCH arrives, before the stub loads the config (simulates a write that won the race). */
  beforeNextPatch: (() => void) | undefined;
  requests: Array<{ method: string; path: string; body: unknown }>;
}

const MAPPING_LISTS = ['users', 'backend_roles', 'and_backend_roles', 'hosts'];
const RESOURCE: Record<string, string> = { rolesmapping: 'rolesmapping', internalusers: 'user', roles: 'role', tenants: 'tenant' };

const stub: Stub = {
  root: {}, rootStatus: 200, configs: {}, reserved: new Set(), hidden: new Set(), seq: 0, conflicts: 0,
  alwaysConflict: false, beforeNextPatch: undefined, requests: [],
};

function reset(root: unknown = { version: { distribution: 'opensearch', number: '2.19.4' } }): void {
  Object.assign(stub, {
    root, rootStatus: 200, configs: { rolesmapping: new Map(), internalusers: new Map(), roles: new Map(), tenants: new Map() },
    reserved: new Set(), hidden: new Set(), seq: 0, conflicts: 0, alwaysConflict: false, beforeNextPatch: undefined, requests: [],
  });
}

/** The plugin's internal JSON drops empty lists, so `add /users/-` on an empty list fails with "Missing field". */
function withoutEmptyLists(e: Entity): Entity {
  return Object.fromEntries(Object.entries(e).filter(([, v]) => !(Array.isArray(v) && v.length === 0)));
}

function applyPatch(entity: Entity, ops: JsonPatchOperation[]): Entity {
  const doc = structuredClone(withoutEmptyLists(entity));
  for (const op of ops) {
    const [field, index] = op.path.split('/').slice(1) as [string, string | undefined];
    const missing = (): never => {
      throw Object.assign(new Error(`Missing field "${field}"`), { status: 400 });
    };
    if (index === undefined) {
      if (op.op === 'remove') {
        if (!(field in doc)) missing();
        delete doc[field];
      } else {
        if (op.op === 'replace' && !(field in doc)) missing();
        doc[field] = op.value;
      }
      continue;
    }
    const list = doc[field];
    if (!Array.isArray(list)) return missing();
    if (op.op === 'add' && index === '-') list.push(op.value);
    else if (op.op === 'remove' && Number(index) < list.length) list.splice(Number(index), 1);
    else missing();
  }
  return doc;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const server = http.createServer((req, res) => {
  let raw = '';
  req.on('data', (c: Buffer) => (raw += c.toString()));
  req.on('end', () => void handle(req, res, raw === '' ? undefined : JSON.parse(raw)));
});

async function handle(req: http.IncomingMessage, res: http.ServerResponse, body: unknown): Promise<void> {
  const method = req.method ?? 'GET';
  const path = req.url ?? '/';
  stub.requests.push({ method, path, body });
  if (path === '/') return send(res, stub.rootStatus, stub.rootStatus === 200 ? stub.root : { error: { type: 'security_exception', reason: 'no permissions for [cluster:monitor/main] and User [name=x, backend_roles=[], requestedTenant=null]' }, status: 403 });
  const m = /^\/(?:_plugins|_opendistro)\/_security\/api\/(\w+)(?:\/([^/?]+))?$/.exec(path);
  const config = m ? stub.configs[m[1] as string] : undefined;
  if (!m || !config) return send(res, 404, { status: 'NOT_FOUND', message: 'no such endpoint' });
  const type = m[1] as string;
  const name = m[2] === undefined ? undefined : decodeURIComponent(m[2]);
  const view = (e: Entity): Entity => {
    const filled = type === 'rolesmapping' ? Object.fromEntries(MAPPING_LISTS.map((k) => [k, []])) : {};
    return { ...filled, ...e, reserved: stub.reserved.has(name ?? ''), hidden: false };
  };
  if (name === undefined) {
    if (method === 'GET') return send(res, 200, Object.fromEntries([...config].map(([n, e]) => [n, view(e)])));
    return send(res, 501, { status: 'NOT_IMPLEMENTED', message: `Method ${method} not supported for this action.` });
  }
  if (stub.hidden.has(name)) return send(res, 404, { status: 'NOT_FOUND', message: `Resource '${name}' is not available.` });
  const current = config.get(name);
  if (method === 'GET') {
    if (current === undefined) return send(res, 404, { status: 'NOT_FOUND', message: `${RESOURCE[type]} '${name}' not found.` });
    return send(res, 200, { [name]: view(current) });
  }
  if (stub.reserved.has(name)) return send(res, 403, { status: 'FORBIDDEN', message: `Resource '${name}' is reserved.` });
  if (method === 'PATCH' && stub.beforeNextPatch) {
    const hook = stub.beforeNextPatch;
    stub.beforeNextPatch = undefined;
    hook();
  }
  // Load, think, save with if_seq_no.
  const loadedSeq = stub.seq;
  const loaded = config.get(name);
  await new Promise((r) => setTimeout(r, 2 + Math.random() * 10));
  let next: Entity;
  if (method === 'PUT') {
    next = body as Entity;
  } else if (method === 'PATCH') {
    if (loaded === undefined) return send(res, 404, { status: 'NOT_FOUND', message: `${RESOURCE[type]} '${name}' not found.` });
    try {
      next = applyPatch(loaded, body as JsonPatchOperation[]);
    } catch (err) {
      return send(res, 400, { status: 'BAD_REQUEST', message: (err as Error).message });
    }
  } else {
    return send(res, 501, { status: 'NOT_IMPLEMENTED', message: `Method ${method} not supported for this action.` });
  }
  if (stub.alwaysConflict || stub.seq !== loadedSeq) {
    stub.conflicts++;
    return send(res, 409, { status: 'CONFLICT', message: `[${type}]: version conflict, required seqNo [${loadedSeq}], primary term [1]. current document has seqNo [${stub.seq}] and primary term [1]` });
  }
  config.set(name, next);
  stub.seq++;
  if (method === 'PUT' && loaded === undefined) return send(res, 201, { status: 'CREATED', message: `'${name}' created.` });
  return send(res, 200, { status: 'OK', message: `'${name}' updated.` });
}

const client = loopbackClient(server);

function fresh(options: ConstructorParameters<typeof SecurityApi>[1] = {}): SecurityApi {
  return new SecurityApi(client(), { settleMs: 30, ...options });
}

describe('flavour detection from GET /', () => {
  test('OpenSearch 2.x: _plugins, backend_roles, v2; OpenSearch 3.x: v3', async () => {
    reset();
    assert.deepEqual(await fresh().flavour(), { prefix: '_plugins/_security', userShape: 'backend_roles', dialect: 'v2', distribution: 'opensearch', version: '2.19.4' });
    reset({ version: { distribution: 'opensearch', number: '3.1.0' } });
    assert.equal((await fresh().flavour()).dialect, 'v3');
  });

  test('Open Distro on Elasticsearch 7.x: _opendistro with backend_roles', async () => {
    reset({ version: { number: '7.10.2' } });
    const f = await fresh().flavour();
    assert.deepEqual([f.prefix, f.userShape], ['_opendistro/_security', 'backend_roles']);
  });

  test('Elasticsearch 6.x: _opendistro, and users carry roles instead of backend_roles', async () => {
    reset({ version: { number: '6.8.0' } });
    const es6 = fresh();
    await es6.users.put('u1', { password: 'x', backend_roles: ['analyst'] });
    const put = stub.requests.find((r) => r.method === 'PUT');
    assert.equal(put?.path, '/_opendistro/_security/api/internalusers/u1');
    assert.deepEqual(put?.body, { password: 'x', roles: ['analyst'] });
    assert.deepEqual((await es6.users.get('u1'))?.backend_roles, ['analyst']);
    assert.deepEqual(fromApiUser({ roles: ['a'] }).backend_roles, ['a']);
  });

  test('options override detection; detection happens once and lazily; GET / refused -> OpenSearch defaults', async () => {
    reset({ version: { number: '6.8.0' } });
    const forced = fresh({ prefix: '_plugins/_security', userShape: 'backend_roles', dialect: 'v3' });
    assert.equal((await forced.flavour()).prefix, '_plugins/_security');
    assert.equal(stub.requests.length, 0, 'fully overridden: GET / never sent');
    const partly = fresh({ userShape: 'backend_roles' });
    await Promise.all([partly.flavour(), partly.flavour(), partly.flavour()]);
    assert.equal(stub.requests.filter((r) => r.path === '/').length, 1);
    assert.deepEqual([(await partly.flavour()).prefix, (await partly.flavour()).userShape], ['_opendistro/_security', 'backend_roles']);
    reset();
    stub.rootStatus = 403;
    assert.equal((await fresh().flavour()).prefix, '_plugins/_security');
  });
});

describe('safe role-mapping updates under concurrency', () => {
  test('20 concurrent addUsers on a non-empty mapping all survive; the stub answered 409s', async () => {
    reset();
    stub.configs.rolesmapping?.set('r', { users: ['seed'] });
    const api = fresh();
    const users = Array.from({ length: 20 }, (_, i) => `u${i}`);
    const results = await Promise.all(users.map((u) => api.roleMappings.addUsers('r', [u])));
    assert.deepEqual([...(stub.configs.rolesmapping?.get('r')?.users as string[])].sort(), ['seed', ...users].sort());
    assert.ok(stub.conflicts > 0);
    assert.ok(results.every((r, i) => r.changed[0] === users[i] && !r.created));
  });

  test('concurrent adds to an empty list and to a missing mapping converge (set, settle, verify, re-append)', async () => {
    reset();
    stub.configs.rolesmapping?.set('empty', { hosts: ['h'] });
    const api = fresh();
    await Promise.all(['a', 'b', 'c', 'd'].map((u) => api.roleMappings.addUsers('empty', [u])));
    assert.deepEqual([...(stub.configs.rolesmapping?.get('empty')?.users as string[])].sort(), ['a', 'b', 'c', 'd']);
    const created = await Promise.all(['a', 'b', 'c', 'd'].map((u) => api.roleMappings.addBackendRoles('missing', [u])));
    assert.deepEqual([...(stub.configs.rolesmapping?.get('missing')?.backend_roles as string[])].sort(), ['a', 'b', 'c', 'd']);
    assert.ok(created.some((r) => r.created));
  });

  test('removeUsers removes by value (highest index first) and is safe against concurrent appends', async () => {
    reset();
    stub.configs.rolesmapping?.set('r', { users: ['a', 'b', 'c', 'd', 'e'] });
    const api = fresh();
    const [removed] = await Promise.all([
      api.roleMappings.removeUsers('r', ['b', 'd', 'zz']),
      api.roleMappings.addUsers('r', ['f']),
      api.roleMappings.addUsers('r', ['g']),
    ]);
    assert.deepEqual(removed.changed, ['b', 'd']);
    assert.deepEqual(removed.unchanged, ['zz']);
    assert.deepEqual(removed.suspectedCollateral, []);
    assert.deepEqual([...(stub.configs.rolesmapping?.get('r')?.users as string[])].sort(), ['a', 'c', 'e', 'f', 'g']);
  });

  test('residual race: a concurrent removal before our index makes us remove a neighbour; reported, target still removed', async () => {
    reset();
    stub.configs.rolesmapping?.set('r', { users: ['a', 'b', 'c', 'd'] });
    // Another writer removes 'a' after our read and before our PATCH is loaded: no 409, indices shifted.
    stub.beforeNextPatch = () => {
      stub.configs.rolesmapping?.set('r', { users: ['b', 'c', 'd'] });
      stub.seq++;
    };
    const result = await fresh().roleMappings.removeUsers('r', ['c']);
    assert.deepEqual(stub.configs.rolesmapping?.get('r')?.users, ['b']);
    assert.deepEqual(result.changed, ['c']);
    assert.deepEqual(result.suspectedCollateral.sort(), ['a', 'd'], "'a' went by the other writer, 'd' by our shifted index");
    assert.equal(result.attempts, 2);
  });

  test('a write that keeps conflicting gives up after conflictAttempts with the typed 409', async () => {
    reset();
    stub.configs.rolesmapping?.set('r', { users: ['a'] });
    stub.alwaysConflict = true;
    const api = fresh({ conflictAttempts: 3 });
    await assert.rejects(api.roleMappings.put('r', { users: ['b'] }), (err: unknown) => err instanceof SecurityApiError && err.statusCode === 409 && err.apiStatus === 'CONFLICT');
    assert.equal(stub.conflicts, 3);
    await assert.rejects(api.roleMappings.addUsers('r', ['b']), /could not add users to role mapping 'r' in 3 attempts/);
  });
});

describe('typed errors for protected entities', () => {
  test('reserved entities: SecurityApiError with resourceState "reserved"', async () => {
    reset();
    stub.configs.roles?.set('locked', { cluster_permissions: ['*'] });
    stub.reserved.add('locked');
    const api = fresh();
    for (const attempt of [() => api.roles.put('locked', { cluster_permissions: [] }), () => api.roles.patch('locked', [{ op: 'remove', path: '/description' }])]) {
      await assert.rejects(attempt(), (err: unknown) => err instanceof SecurityApiError && err.resourceState === 'reserved' && err.resourceName === 'locked' && err.statusCode === 403);
    }
    assert.equal((await api.roles.get('locked'))?.reserved, true);
  });

  test('hidden entities: get() rejects with resourceState "hidden" instead of pretending absence', async () => {
    reset();
    stub.hidden.add('secret');
    await assert.rejects(fresh().roles.get('secret'), (err: unknown) => err instanceof SecurityApiError && err.resourceState === 'hidden');
    assert.equal(await fresh().roles.get('absent'), undefined);
  });
});

describe('client-side request checks', () => {
  test('only add/replace/remove are sent; empty patches are refused', async () => {
    reset();
    const api = fresh();
    await assert.rejects(api.roles.patch([{ op: 'test', path: '/x', value: 1 } as unknown as JsonPatchOperation]), /^RangeError: Unsupported patch operation: test\. Supported are: remove,replace,add$/);
    await assert.rejects(api.roles.patch('x', []), /at least one operation/);
    assert.equal(stub.requests.filter((r) => r.method === 'PATCH').length, 0);
  });

  test('empty entities get a neutral field (the plugin refuses `{}` bodies)', async () => {
    assert.deepEqual(nonEmptyBody('tenants', {}), { description: '' });
    assert.deepEqual(nonEmptyBody('roles', {}), { cluster_permissions: [] });
    assert.deepEqual(nonEmptyBody('roleMappings', { users: ['a'] }), { users: ['a'] });
    reset();
    await fresh().tenants.put('t', {});
    assert.deepEqual(stub.requests.at(-1)?.body, { description: '' });
  });
});
