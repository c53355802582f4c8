/**
 * Reviews 237/240's left items on the REAL node (2.19.4; 3.4.0 with FGAC_DOMAIN_DIR=.../opensearch-3; both answer the
 * same; the unit side is test/unit/h242-security-guards.test.ts). (1) The node deletes a user name as written: `a+b` is
 * deleted as `a+b`, never `a b`, so a caller `h242-a b` may delete `h242-a+b` and the SDK's self-check compares the
 * names as written (it refused that delete before). (2) A `hash` the plugin cannot verify is stored (201) and every
 * sign-in of that user is 401: the SDK's verdict (hashProblem) agrees with the node's sign-in for every candidate, and
 * users.put refuses those before anything is sent.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import bcrypt from 'bcryptjs';
import { SecurityApi } from '../../src/security/api.js';
import { SecurityModelError } from '../../src/security/model-error.js';
import { hashProblem } from '../../src/security/password-hash.js';
import { loadConnection } from '../domain/connection.js';
import { localBasicClients, restAnswer, restCaller } from '../support/local-clients.js';
import { testPassword } from '../support/test-password.js';

const conn = loadConnection();
const clients = localBasicClients(conn);
const rest = restCaller(clients.master);
const api = new SecurityApi(clients.master);
const PASSWORD = testPassword('Hguard');
const ADMIN_ROLES = ['all_access', 'security_manager'];
const USERS = '/_plugins/_security/api/internalusers';

async function h242Users(): Promise<string[]> {
  return Object.keys(await api.users.listRaw()).filter((n) => n.startsWith('h242-'));
}
async function cleanUp(): Promise<void> {
  for (const name of await h242Users()) await restAnswer(clients.master, 'DELETE', `${USERS}/${encodeURIComponent(name)}`);
}
/** The status of `GET authinfo` signed in as `name` with PASSWORD. */
async function signIn(name: string): Promise<number> {
  const r = await restAnswer(clients.make(name, PASSWORD), 'GET', '/_plugins/_security/authinfo');
  return r.status;
}

before(cleanUp);
after(async () => {
  await cleanUp();
  await clients.closeAll();
});

describe('h242: a user name is deleted as written; the self-check compares it so', () => {
  test('caller "h242-a b" deletes "h242-a+b" (not itself); caller "h242-a+b" is refused itself, deletes "h242-a b"', async () => {
    await api.users.put('h242-a b', { password: PASSWORD, opendistro_security_roles: ADMIN_ROLES });
    await api.users.put('h242-a+b', { password: PASSWORD });
    const spaced = new SecurityApi(clients.make('h242-a b', PASSWORD));
    assert.equal((await spaced.authInfo()).user_name, 'h242-a b');
    const result = await spaced.users.delete('h242-a+b');
    assert.match(result.message ?? '', /'h242-a\+b' deleted/);
    assert.deepEqual(await h242Users(), ['h242-a b']);

    await api.users.put('h242-a+b', { password: PASSWORD, opendistro_security_roles: ADMIN_ROLES });
    const plus = new SecurityApi(clients.make('h242-a+b', PASSWORD));
    assert.equal((await plus.authInfo()).user_name, 'h242-a+b');
    await assert.rejects(plus.users.delete('h242-a+b'), SecurityModelError);
    await plus.users.delete('h242-a b');
    assert.deepEqual(await h242Users(), ['h242-a+b']);
  });
});

describe('h242: the SDK refuses a hash exactly when the node could never sign its user in', () => {
  test('raw PUT stores each candidate (201); sign-in succeeds iff hashProblem finds none; users.put refuses the others', async () => {
    const hash = bcrypt.hashSync(PASSWORD, 4);
    const body = hash.slice(hash.indexOf('$', 1));
    const candidates: Array<[string, string]> = [
      ...['$2a', '$2b', '$2x', '$2y', '$2A', '$2c'].map((prefix): [string, string] => [prefix, `${prefix}${body}`]),
      ['rounds 03', `$2b${body}`.replace('$04$', '$03$')],
      ['truncated', hash.slice(0, 40)],
      ['extended', `${hash}x`],
      ['a leading space', ` ${hash}`],
      ['the password itself', PASSWORD],
      ['abc', 'abc'],
    ];
    const disagree: string[] = [];
    for (const [i, [label, value]] of candidates.entries()) {
      const name = `h242-hash-${i}`;
      const put = await restAnswer(clients.master, 'PUT', `${USERS}/${name}`, { hash: value });
      assert.equal(put.status, 201, `${label}: the node stores it`);
      const status = await signIn(name);
      const accepted = hashProblem(value) === undefined;
      if ((status === 200) !== accepted) disagree.push(`${label}: sign-in ${status}, SDK ${accepted ? 'accepts' : 'refuses'}`);
      await rest('DELETE', `${USERS}/${name}`);
      if (!accepted) {
        const err = await api.users.put(name, { hash: value }).then(() => undefined, (e: unknown) => e);
        assert.ok(err instanceof SecurityModelError && err.issues.some((issue) => issue.path === 'hash'), `${label}: ${String(err)}`);
        assert.equal(await api.users.getRaw(name), undefined, `${label}: nothing was written`);
      }
    }
    assert.deepEqual(disagree, []);
    // four forms sign in, the other eight never do
    assert.equal(candidates.filter(([, value]) => hashProblem(value) === undefined).length, 4);
  });
});
