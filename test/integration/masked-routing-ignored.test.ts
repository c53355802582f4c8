/**
 * masked_fields entries matching `_routing` / `_ignored`, the REAL node as referee (2.19 on the main domain, 3.4 with
 * FGAC_DOMAIN_DIR=/var/tmp/d34 FGAC_OPENSEARCH_VERSIONS=3.4.0). Documents are indexed with `?routing=` and one has
 * `_ignored` (a malformed number under ignore_malformed). 2.x leaves both out of hits and GET under any masked_fields;
 * 3.x masks `_routing` and each `_ignored` name under an entry matching them (`*`, `_r*`, `*g`, a `/regex/`, a digest
 * or a regex chain), as maskDocument predicts for those names. verifyHits passes the node's hits, reports a clear
 * value put back (3.x) or a value 2.x would have left out, and leaves a regex mask of `_routing` unverifiable (the
 * document's routing is not among the originals). `fields`, `docvalue_fields` and sort never show either field.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Client } from '@opensearch-project/opensearch';
import { flsHiddenMetaFields } from '../../src/verify/fls.js';
import { maskDocument } from '../../src/verify/masking.js';
import { expectationsFromRoles } from '../../src/verify/expectations.js';
import { verifyHits } from '../../src/verify/verifier.js';
import { pluginMajorVersion } from '../../src/fgac/plugin-version.js';
import { loadConnection } from '../domain/connection.js';
import { localBasicClients, localMasking, quickHash, restCaller } from '../support/local-clients.js';
import { afterConflicts } from '../support/settle.js';
import { testPassword } from '../support/test-password.js';

const conn = loadConnection();
const VERSION = conn.opensearch.version;
const MAJOR = pluginMajorVersion(VERSION) as number;
const MASKING = localMasking(conn);
const INDEX = 'rtig-masked-meta';
const USER = 'rtig-masked-meta-user';
const ROLE = 'rtig-masked-meta-r0';
const PASSWORD = testPassword('rtigmeta');
const { master, make, closeAll } = localBasicClients(conn);
const request = restCaller(master);
let user: Client;

type Doc = Record<string, unknown>;
const DOCS: Record<string, Doc> = { '1': { name: 'N1', kw: 'long', num: 'bad' }, abc: { name: 'N2', kw: 'ab' }, 'n-3': { name: 'N3', kw: 'longer' } };
const ROUTING: Record<string, string> = { '1': 'r1', abc: 'Route-7' };
const IGNORED: Record<string, string[]> = { '1': ['num'] };
const ORIGINALS = new Map(Object.entries(DOCS).map(([id, d]) => [`${INDEX}/${id}`, d]));

interface RoleSet { fls?: string[]; masked: string[] }
const SETS: RoleSet[] = [
  { masked: ['name'] },
  { masked: ['*'] },
  { masked: ['_r*'] },
  { masked: ['*g'] },
  { masked: ['/_.*/'] },
  { masked: ['_routing::SHA-256'] },
  { masked: ['_routing::/r/::X'] },
  { masked: ['_ignored'] },
  { masked: ['_ignored::/u/::U'] },
  { masked: ['/_r.*/::/[0-9]/::N'] },
  { fls: ['~name'], masked: ['*'] },
  { fls: ['name'], masked: ['_r*'] },
];
const regexOnRouting = (rs: RoleSet): boolean => rs.masked.some((e) => e.startsWith('_routing::/') || e.startsWith('/_r.*/::/'));

const rolesOf = (rs: RoleSet): Record<string, unknown> => ({
  [ROLE]: { cluster_permissions: ['cluster_composite_ops_ro'], index_permissions: [{ index_patterns: [INDEX], allowed_actions: ['read'], ...(rs.fls ? { fls: rs.fls } : {}), masked_fields: rs.masked }] },
});

before(async () => {
  await request('DELETE', `/${INDEX}`).catch(() => undefined);
  await request('PUT', `/${INDEX}`, { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: { properties: { name: { type: 'keyword' }, kw: { type: 'keyword', ignore_above: 3 }, num: { type: 'integer', ignore_malformed: true } } } });
  for (const [id, doc] of Object.entries(DOCS)) await request('PUT', `/${INDEX}/_doc/${id}${ROUTING[id] ? `?routing=${ROUTING[id]}` : ''}`, doc);
  await request('POST', `/${INDEX}/_refresh`);
  user = make(USER, PASSWORD);
});

after(async () => {
  await request('DELETE', `/_plugins/_security/api/roles/${ROLE}`).catch(() => undefined);
  await request('DELETE', `/_plugins/_security/api/internalusers/${USER}`).catch(() => undefined);
  await request('DELETE', `/${INDEX}`).catch(() => undefined);
  await closeAll();
});

describe(`masked _routing / _ignored on the real ${VERSION} node`, () => {
  test('hits and GET show _routing / _ignored as predicted; verifyHits passes them and reports what the plugin would not show', async () => {
    const disagreements: string[] = [];
    for (const rs of SETS) {
      const roles = rolesOf(rs);
      for (const [name, role] of Object.entries(roles)) await afterConflicts(() => request('PUT', `/_plugins/_security/api/roles/${name}`, role));
      await afterConflicts(() => request('PUT', `/_plugins/_security/api/internalusers/${USER}`, { hash: quickHash(PASSWORD), opendistro_security_roles: [ROLE] }));
      const label = JSON.stringify(rs);
      const meta = flsHiddenMetaFields(rs.fls ?? [], { pluginVersion: VERSION, maskedFields: rs.masked });
      const predict = (id: string): Doc => {
        const clear: Doc = { ...(ROUTING[id] ? { _routing: ROUTING[id] } : {}), ...(IGNORED[id] ? { _ignored: IGNORED[id] } : {}) };
        const masked = maskDocument(clear, rs.masked, MASKING);
        return Object.fromEntries((['_routing', '_ignored'] as const).filter((f) => f in clear && !meta.hidden.includes(f)).map((f) => [f, meta.masked.includes(f) ? masked[f] : clear[f]]));
      };
      // hits in the indexed order (sorted by name, which `~name` hides: then by _doc)
      const body = (extra: Doc): Doc => ({ size: 10, sort: rs.fls?.includes('~name') ? ['_doc'] : [{ name: 'asc' }], ...extra });
      for (const [what, extra] of [['plain', {}], ['fields', { fields: ['_routing', '_ignored'] }], ['stored_fields', { stored_fields: ['_routing', '_ignored'] }]] as const) {
        const hits = ((await user.search({ index: INDEX, body: body(extra) })).body.hits.hits as Doc[]);
        const got = hits.map((h) => JSON.stringify({ _routing: h._routing, _ignored: h._ignored, fields: h.fields }));
        const want = Object.keys(DOCS).map((id) => JSON.stringify({ ...predict(id), fields: undefined }));
        if (JSON.stringify(got) !== JSON.stringify(want)) disagreements.push(`${label} ${what}: node ${got.join(' ')} sdk ${want.join(' ')}`);
      }
      // 2.x GET under a masked _id may fail (`Couldn't resolve version`: caches all users share, see masking-meta-fields)
      const get = await user.get({ index: INDEX, id: '1', routing: 'r1' }).then((r) => r.body as unknown as Doc, (e: Error): Doc => ({ error: e.message }));
      const getFailed = get.error !== undefined;
      if (getFailed ? !(MAJOR < 3 && meta.masked.includes('_id') && /Couldn't resolve version/.test(String(get.error))) : JSON.stringify({ _routing: get._routing, _ignored: get._ignored }) !== JSON.stringify(predict('1'))) disagreements.push(`${label} get: ${JSON.stringify(get)}`);
      for (const f of ['_routing', '_ignored']) {
        for (const extra of [{ docvalue_fields: [f] }, { sort: [{ [f]: 'asc' }] }]) {
          const failed = await user.search({ index: INDEX, body: extra }).then(() => false, (e: Error) => /Fielddata is not supported/.test(e.message));
          if (!failed) disagreements.push(`${label} ${JSON.stringify(extra)} did not fail`);
        }
      }

      // verifyHits: the node's hits pass; only a regex mask of _routing is unverifiable (routed documents 1 and abc)
      const exp = expectationsFromRoles(roles as never, INDEX, { name: USER }, { ...MASKING, originals: ORIGINALS });
      const res = (await user.search({ index: INDEX, body: body({}) })).body;
      const rep = verifyHits(res, exp);
      const items = [...rep.findings.map((f) => `${f.kind} ${f.path}`), ...rep.unverifiable.map((u) => `${u.aspect} ${u.path}`)];
      const wantItems = MAJOR >= 3 && regexOnRouting(rs) ? ['mask _routing', 'mask _routing'] : [];
      if (JSON.stringify(items) !== JSON.stringify(wantItems)) disagreements.push(`${label} verifyHits: ${JSON.stringify(items)}`);
      const g = getFailed ? undefined : verifyHits({ hits: { hits: [{ ...get, _index: INDEX }] } }, exp);
      if (g !== undefined && g.findings.length > 0) disagreements.push(`${label} verifyHits get: ${JSON.stringify(g.findings)}`);

      // the clear values put back: reported where the plugin masks (3.x, digest or a regex that changes them) or drops (2.x) them
      const ids = Object.keys(DOCS);
      const back = (res.hits.hits as Doc[]).map((h, i) => ({ ...h, ...(ROUTING[ids[i] as string] ? { _routing: ROUTING[ids[i] as string] } : {}), ...(IGNORED[ids[i] as string] ? { _ignored: IGNORED[ids[i] as string] } : {}) }));
      const reported = verifyHits({ hits: { hits: back } }, exp).findings.map((f) => `${f.kind} ${f.path}`).sort();
      const changed = (f: '_routing' | '_ignored'): number => ids.filter((id) => (f === '_routing' ? ROUTING[id] : IGNORED[id]) !== undefined && JSON.stringify(predict(id)[f]) !== JSON.stringify(f === '_routing' ? ROUTING[id] : IGNORED[id])).length;
      const wantReported = (['_ignored', '_routing'] as const).flatMap((f) => {
        if (meta.hidden.includes(f)) return Array.from({ length: f === '_routing' ? 2 : 1 }, () => `fls-leak ${f}`);
        if (MAJOR >= 3 && meta.masked.includes(f) && !(f === '_routing' && regexOnRouting(rs))) return Array.from({ length: changed(f) }, () => `unmasked ${f}`);
        return [];
      });
      if (JSON.stringify(reported) !== JSON.stringify(wantReported)) disagreements.push(`${label} put back: ${JSON.stringify(reported)} want ${JSON.stringify(wantReported)}`);
    }
    assert.deepEqual(disagreements, []);
  });
});
