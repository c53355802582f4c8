/**
 * Real refusal bodies from the local domain (security plugin 2.x and the AWS-like edge) become the
 * right typed errors, with user, backend roles, action and principal parsed from the REAL body,
 * and without the credentials of the request anywhere in the error.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { inspect } from 'node:util';
import { Client, errors } from '@opensearch-project/opensearch';
import { AwsSigv4Signer } from '@opensearch-project/opensearch/aws';
import { loadConnection, type IamKeys } from '../domain/connection.js';
import { request } from '../domain/http.js';
import {
  AccessPolicyDeniedError,
  ExpiredCredentialsError,
  IndexNotFoundError,
  SecurityApiError,
  SecurityExceptionError,
  SignatureMismatchError,
  UnauthorizedError,
  isPermissionError,
} from '../../src/errors/classes.js';
import { toTypedError } from '../../src/errors/classify.js';
import { secretsOf } from '../../src/errors/secrets.js';
import { createClient } from '../../src/client/create-client.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const admin = { 'x-edge-admin': conn.edge.adminToken };
const MISSING = 'p3-errors-missing-index';
const WRONG_PASSWORD = 'p3-Wrong-Passw0rd-xyz';
const WEAK_PASSWORD = 'qwertyuiop123';
const EXPIRED_KEY: IamKeys & { expiration: string } = {
  accessKeyId: 'ASIAP3ERRORSEXPIRED01',
  secretAccessKey: 'p3-errors-expired-secret-key-0123456789',
  sessionToken: 'p3-errors-expired-session-token-abcdefghijklmnop',
  arn: conn.iam.limited.arn,
  expiration: '2020-01-01T00:00:00Z',
};

function basicClient(username: string, password: string): Client {
  return new Client({ node: conn.opensearch.url, auth: { username, password }, ssl: { ca }, maxRetries: 0 });
}

function signedClient(keys: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): Client {
  const signer = AwsSigv4Signer({
    region: conn.region,
    service: 'es',
    getCredentials: async () => ({ accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey, ...(keys.sessionToken ? { sessionToken: keys.sessionToken } : {}) }),
  });
  return new Client({ ...signer, node: conn.edge.url, ssl: { ca }, maxRetries: 0 });
}

/** Sends one request, expects a refusal, returns it mapped by toTypedError. */
async function refused(client: Client, method: string, path: string, body?: Record<string, unknown>, principal?: { name: string }): Promise<unknown> {
  try {
    await client.transport.request(body === undefined ? { method, path } : { method, path, body });
  } catch (error) {
    assert.ok(error instanceof errors.ResponseError, `expected a ResponseError, got ${String(error)}`);
    return toTypedError(error, principal === undefined ? {} : { principal });
  } finally {
    await client.close();
  }
  return assert.fail(`${method} ${path} should have been refused`);
}

function assertAbsent(e: unknown, secrets: string[]): void {
  const texts = [String((e as Error).message), JSON.stringify(e), inspect(e, { depth: Infinity }), inspect((e as { meta?: unknown }).meta, { depth: Infinity }), String((e as Error).stack)];
  for (const secret of secrets) {
    for (const text of texts) assert.ok(!text.includes(secret), `secret ${secret.slice(0, 5)}… leaked: ${text.slice(0, 200)}`);
  }
}

async function edgeAdmin(method: string, path: string, body?: unknown): Promise<void> {
  const r = await request(`${conn.edge.url}${path}`, { method, headers: admin, ca, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  assert.ok(r.status >= 200 && r.status < 300, `${method} ${path}: ${r.status} ${r.text}`);
}

describe('security plugin (direct node, basic auth)', () => {
  after(async () => {
    // In case the weak password was ever accepted by a differently configured node.
    const m = conn.users.master;
    await request(`${conn.opensearch.url}/_plugins/_security/api/internalusers/p3-errors-weak`, { method: 'DELETE', basic: `${m.username}:${m.password}`, ca });
  });

  test('wrong password -> UnauthorizedError (real plain-text body and Basic challenge)', async () => {
    const e = await refused(basicClient(conn.users.master.username, WRONG_PASSWORD), 'GET', '/_search');
    assert.ok(e instanceof UnauthorizedError);
    assert.ok(e instanceof errors.ResponseError);
    assert.equal(e.statusCode, 401);
    assert.equal(e.meta.body, 'Unauthorized');
    assert.equal(e.reason, 'bad_credentials');
    assert.equal(e.challenge, 'Basic realm="OpenSearch Security"');
    assert.equal(e.method, 'GET');
    assert.equal(e.path, '/_search');
    assert.ok(isPermissionError(e));
    assertAbsent(e, [WRONG_PASSWORD, Buffer.from(`${conn.users.master.username}:${WRONG_PASSWORD}`).toString('base64')]);
  });

  test('new-user GET /_search -> SecurityExceptionError with user, backend roles and action from the real body', async () => {
    const { username, password } = conn.users.limited;
    const e = await refused(basicClient(username, password), 'GET', '/_search');
    assert.ok(e instanceof SecurityExceptionError);
    assert.ok(e instanceof errors.ResponseError);
    assert.equal(e.statusCode, 403);
    assert.equal((e.meta.body as { error: { type: string } }).error.type, 'security_exception');
    assert.deepEqual(e.actions, ['indices:data/read/search']);
    assert.deepEqual(e.user, { name: 'new-user', backendRoles: ['new-backend-role'] });
    assert.equal(e.requestedTenant, null);
    assert.deepEqual(e.indices, ['*']);
    assert.equal(e.message, 'User new-user (backend roles: new-backend-role) lacks indices:data/read/search on one or more of the indices matching [*]');
    assertAbsent(e, [password, Buffer.from(`${username}:${password}`).toString('base64')]);
  });

  test('master-user on a missing index -> IndexNotFoundError', async () => {
    const { username, password } = conn.users.master;
    const e = await refused(basicClient(username, password), 'GET', `/${MISSING}/_search`);
    assert.ok(e instanceof IndexNotFoundError);
    assert.equal(e.statusCode, 404);
    assert.equal(e.index, MISSING);
    assert.equal(e.message, `Index [${MISSING}] does not exist`);
    assert.equal(isPermissionError(e), false);
    assertAbsent(e, [password]);
  });

  test('new-user on a missing index -> 403 SecurityExceptionError (privilege is checked before existence)', async () => {
    const { username, password } = conn.users.limited;
    const e = await refused(basicClient(username, password), 'GET', `/${MISSING}/_search`);
    assert.ok(e instanceof SecurityExceptionError);
    assert.equal(e.statusCode, 403);
    assert.deepEqual(e.indices, [MISSING]);
    assert.equal(e.message, `User new-user (backend roles: new-backend-role) lacks indices:data/read/search on [${MISSING}]`);
  });

  test('security REST API: no admin access, not found, static, weak password (password redacted)', async () => {
    const limited = conn.users.limited;
    const master = conn.users.master;
    const noAdmin = await refused(basicClient(limited.username, limited.password), 'GET', '/_plugins/_security/api/internalusers');
    assert.ok(noAdmin instanceof SecurityApiError);
    assert.equal(noAdmin.apiStatus, 'FORBIDDEN');
    assert.equal(noAdmin.user, 'new-user');
    assert.ok(noAdmin.securityRoles?.includes('new-role'));

    const missing = await refused(basicClient(master.username, master.password), 'GET', '/_plugins/_security/api/internalusers/p3-errors-nobody');
    assert.ok(missing instanceof SecurityApiError);
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.resourceState, 'not-found');
    assert.equal(missing.resourceName, 'p3-errors-nobody');

    const allAccess = { cluster_permissions: ['*'], index_permissions: [{ index_patterns: ['*'], allowed_actions: ['*'] }], tenant_permissions: [{ tenant_patterns: ['*'], allowed_actions: ['kibana_all_write'] }] };
    const isStatic = await refused(basicClient(master.username, master.password), 'PUT', '/_plugins/_security/api/roles/all_access', allAccess);
    assert.ok(isStatic instanceof SecurityApiError);
    assert.equal(isStatic.resourceState, 'static');
    assert.equal(isStatic.resourceName, 'all_access');

    const weak = await refused(basicClient(master.username, master.password), 'PUT', '/_plugins/_security/api/internalusers/p3-errors-weak', { password: WEAK_PASSWORD, backend_roles: ['p3-errors'] });
    assert.ok(weak instanceof SecurityApiError);
    assert.equal(weak.apiStatus, 'error');
    assert.equal(weak.reason, 'Weak password');
    assert.match(weak.message, /^Security API PUT \/_plugins\/_security\/api\/internalusers\/p3-errors-weak refused \(error\): Weak password$/);
    assertAbsent(weak, [WEAK_PASSWORD, master.password]);
  });
});

describe('names the plugin writes unescaped: the typed error names the real user, backend roles and tenant', () => {
  const PASSWORD = 'p3-Hostile-Passw0rd-9!';
  // names and backend roles an identity provider may hand the plugin; each would have misled a parser reading from the front
  const cases: Array<{ name: string; backendRoles: string[] }> = [
    { name: 'p3-h1], backend_roles=[all_access], requestedTenant=evil', backendRoles: [] },
    { name: 'p3-h2, backend_roles=[all_access]', backendRoles: ['p3-real'] },
    { name: 'p3-h3', backendRoles: ['p3-x]', 'p3-y'] },
    { name: 'p3-h4', backendRoles: ['arn:aws:iam::123456789012:role/p3-team,ops'] },
    { name: 'p3-h5 sp ace ünï', backendRoles: ['p3-ré', 'p3-[open'] },
    // AWS error words in a principal's name (an IAM role ARN, a SAML subject) in the plugin's plain-text route denial
    { name: 'p3-h6-ExpiredToken-rotator', backendRoles: ['p3-SignatureDoesNotMatch'] },
  ];
  const master = conn.users.master;
  const userPath = (name: string): string => `/_plugins/_security/api/internalusers/${encodeURIComponent(name)}`;
  before(async () => {
    for (const c of cases) {
      const put = (): ReturnType<typeof request> => request(`${conn.opensearch.url}${userPath(c.name)}`, { method: 'PUT', basic: `${master.username}:${master.password}`, ca, body: JSON.stringify({ password: PASSWORD, backend_roles: c.backendRoles }) });
      // the plugin answers 409 when another write to the security index came between its read and its write: again
      let r = await put();
      for (let tries = 1; r.status === 409 && tries < 8; tries++) r = await put();
      assert.ok(r.status === 200 || r.status === 201, `${c.name}: ${r.status} ${r.text}`);
    }
  });
  after(async () => {
    for (const c of cases) await request(`${conn.opensearch.url}${userPath(c.name)}`, { method: 'DELETE', basic: `${master.username}:${master.password}`, ca });
  });

  for (const c of cases) {
    test(`${JSON.stringify(c.name)} with ${JSON.stringify(c.backendRoles)}`, async () => {
      // the principal the request was sent as (createClient's basic mode passes it): it picks the reading naming this user
      const principal = { name: c.name };
      const e = await refused(basicClient(c.name, PASSWORD), 'GET', '/_cluster/settings', undefined, principal);
      assert.ok(e instanceof SecurityExceptionError, String(e));
      // the name is settled by the principal; roles in doubt (`, ` beside a stray bracket) are left unclaimed
      assert.equal(e.user?.name, c.name);
      if (e.ambiguous) assert.deepEqual(e.user?.backendRoles, []);
      else assert.deepEqual([...(e.user?.backendRoles ?? [])].sort(), [...c.backendRoles].sort());
      assert.equal(e.requestedTenant, null);
      const api = await refused(basicClient(c.name, PASSWORD), 'GET', '/_plugins/_security/api/internalusers', undefined, principal);
      assert.ok(api instanceof SecurityApiError, String(api));
      assert.equal(api.user, c.name);
      assert.ok(Array.isArray(api.securityRoles), 'the roles list is read');
      // a named REST route refuses in plain text (401): the plugin's denial, never an AWS token or signature error
      const route = await refused(basicClient(c.name, PASSWORD), 'GET', '/_plugins/_security/whoamiprotected', undefined, principal);
      assert.ok(route instanceof SecurityExceptionError, String(route));
      assert.equal(route.statusCode, 401);
      assert.equal(route.user?.name, c.name);
      assert.equal(route.anyOf, route.actions.length > 1);
      assert.ok(route.actions.every((a) => !a.includes('[') && !a.includes(']')), route.actions.join(' | '));
    });
  }
});

describe('P2: a refused security-API write carrying a password leaves no trace (real plugin, the SDK client)', () => {
  const USERS = '/_plugins/_security/api/internalusers';
  const STRONG = 'P2-errors-Str0ng-Passw0rd!x9';
  const WEAK = 'qwertyuiop123';
  const b64 = (s: string): string => Buffer.from(s).toString('base64');
  const master = conn.users.master;
  const client = createClient({ node: conn.opensearch.url, auth: { mode: 'basic', username: master.username, password: master.password }, ssl: { ca } });
  // What the security API helpers do for every password they send: the client learns it, so an echo is removed by value too.
  secretsOf(client.transport).add(WEAK);

  /** Every form of the passwords that must be absent from everything the error exposes. */
  const forbidden = [WEAK, b64(WEAK), encodeURIComponent(WEAK), master.password, b64(`${master.username}:${master.password}`)];
  function assertNoTrace(e: unknown): void {
    const err = e as Error & { meta?: unknown };
    const texts = {
      message: String(err.message),
      stack: String(err.stack),
      string: String(err),
      json: JSON.stringify(err),
      inspect: inspect(err, { depth: Infinity }),
      inspectHidden: inspect(err, { depth: 10, showHidden: true }),
      meta: inspect(err.meta, { depth: Infinity }),
      metaJson: JSON.stringify(err.meta),
    };
    for (const [where, text] of Object.entries(texts)) {
      for (const secret of forbidden) assert.ok(!text.includes(secret), `${secret.slice(0, 4)}… leaked in ${where}: ${text.slice(Math.max(0, text.indexOf(secret) - 80), text.indexOf(secret) + 20)}`);
    }
  }

  before(async () => {
    await client.transport.request({ method: 'PUT', path: `${USERS}/p2-errors-user`, body: { password: STRONG, backend_roles: ['p2-errors'] } });
  });
  after(async () => {
    for (const name of ['p2-errors-user', 'p2-errors-user2', 'p2-errors-user3']) {
      await client.transport.request({ method: 'DELETE', path: `${USERS}/${name}` }).catch(() => undefined);
    }
    await client.close();
  });

  test('PATCH {op:add, path:/password, value} refused (Weak password): not in message, stack, JSON, inspect or meta', async () => {
    const e = await client.transport.request({ method: 'PATCH', path: `${USERS}/p2-errors-user`, body: [{ op: 'add', path: '/password', value: WEAK }] }).then(() => undefined, (x: unknown) => x);
    assert.ok(e instanceof SecurityApiError, String(e));
    assert.equal(e.statusCode, 400);
    assert.equal(e.reason, 'Weak password');
    const sent = (e.meta.meta as { request: { params: { body?: unknown } } }).request.params.body;
    assert.ok(sent !== undefined && String(JSON.stringify(sent)).includes('/password'), 'the request body is kept in meta, redacted');
    assertNoTrace(e);
  });

  test('PATCH of the user list, PUT with the password also under a harmless key: no trace either', async () => {
    const patch = await client.transport
      .request({ method: 'PATCH', path: USERS, body: [{ op: 'add', path: '/p2-errors-user2', value: { password: WEAK, backend_roles: ['p2-errors'] } }] })
      .then(() => undefined, (x: unknown) => x);
    assert.ok(patch instanceof SecurityApiError, String(patch));
    assertNoTrace(patch);
    const put = await client.transport
      .request({ method: 'PUT', path: `${USERS}/p2-errors-user3`, body: { password: WEAK, attributes: { hint: WEAK }, description: `was ${WEAK}` } })
      .then(() => undefined, (x: unknown) => x);
    assert.ok(put instanceof SecurityApiError, String(put));
    assert.equal(put.reason, 'Weak password');
    assertNoTrace(put);
  });
});

describe('edge (Amazon OpenSearch Service imitation)', () => {
  before(async () => {
    await edgeAdmin('POST', '/__edge/reset');
  });
  after(async () => {
    await edgeAdmin('POST', '/__edge/reset');
  });

  test('unsigned request under a policy naming only IAM principals -> AccessPolicyDeniedError', async () => {
    await edgeAdmin('PUT', '/__edge/policy', {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: [conn.iam.master.arn, conn.iam.limited.arn] }, Action: 'es:ESHttp*', Resource: `${conn.domainArn}/*` }],
    });
    const e = await refused(new Client({ node: conn.edge.url, ssl: { ca }, maxRetries: 0 }), 'GET', '/_search');
    assert.ok(e instanceof AccessPolicyDeniedError);
    assert.ok(e instanceof errors.ResponseError);
    assert.equal(e.statusCode, 403);
    assert.equal(e.principal, 'anonymous');
    assert.equal(e.anonymous, true);
    assert.equal(e.action, 'es:ESHttpGet');
    assert.equal(e.explicitDeny, false);
    assert.equal(e.noAllowingPolicy, true);
    assert.match(e.requestId ?? '', /^[0-9a-f-]{36}$/, 'x-amzn-RequestId of the edge');
    assert.equal(e.message, 'Unsigned (anonymous) request denied by the domain access policy: es:ESHttpGet (no statement allows it)');
    assert.ok(isPermissionError(e));
  });

  test('explicit Deny statement -> explicitDeny', async () => {
    await edgeAdmin('PUT', '/__edge/policy', {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'es:ESHttp*', Resource: `${conn.domainArn}/*` },
        { Effect: 'Deny', Principal: '*', Action: 'es:ESHttpDelete', Resource: `${conn.domainArn}/*` },
      ],
    });
    const e = await refused(new Client({ node: conn.edge.url, ssl: { ca }, maxRetries: 0 }), 'DELETE', '/p3-errors-deny');
    assert.ok(e instanceof AccessPolicyDeniedError);
    assert.equal(e.action, 'es:ESHttpDelete');
    assert.equal(e.explicitDeny, true);
    await edgeAdmin('POST', '/__edge/reset');
  });

  test('IAM role through the edge: SecurityExceptionError names the role ARN as user and backend role', async () => {
    const e = await refused(signedClient(conn.iam.limited), 'GET', '/movies/_search');
    assert.ok(e instanceof SecurityExceptionError);
    const arn = conn.iam.limited.arn;
    assert.deepEqual(e.user, { name: arn, backendRoles: [arn] });
    assert.deepEqual(e.actions, ['indices:data/read/search']);
    assert.equal(e.message, `User ${arn} (backend roles: ${arn}) lacks indices:data/read/search on [movies]`);
    assertAbsent(e, [conn.iam.limited.secretAccessKey, conn.iam.limited.sessionToken ?? 'none']);
  });

  test('expired and unknown security tokens -> ExpiredCredentialsError (expired / invalid)', async () => {
    await edgeAdmin('POST', '/__edge/credentials', EXPIRED_KEY);
    const expired = await refused(signedClient(EXPIRED_KEY), 'GET', '/_search');
    assert.ok(expired instanceof ExpiredCredentialsError);
    assert.equal(expired.reason, 'expired');
    assert.equal(expired.statusCode, 403);
    assertAbsent(expired, [EXPIRED_KEY.secretAccessKey, EXPIRED_KEY.sessionToken ?? 'none']);

    const unknown = await refused(signedClient({ accessKeyId: 'ASIAP3ERRORSUNKNOWN01', secretAccessKey: 'p3-unknown-secret-0123456789', sessionToken: 'p3-unknown-token-0123456789' }), 'GET', '/_search');
    assert.ok(unknown instanceof ExpiredCredentialsError);
    assert.equal(unknown.reason, 'invalid');
  });

  test('wrong secret key -> SignatureMismatchError with the canonical request (session token redacted)', async () => {
    const wrong = { ...conn.iam.limited, secretAccessKey: 'p3-errors-not-the-secret-0123456789abcd' };
    const e = await refused(signedClient(wrong), 'GET', '/flights/_search');
    assert.ok(e instanceof SignatureMismatchError);
    assert.equal(e.problem, 'mismatch');
    assert.ok(e.canonicalRequest?.startsWith('GET\n/flights/_search\n'), e.canonicalRequest);
    assert.ok(e.canonicalRequest?.includes('x-amz-security-token:[REDACTED]'), e.canonicalRequest);
    assert.ok(e.stringToSign?.startsWith('AWS4-HMAC-SHA256\n'));
    assertAbsent(e, [conn.iam.limited.sessionToken ?? 'none', conn.iam.limited.secretAccessKey, wrong.secretAccessKey]);
  });

  test('clock skew -> SignatureMismatchError problem clock_skew', async () => {
    await edgeAdmin('PUT', '/__edge/clock', { offsetSeconds: 3600 });
    const e = await refused(signedClient(conn.iam.master), 'GET', '/_search');
    assert.ok(e instanceof SignatureMismatchError);
    assert.equal(e.problem, 'clock_skew');
    assert.match(e.awsMessage, /^Signature expired:/);
    await edgeAdmin('PUT', '/__edge/clock', { offsetSeconds: 0 });
  });
});
