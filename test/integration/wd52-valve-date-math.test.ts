/**
 * Writes and the DLS/FLS valve beside a date-math name without `*`, with the real node as referee (2.19.4 by default;
 * 3.4.0 with FGAC_DOMAIN_DIR=.local-domain/opensearch-3). The plugin resolves each sub-request's names on their own
 * (IndexResolverReplacer: a bulk item, an `_update`, a search) and judges them by their text when one is date math
 * without `*` (fgac/index-expressions.ts dateMathFallsBack): `<al>` is the alias's name, not its write index, for the
 * privileges AND for the valve (DlsFlsValveImpl reads the same resolved names), so a DLS rule on the alias's index
 * refuses `_update` and a profiled search on `al` but not on `<al>` or `<a1>,al`. A bulk shard request names its items
 * as written and their index, so `<al>` beside `al` in one bulk is judged by text for both items (refused together;
 * checkPermission's overall verdict is the same). `_delete_by_query`, `_update_by_query` and `_reindex` are not
 * installed on the local nodes (no reindex module): not covered here.
 * checkPermission (local, and auto: the 3.4 dry-run completed locally) must say what the node did: allowed when the
 * request (and every bulk item) succeeded, refused on 403, on an item's 403 and on the valve's 500.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Client } from '@opensearch-project/opensearch';
import { checkPermission } from '../../src/explain/check-permission.js';
import { loadConnection } from '../domain/connection.js';
import { deleteRoleUsers, localBasicClients, putRoleUsers, restAnswer } from '../support/local-clients.js';

const conn = loadConnection();
const { master, make, closeAll } = localBasicClients(conn);
const PASSWORD = 'Wd52-valve!Pw#7q';
const P = 'wd52-t-';
const INDICES = [`${P}a1`, `${P}a2`, `${P}b`];
const ALIAS = `${P}al`;
const DLS = '{"match_all":{}}';
const ALL = ['indices_all'];
const ROLES: Record<string, unknown[]> = {
  [`${P}w2`]: [{ index_patterns: [ALIAS], allowed_actions: ALL }],
  [`${P}w3`]: [{ index_patterns: [`${P}b`, `${P}a1`], allowed_actions: ALL }],
  [`${P}v1`]: [{ index_patterns: [`${P}a*`, ALIAS], allowed_actions: ALL }, { index_patterns: [`${P}b`], allowed_actions: ALL, dls: DLS }],
  [`${P}v3`]: [{ index_patterns: [`${P}*`], allowed_actions: ALL }, { index_patterns: [`${P}b`], allowed_actions: ALL, dls: DLS }],
};
const ROLE_NAMES = Object.keys(ROLES);
const userOf = (role: string): string => `${role}-u`;
const clients = new Map<string, Client>(ROLE_NAMES.map((r) => [r, make(userOf(r), PASSWORD)]));
const e = encodeURIComponent;
const nd = (lines: unknown[]): string => `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`;
const PROFILE = { profile: true, size: 0 };
const REQUESTS: Array<{ name: string; method: string; path: string; body?: unknown }> = [
  { name: 'put <al>', method: 'PUT', path: `/${e(`<${ALIAS}>`)}/_doc/9`, body: { f: 2 } },
  { name: 'put al', method: 'PUT', path: `/${ALIAS}/_doc/9`, body: { f: 2 } },
  { name: 'bulk <al>+al', method: 'POST', path: '/_bulk', body: nd([{ index: { _index: `<${ALIAS}>`, _id: '9' } }, { f: 1 }, { index: { _index: ALIAS, _id: '8' } }, { f: 1 }]) },
  { name: 'bulk al', method: 'POST', path: '/_bulk', body: nd([{ index: { _index: ALIAS, _id: '8' } }, { f: 1 }]) },
  { name: 'bulk <al>', method: 'POST', path: '/_bulk', body: nd([{ index: { _index: `<${ALIAS}>`, _id: '8' } }, { f: 1 }]) },
  { name: 'bulk <a1>+b', method: 'POST', path: '/_bulk', body: nd([{ index: { _index: `<${P}a1>`, _id: '8' } }, { f: 1 }, { index: { _index: `${P}b`, _id: '8' } }, { f: 1 }]) },
  { name: 'update <al>', method: 'POST', path: `/${e(`<${ALIAS}>`)}/_update/1`, body: { doc: { g: 1 } } },
  { name: 'update al', method: 'POST', path: `/${ALIAS}/_update/1`, body: { doc: { g: 2 } } },
  { name: 'update <b>', method: 'POST', path: `/${e(`<${P}b>`)}/_update/1`, body: { doc: { g: 3 } } },
  { name: 'bulk update <al>', method: 'POST', path: '/_bulk', body: nd([{ update: { _index: `<${ALIAS}>`, _id: '1' } }, { doc: { g: 4 } }]) },
  { name: 'search <a1>,al', method: 'POST', path: `/${e(`<${P}a1>`)},${ALIAS}/_search`, body: PROFILE },
  { name: 'search a1,al', method: 'POST', path: `/${P}a1,${ALIAS}/_search`, body: PROFILE },
  { name: 'search <al>', method: 'POST', path: `/${e(`<${ALIAS}>`)}/_search`, body: PROFILE },
  { name: 'search <b>,al', method: 'POST', path: `/${e(`<${P}b>`)},${ALIAS}/_search`, body: PROFILE },
  { name: 'search <a1>,*', method: 'POST', path: `/${e(`<${P}a1>`)},${P}*/_search`, body: PROFILE },
];

const send = restAnswer;
/** Whether the node carried the request out: a success status and, for a bulk, every item's. */
function succeeded(answer: { status: number; body: unknown }): boolean {
  const items = (answer.body as { items?: Array<Record<string, { status?: number }>> } | undefined)?.items;
  return answer.status < 300 && (items ?? []).every((i) => (Object.values(i)[0]?.status ?? 500) < 300);
}

before(async () => {
  for (const index of INDICES) {
    await send(master, 'DELETE', `/${index}`);
    assert.ok((await send(master, 'PUT', `/${index}`, { settings: { number_of_replicas: 0, number_of_shards: 1 } })).status < 300);
    assert.ok((await send(master, 'PUT', `/${index}/_doc/1?refresh=true`, { f: 1 })).status < 300);
  }
  assert.ok((await send(master, 'POST', '/_aliases', { actions: [{ add: { index: `${P}b`, alias: ALIAS, is_write_index: true } }] })).status < 300);
  await putRoleUsers(master, Object.fromEntries(ROLE_NAMES.map((role) => [role, { cluster_permissions: ['cluster_composite_ops'], index_permissions: ROLES[role] }])), userOf, PASSWORD);
});

after(async () => {
  await deleteRoleUsers(master, ROLE_NAMES, userOf);
  for (const index of INDICES) await send(master, 'DELETE', `/${index}`);
  await closeAll();
});

describe(`writes and the DLS/FLS valve beside a date-math name, as the ${conn.opensearch.version} node decides`, () => {
  test(`checkPermission says what the node did, for ${REQUESTS.length} requests and ${ROLE_NAMES.length} roles`, async () => {
    const failures: string[] = [];
    const outcomes = new Set<string>();
    for (const role of ROLE_NAMES) {
      const client = clients.get(role) as Client;
      for (const r of REQUESTS) {
        const request = { method: r.method, path: r.path, ...(r.body !== undefined ? { body: r.body } : {}) };
        // judged before the request is sent: the node's answer may change the documents the local path reads
        const local = await checkPermission(client, request, { admin: master, mode: 'local' });
        const auto = await checkPermission(client, request, { admin: master, mode: 'auto' });
        const real = await send(client, r.method, r.path, r.body);
        assert.ok(real.status !== 401 && real.status !== 0, `${r.name} as ${role}: ${real.status}`);
        const done = succeeded(real);
        outcomes.add(`${role}|${r.name}|${done ? 'done' : real.status}`);
        for (const [mode, answer] of [['local', local], ['auto', auto]] as const) {
          if (answer.allowed !== done) failures.push(`${r.name} as ${role}: node ${real.status} (${done ? 'done' : 'refused'}), ${mode} allowed=${answer.allowed} ${answer.missingPrivileges.join(' ')}`);
        }
      }
    }
    assert.deepEqual(failures, []);
    // the node did what the rules say (a run where every request is refused, or none, would prove nothing)
    for (const seen of [
      `${P}v1|update <al>|done`, `${P}v1|update al|500`, `${P}v1|update <b>|500`, `${P}v1|bulk update <al>|done`,
      `${P}v1|search <a1>,al|done`, `${P}v1|search a1,al|500`, `${P}v1|search <al>|done`, `${P}v1|search <b>,al|500`, `${P}v3|search <a1>,*|done`,
      `${P}w3|put <al>|403`, `${P}w3|put al|done`, `${P}w3|bulk <al>+al|200`, `${P}w3|bulk al|done`, `${P}w2|bulk <al>+al|done`,
    ]) assert.ok(outcomes.has(seen), `the node did not answer ${seen}`);
  });
});
