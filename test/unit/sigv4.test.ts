/**
 * SigV4 as sent by createClient, checked by an independent verifier: the local edge's
 * verifySigV4, which recomputes the signature with @smithy/signature-v4 from the bytes a
 * loopback stub actually received (never by re-running aws4).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { Client } from '@opensearch-project/opensearch';
import { createClient } from '../../src/client/create-client.js';
import { EMPTY_SHA256, loadSigner, signRequest } from '../../src/auth/sigv4/sign.js';
import { canonicalTarget } from '../../src/auth/sigv4/wire-path.js';
import { parseAuthorization, verifySigV4, type EdgeCredential, type ReceivedRequest } from '../domain/edge/sigv4.js';
import { startRecordingStub, type RecordingStub } from '../support/recording-stub.js';

// signRequest signs targets outside the plain fast path with aws4, which the SigV4 strategy loads lazily.
before(async () => {
  await loadSigner();
});

const KEYS = { accessKeyId: 'AKIDSTUBTEST', secretAccessKey: 'stub/secret+key=', sessionToken: 'stub-session-token' };
const EDGE_CRED: EdgeCredential = { ...KEYS, arn: 'arn:aws:iam::123456789012:role/Stub' };
const SPECIAL_IDS = ['a:b', 'with space', '100%', 'café', 'a/b', "it's(1)*!", '日本語', '🚀 rocket', 'plus+sign', 'q?x=1&y', 'semi;colon', '~tilde', '%2F', '..', 'a..b'];

let stub: RecordingStub;

before(async () => {
  stub = await startRecordingStub();
});
after(async () => {
  await stub.close();
});

async function verify(req: ReceivedRequest, service = 'es', credential: EdgeCredential = EDGE_CRED) {
  return verifySigV4(req, { region: 'us-east-1', service, now: new Date(), findCredential: (id) => (id === credential.accessKeyId ? credential : undefined) });
}

function signedHeadersOf(req: ReceivedRequest): string[] {
  const auth = parseAuthorization(req.headers.authorization?.[0] ?? '');
  assert.ok(typeof auth !== 'string', 'authorization header parses');
  return auth.signedHeaders;
}

function iamClient(extra: Partial<Parameters<typeof createClient>[0]> = {}, auth: Record<string, unknown> = {}) {
  return createClient({
    node: stub.url,
    auth: { mode: 'iam', region: 'us-east-1', credentials: KEYS, ...auth },
    retry: { retries: 0 },
    ...extra,
  } as Parameters<typeof createClient>[0]);
}

function last(): ReceivedRequest {
  const r = stub.received.at(-1);
  assert.ok(r, 'the stub received a request');
  return r;
}

describe('signRequest', () => {
  test('always signs x-amz-content-sha256 (empty-body hash too) and only host / content-type / x-amz-*', () => {
    const parts = signRequest(
      {
        method: 'GET',
        host: 'search-x.us-east-1.es.amazonaws.com',
        path: '/_cluster/health',
        headers: {
          connection: 'keep-alive',
          'keep-alive': 'timeout=5',
          'transfer-encoding': 'chunked',
          'user-agent': 'ua',
          'content-length': '0',
          'x-opaque-id': 'op',
          'x-amz-meta-x': 'y',
          Authorization: 'Basic Zm9vOmJhcg==',
        },
        body: null,
      },
      KEYS,
      { region: 'us-east-1', service: 'es' },
      new Date('2024-01-02T03:04:05Z'),
    );
    assert.equal(parts.headers['x-amz-content-sha256'], EMPTY_SHA256);
    assert.equal(parts.headers['x-amz-date'], '20240102T030405Z');
    assert.equal(parts.headers['x-amz-security-token'], KEYS.sessionToken);
    const signed = /SignedHeaders=([^,]+)/.exec(parts.headers.authorization ?? '')?.[1];
    assert.equal(signed, 'host;x-amz-content-sha256;x-amz-date;x-amz-meta-x;x-amz-security-token');
    assert.match(parts.headers.authorization ?? '', /Credential=AKIDSTUBTEST\/20240102\/us-east-1\/es\/aws4_request/);
  });

  test('the payload hash is of the exact bytes (Buffer and UTF-8 string agree)', () => {
    const text = '{"name":"café"}';
    const a = signRequest({ method: 'POST', host: 'h', path: '/', headers: {}, body: text }, KEYS, { region: 'us-east-1', service: 'es' });
    const b = signRequest({ method: 'POST', host: 'h', path: '/', headers: {}, body: Buffer.from(text, 'utf8') }, KEYS, { region: 'us-east-1', service: 'es' });
    assert.equal(a.headers['x-amz-content-sha256'], createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex'));
    assert.equal(a.headers['x-amz-content-sha256'], b.headers['x-amz-content-sha256']);
  });

  test('the path is sent as given, percent-encoded once; the query keeps every pair, in order, encoded once', () => {
    const cases: Array<[string, string, string]> = [
      // [target given, sent, canonical query]
      ['/flights/_doc/a%3Ab?q=Zürich', '/flights/_doc/a%3Ab?q=Z%C3%BCrich', 'q=Z%C3%BCrich'],
      ['/a b/ü/%25', '/a%20b/%C3%BC/%25', ''],
      ['/100%', '/100%25', ''],
      ['/x%2f%2F', '/x%2f%2F', ''],
      ["/it's(1)*!:@;=,+$&", "/it's(1)*!:@;=,+$&", ''],
      ['/a#b"c<d>', '/a%23b%22c%3Cd%3E', ''],
      ['/s?b=2&a=1&a=0', '/s?b=2&a=1&a=0', 'a=0&a=1&b=2'],
      ["/s?q=a+b&r=it's&pretty", '/s?q=a%20b&r=it%27s&pretty=', 'pretty=&q=a%20b&r=it%27s'],
      ['/s?a=1&&b=%zz&c=caf%c3%a9', '/s?a=1&b=%25zz&c=caf%C3%A9', 'a=1&b=%25zz&c=caf%C3%A9'],
      ['/s?', '/s', ''],
    ];
    for (const [given, sent, query] of cases) {
      const t = canonicalTarget(given);
      assert.equal(t.wire, sent, given);
      assert.equal(t.query, query, given);
      assert.equal(signRequest({ method: 'GET', host: 'h', path: given, headers: {} }, KEYS, { region: 'us-east-1', service: 'es' }).path, sent);
    }
    assert.equal(canonicalTarget('/flights/_doc/a%3Ab').uri, '/flights/_doc/a%253Ab');
    assert.equal(canonicalTarget('/a//b/./c/../d/').uri, '/a/b/d/');
    const many = Array.from({ length: 2500 }, (_, i) => `k${i}=${i}`).join('&');
    assert.equal(canonicalTarget(`/s?${many}`).wire, `/s?${many}`);
  });

  test('without a session token no x-amz-security-token is sent or signed', () => {
    const parts = signRequest({ method: 'GET', host: 'h', path: '/', headers: {} }, { accessKeyId: 'A', secretAccessKey: 'B' }, { region: 'us-east-1', service: 'es' });
    assert.equal(parts.headers['x-amz-security-token'], undefined);
    assert.doesNotMatch(parts.headers.authorization ?? '', /x-amz-security-token/);
  });
});

describe('createClient in iam mode, verified by @smithy/signature-v4 on the received bytes', () => {
  test('GET with a query string', async () => {
    const client = iamClient();
    assert.ok(client instanceof Client);
    await client.search({ index: 'flights', q: 'Dest:"Zürich Airport"', size: 3, routing: ['r1', 'r2'] });
    const req = last();
    assert.equal(req.method, 'GET');
    assert.match(req.url, /[?&]routing=r1%2Cr2(&|$)/);
    const v = await verify(req);
    assert.ok(v.ok, !v.ok ? v.message : '');
    assert.equal(req.headers['x-amz-content-sha256']?.[0], createHash('sha256').update(req.body).digest('hex'));
  });

  test('POST with a JSON body: the hash covers the body, content-type is signed, hop-by-hop headers are not', async () => {
    const client = iamClient();
    await client.index(
      { index: 'scratch', id: '1', body: { title: 'Crème brûlée', n: 1 } },
      { headers: { connection: 'keep-alive', 'keep-alive': 'timeout=5', 'x-amz-meta-trace': 't1' } },
    );
    const req = last();
    const v = await verify(req);
    assert.ok(v.ok, !v.ok ? v.message : '');
    assert.equal(JSON.parse(Buffer.from(req.body).toString('utf8')).title, 'Crème brûlée');
    const signed = signedHeadersOf(req);
    assert.ok(signed.includes('x-amz-content-sha256') && signed.includes('content-type') && signed.includes('host'));
    assert.ok(signed.includes('x-amz-meta-trace'));
    for (const name of signed) assert.ok(name === 'host' || name === 'content-type' || name.startsWith('x-amz-'), `unexpected signed header ${name}`);
    for (const name of ['connection', 'keep-alive', 'user-agent', 'content-length', 'transfer-encoding']) assert.ok(!signed.includes(name), `${name} signed`);
  });

  test('gzip: the signature covers the compressed bytes sent', async () => {
    const client = iamClient({ compression: true });
    const docs = Array.from({ length: 50 }, (_, i) => ({ i, text: 'repetitive text '.repeat(10) }));
    await client.bulk({ body: docs.flatMap((d) => [{ index: { _index: 'scratch', _id: String(d.i) } }, d]) });
    const req = last();
    assert.equal(req.headers['content-encoding']?.[0], 'gzip');
    const plain = gunzipSync(req.body).toString('utf8');
    assert.equal(plain.trim().split('\n').length, 100);
    assert.equal(req.headers['x-amz-content-sha256']?.[0], createHash('sha256').update(req.body).digest('hex'));
    const v = await verify(req);
    assert.ok(v.ok, !v.ok ? v.message : '');
  });

  test('document ids with special characters are path-encoded once and signed with double encoding', async () => {
    const client = iamClient();
    for (const id of SPECIAL_IDS) {
      await client.index({ index: 'p2-ids', id, body: { id } });
      const put = last();
      assert.ok(put.url.startsWith(`/p2-ids/_doc/${encodeURIComponent(id)}`), `${id} -> ${put.url}`);
      const v1 = await verify(put);
      assert.ok(v1.ok, `${id}: ${!v1.ok ? v1.message : ''}`);
      await client.get({ index: 'p2-ids', id });
      const v2 = await verify(last());
      assert.ok(v2.ok, `${id}: ${!v2.ok ? v2.message : ''}`);
    }
  });

  test('a raw non-ASCII query leaves the escapes of the path alone: the request goes to the document asked for', async () => {
    // aws4 (also inside opensearch-js's AwsSigv4Signer) ran encodeURI(decodeURI(path)) over `path?query`
    // here and sent /flights/_doc/a%253Ab, i.e. the document `a%3Ab`.
    await iamClient().transport.request({ method: 'GET', path: '/flights/_doc/a%3Ab', querystring: 'q=Zürich' });
    const req = last();
    assert.equal(req.url.split('?')[0], '/flights/_doc/a%3Ab');
    assert.equal(req.url, '/flights/_doc/a%3Ab?q=Z%C3%BCrich');
    const v = await verify(req);
    assert.ok(v.ok, !v.ok ? v.message : '');
    // Raw spaces / non-ASCII in the path itself are encoded once, existing escapes kept.
    await iamClient().transport.request({ method: 'GET', path: '/p2-ids/_doc/ü b%25', querystring: 'q=é' });
    assert.equal(last().url, '/p2-ids/_doc/%C3%BC%20b%25?q=%C3%A9');
    const v2 = await verify(last());
    assert.ok(v2.ok, !v2.ok ? v2.message : '');
  });

  test('every query pair is sent and signed: more than 1000 keys, repeated keys, in the given order', async () => {
    // aws4 parsed the query with querystring.parse, which keeps at most 1000 keys: the rest vanished.
    const pairs = Array.from({ length: 1001 }, (_, i) => `k${i}=${i}`);
    await iamClient().transport.request({ method: 'GET', path: '/f/_search', querystring: pairs.join('&') });
    const req = last();
    assert.equal(req.url.split('?')[1]?.split('&').length, 1001);
    assert.equal(req.url, `/f/_search?${pairs.join('&')}`);
    const v = await verify(req);
    assert.ok(v.ok, !v.ok ? v.message : '');
    const repeated = [...pairs, ...pairs.slice(0, 600)].reverse();
    await iamClient().transport.request({ method: 'GET', path: '/f/_search', querystring: repeated.join('&') });
    assert.equal(last().url, `/f/_search?${repeated.join('&')}`);
    const v2 = await verify(last());
    assert.ok(v2.ok, !v2.ok ? v2.message : '');
  });

  test('signingHost: the domain host is signed and sent as Host while the socket goes to the tunnel', async () => {
    const domainHost = 'vpc-fgac-abc123.us-east-1.es.amazonaws.com';
    const client = iamClient({}, { signingHost: domainHost });
    await client.cluster.health();
    const req = last();
    assert.equal(req.headers.host?.[0], domainHost);
    assert.ok(signedHeadersOf(req).includes('host'));
    const v = await verify(req);
    assert.ok(v.ok, !v.ok ? v.message : '');
  });

  test('aoss: signed for service aoss with x-amz-content-sha256 (verifies as aoss, not as es)', async () => {
    const client = iamClient({}, { service: 'aoss' });
    await client.search({ index: 'movies', body: { query: { match_all: {} } } });
    const req = last();
    const v = await verify(req, 'aoss');
    assert.ok(v.ok, !v.ok ? v.message : '');
    assert.equal((await verify(req, 'es')).ok, false);
    assert.ok(signedHeadersOf(req).includes('x-amz-content-sha256'));
  });

  test('a wrong secret does not verify (the check can fail)', async () => {
    const client = iamClient();
    await client.info();
    const v = await verify(last(), 'es', { ...EDGE_CRED, secretAccessKey: 'other' });
    assert.equal(v.ok, false);
  });

  test('300 generated requests: special ids, repeated and unicode query keys, gzip and empty bodies, es and aoss', async () => {
    let seed = 42;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pick = <T>(items: readonly T[]): T => items[rand(items.length)] as T;
    const keys = ['q', 'ключ', 'a b', 'x*', 'emoji🙂', 'size', 'r'];
    const values = ['1', 'два', 'a+b', 'c d', '100%', 'é', '', '(x)', "it's"];
    const clients = {
      es: iamClient(),
      esGzip: iamClient({ compression: true }),
      aoss: iamClient({}, { service: 'aoss' }),
    };
    let checked = 0;
    for (let i = 0; i < 300; i++) {
      const which = pick(['es', 'esGzip', 'aoss'] as const);
      const client = clients[which];
      const id = `${pick(SPECIAL_IDS)}${rand(1000)}`;
      const pairs = Array.from({ length: rand(4) }, () => `${encodeURIComponent(pick(keys))}=${encodeURIComponent(pick(values))}`);
      if (pairs.length > 0 && rand(2) === 0) pairs.push(pairs[0] as string); // a repeated key
      const method = pick(['GET', 'PUT', 'POST', 'DELETE', 'HEAD'] as const);
      const withBody = method === 'PUT' || method === 'POST';
      const body = withBody ? (rand(4) === 0 ? '' : { i, text: pick(values).repeat(rand(50)) }) : undefined;
      await client.transport.request(
        { method, path: `/p2-gen/_doc/${encodeURIComponent(id)}`, querystring: pairs.join('&'), ...(body !== undefined ? { body } : {}) },
        { ignore: [404] },
      );
      const req = last();
      const v = await verify(req, which === 'aoss' ? 'aoss' : 'es');
      assert.ok(v.ok, `${method} ${req.url} (${which}): ${!v.ok ? v.message : ''}`);
      assert.equal(req.headers['x-amz-content-sha256']?.[0], createHash('sha256').update(req.body).digest('hex'));
      checked += 1;
    }
    assert.equal(checked, 300);
  });

  test('re-signed on retry: each attempt carries its own date and a signature over its own bytes', async () => {
    const before = stub.received.length;
    stub.reply = (_req, index) => {
      if (index !== before) return {};
      // Answer the first attempt with a 503 just after the next second starts, so the retry has a later x-amz-date.
      const wait = 1000 - (Date.now() % 1000) + 50;
      return { status: 503, delayMs: wait, body: { error: 'unavailable' } };
    };
    try {
      const client = createClient({
        node: stub.url,
        auth: { mode: 'iam', region: 'us-east-1', credentials: KEYS },
        compression: true,
        retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5 },
      });
      await client.search({ index: 'flights', body: { query: { term: { Dest: 'a:b' } } } });
    } finally {
      stub.reply = () => ({});
    }
    const attempts = stub.received.slice(before);
    assert.equal(attempts.length, 2);
    const [first, second] = attempts as [ReceivedRequest, ReceivedRequest];
    assert.notEqual(first.headers['x-amz-date']?.[0], second.headers['x-amz-date']?.[0]);
    assert.notEqual(first.headers.authorization?.[0], second.headers.authorization?.[0]);
    for (const req of attempts) {
      const v = await verify(req);
      assert.ok(v.ok, !v.ok ? v.message : '');
    }
  });
});
