/**
 * The user (DLS variables `${user.name}`, role lists, attributes) and the other nested options of the
 * verify and explain entry points: a cyclic or deeply nested object, a Map or class instance, a value
 * of the wrong type or a getter that throws is a typed error naming its path (ConfigError; TypeError
 * for explainPermission, mappedRoles and explainSecurityException, whose contract that is), never a
 * RangeError or TypeError from inside, and never carries what a getter threw.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../../src/errors/classes.js';
import {
  assertAccess, evaluateDls, expectationsFromRoles, fieldTypesFromMapping, serverDlsVerdicts, verifyHits, verifyHitsWithServer, type AccessExpectations,
} from '../../src/verify/index.js';
import { checkPermission, explainPermission, explainSecurityException, mappedRoles } from '../../src/explain/index.js';

const SECRET = 'Getter-Secret-9c1e!';
const DLS = '{"term":{"owner":"${user.name}"}}';
const response = { hits: { hits: [{ _index: 'docs', _id: '1', _source: { owner: 'alice' } }] } };
const reader = { transport: { request: async () => ({ body: { hits: { hits: [{ _id: '1' }] } } }) } };

/** Hostile users, each with the path (below the user) a typed error must name. */
function hostileUsers(): Array<[string, unknown, string]> {
  const cyclic: Record<string, unknown> = { name: 'alice' };
  cyclic.self = cyclic;
  const cyclicAttributes: Record<string, unknown> = {};
  cyclicAttributes.loop = cyclicAttributes;
  const cyclicRoles: unknown[] = ['a'];
  cyclicRoles.push(cyclicRoles);
  const deep: Record<string, unknown> = { name: 'alice' };
  let at = deep;
  for (let i = 0; i < 20_000; i++) at = (at.x = {}) as Record<string, unknown>;
  const deepAttribute: Record<string, unknown> = {};
  at = deepAttribute;
  for (let i = 0; i < 20_000; i++) at = (at.x = {}) as Record<string, unknown>;
  class Person { name = 'alice'; }
  return [
    ['a cycle through an unknown key', cyclic, '.self'],
    ['a cycle in attributes', { name: 'alice', attributes: cyclicAttributes }, '.attributes.loop'],
    ['a cycle in a role list', { name: 'alice', roles: cyclicRoles }, '.roles[1]'],
    ['20 000 levels', deep, '.x'],
    ['an attribute 20 000 levels deep', { attributes: deepAttribute }, '.attributes.x'],
    ['a Map', new Map([['name', 'alice']]), ''],
    ['a class instance', new Person(), ''],
    ['a string', 'alice', ''],
    ['roles as a number', { name: 'alice', roles: 42 }, '.roles'],
    ['a number as an attribute', { attributes: { 'attr.internal.n': 5 } }, '.attributes["attr.internal.n"]'],
    ['a throwing getter', { get name(): string { throw new Error(SECRET); } }, '.name'],
    ['a throwing getter in attributes', { attributes: { get a(): string { throw new Error(SECRET); } } }, '.attributes.a'],
    ['a Proxy whose ownKeys throws', new Proxy({}, { ownKeys() { throw new Error(SECRET); } }), ''],
    ['a role list claiming 2^32 - 1 entries', { roles: new Proxy([], { get: (t, k) => (k === 'length' ? 2 ** 32 - 1 : Reflect.get(t, k)) }) }, '.roles'],
  ];
}

const expectations = (user: unknown): AccessExpectations => ({ indices: [{ indexPatterns: ['docs'], rules: [{ dls: DLS }] }], user } as AccessExpectations);

function isConfigErrorAt(path: string): (e: unknown) => boolean {
  return (e) => e instanceof ConfigError && e.option === path && !e.message.includes(SECRET);
}

describe('a hostile DLS user is a ConfigError naming its path', () => {
  for (const [what, user, below] of hostileUsers()) {
    test(what, async () => {
      const exp = expectations(user);
      assert.throws(() => verifyHits(response, exp), isConfigErrorAt(`expectations.user${below}`), 'verifyHits');
      assert.throws(() => assertAccess(response, exp), isConfigErrorAt(`expectations.user${below}`), 'assertAccess');
      assert.throws(() => evaluateDls(DLS, { owner: 'alice' }, { user } as never), isConfigErrorAt(`options.user${below}`), 'evaluateDls');
      assert.throws(() => expectationsFromRoles([{ index_permissions: [{ index_patterns: ['docs'], dls: DLS }] }], 'docs', user as never), isConfigErrorAt(`user${below}`), 'expectationsFromRoles');
      await assert.rejects(verifyHitsWithServer(response, exp, { reader }), isConfigErrorAt(`expectations.user${below}`), 'verifyHitsWithServer');
      await assert.rejects(serverDlsVerdicts(response, exp, { reader }), isConfigErrorAt(`expectations.user${below}`), 'serverDlsVerdicts');
    });
  }

  test('a well-formed user still substitutes (null prototype, attributes, roles)', () => {
    const user = Object.assign(Object.create(null) as object, { name: 'alice', roles: ['r1'], attributes: { 'attr.internal.team': 'blue' } });
    assert.equal(verifyHits(response, expectations(user)).ok, true);
    assert.equal(evaluateDls(DLS, { owner: 'alice' }, { user, fieldTypes: { owner: 'keyword' } }).result, 'match');
    assert.equal(evaluateDls('{"terms":{"team":["${attr.internal.team}"]}}', { team: 'blue' }, { user, fieldTypes: { team: 'keyword' } }).result, 'match');
    // an attribute (or a field type) named __proto__ stays one
    const odd = { attributes: JSON.parse('{"__proto__":"blue"}') as Record<string, string> };
    assert.equal(evaluateDls('{"term":{"team":"${__proto__}"}}', { team: 'blue' }, { user: odd, fieldTypes: { team: 'keyword' } }).result, 'match');
    const types = JSON.parse('{"__proto__":"keyword","team":"keyword"}') as Record<string, string>;
    assert.equal(verifyHits({ hits: { hits: [{ _index: 'docs', _id: '1', _source: { team: 'x' } }] } }, { indices: [{ indexPatterns: ['docs'], rules: [{ dls: '{"term":{"team":"x"}}' }], fieldTypes: types }] }).ok, true);
  });
});

describe('the user of the explain entry points, checked the same way', () => {
  const roles = { r: { cluster_permissions: [], index_permissions: [{ index_patterns: ['${user.name}-*'], allowed_actions: ['read'] }] } };
  const admin = { transport: { request: async () => ({ body: {}, statusCode: 200 }) } };
  for (const [what, user, below] of hostileUsers()) {
    test(what, async () => {
      const explainMessage = new RegExp(`^explainPermission: query\\.user${below.replace(/[.[\]"^$]/g, '\\$&')} `);
      assert.throws(() => explainPermission(roles, undefined, { action: 'indices:data/read/search', index: 'alice-1', user } as never),
        (e: unknown) => e instanceof TypeError && explainMessage.test(e.message) && !e.message.includes(SECRET), 'explainPermission');
      // checkPermission's subject must list its roles; the other parts are checked as above
      const subject = user !== null && typeof user === 'object' && !(user instanceof Map) && !('roles' in user) && below !== '' ? new Proxy(user, {
        ownKeys: (t) => [...Reflect.ownKeys(t), 'roles'],
        getOwnPropertyDescriptor: (t, k) => (k === 'roles' ? { value: ['r'], enumerable: true, configurable: true } : Reflect.getOwnPropertyDescriptor(t, k)),
        get: (t, k) => (k === 'roles' ? ['r'] : Reflect.get(t, k)),
      }) : user;
      await assert.rejects(checkPermission(admin, { action: 'indices:data/read/search', index: 'alice-1' }, { mode: 'local', roles, subject } as never),
        (e: unknown) => e instanceof ConfigError && e.option.startsWith('options.subject') && !e.message.includes(SECRET), 'checkPermission');
    });
  }

  test('mappedRoles and explainSecurityException name the part', () => {
    assert.throws(() => mappedRoles({}, { name: 'alice', backendRoles: 'admins' } as never), /^TypeError: mappedRoles: user\.backendRoles must be an array/);
    const cyclic: Record<string, unknown> = { name: 'alice' };
    cyclic.self = cyclic;
    assert.throws(() => mappedRoles({}, cyclic as never), /mappedRoles: user\.self is not a field/);
    const error = { kind: 'security_exception', user: { name: 'alice', backendRoles: [] }, roles: null, actions: ['indices:data/read/search'], indices: ['a'] };
    // a string of roles used to be spread into its letters
    assert.throws(() => explainSecurityException(error as never, {}, undefined, { userRoles: 'admin' as never }), /explainSecurityException: options\.userRoles must be an array/);
    assert.throws(() => explainSecurityException(error as never, {}, undefined, { attributes: { a: 1 } as never }), /explainSecurityException: options\.attributes\.a must be a string/);
  });
});

describe('the other nested options of verifyHits and evaluateDls', () => {
  test('field types: a cycle outside the info is not followed, a throwing getter or a wrong type is named', () => {
    const info: Record<string, unknown> = { type: 'keyword' };
    info.self = info;
    const withTypes = (fieldTypes: unknown): AccessExpectations => ({ indices: [{ indexPatterns: ['docs'], rules: [{ dls: '{"term":{"owner":"alice"}}' }], fieldTypes }] } as AccessExpectations);
    // the cycle made JSON.stringify (the compiled-rules cache key) throw a TypeError
    assert.equal(verifyHits(response, withTypes({ owner: info })).ok, true);
    assert.equal(evaluateDls('{"term":{"owner":"alice"}}', { owner: 'alice' }, { fieldTypes: { owner: info } as never }).result, 'match');
    const throwing = { get owner(): string { throw new Error(SECRET); } };
    assert.throws(() => verifyHits(response, withTypes(throwing)), isConfigErrorAt('expectations.indices[0].fieldTypes["owner"]'));
    assert.throws(() => evaluateDls('{"term":{"owner":"alice"}}', { owner: 'alice' }, { fieldTypes: throwing as never }), isConfigErrorAt('options.fieldTypes["owner"]'));
    assert.throws(() => verifyHits(response, withTypes({ owner: { type: 42 } })), isConfigErrorAt('expectations.indices[0].fieldTypes["owner"].type'));
    assert.throws(() => evaluateDls('{"term":{"owner":"alice"}}', { owner: 'alice' }, { fieldTypes: { owner: new Map() } as never }), isConfigErrorAt('options.fieldTypes["owner"]'));
    assert.throws(() => evaluateDls('{"term":{"owner":"alice"}}', { owner: 'alice' }, { fieldTypes: 'keyword' as never }), isConfigErrorAt('options.fieldTypes'));
    // Object's own properties are not field types
    assert.equal(evaluateDls('{"term":{"constructor":"x"}}', { constructor: 'x' }, { fieldTypes: {} }).result, 'unverifiable');
  });

  test('getters that throw anywhere in the expectations are named, never rethrown', () => {
    const cases: Array<[(e: Record<string, unknown>) => void, string]> = [
      [(e) => Object.defineProperty(e, 'indices', { get() { throw new Error(SECRET); }, enumerable: true }), 'expectations.indices'],
      [(e) => Object.defineProperty(e, 'salt', { get() { throw new Error(SECRET); }, enumerable: true }), 'expectations.salt'],
      [(e) => Object.defineProperty((e.indices as Array<Record<string, unknown>>)[0]!, 'rules', { get() { throw new Error(SECRET); } }), 'expectations.indices[0].rules'],
      [(e) => { e.aliases = { get a(): string[] { throw new Error(SECRET); } }; }, 'expectations.aliases["a"]'],
      [(e) => { e.aliases = { a: ['x', 42] }; }, 'expectations.aliases["a"][1]'],
      [(e) => { (e.indices as Array<Record<string, unknown>>)[0]!.masking = { get salt(): string { throw new Error(SECRET); } }; }, 'expectations.indices[0].masking.salt'],
    ];
    for (const [mutate, path] of cases) {
      const exp = expectations(undefined) as unknown as Record<string, unknown>;
      delete exp.user;
      mutate(exp);
      assert.throws(() => verifyHits(response, exp as never), isConfigErrorAt(path), path);
    }
  });

  test('evaluateDls options of the wrong type are named', () => {
    assert.throws(() => evaluateDls(DLS, {}, { id: 5 } as never), isConfigErrorAt('options.id'));
    assert.throws(() => evaluateDls(DLS, {}, { pluginVersion: 3 } as never), isConfigErrorAt('options.pluginVersion'));
    assert.throws(() => evaluateDls(DLS, {}, { unknownField: true } as never), isConfigErrorAt('options.unknownField'));
  });

  test('verifyHitsWithServer: options that are not an object are named', async () => {
    await assert.rejects(verifyHitsWithServer(response, expectations({ name: 'alice' }), null as never), isConfigErrorAt('options'));
    await assert.rejects(serverDlsVerdicts(response, { indices: 'docs' } as never, { reader }), isConfigErrorAt('expectations.indices'));
  });

  test('expectationsFromRoles: roles of the wrong shape (a hostile server) are named, null reads as absent', () => {
    const cases: Array<[unknown, string]> = [
      [[{ index_permissions: 42 }], 'roles[0].index_permissions'],
      [{ r: { index_permissions: [{ index_patterns: 'docs' }] } }, 'roles["r"].index_permissions[0].index_patterns'],
      [{ r: { index_permissions: [{ index_patterns: ['docs'], dls: { term: {} } }] } }, 'roles["r"].index_permissions[0].dls'],
      [{ r: { index_permissions: [{ index_patterns: ['docs'], fls: '~secret' }] } }, 'roles["r"].index_permissions[0].fls'],
      [{ r: 'all_access' }, 'roles["r"]'],
    ];
    for (const [roles, path] of cases) assert.throws(() => expectationsFromRoles(roles as never, 'docs'), isConfigErrorAt(path), path);
    const e = expectationsFromRoles({ r: { index_permissions: [{ index_patterns: ['docs'], dls: null, fls: null, masked_fields: null }], cluster_permissions: null } } as never, 'docs');
    assert.deepEqual(e.indices[0]!.rules, [{ role: 'r' }]);
    assert.throws(() => expectationsFromRoles([], 'docs', undefined, { aliases: { a: 'docs' } } as never), isConfigErrorAt('options.aliases["a"]'));
  });
});

test('fieldTypesFromMapping: a field named __proto__ (a hostile mapping) is a field, not the table\'s prototype', () => {
  const types = fieldTypesFromMapping(JSON.parse('{"properties":{"__proto__":{"type":"keyword"},"title":{"type":"text","fields":{"__proto__":{"type":"keyword"}}}}}'));
  assert.equal(Object.getPrototypeOf(types), Object.prototype);
  assert.deepEqual(Object.keys(types).sort(), ['__proto__', 'title', 'title.__proto__']);
  // `type` is no field of the mapping: it must not be read off a replaced prototype
  assert.equal(evaluateDls('{"term":{"type":"x"}}', { type: 'x' }, { fieldTypes: types }).result, 'unverifiable');
  assert.equal(evaluateDls('{"term":{"__proto__":"x"}}', JSON.parse('{"__proto__":"x"}'), { fieldTypes: types }).result, 'match');
});

test('explainPermission: a query field whose getter throws is a TypeError naming it, without what it threw (review rv4 X)', () => {
  const SECRET = 'Query-Getter-Secret-5521';
  for (const field of ['action', 'index', 'aliases', 'pluginVersion', 'clusterIndices']) {
    const query = { action: 'indices:data/read/search', index: 'a' } as Record<string, unknown>;
    Object.defineProperty(query, field, { enumerable: true, get: () => { throw new Error(SECRET); } });
    assert.throws(
      () => explainPermission({}, undefined, query as never),
      (e: unknown) => e instanceof TypeError && e.message.includes(`query.${field}`) && !e.message.includes(SECRET),
      field,
    );
  }
});

test('expectationsFromRoles: a sparse roles array of length 2^32 - 1 is a ConfigError at once, not an exhausted heap', () => {
  const roles: unknown[] = [];
  roles.length = 2 ** 32 - 1;
  assert.throws(() => expectationsFromRoles(roles as never, 'i'), (e: unknown) => e instanceof ConfigError && e.option === 'roles');
});

test('verifyHits: a sparse hits.hits of length 2^32 - 1 is refused at once, not an exhausted heap', () => {
  const hits: unknown[] = [];
  hits.length = 2 ** 32 - 1;
  assert.throws(() => verifyHits({ hits: { hits } }, { indices: [] } as never), (e: unknown) => e instanceof TypeError && /hits\.hits holds/.test(e.message));
});

test('a Proxy whose traps throw, where verifyHits or maskValue expects a value, is named without what it threw (review rv4 X)', async () => {
  const { maskValue } = await import('../../src/fgac/masking.js');
  const SECRET = 'Leaf-Proxy-Thrown-Pw7fK3q9Zx';
  const boom = (): never => { throw new Error(SECRET); };
  const proxy = (): object => new Proxy({}, { get: boom, has: boom, ownKeys: boom, getOwnPropertyDescriptor: boom, getPrototypeOf: boom });
  const response = { hits: { hits: [{ _index: 'flights', _id: '1', _source: { a: 1 } }] } };
  const cases: Array<[string, () => unknown]> = [
    ['pluginVersion', () => verifyHits(response, { indices: [{ indexPatterns: ['flights*'], rules: [{ fls: ['~b'] }] }], pluginVersion: proxy() } as never)],
    ['indexPatterns[0]', () => verifyHits(response, { indices: [{ indexPatterns: [proxy()], rules: [{}] }] } as never)],
    ['rules[0].dls', () => verifyHits(response, { indices: [{ indexPatterns: ['f*'], rules: [{ dls: proxy() }] }] } as never)],
    ['maskValue salt', () => maskValue('Oslo', { salt: proxy() } as never)],
  ];
  for (const [name, call] of cases) {
    assert.throws(call, (e: unknown) => e instanceof Error && !String(e.message).includes(SECRET) && !String(e.stack).includes(SECRET), name);
  }
});
