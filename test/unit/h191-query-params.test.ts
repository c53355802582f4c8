/**
 * h191: the query string as OpenSearch's RestUtils.decodeQueryString reads it (src/fgac/query-params.ts), and the
 * concrete indices request names resolve to (write-targets.ts concreteIndicesOf), which by-query writes go to.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeFlag, nodeQuery, waitsForCompletion } from '../../src/fgac/query-params.js';
import { concreteIndicesOf } from '../../src/explain/write-targets.js';

const read = (q: string | undefined): Array<[string, string]> | undefined => {
  const m = nodeQuery(q);
  return m === undefined ? undefined : [...m];
};

test('nodeQuery: & and ; separate, the last value wins, a name alone is empty, + is a space (measured, h192), %XX decoded as UTF-8', () => {
  assert.deepEqual(read('a=1&a=2'), [['a', '2']]);
  assert.deepEqual(read('a=1;b=2'), [['a', '1'], ['b', '2']]);
  assert.deepEqual(read('a&b='), [['a', ''], ['b', '']]);
  assert.deepEqual(read('a=x+y&%77ait=%C3%A9'), [['a', 'x y'], ['wait', 'é']]);
  assert.deepEqual(read('a==b'), [['a', '=b']]);
  // the node's loop: `=x` names the parameter x
  assert.deepEqual(read('=x'), [['x', '']]);
  assert.deepEqual(read('a=%%'), [['a', '%']]);
  assert.deepEqual(read(undefined), []);
  assert.deepEqual(read(''), []);
  for (const bad of ['a=%', 'a=%4', 'a=%zz', '%g1=1']) assert.equal(read(bad), undefined, bad);
});

test('nodeFlag and waitsForCompletion: absent the default, empty or true, false; another value undefined (400)', () => {
  const p = nodeQuery('x=&y=true&z=false&w=1') ?? new Map<string, string>();
  assert.deepEqual(['x', 'y', 'z', 'w', 'v'].map((n) => nodeFlag(p, n, false)), [true, true, false, undefined, false]);
  assert.equal(waitsForCompletion(undefined), true);
  assert.equal(waitsForCompletion('wait_for_completion=false&wait_for_completion=true'), true);
  assert.equal(waitsForCompletion('wait_for_completion=true;wait_for_completion=false'), false);
  assert.equal(waitsForCompletion('wait_for_completion=False'), undefined);
});

test('concreteIndicesOf: aliases to their members, wildcards over indices and aliases, exclusions; unknown without the names', () => {
  const aliases = { logs: ['logs-1', 'logs-2'], all: ['app-1'] };
  const indices = ['logs-1', 'logs-2', 'app-1', 'other'];
  assert.deepEqual(concreteIndicesOf(['logs'], indices, aliases, 0), { known: true, value: ['logs-1', 'logs-2'] });
  assert.deepEqual(concreteIndicesOf(['logs-*', '-logs-2'], indices, aliases, 0), { known: true, value: ['logs-1'] });
  // a wildcard matching an alias name adds its members
  assert.deepEqual(concreteIndicesOf(['a*'], indices, aliases, 0), { known: true, value: ['app-1'] });
  assert.deepEqual(concreteIndicesOf(['other'], undefined, aliases, 0), { known: true, value: ['other'] });
  assert.deepEqual(concreteIndicesOf(['_all'], indices, aliases, 0), { known: true, value: ['app-1', 'logs-1', 'logs-2', 'other'] });
  assert.equal(concreteIndicesOf(['logs'], indices, undefined, 0).known, false);
  assert.equal(concreteIndicesOf(['logs-*'], undefined, aliases, 0).known, false);
  assert.equal(concreteIndicesOf(['<logs-{now/d}>'], indices, aliases, Date.UTC(2026, 0, 2)).known, true);
});
