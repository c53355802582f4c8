/**
 * Two different masked_fields entries naming one field (`c` and `c::SHA-256`), in one role or across the
 * user's roles: the REAL 2.19 plugin fails every search on the index ("Multiple entries with same key"),
 * 3.4 masks with one of them (the first within a role; across roles the plugin's order of the roles
 * decides, and fresh-clone runs have seen both). validateRole (2.x), maskDocument (a 2.x version named)
 * and verifyHits (nothing judged as a pass on 2.x; any candidate's mask on 3.x) follow the node.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Client } from '@opensearch-project/opensearch';
import { MaskingExpressionError } from '../../src/fgac/errors.js';
import { pluginMajorVersion } from '../../src/fgac/plugin-version.js';
import { validateRole } from '../../src/security/model.js';
import { expectationsFromRoles } from '../../src/verify/expectations.js';
import { maskDocument } from '../../src/verify/masking.js';
import { verifyHits } from '../../src/verify/verifier.js';
import { loadConnection } from '../domain/connection.js';
import { afterConflicts } from '../support/settle.js';
import { localBasicClients, restCaller, localMasking } from '../support/local-clients.js';

const conn = loadConnection();
const VERSION = conn.opensearch.version;
const MAJOR = pluginMajorVersion(VERSION) as number;
const INDEX = 'p5-mask-clash';
const USER = 'p5-mask-clash-user';
const PASSWORD = 'Mask-clash-Passw0rd!7';
const DOC = { c: 'clash', d: 'plain' };
const { master, make, closeAll } = localBasicClients(conn);
let user: Client;
const MASKING = localMasking(conn);

const request = restCaller(master);
const permission = (masked: string[]) => ({ index_patterns: [INDEX], allowed_actions: ['read'], masked_fields: masked });

/** Puts one role per masked_fields list and maps the user to them; returns the roles as the API holds them. */
async function grant(lists: string[][]): Promise<Record<string, { index_permissions: ReturnType<typeof permission>[] }>> {
  const roles: Record<string, { index_permissions: ReturnType<typeof permission>[] }> = {};
  for (const [i, masked] of lists.entries()) {
    roles[`p5_mask_clash_${i}`] = { index_permissions: [permission(masked)] };
    await afterConflicts(() => request('PUT', `/_plugins/_security/api/roles/p5_mask_clash_${i}`, roles[`p5_mask_clash_${i}`]));
  }
  // other tests write the security index too: a version conflict is tried again
  await afterConflicts(() => request('PUT', `/_plugins/_security/api/internalusers/${USER}`, { password: PASSWORD, opendistro_security_roles: Object.keys(roles) }));
  return roles;
}

before(async () => {
  await request('DELETE', `/${INDEX}`).catch(() => undefined);
  await request('PUT', `/${INDEX}/_doc/1?refresh=true`, DOC);
  user = make(USER, PASSWORD);
});

after(async () => {
  for (const i of [0, 1]) await request('DELETE', `/_plugins/_security/api/roles/p5_mask_clash_${i}`).catch(() => undefined);
  await request('DELETE', `/_plugins/_security/api/internalusers/${USER}`).catch(() => undefined);
  await request('DELETE', `/${INDEX}`).catch(() => undefined);
  await closeAll();
});

describe(`masked_fields entries naming one field, on the real ${VERSION} node`, () => {
  for (const [label, lists] of [['in one role', [['c', 'c::SHA-256']]], ['across two roles', [['c'], ['c::SHA-256']]]] as const) {
    test(`${label}: 2.x fails every search, 3.x masks with one entry (the first within a role); the SDK says the same`, async () => {
      const roles = await grant(lists.map((l) => [...l]));
      const all = lists.flat();
      let body: unknown;
      let failure: unknown;
      try {
        body = (await user.search({ index: INDEX, body: { query: { match_all: {} } } })).body;
      } catch (e) {
        failure = e;
      }
      if (MAJOR >= 3) {
        assert.equal(failure, undefined);
        const source = (body as { hits: { hits: Array<{ _source: typeof DOC }> } }).hits.hits[0]?._source;
        // within one role the first entry masks; across roles the plugin's order of the roles decides (both seen)
        const candidates = all.map((entry) => maskDocument(DOC, [entry], MASKING).c);
        if (lists.length === 1) assert.deepEqual(source, maskDocument(DOC, all, MASKING));
        else assert.ok(candidates.includes(source?.c as string), `${source?.c} is none of ${candidates.join(', ')}`);
        assert.equal(source?.d, DOC.d);
        const report = verifyHits(body, expectationsFromRoles(roles, INDEX, { name: USER }, { ...MASKING, originals: new Map([[`${INDEX}/1`, DOC]]) }));
        assert.equal(report.status, 'pass');
      } else {
        assert.match(String((failure as Error | undefined)?.message), /Multiple entries with same key/);
        assert.throws(() => maskDocument(DOC, all, MASKING), (e: unknown) => e instanceof MaskingExpressionError && /every search on the index fails/.test(e.message));
        // a response these roles cannot produce on 2.x: unverifiable, never a pass
        const forged = { hits: { hits: [{ _index: INDEX, _id: '1', _source: maskDocument(DOC, all, { ...MASKING, pluginVersion: '3.4.0' }) }] } };
        const report = verifyHits(forged, expectationsFromRoles(roles, INDEX, { name: USER }, MASKING));
        assert.notEqual(report.status, 'pass');
        assert.match(report.unverifiable.map((u) => u.reason).join(), /name the same field 'c'/);
      }
      const warnings = validateRole({ index_permissions: [{ index_patterns: [INDEX], allowed_actions: ['read'], masked_fields: all }] }, { dialect: MAJOR >= 3 ? 'v3' : 'v2' }).warnings;
      assert.equal(warnings.some((w) => /name the same field 'c'/.test(w.message)), MAJOR < 3);
    });
  }

  test('blank field patterns (` `, `\t::MD5`) are one WildcardMatcher (NONE): 2.x accepts the role and fails every search, and so does maskDocument (3.x refuses a blank entry)', async () => {
    const all = [' ', '\t::MD5'];
    if (MAJOR >= 3) {
      await assert.rejects(grant([all]), /blank values are not allowed/);
      return;
    }
    await grant([all]);
    await assert.rejects(user.search({ index: INDEX, body: { query: { match_all: {} } } }), /Multiple entries with same key/);
    assert.throws(() => maskDocument(DOC, all, MASKING), (e: unknown) => e instanceof MaskingExpressionError && /every search on the index fails/.test(e.message));
  });
});
