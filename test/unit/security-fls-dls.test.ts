/** FLS entry parsing and DLS query serialisation round trips. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  canonicalDls,
  DlsParseError,
  dlsEquals,
  dlsVariable,
  dlsVariableNames,
  flsExclude,
  flsInclude,
  flsListWarnings,
  formatFlsEntry,
  parseDls,
  parseFlsPattern,
  serializeDls,
  toFlsEntry,
  type DlsQuery,
} from '../../src/security/index.js';

describe('FLS patterns', () => {
  test('include, exclude (~ and legacy !), wildcard kinds and regex', () => {
    const cases: Array<[string, 'include' | 'exclude', string, string, boolean]> = [
      ['FlightNum', 'include', 'FlightNum', 'exact', false],
      ['~FlightNum', 'exclude', 'FlightNum', 'exact', false],
      ['!FlightNum', 'exclude', 'FlightNum', 'exact', true],
      ['customer.*', 'include', 'customer.*', 'prefix', false],
      ['*name*', 'include', '*name*', 'wildcard', false],
      ['na?e', 'include', 'na?e', 'wildcard', false],
      ['*', 'include', '*', 'any', false],
      ['~/a[0-9]+/', 'exclude', '/a[0-9]+/', 'regex', false],
    ];
    for (const [source, kind, pattern, syntax, legacyBang] of cases) {
      const r = parseFlsPattern(source);
      assert.equal(r.ok, true, source);
      if (r.ok) assert.deepEqual(r.value, { kind, pattern, syntax, legacyBang }, source);
    }
  });

  test('invalid regex patterns get the plugin message "Invalid FLS pattern <pattern>"', () => {
    for (const source of ['/a[/', '~/(/']) {
      const r = parseFlsPattern(source, { dialect: 'v3' });
      assert.deepEqual(r, { ok: false, source, error: { message: `Invalid FLS pattern ${source}`, exact: true } });
    }
    const empty = parseFlsPattern('');
    assert.equal(empty.ok, false);
  });

  test('warnings: .keyword suffix, legacy !, a bare ~, mixed includes and excludes', () => {
    const keyword = parseFlsPattern('~Dest.keyword');
    assert.match(keyword.ok ? keyword.warnings.join() : '', /normalised to their parent field.*use 'Dest'/);
    const bang = parseFlsPattern('!x');
    assert.match(bang.ok ? bang.warnings.join() : '', /legacy prefix; use '~x'/);
    const bare = parseFlsPattern('~');
    assert.match(bare.ok ? bare.warnings.join() : '', /no effect/);
    // 2.x reads `?` and /regex/ literally in _source (fls-source.ts; checked on the 2.19.4 node)
    for (const [source, words] of [['~ob?.x', /hides matching fields from searches but not from documents' _source/], ['/o.*/', /keeps no field in documents' _source/]] as const) {
      const v2 = parseFlsPattern(source, { dialect: 'v2' });
      assert.match(v2.ok ? v2.warnings.join() : '', words);
      const v3 = parseFlsPattern(source, { dialect: 'v3' });
      assert.doesNotMatch(v3.ok ? v3.warnings.join() : '', /_source/);
    }
    assert.doesNotMatch(JSON.stringify(parseFlsPattern('~ob*.x', { dialect: 'v2' })), /_source/);
    assert.deepEqual(flsListWarnings([flsInclude('a'), flsExclude('b')]), ['fls mixes includes and excludes: the plugin applies only the excludes']);
    assert.deepEqual(flsListWarnings([flsExclude('a'), flsExclude('b')]), []);
  });

  test('typed entries convert to and from API strings', () => {
    assert.equal(formatFlsEntry({ exclude: 'FlightNum' }), '~FlightNum');
    assert.equal(formatFlsEntry({ include: 'a.b' }), 'a.b');
    assert.deepEqual(toFlsEntry('~FlightNum'), { exclude: 'FlightNum' });
    assert.deepEqual(toFlsEntry('!FlightNum'), { exclude: 'FlightNum' });
    assert.deepEqual(toFlsEntry('Dest'), { include: 'Dest' });
  });
});

describe('DLS queries', () => {
  const queries: DlsQuery[] = [
    { match: { FlightDelay: true } },
    { bool: { must: [{ term: { owner: '${user.name}' } }, { range: { n: { gte: 1.5, lt: -2 } } }], must_not: [{ exists: { field: 'x' } }] } },
    { terms: { department: [dlsVariable('user.roles')] } },
    { terms: { tags: [dlsVariable('attr.internal.tags')] }, nested: { 'a"b': null, 'é\n': ['\\${not.a.variable}'] } },
    { bool: { filter: { term: { tenant: '${attr.jwt.tenant}' } } } },
  ];

  test('parse(serialize(q)) deep-equals q, raw variables included', () => {
    for (const q of queries) {
      const text = serializeDls(q);
      assert.deepEqual(parseDls(text), q, text);
    }
  });

  test('raw variables serialise unquoted, variables inside strings stay strings', () => {
    assert.equal(serializeDls({ terms: { department: [dlsVariable('user.roles')] } }), '{"terms":{"department":[${user.roles}]}}');
    assert.equal(serializeDls({ term: { owner: '${user.name}' } }), '{"term":{"owner":"${user.name}"}}');
    assert.deepEqual(parseDls('{"terms": {"genres": [${attr.internal.genres}]}}'), { terms: { genres: [dlsVariable('attr.internal.genres')] } });
    assert.deepEqual(parseDls('{"term": ${user_name}}').term, dlsVariable('user_name'));
    assert.deepEqual(dlsVariableNames('{"a":"${user.name}","b":[${user.roles}]}'), ['user.name', 'user.roles']);
  });

  test('API strings from the plugin parse and compare regardless of whitespace and key order', () => {
    const stored = '{"match": {"FlightDelay": true}}';
    assert.deepEqual(parseDls(stored), { match: { FlightDelay: true } });
    assert.equal(dlsEquals(stored, { match: { FlightDelay: true } }), true);
    assert.equal(dlsEquals('{"bool":{"a":1,"b":2}}', '{ "bool": { "b": 2, "a": 1 } }'), true);
    assert.equal(dlsEquals(stored, { match: { FlightDelay: false } }), false);
    assert.equal(canonicalDls('{not json'), '{not json');
  });

  test('undefined members are omitted; non-objects and bad JSON are rejected', () => {
    assert.equal(serializeDls({ match: { a: 1, b: undefined } }), '{"match":{"a":1}}');
    assert.throws(() => parseDls('{not json'), DlsParseError);
    assert.throws(() => parseDls('[1]'), /must be a JSON object/);
    assert.throws(() => parseDls('{"a": ${user.name'), /unterminated variable/);
    assert.throws(() => serializeDls({ n: Number.NaN }), RangeError);
    assert.throws(() => dlsVariable('a}b'), RangeError);
  });

  test('a "__proto__" member stays a member', () => {
    const q = parseDls('{"__proto__": {"x": 1}}');
    assert.deepEqual(Object.keys(q), ['__proto__']);
    assert.equal(Object.getPrototypeOf(q), Object.prototype);
    assert.equal(serializeDls(q), '{"__proto__":{"x":1}}');
  });
});

test('serializeDls and dlsEquals accept JSON values only: a bigint, Date, Map, function, class instance or array hole is a DlsParseError naming where; a cycle or deep nesting a RangeError', () => {
  const cases: Array<[unknown, RegExp]> = [
    [{ range: { n: { gte: 10n } } }, /range\.n\.gte is a bigint/],
    [{ range: { t: { gte: new Date(0) } } }, /range\.t\.gte is a Date/],
    [{ terms: { a: new Map() } }, /terms\.a is a Map/],
    [{ script: { source: () => 1 } }, /script\.source is a function/],
    // eslint-disable-next-line no-sparse-arrays
    [{ terms: { a: [1, , 3] } }, /terms\.a\[1\] is a hole/],
  ];
  for (const [query, message] of cases) {
    assert.throws(() => serializeDls(query as never), (e: unknown) => e instanceof DlsParseError && message.test(e.message), String(message));
    assert.throws(() => dlsEquals(query as never, { range: { n: { gte: {} } } } as never), DlsParseError);
  }
  const cyclic: Record<string, unknown> = { match: {} };
  (cyclic.match as Record<string, unknown>).self = cyclic;
  assert.throws(() => serializeDls(cyclic as never), RangeError);
  let deep: Record<string, unknown> = { leaf: 1 };
  for (let i = 0; i < 3000; i++) deep = { bool: deep };
  assert.throws(() => serializeDls(deep as never), RangeError);
});
