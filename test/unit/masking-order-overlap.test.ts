/**
 * Which masked_fields entry masks a field when several different patterns match it: Java HashSet order on
 * 2.x (String.hashCode, table of 16, spread h ^ h >>> 16), the first within a role on 3.x, and a thrown
 * MaskingExpressionError where the plugin's choice is not fixed. maskedFieldPatternOverlaps names such pairs.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MaskingExpressionError } from '../../src/fgac/errors.js';
import { javaHashBucket, javaHashTableSize, javaMaskedFieldSetPicker, javaStringHash } from '../../src/fgac/java-hashset-order.js';
import { maskedFieldNameClashes, maskedFieldOverlapMessage, maskedFieldPatternOverlaps } from '../../src/fgac/masked-field.js';
import { maskDocument } from '../../src/verify/masking.js';

const SALT = 'abcdefghijklmnop';
const V2 = { salt: SALT, pluginVersion: '2.19.4' } as const;
const V3 = { salt: SALT, pluginVersion: '3.4.0' } as const;
const DOC = { secret: 'sekrit1' };
const one = (entry: string, opts: typeof V2 | typeof V3 = V2): string => maskDocument(DOC, [entry], opts).secret;

describe('Java HashSet order', () => {
  test("String.hashCode and the table size of a default HashMap", () => {
    assert.equal(javaStringHash(''), 0);
    assert.equal(javaStringHash('hello'), 99162322);
    assert.equal(javaStringHash('polygenelubricants'), -2147483648);
    assert.deepEqual([1, 12, 13, 24, 25].map(javaHashTableSize), [16, 16, 32, 32, 64]);
    // the spread: a hash whose low bits are all in the upper half still spreads into the table
    assert.equal(javaHashBucket('polygenelubricants', 16), ((-2147483648 ^ (-2147483648 >>> 16)) & 15));
  });
});

describe('maskDocument with several entries matching one field', () => {
  test('2.x: the entry first in HashSet order masks, whatever the order written (the 2.19.4 node showed sEkrit1)', () => {
    assert.equal(maskDocument(DOC, ['secret', 'sec?et::/e/::E'], V2).secret, 'sEkrit1');
    assert.equal(maskDocument(DOC, ['sec?et::/e/::E', 'secret'], V2).secret, 'sEkrit1');
    assert.equal(maskDocument(DOC, [['secret'], ['sec?et::/e/::E']], V2).secret, 'sEkrit1');
    assert.equal(maskDocument(DOC, ['secre*::SHA-256', '/s.*/::SHA-1'], V2).secret, one('/s.*/::SHA-1'));
  });

  test('2.x: one bucket across roles is a tie: throws when the masks differ, gives the value when they agree', () => {
    assert.equal(javaHashBucket('secret', 16), javaHashBucket('*cret::MD5', 16));
    assert.throws(() => maskDocument(DOC, [['secret'], ['*cret::MD5']], V2), (e: unknown) => e instanceof MaskingExpressionError && /same Java HashSet bucket/.test(e.message));
    assert.equal(javaHashBucket('secret', 16), javaHashBucket('?ecret', 16));
    assert.equal(maskDocument(DOC, [['secret'], ['?ecret']], V2).secret, one('secret'));
  });

  test('2.x: one bucket within one role: the order written decides (the 2.19.4 node: Dest*::SHA-384 / /De.*/::MD5 in both orders)', () => {
    const doc = { Destination: 'Zurich' };
    const at = (lists: readonly (readonly string[])[]): string => maskDocument(doc, lists, V2).Destination;
    const single = (e: string): string => maskDocument(doc, [e], V2).Destination;
    assert.equal(javaHashBucket('Dest*::SHA-384', 32), javaHashBucket('/De.*/::MD5', 32));
    assert.equal(at([['Dest*::SHA-384', '/De.*/::MD5']]), single('Dest*::SHA-384'));
    assert.equal(at([['/De.*/::MD5', 'Dest*::SHA-384']]), single('/De.*/::MD5'));
    assert.equal(maskDocument(DOC, ['secret', '*cret::MD5'], V2).secret, one('secret'));
    assert.equal(maskDocument(DOC, ['*cret::MD5', 'secret'], V2).secret, one('*cret::MD5'));
    // roles that all put the pair in one order, or hold only the first of it, fix it; a role with only the second does not
    assert.equal(at([['Dest*::SHA-384', '/De.*/::MD5'], ['Dest*::SHA-384', '/De.*/::MD5']]), single('Dest*::SHA-384'));
    assert.equal(at([['/De.*/::MD5', 'Dest*::SHA-384'], ['/De.*/::MD5']]), single('/De.*/::MD5'));
    assert.throws(() => at([['/De.*/::MD5', 'Dest*::SHA-384'], ['Dest*::SHA-384']]), MaskingExpressionError);
    assert.throws(() => at([['/De.*/::MD5', 'Dest*::SHA-384'], ['Dest*::SHA-384', '/De.*/::MD5']]), MaskingExpressionError);
  });

  test('2.x: a role of 12 entries: JDK 17 copies it into a table of 32 (Sets.newHashSet), JDK 19+ of 16, so the order is fixed only where both agree', () => {
    const doc = { Destination: 'Zurich' };
    const filler = Array.from({ length: 10 }, (_, i) => `u${i}`);
    const a = 'Dest*::SHA-1';
    const b = '/Dest.*/::MD5';
    assert.equal(javaHashBucket(a, 16), javaHashBucket(b, 16));
    assert.ok(javaHashBucket(b, 32) < javaHashBucket(a, 32));
    // the 2.19.4 node (JDK 17) masked with MD5 in both orders; on JDK 19+ the written order decides
    assert.equal(maskDocument(doc, [[b, a, ...filler]], V2).Destination, maskDocument(doc, [b], V2).Destination);
    assert.throws(() => maskDocument(doc, [[a, b, ...filler]], V2), MaskingExpressionError);
    // 11 entries: both JDKs copy into the default table of 16, the written order decides
    assert.equal(maskDocument(doc, [[a, b, ...filler.slice(1)]], V2).Destination, maskDocument(doc, [a], V2).Destination);
  });

  test('2.x: the table grows with the number of entries, which moves the buckets', () => {
    const filler = Array.from({ length: 12 }, (_, i) => `unrelated${i}`);
    const a = 'secret';
    const b = 'sec?et::/e/::E';
    assert.notEqual(javaHashBucket(a, 32) < javaHashBucket(b, 32), javaHashBucket(a, 16) < javaHashBucket(b, 16), 'this pair swaps order between tables of 16 and 32');
    const expected = javaHashBucket(a, 32) < javaHashBucket(b, 32) ? one(a) : one(b);
    assert.equal(maskDocument(DOC, [a, b, ...filler], V2).secret, expected);
  });

  test('3.x: the first entry within a role; roles that disagree throw; roles that agree do not', () => {
    assert.equal(maskDocument(DOC, ['secret', 'sec?et::/e/::E'], V3).secret, one('secret', V3));
    assert.equal(maskDocument(DOC, [['secret', 'sec?et::/e/::E']], V3).secret, one('secret', V3));
    assert.throws(() => maskDocument(DOC, [['secret'], ['sec?et::/e/::E']], V3), (e: unknown) => e instanceof MaskingExpressionError && /order of the user's roles/.test(e.message));
    assert.equal(maskDocument(DOC, [['secret', 'other'], ['secret']], V3).secret, one('secret', V3));
    // a role whose first match is the same entry as another role's
    assert.equal(maskDocument(DOC, [['sec?et::/e/::E'], ['sec?et::/e/::E', 'secret']], V3).secret, 'sEkrit1');
  });

  test('without a version: the first entry (unchanged); input that is neither a list nor lists of entries is a TypeError', () => {
    assert.equal(maskDocument(DOC, ['sec?et::/e/::E', 'secret']).secret, 'sEkrit1');
    assert.throws(() => maskDocument(DOC, ['secret', ['x']] as never), TypeError);
    assert.throws(() => maskDocument(DOC, [[1]] as never), TypeError);
  });
});

describe('javaMaskedFieldSetPicker', () => {
  test('different buckets: the lower; one bucket: the first a role inserts, or every entry that may come first', () => {
    assert.deepEqual(javaMaskedFieldSetPicker([['secret', 'sec?et::/e/::E']])(['secret', 'sec?et::/e/::E']), ['sec?et::/e/::E']);
    assert.deepEqual(javaMaskedFieldSetPicker([['*cret::MD5', 'secret']])(['secret', '*cret::MD5']), ['*cret::MD5']);
    assert.deepEqual(javaMaskedFieldSetPicker([['secret'], ['*cret::MD5']])(['secret', '*cret::MD5']), ['secret', '*cret::MD5']);
    // three in one bucket: '?ecret' is known to follow 'secret', '*cret::MD5' is not ordered against either
    assert.equal(javaHashBucket('?ecret', 16), javaHashBucket('secret', 16));
    assert.deepEqual(javaMaskedFieldSetPicker([['secret', '?ecret'], ['*cret::MD5']])(['secret', '?ecret', '*cret::MD5']), ['secret', '*cret::MD5']);
  });
});

describe('maskedFieldPatternOverlaps', () => {
  test('a literal matched by a glob or regex, and two globs with a common name; the same text and unrelated patterns are not overlaps', () => {
    const found = maskedFieldPatternOverlaps(['secret', 'sec?et::/e/::E', '/s.*/', 'a*b', '*c', 'x*', 'k', 'k::SHA-256', 'zz']);
    assert.deepEqual(found.map((o) => [o.entries, o.example]), [
      [['secret', 'sec?et::/e/::E'], 'secret'],
      [['secret', '/s.*/'], 'secret'],
      [['*c', 'x*'], 'xc'],
    ]);
    assert.deepEqual(maskedFieldPatternOverlaps(['a*b', 'a?c', '*x*y', 'y*x']), [], 'no common name: different last or first characters');
    assert.deepEqual(maskedFieldPatternOverlaps(['*x', 'y*']), [{ entries: ['*x', 'y*'], example: 'yx' }]);
    assert.match(maskedFieldOverlapMessage(found[0] as never), /'secret' and 'sec\?et::\/e\/::E' both match field 'secret'/);
  });
});

test('nine entries in one bucket of a 16-slot table make Java resize it (treeifyBin): the choice is then not predicted (review rv4 RR)', () => {
  // "Aa" and "BB" share String.hashCode, so these 9 strings share a bucket at every table size
  const blocks = ['Aa', 'BB'];
  const colliding = Array.from({ length: 16 }, (_, i) => `z${[0, 1, 2, 3].map((b) => blocks[(i >> b) & 1]).join('')}`).slice(0, 9);
  assert.equal(new Set(colliding.map(javaStringHash)).size, 1);
  const entries = ['name::SHA-1', 'na*::MD5', ...colliding];
  assert.equal(javaHashTableSize(entries.length), 16, 'by size alone the table has 16 slots (Java has 32 after the resize)');
  // the 2.19.4 node masked name with SHA-1 here (Java's order); the size-only model predicted MD5
  assert.throws(() => maskDocument({ name: 'alice' }, entries, { pluginVersion: '2.19.4' }), MaskingExpressionError);
});

test('2.x: blank field patterns (Java isBlank) are one field, WildcardMatcher NONE: two of them clash (the 2.19.4 node: Multiple entries with same key <NONE>)', () => {
  assert.deepEqual(maskedFieldNameClashes([' ', '\t::MD5', 'x']), [{ field: ' ', entries: [' ', '\t::MD5'] }]);
  assert.deepEqual(maskedFieldNameClashes(['::SHA-1', '\u3000\u001f']).length, 1);
  // NBSP is not Java whitespace: a pattern of its own
  assert.deepEqual(maskedFieldNameClashes([' ', '\u00a0::MD5']), []);
  assert.throws(() => maskDocument(DOC, [' ', '  ::MD5'], V2), (e: unknown) => e instanceof MaskingExpressionError && /every search on the index fails/.test(e.message));
  assert.deepEqual(maskDocument(DOC, [' ', '  ::MD5'], V3), DOC);
});
