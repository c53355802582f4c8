/**
 * 2.x's FLS exact-name shortcut on the REAL node (2.19.4, or 3.4 with FGAC_DOMAIN_DIR=.local-domain/opensearch-3):
 * while no merged entry holds `.` or `*`, the 2.x plugin compares EVERY entry as an exact field name, so a valid
 * `a?c` or `/ab+/` matches only the field named so (DlsFlsFilterLeafReader's canOptimize); 3.x reads them as a
 * wildcard and a regex. The fields an `exists` query finds for the user (what searches, aggregations and doc values
 * read) must be the fields isFieldVisible calls visible with the node's version, and the user's `_source` what
 * filterDocument shows. (2.x's field_caps still lists fields by pattern: it is not what a search can read.)
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { pluginMajorVersion } from '../../src/fgac/plugin-version.js';
import { compileFls, filterDocument, isFieldVisible } from '../../src/verify/fls.js';
import { loadConnection } from '../domain/connection.js';
import { afterConflicts } from '../support/settle.js';
import { localBasicClients, restAnswer, restOk } from '../support/local-clients.js';

const conn = loadConnection();
const VERSION = conn.opensearch.version;
const MAJOR = pluginMajorVersion(VERSION) as number;
const API = '/_plugins/_security/api';
const USER = 'fc52-fls-user';
const ROLE = 'fc52-fls-role';
const PASSWORD = 'Fc52-fls-Passw0rd!7';
const INDEX = 'fc52-shortcut';
const DOC: Record<string, unknown> = { abc: 'p', 'a?c': 'q', abbc: 'r', '/ab+/': 's', ab: 't', zz: 'u' };
const FIELDS = Object.keys(DOC);
const { master, make, closeAll } = localBasicClients(conn);
const user = make(USER, PASSWORD);
const ok = (method: string, path: string, body?: unknown): Promise<void> => restOk(master, method, path, body);

/** FLS lists, and the fields the node shows on 2.x and on 3.x (written from the plugin's rules, checked by the node). */
const CASES: Array<{ fls: string[]; v2: string[]; v3: string[] }> = [
  { fls: ['a?c'], v2: ['a?c'], v3: ['a?c', 'abc'] },
  { fls: ['~a?c'], v2: ['/ab+/', 'ab', 'abbc', 'abc', 'zz'], v3: ['/ab+/', 'ab', 'abbc', 'zz'] },
  { fls: ['/ab+/'], v2: ['/ab+/'], v3: ['ab'] },
  { fls: ['~/ab+/'], v2: ['a?c', 'ab', 'abbc', 'abc', 'zz'], v3: ['/ab+/', 'a?c', 'abbc', 'abc', 'zz'] },
  // a `*` anywhere turns the shortcut off: 2.x then reads `?` as a wildcard too
  { fls: ['a?c', 'z*'], v2: ['a?c', 'abc', 'zz'], v3: ['a?c', 'abc', 'zz'] },
];

before(async () => {
  await restAnswer(master, 'DELETE', `/${INDEX}`);
  await ok('PUT', `/${INDEX}/_doc/1?refresh=true`, DOC);
});

after(async () => {
  await restAnswer(master, 'DELETE', `${API}/internalusers/${USER}`);
  await restAnswer(master, 'DELETE', `${API}/roles/${ROLE}`);
  await restAnswer(master, 'DELETE', `/${INDEX}`);
  await closeAll();
});

describe(`FLS's exact-name shortcut, on the real ${VERSION} node`, () => {
  for (const c of CASES) {
    test(`fls ${JSON.stringify(c.fls)}`, async () => {
      await afterConflicts(() => ok('PUT', `${API}/roles/${ROLE}`, { index_permissions: [{ index_patterns: [INDEX], allowed_actions: ['read'], fls: c.fls }] }));
      await afterConflicts(() => ok('PUT', `${API}/internalusers/${USER}`, { password: PASSWORD, opendistro_security_roles: [ROLE] }));
      const readable: string[] = [];
      for (const field of FIELDS) {
        const found = await restAnswer(user, 'POST', `/${INDEX}/_search`, { query: { exists: { field } } });
        assert.equal(found.status, 200, JSON.stringify(found.body));
        if ((found.body as { hits: { total: { value: number } } }).hits.total.value > 0) readable.push(field);
      }
      readable.sort();
      assert.deepEqual(readable, [...(MAJOR >= 3 ? c.v3 : c.v2)].sort(), 'the node, against what this test was written from');
      assert.deepEqual(FIELDS.filter((f) => isFieldVisible(f, [c.fls], 'leaf', { pluginVersion: VERSION })).sort(), readable, 'isFieldVisible with the node version');
      assert.deepEqual(FIELDS.filter((f) => compileFls([c.fls], { pluginVersion: VERSION }).isVisible(f, 'leaf')).sort(), readable, 'compileFls');
      const search = await restAnswer(user, 'POST', `/${INDEX}/_search`, { query: { match_all: {} } });
      const source = (search.body as { hits: { hits: Array<{ _source: Record<string, unknown> }> } }).hits.hits[0]?._source ?? {};
      assert.deepEqual(source, filterDocument(DOC, [c.fls], { pluginVersion: VERSION }), '_source');
    });
  }
});
