/**
 * plan() against the real node (2.19.4 by default; 3.4.0 with FGAC_DOMAIN_DIR=/var/tmp/d34): what the plugin refuses
 * for every REST caller never reaches apply. Entities touching `restapi:admin/*` (security_manager and its mapping)
 * are skipped like reserved ones, new ones are plan errors; action group types other than cluster/index, a user
 * naming a role whose mapping is reserved, and passwords outside the plugin's fixed bounds are plan errors. Each
 * refusal is first shown on the node itself. security_manager is only read, never written. Entities named `spu-`.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@opensearch-project/opensearch';
import { SecurityApi, SecurityModelError, type DesiredSecurityConfig, type Role, type RoleMapping } from '../../src/security/index.js';
import { certPaths } from '../domain/certs.js';
import { loadConnection } from '../domain/connection.js';
import { testPassword } from '../support/test-password.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const master = new Client({ node: conn.opensearch.url, auth: conn.users.master, ssl: { ca } });
const certs = certPaths(path.dirname(conn.caFile));
// the TLS admin certificate: the only way to make a reserved mapping (the REST API refuses `reserved` for others)
const admin = new Client({ node: conn.opensearch.url, ssl: { ca, cert: fs.readFileSync(certs.adminCert), key: fs.readFileSync(certs.adminKey) } });
const api = new SecurityApi(master);
const PW = testPassword('Spu');
const RESERVED_MAPPED = 'spu-r3';
const CALLER = 'spu-ci';
const SM = 'security_manager';

before(async () => {
  await api.roles.put(RESERVED_MAPPED, { cluster_permissions: ['cluster_monitor'] });
  await admin.transport.request({ method: 'PUT', path: `/_plugins/_security/api/rolesmapping/${RESERVED_MAPPED}`, body: { users: ['spu-nobody'], reserved: true } });
  await api.users.put(CALLER, { password: PW, opendistro_security_roles: ['all_access'] });
});

after(async () => {
  await admin.transport.request({ method: 'DELETE', path: `/_plugins/_security/api/rolesmapping/${RESERVED_MAPPED}` }).catch(() => undefined);
  for (const name of ['spu-ra', RESERVED_MAPPED]) await api.roles.delete(name).catch(() => undefined);
  for (const name of ['spu-ag', 'spu-kb']) await api.actionGroups.delete(name).catch(() => undefined);
  for (const name of [CALLER, 'spu-u3', 'spu-pw']) await api.users.delete(name).catch(() => undefined);
  await Promise.all([master.close(), admin.close()]);
});

/** The issues of the SecurityModelError plan() rejects `desired` with. */
async function planIssues(desired: DesiredSecurityConfig): Promise<Array<{ path: string; message: string }>> {
  const err = await api.plan(desired).then(() => undefined, (e: unknown) => e);
  assert.ok(err instanceof SecurityModelError, `plan() accepted what the plugin refuses: ${String(err)}`);
  return err.issues;
}

/** security_manager as the node stores it, without the flags the server adds. */
async function nodeEntity(kind: 'roles' | 'roleMappings'): Promise<Record<string, unknown>> {
  const raw = await api[kind].getRaw(SM);
  assert.ok(raw !== undefined, 'security_manager is on the node');
  const { reserved: _r, hidden: _h, static: _s, ...rest } = raw as Record<string, unknown>;
  return rest;
}

describe('restapi:admin/* permissions: the plugin refuses every REST caller', () => {
  test('on the node: a role or action group holding one is refused (403 Access denied), nothing is created', async () => {
    await assert.rejects(api.roles.putRaw('spu-ra', { cluster_permissions: ['restapi:admin/roles'] }), /Access denied/);
    await assert.rejects(api.actionGroups.putRaw('spu-ag', { allowed_actions: ['restapi:admin/*'], type: 'cluster' }), /Access denied/);
    assert.equal(await api.roles.getRaw('spu-ra'), undefined);
    assert.equal(await api.actionGroups.getRaw('spu-ag'), undefined);
  });

  test('plan refuses a new role or action group holding one, naming the field', async () => {
    const issues = await planIssues({
      roles: { 'spu-ra': { cluster_permissions: ['cluster_monitor', 'restapi:admin/roles'] } },
      actionGroups: { 'spu-ag': { allowed_actions: ['restapi:admin/*'], type: 'cluster' } },
    });
    assert.deepEqual(issues.map((i) => i.path).sort(), ['actionGroups.spu-ag.allowed_actions', 'roles.spu-ra.cluster_permissions']);
    for (const i of issues) assert.match(i.message, /restapi:admin\/\*.*Access denied/);
  });

  test('security_manager and its mapping, changed in the file: skipped with the reason, never sent, no match', async () => {
    const role = { ...(await nodeEntity('roles')), description: 'spu changed' } as Role;
    const mapping = await nodeEntity('roleMappings') as RoleMapping;
    const mapped = { ...mapping, users: [...(mapping.users ?? []), 'spu-nobody'] };
    const plan = await api.plan({ roles: { [SM]: role }, roleMappings: { [SM]: mapped } });
    assert.deepEqual([plan.roles.changed, plan.roleMappings.changed, plan.roles.operations, plan.roleMappings.operations], [[], [], [], []]);
    assert.deepEqual(plan.roles.skipped, [{ name: SM, reason: 'holds REST API admin permissions (restapi:admin/*): the REST API refuses to change it (differs in description)' }]);
    assert.match(plan.roleMappings.skipped[0]?.reason ?? '', /^its role holds REST API admin permissions \(restapi:admin\/\*\): the REST API refuses to change it \(differs in users\)$/);
    assert.equal(plan.matches, false);
    // unchanged, it matches
    const same = await api.plan({ roles: { [SM]: await nodeEntity('roles') as Role }, roleMappings: { [SM]: mapping } });
    assert.equal(same.matches, true);
  });

  test('prune by a caller holding only all_access keeps security_manager (drift: false) instead of deleting it', async () => {
    const asCaller = new Client({ node: conn.opensearch.url, auth: { username: CALLER, password: PW }, ssl: { ca } });
    try {
      const all = await api.roles.list();
      const roles = Object.fromEntries(Object.entries(all).filter(([name, r]) => name !== SM && !r.reserved && !r.static && !r.hidden));
      const plan = await new SecurityApi(asCaller).plan({ roles }, { prune: true });
      assert.ok(!plan.roles.deleted.includes(SM), `plan deletes ${SM}`);
      assert.deepEqual(plan.roles.skipped.find((s) => s.name === SM), { name: SM, reason: 'holds REST API admin permissions (restapi:admin/*): prune never deletes it', drift: false });
    } finally {
      await asCaller.close();
    }
  });
});

describe('action group types the plugin refuses on write', () => {
  test('kibana, all and "" (as GET shows built-ins): refused on the node, by plan and by put; INDEX is accepted', async () => {
    await assert.rejects(api.actionGroups.putRaw('spu-kb', { allowed_actions: ['kibana:saved_objects/*/read'], type: 'kibana' }), /Supported types are: cluster, index/);
    const issues = await planIssues({ actionGroups: {
      'spu-kb': { allowed_actions: ['kibana:saved_objects/*/read'], type: 'kibana' },
      'spu-ag': { allowed_actions: ['indices:data/read/get'], type: 'all' },
    } });
    assert.deepEqual(issues.map((i) => i.path).sort(), ['actionGroups.spu-ag.type', 'actionGroups.spu-kb.type']);
    assert.match(issues.find((i) => i.path === 'actionGroups.spu-kb.type')?.message ?? '', /^Invalid action group type: kibana\. Supported types are: cluster, index\.$/);
    assert.equal((await planIssues({ actionGroups: { 'spu-kb': { allowed_actions: ['read'], type: '' as 'index' } } }))[0]?.path, 'actionGroups.spu-kb.type');
    await assert.rejects(api.actionGroups.put('spu-kb', { allowed_actions: ['read'], type: 'all' }), SecurityModelError);
    await assert.rejects(api.actionGroups.ensure('spu-kb', { allowed_actions: ['read'], type: 'kibana' }), SecurityModelError);
    const upper = await api.plan({ actionGroups: { 'spu-kb': { allowed_actions: ['read'], type: 'INDEX' as 'index' } } });
    assert.deepEqual(upper.actionGroups.created, ['spu-kb']);
    assert.equal(await api.actionGroups.getRaw('spu-kb'), undefined);
  });
});

describe('a user naming a role whose mapping is reserved', () => {
  test('refused on the node (at the users step), and by plan before any write', async () => {
    await assert.rejects(api.users.put('spu-u3', { password: PW, opendistro_security_roles: [RESERVED_MAPPED] }), /is reserved/);
    const issues = await planIssues({ tenants: {}, users: { 'spu-u3': { password: PW, opendistro_security_roles: [RESERVED_MAPPED] } } });
    assert.deepEqual(issues.map((i) => i.path), ['users.spu-u3.opendistro_security_roles']);
    assert.match(issues[0]?.message ?? '', new RegExp(`'${RESERVED_MAPPED}', whose mapping is reserved`));
    assert.equal(await api.users.getRaw('spu-u3'), undefined);
  });
});

describe('new-user passwords outside the plugin\'s fixed bounds', () => {
  const LONG = 'Aa9!'.repeat(25);
  test('empty or over 100 characters: refused on the node, by plan, without echoing the password', async () => {
    await assert.rejects(api.users.putRaw('spu-pw', { password: `${LONG}x` }), /Password is too long/);
    await assert.rejects(api.users.putRaw('spu-pw', { password: '' }), /Password is too short/);
    for (const [password, why] of [['', /is empty.*too short/], [`${LONG}x`, /longer than 100 characters.*too long/]] as const) {
      const err = await api.plan({ users: { 'spu-pw': { password } } }).then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof SecurityModelError, `plan accepted a password of ${password.length} characters`);
      assert.match(err.message, why);
      if (password !== '') assert.ok(!err.message.includes(password) && !JSON.stringify(err.issues).includes(password), 'the password is echoed');
    }
    const hash = await api.plan({ users: { 'spu-pw': { hash: '' } } }).then(() => undefined, (e: unknown) => e);
    assert.ok(hash instanceof SecurityModelError && /hash/.test(hash.message));
    await assert.rejects(api.users.put('spu-pw', { password: '' }), SecurityModelError);
    await assert.rejects(api.users.ensure('spu-pw', { hash: '' }), SecurityModelError);
    // the boundary: 100 characters are planned
    assert.deepEqual((await api.plan({ users: { 'spu-pw': { password: LONG } } })).users.created, ['spu-pw']);
    assert.equal(await api.users.getRaw('spu-pw'), undefined);
  });
});

describe('names the SDK never creates under, though the plugin does', () => {
  const PADDED = ' spu-pad ';
  after(async () => {
    await master.transport.request({ method: 'PATCH', path: '/_plugins/_security/api/roles', body: [{ op: 'remove', path: `/${PADDED}` }] }).catch(() => undefined);
  });

  test('blank, padded or control-character names: the node creates them; plan refuses a new one, naming it', async () => {
    // the node's own answer first: a collection PATCH creates the padded role
    await master.transport.request({ method: 'PATCH', path: '/_plugins/_security/api/roles', body: [{ op: 'add', path: `/${PADDED}`, value: { cluster_permissions: ['cluster_monitor'] } }] });
    assert.ok((await api.roles.getRaw(PADDED)) !== undefined, 'the node created the padded role');
    for (const [name, problem] of [[' ', 'is blank'], ['spu-new ', 'has whitespace around it'], ['spu-\u001b[31mred', 'contains a control character']] as const) {
      const issues = await planIssues({ roles: { [name]: { cluster_permissions: ['cluster_monitor'] } } });
      assert.ok(issues.some((i) => i.path === 'name' && i.message.includes(JSON.stringify(name)) && i.message.includes(problem)), JSON.stringify(issues));
    }
  });

  test('an existing such entity stays plannable (replace, prune) and deletable', async () => {
    const changed = await api.plan({ roles: { [PADDED]: { cluster_permissions: ['cluster_composite_ops_ro'] } } });
    assert.deepEqual(changed.roles.changed.map((c) => c.name), [PADDED]);
    await api.roles.delete(PADDED);
    assert.equal(await api.roles.getRaw(PADDED), undefined);
  });
});
