/**
 * Seeded, property-based hostile input for the OPTIONS of every public entry point but ingest (and verifyHits'
 * expectations): a valid options object per entry point, one or two paths mutated at a time with hostile values
 * (wrong types, NaN, huge numbers, control characters, 100 KB strings, throwing getters and Proxies, frozen and
 * JSON.parse-made objects with `__proto__` keys, Maps, Dates, class instances, typo keys, a secret in the wrong
 * option). Per case: an answer, or the SDK's typed error naming the option path (or variable); never a raw error
 * from inside, a hang or an unhandled rejection; no secret in any rendering of the error; TLS verification never
 * silently off. Accepted mutations must be in ACCEPTED (a documented default or an equivalent value).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { Client } from '@opensearch-project/opensearch';
import { createClient } from '../../src/client/create-client.js';
import { fromEnv } from '../../src/client/from-env.js';
import { validateOptions, type FgacClientOptions } from '../../src/client/options.js';
import { ConfigError } from '../../src/errors/classes.js';
import { runWithRetry } from '../../src/retry/index.js';
import { deadlineSignal } from '../../src/ingest/deadline.js';
import { maskValue } from '../../src/fgac/masking.js';
import { SecurityApi } from '../../src/security/index.js';
import { checkPermission } from '../../src/explain/index.js';
import { assertAccess, compareAccess } from '../../src/verify/index.js';
import { AccessViolationError } from '../../src/verify/errors.js';
import { MaskingExpressionError, UnsupportedMaskingError } from '../../src/fgac/errors.js';
import { SecurityModelError } from '../../src/security/model-error.js';
import { SecretSet } from '../../src/errors/secrets.js';
import { makeClientPki, type ClientPki } from '../support/client-pki.js';
import { errors } from '@opensearch-project/opensearch';
import { rmSync } from 'node:fs';
import { rng } from '../domain/seed-data.js';

// ---------------------------------------------------------------------------------------------------------------
// PRNG and secrets

/** mulberry32: a small seeded PRNG (the same cases on every run). */
class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = rng(seed);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)] as T;
  }
}

const PASSWORD = 'Pw-Fz!7h3Q9zX2kd';
const SECRET_KEY = 'Sk-Fz/wJalr9XK2b+Qm';
const SESSION_TOKEN = 'St-Fz-IQoJb3JpZ2luX2Vj';
const CLIENT_SECRET = 'Cs-Fz-4k9m2p7q1r8s';
const PASSPHRASE = 'Kp-Fz-8x2y6z1w0v3u';
const REFRESH_TOKEN = 'Rt-Fz-eyJjdHkiOiJKV1Qi';
const THROWN = 'Thrown-Fz-vault-9q8w7e';
const SECRETS = [PASSWORD, SECRET_KEY, SESSION_TOKEN, CLIENT_SECRET, PASSPHRASE, REFRESH_TOKEN, THROWN];

/** The forms (and distinctive pieces) of a secret that must never show. */
function forms(secret: string): string[] {
  return [secret.slice(0, 11), secret.slice(-11), Buffer.from(secret).toString('base64').slice(0, 16), encodeURIComponent(secret)];
}

function renderings(e: unknown): string {
  const parts: string[] = [];
  const safe = (f: () => unknown): void => {
    try {
      parts.push(String(f()));
    } catch {
      parts.push('');
    }
  };
  let cur: unknown = e;
  for (let i = 0; i < 6 && cur !== null && typeof cur === 'object'; i++) {
    const err = cur as { message?: unknown; stack?: unknown; meta?: unknown; option?: unknown; cause?: unknown };
    safe(() => err.message);
    safe(() => err.stack);
    safe(() => err.option);
    safe(() => inspect(err.meta, { depth: 6 }));
    cur = err.cause;
  }
  safe(() => JSON.stringify(e));
  safe(() => inspect(e, { depth: 8, showHidden: true }));
  safe(() => String(e));
  return parts.join('\n');
}

function leakedSecret(e: unknown, held: readonly string[] = SECRETS): string | undefined {
  const text = renderings(e);
  for (const s of [...held, THROWN]) for (const f of forms(s)) if (text.includes(f)) return `${s} (as ${f})`;
  return undefined;
}

/** The secrets among SECRETS still held at `paths` of `value` (a secret moved elsewhere is no secret the SDK was given). */
function heldAt(value: unknown, paths: ReadonlyArray<ReadonlyArray<string | number>>): string[] {
  const out: string[] = [];
  for (const path of paths) {
    try {
      const v = getAt(value, path);
      if (typeof v === 'string' && SECRETS.includes(v)) out.push(v);
    } catch {
      // a hostile value on the way: nothing held there
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Hostile values

const thrower = (): never => {
  throw new Error(`vault said: password=${THROWN}`);
};
class OptionsBag {
  constructor(from: object) {
    Object.assign(this, from);
  }
}

/**
 * The abort reasons the fuzzer made (each holds THROWN), with what they held when made: runWithRetry given an
 * already aborted `signal` throws the caller's own reason object unchanged (src/retry/options.ts: "the abort
 * reason is thrown"; the SDK never changes a caller's object), so that object carries the caller's own text.
 */
const CALLER_REASONS = new WeakMap<object, string>();
function reasonSnapshot(reason: Error): string {
  return JSON.stringify([Object.getPrototypeOf(reason) === Error.prototype, Reflect.ownKeys(reason).map((k) => [String(k), String((reason as unknown as Record<PropertyKey, unknown>)[k])])]);
}
function callerReason(reason: Error): Error {
  CALLER_REASONS.set(reason, reasonSnapshot(reason));
  return reason;
}

/**
 * runWithRetry's documented abort: the thrown value IS the fuzzer-made reason of the AbortSignal at `options.signal`
 * of this case's arguments (already aborted), unchanged. Undefined when that is not the case (then the error is
 * judged as any other); a reason changed by the SDK is a failure.
 */
function callersOwnAbort(entry: EntryPoint, error: unknown, value: unknown): Verdict | undefined {
  if (entry !== retryEntry || typeof error !== 'object' || error === null || !CALLER_REASONS.has(error)) return undefined;
  let signal: unknown;
  try {
    signal = ((value as { options?: { signal?: unknown } } | undefined)?.options)?.signal;
  } catch {
    return undefined;
  }
  if (!(signal instanceof AbortSignal) || !signal.aborted || signal.reason !== error) return undefined;
  return CALLER_REASONS.get(error) === reasonSnapshot(error as Error) ? { ok: true } : { ok: false, why: 'the caller\'s abort reason was changed before it was rethrown' };
}

/** One hostile value: its kind, and the value made from the original at the path (a fresh one per case). */
type Hostile = [kind: string, make: (original: unknown, rng: Rng) => unknown];

const HOSTILE: Hostile[] = [
  ['number', (_o, r) => r.pick([0, 1, 7, 42])],
  ['string', () => 'x'],
  ['true', () => true],
  ['false', () => false],
  ['empty-array', () => []],
  ['string-array', () => ['a']],
  ['empty-object', () => ({})],
  ['function', () => () => 1],
  ['symbol', () => Symbol('s')],
  ['bigint', () => 10n],
  ['null', () => null],
  ['undefined', () => undefined],
  ['NaN', () => Number.NaN],
  ['+Infinity', () => Number.POSITIVE_INFINITY],
  ['-Infinity', () => Number.NEGATIVE_INFINITY],
  ['-0', () => -0],
  ['2**53', () => 2 ** 53],
  ['huge', () => 1e300],
  ['negative', () => -5],
  ['fraction', () => 0.5],
  ['2**31', () => 2 ** 31],
  ['empty-string', () => ''],
  ['whitespace', () => '   '],
  ['nul', (o) => `${typeof o === 'string' ? o : 'a'}\0b`],
  ['crlf', (o) => `${typeof o === 'string' ? o : 'a'}\r\nX-Injected: 1`],
  ['trailing-lf', (o) => `${typeof o === 'string' ? o : 'a'}\n`],
  ['padded', (o) => ` ${typeof o === 'string' ? o : 'a'} `],
  ['u2028', (o) => `${typeof o === 'string' ? o : 'a'}\u2028b`],
  ['rtl', (o) => `\u202E${typeof o === 'string' ? o : 'a'}`],
  ['100kb', () => 'a'.repeat(100_000)],
  ['100kb-secret', () => `${PASSWORD}${'a'.repeat(100_000)}`],
  ['throwing-getter', () => Object.defineProperty({}, 'x', { get: thrower, enumerable: true })],
  ['throwing-proxy', () => new Proxy({}, { get: thrower, ownKeys: thrower, has: thrower, getOwnPropertyDescriptor: thrower, getPrototypeOf: thrower })],
  ['throwing-toString', () => ({ toString: thrower, valueOf: thrower, [Symbol.toPrimitive]: thrower })],
  ['frozen', (o) => Object.freeze(typeof o === 'object' && o !== null ? structuredCloneLoose(o) : {})],
  ['json-proto', () => JSON.parse('{"__proto__":{"allowInsecureTls":true,"rejectUnauthorized":false,"mode":"none"},"constructor":{"prototype":{"polluted":1}}}') as unknown],
  ['class-instance', (o) => new OptionsBag(typeof o === 'object' && o !== null ? (o as object) : {})],
  ['map', (o) => new Map(typeof o === 'object' && o !== null ? Object.entries(o) : [['a', 1]])],
  ['date', () => new Date()],
  ['invalid-date', () => new Date(Number.NaN)],
  ['wrapped-in-array', (o) => [o]],
  ['password', () => PASSWORD],
  ['secret-key', () => SECRET_KEY],
  ['session-token', () => SESSION_TOKEN],
  ['url-with-password', () => `https://svc:${PASSWORD}@search-x.us-east-1.es.amazonaws.com`],
  ['password-lf', () => `${PASSWORD}\n`],
  ['buffer', () => Buffer.from('x')],
  ['abort-signal', () => AbortSignal.abort(callerReason(new Error(THROWN)))],
];

/** A deep copy of plain data, leaving other objects (Buffers, signals, functions) as they are. */
function structuredCloneLoose<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => structuredCloneLoose(v)) as T;
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = structuredCloneLoose(v);
    return out as T;
  }
  return value;
}

/** Every path to a value in the plain objects and lists of `value`. */
function pathsOf(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push([...prefix, i], ...pathsOf(v, [...prefix, i]));
    });
  } else if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value)) out.push([...prefix, k], ...pathsOf(v, [...prefix, k]));
  }
  return out;
}

/** The SDK's name for a path: `ssl.ca[0]`, `auth.credentials.secretAccessKey`. */
function nameOf(path: ReadonlyArray<string | number>): string {
  return path.reduce<string>((name, key) => (typeof key === 'number' ? `${name}[${key}]` : name === '' ? key : `${name}.${key}`), '');
}

function getAt(root: unknown, path: ReadonlyArray<string | number>): unknown {
  let cur = root as Record<string | number, unknown> | undefined;
  for (const key of path) cur = cur?.[key] as Record<string | number, unknown> | undefined;
  return cur;
}

function setAt(root: unknown, path: ReadonlyArray<string | number>, value: unknown): void {
  const holder = getAt(root, path.slice(0, -1)) as Record<string | number, unknown>;
  Object.defineProperty(holder, path[path.length - 1] as string | number, { value, enumerable: true, writable: true, configurable: true });
}

/** A typo of `key`: a letter dropped, doubled or its case changed. */
function typo(key: string, rng: Rng): string {
  const i = rng.int(key.length);
  switch (rng.int(3)) {
    case 0: return key.length > 1 ? key.slice(0, i) + key.slice(i + 1) : `${key}x`;
    case 1: return key.slice(0, i) + key.charAt(i) + key.slice(i);
    default: return key.charAt(0) === key.charAt(0).toUpperCase() ? key.toLowerCase() : key.charAt(0).toUpperCase() + key.slice(1);
  }
}

interface Mutation {
  path: Array<string | number>;
  kind: string;
}

/** Mutates one or two paths of a fresh copy of `base` (a hostile value, a deleted key or a typo key beside it). */
function mutate(base: unknown, rng: Rng, pathFilter: (p: string) => boolean = () => true, kinds: Hostile[] = HOSTILE): { value: unknown; mutations: Mutation[] } {
  const value = structuredCloneLoose(base);
  const mutations: Mutation[] = [];
  const count = rng.next() < 0.75 ? 1 : 2;
  const all = pathsOf(value).filter((p) => pathFilter(nameOf(p)));
  for (let n = 0; n < count; n++) {
    // never below a path already mutated (its value is the hostile one now)
    const paths = all.filter((p) => !mutations.some((m) => m.path.length <= p.length && m.path.every((k, i) => p[i] === k)));
    const roll = rng.next();
    if (roll < 0.12 || paths.length === 0) {
      // a typo key beside an existing one (or at the root)
      const objects = [[] as Array<string | number>, ...paths].filter((p) => {
        const v = getAt(value, p);
        return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype && Object.keys(v).length > 0;
      });
      if (objects.length === 0) continue;
      const at = rng.pick(objects);
      const holder = getAt(value, at) as Record<string, unknown>;
      const sibling = rng.pick(Object.keys(holder));
      const key = typo(sibling, rng);
      if (key === sibling || key in holder) continue;
      setAt(value, [...at, key], holder[sibling]);
      mutations.push({ path: [...at, key], kind: `typo-of-${sibling}` });
    } else {
      const path = rng.pick(paths);
      const [kind, make] = rng.pick(kinds);
      setAt(value, path, make(getAt(value, path), rng));
      mutations.push({ path, kind });
    }
  }
  return { value, mutations };
}

// ---------------------------------------------------------------------------------------------------------------
// The invariants

/** A raw error from deep inside: a TypeError or RangeError the SDK did not mean to throw. */
const RAW = /Cannot (read|set|convert|use|destructure|create)|is not a function|is not iterable|is not a constructor|of undefined|of null|Invalid (time|array|string)|Maximum call stack|is not defined|toUpperCase|toLowerCase|ERR_[A-Z_]+|Unexpected token/;

interface Verdict {
  ok: boolean;
  why?: string;
}

interface EntryPoint {
  name: string;
  /** Valid options; a fresh object per call. */
  base: () => unknown;
  /** Runs the entry point with the (mutated) options; its answer is checked by `check`. */
  run: (options: unknown) => unknown;
  /** Extra check of an answer (a client built with the documented defaults, TLS on). */
  check?: (answer: unknown, options: unknown, mutations: Mutation[]) => string | undefined;
  /** Error classes (besides ConfigError) the entry point documents. */
  typed?: (e: unknown) => boolean;
  /** The option name an error must name for a mutated path (default: the path's name). */
  optionFor?: (path: string) => string;
  /** Paths mutated (default all). */
  paths?: (p: string) => boolean;
  /** Where the options hold secrets the SDK is told are secrets (checked in every error; THROWN always). */
  secretPaths?: ReadonlyArray<ReadonlyArray<string | number>>;
  /** [mutated, named]: a refusal of a mutated option may name the other one (a required alternative: COGNITO_PASSWORD when the refresh token goes). */
  related?: ReadonlyArray<readonly [string, string]>;
  /** Hostile kinds used (default all). */
  kinds?: (kind: string) => boolean;
}

/** True when `option` names `path` (or a field inside it, or an object holding it). */
function relates(option: string, path: string): boolean {
  if (option === path) return true;
  const inside = (a: string, b: string): boolean => a.startsWith(`${b}.`) || a.startsWith(`${b}[`);
  return path === '' || inside(option, path) || inside(path, option) || (option === 'options' && !path.includes('.'));
}

const CASE_TIMEOUT_MS = 3000;

async function settle(run: () => unknown): Promise<{ answer?: unknown; error?: unknown; threw: boolean; hung?: boolean }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const out = run();
    if (out !== null && typeof out === 'object' && typeof (out as Promise<unknown>).then === 'function') {
      const hang = new Promise<'hang'>((resolve) => {
        timer = setTimeout(() => resolve('hang'), CASE_TIMEOUT_MS);
      });
      const raced = await Promise.race([(out as Promise<unknown>).then((answer) => ({ answer, threw: false }), (error: unknown) => ({ error, threw: true })), hang]);
      if (raced === 'hang') return { threw: false, hung: true };
      return raced;
    }
    return { answer: out, threw: false };
  } catch (error) {
    return { error, threw: true };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

function judgeError(entry: EntryPoint, error: unknown, mutations: Mutation[], options: unknown): Verdict {
  // runWithRetry rethrows the caller's own abort reason: its text (THROWN, which the fuzzer put there) is the caller's
  const own = callersOwnAbort(entry, error, options);
  if (own !== undefined) return own;
  const leak = leakedSecret(error, heldAt(options, entry.secretPaths ?? []));
  if (leak !== undefined) return { ok: false, why: `secret leaked: ${leak}` };
  const message = String((error as Error | undefined)?.message ?? error);
  if (error instanceof ConfigError) {
    if (!message.includes(error.option)) return { ok: false, why: `ConfigError message does not name its option ${error.option}: ${message}` };
    const names = mutations.map((m) => (entry.optionFor ?? ((p: string) => p))(nameOf(m.path)));
    const related = (n: string): boolean => relates(error.option, n) || (entry.related ?? []).some(([a, b]) => n === a && error.option === b);
    if (!names.some(related)) return { ok: false, why: `ConfigError names ${error.option}, not ${names.join(' / ')}: ${message.slice(0, 200)}` };
    return { ok: true };
  }
  // the server's own answer (a 100 KB name in the URL: 431) or the model's refusal (`invalid role: <field>: ...`) names what it judged
  // runWithRetry: retries 0, or a startedAt long ago, ends the call with the attempt's own error (documented);
  // maskValue: the plugin's own refusal text (documented), which names the algorithm it could not find
  if (error instanceof errors.ResponseError || error instanceof MaskingExpressionError || (entry === retryEntry && error instanceof errors.ConnectionError) || (error instanceof SecurityModelError && /^invalid [\w ]+: /.test(message))) return { ok: true };
  if (entry.typed?.(error) === true && !RAW.test(message)) {
    const keys = mutations.flatMap((m) => [...m.path.filter((k): k is string => typeof k === 'string'), ...(entry.optionFor ?? ((p: string) => p))(nameOf(m.path)).split(/[.[\]]/)]).filter((k) => k !== '');
    // a whole argument replaced: the model or the function may be named instead
    const whole = mutations.some((m) => m.path.length <= 1) && /\(the model\)|^\w+: |options|argument/.test(message);
    if (!whole && !keys.some((k) => message.includes(k.replace(/s$/, '')))) return { ok: false, why: `${(error as Error).name} names none of ${keys.join(', ')}: ${message.slice(0, 200)}` };
    return { ok: true };
  }
  return { ok: false, why: `untyped ${(error as Error | undefined)?.constructor?.name ?? typeof error}: ${message.slice(0, 200)}` };
}

interface Failure {
  entry: string;
  seed: number;
  mutations: string;
  why: string;
}

/** Runs `cases` seeded cases of `entry`; returns the failures and the accepted mutations (`path kind`). */
async function fuzz(entry: EntryPoint, seed: number, cases: number): Promise<{ failures: Failure[]; accepted: Set<string> }> {
  const failures: Failure[] = [];
  const accepted = new Set<string>();
  const rng = new Rng(seed);
  const kinds = HOSTILE.filter(([k]) => entry.kinds?.(k) ?? true);
  for (let i = 0; i < cases; i++) {
    const { value, mutations } = mutate(entry.base(), rng, entry.paths, kinds);
    if (mutations.length === 0) continue;
    const label = mutations.map((m) => `${nameOf(m.path)}=${m.kind}`).join(', ');
    const fail = (why: string): void => {
      failures.push({ entry: entry.name, seed, mutations: label, why });
    };
    const out = await settle(() => entry.run(value));
    if (out.hung === true) {
      fail('hung');
      continue;
    }
    if (out.threw) {
      const verdict = judgeError(entry, out.error, mutations, value);
      if (!verdict.ok) fail(verdict.why ?? '?');
      continue;
    }
    const problem = entry.check?.(out.answer, value, mutations);
    if (problem !== undefined) fail(problem);
    for (const m of mutations) accepted.add(`${nameOf(m.path).replace(/\[\d+\]/g, '[]')} ${m.kind}`);
  }
  return { failures, accepted };
}

// ---------------------------------------------------------------------------------------------------------------
// Entry points

const DOMAIN = 'https://search-x.us-east-1.es.amazonaws.com';
/** A CA and a client certificate whose key is encrypted with PASSPHRASE (made by openssl for this run). */
let pki: ClientPki = { dir: '', ca: '', cert: '', key: '', caFile: '', certFile: '', keyFile: '' };
function makePki(): void {
  pki = makeClientPki(PASSPHRASE, 'fuzz');
}
const COMMON = () => ({
  tenant: 'team-a',
  requestTimeoutMs: 5000,
  compression: true,
  allowInsecureHttp: false,
  allowInsecureTls: false,
  retry: { retries: 2, minDelayMs: 10, maxDelayMs: 100, maxElapsedMs: 1000, retryUnsafeWrites: false, onRetry: () => undefined },
  ssl: { rejectUnauthorized: true, servername: 'search-x.us-east-1.es.amazonaws.com' },
  clientOptions: { headers: { 'x-team': 'a' }, agent: { keepAlive: true, maxSockets: 8 }, pingTimeout: 1000 },
});
const CLIENT_BASES: Record<string, () => Record<string, unknown>> = {
  none: () => ({ node: DOMAIN, auth: { mode: 'none' }, ...COMMON() }),
  basic: () => ({ node: [DOMAIN, DOMAIN.replace('search-x', 'search-y')], auth: { mode: 'basic', username: 'svc', password: PASSWORD }, ...COMMON() }),
  'iam-static': () => ({
    node: DOMAIN,
    auth: { mode: 'iam', region: 'us-east-1', service: 'es', credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: SECRET_KEY, sessionToken: SESSION_TOKEN, expiration: new Date(Date.now() + 3_600_000) } },
    ...COMMON(),
  }),
  'iam-provider': () => ({ node: DOMAIN, auth: { mode: 'iam', region: 'us-east-1', credentials: async () => ({ accessKeyId: 'AKIAEXAMPLE', secretAccessKey: SECRET_KEY }) }, ...COMMON() }),
  'iam-chain': () => ({ node: DOMAIN, auth: { mode: 'iam', signingHost: 'search-x.us-east-1.es.amazonaws.com' }, ...COMMON() }),
  cognito: () => ({
    node: DOMAIN,
    auth: {
      mode: 'cognito', region: 'us-east-1', userPoolId: 'us-east-1_Pool1', clientId: 'client1', clientSecret: CLIENT_SECRET, identityPoolId: 'us-east-1:abc-123',
      username: 'svc', password: PASSWORD, customRoleArn: 'arn:aws:iam::123456789012:role/r',
      endpoints: { cognitoIdp: 'https://idp.example.com', cognitoIdentity: 'https://identity.example.com' },
    },
    ...COMMON(),
  }),
  'cognito-refresh': () => ({
    node: DOMAIN,
    auth: { mode: 'cognito', region: 'us-east-1', userPoolId: 'us-east-1_Pool1', clientId: 'client1', identityPoolId: 'us-east-1:abc-123', username: 'svc', refreshToken: REFRESH_TOKEN },
    ...COMMON(),
  }),
  mtls: () => ({ node: DOMAIN, auth: { mode: 'none' }, allowInsecureTls: false, ssl: { ca: [pki.ca], cert: pki.cert, key: pki.key, passphrase: PASSPHRASE, rejectUnauthorized: true } }),
};

interface ConnectionView {
  url: URL;
  ssl?: { rejectUnauthorized?: boolean } | null;
}

/** A client answer: a real Client, TLS verification on unless switched off literally, no secret when printed. */
function checkClient(answer: unknown, options: unknown): string | undefined {
  if (!(answer instanceof Client)) return 'createClient did not return a Client';
  const o = options as { ssl?: { rejectUnauthorized?: unknown }; allowInsecureTls?: unknown };
  const literallyOff = o.ssl?.rejectUnauthorized === false && o.allowInsecureTls === true;
  for (const c of (answer.connectionPool as unknown as { connections: ConnectionView[] }).connections) {
    if (c.ssl?.rejectUnauthorized === false && !literallyOff) return 'TLS verification silently off';
    if (c.url.protocol === 'http:') return 'an https node became http';
  }
  const leak = leakedSecret({ message: inspect(answer, { depth: 4 }), stack: JSON.stringify(answer) });
  if (leak !== undefined) return `the client prints a secret: ${leak}`;
  void answer.close();
  return undefined;
}

const NO_ENV: NodeJS.ProcessEnv = {};
const CLIENT_SECRET_PATHS = [
  ['auth', 'password'], ['auth', 'clientSecret'], ['auth', 'refreshToken'], ['auth', 'idToken'], ['auth', 'credentials', 'secretAccessKey'],
  ['auth', 'credentials', 'sessionToken'], ['ssl', 'passphrase'],
];
/**
 * A required alternative named instead of the mutated option: iam-chain takes its region from auth.signingHost (a
 * host that names none: "needs a region", on auth.region); cognito-refresh without its refresh token needs one of
 * password, idToken or refreshToken (on auth.password), as fromEnv's COGNITO_REFRESH_TOKEN / COGNITO_PASSWORD.
 */
const CLIENT_RELATED = [['auth.signingHost', 'auth.region'], ['auth.refreshToken', 'auth.password']] as const;
const clientEntries: EntryPoint[] = Object.entries(CLIENT_BASES).flatMap(([mode, base]) => [
  { name: `createClient ${mode}`, base, run: (o: unknown) => createClient(o as FgacClientOptions), check: checkClient, secretPaths: CLIENT_SECRET_PATHS, related: CLIENT_RELATED },
  { name: `validateOptions ${mode}`, base, run: (o: unknown) => validateOptions(o as FgacClientOptions, NO_ENV), secretPaths: CLIENT_SECRET_PATHS, related: CLIENT_RELATED },
]);

// fromEnv: the environment of each mode, each variable given the hostile string shapes.
const ENV_BASES: Record<string, () => Record<string, unknown>> = {
  basic: () => ({
    OPENSEARCH_URL: `${DOMAIN},${DOMAIN.replace('search-x', 'search-y')}`, OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'svc', OPENSEARCH_PASSWORD: PASSWORD,
    OPENSEARCH_TENANT: 'team-a', OPENSEARCH_REQUEST_TIMEOUT_MS: '5000', OPENSEARCH_COMPRESSION: 'true', OPENSEARCH_ALLOW_INSECURE_HTTP: 'false',
  }),
  iam: () => ({
    OPENSEARCH_URL: DOMAIN, OPENSEARCH_AUTH: 'iam', OPENSEARCH_REGION: 'us-east-1', AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-1', OPENSEARCH_SERVICE: 'es',
    OPENSEARCH_SIGNING_HOST: 'search-x.us-east-1.es.amazonaws.com', AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: SECRET_KEY, AWS_SESSION_TOKEN: SESSION_TOKEN,
  }),
  cognito: () => ({
    OPENSEARCH_URL: DOMAIN, OPENSEARCH_AUTH: 'cognito', COGNITO_REGION: 'us-east-1', COGNITO_USER_POOL_ID: 'us-east-1_Pool1', COGNITO_CLIENT_ID: 'client1',
    COGNITO_CLIENT_SECRET: CLIENT_SECRET, COGNITO_IDENTITY_POOL_ID: 'us-east-1:abc-123', COGNITO_USERNAME: 'svc', COGNITO_PASSWORD: PASSWORD,
    COGNITO_CUSTOM_ROLE_ARN: 'arn:aws:iam::123456789012:role/r', COGNITO_IDP_ENDPOINT: 'https://idp.example.com', COGNITO_IDENTITY_ENDPOINT: 'https://identity.example.com',
  }),
  'cognito-refresh': () => ({
    OPENSEARCH_URL: DOMAIN, OPENSEARCH_AUTH: 'cognito', AWS_REGION: 'us-east-1', COGNITO_USER_POOL_ID: 'us-east-1_Pool1', COGNITO_CLIENT_ID: 'client1',
    COGNITO_IDENTITY_POOL_ID: 'us-east-1:abc-123', COGNITO_USERNAME: 'svc', COGNITO_REFRESH_TOKEN: REFRESH_TOKEN,
  }),
  none: () => ({
    OPENSEARCH_URL: 'https://localhost:9200', OPENSEARCH_AUTH: 'none', OPENSEARCH_CA_FILE: pki.caFile, OPENSEARCH_CERT_FILE: pki.certFile,
    OPENSEARCH_KEY_FILE: pki.keyFile, OPENSEARCH_KEY_PASSPHRASE: PASSPHRASE,
  }),
};
/** Hostile strings only (environment values are strings). */
const ENV_KINDS = new Set(['string', 'empty-string', 'whitespace', 'nul', 'crlf', 'trailing-lf', 'padded', 'u2028', 'rtl', '100kb', '100kb-secret', 'password', 'secret-key', 'session-token', 'url-with-password', 'password-lf', 'undefined', 'number', 'throwing-getter']);

function checkEnvOptions(answer: unknown, env: unknown): string | undefined {
  try {
    validateOptions(answer as FgacClientOptions, env as NodeJS.ProcessEnv);
  } catch (error) {
    return `fromEnv answered options createClient refuses: ${String((error as Error).message).slice(0, 200)}`;
  }
  return undefined;
}

const envEntries: EntryPoint[] = Object.entries(ENV_BASES).map(([mode, base]) => ({
  name: `fromEnv ${mode}`,
  base,
  run: (env: unknown) => fromEnv(env as NodeJS.ProcessEnv),
  check: checkEnvOptions,
  kinds: (k) => ENV_KINDS.has(k),
  // OPENSEARCH_KEY_FILE gone: OPENSEARCH_KEY_PASSPHRASE "is set without" a key file
  related: [['AWS_REGION', 'COGNITO_REGION'], ['COGNITO_REFRESH_TOKEN', 'COGNITO_PASSWORD'], ['OPENSEARCH_KEY_FILE', 'OPENSEARCH_KEY_PASSPHRASE']],
  secretPaths: ['OPENSEARCH_PASSWORD', 'COGNITO_PASSWORD', 'COGNITO_CLIENT_SECRET', 'COGNITO_REFRESH_TOKEN', 'OPENSEARCH_KEY_PASSPHRASE', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'].map((v) => [v]),
}));

// runWithRetry, deadlineSignal, maskValue: their arguments as one object whose keys name them.
const typedArgument = (e: unknown): boolean => e instanceof TypeError || e instanceof RangeError;

const retryEntry: EntryPoint = {
  name: 'runWithRetry',
  base: () => ({
    ctx: { method: 'GET', path: '/movies/_search', querystring: { q: 'x' }, secrets: new SecretSet(), startedAt: performance.now(), onExpiredCredentials: async () => undefined },
    options: { retries: 2, minDelayMs: 1, maxDelayMs: 5, maxElapsedMs: 1000, retryUnsafeWrites: false, onRetry: () => undefined, signal: new AbortController().signal },
  }),
  run: (o) => {
    const { ctx, options } = (o ?? {}) as { ctx: never; options: never };
    let calls = 0;
    // the first attempt fails with a retryable connection error, the second succeeds
    return runWithRetry(async () => {
      calls += 1;
      if (calls === 1) throw new errors.ConnectionError('connect ECONNREFUSED');
      return 'ok';
    }, ctx, options);
  },
  check: (answer) => (answer === 'ok' ? undefined : `answered ${inspect(answer)}`),
  related: [['retry.minDelayMs', 'retry.maxDelayMs']],
  // retry options are named retry.<key> by the shared checker
  optionFor: (p) => p.replace(/^options\.?/, 'retry.').replace(/^retry\.$/, 'retry'),
};

const deadlineEntry: EntryPoint = {
  name: 'deadlineSignal',
  base: () => ({ context: { getRemainingTimeInMillis: () => 5000, functionName: 'f' }, options: { marginMs: 100, signal: new AbortController().signal } }),
  run: (o) => {
    const { context, options } = (o ?? {}) as { context: never; options: never };
    return deadlineSignal(context, options);
  },
  check: (answer) => (answer instanceof AbortSignal ? undefined : `answered ${inspect(answer)}`),
  optionFor: (p) => p.replace(/^options\.?/, '').replace(/^context\..*/, 'context'),
};

const SALT = 'Salt-Fz-16bytes!x';
const maskEntry: EntryPoint = {
  name: 'maskValue',
  base: () => ({ value: 'alice@example.com', options: { expression: 'email', salt: SALT, defaultAlgorithm: 'BLAKE2B_LEGACY_DEFAULT', pluginVersion: '2.19.4' } }),
  run: (o) => {
    const { value, options } = (o ?? {}) as { value: never; options: never };
    return maskValue(value, options);
  },
  check: (answer) => (typeof answer === 'string' && answer.length > 0 ? undefined : `answered ${inspect(answer)}`),
  typed: (e) => typedArgument(e) || e instanceof MaskingExpressionError || e instanceof UnsupportedMaskingError,
};

// SecurityApi and checkPermission/compareAccess against a loopback stub of the security REST API and search.
let stubUrl = '';
const stub = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const url = req.url ?? '';
    const send = (status: number, body: unknown): void => {
      res.statusCode = status;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body));
    };
    if (url === '/') return send(200, { version: { distribution: 'opensearch', number: '2.19.4' } });
    if (url.includes('/_search')) return send(200, { hits: { total: { value: 1 }, hits: [{ _index: 'movies', _id: '1', _source: { title: 'x', year: 1999 } }] } });
    if (url.endsWith('/authinfo')) return send(200, { user_name: 'admin', backend_roles: [], roles: ['all_access'], custom_attribute_names: [] });
    if (req.method === 'GET' && url.endsWith('/api/account')) return send(200, { user_name: 'admin', is_reserved: false, is_hidden: false, is_internal_user: true, backend_roles: [], custom_attribute_names: [], tenants: {}, roles: ['all_access'] });
    const named = /\/api\/(\w+)\/([^/?]+)$/.exec(url);
    if (req.method === 'GET' && named !== null) return send(200, { [decodeURIComponent(named[2] ?? '')]: STORED[named[1] ?? ''] ?? {} });
    if (req.method === 'GET') return send(200, {});
    return send(200, { status: 'OK', message: 'done' });
  });
});
/** What the stub holds for any name, by endpoint. */
const STORED: Record<string, unknown> = {
  internalusers: { backend_roles: [], attributes: {}, opendistro_security_roles: [], description: '' },
  roles: { cluster_permissions: [], index_permissions: [], tenant_permissions: [] },
  rolesmapping: { users: [], backend_roles: [], and_backend_roles: [], hosts: [] },
  actiongroups: { allowed_actions: ['read'], type: 'index' },
  tenants: { description: '' },
};
const rawClient = (): Client => new Client({ node: stubUrl, maxRetries: 0 });
const apiOptions = (): Record<string, unknown> => ({ prefix: '_plugins/_security', userShape: 'backend_roles', dialect: 'v2', conflictAttempts: 2, settleMs: 1, maxElapsedMs: 1000, signal: new AbortController().signal });
/** The stub's own refusals (a 100 KB name: 431) are the server's answer, typed by opensearch-js. */
const securityTyped = (e: unknown): boolean => e instanceof SecurityModelError || typedArgument(e) || e instanceof errors.ResponseError;

const securityCtorEntry: EntryPoint = {
  name: 'SecurityApi constructor',
  base: () => ({ client: rawClient(), options: apiOptions() }),
  run: (o) => {
    const { client, options } = (o ?? {}) as { client: never; options: never };
    return new SecurityApi(client, options);
  },
  check: (answer) => (answer instanceof SecurityApi ? undefined : 'not a SecurityApi'),
  optionFor: (p) => p.replace(/^options\.?/, ''),
  typed: securityTyped,
};

const ROLE = () => ({
  description: 'readers',
  cluster_permissions: ['cluster_composite_ops_ro'],
  index_permissions: [{ index_patterns: ['movies*'], allowed_actions: ['read'], dls: '{"term":{"year":1999}}', fls: ['~secret'], masked_fields: ['title'] }],
  tenant_permissions: [{ tenant_patterns: ['team-a'], allowed_actions: ['kibana_all_read'] }],
});
const METHOD_BASES: Record<string, [(api: SecurityApi, a: Record<string, unknown>) => Promise<unknown>, () => Record<string, unknown>]> = {
  'users.put': [(api, a) => api.users.put(a.name as never, a.body as never), () => ({ name: 'alice', body: { password: PASSWORD, backend_roles: ['r'], attributes: { team: 'a' }, description: 'd', opendistro_security_roles: ['readers'] } })],
  'users.ensure': [(api, a) => api.users.ensure(a.name as never, a.body as never, a.options as never), () => ({ name: 'alice', body: { password: PASSWORD, backend_roles: ['r'] }, options: { updatePassword: false } })],
  'roles.put': [(api, a) => api.roles.put(a.name as never, a.body as never), () => ({ name: 'readers', body: ROLE() })],
  'roleMappings.put': [(api, a) => api.roleMappings.put(a.name as never, a.body as never), () => ({ name: 'readers', body: { users: ['alice'], backend_roles: ['b'], and_backend_roles: ['c'], hosts: ['h'], description: 'd' } })],
  'actionGroups.put': [(api, a) => api.actionGroups.put(a.name as never, a.body as never), () => ({ name: 'ag', body: { allowed_actions: ['indices:data/read/*'], type: 'index', description: 'd' } })],
  'tenants.put': [(api, a) => api.tenants.put(a.name as never, a.body as never), () => ({ name: 'team-a', body: { description: 'd' } })],
  'roles.patch': [(api, a) => api.roles.patch(a.name as never, a.ops as never), () => ({ name: 'readers', ops: [{ op: 'replace', path: '/description', value: 'x' }] })],
  'users.patch': [(api, a) => api.users.patch(a.name as never, a.ops as never), () => ({ name: 'alice', ops: [{ op: 'replace', path: '/password', value: PASSWORD }] })],
  'roles.get': [(api, a) => api.roles.get(a.name as never), () => ({ name: 'readers' })],
  'users.delete': [(api, a) => api.users.delete(a.name as never), () => ({ name: 'alice' })],
  'roleMappings.addUsers': [(api, a) => api.roleMappings.addUsers(a.role as never, a.values as never), () => ({ role: 'readers', values: ['alice', 'bob'] })],
  'account.changePassword': [(api, a) => api.account.changePassword(a.currentPassword as never, a.newPassword as never), () => ({ currentPassword: PASSWORD, newPassword: SECRET_KEY })],
  plan: [(api, a) => api.plan(a.desired as never, a.options as never), () => ({
    desired: { roles: { readers: ROLE() }, users: { alice: { password: PASSWORD, backend_roles: ['r'] } }, roleMappings: { readers: { users: ['alice'] } }, tenants: { 'team-a': { description: 'd' } }, actionGroups: { ag: { allowed_actions: ['read'] } } },
    options: { prune: false, updatePasswords: true },
  })],
  apply: [(api, a) => api.apply(a.plan as never), () => ({ plan: {
    prefix: '_plugins/_security',
    ...Object.fromEntries(['actionGroups', 'tenants', 'roles', 'roleMappings', 'users'].map((kind) => [kind, {
      kind, created: kind === 'tenants' ? ['team-a'] : [], changed: [], unchanged: [], deleted: [], skipped: [],
      operations: kind === 'tenants' ? [{ op: 'add', path: '/team-a', value: { description: 'd' } }] : [],
    }])),
    empty: false,
    matches: false,
  } })],
};
const methodEntries: EntryPoint[] = Object.entries(METHOD_BASES).map(([name, [call, base]]) => ({
  name: `SecurityApi ${name}`,
  // a body is named by its resource (`users.attributes`), a patch list `operations`
  optionFor: (p) => p.replace(/^body/, name.split('.')[0] ?? 'body').replace(/^ops/, 'operations'),
  base,
  run: (o) => {
    const api = new SecurityApi(rawClient(), apiOptions() as never);
    return call(api, (o ?? {}) as Record<string, unknown>);
  },
  typed: securityTyped,
  secretPaths: [['body', 'password'], ['ops', 0, 'value'], ['currentPassword'], ['newPassword'], ['desired', 'users', 'alice', 'password']],
}));

const checkPermissionEntry: EntryPoint = {
  name: 'checkPermission',
  base: () => ({
    client: rawClient(),
    request: { method: 'POST', path: '/movies/_search', body: { query: { match_all: {} } } },
    options: {
      mode: 'local', pluginVersion: '2.19.4', roles: { readers: ROLE() }, actionGroups: {}, aliases: {},
      subject: { name: 'alice', roles: ['readers'], backendRoles: ['b'] }, doNotFailOnForbidden: false, clusterIndices: ['movies'],
    },
  }),
  run: (o) => {
    const { client, request, options } = (o ?? {}) as { client: never; request: never; options: never };
    return checkPermission(client, request, options);
  },
  typed: typedArgument,
  // without roles, mode 'local' needs the admin client to read them: "needs options.admin (or options.roles)"
  related: [['options.roles', 'options.admin']],
};

const compareEntry: EntryPoint = {
  name: 'compareAccess',
  base: () => ({ reference: rawClient(), subject: rawClient(), request: { index: 'movies', body: { query: { match_all: {} }, size: 10 } } }),
  run: (o) => {
    const { reference, subject, request } = (o ?? {}) as { reference: never; subject: never; request: never };
    return compareAccess(reference, subject, request);
  },
  optionFor: (p) => p.replace(/^reference/, 'referenceClient').replace(/^subject/, 'subjectClient'),
  typed: typedArgument,
};

const assertEntry: EntryPoint = {
  name: 'assertAccess',
  base: () => ({ response: { hits: { hits: [{ _index: 'movies', _id: '1', _source: { title: 'x' } }] } }, options: { allowUnverifiable: true } }),
  run: (o) => {
    const { response, options } = (o ?? {}) as { response: never; options: never };
    return assertAccess(response, { indices: [{ indexPatterns: ['movies'], rules: [{ fls: ['title'] }] }] }, options);
  },
  typed: (e) => typedArgument(e) || e instanceof AccessViolationError,
};

// ---------------------------------------------------------------------------------------------------------------
// The runs

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};
before(async () => {
  makePki();
  process.on('unhandledRejection', onUnhandled);
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
});
after(async () => {
  process.off('unhandledRejection', onUnhandled);
  stub.closeAllConnections();
  await new Promise<void>((resolve) => stub.close(() => resolve()));
  rmSync(pki.dir, { recursive: true, force: true });
});

/** FUZZ_SEED=a,b,c runs those seeds instead of the default two (each entry point runs its case count per seed). */
const SEEDS = process.env.FUZZ_SEED !== undefined ? process.env.FUZZ_SEED.split(',').map(Number) : [1, 2];
const ALL: Array<[EntryPoint, number]> = [
  ...clientEntries.map((e): [EntryPoint, number] => [e, 120]),
  ...envEntries.map((e): [EntryPoint, number] => [e, 120]),
  [retryEntry, 120], [deadlineEntry, 120], [maskEntry, 120], [securityCtorEntry, 120],
  ...methodEntries.map((e): [EntryPoint, number] => [e, 40]),
  [checkPermissionEntry, 100], [compareEntry, 80], [assertEntry, 60],
];
const VERIFY_ENTRIES: readonly EntryPoint[] = [compareEntry, assertEntry];

/** Runs `entries` and returns the failures (and prints the accepted mutations with FUZZ_REPORT=1). */
async function runAll(entries: ReadonlyArray<[EntryPoint, number]>): Promise<{ shown: string[]; cases: number }> {
  const failures: Failure[] = [];
  const accepted = new Map<string, Set<string>>();
  let cases = 0;
  for (const [entry, n] of entries) {
    for (const seed of SEEDS) {
      const out = await fuzz(entry, seed, n);
      cases += n;
      failures.push(...out.failures);
      const set = accepted.get(entry.name) ?? new Set<string>();
      for (const a of out.accepted) set.add(a);
      accepted.set(entry.name, set);
    }
  }
  if (process.env.FUZZ_REPORT === '1') {
    for (const [name, set] of accepted) console.log(`ACCEPTED ${name}: ${[...set].sort().join(' | ')}`);
  }
  return { shown: failures.map((f) => `${f.entry} seed ${f.seed} [${f.mutations}]: ${f.why}`), cases };
}

describe('hostile options, seeded', () => {
  test('every case answers or throws the typed error naming the option, with no secret in it', async () => {
    const { shown, cases } = await runAll(ALL.filter(([e]) => !VERIFY_ENTRIES.includes(e)));
    assert.deepEqual(shown, [], `${shown.length} of ${cases} cases failed`);
    assert.deepEqual(unhandled.map((r) => String(r)), []);
  });

  // compareAccess reads its clients' search() and its request once (a throwing getter or Proxy is a ConfigError naming
  // it), and refuses a request JSON cannot carry (a BigInt in request.body failed inside opensearch-js)
  test('compareAccess and assertAccess arguments', async () => {
    const { shown, cases } = await runAll(ALL.filter(([e]) => VERIFY_ENTRIES.includes(e)));
    assert.deepEqual(shown, [], `${shown.length} of ${cases} cases failed`);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Focused regressions of the defect classes the seeded run found (each failed before its fix)

const isConfig = (option: string) => (e: unknown): boolean => {
  assert.ok(e instanceof ConfigError, `expected ConfigError ${option}, got ${inspect(e)}`);
  assert.equal(e.option, option, e.message);
  assert.ok(e.message.includes(option), e.message);
  assert.equal(leakedSecret(e), undefined, e.message);
  return true;
};
const throwingProxy = (): never => new Proxy({}, { get: thrower, ownKeys: thrower, has: thrower, getOwnPropertyDescriptor: thrower, getPrototypeOf: thrower }) as never;

describe('options-hostile-fuzz regressions', () => {
  test('runWithRetry: ctx is read once and checked (no raw TypeError, no thrown text, no silent NaN clock)', async () => {
    const ok = async (): Promise<string> => 'ok';
    await assert.rejects(runWithRetry(ok, { method: 7 as never, path: '/' }), isConfig('ctx.method'));
    await assert.rejects(runWithRetry(ok, Object.defineProperty({ path: '/' }, 'method', { get: thrower, enumerable: true }) as never), isConfig('ctx.method'));
    await assert.rejects(runWithRetry(ok, { method: 'GET', path: '/', startedAt: Number.NaN }), isConfig('ctx.startedAt'));
    await assert.rejects(runWithRetry(ok, { method: 'GET', path: '/', startedat: 1 } as never), isConfig('ctx.startedat'));
    await assert.rejects(runWithRetry(ok, { method: 'GET', path: '/' }, Object.defineProperty({}, 'retries', { get: thrower, enumerable: true })), isConfig('retry.retries'));
    assert.equal(await runWithRetry(ok, { method: 'GET', path: '/', startedAt: performance.now() }), 'ok');
  });

  test('SecurityApi: a throwing argument, client or option is a ConfigError naming it; a Map is no options; a BigInt is refused', async () => {
    assert.throws(() => new SecurityApi(throwingProxy()), isConfig('client'));
    assert.throws(() => new SecurityApi(rawClient(), new Map([['prefix', '_plugins/_security']]) as never), isConfig('options'));
    const api = new SecurityApi(rawClient(), apiOptions() as never);
    await assert.rejects(api.users.put(throwingProxy(), { password: PASSWORD }), isConfig('name'));
    await assert.rejects(api.account.changePassword(PASSWORD, throwingProxy()), isConfig('newPassword'));
    await assert.rejects(api.roles.put('r', { description: throwingProxy() } as never), isConfig('roles.description'));
    await assert.rejects(api.plan(throwingProxy()), isConfig('desired'));
    await assert.rejects(api.apply(throwingProxy()), isConfig('plan'));
    await assert.rejects(api.account.changePassword(10n as never, PASSWORD), isConfig('currentPassword'));
  });

  test('SecurityApi: a refusal quoting a value never shows a password the same call carries', async () => {
    const api = new SecurityApi(rawClient(), apiOptions() as never);
    const refused = (e: unknown): boolean => {
      assert.ok(e instanceof SecurityModelError, inspect(e));
      assert.equal(leakedSecret(e, [PASSWORD]), undefined, e.message);
      return true;
    };
    await assert.rejects(api.users.put('alice', { password: PASSWORD, backend_roles: PASSWORD as never }), refused);
    await assert.rejects(api.plan({ users: { alice: { password: PASSWORD } }, actionGroups: { ag: { allowed_actions: PASSWORD as never } } }), refused);
  });

  test('checkPermission: a throwing client, request or option is a ConfigError naming it', async () => {
    await assert.rejects(checkPermission(throwingProxy(), { method: 'GET', path: '/' }), isConfig('client'));
    await assert.rejects(checkPermission(rawClient(), Object.defineProperty({ path: '/' }, 'method', { get: thrower, enumerable: true }) as never), isConfig('request.method'));
    await assert.rejects(checkPermission(rawClient(), { method: 'GET', path: '/' }, { admin: throwingProxy() }), isConfig('options.admin'));
  });

  test('mTLS: a certificate that is not PEM beside an encrypted key is blamed on ssl.cert, not on the passphrase', () => {
    for (const cert of ['x', ' ', 'a'.repeat(1000)]) {
      assert.throws(() => createClient({ node: DOMAIN, auth: { mode: 'none' }, ssl: { cert, key: pki.key, passphrase: PASSPHRASE } }), isConfig('ssl.cert'));
    }
    assert.throws(() => createClient({ node: DOMAIN, auth: { mode: 'none' }, ssl: { cert: pki.cert, key: pki.key, passphrase: 'wrong-passphrase' } }), isConfig('ssl.passphrase'));
    assert.ok(createClient({ node: DOMAIN, auth: { mode: 'none' }, ssl: { cert: pki.cert, key: pki.key, passphrase: PASSPHRASE } }) instanceof Client);
  });

  test('fromEnv hands back only options createClient takes: the TLS variables are checked as a whole too', () => {
    const env = { OPENSEARCH_URL: 'https://localhost:9200', OPENSEARCH_AUTH: 'none' };
    assert.throws(() => fromEnv({ ...env, OPENSEARCH_KEY_PASSPHRASE: PASSPHRASE }), isConfig('OPENSEARCH_KEY_PASSPHRASE'));
    assert.throws(() => fromEnv({ ...env, OPENSEARCH_CERT_FILE: pki.certFile, OPENSEARCH_KEY_FILE: pki.keyFile, OPENSEARCH_KEY_PASSPHRASE: 'wrong-passphrase' }), isConfig('OPENSEARCH_KEY_PASSPHRASE'));
    const options = fromEnv({ ...env, OPENSEARCH_CA_FILE: pki.caFile, OPENSEARCH_CERT_FILE: pki.certFile, OPENSEARCH_KEY_FILE: pki.keyFile, OPENSEARCH_KEY_PASSPHRASE: PASSPHRASE });
    assert.ok(createClient(options) instanceof Client);
  });

  test('apply and patch: refusals of the operations name them in their message', async () => {
    const api = new SecurityApi(rawClient(), apiOptions() as never);
    const plan = structuredCloneLoose(METHOD_BASES.apply![1]().plan) as Record<string, { operations: unknown }>;
    plan.roles!.operations = 'x';
    await assert.rejects(api.apply(plan as never), isConfig('plan.roles.operations'));
    plan.roles!.operations = ['x'];
    await assert.rejects(api.apply(plan as never), isConfig('plan.roles.operations[0]'));
    await assert.rejects(api.roles.patch('r', 'x' as never), isConfig('operations'));
    await assert.rejects(api.roles.patch('r', [{ op: 'add', path: 'no-slash', value: 1 }] as never), (e: unknown) => e instanceof RangeError && /^operations\[0\]\.path: /.test(e.message));
  });
});
