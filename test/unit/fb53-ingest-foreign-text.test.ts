/**
 * What an ingest input throws is foreign text: an IngestSourceError names neither the client's password nor
 * `user:password` (message, stack, cause, String, JSON, util.inspect), for an async input, a sync one and one
 * that throws as it is opened, while the rest of the text is kept. Loopback bulk stub.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { createClient } from '../../src/client/create-client.js';
import { ingest } from '../../src/ingest/ingest.js';
import { IngestSourceError } from '../../src/ingest/errors.js';
import type { IngestRecord } from '../../src/ingest/types.js';
import { startRawStub, type RawStub } from '../support/raw-stub.js';

const PW = 'Sup3rS3cret!fb53';
const FORMS = [PW, Buffer.from(`alice:${PW}`).toString('base64')];

let stub: RawStub;
before(async () => {
  stub = await startRawStub((req, res) => {
    const items = req.body
      .split('\n')
      .filter(Boolean)
      .filter((_, i) => i % 2 === 0)
      .map((line) => {
        const a = (JSON.parse(line) as { index: { _index: string; _id: string } }).index;
        return { index: { _index: a._index, _id: a._id, status: 201, result: 'created' } };
      });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ errors: false, items }));
  });
});
after(() => stub.close());

function renderings(e: unknown): string {
  const err = e as Error;
  const cause = err.cause as Error | undefined;
  return [err.message, String(err.stack), String(err), JSON.stringify(err), inspect(err, { depth: 10, showHidden: true }), String(cause?.message), String(cause?.stack)].join('\n');
}

const inputs: Record<string, () => Iterable<IngestRecord> | AsyncIterable<IngestRecord>> = {
  async: () =>
    (async function* () {
      yield { index: 'x', id: '1', document: {} };
      throw new Error(`db connect failed for alice:${PW}`);
    })(),
  sync: () =>
    (function* () {
      yield { index: 'x', id: '1', document: {} };
      throw new Error(`db connect failed with password ${PW} (retry later)`);
    })(),
  opened: () => ({
    [Symbol.iterator]() {
      throw new Error(`cannot open cursor: ${PW}`);
    },
  }),
  'a thrown string': () =>
    (function* () {
      yield { index: 'x', id: '1', document: {} };
      throw `plain text ${PW}`;
    })(),
};

for (const [name, make] of Object.entries(inputs)) {
  test(`an input that throws the client's password (${name}): IngestSourceError without it`, async () => {
    const client = createClient({ node: stub.url, auth: { mode: 'basic', username: 'alice', password: PW } });
    try {
      const e = await ingest(client, make()).then(
        () => assert.fail('the input threw'),
        (x: unknown) => x,
      );
      assert.ok(e instanceof IngestSourceError, String(e));
      const text = renderings(e);
      for (const form of FORMS) assert.ok(!text.includes(form), `${form} in ${text.slice(Math.max(0, text.indexOf(form) - 120), text.indexOf(form) + 30)}`);
      assert.match(e.message, /^reading the records failed after \d records: .*\[REDACTED\]/);
      assert.ok(e.cause !== undefined, 'the cause is kept (a redacted copy)');
    } finally {
      await client.close();
    }
  });
}
