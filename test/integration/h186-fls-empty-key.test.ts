/**
 * FLS and a key named `''` on the REAL node (2.19.4; 3.4 with FGAC_DOMAIN_DIR=.local-domain/opensearch-3; the version
 * is read from the cluster). Both generations name the member `k` of a key `''` `.k` (as a top-level key `.k`), and
 * `a.''.k` `a..k`: `~.k` hides both `{"": {"k": 1}}`'s `k` and a top-level `.k`. The index does not map its documents
 * (`enabled: false`: a key `''` cannot be mapped), so only `_source` shows them. Per FLS list: the user's `_source` is
 * filterDocument's with the cluster's version; verifyHits finds no leak in the user's hits, and in the same search by
 * an unrestricted user finds exactly the topmost paths the user's `_source` lacks (no false leak, no missed one; `.k`
 * under `''` by name, as the plugin names it, though it may be a top-level key).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { filterDocument, isFieldVisible } from '../../src/verify/fls.js';
import { expectationsFromRoles } from '../../src/verify/expectations.js';
import { verifyHits } from '../../src/verify/verifier.js';
import { loadConnection } from '../domain/connection.js';
import { afterConflicts } from '../support/settle.js';
import { localBasicClients, quickHash, restAnswer, restOk } from '../support/local-clients.js';

const conn = loadConnection();
const API = '/_plugins/_security/api';
const USER = 'h186-fls-user';
const ROLE = 'h186-fls-role';
const PASSWORD = 'H186-fls-Passw0rd!5';
const INDEX = 'h186-fls-empty-key';
const DOCS: Array<Record<string, unknown>> = [
  { '': { k: 1 }, '.k': 2, k: 3, x: 4 },
  { a: { '': { k: 1 }, k: 5, '.k': 6 }, b: 7 },
  { '': 1, '.': 2, '..k': 3 },
];
const LISTS = [['~'], ['~.k'], ['~k'], ['.k'], ['k'], ['a.k'], ['~a..k'], ['~a.'], ['a.'], ['~.'], ['.'], ['~*.k'], ['*.k'], ['~a.*'], ['~..k'], ['..k'], ['~a..'], ['~/x?/', '~zz.zz']];
const { master, make, closeAll } = localBasicClients(conn);
const user = make(USER, PASSWORD);
let version = '';

type Hit = { _id: string; _source: Record<string, unknown> };
const sorted = (v: unknown): unknown => (typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])])) : v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

async function hits(client: typeof user): Promise<{ hits: { hits: Hit[] } }> {
  const r = await restAnswer(client, 'POST', `/${INDEX}/_search`, { sort: [{ _id: 'asc' }] });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body as { hits: { hits: Hit[] } };
}

/** The topmost paths of `all` that `shown` lacks (a member `k` of a key `''` named `.k`, as the plugin names it). */
function lacking(all: Record<string, unknown>, shown: Record<string, unknown> | undefined, parent: string | undefined, out: string[]): string[] {
  for (const [k, v] of Object.entries(all)) {
    const path = parent === undefined ? k : `${parent}.${k}`;
    if (shown === undefined || !Object.hasOwn(shown, k)) out.push(path);
    else if (isObject(v)) lacking(v, shown[k] as Record<string, unknown>, path, out);
  }
  return out;
}

/** verifyHits' FLS leaks in `body` under `fls` with the cluster's version: `id path` and whether the plugin's own filtering shows it. */
function leaks(body: unknown, fls: string[]): Array<{ id: string; path: string; gap: boolean }> {
  const roles = { [ROLE]: { index_permissions: [{ index_patterns: [INDEX], allowed_actions: ['read'], fls }] } };
  const report = verifyHits(body, expectationsFromRoles(roles, INDEX, { name: USER }, { pluginVersion: version }));
  assert.ok(report.findings.every((f) => f.kind === 'fls-leak'), JSON.stringify(report.findings));
  return report.findings.map((f) => ({ id: String(f.id), path: String(f.path), gap: f.detail.includes("plugin's own _source filtering returns it") }));
}

before(async () => {
  version = ((await restAnswer(master, 'GET', '/')).body as { version: { number: string } }).version.number;
  await restAnswer(master, 'DELETE', `/${INDEX}`);
  await restOk(master, 'PUT', `/${INDEX}`, { mappings: { enabled: false } });
  for (const [i, doc] of DOCS.entries()) await restOk(master, 'PUT', `/${INDEX}/_doc/${i}?refresh=true`, doc);
});

after(async () => {
  await restAnswer(master, 'DELETE', `${API}/internalusers/${USER}`);
  await restAnswer(master, 'DELETE', `${API}/roles/${ROLE}`);
  await restAnswer(master, 'DELETE', `/${INDEX}`);
  await closeAll();
});

describe("FLS and keys named '' on the real node", () => {
  for (const fls of LISTS) {
    test(`fls ${JSON.stringify(fls)}`, async () => {
      await afterConflicts(() => restOk(master, 'PUT', `${API}/roles/${ROLE}`, { index_permissions: [{ index_patterns: [INDEX], allowed_actions: ['read'], fls }] }));
      await afterConflicts(() => restOk(master, 'PUT', `${API}/internalusers/${USER}`, { hash: quickHash(PASSWORD), opendistro_security_roles: [ROLE] }));
      const own = await hits(user);
      const shown = new Map(own.hits.hits.map((h) => [h._id, h._source]));
      for (const [i, doc] of DOCS.entries()) {
        const source = shown.get(String(i));
        assert.deepEqual(sorted(source ?? {}), sorted(filterDocument(doc, [fls], { pluginVersion: version })), `doc ${i}: _source against filterDocument (${version})`);
      }
      // the user's own hits: only what the plugin's own _source filtering shows against the roles (2.x: `~` keeps a
      // top-level `.k`, a member of `''` by name; a blank parent `''` of `.k`; `?` and /regex/ in _source), noted so
      const own_ = leaks(own, fls);
      assert.deepEqual(own_.filter((l) => !l.gap), [], `verifyHits on the user's own hits (${version})`);
      const all = await hits(master);
      // an object once: a path under another one by name (`.k` under `''`: the plugin's naming) is that one's leak
      const topmost = (list: string[]): string[] => list.filter((p) => !list.some((q) => q !== p && p.startsWith(`${q}.`)));
      const expected = all.hits.hits.flatMap((h) => topmost([...lacking(h._source, shown.get(h._id), undefined, []), ...own_.filter((l) => l.id === h._id).map((l) => l.path)]).map((p) => `${h._id} ${p}`));
      const found = leaks(all, fls).map((l) => `${l.id} ${l.path}`);
      assert.deepEqual(found.filter((f) => !expected.includes(f)), [], `verifyHits on an unrestricted user's hits: no false leak (${version})`);
      // 3.x's _source keeps an included object but not its members (`a.` keeps `a.''` empty): what the roles include is no leak
      const missed = expected.filter((e) => !found.includes(e) && !isFieldVisible(e.slice(e.indexOf(' ') + 1), [fls], 'any', { pluginVersion: version }));
      assert.deepEqual(missed, [], `verifyHits on an unrestricted user's hits: no missed leak (${version})`);
    });
  }
});
