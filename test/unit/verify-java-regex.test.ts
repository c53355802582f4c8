/**
 * Java regex semantics, checked against the JDK itself: every case runs through
 * java.util.regex (a small Java program fed over stdin, the way the plugin applies masked_fields
 * regexes: UTF-8 round trip, replaceAll chain, UTF-8 round trip) and through javaReplaceAll.
 * Where this library does not raise UnsupportedJavaRegexError, the outputs (or error messages)
 * must be identical.
 */
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { javaHomeFor } from '../domain/paths.js';
import { checkJavaRegex, javaMatches, javaReplaceAll, javaUtf8RoundTrip, compileJavaRegex } from '../../src/fgac/java-regex/index.js';
import { JavaPatternSyntaxError, MaskingExpressionError, UnsupportedJavaRegexError } from '../../src/fgac/errors.js';
import { matchesFieldPattern } from '../../src/fgac/field-patterns.js';

const ORACLE = `
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.io.*;
import java.util.regex.*;
public class Oracle {
  public static void main(String[] args) throws Exception {
    BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintStream out = new PrintStream(System.out, true, "UTF-8");
    Base64.Decoder d = Base64.getDecoder(); Base64.Encoder e = Base64.getEncoder();
    String line;
    while ((line = r.readLine()) != null) {
      String[] f = line.split("\\t", -1);
      try {
        String s = new String(new String(d.decode(f[1]), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        if (f[0].equals("M")) { out.println("OK\\t" + (Pattern.compile(new String(d.decode(f[2]), StandardCharsets.UTF_8)).matcher(s).matches() ? "dHJ1ZQ==" : "ZmFsc2U=")); continue; }
        for (int i = 2; i + 1 < f.length; i += 2) {
          s = Pattern.compile(new String(d.decode(f[i]), StandardCharsets.UTF_8)).matcher(s).replaceAll(new String(d.decode(f[i + 1]), StandardCharsets.UTF_8));
        }
        s = new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        out.println("OK\\t" + e.encodeToString(s.getBytes(StandardCharsets.UTF_8)));
      } catch (Throwable t) {
        String m = t.getMessage() == null ? "" : t.getMessage();
        out.println("ERR\\t" + t.getClass().getSimpleName() + "\\t" + e.encodeToString(m.getBytes(StandardCharsets.UTF_8)));
      }
    }
  }
}
`;

type JavaResult = { ok: string } | { err: string; message: string };
let oracleDir = '';

/** Runs the oracle on the JDK of OpenSearch 2.x (17) or, with `version` '3.x', of 3.x (21+). */
function runJava(lines: string[], version = '2'): JavaResult[] {
  const r = spawnSync(path.join(javaHomeFor(version), 'bin', 'java'), ['Oracle.java'], { cwd: oracleDir, input: `${lines.join('\n')}\n`, encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, r.stderr);
  const out = r.stdout.split('\n');
  return lines.map((_, i) => {
    const [st, a = '', b = ''] = (out[i] ?? '').split('\t');
    if (st === 'OK') return { ok: Buffer.from(a, 'base64').toString('utf8') };
    return { err: a, message: Buffer.from(b, 'base64').toString('utf8') };
  });
}

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

type Case = [pattern: string, replacement: string, input: string];

/** Compares javaReplaceAll with the JDK (17, or 21+ with `version` '3.x'); returns the cases reported as unsupported. */
function compare(cases: Case[], version = '2'): Case[] {
  const java = runJava(cases.map(([p, r, i]) => ['R', b64(i), b64(p), b64(r)].join('\t')), version);
  const unsupported: Case[] = [];
  const failures: string[] = [];
  cases.forEach((c, k) => {
    const [p, r, i] = c;
    const j = java[k] as JavaResult;
    let js: { ok: string } | { error: unknown };
    try {
      js = { ok: javaUtf8RoundTrip(javaReplaceAll(javaUtf8RoundTrip(i), p, r, { jdk19: version !== '2' })) };
    } catch (error) {
      js = { error };
    }
    if ('error' in js && js.error instanceof UnsupportedJavaRegexError) { unsupported.push(c); return; }
    const label = JSON.stringify(c);
    if ('ok' in j) {
      if (!('ok' in js)) failures.push(`${label}: Java gave ${JSON.stringify(j.ok)}, JS threw ${String(js.error)}`);
      else if (js.ok !== j.ok) failures.push(`${label}: Java gave ${JSON.stringify(j.ok)}, JS gave ${JSON.stringify(js.ok)}`);
      return;
    }
    if (!('error' in js)) { failures.push(`${label}: Java threw ${j.err}: ${j.message}, JS gave ${JSON.stringify(js.ok)}`); return; }
    const e = js.error;
    const typeOk = e instanceof MaskingExpressionError && (j.err !== 'PatternSyntaxException' || e instanceof JavaPatternSyntaxError);
    if (!typeOk || (e as Error).message !== j.message) failures.push(`${label}: Java threw ${j.err}: ${JSON.stringify(j.message)}, JS threw ${String(e)}`);
  });
  assert.deepEqual(failures, []);
  return unsupported;
}

const CURATED: Case[] = [
  ['<secret>', '+masked+', 'foo<secret>bar'], ['\\d', '*', 'foo42bar'], ['(\\w+)@(\\w+)\\.com', '$2 at $1', 'mail bob@example.com now'],
  ['(a)', '$0$1\\$', 'a'], ['(a)', '$11', 'a'], ['(?<name>a)', '${name}${name}', 'a'], ['a', '$', 'a'], ['a', '\\', 'a'], ['(a)', '$2', 'a'], ['x', '$2', 'a'],
  ['(a)', '${1}', 'a'], ['(a)', '${x}', 'a'], ['(a)', '${}', 'a'], ['(a)', '${a', 'a'], ['a', '$x', 'a'], ['a', '\\\\\\n', 'a'],
  ['c$', 'X', 'abc\n'], ['$', 'X', 'a\r\n'], ['(?m)^', 'X', 'a\nb\n'], ['(?m)$', 'X', 'a\r\nb\rc\u0085d'], ['^', 'X', 'a\nb'], ['\\Z', 'X', 'ab\n'], ['\\z', 'X', 'ab\n'], ['\\A', 'X', 'ab'],
  ['(?m)^.', 'X', '\r\n\ra\u2028b'], ['(?d)$', 'X', 'a\r\n'], ['(?m)(?d)^', 'X', 'a\rb\nc'], ['(?d).', '-', 'a\rb\n'], ['(?s).', '-', 'a\nb'], ['.', '-', 'a\nb\r\u0085\u2028c'],
  ['', '-', 'abc'], ['x*', '-', 'abc'], ['a*', '-', 'baaac'], ['a??', '-', 'aa'], ['a*?', '-', 'aa'], ['(?=\\d)', '-', 'a1b22'],
  ['\\bcat\\b', 'X', 'cat concat cat.'], ['\\Bcat', 'X', 'cat concat'], ['(?i)abc', 'x', 'ABC aBc'], ['(?i)[a-c]+', 'x', 'ABCD'], ['(?i)[^a]', '-', 'Aab'], ['(?i)é', 'x', 'É é'],
  ['(?i:a)b', 'X', 'AB ab Ab'], ['a(?i)b|c', 'X', 'aBC'], ['(?i)a(?-i)b', 'X', 'AB Ab ab'], ['(?i)[Z-a]', 'X', 'Z[_`a z'],
  ['\\s+', '_', 'a\u00a0b c\td\u000b\f'], ['\\S+', '_', 'a\u00a0b c'], ['\\w+', '_', 'héllo wörld_1'], ['\\W', '_', 'é-x'], ['\\d+', '#', '١٢٣ 123'], ['\\D', '#', 'a1'],
  ['\\v', 'V', 'a\u000b\u2028b\n'], ['\\h', 'H', 'a\u00a0b\tc\u2003'], ['\\H', 'H', 'a b'], ['\\V', 'V', 'a\nb'],
  ['\\p{L}+', 'L', 'héllo 123 мир'], ['\\p{Lu}', 'U', 'aBcÉ'], ['\\p{IsLatin}+', 'L', 'abc мир'], ['\\p{IsCyrillic}', 'C', 'abc мир'], ['\\p{Punct}', 'P', 'a!b,c.é'], ['\\p{Alpha}', 'A', 'é a'],
  ['\\p{javaLowerCase}', 'l', 'aBé'], ['\\P{L}', '-', 'a1 b'], ['[^\\p{L}]', '-', 'a1 b'], ['[\\P{L}a]', '-', 'a1 b'], ['[\\S]', '-', 'a b'], ['[^\\S]', '-', 'a b'], ['\\pL', '-', 'a1'], ['\\p{IsL}', '-', 'a1'],
  ['\\p{sc=Greek}', 'G', 'aβ'], ['\\p{gc=Nd}', 'N', 'a1'], ['\\p{Space}', '_', 'a b\u00a0'], ['\\p{XDigit}+', 'H', 'cafe bad g'], ['[\\p{Digit}&]', '_', '1&a'], ['\\p{javaWhitespace}', '_', 'a b\u00a0c\u2007d\u2003e'],
  ['\\Qa.b\\E.', '-', 'a.bc a.b'], ['[\\Q]\\E]', '-', ']'], ['\\x41\\u0042\\0103\\x{44}', '-', 'ABCD'], ['\\cA', '-', '\u0001'], ['\\t\\n', '-', '\t\n'], ['\\.', '-', 'a.b'], ['\\e\\a', '-', '\u001b\u0007'],
  ['\\uD83D\\uDE00', 'X', 'a\ud83d\ude00b'], ['\\x{1F600}', 'X', 'a\ud83d\ude00b'], ['\ud83d\ude00', 'X', 'a\ud83d\ude00b'], ['[\\x{1F600}]', 'X', 'a\ud83d\ude00b'], ['[^a]', 'X', '\ud83d\ude00b'], ['.', 'X', '\ud83d\ude00b'],
  ['(a)|b', '[$1]', 'ab'], ['(a|b)+', '[$1]', 'ab'], ['(a)\\1', '-', 'aa'], ['(a)\\10', '-', 'aa0'], ['\\2', '-', 'x'], ['(\\w)\\1', '<$1$1>', 'aabbcd'], ['(?<c>\\w)\\k<c>', '!', 'xxyz'],
  ['(\\d{3})\\d{4}(\\d{4})', '$1****$2', '12345678901'], ['^(.).*(.)$', '$1***$2', 'secret'], ['(?<=.{2}).', '*', 'abcdef'], ['(?<!^).(?!$)', '*', 'abcdef'],
  ['[a-]', 'X', '-a'], ['[-a]', 'X', '-a'], ['[a\\-z]', 'X', '-b'], ['[]a]', '-', 'x]a'], ['[A-Z][a-z]*', 'Name', 'Hello World foo'], ['(\\p{Alpha}+) (\\p{Alpha}+)', '$2, $1', 'John Smith'],
  ['a{2}', '-', 'aaaaa'], ['a{2,}', '-', 'aaaaa'], ['a{1,2}?', '-', 'aaa'], ['(?:ab){2}', '-', 'ababab'], ['[.]', '-', 'a.b'], ['[\\\\]', '/', 'a\\b'], ['\\$', 'USD', 'a$b'],
  ['a**', '-', 'aa'], ['a{,3}', '-', 'a'], ['a{1', '-', 'a'], ['x{2,1}', '-', 'a'], ['{', '-', 'a'], ['(', '-', 'a'], ['a)', '-', 'a'], ['\\y', '-', 'a'], ['\\', '-', 'a'],
  ['[a-\\d]', '-', 'a'], ['[^]', '-', 'x'], ['[\\b]', '-', 'x'], ['\\p{XYZ}', '-', 'a'], ['(?<n_1>a)', '-', 'a'], ['a|*', '-', 'a'], ['+a', '-', 'a'], ['[z-a]', '-', 'a'],
  ['$', '!', 'a\ud83c\udf89b'], ['\\z', '!', 'a\ud83d\ude00'], ['\\Z', '!', '\ud83d\ude00\n'], ['(?m)$', '!', 'a\ud83d\ude00\nb\ud83d\ude00'], ['$|a', '!', 'a\ud83d\ude00'],
  // Possessive quantifiers and atomic groups (emitted as `(?=(X))\k`; the helper groups do not shift `$n`).
  ['x*+', '-', 'xx'], ['(?>a)', '-', 'a'], ['a++', '[$0]', 'aaab'], ['a*+a', '-', 'aaa'], ['a?+a', '-', 'a aa'], ['\\w{2,3}+', 'W', 'abcdefg h'], ['(?>a+)b', 'X', 'aab ab b'],
  ['(?>\\d+|\\w+)', '[$0]', 'ab12 x 3'], ['(?>(a))(b)\\2', '$2$1', 'abb ab'], ['(a)++(b)', '$2$1', 'aab'], ['(?<x>a)*+(?<y>b)', '${y}${x}', 'aab b'], ['(?>a|ab)c', '-', 'abc ac'], ['(?:a|ab)++c', '-', 'abc ababc'],
  // Class intersection and nested classes (JDK 9+: the negation covers the whole class).
  ['[a-z&&[^b]]', '-', 'ab'], ['[a[b]]', '-', 'abc'], ['[a-c&&[b]c]', '-', 'abcd'], ['[^a-c&&b]', '-', 'abcd'], ['[a-c&&b-c&&c]', '-', 'abc'], ['(?i)[a&&A]', '-', 'aAb'],
  ['[^a[b]]', '-', 'abc'], ['[\\w&&\\D]+', 'L', 'ab1_é'], ['[a-c&&[^b]c]', '-', 'abcd'], ['[\\p{IsLatin}&&[^a]]', '_', 'abé мир'], ['[\\p{L}&&[^\\p{Lu}]]', '_', 'aBé Ω ω'], ['[a[^\\p{L}\\d]]', '_', 'a1b-'],
  // COMMENTS mode (?x): whitespace and `#` comments are skipped, except after a backslash.
  ['(?x) a b ', '-', 'ab'], ['(?x) \\d  \\d # two digits', 'DD', 'a12 3 45'], ['(?x)a\\ b', '-', 'ab a b'], ['(?x)[a b]+', '-', 'a b'], ['(?x:a b)c d', '-', 'abc d abcd'],
  ['(?x)a # c\nb', '-', 'ab a b'], ['(?x)a *', '-', 'aaa b'], ['(?x)a(?-x) b', '-', 'a b ab'], ['(?x)\\x4 1', '-', 'A'], ['(?x)[a -c]', '-', 'ab-c'],
  // Unicode blocks, from the JDK's own table (scripts/unicode-blocks).
  ['\\p{InGreek}', '-', 'α'], ['\\p{InGreek}+', '[greek]', 'aαβγ Ωx ἀ'], ['\\p{InBasicLatin}', 'b', 'aé😀'], ['\\P{InBasic Latin}', '-', 'aé😀'], ['\\p{block=Cyrillic}', 'C', 'aжЖ'],
  ['\\p{blk=greek_and_coptic}', '-', 'αa'], ['[\\p{InLatin-1 Supplement}&&\\p{L}]', '_', 'aé×ÿ'], ['\\p{InEmoticons}', ':)', 'a😀b'], ['(?i)\\p{InBasicLatin}', '-', 'aAé'],
  // The JDK resumes inside a surrogate pair after an empty match and tries every char index (a lone low surrogate there).
  ['', '-', 'a\ud83d\ude00b'], ['x*', '-', '\ud83d\ude00a\ud83c\udf89'], ['a?', '[$0]', 'a\ud83d\ude00a'], ['[^a]', 'X', 'b\ud83d\ude00'], ['.', '*', '\ud83d\ude00x'], ['\\W', '_', 'a\ud83d\ude00'],
  ['\\P{L}', '-', '\ud801\udc00\ud83d\ude00'], ['[\\x{DC00}-\\x{DFFF}]', '#', 'a\ud83d\ude00'], ['(?:x|)', '-', '\ud835\udd38'], ['\\b', '|', '\ud83d\ude00a b'], ['(\\W)', '<$1>', '\ud83d\ude00'], ['[^\\p{So}]', 'X', '\ud83d\ude00'], ['x*', '-', 'b\ud83d\ude00\ud83d\ude00'], ['\\d*', '-', '\ud83d\ude001'],
  // UNICODE_CHARACTER_CLASS (?U): \d, \w, \s are the JDK's Unicode predicates; (?u) alone changes nothing.
  ['(?u)a', '-', 'a'], ['(?iu)é', 'x', 'É é e'], ['(?iu)k', '-', 'kK\u212a'], ['(?iu)s', '-', 'sS\u017f'], ['(?iu)\u00e5', '-', '\u00c5\u212b\u00e5'], ['(?iu)σ', '-', 'σΣς'], ['(?iU)ж', '-', 'Жж'], ['(?U)\\w+', 'U', 'héllo wörld_1 мир ٣'], ['(?U)\\d', '#', '1٣x'], ['(?U)\\s', '_', 'a\u00a0b\u2028c\u0085d e'], ['(?U)[^\\W\\d]+', '-', 'ab1é_'],
  ['(?U)\\W', '-', 'é-\u0301x'], ['(?U:\\w)\\w', '-', 'éé ée'], ['(?U)(?-U)\\w', '-', 'éa'],
  ['[a-', '-', 'a'], ['[a-b', '-', 'a'], ['[\\', '-', 'a'], ['(?<a1>x)', '${a1}', 'x'], ['(?<a>x)(?<a>y)', '-', 'xy'], ['\\k<zz>', '-', 'x'], ['\\x{110000}', '-', 'x'], ['\\xZZ', '-', 'x'], ['\\u12', '-', 'x'], ['\\0', '-', 'x'], ['(?q)', '-', 'x'],
];

const EXPECTED_UNSUPPORTED: Case[] = [
  ['\\R', '-', '\r\n'], ['\\p{InAhom}', '-', 'a'],
  ['(?:(a)|b)+', '[$1]', 'ab'], ['(a)?\\1', '-', 'b'], ['(?:a|(b))\\1', '-', 'b'], ['(?<=a)x*', '-', 'a\ud83d\ude00b'], ['\\bcaf\\b', 'X', 'café'],
  ['(?:a*)*', '-', 'aa'], ['(?:(?:\\p{L})*?)*', '-', 'héllo'], ['a{2}{3}', '-', 'aaaaaa'], ['(?i)\\p{Lower}', '-', 'A'], ['(?iu)[é]', 'x', 'É é'], ['(?iu)ß', '-', 'ßẞSS'], ['(?U)\\bx', '-', 'éx x'], ['\\G', '-', 'a'],
['(?i)(a)\\1', '-', 'aA'], ['(?<=(a))\\1', '-', 'aa'], ['\\N{LATIN SMALL LETTER A}', '-', 'a'], ['\\X', '-', 'a'], ['(a*)+', '-', 'a'],
];

/** A seeded generator of small Java patterns over a Java-heavy atom set. */
function fuzzCases(seed: number, n: number): Case[] {
  let s = seed;
  const rnd = (): number => { s = (s * 1103515245 + 12345) & 0x7fffffff; return s / 0x7fffffff; };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const atoms = ['a', 'b', 'A', 'B', '\\d', '\\w', '\\s', '\\W', '.', '[abc]', '[^a]', '[a-cX-Z]', '\\p{L}', '\\p{Lu}', 'é', '\\n', '\\.', '[\\s\\d]', '\\S', 'x', '1', '-', ' ', '\\t', '[.]', '\\x41', '[^\\d\\s]', '\\p{Punct}', '\\h'];
  const gen = (d: number): string => {
    const r = rnd();
    if (d > 2 || r < 0.45) return pick(atoms);
    if (r < 0.6) return gen(d + 1) + gen(d + 1);
    if (r < 0.7) return `(${gen(d + 1)}|${gen(d + 1)})`;
    if (r < 0.8) return `(?:${gen(d + 1)})${pick(['*', '+', '?', '{1,2}', '*?', '+?', '{2}'])}`;
    if (r < 0.86) return `(?:${gen(d + 1)})${pick(['*', '+', '?', '??', '{2,3}'])}`;
    if (r < 0.9) return pick(['^', '$', '\\b', '(?=a)', '(?!b)', '(?<=a)', '(?m)^', '(?m)$', '(?i)', '(?s)', '\\B']) + gen(d + 1);
    return `(${gen(d + 1)})`;
  };
  const inputs = ['', 'abc', 'aAbB 12\n', 'A.b-c\r\nd', 'hello WORLD_1', 'xx yy\tzz', 'a\nb\n', 'ABC abc 123', 'ab\u00a0cd', 'x1X2', '!?.,;'];
  const reps = ['-', '<$0>', '[$1]', '\\$', 'X$1Y', ''];
  return Array.from({ length: n }, () => [gen(0), pick(reps), pick(inputs)] as Case);
}

describe('Java regex semantics against the JDK', () => {
  before(() => {
    oracleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'p5-oracle-'));
    fs.writeFileSync(path.join(oracleDir, 'Oracle.java'), ORACLE);
  });

  test(`${CURATED.length} curated replaceAll cases give the JDK's output or error`, () => {
    const unsupported = compare(CURATED);
    assert.deepEqual(unsupported, [], 'none of the curated cases should be unsupported');
  });

  test('features JavaScript lacks are reported as UnsupportedJavaRegexError, never as a different value', () => {
    for (const [p, r, i] of EXPECTED_UNSUPPORTED) {
      assert.throws(() => javaReplaceAll(javaUtf8RoundTrip(i), p, r), UnsupportedJavaRegexError, JSON.stringify([p, r, i]));
    }
    // and the JDK does accept them (so they are not syntax errors)
    const java = runJava(EXPECTED_UNSUPPORTED.map(([p, r, i]) => ['R', b64(i), b64(p), b64(r)].join('\t')));
    java.forEach((j, k) => assert.ok('ok' in j, `${JSON.stringify(EXPECTED_UNSUPPORTED[k])}: ${JSON.stringify(j)}`));
  });

  test('2,400 generated patterns: identical to the JDK wherever supported', () => {
    const cases = [1, 2, 3, 4, 5, 6].flatMap((seed) => fuzzCases(seed * 7919, 400));
    const unsupported = compare(cases);
    assert.ok(unsupported.length < cases.length * 0.1, `${unsupported.length} of ${cases.length} unsupported`);
  });

  test('replacement chains as masked_fields apply them', () => {
    const chain: Array<[string, string]> = [['(\\w+)@(\\w+)\\.com', '$2 at $1'], ['at', '@'], ['\\s', '']];
    const input = 'bob@example.com, eve@corp.com';
    const [j] = runJava([['R', b64(input), ...chain.flatMap(([p, r]) => [b64(p), b64(r)])].join('\t')]);
    let s = input;
    for (const [p, r] of chain) s = javaReplaceAll(s, p, r);
    assert.deepEqual(j, { ok: s });
  });

  test('full matches (Matcher.matches, as WildcardMatcher uses for /regex/ patterns)', () => {
    const cases: Array<[string, string]> = [
      ['ab', 'ab'], ['ab', 'abc'], ['a.*', 'a.b.c'], ['a|ab', 'ab'], ['(?i)flight.*', 'FLIGHTNUM'], ['f[a-z]+\\d?', 'foo1'], ['.*', 'a\nb'], ['(?s).*', 'a\nb'],
      ['\\w+', 'x_1'], ['\\w+', 'é'], ['$', ''], ['a$', 'a\n'], ['a\\Z', 'a\n'], ['\\p{Lu}.*', 'Dest'], ['ip_\\d+', 'ip_12'], ['\\p{IsAlpha}+', 'número'],
    ];
    const java = runJava(cases.map(([p, i]) => ['M', b64(i), b64(p)].join('\t')));
    cases.forEach(([p, i], k) => {
      const j = java[k] as { ok: string };
      assert.equal(String(javaMatches(p, i)), j.ok, `${p} ~ ${JSON.stringify(i)}`);
      assert.equal(matchesFieldPattern(`/${p}/`, i), javaMatches(p, i));
    });
  });

  test('compileJavaRegex exposes groups and names', () => {
    const rx = compileJavaRegex('(?<user>\\w+)@(\\w+)');
    assert.equal(rx.groupCount, 2);
    assert.equal(rx.namedGroups.get('user'), 1);
  });
});

/** Patterns whose syntax verdict is the point: JDK errors after constructs JavaScript lacks, and JDK-only grammar. */
const SYNTAX_CASES: string[] = [
  'a{', '{', '{1}', 'x{1,', 'x{,2}', 'a{2,1}', '(?<n>a)(?<n>b)', '[a[b]', '[a&&]', '[&&a]', '[a-[b]]', '[a[b]]c', '[a&&[b]', '[\\p{L}&&[^a]]', '[^a[b]]',
  '\\N{foo}', '\\b{x}', '\\b{g}', '(?x)a b(', '\\p{IsFoo}', '\\p{InFoo}', '\\p{blk=Foo}', '\\p{In}', '\\p{InGreek And Coptic}', '\\p{block=greek}', 'x\\P{InFoo}', '\\p{javaFoo}', '\\p{javaMirrored}', '\\p{block=Foo}', 'a*+(', '(?>a', 'a**', '(?=a)*',
  '\\k<x>', '\\G(', '\\R(', ')', 'a)', '\\p{IsLatin}', '\\p{IsWhite_Space}', '[]', '[[a]', '(?z)', 'x{99999999999}', '\\x{110000}', '(?i)(a', 'a++b+++',
  '[\\Q]', '\\Q(', '(?<1a>x)', '\\c', '[\\N{foo}]', 'a{1}{2}', '(?', '(?<', '(?<=a', '\\p', '\\p{', '[a-\\p{L}]', '\\p{IsAlpha}', '\\p{Isalphabetic}', '\\p{IsLATIN}', '\\p{IsOld_Italic}', '\\p{sc=Foo}', '\\p{sc=greek}', '\\p{L1}', '\\p{LD}', '\\p{all}', '\\p{IsHex_Digit}', '\\p{IsWord}', '\\p{IsEmoji}', '\\p{IsjavaLowerCase}', '\\p{IsLu}', '\\p{isLatin}', '\\p{gc=Foo}', '\\p{foo=Bar}', '\\p{Script=Latin}',
];

describe('checkJavaRegex (role validation) gives the JDK\'s verdict', () => {
  before(() => {
    oracleDir ||= fs.mkdtempSync(path.join(os.tmpdir(), 'p5-oracle-'));
    fs.writeFileSync(path.join(oracleDir, 'Oracle.java'), ORACLE);
  });

  test('accepts what Pattern.compile accepts and rejects the rest with its exact message', () => {
    const patterns = [...new Set([
      ...SYNTAX_CASES, ...CURATED.map((c) => c[0]), ...EXPECTED_UNSUPPORTED.map((c) => c[0]),
      ...[11, 12, 13].flatMap((seed) => fuzzCases(seed * 7919, 300)).map((c) => c[0]),
    ])];
    const java = runJava(patterns.map((p) => ['R', b64(''), b64(p), b64('')].join('\t')));
    const failures: string[] = [];
    const unknowable: string[] = [];
    patterns.forEach((p, k) => {
      const j = java[k] as JavaResult;
      const c = checkJavaRegex(p);
      if (!c.ok) {
        if ('ok' in j || j.message !== c.message) failures.push(`${JSON.stringify(p)}: SDK rejects (${JSON.stringify(c.message)}), JDK ${JSON.stringify(j)}`);
      } else if (!c.verified) {
        unknowable.push(p);
      } else if (!('ok' in j)) {
        failures.push(`${JSON.stringify(p)}: SDK accepts, JDK ${JSON.stringify(j)}`);
      }
    });
    assert.deepEqual(failures, []);
    // Only names the JDK looks up in tables JavaScript lacks (character names, JDK 21+ properties) stay undecided.
    assert.deepEqual(unknowable.sort(), ['[\\N{foo}]', '\\N{LATIN SMALL LETTER A}', '\\N{foo}', '\\p{IsEmoji}'].sort());
  });

  test('`Dest::/a{/::x`: validation reports the JDK message the plugin returns, and evaluation throws the same', () => {
    const c = checkJavaRegex('a{');
    assert.deepEqual(c.ok ? undefined : [c.description, c.index, c.message], ['Illegal repetition', 2, 'Illegal repetition near index 2\na{']);
    assert.throws(() => compileJavaRegex('a{'), (e: unknown) => e instanceof JavaPatternSyntaxError && e.message === 'Illegal repetition near index 2\na{');
  });

  test('constructs JavaScript cannot reproduce are valid for validation and unsupported for evaluation', () => {
    for (const p of ['\\R', '\\X', '\\G']) {
      const c = checkJavaRegex(p);
      assert.ok(c.ok && c.verified && !c.reproducible && c.javaOnly.length + (c.unsupported ? 1 : 0) > 0, p);
      assert.throws(() => compileJavaRegex(p), UnsupportedJavaRegexError, p);
    }
  });
});

/**
 * Shapes a grammar-based differential run found answered differently from the JDK: the Unicode meaning of
 * `\\p{IsAlpha}` & co., the JDK's lookbehind length arithmetic (int overflow), `&&` with an empty operand,
 * a back reference into another alternative, `(?c)` and a lazy/possessive mark after an empty repetition.
 */
const FIDELITY: Case[] = [
  ['\\p{IsAlnum}+', '*', 'José Müller 42'], ['\\p{IsAlpha}+', '*', 'José Müller'], ['\\p{IsPunct}', '_', 'a$b+c«d»'], ['\\p{IsGraph}+', '*', 'Straße Ω\u0378'],
  ['\\p{IsPrint}+', '*', 'a b\u0001\t\u2028c'], ['\\p{IsSpace}', '_', 'a\u00a0b\u2003c'], ['\\p{IsLower}', '*', 'aßA'], ['\\p{IsUpper}', '*', 'aÉ'], ['\\p{Isalnum}', '_', 'a-'],
  ['\\p{IsBlank}', '_', 'a\tb c\u00a0d\u2028'], ['\\p{IsXDigit}+', '_', '0fF\uff21g\u0660'], ['\\p{IsCntrl}', '_', 'a\u0001\u0085b'], ['\\p{IsWord}+', '_', 'a_é\u0301\u200c-'],
  ['\\p{IsHex_Digit}+', '_', '0fF\uff21g\u0660'], ['\\P{IsDigit}', '_', 'a1\u0661'], ['(?U)\\p{alpha}+', '_', 'é1'], ['(?U)\\p{Punct}', '_', 'a«b!'], ['(?U)\\p{ASCII}+', '_', 'é1'],
  ['[&&\\p{IsHexDigit}]', 'x', 'abcg'], ['[&&\\p{IsAlnum}]', '#', 'aé-'], ['[a&&]', '<$0>', 'a&b'], ['[^\\p{IsPunct}&&\\p{IsGraph}]', '_', 'a!é «'],
  ['(a)|b\\1', 'X', 'b'], ['(a)|\\1', 'X', 'ab'], ['(a)|\\1', '${1}', 'b'], ['x(?:(a)|b\\1)', 'X', 'xb xa'],
  ['(?<=\\w+@\\w+\\.)\\w+', '***', 'bob@example.com'], ['(?<=\\d+-\\d+-)\\d+', '*', '12-34-5678'], ['(?<!a+b+)c', 'X', 'aabbc'], ['(?<=[0-9]{3}-[0-9]*)x', '-', '123-45x'],
  ['(?<=x(?:a+)?b)c', '-', 'xabc'], ['(?<=\\w+@)x', '-', 'a@x'], ['(?<=(?:ab){2})c', '-', 'ababc'], ['(?<=(?:a){2,})b', '-', 'aab'], ['(?<=a*b*c*)d', '-', 'abcd'],
];

/** Patterns the JDK accepts whose matches are not reproduced here: they must be declined, not answered. */
const FIDELITY_DECLINED: Case[] = [
  ['(?c)a', 'X', 'ab'], ['(?ic:b)', 'X', 'aB'], ['[a&&&]', '<$0>', 'a&b'], ['[a&&[b]&c]', '<$0>', 'abc&'], ['(?<=a|bc*)d', '-', 'bcd ad'],
  ['(?<=(?:x|ya*)z)w', '-', 'yaazw'], ['(?<=a{0,5}b+)c', '-', 'aabbc bc'], ['(?<=(?>a+)b)c', '-', 'aabc'], ['(?<=a++b)c', '-', 'aabc'],
  ['(?i){2}+a', 'X', 'Aa'], ['\\Q\\E{2}?a', 'X', 'a'],
  // Characters whose Unicode data differs between JavaScript's tables and the JDK's (U+0870 unassigned in
  // Unicode 13; U+A7CB unassigned in 13; U+0295 Ll in the JDKs' Unicode, Lo in 17).
  ['\\p{L}', '*', 'a\u0870b'], ['\\p{IsLatin}', '*', 'a\ua7cb'], ['\\p{Ll}', '*', 'a\u0295'], ['[\\p{L}&&[^a]]', '*', 'b\u0870'], ['(?U)\\w', '*', 'a\u0870'],
];

/** Verdicts: lookbehinds without an obvious maximum, `&&` without a left operand, and what the JDK accepts. */
const FIDELITY_SYNTAX: string[] = [
  '(?<=(?:ab)+)c', '(?<=(a)\\1)b', '(?<=(?:a|b){2})c', '(?<=(?:a|bc){2})c', '(?<=a\\w+?)b', '(?<=a\\w*+)b', '(?<=(?:ab)*)c', '(?<=(?:a?b){2})c', '(?<=(?<N>^\\X\\00){1}\\u00e9)',
  '(?<!([\\h\\W]{2,}?[^\\s]|\\x41)\\z\\u0130+?)', '(?<=(?=(a)\\1)a)b', '(?<=a|bc*)d', '(?<=\\w+?)b', '[&&&&a]', '[^&&&&a]', '[&&]', '[a&&&]', '[&&\\p{IsHexDigit}]',
  '[^\\p{javaJavaIdentifierStart}&&[k&&\\cZ]]', '(?c)a', '(?-c)a', '(?i){2}+a', '\\Q\\E{2}?a', '{2}?a', '(?i){2}*a', '\\p{alpha}', '(?U)\\p{alpha}', '\\p{IsXDigit}', '\\p{IsPRINT}',
];

describe('differential findings: the JDK\'s answer or UnsupportedJavaRegexError', () => {
  before(() => {
    oracleDir ||= fs.mkdtempSync(path.join(os.tmpdir(), 'p5-oracle-'));
    fs.writeFileSync(path.join(oracleDir, 'Oracle.java'), ORACLE);
  });

  for (const version of ['2', '3.x']) {
    test(`replaceAll equals the JDK of OpenSearch ${version} (${javaHomeFor(version)})`, () => {
      assert.deepEqual(compare(FIDELITY, version), [], 'none of these is unsupported');
      assert.deepEqual(compare(FIDELITY_DECLINED, version), FIDELITY_DECLINED, 'each is declined');
    });

    test(`checkJavaRegex gives the verdict and message of the JDK of OpenSearch ${version}`, () => {
      const java = runJava(FIDELITY_SYNTAX.map((p) => ['R', b64(''), b64(p), b64('')].join('\t')), version);
      const failures: string[] = [];
      FIDELITY_SYNTAX.forEach((p, k) => {
        const j = java[k] as JavaResult;
        const c = checkJavaRegex(p);
        if (c.ok !== 'ok' in j || (!c.ok && !('ok' in j) && c.message !== j.message) || (c.ok && !c.verified)) {
          failures.push(`${JSON.stringify(p)}: SDK ${JSON.stringify(c)}, JDK ${JSON.stringify(j)}`);
        }
      });
      assert.deepEqual(failures, []);
    });
  }

  test('a class intersection JDK 17 accepts and JDK 21+ refuses ("Bad intersection syntax") is undecided, and declined', () => {
    const c = checkJavaRegex('[\\P{P}0&&&]');
    assert.ok(c.ok && !c.verified && !c.reproducible, JSON.stringify(c));
    const [j17] = runJava([['R', b64('a'), b64('[\\P{P}0&&&]'), b64('')].join('\t')]);
    const [j21] = runJava([['R', b64('a'), b64('[\\P{P}0&&&]'), b64('')].join('\t')], '3.x');
    assert.ok(j17 && 'err' in j17 && j17.err !== 'PatternSyntaxException', JSON.stringify(j17));
    assert.ok(j21 && 'err' in j21 && j21.err === 'PatternSyntaxException', JSON.stringify(j21));
  });
});

describe('WildcardMatcher patterns', () => {
  const table: Array<[string, string, boolean]> = [
    ['Dest', 'Dest', true], ['Dest', 'dest', false], ['Dest', 'Dest.keyword', false], ['D*', 'Dest', true], ['*st', 'Dest', true], ['*', 'anything.at.all', true],
    ['a*c', 'a.b.c', true], ['a?c', 'abc', true], ['a?c', 'ac', false], ['a?c', 'a😀c', false], ['a??c', 'a😀c', true], ['*b*', 'abc', true], ['*b*', 'ac', false],
    ['', 'x', false], ['  ', 'x', false], ['/D.st/', 'Dest', true], ['/D.st/', 'Destination', false], ['/(?i)dest/', 'DEST', true], ['a**b', 'ab', true], ['*a*b*', 'xaxbx', true],
  ];
  for (const [p, c, want] of table) test(`${JSON.stringify(p)} ~ ${JSON.stringify(c)} -> ${want}`, () => assert.equal(matchesFieldPattern(p, c), want));
});
