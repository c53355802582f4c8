/**
 * Two masked_fields entries naming one field (['c', 'c::SHA-256']): 2.x fails every search on the index
 * ("Multiple entries with same key", test/integration/masked-field-clash.test.ts), 3.x masks with the first.
 * maskDocument and verifyHits read it through one function (maskedFieldClashVerdict): without a plugin version
 * (pluginVersionOrUnknown) the answer is undecided, never one generation's.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { maskedFieldClashVerdict } from '../../src/fgac/masked-field.js';
import { maskDocument } from '../../src/verify/masking.js';
import { verifyHits } from '../../src/verify/index.js';
import { MaskingExpressionError } from '../../src/fgac/errors.js';

const CLASH = ['c', 'c::SHA-256'];

describe('maskedFieldClashVerdict', () => {
  test('2.x fails, 3.x has no clash, an unknown or unreadable version is undecided', () => {
    assert.equal(maskedFieldClashVerdict(CLASH, '2.19.4')?.kind, 'fails');
    assert.equal(maskedFieldClashVerdict(CLASH, '3.4.0'), undefined);
    for (const v of [undefined, '', 'unknown']) assert.equal(maskedFieldClashVerdict(CLASH, v)?.kind, 'undecided', String(v));
    assert.equal(maskedFieldClashVerdict(['c', 'd::SHA-256'], undefined), undefined);
    assert.equal(maskedFieldClashVerdict(CLASH, undefined)?.entry, 'c::SHA-256');
  });
});

describe('maskDocument and verifyHits say the same without a version', () => {
  test('maskDocument throws the "cannot be predicted" error instead of masking with the first entry', () => {
    assert.throws(() => maskDocument({ c: 'x' }, CLASH), (e: unknown) => e instanceof MaskingExpressionError && /cannot be predicted/.test(e.message));
    assert.throws(() => maskDocument({ other: 'x' }, [['c'], ['c::SHA-256']], { defaultAlgorithm: 'BLAKE2B' }), /cannot be predicted/);
    assert.equal(maskDocument({ c: 'x' }, CLASH, { pluginVersion: '3.4.0' }).c, maskDocument({ c: 'x' }, ['c'], { pluginVersion: '3.4.0' }).c);
  });

  test('verifyHits: unverifiable with the same reason, also when the default algorithm is the 3.x one', () => {
    const masked = maskDocument({ c: 'x' }, ['c'], { pluginVersion: '3.4.0', defaultAlgorithm: 'BLAKE2B' }).c;
    const response = { hits: { hits: [{ _index: 'i', _id: '1', _source: { c: masked } }] } };
    const report = verifyHits(response, { indices: [{ indexPatterns: ['i'], rules: [{ maskedFields: ['c'] }, { maskedFields: ['c::SHA-256'] }] }], defaultAlgorithm: 'BLAKE2B' });
    assert.equal(report.status, 'unverifiable');
    assert.ok(report.unverifiable.some((u) => /cannot be predicted/.test(u.reason)), JSON.stringify(report.unverifiable));
  });
});
