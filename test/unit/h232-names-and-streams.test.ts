/**
 * A request's index list as core splits it (Strings.splitStringByCommaToArray, Java's `split(",")`: leading and middle
 * empty names kept, trailing ones dropped, the empty text no name), and data streams kept apart from aliases
 * (IndexResolverReplacer.resolveTo judges a named data stream itself beside its backing indices). The node's answers
 * behind these: test/integration/h232-names-and-streams.test.ts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { requestIndexList, requestIndexNames } from '../../src/fgac/request-names.js';
import { normaliseIndices } from '../../src/explain/permission-query.js';
import { indicesFromPath } from '../../src/errors/parse-plugin.js';
import { requiredPrivileges } from '../../src/explain/request-actions.js';
import { explainPermission } from '../../src/explain/permission.js';
import { DATA_STREAMS, containersOf, dataStreamsOf, expandAliases, indexAliasesFrom, isDataStream } from '../../src/fgac/aliases.js';
import { dataStreamNames, requestIndices } from '../../src/fgac/index-expressions.js';

const SEARCH = 'indices:data/read/search';
const user = (role: string): { name: string; roles: string[] } => ({ name: 'u', roles: [role] });
const role = (pattern: string): Record<string, { index_permissions: Array<{ index_patterns: string[]; allowed_actions: string[] }> }> => ({ r: { index_permissions: [{ index_patterns: [pattern], allowed_actions: ['read'] }] } });

describe('empty names in an index list, as Java split reads them', () => {
  test('requestIndexList keeps leading and middle empty names, drops trailing ones', () => {
    assert.deepEqual(requestIndexList(',a'), ['', 'a']);
    assert.deepEqual(requestIndexList('a,,b'), ['a', '', 'b']);
    assert.deepEqual(requestIndexList(',,a,,'), ['', '', 'a']);
    assert.deepEqual(requestIndexList('a,'), ['a']);
    assert.deepEqual(requestIndexList('a,,'), ['a']);
    assert.deepEqual(requestIndexList(','), []);
    assert.deepEqual(requestIndexList(''), []);
    assert.deepEqual(requestIndexList(' ,a'), [' ', 'a']);
  });

  test('an array is read joined at commas (as the client sends it); explainPermission and the error layer read the same names', () => {
    assert.deepEqual(requestIndexNames(['', 'a']), ['', 'a']);
    assert.deepEqual(requestIndexNames(['a,', 'b']), ['a', '', 'b']);
    assert.deepEqual(requestIndexNames(['a', '']), ['a']);
    assert.deepEqual(normaliseIndices(',a'), ['', 'a']);
    assert.deepEqual(normaliseIndices(['', 'a']), ['', 'a']);
    // nothing named but blanks: every index, as before
    for (const blank of ['', ',', [], [''], [' '], ' ']) assert.deepEqual(normaliseIndices(blank), ['*'], JSON.stringify(blank));
    assert.deepEqual(indicesFromPath('/,a/_search', [SEARCH]), ['', 'a']);
    assert.deepEqual(indicesFromPath('/a,/_search', [SEARCH]), ['a']);
  });

  test('the plan of a path or msearch header names the empty name', () => {
    const indicesOf = (r: { method: string; path: string; body?: unknown }): unknown => {
      const p = requiredPrivileges(r);
      assert.ok(p.known);
      return p.checks.filter((c) => c.action === SEARCH).map((c) => c.indices);
    };
    assert.deepEqual(indicesOf({ method: 'GET', path: '/,a/_search' }), [['', 'a']]);
    assert.deepEqual(indicesOf({ method: 'GET', path: '/a,,a/_count' }), [['a', '', 'a']]);
    assert.deepEqual(indicesOf({ method: 'POST', path: '/_msearch', body: '{"index":",a"}\n{}\n' }), [['', 'a']]);
    assert.deepEqual(indicesOf({ method: 'POST', path: '/_msearch', body: '{"index":["","a"]}\n{}\n' }), [['', 'a']]);
    assert.deepEqual(indicesOf({ method: 'POST', path: '/_msearch', body: '{"index":"a,"}\n{}\n' }), [['a']]);
  });

  test('an empty name is a missing name only a pattern matching it covers', () => {
    for (const index of [',a', 'a,,a', ['', 'a']]) {
      for (const clusterIndices of [['a'], undefined]) {
        const q = { action: SEARCH, index, user: user('r'), ...(clusterIndices !== undefined ? { clusterIndices } : {}) };
        assert.equal(explainPermission(role('a*'), undefined, q).granted, false, JSON.stringify(q));
        assert.equal(explainPermission(role('*'), undefined, q).granted, true, JSON.stringify(q));
      }
    }
    assert.equal(explainPermission(role('a*'), undefined, { action: SEARCH, index: 'a,', user: user('r'), clusterIndices: ['a'] }).granted, true);
  });
});

describe('data streams kept apart from aliases', () => {
  const table = indexAliasesFrom({ 'i-1': { aliases: { al: {} } } }, { data_streams: [{ name: 'ds', indices: [{ index_name: '.ds-ds-000001' }, { index_name: '.ds-ds-000002' }] }] });
  const clusterIndices = ['i-1', '.ds-ds-000001', '.ds-ds-000002', 'dm-1'];

  test('indexAliasesFrom marks the streams under a symbol: the names and the JSON stay as they were', () => {
    assert.deepEqual(Object.keys(table), ['al', 'ds']);
    assert.equal(JSON.stringify(table), '{"al":["i-1"],"ds":[".ds-ds-000001",".ds-ds-000002"]}');
    assert.deepEqual(dataStreamsOf(table), ['ds']);
    assert.ok(isDataStream(table, 'ds') && !isDataStream(table, 'al'));
    assert.deepEqual(table, { al: ['i-1'], ds: ['.ds-ds-000001', '.ds-ds-000002'] });
    // a table of the caller's own marks its streams under the same key
    const own = { ds: ['.ds-ds-000001'], [DATA_STREAMS]: ['ds'] };
    assert.deepEqual(requestIndices(['ds'], undefined, own).indices, ['.ds-ds-000001', 'ds']);
    assert.deepEqual(dataStreamsOf(indexAliasesFrom({ 'i-1': { aliases: { al: {} } } })), undefined);
    // what else reads the table is as before: a backing index belongs to its stream, a stream expands to its indices
    assert.deepEqual(containersOf('.ds-ds-000001', table), ['ds']);
    assert.deepEqual(expandAliases(['ds', 'al'], table), ['.ds-ds-000001', '.ds-ds-000002', 'i-1']);
  });

  test("a request naming a stream is judged on the stream's name beside its backing indices; an alias's name is not", () => {
    for (const ci of [clusterIndices, undefined]) {
      assert.deepEqual(requestIndices(['ds'], ci, table).indices, ['.ds-ds-000001', '.ds-ds-000002', 'ds']);
      assert.deepEqual(requestIndices(['al'], ci, table).indices, ['i-1']);
    }
    assert.deepEqual(requestIndices(['d*'], clusterIndices, table).indices, ['dm-1', '.ds-ds-000001', '.ds-ds-000002', 'ds']);
    assert.ok(!requestIndices(['.ds-*'], clusterIndices, table).indices.includes('ds'));
    assert.deepEqual(dataStreamNames(['d*'], table), ['ds']);
    assert.deepEqual(dataStreamNames(['d*', '-ds'], table), []);
    assert.deepEqual(dataStreamNames(['d*', '-d*'], table), []);
    assert.deepEqual(dataStreamNames(['.ds-ds-000001', 'al', 'i-1'], table), []);
    // a table without the marker (hand-written, or a copy): a name whose members are its backing indices may be a stream,
    // judged too, a refusal resting on it undecided (h235; before: read as an alias)
    assert.deepEqual(requestIndices(['ds'], clusterIndices, { ds: ['.ds-ds-000001'] }).indices, ['.ds-ds-000001', 'ds']);
    assert.deepEqual(requestIndices(['ds'], clusterIndices, { ds: ['.ds-ds-000001'] }).maybeStreams, ['ds']);
  });

  test('a role on the backing indices only does not cover the stream; a role on the stream covers its backing indices', () => {
    for (const ci of [clusterIndices, undefined]) {
      const q = (index: string): Parameters<typeof explainPermission>[2] => ({ action: SEARCH, index, user: user('r'), aliases: table, ...(ci !== undefined ? { clusterIndices: ci } : {}) });
      assert.equal(explainPermission(role('.ds-ds-*'), undefined, q('ds')).granted, false);
      assert.equal(explainPermission(role('.ds-ds-*'), undefined, q('.ds-ds-000001')).granted, true);
      assert.equal(explainPermission(role('ds'), undefined, q('ds')).granted, true);
      assert.equal(explainPermission(role('ds'), undefined, q('.ds-ds-000001')).granted, true);
    }
    assert.equal(explainPermission(role('.ds-ds-*'), undefined, { action: SEARCH, index: 'ds*', user: user('r'), aliases: table, clusterIndices }).granted, false);
  });
});

describe('without the cluster index list: a name that may be missing', () => {
  const aliases = { al: ['b'] };
  const roles = { r: { index_permissions: [{ index_patterns: ['b', 'nope'], allowed_actions: ['read'] }] } };
  const q = (index: string[]): Parameters<typeof explainPermission>[2] => ({ action: SEARCH, index, user: user('r'), aliases });

  test('judges the names as written beside what they resolve to (the node judges the first when one is missing)', () => {
    assert.deepEqual(requestIndices(['al', 'nope'], undefined, aliases).indices, ['al', 'nope', 'b']);
    assert.equal(explainPermission(roles, undefined, q(['al', 'nope'])).granted, false);
    // with the index list: nope is missing, every name judged as written
    assert.equal(explainPermission(roles, undefined, { ...q(['al', 'nope']), clusterIndices: ['b'] }).granted, false);
  });

  test('an alias, a data stream or an index behind one is known to exist: only what the names resolve to', () => {
    assert.deepEqual(requestIndices(['al'], undefined, aliases).indices, ['b']);
    assert.deepEqual(requestIndices(['al', 'b'], undefined, aliases).indices, ['b']);
    assert.deepEqual(requestIndices(['b*', '-b'], undefined, aliases).indices, ['b*']);
    assert.equal(explainPermission(roles, undefined, q(['al'])).granted, true);
    assert.equal(explainPermission(roles, undefined, q(['al', 'b'])).granted, true);
  });
});

test('without clusterIndices, a data stream excluded by name is not judged as a target (review h233)', () => {
  const table = indexAliasesFrom({}, { data_streams: [{ name: 'metrics', indices: [{ index_name: '.ds-metrics-000001' }] }, { name: 'logs', indices: [{ index_name: '.ds-logs-000001' }] }] });
  const { indices } = requestIndices(['*', '-metrics'], undefined, table);
  assert.ok(!indices.includes('metrics'), JSON.stringify(indices));
  assert.ok(indices.includes('logs'), JSON.stringify(indices));
});
