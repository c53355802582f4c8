/**
 * The local domain behaves like an Amazon OpenSearch Service domain with FGAC: the real security
 * plugin decides DLS/FLS/masking and 401/403, the edge does SigV4 + the domain access policy.
 * Everything here uses independent clients (node:https, botocore, @smithy/signature-v4), not the SDK.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { loadConnection } from '../domain/connection.js';
import { request } from '../domain/http.js';
import { flights } from '../domain/seed-data.js';
import { botocoreRequest, smithyRequest } from '../support/signers.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const master = `${conn.users.master.username}:${conn.users.master.password}`;
const limited = `${conn.users.limited.username}:${conn.users.limited.password}`;
const admin = { 'x-edge-admin': conn.edge.adminToken };
const ALL = JSON.stringify({ size: 1000, query: { match_all: {} } });

interface Hit { _id: string; _source: Record<string, unknown> }
interface SearchBody { hits: { total: { value: number }; hits: Hit[] } }

/** BLAKE2b-256 computed by Python's hashlib: a second implementation, not the SDK's. */
/** The default mask by Python's hashlib: the salt is BLAKE2b's personalization on 1.x/2.x, its salt on 3.x. */
function pythonBlake2b(values: string[], salt: string): string[] {
  const param = conn.maskingAlgorithm === 'BLAKE2B_LEGACY_DEFAULT' ? 'person' : 'salt';
  const script = 'import hashlib,json,sys\nd=json.load(sys.stdin)\np=d["salt"].encode()[:16]\n'
    + `print(json.dumps([hashlib.blake2b(v.encode(),digest_size=32,${param}=p).hexdigest() for v in d["values"]]))`;
  return JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify({ values, salt }), encoding: 'utf8' })) as string[];
}

const generated = new Map(flights().map(({ id, doc }) => [id, doc]));
const delayedIds = [...generated].filter(([, d]) => d.FlightDelay).map(([id]) => id).sort();

function assertLimitedView(body: SearchBody): void {
  const ids = body.hits.hits.map((h) => h._id).sort();
  assert.deepEqual(ids, delayedIds, 'only FlightDelay=true documents');
  const dests = body.hits.hits.map((h) => generated.get(h._id)!.Dest);
  const expected = pythonBlake2b(dests, conn.salt);
  body.hits.hits.forEach((h, i) => {
    assert.equal(h._source.FlightDelay, true);
    assert.ok(!('FlightNum' in h._source), `FlightNum hidden in ${h._id}`);
    assert.match(String(h._source.Dest), /^[0-9a-f]{64}$/);
    assert.equal(h._source.Dest, expected[i], `Dest of ${h._id} is BLAKE2b-256 keyed by the salt as ${conn.opensearch.version} does`);
    assert.equal(h._source.Origin, generated.get(h._id)!.Origin, 'unmasked fields are untouched');
  });
}

function assertFullView(body: SearchBody): void {
  assert.equal(body.hits.total.value, generated.size);
  for (const h of body.hits.hits) assert.deepEqual(h._source, generated.get(h._id));
}

describe('internal users over HTTP basic (direct to the node)', () => {
  test('the master user sees every flights document and every field', async () => {
    const r = await request(`${conn.opensearch.url}/flights/_search`, { method: 'POST', body: ALL, basic: master, ca });
    assert.equal(r.status, 200);
    assertFullView(r.json<SearchBody>());
  });

  test('new-user gets the security_exception of the guide on GET _search', async () => {
    const r = await request(`${conn.opensearch.url}/_search`, { basic: limited, ca });
    assert.equal(r.status, 403);
    const reason = 'no permissions for [indices:data/read/search] and User [name=new-user, backend_roles=[new-backend-role], requestedTenant=null]';
    assert.deepEqual(r.json(), {
      error: { root_cause: [{ type: 'security_exception', reason }], type: 'security_exception', reason }, status: 403,
    });
  });

  test('new-user sees only delayed flights, no FlightNum, Dest masked with the salt', async () => {
    const r = await request(`${conn.opensearch.url}/flights/_search`, { method: 'POST', body: ALL, basic: limited, ca });
    assert.equal(r.status, 200);
    assertLimitedView(r.json<SearchBody>());
  });

  test('a wrong password gets 401 with the Basic challenge', async () => {
    const r = await request(`${conn.opensearch.url}/`, { basic: 'new-user:not-the-password', ca });
    assert.equal(r.status, 401);
    assert.equal(r.headers['www-authenticate'], 'Basic realm="OpenSearch Security"');
    assert.equal(r.text, 'Unauthorized');
  });

  test('proxy headers sent straight to the node are not trusted', async () => {
    const r = await request(`${conn.opensearch.url}/_plugins/_security/authinfo`, {
      ca, headers: { 'x-proxy-user': 'master-user', 'x-proxy-roles': 'all_access' },
    });
    assert.equal(r.status, 401);
  });
});

describe('IAM identities through the edge', () => {
  after(async () => {
    await request(`${conn.edge.url}/__edge/reset`, { method: 'POST', headers: admin, ca });
  });

  test('botocore-signed request for IAMLimitedUserRole gets the limited view', () => {
    const r = botocoreRequest({ url: `${conn.edge.url}/flights/_search`, method: 'POST', body: ALL,
      keys: conn.iam.limited, region: conn.region, caFile: conn.caFile });
    assert.equal(r.status, 200, r.body);
    assertLimitedView(JSON.parse(r.body) as SearchBody);
  });

  test('smithy-signed request for IAMMasterUserRole gets the full view', async () => {
    const r = await smithyRequest({ url: `${conn.edge.url}/flights/_search`, method: 'POST', body: ALL,
      keys: conn.iam.master, region: conn.region, caFile: conn.caFile });
    assert.equal(r.status, 200, r.text);
    assertFullView(r.json<SearchBody>());
  });

  test('the plugin sees the assumed role as user and backend role', async () => {
    const r = await smithyRequest({ url: `${conn.edge.url}/_plugins/_security/authinfo`, keys: conn.iam.limited,
      region: conn.region, caFile: conn.caFile });
    const info = r.json<{ user_name: string; backend_roles: string[]; roles: string[] }>();
    assert.equal(info.user_name, conn.iam.limited.arn);
    assert.deepEqual(info.backend_roles, [conn.iam.limited.arn]);
    assert.deepEqual(info.roles, ['new-role']);
  });

  test('the limited role gets the plugin 403 naming the role ARN on GET _search', async () => {
    const r = await smithyRequest({ url: `${conn.edge.url}/_search`, keys: conn.iam.limited, region: conn.region, caFile: conn.caFile });
    assert.equal(r.status, 403);
    assert.match(r.text, new RegExp(`User \\[name=${conn.iam.limited.arn.replace(/[/]/g, '\\/')}, backend_roles=\\[${conn.iam.limited.arn.replace(/[/]/g, '\\/')}\\]`));
  });

  test('an unsigned request under a policy naming IAM principals gets the AWS access-policy 403', async () => {
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: [conn.iam.master.arn, conn.iam.limited.arn] },
      Action: 'es:ESHttp*', Resource: `${conn.domainArn}/*` }] };
    const put = await request(`${conn.edge.url}/__edge/policy`, { method: 'PUT', headers: admin, body: JSON.stringify(policy), ca });
    assert.equal(put.status, 200, put.text);
    const r = await request(`${conn.edge.url}/flights/_search`, { basic: master, ca });
    assert.equal(r.status, 403);
    assert.deepEqual(r.json(), { Message: 'User: anonymous is not authorized to perform: es:ESHttpGet because no resource-based policy allows the es:ESHttpGet action' });
    const signed = await smithyRequest({ url: `${conn.edge.url}/flights/_count`, keys: conn.iam.master, region: conn.region, caFile: conn.caFile });
    assert.equal(signed.status, 200, 'a signed request by a named principal still passes');
    await request(`${conn.edge.url}/__edge/reset`, { method: 'POST', headers: admin, ca });
  });

  test('a tampered signature gets the AWS signature-mismatch body', async () => {
    const r = await smithyRequest({ url: `${conn.edge.url}/flights/_count`, keys: conn.iam.master, region: conn.region,
      caFile: conn.caFile, tamper: true });
    assert.equal(r.status, 403);
    assert.match(r.json<{ message: string }>().message, /^The request signature we calculated does not match the signature you provided\./);
  });

  test('an expired token gets the AWS expired-token body', async () => {
    const keys = { accessKeyId: 'ASIAEXPIRINGKEY00001', secretAccessKey: 'expiring-secret', sessionToken: 'expiring-token' };
    const add = await request(`${conn.edge.url}/__edge/credentials`, { method: 'POST', headers: admin, ca,
      body: JSON.stringify({ ...keys, arn: conn.iam.limited.arn, expiration: new Date(Date.now() + 60_000).toISOString() }) });
    assert.ok(add.status === 201 || add.status === 200, add.text);
    const ok = await smithyRequest({ url: `${conn.edge.url}/flights/_count`, keys, region: conn.region, caFile: conn.caFile });
    assert.equal(ok.status, 200, 'valid before it expires');
    // Move the edge clock past the expiry but keep the request date inside the 5 minute skew window.
    await request(`${conn.edge.url}/__edge/clock`, { method: 'PUT', headers: admin, ca, body: JSON.stringify({ offsetSeconds: 120 }) });
    const expired = await smithyRequest({ url: `${conn.edge.url}/flights/_count`, keys, region: conn.region, caFile: conn.caFile });
    assert.equal(expired.status, 403);
    assert.deepEqual(expired.json(), { message: 'The security token included in the request is expired' });
    await request(`${conn.edge.url}/__edge/reset`, { method: 'POST', headers: admin, ca });
  });

  test('a client-sent x-proxy-user header grants nothing through the edge', async () => {
    const r = await request(`${conn.edge.url}/_plugins/_security/authinfo`, { basic: limited, ca,
      headers: { 'x-proxy-user': 'master-user', 'x-proxy-roles': 'all_access' } });
    assert.equal(r.status, 200);
    assert.equal(r.json<{ user_name: string }>().user_name, 'new-user');
    const anon = await request(`${conn.edge.url}/_plugins/_security/authinfo`, { ca, headers: { 'x-proxy-user': 'admin' } });
    assert.equal(anon.status, 401);
    const signed = await smithyRequest({ url: `${conn.edge.url}/_plugins/_security/authinfo`, keys: conn.iam.limited,
      region: conn.region, caFile: conn.caFile, headers: { 'x-proxy-user': 'master-user', 'x-proxy-roles': 'all_access' } });
    assert.equal(signed.json<{ user_name: string }>().user_name, conn.iam.limited.arn);
  });

  test('basic auth passes through the edge untouched', async () => {
    const r = await request(`${conn.edge.url}/flights/_search`, { method: 'POST', body: ALL, basic: limited, ca });
    assert.equal(r.status, 200);
    assertLimitedView(r.json<SearchBody>());
  });
});

describe('Amazon Cognito (moto) -> identity pool credentials -> SigV4', () => {
  test('a Cognito user signs in and gets the limited view', async () => {
    const c = conn.cognito;
    const fake = { accessKeyId: 'moto', secretAccessKey: 'moto' };
    const idp = new CognitoIdentityProviderClient({ region: c.region, endpoint: c.endpoint, credentials: fake });
    const auth = await idp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: c.clientId,
      AuthParameters: { USERNAME: c.username, PASSWORD: c.password } }));
    const idToken = auth.AuthenticationResult?.IdToken;
    assert.ok(idToken, 'user pool sign-in returns an id token');
    const identity = new CognitoIdentityClient({ region: c.region, endpoint: c.endpoint, credentials: fake });
    const logins = { [`cognito-idp.${c.region}.amazonaws.com/${c.userPoolId}`]: idToken };
    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: c.identityPoolId, Logins: logins }));
    const { Credentials } = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }));
    assert.ok(Credentials?.AccessKeyId && Credentials.SecretKey && Credentials.SessionToken);
    const signer = new SignatureV4({ region: conn.region, service: 'es', sha256: Sha256,
      credentials: { accessKeyId: Credentials.AccessKeyId, secretAccessKey: Credentials.SecretKey, sessionToken: Credentials.SessionToken } });
    const u = new URL(`${conn.edge.url}/flights/_search`);
    const signed = await signer.sign({ method: 'POST', protocol: 'https:', hostname: u.hostname, port: Number(u.port),
      path: u.pathname, headers: { host: u.host, 'content-type': 'application/json' }, body: ALL });
    const r = await request(u.toString(), { method: 'POST', headers: signed.headers as Record<string, string>, body: ALL, ca });
    assert.equal(r.status, 200, r.text);
    assertLimitedView(r.json<SearchBody>());
  });
});
