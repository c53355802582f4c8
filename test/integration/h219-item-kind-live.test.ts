/**
 * The real 2.19.4 node, one ingest run whose items the node refuses per item in each way it can be made to here: a
 * permission refusal (403 security_exception), a write block (403 cluster_block_exception), a read-only-allow-delete
 * block (429 cluster_block_exception), a mapping error, a conflict, a missing document, and a DLS/FLS user's writes.
 * Each record's `kind` and `retryable` agree with the typed error attached to it: `security` exactly for a
 * permission error (isPermissionError), a retryable kind exactly for a retryable error (h219).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConnection } from '../domain/connection.js';
import { deleteRoleUsers, localBasicClients, putRoleUsers, restAnswer, restOk } from '../support/local-clients.js';
import { testPassword } from '../support/test-password.js';
import { ingest } from '../../src/ingest/ingest.js';
import { isPermissionError, isRetryable } from '../../src/errors/guards.js';
import type { IngestFailure, IngestOutcome, IngestRecord } from '../../src/ingest/types.js';

const conn = loadConnection();
const { master, make, closeAll } = localBasicClients(conn);
const PASSWORD = testPassword('hkind');
const OK = 'h219-ok';
const BLOCKED = 'h219-ok-blocked';
const READ_ONLY = 'h219-ok-ro';
const DENIED = 'h219-denied';
const DLS = 'h219-ok-dls';
const ROLES = {
  'h219-writer': {
    cluster_permissions: ['cluster_composite_ops'],
    index_permissions: [{ index_patterns: ['h219-ok*'], allowed_actions: ['crud'] }],
  },
  'h219-dls': {
    cluster_permissions: ['cluster_composite_ops'],
    index_permissions: [{ index_patterns: [DLS], allowed_actions: ['crud'], dls: '{"term":{"n":1}}', fls: ['~secret'], masked_fields: ['m'] }],
  },
};
const userOf = (role: string): string => `${role}-u`;

describe('h219 failed items on the real node: kind agrees with the typed error (live)', () => {
  before(async () => {
    for (const index of [OK, BLOCKED, READ_ONLY, DENIED, DLS]) {
      await restAnswer(master, 'PUT', `/${index}/_settings`, { index: { blocks: { write: null, read_only_allow_delete: null } } });
      await restAnswer(master, 'DELETE', `/${index}`);
      await restOk(master, 'PUT', `/${index}`, { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: { properties: { n: { type: 'integer' }, m: { type: 'keyword' }, secret: { type: 'keyword' } } } });
    }
    await restOk(master, 'PUT', `/${OK}/_doc/taken?refresh=true`, { n: 1 });
    await restOk(master, 'PUT', `/${DLS}/_doc/hidden?refresh=true`, { n: 2 });
    await restOk(master, 'PUT', `/${BLOCKED}/_settings`, { index: { blocks: { write: true } } });
    // never released meanwhile: the test domains run with cluster.routing.allocation.disk.threshold_enabled false
    await restOk(master, 'PUT', `/${READ_ONLY}/_settings`, { index: { blocks: { read_only_allow_delete: true } } });
    await deleteRoleUsers(master, Object.keys(ROLES), userOf);
    await putRoleUsers(master, ROLES, userOf, PASSWORD);
  });
  after(async () => {
    for (const index of [BLOCKED, READ_ONLY]) await restAnswer(master, 'PUT', `/${index}/_settings`, { index: { blocks: { write: null, read_only_allow_delete: null } } });
    for (const index of [OK, BLOCKED, READ_ONLY, DENIED, DLS]) await restAnswer(master, 'DELETE', `/${index}`);
    await deleteRoleUsers(master, Object.keys(ROLES), userOf);
    await closeAll();
  });

  /** Every failed record: `security` exactly when its error is a permission error; retryable exactly when the error is (or the type said throttled). */
  function agreement(failed: IngestFailure[]): string[] {
    const wrong: string[] = [];
    for (const f of failed) {
      const at = `record ${f.position} (${f.kind}, ${f.error.constructor.name}: ${f.error.message.slice(0, 120)})`;
      if ((f.kind === 'security') !== isPermissionError(f.error)) wrong.push(`${at}: kind against the error`);
      if (f.retryable !== isRetryable(f.error)) wrong.push(`${at}: retryable ${f.retryable}, isRetryable ${isRetryable(f.error)}`);
    }
    return wrong;
  }

  test('a writer: each refusal of the node has the kind of its typed error', async () => {
    const records: IngestRecord[] = [
      { index: OK, id: 'fine', document: { n: 1 } },
      { index: OK, id: 'bad-mapping', document: { n: 'not a number' } },
      { index: DENIED, id: 'denied', document: { n: 1 } },
      { index: BLOCKED, id: 'blocked', document: { n: 1 } },
      { index: READ_ONLY, id: 'read-only', document: { n: 1 } },
      { index: OK, action: 'update', id: 'missing', document: { n: 1 } },
      { index: OK, action: 'create', id: 'taken', document: { n: 1 } },
    ];
    const report = await ingest(make(userOf('h219-writer'), PASSWORD), records, { retries: 0 });
    const got = report.outcomes.map((o) => (o.status === 'indexed' ? o.result : `${o.kind} ${o.retryable} ${o.error.constructor.name} ${(o.error as { statusCode?: unknown }).statusCode}`));
    assert.deepEqual(got, [
      'created', 'mapping false ResponseError 400', 'security false SecurityExceptionError 403', 'validation false ResponseError 403',
      'throttled true ThrottledError 429', 'not_found false ResponseError 404', 'conflict false ResponseError 409',
    ]);
    assert.deepEqual(agreement(report.outcomes.filter((o): o is IngestFailure => o.status === 'failed')), []);
  });

  test('a DLS/FLS/masked user: per item the node refuses none of its writes for security; a batch with an update is the valve\'s 500 (security)', async () => {
    const client = make(userOf('h219-dls'), PASSWORD);
    const label = (o: IngestOutcome): string => (o.status === 'indexed' ? o.result : `${o.kind} ${o.retryable} ${o.error.constructor.name} ${(o.error as { statusCode?: unknown }).statusCode}`);
    const writes: IngestRecord[] = [
      { index: DLS, id: 'visible', document: { n: 1, secret: 's', m: 'x' } },
      { index: DLS, action: 'create', id: 'hidden', document: { n: 1 } },
    ];
    const report = await ingest(client, writes, { retries: 0 });
    // 2.19.4: a create over a document DLS hides from this user is an ordinary conflict
    assert.deepEqual(report.outcomes.map(label), ['created', 'conflict false ResponseError 409']);
    const withUpdate = await ingest(client, [...writes, { index: DLS, action: 'update', id: 'visible', document: { n: 1 } }], { retries: 0 });
    // 2.x refuses the whole bulk holding an update with the valve's 500 (3.x refuses the item): the same kind either way
    assert.equal(label(withUpdate.outcomes[2]!).replace(/ \d+$/, ''), 'security false SecurityExceptionError');
    if (conn.opensearch.version.startsWith('2.')) assert.deepEqual(withUpdate.outcomes.map(label), Array(3).fill('security false SecurityExceptionError 500'));
    for (const r of [report, withUpdate]) assert.deepEqual(agreement(r.outcomes.filter((o): o is IngestFailure => o.status === 'failed')), []);
  });
});
