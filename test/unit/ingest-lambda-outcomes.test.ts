/**
 * What a Lambda handler hands back to AWS must never read as "delivered" for a record that was not:
 * the adapters refuse reports that lack the outcomes they need (outcomes 'none' / 'failed'); a
 * failure to obtain credentials is kind `credentials` (retryable when transient) and counts no bulk
 * request; an expired token after the forced refresh is retryable; and a deadline already due when
 * deadlineSignal was called says so on every record.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from '../../src/index.js';
import { CredentialsError, ExpiredCredentialsError } from '../../src/errors/classes.js';
import { ingest } from '../../src/ingest/ingest.js';
import { toBatchItemFailures, toFirehoseResponse } from '../../src/ingest/adapters.js';
import { deadlineSignal } from '../../src/ingest/deadline.js';
import { IngestAbortedError } from '../../src/ingest/errors.js';
import { classifyRequestFailure, isTransientCredentialsError } from '../../src/ingest/item-errors.js';
import type { IngestFailure, IngestOutcome, IngestReport } from '../../src/ingest/types.js';
import { startBulkStub, type BulkStub } from '../support/bulk-stub.js';

let stub: BulkStub;
before(async () => {
  stub = await startBulkStub();
});
after(async () => {
  await stub.close();
});

/** m1 is stored, m2 has no document (invalid_record, not retryable). */
const RECORDS = [{ key: 'm1', index: 'lw', id: 'n1', document: { a: 1 } }, { key: 'm2', index: 'lw', id: 'n2', document: undefined }];
const FIREHOSE = [{ recordId: 'm1', data: 'e30=' }, { recordId: 'm2', data: 'e30=' }];

function failures(report: IngestReport): IngestFailure[] {
  return report.outcomes.filter((o): o is IngestFailure => o.status === 'failed');
}

describe("adapters refuse a report that lacks the outcomes they need (F4)", () => {
  test("outcomes: 'none' with a failed record: toBatchItemFailures refuses (it answered [] and SQS deleted the message)", async () => {
    const plain = createClient({ node: stub.url, auth: { mode: 'none' } });
    try {
      const report = await ingest(plain, RECORDS, { outcomes: 'none' });
      assert.equal(report.stats.failed, 1);
      assert.equal(report.outcomes.length, 0);
      for (const given of [report, report.outcomes]) {
        assert.throws(() => toBatchItemFailures(given), (e: Error) => /toBatchItemFailures needs the outcome of every failed record/.test(e.message)
          && /holds 0 of 1/.test(e.message) && /outcomes: 'none'/.test(e.message) && /keep outcomes: 'all' \(the default\) or 'failed'/.test(e.message));
        assert.throws(() => toFirehoseResponse(FIREHOSE, given), /toFirehoseResponse needs the outcome of every record .*holds 0 of 2 .*outcomes: 'none'.*keep outcomes: 'all'/);
      }
      // a report that kept nothing is refused even when nothing failed: the handler's mistake shows at once, not on the first failure
      const clean = await ingest(plain, [RECORDS[0]!], { outcomes: 'none' });
      assert.equal(clean.stats.failed, 0);
      assert.throws(() => toBatchItemFailures(clean), /outcomes: 'none'/);
      // a report that went through JSON has lost the mark: its stats still tell
      const revived = JSON.parse(JSON.stringify(report)) as IngestReport;
      assert.throws(() => toBatchItemFailures(revived), /holds 0 of 1/);
    } finally {
      await plain.close();
    }
  });

  test("outcomes: 'failed': toBatchItemFailures answers, toFirehoseResponse names the cause (it said 'no outcome for Firehose record m1')", async () => {
    const plain = createClient({ node: stub.url, auth: { mode: 'none' } });
    try {
      const report = await ingest(plain, RECORDS, { outcomes: 'failed' });
      assert.deepEqual(toBatchItemFailures(report), { batchItemFailures: [{ itemIdentifier: 'm2' }] });
      assert.deepEqual(toBatchItemFailures(report.outcomes), { batchItemFailures: [{ itemIdentifier: 'm2' }] });
      for (const given of [report, report.outcomes]) {
        assert.throws(() => toFirehoseResponse(FIREHOSE, given), (e: Error) => !/no outcome for Firehose record/.test(e.message)
          && /toFirehoseResponse needs the outcome of every record and this ingest report holds 1 of 2 \(it was made with outcomes: 'failed'\): keep outcomes: 'all'/.test(e.message));
      }
    } finally {
      await plain.close();
    }
  });

  test("outcomes: 'all' (the default) answers both; a hand-made array is taken as it is", async () => {
    const plain = createClient({ node: stub.url, auth: { mode: 'none' } });
    try {
      const report = await ingest(plain, RECORDS);
      assert.deepEqual(toBatchItemFailures(report), { batchItemFailures: [{ itemIdentifier: 'm2' }] });
      assert.deepEqual(toFirehoseResponse(FIREHOSE, report).records.map((r) => r.result), ['Ok', 'ProcessingFailed']);
      assert.deepEqual(toFirehoseResponse(FIREHOSE, report.outcomes).records.map((r) => r.result), ['Ok', 'ProcessingFailed']);
      assert.deepEqual(Object.keys(report.outcomes), ['0', '1'], 'the mark is not an enumerable property');
      const own: IngestOutcome[] = failures(report);
      assert.deepEqual(toBatchItemFailures(own), { batchItemFailures: [{ itemIdentifier: 'm2' }] });
      // a report the handler built from two runs (the failed records ingested once more) or filtered: its stats are
      // the first run's and describe another list, which must not make the adapter refuse it
      const second = await ingest(plain, [{ key: 'm2', index: 'lw', id: 'n2', document: undefined }]);
      const merged = { ...report, outcomes: [...report.outcomes.filter((o) => o.status === 'indexed'), ...second.outcomes] };
      assert.deepEqual(toBatchItemFailures(merged), { batchItemFailures: [{ itemIdentifier: 'm2' }] });
      assert.deepEqual(toBatchItemFailures({ ...report, outcomes: failures(report) }), { batchItemFailures: [{ itemIdentifier: 'm2' }] });
      assert.deepEqual(toBatchItemFailures({ ...report, outcomes: report.outcomes.filter((o) => o.status === 'indexed') }), { batchItemFailures: [] });
    } finally {
      await plain.close();
    }
  });
});

/** An iam client whose provider fails with `error` (or never answers). */
function iamClient(provider: () => Promise<never>, requestTimeoutMs = 30_000) {
  return createClient({ node: stub.url, auth: { mode: 'iam', region: 'us-east-1', credentials: provider }, requestTimeoutMs });
}

function awsError(name: string, status: number, fault: 'client' | 'server'): Error {
  return Object.assign(new Error(`${name} (test)`), { name, $fault: fault, $metadata: { httpStatusCode: status } });
}

describe('credential failures are kind credentials and send nothing (F5)', () => {
  test('a wrong password (NotAuthorizedException): credentials, not retryable, no bulk request counted, nothing sent', async () => {
    const sent = stub.requests.length;
    const client = iamClient(async () => { throw awsError('NotAuthorizedException', 400, 'client'); });
    try {
      const report = await ingest(client, RECORDS.slice(0, 1), { retries: 3, minDelayMs: 1, maxDelayMs: 2 });
      const [o] = failures(report);
      assert.ok(o);
      assert.equal(o.kind, 'credentials');
      assert.equal(o.retryable, false);
      assert.equal(o.attempts, 0);
      assert.ok(o.error instanceof CredentialsError, String(o.error));
      assert.equal(report.stats.bulkRequests, 0);
      assert.deepEqual(report.stats.failuresByKind, { credentials: 1 });
      assert.equal(stub.requests.length, sent, 'nothing reached the server');
      assert.deepEqual(toBatchItemFailures(report, { onlyRetryable: true }), { batchItemFailures: [] });
    } finally {
      await client.close();
    }
  });

  test('a throttled credential call is retryable, and ingest tries again (still counting no request)', async () => {
    let calls = 0;
    const client = iamClient(async () => { calls++; throw awsError('ThrottlingException', 400, 'client'); });
    try {
      const report = await ingest(client, RECORDS.slice(0, 1), { retries: 2, minDelayMs: 1, maxDelayMs: 2 });
      const [o] = failures(report);
      assert.ok(o);
      assert.equal(o.kind, 'credentials');
      assert.equal(o.retryable, true);
      assert.equal(o.attempts, 0);
      assert.equal(report.stats.bulkRequests, 0);
      assert.equal(report.stats.retries, 2);
      assert.ok(calls >= 3, `provider called ${calls} times`);
      assert.deepEqual(toBatchItemFailures(report, { onlyRetryable: true }), { batchItemFailures: [{ itemIdentifier: 'm1' }] });
    } finally {
      await client.close();
    }
  });

  test('a provider that does not answer within requestTimeoutMs is retryable', async () => {
    const client = iamClient(() => new Promise<never>(() => undefined), 100);
    try {
      const report = await ingest(client, RECORDS.slice(0, 1), { retries: 0 });
      const [o] = failures(report);
      assert.ok(o);
      assert.ok(o.error instanceof CredentialsError && /did not answer within 100 ms/.test(o.error.message), String(o.error));
      assert.equal(o.kind, 'credentials');
      assert.equal(o.retryable, true);
      assert.equal(report.stats.bulkRequests, 0);
    } finally {
      await client.close();
    }
  });

  test('isTransientCredentialsError: by the cause the CredentialsError keeps', () => {
    const missing = Object.assign(new Error("Cannot find package '@aws-sdk/credential-providers'"), { code: 'ERR_MODULE_NOT_FOUND' });
    const cases: Array<[CredentialsError, boolean]> = [
      [new CredentialsError('cognito-idp:InitiateAuth', 'failed', { cause: awsError('NotAuthorizedException', 400, 'client') }), false],
      [new CredentialsError('iam:load-sdk', 'the optional peer dependency is not installed', { cause: missing }), false],
      [new CredentialsError('aws:credentials-provider', 'failed: Error: boom', { cause: new Error('boom') }), false],
      [new CredentialsError('aws:credentials-provider', 'returned no accessKeyId/secretAccessKey'), false],
      [new CredentialsError('sts', 'failed', { cause: awsError('Throttling', 400, 'client') }), true],
      [new CredentialsError('cognito-idp', 'failed', { cause: awsError('TooManyRequestsException', 400, 'client') }), true],
      [new CredentialsError('cognito-identity', 'failed', { cause: awsError('InternalErrorException', 500, 'server') }), true],
      [new CredentialsError('sts', 'failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) }), true],
      [new CredentialsError('cognito-idp:InitiateAuth', 'cognito-idp:InitiateAuth did not answer within 30000 ms'), true],
    ];
    for (const [error, transient] of cases) {
      assert.equal(isTransientCredentialsError(error), transient, `${error.message} / ${String((error.cause as Error | undefined)?.name)}`);
      const rf = classifyRequestFailure(error);
      assert.deepEqual(rf, { kind: 'credentials', retryable: transient, ambiguous: false, notSent: true });
    }
  });
});

const EXPIRED = { kind: 'json' as const, status: 403, body: { message: 'The security token included in the request is expired' } };
const INVALID = { kind: 'json' as const, status: 403, body: { message: 'The security token included in the request is invalid' } };

describe('an expired token after the forced refresh (F8)', () => {
  test('expired: kind credentials, retryable (onlyRetryable keeps the message); both requests sent are counted', async () => {
    const plan = stub.plan;
    stub.plan = () => EXPIRED;
    const sent = stub.requests.length;
    let n = 0;
    const client = createClient({ node: stub.url, auth: { mode: 'iam', region: 'us-east-1', credentials: async () => ({ accessKeyId: `AKID${++n}`, secretAccessKey: `secret${n}` }) } });
    try {
      const report = await ingest(client, RECORDS.slice(0, 1), { retries: 0 });
      const [o] = failures(report);
      assert.ok(o);
      assert.ok(o.error instanceof ExpiredCredentialsError, String(o.error));
      assert.equal(o.kind, 'credentials');
      assert.equal(o.retryable, true);
      assert.equal(report.stats.bulkRequests, stub.requests.length - sent);
      assert.equal(report.stats.bulkRequests, 2, 'the request and its re-signed repeat after the forced refresh');
      assert.deepEqual(toBatchItemFailures(report, { onlyRetryable: true }), { batchItemFailures: [{ itemIdentifier: 'm1' }] });
      // an invalid token (unknown key) is not fixed by waiting
      stub.plan = () => INVALID;
      const invalid = failures(await ingest(client, RECORDS.slice(0, 1), { retries: 0 }))[0];
      assert.ok(invalid && invalid.error instanceof ExpiredCredentialsError && invalid.kind === 'credentials' && invalid.retryable === false, String(invalid?.error));
    } finally {
      stub.plan = plan;
      await client.close();
    }
  });
});

describe('deadlineSignal when the time left is not more than marginMs (F6)', () => {
  test('the signal is aborted with a reason naming both numbers and the fix, and every record says it', async () => {
    for (const remaining of [1999, 2000, 0]) {
      const signal = deadlineSignal({ getRemainingTimeInMillis: () => remaining }, { marginMs: 2000 });
      assert.equal(signal.aborted, true);
      const reason = signal.reason as DOMException;
      assert.equal(reason.name, 'TimeoutError');
      assert.match(reason.message, new RegExp(`the remaining time \\(${remaining} ms\\) was not more than marginMs \\(2000 ms\\) when deadlineSignal was called: raise the function timeout or lower marginMs`));
    }
    const plain = createClient({ node: stub.url, auth: { mode: 'none' } });
    try {
      const signal = deadlineSignal({ getRemainingTimeInMillis: () => 1999 }, { marginMs: 2000 });
      const records = Array.from({ length: 5 }, (_, i) => ({ key: `k${i}`, index: 'lw', id: `d${i}`, document: { i } }));
      const report = await ingest(plain, records, { signal });
      assert.equal(report.outcomes.length, 5);
      for (const o of report.outcomes) {
        assert.ok(o.status === 'failed' && o.kind === 'deadline' && o.retryable, JSON.stringify(o));
        assert.ok(o.error instanceof IngestAbortedError);
        assert.match(o.error.message, /remaining time \(1999 ms\) was not more than marginMs \(2000 ms\).*raise the function timeout or lower marginMs/);
      }
      assert.equal(toBatchItemFailures(report).batchItemFailures.length, 5);
    } finally {
      await plain.close();
    }
  });

  test('with time left beyond the margin the signal is not aborted, and a plain timeout adds nothing to the records', async () => {
    const signal = deadlineSignal({ getRemainingTimeInMillis: () => 60_000 }, { marginMs: 2000 });
    assert.equal(signal.aborted, false);
    const plain = createClient({ node: stub.url, auth: { mode: 'none' } });
    try {
      const report = await ingest(plain, RECORDS.slice(0, 1), { signal: AbortSignal.abort(new DOMException('t', 'TimeoutError')) });
      const [o] = failures(report);
      assert.ok(o);
      assert.equal(o.error.message, 'the deadline stopped ingestion before this record was sent');
    } finally {
      await plain.close();
    }
  });
});

describe('a deadline while the client waits for credentials: not sent, not ambiguous, not counted', () => {
  const records = [{ index: 'lw', id: 'w1', document: { a: 1 } }, { index: 'lw', id: 'w2', document: { a: 2 } }];

  test('credentials that never come: every record "stopped before ... acknowledged", inFlight false, bulkRequests 0', { timeout: 10_000 }, async () => {
    const hang = new Promise<never>(() => undefined);
    const client = createClient({ node: stub.url, auth: { mode: 'iam', region: 'us-east-1', credentials: () => hang }, allowInsecureHttp: true });
    const before = stub.requests.length;
    try {
      const report = await ingest(client, records, { signal: AbortSignal.timeout(200) });
      assert.equal(stub.requests.length, before, 'nothing reached the server');
      assert.equal(report.stats.bulkRequests, 0);
      for (const o of report.outcomes) {
        assert.ok(o.status === 'failed' && o.kind === 'deadline' && o.retryable && o.attempts === 0, JSON.stringify(o));
        assert.ok(o.error instanceof IngestAbortedError && o.error.inFlight === false, o.error.message);
        assert.doesNotMatch(o.error.message, /in flight/);
      }
    } finally {
      await client.close();
    }
  });

  test('a request the server holds: still reported cut in flight (may be stored) and counted', { timeout: 10_000 }, async () => {
    const held = await startBulkStub(() => ({ kind: 'hang' }));
    const client = createClient({ node: held.url, auth: { mode: 'iam', region: 'us-east-1', credentials: { accessKeyId: 'AKIAHELDREQUEST00001', secretAccessKey: 'held-request-secret-0123456789' } }, allowInsecureHttp: true });
    try {
      const report = await ingest(client, records, { signal: AbortSignal.timeout(300) });
      assert.equal(report.stats.bulkRequests, 1);
      for (const o of report.outcomes) {
        assert.ok(o.status === 'failed' && o.kind === 'deadline' && o.attempts === 1, JSON.stringify(o));
        assert.ok(o.error instanceof IngestAbortedError && o.error.inFlight === true, o.error.message);
      }
    } finally {
      await client.close();
      await held.close();
    }
  });
});
