/**
 * Every synchronous public function of /verify and /explain given a throwing Proxy, getter or toString at each
 * argument (and one level inside it): it answers, or throws a ConfigError or TypeError naming the function or the
 * option, never the text the caller's code threw, and never a raw error from inside.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertAccess, evaluateDls, expectationsFromRoles, explainPermission, explainSecurityException, fieldTypesFromMapping, filterDocument,
  flsHiddenMetaFields, indexAliasesFrom, isFieldVisible, isMaskShaped, mappedRoles, maskDocument, maskedHitId, maskValue, matchesFieldPattern, parseMaskedField,
  requiredPrivileges, verifyHits, visibleFields,
} from '../../src/index.js';
import { ConfigError } from '../../src/errors/classes.js';

const SECRET = 'Argument-Getter-Secret-9d2';
const thrower = (): never => {
  throw new Error(SECRET);
};
/** Hostile stand-ins for one argument. */
const HOSTILE: Record<string, () => unknown> = {
  proxy: () => new Proxy({}, { get: thrower, ownKeys: thrower, has: thrower, getOwnPropertyDescriptor: thrower, getPrototypeOf: thrower }),
  'proxy list': () => new Proxy([], { get: thrower, ownKeys: thrower, has: thrower, getOwnPropertyDescriptor: thrower }),
  'throwing getter': () => Object.defineProperty({}, 'x', { get: thrower, enumerable: true }),
  'throwing toString': () => ({ toString: thrower, valueOf: thrower, [Symbol.toPrimitive]: thrower }),
};

const role = { index_permissions: [{ index_patterns: ['m*'], allowed_actions: ['read'], fls: ['~b'], masked_fields: ['c'], dls: '{"term":{"a":1}}' }] };
const response = { hits: { hits: [{ _index: 'movies', _id: '1', _source: { a: 1, c: 'x' } }] } };
const expectations = { indices: [{ indexPatterns: ['movies'], rules: [{ fls: ['~b'] }] }] };
const denial = { kind: 'security_exception', user: { name: 'alice', backendRoles: [] }, actions: ['indices:data/read/search'], injectedRoles: [], message: 'no permissions' };

/** Each function with plain arguments that work; each position is replaced in turn. */
const CALLS: Record<string, [(...args: never[]) => unknown, unknown[]]> = {
  verifyHits: [verifyHits, [response, expectations]],
  assertAccess: [assertAccess, [response, expectations, {}]],
  expectationsFromRoles: [expectationsFromRoles, [{ r: role }, 'movies', { name: 'alice' }, {}]],
  maskValue: [maskValue, ['x', { salt: 'a-salt-of-16-bytes' }]],
  parseMaskedField: [parseMaskedField, ['c', {}]],
  isMaskShaped: [isMaskShaped, ['x']],
  maskDocument: [maskDocument, [{ c: 'x' }, ['c'], { salt: 'a-salt-of-16-bytes' }]],
  visibleFields: [visibleFields, [{ a: 1, b: 2 }, ['~b'], {}]],
  isFieldVisible: [isFieldVisible, ['a', ['~b'], 'any', {}]],
  filterDocument: [filterDocument, [{ a: 1, b: 2 }, ['~b'], {}]],
  flsHiddenMetaFields: [flsHiddenMetaFields, [['~*id'], { pluginVersion: '2.19.4', maskedFields: ['*d'] }]],
  maskedHitId: [maskedHitId, ['1', { expression: '*d', salt: 'a-salt-of-16-bytes' }]],
  matchesFieldPattern: [matchesFieldPattern, ['a*', 'ab']],
  evaluateDls: [evaluateDls, ['{"term":{"a":1}}', { a: 1 }, {}]],
  fieldTypesFromMapping: [fieldTypesFromMapping, [{ movies: { mappings: { properties: { a: { type: 'long' } } } } }]],
  indexAliasesFrom: [indexAliasesFrom, [{ movies: { aliases: { films: {} } } }, { data_streams: [] }]],
  explainPermission: [explainPermission, [{ r: role }, {}, { action: 'indices:data/read/search', index: 'movies', user: { name: 'alice', roles: ['r'], backendRoles: [] } }]],
  explainSecurityException: [explainSecurityException, [denial, { r: role }, {}, {}]],
  mappedRoles: [mappedRoles, [{ r: { users: ['alice'] } }, { name: 'alice', backendRoles: [] }]],
  requiredPrivileges: [requiredPrivileges, [{ method: 'GET', path: '/movies/_search' }]],
};

test('a throwing Proxy, getter or toString at any argument: an answer or a typed error, never the thrown text', () => {
  let cases = 0;
  for (const [name, [fn, args]] of Object.entries(CALLS)) {
    for (let position = 0; position < args.length; position++) {
      const variants: Array<[string, unknown]> = Object.entries(HOSTILE).map(([k, make]) => [k, make()]);
      // one level inside an object argument too
      const arg = args[position];
      if (arg !== null && typeof arg === 'object' && !Array.isArray(arg)) {
        for (const key of Object.keys(arg)) variants.push([`.${key} proxy`, { ...arg, [key]: HOSTILE.proxy!() }]);
      }
      for (const [kind, value] of variants) {
        cases += 1;
        const given = args.map((a, i) => (i === position ? value : a));
        const label = `${name} argument ${position} ${kind}`;
        try {
          const result = (fn as (...a: unknown[]) => unknown)(...given);
          let shown = '';
          try {
            shown = JSON.stringify(result) ?? '';
          } catch {
            shown = '';
          }
          assert.ok(!shown.includes(SECRET), `${label}: the answer repeats the thrown text`);
        } catch (error) {
          assert.ok(error instanceof ConfigError || error instanceof TypeError, `${label}: ${(error as Error)?.name}`);
          assert.ok(!String((error as Error).message).includes(SECRET), `${label}: ${(error as Error).message}`);
          assert.ok(!/Cannot (read|use)|is not a function|is not iterable/.test((error as Error).message), `${label}: a raw error from inside: ${(error as Error).message}`);
        }
      }
    }
  }
  assert.ok(cases > 150, `${cases} cases`);
});
