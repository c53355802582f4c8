/**
 * Redaction BY VALUE of what the security API sends: a loopback stub refuses every write with a body
 * that echoes each string of the request, without any key name, in plain, base64 and URL-encoded form
 * (as a misbehaving server or proxy might). Whatever the helper (put, entity and collection PATCH,
 * ensure, apply, account.changePassword), the password or hash it sent appears nowhere in the error:
 * message, stack, JSON, util.inspect, meta (body, request params).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { inspect } from 'node:util';
import { SecurityApiError } from '../../src/errors/classes.js';
import { SecurityApi } from '../../src/security/index.js';
import { loopbackClient } from '../support/loopback-client.js';

function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) stringsOf(v, out);
  return out;
}

const server = http.createServer((req, res) => {
  let raw = '';
  req.on('data', (c: Buffer) => (raw += c.toString()));
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    if (req.method === 'GET' && req.url === '/_plugins/_security/api/internalusers/present') {
      res.end(JSON.stringify({ present: { hash: '', backend_roles: ['b'], attributes: {}, opendistro_security_roles: [] } }));
      return;
    }
    if (req.method === 'GET' && req.url === '/_plugins/_security/api/internalusers') {
      res.end(JSON.stringify({ present: { hash: '', backend_roles: ['b'], attributes: {}, opendistro_security_roles: [] } }));
      return;
    }
    if (req.method === 'GET') {
      res.statusCode = 404;
      res.end(JSON.stringify({ status: 'NOT_FOUND', message: "user 'absent' not found." }));
      return;
    }
    const echoed = stringsOf(raw === '' ? {} : JSON.parse(raw)).map((s) => `${s} ${Buffer.from(s).toString('base64')} ${encodeURIComponent(s)}`);
    if (req.url?.endsWith('/accepted') === true || req.url?.endsWith('/account') === true && raw.includes('accept-me')) {
      res.statusCode = 201;
      res.end(JSON.stringify({ status: 'CREATED', message: `stored ${echoed.join(' | ')}` }));
      return;
    }
    res.statusCode = 400;
    res.end(JSON.stringify({ status: 'error', reason: `Refused ${echoed.join(' | ')}`, detail: echoed }));
  });
});

const client = loopbackClient(server);

const api = (): SecurityApi => new SecurityApi(client(), { prefix: '_plugins/_security', userShape: 'backend_roles', dialect: 'v2', conflictAttempts: 1 });
const secret = (): string => `Echo#${randomBytes(12).toString('base64url')}é/+`;

function assertNoTrace(e: unknown, value: string): void {
  assert.ok(e instanceof SecurityApiError, String(e));
  const err = e as SecurityApiError;
  const texts = [err.message, String(err.stack), JSON.stringify(e), inspect(e, { depth: 10 }), inspect(err.meta, { depth: Infinity }), JSON.stringify(err.meta)];
  const forms = [value, Buffer.from(value).toString('base64'), Buffer.from(value).toString('base64').replace(/=+$/, ''), encodeURIComponent(value)];
  for (const form of forms) for (const text of texts) assert.ok(!text.includes(form), `${form.slice(0, 6)}… in ${text.slice(0, 200)}`);
  assert.match(err.reason, /\[REDACTED\]/, 'the echo was there, redacted');
}

async function refusal(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  return assert.fail('expected a refusal');
}

describe('an echoing server never gets a sent password into an error', () => {
  test('users.put, entity PATCH and collection PATCH', async () => {
    const a = secret();
    assertNoTrace(await refusal(api().users.put('absent', { password: a })), a);
    const b = secret();
    assertNoTrace(await refusal(api().users.patch('present', [{ op: 'add', path: '/password', value: b }])), b);
    const c = secret();
    assertNoTrace(await refusal(api().users.patch([{ op: 'add', path: '/absent', value: { password: c, backend_roles: [] } }])), c);
    const h = `$2y$12$${randomBytes(60).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 53)}`; // a BCrypt form (53 characters)
    assertNoTrace(await refusal(api().users.put('absent', { hash: h })), h);
  });

  test('ensure (create, updatePassword) and plan/apply (create, updatePasswords)', async () => {
    const a = secret();
    assertNoTrace(await refusal(api().users.ensure('absent', { password: a })), a);
    const b = secret();
    assertNoTrace(await refusal(api().users.ensure('present', { password: b, backend_roles: ['b'] }, { updatePassword: true })), b);
    const c = secret();
    const d = secret();
    const security = api();
    const plan = await security.plan({ users: { absent: { password: c }, present: { password: d, backend_roles: ['b'] } } }, { updatePasswords: true });
    assert.ok(!inspect(plan, { depth: Infinity }).includes(c) && !inspect(plan, { depth: Infinity }).includes(d));
    const e = await refusal(security.apply(plan));
    assertNoTrace(e, c);
    assertNoTrace(e, d);
  });

  test('account.changePassword: the current and the new password', async () => {
    const current = secret();
    const next = secret();
    const e = await refusal(api().account.changePassword(current, next));
    assertNoTrace(e, current);
    assertNoTrace(e, next);
  });
});

test('a write the server accepts while echoing the password: the WriteResult message holds no trace of it', async () => {
  const a = `${secret()}`;
  const created = await api().users.put('accepted', { password: a });
  const b = `accept-me-${secret()}`;
  const changed = await api().account.changePassword(b, `${b}-next`);
  for (const [result, value] of [[created, a], [changed, b], [changed, `${b}-next`]] as const) {
    assert.equal(result.status, 'CREATED');
    const text = `${JSON.stringify(result)} ${inspect(result, { depth: 10 })}`;
    for (const form of [value, Buffer.from(value).toString('base64'), encodeURIComponent(value)]) assert.ok(!text.includes(form), `${form.slice(0, 6)}… in ${text.slice(0, 200)}`);
    assert.match(result.message, /^stored \[REDACTED\]/, 'the echo was there, redacted');
  }
});

test("an accepted write's message echoing the request's own SigV4 signature holds no trace of it", async () => {
  const { createClient } = await import('../../src/client/create-client.js');
  const token = `IQoJb3JpZ2luX2VjEchoToken${randomBytes(24).toString('base64url')}`;
  let sent = '';
  const echo = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      sent = String(req.headers.authorization);
      res.setHeader('content-type', 'application/json');
      res.statusCode = 201;
      // the bare signature (no `Signature=` around it to redact by shape) and the token
      const bare = /Signature=([0-9a-f]{64})/.exec(sent)?.[1] ?? 'none';
      res.end(JSON.stringify({ status: 'CREATED', message: `stored ${bare} for ${String(req.headers['x-amz-security-token'])}` }));
    });
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  const { port } = echo.address() as { port: number };
  const c = createClient({
    node: `http://127.0.0.1:${port}`,
    auth: { mode: 'iam', region: 'us-east-1', credentials: { accessKeyId: 'ASIASECURITYECHO1', secretAccessKey: 'security-echo-secret-0123456789', sessionToken: token } },
    retry: { retries: 0 },
  });
  try {
    const api = new SecurityApi(c, { prefix: '_plugins/_security', userShape: 'backend_roles', dialect: 'v2', conflictAttempts: 1 });
    const result = await api.tenants.put('t', { description: 'x' });
    const signature = /Signature=([0-9a-f]{64})/.exec(sent)?.[1] ?? '';
    assert.equal(signature.length, 64, 'the request was signed');
    const text = `${JSON.stringify(result)} ${inspect(result, { depth: 10 })}`;
    assert.ok(!text.includes(signature), `the signature in ${text.slice(0, 200)}`);
    assert.ok(!text.includes(token), 'the session token');
    assert.match(result.message, /\[REDACTED\]/);
  } finally {
    await c.close();
    await new Promise((resolve) => echo.close(resolve));
  }
});
