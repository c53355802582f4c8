/**
 * Masked-field expressions parsed on the client with the plugin's rules and messages: v2 = OpenSearch 2.x
 * `MaskedField` (messages checked against a live 2.19 node), v3 = OpenSearch 3.x `FieldMaskingExpression`.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkJavaReplacement,
  countJavaGroups,
  formatMaskedFieldExpression,
  maskedFieldErrorKey,
  parseMaskedFieldExpression,
  type MaskedFieldParseResult,
} from '../../src/security/index.js';
import { maskedFieldNameClashes } from '../../src/fgac/masked-field.js';
import { MaskingExpressionError } from '../../src/fgac/errors.js';
import { validateRole } from '../../src/security/model.js';
import { maskDocument } from '../../src/verify/masking.js';
import { verifyHits } from '../../src/verify/verifier.js';

function error(result: MaskedFieldParseResult): { code: string; message: string; exact: boolean } {
  assert.equal(result.ok, false, `expected ${result.source} to be rejected`);
  if (result.ok) throw new Error('unreachable');
  return result.error;
}

describe('parseMaskedFieldExpression: valid expressions', () => {
  test('field only: the default (BLAKE2b) mask', () => {
    const r = parseMaskedFieldExpression('Dest');
    assert.deepEqual(r, { ok: true, source: 'Dest', expression: { kind: 'default', field: 'Dest' }, warnings: [] });
    assert.deepEqual(parseMaskedFieldExpression('customer.*').ok, true);
  });

  test('field::ALGO with Java MessageDigest names, case-insensitive, aliases and OIDs', () => {
    const bcOnly = new Set(['BLAKE2B-256', 'KECCAK-256', 'SM3']);
    for (const algo of ['SHA-256', 'sha-256', 'SHA256', 'SHA', 'SHA-1', 'MD5', 'SHA-512/256', 'SHA3-256', 'BLAKE2B-256', 'KECCAK-256', 'RIPEMD160', 'Whirlpool', 'SM3', '2.16.840.1.101.3.4.2.1', 'OID.2.16.840.1.101.3.4.2.1']) {
      for (const dialect of ['v2', 'v3'] as const) {
        const r = parseMaskedFieldExpression(`ip::${algo}`, { dialect });
        if (dialect === 'v3' && bcOnly.has(algo)) {
          // The real 3.4.0.0 plugin refuses them, see referee (it registers Bouncy Castle FIPS, which lacks KECCAK, BLAKE2, SM3).
          assert.deepEqual(!r.ok && r.error.message, `Invalid algorithm ${algo}`, `${algo} (${dialect})`);
          continue;
        }
        assert.deepEqual(r.ok && r.expression, { kind: 'hash', field: 'ip', algorithm: algo }, `${algo} (${dialect})`);
      }
    }
  });

  test('extra algorithms offered by the domain can be allowed', () => {
    assert.equal(parseMaskedFieldExpression('a::MY-DIGEST').ok, false);
    assert.equal(parseMaskedFieldExpression('a::MY-DIGEST', { extraAlgorithms: ['my-digest'] }).ok, true);
  });

  test('field::/regex/::replacement pairs, in order', () => {
    const r = parseMaskedFieldExpression('phone::/[0-9]{3}/::XXX::/(.)$/::*$1');
    assert.deepEqual(r.ok && r.expression, {
      kind: 'regex', field: 'phone', replacements: [{ regex: '[0-9]{3}', replacement: 'XXX' }, { regex: '(.)$', replacement: '*$1' }],
    });
    assert.equal(parseMaskedFieldExpression('a::/(?<first>.)/::${first}').ok, true);
    assert.equal(parseMaskedFieldExpression('a::/x/::\\$1').ok, true, 'escaped dollar is a literal');
    assert.equal(parseMaskedFieldExpression('a::/(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)/::$10').ok, true, 'two-digit group');
    assert.equal(parseMaskedFieldExpression('a::/(a)/::$10').ok, true, '$10 with one group is $1 followed by 0');
  });

  test('Java-only regex syntax is accepted with a warning (the client cannot check it)', () => {
    const r = parseMaskedFieldExpression('a::/(?i)abc/::x');
    assert.equal(r.ok, true);
    assert.match(r.ok ? (r.warnings[0] ?? '') : '', /Java-only/);
    assert.equal(parseMaskedFieldExpression('a::/a*+/::x').ok, true);
  });

  test('v2 strips the first and last character of a regex token even without slashes (warning); v3 rejects it', () => {
    const v2 = parseMaskedFieldExpression('a::xyz::q', { dialect: 'v2' });
    assert.deepEqual(v2.ok && v2.expression, { kind: 'regex', field: 'a', replacements: [{ regex: 'y', replacement: 'q' }] });
    assert.match(v2.ok ? (v2.warnings[0] ?? '') : '', /not wrapped/);
    assert.deepEqual(error(parseMaskedFieldExpression('a::xyz::q', { dialect: 'v3' })), {
      code: 'regex-token', message: 'A regular expression needs to be wrapped in /.../', exact: true,
    });
  });

  test('format is the inverse of parse', () => {
    for (const source of ['Dest', 'Dest::SHA-256', 'phone::/[0-9]{3}/::XXX::/(.)$/::*$1']) {
      const r = parseMaskedFieldExpression(source);
      assert.equal(r.ok && formatMaskedFieldExpression(r.expression), source);
    }
    assert.throws(() => formatMaskedFieldExpression({ kind: 'hash', field: 'a::b', algorithm: 'MD5' }), /contains '::'/);
    assert.throws(() => formatMaskedFieldExpression({ kind: 'regex', field: 'a', replacements: [] }), /at least one/);
  });

  test('the key the plugin reports a rejected expression under', () => {
    assert.equal(maskedFieldErrorKey('a::x'), 'Masked field not valid: a::x');
  });
});

describe('parseMaskedFieldExpression: invalid expressions, v2 (OpenSearch 2.x) messages', () => {
  const cases: Array<[string, string, string]> = [
    ['a::NOPE', 'unknown-algorithm', 'java.security.NoSuchAlgorithmException: NOPE MessageDigest not available'],
    ['a::', 'unknown-algorithm', 'java.security.NoSuchAlgorithmException:  MessageDigest not available'],
    ['a::SHA-3', 'unknown-algorithm', 'java.security.NoSuchAlgorithmException: SHA-3 MessageDigest not available'],
    ['a::HARAKA-256', 'unknown-algorithm', 'input must be exactly 32 bytes'],
    ['a::b::c::d', 'token-count', 'Expected 1 or 2 or >=3 (but then odd count) tokens, got 4'],
    ['a::/x/::y::/z/', 'token-count', 'Expected 1 or 2 or >=3 (but then odd count) tokens, got 4'],
    ['a::x::y', 'regex-token', 'begin 0, end -1, length 0'],
    ['a::/::y', 'regex-token', 'begin 0, end -1, length 0'],
    ['a::::y', 'regex-token', 'begin 1, end 0, length 0'],
    ['a::/.*/::$9', 'replacement', 'No group 9'],
    ['a::/.*/::$', 'replacement', 'Illegal group reference: group index is missing'],
    ['a::/.*/::$x', 'replacement', 'Illegal group reference'],
    ['a::/.*/::\\', 'replacement', 'character to be escaped is missing'],
    ['a::/.*/::${n}', 'replacement', 'No group with name {n}'],
    ['a::/.*/::${n', 'replacement', "named capturing group is missing trailing '}'"],
    ['a::/.*/::${}', 'replacement', 'named capturing group has 0 length name'],
    ['a::/.*/::${1a}', 'replacement', 'capturing group name {1a} starts with digit character'],
  ];
  for (const [source, code, message] of cases) {
    test(`${source} -> ${message}`, () => {
      assert.deepEqual(error(parseMaskedFieldExpression(source, { dialect: 'v2' })), { code, message, exact: true });
    });
  }

  test('regex syntax errors are detected (the JDK\'s message behind a prefix; the plugin\'s own text is serverMessage)', () => {
    const e = error(parseMaskedFieldExpression('a::/(/::x'));
    assert.equal(e.code, 'regex-syntax');
    assert.equal(e.exact, false);
    assert.match(e.message, /^Invalid regular expression \/\(\/: /);
  });

  test('a regex field pattern is compiled too', () => {
    assert.equal(error(parseMaskedFieldExpression('/[/')).code, 'field-pattern');
    assert.equal(parseMaskedFieldExpression('/na.e/').ok, true);
  });
});

describe('parseMaskedFieldExpression: invalid expressions, v3 (OpenSearch 3.x) messages', () => {
  const form = "A field masking expression must have the form 'field_name', 'field_name::algorithm', 'field_name::regex::replacement' or 'field_name::(regex::replacement)+'";
  const cases: Array<[string, string, string]> = [
    ['a::NOPE', 'unknown-algorithm', 'Invalid algorithm NOPE'],
    ['a::', 'unknown-algorithm', 'Invalid algorithm '],
    ['a::b::c::d', 'token-count', form],
    ['a::x::y', 'regex-token', 'A regular expression needs to be wrapped in /.../'],
    ['a::::y', 'regex-token', 'A regular expression needs to be wrapped in /.../'],
    // 3.x runs on JDK 21+, whose String.substring message is the Preconditions wording (the referee's 3.x plugin says so).
    ['a::/::y', 'regex-token', 'Range [0, -1) out of bounds for length 0'],
    ['a::/.*/::$9', 'replacement', 'No group 9'],
  ];
  for (const [source, code, message] of cases) {
    test(`${source} -> ${message}`, () => {
      assert.deepEqual(error(parseMaskedFieldExpression(source, { dialect: 'v3' })), { code, message, exact: true });
    });
  }
});

describe('Java regex helpers', () => {
  test('countJavaGroups counts capturing and named groups, not (?:) lookarounds, escapes or classes', () => {
    const g = countJavaGroups('(a)(?:b)(?<name>c)(?=d)(?<!e)\\(f\\)[(]\\Q(\\E(g)');
    assert.equal(g.count, 3);
    assert.deepEqual([...g.names], [['name', 2]]);
  });

  test('checkJavaReplacement follows Matcher.appendReplacement', () => {
    const groups = countJavaGroups('(a)(?<n>b)');
    assert.equal(checkJavaReplacement('$1-$2-${n}-\\$-x', groups), null);
    assert.equal(checkJavaReplacement('$3', groups), 'No group 3');
    assert.equal(checkJavaReplacement('$21', groups), null, '$2 then a literal 1');
  });
});

describe('masked_fields entries naming one field (2.x fails every search: masked-field-clash.test.ts on the node)', () => {
  test('maskedFieldNameClashes: different entries for one field clash on 2.x, identical ones count once, none on 3.x', () => {
    assert.deepEqual(maskedFieldNameClashes(['c', 'c::SHA-256', 'd', 'c::/a/::b']), [{ field: 'c', entries: ['c', 'c::SHA-256', 'c::/a/::b'] }]);
    assert.deepEqual(maskedFieldNameClashes(['c', 'c', 'c*', 'd::SHA-256']), []);
    assert.deepEqual(maskedFieldNameClashes(['c', 'c::SHA-256'], 'v3'), []);
  });

  test('validateRole (2.x) warns on the list, maskDocument with a 2.x version throws, verifyHits judges nothing as a pass', () => {
    const role = { index_permissions: [{ index_patterns: ['i'], allowed_actions: ['read'], masked_fields: ['c', 'c::SHA-256'] }] };
    assert.deepEqual(validateRole(role).warnings.map((w) => w.path), ['index_permissions[0].masked_fields']);
    assert.deepEqual(validateRole(role, { dialect: 'v3' }).warnings, []);
    assert.throws(() => maskDocument({ c: 'x' }, ['c', 'c::SHA-256'], { pluginVersion: '2.19.4' }), MaskingExpressionError);
    // without a version: 2.x serves no document, 3.x masks with the first entry: undecided (maskedFieldClashVerdict)
    assert.throws(() => maskDocument({ c: 'x' }, ['c', 'c::SHA-256']), (e: unknown) => e instanceof MaskingExpressionError && /cannot be predicted/.test(e.message));
    // on 3.x: the first entry masks
    assert.equal(maskDocument({ c: 'x' }, ['c', 'c::SHA-256'], { pluginVersion: '3.4.0' }).c, maskDocument({ c: 'x' }, ['c'], { pluginVersion: '3.4.0' }).c);
    const response = { hits: { hits: [{ _index: 'i', _id: '1', _source: { c: 'x' } }] } };
    for (const pluginVersion of ['2.19.4', undefined]) {
      const report = verifyHits(response, { indices: [{ indexPatterns: ['i'], rules: [{ maskedFields: ['c'] }, { maskedFields: ['c::SHA-256'] }] }], ...(pluginVersion ? { pluginVersion } : {}) });
      assert.equal(report.status, 'unverifiable');
      assert.deepEqual(report.findings, []);
    }
    const v3 = verifyHits(response, { indices: [{ indexPatterns: ['i'], rules: [{ maskedFields: ['c'] }, { maskedFields: ['c::SHA-256'] }] }], pluginVersion: '3.4.0' });
    assert.equal(v3.unverifiable.some((u) => /same field/.test(u.reason)), false);
  });
});
