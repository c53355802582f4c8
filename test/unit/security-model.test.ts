/** The typed role model and its conversions, validation, canonical comparison and field-level patches. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { NEW_ROLE } from '../domain/security-config.js';
import {
  changedFields,
  dlsVariable,
  fromApiRole,
  fromApiRoleMapping,
  invalidUserNameMessage,
  isStaticActionGroup,
  sameEntity,
  SecurityModelError,
  STATIC_ACTION_GROUPS,
  toApiRole,
  toApiUser,
  validateRole,
  type ApiRole,
  type Role,
} from '../../src/security/index.js';
import { fieldOperations } from '../../src/security/operations.js';

const TUTORIAL: Role = {
  cluster_permissions: ['cluster_composite_ops_ro'],
  index_permissions: [{
    index_patterns: ['flights*'],
    dls: { match: { FlightDelay: true } },
    fls: [{ exclude: 'FlightNum' }],
    masked_fields: ['Dest'],
    allowed_actions: ['read'],
  }],
};

describe('toApiRole / fromApiRole', () => {
  test('the typed tutorial role becomes the API JSON the plugin stores', () => {
    assert.deepEqual(toApiRole(TUTORIAL), {
      cluster_permissions: ['cluster_composite_ops_ro'],
      index_permissions: [{
        index_patterns: ['flights*'], dls: '{"match":{"FlightDelay":true}}', fls: ['~FlightNum'], masked_fields: ['Dest'], allowed_actions: ['read'],
      }],
    });
    assert.equal(sameEntity('roles', toApiRole(TUTORIAL), NEW_ROLE), true, 'equal to the seeded new-role (DLS formatting differs)');
  });

  test('the server form parses into the typed model and converts back to an equal role', () => {
    const server: ApiRole = {
      reserved: false, hidden: false, static: false, description: 'FGAC tutorial limited role', ...NEW_ROLE,
      index_permissions: [{ ...NEW_ROLE.index_permissions[0]!, masked_fields: ['Dest', 'Origin::SHA-256', 'Carrier::/^(.).*/::$1***'] }],
      tenant_permissions: [],
    };
    const typed = fromApiRole(server);
    assert.equal(typed.static, false);
    const perm = typed.index_permissions?.[0];
    assert.deepEqual(perm?.dls, { match: { FlightDelay: true } });
    assert.deepEqual(perm?.fls, [{ exclude: 'FlightNum' }]);
    assert.deepEqual(perm?.masked_fields, [
      { kind: 'default', field: 'Dest' },
      { kind: 'hash', field: 'Origin', algorithm: 'SHA-256' },
      { kind: 'regex', field: 'Carrier', replacements: [{ regex: '^(.).*', replacement: '$1***' }] },
    ]);
    const { reserved: _r, hidden: _h, static: _s, ...model } = typed;
    assert.equal(sameEntity('roles', toApiRole(model), server), true);
  });

  test('unparseable DLS and masked fields from the server are kept verbatim', () => {
    const typed = fromApiRole({ index_permissions: [{ index_patterns: ['a'], dls: '{not json', masked_fields: ['a::b::c::d'] }] });
    assert.equal(typed.index_permissions?.[0]?.dls, '{not json');
    assert.deepEqual(typed.index_permissions?.[0]?.masked_fields, ['a::b::c::d']);
  });

  test('raw DLS variables and structured masks serialise', () => {
    const api = toApiRole({
      index_permissions: [{
        index_patterns: ['hr-${user.name}'],
        dls: { terms: { department: [dlsVariable('user.roles')] } },
        masked_fields: [{ kind: 'regex', field: 'ssn', replacements: [{ regex: '[0-9]', replacement: '*' }] }],
      }],
    });
    assert.equal(api.index_permissions?.[0]?.dls, '{"terms":{"department":[${user.roles}]}}');
    assert.deepEqual(api.index_permissions?.[0]?.masked_fields, ['ssn::/[0-9]/::*']);
  });

  test('invalid masked fields and FLS patterns throw SecurityModelError with the plugin messages and paths', () => {
    const bad: Role = {
      index_permissions: [
        { index_patterns: ['a'], masked_fields: ['ok', 'x::NOPE'] },
        { index_patterns: ['b'], fls: [{ include: '/a[/' }], masked_fields: ['y::b::c::d'] },
      ],
    };
    assert.throws(() => toApiRole(bad), (err: unknown) => {
      assert.ok(err instanceof SecurityModelError);
      assert.deepEqual(err.issues.map((i) => [i.path, i.message]), [
        ['index_permissions[0].masked_fields[1]', 'java.security.NoSuchAlgorithmException: NOPE MessageDigest not available'],
        ['index_permissions[1].fls[0]', 'Invalid FLS pattern /a[/'],
        ['index_permissions[1].masked_fields[0]', 'Expected 1 or 2 or >=3 (but then odd count) tokens, got 4'],
      ]);
      return true;
    });
    assert.throws(() => toApiRole(bad, { dialect: 'v3' }), /Invalid algorithm NOPE/);
    assert.doesNotThrow(() => toApiRole(bad, { skipValidation: true }));
  });

  test('validateRole warns about what the plugin accepts but will not work as meant', () => {
    const report = validateRole({
      index_permissions: [{ index_patterns: [], dls: '{"match": ', fls: [{ include: 'a' }, { exclude: 'b.keyword' }] }],
    });
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.warnings.map((w) => w.path), [
      'index_permissions[0].index_patterns', 'index_permissions[0].dls', 'index_permissions[0].fls[1]', 'index_permissions[0].fls',
    ]);
  });
});

describe('canonical comparison and field-level patches', () => {
  test('flags, hash, list order, DLS whitespace, !/~ and empty descriptions are not differences', () => {
    const stored: ApiRole = {
      reserved: true, static: true, hidden: false, description: '',
      cluster_permissions: ['b', 'a'], index_permissions: [{ index_patterns: ['y', 'x'], dls: '{ "a" : 1 }', fls: ['!f'], masked_fields: [] }],
      tenant_permissions: [],
    };
    const desired: ApiRole = { cluster_permissions: ['a', 'b'], index_permissions: [{ index_patterns: ['x', 'y'], dls: '{"a":1}', fls: ['~f'] }] };
    assert.deepEqual(changedFields('roles', desired, stored), []);
    assert.equal(sameEntity('users', { password: 'new', backend_roles: ['r'] }, { hash: '', reserved: false, backend_roles: ['r'], attributes: {} }), true);
    assert.deepEqual(changedFields('roleMappings', { users: ['a'] }, { users: ['a'], hosts: [], backend_roles: [], and_backend_roles: [] }), []);
  });

  test('fieldOperations adds changed fields, clears dropped lists and removes dropped scalars', () => {
    const ops = fieldOperations('roleMappings', { users: ['a'] }, { users: ['a', 'b'], hosts: ['h'], description: 'old' }, '/my~role/x');
    assert.deepEqual(ops, [
      { op: 'remove', path: '/my~role/x/description' },
      { op: 'add', path: '/my~role/x/users', value: ['a'] },
      { op: 'add', path: '/my~role/x/hosts', value: [] },
    ]);
    assert.deepEqual(
      fieldOperations('users', toApiUser({ backend_roles: ['x'] }, { userShape: 'roles' }), { roles: ['y'] }, '', 'roles'),
      [{ op: 'add', path: '/roles', value: ['x'] }],
      'Elasticsearch 6.x user shape',
    );
  });

  test('fromApiRoleMapping fills absent lists', () => {
    assert.deepEqual(fromApiRoleMapping({ users: ['u'] }), { users: ['u'], backend_roles: [], and_backend_roles: [], hosts: [] });
  });
});

describe('users and action groups', () => {
  test('user names with ":" are refused with the plugin message (URL-decoded like the plugin)', () => {
    const message = "A restricted character(s) was detected in the account name. Please remove: ':'";
    assert.equal(invalidUserNameMessage('a:b'), message);
    assert.equal(invalidUserNameMessage('a%3Ab'), message);
    assert.equal(invalidUserNameMessage('arn-free-name'), null);
  });

  test('toApiUser writes backend_roles or roles depending on the user shape', () => {
    assert.deepEqual(toApiUser({ password: 'p', backend_roles: ['r'], attributes: { dept: 'x' } }), { password: 'p', backend_roles: ['r'], attributes: { dept: 'x' } });
    assert.deepEqual(toApiUser({ backend_roles: ['r'] }, { userShape: 'roles' }), { roles: ['r'] });
  });

  test('the static action group catalogue', () => {
    assert.equal(Object.keys(STATIC_ACTION_GROUPS).length, 26);
    assert.equal(STATIC_ACTION_GROUPS.read.type, 'index');
    assert.equal(STATIC_ACTION_GROUPS.cluster_composite_ops_ro.type, 'cluster');
    assert.equal(STATIC_ACTION_GROUPS.kibana_all_write.type, 'kibana');
    assert.equal(STATIC_ACTION_GROUPS.unlimited.type, 'all');
    assert.equal(isStaticActionGroup('crud'), true);
    assert.equal(isStaticActionGroup('my_group'), false);
  });
});

test('validateRole warns that a masked_fields pattern matching _id masks every hit id (both nodes do)', () => {
  const role = (masked: string[]) => ({ index_permissions: [{ index_patterns: ['docs'], allowed_actions: ['read'], masked_fields: masked }] });
  for (const pattern of ['*', '/.*/', '_*', '*::SHA-256']) {
    const { warnings } = validateRole(role([pattern]));
    assert.ok(warnings.some((w) => /matches the metadata field _id/.test(w.message)), `${pattern}: ${JSON.stringify(warnings)}`);
  }
  for (const pattern of ['card', 'ob*', '/ca.d/']) {
    assert.ok(!validateRole(role([pattern])).warnings.some((w) => /_id/.test(w.message)), pattern);
  }
});

test('fromApiRole keeps a DLS text whose numbers a double would change (2^53 + 1, 1.0, 1e2, -0): toApiRole writes it back as stored', () => {
  for (const dls of ['{"term":{"account_id":9007199254740993}}', '{"term":{"code":1.0}}', '{"term":{"code":1e2}}', '{"terms":{"a":[1,-0]}}', '{"term":{"n":12345678901234567891}}']) {
    const model = fromApiRole({ index_permissions: [{ index_patterns: ['x'], allowed_actions: ['read'], dls }] });
    assert.equal(model.index_permissions?.[0]?.dls, dls, 'kept as text');
    assert.equal(toApiRole(model as Role, { skipValidation: true }).index_permissions?.[0]?.dls, dls);
  }
  // numbers a double holds exactly are parsed as before
  const parsed = fromApiRole({ index_permissions: [{ index_patterns: ['x'], allowed_actions: ['read'], dls: '{"term":{"code":1}}' }] });
  assert.deepEqual(parsed.index_permissions?.[0]?.dls, { term: { code: 1 } });
});
