/**
 * plan() against the real node (2.19.4 by default; 3.4.0 with FGAC_DOMAIN_DIR=/var/tmp/d34): references the plugin
 * refuses are plan errors before any write (each refusal is first shown on the node itself), prune lists the
 * reserved and static entities it keeps, and `--update-passwords` names the password among the changed fields.
 * Entities named `spr-`.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Client } from '@opensearch-project/opensearch';
import { SecurityApi, SecurityModelError, type DesiredSecurityConfig, type Role, type SecurityPlan } from '../../src/security/index.js';
import { loadConnection } from '../domain/connection.js';
import { testPassword } from '../support/test-password.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const master = new Client({ node: conn.opensearch.url, auth: conn.users.master, ssl: { ca } });
const api = new SecurityApi(master);
const ROLE = 'spr-on-node';
const READ: Role = { cluster_permissions: ['cluster_monitor'] };
const PW1 = testPassword('SprOne');
const PW2 = testPassword('SprTwo');

before(async () => {
  await api.roles.put(ROLE, READ);
});

after(async () => {
  for (const name of ['spr-ag', 'spr-ag2', ROLE]) await api.actionGroups.delete(name).catch(() => undefined);
  for (const name of ['spr-ghost', 'spr-new', ROLE]) await api.roleMappings.delete(name).catch(() => undefined);
  for (const name of ['spr-u', 'spr-pw', 'spr-u4']) await api.users.delete(name).catch(() => undefined);
  for (const name of ['spr-new', ROLE]) await api.roles.delete(name).catch(() => undefined);
  await api.tenants.delete('spr-t').catch(() => undefined);
  await master.close();
});

/** The issues of the SecurityModelError plan() rejects `desired` with. */
async function planIssues(desired: DesiredSecurityConfig, options: { prune?: boolean } = {}): Promise<Array<{ path: string; message: string }>> {
  const err = await api.plan(desired, options).then(() => undefined, (e: unknown) => e);
  assert.ok(err instanceof SecurityModelError, `plan() accepted what the plugin refuses: ${String(err)}`);
  return err.issues;
}

describe('the plugin refuses these references (the rule the plan encodes, on this node)', () => {
  test('a mapping or user naming a missing role, an action group listing itself or named like a role', async () => {
    await assert.rejects(api.roleMappings.patch([{ op: 'add', path: '/spr-ghost', value: { users: ['alice'] } }]), /role 'spr-ghost' not found/);
    await assert.rejects(api.users.patch([{ op: 'add', path: '/spr-u', value: { password: PW1, opendistro_security_roles: ['spr-ghost'] } }]), /role 'spr-ghost' not found/);
    await assert.rejects(api.actionGroups.patch([{ op: 'add', path: '/spr-ag', value: { allowed_actions: ['spr-ag'] } }]), /cannot be an allowed_action of itself/);
    await assert.rejects(api.actionGroups.patch([{ op: 'add', path: `/${ROLE}`, value: { allowed_actions: ['indices:data/read/get'] } }]), /is an existing role/);
    assert.equal(await api.roleMappings.getRaw('spr-ghost'), undefined);
    assert.equal(await api.actionGroups.getRaw(ROLE), undefined);
  });
});

describe('plan refuses references the plugin would refuse, before any write', () => {
  test('a file with all sections and two bad references: one error naming both, nothing written', async () => {
    const issues = await planIssues({
      actionGroups: { 'spr-ag2': { allowed_actions: ['indices:data/read/get'] } },
      tenants: { 'spr-t': { description: 'spr' } },
      roles: { 'spr-new': READ },
      roleMappings: { 'spr-new': { users: ['alice'] }, 'spr-ghost': { users: ['alice'] } },
      users: { 'spr-u': { password: PW1, opendistro_security_roles: ['spr-new', 'spr-ghost2'] } },
    });
    assert.deepEqual(issues.map((i) => i.path), ['roleMappings.spr-ghost', 'users.spr-u.opendistro_security_roles']);
    assert.match(issues[0]?.message ?? '', /maps the role 'spr-ghost', which is neither among the roles the domain lists \(a hidden role is not listed\) nor in the file's roles/);
    assert.match(issues[1]?.message ?? '', /names the role 'spr-ghost2', which is neither among the roles the domain lists/);
    // plan() threw before returning a plan: apply had nothing to stop part-way through
    assert.equal(await api.actionGroups.getRaw('spr-ag2'), undefined);
    assert.equal(await api.roles.getRaw('spr-new'), undefined);
  });

  test('without a roles section the domain\'s roles are read: a mapping of an existing role is accepted, a missing one is not', async () => {
    const ok = await api.plan({ roleMappings: { [ROLE]: { users: ['alice'] } }, users: { 'spr-u': { password: PW1, opendistro_security_roles: [ROLE] } } });
    assert.deepEqual(ok.roleMappings.created, [ROLE]);
    assert.deepEqual(ok.users.created, ['spr-u']);
    const issues = await planIssues({ roleMappings: { 'spr-ghost': { users: ['alice'] } } });
    assert.deepEqual(issues.map((i) => i.path), ['roleMappings.spr-ghost']);
  });

  test('a role the plan prunes is no longer there for a mapping the plan writes', async () => {
    const roles = Object.fromEntries(Object.entries(await api.roles.list()).filter(([name, r]) => name !== ROLE && !r.reserved && !r.static && !r.hidden));
    const issues = await planIssues({ roles, roleMappings: { [ROLE]: { users: ['alice'] } } }, { prune: true });
    assert.deepEqual(issues.map((i) => i.path), [`roleMappings.${ROLE}`]);
    assert.match(issues[0]?.message ?? '', /which this plan deletes \(prune\)/);
  });

  test('a role the plan prunes, named by a mapping or user of the file that the plan leaves unchanged', async () => {
    await api.roleMappings.put(ROLE, { users: ['alice'] });
    await api.users.put('spr-u4', { password: PW1, opendistro_security_roles: [ROLE] });
    const roles = Object.fromEntries(Object.entries(await api.roles.list()).filter(([name, r]) => name !== ROLE && !r.reserved && !r.static && !r.hidden));
    const unchanged = { roleMappings: { [ROLE]: { users: ['alice'] } }, users: { 'spr-u4': { opendistro_security_roles: [ROLE] } } };
    // without prune both are unchanged: the refusal below comes from the pruned role alone
    const kept = await api.plan(unchanged);
    assert.deepEqual([kept.roleMappings.unchanged, kept.users.unchanged], [[ROLE], ['spr-u4']]);
    const issues = await planIssues({ roles, ...unchanged }, { prune: true });
    assert.deepEqual(issues.map((i) => i.path), [`roleMappings.${ROLE}`, 'users.spr-u4.opendistro_security_roles']);
    for (const i of issues) assert.match(i.message, /which this plan deletes \(prune\)/);
  });

  test('an action group listing itself, or named like an existing role (static ones too)', async () => {
    const issues = await planIssues({ actionGroups: { 'spr-ag': { allowed_actions: ['spr-ag', 'indices:data/read/get'] }, [ROLE]: { allowed_actions: ['read'] }, kibana_user: { allowed_actions: ['read'] } } });
    assert.deepEqual(issues.map((i) => i.path).sort(), ['actionGroups.kibana_user', `actionGroups.${ROLE}`, 'actionGroups.spr-ag.allowed_actions'].sort());
    assert.match(issues.find((i) => i.path === `actionGroups.${ROLE}`)?.message ?? '', /named like the existing role/);
    // a role named like an action group is accepted by the plugin: no error
    const fine = await api.plan({ actionGroups: { 'spr-ag': { allowed_actions: ['indices:data/read/get'] } } });
    assert.deepEqual(fine.actionGroups.created, ['spr-ag']);
  });
});

describe('prune lists the reserved and static entities it keeps', () => {
  test('each one is in skipped with drift: false, never deleted, and does not make the plan a mismatch', async () => {
    const all = await api.roles.list();
    const kept = Object.entries(all).filter(([, r]) => r.reserved || r.static).map(([name]) => name).sort();
    assert.ok(kept.includes('kibana_user'), 'the built-in static roles are on the node');
    const roles = Object.fromEntries(Object.entries(all).filter(([, r]) => !r.reserved && !r.static && !r.hidden));
    const plan: SecurityPlan = await api.plan({ roles }, { prune: true });
    const listed = plan.roles.skipped.filter((s) => s.drift === false);
    assert.deepEqual(listed.map((s) => s.name).sort(), kept);
    assert.equal(listed.find((s) => s.name === 'kibana_user')?.reason, 'static: prune never deletes it');
    assert.ok(!plan.roles.deleted.some((name) => kept.includes(name)));
    // another test may create a role meanwhile (then prune deletes it and the plan is not empty); the kept ones never count
    assert.equal(plan.matches, plan.empty);
  });
});

describe('--update-passwords names the password among the changed fields', () => {
  test('with another field changing too, the fields name every field an operation writes', async () => {
    await api.users.put('spr-pw', { password: PW1, backend_roles: ['spr-a'] });
    const both = await api.plan({ users: { 'spr-pw': { password: PW2, backend_roles: ['spr-b'] } } }, { updatePasswords: true });
    assert.deepEqual(both.users.changed, [{ name: 'spr-pw', fields: ['backend_roles', 'password'] }]);
    const written = both.users.operations.map((op) => op.path.split('/')[2]).sort();
    assert.deepEqual(written, ['backend_roles', 'password']);
    const alone = await api.plan({ users: { 'spr-pw': { password: PW2, backend_roles: ['spr-a'] } } }, { updatePasswords: true });
    assert.deepEqual(alone.users.changed, [{ name: 'spr-pw', fields: ['password'] }]);
    const none = await api.plan({ users: { 'spr-pw': { password: PW2, backend_roles: ['spr-b'] } } });
    assert.deepEqual(none.users.changed, [{ name: 'spr-pw', fields: ['backend_roles'] }]);
  });
});
