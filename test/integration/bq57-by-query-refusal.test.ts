/**
 * bq57: a `_delete_by_query` / `_update_by_query` the plugin refuses in the bulk shard request the reindex module
 * sends with the caller's privileges answers 403 with counts and `failures` (no `error`). Through createClient it is a
 * SecurityExceptionError naming the actions, the user and the index, as any refusal; one the plugin lets through
 * but whose items conflict is not. Needs the reindex module (test/domain installs it): a node without it FAILS.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { loadConnection } from '../domain/connection.js';
import { basicUserClient, masterRest } from '../support/refusal-fixtures.js';
import { SecurityExceptionError, isPermissionError } from '../../src/errors/classes.js';
import { testPassword } from '../support/test-password.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const { admin, must } = masterRest(conn, ca);
const PW = testPassword('Bqx');
const INDEX = 'bq57-src';
const ROLE = 'bq57-noshard';
const USER = 'bq57-u';

describe(`bq57 a by-query request refused in its bulk (${conn.opensearch.version})`, () => {
  before(async () => {
    const plugins = await admin('GET', '/_nodes/plugins?filter_path=nodes.*.modules.name');
    assert.match(plugins.text, /"reindex"/, 'the node lacks the reindex module: restart the domain (test/domain installs it)');
    await admin('DELETE', `/${INDEX}`);
    await must('PUT', `/${INDEX}`, { settings: { number_of_shards: 1, number_of_replicas: 0 } });
    await must('PUT', `/_plugins/_security/api/roles/${ROLE}`, {
      cluster_permissions: ['indices:data/write/bulk', 'indices:data/read/scroll', 'indices:data/read/scroll/clear'],
      index_permissions: [{ index_patterns: [INDEX], allowed_actions: ['indices:data/write/delete/byquery', 'indices:data/write/update/byquery', 'indices:data/read/search'] }],
    });
    await must('PUT', `/_plugins/_security/api/internalusers/${USER}`, { password: PW, backend_roles: ['bq57-br'] });
    await must('PUT', `/_plugins/_security/api/rolesmapping/${ROLE}`, { users: [USER] });
  });
  after(async () => {
    await admin('DELETE', `/_plugins/_security/api/rolesmapping/${ROLE}`);
    await admin('DELETE', `/_plugins/_security/api/internalusers/${USER}`);
    await admin('DELETE', `/_plugins/_security/api/roles/${ROLE}`);
    await admin('DELETE', `/${INDEX}`);
  });

  for (const [name, call, item] of [
    ['deleteByQuery', 'deleteByQuery', 'indices:data/write/delete'],
    ['updateByQuery', 'updateByQuery', 'indices:data/write/index'],
  ] as const) {
    test(`${name}: a SecurityExceptionError naming bulk[s], the item action, the user and the index; nothing written`, async () => {
      for (const id of ['0', '1', '2']) await must('PUT', `/${INDEX}/_doc/${id}?refresh=true`, { a: Number(id) });
      const client = basicUserClient(conn, ca, USER, PW);
      try {
        const params = { index: INDEX, body: { query: { match_all: {} } } };
        const sent = call === 'deleteByQuery' ? client.deleteByQuery(params) : client.updateByQuery(params);
        const err = await sent.then(() => assert.fail('expected a refusal'), (e: unknown) => e);
        const meta = (err as { meta?: { statusCode?: number; body?: { error?: unknown; failures?: unknown[] } } }).meta;
        assert.equal(meta?.statusCode, 403);
        assert.equal(meta?.body?.error, undefined, 'the refusal is in failures, not error');
        assert.ok(Array.isArray(meta?.body?.failures) && meta.body.failures.length > 0);
        assert.ok(err instanceof SecurityExceptionError, `${(err as Error).constructor.name}: ${(err as Error).message}`);
        assert.ok(isPermissionError(err));
        assert.ok(err.actions.includes('indices:data/write/bulk[s]'), err.actions.join());
        assert.ok(err.actions.includes(item), err.actions.join());
        assert.equal(err.user?.name, USER);
        assert.deepEqual(err.user?.backendRoles, ['bq57-br']);
        assert.deepEqual(err.indices, [INDEX]);
        const count = await admin('GET', `/${INDEX}/_count`);
        assert.equal(JSON.parse(count.text).count, 3);
      } finally {
        await client.close();
      }
    });
  }
});
