/**
 * One list of the auth options that hold secrets (src/auth/secret-keys.ts): every mode's spec reports exactly its
 * listed values, and options whose mode cannot be read are redacted by every mode's list.
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import { createClient, ConfigError } from '../../src/index.js';
import { basicMode } from '../../src/auth/basic.js';
import { cognitoMode } from '../../src/auth/cognito.js';
import { iamMode } from '../../src/auth/iam-mode.js';
import { EVERY_SECRET_AUTH_KEY, SECRET_AUTH_KEYS, SECRET_CREDENTIAL_KEYS } from '../../src/auth/secret-keys.js';

// short enough for a message to quote whole (a preview keeps 30 characters)
const value = (key: string): string => `s3-${key}-42`;

test("each mode's secrets() are the values of its listed keys", () => {
  const basic = { mode: 'basic' as const, username: 'alice', password: value('password') };
  assert.deepEqual(basicMode.secrets(basic), [value('password'), `alice:${value('password')}`]);
  const cognitoAuth = Object.fromEntries(SECRET_AUTH_KEYS.cognito.map((k) => [k, value(k)]));
  const cognito = cognitoMode.secrets({ mode: 'cognito', ...cognitoAuth } as never);
  for (const k of SECRET_AUTH_KEYS.cognito) assert.ok(cognito.includes(value(k)), `cognito reports ${k}`);
  const credentials = Object.fromEntries(SECRET_CREDENTIAL_KEYS.map((k) => [k, value(k)]));
  assert.deepEqual(iamMode.secrets({ mode: 'iam', region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', ...credentials } } as never), SECRET_CREDENTIAL_KEYS.map(value));
  assert.deepEqual(iamMode.secrets({ mode: 'iam', region: 'us-east-1' } as never), []);
});

test('every listed key is a secret of some mode, and each key of each mode is in the list used before a mode is known', () => {
  assert.deepEqual([...EVERY_SECRET_AUTH_KEY].sort(), [...new Set(Object.values(SECRET_AUTH_KEYS).flat())].sort());
  for (const keys of Object.values(SECRET_AUTH_KEYS)) for (const k of keys) assert.ok(EVERY_SECRET_AUTH_KEY.includes(k));
});

test('an unreadable auth.mode that repeats a secret value is refused without it, for every listed key', () => {
  const cases: Array<[string, Record<string, unknown>]> = [
    ...EVERY_SECRET_AUTH_KEY.map((k): [string, Record<string, unknown>] => [k, { mode: value(k), [k]: value(k) }]),
    ...SECRET_CREDENTIAL_KEYS.map((k): [string, Record<string, unknown>] => [`credentials.${k}`, { mode: value(k), credentials: { [k]: value(k) } }]),
  ];
  for (const [name, auth] of cases) {
    const secret = String(auth.mode);
    let caught: unknown;
    try {
      createClient({ node: 'https://localhost:9200', auth } as never);
    } catch (error) {
      caught = error;
    }
    assert.ok(caught instanceof ConfigError, `${name}: a ConfigError`);
    assert.equal((caught as ConfigError).option, 'auth.mode', name);
    assert.ok(!(caught as Error).message.includes(secret), `${name}: the message does not repeat the secret`);
    assert.ok(!String((caught as Error).stack).includes(secret), `${name}: nor the stack`);
  }
});
