/**
 * One reading of "is this a /regex/" and of the FLS `~`/`!` prefix across readers (fgac/fls-entry.ts the home),
 * the lone `/` (WildcardMatcher's precondition: IllegalArgumentException, no message) and the empty FLS entry ''
 * (2.x charAt(0): every search fails, seen on 2.19.4 "String index out of range: 0"; 3.x a pattern matching nothing).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyFlsEntryFailure, parseFlsPattern, splitFlsEntry, toFlsEntry, v2FlsExactNames, canonicalFlsEntry } from '../../src/fgac/fls-entry.js';
import { maskedFieldPatternOverlaps } from '../../src/fgac/masked-field.js';
import { pluginSourceView } from '../../src/verify/fls-source.js';
import { canonicalFields } from '../../src/security/canonical.js';
import { ActionResolver, groupTable } from '../../src/explain/action-resolver.js';
import { MaskingExpressionError } from '../../src/fgac/errors.js';

describe('the lone /', () => {
  for (const source of ['/', '~/']) {
    test(`parseFlsPattern('${source}') is refused without claiming the plugin's "Invalid FLS pattern" message`, () => {
      for (const dialect of ['v2', 'v3'] as const) {
        const r = parseFlsPattern(source, { dialect });
        assert.equal(r.ok, false);
        if (r.ok) return;
        assert.equal(r.error.exact, false);
        assert.match(r.error.message, dialect === 'v3' ? /Ignoring role.*IllegalArgumentException/ : /exact field name.*fails every search/);
      }
    });
  }

  test("2.x's _source view: '/' is an exact name under the shortcut, and fails the search past it (seen on 2.19.4)", () => {
    const doc = { a: 1, b: 2 };
    assert.deepEqual(pluginSourceView(doc, ['/'], 'v2'), {});
    assert.deepEqual(pluginSourceView(doc, ['~/'], 'v2'), doc);
    for (const fls of [['/', 'a*'], ['~/', '~b.c'], ['/[/', 'a*']]) {
      assert.throws(() => pluginSourceView(doc, fls, 'v2'), (e: unknown) => e instanceof MaskingExpressionError && /2\.x fails every search/.test(e.message), fls.join());
    }
  });

  test('a / in allowed_actions is an action pattern (one that does not compile), not an unknown entry', () => {
    assert.deepEqual(new ActionResolver(groupTable(undefined)).unknownEntries(['/', 'no_such_group']), ['no_such_group']);
  });

  test('a masked / overlaps no other entry: it is a regex the plugin cannot compile, not a literal field name', () => {
    assert.deepEqual(maskedFieldPatternOverlaps(['/', '*']), []);
    assert.equal(maskedFieldPatternOverlaps(['a', '*']).length, 1);
  });
});

describe('the empty FLS entry', () => {
  test('parseFlsPattern: 2.x refuses it (every search fails), 3.x reads it as a pattern matching nothing', () => {
    const v2 = parseFlsPattern('', { dialect: 'v2' });
    assert.equal(v2.ok, false);
    assert.match(v2.ok ? '' : v2.error.message, /2\.x fails every search/);
    const v3 = parseFlsPattern('', { dialect: 'v3' });
    assert.equal(v3.ok, true);
    assert.equal(v3.ok ? v3.value.syntax : undefined, 'none');
    assert.equal(v3.ok ? v3.value.kind : undefined, 'include');
  });

  test('the 2.x _source view fails as the node does; the 3.x one keeps nothing', () => {
    const doc = { a: 1, b: 2 };
    assert.throws(() => pluginSourceView(doc, ['a', ''], 'v2'), (e: unknown) => e instanceof MaskingExpressionError && /every search/.test(e.message));
    assert.deepEqual(pluginSourceView(doc, [''], 'v3'), {});
    assert.equal(emptyFlsEntryFailure('', 'v3'), undefined);
    assert.equal(emptyFlsEntryFailure('a', 'v2'), undefined);
  });
});

describe('the ~ / ! prefix in one home', () => {
  test('splitFlsEntry, toFlsEntry and canonicalFlsEntry agree', () => {
    assert.deepEqual(splitFlsEntry('~a'), { excluded: true, pattern: 'a' });
    assert.deepEqual(splitFlsEntry('!a'), { excluded: true, pattern: 'a' });
    assert.deepEqual(splitFlsEntry(''), { excluded: false, pattern: '' });
    assert.deepEqual(toFlsEntry('!a'), { exclude: 'a' });
    assert.equal(canonicalFlsEntry('!a'), '~a');
    assert.equal(canonicalFlsEntry('a'), 'a');
  });

  test('a role fls ["!a"] and ["~a"] are the same for the canonical comparison', () => {
    const role = (fls: string[]) => ({ index_permissions: [{ index_patterns: ['x'], allowed_actions: ['read'], fls }] });
    assert.deepEqual(canonicalFields('roles', role(['!a']), '2.19.4'), canonicalFields('roles', role(['~a']), '2.19.4'));
  });

  test("v2FlsExactNames: 2.x's shortcut applies while no entry holds . or *", () => {
    assert.equal(v2FlsExactNames(['~a', 'b?']), true);
    assert.equal(v2FlsExactNames(['~a', 'b.c']), false);
    assert.equal(v2FlsExactNames(['a*']), false);
  });
});
