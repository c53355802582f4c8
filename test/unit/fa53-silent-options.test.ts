/**
 * Options that used to read as "not given" instead of being refused or used: non-string environment values and
 * inherited variables (fromEnv), a child's maxRetries, a Map / Set / Date given as an options object, headers held by a
 * prototype (Object.create, a class getter), proxies that are not http(s), variables of another auth mode. Loopback stub.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from '../../src/client/create-client.js';
import { fromEnv } from '../../src/client/from-env.js';
import { runWithRetry } from '../../src/retry/run.js';
import { ConfigError } from '../../src/errors/classes.js';
import type { FgacClientOptions } from '../../src/client/options.js';
import { startRawStub, type RawStub } from '../support/raw-stub.js';

let stub: RawStub;
before(async () => {
  stub = await startRawStub((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
  });
});
after(async () => {
  await stub.close();
});

const BASE = { OPENSEARCH_URL: 'https://localhost:9200', OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'u', OPENSEARCH_PASSWORD: 'Sup3rS3cret!x' };
const refusal = (option: string, message?: RegExp) => (e: unknown) =>
  e instanceof ConfigError && e.option === option && (message === undefined || message.test(e.message));

describe('fromEnv: a value that is not a string is refused naming the variable, never read as unset', () => {
  const values: Array<[string, unknown]> = [
    ['OPENSEARCH_TENANT', 42],
    ['OPENSEARCH_TENANT', new String('team-a')],
    ['OPENSEARCH_TENANT', null],
    ['OPENSEARCH_REQUEST_TIMEOUT_MS', 5000],
    ['OPENSEARCH_COMPRESSION', true],
    ['OPENSEARCH_PASSWORD', 12345678],
    ['OPENSEARCH_CA_FILE', Buffer.from('/etc/ssl/ca.pem')],
  ];
  for (const [name, value] of values) {
    test(`${name} = ${typeof value} ${value === null ? 'null' : (value as object).constructor.name}`, () => {
      assert.throws(() => fromEnv({ ...BASE, [name]: value } as unknown as NodeJS.ProcessEnv), refusal(name, /must be a string/));
    });
  }
  test('undefined is unset (as in process.env), and the message never shows the value', () => {
    assert.equal(fromEnv({ ...BASE, OPENSEARCH_TENANT: undefined }).tenant, undefined);
    const e = (() => {
      try {
        fromEnv({ ...BASE, OPENSEARCH_PASSWORD: 87654321 } as unknown as NodeJS.ProcessEnv);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    assert.ok(e instanceof ConfigError && !e.message.includes('87654321'), String(e));
  });
  test('a variable fromEnv does not read may hold anything (it is not ours)', () => {
    assert.equal(fromEnv({ ...BASE, SOME_APP_SETTING: 5 } as unknown as NodeJS.ProcessEnv).auth.mode, 'basic');
  });
});

describe('fromEnv: variables inherited from the env object\'s own prototypes are read (Object.create(process.env) + overrides)', () => {
  test('every variable inherited, one overridden', () => {
    const env = Object.create(BASE) as NodeJS.ProcessEnv;
    env.OPENSEARCH_TENANT = 'team-b';
    const options = fromEnv(env);
    assert.equal(options.node, 'https://localhost:9200');
    assert.equal(options.tenant, 'team-b');
    assert.deepEqual({ ...options.auth }, { mode: 'basic', username: 'u', password: 'Sup3rS3cret!x' });
  });
  test('an inherited non-string value is refused as an own one is', () => {
    const env = Object.create({ ...BASE, OPENSEARCH_REQUEST_TIMEOUT_MS: 100 }) as NodeJS.ProcessEnv;
    assert.throws(() => fromEnv(env), refusal('OPENSEARCH_REQUEST_TIMEOUT_MS', /must be a string/));
  });
  test('what only Object.prototype holds is still no variable', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.OPENSEARCH_TENANT = 'polluted';
    try {
      assert.equal(fromEnv({ ...BASE }).tenant, undefined);
      assert.equal(fromEnv(Object.create({ ...BASE }) as NodeJS.ProcessEnv).tenant, undefined);
    } finally {
      delete proto.OPENSEARCH_TENANT;
    }
  });
});

describe("fromEnv: another mode's variables", () => {
  // COGNITO_* names are not this SDK's alone: an app's own Cognito settings (an authorizer's pool) must not break it
  const cases: Array<[string, Record<string, string>]> = [
    ['COGNITO_PASSWORD', { ...BASE, COGNITO_PASSWORD: 'app-cognito-secret-9' }],
    ['COGNITO_USER_POOL_ID', { ...BASE, COGNITO_USER_POOL_ID: 'us-east-1_abc' }],
    ['COGNITO_CLIENT_ID', { OPENSEARCH_URL: 'https://localhost:9200', OPENSEARCH_AUTH: 'none', COGNITO_CLIENT_ID: 'app-client-id-7' }],
  ];
  for (const [name, env] of cases) {
    test(`${name} with OPENSEARCH_AUTH=${env.OPENSEARCH_AUTH}: left to the app, the mode's own options only`, () => {
      const options = fromEnv(env);
      assert.equal(options.auth.mode, env.OPENSEARCH_AUTH);
      assert.equal(JSON.stringify(options).includes(env[name] as string), false);
    });
  }
  test('the basic pair (this SDK\'s own names) is refused in another mode; AWS_REGION (set by the platform) never is', () => {
    assert.throws(() => fromEnv({ OPENSEARCH_URL: 'https://localhost:9200', OPENSEARCH_AUTH: 'none', OPENSEARCH_USERNAME: 'u' }), refusal('OPENSEARCH_USERNAME', /\(basic auth only\): unset it, or set OPENSEARCH_AUTH=basic/));
    assert.equal(fromEnv({ ...BASE, AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-1' }).auth.mode, 'basic');
  });
});

const basicOptions = (extra: Record<string, unknown>): FgacClientOptions =>
  ({ node: 'https://localhost:9200', auth: { mode: 'basic', username: 'u', password: 'Sup3rS3cret!x' }, ...extra }) as unknown as FgacClientOptions;

describe('a Map, Set or Date given as an options object is refused naming the option', () => {
  const cases: Array<[string, Record<string, unknown>]> = [
    ['retry', { retry: new Map([['retries', 0]]) }],
    ['retry', { retry: new Set() }],
    ['retry', { retry: new Date() }],
    ['ssl', { ssl: new Map() }],
    ['clientOptions', { clientOptions: new Map() }],
    ['clientOptions', { clientOptions: new Date() }],
    ['clientOptions.headers', { clientOptions: { headers: new Map([['x-api-key', 'k']]) } }],
    ['clientOptions.memoryCircuitBreaker', { clientOptions: { memoryCircuitBreaker: new Map([['enabled', true]]) } }],
    ['clientOptions.agent', { clientOptions: { agent: new Map([['keepAlive', false]]) } }],
  ];
  for (const [option, extra] of cases) {
    test(`${option}: ${Object.values(extra)[0]?.constructor.name}`, () => {
      assert.throws(() => createClient(basicOptions(extra)), refusal(option));
    });
  }
  test('auth.credentials (iam) and auth.endpoints (cognito) as a Map', () => {
    assert.throws(() => createClient({ node: 'https://search-x.us-east-1.es.amazonaws.com', auth: { mode: 'iam', region: 'us-east-1', credentials: new Map([['accessKeyId', 'AKIDEXAMPLE']]) } } as unknown as FgacClientOptions), refusal('auth.credentials'));
    const cognito = { mode: 'cognito', region: 'us-east-1', userPoolId: 'us-east-1_abcdefghi', clientId: 'abcdefghijklmnopqrstuvwxyz', identityPoolId: 'us-east-1:00000000-0000-0000-0000-000000000000', username: 'u', password: 'Sup3rS3cret!x', endpoints: new Map([['cognitoIdp', 'http://127.0.0.1:1']]) };
    assert.throws(() => createClient({ node: 'https://search-x.us-east-1.es.amazonaws.com', auth: cognito } as unknown as FgacClientOptions), refusal('auth.endpoints'));
  });
  test('a class instance or null-prototype object is still an options object', async () => {
    class Retry {
      retries = 0;
    }
    const nullProto = Object.assign(Object.create(null) as Record<string, unknown>, { retries: 0 });
    for (const retry of [new Retry(), nullProto]) await createClient(basicOptions({ retry })).close();
  });
  test('client.child(new Map()) and child({ headers: new Map() })', async () => {
    const client = createClient({ node: stub.url, auth: { mode: 'none' } });
    assert.throws(() => client.child(new Map([['headers', { securitytenant: 'x' }]]) as never), refusal('child'));
    assert.throws(() => client.child({ headers: new Map([['x-a', 'b']]) } as never), refusal('child.headers'));
    await client.close();
  });
  test('runWithRetry: options, ctx and ctx.querystring', async () => {
    const attempt = async () => 'ok';
    await assert.rejects(runWithRetry(attempt, { method: 'GET', path: '/' }, new Map([['retries', 0]]) as never), refusal('retry'));
    await assert.rejects(runWithRetry(attempt, new Map([['method', 'GET']]) as never), refusal('ctx'));
    await assert.rejects(runWithRetry(attempt, new Date() as never), refusal('ctx'));
    await assert.rejects(runWithRetry(attempt, { method: 'PUT', path: '/i/_doc/1', querystring: new Map([['op_type', 'create']]) }), refusal('ctx.querystring'));
    assert.equal(await runWithRetry(attempt, { method: 'GET', path: '/', querystring: { q: '1' } }, { retries: 0 }), 'ok');
  });
});

describe('client.child({ maxRetries }) is refused as clientOptions.maxRetries is (the transport never retries by itself)', () => {
  test('refused naming retry.retries; requestTimeout still accepted', async () => {
    const client = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { retries: 3 } });
    for (const maxRetries of [0, 10]) assert.throws(() => client.child({ maxRetries }), refusal('child.maxRetries', /retry\.retries/));
    assert.ok(client.child({ requestTimeout: 1000 }));
    await client.close();
  });
});

describe('headers held by a prototype are checked and sent, in clientOptions and in a child alike', () => {
  class GetterHeaders {
    get 'x-a'(): string {
      return 'from-getter';
    }
    method(): string {
      return 'not a header';
    }
  }
  const shapes: Array<[string, () => object, string]> = [
    ['Object.create', () => Object.create({ 'x-a': 'inherited' }) as object, 'inherited'],
    ['class getter', () => new GetterHeaders(), 'from-getter'],
  ];
  for (const [name, make, expected] of shapes) {
    test(`${name}: clientOptions.headers and child headers are sent`, async () => {
      const client = createClient({ node: stub.url, auth: { mode: 'none' }, clientOptions: { headers: make() as Record<string, string> } });
      let before = stub.received.length;
      await client.info();
      assert.equal(stub.received[before]?.headers['x-a'], expected);
      assert.equal(stub.received[before]?.headers.method, undefined);
      before = stub.received.length;
      await client.child({ headers: make() as Record<string, string> }).info();
      assert.equal(stub.received[before]?.headers['x-a'], expected);
      await client.close();
    });
  }
  test('an inherited header the mode sets is refused in a child, and an inherited bad value in clientOptions', async () => {
    const client = createClient({ node: stub.url, auth: { mode: 'basic', username: 'alice', password: 'Sup3rS3cret!x' } });
    assert.throws(() => client.child({ headers: Object.create({ authorization: 'forged' }) as Record<string, string> }), refusal('child.headers.authorization', /sets this header/));
    await client.close();
    // the signer's own x-amz-* headers are the mode's in iam (basic sets none: there they are the caller's, ch55)
    const iam = createClient({ node: stub.url, auth: { mode: 'iam', region: 'us-east-1', credentials: { accessKeyId: 'AKIDFA53EXAMPLE', secretAccessKey: 'fa53-secret-key' } }, allowInsecureHttp: true });
    for (const name of ['authorization', 'x-amz-date', 'x-amz-security-token']) {
      assert.throws(() => iam.child({ headers: Object.create({ [name]: 'forged' }) as Record<string, string> }), refusal(`child.headers.${name}`, /sets this header/));
    }
    await iam.close();
    assert.throws(
      () => createClient({ node: stub.url, auth: { mode: 'basic', username: 'alice', password: 'Sup3rS3cret!x' }, clientOptions: { headers: Object.create({ Authorization: 'Basic ZXZpbDpldmls' }) as Record<string, string> } }),
      refusal('clientOptions.headers.Authorization'),
    );
    assert.throws(() => createClient({ node: stub.url, auth: { mode: 'none' }, clientOptions: { headers: Object.create({ 'x-a': 'a\nb' }) as Record<string, string> } }), refusal('clientOptions.headers.x-a'));
  });
});

describe('clientOptions.proxy: http:// or https:// only, no surrounding whitespace', () => {
  for (const proxy of ['socks5://127.0.0.1:1080', 'ftp://proxy.example:21', 'http://proxy.example:8080 ', ' http://proxy.example:8080', new URL('socks://127.0.0.1:1080')]) {
    test(JSON.stringify(String(proxy)), () => {
      assert.throws(() => createClient({ node: 'https://127.0.0.1:1', auth: { mode: 'none' }, clientOptions: { proxy } }), refusal('clientOptions.proxy'));
    });
  }
  test('http and https proxies are accepted', async () => {
    for (const proxy of ['http://proxy.example:8080', 'https://user:pw@proxy.example:8443', new URL('http://127.0.0.1:3128')]) {
      await createClient({ node: 'https://127.0.0.1:1', auth: { mode: 'none' }, clientOptions: { proxy } }).close();
    }
  });
});

describe('a child given headers keeps the parent\'s (its tenant, clientOptions.headers); its own replace them by name in any case', () => {
  test('tenant and clientOptions.headers kept; SecurityTenant in the child switches the tenant', async () => {
    const client = createClient({ node: stub.url, auth: { mode: 'none' }, tenant: 't1', clientOptions: { headers: { 'x-p': 'parent', 'x-q': 'parent' } } });
    let before = stub.received.length;
    await client.child({ headers: { 'x-a': '1', 'X-Q': 'child' } }).info();
    let sent = stub.received[before]?.headers;
    assert.deepEqual([sent?.securitytenant, sent?.['x-p'], sent?.['x-q'], sent?.['x-a']], ['t1', 'parent', 'child', '1']);
    before = stub.received.length;
    const switched = client.child({ headers: { SecurityTenant: 'other' } });
    await switched.child({ headers: { 'x-b': '2' } }).info();
    sent = stub.received[before]?.headers;
    assert.deepEqual([sent?.securitytenant, sent?.['x-p'], sent?.['x-b']], ['other', 'parent', '2']);
    await client.close();
  });
});
