/**
 * SecurityApi against the real security plugin of the local domain: the FGAC tutorial's role, user and
 * mapping re-created through the helpers (as p4-*), lost-update-free mapping edits under concurrency,
 * idempotent ensure/plan, typed errors for static resources and weak passwords, the legacy prefix.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Client } from '@opensearch-project/opensearch';
import { SecurityApiError } from '../../src/errors/classes.js';
import {
  SecurityApi,
  SecurityModelError,
  invalidUserNameMessage,
  maskedFieldErrorKey,
  parseMaskedFieldExpression,
  pointer,
  type JsonPatchOperation,
  type Role,
} from '../../src/security/index.js';
import { loadConnection } from '../domain/connection.js';
import { analyzeMaskedField } from '../../src/fgac/masked-field.js';
import { rejection } from '../support/settle.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const master = new Client({ node: conn.opensearch.url, auth: conn.users.master, ssl: { ca } });
const api = new SecurityApi(master);
const legacy = new SecurityApi(master, { prefix: '_opendistro/_security' });

const ROLE = 'p4-role';
const USER = 'p4-user';
const USER_PASSWORD = 'Vq7!pK2#mZr9xLw4';
const BACKEND_ROLE = 'p4-backend-role';
const CONCURRENT_ROLE = 'p4-concurrent';
const FRESH_ROLE = 'p4-fresh';
const MASTER_ARN = 'arn:aws:iam::123456789012:role/p4-master-role';
const MASTER_NAME = 'p4-master-user';
const IAM_USER_ARN = 'arn:aws:iam::123456789012:user/p4-iam-user';

/** The tutorial's limited role, typed. */
const TUTORIAL_ROLE: Role = {
  description: 'FGAC tutorial limited role (p4)',
  cluster_permissions: ['cluster_composite_ops_ro'],
  index_permissions: [{
    index_patterns: ['flights*'],
    allowed_actions: ['read'],
    dls: { match: { FlightDelay: true } },
    fls: [{ exclude: 'FlightNum' }],
    masked_fields: ['Dest'],
  }],
};

/** Removes every p4- entity with one collection PATCH per type, and the master-user test mappings. */
async function cleanup(): Promise<void> {
  for (const ns of [api.roleMappings, api.users, api.roles, api.tenants, api.actionGroups]) {
    const names = Object.keys(await ns.listRaw()).filter((name) => name.startsWith('p4-'));
    if (names.length > 0) await ns.patch(names.map((name): JsonPatchOperation => ({ op: 'remove', path: pointer(name) })));
  }
  await api.roleMappings.removeBackendRoles('all_access', [MASTER_ARN]);
  await api.roleMappings.removeUsers('all_access', [MASTER_NAME, IAM_USER_ARN]);
}

before(cleanup);
after(async () => {
  await cleanup();
  await master.close();
});

describe('SecurityApi on the local domain', () => {
  test("a name with a bare '%': 3.x refuses its PUT, which is then the name's typed problem; a collection PATCH creates it and per-name calls reach it", async () => {
    const name = 'p4-pct%zz';
    const put = api.roles.put(name, { cluster_permissions: ['cluster_monitor'] });
    if (conn.opensearch.version.startsWith('3.')) {
      const err = await rejection(put);
      assert.ok(err instanceof SecurityModelError, String(err));
      assert.equal(err.issues[0]?.path, 'name');
      assert.match(err.message, /'p4-pct%zz' holds a '%' not followed by two hex digits.*collection PATCH/);
      await api.roles.patch([{ op: 'add', path: pointer(name), value: { cluster_permissions: ['cluster_monitor'] } }]);
    } else {
      assert.equal((await put).status, 'CREATED');
    }
    assert.deepEqual((await api.roles.getRaw(name))?.cluster_permissions, ['cluster_monitor']);
    assert.equal((await api.roles.ensure(name, { cluster_permissions: ['cluster_composite_ops_ro'] })).action, 'updated');
    assert.equal((await api.roles.delete(name)).status, 'OK');
    assert.equal(await api.roles.getRaw(name), undefined);
  });

  test('detects the _plugins prefix, backend_roles user shape and v2 rules from GET /', async () => {
    const flavour = await api.flavour();
    assert.equal(flavour.prefix, '_plugins/_security');
    assert.equal(flavour.userShape, 'backend_roles');
    assert.equal(flavour.dialect, conn.opensearch.version.startsWith('3.') ? 'v3' : 'v2');
    assert.equal(flavour.distribution, 'opensearch');
    assert.equal(flavour.version, conn.opensearch.version);
    assert.equal((await legacy.flavour()).prefix, '_opendistro/_security');
  });

  test('the tutorial role, user and mapping created through the helpers reproduce the limited view', async () => {
    assert.deepEqual(await api.roles.ensure(ROLE, TUTORIAL_ROLE), { name: ROLE, action: 'created', changedFields: [] });
    assert.equal((await api.users.ensure(USER, { password: USER_PASSWORD, backend_roles: [BACKEND_ROLE], description: 'p4 limited user' })).action, 'created');
    const mapped = await api.roleMappings.addBackendRoles(ROLE, [BACKEND_ROLE]);
    assert.equal(mapped.created, true);
    assert.deepEqual(mapped.changed, [BACKEND_ROLE]);

    const stored = await api.roles.getRaw(ROLE);
    assert.equal(stored?.index_permissions?.[0]?.dls, '{"match":{"FlightDelay":true}}');
    assert.deepEqual(stored?.index_permissions?.[0]?.fls, ['~FlightNum']);
    const typed = await api.roles.get(ROLE);
    assert.deepEqual(typed?.index_permissions?.[0]?.dls, { match: { FlightDelay: true } });
    assert.deepEqual(typed?.index_permissions?.[0]?.fls, [{ exclude: 'FlightNum' }]);
    assert.deepEqual(typed?.index_permissions?.[0]?.masked_fields, [{ kind: 'default', field: 'Dest' }]);

    const limited = new Client({ node: conn.opensearch.url, auth: { username: USER, password: USER_PASSWORD }, ssl: { ca } });
    try {
      const who = await new SecurityApi(limited).authInfo();
      assert.equal(who.user_name, USER);
      assert.ok(who.roles?.includes(ROLE), `roles of ${USER}: ${who.roles?.join(', ')}`);
      const seen = await limited.search({ index: 'flights', body: { size: 1000, query: { match_all: {} } } });
      const full = await master.count({ index: 'flights', body: { query: { term: { FlightDelay: true } } } });
      const hits = seen.body.hits.hits as Array<{ _source: Record<string, unknown> }>;
      assert.ok(hits.length > 0);
      assert.equal(hits.length, full.body.count, 'only the FlightDelay=true documents are visible');
      for (const { _source: doc } of hits) {
        assert.equal(doc.FlightDelay, true);
        assert.equal('FlightNum' in doc, false, 'FlightNum is hidden by FLS');
        assert.match(String(doc.Dest), /^[0-9a-f]{64}$/, 'Dest is masked');
        assert.equal(typeof doc.Origin, 'string');
      }
    } finally {
      await limited.close();
    }
  });

  test('ensure writes nothing when the entity already matches (server-added fields, order and DLS formatting ignored)', async () => {
    assert.deepEqual(await api.roles.ensure(ROLE, TUTORIAL_ROLE), { name: ROLE, action: 'unchanged', changedFields: [] });
    const reordered: Role = { ...TUTORIAL_ROLE, index_permissions: [{ ...TUTORIAL_ROLE.index_permissions![0]!, dls: '{ "match" : { "FlightDelay" : true } }' }] };
    assert.equal((await api.roles.ensure(ROLE, reordered)).action, 'unchanged');
    assert.equal((await api.users.ensure(USER, { password: 'ignored-when-present', backend_roles: [BACKEND_ROLE], description: 'p4 limited user' })).action, 'unchanged');
    const changed = await api.roles.ensure(ROLE, { ...TUTORIAL_ROLE, description: 'changed by p4' });
    assert.deepEqual(changed, { name: ROLE, action: 'updated', changedFields: ['description'] });
    assert.equal((await api.roles.get(ROLE))?.description, 'changed by p4');
    assert.equal((await api.roles.ensure(ROLE, TUTORIAL_ROLE)).action, 'updated');
    // The static all_access role equals its own stored form: no write, hence no error.
    const allAccess = await api.roles.get('all_access');
    assert.equal(allAccess?.static, true);
    const { reserved: _r, hidden: _h, static: _s, ...plain } = allAccess!;
    assert.equal((await api.roles.ensure('all_access', plain)).action, 'unchanged');
  });

  test('plan on an already-converged configuration is empty; a change plans one field and apply converges', async () => {
    const desired = {
      roles: { [ROLE]: TUTORIAL_ROLE },
      roleMappings: { [ROLE]: { backend_roles: [BACKEND_ROLE] } },
      users: { [USER]: { password: USER_PASSWORD, backend_roles: [BACKEND_ROLE], description: 'p4 limited user' } },
    };
    const converged = await api.plan(desired);
    assert.equal(converged.empty, true);
    assert.deepEqual(converged.roles.unchanged, [ROLE]);
    assert.deepEqual(converged.roleMappings.unchanged, [ROLE]);
    assert.deepEqual(converged.users.unchanged, [USER]);
    for (const kind of ['roles', 'roleMappings', 'users', 'actionGroups', 'tenants'] as const) assert.deepEqual(converged[kind].operations, []);

    const next = {
      ...desired,
      roles: { ...desired.roles, 'p4-plan-role': { index_permissions: [{ index_patterns: ['movies'], allowed_actions: ['read' as const] }] } },
      roleMappings: { [ROLE]: { backend_roles: [BACKEND_ROLE], description: 'planned' } },
      users: { ...desired.users, 'p4-plan-user': { password: 'Hs3$kd92!LmQwE7z', opendistro_security_roles: ['p4-plan-role'] } },
      tenants: { 'p4-tenant': {} },
      actionGroups: { 'p4-group': { allowed_actions: ['indices:data/read/get*'], type: 'index' as const } },
    };
    const plan = await api.plan(next);
    assert.equal(plan.empty, false);
    assert.deepEqual(plan.roles.created, ['p4-plan-role']);
    assert.deepEqual(plan.roleMappings.changed, [{ name: ROLE, fields: ['description'] }]);
    assert.deepEqual(plan.roleMappings.operations, [{ op: 'add', path: `/${ROLE}/description`, value: 'planned' }]);
    assert.deepEqual(plan.users.created, ['p4-plan-user']);
    assert.deepEqual(plan.tenants.created, ['p4-tenant']);
    assert.deepEqual(plan.actionGroups.created, ['p4-group']);
    const applied = await api.apply(plan);
    assert.deepEqual(applied.applied.map((a) => a.kind), ['actionGroups', 'tenants', 'roles', 'roleMappings', 'users']);
    assert.equal((await api.plan(next)).empty, true);

    // prune: only the planned types, never static entities or the calling user.
    const pruned = await api.plan({ tenants: {} }, { prune: true });
    assert.ok(pruned.tenants.deleted.includes('p4-tenant') && pruned.tenants.deleted.includes('analysts'), pruned.tenants.deleted.join());
    assert.ok(!pruned.tenants.deleted.includes('global_tenant'), 'static tenants are never pruned');
    assert.deepEqual(pruned.tenants.operations, pruned.tenants.deleted.map((name) => ({ op: 'remove', path: `/${name}` })));
    assert.deepEqual(pruned.roles.operations, [], 'types absent from desired are not planned');
    const keepCaller = await api.plan({ users: {} }, { prune: true });
    assert.deepEqual(keepCaller.users.skipped, [{ name: conn.users.master.username, reason: 'the calling user is never pruned' }]);
  });

  test('10 concurrent addUsers on the same mapping all survive (PATCH appends + 409 retries)', async () => {
    await api.roles.ensure(CONCURRENT_ROLE, { cluster_permissions: ['cluster_monitor'] });
    await api.roleMappings.put(CONCURRENT_ROLE, { users: ['p4-c-seed'] });
    const users = Array.from({ length: 10 }, (_, i) => `p4-c-${i}`);
    const results = await Promise.all(users.map((u) => api.roleMappings.addUsers(CONCURRENT_ROLE, [u])));
    for (const [i, r] of results.entries()) assert.deepEqual(r.changed, [users[i]]);
    const mapping = await api.roleMappings.get(CONCURRENT_ROLE);
    assert.deepEqual([...(mapping?.users ?? [])].sort(), ['p4-c-seed', ...users].sort());
    assert.ok(results.some((r) => r.attempts > 1), 'the plugin answered 409 to some of the concurrent writes');

    // Adding again is a no-op; removal by value keeps everything else, also while others append.
    assert.deepEqual((await api.roleMappings.addUsers(CONCURRENT_ROLE, ['p4-c-3'])).unchanged, ['p4-c-3']);
    const [removed] = await Promise.all([
      api.roleMappings.removeUsers(CONCURRENT_ROLE, ['p4-c-1', 'p4-c-7', 'p4-absent']),
      ...['p4-c-late-1', 'p4-c-late-2', 'p4-c-late-3'].map((u) => api.roleMappings.addUsers(CONCURRENT_ROLE, [u])),
    ]);
    assert.deepEqual(removed.changed.sort(), ['p4-c-1', 'p4-c-7']);
    assert.deepEqual(removed.unchanged, ['p4-absent']);
    assert.deepEqual(removed.suspectedCollateral, []);
    const after = (await api.roleMappings.get(CONCURRENT_ROLE))?.users ?? [];
    const expected = ['p4-c-seed', ...users.filter((u) => u !== 'p4-c-1' && u !== 'p4-c-7'), 'p4-c-late-1', 'p4-c-late-2', 'p4-c-late-3'];
    assert.deepEqual([...after].sort(), expected.sort());
  });

  test('concurrent addBackendRoles on a mapping that does not exist yet all survive (create + verify)', async () => {
    await api.roles.ensure(FRESH_ROLE, { cluster_permissions: ['cluster_monitor'] });
    const values = Array.from({ length: 5 }, (_, i) => `p4-fresh-${i}`);
    const results = await Promise.all(values.map((v) => api.roleMappings.addBackendRoles(FRESH_ROLE, [v])));
    const mapping = await api.roleMappings.get(FRESH_ROLE);
    assert.deepEqual([...(mapping?.backend_roles ?? [])].sort(), values);
    assert.ok(results.some((r) => r.created));
  });

  test('changing or deleting a static role is a SecurityApiError with resourceState "static"', async () => {
    for (const attempt of [
      () => api.roles.put('all_access', { cluster_permissions: ['cluster_monitor'] }),
      () => api.roles.patch('all_access', [{ op: 'add', path: '/description', value: 'p4' }]),
      () => api.roles.patch([{ op: 'remove', path: '/kibana_user' }]),
      () => api.roles.delete('kibana_user'),
      () => api.roles.ensure('all_access', { cluster_permissions: ['*'], description: 'p4 was here' }),
    ]) {
      const err = await rejection(attempt());
      assert.ok(err instanceof SecurityApiError, String(err));
      assert.equal(err.statusCode, 403);
      assert.equal(err.apiStatus, 'FORBIDDEN');
      assert.equal(err.resourceState, 'static');
      assert.match(err.reason, /^Resource '(all_access|kibana_user)' is static\.$/);
    }
    const missing = await rejection(api.roles.delete('p4-does-not-exist'));
    assert.ok(missing instanceof SecurityApiError);
    assert.equal(missing.resourceState, 'not-found');
    assert.equal(await api.roles.get('p4-does-not-exist'), undefined);
  });

  test('a weak password is refused with the plugin reason "Weak password"', async () => {
    const err = await rejection(api.users.put('p4-weak', { password: 'password1', backend_roles: [] }));
    assert.ok(err instanceof SecurityApiError, String(err));
    assert.equal(err.statusCode, 400);
    assert.equal(err.apiStatus, 'error');
    assert.equal(err.reason, 'Weak password');
    assert.equal(await api.users.get('p4-weak'), undefined);
  });

  test('user names with ":" are refused on the client with the plugin\'s own message', async () => {
    const clientSide = await rejection(api.users.put('p4:weak', { password: USER_PASSWORD }));
    assert.ok(clientSide instanceof SecurityModelError);
    const serverSide = await rejection(api.users.putRaw('p4:weak', { password: USER_PASSWORD }));
    assert.ok(serverSide instanceof SecurityApiError);
    assert.equal(clientSide.issues[0]?.message, serverSide.reason);
    assert.equal(invalidUserNameMessage('p4:weak'), serverSide.reason);
  });

  test('client-side masked-field messages are the ones the plugin returns; what it accepts and then fails to mask, the client refuses', async () => {
    const dialect = (await api.flavour()).dialect;
    // A digest only the other generation has (2.x Bouncy Castle: BLAKE2B; 3.x Bouncy Castle FIPS: RIPEMD-160).
    const [ownDigest, otherDigest] = dialect === 'v3' ? ['Dest::RIPEMD-160', 'Dest::BLAKE2B-256'] : ['Dest::BLAKE2B-256', 'Dest::RIPEMD-160'];
    const invalid = ['a::NOPE-1', 'a::', 'a::b::c::d', 'a::/(/::x', 'a::x::y', 'a::::y', 'a::/.*/::$9', 'a::/.*/::$', 'a::/.*/::\\', 'a::/.*/::${n}', 'a::/.*/::$x',
      'Dest::/[a-z]/::$9', '/[/', otherDigest];
    for (const expression of invalid) assert.equal(parseMaskedFieldExpression(expression, { dialect }).ok, false, `the client refuses ${expression}`);
    const err = await rejection(api.roles.putRaw('p4-masked-probe', { index_permissions: [{ index_patterns: ['p4'], masked_fields: invalid }] }));
    assert.ok(err instanceof SecurityApiError);
    assert.equal(err.reason, 'Wrong datatype');
    const body = err.meta.body as Record<string, string | null>;
    // The server rejects exactly the entries the SDK says it rejects (with the SDK's text where it claims it exact) ...
    const failsOnUse: string[] = [];
    for (const expression of invalid) {
      const a = analyzeMaskedField(expression, { dialect });
      const key = maskedFieldErrorKey(expression);
      if (a.rejected === undefined) {
        assert.equal(key in body, false, `the server accepts ${expression} (it fails when masking): ${JSON.stringify(body[key])}`);
        assert.ok(a.failsOnUse, expression);
        failsOnUse.push(expression);
        continue;
      }
      assert.ok(key in body, `the server rejects ${expression}`);
      const server = body[key];
      if (a.rejected.exact) assert.equal(a.rejected.message, server, expression);
      else if (a.rejected.serverMessage !== undefined) assert.equal(a.rejected.serverMessage, server, expression);
      else assert.equal(server, null, expression);
    }
    // ... and accepts the rest, which the client refuses by design: 2.x checks a replacement only when its regex matches
    // the 5-byte probe it masks, 3.x never; 2.x compiles a /regex/ field part only when it evaluates the role.
    assert.deepEqual(failsOnUse, dialect === 'v3'
      ? ['a::/.*/::$9', 'a::/.*/::$', 'a::/.*/::\\', 'a::/.*/::${n}', 'a::/.*/::$x', 'Dest::/[a-z]/::$9']
      : ['Dest::/[a-z]/::$9', '/[/']);
    await api.roles.putRaw('p4-masked-probe', { index_permissions: [{ index_patterns: ['p4'], masked_fields: failsOnUse }] });
    // Accepted, such an entry fails every search whose hits it masks: the plugin's own error, the SDK's failsOnUse text.
    await api.roles.putRaw('p4-masked-probe', { index_permissions: [{ index_patterns: ['flights'], allowed_actions: ['read'], masked_fields: ['Dest::/[a-z]/::$9'] }] });
    await api.users.ensure('p4-mask-user', { password: USER_PASSWORD });
    await api.roleMappings.addUsers('p4-masked-probe', ['p4-mask-user']);
    const limited = new Client({ node: conn.opensearch.url, auth: { username: 'p4-mask-user', password: USER_PASSWORD }, ssl: { ca }, maxRetries: 0 });
    try {
      const failed = await rejection(limited.search({ index: 'flights', body: { size: 1, query: { match_all: {} } } }));
      const reason = (failed as { meta?: { body?: { error?: { root_cause?: Array<{ reason?: string }> } } } }).meta?.body?.error?.root_cause?.[0]?.reason;
      assert.equal(reason, analyzeMaskedField('Dest::/[a-z]/::$9', { dialect }).failsOnUse?.message);
    } finally {
      await limited.close();
    }
    // And what the client accepts, the server accepts.
    const valid = ['Dest', 'Dest::SHA-256', 'Dest::sha-512', 'Dest::MD5', ownDigest, 'Origin::/^(..).*/::$1xx', 'Carrier::/a/::b::/c/::d'];
    for (const expression of valid) assert.equal(parseMaskedFieldExpression(expression, { dialect }).ok, true, expression);
    await api.roles.put('p4-masked-probe', { index_permissions: [{ index_patterns: ['p4'], masked_fields: valid }] });
    await api.roles.delete('p4-masked-probe');
  });

  test('the legacy _opendistro prefix reads and writes the same configuration', async () => {
    assert.deepEqual(await legacy.roles.get(ROLE), await api.roles.get(ROLE));
    assert.equal((await legacy.authInfo()).user_name, conn.users.master.username);
    assert.equal((await legacy.health()).status, 'UP');
    await legacy.roles.ensure('p4-legacy-role', { cluster_permissions: ['cluster_monitor'] });
    await legacy.roleMappings.addUsers('p4-legacy-role', ['p4-legacy-user']);
    assert.deepEqual((await api.roleMappings.get('p4-legacy-role'))?.users, ['p4-legacy-user']);
    assert.equal((await legacy.plan({ roles: { 'p4-legacy-role': { cluster_permissions: ['cluster_monitor'] } } })).empty, true);
  });

  test('addMasterUser maps an IAM role ARN as backend role, user names and IAM user ARNs as users', async () => {
    // security_manager grants restapi:admin/*: on this domain (no REST admin for master-user) the plugin
    // refuses changes to its mapping with 403 "Access denied", which addMasterUser reports as skipped.
    const byArn = await api.addMasterUser(MASTER_ARN);
    assert.equal(byArn.field, 'backend_roles');
    assert.deepEqual(byArn.mappings.map((m) => [m.role, m.field, m.changed]), [['all_access', 'backend_roles', [MASTER_ARN]]]);
    assert.deepEqual(byArn.skipped.map((s) => s.role), ['security_manager']);
    assert.match(byArn.skipped[0]?.reason ?? '', /^Access denied: /);
    const byName = await api.addMasterUser(MASTER_NAME);
    assert.equal(byName.field, 'users');
    const allAccess = await api.roleMappings.get('all_access');
    assert.ok(allAccess?.backend_roles?.includes(MASTER_ARN));
    assert.ok(allAccess?.users?.includes(MASTER_NAME));
    assert.ok(allAccess?.users?.includes(conn.users.master.username), 'the existing master user stays mapped');
    const iamUser = IAM_USER_ARN;
    assert.equal((await api.addMasterUser(iamUser)).field, 'users');
    assert.ok((await api.roleMappings.get('all_access'))?.users?.includes(iamUser));
    assert.deepEqual((await api.roleMappings.removeUsers('all_access', [iamUser, MASTER_NAME])).changed.sort(), [iamUser, MASTER_NAME].sort());
    assert.deepEqual((await api.roleMappings.removeBackendRoles('all_access', [MASTER_ARN])).changed, [MASTER_ARN]);
    await assert.rejects(api.addMasterUser('arn:aws:sts::123456789012:assumed-role/p4-master-role/session'), /map arn:aws:iam::123456789012:role\/p4-master-role/);
  });

  test('authInfo, health, account, tenancy config and cache flush', async () => {
    const who = await api.authInfo();
    assert.equal(who.user_name, conn.users.master.username);
    assert.ok(who.roles?.includes('all_access'));
    // 3.x adds the settings it runs with
    const health = await api.health();
    assert.deepEqual(health, conn.opensearch.version.startsWith('2.') ? { message: null, mode: 'strict', status: 'UP' }
      : { message: null, mode: 'strict', status: 'UP', settings: { 'plugins.security.cache.ttl_minutes': 60 } });
    assert.equal((await api.account.get()).user_name, conn.users.master.username);
    const weak = await rejection(api.account.changePassword(conn.users.master.password, 'password1'));
    assert.ok(weak instanceof SecurityApiError);
    assert.equal(weak.reason, 'Weak password');
    const tenancy = await api.tenancyConfig.get();
    assert.equal(typeof tenancy.multitenancy_enabled, 'boolean');
    const { sign_in_options: _s, ...writable } = tenancy;
    assert.deepEqual(await api.tenancyConfig.put(writable), tenancy);
    assert.equal((await api.flushCache()).message, 'Cache flushed successfully.');
  });
});
