/**
 * h192: how the node reads a request's query string (OpenSearch's RestUtils.decodeQueryString), measured on single
 * writes and `_bulk`, and that the SDK's readers agree with it: checkPermission's verdict (request table, dry-run) and
 * the retry decision (isIdempotentRequest: a write whose second send answers 409 for the first's success is not
 * idempotent). What the node does: a repeated parameter's LAST value wins (op_type, refresh, routing), `;` separates
 * parameters like `&`, `+` is a space, %XX is decoded (`op_type=%63reate` creates), op_type is case-insensitive, and a
 * malformed escape is a 400 before any check. Version-free. One index, one role and user (prefix `h192-`), removed after.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Client } from '@opensearch-project/opensearch';
import { checkPermission } from '../../src/explain/check-permission.js';
import { nodeQuery } from '../../src/fgac/query-params.js';
import { isIdempotentRequest } from '../../src/retry/index.js';
import { loadConnection } from '../domain/connection.js';
import { deleteRoleUsers, localBasicClients, putRoleUsers, restAnswer, restOk, type RestAnswer } from '../support/local-clients.js';
import { testPassword } from '../support/test-password.js';

const conn = loadConnection();
const { make, master, closeAll } = localBasicClients(conn);
const PASSWORD = testPassword('Hqr');
const I = 'h192-q';
const ROLE = 'h192-r-writer';
const userOf = (role: string): string => role.replace('h192-r-', 'h192-u-');
const DOC = { a: 1 };
const BULK_DOC = (id: string): string => `{"index":{"_id":"${id}"}}\n{"a":1}\n`;

let user: Client;
/** The user's call, its refusal an answer too. */
const send = (method: string, path: string, body?: unknown): Promise<RestAnswer> => restAnswer(user, method, path, body);
/** The same request sent twice: both answers' statuses. */
const twice = async (method: string, path: string, body?: unknown): Promise<number[]> => [(await send(method, path, body)).status, (await send(method, path, body)).status];
/** The routing the node stored for a document. */
const routingOf = async (id: string): Promise<unknown> => ((await restAnswer(master, 'GET', `/${I}/_doc/${id}`)).body as { _routing?: unknown })._routing;
/** checkPermission's verdict for the user (admin for the definitions; on 3.2+ the dry-run answers first). */
const verdict = async (method: string, path: string, body?: unknown): Promise<boolean | null> => (await checkPermission(user, { method, path, ...(body !== undefined ? { body } : {}) }, { admin: master })).allowed;
const forced = (a: RestAnswer): unknown => {
  const b = a.body as { forced_refresh?: unknown; items?: Array<Record<string, { forced_refresh?: unknown }>> };
  return b.items !== undefined ? Object.values(b.items[0] ?? {})[0]?.forced_refresh : b.forced_refresh;
};
/** A repeat is safe when the second send answers as the first did (not 409 for the first one's creation). */
const repeatSafe = ([first, second]: number[]): boolean => first === second || (first === 201 && second === 200);

describe(`h192 the query string as the node reads it, and the SDK's readers (${conn.opensearch.version})`, () => {
  before(async () => {
    await restAnswer(master, 'DELETE', `/${I}?ignore_unavailable=true`);
    await restOk(master, 'PUT', `/${I}`, { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: { properties: { a: { type: 'integer' } } } });
    await putRoleUsers(master, { [ROLE]: { cluster_permissions: ['indices:data/write/bulk'], index_permissions: [{ index_patterns: [I], allowed_actions: ['indices:data/write/index', 'indices:data/write/bulk[s]'] }] } }, userOf, PASSWORD);
    user = make(userOf(ROLE), PASSWORD);
  });
  after(async () => {
    await deleteRoleUsers(master, [ROLE], userOf);
    await restAnswer(master, 'DELETE', `/${I}?ignore_unavailable=true`);
    await closeAll();
  });

  test('single write, a repeated op_type / refresh / routing: the last value wins; checkPermission plans it (not unknown)', async () => {
    const createLast = `/${I}/_doc/d1?op_type=index&op_type=create`;
    const indexLast = `/${I}/_doc/d2?op_type=create&op_type=index`;
    const [created, indexed] = [await twice('PUT', createLast, DOC), await twice('PUT', indexLast, DOC)];
    assert.deepEqual([created, indexed], [[201, 409], [201, 200]]);
    assert.deepEqual([isIdempotentRequest('PUT', createLast), isIdempotentRequest('PUT', indexLast)], [false, true]);
    assert.deepEqual([forced(await send('PUT', `/${I}/_doc/r1?refresh=false&refresh=true`, DOC)), forced(await send('PUT', `/${I}/_doc/r2?refresh=true&refresh=false`, DOC))], [true, undefined]);
    assert.equal((await send('PUT', `/${I}/_doc/g1?routing=a&routing=b`, DOC)).status, 201);
    assert.equal(await routingOf('g1'), 'b');
    assert.deepEqual([await verdict('PUT', createLast, DOC), await verdict('PUT', `/${I}/_doc/r1?refresh=false&refresh=true`, DOC)], [true, true]);
  });

  test('`;` separates parameters: refresh=true;op_type=create creates (409 on the second send), not idempotent; checkPermission allows', async () => {
    const path = `/${I}/_doc/s1?refresh=true;op_type=create`;
    const first = await send('PUT', path, DOC);
    const second = await send('PUT', path, DOC);
    assert.deepEqual([first.status, forced(first), second.status], [201, true, 409]);
    assert.equal(isIdempotentRequest('PUT', path), repeatSafe([first.status, second.status]));
    assert.equal((await send('PUT', `/${I}/_doc/g2?routing=x;routing=y`, DOC)).status, 201);
    assert.equal(await routingOf('g2'), 'y');
    assert.equal(await verdict('PUT', path, DOC), true);
  });

  test('an escaped op_type=%63reate and op_type=CREATE create: the second send answers 409, so neither is idempotent', async () => {
    for (const [id, q] of [['e1', 'op_type=%63reate'], ['e2', 'op_type=CREATE']]) {
      const path = `/${I}/_doc/${id}?${q}`;
      const statuses = await twice('PUT', path, DOC);
      assert.deepEqual(statuses, [201, 409], q);
      assert.equal(isIdempotentRequest('PUT', path), repeatSafe(statuses), q);
    }
    assert.equal(await verdict('PUT', `/${I}/_doc/e1?op_type=%63reate`, DOC), true);
  });

  test('`+` is a space: routing=a+b routes by "a b", op_type=create+ is refused as "create " (400)', async () => {
    assert.equal((await send('PUT', `/${I}/_doc/g3?routing=a+b`, DOC)).status, 201);
    assert.equal(await routingOf('g3'), nodeQuery('routing=a+b')?.get('routing'));
    const refused = await send('PUT', `/${I}/_doc/p1?op_type=create+`, DOC);
    assert.equal(refused.status, 400);
    assert.match(JSON.stringify(refused.body), new RegExp(`\\[${nodeQuery('op_type=create+')?.get('op_type')}\\]`));
  });

  test('_bulk: a repeated refresh / routing, `;`; op_type is no bulk parameter; checkPermission plans the repeated ones', async () => {
    const dup = `/${I}/_bulk?refresh=false&refresh=true`;
    assert.deepEqual([forced(await send('POST', dup, BULK_DOC('b1'))), forced(await send('POST', `/${I}/_bulk?refresh=true&refresh=false`, BULK_DOC('b1')))], [true, undefined]);
    assert.equal((await send('POST', `/${I}/_bulk?routing=a&routing=b`, BULK_DOC('b2'))).status, 200);
    assert.equal((await send('POST', `/${I}/_bulk?refresh=false;routing=c`, BULK_DOC('b3'))).status, 200);
    assert.deepEqual([await routingOf('b2'), await routingOf('b3')], ['b', 'c']);
    assert.equal((await send('POST', `/${I}/_bulk?op_type=create&op_type=index`, BULK_DOC('b4'))).status, 400);
    assert.deepEqual([await verdict('POST', dup, BULK_DOC('b1')), await verdict('POST', `/${I}/_bulk?routing=a&routing=b`, BULK_DOC('b2'))], [true, true]);
  });

  test('a malformed escape: 400 before any check, on a write and on _bulk; checkPermission answers null, the retry counts it unsafe', async () => {
    for (const [method, path, body] of [['PUT', `/${I}/_doc/x1?routing=%zz`, DOC], ['PUT', `/${I}/_doc/x2?refresh=true&op_type=a%`, DOC], ['POST', `/${I}/_bulk?%zz=1`, BULK_DOC('x3')]] as const) {
      const answer = await send(method, path, body);
      assert.equal(answer.status, 400, path);
      assert.match(JSON.stringify(answer.body), /escape sequence/, path);
      assert.equal(nodeQuery(path.slice(path.indexOf('?') + 1)), undefined, path);
      assert.equal(isIdempotentRequest(method, path), false, path);
    }
    assert.equal(await verdict('PUT', `/${I}/_doc/x1?routing=%zz`, DOC), null);
  });
});
