/**
 * Randomized differential check of DLS: seeded documents and DLS queries (fast-check, fixed seeds) are run on the
 * real node (one index per batch, several roles and users per batch), and verifyHits' per-document verdict is
 * compared with what each user sees. A decided verdict must be the node's: "match" for every document the user
 * sees, "no-match" for every one the node hides (unverifiable is always allowed), and verifyHits on the user's
 * own answer reports no DLS violation. Runs on 2.19 (default) and 3.4 (FGAC_DOMAIN_DIR=/var/tmp/d34).
 * Knobs for longer runs: FX11_BATCHES (default 6), FX11_SEED (default 11), FX11_DUMP (a file for disagreements).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import bcrypt from 'bcryptjs';
import fc from 'fast-check';
import { fieldTypesFromMapping, verifyHits } from '../../src/verify/index.js';
import type { DlsUser } from '../../src/fgac/dls-variables.js';
import { loadConnection } from '../domain/connection.js';
import { localBasicClients, restCaller } from '../support/local-clients.js';
import { testPassword } from '../support/test-password.js';

const conn = loadConnection();
const { make, master, closeAll } = localBasicClients(conn);
const rest = restCaller(master);
const PASSWORD = testPassword('fxeleven');
const HASH = bcrypt.hashSync(PASSWORD, 4);
const ROLES = 10;
const DOCS = 36;
const BATCHES = Number(process.env.FX11_BATCHES ?? 6);
const SEED = Number(process.env.FX11_SEED ?? 11);
const INDEX = 'fx11-diff';
const user = (j: number): string => `fx11-u${j}`;
const role = (j: number): string => `fx11-r${j}`;
const DEPTS = ['sales', 'Sales', 'ops', 'é', 'a b'];
const attrsOf = (j: number): Record<string, string> => ({ dept: DEPTS[j % DEPTS.length] as string, lvl: String(j % 3) });

/** The explicit mapping of every batch index. */
export const MAPPING = {
  properties: {
    k: { type: 'keyword' }, k2: { type: 'keyword', ignore_above: 6 }, tags: { type: 'keyword' }, owner: { type: 'keyword' },
    t: { type: 'text' }, title: { type: 'text', fields: { raw: { type: 'keyword' } } },
    nl: { type: 'long' }, ni: { type: 'integer' }, ns: { type: 'short', ignore_malformed: true }, nd: { type: 'double' }, nf: { type: 'float' },
    dt: { type: 'date' }, dte: { type: 'date', format: 'epoch_millis' }, dtf: { type: 'date', format: 'strict_date_optional_time||epoch_millis' },
    b: { type: 'boolean' },
    o: { properties: { k: { type: 'keyword' }, n: { type: 'long' }, t: { type: 'text' } } },
  },
};

const KW = ['a', 'A', 'abc', 'ABC', 'Abc', 'ab', 'abd', 'b', 'x y', 'foo-bar', 'é', 'É', 'ß', '日本', 'straße', 'Straße', '', 'a*b', 'a?c', 'a\\b', 'zz', '10', '9', 'true', 'K', 'İ', 'sales', 'Sales', 'ops', 'abcdefgh'];
const WORDS = ['quick', 'Brown', 'fox', 'the', 'jumps', 'over', 'lazy', 'dog', 'FOX', "fox's", 'U.S.A', '3.14', 'hello_world', 'ÉCOLE', 'naïve', '日本語', 'e-mail', 'x1', 'a', 'foo.bar', '1,000'];
const NUMS: unknown[] = [0, 1, -1, 4, 5, 6, 4.5, 5.5, 9, 10, 11, 100, 127, 128, -129, 32767, 32768, 2147483647, 2147483648, 1e3, 0.1, 0.30000000000000004, 16777217, '5', ' 5', '5.0', '5e0', '', 'abc', '0x10', null];
const DATES: unknown[] = ['2020-01-01', '2020-01-01T00:00:00Z', '2019-12-31T23:59:59.999Z', '2020-01-01T23:59:59.999Z', '2020-01-02T00:00:00+02:00', '2020-06', '2020', 2020, 1577836800000, '1577836800000', '2020-01-01T12:30', '2020-02-29', '2021-03-04T05:06:07.891Z', 1577836799999, null, 'not-a-date'];
const BOOLS: unknown[] = [true, false, 'true', 'false', '', null];

type G = fc.GeneratorValue;
/** An unbiased integer in [0, max] (fast-check's bias would favour the ends). */
const int = (g: G, max: number): number => g((m: number) => fc.noBias(fc.integer({ min: 0, max: m })), max);
const pick = <T>(g: G, xs: readonly T[]): T => xs[int(g, xs.length - 1)] as T;
const chance = (g: G, p: number): boolean => int(g, 9999) < p * 10000;

function many<T>(g: G, one: () => T): unknown {
  if (chance(g, 0.2)) return Array.from({ length: int(g, 3) }, () => (chance(g, 0.15) ? null : one()));
  return one();
}

const text = (g: G): string => Array.from({ length: 1 + int(g, 4) }, () => pick(g, WORDS)).join(pick(g, [' ', ' ', ', ', '-', '  ']));

/** One generated document: every field may be missing, null, a scalar or an array. */
function genDoc(g: G, j: number): Record<string, unknown> {
  const d: Record<string, unknown> = {};
  const put = (f: string, p: number, v: () => unknown): void => { if (chance(g, p)) d[f] = chance(g, 0.06) ? null : many(g, v); };
  put('k', 0.7, () => (chance(g, 0.05) ? pick(g, [10, true, 1.5]) : pick(g, KW)));
  put('k2', 0.4, () => pick(g, KW));
  put('tags', 0.4, () => pick(g, KW));
  put('owner', 0.5, () => (chance(g, 0.8) ? user(int(g, ROLES - 1)) : pick(g, KW)));
  put('t', 0.6, () => text(g));
  put('title', 0.4, () => text(g));
  for (const f of ['nl', 'ni', 'ns', 'nd', 'nf']) put(f, 0.35, () => pick(g, NUMS));
  for (const f of ['dt', 'dtf']) put(f, 0.35, () => pick(g, DATES));
  put('dte', 0.35, () => value(g, 'epoch'));
  put('b', 0.4, () => pick(g, BOOLS));
  if (chance(g, 0.35)) {
    const obj = (): Record<string, unknown> => {
      const o: Record<string, unknown> = {};
      if (chance(g, 0.7)) o.k = pick(g, KW);
      if (chance(g, 0.5)) o.n = pick(g, NUMS);
      if (chance(g, 0.4)) o.t = text(g);
      return o;
    };
    d.o = chance(g, 0.25) ? [obj(), obj()] : obj();
  } else if (chance(g, 0.2)) {
    d['o.k'] = pick(g, KW);
    if (chance(g, 0.5)) d['o.n'] = pick(g, NUMS);
  }
  void j;
  return d;
}

const FIELDS: Record<string, 'kw' | 'text' | 'num' | 'date' | 'bool'> = {
  k: 'kw', k2: 'kw', tags: 'kw', owner: 'kw', 'title.raw': 'kw', 'o.k': 'kw',
  t: 'text', title: 'text', 'o.t': 'text',
  nl: 'num', ni: 'num', ns: 'num', nd: 'num', nf: 'num', 'o.n': 'num',
  dt: 'date', dte: 'date', dtf: 'date', b: 'bool',
};

function value(g: G, kind: string): unknown {
  switch (kind) {
    case 'kw': return chance(g, 0.1) ? '${user.name}' : chance(g, 0.1) ? '${attr.internal.dept}' : pick(g, KW);
    case 'text': return chance(g, 0.5) ? pick(g, WORDS) : text(g);
    case 'num': { const v = pick(g, NUMS); return v === null || v === '' || v === 'abc' || v === '0x10' ? 5 : v; }
    case 'date': { const v = pick(g, DATES); return v === null || v === 'not-a-date' ? '2020-01-01' : v; }
    case 'epoch': return chance(g, 0.9) ? pick(g, [1577836800000, 1577836799999, 1577836800001, '1577836800000', 0, 1609459200000]) : value(g, 'date');
    default: return pick(g, [true, false, 'true', 'false']);
  }
}

const STRING_FIELDS = Object.keys(FIELDS).filter((f) => FIELDS[f] === 'kw' || FIELDS[f] === 'text');

function leaf(g: G): unknown {
  const op = int(g, 9);
  let field = pick(g, Object.keys(FIELDS));
  // prefix and wildcard on other types fail the search: rarely
  if ((op === 6 || op === 7) && chance(g, 0.9)) field = pick(g, STRING_FIELDS);
  const kind = field === 'dte' ? 'epoch' : FIELDS[field] as string;
  const ci = chance(g, 0.3) ? { case_insensitive: chance(g, 0.7) } : {};
  switch (op) {
    case 0: return { term: chance(g, 0.5) ? { [field]: value(g, kind) } : { [field]: { value: value(g, kind), ...(kind === 'kw' ? ci : {}) } } };
    case 1: return { terms: { [field]: [value(g, kind), value(g, kind)] } };
    case 2: {
      const q = kind === 'text' ? text(g) : value(g, kind);
      if (chance(g, 0.5)) return { match: { [field]: q } };
      const p: Record<string, unknown> = { query: q };
      if (chance(g, 0.5)) p.operator = pick(g, ['and', 'or', 'AND']);
      else if (chance(g, 0.7)) p.minimum_should_match = pick(g, ['1', '2', '50%', '-1', 2, '75%', '-25%']);
      return { match: { [field]: p } };
    }
    case 3: {
      const p: Record<string, unknown> = {};
      const kk = kind === 'text' ? 'kw' : kind;
      if (chance(g, 0.7)) p[pick(g, ['gt', 'gte'])] = value(g, kk);
      if (chance(g, 0.7)) p[pick(g, ['lt', 'lte'])] = value(g, kk);
      if (chance(g, 0.15)) { p.from = value(g, kk); p.include_lower = pick(g, [true, false, 'false']); }
      if (chance(g, 0.15)) { p.to = value(g, kk); p.include_upper = pick(g, [true, false, 'true']); }
      if (kind === 'date' && chance(g, 0.3)) p.format = pick(g, ['strict_date_optional_time', 'epoch_millis', 'strict_date_optional_time||epoch_millis', 'yyyy-MM-dd']);
      return { range: { [field]: p } };
    }
    case 4: return { exists: { field: pick(g, [...Object.keys(FIELDS), 'o', 'nosuch', 'o.k', 'title.raw']) } };
    case 5: return { ids: { values: [`d${int(g, DOCS - 1)}`, `d${int(g, DOCS - 1)}`] } };
    case 6: {
      const v = String(value(g, 'kw'));
      return { prefix: { [field]: chance(g, 0.5) ? v.slice(0, 1 + int(g, 2)) : { value: v.slice(0, 2), ...ci } } };
    }
    case 7: {
      const base = String(value(g, kind === 'text' ? 'text' : 'kw')).split(' ')[0] as string;
      const pat = pick(g, [`${base.slice(0, 1)}*`, `*${base.slice(-1)}`, `${base.slice(0, 1)}?${base.slice(2)}`, `*${base.slice(1, 2)}*`, base, '*']);
      return { wildcard: { [field]: { value: pat, ...ci } } };
    }
    case 8: return { term: { [pick(g, ['owner', 'k', 'o.k'])]: pick(g, ['${user.name}', '${attr.internal.dept}', '${attr.internal.lvl}']) } };
    default: return { match: { [field]: value(g, kind) } };
  }
}

function query(g: G, depth: number): unknown {
  if (depth >= 3 || chance(g, 0.45)) return leaf(g);
  const b: Record<string, unknown> = {};
  for (const occ of ['must', 'should', 'filter', 'must_not']) {
    if (!chance(g, 0.45)) continue;
    const n = 1 + int(g, 2);
    const list = Array.from({ length: n }, () => query(g, depth + 1));
    b[occ] = n === 1 && chance(g, 0.3) ? list[0] : list;
  }
  if (b.should !== undefined && chance(g, 0.4)) b.minimum_should_match = pick(g, [1, 2, '1', '50%', '-1', 0]);
  return { bool: b };
}

export interface Batch { docs: Record<string, Record<string, unknown>>; dls: string[] }

/** Batch `n` of the run seeded `seed`: its documents and one DLS text per role. */
export function genBatch(seed: number, n: number): Batch {
  const [g] = fc.sample(fc.gen(), { seed: seed * 1000 + n, numRuns: 1 }) as [G];
  const docs: Record<string, Record<string, unknown>> = {};
  for (let i = 0; i < DOCS; i++) docs[`d${i}`] = genDoc(g, i);
  // numbers as the role's author may write them (1.0, 1e1): the index compares their text for keyword fields
  const respell = (t: string): string => t.replace(/(:|\[|,)(-?\d+)(?=[,}\]])/g, (m, p: string, d: string) => (chance(g, 0.15) ? `${p}${pick(g, [`${d}.0`, `${d}e0`, `${d}.00`])}` : m));
  const dls = Array.from({ length: ROLES }, () => respell(JSON.stringify(query(g, 0))));
  return { docs, dls };
}

/** The DLS user of role/user j as verifyHits takes it. */
const dlsUser = (j: number): DlsUser => ({ name: user(j), attributes: Object.fromEntries(Object.entries(attrsOf(j)).map(([k, v]) => [`attr.internal.${k}`, v])) });

/** A security PATCH, retried on the plugin's 409 (other tests write the configuration at the same time). */
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

async function removeAll(): Promise<void> {
  for (const type of ['rolesmapping', 'roles', 'internalusers']) {
    const present = (await rest('GET', `/_plugins/_security/api/${type}`)).body as Record<string, unknown>;
    const names = Object.keys(present).filter((k) => k.startsWith('fx11-'));
    if (names.length > 0) await patch(type, names.map((k) => ({ op: 'remove', path: `/${k}` })));
  }
}

export interface Disagreement { batch: number; role: number; dls: string; id: string; doc: unknown; node: 'shows' | 'hides' | 'error'; sdk: string; reason?: string | undefined }

interface Counts { cases: number; judged: number; unverifiable: number; nodeErrors: number; indexFailures: number }

/** Runs one batch on the node; returns the disagreements. */
async function runBatch(n: number, b: Batch, counts: Counts): Promise<Disagreement[]> {
  await rest('DELETE', `/${INDEX}`).catch(() => undefined);
  await rest('PUT', `/${INDEX}`, { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: MAPPING });
  const bulk = await rest('POST', `/${INDEX}/_bulk?refresh=true`, Object.entries(b.docs).map(([id, d]) => `${JSON.stringify({ index: { _id: id } })}\n${JSON.stringify(d)}\n`).join(''));
  const items = (bulk.body as { items: Array<{ index: { status: number } }> }).items;
  counts.indexFailures += items.filter((i) => i.index.status >= 300).length;
  await patch('roles', b.dls.map((dls, j) => ({ op: 'add', path: `/${role(j)}`, value: { index_permissions: [{ index_patterns: [INDEX], allowed_actions: ['read'], dls }] } })));
  const all = (await rest('POST', `/${INDEX}/_search`, { size: 1000, query: { match_all: {} } })).body;
  const types = fieldTypesFromMapping((await rest('GET', `/${INDEX}`)).body);
  const out: Disagreement[] = [];
  await Promise.all(b.dls.map(async (dls, j) => {
    counts.cases++;
    const exp = { indices: [{ indexPatterns: [INDEX], rules: [{ dls }], fieldTypes: types }], pluginVersion: conn.opensearch.version, user: dlsUser(j) };
    const report = verifyHits(all, exp);
    let seen: Set<string> | undefined;
    let failure: string | undefined;
    try {
      const res = await make(user(j), PASSWORD).search({ index: INDEX, body: { size: 1000, query: { match_all: {} } } });
      seen = new Set((res.body as { hits: { hits: Array<{ _id: string }> } }).hits.hits.map((h) => h._id));
      const own = verifyHits(res.body, exp);
      if (own.counts.dlsViolations > 0) out.push({ batch: n, role: j, dls, id: '*', doc: null, node: 'shows', sdk: `verifyHits on the user's answer: ${own.counts.dlsViolations} DLS violation(s)` });
    } catch (e) {
      counts.nodeErrors++;
      failure = JSON.stringify((e as { meta?: { body?: { error?: { root_cause?: unknown } } } }).meta?.body?.error?.root_cause ?? String(e)).slice(0, 300);
      if (process.env.FX11_DEBUG) console.log(j, dls, String(e).slice(0, 300), JSON.stringify((e as { meta?: { body?: unknown } }).meta?.body ?? '').slice(0, 300));
    }
    for (const hit of report.hits) {
      const v = hit.dls.result;
      if (v === 'unverifiable') { counts.unverifiable++; continue; }
      counts.judged++;
      const doc = b.docs[hit.id];
      if (seen === undefined) {
        if (v === 'match') out.push({ batch: n, role: j, dls, id: hit.id, doc, node: 'error', sdk: v, reason: failure });
      } else if ((v === 'match') !== seen.has(hit.id)) {
        out.push({ batch: n, role: j, dls, id: hit.id, doc, node: seen.has(hit.id) ? 'shows' : 'hides', sdk: v, reason: hit.dls.reason });
      }
    }
  }));
  return out;
}

before(async () => {
  await removeAll();
  await patch('roles', Array.from({ length: ROLES }, (_, j) => ({ op: 'add', path: `/${role(j)}`, value: { index_permissions: [{ index_patterns: [INDEX], allowed_actions: ['read'] }] } })));
  await patch('internalusers', Array.from({ length: ROLES }, (_, j) => ({ op: 'add', path: `/${user(j)}`, value: { hash: HASH, backend_roles: [], attributes: attrsOf(j) } })));
  await patch('rolesmapping', Array.from({ length: ROLES }, (_, j) => ({ op: 'add', path: `/${role(j)}`, value: { users: [user(j)] } })));
});

after(async () => {
  await rest('DELETE', `/${INDEX}`).catch(() => undefined);
  await removeAll().catch(() => undefined);
  await closeAll();
});

describe(`DLS differential against the real ${conn.opensearch.version} node`, () => {
  test(`${BATCHES} seeded batches of ${ROLES} DLS queries x ${DOCS} documents: every decided verdict is the node's`, async () => {
    const counts: Counts = { cases: 0, judged: 0, unverifiable: 0, nodeErrors: 0, indexFailures: 0 };
    const found: Disagreement[] = [];
    for (let n = 0; n < BATCHES; n++) found.push(...await runBatch(n, genBatch(SEED, n), counts));
    if (process.env.FX11_DUMP) fs.writeFileSync(process.env.FX11_DUMP, JSON.stringify({ counts, found }, null, 1));
    console.log(JSON.stringify(counts));
    assert.ok(counts.judged > counts.cases * DOCS * 0.3, `most verdicts are decided (${JSON.stringify(counts)})`);
    assert.deepEqual(found.slice(0, 5), []);
  });

  // Disagreements the generator found, shrunk (the node is the referee; each failed before the fix)
  const FIXED_DOCS: Batch['docs'] = { d1: { dtf: '2020-01-01', k: 'x', nl: 2, ni: 2 }, d2: { k: 'x' } };
  const FIXED: Array<[string, string]> = [
    ['a date term written 2020e0 is epoch milliseconds to the node, not the year 2020', '{"term":{"dtf":2020e0}}'],
    ['minimum_should_match 1.0 fails the search (Integer.parseInt)', '{"bool":{"should":[{"term":{"k":"x"}},{"term":{"k":"y"}}],"minimum_should_match":1.0}}'],
    ['an integer bound out of range fails the search, whatever another should clause matches', '{"bool":{"should":[{"term":{"k":"x"}},{"range":{"ni":{"lte":2147483648}}}]}}'],
    ['a long term " 5" fails the search (Long.parseLong does not trim)', '{"bool":{"should":[{"term":{"k":"x"}},{"term":{"nl":" 5"}}]}}'],
    ['prefix on a date field fails the search', '{"bool":{"should":[{"term":{"k":"x"}},{"prefix":{"dtf":"2"}}]}}'],
  ];
  FIXED.forEach(([name, dls], i) => {
    test(name, async () => {
      const counts: Counts = { cases: 0, judged: 0, unverifiable: 0, nodeErrors: 0, indexFailures: 0 };
      assert.deepEqual(await runBatch(1000 + i, { docs: FIXED_DOCS, dls: [dls] }, counts), []);
      assert.equal(counts.indexFailures, 0);
    });
  });
});
