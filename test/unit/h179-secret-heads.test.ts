/**
 * Redaction by value skips a text that holds none of a set's forms with one pattern test of their heads (the first
 * characters a form, or a cut prefix of it, starts with): a request body on the success path is redacted by value on
 * every request. What it redacts must not change: a differential against the same set without the pattern, on texts
 * built to hold forms, cut prefixes, escapes and near misses, and forms holding pattern syntax and surrogates.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SecretSet, type FormLevel } from '../../src/errors/secrets.js';
import { redactSecretValues, redactText } from '../../src/errors/redact.js';
import { Rng } from '../support/seeded-rng.js';

const SEED = Number(process.env.H179_SEED ?? 17901);

/** The same set, its levels without the heads pattern (each form looked for, as before). */
class WithoutHeads extends SecretSet {
  override levels(): readonly FormLevel[] {
    return super.levels().map((level) => ({ matchers: level.matchers, index: level.index }));
  }
}

const ALPHABET = 'ab/+=%.*?()[]{}|^$\\-_:1 \u2026\ud83d\ude00';

function word(r: Rng, min: number, max: number): string {
  let out = '';
  for (let i = r.int(min, max); i > 0; i--) out += ALPHABET[r.int(0, ALPHABET.length - 1)];
  return out;
}

/** encodeURIComponent, or the text upper-cased when it holds a lone surrogate (which it refuses). */
function uriEncoded(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return s.toUpperCase();
  }
}

test('a small set has a heads pattern: a text without any form is skipped by one test', () => {
  const set = new SecretSet();
  set.add('bench/secret+key=');
  set.add('bench-session-token');
  const [level] = set.levels();
  assert.ok(level?.heads instanceof RegExp);
  const body = JSON.stringify({ query: { term: { Carrier: 'Logstash Airways' } }, size: 3 });
  assert.equal(level.heads.test(body), false);
  assert.equal(redactSecretValues(body, set), body);
  assert.equal(redactSecretValues(`{"k":"bench/secret+key="}`, set), '{"k":"[REDACTED]"}');
  // a cut prefix (half the form, 8+ characters, an ellipsis right after it) still found through its head
  assert.equal(redactSecretValues('token bench-sessi... end', set), 'token [REDACTED]... end');
});

test('redaction with the heads pattern equals redaction without it (seeded differential)', () => {
  for (let round = 0; round < 300; round++) {
    const r = new Rng(SEED + round);
    const secrets = Array.from({ length: r.int(1, 4) }, () => word(r, 4, 24));
    const fast = new SecretSet();
    const slow = new WithoutHeads();
    for (const s of secrets) {
      fast.add(s);
      slow.add(s);
    }
    for (let t = 0; t < 10; t++) {
      const pieces: string[] = [];
      for (let p = r.int(0, 5); p > 0; p--) {
        const s = secrets[r.int(0, secrets.length - 1)] as string;
        const kind = r.int(0, 4);
        if (kind === 0) pieces.push(s);
        else if (kind === 1) pieces.push(`${s.slice(0, Math.max(8, Math.ceil(s.length / 2)))}...`);
        else if (kind === 2) pieces.push(uriEncoded(s));
        else if (kind === 3) pieces.push(s.slice(0, 7));
        pieces.push(word(r, 0, 12));
      }
      const text = pieces.join('');
      assert.equal(redactSecretValues(text, fast), redactSecretValues(text, slow), `round ${round}: ${JSON.stringify(text)} with ${JSON.stringify(secrets)}`);
      assert.equal(redactText(text, fast), redactText(text, slow), `round ${round}: ${JSON.stringify(text)} with ${JSON.stringify(secrets)}`);
    }
  }
});

test('a 100 KB secret (a hostile env value) gets a pattern V8 compiles: redaction answers, the secret is still found', () => {
  const huge = 'a'.repeat(100 * 1024);
  const set = new SecretSet();
  set.add(huge);
  set.add('h179-short-Secret-9');
  const [level] = set.levels();
  // before stop 55's mend the pattern held the whole form and its first test threw V8's "Regular expression too large"
  assert.ok(level?.heads instanceof RegExp && level.heads.source.length < 2048, 'a bounded pattern');
  assert.equal(redactSecretValues(`{"p":"${huge}"}`, set), '{"p":"[REDACTED]"}');
  assert.equal(redactSecretValues('{"q":"plain"}', set), '{"q":"plain"}');
  assert.equal(redactText(`x ${huge.slice(0, 70)} y`, set), `x ${huge.slice(0, 70)} y`);
});
