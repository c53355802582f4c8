/**
 * A default masking algorithm the plugin does not know (a typo such as SHA-265) is refused by verifyHits naming the
 * option: with it no mask could be recomputed, and every masked value passed on its shape alone.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, expectationsFromRoles, maskValue, verifyHits } from '../../src/index.js';

const role = { index_permissions: [{ index_patterns: ['logs'], allowed_actions: ['read'], masked_fields: ['k'] }] };
const salt = 'lo61-salt-0123456789';

test('verifyHits refuses an unknown defaultAlgorithm, at the top and per index, naming the option', () => {
  const mask = maskValue('clear', { salt, defaultAlgorithm: 'SHA-256' });
  const hits = { hits: { hits: [{ _index: 'logs', _id: '1', _source: { k: mask } }] } };
  for (const bad of ['SHA-265', 'MD5x', 'xx']) {
    const expectations = expectationsFromRoles({ r: role }, 'logs', { name: 'u' }, { salt, defaultAlgorithm: bad, originals: new Map([['logs/1', { k: 'clear' }]]) });
    assert.throws(() => verifyHits(hits, expectations), (e: unknown) => {
      assert.ok(e instanceof ConfigError, String(e));
      assert.match(e.option, /defaultAlgorithm$/);
      assert.match(e.message, /is no masking algorithm the plugin knows/);
      assert.ok(!e.message.includes(bad), e.message);
      return true;
    });
  }
  for (const good of ['SHA-256', 'sha-256', 'BLAKE2B', 'BLAKE2B_LEGACY_DEFAULT', 'MD5']) {
    const expectations = expectationsFromRoles({ r: role }, 'logs', { name: 'u' }, { salt, defaultAlgorithm: good, originals: new Map([['logs/1', { k: 'clear' }]]) });
    const report = verifyHits(hits, expectations);
    // the known names recompute the mask (and find SHA-256's, the one the hit holds)
    assert.equal(report.counts.masksRecomputed + report.counts.wrongMasks, 1, good);
    if (good.toUpperCase() === 'SHA-256') assert.equal(report.status, 'pass', good);
  }
});
