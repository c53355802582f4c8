/**
 * Two readings of a request's index names, with the real node (2.19.4 by default) as referee; checkPermission (local
 * judgement, definitions read with admin) and explainPermission (the cluster's aliases and data streams read with
 * admin, with and without its index list) must say what the node did:
 * - an empty name at the start or in the middle of a list (core's Strings.splitStringByCommaToArray is Java's
 *   `split(",")`: leading and middle empty names kept, trailing ones dropped) is a missing name, which a role on
 *   `h232-*` does not cover: refused (path, msearch header as a string and as an array); a trailing comma names nothing;
 * - a data stream named by the request (or matched by its wildcard) is judged itself beside its backing indices
 *   (IndexResolverReplacer.resolveTo adds core's dataStreamNames to the indices): a role on `.ds-h232-ds-*` only is
 *   refused, while a role on the stream's name covers its backing indices;
 * - without the cluster's index list, a name that may be missing (`h232-x-nope`) may make the node judge the names as
 *   written: an alias by its name, which a role on its index alone does not cover (refused); all names known (the
 *   alias, its index): what they resolve to.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPermission } from '../../src/explain/check-permission.js';
import { explainPermission } from '../../src/explain/permission.js';
import type { PermissionRoles } from '../../src/explain/types.js';
import { indexAliasesFrom } from '../../src/fgac/aliases.js';
import { loadConnection } from '../domain/connection.js';
import { performAs } from '../support/plugin-outcome.js';
import { deleteRoleUsers, localBasicClients, putRoleUsers, restAnswer, restOk } from '../support/local-clients.js';

const conn = loadConnection();
const { master, make, closeAll } = localBasicClients(conn);
const PASSWORD = 'H232-names!Pw#7q';
const IDX = 'h232-idx-1';
const DS = 'h232-ds';
const TEMPLATE = 'h232-ds-template';
const ROLES: PermissionRoles = {
  'h232-r-names': { cluster_permissions: ['cluster_composite_ops'], index_permissions: [{ index_patterns: ['h232-*'], allowed_actions: ['read'] }] },
  'h232-r-backing': {
    cluster_permissions: ['cluster_composite_ops'],
    index_permissions: [{ index_patterns: [`.ds-${DS}-*`], allowed_actions: ['read', 'write', 'create_index', 'indices:admin/mappings/get', 'indices:monitor/settings/get'] }],
  },
  'h232-r-stream': { cluster_permissions: ['cluster_composite_ops'], index_permissions: [{ index_patterns: [DS], allowed_actions: ['read'] }] },
  'h232-r-blind': { cluster_permissions: ['cluster_composite_ops'], index_permissions: [{ index_patterns: ['h232-x-b', 'h232-x-nope'], allowed_actions: ['read'] }] },
};
const ALIASED = 'h232-x-b';
const ALIAS = 'h232-x-al';
const userOf = (role: string): string => role.replace('h232-r-', 'h232-u-');
const SEARCH = 'indices:data/read/search';
const nd = (...lines: unknown[]): string => lines.map((l) => `${JSON.stringify(l)}\n`).join('');
const DOC = { '@timestamp': '2026-12-07T00:00:00Z', n: 1 };

interface Case { role: string; method: string; path: string; body?: unknown; node: boolean; index?: string | string[] }
const CASES: Case[] = [
  // empty names: refused unless trailing
  { role: 'h232-r-names', method: 'GET', path: `/,${IDX}/_search`, node: false, index: `,${IDX}` },
  { role: 'h232-r-names', method: 'GET', path: `/${IDX},,${IDX}/_count`, node: false, index: `${IDX},,${IDX}` },
  { role: 'h232-r-names', method: 'POST', path: '/_msearch', body: nd({ index: `,${IDX}` }, { size: 0 }), node: false },
  { role: 'h232-r-names', method: 'POST', path: '/_msearch', body: nd({ index: ['', IDX] }, { size: 0 }), node: false, index: ['', IDX] },
  { role: 'h232-r-names', method: 'GET', path: `/${IDX},/_search`, node: true, index: `${IDX},` },
  { role: 'h232-r-names', method: 'POST', path: '/_msearch', body: nd({ index: `${IDX},` }, { size: 0 }), node: true },
  // a data stream's own name must be covered, not only its backing indices
  { role: 'h232-r-backing', method: 'GET', path: `/${DS}/_search`, node: false, index: DS },
  { role: 'h232-r-backing', method: 'GET', path: `/${DS}/_count`, node: false, index: DS },
  { role: 'h232-r-backing', method: 'GET', path: `/${DS}*/_search`, node: false, index: `${DS}*` },
  { role: 'h232-r-backing', method: 'GET', path: `/${DS}/_mapping`, node: false },
  { role: 'h232-r-backing', method: 'GET', path: `/${DS}/_settings`, node: false },
  { role: 'h232-r-backing', method: 'GET', path: `/${DS}/_doc/nope`, node: false },
  { role: 'h232-r-backing', method: 'POST', path: `/${DS}/_doc`, body: DOC, node: false },
  { role: 'h232-r-backing', method: 'POST', path: '/_bulk', body: nd({ create: { _index: DS } }, DOC), node: false },
  { role: 'h232-r-backing', method: 'POST', path: '/_msearch', body: nd({ index: DS }, { size: 0 }), node: false },
  { role: 'h232-r-backing', method: 'GET', path: `/.ds-${DS}-*/_search`, node: true, index: `.ds-${DS}-*` },
  { role: 'h232-r-backing', method: 'GET', path: `/.ds-${DS}-000001/_search`, node: true, index: `.ds-${DS}-000001` },
  { role: 'h232-r-stream', method: 'GET', path: `/${DS}/_search`, node: true, index: DS },
  { role: 'h232-r-stream', method: 'GET', path: `/.ds-${DS}-000001/_search`, node: true, index: `.ds-${DS}-000001` },
  { role: 'h232-r-stream', method: 'GET', path: `/${DS}*/_search`, node: true, index: `${DS}*` },
  // a missing name makes the node judge the names as written: the alias by its name, which the role does not cover
  { role: 'h232-r-blind', method: 'GET', path: `/${ALIAS},h232-x-nope/_search`, node: false, index: [ALIAS, 'h232-x-nope'] },
  { role: 'h232-r-blind', method: 'GET', path: `/${ALIAS}/_search`, node: true, index: [ALIAS] },
  { role: 'h232-r-blind', method: 'GET', path: `/${ALIAS},${ALIASED}/_search`, node: true, index: [ALIAS, ALIASED] },
];

before(async () => {
  await restAnswer(master, 'DELETE', `/_data_stream/${DS}`);
  await restAnswer(master, 'DELETE', `/${IDX}`);
  await restOk(master, 'PUT', `/_index_template/${TEMPLATE}`, { index_patterns: [`${DS}*`], data_stream: {}, priority: 532, template: { settings: { number_of_replicas: 0 } } });
  await restOk(master, 'POST', `/${DS}/_doc?refresh=true`, DOC);
  await restOk(master, 'PUT', `/${IDX}`, { settings: { number_of_replicas: 0 } });
  await restAnswer(master, 'DELETE', `/${ALIASED}`);
  await restOk(master, 'PUT', `/${ALIASED}`, { settings: { number_of_replicas: 0 }, aliases: { [ALIAS]: {} } });
  await putRoleUsers(master, ROLES, userOf, PASSWORD);
});

after(async () => {
  await deleteRoleUsers(master, Object.keys(ROLES), userOf);
  await restAnswer(master, 'DELETE', `/_data_stream/${DS}`);
  await restAnswer(master, 'DELETE', `/_index_template/${TEMPLATE}`);
  await restAnswer(master, 'DELETE', `/${IDX}`);
  await restAnswer(master, 'DELETE', `/${ALIASED}`);
  await closeAll();
});

describe(`empty index names and data stream names, as the ${conn.opensearch.version} node judges them`, () => {
  test('checkPermission and explainPermission say what the node did', async () => {
    const streams = (await restAnswer(master, 'GET', '/_data_stream')).body;
    const aliases = indexAliasesFrom((await restAnswer(master, 'GET', '/_alias')).body, streams);
    const catIndices = (await restAnswer(master, 'GET', '/_cat/indices?format=json&h=index&expand_wildcards=all')).body as Array<{ index: string }>;
    const clusterIndices = catIndices.map((r) => r.index);
    assert.ok(clusterIndices.includes(`.ds-${DS}-000001`), 'the stream has its first backing index');
    const wrong: string[] = [];
    for (const c of CASES) {
      const req = { method: c.method, path: c.path, ...(c.body !== undefined ? { body: c.body } : {}) };
      const client = make(userOf(c.role), PASSWORD);
      const node = await performAs(client, req);
      const sdk = await checkPermission(client, req, { admin: master, mode: 'local', pluginVersion: conn.opensearch.version });
      const tag = `${c.role} ${c.method} ${c.path} ${c.body === undefined ? '' : JSON.stringify(c.body)}`;
      if (node.allowed !== c.node) wrong.push(`${tag}: the node ${node.allowed ? 'allowed' : 'refused'} (${node.status})`);
      if (sdk.allowed !== node.allowed) wrong.push(`${tag}: checkPermission ${String(sdk.allowed)}, the node ${String(node.allowed)}`);
      if (c.index === undefined) continue;
      const user = { name: userOf(c.role), roles: [c.role] };
      for (const known of [clusterIndices, undefined]) {
        const e = explainPermission(ROLES, undefined, { action: SEARCH, index: c.index, user, aliases, pluginVersion: conn.opensearch.version, ...(known !== undefined ? { clusterIndices: known } : {}) });
        // without the index list the verdict must stay sound: never granted where the node refuses (and here, where
        // every name exists or is plainly missing, it must say what the node did)
        const ok = known !== undefined || c.role === 'h232-r-blind' || c.role === 'h232-r-names' ? e.granted === node.allowed : !(e.granted && !node.allowed);
        if (!ok) wrong.push(`${tag}: explainPermission (${known !== undefined ? 'with' : 'without'} clusterIndices) granted ${String(e.granted)} on ${JSON.stringify(e.indices)}, the node ${String(node.allowed)}`);
      }
    }
    assert.deepEqual(wrong, []);
  });
});
