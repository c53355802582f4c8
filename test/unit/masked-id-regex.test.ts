/**
 * A regex masked_fields entry on `_id` (`_id::/re/::x`): the plugin masks the id's Lucene bytes read as Java UTF-8
 * text, and the hit shows the result's bytes as a base64 id. maskedHitId and verifyHits against what a REAL 2.19.4 node
 * returned (masked-id-regex.data.ts); what the SDK cannot reproduce (`\R`, `\b` next to non-ASCII letters) stays
 * unverifiable.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskedHitId, uidBytes } from '../../src/verify/fls-source.js';
import { javaUtf8Decode } from '../../src/fgac/java-utf8.js';
import { verifyHits } from '../../src/verify/verifier.js';
import { MaskingExpressionError, UnsupportedJavaRegexError } from '../../src/fgac/errors.js';
import type { AccessExpectations } from '../../src/verify/expectations.js';
import { OBSERVED_DECODING, OBSERVED_ERRORS, OBSERVED_IDS, OBSERVED_VERSION } from './masked-id-regex.data.js';

/** Observed cases the SDK refuses (Java regex features it cannot reproduce): entry -> ids. */
const REFUSED: Record<string, string[] | 'all'> = { '_id::/\\R/::r': 'all', '_id::/\\b/::|': ['héllo-ü'] };
const refused = (entry: string, id: string): boolean => {
  const r = REFUSED[entry];
  return r === 'all' || (r !== undefined && r.includes(id));
};

test(`maskedHitId of a regex entry on _id is the _id the ${OBSERVED_VERSION} node showed (partial, whole, no match, $n, non-ASCII, numeric ids)`, () => {
  let compared = 0;
  for (const [expression, byId] of Object.entries(OBSERVED_IDS)) {
    for (const [id, hit] of Object.entries(byId)) {
      if (refused(expression, id)) {
        assert.throws(() => maskedHitId(id, { expression, pluginVersion: OBSERVED_VERSION }), UnsupportedJavaRegexError, `${expression} ${id}`);
        continue;
      }
      assert.equal(maskedHitId(id, { expression, pluginVersion: OBSERVED_VERSION }), hit, `${expression} on ${JSON.stringify(id)}`);
      compared++;
    }
  }
  assert.ok(compared >= 100);
});

test('a regex that empties the id: the node fails the search (Ids can\'t be empty); maskedHitId throws that', () => {
  for (const [expression, reason] of Object.entries(OBSERVED_ERRORS)) {
    assert.throws(() => maskedHitId('abc', { expression, pluginVersion: OBSERVED_VERSION }), (e: unknown) => e instanceof MaskingExpressionError && e.message.includes(reason));
  }
});

test('the id bytes are read as the JDK reads UTF-8 (one U+FFFD per encoded surrogate or truncated tail), as the node showed', () => {
  for (const [id, { bytes, hit }] of Object.entries(OBSERVED_DECODING)) {
    assert.equal(Buffer.from(uidBytes(id)).toString('hex'), bytes);
    assert.equal(maskedHitId(id, { expression: '_id::/zzz/::Q', pluginVersion: OBSERVED_VERSION }), hit, bytes);
  }
  // where TextDecoder (WHATWG) differs: ED A0 80 is one U+FFFD for the JDK, three for TextDecoder
  assert.equal(javaUtf8Decode(Uint8Array.of(0x41, 0xed, 0xa0, 0x80)), 'A\ufffd');
  assert.equal(new TextDecoder().decode(Uint8Array.of(0x41, 0xed, 0xa0, 0x80)), 'A\ufffd\ufffd\ufffd');
  assert.equal(javaUtf8Decode(Buffer.from('x-😀 é', 'utf8')), 'x-😀 é');
});

const SALT = 'unit-salt-0123456789abcdef';
const DOCS: Record<string, Record<string, unknown>> = { 'n-1': { name: 'Nora' }, '12345': { name: 'N' }, 'héllo-ü': { name: 'H' } };
const expect = (masked: string[], pluginVersion: string): AccessExpectations => ({
  indices: [{ indexPatterns: ['ix'], rules: [{ fls: [], maskedFields: masked }] }],
  pluginVersion, salt: SALT, originals: new Map(Object.entries(DOCS).map(([id, d]) => [`ix/${id}`, d])),
});

for (const pluginVersion of ['2.19.4', '3.4.0']) {
  test(`${pluginVersion}: verifyHits pairs regex-masked _ids with their originals; a changed or clear _id does not pass`, () => {
    const entry = '_id::/[0-9]/::#';
    const exp = expect([entry], pluginVersion);
    const hits = Object.entries(DOCS).map(([id, d]) => ({ _index: 'ix', _id: maskedHitId(id, { expression: entry, pluginVersion }), _source: d }));
    if (pluginVersion === OBSERVED_VERSION) assert.deepEqual(hits.map((h) => h._id), Object.keys(DOCS).map((id) => OBSERVED_IDS[entry]?.[id]));
    const ok = verifyHits({ hits: { hits } }, exp);
    assert.equal(ok.status, 'pass', JSON.stringify(ok.hits.map((h) => h.unverifiable)));
    // one character of a masked _id changed: no original masks to it
    const tampered = verifyHits({ hits: { hits: [{ ...hits[0], _id: `${hits[0]?._id.slice(0, -1)}k` }] } }, exp);
    assert.equal(tampered.status, 'unverifiable');
    assert.match(JSON.stringify(tampered.hits[0]?.unverifiable), /original cannot be found/);
    // the clear id where the plugin masks it
    const clear = verifyHits({ hits: { hits: [{ ...hits[0], _id: 'n-1' }] } }, exp);
    assert.deepEqual(clear.hits[0]?.findings.map((f) => [f.kind, f.path]), [['unmasked', '_id']]);
  });
}

test('a masked _id several originals share is not paired with any of them; a refused Java regex stays unverifiable', () => {
  for (const entry of ['_id::/.+/::X', '_id::/\\R/::r']) {
    const exp = expect([entry], '2.19.4');
    const rep = verifyHits({ hits: { hits: [{ _index: 'ix', _id: OBSERVED_IDS[entry]?.['n-1'] as string, _source: DOCS['n-1'] }] } }, exp);
    assert.equal(rep.status, 'unverifiable', entry);
    assert.equal(rep.hits[0]?.findings.length, 0, entry);
  }
});
