/**
 * lo57: options given as class instances are copied and read once (h187); the copy must still work as the instance
 * did. A class's methods keep their instance when called on the copy (`this.#field`, other methods), own functions
 * stay the same function, and a prototype chain longer than any class hierarchy is a ConfigError naming the
 * option (a Proxy may answer a fresh prototype each time).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { errors, type ApiResponse } from '@opensearch-project/opensearch';
import { runWithRetry } from '../../src/retry/run.js';
import { ConfigError } from '../../src/errors/classes.js';
import { readOnce } from '../../src/client/options-snapshot.js';

const expired = (): errors.ResponseError => new errors.ResponseError({
  body: { message: 'The security token included in the request is expired' }, statusCode: 403, headers: {}, warnings: null, meta: {} as never,
} as unknown as ApiResponse);

class RefreshingContext {
  readonly #store = { refreshed: 0 };
  readonly method = 'GET';
  readonly path = '/lo57/_search';
  get refreshed(): number { return this.#store.refreshed; }
  async onExpiredCredentials(): Promise<void> { this.#bump(); }
  #bump(): void { this.#store.refreshed++; }
}

describe('lo57 class-instance options after the copy', () => {
  test("runWithRetry's ctx as a class: its onExpiredCredentials runs on its own instance (private fields)", async () => {
    const ctx = new RefreshingContext();
    let calls = 0;
    const result = await runWithRetry(async () => {
      calls++;
      if (calls === 1) throw expired();
      return 'ok';
    }, ctx as never, { retries: 0, minDelayMs: 1, maxDelayMs: 2 });
    assert.equal(result, 'ok');
    assert.equal(calls, 2);
    assert.equal(ctx.refreshed, 1);
  });

  test('an own function is kept as given; a method is called with its instance', () => {
    const own = (): string => 'own';
    class Holder { readonly fn = own; who(this: unknown): unknown { return this; } }
    const instance = new Holder();
    const copy = readOnce(instance, 'retry', new Set()) as unknown as { fn: unknown; who: () => unknown };
    assert.notEqual(copy as unknown, instance);
    assert.equal(copy.fn, own);
    assert.equal(copy.who(), instance);
  });

  test('a prototype chain without end is a ConfigError naming the option, not a loop', () => {
    class Start {}
    let deep: object = Start.prototype;
    for (let i = 0; i < 200; i++) deep = Object.create(deep) as object;
    const instance = Object.create(deep) as object;
    assert.throws(() => readOnce(instance, 'ssl', new Set()), (e: unknown) => e instanceof ConfigError && /^ssl: a prototype chain of more than \d+ objects/.test(e.message));
  });
});
