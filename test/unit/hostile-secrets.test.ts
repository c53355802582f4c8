/**
 * P2 class 1, secrets never leak: whatever a server echoes (the password, base64 `user:pass`, the
 * Authorization header, a secret the client holds) and wherever (JSON keys and values, text, HTML,
 * headers, base64 and URL-encoded), no error the client produces and no onRetry payload holds it,
 * in message, stack, String(), JSON, util.inspect or meta; request bodies in meta lose secrets by
 * key, by JSON-patch path and by value. Loopback stubs that echo; fast-check places the secrets.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { errors } from '@opensearch-project/opensearch';
import { createClient } from '../../src/client/create-client.js';
import { ConfigError, CredentialsError } from '../../src/errors/classes.js';
import { toTypedError } from '../../src/errors/classify.js';
import { SecretSet, secretsOf } from '../../src/errors/secrets.js';
import type { RetryInfo } from '../../src/retry/index.js';
import { answer, startRawStub, type RawRequest, type RawStub } from '../support/raw-stub.js';

const USER = 'hostile-user';

/** Every form in which `secret` must not appear. */
function formsOf(secret: string, user = USER): string[] {
  const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
  return [secret, b64(secret), b64(`${user}:${secret}`), encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)];
}

/** Every textual rendering of a value a user or a logger may produce. */
function renderings(value: unknown): Record<string, string> {
  const e = value as { message?: unknown; stack?: unknown; meta?: unknown; data?: unknown };
  const safe = (f: () => string): string => {
    try {
      return f();
    } catch (error) {
      return `render failed: ${String(error)}`;
    }
  };
  return {
    message: String(e?.message),
    stack: String(e?.stack),
    string: safe(() => String(value)),
    json: safe(() => JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)) ?? ''),
    inspect: inspect(value, { depth: Infinity }),
    inspectHidden: inspect(value, { depth: 10, showHidden: true }),
    meta: inspect(e?.meta, { depth: Infinity }),
    data: inspect(e?.data, { depth: Infinity }),
  };
}

function assertClean(value: unknown, secrets: string[], label: string): void {
  for (const [where, text] of Object.entries(renderings(value))) {
    for (const s of secrets) {
      const at = text.indexOf(s);
      assert.ok(at < 0, `${label}: ${JSON.stringify(s)} leaked in ${where}: …${text.slice(Math.max(0, at - 60), at + s.length + 20)}…`);
    }
  }
}

type Reply = (req: RawRequest) => { status: number; body: unknown; headers?: Record<string, string> };
let stub: RawStub;
let reply: Reply = () => ({ status: 200, body: {} });
before(async () => {
  stub = await startRawStub((req, res) => {
    const r = reply(req);
    answer(res, r.status, r.body, r.headers);
  });
});
after(async () => {
  await stub.close();
});

/** Where the server puts what it echoes. */
const placements = ['reason', 'json-key', 'harmless-json-value', 'text', 'html', 'header', 'base64', 'basic-pair', 'url', 'echo-authorization', 'echo-body'] as const;
type Placement = (typeof placements)[number];

function hostileReply(placement: Placement, status: number, secret: string, req: RawRequest): ReturnType<Reply> {
  const b64 = Buffer.from(secret).toString('base64');
  const auth = String(req.headers.authorization ?? '');
  const os = (reason: string): unknown => ({ error: { root_cause: [{ type: 'illegal_argument_exception', reason }], type: 'illegal_argument_exception', reason }, status });
  switch (placement) {
    case 'reason':
      return { status, body: os(`value [${secret}] is not allowed`) };
    case 'json-key':
      return { status, body: { status: 'error', reason: 'Invalid configuration', [secret]: 'x', invalid_keys: { keys: secret } } };
    case 'harmless-json-value':
      return { status, body: { status: 'error', reason: 'Invalid configuration', note: secret, list: [`a ${secret} b`] } };
    case 'text':
      return { status, body: `rejected: ${secret} (no key name)` };
    case 'html':
      return { status, body: `<html><head><title>${status} Error</title></head><body><pre>${secret.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</pre></body></html>` };
    case 'header':
      return { status, body: os('see header'), headers: { 'x-echo': encodeURIComponent(secret), 'x-echo-b64': b64 } };
    case 'base64':
      return { status, body: os(`payload ${b64} end`) };
    case 'basic-pair':
      return { status, body: `request had authorization=${auth} and was refused` };
    case 'url':
      return { status, body: os(`GET /x?p=${encodeURIComponent(secret)}&q=1`) };
    case 'echo-authorization':
      return { status, body: { message: `Authorization was ${auth.split(' ')[1] ?? ''}`, received: auth.split(' ')[1] ?? '' } };
    default:
      return { status, body: `you sent ${req.body}` };
  }
}

const secretArb = fc
  .tuple(fc.stringMatching(/^[A-Za-z0-9!#$%&'()*+,\-./:;<=>?@[\]^_{|}~ "\\]{8,20}$/), fc.integer({ min: 0, max: 1e9 }))
  .map(([s, n]) => `Zq${n}${s}`);

describe('hostile secrets: a server echoing what the client holds', () => {
  test('property: password and user:pass echoed anywhere, any status -> no trace in the error or in onRetry payloads', async () => {
    await fc.assert(
      fc.asyncProperty(
        secretArb,
        fc.constantFrom(...placements),
        fc.constantFrom(400, 401, 403, 404, 409, 429, 500, 502, 503),
        fc.constantFrom('info', 'search', 'put-body'),
        async (secret, placement, status, call) => {
          reply = (req) => hostileReply(placement, status, secret, req);
          const infos: RetryInfo[] = [];
          const client = createClient({
            node: stub.url,
            auth: { mode: 'basic', username: USER, password: secret },
            retry: { retries: 1, minDelayMs: 1, maxDelayMs: 2, onRetry: (i) => infos.push(i) },
          });
          try {
            const run =
              call === 'info'
                ? client.info()
                : call === 'search'
                  ? client.search({ index: 'flights', body: { query: { match: { note: secret } } } })
                  : client.transport.request({ method: 'PUT', path: '/notes/_doc/1', body: { note: secret, nested: { text: `x ${secret} y` } } });
            const error = await run.then(() => undefined, (e: unknown) => e);
            assert.ok(error instanceof Error, `${placement} ${status}: expected an error`);
            assertClean(error, formsOf(secret), `${placement} ${status} ${call}`);
            for (const info of infos) assertClean(info, formsOf(secret), `onRetry ${placement} ${status}`);
          } finally {
            await client.close();
          }
        },
      ),
      { numRuns: 120, seed: 0x5ec2e75 },
    );
  });

  test('a secret the client holds but never sends (secret key, token) is removed when a server echoes it', async () => {
    const secretKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiHOSTILEKEY';
    const client = createClient({ node: stub.url, auth: { mode: 'iam', region: 'us-east-1', credentials: { accessKeyId: 'AKIDHOSTILE', secretAccessKey: secretKey } } });
    secretsOf(client.transport).add(secretKey);
    for (const placement of placements) {
      reply = (req) => hostileReply(placement, 400, secretKey, req);
      const error = await client.info().then(() => undefined, (e: unknown) => e);
      assertClean(error, formsOf(secretKey, 'AKIDHOSTILE'), placement);
    }
    await client.close();
  });
});

describe('hostile secrets: the boundary alone (fast-check, many placements and encodings)', () => {
  const encodings = ['plain', 'base64-embedded', 'base64url', 'url', 'form', 'whatwg-form', 'json-escaped', 'html', 'html-go', 'html-python'] as const;
  function encode(secret: string, how: (typeof encodings)[number], pre: string, post: string): string {
    switch (how) {
      case 'base64-embedded':
        // the secret somewhere inside a longer base64 text, at any byte alignment
        return Buffer.from(`${pre}${secret}${post}`).toString('base64');
      case 'base64url':
        return Buffer.from(secret).toString('base64url');
      case 'url':
        return encodeURIComponent(secret);
      case 'form':
        return encodeURIComponent(secret).replace(/%20/g, '+');
      case 'whatwg-form':
        return new URLSearchParams([['', secret]]).toString().slice(1);
      case 'html-go':
        return secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');
      case 'html-python':
        return secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');
      case 'json-escaped':
        return JSON.stringify(secret).slice(1, -1);
      case 'html':
        return secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
      default:
        return secret;
    }
  }
  const locations = ['reason', 'json-key', 'text-body', 'response-header', 'request-body', 'request-querystring', 'request-header', 'bulk-body'] as const;

  test('property: a held secret, encoded any way, placed anywhere in a refused response or its request, is gone from every rendering', () => {
    fc.assert(
      fc.property(secretArb, fc.constantFrom(...encodings), fc.constantFrom(...locations), fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), fc.constantFrom(400, 401, 403, 404, 429, 500, 503),
        (secret, how, where, pre, post, status) => {
          const set = new SecretSet();
          set.add(secret);
          const text = `${pre}${encode(secret, how, pre, post)}${post}`;
          const body = where === 'reason' ? { error: { type: 'x_exception', reason: text }, status }
            : where === 'json-key' ? { [text]: 1, status: 'error', reason: 'r' }
              : where === 'text-body' ? text : { error: { type: 'x_exception', reason: 'plain' }, status };
          const params = {
            method: 'POST',
            path: '/i/_doc',
            headers: where === 'request-header' ? { 'x-note': text } : {},
            querystring: where === 'request-querystring' ? `q=${text}` : undefined,
            body: where === 'request-body' ? JSON.stringify({ note: text }) : undefined,
            bulkBody: where === 'bulk-body' ? [{ index: {} }, { note: text }] : undefined,
          };
          const meta = { body, statusCode: status, headers: where === 'response-header' ? { 'x-echo': text } : {}, warnings: null, meta: { request: { params, options: {}, id: 1 }, context: null, name: 'x', connection: null, attempts: 0, aborted: false } };
          const raw = new errors.ResponseError({ body: null, statusCode: status, headers: {}, warnings: null, meta: {} } as never);
          (raw as { meta: unknown }).meta = meta;
          const typed = toTypedError(raw, { secrets: set });
          const forms = how === 'base64-embedded' ? [secret] : [secret, encode(secret, how, '', '')];
          assertClean(typed, forms, `${how} in ${where}`);
          if (how === 'base64-embedded') {
            // the base64 text around the secret cannot survive whole: the characters encoding only the secret are gone
            const encoded = encode(secret, how, pre, post);
            for (const [name, t] of Object.entries(renderings(typed))) assert.ok(!t.includes(encoded), `${where}: base64 text kept whole in ${name}`);
          }
        }),
      { numRuns: 600, seed: 0xb0a2d },
    );
  });
});

describe('hostile secrets: SigV4 values echoed without any key name', () => {
  test("the attempt's signature and session token echoed bare (text 403, JSON 400, header) are removed", async () => {
    const token = 'IQoJb3JpZ2luX2VjEBARE-session-token-0123456789abcdef';
    const signatures: string[] = [];
    const client = createClient({
      node: stub.url,
      auth: { mode: 'iam', region: 'us-east-1', credentials: { accessKeyId: 'ASIAHOSTILEBARE01', secretAccessKey: 'bare-secret-key-0123456789', sessionToken: token } },
      retry: { retries: 0 },
    });
    for (const shape of ['text', 'json', 'header'] as const) {
      reply = (req) => {
        const signature = /Signature=([0-9a-f]{64})/.exec(String(req.headers.authorization))?.[1] ?? 'none';
        signatures.push(signature);
        const echo = `${signature} ${String(req.headers['x-amz-security-token'])}`;
        if (shape === 'text') return { status: 403, body: `denied ${echo}` };
        if (shape === 'json') return { status: 400, body: { error: { type: 'illegal_argument_exception', reason: `got ${echo}` }, status: 400 } };
        return { status: 500, body: { error: { type: 'x', reason: 'y' }, status: 500 }, headers: { 'x-echo': echo } };
      };
      const error = await client.info().then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof Error);
      const signature = signatures[signatures.length - 1] ?? '';
      assert.match(signature, /^[0-9a-f]{64}$/);
      assertClean(error, [token, signature], shape);
    }
    await client.close();
  });
});

describe('hostile secrets: what the request carried', () => {
  test('a JSON-patch password refused with 400 is not in meta (key `value`), nor its base64/URL forms', async () => {
    const password = 'Patch-Pa55word-Never-Shown';
    reply = () => ({ status: 400, body: { status: 'error', reason: 'Weak password' } });
    const client = createClient({ node: stub.url, auth: { mode: 'none' } });
    const ops = [
      [{ op: 'add', path: '/password', value: password }],
      [{ op: 'replace', path: '/alice/password', value: password }],
      [{ path: '/hash', value: password, op: 'add' }],
      [{ op: 'add', path: '/alice', value: { password, backend_roles: ['r'] } }],
    ];
    for (const body of ops) {
      const error = await client.transport.request({ method: 'PATCH', path: '/_plugins/_security/api/internalusers/alice', body }).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof errors.ResponseError);
      assertClean(error, [password, encodeURIComponent(password)], JSON.stringify(body).slice(0, 40));
      const params = (error.meta.meta as { request: { params: { body?: unknown } } }).request.params;
      assert.ok(params.body !== undefined, 'the body is kept, redacted');
    }
    await client.close();
  });

  test('abort() during a back-off: the RequestAbortedError holds no request secret', async () => {
    const password = 'Abort-Backoff-Pa55word';
    reply = () => ({ status: 503, body: { error: 'busy', status: 503 } });
    const client = createClient({ node: stub.url, auth: { mode: 'basic', username: USER, password: 'client-pass-1234' }, retry: { retries: 3, minDelayMs: 5000, maxDelayMs: 5000 } });
    const pending = client.transport.request({ method: 'PATCH', path: '/_plugins/_security/api/internalusers/bob', body: [{ op: 'add', path: '/password', value: password }] });
    await new Promise((r) => setTimeout(r, 200));
    pending.abort();
    const error = await pending.then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof errors.RequestAbortedError, String(error));
    assertClean(error, [password, ...formsOf('client-pass-1234')], 'aborted');
    await client.close();
  });

  test('a 401 text body `authorization=Basic <base64>` loses the credential, not only the word', async () => {
    const foreign = Buffer.from('someone-else:Their-Pa55word').toString('base64');
    reply = () => ({ status: 401, body: `Unauthorized: authorization=Basic ${foreign}; realm=x` });
    const client = createClient({ node: stub.url, auth: { mode: 'none' } });
    const error = await client.info().then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof errors.ResponseError);
    assertClean(error, [foreign, 'Their-Pa55word'], '401 text');
    await client.close();
  });

  test('DeserializationError.data of a malformed 200 echoing the Authorization header is redacted', async () => {
    const password = 'Deser-Pa55word-Echo';
    reply = (req) => ({ status: 200, body: `{"echo": "${String(req.headers.authorization)}", "pw": "${password}"`, headers: { 'content-type': 'application/json' } });
    const client = createClient({ node: stub.url, auth: { mode: 'basic', username: USER, password } });
    const error = await client.info().then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof errors.DeserializationError, String(error));
    assertClean(error, formsOf(password), 'deserialization');
    await client.close();
  });

  test('CredentialsError.cause: a provider error carrying a session token shows none of it in inspect/JSON', async () => {
    const token = 'IQoJb3JpZ2luX2VjEHOSTILEsessionTOKEN0123456789';
    const client = createClient({
      node: stub.url,
      auth: {
        mode: 'iam',
        region: 'us-east-1',
        credentials: async () => {
          const e = new Error(`refresh failed; request had x-amz-security-token=${token}`);
          Object.assign(e, { Credentials: { SessionToken: token }, $response: { headers: { 'x-amz-security-token': token } } });
          throw e;
        },
      },
    });
    const error = await client.info().then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof CredentialsError, String(error));
    assertClean(error, [token], 'credentials');
    await client.close();
  });

  test('a node URL that fails to parse does not echo its user:password in the ConfigError', () => {
    for (const node of ['https://admin:pa/ss#w@rd@ho st:9200', 'https://admin:S3cr3t?x@host:99999999']) {
      const error = (() => {
        try {
          createClient({ node, auth: { mode: 'none' } });
          return undefined;
        } catch (e) {
          return e;
        }
      })();
      assert.ok(error instanceof ConfigError, String(error));
      assertClean(error, ['pa/ss#w@rd', 'pa/ss', 'S3cr3t'], node);
    }
  });

  test("the client's own events (request / response) show listeners no secret, and the error they see is the one thrown", async () => {
    const password = 'Event-Pa55word-Listener';
    reply = (req) => ({ status: 400, body: { error: { type: 'illegal_argument_exception', reason: `echo ${String(req.headers.authorization)} ${password}` }, status: 400 } });
    const client = createClient({ node: stub.url, auth: { mode: 'basic', username: USER, password } });
    const seen: Array<{ event: string; error: unknown; result: unknown }> = [];
    client.on('request', (error, result) => seen.push({ event: 'request', error, result }));
    client.on('response', (error, result) => seen.push({ event: 'response', error, result }));
    const thrown = await client.transport
      .request({ method: 'PATCH', path: '/_plugins/_security/api/internalusers/carol', body: [{ op: 'add', path: '/password', value: password }] })
      .then(() => undefined, (e: unknown) => e);
    assert.ok(thrown instanceof errors.ResponseError);
    assert.ok(seen.some((s) => s.event === 'request') && seen.some((s) => s.event === 'response'));
    for (const s of seen) {
      assertClean(s.error, formsOf(password), `${s.event} error`);
      assertClean(s.result, formsOf(password), `${s.event} result`);
      const params = (s.result as { meta: { request: { params: { path?: unknown } } } }).meta.request.params;
      assert.equal(params.path, '/_plugins/_security/api/internalusers/carol');
    }
    assert.equal(seen.find((s) => s.event === 'response')?.error, thrown, 'listeners and the caller get the same typed error');
    await client.close();
  });

  test('toTypedError is idempotent and value redaction works without a client (explicit SecretSet)', () => {
    const set = new SecretSet();
    set.add('Standalone-Secret-42');
    const raw = new errors.ResponseError({ body: { error: { type: 'x', reason: 'echo Standalone-Secret-42' }, status: 400 }, statusCode: 400, headers: {}, warnings: null, meta: {} } as never);
    const once = toTypedError(raw, { secrets: set });
    assert.equal(toTypedError(once, { secrets: set }), once);
    assertClean(once, ['Standalone-Secret-42'], 'standalone');
  });
});

describe('hostile secrets: errors that cannot be scrubbed in place', () => {
  const S = 'Frozen-Secret-7q9Z';
  const meta = (status: number) => ({
    body: { error: { type: 'illegal_argument_exception', reason: 'bad' }, password: S },
    statusCode: status,
    headers: { 'set-cookie': `sid=${S}` },
    warnings: null,
    meta: {
      context: null, name: 'c', attempts: 0, aborted: false, connection: null,
      request: { params: { method: 'POST', path: `/i/_doc?password=${S}`, headers: { Authorization: `Basic ${S}` }, body: JSON.stringify({ password: S }) }, options: {}, id: 1 },
    },
  });
  const all = (e: unknown): string => `${inspect(e, { depth: 12, showHidden: true })} ${JSON.stringify(e)} ${String(e)} ${(e as Error).stack ?? ''}`;

  test('a frozen error, or one whose meta is read-only and hidden, comes back as a redacted copy of the same class', async () => {
    const { diagnoseError } = await import('../../src/diagnose/diagnosis.js');
    const hiddenMeta = new errors.ResponseError(meta(400) as never);
    Object.defineProperty(hiddenMeta, 'meta', { value: meta(400), enumerable: false, writable: false, configurable: false });
    const cases: Array<[string, Error, new (...args: never[]) => Error]> = [
      ['frozen ResponseError', Object.freeze(new errors.ResponseError(meta(400) as never)), errors.ResponseError],
      ['frozen ConnectionError', Object.freeze(new errors.ConnectionError(`connect failed password=${S}`, meta(400) as never)), errors.ConnectionError],
      ['read-only hidden meta', hiddenMeta, errors.ResponseError],
      ['frozen cause', Object.assign(new errors.ConnectionError('x', meta(400) as never), { cause: Object.freeze(new Error(`inner token=${S}`)) }), errors.ConnectionError],
    ];
    for (const [name, raw, Class] of cases) {
      assert.ok(all(raw).includes(S), `${name}: the raw error holds the secret (the test is meaningful)`);
      const typed = toTypedError(raw);
      assert.ok(typed instanceof Class, name);
      assert.ok(!all(typed).includes(S), `${name} leaked: ${all(typed).slice(0, 300)}`);
      assert.equal(toTypedError(raw), typed, `${name}: the same copy on a second call`);
      const diagnosed = diagnoseError(raw).error;
      assert.ok(diagnosed === undefined || !all(diagnosed).includes(S), `${name}: diagnoseError leaked`);
    }
  });

  test('isRetryable and diagnoseError never throw on errors whose fields or type cannot be read', async () => {
    const { isRetryable } = await import('../../src/errors/guards.js');
    const { diagnoseError } = await import('../../src/diagnose/diagnosis.js');
    const badMeta = new errors.ResponseError(meta(503) as never);
    Object.defineProperty(badMeta, 'meta', { get() { throw new Error(S); } });
    const badMessage = new errors.ConnectionError('x', meta(503) as never);
    Object.defineProperty(badMessage, 'message', { get() { throw new Error(S); } });
    const badProto = new Proxy(new Error('x'), { getPrototypeOf() { throw new Error(S); } });
    for (const e of [badMeta, badMessage, badProto]) {
      assert.equal(typeof isRetryable(e), 'boolean');
      const d = diagnoseError(e);
      assert.equal(typeof d.code, 'string');
      assert.ok(!JSON.stringify({ ...d, error: undefined }).includes(S));
    }
  });
});

test('the sniff event hands listeners a redacted copy of the nodes\' answer and the hosts built from it', async () => {
  const { redactingEmit } = await import('../../src/client/transport-events.js');
  const secret = 'Sniffed-Pass-31b7x';
  const set = new SecretSet();
  set.add(secret);
  let seen: unknown;
  const emit = redactingEmit((_event, _error, result) => { seen = result; return true; }, set);
  const result = {
    body: { nodes: { n1: { name: `Basic ${Buffer.from(`alice:${secret}`).toString('base64')}`, http: { publish_address: `alice:${secret}@10.0.0.1:9200` } } } },
    meta: { sniff: { hosts: [{ url: new URL(`https://alice:${secret}@10.0.0.1:9200`), id: 'n1' }], reason: 'sniff-on-start' } },
  };
  emit('sniff', null, result);
  assertClean(seen, [secret, Buffer.from(`alice:${secret}`).toString('base64')], 'sniff');
  assert.ok(JSON.stringify(seen).includes('sniff-on-start'), 'the rest of the payload is kept');
});

test('a per-request sensitive header echoed by the server (without its name) is redacted like a client-level one', async () => {
  const key = 'per-Request-Key-90ad7f';
  reply = (req) => ({ status: 500, body: { error: { type: 'internal', reason: `saw ${String(req.headers['x-api-key'])} and ${String(req.headers.authorization)}` }, status: 500 } });
  const client = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { retries: 0 } });
  try {
    const e = await client.info({}, { headers: { 'x-api-key': key, authorization: `Bearer ${key}-bearer` } }).then(() => undefined, (err: unknown) => err);
    assert.ok(e instanceof Error, 'the 500 is an error');
    assert.ok(JSON.stringify((e as { meta?: { body?: unknown } }).meta?.body).includes('saw'), 'the echo reached the error');
    assertClean(e, [key, `${key}-bearer`], 'per-request header');
  } finally {
    reply = () => ({ status: 200, body: {} });
    await client.close();
  }
});

describe('hostile secrets: what a successful result tells about its own request', () => {
  test("client-level and per-request secret headers, secret query values and the caller's options are redacted in a 200's meta", async () => {
    const clientKey = 'Client-Api-Key-6f1e2d';
    const bearer = 'Bearer-Token-81c0aa';
    const callKey = 'Call-Api-Key-33bd90';
    const queryToken = 'Query-Token-5c7e11';
    let sent: RawRequest | undefined;
    reply = (req) => {
      sent = req;
      return { status: 200, body: { acknowledged: true } };
    };
    const client = createClient({
      node: stub.url,
      auth: { mode: 'none' },
      retry: { retries: 0 },
      clientOptions: { headers: { 'x-api-key': clientKey, authorization: `Bearer ${bearer}`, 'x-trace': 'kept-value' } },
    });
    const callOptions = { headers: { 'X-Api-Key': callKey }, querystring: { access_token: queryToken } };
    try {
      const res = await client.info({}, callOptions);
      // what went on the wire is unchanged: the server saw every header and the query value
      assert.equal(sent?.headers['x-api-key'], callKey);
      assert.equal(sent?.headers.authorization, `Bearer ${bearer}`);
      assert.ok(String(sent?.url).includes(queryToken), 'the query value was sent');
      assertClean(res, [clientKey, bearer, callKey, queryToken], '200 result');
      const params = (res.meta as unknown as { request: { params: { headers: Record<string, string> } } }).request.params;
      assert.equal(params.headers['x-trace'], 'kept-value', 'a harmless header is kept');
      assert.equal(params.headers.authorization, '[REDACTED]');
      assert.deepEqual(res.body, { acknowledged: true }, 'the body is the server answer, untouched');
      // the caller's own options object is not changed: it may be reused for the next call
      assert.equal(callOptions.headers['X-Api-Key'], callKey);
      assert.equal(callOptions.querystring.access_token, queryToken);
      const again = await client.info({}, callOptions);
      assert.equal(sent?.headers['x-api-key'], callKey, 'the reused options still send the real key');
      assertClean(again, [callKey], 'second 200 result');
    } finally {
      reply = () => ({ status: 200, body: {} });
      await client.close();
    }
  });

  test('a security-API body (a new password) is redacted in the meta of its 200; other bodies are kept', async () => {
    const password = 'New-User-Pass-0e9c4b';
    reply = () => ({ status: 201, body: { status: 'CREATED', message: "'bob' created." } });
    const client = createClient({ node: stub.url, auth: { mode: 'basic', username: USER, password: 'Client-Pass-77aa' }, allowInsecureHttp: true, retry: { retries: 0 } });
    try {
      const res = await client.transport.request({ method: 'PUT', path: '/_plugins/_security/api/internalusers/bob', body: { password, backend_roles: ['reader'] } });
      assertClean(res, formsOf(password, 'bob'), 'security-API 200');
      const body = String((res.meta as { request: { params: { body: unknown } } }).request.params.body);
      assert.ok(body.includes('reader'), `the rest of the body is kept: ${body}`);
      const doc = await client.transport.request({ method: 'PUT', path: '/idx/_doc/1', body: { note: 'password-like text stays' } });
      assert.ok(String((doc.meta as { request: { params: { body: unknown } } }).request.params.body).includes('password-like text stays'));
    } finally {
      reply = () => ({ status: 200, body: {} });
      await client.close();
    }
  });

  test("a redirect's Location with the client's credentials is redacted", async () => {
    const password = 'Redirect-Pass-4d2f19';
    reply = () => ({ status: 302, body: '', headers: { location: `https://${USER}:${password}@elsewhere.example/x?token=${password}` } });
    const client = createClient({ node: stub.url, auth: { mode: 'basic', username: USER, password }, allowInsecureHttp: true, retry: { retries: 0 } });
    try {
      const res = await client.transport.request({ method: 'GET', path: '/' }, { ignore: [302] });
      assert.equal(res.statusCode, 302);
      assertClean(res, formsOf(password), 'redirect');
      assert.ok(String((res.headers as Record<string, unknown>).location).includes('elsewhere.example'), 'the target host is kept');
    } finally {
      reply = () => ({ status: 200, body: {} });
      await client.close();
    }
  });

  test('token-shaped values in headers with harmless names, a secret query in the path, and a per-call key echoed in a redirect are redacted like on the error path', async () => {
    const bearer = 'XAuth-Bearer-4c1d9e0f';
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJl';
    const pathToken = 'Path-Token-77e1a2';
    const callKey = 'Call-Key-Echo-13ab57';
    reply = (req) => (req.url.startsWith('/redirect')
      ? { status: 302, body: '', headers: { location: `https://sso.example/cb?k=${callKey}&next=/home` } }
      : { status: 200, body: { ok: true } });
    const client = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { retries: 0 }, clientOptions: { headers: { 'x-authorization': `Bearer ${bearer}` } } });
    try {
      const options = { headers: { 'x-jwt-assertion': jwt } };
      const res = await client.transport.request({ method: 'GET', path: `/x?access_token=${pathToken}` }, options);
      assertClean(res, [bearer, jwt, pathToken], 'harmless header names, path query');
      assert.equal(options.headers['x-jwt-assertion'], jwt, "the caller's options are not changed");
      const redirected = await client.transport.request({ method: 'GET', path: '/redirect' }, { ignore: [302], headers: { 'x-api-key': callKey } });
      assertClean(redirected, [callKey], 'per-call key echoed in location');
      assert.ok(String((redirected.headers as Record<string, unknown>).location).includes('next=/home'), 'the rest of the location is kept');
    } finally {
      reply = () => ({ status: 200, body: {} });
      await client.close();
    }
  });

  test('a setting password in a non-security body is redacted; documents, bulk bodies and a token-like document id in location are kept', async () => {
    const keystore = 'Keystore-Pass-9a8b7c';
    const docId = 'eyJhbGciOiJIUzI1NiJ9.eyJkb2MiOjF9.AKIAABCDEFGHIJKLMNOP';
    reply = (req) => (req.url.startsWith('/idx/_doc')
      ? { status: 201, body: { result: 'created' }, headers: { location: `/idx/_doc/${docId}` } }
      : { status: 200, body: { ok: true } });
    const client = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { retries: 0 } });
    try {
      const reload = await client.transport.request({ method: 'POST', path: '/_nodes/reload_secure_settings', body: { secure_settings_password: keystore } });
      assertClean(reload, [keystore], 'reload_secure_settings');
      const created = await client.transport.request({ method: 'PUT', path: `/idx/_doc/${docId}`, body: { title: 'kept as sent' } });
      assert.equal((created.headers as Record<string, unknown>).location, `/idx/_doc/${docId}`, 'a document id is the server data');
      assert.ok(String((created.meta as unknown as { request: { params: { body: unknown } } }).request.params.body).includes('kept as sent'));
      const bulk = await client.transport.request({ method: 'POST', path: '/_bulk', bulkBody: [{ index: { _index: 'u' } }, { user: 'bob', password: 'doc-field-value' }] });
      assert.ok(String((bulk.meta as unknown as { request: { params: { body: unknown } } }).request.params.body).includes('doc-field-value'), 'bulk documents are data');
    } finally {
      reply = () => ({ status: 200, body: {} });
      await client.close();
    }
  });
});
