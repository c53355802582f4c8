/**
 * Seeded property check of the README's credential promises (the `iam` row of "Auth modes", the
 * paragraph "In every mode a credential source ...", the Errors table's `CredentialsError`, and
 * "Guarantees"), for an iam provider, static credentials, the AWS SDK's default chain, a basic password
 * provider and Cognito's sign-in (test/support/credential-fuzz-*.ts), against a loopback OpenSearch stub
 * that checks every request with test/domain/edge/sigv4.ts's verifySigV4 (never our signer), a loopback
 * Cognito stub (the `endpoints` option) and a loopback container-credentials endpoint (the chain).
 *
 * Each seed draws, per provider call, what the source does (answers valid credentials: plain, with the
 * AWS SDK's `$source`, a Proxy, a class with getters, getters that answer differently on a second
 * read, an object changed in place after it was handed over, a Date that lies about its time; answers
 * expired, nearly expired or malformed credentials: wrong types, key ids with spaces, commas or slashes,
 * secrets and tokens with line breaks, getters and Proxy traps that throw; rejects or throws hostile
 * values quoting secrets: Errors, strings, Proxies whose traps throw, revoked Proxies, getters that
 * throw; hangs; answers after its caller gave up), the concurrency (1-8 calls, one or two rounds), the
 * server's answers (200, the expired-token 403 for some answers, 401, 500 echoing the credentials, 503),
 * and per call abort() (at once, a tick later, when a provider call starts, when the server got the
 * request), client.close() at such a point, a shared retry.signal and a retry.maxElapsedMs shorter than
 * requestTimeoutMs. Cognito seeds draw each InitiateAuth / GetId / GetCredentialsForIdentity answer
 * (valid, NotAuthorizedException quoting the password, 500, none, a challenge, an id token or identity
 * that is missing or not a string, malformed, expired or unparsable credentials), and how the client signs
 * in (a password, a refresh token, an id token given valid or expired); default-chain seeds draw each
 * container-credentials answer (valid, expired, a key id or token a header cannot carry, 500, no JSON,
 * none) and run one at a time (the chain reads the process's variables).
 *
 * Invariants (each violation names its seed; CRED_FUZZ_SEED_BASE / CRED_FUZZ_SEEDS pick other seeds):
 *  C1 single flight: a provider (or Cognito) call never starts while another is pending, unless that one
 *     has been pending long enough for the provider timeout (requestTimeoutMs) to have ended it.
 *  C2 no stampede: calls <= 1 + (calls that failed, were refused, expired, nearly expired, or took the
 *     timeout) + (answers the server refused as expired); with only valid long-lived answers and no
 *     abort/close, exactly 1 + (1 when the first answer is refused by the server), in Cognito one
 *     InitiateAuth, one GetId and one GetCredentialsForIdentity (+1 after a refusal).
 *  C3 every request the server receives is signed with an answer the client had to accept (never an
 *     expired, malformed or refused one), with the values it had when it was handed over (verifySigV4
 *     checks signature, token and expiry against them); basic sends only accepted passwords.
 *  C4 every failure is typed: a CredentialsError naming its source (`aws:credentials-provider`,
 *     `aws:static-credentials`, `basic:password`, `cognito-...`) in `source` and message, a typed
 *     response error, or opensearch-js's RequestAbortedError / NoLivingConnectionsError / TimeoutError /
 *     ConnectionError; never a raw TypeError or the value a provider threw.
 *  C5 no secret the client saw (secret keys and session tokens it was handed, refused ones too, the
 *     password, Cognito tokens) and no secret-looking value under a secret key in a source's error text
 *     appears in any rendering of a failure or an onRetry payload (message, stack, String, JSON,
 *     util.inspect with hidden fields, the cause chain).
 *  C6 no request is started (client 'request' event) for a call after its abort(), a retry.signal abort,
 *     or client.close(); an aborted call ends with RequestAbortedError; every call and close() settle;
 *     nothing escapes as an unhandled rejection.
 *  C7 deadlines by order of events: a call aborted while it waits for credentials ends before a provider
 *     answer that comes later (40 ms after it was asked); a call waiting on a provider that never answers
 *     ends with retry.maxElapsedMs's TimeoutError when that comes before requestTimeoutMs.
 * Each test also asserts that its seeds reached every case above (coverage), so a fuzz that checks
 * nothing cannot pass.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { errors } from '@opensearch-project/opensearch';
import { createClient } from '../../src/client/create-client.js';
import { Rng } from '../support/seeded-rng.js';
import { startRecordingStub, type RecordingStub, type StubReply } from '../support/recording-stub.js';
import type { ReceivedRequest } from '../domain/edge/sigv4.js';
import { HANG, credentialsOf, drawBehaviour, type Behaviour } from '../support/credential-fuzz-values.js';
import { Registry, judgeSigned, leaked } from '../support/credential-fuzz-judge.js';
import { Driver, checkCounts, checkEvents, count, coverage, drawPlan, overlapping, runSeeds, type Ev, type ProviderCall } from '../support/credential-fuzz-driver.js';
import { basicSeed } from '../support/credential-fuzz-basic.js';
import { CognitoStub, cognitoSeed } from '../support/credential-fuzz-cognito.js';
import { ContainerEndpoint, chainSeed } from '../support/credential-fuzz-chain.js';
import { shareSeeds, takesAllCases } from '../support/fuzz-share.js';

const BASE = Number(process.env.CRED_FUZZ_SEED_BASE ?? 0);
/** The seeds of one source: a count given by its variable runs them all, the default count this run's share of them. */
function seedsOf(variable: string, count: number): number[] {
  const given = process.env[variable];
  return given !== undefined ? Array.from({ length: Number(given) }, (_x, i) => BASE + i) : shareSeeds(count, BASE);
}
const SEEDS = seedsOf('CRED_FUZZ_SEEDS', 300);
const BASIC_SEEDS = seedsOf('CRED_FUZZ_BASIC_SEEDS', 100);
const COGNITO_SEEDS = seedsOf('CRED_FUZZ_COGNITO_SEEDS', 100);
const CHAIN_SEEDS = seedsOf('CRED_FUZZ_CHAIN_SEEDS', 30);
const cognito = new CognitoStub();
const container = new ContainerEndpoint();

let stub: RecordingStub;
const handlers = new Map<string, (req: ReceivedRequest) => Promise<StubReply> | StubReply>();
const escaped: unknown[] = [];
const onEscape = (e: unknown): void => { escaped.push(e); };
before(async () => {
  stub = await startRecordingStub();
  stub.reply = (req) => handlers.get(req.headers['x-fuzz-seed']?.[0] ?? '')?.(req) ?? { status: 599 };
  await cognito.start();
  await container.start();
  process.on('unhandledRejection', onEscape);
});
after(async () => {
  process.off('unhandledRejection', onEscape);
  await stub.close();
  await cognito.close();
  await container.close();
});

/** Runs one iam seed; returns its violations and a summary of what it drew. */
async function iamSeed(seed: number): Promise<{ violations: string[]; summary: string }> {
  const r = new Rng(seed);
  const rs = new Rng(seed * 7919 + 13);
  const v: string[] = [];
  const timeoutMs = r.pick([250, 400, 700]);
  const retries = r.int(0, 2);
  const clean = r.chance(0.3);
  const staticCreds = !clean && r.chance(0.1);
  const maxElapsedMs = !clean && r.chance(0.15) ? r.int(40, timeoutMs - 60) : undefined;
  // half of them wait on a provider that never answers: the call's deadline comes first (C7)
  const firstHangs = maxElapsedMs !== undefined && r.chance(0.5);
  const plan = drawPlan(r, `iam-${seed}`, clean);
  const driver = new Driver(plan, v);
  const registry = new Registry();
  const secrets = new Set<string>();
  const known: string[] = [];
  const pcalls: ProviderCall[] = [];
  let refused = 0;

  const register = (b: Behaviour): void => {
    if (b.canonical === undefined) return;
    const usable = b.verdict === 'accepted' || b.verdict === 'late';
    const refuse = usable && (clean ? registry.byId.size === 0 && rs.chance(0.5) : rs.chance(0.3));
    if (refuse) refused++;
    registry.add(b.canonical, usable, refuse);
  };
  const provider = (options?: { forceRefresh?: boolean }): unknown => {
    const i = pcalls.length;
    const start = performance.now();
    v.push(...overlapping(pcalls, i, start, timeoutMs));
    if (i === 0 && options?.forceRefresh === true) v.push('C2 first provider call asked with forceRefresh');
    const b = i === 0 && firstHangs ? HANG : drawBehaviour(r, seed, i, known, clean);
    count(`iam provider ${b.verdict}`);
    for (const s of b.secrets) secrets.add(s);
    const call: ProviderCall = { i, b, start };
    pcalls.push(call);
    driver.providerStarted(i);
    // registered before it is handed over: the client may sign with it at once
    register(b);
    const settled = (): void => {
      call.end = performance.now();
      driver.ev.push({ t: 'psettle', i });
      if (b.canonical !== undefined && b.verdict !== 'expired') known.push(b.canonical.secretAccessKey, ...(b.canonical.sessionToken !== undefined ? [b.canonical.sessionToken] : []));
    };
    let out: unknown;
    try {
      out = b.run(new Promise<void>((resolve) => setTimeout(resolve, 40)));
    } catch (error) {
      settled();
      throw error;
    }
    Promise.resolve(out).then(() => undefined, () => undefined).finally(() => {
      settled();
      if (b.after !== undefined) setImmediate(b.after);
    });
    return out;
  };

  let staticValue: Record<string, unknown> | undefined;
  if (staticCreds) {
    const c = credentialsOf(seed, 0);
    const expiration = r.chance(0.5) ? new Date(Date.now() + 3_600_000) : undefined;
    staticValue = { ...c, $source: { CREDENTIALS_CODE: 'e' }, ...(expiration !== undefined ? { expiration } : {}) };
    if (registry.add({ ...c, ...(expiration !== undefined ? { expiresAt: expiration.getTime() } : {}) }, true, r.chance(0.3)).refusedByServer) refused++;
    secrets.add(c.secretAccessKey).add(c.sessionToken);
  }
  const onRetry: unknown[] = [];
  const client = createClient({
    node: stub.url,
    requestTimeoutMs: timeoutMs,
    auth: { mode: 'iam', region: 'us-east-1', credentials: (staticValue ?? provider) as never },
    retry: {
      retries, minDelayMs: 1, maxDelayMs: 4, onRetry: (info) => { onRetry.push(info.error); },
      ...(plan.shared !== undefined ? { signal: plan.shared.signal } : {}), ...(maxElapsedMs !== undefined ? { maxElapsedMs } : {}),
    },
  });
  driver.attach(client);
  handlers.set(plan.key, async (req) => {
    const judged = await judgeSigned(req, registry);
    v.push(...judged.problems.map((p) => `C3 ${p}`));
    if (judged.problems.length === 0) count('iam request verified');
    driver.received(Number(req.headers['x-fuzz-call']?.[0]));
    if (judged.entry?.refusedByServer === true) return { status: 403, body: { message: 'The security token included in the request is expired' } };
    return serverAnswer(rs, req);
  });
  try {
    await driver.run();
  } finally {
    handlers.delete(plan.key);
  }
  checkEvents(driver.ev, pcalls, v, staticCreds ? /^aws:static-credentials$/ : /^aws:credentials-provider$/, secrets);
  for (const e of onRetry) for (const s of leaked(e, secrets)) v.push(`C5 onRetry payload shows ${s}`);
  if (!staticCreds) checkCounts(pcalls, timeoutMs, refused, clean, v);
  if (maxElapsedMs !== undefined && pcalls[0]?.b.verdict === 'hang') checkCallDeadline(driver.ev, plan.perRound, v);
  return { violations: v, summary: `${staticCreds ? 'static' : pcalls.map((p) => p.b.kind).join(',')} aborts=${plan.aborts.join(',')} close=${plan.close}` };
}

/**
 * C7: the first round's calls waited for a provider that never answers; retry.maxElapsedMs is shorter than
 * requestTimeoutMs, so the call's deadline comes before the provider's: each call that was neither aborted
 * nor closed ends with a TimeoutError, not the provider's CredentialsError.
 */
function checkCallDeadline(ev: readonly Ev[], firstRound: number, v: string[]): void {
  const closed = ev.findIndex((e) => e.t === 'close');
  ev.forEach((e, at) => {
    if (e.t !== 'settle' || e.call >= firstRound || (closed >= 0 && closed < at)) return;
    if (ev.some((x, i) => i < at && x.t === 'abort' && x.call === e.call)) return;
    count('C7 call deadline before the provider timeout');
    if (!(e.error instanceof errors.TimeoutError)) v.push(`C7 call ${e.call} waited past retry.maxElapsedMs for a provider that never answered and ended with ${String((e.error as Error | undefined)?.name)}`);
  });
}

/** The stub's answer to a request it accepted: mostly 200, else 401, a 500 echoing the credentials, or a 503. */
function serverAnswer(rs: Rng, req: ReceivedRequest): StubReply {
  const roll = rs.int(0, 9);
  if (roll < 6) return { status: 200, body: { ok: true } };
  if (roll < 7) return { status: 401, body: 'Unauthorized' };
  if (roll < 8) return { status: 500, body: { error: { type: 'exception', reason: `echo ${req.headers.authorization?.[0]} ${req.headers['x-amz-security-token']?.[0]}` }, status: 500 } };
  return { status: 503, body: { error: { type: 'unavailable_shards_exception', reason: 'x' }, status: 503 } };
}

/** Fails when the seeds did not reach a case the invariants are about (a fuzz that checks nothing passes too easily). */
function assertReached(cases: readonly string[]): void {
  if (process.env.CRED_FUZZ_COVERAGE !== undefined) console.log(Object.fromEntries([...coverage].sort()));
  if (!takesAllCases()) return;
  for (const what of cases) assert.ok((coverage.get(what) ?? 0) > 0, `no seed reached: ${what}`);
}

describe('credential sources under hostile behaviour (seeded)', () => {
  test(`iam: ${SEEDS.length} seeds of hostile providers, static credentials, aborts and close()`, async () => {
    const failures = await runSeeds(SEEDS, iamSeed, escaped);
    assert.deepEqual(failures.slice(0, 30), [], `${failures.length} violations`);
    assertReached(['iam request verified', 'iam provider accepted', 'iam provider refused', 'iam provider expired', 'iam provider failed', 'iam provider hang', 'iam provider late',
      'abort', 'C7 aborted wait before a late answer', 'C7 call deadline before the provider timeout', 'error:RequestAbortedError', 'error:NoLivingConnectionsError',
      'error:CredentialsError', 'error:ExpiredCredentialsError', 'error:TimeoutError']);
  });

  test(`basic: ${BASIC_SEEDS.length} seeds of hostile password providers`, async () => {
    const failures = await runSeeds(BASIC_SEEDS, (seed) => basicSeed(seed, stub, handlers), escaped);
    assert.deepEqual(failures.slice(0, 30), [], `${failures.length} violations`);
    assertReached(['basic request accepted', 'basic provider refused', 'basic provider failed', 'basic provider hang', 'basic provider late']);
  });

  test(`cognito: ${COGNITO_SEEDS.length} seeds of hostile user pool and identity pool answers`, async () => {
    const failures = await runSeeds(COGNITO_SEEDS, (seed) => cognitoSeed(seed, stub, cognito, handlers), escaped);
    assert.deepEqual(failures.slice(0, 30), [], `${failures.length} violations`);
    assertReached(['cognito request verified', 'cognito malformed credentials']);
  });

  test(`default chain: ${CHAIN_SEEDS.length} seeds of a hostile container-credentials endpoint (one at a time)`, async () => {
    const failures = await runSeeds(CHAIN_SEEDS, (seed) => chainSeed(seed, stub, container, handlers), escaped, 1);
    assert.deepEqual(failures.slice(0, 30), [], `${failures.length} violations`);
    assertReached(['chain request verified']);
  });
});
