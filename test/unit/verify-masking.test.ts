/**
 * maskValue / parseMaskedField / maskDocument. Expected masks come from the plugin's own published
 * test vectors (FieldMaskingTest, FlsDocumentFilterTest) and from Python's hashlib (an independent
 * implementation), never from this library.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  maskValue, parseMaskedField, isMaskShaped, saltBytes, effectiveMask, maskShape, DEFAULT_COMPLIANCE_SALT,
} from '../../src/fgac/masking.js';
import { maskDocument, compileMaskedFields } from '../../src/verify/masking.js';
import { MaskingExpressionError, UnsupportedJavaRegexError } from '../../src/fgac/errors.js';

interface PyJob { data: string; op: string; salt?: string; n?: number }

/** Runs Python hashlib over base64 payloads; returns lowercase hex digests. */
function python(jobs: PyJob[]): string[] {
  const script = `
import sys, json, base64, hashlib
out = []
for j in json.load(sys.stdin):
    d = base64.b64decode(j['data'])
    op = j['op']
    s = base64.b64decode(j['salt']) if 'salt' in j else None
    if op == 'person': h = hashlib.blake2b(d, digest_size=32, person=s).hexdigest()
    elif op == 'salt': h = hashlib.blake2b(d, digest_size=32, salt=s).hexdigest()
    elif op == 'blake2b': h = hashlib.blake2b(d, digest_size=j['n']).hexdigest()
    elif op == 'blake2s': h = hashlib.blake2s(d, digest_size=j['n']).hexdigest()
    elif op.startswith('shake'): h = hashlib.new(op, d).hexdigest(j['n'])
    else: h = hashlib.new(op, d).hexdigest()
    out.append(h)
json.dump(out, sys.stdout)
`;
  const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(jobs), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as string[];
}

const b64 = (s: string | Uint8Array): string => Buffer.from(s as string).toString('base64');
/** UTF-8 as Java's encoder produces it: lone surrogates become '?'. */
const javaBytes = (s: string): Buffer => Buffer.from(s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '?'), 'utf8');

const VALUES = [
  'foobar', '', 'x', 'y', 'y1', 'Zurich Airport', 'Venice Marco Polo', 'bob@example.com', 'ÄÖÜ äöü ß', 'Ωμέγα', '東京都',
  'a😀b', '😀', '\u0000\u0001', ' leading and trailing ', 'line\nbreak\r\n', 'x'.repeat(1000), '"quoted" \\ backslash',
  'lone \uD83D surrogate', 'lone low \uDE00', '1234567890', 'Tokyo Haneda', 'e1ukloTsQlOgPquJ',
];
const SALTS = [DEFAULT_COMPLIANCE_SALT, 'fgac-local-salt-2f8a1c', '0123456789abcdef', 'ünïcödé-sàlt-1234', 'exactly16bytes!!', '€€€€€€x'];

describe('maskValue: the plugin\'s published vectors', () => {
  test('BLAKE2B_LEGACY_DEFAULT (1.x/2.x personalization) of "foobar" with the default salt', () => {
    assert.equal(maskValue('foobar'), '96c8d1da7eb153db858d4f0585120319e17ed1162db9e94bee19fb10b6d19727');
    assert.equal(maskValue('foobar', { defaultAlgorithm: 'BLAKE2B_LEGACY_DEFAULT' }), '96c8d1da7eb153db858d4f0585120319e17ed1162db9e94bee19fb10b6d19727');
  });
  test('BLAKE2B (3.x salt) of "foobar" with the default salt', () => {
    assert.equal(maskValue('foobar', { defaultAlgorithm: 'BLAKE2B' }), 'c042e214a8b49561577445be44c188a8e6274006b36cd0c6fba5312253cf9293');
    assert.equal(maskValue('foobar', { defaultAlgorithm: 'BLAKE2B', expression: 'field_masked.keyword' }), 'c042e214a8b49561577445be44c188a8e6274006b36cd0c6fba5312253cf9293');
  });
  test('3.x FlsDocumentFilter vectors ("y" and "y1")', () => {
    assert.equal(maskValue('y', { defaultAlgorithm: 'BLAKE2B', expression: 'b' }), '4b694e9cb9ce9e0983fbe4c5df2d464949610f074460adc76bda5a9d0bcc38a5');
    assert.equal(maskValue('y1', { defaultAlgorithm: 'BLAKE2B', expression: 'b.b1' }), 'f16d01664d4270a4f39cdba8c89ac024380b5f249f0fbec1049497bc745cf30f');
  });
  test('field::SHA-256 and a SHA-256 default algorithm setting', () => {
    assert.equal(maskValue('foobar', { expression: 'field_*::SHA-256' }), 'c3ab8ff13720e8ad9047dd39466b3c8974e592c2fa383d4a3960714caef0c4f2');
    assert.equal(maskValue('foobar', { expression: 'field_*', defaultAlgorithm: 'SHA-256' }), 'c3ab8ff13720e8ad9047dd39466b3c8974e592c2fa383d4a3960714caef0c4f2');
    assert.equal(maskValue('foobar', { expression: 'field_*', defaultAlgorithm: 'SHA-256', pluginVersion: '3.1.0' }), 'c3ab8ff13720e8ad9047dd39466b3c8974e592c2fa383d4a3960714caef0c4f2');
  });
  test('regex_single and regex_multi', () => {
    const single = 'field_*::/<secret>/::+masked+';
    assert.equal(maskValue('foobar', { expression: single }), 'foobar');
    assert.equal(maskValue('foo<secret>bar', { expression: single }), 'foo+masked+bar');
    const multi = 'field_*::/<secret>/::+masked+::/\\d/::*';
    assert.equal(maskValue('foobar', { expression: multi }), 'foobar');
    assert.equal(maskValue('foo42bar', { expression: multi }), 'foo**bar');
    assert.equal(maskValue('foo<secret>bar42', { expression: multi }), 'foo+masked+bar**');
  });
});

describe('maskValue: BLAKE2b-256 against Python hashlib', () => {
  const jobs: PyJob[] = [];
  const cases: Array<{ value: string; salt: string; flavour: 'BLAKE2B' | 'BLAKE2B_LEGACY_DEFAULT' }> = [];
  for (const salt of SALTS) {
    const key = Buffer.from(salt, 'utf8').subarray(0, 16);
    for (const value of VALUES) {
      for (const flavour of ['BLAKE2B_LEGACY_DEFAULT', 'BLAKE2B'] as const) {
        cases.push({ value, salt, flavour });
        jobs.push({ data: b64(javaBytes(value)), op: flavour === 'BLAKE2B' ? 'salt' : 'person', salt: b64(key) });
      }
    }
  }
  const expected = python(jobs);
  test(`${cases.length} vectors (values x salts x flavours)`, () => {
    cases.forEach((c, i) => {
      assert.equal(maskValue(c.value, { salt: c.salt, defaultAlgorithm: c.flavour }), expected[i], `${c.flavour} ${JSON.stringify(c.value)} salt ${c.salt}`);
    });
  });
  test('a Uint8Array salt is used byte for byte (first 16 bytes)', () => {
    const key = Uint8Array.from({ length: 20 }, (_, i) => (i * 37 + 11) & 0xff);
    const [p, s] = python([
      { data: b64('secret'), op: 'person', salt: b64(key.subarray(0, 16)) },
      { data: b64('secret'), op: 'salt', salt: b64(key.subarray(0, 16)) },
    ]);
    assert.equal(maskValue('secret', { salt: key }), p);
    assert.equal(maskValue('secret', { salt: key, defaultAlgorithm: 'BLAKE2B' }), s);
  });
  test('the two flavours differ and only the first 16 salt bytes matter', () => {
    assert.notEqual(maskValue('v', { salt: 'abcdefghijklmnop' }), maskValue('v', { salt: 'abcdefghijklmnop', defaultAlgorithm: 'BLAKE2B' }));
    assert.equal(maskValue('v', { salt: 'abcdefghijklmnopXYZ' }), maskValue('v', { salt: 'abcdefghijklmnopQRS' }));
    assert.notEqual(maskValue('v', { salt: 'abcdefghijklmnop' }), maskValue('v', { salt: 'bbcdefghijklmnop' }));
  });
  test('a salt shorter than 16 bytes is rejected like the plugin does', () => {
    assert.throws(() => maskValue('v', { salt: 'short' }), (e: unknown) => e instanceof MaskingExpressionError && /must at least contain 16 bytes/.test(e.message));
    assert.throws(() => saltBytes(new Uint8Array(15)), MaskingExpressionError);
    assert.equal(saltBytes('ab€defghijklmnopq').length, 16);
  });
});

describe('maskValue: field::ALGO digests against Python hashlib', () => {
  const algos: Array<{ names: string[]; op: string; n?: number }> = [
    { names: ['MD5', 'md5'], op: 'md5' },
    { names: ['SHA-1', 'SHA1', 'SHA', 'sha-1'], op: 'sha1' },
    { names: ['SHA-224', 'SHA224'], op: 'sha224' },
    { names: ['SHA-256', 'SHA256', 'sha-256', '2.16.840.1.101.3.4.2.1', 'OID.2.16.840.1.101.3.4.2.1'], op: 'sha256' },
    { names: ['SHA-384', 'SHA384'], op: 'sha384' },
    { names: ['SHA-512', 'SHA512'], op: 'sha512' },
    { names: ['SHA-512/224', 'SHA512/224'], op: 'sha512_224' },
    { names: ['SHA-512/256', 'SHA512(256)'], op: 'sha512_256' },
    { names: ['SHA3-224'], op: 'sha3_224' },
    { names: ['SHA3-256', 'sha3-256'], op: 'sha3_256' },
    { names: ['SHA3-384'], op: 'sha3_384' },
    { names: ['SHA3-512'], op: 'sha3_512' },
    { names: ['SHAKE128-256', 'SHAKE128'], op: 'shake_128', n: 32 },
    { names: ['SHAKE256-512'], op: 'shake_256', n: 64 },
    { names: ['RIPEMD160'], op: 'ripemd160' },
    { names: ['SM3'], op: 'sm3' },
    { names: ['BLAKE2B-256'], op: 'blake2b', n: 32 },
    { names: ['BLAKE2B-512'], op: 'blake2b', n: 64 },
    { names: ['BLAKE2B-160'], op: 'blake2b', n: 20 },
    { names: ['BLAKE2S-256'], op: 'blake2s', n: 32 },
    { names: ['BLAKE2S-128'], op: 'blake2s', n: 16 },
  ];
  const jobs: PyJob[] = [];
  const cases: Array<{ name: string; value: string }> = [];
  for (const a of algos) {
    for (const value of VALUES.slice(0, 14)) {
      for (const name of a.names) {
        cases.push({ name, value });
        jobs.push({ data: b64(javaBytes(value)), op: a.op, ...(a.n ? { n: a.n } : {}) });
      }
    }
  }
  const expected = python(jobs);
  test(`${cases.length} digest vectors (lowercase hex of the UTF-8 bytes)`, () => {
    cases.forEach((c, i) => {
      assert.equal(maskValue(c.value, { expression: `f::${c.name}` }), expected[i], `${c.name} ${JSON.stringify(c.value)}`);
      if (/^(SM3|BLAKE2[BS]-)/.test(c.name)) {
        // The real 3.4.0.0 plugin refuses them, see referee (Bouncy Castle FIPS has no SM3, BLAKE2B, BLAKE2S).
        assert.throws(() => maskValue(c.value, { expression: `f::${c.name}`, defaultAlgorithm: 'BLAKE2B', pluginVersion: '3.0.0' }), { message: `Invalid algorithm ${c.name}` });
      } else {
        assert.equal(maskValue(c.value, { expression: `f::${c.name}`, defaultAlgorithm: 'BLAKE2B', pluginVersion: '3.0.0' }), expected[i]);
      }
    });
  });
  test('RIPEMD320 (not in Node.js or noble): Bouncy Castle 1.82 RIPEMD320Digest vectors, both flavours', () => {
    const vectors: Array<[string, string]> = [
      ['', '22d65d5661536cdc75c1fdf5c6de7b41b9f27325ebc61e8557177d705a0ec880151c3a32a00899b8'],
      ['abc', 'de4c01b3054f8930a79d09ae738e92301e5a17085beffdc1b8d116713e74f82fa942d64cdbc4682d'],
      ['a'.repeat(200), 'dde82ef6a6c92c29e08e3efe5bb86a7cc29a884cd139e011aaa3d08a74594c6a06d67f895db8a5c3'],
      ['h\u00e9llo \ud83d\ude00', 'a67da95f6257f6ab93844c9cffd07dd4b39bedecc00470511d4773f664716db4af4a185b03c757f1'],
    ];
    for (const [value, hex] of vectors) {
      assert.equal(maskValue(value, { expression: 'f::RIPEMD320' }), hex, JSON.stringify(value));
      assert.equal(maskValue(value, { expression: 'f::ripemd320', pluginVersion: '3.4.0', defaultAlgorithm: 'BLAKE2B' }), hex);
    }
  });
  test('in 3.x, BLAKE2B_LEGACY_DEFAULT overrides field::ALGO (FieldMasking.Field.apply checks it first)', () => {
    const [legacy] = python([{ data: b64('foobar'), op: 'person', salt: b64(DEFAULT_COMPLIANCE_SALT) }]);
    assert.equal(maskValue('foobar', { expression: 'f::SHA-256', defaultAlgorithm: 'BLAKE2B_LEGACY_DEFAULT', pluginVersion: '3.2.0' }), legacy);
    assert.equal(maskValue('foobar', { expression: 'f::SHA-256', defaultAlgorithm: 'BLAKE2B_LEGACY_DEFAULT', pluginVersion: '2.19.4' }), 'c3ab8ff13720e8ad9047dd39466b3c8974e592c2fa383d4a3960714caef0c4f2');
    assert.deepEqual(effectiveMask(parseMaskedField('f::MD5'), { defaultAlgorithm: 'BLAKE2B_LEGACY_DEFAULT', pluginVersion: '3' }), { kind: 'blake2b', legacy: true });
    // regexes are applied before the legacy flag in 3.x too
    assert.equal(maskValue('a1', { expression: 'f::/\\d/::#', defaultAlgorithm: 'BLAKE2B_LEGACY_DEFAULT', pluginVersion: '3' }), 'a#');
  });
});

describe('maskValue: regex replacement chains (Java replaceAll semantics)', () => {
  const table: Array<[string, string, string]> = [
    ['email::/(\\w+)@(\\w+)\\.com/::$2 at $1::/at/::@', 'bob@example.com', 'example @ bob'],
    ['phone::/\\d(?=\\d{4})/::*', '555-123-4567', '555-123-4567'],
    ['phone::/\\d/::*::/\\*{3}-\\*{3}/::XXX-XXX', '555-123-4567', 'XXX-XXX-****'],
    ['card::/(\\d{4})\\d{8}(\\d{4})/::$1********$2', '4111111111111111', '4111********1111'],
    ['name::/^(.).*(.)$/::$1***$2', 'secret', 's***t'],
    ['x::/(a)/::$11', 'a', 'a1'],
    ['x::/(a)/::\\$1', 'a', '$1'],
    ['x::/(a)/::$0$0', 'ab', 'aab'],
    ['x::/(?<first>\\w)\\w*/::${first}.', 'Ada Lovelace', 'A. L.'],
    ['x::/\\s/::_', 'a\u00a0b c', 'a\u00a0b_c'],
    ['x::/\\w+/::W', 'héllo', 'WéW'],
    ['x::/(?i)abc/::-', 'ABC abc AbC', '- - -'],
    ['x::/(?i)é/::-', 'É é', 'É -'],
    ['x::/c$/::X', 'abc\n', 'abX\n'],
    ['x::/./::*', 'a\u0085b', '*\u0085*'],
    ['x::/$/::!', 'a\r\n', 'a!\r\n!'],
    ['x::/a*/::-', 'baaac', '-b--c-'],
    ['x::/[^a]/::X', 'a😀b', 'aXX'],
    ['x::/\\p{L}+/::L', 'Zürich 123 Straße', 'L 123 L'],
    ['x::/\\Q.*\\E/::dot-star', 'a.*b', 'adot-starb'],
  ];
  for (const [expr, input, out] of table) {
    test(`${expr} on ${JSON.stringify(input)}`, () => assert.equal(maskValue(input, { expression: expr }), out));
  }
  test('Java features JavaScript lacks raise a typed error, never a silently different value', () => {
    for (const expr of ['x::/\\R/::n', 'x::/\\X/::g', 'x::/\\G/::b', 'x::/\\p{InAhom}/::g', 'x::/(?:a*)*/::b']) {
      assert.throws(() => maskValue('aaa', { expression: expr }), UnsupportedJavaRegexError, expr);
    }
    // Reproduced since issue 15 (possessive, atomic, intersection, blocks, comments mode): the JDK 17 outputs.
    const jdk: Array<[string, string, string]> = [
      ['x::/a*+/::b', 'bb', 'bbbbαbb'], ['x::/(?>a)/::b', 'bbb', 'bbαb'], ['x::/[a-z&&[^b]]/::c', 'ccc', 'cbαc'], ['x::/\\p{InGreek}/::g', 'aaa', 'abga'], ['x::/(?x) a/::b', 'bbb', 'bbαb'],
    ];
    for (const [expr, onAaa, onMixed] of jdk) {
      assert.equal(maskValue('aaa', { expression: expr }), onAaa, expr);
      assert.equal(maskValue('abαa', { expression: expr }), onMixed, expr);
    }
    assert.throws(() => maskValue('café', { expression: 'x::/\\bcaf\\b/::X' }), UnsupportedJavaRegexError);
    assert.equal(maskValue('a cafe', { expression: 'x::/\\bcafe\\b/::X' }), 'a X');
  });
  test('replacement errors surface like the JDK\'s when a regex matches', () => {
    assert.throws(() => maskValue('a', { expression: 'x::/a/::$2' }), (e: unknown) => e instanceof MaskingExpressionError && e.message === 'No group 2');
    assert.throws(() => maskValue('a', { expression: 'x::/a/::$' }), /Illegal group reference: group index is missing/);
    assert.equal(maskValue('b', { expression: 'x::/a/::$2' }), 'b');
  });
});

describe('parseMaskedField', () => {
  test('kinds', () => {
    assert.deepEqual(parseMaskedField('Dest'), { source: 'Dest', field: 'Dest', kind: 'default' });
    assert.deepEqual(parseMaskedField('a.b::SHA-512'), { source: 'a.b::SHA-512', field: 'a.b', kind: 'digest', algorithm: 'SHA-512' });
    assert.deepEqual(parseMaskedField('f*::/x/::y::/z/::w'), {
      source: 'f*::/x/::y::/z/::w', field: 'f*', kind: 'regex',
      replacements: [{ regex: 'x', replacement: 'y' }, { regex: 'z', replacement: 'w' }],
    });
  });
  test('2.x validation messages (as the 2.19 roles API reports them)', () => {
    const msg = (expr: string): string => { try { parseMaskedField(expr); return 'no error'; } catch (e) { return (e as Error).message; } };
    assert.equal(msg('a::SHADY-777'), 'java.security.NoSuchAlgorithmException: SHADY-777 MessageDigest not available');
    assert.equal(msg('c::a::b::d'), 'Expected 1 or 2 or >=3 (but then odd count) tokens, got 4');
    assert.equal(msg('b::/(/::x'), 'Unclosed group near index 1\n(');
    assert.equal(msg('d::/./::$2'), 'No group 2');
    assert.equal(msg('d::/x/::$2'), 'no error');
  });
  test('3.x validation messages (FieldMaskingExpression)', () => {
    const v3 = { pluginVersion: '3.0.0' };
    assert.throws(() => parseMaskedField('field_*::SHADY-777', v3), /^MaskingExpressionError: Invalid algorithm SHADY-777$|Invalid algorithm SHADY-777/);
    assert.throws(() => parseMaskedField('field_*::/a/::b::/c/', v3), /A field masking expression must have the form/);
    assert.throws(() => parseMaskedField('field_*::a::b', v3), /A regular expression needs to be wrapped in \/\.\.\.\//);
    assert.throws(() => parseMaskedField('field_*::/a\\/::b', v3), MaskingExpressionError);
    assert.equal(parseMaskedField('field_*::xax::b').replacements?.[0]?.regex, 'a', '2.x strips the first and last character without checking them');
    assert.equal(maskValue('banana', { expression: 'f::#an#::_' }), 'b__a');
    assert.throws(() => parseMaskedField('field_*::a::b'), /begin 0, end -1, length 0/);
  });
  test('entries the plugin accepts but that cannot be reproduced are flagged, not rejected', () => {
    assert.match(parseMaskedField('x::/\\R/::b').unsupported ?? '', /linebreak/);
    assert.equal(parseMaskedField('x::/a++/::b').unsupported, undefined, 'possessive quantifiers are reproduced since issue 15');
    assert.match(parseMaskedField('x::WHIRLPOOL').unsupported ?? '', /WHIRLPOOL/);
  });
});

describe('isMaskShaped, maskShape, compileMaskedFields, maskDocument', () => {
  test('isMaskShaped', () => {
    assert.equal(isMaskShaped(maskValue('x')), true);
    assert.equal(isMaskShaped('96C8D1DA7EB153DB858D4F0585120319E17ED1162DB9E94BEE19FB10B6D19727'), false);
    assert.equal(isMaskShaped('abc'), false);
    assert.equal(isMaskShaped(42), false);
    assert.equal(isMaskShaped(`${maskValue('x')} `), false);
  });
  test('maskShape follows the digest length', () => {
    assert.equal(maskShape(parseMaskedField('f::MD5'))?.test(maskValue('v', { expression: 'f::MD5' })), true);
    assert.equal(maskShape(parseMaskedField('f::MD5'))?.test(maskValue('v')), false);
    assert.equal(maskShape(parseMaskedField('f::/a/::b')), undefined);
  });
  test('field patterns: wildcards, /regex/, .keyword normalisation, first entry wins', () => {
    const set = compileMaskedFields(['a*', '/ip_\\d+/', 'b.c::SHA-1', 'b.*']);
    assert.deepEqual(set.match('abc').map((p) => p.source), ['a*']);
    assert.deepEqual(set.match('ip_12').map((p) => p.source), ['/ip_\\d+/']);
    assert.deepEqual(set.match('ip_x').map((p) => p.source), []);
    assert.deepEqual(set.match('b.c.keyword').map((p) => p.source), ['b.c::SHA-1', 'b.*']);
    assert.deepEqual(set.match('zzz').map((p) => p.source), []);
  });
  test('maskDocument: strings only, arrays of strings, nested objects; arrays of objects only in 3.x', () => {
    const doc = { s: 'v', n: 1, b: true, z: null, arr: ['v', 2, 'w'], o: { s: 'v', keep: 'k' }, people: [{ s: 'v' }] };
    const exprs = ['s', 'n', 'b', 'z', 'arr', 'o.s', 'people.s'];
    const m = maskValue('v');
    const v2 = maskDocument(doc, exprs);
    assert.deepEqual(v2, { s: m, n: 1, b: true, z: null, arr: [m, 2, maskValue('w')], o: { s: m, keep: 'k' }, people: [{ s: 'v' }] });
    const v3 = maskDocument(doc, exprs, { pluginVersion: '3.0.0' });
    // 3.x masks arrays of objects, with its own default (BLAKE2B when the cluster sets none)
    assert.deepEqual(v3.people, [{ s: maskValue('v', { pluginVersion: '3.0.0' }) }]);
    assert.deepEqual(doc.people, [{ s: 'v' }], 'input untouched');
  });
});

test('maskValue: options whose getter throws are a TypeError that does not repeat what it threw', () => {
  const hostile = { get salt(): string { throw new Error('vault: Hunter2Hunter2'); } };
  assert.throws(() => maskValue('x', hostile as never), (e: unknown) => e instanceof TypeError && /could not be read/.test(e.message) && !e.message.includes('Hunter2'));
});
