/**
 * Cases options-hostile-fuzz found (helper 136): users.ensure's options bag unchecked (null, a non-boolean
 * updatePassword), a list given as patch's name taken for the collection overload, a throwing class instance's
 * text thrown instead of the refusal, and an mTLS key whose PEM block OpenSSL cannot find blamed on the passphrase.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { Client } from '@opensearch-project/opensearch';
import { validateOptions } from '../../src/client/options.js';
import { ConfigError } from '../../src/errors/classes.js';
import { SecurityApi } from '../../src/security/index.js';
import { SecurityModelError } from '../../src/security/model-error.js';
import { makeClientPki, type ClientPki } from '../support/client-pki.js';

const PASSWORD = 'Pw-h136!7h3Q9zX2kd';
const THROWN = 'Thrown-h136-vault-9q8w7e';
const PASSPHRASE = 'Kp-h136-8x2y6z1w0v3u';

/** A client whose node refuses connections: every refusal tested here comes before a request. */
function api(): SecurityApi {
  return new SecurityApi(new Client({ node: 'http://127.0.0.1:1' }) as never, { settleMs: 1, maxElapsedMs: 300 } as never);
}

const isConfig = (option: string) => (e: unknown): boolean => {
  assert.ok(e instanceof ConfigError, `expected a ConfigError naming ${option}, got ${String(e)}`);
  assert.equal(e.option, option, e.message);
  return true;
};

const isBadName = (e: unknown): boolean => {
  assert.ok(e instanceof SecurityModelError, `expected a SecurityModelError naming name, got ${String(e)}`);
  assert.deepEqual(e.issues.map((i) => i.path), ['name'], e.message);
  assert.match(e.message, /must be a non-empty string, got an array/);
  return true;
};

describe('users.ensure: its options are checked as plan() checks its own', () => {
  const user = () => ({ password: PASSWORD, backend_roles: [] as string[] });

  test('null or a non-object options bag is a ConfigError naming options (FUZZ_SEED=8,18,26,28)', async () => {
    for (const bad of [null, 5, 'yes', [], new Map()]) {
      await assert.rejects(api().users.ensure('alice', user(), bad as never), isConfig('options'));
    }
    // plan refuses the same way
    await assert.rejects(api().plan({ tenants: { t: { description: 'd' } } }, null as never), isConfig('options'));
  });

  test('a non-boolean updatePassword is a ConfigError naming it, whatever it converts to (FUZZ_SEED=42)', async () => {
    const unconvertible = Object.create(null) as object;
    for (const bad of [unconvertible, 'yes', 1, { toString: () => 'true' }]) {
      await assert.rejects(api().users.ensure('alice', user(), { updatePassword: bad } as never), isConfig('options.updatePassword'));
    }
  });

  test('an unknown option is refused, naming it', async () => {
    await assert.rejects(api().users.ensure('alice', user(), { updatePasswords: true } as never), isConfig('options.updatePasswords'));
  });

  test('a name that is no string is refused naming name, with updatePassword set (no conversion of it to text)', async () => {
    const name = JSON.parse('{"__proto__":{"x":1},"constructor":{"prototype":{"p":1}}}') as unknown;
    await assert.rejects(api().users.ensure(name as never, user(), { updatePassword: true }), (e: unknown) => e instanceof SecurityModelError && e.issues[0]?.path === 'name');
  });
});

describe('patch(name, operations): a list given as the name is a bad name', () => {
  const ops = [{ op: 'replace' as const, path: '/description', value: 'x' }];
  for (const resource of ['roles', 'users', 'tenants', 'actionGroups', 'roleMappings'] as const) {
    test(`${resource}.patch([...], ops) names name, not operations[0]; [] is no RangeError`, async () => {
      const a = api()[resource] as unknown as { patch(n: unknown, o: unknown): Promise<unknown> };
      for (const name of [['readers'], [], [{}, {}]]) await assert.rejects(a.patch(name, ops), isBadName);
    });
  }

  test('patch(operations) alone is still the collection PATCH', async () => {
    await assert.rejects(api().roles.patch([] as never), (e: unknown) => e instanceof RangeError && /at least one operation/.test(e.message));
  });
});

describe('patch: what a hostile argument throws is never quoted (FUZZ_SEED=40)', () => {
  const thrower = (): never => {
    throw new Error(`vault said: password=${THROWN}`);
  };
  class Bag {
    constructor(from: object) {
      Object.assign(this, from);
    }
  }
  for (const resource of ['roles', 'users'] as const) {
    test(`${resource}.patch(name, a class instance holding a throwing Proxy) is the refusal of the operations`, async () => {
      const proxy = new Proxy({}, { get: thrower, ownKeys: thrower, has: thrower, getOwnPropertyDescriptor: thrower, getPrototypeOf: thrower });
      const a = api()[resource] as unknown as { patch(n: unknown, o: unknown): Promise<unknown> };
      await assert.rejects(a.patch('readers', new Bag([proxy])), (e: unknown) => {
        isConfig('operations')(e);
        assert.ok(!String((e as Error).stack).includes(THROWN));
        return true;
      });
    });
  }
});

describe('mTLS: a key whose PEM block OpenSSL cannot find is blamed on ssl.key, not on a correct passphrase', () => {
  let pki: ClientPki = { dir: '', ca: '', cert: '', key: '', caFile: '', certFile: '', keyFile: '' };
  before(() => {
    pki = makeClientPki(PASSPHRASE, 'h136');
  });
  after(() => rmSync(pki.dir, { recursive: true, force: true }));

  const validate = (key: unknown, passphrase = PASSPHRASE): unknown =>
    validateOptions({ node: 'https://search-x.us-east-1.es.amazonaws.com', auth: { mode: 'none' }, ssl: { ca: [pki.ca], cert: pki.cert, key, passphrase } } as never, {} as never);

  test('a space or U+202E before the PEM (FUZZ_SEED=9,11,12,14,17,20,37,39), also as a Buffer or a list entry', () => {
    for (const bad of [` ${pki.key} `, `\u202E${pki.key}`, `x${pki.key}`]) {
      assert.throws(() => validate(bad), isConfig('ssl.key'));
      assert.throws(() => validate(Buffer.from(bad)), isConfig('ssl.key'));
      assert.throws(() => validate([bad]), isConfig('ssl.key[0]'));
    }
  });

  test('what OpenSSL accepts still loads, and a wrong passphrase is still blamed on it', () => {
    for (const good of [pki.key, `\n${pki.key}`, `Bag Attributes\n${pki.key}`, `\u202E\n${pki.key}`, `${pki.key} `]) assert.doesNotThrow(() => validate(good));
    assert.throws(() => validate(pki.key, 'wrong-passphrase'), isConfig('ssl.passphrase'));
  });
});
