/**
 * FLS entries the plugin cannot compile (`/`, `~/`, `/[/`), on the REAL node (2.19.4, or 3.4 with
 * FGAC_DOMAIN_DIR=.local-domain/opensearch-3): 2.x compares them as exact names while no merged entry holds `.` or
 * `*`, and otherwise fails every search on the index; 3.0-3.5 drop the role's FLS from that index permission on
 * ("Ignoring role"; DLS and masks stay), so an index nothing else covers shows no field. For each case the user's
 * real `_source` must equal filterDocument over expectationsFromRoles' rules with the node's version, and verifyHits
 * must pass the real response and not pass one showing a field the node hides.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MaskingExpressionError } from '../../src/fgac/errors.js';
import { pluginMajorVersion } from '../../src/fgac/plugin-version.js';
import { expectationsFromRoles, type RoleLike } from '../../src/verify/expectations.js';
import { compileFls, filterDocument } from '../../src/verify/fls.js';
import { maskDocument } from '../../src/verify/masking.js';
import { verifyHits } from '../../src/verify/verifier.js';
import { fieldTypesFromMapping } from '../../src/verify/dls/mapping.js';
import { loadConnection } from '../domain/connection.js';
import { afterConflicts } from '../support/settle.js';
import { localBasicClients, localMasking, quickHash, restAnswer, restOk } from '../support/local-clients.js';

const conn = loadConnection();
const VERSION = conn.opensearch.version;
const MAJOR = pluginMajorVersion(VERSION) as number;
const MASKING = localMasking(conn);
const API = '/_plugins/_security/api';
const USER = 'fc51-fls-user';
const PASSWORD = 'Fc51-fls-Passw0rd!7';
const INDICES = ['fc51-a', 'fc51-b', 'fc51-c'];
const DOCS: Record<string, Record<string, unknown>> = { 1: { a: 'x', b: 'y', '/': 'z', o: { p: 1 } }, 2: { a: 'x2', b: 'n' } };
const { master, make, closeAll } = localBasicClients(conn);
const user = make(USER, PASSWORD);
const ok = (method: string, path: string, body?: unknown): Promise<void> => restOk(master, method, path, body);

type Perm = { index_patterns: string[]; fls?: string[]; dls?: string; masked_fields?: string[] };
/** Roles (one list of index permissions each), and per index what the node shows: 'fails', or the _source of each document. */
interface Case { roles: Perm[][]; v2: Record<string, 'fails' | 'shown'>; v3?: Record<string, 'shown'> }
const CASES: Record<string, Case> = {
  "fls ['/']": { roles: [[{ index_patterns: ['fc51-a'], fls: ['/'] }]], v2: { 'fc51-a': 'shown' } },
  "fls ['~/']": { roles: [[{ index_patterns: ['fc51-a'], fls: ['~/'] }]], v2: { 'fc51-a': 'shown' } },
  "fls ['/[/']": { roles: [[{ index_patterns: ['fc51-a'], fls: ['/[/'] }]], v2: { 'fc51-a': 'shown' } },
  "fls ['/', 'a*'] (past 2.x's shortcut)": { roles: [[{ index_patterns: ['fc51-a'], fls: ['/', 'a*'] }]], v2: { 'fc51-a': 'fails' } },
  "fls ['~/[/', '~x.y'] (past 2.x's shortcut)": { roles: [[{ index_patterns: ['fc51-a'], fls: ['~/[/', '~x.y'] }]], v2: { 'fc51-a': 'fails' } },
  'a later permission without FLS is cut too (3.x)': {
    roles: [[{ index_patterns: ['fc51-a'], fls: ['a'] }, { index_patterns: ['fc51-b'], fls: ['/'] }, { index_patterns: ['fc51-c'] }]],
    v2: { 'fc51-a': 'shown', 'fc51-b': 'shown', 'fc51-c': 'shown' },
  },
  'a failing * permission leaves the precomputed table going (3.x)': {
    roles: [[{ index_patterns: ['*'], fls: ['~/'] }, { index_patterns: ['fc51-c'] }]],
    v2: { 'fc51-a': 'shown', 'fc51-c': 'shown' },
  },
  'another role restricting the index': { roles: [[{ index_patterns: ['fc51-a'], fls: ['/'] }], [{ index_patterns: ['fc51-a'], fls: ['b'] }]], v2: { 'fc51-a': 'shown' } },
  'another role without FLS on the index': { roles: [[{ index_patterns: ['fc51-a'], fls: ['/'] }], [{ index_patterns: ['fc51-a'] }]], v2: { 'fc51-a': 'shown' } },
  'DLS and masks after the cut stay (3.x)': {
    roles: [[{ index_patterns: ['fc51-b'], fls: ['~zzz'] }, { index_patterns: ['fc51-a'], fls: ['/'] }, { index_patterns: ['fc51-b'], dls: '{"term":{"b":"y"}}', masked_fields: ['a'] }]],
    v2: { 'fc51-a': 'shown', 'fc51-b': 'shown' },
  },
};

const roleName = (i: number): string => `fc51-fls-role-${i}`;

async function grant(roles: Perm[][]): Promise<Record<string, RoleLike>> {
  const out: Record<string, RoleLike> = {};
  for (const [i, perms] of roles.entries()) {
    const role = { index_permissions: perms.map((p) => ({ allowed_actions: ['read'], ...p })) };
    out[roleName(i)] = role;
    await afterConflicts(() => ok('PUT', `${API}/roles/${roleName(i)}`, role));
  }
  await afterConflicts(() => ok('PUT', `${API}/internalusers/${USER}`, { hash: quickHash(PASSWORD), opendistro_security_roles: Object.keys(out) }));
  return out;
}

before(async () => {
  for (const index of INDICES) {
    await restAnswer(master, 'DELETE', `/${index}`);
    for (const [id, doc] of Object.entries(DOCS)) await ok('PUT', `/${index}/_doc/${id}?refresh=true`, doc);
  }
});

after(async () => {
  await restAnswer(master, 'DELETE', `${API}/internalusers/${USER}`);
  for (const i of [0, 1]) await restAnswer(master, 'DELETE', `${API}/roles/${roleName(i)}`);
  for (const index of INDICES) await restAnswer(master, 'DELETE', `/${index}`);
  await closeAll();
});

describe(`FLS entries that do not compile, on the real ${VERSION} node`, () => {
  for (const [label, c] of Object.entries(CASES)) {
    test(label, async () => {
      const roles = await grant(c.roles);
      for (const index of Object.keys(c.v2)) {
        const answer = await restAnswer(user, 'POST', `/${index}/_search`, { query: { match_all: {} }, sort: [{ _id: 'asc' }] });
        const fieldTypes = fieldTypesFromMapping((await restAnswer(master, 'GET', `/${index}/_mapping`)).body);
        const exp = expectationsFromRoles(roles, index, { name: USER }, { ...MASKING, fieldTypes, originals: new Map(Object.entries(DOCS).map(([id, d]) => [`${index}/${id}`, d])) });
        const lists = exp.indices[0]?.rules.map((r) => r.fls ?? []) ?? [];
        if (MAJOR < 3 && c.v2[index] === 'fails') {
          assert.equal(answer.status, 400, `${index}: ${JSON.stringify(answer.body)}`);
          assert.throws(() => filterDocument(DOCS[1], lists, { pluginVersion: VERSION }), (e: unknown) => e instanceof MaskingExpressionError && /2\.x fails every search/.test(e.message));
          // a response these roles cannot produce on 2.x: never a pass
          const forged = { hits: { hits: [{ _index: index, _id: '1', _source: { a: 'x' } }] } };
          const report = verifyHits(forged, exp);
          assert.notEqual(report.status, 'pass');
          assert.match(report.unverifiable.map((u) => u.reason).join(), /2\.x fails every search/);
          continue;
        }
        assert.equal(answer.status, 200, `${index}: ${JSON.stringify(answer.body)}`);
        const hits = (answer.body as { hits: { hits: Array<{ _id: string; _source: Record<string, unknown> }> } }).hits.hits;
        const masks = exp.indices[0]?.rules.flatMap((r) => r.maskedFields ?? []) ?? [];
        for (const hit of hits) {
          const doc = DOCS[hit._id] as Record<string, unknown>;
          const shown = filterDocument(doc, compileFls(lists, { pluginVersion: VERSION }), { pluginVersion: VERSION });
          assert.deepEqual(hit._source, masks.length > 0 ? maskDocument(shown, masks, MASKING) : shown, `${index}/${hit._id}`);
        }
        const report = verifyHits(answer.body, exp);
        assert.equal(report.status, 'pass', `${index}: ${JSON.stringify(report.hits.map((h) => [h.findings, h.unverifiable]))}`);
        // a hit showing every field of the document: a leak exactly when the node hides one of them
        const first = hits[0];
        if (first === undefined) continue;
        const full = DOCS[first._id] as Record<string, unknown>;
        const hides = JSON.stringify(Object.keys(first._source)) !== JSON.stringify(Object.keys(full));
        const forged = verifyHits({ hits: { hits: [{ ...first, _source: masks.length > 0 ? maskDocument(full, masks, MASKING) : full }] } }, exp);
        assert.equal(forged.status === 'pass', !hides, `${index}: ${forged.status}`);
      }
    });
  }

  test("without a plugin version the same roles are undecided: a hit showing '/' (2.x shows it, 3.x does not) is unverifiable, and filterDocument refuses", async () => {
    const roles = await grant([[{ index_patterns: ['fc51-a'], fls: ['/'] }]]);
    const answer = await restAnswer(user, 'POST', '/fc51-a/_search', { query: { match_all: {} }, sort: [{ _id: 'asc' }] });
    const real = (answer.body as { hits: { hits: Array<{ _source: Record<string, unknown> }> } }).hits.hits[0]?._source;
    assert.deepEqual(real, MAJOR >= 3 ? {} : { '/': 'z' });
    const { pluginVersion: _omit, ...noVersion } = MASKING;
    const forged = { hits: { hits: [{ _index: 'fc51-a', _id: '1', _source: { '/': 'z' } }] } };
    const report = verifyHits(forged, expectationsFromRoles(roles, 'fc51-a', { name: USER }, noVersion));
    assert.equal(report.status, 'unverifiable');
    assert.match(report.unverifiable.map((u) => u.reason).join(), /without the plugin version/);
    assert.throws(() => filterDocument(DOCS[1], [['/']]), (e: unknown) => e instanceof MaskingExpressionError && /pass pluginVersion/.test(e.message));
  });
});
