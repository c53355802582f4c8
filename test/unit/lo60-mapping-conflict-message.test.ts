/**
 * A list edit that runs out of attempts because every write met a 409 says it was a conflict (it said only "invalid
 * role mapping ... in N attempts", review 202 finding 11). Loopback stub (transport behaviour only).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from '../../src/client/create-client.js';
import { SecurityApi } from '../../src/security/api.js';
import { SecurityModelError } from '../../src/security/model-error.js';
import { startRecordingStub, type RecordingStub } from '../support/recording-stub.js';

let stub: RecordingStub;
before(async () => {
  stub = await startRecordingStub();
  stub.reply = (req) => {
    if (req.url === '/') return { body: { version: { distribution: 'opensearch', number: '2.19.4' } } };
    if (req.method === 'GET') return { body: { m: { users: ['a'], backend_roles: [], hosts: [] } } };
    return { status: 409, body: { status: 'CONFLICT', message: 'concurrent modification' } };
  };
});
after(async () => stub.close());

for (const edit of ['addUsers', 'removeUsers'] as const) {
  test(`${edit}: 409 on every write -> a SecurityModelError that names the conflict`, async () => {
    const client = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { retries: 0 } });
    try {
      const api = new SecurityApi(client, { settleMs: 1, conflictAttempts: 3 });
      const error = await api.roleMappings[edit]('m', [edit === 'addUsers' ? 'z' : 'a']).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof SecurityModelError, String(error));
      assert.match(error.message, /409 CONFLICT/);
    } finally {
      await client.close();
    }
  });
}
