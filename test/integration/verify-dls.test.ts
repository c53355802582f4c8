/**
 * The local DLS evaluator agrees with the REAL security plugin: for each DLS query, a scratch role
 * (p5-dls-role) carrying it is mapped to a scratch user (p5-dls-user, with custom attributes); the
 * ids that user can see in `flights` must equal the ids the evaluator accepts among all seeded
 * documents (read as master), and the evaluator must decide every document.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Client } from '@opensearch-project/opensearch';
import { loadConnection } from '../domain/connection.js';
import { evaluateDls, evaluateDlsQueries, fieldTypesFromMapping, prepareDls, type DlsUser, type FieldTypes } from '../../src/verify/index.js';
import { checkDlsText, dlsFailureEffect } from '../../src/fgac/dls.js';
import { effectiveDlsTexts } from '../../src/verify/compiled-rules.js';
import { expectationsFromRoles, type IndexExpectation } from '../../src/verify/expectations.js';
import { pluginMajorVersion } from '../../src/fgac/plugin-version.js';
import { validateRole } from '../../src/security/model.js';
import { verifyHits } from '../../src/verify/verifier.js';
import { quickHash } from '../support/local-clients.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const master = new Client({ node: conn.opensearch.url, auth: conn.users.master, ssl: { ca }, maxRetries: 0 });
const ROLE = 'p5-dls-role';
const USER = 'p5-dls-user';
const PASSWORD = 'P5-dls!Verify#93xQ';
const ATTRIBUTES = { carrier: 'JetBeats', minDelay: '120', dest: 'Tokyo Haneda' };

interface Hit { _id: string; _source: Record<string, unknown> }

/** A security API call as master; 404 is fine, the plugin's 409 (another writer changed the config) is retried. */
async function call(method: string, path: string, body?: unknown): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await master.transport.request({ method, path, ...(body === undefined ? {} : { body: body as Record<string, unknown> }) });
      return;
    } catch (e) {
      const status = (e as { meta?: { statusCode?: number } }).meta?.statusCode;
      if (status === 404) return;
      if (status !== 409 || attempt >= 20) throw e;
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80));
    }
  }
}

const MAJOR = pluginMajorVersion(conn.opensearch.version) ?? 2;

const QUERIES: Array<Record<string, unknown> | string> = [
  { match: { FlightDelay: true } },
  { term: { FlightDelay: false } },
  { term: { Carrier: 'JetBeats' } },
  { term: { Carrier: 'jetbeats' } },
  { term: { Carrier: { value: 'jetbeats', case_insensitive: true } } },
  { terms: { Dest: ['Oslo Gardermoen', 'Zurich Airport', 'Nowhere'] } },
  { match: { Origin: 'Venice Marco Polo' } },
  { match: { Origin: 'Venice' } },
  { range: { FlightDelayMin: { gte: 120 } } },
  { range: { FlightDelayMin: { gt: 14.5, lt: 60.5 } } },
  { range: { AvgTicketPrice: { gte: 500, lte: 750.5 } } },
  { range: { timestamp: { gte: '2026-03-01', lt: '2026-06-01' } } },
  { range: { timestamp: { lte: '2026-02-15' } } },
  { range: { timestamp: { gt: '2026-09-30' } } },
  { range: { Dest: { gte: 'M', lt: 'T' } } },
  { exists: { field: 'FlightNum' } },
  { exists: { field: 'NoSuchField' } },
  { ids: { values: ['flight-0001', 'flight-0100', 'flight-0239', 'nope'] } },
  { prefix: { Dest: 'Tok' } },
  { prefix: { Carrier: { value: 'kib', case_insensitive: true } } },
  { wildcard: { Origin: { value: '*Inter*' } } },
  { wildcard: { FlightNum: '?A*' } },
  { match_none: {} },
  { bool: { must: [{ match: { FlightDelay: true } }], must_not: [{ term: { Carrier: 'ES-Air' } }] } },
  { bool: { should: [{ term: { Dest: 'Oslo Gardermoen' } }, { term: { Origin: 'Oslo Gardermoen' } }] } },
  { bool: { must: { range: { FlightDelayMin: { gte: 60 } } }, should: { term: { Carrier: 'JetBeats' } } } },
  { bool: { filter: [{ range: { AvgTicketPrice: { lt: 400 } } }], should: [{ term: { Carrier: 'JetBeats' } }, { term: { Carrier: 'ES-Air' } }], minimum_should_match: 1 } },
  { bool: { should: [{ term: { Carrier: 'JetBeats' } }, { match: { FlightDelay: true } }, { range: { AvgTicketPrice: { gt: 900 } } }], minimum_should_match: '2' } },
  { bool: { should: [{ term: { Carrier: 'JetBeats' } }, { match: { FlightDelay: true } }, { range: { AvgTicketPrice: { gt: 900 } } }], minimum_should_match: '-34%' } },
  { bool: { must_not: { bool: { should: [{ term: { FlightDelay: true } }, { prefix: { Dest: 'S' } }] } } } },
  { term: { Carrier: '${attr.internal.carrier}' } },
  { range: { FlightDelayMin: { gte: '${attr.internal.minDelay}' } } },
  '{"bool": {"must_not": {"term": {"Dest": "${attr.internal.dest}"}}, "filter": {"terms": {"Carrier": [${user.roles}, "JetBeats", "${user.name}"]}}}}',
  { bool: { must_not: { term: { Carrier: '${user_name}' } } } },
  // `$${x}`: up to 3.6 (2.19.4, 3.4.0) no escape, the `${x}` in it is replaced: "$JetBeats", which no document holds
  { bool: { must_not: { term: { Carrier: '$${attr.internal.carrier}' } } } },
  // 2.x keeps `${x:-d}` and an undefined attribute literally; 3.x fails every search on them (the DLS text verdicts below)
  ...(MAJOR >= 3 ? [] : [{ bool: { must_not: { term: { Carrier: '${attr.internal.nope:-Kibana Airlines}' } } } }, { term: { Carrier: '${attr.internal.nope}' } }]),
];

/** `inner` wrapped in `levels` bool/must queries: JSON nesting 2 * levels + the inner query's own. */
function nestedInBool(levels: number, inner: string): string {
  return `${'{"bool":{"must":'.repeat(levels)}${inner}${'}}'.repeat(levels)}`;
}

describe('DLS evaluator vs the real plugin', () => {
  let all: Hit[];
  let types: FieldTypes;
  let user: DlsUser;
  let subject: Client;

  before(async () => {
    const r = await master.search({ index: 'flights', body: { size: 1000, query: { match_all: {} } } });
    all = (r.body as unknown as { hits: { hits: Hit[] } }).hits.hits;
    assert.equal(all.length, conn.indices.flights);
    types = fieldTypesFromMapping((await master.indices.getMapping({ index: 'flights' })).body);
    await call('PUT', `/_plugins/_security/api/internalusers/${USER}`, { hash: quickHash(PASSWORD), backend_roles: ['p5-backend'], attributes: ATTRIBUTES });
    await call('PUT', `/_plugins/_security/api/roles/${ROLE}`, { index_permissions: [{ index_patterns: ['flights'], allowed_actions: ['read'], dls: '{"match_none": {}}' }] });
    await call('PUT', `/_plugins/_security/api/rolesmapping/${ROLE}`, { users: [USER] });
    subject = new Client({ node: conn.opensearch.url, auth: { username: USER, password: PASSWORD }, ssl: { ca }, maxRetries: 0 });
    const info = (await subject.transport.request({ method: 'GET', path: '/_plugins/_security/authinfo' })).body as { user_name: string; backend_roles: string[]; roles: string[] };
    user = { name: info.user_name, roles: info.backend_roles, securityRoles: info.roles, attributes: Object.fromEntries(Object.entries(ATTRIBUTES).map(([k, v]) => [`attr.internal.${k}`, v])) };
  });

  after(async () => {
    await call('DELETE', `/_plugins/_security/api/rolesmapping/${ROLE}`);
    await call('DELETE', `/_plugins/_security/api/roles/${ROLE}`);
    await call('DELETE', `/_plugins/_security/api/internalusers/${USER}`);
  });

  /** The ids the subject sees under `dls`, or the HTTP status of the refused search. */
  async function outcome(dls: string): Promise<string[] | number> {
    try {
      return await visibleIds(dls);
    } catch (e) {
      const status = (e as { meta?: { statusCode?: number } }).meta?.statusCode;
      if (typeof status !== 'number') throw e;
      return status;
    }
  }

  async function visibleIds(dls: string): Promise<string[]> {
    await call('PUT', `/_plugins/_security/api/roles/${ROLE}`, { index_permissions: [{ index_patterns: ['flights'], allowed_actions: ['read'], dls }] });
    const r = await subject.search({ index: 'flights', body: { size: 1000, query: { match_all: {} }, _source: false } });
    return (r.body as unknown as { hits: { hits: Hit[] } }).hits.hits.map((h) => h._id).sort();
  }

  test(`${QUERIES.length} DLS queries: the evaluator accepts exactly the documents the plugin returns`, async () => {
    assert.ok(QUERIES.length >= 20);
    for (const q of QUERIES) {
      const dls = typeof q === 'string' ? q : JSON.stringify(q);
      const server = await visibleIds(dls);
      const local: string[] = [];
      for (const h of all) {
        const r = evaluateDls(dls, h._source, { fieldTypes: types, id: h._id, user, pluginVersion: conn.opensearch.version });
        assert.notEqual(r.result, 'unverifiable', `${dls} on ${h._id}: ${r.reason ?? ''}`);
        if (r.result === 'match') local.push(h._id);
      }
      assert.deepEqual(local.sort(), server, dls);
    }
  });

  test('two roles on one index: their DLS queries are OR-ed', async () => {
    const a = '{"term": {"Carrier": "JetBeats"}}';
    const b = '{"range": {"FlightDelayMin": {"gte": 300}}}';
    await call('PUT', `/_plugins/_security/api/roles/${ROLE}-b`, { index_permissions: [{ index_patterns: ['flights'], allowed_actions: ['read'], dls: b }] });
    await call('PUT', `/_plugins/_security/api/rolesmapping/${ROLE}-b`, { users: [USER] });
    try {
      const server = await visibleIds(a);
      const local = all.filter((h) => evaluateDlsQueries([a, b], h._source, { fieldTypes: types, id: h._id, pluginVersion: conn.opensearch.version }).result === 'match').map((h) => h._id).sort();
      assert.deepEqual(local, server);
      assert.ok(server.length > all.filter((h) => h._source.Carrier === 'JetBeats').length);
    } finally {
      await call('DELETE', `/_plugins/_security/api/rolesmapping/${ROLE}-b`);
      await call('DELETE', `/_plugins/_security/api/roles/${ROLE}-b`);
    }
  });

  test('DLS text verdicts are the plugin\'s, per version: unreadable text fails every search (2.x) or drops the role (3.x), comments are allowed, text after the query is never read', async () => {
    const first = '{"term":{"Carrier":"JetBeats"}}';
    type Seen = 'fails' | 'nothing' | 'first' | 'all';
    type Text = 'ok' | 'ignored-text' | 'rejected';
    // [dls, what the user sees on 2.x, on 3.x, checkDlsText on 2.x, on 3.x]: observed on 2.19.4 and 3.4.0
    const cases: Array<[string, Seen, Seen, Text, Text]> = [
      ['{"term":{"Carrier":"JetBeats"},"term":{"Carrier":"ES-Air"}}', 'fails', 'nothing', 'rejected', 'rejected'],
      ['{"term":{"Carrier":"JetBeats","Carrier":"ES-Air"}}', 'fails', 'nothing', 'rejected', 'rejected'],
      ['{"bool":{"should":[{"term":{"Carrier":"JetBeats"}}],"should":[]}}', 'fails', 'nothing', 'rejected', 'rejected'],
      ["{'term':{'Carrier':'JetBeats'}}", 'fails', 'nothing', 'rejected', 'rejected'],
      ['{}', 'fails', 'nothing', 'rejected', 'rejected'],
      ['null', 'fails', 'nothing', 'rejected', 'rejected'],
      // with `${` the text is read at each search on 3.x too: unreadable fails every search
      ['{"term":{"Carrier":"${attr.internal.carrier}"},"term":{"Carrier":"ES-Air"}}', 'fails', 'fails', 'rejected', 'rejected'],
      // a `${` left after substitution: literal on 2.x, fails every search on 3.x
      ['{"term":{"Carrier":"${attr.internal.nope:-Kibana Airlines}"}}', 'nothing', 'fails', 'ok', 'ok'],
      ['{"term":{"Carrier":"${"}}', 'nothing', 'fails', 'ok', 'rejected'],
      [`${first} \${attr.internal.nope}`, 'first', 'fails', 'ignored-text', 'ignored-text'],
      // white space only: a query that fails on 2.x, no DLS on 3.x
      ['  ', 'fails', 'all', 'rejected', 'ok'],
      ['{/* c */"term": // c\n {"Carrier":"JetBeats"}}', 'first', 'first', 'ok', 'ok'],
      [`${first} trailing`, 'first', 'first', 'ignored-text', 'ignored-text'],
      [`${first}}`, 'first', 'first', 'ignored-text', 'ignored-text'],
      [`${first} {"term":{"Carrier":"ES-Air"}}`, 'first', 'first', 'ignored-text', 'ignored-text'],
      // nested 198 levels deep: read and evaluated like any query (deeper: test/unit/hostile-documents.test.ts)
      [nestedInBool(98, first), 'first', 'first', 'ok', 'ok'],
    ];
    const version = conn.opensearch.version;
    const v3 = MAJOR >= 3;
    const expected = await visibleIds(first);
    const everything = all.map((h) => h._id).sort();
    assert.ok(expected.length > 0 && expected.length < all.length);
    for (const [dls, seen2, seen3, text2, text3] of cases) {
      const seen = v3 ? seen3 : seen2;
      const verdict = v3 ? text3 : text2;
      const server = await outcome(dls);
      const shown = dls.length > 120 ? `${dls.slice(0, 60)}...(${dls.length} chars)` : dls;
      if (seen === 'fails') assert.equal(typeof server, 'number', `the plugin ${version} refuses searches under ${shown}`);
      else assert.deepEqual(server, seen === 'first' ? expected : seen === 'all' ? everything : [], `the plugin ${version} shows ${seen} under ${shown}`);
      // one parser: what validation says about the role equals what verification says about the response
      const check = checkDlsText(dls, { rawVariables: true, pluginVersion: version });
      assert.equal(check.status, verdict, shown);
      if (check.status === 'rejected') assert.equal(check.effect, dlsFailureEffect(dls, version), shown);
      if (check.status === 'rejected') assert.equal(check.effect, seen === 'fails' ? 'search-fails' : 'role-ignored', shown);
      const warning = validateRole({ index_permissions: [{ index_patterns: ['flights'], dls }] }, { dialect: v3 ? 'v3' : 'v2' }).warnings.find((w) => w.path.endsWith('.dls'));
      assert.equal(warning === undefined, verdict === 'ok', `validation of ${shown}`);
      const prepared = prepareDls(dls, { user, pluginVersion: version });
      // the evaluator decides exactly where the plugin runs a query it reads as the SDK does; otherwise it judges nothing
      const decides = seen !== 'fails' && verdict === 'ok';
      assert.equal(prepared.ok, decides, shown);
      if (!prepared.ok) assert.equal(prepared.result.result, 'unverifiable', shown);
      else {
        const local = all.filter((h) => evaluateDls(dls, h._source, { fieldTypes: types, id: h._id, user, pluginVersion: version }).result === 'match').map((h) => h._id).sort();
        assert.deepEqual(local, server, shown);
      }
    }
  });

  test('3.x drops a role whose DLS it cannot parse on every index the role covers (2.x fails searches on that index only); the SDK judges nothing there', async () => {
    const bad = '{"term":{"Carrier":"JetBeats"},"term":{"Carrier":"ES-Air"}}';
    const perms = [{ index_patterns: ['flights'], allowed_actions: ['read'], dls: bad }, { index_patterns: ['movies'], allowed_actions: ['read'] }];
    await call('PUT', `/_plugins/_security/api/roles/${ROLE}`, { index_permissions: perms });
    const r = await subject.search({ index: 'movies', body: { size: 1000, query: { match_all: {} }, _source: false } });
    const seen = (r.body as unknown as { hits: { hits: Hit[] } }).hits.hits.length;
    if (MAJOR >= 3) assert.equal(seen, 0, 'the role grants no movies at all');
    else assert.equal(seen, conn.indices.movies, 'movies are not restricted');
    const exp = expectationsFromRoles({ [ROLE]: { index_permissions: perms } }, 'movies', user, { pluginVersion: conn.opensearch.version });
    const verdict = evaluateDlsQueries(effectiveDlsTexts(exp.indices[0] as IndexExpectation, exp), { title: 'x' }, { pluginVersion: conn.opensearch.version });
    assert.equal(verdict.result, MAJOR >= 3 ? 'unverifiable' : 'match');
  });

  test('DLS on a dynamic multi-field (`k.keyword`): without field types the documents the plugin returns are unverifiable, never violations; with the mapping the evaluator accepts exactly them', async () => {
    const index = 'p5-dls-kw';
    await call('DELETE', `/${index}`);
    for (const [id, k] of [['1', 'x'], ['2', 'y'], ['3', 'x y']] as const) {
      await master.index({ index, id, body: { k, n: Number(id) }, refresh: true });
    }
    const dls = '{"term":{"k.keyword":"x"}}';
    await call('PUT', `/_plugins/_security/api/roles/${ROLE}`, { index_permissions: [{ index_patterns: [index], allowed_actions: ['read'], dls }] });
    try {
      const r = await subject.search({ index, body: { size: 10, query: { match_all: {} } } });
      const hits = (r.body as unknown as { hits: { hits: Hit[] } }).hits.hits;
      assert.deepEqual(hits.map((h) => h._id), ['1'], 'the plugin returns the document whose k is exactly x');
      const rules = [{ indexPatterns: [index], rules: [{ dls }] }];
      const bare = verifyHits(r.body, { indices: rules });
      assert.equal(bare.counts.dlsViolations, 0, JSON.stringify(bare.findings));
      assert.equal(bare.status, 'unverifiable');
      assert.match(bare.unverifiable[0]?.reason ?? '', /k\.keyword, which may be a multi-field of k/);
      const mapped = fieldTypesFromMapping((await master.indices.getMapping({ index })).body);
      const typed = verifyHits(r.body, { indices: [{ ...rules[0] as IndexExpectation, fieldTypes: mapped }] });
      assert.equal(typed.status, 'pass', JSON.stringify(typed.unverifiable));
      const all3 = (await master.search({ index, body: { query: { match_all: {} } } })).body as unknown as { hits: { hits: Hit[] } };
      const accepted = all3.hits.hits.filter((h) => evaluateDls(dls, h._source, { fieldTypes: mapped }).result === 'match').map((h) => h._id);
      assert.deepEqual(accepted, ['1']);
    } finally {
      await call('DELETE', `/${index}`);
    }
  });
});
