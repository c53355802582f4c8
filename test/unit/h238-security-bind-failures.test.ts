/**
 * Review 237's findings on the security REST API (helper 238). (a) A 500 that is the plugin's Jackson failure to bind
 * the entity it was given (a nested unknown key, a string for a list) is a SecurityApiError naming the field, decided
 * by the request's path, the status and `error.type`: the same body answering a search stays unclassified. (b) A
 * patch operation whose value does not have the shape a whole-entity write is held to is refused before anything is
 * sent. (c) users.delete refuses the calling user unless `allowSelf`, reading authinfo once per SecurityApi.
 * The bodies are the ones 2.19.4 and 3.4.0 answered (identical on both).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyResponse } from '../../src/errors/classify.js';
import { ConfigError } from '../../src/errors/classes.js';
import { SecurityApi } from '../../src/security/index.js';
import { SecurityModelError } from '../../src/security/model-error.js';

const CHAIN_ZZZ = ' at [Source: UNKNOWN; byte offset: #UNKNOWN] (through reference chain: org.opensearch.security.securityconf.impl.v7.RoleV7["index_permissions"]->java.util.ArrayList[0]->org.opensearch.security.securityconf.impl.v7.RoleV7$Index["zzz"])';
const UNRECOGNIZED = `Unrecognized field "zzz" (class org.opensearch.security.securityconf.impl.v7.RoleV7$Index), not marked as ignorable (5 known properties: "index_patterns", "dls", "fls", "allowed_actions", "masked_fields"])\n${CHAIN_ZZZ}`;
const MISMATCH = 'Cannot construct instance of `java.util.ArrayList` (although at least one Creator exists): no String-argument constructor/factory method to deserialize from String value (\'a\')\n at [Source: UNKNOWN; byte offset: #UNKNOWN] (through reference chain: org.opensearch.security.securityconf.impl.v7.RoleV7["index_permissions"]->java.util.ArrayList[0]->org.opensearch.security.securityconf.impl.v7.RoleV7$Index["index_patterns"])';
const TENANT = 'com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException: Unrecognized field "q" (class org.opensearch.security.securityconf.impl.v7.RoleV7$Tenant), not marked as ignorable (2 known properties: "tenant_patterns", "allowed_actions"])\n at [Source: UNKNOWN; byte offset: #UNKNOWN] (through reference chain: org.opensearch.security.securityconf.impl.v7.RoleV7["tenant_permissions"]->java.util.ArrayList[0]->org.opensearch.security.securityconf.impl.v7.RoleV7$Tenant["q"])';

function osError(type: string, reason: string): Record<string, unknown> {
  return { error: { root_cause: [{ type, reason }], type, reason }, status: 500 };
}
const classify = (path: string, body: unknown, statusCode = 500) => classifyResponse({ statusCode, method: 'PUT', path, body, headers: {} });

describe('h238 (a): the plugin\'s Jackson failures of a security REST API request are SecurityApiErrors naming the field', () => {
  test('PUT: unrecognized_property_exception names the nested key in invalidKeys', () => {
    const c = classify('/_plugins/_security/api/roles/x', osError('unrecognized_property_exception', UNRECOGNIZED));
    assert.equal(c.kind, 'security_api');
    assert.ok(c.kind === 'security_api');
    assert.deepEqual(c.details.invalidKeys, ['index_permissions[0].zzz']);
    assert.equal(c.details.apiStatus, 'INTERNAL_SERVER_ERROR');
    assert.match(c.details.reason, /^Unrecognized field "zzz"/);
    assert.match(c.message, /invalid keys: index_permissions\[0\]\.zzz/);
  });
  test('PATCH: unchecked_i_o_exception opening with the Jackson class is read the same (entity and collection paths)', () => {
    for (const path of ['/_plugins/_security/api/roles/x', '/_plugins/_security/api/roles', '_opendistro/_security/api/roles?pretty']) {
      const c = classify(path, osError('unchecked_i_o_exception', `com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException: ${UNRECOGNIZED}`));
      assert.ok(c.kind === 'security_api', path);
      assert.deepEqual(c.details.invalidKeys, ['index_permissions[0].zzz']);
    }
    const t = classify('/_plugins/_security/api/roles/x', osError('unchecked_i_o_exception', TENANT));
    assert.ok(t.kind === 'security_api');
    assert.deepEqual(t.details.invalidKeys, ['tenant_permissions[0].q']);
  });
  test('a string where a list belongs: wrongDatatypes names the field, "Array expected"', () => {
    for (const [type, reason] of [['mismatched_input_exception', MISMATCH], ['unchecked_i_o_exception', `com.fasterxml.jackson.databind.exc.MismatchedInputException: ${MISMATCH}`]] as const) {
      const c = classify('/_plugins/_security/api/roles/x', osError(type, reason));
      assert.ok(c.kind === 'security_api', type);
      assert.deepEqual(c.details.wrongDatatypes, { 'index_permissions[0].index_patterns': 'Array expected' });
      assert.deepEqual(c.details.invalidKeys, []);
    }
  });
  test('the same bodies answering any other path stay unclassified (a search hit quoting them decides nothing)', () => {
    for (const path of ['/logs/_search', '/_plugins/_security/authinfo', '/logs/_doc/_plugins/_security/api/roles', '/_plugins/_securityx/api/roles/x', '']) {
      assert.equal(classify(path, osError('unrecognized_property_exception', UNRECOGNIZED)).kind, 'unclassified', path);
      assert.equal(classify(path, osError('unchecked_i_o_exception', TENANT)).kind, 'unclassified', path);
    }
    // a search whose failure quotes a document holding the Jackson text: its type is not a Jackson type
    const hit = osError('search_phase_execution_exception', `com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException: ${UNRECOGNIZED}`);
    assert.equal(classify('/logs/_search', hit).kind, 'unclassified');
    assert.equal(classify('/_plugins/_security/api/roles/x', hit).kind, 'unclassified');
  });
  test('not a 500, or an unchecked_i_o_exception that does not open with a Jackson class: unclassified', () => {
    assert.equal(classify('/_plugins/_security/api/roles/x', { ...osError('unrecognized_property_exception', UNRECOGNIZED), status: 502 }, 502).kind, 'unavailable');
    assert.equal(classify('/_plugins/_security/api/roles/x', osError('unrecognized_property_exception', UNRECOGNIZED), 400).kind, 'unclassified');
    assert.equal(classify('/_plugins/_security/api/roles/x', osError('unchecked_i_o_exception', `disk full; ${TENANT}`)).kind, 'unclassified');
  });
  test('a chain link that does not read as one names no field (no guess); the top-level Unrecognized field is used', () => {
    const odd = UNRECOGNIZED.replace('RoleV7$Index["zzz"]', 'RoleV7$Index["z->"q"]');
    const c = classify('/_plugins/_security/api/roles/x', osError('unrecognized_property_exception', odd));
    assert.ok(c.kind === 'security_api');
    assert.deepEqual(c.details.invalidKeys, ['zzz']);
  });
});

/** A SecurityApi over a client whose transport records every request and answers as the plugin would. */
function recorded(userName: string | null = 'h238-me'): { api: SecurityApi; sent: Array<{ method: string; path: string; body?: unknown }> } {
  const sent: Array<{ method: string; path: string; body?: unknown }> = [];
  const client = {
    transport: {
      async request(params: { method: string; path: string; body?: unknown }): Promise<{ body: unknown; statusCode: number }> {
        sent.push(params);
        if (params.path === '/') return { statusCode: 200, body: { version: { distribution: 'opensearch', number: '2.19.4' } } };
        if (params.path.endsWith('/authinfo')) return { statusCode: 200, body: { user_name: userName, roles: ['all_access'], backend_roles: [] } };
        return { statusCode: 200, body: { status: 'OK', message: 'done' } };
      },
    },
  };
  return { api: new SecurityApi(client), sent };
}
const writes = (sent: Array<{ method: string; path: string }>) => sent.filter((r) => r.method !== 'GET');

describe('h238 (b): patch values are shape-checked as whole-entity writes are, before anything is sent', () => {
  const refused: Array<[string, unknown[], string]> = [
    ['unknown key in an index permission', [{ op: 'add', path: '/index_permissions/0/zzz', value: 1 }], 'index_permissions[0].zzz'],
    ['a string for index_patterns', [{ op: 'add', path: '/index_permissions', value: [{ index_patterns: 'a', allowed_actions: ['read'] }] }], 'index_permissions[0].index_patterns'],
    ['a number for dls (stored as the text "5")', [{ op: 'add', path: '/index_permissions/-', value: { index_patterns: ['a'], dls: 5 } }], 'index_permissions[-].dls'],
    ['dls replaced by a number', [{ op: 'replace', path: '/index_permissions/2/dls', value: 5 }], 'index_permissions[2].dls'],
    ['a dls object on the wire (the node stores a string)', [{ op: 'add', path: '/index_permissions/0/dls', value: { match_all: {} } }], 'index_permissions[0].dls'],
    ['a number in masked_fields', [{ op: 'add', path: '/index_permissions/0/masked_fields/-', value: 7 }], 'index_permissions[0].masked_fields[-]'],
    ['fls that is not a list', [{ op: 'add', path: '/index_permissions/0/fls', value: '~secret' }], 'index_permissions[0].fls'],
    ['unknown key in a tenant permission', [{ op: 'add', path: '/tenant_permissions/-', value: { tenant_patterns: ['t'], q: 1 } }], 'tenant_permissions[-].q'],
    ['a string for cluster_permissions', [{ op: 'replace', path: '/cluster_permissions', value: 'x' }], 'cluster_permissions'],
    ['a whole role of the wrong shape', [{ op: 'add', path: '', value: { index_permissions: [{ index_patterns: ['a'], zzz: 1 }] } }], 'index_permissions[0].zzz'],
  ];
  for (const [what, ops, path] of refused) {
    test(`roles.patch(name): ${what}`, async () => {
      const { api, sent } = recorded();
      const err = await api.roles.patch('h238-r', ops as never).then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof SecurityModelError, String(err));
      assert.deepEqual(err.issues.map((i) => i.path), [path]);
      assert.match(err.message, /operations\[0\]/);
      assert.deepEqual(writes(sent), []);
    });
  }
  test('a collection PATCH: the entity name is stripped from the path and named in the message', async () => {
    const { api, sent } = recorded();
    const err = await api.roles.patch([{ op: 'add', path: '/h238-ok/description', value: 'x' }, { op: 'add', path: '/h238-r/index_permissions/0/zzz', value: 1 }] as never).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof SecurityModelError);
    assert.deepEqual(err.issues.map((i) => i.path), ['index_permissions[0].zzz']);
    assert.match(err.message, /operations\[1\] .*"h238-r"/);
    assert.deepEqual(writes(sent), []);
  });
  test('other kinds: a mapping\'s users entry, a user\'s attribute, an action group\'s type', async () => {
    const { api, sent } = recorded();
    const cases: Array<[Promise<unknown>, string]> = [
      [api.roleMappings.patch('m', [{ op: 'add', path: '/users/-', value: 5 }] as never), 'users[-]'],
      [api.users.patch('u', [{ op: 'add', path: '/attributes/team', value: 1 }] as never), 'attributes.team'],
      [api.users.patch('u', [{ op: 'add', path: '/backend_roles', value: 'admin' }] as never), 'backend_roles'],
      [api.actionGroups.patch('g', [{ op: 'add', path: '/type', value: 3 }] as never), 'type'],
    ];
    for (const [p, path] of cases) {
      const err = await p.then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof SecurityModelError, path);
      assert.deepEqual(err.issues.map((i) => i.path), [path]);
    }
    assert.deepEqual(writes(sent), []);
  });
  test('well-shaped operations, removes and top-level keys the entity does not take are sent (the plugin answers those itself)', async () => {
    const { api, sent } = recorded();
    await api.roles.patch('h238-r', [
      { op: 'add', path: '/index_permissions/0/dls', value: '{"match_all":{}}' },
      { op: 'add', path: '/index_permissions/-', value: { index_patterns: ['a'], allowed_actions: ['read'], fls: ['~secret'], masked_fields: ['f'] } },
      { op: 'remove', path: '/index_permissions/0/zzz' },
      { op: 'add', path: '/zzz', value: 1 },
      { op: 'add', path: '/index_permissions/0/dls/x/y', value: 1 },
    ] as never);
    await api.actionGroups.patch('g', [{ op: 'add', path: '/type', value: 'index' }]);
    await api.users.patch('u', [{ op: 'add', path: '/password', value: 'Aa1!aaaaaaaa' }]);
    assert.equal(writes(sent).length, 3);
  });
});

describe('h238 (c): users.delete refuses the calling user unless allowSelf', () => {
  test('the caller is refused naming `name`, nothing sent; another user is deleted; authinfo read once', async () => {
    const { api, sent } = recorded('h238-me');
    const err = await api.users.delete('h238-me').then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof SecurityModelError, String(err));
    assert.deepEqual(err.issues.map((i) => i.path), ['name']);
    assert.match(err.message, /allowSelf/);
    // the node deletes `h238+me` as written, never `h238 me` (2.19.4 and 3.4.0, h242): the caller `h238 me` may delete it
    const { api: spaced, sent: spacedSent } = recorded('h238 me');
    await spaced.users.delete('h238+me');
    assert.deepEqual(writes(spacedSent).map((r) => r.path), ['/_plugins/_security/api/internalusers/h238%2Bme']);
    await api.users.delete('h238-other');
    await api.users.delete('h238-other2');
    assert.deepEqual(writes(sent).map((r) => `${r.method} ${r.path}`), ['DELETE /_plugins/_security/api/internalusers/h238-other', 'DELETE /_plugins/_security/api/internalusers/h238-other2']);
    assert.equal(sent.filter((r) => r.path.endsWith('/authinfo')).length, 1);
  });
  test('allowSelf: true deletes the caller without reading authinfo', async () => {
    const { api, sent } = recorded('h238-me');
    await api.users.delete('h238-me', { allowSelf: true });
    assert.deepEqual(writes(sent).map((r) => r.path), ['/_plugins/_security/api/internalusers/h238-me']);
    assert.equal(sent.filter((r) => r.path.endsWith('/authinfo')).length, 0);
  });
  test('a caller authinfo does not name (null user_name) does not block', async () => {
    const { api, sent } = recorded(null);
    await api.users.delete('h238-me');
    assert.equal(writes(sent).length, 1);
  });
  test('bad options are ConfigErrors naming them, before anything is sent', async () => {
    const { api, sent } = recorded('h238-me');
    for (const [options, name] of [[{ allowself: true }, 'options.allowself'], [{ allowSelf: 'yes' }, 'options.allowSelf'], [null, 'options'], ['x', 'options']] as const) {
      const err = await api.users.delete('h238-x', options as never).then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof ConfigError, JSON.stringify(options));
      assert.equal(err.option, name);
    }
    assert.deepEqual(writes(sent), []);
  });
});
