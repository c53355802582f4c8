/**
 * new SecurityApi(client, options): an option error quoting what was given (a password pasted into `prefix`, an
 * unknown key named like it) is redacted with the client's secrets, as createClient's own option errors are
 * (found by helper 212's sweep over the entry points).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from '../../src/client/create-client.js';
import { ConfigError } from '../../src/errors/classes.js';
import { SecurityApi } from '../../src/security/index.js';

const PASSWORD = 'Lo60-Secret-Pass-word!x';

for (const [label, options] of [
  ['prefix', { prefix: PASSWORD }],
  ['userShape', { userShape: PASSWORD }],
  ['dialect', { dialect: PASSWORD }],
  ['an unknown key named like the password', { [PASSWORD]: 1 }],
] as Array<[string, Record<string, unknown>]>) {
  test(`SecurityApi option error (${label}) does not show the client's password`, async () => {
    const client = createClient({ node: 'https://localhost:9200', auth: { mode: 'basic', username: 'lo60', password: PASSWORD } });
    try {
      let thrown: unknown;
      try {
        new SecurityApi(client, options as never);
      } catch (error) {
        thrown = error;
      }
      assert.ok(thrown instanceof ConfigError, String(thrown));
      const seen = `${thrown.message} ${thrown.option} ${thrown.stack ?? ''} ${JSON.stringify(thrown)}`;
      assert.ok(!seen.includes(PASSWORD) && !seen.includes(PASSWORD.slice(0, 12)), seen);
    } finally {
      await client.close();
    }
  });
}
