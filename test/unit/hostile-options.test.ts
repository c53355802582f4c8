/**
 * Hostile option values: every bad value of every option, and of every environment variable,
 * is refused up front with a ConfigError that names the option (or the variable), and no
 * ConfigError carries a secret given in the options (message, option, stack, JSON, inspect).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { createClient } from '../../src/client/create-client.js';
import { fromEnv } from '../../src/client/from-env.js';
import { validateOptions, type FgacClientOptions } from '../../src/client/options.js';
import { ConfigError } from '../../src/errors/classes.js';
import { SAMPLE_COGNITO_ENV } from '../support/sample-env.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NO_ENV: NodeJS.ProcessEnv = {};
const RUNS = { numRuns: 150 };

/** A secret that cannot appear in a message by chance. */
const secretArb = fc.stringMatching(/^[A-Za-z0-9]{6}[!#%*+~][A-Za-z0-9]{6,20}$/);

/** Values of the wrong type for almost any option. */
const anyWrongType = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
  fc.constant(Symbol('s')),
  fc.bigInt(),
  fc.constant(() => 1),
);
const notBoolean = fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.constantFrom('true', 'false', 1, 0), fc.object({ maxDepth: 0 }));
const badNumber = (max: number, integer: boolean) =>
  fc.oneof(
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1, max + 1, 2 ** 53, '3', '100', null, true, [], {}),
    fc.integer({ min: -1e9, max: -1 }),
    fc.integer({ min: max + 1, max: max + 1e9 }),
    ...(integer ? [fc.double({ min: 0.01, max: 1000, noInteger: true })] : []),
  );
/** A string with a control character or surrounding whitespace somewhere. */
const dirtyString = fc
  .tuple(fc.stringMatching(/^[a-z0-9-]{1,12}$/), fc.constantFrom('\n', '\r\n', ' ', '\t', '\0', '\u0007'), fc.constantFrom('start', 'end'))
  .map(([s, c, where]) => (where === 'start' ? `${c}${s}` : `${s}${c}`));
const notRegion = fc.oneof(
  dirtyString,
  fc.constantFrom('us-east', 'US-EAST-1', 'useast1', 'us_east_1', 'us-east-1a', 'x', 'us-east-1 ', ' us-east-1', 'us-east-1\n', 'global', 'aws-global'),
  fc.stringMatching(/^[A-Z][a-z]{2,10}$/),
  anyWrongType,
);

interface Slot {
  /** The option path the ConfigError must name (or start with). */
  option: string;
  /** Valid options with the bad value in place. */
  build: (bad: unknown, secret: string) => Record<string, unknown>;
  bad: fc.Arbitrary<unknown>;
}

const DOMAIN = 'https://search-x.us-east-1.es.amazonaws.com';
const basic = (secret: string) => ({ mode: 'basic', username: 'svc', password: secret });
const iam = (secret: string) => ({ mode: 'iam', region: 'us-east-1', credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: secret, sessionToken: `tok${secret}` } });
const cognito = (secret: string) => ({
  mode: 'cognito', region: 'us-east-1', userPoolId: 'us-east-1_Pool1', clientId: 'client1', identityPoolId: 'us-east-1:abc-123',
  username: 'svc', password: secret, clientSecret: `cs${secret}`,
});
const withTop = (key: string) => (bad: unknown, secret: string) => ({ node: DOMAIN, auth: basic(secret), [key]: bad });
const withAuth = (make: (s: string) => Record<string, unknown>, key: string) => (bad: unknown, secret: string) => ({ node: DOMAIN, auth: { ...make(secret), [key]: bad } });
const within = (key: string, sub: string, base: Record<string, unknown> = {}) => (bad: unknown, secret: string) => ({ node: DOMAIN, auth: basic(secret), [key]: { ...base, [sub]: bad } });

const SLOTS: Slot[] = [
  { option: 'options', build: (bad) => bad as Record<string, unknown>, bad: fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.array(fc.integer())) },
  { option: 'node', build: (bad, secret) => ({ node: bad, auth: basic(secret) }), bad: fc.oneof(anyWrongType, dirtyString, fc.constantFrom('', 'ftp://h', 'h:9200', '//h', 'https://', 'https://h/?q=1', 'https://h/#f', [])) },
  { option: 'node', build: (_bad, secret) => ({ node: `https://svc:${secret}@h:9200`, auth: { mode: 'none' } }), bad: fc.constant(0) },
  { option: 'node', build: (_bad, secret) => ({ node: `https://svc:${secret}@`, auth: { mode: 'none' } }), bad: fc.constant(0) },
  { option: 'node[1]', build: (bad, secret) => ({ node: [DOMAIN, bad], auth: basic(secret) }), bad: fc.constantFrom(DOMAIN, `${DOMAIN}/`, `${DOMAIN}:443`, DOMAIN.toUpperCase()) },
  { option: 'node', build: (_bad, secret) => ({ node: `not a url svc:${secret}@ x`, auth: { mode: 'none' } }), bad: fc.constant(0) },
  { option: 'auth', build: (bad) => ({ node: DOMAIN, auth: bad }), bad: fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.array(fc.integer())) },
  { option: 'auth.mode', build: (bad) => ({ node: DOMAIN, auth: { mode: bad } }), bad: fc.oneof(anyWrongType, fc.string().filter((s) => !['iam', 'basic', 'cognito', 'none'].includes(s)), fc.constantFrom('IAM', 'constructor', '__proto__', 'toString')) },
  { option: 'requestTimeoutMs', build: withTop('requestTimeoutMs'), bad: badNumber(2 ** 31 - 1, true).filter((v) => v !== -1 || true) },
  { option: 'tenant', build: withTop('tenant'), bad: fc.oneof(anyWrongType, dirtyString, fc.constant(''), fc.constant('  ')) },
  { option: 'compression', build: withTop('compression'), bad: notBoolean },
  { option: 'allowInsecureHttp', build: withTop('allowInsecureHttp'), bad: notBoolean },
  { option: 'allowInsecureTls', build: withTop('allowInsecureTls'), bad: notBoolean },
  { option: 'retry', build: withTop('retry'), bad: fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.array(fc.integer()), fc.boolean()) },
  { option: 'retry.retries', build: within('retry', 'retries'), bad: badNumber(1000, true) },
  { option: 'retry.minDelayMs', build: within('retry', 'minDelayMs'), bad: badNumber(2 ** 31 - 1, false) },
  { option: 'retry.maxDelayMs', build: within('retry', 'maxDelayMs'), bad: badNumber(2 ** 31 - 1, false) },
  { option: 'retry.maxDelayMs', build: within('retry', 'maxDelayMs', { minDelayMs: 5000 }), bad: fc.integer({ min: 0, max: 4999 }) },
  { option: 'retry.maxElapsedMs', build: within('retry', 'maxElapsedMs'), bad: badNumber(Number.MAX_SAFE_INTEGER, false).filter((v) => v !== 2 ** 53 - 1) },
  { option: 'retry.onRetry', build: within('retry', 'onRetry'), bad: fc.oneof(fc.constantFrom('log', 1, true, null), fc.object({ maxDepth: 0 })) },
  { option: 'retry.retryUnsafeWrites', build: within('retry', 'retryUnsafeWrites'), bad: notBoolean },
  { option: 'retry.signal', build: within('retry', 'signal'), bad: fc.oneof(fc.constantFrom('abort', 1, true, null), fc.object({ maxDepth: 0 })) },
  { option: 'retry.retires', build: within('retry', 'retires'), bad: fc.integer() },
  { option: 'clientOptions', build: withTop('clientOptions'), bad: fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.array(fc.integer()), fc.boolean()) },
  { option: 'clientOptions.headers', build: within('clientOptions', 'headers'), bad: fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.array(fc.integer())) },
  { option: 'clientOptions.headers', build: (bad, secret) => ({ node: DOMAIN, auth: basic(secret), clientOptions: { headers: { 'x-api-key': `${secret}${String(bad)}` } } }), bad: fc.constantFrom('\n', '\r\nX-Injected: 1', '\0') },
  { option: 'clientOptions.agent', build: within('clientOptions', 'agent'), bad: fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.constant(true)) },
  { option: 'clientOptions.agent', build: within('clientOptions', 'agent'), bad: fc.constantFrom({ rejectUnauthorized: false }, { checkServerIdentity: () => undefined }, { ca: 'x' }, { maxSockets: -1 }, { keepAlive: 'yes' }) },
  { option: 'clientOptions.pingTimeout', build: within('clientOptions', 'pingTimeout'), bad: badNumber(2 ** 31 - 1, true).filter((v) => v !== 2 ** 53) },
  { option: 'clientOptions.maxRetries', build: within('clientOptions', 'maxRetries'), bad: fc.integer() },
  { option: 'ssl', build: withTop('ssl'), bad: fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.array(fc.integer()), fc.boolean()) },
  { option: 'ssl.ca', build: within('ssl', 'ca'), bad: fc.oneof(fc.integer(), fc.constant(null), fc.boolean(), fc.object({ maxDepth: 0 }), fc.constant([]), fc.constant([1]), fc.string({ minLength: 1 }), fc.constant('-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----')) },
  { option: 'ssl.rejectUnauthorized', build: within('ssl', 'rejectUnauthorized'), bad: fc.oneof(notBoolean, fc.constant(false)) },
  { option: 'ssl.servername', build: within('ssl', 'servername'), bad: fc.oneof(anyWrongType, dirtyString, fc.constantFrom('', 'a/b', 'h h', 'x@y')) },
  { option: 'ssl.cert', build: within('ssl', 'key'), bad: fc.constant('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----') },
  { option: 'ssl.passphrase', build: within('ssl', 'passphrase'), bad: fc.oneof(fc.integer(), fc.constant(null), fc.boolean(), fc.string({ minLength: 1 })) },
  { option: 'ssl.verify', build: within('ssl', 'verify'), bad: fc.boolean() },
  { option: 'requestTimeout', build: withTop('requestTimeout'), bad: fc.integer() },
  { option: 'auth.username', build: withAuth(basic, 'username'), bad: fc.oneof(anyWrongType, dirtyString, fc.constantFrom('', 'a:b')) },
  { option: 'auth.password', build: withAuth(basic, 'password'), bad: fc.oneof(fc.constant(null), fc.integer(), fc.boolean(), fc.constant(''), fc.object({ maxDepth: 0 })) },
  { option: 'auth.password', build: (bad, secret) => ({ node: DOMAIN, auth: { ...basic(secret), password: `${secret}${String(bad)}` } }), bad: fc.constantFrom('\n', '\r\n', '\0') },
  { option: 'auth.pasword', build: withAuth(basic, 'pasword'), bad: fc.string() },
  { option: 'auth.region', build: withAuth(iam, 'region'), bad: notRegion },
  { option: 'auth.service', build: withAuth(iam, 'service'), bad: fc.oneof(anyWrongType, fc.constantFrom('ES', 'lambda', '', 'es ')) },
  { option: 'auth.signingHost', build: withAuth(iam, 'signingHost'), bad: fc.oneof(anyWrongType, dirtyString, fc.constantFrom('', 'https://h', 'h/path', 'u:p@h', 'h h', 'h?x')) },
  { option: 'auth.credentials', build: withAuth(iam, 'credentials'), bad: fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.array(fc.integer()), fc.boolean()) },
  { option: 'auth.credentials', build: (bad, secret) => ({ node: DOMAIN, auth: { ...iam(secret), credentials: { accessKeyId: bad, secretAccessKey: secret } } }), bad: fc.oneof(anyWrongType, dirtyString, fc.constantFrom('', 'AKIA/EXAMPLE')) },
  { option: 'auth.credentials.secretAccessKey', build: (bad) => ({ node: DOMAIN, auth: { mode: 'iam', region: 'us-east-1', credentials: { accessKeyId: 'AKIAX', secretAccessKey: bad } } }), bad: fc.oneof(anyWrongType, fc.constant('')) },
  { option: 'auth.credentials.expiration', build: (bad, secret) => ({ node: DOMAIN, auth: { ...iam(secret), credentials: { accessKeyId: 'AKIAX', secretAccessKey: secret, expiration: bad } } }), bad: fc.oneof(fc.string(), fc.integer(), fc.constant(new Date(Number.NaN)), fc.constant(new Date(Date.now() - 1000))) },
  { option: 'auth', build: withAuth(iam, 'password'), bad: fc.string() },
  { option: 'auth.userPoolId', build: withAuth(cognito, 'userPoolId'), bad: fc.oneof(anyWrongType, dirtyString, fc.constantFrom('', 'pool', 'us-east-1-abc', 'us-east-1_')) },
  { option: 'auth.identityPoolId', build: withAuth(cognito, 'identityPoolId'), bad: fc.oneof(anyWrongType, dirtyString, fc.constantFrom('', 'pool', 'us-east-1_abc', 'us-east-1:')) },
  { option: 'auth.clientId', build: withAuth(cognito, 'clientId'), bad: fc.oneof(anyWrongType, dirtyString, fc.constantFrom('', 'a b', 'a/b')) },
  { option: 'auth.region', build: withAuth(cognito, 'region'), bad: notRegion },
  { option: 'auth.clientSecret', build: withAuth(cognito, 'clientSecret'), bad: fc.oneof(fc.constant(null), fc.integer(), fc.boolean(), fc.constant('')) },
  { option: 'auth.customRoleArn', build: withAuth(cognito, 'customRoleArn'), bad: fc.oneof(anyWrongType, dirtyString, fc.constantFrom('', 'role', 'arn:aws:s3:::bucket')) },
  { option: 'auth.endpoints', build: withAuth(cognito, 'endpoints'), bad: fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.constant({ cognitoIdp: 'not a url' }), fc.constant({ cognitoIdp: 'ftp://h' }), fc.constant({ idp: 'https://h' })) },
];

/** True when the error names `option` (or a field inside it). */
function names(e: ConfigError, option: string): boolean {
  return e.option === option || e.option.startsWith(`${option}.`) || e.option.startsWith(`${option}[`);
}

/** The message explains the problem: more than `option: [REDACTED]` (a secret's name is not a secret). */
function saysWhatIsWrong(e: ConfigError): boolean {
  return !/^\S+: \[REDACTED\]$/.test(e.message) && e.message.length > e.option.length + 12;
}

/** Every rendering of an error a log could hold. */
function renderings(e: Error): string {
  return [e.message, (e as ConfigError).option, e.stack ?? '', JSON.stringify(e), inspect(e, { depth: 5, showHidden: true }), String(e)].join('\n');
}

function assertNoSecret(e: Error, secret: string): void {
  const all = renderings(e);
  for (const form of [secret, encodeURIComponent(secret), Buffer.from(`svc:${secret}`).toString('base64'), Buffer.from(secret).toString('base64')]) {
    assert.ok(!all.includes(form), `secret form ${form} leaked in ${all}`);
  }
}

describe('every bad option value is a ConfigError naming the option, with no secret in it', () => {
  for (const slot of SLOTS) {
    test(`${slot.option}`, () => {
      fc.assert(
        fc.property(slot.bad, secretArb, (bad, secret) => {
          const options = slot.build(bad, secret) as unknown as FgacClientOptions;
          let caught: unknown;
          try {
            validateOptions(options, NO_ENV);
          } catch (error) {
            caught = error;
          }
          assert.ok(caught instanceof ConfigError, `expected ConfigError for ${slot.option} = ${inspect(bad)}, got ${inspect(caught)}`);
          assert.ok(names(caught, slot.option), `option ${caught.option} does not name ${slot.option} (${caught.message})`);
          assert.ok(caught.message.includes(caught.option), caught.message);
          assert.ok(saysWhatIsWrong(caught), caught.message);
          assertNoSecret(caught, secret);
          // createClient refuses the same way.
          assert.throws(() => createClient(options), (e: unknown) => e instanceof ConfigError && e.option === caught.option);
        }),
        RUNS,
      );
    });
  }

  test('a secret echoed inside a bad value of another option is still removed', () => {
    const stringSlots: Array<[string, (bad: string, secret: string) => Record<string, unknown>]> = [
      ['tenant', (bad, secret) => ({ node: DOMAIN, auth: basic(secret), tenant: bad })],
      ['ssl.servername', (bad, secret) => ({ node: DOMAIN, auth: basic(secret), ssl: { servername: bad } })],
      ['auth.region', (bad, secret) => ({ node: DOMAIN, auth: { ...iam(secret), region: bad } })],
      ['auth.userPoolId', (bad, secret) => ({ node: DOMAIN, auth: { ...cognito(secret), userPoolId: bad } })],
      ['auth.mode', (bad, secret) => ({ node: DOMAIN, auth: { mode: bad, password: secret } })],
      ['node', (bad, secret) => ({ node: `https://${bad}/`, auth: basic(secret) })],
      ['auth.username', (bad, secret) => ({ node: DOMAIN, auth: { ...basic(secret), username: bad } })],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...stringSlots), secretArb, fc.constantFrom('\n', ' ', '\u0001', '\t', ' '.repeat(3)), fc.boolean(), ([option, build], secret, dirt, encode) => {
        const echoed = encode ? encodeURIComponent(secret) : secret;
        let caught: unknown;
        try {
          validateOptions(build(`${echoed}${dirt}`, secret) as unknown as FgacClientOptions, NO_ENV);
        } catch (error) {
          caught = error;
        }
        assert.ok(caught instanceof ConfigError, `${option}: ${inspect(caught)}`);
        assert.ok(names(caught, option), `${caught.option} for ${option}`);
        assertNoSecret(caught, secret);
      }),
      RUNS,
    );
  });

  test('the valid base options of each slot are accepted (the refusals above come from the bad value)', () => {
    for (const make of [basic, iam, cognito]) {
      validateOptions({ node: DOMAIN, auth: make('Abc123!xyz789') } as unknown as FgacClientOptions, NO_ENV);
    }
    validateOptions({ node: DOMAIN, auth: { mode: 'none' }, retry: { minDelayMs: 5000, maxDelayMs: 5000 }, requestTimeoutMs: 2 ** 31 - 1, tenant: 'team a' } as FgacClientOptions, NO_ENV);
  });
});

const ENV_BASE: NodeJS.ProcessEnv = SAMPLE_COGNITO_ENV;

const SECRET_VARIABLES = new Set(['COGNITO_PASSWORD', 'COGNITO_CLIENT_SECRET', 'COGNITO_REFRESH_TOKEN', 'OPENSEARCH_PASSWORD', 'OPENSEARCH_KEY_PASSPHRASE']);

describe('every bad environment variable is a ConfigError naming the variable', () => {
  const variables: Array<[string, fc.Arbitrary<string>, NodeJS.ProcessEnv]> = [
    ['OPENSEARCH_URL', fc.oneof(dirtyString, fc.constantFrom('not a url', 'ftp://h', 'https://', 'h:9200')), {}],
    ['OPENSEARCH_AUTH', fc.oneof(dirtyString, fc.constantFrom('kerberos', 'i am', 'iam\n')), {}],
    ['AWS_REGION', fc.oneof(dirtyString, fc.constantFrom('us-east-1\n', 'us-east-1 ', 'US-EAST-1', 'useast1', 'global')), { OPENSEARCH_AUTH: 'iam' }],
    ['AWS_REGION', fc.constantFrom('us-east-1\n', 'us-east-1 ', 'nope'), {}],
    ['COGNITO_REGION', fc.oneof(dirtyString, fc.constantFrom('us-east-1\n', 'nope')), {}],
    ['OPENSEARCH_REQUEST_TIMEOUT_MS', fc.oneof(dirtyString, fc.constantFrom('0x10', '1e3', '5.0', '+5', '-1', '0', '2147483648', '99999999999999999', ' 100', 'Infinity', 'NaN', '0b101', '0o17')), {}],
    ['OPENSEARCH_COMPRESSION', fc.oneof(dirtyString, fc.constantFrom('maybe', 'on', 'yes please')), {}],
    ['OPENSEARCH_ALLOW_INSECURE_HTTP', fc.constantFrom('maybe', 'true\n', '2'), {}],
    ['OPENSEARCH_SERVICE', fc.constantFrom('lambda', 'es\n', ' es', 'ES S'), { OPENSEARCH_AUTH: 'iam' }],
    ['OPENSEARCH_TENANT', dirtyString, {}],
    ['OPENSEARCH_CA_FILE', fc.constantFrom('/nonexistent/ca.pem', '/nonexistent\n'), {}],
    ['COGNITO_PASSWORD', fc.constantFrom('pw-Secret-1\n', ' pw-Secret-1', 'pw-Secret-1\r\n'), {}],
    ['COGNITO_CLIENT_SECRET', fc.constantFrom('cs-Secret-1\n', ' cs-Secret-1', 'cs\u0001x'), {}],
    ['COGNITO_REFRESH_TOKEN', fc.constantFrom('rt-Secret-1\n', ' rt-Secret-1'), { COGNITO_PASSWORD: undefined }],
    ['OPENSEARCH_PASSWORD', fc.constantFrom('pw-Secret-1\n', ' pw-Secret-1', 'pw\u0000x'), { OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'svc' }],
    ['OPENSEARCH_KEY_PASSPHRASE', fc.constantFrom('kp-Secret-1\n', ' kp-Secret-1'), {}],
    ['COGNITO_USER_POOL_ID', dirtyString, {}],
    ['COGNITO_IDP_ENDPOINT', fc.constantFrom('not a url', 'ftp://h', 'http://h\n'), {}],
  ];
  for (const [name, arb, extra] of variables) {
    test(`${name} ${JSON.stringify(extra)}`, () => {
      fc.assert(
        fc.property(arb, (value) => {
          const env = { ...ENV_BASE, ...extra, [name]: value };
          assert.throws(
            () => fromEnv(env),
            (e: unknown) => {
              assert.ok(e instanceof ConfigError, String(e));
              assert.equal(e.option, name, e.message);
              assert.ok(e.message.startsWith(`${name}: `) && saysWhatIsWrong(e), e.message);
              assert.ok(!renderings(e).includes('pw-Secret-1'), 'the password leaked');
              if (SECRET_VARIABLES.has(name)) assert.ok(!renderings(e).includes(value.trim().slice(0, 9)), `${name} leaked`);
              return true;
            },
          );
        }),
        { numRuns: 60 },
      );
    });
  }

  test('a file variable naming a FIFO, a device, a directory or an oversized file is refused at once, never read whole', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fgac-envfile-'));
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const big = join(dir, 'big.pem');
    writeFileSync(big, '');
    truncateSync(big, 1024 * 1024 + 1);
    for (const name of ['OPENSEARCH_CA_FILE', 'OPENSEARCH_CERT_FILE', 'OPENSEARCH_KEY_FILE']) {
      for (const [path, why] of [[fifo, /not a regular file/], ['/dev/zero', /not a regular file/], [dir, /not a regular file/], [big, /larger than 1048576 bytes/], [join(dir, 'none'), /ENOENT/]] as const) {
        assert.throws(() => fromEnv({ ...ENV_BASE, [name]: path }), (e: unknown) => e instanceof ConfigError && e.option === name && why.test(e.message), `${name}=${path}`);
      }
    }
  });

  test('the base environment is accepted, and decimal timeouts are read as such', () => {
    assert.equal(fromEnv(ENV_BASE).auth.mode, 'cognito');
    assert.equal(fromEnv({ ...ENV_BASE, OPENSEARCH_REQUEST_TIMEOUT_MS: '0016' }).requestTimeoutMs, 16);
  });

  test('a malformed AWS_REGION is refused by createClient in iam mode (not written into a header)', () => {
    for (const region of ['us-east-1\n', 'us-east-1 ', 'us east 1']) {
      assert.throws(
        () => validateOptions({ node: 'https://localhost:9200', auth: { mode: 'iam' } }, { AWS_REGION: region }),
        (e: unknown) => e instanceof ConfigError && e.option === 'AWS_REGION',
      );
    }
  });
});

describe('fromEnv never echoes a secret in its ConfigErrors', () => {
  const password = 'Winter2024!Secret';
  const cases: Array<[string, NodeJS.ProcessEnv, string]> = [
    ['a URL with credentials and a trailing newline', { OPENSEARCH_URL: `https://alice:${password}@search.example.com\n`, OPENSEARCH_AUTH: 'basic' }, 'OPENSEARCH_URL'],
    ['a URL with credentials and a space in the password', { OPENSEARCH_URL: `https://alice:pa ss-${password}@search.example.com `, OPENSEARCH_AUTH: 'basic' }, 'OPENSEARCH_URL'],
    ['the password put in the user-name variable', { OPENSEARCH_URL: 'https://search.example.com', OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: `${password}\n`, OPENSEARCH_PASSWORD: password }, 'OPENSEARCH_USERNAME'],
    ['the session token put in the region variable', { OPENSEARCH_URL: 'https://search.example.com', OPENSEARCH_AUTH: 'iam', AWS_REGION: password, AWS_SESSION_TOKEN: password }, 'AWS_REGION'],
  ];
  for (const [name, env, variable] of cases) {
    test(name, () => {
      assert.throws(() => fromEnv(env), (e: unknown) => {
        assert.ok(e instanceof ConfigError, String(e));
        assert.equal(e.option, variable);
        for (const text of [e.message, String(e.stack), JSON.stringify(e)]) assert.ok(!text.includes(password) && !text.includes('Winter2024'), text);
        assert.match(e.message, new RegExp(`^${variable}: `), 'the message still names the variable and says what is wrong');
        return true;
      });
    });
  }
});

test('fromEnv: a secret put in a choice or boolean variable is never echoed, in any case', () => {
  const URL = 'https://search-x.us-east-1.es.amazonaws.com';
  for (const secret of ['S3cretPassw0rd!', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', `Long-${'p'.repeat(70)}-Passw0rd`]) {
    const envs: Array<[string, NodeJS.ProcessEnv]> = [
      ['OPENSEARCH_AUTH', { OPENSEARCH_URL: URL, OPENSEARCH_AUTH: secret, OPENSEARCH_USERNAME: 'u', OPENSEARCH_PASSWORD: secret }],
      ['OPENSEARCH_SERVICE', { OPENSEARCH_URL: URL, OPENSEARCH_AUTH: 'iam', OPENSEARCH_SERVICE: secret, AWS_SECRET_ACCESS_KEY: secret, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_REGION: 'us-east-1' }],
      ['OPENSEARCH_COMPRESSION', { OPENSEARCH_URL: URL, OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'u', OPENSEARCH_PASSWORD: secret, OPENSEARCH_COMPRESSION: secret }],
    ];
    for (const [variable, env] of envs) {
      assert.throws(() => fromEnv(env), (e: unknown) => {
        assert.ok(e instanceof ConfigError && e.option === variable, `${variable}: ${String(e)}`);
        const text = `${e.message} ${inspect(e)}`.toLowerCase();
        assert.ok(!text.includes(secret.toLowerCase()), `${variable} echoed the secret: ${e.message}`);
        assert.ok(!text.includes(secret.slice(0, 20).toLowerCase()), `${variable} echoed the start of the secret: ${e.message}`);
        return true;
      });
    }
  }
});

test('basic over a loopback http:// node: sniffing (which would reach the addresses the cluster publishes) is refused unless allowInsecureHttp', () => {
  const base = { node: 'http://127.0.0.1:9200', auth: { mode: 'basic' as const, username: 'u', password: 'Secret-Pw-123' } };
  assert.ok(createClient(base));
  for (const key of ['sniffOnStart', 'sniffInterval', 'sniffOnConnectionFault'] as const) {
    const value = key === 'sniffInterval' ? 60_000 : true;
    assert.throws(() => createClient({ ...base, clientOptions: { [key]: value } }), (e: unknown) => e instanceof ConfigError && e.option === `clientOptions.${key}`, key);
    assert.ok(createClient({ ...base, allowInsecureHttp: true, clientOptions: { [key]: value } }));
    assert.ok(createClient({ ...base, node: 'https://127.0.0.1:9200', clientOptions: { [key]: value } }));
  }
});

test('a node with a trailing-dot host is the same node; an opaqueIdPrefix a header cannot carry is refused at creation and in child()', () => {
  const auth = { mode: 'none' as const };
  assert.throws(() => createClient({ node: ['https://h.example', 'https://h.example./'], auth }), (e: unknown) => e instanceof ConfigError && e.option === 'node[1]');
  for (const prefix of ['Ω', 'a\nb']) {
    assert.throws(() => createClient({ node: 'https://h.example', auth, clientOptions: { opaqueIdPrefix: prefix } }),
      (e: unknown) => e instanceof ConfigError && e.option === 'clientOptions.opaqueIdPrefix', JSON.stringify(prefix));
    const client = createClient({ node: 'https://h.example', auth });
    assert.throws(() => client.child({ opaqueIdPrefix: prefix }), (e: unknown) => e instanceof ConfigError && e.option === 'child.opaqueIdPrefix', JSON.stringify(prefix));
  }
  assert.ok(createClient({ node: 'https://h.example', auth, clientOptions: { opaqueIdPrefix: 'svc-a:' } }).child({ opaqueIdPrefix: 'svc-b:' }));
});
