/** verifyHits / assertAccess / expectationsFromRoles / compareAccess on synthetic responses. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyHits, assertAccess } from '../../src/verify/verifier.js';
import { expectationsFromRoles, type AccessExpectations, type RoleLike } from '../../src/verify/expectations.js';
import { compareAccess, type CompareSearchRequest } from '../../src/verify/compare.js';
import { maskValue } from '../../src/fgac/masking.js';
import { evaluateDlsQueries, prepareDls } from '../../src/verify/dls/index.js';
import { evaluateReturnedDls } from '../../src/verify/dls/evaluate.js';
import { AccessViolationError } from '../../src/verify/errors.js';

const SALT = 'unit-test-salt-0123456789';
const NEW_ROLE: RoleLike = {
  name: 'new-role',
  index_permissions: [{ index_patterns: ['flights*'], dls: '{"match": {"FlightDelay": true}}', fls: ['~FlightNum'], masked_fields: ['Dest'], allowed_actions: ['read'] }],
};
const TYPES = { FlightNum: 'keyword', Dest: 'keyword', Origin: 'keyword', FlightDelay: 'boolean', FlightDelayMin: 'integer' } as const;

interface Flight { FlightNum: string; Dest: string; Origin: string; FlightDelay: boolean; FlightDelayMin: number }
const FLIGHTS: Array<{ id: string; doc: Flight }> = Array.from({ length: 12 }, (_, i) => ({
  id: `f${i}`,
  doc: { FlightNum: `N${i}`, Dest: ['Oslo', 'Rome', 'Tokyo'][i % 3] as string, Origin: ['Lima', 'Cairo'][i % 2] as string, FlightDelay: i % 4 !== 0, FlightDelayMin: i * 15 },
}));
const ORIGINALS = new Map(FLIGHTS.map((f) => [`flights/${f.id}`, f.doc]));

/** What the plugin would return to new-role (built by hand, not by the library under test). */
function limitedResponse(opts: { salt?: string; tamper?: (src: Record<string, unknown>, id: string) => void; include?: (f: Flight) => boolean } = {}): unknown {
  const hits = FLIGHTS.filter((f) => (opts.include ?? ((d: Flight) => d.FlightDelay))(f.doc)).map((f) => {
    const { FlightNum: _hidden, ...rest } = f.doc;
    const src: Record<string, unknown> = { ...rest, Dest: maskValue(f.doc.Dest, { salt: opts.salt ?? SALT }) };
    opts.tamper?.(src, f.id);
    return { _index: 'flights', _id: f.id, _source: src };
  });
  return { body: { hits: { total: { value: hits.length, relation: 'eq' }, hits } } };
}

const base = (extra: Partial<AccessExpectations> = {}): AccessExpectations =>
  ({ ...expectationsFromRoles([NEW_ROLE], 'flights', { name: 'new-user', roles: ['new-backend-role'] }, { salt: SALT, fieldTypes: TYPES, originals: ORIGINALS }), ...extra });

describe('verifyHits', () => {
  test('the tutorial role: a correct response passes with every mask recomputed', () => {
    const r = verifyHits(limitedResponse(), base());
    assert.equal(r.status, 'pass');
    assert.equal(r.ok, true);
    assert.equal(r.counts.hits, 9);
    assert.equal(r.counts.masksRecomputed, 9);
    assert.equal(r.counts.passedHits, 9);
  });
  test('FLS leak in _source, via fields[.keyword] and highlight', () => {
    const resp = limitedResponse({ tamper: (s, id) => { if (id === 'f1') s.FlightNum = 'N1'; } }) as { body: { hits: { hits: Array<Record<string, unknown>> } } };
    const hit = resp.body.hits.hits[1] as Record<string, unknown>;
    hit.fields = { 'FlightNum.keyword': ['N2'] };
    hit.highlight = { FlightNum: ['<em>N2</em>'] };
    const r = verifyHits(resp, base());
    assert.equal(r.ok, false);
    assert.deepEqual(r.findings.filter((f) => f.kind === 'fls-leak').map((f) => [f.id, f.path, f.location]), [
      ['f1', 'FlightNum', '_source'], ['f2', 'FlightNum.keyword', 'fields'], ['f2', 'FlightNum', 'highlight'],
    ]);
    assert.equal(r.counts.flsLeaks, 3);
    assert.equal(r.hits.find((h) => h.id === 'f1')?.status, 'violation');
  });
  test('nested FLS leak reports the topmost hidden path', () => {
    const exp: AccessExpectations = { indices: [{ indexPatterns: ['people'], rules: [{ fls: ['~owner.ssn', '~secret'] }] }] };
    const resp = { hits: { hits: [{ _index: 'people', _id: '1', _source: { owner: { name: 'a', ssn: '1' }, secret: { a: { b: 1 } } } }] } };
    const r = verifyHits(resp, exp);
    assert.deepEqual(r.findings.map((f) => f.path), ['owner.ssn', 'secret']);
  });
  test('unmasked and wrongly masked values (salt known)', () => {
    const r = verifyHits(limitedResponse({ tamper: (s, id) => {
      if (id === 'f1') s.Dest = 'Rome';
      if (id === 'f2') s.Dest = maskValue('Tokyo', { salt: 'another-salt-0123456' });
      if (id === 'f3') s.Dest = maskValue('Rome', { salt: SALT });
    } }), base());
    assert.deepEqual(r.findings.map((f) => [f.kind, f.id, f.path]), [['unmasked', 'f1', 'Dest'], ['wrong-mask', 'f2', 'Dest'], ['wrong-mask', 'f3', 'Dest']]);
    assert.equal(r.counts.unmasked, 1);
    assert.equal(r.counts.wrongMasks, 2);
  });
  test('salt unknown: consistent masks pass on shape and consistency', () => {
    const secret = 'secret-domain-salt-xyz';
    const { salt: _s, ...noSalt } = base();
    const r = verifyHits(limitedResponse({ salt: secret }), noSalt);
    assert.equal(r.status, 'pass');
    assert.equal(r.counts.masksShapeChecked, 9);
    assert.equal(r.counts.masksRecomputed, 0);
    const strict = verifyHits(limitedResponse({ salt: secret }), { ...noSalt, strictMasks: true });
    assert.equal(strict.status, 'unverifiable');
  });
  test('salt unknown: inconsistent masks are detected (same input -> different masks, different inputs -> same mask, mask == original)', () => {
    const secret = 'secret-domain-salt-xyz';
    const { salt: _s, ...noSalt } = base();
    const differentMask = verifyHits(limitedResponse({ salt: secret, tamper: (s, id) => { if (id === 'f1') s.Dest = maskValue('Rome', { salt: 'other-salt-1234567' }); } }), noSalt);
    assert.ok(differentMask.findings.some((f) => f.kind === 'inconsistent-mask' && /same value got 2 different masks/.test(f.detail)));
    const collision = verifyHits(limitedResponse({ salt: secret, tamper: (s, id) => { if (id === 'f2') s.Dest = maskValue('Rome', { salt: secret }); } }), noSalt);
    assert.ok(collision.findings.some((f) => f.kind === 'inconsistent-mask' && /different values got the same mask/.test(f.detail)));
    const clear = verifyHits(limitedResponse({ salt: secret, tamper: (s, id) => { if (id === 'f1') s.Dest = 'Rome'; } }), noSalt);
    assert.deepEqual(clear.findings.map((f) => [f.kind, f.id]), [['unmasked', 'f1']]);
    const notHex = verifyHits(limitedResponse({ salt: secret, tamper: (s, id) => { if (id === 'f1') s.Dest = 'xxxx'; } }), noSalt);
    assert.deepEqual(notHex.findings.map((f) => [f.kind, f.id]), [['wrong-mask', 'f1']]);
  });
  test('originals unknown: masks checked for shape, clear values flagged', () => {
    const { originals: _o, ...noOriginals } = base();
    assert.equal(verifyHits(limitedResponse(), noOriginals).status, 'pass');
    const r = verifyHits(limitedResponse({ tamper: (s, id) => { if (id === 'f1') s.Dest = 'Rome'; } }), noOriginals);
    assert.deepEqual(r.findings.map((f) => [f.kind, f.id]), [['unmasked', 'f1']]);
  });
  test('DLS violations with and without originals', () => {
    const leaky = limitedResponse({ include: () => true });
    const r = verifyHits(leaky, base());
    assert.deepEqual(r.findings.filter((f) => f.kind === 'dls-violation').map((f) => f.id), ['f0', 'f4', 'f8']);
    const { originals: _o, ...noOriginals } = base();
    assert.equal(verifyHits(leaky, noOriginals).counts.dlsViolations, 3);
  });
  test('DLS on a masked or hidden field is unverifiable, with or without originals (the plugin runs DLS on what FLS and masks leave: dls-fls-interplay.test.ts)', () => {
    const role: RoleLike = { index_permissions: [{ index_patterns: ['flights'], dls: '{"term": {"Dest": "Rome"}}', masked_fields: ['Dest'], fls: ['~FlightNum'] }] };
    const resp = limitedResponse({ include: (f) => f.Dest === 'Rome' });
    const exp = expectationsFromRoles([role], 'flights', undefined, { salt: SALT, fieldTypes: TYPES });
    const r = verifyHits(resp, exp);
    assert.equal(r.status, 'unverifiable');
    assert.ok(r.unverifiable.every((u) => u.aspect === 'dls'));
    assert.throws(() => assertAccess(resp, exp), AccessViolationError);
    assert.equal(assertAccess(resp, exp, { allowUnverifiable: true }).ok, true);
    assert.equal(verifyHits(resp, { ...exp, originals: ORIGINALS }).status, 'unverifiable');
    // a DLS query on a field neither hidden nor masked is still decided with originals
    const visibleRole: RoleLike = { index_permissions: [{ index_patterns: ['flights'], dls: '{"term": {"Dest": "Rome"}}', fls: ['~FlightNum'] }] };
    assert.equal(verifyHits(limitedResponse({ include: (f) => f.Dest === 'Rome' }), { ...expectationsFromRoles([visibleRole], 'flights', undefined, { fieldTypes: TYPES }), originals: ORIGINALS }).counts.dlsViolations, 0);
  });
  test('unsupported DLS query: unverifiable, never a pass', () => {
    const role: RoleLike = { index_permissions: [{ index_patterns: ['flights'], dls: '{"query_string": {"query": "FlightDelay:true"}}' }] };
    const r = verifyHits(limitedResponse(), expectationsFromRoles([role], 'flights', undefined, { originals: ORIGINALS, fieldTypes: TYPES }));
    assert.equal(r.status, 'unverifiable');
    assert.equal(r.counts.passedHits, 0);
  });
  test('regex masks: recomputed with originals, unverifiable without', () => {
    const role: RoleLike = { index_permissions: [{ index_patterns: ['p'], masked_fields: ['email::/(\\w+)@(\\w+)\\.com/::$2 at $1'] }] };
    const resp = { hits: { hits: [{ _index: 'p', _id: '1', _source: { email: 'example at bob' } }] } };
    const originals = new Map([['p/1', { email: 'bob@example.com' }]]);
    assert.equal(verifyHits(resp, expectationsFromRoles([role], 'p', undefined, { originals })).status, 'pass');
    assert.equal(verifyHits(resp, expectationsFromRoles([role], 'p')).status, 'unverifiable');
    const bad = { hits: { hits: [{ _index: 'p', _id: '1', _source: { email: 'bob@example.com' } }] } };
    assert.equal(verifyHits(bad, expectationsFromRoles([role], 'p', undefined, { originals })).counts.unmasked, 1);
  });
  test('2.x leaves strings in arrays of objects unmasked: reported with a note', () => {
    const role: RoleLike = { index_permissions: [{ index_patterns: ['p'], masked_fields: ['people.secret', 'tags'] }] };
    const resp = { hits: { hits: [{ _index: 'p', _id: '1', _source: { people: [{ secret: 'p1' }], tags: [maskValue('a', { salt: SALT })] } }] } };
    const originals = new Map([['p/1', { people: [{ secret: 'p1' }], tags: ['a'] }]]);
    const r = verifyHits(resp, expectationsFromRoles([role], 'p', undefined, { originals, salt: SALT, pluginVersion: '2.19.4' }));
    assert.deepEqual(r.findings.map((f) => [f.kind, f.path]), [['unmasked', 'people.secret']]);
    assert.match(r.findings[0]?.detail ?? '', /2\.x plugin does not mask strings inside arrays of objects/);
  });
  test('originals are found whatever their order: in hit order, reversed, with gaps, in a Map subclass that answers get itself', () => {
    const tampered = limitedResponse({ tamper: (src, id) => { if (id === 'f6') src.Dest = 'Oslo'; } });
    const expected = verifyHits(tampered, base());
    assert.equal(expected.counts.unmasked, 1);
    assert.deepEqual(expected.findings.map((f) => `${f.id} ${f.kind}`), ['f6 unmasked']);
    const entries = [...ORIGINALS];
    const orders: Array<[string, Map<string, unknown>]> = [
      ['reversed', new Map([...entries].reverse())],
      ['with a gap', new Map(entries.filter(([k]) => k !== 'flights/f2'))],
      ['with extra entries between', new Map(entries.flatMap(([k, v]) => [[`${k}x`, { FlightDelay: false }], [k, v]] as Array<[string, unknown]>))],
    ];
    for (const [label, originals] of orders) {
      const r = verifyHits(tampered, base({ originals }));
      const missing = label === 'with a gap' ? 1 : 0;
      assert.deepEqual(r.findings.map((f) => `${f.id} ${f.kind}`), ['f6 unmasked'], label);
      assert.equal(r.counts.masksRecomputed, expected.counts.masksRecomputed - missing, label);
    }
    // a subclass answers through its own get (here: every document delayed, so DLS decides differently)
    class Delayed extends Map<string, unknown> {
      override get(key: string): unknown {
        const doc = super.get(key) as Flight | undefined;
        return doc === undefined ? undefined : { ...doc, FlightDelay: false };
      }
    }
    const r = verifyHits(tampered, base({ originals: new Delayed(entries) }));
    assert.equal(r.counts.dlsViolations, r.counts.hits);
  });

  test('a hit from an index without expectations is unverifiable', () => {
    const r = verifyHits({ hits: { hits: [{ _index: 'movies', _id: '1', _source: {} }] } }, base());
    assert.equal(r.status, 'unverifiable');
    assert.equal(r.unverifiable[0]?.aspect, 'hit');
  });
  test('a non-search response is rejected', () => {
    assert.throws(() => verifyHits({ acknowledged: true }, base()), TypeError);
  });
});

describe('expectationsFromRoles', () => {
  test('merges every matching index permission; user variables in index patterns', () => {
    const roles: RoleLike[] = [
      NEW_ROLE,
      { name: 'own', index_permissions: [{ index_patterns: ['logs-${user.name}'], dls: '{"match_all": {}}' }, { index_patterns: ['other'], fls: ['x'] }] },
      { name: 'plain', index_permissions: [{ index_patterns: ['flights'], allowed_actions: ['indices:data/write/*'] }] },
    ];
    const e = expectationsFromRoles(roles, 'flights', { name: 'alice' });
    assert.deepEqual(e.indices[0]?.rules, [
      { role: 'new-role', dls: '{"match": {"FlightDelay": true}}', fls: ['~FlightNum'], maskedFields: ['Dest'] },
      { role: 'plain' },
    ]);
    assert.deepEqual(expectationsFromRoles(roles, 'logs-alice', { name: 'alice' }).indices[0]?.rules, [{ role: 'own', dls: '{"match_all": {}}' }]);
    assert.deepEqual(expectationsFromRoles({ r: { index_permissions: [{ index_patterns: ['/fl.*/'], fls: ['a'] }] } }, 'flights').indices[0]?.rules, [{ role: 'r', fls: ['a'] }]);
  });
  test('a grant without DLS does not lift another role\'s DLS (dfm_empty_overrides_all=false) but does with it set', () => {
    const roles: RoleLike[] = [NEW_ROLE, { name: 'plain', index_permissions: [{ index_patterns: ['flights'] }] }];
    const leaky = limitedResponse({ include: () => true });
    const e = expectationsFromRoles(roles, 'flights', undefined, { salt: SALT, fieldTypes: TYPES, originals: ORIGINALS });
    assert.equal(verifyHits(leaky, e).counts.dlsViolations, 3);
    const relaxed = verifyHits(limitedResponse({ include: () => true, tamper: (s, id) => { s.FlightNum = `N${id.slice(1)}`; s.Dest = ORIGINALS.get(`flights/${id}`)?.Dest; } }), { ...e, dfmEmptyOverridesAll: true });
    assert.equal(relaxed.status, 'pass');
  });
});

describe('assertAccess', () => {
  test('throws AccessViolationError carrying the report; the message names paths, not values', () => {
    try {
      assertAccess(limitedResponse({ tamper: (s, id) => { if (id === 'f1') s.Dest = 'Rome'; } }), base());
      assert.fail('expected a throw');
    } catch (e) {
      assert.ok(e instanceof AccessViolationError);
      assert.equal(e.report.counts.unmasked, 1);
      assert.match(e.message, /1 access violation\(s\).*unmasked flights\/f1 Dest/);
      assert.doesNotMatch(e.message, /Rome/);
    }
  });
  test('returns the report when everything passes', () => {
    assert.equal(assertAccess(limitedResponse(), base()).status, 'pass');
  });
});

describe('property: the verifier never passes what it could not evaluate', () => {
  let seed = 12345;
  const rnd = (): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const leaf = (): unknown => pick([
    { term: { Dest: pick(['Oslo', 'Rome', 'Tokyo']) } }, { match: { FlightDelay: rnd() < 0.5 } }, { range: { FlightDelayMin: { gte: Math.floor(rnd() * 150) } } },
    { exists: { field: pick(['Dest', 'nope']) } }, { prefix: { Origin: pick(['Li', 'Ca', 'x']) } }, { ids: { values: [`f${Math.floor(rnd() * 12)}`] } },
    { query_string: { query: 'x' } }, { fuzzy: { Dest: 'Olso' } }, { script: { script: 'true' } }, { term: { Unmapped: 'x' } }, { match_all: {} }, { match_none: {} },
  ]);
  const query = (d: number): unknown => {
    if (d > 2 || rnd() < 0.4) return leaf();
    const n = () => Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => query(d + 1));
    const b: Record<string, unknown> = {};
    for (const k of ['must', 'filter', 'should', 'must_not']) if (rnd() < 0.4) b[k] = n();
    if (rnd() < 0.2) b.minimum_should_match = pick([1, 2, '50%', -1]);
    return { bool: b };
  };
  test('500 random DLS rule sets x 12 documents', () => {
    let passes = 0;
    let unverifiable = 0;
    for (let k = 0; k < 500; k++) {
      const queries = Array.from({ length: 1 + Math.floor(rnd() * 2) }, () => JSON.stringify(query(0)));
      const role: RoleLike = { index_permissions: queries.map((q) => ({ index_patterns: ['flights'], dls: q })) };
      const withOriginals = rnd() < 0.5;
      const resp = { hits: { hits: FLIGHTS.map((f) => ({ _index: 'flights', _id: f.id, _source: f.doc })) } };
      const exp = expectationsFromRoles([role], 'flights', undefined, { fieldTypes: TYPES, ...(withOriginals ? { originals: ORIGINALS } : {}) });
      const r = verifyHits(resp, exp);
      for (const h of r.hits) {
        const local = evaluateDlsQueries(queries, ORIGINALS.get(`flights/${h.id}`), { fieldTypes: TYPES, id: h.id });
        // a returned hit: a "the node may refuse" doubt a refusal would have failed the search with is cleared (helper 196);
        // it only ever decides what evaluateDlsQueries left unverifiable
        const truth = evaluateReturnedDls(queries.map((q) => prepareDls(q)), ORIGINALS.get(`flights/${h.id}`), { fieldTypes: TYPES, id: h.id }, undefined);
        if (local.result !== 'unverifiable') assert.equal(truth.result, local.result);
        if (h.status === 'pass') {
          passes++;
          assert.equal(truth.result, 'match', `${queries.join(' | ')} passed ${h.id}`);
          assert.equal(h.unverifiable.length + h.findings.length, 0);
        }
        if (truth.result === 'unverifiable') { unverifiable++; assert.notEqual(h.status, 'pass'); }
        if (truth.result === 'no-match') assert.equal(h.status, 'violation');
      }
      assert.equal(r.status === 'pass', r.hits.every((h) => h.status === 'pass'));
    }
    assert.ok(passes > 100 && unverifiable > 100, `passes=${passes} unverifiable=${unverifiable}`);
  });
});

describe('compareAccess', () => {
  const client = (hits: Array<{ id: string; src: object }>, total = hits.length) => ({
    calls: [] as CompareSearchRequest[],
    async search(params: CompareSearchRequest): Promise<{ body: unknown }> {
      this.calls.push(params);
      return { body: { hits: { total: { value: total, relation: 'eq' }, hits: hits.map((h) => ({ _index: 'flights', _id: h.id, _source: h.src })) } } };
    },
  });
  test('missing documents, hidden fields and masked fields, per document and in total', async () => {
    const ref = client(FLIGHTS.map((f) => ({ id: f.id, src: { ...f.doc } })));
    const sub = client(FLIGHTS.filter((f) => f.doc.FlightDelay).map((f) => {
      const { FlightNum: _h, ...rest } = f.doc;
      return { id: f.id, src: { ...rest, Dest: maskValue(f.doc.Dest) } };
    }));
    const request = { index: 'flights', body: { size: 100, query: { match_all: {} } } };
    const c = await compareAccess(ref, sub, request);
    assert.deepEqual(ref.calls, [request]);
    assert.deepEqual(sub.calls, [request]);
    assert.equal(c.complete, true);
    assert.deepEqual(c.missing.map((m) => m.id), ['f0', 'f4', 'f8']);
    assert.equal(c.totals.missing, 3);
    assert.equal(c.totals.common, 9);
    assert.deepEqual(c.totals.hiddenFields, { FlightNum: 9 });
    assert.deepEqual(c.totals.maskedFields, { Dest: 9 });
    assert.deepEqual(c.documents[0], { index: 'flights', id: 'f1', hiddenFields: ['FlightNum'], maskedFields: ['Dest'], hashShapedFields: ['Dest'], otherChanges: [] });
    assert.deepEqual(c.extra, []);
  });
  test('pages that do not hold every hit make missing documents unresolved', async () => {
    const ref = client(FLIGHTS.slice(0, 4).map((f) => ({ id: f.id, src: f.doc })), 12);
    const sub = client(FLIGHTS.slice(1, 3).map((f) => ({ id: f.id, src: f.doc })), 9);
    const c = await compareAccess(ref, sub, { index: 'flights' });
    assert.equal(c.complete, false);
    assert.deepEqual(c.missing, []);
    assert.deepEqual(c.unresolved.map((u) => u.id), ['f0', 'f3']);
    assert.equal(c.totals.missing, 3);
  });
});

describe('what verifyHits is given: nothing it cannot check reads as a pass', () => {
  test('rules and options of the wrong type are ConfigErrors naming their path', async () => {
    const { ConfigError } = await import('../../src/errors/classes.js');
    const rule = base().indices[0]!.rules[0]!;
    const cases: Array<[Partial<AccessExpectations> | Record<string, unknown>, string]> = [
      [{ indices: [{ indexPatterns: ['flights'], rules: [{ ...rule, fls: new Set(['~FlightNum']) }] }] }, 'expectations.indices[0].rules[0].fls'],
      [{ indices: [{ indexPatterns: ['flights'], rules: [{ ...rule, maskedFields: {} }] }] }, 'expectations.indices[0].rules[0].maskedFields'],
      [{ indices: [{ indexPatterns: ['flights'], rules: [{ ...rule, dls: 42 }] }] }, 'expectations.indices[0].rules[0].dls'],
      [{ indices: [{ indexPatterns: 'flights', rules: [] }] }, 'expectations.indices[0].indexPatterns'],
      [{ aliases: 'x'.repeat(1000) }, 'expectations.aliases'],
      [{ strictMasks: 'yes' }, 'expectations.strictMasks'],
      [{ dlsVerdict: {} }, 'expectations.dlsVerdict'],
      [{ originals: [['flights/f1', {}]] }, 'expectations.originals'],
    ];
    for (const [extra, option] of cases) {
      assert.throws(() => verifyHits(limitedResponse(), { ...base(), ...extra } as AccessExpectations), (e: unknown) => e instanceof ConfigError && e.option === option, option);
    }
    assert.throws(() => expectationsFromRoles(42 as never, 'flights'), (e: unknown) => e instanceof ConfigError && e.option === 'roles');
    assert.throws(() => expectationsFromRoles(new Map() as never, 'flights'), (e: unknown) => e instanceof ConfigError && e.option === 'roles');
  });

  test('a salt shorter than 16 bytes is refused without ever quoting it', async () => {
    const { ConfigError } = await import('../../src/errors/classes.js');
    const { MaskingExpressionError } = await import('../../src/fgac/errors.js');
    const { inspect } = await import('node:util');
    const salt = 'CorpSalt-Secret';
    const e = (() => { try { verifyHits(limitedResponse(), base({ salt })); } catch (err) { return err; } return undefined; })();
    assert.ok(e instanceof ConfigError && e.option === 'expectations.salt', String(e));
    const m = (() => { try { maskValue('v', { salt }); } catch (err) { return err; } return undefined; })();
    assert.ok(m instanceof MaskingExpressionError, String(m));
    for (const err of [e, m]) assert.ok(!`${String(err)} ${inspect(err, { depth: 5 })} ${JSON.stringify(err)}`.includes(salt), 'the salt is not quoted');
  });

  test('a hit that is not an object, and a dlsVerdict that is not a verdict, make the report unverifiable, not a pass', () => {
    const response = limitedResponse() as { body: { hits: { hits: unknown[] } } };
    response.body.hits.hits.push(null, '{"_index":"flights"}');
    const r = verifyHits(response, base());
    assert.notEqual(r.status, 'pass');
    assert.equal(r.hits.filter((h) => h.unverifiable.some((u) => u.aspect === 'hit')).length, 2);
    const bogus = verifyHits(limitedResponse(), base({ dlsVerdict: () => ({ result: 'bogus' }) as never }));
    assert.equal(bogus.status, 'unverifiable');
    assert.ok(bogus.hits.every((h) => h.dls.result === 'unverifiable'));
  });
});

describe('compareAccess on what it is given', () => {
  const bodyClient = (body: unknown) => ({ async search(): Promise<{ body: unknown }> { return { body }; } });
  const page = (hits: unknown[]) => ({ hits: { total: { value: hits.length, relation: 'eq' }, hits } });
  test('field names that are Object.prototype keys are counted like any other', async () => {
    const ref = bodyClient(page([{ _index: 'i', _id: '1', _source: JSON.parse('{"constructor":"x","toString":"y","__proto__":"z","kept":1}') as object }]));
    const sub = bodyClient(page([{ _index: 'i', _id: '1', _source: { kept: 1 } }]));
    const c = await compareAccess(ref, sub, { index: 'i' });
    assert.deepEqual({ ...c.totals.hiddenFields }, JSON.parse('{"constructor":1,"toString":1,"__proto__":1}'));
    assert.equal(Object.getPrototypeOf(c.totals.hiddenFields), Object.prototype);
  });
  test('a subject answer without hits.hits, a hit without _index/_id and a client without search() are errors, not "every document missing"', async () => {
    const { ConfigError } = await import('../../src/errors/classes.js');
    const ref = bodyClient(page([{ _index: 'i', _id: '1', _source: {} }]));
    for (const body of ['<html>', 42, { hits: { hits: null } }]) await assert.rejects(compareAccess(ref, bodyClient(body), { index: 'i' }), /without hits\.hits/);
    await assert.rejects(compareAccess(ref, bodyClient(page([{ _source: {} }, { _source: {} }])), { index: 'i' }), /no _index and _id/);
    await assert.rejects(compareAccess(null as never, ref, { index: 'i' }), (e: unknown) => e instanceof ConfigError && e.option === 'referenceClient');
    await assert.rejects(compareAccess(ref, ref, null as never), (e: unknown) => e instanceof ConfigError && e.option === 'request');
  });
});

test('pure helpers name an argument of the wrong type instead of failing inside', async () => {
  const L = await import('../../src/index.js');
  const cases: Array<[() => unknown, RegExp]> = [
    [() => L.parseDls(42 as never), /parseDls: text/],
    [() => L.parseMaskedField(null as never), /parseMaskedField: expression/],
    [() => L.maskDocument({ a: 'x' }, 'a' as never), /maskDocument: expressions/],
    [() => L.formatMaskedFieldExpression({} as never), /formatMaskedFieldExpression: expression/],
    [() => L.maskValue('a', { defaultAlgorithm: 42 } as never), /options\.defaultAlgorithm/],
    [() => L.visibleFields({ a: 1 }, {} as never), /FLS rules must be/],
    [() => L.evaluateDls('{"match_all":{}}', {}, null as never), /evaluateDls: options/],
  ];
  for (const [f, message] of cases) assert.throws(f, (e: unknown) => e instanceof TypeError && message.test(e.message), String(message));
  assert.throws(() => L.fromApiUser(undefined as never), L.SecurityModelError);
  await assert.rejects(L.runWithRetry(async () => 1, null as never), (e: unknown) => e instanceof L.ConfigError && e.option === 'ctx');
});

describe('an FLS regex the SDK declines for one field name (regression review V)', () => {
  test('the hit with that field is unverifiable; the call answers and judges the others', () => {
    // 3.x reads the regex (without a version, 2.x's exact-name reading of it would leave abc undecided)
    const expectations: AccessExpectations = { pluginVersion: '3.4.0', indices: [{ indexPatterns: ['i'], rules: [{ fls: ['~/\\p{L}+/'] }] }] };
    const response = { hits: { hits: [{ _index: 'i', _id: '1', _source: { '\u0295': 1 } }, { _index: 'i', _id: '2', _source: { abc: 1 } }] } };
    const report = verifyHits(response, expectations);
    // stop 54 (vh54): the doubt is the field's own (aspect fls, its path), and the rest of the hit is still judged
    assert.deepEqual(report.unverifiable.map((u) => [u.id, u.aspect, u.path]), [['1', 'fls', '\u0295']]);
    assert.deepEqual(report.findings.map((f) => [f.id, f.kind]), [['2', 'fls-leak']], 'abc is a letter run the role hides');
  });
});

test('an index no grant covers: every hit of it is a violation (the plugin returns none), never a pass', () => {
  const hit = { _index: 'movies', _id: '1', _source: { title: 'x' } };
  for (const roles of [{}, { r1: { index_permissions: [{ index_patterns: ['flights*'], allowed_actions: ['read'] }] } }, { r1: { cluster_permissions: ['cluster_composite_ops'] } }] as Array<Record<string, RoleLike>>) {
    const exp = expectationsFromRoles(roles, 'movies');
    assert.deepEqual(exp.indices[0]?.rules, []);
    const report = verifyHits({ hits: { hits: [hit, { ...hit, _id: '2' }] } }, exp);
    assert.equal(report.status, 'violation', JSON.stringify(roles));
    assert.equal(report.counts.dlsViolations, 2);
    assert.match(report.findings[0]?.detail ?? '', /no role grants anything on this index/);
  }
  // an unrestricted grant is a rule without restrictions: a pass
  const open = verifyHits({ hits: { hits: [hit] } }, expectationsFromRoles({ r1: { index_permissions: [{ index_patterns: ['m*'], allowed_actions: ['read'] }] } }, 'movies'));
  assert.equal(open.status, 'pass');
  // a grant on an alias of the index covers it when the aliases are given
  const viaAlias = expectationsFromRoles({ r1: { index_permissions: [{ index_patterns: ['films'], allowed_actions: ['read'], fls: ['~secret'] }] } }, 'movies', undefined, { aliases: { films: ['movies'] } });
  assert.equal(verifyHits({ hits: { hits: [{ ...hit, _source: { title: 'x', secret: 1 } }] } }, viaAlias).counts.flsLeaks, 1);
});

test('a role pattern that may cover the index but cannot be evaluated: the expectation is undecided, its hits unverifiable', () => {
  // a boolean: its reading is certain without fieldTypes (a number's is not: helper 222)
  const hit = { _index: 'logs-2026.12.02', _id: '1', _source: { a: true } };
  const read = { allowed_actions: ['read'], dls: '{"term":{"a":true}}' };
  const cases: Array<[string, Record<string, RoleLike>, object]> = [
    ['date math', { r: { index_permissions: [{ index_patterns: ['<logs-{now/d{MMM}}>'], ...read }] } }, {}],
    ['a regex the SDK declines', { r: { index_permissions: [{ index_patterns: ['/(?<=a|bc*)logs.*/'], ...read }] } }, {}],
    ['an attribute without its value', { r: { index_permissions: [{ index_patterns: ['logs-${attr.internal.day}'], ...read }] } }, { attributeNames: ['attr.internal.day'] }],
    ['date math beside a decided grant', { r: { index_permissions: [{ index_patterns: ['logs-*'], allowed_actions: ['read'] }] }, s: { index_permissions: [{ index_patterns: ['<logs-{now/d{MMM}}>'], ...read }] } }, {}],
  ];
  for (const [name, roles, options] of cases) {
    const exp = expectationsFromRoles(roles, hit._index, { name: 'u' }, options);
    assert.ok(exp.indices[0]?.undecided !== undefined, name);
    const report = verifyHits({ hits: { hits: [hit] } }, exp);
    assert.equal(report.status, 'unverifiable', name);
    assert.equal(report.findings.length, 0, `${name}: never a violation`);
    assert.match(report.unverifiable[0]?.reason ?? '', /which grants apply is unknown/, name);
  }
  // decided: a date-math pattern whose static part cannot match, the attribute's value given, an unrelated declined regex's name
  const decided: Array<[string, Record<string, RoleLike>, object]> = [
    ['date math of other indices', { r: { index_permissions: [{ index_patterns: ['logs-*'], allowed_actions: ['read'] }, { index_patterns: ['<metrics-{now/d}>'], ...read }] } }, {}],
  ];
  for (const [name, roles, options] of decided) {
    const exp = expectationsFromRoles(roles, hit._index, { name: 'u' }, options);
    assert.equal(exp.indices[0]?.undecided, undefined, name);
    assert.equal(verifyHits({ hits: { hits: [hit] } }, exp).status, 'pass', name);
  }
  const withValue = expectationsFromRoles({ r: { index_permissions: [{ index_patterns: ['logs-${attr.internal.day}'], ...read }] } }, hit._index, { name: 'u', attributes: { 'attr.internal.day': '2026.12.02' } }, { attributeNames: [] });
  assert.equal(withValue.indices[0]?.undecided, undefined);
  assert.equal(verifyHits({ hits: { hits: [hit] } }, withValue).status, 'pass');
  // a pattern longer than the SDK runs no longer throws out of expectationsFromRoles
  assert.doesNotThrow(() => expectationsFromRoles({ r: { index_permissions: [{ index_patterns: [`/${'a'.repeat(40_000)}/`], allowed_actions: ['read'] }] } }, 'movies'));
  // given by hand, an undecided expectation is accepted and honoured
  assert.equal(verifyHits({ hits: { hits: [hit] } }, { indices: [{ indexPatterns: ['logs-*'], rules: [{}], undecided: 'a reason' }] }).status, 'unverifiable');
});
