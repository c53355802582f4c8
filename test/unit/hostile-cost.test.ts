/**
 * Hostile input as a cost attack: shapes that made a pass quadratic (seconds to minutes on the sizes below).
 * The timeouts guard against a hang, they measure nothing: each case ran for minutes before its fix and takes
 * well under a second after it. Each also checks that the answer is still the right one.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { redactText } from '../../src/errors/redact.js';
import { parseSecurityApi } from '../../src/errors/parse-security-api.js';
import { diffDocuments } from '../../src/verify/compare.js';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl';

describe('hostile input does not make a pass quadratic', () => {
  test('redaction: a megabyte of eyJ-words without dots (every eyJ started a scan to the end of the run)', { timeout: 60_000 }, () => {
    const noise = 'eyJaaaa-'.repeat(128 * 1024);
    assert.equal(redactText(noise), noise);
    const withToken = `${noise} ${JWT} ${'eyJa-'.repeat(50_000)}eyJaaaaa.ab.c`;
    const out = redactText(withToken);
    assert.ok(!out.includes(JWT), 'the real token is still removed');
    assert.ok(out.includes('[REDACTED]'));
    assert.ok(out.endsWith('eyJaaaaa.ab.c'), 'a payload shorter than four characters is not a token');
  });

  test('redaction: JWTs inside runs of token characters are found where the old pattern found them', () => {
    assert.equal(redactText(`a-${JWT}`), 'a-[REDACTED]');
    assert.equal(redactText(`x.${JWT}.tail`), 'x.[REDACTED].tail', 'a JWT ends at its third dot');
    assert.equal(redactText(`xeyJaaaa.bbbb.cc`), 'xeyJaaaa.bbbb.cc', 'no word boundary before eyJ: not a token');
    assert.equal(redactText('ab-eyJ-eyJaaaa.bbbb.c'), 'ab-[REDACTED]', 'the header runs from the first eyJ at a word boundary');
  });

  test('security API refusals: 600 KB of "User " is parsed at once (a `.+` pattern backtracked over it)', { timeout: 60_000 }, () => {
    const details = parseSecurityApi({ status: 'FORBIDDEN', message: 'User '.repeat(120_000) });
    assert.equal(details?.user, undefined);
    const named = parseSecurityApi({ status: 'FORBIDDEN', message: `No permission to access REST API: User a with Security roles [x] does not have y ${'User '.repeat(120_000)}` });
    assert.equal(named?.user, 'a');
    assert.deepEqual(named?.securityRoles, ['x']);
  });

  test('compareAccess: 100 000 hidden fields and an array of 50 000 values (pairwise prefix checks, a list copied per element)', { timeout: 60_000 }, () => {
    const wide: Record<string, number> = {};
    for (let i = 0; i < 100_000; i++) wide[`f${i}`] = i;
    const d = diffDocuments('i', '1', { ...wide, o: { a: 1, b: { c: 2 } } }, {});
    assert.equal(d.hiddenFields.length, 100_001, 'every top-level field, and o without its members');
    const tags = { tags: Array.from({ length: 50_000 }, (_, i) => `t${i}`) };
    const same = diffDocuments('i', '1', tags, structuredClone(tags));
    assert.deepEqual([same.hiddenFields, same.maskedFields, same.otherChanges], [[], [], []]);
  });
});
