/**
 * Action-group resolution on hostile shapes: a chain of 100 000 groups (group0 -> group1 -> ...), as a
 * misbehaving server's action groups could be, overflowed the stack past ~5 000 levels; resolution is now
 * iterative. Its results (chains, loop warnings, order) are the recursive resolver's, checked against a
 * copy of it on random group graphs with loops, diamonds and wildcards.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ActionResolver, groupTable } from '../../src/explain/action-resolver.js';
import { checkPermission } from '../../src/explain/check-permission.js';
import { explainPermission } from '../../src/explain/permission.js';
import { compileFieldPattern } from '../../src/fgac/field-patterns.js';

const SEARCH = 'indices:data/read/search';
const DEPTH = 100_000;

/** group0 -> group1 -> ... -> group{n-1} -> `last`. */
function chainOf(n: number, last: string): Record<string, string[]> {
  const groups: Record<string, string[]> = {};
  for (let i = 0; i < n - 1; i++) groups[`group${i}`] = [`group${i + 1}`];
  groups[`group${n - 1}`] = [last];
  return groups;
}

const roles = { r: { cluster_permissions: ['group0'], index_permissions: [{ index_patterns: ['*'], allowed_actions: ['group0'] }] } };

describe('a 100 000-step action-group chain', () => {
  test('explainPermission resolves it (no RangeError) and names the whole chain', () => {
    const e = explainPermission(roles, chainOf(DEPTH, SEARCH), { action: SEARCH, index: 'logs' });
    assert.equal(e.granted, true);
    const via = e.grants[0]!.via;
    assert.equal(via.length, DEPTH + 1);
    assert.deepEqual([via[0], via[1], via.at(-2), via.at(-1)], ['group0', 'group1', `group${DEPTH - 1}`, SEARCH]);
    const denied = explainPermission(roles, chainOf(DEPTH, 'indices:data/write/index'), { action: SEARCH, index: 'logs' });
    assert.equal(denied.granted, false);
  });

  test('a loop at the end of it is a warning, as a short loop is', () => {
    const groups = chainOf(DEPTH, 'group0');
    const e = explainPermission(roles, groups, { action: SEARCH, index: 'logs' });
    assert.equal(e.granted, false);
    assert.equal(e.warnings.length, 1);
    assert.ok(e.warnings[0]!.startsWith('action group loop: group0 -> group1 -> '));
    assert.ok(e.warnings[0]!.endsWith(`group${DEPTH - 1} -> group0`));
    const shortRoles = { r: { index_permissions: [{ index_patterns: ['*'], allowed_actions: ['a'] }] } };
    const short = explainPermission(shortRoles, { a: ['b'], b: ['c', 'a'], c: ['a'] }, { action: SEARCH, index: 'logs' });
    assert.deepEqual(short.warnings, ['action group loop: a -> b -> c -> a', 'action group loop: a -> b -> a']);
  });

  test('checkPermission (local) and a cluster action resolve it too', async () => {
    const client = { transport: { request: async () => ({ body: {}, statusCode: 200 }) } };
    const groups = chainOf(DEPTH, SEARCH);
    const check = await checkPermission(client, { action: SEARCH, index: 'logs' }, { mode: 'local', roles, actionGroups: groups, subject: { roles: ['r'] } });
    assert.equal(check.allowed, true);
    const health = 'cluster:monitor/health';
    assert.equal(explainPermission(roles, chainOf(DEPTH, 'cluster:monitor/*'), { action: health }).granted, true);
  });
});

/** The recursive resolver as it was (the reference for identical results), warning once per closing edge of a loop (`edges`, kept across calls). */
function recursiveChain(groups: Map<string, readonly string[]>, entry: string, action: string, warnings: string[], edges: Set<string>): string[] | undefined {
  const warn = (m: string): void => {
    const edge = m.slice('action group loop: '.length).split(' -> ').slice(-2).join('\u0000');
    if (edges.has(edge)) return;
    edges.add(edge);
    if (!warnings.includes(m)) warnings.push(m);
  };
  const matches = (pattern: string): boolean => {
    try {
      return compileFieldPattern(pattern)(action);
    } catch {
      return false;
    }
  };
  const expanded = new Set<string>();
  const walk = (name: string, path: string[]): string[] | undefined => {
    const here = [...path, name];
    if (matches(name)) return here;
    const members = groups.get(name);
    if (members === undefined) return undefined;
    if (path.includes(name)) {
      warn(`action group loop: ${here.join(' -> ')}`);
      return undefined;
    }
    if (expanded.has(name)) return undefined;
    expanded.add(name);
    for (const member of members) {
      if (path.includes(member) || member === name) {
        warn(`action group loop: ${[...here, member].join(' -> ')}`);
        continue;
      }
      const found = walk(member, here);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return walk(entry, []);
}

test('identical chains and loop warnings to the recursive resolver on random group graphs', () => {
  const names = ['g0', 'g1', 'g2', 'g3', 'g4', 'g5', 'read', 'write'];
  const member = fc.constantFrom(...names, 'missing', 'indices:data/read/*', 'indices:data/write/index', 'cluster:monitor/*', 'indices:*', '*');
  const graph = fc.dictionary(fc.constantFrom(...names.slice(0, 6)), fc.array(member, { maxLength: 4 }));
  const action = fc.constantFrom(SEARCH, 'indices:data/write/index', 'cluster:monitor/health', 'indices:admin/create');
  fc.assert(fc.property(graph, fc.array(fc.constantFrom(...names, 'missing'), { minLength: 1, maxLength: 3 }), action, (custom, entries, act) => {
    const table = groupTable(custom);
    const resolver = new ActionResolver(table);
    const warnings: string[] = [];
    const edges = new Set<string>();
    for (const entry of entries) {
      assert.deepEqual(resolver.chain(entry, act), recursiveChain(table, entry, act, warnings, edges), `${entry} ${JSON.stringify(custom)}`);
    }
    assert.deepEqual(resolver.warnings, warnings);
  }), { numRuns: 2000 });
});
