/**
 * Which index patterns the plugin's precomputed index table reads, on the REAL node (2.19.4 by default): a rule whose
 * only pattern is blank compiles to WildcardMatcher.NONE and is skipped, so a failing permission there does not stop
 * the table; a regex the JDK compiles and this SDK cannot run (`/(x)?\1/`) is a constant pattern the table reads, so
 * its failing permission does. explainPermission (roles as written, version and cluster indices given) must say what
 * the node did; before, it read the blank rule as read and the regex rule as not (fgac/constant-index-patterns.ts).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Client } from '@opensearch-project/opensearch';
import { explainPermission } from '../../src/explain/permission.js';
import type { PermissionRole } from '../../src/explain/types.js';
import { parsePluginVersion, versionAtLeast } from '../../src/fgac/plugin-version.js';
import { loadConnection } from '../domain/connection.js';
import { localBasicClients, restCaller } from '../support/local-clients.js';
import { testPassword } from '../support/test-password.js';

const conn = loadConnection();
const VERSION = conn.opensearch.version;
const USER = 'h218-const-user';
const PASSWORD = testPassword('Hconstant');
const ROLE = 'h218-const-role';
const API = '/_plugins/_security/api';
const INDICES = ['h218-const-a', 'h218-const-c'];
const SEARCH = 'indices:data/read/search';
const { master, make, closeAll } = localBasicClients(conn);
const user = make(USER, PASSWORD);
const admin = restCaller(master);

async function status(client: Client, method: string, path: string): Promise<number> {
  try {
    const r = await restCaller(client)(method, path);
    return r.statusCode ?? 0;
  } catch (err) {
    const e = err as { statusCode?: number; meta?: { statusCode?: number } };
    return e.meta?.statusCode ?? e.statusCode ?? 0;
  }
}

before(async () => {
  for (const i of INDICES) await status(master, 'PUT', `/${i}`);
  await admin('PUT', `${API}/internalusers/${USER}`, { password: PASSWORD });
  await admin('PUT', `${API}/roles/${ROLE}`, { cluster_permissions: [] });
  await admin('PUT', `${API}/rolesmapping/${ROLE}`, { users: [USER] });
});

after(async () => {
  for (const path of [`${API}/rolesmapping/${ROLE}`, `${API}/roles/${ROLE}`, `${API}/internalusers/${USER}`, `/${INDICES.join(',')}`]) {
    await status(master, 'DELETE', path);
  }
  await closeAll();
});

const withMiddle = (patterns: string[]): PermissionRole => ({
  index_permissions: [
    { index_patterns: ['h218-const-a'], allowed_actions: [SEARCH] },
    { index_patterns: patterns, allowed_actions: ['/[/'] },
    { index_patterns: ['h218-const-c'], allowed_actions: [SEARCH] },
  ],
});

// 3.2+ also skip a rule matching no existing index: there the regex rule's reach is a doubt, not a verdict
const parsed = parsePluginVersion(VERSION);
const skipsUnmatched = parsed !== undefined && versionAtLeast(parsed, 3, 2);

describe(`h218: constant index patterns as the precomputed table reads them (node ${VERSION})`, () => {
  for (const [name, patterns, nodeExpected] of [
    ['a blank-only rule is not read: the rule after its failing permission grants', [' '], 200],
    ['a regex the JDK compiles is read: its failing permission ends the table', ['/(x)?\\1/'], skipsUnmatched ? 200 : 403],
  ] as Array<[string, string[], number]>) {
    test(name, async () => {
      const role = withMiddle(patterns);
      if (patterns[0] === ' ' && parsed !== undefined && parsed.major >= 3) {
        // 3.x refuses a blank pattern when the role is written (measured on 3.4.0): such a rule cannot exist there
        await assert.rejects(admin('PUT', `${API}/roles/${ROLE}`, role as Record<string, unknown>), /blank values are not allowed/);
        return;
      }
      const put = await admin('PUT', `${API}/roles/${ROLE}`, role as Record<string, unknown>);
      assert.ok(put.statusCode === 200 || put.statusCode === 201, JSON.stringify(put.body));
      assert.equal(await status(user, 'GET', '/h218-const-a/_search'), 200);
      const node = await status(user, 'GET', '/h218-const-c/_search');
      assert.equal(node, nodeExpected);
      const e = explainPermission({ [ROLE]: role }, undefined, { action: SEARCH, index: 'h218-const-c', user: { name: USER, roles: [ROLE] }, pluginVersion: VERSION, clusterIndices: INDICES });
      if (skipsUnmatched && patterns[0] !== ' ') {
        // the SDK cannot tell whether the regex matches an existing index: a doubt naming it, never a wrong verdict
        assert.match(JSON.stringify(e), /cannot evaluate/);
      } else {
        assert.equal(e.granted, node === 200, JSON.stringify(e.warnings));
      }
    });
  }
});
