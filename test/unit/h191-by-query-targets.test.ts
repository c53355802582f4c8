/**
 * h191: where `_delete_by_query`, `_update_by_query` and `_reindex` write (src/explain/by-query.ts, write-plan.ts),
 * measured on 2.19.4 (test/integration/h191-by-query-targets.test.ts): update / delete by query write each document
 * found to the concrete index it came from (never dropped through an alias without a write index, never a wildcard
 * taken for a missing index); `_reindex`'s validation of its dest and sources ends it after the REST action; the query
 * string read as the node reads it (a repeated parameter's last value, `;` a separator) by the plan and by the
 * dry-run's guard alike.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requestPlan, requiredPrivileges, type RequiredPrivilege } from '../../src/explain/request-actions.js';
import { expandPlan, type WriteFacts } from '../../src/explain/write-plan.js';
import { answersWithTask } from '../../src/explain/dry-run.js';
import { overall, type PrivilegeVerdict } from '../../src/explain/verdicts.js';

const ALL = { query: { match_all: {} } };
const line = (c: RequiredPrivilege): string => `${c.action}${c.indices !== undefined ? ` ${c.indices.join(',')}` : ''}${c.dependsOn !== undefined ? ' ?' : ''}${c.namesUnresolved !== undefined ? ' unresolved' : ''}`;
const checksOf = (path: string, body: unknown = ALL): string[] => {
  const r = requiredPrivileges({ method: 'POST', path, body });
  assert.ok(r.known, `${path}: ${r.known ? '' : r.reason}`);
  return r.checks.map(line);
};

/** logs-1, logs-2 and dest exist; `logs` is an alias over the two without a write index, `logs-w` one whose write index is logs-1. */
const ALIASES: Record<string, string[]> = { logs: ['logs-1', 'logs-2'], 'logs-w': ['logs-1', 'logs-2'] };
const WRITE_INDEX: Record<string, string | null> = { logs: null, 'logs-w': 'logs-1' };
const INDICES = ['logs-1', 'logs-2', 'dest'];
const known = <T>(value: T): { known: true; value: T } => ({ known: true, value });
const cluster = (resolved: boolean): WriteFacts => ({
  exists: (n) => known(INDICES.includes(n) || n in ALIASES),
  isAlias: (n) => known(n in ALIASES),
  autoCreates: () => known(true),
  isOpen: () => known(true),
  mappings: true,
  writeIndex: (n) => known(n in WRITE_INDEX ? WRITE_INDEX[n] ?? null : n),
  concrete: (names) => (resolved
    ? known([...new Set(names.flatMap((n) => (n in ALIASES ? ALIASES[n] ?? [] : n.endsWith('*') ? INDICES.filter((i) => i.startsWith(n.slice(0, -1))) : [n])))].sort())
    : { known: false, why: 'which indices they resolve to (not read)' }),
});
const expanded = (path: string, body: unknown = ALL, resolved = true): string[] => {
  const p = requestPlan({ method: 'POST', path, body });
  assert.ok(p.known, `${path}: ${p.known ? '' : p.reason}`);
  return expandPlan(p.plan, cluster(resolved)).checks.map(line);
};

const FOUND = ['indices:data/write/bulk ?'];

test('delete by query through an alias without a write index: bulk[s] and the delete on each of its indices, if found (they were dropped)', () => {
  assert.deepEqual(expanded('/logs/_delete_by_query'), [
    'indices:data/write/delete/byquery logs', 'indices:data/read/search logs', ...FOUND,
    'indices:data/write/bulk[s] logs-1,logs-2 ?', 'indices:data/write/delete logs-1,logs-2 ?', 'indices:data/read/scroll ?',
  ]);
  // through an alias with a write index too: each document goes back to its own index, not to the write index
  assert.deepEqual(expanded('/logs-w/_update_by_query').slice(3, 5), ['indices:data/write/bulk[s] logs-1,logs-2 ?', 'indices:data/write/index logs-1,logs-2 ?']);
});

test('a wildcard path is the indices it matches: no indices:admin/create, the writes on each', () => {
  for (const kind of ['_delete_by_query', '_update_by_query']) {
    const checks = expanded(`/logs-*/${kind}`);
    assert.ok(!checks.some((c) => c.startsWith('indices:admin/create')), `${kind}: ${checks.join(' | ')}`);
    assert.ok(checks.includes('indices:data/write/bulk[s] logs-1,logs-2 ?'), `${kind}: ${checks.join(' | ')}`);
  }
  // matching nothing: the search finds nothing, nothing is written
  assert.ok(!expanded('/nothing-*/_delete_by_query').some((c) => c.startsWith('indices:data/write/bulk[s]')));
});

test('without the cluster\'s names the writes stay, on the names as written, undecided even when granted', () => {
  const checks = expanded('/logs/_delete_by_query', ALL, false);
  assert.ok(checks.includes('indices:data/write/bulk[s] logs ? unresolved') && checks.includes('indices:data/write/delete logs ? unresolved'), checks.join(' | '));
  const p = requestPlan({ method: 'POST', path: '/logs/_delete_by_query', body: ALL });
  assert.ok(p.known);
  const verdicts: PrivilegeVerdict[] = expandPlan(p.plan, cluster(false)).checks.map((c) => ({ ...c, granted: true, explanation: { granted: true } as PrivilegeVerdict['explanation'] }));
  const v = overall(verdicts, { name: 'u', roles: [] });
  assert.equal(v.allowed, null);
  assert.match(v.reason ?? '', /indices not known: which indices they resolve to/);
});

test('_reindex: validated after the REST action, before the search (measured: 400 / 404, no search check)', () => {
  // a dest alias without a write index; a dest whose write index is the source; a missing source
  assert.deepEqual(expanded('/_reindex', { source: { index: 'logs-2' }, dest: { index: 'logs' } }), ['indices:data/write/reindex']);
  assert.deepEqual(expanded('/_reindex', { source: { index: 'logs-1' }, dest: { index: 'logs-w' } }), ['indices:data/write/reindex']);
  assert.deepEqual(expanded('/_reindex', { source: { index: 'gone' }, dest: { index: 'dest' } }), ['indices:data/write/reindex']);
  // a dest alias with a write index that is not a source: the writes name the alias (its members), as any bulk write
  assert.deepEqual(expanded('/_reindex', { source: { index: 'logs-2' }, dest: { index: 'logs-w' } }), [
    'indices:data/write/reindex', 'indices:data/read/search logs-2', ...FOUND,
    'indices:data/write/bulk[s] logs-w ?', 'indices:data/write/index logs-w ?', 'indices:admin/mapping/put logs-1 ?', 'indices:data/read/scroll ?',
  ]);
});

test('the query string as the node reads it: the last value wins, ";" separates, a value it refuses is not planned', () => {
  assert.deepEqual(checksOf('/logs/_delete_by_query?wait_for_completion=false&wait_for_completion=true').slice(0, 2), ['indices:data/write/delete/byquery logs', 'indices:data/read/search logs']);
  // a task-answered request is judged as the operation (its checks as when waiting), with a note
  const tasked = (q: string): boolean => { const p = requestPlan({ method: 'POST', path: `/logs/_delete_by_query?${q}`, body: ALL }); return p.known && p.plan.note !== undefined; };
  assert.equal(tasked('wait_for_completion=true&wait_for_completion=false'), true);
  assert.equal(tasked('refresh=true;wait_for_completion=false'), true);
  assert.equal(tasked('wait_for_completion=false&wait_for_completion=true'), false);
  assert.ok(!checksOf('/logs/_delete_by_query?refresh=true&refresh=false').some((c) => c.startsWith('indices:admin/refresh')));
  assert.ok(checksOf('/logs/_delete_by_query?refresh=false&refresh=true').includes('indices:admin/refresh logs ?'));
  assert.ok(checksOf('/logs/_delete_by_query?refresh').includes('indices:admin/refresh logs ?'));
  for (const q of ['refresh=yes', 'wait_for_completion=0', 'wait_for_completion=%zz']) {
    assert.equal(requiredPrivileges({ method: 'POST', path: `/logs/_delete_by_query?${q}`, body: ALL }).known, false, q);
  }
});

test('the dry-run guard reads wait_for_completion as the plan does, and as the node reads the dry-run it sends', () => {
  assert.equal(answersWithTask('/_reindex?wait_for_completion=false&wait_for_completion=true'), false);
  assert.equal(answersWithTask('/_reindex?wait_for_completion=true&wait_for_completion=false'), true);
  assert.equal(answersWithTask('/i/_delete_by_query?refresh=true;wait_for_completion=false'), true);
  assert.equal(answersWithTask('/i/_delete_by_query?wait_for_completion=fals%65'), true);
  // the request waits (`;` separates, the last value wins), and the dry-run sends the node's reading (h192), so it may be sent
  assert.equal(answersWithTask('/i/_delete_by_query?wait_for_completion=false&q=a;wait_for_completion=true'), false);
  assert.equal(answersWithTask('/_reindex?wait_for_completion'), false);
});
