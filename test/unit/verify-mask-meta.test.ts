/**
 * verifyHits judges a masked field by the entry the plugin picks (maskDocument's picker), and a hit whose `_id` the
 * plugin masks (masked_fields matching `_id`) by the masked-metadata answer of fls-source.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskDocument } from '../../src/verify/masking.js';
import { verifyHits } from '../../src/verify/verifier.js';
import type { AccessExpectations } from '../../src/verify/expectations.js';

const SALT = 'unit-salt-0123456789abcdef';
const expect = (fls: string[][], masked: string[][], pluginVersion: string, originals: Map<string, unknown>): AccessExpectations => ({
  indices: [{ indexPatterns: ['ix'], rules: fls.map((f, i) => ({ fls: f, maskedFields: masked[i] ?? [] })) }],
  pluginVersion, salt: SALT, originals,
});

test('2.x: two entries match a field; verifyHits takes the entry maskDocument takes (nam? before the regex entry)', () => {
  const doc = { name: '\ufb59', a: 1 };
  const masked = [[], ['nam?', 'name::/[aeiou]/::*']];
  const opts = { pluginVersion: '2.19.4', salt: SALT };
  const predicted = maskDocument(doc, masked, opts);
  // the regex entry would leave the value (no vowel) unchanged; the plugin's pick hashes it
  assert.notEqual(predicted.name, doc.name);
  const exp = expect([['~arr'], ['name.keyword']], masked, '2.19.4', new Map([['ix/1', doc]]));
  assert.equal(verifyHits({ hits: { hits: [{ _index: 'ix', _id: '1', _source: predicted }] } }, exp).status, 'pass');
  const clear = verifyHits({ hits: { hits: [{ _index: 'ix', _id: '1', _source: doc }] } }, exp);
  assert.equal(clear.status, 'violation');
  assert.deepEqual(clear.hits[0]?.findings.map((f) => [f.kind, f.path]), [['unmasked', 'name']]);
});

test('masked_fields matching _id: a search hit shows maskedHitId (base64url of the hex mask of the Lucene id bytes)', async () => {
  const { maskedHitId, uidBytes, pluginMaskedMetaFields } = await import('../../src/verify/fls-source.js');
  assert.deepEqual([...uidBytes('1')], [0xfe, 0x1f]);
  assert.deepEqual([...uidBytes('123')], [0xfe, 0x12, 0x3f]);
  assert.deepEqual([...uidBytes('abc')], [0x69, 0xb7]);
  assert.deepEqual([...uidBytes('ab')], [0xff, 0x61, 0x62]);
  assert.deepEqual([...uidBytes('_w')], [0xfd, 0xff]);
  assert.deepEqual(pluginMaskedMetaFields((n) => n.endsWith('d'), 2), { masked: ['_id'], hidden: ['_routing', '_ignored'] });
  assert.deepEqual(pluginMaskedMetaFields((n) => n.endsWith('d'), 3), { masked: ['_id', '_ignored'], hidden: [] });
  assert.deepEqual(pluginMaskedMetaFields((n) => n === 'name', 3), { masked: [], hidden: [] });
  const masked = maskedHitId('1', { expression: '*d', pluginVersion: '2.19.4', salt: SALT });
  assert.match(Buffer.from(masked, 'base64url').toString('latin1'), /^[0-9a-f]{64}$/);
});

for (const pluginVersion of ['2.19.4', '3.4.0']) {
  test(`${pluginVersion}: a hit whose _id masked_fields mask is paired with its original; a clear _id there is reported`, async () => {
    const { maskedHitId } = await import('../../src/verify/fls-source.js');
    const doc = { d: 'dv', name: 'N' };
    const masked = [['arr.*', '*d']];
    const exp = expect([[]], masked, pluginVersion, new Map([['ix/1', doc], ['ix/2', { d: 'x', name: 'M' }]]));
    const source = maskDocument(doc, masked, { pluginVersion, salt: SALT });
    const id = maskedHitId('1', { expression: '*d', pluginVersion, salt: SALT });
    const ok = verifyHits({ hits: { hits: [{ _index: 'ix', _id: id, _source: source }] } }, exp);
    assert.equal(ok.status, 'pass', JSON.stringify(ok.hits[0]));
    assert.ok((ok.hits[0]?.masksRecomputed ?? 0) > 0);
    // the original found through the masked id: an unmasked value is still reported
    const leak = verifyHits({ hits: { hits: [{ _index: 'ix', _id: id, _source: doc }] } }, exp);
    assert.deepEqual(leak.hits[0]?.findings.map((f) => [f.kind, f.path]), [['unmasked', 'd']]);
    const clear = verifyHits({ hits: { hits: [{ _index: 'ix', _id: '1', _source: source }] } }, exp);
    assert.deepEqual(clear.hits[0]?.findings.map((f) => [f.kind, f.path]), [['unmasked', '_id']]);
    // an id no original masks to: unverifiable, never a pass that recomputed nothing
    const unknown = verifyHits({ hits: { hits: [{ _index: 'ix', _id: 'Zm9v', _source: source }] } }, exp);
    assert.equal(unknown.status, 'unverifiable');
  });
}

test('flsHiddenMetaFields names the metadata fields masked_fields mask (_id on both generations) or drop (2.x)', async () => {
  const { flsHiddenMetaFields } = await import('../../src/verify/fls.js');
  for (const pluginVersion of ['2.19.4', '3.4.0']) {
    const v3 = pluginVersion === '3.4.0';
    assert.deepEqual(flsHiddenMetaFields([[], []], { pluginVersion, maskedFields: [[], ['arr.*', '*d']] }), { hidden: v3 ? [] : ['_routing', '_ignored'], versionDependent: [], masked: v3 ? ['_id', '_ignored'] : ['_id'] });
    assert.deepEqual(flsHiddenMetaFields([], { pluginVersion, maskedFields: ['*'] }).masked, v3 ? ['_id', '_routing', '_ignored'] : ['_id']);
    assert.deepEqual(flsHiddenMetaFields([], { pluginVersion, maskedFields: ['name', '*e'] }).masked, []);
  }
  assert.deepEqual(flsHiddenMetaFields([], { maskedFields: ['*d'] }), { hidden: [], versionDependent: ['_routing', '_ignored'], masked: ['_id'] });
  assert.throws(() => flsHiddenMetaFields([], { maskedFields: [1] as unknown as string[] }), TypeError);
});
