/**
 * verifyHits' per-hit DLS verdict against what the REAL plugin shows a user mapped to a role with that DLS:
 * hostile documents (`""` and malformed numbers, stored-only and unindexed fields, `dynamic: false`, long
 * tokens, other analyzers, partial dates, 4-digit numbers in dates) and queries whose parameters the plugin
 * reads its own way. Every decided verdict (match / no-match) must be the node's; the cases listed in
 * `decided` must be decided. Runs on 2.19 (default) and 3.4 (FGAC_DOMAIN_DIR=/var/tmp/d34).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import bcrypt from 'bcryptjs';
import { fieldTypesFromMapping, verifyHits } from '../../src/verify/index.js';
import { loadConnection } from '../domain/connection.js';
import { localBasicClients, restCaller } from '../support/local-clients.js';

const conn = loadConnection();
const { make, master, closeAll } = localBasicClients(conn);
const rest = restCaller(master);
const PASSWORD = 'P10-dlst!Truth#58qK';
/** A cheap hash (cost 4) given to the node: hashing 19 passwords there, and checking them, took seconds each. */
const HASH = bcrypt.hashSync(PASSWORD, 4);
const A = 'p10-dlst-a';
const B = 'p10-dlst-b';

const INDICES: Record<string, { body: Record<string, unknown>; docs: Record<string, Record<string, unknown>> }> = {
  [A]: {
    body: {
      mappings: {
        dynamic: false,
        properties: {
          l: { type: 'long' }, d: { type: 'double' }, n: { type: 'long', ignore_malformed: true }, b: { type: 'byte', ignore_malformed: true },
          i: { type: 'integer', ignore_malformed: true }, k: { type: 'keyword' }, ks: { type: 'keyword', index: false, doc_values: false, store: true },
          tnoidx: { type: 'text', index: false }, t: { type: 'text' }, tws: { type: 'text', analyzer: 'whitespace', search_analyzer: 'standard' },
          dt: { type: 'date' }, o: { dynamic: false, properties: { y: { type: 'long' } } },
        },
      },
    },
    docs: {
      a: { l: '', n: '0x10', b: 300, i: ' 6 ', k: 'ABC', ks: 'x', tnoidx: 'hello', t: 'a'.repeat(300), tws: 'Hello World', dt: 2020, o: { x: 5 }, un: 5 },
      b: { l: 5, n: 16, b: 100, i: 7, k: 'abc', t: 'x', tws: 'hello', dt: '2020-06-15T00:00:00Z', o: { y: 5 } },
      c: { l: 6, n: ' 6 ', b: -200, k: 'x', dt: '2020-01-01T12:00:00Z', d: '' },
      d: { l: [null, ''], n: 'abc', dt: '2020-05-02', t: 'hello world' },
    },
  },
  [B]: {
    body: { settings: { analysis: { analyzer: { default: { type: 'whitespace' } } } }, mappings: { properties: { t: { type: 'text' } } } },
    docs: { a: { t: 'Hello World' }, b: { t: 'hello' } },
  },
};

/** One role (and user) per case: its DLS, its index, and the documents whose verdict must be decided. */
const CASES: Array<{ name: string; index: string; dls: string; decided: string[] }> = [
  { name: 'must_not exists on "" / [null, ""] in a long', index: A, dls: '{"bool":{"must_not":{"exists":{"field":"l"}}}}', decided: ['a', 'b', 'c', 'd'] },
  { name: 'term on ignore_malformed long ("0x10", " 6 ", "abc")', index: A, dls: '{"bool":{"must_not":{"term":{"n":16}}}}', decided: ['b'] },
  { name: 'range on ignore_malformed byte (300, -200)', index: A, dls: '{"range":{"b":{"gte":100}}}', decided: ['b', 'd'] },
  { name: 'term on an integer given " 6 "', index: A, dls: '{"term":{"i":6}}', decided: ['b', 'c', 'd'] },
  { name: 'exists on a stored-only keyword', index: A, dls: '{"exists":{"field":"ks"}}', decided: ['a', 'b', 'c', 'd'] },
  { name: 'must_not exists on text index:false', index: A, dls: '{"bool":{"must_not":{"exists":{"field":"tnoidx"}}}}', decided: ['a', 'b', 'c', 'd'] },
  { name: 'term of 255 "a" on a 300-character word', index: A, dls: JSON.stringify({ term: { t: 'a'.repeat(255) } }), decided: ['a', 'b', 'c', 'd'] },
  { name: 'match zero_terms_query all', index: A, dls: '{"match":{"t":{"query":"!!!","zero_terms_query":"all"}}}', decided: ['a', 'b', 'c', 'd'] },
  { name: 'must_not match on a whitespace-indexed field', index: A, dls: '{"bool":{"must_not":{"match":{"tws":"hello"}}}}', decided: ['c', 'd'] },
  { name: 'range gt a year', index: A, dls: '{"range":{"dt":{"gt":"2020"}}}', decided: ['a', 'b', 'c', 'd'] },
  { name: 'range lte a month', index: A, dls: '{"range":{"dt":{"lte":"2020-05"}}}', decided: ['a', 'b', 'c', 'd'] },
  { name: 'a 4-digit number in a date is a year', index: A, dls: '{"range":{"dt":{"gte":"2000-01-01"}}}', decided: ['a', 'b', 'c', 'd'] },
  { name: 'range keys in JSON order', index: A, dls: '{"range":{"l":{"gt":5,"include_lower":true}}}', decided: ['a', 'b', 'c', 'd'] },
  { name: 'include_lower as a string', index: A, dls: '{"range":{"l":{"from":6,"include_lower":"false"}}}', decided: ['a', 'b', 'c', 'd'] },
  { name: 'case_insensitive as a string', index: A, dls: '{"term":{"k":{"value":"abc","case_insensitive":"true"}}}', decided: ['a', 'b', 'c', 'd'] },
  { name: 'adjust_pure_negative false', index: A, dls: '{"bool":{"must_not":{"term":{"l":5}},"adjust_pure_negative":false}}', decided: ['a', 'b', 'c', 'd'] },
  { name: 'a field under an object with dynamic false', index: A, dls: '{"term":{"o.x":5}}', decided: ['b', 'c', 'd'] },
  { name: 'a field the dynamic:false root does not map', index: A, dls: '{"bool":{"must_not":{"range":{"un":{"gte":3}}}}}', decided: ['b', 'c', 'd'] },
  { name: 'an index default analyzer', index: B, dls: '{"bool":{"must_not":{"match":{"t":"hello"}}}}', decided: [] },
];

const slug = (i: number): string => `p10-dlst-${i}`;

/** One PATCH per security resource type (add or remove every case's user, role and mapping). */
async function patchAll(op: 'add' | 'remove'): Promise<void> {
  const entries: Record<string, Array<[string, unknown]>> = {
    internalusers: CASES.map((_, i): [string, unknown] => [slug(i), { hash: HASH, backend_roles: [] }]),
    roles: CASES.map((c, i): [string, unknown] => [slug(i), { index_permissions: [{ index_patterns: [c.index], allowed_actions: ['read'], dls: c.dls }] }]),
    rolesmapping: CASES.map((_, i): [string, unknown] => [slug(i), { users: [slug(i)] }]),
  };
  const order = op === 'add' ? ['internalusers', 'roles', 'rolesmapping'] : ['rolesmapping', 'roles', 'internalusers'];
  for (const type of order) {
    let list = entries[type] as Array<[string, unknown]>;
    if (op === 'remove') {
      const present = (await rest('GET', `/_plugins/_security/api/${type}`)).body as Record<string, unknown>;
      list = list.filter(([k]) => Object.hasOwn(present, k));
      if (list.length === 0) continue;
    }
    await master.transport.request({
      method: 'PATCH', path: `/_plugins/_security/api/${type}`,
      body: list.map(([key, value]) => (op === 'add' ? { op, path: `/${key}`, value } : { op, path: `/${key}` })) as never,
    });
  }
}

const hitsOf = (body: unknown): Array<{ _id: string }> => (body as { hits: { hits: Array<{ _id: string }> } }).hits.hits;

before(async () => {
  await patchAll('remove');
  for (const [index, { body, docs }] of Object.entries(INDICES)) {
    await rest('DELETE', `/${index}`).catch(() => undefined);
    await rest('PUT', `/${index}`, { ...body, settings: { number_of_shards: 1, number_of_replicas: 0, ...(body.settings as object | undefined) } });
    await rest('POST', `/${index}/_bulk?refresh=true`, Object.entries(docs).map(([id, d]) => `${JSON.stringify({ index: { _id: id } })}\n${JSON.stringify(d)}\n`).join(''));
  }
  await patchAll('add');
});

after(async () => {
  for (const index of Object.keys(INDICES)) await rest('DELETE', `/${index}`).catch(() => undefined);
  await patchAll('remove').catch(() => undefined);
  await closeAll();
});

describe(`verifyHits' DLS verdicts are the real ${conn.opensearch.version} plugin's`, () => {
  const all: Record<string, unknown> = {};
  const types: Record<string, ReturnType<typeof fieldTypesFromMapping>> = {};
  let seenBy: Array<Set<string>> = [];
  before(async () => {
    // each user's first search hashes its password on the node: all at once
    seenBy = await Promise.all(CASES.map(async (c, i) => new Set(hitsOf((await make(slug(i), PASSWORD).search({ index: c.index, body: { size: 20, query: { match_all: {} } } })).body).map((h) => h._id))));
    for (const index of Object.keys(INDICES)) {
      all[index] = (await rest('POST', `/${index}/_search`, { size: 20, query: { match_all: {} } })).body;
      // GET <index>: the mapping with the index settings (its default analyzer)
      types[index] = fieldTypesFromMapping((await rest('GET', `/${index}`)).body);
      assert.equal(hitsOf(all[index]).length, Object.keys(INDICES[index]!.docs).length, `${index}: every document was indexed`);
    }
  });
  CASES.forEach((c, i) => {
    test(c.name, () => {
      const seen = seenBy[i] as Set<string>;
      const report = verifyHits(all[c.index], { indices: [{ indexPatterns: [c.index], rules: [{ dls: c.dls }], fieldTypes: types[c.index] }], pluginVersion: conn.opensearch.version });
      for (const hit of report.hits) {
        const verdict = hit.dls.result;
        if (c.decided.includes(hit.id)) assert.notEqual(verdict, 'unverifiable', `${hit.id}: ${hit.dls.reason ?? ''}`);
        if (verdict === 'unverifiable') continue;
        assert.equal(verdict === 'match', seen.has(hit.id), `${hit.id}: node ${seen.has(hit.id) ? 'shows' : 'hides'} it, verifyHits says ${verdict} (${hit.dls.reason ?? ''})`);
      }
    });
  });
});
