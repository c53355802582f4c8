/**
 * The credentials fuzz's basic-mode seeds: a password provider that answers a password (plain, with
 * `:`, non-ASCII, long), a value that is no usable password (empty, a number, a String object, an
 * object whose toString gives one, a line break or NUL in it, a Proxy), rejects or throws a hostile
 * value, hangs, or answers after its caller gave up. The stub accepts only `Basic base64(user:password)`
 * of a password the client had to accept; the invariants are the iam seeds' (see the test file).
 */
import { createClient } from '../../src/client/create-client.js';
import type { ReceivedRequest } from '../domain/edge/sigv4.js';
import { hostileRejection } from './credential-fuzz-values.js';
import { Driver, checkCounts, checkEvents, count, drawPlan, overlapping, type ProviderCall } from './credential-fuzz-driver.js';
import type { RecordingStub, StubReply } from './recording-stub.js';
import { Rng } from './seeded-rng.js';

const USER = 'fz-user';

interface PasswordCall {
  kind: string;
  verdict: 'accepted' | 'refused' | 'failed' | 'hang' | 'late';
  /** The password the client must send (accepted, late). */
  password?: string;
  /** Strings that must never show in a failure. */
  secrets: string[];
  run: (late: Promise<void>) => unknown;
  long: boolean;
}

function drawPasswordCall(r: Rng, seed: number, n: number, known: readonly string[], accept: boolean): PasswordCall {
  const pw = `Fz-Pw${seed}n${n}!q7Zx`;
  const roll = accept ? 0 : r.int(0, 99);
  if (roll < 45) {
    const password = r.pick([pw, `${pw}:with:colons`, `P\u00e4ssw\u00f6rd-${seed}n${n}-\u20ac`, `${pw}${'x'.repeat(1000)}`]);
    return { kind: 'password', verdict: 'accepted', password, secrets: [password], long: true, run: () => password };
  }
  const seen = known.length > 0 ? r.pick(known) : undefined;
  const text = seen !== undefined && r.chance(0.5) ? `vault refused: ${seen}` : r.pick([`{"password":"${pw}"}`, `password: ${pw}`]);
  const secrets = [pw, ...(seen !== undefined ? [seen] : [])];
  if (roll < 70) {
    const cases: Array<[string, () => unknown]> = [
      ['empty', () => ''], ['number', () => 12345678], ['null', () => null], ['undefined', () => undefined], ['object', () => ({ password: pw })],
      // eslint-disable-next-line no-new-wrappers
      ['String', () => new String(pw)], ['toString', () => ({ toString: () => pw })], ['array', () => [pw]],
      ['newline', () => `${pw}\n`], ['cr', () => `${pw}\r`], ['nul', () => `${pw}\0`],
      ['proxy', () => new Proxy({}, { get: () => { throw new Error(text); } })],
    ];
    const [kind, run] = r.pick(cases);
    return { kind: `refused:${kind}`, verdict: 'refused', secrets, long: false, run };
  }
  if (roll < 85) {
    const reason = hostileRejection(r, text);
    const sync = r.chance(0.3);
    return { kind: sync ? 'throws' : 'rejects', verdict: 'failed', secrets, long: false, run: () => { if (sync) throw reason; return Promise.reject(reason); } };
  }
  if (roll < 93) return { kind: 'hang', verdict: 'hang', secrets: [], long: false, run: () => new Promise<never>(() => undefined) };
  return { kind: 'late', verdict: 'late', password: pw, secrets: [pw], long: true, run: (late) => late.then(() => pw) };
}

/** Runs one basic seed against `stub` (its handler registered under the seed). */
export async function basicSeed(seed: number, stub: RecordingStub, handlers: Map<string, (req: ReceivedRequest) => Promise<StubReply> | StubReply>): Promise<{ violations: string[]; summary: string }> {
  const r = new Rng(100_000 + seed);
  const rs = new Rng(seed * 104_729 + 7);
  const v: string[] = [];
  const timeoutMs = r.pick([250, 400, 700]);
  const clean = r.chance(0.3);
  const plan = drawPlan(r, `basic-${seed}`, clean);
  const driver = new Driver(plan, v);
  const accepted = new Set<string>();
  const secrets = new Set<string>();
  const known: string[] = [];
  const pcalls: ProviderCall[] = [];
  const password = (): Promise<string> => {
    const i = pcalls.length;
    const start = performance.now();
    v.push(...overlapping(pcalls, i, start, timeoutMs));
    const b = drawPasswordCall(r, seed, i, known, clean);
    count(`basic provider ${b.verdict}`);
    for (const s of b.secrets) secrets.add(s);
    if (b.password !== undefined) {
      accepted.add(`Basic ${Buffer.from(`${USER}:${b.password}`, 'utf8').toString('base64')}`);
      secrets.add(Buffer.from(`${USER}:${b.password}`, 'utf8').toString('base64'));
    }
    const call: ProviderCall = { i, b, start };
    pcalls.push(call);
    driver.providerStarted(i);
    const settled = (): void => {
      call.end = performance.now();
      driver.ev.push({ t: 'psettle', i });
      if (b.password !== undefined) known.push(b.password);
    };
    let out: unknown;
    try {
      out = b.run(new Promise<void>((resolve) => setTimeout(resolve, 40)));
    } catch (error) {
      settled();
      throw error;
    }
    Promise.resolve(out).then(() => undefined, () => undefined).finally(settled);
    return out as Promise<string>;
  };
  const client = createClient({ node: stub.url, requestTimeoutMs: timeoutMs, auth: { mode: 'basic', username: USER, password }, retry: { retries: r.int(0, 2), minDelayMs: 1, maxDelayMs: 4, ...(plan.shared !== undefined ? { signal: plan.shared.signal } : {}) } });
  driver.attach(client);
  handlers.set(plan.key, (req) => {
    const authorization = req.headers.authorization?.[0] ?? '';
    if (!accepted.has(authorization)) v.push(`C3 a request carried an Authorization the client had to refuse or never got (${authorization.slice(0, 40)})`);
    else count('basic request accepted');
    driver.received(Number(req.headers['x-fuzz-call']?.[0]));
    const roll = rs.int(0, 9);
    if (roll < 7) return { status: 200, body: { ok: true } };
    if (roll < 8) return { status: 401, body: `Unauthorized ${authorization}` };
    return { status: 500, body: { error: { type: 'exception', reason: `echo ${authorization}` }, status: 500 } };
  });
  try {
    await driver.run();
  } finally {
    handlers.delete(plan.key);
  }
  checkEvents(driver.ev, pcalls, v, /^basic:password$/, secrets);
  checkCounts(pcalls, timeoutMs, 0, clean, v);
  return { violations: v, summary: `${pcalls.map((p) => p.b.kind).join(',')} aborts=${plan.aborts.join(',')} close=${plan.close}` };
}
