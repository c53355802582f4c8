/**
 * A caller's signal aborted by its own onRetry, with no back-off and the call's time running out in that same moment,
 * ends the call with the caller's abort reason, not with the failure being retried (transport-hostile-fuzz seed 284
 * under load: the policy saw maxElapsedMs gone after the notice and threw the gzip ConnectionError).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errors } from '@opensearch-project/opensearch';
import { runWithRetry } from '../../src/retry/run.js';

test('onRetry aborts and the time budget runs out at once: the abort reason ends the call', async () => {
  const controller = new AbortController();
  const reason = new Error('lo60 caller gave up');
  let attempts = 0;
  const outcome = await runWithRetry(
    async () => {
      attempts++;
      throw new errors.ConnectionError('socket hang up');
    },
    { method: 'GET', path: '/i/_search' },
    {
      retries: 3,
      minDelayMs: 0,
      maxDelayMs: 0,
      // room for the first attempt on a loaded machine (two test lanes beside a JVM took 46 ms to reach onRetry)
      maxElapsedMs: 400,
      signal: controller.signal,
      onRetry: () => {
        controller.abort(reason);
        // the notice itself outlasts the call's budget (a slow logger, a loaded machine)
        const until = performance.now() + 450;
        while (performance.now() < until) { /* spin */ }
      },
    },
  ).then(() => 'resolved', (e: unknown) => e);
  assert.equal(outcome, reason);
  assert.equal(attempts, 1);
});
