/**
 * The hashed walk that finds many secret forms at once (src/errors/secret-index.ts) reports exactly what one
 * `indexOf` pass per form reports, overlapping occurrences included, and a client set past the index threshold
 * redacts every form it holds (and its parents' and children's) wherever it stands.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eachOccurrence, INDEX_FROM, indexForms } from '../../src/errors/secret-index.js';
import { SecretSet } from '../../src/errors/secrets.js';
import { redactText } from '../../src/errors/redact.js';
import { Rng } from '../support/seeded-rng.js';

const SEED = Number(process.env.SECRET_INDEX_SEED ?? 7301);

/** A string over a small alphabet (so forms overlap, repeat and share their first characters). */
function word(r: Rng, alphabet: string, min: number, max: number): string {
  let out = '';
  for (let i = r.int(min, max); i > 0; i--) out += alphabet[r.int(0, alphabet.length - 1)];
  return out;
}

function occurrences(text: string, forms: readonly { text: string; wholeWord: boolean }[], indexed: boolean): string[] {
  const found: string[] = [];
  eachOccurrence(text, forms, indexed ? indexForms(forms) : undefined, (form, at) => found.push(`${at}:${form.text}`));
  return found.sort();
}

test('the indexed walk finds the same occurrences as one indexOf pass per form', () => {
  for (let round = 0; round < 200; round++) {
    const r = new Rng(SEED + round);
    const alphabet = r.pick(['ab', 'abc', 'aé😀b', 'xyz01']);
    const forms = [...new Set(Array.from({ length: r.int(1, 150) }, () => word(r, alphabet, 4, 9)))].map((text) => ({ text, wholeWord: false }));
    const text = word(r, alphabet, 0, 400);
    assert.deepEqual(occurrences(text, forms, true), occurrences(text, forms, false), `seed ${SEED + round}`);
  }
});

test(`a set of ${INDEX_FROM * 4} secrets (indexed) redacts each of them, and its child's, wherever they stand`, () => {
  const r = new Rng(SEED);
  const set = new SecretSet();
  const secrets = Array.from({ length: INDEX_FROM * 4 }, (_, i) => `S${i}-${word(r, 'abcdefgh', 10, 16)}!`);
  for (const secret of secrets) set.add(secret);
  const child = set.with(['wire-signature-0123456789']);
  for (const [i, secret] of secrets.entries()) {
    const text = `{"reason":"refused ${secret} and ${encodeURIComponent(secret)} at ${i}","sig":"x wire-signature-0123456789"}`;
    const out = redactText(text, child);
    assert.ok(!out.includes(secret) && !out.includes(encodeURIComponent(secret)), `secret ${i} in ${out}`);
    assert.ok(!out.includes('wire-signature'), out);
    assert.ok(out.includes(`at ${i}`), out);
  }
});

test('word-like secrets of an indexed set and of its child are removed only where they stand as words', () => {
  const set = new SecretSet();
  for (let i = 0; i < INDEX_FROM * 2; i++) set.add(`filler-secret-${i}-#`);
  set.add('Pineapple');
  assert.equal(redactText('xPineapplex and Pineapple', set), 'xPineapplex and [REDACTED]');
  const child = set.with(['Banana']);
  assert.equal(redactText('xPineapplex and Pineapple, Bananas and Banana', child), 'xPineapplex and [REDACTED], Bananas and [REDACTED]');
});
