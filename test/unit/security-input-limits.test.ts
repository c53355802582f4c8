/**
 * The 3.8+ security REST API's size limits (input-limits.ts; plugin source, tag 3.8.0.0, PR #6224): every
 * string value of a written entity and a PUT/DELETE entity name at most 256 characters. Against a
 * loopback stub reporting each version: refused before anything is written on 3.8+, sent as before
 * below 3.8 and when the version is unknown. (What 2.19 and 3.4 accept: test/integration/security-input-limits.test.ts.)
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@opensearch-project/opensearch';
import { SecurityApi } from '../../src/security/api.js';
import { blankArrayElements, entityAfterPatch, overlongName, overlongStrings, restStringLimit, REST_STRING_LIMIT } from '../../src/security/input-limits.js';
import { SecurityModelError } from '../../src/security/model-error.js';
import { validateRole } from '../../src/security/model.js';
import { startRecordingStub, type RecordingStub } from '../support/recording-stub.js';

let stub: RecordingStub;
let version = '3.8.0';
/** Entities the stub holds, by endpoint (GET answers them; writes are recorded only). */
let stored: Record<string, Record<string, unknown>> = {};

before(async () => {
  stub = await startRecordingStub();
  stub.reply = (req) => {
    if (req.url === '/') return version === 'refused' ? { status: 403, body: { error: 'no' } } : { body: { version: { distribution: 'opensearch', number: version } } };
    const m = /^\/_plugins\/_security\/api\/(\w+)(?:\/([^?]+))?/.exec(req.url);
    const endpoint = m?.[1] ?? '';
    if (req.method === 'GET' && endpoint === 'account') return { body: { user_name: 'admin' } };
    if (req.method === 'GET') {
      const all = stored[endpoint] ?? {};
      if (m?.[2] === undefined) return { body: all };
      const name = decodeURIComponent(m[2]);
      return name in all ? { body: { [name]: all[name] } } : { status: 404, body: { status: 'NOT_FOUND', message: `'${name}' not found.` } };
    }
    return { status: req.method === 'PUT' ? 201 : 200, body: { status: 'OK', message: 'done' } };
  };
});

after(async () => stub.close());

async function withApi<T>(v: string, run: (api: SecurityApi) => Promise<T>): Promise<T> {
  version = v;
  stub.received.length = 0;
  const client = new Client({ node: stub.url });
  try {
    return await run(new SecurityApi(client));
  } finally {
    await client.close();
  }
}

const writes = (): string[] => stub.received.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.url}`);
/** A valid DLS query of at least `n` characters (a terms query over generated city names). */
function longDls(n: number): string {
  const cities: string[] = [];
  let text = '';
  while (text.length < n) {
    cities.push(`City${String(cities.length).padStart(3, '0')}`);
    text = JSON.stringify({ terms: { Dest: cities } });
  }
  return text;
}
const pad = (n: number, ch = 'x'): string => ch.repeat(n);

describe('the 3.8+ REST API string limit, as a rule', () => {
  test('limit by version: 256 from OpenSearch 3.8 on; none before, for other distributions or an unknown version', () => {
    assert.equal(REST_STRING_LIMIT, 256);
    for (const v of ['3.8.0', '3.8.0.0', '3.9.1', '3.10.0', '4.0.0']) assert.equal(restStringLimit({ distribution: 'opensearch', version: v }), 256, v);
    for (const v of ['3.7.0', '3.4.0', '2.19.4', '1.3.20', 'unknown']) assert.equal(restStringLimit({ distribution: 'opensearch', version: v }), undefined, v);
    assert.equal(restStringLimit({ distribution: 'elasticsearch', version: '7.10.2' }), undefined);
    assert.equal(restStringLimit({ distribution: 'unknown', version: 'unknown' }), undefined);
  });

  test('every string value over the limit, with its path and length; 256 passes; keys, numbers and booleans are not values judged', () => {
    const entity = {
      description: pad(256),
      index_permissions: [{ index_patterns: ['a'], dls: pad(257), masked_fields: ['ok', pad(300)] }],
      attributes: { [pad(400)]: 'short', long: pad(1000) },
      n: 10 ** 300,
      b: true,
    };
    const issues = overlongStrings(entity, 256);
    assert.deepEqual(issues.map((i) => i.path), ['index_permissions[0].dls', 'index_permissions[0].masked_fields[1]', 'attributes.long']);
    assert.match(issues[0]?.message ?? '', /^257 characters: the security REST API of OpenSearch 3\.8\+ refuses string values longer than 256 \(400 "String value exceeds the maximum allowed length of 256 characters"\)$/);
    assert.equal(overlongStrings(pad(10), 256).length, 0);
  });

  test('length in UTF-16 code units, as Java counts: 128 emoji are 256, one more is over', () => {
    assert.equal(overlongStrings({ d: '😀'.repeat(128) }, 256).length, 0);
    assert.equal(overlongStrings({ d: `${'😀'.repeat(128)}a` }, 256).length, 1);
    assert.equal(overlongStrings({ d: 'é'.repeat(256) }, 256).length, 0);
  });

  test('a password over the limit is named by path and length only, never by value', () => {
    const secret = `S3cret-${pad(300, 'q')}`;
    const [issue] = overlongStrings({ password: secret }, 256);
    assert.equal(issue?.path, 'password');
    assert.ok(!(issue?.message ?? '').includes('qqqq'));
  });

  test('entity names: 256 passes, 257 is refused', () => {
    assert.equal(overlongName(pad(256), 256), undefined);
    assert.match(overlongName(pad(257), 256)?.message ?? '', /^257 characters: .*entity names longer than 256/);
  });

  test('the entity a PATCH leaves: top-level add/replace/remove applied, a deeper operation judged by its value, `~1` unescaped', () => {
    const after = entityAfterPatch({ description: pad(300), users: ['a'], 'x/y': 1 }, [
      { op: 'add', path: '/description', value: 'short' },
      { op: 'add', path: '/users/-', value: pad(301) },
      { op: 'remove', path: '/x~1y' },
    ]);
    assert.deepEqual(Object.keys(after).sort(), ['/users/-', 'description', 'users']);
    assert.deepEqual(overlongStrings(after, 256).map((i) => i.path), ['/users/-']);
  });
});

describe('SecurityApi writes on 3.8+: refused before anything is sent', () => {
  test('roles.put with a DLS over 256 characters: SecurityModelError naming the path and length; no PUT sent', async () => {
    const dls = longDls(300);
    assert.ok(dls.length > 256);
    const err = await withApi('3.8.0', (api) => api.roles.put('long-dls', { index_permissions: [{ index_patterns: ['flights'], dls, allowed_actions: ['read'] }] }).then(() => undefined, (e: unknown) => e));
    assert.ok(err instanceof SecurityModelError, String(err));
    assert.deepEqual(err.issues.map((i) => i.path), ['index_permissions[0].dls']);
    assert.match(err.message, new RegExp(`^invalid roles 'long-dls': index_permissions\\[0\\]\\.dls: ${dls.length} characters`));
    assert.deepEqual(writes(), []);
  });

  test('the same role below 3.8 and with an unknown version is sent as before (the server decides)', async () => {
    for (const v of ['3.7.0', '3.4.0', '2.19.4', 'refused']) {
      await withApi(v, (api) => api.roles.put('long-dls', { index_permissions: [{ index_patterns: ['flights'], dls: longDls(300), allowed_actions: ['read'] }] }));
      assert.deepEqual(writes(), ['PUT /_plugins/_security/api/roles/long-dls'], v);
    }
  });

  test('a DLS query object whose JSON is over the limit is judged as the text it is written as', async () => {
    const terms = Array.from({ length: 40 }, (_, i) => `City${i}`);
    const err = await withApi('3.8.0', (api) => api.roles.put('obj', { index_permissions: [{ index_patterns: ['f'], dls: { terms: { Dest: terms } }, allowed_actions: ['read'] }] }).then(() => undefined, (e: unknown) => e));
    assert.ok(err instanceof SecurityModelError);
    assert.equal(err.issues[0]?.path, 'index_permissions[0].dls');
  });

  test('a name over 256 characters in a PUT path is refused; 256 is sent', async () => {
    const err = await withApi('3.8.0', (api) => api.roles.put(pad(257, 'r'), { cluster_permissions: [] }).then(() => undefined, (e: unknown) => e));
    assert.ok(err instanceof SecurityModelError);
    assert.equal(err.issues[0]?.path, 'name');
    assert.deepEqual(writes(), []);
    await withApi('3.8.0', (api) => api.roles.put(pad(256, 'r'), { cluster_permissions: [] }));
    assert.equal(writes().length, 1);
  });

  test('users.put with a password over the limit: refused, and the message does not hold the password', async () => {
    const password = `Pw-${pad(300, 'z')}`;
    const err = await withApi('3.8.0', (api) => api.users.put('alice', { password, backend_roles: [] }).then(() => undefined, (e: unknown) => e));
    assert.ok(err instanceof SecurityModelError);
    assert.equal(err.issues[0]?.path, 'password');
    assert.ok(!err.message.includes('zzzz') && !JSON.stringify(err.issues).includes('zzzz'));
    assert.deepEqual(writes(), []);
  });

  test('ensure of an existing entity judges what the PATCH leaves: a long stored value blocks a change elsewhere, replacing it passes', async () => {
    stored = { roles: { kept: { description: pad(300), cluster_permissions: ['cluster_monitor'] } } };
    try {
      const err = await withApi('3.8.0', (api) => api.roles.ensure('kept', { description: pad(300), cluster_permissions: ['cluster_composite_ops'] }).then(() => undefined, (e: unknown) => e));
      assert.ok(err instanceof SecurityModelError, String(err));
      assert.equal(err.issues[0]?.path, 'description');
      assert.deepEqual(writes(), []);
      const r = await withApi('3.8.0', (api) => api.roles.ensure('kept', { description: 'short now', cluster_permissions: ['cluster_composite_ops'] }));
      assert.equal(r.action, 'updated');
      assert.deepEqual(writes(), ['PATCH /_plugins/_security/api/roles/kept']);
      // below 3.8 the same change is sent
      await withApi('3.7.0', (api) => api.roles.ensure('kept', { description: pad(300), cluster_permissions: ['cluster_composite_ops'] }));
      assert.deepEqual(writes(), ['PATCH /_plugins/_security/api/roles/kept']);
    } finally {
      stored = {};
    }
  });

  test('plan refuses the whole plan before apply when one entity is over the limit; unchanged long entities do not block it', async () => {
    stored = { roles: { legacy: { description: pad(300), cluster_permissions: [] } }, actiongroups: {} };
    try {
      const desired = {
        actionGroups: { ag: { allowed_actions: ['indices:data/read/search'] } },
        roles: { legacy: { description: pad(300), cluster_permissions: [] }, fresh: { index_permissions: [{ index_patterns: ['f'], dls: longDls(280), allowed_actions: ['read'] }] } },
      };
      const err = await withApi('3.8.0', (api) => api.plan(desired).then(() => undefined, (e: unknown) => e));
      assert.ok(err instanceof SecurityModelError, String(err));
      assert.match(err.message, /^invalid roles 'fresh': index_permissions\[0\]\.dls: \d+ characters/);
      assert.deepEqual(writes(), []);
      // without the long new role: the plan is made, and `legacy` (unchanged) is not judged
      const plan = await withApi('3.8.0', (api) => api.plan({ ...desired, roles: { legacy: desired.roles.legacy } }));
      assert.deepEqual(plan.roles.unchanged, ['legacy']);
      assert.deepEqual(plan.actionGroups.created, ['ag']);
    } finally {
      stored = {};
    }
  });
});

describe('the 3.4+ REST API refuses blank array elements (hasNullOrBlankArrayElement)', () => {
  test('as a rule: blank or null elements of arrays at any depth, by path; blank as Java trim() sees it; object values are not elements', () => {
    const issues = blankArrayElements({ users: ['a', '', ' \t'], index_permissions: [{ fls: ['x', '\u0001'], masked_fields: ['\u00a0'] }], description: '', attributes: { k: '' } });
    assert.deepEqual(issues.map((i) => i.path).sort(), ['index_permissions[0].fls[1]', 'users[1]', 'users[2]']);
    assert.deepEqual(blankArrayElements({ users: [null] }).map((i) => i.path), ['users[0]']);
    // a PATCH on 3.7+: a field equal to the stored one (key order aside) is not judged
    assert.deepEqual(blankArrayElements({ users: [''], backend_roles: ['b'] }, { users: [''], backend_roles: [] }), []);
    assert.equal(blankArrayElements({ users: ['', 'x'] }, { users: ['x', ''] }).length, 1, 'arrays compare in order');
  });

  test('by version: refused before anything is sent on 3.4+, sent on 3.3 and 2.19; a stored blank blocks other changes up to 3.6, not on 3.7+', async () => {
    const mapping = { users: ['alice', ''], backend_roles: [] };
    for (const v of ['3.4.0', '3.8.0']) {
      const err = await withApi(v, (api) => api.roleMappings.put('m', mapping).then(() => undefined, (e: unknown) => e));
      assert.ok(err instanceof SecurityModelError, `${v}: ${String(err)}`);
      assert.equal(err.issues[0]?.path, 'users[1]');
      assert.match(err.message, /blank/);
      assert.deepEqual(writes(), []);
    }
    for (const v of ['3.3.0', '2.19.4']) {
      await withApi(v, (api) => api.roleMappings.put('m', mapping));
      assert.deepEqual(writes(), ['PUT /_plugins/_security/api/rolesmapping/m'], v);
    }
    stored = { rolesmapping: { m: { users: ['alice', ''], backend_roles: [], hosts: [] } } };
    try {
      const err = await withApi('3.6.0', (api) => api.roleMappings.ensure('m', { users: ['alice', ''], backend_roles: ['ops'] }).then(() => undefined, (e: unknown) => e));
      assert.ok(err instanceof SecurityModelError, String(err));
      assert.deepEqual(writes(), []);
      await withApi('3.7.0', (api) => api.roleMappings.ensure('m', { users: ['alice', ''], backend_roles: ['ops'] }));
      assert.deepEqual(writes(), ['PATCH /_plugins/_security/api/rolesmapping/m']);
    } finally {
      stored = {};
    }
  });

  test('plan on 3.4+ is refused whole: no role is written before the mapping that carries the blank', async () => {
    stored = { roles: {}, rolesmapping: {} };
    try {
      const desired = { roles: { r1: { cluster_permissions: ['cluster_monitor'] } }, roleMappings: { r1: { users: ['alice', ' '] } } };
      const err = await withApi('3.4.0', (api) => api.plan(desired).then(() => undefined, (e: unknown) => e));
      assert.ok(err instanceof SecurityModelError, String(err));
      assert.match(err.message, /rolesmapping 'r1'|roleMappings 'r1'|r1/);
      assert.deepEqual(writes(), []);
    } finally {
      stored = {};
    }
  });
});

describe('validateRole with pluginVersion', () => {
  const role = { description: pad(300), index_permissions: [{ index_patterns: ['f'], dls: longDls(270), allowed_actions: ['read'] }] };

  test('3.8+: a warning per string over 256 characters (a role loaded from roles.yml is not limited, so not an error)', () => {
    const report = validateRole(role, { pluginVersion: '3.8.0' });
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.warnings.map((w) => w.path), ['description', 'index_permissions[0].dls']);
    assert.match(report.warnings[0]?.message ?? '', /300 characters: .*OpenSearch 3\.8\+.*roles\.yml loaded by securityadmin is not limited$/);
  });

  test('below 3.8 or without a version: no such warning; a version that is not one is a TypeError naming the option', () => {
    assert.deepEqual(validateRole(role, { pluginVersion: '3.7.0' }).warnings, []);
    assert.deepEqual(validateRole(role).warnings, []);
    assert.throws(() => validateRole(role, { pluginVersion: 'latest' }), /validateRole: options\.pluginVersion must be a version such as 3\.8\.0, got "latest"/);
  });
});

describe('validateRole and blank list elements (3.4+ refuses them in every list of a role; 2.19 stores them)', () => {
  const role = {
    cluster_permissions: ['cluster_composite_ops_ro', ''],
    index_permissions: [{ index_patterns: ['f', ' '], allowed_actions: ['read', '\t'], fls: ['a'], masked_fields: ['b', ' '] }],
    tenant_permissions: [{ tenant_patterns: ['\n'], allowed_actions: ['kibana_all_read'] }],
  };
  const BLANK_PATHS = [
    'cluster_permissions[1]', 'index_permissions[0].allowed_actions[1]', 'index_permissions[0].index_patterns[1]', 'index_permissions[0].masked_fields[1]',
    'tenant_permissions[0].tenant_patterns[0]',
  ];
  const blankPaths = (warnings: ReadonlyArray<{ path: string; message: string }>): string[] =>
    warnings.filter((w) => /blank text: the security REST API of OpenSearch 3\.4\+ refuses it/.test(w.message)).map((w) => w.path).sort();

  test('3.4+ (and a v3 dialect without a version): a warning naming each blank element', () => {
    assert.deepEqual(blankPaths(validateRole(role, { pluginVersion: '3.4.0' }).warnings), BLANK_PATHS);
    assert.deepEqual(blankPaths(validateRole(role, { pluginVersion: '3.8.0' }).warnings), BLANK_PATHS);
    assert.deepEqual(blankPaths(validateRole(role, { dialect: 'v3' }).warnings), BLANK_PATHS);
  });

  test('2.x, 3.3 and no version with the v2 dialect: no such warning (those nodes store them)', () => {
    for (const options of [{ pluginVersion: '2.19.4' }, { pluginVersion: '3.3.0' }, {}, { dialect: 'v2' as const }]) {
      assert.deepEqual(blankPaths(validateRole(role, options).warnings), [], JSON.stringify(options));
    }
  });

  test('text with a character above U+0020 is not blank (U+00A0, U+2003 are stored by 3.4)', () => {
    const fine = { cluster_permissions: ['\u00a0', '\u2003', ' x '] };
    assert.deepEqual(blankPaths(validateRole(fine, { pluginVersion: '3.4.0' }).warnings), []);
  });
});
