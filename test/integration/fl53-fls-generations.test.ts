/**
 * FLS without `pluginVersion` on the REAL node (2.19.4, or 3.4 with FGAC_DOMAIN_DIR=.local-domain/opensearch-3): for
 * every entry shape whose reading the SDK ties to a version (`''`, `~x`, `!x`, `?` and `/regex/` under 2.x's exact-name
 * shortcut, lone `*`, `.`-holding names, mixed includes and excludes, blank entries, one role or two), the fields an
 * `exists` query finds for a user under the role must be what isFieldVisible / compileFls answer with the node's
 * version; without a version they must answer the same wherever 1.x/2.x and 3.x agree (the table's `v2` and `v3`, each
 * checked on its node) and throw the error naming pluginVersion only where they differ. The user's real `_source` is
 * filterDocument's with the version, and verifyHits never finds a violation in the real response (without a version it
 * passes it when every field it shows is agreed on) while it does in one showing a field both generations hide.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MaskingExpressionError } from '../../src/fgac/errors.js';
import { pluginMajorVersion } from '../../src/fgac/plugin-version.js';
import { compileFls, filterDocument, isFieldVisible } from '../../src/verify/fls.js';
import { verifyHits } from '../../src/verify/verifier.js';
import { loadConnection } from '../domain/connection.js';
import { afterConflicts } from '../support/settle.js';
import { localBasicClients, quickHash, restAnswer } from '../support/local-clients.js';

const conn = loadConnection();
const VERSION = conn.opensearch.version;
const MAJOR = pluginMajorVersion(VERSION) as number;
const API = '/_plugins/_security/api';
const USER = 'fl53-fls-user';
const PASSWORD = 'Fl53-fls-Passw0rd!7';
const INDEX = 'fl53-generations';
const roleName = (i: number): string => `fl53-fls-role-${i}`;
const DOC: Record<string, unknown> = { abc: 'p', 'a?c': 'q', '/ab+/': 's', ab: 't', zz: 'u', ' ': 'v', o: { p: 'w', q: 'x' } };
const FIELDS = ['abc', 'a?c', '/ab+/', 'ab', 'zz', ' ', 'o.p', 'o.q'];
const but = (...hidden: string[]): string[] => FIELDS.filter((f) => !hidden.includes(f));
const { master, make, closeAll } = localBasicClients(conn);
const user = make(USER, PASSWORD);

/**
 * The roles' FLS lists and the fields `exists` finds on 1.x/2.x and on 3.x (`fails`: every search fails). Written from
 * the plugins' rules and checked on 2.19.4 and 3.4.0 (3.4's REST API refuses blank entries: those rows' v3 is the
 * source's reading, WildcardMatcher's NONE for a blank pattern). Object includes (`['o']`) are left out: 2.x's search
 * then finds none of the object's members, which the SDK does not model (see the fix report).
 */
const CASES: Array<{ roles: string[][]; v2: string[] | 'fails'; v3: string[] }> = [
  { roles: [['']], v2: 'fails', v3: [] },
  { roles: [['', 'ab']], v2: 'fails', v3: ['ab'] },
  { roles: [['', '~zz']], v2: 'fails', v3: but('zz') },
  { roles: [['~']], v2: FIELDS, v3: FIELDS },
  { roles: [['~zz']], v2: but('zz'), v3: but('zz') },
  { roles: [['!zz']], v2: but('zz'), v3: but('zz') },
  { roles: [['a?c']], v2: ['a?c'], v3: ['abc', 'a?c'] },
  { roles: [['~a?c']], v2: but('a?c'), v3: but('a?c', 'abc') },
  { roles: [['/ab+/']], v2: ['/ab+/'], v3: ['ab'] },
  { roles: [['~/ab+/']], v2: but('/ab+/'), v3: but('ab') },
  { roles: [['*']], v2: FIELDS, v3: FIELDS },
  { roles: [['~*']], v2: [], v3: [] },
  { roles: [['o.p']], v2: ['o.p'], v3: ['o.p'] },
  { roles: [['~o.p']], v2: but('o.p'), v3: but('o.p') },
  { roles: [['~o']], v2: but('o.p', 'o.q'), v3: but('o.p', 'o.q') },
  { roles: [['ab', '~zz']], v2: but('zz'), v3: but('zz') },
  { roles: [['a?c', '~zz']], v2: but('zz'), v3: but('zz') },
  { roles: [['o.p', '~zz']], v2: but('zz'), v3: but('zz') },
  { roles: [[' ']], v2: [' '], v3: [] },
  { roles: [['~ ']], v2: but(' '), v3: FIELDS },
  { roles: [['a?c'], ['~zz']], v2: but('zz'), v3: but('zz') },
  { roles: [['a?c'], ['o.p']], v2: ['abc', 'a?c', 'o.p'], v3: ['abc', 'a?c', 'o.p'] },
  { roles: [['ab'], ['']], v2: 'fails', v3: ['ab'] },
];

type Answer = boolean | 'undecided';
const answer = (f: () => boolean): Answer => {
  try {
    return f();
  } catch (e) {
    if (e instanceof MaskingExpressionError && /pass pluginVersion/.test(e.message)) return 'undecided';
    throw e;
  }
};
const blank = (roles: string[][]): boolean => roles.some((r) => r.some((p) => p.trim() === ''));

/** PUTs the roles and the user; false when the node refuses a role (3.4+ refuses blank list elements). */
async function grant(roles: string[][]): Promise<boolean> {
  for (const [i, fls] of roles.entries()) {
    let status = 0;
    await afterConflicts(async () => {
      const r = await restAnswer(master, 'PUT', `${API}/roles/${roleName(i)}`, { index_permissions: [{ index_patterns: [INDEX], allowed_actions: ['read'], fls }] });
      if (r.status === 409) throw new Error('CONFLICT');
      status = r.status;
    });
    if (status === 400 && MAJOR >= 3 && blank(roles)) return false;
    assert.ok(status < 300, `PUT role ${JSON.stringify(fls)}: ${status}`);
  }
  await afterConflicts(async () => {
    const r = await restAnswer(master, 'PUT', `${API}/internalusers/${USER}`, { hash: quickHash(PASSWORD), opendistro_security_roles: roles.map((_, i) => roleName(i)) });
    if (r.status >= 300) throw new Error(r.status === 409 ? 'CONFLICT' : `PUT user: ${r.status}`);
  });
  return true;
}

before(async () => {
  await restAnswer(master, 'DELETE', `/${INDEX}`);
  const r = await restAnswer(master, 'PUT', `/${INDEX}/_doc/1?refresh=true`, DOC);
  assert.ok(r.status < 300, JSON.stringify(r.body));
});

after(async () => {
  await restAnswer(master, 'DELETE', `${API}/internalusers/${USER}`);
  for (let i = 0; i < 2; i++) await restAnswer(master, 'DELETE', `${API}/roles/${roleName(i)}`);
  await restAnswer(master, 'DELETE', `/${INDEX}`);
  await closeAll();
});

describe(`FLS entry shapes with and without pluginVersion, on the real ${VERSION} node`, () => {
  for (const c of CASES) {
    test(`fls ${JSON.stringify(c.roles)}`, async () => {
      const expected = MAJOR >= 3 ? c.v3 : c.v2;
      if (!(await grant(c.roles))) {
        assert.ok(blank(c.roles), 'only a blank entry is refused');
      } else {
        const readable: string[] = [];
        let failed = 0;
        for (const field of FIELDS) {
          const found = await restAnswer(user, 'POST', `/${INDEX}/_search`, { query: { exists: { field } } });
          if (found.status !== 200) failed++;
          else if ((found.body as { hits: { total: { value: number } } }).hits.total.value > 0) readable.push(field);
        }
        assert.deepEqual(failed > 0 ? 'fails' : readable.sort(), expected === 'fails' ? 'fails' : [...expected].sort(), 'the node, against the table');
        const search = await restAnswer(user, 'POST', `/${INDEX}/_search`, { query: { match_all: {} } });
        if (expected === 'fails') {
          assert.ok(search.status >= 400, 'every search fails');
          assert.throws(() => compileFls(c.roles, { pluginVersion: VERSION }), MaskingExpressionError);
        } else {
          const shown = FIELDS.filter((f) => isFieldVisible(f, c.roles, 'leaf', { pluginVersion: VERSION })).sort();
          assert.deepEqual(shown, readable, 'isFieldVisible with the node version');
          assert.deepEqual(FIELDS.filter((f) => compileFls(c.roles, { pluginVersion: VERSION }).isVisible(f, 'leaf')).sort(), readable, 'compileFls');
          const body = search.body as { hits: { hits: Array<{ _source?: Record<string, unknown> }> } };
          const source = body.hits.hits[0]?._source;
          if (source !== undefined) assert.deepEqual(source, filterDocument(DOC, c.roles, { pluginVersion: VERSION }), '_source');
          const expectations = { indices: [{ indexPatterns: [INDEX], rules: c.roles.map((fls) => ({ fls })) }] };
          assert.equal(verifyHits(search.body, { ...expectations, pluginVersion: VERSION }).status, 'pass', 'verifyHits with the version');
          const unversioned = verifyHits(search.body, expectations);
          assert.notEqual(unversioned.status, 'violation', 'verifyHits without a version never condemns the real response');
          const agreed = (f: string): boolean => answer(() => isFieldVisible(f, c.roles, 'leaf')) !== 'undecided';
          if (source !== undefined && Object.keys(source).every((k) => FIELDS.filter((f) => f === k || f.startsWith(`${k}.`)).every(agreed))) {
            // (metadata fields a `~*`-like entry matches are version-dependent on their own: flsHiddenMetaFields)
            const doubts = unversioned.unverifiable.filter((u) => !(u.path ?? '').startsWith('_'));
            assert.deepEqual(doubts, [], 'a response showing only agreed fields is judged without a version');
          }
        }
      }
      // without a version: the agreed answer, or the error naming pluginVersion where 1.x/2.x and 3.x differ
      const v2 = c.v2 === 'fails' ? [] : c.v2;
      for (const f of FIELDS) {
        const want: Answer = v2.includes(f) === c.v3.includes(f) ? c.v3.includes(f) : 'undecided';
        assert.equal(answer(() => isFieldVisible(f, c.roles, 'leaf')), want, `isFieldVisible ${f} without a version`);
        assert.equal(answer(() => compileFls(c.roles).isVisible(f, 'leaf')), want, `compileFls ${f} without a version`);
        if (want === false) {
          const forged = { hits: { hits: [{ _index: INDEX, _id: '1', _source: f.startsWith('o.') ? { o: { [f.slice(2)]: 'w' } } : { [f]: DOC[f] } }] } };
          assert.equal(verifyHits(forged, { indices: [{ indexPatterns: [INDEX], rules: c.roles.map((fls) => ({ fls })) }] }).status, 'violation', `a hit showing ${f}`);
        }
      }
    });
  }
});
