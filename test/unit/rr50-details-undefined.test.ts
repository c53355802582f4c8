/**
 * rr50 (review): classifyResponse's details went through verdict.ts redactDetails (984e3d4), which kept fields whose
 * value is undefined; redactStrings (825ac5b) dropped them, so `'bodyText' in details` and deepStrictEqual against
 * the documented shape changed. (An uncommitted working-tree edit of redact-value.ts restores them.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyResponse } from '../../src/errors/classify.js';
import { SecretSet } from '../../src/errors/secrets.js';

test('rr50: details keep their undefined fields (503, 403, 401 with empty bodies)', () => {
  const set = new SecretSet();
  set.add('Client-Pw-1234');
  for (const [statusCode, keys] of [[503, ['securityNotInitialized', 'retryAfterMs', 'bodyText']], [403, ['origin', 'bodyText']], [401, ['reason', 'challenge', 'bodyText']]] as const) {
    for (const secrets of [set, undefined]) {
      const { details } = classifyResponse({ statusCode, body: '' }, secrets);
      assert.deepEqual(Object.keys(details as object), keys, `${statusCode} ${secrets ? 'with' : 'without'} secrets`);
    }
  }
});
