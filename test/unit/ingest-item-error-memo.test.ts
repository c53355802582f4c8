/**
 * A bulk answer whose items fail with the same error (a strict mapping, a missing permission: a batch that fails
 * whole) makes one typed error per distinct (status, error), shared by the records it failed, as the records of a
 * failed whole request share theirs; each is still redacted by the client's secrets and typed as before.
 * Loopback stub (transport behaviour only).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { createClient } from '../../src/client/create-client.js';
import { ingest } from '../../src/ingest/ingest.js';
import { SecurityExceptionError } from '../../src/errors/classes.js';
import type { IngestFailure, IngestRecord } from '../../src/ingest/types.js';
import { startBulkStub, type BulkStub, type StubItem } from '../support/bulk-stub.js';

const PASSWORD = 'Memo-Pw-7f3kQz91';
let stub: BulkStub;

const strict = { type: 'strict_dynamic_mapping_exception', reason: `mapping set to strict, dynamic introduction of [${PASSWORD}] within [_doc] is not allowed` };
const denied = { type: 'security_exception', reason: 'no permissions for [indices:data/write/bulk[s]] and User [name=u, backend_roles=[], requestedTenant=null]' };
const parse = (id: string): Record<string, unknown> => ({ type: 'mapper_parsing_exception', reason: `failed to parse field [n] of type [integer] in document with id '${id}'. Preview of field's value: 'x'` });

/** Item i fails: every 10th with its own parse error, every 7th denied, the others with the one strict-mapping error. */
function errorOf(item: StubItem, i: number): { status: number; error: Record<string, unknown> } {
  if (i % 10 === 0) return { status: 400, error: parse(item.id) };
  if (i % 7 === 0) return { status: 403, error: denied };
  return { status: 400, error: strict };
}

before(async () => {
  stub = await startBulkStub((items) => ({
    kind: 'json',
    body: { took: 1, errors: true, items: items.map((item, i) => ({ index: { _index: item.index, _id: item.id, ...errorOf(item, i) } })) },
  }));
});
after(async () => { await stub.close(); });

test('items failed by the same error share one typed, redacted error; different errors get their own', async () => {
  const client = createClient({ node: stub.url, auth: { mode: 'basic', username: 'u', password: PASSWORD }, allowInsecureTls: true, retry: { retries: 0 } } as Parameters<typeof createClient>[0]);
  const records: IngestRecord[] = Array.from({ length: 300 }, (_, i) => ({ index: 'm', id: `d${i}`, document: { n: i } }));
  const report = await ingest(client, records, { maxBatchCount: 300, retries: 0 });
  await client.close();
  const failed = report.outcomes.filter((o): o is IngestFailure => o.status === 'failed');
  assert.equal(failed.length, 300);
  assert.equal(stub.requests.length, 1, 'one bulk request');
  const byKind = new Map<string, Set<Error>>();
  for (const f of failed) {
    const set = byKind.get(f.kind) ?? new Set<Error>();
    set.add(f.error);
    byKind.set(f.kind, set);
  }
  // positions 0, 10, 20 ...: 30 parse errors, each naming its own document
  const parseErrors = failed.filter((f) => f.position % 10 === 0);
  assert.equal(new Set(parseErrors.map((f) => f.error)).size, 30);
  for (const f of parseErrors) assert.match(JSON.stringify((f.error as { meta?: unknown }).meta), new RegExp(`document with id '${f.id}'`));
  const deniedOnes = failed.filter((f) => f.position % 10 !== 0 && f.position % 7 === 0);
  assert.ok(deniedOnes.length > 1);
  assert.equal(new Set(deniedOnes.map((f) => f.error)).size, 1, 'one SecurityExceptionError for the denied items');
  assert.ok(deniedOnes[0]?.error instanceof SecurityExceptionError);
  assert.ok(deniedOnes.every((f) => f.kind === 'security' && !f.retryable));
  const strictOnes = failed.filter((f) => f.position % 10 !== 0 && f.position % 7 !== 0);
  assert.equal(new Set(strictOnes.map((f) => f.error)).size, 1, 'one error for the strict-mapping items');
  assert.ok(strictOnes.every((f) => f.kind === 'mapping'));
  // shared or not, every error is redacted by the client's password in every rendering
  for (const f of failed) {
    const e = f.error as Error & { meta?: unknown };
    for (const text of [e.message, String(e.stack), JSON.stringify(e), inspect(e, { depth: 8 }), JSON.stringify(e.meta)]) {
      assert.ok(!text.includes(PASSWORD), `position ${f.position}: the password leaked`);
    }
  }
});
