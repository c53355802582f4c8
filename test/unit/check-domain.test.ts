/**
 * checkDomain against a loopback stub (cases the real domain cannot show safely: security not
 * initialised, a legacy `_opendistro` prefix, no security plugin, Cognito user-pool names, assumed
 * roles), and the pure classification helpers.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, errors } from '@opensearch-project/opensearch';
import { oversizedBodyMessage } from '../../src/errors/guards.js';
import { createClient } from '../../src/client/create-client.js';
import {
  checkDomain, diagnoseError, identityFromAuthInfo, matchConfiguration, principalKindOf,
} from '../../src/diagnose/index.js';
import { ConfigError, ServiceUnavailableError } from '../../src/errors/classes.js';
import { startRecordingStub, type RecordingStub, type StubReply } from '../support/recording-stub.js';

let stub: RecordingStub;
let client: Client;
let routes: Record<string, StubReply> = {};

const authinfo = (user: string, roles: string[], extra: Record<string, unknown> = {}) => ({
  user: `User [name=${user}, backend_roles=[], requestedTenant=null]`, user_name: user, user_requested_tenant: null,
  backend_roles: [], custom_attribute_names: [], roles, tenants: { [user]: true }, principal: null, ...extra,
});

before(async () => {
  stub = await startRecordingStub();
  stub.reply = (req) => routes[`${req.method} ${req.url.split('?')[0]}`] ?? { status: 404, body: { error: 'no handler found', status: 404 } };
  client = new Client({ node: stub.url });
});

after(async () => {
  await client.close();
  await stub.close();
});

describe('checkDomain on a stub', () => {
  test('503 "OpenSearch Security not initialized." -> security_not_initialized, no retry by default', async () => {
    routes = { 'GET /_plugins/_security/authinfo': { status: 503, body: 'OpenSearch Security not initialized.' } };
    const before = stub.received.length;
    const r = await checkDomain(client);
    assert.equal(r.ok, false);
    assert.equal(r.authMode, undefined, 'a plain Client has no auth mode');
    assert.equal(r.diagnosis.length, 1);
    assert.equal(r.diagnosis[0]?.code, 'security_not_initialized');
    assert.ok(r.diagnosis[0]?.error instanceof ServiceUnavailableError);
    assert.match(r.diagnosis[0]?.fix ?? '', /securityadmin/);
    assert.equal(stub.received.length - before, 1);
  });

  test('the same through createClient, whose transport retries: retries 0 by default, honoured when given', async () => {
    routes = { 'GET /_plugins/_security/authinfo': { status: 503, body: 'OpenSearch Security not initialized.' } };
    const made = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { minDelayMs: 1, maxDelayMs: 2 } });
    try {
      let before = stub.received.length;
      assert.equal((await checkDomain(made)).diagnosis[0]?.code, 'security_not_initialized');
      assert.equal(stub.received.length - before, 1);
      before = stub.received.length;
      const r = await checkDomain(made, { retries: 2 });
      assert.equal(r.authMode, 'none');
      assert.equal(stub.received.length - before, 3);
    } finally {
      await made.close();
    }
  });

  test('legacy prefix: _plugins missing, _opendistro answers (account read there too)', async () => {
    routes = {
      'GET /_opendistro/_security/authinfo': { body: authinfo('admin', ['all_access']) },
      'GET /_opendistro/_security/api/account': { body: { user_name: 'admin', is_internal_user: true } },
    };
    const r = await checkDomain(client);
    assert.equal(r.ok, true);
    assert.equal(r.identity?.prefix, '_opendistro/_security');
    assert.equal(r.identity?.kind, 'internal-user');
    assert.equal(r.configuration?.id, 'internal-master');
    assert.deepEqual(stub.received.slice(-3).map((q) => q.url), [
      '/_plugins/_security/authinfo', '/_opendistro/_security/authinfo', '/_opendistro/_security/api/account',
    ]);
  });

  test('no security plugin at all', async () => {
    routes = {};
    const r = await checkDomain(client);
    assert.equal(r.ok, false);
    assert.equal(r.diagnosis[0]?.code, 'no_security_plugin');
  });

  test('a redirect (a Dashboards or SSO URL) is named as one, with its target but not its query', async () => {
    routes = {
      'GET /_plugins/_security/authinfo': {
        status: 302,
        headers: { location: 'https://sso.example.test/login?token=tok-SECRET-123&next=%2F' },
        body: '<html>moved</html>',
      },
    };
    const before = stub.received.length;
    const r = await checkDomain(client);
    assert.equal(r.ok, false);
    assert.equal(r.diagnosis.length, 1);
    assert.equal(r.diagnosis[0]?.code, 'redirected');
    assert.match(r.diagnosis[0]?.problem ?? '', /answered 302 redirecting to https:\/\/sso\.example\.test\/login;/);
    assert.doesNotMatch(JSON.stringify(r), /tok-SECRET|token=/);
    assert.equal(stub.received.length - before, 1, 'neither followed nor tried on the legacy prefix');
  });

  test('a body over the size limit is "response_too_large", not "unreachable"', async () => {
    // a declared length past V8's string limit: opensearch-js refuses it before reading (RequestAbortedError)
    routes = { 'GET /_plugins/_security/authinfo': { headers: { 'content-length': String(2 ** 30) }, body: 'x' } };
    const r = await checkDomain(client);
    assert.equal(r.diagnosis[0]?.code, 'response_too_large');
    assert.match(r.diagnosis[0]?.fix ?? '', /domain endpoint/);
    const counted = diagnoseError(new errors.ConnectionError(oversizedBodyMessage(469762024)));
    assert.equal(counted.code, 'response_too_large', 'the SDK\'s own counted limit (a ConnectionError)');
    assert.equal(diagnoseError(new errors.ConnectionError('connect ECONNREFUSED 127.0.0.1:1')).code, 'unreachable');
  });

  test('a Cognito user-pool user name; the account API may be refused', async () => {
    routes = {
      'GET /_plugins/_security/authinfo': { body: authinfo('Cognito/us-east-1_AbC123/alice', ['opensearch_dashboards_user', 'readall']) },
      'GET /_plugins/_security/api/account': { status: 403, body: { status: 'FORBIDDEN', message: 'Access denied' } },
    };
    const r = await checkDomain(client);
    assert.equal(r.ok, true);
    assert.equal(r.identity?.kind, 'cognito-user');
    assert.equal(r.identity?.internalUser, undefined);
    assert.equal(r.configuration?.id, 'cognito');
    assert.deepEqual(r.configuration?.recommended, ['c']);
  });

  test('account: false skips the account API', async () => {
    routes = { 'GET /_plugins/_security/authinfo': { body: authinfo('svc', ['readall']) } };
    const before = stub.received.length;
    const r = await checkDomain(client, { account: false });
    assert.equal(stub.received.length - before, 1);
    assert.equal(r.identity?.kind, 'external-user', 'without account info and auth mode, a plain name is not assumed internal');
    assert.equal(r.configuration?.id, 'external');
  });

  test('an IAM role without roles: the fix maps the role ARN as a backend role', async () => {
    const arn = 'arn:aws:iam::123456789012:role/Lambda';
    routes = { 'GET /_plugins/_security/authinfo': { body: authinfo(arn, [], { backend_roles: [arn] }) } };
    const r = await checkDomain(client, { account: false });
    assert.equal(r.ok, false);
    assert.equal(r.configuration?.id, 'unmapped');
    assert.match(r.diagnosis[0]?.fix ?? '', /addBackendRoles\('<role>', \['arn:aws:iam::123456789012:role\/Lambda'\]\)/);
  });
});

describe('classification helpers', () => {
  test('principalKindOf', () => {
    assert.equal(principalKindOf('arn:aws:iam::123456789012:role/a/b'), 'iam-role');
    assert.equal(principalKindOf('arn:aws-cn:iam::123456789012:user/bob'), 'iam-user');
    assert.equal(principalKindOf('arn:aws:sts::123456789012:assumed-role/R/session'), 'iam-assumed-role');
    assert.equal(principalKindOf('Cognito/us-east-1_X/alice'), 'cognito-user');
    assert.equal(principalKindOf('alice', { authMode: 'basic' }), 'internal-user');
    assert.equal(principalKindOf('alice', { internalUser: false, authMode: 'basic' }), 'external-user');
    assert.equal(principalKindOf('alice', { internalUser: true }), 'internal-user');
  });

  test('matchConfiguration', () => {
    const id = (user: string, roles: string[], hints = {}) => matchConfiguration(identityFromAuthInfo(authinfo(user, roles), hints)).id;
    assert.equal(id('arn:aws:sts::1:assumed-role/R/s', ['all_access']), 'external', 'account id must have 12 digits');
    assert.equal(id('arn:aws:sts::123456789012:assumed-role/R/s', ['all_access']), 'iam-master');
    assert.equal(id('arn:aws:iam::123456789012:user/u', ['readall']), 'iam-principal');
    assert.equal(id('alice', ['readall'], { internalUser: true }), 'internal-user');
    assert.equal(id('alice', [], { internalUser: true }), 'unmapped');
    const cognitoRole = identityFromAuthInfo(authinfo('arn:aws:iam::123456789012:role/Cognito_Auth', ['new-role']));
    assert.equal(matchConfiguration(cognitoRole, 'cognito').id, 'cognito');
    assert.equal(matchConfiguration(cognitoRole, 'iam').id, 'iam-principal');
  });

  test('an answer whose reason says little ("all shards failed") is diagnosed with its first root cause', () => {
    const body = { error: { root_cause: [{ type: 'illegal_argument_exception', reason: 'Result window is too large, from + size must be less than or equal to: [10000] but was [999999].' }], type: 'search_phase_execution_exception', reason: 'all shards failed' }, status: 400 };
    const err = new errors.ResponseError({ body, statusCode: 400, headers: {}, warnings: null, meta: {} as never });
    const d = diagnoseError(err);
    assert.match(d.problem, /HTTP 400: all shards failed \(Result window is too large, from \+ size must be less than or equal to: \[10000\]/, d.problem);
  });

  test('diagnoseError never throws, whatever it is given', () => {
    for (const value of [null, undefined, 42, 'text', {}, new Error('boom'), Object.create(null)]) {
      const d = diagnoseError(value);
      assert.equal(d.code, 'unexpected');
      assert.equal(d.severity, 'error');
    }
  });

  test('a bad client or option is a ConfigError naming it; nothing is sent', async () => {
    const before = stub.received.length;
    const bad: Array<[unknown, unknown, string]> = [
      [null, {}, 'client'], [{ transport: {} }, {}, 'client'], [client, null, 'options'],
      [client, { retries: -1 }, 'retries'], [client, { retries: '2' }, 'retries'], [client, { retries: Number.NaN }, 'retries'],
      [client, { requestTimeoutMs: 0 }, 'requestTimeoutMs'], [client, { requestTimeoutMs: 2 ** 31 }, 'requestTimeoutMs'],
      [client, { account: 'yes' }, 'account'], [client, { prefix: '_security' }, 'prefix'],
    ];
    for (const [c, options, option] of bad) {
      await assert.rejects(checkDomain(c as Client, options as object), (e: unknown) => e instanceof ConfigError && e.option === option, `${option}: ${String(options)}`);
    }
    assert.equal(stub.received.length, before);
  });
});

test('a report is redacted with the client\'s secrets: authinfo echoing the password and the Authorization header', async () => {
  const password = 'Echoed-Pass-4471x';
  const basic = `Basic ${Buffer.from(`alice:${password}`).toString('base64')}`;
  routes = {
    'GET /_plugins/_security/authinfo': { body: authinfo(password, ['reader'], { backend_roles: [basic, password] }) },
    'GET /_plugins/_security/api/account': { body: { user_name: password, is_internal_user: true } },
  };
  const sdk = createClient({ node: stub.url, auth: { mode: 'basic', username: 'alice', password }, allowInsecureTls: true } as Parameters<typeof createClient>[0]);
  try {
    const report = await checkDomain(sdk);
    const text = JSON.stringify(report);
    assert.ok(report.identity !== undefined, 'the probe answered');
    assert.ok(!text.includes(password), text);
    assert.ok(!text.includes(basic.slice(6)), 'nor the base64 of user:password');
  } finally {
    await sdk.close();
  }
});

test('authinfo echoing the SigV4 Authorization header and its signature (per request, not a client secret) is redacted too', async () => {
  const token = 'IQoJb3JpZ2luX2VjEBARE-diag-session-token-0123456789';
  const signatures: string[] = [];
  const previous = stub.reply;
  stub.reply = (req) => {
    const authorization = req.headers.authorization?.[0] ?? '';
    const signature = /Signature=([0-9a-f]{64})/.exec(authorization)?.[1] ?? 'none';
    signatures.push(signature);
    if (req.url.split('?')[0] !== '/_plugins/_security/authinfo') return { status: 404, body: { error: 'no handler found', status: 404 } };
    return { body: authinfo(`svc-${signature}`, ['reader'], { backend_roles: [authorization, signature] }) };
  };
  const sdk = createClient({
    node: stub.url,
    auth: { mode: 'iam', region: 'us-east-1', credentials: { accessKeyId: 'ASIADIAGECHO0001', secretAccessKey: 'diag-secret-key-0123456789', sessionToken: token } },
  } as Parameters<typeof createClient>[0]);
  try {
    const report = await checkDomain(sdk, { account: false });
    assert.ok(report.identity !== undefined, 'the probe answered');
    const signature = signatures[0]!;
    assert.match(signature, /^[0-9a-f]{64}$/);
    const text = JSON.stringify(report);
    assert.ok(!text.includes(signature), 'the signature survived in the report');
    assert.ok(text.includes('[REDACTED]'));
  } finally {
    stub.reply = previous;
    await sdk.close();
  }
});

test('diagnoseError hands back an error that is not ours nor opensearch-js\'s as a redacted copy (message, stack), keeping its name and code', async () => {
  const { inspect } = await import('node:util');
  const b64 = Buffer.from('admin:Diag-Pass-8812').toString('base64');
  const original = Object.assign(new TypeError(`fetch failed for https://admin:Diag-Pass-8812@h/ with Authorization: Basic ${b64}`), { code: 'ECONNRESET' });
  const d = diagnoseError(original);
  const text = `${inspect(d, { depth: 10 })} ${JSON.stringify(d)} ${String(d.error?.stack)}`;
  assert.ok(!text.includes('Diag-Pass-8812') && !text.includes(b64), text);
  assert.equal(d.error?.name, 'TypeError');
  assert.equal((d.error as Error & { code?: string }).code, 'ECONNRESET');
  assert.ok(original.message.includes('Diag-Pass-8812'), "the caller's own error is not changed");
});

test('a plain opensearch-js Client (not createClient): authinfo echoing its password and Authorization header is redacted too', async () => {
  const password = 'Raw-Client-Passw0rd-77';
  const plain = new Client({ node: stub.url, auth: { username: 'bob', password } });
  const header = `Basic ${Buffer.from(`bob:${password}`).toString('base64')}`;
  routes = { 'GET /_plugins/_security/authinfo': { body: authinfo('bob', ['reader'], { backend_roles: [`bob:${password}`], user: header }) }, 'GET /_plugins/_security/api/account': { body: {} } };
  const r = await checkDomain(plain);
  await plain.close();
  const text = JSON.stringify(r);
  assert.ok(!text.includes(password), text);
  assert.ok(!text.includes(Buffer.from(`bob:${password}`).toString('base64')), text);
});

test('an error this check does not know: the problem carries the status and the server\'s reason', async () => {
  routes = { 'GET /_plugins/_security/authinfo': { status: 500, body: { error: { type: 'exception', reason: 'boom in the node' }, status: 500 } } };
  const r = await checkDomain(client);
  const d = r.diagnosis[0];
  assert.equal(d?.code, 'unexpected');
  assert.match(d?.problem ?? '', /HTTP 500: boom in the node/);
  assert.doesNotMatch(d?.fix ?? '', /See `error`/);
});
