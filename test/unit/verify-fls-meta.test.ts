/**
 * FLS and the metadata fields of a hit. What the live nodes returned (2026-12-03; test/integration/fls-meta-fields.test.ts
 * asks both again on every run): on 2.19.4 an exclusion matching `_source` or `_id` leaves it out of search hits
 * (`_source` also out of GET and mget; GET and mget keep `_id`), compared by exact name when no pattern holds `.` or
 * `*`, else as a wildcard; any FLS drops `_routing` and `_ignored`. 3.4.0 keeps every metadata field.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFls, flsHiddenMetaFields, type CompiledFls, type FlsRules } from '../../src/verify/index.js';
import { verifyHits } from '../../src/verify/verifier.js';
import { ConfigError } from '../../src/errors/classes.js';

const hidden2 = (rules: FlsRules | CompiledFls, opts: { dfmEmptyOverridesAll?: boolean } = {}): string[] => flsHiddenMetaFields(rules, { ...opts, pluginVersion: '2.19.4' }).hidden;
const STRINGS = ['_routing', '_ignored'];

test('2.x: an exclusion matching _source or _id hides it; the stored string fields go under any FLS', () => {
  const cases: Array<[FlsRules, string[]]> = [
    [['~user_id'], []],
    [['~_source'], ['_source']],
    [['~*e'], ['_source']],
    [['~_id'], ['_id']],
    [['~*d'], ['_id']],
    [['~*id'], ['_id']],
    [['~_*'], ['_id', '_source']],
    [['~*_*'], ['_id', '_source']],
    [['~*'], ['_id', '_source']],
    [['name', '~_source'], ['_source']], // mixed: only the exclusions apply
    // no pattern with `.` or `*`: names compared exactly, so `?` and /regex/ hide nothing
    [['~_i?'], []],
    [['~/_id/'], []],
    [['~?id'], []],
    [['~_sourc?'], []],
    // another pattern with `.` or `*`: every exclusion is a WildcardMatcher pattern
    [['~_i?', '~a.b'], ['_id']],
    [['~_sourc?', '~x*'], ['_source']],
    [['~/_i.*/'], ['_id']],
    [['~_source.x'], []],
    // not read from stored fields: no exclusion hides them
    [['~_index', '~_version', '~_seq_no', '~_primary_term', '~_ignored', '~_routing'], []],
    // inclusions: the plugin adds the metadata names to them
    [['name'], []],
    [['*e'], []],
    [['a*'], []],
    [['_*'], []],
    [['*'], []],
    [['name', '_id'], []],
  ];
  for (const [rules, meta] of cases) assert.deepEqual(hidden2(rules), [...meta, ...STRINGS], JSON.stringify(rules));
  assert.deepEqual(hidden2([]), []);
});

test('2.x: several roles merged as the plugin merges them', () => {
  assert.deepEqual(hidden2([['~*id'], ['name']]), ['_id', ...STRINGS]);
  assert.deepEqual(hidden2([['~*id'], []]), ['_id', ...STRINGS]);
  assert.deepEqual(hidden2([['~*id'], []], { dfmEmptyOverridesAll: true }), []);
  assert.deepEqual(hidden2(compileFls([['~*e'], ['~a']])), ['_source', ...STRINGS]);
});

test('1.x (from the plugin source): the same exclusions hide _id and _source; _routing and _ignored only when excluded', () => {
  const hidden1 = (rules: FlsRules): string[] => flsHiddenMetaFields(rules, { pluginVersion: '1.3.20' }).hidden;
  assert.deepEqual(hidden1(['~a']), []);
  assert.deepEqual(hidden1(['~*id']), ['_id']);
  assert.deepEqual(hidden1(['~_*']), ['_id', '_source', '_routing', '_ignored']);
  assert.deepEqual(hidden1(['~_routing']), ['_routing']);
  assert.deepEqual(hidden1(['name']), []);
});

test('3.x keeps every metadata field; without a version the 2.x ones are version-dependent, not guessed', () => {
  for (const rules of [['~*'], ['~*e'], ['~*id'], ['name']]) {
    assert.deepEqual(flsHiddenMetaFields(rules, { pluginVersion: '3.4.0' }), { hidden: [], versionDependent: [], masked: [] });
  }
  assert.deepEqual(flsHiddenMetaFields(['~*id']), { hidden: [], versionDependent: ['_id', ...STRINGS], masked: [] });
  assert.deepEqual(flsHiddenMetaFields(['~a']), { hidden: [], versionDependent: STRINGS, masked: [] });
  assert.deepEqual(flsHiddenMetaFields([]), { hidden: [], versionDependent: [], masked: [] });
  assert.throws(() => flsHiddenMetaFields(['~a'], { pluginVersion: 'soon' }), ConfigError);
  assert.throws(() => flsHiddenMetaFields({ mode: 'exclude', patterns: ['~a'], isVisible: () => true }, { pluginVersion: '2.19.4' }), ConfigError);
});

const DOC = { a: 'A', name: 'N', user_id: 'u1' };
const expect = (fls: string[], pluginVersion?: string) => ({
  indices: [{ indexPatterns: ['i'], rules: [{ fls }] }],
  originals: new Map([['i/1', DOC]]),
  ...(pluginVersion !== undefined ? { pluginVersion } : {}),
});
const kinds = (r: ReturnType<typeof verifyHits>): string[] => [...r.findings.map((f) => `${f.kind} ${f.path}`), ...r.unverifiable.map((u) => `unverifiable ${u.aspect} ${u.path}`)];

test('verifyHits on 2.x: a search hit without _source / _id where the rules hide it passes; one carrying it is an FLS leak', () => {
  // `~*e` hides name and _source: the node answers {_index, _id}
  assert.equal(verifyHits({ hits: { hits: [{ _index: 'i', _id: '1' }] } }, expect(['~*e'], '2.19.4')).status, 'pass');
  const withSource = verifyHits({ hits: { hits: [{ _index: 'i', _id: '1', _source: { a: 'A', user_id: 'u1' } }] } }, expect(['~*e'], '2.19.4'));
  assert.deepEqual(kinds(withSource), ['fls-leak _source']);
  assert.match(withSource.findings[0]?.detail ?? '', /metadata field FLS \(~\*e\) matches: the 2\.x plugin leaves _source out/);
  // `~*id` hides user_id and _id: the node answers {_index, _source} for a search, {_index, _id, found, _source} for a GET
  const source = { a: 'A', name: 'N' };
  assert.equal(verifyHits({ hits: { hits: [{ _index: 'i', _source: source }] } }, expect(['~*id'], '2.19.4')).status, 'pass');
  assert.deepEqual(kinds(verifyHits({ hits: { hits: [{ _index: 'i', _id: '1', _source: source }] } }, expect(['~*id'], '2.19.4'))), ['fls-leak _id']);
  assert.equal(verifyHits({ hits: { hits: [{ _index: 'i', _id: '1', found: true, _source: source }] } }, expect(['~*id'], '2.19.4')).status, 'pass');
  // a rule that matches no metadata field: nothing changes
  assert.equal(verifyHits({ hits: { hits: [{ _index: 'i', _id: '1', _source: { a: 'A', name: 'N' } }] } }, expect(['~user_id'], '2.19.4')).status, 'pass');
});

test('verifyHits on 3.x: hits keep _id and _source under the same rules', () => {
  assert.equal(verifyHits({ hits: { hits: [{ _index: 'i', _id: '1', _source: { a: 'A', user_id: 'u1' } }] } }, expect(['~*e'], '3.4.0')).status, 'pass');
  assert.equal(verifyHits({ hits: { hits: [{ _index: 'i', _id: '1', _source: { a: 'A', name: 'N' } }] } }, expect(['~*id'], '3.4.0')).status, 'pass');
});

test('verifyHits without a plugin version: a hit carrying a field 2.x would hide is unverifiable, never a pass or a leak', () => {
  const r = verifyHits({ hits: { hits: [{ _index: 'i', _id: '1', _source: { a: 'A', user_id: 'u1' } }] } }, expect(['~*e']));
  assert.equal(r.status, 'unverifiable');
  assert.deepEqual(kinds(r), ['unverifiable fls _source']);
  assert.match(r.unverifiable[0]?.reason ?? '', /1\.x\/2\.x plugins leave it out .*3\.x returns it; give pluginVersion/);
  assert.equal(verifyHits({ hits: { hits: [{ _index: 'i', _id: '1' }] } }, expect(['~*e'])).status, 'pass');
  // a hidden field in the _source is still a leak, whatever the version
  assert.deepEqual(kinds(verifyHits({ hits: { hits: [{ _index: 'i', _source: { name: 'N' } }] } }, expect(['~*e']))), ['fls-leak name', 'unverifiable fls _source']);
});

test('verifyHits on 2.x: a hit carrying _routing or _ignored under any FLS is an FLS leak (once, also with masked_fields); 3.x and no version: not judged', () => {
  const hit = { _index: 'i', _id: '1', _routing: 'r1', _ignored: ['n'], _source: { a: 'A', name: 'N' } };
  const leak = verifyHits({ hits: { hits: [hit] } }, expect(['~user_id'], '2.19.4'));
  assert.deepEqual(kinds(leak), ['fls-leak _routing', 'fls-leak _ignored']);
  assert.match(leak.findings[0]?.detail ?? '', /under these FLS rules \(~user_id\) the 1\.x\/2\.x plugin leaves _routing out of hits/);
  // the node's own answer under these rules has neither
  assert.equal(verifyHits({ hits: { hits: [{ _index: 'i', _id: '1', _source: { a: 'A', name: 'N' } }] } }, expect(['~user_id'], '2.19.4')).status, 'pass');
  // FLS and masked_fields together: one finding per field
  const both = verifyHits({ hits: { hits: [hit] } }, {
    indices: [{ indexPatterns: ['i'], rules: [{ fls: ['~user_id'], maskedFields: ['name'] }] }],
    originals: new Map([['i/1', DOC]]),
    pluginVersion: '2.19.4',
    salt: 'a-sixteen-byte-salt',
  });
  assert.deepEqual(kinds(both).filter((k) => k.includes('_routing') || k.includes('_ignored')), ['fls-leak _routing', 'fls-leak _ignored']);
  assert.equal(verifyHits({ hits: { hits: [hit] } }, expect(['~user_id'], '3.4.0')).status, 'pass');
  assert.equal(verifyHits({ hits: { hits: [hit] } }, expect(['~user_id'])).status, 'pass');
});
