/**
 * DLS with server truth against the REAL 2.19 domain. (1) Cross-check: generated DLS queries over the
 * seeded `flights` and `movies` documents, judged for every document by the local evaluator and by the
 * cluster (serverDlsVerdicts: the master user searches `ids` + the DLS query); every document the local
 * evaluator decides must get the cluster's verdict (a disagreement is a bug to fix in src/verify/dls or a
 * case to declare unverifiable). (2) verifyHitsWithServer on new-user's real search, on a forged leak and
 * through an alias.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateDls, fieldTypesFromMapping, type DlsUser, type FieldTypes } from '../../src/verify/index.js';
import { serverDlsVerdicts, verifyHitsWithServer } from '../../src/verify/server-dls.js';
import type { AccessExpectations } from '../../src/verify/expectations.js';
import { indexAliasesFrom } from '../../src/fgac/aliases.js';
import { loadConnection } from '../domain/connection.js';
import { rng } from '../domain/seed-data.js';
import { localBasicClients } from '../support/local-clients.js';

const conn = loadConnection();
const ALIAS = 'p5-sdt-alias';
const { master, limited, closeAll } = localBasicClients(conn);

type Doc = { _id: string; _source: Record<string, unknown> };
const docs: Record<string, Doc[]> = {};
const types: Record<string, FieldTypes> = {};
const USER: DlsUser = { name: 'JetBeats', roles: ['new-backend-role'], attributes: { 'attr.internal.genre': 'Drama' } };

before(async () => {
  for (const index of ['flights', 'movies']) {
    const res = await master.transport.request({ method: 'POST', path: `/${index}/_search`, body: { size: 1000, query: { match_all: {} } } });
    docs[index] = (res.body as { hits: { hits: Doc[] } }).hits.hits;
    types[index] = fieldTypesFromMapping((await master.transport.request({ method: 'GET', path: `/${index}/_mapping` })).body);
  }
  await master.transport.request({ method: 'POST', path: '/_aliases', body: { actions: [{ add: { index: 'flights', alias: ALIAS } }] } });
});

after(async () => {
  await master.transport.request({ method: 'POST', path: '/_aliases', body: { actions: [{ remove: { index: 'flights', alias: ALIAS } }] } }).catch(() => undefined);
  await closeAll();
});

/** Generates DLS queries from the documents' own values (seeded, so every run asks the same). */
function generate(index: string, count: number, seed: number): string[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const list = docs[index] as Doc[];
  const fieldNames = Object.keys(types[index] as FieldTypes).filter((f) => !f.endsWith('.keyword'));
  const valueOf = (field: string): unknown => {
    const v = pick(list)._source[field];
    return Array.isArray(v) ? pick(v) : v;
  };
  const typeOf = (field: string): string => {
    const t = (types[index] as FieldTypes)[field];
    return typeof t === 'string' ? t : (t?.type ?? 'object');
  };
  const leaf = (): unknown => {
    const field = pick(fieldNames);
    const t = typeOf(field);
    const v = valueOf(field);
    const s = String(v);
    const roll = r();
    if (roll < 0.06) return { exists: { field: pick([field, 'NoSuchField']) } };
    if (roll < 0.1) return { ids: { values: [pick(list)._id, pick(list)._id, 'nope'] } };
    if (t === 'keyword') {
      return pick([
        { term: { [field]: s } }, { term: { [field]: s.toLowerCase() } }, { term: { [field]: { value: s.toLowerCase(), case_insensitive: true } } },
        { terms: { [field]: [s, String(valueOf(field)), 'nope'] } }, { prefix: { [field]: s.slice(0, 1 + Math.floor(r() * 3)) } },
        { prefix: { [field]: { value: s.slice(0, 2).toLowerCase(), case_insensitive: true } } },
        { wildcard: { [field]: { value: `${s.slice(0, 1)}?${s.slice(2, 4)}*` } } }, { range: { [field]: { gte: s, lt: String(valueOf(field)) } } },
        { match: { [field]: s } }, { term: { [field]: '${user.name}' } },
      ]);
    }
    if (t === 'boolean') return pick([{ term: { [field]: v } }, { match: { [field]: String(v) } }, { term: { [field]: String(v) } }]);
    if (t === 'integer' || t === 'float' || t === 'long' || t === 'double') {
      const n = Number(v);
      const frac = Math.round(r() * 100) / 100;
      return pick([
        { term: { [field]: n } }, { range: { [field]: { gte: n } } }, { range: { [field]: { gt: n - frac, lt: n + 50.5 } } },
        { range: { [field]: { lte: String(n) } } }, { terms: { [field]: [n, Number(valueOf(field))] } }, { match: { [field]: n } },
      ]);
    }
    if (t === 'date') {
      const d = s.slice(0, 10);
      return pick([
        { range: { [field]: { gte: d } } }, { range: { [field]: { lt: d } } }, { range: { [field]: { gt: s } } },
        { range: { [field]: { gte: `${d.slice(0, 7)}-01`, lte: d } } }, { range: { [field]: { gte: d, format: 'yyyy-MM-dd' } } },
      ]);
    }
    if (t === 'text') {
      const words = s.split(/\W+/).filter((w) => w !== '');
      return pick([
        { match: { [field]: pick(words) } }, { match: { [field]: `${pick(words)} ${pick(words)}` } },
        { match: { [field]: { query: `${pick(words)} ${pick(words)}`, operator: 'and' } } }, { match: { [field]: pick(words).toUpperCase() } },
        { term: { [field]: pick(words).toLowerCase() } }, { prefix: { [field]: pick(words).slice(0, 3).toLowerCase() } },
      ]);
    }
    return { exists: { field } };
  };
  const node = (depth: number): unknown => {
    if (depth >= 2 || r() < 0.55) return leaf();
    const n = (): unknown[] => Array.from({ length: 1 + Math.floor(r() * 2) }, () => node(depth + 1));
    const bool: Record<string, unknown> = {};
    for (const k of ['must', 'filter', 'should', 'must_not']) if (r() < 0.45) bool[k] = n();
    if (bool.should !== undefined && r() < 0.4) bool.minimum_should_match = pick([1, 2, '50%', '-1']);
    return { bool };
  };
  return Array.from({ length: count }, () => JSON.stringify(node(0)));
}

describe('server-truth DLS on the real domain', () => {
  test('generated DLS queries: the local evaluator never disagrees with the cluster', async () => {
    // Beyond the local evaluator's subset: it says unverifiable, the cluster decides.
    const beyond: Array<[string, string]> = [
      ['movies', '{"match_phrase": {"plot": "story about"}}'], ['flights', '{"regexp": {"Dest": "S.*y.*"}}'],
      ['flights', '{"query_string": {"query": "Carrier:JetBeats OR FlightDelayMin:[60 TO 120]"}}'], ['movies', '{"fuzzy": {"genres": "Dramma"}}'],
      ['flights', '{"range": {"timestamp": {"gte": "now-20y/d"}}}'], ['movies', '{"match": {"plot": {"query": "stroy", "fuzziness": "AUTO"}}}'],
    ];
    const queries = [
      ...generate('flights', 45, 151).map((q) => ['flights', q]), ...generate('movies', 25, 152).map((q) => ['movies', q]), ...beyond,
    ] as Array<[string, string]>;
    const pluginVersion = conn.opensearch.version;
    let judged = 0;
    let decided = 0;
    let agreed = 0;
    let unverifiable = 0;
    let serverMatches = 0;
    const disagreements: string[] = [];
    for (const [index, dls] of queries) {
      const list = docs[index] as Doc[];
      const response = { hits: { hits: list.map((d) => ({ _index: index, _id: d._id })) } };
      const expectations: AccessExpectations = { indices: [{ indexPatterns: [index], rules: [{ dls }] }], user: USER, pluginVersion };
      const { verdicts, failures } = await serverDlsVerdicts(response, expectations, { reader: master, batchSize: 100 });
      assert.deepEqual(failures, [], `${index} ${dls}: the cluster answers`);
      for (const d of list) {
        const server = verdicts.get(`${index}\u0000${d._id}`);
        assert.ok(server !== undefined, `${index} ${dls}: a server verdict for ${d._id}`);
        judged++;
        if (server.result === 'match') serverMatches++;
        const local = evaluateDls(dls, d._source, { fieldTypes: types[index] as FieldTypes, id: d._id, user: USER, pluginVersion });
        if (local.result === 'unverifiable') { unverifiable++; continue; }
        decided++;
        if (local.result === server.result) agreed++;
        else if (disagreements.length < 20) disagreements.push(`${index} ${dls} on ${d._id}: local ${local.result}, cluster ${server.result}`);
      }
    }
    console.log(`server-truth DLS: ${queries.length} queries, ${judged} document verdicts, local decided ${decided} (${agreed} agree, ${decided - agreed} disagree), unverifiable ${unverifiable}; cluster matches ${serverMatches}`);
    assert.ok(queries.length >= 50);
    assert.deepEqual(disagreements, []);
    assert.ok(serverMatches > judged / 20 && serverMatches < judged - judged / 20, 'both verdicts are exercised');
  });

  test('verifyHitsWithServer: new-user\'s real search passes with the cluster deciding DLS; a forged leak is a violation', async () => {
    const res = await limited.transport.request({ method: 'POST', path: '/flights/_search', body: { size: 300 } });
    const expectations: AccessExpectations = {
      indices: [{ indexPatterns: ['flights*'], rules: [{ role: 'new-role', dls: '{"match": {"FlightDelay": true}}', fls: ['~FlightNum'], maskedFields: ['Dest'] }] }],
      pluginVersion: conn.opensearch.version,
    };
    const report = await verifyHitsWithServer(res.body, expectations, { reader: master });
    const hits = (res.body as { hits: { hits: unknown[] } }).hits.hits.length;
    assert.ok(hits > 0);
    assert.equal(report.dlsByServer, hits);
    assert.equal(report.counts.dlsViolations, 0);
    assert.ok(report.hits.every((h) => h.dls.result === 'match'));
    const onTime = (docs.flights as Doc[]).find((d) => d._source.FlightDelay === false) as Doc;
    const forged = { hits: { hits: [{ _index: 'flights', _id: onTime._id, _source: { Carrier: onTime._source.Carrier } }] } };
    const bad = await verifyHitsWithServer(forged, expectations, { reader: master });
    assert.equal(bad.counts.dlsViolations, 1);
    assert.match(bad.findings[0]?.detail ?? '', /cluster says/);
  });

  test('expectations given for an alias cover hits of its concrete index (locally and with the cluster)', async () => {
    const aliases = indexAliasesFrom((await master.transport.request({ method: 'GET', path: `/_alias/${ALIAS}` })).body);
    assert.deepEqual(aliases, { [ALIAS]: ['flights'] });
    const delayed = (docs.flights as Doc[]).find((d) => d._source.FlightDelay === true) as Doc;
    const onTime = (docs.flights as Doc[]).find((d) => d._source.FlightDelay === false) as Doc;
    const response = { hits: { hits: [delayed, onTime].map((d) => ({ _index: 'flights', _id: d._id, _source: d._source })) } };
    const expectations: AccessExpectations = { indices: [{ indexPatterns: [ALIAS], rules: [{ dls: '{"term": {"FlightDelay": true}}' }] }], aliases, pluginVersion: conn.opensearch.version };
    const report = await verifyHitsWithServer(response, expectations, { reader: master });
    assert.equal(report.dlsByServer, 2);
    assert.deepEqual(report.hits.map((h) => h.dls.result), ['match', 'no-match']);
    const { aliases: _ignored, ...withoutAliases } = expectations;
    const local = await verifyHitsWithServer(response, withoutAliases, { reader: master });
    assert.deepEqual(local.hits.map((h) => h.status), ['unverifiable', 'unverifiable'], 'without the alias table no expectation covers flights');
  });
});
