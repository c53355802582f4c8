/**
 * Regex masked_fields entries on `_id` (`_id::/re/::x`), the REAL node as referee (2.19 on the main domain, 3.4 with
 * FGAC_DOMAIN_DIR): the plugin masks the id's Lucene bytes read as Java UTF-8 text, so a search hit shows
 * `maskedHitId(id, { expression })`. Per entry (part of the id, all of it, no match, `$n` groups, a chain), as a user
 * mapped to one role: every hit's `_id` is the SDK's; verifyHits passes the node's answer, does not pass a hit whose
 * `_id` had one character changed, and reports a clear `_id` put back. An entry the SDK refuses (`\R`) leaves the
 * hits unverifiable; one that empties the id fails the search on the node and throws in maskedHitId.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Client } from '@opensearch-project/opensearch';
import { maskedHitId } from '../../src/verify/fls-source.js';
import { expectationsFromRoles } from '../../src/verify/expectations.js';
import { verifyHits } from '../../src/verify/verifier.js';
import { MaskingExpressionError } from '../../src/fgac/errors.js';
import { loadConnection } from '../domain/connection.js';
import { localBasicClients, localMasking, restCaller } from '../support/local-clients.js';
import { afterConflicts, rejection } from '../support/settle.js';
import { testPassword } from '../support/test-password.js';

const conn = loadConnection();
const VERSION = conn.opensearch.version;
const MASKING = localMasking(conn);
const INDEX = 'rxid-meta';
const USER = 'rxid-meta-user';
const ROLE = 'rxid-meta-r0';
const PASSWORD = testPassword('rxidmeta');
const { master, make, closeAll } = localBasicClients(conn);
const request = restCaller(master);
let user: Client;

type Doc = Record<string, unknown>;
// numeric, base64-shaped, UTF-8, non-ASCII and astral ids: the Lucene id bytes are packed digits, base64-decoded or UTF-8
const IDS = ['12345', '0', 'abc', 'n-1', 'héllo-ü', 'x-😀', 'order_2024', 'Qe2ggA'];
const DOCS: Record<string, Doc> = Object.fromEntries(IDS.map((id, i) => [id, { k: id, n: i }]));
const ORIGINALS = new Map(Object.entries(DOCS).map(([id, d]) => [`${INDEX}/${id}`, d]));
const ENTRIES = ['_id::/[0-9]/::#', '_id::/zzz/::Q', '_id::/(.)(.)/::$2$1', '_id::/[^\\x00-\\x7f]/::~', '_id::/^/::p-', '_id::/a/::b::/b/::c'];

const roleOf = (entry: string): Record<string, unknown> => ({
  cluster_permissions: ['cluster_composite_ops_ro'],
  index_permissions: [{ index_patterns: [INDEX], allowed_actions: ['read'], masked_fields: [entry] }],
});

async function grant(entry: string): Promise<Record<string, ReturnType<typeof roleOf>>> {
  await afterConflicts(() => request('PUT', `/_plugins/_security/api/roles/${ROLE}`, roleOf(entry)));
  await afterConflicts(() => request('PUT', `/_plugins/_security/api/internalusers/${USER}`, { password: PASSWORD, opendistro_security_roles: [ROLE] }));
  return { [ROLE]: roleOf(entry) };
}

const searchHits = async (): Promise<{ hits: { hits: Doc[] } }> => (await user.search({ index: INDEX, body: { size: 20 } })).body as unknown as { hits: { hits: Doc[] } };

before(async () => {
  await request('DELETE', `/${INDEX}`).catch(() => undefined);
  await request('PUT', `/${INDEX}`, { settings: { number_of_shards: 1, number_of_replicas: 0 } });
  for (const [id, d] of Object.entries(DOCS)) await request('PUT', `/${INDEX}/_doc/${encodeURIComponent(id)}`, d);
  await request('POST', `/${INDEX}/_refresh`);
  user = make(USER, PASSWORD);
});

after(async () => {
  await request('DELETE', `/_plugins/_security/api/roles/${ROLE}`).catch(() => undefined);
  await request('DELETE', `/_plugins/_security/api/internalusers/${USER}`).catch(() => undefined);
  await request('DELETE', `/${INDEX}`).catch(() => undefined);
  await closeAll();
});

describe(`regex masked_fields entries on _id on the real ${VERSION} node`, () => {
  test('hits carry maskedHitId; verifyHits passes them, not a changed _id, and reports a clear one', async () => {
    const disagreements: string[] = [];
    for (const entry of ENTRIES) {
      const roles = await grant(entry);
      const res = await searchHits();
      const got = Object.fromEntries(res.hits.hits.map((h) => [(h._source as Doc).k as string, h._id]));
      const want = Object.fromEntries(IDS.map((id) => [id, maskedHitId(id, { ...MASKING, expression: entry })]));
      if (JSON.stringify(got) !== JSON.stringify(want)) disagreements.push(`${entry}: node ${JSON.stringify(got)} sdk ${JSON.stringify(want)}`);
      const exp = expectationsFromRoles(roles, INDEX, { name: USER }, { ...MASKING, originals: ORIGINALS });
      const rep = verifyHits(res, exp);
      if (rep.status !== 'pass' || rep.hits.some((h) => h.unverifiable.length > 0)) disagreements.push(`${entry} verifyHits: ${rep.status} ${JSON.stringify(rep.hits.flatMap((h) => [...h.findings, ...h.unverifiable]))}`);
      for (const h of res.hits.hits) {
        const id = h._id as string;
        // one character changed (a masked id no original gives): not a pass
        const changed = `${id.slice(0, -1)}${id.endsWith('k') ? 'm' : 'k'}`;
        const t = verifyHits({ hits: { hits: [{ ...h, _id: changed }] } }, exp);
        if (t.status === 'pass') disagreements.push(`${entry} ${id} -> ${changed}: passed`);
        // the clear id where the plugin masks it (unless the mask leaves this id's bytes as they are)
        const clearId = (h._source as Doc).k as string;
        if (clearId === id) continue;
        const c = verifyHits({ hits: { hits: [{ ...h, _id: clearId }] } }, exp);
        if (!c.hits[0]?.findings.some((f) => f.kind === 'unmasked' && f.path === '_id')) disagreements.push(`${entry} clear ${clearId}: ${JSON.stringify(c.hits[0]?.findings)}`);
      }
    }
    assert.deepEqual(disagreements, []);
  });

  test('a Java regex the SDK refuses (\\R) leaves the hits unverifiable, never passed or failed', async () => {
    const entry = '_id::/\\R/::r';
    const roles = await grant(entry);
    const res = await searchHits();
    assert.equal(res.hits.hits.length, IDS.length);
    const rep = verifyHits(res, expectationsFromRoles(roles, INDEX, { name: USER }, { ...MASKING, originals: ORIGINALS }));
    assert.equal(rep.status, 'unverifiable');
    assert.deepEqual(rep.hits.flatMap((h) => h.findings), []);
  });

  test('a regex that empties the id: the node fails the search, maskedHitId throws the same reason', async () => {
    const entry = '_id::/.*/::';
    await grant(entry);
    const err = await rejection(searchHits());
    assert.match(JSON.stringify((err as { meta?: { body?: unknown } }).meta?.body), /Ids can't be empty/);
    assert.throws(() => maskedHitId('abc', { ...MASKING, expression: entry }), (e: unknown) => e instanceof MaskingExpressionError && /Ids can't be empty/.test(e.message));
  });
});
