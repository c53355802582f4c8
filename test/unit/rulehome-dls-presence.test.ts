/**
 * rulehome: "does this index permission put DLS on the index" per plugin version. fgac/dls.ts dlsRules says what a
 * DLS text the plugin cannot read does (2.x: search fails; 3.0-3.5: role dropped from DLS; 3.6+: the permission is kept
 * WITHOUT DLS). verify/ (expectationsFromRoles + compiled-rules effectiveDlsTexts) applies that rule; the valve
 * (explain/dls-fls-valve.ts valveEntries) only asks hasDlsQuery, so on 3.6+ it still sees DLS and refuses a profiled
 * search that verify/ says runs unrestricted. Seeded over texts and versions; expected to FAIL today on 3.6+/3.7+.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../support/seeded-rng.js';
import { dlsFlsRefusal } from '../../src/explain/dls-fls-valve.js';
import { expectationsFromRoles } from '../../src/verify/expectations.js';
import { effectiveDlsTexts } from '../../src/verify/compiled-rules.js';

const TEXTS = ['{"term":{"a":1}}', '{"bad', '{"term":{"a":1}} trailing', '   ', '', '\t\n', '{}', '[]', '{"match_all":{}}', 'null', '{"term":{"a":"${user.name}"}}'];
const VERSIONS = ['2.19.4', '3.0.0', '3.4.0', '3.5.0', '3.6.0', '3.7.0'];

function verdicts(dls: string, pluginVersion: string): { valve: boolean; verify: boolean } {
  const roles = { r: { index_permissions: [{ index_patterns: ['x'], allowed_actions: ['read'], dls }] } };
  const valve = dlsFlsRefusal([{ action: 'indices:data/read/search', indices: ['x'] }], JSON.stringify({ profile: true }), roles, { name: 'u', roles: ['r'] }, { pluginVersion }) !== undefined;
  const e = expectationsFromRoles(roles, 'x', { name: 'u' }, { pluginVersion });
  const exp = e.indices[0];
  assert.ok(exp !== undefined);
  return { valve, verify: effectiveDlsTexts(exp, e).length > 0 };
}

describe('rulehome: one answer to "is there DLS on x" per version', () => {
  test('the valve refuses a profiled search exactly when verify/ keeps a DLS text (seeded)', () => {
    const r = new Rng(0xd15);
    const bad: string[] = [];
    for (let i = 0; i < 200; i++) {
      const dls = r.pick(TEXTS);
      const version = r.pick(VERSIONS);
      const v = verdicts(dls, version);
      // 3.0-3.5 drop the role from DLS (verify keeps the text to answer "unverifiable"; the valve refuses): both say "DLS"
      if (v.valve !== v.verify) bad.push(JSON.stringify({ dls, version, ...v }));
    }
    const unique = [...new Set(bad)];
    assert.deepEqual(unique, [], unique.join('\n'));
  });
});
