/** DLS evaluator: the supported query subset, three-valued logic, user variables. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  evaluateDls, evaluateDlsQueries, substituteUserVariables, fieldTypesFromMapping, standardTokens, parseDateMillis, minimumShouldMatch,
  valuesAt, type DlsResult, type FieldTypes,
} from '../../src/verify/dls/index.js';

const MAPPING = {
  flights: {
    mappings: {
      properties: {
        FlightNum: { type: 'keyword' }, Dest: { type: 'keyword' }, Origin: { type: 'keyword' }, Carrier: { type: 'keyword', ignore_above: 8 },
        FlightDelay: { type: 'boolean' }, FlightDelayMin: { type: 'integer' }, AvgTicketPrice: { type: 'float' }, timestamp: { type: 'date' },
        title: { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 256 } } },
        plot: { type: 'text', analyzer: 'english' },
        code: { type: 'keyword', normalizer: 'lower' },
        owner: { properties: { name: { type: 'keyword' }, dept: { type: 'keyword' } } },
        ip: { type: 'ip' },
        score: { type: 'double' },
      },
    },
  },
};
const TYPES: FieldTypes = fieldTypesFromMapping(MAPPING);

const DOC = {
  FlightNum: 'X1Y2', Dest: 'Zurich Airport', Origin: 'Venice Marco Polo', Carrier: 'JetBeats', FlightDelay: true, FlightDelayMin: 105,
  AvgTicketPrice: 682.66, timestamp: '2026-07-15T04:39:36.000Z', title: "The Silent River's Night", plot: 'running rivers',
  code: 'AbC', owner: { name: 'alice', dept: 'sales' }, tags: ['red', 'blue'], ip: '10.0.0.1', score: 0.1, nothing: null, longCarrier: 'x',
};

type Row = [name: string, query: unknown, want: DlsResult['result'], types?: FieldTypes];

const table: Row[] = [
  ['match_all', { match_all: {} }, 'match'],
  ['match_none', { match_none: {} }, 'no-match'],
  ['match boolean true (tutorial)', { match: { FlightDelay: true } }, 'match'],
  ['match boolean false', { match: { FlightDelay: false } }, 'no-match'],
  ['match boolean as string', { match: { FlightDelay: 'true' } }, 'match'],
  // a field the given mapping does not list is dynamic-mapped, stale or (dynamic: false) not indexed: unknown
  ['match boolean absent from the fieldTypes given', { match: { FlightDelay: true } }, 'unverifiable', {}],
  ['term keyword exact', { term: { Dest: 'Zurich Airport' } }, 'match'],
  ['term keyword is case sensitive', { term: { Dest: 'zurich airport' } }, 'no-match'],
  ['term keyword case_insensitive', { term: { Dest: { value: 'zurich AIRPORT', case_insensitive: true } } }, 'match'],
  ['term long form', { term: { Dest: { value: 'Zurich Airport', boost: 2 } } }, 'match'],
  ['term on text is not analyzed', { term: { title: 'Silent' } }, 'no-match'],
  ['term on text token', { term: { title: 'silent' } }, 'match'],
  ['term on text.keyword multi-field', { term: { 'title.keyword': "The Silent River's Night" } }, 'match'],
  ['term integer', { term: { FlightDelayMin: 105 } }, 'match'],
  ['term integer as string', { term: { FlightDelayMin: '105' } }, 'match'],
  ['term integer miss', { term: { FlightDelayMin: 106 } }, 'no-match'],
  ['term integer with decimal part', { term: { FlightDelayMin: 105.5 } }, 'unverifiable'],
  ['term float compares as float32', { term: { AvgTicketPrice: 682.66 } }, 'match'],
  ['term double exact', { term: { score: 0.1 } }, 'match'],
  ['term date exact', { term: { timestamp: '2026-07-15T04:39:36Z' } }, 'match'],
  ['term date is a range over the named day', { term: { timestamp: '2026-07-15' } }, 'match'],
  ['term date other day', { term: { timestamp: '2026-07-16' } }, 'no-match'],
  ['term nested object field', { term: { 'owner.dept': 'sales' } }, 'match'],
  ['term array element', { term: { tags: 'blue' } }, 'unverifiable'],
  ['term array element with a keyword mapping', { term: { tags: 'blue' } }, 'match', { ...TYPES, tags: 'keyword' }],
  ['term missing field', { term: { nope: 'x' } }, 'no-match'],
  ['term null value', { term: { nothing: 'x' } }, 'no-match'],
  ['term keyword with normalizer', { term: { code: 'abc' } }, 'unverifiable'],
  ['term keyword above ignore_above is not indexed', { term: { Carrier: 'JetBeats' } }, 'match'],
  ['term ip', { term: { ip: '10.0.0.1' } }, 'unverifiable'],
  ['term without mapping on a string', { term: { Dest: 'Zurich Airport' } }, 'unverifiable', {}],
  ['terms any', { terms: { Dest: ['Oslo', 'Zurich Airport'] } }, 'match'],
  ['terms none', { terms: { Dest: ['Oslo', 'Rome'] } }, 'no-match'],
  ['terms lookup', { terms: { Dest: { index: 'x', id: '1', path: 'p' } } }, 'unverifiable'],
  ['match keyword = term', { match: { Dest: 'Zurich Airport' } }, 'match'],
  ['match keyword partial', { match: { Dest: 'Zurich' } }, 'no-match'],
  ['match text: river is not river\'s', { match: { title: 'river dog' } }, 'no-match'],
  ['term keyword longer than ignore_above is not indexed', { term: { Carrier: 'JetBeats' } }, 'no-match', { ...TYPES, Carrier: { type: 'keyword', ignoreAbove: 4 } }],
  ['match text any token (tokens present)', { match: { title: 'night dog' } }, 'match'],
  ['match text operator and', { match: { title: { query: 'night dog', operator: 'and' } } }, 'no-match'],
  ['match text apostrophe token', { match: { title: "river's" } }, 'match'],
  ['match text minimum_should_match', { match: { title: { query: 'the silent cat', minimum_should_match: '2' } } }, 'match'],
  ['match text minimum_should_match not met', { match: { title: { query: 'the dog cat', minimum_should_match: 2 } } }, 'no-match'],
  ['match text with non-standard analyzer', { match: { plot: 'river' } }, 'unverifiable'],
  ['match text fuzziness', { match: { title: { query: 'nite', fuzziness: 'AUTO' } } }, 'unverifiable'],
  ['match integer', { match: { FlightDelayMin: 105 } }, 'match'],
  ['range integer gte', { range: { FlightDelayMin: { gte: 105 } } }, 'match'],
  ['range integer gt', { range: { FlightDelayMin: { gt: 105 } } }, 'no-match'],
  ['range integer decimal bound', { range: { FlightDelayMin: { gte: 104.5, lt: 105.5 } } }, 'match'],
  ['range float', { range: { AvgTicketPrice: { gt: 600, lte: 682.66 } } }, 'match'],
  ['range legacy from/to', { range: { FlightDelayMin: { from: 100, to: 105, include_upper: false } } }, 'no-match'],
  ['range date ISO', { range: { timestamp: { gte: '2026-07-01', lt: '2026-08-01' } } }, 'match'],
  ['range date lte rounds the day up', { range: { timestamp: { lte: '2026-07-15' } } }, 'match'],
  ['range date lt does not round up', { range: { timestamp: { lt: '2026-07-15' } } }, 'no-match'],
  ['range date gt rounds the day up', { range: { timestamp: { gt: '2026-07-15' } } }, 'no-match'],
  ['range date epoch millis', { range: { timestamp: { gte: 1784000000000 } } }, 'match'],
  ['range date math', { range: { timestamp: { gte: 'now-1d' } } }, 'unverifiable'],
  ['range date custom format', { range: { timestamp: { gte: '15/07/2026', format: 'dd/MM/yyyy' } } }, 'unverifiable'],
  ['range date time_zone', { range: { timestamp: { gte: '2026-07-15', time_zone: '+02:00' } } }, 'unverifiable'],
  ['range keyword', { range: { Dest: { gte: 'V', lt: 'Zz' } } }, 'match'],
  ['range keyword byte order', { range: { Dest: { gte: 'a' } } }, 'no-match'],
  ['exists', { exists: { field: 'Dest' } }, 'match'],
  ['exists missing', { exists: { field: 'nope' } }, 'no-match'],
  ['exists null', { exists: { field: 'nothing' } }, 'no-match'],
  ['exists object', { exists: { field: 'owner' } }, 'match'],
  ['exists wildcard field', { exists: { field: 'Fl*' } }, 'unverifiable'],
  ['ids match', { ids: { values: ['flight-0001', 'x'] } }, 'match'],
  ['ids miss', { ids: { values: ['x'] } }, 'no-match'],
  ['prefix keyword', { prefix: { Dest: 'Zur' } }, 'match'],
  ['prefix keyword case', { prefix: { Dest: 'zur' } }, 'no-match'],
  ['prefix case_insensitive', { prefix: { Dest: { value: 'zur', case_insensitive: true } } }, 'match'],
  ['prefix on text tokens', { prefix: { title: 'riv' } }, 'match'],
  ['prefix on number', { prefix: { FlightDelayMin: '1' } }, 'unverifiable'],
  ['wildcard keyword', { wildcard: { Dest: { value: 'Z*A?rport' } } }, 'match'],
  ['wildcard keyword miss', { wildcard: { Dest: 'z*' } }, 'no-match'],
  ['wildcard escaped star', { wildcard: { FlightNum: 'X1\\*' } }, 'no-match'],
  ['bool must', { bool: { must: [{ match: { FlightDelay: true } }, { term: { Dest: 'Zurich Airport' } }] } }, 'match'],
  ['bool must one fails', { bool: { must: [{ match: { FlightDelay: true } }, { term: { Dest: 'Oslo' } }] } }, 'no-match'],
  ['bool filter object form', { bool: { filter: { term: { Dest: 'Zurich Airport' } } } }, 'match'],
  ['bool must_not', { bool: { must_not: { term: { Dest: 'Zurich Airport' } } } }, 'no-match'],
  ['bool should only: one required', { bool: { should: [{ term: { Dest: 'Oslo' } }, { term: { Dest: 'Rome' } }] } }, 'no-match'],
  ['bool should only: one matches', { bool: { should: [{ term: { Dest: 'Oslo' } }, { term: { Origin: 'Venice Marco Polo' } }] } }, 'match'],
  ['bool must + should: should optional', { bool: { must: { match_all: {} }, should: { term: { Dest: 'Oslo' } } } }, 'match'],
  ['bool msm 2 of 3', { bool: { should: [{ term: { Dest: 'Zurich Airport' } }, { term: { Origin: 'Venice Marco Polo' } }, { term: { Carrier: 'x' } }], minimum_should_match: 2 } }, 'match'],
  ['bool msm 100%', { bool: { should: [{ term: { Dest: 'Zurich Airport' } }, { term: { Carrier: 'x' } }], minimum_should_match: '100%' } }, 'no-match'],
  ['bool msm -1', { bool: { should: [{ term: { Dest: 'Zurich Airport' } }, { term: { Carrier: 'x' } }], minimum_should_match: -1 } }, 'match'],
  ['bool msm with must', { bool: { must: { match_all: {} }, should: [{ term: { Dest: 'Oslo' } }], minimum_should_match: 1 } }, 'no-match'],
  ['bool msm combination spec', { bool: { should: [{ match_all: {} }], minimum_should_match: '3<90%' } }, 'unverifiable'],
  ['empty bool', { bool: {} }, 'match'],
  ['false AND unverifiable = no-match', { bool: { must: [{ term: { Dest: 'Oslo' } }, { query_string: { query: 'x' } }] } }, 'no-match'],
  ['true AND unverifiable = unverifiable', { bool: { must: [{ term: { Dest: 'Zurich Airport' } }, { query_string: { query: 'x' } }] } }, 'unverifiable'],
  // a clause whose body is never checked may make the node refuse the whole query (2.19: 400/500; 3.4: the role
  // shows nothing), so a matching sibling no longer decides (h188)
  ['true OR unverifiable = unverifiable', { bool: { should: [{ term: { Dest: 'Zurich Airport' } }, { fuzzy: { Dest: 'x' } }] } }, 'unverifiable'],
  ['false OR unverifiable = unverifiable', { bool: { should: [{ term: { Dest: 'Oslo' } }, { fuzzy: { Dest: 'x' } }] } }, 'unverifiable'],
  ['NOT unverifiable = unverifiable', { bool: { must_not: { script: { script: 'true' } } } }, 'unverifiable'],
  ['unsupported: query_string', { query_string: { query: 'Dest:Zurich' } }, 'unverifiable'],
  ['unsupported: nested', { nested: { path: 'owner', query: { match_all: {} } } }, 'unverifiable'],
  ['unsupported: terms_set', { terms_set: { Dest: { terms: ['a'] } } }, 'unverifiable'],
  ['unsupported: geo_distance', { geo_distance: { distance: '1km', loc: [0, 0] } }, 'unverifiable'],
  ['unknown parameter', { term: { Dest: { value: 'Zurich Airport', foo: 1 } } }, 'unverifiable'],
  ['two query types in one object', { term: { Dest: 'x' }, match_all: {} }, 'unverifiable'],
];

describe('evaluateDls', () => {
  for (const [name, query, want, types] of table) {
    test(`${name}`, () => {
      const r = evaluateDls(JSON.stringify(query), DOC, { fieldTypes: types ?? TYPES, id: 'flight-0001' });
      assert.equal(r.result, want, `${JSON.stringify(query)}: ${r.reason ?? ''}`);
      if (want === 'unverifiable') assert.ok(r.reason, 'an unverifiable result carries a reason');
    });
  }
  test('ids without a known _id is unverifiable', () => {
    assert.equal(evaluateDls('{"ids":{"values":["a"]}}', DOC).result, 'unverifiable');
  });
  test('invalid JSON, duplicate keys (the server rejects them) and text or a comment after the query (the server never reads it) are unverifiable', () => {
    for (const q of ['{"match": ', '{"term":{"Dest":"a","Dest":"b"}}', '{"match_all":{}} x', '{"match_all":{}} // c']) {
      assert.equal(evaluateDls(q, DOC).result, 'unverifiable', q);
    }
  });
  test('fields hidden or masked in a returned document make their clauses unverifiable', () => {
    const masked = (p: string): boolean => p === 'Dest';
    assert.equal(evaluateDls('{"term":{"Dest":"Zurich Airport"}}', DOC, { fieldTypes: TYPES, unknownField: masked }).result, 'unverifiable');
    assert.equal(evaluateDls('{"term":{"Origin":"Venice Marco Polo"}}', DOC, { fieldTypes: TYPES, unknownField: masked }).result, 'match');
    assert.equal(evaluateDls('{"exists":{"field":"Dest"}}', DOC, { fieldTypes: TYPES, unknownField: masked }).result, 'unverifiable');
  });
  test('number keyword values depending on source text are unverifiable', () => {
    assert.equal(evaluateDls('{"term":{"k":"1.5"}}', { k: 1.5 }, { fieldTypes: { k: 'keyword' } }).result, 'unverifiable');
    // the node compares the number's source text (15, 15.0, 1.5e1), which parsing lost
    assert.equal(evaluateDls('{"term":{"k":"15"}}', { k: 15 }, { fieldTypes: { k: 'keyword' } }).result, 'unverifiable');
  });
  test('unknown numeric type: float/double ambiguity is unverifiable', () => {
    // without fieldTypes the type is unknown (helper 222: float, double, long or source text): both unverifiable, asking for fieldTypes
    for (const q of ['{"term":{"n":0.1}}', '{"term":{"n":0.10000000000000002}}']) {
      const r = evaluateDls(q, { n: 0.1 });
      assert.equal(r.result, 'unverifiable', q);
      assert.match(r.reason ?? '', /fieldTypes/, q);
    }
    // typed: a float rounds both to the same float, a double tells them apart
    assert.equal(evaluateDls('{"term":{"n":0.1}}', { n: 0.1 }, { fieldTypes: { n: 'float' } }).result, 'match');
    assert.equal(evaluateDls('{"term":{"n":0.10000000000000002}}', { n: 0.1 }, { fieldTypes: { n: 'float' } }).result, 'match');
    assert.equal(evaluateDls('{"term":{"n":0.1}}', { n: 0.1 }, { fieldTypes: { n: 'double' } }).result, 'match');
    assert.equal(evaluateDls('{"term":{"n":0.10000000000000002}}', { n: 0.1 }, { fieldTypes: { n: 'double' } }).result, 'no-match');
  });
});

describe('several roles are OR-ed', () => {
  test('evaluateDlsQueries', () => {
    const yes = '{"term":{"Dest":"Zurich Airport"}}';
    const no = '{"term":{"Dest":"Oslo"}}';
    const unk = '{"query_string":{"query":"x"}}';
    assert.equal(evaluateDlsQueries([no, yes], DOC, { fieldTypes: TYPES }).result, 'match');
    assert.equal(evaluateDlsQueries([no, no], DOC, { fieldTypes: TYPES }).result, 'no-match');
    assert.equal(evaluateDlsQueries([no, unk], DOC, { fieldTypes: TYPES }).result, 'unverifiable');
    // the node ORs the roles' queries: one it may refuse makes another role's match undecided (h188)
    assert.equal(evaluateDlsQueries([unk, yes], DOC, { fieldTypes: TYPES }).result, 'unverifiable');
    assert.equal(evaluateDlsQueries([], DOC).result, 'match');
  });
});

describe('user variables', () => {
  const user = { name: 'alice', roles: ['sales', 'emea'], securityRoles: ['new-role'], attributes: { 'attr.internal.dept': 'sales', 'attr.jwt.region': 'eu' } };
  test('substitution forms', () => {
    assert.equal(substituteUserVariables('${user.name}|${user_name}', user).text, 'alice|alice');
    assert.equal(substituteUserVariables('[${user.roles}]', user).text, '["sales","emea"]');
    assert.equal(substituteUserVariables('[${user.securityRoles}]', user).text, '["new-role"]');
    assert.equal(substituteUserVariables('${attr.internal.dept}/${attr_internal_dept}/${attr.jwt.region}', user).text, 'sales/sales/eu');
    assert.equal(substituteUserVariables('${attr.internal.missing:-none}', user).text, 'none');
    assert.equal(substituteUserVariables('${attr.internal.dept:-none}', user).text, 'sales');
    assert.equal(substituteUserVariables('$${user.name}', user).text, '${user.name}');
    assert.deepEqual(substituteUserVariables('${attr.internal.missing}', user).unresolved, ['attr.internal.missing']);
  });
  test('evaluation with variables', () => {
    const doc = { owner: { name: 'alice', dept: 'sales' }, region: 'eu' };
    const types = { 'owner.name': 'keyword', 'owner.dept': 'keyword', region: 'keyword' };
    assert.equal(evaluateDls('{"term":{"owner.name":"${user.name}"}}', doc, { user, fieldTypes: types }).result, 'match');
    assert.equal(evaluateDls('{"terms":{"owner.dept":[${user.roles}]}}', doc, { user, fieldTypes: types }).result, 'match');
    assert.equal(evaluateDls('{"term":{"region":"${attr.jwt.region}"}}', doc, { user, fieldTypes: types }).result, 'match');
    assert.equal(evaluateDls('{"term":{"owner.name":"${user.name}"}}', doc, { user: { name: 'bob' }, fieldTypes: types }).result, 'no-match');
    assert.equal(evaluateDls('{"term":{"owner.dept":"${attr.internal.nope}"}}', doc, { user, fieldTypes: types }).result, 'unverifiable');
    assert.equal(evaluateDls('{"term":{"owner.name":"${user.name}"}}', doc, { user: { name: 'x"y' }, fieldTypes: types }).result, 'unverifiable', 'raw insertion breaks the JSON');
  });
  test('substitution is the version\'s: exact references up to 3.6, defaults and escapes from 3.7; 3.x fails on any ${ left', () => {
    const doc = { owner: { dept: 'sales' } };
    const types = { 'owner.dept': 'keyword' };
    const at = (dls: string, pluginVersion?: string): string => evaluateDls(dls, doc, { user, fieldTypes: types, ...(pluginVersion ? { pluginVersion } : {}) }).result;
    const withDefault = '{"term":{"owner.dept":"${attr.internal.nope:-sales}"}}';
    assert.equal(at(withDefault, '3.7.0'), 'match');
    assert.equal(at(withDefault, '3.4.0'), 'unverifiable', '3.4 keeps it literally, then fails every search on the ${ left');
    assert.equal(at(withDefault, '2.19.4'), 'no-match', '2.x compares the literal text');
    assert.equal(at(withDefault), 'unverifiable', 'version unknown');
    const defined = '{"term":{"owner.dept":"${attr.internal.dept:-x}"}}';
    assert.equal(at(defined, '3.7.0'), 'match');
    assert.equal(substituteUserVariables('${attr.internal.dept:-x}', user, { pluginVersion: '2.19' }).text, '${attr.internal.dept:-x}');
    assert.equal(substituteUserVariables('${attr.internal.dept:-x}', user, { pluginVersion: '3.4.0' }).text, '${attr.internal.dept:-x}');
    const undefinedAttr = '{"term":{"owner.dept":"${attr.internal.nope}"}}';
    assert.equal(at(undefinedAttr, '2.19.4'), 'no-match');
    assert.equal(at(undefinedAttr, '3.0.0'), 'unverifiable');
    assert.equal(at(undefinedAttr, '3.4.0'), 'unverifiable');
    // `$${x}`: an escape for 3.7+ (literal `${x}`, which 3.x then fails on); earlier versions replace the `${x}` in it
    assert.equal(substituteUserVariables('$${user.name}', user, { pluginVersion: '2.19.4' }).text, '$alice');
    assert.equal(substituteUserVariables('$${user.name}', user, { pluginVersion: '3.4.0' }).text, '$alice');
    assert.equal(substituteUserVariables('$${user.name}', user, { pluginVersion: '3.7.0' }).text, '${user.name}');
    const escaped = '{"term":{"owner.dept":"$${attr.internal.dept}"}}';
    assert.equal(at(escaped, '3.4.0'), 'no-match', '"$sales"');
    assert.equal(at(escaped, '3.7.0'), 'unverifiable');
    assert.equal(at(escaped), 'unverifiable', 'version unknown');
    // a `${` no variable closes, anywhere (in a string, after the query): literal for 2.x, every search fails on 3.x
    const reason = (dls: string, pluginVersion: string): string => evaluateDls(dls, doc, { user, fieldTypes: types, pluginVersion }).reason ?? '';
    assert.equal(at('{"term":{"owner.dept":"${"}}', '2.19.4'), 'no-match');
    assert.match(reason('{"term":{"owner.dept":"sales"}} ${attr.internal.nope}', '2.19.4'), /ignores the text after it/);
    for (const left of ['{"term":{"owner.dept":"${"}}', '{"term":{"owner.dept":"sales"}} ${attr.internal.nope}']) {
      assert.match(reason(left, '3.4.0'), /3\.x fails every search under the role$/, left);
    }
  });

  test('a user value holding $, { or }: the plugin\'s result depends on its replacement order, so nothing is judged', () => {
    const types = { 'owner.dept': 'keyword' };
    for (const value of ['${user.name}', 'a}b', '{x', '$']) {
      const u = { name: 'alice', attributes: { 'attr.internal.v': value } };
      const sub = substituteUserVariables('{"term":{"owner.dept":"${attr.internal.v}"}}', u, { pluginVersion: '2.19.4' });
      assert.equal(sub.uncertain, true, value);
      for (const v of ['2.19.4', '3.4.0']) assert.equal(evaluateDls('{"term":{"owner.dept":"${attr.internal.v}"}}', { owner: { dept: value } }, { user: u, fieldTypes: types, pluginVersion: v }).result, 'unverifiable', `${value} on ${v}`);
    }
    assert.equal(substituteUserVariables('${attr.${user.name}}', user, { pluginVersion: '2.19.4' }).uncertain, true, 'a nested reference');
    assert.equal(substituteUserVariables('${user.name}', user, { pluginVersion: '2.19.4' }).uncertain, false);
  });

  test('two attributes giving one `_` name referenced through a 3.7+ default (`${attr_internal_a_b:-zz}`): uncertain too (RR6 L7)', () => {
    const u = { name: 'alice', attributes: { 'attr.internal.a.b': 'one', 'attr.internal.a_b': 'two' } };
    assert.equal(substituteUserVariables('${attr_internal_a_b:-zz}', u, { pluginVersion: '3.7.0' }).uncertain, true);
    assert.equal(substituteUserVariables('${attr_internal_a_b}', u, { pluginVersion: '3.7.0' }).uncertain, true);
    assert.equal(substituteUserVariables('${attr.internal.c:-zz}', u, { pluginVersion: '3.7.0' }).uncertain, false, 'an unrelated default');
  });
});

describe('helpers', () => {
  test('fieldTypesFromMapping flattens objects and multi-fields', () => {
    assert.deepEqual(TYPES['title.keyword'], { type: 'keyword', ignoreAbove: 256, sourceField: 'title' });
    assert.deepEqual(TYPES['owner.dept'], { type: 'keyword' });
    assert.deepEqual(fieldTypesFromMapping({ properties: { a: { type: 'long' } } }), { a: { type: 'long' } });
  });
  test('standardTokens (ASCII UAX#29 subset)', () => {
    assert.deepEqual(standardTokens("The Silent River's Night"), ['the', 'silent', "river's", 'night']);
    assert.deepEqual(standardTokens('e.g. 3.14 1,000 foo_bar a-b x:y'), ['e.g', '3.14', '1,000', 'foo_bar', 'a', 'b', 'x:y']);
    assert.deepEqual(standardTokens('abc123 --- __'), ['abc123']);
    assert.equal(standardTokens('Zürich'), undefined);
  });
  test('parseDateMillis', () => {
    assert.equal(parseDateMillis('2026-07-15T04:39:36.000Z'), Date.UTC(2026, 6, 15, 4, 39, 36));
    assert.equal(parseDateMillis('2026-07-15'), Date.UTC(2026, 6, 15));
    assert.equal(parseDateMillis('2026-07-15', true), Date.UTC(2026, 6, 15, 23, 59, 59, 999));
    // observed on 2.19.4 and 3.4.0: a month rounds up to its first day's last millisecond, not the month's
    assert.equal(parseDateMillis('2026-02', true), Date.UTC(2026, 1, 1, 23, 59, 59, 999));
    assert.equal(parseDateMillis('2026-07-15T06:39:36+02:00'), Date.UTC(2026, 6, 15, 4, 39, 36));
    assert.equal(parseDateMillis('1700000000000'), 1700000000000);
    assert.equal(parseDateMillis('2026-13-01'), undefined);
    assert.equal(parseDateMillis('15/07/2026'), undefined);
  });
  test('minimumShouldMatch like OpenSearch', () => {
    assert.equal(minimumShouldMatch(3, '2' as never), 2);
    assert.equal(minimumShouldMatch(3, '-1' as never), 2);
    assert.equal(minimumShouldMatch(3, '75%' as never), 2);
    assert.equal(minimumShouldMatch(3, '-25%' as never), 3);
    assert.equal(minimumShouldMatch(3, '5' as never), 5);
    assert.equal(minimumShouldMatch(3, '-5' as never), 0);
  });
  test('valuesAt', () => {
    assert.deepEqual(valuesAt({ a: [{ b: 1 }, { b: [2, 3] }], 'c.d': 4, c: { d: 5 } }, 'a.b'), [1, 2, 3]);
    assert.deepEqual(valuesAt({ 'c.d': 4, c: { d: 5 } }, 'c.d').sort(), [4, 5]);
  });
});

describe('wildcard queries run in linear time and agree with a backtracking reference', () => {
  /** The reference: the glob as one anchored regular expression (exponential on hostile input, fine on short strings). */
  function reference(pattern: string, text: string, ci: boolean): boolean {
    let src = '';
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i] as string;
      if (c === '\\' && i + 1 < pattern.length) src += (pattern[++i] as string).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      else if (c === '*') src += '[\\s\\S]*';
      else if (c === '?') src += '[\\s\\S]';
      else src += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
    return new RegExp(`^${src}$`, ci ? 'iu' : 'u').test(text);
  }
  const types = fieldTypesFromMapping({ m: { mappings: { properties: { f: { type: 'keyword' } } } } });

  test('property: random patterns over a small alphabet (stars, ?, escapes, astral characters, case) match as the reference', async () => {
    const fc = (await import('fast-check')).default;
    const chars = ['a', 'b', 'A', '*', '?', '\\', '😀', '.'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 9 }), fc.array(fc.constantFrom('a', 'b', 'A', '😀', '.', '*'), { maxLength: 12 }), fc.boolean(), (p, t, ci) => {
        const pattern = p.join('');
        const text = t.join('');
        const r = evaluateDls(JSON.stringify({ wildcard: { f: { value: pattern, ...(ci ? { case_insensitive: true } : {}) } } }), { f: text }, { fieldTypes: types });
        if (r.result === 'unverifiable') return true;
        assert.equal(r.result === 'match', reference(pattern, text, ci), `${JSON.stringify(pattern)} on ${JSON.stringify(text)} ci=${ci}`);
        return true;
      }),
      { numRuns: 2000 },
    );
  });

  // The timeout guards against a hang (the backtracking form ran for minutes here); it measures nothing.
  test('hostile: many stars against a long value are decided (the backtracking form took minutes)', { timeout: 120_000 }, () => {
    const cases: Array<[string, string, 'match' | 'no-match']> = [
      ['*a*a*a*b', 'a'.repeat(5000), 'no-match'],
      ['*/a*/b*/c*.log', '/a/b/c'.repeat(2000), 'no-match'],
      ['*/a*/b*/c*.log', `${'/a/b/c'.repeat(2000)}.log`, 'match'],
    ];
    for (const [pattern, value, expected] of cases) {
      const r = evaluateDls(JSON.stringify({ wildcard: { f: { value: pattern } } }), { f: value }, { fieldTypes: types });
      assert.equal(r.result, expected, pattern);
    }
  });
});

describe('a field absent from _source that may be a multi-field', () => {
  const doc = { title: 'Night', nested: { name: 'Ann' } };

  test('without a mapping: `title.keyword` is unverifiable (it may be indexed from title), not "no value"', () => {
    for (const q of [{ term: { 'title.keyword': 'Night' } }, { term: { 'title.keyword': 'Day' } }, { exists: { field: 'nested.name.raw' } }]) {
      const r = evaluateDls(q, doc, {});
      assert.equal(r.result, 'unverifiable', JSON.stringify(q));
      assert.match(r.reason ?? '', /which may be a multi-field of (title|nested\.name)/);
    }
  });

  test('with a mapping: the multi-field is evaluated; a mapping that knows the parent without the subfield says there is none', () => {
    const mapped = fieldTypesFromMapping({ properties: { title: { type: 'text', fields: { keyword: { type: 'keyword' } } } } });
    assert.equal(evaluateDls({ term: { 'title.keyword': 'Night' } }, doc, { fieldTypes: mapped }).result, 'match');
    assert.equal(evaluateDls({ term: { 'title.keyword': 'Day' } }, doc, { fieldTypes: mapped }).result, 'no-match');
    const parentOnly = fieldTypesFromMapping({ properties: { title: { type: 'text' } } });
    assert.equal(evaluateDls({ term: { 'title.keyword': 'Night' } }, doc, { fieldTypes: parentOnly }).result, 'no-match');
  });

  test('a field with no value and no parent holding one is still "no value" (no-match), mapping or not', () => {
    assert.equal(evaluateDls({ term: { zz: 'x' } }, doc, {}).result, 'no-match');
    assert.equal(evaluateDls({ term: { 'zz.keyword': 'x' } }, doc, {}).result, 'no-match');
    assert.equal(evaluateDls({ term: { 'nested.keyword': 'x' } }, doc, {}).result, 'no-match');
  });
});

describe('exists on leaf types whose _source value is an object, and on dates with a custom format (regression review V)', () => {
  const types = fieldTypesFromMapping({ m: { mappings: { properties: {
    location: { type: 'geo_point' }, r: { type: 'integer_range' }, when: { type: 'date', format: 'yyyy-MM-dd HH:mm:ss' },
    loose: { type: 'geo_point', ignore_malformed: true }, o: { properties: { x: { type: 'long' } } },
  } } } });
  const exists = (field: string, doc: unknown): string => evaluateDls(JSON.stringify({ exists: { field } }), doc, { fieldTypes: types }).result;
  test('a stored geo_point or range object is a value; under ignore_malformed it cannot be told', () => {
    assert.equal(exists('location', { location: { lat: 1, lon: 2 } }), 'match');
    assert.equal(exists('r', { r: { gte: 1, lte: 3 } }), 'match');
    assert.equal(exists('loose', { loose: { lat: 1, lon: 2 } }), 'unverifiable');
    assert.equal(exists('o', { o: { x: 1 } }), 'match', 'an object field still looks at its leaves');
  });
  test('a date with a custom format and no ignore_malformed was parsed when stored', () => {
    assert.equal(exists('when', { when: '2026-12-02 10:00:00' }), 'match');
    assert.equal(exists('when', {}), 'no-match');
  });
});
