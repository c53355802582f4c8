/**
 * Options objects across the public API are judged by one rule (options-check.ts): an options bag must be an
 * object whose own properties are its options. A Map, Set or Date has none, so it used to read as "no options"
 * (every default: a Map's `signal` or `salt` silently dropped) in ingest, deadlineSignal, checkPermission,
 * checkDomain and the verification functions. A `signal` is a real AbortSignal everywhere (a look-alike passed
 * SecurityApi's shape check and then crashed a wait), and SecurityApi's numbers have upper bounds (a `settleMs`
 * above 2^31 - 1 ms made Node fire the timer at once). checkPermission refuses a misspelt option key.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@opensearch-project/opensearch';
import { ConfigError } from '../../src/errors/classes.js';
import { ArgumentTypeError } from '../../src/fgac/argument-error.js';
import { SecurityApi } from '../../src/security/api.js';
import { ingest } from '../../src/ingest/ingest.js';
import { deadlineSignal } from '../../src/ingest/deadline.js';
import { checkPermission } from '../../src/explain/check-permission.js';
import { checkDomain } from '../../src/diagnose/check-domain.js';
import { maskDocument } from '../../src/verify/masking.js';
import { evaluateDls } from '../../src/verify/dls/evaluate.js';
import { explainSecurityException } from '../../src/explain/security-exception.js';

const configAt = (option: string, got?: RegExp) => (e: unknown): boolean =>
  e instanceof ConfigError && e.option === option && (got === undefined || got.test(e.message));

// never contacted: every case is refused before a request
const client = new Client({ node: 'http://127.0.0.1:9' });
const lambdaContext = { getRemainingTimeInMillis: () => 60_000 };
const notOptions: Array<[string, unknown, RegExp]> = [
  ['a Map', new Map<string, unknown>([['signal', AbortSignal.abort()], ['concurrency', -5]]), /a Map/],
  ['a Set', new Set(['fifo']), /a Set/],
  ['a Date', new Date(0), /a Date/],
  ['a list', [{ concurrency: 1 }], /an array/],
];

test('SecurityApi: a signal that only looks like an AbortSignal is a ConfigError naming it', () => {
  const duck = { aborted: false, addEventListener() {}, removeEventListener() {} };
  assert.throws(() => new SecurityApi(client, { signal: duck as never }), configAt('signal', /AbortSignal, got an object/));
  assert.doesNotThrow(() => new SecurityApi(client, { signal: new AbortController().signal }));
});

test('SecurityApi: settleMs, maxElapsedMs and conflictAttempts above their bounds are ConfigErrors naming them', () => {
  assert.throws(() => new SecurityApi(client, { settleMs: 2 ** 40 }), configAt('settleMs', /from 0 to 2147483647/));
  assert.throws(() => new SecurityApi(client, { conflictAttempts: 1e6 }), configAt('conflictAttempts', /from 0 to 1000/));
  assert.throws(() => new SecurityApi(client, { maxElapsedMs: 2 ** 60 }), configAt('maxElapsedMs'));
  assert.doesNotThrow(() => new SecurityApi(client, { settleMs: 2 ** 31 - 1, conflictAttempts: 1000, maxElapsedMs: Number.MAX_SAFE_INTEGER }));
});

for (const [name, value, got] of notOptions) {
  test(`${name} as options is a ConfigError naming options (ingest, deadlineSignal, checkPermission, checkDomain, SecurityApi)`, async () => {
    let read = false;
    const records = (function* () {
      read = true;
      yield { id: '1', index: 'x', document: {} };
    })();
    await assert.rejects(ingest(client, records, value as never), configAt('options', got));
    assert.equal(read, false, 'a record was read');
    assert.throws(() => deadlineSignal(lambdaContext, value as never), configAt('options', got));
    await assert.rejects(checkPermission(client, { action: 'indices:data/read/search', index: 'x' }, value as never), configAt('options', got));
    await assert.rejects(checkDomain(client, value as never), configAt('options', got));
    assert.throws(() => new SecurityApi(client, value as never), configAt('options', got));
  });

  test(`${name} as options of the verification functions is an ArgumentTypeError`, () => {
    assert.throws(() => maskDocument({ a: 'x' }, ['a'], value as never), ArgumentTypeError);
    assert.throws(() => evaluateDls('{"match_all":{}}', {}, value as never), ArgumentTypeError);
    assert.throws(() => explainSecurityException(new Error('x') as never, {}, value as never), ArgumentTypeError);
  });
}

test('checkPermission: a misspelt option is a ConfigError naming it, before anything is sent', async () => {
  await assert.rejects(checkPermission(client, { action: 'indices:data/read/search', index: 'x' }, { admn: client } as never), configAt('options.admn', /not an option of checkPermission/));
  await assert.rejects(checkPermission(client, { action: 'indices:data/read/search', index: 'x' }, { ingestPipeline: false } as never), configAt('options.ingestPipeline'));
});
