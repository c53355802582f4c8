/**
 * apply() of a COPY of a plan (spread, a type's operations filtered, a frozen copy) still refuses to write over a change
 * made on the real node since plan() read it (no lost update): the snapshot travels with each operation object, as its
 * real password does. Operations rebuilt from JSON carry none (documented). Entities named `ps53-`.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Client } from '@opensearch-project/opensearch';
import { SecurityApi, SecurityModelError, type SecurityPlan } from '../../src/security/index.js';
import { loadConnection } from '../domain/connection.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const master = new Client({ node: conn.opensearch.url, auth: conn.users.master, ssl: { ca } });
const api = new SecurityApi(master);
const other = new SecurityApi(new Client({ node: conn.opensearch.url, auth: conn.users.master, ssl: { ca } }));
const NAMES = ['ps53-a', 'ps53-b'];

after(async () => {
  for (const name of NAMES) {
    await api.roleMappings.delete(name).catch(() => undefined);
    await api.roles.delete(name).catch(() => undefined);
  }
});

/** A mapping of role `name` to alice, a plan that maps it to alice and bob, then another admin adds carol. */
async function planOvertaken(name: string): Promise<SecurityPlan> {
  await api.roles.put(name, { index_permissions: [{ index_patterns: [`${name}-*`], allowed_actions: ['read'] }] });
  await api.roleMappings.put(name, { users: ['alice'] });
  const plan = await api.plan({ roleMappings: { [name]: { users: ['alice', 'bob'] } } });
  assert.deepEqual(plan.roleMappings.changed.map((c) => c.name), [name]);
  await other.roleMappings.addUsers(name, ['carol']);
  return plan;
}

const refusedAsChanged = (name: string) => (e: unknown): boolean => {
  assert.ok(e instanceof SecurityModelError, String(e));
  assert.match(e.message, new RegExp(`roleMappings\\.${name}: changed on the domain since the plan was made`));
  return true;
};

describe('apply of a copy of a plan keeps the lost-update check', () => {
  test('a spread copy, a copy with another type emptied, and a frozen deep-shared copy: refused, carol kept', async () => {
    const name = 'ps53-a';
    const plan = await planOvertaken(name);
    const copies: Array<[string, SecurityPlan]> = [
      ['spread', { ...plan }],
      ['roles emptied', { ...plan, roles: { ...plan.roles, operations: [] } }],
      ['frozen', Object.freeze({ ...plan, roleMappings: Object.freeze({ ...plan.roleMappings, operations: Object.freeze([...plan.roleMappings.operations]) as never }) })],
    ];
    for (const [label, copy] of copies) {
      await assert.rejects(api.apply(copy), refusedAsChanged(name), label);
      const now = await api.roleMappings.get(name);
      assert.deepEqual([...(now?.users ?? [])].sort(), ['alice', 'carol'], `${label}: nothing was sent`);
    }
  });

  test('only the operations left in the plan are checked: leaving out the overtaken one applies the rest', async () => {
    const name = 'ps53-b';
    const plan = await planOvertaken(name);
    // a plan for a role too; the overtaken mapping's operations left out of the copy
    const both = await api.plan({ roles: { [name]: { index_permissions: [{ index_patterns: [`${name}-*`, `${name}2-*`], allowed_actions: ['read'] }] } }, roleMappings: { [name]: { users: ['alice', 'bob'] } } });
    const rolesOnly = { ...both, roleMappings: { ...both.roleMappings, operations: [] } };
    const result = await api.apply(rolesOnly);
    assert.deepEqual(result.applied.map((a) => a.kind), ['roles']);
    assert.deepEqual((await api.roles.get(name))?.index_permissions?.[0]?.index_patterns, [`${name}-*`, `${name}2-*`]);
    // the original plan's mapping operations are still checked
    await assert.rejects(api.apply(plan), refusedAsChanged(name));
    assert.deepEqual([...((await api.roleMappings.get(name))?.users ?? [])].sort(), ['alice', 'carol']);
  });
});
