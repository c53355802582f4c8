/**
 * A client event listener may read its payload later than the event (a logger that batches): the redacted copies
 * are made on first read, after the attempt ended and the transport took the attempt's signer off its params. The
 * attempt's own wire secrets (a SigV4 signature, which no client-wide secret set holds) must still be removed then.
 * A stub answers 200 and 403 with bodies echoing the bare signature of the request it received; listeners read the payload
 * on a later turn of the event loop.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from '../../src/index.js';
import { startRawStub } from '../support/raw-stub.js';

const CREDENTIALS = { accessKeyId: 'AKIDLATEREAD0001', secretAccessKey: 'late/read+secret=key', sessionToken: 'late-read-session-token' };

test('a listener reading the response payload on a later tick sees no signature of the attempt', async () => {
  const stub = await startRawStub((req, res, n) => {
    // the signature alone (no `Signature=` before it): only the attempt's own secret values can find it
    const echo = /Signature=([0-9a-f]{64})/.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
    res.writeHead(n === 1 ? 200 : 403, { 'content-type': 'application/json' });
    res.end(JSON.stringify(n === 1 ? { echoed: echo } : { error: { type: 'security_exception', reason: `no permissions for [indices:data/read/search] and User [name=x, backend_roles=[], requestedTenant=null] ${echo}` }, status: 403 }));
  });
  const client = createClient({ node: stub.url, allowInsecureHttp: true, auth: { mode: 'iam', region: 'us-east-1', credentials: CREDENTIALS }, retry: { retries: 0 } });
  const later: Array<Promise<string>> = [];
  client.on('response', (err: unknown, result: unknown) => {
    later.push(new Promise((resolve) => setImmediate(() => resolve(JSON.stringify({ body: (result as { body?: unknown } | null)?.body, err: String(err), meta: (err as { meta?: unknown } | null)?.meta ?? null })))));
  });
  try {
    await client.search({ index: 'x' });
    await client.search({ index: 'x' }).catch(() => undefined);
    const signatures = stub.received.map((r) => /Signature=([0-9a-f]{64})/.exec(String(r.headers.authorization))?.[1]);
    assert.equal(signatures.length, 2);
    const texts = await Promise.all(later);
    assert.equal(texts.length, 2);
    for (const [i, text] of texts.entries()) {
      const signature = signatures[i] as string;
      assert.match(signature, /^[0-9a-f]{64}$/);
      assert.ok(!text.includes(signature), `payload ${i} shows the attempt's signature: ${text.slice(0, 400)}`);
      assert.ok(!text.includes(CREDENTIALS.sessionToken), `payload ${i} shows the session token`);
    }
    assert.match(texts[0] as string, /echoed/, 'the first payload is the 200 answer');
  } finally {
    await client.close();
    await stub.close();
  }
});
