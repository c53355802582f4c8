/**
 * A password set through the security API that the REAL plugin refuses leaves no trace of itself in
 * anything the error exposes (message, stack, JSON.stringify, util.inspect, meta and the request
 * params inside it), in plain, base64 and URL-encoded form: through put, entity and collection PATCH
 * (`{op: 'add', path: '/password', value}`, where the key is `value`), ensure (create and
 * updatePassword), plan/apply (create and updatePasswords), and account.changePassword. Plans show
 * `[REDACTED]` instead of passwords and still apply the real ones. Both a raw opensearch-js Client and
 * one made by createClient are used. Entities are named `p12s-*` and removed in `after`.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { inspect } from 'node:util';
import { Client } from '@opensearch-project/opensearch';
import { createClient } from '../../src/client/create-client.js';
import { SecurityApiError } from '../../src/errors/classes.js';
import { SecurityApi, SecurityModelError, pointer, type JsonPatchOperation, type SecurityPlan } from '../../src/security/index.js';
import { loadConnection } from '../domain/connection.js';
import { testPassword } from '../support/test-password.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const raw = new Client({ node: conn.opensearch.url, auth: conn.users.master, ssl: { ca } });
const made = createClient({ node: conn.opensearch.url, ssl: { ca }, auth: { mode: 'basic', ...conn.users.master } });

const EXISTING = 'p12s-existing';
const EXISTING_PASSWORD = testPassword('Ex');
/** Passwords the plugin's policy refuses ("Weak password"): low-entropy, but each one distinct. */
const WEAK = ['qwertyuiop123', 'asdfghjkl1234', 'zxcvbnm12345', '1q2w3e4r5t6y', 'password12345', 'qazwsxedc123', 'abc123abc123'];
/** A strong, random password: only redaction by value (or by the patch path) can remove it. */
const strong = (): string => `St9#${randomBytes(15).toString('base64url')}+/é`;

/** Every form the password could take in an error: plain, base64 (and url-safe), URL-encoded, form-encoded, JSON-escaped. */
function forms(password: string): string[] {
  const utf8 = Buffer.from(password, 'utf8');
  return [
    password,
    utf8.toString('base64'),
    utf8.toString('base64').replace(/=+$/, ''),
    utf8.toString('base64url'),
    encodeURIComponent(password),
    encodeURIComponent(password).replace(/%20/g, '+'),
    JSON.stringify(password).slice(1, -1),
  ];
}

/** Everything an error exposes, as text. */
function exposures(e: unknown): Record<string, string> {
  const err = e as Error & { meta?: unknown };
  return {
    message: String(err.message),
    stack: String(err.stack),
    json: JSON.stringify(e) ?? '',
    inspect: inspect(e, { depth: 10 }),
    inspectAll: inspect(e, { depth: Infinity, showHidden: true }),
    meta: inspect(err.meta, { depth: Infinity }),
    metaJson: JSON.stringify(err.meta) ?? '',
    string: String(e),
  };
}

function assertNoTrace(e: unknown, password: string): void {
  const seen = exposures(e);
  for (const form of forms(password)) {
    for (const [where, text] of Object.entries(seen)) {
      assert.ok(!text.includes(form), `the password (as ${JSON.stringify(form.slice(0, 4))}…) is in ${where}: ${text.slice(0, 300)}`);
    }
  }
}

/** The refusal of `attempt`; fails when it resolves. */
async function refusal(attempt: Promise<unknown>): Promise<unknown> {
  try {
    await attempt;
  } catch (err) {
    return err;
  }
  return assert.fail('expected the plugin to refuse the write');
}

/** The request body the error carries: present (the body was there to leak) and redacted. */
function assertBodyRedacted(e: unknown): void {
  const params = (e as { meta?: { meta?: { request?: { params?: { body?: unknown } } } } }).meta?.meta?.request?.params;
  const body = typeof params?.body === 'string' ? params.body : JSON.stringify(params?.body);
  assert.ok(typeof body === 'string' && body.includes('[REDACTED]'), `the request body in meta: ${body}`);
}

async function cleanup(): Promise<void> {
  const api = new SecurityApi(raw);
  const names = Object.keys(await api.users.listRaw()).filter((name) => name.startsWith('p12s-'));
  if (names.length > 0) await api.users.patch(names.map((name): JsonPatchOperation => ({ op: 'remove', path: pointer(name) })));
}

before(async () => {
  await cleanup();
  await new SecurityApi(raw).users.put(EXISTING, { password: EXISTING_PASSWORD, backend_roles: ['p12s-backend'] });
});

after(async () => {
  await cleanup();
  await raw.close();
  await made.close();
});

for (const [label, client] of [['raw opensearch-js Client', raw], ['createClient (basic)', made]] as const) {
  describe(`refused password writes leave no trace (${label})`, () => {
    const api = new SecurityApi(client);
    let weak = 0;
    const nextWeak = (): string => {
      const w = WEAK[weak++ % WEAK.length] as string;
      return label === 'raw opensearch-js Client' ? w : w.split('').reverse().join('');
    };

    test('users.put with a password the policy refuses', async () => {
      const password = nextWeak();
      const e = await refusal(api.users.put('p12s-weak', { password, backend_roles: [] }));
      assert.ok(e instanceof SecurityApiError, String(e));
      assert.equal(e.reason, 'Weak password');
      assertBodyRedacted(e);
      assertNoTrace(e, password);
    });

    test('entity PATCH {op: add, path: /password, value} refused (weak, and next to an invalid key)', async () => {
      const password = nextWeak();
      const weakErr = await refusal(api.users.patch(EXISTING, [{ op: 'add', path: '/password', value: password }]));
      assert.ok(weakErr instanceof SecurityApiError && weakErr.reason === 'Weak password', String(weakErr));
      assertBodyRedacted(weakErr);
      assertNoTrace(weakErr, password);

      const secret = strong();
      const invalid = await refusal(api.users.patch(EXISTING, [{ op: 'add', path: '/password', value: secret }, { op: 'add', path: '/p12s_bogus', value: 'x' }]));
      assert.ok(invalid instanceof SecurityApiError && invalid.invalidKeys.includes('p12s_bogus'), String(invalid));
      assertBodyRedacted(invalid);
      assertNoTrace(invalid, secret);

      const missing = strong();
      const notFound = await refusal(api.users.patch('p12s-nobody', [{ op: 'replace', path: '/password', value: missing }]));
      assert.ok(notFound instanceof SecurityApiError && notFound.statusCode === 404, String(notFound));
      assertNoTrace(notFound, missing);
    });

    test('collection PATCH creating a user with a password and a wrong datatype', async () => {
      const secret = strong();
      const ops = [{ op: 'add', path: '/p12s-typed', value: { password: secret, backend_roles: 'not-a-list' } }] as const;
      // refused before anything is sent since stop 63 (patch values are shape-checked as whole entities are: helper 238)
      const local = await refusal(api.users.patch([...ops]));
      assert.ok(local instanceof SecurityModelError && /backend_roles: must be a list/.test(local.message), String(local));
      assertNoTrace(local, secret);
      // the node's own refusal of the same body, sent as it is
      const e = await refusal(api.request('PATCH', 'api/internalusers', ops));
      assert.ok(e instanceof SecurityApiError && e.reason === 'Wrong datatype', String(e));
      assertBodyRedacted(e);
      assertNoTrace(e, secret);
    });

    test('ensure: creating with a weak password, and updatePassword on an existing user', async () => {
      const create = nextWeak();
      const created = await refusal(api.users.ensure('p12s-ensure', { password: create }));
      assert.ok(created instanceof SecurityApiError && created.reason === 'Weak password', String(created));
      assertNoTrace(created, create);

      const update = nextWeak();
      const updated = await refusal(api.users.ensure(EXISTING, { password: update, backend_roles: ['p12s-backend'] }, { updatePassword: true }));
      assert.ok(updated instanceof SecurityApiError && updated.reason === 'Weak password', String(updated));
      assertBodyRedacted(updated);
      assertNoTrace(updated, update);
      assert.equal(await api.users.get('p12s-ensure'), undefined);
    });

    test('plan shows [REDACTED] for passwords; apply sends the real one and its refusal leaves no trace', async () => {
      const create = nextWeak();
      const update = nextWeak();
      const plan = await api.plan(
        { users: { 'p12s-planned': { password: create, backend_roles: [] }, [EXISTING]: { password: update, backend_roles: ['p12s-backend'] } } },
        { updatePasswords: true },
      );
      assert.deepEqual(plan.users.created, ['p12s-planned']);
      assert.deepEqual(plan.users.changed, [{ name: EXISTING, fields: ['password'] }]);
      assert.deepEqual(plan.users.operations, [
        { op: 'add', path: '/p12s-planned', value: { password: '[REDACTED]', backend_roles: [] } },
        { op: 'add', path: `/${EXISTING}/password`, value: '[REDACTED]' },
      ]);
      for (const text of [JSON.stringify(plan), inspect(plan, { depth: Infinity, showHidden: true })]) {
        for (const password of [create, update]) for (const form of forms(password)) assert.ok(!text.includes(form), 'the plan shows a password');
      }
      const e = await refusal(api.apply(plan));
      assert.ok(e instanceof SecurityApiError && e.reason === 'Weak password', String(e));
      assertBodyRedacted(e);
      assertNoTrace(e, create);
      assertNoTrace(e, update);

      // A copy of the plan has lost the real passwords: apply refuses rather than set "[REDACTED]".
      const copy = JSON.parse(JSON.stringify(plan)) as SecurityPlan;
      const refused = await refusal(api.apply(copy));
      assert.ok(refused instanceof SecurityModelError, String(refused));
      assert.match(refused.message, /redacted in the plan/);
    });

    test('a plan with a strong password applies the real password (the user can sign in with it)', async () => {
      const password = strong();
      const name = `p12s-applied-${label === 'raw opensearch-js Client' ? 'raw' : 'made'}`;
      const plan = await api.plan({ users: { [name]: { password, backend_roles: [] } } });
      assert.ok(!JSON.stringify(plan).includes(password));
      await api.apply(plan);
      const user = new Client({ node: conn.opensearch.url, auth: { username: name, password }, ssl: { ca } });
      try {
        assert.equal((await new SecurityApi(user).authInfo()).user_name, name);
      } finally {
        await user.close();
      }
    });

    test('account.changePassword refused: neither the current nor the new password is exposed', async () => {
      const password = nextWeak();
      const e = await refusal(api.account.changePassword(conn.users.master.password, password));
      assert.ok(e instanceof SecurityApiError && e.reason === 'Weak password', String(e));
      assertNoTrace(e, password);
      assertNoTrace(e, conn.users.master.password);
    });
  });
}
