/**
 * The security REST API surface by version, against a loopback stub: permissionsinfo, the per-user cache
 * flush (3.1+, `_plugins` prefix only) and the typed error naming the version when it is unavailable.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@opensearch-project/opensearch';
import { SecurityApi } from '../../src/security/api.js';
import { SecurityApiUnavailableError, atLeast } from '../../src/security/version-gate.js';
import { startRecordingStub, type RecordingStub } from '../support/recording-stub.js';

let stub: RecordingStub;
let root: { status?: number; body: unknown } = { body: {} };

before(async () => {
  stub = await startRecordingStub();
  stub.reply = (req) => {
    if (req.url === '/') return root;
    if (req.url.endsWith('/api/permissionsinfo')) return { body: { user_name: 'alice', has_api_access: false, disabled_endpoints: { ROLES: ['GET'] } } };
    if (req.method === 'DELETE') return { body: { status: 'OK', message: 'Cache invalidated for user: x' } };
    return { status: 500, body: {} };
  };
});

after(async () => stub.close());

async function withCluster<T>(r: typeof root, run: (api: SecurityApi) => Promise<T>): Promise<T> {
  root = r;
  const client = new Client({ node: stub.url });
  try {
    return await run(new SecurityApi(client));
  } finally {
    await client.close();
  }
}

describe('security API calls by plugin version', () => {
  test('flushUserCache on 3.1: DELETE api/cache/user/<name>, the name encoded', async () => {
    stub.received.length = 0;
    const r = await withCluster({ body: { version: { distribution: 'opensearch', number: '3.1.0' } } }, (api) => api.flushUserCache('al ice/x'));
    assert.equal(r.statusCode, 200);
    const del = stub.received.filter((q) => q.method === 'DELETE');
    assert.deepEqual(del.map((q) => q.url), ['/_plugins/_security/api/cache/user/al%20ice%2Fx']);
  });

  test('below 3.1 and on Open Distro: SecurityApiUnavailableError naming both versions, nothing sent', async () => {
    for (const [distribution, number] of [['opensearch', '2.19.4'], ['opensearch', '3.0.0'], [undefined, '7.10.2']] as const) {
      stub.received.length = 0;
      const err = await withCluster({ body: { version: { ...(distribution ? { distribution } : {}), number } } }, (api) => api.flushUserCache('bob').then(() => undefined, (e: unknown) => e));
      assert.ok(err instanceof SecurityApiUnavailableError, `${number}: ${String(err)}`);
      assert.equal(err.requiredVersion, '3.1.0');
      assert.equal(err.detectedVersion, number);
      assert.match(err.message, new RegExp(`flushUserCache needs OpenSearch security plugin 3\\.1\\.0 or later; the cluster runs ${distribution ?? 'elasticsearch'} ${number.replaceAll('.', '\\.')}`));
      assert.equal(stub.received.filter((q) => q.method === 'DELETE').length, 0);
    }
  });

  test('an unknown version (GET / refused): the call is sent and the server decides', async () => {
    stub.received.length = 0;
    await withCluster({ status: 403, body: { error: 'no' } }, (api) => api.flushUserCache('carol'));
    assert.equal(stub.received.filter((q) => q.method === 'DELETE').length, 1);
    assert.equal(atLeast({ distribution: 'unknown', version: 'unknown' }, 3, 1), undefined);
    assert.equal(atLeast({ distribution: 'opensearch', version: '3.10.0' }, 3, 1), true);
  });

  test('permissionsInfo reads api/permissionsinfo', async () => {
    const info = await withCluster({ body: { version: { distribution: 'opensearch', number: '2.19.4' } } }, (api) => api.permissionsInfo());
    assert.deepEqual(info, { user_name: 'alice', has_api_access: false, disabled_endpoints: { ROLES: ['GET'] } });
    assert.equal(stub.received.at(-1)?.url, '/_plugins/_security/api/permissionsinfo');
  });

  test('a bad user name is refused before anything is sent', async () => {
    await assert.rejects(withCluster({ body: { version: { distribution: 'opensearch', number: '3.4.0' } } }, (api) => api.flushUserCache('')), /non-empty string/);
  });
});
