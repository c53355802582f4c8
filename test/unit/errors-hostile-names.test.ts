/**
 * Names, backend roles and tenants built from the security plugin's own delimiters: the typed error names
 * exactly the user, roles and tenant the plugin evaluated, or says `ambiguous` (user null, or its settled name with
 * `backendRoles: []` when only the roles are in doubt) — never a wrong value. The plugin's text is formatted here as the plugin formats it (SecurityFilter: `no permissions for ` +
 * the missing privileges set + ` and ` + `User.toString()`, which writes `User [name=` + name +
 * `, backend_roles=` + the roles set + `, requestedTenant=` + tenant + `]`; a Java set prints `[a, b]`, a null
 * tenant `null`; nothing is escaped). The same for the security REST API's `No permission to access REST API`
 * text, and AWS's access-policy text with session names holding `=,.@-`.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { errors } from '@opensearch-project/opensearch';
import { toTypedError } from '../../src/errors/classify.js';
import { SecurityApiError, SecurityExceptionError, AccessPolicyDeniedError } from '../../src/errors/classes.js';
import type { KnownPrincipal } from '../../src/errors/permission-errors.js';
import { rng } from '../domain/seed-data.js';

const ALPHABET = [', ', ',', ']', '[', '=', ' ', 'backend_roles', 'requestedTenant', 'null', 'roles', ', backend_roles=[', '], requestedTenant=', '], ', 'a', 'b', 'x', 'User [name=', 'Security roles', ' with Security roles [', '] does not have '];
const LETTERS = ['a', 'b', 'c', 'x', 'y', 'z', '-', '_', '1'];

function word(r: () => number, parts: readonly string[], max: number): string {
  let s = '';
  const n = 1 + Math.floor(r() * max);
  for (let i = 0; i < n; i++) s += parts[Math.floor(r() * parts.length)] ?? '';
  return s;
}

/** A name, role or tenant: hostile (delimiter alphabet) or plain letters. */
function token(r: () => number): string {
  return r() < 0.6 ? word(r, ALPHABET, 5) : word(r, LETTERS, 6);
}

interface Case {
  name: string;
  roles: string[];
  tenant: string | null;
}

function cases(seed: number, count: number): Case[] {
  const r = rng(seed);
  const out: Case[] = [];
  for (let i = 0; i < count; i++) {
    const roles = [...new Set(Array.from({ length: Math.floor(r() * 4) }, () => token(r)))];
    out.push({ name: token(r), roles, tenant: r() < 0.4 ? null : token(r) });
  }
  return out;
}

/** The plugin's 403 reason for a user (the format of SecurityFilter and User.toString()). */
function pluginReason(c: Case, actions = ['indices:data/read/search']): string {
  return `no permissions for [${actions.join(', ')}] and User [name=${c.name}, backend_roles=[${c.roles.join(', ')}], requestedTenant=${c.tenant ?? 'null'}]`;
}

function responseError(status: number, body: unknown): InstanceType<typeof errors.ResponseError> {
  return new errors.ResponseError({ body, statusCode: status, headers: {}, meta: { request: { params: { method: 'GET', path: '/flights/_search' } } } } as never);
}

/** The tenant as the text can tell it: Java prints none as `null`, so a tenant called `null` (or empty) reads as none. */
function tenantAsWritten(tenant: string | null): string | null {
  return tenant === null || tenant === '' || tenant === 'null' ? null : tenant;
}

/** The roles as the text can tell them: a role holding `, ` cannot be told from two (brackets or not). */
function rolesAsWritten(roles: readonly string[]): string[] {
  const inner = roles.join(', ');
  return inner === '' ? [] : inner.split(', ');
}

/** True when the text has one place only where the name can end (one role marker in the whole `User [..]` body). */
function nameSettled(c: Case): boolean {
  const body = pluginReason(c).slice(pluginReason(c).indexOf('User [name=') + 'User [name='.length);
  return body.split(', backend_roles=[').length + body.split(', roles=[').length === 3;
}

/** Role names with brackets and no comma, none beside a `, ` of the joined list: each reads exactly. */
function bracketRoles(r: () => number): string[] {
  const PARTS = ['a', 'b', 'x', '1', '-', ' ', '[', ']', '[eu]', 'ops [', '] x'];
  for (;;) {
    const roles = [...new Set(Array.from({ length: 1 + Math.floor(r() * 3) }, () => word(r, PARTS, 4).trim()))].filter((s) => s !== '');
    if (roles.length > 0 && !/[[\]], |, [[\]]/.test(roles.join(', ')) && roles.some((s) => /[[\]]/.test(s))) return roles;
  }
}

function typed(c: Case, principal?: KnownPrincipal): SecurityExceptionError {
  const body = { error: { root_cause: [{ type: 'security_exception', reason: pluginReason(c) }], type: 'security_exception', reason: pluginReason(c) }, status: 403 };
  const e = toTypedError(responseError(403, body), principal === undefined ? {} : { principal });
  assert.ok(e instanceof SecurityExceptionError, `not a SecurityExceptionError for ${JSON.stringify(c)}`);
  return e;
}

/** Exactly right, or honestly ambiguous: never a wrong user, role or tenant. */
function assertRightOrAmbiguous(e: SecurityExceptionError, c: Case, label: string): void {
  const what = `${label}: ${JSON.stringify(c)} -> ${JSON.stringify({ user: e.user, tenant: e.requestedTenant, ambiguous: e.ambiguous })}`;
  if (e.ambiguous) {
    // not named, or named with the roles left unclaimed: never a wrong name
    if (e.user !== null) assert.deepEqual(e.user, { name: c.name, backendRoles: [] }, what);
    assert.ok(e.requestedTenant === null || e.requestedTenant === tenantAsWritten(c.tenant), what);
    return;
  }
  assert.deepEqual(e.user, { name: c.name, backendRoles: rolesAsWritten(c.roles) }, what);
  assert.equal(e.requestedTenant, tenantAsWritten(c.tenant), what);
  assert.deepEqual(e.actions, ['indices:data/read/search'], what);
}

describe('plugin denial: hostile names, roles and tenants', () => {
  const all = cases(0xf5a1, 1500);

  test('unanchored: the right user or ambiguous, never a wrong one (JSON 403 and plain-text 401)', () => {
    let ambiguous = 0;
    for (const c of all) {
      const e = typed(c);
      assertRightOrAmbiguous(e, c, 'unanchored');
      if (e.ambiguous) ambiguous++;
      // the plain-text denial of a named REST route (a 401) is read by the same parser
      const text = toTypedError(responseError(401, pluginReason(c)));
      assert.ok(text instanceof SecurityExceptionError);
      assertRightOrAmbiguous(text, c, 'plain-text 401');
    }
    // the generator does reach ambiguous texts (else the test would prove nothing)
    assert.ok(ambiguous > 50, `only ${ambiguous} ambiguous cases`);
  });

  test('anchored on the known name: the right user or ambiguous; plain roles and tenant always resolve', () => {
    for (const c of all) {
      const e = typed(c, { name: c.name });
      assertRightOrAmbiguous(e, c, 'name anchored');
      // the known name settles the name whatever the roles and tenant hold
      assert.equal(e.user?.name, c.name, `a known name is kept when only roles or tenant are in doubt: ${JSON.stringify(c)}`);
      const plain = c.roles.every((role) => /^[a-z0-9_-]+$/.test(role)) && (c.tenant === null || /^[a-z0-9_-]+$/.test(c.tenant));
      if (plain) assert.equal(e.ambiguous, false, `a known name with plain roles must resolve: ${JSON.stringify(c)}`);
    }
  });

  test('anchored on the known name and roles: always exactly right', () => {
    for (const c of all) {
      const e = typed(c, { name: c.name, backendRoles: [...c.roles].reverse() });
      const what = JSON.stringify(c);
      assert.equal(e.ambiguous, false, what);
      assert.deepEqual(e.user, { name: c.name, backendRoles: c.roles }, what);
      assert.equal(e.requestedTenant, tenantAsWritten(c.tenant), what);
    }
  });

  test('a known name that is not the one in the text anchors nothing (the plugin may name another user)', () => {
    const c: Case = { name: 'a, backend_roles=[b', roles: ['c'], tenant: null };
    const e = typed(c, { name: 'someone-else' });
    assertRightOrAmbiguous(e, c, 'wrong anchor');
    assert.equal(e.ambiguous, true);
  });

  test('the node-observed shapes (2.19.4 and 3.4.0): a name holding `, backend_roles=[`', () => {
    const c: Case = { name: 'f5-hn, backend_roles=[x', roles: ['y, backend_roles=[z'], tenant: null };
    const unanchored = typed(c);
    assert.equal(unanchored.user, null);
    assert.equal(unanchored.ambiguous, true);
    assert.match(unanchored.message, /names ambiguously.*lacks indices:data\/read\/search/);
    const anchored = typed(c, { name: c.name, backendRoles: c.roles });
    assert.deepEqual(anchored.user, { name: c.name, backendRoles: c.roles });
    assert.equal(anchored.toJSON().ambiguous, false);
  });
});

describe('plugin denial: brackets in role names, and a name that survives role ambiguity', () => {
  test('the text with one place for the name end names the user, even when the roles read more than one way', () => {
    let rolesInDoubt = 0;
    for (const c of cases(0xf5a1, 1500)) {
      if (!nameSettled(c)) continue;
      const e = typed(c);
      assertRightOrAmbiguous(e, c, 'settled name');
      assert.equal(e.user?.name, c.name, `a settled name is kept: ${JSON.stringify(c)} -> ${JSON.stringify({ user: e.user, ambiguous: e.ambiguous })}`);
      if (e.ambiguous) rolesInDoubt++;
    }
    assert.ok(rolesInDoubt > 20, `only ${rolesInDoubt} cases with roles in doubt`);
  });

  test('role names with brackets and no `, ` beside them read exactly, with or without the known name', () => {
    const r = rng(0xf5a5);
    for (let i = 0; i < 1500; i++) {
      const c: Case = { name: word(r, LETTERS, 6), roles: bracketRoles(r), tenant: r() < 0.5 ? null : word(r, LETTERS, 4) };
      for (const principal of [undefined, { name: c.name }]) {
        const e = typed(c, principal);
        const what = `${JSON.stringify(c)} -> ${JSON.stringify({ user: e.user, ambiguous: e.ambiguous })}`;
        assert.equal(e.ambiguous, false, what);
        assert.deepEqual(e.user, { name: c.name, backendRoles: c.roles }, what);
      }
    }
  });

  test('the reviewed shapes: `ops [eu]` beside a plain role; a role in doubt keeps the name', () => {
    const plain: Case = { name: 'bob', roles: ['Data Team', 'ops [eu]'], tenant: null };
    for (const principal of [undefined, { name: 'bob' }]) {
      const e = typed(plain, principal);
      assert.deepEqual([e.user, e.ambiguous], [{ name: 'bob', backendRoles: ['Data Team', 'ops [eu]'] }, false]);
      assert.match(e.message, /^User bob \(backend roles: Data Team, ops \[eu\]\) lacks/);
    }
    // `a], [b` may be one role or two: the name stays, the roles are not claimed, and the message says so
    const doubt = typed({ name: 'bob', roles: ['a], [b'], tenant: null });
    assert.deepEqual([doubt.user, doubt.ambiguous], [{ name: 'bob', backendRoles: [] }, true]);
    assert.match(doubt.message, /^User bob \(backend roles unreadable[^)]*\) lacks/);
    assert.doesNotMatch(doubt.message, /no backend roles/);
  });
});

describe('injected roles (`and associated roles [..]`): hostile role names', () => {
  test('the right roles, or null with ambiguous — never a wrong one', () => {
    const r = rng(0xf5a4);
    let ambiguous = 0;
    for (let i = 0; i < 1500; i++) {
      const roles = [...new Set(Array.from({ length: 1 + Math.floor(r() * 3) }, () => token(r)))];
      const reason = `no permissions for [indices:data/write/index] and associated roles [${roles.join(', ')}]`;
      const e = toTypedError(responseError(403, { error: { type: 'security_exception', reason }, status: 403 }));
      assert.ok(e instanceof SecurityExceptionError);
      const what = `${JSON.stringify(roles)} -> ${JSON.stringify({ roles: e.roles, ambiguous: e.ambiguous })}`;
      assert.equal(e.user, null, what);
      if (e.ambiguous) {
        assert.equal(e.roles, null, what);
        ambiguous++;
      } else {
        assert.deepEqual(e.roles, rolesAsWritten(roles), what);
      }
    }
    assert.ok(ambiguous > 20, `only ${ambiguous} ambiguous cases`);
  });

  test('role names with brackets and no `, ` beside them read exactly (`associated roles [role [x], y]`)', () => {
    const r = rng(0xf5a6);
    const sets = [['role [x]', 'y'], ['ops [eu]', 'Data Team'], ...Array.from({ length: 1500 }, () => bracketRoles(r))];
    for (const roles of sets) {
      const reason = `no permissions for [indices:data/write/index] and associated roles [${roles.join(', ')}]`;
      const e = toTypedError(responseError(403, { error: { type: 'security_exception', reason }, status: 403 }));
      assert.ok(e instanceof SecurityExceptionError);
      const what = `${JSON.stringify(roles)} -> ${JSON.stringify({ roles: e.roles, ambiguous: e.ambiguous })}`;
      assert.equal(e.ambiguous, false, what);
      assert.deepEqual(e.roles, roles, what);
    }
  });
});

describe('security REST API refusal: hostile names and roles', () => {
  test('the right user and roles, or none (undefined) — never a wrong one', () => {
    const r = rng(0xf5a2);
    let undecided = 0;
    for (let i = 0; i < 1500; i++) {
      const name = token(r);
      const roles = [...new Set(Array.from({ length: Math.floor(r() * 3) }, () => token(r)))];
      const message = `No permission to access REST API: User ${name} with Security roles [${roles.join(', ')}] does not have any role privileged for admin access`;
      for (const principal of [undefined, { name }]) {
        const e = toTypedError(responseError(403, { status: 'FORBIDDEN', message }), principal === undefined ? {} : { principal });
        assert.ok(e instanceof SecurityApiError);
        const what = `${JSON.stringify({ name, roles, principal })} -> ${JSON.stringify({ user: e.user, roles: e.securityRoles })}`;
        if (e.user === undefined) {
          assert.equal(e.securityRoles, undefined, what);
          assert.equal(principal, undefined, `a known name must resolve: ${what}`);
          undecided++;
          continue;
        }
        assert.equal(e.user, name, what);
        // roles exact, or undefined when they read more than one way (a role holding `, ` and no bracket reads as two)
        if (e.securityRoles !== undefined) assert.deepEqual(e.securityRoles, rolesAsWritten(roles), what);
      }
    }
    assert.ok(undecided > 20, `only ${undecided} undecided cases`);
  });
});

describe('AWS access-policy denial: principals with session names holding `=,.@-`', () => {
  test('the principal, action and resource are exactly what AWS wrote', () => {
    const r = rng(0xf5a3);
    const SESSION = ['=', ',', '.', '@', '-', 'a', 'b', '1', '_', '+'];
    const PATH = ['.', ',', ';', "'", '"', 'a', 'b', '-', '_', '*'];
    for (let i = 0; i < 800; i++) {
      const principal = `arn:aws:sts::123456789012:assumed-role/Role${word(r, SESSION, 4)}/${word(r, SESSION, 8)}`;
      const resource = `arn:aws:es:us-east-1:123456789012:domain/d/${word(r, PATH, 6)}`;
      const action = 'es:ESHttpGet';
      const tail = r() < 0.5 ? '' : ` because no resource-based policy allows the ${action} action`;
      const message = `User: ${principal} is not authorized to perform: ${action} on resource: ${resource}${tail}`;
      const e = toTypedError(responseError(403, { Message: message }));
      assert.ok(e instanceof AccessPolicyDeniedError, message);
      assert.equal(e.principal, principal, message);
      assert.equal(e.action, action, message);
      assert.equal(e.resource, resource, message);
    }
  });
});
