/**
 * verifyHits and masked_fields entries matching `_routing` / `_ignored`, judged against the hits REAL 2.19.4 and
 * 3.4.0 nodes returned (masked-routing-ignored.data.ts): 2.x leaves both out under any masked_fields, 3.x masks
 * `_routing` and each `_ignored` name under an entry matching them. The node's hits pass; a clear value put back is
 * a finding; what cannot be computed (a regex mask of `_routing`, whose clear value verifyHits never knows; no
 * plugin version) is unverifiable with its reason.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyHits } from '../../src/verify/verifier.js';
import { flsHiddenMetaFields } from '../../src/verify/fls.js';
import type { AccessExpectations } from '../../src/verify/expectations.js';
import type { VerificationReport } from '../../src/verify/report.js';
import { ALGORITHM, DOCS, INDEX, OBSERVED, ROUTING, SALT, type ObservedSet } from './masked-routing-ignored.data.js';

const ORIGINALS = new Map(Object.entries(DOCS).map(([id, d]) => [`${INDEX}/${id}`, d]));
type Hit = Record<string, unknown>;

const expect = (s: ObservedSet, version: string | undefined, extra: Partial<AccessExpectations> = {}): AccessExpectations => ({
  indices: [{ indexPatterns: [INDEX], rules: [{ fls: s.fls ?? [], maskedFields: s.masked }] }],
  salt: SALT, defaultAlgorithm: ALGORITHM[version ?? '3.4.0'], originals: ORIGINALS,
  ...(version !== undefined ? { pluginVersion: version } : {}), ...extra,
});
const response = (hits: Hit[]): unknown => ({ hits: { hits: hits.map((h) => ({ _index: INDEX, ...h })) } });
/** [id, kind or aspect, path] of every finding and unverifiable item about `_routing` / `_ignored`. */
const metaItems = (rep: VerificationReport): string[][] => [
  ...rep.findings.map((f) => [f.id, f.kind, f.path ?? '']),
  ...rep.unverifiable.map((u) => [u.id, u.aspect, u.path ?? '']),
].filter(([, , p]) => p === '_routing' || p === '_ignored');
/** The original id of a recorded hit (its `_id` may be masked): the node returned 1, abc, n-3 in this order in every set. */
const idOf = (i: number): string => ['1', 'abc', 'n-3'][i] as string;
const label = (v: string, s: ObservedSet): string => `${v} ${JSON.stringify(s.fls ?? [])} ${JSON.stringify(s.masked)}`;
const regexOnRouting = (s: ObservedSet): boolean => s.masked.some((e) => /^(_routing|\/_r\.\*\/)::\//.test(e));

test('the recorded hits match what the rules say of _routing / _ignored (2.x: left out under masks; 3.x: masked)', () => {
  for (const [v, sets] of Object.entries(OBSERVED)) {
    for (const s of sets) {
      const meta = flsHiddenMetaFields(s.fls ?? [], { pluginVersion: v, maskedFields: s.masked });
      const hit = s.hits[0] as Hit;
      for (const f of ['_routing', '_ignored'] as const) {
        if (meta.hidden.includes(f)) assert.equal(hit[f], undefined, `${label(v, s)} ${f}`);
        else if (meta.masked.includes(f)) {
          // a regex chain may leave the value as it is (`_ignored::/k/::Z` on `num`)
          if (!s.masked.some((e) => e.includes('::/'))) assert.notDeepEqual(hit[f], f === '_routing' ? 'r1' : ['num'], `${label(v, s)} ${f}`);
        } else assert.deepEqual(hit[f], f === '_routing' ? 'r1' : ['num'], `${label(v, s)} ${f}`);
      }
    }
  }
});

test("the node's hits pass; only a regex mask of _routing is unverifiable (the routing is not known to verifyHits)", () => {
  for (const [v, sets] of Object.entries(OBSERVED)) {
    for (const s of sets) {
      const rep = verifyHits(response(s.hits), expect(s, v));
      assert.deepEqual(rep.findings, [], label(v, s));
      const want = v === '3.4.0' && regexOnRouting(s) ? [['1', 'mask', '_routing'], ['abc', 'mask', '_routing']] : [];
      assert.deepEqual(metaItems(rep), want, label(v, s));
      if (want.length > 0) assert.match(rep.unverifiable[0]?.reason ?? '', /regex mask .* of _routing not recomputed: the document's routing is not known/);
      assert.equal(rep.status, want.length > 0 ? 'unverifiable' : 'pass', label(v, s));
    }
  }
});

test('3.4.0: an _ignored name masked with a digest is recomputed from the original document', () => {
  for (const s of OBSERVED['3.4.0'] as ObservedSet[]) {
    if (!flsHiddenMetaFields(s.fls ?? [], { pluginVersion: '3.4.0', maskedFields: s.masked }).masked.includes('_ignored')) continue;
    const rep = verifyHits(response([s.hits[0] as Hit]), expect(s, '3.4.0'));
    const without = verifyHits(response([{ ...(s.hits[0] as Hit), _ignored: undefined }]), expect(s, '3.4.0'));
    assert.equal((rep.hits[0]?.masksRecomputed ?? 0) - (without.hits[0]?.masksRecomputed ?? 0), 1, label('3.4.0', s));
  }
});

test('3.4.0: the clear _routing / _ignored put back where an entry masks them is reported as unmasked', () => {
  let routed = 0;
  for (const s of OBSERVED['3.4.0'] as ObservedSet[]) {
    const masked = flsHiddenMetaFields(s.fls ?? [], { pluginVersion: '3.4.0', maskedFields: s.masked }).masked;
    const hits = s.hits.map((h, i) => ({ ...h, ...(ROUTING[idOf(i)] !== undefined ? { _routing: ROUTING[idOf(i)] } : {}), ...(i === 0 ? { _ignored: ['num'] } : {}) }));
    const rep = verifyHits(response(hits), expect(s, '3.4.0'));
    const findings = rep.findings.filter((f) => f.path === '_routing' || f.path === '_ignored').map((f) => `${f.kind} ${f.path}`);
    const want: string[] = [];
    if (masked.includes('_routing') && !regexOnRouting(s)) want.push('unmasked _routing', 'unmasked _routing');
    // `_ignored::/k/::Z` leaves `num` as it is: the clear name is the plugin's mask there
    if (masked.includes('_ignored') && !s.masked.includes('_ignored::/k/::Z')) want.push('unmasked _ignored');
    assert.deepEqual(findings.sort(), want.sort(), label('3.4.0', s));
    if (want.length > 0) assert.equal(rep.status, 'violation');
    if (masked.includes('_routing')) routed++;
  }
  assert.ok(routed >= 5);
});

test('2.19.4: a hit carrying _routing / _ignored under masked_fields is reported (the 2.x plugin leaves them out)', () => {
  for (const s of OBSERVED['2.19.4'] as ObservedSet[]) {
    if (s.masked.length === 0) continue;
    const meta = flsHiddenMetaFields(s.fls ?? [], { pluginVersion: '2.19.4', maskedFields: s.masked });
    const hits = [{ ...(s.hits[0] as Hit), _routing: 'r1', _ignored: ['num'] }];
    const rep = verifyHits(response(hits), expect(s, '2.19.4'));
    const want = (['_routing', '_ignored'] as const).filter((f) => meta.hidden.includes(f)).map((f) => `fls-leak ${f}`);
    assert.equal(want.length, 2, label('2.19.4', s));
    assert.deepEqual(rep.findings.filter((f) => f.path === '_routing' || f.path === '_ignored').map((f) => `${f.kind} ${f.path}`), want, label('2.19.4', s));
  }
});

test('without pluginVersion, a masked _routing / _ignored is unverifiable (2.x leaves them out, 3.x masks them)', () => {
  const s = (OBSERVED['3.4.0'] as ObservedSet[]).find((x) => x.masked.length === 1 && x.masked[0] === '*' && x.fls === undefined) as ObservedSet;
  const rep = verifyHits(response(s.hits), expect(s, undefined));
  const items = rep.unverifiable.filter((u) => u.path === '_routing' || u.path === '_ignored');
  assert.deepEqual(items.map((u) => u.path), ['_routing', '_ignored', '_routing']);
  assert.ok(items.every((u) => /2\.x plugins leave it out of hits, 3\.x masks it; give pluginVersion/.test(u.reason)));
});

test('3.4.0 without originals or salt: digest masks of _routing / _ignored are checked for shape (strictMasks: unverifiable)', () => {
  const s = (OBSERVED['3.4.0'] as ObservedSet[]).find((x) => x.masked.length === 1 && x.masked[0] === '_r*') as ObservedSet;
  const noSalt = verifyHits(response(s.hits), expect(s, '3.4.0', { salt: undefined }));
  assert.equal(noSalt.status, 'pass');
  assert.equal(noSalt.hits.reduce((n, h) => n + h.masksShapeChecked, 0), 2);
  const strict = verifyHits(response(s.hits), expect(s, '3.4.0', { strictMasks: true }));
  assert.deepEqual(strict.unverifiable.map((u) => u.path), ['_routing', '_routing']);
  const ig = (OBSERVED['3.4.0'] as ObservedSet[]).find((x) => x.masked.length === 1 && x.masked[0] === '_ignored') as ObservedSet;
  const noOrig = verifyHits(response([ig.hits[0] as Hit]), { ...expect(ig, '3.4.0'), originals: undefined });
  assert.equal(noOrig.status, 'pass');
  assert.equal(noOrig.hits[0]?.masksShapeChecked, 1);
  // a regex mask of _ignored without the original document: its names cannot be recomputed
  const rx = (OBSERVED['3.4.0'] as ObservedSet[]).find((x) => x.masked[0] === '_ignored::/k/::Z') as ObservedSet;
  const rxNoOrig = verifyHits(response([rx.hits[0] as Hit]), { ...expect(rx, '3.4.0'), originals: undefined });
  assert.deepEqual(rxNoOrig.unverifiable.map((u) => u.path), ['_ignored']);
});
