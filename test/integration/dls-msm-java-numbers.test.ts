/**
 * DLS decisions on minimum_should_match without optional clauses (a must_not-only bool, match with operator and)
 * and on JSON numbers a JDK 17 node renders otherwise (2.19 here runs on JDK 17), each checked on the real node
 * (2.19 by default, 3.4 with FGAC_DOMAIN_DIR=.local-domain/opensearch-3), with the harness of dls-decisions.test.ts
 * (names prefixed `h150-`). Cases named `was:` were wrong decided verdicts found by a review of bbf14f6 (stop 48).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import bcrypt from 'bcryptjs';
import { fieldTypesFromMapping, verifyHits } from '../../src/verify/index.js';
import { loadConnection } from '../domain/connection.js';
import { localBasicClients, restCaller } from '../support/local-clients.js';

const conn = loadConnection();
const { make, master, closeAll } = localBasicClients(conn);
const rest = restCaller(master);
const PASSWORD = 'H150-dls!Review#7qZ';
const HASH = bcrypt.hashSync(PASSWORD, 4);

interface Case { name: string; mapping: unknown; docs: Record<string, unknown>; raw?: Record<string, string>; dls: string }

async function patch(type: string, ops: unknown[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await master.transport.request({ method: 'PATCH', path: `/_plugins/_security/api/${type}`, body: ops as never });
      return;
    } catch (e) {
      if (attempt >= 20 || !/CONFLICT|409/.test(String((e as Error).message))) throw e;
      await new Promise((r) => setTimeout(r, 50 + 100 * Math.random()));
    }
  }
}

let n = 0;
const made: Array<{ idx: string; name: string }> = [];

/** The decided verdicts that differ from the node's, as lines (empty: all agree). */
async function disagreements(c: Case): Promise<string[]> {
  const i = n++;
  const idx = `h150-dls-${i}`;
  const name = `h150-dls-${i}`;
  made.push({ idx, name });
  await rest('DELETE', `/${idx}`).catch(() => undefined);
  await rest('PUT', `/${idx}`, { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: c.mapping });
  const lines = Object.entries(c.docs).map(([id, d]) => `${JSON.stringify({ index: { _id: id } })}\n${c.raw?.[id] ?? JSON.stringify(d)}\n`).join('');
  const bulk = await rest('POST', `/${idx}/_bulk?refresh=true`, lines);
  const items = (bulk.body as { items: Array<{ index: { _id: string; status: number } }> }).items;
  assert.deepEqual(items.filter((x) => x.index.status >= 300).map((x) => x.index._id), [], 'every document is indexed');
  await patch('roles', [{ op: 'add', path: `/${name}`, value: { index_permissions: [{ index_patterns: [idx], allowed_actions: ['read'], dls: c.dls }] } }]);
  await patch('internalusers', [{ op: 'add', path: `/${name}`, value: { hash: HASH, backend_roles: [] } }]);
  await patch('rolesmapping', [{ op: 'add', path: `/${name}`, value: { users: [name] } }]);
  const all = (await rest('POST', `/${idx}/_search`, { size: 100, query: { match_all: {} } })).body;
  const fieldTypes = fieldTypesFromMapping((await rest('GET', `/${idx}`)).body);
  const report = verifyHits(all, { indices: [{ indexPatterns: [idx], rules: [{ dls: c.dls }], fieldTypes }], pluginVersion: conn.opensearch.version, user: { name } });
  let seen = new Set<string>();
  let failure = '';
  try {
    const res = await make(name, PASSWORD).search({ index: idx, body: { size: 100, query: { match_all: {} } } });
    seen = new Set((res.body as { hits: { hits: Array<{ _id: string }> } }).hits.hits.map((h) => h._id));
  } catch (e) {
    failure = ` (the search failed: ${String((e as Error).message).slice(0, 100)})`;
  }
  const out: string[] = [];
  for (const h of report.hits) {
    const v = h.dls.result;
    if (v === 'unverifiable') continue;
    const shows = seen.has(h.id as string);
    if ((v === 'match') !== shows) out.push(`${String(h.id)} ${c.raw?.[h.id as string] ?? JSON.stringify((c.docs as Record<string, unknown>)[h.id as string])}: SDK ${v}${h.dls.reason ? ` (${h.dls.reason})` : ''}, node ${shows ? 'shows' : 'hides'}${failure}`);
  }
  return out;
}

after(async () => {
  for (const { idx, name } of made) {
    await rest('DELETE', `/${idx}`).catch(() => undefined);
    for (const t of ['rolesmapping', 'roles', 'internalusers']) await patch(t, [{ op: 'remove', path: `/${name}` }]).catch(() => undefined);
  }
  await closeAll();
});

const KT = { properties: { k: { type: 'keyword' }, t: { type: 'text' } } };

const CASES: Case[] = [
  { name: 'was: must_not-only bool with minimum_should_match 1 still matches', mapping: KT, docs: { x: { k: 'x' }, y: { k: 'y' } }, dls: '{"bool":{"must_not":{"term":{"k":"y"}},"minimum_should_match":1}}' },
  { name: 'was: the same nested in a filter', mapping: KT, docs: { x: { k: 'x' }, y: { k: 'y' } }, dls: '{"bool":{"filter":{"bool":{"must_not":{"term":{"k":"y"}},"minimum_should_match":"2"}}}}' },
  { name: 'was: match "fox dog" operator and + minimum_should_match 1 matches nothing', mapping: KT, docs: { a: { t: 'fox dog' }, b: { t: 'fox' } }, dls: '{"match":{"t":{"query":"fox dog","operator":"and","minimum_should_match":"1"}}}' },
  { name: 'was (2.19): term on keyword 1.0E23 is "9.999999999999999E22" on JDK 17', mapping: KT, docs: { a: { k: '1.0E23' }, b: { k: '9.999999999999999E22' } }, dls: '{"term":{"k":1.0E23}}' },
  { name: 'was (2.19): term on keyword 2.82879384806159E17 is "2.82879384806159008E17" on JDK 17', mapping: KT, docs: { a: { k: '2.82879384806159E17' }, b: { k: '2.82879384806159008E17' } }, dls: '{"term":{"k":2.82879384806159E17}}' },
  { name: 'was (2.19): term on _id 1.0E23', mapping: KT, docs: { '1.0E23': { k: 'a' }, '9.999999999999999E22': { k: 'b' } }, dls: '{"term":{"_id":1.0E23}}' },
  { name: 'was (2.19): match on text 1.23E22', mapping: KT, docs: { a: { t: 'v 1.23E22' }, b: { t: 'v 1.2300000000000001E22' } }, dls: '{"match":{"t":1.23E22}}' },
];

describe(`DLS decisions against the real ${conn.opensearch.version} node`, () => {
  for (const c of CASES) {
    test(c.name, async () => {
      assert.deepEqual(await disagreements(c), []);
    });
  }
});
