/**
 * Two masked_fields entries with DIFFERENT field patterns that match one field (`secret`, `sec?et::...`,
 * `/s.*\/`): on the REAL 2.x node the entry first in Java HashSet order of the entry strings masks it, in one
 * role or across roles; on 3.x the first within a role, across roles an order that is not stable. maskDocument
 * follows the node, and where the plugin's choice is not fixed it throws instead of predicting one value.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Client } from '@opensearch-project/opensearch';
import { MaskingExpressionError } from '../../src/fgac/errors.js';
import { pluginMajorVersion } from '../../src/fgac/plugin-version.js';
import { expectationsFromRoles } from '../../src/verify/expectations.js';
import { maskDocument } from '../../src/verify/masking.js';
import { verifyHits } from '../../src/verify/verifier.js';
import { loadConnection } from '../domain/connection.js';
import { localBasicClients, localMasking, restCaller } from '../support/local-clients.js';
import { afterConflicts } from '../support/settle.js';

const conn = loadConnection();
const VERSION = conn.opensearch.version;
const MAJOR = pluginMajorVersion(VERSION) as number;
const INDEX = 'fab4-overlap';
const USER = 'fab4-overlap-user';
const PASSWORD = 'Fab4-overlap-Passw0rd!5';
const DOC = { secret: 'sekrit1', other: 'plain' };
const MASKING = localMasking(conn);
const { master, make, closeAll } = localBasicClients(conn);
const request = restCaller(master);
let user: Client;
let roleCount = 0;

/** A security API write, again after a version conflict (other tests write the security index too). */
async function write(method: string, path: string, body?: unknown): Promise<void> {
  await afterConflicts(() => request(method, path, body));
}

type Roles = Record<string, { index_permissions: Array<{ index_patterns: string[]; allowed_actions: string[]; masked_fields: string[] }> }>;

/** Puts one role per list, maps the user to them, and returns the user's search answer and the roles. */
async function answer(lists: readonly (readonly string[])[]): Promise<{ body: { hits: { hits: Array<{ _source: typeof DOC }> } }; roles: Roles }> {
  const roles: Roles = {};
  for (const [i, masked] of lists.entries()) {
    roles[`fab4_overlap_${i}`] = { index_permissions: [{ index_patterns: [INDEX], allowed_actions: ['read'], masked_fields: [...masked] }] };
    await write('PUT', `/_plugins/_security/api/roles/fab4_overlap_${i}`, roles[`fab4_overlap_${i}`]);
  }
  for (let i = lists.length; i < roleCount; i++) await write('DELETE', `/_plugins/_security/api/roles/fab4_overlap_${i}`);
  roleCount = lists.length;
  await write('PUT', `/_plugins/_security/api/internalusers/${USER}`, { password: PASSWORD, opendistro_security_roles: Object.keys(roles) });
  const body = (await user.search({ index: INDEX, body: { query: { match_all: {} } } })).body as never;
  return { body, roles };
}

/** The value each single entry gives the field. */
const candidates = (lists: readonly (readonly string[])[]): string[] => lists.flat().map((e) => maskDocument(DOC, [e], MASKING).secret);

before(async () => {
  await request('DELETE', `/${INDEX}`).catch(() => undefined);
  await request('PUT', `/${INDEX}/_doc/1?refresh=true`, DOC);
  user = make(USER, PASSWORD);
});

after(async () => {
  for (let i = 0; i < Math.max(roleCount, 2); i++) await request('DELETE', `/_plugins/_security/api/roles/fab4_overlap_${i}`).catch(() => undefined);
  await request('DELETE', `/_plugins/_security/api/internalusers/${USER}`).catch(() => undefined);
  await request('DELETE', `/${INDEX}`).catch(() => undefined);
  await closeAll();
});

// each list's first entry is not the one 2.x applies (Java HashSet order of the entry strings decides)
const ONE_ROLE = [
  ['secret', 'sec?et::/e/::E'],
  ['secre*::SHA-256', '/s.*/::SHA-1'],
  ['secre*::SHA-256', '/.*ret/', 'se*t::SHA-384'],
  ['?ecret::/k/::K', '/.*ret/'],
] as const;

describe(`masked_fields entries whose different patterns match one field, on the real ${VERSION} node`, () => {
  test('in one role: maskDocument gives the value the node returns (2.x: HashSet order; 3.x: the first entry)', async () => {
    for (const list of ONE_ROLE) {
      const { body, roles } = await answer([list]);
      const hit = body.hits.hits[0]?._source;
      assert.equal(hit?.other, DOC.other);
      assert.equal(hit?.secret, maskDocument(DOC, list, MASKING).secret, `${list.join(', ')}`);
      assert.equal(hit?.secret, maskDocument(DOC, [list], MASKING).secret);
      const report = verifyHits(body, expectationsFromRoles(roles, INDEX, { name: USER }, { ...MASKING, originals: new Map([[`${INDEX}/1`, DOC]]) }));
      assert.equal(report.status, 'pass', JSON.stringify(report.findings));
    }
  });

  test('across two roles: 2.x applies the same HashSet order; 3.x picks by the order of the roles, and maskDocument does not guess', async () => {
    for (const lists of [[['secret'], ['sec?et::/e/::E']], [['/s.*/::SHA-1'], ['secre*::SHA-256']]] as const) {
      const { body } = await answer(lists);
      const value = body.hits.hits[0]?._source.secret;
      assert.ok(candidates(lists).includes(value as string), `${value} is one of the candidates`);
      if (MAJOR >= 3) {
        assert.throws(() => maskDocument(DOC, lists, MASKING), (e: unknown) => e instanceof MaskingExpressionError && /not fixed/.test(e.message));
        // one role: the first entry, no doubt
        assert.equal(maskDocument(DOC, [lists.flat()], MASKING).secret, candidates(lists)[0]);
      } else {
        assert.equal(maskDocument(DOC, lists, MASKING).secret, value);
        assert.equal(maskDocument(DOC, [[...lists[1]], [...lists[0]]], MASKING).secret, value, 'the order of the roles does not matter on 2.x');
      }
    }
  });

  test('2.x: entries in one HashSet bucket (secret, *cret::MD5) tie, so maskDocument throws; the node applies one of them', async () => {
    const lists = [['secret'], ['*cret::MD5']] as const;
    const { body } = await answer(lists);
    assert.ok(candidates(lists).includes(body.hits.hits[0]?._source.secret as string));
    if (MAJOR < 3) assert.throws(() => maskDocument(DOC, lists, MASKING), (e: unknown) => e instanceof MaskingExpressionError && /same Java HashSet bucket/.test(e.message));
    else assert.throws(() => maskDocument(DOC, lists, MASKING), MaskingExpressionError);
  });
});
