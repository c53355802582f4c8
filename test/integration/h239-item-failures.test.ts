/**
 * mget items the node fails BEFORE any privilege check (TransportMultiGetAction resolves each item to one open
 * concrete index and answers an item error when it cannot; `mget[shard]` is checked only after): an alias over two
 * indices, a wildcard, a data stream, a closed index, a missing or percent-encoded literal name, a `_` name. Granted
 * or refused, such an item ends in an error that is no privilege refusal, so checkPermission must answer `null` with
 * a reason naming the item, whether the role covers the name (old: true) or not (old: false, "missing mget[shard]").
 * Controls: an index and an alias over one index stay decided and equal the node. Server path (3.2+): the same
 * through the dry-run with `admin`; without `admin`/`roles` a granted dry-run with unjudged item checks is `null`.
 * Runs on the default domain (2.19.4) and with FGAC_DOMAIN_DIR on 3.4.0.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SecurityApi } from '../../src/security/index.js';
import { checkPermission, hasPermissionDryRun, detectVersion } from '../../src/explain/check-permission.js';
import { loadConnection } from '../domain/connection.js';
import { localBasicClients, quickHash } from '../support/local-clients.js';

const conn = loadConnection();
const PASSWORD = 'H239-item!Fail#7qZ';
const HASH = quickHash(PASSWORD);
const A = 'h239-a';
const B = 'h239-b';
const TWO = 'h239-two';
const ONE = 'h239-one';
const CLOSED = 'h239-cl';
const STREAM = 'h239-ds';
const TEMPLATE = 'h239-ds-template';
const { make, master, closeAll } = localBasicClients(conn);
const security = new SecurityApi(master);
/** h239-all: a role covering every h239 name (old answer for a failing item: true); h239-few: only h239-a (old: false). */
const USERS = { all: 'h239-all', few: 'h239-few' } as const;
const rest = (method: string, path: string, body?: unknown): Promise<unknown> =>
  master.transport.request({ method, path, ...(body !== undefined ? { body: body as Record<string, unknown> } : {}) });
let dryRun = false;

async function cleanup(): Promise<void> {
  for (const u of Object.values(USERS)) {
    await security.roleMappings.delete(u).catch(() => undefined);
    await security.users.delete(u).catch(() => undefined);
    await security.roles.delete(u).catch(() => undefined);
  }
  await rest('DELETE', `/_data_stream/${STREAM}`).catch(() => undefined);
  await rest('DELETE', `/_index_template/${TEMPLATE}`).catch(() => undefined);
  for (const i of [A, B, CLOSED]) await rest('DELETE', `/${i}`).catch(() => undefined);
}

before(async () => {
  await cleanup();
  for (const i of [A, B, CLOSED]) await rest('PUT', `/${i}`, { settings: { number_of_replicas: 0 } });
  for (const i of [A, B, CLOSED]) await rest('PUT', `/${i}/_doc/d1?refresh=true`, { n: 1 });
  await rest('POST', '/_aliases', { actions: [{ add: { index: A, alias: TWO } }, { add: { index: B, alias: TWO } }, { add: { index: A, alias: ONE } }] });
  await rest('POST', `/${CLOSED}/_close`);
  await rest('PUT', `/_index_template/${TEMPLATE}`, { index_patterns: [`${STREAM}*`], data_stream: {}, priority: 500, template: { settings: { number_of_replicas: 0 } } });
  await rest('POST', `/${STREAM}/_doc?refresh=true`, { '@timestamp': '2026-12-07T00:00:00Z', n: 1 });
  const cluster = ['indices:data/read/mget', 'indices:data/read/msearch', 'cluster:monitor/main'];
  await security.roles.putRaw(USERS.all, { cluster_permissions: cluster, index_permissions: [{ index_patterns: ['h239-*', '.ds-h239-*', '%3Ch239*'], allowed_actions: ['read'] }] });
  await security.roles.putRaw(USERS.few, { cluster_permissions: cluster, index_permissions: [{ index_patterns: [A], allowed_actions: ['read'] }] });
  for (const u of Object.values(USERS)) {
    await security.users.putRaw(u, { hash: HASH, backend_roles: [] });
    await security.roleMappings.putRaw(u, { users: [u] });
  }
  dryRun = hasPermissionDryRun(await detectVersion([master]));
});

after(async () => {
  await cleanup();
  await closeAll();
});

/** The node's answer for a one-item mget: the item's error type, or `found`/`refused` (403 inside the item). */
async function nodeItem(user: string, index: string): Promise<string> {
  const client = make(user, PASSWORD);
  const res = await client.transport.request({ method: 'POST', path: '/_mget', body: { docs: [{ _index: index, _id: 'd1' }] } });
  const doc = (res.body as { docs: Array<{ found?: boolean; error?: { type?: string } }> }).docs[0];
  const type = doc?.error?.type;
  return type === 'security_exception' ? 'refused' : type ?? (doc?.found === true ? 'found' : 'not found');
}

const mget = (index: string): { method: string; path: string; body: unknown } => ({ method: 'POST', path: '/_mget', body: { docs: [{ _index: index, _id: 'd1' }] } });

const FAILING: Array<[string, string, RegExp]> = [
  [TWO, 'illegal_argument_exception', /h239-two .*alias has 2 indices/],
  ['h239-*', 'index_not_found_exception', /h239-\* .*wildcard/],
  [STREAM, 'index_not_found_exception', /h239-ds .*data stream/],
  [CLOSED, 'index_closed_exception', /h239-cl .*closed/],
  ['h239-missing', 'index_not_found_exception', /h239-missing .*no such index/],
  ['%3Ch239-dm-%7Bnow%2Fd%7D%3E', 'index_not_found_exception', /no such index/],
];

describe('mget items the node fails before any privilege check are undecided', () => {
  for (const [index, error, why] of FAILING) {
    test(`${index}: node ${error}, SDK null for a role covering it and for one that does not`, async () => {
      for (const u of Object.values(USERS)) {
        assert.equal(await nodeItem(u, index), error, `${u}: the node fails the item before judging it`);
        const client = make(u, PASSWORD);
        const local = await checkPermission(client, mget(index), { admin: master, mode: 'local' });
        assert.equal(local.allowed, null, `${u} local: ${JSON.stringify([local.missingPrivileges, local.reason])}`);
        assert.match(local.reason ?? '', why);
        assert.deepEqual(local.missingPrivileges, []);
        if (dryRun) {
          const server = await checkPermission(client, mget(index), { admin: master });
          assert.deepEqual([server.source, server.allowed], ['server', null], `${u} server+admin: ${server.reason ?? ''}`);
        }
      }
    });
  }

  // the item's mget[shard] is judged on the concrete index: a role covering h239-a only reads it through the alias h239-one
  test('controls: an index and an alias over one index stay decided and equal the node', async () => {
    for (const index of [A, ONE, `<${A}>`]) {
      for (const [u, expected] of [[USERS.all, 'found'], [USERS.few, 'found']] as const) {
        const node = await nodeItem(u, index);
        const local = await checkPermission(make(u, PASSWORD), mget(index), { admin: master, mode: 'local' });
        assert.equal(node, expected, `${u} ${index}: node`);
        assert.equal(local.allowed, node === 'found', `${u} ${index}: local ${local.reason ?? ''}`);
      }
    }
  });

  test('without the facts (roles only, no clusterIndices) a plain name is undecided; with them it is decided', async () => {
    const roles = { [USERS.few]: (await security.roles.getRaw(USERS.few)) as never };
    const client = make(USERS.few, PASSWORD);
    const subject = { name: USERS.few, roles: [USERS.few] };
    const bare = await checkPermission(client, mget(A), { roles, subject, mode: 'local' });
    assert.equal(bare.allowed, null);
    assert.match(bare.reason ?? '', /whether h239-a exists is not known/);
    const known = await checkPermission(client, mget(A), { roles, subject, mode: 'local', clusterIndices: [A, B], closedIndices: [] });
    assert.equal(known.allowed, true, known.reason);
  });

  test('server path without admin: a granted dry-run whose item checks are not judged is null, with a reason', async (t) => {
    if (!dryRun) return t.skip('no dry-run on this domain');
    const r = await checkPermission(make(USERS.few, PASSWORD), mget(B));
    assert.deepEqual([r.source, r.allowed, r.notJudgedByServer?.map((c) => c.action)], ['server', null, ['indices:data/read/mget[shard]']]);
    assert.match(r.reason ?? '', /does not judge indices:data\/read\/mget\[shard\] on h239-b \(per item\).*options\.admin or options\.roles/);
    assert.equal(await nodeItem(USERS.few, B), 'refused', 'and the node refuses the item');
  });
});
