/**
 * h185: the plans of `_delete_by_query`, `_update_by_query` and `_reindex` (src/explain/by-query.ts, measured on
 * 2.19.4 and 3.4.0 with the reindex module: test/integration/h185-by-query.test.ts), their expansion with what the
 * cluster says (write-plan.ts), and the local domain's reindex module (test/domain/reindex-module.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requestPlan, requiredPrivileges, type RequiredPrivilege } from '../../src/explain/request-actions.js';
import { expandPlan, type WriteFacts } from '../../src/explain/write-plan.js';
import { answersWithTask } from '../../src/explain/dry-run.js';
import { jarArtifact, moduleJars, pluginClassOf, reindexDescriptor } from '../domain/reindex-module.js';

const ALL = { query: { match_all: {} } };
const line = (c: RequiredPrivilege): string => `${c.action}${c.indices !== undefined ? ` ${c.indices.join(',')}` : ''}${c.dependsOn !== undefined ? ' ?' : ''}`;
const checksOf = (method: string, path: string, body?: unknown): string[] => {
  const r = requiredPrivileges({ method, path, ...(body !== undefined ? { body } : {}) });
  assert.ok(r.known, `${method} ${path}: ${r.known ? '' : r.reason}`);
  return r.checks.map(line);
};
const reasonOf = (method: string, path: string, body?: unknown): string => {
  const r = requiredPrivileges({ method, path, ...(body !== undefined ? { body } : {}) });
  assert.equal(r.known, false, `${method} ${path} should not be planned`);
  return r.known ? '' : r.reason;
};

test('_delete_by_query: the REST action and the search, then the bulk, the delete items and the scroll when documents are found', () => {
  assert.deepEqual(checksOf('POST', '/logs/_delete_by_query', ALL), [
    'indices:data/write/delete/byquery logs', 'indices:data/read/search logs', 'indices:data/write/bulk ?',
    'indices:data/write/bulk[s] logs ?', 'indices:data/write/delete logs ?', 'indices:data/read/scroll ?',
  ]);
  const r = requiredPrivileges({ method: 'POST', path: '/logs/_delete_by_query', body: JSON.stringify(ALL) });
  assert.ok(r.known);
  assert.match(r.checks[2]?.dependsOn ?? '', /whether the search of logs finds a document/);
  // refused bulk items are the request's 403, not items inside a 200
  assert.ok(r.checks.every((c) => c.itemLevel !== true));
});

test('_update_by_query: index items written back, with or without a body; ?refresh adds indices:admin/refresh', () => {
  const expected = [
    'indices:data/write/update/byquery logs', 'indices:data/read/search logs', 'indices:data/write/bulk ?',
    'indices:data/write/bulk[s] logs ?', 'indices:data/write/index logs ?', 'indices:data/read/scroll ?',
  ];
  assert.deepEqual(checksOf('POST', '/logs/_update_by_query', ALL), expected);
  assert.deepEqual(checksOf('POST', '/logs/_update_by_query'), expected);
  assert.deepEqual(checksOf('POST', '/logs/_update_by_query?refresh=true'), [...expected, 'indices:admin/refresh logs ?']);
  assert.deepEqual(checksOf('POST', '/logs/_update_by_query?refresh=false'), expected);
});

test('_reindex: the cluster-level action, the search of every source, the writes to dest', () => {
  assert.deepEqual(checksOf('POST', '/_reindex', { source: { index: ['a', 'b'] }, dest: { index: 'c' } }), [
    'indices:data/write/reindex', 'indices:data/read/search a,b', 'indices:data/write/bulk ?',
    'indices:data/write/bulk[s] c ?', 'indices:data/write/index c ?', 'indices:data/read/scroll ?',
  ]);
  assert.deepEqual(checksOf('POST', '/_reindex', { source: { index: 'a,b' }, dest: { index: 'c', op_type: 'create' } })[1], 'indices:data/read/search a,b');
});

test('wait_for_completion=false: the verdict is the operation\'s, the same checks as a waiting request (h197)', () => {
  assert.deepEqual(checksOf('POST', '/logs/_delete_by_query?wait_for_completion=false', ALL), checksOf('POST', '/logs/_delete_by_query', ALL));
  assert.deepEqual(checksOf('POST', '/_reindex?wait_for_completion=false', { source: { index: 'a' }, dest: { index: 'c' } }), checksOf('POST', '/_reindex', { source: { index: 'a' }, dest: { index: 'c' } }));
});

test('what the node refuses before any check, and what is not modelled, is not planned', () => {
  assert.match(reasonOf('POST', '/logs/_delete_by_query'), /no query/);
  assert.match(reasonOf('POST', '/logs/_update_by_query', { script: { source: 'ctx._source.n = 1' } }), /script/);
  assert.match(reasonOf('POST', '/_reindex', { source: { index: 'a' }, dest: { index: 'a' } }), /reads from/);
  assert.match(reasonOf('POST', '/_reindex', { source: { index: 'a', remote: { host: 'http://x:9200' } }, dest: { index: 'c' } }), /remote/);
  assert.match(reasonOf('POST', '/_reindex', { source: { index: 'a' } }), /source and dest/);
  assert.match(reasonOf('POST', '/a,b/_delete_by_query', ALL), /one index/);
  assert.match(reasonOf('GET', '/_reindex'), /not in the request table/);
});

const facts = (existing: readonly string[]): WriteFacts => ({
  exists: (n) => ({ known: true, value: existing.includes(n) }),
  isAlias: () => ({ known: true, value: false }),
  autoCreates: () => ({ known: true, value: true }),
  isOpen: () => ({ known: true, value: true }),
  mappings: true,
});

test('with the cluster read: a missing dest is created and mapped, if documents are found; nothing is left to read later', () => {
  const p = requestPlan({ method: 'POST', path: '/_reindex', body: { source: { index: 'a' }, dest: { index: 'new' } } });
  assert.ok(p.known);
  const e = expandPlan(p.plan, facts(['a']));
  assert.deepEqual(e.checks.map(line), [
    'indices:data/write/reindex', 'indices:data/read/search a', 'indices:data/write/bulk ?', 'indices:admin/create new ?',
    'indices:data/write/bulk[s] new ?', 'indices:data/write/index new ?', 'indices:admin/mapping/put new ?', 'indices:data/read/scroll ?',
  ]);
  assert.deepEqual(e.pending, []);
  // an existing dest: whether a document adds a field is not known
  const existing = expandPlan(p.plan, facts(['a', 'new']));
  assert.ok(existing.checks.some((c) => c.action === 'indices:admin/mapping/put' && c.dependsOn !== undefined));
});

test('_update_by_query writes documents back to their index: no mapping update', () => {
  const p = requestPlan({ method: 'POST', path: '/logs/_update_by_query' });
  assert.ok(p.known);
  assert.ok(!expandPlan(p.plan, facts(['logs'])).checks.some((c) => c.action === 'indices:admin/mapping/put'));
});

test('a missing source ends the request (404): _reindex right after its REST action (checked before the search, h191), by-query after its search', () => {
  const p = requestPlan({ method: 'POST', path: '/_reindex?refresh=true', body: { source: { index: 'gone' }, dest: { index: 'c' } } });
  assert.ok(p.known);
  assert.deepEqual(expandPlan(p.plan, facts(['c'])).checks.map(line), ['indices:data/write/reindex']);
  const d = requestPlan({ method: 'POST', path: '/gone/_delete_by_query', body: ALL });
  assert.ok(d.known);
  assert.deepEqual(expandPlan(d.plan, facts([])).checks.map(line), ['indices:data/write/delete/byquery gone', 'indices:data/read/search gone']);
});

test('reindex module: the jars not already in lib/, the plugin class of 2.x and 3.x, the descriptor', () => {
  assert.equal(jarArtifact('httpcore-nio-4.4.16.jar'), 'httpcore-nio');
  assert.equal(jarArtifact('reindex-client-3.4.0.jar'), 'reindex-client');
  assert.deepEqual(moduleJars(
    ['reindex-client-2.19.4.jar', 'opensearch-common-2.19.4.jar', 'reactor-core-3.7.5.jar', 'httpclient-4.5.14.jar', 'notes.txt'],
    ['opensearch-common-2.19.4.jar', 'reactor-core-3.7.5.jar', 'lucene-core-9.12.3.jar'],
  ), ['httpclient-4.5.14.jar', 'reindex-client-2.19.4.jar']);
  assert.equal(pluginClassOf(['META-INF/', 'org/opensearch/index/reindex/ReindexPlugin.class']), 'org.opensearch.index.reindex.ReindexPlugin');
  assert.equal(pluginClassOf(['org/opensearch/index/reindex/ReindexModulePlugin.class', 'org/opensearch/index/reindex/Reindexer.class']), 'org.opensearch.index.reindex.ReindexModulePlugin');
  assert.throws(() => pluginClassOf(['org/opensearch/index/reindex/Reindexer.class']), /no org\.opensearch\.index\.reindex/);
  const d = reindexDescriptor('3.4.0', 'org.opensearch.index.reindex.ReindexModulePlugin');
  for (const l of ['name=reindex', 'classname=org.opensearch.index.reindex.ReindexModulePlugin', 'version=3.4.0', 'opensearch.version=3.4.0', 'java.version=21']) assert.ok(d.split('\n').includes(l), l);
  assert.match(reindexDescriptor('2.19.4', 'x'), /^java\.version=11$/m);
});

test('a request answered with a task (wait_for_completion=false) is never sent as a dry-run', () => {
  assert.equal(answersWithTask('/_reindex?wait_for_completion=false'), true);
  assert.equal(answersWithTask('/i/_delete_by_query?refresh=true&wait_for_completion=false'), true);
  assert.equal(answersWithTask('/_reindex?wait_for_completion=true'), false);
  assert.equal(answersWithTask('/_reindex'), false);
});

test('a body key the node would refuse (400 before any check) is not planned', () => {
  assert.match(reasonOf('POST', '/logs/_update_by_query', { source: { index: 'a' }, dest: { index: 'b' } }), /body key "source"/);
  assert.match(reasonOf('POST', '/_reindex', { source: { index: 'a', bogus: 1 }, dest: { index: 'b' } }), /body key "bogus"/);
  assert.ok(requiredPrivileges({ method: 'POST', path: '/logs/_delete_by_query', body: { query: { match_all: {} }, max_docs: 1, conflicts: 'proceed' } }).known);
});

test('_reindex source.index as the node reads it: a text split at commas (trailing empties dropped), a list item as written', () => {
  const sources = (index: unknown): string => checksOf('POST', '/_reindex', { source: { index }, dest: { index: 'c' } })[1] ?? '';
  assert.equal(sources('a,'), 'indices:data/read/search a');
  assert.equal(sources(',a'), 'indices:data/read/search ,a');
  assert.equal(sources('a,,b'), 'indices:data/read/search a,,b');
  // one name holding a comma (the node's 404 `no such index [a,b]`), kept whole
  const r = requiredPrivileges({ method: 'POST', path: '/_reindex', body: { source: { index: ['a,b'] }, dest: { index: 'c' } } });
  assert.ok(r.known);
  assert.deepEqual(r.checks[1]?.indices, ['a,b']);
  const empty = requiredPrivileges({ method: 'POST', path: '/_reindex', body: { source: { index: ['', 'a'] }, dest: { index: 'c' } } });
  assert.ok(empty.known);
  assert.deepEqual(empty.checks[1]?.indices, ['', 'a']);
  // no name at all: the node's 400 (`use _all if you really want to copy from all existing indexes`)
  for (const none of ['', ',', []]) assert.match(reasonOf('POST', '/_reindex', { source: { index: none }, dest: { index: 'c' } }), /must name indices/);
});
