/**
 * The classifier against every documented refusal shape (fgac-reference.md §2), served by a
 * loopback stub server and received through a real opensearch-js Client, plus garbage bodies.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { Client, errors, type ApiResponse } from '@opensearch-project/opensearch';
import {
  AccessPolicyDeniedError,
  ConfigError,
  CredentialsError,
  ExpiredCredentialsError,
  FgacResponseError,
  IndexNotFoundError,
  MAX_MESSAGE_LENGTH,
  SecurityApiError,
  SecurityExceptionError,
  ServiceUnavailableError,
  SignatureMismatchError,
  ThrottledError,
  UnauthorizedError,
  isFgacError,
  isPermissionError,
  isRetryable,
} from '../../src/errors/classes.js';
import { classifyResponse, indicesFromPath, parseRetryAfter, parseSecurityReason, toTypedError } from '../../src/errors/classify.js';
import { rng } from '../domain/seed-data.js';

interface Canned {
  status: number;
  body: string;
  headers: Record<string, string>;
}

let server: http.Server;
let client: Client;
let next: Canned = { status: 200, body: '{}', headers: {} };

function json(status: number, body: unknown, headers: Record<string, string> = {}): Canned {
  return { status, body: JSON.stringify(body), headers: { 'content-type': 'application/json; charset=UTF-8', ...headers } };
}
function text(status: number, body: string, headers: Record<string, string> = {}): Canned {
  return { status, body, headers: { 'content-type': 'text/plain; charset=UTF-8', ...headers } };
}

/** Serves `canned` once and returns what the real client throws, mapped by toTypedError. */
async function refused(canned: Canned, method = 'GET', path = '/_search', body?: unknown): Promise<unknown> {
  next = canned;
  try {
    await client.transport.request(body === undefined ? { method, path } : { method, path, body: body as Record<string, unknown> });
  } catch (error) {
    assert.ok(error instanceof errors.ResponseError, `expected a ResponseError, got ${String(error)}`);
    return toTypedError(error);
  }
  assert.fail('the request should have been refused');
}

function securityBody(reason: string, status = 403): unknown {
  return { error: { root_cause: [{ type: 'security_exception', reason }], type: 'security_exception', reason }, status };
}

before(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(next.status, { 'content-length': Buffer.byteLength(next.body), ...next.headers });
      res.end(next.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  client = new Client({ node: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, maxRetries: 0 });
});

after(async () => {
  await client.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('security plugin denials (403 security_exception)', () => {
  test('backend_roles format: user, backend roles, action, tenant, indices [*] for /_search', async () => {
    const reason = 'no permissions for [indices:data/read/search] and User [name=new-user, backend_roles=[new-backend-role], requestedTenant=null]';
    const e = await refused(json(403, securityBody(reason), { 'x-amzn-requestid': 'req-123' }));
    assert.ok(e instanceof SecurityExceptionError);
    assert.ok(e instanceof errors.ResponseError);
    assert.ok(e instanceof FgacResponseError);
    assert.equal(e.kind, 'security_exception');
    assert.equal(e.statusCode, 403);
    assert.equal(e.meta.statusCode, 403);
    assert.deepEqual(e.meta.body, securityBody(reason));
    assert.deepEqual(e.body, securityBody(reason));
    assert.equal(e.method, 'GET');
    assert.equal(e.path, '/_search');
    assert.equal(e.requestId, 'req-123');
    assert.deepEqual(e.actions, ['indices:data/read/search']);
    assert.deepEqual(e.user, { name: 'new-user', backendRoles: ['new-backend-role'] });
    assert.equal(e.requestedTenant, null);
    assert.equal(e.roles, null);
    assert.deepEqual(e.indices, ['*']);
    assert.equal(e.message, 'User new-user (backend roles: new-backend-role) lacks indices:data/read/search on one or more of the indices matching [*]');
    assert.equal(e.name, 'SecurityExceptionError');
    assert.ok(e.stack?.startsWith('SecurityExceptionError: User new-user'));
    assert.ok(isPermissionError(e));
    assert.ok(isFgacError(e));
    assert.equal(isRetryable(e), false);
  });

  test('older roles= format is parsed as backend roles; indices come from the path', async () => {
    const reason = 'no permissions for [indices:data/read/search] and User [name=john, roles=[admin, dev-team], requestedTenant=null]';
    const e = await refused(json(403, securityBody(reason)), 'POST', '/flights,movies/_search?size=1', { query: { match_all: {} } });
    assert.ok(e instanceof SecurityExceptionError);
    assert.deepEqual(e.user, { name: 'john', backendRoles: ['admin', 'dev-team'] });
    assert.deepEqual(e.indices, ['flights', 'movies']);
    assert.equal(e.path, '/flights,movies/_search');
    assert.equal(e.method, 'POST');
    assert.equal(e.message, 'User john (backend roles: admin, dev-team) lacks indices:data/read/search on one or more of [flights, movies]');
  });

  test('injected roles: `associated roles [..]`', async () => {
    const reason = 'no permissions for [indices:data/write/index] and associated roles [role_a, role_b]';
    const e = await refused(json(403, securityBody(reason)), 'PUT', '/flights/_doc/1', { a: 1 });
    assert.ok(e instanceof SecurityExceptionError);
    assert.equal(e.user, null);
    assert.deepEqual(e.roles, ['role_a', 'role_b']);
    assert.deepEqual(e.actions, ['indices:data/write/index']);
    assert.equal(e.message, 'Request with injected roles [role_a, role_b] lacks indices:data/write/index on [flights]');
  });

  test('IAM role user with a requested tenant, several actions, no backend roles, cluster actions', async () => {
    const arn = 'arn:aws:iam::123456789012:role/IAMLimitedUserRole';
    const reason = `no permissions for [indices:data/read/search, indices:data/read/msearch] and User [name=${arn}, backend_roles=[${arn}], requestedTenant=analysts]`;
    const e = await refused(json(403, securityBody(reason)), 'GET', '/_msearch');
    assert.ok(e instanceof SecurityExceptionError);
    assert.deepEqual(e.actions, ['indices:data/read/search', 'indices:data/read/msearch']);
    assert.deepEqual(e.user, { name: arn, backendRoles: [arn] });
    assert.equal(e.requestedTenant, 'analysts');
    assert.equal(e.indices, null, '_msearch names its indices in the body');
    assert.equal(e.message, `User ${arn} (backend roles: ${arn}, tenant: analysts) lacks indices:data/read/search, indices:data/read/msearch`);

    const c = await refused(json(403, securityBody('no permissions for [cluster:monitor/health] and User [name=bob, backend_roles=[], requestedTenant=null]')), 'GET', '/_cluster/health');
    assert.ok(c instanceof SecurityExceptionError);
    assert.equal(c.indices, null);
    assert.equal(c.message, 'User bob (no backend roles) lacks cluster:monitor/health');
  });

  test('a security_exception without the permission text keeps the reason', async () => {
    const reason = 'Update is not supported when FLS or DLS or Fieldmasking is active';
    const e = await refused(json(403, securityBody(reason)), 'POST', '/flights/_update/1', { doc: {} });
    assert.ok(e instanceof SecurityExceptionError);
    assert.deepEqual(e.actions, []);
    assert.equal(e.user, null);
    assert.equal(e.message, `Security plugin denied the request: ${reason}`);
  });

  test('401 named-route denial: same reason as plain text -> SecurityExceptionError with status 401', async () => {
    const reason = 'no permissions for [cluster:admin/opendistro/ism/policy/get] and User [name=new-user, backend_roles=[new-backend-role], requestedTenant=null]';
    const e = await refused(text(401, reason), 'GET', '/_plugins/_ism/policies');
    assert.ok(e instanceof SecurityExceptionError);
    assert.equal(e.statusCode, 401);
    assert.deepEqual(e.actions, ['cluster:admin/opendistro/ism/policy/get']);
    assert.equal(e.user?.name, 'new-user');
    assert.ok(isPermissionError(e));
  });
});

describe('authentication failures (401) and 503', () => {
  test('plain-text `Unauthorized` with a Basic challenge', async () => {
    const e = await refused(text(401, 'Unauthorized', { 'www-authenticate': 'Basic realm="OpenSearch Security"' }));
    assert.ok(e instanceof UnauthorizedError);
    assert.ok(e instanceof errors.ResponseError);
    assert.equal(e.kind, 'unauthorized');
    assert.equal(e.reason, 'bad_credentials');
    assert.equal(e.challenge, 'Basic realm="OpenSearch Security"');
    assert.equal(e.bodyText, 'Unauthorized');
    assert.equal(e.meta.body, 'Unauthorized');
    assert.equal(e.statusCode, 401);
    assert.match(e.message, /username\/password was missing or wrong/);
    assert.ok(isPermissionError(e));
  });

  test('`Authentication finally failed` (no challenging domain)', async () => {
    const e = await refused(text(401, 'Authentication finally failed'));
    assert.ok(e instanceof UnauthorizedError);
    assert.equal(e.reason, 'authentication_failed');
    assert.equal(e.challenge, undefined);
  });

  test('empty-body 401 with a Bearer challenge (JWT domain)', async () => {
    const e = await refused({ status: 401, body: '', headers: { 'www-authenticate': 'Bearer realm="OpenSearch Security"' } });
    assert.ok(e instanceof UnauthorizedError);
    assert.equal(e.reason, 'bearer_rejected');
    assert.equal(e.bodyText, undefined);
    assert.match(e.message, /bearer token/);
  });

  test('503 `OpenSearch Security not initialized.` is a retryable ServiceUnavailableError', async () => {
    const e = await refused(text(503, 'OpenSearch Security not initialized.'));
    assert.ok(e instanceof ServiceUnavailableError);
    assert.equal(e.kind, 'unavailable');
    assert.equal(e.securityNotInitialized, true);
    assert.match(e.message, /not initialized yet/);
    assert.ok(isRetryable(e));
    assert.equal(isPermissionError(e), false);
    const gw = await refused(json(504, { message: 'Gateway Timeout' }, { 'retry-after': '3' }));
    assert.ok(gw instanceof ServiceUnavailableError);
    assert.equal(gw.securityNotInitialized, false);
    assert.equal(gw.retryAfterMs, 3000);
    assert.equal(gw.message, 'Gateway timeout (504): Gateway Timeout');
  });
});

describe('index missing', () => {
  test('404 index_not_found_exception', async () => {
    const err = { type: 'index_not_found_exception', reason: 'no such index [nope]', index: 'nope', 'resource.id': 'nope', 'resource.type': 'index_or_alias', index_uuid: '_na_' };
    const e = await refused(json(404, { error: { root_cause: [err], ...err }, status: 404 }), 'GET', '/nope/_search');
    assert.ok(e instanceof IndexNotFoundError);
    assert.equal(e.kind, 'index_not_found');
    assert.equal(e.index, 'nope');
    assert.equal(e.message, 'Index [nope] does not exist');
    assert.equal(isPermissionError(e), false);
  });

  test('403 when the user lacks the privilege (privilege checked before existence)', async () => {
    const reason = 'no permissions for [indices:data/read/search] and User [name=new-user, backend_roles=[new-backend-role], requestedTenant=null]';
    const e = await refused(json(403, securityBody(reason)), 'GET', '/nope/_search');
    assert.ok(e instanceof SecurityExceptionError);
    assert.equal(e.message, 'User new-user (backend roles: new-backend-role) lacks indices:data/read/search on [nope]');
  });
});

describe('Amazon OpenSearch Service edge (403/429)', () => {
  test('access policy denial for an anonymous request, no tail', async () => {
    const e = await refused(json(403, { Message: 'User: anonymous is not authorized to perform: es:ESHttpGet' }, { 'x-amzn-RequestId': 'aws-1' }));
    assert.ok(e instanceof AccessPolicyDeniedError);
    assert.equal(e.kind, 'access_policy_denied');
    assert.equal(e.principal, 'anonymous');
    assert.equal(e.anonymous, true);
    assert.equal(e.action, 'es:ESHttpGet');
    assert.equal(e.resource, undefined);
    assert.equal(e.explicitDeny, false);
    assert.equal(e.noAllowingPolicy, false);
    assert.equal(e.requestId, 'aws-1');
    assert.equal(e.message, 'Unsigned (anonymous) request denied by the domain access policy: es:ESHttpGet');
    assert.ok(isPermissionError(e));
  });

  test('access policy denial with resource and the `because no resource-based policy allows` tail', async () => {
    const arn = 'arn:aws:iam::123456789012:role/Reader';
    const resource = 'arn:aws:es:us-east-1:123456789012:domain/prod/flights/_search';
    const e = await refused(
      json(403, { Message: `User: ${arn} is not authorized to perform: es:ESHttpGet on resource: ${resource} because no resource-based policy allows the es:ESHttpGet action` }),
      'GET',
      '/flights/_search',
    );
    assert.ok(e instanceof AccessPolicyDeniedError);
    assert.equal(e.principal, arn);
    assert.equal(e.resource, resource);
    assert.equal(e.noAllowingPolicy, true);
    assert.equal(e.explicitDeny, false);
    assert.equal(e.message, `Request signed for ${arn} denied by the domain access policy: es:ESHttpGet on ${resource} (no statement allows it)`);
  });

  test('access policy explicit deny', async () => {
    const e = await refused(
      json(403, { Message: 'User: anonymous is not authorized to perform: es:ESHttpDelete with an explicit deny in a resource-based policy' }),
      'DELETE',
      '/flights',
    );
    assert.ok(e instanceof AccessPolicyDeniedError);
    assert.equal(e.action, 'es:ESHttpDelete');
    assert.equal(e.explicitDeny, true);
    assert.match(e.message, /explicit Deny/);
  });

  test('expired and invalid security tokens', async () => {
    const expired = await refused(json(403, { message: 'The security token included in the request is expired' }));
    assert.ok(expired instanceof ExpiredCredentialsError);
    assert.equal(expired.kind, 'expired_credentials');
    assert.equal(expired.reason, 'expired');
    assert.match(expired.message, /expired: refresh the credentials/);
    assert.ok(isPermissionError(expired));
    assert.equal(isRetryable(expired), false);
    const invalid = await refused(json(403, { message: 'The security token included in the request is invalid.' }));
    assert.ok(invalid instanceof ExpiredCredentialsError);
    assert.equal(invalid.reason, 'invalid');
  });

  test('signature mismatch, without and with the canonical string (token line redacted)', async () => {
    const prefix = 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
    const bare = await refused(json(403, { message: prefix }));
    assert.ok(bare instanceof SignatureMismatchError);
    assert.equal(bare.problem, 'mismatch');
    assert.equal(bare.canonicalRequest, undefined);
    assert.equal(bare.stringToSign, undefined);

    const token = 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKENvalue1234567890';
    const canonical = `GET\n/_search\n\nhost:search-x.us-east-1.es.amazonaws.com\nx-amz-date:20240101T000000Z\nx-amz-security-token:${token}\n\nhost;x-amz-date;x-amz-security-token\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855`;
    const toSign = 'AWS4-HMAC-SHA256\n20240101T000000Z\n20240101/us-east-1/es/aws4_request\n0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
    const full = await refused(json(403, { message: `${prefix}\n\nThe Canonical String for this request should have been\n'${canonical}'\n\nThe String-to-Sign should have been\n'${toSign}'\n` }));
    assert.ok(full instanceof SignatureMismatchError);
    assert.equal(full.stringToSign, toSign);
    assert.ok(full.canonicalRequest?.startsWith('GET\n/_search\n\nhost:search-x.us-east-1.es.amazonaws.com\n'));
    assert.ok(full.canonicalRequest?.includes('x-amz-security-token:[REDACTED]'));
    assert.ok(!JSON.stringify(full).includes(token), 'the session token echoed by AWS is redacted everywhere');
    assert.ok(!JSON.stringify(full.meta).includes(token));
    assert.match(full.message, /see canonicalRequest/);
  });

  test('clock skew, credential scope and malformed Authorization are signature problems', async () => {
    const skew = await refused(json(403, { message: 'Signature expired: 20240101T000000Z is now earlier than 20240101T001000Z (20240101T001500Z - 5 min.)' }));
    assert.ok(skew instanceof SignatureMismatchError);
    assert.equal(skew.problem, 'clock_skew');
    const scope = await refused(json(403, { message: "Credential should be scoped to a valid region, not 'eu-west-1'. " }));
    assert.ok(scope instanceof SignatureMismatchError);
    assert.equal(scope.problem, 'credential_scope');
    const malformed = await refused(
      json(403, { message: "Authorization header requires 'Signature' parameter. Authorization=AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20240101/us-east-1/es/aws4_request, SignedHeaders=host" }),
    );
    assert.ok(malformed instanceof SignatureMismatchError);
    assert.equal(malformed.problem, 'malformed');
    assert.ok(!JSON.stringify(malformed).includes('AKIAIOSFODNN7EXAMPLE'));
  });

  test('OpenSearch Serverless `Code=InvalidSignature` text', async () => {
    const e = await refused(text(403, 'Forbidden: Request signature is invalid. Code=InvalidSignature'));
    assert.ok(e instanceof SignatureMismatchError);
    assert.equal(e.problem, 'mismatch');
  });

  test('429 bodies: AWS, rejected execution, circuit breaker; Retry-After seconds and HTTP date', async () => {
    const aws = await refused(json(429, { message: 'Too many requests' }, { 'retry-after': '2' }));
    assert.ok(aws instanceof ThrottledError);
    assert.equal(aws.kind, 'throttled');
    assert.equal(aws.retryAfterMs, 2000);
    assert.equal(aws.source, 'aws');
    assert.equal(aws.message, 'Request throttled (429) by AWS: Too many requests; retry after 2 s');
    assert.ok(isRetryable(aws));
    assert.equal(isPermissionError(aws), false);

    const rejectedReason = 'rejected execution of coordinating operation [shard_detail=[flights][0][P], shard_coordinating_and_primary_bytes=0, replica_bytes=0, all_bytes=0, coordinating_operation_bytes=120, max_coordinating_and_primary_bytes=100]';
    const rejected = await refused(
      json(429, { error: { root_cause: [{ type: 'rejected_execution_exception', reason: rejectedReason }], type: 'rejected_execution_exception', reason: rejectedReason }, status: 429 }),
      'POST',
      '/_bulk',
    );
    assert.ok(rejected instanceof ThrottledError);
    assert.equal(rejected.source, 'rejected_execution');
    assert.equal(rejected.retryAfterMs, undefined);

    const breaker = await refused(json(429, { error: { type: 'circuit_breaking_exception', reason: '[parent] Data too large' }, status: 429 }));
    assert.ok(breaker instanceof ThrottledError);
    assert.equal(breaker.source, 'circuit_breaker');

    const date = new Date(Date.now() + 30_000).toUTCString();
    const dated = await refused(text(429, 'Rate exceeded', { 'retry-after': date }));
    assert.ok(dated instanceof ThrottledError);
    assert.ok(dated.retryAfterMs !== undefined && dated.retryAfterMs > 25_000 && dated.retryAfterMs <= 30_000);
  });
});

describe('security REST API errors', () => {
  test('{status,message}: not found, static, reserved, hidden', async () => {
    const nf = await refused(json(404, { status: 'NOT_FOUND', message: "user 'nobody' not found." }), 'GET', '/_plugins/_security/api/internalusers/nobody');
    assert.ok(nf instanceof SecurityApiError);
    assert.equal(nf.kind, 'security_api');
    assert.equal(nf.apiStatus, 'NOT_FOUND');
    assert.equal(nf.reason, "user 'nobody' not found.");
    assert.equal(nf.resourceState, 'not-found');
    assert.equal(nf.resourceName, 'nobody');
    assert.deepEqual(nf.invalidKeys, []);
    assert.equal(nf.message, "Security API GET /_plugins/_security/api/internalusers/nobody refused (NOT_FOUND): user 'nobody' not found.");
    assert.equal(isPermissionError(nf), false);

    const st = await refused(json(403, { status: 'FORBIDDEN', message: "Resource 'all_access' is static." }), 'PUT', '/_plugins/_security/api/roles/all_access', {});
    assert.ok(st instanceof SecurityApiError);
    assert.equal(st.resourceState, 'static');
    assert.equal(st.resourceName, 'all_access');
    const rs = await refused(json(403, { status: 'FORBIDDEN', message: "Resource 'kibana_server' is reserved." }), 'DELETE', '/_plugins/_security/api/internalusers/kibana_server');
    assert.ok(rs instanceof SecurityApiError);
    assert.equal(rs.resourceState, 'reserved');
    const hd = await refused(json(404, { status: 'NOT_FOUND', message: "Resource 'hidden_role' is not available." }), 'GET', '/_plugins/_security/api/roles/hidden_role');
    assert.ok(hd instanceof SecurityApiError);
    assert.equal(hd.resourceState, 'hidden');
  });

  test('No permission to access REST API names the user and security roles', async () => {
    const e = await refused(
      json(403, { status: 'FORBIDDEN', message: 'No permission to access REST API: User new-user with Security roles [new-role, other] does not have any role privileged for admin access' }),
      'GET',
      '/_plugins/_security/api/internalusers',
    );
    assert.ok(e instanceof SecurityApiError);
    assert.equal(e.user, 'new-user');
    assert.deepEqual(e.securityRoles, ['new-role', 'other']);
    assert.equal(e.resourceState, undefined);
  });

  test('validation shapes: invalid_keys, missing_mandatory_keys, wrong datatype, weak password, unparsable', async () => {
    const inv = await refused(json(400, { status: 'error', reason: 'Invalid configuration', invalid_keys: { keys: 'foo,bar' } }), 'PUT', '/_plugins/_security/api/internalusers/x', {});
    assert.ok(inv instanceof SecurityApiError);
    assert.equal(inv.apiStatus, 'error');
    assert.equal(inv.reason, 'Invalid configuration');
    assert.deepEqual(inv.invalidKeys, ['foo', 'bar']);
    assert.match(inv.message, /invalid keys: foo, bar$/);
    const miss = await refused(json(400, { status: 'error', reason: 'Invalid configuration', missing_mandatory_keys: { keys: 'password' } }), 'PUT', '/_plugins/_security/api/internalusers/x', {});
    assert.ok(miss instanceof SecurityApiError);
    assert.deepEqual(miss.missingKeys, ['password']);
    const dt = await refused(json(400, { status: 'error', reason: 'Wrong datatype', cluster_permissions: 'Array expected' }), 'PUT', '/_plugins/_security/api/roles/r', {});
    assert.ok(dt instanceof SecurityApiError);
    assert.deepEqual(dt.wrongDatatypes, { cluster_permissions: 'Array expected' });
    for (const reason of ['Weak password', 'Password is too short', 'Password is similar to user name', 'Could not parse content of request.']) {
      const e = await refused(json(400, { status: 'error', reason }), 'PUT', '/_plugins/_security/api/internalusers/x', {});
      assert.ok(e instanceof SecurityApiError, reason);
      assert.equal(e.reason, reason);
    }
    const notImpl = await refused(json(501, { status: 'NOT_IMPLEMENTED', message: 'Method POST not supported for this action.' }), 'POST', '/_plugins/_security/api/account', {});
    assert.ok(notImpl instanceof SecurityApiError);
  });
});

describe('fallback and non-response errors', () => {
  test('an unknown ResponseError stays the same object (plain ResponseError)', async () => {
    next = json(400, { error: { root_cause: [{ type: 'parsing_exception', reason: 'unknown query [nope]' }], type: 'parsing_exception', reason: 'unknown query [nope]' }, status: 400 });
    const original = await client.transport.request({ method: 'POST', path: '/_search', body: { query: { nope: {} } } }).catch((e: unknown) => e);
    const mapped = toTypedError(original);
    assert.equal(mapped, original);
    assert.ok(mapped instanceof errors.ResponseError);
    assert.equal(isFgacError(mapped), false);
    assert.equal((mapped as errors.ResponseError).statusCode, 400);
    const c = classifyResponse({ statusCode: 400, body: (mapped as errors.ResponseError).meta.body, method: 'POST', path: '/_search' });
    assert.equal(c.kind, 'unclassified');
    const m405 = await refused(json(405, { error: 'Incorrect HTTP method for uri [/x] and method [POST], allowed: [GET]', status: 405 }), 'POST', '/x', {});
    assert.equal(isFgacError(m405), false);
    assert.ok(m405 instanceof errors.ResponseError);
  });

  test('non-ResponseErrors are returned unchanged; typed errors are idempotent', () => {
    const plain = new Error('boom');
    assert.equal(toTypedError(plain), plain);
    for (const v of [null, undefined, 42, 'text', Symbol('s'), { meta: 1 }]) assert.equal(toTypedError(v), v);
    const conn = new errors.ConnectionError('connect ECONNREFUSED 127.0.0.1:1');
    assert.equal(toTypedError(conn), conn);
    const cfg = new ConfigError('auth.region', 'region is required');
    assert.equal(toTypedError(cfg), cfg);
    assert.equal(cfg.option, 'auth.region');
    assert.equal(cfg.kind, 'config');
    assert.ok(isFgacError(cfg));
    assert.equal(isPermissionError(cfg), false);
    const cause = new Error('NotAuthorizedException: Incorrect username or password.');
    const cred = new CredentialsError('cognito-idp:InitiateAuth', 'Cognito sign-in failed', { cause });
    assert.equal(cred.source, 'cognito-idp:InitiateAuth');
    assert.equal(cred.cause, cause);
    assert.equal(cred.kind, 'credentials');
    assert.ok(isFgacError(cred));
    assert.ok(isRetryable(new errors.TimeoutError('Request timed out', undefined as never)));
    assert.ok(isRetryable(conn));
    assert.equal(isRetryable(new errors.ConnectionError('self-signed certificate in certificate chain')), false);
  });

  test('a typed error can be built directly from meta, and mapping twice is stable', async () => {
    const e = await refused(json(403, { message: 'The security token included in the request is expired' }));
    assert.equal(toTypedError(e), e);
  });
});

describe('secrets and sizes in what the classifier returns', () => {
  /** A ResponseError whose meta is exactly `meta` (opensearch-js's constructor gets a benign copy). */
  function respErr(meta: Record<string, unknown>): errors.ResponseError {
    const err = new errors.ResponseError({ body: null, statusCode: 500, headers: null, warnings: null, meta: {} } as unknown as ApiResponse);
    (err as { meta: unknown }).meta = meta;
    return err;
  }

  test('a password echoed near the 300-character cut of a message is redacted before the cut', () => {
    for (const pad of [200, 217, 230, 260, 285, 299]) {
      const body = { error: { type: 'parsing_exception', reason: `${'x'.repeat(pad)} "password":"hunter2-Secret-Value" in the source` }, status: 400 };
      const c = classifyResponse({ statusCode: 400, method: 'PUT', path: '/x', body });
      assert.equal(c.kind, 'unclassified');
      assert.ok(!c.message.includes('hunter2-Secret'), `pad ${pad}: ${c.message}`);
      assert.ok(!c.message.includes('hunter2'), `pad ${pad}: ${c.message}`);
      const typed = toTypedError(respErr({ body, statusCode: 400, headers: {}, warnings: null, meta: {} }));
      assert.ok(!inspect(typed, { depth: Infinity }).includes('hunter2-Secret'));
    }
    // Same for the other excerpts: 429 reasons and AWS messages cut at 2000 / 4000 characters.
    const throttled = classifyResponse({ statusCode: 429, body: { message: `${'y'.repeat(280)} "password":"hunter2-Secret-Value"` } });
    assert.ok(!JSON.stringify(throttled).includes('hunter2'), throttled.message);
    const expired = classifyResponse({ statusCode: 403, body: { message: `The security token included in the request is expired ${'z'.repeat(1930)} "password":"hunter2-Secret-Value"` } });
    assert.equal(expired.kind, 'expired_credentials');
    assert.ok(!JSON.stringify(expired).includes('hunter2'));
  });

  test('classifyResponse returns its details redacted (canonical request, AWS message, reasons)', () => {
    const tok = 'FwoGZXIvYXdzEXAMPLEsessionTOKEN';
    const m = `The request signature we calculated does not match the signature you provided.\n\nThe Canonical String for this request should have been\n'GET\n/x\nX-Amz-Security-Token=${tok}\nhost:h\nx-amz-security-token:${tok}\n\nhost;x-amz-security-token\nabc'\n`;
    const c = classifyResponse({ statusCode: 403, body: { message: m }, method: 'GET', path: '/x' });
    assert.equal(c.kind, 'signature_mismatch');
    assert.ok(!JSON.stringify(c).includes(tok), JSON.stringify(c));
    if (c.kind === 'signature_mismatch') {
      assert.match(c.details.canonicalRequest ?? '', /^GET\n\/x\nX-Amz-Security-Token=\[REDACTED\]\nhost:h\nx-amz-security-token:\[REDACTED\]\n/);
      assert.ok(c.details.awsMessage.includes('[REDACTED]'));
    }
    const pw = 'Sup3r-Secret-Pw!';
    const security = classifyResponse({ statusCode: 403, body: securityBody(`no permissions for [x] and User [name=u, backend_roles=[password=${pw}], requestedTenant=null]`) });
    const api = classifyResponse({ statusCode: 400, body: { status: 'error', reason: `Invalid "password":"${pw}"`, password: 'String expected' } });
    for (const r of [security, api]) assert.ok(!JSON.stringify(r).includes(pw), JSON.stringify(r));
    if (api.kind === 'security_api') assert.deepEqual(api.details.wrongDatatypes, { password: 'String expected' });
  });

  test('toTypedError still redacts when reading the meta throws', () => {
    const basic = 'bWFzdGVyOnNlY3JldC1wdw==';
    // The inherited statusCode getter reads body.status, which throws here.
    const e = respErr({
      body: { get status(): number { throw new Error('x'); } },
      statusCode: undefined,
      headers: { 'set-cookie': 'sid=cookie-Secret-1' },
      warnings: null,
      meta: { request: { params: { method: 'GET', path: '/x', headers: { authorization: `Basic ${basic}` } } } },
    });
    const out = toTypedError(e) as errors.ResponseError;
    assert.ok(out instanceof errors.ResponseError);
    const texts = [inspect(out.meta, { depth: Infinity }), inspect(out, { depth: Infinity }), String(out), JSON.stringify(out)];
    for (const t of texts) assert.ok(!t.includes(basic) && !t.includes('cookie-Secret-1'), t);
  });

  test('String(err), `${err}` and JSON.stringify(err) work when the body holds a BigInt (enableLongNumeralSupport)', () => {
    const long = 12345678901234567890n;
    const bodies = [
      securityBody('no permissions for [indices:data/read/search] and User [name=u, backend_roles=[], requestedTenant=null]'),
      { error: { type: 'parsing_exception', reason: 'bad' }, status: 400 },
    ];
    for (const body of bodies) {
      (body as Record<string, unknown>).took = long;
      const status = (body as { status: number }).status;
      const err = toTypedError(respErr({ body, statusCode: status, headers: {}, warnings: null, meta: { request: { params: { method: 'GET', path: '/_search' } } } })) as errors.ResponseError;
      assert.equal(isFgacError(err), status === 403);
      assert.equal(typeof (err.meta.body as { took: unknown }).took, 'bigint', 'the body keeps its BigInt');
      for (const render of [() => String(err), () => `${err as unknown as string}`, () => JSON.stringify(err)]) {
        const text = render();
        assert.ok(text.includes('12345678901234567890'), text);
      }
    }
    const conn = toTypedError(new errors.ConnectionError('connect ECONNREFUSED', { body: { n: long }, statusCode: null, headers: null, warnings: null, meta: {} } as unknown as ApiResponse));
    assert.ok(JSON.stringify(conn).includes('12345678901234567890'));
  });

  test('security-exception messages are capped; the parsed fields keep the full text', () => {
    const reason = `${'denied because of a very long explanation; '.repeat(45_000)}end`;
    assert.ok(reason.length > 1_900_000);
    const c = classifyResponse({ statusCode: 403, body: securityBody(reason) });
    assert.equal(c.kind, 'security_exception');
    assert.ok(c.message.length <= MAX_MESSAGE_LENGTH + 1, `message of ${c.message.length} characters`);
    assert.ok(c.message.startsWith('Security plugin denied the request: denied because'));
    const err = toTypedError(respErr({ body: securityBody(reason), statusCode: 403, headers: {}, warnings: null, meta: {} })) as SecurityExceptionError;
    assert.ok(err instanceof SecurityExceptionError);
    assert.ok(err.message.length <= MAX_MESSAGE_LENGTH + 1);
    assert.equal(err.reason, reason);
    if (c.kind === 'security_exception') assert.equal(c.details.reason, reason);
    // A huge action list is parsed in full but does not grow the message either.
    const actions = Array.from({ length: 50_000 }, (_, i) => `indices:data/read/a${i}`);
    const many = classifyResponse({ statusCode: 403, body: securityBody(`no permissions for [${actions.join(', ')}] and User [name=u, backend_roles=[], requestedTenant=null]`), path: '/_search' });
    assert.ok(many.message.length <= MAX_MESSAGE_LENGTH + 1);
    if (many.kind === 'security_exception') assert.equal(many.details.actions.length, 50_000);
    const short = SecurityExceptionError.describe({ actions: [], user: null, requestedTenant: null, roles: null, indices: null, reason });
    assert.ok(short.length < 400, `describe gives ${short.length} characters`);
  });
});

describe('helpers', () => {
  test('parseRetryAfter: seconds, HTTP date, garbage (a decimal is not delta-seconds)', () => {
    assert.equal(parseRetryAfter('5'), 5000);
    assert.equal(parseRetryAfter('0.5'), undefined);
    assert.equal(parseRetryAfter(2), 2000);
    assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:50 GMT')), 10_000);
    assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 08:00:00 GMT')), 0);
    for (const bad of ['', 'soon', '-1', undefined, null, {}, Number.NaN, -3]) assert.equal(parseRetryAfter(bad), undefined);
  });

  describe('parseRetryAfter: HTTP-date is RFC 9110 §5.6.7 and nothing else, always GMT', () => {
    const NOW = Date.UTC(2026, 11, 3, 10, 0, 0);
    const at = (text: string, now = NOW): number | undefined => {
      const ms = parseRetryAfter(text, now);
      return ms === undefined ? undefined : now + ms;
    };
    const PAST = 0; // every date below is after 1970, so `now` 0 gives the instant itself

    test('IMF-fixdate, RFC 850 and asctime name one instant', () => {
      const instant = Date.UTC(1994, 10, 6, 8, 49, 37);
      for (const text of ['Sun, 06 Nov 1994 08:49:37 GMT', 'Sunday, 06-Nov-94 08:49:37 GMT', 'Sun Nov  6 08:49:37 1994', 'Sun Nov 06 08:49:37 1994']) {
        assert.equal(parseRetryAfter(text, PAST), instant, text);
      }
      assert.equal(parseRetryAfter('  Thu, 03 Dec 2026 10:00:30 GMT\t', NOW), 30_000, 'the field value is trimmed');
    });

    test('a zone-less asctime date is GMT whatever the TZ of the process', () => {
      const body = new URL('../../src/errors/body.ts', import.meta.url).href;
      const script = `import(${JSON.stringify(body)}).then((m) => console.log(m.parseRetryAfter('Sun Nov  6 08:49:37 1994', 0)))`;
      for (const tz of ['UTC', 'America/New_York', 'Asia/Kolkata']) {
        const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { env: { ...process.env, TZ: tz }, encoding: 'utf8' });
        assert.equal(child.status, 0, child.stderr);
        assert.equal(child.stdout.trim(), String(Date.UTC(1994, 10, 6, 8, 49, 37)), `TZ=${tz}`);
      }
    });

    test('RFC 850 two-digit years: more than 50 years ahead is the past century', () => {
      assert.equal(parseRetryAfter('Sunday, 06-Nov-94 08:49:37 GMT', NOW), 0, '1994 (past: no wait), not 2094');
      assert.equal(at('Wednesday, 06-Nov-30 08:49:37 GMT'), Date.UTC(2030, 10, 6, 8, 49, 37));
      assert.equal(at('Friday, 06-Nov-76 08:49:37 GMT'), Date.UTC(2076, 10, 6, 8, 49, 37), '50 years ahead is not more than 50');
      assert.equal(parseRetryAfter('Sunday, 06-Nov-77 08:49:37 GMT', NOW), 0, '1977 (past: no wait), not 2077');
    });

    test('what Date.parse takes but HTTP-date is not: refused', () => {
      for (const text of [
        '2026-12-03T10:00:00Z', '2026-12-03', '2026-12-03T10:00:00 GMT', 'Oct 2026', 'Dec 3 2026', 'Dec 3 2026 10:00', 'tomorrow 12:00',
        'Thu, 03 Dec 2026 10:00:00', 'Thu, 03 Dec 2026 10:00:00 UTC', 'Thu, 03 Dec 2026 10:00:00 +0000', 'Thu, 03 Dec 2026 10:00:00 EST',
        'Thu Dec 03 2026 10:00:00 GMT+0000 (Coordinated Universal Time)', 'Thu, 3 Dec 2026 10:00:00 GMT', 'Thu, 03 Dec 26 10:00:00 GMT',
        'thu, 03 dec 2026 10:00:00 gmt', 'Thursday, 03 Dec 2026 10:00:00 GMT', 'Thu, 03-Dec-26 10:00:00 GMT', 'Thu,  03 Dec 2026 10:00:00 GMT',
        'Thu, 03 Dec 2026 10:00 GMT', 'Thu, 03 Dec 2026 10:00:00 GMT x', 'Thu\t03 Dec 2026 10:00:00 GMT', 'Thu Dec 3 10:00:00 2026',
        'Thu Dec  3 10:00:00 2026 GMT', 'Thu Dec  3 10:00:00 26',
      ]) {
        assert.equal(parseRetryAfter(text, NOW), undefined, text);
      }
    });

    test('out-of-range fields and unknown names: refused; leap days and 23:59:60 read', () => {
      for (const text of [
        'Sun, 00 Nov 1994 08:49:37 GMT', 'Sun, 32 Nov 1994 08:49:37 GMT', 'Thu, 31 Apr 2026 10:00:00 GMT', 'Sat, 29 Feb 2025 10:00:00 GMT',
        'Mon, 29 Feb 2100 10:00:00 GMT', 'Thu, 03 Dec 2026 24:00:00 GMT', 'Thu, 03 Dec 2026 10:60:00 GMT', 'Thu, 03 Dec 2026 10:00:61 GMT',
        'Thu, 03 Dec 2026 10:00:60 GMT', 'Foo, 06 Nov 1994 08:49:37 GMT', 'Sun, 06 Nox 1994 08:49:37 GMT', 'Funday, 06-Nov-94 08:49:37 GMT',
        'Sun Nov  0 08:49:37 1994', 'Sun Nov 31 08:49:37 1994', 'Sun Nov  6 25:49:37 1994', 'Sunday, 31-Nov-94 08:49:37 GMT',
      ]) {
        assert.equal(parseRetryAfter(text, NOW), undefined, text);
      }
      assert.equal(parseRetryAfter('Thu, 29 Feb 2024 10:00:00 GMT', PAST), Date.UTC(2024, 1, 29, 10));
      assert.equal(parseRetryAfter('Tue, 29 Feb 2000 10:00:00 GMT', PAST), Date.UTC(2000, 1, 29, 10));
      assert.equal(parseRetryAfter('Sat, 31 Dec 2016 23:59:60 GMT', PAST), Date.UTC(2017, 0, 1), 'a leap second is the next second of POSIX time');
      assert.equal(parseRetryAfter('Mon, 06 Nov 1994 08:49:37 GMT', PAST), Date.UTC(1994, 10, 6, 8, 49, 37), 'a weekday that does not match the date is not checked');
    });

    test('hostile values: a past date waits 0; a huge delta or far date is kept (the policy refuses it against maxDelayMs); the rest is malformed', () => {
      assert.equal(parseRetryAfter('Sun, 06 Nov 1994 08:49:37 GMT', NOW), 0);
      assert.equal(parseRetryAfter('Fri, 31 Dec 9999 23:59:59 GMT', NOW), Date.UTC(9999, 11, 31, 23, 59, 59) - NOW);
      assert.equal(parseRetryAfter('99999999999', NOW), 99_999_999_999_000);
      assert.equal(parseRetryAfter(' 7 ', NOW), 7000);
      for (const text of ['1e3', '-1', '+5', '120, 60', '5 s', '0x10', 'Infinity', '1'.repeat(101)]) assert.equal(parseRetryAfter(text, NOW), undefined, text);
    });
  });

  test('indicesFromPath and parseSecurityReason edge cases', () => {
    assert.deepEqual(indicesFromPath('/logs-*/_search', ['indices:data/read/search']), ['logs-*']);
    assert.deepEqual(indicesFromPath('/my%2Cindex/_doc/1', ['indices:data/read/get']), ['my', 'index']);
    assert.equal(indicesFromPath('/_bulk', ['indices:data/write/bulk']), null);
    assert.equal(indicesFromPath('/flights/_search', ['cluster:monitor/health']), null);
    assert.equal(indicesFromPath(undefined, ['indices:data/read/search']), null);
    const empty = parseSecurityReason('no permissions for [] and User [name=u, backend_roles=[], requestedTenant=__user__]');
    assert.deepEqual(empty.actions, []);
    assert.equal(empty.requestedTenant, '__user__');
    const cognito = parseSecurityReason('no permissions for [indices:data/read/get] and User [name=Cognito/us-east-1_abc/alice, backend_roles=[arn:aws:iam::1:role/A, arn:aws:iam::1:role/B], requestedTenant=null]');
    assert.deepEqual(cognito.user, { name: 'Cognito/us-east-1_abc/alice', backendRoles: ['arn:aws:iam::1:role/A', 'arn:aws:iam::1:role/B'] });
  });
});

describe('garbage never throws', () => {
  /** Deterministic PRNG (mulberry32, shared with the seed data) so a failure is reproducible. */
  const prng = rng;
  const FRAGMENTS = [
    'no permissions for [', 'User [name=', ', backend_roles=[', 'roles=[', 'requestedTenant=', 'associated roles [', ']', '[', ',',
    'User: ', ' is not authorized to perform: ', ' on resource: ', 'with an explicit deny', 'security token included in the request is',
    'The Canonical String for this request should have been\n\'', "'\n", 'Signature expired:', 'Code=InvalidSignature', 'Resource \'',
    "' is static.", 'Unauthorized', 'Authentication finally failed', 'OpenSearch Security not initialized.', '{', '}', '"', '\\', '\u0000', '\uFFFF',
    '\uD800', 'ünïcödé', '\n', ' ', '=', 'Basic ', 'Bearer ', 'eyJhbGciOi.eyJzdWIiOi.sig', 'ASIAABCDEFGHIJKLMNOP',
  ];
  function randomText(r: () => number, max: number): string {
    let s = '';
    const n = Math.floor(r() * max);
    for (let i = 0; i < n; i++) s += r() < 0.7 ? (FRAGMENTS[Math.floor(r() * FRAGMENTS.length)] ?? '') : String.fromCharCode(Math.floor(r() * 0xffff));
    return s;
  }
  function randomValue(r: () => number, depth: number): unknown {
    const pick = Math.floor(r() * 10);
    if (depth > 4 || pick === 0) return randomText(r, 20);
    if (pick === 1) return null;
    if (pick === 2) return r() * 1e6 - 5e5;
    if (pick === 3) return r() < 0.5;
    if (pick === 4) return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
    if (pick === 5) return Buffer.from(randomText(r, 30));
    const obj: Record<string, unknown> = {};
    const keys = ['error', 'root_cause', 'type', 'reason', 'status', 'message', 'Message', 'invalid_keys', 'keys', 'index', randomText(r, 5)];
    for (let i = 0; i < 1 + Math.floor(r() * 5); i++) obj[keys[Math.floor(r() * keys.length)] ?? 'k'] = randomValue(r, depth + 1);
    if (r() < 0.3) obj.error = { type: r() < 0.5 ? 'security_exception' : 'index_not_found_exception', reason: randomText(r, 10), root_cause: randomValue(r, depth + 1) };
    return obj;
  }
  const STATUSES = [0, 200, 400, 401, 403, 404, 405, 429, 500, 502, 503, 504, 599, -1, Number.NaN];

  test('3000 random bodies x statuses: classifyResponse and toTypedError never throw', () => {
    const r = prng(0xfac7);
    for (let i = 0; i < 3000; i++) {
      const status = STATUSES[Math.floor(r() * STATUSES.length)] ?? 403;
      const body = randomValue(r, 0);
      const headers = r() < 0.5 ? { 'retry-after': randomText(r, 3), 'www-authenticate': randomText(r, 5), 'x-amzn-requestid': randomText(r, 5) } : null;
      const c = classifyResponse({ statusCode: status, headers, body, method: randomText(r, 3), path: randomText(r, 6) });
      assert.equal(typeof c.kind, 'string');
      assert.equal(typeof c.message, 'string');
      const err = new errors.ResponseError({
        body: null,
        statusCode: status,
        headers,
        warnings: null,
        meta: { request: { params: { method: 'GET', path: randomText(r, 6) } } },
      } as never);
      // opensearch-js's own constructor throws on some of these bodies, so the body goes in afterwards.
      err.meta.body = body;
      const mapped = toTypedError(err);
      assert.ok(mapped instanceof errors.ResponseError);
      assert.doesNotThrow(() => JSON.stringify(mapped));
    }
  });

  test('hostile bodies: circular, throwing proxies, huge strings, odd types', () => {
    const circular: Record<string, unknown> = { error: { type: 'security_exception' } };
    circular.self = circular;
    (circular.error as Record<string, unknown>).reason = circular;
    const hostile = new Proxy({}, {
      get() { throw new Error('get trap'); },
      ownKeys() { throw new Error('ownKeys trap'); },
      has() { throw new Error('has trap'); },
      getOwnPropertyDescriptor() { throw new Error('descriptor trap'); },
    });
    const huge = `${'no permissions for ['.repeat(50_000)}${'x'.repeat(5_000_000)}`;
    const bodies: unknown[] = [circular, hostile, huge, Buffer.alloc(3_000_000, 0xff), Symbol('s'), () => 1, 10n, new Date(), [], [[[]]], '{"error":', '{"a":1}'.repeat(10_000), { toJSON() { throw new Error('x'); } }];
    for (const body of bodies) {
      for (const status of [401, 403, 404, 429, 503]) {
        assert.doesNotThrow(() => classifyResponse({ statusCode: status, body, headers: hostile as Record<string, unknown> }));
        const err = new errors.ResponseError({ body: null, statusCode: status, headers: {}, warnings: null, meta: {} } as never);
        err.meta.body = body;
        assert.doesNotThrow(() => toTypedError(err));
      }
    }
    assert.doesNotThrow(() => toTypedError(hostile));
    assert.doesNotThrow(() => classifyResponse(hostile as never));
  });
});

describe('classification runs once per failed attempt', () => {
  function securityError(): errors.ResponseError {
    const reason = 'no permissions for [indices:data/read/search] and User [name=u, backend_roles=[], requestedTenant=null]';
    return new errors.ResponseError({ body: { error: { type: 'security_exception', reason }, status: 403 }, statusCode: 403, headers: {}, warnings: null, meta: {} } as unknown as ApiResponse);
  }

  test('mapping the same raw error again returns the same typed object (not a second classification)', () => {
    const raw = securityError();
    const first = toTypedError(raw);
    assert.ok(first instanceof SecurityExceptionError);
    assert.equal(toTypedError(raw), first);
    assert.equal(toTypedError(first), first);
  });

  test('an error that passed the boundary is not touched again: later mutation is not re-redacted', () => {
    const typed = toTypedError(securityError()) as SecurityExceptionError;
    const marker = 'password=visible-on-purpose';
    (typed as { reason: string }).reason = marker;
    assert.equal(toTypedError(typed), typed);
    assert.equal(typed.reason, marker, 'a second pass would have redacted it: the boundary ran again');
  });

  test('each attempt of a client request classifies its error once (retries included)', async () => {
    let hits = 0;
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        hits += 1;
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { type: 'x', reason: 'busy' }, status: 503 }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { createClient } = await import('../../src/client/create-client.js');
    const seen: unknown[] = [];
    const client = createClient({
      node: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      auth: { mode: 'none' },
      retry: { retries: 2, minDelayMs: 1, maxDelayMs: 2, onRetry: (i) => seen.push(i.error) },
    });
    const final = await client.info().catch((e: unknown) => e);
    await client.close();
    server.close();
    assert.equal(hits, 3);
    assert.equal(seen.length, 2);
    assert.ok(final instanceof ServiceUnavailableError);
    // what onRetry saw is exactly what later layers get: the same objects, never re-classified copies
    for (const e of [...seen, final]) assert.equal(toTypedError(e), e);
    assert.notEqual(seen[0], seen[1]);
  });
});

describe('a 403 that names no error type', () => {
  // The same refusal in every body shape gets one kind: a bare 403 (ForbiddenError, a permission error).
  const bodies: Array<[string, unknown]> = [
    ['{"error":{"reason":...}}', { error: { reason: 'no access' }, status: 403 }],
    ['{"error":"..."}', { error: 'no access', status: 403 }],
    ['plain text', 'no access'],
    ['empty', ''],
  ];
  for (const [name, body] of bodies) {
    test(`${name}: forbidden`, () => {
      assert.equal(classifyResponse({ statusCode: 403, body, method: 'GET', path: '/x/_search' }).kind, 'forbidden');
    });
  }
  test('a 403 with a type that is not a refusal is not made forbidden', () => {
    assert.notEqual(classifyResponse({ statusCode: 403, body: { error: { type: 'cluster_block_exception', reason: 'index [x] blocked by: [FORBIDDEN/8/index write (api)]' }, status: 403 }, method: 'PUT', path: '/x/_doc/1' }).kind, 'forbidden');
  });
});

describe('a 400 whose AWS-shaped message quotes expiry words', () => {
  test('is not expired credentials (only the AWS error type decides at 400)', () => {
    const quoted = classifyResponse({ statusCode: 400, body: { message: 'field [note] of doc 7: "The security token included in the request is expired"' }, method: 'POST', path: '/_bulk' });
    assert.notEqual(quoted.kind, 'expired_credentials');
  });
  test('the error type still decides at 400, and the text at 403', () => {
    const typed = classifyResponse({ statusCode: 400, headers: { 'x-amzn-errortype': 'ExpiredTokenException' }, body: { message: 'The security token included in the request is expired' }, method: 'GET', path: '/' });
    assert.equal(typed.kind, 'expired_credentials');
    const text = classifyResponse({ statusCode: 403, body: { message: 'The security token included in the request is expired' }, method: 'GET', path: '/' });
    assert.equal(text.kind, 'expired_credentials');
  });
});

test('toTypedError never throws on options of the wrong shape (null, a non-SecretSet secrets)', async () => {
  const { errors } = await import('@opensearch-project/opensearch');
  const e = new errors.ResponseError({ body: { error: { type: 'security_exception', reason: 'no permissions for [indices:data/read/search] and User [name=bob, backend_roles=[], requestedTenant=null]' }, status: 403 }, statusCode: 403, headers: {}, meta: {} } as never);
  for (const options of [null, 42, { secrets: 'x' }, { secrets: null }]) {
    assert.doesNotThrow(() => toTypedError(e, options as never), String(options));
  }
  assert.equal((toTypedError(e, null as never) as { kind?: string }).kind, 'security_exception');
});
