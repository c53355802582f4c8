/**
 * Secrets reachable through an object graph or an output the other secret suites do not walk. From each value a
 * caller can hold (typed errors of every kind, results' `meta`, client event payloads, onRetry payloads, SecurityApi
 * results and errors, ingest reports, checkDomain reports, diagnoseError output, verifyHits reports, fromEnv and
 * ConfigError errors) a walker follows own properties by Reflect.ownKeys (string and symbol keys, enumerable or not),
 * calls own getters and getters of non-built-in prototypes (catching throws), array items, Map/Set entries, Error
 * `cause`/`errors`, to depth 12, and looks for the secret in forms computed here (plain, base64 of the password and
 * of `user:password`, URL-encoded, JSON-escaped, the session token, the secret key, the SigV4 signature the stub
 * received, the whole Authorization header the stub received). Renderings: util.inspect with showHidden and
 * depth Infinity, JSON.stringify, String, structuredClone (what worker.postMessage sends), `.stack`; and a child
 * process's stdout/stderr with DEBUG=opensearch*.
 *
 * Delimitation: the walker does not enter Node internals (instances of net.Socket, http.Agent, http.ClientRequest,
 * http.IncomingMessage, stream.Readable/Writable, net.Server): what went on the wire lives there by design
 * (`_header`). Everything else, the SDK's and opensearch-js's own objects included, is walked.
 * A result's response body and response headers are the server's answer, which the README leaves as they came:
 * successful results are walked below `meta.meta` and `meta.request`, not their body.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { createHmac } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { Readable, Writable } from 'node:stream';
import { inspect } from 'node:util';
import type { AddressInfo } from 'node:net';
import { Client } from '@opensearch-project/opensearch';
import { createClient, SecurityApi, checkDomain, diagnoseError, verifyHits, expectationsFromRoles, fromEnv, ingest } from '../../src/index.js';

// ---------------------------------------------------------------------------------------------------------------
// The walker

interface Hit {
  path: string;
  form: string;
  excerpt: string;
}

const BUILTIN_PROTOTYPES = new Set<object | null>([
  null, Object.prototype, Function.prototype, Array.prototype, Map.prototype, Set.prototype, Promise.prototype, Date.prototype, RegExp.prototype,
  URL.prototype, URLSearchParams.prototype, EventEmitter.prototype, Uint8Array.prototype, Buffer.prototype, Error.prototype, TypeError.prototype,
  RangeError.prototype, SyntaxError.prototype, AggregateError.prototype,
]);

/** Node internals the walker does not enter (they hold what went on the wire, by design). */
function isNodeInternal(value: object): boolean {
  return value instanceof net.Socket || value instanceof http.Agent || value instanceof http.ClientRequest || value instanceof http.IncomingMessage
    || value instanceof Readable || value instanceof Writable || value instanceof net.Server;
}

function keyLabel(key: string | symbol): string {
  if (typeof key === 'symbol') return `[${String(key)}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** Every place under `root` where one of `forms` occurs (4 characters or more). */
function walk(root: unknown, rootName: string, forms: Record<string, string>, maxDepth = 12): Hit[] {
  const hits: Hit[] = [];
  const seen = new Set<object>();
  let budget = 200_000;
  const check = (text: string, path: string): void => {
    for (const [form, value] of Object.entries(forms)) {
      if (value.length < 4) continue;
      const at = text.indexOf(value);
      if (at >= 0) hits.push({ path, form, excerpt: text.slice(Math.max(0, at - 40), at + value.length + 20) });
    }
  };
  const visit = (value: unknown, path: string, depth: number): void => {
    if (budget-- <= 0) return;
    if (typeof value === 'string') return check(value, path);
    if (typeof value === 'symbol') return check(value.description ?? '', path);
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return;
    const o = value as object;
    if (seen.has(o) || depth > maxDepth) return;
    seen.add(o);
    if (isNodeInternal(o)) return;
    if (o instanceof Uint8Array) {
      const b = Buffer.from(o.buffer, o.byteOffset, o.byteLength);
      check(b.toString('utf8'), `${path}<utf8>`);
      check(b.toString('latin1'), `${path}<latin1>`);
      return;
    }
    if (o instanceof URL) {
      check(o.href, `${path}.href`);
      check(decodeURIComponent(o.password), `${path}.password`);
    }
    if (o instanceof Map) {
      let i = 0;
      for (const [k, v] of o) {
        visit(k, `${path}<key ${i}>`, depth + 1);
        visit(v, `${path}.get(${typeof k === 'string' ? JSON.stringify(k) : i})`, depth + 1);
        i++;
      }
    }
    if (o instanceof Set) {
      let i = 0;
      for (const v of o) visit(v, `${path}<item ${i++}>`, depth + 1);
    }
    let keys: (string | symbol)[];
    try {
      keys = Reflect.ownKeys(o);
    } catch {
      return;
    }
    const isArray = Array.isArray(o);
    for (const key of keys) {
      if (typeof o === 'function' && (key === 'prototype' || key === 'caller' || key === 'arguments')) continue;
      let d: PropertyDescriptor | undefined;
      try {
        d = Reflect.getOwnPropertyDescriptor(o, key);
      } catch {
        continue;
      }
      if (d === undefined) continue;
      const p = isArray && typeof key === 'string' && /^\d+$/.test(key) ? `${path}[${key}]` : `${path}${keyLabel(key)}`;
      if ('value' in d) visit(d.value, p, depth + 1);
      else if (d.get !== undefined) {
        try {
          visit(d.get.call(o), `${p}<get>`, depth + 1);
        } catch {
          // a getter that throws
        }
      }
    }
    // getters of the SDK's and opensearch-js's classes (statusCode, body, headers...), called on the object
    let proto: object | null;
    try {
      proto = Object.getPrototypeOf(o) as object | null;
    } catch {
      proto = null;
    }
    for (let n = 0; n < 8 && proto !== null && !BUILTIN_PROTOTYPES.has(proto); n++) {
      for (const key of Reflect.ownKeys(proto)) {
        if (key === 'constructor' || keys.includes(key)) continue;
        const d = Reflect.getOwnPropertyDescriptor(proto, key);
        if (d?.get === undefined) continue;
        try {
          visit(d.get.call(o), `${path}${keyLabel(key)}<get>`, depth + 1);
        } catch {
          // a getter that throws
        }
      }
      proto = Object.getPrototypeOf(proto) as object | null;
    }
  };
  visit(root, rootName, 0);
  return hits;
}

/** The renderings a logger, a worker or a crash report produces. */
function renderings(value: unknown): Record<string, string> {
  const safe = (f: () => string): string => {
    try {
      return f();
    } catch (error) {
      return `(threw ${String((error as Error)?.name)})`;
    }
  };
  return {
    inspectHidden: safe(() => inspect(value, { showHidden: true, depth: Infinity })),
    json: safe(() => JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)) ?? ''),
    string: safe(() => String(value)),
    structuredClone: safe(() => inspect(structuredClone(value), { showHidden: true, depth: Infinity })),
    stack: safe(() => String((value as { stack?: unknown } | null)?.stack)),
  };
}

/** The walker's and the renderings' findings, one line each. */
function leaks(value: unknown, name: string, forms: Record<string, string>): string[] {
  const out = new Set<string>();
  for (const h of walk(value, name, forms)) out.add(`${h.path} holds ${h.form}: …${h.excerpt}…`);
  for (const [rendering, text] of Object.entries(renderings(value))) {
    for (const [form, v] of Object.entries(forms)) {
      if (v.length < 4) continue;
      const at = text.indexOf(v);
      if (at >= 0) out.add(`${rendering}(${name}) shows ${form}: …${text.slice(Math.max(0, at - 50), at + v.length + 10)}…`);
    }
  }
  return [...out];
}

function assertNoLeak(value: unknown, name: string, forms: Record<string, string>): void {
  const found = leaks(value, name, forms);
  assert.deepEqual(found, [], `${name}:\n${found.join('\n')}`);
}

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

/** Forms of a password (and of `user:password`), plus other secrets in plain, base64 and URL-encoded forms. */
function formsOf(user: string, password: string, extra: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {
    password, 'base64(password)': b64(password), 'base64(user:password)': b64(`${user}:${password}`),
    'urlencoded(password)': encodeURIComponent(password), 'json(password)': JSON.stringify(password).slice(1, -1),
  };
  for (const [k, v] of Object.entries(extra)) {
    out[k] = v;
    out[`base64(${k})`] = b64(v);
    out[`urlencoded(${k})`] = encodeURIComponent(v);
  }
  return out;
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function shut(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

// ---------------------------------------------------------------------------------------------------------------
// An OpenSearch stub that echoes what it received (Authorization, token, URL, body) into every answer

const USER = 'walk-user';
const PASS = 'W4lk"Pa/ss+w&rd%Zq';
const AKID = 'ASIAWALKKEY0123456';
const SECRET_KEY = 'walkSecretKey/abc+DEF0123456789xyzQQQQ';
const TOKEN = 'walkSessionTokenZZ/+=abcdefghij0123456789ABCDEFG';

/** What the stub received per request: the Authorization headers and SigV4 signatures. */
const received = { authorizations: new Set<string>(), signatures: new Set<string>() };

function echoHandler(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
  const auth = String(req.headers.authorization ?? '');
  if (auth !== '') received.authorizations.add(auth);
  const sig = /Signature=([0-9a-f]{64})/.exec(auth);
  if (sig !== null) received.signatures.add(sig[1] as string);
  const token = String(req.headers['x-amz-security-token'] ?? '');
  const echo = { url: req.url, headers: req.headers, body };
  const lines = Object.entries(req.headers).map(([k, v]) => `${k}: ${String(v)}`).join('\n');
  const m = new URL(req.url ?? '/', 'http://x').searchParams.get('m') ?? 'ok';
  const json = (status: number, b: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json', 'x-echo-auth': auth, 'x-echo-token': token, ...headers });
    res.end(JSON.stringify(b));
  };
  switch (m) {
    case 'ok': return json(200, { echo });
    case '401': return json(401, { error: { type: 'security_exception', reason: `Unauthorized ${auth}` }, status: 401, echo }, { 'www-authenticate': 'Basic realm="x"' });
    case '403': return json(403, { error: { type: 'security_exception', reason: `no permissions for [indices:data/read/search] and User [name=${USER}, backend_roles=[], requestedTenant=null] ${auth}` }, status: 403, echo });
    case 'aws403': return json(403, { message: `The request signature we calculated does not match the signature you provided. ${JSON.stringify(echo)} ${auth}` }, { 'x-amzn-errortype': 'InvalidSignatureException' });
    case 'expired': return json(403, { message: `The security token included in the request is expired ${token}` }, { 'x-amzn-errortype': 'ExpiredTokenException' });
    case '500': return json(500, { error: 'boom', echo });
    case '503': return json(503, { error: 'busy', echo, auth });
    case 'text502':
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`bad gateway for ${req.method} ${req.url}\n${lines}`);
      return;
    case 'badjson':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"echo": ${JSON.stringify(echo)}, broken`);
      return;
    case 'slow':
      setTimeout(() => { if (!res.destroyed) json(200, { echo }); }, 400);
      return;
    case 'reset':
      req.socket.destroy();
      return;
    default:
      json(404, { error: 'no such scenario' });
  }
}

const echoServer = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => echoHandler(req, res, Buffer.concat(chunks).toString('utf8')));
});
let echoUrl = '';
let deadUrl = '';
before(async () => {
  echoUrl = await listen(echoServer);
  const dead = net.createServer();
  await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
  deadUrl = `http://127.0.0.1:${(dead.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => dead.close(() => resolve()));
});
after(() => shut(echoServer));

type Mode = 'basic' | 'iam';
const authOf = (mode: Mode) => (mode === 'basic'
  ? { mode: 'basic' as const, username: USER, password: PASS }
  : { mode: 'iam' as const, region: 'us-east-1', credentials: { accessKeyId: AKID, secretAccessKey: SECRET_KEY, sessionToken: TOKEN } });

/** The forms of the mode's secrets, with what the stub received (signatures, Authorization headers). */
function modeForms(mode: Mode): Record<string, string> {
  const forms = mode === 'basic' ? formsOf(USER, PASS) : formsOf('x', SECRET_KEY, { sessionToken: TOKEN });
  [...received.signatures].forEach((s, i) => { forms[`signature${i}`] = s; });
  [...received.authorizations].forEach((a, i) => { forms[`authorization${i}`] = a.replace(/^(Basic|AWS4-HMAC-SHA256) /, ''); });
  return forms;
}

test('control: the walker finds the credential in a raw opensearch-js error (so a clean walk means something)', async () => {
  const raw = new Client({ node: echoUrl, auth: { username: USER, password: PASS } });
  try {
    const err = await raw.transport.request({ method: 'GET', path: '/x', querystring: { m: '401' } }).then(() => undefined, (e: unknown) => e);
    const hits = walk(err, 'err', formsOf(USER, PASS));
    assert.ok(hits.some((h) => h.path === 'err.meta.meta.connection.headers.authorization' && h.form === 'base64(user:password)'), hits.map((h) => h.path).join('\n'));
    // and the walker's reach: symbol keys, non-enumerable properties, prototype getters, Map values, causes, AggregateError.errors
    const hidden = Symbol('hidden');
    class Holder {
      get lazy(): string { return `lazy ${PASS}`; }
    }
    const deep = new AggregateError([new Error('x', { cause: { [hidden]: new Map([['k', new Holder()]]) } })], 'outer');
    Object.defineProperty(deep, 'quiet', { value: { token: b64(`${USER}:${PASS}`) }, enumerable: false });
    const paths = walk(deep, 'e', formsOf(USER, PASS)).map((h) => h.path);
    assert.ok(paths.includes('e.errors[0].cause[Symbol(hidden)].get("k").lazy<get>'), paths.join('\n'));
    assert.ok(paths.includes('e.quiet.token'), paths.join('\n'));
  } finally {
    await raw.close();
  }
});

for (const mode of ['basic', 'iam'] as const) {
  describe(`${mode}: errors, event payloads and onRetry payloads hold no secret anywhere in their graph`, () => {
    const scenarios = ['401', '403', 'aws403', 'expired', '500', '503', 'text502', 'badjson', 'slow', 'reset', 'abort', 'refused'] as const;
    for (const scenario of scenarios) {
      test(scenario, async () => {
        received.authorizations.clear();
        received.signatures.clear();
        const retries: unknown[] = [];
        const events: Array<{ event: string; err: unknown; payload: unknown }> = [];
        const client = createClient({
          node: scenario === 'refused' ? deadUrl : echoUrl, auth: authOf(mode), requestTimeoutMs: 250,
          retry: { retries: 1, minDelayMs: 1, maxDelayMs: 2, onRetry: (info) => { retries.push(info); } },
        });
        for (const event of ['request', 'response', 'sniff', 'resurrect'] as const) (client.on as (e: string, f: (err: unknown, payload: unknown) => void) => unknown)(event, (err, payload) => { events.push({ event, err, payload }); });
        try {
          const pending = client.transport.request({ method: 'GET', path: '/idx/_search', querystring: { m: scenario === 'abort' ? 'slow' : scenario } }) as Promise<unknown> & { abort(): void };
          if (scenario === 'abort') setImmediate(() => pending.abort());
          const err = await pending.then(() => assert.fail('the call fails'), (e: unknown) => e);
          assert.ok(err instanceof Error);
          const forms = modeForms(mode);
          if (mode === 'iam' && scenario !== 'refused' && scenario !== 'abort') assert.ok(received.signatures.size > 0, 'the stub captured the signature');
          assertNoLeak(err, 'err', forms);
          events.forEach((e, i) => assertNoLeak(e, `event${i}(${e.event})`, forms));
          retries.forEach((r, i) => assertNoLeak(r, `onRetry${i}`, forms));
          if (scenario === '503') assert.ok(retries.length > 0, 'the 503 was retried: its payload was walked');
          assertNoLeak(diagnoseError(err, mode, client), 'diagnoseError(err)', forms);
        } finally {
          await client.close();
        }
      });
    }
  });

  test(`${mode}: a successful result's meta (request params, options, connection) holds no secret as data`, async () => {
    received.authorizations.clear();
    received.signatures.clear();
    const client = createClient({ node: echoUrl, auth: authOf(mode), retry: { retries: 0 } });
    try {
      const result = await client.transport.request({ method: 'GET', path: '/idx/_search', querystring: { m: 'ok' } });
      const meta = result.meta as unknown as Record<string, unknown>;
      assertNoLeak({ request: meta.request, connection: meta.connection, context: meta.context, name: meta.name, attempts: meta.attempts }, 'result.meta', modeForms(mode));
    } finally {
      await client.close();
    }
  });

  test(`${mode}: no function reachable from a successful result hands out the credential (sign(), sentHeaders())`, async () => {
    received.authorizations.clear();
    received.signatures.clear();
    const client = createClient({ node: echoUrl, auth: authOf(mode), retry: { retries: 0 } });
    try {
      const result = await client.transport.request({ method: 'GET', path: '/idx/_search', querystring: { m: 'ok' } });
      const found: string[] = [];
      // every object of result.meta.request (Node internals excluded) with a sign/sentHeaders method: call it
      const seen = new Set<object>();
      const visit = (value: unknown, path: string, depth: number): void => {
        if (value === null || typeof value !== 'object' || seen.has(value) || depth > 8 || isNodeInternal(value)) return;
        seen.add(value);
        const o = value as Record<string | symbol, unknown>;
        for (const method of ['sign', 'sentHeaders'] as const) {
          if (typeof o[method] !== 'function') continue;
          let out: unknown;
          try {
            out = method === 'sign' ? (o.sign as (r: object) => unknown)({ method: 'GET', host: 'elsewhere.example', path: '/_plugins/_security/api/internalusers', headers: {}, body: null }) : (o.sentHeaders as () => unknown)();
          } catch {
            continue;
          }
          for (const h of walk(out, `${path}.${method}()`, modeForms(mode))) found.push(`${h.path} holds ${h.form}`);
        }
        for (const key of Reflect.ownKeys(o)) {
          const d = Reflect.getOwnPropertyDescriptor(o, key);
          if (d !== undefined && 'value' in d) visit(d.value, `${path}${keyLabel(key)}`, depth + 1);
        }
      };
      visit((result.meta as unknown as { request: unknown }).request, 'result.meta.request', 0);
      assert.deepEqual(found, [], found.join('\n'));
    } finally {
      await client.close();
    }
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Cognito: user pool and identity pool stubs that echo the request (PASSWORD, SECRET_HASH, id token) into refusals

describe('cognito: CredentialsErrors and their causes hold no secret the sign-in sent', () => {
  const now = (): number => Math.floor(Date.now() / 1000);
  const jwt = (exp: number): string => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ exp, sub: 'walk' })).toString('base64url')}.c2lnbmF0dXJlV2Fsaw`;
  const CPASS = 'C0gn"Pass/w+rd&9Qx';
  const CSECRET = 'cogClientSecret0123456789abcdefXYZ';
  const CUSER = 'cog-walk-user';
  const CID = 'client123abc';
  const ID_TOKEN = jwt(now() + 3600);
  const CRED = { AccessKeyId: 'ASIACOGWALK', SecretKey: 'cogWalk/secret+Key-0123456789', SessionToken: 'cogWalkSessionToken-abcdefghijklmnop' };
  const forms = formsOf(CUSER, CPASS, {
    clientSecret: CSECRET, secretHash: createHmac('sha256', CSECRET).update(CUSER + CID).digest('base64'), idToken: ID_TOKEN,
    secretKey: CRED.SecretKey, sessionToken: CRED.SessionToken, refreshToken: 'refreshTokWalk-abcdefghijklmnop',
  });
  let scenario = '';
  const cognito = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const target = String(req.headers['x-amz-target'] ?? '').split('.').pop();
      const fail = (): void => {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': 'NotAuthorizedException', 'x-echo': body.replace(/[^\x20-\x7e]/g, '') });
        res.end(JSON.stringify({ __type: 'NotAuthorizedException', message: `refused request ${body}`, Request: JSON.parse(body) as unknown, Echo: body }));
      };
      if (`${target}` === scenario) return fail();
      if (scenario === 'html500' && target === 'InitiateAuth') {
        res.writeHead(500, { 'content-type': 'text/html' });
        res.end(`<html>error ${body}</html>`);
        return;
      }
      const out = target === 'InitiateAuth' ? { AuthenticationResult: { IdToken: ID_TOKEN, AccessToken: jwt(now() + 3600), RefreshToken: 'refreshTokWalk-abcdefghijklmnop', ExpiresIn: 3600 } }
        : target === 'GetId' ? { IdentityId: 'us-east-1:11111111-2222-3333-4444-555555555555' }
          : { Credentials: { ...CRED, Expiration: now() + 3600 } };
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(out));
    });
  });
  const domain = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `The security token included in the request is invalid. ${JSON.stringify(req.headers)}` }));
    });
  });
  let curl = '';
  let durl = '';
  before(async () => {
    curl = await listen(cognito);
    durl = await listen(domain);
  });
  after(async () => {
    await shut(cognito);
    await shut(domain);
  });
  for (const s of ['InitiateAuth', 'GetId', 'GetCredentialsForIdentity', 'html500', 'domain403']) {
    test(s === 'domain403' ? 'the domain refuses the identity pool credentials, echoing the headers' : `${s} refused, echoing the request`, async () => {
      scenario = s;
      const events: unknown[] = [];
      const client = createClient({
        node: durl, retry: { retries: 0 },
        auth: { mode: 'cognito', region: 'us-east-1', userPoolId: 'us-east-1_AbCdEf123', clientId: CID, clientSecret: CSECRET, identityPoolId: 'us-east-1:00000000-1111-2222-3333-444444444444', username: CUSER, password: CPASS, endpoints: { cognitoIdp: curl, cognitoIdentity: curl } },
      });
      client.on('request', (err, payload) => { events.push({ err, payload }); });
      client.on('response', (err, payload) => { events.push({ err, payload }); });
      try {
        const err = await client.info().then(() => assert.fail('refused'), (e: unknown) => e);
        assertNoLeak(err, 'err', forms);
        events.forEach((e, i) => assertNoLeak(e, `event${i}`, forms));
      } finally {
        await client.close();
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------------------------
// SecurityApi against a stub that echoes the password it was sent

describe('SecurityApi: write results and errors hold no password the helpers sent', () => {
  const ADMIN = 'sec-admin';
  const ADMIN_PASS = 'Adm1n"Pass/w+rd&9QxYZ';
  const NEWPASS = 'N3wUser"Pass/w+rd&7Kq';
  const forms = { ...formsOf(ADMIN, ADMIN_PASS), ...Object.fromEntries(Object.entries(formsOf('u1', NEWPASS)).map(([k, v]) => [`new user ${k}`, v])) };
  let scenario = '';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const json = (status: number, b: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(b));
      };
      if (req.url === '/') return json(200, { version: { number: '2.19.4', distribution: 'opensearch' } });
      if (req.method === 'GET') return json(404, { status: 'NOT_FOUND', message: 'not found' });
      switch (scenario) {
        case 'message': return json(201, { status: 'CREATED', message: `created with ${body}` });
        case 'extra fields': return json(201, { status: 'CREATED', message: 'ok', echo: body, detail: JSON.parse(body) as unknown });
        case 'status': return json(200, { status: `NOPE ${body}`, message: body });
        case '400 reason': return json(400, { status: 'error', reason: `bad request ${body}`, invalid_keys: { keys: body } });
        case 'weak password': {
          const sent = JSON.parse(body) as { password?: string } | Array<{ value?: { password?: string } }>;
          return json(400, { status: 'error', reason: `Weak password: ${Array.isArray(sent) ? sent[0]?.value?.password : sent.password}` });
        }
        case '502 html':
          res.writeHead(502, { 'content-type': 'text/html' });
          res.end(`<html>${body}</html>`);
          return;
        case 'redirect':
          res.writeHead(302, { location: `http://login.example/?rd=${encodeURIComponent(`http://x${req.url}?b=${body}`)}` });
          res.end('');
          return;
        case '200 html':
          res.writeHead(200, { 'content-type': 'text/html' });
          res.end(`<html>${body}</html>`);
          return;
        default:
          req.socket.destroy();
      }
    });
  });
  let url = '';
  before(async () => { url = await listen(server); });
  after(() => shut(server));
  for (const s of ['message', 'extra fields', 'status', '400 reason', 'weak password', '502 html', 'redirect', '200 html', 'reset']) {
    test(s, async () => {
      scenario = s;
      const client = createClient({ node: url, auth: { mode: 'basic', username: ADMIN, password: ADMIN_PASS }, retry: { retries: 0 } });
      const security = new SecurityApi(client);
      try {
        const calls: Array<[string, () => Promise<unknown>]> = [
          ['users.put', () => security.users.put('u1', { password: NEWPASS, backend_roles: [] })],
          ['users.ensure', () => security.users.ensure('u1', { password: NEWPASS, backend_roles: [] })],
          ['users.patch', () => security.users.patch([{ op: 'add', path: '/u1', value: { password: NEWPASS, backend_roles: [] } }])],
        ];
        for (const [name, call] of calls) {
          const outcome = await call().then((r) => ({ r }), (e: unknown) => ({ e }));
          assertNoLeak('r' in outcome ? outcome.r : outcome.e, `${name} ${'r' in outcome ? 'result' : 'error'}`, forms);
        }
      } finally {
        await client.close();
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------------------------
// ingest, checkDomain, diagnoseError against a stub that echoes every header (iam: token, signature)

describe('iam: ingest reports, checkDomain reports and diagnoseError output hold no secret the client sent', () => {
  const K_CLIENT = 'clientHdrKey5432abcQ';
  const K_CALL = 'perCallApiKey9876xyzW';
  const K_QUERY = 'queryTok3n77777zzzz';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const auth = String(req.headers.authorization ?? '');
      const sig = /Signature=([0-9a-f]{64})/.exec(auth);
      if (sig !== null) received.signatures.add(sig[1] as string);
      if (auth !== '') received.authorizations.add(auth);
      const all = Object.values(req.headers).map(String).join(' ');
      const json = (status: number, b: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(b));
      };
      const u = req.url ?? '/';
      if (u === '/') return json(200, { version: { number: '2.19.4', distribution: 'opensearch' }, tagline: `echo ${all} ${u}` });
      if (u.startsWith('/_plugins/_security/authinfo')) return json(200, { user_name: 'arn:aws:iam::123456789012:role/x', backend_roles: [`echo ${all}`], roles: [all], custom_attribute_names: [all], user: `User [name=${all}]` });
      if (u.includes('_bulk')) {
        const lines = body.split('\n').filter(Boolean);
        const items: unknown[] = [];
        for (let i = 0; i < lines.length; i += 2) items.push({ index: { _index: 'i', _id: (JSON.parse(lines[i] as string) as { index?: { _id?: string } }).index?._id, status: 400, error: { type: 'mapper_parsing_exception', reason: `failed for ${all} ${body}` } } });
        return json(200, { took: 1, errors: true, items });
      }
      if (u.includes('plain401')) {
        res.writeHead(401, { 'content-type': 'text/plain' });
        res.end(`rejected ${all} url ${u}`);
        return;
      }
      return json(403, { error: { type: 'security_exception', reason: `denied: ${all} ${u} ${body}` }, status: 403 });
    });
  });
  let url = '';
  before(async () => { url = await listen(server); });
  after(() => shut(server));
  const forms = (): Record<string, string> => {
    const f = formsOf('x', SECRET_KEY, { sessionToken: TOKEN, clientHeaderKey: K_CLIENT, callHeaderKey: K_CALL, queryToken: K_QUERY });
    [...received.signatures].forEach((s, i) => { f[`signature${i}`] = s; });
    return f;
  };
  const make = () => createClient({ node: url, auth: authOf('iam'), retry: { retries: 0 }, clientOptions: { headers: { 'x-api-key': K_CLIENT } } });

  test('a refusal echoing per-call secret headers, secret query values, the client header, token and signature', async () => {
    for (const path of ['/x/_search', '/plain401']) {
      received.signatures.clear();
      const client = make();
      const events: unknown[] = [];
      client.on('response', (err, payload) => { events.push({ err, payload }); });
      try {
        const err = await client.transport.request({ method: 'GET', path, querystring: { access_token: K_QUERY, q: 'a' } }, { headers: { 'x-api-key': K_CALL, 'x-trace': K_CALL } })
          .then(() => assert.fail('refused'), (e: unknown) => e);
        assertNoLeak(err, `err(${path})`, forms());
        events.forEach((e, i) => assertNoLeak(e, `event${i}`, forms()));
        assertNoLeak(diagnoseError(err, 'iam', client), 'diagnoseError', forms());
      } finally {
        await client.close();
      }
    }
  });

  test('ingest: item reasons echoing the headers and the body', async () => {
    received.signatures.clear();
    const client = make();
    try {
      const report = await ingest(client, [{ index: 'i', id: '1', document: { a: 1 } }, { index: 'i', id: '2', document: { b: 2 } }]);
      assert.equal(report.outcomes.length, 2);
      assertNoLeak(report, 'ingest report', forms());
    } finally {
      await client.close();
    }
  });

  test('checkDomain: an authinfo and a root answer echoing the headers', async () => {
    received.signatures.clear();
    const client = make();
    try {
      const report = await checkDomain(client);
      assert.ok(received.signatures.size > 0);
      assertNoLeak(report, 'checkDomain report', forms());
    } finally {
      await client.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Errors made before any request: options, the environment; the verifier's salt

describe('errors made before any request', () => {
  const P = 'Cfg"Secret/w+rd&9QxZ';
  const forms = formsOf('u', P);
  test('createClient ConfigErrors from options holding the password', () => {
    const base = { node: 'https://search.example.com', auth: { mode: 'basic', username: 'u', password: P } };
    const bad: unknown[] = [
      { ...base, node: `http://u:${P}@10.1.1.1:9200` },
      { ...base, auth: { ...base.auth, extra: P } },
      { ...base, retry: { retries: P } },
      { ...base, clientOptions: { headers: { authorization: `Basic ${P}` } } },
      { ...base, ssl: { passphrase: P, key: 5 } },
      { ...base, [P]: 1 },
      { ...base, node: P },
      { ...base, tenant: `${P}\n` },
      { ...base, clientOptions: { auth: { username: 'u', password: P } } },
      { node: 'https://search.example.com', auth: { mode: 'basic', username: P, password: 5 } },
      { node: 'https://search.example.com', auth: { mode: 'iam', region: 'us-east-1', credentials: { accessKeyId: 'AKIA0000', secretAccessKey: P, sessionToken: 5 } } },
      { node: 'https://search.example.com', auth: { mode: 'cognito', region: 'us-east-1', userPoolId: 'x', clientId: 'y', identityPoolId: 'z', username: 'u', password: P, clientSecret: 5 } },
    ];
    for (const [i, options] of bad.entries()) {
      let err: unknown;
      try {
        createClient(options as Parameters<typeof createClient>[0]);
      } catch (e) {
        err = e;
      }
      assert.ok(err instanceof Error, `options ${i} are refused`);
      assertNoLeak(err, `ConfigError ${i}`, forms);
    }
  });

  test('fromEnv errors with the password in the wrong variables', () => {
    const envs: NodeJS.ProcessEnv[] = [
      { OPENSEARCH_URL: `https://u:${P}@h.example`, OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'u', OPENSEARCH_PASSWORD: P },
      { OPENSEARCH_URL: 'https://h.example', OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: P, OPENSEARCH_PASSWORD: '' },
      { OPENSEARCH_URL: P, OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'u', OPENSEARCH_PASSWORD: P },
      { OPENSEARCH_URL: 'https://h.example', OPENSEARCH_AUTH: P, OPENSEARCH_PASSWORD: P },
      { OPENSEARCH_URL: 'https://h.example', OPENSEARCH_AUTH: 'iam', OPENSEARCH_REGION: P, AWS_SECRET_ACCESS_KEY: P },
      { OPENSEARCH_URL: 'https://h.example', OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'u', OPENSEARCH_PASSWORD: P, OPENSEARCH_REQUEST_TIMEOUT_MS: P },
      { OPENSEARCH_URL: 'https://h.example', OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'u', OPENSEARCH_PASSWORD: P, OPENSEARCH_TENANT: `${P}\n` },
    ];
    for (const [i, env] of envs.entries()) {
      let err: unknown;
      try {
        fromEnv(env);
      } catch (e) {
        err = e;
      }
      assert.ok(err instanceof Error, `environment ${i} is refused`);
      assertNoLeak(err, `fromEnv error ${i}`, forms);
    }
  });

  test('verifyHits: a report built with a masking salt does not hold the salt', () => {
    const SALT = 'walk-salt-Zq9"/+&xy';
    const roles = { r: { index_permissions: [{ index_patterns: ['m*'], allowed_actions: ['read'], masked_fields: ['ssn'] }] } };
    const expectations = expectationsFromRoles(roles, 'movies', { name: 'u', securityRoles: ['r'] }, { salt: SALT, pluginVersion: '2.19.4', originals: new Map([['movies/1', { ssn: '123-45-6789', t: 'x' }]]) });
    const report = verifyHits({ hits: { hits: [{ _index: 'movies', _id: '1', _source: { ssn: 'deadbeef', t: 'x' } }, { _index: 'movies', _id: '2', _source: { ssn: '123-45-6789', t: 'y' } }] } }, expectations);
    assert.ok(report.findings.length + report.unverifiable.length > 0, 'the report has something to say');
    assertNoLeak(report, 'verifyHits report', { salt: SALT, 'base64(salt)': b64(SALT), 'json(salt)': JSON.stringify(SALT).slice(1, -1) });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// A child process: what it prints with DEBUG=opensearch*

const CHILD = `
import http from 'node:http';
const { createClient } = await import(process.env.WALK_SDK);
const server = http.createServer((req, res) => { req.resume(); req.on('end', () => {
  const u = req.url ?? '';
  const status = u.includes('m=503') ? 503 : u.includes('m=401') ? 401 : 200;
  if (u.includes('m=slow')) { setTimeout(() => { if (!res.destroyed) { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{}'); } }, 400); return; }
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(status === 401 ? '{"error":{"type":"security_exception","reason":"no"},"status":401}' : '{"ok":true}');
}); });
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = 'http://127.0.0.1:' + server.address().port;
const auth = process.argv[2] === 'basic' ? { mode: 'basic', username: 'child-user', password: process.env.WALK_PASS } : { mode: 'iam', region: 'us-east-1', credentials: { accessKeyId: 'ASIACHILDKEY01', secretAccessKey: process.env.WALK_PASS, sessionToken: process.env.WALK_TOKEN } };
const client = createClient({ node: url, auth, requestTimeoutMs: 200, retry: { retries: 1, minDelayMs: 1, maxDelayMs: 2, onRetry: (i) => console.log('onRetry', i) } });
client.on('request', (e, r) => console.log('request event', e, r));
client.on('response', (e, r) => console.log('response event', e, r));
for (const m of ['ok', '503', '401', 'slow', 'abort']) {
  try {
    const p = client.transport.request({ method: 'POST', path: '/x/_doc', querystring: { m: m === 'abort' ? 'slow' : m }, body: { q: 1 } });
    if (m === 'abort') setTimeout(() => p.abort(), 20);
    console.log('result', await p);
  } catch (e) { console.log('error', e); console.error(e); console.warn(String(e)); }
}
await client.close();
server.closeAllConnections(); server.close();
`;

function runChild(mode: Mode, env: Record<string, string>): string {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD, mode], {
    env: { ...process.env, ...env, WALK_SDK: new URL('../../src/index.ts', import.meta.url).href, WALK_PASS: PASS, WALK_TOKEN: TOKEN },
    encoding: 'utf8', timeout: 60_000,
  });
  assert.equal(r.status, 0, `the child ran: ${r.stderr.slice(-2000)}`);
  assert.ok(r.stdout.includes('result') && r.stdout.includes('error'), 'it printed results and errors');
  return `${r.stdout}\n${r.stderr}`;
}

function childForms(mode: Mode): Record<string, string> {
  const forms = mode === 'basic' ? formsOf('child-user', PASS) : formsOf('x', PASS, { sessionToken: TOKEN });
  forms['SigV4 signature'] = 'Signature=';
  return forms;
}

for (const mode of ['basic', 'iam'] as const) {
  test(`${mode}: a child process's stdout/stderr with DEBUG=opensearch* shows no secret`, () => {
    const text = runChild(mode, { DEBUG: 'opensearch*' });
    assert.ok(text.includes('opensearch'), 'debug output was on');
    for (const [form, value] of Object.entries(childForms(mode))) assert.ok(!text.includes(value), `${form}: …${text.slice(Math.max(0, text.indexOf(value) - 200), text.indexOf(value) + value.length + 20)}…`);
  });

  test(`${mode}: a child process's stderr with NODE_DEBUG=http shows no secret`, () => {
    const text = runChild(mode, { NODE_DEBUG: 'http' });
    assert.ok(text.includes('HTTP '), 'NODE_DEBUG output was on');
    for (const [form, value] of Object.entries(childForms(mode))) assert.ok(!text.includes(value), `${form}: …${text.slice(Math.max(0, text.indexOf(value) - 200), text.indexOf(value) + value.length + 20)}…`);
  });
}
