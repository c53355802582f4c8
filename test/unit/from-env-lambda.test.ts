/**
 * fromEnv in a Lambda calling a domain of another region (review LW F1), and fromEnv's consistency
 * (LW F9): AWS_REGION / AWS_DEFAULT_REGION of the env given are only the fallback createClient uses
 * (the host's region wins, never contradicted); OPENSEARCH_REGION is the domain's region, explicit.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError } from '../../src/errors/classes.js';
import { fromEnv } from '../../src/client/from-env.js';
import { resolveOptions, type FgacClientOptions } from '../../src/client/options.js';
import { EVERY_MODE_SCOPE } from '../../src/auth/modes.js';
import { createClient } from '../../src/client/create-client.js';
import { authStrategyOf } from '../../src/client/build-client.js';

const HOST_REGION = 'us-east-1';
/** Every host form that names its region (and the signing host form, where the URL names none). */
const HOST_FORMS: Array<{ name: string; env: NodeJS.ProcessEnv; service: 'es' | 'aoss'; regionVariableHost: string }> = [
  { name: '*.es', env: { OPENSEARCH_URL: 'https://search-x-abc.us-east-1.es.amazonaws.com' }, service: 'es', regionVariableHost: 'node' },
  { name: 'vpc-*.es', env: { OPENSEARCH_URL: 'https://vpc-x-abc.us-east-1.es.amazonaws.com' }, service: 'es', regionVariableHost: 'node' },
  { name: '*.aoss', env: { OPENSEARCH_URL: 'https://abc123xyz.us-east-1.aoss.amazonaws.com' }, service: 'aoss', regionVariableHost: 'node' },
  { name: '*.aos.*.on.aws', env: { OPENSEARCH_URL: 'https://search-x-abc.aos.us-east-1.on.aws' }, service: 'es', regionVariableHost: 'node' },
  { name: 'two nodes', env: { OPENSEARCH_URL: 'https://search-x-abc.us-east-1.es.amazonaws.com,https://search-y-abc.us-east-1.es.amazonaws.com' }, service: 'es', regionVariableHost: 'node' },
  {
    name: 'tunnel + OPENSEARCH_SIGNING_HOST',
    env: { OPENSEARCH_URL: 'https://localhost:9443', OPENSEARCH_SIGNING_HOST: 'vpc-x-abc.us-east-1.es.amazonaws.com' },
    service: 'es',
    regionVariableHost: 'OPENSEARCH_SIGNING_HOST',
  },
];
type Slot = 'absent' | 'same' | 'other' | 'malformed';
const AWS_REGION_VALUES: Record<Slot, string | undefined> = { absent: undefined, same: HOST_REGION, other: 'us-west-2', malformed: 'us-west-2 ' };
const DOMAIN_REGION_VALUES: Record<Exclude<Slot, 'malformed'>, string | undefined> = { absent: undefined, same: HOST_REGION, other: 'eu-west-1' };
const COGNITO = {
  OPENSEARCH_AUTH: 'cognito',
  COGNITO_USER_POOL_ID: 'eu-central-1_Pool1',
  COGNITO_CLIENT_ID: 'client1',
  COGNITO_IDENTITY_POOL_ID: 'eu-central-1:abc',
  COGNITO_USERNAME: 'svc',
  COGNITO_PASSWORD: 'pw-Secret-1',
};

function defined(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined));
}

/** The SigV4 scope createClient works out for the options, with an EMPTY environment: fromEnv's options carry all they need. */
function scopeOf(options: FgacClientOptions): { region: string; service: string } {
  const signing = resolveOptions(options, {}, EVERY_MODE_SCOPE).signing;
  assert.ok(signing !== undefined);
  return signing;
}

describe('fromEnv: AWS_REGION is a fallback, OPENSEARCH_REGION is explicit (LW F1)', () => {
  let cases = 0;
  for (const host of HOST_FORMS) {
    for (const mode of ['iam', 'cognito'] as const) {
      for (const awsSlot of Object.keys(AWS_REGION_VALUES) as Slot[]) {
        for (const domainSlot of Object.keys(DOMAIN_REGION_VALUES) as Array<Exclude<Slot, 'malformed'>>) {
          for (const cognitoRegion of mode === 'cognito' ? [undefined, 'eu-central-1'] : [undefined]) {
            for (const viaDefault of awsSlot === 'absent' ? [false] : [false, true]) {
              cases += 1;
              const awsName = viaDefault ? 'AWS_DEFAULT_REGION' : 'AWS_REGION';
              const env = defined({
                ...host.env,
                ...(mode === 'iam' ? { OPENSEARCH_AUTH: 'iam' } : COGNITO),
                COGNITO_REGION: cognitoRegion,
                [awsName]: AWS_REGION_VALUES[awsSlot],
                OPENSEARCH_REGION: DOMAIN_REGION_VALUES[domainSlot],
              });
              const label = `${host.name} ${mode} ${awsName}=${awsSlot} OPENSEARCH_REGION=${domainSlot}${cognitoRegion !== undefined ? ' COGNITO_REGION set' : ''}`;
              // exactly these fail: a malformed AWS_REGION, an explicit OPENSEARCH_REGION against the host, a cognito pool region nowhere
              const expected = awsSlot === 'malformed'
                ? awsName
                : mode === 'cognito' && cognitoRegion === undefined && awsSlot === 'absent'
                  ? 'COGNITO_REGION'
                  : domainSlot === 'other'
                    ? 'OPENSEARCH_REGION'
                    : undefined;
              test(label, () => {
                if (expected !== undefined) {
                  assert.throws(() => createClient(fromEnv(env)), (e: unknown) => {
                    assert.ok(e instanceof ConfigError, String(e));
                    assert.equal(e.option, expected, e.message);
                    assert.ok(e.message.startsWith(`${expected}: `), e.message);
                    if (expected === 'OPENSEARCH_REGION') assert.match(e.message, /does not match the region "us-east-1"/);
                    return true;
                  });
                  return;
                }
                const options = fromEnv(env);
                assert.deepEqual(scopeOf(options), { region: HOST_REGION, service: host.service, ...(env.OPENSEARCH_SIGNING_HOST !== undefined ? { signingHost: env.OPENSEARCH_SIGNING_HOST } : {}) });
                // an environment region never becomes an explicit auth.region other than the host's
                if (mode === 'iam') assert.ok([undefined, HOST_REGION].includes((options.auth as { region?: string }).region), JSON.stringify(options.auth));
                createClient(options).close().catch(() => undefined);
              });
            }
          }
        }
      }
    }
  }
  test('the matrix is as large as planned', () => assert.equal(cases, HOST_FORMS.length * (1 * 7 * 3 + 2 * 7 * 3)));
});

describe('fromEnv where the host names no region', () => {
  const TUNNEL = { OPENSEARCH_URL: 'https://localhost:9443', OPENSEARCH_AUTH: 'iam' };
  test('iam: AWS_REGION (then AWS_DEFAULT_REGION) of the env GIVEN is the signing region, carried in the options', () => {
    assert.equal(scopeOf(fromEnv({ ...TUNNEL, AWS_REGION: 'us-west-2' })).region, 'us-west-2');
    assert.equal(scopeOf(fromEnv({ ...TUNNEL, AWS_DEFAULT_REGION: 'ap-south-1' })).region, 'ap-south-1');
  });
  test('iam: OPENSEARCH_REGION wins over AWS_REGION', () => {
    assert.equal(scopeOf(fromEnv({ ...TUNNEL, AWS_REGION: 'us-west-2', OPENSEARCH_REGION: 'eu-west-1' })).region, 'eu-west-1');
  });
  test('iam: no region anywhere is refused naming AWS_REGION, the fix naming OPENSEARCH_REGION too', () => {
    assert.throws(() => fromEnv(TUNNEL), (e: unknown) => e instanceof ConfigError && e.option === 'AWS_REGION' && /needs a region/.test(e.message) && /OPENSEARCH_REGION/.test(e.message));
  });
  test('cognito: the pool region signs; an OPENSEARCH_REGION that differs is refused (no option could carry it), an equal one accepted', () => {
    const env = { ...COGNITO, OPENSEARCH_URL: 'https://localhost:9443', COGNITO_REGION: 'eu-central-1', AWS_REGION: 'us-west-2' };
    assert.equal(scopeOf(fromEnv(env)).region, 'eu-central-1');
    assert.equal(scopeOf(fromEnv({ ...env, OPENSEARCH_REGION: 'eu-central-1' })).region, 'eu-central-1');
    assert.throws(() => fromEnv({ ...env, OPENSEARCH_REGION: 'us-east-1' }), (e: unknown) => e instanceof ConfigError && e.option === 'OPENSEARCH_REGION' && /OPENSEARCH_SIGNING_HOST/.test(e.message));
  });
  test('a malformed OPENSEARCH_REGION is refused naming it', () => {
    for (const value of ['us-east-1\n', 'useast1', ' us-east-1']) {
      assert.throws(() => fromEnv({ ...TUNNEL, OPENSEARCH_REGION: value }), (e: unknown) => e instanceof ConfigError && e.option === 'OPENSEARCH_REGION', value);
    }
  });
});

describe('the signature a Lambda in another region sends (LW F1, end to end)', () => {
  test('the Authorization Credential scope is the host region, not AWS_REGION', async () => {
    const options = fromEnv({ OPENSEARCH_URL: 'https://search-x-abc.us-east-1.es.amazonaws.com', OPENSEARCH_AUTH: 'iam', AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'us-west-2' });
    const client = createClient({ ...options, auth: { ...options.auth, mode: 'iam', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'Example-Secret-Key-1' } } });
    try {
      const strategy = authStrategyOf(client);
      assert.ok(strategy !== undefined);
      const headers = await strategy.headersFor({ method: 'GET', host: 'search-x-abc.us-east-1.es.amazonaws.com', path: '/', headers: {} });
      assert.match(headers.authorization ?? '', /Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/es\/aws4_request/);
    } finally {
      await client.close();
    }
  });
});

describe('fromEnv is consistent (LW F9)', () => {
  const NONE = { OPENSEARCH_URL: 'https://localhost:9200', OPENSEARCH_AUTH: 'none' };
  const refuses = (env: NodeJS.ProcessEnv, variable: string, pattern: RegExp): void => {
    assert.throws(() => createClient(fromEnv(env)), (e: unknown) => {
      assert.ok(e instanceof ConfigError, String(e));
      assert.equal(e.option, variable, e.message);
      assert.match(e.message, pattern);
      return true;
    });
  };
  test('booleans: true / false in any case; everything else refused, listing what is accepted', () => {
    for (const [value, expected] of [['true', true], ['TRUE', true], ['False', false], ['false', false]] as const) {
      assert.equal(fromEnv({ ...NONE, OPENSEARCH_COMPRESSION: value }).compression, expected, value);
      assert.equal(fromEnv({ ...NONE, OPENSEARCH_ALLOW_INSECURE_HTTP: value }).allowInsecureHttp, expected, value);
    }
    for (const value of ['yes', 'no', '1', '0', 'on', 'off', 'gzip', 'none', 'truee']) {
      for (const variable of ['OPENSEARCH_COMPRESSION', 'OPENSEARCH_ALLOW_INSECURE_HTTP']) {
        refuses({ ...NONE, [variable]: value }, variable, /accepted are true and false/);
      }
    }
  });
  test('a value of whitespace only is refused naming the variable (README: surrounding whitespace is refused); empty is unset', () => {
    const basic = { OPENSEARCH_URL: 'https://localhost:9200', OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'u', OPENSEARCH_PASSWORD: 'Pw-Secret-1' };
    const slots: Array<[string, NodeJS.ProcessEnv]> = [
      ['OPENSEARCH_TENANT', NONE],
      ['OPENSEARCH_CA_FILE', NONE],
      ['OPENSEARCH_KEY_PASSPHRASE', NONE],
      ['OPENSEARCH_REQUEST_TIMEOUT_MS', NONE],
      ['OPENSEARCH_COMPRESSION', NONE],
      ['OPENSEARCH_USERNAME', basic],
      ['OPENSEARCH_PASSWORD', basic],
      ['OPENSEARCH_SIGNING_HOST', { ...NONE, OPENSEARCH_AUTH: 'iam', AWS_REGION: 'us-east-1' }],
      ['OPENSEARCH_REGION', { ...NONE, OPENSEARCH_AUTH: 'iam', AWS_REGION: 'us-east-1' }],
      ['AWS_REGION', { ...NONE, OPENSEARCH_AUTH: 'iam' }],
      ['OPENSEARCH_AUTH', NONE],
      ['OPENSEARCH_URL', NONE],
    ];
    for (const [variable, base] of slots) {
      for (const value of [' ', '\t', '  \n']) refuses({ ...base, [variable]: value }, variable, /whitespace/);
    }
    assert.equal(fromEnv({ ...NONE, OPENSEARCH_TENANT: '' }).tenant, undefined);
  });
  test('a fix text of a check on the options as a whole names the variable, not the option', () => {
    refuses({ OPENSEARCH_URL: 'http://search-x.us-east-1.es.amazonaws.com', OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'u', OPENSEARCH_PASSWORD: 'Pw-Secret-1' }, 'OPENSEARCH_URL', /set OPENSEARCH_ALLOW_INSECURE_HTTP=true/);
    refuses({ OPENSEARCH_URL: 'https://abc123xyz.us-east-1.aoss.amazonaws.com', OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'u', OPENSEARCH_PASSWORD: 'Pw-Secret-1' }, 'OPENSEARCH_AUTH', /use OPENSEARCH_AUTH=iam/);
    refuses({ OPENSEARCH_URL: 'https://localhost:9200', OPENSEARCH_AUTH: 'iam', OPENSEARCH_SIGNING_HOST: 'search-x.us-east-1.es.amazonaws.com', OPENSEARCH_REGION: 'eu-west-1' }, 'OPENSEARCH_REGION', /of the OPENSEARCH_SIGNING_HOST host/);
    refuses({ OPENSEARCH_URL: 'https://u:pw@localhost:9200', OPENSEARCH_AUTH: 'none' }, 'OPENSEARCH_URL', /put them in OPENSEARCH_USERNAME/);
    const cases: NodeJS.ProcessEnv[] = [
      { OPENSEARCH_URL: 'http://search-x.us-east-1.es.amazonaws.com', OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'u', OPENSEARCH_PASSWORD: 'Pw-Secret-1' },
      { OPENSEARCH_URL: 'https://abc123xyz.us-east-1.aoss.amazonaws.com', OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'u', OPENSEARCH_PASSWORD: 'Pw-Secret-1' },
      { OPENSEARCH_URL: 'https://abc123xyz.us-east-1.aoss.amazonaws.com', OPENSEARCH_AUTH: 'iam', OPENSEARCH_SERVICE: 'es' },
      { OPENSEARCH_URL: 'https://search-x.us-east-1.es.amazonaws.com', OPENSEARCH_AUTH: 'iam', OPENSEARCH_REGION: 'eu-west-1' },
      { OPENSEARCH_URL: 'https://localhost:9200', OPENSEARCH_AUTH: 'iam', OPENSEARCH_SIGNING_HOST: 'https://x/', AWS_REGION: 'us-east-1' },
      { OPENSEARCH_URL: 'https://u:pw@localhost:9200', OPENSEARCH_AUTH: 'none' },
      { OPENSEARCH_URL: 'https://search-x.us-east-1.es.amazonaws.com,https://search-y.us-west-2.es.amazonaws.com', OPENSEARCH_AUTH: 'iam' },
    ];
    for (const env of cases) {
      assert.throws(() => fromEnv(env), (e: unknown) => {
        assert.ok(e instanceof ConfigError, String(e));
        assert.match(e.option, /^[A-Z_]+$/, e.message);
        const fix = e.message.replace(/ \(option [\w.[\]]+\)$/, '');
        assert.doesNotMatch(fix, /\bauth\.\w|allowInsecureHttp|requestTimeoutMs|\bssl\.|\bmode "|`auth`/, e.message);
        return true;
      });
    }
  });
  test('OPENSEARCH_USERNAME / OPENSEARCH_PASSWORD in a mode that would ignore them are refused naming the variable and the mode', () => {
    const modes: Array<[string, NodeJS.ProcessEnv]> = [
      ['none', NONE],
      ['iam', { OPENSEARCH_URL: 'https://search-x.us-east-1.es.amazonaws.com', OPENSEARCH_AUTH: 'iam' }],
      ['cognito', { ...COGNITO, OPENSEARCH_URL: 'https://search-x.us-east-1.es.amazonaws.com', COGNITO_REGION: 'eu-central-1' }],
    ];
    for (const [mode, base] of modes) {
      for (const variable of ['OPENSEARCH_USERNAME', 'OPENSEARCH_PASSWORD']) {
        assert.throws(() => fromEnv({ ...base, [variable]: 'Pw-Secret-1' }), (e: unknown) => {
          assert.ok(e instanceof ConfigError, String(e));
          assert.equal(e.option, variable);
          assert.ok(e.message.includes(`"${mode}"`), e.message);
          assert.ok(!e.message.includes('Pw-Secret-1'), e.message);
          return true;
        });
      }
      assert.doesNotThrow(() => fromEnv({ ...base, OPENSEARCH_USERNAME: '', OPENSEARCH_PASSWORD: '' }), mode);
    }
  });
});

describe('the CLI reads its clients through fromEnv (LW F1)', () => {
  test('caller and IAM admin in a region other than the domain\'s: both built, the admin signs for the host region', async () => {
    const { CliContext } = await import('../../src/cli/context.js');
    const context = new CliContext({
      OPENSEARCH_URL: 'https://search-x-abc.us-east-1.es.amazonaws.com',
      OPENSEARCH_AUTH: 'iam',
      AWS_REGION: 'us-west-2',
      OPENSEARCH_ADMIN_AUTH: 'iam',
      AWS_ADMIN_ACCESS_KEY_ID: 'AKIDADMINEXAMPLE',
      AWS_ADMIN_SECRET_ACCESS_KEY: 'Admin-Secret-Key-1',
    });
    try {
      assert.ok(context.caller());
      const strategy = authStrategyOf(context.admin());
      assert.ok(strategy !== undefined);
      const headers = await strategy.headersFor({ method: 'GET', host: 'search-x-abc.us-east-1.es.amazonaws.com', path: '/', headers: {} });
      assert.match(headers.authorization ?? '', /Credential=AKIDADMINEXAMPLE\/\d{8}\/us-east-1\/es\/aws4_request/);
    } finally {
      await context.close();
    }
  });
});

describe('a secret put in the wrong variable (variables swapped) is not quoted back', () => {
  const secret = 'Pz7xMtls/Passphrase+Q9';
  const cases: Array<[Record<string, string>, string]> = [
    // the passphrase in the key-file variable (and the key path in the passphrase variable)
    [{ OPENSEARCH_KEY_FILE: 'Pz7xMtlsPassphraseQ9', OPENSEARCH_KEY_PASSPHRASE: '/no/such/client.key', OPENSEARCH_CERT_FILE: '/no/such/client.pem' }, 'OPENSEARCH_'],
    [{ OPENSEARCH_CA_FILE: 'Pz7xMtlsPassphraseQ9' }, 'OPENSEARCH_CA_FILE'],
    [{ OPENSEARCH_AUTH: secret }, 'OPENSEARCH_AUTH'],
    [{ OPENSEARCH_COMPRESSION: secret }, 'OPENSEARCH_COMPRESSION'],
  ];
  for (const [vars, named] of cases) {
    test(Object.keys(vars).join(' + '), () => {
      const env = { OPENSEARCH_URL: 'https://search-x.us-east-1.es.amazonaws.com', OPENSEARCH_AUTH: 'none', ...vars };
      assert.throws(() => createClient(fromEnv(env)), (e: unknown) => {
        assert.ok(e instanceof ConfigError, String(e));
        assert.ok(e.option.startsWith(named), e.option);
        for (const piece of ['Pz7xMtls', 'Passphrase']) assert.ok(!`${e.message}${e.stack}`.includes(piece), e.message);
        return true;
      });
    });
  }
  test('a typo or a path is still quoted', () => {
    assert.throws(() => fromEnv({ OPENSEARCH_URL: 'https://h.example.com', OPENSEARCH_AUTH: 'Basicc' }), /"Basicc"/);
    assert.throws(() => createClient(fromEnv({ OPENSEARCH_URL: 'https://h.example.com', OPENSEARCH_AUTH: 'none', OPENSEARCH_CA_FILE: '/no/such/ca.pem' })), /"\/no\/such\/ca\.pem"/);
  });
});
