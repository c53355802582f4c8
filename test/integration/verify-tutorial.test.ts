/**
 * Verification against the REAL security plugin of the local domain:
 * - the FGAC tutorial: the limited user's `flights` search passes assertAccess with expectations
 *   built from new-role as the plugin serves it, every Dest mask equals maskValue(original, salt),
 *   compareAccess(master, limited) shows the tutorial's differences;
 * - planted misconfigurations are reported;
 * - a scratch role (p5-*) with SHA-256, regex chains, other digests, a nested field, arrays of
 *   strings and of objects: maskValue reproduces what the plugin returns, and the roles API rejects
 *   exactly the masked_fields parseMaskedField rejects (per plugin generation), with its messages.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Client } from '@opensearch-project/opensearch';
import { loadConnection } from '../domain/connection.js';
import {
  assertAccess, compareAccess, expectationsFromRoles, fieldTypesFromMapping, maskValue, parseMaskedField, pluginMajor,
  verifyHits, isMaskShaped, type AccessExpectations, type RoleLike, type MaskingOptions,
} from '../../src/verify/index.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const client = (auth: { username: string; password: string }): Client => new Client({ node: conn.opensearch.url, auth, ssl: { ca }, maxRetries: 0 });
const master = client(conn.users.master);
const limited = client(conn.users.limited);
const MASKING: MaskingOptions = { salt: conn.salt, defaultAlgorithm: conn.maskingAlgorithm, pluginVersion: conn.opensearch.version };

interface Hit { _index: string; _id: string; _source: Record<string, unknown>; fields?: Record<string, unknown[]> }
interface SearchBody { hits: { total: { value: number }; hits: Hit[] } }

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const r = await master.transport.request({ method, path, ...(body === undefined ? {} : { body: body as Record<string, unknown> }) });
  return r.body as T;
}

async function requestStatus(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  try {
    const r = await master.transport.request({ method, path, ...(body === undefined ? {} : { body: body as Record<string, unknown> }) });
    return { status: r.statusCode ?? 0, body: r.body };
  } catch (e) {
    const meta = (e as { meta?: { statusCode?: number; body?: unknown } }).meta;
    return { status: meta?.statusCode ?? 0, body: meta?.body };
  }
}

async function originalsFor(index: string, ids: string[]): Promise<Map<string, unknown>> {
  const r = await master.search({ index, body: { size: ids.length, query: { ids: { values: ids } } } });
  const body = r.body as unknown as SearchBody;
  return new Map(body.hits.hits.map((h) => [`${h._index}/${h._id}`, h._source]));
}

describe('the FGAC tutorial on the real plugin', () => {
  let newRole: RoleLike;
  let fieldTypes: ReturnType<typeof fieldTypesFromMapping>;
  let limitedBody: SearchBody;
  let originals: Map<string, unknown>;
  let expectations: AccessExpectations;

  before(async () => {
    const roles = await request<Record<string, RoleLike>>('GET', '/_plugins/_security/api/roles/new-role');
    newRole = { name: 'new-role', ...(roles['new-role'] as RoleLike) };
    fieldTypes = fieldTypesFromMapping((await master.indices.getMapping({ index: 'flights' })).body);
    const r = await limited.search({ index: 'flights', body: { size: 500, query: { match_all: {} }, docvalue_fields: ['Dest', 'Origin'] } });
    limitedBody = r.body as unknown as SearchBody;
    originals = await originalsFor('flights', limitedBody.hits.hits.map((h) => h._id));
    const authinfo = await limited.transport.request({ method: 'GET', path: '/_plugins/_security/authinfo' });
    const info = authinfo.body as { user_name: string; backend_roles: string[]; roles: string[] };
    expectations = expectationsFromRoles([newRole], 'flights', { name: info.user_name, roles: info.backend_roles, securityRoles: info.roles }, {
      ...MASKING, fieldTypes, originals,
    });
  });

  test('the limited user\'s flights search passes assertAccess (expectations from new-role, salt known, originals from master)', () => {
    assert.equal(limitedBody.hits.hits.length, limitedBody.hits.total.value);
    assert.ok(limitedBody.hits.hits.length > 20);
    const report = assertAccess(limitedBody, expectations);
    assert.equal(report.status, 'pass');
    assert.equal(report.counts.hits, limitedBody.hits.hits.length);
    assert.equal(report.counts.passedHits, report.counts.hits);
    // every Dest in _source and in docvalue fields was recomputed
    assert.equal(report.counts.masksRecomputed, 2 * report.counts.hits);
  });

  test('every Dest mask equals maskValue(original, { salt }) and FlightNum is absent', () => {
    for (const h of limitedBody.hits.hits) {
      const orig = originals.get(`flights/${h._id}`) as { Dest: string; Origin: string; FlightDelay: boolean };
      assert.equal(orig.FlightDelay, true);
      assert.equal(h._source.Dest, maskValue(orig.Dest, MASKING), h._id);
      assert.deepEqual(h.fields?.Dest, [maskValue(orig.Dest, MASKING)]);
      assert.equal('FlightNum' in h._source, false);
      assert.equal(h._source.Origin, orig.Origin);
    }
  });

  test('with the salt secret (as on Amazon OpenSearch Service) shape and consistency still pass', () => {
    const { salt: _salt, originals: _o, ...secret } = expectations;
    const report = assertAccess(limitedBody, secret);
    assert.equal(report.counts.masksShapeChecked, 2 * report.counts.hits);
    const withOriginals = assertAccess(limitedBody, { ...secret, originals });
    assert.equal(withOriginals.counts.inconsistentMasks, 0);
  });

  test('compareAccess(master, limited) reproduces the tutorial\'s differences', async () => {
    const delayedFalse = ((await master.count({ index: 'flights', body: { query: { term: { FlightDelay: false } } } })).body as { count: number }).count;
    const c = await compareAccess(master, limited, { index: 'flights', body: { size: 500, query: { match_all: {} } } });
    assert.equal(c.complete, true);
    assert.equal(c.reference.total, conn.indices.flights);
    assert.equal(c.missing.length, delayedFalse);
    assert.equal(c.totals.missing, delayedFalse);
    assert.equal(c.totals.common, conn.indices.flights - delayedFalse);
    assert.deepEqual(c.totals.hiddenFields, { FlightNum: c.totals.common });
    assert.deepEqual(c.totals.maskedFields, { Dest: c.totals.common });
    assert.ok(c.documents.every((d) => d.hashShapedFields.includes('Dest') && d.otherChanges.length === 0));
    assert.deepEqual(c.extra, []);
  });

  test('planted misconfigurations are reported', () => {
    const wrongFls: RoleLike = { index_permissions: [{ ...newRole.index_permissions![0]!, fls: ['~FlightNum', '~Origin'] }] };
    const fls = verifyHits(limitedBody, expectationsFromRoles([wrongFls], 'flights', undefined, { ...MASKING, fieldTypes, originals }));
    assert.equal(fls.ok, false);
    assert.equal(fls.counts.flsLeaks, 2 * limitedBody.hits.hits.length, 'Origin in _source and in fields');
    assert.ok(fls.findings.every((f) => f.kind === 'fls-leak' && f.path === 'Origin'));

    const wrongDls: RoleLike = { index_permissions: [{ ...newRole.index_permissions![0]!, dls: '{"range": {"FlightDelayMin": {"gte": 200}}}' }] };
    const dls = verifyHits(limitedBody, expectationsFromRoles([wrongDls], 'flights', undefined, { ...MASKING, fieldTypes, originals }));
    const below = limitedBody.hits.hits.filter((h) => (h._source.FlightDelayMin as number) < 200).length;
    assert.ok(below > 0);
    assert.equal(dls.counts.dlsViolations, below);

    const wrongMask: RoleLike = { index_permissions: [{ ...newRole.index_permissions![0]!, masked_fields: ['Dest', 'Origin'] }] };
    const mask = verifyHits(limitedBody, expectationsFromRoles([wrongMask], 'flights', undefined, { ...MASKING, fieldTypes, originals }));
    assert.equal(mask.counts.unmasked, 2 * limitedBody.hits.hits.length);

    const wrongSalt = verifyHits(limitedBody, { ...expectations, salt: 'not-the-domain-salt-123' });
    assert.equal(wrongSalt.counts.wrongMasks, 2 * limitedBody.hits.hits.length);
  });
});

const P5_INDEX = 'p5-masks';
const P5_ROLE = 'p5-masks-role';
const P5_USER = 'p5-user';
const P5_PASSWORD = 'P5-verify!Kq82#zLm';
const P5_BAD_ROLE = 'p5-masks-invalid';

const MAJOR = pluginMajor(MASKING);

const MASKED_FIELDS = [
  'email::/(\\w+)@(\\w+)\\.com/::$2 at $1::/at/::@',
  'phone::SHA-256',
  'card::/(\\d{4})\\d{8}(\\d{4})/::$1********$2',
  'name::/[aeiou]/::*::/\\*{2,}/::#',
  'address.city',
  'address.geo.label::SHA-512',
  'tags',
  'people.secret',
  'note::MD5',
  'r160::RIPEMD160',
  // digest names only this generation's JVM accepts (2.x Bouncy Castle; 3.x Bouncy Castle FIPS and JDK 21+'s SUN OIDs)
  ...(MAJOR >= 3 ? ['gen1::RIPEMD-160', 'gen2::OID.1.2.840.113549.2.5'] : ['gen1::KECCAK-256', 'gen2::BLAKE2B-256']),
  's3::SHA3-256',
  'sha1::sha1',
  'nick::/(?i)^(.)(.*)$/::$1***',
  'count',
  'flag',
];

const DOCS: Record<string, Record<string, unknown>> = {
  a: {
    email: 'bob@example.com', phone: '555-123-4567', card: '4111111111111111', name: 'Bob Smith', address: { city: 'Oslo', zip: '0150', geo: { label: 'Nordic HQ' } },
    tags: ['alpha', 'beta', '7'], people: [{ secret: 'p1' }, { secret: 'p2' }], note: 'Zürich 😀 東京', r160: 'ripemd', gen1: 'keccak', gen2: 'blake', s3: 'sha3', sha1: 'one',
    nick: 'alice', count: 42, flag: true, plain: 'visible',
  },
  b: {
    email: 'eve@corp.com and joe@shop.com', phone: '', card: 'no card', name: 'Aeiou Queue', address: { city: 'Tokyo Haneda', zip: '144' },
    tags: ['alpha'], people: [], note: '', r160: '', gen1: 'Ωμέγα', gen2: 'x'.repeat(300), s3: 'line\nbreak', sha1: 'two', nick: 'Z', count: 0, flag: false, plain: 'visible too',
  },
};

describe('masked_fields on the real plugin (scratch p5-* role, user and index)', () => {
  let returned: Map<string, Record<string, unknown>>;
  let p5: Client;

  before(async () => {
    await requestStatus('DELETE', `/${P5_INDEX}`);
    await request('PUT', `/${P5_INDEX}`, { mappings: { properties: { email: { type: 'keyword' }, phone: { type: 'keyword' }, tags: { type: 'keyword' } } } });
    for (const [id, doc] of Object.entries(DOCS)) await master.index({ index: P5_INDEX, id, body: doc });
    await master.indices.refresh({ index: P5_INDEX });
    await request('PUT', `/_plugins/_security/api/roles/${P5_ROLE}`, {
      cluster_permissions: ['cluster_composite_ops_ro'],
      index_permissions: [{ index_patterns: [P5_INDEX], allowed_actions: ['read'], masked_fields: MASKED_FIELDS }],
    });
    await request('PUT', `/_plugins/_security/api/internalusers/${P5_USER}`, { password: P5_PASSWORD, backend_roles: [], attributes: {} });
    await request('PUT', `/_plugins/_security/api/rolesmapping/${P5_ROLE}`, { users: [P5_USER] });
    p5 = client({ username: P5_USER, password: P5_PASSWORD });
    const r = await p5.search({ index: P5_INDEX, body: { size: 10, query: { match_all: {} } } });
    returned = new Map((r.body as unknown as SearchBody).hits.hits.map((h) => [h._id, h._source]));
  });

  after(async () => {
    await requestStatus('DELETE', `/_plugins/_security/api/rolesmapping/${P5_ROLE}`);
    await requestStatus('DELETE', `/_plugins/_security/api/internalusers/${P5_USER}`);
    await requestStatus('DELETE', `/_plugins/_security/api/roles/${P5_ROLE}`);
    await requestStatus('DELETE', `/_plugins/_security/api/roles/${P5_BAD_ROLE}`);
    await requestStatus('DELETE', `/${P5_INDEX}`);
  });

  const masked = (id: string, field: string, value: string): string => {
    const expr = MASKED_FIELDS.find((e) => parseMaskedField(e, MASKING).field === field) as string;
    return maskValue(value, { ...MASKING, expression: expr });
  };

  test('maskValue reproduces every value the plugin masked (regex chains, digests, default BLAKE2b, nested, arrays of strings)', () => {
    assert.equal(returned.size, 2);
    for (const [id, orig] of Object.entries(DOCS)) {
      const got = returned.get(id) as Record<string, unknown>;
      for (const f of ['email', 'phone', 'card', 'name', 'note', 'r160', 'gen1', 'gen2', 's3', 'sha1', 'nick']) {
        assert.equal(got[f], masked(id, f, orig[f] as string), `${id}.${f}`);
      }
      const addr = orig.address as { city: string; zip: string; geo?: { label: string } };
      const gotAddr = got.address as { city: string; zip: string; geo?: { label: string } };
      assert.equal(gotAddr.city, masked(id, 'address.city', addr.city), `${id}.address.city`);
      assert.equal(gotAddr.zip, addr.zip, 'unmasked sibling');
      if (addr.geo) assert.equal(gotAddr.geo?.label, masked(id, 'address.geo.label', addr.geo.label));
      assert.deepEqual(got.tags, (orig.tags as string[]).map((t) => masked(id, 'tags', t)), `${id}.tags`);
      assert.equal(got.count, orig.count, 'numbers pass unmasked');
      assert.equal(got.flag, orig.flag, 'booleans pass unmasked');
      assert.equal(got.plain, orig.plain);
    }
    assert.equal(returned.get('a')?.email, 'example @ bob');
    assert.equal(returned.get('b')?.email, 'corp @ eve and shop @ joe');
    assert.equal(returned.get('a')?.card, '4111********1111');
    assert.equal(returned.get('a')?.name, 'B*b Sm*th');
    assert.ok(isMaskShaped(returned.get('a')?.address && (returned.get('a')?.address as { city: string }).city));
  });

  test('strings inside arrays of objects: masked by 3.x, left as they are by 1.x/2.x', () => {
    const people = returned.get('a')?.people as Array<{ secret: string }>;
    if (pluginMajor(MASKING) >= 3) assert.deepEqual(people, [{ secret: masked('a', 'people.secret', 'p1') }, { secret: masked('a', 'people.secret', 'p2') }]);
    else assert.deepEqual(people, [{ secret: 'p1' }, { secret: 'p2' }]);
  });

  test('verifyHits with expectations from the role as served: only the plugin\'s own array-of-objects gap is reported', async () => {
    const roles = await request<Record<string, RoleLike>>('GET', `/_plugins/_security/api/roles/${P5_ROLE}`);
    const originals = new Map(Object.entries(DOCS).map(([id, d]) => [`${P5_INDEX}/${id}`, d]));
    const r = await p5.search({ index: P5_INDEX, body: { query: { match_all: {} } } });
    const report = verifyHits(r.body, expectationsFromRoles(roles, P5_INDEX, { name: P5_USER }, { ...MASKING, originals }));
    if (pluginMajor(MASKING) >= 3) {
      assert.equal(report.status, 'pass');
    } else {
      assert.deepEqual(report.findings.map((f) => [f.kind, f.id, f.path]), [['unmasked', 'a', 'people.secret'], ['unmasked', 'a', 'people.secret']]);
    }
    // 3.x also masks (and the verifier recomputes) the two people[].secret strings 2.x leaves as they are
    assert.equal(report.counts.masksRecomputed, MAJOR >= 3 ? 31 : 29);
  });

  test('the roles API rejects exactly the masked_fields parseMaskedField rejects, with its messages', async () => {
    // 'd::/./::$2': 2.x rejects it (its probe matches '.'), 3.x never checks replacements (it fails when masking);
    // '/[/': 3.x compiles a /regex/ field part on PUT, 2.x when it evaluates the role; the other generation's digest.
    const entries = ['a::SHADY-777', 'b::/(/::x', 'c::/a/::b::d', 'd::/./::$2', 'e::/[a-/::x', '/[/', MAJOR >= 3 ? 'f::KECCAK-256' : 'f::RIPEMD-160', 'ok::/a/::b'];
    const res = await requestStatus('PUT', `/_plugins/_security/api/roles/${P5_BAD_ROLE}`, {
      index_permissions: [{ index_patterns: ['x'], allowed_actions: ['read'], masked_fields: entries }],
    });
    assert.equal(res.status, 400);
    const body = res.body as Record<string, unknown>;
    const server = new Map(Object.entries(body).filter(([k]) => k.startsWith('Masked field not valid: ')).map(([k, v]) => [k.slice('Masked field not valid: '.length), v]));
    const sdk = new Map<string, string>();
    for (const expr of entries) {
      try { parseMaskedField(expr, MASKING); } catch (e) { sdk.set(expr, (e as Error).message); }
    }
    assert.deepEqual(server, sdk);
    assert.equal(sdk.size, 6, `${[...sdk.keys()].join(', ')}: the five always invalid and one generation-dependent`);
  });
});
