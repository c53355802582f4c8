/**
 * Review 202's findings 3, 4, 5, 7 and 10 against a loopback stub (transport behaviour; what the plugin itself answers is
 * in test/integration/h207-security-answers.test.ts): text inside a name never changes how a refusal is read, a 404
 * naming another entity is not "deleted meanwhile", a 2xx that is not the plugin's answer is refused, and a name too
 * long for the request line gets the way that works.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from '../../src/client/create-client.js';
import { toTypedError } from '../../src/errors/classify.js';
import { SecurityApiError } from '../../src/errors/classes.js';
import { errors } from '@opensearch-project/opensearch';
import { SecurityApi } from '../../src/security/api.js';
import { SecurityModelError } from '../../src/security/model-error.js';
import { isUnconfirmedWrite } from '../../src/security/write-result.js';
import { startRecordingStub, type RecordingStub, type StubReply } from '../support/recording-stub.js';
import type { ReceivedRequest } from '../domain/edge/sigv4.js';

let stub: RecordingStub;
let answer: (req: ReceivedRequest) => StubReply = () => ({ body: { status: 'OK', message: 'done' } });
before(async () => {
  stub = await startRecordingStub();
  stub.reply = (req) => (req.url === '/' ? { body: { version: { distribution: 'opensearch', number: '2.19.4' } } } : answer(req));
});
after(async () => stub.close());

async function withApi<T>(run: (api: SecurityApi) => Promise<T>): Promise<T> {
  stub.received.length = 0;
  const client = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { retries: 0 } });
  try {
    return await run(new SecurityApi(client, { settleMs: 1, conflictAttempts: 4, maxElapsedMs: 5000 }));
  } finally {
    await client.close();
  }
}
const writes = (): string[] => stub.received.filter((r) => r.url !== '/' && r.method !== 'GET').map((r) => `${r.method} ${r.url.replace('/_plugins/_security/api/', '')}`);
const outcome = (p: Promise<unknown>): Promise<unknown> => p.then((v) => ({ resolved: v }), (e: unknown) => e);

function typed(status: number, body: Record<string, unknown>, principal?: { name: string }): SecurityApiError {
  const err = new errors.ResponseError({ body, statusCode: status, headers: {}, warnings: null, meta: { request: { params: { method: 'DELETE', path: '/_plugins/_security/api/roles/x' } } } } as never);
  const e = toTypedError(err, principal === undefined ? {} : { principal });
  assert.ok(e instanceof SecurityApiError, String(e));
  return e;
}

const ADMIN = 'No permission to access REST API: User new-user with Security roles [new-role] does not have any role privileged for admin access. No client TLS certificate found in request';

describe('h207 finding 5: text inside a name never changes how a refusal is read', () => {
  test('the REST-admin refusal is read only from a FORBIDDEN whose reason starts with the plugin\'s text', () => {
    const real = typed(403, { status: 'FORBIDDEN', message: ADMIN });
    assert.equal(real.user, 'new-user');
    assert.deepEqual(real.securityRoles, ['new-role']);
    // a 404 for a role whose name quotes the refusal (what 2.19.4 answers, measured)
    const named = `h207 ${ADMIN}`;
    const spoof = typed(404, { status: 'NOT_FOUND', message: `role '${named}' not found.` }, { name: 'evil' });
    assert.equal(spoof.user, undefined);
    assert.equal(spoof.securityRoles, undefined);
    assert.equal(spoof.resourceName, named);
    // FORBIDDEN, but the refusal text is inside another message
    for (const message of [`Resource '${ADMIN}' is reserved.`, `Access denied: ${ADMIN}`]) {
      const inside = typed(403, { status: 'FORBIDDEN', message });
      assert.equal(inside.user, undefined, message);
      assert.equal(inside.securityRoles, undefined, message);
    }
  });

  test('wrong datatypes are read only from the validation shape (status "error")', () => {
    assert.deepEqual(typed(400, { status: 'error', reason: 'Wrong datatype', cluster_permissions: 'Array expected' }).wrongDatatypes, { cluster_permissions: 'Array expected' });
    assert.deepEqual(typed(404, { status: 'NOT_FOUND', message: "role 'x' not found.", hint: 'Array expected' }).wrongDatatypes, {});
  });
});

describe('h207 finding 4: a 404 naming another entity is not "deleted meanwhile"', () => {
  test('the type word is kept: resourceType', () => {
    const e = typed(404, { status: 'NOT_FOUND', message: "role 'h207-norole' not found." });
    assert.equal(e.resourceType, 'role');
    assert.equal(e.resourceName, 'h207-norole');
    assert.equal(typed(403, { status: 'FORBIDDEN', message: "Resource 'x' is reserved." }).resourceType, 'Resource');
  });

  test('users.ensure naming a missing role: the 404 is thrown after one PATCH, not retried', async () => {
    answer = (req) => (req.method === 'GET'
      ? { body: { 'h207-u': { backend_roles: [], attributes: {}, opendistro_security_roles: [], description: '' } } }
      : { status: 404, body: { status: 'NOT_FOUND', message: "role 'h207-norole' not found." } });
    const err = await outcome(withApi((api) => api.users.ensure('h207-u', { opendistro_security_roles: ['h207-norole'] })));
    assert.ok(err instanceof SecurityApiError && err.resourceType === 'role' && err.resourceName === 'h207-norole', String(err));
    assert.deepEqual(writes(), ['PATCH internalusers/h207-u']);
  });

  test('roleMappings.ensure of a mapping whose role is gone (same name, other type): thrown after one PATCH', async () => {
    answer = (req) => (req.method === 'GET'
      ? { body: { 'h207-orph': { users: ['a'], backend_roles: [], hosts: [], and_backend_roles: [], description: '' } } }
      : { status: 404, body: { status: 'NOT_FOUND', message: "role 'h207-orph' not found." } });
    const err = await outcome(withApi((api) => api.roleMappings.ensure('h207-orph', { users: ['a', 'b'] })));
    assert.ok(err instanceof SecurityApiError && err.resourceType === 'role', String(err));
    assert.deepEqual(writes(), ['PATCH rolesmapping/h207-orph']);
  });

  test('get of a missing entity whose 404 names another one is that error, not "absent"; its own 404 is absent', async () => {
    answer = () => ({ status: 404, body: { status: 'NOT_FOUND', message: "rolesmapping 'all_access' not found." } });
    const err = await outcome(withApi((api) => api.roleMappings.get('h207 other')));
    assert.ok(err instanceof SecurityApiError && err.resourceName === 'all_access', String(err));
    answer = () => ({ status: 404, body: { status: 'NOT_FOUND', message: "rolesmapping 'h207 other' not found." } });
    assert.equal(await withApi((api) => api.roleMappings.get('h207 other')), undefined);
  });
});

describe('h207 finding 7: an OpenSearch error document sent with a 200 is not a list of entities', () => {
  const errorDocument = { error: { root_cause: [{ type: 'security_exception', reason: 'no permissions for []' }], type: 'security_exception', reason: 'no permissions' } };
  test('list, listRaw, get and a pruning plan refuse it (SecurityModelError); nothing is written', async () => {
    answer = (req) => (req.url.endsWith('/authinfo') ? { body: { user_name: 'admin', roles: ['all_access'], backend_roles: [] } } : { body: errorDocument });
    const runs: Array<(api: SecurityApi) => Promise<unknown>> = [
      (api) => api.roles.list(),
      (api) => api.roleMappings.listRaw(),
      (api) => api.users.list(),
      (api) => api.roleMappings.get('error'),
      (api) => api.plan({ roleMappings: {} }, { prune: true }),
    ];
    for (const run of runs) {
      const err = await outcome(withApi(run));
      assert.ok(err instanceof SecurityModelError, String(err));
      assert.match(err.message, /OpenSearch error document \(security_exception\)/);
      assert.deepEqual(writes(), []);
    }
  });

  test('an action group named `error` (its own `type`, no `reason`) is still an entity', async () => {
    answer = () => ({ body: { error: { allowed_actions: ['indices:data/read*'], type: 'index', description: 'd' } } });
    const got = await withApi((api) => api.actionGroups.listRaw());
    assert.deepEqual(Object.keys(got), ['error']);
    // and the refusal of the document shape above is what made the difference
    answer = () => ({ body: errorDocument });
    assert.ok((await outcome(withApi((api) => api.actionGroups.listRaw()))) instanceof SecurityModelError);
  });
});

describe('h207 finding 3: a 2xx that is not the plugin\'s answer is refused, reads and the tenancy write alike', () => {
  const CONFIG = { default_tenant: '', private_tenant_enabled: true, multitenancy_enabled: false, sign_in_options: ['BASIC'] };
  test('tenancyConfig.put: the configuration the plugin answers is returned; anything else is "not known to be applied"', async () => {
    answer = () => ({ body: CONFIG });
    assert.deepEqual(await withApi((api) => api.tenancyConfig.put({ multitenancy_enabled: false })), CONFIG);
    for (const reply of [
      { body: { status: 'OK', message: 'x' } },
      { body: { status: 'FORBIDDEN', message: 'proxy says no' } },
      { body: '<html>login</html>', headers: { 'content-type': 'text/html' } },
      { status: 204, body: '' },
      { body: { ...CONFIG, multitenancy_enabled: 'false' } },
    ] satisfies StubReply[]) {
      answer = () => reply;
      const err = await outcome(withApi((api) => api.tenancyConfig.put({ multitenancy_enabled: false })));
      assert.ok(err instanceof SecurityModelError && isUnconfirmedWrite(err), `${JSON.stringify(reply)}: ${String(err)}`);
      assert.match(err.message, /tenancy\/config/);
    }
  });

  test('authInfo, health, permissionsInfo, account.get and tenancyConfig.get refuse a page, a string and another JSON body', async () => {
    const reads: Array<[string, (api: SecurityApi) => Promise<unknown>, unknown]> = [
      ['authInfo', (api) => api.authInfo(), { user: 'User [name=a]', user_name: 'a', roles: [] }],
      ['health', (api) => api.health(), { message: null, mode: 'strict', status: 'UP' }],
      ['permissionsInfo', (api) => api.permissionsInfo(), { user_name: 'a', has_api_access: true, disabled_endpoints: {} }],
      ['account.get', (api) => api.account.get(), { user_name: 'a', is_internal_user: true }],
      ['tenancyConfig.get', (api) => api.tenancyConfig.get(), CONFIG],
    ];
    for (const [label, read, good] of reads) {
      answer = () => ({ body: good });
      assert.deepEqual(await withApi(read), good, label);
      for (const reply of [
        { body: '<html>sso login</html>', headers: { 'content-type': 'text/html' } },
        { body: 'hello' },
        { body: { status: 'FORBIDDEN', message: 'no' } },
      ] satisfies StubReply[]) {
        answer = () => reply;
        const err = await outcome(withApi(read));
        assert.ok(err instanceof SecurityModelError, `${label} ${JSON.stringify(reply)}: ${String(err)}`);
      }
    }
  });
});

describe('h207 finding 10: a name longer than the request line limit', () => {
  test('get, put, delete and ensure say so with the way that works (SecurityModelError), the 400 as its cause', async () => {
    const name = `h207-${'y'.repeat(5000)}`;
    answer = () => ({ status: 400, body: { error: { root_cause: [{ type: 'too_long_http_line_exception', reason: 'An HTTP line is larger than 4096 bytes.' }], type: 'too_long_http_line_exception', reason: 'An HTTP line is larger than 4096 bytes.' }, status: 400 } });
    const runs: Array<(api: SecurityApi) => Promise<unknown>> = [(api) => api.roles.get(name), (api) => api.roles.put(name, { description: 'x' }), (api) => api.roles.delete(name), (api) => api.roles.ensure(name, { description: 'x' })];
    for (const run of runs) {
      const err = await outcome(withApi(run));
      assert.ok(err instanceof SecurityModelError, String(err));
      assert.match(err.message, /too_long_http_line_exception/);
      assert.match(err.message, /collection PATCH \(patch\(\[\.\.\.\]\) or plan\/apply\)/);
      assert.ok(!err.message.includes('yyyyyyyyyy'), 'the name itself is not repeated');
      assert.ok(err.cause instanceof Error);
    }
  });
});
