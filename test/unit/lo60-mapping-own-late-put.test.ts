/**
 * (Review 213, mended: a later PUT answered 200 after our own PUT whose answer was lost is no proof of another writer.)
 * addUsers on a missing mapping: our creating PUT gets a gateway 504 (the node applies it late), the next round reads
 * the mapping still missing and PUTs again; by then OUR first PUT created it, so the node answers 200. The edit throws
 * "another client created that mapping ... What that client wrote is lost" although no other client wrote anything
 * and the mapping holds exactly the values asked.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from '../../src/client/create-client.js';
import { SecurityApi } from '../../src/security/api.js';
import { startRecordingStub, type RecordingStub } from '../support/recording-stub.js';

let stub: RecordingStub;
let puts = 0;
before(async () => {
  stub = await startRecordingStub();
  stub.reply = (req) => {
    if (req.url === '/') return { body: { version: { distribution: 'opensearch', number: '2.19.4' } } };
    if (req.method === 'GET') {
      // missing until our second PUT (our first one lands late, just before it)
      if (puts < 2) return { status: 404, body: { status: 'NOT_FOUND', message: "rolesmapping 'm' not found." } };
      return { body: { m: { users: ['alice'], backend_roles: [], and_backend_roles: [], hosts: [], reserved: false, hidden: false } } };
    }
    if (req.method === 'PUT') {
      puts++;
      if (puts === 1) return { status: 504, body: { message: 'Gateway Timeout' } };
      return { status: 200, body: { status: 'OK', message: "'m' updated." } };
    }
    return { status: 500, body: {} };
  };
});
after(async () => stub.close());

test('own late-applied PUT is not "another client created that mapping"', async () => {
  const client = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { retries: 0 } });
  try {
    const api = new SecurityApi(client, { settleMs: 1, conflictAttempts: 3 });
    const out = await api.roleMappings.addUsers('m', ['alice']).then((r) => r, (e: unknown) => e);
    console.log(out instanceof Error ? `THROWN ${out.name}: ${out.message}` : out);
    assert.ok(!(out instanceof Error), 'expected a result (created or maybe created), got an error blaming another client');
  } finally {
    await client.close();
  }
});
