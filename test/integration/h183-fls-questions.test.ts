/**
 * FLS by question on the REAL node (2.19.4; 3.4 with FGAC_DOMAIN_DIR=.local-domain/opensearch-3; the version is read
 * from the cluster): a text field `t` with a keyword multi-field `t.raw`, an object `o {x, y}`, and single-entry lists
 * naming them (`~t` alone: no dotted exclusion beside it, so 2.x's exact-name shortcut holds). Per field, what a search
 * reads (a query, docvalue_fields, a terms aggregation) must be what isFieldVisible / compileFls with the cluster's
 * version say; `_source` what filterDocument with that version says; the `fields` API reads the filtered `_source`
 * (a multi-field through its parent), not the field list a search reads (2.x under `['o']` or `['t']`). verifyHits
 * holds responses to what the roles include and exclude: the user's own hits pass, and the same search run by an
 * unrestricted user shows exactly the roles' hidden fields as FLS leaks (no false leak, no missed one), with or
 * without a version.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFls, filterDocument, isFieldVisible } from '../../src/verify/fls.js';
import { expectationsFromRoles } from '../../src/verify/expectations.js';
import { verifyHits } from '../../src/verify/verifier.js';
import { loadConnection } from '../domain/connection.js';
import { afterConflicts } from '../support/settle.js';
import { localBasicClients, restAnswer, restOk } from '../support/local-clients.js';

const conn = loadConnection();
const API = '/_plugins/_security/api';
const USER = 'h183-fls-user';
const ROLE = 'h183-fls-role';
const PASSWORD = 'H183-fls-Passw0rd!5';
const INDEX = 'h183-fls-questions';
const DOC = { t: 'Hello', o: { x: 'X', y: 'Y' }, p: 'P' };
const FIELDS = ['t', 't.raw', 'o.x', 'o.y', 'p'];
/** A query reading each field. */
const QUERY: Record<string, unknown> = { t: { match: { t: 'hello' } }, 't.raw': { term: { 't.raw': 'Hello' } }, 'o.x': { term: { 'o.x': 'X' } }, 'o.y': { term: { 'o.y': 'Y' } }, p: { term: { p: 'P' } } };
/** Each FLS list and the paths (objects too) the roles hide: what verifyHits holds a response to, on every generation. */
const CASES: Array<{ fls: string[]; hidden: string[] }> = [
  { fls: ['~t'], hidden: ['t', 't.raw'] },
  { fls: ['~o'], hidden: ['o', 'o.x', 'o.y'] },
  { fls: ['~o.x'], hidden: ['o.x'] },
  { fls: ['t'], hidden: ['o', 'o.x', 'o.y', 'p'] },
  { fls: ['o'], hidden: ['t', 't.raw', 'p'] },
  { fls: ['o*'], hidden: ['t', 't.raw', 'p'] },
  { fls: ['~o*'], hidden: ['o', 'o.x', 'o.y'] },
  { fls: ['t*'], hidden: ['o', 'o.x', 'o.y', 'p'] },
];
const { master, make, closeAll } = localBasicClients(conn);
const user = make(USER, PASSWORD);
let version = '';

type Hit = { _source?: Record<string, unknown>; fields?: Record<string, unknown> };
interface Body { hits: { total: { value: number }; hits: Hit[] }; aggregations?: { a: { buckets: unknown[] } } }

async function search(client: typeof user, body: unknown): Promise<Body> {
  const r = await restAnswer(client, 'POST', `/${INDEX}/_search`, body);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body as Body;
}

/** Whether a search reads `field`: a query, and for the keyword fields docvalue_fields and a terms aggregation (all must agree). */
async function reads(field: string): Promise<boolean> {
  const ways = [(await search(user, { query: QUERY[field] })).hits.total.value > 0];
  if (field !== 't') {
    ways.push((await search(user, { docvalue_fields: [field], _source: false })).hits.hits[0]?.fields?.[field] !== undefined);
    ways.push(((await search(user, { size: 0, aggs: { a: { terms: { field } } } })).aggregations?.a.buckets.length ?? 0) > 0);
  }
  assert.ok(ways.every((w) => w === ways[0]), `${field}: query, docvalue_fields, terms disagree: ${JSON.stringify(ways)}`);
  return ways[0] as boolean;
}

/** The FLS findings verifyHits should make on `hit` under the hidden paths: each hidden `fields` key, and in `_source` the topmost hidden path. */
function expectedLeaks(hit: Hit, hidden: readonly string[]): string[] {
  const out = Object.keys(hit.fields ?? {}).filter((k) => hidden.includes(k)).map((k) => `${k} fields`);
  const walk = (v: unknown, path: string): void => {
    if (path !== '' && hidden.includes(path)) { out.push(`${path} _source`); return; }
    if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) walk(x, path === '' ? k : `${path}.${k}`);
  };
  walk(hit._source ?? {}, '');
  return out.sort();
}

function flsFindings(body: Body, fls: string[], pluginVersion: string | undefined): string[] {
  const roles = { [ROLE]: { index_permissions: [{ index_patterns: [INDEX], allowed_actions: ['read'], fls }] } };
  const report = verifyHits(body, expectationsFromRoles(roles, INDEX, { name: USER }, pluginVersion === undefined ? {} : { pluginVersion }));
  assert.ok(report.findings.every((f) => f.kind === 'fls-leak'), JSON.stringify(report.findings));
  return [...new Set(report.findings.map((f) => `${f.path} ${f.location}`))].sort();
}

async function grant(fls: string[]): Promise<void> {
  await afterConflicts(() => restOk(master, 'PUT', `${API}/roles/${ROLE}`, { index_permissions: [{ index_patterns: [INDEX], allowed_actions: ['read'], fls }] }));
  await afterConflicts(() => restOk(master, 'PUT', `${API}/internalusers/${USER}`, { password: PASSWORD, opendistro_security_roles: [ROLE] }));
}

before(async () => {
  version = ((await restAnswer(master, 'GET', '/')).body as { version: { number: string } }).version.number;
  await restAnswer(master, 'DELETE', `/${INDEX}`);
  const keyword = { type: 'keyword' };
  await restOk(master, 'PUT', `/${INDEX}`, { mappings: { properties: { t: { type: 'text', fields: { raw: keyword } }, o: { properties: { x: keyword, y: keyword } }, p: keyword } } });
  await restOk(master, 'PUT', `/${INDEX}/_doc/1?refresh=true`, DOC);
});

after(async () => {
  await restAnswer(master, 'DELETE', `${API}/internalusers/${USER}`);
  await restAnswer(master, 'DELETE', `${API}/roles/${ROLE}`);
  await restAnswer(master, 'DELETE', `/${INDEX}`);
  await closeAll();
});

describe('FLS by question on the real node (t + multi-field t.raw, object o)', () => {
  for (const c of CASES) {
    test(`fls ${JSON.stringify(c.fls)}`, async () => {
      await grant(c.fls);
      const opts = { pluginVersion: version };
      const readable: string[] = [];
      for (const field of FIELDS) if (await reads(field)) readable.push(field);
      assert.deepEqual(FIELDS.filter((f) => isFieldVisible(f, [c.fls], 'leaf', opts)), readable, `isFieldVisible (${version}) against what the node's searches read`);
      const compiled = compileFls([c.fls], opts);
      assert.deepEqual(FIELDS.filter((f) => compiled.isVisible(f)), readable, `compileFls (${version})`);

      const body = { fields: ['*'], docvalue_fields: ['t.raw', 'o.x', 'o.y', 'p'] };
      const own = await search(user, body);
      const hit = own.hits.hits[0] as Hit;
      assert.deepEqual(hit._source, filterDocument(DOC, [c.fls], opts), `_source against filterDocument (${version})`);
      // the fields API reads the filtered _source (t.raw through t); docvalue_fields what a search reads
      const inSource = (f: string): boolean => { const v = f.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], hit._source); return v !== undefined; };
      const fromSource = FIELDS.filter((f) => inSource(f === 't.raw' ? 't' : f));
      const dv = ['t.raw', 'o.x', 'o.y', 'p'].filter((f) => readable.includes(f));
      assert.deepEqual(Object.keys(hit.fields ?? {}).sort(), [...new Set([...fromSource, ...dv])].sort(), 'fields: the _source view, and the doc values a search reads');

      for (const v of [version, undefined]) {
        assert.deepEqual(flsFindings(own, c.fls, v), expectedLeaks(hit, c.hidden), `verifyHits on the user's own hits (${String(v)})`);
        const all = await search(master, body);
        const leaks = expectedLeaks(all.hits.hits[0] as Hit, c.hidden);
        assert.ok(leaks.length > 0);
        assert.deepEqual(flsFindings(all, c.fls, v), leaks, `verifyHits on an unrestricted user's hits (${String(v)})`);
      }
    });
  }
});
