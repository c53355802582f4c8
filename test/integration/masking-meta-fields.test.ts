/**
 * masked_fields and metadata fields, the REAL node as referee (2.19 on the main domain, 3.4 with FGAC_DOMAIN_DIR).
 * - Entries matching `_id` (`*d`, `*`, `_i?`): search hits carry `maskedHitId(id)` (base64url of the hex mask of the
 *   id's Lucene bytes), as `flsHiddenMetaFields(..., { maskedFields }).masked` says; `_source` is masked as
 *   maskDocument predicts; 2.x also matches no ids query (GET/mget and `_id` sort values depend on shared caches
 *   there) and drops `_routing` / `_ignored`, 3.x keeps GET, ids queries and sort values clear and masks `_routing` /
 *   `_ignored` under an entry matching them; `_source` is never masked. verifyHits finds each original
 *   through its masked id and passes the node's answers; a clear `_id` put back into such a hit is reported;
 *   compareAccess leaves such hits unpaired with its note.
 * - Two entries matching one field (`nam?`, `name::/[aeiou]/::*`, a value without vowels): verifyHits judges the
 *   value by the entry maskDocument predicts the plugin picks, so the original put back is reported (fls-mask-
 *   differential seed 7).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Client } from '@opensearch-project/opensearch';
import { filterDocument, flsHiddenMetaFields } from '../../src/verify/fls.js';
import { maskedHitId } from '../../src/verify/fls-source.js';
import { maskDocument } from '../../src/verify/masking.js';
import { expectationsFromRoles } from '../../src/verify/expectations.js';
import { verifyHits } from '../../src/verify/verifier.js';
import { compareAccess } from '../../src/verify/compare.js';
import { pluginMajorVersion } from '../../src/fgac/plugin-version.js';
import { loadConnection } from '../domain/connection.js';
import { localBasicClients, localMasking, restCaller } from '../support/local-clients.js';
import { afterConflicts } from '../support/settle.js';
import { testPassword } from '../support/test-password.js';

const conn = loadConnection();
const VERSION = conn.opensearch.version;
const MAJOR = pluginMajorVersion(VERSION) as number;
const MASKING = localMasking(conn);
const INDEX = 'fx7mask-meta';
const USER = 'fx7mask-meta-user';
const PASSWORD = testPassword('fxmaskmeta');
const ROLES = ['fx7mask-meta-r0', 'fx7mask-meta-r1'];
const { master, make, closeAll } = localBasicClients(conn);
const request = restCaller(master);
let user: Client;

type Doc = Record<string, unknown>;
// `1` is routed and has `_ignored` (a malformed number) (numeric id), `abc` is a base64-shaped id, `n-1` a UTF-8 one: three encodings of the Lucene id bytes
const DOCS: Record<string, Doc> = {
  '1': { name: 'N', d: 'dv', arr: ['x', 'y'], num: 'notanumber' },
  abc: { name: '\ufb59', a: 3.5, ob: ['e\u0301'], tags: ['\ud833\udf85'] },
  'n-1': { name: 'Nora', d: 'dv3' },
};
const ORIGINALS = new Map(Object.entries(DOCS).map(([id, d]) => [`${INDEX}/${id}`, d]));

interface RoleSet { fls: string[][]; masked: string[][] }
const ID_SETS: RoleSet[] = [
  { fls: [[]], masked: [['_routing', '*e', 'd']] },
  { fls: [[], []], masked: [[], ['arr.*', '*d']] },
  { fls: [[]], masked: [['*']] },
  { fls: [[]], masked: [['_i?', 'name']] },
  { fls: [[]], masked: [['name']] },
];
/** fls-mask-differential seed 7's missed violation. */
const PICK_SET: RoleSet = { fls: [['~arr', '~ob'], ['name.keyword']], masked: [[], ['nam?', 'name::/[aeiou]/::*']] };

type Roles = Record<string, { cluster_permissions: string[]; index_permissions: Array<Record<string, unknown>> }>;
const rolesOf = (rs: RoleSet): Roles => Object.fromEntries(rs.fls.map((fls, i) => [ROLES[i] as string, {
  cluster_permissions: ['cluster_composite_ops_ro'],
  index_permissions: [{
    index_patterns: [INDEX], allowed_actions: ['read'],
    ...(fls.length > 0 ? { fls } : {}), ...((rs.masked[i]?.length ?? 0) > 0 ? { masked_fields: rs.masked[i] } : {}),
  }],
}]));

async function grant(roles: Roles): Promise<void> {
  for (const [name, role] of Object.entries(roles)) await afterConflicts(() => request('PUT', `/_plugins/_security/api/roles/${name}`, role));
  await afterConflicts(() => request('PUT', `/_plugins/_security/api/internalusers/${USER}`, { password: PASSWORD, opendistro_security_roles: Object.keys(roles) }));
}

const canon = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(canon) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon((v as Doc)[k])])) : v;
const same = (a: unknown, b: unknown): boolean => JSON.stringify(canon(a)) === JSON.stringify(canon(b));

/** The `_id` entry (of a role's list) the SDK names for masking `_id`: the first matching one (the sets above have one). */
const idEntry = (masked: string[][]): string => masked.flat().find((e) => e === '*' || e === '*d' || e === '_i?') as string;

before(async () => {
  await request('DELETE', `/${INDEX}`).catch(() => undefined);
  await request('PUT', `/${INDEX}`, { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: { properties: { num: { type: 'integer', ignore_malformed: true } } } });
  await request('PUT', `/${INDEX}/_doc/1?routing=r1`, DOCS['1']);
  await request('PUT', `/${INDEX}/_doc/abc`, DOCS.abc);
  await request('PUT', `/${INDEX}/_doc/n-1`, DOCS['n-1']);
  await request('POST', `/${INDEX}/_refresh`);
  user = make(USER, PASSWORD);
});

after(async () => {
  for (const role of ROLES) await request('DELETE', `/_plugins/_security/api/roles/${role}`).catch(() => undefined);
  await request('DELETE', `/_plugins/_security/api/internalusers/${USER}`).catch(() => undefined);
  await request('DELETE', `/${INDEX}`).catch(() => undefined);
  await closeAll();
});

describe(`masked_fields and metadata fields on the real ${VERSION} node`, () => {
  test('hits carry the _id and _source the SDK predicts; verifyHits pairs masked ids with their originals', async () => {
    const disagreements: string[] = [];
    for (const rs of ID_SETS) {
      const roles = rolesOf(rs);
      await grant(roles);
      const label = JSON.stringify(rs.masked);
      const idMasked = flsHiddenMetaFields(rs.fls, { pluginVersion: VERSION, maskedFields: rs.masked }).masked.includes('_id');
      const hitId = (id: string): string => (idMasked ? maskedHitId(id, { ...MASKING, expression: idEntry(rs.masked) }) : id);
      const search = (await user.search({ index: INDEX, body: { size: 10, sort: [{ _id: 'asc' }] } })).body;
      const hits = search.hits.hits as Doc[];
      const want = Object.entries(DOCS).map(([id, d]) => JSON.stringify(canon({ _id: hitId(id), _source: maskDocument(filterDocument(d, rs.fls, { pluginVersion: VERSION }), rs.masked, MASKING) }))).sort();
      const got = hits.map((h) => JSON.stringify(canon({ _id: h._id, _source: h._source }))).sort();
      if (JSON.stringify(got) !== JSON.stringify(want)) disagreements.push(`${label} search: node ${got.join(' ')} sdk ${want.join(' ')}`);
      // `_routing` / `_ignored` of `1`: left out (2.x under any masked_fields), masked (3.x, an entry matching them) or clear
      const meta = flsHiddenMetaFields(rs.fls, { pluginVersion: VERSION, maskedFields: rs.masked });
      const routed = hits.find((h) => h._id === hitId('1')) ?? {};
      const maskedMeta = maskDocument({ _routing: 'r1', _ignored: ['num'] }, rs.masked, MASKING);
      for (const f of ['_routing', '_ignored'] as const) {
        const want = meta.hidden.includes(f) ? undefined : meta.masked.includes(f) ? maskedMeta[f] : f === '_routing' ? 'r1' : ['num'];
        if (!same(routed[f] ?? null, want ?? null)) disagreements.push(`${label} ${f}: node ${JSON.stringify(routed[f])} sdk ${JSON.stringify(want)}`);
      }
      // 2.x masks _id's terms too: ids queries match nothing. GET/mget (version lookup) and sort values (`_id` field data)
      // read per-segment caches all users share, so on 2.x they fail or show the clear id depending on who filled them
      // first (seen both ways on 2.19.4): only 3.x's are asserted, where the clear id always shows.
      const broken = idMasked && MAJOR < 3;
      const byId = (await user.search({ index: INDEX, body: { query: { ids: { values: ['abc'] } } } })).body.hits.hits as Doc[];
      if (byId.length !== (broken ? 0 : 1)) disagreements.push(`${label} ids query: ${byId.length} hit(s)`);
      const get = await user.get({ index: INDEX, id: '1', routing: 'r1' }).then((r) => r.body as unknown as Doc, (e: Error): Doc => ({ error: e.message }));
      const getOk = get._id === '1' && get.found === true;
      if (MAJOR >= 3 || !idMasked ? !getOk : !getOk && !/Couldn't resolve version/.test(String(get.error))) disagreements.push(`${label} get: ${JSON.stringify(get).slice(0, 200)}`);
      const sortIds = hits.map((h) => (h.sort as unknown[] | undefined)?.[0] ?? null).sort();
      if (MAJOR >= 3 && !same(sortIds, Object.keys(DOCS).sort())) disagreements.push(`${label} sort values ${JSON.stringify(sortIds)}`);

      // verifyHits: the node's hits pass, each paired with its original (masks recomputed, nothing unverifiable)
      const exp = expectationsFromRoles(roles, INDEX, { name: USER }, { ...MASKING, originals: ORIGINALS });
      const plain = (await user.search({ index: INDEX, body: { size: 10 } })).body;
      const rep = verifyHits(plain, exp);
      if (rep.status !== 'pass' || rep.hits.some((h) => h.unverifiable.length > 0)) disagreements.push(`${label} verifyHits: ${rep.status} ${JSON.stringify(rep.hits.flatMap((h) => [...h.findings, ...h.unverifiable]))}`);
      if (getOk) {
        const g = verifyHits({ hits: { hits: [{ ...get, _index: INDEX }] } }, exp);
        if (g.status !== 'pass') disagreements.push(`${label} verifyHits get: ${g.status}`);
      }
      if (idMasked) {
        // a clear _id in a search hit where the plugin masks it: reported
        const clear = verifyHits({ hits: { hits: (plain.hits.hits as Doc[]).map((h) => ({ ...h, _id: Object.keys(DOCS).find((id) => hitId(id) === h._id) })) } }, exp);
        const reported = clear.hits.filter((h) => h.findings.some((f) => f.kind === 'unmasked' && f.path === '_id')).length;
        if (reported !== 3) disagreements.push(`${label} clear _id put back: ${reported} of 3 reported`);
      }
      const cmp = await compareAccess(master, user, { index: INDEX, body: { size: 10 } });
      if (cmp.unpaired.length !== (idMasked ? 3 : 0) || cmp.totals.common !== (idMasked ? 0 : 3)) disagreements.push(`${label} compareAccess: unpaired ${cmp.unpaired.length}, common ${cmp.totals.common}`);
    }
    assert.deepEqual(disagreements, []);
  });

  test('two entries match name (nam?, name::/[aeiou]/::*): verifyHits judges by the entry maskDocument picks', async () => {
    const roles = rolesOf(PICK_SET);
    await grant(roles);
    const exp = expectationsFromRoles(roles, INDEX, { name: USER }, { ...MASKING, originals: ORIGINALS });
    const res = (await user.search({ index: INDEX, body: { size: 10 } })).body;
    const hit = (res.hits.hits as Doc[]).find((h) => h._id === 'abc') as Doc;
    const predicted = maskDocument(filterDocument(DOCS.abc, PICK_SET.fls, { pluginVersion: VERSION }), PICK_SET.masked, MASKING);
    assert.deepEqual(canon(hit._source), canon(predicted));
    assert.equal(verifyHits(res, exp).status, 'pass');
    if ((predicted as Doc).name !== DOCS.abc?.name) {
      const back = verifyHits({ hits: { hits: [{ ...hit, _source: { ...(hit._source as Doc), name: DOCS.abc?.name } }] } }, exp);
      assert.deepEqual(back.hits[0]?.findings.map((f) => [f.kind, f.path]), [['unmasked', 'name']]);
    }
  });
});
