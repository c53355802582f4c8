/**
 * explainPermission / explainSecurityException against the REAL local domain: roles, action groups and
 * role mappings fetched as the master user with SecurityApi; real denials of new-user (basic) and of the
 * IAM limited role (SigV4 through the edge) explained; and the explanation agrees with what the plugin
 * actually allows or refuses for a handful of requests.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Client } from '@opensearch-project/opensearch';
import { createClient } from '../../src/client/create-client.js';
import { SecurityExceptionError } from '../../src/errors/classes.js';
import { SecurityApi, type ApiActionGroup, type ApiRole, type ApiRoleMapping } from '../../src/security/index.js';
import { explainPermission, explainSecurityException } from '../../src/explain/index.js';
import { loadConnection } from '../domain/connection.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const SEARCH = 'indices:data/read/search';
const clients: Client[] = [];

function make(client: Client): Client {
  clients.push(client);
  return client;
}

const master = make(createClient({ node: conn.opensearch.url, ssl: { ca }, auth: { mode: 'basic', ...conn.users.master }, retry: { retries: 0 } }));
const limited = make(createClient({ node: conn.opensearch.url, ssl: { ca }, auth: { mode: 'basic', ...conn.users.limited }, retry: { retries: 0 } }));
const iamLimited = make(createClient({
  node: conn.edge.url, ssl: { ca }, retry: { retries: 0 },
  auth: { mode: 'iam', region: conn.region, credentials: { accessKeyId: conn.iam.limited.accessKeyId, secretAccessKey: conn.iam.limited.secretAccessKey, ...(conn.iam.limited.sessionToken ? { sessionToken: conn.iam.limited.sessionToken } : {}) } },
}));

let roles: Record<string, ApiRole>;
let groups: Record<string, ApiActionGroup>;
let mappings: Record<string, ApiRoleMapping>;
let limitedRoles: string[];

before(async () => {
  const security = new SecurityApi(master);
  [roles, groups, mappings] = await Promise.all([security.roles.listRaw(), security.actionGroups.listRaw(), security.roleMappings.listRaw()]);
  const info = await new SecurityApi(limited).authInfo();
  limitedRoles = info.roles ?? [];
});

after(async () => {
  await Promise.all(clients.map((c) => c.close()));
});

async function denied(client: Client, method: string, path: string, body?: Record<string, unknown>): Promise<SecurityExceptionError> {
  try {
    await client.transport.request(body === undefined ? { method, path } : { method, path, body });
  } catch (e) {
    assert.ok(e instanceof SecurityExceptionError, `expected a SecurityExceptionError, got ${String(e)}`);
    return e;
  }
  return assert.fail(`${method} ${path} should have been refused`);
}

describe('the definitions fetched with SecurityApi', () => {
  test('new-role and the static read group are what the tutorial set up', () => {
    assert.deepEqual(limitedRoles, ['new-role']);
    assert.deepEqual(roles['new-role']?.index_permissions?.map((p) => [p.index_patterns, p.allowed_actions]), [[['flights*'], ['read']]]);
    assert.ok(groups.read?.allowed_actions?.includes('indices:data/read*'), 'the server lists the static read group');
  });
});

describe('new-user (basic auth, direct to the node)', () => {
  test('GET _search: the real 403 is explained as new-role granting read only on flights* (near miss)', async () => {
    const error = await denied(limited, 'GET', '/_search');
    assert.deepEqual(error.actions, [SEARCH]);
    const before = JSON.stringify(error);
    for (const options of [{ userRoles: limitedRoles }, { roleMappings: mappings }]) {
      const x = explainSecurityException(error, roles, groups, options);
      assert.deepEqual(x.roles, ['new-role']);
      const e = x.explanation;
      assert.ok(e !== undefined);
      assert.equal(e.granted, false);
      assert.deepEqual(e.indices, ['*']);
      assert.deepEqual(e.grants, []);
      const miss = e.nearMisses.find((n) => n.role === 'new-role');
      assert.equal(miss?.kind, 'other_indices');
      assert.deepEqual(miss?.patterns, ['flights*']);
      assert.ok(e.wouldGrant.some((g) => g.role === 'all_access'), 'all_access would grant it');
      assert.match(x.message, /^User new-user \(backend roles: new-backend-role\) lacks indices:data\/read\/search on \[\*\]\./);
      assert.match(x.message, /new-role grants indices:data\/read\/search via read \(indices:data\/read\*\) only on \[flights\*\], not on \[\*\]/);
      assert.match(x.message, /Fix: target only indices matching \[flights\*\]/);
    }
    assert.equal(JSON.stringify(error), before, 'the error is not modified');
  });

  test('GET flights/_search: granted by new-role via read, and the plugin agrees', async () => {
    const e = explainPermission(roles, groups, { action: SEARCH, index: 'flights', user: { name: conn.users.limited.username, roles: limitedRoles } });
    assert.equal(e.granted, true);
    assert.deepEqual(e.grants, [{ role: 'new-role', permission: 'index', pattern: 'flights*', index: 'flights', via: ['read', 'indices:data/read*'] }]);
    const r = await limited.transport.request({ method: 'GET', path: '/flights/_search' });
    assert.equal(r.statusCode, 200);
  });

  test('the explanation agrees with the plugin on more requests', async () => {
    const cases: Array<{ method: string; path: string; body?: Record<string, unknown>; allowed: boolean; action: string; index?: string }> = [
      { method: 'GET', path: '/flights/_count', allowed: true, action: 'indices:data/read/search', index: 'flights' },
      { method: 'GET', path: '/flights/_mapping/field/Origin', allowed: true, action: 'indices:admin/mappings/fields/get', index: 'flights' },
      { method: 'GET', path: '/movies/_search', allowed: false, action: SEARCH, index: 'movies' },
      { method: 'PUT', path: '/flights/_doc/p6-never-written', body: { x: 1 }, allowed: false, action: 'indices:data/write/index', index: 'flights' },
      { method: 'GET', path: '/_cluster/health', allowed: false, action: 'cluster:monitor/health' },
    ];
    for (const c of cases) {
      const e = explainPermission(roles, groups, { action: c.action, ...(c.index !== undefined ? { index: c.index } : {}), user: { roles: limitedRoles } });
      assert.equal(e.granted, c.allowed, `${c.method} ${c.path}: explanation`);
      if (c.allowed) {
        const r = await limited.transport.request({ method: c.method, path: c.path });
        assert.equal(r.statusCode, 200, `${c.method} ${c.path}: server`);
      } else {
        const error = await denied(limited, c.method, c.path, c.body);
        assert.deepEqual(error.actions, [c.action], `${c.method} ${c.path}: the plugin names the action explained`);
        const x = explainSecurityException(error, roles, groups, { userRoles: limitedRoles });
        assert.equal(x.explanation?.granted, false, `${c.method} ${c.path}: ${x.message}`);
      }
    }
  });
});

describe('IAMLimitedUserRole (SigV4 through the edge)', () => {
  test('GET _search: user = role ARN, mapped to new-role through its backend role', async () => {
    const error = await denied(iamLimited, 'GET', '/_search');
    assert.equal(error.user?.name, conn.iam.limited.arn);
    const x = explainSecurityException(error, roles, groups, { roleMappings: mappings });
    assert.equal(x.rolesSource, 'roleMappings');
    assert.deepEqual(x.roles, ['new-role']);
    assert.equal(x.explanation?.nearMisses[0]?.kind, 'other_indices');
    assert.match(x.message, new RegExp(`^User ${conn.iam.limited.arn.replace(/[/]/g, '\\/')} \\(backend roles: `));
  });
});
