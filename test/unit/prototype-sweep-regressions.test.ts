/**
 * Legitimate (unpolluted) inputs whose behaviour changed with the prototype sweep (e1e6609, acb1980, 840ed62 on
 * top of 7881a77): options and requests given as class instances with prototype getters, objects made with
 * Object.create(defaults), or with non-enumerable own properties. Nothing here touches Object.prototype.
 *
 * Every test was run against both trees (a worktree of 7881a77 with this file copied in, and HEAD):
 * each passes on 7881a77 and fails on HEAD. No network: stub transports, and agents that are never used.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import { checkDomain, checkPermission, ConfigError, createClient, runWithRetry, validateOptions } from '../../src/index.js';

/** A transport stub: records `METHOD path` of every request and answers `body` with 200. */
type Answer = { body: unknown; statusCode: number; headers: Record<string, string> };
function stubClient(body: unknown): { client: { transport: { request: (p: { method: string; path: string }) => Promise<Answer> } }; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    client: {
      transport: {
        request: async (p) => {
          calls.push(`${p.method} ${p.path}`);
          return { body, statusCode: 200, headers: {} };
        },
      },
    },
  };
}

// src/explain/check-permission.ts:127 and :251 (`hasOwnKey(request, 'path')`, was `'path' in request`)
test('checkPermission reads a request whose method and path come from its class (or an Object.create base) as a REST request', async () => {
  class SearchRequest {
    get method(): string { return 'GET'; }
    get path(): string { return '/logs-1/_search'; }
  }
  const fromDefaults = Object.create({ method: 'GET', path: '/logs-1/_search' }) as { method: string; path: string };
  for (const request of [new SearchRequest(), fromDefaults]) {
    const { client, calls } = stubClient({});
    // mode 'server' with a pre-3.2 version: a REST request gets the version-gate refusal, before anything is sent
    // (7881a77: that refusal; HEAD: ConfigError request.action, "request.action must be a non-empty string")
    await assert.rejects(
      checkPermission(client, request, { mode: 'server', pluginVersion: '2.19.0' }),
      (e: unknown) => e instanceof ConfigError && e.option === 'options.mode' && /needs security plugin 3\.2 or later \(detected 2\.19\.0\)/.test(e.message),
    );
    assert.deepEqual(calls, []);
  }
});

// src/diagnose/probe.ts:75 and :96 (`ownOptions`: Object.assign onto a null-prototype object, own enumerable keys only)
test('checkDomain honours options inherited from an Object.create base (prefix, account)', async () => {
  const { client, calls } = stubClient({ user_name: 'alice', backend_roles: [], roles: ['reader'] });
  const options = Object.create({ prefix: '_opendistro/_security', account: false }) as { prefix: '_opendistro/_security'; account: boolean };
  await checkDomain(client, options);
  // 7881a77: only the legacy prefix, no account request; HEAD: the default prefix and the account API
  assert.deepEqual(calls, ['GET /_opendistro/_security/authinfo']);
});

test('checkDomain honours a non-enumerable own option (prefix)', async () => {
  const { client, calls } = stubClient({ user_name: 'alice', backend_roles: [], roles: ['reader'] });
  const options = Object.defineProperty({ account: false }, 'prefix', { value: '_opendistro/_security', enumerable: false });
  await checkDomain(client, options);
  assert.deepEqual(calls, ['GET /_opendistro/_security/authinfo']);
});

test('checkDomain still refuses an out-of-range option it inherits (retries)', async () => {
  const { client, calls } = stubClient({ user_name: 'alice', backend_roles: [], roles: ['reader'] });
  const options = Object.create({ retries: -1 }) as { retries: number };
  // 7881a77: ConfigError retries; HEAD: the option is not seen, the probe runs
  await assert.rejects(checkDomain(client, options), (e: unknown) => e instanceof ConfigError && e.option === 'retries');
  assert.deepEqual(calls, []);
});

// src/client/tls.ts:143-152 (tlsOptionsOf now lists ca, servername, cert, key, pfx, passphrase, secureContext as undefined)
test('an agent factory that sets its own CA and servername, then spreads the client TLS settings, keeps them', () => {
  let made: https.Agent | undefined;
  let given: Record<string, unknown> | undefined;
  createClient({
    node: 'https://127.0.0.1:9',
    auth: { mode: 'none' },
    clientOptions: {
      agent: (opts) => {
        given = opts.ssl as Record<string, unknown> | undefined;
        made = new https.Agent({ ca: 'generated-test-ca', servername: 'search.internal.test', ...given });
        return made;
      },
    },
  });
  assert.ok(made !== undefined && given !== undefined);
  // 7881a77: the factory's CA and servername survive the spread; HEAD: both overwritten with undefined
  const agentOptions = (made as unknown as { options: Record<string, unknown> }).options;
  assert.equal(agentOptions.ca, 'generated-test-ca');
  assert.equal(agentOptions.servername, 'search.internal.test');
  // 7881a77: ssl carried only what was set ({ rejectUnauthorized: true }); HEAD: every TLS key, undefined
  assert.deepEqual(Object.keys(given), ['rejectUnauthorized']);
});

// src/retry/run.ts:99 (`hasOwnKey(f, 'error')`, was `'error' in f`)
test('runWithRetry accepts ctx.firstFailure whose error is a class getter', async () => {
  class Failure {
    readonly #error: Error;
    constructor(error: Error) { this.#error = error; }
    get error(): Error { return this.#error; }
  }
  const first = new Error('generated first failure');
  let called = 0;
  // 7881a77: the first failure is replayed (not retryable: rethrown, attempt never called); HEAD: ConfigError ctx.firstFailure
  await assert.rejects(
    runWithRetry(async () => { called++; return 'ok'; }, { method: 'GET', path: '/logs-1/_search', firstFailure: new Failure(first) }, { retries: 0 }),
    (e: unknown) => !(e instanceof ConfigError) && e instanceof Error && e.message === 'generated first failure',
  );
  assert.equal(called, 0);
});

// src/retry/run.ts:25 (annotate: setOwn defines `attempts` where Object.assign called the class's setter)
test('runWithRetry reports the attempt count to an error class setter instead of shadowing it', async () => {
  class CountingError extends Error {
    readonly seen: number[] = [];
    set attempts(n: number) { this.seen.push(n); }
    get attempts(): number { return this.seen.length; }
  }
  const error = new CountingError('generated failure');
  await assert.rejects(runWithRetry(async () => { throw error; }, { method: 'GET', path: '/logs-1/_search' }, { retries: 0 }), (e: unknown) => e === error);
  // 7881a77: the setter saw 1 and `attempts` stays the class's accessor; HEAD: an own data property, setter never called
  assert.deepEqual(error.seen, [1]);
  assert.equal(Object.hasOwn(error, 'attempts'), false);
});

// src/auth/iam-mode.ts:17 and src/auth/cognito.ts:105 (`hasOwnKey`, was `in`)
test('iam auth that inherits username/password, and cognito auth that inherits credentials, are still refused', () => {
  const node = 'https://search-generated.us-east-1.es.amazonaws.com';
  const iam = Object.assign(Object.create({ username: 'generated-user', password: 'generated-Passw0rd' }) as object, { mode: 'iam', region: 'us-east-1' });
  assert.throws(() => validateOptions({ node, auth: iam as never }), (e: unknown) => e instanceof ConfigError && e.option === 'auth');
  const cognito = Object.assign(
    Object.create({ credentials: { accessKeyId: 'AKIAGENERATED0000000', secretAccessKey: 'g'.repeat(40) } }) as object,
    {
      mode: 'cognito', region: 'us-east-1', userPoolId: 'us-east-1_abcdefghi', clientId: 'abcdefghijklmnopqrstuvwxyz',
      identityPoolId: 'us-east-1:11111111-2222-3333-4444-555555555555', username: 'generated-user', password: 'generated-Passw0rd',
    },
  );
  assert.throws(() => validateOptions({ node, auth: cognito as never }), (e: unknown) => e instanceof ConfigError && e.option === 'auth.credentials');
});
