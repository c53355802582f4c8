/**
 * verifyHits keeps the per-verification state of a rule set (merged rules, DLS options, the `_source` walk) from one
 * call to the next (src/verify/rule-use.ts, so V8's optimised code for it survives a GC): no call may see another's
 * salt, masks, originals or strictMasks, a verification started from inside another (an originals callback) gets
 * state of its own, and the state is released after a call that throws. Between calls it holds nothing of a caller's.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyHits } from '../../src/verify/verifier.js';
import { expectationsFromRoles, type AccessExpectations, type RoleLike } from '../../src/verify/expectations.js';
import { maskValue } from '../../src/fgac/masking.js';
import { readExpectations } from '../../src/verify/check-expectations.js';
import { releaseUse, takeUse } from '../../src/verify/rule-use.js';
import { ConfigError } from '../../src/errors/classes.js';

const SALT = 'state-reuse-salt-0123456789';
const OTHER_SALT = 'state-reuse-other-salt-98765';
const ROLE: RoleLike = {
  name: 'reuse-role',
  index_permissions: [{ index_patterns: ['reuse*'], dls: '{"term": {"open": true}}', fls: ['~secret'], masked_fields: ['city'], allowed_actions: ['read'] }],
};
const TYPES = { open: 'boolean', city: 'keyword', secret: 'keyword' } as const;
const DOCS = Array.from({ length: 40 }, (_, i) => ({ id: `d${i}`, doc: { city: `City ${i}`, open: true, secret: `s${i}`, n: i } }));
const ORIGINALS = new Map(DOCS.map((d) => [`reuse/${d.id}`, d.doc]));

/** The view the plugin returns for ROLE with `salt` (built by hand). */
function response(salt: string): { hits: { hits: unknown[] } } {
  return { hits: { hits: DOCS.map((d) => ({ _index: 'reuse', _id: d.id, _source: { city: maskValue(d.doc.city, { salt }), open: true, n: d.doc.n } })) } };
}

const expectations = (extra: Partial<AccessExpectations> = {}): AccessExpectations =>
  ({ ...expectationsFromRoles([ROLE], 'reuse', { name: 'u' }, { salt: SALT, fieldTypes: TYPES, originals: ORIGINALS, pluginVersion: '2.19.4' }), ...extra });

describe('verifyHits state kept between calls', () => {
  test('calls in a row on the same rules see only their own salt, masks and strictMasks', () => {
    const good = response(SALT);
    const pass = verifyHits(good, expectations());
    assert.equal(pass.status, 'pass');
    assert.equal(pass.counts.masksRecomputed, DOCS.length);
    // the masks the previous call recomputed (and remembered) are not this call's: another salt makes every one wrong
    const other = verifyHits(good, expectations({ salt: OTHER_SALT }));
    assert.equal(other.counts.wrongMasks, DOCS.length);
    assert.equal(verifyHits(good, expectations()).status, 'pass');
    // salt unknown and strictMasks: every mask an unverifiable item, then the salt known again: a pass
    const { salt: _salt, ...noSalt } = expectations();
    const strict = verifyHits(good, { ...noSalt, strictMasks: true });
    assert.equal(strict.status, 'unverifiable');
    assert.equal(strict.counts.unverifiable, DOCS.length);
    const shapes = verifyHits(good, noSalt);
    assert.equal(shapes.status, 'pass');
    assert.equal(shapes.counts.masksShapeChecked, DOCS.length);
    assert.equal(verifyHits(good, expectations()).counts.masksRecomputed, DOCS.length);
    // a response masked with the other salt is right under it, wrong under the first
    assert.equal(verifyHits(response(OTHER_SALT), expectations({ salt: OTHER_SALT })).status, 'pass');
    assert.equal(verifyHits(response(OTHER_SALT), expectations()).counts.wrongMasks, DOCS.length);
  });

  test('a verification started from an originals callback gets state of its own; both reports are right', () => {
    const good = response(SALT);
    const plain = JSON.stringify(verifyHits(good, expectations()));
    const inner: string[] = [];
    const viaCallback = verifyHits(good, expectations({
      originals: (index, id) => {
        // the inner call uses the other salt: it must not change the outer one's (or share its masks)
        if (id === 'd3') inner.push(JSON.stringify(verifyHits(response(OTHER_SALT), expectations({ salt: OTHER_SALT }))), JSON.stringify(verifyHits(good, expectations())));
        return ORIGINALS.get(`${index}/${id}`);
      },
    }));
    assert.equal(JSON.stringify(viaCallback), plain);
    assert.equal(inner.length, 2);
    assert.equal(JSON.parse(inner[0] as string).status, 'pass');
    assert.equal(inner[1], plain);
  });

  test('a call that throws releases the state: the next call on the same rules uses it again', () => {
    const all = readExpectations(expectations());
    const exp = all.indices[0];
    assert.ok(exp !== undefined);
    const kept = takeUse(exp, all, true, new Map());
    releaseUse(kept);
    assert.throws(() => verifyHits(response(SALT), expectations({ originals: () => { throw new Error('lookup down'); } })), ConfigError);
    const again = takeUse(exp, all, true, new Map());
    try {
      assert.equal(again, kept, 'the state of the rules was released by the call that threw');
      // while held, a second taker gets state of its own
      const second = takeUse(exp, all, true, new Map());
      assert.notEqual(second, kept);
      releaseUse(second);
    } finally {
      releaseUse(again);
    }
    assert.equal(verifyHits(response(SALT), expectations()).status, 'pass');
  });

  test('the checked expectations keep one shape whatever is given (V8 keeps the code made for it)', () => {
    const minimal = readExpectations({ indices: [{ indexPatterns: ['x'], rules: [{}] }] });
    const full = readExpectations(expectations({ strictMasks: true, sourceComplete: false, aliases: {}, dlsVerdict: () => undefined }));
    assert.deepEqual(Object.keys(minimal), Object.keys(full));
    assert.deepEqual(Object.keys(minimal), ['indices', 'user', 'salt', 'defaultAlgorithm', 'pluginVersion', 'originals', 'dfmEmptyOverridesAll', 'sourceComplete', 'strictMasks', 'aliases', 'dlsVerdict']);
    assert.deepEqual(Object.keys(minimal.indices[0] ?? {}), ['indexPatterns', 'rules', 'fieldTypes', 'masking', 'undecided']);
    assert.deepEqual(Object.keys(minimal.indices[0]?.rules[0] ?? {}), ['role', 'dls', 'fls', 'maskedFields']);
    assert.deepEqual(Object.keys(full.indices[0]?.rules[0] ?? {}), ['role', 'dls', 'fls', 'maskedFields']);
    // absent is undefined, and a copy read again (verifyHitsWithServer spreads it) reads the same
    assert.equal(minimal.salt, undefined);
    assert.deepEqual(readExpectations({ ...full }), full);
  });

  test('hit reports are plain objects (made by a constructor whose prototype is Object\'s), fields in order', () => {
    const r = verifyHits({ hits: { hits: [{ _index: 'reuse', _id: 'd1', _source: { n: 1 } }, 7] } }, { indices: [{ indexPatterns: ['reuse'], rules: [{}] }] });
    const [hit, odd] = r.hits;
    assert.ok(hit !== undefined && odd !== undefined);
    assert.equal(Object.getPrototypeOf(hit), Object.prototype);
    assert.deepStrictEqual(hit, { index: 'reuse', id: 'd1', status: 'pass', dls: { result: 'match' }, findings: [], unverifiable: [], masksRecomputed: 0, masksShapeChecked: 0 });
    assert.deepEqual(Object.keys(odd), ['index', 'id', 'status', 'dls', 'findings', 'unverifiable', 'masksRecomputed', 'masksShapeChecked']);
    assert.notEqual(hit.findings, odd.findings, 'each report has arrays of its own');
  });

  test('between calls the state holds no salt, mask, original, report or record of masks', () => {
    const all = readExpectations(expectations());
    const exp = all.indices[0];
    assert.ok(exp !== undefined);
    assert.equal(verifyHits(response(SALT), expectations()).status, 'pass');
    const use = takeUse(exp, all, true, new Map());
    releaseUse(use);
    assert.equal(use.busy, false);
    assert.equal(use.m.salt, undefined);
    assert.equal(use.m.memo.size, 0);
    const ctx = use.walk.mask;
    assert.equal(ctx.all.salt, undefined);
    assert.equal(ctx.all.originals, undefined);
    assert.equal(ctx.uses.size, 0);
    assert.equal(ctx.rep, undefined);
    assert.equal(use.walk.hidden.length, 0);
    assert.equal(use.dlsOptions.unknownField, undefined);
    assert.equal(use.dlsOptions.index, undefined);
    assert.ok(!JSON.stringify(use.meta ?? {}).includes('state-reuse'), 'no salt in the kept metadata check');
  });
});
