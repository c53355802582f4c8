/**
 * SigV4 clock-skew correction under concurrency and together with an expired-token refresh (a regression review of
 * the feature, stop 48). Tests named `was:` failed on 38e6ac3, the feature's first commit.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { errors } from '@opensearch-project/opensearch';
import type { ApiResponse } from '@opensearch-project/opensearch/lib/Transport.js';
import { runWithRetry } from '../../src/retry/run.js';
import { SigningClock } from '../../src/auth/sigv4/signing-clock.js';
import { createClient } from '../../src/client/create-client.js';
import { ingest } from '../../src/ingest/ingest.js';
import { useRecordingStub, type RecordingStub } from '../support/recording-stub.js';
import type { ReceivedRequest } from '../domain/edge/sigv4.js';

let stub: RecordingStub;
useRecordingStub((s) => {
  stub = s;
});

const CREDS = { accessKeyId: 'AKIDREVIEW149', secretAccessKey: 'review/149+secret=', sessionToken: 'review-149-session' };

function fromAmz(amz: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amz);
  assert.ok(m, amz);
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

/** A 403 as AWS sends it. */
function refusal(message: string, date?: string): errors.ResponseError {
  return new errors.ResponseError({
    body: { message }, statusCode: 403,
    headers: { 'x-amzn-errortype': 'InvalidSignatureException', ...(date !== undefined ? { date } : {}) },
    warnings: null, meta: {} as never,
  } as unknown as ApiResponse);
}
const SKEW = 'Signature expired: 20261205T120000Z is now earlier than 20261205T121000Z (20261205T121500Z - 5 min.)';
const EXPIRED = 'The security token included in the request is expired';

describe('clock-skew correction: concurrent calls, and with a token refresh', () => {
  test('was: concurrent calls refused for clock skew are all signed again by the corrected clock', async () => {
    const ahead = 600_000;
    stub.reply = (req: ReceivedRequest) => {
      const off = fromAmz(String(req.headers['x-amz-date']?.[0])) - (Date.now() + ahead);
      if (Math.abs(off) <= 300_000) return {};
      return { status: 403, headers: { date: new Date(Date.now() + ahead).toUTCString(), 'x-amzn-errortype': 'InvalidSignatureException' }, body: { message: SKEW } };
    };
    const client = createClient({ node: stub.url, auth: { mode: 'iam', region: 'us-east-1', credentials: CREDS }, retry: { retries: 0 } });
    try {
      const results = await Promise.allSettled([0, 1, 2].map(() => client.search({ index: 'x' })));
      const failed = results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason));
      assert.deepEqual(failed, [], `observed: ${failed.length} of 3 calls failed`);
    } finally {
      await client.close();
    }
  });
  test('was: ingest with concurrent bulk requests under clock skew indexes every record', async () => {
    const ahead = 600_000;
    stub.reply = (req: ReceivedRequest) => {
      const off = fromAmz(String(req.headers['x-amz-date']?.[0])) - (Date.now() + ahead);
      if (Math.abs(off) > 300_000) return { status: 403, headers: { date: new Date(Date.now() + ahead).toUTCString(), 'x-amzn-errortype': 'InvalidSignatureException' }, body: { message: SKEW } };
      const lines = Buffer.from(req.body).toString('utf8').trim().split('\n');
      return { body: { took: 1, errors: false, items: lines.filter((_l, i) => i % 2 === 0).map((l) => { const [op, meta] = Object.entries(JSON.parse(l) as Record<string, { _id?: string }>)[0]!; return { [op]: { _index: 'i', _id: meta._id, _version: 1, result: 'created', status: 201 } }; }) } };
    };
    const client = createClient({ node: stub.url, auth: { mode: 'iam', region: 'us-east-1', credentials: CREDS } });
    try {
      const report = await ingest(client, [1, 2, 3, 4].map((n) => ({ index: 'i', id: String(n), document: { n } })), { maxBatchCount: 1, concurrency: 4 });
      assert.deepEqual({ indexed: report.stats.indexed, failed: report.stats.failed, failuresByKind: report.stats.failuresByKind }, { indexed: 4, failed: 0, failuresByKind: {} });
    } finally {
      await client.close();
    }
  });
  test('was: clock skew, then expired token in the same call: corrected once, refreshed once, then success', async () => {
    let n = 0;
    const seen: string[] = [];
    const out = await runWithRetry(async () => {
      n++;
      if (n === 1) throw refusal(SKEW, new Date(Date.now() + 600_000).toUTCString());
      if (n === 2) throw refusal(EXPIRED);
      return 'ok';
    }, { method: 'GET', path: '/x', onClockSkew: () => true, onExpiredCredentials: async () => undefined },
    { retries: 0, onRetry: (i) => seen.push(i.reason) }).catch((e: unknown) => `threw ${String(e)}`);
    assert.equal(out, 'ok');
    assert.deepEqual(seen, ['clock_skew', 'expired_credentials']);
  });

  test('was: expired token, then clock skew in the same call: refreshed once, corrected once, then success', async () => {
    let n = 0;
    const out = await runWithRetry(async () => {
      n++;
      if (n === 1) throw refusal(EXPIRED);
      if (n === 2) throw refusal(SKEW, new Date(Date.now() + 600_000).toUTCString());
      return 'ok';
    }, { method: 'GET', path: '/x', onClockSkew: () => true, onExpiredCredentials: async () => undefined },
    { retries: 0 }).catch((e: unknown) => `threw ${String(e)}`);
    assert.equal(out, 'ok');
  });
});

describe('the signing clock', () => {
  test('a correction back to within a minute of the machine signs by the machine clock again (checkDomain then warns of nothing)', () => {
    const clock = new SigningClock();
    assert.equal(clock.correct(Date.now() + 600_000), true);
    assert.ok(Math.abs(clock.offsetMs - 600_000) < 5_000, String(clock.offsetMs));
    // NTP fixed the machine: AWS refuses the request signed ten minutes ahead, its Date (whole seconds) by the machine
    assert.equal(clock.correct(Date.now() - 900), true);
    assert.equal(clock.offsetMs, 0);
    assert.equal(clock.signingDate(), undefined);
  });
});
