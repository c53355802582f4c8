/**
 * Fidelity of the verifier on inputs the differential generators never produce, the REAL node as referee
 * (2.19 on the main domain, 3.4 with FGAC_DOMAIN_DIR=.local-domain/opensearch-3): explicit mappings with
 * `flat_object`, `object` with `enabled: false`, `nested`, multi-fields beyond `.keyword`, `alias`, `copy_to`,
 * `wildcard`, `match_only_text`, `ip`, `date`, numeric, boolean, `binary`, `unsigned_long`,
 * a normalized keyword, stored fields (no parent-join or mapper-extras module on the nodes); FLS/masking on those fields (search, GET, mget), `fields` / `docvalue_fields` /
 * highlight answers, and DLS queries on those fields (terms lookup, nested, has_child, parent_id, ip CIDR...).
 * Per case: `maskDocument(filterDocument(doc, fls, { pluginVersion }), masked, masking)` must equal the node's
 * `_source`, a decided `evaluateDls` verdict must equal the node's, and verifyHits on the node's own answer must
 * report a value only where the node shows a hidden or clear masked value. H141_DUMP writes the observations.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Client } from '@opensearch-project/opensearch';
import { filterDocument } from '../../src/verify/fls.js';
import { maskDocument } from '../../src/verify/masking.js';
import { evaluateDls, fieldTypesFromMapping } from '../../src/verify/index.js';
import { expectationsFromRoles } from '../../src/verify/expectations.js';
import { indexAliasesFrom } from '../../src/fgac/aliases.js';
import { verifyHits } from '../../src/verify/verifier.js';
import { MaskingExpressionError } from '../../src/fgac/errors.js';
import { loadConnection } from '../domain/connection.js';
import { localBasicClients, localMasking, quickHash, restCaller } from '../support/local-clients.js';
import { afterConflicts } from '../support/settle.js';
import { testPassword } from '../support/test-password.js';

const conn = loadConnection();
const VERSION = conn.opensearch.version;
const MASKING = localMasking(conn);
const USER = 'h141-user';
const PASSWORD = testPassword('hfourtyone');
const ROLE = 'h141-role';
const TYPES = 'h141-types';
const LOOKUP = 'h141-lookup';
const { master, make, closeAll } = localBasicClients(conn);
const request = restCaller(master);
let user: Client;
const observations: unknown[] = [];

type Doc = Record<string, unknown>;
const canon = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(canon) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon((v as Record<string, unknown>)[k])])) : v;
const same = (a: unknown, b: unknown): boolean => JSON.stringify(canon(a)) === JSON.stringify(canon(b));

const MAPPING = {
  properties: {
    name: { type: 'keyword' },
    fo: { type: 'flat_object' },
    eo: { type: 'object', enabled: false },
    ne: { type: 'nested', properties: { k: { type: 'keyword' }, v: { type: 'text' } } },
    real: { type: 'keyword' },
    al: { type: 'alias', path: 'real' },
    s1: { type: 'text', copy_to: 'all' },
    all: { type: 'text' },
    t: { type: 'text', fields: { raw: { type: 'keyword' }, ws: { type: 'text', analyzer: 'whitespace' }, num: { type: 'long', ignore_malformed: true } } },
    nk: { type: 'keyword', normalizer: 'lowercase' },
    ip: { type: 'ip' },
    dt: { type: 'date' },
    ln: { type: 'long' },
    bo: { type: 'boolean' },
    bin: { type: 'binary' },
    bdv: { type: 'binary', doc_values: true },
    kdv: { type: 'keyword', index: false },
    kix: { type: 'keyword', doc_values: false },
    st: { type: 'keyword', store: true },
    wc: { type: 'wildcard' },
    mot: { type: 'match_only_text' },
    kw: { type: 'keyword' },
    ul: { type: 'unsigned_long' },
  },
};
const SETTINGS = { number_of_shards: 1, number_of_replicas: 0 };

const DOCS: Record<string, Doc> = {
  d1: {
    name: 'n1', fo: { a: 'fa', b: { c: 'fc' } }, eo: { s: 'es', n: 5, arr: ['x', 1] }, ne: [{ k: 'nk1', v: 'nv1' }, { k: 'nk2' }],
    real: 'R1', s1: 'copy me', t: 'Hello Worlds', nk: 'ABC', ip: '10.1.2.3', dt: '2020-01-01', ln: 42, bo: true, bin: 'aGVsbG8=', bdv: 'aGk=', kdv: 'kd', kix: 'ki', st: 'stv',
    wc: 'wild card', mot: 'only text', kw: ['a', 1, true, 2.5], ul: '18446744073709551615',
  },
  d2: {
    name: 'n2', fo: { a: 'other' }, eo: { s: 'zz' }, ne: [{ k: 'nk3', v: 'x' }], real: 'R2', s1: 'nothing', t: 'bye', nk: 'xyz',
    ip: '192.168.0.1', dt: '2021-06-01T10:00:00Z', ln: 7, bo: false, wc: 'other', mot: 'words', kw: 'b', ul: 5,
  },
  d3: { name: 'n3', ip: '2001:db8::1', kw: [], ln: [1, 2], t: ['Two', 'Values'] },
};

let userPut = false;

/** Puts the role (one index_permissions entry per item) and, once (it must name an existing role), the user mapped to it alone. */
async function grant(perms: Array<Record<string, unknown>>): Promise<Record<string, { cluster_permissions: string[]; index_permissions: Array<Record<string, unknown>> }>> {
  const role = { cluster_permissions: ['cluster_composite_ops_ro'], index_permissions: perms.map((p) => ({ allowed_actions: ['read'], ...p })) };
  await afterConflicts(() => request('PUT', `/_plugins/_security/api/roles/${ROLE}`, role));
  if (!userPut) {
    await afterConflicts(() => request('PUT', `/_plugins/_security/api/internalusers/${USER}`, { hash: quickHash(PASSWORD), opendistro_security_roles: [ROLE] }));
    userPut = true;
  }
  return { [ROLE]: role };
}

const errText = (e: unknown): string => {
  const m = (e as { meta?: { body?: { error?: { root_cause?: Array<{ reason?: string }>; reason?: string } } } }).meta?.body?.error;
  return String(m?.root_cause?.[0]?.reason ?? m?.reason ?? (e as Error).message).slice(0, 200);
};

before(async () => {
  user = make(USER, PASSWORD);
  await request('DELETE', `/${TYPES},${LOOKUP}?ignore_unavailable=true`).catch(() => undefined);
  await request('PUT', `/${TYPES}`, { settings: SETTINGS, mappings: MAPPING });
  const docs = Object.entries(DOCS).flatMap(([id, d]) => [{ index: { _index: TYPES, _id: id, routing: 'd1' } }, d]);
  const seeded = await request('POST', '/_bulk?refresh=true', `${[...docs, { index: { _index: LOOKUP, _id: '1' } }, { vals: ['R1', 'Rx'] }].map((l) => JSON.stringify(l)).join('\n')}\n`);
  assert.equal((seeded.body as { errors?: boolean }).errors, false, JSON.stringify(seeded.body).slice(0, 500));
});

after(async () => {
  if (process.env.H141_DUMP) fs.writeFileSync(process.env.H141_DUMP, JSON.stringify(observations, null, 1));
  await request('DELETE', `/_plugins/_security/api/roles/${ROLE}`).catch(() => undefined);
  await request('DELETE', `/_plugins/_security/api/internalusers/${USER}`).catch(() => undefined);
  await request('DELETE', '/h141-*').catch(() => undefined);
  await closeAll();
});

const originals = (): Map<string, unknown> => new Map(Object.entries(DOCS).map(([id, d]) => [`${TYPES}/${id}`, d]));

/** FLS / masking configurations on the explicit mapping. */
const FLS_MASK: Array<{ fls?: string[]; masked?: string[] }> = [
  { masked: ['ip', 'dt', 'ln', 'bo', 'bin', 'wc', 'mot', 'kw', 'ul', 'nk'] },
  { masked: ['fo.a'] }, { masked: ['fo'] }, { masked: ['fo.*'] }, { masked: ['fo.b.c::SHA-256'] },
  { masked: ['eo.s'] }, { masked: ['eo'] }, { masked: ['eo.*'] },
  { masked: ['ne.k'] }, { masked: ['ne'] }, { masked: ['ne.*'] },
  { masked: ['al'] }, { masked: ['real'] },
  { masked: ['t.raw'] }, { masked: ['t'] }, { masked: ['all'] },
  { masked: ['ln::/4/::X', 'kw::/a/::Z'] },
  { fls: ['~fo.a'] }, { fls: ['fo.a'] }, { fls: ['~fo'] }, { fls: ['fo'] }, { fls: ['fo.b'] },
  { fls: ['~eo.s'] }, { fls: ['eo.s'] }, { fls: ['~eo'] },
  { fls: ['~ne.v'] }, { fls: ['ne.k'] }, { fls: ['ne'] },
  { fls: ['~al'] }, { fls: ['al'] }, { fls: ['~real'] },
  { fls: ['~t.raw'] }, { fls: ['t.raw'] }, { fls: ['~t.ws'] }, { fls: ['t.*'] },
  { fls: ['~s1'] }, { fls: ['all'] },
  { fls: ['/fo\\..*/'] }, { fls: ['~/ne\\..*/'] }, { masked: ['/ne\\.k/'] }, { fls: ['~fo.b.*'] }, { fls: ['~st'] }, { masked: ['st'] },
  { fls: ['~ip', '~bin'], masked: ['kw'] }, { fls: ['name', 'ne.k'], masked: ['ne.k'] },
];

/** DLS queries on the explicit mapping's fields. */
const DLS: unknown[] = [
  { term: { bin: 'aGVsbG8=' } },
  { term: { ip: '10.0.0.0/8' } }, { term: { ip: '10.1.2.3' } }, { term: { ip: '2001:db8:0:0:0:0:0:1' } },
  { range: { ip: { gte: '10.0.0.0', lte: '10.255.255.255' } } }, { terms: { ip: ['192.168.0.0/16', '1.2.3.4'] } },
  { term: { nk: 'abc' } }, { term: { nk: 'ABC' } }, { prefix: { nk: 'AB' } }, { wildcard: { nk: 'A*' } },
  { term: { 'fo.a': 'fa' } }, { term: { fo: 'fa' } }, { term: { 'fo.b.c': 'fc' } }, { exists: { field: 'fo.b.c' } }, { exists: { field: 'fo' } },
  { term: { 'eo.s': 'es' } }, { exists: { field: 'eo' } }, { exists: { field: 'eo.s' } },
  { term: { 'ne.k': 'nk1' } }, { exists: { field: 'ne' } }, { nested: { path: 'ne', query: { term: { 'ne.k': 'nk1' } } } },
  { term: { al: 'R1' } }, { exists: { field: 'al' } }, { prefix: { al: 'R' } },
  { match: { all: 'copy' } }, { exists: { field: 'all' } },
  { term: { 't.raw': 'Hello Worlds' } }, { match: { 't.ws': 'Worlds' } }, { match: { 't.ws': 'worlds' } }, { match: { t: 'world' } }, { exists: { field: 't.num' } }, { exists: { field: 't.raw' } },
  { term: { ul: '18446744073709551615' } }, { range: { ul: { gt: 9223372036854775807 } } }, { term: { ul: 5 } },
  { wildcard: { wc: '*card' } }, { term: { wc: 'wild card' } }, { match: { wc: 'wild' } }, { match: { mot: 'only' } },
  { term: { mot: 'only' } }, { exists: { field: 'bin' } }, { exists: { field: 'bdv' } }, { exists: { field: 'kdv' } }, { exists: { field: 'kix' } }, { term: { kix: 'ki' } }, { exists: { field: 'mot' } }, { exists: { field: 'wc' } },
  { term: { kw: '1' } }, { term: { kw: 'true' } }, { term: { kw: 2.5 } }, { term: { kw: '2.5' } }, { exists: { field: 'kw' } },
  { term: { ln: 2 } }, { term: { bo: 'true' } }, { range: { dt: { gte: '2021-06-01' } } },
  { terms: { real: { index: LOOKUP, id: '1', path: 'vals' } } },
  { has_child: { type: 'c', query: { match_all: {} } } }, { parent_id: { type: 'c', id: 'd1' } },
];

describe(`uncovered mappings, FLS/masking and DLS on the real ${VERSION} node`, () => {
  test('FLS and masking on flat_object, enabled:false, nested, alias, copy_to, multi-fields and typed values: _source as predicted (search, GET, mget)', async () => {
    const bad: string[] = [];
    for (const cfg of FLS_MASK) {
      const roles = await grant([{ index_patterns: [TYPES], ...(cfg.fls ? { fls: cfg.fls } : {}), ...(cfg.masked ? { masked_fields: cfg.masked } : {}) }]);
      const answers: Array<[string, string, unknown]> = [];
      try {
        const hits = (await user.search({ index: TYPES, body: { size: 20 } })).body.hits.hits as Array<{ _id: string; _source?: Doc }>;
        for (const h of hits) answers.push(['search', h._id, h._source]);
        for (const id of Object.keys(DOCS)) {
          const g = (await user.get({ index: TYPES, id, routing: 'd1' })).body as { _source?: Doc };
          answers.push(['get', id, g._source]);
        }
        const m = (await user.mget({ index: TYPES, body: { docs: Object.keys(DOCS).map((id) => ({ _id: id, routing: 'd1' })) } })).body as { docs: Array<{ _id: string; _source?: Doc }> };
        for (const d of m.docs) answers.push(['mget', d._id, d._source]);
      } catch (e) {
        bad.push(`${JSON.stringify(cfg)}: node error ${errText(e)}`);
        observations.push({ cfg, nodeError: errText(e) });
        continue;
      }
      for (const [what, id, src] of answers) {
        let sdk: unknown;
        try {
          sdk = maskDocument(filterDocument(DOCS[id], cfg.fls ?? [], { pluginVersion: VERSION }), cfg.masked ?? [], MASKING);
        } catch (e) {
          if (e instanceof MaskingExpressionError) { observations.push({ cfg, what, id, undecidable: (e as Error).message }); continue; }
          throw e;
        }
        if (!same(sdk, src ?? {})) {
          bad.push(`${JSON.stringify(cfg)} ${what} ${id}: node ${JSON.stringify(canon(src))} sdk ${JSON.stringify(canon(sdk))}`);
          observations.push({ cfg, what, id, node: src, sdk });
        }
      }
      // no false alarm on the node's own search answer when it equals the prediction
      const res = (await user.search({ index: TYPES, body: { size: 20 } })).body;
      const exp = expectationsFromRoles(roles, TYPES, { name: USER }, { originals: originals(), ...MASKING, pluginVersion: VERSION });
      const rep = verifyHits(res, exp);
      const sdkHits = (res.hits.hits as Array<{ _id: string; _source: Doc }>).every((h) => {
        try { return same(maskDocument(filterDocument(DOCS[h._id], cfg.fls ?? [], { pluginVersion: VERSION }), cfg.masked ?? [], MASKING), h._source); } catch { return false; }
      });
      const findings = rep.findings.filter((f) => !/plugin's own _source filtering|plugin does not mask|multi-fields/.test(f.detail));
      if (sdkHits && findings.length > 0) bad.push(`${JSON.stringify(cfg)} verifyHits false alarm: ${findings.map((f) => `${f.kind} ${f.path}: ${f.detail}`).join('; ')}`);
      observations.push({ cfg, verify: rep.status, findings: rep.findings.map((f) => `${f.kind} ${f.location} ${f.path}`), unverifiable: rep.hits.flatMap((h) => h.unverifiable.map((u) => JSON.stringify(u))).slice(0, 5) });
    }
    assert.deepEqual(bad, []);
  });

  test('DLS on ip, normalized keyword, flat_object, enabled:false, nested, alias, copy_to, multi-fields, unsigned_long, wildcard, match_only_text, binary, has_child/parent_id, terms lookup: decided verdicts equal the node', async () => {
    const bad: string[] = [];
    const fieldTypes = fieldTypesFromMapping((await request('GET', `/${TYPES}`)).body);
    for (const q of DLS) {
      const dls = JSON.stringify(q);
      const roles = await grant([{ index_patterns: [TYPES], dls }, { index_patterns: [LOOKUP] }]);
      let seen: Set<string>;
      try {
        const hits = (await user.search({ index: TYPES, body: { size: 20 } })).body.hits.hits as Array<{ _id: string }>;
        seen = new Set(hits.map((h) => h._id));
      } catch (e) {
        // a DLS the node refuses: the SDK must not decide a document for it
        const decided = Object.entries(DOCS).map(([id, d]) => [id, evaluateDls(dls, d, { fieldTypes, id, index: TYPES, pluginVersion: VERSION, user: { name: USER } }).result]).filter(([, r]) => r !== 'unverifiable');
        observations.push({ dls, nodeError: errText(e), sdk: decided });
        if (decided.length > 0) bad.push(`${dls}: node fails the search (${errText(e)}), sdk decides ${JSON.stringify(decided)}`);
        continue;
      }
      const row: Record<string, string> = {};
      for (const [id, d] of Object.entries(DOCS)) {
        const r = evaluateDls(dls, d, { fieldTypes, id, index: TYPES, pluginVersion: VERSION, user: { name: USER } });
        row[id] = `${seen.has(id) ? 'node:shown' : 'node:hidden'} sdk:${r.result}`;
        if (r.result === 'unverifiable') continue;
        if ((r.result === 'match') !== seen.has(id)) bad.push(`${dls} ${id}: node ${seen.has(id) ? 'shows' : 'hides'} it, sdk says ${r.result}`);
      }
      // verifyHits on the user's own answer: no DLS violation for what the node returns when the SDK decides it
      const res = (await user.search({ index: TYPES, body: { size: 20 } })).body;
      const rep = verifyHits(res, expectationsFromRoles(roles, TYPES, { name: USER }, { originals: originals(), fieldTypes, ...MASKING, pluginVersion: VERSION }));
      const dv = rep.findings.filter((f) => f.kind === 'dls-violation');
      observations.push({ dls, row, verify: rep.status, dlsViolations: dv.map((f) => f.id) });
      for (const f of dv) if (/match/.test(row[f.id] ?? '') && !/unverifiable/.test(row[f.id] ?? '')) bad.push(`${dls}: verifyHits reports ${f.id} (${f.detail})`);
    }
    assert.deepEqual(bad, []);
  });
  test('fields, docvalue_fields, highlight, inner_hits and _source filtering of masked and hidden fields: verifyHits reports exactly where the node shows a clear value', async () => {
    const bad: string[] = [];
    const ALL = ['st', 'real', 'al', 'kw', 'ip', 't', 't.raw', 't.ws', 'nk', 'wc', 'mot', 'fo', 'fo.a', 'fo.b.c', 'ne.k'];
    // keys: the fields whose clear values the roles protect (a hit's fields / highlight / sort / inner_hits key)
    const configs: Array<{ fls?: string[]; masked?: string[]; keys: string[] }> = [
      { masked: ['st', 'real', 'kw', 'ip', 't', 'nk', 'wc', 'mot', 'fo', 'ne.k'], keys: ALL },
      { masked: ['st', 'real', 'kw', 't', 'ne.k'], keys: ['st', 'real', 'al', 'kw', 't', 't.raw', 't.ws', 'ne.k'] },
      { fls: ['~st', '~real', '~kw', '~ip', '~t', '~nk', '~wc', '~fo', '~ne.k', '~mot'], keys: ALL },
      { masked: ['al', 't.raw', 'fo.a'], keys: ['al', 't.raw', 'fo.a'] },
      { fls: ['~al', '~t.raw', '~fo.a'], keys: ['al', 't.raw', 'fo.a'] },
    ];
    const bodies: Record<string, Record<string, unknown>> = {
      fields: { fields: ['*'] },
      docvalues: { docvalue_fields: ['real', 'al', 'kw', 't.raw', 'nk'] },
      docvaluesTyped: { docvalue_fields: ['ip', 'dt', 'ln', 'bo'] },
      storedFields: { stored_fields: ['st', 'real'] },
      storedAndSource: { stored_fields: ['st'], _source: true },
      highlight: { query: { bool: { should: [{ match: { t: 'hello' } }, { match: { mot: 'only' } }] } }, highlight: { fields: { t: {}, mot: {} } } },
      innerHits: { query: { nested: { path: 'ne', query: { match_all: {} }, inner_hits: {} } } },
      sourceIncludes: { _source: { includes: ['real', 'kw', 'fo.a', 'ne.k'] } },
      sort: { sort: [{ real: 'asc' }] },
    };
    for (const cfg of configs) {
      const roles = await grant([{ index_patterns: [TYPES], ...(cfg.fls ? { fls: cfg.fls } : {}), ...(cfg.masked ? { masked_fields: cfg.masked } : {}) }]);
      const exp = expectationsFromRoles(roles, TYPES, { name: USER }, { originals: originals(), ...MASKING, pluginVersion: VERSION, fieldTypes: fieldTypesFromMapping((await request('GET', `/${TYPES}`)).body) });
      // the clear values a restricted user must not see: whole strings of the originals under the configured fields
      const secrets = new Set(['stv', 'R1', 'R2', 'a', 'b', '10.1.2.3', '192.168.0.1', 'Hello Worlds', 'bye', 'ABC', 'abc', 'xyz', 'wild card', 'fa', 'other', 'nk1', 'nk2', 'nk3', 'only text', 'Two', 'Values']);
      const relevant = (v: unknown): boolean => typeof v === 'string' && secrets.has(v);
      for (const [what, body] of Object.entries(bodies)) {
        let res: { hits: { hits: Array<Record<string, unknown>> }; aggregations?: unknown };
        try {
          res = (await user.search({ index: TYPES, body: { size: 20, ...body } })).body as typeof res;
        } catch (e) {
          observations.push({ cfg, what, nodeError: errText(e) });
          continue;
        }
        const rep = verifyHits(res, what === 'sourceIncludes' ? { ...exp, sourceComplete: false } : exp);
        // where the node shows a clear value: fields / highlight / inner_hits / sort of any hit
        const shown: string[] = [];
        const keys = new Set(cfg.keys);
        for (const h of res.hits.hits) {
          const fields = (h.fields ?? {}) as Record<string, unknown[]>;
          for (const [f, vs] of Object.entries(fields)) for (const v of vs ?? []) if (keys.has(f) && relevant(v)) shown.push(`fields.${f}=${String(v)}`);
          const hl = (h.highlight ?? {}) as Record<string, string[]>;
          for (const [f, vs] of Object.entries(hl)) for (const v of vs) if (keys.has(f) && /Hello|only|text/.test(v.replace(/<\/?em>/g, ''))) shown.push(`highlight.${f}=${v}`);
          if (keys.has('real')) for (const v of (h.sort ?? []) as unknown[]) if (relevant(v)) shown.push(`sort=${String(v)}`);
          const ih = JSON.stringify(h.inner_hits ?? {});
          if (keys.has('ne.k')) for (const sec of ['nk1', 'nk2', 'nk3']) if (ih.includes(`"${sec}"`)) shown.push(`inner_hits=${sec}`);
          // the plugin's documented 2.x gap: ne.k clear inside the array of objects of _source
          if (keys.has('ne.k') && cfg.masked && JSON.stringify(h._source ?? {}).includes('"nk1"')) shown.push('_source.ne.k (2.x arrays of objects)');
        }
        const findings = rep.findings.map((f) => `${f.kind} ${f.location} ${f.path}`);
        const unv = rep.hits.flatMap((h) => h.unverifiable.map((u) => JSON.stringify(u).slice(0, 160)));
        observations.push({ cfg, what, shown, findings, status: rep.status, unverifiable: unv.slice(0, 4) });
        if (shown.length > 0 && rep.status === 'pass') bad.push(`${JSON.stringify(cfg)} ${what}: node shows ${shown.join(', ')}, verifyHits passes`);
        if (shown.length === 0 && rep.findings.length > 0) bad.push(`${JSON.stringify(cfg)} ${what}: node shows no clear value, verifyHits reports ${findings.join(', ')}`);
      }
      // aggregations: not verified (README); what the node's buckets show is recorded
      try {
        const aggBody: Record<string, unknown> = { size: 0, aggs: { r: { terms: { field: 'real' } }, k: { terms: { field: 'kw' } }, i: { terms: { field: 'ip' } }, a: { terms: { field: 'al' } } } };
        const aggs = (await user.search({ index: TYPES, body: aggBody })).body.aggregations as unknown as Record<string, { buckets: Array<{ key: unknown }> }>;
        observations.push({ cfg, what: 'aggs', buckets: Object.fromEntries(Object.entries(aggs).map(([k, v]) => [k, v.buckets.map((b) => b.key)])) });
      } catch (e) {
        observations.push({ cfg, what: 'aggs', nodeError: errText(e) });
      }
    }
    assert.deepEqual(bad, []);
  });

  test('DLS on a field the same role hides or masks: verifyHits on the node answer reports no DLS violation', async () => {
    const bad: string[] = [];
    const fieldTypes = fieldTypesFromMapping((await request('GET', `/${TYPES}`)).body);
    const cases: Array<Record<string, unknown>> = [
      { dls: '{"term":{"name":"n1"}}', fls: ['~name'] },
      { dls: '{"exists":{"field":"ip"}}', fls: ['~ip'] },
      { dls: '{"term":{"real":"R1"}}', masked_fields: ['real'] },
      { dls: '{"term":{"al":"R1"}}', fls: ['~real'] },
      { dls: '{"term":{"real":"R1"}}', fls: ['name'] },
      { dls: '{"term":{"fo.a":"fa"}}', fls: ['~fo'] },
      { dls: '{"prefix":{"t.raw":"Hello"}}', masked_fields: ['t'] },
    ];
    for (const c of cases) {
      const roles = await grant([{ index_patterns: [TYPES], ...c }]);
      const res = (await user.search({ index: TYPES, body: { size: 20 } })).body as { hits: { hits: Array<{ _id: string }> } };
      const ids = res.hits.hits.map((h) => h._id);
      for (const withOriginals of [true, false]) {
        const rep = verifyHits(res, expectationsFromRoles(roles, TYPES, { name: USER }, { ...(withOriginals ? { originals: originals() } : {}), fieldTypes, ...MASKING, pluginVersion: VERSION }));
        const dv = rep.findings.filter((f) => f.kind === 'dls-violation').map((f) => `${f.id}: ${f.detail}`);
        observations.push({ dlsFls: c, withOriginals, ids, status: rep.status, findings: rep.findings.map((f) => `${f.kind} ${f.id} ${f.path ?? ''}`), unverifiable: rep.hits.flatMap((h) => h.unverifiable.map((u) => JSON.stringify(u).slice(0, 160))).slice(0, 3) });
        if (dv.length > 0) bad.push(`${JSON.stringify(c)} originals=${withOriginals}: node shows ${ids.join()}, verifyHits reports ${dv.join('; ')}`);
      }
      // a document the DLS excludes, put back into the answer: reported (with originals) or unverifiable, never passed
      const hidden = Object.keys(DOCS).filter((id) => !ids.includes(id));
      for (const id of hidden) {
        const forged = { hits: { hits: [{ _index: TYPES, _id: id, _source: maskDocument(filterDocument(DOCS[id], (c.fls as string[]) ?? [], { pluginVersion: VERSION }), (c.masked_fields as string[]) ?? [], MASKING) }] } };
        const rep = verifyHits(forged, expectationsFromRoles(roles, TYPES, { name: USER }, { originals: originals(), fieldTypes, ...MASKING, pluginVersion: VERSION }));
        if (rep.status === 'pass') bad.push(`${JSON.stringify(c)}: ${id}, which the node hides, passes verifyHits when put back`);
      }
    }
    assert.deepEqual(bad, []);
  });

  test('different rules per index behind one wildcard and one alias: each hit judged by its own index rules', async () => {
    const bad: string[] = [];
    const [PA, PB, AL] = ['h141-pa', 'h141-pb', 'h141-pal'];
    const src: Record<string, Record<string, Doc>> = {
      [PA]: { a1: { x: 'XA1', y: 'Y1', z: 'ZA1' }, a2: { x: 'XA2', y: 'Y2', z: 'ZA2' } },
      [PB]: { b1: { x: 'XB1', y: 'Y1', z: 'ZB1' }, b2: { x: 'XB2', y: 'Y2', z: 'ZB2' } },
    };
    for (const ix of [PA, PB]) {
      await request('DELETE', `/${ix}`).catch(() => undefined);
      for (const [id, d] of Object.entries(src[ix] as Record<string, Doc>)) await request('PUT', `/${ix}/_doc/${id}`, d);
    }
    await request('POST', '/_aliases', { actions: [{ add: { index: PA, alias: AL } }, { add: { index: PB, alias: AL, filter: { term: { 'z.keyword': 'ZB1' } } } }] });
    await request('POST', `/${PA},${PB}/_refresh`);
    const aliases = indexAliasesFrom((await request('GET', '/h141-p*/_alias')).body);
    const origs = new Map(Object.entries(src).flatMap(([ix, ds]) => Object.entries(ds).map(([id, d]) => [`${ix}/${id}`, d] as [string, unknown])));
    const perms: Array<Array<Record<string, unknown>>> = [
      [{ index_patterns: [PA], fls: ['~x'] }, { index_patterns: [PB], masked_fields: ['x'] }, { index_patterns: ['h141-p*'], dls: '{"term":{"y.keyword":"Y1"}}' }],
      [{ index_patterns: [AL], fls: ['~z'], masked_fields: ['x'] }],
      [{ index_patterns: [AL], fls: ['~z'] }, { index_patterns: [PB], dls: '{"term":{"y.keyword":"Y2"}}' }],
      [{ index_patterns: ['/h141-p[a]/'], fls: ['y'] }, { index_patterns: ['h141-p?'], masked_fields: ['y::SHA-256'] }],
    ];
    for (const p of perms) {
      const roles = await grant(p);
      for (const target of ['h141-p*', AL, `${PA},${PB}`]) {
        let res: { hits: { hits: Array<{ _index: string; _id: string; _source: Doc }> } };
        try {
          res = (await user.search({ index: target, body: { size: 20 } })).body as typeof res;
        } catch (e) {
          observations.push({ perIndex: p, target, nodeError: errText(e) });
          continue;
        }
        const exp = { ...expectationsFromRoles(roles, PA, { name: USER }, { aliases, originals: origs, ...MASKING, pluginVersion: VERSION }) };
        const expB = expectationsFromRoles(roles, PB, { name: USER }, { aliases, originals: origs, ...MASKING, pluginVersion: VERSION });
        const both = { ...exp, indices: [...exp.indices, ...expB.indices] };
        const rep = verifyHits(res, both);
        observations.push({ perIndex: p, target, hits: res.hits.hits.map((h) => `${h._index}/${h._id} ${JSON.stringify(h._source)}`), status: rep.status, findings: rep.findings.map((f) => `${f.kind} ${f.index}/${f.id} ${f.path ?? ''} ${f.detail.slice(0, 80)}`) });
        if (rep.findings.length > 0) bad.push(`${JSON.stringify(p)} via ${target}: verifyHits reports ${rep.findings.map((f) => `${f.kind} ${f.index}/${f.id} ${f.path ?? ''}`).join('; ')} on the node's answer`);
      }
    }
    await request('DELETE', `/${PA},${PB}`).catch(() => undefined);
    assert.deepEqual(bad, []);
  });
  test('a binary field (never indexed, no doc values by default): exists finds nothing on the node, so must_not exists shows the document; verifyHits must not call it a DLS violation', async () => {
    const fieldTypes = fieldTypesFromMapping((await request('GET', `/${TYPES}`)).body);
    const bad: string[] = [];
    for (const q of [{ bool: { must_not: { exists: { field: 'bin' } } } }, { exists: { field: 'bin' } }]) {
      const dls = JSON.stringify(q);
      const roles = await grant([{ index_patterns: [TYPES], dls }]);
      const res = (await user.search({ index: TYPES, body: { size: 20 } })).body as { hits: { hits: Array<{ _id: string }> } };
      const ids = res.hits.hits.map((h) => h._id).sort();
      // d1 holds bin; the node answers as if no document did
      assert.deepEqual(ids, 'must_not' in (q.bool ?? {}) ? ['d1', 'd2', 'd3'] : [], dls);
      const rep = verifyHits(res, expectationsFromRoles(roles, TYPES, { name: USER }, { originals: originals(), fieldTypes, ...MASKING, pluginVersion: VERSION }));
      const dv = rep.findings.filter((f) => f.kind === 'dls-violation').map((f) => f.id);
      if (dv.length > 0) bad.push(`${dls}: node shows ${ids.join()}, verifyHits reports a DLS violation on ${dv.join()}`);
      const verdict = evaluateDls(dls, DOCS.d1, { fieldTypes, id: 'd1', index: TYPES, pluginVersion: VERSION });
      if (verdict.result !== 'unverifiable' && (verdict.result === 'match') !== ids.includes('d1')) bad.push(`${dls}: evaluateDls says ${verdict.result} for d1, the node ${ids.includes('d1') ? 'shows' : 'hides'} it`);
    }
    assert.deepEqual(bad, []);
  });
  test('a masked keyword with a normalizer: docvalue_fields show the mask of the normalized term; verifyHits must not call it a wrong mask', async () => {
    const roles = await grant([{ index_patterns: [TYPES], masked_fields: ['nk'] }]);
    const fieldTypes = fieldTypesFromMapping((await request('GET', `/${TYPES}`)).body);
    const res = (await user.search({ index: TYPES, body: { size: 20, query: { ids: { values: ['d1'] } }, docvalue_fields: ['nk'] } })).body as { hits: { hits: Array<{ _source: Doc; fields: Record<string, string[]> }> } };
    const hit = res.hits.hits[0] as { _source: Doc; fields: Record<string, string[]> };
    const opts = { ...MASKING, pluginVersion: VERSION };
    // the node masks _source's "ABC" and the doc value's normalized "abc"
    assert.equal(hit._source.nk, maskDocument({ nk: 'ABC' }, ['nk'], opts).nk);
    assert.deepEqual(hit.fields.nk, [maskDocument({ nk: 'abc' }, ['nk'], opts).nk]);
    const rep = verifyHits(res, expectationsFromRoles(roles, TYPES, { name: USER }, { originals: originals(), fieldTypes, ...opts }));
    assert.deepEqual(rep.findings.map((f) => `${f.kind} ${f.location} ${f.path}: ${f.detail}`), []);
  });
});
