/**
 * Role validation (security/: parseMaskedFieldExpression) and response verification (verify/: parseMaskedField,
 * maskValue) run the same fgac/ code, so they give the same verdict on a masked-field expression. Each case
 * below was a disagreement when the two had their own parsers; the expected verdicts are the live OpenSearch
 * 2.19 node's (test/integration/fgac-masked-fields.test.ts checks them against the running domain).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { KNOWN_DIGEST_ALGORITHMS, KNOWN_DIGEST_ALGORITHMS_V3, parseMaskedFieldExpression, type PluginDialect } from '../../src/security/masked-fields.js';
import { maskValue, parseMaskedField } from '../../src/fgac/masking.js';
import { analyzeMaskedField } from '../../src/fgac/masked-field.js';
import { digestLength, findDigest } from '../../src/fgac/digest-catalogue.js';
import { MaskingExpressionError } from '../../src/fgac/errors.js';
import { parseFlsPattern } from '../../src/fgac/fls-entry.js';
import { compileFls } from '../../src/verify/fls.js';

type Verdict = { rejected: false } | { rejected: true; message: string };

const VERSION: Record<PluginDialect, string> = { v2: '2.19.4', v3: '3.1.0' };

/** security/: does validation reject the expression as the server does (not merely for failing on use), and with which text? */
function validation(expression: string, dialect: PluginDialect): Verdict {
  const r = parseMaskedFieldExpression(expression, { dialect });
  if (r.ok) return { rejected: false };
  const failsOnUse = analyzeMaskedField(expression, { dialect }).failsOnUse;
  if (failsOnUse !== undefined && r.error.code === failsOnUse.code && r.error.message === failsOnUse.message) return { rejected: false };
  return { rejected: true, message: r.error.serverMessage ?? r.error.message };
}

/** verify/: does parsing for verification throw, and with which text? */
function verification(expression: string, dialect: PluginDialect): Verdict {
  try {
    parseMaskedField(expression, { pluginVersion: VERSION[dialect] });
    return { rejected: false };
  } catch (e) {
    assert.ok(e instanceof MaskingExpressionError, String(e));
    return { rejected: true, message: e.message };
  }
}

describe('the former disagreements: validation and verification give the same verdict', () => {
  test('Dest::/a{/::x: both report the JDK\'s "Illegal repetition" (security/ used to accept it via JavaScript RegExp)', () => {
    for (const dialect of ['v2', 'v3'] as const) {
      const expected: Verdict = { rejected: true, message: 'Illegal repetition near index 2\na{' };
      assert.deepEqual(validation('Dest::/a{/::x', dialect), expected, dialect);
      assert.deepEqual(verification('Dest::/a{/::x', dialect), expected, dialect);
      const r = parseMaskedFieldExpression('Dest::/a{/::x', { dialect });
      assert.equal(r.ok ? '' : r.error.code, 'regex-syntax');
    }
  });

  test('Dest::SHA-512(224): both accept it (a Bouncy Castle alias of SHA-512/224), and the mask is SHA-512/224\'s', () => {
    assert.deepEqual(validation('Dest::SHA-512(224)', 'v2'), { rejected: false });
    assert.deepEqual(verification('Dest::SHA-512(224)', 'v2'), { rejected: false });
    const expected = createHash('sha512-224').update('Zurich Airport').digest('hex');
    for (const alias of ['SHA-512(224)', 'SHA512(224)', 'SHA512224', 'SHA-512/224', 'sha512/224', '2.16.840.1.101.3.4.2.5']) {
      assert.equal(maskValue('Zurich Airport', { expression: `Dest::${alias}` }), expected, alias);
    }
  });

  test('Dest::HARAKA-256: 2.x rejects it (its 5-byte probe), 3.4 lacks it (Bouncy Castle FIPS), both sides say so', () => {
    const v2: Verdict = { rejected: true, message: 'input must be exactly 32 bytes' };
    assert.deepEqual(validation('Dest::HARAKA-256', 'v2'), v2);
    assert.deepEqual(verification('Dest::HARAKA-256', 'v2'), v2);
    const v3: Verdict = { rejected: true, message: 'Invalid algorithm HARAKA-256' };
    assert.deepEqual(validation('Dest::HARAKA-256', 'v3'), v3);
    assert.deepEqual(verification('Dest::HARAKA-256', 'v3'), v3);
  });

  test('digest names per generation: the live 2.19.4 and 3.4.0 nodes\' answers (JDK 17 + Bouncy Castle, JDK 21+ + Bouncy Castle FIPS)', () => {
    // 3.4.0 refuses these (2.19.4 accepts them): Bouncy Castle FIPS has no MD4, DSTU7564, Skein, ParallelHash, TupleHash, Haraka, nor the SHA512224 alias.
    for (const name of ['MD4', '1.2.840.113549.2.4', 'SHA512224', 'SHA512256', 'DSTU7564-256', 'OID.1.2.804.2.1.1.1.1.2.2.1', 'SKEIN-512-256',
      'PARALLELHASH128-256', 'TUPLEHASH256', 'KECCAK-256', 'BLAKE2B-256', 'SM3', '1.3.6.1.4.1.1722.12.2.3.8']) {
      assert.deepEqual(validation(`f::${name}`, 'v3'), { rejected: true, message: `Invalid algorithm ${name}` }, name);
      assert.deepEqual(verification(`f::${name}`, 'v3'), { rejected: true, message: `Invalid algorithm ${name}` }, name);
      assert.deepEqual(validation(`f::${name}`, 'v2'), { rejected: false }, name);
    }
    // 3.4.0 accepts these (2.19.4 refuses them): JDK 21+'s SUN OIDs and Bouncy Castle FIPS aliases.
    for (const name of ['OID.1.2.840.113549.2.5', 'OID.1.2.840.113549.2.2', 'OID.1.3.36.3.2.1', 'RIPEMD-160', 'RIPEMD-320', '1.0.10118.3.0.49', 'OID.1.3.6.1.4.1.11591.12.2']) {
      assert.deepEqual(validation(`f::${name}`, 'v3'), { rejected: false }, name);
      assert.deepEqual(verification(`f::${name}`, 'v3'), { rejected: false }, name);
      const message = `java.security.NoSuchAlgorithmException: ${name} MessageDigest not available`;
      assert.deepEqual(validation(`f::${name}`, 'v2'), { rejected: true, message }, name);
    }
    // every 3.x alias masks as its digest does
    const ripemd160 = maskValue('Tokyo Haneda', { expression: 'f::RIPEMD160', pluginVersion: '3.4.0', defaultAlgorithm: 'BLAKE2B' });
    for (const alias of ['RIPEMD-160', 'OID.1.3.36.3.2.1', '1.0.10118.3.0.49', 'OID.1.0.10118.3.0.49']) {
      assert.equal(maskValue('Tokyo Haneda', { expression: `f::${alias}`, pluginVersion: '3.4.0', defaultAlgorithm: 'BLAKE2B' }), ripemd160, alias);
    }
    assert.equal(maskValue('x', { expression: 'f::OID.1.2.840.113549.2.5', pluginVersion: '3.4.0', defaultAlgorithm: 'BLAKE2B' }), createHash('md5').update('x').digest('hex'));
    assert.equal(KNOWN_DIGEST_ALGORITHMS.length, 142); // 140 accepted + HARAKA-256/512 (known, refused by the probe)
    assert.equal(KNOWN_DIGEST_ALGORITHMS_V3.length, 98);
  });

  test('a /regex/ field part the JDK refuses: 3.x rejects the entry on PUT with the JDK message, before the rest; 2.x fails on use', () => {
    for (const [expression, message] of [
      ['/[/', 'Unclosed character class near index 0\n[\n^'],
      ['/x[/', 'Unclosed character class near index 1\nx[\n ^'],
      ['/*[/', "Dangling meta character '*' near index 0\n*[\n^"],
      ['/[/::a::b', 'Unclosed character class near index 0\n[\n^'],
      ['/(/::SHA-256', 'Unclosed group near index 1\n('],
      ['/[/::NOPE', 'Unclosed character class near index 0\n[\n^'],
    ] as const) {
      assert.deepEqual(validation(expression, 'v3'), { rejected: true, message }, expression);
      assert.deepEqual(verification(expression, 'v3'), { rejected: true, message }, expression);
    }
    assert.deepEqual(validation('/[/', 'v2'), { rejected: false });
    assert.equal(analyzeMaskedField('/[/').failsOnUse?.code, 'field-pattern');
    // a lone '/': 3.x fails a precondition (no message), 2.x accepts it and fails on use
    const slash = analyzeMaskedField('/', { dialect: 'v3' }).rejected;
    assert.deepEqual([slash?.code, slash?.exact, slash?.serverMessage], ['field-pattern', false, undefined]);
    assert.equal(analyzeMaskedField('/').failsOnUse?.code, 'field-pattern');
    for (const ok of ['//', '[', '/[/ ', 'a/[/', '/[a/b']) assert.deepEqual(validation(ok, 'v3'), { rejected: false }, ok);
  });

  test('digest aliases: one catalogue, so every name validation accepts is one verification knows, with its length', () => {
    assert.ok(KNOWN_DIGEST_ALGORITHMS.length > 100);
    for (const name of new Set([...KNOWN_DIGEST_ALGORITHMS, ...KNOWN_DIGEST_ALGORITHMS_V3])) {
      for (const dialect of ['v2', 'v3'] as const) {
        assert.deepEqual(verification(`f::${name}`, dialect), validation(`f::${name}`, dialect), `${name} ${dialect}`);
      }
      const bytes = digestLength(name);
      assert.ok(bytes !== undefined && bytes > 0, name);
      const info = findDigest(name);
      if (info?.computable === true && info.fixedInput === undefined) {
        const opts = KNOWN_DIGEST_ALGORITHMS.includes(name) ? {} : { pluginVersion: '3.4.0', defaultAlgorithm: 'BLAKE2B' };
        const mask = maskValue('Tokyo Haneda', { expression: `f::${name}`, ...opts });
        assert.match(mask, new RegExp(`^[0-9a-f]{${bytes * 2}}$`), name);
        // every alias of a digest masks alike
        assert.equal(mask, maskValue('Tokyo Haneda', { expression: `f::${info.canonical}`, ...opts }), name);
      }
    }
    for (const name of ['SHA-512224', 'SHA-3', 'BLAKE2B', 'RIPEMD-160', 'OID.1.2.840.113549.2.5', 'OID.1.3.36.3.2.1', ' SHA-256']) {
      const message = `java.security.NoSuchAlgorithmException: ${name} MessageDigest not available`;
      assert.deepEqual(validation(`f::${name}`, 'v2'), { rejected: true, message }, name);
      assert.deepEqual(verification(`f::${name}`, 'v2'), { rejected: true, message }, name);
    }
  });
});

describe('any expression: the server\'s verdict is computed once', () => {
  const EXPRESSIONS = [
    'Dest', 'Dest.keyword', 'customer.*', '/na.e/', '/[/', 'a::SHA-256', 'a::sha3-512', 'a::NOPE', 'a::', 'a::b::c::d', 'a::/x/::y::/z/',
    'a::x::y', 'a::/::y', 'a::::y', 'a::xyz::q', 'a::/(/::x', 'a::/)/::x', 'a::/a*+(/::x', 'a::/a*+/::x', 'a::/(?>a)/::x', 'a::/\\p{InFoo}/::x',
    'a::/.*/::$9', 'a::/x/::$9', 'a::/.*/::$', 'a::/.*/::${n}', 'a::/(?<n>.)/::${n}', 'a::/(a/::x::/b{/::y', 'a::/a{/::x::/(/::y', 'a::/\\d{3}/::XXX::/(.)$/::*$1',
    'a::/\\k<x>/::y', 'a::/[]/::y', 'a::/(?z)/::y', 'a::/x{99999999999}/::y', 'a::/\\x{110000}/::y', 'a::HARAKA-512', 'a::WHIRLPOOL', 'a::1.3.36.3.2.1',
  ];
  for (const dialect of ['v2', 'v3'] as const) {
    test(`${dialect}: validation rejects exactly what verification rejects (plus what fails on use), with the same text`, () => {
      for (const e of EXPRESSIONS) assert.deepEqual(validation(e, dialect), verification(e, dialect), `${e} (${dialect})`);
    });
  }

  test('what the server accepts but fails on use is rejected by validation only, and named', () => {
    const a = analyzeMaskedField('a::/x/::$9');
    assert.deepEqual([a.rejected, a.failsOnUse], [undefined, { code: 'replacement', message: 'No group 9', exact: true }]);
    assert.equal(parseMaskedFieldExpression('a::/x/::$9').ok, false);
    assert.doesNotThrow(() => parseMaskedField('a::/x/::$9'));
    assert.throws(() => maskValue('x', { expression: 'a::/x/::$9' }), /No group 9/);
  });
});

describe('FLS patterns: validation and evaluation share the regex parser', () => {
  test('a /regex/ the JDK rejects is invalid for parseFlsPattern; compileFls names it with the JDK reason where the plugin fails on it', () => {
    for (const [pattern, bad] of [['/a{/', true], ['/(?i)flight.*/', false], ['/[a[b]/', true], ['/a*+/', false]] as const) {
      assert.equal(parseFlsPattern(`~${pattern}`).ok, !bad, pattern);
      // 2.x past its exact-name shortcut (an entry holding `.` or `*`) fails every search under it
      if (bad) assert.throws(() => compileFls([`~${pattern}`, 'x.y'], { pluginVersion: '2.19.4' }), /does not compile \(.*PatternSyntaxException\).*fails every search/, pattern);
      else assert.equal(parseFlsPattern(pattern).ok, true);
    }
    assert.throws(() => compileFls(['~/a{/', 'x.y'], { pluginVersion: '2.19.4' }), /Illegal repetition/);
    // no version: what the node serves cannot be predicted; 2.x's shortcut reads it as an exact name; 3.0-3.5 drop the list
    assert.throws(() => compileFls(['~/a{/']), /pass pluginVersion|cannot be predicted|3\.0-3\.5/);
    assert.doesNotThrow(() => compileFls(['~/a{/'], { pluginVersion: '2.19.4' }));
    assert.doesNotThrow(() => compileFls(['~/a{/'], { pluginVersion: '3.4.0' }));
  });
});

describe('a default-algorithm setting is resolved by the generation whose nodes read it', () => {
  test('a name only one generation resolves masks there and fails as the other one does (NoSuchAlgorithmException)', () => {
    const sha = (v: string, algo: string): string => createHash(algo).update(v, 'utf8').digest('hex');
    // SHA512224 (Bouncy Castle's spelling) exists on 2.x only; RIPEMD-160 (that spelling) on 3.x only
    assert.equal(maskValue('Oslo', { pluginVersion: '2.19.4', defaultAlgorithm: 'SHA512224' }), sha('Oslo', 'sha512-224'));
    assert.throws(() => maskValue('Oslo', { pluginVersion: '3.4.0', defaultAlgorithm: 'SHA512224' }),
      (e: unknown) => e instanceof MaskingExpressionError && /NoSuchAlgorithmException: SHA512224/.test(e.message));
    assert.equal(maskValue('Oslo', { pluginVersion: '3.4.0', defaultAlgorithm: 'RIPEMD-160' }), sha('Oslo', 'ripemd160'));
    assert.throws(() => maskValue('Oslo', { pluginVersion: '2.19.4', defaultAlgorithm: 'RIPEMD-160' }), MaskingExpressionError);
    // the same names in an entry are refused when the role is read, as before
    assert.throws(() => parseMaskedField('Dest::SHA512224', { pluginVersion: '3.4.0' }), MaskingExpressionError);
  });
});
