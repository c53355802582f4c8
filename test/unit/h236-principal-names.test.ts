/**
 * Role mapping list edits (addUsers, addBackendRoles, addAndBackendRoles, addHosts, addValues, so addMasterUser too)
 * refuse a value the plugin would store as given and match against no principal: whitespace around it, a line break
 * or another control character, an invisible format character, an empty string. Measured on 2.19.4 (h236): PUT and
 * PATCH `add` stored `" h236u "`, `"h236u\n"`, `"\th236u"` and `""` as given, and user h236u got no role from them
 * (authinfo roles []); mapped as `h236u` it got the role. The refusal is a SecurityModelError naming the argument's
 * entry, before any request. Removing such a value stays possible (an entry written by other means can be cleaned).
 * Loopback stub (transport behaviour only).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from '../../src/client/create-client.js';
import { SecurityApi } from '../../src/security/api.js';
import { SecurityModelError } from '../../src/security/model-error.js';
import { principalNameProblem } from '../../src/security/entity-name.js';
import { startRecordingStub, type RecordingStub } from '../support/recording-stub.js';

let stub: RecordingStub;
before(async () => {
  stub = await startRecordingStub();
  stub.reply = (req) => {
    if (req.url === '/') return { body: { version: { distribution: 'opensearch', number: '2.19.4' } } };
    if (req.method === 'GET') return { body: { m: { users: ['a', ' b '], backend_roles: ['r'], and_backend_roles: [], hosts: ['h'] } } };
    return { body: { status: 'OK', message: "'m' updated." } };
  };
});
after(async () => stub.close());

const BAD: ReadonlyArray<[string, string]> = [
  [' alice', 'has whitespace around it'],
  ['alice ', 'has whitespace around it'],
  ['alice\n', 'has whitespace around it'],
  ['\talice', 'has whitespace around it'],
  ['al\nice', 'contains a control character'],
  ['al\u0000ice', 'contains a control character'],
  ['al\u200bice', 'contains an invisible zero-width or text-direction character'],
  ['al\u202eice', 'contains an invisible zero-width or text-direction character'],
  ['al\ufeffice', 'contains an invisible zero-width or text-direction character'],
  ['   ', 'is blank'],
];

test('principalNameProblem: blank, whitespace around, control, zero-width and text-direction characters refused; ordinary names, ARNs and host patterns pass', () => {
  for (const [value, problem] of BAD) assert.equal(principalNameProblem(value), problem, JSON.stringify(value));
  for (const value of ['alice', 'John Smith', 'arn:aws:iam::123456789012:role/Admin', '*.example.com', '10.0.0.*', 'CN=kirk,OU=client,O=client,L=test,C=de', 'ünïcode',
    // a principal's own spelling (review 240): Persian zero width non-joiner, an emoji's zero width joiner, a soft hyphen
    '\u0639\u0644\u06cc\u200c\u0631\u0636\u0627', '\u{1f469}\u200d\u{1f4bb}dev', 'a\u00adb']) {
    assert.equal(principalNameProblem(value), undefined, value);
  }
});

for (const edit of ['addUsers', 'addBackendRoles', 'addAndBackendRoles', 'addHosts'] as const) {
  test(`${edit}: a value with whitespace around it, a control or format character, or empty is a SecurityModelError naming it; nothing sent`, async () => {
    const client = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { retries: 0 } });
    try {
      const api = new SecurityApi(client, { settleMs: 1 });
      const field = { addUsers: 'users', addBackendRoles: 'backend_roles', addAndBackendRoles: 'and_backend_roles', addHosts: 'hosts' }[edit];
      for (const [value] of [...BAD, ['', 'must be a non-empty string']] as const) {
        stub.received.length = 0;
        const error = await api.roleMappings[edit]('m', ['ok-name', value]).then(() => undefined, (e: unknown) => e);
        assert.ok(error instanceof SecurityModelError, `${JSON.stringify(value)}: ${String(error)}`);
        assert.equal(error.issues[0]?.path, `${field}[1]`, JSON.stringify(value));
        assert.deepEqual(stub.received.filter((r) => r.method !== 'GET'), [], `${JSON.stringify(value)}: no write`);
      }
    } finally {
      await client.close();
    }
  });
}

test('addMasterUser goes through the same rule; removeUsers may still remove such a value', async () => {
  const client = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { retries: 0 } });
  try {
    const api = new SecurityApi(client, { settleMs: 1 });
    const error = await api.addMasterUser('admin\n').then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof SecurityModelError, String(error));
    stub.received.length = 0;
    await api.roleMappings.removeUsers('m', [' b ']);
    const writes = stub.received.filter((r) => r.method !== 'GET');
    assert.equal(writes.length, 1, 'the removal was sent');
  } finally {
    await client.close();
  }
});
