/**
 * Hostile answers of a credential source for the credentials fuzz, each with the README's verdict on
 * it: what a provider call does (answers, rejects, hangs, answers late) and, for an answer, whether the
 * client must accept it (and sign with exactly which values), refuse it, or treat it as expired.
 */
import { inspect } from 'node:util';
import type { Rng } from './seeded-rng.js';

/** The values a request must be signed with after the client accepted an answer. */
export interface Canonical {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Real expiry in ms (the Date's own time, whatever its methods claim). */
  expiresAt?: number;
}

/** The README's verdict on one provider call. */
export type Verdict = 'accepted' | 'refused' | 'expired' | 'failed' | 'hang' | 'late';

/** One provider call's behaviour. */
export interface Behaviour {
  kind: string;
  verdict: Verdict;
  /** For accepted / expired / late answers: what the client must sign with (late: if it still takes it). */
  canonical?: Canonical;
  /** True for an accepted answer that needs no refresh for the life of a seed (no expiry, or an hour). */
  long?: boolean;
  /** Secret strings this call hands to the client or puts in its error (the check list of the seed). */
  secrets: string[];
  /** Runs the call: the value (or a promise, a thenable) a provider returns; `late` settles it later. */
  run: (late: Promise<void>) => unknown;
  /** Called after the answer was handed over (a provider that changes its object in place later). */
  after?: () => void;
}

/** Names of one seed's credentials: unique per seed and answer. */
export function credentialsOf(seed: number, n: number): Required<Omit<Canonical, 'expiresAt'>> {
  return { accessKeyId: `AKIDFZ${seed}N${n}`, secretAccessKey: `Fz/${seed}+Sk${n}-q9Zr`, sessionToken: `IQoJFzTk${seed}N${n}xY7w` };
}

const HOUR = 3_600_000;

function expiryOf(r: Rng): { expiresAt?: number; long: boolean } {
  const roll = r.int(0, 9);
  if (roll < 4) return { long: true };
  if (roll < 8) return { expiresAt: Date.now() + HOUR, long: true };
  return { expiresAt: Date.now() + r.int(20_000, 50_000), long: false }; // nearly expired: inside the refresh buffer
}

function plain(c: Canonical): Record<string, unknown> {
  return {
    accessKeyId: c.accessKeyId,
    secretAccessKey: c.secretAccessKey,
    ...(c.sessionToken !== undefined ? { sessionToken: c.sessionToken } : {}),
    ...(c.expiresAt !== undefined ? { expiration: new Date(c.expiresAt) } : {}),
  };
}

/** An object whose getters give the canonical value on the first read and something hostile afterwards. */
function changingGetters(c: Canonical, later: unknown): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(plain(c))) {
    let reads = 0;
    Object.defineProperty(o, key, { enumerable: true, get: () => (reads++ === 0 ? value : later) });
  }
  return o;
}

/** A Date whose own getTime() claims another time than it holds. */
function lyingDate(real: number, claimed: number): Date {
  const d = new Date(real);
  Object.defineProperty(d, 'getTime', { value: () => claimed });
  Object.defineProperty(d, 'valueOf', { value: () => claimed });
  return d;
}

/** A provider answer the client must accept; `after` may change the object once it was handed over. */
function accepted(r: Rng, c0: Canonical): Behaviour {
  const { expiresAt, long } = expiryOf(r);
  const c: Canonical = { ...c0, ...(expiresAt !== undefined ? { expiresAt } : {}) };
  if (r.chance(0.15)) delete c.sessionToken;
  const secrets = [c.secretAccessKey, ...(c.sessionToken !== undefined ? [c.sessionToken] : [])];
  const kind = r.pick(['plain', 'plain', 'aws-source', 'proxy', 'class', 'changing-getters', 'mutated-later', 'empty-token', 'lying-date']);
  const base = { verdict: 'accepted' as const, canonical: c, long, secrets };
  switch (kind) {
    case 'aws-source':
      return { ...base, kind, run: () => ({ ...plain(c), $source: { CREDENTIALS_CODE: 'e' }, accountId: '123456789012', credentialScope: 'us-east-1' }) };
    case 'proxy':
      return { ...base, kind, run: () => new Proxy(plain(c), {}) };
    case 'class': {
      const values = plain(c);
      class Creds { get accessKeyId(): unknown { return values.accessKeyId; } get secretAccessKey(): unknown { return values.secretAccessKey; } get sessionToken(): unknown { return values.sessionToken; } get expiration(): unknown { return values.expiration; } }
      return { ...base, kind, run: () => new Creds() };
    }
    case 'changing-getters': {
      const later = r.pick<unknown>(['tok\r\nx-evil: 1', 42, 'AKID EVIL, Signature=00', '', undefined, new Date(0)]);
      return { ...base, kind, run: () => changingGetters(c, later) };
    }
    case 'mutated-later': {
      const o = plain(c);
      return { ...base, kind, run: () => o, after: () => Object.assign(o, { secretAccessKey: `${c.secretAccessKey}-changed`, sessionToken: 'tok-changed\r\n', expiration: new Date(0) }) };
    }
    case 'empty-token': {
      const { sessionToken: _unused, ...rest } = c;
      return { ...base, canonical: rest, secrets: [c.secretAccessKey], kind, run: () => ({ ...plain(rest), sessionToken: '' }) };
    }
    case 'lying-date':
      // it holds an hour from now and claims to have expired: the Date's own time decides
      return { ...base, canonical: { ...c, expiresAt: Date.now() + HOUR }, long: true, kind, run: () => ({ ...plain(c), expiration: lyingDate(Date.now() + HOUR, Date.now() - HOUR) }) };
    default:
      return { ...base, kind, run: () => plain(c) };
  }
}

/** Answers the client must refuse (CredentialsError), with the secret strings they carry. */
function refused(r: Rng, c: Canonical, hostileText: string): Behaviour {
  const value = (o: Record<string, unknown>): Record<string, unknown> => ({ ...plain(c), ...o });
  const thrower = (key: string): Record<string, unknown> => {
    const o = plain(c);
    Object.defineProperty(o, key, { enumerable: true, get: () => { throw new Error(hostileText); } });
    return o;
  };
  const cases: Array<[string, () => unknown]> = [
    ['null', () => null], ['undefined', () => undefined], ['number', () => 42], ['string', () => `${c.accessKeyId}:${c.secretAccessKey}`],
    ['array', () => [c.accessKeyId, c.secretAccessKey]], ['empty', () => ({})], ['no-secret', () => ({ accessKeyId: c.accessKeyId })],
    ['empty-secret', () => value({ secretAccessKey: '' })], ['empty-id', () => value({ accessKeyId: '' })],
    ['id-space', () => value({ accessKeyId: `${c.accessKeyId} X` })], ['id-comma', () => value({ accessKeyId: `${c.accessKeyId},Signature=00` })],
    ['id-slash', () => value({ accessKeyId: `${c.accessKeyId}/20200101` })], ['id-latin1', () => value({ accessKeyId: `${c.accessKeyId}\u00e9` })],
    ['id-long', () => value({ accessKeyId: 'A'.repeat(129) })], ['id-number', () => value({ accessKeyId: 12345 })],
    ['secret-newline', () => value({ secretAccessKey: `${c.secretAccessKey}\n` })], ['secret-number', () => value({ secretAccessKey: 12345678 })],
    ['secret-object', () => value({ secretAccessKey: { toString: () => c.secretAccessKey } })],
    ['token-crlf', () => value({ sessionToken: `${c.sessionToken ?? 'tok'}\r\nx-evil: 1` })], ['token-u2028', () => value({ sessionToken: `${c.sessionToken ?? 'tok'}\u2028` })],
    ['token-number', () => value({ sessionToken: 1234 })], ['token-object', () => value({ sessionToken: {} })],
    ['exp-string', () => value({ expiration: '2999-01-01T00:00:00Z' })], ['exp-number', () => value({ expiration: Date.now() + HOUR })],
    ['exp-invalid', () => value({ expiration: new Date(Number.NaN) })], ['exp-fake', () => value({ expiration: Object.create(Date.prototype) as unknown })],
    ['exp-null', () => value({ expiration: null })],
    ['exp-proxy', () => value({ expiration: new Proxy(new Date(Date.now() + HOUR), { getPrototypeOf: () => { throw new Error(hostileText); } }) })],
    ['getter-id', () => thrower('accessKeyId')], ['getter-secret', () => thrower('secretAccessKey')], ['getter-token', () => thrower('sessionToken')],
    ['getter-exp', () => thrower('expiration')],
    ['proxy-get', () => new Proxy(plain(c), { get: () => { throw new Error(hostileText); } })],
    ['proxy-revoked', () => { const p = Proxy.revocable(plain(c), {}); p.revoke(); return p.proxy; }],
  ];
  const [kind, run] = r.pick(cases);
  return { kind: `refused:${kind}`, verdict: 'refused', secrets: [c.secretAccessKey, ...(c.sessionToken !== undefined ? [c.sessionToken] : [])], run };
}

/** A hostile rejection value whose every text holds `text`. */
export function hostileRejection(r: Rng, text: string): unknown {
  const kind = r.int(0, 12);
  switch (kind) {
    case 0: return new Error(text);
    case 1: return Object.assign(new Error(text), { name: 'ThrottlingException', $fault: 'server', $metadata: { httpStatusCode: 500, requestId: 'fz-req' }, $response: { body: text, headers: { 'x-amz-security-token': text } } });
    case 2: return text;
    case 3: return { message: text, secretAccessKey: text, toString: () => text };
    case 4: return r.pick([null, undefined, 0, Symbol(text.slice(0, 20))]);
    case 5: return new Proxy(new Error(text), { getPrototypeOf: () => { throw new Error(text); } });
    case 6: { const e = new Error('x'); Object.defineProperty(e, 'message', { get: () => { throw new Error(text); } }); return e; }
    case 7: { const e = new Error('named'); e.name = text; return e; }
    case 8: return new AggregateError([new Error(text)], text);
    case 9: return new Error('wrapped', { cause: new Error(text, { cause: { secret: text } }) });
    case 10: return { toString: () => { throw new Error(text); } };
    case 11: { const p = Proxy.revocable(new Error(text), {}); p.revoke(); return p.proxy; }
    default: { const e = new Error(text); Object.defineProperty(e, 'stack', { get: () => `${text}\n    at provider (${text})` }); return e; }
  }
}

/** Text an error of the source may hold: secrets the client saw (by value) and keyed secret-looking values. */
export function hostileText(r: Rng, known: readonly string[], future: Canonical): { text: string; secrets: string[] } {
  const seen = known.length > 0 ? r.pick(known) : undefined;
  const forms = [
    ...(seen !== undefined ? [`could not refresh ${seen}`, `{"SecretAccessKey":"${seen}"}`, `token was ${seen}; try again`] : []),
    `{"SecretAccessKey":"${future.secretAccessKey}","SessionToken":"${future.sessionToken ?? 'x'}"}`,
    `secretAccessKey: ${future.secretAccessKey}`,
  ];
  const text = r.pick(forms);
  return { text, secrets: [...(seen !== undefined ? [seen] : []), future.secretAccessKey, ...(future.sessionToken !== undefined && text.includes(future.sessionToken) ? [future.sessionToken] : [])] };
}

/** A provider call that never answers. */
export const HANG: Behaviour = { kind: 'hang', verdict: 'hang', secrets: [], run: () => new Promise<never>(() => undefined) };

/** Draws what provider call `n` of a seed does; `known` are the secrets the client has seen so far. */
export function drawBehaviour(r: Rng, seed: number, n: number, known: readonly string[], accept = false): Behaviour {
  const c = credentialsOf(seed, n);
  const roll = accept ? 0 : r.int(0, 99);
  if (roll < 45) return accepted(r, c);
  const { text, secrets } = hostileText(r, known, c);
  if (roll < 55) {
    const expiresAt = Date.now() - r.int(1_000, HOUR);
    return { kind: 'expired', verdict: 'expired', canonical: { ...c, expiresAt }, secrets: [c.secretAccessKey, c.sessionToken], run: () => ({ ...c, expiration: new Date(expiresAt) }) };
  }
  if (roll < 72) return { ...refused(r, c, text), secrets: [c.secretAccessKey, c.sessionToken, ...secrets] };
  if (roll < 82) {
    const reason = hostileRejection(r, text);
    const sync = r.chance(0.3);
    return { kind: sync ? 'throws' : 'rejects', verdict: 'failed', secrets, run: () => { if (sync) throw reason; return Promise.reject(reason); } };
  }
  if (roll < 85) return { kind: 'thenable-throws', verdict: 'failed', secrets, run: () => ({ get then() { throw new Error(text); } }) };
  if (roll < 92) return HANG;
  const late = accepted(r, c);
  return { ...late, kind: `late:${late.kind}`, verdict: 'late', run: (release) => release.then(() => late.run(release)) };
}

/** Every rendering of an error a person or a log may see; a rendering that throws is reported in the text. */
export function renderings(e: unknown): string {
  const out: string[] = [];
  const add = (f: () => unknown): void => {
    try {
      out.push(String(f()));
    } catch (error) {
      out.push(`<rendering threw ${String((error as Error)?.name)}>`);
    }
  };
  add(() => (e as Error).message);
  add(() => (e as Error).stack);
  add(() => String(e));
  add(() => JSON.stringify(e));
  add(() => inspect(e, { depth: 12, showHidden: true }));
  let cause: unknown = e;
  for (let i = 0; i < 6; i++) {
    try {
      cause = (cause as { cause?: unknown } | null)?.cause;
    } catch {
      break;
    }
    if (cause === undefined) break;
    add(() => JSON.stringify(cause));
    add(() => (cause as Error).stack);
  }
  return out.join('\n');
}
