/**
 * Everything that reads a clock or a date, under unusual time: SigV4 across midnight and clock jumps, credential
 * expiry edges, Retry-After dates, deadlines, elapsed times. Tests named `was:` failed before their fix (stop 48).
 * Signatures are checked with @smithy/signature-v4 (independent of our signer).
 */
import { describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { errors } from '@opensearch-project/opensearch';
import { loadSigner, signRequest } from '../../src/auth/sigv4/sign.js';
import { CredentialCache } from '../../src/auth/credentials.js';
import { checkAwsCredentials } from '../../src/auth/aws-credentials.js';
import { refreshBufferFor } from '../../src/auth/refresh-buffer.js';
import { parseRetryAfter } from '../../src/errors/body.js';
import { computeDelay } from '../../src/retry/backoff.js';
import { runWithRetry } from '../../src/retry/run.js';
import { deadlineSignal } from '../../src/ingest/deadline.js';
import { createClient } from '../../src/client/create-client.js';
import { CredentialsError, SignatureMismatchError, ThrottledError } from '../../src/errors/classes.js';
import { useRecordingStub, type RecordingStub } from '../support/recording-stub.js';
import type { ReceivedRequest } from '../domain/edge/sigv4.js';

let stub: RecordingStub;
useRecordingStub((s) => {
  stub = s;
});

const CREDS = { accessKeyId: 'AKIDTIME146', secretAccessKey: 'time/146+secret=', sessionToken: 'time-146-session' };
const SCOPE = { region: 'eu-west-1', service: 'es' as const };

/** `YYYYMMDDTHHMMSSZ` -> Date. */
function fromAmz(amz: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amz);
  assert.ok(m, amz);
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

/** The Authorization @smithy/signature-v4 computes for the same request at the x-amz-date we sent. */
async function smithyAuthorization(path: string, query: Record<string, string>, headers: Record<string, string>): Promise<string> {
  const signer = new SignatureV4({ credentials: CREDS, region: SCOPE.region, service: SCOPE.service, sha256: Sha256 });
  const request = new HttpRequest({
    method: 'GET', protocol: 'https:', hostname: 'h.example', path, query,
    headers: { host: 'h.example', 'x-amz-content-sha256': headers['x-amz-content-sha256']! },
  });
  const signed = await signer.sign(request, { signingDate: fromAmz(headers['x-amz-date']!) });
  return String(signed.headers.authorization);
}

/** The Authorization @smithy/signature-v4 computes for a received request (its signed headers, at its x-amz-date). */
async function smithyAuthorizationOf(r: ReceivedRequest, region: string): Promise<string> {
  const auth = String(r.headers.authorization?.[0]);
  const signedNames = (/SignedHeaders=([^,]+)/.exec(auth)?.[1] ?? '').split(';');
  const headers: Record<string, string> = {};
  for (const name of signedNames) if (name !== 'x-amz-date' && name !== 'x-amz-security-token') headers[name] = String(r.headers[name]?.[0]);
  const url = new URL(r.url, 'http://placeholder');
  const signer = new SignatureV4({ credentials: CREDS, region, service: 'es', sha256: Sha256 });
  const request = new HttpRequest({ method: r.method, protocol: 'http:', hostname: headers.host ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), headers });
  const signed = await signer.sign(request, { signingDate: fromAmz(String(r.headers['x-amz-date']?.[0])) });
  return String(signed.headers.authorization);
}

describe('SigV4 under a moving clock (Date.now mocked, no `now` passed: the path the client takes)', () => {
  test('across UTC midnight, back again and within one second: x-amz-date, scope and signature agree with @smithy', async () => {
    await loadSigner();
    mock.timers.enable({ apis: ['Date'], now: Date.parse('2026-11-30T23:59:59.999Z') });
    try {
      const instants = [
        '2026-11-30T23:59:59.999Z', // day D
        '2026-12-01T00:00:00.000Z', // day D+1, the next millisecond
        '2026-12-01T00:00:00.999Z', // same second (date string cache)
        '2026-11-30T23:59:59.000Z', // clock jumped backwards across midnight
        '2026-12-01T00:00:00.500Z', // and forward again into a second it saw before
        '2027-01-01T00:00:00.000Z', // year change
        '1970-01-01T00:00:00.000Z', // the epoch
      ];
      const targets: Array<[string, string, Record<string, string>]> = [
        ['/a', '/a', {}], // plain fast path (our own canonical request)
        ['/i/_doc/a%3Ab?q=x%20y', '/i/_doc/a%3Ab', { q: 'x y' }], // aws4 path
      ];
      for (const at of instants) {
        mock.timers.setTime(Date.parse(at));
        for (const [raw, path, query] of targets) {
          const { headers } = signRequest({ method: 'GET', host: 'h.example', path: raw, headers: {}, body: null }, CREDS, SCOPE);
          const amz = headers['x-amz-date']!;
          assert.equal(amz, at.replace(/[-:]/g, '').replace(/\.\d{3}/, ''), at);
          assert.match(headers.authorization!, new RegExp(`Credential=AKIDTIME146/${amz.slice(0, 8)}/eu-west-1/es/aws4_request`), at);
          assert.equal(headers.authorization, await smithyAuthorization(path, query, headers), `${at} ${raw}`);
        }
      }
    } finally {
      mock.timers.reset();
    }
  });
});

describe('clock skew: AWS refuses a request time more than 5 minutes from its clock, and states its time in Date', () => {
  /** A SigV4 front whose clock reads `serverNow()`: 403 Signature expired / not yet current, with its Date unless `date` is false. */
  const front = (serverNow: () => number, date: (req: ReceivedRequest) => string | undefined = () => new Date(serverNow()).toUTCString()) => (req: ReceivedRequest) => {
    const amz = String(req.headers['x-amz-date']?.[0]);
    const off = fromAmz(amz).getTime() - serverNow();
    if (Math.abs(off) <= 300_000) return {};
    const d = date(req);
    const message = off < 0 ? `Signature expired: ${amz} is now earlier than X (Y - 5 min.)` : `Signature not yet current: ${amz} is still later than X (Y + 5 min.)`;
    return { status: 403, headers: { ...(d !== undefined ? { date: d } : {}), 'x-amzn-errortype': 'InvalidSignatureException' }, body: { message } };
  };
  const iamClient = (onRetry?: (info: { reason: string }) => void) =>
    createClient({ node: stub.url, auth: { mode: 'iam', region: 'us-east-1', credentials: CREDS }, retry: { retries: 0, ...(onRetry !== undefined ? { onRetry } : {}) } });

  test('our clock 10 minutes slow: the refused attempt is signed again by the server\'s clock, later requests by it at once', async () => {
    const ahead = 600_000;
    stub.reply = front(() => Date.now() + ahead);
    const reasons: string[] = [];
    const client = iamClient((info) => reasons.push(info.reason));
    const other = iamClient();
    try {
      const first = await client.search({ index: 'x' });
      assert.equal(first.statusCode, 200);
      assert.equal(first.meta.attempts, 1, 'one attempt after the refused one');
      await client.search({ index: 'x' });
      assert.equal(stub.received.length, 3, 'refused, corrected, then one attempt');
      assert.deepEqual(reasons, ['clock_skew']);
      for (const r of stub.received.slice(1)) {
        const signedAt = fromAmz(String(r.headers['x-amz-date']?.[0])).getTime();
        assert.ok(Math.abs(signedAt - (Date.now() + ahead)) < 120_000, 'signed by the server\'s clock');
        assert.equal(String(r.headers.authorization?.[0]), await smithyAuthorizationOf(r, 'us-east-1'), 'the signature verifies (@smithy/signature-v4)');
      }
      // the clock is the client's: another client still signs by the machine's clock first
      stub.received.length = 0;
      await other.search({ index: 'x' });
      assert.equal(stub.received.length, 2);
    } finally {
      await Promise.all([client.close(), other.close()]);
    }
  });

  test('our clock 10 minutes fast ("Signature not yet current"): corrected the same way', async () => {
    stub.reply = front(() => Date.now() - 600_000);
    const client = iamClient();
    try {
      assert.equal((await client.search({ index: 'x' })).statusCode, 200);
      assert.equal(stub.received.length, 2);
    } finally {
      await client.close();
    }
  });

  test('a Date that agrees with our clock, or none to read: one attempt, SignatureMismatchError problem clock_skew', async () => {
    for (const date of [() => new Date().toUTCString(), () => 'not a date', () => undefined]) {
      stub.received.length = 0;
      stub.reply = front(() => Date.now() + 600_000, date);
      const client = iamClient();
      try {
        const e = await client.search({ index: 'x' }).then(() => undefined, (err: unknown) => err);
        assert.ok(e instanceof SignatureMismatchError, String(e));
        assert.equal(e.problem, 'clock_skew');
        assert.equal(stub.received.length, 1);
      } finally {
        await client.close();
      }
    }
  });

  test('a hostile Date (year 9999): one more attempt, no loop; the next refusal with a true Date sets the clock back', async () => {
    const ahead = 600_000;
    let lie = true;
    stub.reply = front(() => Date.now() + ahead, () => (lie ? 'Fri, 31 Dec 9999 23:59:59 GMT' : new Date(Date.now() + ahead).toUTCString()));
    const client = iamClient();
    try {
      const e = await client.search({ index: 'x' }).then(() => undefined, (err: unknown) => err);
      assert.ok(e instanceof SignatureMismatchError && e.problem === 'clock_skew', String(e));
      assert.equal(stub.received.length, 2, 'corrected once, then the refusal goes to the caller');
      assert.equal(String(stub.received[1]?.headers['x-amz-date']?.[0]).slice(0, 4), '9999');
      lie = false;
      assert.equal((await client.search({ index: 'x' })).statusCode, 200);
      assert.equal(stub.received.length, 4);
    } finally {
      await client.close();
    }
  });
});

describe('credential expiry edge cases (CredentialCache with an injected clock)', () => {
  const T0 = Date.parse('2026-12-05T12:00:00Z');

  test('expiration in the past at first fetch: asked again with forceRefresh; past twice -> CredentialsError', async () => {
    const forced: boolean[] = [];
    const cache = new CredentialCache({ source: 't', now: () => T0, expirationOf: (c: { exp: Date }) => c.exp,
      provider: async (o) => { forced.push(o.forceRefresh); return { exp: new Date(T0 - 1) }; } });
    await assert.rejects(cache.get(), (e: unknown) => e instanceof CredentialsError && /already expired/.test(e.message));
    assert.deepEqual(forced, [false, true]);
  });

  test('expiration exactly now counts as expired; one ms later is usable', async () => {
    let n = 0;
    const cache = new CredentialCache({ source: 't', now: () => T0, expirationOf: (c: { exp: Date }) => c.exp,
      provider: async () => ({ exp: new Date(++n === 1 ? T0 : T0 + 1) }) });
    assert.equal((await cache.get()).expiresAt, T0 + 1);
    assert.equal(n, 2);
  });

  test('Invalid Date / non-Date expiration from a provider is refused; far-future (8.64e15) is fine', async () => {
    for (const bad of [new Date(Number.NaN), '2026-12-05T12:00:00Z', 1765000000000, { getTime: () => T0 }]) {
      assert.throws(() => checkAwsCredentials({ ...CREDS, expiration: bad }, 's'), CredentialsError);
    }
    const far = checkAwsCredentials({ ...CREDS, expiration: new Date(8.64e15) }, 's');
    assert.equal(far.expiration?.getTime(), 8.64e15);
    let calls = 0;
    const cache = new CredentialCache({ source: 't', now: () => T0, expirationOf: (c: typeof far) => c.expiration,
      provider: async () => { calls++; return far; } });
    for (let i = 0; i < 5; i++) await cache.get();
    assert.equal(calls, 1);
  });

  test('50 concurrent callers at the exact moment of expiry share one provider call', async () => {
    let now = T0;
    let calls = 0;
    const cache = new CredentialCache({ source: 't', now: () => now, refreshBufferMs: 0, expirationOf: (c: { exp: Date }) => c.exp,
      provider: async () => { calls++; return { exp: new Date(now + 3600_000) }; } });
    await cache.get();
    now = T0 + 3600_000;
    const got = await Promise.all(Array.from({ length: 50 }, () => cache.get()));
    assert.equal(calls, 2);
    assert.ok(got.every((g) => g.generation === 2 && (g.expiresAt as number) > now));
  });

  test('was: requestTimeoutMs longer than the credentials live -> the provider is called every 5 s for their whole life', async () => {
    // createClient's buffer for requestTimeoutMs 2^31-1 (the accepted maximum); the same happens with a 1 h request
    // timeout and 1 h STS / Cognito credentials, or a 5 min timeout and a 5 min Cognito id token.
    let now = T0;
    let calls = 0;
    const cache = new CredentialCache({ source: 't', now: () => now, refreshBufferMs: refreshBufferFor(2 ** 31 - 1), expirationOf: (c: { exp: Date }) => c.exp,
      provider: async () => { calls++; return { exp: new Date(now + 3600_000) }; } });
    // one request a second for 10 minutes
    for (let s = 0; s < 600; s++) {
      now = T0 + s * 1000;
      await cache.get();
    }
    // observed: 120 provider calls (one per 5 s quiet period); a buffer clamped to part of the lifetime gives 1
    assert.ok(calls <= 3, `provider called ${calls} times in 10 minutes for credentials valid 1 hour`);
  });
});

describe('Retry-After and back-off', () => {
  const NOW = Date.parse('2026-12-05T12:00:00Z');

  test('parseRetryAfter: past date -> 0, future -> delta, far future -> huge, garbage/negative/exponent -> undefined', () => {
    assert.equal(parseRetryAfter('Sat, 05 Dec 2026 11:00:00 GMT', NOW), 0);
    assert.equal(parseRetryAfter('Sat, 05 Dec 2026 12:00:30 GMT', NOW), 30_000);
    assert.ok((parseRetryAfter('Fri, 31 Dec 9999 23:59:59 GMT', NOW) as number) > 2 ** 31);
    for (const bad of ['-5', '1e3', 'soon', '', ' ', 'Infinity', 'NaN', '2026-12-05T12:00:30Z', 'Sat, 05 Dec 2026 12:00:30 PST']) {
      assert.equal(parseRetryAfter(bad, NOW), undefined, bad);
    }
    assert.equal(parseRetryAfter(-1, NOW), undefined);
    assert.equal(parseRetryAfter(Number.POSITIVE_INFINITY, NOW), undefined);
    assert.ok((parseRetryAfter('99999999999999999999999', NOW) as number) > 1e25);
  });

  test('computeDelay never exceeds maxDelayMs whatever Retry-After says (no timer overflow)', () => {
    for (const after of [1e26, 2 ** 31, Number.MAX_VALUE, Number.POSITIVE_INFINITY, Number.NaN, -5]) {
      for (const r of [0, 0.5, 0.999999]) {
        const d = computeDelay(60, { minDelayMs: 100, maxDelayMs: 20_000 }, after, () => r);
        assert.ok(d >= 0 && d <= 20_000, `${after} -> ${d}`);
      }
    }
  });

  test('Retry-After longer than maxDelayMs: the 429 goes to the caller after one attempt, with retryAfterMs', async () => {
    stub.reply = () => ({ status: 429, headers: { 'retry-after': '99999999999' }, body: { error: { type: 'too_many', reason: 'slow down' }, status: 429 } });
    const client = createClient({ node: stub.url, auth: { mode: 'none' } });
    try {
      const e = await client.search({ index: 'x' }).then(() => undefined, (err: unknown) => err);
      assert.ok(e instanceof ThrottledError);
      assert.equal(e.retryAfterMs, 99999999999000);
      assert.equal(stub.received.length, 1);
    } finally {
      await client.close();
    }
  });

  test('was: Retry-After as an HTTP-date is read against our clock, not the response Date: 2 s from a server 10 min ahead is "602 s", so no retry', async () => {
    const serverNow = Math.floor((Date.now() + 600_000) / 1000) * 1000;
    let n = 0;
    stub.reply = () => (++n === 1
      ? { status: 429, headers: { date: new Date(serverNow).toUTCString(), 'retry-after': new Date(serverNow + 2000).toUTCString() },
          body: { error: { type: 'too_many', reason: 'slow down' }, status: 429 } }
      : {});
    const client = createClient({ node: stub.url, auth: { mode: 'none' } });
    try {
      const result = await client.search({ index: 'x' }).then(() => 'ok', (err: unknown) => err);
      // observed: ThrottledError with retryAfterMs ~602 000 after 1 attempt; expected: a retry about 2 s later (2 attempts)
      assert.equal(stub.received.length, 2, `attempts ${stub.received.length}: ${String(result)}`);
    } finally {
      await client.close();
    }
  });
});

describe('deadlineSignal with hostile getRemainingTimeInMillis', () => {
  const ctx = (v: unknown) => ({ getRemainingTimeInMillis: () => v as number });

  test('NaN / string / undefined -> ConfigError; negative, 0, margin -> aborted at once with the explanation', () => {
    for (const v of [Number.NaN, '5000', undefined, null, {}]) assert.throws(() => deadlineSignal(ctx(v)), { name: 'ConfigError' }, String(v));
    for (const v of [-1, -Infinity, 0, 1000]) {
      const s = deadlineSignal(ctx(v));
      assert.equal(s.aborted, true, String(v));
      assert.equal((s.reason as DOMException).name, 'TimeoutError');
    }
  });

  test('Infinity, 2^31 and 2^53 do not overflow into an immediate abort', async () => {
    const signals = [Number.POSITIVE_INFINITY, 2 ** 31, 2 ** 31 + 1000, 2 ** 53, Number.MAX_VALUE].map((v) => deadlineSignal(ctx(v)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(signals.map((s) => s.aborted), signals.map(() => false));
  });
});

describe('performance.now vs Date.now', () => {
  const refused = () => { throw new errors.ConnectionError('connect ECONNREFUSED 127.0.0.1:1'); };

  test('a real performance.now() reading: maxElapsedMs counts from it (already past -> one attempt)', async () => {
    let attempts = 0;
    await assert.rejects(runWithRetry(async () => { attempts++; return refused(); },
      { method: 'GET', path: '/', startedAt: performance.now() - 10_000 }, { retries: 5, minDelayMs: 0, maxDelayMs: 0, maxElapsedMs: 5_000 }));
    assert.equal(attempts, 1);
  });

  test('was: ctx.startedAt given as a Date.now() reading is accepted and silently turns maxElapsedMs off', async () => {
    let attempts = 0;
    const outcome = await runWithRetry(async () => { attempts++; return refused(); },
      // the caller started 10 s ago by the wall clock: the wrong clock, but a finite number
      { method: 'GET', path: '/', startedAt: Date.now() - 10_000 }, { retries: 5, minDelayMs: 0, maxDelayMs: 0, maxElapsedMs: 5_000 })
      .then(() => 'ok', (e: unknown) => e);
    // observed: 6 attempts (elapsed is about -1.7e12 ms, never past maxElapsedMs); expected: ConfigError (a start
    // later than performance.now() is no reading of it) or 1 attempt
    assert.ok((outcome as Error).name === 'ConfigError' || attempts === 1, `attempts ${attempts}, ${String(outcome)}`);
  });
});

describe('wall-clock jumps and timer limits elsewhere', () => {
  test('was: ingest stats.elapsedMs is Date.now() arithmetic: a clock stepped back by NTP during the run gives a negative duration', async () => {
    const { ingest } = await import('../../src/ingest/ingest.js');
    const T = Date.parse('2026-12-05T12:00:00Z');
    mock.timers.enable({ apis: ['Date'], now: T });
    try {
      stub.reply = () => {
        mock.timers.setTime(T - 3600_000); // the wall clock is stepped back one hour while the bulk is in flight
        return { body: { took: 1, errors: false, items: [{ index: { _index: 'x', _id: 'a', status: 201, result: 'created' } }] } };
      };
      const client = createClient({ node: stub.url, auth: { mode: 'none' } });
      try {
        const report = await ingest(client, [{ index: 'x', id: 'a', document: { n: 1 } }]);
        // observed: elapsedMs about -3 600 000; a monotonic clock (performance.now) cannot go below 0
        assert.ok(report.stats.elapsedMs >= 0, `elapsedMs ${report.stats.elapsedMs}`);
      } finally {
        await client.close();
      }
    } finally {
      mock.timers.reset();
    }
  });

  test('was: a per-call requestTimeout above 2^31-1 ms reaches Node timers as is (TimeoutOverflowWarning); createClient refuses it', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error): void => { if (w.name === 'TimeoutOverflowWarning') warnings.push(w.message); };
    process.on('warning', onWarning);
    stub.reply = () => ({});
    const client = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { maxElapsedMs: 2 ** 40 } });
    try {
      await client.info({}, { requestTimeout: 2 ** 40 });
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(warnings, []);
    } finally {
      process.off('warning', onWarning);
      await client.close();
    }
  });
});
