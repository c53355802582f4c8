/**
 * Roles with an action pattern that does not compile (role-as-compiled.ts), read by explainPermission:
 * 1. what the plugin keeps depends on the cluster's indices and the version: without them the answer is undecided,
 *    never a certain verdict (measured on 2.19.4 and 3.4.0: test/integration/rc52-compiled-doubt.test.ts);
 * 2. only the roles the answer reads are compiled, each entry's group closure checked once (operation counts).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { explainPermission } from '../../src/explain/permission.js';
import { ActionResolver } from '../../src/explain/action-resolver.js';
import type { PermissionExplanation, PermissionQuery, PermissionRole, PermissionRoles } from '../../src/explain/types.js';

const WRITE = 'indices:data/write/index';
const GET = 'indices:data/read/get';
const SEARCH = 'indices:data/read/search';
const MAPPINGS = 'indices:admin/mappings/get';
const HEALTH = 'cluster:monitor/health';
const user = { name: 'u', roles: ['r'] };

const verdict = (e: PermissionExplanation): string => (e.undecided !== undefined ? 'undecided' : e.granted ? 'granted' : 'refused');
const ask = (roles: PermissionRoles, q: Omit<PermissionQuery, 'user'>): string => verdict(explainPermission(roles, undefined, { ...q, user }));

describe('what depends on the cluster indices or the version is undecided', () => {
  const star: PermissionRoles = { r: { index_permissions: [{ index_patterns: ['*'], allowed_actions: ['/[/'] }, { index_patterns: ['new-*'], allowed_actions: [WRITE] }] } };
  test('the precomputed table covers existing indices only: a write to new-1 is undecided without clusterIndices', () => {
    for (const pluginVersion of ['3.4.0', '2.19.4', undefined]) {
      const v = pluginVersion === undefined ? {} : { pluginVersion };
      assert.equal(ask(star, { action: WRITE, index: 'new-1', ...v }), 'undecided', String(pluginVersion));
      if (pluginVersion === undefined) continue;
      assert.equal(ask(star, { action: WRITE, index: 'new-1', ...v, clusterIndices: ['other'] }), 'refused');
      assert.equal(ask(star, { action: WRITE, index: 'new-1', ...v, clusterIndices: ['new-1'] }), 'granted');
    }
  });

  const nomatch: PermissionRoles = { r: { index_permissions: [{ index_patterns: ['x-nomatch-*'], allowed_actions: ['/[/'] }, { index_patterns: ['x-abc'], allowed_actions: [GET, MAPPINGS, SEARCH] }] } };
  test('3.2+ skips a failing rule matching no existing index: undecided without clusterIndices or without the version', () => {
    for (const action of [GET, SEARCH]) {
      assert.equal(ask(nomatch, { action, index: 'x-abc', pluginVersion: '3.4.0' }), 'undecided');
      assert.equal(ask(nomatch, { action, index: 'x-abc', clusterIndices: ['x-abc'] }), 'undecided');
      assert.equal(ask(nomatch, { action, index: 'x-abc' }), 'undecided');
      assert.equal(ask(nomatch, { action, index: 'x-abc', pluginVersion: '3.4.0', clusterIndices: ['x-abc'] }), 'granted');
      // 2.19 compiles the failing rule whatever exists: refused for sure
      assert.equal(ask(nomatch, { action, index: 'x-abc', pluginVersion: '2.19.4' }), 'refused');
      assert.equal(ask(nomatch, { action, index: 'x-abc', pluginVersion: '3.4.0', clusterIndices: ['x-abc', 'x-nomatch-1'] }), 'refused');
    }
    // not a well-known action: the static table's cut alone, whatever is known
    assert.equal(ask(nomatch, { action: MAPPINGS, index: 'x-abc' }), 'refused');
  });

  test('a failing cluster permission with the version unknown: 2.x grants nothing, 3.x what came before: undecided', () => {
    const roles: PermissionRoles = { r: { cluster_permissions: [HEALTH, '/[/'], index_permissions: [{ index_patterns: ['a'], allowed_actions: [SEARCH] }] } };
    assert.equal(ask(roles, { action: HEALTH }), 'undecided');
    assert.equal(ask(roles, { action: SEARCH, index: 'a' }), 'undecided');
    assert.equal(ask(roles, { action: HEALTH, pluginVersion: '3.4.0' }), 'granted');
    assert.equal(ask(roles, { action: HEALTH, pluginVersion: '2.19.4' }), 'refused');
    assert.equal(ask(roles, { action: 'cluster:monitor/main', pluginVersion: '3.4.0' }), 'refused');
    // what no reading grants stays a certain refusal
    assert.equal(ask(roles, { action: 'cluster:monitor/main' }), 'refused');
    assert.equal(ask(roles, { action: SEARCH, index: 'b' }), 'refused');
  });

  test('an index no reading covers makes the refusal certain', () => {
    assert.equal(ask(star, { action: WRITE, index: ['new-1', 'zzz'] }), 'refused');
  });
});

/** `count` roles each a Proxy counting the reads of its permissions. */
function countedRoles(count: number, role: (i: number) => PermissionRole): { roles: PermissionRoles; read: Set<string> } {
  const read = new Set<string>();
  const roles: Record<string, PermissionRole> = {};
  for (let i = 0; i < count; i++) {
    const name = `r${i}`;
    roles[name] = new Proxy(role(i), {
      get(target, key, receiver) {
        if (key === 'cluster_permissions' || key === 'index_permissions') read.add(name);
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
  }
  return { roles, read };
}

/** Counts ActionResolver.members calls and the names they return during `run`. */
function countingMembers<T>(run: () => T): { result: T; calls: number; names: number } {
  const original = Object.getOwnPropertyDescriptor(ActionResolver.prototype, 'members');
  const members = ActionResolver.prototype.members;
  let calls = 0;
  let names = 0;
  ActionResolver.prototype.members = function counted(this: ActionResolver, name: string): string[] {
    const out = members.call(this, name);
    calls++;
    names += out.length;
    return out;
  };
  try {
    return { result: run(), calls, names };
  } finally {
    if (original !== undefined) Object.defineProperty(ActionResolver.prototype, 'members', original);
  }
}

describe('cost: only the roles read are compiled, each entry once', () => {
  test('1 001 roles, the user mapped to one that grants: one role read, no warning about a broken unrelated role', () => {
    const { roles, read } = countedRoles(1001, (i) => ({
      cluster_permissions: i === 7 ? ['/[/'] : ['cluster_monitor'],
      index_permissions: [{ index_patterns: [`i${i}`], allowed_actions: ['read', 'write'] }],
    }));
    const { result, names } = countingMembers(() => explainPermission(roles, undefined, { action: SEARCH, index: 'i3', user: { name: 'u', roles: ['r3'] }, pluginVersion: '3.4.0' }));
    assert.equal(result.granted, true);
    assert.deepEqual([...read], ['r3']);
    assert.ok(names < 200, `${names} group members expanded`);
    assert.equal(result.warnings.some((w) => w.includes('r7')), false, result.warnings.join('\n'));
  });

  test('refused: the unmapped roles are read for wouldGrant, and then the broken one is warned about', () => {
    const { roles, read } = countedRoles(50, (i) => ({
      cluster_permissions: i === 7 ? ['/[/'] : [],
      index_permissions: [{ index_patterns: [`i${i}`], allowed_actions: ['read'] }],
    }));
    const e = explainPermission(roles, undefined, { action: SEARCH, index: 'i9', user: { name: 'u', roles: ['r3'] }, pluginVersion: '3.4.0' });
    assert.equal(e.granted, false);
    assert.deepEqual(e.wouldGrant.map((g) => g.role), ['r9']);
    assert.equal(read.size, 50);
    assert.ok(e.warnings.some((w) => w.startsWith('r7:')), e.warnings.join('\n'));
  });

  test('2 000 roles naming the top of a 300-deep group chain: the chain is expanded once per explanation, not per role', () => {
    const groups: Record<string, { allowed_actions: string[] }> = {};
    for (let g = 0; g < 300; g++) groups[`g${g}`] = { allowed_actions: g === 299 ? [SEARCH] : [`g${g + 1}`, `indices:x/${g}`] };
    const roles: Record<string, PermissionRole> = {};
    for (let i = 0; i < 2000; i++) roles[`r${i}`] = { index_permissions: [{ index_patterns: [`i${i}`], allowed_actions: ['g0'] }] };
    const { result, calls } = countingMembers(() => explainPermission(roles, groups, { action: SEARCH, index: 'i5', pluginVersion: '3.4.0' }));
    assert.equal(result.granted, true);
    assert.ok(calls <= 5, `${calls} closures computed`);
  });
});
