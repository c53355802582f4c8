/**
 * Models of the wrong shape given to users.put / users.ensure(…, {updatePassword}) / actionGroups.put: the model's
 * own validation names what is wrong (a SecurityModelError), never a raw TypeError from the password or type check
 * that runs first; nothing is written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SecurityApi, SecurityModelError } from '../../src/security/index.js';

test('null models and a null password are SecurityModelErrors, and nothing is written', async () => {
  const writes: string[] = [];
  const client = {
    transport: {
      request: async (params: { method: string; path: string }) => {
        if (params.method !== 'GET') writes.push(`${params.method} ${params.path}`);
        return { statusCode: 404, body: { status: 'NOT_FOUND', message: 'not found' }, headers: {}, meta: {} };
      },
    },
  };
  const api = new SecurityApi(client as never);
  const cases: Array<[string, () => Promise<unknown>, RegExp]> = [
    ['users.put null', () => api.users.put('n', null as never), /must be an object/],
    ['users.put password null', () => api.users.put('n', { password: null } as never), /password: must be a string/],
    ['users.ensure null, updatePassword', () => api.users.ensure('n', null as never, { updatePassword: true }), /must be an object/],
    ['users.ensure password null, updatePassword', () => api.users.ensure('n', { password: null } as never, { updatePassword: true }), /password: must be a string/],
    ['actionGroups.put null', () => api.actionGroups.put('n', null as never), /must be an object/],
  ];
  for (const [what, call, message] of cases) {
    await assert.rejects(call(), (e: unknown) => e instanceof SecurityModelError && message.test(e.message), what);
  }
  assert.deepEqual(writes, []);
});
