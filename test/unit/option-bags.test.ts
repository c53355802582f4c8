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
import { createClient } from '../../src/client/create-client.js';
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

test('a frozen signal that has not aborted (it never can; Node 24 cannot listen to it) is a ConfigError naming signal; a frozen aborted one ends at once', async () => {
  const frozen = (): AbortSignal => Object.freeze(new AbortController().signal);
  assert.throws(() => deadlineSignal(lambdaContext, { signal: frozen(), marginMs: 1000 }), configAt('signal'));
  assert.throws(() => new SecurityApi(client, { signal: frozen() }), configAt('signal'));
  await assert.rejects(ingest(client, [], { signal: frozen() }), configAt('signal'));
  assert.throws(() => createClient({ node: 'http://127.0.0.1:9', auth: { mode: 'none' }, retry: { signal: frozen() } }), configAt('retry.signal'));
  const stopped = deadlineSignal(lambdaContext, { signal: Object.freeze(AbortSignal.abort(new Error('caller stop'))), marginMs: 1000 });
  assert.equal(stopped.aborted, true);
  assert.equal((stopped.reason as Error).message, 'caller stop');
  // a live caller signal still ends it (combined without AbortSignal.any, which wrote onto the caller's signal)
  const controller = new AbortController();
  const live = deadlineSignal(lambdaContext, { signal: controller.signal, marginMs: 1000 });
  controller.abort(new Error('live stop'));
  assert.equal((live.reason as Error).message, 'live stop');
});

test('compareAccess: a request.index that is not a name or a list of names is a ConfigError naming it, before anything is sent', async () => {
  const { compareAccess } = await import('../../src/verify/compare.js');
  for (const index of [Symbol('x'), () => 'x', 42, ['a', Symbol('b')]]) {
    await assert.rejects(compareAccess(client, client, { index, body: {} } as never), configAt('request.index'));
  }
});

test('SecurityApi refusals never quote a value that is one of the client\'s secrets or the arguments\' (a password in the wrong field)', async () => {
  const password = 'Pw-Option-Bags-7h3Q9zX2kd';
  const withAuth = new Client({ node: 'http://127.0.0.1:9', auth: { username: 'admin', password } });
  const api = new SecurityApi(withAuth, { prefix: '_plugins/_security', userShape: 'backend_roles', dialect: 'v2' });
  const shown = async (p: Promise<unknown>): Promise<string> => p.then(() => 'resolved', (e: unknown) => `${String(e)} ${(e as Error).stack ?? ''} ${JSON.stringify(e)}`);
  for (const ops of [[{ op: password, path: '/x', value: 1 }], [{ op: 'replace', path: password, value: 1 }], [{ op: 'replace', path: 'x', value: password }]]) {
    const text = await shown(api.users.patch('alice', ops as never));
    assert.ok(!text.includes('Pw-Option-Bags'), text.slice(0, 300));
    assert.match(text, /RangeError/);
  }
  // JSON Patch's own operation names are still quoted, as the plugin does
  assert.match(await shown(api.users.patch('alice', [{ op: 'test', path: '/x', value: 1 }] as never)), /Unsupported patch operation: test\./);
  await withAuth.close();
});

test('users.ensure / put with a name that is no string: the SecurityModelError naming the name, never a raw TypeError', async () => {
  const api = new SecurityApi(client, { prefix: '_plugins/_security', userShape: 'backend_roles', dialect: 'v2' });
  for (const name of [null, 7, undefined]) {
    await assert.rejects(api.users.ensure(name as never, { password: 'Pw-Option-Bags-1x', backend_roles: [] } as never), (e: unknown) => e instanceof Error && e.name === 'SecurityModelError' && /name: must be a non-empty string/.test(e.message));
  }
});

test('maskValue and parseMaskedField: a Map as options (its salt would be dropped: masks with the default salt) is an ArgumentTypeError', async () => {
  const { maskValue, parseMaskedField } = await import('../../src/fgac/masking.js');
  assert.throws(() => maskValue('v', new Map([['salt', 'x']]) as never), ArgumentTypeError);
  assert.throws(() => parseMaskedField('f', new Map() as never), ArgumentTypeError);
});
