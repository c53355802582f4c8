import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import aws4 from 'aws4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { startEdge, type EdgeConfig, type EdgeCredential, type EdgeHandle, type PolicyDocument } from '../domain/edge/server.js';
import {
  buildCanonicalRequest,
  buildStringToSign,
  canonicalUri,
  sha256Hex,
  signString,
  uriEncode,
  verifySigV4,
  type ReceivedRequest,
} from '../domain/edge/sigv4.js';

// ------------------------------------------------------------------ fixtures

const ACCOUNT = '123456789012';
const DOMAIN_ARN = `arn:aws:es:us-east-1:${ACCOUNT}:domain/fgac-local`;
const LIMITED_ROLE = `arn:aws:iam::${ACCOUNT}:role/IAMLimitedUserRole`;
const MASTER_ROLE = `arn:aws:iam::${ACCOUNT}:role/IAMMasterUserRole`;
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
const ADMIN_TOKEN = 'test-admin-token';
const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const LIMITED: EdgeCredential = {
  accessKeyId: 'AKIDLIMITED',
  secretAccessKey: 'limited-secret',
  sessionToken: 'limited-session-token',
  expiration: new Date(Date.now() + 3600_000).toISOString(),
  arn: LIMITED_ROLE,
};
const ALICE_KEY: EdgeCredential = { accessKeyId: 'AKIDALICE', secretAccessKey: 'alice-secret', arn: ALICE };
const SESSION: EdgeCredential = {
  accessKeyId: 'ASIASESSION',
  secretAccessKey: 'session-secret',
  sessionToken: 'master-session-token',
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/IAMMasterUserRole/cli-session`,
};
const SHORT: EdgeCredential = {
  accessKeyId: 'ASIASHORT',
  secretAccessKey: 'short-secret',
  sessionToken: 'short-token',
  expiration: new Date(Date.now() + 120_000).toISOString(),
  arn: LIMITED_ROLE,
};

const ALLOW_ALL: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'es:ESHttp*', Resource: `${DOMAIN_ARN}/*` }],
};

interface Echo {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let dir = '';
let ca: Buffer;
let upstream: http.Server;
let upstreamHits = 0;
let edge: EdgeHandle;
let edgePort = 0;
let config: EdgeConfig;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'edge-test-'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ], { stdio: 'ignore' });
  ca = readFileSync(join(dir, 'cert.pem'));

  upstream = http.createServer((req, res) => {
    upstreamHits += 1;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const echo: Echo = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      res.writeHead(200, { 'content-type': 'application/json', connection: 'keep-alive', 'x-upstream': 'stub' });
      res.end(JSON.stringify(echo));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));

  config = {
    host: '127.0.0.1',
    port: 0,
    tls: { certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'key.pem') },
    upstream: { url: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}` },
    region: 'us-east-1',
    service: 'es',
    domainArn: DOMAIN_ARN,
    policy: structuredClone(ALLOW_ALL),
    credentials: [LIMITED, ALICE_KEY, SESSION, SHORT],
    adminToken: ADMIN_TOKEN,
  };
  edge = await startEdge(config);
  edgePort = Number(new URL(edge.url).port);
});

after(async () => {
  await edge.close();
  const closed = new Promise<void>((resolve) => upstream.close(() => resolve()));
  upstream.closeAllConnections();
  await closed;
  rmSync(dir, { recursive: true, force: true });
});

// ------------------------------------------------------------------ helpers

interface Outgoing {
  method: string;
  path: string;
  headers: Record<string, string | number | string[]>;
  body?: string | Buffer;
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

function send(out: Outgoing, port = edgePort): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      { host: '127.0.0.1', port, method: out.method, path: out.path, headers: out.headers, ca, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(out.body);
  });
}

function json(reply: Reply): Record<string, unknown> {
  return JSON.parse(reply.text) as Record<string, unknown>;
}

function echoOf(reply: Reply): Echo {
  assert.equal(reply.status, 200, `expected a forwarded 200, got ${reply.status}: ${reply.text}`);
  return JSON.parse(reply.text) as Echo;
}

function admin(method: string, path: string, body?: unknown, token: string | null = ADMIN_TOKEN): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers['x-edge-admin'] = token;
  return send({ method, path, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}

/** Signs with aws4 the way @opensearch-project/opensearch does; `path` may carry a query. */
function signAws4(cred: EdgeCredential, method: string, path: string, body?: string, extra: Record<string, string> = {}): Outgoing {
  const request: aws4.Request = {
    host: '127.0.0.1',
    method,
    path,
    service: 'es',
    region: 'us-east-1',
    headers: { Host: `127.0.0.1:${edgePort}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...extra },
    ...(body === undefined ? {} : { body }),
  };
  aws4.sign(request, { accessKeyId: cred.accessKeyId, secretAccessKey: cred.secretAccessKey, sessionToken: cred.sessionToken });
  return { method, path: request.path ?? '/', headers: request.headers as Record<string, string>, ...(body === undefined ? {} : { body }) };
}

/** Query serialisation a careful client does: RFC 3986 encoding of keys and values. */
function serializeQuery(query: Record<string, string | string[]>): string {
  return Object.entries(query)
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((value) => `${uriEncode(k)}=${uriEncode(value)}`))
    .join('&');
}

/** Signs with @smithy/signature-v4; `wirePath` is already percent-encoded once. */
async function signSmithy(
  cred: EdgeCredential,
  method: string,
  wirePath: string,
  options: { query?: Record<string, string | string[]>; body?: string; date?: Date; headers?: Record<string, string> } = {},
): Promise<Outgoing> {
  const signer = new SignatureV4({
    credentials: { accessKeyId: cred.accessKeyId, secretAccessKey: cred.secretAccessKey, ...(cred.sessionToken ? { sessionToken: cred.sessionToken } : {}) },
    region: 'us-east-1',
    service: 'es',
    sha256: Sha256,
  });
  const headers: Record<string, string> = { host: `127.0.0.1:${edgePort}`, ...options.headers };
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(options.body));
  }
  const request = new HttpRequest({
    method,
    protocol: 'https:',
    hostname: '127.0.0.1',
    port: edgePort,
    path: wirePath,
    query: options.query ?? {},
    headers,
    body: options.body,
  });
  const signed = await signer.sign(request, options.date === undefined ? {} : { signingDate: options.date });
  const qs = serializeQuery(options.query ?? {});
  return { method, path: qs === '' ? wirePath : `${wirePath}?${qs}`, headers: signed.headers, ...(options.body === undefined ? {} : { body: options.body }) };
}

function assertForwardedAs(echo: Echo, user: string, roles: string | undefined): void {
  assert.equal(echo.headers['x-proxy-user'], user);
  assert.equal(echo.headers['x-proxy-roles'], roles);
  assert.equal(echo.headers['x-forwarded-for'], '127.0.0.1');
  assert.equal(echo.headers.authorization, undefined, 'Authorization must not reach OpenSearch for IAM identities');
  for (const name of Object.keys(echo.headers)) assert.ok(!name.startsWith('x-amz-'), `${name} forwarded`);
}

const MISMATCH_START = 'The request signature we calculated does not match the signature you provided.';

// ------------------------------------------------------------------ pure checks

const SPECIAL_IDS = ['a:b', 'with space', '100%', 'café-ü-日本', "we!rd*(x)'~", 'a+b=c&d', 'x/y'];

test('hand-written canonical request and signature agree with aws4 for special ids and queries', () => {
  for (const id of SPECIAL_IDS) {
    const wire = `/flights/_doc/${encodeURIComponent(id)}`;
    const pathWithQuery = `${wire}?q=${encodeURIComponent("a b:c*'")}&pretty&routing=x%2Fy`;
    const signer = new aws4.RequestSigner({
      host: 'example.com', method: 'PUT', path: pathWithQuery, service: 'es', region: 'us-east-1', body: '{"a":1}',
      headers: { 'Content-Type': 'application/json', 'X-Amz-Date': '20240101T000000Z' },
    }, { accessKeyId: 'AK', secretAccessKey: 'SK' });
    const expectedAws4 = signer.canonicalString();
    const headers = signer.request.headers as Record<string, string | number>;
    const received: ReceivedRequest = {
      method: 'PUT',
      url: pathWithQuery,
      headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), [String(v)]])),
      body: Buffer.from('{"a":1}'),
    };
    const signedHeaders = signer.signedHeaders().split(';');
    const mine = buildCanonicalRequest(received, signedHeaders, sha256Hex('{"a":1}'));
    assert.equal(mine, expectedAws4, `id ${JSON.stringify(id)}`);
    // The raw wire path is encoded once more: `%` of the wire form becomes `%25`.
    assert.equal(canonicalUri(wire), `/flights/_doc/${uriEncode(encodeURIComponent(id))}`);

    const mySignature = signString('SK', '20240101', 'us-east-1', 'es',
      buildStringToSign('20240101T000000Z', '20240101/us-east-1/es/aws4_request', mine));
    assert.equal(mySignature, signer.signature(), `signature for ${JSON.stringify(id)}`);
  }
  assert.equal(canonicalUri('/idx/_doc/a%3Ab'), '/idx/_doc/a%253Ab');
  assert.equal(canonicalUri('/a//b/./c/../d/'), '/a/b/d/');
  assert.equal(canonicalUri('/'), '/');
});

test('verifySigV4 (library level) accepts smithy-signed requests and names the credential', async () => {
  const cred = ALICE_KEY;
  const signer = new SignatureV4({ credentials: { accessKeyId: cred.accessKeyId, secretAccessKey: cred.secretAccessKey }, region: 'us-east-1', service: 'es', sha256: Sha256 });
  const now = new Date();
  const signed = await signer.sign(new HttpRequest({
    method: 'GET', hostname: 'h', path: '/i/_doc/caf%C3%A9%3A1', query: { q: 'x y' }, headers: { host: 'h' },
  }), { signingDate: now });
  const headers = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), [v]]));
  const received: ReceivedRequest = { method: 'GET', url: '/i/_doc/caf%C3%A9%3A1?q=x%20y', headers, body: Buffer.alloc(0) };
  const opts = { region: 'us-east-1', service: 'es', now, findCredential: (id: string) => (id === cred.accessKeyId ? cred : undefined) };
  const ok = await verifySigV4(received, opts);
  assert.equal(ok.ok ? ok.credential.arn : ok.message, ALICE);
  // Decoding the path before verifying (the tempting mistake) must NOT verify.
  const decoded = await verifySigV4({ ...received, url: '/i/_doc/café:1?q=x%20y' }, opts);
  assert.equal(decoded.ok, false);
  const wrongRegion = await verifySigV4(received, { ...opts, region: 'eu-west-1' });
  assert.deepEqual(wrongRegion.ok ? null : wrongRegion.reason, 'scope');
});

// ------------------------------------------------------------------ through the edge

test('aws4-signed GET with a session token is forwarded as the role, impersonation headers stripped', async () => {
  const out = signAws4(LIMITED, 'GET', '/flights/_search?size=1', undefined, {
    'x-proxy-user': 'admin', 'X-Proxy-Roles': 'all_access', 'X-Forwarded-For': '6.6.6.6',
  });
  const reply = await send(out);
  const echo = echoOf(reply);
  assert.match(String(reply.headers['x-amzn-requestid']), REQUEST_ID);
  assert.equal(reply.headers['x-upstream'], 'stub');
  assert.equal(echo.url, '/flights/_search?size=1');
  assertForwardedAs(echo, LIMITED_ROLE, LIMITED_ROLE);
});

test('smithy-signed POST with JSON body and unsigned impersonation headers', async () => {
  const body = JSON.stringify({ query: { match: { Dest: 'Zürich' } } });
  const out = await signSmithy(ALICE_KEY, 'POST', '/flights/_search', { body });
  out.headers['x-proxy-user'] = 'admin';
  out.headers['x-proxy-roles'] = 'all_access';
  const echo = echoOf(await send(out));
  assert.equal(echo.method, 'POST');
  assert.equal(echo.body, body);
  assert.equal(echo.headers['content-length'], String(Buffer.byteLength(body)));
  assertForwardedAs(echo, ALICE, undefined);
});

test('assumed-role session ARNs are forwarded as the role ARN', async () => {
  const echo = echoOf(await send(signAws4(SESSION, 'GET', '/')));
  assertForwardedAs(echo, MASTER_ROLE, MASTER_ROLE);
});

test('ids with `:`, space, `%`, unicode and reserved characters verify with both signers', async () => {
  for (const id of SPECIAL_IDS) {
    const wire = `/flights/_doc/${encodeURIComponent(id)}`;
    const viaAws4 = await send(signAws4(LIMITED, 'PUT', wire, '{"x":1}'));
    assert.equal(echoOf(viaAws4).url, wire, `aws4 ${JSON.stringify(id)}`);
    const viaSmithy = await send(await signSmithy(LIMITED, 'PUT', wire, { body: '{"x":1}' }));
    assert.equal(echoOf(viaSmithy).url, wire, `smithy ${JSON.stringify(id)}`);
    const deleted = await send(await signSmithy(ALICE_KEY, 'DELETE', wire));
    assert.equal(echoOf(deleted).method, 'DELETE');
  }
});

test('aws4 given an unencoded unicode/space path rewrites it and still verifies', async () => {
  const out = signAws4(ALICE_KEY, 'GET', '/flights/_doc/café ü');
  assert.equal(out.path, '/flights/_doc/caf%C3%A9%20%C3%BC');
  assert.equal(echoOf(await send(out)).url, out.path);
});

test('query strings with special characters verify with both signers', async () => {
  const query = { q: "Dest:Zürich AND a+b", routing: 'x/y:z', pretty: '', tag: ['b', 'a'], sym: "!*'()~" };
  const smithy = await send(await signSmithy(LIMITED, 'GET', '/flights/_search', { query }));
  const forwarded = echoOf(smithy).url;
  assert.ok(forwarded.startsWith('/flights/_search?q=Dest%3AZ%C3%BCrich%20AND%20a%2Bb&'), forwarded);

  const raw = `/flights/_search?q=${encodeURIComponent(query.q)}&routing=x/y:z&pretty&tag=b&tag=a&sym=${encodeURIComponent(query.sym)}&plus=a+b`;
  echoOf(await send(signAws4(LIMITED, 'GET', raw)));
});

test('tampered signature -> 403 mismatch with the canonical string (double-encoded path)', async () => {
  const out = signAws4(ALICE_KEY, 'GET', `/flights/_doc/${encodeURIComponent('a:b')}`);
  const auth = String(out.headers.Authorization);
  const last = auth.slice(-1) === '0' ? '1' : '0';
  out.headers.Authorization = `${auth.slice(0, -1)}${last}`;
  const before = upstreamHits;
  const reply = await send(out);
  assert.equal(reply.status, 403);
  assert.match(String(reply.headers['x-amzn-requestid']), REQUEST_ID);
  const message = String(json(reply).message);
  assert.ok(message.startsWith(MISMATCH_START), message);
  assert.ok(message.includes("The Canonical String for this request should have been\n'GET\n/flights/_doc/a%253Ab\n"), message);
  assert.ok(message.includes("The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n"), message);
  assert.equal(upstreamHits, before, 'rejected requests must not reach OpenSearch');
});

test('wrong secret and tampered bodies -> mismatch', async () => {
  const wrongSecret = signAws4({ ...ALICE_KEY, secretAccessKey: 'nope' }, 'GET', '/');
  assert.ok(String(json(await send(wrongSecret)).message).startsWith(MISMATCH_START));

  const smithy = await signSmithy(ALICE_KEY, 'POST', '/flights/_doc', { body: '{"a":1}' });
  assert.ok(smithy.headers['x-amz-content-sha256'] !== undefined, 'smithy signs the payload hash');
  const tampered = await send({ ...smithy, body: '{"a":2}' });
  assert.equal(tampered.status, 403);
  assert.ok(String(json(tampered).message).startsWith(MISMATCH_START));

  const viaAws4 = signAws4(ALICE_KEY, 'POST', '/flights/_doc', '{"a":1}');
  const tampered4 = await send({ ...viaAws4, body: '{"a":2}' });
  assert.equal(tampered4.status, 403);
  assert.ok(String(json(tampered4).message).startsWith(MISMATCH_START));
});

test('unknown access key and session-token mismatch -> invalid token', async () => {
  const invalid = { message: 'The security token included in the request is invalid.' };
  const unknown = await send(signAws4({ ...ALICE_KEY, accessKeyId: 'AKIDUNKNOWN' }, 'GET', '/'));
  assert.equal(unknown.status, 403);
  assert.deepEqual(json(unknown), invalid);
  const wrongToken = await send(await signSmithy({ ...LIMITED, sessionToken: 'forged' }, 'GET', '/'));
  assert.deepEqual(json(wrongToken), invalid);
  const { sessionToken: _omit, ...noToken } = LIMITED;
  const missingToken = await send(signAws4(noToken, 'GET', '/'));
  assert.deepEqual(json(missingToken), invalid);
  const extraToken = await send(signAws4({ ...ALICE_KEY, sessionToken: 'not-expected' }, 'GET', '/'));
  assert.deepEqual(json(extraToken), invalid);
});

test('expired credential (edge clock moved forward) -> expired token', async (t) => {
  t.after(async () => {
    await admin('PUT', '/__edge/clock', { offsetSeconds: 0 });
  });
  echoOf(await send(signAws4(SHORT, 'GET', '/')));
  assert.equal((await admin('PUT', '/__edge/clock', { offsetSeconds: 3600 })).status, 200);
  const reply = await send(signAws4(SHORT, 'GET', '/'));
  assert.equal(reply.status, 403);
  assert.deepEqual(json(reply), { message: 'The security token included in the request is expired' });
});

test('request date outside 5 minutes of the edge clock -> signature expired / not yet current', async (t) => {
  t.after(async () => {
    await admin('PUT', '/__edge/clock', { offsetSeconds: 0 });
  });
  await admin('PUT', '/__edge/clock', { offsetSeconds: 600 });
  const date = new Date(Date.now());
  const out = await signSmithy(ALICE_KEY, 'GET', '/', { date });
  const reply = await send(out);
  assert.equal(reply.status, 403);
  const amzDate = String(out.headers['x-amz-date']);
  assert.match(String(json(reply).message), new RegExp(`^Signature expired: ${amzDate} is now earlier than \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z - 5 min\\.\\)$`));

  await admin('PUT', '/__edge/clock', { offsetSeconds: -600 });
  const future = await send(await signSmithy(ALICE_KEY, 'GET', '/'));
  assert.match(String(json(future).message), /^Signature not yet current: \d{8}T\d{6}Z is still later than/);

  await admin('PUT', '/__edge/clock', { offsetSeconds: 240 });
  echoOf(await send(await signSmithy(ALICE_KEY, 'GET', '/')));
});

test('access policy denial -> 403 with capital Message; explicit deny wording; nothing forwarded', async (t) => {
  t.after(async () => {
    await admin('POST', '/__edge/reset');
  });
  const masterOnly = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: MASTER_ROLE }, Action: 'es:*', Resource: `${DOMAIN_ARN}/*` },
      { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'es:ESHttpDelete', Resource: `${DOMAIN_ARN}/*` },
    ],
  };
  assert.equal((await admin('PUT', '/__edge/policy', masterOnly)).status, 200);
  const before = upstreamHits;

  const limited = await send(signAws4(LIMITED, 'GET', '/flights/_search'));
  assert.equal(limited.status, 403);
  assert.deepEqual(json(limited), {
    Message: `User: ${LIMITED_ROLE} is not authorized to perform: es:ESHttpGet because no resource-based policy allows the es:ESHttpGet action`,
  });
  const anonymous = await send({ method: 'GET', path: '/', headers: {} });
  assert.deepEqual(json(anonymous), {
    Message: 'User: anonymous is not authorized to perform: es:ESHttpGet because no resource-based policy allows the es:ESHttpGet action',
  });
  const basic = await send({ method: 'GET', path: '/', headers: { authorization: `Basic ${Buffer.from('admin:pw').toString('base64')}` } });
  assert.match(String(json(basic).Message), /^User: anonymous is not authorized/);
  const deleted = await send(signAws4(SESSION, 'DELETE', '/flights'));
  assert.deepEqual(json(deleted), {
    Message: `User: ${SESSION.arn} is not authorized to perform: es:ESHttpDelete with an explicit deny in a resource-based policy`,
  });
  assert.equal(upstreamHits, before);

  echoOf(await send(signAws4(SESSION, 'GET', '/flights/_search')));
  assert.equal(upstreamHits, before + 1);
});

test('basic auth passes through untouched; anonymous gets no proxy headers', async () => {
  const authorization = `Basic ${Buffer.from('new-user:Passw0rd!').toString('base64')}`;
  const echo = echoOf(await send({ method: 'GET', path: '/_plugins/_security/authinfo', headers: { authorization, 'x-proxy-user': 'admin' } }));
  assert.equal(echo.headers.authorization, authorization);
  assert.equal(echo.headers['x-proxy-user'], undefined);
  assert.equal(echo.headers['x-proxy-roles'], undefined);
  assert.equal(echo.headers['x-forwarded-for'], '127.0.0.1');
  const anon = echoOf(await send({ method: 'GET', path: '/', headers: { 'X-PROXY-USER': 'admin', 'x-forwarded-for': '1.1.1.1' } }));
  assert.equal(anon.headers['x-proxy-user'], undefined);
  assert.equal(anon.headers['x-forwarded-for'], '127.0.0.1');
});

test('admin API: 404 without the token, never forwarded; state hides secrets', async () => {
  const before = upstreamHits;
  for (const token of [null, 'wrong-token', `${ADMIN_TOKEN}x`]) {
    const reply = await admin('GET', '/__edge/state', undefined, token);
    assert.equal(reply.status, 404);
    assert.match(String(reply.headers['x-amzn-requestid']), REQUEST_ID);
  }
  assert.equal((await admin('POST', '/__edge/reset', undefined, null)).status, 404);
  assert.equal(upstreamHits, before, 'admin paths must never reach OpenSearch');

  const state = await admin('GET', '/__edge/state');
  assert.equal(state.status, 200);
  for (const secret of [LIMITED.secretAccessKey, LIMITED.sessionToken ?? '', ALICE_KEY.secretAccessKey]) {
    assert.ok(!state.text.includes(secret), 'state must not reveal secrets');
  }
  const body = json(state) as { credentials: Array<{ accessKeyId: string; arn: string }>; clockOffsetSeconds: number };
  assert.deepEqual(body.credentials.map((c) => c.accessKeyId).sort(), ['AKIDALICE', 'AKIDLIMITED', 'ASIASESSION', 'ASIASHORT']);
  assert.equal(body.clockOffsetSeconds, 0);
});

test('admin API: credentials add/replace/delete, policy validation, clock validation, reset', async (t) => {
  t.after(async () => {
    await admin('POST', '/__edge/reset');
  });
  const bob: EdgeCredential = { accessKeyId: 'AKIDBOB', secretAccessKey: 'bob-secret', arn: `arn:aws:iam::${ACCOUNT}:user/bob` };
  assert.equal((await send(signAws4(bob, 'GET', '/'))).status, 403);
  assert.equal((await admin('POST', '/__edge/credentials', bob)).status, 201);
  assertForwardedAs(echoOf(await send(signAws4(bob, 'GET', '/'))), bob.arn, undefined);
  assert.equal((await admin('POST', '/__edge/credentials', { ...bob, secretAccessKey: 'rotated' })).status, 200);
  assert.equal((await send(signAws4(bob, 'GET', '/'))).status, 403);
  echoOf(await send(signAws4({ ...bob, secretAccessKey: 'rotated' }, 'GET', '/')));
  assert.equal((await admin('POST', '/__edge/credentials', { accessKeyId: 'x' })).status, 400);

  assert.equal((await admin('DELETE', '/__edge/credentials/AKIDALICE')).status, 200);
  assert.deepEqual(json(await send(signAws4(ALICE_KEY, 'GET', '/'))), { message: 'The security token included in the request is invalid.' });
  assert.equal((await admin('DELETE', '/__edge/credentials/AKIDALICE')).status, 404);

  const badPolicy = await admin('PUT', '/__edge/policy', { Statement: [{ Effect: 'Permit' }] });
  assert.equal(badPolicy.status, 400);
  assert.match(String(json(badPolicy).message), /Effect/);
  assert.equal((await admin('PUT', '/__edge/clock', { offsetSeconds: 'soon' })).status, 400);

  assert.equal((await admin('POST', '/__edge/reset')).status, 200);
  echoOf(await send(signAws4(ALICE_KEY, 'GET', '/')));
  assert.equal((await send(signAws4(bob, 'GET', '/'))).status, 403);
});

test('upstream down -> 502 upstream unavailable', async () => {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const deadPort = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const dead = await startEdge({ ...config, upstream: { url: `http://127.0.0.1:${deadPort}` } });
  try {
    const reply = await send({ method: 'GET', path: '/', headers: {} }, Number(new URL(dead.url).port));
    assert.equal(reply.status, 502);
    assert.deepEqual(json(reply), { message: 'upstream unavailable' });
    assert.match(String(reply.headers['x-amzn-requestid']), REQUEST_ID);
  } finally {
    await dead.close();
  }
});

test('https upstream verified with caFile', async () => {
  const tlsUpstream = https.createServer({ cert: ca, key: readFileSync(join(dir, 'key.pem')) }, (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ user: req.headers['x-proxy-user'], tls: true }));
  });
  await new Promise<void>((resolve) => tlsUpstream.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(tlsUpstream.address() as AddressInfo).port}`;
  const trusted = await startEdge({ ...config, upstream: { url, caFile: join(dir, 'cert.pem') } });
  const untrusted = await startEdge({ ...config, upstream: { url } });
  try {
    edgePort = Number(new URL(trusted.url).port);
    const ok = await send(signAws4(ALICE_KEY, 'GET', '/'));
    assert.deepEqual(json(ok), { user: ALICE, tls: true });
    edgePort = Number(new URL(untrusted.url).port);
    const refused = await send(signAws4(ALICE_KEY, 'GET', '/'));
    assert.equal(refused.status, 502, 'an upstream certificate outside caFile must not be trusted');
  } finally {
    edgePort = Number(new URL(edge.url).port);
    await Promise.all([trusted.close(), untrusted.close()]);
    const closed = new Promise<void>((resolve) => tlsUpstream.close(() => resolve()));
    tlsUpstream.closeAllConnections();
    await closed;
  }
});
