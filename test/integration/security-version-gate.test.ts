/**
 * The security REST API surface by version on the REAL domain (2.19, or 3.4 in the matrix):
 * permissionsinfo for the master user and for new-user, and the per-user cache flush: refused up front
 * below 3.1 (the 2.19 plugin has no such route, which a raw request confirms), done on 3.1+ (the real
 * plugin answers it, and refuses new-user). And the 3.8+ string limit's other side: below 3.8 the REAL
 * plugin stores values and names longer than 256 characters, so SecurityApi sends them there.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createClient } from '../../src/client/create-client.js';
import { SecurityApi } from '../../src/security/api.js';
import { SecurityApiUnavailableError } from '../../src/security/version-gate.js';
import { SecurityApiError } from '../../src/errors/service-errors.js';
import { parsePluginVersion } from '../../src/fgac/plugin-version.js';
import { restStringLimit } from '../../src/security/input-limits.js';
import { SecurityModelError } from '../../src/security/model-error.js';
import { validateRole } from '../../src/security/model.js';
import { openSearchAtLeast } from '../../src/fgac/plugin-version.js';
import { loadConnection } from '../domain/connection.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const master = createClient({ node: conn.opensearch.url, ssl: { ca }, auth: { mode: 'basic', ...conn.users.master }, retry: { retries: 0 } });
const limited = createClient({ node: conn.opensearch.url, ssl: { ca }, auth: { mode: 'basic', ...conn.users.limited }, retry: { retries: 0 } });

after(async () => {
  await Promise.all([master.close(), limited.close()]);
});

const version = parsePluginVersion(conn.opensearch.version);
const HAS_USER_FLUSH = version !== undefined && (version.major > 3 || (version.major === 3 && version.minor >= 1));

describe(`security API by version (${conn.opensearch.version})`, () => {
  test('permissionsInfo: the master user has REST API access, new-user does not', async () => {
    const m = await new SecurityApi(master).permissionsInfo();
    assert.equal(m.user_name, conn.users.master.username);
    assert.equal(m.has_api_access, true);
    const l = await new SecurityApi(limited).permissionsInfo();
    assert.equal(l.user_name, conn.users.limited.username);
    assert.equal(l.has_api_access, false);
    assert.ok(l.disabled_endpoints?.ROLES?.includes('PUT'));
  });

  test(`flushUserCache: ${HAS_USER_FLUSH ? 'done by the real 3.1+ plugin, refused for new-user' : 'SecurityApiUnavailableError naming 3.1.0 and the detected version; the route is indeed missing'}`, async () => {
    if (HAS_USER_FLUSH) {
      const done = await new SecurityApi(master).flushUserCache(conn.users.limited.username);
      assert.match(JSON.stringify(done), new RegExp(`Cache invalidated for user: ${conn.users.limited.username}`));
      const refused = await new SecurityApi(limited).flushUserCache(conn.users.limited.username).then(() => undefined, (e: unknown) => e);
      assert.ok(refused instanceof SecurityApiError, String(refused));
      assert.equal(refused.statusCode, 403);
      return;
    }
    const err = await new SecurityApi(master).flushUserCache(conn.users.limited.username).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof SecurityApiUnavailableError, String(err));
    assert.equal(err.detectedVersion, conn.opensearch.version);
    assert.match(err.message, new RegExp(`3\\.1\\.0 or later; the cluster runs opensearch ${conn.opensearch.version.replaceAll('.', '\\.')}`));
    const raw = await master.transport.request({ method: 'DELETE', path: `/_plugins/_security/api/cache/user/${conn.users.limited.username}` }).then(() => undefined, (e: unknown) => e);
    const failed = raw as { statusCode?: number; meta?: { statusCode?: number; body?: unknown }; body?: unknown };
    assert.ok(failed !== undefined, 'the raw request fails');
    assert.match(JSON.stringify(failed.meta?.body ?? failed.body), /no handler found/);
  });

  test('below 3.8 the plugin has no 256-character limit: a long DLS, description, masked-field regex and name are written, read back and changed', async () => {
    const api = new SecurityApi(master);
    const flavour = await api.flavour();
    assert.equal(restStringLimit(flavour), undefined, `${flavour.version} is below 3.8`);
    const cities = Array.from({ length: 40 }, (_, i) => `City${String(i).padStart(3, '0')}`);
    const dls = JSON.stringify({ terms: { Dest: cities } });
    const masked = `Carrier::/${'[A-Z]'.repeat(60)}/::X`;
    const name = `il-${Date.now().toString(36)}-${'n'.repeat(280)}`;
    assert.ok(dls.length > 256 && masked.length > 256 && name.length > 256);
    const description = 'd'.repeat(300);
    try {
      const put = await api.roles.put(name, { description, index_permissions: [{ index_patterns: ['flights'], dls, masked_fields: [masked], allowed_actions: ['read'] }] });
      assert.equal(put.statusCode, 201);
      const raw = await api.roles.getRaw(name);
      assert.equal(raw?.description, description);
      assert.equal(raw?.index_permissions?.[0]?.dls, dls);
      assert.deepEqual(raw?.index_permissions?.[0]?.masked_fields, [masked]);
      const changed = await api.roles.ensure(name, { description: `${description}!`, index_permissions: [{ index_patterns: ['flights'], dls, masked_fields: [masked], allowed_actions: ['read'] }] });
      assert.equal(changed.action, 'updated');
      assert.equal((await api.roles.getRaw(name))?.description, `${description}!`);
    } finally {
      await api.roles.delete(name).catch(() => undefined);
    }
    assert.equal(await api.roles.getRaw(name), undefined);
  });

  test('blank array elements: the 3.4+ plugin refuses them (a raw PUT shows it) and plan() refuses the whole plan first; 2.19 stores them', async () => {
    const api = new SecurityApi(master);
    const flavour = await api.flavour();
    const refuses = openSearchAtLeast(flavour, 3, 4) === true;
    const role = `blank-${Date.now().toString(36)}`;
    try {
      await api.roles.put(`${role}-raw`, { cluster_permissions: ['cluster_monitor'] });
      const raw = await master.transport.request({ method: 'PUT', path: `/_plugins/_security/api/rolesmapping/${role}-raw`, body: { users: ['alice', ' '] } }).then((r) => r.statusCode, (e: unknown) => e);
      if (refuses) {
        assert.ok(raw instanceof SecurityApiError && raw.statusCode === 400, String(raw));
        assert.match(raw.message, /blank values are not allowed/);
      } else {
        assert.equal(raw, 201);
      }
      const desired = { roles: { [role]: { cluster_permissions: ['cluster_monitor'] } }, roleMappings: { [role]: { users: ['alice', ' '] } } };
      if (refuses) {
        const err = await api.plan(desired).then(() => undefined, (e: unknown) => e);
        assert.ok(err instanceof SecurityModelError, String(err));
        assert.equal(err.issues[0]?.path, 'users[1]');
        assert.equal(await api.roles.getRaw(role), undefined, 'nothing of the plan was written');
      } else {
        const report = await api.apply(await api.plan(desired));
        assert.ok(report, 'applied');
        assert.deepEqual((await api.roleMappings.getRaw(role))?.users, ['alice', ' ']);
      }
      // validateRole with this node's version warns exactly where the node refuses a role's blank element
      const blankRole = { cluster_permissions: ['cluster_monitor', ''], index_permissions: [{ index_patterns: ['x*', ' '], allowed_actions: ['read'], masked_fields: ['\t'] }] };
      const putBlank = await master.transport.request({ method: 'PUT', path: `/_plugins/_security/api/roles/${role}-blank`, body: blankRole }).then((r) => r.statusCode, (e: unknown) => e);
      const warned = validateRole(blankRole, { pluginVersion: flavour.version }).warnings.filter((w) => /blank text/.test(w.message)).map((w) => w.path).sort();
      if (refuses) {
        assert.ok(putBlank instanceof SecurityApiError && putBlank.statusCode === 400 && /blank values are not allowed/.test(putBlank.message), String(putBlank));
        assert.deepEqual(warned, ['cluster_permissions[1]', 'index_permissions[0].index_patterns[1]', 'index_permissions[0].masked_fields[0]']);
      } else {
        assert.equal(putBlank, 201);
        assert.deepEqual(warned, []);
      }
    } finally {
      await api.roles.delete(`${role}-blank`).catch(() => undefined);
      await api.roleMappings.delete(role).catch(() => undefined);
      await api.roleMappings.delete(`${role}-raw`).catch(() => undefined);
      await api.roles.delete(role).catch(() => undefined);
      await api.roles.delete(`${role}-raw`).catch(() => undefined);
    }
  });
});
