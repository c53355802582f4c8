/**
 * Every field of a client event's payload is redacted alike: a `Warning` header echoing the password reaches a
 * 'response' (or 'deserialization', 'request') listener as `[REDACTED]` in `result.warnings` as it does in
 * `result.headers.warning` and in the error's `meta.warnings`, for a refused answer (400, 429) and a 200 alike.
 * Loopback stub echoing the client's password in `Warning` and in another header.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { createClient } from '../../src/client/create-client.js';
import { startRawStub, type RawStub } from '../support/raw-stub.js';

const PW = 'Sup3rS3cret!fb53';
const FORMS = [PW, Buffer.from(`alice:${PW}`).toString('base64'), encodeURIComponent(PW)];

let stub: RawStub;
let status = 400;

before(async () => {
  stub = await startRawStub((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', warning: `299 OpenSearch-2.19 "deprecated ${PW}", 299 OpenSearch-2.19 "plain"`, 'x-echo': PW });
    res.end(status < 300 ? '{"hits":{"hits":[]}}' : JSON.stringify({ error: { type: status === 429 ? 'too_many_requests' : 'illegal_argument_exception', reason: 'x' }, status }));
  });
});
after(() => stub.close());

type Payload = { body: unknown; statusCode: unknown; headers: unknown; warnings: unknown; meta: unknown };

function read(payload: Payload): Record<string, unknown> {
  return { body: payload.body, statusCode: payload.statusCode, headers: payload.headers, warnings: payload.warnings, meta: payload.meta };
}

for (const code of [400, 429, 200]) {
  test(`a ${code} whose Warning header echoes the password: no event payload field holds it`, async () => {
    status = code;
    const client = createClient({ node: stub.url, auth: { mode: 'basic', username: 'alice', password: PW }, retry: { retries: 0 } });
    const seen: Array<{ event: string; err: unknown; fields: Record<string, unknown> }> = [];
    for (const event of ['request', 'deserialization', 'response']) {
      (client.on as (e: string, f: (err: unknown, r: Payload) => void) => unknown)(event, (err, r) => seen.push({ event, err, fields: read(r) }));
    }
    try {
      const outcome = await client.search({ index: 'x' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.equal(outcome === undefined, code === 200);
      const response = seen.find((s) => s.event === 'response');
      assert.ok(response !== undefined, 'a response event');
      assert.deepEqual(response.fields.warnings, ['299 OpenSearch-2.19 "deprecated [REDACTED]"', ' 299 OpenSearch-2.19 "plain"']);
      assert.equal(response.fields.statusCode, code);
      for (const s of seen) {
        const text = [inspect(s.fields, { depth: 20, showHidden: true, getters: true }), inspect(s.err, { depth: 20, showHidden: true, getters: true }), JSON.stringify(s.fields)].join('\n');
        for (const form of FORMS) assert.ok(!text.includes(form), `${s.event}: ${form} in ${text.slice(Math.max(0, text.indexOf(form) - 200), text.indexOf(form) + 40)}`);
      }
      if (outcome !== undefined) {
        assert.deepEqual((outcome as { meta?: { warnings?: unknown } }).meta?.warnings, response.fields.warnings, "the error's meta.warnings and the event's warnings are redacted alike");
      }
    } finally {
      await client.close();
    }
  });
}
