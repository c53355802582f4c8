/**
 * Seeded property check of what a client made by `createClient` promises about retries, time and
 * lifecycle, against hostile loopback servers (README "Options" `retry`, "Errors" the retry policy,
 * "Guarantees" "Time is bounded", "Response bodies are bounded", and the secrets bullet's events/onRetry).
 *
 * Each seed draws a request (GET/HEAD, POST _search, PUT a document by id, POST _doc without id, POST
 * _bulk, DELETE a document, POST _update), retry options (retries 0-4, tiny delays, sometimes a small
 * maxElapsedMs, retryUnsafeWrites), a script of the server's answer to each attempt (200/201, a 3xx,
 * 4xx, 429 with Retry-After in seconds / HTTP-date / garbage / huge, 5xx with OpenSearch's own body or a
 * proxy's page, a reset before or after reading the request body, half an answer then a reset, a trickle,
 * no answer, a corrupt gzip body), the call style (promise or callback), and sometimes a per-call
 * abort(), an abort of a shared retry.signal, or client.close() at a random point (a timer, the server
 * receiving attempt n, or an onRetry call). Sends are counted on the client ('request' events) and on
 * the server (requests whose headers it read).
 *
 * Invariants (the oracle follows README, not src/retry/decision.ts):
 *  I1 every call settles exactly once (a callback is called once), close() settles, and nothing escapes
 *     as an unhandled rejection, an uncaught exception or console output during the run.
 *  I2 sends <= retries + 1 (client and server); each re-send follows an answer the policy may repeat:
 *     429 and OpenSearch's own 503 always; 502, 504, a proxy's 503, a reset, a cut or corrupt answer and a
 *     timeout only when the request is safe to repeat (GET, HEAD, POST _search, PUT replacing a document)
 *     or retryUnsafeWrites is set; never another 4xx, a 2xx or a 3xx. Without abort/close and with time
 *     to spare, the number of sends is exactly what the policy gives.
 *  I3 a Retry-After longer than maxDelayMs ends the call with that error and its retryAfterMs, never a
 *     re-send; a shorter one is waited for (the server sees the re-send no earlier than it asked).
 *  I4 a success's meta.attempts is sends - 1 (as opensearch-js counts) and a response error's `attempts`
 *     is the sends; a failure is typed: the answer's status decides the class and kind (429 throttled,
 *     502-504 unavailable, 401 unauthorized, 403 security_exception, 404 index_not_found, other 4xx a
 *     plain ResponseError), a reset / cut / corrupt body is a ConnectionError, a stall a TimeoutError.
 *  I5 no send after close() is called or after abort; an abort before the call settled ends it with
 *     RequestAbortedError; a call made after close() is refused unsent (NoLivingConnectionsError); no abort
 *     listener is left on a retry.signal (the per-seed one, and one signal shared by every seed's client).
 *  I6 onRetry is called once per re-send (sends - 1; one more only when an abort or close() ended its
 *     back-off) with `attempt` counting up from 1; no payload, error, or client event error holds the
 *     basic password or its Authorization value in JSON, String, stack or util.inspect, whatever the
 *     server echoed.
 *  I7 text never decides: each seed without abort/close runs twice, with hostile words (ExpiredToken,
 *     security_exception, "The security token included in the request is expired", Retry-After, the
 *     password...) inside document-like text (error reasons, caused_by, proxy pages, _source) and with
 *     neutral text of the same length; outcome, class, kind and sends agree.
 *
 * Seeds 0-299 by default, or a share of them (FGAC_FUZZ_SHARE); H1_SEED_BASE / H1_SEEDS pick another range when
 * exploring. A warm-up runs first, one case at a time, so module loading on the first retry, error and gzip answer does not stall the concurrent seeds.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { getEventListeners } from 'node:events';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { gzipSync } from 'node:zlib';
import { errors, type Client } from '@opensearch-project/opensearch';
import type { ApiResponse } from '@opensearch-project/opensearch';
import { createClient } from '../../src/client/create-client.js';
import { FgacResponseError } from '../../src/errors/classes.js';
import type { RetryInfo } from '../../src/retry/index.js';
import { Rng } from '../support/seeded-rng.js';
import { shareSeeds, takesAllCases } from '../support/fuzz-share.js';

const USER = 'h1fuzz';
const PASSWORD = 'H1fuzzPw9Xq27LmZk3Vb';
const AUTH_VALUE = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
const SECRETS = [PASSWORD, AUTH_VALUE, encodeURIComponent(`${USER}:${PASSWORD}`)];

// ---------------------------------------------------------------------------------------------
// PRNG


// ---------------------------------------------------------------------------------------------
// Requests

interface Op {
  name: string;
  method: string;
  path: string;
  body?: Record<string, unknown>;
  bulkBody?: Array<Record<string, unknown>>;
  /** Safe to repeat per README: reads, read-only POSTs, PUTs that replace. */
  safe: boolean;
}

const OPS: readonly Op[] = [
  { name: 'GET _search', method: 'GET', path: '/h1-idx/_search', safe: true },
  { name: 'HEAD index', method: 'HEAD', path: '/h1-idx', safe: true },
  { name: 'POST _search', method: 'POST', path: '/h1-idx/_search', body: { query: { match_all: {} } }, safe: true },
  { name: 'PUT doc', method: 'PUT', path: '/h1-idx/_doc/d1', body: { a: 1 }, safe: true },
  { name: 'POST _doc', method: 'POST', path: '/h1-idx/_doc', body: { a: 1 }, safe: false },
  { name: 'POST _bulk', method: 'POST', path: '/_bulk', bulkBody: [{ index: { _index: 'h1-idx' } }, { a: 1 }], safe: false },
  { name: 'DELETE doc', method: 'DELETE', path: '/h1-idx/_doc/d1', safe: false },
  { name: 'POST _update', method: 'POST', path: '/h1-idx/_update/d1', body: { doc: { a: 2 } }, safe: false },
];

// ---------------------------------------------------------------------------------------------
// Server scripts

type RetryAfter =
  | { form: 'seconds'; value: string; ms: number }
  | { form: 'date'; offsetS: number }
  | { form: 'garbage'; value: string };

type Act =
  | { t: 'ok'; status: 200 | 201 }
  | { t: 'redirect'; status: 301 | 302 | 307 }
  | { t: '4xx'; status: 400 | 401 | 403 | 404 | 409 }
  | { t: '429'; ra: RetryAfter | undefined }
  | { t: '5xx'; status: 502 | 503 | 504; own: boolean; ra: RetryAfter | undefined; pageAsJson?: boolean }
  | { t: 'slowOk' | 'gzipOk'; delayMs: number }
  | { t: 'badJson2xx' }
  | { t: 'resetBeforeBody' | 'resetAfterBody' | 'halfReset' | 'trickle' | 'hang' | 'gzipCorrupt' | 'closeNoAnswer' };

type TextMode = 'hostile' | 'neutral';

const HOSTILE = [
  'ExpiredToken', 'ExpiredTokenException', 'security_exception', 'The security token included in the request is expired',
  'The security token included in the request is invalid', 'ThrottlingException', 'Retry-After: 3600', 'Security not initialized',
  'no permissions for [indices:data/read/search] and User [name=admin, backend_roles=[], requestedTenant=null]',
  'SignatureDoesNotMatch', 'Authentication finally failed', 'index_not_found_exception', 'ECONNRESET socket hang up',
  `password=${PASSWORD}`, `Authorization: Basic ${AUTH_VALUE}`, `"password":"${PASSWORD}"`,
];

function text(mode: TextMode, s: string): string {
  return mode === 'hostile' ? s : 'n'.repeat(s.length);
}

function retryAfterOf(r: Rng, maxDelayMs: number): RetryAfter | undefined {
  const roll = r.int(0, 9);
  if (roll <= 2) return undefined;
  if (roll <= 4) return r.pick([{ form: 'seconds', value: '0', ms: 0 }, { form: 'seconds', value: '3600', ms: 3_600_000 }, { form: 'seconds', value: '86400', ms: 86_400_000 }] as const);
  if (roll === 5 && maxDelayMs >= 1500) return { form: 'seconds', value: '1', ms: 1000 };
  if (roll <= 6) return { form: 'date', offsetS: r.pick(maxDelayMs >= 1500 ? [-30, 1, 86_400] : [-30, 86_400]) };
  return { form: 'garbage', value: r.pick(['soon', '-1', '1e3', 'Fri, 99 Foo 2026 00:00:00 GMT', '  ', '0x10', '1,5', 'NaN']) };
}

function actOf(r: Rng, maxDelayMs: number): Act {
  const roll = r.int(0, 99);
  if (roll < 10) return { t: 'ok', status: r.pick([200, 201] as const) };
  if (roll < 16) return { t: r.pick(['slowOk', 'gzipOk'] as const), delayMs: r.int(0, 60) };
  if (roll < 18) return { t: 'badJson2xx' };
  if (roll < 20) return { t: 'redirect', status: r.pick([301, 302, 307] as const) };
  if (roll < 29) return { t: '4xx', status: r.pick([400, 401, 403, 404, 409] as const) };
  if (roll < 41) return { t: '429', ra: retryAfterOf(r, maxDelayMs) };
  if (roll < 58) return { t: '5xx', status: r.pick([502, 503, 503, 504] as const), own: r.chance(0.5), ra: retryAfterOf(r, maxDelayMs), pageAsJson: r.chance(0.3) };
  return { t: r.pick(['resetBeforeBody', 'resetAfterBody', 'halfReset', 'trickle', 'hang', 'gzipCorrupt', 'closeNoAnswer'] as const) };
}

/** The absolute time (Date.now) from which the server's Retry-After allows a re-send, when it names one. */
function retryAfterHeader(ra: RetryAfter | undefined, now: number): { value: string; notBefore: number | undefined; ms: number | undefined } | undefined {
  if (ra === undefined) return undefined;
  if (ra.form === 'seconds') return { value: ra.value, notBefore: now + ra.ms, ms: ra.ms };
  if (ra.form === 'garbage') return { value: ra.value, notBefore: undefined, ms: undefined };
  const at = Math.floor((now + ra.offsetS * 1000) / 1000) * 1000;
  return { value: new Date(at).toUTCString(), notBefore: Math.max(now, at), ms: Math.max(0, at - now) };
}

// ---------------------------------------------------------------------------------------------
// The oracle

type Expect =
  | { outcome: 'success'; status: number }
  | { outcome: 'response'; status: number; kind: string | undefined; cls: string }
  | { outcome: 'connection' }
  | { outcome: 'deserialization' }
  | { outcome: 'timeout' };

/** What the answer `act` to `op` gives the caller (README "Errors" table and the Guarantees). */
function expectOf(op: Op, act: Act): Expect {
  const head = op.method === 'HEAD';
  switch (act.t) {
    case 'ok':
    case 'redirect':
      return { outcome: 'success', status: act.status };
    case 'slowOk':
    case 'gzipOk':
      return { outcome: 'success', status: 200 };
    case 'badJson2xx':
      // the request ran; its answer is unreadable (a HEAD answer has no body to read)
      return head ? { outcome: 'success', status: 200 } : { outcome: 'deserialization' };
    case '4xx': {
      if (head && act.status === 404) return { outcome: 'success', status: 404 };
      const byStatus: Record<number, [string | undefined, string]> = head
        ? { 400: [undefined, 'ResponseError'], 401: ['unauthorized', 'UnauthorizedError'], 403: ['forbidden', 'ForbiddenError'], 409: [undefined, 'ResponseError'] }
        : { 400: [undefined, 'ResponseError'], 401: ['unauthorized', 'UnauthorizedError'], 403: ['security_exception', 'SecurityExceptionError'], 404: ['index_not_found', 'IndexNotFoundError'], 409: [undefined, 'ResponseError'] };
      const [kind, cls] = byStatus[act.status] as [string | undefined, string];
      return { outcome: 'response', status: act.status, kind, cls };
    }
    case '429':
      return { outcome: 'response', status: 429, kind: 'throttled', cls: 'ThrottledError' };
    case '5xx':
      return { outcome: 'response', status: act.status, kind: 'unavailable', cls: 'ServiceUnavailableError' };
    case 'halfReset':
    case 'gzipCorrupt':
      // a HEAD answer has no body: its headers are the whole answer
      return head ? { outcome: 'success', status: 200 } : { outcome: 'connection' };
    case 'trickle':
      return head ? { outcome: 'success', status: 200 } : { outcome: 'timeout' };
    case 'hang':
      return { outcome: 'timeout' };
    default:
      return { outcome: 'connection' };
  }
}

/** Whether the policy may re-send after `act` (README: the retry policy paragraph); `raMs` is the Retry-After it carried. */
function mayRepeat(op: Op, act: Act, raMs: number | undefined, o: { retryUnsafeWrites: boolean; maxDelayMs: number }): boolean {
  const e = expectOf(op, act);
  if (e.outcome === 'success' || e.outcome === 'deserialization') return false;
  const safe = op.safe || o.retryUnsafeWrites;
  if (raMs !== undefined && raMs > o.maxDelayMs) return false;
  if (act.t === '429') return true;
  if (act.t === '5xx') return (act.status === 503 && act.own && act.pageAsJson !== true) || safe;
  if (act.t === '4xx') return false;
  return safe;
}

// ---------------------------------------------------------------------------------------------
// A case

type Ctl =
  | { t: 'none' }
  | { t: 'abortCall' | 'abortSignal' | 'close'; when: { at: 'ms'; ms: number } | { at: 'recv'; n: number } | { at: 'onRetry'; n: number } };

interface Case {
  seed: number;
  op: Op;
  retries: number;
  minDelayMs: number;
  maxDelayMs: number;
  maxElapsedMs: number | undefined;
  retryUnsafeWrites: boolean;
  requestTimeoutMs: number;
  acts: Act[];
  ctl: Ctl;
  callbackStyle: boolean;
  sharedSignal: boolean;
  afterClose: boolean;
  /** onRetry throws (its errors are ignored). */
  onRetryThrows: boolean;
  /** A per-call maxRetries, which replaces retry.retries for the call. */
  callMaxRetries: number | undefined;
  /** A second call on the same client (answered 200 after a short delay) runs beside it. */
  companion: boolean;
  texts: string[];
}

function caseOf(seed: number): Case {
  const r = new Rng(seed * 7919 + 17);
  const op = r.pick(OPS);
  const maxDelayMs = r.chance(0.1) ? 1500 : r.pick([2, 5, 20, 50]);
  const minDelayMs = Math.min(maxDelayMs, r.pick([0, 1, 2, 5]));
  const acts: Act[] = [];
  for (let i = 0; i < 5; i++) acts.push(actOf(r, maxDelayMs));
  const roll = r.int(0, 99);
  let ctl: Ctl = { t: 'none' };
  if (roll >= 60) {
    const t = roll < 73 ? 'abortCall' : roll < 86 ? 'abortSignal' : 'close';
    const w = r.int(0, 2);
    const when = w === 0 ? { at: 'ms' as const, ms: r.int(0, 250) } : w === 1 ? { at: 'recv' as const, n: r.int(1, 3) } : { at: 'onRetry' as const, n: r.int(1, 2) };
    ctl = { t, when };
  }
  return {
    seed,
    op,
    retries: r.int(0, 4),
    minDelayMs,
    maxDelayMs,
    maxElapsedMs: r.chance(0.2) ? r.pick([1, 30, 120, 400]) : undefined,
    retryUnsafeWrites: r.chance(0.3),
    requestTimeoutMs: r.pick([250, 400]),
    acts,
    ctl,
    callbackStyle: r.chance(0.25),
    sharedSignal: ctl.t !== 'abortSignal' && r.chance(0.4),
    afterClose: r.chance(0.3),
    onRetryThrows: r.chance(0.2),
    callMaxRetries: r.chance(0.15) ? r.int(0, 3) : undefined,
    companion: r.chance(0.3),
    texts: [r.pick(HOSTILE), r.pick(HOSTILE), r.pick(HOSTILE)],
  };
}

interface ServerLog {
  /** Requests whose headers the server read, in order: the time and the earliest re-send its answer allowed. */
  received: Array<{ at: number; notBefore?: number; raMs?: number }>;
}

function describeAct(act: Act): string {
  return JSON.stringify(act);
}

/** Answers request `n` (0-based) of a case per its script. */
function serve(c: Case, mode: TextMode, req: http.IncomingMessage, res: http.ServerResponse, n: number, log: ServerLog): void {
  const act: Act = c.acts[n] ?? { t: 'ok', status: 200 };
  const entry = log.received[n] as ServerLog['received'][number];
  const [t0, t1, t2] = c.texts.map((s) => text(mode, s)) as [string, string, string];
  const osError = (status: number, type: string, reason: string): string =>
    JSON.stringify({ error: { root_cause: [{ type, reason }], type, reason, caused_by: { type: 'illegal_argument_exception', reason: `document [${t1}] said ${t2}` } }, status });
  const page = (status: number): string => `<html><head><title>${status} Bad Gateway</title></head><body><h1>${status}</h1><pre>${t0} ${t1}</pre><p>${t2}</p></body></html>`;
  const json = (status: number, body: string, extra: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...extra });
    res.end(body);
  };
  const readThen = (then: () => void): void => {
    req.on('end', then);
    req.resume();
  };
  const ra = (r: RetryAfter | undefined): Record<string, string> => {
    const h = retryAfterHeader(r, Date.now());
    if (h === undefined) return {};
    if (h.notBefore !== undefined) entry.notBefore = h.notBefore;
    if (h.ms !== undefined) entry.raMs = h.ms;
    return { 'retry-after': h.value };
  };
  switch (act.t) {
    case 'ok':
      return readThen(() => json(act.status, JSON.stringify({ took: 1, errors: false, items: [], result: 'updated', hits: { hits: [{ _id: 'x', _source: { note: t0, more: t1 } }] } })));
    case 'redirect':
      return readThen(() => json(act.status, JSON.stringify({ error: `moved: ${t0}` }), { location: 'http://127.0.0.1:1/elsewhere' }));
    case '4xx':
      return readThen(() => {
        if (act.status === 401) {
          res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Basic realm="OpenSearch Security"' });
          res.end('Unauthorized');
        } else if (act.status === 403) {
          json(403, osError(403, 'security_exception', `no permissions for [indices:data/read/search] and User [name=${USER}, backend_roles=[], requestedTenant=null]`));
        } else if (act.status === 404) {
          json(404, osError(404, 'index_not_found_exception', `no such index [h1-idx]`));
        } else if (act.status === 409) {
          json(409, osError(409, 'version_conflict_engine_exception', `[d1]: version conflict, ${t0}`));
        } else {
          json(400, osError(400, 'mapper_parsing_exception', `failed to parse field [note] of type [text] in document with id 'd1'. Preview of field's value: '${t0}'`));
        }
      });
    case '429':
      return readThen(() => json(429, osError(429, 'rejected_execution_exception', `rejected execution of ${t0}`), ra(act.ra)));
    case '5xx':
      return readThen(() => {
        const headers = ra(act.ra);
        if (act.own && act.pageAsJson !== true) json(act.status, osError(act.status, 'unavailable_shards_exception', `primary shard is not active: ${t0}`), headers);
        else {
          const body = page(act.status);
          res.writeHead(act.status, { 'content-type': act.pageAsJson === true ? 'application/json' : 'text/html', 'content-length': Buffer.byteLength(body), ...headers });
          res.end(body);
        }
      });
    case 'slowOk':
    case 'gzipOk':
      return readThen(() => {
        const raw = Buffer.from(JSON.stringify({ took: 1, errors: false, items: [], result: 'updated', hits: { hits: [{ _source: { note: t0 } }] }, pad: 'p'.repeat(300) }));
        const body = act.t === 'gzipOk' ? gzipSync(raw) : raw;
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length, ...(act.t === 'gzipOk' ? { 'content-encoding': 'gzip' } : {}) });
        res.flushHeaders();
        const cut = body.length >> 1;
        res.write(body.subarray(0, cut));
        setTimeout(() => {
          if (!res.destroyed) res.end(body.subarray(cut));
        }, act.delayMs);
      });
    case 'badJson2xx':
      return readThen(() => json(200, `{"hits": {"note": "${t0}"`));
    case 'closeNoAnswer':
      return readThen(() => req.socket.end());
    case 'resetBeforeBody':
      req.socket.resetAndDestroy();
      return;
    case 'resetAfterBody':
      return readThen(() => req.socket.resetAndDestroy());
    case 'halfReset':
      return readThen(() => {
        const body = JSON.stringify({ hits: { hits: [{ _source: { note: t0 } }] }, padding: 'x'.repeat(200) });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.flushHeaders();
        res.write(body.slice(0, body.length >> 1), () => setTimeout(() => req.socket.resetAndDestroy(), 5));
      });
    case 'trickle':
      return readThen(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.flushHeaders();
        const timer = setInterval(() => {
          if (res.destroyed) clearInterval(timer);
          else res.write(' ');
        }, 40);
        res.on('close', () => clearInterval(timer));
      });
    case 'hang':
      return readThen(() => undefined);
    case 'gzipCorrupt':
      return readThen(() => {
        const body = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.from(`not gzip ${t0}`)]);
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': body.length });
        res.end(body);
      });
  }
}

// ---------------------------------------------------------------------------------------------
// Observations

/** Set during a run: what escaped. */
const escaped: string[] = [];
const SHARED = new AbortController();

interface Outcome {
  kind: 'success' | 'error' | 'unsettled';
  value?: ApiResponse;
  error?: unknown;
}

interface Run {
  outcome: Outcome;
  clientSends: number;
  serverReceived: ServerLog['received'];
  onRetry: RetryInfo[];
  settles: number;
  /** Client sends when the abort or close() was made, and whether the call had settled then. */
  ctlAt: { sends: number; settled: boolean } | undefined;
  sendsAfterCtl: number;
  closeSettled: boolean;
  afterCloseError: unknown;
  afterCloseSends: number;
  seedSignalListeners: number;
  eventErrors: unknown[];
  /** The companion call's status, or what it failed with. */
  companion?: unknown;
  companionReceived?: number;
}

function classOf(e: unknown): string {
  return (e as { constructor?: { name?: string } } | null)?.constructor?.name ?? typeof e;
}

function renderings(value: unknown): string[] {
  const out: string[] = [];
  const add = (f: () => string): void => {
    try {
      out.push(f());
    } catch (error) {
      out.push(`[threw ${String(error)}]`);
    }
  };
  add(() => inspect(value, { depth: 8, showHidden: false }));
  add(() => JSON.stringify(value) ?? '');
  add(() => String(value));
  if (value instanceof Error) add(() => value.stack ?? '');
  return out;
}

function leaks(value: unknown): string | undefined {
  for (const r of renderings(value)) for (const s of SECRETS) if (r.includes(s)) return `${s} in ${r.slice(Math.max(0, r.indexOf(s) - 120), r.indexOf(s) + 40)}`;
  return undefined;
}

const sleepMs = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function runCase(c: Case, mode: TextMode): Promise<Run> {
  const log: ServerLog = { received: [] };
  let companionReceived = 0;
  let trigger: ((where: 'recv' | 'onRetry', n: number) => void) | undefined;
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith('/h1-companion') === true) {
      companionReceived++;
      req.resume();
      req.on('end', () => setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"companion":true}');
      }, 20 + (c.seed % 40)));
      return;
    }
    const n = log.received.push({ at: Date.now() }) - 1;
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    trigger?.('recv', n + 1);
    serve(c, mode, req, res, n, log);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const seedSignal = new AbortController();
  const onRetry: RetryInfo[] = [];
  const signal = c.ctl.t === 'abortSignal' ? seedSignal.signal : c.sharedSignal ? SHARED.signal : undefined;
  const client: Client = createClient({
    node: url,
    auth: { mode: 'basic', username: USER, password: PASSWORD },
    requestTimeoutMs: c.requestTimeoutMs,
    retry: {
      retries: c.retries,
      minDelayMs: c.minDelayMs,
      maxDelayMs: c.maxDelayMs,
      ...(c.maxElapsedMs !== undefined ? { maxElapsedMs: c.maxElapsedMs } : {}),
      retryUnsafeWrites: c.retryUnsafeWrites,
      onRetry: (info) => {
        if (info.path.startsWith('/h1-companion')) return;
        onRetry.push(info);
        trigger?.('onRetry', onRetry.length);
        if (c.onRetryThrows) throw new Error(`onRetry threw ${PASSWORD}`);
      },
      ...(signal !== undefined ? { signal } : {}),
    },
  });
  let clientSends = 0;
  const eventErrors: unknown[] = [];
  client.on('request', (_err: unknown, result: { meta?: { request?: { params?: { path?: unknown } } } } | null) => {
    if (String(result?.meta?.request?.params?.path ?? '').startsWith('/h1-companion')) return;
    clientSends++;
  });
  client.on('response', (err: unknown) => {
    if (err !== null) eventErrors.push(err);
  });

  const run: Run = {
    outcome: { kind: 'unsettled' }, clientSends: 0, serverReceived: log.received, onRetry, settles: 0, ctlAt: undefined,
    sendsAfterCtl: 0, closeSettled: false, afterCloseError: undefined, afterCloseSends: 0, seedSignalListeners: 0, eventErrors,
  };
  let settled = false;
  let handle: { abort(): unknown } | undefined;
  let closing: Promise<void> | undefined;
  const params = { method: c.op.method, path: c.op.path, ...(c.op.body !== undefined ? { body: c.op.body } : {}), ...(c.op.bulkBody !== undefined ? { bulkBody: c.op.bulkBody } : {}) };
  const callOptions = c.callMaxRetries !== undefined ? { maxRetries: c.callMaxRetries } : {};
  const companion = c.companion
    ? client.transport.request({ method: 'GET', path: '/h1-companion/_search' }).then((r) => r.statusCode, (e: unknown) => e)
    : undefined;
  const doCtl = (): void => {
    if (run.ctlAt !== undefined || c.ctl.t === 'none') return;
    run.ctlAt = { sends: clientSends, settled };
    if (c.ctl.t === 'abortCall') handle?.abort();
    else if (c.ctl.t === 'abortSignal') seedSignal.abort();
    else closing = client.close().then(() => void (run.closeSettled = true));
  };
  const when = c.ctl.t === 'none' ? undefined : c.ctl.when;
  if (when !== undefined && when.at !== 'ms') {
    trigger = (where, n) => {
      if (where === when.at && n === when.n) doCtl();
    };
  }
  const done = new Promise<void>((resolve) => {
    const settle = (o: Outcome): void => {
      run.settles++;
      if (settled) return;
      settled = true;
      run.outcome = o;
      resolve();
    };
    if (c.callbackStyle) {
      handle = client.transport.request(params, callOptions, (err, result) => (err === null ? settle({ kind: 'success', value: result }) : settle({ kind: 'error', error: err })));
    } else {
      const p = client.transport.request(params, callOptions);
      handle = p;
      p.then((value) => settle({ kind: 'success', value }), (error: unknown) => settle({ kind: 'error', error }));
    }
  });
  const timer = when?.at === 'ms' ? setTimeout(doCtl, when.ms) : undefined;
  const watchdog = sleepMs(15_000).then(() => 'watchdog' as const);
  const raced = await Promise.race([done.then(() => 'done' as const), watchdog]);
  clearTimeout(timer);
  // a control drawn for a point the call never reached is applied after it settled (close() must still work)
  if (raced === 'done' && c.ctl.t !== 'none' && run.ctlAt === undefined) doCtl();
  run.clientSends = clientSends;
  if (companion !== undefined) {
    run.companion = await Promise.race([companion, sleepMs(10_000).then(() => 'hung')]);
    run.companionReceived = companionReceived;
  }
  if (c.ctl.t === 'close' || c.afterClose) {
    closing ??= client.close().then(() => void (run.closeSettled = true));
    await Promise.race([closing, sleepMs(10_000)]);
    if (c.afterClose) {
      const before = clientSends;
      run.afterCloseError = await Promise.race([client.transport.request({ method: 'GET', path: '/h1-idx/_search' }).then(() => 'resolved', (e: unknown) => e), sleepMs(5_000).then(() => 'hung')]);
      run.afterCloseSends = clientSends - before;
    }
  } else {
    await client.close();
    run.closeSettled = true;
  }
  // late sends or a second settle show up a moment after
  await sleepMs(30);
  run.sendsAfterCtl = run.ctlAt === undefined ? 0 : clientSends - run.ctlAt.sends;
  run.clientSends = Math.max(run.clientSends, clientSends);
  run.seedSignalListeners = getEventListeners(seedSignal.signal, 'abort').length;
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  return run;
}

// ---------------------------------------------------------------------------------------------
// Checks

/** The retries of the call: a per-call maxRetries replaces retry.retries. */
function retriesOf(c: Case): number {
  return c.callMaxRetries ?? c.retries;
}

function expectedSends(c: Case, received: ServerLog['received']): number {
  const o = { retryUnsafeWrites: c.retryUnsafeWrites, maxDelayMs: c.maxDelayMs };
  let sends = 1;
  for (let k = 0; k < retriesOf(c); k++) {
    const act = c.acts[k] ?? { t: 'ok', status: 200 };
    if (!mayRepeat(c.op, act, raMsOf(act, received[k]), o)) break;
    sends++;
  }
  return sends;
}

function raMsOf(act: Act, seen: ServerLog['received'][number] | undefined): number | undefined {
  if (seen?.raMs !== undefined) return seen.raMs;
  const ra = act.t === '429' || act.t === '5xx' ? act.ra : undefined;
  if (ra === undefined || ra.form === 'garbage') return undefined;
  return ra.form === 'seconds' ? ra.ms : ra.offsetS <= 0 ? 0 : ra.offsetS * 1000;
}

function matches(e: Expect, outcome: Outcome): string | undefined {
  if (e.outcome === 'success') {
    if (outcome.kind !== 'success') return `expected success ${e.status}, got ${classOf(outcome.error)}: ${String(outcome.error)}`;
    return outcome.value?.statusCode === e.status ? undefined : `expected status ${e.status}, got ${String(outcome.value?.statusCode)}`;
  }
  if (outcome.kind !== 'error') return `expected a failure (${JSON.stringify(e)}), got ${outcome.kind} ${String(outcome.value?.statusCode)}`;
  const err = outcome.error;
  if (e.outcome === 'timeout') return err instanceof errors.TimeoutError ? undefined : `expected TimeoutError, got ${classOf(err)}: ${String(err)}`;
  if (e.outcome === 'deserialization') return err instanceof errors.DeserializationError ? undefined : `expected DeserializationError, got ${classOf(err)}: ${String(err)}`;
  if (e.outcome === 'connection') {
    return err instanceof errors.ConnectionError && !(err instanceof errors.TimeoutError) ? undefined : `expected ConnectionError, got ${classOf(err)}: ${String(err)}`;
  }
  if (!(err instanceof errors.ResponseError)) return `expected ${e.cls} (${e.status}), got ${classOf(err)}: ${String(err)}`;
  if (err.meta.statusCode !== e.status) return `expected status ${e.status}, got ${String(err.meta.statusCode)}`;
  if (classOf(err) !== e.cls) return `expected ${e.cls}, got ${classOf(err)}`;
  const kind = err instanceof FgacResponseError ? err.kind : undefined;
  return kind === e.kind ? undefined : `expected kind ${String(e.kind)}, got ${String(kind)}`;
}

/** Every violation of I1-I6 in one run of case `c`. */
function violations(c: Case, run: Run): string[] {
  const v: string[] = [];
  const sends = run.clientSends;
  const received = run.serverReceived;
  const o = { retryUnsafeWrites: c.retryUnsafeWrites, maxDelayMs: c.maxDelayMs };
  // I1
  if (run.outcome.kind === 'unsettled') v.push('I1 the call never settled');
  if (run.settles !== 1) v.push(`I1 settled ${run.settles} times`);
  if (!run.closeSettled) v.push('I1 client.close() never settled');
  // I2
  if (sends > retriesOf(c) + 1) v.push(`I2 ${sends} sends for retries ${retriesOf(c)}`);
  if (received.length > sends) v.push(`I2 the server received ${received.length} requests, the client sent ${sends}`);
  for (let k = 0; k + 1 < received.length; k++) {
    const act = c.acts[k] ?? { t: 'ok', status: 200 };
    if (!mayRepeat(c.op, act, raMsOf(act, received[k]), o)) v.push(`I2/I3 re-sent after attempt ${k + 1}'s ${describeAct(act)} (${c.op.name}, retryUnsafeWrites ${c.retryUnsafeWrites})`);
    // I3: a Retry-After the policy honours is waited for (20 ms for clock granularity)
    const notBefore = received[k]?.notBefore;
    const next = received[k + 1]?.at;
    if (notBefore !== undefined && next !== undefined && next < notBefore - 20) v.push(`I3 attempt ${k + 2} came ${notBefore - next} ms before Retry-After allowed`);
  }
  const controlled = c.ctl.t !== 'none' && run.ctlAt !== undefined;
  const budgeted = c.maxElapsedMs !== undefined;
  const last = received.length > 0 ? (c.acts[received.length - 1] ?? ({ t: 'ok', status: 200 } as Act)) : undefined;
  if (!controlled && !budgeted) {
    const want = expectedSends(c, received);
    if (sends !== want || received.length !== want) v.push(`I2 ${sends} sends (server ${received.length}), the policy gives ${want}`);
  }
  // I4
  if (run.outcome.kind === 'success') {
    const attempts = run.outcome.value?.meta?.attempts;
    if (attempts !== sends - 1) v.push(`I4 meta.attempts ${String(attempts)} after ${sends} sends`);
  }
  const aborted = (c.ctl.t === 'abortCall' || c.ctl.t === 'abortSignal') && run.ctlAt !== undefined && !run.ctlAt.settled;
  const closedEarly = c.ctl.t === 'close' && run.ctlAt !== undefined && !run.ctlAt.settled;
  if (aborted) {
    if (!(run.outcome.error instanceof errors.RequestAbortedError)) v.push(`I5 aborted before it settled, ended with ${run.outcome.kind} ${classOf(run.outcome.error)}: ${String(run.outcome.error)}`);
  } else if (last !== undefined && run.outcome.kind !== 'unsettled') {
    const e = expectOf(c.op, last);
    const mismatch = matches(e, run.outcome);
    // the call's time budget may cut an attempt (TimeoutError); close() may end it with the answer in flight's error
    const cut = budgeted && run.outcome.error instanceof errors.TimeoutError;
    if (mismatch !== undefined && !cut) v.push(`I4 last answer ${describeAct(last)}: ${mismatch}`);
    if (!controlled && !budgeted && run.outcome.error instanceof FgacResponseError && run.outcome.error.attempts !== sends) {
      v.push(`I4 error.attempts ${String(run.outcome.error.attempts)} after ${sends} sends`);
    }
    if (run.outcome.error instanceof errors.ResponseError && (last.t === '429' || last.t === '5xx') && !closedEarly) {
      const raMs = raMsOf(last, received[received.length - 1]);
      const got = (run.outcome.error as { retryAfterMs?: unknown }).retryAfterMs;
      if (raMs !== undefined && raMs > c.maxDelayMs && (typeof got !== 'number' || Math.abs(got - raMs) > 1500)) v.push(`I3 Retry-After ${raMs} ms ended the call with retryAfterMs ${String(got)}`);
    }
  } else if (last === undefined && !controlled && !budgeted) v.push('I2 nothing reached the server');
  // I5
  if (run.ctlAt !== undefined && c.ctl.t !== 'none' && run.sendsAfterCtl !== 0) v.push(`I5 ${run.sendsAfterCtl} sends after ${c.ctl.t}`);
  if (run.seedSignalListeners !== 0) v.push(`I5 ${run.seedSignalListeners} abort listeners left on retry.signal`);
  if (c.afterClose) {
    if (!(run.afterCloseError instanceof errors.NoLivingConnectionsError)) v.push(`I5 a call after close(): ${classOf(run.afterCloseError)} ${String(run.afterCloseError)}`);
    if (run.afterCloseSends !== 0) v.push(`I5 a call after close() was sent ${run.afterCloseSends} times`);
  }
  if (c.companion) {
    const aborted = c.ctl.t === 'abortSignal' && run.ctlAt !== undefined;
    // the call's time budget (retry.maxElapsedMs) and the shared signal bound it too
    const ok = run.companion === 200 || (aborted && run.companion instanceof errors.RequestAbortedError) || (c.maxElapsedMs !== undefined && run.companion instanceof errors.TimeoutError);
    if (!ok) v.push(`I1/I5 the companion call ended with ${classOf(run.companion)} ${String(run.companion)}`);
    if ((run.companionReceived ?? 0) > c.retries + 1) v.push(`I2 the companion call was received ${String(run.companionReceived)} times`);
  }
  // I6
  // onRetry is called as a back-off starts: an abort, close() or the call's time budget (retry.maxElapsedMs, looked at
  // again after the wait: a late timer) may end the call before the re-send it announced
  const endedInBackOff = (controlled || budgeted) && run.onRetry.length === sends;
  if (run.onRetry.length !== sends - 1 && !endedInBackOff) v.push(`I6 onRetry called ${run.onRetry.length} times for ${sends} sends`);
  run.onRetry.forEach((info, i) => {
    if (info.attempt !== i + 1) v.push(`I6 onRetry #${i + 1} says attempt ${info.attempt}`);
    const leak = leaks(info);
    if (leak !== undefined) v.push(`I6 onRetry payload leaks ${leak}`);
  });
  for (const value of [run.outcome.error, run.afterCloseError, ...run.eventErrors]) {
    if (value === undefined) continue;
    const leak = leaks(value);
    if (leak !== undefined) v.push(`I6 error leaks ${leak}`);
  }
  if (run.outcome.kind === 'success') {
    const leak = leaks(run.outcome.value?.meta?.request);
    if (leak !== undefined) v.push(`I6 meta.request leaks ${leak}`);
  }
  return v;
}

/** The part of a run that text must not change (I7). */
function signature(run: Run): string {
  const o = run.outcome;
  const err = o.error;
  const kind = err instanceof FgacResponseError ? err.kind : undefined;
  return JSON.stringify({ outcome: o.kind, status: o.value?.statusCode, cls: o.kind === 'error' ? classOf(err) : undefined, kind, sends: run.clientSends, retries: run.onRetry.map((i) => i.reason) });
}

// ---------------------------------------------------------------------------------------------
// The run

const SEEDS = process.env.H1_SEEDS !== undefined ? Array.from({ length: Number(process.env.H1_SEEDS) }, (_x, i) => i + Number(process.env.H1_SEED_BASE ?? 0)) : shareSeeds(300, Number(process.env.H1_SEED_BASE ?? 0));
const CONCURRENCY = 6;

const originalConsole = { log: console.log, error: console.error, warn: console.warn };
const onUnhandled = (reason: unknown): void => void escaped.push(`unhandledRejection: ${String(reason)}`);
const onUncaught = (error: unknown): void => void escaped.push(`uncaughtException: ${String(error)}`);

before(() => {
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUncaught);
  for (const name of ['log', 'error', 'warn'] as const) console[name] = (...args: unknown[]) => void escaped.push(`console.${name}: ${args.map(String).join(' ').slice(0, 300)}`);
});
after(() => {
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUncaught);
  Object.assign(console, originalConsole);
});

describe('transport under hostile servers: seeded property check', () => {
  test(`${SEEDS.length} seeds: I1-I7 hold`, async (t) => {
    const failures: string[] = [];
    let compared = 0;
    let next = 0;
    /** Whether an attempt of the run ended by its timeout (a hang's, or a stall of a loaded machine). */
    const timedOut = (run: Run): boolean => run.onRetry.some((r) => r.reason === 'timeout') || (run.outcome.kind === 'error' && classOf(run.outcome.error) === 'TimeoutError');
    /** The seed's violations, described (undefined when it holds), and whether an attempt of it timed out. */
    const check = async (seed: number): Promise<{ failure: string | undefined; timeout: boolean }> => {
      const c = caseOf(seed);
      let anyTimeout = false;
      const hostile = await runCase(c, 'hostile');
      anyTimeout ||= timedOut(hostile);
      const found = violations(c, hostile);
      if (c.ctl.t === 'none' && c.maxElapsedMs === undefined) {
        const neutral = await runCase(c, 'neutral');
        anyTimeout ||= timedOut(neutral);
        found.push(...violations(c, neutral).map((s) => `(neutral) ${s}`));
        compared++;
        if (signature(hostile) !== signature(neutral)) found.push(`I7 hostile ${signature(hostile)} vs neutral ${signature(neutral)}`);
      }
      if (found.length === 0) return { failure: undefined, timeout: anyTimeout };
      return { timeout: anyTimeout, failure: `seed ${seed} ${c.op.name} retries=${c.retries} maxDelay=${c.maxDelayMs} maxElapsed=${String(c.maxElapsedMs)} unsafe=${c.retryUnsafeWrites} ctl=${JSON.stringify(c.ctl)} cb=${c.callbackStyle} acts=${c.acts.map(describeAct).join(' ')}\n    ${found.join('\n    ')}` };
    };
    const stalled: number[] = [];
    const worker = async (): Promise<void> => {
      for (let i = next++; i < SEEDS.length; i = next++) {
        const seed = SEEDS[i] as number;
        const { failure, timeout } = await check(seed);
        // a 250-400 ms attempt timeout can fire on a loaded machine (six seeds at once, JVMs and other tests beside):
        // a failing seed where an attempt timed out is run again alone and counts only if it fails again
        if (failure !== undefined && timeout) stalled.push(seed);
        else if (failure !== undefined) failures.push(failure);
      }
    };
    // Warm-up, one at a time: the first retry loads p-retry, the first error loads the classifier, the first gzip answer
    // zlib; compiled on this thread, they would stall the event loop under the first concurrent seeds past their deadlines.
    for (let w = 0; w < 12; w++) await runCase(caseOf(900_000 + w), 'hostile');
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    for (const seed of stalled) {
      const again = (await check(seed)).failure;
      if (again !== undefined) failures.push(again);
    }
    if (stalled.length > 0) t.diagnostic(`${stalled.length} seed(s) failed with an attempt timed out while six ran at once, and were run again alone: ${stalled.join(', ')}`);
    await sleepMs(50);
    if (takesAllCases()) assert.ok(compared > 50, `only ${compared} seeds compared hostile and neutral text`);
    assert.equal(getEventListeners(SHARED.signal, 'abort').length, 0, 'listeners left on the shared retry.signal');
    assert.deepEqual(escaped, [], 'escaped during the run');
    assert.deepEqual(failures, [], `${failures.length} seeds failed:\n${failures.slice(0, 25).join('\n')}`);
  });
});
