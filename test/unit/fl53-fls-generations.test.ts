/**
 * FLS without `pluginVersion`: isFieldVisible, compileFls and verifyHits' FLS part answer a field every plugin generation
 * reads alike (1.x/2.x and 3.x; `['']` alone: no field, since 2.x fails every search and 3.x includes nothing) and throw
 * the typed error naming pluginVersion only for a field they read differently (the live nodes referee the readings in
 * test/integration/fl53-fls-generations.test.ts). Also: verifyHits' compiled rules merge the roles' lists once.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MaskingExpressionError } from '../../src/fgac/errors.js';
import { compileFls, filterDocument, isFieldVisible } from '../../src/verify/fls.js';
import { rulesFor } from '../../src/verify/compiled-rules.js';
import { verifyHits } from '../../src/verify/verifier.js';
import { validateRole } from '../../src/security/model.js';

const FIELDS = ['abc', 'a?c', '/ab+/', 'ab', 'zz', ' ', 'o', 'o.p', 'x.y', 'FlightNum.keyword'];
/** Every entry shape whose reading the code ties to a version, alone and together. */
const SHAPES: string[][] = [
  [''], ['', 'ab'], ['', '~zz'], ['', 'o.p'], ['', '*'], ['~'], ['~zz'], ['!zz'], ['a?c'], ['~a?c'], ['!a?c'], ['/ab+/'], ['~/ab+/'],
  ['*'], ['~*'], ['o.p'], ['~o.p'], ['o'], ['ab', '~zz'], ['a?c', '~zz'], ['a?c', 'o.p'], ['a?c', 'z*'], ['/ab+/', '~o.p'], [' '], ['~ '],
];
const undecided = (e: unknown): boolean => e instanceof MaskingExpressionError && /pass pluginVersion/.test(e.message);
type Answer = boolean | 'throws';
const answer = (f: () => boolean): Answer => {
  try {
    return f();
  } catch (e) {
    if (undecided(e)) return 'throws';
    throw e;
  }
};

describe('FLS without pluginVersion: answered where the generations agree', () => {
  test("['']: every generation shows no field, so every field is hidden (no error)", () => {
    for (const f of FIELDS) assert.equal(isFieldVisible(f, [''], 'leaf'), false, f);
    assert.equal(compileFls([['']]).isVisible('a'), false);
    assert.deepEqual(filterDocument({ a: 1, o: { p: 2 } }, [['']]), {});
  });

  test("['', 'ab']: 'ab' depends on the version (2.x fails, 3.x shows it), the others are hidden", () => {
    assert.throws(() => isFieldVisible('ab', ['', 'ab']), (e: unknown) => undecided(e) && (e as MaskingExpressionError).expression === '');
    assert.equal(isFieldVisible('zz', ['', 'ab']), false);
  });

  for (const kind of ['leaf', 'object', 'any'] as const) {
    test(`each shape, kind ${kind}: the answer both versioned readings give, or the error where they differ`, () => {
      for (const fls of SHAPES) {
        for (const f of FIELDS) {
          // 2.x failing every search (an empty entry: MaskingExpressionError with the version) shows no field
          const [r2, r3] = ['2.19.4', '3.4.0'].map((pluginVersion) => {
            try {
              return isFieldVisible(f, [fls], kind, { pluginVersion });
            } catch (e) {
              if (pluginVersion === '2.19.4' && e instanceof MaskingExpressionError && fls.includes('')) return false;
              throw e;
            }
          });
          const want: Answer = r2 === r3 ? (r2 as boolean) : 'throws';
          assert.equal(answer(() => isFieldVisible(f, [fls], kind)), want, `${JSON.stringify(fls)} ${f}`);
          assert.equal(answer(() => compileFls([fls]).isVisible(f, kind)), want, `compileFls ${JSON.stringify(fls)} ${f}`);
        }
      }
    });
  }

  test('the shapes that differ do differ somewhere (the test above is not vacuous)', () => {
    assert.equal(answer(() => isFieldVisible('abc', ['a?c'])), 'throws');
    assert.equal(answer(() => isFieldVisible('a?c', ['a?c'])), true);
    assert.equal(answer(() => isFieldVisible(' ', [' '])), 'throws');
    assert.equal(answer(() => isFieldVisible('abc', ['~a?c'])), 'throws');
    assert.equal(answer(() => isFieldVisible('zz', ['~a?c'])), true);
  });
});

describe('verifyHits without pluginVersion', () => {
  const exp = (fls: string[]) => ({ indices: [{ indexPatterns: ['i'], rules: [{ fls }] }] });
  const hit = (source: Record<string, unknown>) => ({ hits: { hits: [{ _index: 'i', _id: '1', _source: source }] } });

  test("['']: a field shown is a leak under every generation, no field shown passes", () => {
    const leak = verifyHits(hit({ a: 1 }), exp(['']));
    assert.equal(leak.status, 'violation');
    assert.deepEqual(leak.findings.map((f) => [f.kind, f.path]), [['fls-leak', 'a']]);
    assert.equal(verifyHits(hit({}), exp([''])).status, 'pass');
  });

  test("['', 'ab']: 'ab' shown is unverifiable (naming pluginVersion), 'zz' shown a leak", () => {
    const shown = verifyHits(hit({ ab: 1 }), exp(['', 'ab']));
    assert.equal(shown.status, 'unverifiable');
    assert.match(shown.unverifiable.map((u) => u.reason).join(), /pass pluginVersion/);
    assert.equal(verifyHits(hit({ zz: 1 }), exp(['', 'ab'])).status, 'violation');
  });

  test("['~a?c']: 'zz' passes, 'abc' (hidden on 3.x only) is never a pass", () => {
    assert.equal(verifyHits(hit({ zz: 1 }), exp(['~a?c'])).status, 'pass');
    assert.equal(verifyHits(hit({ abc: 1 }), exp(['~a?c'])).status, 'unverifiable');
  });
});

describe("verifyHits' compiled rules merge the roles' FLS lists once", () => {
  /** An FLS list counting the reads of its first entry. */
  const counted = (entries: string[]): { list: string[]; reads: () => number } => {
    let reads = 0;
    const list = new Proxy(entries, { get: (t, k, r) => { if (k === '0') reads++; return Reflect.get(t, k, r) as unknown; } });
    return { list, reads: () => reads };
  };

  test('compiling an index reads the lists as one compileFls does (plus the cache key)', () => {
    for (const [i, entries] of [['~fl53-a'], ['fl53-b', 'x.*'], ['', 'fl53-c'], ['fl53-d?']].entries()) {
      const tag = `fl53-merge-${i}-${process.hrtime.bigint()}`;
      const one = counted([...entries, tag]);
      compileFls([one.list]);
      const key = counted([...entries, tag]);
      JSON.stringify(key.list);
      const viaRules = counted([...entries, tag]);
      const { compiled } = rulesFor({ indexPatterns: ['i'], rules: [{ fls: viaRules.list }] }, { indices: [] });
      assert.equal(viaRules.reads(), one.reads() + key.reads(), JSON.stringify(entries));
      assert.deepEqual(compiled.fls.merged, [...entries, tag]);
    }
  });
});

describe('validateRole: a blank FLS entry', () => {
  test("without a version (2.x's words) it says 2.x shows or hides the field named so under its shortcut, not that it names no field", () => {
    for (const [fls, verb] of [[' ', 'shows'], ['~ ', 'hides']] as const) {
      const text = validateRole({ index_permissions: [{ index_patterns: ['a'], allowed_actions: ['read'], fls: [fls] }] }).warnings.map((w) => w.message).join();
      assert.match(text, new RegExp(`2\\.x ${verb} the field named ' '`), fls);
      assert.doesNotMatch(text, /names no field/, fls);
    }
  });
});
