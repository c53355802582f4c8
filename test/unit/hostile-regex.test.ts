/**
 * Java regexes from roles (index patterns, backend-role patterns, masked_fields, FLS) on hostile
 * shapes: nesting past what the parser follows is unsupported (verified: false), never a stack
 * overflow; a repetition of a group that itself repeats or alternates (`(a+)+`, `(a|aa)+`) is
 * unsupported and never run, so a near-miss input such as `aaaa...!` cannot hang a verification,
 * an explanation or a mask. Plain patterns keep working. Each test has a timeout so that a
 * regression fails instead of hanging (no timing is asserted). Also: the pattern-taking helpers
 * refuse malformed arguments with a TypeError that says which argument.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkJavaRegex, countJavaGroups } from '../../src/fgac/java-regex/check.js';
import { compileJavaRegex, javaMatches, javaReplaceAll } from '../../src/fgac/java-regex/index.js';
import { MAX_JAVA_REGEX_LENGTH, MAX_REGEX_NESTING } from '../../src/fgac/java-regex/nesting.js';
import { analyzeMaskedField } from '../../src/fgac/masked-field.js';
import { UnsupportedJavaRegexError } from '../../src/fgac/errors.js';
import { matchesFieldPattern } from '../../src/fgac/field-patterns.js';
import { maskValue } from '../../src/fgac/masking.js';
import { parseMaskedFieldExpression, validateRole } from '../../src/security/index.js';
import { explainPermission } from '../../src/explain/permission.js';
import { mappedRoles } from '../../src/explain/role-mappings.js';
import { verifyHits } from '../../src/verify/verifier.js';

const LIMIT = { timeout: 60_000 };
const SALT = 'salt-123456789abcdef';
const nested = (depth: number): string => `${'('.repeat(depth)}a${')'.repeat(depth)}`;

describe('regexes nested deeper than the parser follows', () => {
  test('unsupported and unverified, never a RangeError; one level less is parsed', LIMIT, () => {
    const within = checkJavaRegex(nested(MAX_REGEX_NESTING));
    assert.ok(within.ok && within.verified && within.reproducible && within.groups.count === MAX_REGEX_NESTING);
    for (const pattern of [nested(MAX_REGEX_NESTING + 1), nested(50_000), '['.repeat(50_000), `${'(?:'.repeat(3000)}a${')'.repeat(3000)}`]) {
      const check = checkJavaRegex(pattern);
      assert.ok(check.ok && !check.verified && !check.reproducible && /nested deeper than/.test(check.unsupported ?? ''), pattern.slice(0, 20));
      assert.doesNotThrow(() => parseMaskedFieldExpression(`f::/${pattern}/::x`));
      const { errors, warnings } = validateRole({ index_permissions: [{ index_patterns: ['x'], masked_fields: [`f::/${pattern}/::x`] }] });
      assert.ok(errors.length + warnings.length > 0);
      assert.throws(() => maskValue('abc', { expression: `f::/${pattern}/::x`, salt: SALT }), UnsupportedJavaRegexError);
    }
  });
});

describe('repetitions that backtrack exponentially are not run', () => {
  const NEAR_MISS = `${'a'.repeat(40)}!`;
  const PATTERNS = ['(a+)+$', '(a|aa)+$', '(a*)*b', '(?:a+b?)+$', '([a-z]+\\.)+x'];

  test('maskValue and matchesFieldPattern refuse them as unsupported at once', LIMIT, () => {
    for (const p of PATTERNS) {
      assert.throws(() => maskValue(NEAR_MISS, { expression: `f::/${p}/::x`, salt: SALT }), UnsupportedJavaRegexError, p);
      assert.throws(() => matchesFieldPattern(`/${p}/`, NEAR_MISS), UnsupportedJavaRegexError, p);
      const check = checkJavaRegex(p);
      assert.ok(check.ok && check.verified && !check.reproducible, p);
    }
  });

  test('verification, explanations and role mappings with such a pattern return instead of hanging on server-chosen names', LIMIT, () => {
    for (const p of PATTERNS) {
      assert.throws(() => verifyHits({ hits: { hits: [{ _index: NEAR_MISS, _id: '1', _source: { f: 'x' } }] } }, { indices: [{ indexPatterns: [`/${p}/`], rules: [{}] }] }), UnsupportedJavaRegexError);
      const explained = explainPermission({ r: { index_permissions: [{ index_patterns: [`/${p}/`], allowed_actions: ['read'] }] } }, undefined, { action: 'indices:data/read/search', index: NEAR_MISS });
      assert.equal(explained.granted, false);
      assert.deepEqual(mappedRoles({ r: { backend_roles: [`/${p}/`] } }, { name: 'x', backendRoles: [NEAR_MISS] }), []);
    }
  });

  test('plain repetitions and alternations keep working', LIMIT, () => {
    assert.equal(matchesFieldPattern('/(foo|bar)-.*/', 'bar-2'), true);
    assert.equal(matchesFieldPattern('/(\\d{3}-)+x/', '123-456-x'), true);
    assert.equal(matchesFieldPattern('/(ab){2,3}/', 'ababab'), true);
    assert.equal(matchesFieldPattern('/logs-[0-9]+/', 'logs-2026'), true);
    assert.equal(maskValue('id-123', { expression: 'f::/[0-9]+/::N', salt: SALT }), 'id-N');
  });
});

describe('pure helpers refuse malformed arguments with a TypeError saying which, and survive server-shaped oddities', () => {
  test('TypeErrors that name the argument, never one from deep inside', async () => {
    const { requiredPrivileges } = await import('../../src/explain/request-actions.js');
    const { explainSecurityException } = await import('../../src/explain/security-exception.js');
    const calls: Array<[string, () => unknown]> = [
      ['maskValue(null)', () => maskValue(null as never)],
      ['maskValue options null', () => maskValue('x', null as never)],
      ['maskValue salt 5', () => maskValue('x', { salt: 5 as never })],
      ['maskValue expression 5', () => maskValue('x', { expression: 5 as never })],
      ['matchesFieldPattern(null)', () => matchesFieldPattern(null as never, 'x')],
      ['matchesFieldPattern candidate null', () => matchesFieldPattern('a*', null as never)],
      ['checkJavaRegex(null)', () => checkJavaRegex(null as never)],
      ['explainPermission(null)', () => explainPermission(null as never, undefined, { action: 'indices:data/read/search' })],
      ['explainPermission index 5', () => explainPermission({}, undefined, { action: 'indices:data/read/search', index: 5 as never })],
      ['requiredPrivileges(null)', () => requiredPrivileges(null as never)],
      ['requiredPrivileges method 5', () => requiredPrivileges({ method: 5 as never, path: '/' })],
      ['explainSecurityException(null)', () => explainSecurityException(null as never, {})],
      ['explainSecurityException(Error)', () => explainSecurityException(new Error('x') as never, {})],
    ];
    for (const [name, call] of calls) {
      assert.throws(call, (e: unknown) => e instanceof TypeError && !/Cannot read properties|is not a function|Cannot convert/.test(e.message), name);
    }
    assert.deepEqual(parseMaskedFieldExpression(null as never).ok, false);
  });

  test('role mappings and action groups of the wrong shape (a misbehaving server) grant and map nothing', () => {
    assert.deepEqual(mappedRoles({ r: { users: 'alice' as never, backend_roles: { 0: 'b' } as never } }, { name: 'alice', backendRoles: ['b'] }), []);
    const explained = explainPermission({ r: { index_permissions: [{ index_patterns: ['*'], allowed_actions: ['g'] }] } }, { g: null as never }, { action: 'indices:data/read/search', index: 'i' });
    assert.equal(explained.granted, false);
  });
});

describe('patterns longer than the parser checks, and patterns V8 cannot build', () => {
  const ten = (unit: string): string => unit.repeat(Math.ceil(10_000_000 / unit.length));

  test('a 10 MB pattern is unsupported and unverified at once (it took ~10 s and read as valid); one of the limit\'s length is checked', LIMIT, () => {
    for (const pattern of [ten('a'), ten('(ab|cd)*[x-z]+'), ten('(?U)\\w'), `${'a'.repeat(MAX_JAVA_REGEX_LENGTH)}(`]) {
      const check = checkJavaRegex(pattern);
      assert.ok(check.ok && !check.verified && !check.reproducible && check.groupsKnown === false, pattern.slice(0, 20));
      assert.match(check.unsupported ?? '', new RegExp(`longer than ${MAX_JAVA_REGEX_LENGTH} characters`));
      assert.ok((check.unsupported ?? '').length < 300, 'the message does not carry the pattern');
      // its groups are unknown, not none
      assert.throws(() => countJavaGroups(pattern), UnsupportedJavaRegexError);
      assert.throws(() => compileJavaRegex(pattern), UnsupportedJavaRegexError);
      assert.throws(() => maskValue('abc', { expression: `f::/${pattern}/::x`, salt: SALT }), UnsupportedJavaRegexError);
      assert.throws(() => matchesFieldPattern(`/${pattern}/`, 'abc'), UnsupportedJavaRegexError);
    }
    const atLimit = checkJavaRegex('[ab]'.repeat(MAX_JAVA_REGEX_LENGTH / 4));
    assert.ok(atLimit.ok && atLimit.verified && atLimit.reproducible);
    const syntaxError = checkJavaRegex(`${'a'.repeat(MAX_JAVA_REGEX_LENGTH - 1)}(`);
    assert.equal(syntaxError.ok, false, 'within the limit the JDK verdict is still given');
  });

  test('masked fields: a replacement on a pattern too long or too deep to parse is not judged against "no groups"', LIMIT, () => {
    for (const regex of [`(a)${'b'.repeat(MAX_JAVA_REGEX_LENGTH)}`, `${nested(MAX_REGEX_NESTING + 1)}`]) {
      for (const dialect of ['v2', 'v3'] as const) {
        const a = analyzeMaskedField(`f::/${regex}/::$1`, { dialect });
        assert.equal(a.rejected, undefined);
        assert.equal(a.failsOnUse, undefined, 'No group 1 was reported as an exact failure');
        assert.match(a.unsupported ?? '', /longer than|nested deeper than/);
      }
    }
  });

  test('a pattern V8 refuses to build, or builds only slowly, is unsupported, never a SyntaxError or RangeError from inside a mask', LIMIT, () => {
    const patterns = [
      'a'.repeat(32_767) + 'a', // V8: "Regular expression too large"
      '.'.repeat(20_000), // V8: "Stack overflow" (each Java `.` is a class)
      '(x?)'.repeat(3000), // thousands of groups: seconds to compile, then "Stack overflow"
      '(?U)\\w'.repeat(1000), // 7000 Unicode property classes: seconds to build
    ];
    for (const pattern of patterns) {
      const check = checkJavaRegex(pattern);
      assert.ok(check.ok && check.verified && !check.reproducible, pattern.slice(0, 12));
      for (const run of [
        () => maskValue('abc', { expression: `f::/${pattern}/::x`, salt: SALT }),
        () => matchesFieldPattern(`/${pattern}/`, 'abc'),
        () => javaReplaceAll('abc', pattern, 'x'),
      ]) assert.throws(run, UnsupportedJavaRegexError, pattern.slice(0, 12));
      assert.doesNotThrow(() => analyzeMaskedField(`f::/${pattern}/::x`, { dialect: 'v2' }));
      const report = verifyHits({ hits: { hits: [{ _index: 'i', _id: '1', _source: { f: 'x' } }] } }, {
        indices: [{ indexPatterns: ['i'], rules: [{ maskedFields: [`f::/${pattern}/::x`] }] }], salt: SALT, originals: new Map([['i/1', { f: 'abc' }]]),
      });
      assert.equal(report.status, 'unverifiable', pattern.slice(0, 12));
    }
  });

  test('a match whose backtracking exhausts V8\'s stack on a long value is unsupported, not a RangeError', LIMIT, () => {
    const value = 'x'.repeat(5_000_000);
    assert.throws(() => javaReplaceAll(value, '(.)*', 'y'), UnsupportedJavaRegexError);
    assert.throws(() => javaMatches('(.)*', value), UnsupportedJavaRegexError);
    assert.throws(() => maskValue(value, { expression: 'f::/(.)*/::y', salt: SALT }), UnsupportedJavaRegexError);
  });
});
