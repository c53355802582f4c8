/**
 * Role validation (security/: parseMaskedFieldExpression) and response verification (verify/: parseMaskedField,
 * maskValue) run the same fgac/ code, so they give the same verdict on a masked-field expression. Each case
 * below was a disagreement when the two had their own parsers; the expected verdicts are the live OpenSearch
 * 2.19 node's (test/integration/fgac-masked-fields.test.ts checks them against the running domain).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { KNOWN_DIGEST_ALGORITHMS, parseMaskedFieldExpression, type PluginDialect } from '../../src/security/masked-fields.js';
import { maskValue, parseMaskedField } from '../../src/fgac/masking.js';
import { analyzeMaskedField } from '../../src/fgac/masked-field.js';
import { digestLength, findDigest } from '../../src/fgac/digest-catalogue.js';
import { JavaPatternSyntaxError, MaskingExpressionError, UnsupportedMaskingError } from '../../src/fgac/errors.js';
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

  test('Dest::HARAKA-256: 2.x rejects it (its 5-byte probe), both sides say so; 3.x accepts it, both sides say so', () => {
    const v2: Verdict = { rejected: true, message: 'input must be exactly 32 bytes' };
    assert.deepEqual(validation('Dest::HARAKA-256', 'v2'), v2);
    assert.deepEqual(verification('Dest::HARAKA-256', 'v2'), v2);
    assert.deepEqual(validation('Dest::HARAKA-256', 'v3'), { rejected: false });
    assert.deepEqual(verification('Dest::HARAKA-256', 'v3'), { rejected: false });
    const r = parseMaskedFieldExpression('Dest::HARAKA-256', { dialect: 'v3' });
    assert.match(r.ok ? r.warnings.join('\n') : '', /exactly 32 bytes/);
    assert.throws(() => maskValue('x', { expression: 'Dest::HARAKA-256', pluginVersion: '3.1.0', defaultAlgorithm: 'BLAKE2B' }), UnsupportedMaskingError);
  });

  test('digest aliases: one catalogue, so every name validation accepts is one verification knows, with its length', () => {
    assert.ok(KNOWN_DIGEST_ALGORITHMS.length > 100);
    for (const name of KNOWN_DIGEST_ALGORITHMS) {
      for (const dialect of ['v2', 'v3'] as const) {
        assert.deepEqual(verification(`f::${name}`, dialect), validation(`f::${name}`, dialect), `${name} ${dialect}`);
      }
      const bytes = digestLength(name);
      assert.ok(bytes !== undefined && bytes > 0, name);
      const info = findDigest(name);
      if (info?.computable === true && info.fixedInput === undefined) {
        const mask = maskValue('Tokyo Haneda', { expression: `f::${name}` });
        assert.match(mask, new RegExp(`^[0-9a-f]{${bytes * 2}}$`), name);
        // every alias of a digest masks alike
        assert.equal(mask, maskValue('Tokyo Haneda', { expression: `f::${info.canonical}` }), name);
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
  test('a /regex/ the JDK rejects is invalid for parseFlsPattern and throws the JDK message in compileFls', () => {
    for (const [pattern, bad] of [['/a{/', true], ['/(?i)flight.*/', false], ['/[a[b]/', true], ['/a*+/', false]] as const) {
      assert.equal(parseFlsPattern(`~${pattern}`).ok, !bad, pattern);
      if (bad) assert.throws(() => compileFls([`~${pattern}`]), JavaPatternSyntaxError, pattern);
      else assert.equal(parseFlsPattern(pattern).ok, true);
    }
    assert.throws(() => compileFls(['~/a{/']), (e: unknown) => e instanceof Error && e.message === 'Illegal repetition near index 2\na{');
  });
});
