/**
 * A secret that is also an ordinary word or name does not corrupt identity data. The rules
 * (secrets.ts): a word-like secret (letters only, or under 8 letters/digits/`_`) is removed only as
 * a whole word and never from inside a permission name; a password equal to its own user name (the
 * demo users' admin/admin) is still the password: removed where it stands as a word, while names that
 * merely contain it (admin_readonly, admin_tenant) stay whole. What stays: every standalone occurrence,
 * every encoded form, every removal by key or shape. Checked on redactText, typed errors, checkDomain and the CLI.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Printer } from '../../src/cli/output.js';
import { createClient } from '../../src/client/create-client.js';
import { checkDomain } from '../../src/diagnose/index.js';
import { SecurityExceptionError } from '../../src/errors/classes.js';
import { redactText } from '../../src/errors/redact.js';
import { SecretSet } from '../../src/errors/secrets.js';
import { startRecordingStub, type RecordingStub } from '../support/recording-stub.js';

function setOf(...values: string[]): SecretSet {
  const set = new SecretSet();
  for (const value of values) set.add(value);
  return set;
}

const b64 = (text: string): string => Buffer.from(text).toString('base64');

describe('redactText: word-like secrets', () => {
  test('a word-like secret is removed where it stands alone, not from inside a longer name', () => {
    const text = 'User admin (backend roles: admin), roles admin_readonly, tenants admin_tenant, superadmin, global_tenant';
    assert.equal(redactText(text, setOf('admin')), 'User [REDACTED] (backend roles: [REDACTED]), roles admin_readonly, tenants admin_tenant, superadmin, global_tenant');
  });

  test('a separator, an escape or a quote before it still makes it a word of its own', () => {
    const set = setOf('true');
    for (const text of ['FlightDelay:true', 'q=FlightDelay%3Atrue', '{"x":"true"}', 'line\\ntrue', 'caf\\u00e9true', '(true)', 'it is true.', 'true', '"true\\"']) {
      assert.ok(!redactText(text, set).includes('true'), text);
    }
  });

  test('a secret with a digit past 7 characters, or any character outside letters, digits and _, is removed inside words too', () => {
    assert.equal(redactText('xabcd1234y', setOf('abcd1234')), 'x[REDACTED]y');
    assert.equal(redactText('abcHq7!x9def', setOf('Hq7!x9')), 'abc[REDACTED]def');
    assert.equal(redactText('role ab12_x, key xab12y, ab12', setOf('ab12')), 'role ab12_x, key xab12y, [REDACTED]');
  });

  test('a permission name is the plugin\'s vocabulary: kept whole; the same word elsewhere is removed', () => {
    const text = 'no permissions for [indices:data/read/search] and [cluster:admin/opendistro/search]; search failed';
    assert.equal(redactText(text, setOf('search')), 'no permissions for [indices:data/read/search] and [cluster:admin/opendistro/search]; [REDACTED] failed');
  });

  test("held also as another secret's encoded form, it is removed anywhere (the stricter match wins)", () => {
    const word = 'LmxPVkFa'; // letters only, and the base64 of '.lOVAZ'
    assert.equal(Buffer.from('.lOVAZ').toString('base64'), word);
    const set = setOf(word);
    assert.equal(redactText(`x${word}x ${word}`, set), `x${word}x [REDACTED]`);
    assert.equal(redactText(`x${word}x`, new SecretSet(set).with(['.lOVAZ'])), 'x[REDACTED]x', 'a child set holding it as base64');
    set.add('.lOVAZ');
    assert.equal(redactText(`x${word}x`, set), 'x[REDACTED]x', 'the same set');
  });
});

describe('redactText: a password equal to its own user name', () => {
  const admin = (): SecretSet => setOf('admin', 'admin:admin'); // what basic auth adds for admin/admin

  test('it is still the password: removed as a word, with the pair, the Authorization header and a password field; longer names stay', () => {
    const text = `User admin lacks x; sent admin:admin as Basic ${b64('admin:admin')} with {"password":"admin"}; roles admin_readonly`;
    assert.equal(redactText(text, admin()), 'User [REDACTED] lacks x; sent [REDACTED] as Basic [REDACTED] with {"password":"[REDACTED]"}; roles admin_readonly');
    const printer = new Printer({ json: false, secrets: setOf('admin'), clientSecrets: () => [admin()] });
    assert.equal(printer.clean('user admin, roles admin_readonly'), 'user [REDACTED], roles admin_readonly', 'the CLI');
  });
});

describe('identity data on a loopback stub answering with the plugin\'s own texts', () => {
  let stub: RecordingStub;
  const denial = (user: string, roles: string): string => `no permissions for [indices:data/read/search] and User [name=${user}, backend_roles=[${roles}], requestedTenant=null]`;
  let reason = '';
  before(async () => {
    stub = await startRecordingStub();
    stub.reply = (req) => {
      if (req.url.startsWith('/_plugins/_security/authinfo')) {
        return {
          body: {
            user: 'User [name=admin, backend_roles=[admin], requestedTenant=null]', user_name: 'admin', user_requested_tenant: null,
            backend_roles: ['admin', String(req.headers.authorization?.[0])], custom_attribute_names: [], roles: ['all_access', 'own_index', 'admin_readonly'],
            tenants: { admin: true, global_tenant: true, admin_tenant: true }, principal: null,
          },
        };
      }
      if (req.url.startsWith('/_plugins/_security/api/account')) return { body: { user_name: 'admin', is_internal_user: true } };
      return { status: 403, body: { error: { root_cause: [{ type: 'security_exception', reason }], type: 'security_exception', reason }, status: 403 } };
    };
  });
  after(() => stub.close());

  async function denied(username: string, password: string): Promise<SecurityExceptionError> {
    const client = createClient({ node: stub.url, auth: { mode: 'basic', username, password }, retry: { retries: 0 } });
    try {
      const error = await client.search({ index: 'flights', body: {} }).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof SecurityExceptionError, String(error));
      return error;
    } finally {
      await client.close();
    }
  }

  test('admin/admin: the 403 keeps the action and the roles that only contain the word; the bare password is removed', async () => {
    reason = denial('admin', 'admin, admin_readonly');
    const e = await denied('admin', 'admin');
    assert.deepEqual(e.actions, ['indices:data/read/search']);
    assert.deepEqual(e.user, { name: '[REDACTED]', backendRoles: ['[REDACTED]', 'admin_readonly'] });
    assert.doesNotMatch(e.message, /\badmin\b/);
  });

  test("a password 'search' or 'admin' of another user: actions and roles come back whole", async () => {
    reason = denial('bob', 'admin_readonly, search_team');
    const e = await denied('bob', 'search');
    assert.deepEqual(e.actions, ['indices:data/read/search']);
    assert.deepEqual(e.user, { name: 'bob', backendRoles: ['admin_readonly', 'search_team'] });
    assert.deepEqual((await denied('bob', 'admin')).user?.backendRoles, ['admin_readonly', 'search_team']);
  });

  test('checkDomain for admin/admin: roles and tenants that only contain the word stay whole; the bare password and the echoed header do not', async () => {
    const client = createClient({ node: stub.url, auth: { mode: 'basic', username: 'admin', password: 'admin' }, retry: { retries: 0 } });
    try {
      const report = await checkDomain(client);
      assert.equal(report.identity?.user, '[REDACTED]');
      assert.deepEqual(report.identity?.backendRoles, ['[REDACTED]', '[REDACTED]'], 'the password as a word, and the echoed Authorization header');
      assert.deepEqual(report.identity?.roles, ['all_access', 'own_index', 'admin_readonly']);
      assert.equal(report.identity?.tenants.admin_tenant, true);
      assert.equal(report.identity?.tenants.global_tenant, true);
      assert.doesNotMatch(JSON.stringify(report), /\badmin\b/);
      assert.ok(!JSON.stringify(report).includes(b64('admin:admin')));
    } finally {
      await client.close();
    }
  });

  test('the CLI (whoami) for admin/admin keeps roles and tenants that only contain the word', async () => {
    const bin = fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url));
    const env = { PATH: process.env.PATH, OPENSEARCH_URL: stub.url, OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'admin', OPENSEARCH_PASSWORD: 'admin', NO_COLOR: '1' };
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', bin, 'whoami'], { env, cwd: fileURLToPath(new URL('../..', import.meta.url)) });
    assert.match(stdout, /^user\s+\[REDACTED\]$/m);
    assert.match(stdout, /^roles\s+all_access, own_index, admin_readonly$/m);
    assert.match(stdout, /^tenants\s+\[REDACTED\], global_tenant, admin_tenant$/m);
    assert.doesNotMatch(stdout, /\badmin\b/);
    assert.ok(!stdout.includes(b64('admin:admin')), stdout);
  });
});

test('many permission names and words interleaved: each word is judged against the permission name around it, if any', () => {
  const parts: string[] = [];
  const expected: string[] = [];
  for (let i = 0; i < 2000; i++) {
    parts.push(`indices:data/read/search${i % 7 === 0 ? '' : `/x${i}`}`, 'search', `cluster:admin/search/${i}`);
    expected.push(`indices:data/read/search${i % 7 === 0 ? '' : `/x${i}`}`, '[REDACTED]', `cluster:admin/search/${i}`);
  }
  assert.equal(redactText(parts.join(' '), setOf('search')), expected.join(' '));
});
