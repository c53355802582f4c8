/**
 * `${user.name}`, `${user.roles}` and `${user.securityRoles}` (and their `_` forms) are filled by the plugin for every
 * user. A DlsUser without the matching field leaves the verdict unverifiable, and the reason says which field to pass,
 * not that the node fails every search (helper 132: both 2.19.4 and 3.4.0 answer such searches).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateDls } from '../../src/verify/index.js';

const CASES: Array<[string, string]> = [
  ['user.securityRoles', 'securityRoles'], ['user_securityRoles', 'securityRoles'], ['user.roles', 'roles'], ['user_roles', 'roles'],
];

for (const version of ['2.19.4', '3.4.0', undefined]) {
  for (const [variable, field] of CASES) {
    test(`\${${variable}} without ${field} (plugin ${version ?? 'unknown'}): unverifiable, naming ${field}`, () => {
      const query = `{"terms":{"k":[\${${variable}}]}}`;
      const result = evaluateDls(query, { k: 'a' }, { user: { name: 'u' }, ...(version ? { pluginVersion: version } : {}) });
      assert.equal(result.result, 'unverifiable');
      assert.match((result as { reason: string }).reason, new RegExp(`pass the user's ${field}`));
      assert.doesNotMatch((result as { reason: string }).reason, /fails every search|cannot read/);
      // given, the same query is decided
      const given = evaluateDls(query, { k: 'a' }, { fieldTypes: { k: 'keyword' }, user: { name: 'u', roles: ['a'], securityRoles: ['a'] }, ...(version ? { pluginVersion: version } : {}) });
      assert.equal(given.result, 'match');
    });
  }
}

test('${user.name} without a name: unverifiable, naming name', () => {
  const result = evaluateDls('{"term":{"owner":"${user.name}"}}', { owner: 'u' }, { user: { roles: [] }, pluginVersion: '3.4.0' });
  assert.equal(result.result, 'unverifiable');
  assert.match((result as { reason: string }).reason, /pass the user's name/);
});
