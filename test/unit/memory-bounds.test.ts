/**
 * Module caches and buffers keep memory bounded by constants, not by the largest input a long-lived process
 * (a Lambda container serving thousands of invocations) ever met: the verifier's path table per rule set, the
 * BLAKE2b scratch buffer, the masked-field, salt, Java-regex and wildcard caches, and a client's secret set.
 * Each bound is read from the module's own state (no heap measurement), and the answers stay what they were.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyHits } from '../../src/verify/verifier.js';
import { rulesFor } from '../../src/verify/compiled-rules.js';
import * as compiledRules from '../../src/verify/compiled-rules.js';
import * as blake2b from '../../src/fgac/blake2b.js';
import * as masking from '../../src/fgac/masking.js';
import { maskValue, parseMaskedField } from '../../src/fgac/masking.js';
import * as maskedField from '../../src/fgac/masked-field.js';
import { analyzeMaskedField } from '../../src/fgac/masked-field.js';
import * as emit from '../../src/fgac/java-regex/emit.js';
import { compileJavaRegex } from '../../src/fgac/java-regex/emit.js';
import * as leafQueries from '../../src/verify/dls/leaf-queries.js';
import { evaluateDls } from '../../src/verify/dls/evaluate.js';
import { SecretSet } from '../../src/errors/secrets.js';
import { redactText } from '../../src/errors/redact.js';
import type { AccessExpectations } from '../../src/verify/expectations.js';

/** A getter the bounded modules export (missing before the bounds: the test fails there, as it should). */
function getter<T>(mod: object, name: string): () => T {
  const f = (mod as Record<string, unknown>)[name];
  assert.equal(typeof f, 'function', `${name} is exported (@internal)`);
  return f as () => T;
}

/**
 * The compiled rules verifyHits will use for `exp` (taken before the verification: asked afterwards, a table that ran
 * out of room is compiled afresh), and a reader of the nodes they hold (through either shape of the table).
 */
function tableOf(exp: AccessExpectations): () => { nodes: number; chars: number } {
  const index = exp.indices[0];
  assert.ok(index);
  const c = rulesFor(index, exp).compiled as unknown as { paths?: { byPath: Map<string, unknown> }; byPath?: Map<string, unknown> };
  return () => {
    const byPath = c.paths?.byPath ?? c.byPath ?? new Map<string, unknown>();
    let chars = 0;
    for (const path of byPath.keys()) chars += path.length;
    return { nodes: byPath.size, chars };
  };
}

const hit = (source: Record<string, unknown>, id = '1') => ({ _index: 'idx', _id: id, _source: source });

describe('verifyHits: the path table of a rule set stays within its bounds', () => {
  test('one response with 60 000 distinct keys leaves at most 20 000 nodes (and 1M characters) behind', () => {
    const exp: AccessExpectations = { indices: [{ indexPatterns: ['idx'], rules: [{ fls: ['~secret*'] }] }] };
    const table = tableOf(exp);
    const src: Record<string, number> = {};
    for (let i = 0; i < 60_000; i++) src[`k_${i}`] = i;
    const rep = verifyHits({ hits: { hits: [hit(src)] } }, exp);
    assert.equal(rep.status, 'pass');
    const held = table();
    assert.ok(held.nodes > 1000, `the table was used: ${held.nodes}`);
    assert.ok(held.nodes <= 20_000, `nodes held: ${held.nodes}`);
    assert.ok(held.chars <= 1_000_000, `characters held: ${held.chars}`);
  });

  test('long keys are bounded by characters, not only by count', () => {
    const exp: AccessExpectations = { indices: [{ indexPatterns: ['idx'], rules: [{ fls: ['~hidden*'] }] }] };
    const table = tableOf(exp);
    const src: Record<string, number> = {};
    for (let i = 0; i < 200; i++) src[`${i}_${'x'.repeat(20_000)}`] = i;
    assert.equal(verifyHits({ hits: { hits: [hit(src)] } }, exp).status, 'pass');
    const held = table();
    assert.ok(held.nodes > 10, `the table was used: ${held.nodes}`);
    assert.ok(held.chars <= 1_000_000, `characters held: ${held.chars}`);
  });

  test('past the bounds the answers are the same: a hidden field and an unmasked one late in a huge document are found', () => {
    const exp: AccessExpectations = {
      salt: 'fgac-local-salt-2f8a1c',
      indices: [{ indexPatterns: ['idx'], rules: [{ fls: ['~secret*'], maskedFields: ['m*'] }] }],
    };
    const src: Record<string, unknown> = {};
    for (let i = 0; i < 12_000; i++) src[`k_${i}`] = { a: i };
    src.secret_late = 'x';
    src.m_late = 'clear text';
    const rep = verifyHits({ hits: { hits: [hit(src)] } }, exp);
    const text = JSON.stringify(rep);
    assert.equal(rep.status, 'violation');
    assert.match(text, /secret_late/);
    assert.match(text, /m_late/);
    // the same document again: the same findings (the full table is compiled afresh)
    assert.deepEqual(JSON.parse(JSON.stringify(verifyHits({ hits: { hits: [hit(src)] } }, exp))).findings, JSON.parse(text).findings);
    // and a small document of the same rules, after the big one: held, and judged as before
    const small = verifyHits({ hits: { hits: [hit({ a: 1, secret_x: 2, m: maskValue('v', { salt: 'fgac-local-salt-2f8a1c' }) })] } }, exp);
    assert.equal(small.status, 'violation');
    assert.match(JSON.stringify(small), /secret_x/);
    const table = tableOf(exp);
    verifyHits({ hits: { hits: [hit(src)] } }, exp);
    assert.ok(table().nodes <= 20_000);
  });

  test('the compiled rule sets held keep their keys within 4M characters', () => {
    const size = getter<{ entries: number; chars: number }>(compiledRules, 'compiledCacheSize');
    for (let i = 0; i < 12; i++) {
      const dls = JSON.stringify({ terms: { f: Array.from({ length: 60_000 }, (_, j) => `v${i}_${j}`) } });
      verifyHits({ hits: { hits: [] } }, { indices: [{ indexPatterns: ['idx'], rules: [{ dls }] }] });
    }
    const held = size();
    assert.ok(held.entries <= 32);
    assert.ok(held.chars <= 4_000_000, `characters held: ${held.chars}`);
  });
});

describe('BLAKE2b: the scratch buffer stays small, masks stay the same', () => {
  const salt = 'fgac-local-salt-2f8a1c';
  test('masking a 1M-character value leaves a scratch of at most 64 KiB', () => {
    const scratchBytes = getter<number>(blake2b, 'scratchBytes');
    maskValue('x'.repeat(1_000_000), { salt });
    maskValue('\u4e2d'.repeat(300_000), { salt, defaultAlgorithm: 'BLAKE2B' });
    assert.ok(scratchBytes() <= 64 * 1024, `scratch: ${scratchBytes()} bytes`);
  });

  test('long values mask to the same bytes as before (known answers)', () => {
    const ascii = 'a'.repeat(100_000);
    const mixed = 'x\u00e9\u4e2d\ud83d\ude00\ud800z'.repeat(20_000);
    assert.equal(maskValue(ascii, { salt }), 'eb200ab250fafad0fbc833b38c2fb963494a3887ffbcfe7139692856bb6d7533');
    assert.equal(maskValue(ascii, { salt, defaultAlgorithm: 'BLAKE2B' }), '9f8c5cb39206e1be4a1fab7ceda7813dbfd1dfdcbad56b4b822d619a41482478');
    assert.equal(maskValue(ascii, {}), '35b1ca055227471e6a1dbb6e0850bb9af88b575fc9479d2911bd58de8697a771');
    assert.equal(maskValue(mixed, { salt }), 'e0c662dc3a861db3701a79f42b500503b27ff67ca7dc14296faadd9fe3e1cf04');
    assert.equal(maskValue(mixed, { salt, defaultAlgorithm: 'BLAKE2B' }), 'bc8e7e5a420df63f9ed95e501ff095546e59a4d6c692b8d9abef3f40096a4991');
    assert.equal(maskValue(mixed, {}), 'a140073c062d0f15736f78b8291626c46f136cccb78e8416ab5cf01d8df48a38');
  });
});

describe('masking caches: bounded by characters, not only by entries', () => {
  test('300 distinct 20 000-character expressions: parseMaskedField and analyzeMaskedField hold at most 256K characters', () => {
    const parsed = getter<{ parsedChars: number }>(masking, 'maskingCacheSizes');
    const analysed = getter<{ chars: number }>(maskedField, 'analysisCacheSize');
    for (let i = 0; i < 300; i++) {
      const expression = `f${i}${'a'.repeat(20_000)}`;
      assert.equal(parseMaskedField(expression).field, expression);
      assert.equal(analyzeMaskedField(expression, { dialect: 'v3' }).expression?.field, expression);
    }
    assert.ok(parsed().parsedChars <= 262_144, `parse cache: ${parsed().parsedChars}`);
    assert.ok(analysed().chars <= 262_144, `analysis cache: ${analysed().chars}`);
    // short ones are still cached (the same object back)
    assert.equal(parseMaskedField('email::SHA-256'), parseMaskedField('email::SHA-256'));
  });

  test('long salts are held by their first 16 bytes only; masks are unchanged', () => {
    const sizes = getter<{ salts: number; saltChars: number }>(masking, 'maskingCacheSizes');
    for (let i = 0; i < 150; i++) maskValue('v', { salt: `${String(i).padStart(16, '0')}${'s'.repeat(50_000)}` });
    assert.ok(sizes().saltChars <= 100 * 1024, `salt cache: ${sizes().saltChars}`);
    // a pair split at the 16th character is kept whole (known answers)
    const longSalt = `${'a'.repeat(15)}\ud83d\ude00${'b'.repeat(3000)}`;
    assert.equal(maskValue('hello', { salt: longSalt }), 'd7cec5165d222bc40768c313bd267185d8826225601534d32bd2321c3cca6be2');
    assert.equal(maskValue('hello', { salt: longSalt, defaultAlgorithm: 'BLAKE2B' }), '3f4e4259fa314313cf99bb49b4496b56d9fb54866838d15797700ec46dfe59d6');
    assert.equal(maskValue('hello', { salt: 'S'.repeat(5000) }), '531d5c4ed0e091f1d7efaa63bbb2b7f67d2dd33dc9639be13c1b20d7f97b5502');
    assert.equal(maskValue('hello', { salt: 'S'.repeat(5000) }), maskValue('hello', { salt: 'S'.repeat(16) }));
  });

  test('Java regex cache: 60 distinct 10 000-character patterns hold at most 1M characters', () => {
    const size = getter<{ entries: number; chars: number }>(emit, 'javaRegexCacheSize');
    for (let i = 0; i < 60; i++) {
      const pattern = `p${i}${'ab'.repeat(5000)}`;
      assert.equal(compileJavaRegex(pattern).source, pattern);
    }
    assert.ok(size().chars <= 1_000_000, `regex cache: ${size().chars}`);
  });

  test('wildcard cache: 40 distinct 10 000-character patterns hold at most 256K characters', () => {
    const size = getter<{ entries: number; chars: number }>(leafQueries, 'globCacheSize');
    for (let i = 0; i < 40; i++) {
      const value = `w${i}${'c'.repeat(10_000)}`;
      assert.equal(evaluateDls({ wildcard: { f: { value: `${value}*` } } }, { f: `${value}z` }, { fieldTypes: { f: 'keyword' } }).result, 'match');
    }
    assert.ok(size().chars <= 262_144, `wildcard cache: ${size().chars}`);
  });
});

describe('SecretSet: bounded by characters too, never losing what must be redacted', () => {
  const heldChars = (set: SecretSet): number => set.forms().reduce((n, f) => n + f.length, 0);

  test('1200 passwords of 4096 characters: at most ~4M characters held; the newest and the pinned ones are redacted', () => {
    const set = new SecretSet();
    set.add('client-own-password-123');
    let last = '';
    for (let j = 0; j < 1200; j++) {
      last = `Pw-${j}-${'x'.repeat(4096)}`;
      set.add(last);
    }
    const chars = heldChars(set);
    // the bound plus the newest secret's own forms (never evicted by its own addition)
    assert.ok(chars <= 4 * 1024 * 1024 + 200_000, `characters held: ${chars}`);
    assert.equal(redactText(`echo ${last} end`, set).includes(last), false);
    assert.equal(redactText(`echo ${Buffer.from(last).toString('base64')} end`, set).includes(Buffer.from(last).toString('base64')), false);
    assert.equal(redactText('password is client-own-password-123', set).includes('client-own-password-123'), false);
  });

  test('a secret longer than the bound is held whole while it is the newest; adding an old one again makes it the newest', () => {
    const set = new SecretSet();
    // the client's own credentials first (the pinned forms), so what follows is evictable
    for (let i = 0; i < 40; i++) set.add(`own-credential-${i}`);
    const first = `first-${'z'.repeat(5000)}`;
    const huge = `H${'y'.repeat(1_200_000)}`;
    set.add(first);
    set.add(huge);
    assert.equal(redactText(`a ${huge} b`, set).includes(huge), false);
    assert.equal(redactText(`a ${Buffer.from(huge).toString('base64')} b`, set).includes('eXl5eXl5eXl5'), false);
    // re-adding `first` makes it the newest: it survives what the next one forces out (the huge one, older)
    set.add(first);
    set.add(`other-${'q'.repeat(100_000)}`);
    assert.ok(heldChars(set) <= 4 * 1024 * 1024, `characters held: ${heldChars(set)}`);
    assert.equal(set.forms().includes(huge), false);
    assert.equal(redactText(`x ${first} y`, set).includes(first), false);
    assert.equal(redactText('x own-credential-0 y', set).includes('own-credential-0'), false);
  });

  test('rotating credentials: bounded by characters, the newest token always held', () => {
    const set = new SecretSet();
    let token = '';
    for (let i = 0; i < 1000; i++) {
      token = `tok${i}-${'t'.repeat(2000)}`;
      set.add(token, { rotating: true });
    }
    assert.ok(heldChars(set) <= 1024 * 1024 + 100_000, `characters held: ${heldChars(set)}`);
    assert.equal(redactText(`Bearer ${token}`, set).includes(token), false);
  });
});
