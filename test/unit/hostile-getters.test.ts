/**
 * Options read once: getters and Proxies in the options of createClient, validateOptions,
 * client.child() and ingest, and in the environment of fromEnv. Every value is read exactly once
 * (so a getter cannot pass the checks with one value and give the client another), and a read
 * that throws is a ConfigError naming the option, with nothing of the thrown error in it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import type { Client } from '@opensearch-project/opensearch';
import { createClient } from '../../src/client/create-client.js';
import { fromEnv } from '../../src/client/from-env.js';
import { validateOptions, type FgacClientOptions } from '../../src/client/options.js';
import { ConfigError } from '../../src/errors/classes.js';
import { ingest } from '../../src/ingest/ingest.js';
import { SAMPLE_COGNITO_ENV } from '../support/sample-env.js';

const SECRET = 'Getter-Secret-7f3a!';
const DOMAIN = 'https://search-x.us-east-1.es.amazonaws.com';
const NO_ENV: NodeJS.ProcessEnv = {};

/** Valid options of every mode, with nested objects and lists at every level the SDK reads. */
function bases(): Array<Record<string, unknown>> {
  const common = {
    tenant: 'team-a',
    requestTimeoutMs: 5000,
    compression: true,
    retry: { retries: 2, minDelayMs: 10, maxDelayMs: 100, maxElapsedMs: 1000, retryUnsafeWrites: false },
    ssl: { rejectUnauthorized: true, servername: 'search-x.us-east-1.es.amazonaws.com' },
    clientOptions: { headers: { 'x-team': 'a' }, agent: { keepAlive: true, maxSockets: 8 }, pingTimeout: 1000 },
  };
  return [
    { node: [DOMAIN, DOMAIN.replace('search-x', 'search-y')], auth: { mode: 'basic', username: 'svc', password: 'pw-1234567' }, ...common },
    { node: DOMAIN, auth: { mode: 'iam', region: 'us-east-1', credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'sk-1234567', sessionToken: 'st-1234567' } }, ...common },
    {
      node: DOMAIN,
      auth: {
        mode: 'cognito', region: 'us-east-1', userPoolId: 'us-east-1_Pool1', clientId: 'client1', identityPoolId: 'us-east-1:abc-123',
        username: 'svc', password: 'pw-1234567', endpoints: { cognitoIdp: 'https://idp.example.com', cognitoIdentity: 'https://identity.example.com' },
      },
      ...common,
    },
  ];
}

/** Every path to a value held in a plain object or list of `value`, as the SDK names options. */
function paths(value: unknown, prefix = ''): string[][] {
  const out: string[][] = [];
  if (typeof value !== 'object' || value === null || Buffer.isBuffer(value)) return out;
  for (const key of Object.keys(value)) {
    out.push([key]);
    for (const rest of paths((value as Record<string, unknown>)[key], `${prefix}.${key}`)) out.push([key, ...rest]);
  }
  return out;
}

/** The option name for a path: `ssl.servername`, `node[1]`. */
function optionName(path: string[]): string {
  return path.reduce((name, key) => (/^\d+$/.test(key) ? `${name}[${key}]` : name === '' ? key : `${name}.${key}`), '');
}

/** A deep copy of `options` with the property at `path` turned into the accessor `get`. */
function withGetter(options: Record<string, unknown>, path: string[], get: (original: unknown) => unknown): Record<string, unknown> {
  const copy = structuredClone(options);
  let holder = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) holder = holder[key] as Record<string, unknown>;
  const last = path[path.length - 1] as string;
  const original = holder[last];
  Object.defineProperty(holder, last, { get: () => get(original), enumerable: true, configurable: true });
  return copy;
}

function renderings(e: unknown): string {
  const err = e as Error;
  return [err.message, err.stack ?? '', (err as ConfigError).option, JSON.stringify(err), inspect(err, { depth: 6, showHidden: true }), String(err)].join('\n');
}

function assertUnreadable(run: () => unknown, option: string): void {
  assert.throws(run, (e: unknown) => {
    assert.ok(e instanceof ConfigError, `expected ConfigError for ${option}, got ${inspect(e)}`);
    assert.equal(e.option, option);
    assert.match(e.message, /could not be read/);
    assert.ok(!renderings(e).includes(SECRET), `the thrown message leaked: ${renderings(e)}`);
    assert.equal((e as { cause?: unknown }).cause, undefined);
    return true;
  });
}

describe('createClient and validateOptions read every option once', () => {
  test('a getter that throws, at any depth, is a ConfigError naming that option and nothing of the thrown error', () => {
    let checked = 0;
    for (const base of bases()) {
      for (const path of paths(base)) {
        const options = withGetter(base, path, () => {
          throw new Error(`provider down: ${SECRET}`);
        }) as unknown as FgacClientOptions;
        assertUnreadable(() => validateOptions(options, NO_ENV), optionName(path));
        assertUnreadable(() => createClient(options), optionName(path));
        checked++;
      }
    }
    assert.ok(checked > 60, `only ${checked} paths`);
  });

  test('every getter is called exactly once by createClient, and the client works from what it returned', () => {
    for (const base of bases()) {
      for (const path of paths(base)) {
        let reads = 0;
        const options = withGetter(base, path, (original) => {
          reads++;
          return original;
        }) as unknown as FgacClientOptions;
        const client = createClient(options);
        assert.equal(reads, 1, `${optionName(path)} read ${reads} times`);
        assert.ok(typeof client.search === 'function');
      }
    }
  });

  test('a getter cannot pass the checks with one value and hand the client another', () => {
    const flip = <T>(first: T, later: unknown) => {
      let reads = 0;
      return () => (reads++ === 0 ? first : later);
    };
    const basic = { mode: 'basic', username: 'svc', password: 'pw-1234567' };
    // TLS verification switched off after the check.
    const ssl = Object.defineProperty({}, 'rejectUnauthorized', { get: flip(true, false), enumerable: true });
    const tlsClient = createClient({ node: DOMAIN, auth: basic, ssl } as unknown as FgacClientOptions);
    assert.equal(connectionsOf(tlsClient)[0]?.ssl?.rejectUnauthorized, true);
    // The node swapped for plain http after the https check.
    const nodeOptions = Object.defineProperty({ auth: basic }, 'node', { get: flip(DOMAIN, 'http://evil.example.com'), enumerable: true });
    assert.deepEqual(connectionsOf(createClient(nodeOptions as unknown as FgacClientOptions)).map((c) => c.url.href), [`${DOMAIN}/`]);
    // The password checked, then a password with a line break handed to the header.
    const auth = Object.defineProperty({ mode: 'basic', username: 'svc' }, 'password', { get: flip('pw-1234567', 'pw\r\nX-Injected: 1'), enumerable: true });
    const headerClient = createClient({ node: DOMAIN, auth } as unknown as FgacClientOptions);
    assert.ok(headerClient instanceof Object);
    // A whole `ssl` object swapped after the check.
    const swapped = Object.defineProperty({ node: DOMAIN, auth: basic }, 'ssl', { get: flip(undefined, { rejectUnauthorized: false }), enumerable: true });
    assert.notEqual(connectionsOf(createClient(swapped as unknown as FgacClientOptions))[0]?.ssl?.rejectUnauthorized, false);
  });

  test('a Proxy whose traps throw, a revoked Proxy and a Proxy list of absurd length are ConfigErrors', () => {
    const thrower = () => {
      throw new Error(SECRET);
    };
    assertUnreadable(() => createClient(new Proxy({}, { getPrototypeOf: thrower }) as never), 'options');
    assertUnreadable(() => createClient(new Proxy({}, { ownKeys: thrower }) as never), 'options');
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    assertUnreadable(() => createClient({ node: DOMAIN, auth: revoked.proxy } as never), 'auth');
    const auth = new Proxy({ mode: 'basic', username: 'svc', password: 'x' }, { getOwnPropertyDescriptor: thrower });
    assertUnreadable(() => createClient({ node: DOMAIN, auth } as never), 'auth.mode');
    const huge = new Proxy([], { get: (_t, key) => (key === 'length' ? 2 ** 32 - 1 : DOMAIN) });
    assert.throws(() => createClient({ node: huge, auth: { mode: 'none' } } as never), (e: unknown) => e instanceof ConfigError && e.option === 'node');
  });

  test('objects that are not plain data are passed as given (identity kept), and non-enumerable getters still count', () => {
    const context = { traceId: 't-1' };
    const client = createClient({ node: DOMAIN, auth: { mode: 'none' }, clientOptions: { context } });
    assert.equal((client.transport as unknown as { context: unknown }).context, context);
    const options = Object.defineProperty({ node: DOMAIN }, 'auth', { get: () => ({ mode: 'none' }), enumerable: false });
    assert.ok(createClient(options as unknown as FgacClientOptions));
  });
});

describe('client.child() and ingest read their options once', () => {
  test('a throwing getter in child options is a ConfigError naming child.<key>', () => {
    const client = createClient({ node: DOMAIN, auth: { mode: 'none' } });
    const opts = Object.defineProperty({}, 'headers', {
      get: () => {
        throw new Error(SECRET);
      },
      enumerable: true,
    });
    assertUnreadable(() => client.child(opts), 'child.headers');
  });

  test('a child option that flips to what the child may not change is refused or ignored, never applied', () => {
    const client = createClient({ node: DOMAIN, auth: { mode: 'none' } });
    let reads = 0;
    const opts = Object.defineProperty({}, 'headers', { get: () => (reads++ === 0 ? { 'x-a': '1' } : { 'x-a': 'v\r\nX-Injected: 1' }), enumerable: true });
    const child = client.child(opts);
    assert.equal(reads, 1);
    assert.ok(child);
  });

  test('a throwing getter in ingest options is a ConfigError naming the option', async () => {
    const client = createClient({ node: DOMAIN, auth: { mode: 'none' } });
    for (const key of ['retries', 'concurrency', 'refresh', 'signal', 'onOutcome', 'fifo']) {
      const options = Object.defineProperty({}, key, {
        get: () => {
          throw new Error(SECRET);
        },
        enumerable: true,
      });
      await assert.rejects(ingest(client, [], options), (e: unknown) => {
        assert.ok(e instanceof ConfigError, inspect(e));
        assert.equal(e.option, key);
        assert.ok(!renderings(e).includes(SECRET));
        return true;
      });
    }
  });
});

describe('fromEnv and the region fallback read each variable once, safely', () => {
  const ENV: NodeJS.ProcessEnv = { ...SAMPLE_COGNITO_ENV, OPENSEARCH_TENANT: 'team-a', OPENSEARCH_REQUEST_TIMEOUT_MS: '5000' };

  test('an environment object that throws for one variable is a ConfigError naming that variable', () => {
    for (const name of Object.keys(ENV)) {
      const env = new Proxy(ENV, {
        get: (target, key) => {
          if (key === name) throw new Error(`vault: ${SECRET}`);
          return target[key as string];
        },
      });
      assert.throws(
        () => fromEnv(env),
        (e: unknown) => {
          assert.ok(e instanceof ConfigError, `${name}: ${inspect(e)}`);
          assert.equal(e.option, name);
          assert.match(e.message, /could not be read/);
          assert.ok(!renderings(e).includes(SECRET));
          return true;
        },
      );
    }
  });

  test('createClient in iam mode refuses an unreadable AWS_REGION by name', () => {
    const env = new Proxy({}, {
      get: () => {
        throw new Error(SECRET);
      },
    });
    assert.throws(
      () => validateOptions({ node: 'https://localhost:9200', auth: { mode: 'iam' } }, env),
      (e: unknown) => e instanceof ConfigError && e.option === 'AWS_REGION' && !renderings(e).includes(SECRET),
    );
  });
});

interface ConnectionView {
  url: URL;
  ssl?: { rejectUnauthorized?: boolean } | null;
}

function connectionsOf(client: Client): ConnectionView[] {
  return (client.connectionPool as unknown as { connections: ConnectionView[] }).connections;
}
