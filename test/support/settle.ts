/** Small helpers for tests that expect a rejection or share the security index with other writers. */
import assert from 'node:assert/strict';
import { ConfigError } from '../../src/errors/classes.js';

/** What `promise` rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  assert.fail('expected a rejection');
}

/** The ConfigError `promise` rejects with; fails the test when it resolves (the call was sent) or rejects otherwise. */
export async function configRefusal(promise: Promise<unknown>): Promise<ConfigError> {
  const e = await rejection(promise);
  assert.ok(e instanceof ConfigError, `a ConfigError, got ${String(e)}`);
  return e;
}

/** `send()`, again after a security-index version conflict (409; other tests write the security index too), up to 10 times. */
export async function afterConflicts(send: () => Promise<unknown>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await send();
      return;
    } catch (e) {
      if (attempt >= 10 || !/CONFLICT|version conflict/.test(String((e as Error).message))) throw e;
      await new Promise((r) => setTimeout(r, 150 + 100 * attempt));
    }
  }
}
