/**
 * Work counts of explainPermission on big inputs (reviewer rv3 R finding 4-5, U F5; timings in its report): the
 * alias table is indexed once per call (not scanned per index, rule, role and pass), an action group is expanded
 * once per entry and action (not once per role), and loop warnings grow with the number of loop edges, each with
 * a bounded path (not one whole-stack path per loop path).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ActionResolver, groupTable, LOOP_WARNINGS_SHOWN } from '../../src/explain/action-resolver.js';
import { explainPermission } from '../../src/explain/permission.js';
import { containerTable, containersOf, coveringNames, expandAliases } from '../../src/fgac/aliases.js';
import type { PermissionRole, PermissionRoles } from '../../src/explain/types.js';

const SEARCH = 'indices:data/read/search';

describe('aliases', () => {
  test('the alias table is read a bounded number of times per call, not per index', () => {
    const n = 400;
    const k = 100;
    const table: Record<string, string[]> = {};
    for (let i = 0; i < k; i++) table[`al-${i}`] = [`logs-${i}`, `logs-${i + 1}`];
    let reads = 0;
    const aliases = new Proxy(table, { get: (t, p, r) => { reads++; return Reflect.get(t, p, r); } });
    const roles: PermissionRoles = {
      r1: { index_permissions: [{ index_patterns: ['al-*'], allowed_actions: ['read'] }, { index_patterns: ['other-*'], allowed_actions: ['write'] }] },
      r2: { index_permissions: [{ index_patterns: ['logs-1*'], allowed_actions: ['read'] }] },
    };
    const clusterIndices = Array.from({ length: n }, (_, i) => `logs-${i}`);
    const e = explainPermission(roles, undefined, { action: SEARCH, index: 'logs-*', aliases, clusterIndices, user: { roles: ['r1', 'r2'] } });
    assert.equal(e.granted, false); // logs-200.. are neither in an alias nor logs-1*
    assert.ok(e.grants.some((g) => g.index === 'logs-0' && g.role === 'r1'));
    assert.ok(reads <= 4 * k, `${reads} reads of a ${k}-alias table`);
  });
  test('the container table answers as containersOf does', () => {
    const table = { a: ['i1', 'i2', 'i1'], b: ['i2'], i3: ['i3'], c: ['i1'] };
    const t = containerTable(table);
    for (const index of ['i1', 'i2', 'i3', 'zz', '__proto__']) {
      assert.deepEqual(coveringNames(index, table, t), coveringNames(index, table), index);
      assert.deepEqual(t.get(index) ?? [], containersOf(index, table), index);
    }
  });
  test('30 000 names de-duplicate to the distinct ones, in order', () => {
    const names = Array.from({ length: 30_000 }, (_, i) => `n${i % 10_000}`);
    const out = expandAliases(names, { n1: ['m1', 'n2'] });
    assert.equal(out.length, 10_000);
    assert.deepEqual(out.slice(0, 4), ['n0', 'm1', 'n2', 'n3']);
    const e = explainPermission({ r: { index_permissions: [{ index_patterns: ['n*'], allowed_actions: ['read'] }] } }, undefined, { action: SEARCH, index: names.join(',') });
    assert.equal(e.indices?.length, 10_000);
    assert.equal(e.granted, true);
  });
});

describe('action groups', () => {
  test('a 10 000-action group named by 3 000 roles is expanded once per action', () => {
    const big = Array.from({ length: 10_000 }, (_, i) => `indices:data/write/x${i}`);
    const resolver = new ActionResolver(groupTable({ big }));
    for (let role = 0; role < 3000; role++) assert.equal(resolver.firstChain(['big'], SEARCH), undefined);
    assert.equal(resolver.expansions, 1);
    assert.deepEqual(resolver.firstChain(['big'], 'indices:data/write/x9999'), ['big', 'indices:data/write/x9999']);
    assert.equal(resolver.expansions, 2);
  });
  test('a chain of groups each looping back to the first warns once per loop edge up to a cap, each warning short', () => {
    const depth = 400;
    const groups: Record<string, string[]> = {};
    for (let i = 0; i < depth; i++) groups[`g${i}`] = i + 1 < depth ? [`g${i + 1}`, 'g0'] : ['g0'];
    const roles: Record<string, PermissionRole> = {};
    for (let r = 0; r < 50; r++) roles[`r${r}`] = { index_permissions: [{ index_patterns: ['*'], allowed_actions: ['g0'] }] };
    const e = explainPermission(roles, groups, { action: SEARCH, index: 'logs' });
    assert.equal(e.granted, false);
    // one per loop edge up to LOOP_WARNINGS_SHOWN, then one line saying there are more
    assert.equal(e.warnings.length, LOOP_WARNINGS_SHOWN + 1);
    assert.match(e.warnings.at(-1)!, /more than 100 loops/);
    const size = e.warnings.reduce((sum, w) => sum + w.length, 0);
    assert.ok(size < 200 * LOOP_WARNINGS_SHOWN, `${size} characters of warnings for ${depth} loop edges`);
    assert.ok(e.warnings[0]!.startsWith('action group loop: g0 -> g1 -> '));
    assert.ok(e.warnings[0]!.endsWith(`g${depth - 1} -> g0`));
  });
});
