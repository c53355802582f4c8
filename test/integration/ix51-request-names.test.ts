/**
 * How a request's index names are read (src/fgac/index-expressions.ts), with the real node as referee (2.19.4 by
 * default; 3.4.0 with FGAC_DOMAIN_DIR=.local-domain/opensearch-3): a `-x` is an exclusion only after a name with `*`
 * (before it, a literal name no index has: index_not_found, names judged as written), an exclusion of a missing plain
 * name is index_not_found too, `_all` anywhere among the names is every index while ` _all` is a name, `<...>` is date
 * math (`<>` refused), a name starting with `_` fails the request (400) unless a missing name comes first, and a
 * date-math name without `*` makes the plugin judge every name by its text (`<a1>,x-*` as `a1` and `x-*`, `<alias>` as
 * the alias's name: index-expressions.ts dateMathFallsBack), which r2 (`a*`, reaching `b` through the alias only
 * when `x-*` is expanded) and r7 (a regex matching the text `x-*`, and `b` but not the alias) tell apart.
 * For seven roles and a fixed plus a seeded set of index expressions, a search is sent as each role's user:
 * explainPermission (with and without the cluster's index list) and checkPermission (local path) must say what the
 * node did (403 = refused; a 400 before privileges = `undecided` and not granted; anything else = granted). Without the
 * index list the verdict must stay sound: never granted where the node refuses.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Client } from '@opensearch-project/opensearch';
import { checkPermission } from '../../src/explain/check-permission.js';
import { explainPermission } from '../../src/explain/permission.js';
import type { PermissionRoles } from '../../src/explain/types.js';
import { indexAliasesFrom } from '../../src/fgac/aliases.js';
import { loadConnection } from '../domain/connection.js';
import { rng } from '../domain/seed-data.js';
import { deleteRoleUsers, localBasicClients, putRoleUsers, restAnswer } from '../support/local-clients.js';

const conn = loadConnection();
const { master, make, closeAll } = localBasicClients(conn);
const PASSWORD = 'Ix51-names!Pw#7q';
const P = 'ix51-t-';
const INDICES = [`${P}a1`, `${P}a2`, `${P}b`];
const ALIAS = `${P}al`;
const SEARCH = 'indices:data/read/search';

const ROLES: PermissionRoles = {
  [`${P}r1`]: { index_permissions: [{ index_patterns: [`${P}a1`], allowed_actions: ['read'] }] },
  [`${P}r2`]: { index_permissions: [{ index_patterns: [`${P}a*`], allowed_actions: ['read'] }] },
  [`${P}r3`]: { index_permissions: [{ index_patterns: ['*'], allowed_actions: ['read'] }] },
  [`${P}r4`]: { index_permissions: [{ index_patterns: [`${P}a1`, `-${P}a2`], allowed_actions: ['read'] }] },
  [`${P}r5`]: { index_permissions: [{ index_patterns: [`${P}a1`, `${P}a2`, ' _all', `-${P}zz`], allowed_actions: ['read'] }] },
  [`${P}r6`]: { index_permissions: [{ index_patterns: [ALIAS, `${P}a1`], allowed_actions: ['read'] }] },
  [`${P}r7`]: { index_permissions: [{ index_patterns: [`/${P}\\*/`, `${P}b`, `${P}a1`], allowed_actions: ['read'] }] },
};
const ROLE_NAMES = Object.keys(ROLES);
const userOf = (role: string): string => role.replace(`${P}r`, `${P}u`);
const clients = new Map<string, Client>(ROLE_NAMES.map((r) => [r, make(userOf(r), PASSWORD)]));

/** Hand-picked expressions: each kind of name in each place. */
const FIXED: string[][] = [
  [`${P}a*`, `-${P}a2`], [`-${P}a2`, `${P}a*`], [`-${P}a2`], [`${P}a1`, `-${P}a2`], [`${P}a*`, `-${P}a*`],
  [`${P}a*`, `-${P}b`], [`${P}a*`, `-${P}a2`, `${P}a2`], [`${P}a*`, `-${P}zz`], [`${P}a*`, `-${P}a*2`],
  [`-${P}q*`, `${P}a1`, `${P}a2`, `-${P}a2`], [`<${P}a*>`, `-${P}a2`], [`<${P}a1>`, `-${P}a2`], [`${P}a*`, `-<${P}a2>`],
  [`${P}a*`, `-_all`], ['_all'], ['_all', `${P}a1`], [`${P}a1`, '_all'], [' _all'], ['_all '], ['<>'], [`${P}a1`, ` ${P}a2`],
  ['_x', `${P}zz`], [`${P}zz`, '_x'], [`${P}a1`, '_x*'], [`${P}a*`, `-${ALIAS}`], [`${P}*`, `-${P}a*`], [`${P}q*`],
  [`${P}a*`, `+${P}a2`], [`${P}*`, `-${P}b`, `-${P}a1`],
  [`<${P}a1>`, `${P}*`], [`${P}a1`, `${P}*`], [`${P}*`, `<${P}a1>`], [`<${P}a*>`, `${P}*`], [`<${ALIAS}>`], [ALIAS], [`<${P}a1>`, `${P}al*`],
];
const ATOMS = [`${P}a*`, `${P}a1`, `${P}a2`, `${P}b`, ALIAS, `-${P}a2`, `-${P}a*`, `-${P}b`, `-${P}zz`, `-${ALIAS}`, `${P}q*`,
  `-${P}q*`, `${P}zz`, '_all', ' _all', `<${P}a1>`, `<${P}a*>`, `${P}*`];
const random = rng(Number(process.env.IX51_SEED ?? 51));
const generated: string[][] = Array.from({ length: 30 }, () => Array.from({ length: 1 + Math.floor(random() * 4) }, () => ATOMS[Math.floor(random() * ATOMS.length)] as string));
const CASES = [...FIXED, ...generated];
const pathOf = (names: readonly string[]): string => `/${names.map(encodeURIComponent).join(',')}/_search?size=0`;

const send = restAnswer;
before(async () => {
  for (const index of INDICES) {
    await send(master, 'DELETE', `/${index}`);
    assert.ok((await send(master, 'PUT', `/${index}`, { settings: { number_of_replicas: 0 } })).status < 300);
  }
  assert.ok((await send(master, 'POST', '/_aliases', { actions: [{ add: { index: `${P}b`, alias: ALIAS } }] })).status < 300);
  await putRoleUsers(master, Object.fromEntries(ROLE_NAMES.map((role) => [role, { index_permissions: (ROLES[role] as { index_permissions: unknown }).index_permissions }])), userOf, PASSWORD);
});

after(async () => {
  await deleteRoleUsers(master, ROLE_NAMES, userOf);
  for (const index of INDICES) await send(master, 'DELETE', `/${index}`);
  await closeAll();
});

describe(`a request's index names, as the ${conn.opensearch.version} node reads them`, () => {
  test(`explainPermission and checkPermission say what the node did, for ${CASES.length} expressions and ${ROLE_NAMES.length} roles`, async () => {
    const aliases = indexAliasesFrom((await send(master, 'GET', '/_alias')).body);
    const clusterIndices = ((await send(master, 'GET', '/_cat/indices?h=index&format=json&expand_wildcards=all')).body as Array<{ index: string }>).map((r) => r.index);
    const failures: string[] = [];
    const outcomes = new Set<string>();
    for (const names of CASES) {
      const path = pathOf(names);
      for (const role of ROLE_NAMES) {
        const real = await send(clients.get(role) as Client, 'GET', path);
        assert.ok(real.status !== 401 && real.status !== 0, `${path} as ${role}: ${real.status}`);
        outcomes.add(`${names.join(',')}|${role}|${real.status}`);
        const what = `[${names.map((n) => JSON.stringify(n)).join(',')}] as ${role}: node ${real.status}`;
        const query = { action: SEARCH, index: names, user: { name: userOf(role), roles: [role] }, aliases };
        const known = explainPermission(ROLES, undefined, { ...query, clusterIndices });
        // a 400 the plugin answers before judging privileges: the SDK says so (undecided, not granted)
        const failsFirst = known.undecided?.some((u) => u.includes('fails the request before judging')) === true;
        if (failsFirst) {
          if (real.status !== 400 || known.granted) failures.push(`${what}, explainPermission: fails first (granted=${known.granted})`);
        } else if (known.granted !== (real.status !== 403)) {
          failures.push(`${what}, explainPermission granted=${known.granted} on ${JSON.stringify(known.indices)}`);
        }
        const blind = explainPermission(ROLES, undefined, query);
        if (blind.granted && real.status === 403) failures.push(`${what}, explainPermission without clusterIndices granted`);
        // checkPermission reads the path (request-actions.ts trims each name: the names with spaces are left out)
        if (FIXED.includes(names) && !names.some((n) => n !== n.trim())) {
          const checked = await checkPermission(clients.get(role) as Client, { method: 'GET', path }, { admin: master, mode: 'local' });
          if (checked.allowed !== null && checked.allowed !== (real.status !== 403) && !(failsFirst && !checked.allowed)) {
            failures.push(`${what}, checkPermission allowed=${checked.allowed} (${checked.missingPrivileges.join(', ')})`);
          }
        }
      }
    }
    assert.deepEqual(failures, []);
    // the node did what the rules say (a run where every request is refused would prove nothing)
    for (const seen of [
      `${P}a*,-${P}a2|${P}r6|200`, `${P}*,-${P}a*|${P}r1|200`, `-${P}a2,${P}a*|${P}r2|403`, `${P}a*,-${P}zz|${P}r2|403`, ` _all|${P}r5|404`,
      `_all,${P}a1|${P}r1|403`, `<>|${P}r3|400`, `_x,${P}zz|${P}r1|400`, `${P}zz,_x|${P}r1|403`, `-${P}q*,${P}a1,${P}a2,-${P}a2|${P}r1|200`,
      // a date-math name without *: the names judged by their text
      `<${P}a1>,${P}*|${P}r2|403`, `${P}a1,${P}*|${P}r2|200`, `<${P}a*>,${P}*|${P}r2|200`, `<${P}a1>,${P}*|${P}r7|200`, `${P}*,<${P}a1>|${P}r7|200`,
      `${P}a1,${P}*|${P}r7|403`, `<${ALIAS}>|${P}r7|403`, `${ALIAS}|${P}r7|200`,
    ]) assert.ok(outcomes.has(seen), `the node did not answer ${seen}`);
  });
});
