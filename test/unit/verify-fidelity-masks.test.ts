/** Masks as verifyHits and compareAccess read them: 3.x default algorithm, fields values, masked _id, multi-fields, unread parts. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { verifyHits } from '../../src/verify/verifier.js';
import { expectationsFromRoles, type RoleLike } from '../../src/verify/expectations.js';
import { compareAccess, type CompareSearchRequest } from '../../src/verify/compare.js';
import { maskValue } from '../../src/fgac/masking.js';

const SALT = 'unit-test-salt-0123456789';
const V2 = '2.19.4';
const role = (masked: string[], dls?: string): RoleLike => ({ name: 'r', index_permissions: [{ index_patterns: ['vf-i'], masked_fields: masked, allowed_actions: ['read'], ...(dls ? { dls } : {}) }] });
const response = (...hits: object[]): unknown => ({ hits: { total: { value: hits.length, relation: 'eq' }, hits: hits.map((h) => ({ _index: 'vf-i', ...h })) } });
const originalsOf = (docs: Record<string, unknown>): Map<string, unknown> => new Map(Object.entries(docs).map(([id, d]) => [`vf-i/${id}`, d]));

describe('3.x default algorithm (finding 3)', () => {
  test('pluginVersion 3.x without defaultAlgorithm hashes with BLAKE2B, and field::SHA-256 is SHA-256', () => {
    const sha256 = createHash('sha256').update('hh').digest('hex');
    assert.equal(maskValue('hh', { expression: 'h::SHA-256', pluginVersion: '3.4.0', salt: SALT }), sha256);
    assert.equal(maskValue('v', { pluginVersion: '3.4.0', salt: SALT }), maskValue('v', { pluginVersion: '3.4.0', defaultAlgorithm: 'BLAKE2B', salt: SALT }));
    assert.notEqual(maskValue('v', { pluginVersion: '3.4.0', salt: SALT }), maskValue('v', { pluginVersion: V2, salt: SALT }));
    // the legacy flavour on 3.x is an explicit cluster setting, and then it overrides field::ALGO
    assert.equal(maskValue('hh', { expression: 'h::SHA-256', pluginVersion: '3.4.0', defaultAlgorithm: 'BLAKE2B_LEGACY_DEFAULT', salt: SALT }), maskValue('hh', { pluginVersion: V2, salt: SALT }));
    assert.equal(maskValue('hh', { expression: 'h::SHA-256', pluginVersion: V2 }), sha256);
  });
});

describe('non-string originals in fields / docvalue_fields (finding 7)', () => {
  const exp = (originals: Map<string, unknown>) => ({ ...expectationsFromRoles([role(['k'])], 'vf-i', undefined, { salt: SALT, pluginVersion: V2 }), originals });
  const m = (v: string): string => maskValue(v, { salt: SALT, pluginVersion: V2 });
  const originals = originalsOf({ 0: { k: ['str', 7, false] }, 1: { k: 12345 } });
  test('doc values masked from the number and boolean text pass; the fields API returning them as is passes', () => {
    const docvalues = response(
      { _id: '0', _source: { k: [m('str'), 7, false] }, fields: { k: [m('7'), m('false'), m('str')] } },
      { _id: '1', _source: { k: 12345 }, fields: { k: [m('12345')] } },
    );
    const r = verifyHits(docvalues, exp(originals));
    assert.equal(r.status, 'pass', JSON.stringify(r.findings));
    const fieldsApi = response(
      { _id: '0', _source: { k: [m('str'), 7, false] }, fields: { k: [m('str'), '7', 'false'] } },
      { _id: '1', _source: { k: 12345 }, fields: { k: ['12345'] } },
    );
    assert.equal(verifyHits(fieldsApi, exp(originals)).status, 'pass');
  });
  test('a clear string is still unmasked; a wrong mask of a string-only original is still wrong', () => {
    const clear = verifyHits(response({ _id: '0', _source: { k: [m('str'), 7, false] }, fields: { k: ['str'] } }), exp(originals));
    assert.deepEqual(clear.findings.map((f) => f.kind), ['unmasked']);
    const strs = originalsOf({ 0: { k: 'str' } });
    // k mapped as a keyword (no normalizer): the fields value can only be mask("str"), so another is wrong
    const typed = { ...expectationsFromRoles([role(['k'])], 'vf-i', undefined, { salt: SALT, pluginVersion: V2, fieldTypes: { k: 'keyword' } }), originals: strs };
    const wrong = verifyHits(response({ _id: '0', _source: { k: m('str') }, fields: { k: [m('other')] } }), typed);
    assert.deepEqual(wrong.findings.map((f) => f.kind), ['wrong-mask']);
    // without the mapping an unknown normalizer may explain it (helper 222): unverifiable, never a wrong mask
    const untyped = verifyHits(response({ _id: '0', _source: { k: m('str') }, fields: { k: [m('other')] } }), exp(strs));
    assert.deepEqual(untyped.findings, []);
    assert.equal(untyped.status, 'unverifiable');
    // a number's text is lost: another mask is not provably wrong (its source may read 12345.0)
    const lossy = verifyHits(response({ _id: '1', _source: { k: 12345 }, fields: { k: [m('12345.0')] } }), exp(originals));
    assert.equal(lossy.counts.wrongMasks, 0);
  });
});

describe('masked_fields that match _id (finding 8)', () => {
  const b64 = (s: string): string => Buffer.from(s).toString('base64').replace(/=+$/, '');
  const mid = b64(maskValue('0', { salt: SALT, pluginVersion: '3.4.0' }));
  test('DLS on ids is unverifiable, and a missing original is reported, not shape-checked', () => {
    const exp = { ...expectationsFromRoles([role(['*'], '{"ids":{"values":["0"]}}')], 'vf-i', undefined, { salt: SALT, pluginVersion: '3.4.0' }), originals: originalsOf({ 0: { k: 'a' } }) };
    const r = verifyHits(response({ _id: mid, _source: { k: maskValue('a', { salt: SALT, pluginVersion: '3.4.0' }) } }), exp);
    assert.equal(r.counts.dlsViolations, 0);
    assert.equal(r.status, 'unverifiable');
    const reasons = r.hits[0]?.unverifiable.map((u) => u.reason) ?? [];
    assert.ok(reasons.some((x) => /_id is masked/.test(x)), reasons.join('; '));
    assert.ok(reasons.some((x) => /_id unknown/.test(x)), reasons.join('; '));
  });
  test('an entry that does not match _id keeps the ids verdicts', () => {
    const exp = expectationsFromRoles([role(['k'], '{"ids":{"values":["0"]}}')], 'vf-i', undefined, { salt: SALT, pluginVersion: '3.4.0' });
    assert.equal(verifyHits(response({ _id: '1', _source: {} }), exp).counts.dlsViolations, 1);
  });
  test('compareAccess lists masked ids as unpaired, never as extra, and the reference documents as unresolved', async () => {
    const client = (hits: Array<{ id: string; src: object }>) => ({
      async search(_params: CompareSearchRequest): Promise<{ body: unknown }> {
        return { body: { hits: { total: { value: hits.length, relation: 'eq' }, hits: hits.map((h) => ({ _index: 'vf-i', _id: h.id, _source: h.src })) } } };
      },
    });
    const c = await compareAccess(client([{ id: '0', src: { k: 'a' } }]), client([{ id: mid, src: { k: 'x' } }]), { index: 'vf-i' });
    assert.deepEqual(c.extra, []);
    assert.deepEqual(c.missing, []);
    assert.deepEqual(c.unpaired, [{ index: 'vf-i', id: mid }]);
    assert.deepEqual(c.unresolved, [{ index: 'vf-i', id: '0' }]);
    assert.match(c.pairingNote ?? '', /masked _id/);
    const plain = await compareAccess(client([{ id: '0', src: {} }]), client([{ id: 'zz', src: {} }]), { index: 'vf-i' });
    assert.deepEqual(plain.extra, [{ index: 'vf-i', id: 'zz' }]);
    assert.deepEqual(plain.unpaired, []);
    // an id that merely looks like a masked one, beside ids that pair: _id is not masked, so it is a genuine extra
    const mixed = await compareAccess(client([{ id: '0', src: {} }]), client([{ id: '0', src: {} }, { id: mid, src: {} }]), { index: 'vf-i' });
    assert.deepEqual(mixed.extra, [{ index: 'vf-i', id: mid }]);
    assert.deepEqual(mixed.unpaired, []);
  });
});

describe('parts verifyHits does not compare are never a pass (findings 9, 11, 12)', () => {
  const exp = { ...expectationsFromRoles([role(['mtext', 'card'])], 'vf-i', undefined, { salt: SALT, pluginVersion: V2 }), originals: originalsOf({ 0: { mtext: 'red fox', card: '4111' } }) };
  const m = (v: string): string => maskValue(v, { salt: SALT, pluginVersion: V2 });
  test('a multi-field of a masked field showing the clear value is unmasked; another value is unverifiable', () => {
    const leak = verifyHits(response({ _id: '0', _source: { mtext: m('red fox'), card: m('4111') }, fields: { 'mtext.raw': ['red fox'] } }), exp);
    assert.deepEqual(leak.findings.map((f) => [f.kind, f.path]), [['unmasked', 'mtext.raw']]);
    const other = verifyHits(response({ _id: '0', _source: { mtext: m('red fox'), card: m('4111') }, fields: { 'mtext.raw': ['red'] } }), exp);
    assert.equal(other.status, 'unverifiable');
  });
  test('inner_hits and highlights of masked fields are unverifiable', () => {
    const inner = verifyHits(response({ _id: '0', _source: { mtext: m('red fox'), card: m('4111') }, inner_hits: { nest: { hits: { hits: [{ _source: { secret: 'x' } }] } } } }), exp);
    assert.equal(inner.status, 'unverifiable');
    assert.ok(inner.hits[0]?.unverifiable.some((u) => /inner_hits/.test(u.reason)));
    const hl = verifyHits(response({ _id: '0', _source: { mtext: m('red fox'), card: m('4111') }, highlight: { card: ['<em>4111</em>'] } }), exp);
    assert.equal(hl.status, 'unverifiable');
    assert.deepEqual(hl.hits[0]?.unverifiable.map((u) => u.path), ['card']);
    const plain = verifyHits(response({ _id: '0', _source: { mtext: m('red fox'), card: m('4111') } }), exp);
    assert.equal(plain.status, 'pass');
  });
  test('2.x strings inside arrays of arrays: unmasked with the 2.x note', () => {
    const e = { ...expectationsFromRoles([role(['m'])], 'vf-i', undefined, { salt: SALT, pluginVersion: V2 }), originals: originalsOf({ 0: { m: [['inner'], 'outer'] } }) };
    const r = verifyHits(response({ _id: '0', _source: { m: [['inner'], m('outer')] } }), e);
    assert.equal(r.findings.length, 1);
    assert.match(r.findings[0]?.detail ?? '', /2\.x plugin does not mask strings inside arrays of objects or arrays of arrays/);
  });
});

test('a possible multi-field of a masked field with neither _source nor an original is unverifiable, not a pass', () => {
  const expectations = { indices: [{ indexPatterns: ['i'], rules: [{ maskedFields: ['name'] }] }] };
  const report = verifyHits({ hits: { hits: [{ _index: 'i', _id: '1', fields: { 'name.raw': ['alice'] } }] } }, expectations);
  assert.equal(report.ok, true);
  assert.ok(report.unverifiable.some((u) => u.path === 'name.raw' && /multi-field of masked name/.test(u.reason)), JSON.stringify(report.unverifiable));
});
