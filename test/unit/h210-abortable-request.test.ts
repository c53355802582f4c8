/**
 * abortableRequest settles exactly once in every order of the signal's abort, the request's answer and the request's
 * own abort(): every interleaving of a small grid (abort before the start, inside start() as a 'request' listener does,
 * synchronously after it, after 1-3 microtasks, on the next tick, after 1-2 turns of the event loop; the answer at the
 * same points or never; a transport whose abort() is ignored or rejects at once or on the next tick; a native promise
 * or opensearch-js's thenable). An answer that had settled before the abort took effect (before the request's abort()
 * was called) is the result as it came, a failure too; a failure after it is the abort's. Through ingest and the
 * security API: a 'request' listener aborting the signal no longer leaves the call pending (h205 findings 1 and 2).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { Client, errors } from '@opensearch-project/opensearch';
import { abortableRequest, type AbortablePromise } from '../../src/client/abortable-request.js';
import { createClient, SecurityApi } from '../../src/index.js';
import { ingest } from '../../src/ingest/ingest.js';
import { startBulkStub, type BulkStub } from '../support/bulk-stub.js';

type Point = 'before' | 'start' | 'sync' | 'micro1' | 'micro2' | 'micro3' | 'tick' | 'imm1' | 'imm2' | 'never';
const ABORTS: readonly Point[] = ['never', 'before', 'start', 'sync', 'micro1', 'micro2', 'micro3', 'tick', 'imm1', 'imm2'];
const ANSWERS: readonly Point[] = ['start', 'sync', 'micro1', 'micro2', 'micro3', 'tick', 'imm1', 'imm2', 'never'];
type AbortImpl = 'ignore' | 'rejectSync' | 'rejectTick';

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Runs `fn` at `point` (counted from now); 'start' and 'before' are run by the caller. */
function at(point: Point, fn: () => void): void {
  switch (point) {
    case 'sync': fn(); break;
    case 'micro1': queueMicrotask(fn); break;
    case 'micro2': queueMicrotask(() => queueMicrotask(fn)); break;
    case 'micro3': queueMicrotask(() => queueMicrotask(() => queueMicrotask(fn))); break;
    case 'tick': process.nextTick(fn); break;
    case 'imm1': setImmediate(fn); break;
    case 'imm2': setImmediate(() => setImmediate(fn)); break;
    default: break;
  }
}

interface Case { abortAt: Point; answerAt: Point; ok: boolean; impl: AbortImpl; thenable: boolean; abortFirst: boolean }

async function runCase(c: Case): Promise<string | undefined> {
  let seq = 0;
  const controller = new AbortController();
  const reason = new Error('the reason');
  const value = { answer: 'value' };
  const nodeError = new Error('the node said no');
  const abortError = new Error('the transport aborted');
  let settledSeq: number | undefined;
  let abortCalls = 0;
  let abortCallSeq: number | undefined;
  let started = false;
  let settleP: ((how: 'ok' | 'fail' | 'abort') => void) | undefined;
  const answer = (): void => settleP?.(c.ok ? 'ok' : 'fail');
  const abortSignal = (): void => controller.abort(reason);
  const start = (): AbortablePromise<unknown> => {
    started = true;
    const p = new Promise<unknown>((resolve, reject) => {
      settleP = (how) => {
        if (settledSeq !== undefined) return;
        settledSeq = ++seq;
        if (how === 'ok') resolve(value);
        else reject(how === 'fail' ? nodeError : abortError);
      };
    });
    p.catch(() => undefined);
    const abort = (): void => {
      abortCalls++;
      abortCallSeq = ++seq;
      if (c.impl === 'rejectSync') settleP?.('abort');
      else if (c.impl === 'rejectTick') process.nextTick(() => settleP?.('abort'));
    };
    const inStart = [c.abortAt === 'start' ? abortSignal : undefined, c.answerAt === 'start' ? answer : undefined];
    for (const fn of c.abortFirst ? inStart : inStart.reverse()) fn?.();
    if (!c.thenable) return Object.assign(p, { abort });
    // opensearch-js's shape: an object whose then() hands on to the request's promise
    return { then: (f, r) => p.then(f, r), abort };
  };
  if (c.abortAt === 'before') abortSignal();
  let result: { ok: boolean; value: unknown } | undefined;
  const waiting = abortableRequest(start, controller.signal).then(
    (v) => { result = { ok: true, value: v }; },
    (e: unknown) => { result = { ok: false, value: e }; },
  );
  const later = [c.abortAt !== 'start' && c.abortAt !== 'before' ? () => at(c.abortAt, abortSignal) : undefined, c.answerAt !== 'start' ? () => at(c.answerAt, answer) : undefined];
  for (const fn of c.abortFirst ? later : later.reverse()) fn?.();
  for (let i = 0; i < 12 && result === undefined; i++) await turn();
  if (result === undefined) return 'never settled';
  await waiting;
  if (getEventListeners(controller.signal, 'abort').length !== 0) return 'a listener was left on the signal';
  if (abortCalls > 1) return `abort() called ${abortCalls} times`;
  const got = result.ok ? 'value' : result.value === reason ? 'reason' : result.value === nodeError ? 'nodeError' : result.value === abortError ? 'abortError' : 'other';
  let allowed: string[];
  if (c.abortAt === 'before') {
    if (started) return 'started after the abort';
    allowed = ['reason'];
  } else if (abortCallSeq === undefined || (settledSeq !== undefined && settledSeq < abortCallSeq)) {
    // no abort took effect, or the answer had settled before it did: the answer as it came
    allowed = [c.ok ? 'value' : 'nodeError'];
  } else {
    // the abort came first: a success in the following turn is still the request's; any failure is the abort's
    allowed = c.ok && (c.impl === 'ignore' || c.impl === 'rejectTick') ? ['value', 'reason'] : ['reason'];
  }
  return allowed.includes(got) ? undefined : `got ${got}, expected ${allowed.join(' or ')} (answer settled at ${settledSeq}, abort() at ${abortCallSeq})`;
}

describe('h210 abortableRequest in every interleaving of abort, answer and abort()', () => {
  test('h210 every case settles exactly once, with the answer when it settled before the abort took effect, else the abort', async () => {
    const failures: string[] = [];
    let cases = 0;
    for (const abortAt of ABORTS) for (const answerAt of ANSWERS) {
      if (abortAt === 'never' && answerAt === 'never') continue;
      for (const ok of [true, false]) for (const impl of ['ignore', 'rejectSync', 'rejectTick'] as const) for (const thenable of [false, true]) for (const abortFirst of [true, false]) {
        const c: Case = { abortAt, answerAt, ok, impl, thenable, abortFirst };
        cases++;
        const problem = await runCase(c);
        if (problem !== undefined) failures.push(`${JSON.stringify(c)}: ${problem}`);
      }
    }
    assert.equal(cases, 2136);
    assert.deepEqual(failures.slice(0, 12), [], `${failures.length} of ${cases} cases failed`);
  });
});

describe('h210 a listener of the client aborting the signal inside the request, then a refusal', () => {
  let stub: BulkStub;
  before(async () => {
    stub = await startBulkStub();
    stub.plan = () => ({ kind: 'json', status: 403, body: { error: { type: 'security_exception', reason: 'no permissions for [indices:data/write/bulk]' }, status: 403 } });
  });
  after(async () => { await stub.close(); });

  for (const kind of ['plain', 'createClient'] as const) {
    test(`h210 ingest settles (${kind}): the records fail as cut by the signal`, { timeout: 30_000 }, async () => {
      const client = kind === 'plain' ? new Client({ node: stub.url, maxRetries: 0 }) : createClient({ node: stub.url, auth: { mode: 'none' }, retry: { retries: 0 } });
      const controller = new AbortController();
      client.on('request', () => controller.abort(new DOMException('stop', 'TimeoutError')));
      try {
        const report = await ingest(client, [{ index: 'x', id: 'a', key: 'ka', document: {} }], { signal: controller.signal, retries: 0 });
        const [o] = report.outcomes;
        assert.ok(o?.status === 'failed' && o.kind === 'deadline' && o.retryable, JSON.stringify(o));
      } finally {
        await client.close();
      }
    });
  }

  test('h210 a SecurityApi call settles with the signal\'s reason', { timeout: 30_000 }, async () => {
    const client = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { retries: 0 } });
    const controller = new AbortController();
    const reason = new Error('h210 stop');
    client.on('request', () => controller.abort(reason));
    try {
      const api = new SecurityApi(client, { signal: controller.signal });
      await assert.rejects(api.roles.get('h210-role'), (e: unknown) => e === reason);
    } finally {
      await client.close();
    }
  });
});

describe('h210 an answer that had arrived when the signal aborted is read as the node said', () => {
  function fakeClient(answer: 'ok' | 'refused', controller: AbortController): Client {
    const request = (params: { bulkBody: string }): AbortablePromise<unknown> => {
      const metas = params.bulkBody.split('\n').filter((l, i) => l !== '' && i % 2 === 0).map((l) => Object.values(JSON.parse(l) as Record<string, { _index: string; _id: string }>)[0]!);
      const meta = { body: { error: { type: 'security_exception', reason: 'no permissions for [indices:data/write/bulk]' }, status: 403 }, statusCode: 403, headers: {}, warnings: null,
        meta: { context: null, name: 'x', request: { params: { method: 'POST', path: '/_bulk' }, options: {}, id: 1 }, connection: null, attempts: 0, aborted: false } };
      const p = answer === 'ok'
        ? Promise.resolve({ body: { errors: false, items: metas.map((m) => ({ index: { _index: m._index, _id: m._id, status: 201, result: 'created' } })) }, statusCode: 200 })
        : Promise.reject(new errors.ResponseError(meta as never));
      p.catch(() => undefined);
      // the answer has settled; the signal aborts before its callbacks run
      queueMicrotask(() => controller.abort(new DOMException('deadline', 'TimeoutError')));
      return Object.assign(p, { abort: () => undefined });
    };
    return { transport: { request } } as unknown as Client;
  }

  test('h210 a 403 that had arrived is a security failure, not retryable; a success is indexed', async () => {
    const refused = new AbortController();
    const r1 = await ingest(fakeClient('refused', refused), [{ index: 'x', id: 'a', key: 'ka', document: {} }], { signal: refused.signal });
    const [o1] = r1.outcomes;
    assert.ok(o1?.status === 'failed' && o1.kind === 'security' && !o1.retryable, JSON.stringify(o1));
    const ok = new AbortController();
    const r2 = await ingest(fakeClient('ok', ok), [{ index: 'x', id: 'a', key: 'ka', document: {} }], { signal: ok.signal });
    const [o2] = r2.outcomes;
    assert.ok(o2?.status === 'indexed' && o2.result === 'created', JSON.stringify(o2));
  });
});
