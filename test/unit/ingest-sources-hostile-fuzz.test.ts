/**
 * Seeded property check of `ingest()` fed by hostile record SOURCES (sync and async iterables that
 * throw midway, yield slowly while bulks are in flight, yield non-objects / cycles / the same object
 * twice, whose return() throws, rejects or never settles, that never end), stopped by a signal at
 * seeded moments (before the first bulk, when a bulk reaches the server, after an answer: during a
 * back-off or between chunks, from inside onOutcome, as the source yields, on a timer), against a
 * loopback `_bulk` stub answering from a seeded plan (honest, item 429 / 400, whole 429 / 503, a reset
 * before or after applying, slow, trickled, hanging, an answer naming another id). Then the SQS FIFO
 * path through examples/handler-support.ts and toBatchItemFailures with interleaved message groups,
 * duplicate messageIds and failures that are final, transient or unattributable.
 *
 * Reproduce: INGEST_SOURCES_SEED=<n> (printed at the start of each property). Transport behaviour only.
 *
 * Invariants (README "### Ingestion", "### Guarantees": ingest gives exactly one outcome per record):
 *  S1 ingest settles; it rejects only with IngestSourceError, and only when the source threw.
 *  S2 outcomes[i].position === i for every record taken, onOutcome saw each position once, the stats
 *     count each once; an array gets one outcome per element; an iterable's records not taken have none
 *     (complete false), and at most the one record an async source was handing over as the signal
 *     aborted is yielded without being taken.
 *  S3 indexed only for a record the server stored; `aborted` / `deadline` only once the signal aborted,
 *     always retryable, by the reason's kind; an aborted record whose error says it was not in flight
 *     (inFlight false) was not stored; a record never sent has attempts 0.
 *  S4 fifo: once a record of a group failed, every later record of that group taken is failed; a
 *     fifo_group_failed names an earlier failed record of its own group; "was not sent" means not sent.
 *  S5 held records stay bounded: yielded but not settled <= (concurrency + 1) * maxBatchCount + 1.
 *  S6 toBatchItemFailures of a complete report names exactly the failed keys, once each, in input order;
 *     of an incomplete one it throws.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Client } from '@opensearch-project/opensearch';
import { ingest } from '../../src/ingest/ingest.js';
import { IngestAbortedError, IngestSourceError, FifoGroupFailedError } from '../../src/ingest/errors.js';
import { toBatchItemFailures } from '../../src/ingest/adapters.js';
import type { IngestRecord, IngestReport } from '../../src/ingest/types.js';
import { honest, startBulkStub, type BulkStub, type StubItem, type StubReply } from '../support/bulk-stub.js';
import { Rng } from '../support/seeded-rng.js';
import { shareRuns } from '../support/fuzz-share.js';
import { sqsIngestRecords } from '../../examples/handler-support.js';

const BASE_SEED = process.env.INGEST_SOURCES_SEED !== undefined ? Number(process.env.INGEST_SOURCES_SEED) : 20261205;
/** A property's runs and seed: a seed or run count given to replay runs as given, the default this run's share (test/support/fuzz-share.ts). */
function runsOf(runs: number, seed: number): { numRuns: number; seed: number } {
  const given = process.env.INGEST_SOURCES_RUNS;
  if (process.env.INGEST_SOURCES_SEED !== undefined || given !== undefined) return { numRuns: given !== undefined ? Number(given) : runs, seed };
  return shareRuns(runs, seed);
}

function hash(...parts: Array<string | number>): number {
  let h = 2166136261;
  for (const ch of parts.join('|')) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

let stub: BulkStub;
let client: Client;
before(async () => {
  stub = await startBulkStub();
  client = new Client({ node: stub.url, maxRetries: 0, requestTimeout: 20_000 });
});
after(async () => {
  await client.close();
  await stub.close();
});

// ---------------------------------------------------------------------------------------------
// Case model

type RecSpec =
  | { t: 'valid'; ownId: boolean; group: number; action: 'index' | 'create' }
  | { t: 'undefined' } | { t: 'number' } | { t: 'cyclic'; group: number } | { t: 'noIndex'; group: number } | { t: 'dupPrev' };

type SourceKind = 'array' | 'syncGen' | 'syncIterObj' | 'asyncGen' | 'asyncIterObj';
type ReasonKind = 'error' | 'timeout' | 'proxyThrows' | 'undefined' | 'string';
type ReturnKind = 'normal' | 'throws' | 'rejects' | 'hangs' | 'getterThrows';
type AbortPlan =
  | { t: 'none' } | { t: 'before' } | { t: 'atRequest'; n: number } | { t: 'afterReply'; n: number; ms: number }
  | { t: 'onOutcome'; n: number } | { t: 'onYield'; n: number } | { t: 'timer'; ms: number };

interface Case {
  records: RecSpec[];
  source: SourceKind;
  delay: 'none' | 'immediate' | 'timer';
  delayMs: number;
  throwAt: number | undefined;
  endless: boolean;
  returnKind: ReturnKind;
  abort: AbortPlan;
  reason: ReasonKind;
  fifo: boolean;
  maxBatchCount: number;
  concurrency: number;
  retries: number;
  minDelayMs: number;
  throwingCallbacks: boolean;
  serverSeed: number;
}

const GROUPS = ['A', 'B', 'C'];

const recArb: fc.Arbitrary<RecSpec> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ t: fc.constant('valid' as const), ownId: fc.boolean(), group: fc.integer({ min: -1, max: 2 }), action: fc.constantFrom('index' as const, 'create' as const) }) },
  { weight: 1, arbitrary: fc.constant({ t: 'undefined' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'number' as const }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('cyclic' as const), group: fc.integer({ min: -1, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('noIndex' as const), group: fc.integer({ min: -1, max: 2 }) }) },
  { weight: 1, arbitrary: fc.constant({ t: 'dupPrev' as const }) },
);

const abortArb: fc.Arbitrary<AbortPlan> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ t: 'none' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'before' as const }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('atRequest' as const), n: fc.integer({ min: 0, max: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('afterReply' as const), n: fc.integer({ min: 0, max: 4 }), ms: fc.integer({ min: 0, max: 15 }) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('onOutcome' as const), n: fc.integer({ min: 0, max: 8 }) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('onYield' as const), n: fc.integer({ min: 0, max: 12 }) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('timer' as const), ms: fc.integer({ min: 0, max: 120 }) }) },
);

const caseArb: fc.Arbitrary<Case> = fc.record({
  records: fc.array(recArb, { minLength: 0, maxLength: 14 }),
  source: fc.constantFrom<SourceKind>('array', 'syncGen', 'syncIterObj', 'asyncGen', 'asyncIterObj'),
  delay: fc.constantFrom('none' as const, 'immediate' as const, 'timer' as const),
  delayMs: fc.integer({ min: 0, max: 50 }),
  throwAt: fc.option(fc.integer({ min: 0, max: 14 }), { nil: undefined, freq: 4 }),
  endless: fc.boolean(),
  returnKind: fc.constantFrom<ReturnKind>('normal', 'throws', 'rejects', 'hangs', 'getterThrows'),
  abort: abortArb,
  reason: fc.constantFrom<ReasonKind>('error', 'timeout', 'timeout', 'proxyThrows', 'undefined', 'string'),
  fifo: fc.boolean(),
  maxBatchCount: fc.integer({ min: 1, max: 5 }),
  concurrency: fc.integer({ min: 1, max: 3 }),
  retries: fc.integer({ min: 0, max: 3 }),
  minDelayMs: fc.integer({ min: 0, max: 20 }),
  throwingCallbacks: fc.boolean(),
  serverSeed: fc.integer({ min: 0, max: 2 ** 30 }),
}).map((c) => {
  // an endless source needs an abort that comes for sure; only async sources may be endless
  if (c.endless && (c.source === 'asyncGen' || c.source === 'asyncIterObj')) {
    if (c.abort.t !== 'timer' && c.abort.t !== 'onYield' && c.abort.t !== 'before') return { ...c, abort: { t: 'onYield' as const, n: Math.min(12, c.records.length + 3) } };
    if (c.abort.t === 'onYield' && c.records.length === 0) return c;
    return c;
  }
  return { ...c, endless: false };
});

// ---------------------------------------------------------------------------------------------
// Building the records and the source

interface Built {
  /** Ids of this case start with it (a late request of an earlier case is not counted). */
  prefix: string;
  /** The record objects in input order (what the source yields, before an endless tail). */
  values: unknown[];
  /** Per position (beyond values for an endless source): the key, id (undefined when generated), group, expected valid. */
  keyOf(i: number): string | undefined;
  groupOf(i: number): string;
  idOf(i: number): string | undefined;
  validAt(i: number): boolean;
  dupIds: Set<string>;
}

function build(c: Case, prefix: string): Built {
  const values: unknown[] = [];
  const meta: Array<{ key?: string; group: string; id?: string; valid: boolean }> = [];
  const dupIds = new Set<string>();
  const groupName = (g: number): string | undefined => (g < 0 ? undefined : GROUPS[g]);
  c.records.forEach((r, i) => {
    const key = `k${i}`;
    if (r.t === 'valid') {
      const g = groupName(r.group);
      const id = r.ownId ? `${prefix}r${i}` : undefined;
      values.push({ index: 'fz', action: r.action, key, ...(id !== undefined ? { id } : {}), ...(g !== undefined ? { groupId: g } : {}), document: { i } });
      meta.push({ key, group: g ?? '', ...(id !== undefined ? { id } : {}), valid: true });
    } else if (r.t === 'undefined') {
      values.push(undefined);
      meta.push({ group: '', valid: false });
    } else if (r.t === 'number') {
      values.push(7);
      meta.push({ group: '', valid: false });
    } else if (r.t === 'cyclic' || r.t === 'noIndex') {
      const g = groupName(r.group);
      const doc: Record<string, unknown> = { i };
      if (r.t === 'cyclic') doc.self = doc;
      values.push({ ...(r.t === 'cyclic' ? { index: 'fz' } : {}), key, ...(g !== undefined ? { groupId: g } : {}), document: doc });
      meta.push({ key, group: g ?? '', valid: false });
    } else {
      // the same object as the record before (a source yielding one object twice)
      const prev = values[values.length - 1];
      values.push(prev);
      const m = meta[meta.length - 1];
      if (m === undefined) meta.push({ group: '', valid: false });
      else {
        meta.push({ ...m });
        if (m.id !== undefined) dupIds.add(m.id);
      }
    }
  });
  const tail = (i: number): { key: string; group: string; id: string; valid: boolean } => ({ key: `k${i}`, group: '', id: `${prefix}r${i}`, valid: true });
  const at = (i: number) => (i < meta.length ? meta[i]! : tail(i));
  return { prefix, values, keyOf: (i) => at(i).key, groupOf: (i) => at(i).group, idOf: (i) => at(i).id, validAt: (i) => at(i).valid, dupIds };
}

/** The record at position i of the source (an endless source continues with valid group-less records). */
function valueAt(b: Built, i: number): unknown {
  return i < b.values.length ? b.values[i] : { index: 'fz', id: `${b.prefix}r${i}`, key: `k${i}`, document: { i } };
}

interface Track { yielded: number; returnCalls: number; maxHeld: number; settled: number; onYield?: (n: number) => void }

function makeSource(c: Case, b: Built, t: Track): unknown {
  const limit = c.endless ? Number.POSITIVE_INFINITY : b.values.length;
  const wait = (): Promise<void> | undefined =>
    c.delay === 'none' ? undefined : c.delay === 'immediate' ? new Promise((r) => setImmediate(r)) : new Promise((r) => setTimeout(r, c.delayMs));
  const yielded = (i: number): unknown => {
    t.yielded = i + 1;
    t.maxHeld = Math.max(t.maxHeld, t.yielded - t.settled);
    t.onYield?.(i);
    return valueAt(b, i);
  };
  if (c.source === 'array') return b.values;
  if (c.source === 'syncGen') {
    return (function* gen(): Generator<unknown> {
      try {
        for (let i = 0; i < limit; i++) {
          if (c.throwAt === i) throw new Error(`source threw at ${i}`);
          yield yielded(i);
        }
      } finally {
        t.returnCalls++;
      }
    })();
  }
  if (c.source === 'asyncGen') {
    return (async function* agen(): AsyncGenerator<unknown> {
      for (let i = 0; i < limit; i++) {
        await wait();
        if (c.throwAt === i) throw new Error(`source threw at ${i}`);
        yield yielded(i);
      }
    })();
  }
  // a hand-written iterator with a hostile return()
  let i = 0;
  const iterator: Record<string, unknown> = c.source === 'syncIterObj' ? {
    next: () => {
      if (i >= limit) return { done: true, value: undefined };
      if (c.throwAt === i) throw new Error(`source threw at ${i}`);
      const v = yielded(i);
      i++;
      return { done: false, value: v };
    },
  } : {
    next: async () => {
      await wait();
      if (i >= limit) return { done: true, value: undefined };
      if (c.throwAt === i) throw new Error(`source threw at ${i}`);
      const v = yielded(i);
      i++;
      return { done: false, value: v };
    },
  };
  const ret = (): unknown => {
    t.returnCalls++;
    if (c.returnKind === 'throws') throw new Error('return() threw');
    if (c.returnKind === 'rejects') return Promise.reject(new Error('return() rejected'));
    if (c.returnKind === 'hangs') return new Promise(() => undefined);
    return Promise.resolve({ done: true, value: undefined });
  };
  if (c.returnKind === 'getterThrows') Object.defineProperty(iterator, 'return', { get() { t.returnCalls++; throw new Error('return getter threw'); } });
  else iterator.return = ret;
  return c.source === 'syncIterObj' ? { [Symbol.iterator]: () => iterator } : { [Symbol.asyncIterator]: () => iterator };
}

// ---------------------------------------------------------------------------------------------
// The server plan

interface ServerLog {
  /** per doc id: how many times the stub received it */
  sent: Map<string, number>;
}

function plan(c: Case, controller: AbortController, reason: () => unknown, log: ServerLog, occurrences: Map<string, number>) {
  let count = 0;
  return async (items: StubItem[], _n: number, s: BulkStub): Promise<StubReply> => {
    // this case's own request number (a request of an earlier case may still arrive late)
    const n = count++;
    for (const it of items) log.sent.set(it.id, (log.sent.get(it.id) ?? 0) + 1);
    // by input position (documents carry it), not by id: generated ids differ between runs of a case
    const setKey = items.map((it) => (it.document as { i?: number } | undefined)?.i ?? it.id).join(',');
    const occ = occurrences.get(setKey) ?? 0;
    occurrences.set(setKey, occ + 1);
    const rng = new Rng(hash(c.serverSeed, setKey, occ));
    let delayMs = 0;
    if (c.abort.t === 'atRequest' && c.abort.n === n) {
      controller.abort(reason());
      delayMs = 5; // the answer comes after the abort: the request is cut in flight
    }
    const roll = rng.int(0, 99);
    let reply: StubReply;
    if (roll < 40) reply = honest(items.map((i) => s.apply(i)));
    else if (roll < 55) reply = honest(items.map((i) => s.apply(i, rng.chance(0.5) ? 'reject429' : rng.chance(0.3) ? 'mapping400' : 'ok')));
    else if (roll < 60) reply = { kind: 'json', status: 429, body: { error: { type: 'es_rejected_execution_exception', reason: 'busy' }, status: 429 } };
    else if (roll < 64) reply = { kind: 'json', status: 503, body: { error: { type: 'unavailable_shards_exception', reason: 'no shard' }, status: 503 } };
    else if (roll < 68) reply = { kind: 'reset' };
    else if (roll < 72) {
      items.forEach((i) => s.apply(i));
      reply = { kind: 'reset' };
    } else if (roll < 80) {
      delayMs += rng.int(1, 40);
      reply = honest(items.map((i) => s.apply(i)));
    } else if (roll < 85) {
      reply = { kind: 'trickle', text: JSON.stringify((honest(items.map((i) => s.apply(i))) as { body: unknown }).body), everyMs: 1 };
    } else if (roll < 89) {
      // never answers: the case's signal ends the wait
      setTimeout(() => controller.abort(reason()), 20);
      reply = { kind: 'hang' };
    } else if (roll < 93) {
      // refused whole, as OpenSearch's validation of one record does: ingest halves the request
      reply = { kind: 'json', status: 400, body: { error: { type: 'action_request_validation_exception', reason: 'Validation Failed: 1: stub' }, status: 400 } };
    } else if (roll < 95) {
      reply = { kind: 'raw', status: 413, text: '' };
    } else {
      // one item names another id: that record is not accounted for
      const answers = items.map((i) => s.apply(i));
      const k = rng.int(0, answers.length - 1);
      const wrong = answers[k]!.item;
      const op = Object.keys(wrong)[0]!;
      answers[k] = { item: { [op]: { ...wrong[op], _id: 'someone-else' } }, applied: true };
      reply = honest(answers);
    }
    if (c.abort.t === 'afterReply' && c.abort.n === n) {
      const ms = c.abort.ms;
      setTimeout(() => setTimeout(() => controller.abort(reason()), ms), delayMs);
    }
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    return reply;
  };
}

// ---------------------------------------------------------------------------------------------
// One case

let caseNo = 0;
/** How often the cases reached each state (printed: a property that never reaches a state checks nothing there). */
const tally = new Map<string, number>();
const count = (what: string): void => { tally.set(what, (tally.get(what) ?? 0) + 1); };

/** Each case has its own stub and client: a request an earlier case's abort cut may still arrive late. */
async function runCase(c: Case): Promise<void> {
  const own = await startBulkStub();
  const ownClient = new Client({ node: own.url, maxRetries: 0, requestTimeout: 20_000 });
  try {
    await runCaseOn(c, own, ownClient);
  } finally {
    await ownClient.close();
    await own.close();
  }
}

async function runCaseOn(c: Case, stub: BulkStub, client: Client): Promise<void> {
  const b = build(c, `c${++caseNo}-`);
  const controller = new AbortController();
  const reason = (): unknown => {
    switch (c.reason) {
      case 'timeout': return new DOMException('the deadline', 'TimeoutError');
      case 'proxyThrows': return new Proxy({}, { get() { throw new Error('reason trap'); }, getPrototypeOf() { throw new Error('reason trap'); } });
      case 'undefined': return undefined;
      case 'string': return 'stop';
      default: return new Error('stopped by the test');
    }
  };
  const abort = (): void => { if (!controller.signal.aborted) controller.abort(reason()); };
  const log: ServerLog = { sent: new Map() };
  stub.plan = plan(c, controller, reason, log, new Map());
  const track: Track = { yielded: 0, returnCalls: 0, maxHeld: 0, settled: 0 };
  const bound = (c.concurrency + 1) * c.maxBatchCount + 1;
  if (c.abort.t === 'onYield') {
    const at = c.abort.n;
    track.onYield = (i) => { if (i === at) abort(); };
  }
  if (c.abort.t === 'before') abort();
  let timer: NodeJS.Timeout | undefined;
  if (c.abort.t === 'timer') timer = setTimeout(abort, c.abort.ms);
  const seen: number[] = [];
  const source = makeSource(c, b, track);
  const abortAfterOutcome = c.abort.t === 'onOutcome' ? c.abort.n : -1;
  const fifo = c.fifo && !c.endless;
  let report: IngestReport;
  let threw: unknown;
  try {
    report = await ingest(client, source as Iterable<never>, {
      signal: controller.signal, fifo, maxBatchCount: c.maxBatchCount, concurrency: c.concurrency, retries: c.retries,
      minDelayMs: c.minDelayMs, maxDelayMs: Math.max(c.minDelayMs, 30),
      onOutcome: (o) => {
        track.settled++;
        seen.push(o.position);
        if (seen.length - 1 === abortAfterOutcome) abort();
        if (c.throwingCallbacks) throw new Error('onOutcome threw');
      },
      onProgress: () => { if (c.throwingCallbacks) throw new Error('onProgress threw'); },
    });
  } catch (e) {
    threw = e;
    assert.ok(e instanceof IngestSourceError, `S1: ingest rejected with ${String(e)}`);
    report = e.report;
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
  const aborted = controller.signal.aborted;
  if (process.env.INGEST_SOURCES_DEBUG !== undefined) {
    console.log(JSON.stringify({ aborted, requests: stub.requests.map((r) => r.map((i) => i.id)), outcomes: report.outcomes.map((o) => [o.position, o.id, o.status, o.status === 'failed' ? o.kind : '', o.attempts, o.status === 'failed' ? o.error.message.slice(0, 160) : '']), stats: report.stats }, null, 1));
  }
  const isArray = c.source === 'array';
  if (aborted) count('aborted');
  if (threw !== undefined) count('source threw');
  if (!report.complete) count('incomplete');
  if (report.outcomes.some((o) => o.status === 'failed' && o.error instanceof IngestAbortedError && o.error.inFlight)) count('aborted in flight');
  if (report.outcomes.some((o) => o.status === 'failed' && o.error instanceof IngestAbortedError && !o.error.inFlight && o.attempts > 0)) count('aborted after a clear failure (back-off)');
  if (report.outcomes.some((o) => o.status === 'failed' && o.error instanceof IngestAbortedError && o.attempts === 0)) count('aborted before sending');
  if (report.outcomes.some((o) => o.status === 'failed' && o.kind === 'fifo_group_failed')) count('fifo group failed');
  if (report.outcomes.some((o) => o.status === 'indexed') && aborted) count('aborted with some indexed');
  if (track.yielded > report.stats.total) count('handed over, untaken');
  const n = report.stats.total;

  // S1: only a throwing source makes ingest reject
  const sourceThrew = !isArray && c.throwAt !== undefined && (c.endless || c.throwAt < b.values.length);
  if (threw !== undefined) assert.ok(sourceThrew, 'S1: IngestSourceError without a source that threw');
  if (threw !== undefined) assert.equal(report.complete, false, 'S1: a source error leaves the report incomplete');

  // S2: one outcome per record taken
  assert.equal(report.outcomes.length, n, 'S2: outcomes.length === stats.total');
  report.outcomes.forEach((o, i) => {
    assert.ok(o !== undefined, `S2: no outcome at ${i}`);
    assert.equal(o.position, i, `S2: outcome ${i} has position ${o.position}`);
    const key = b.keyOf(i);
    if (key !== undefined) assert.equal(o.key, key, `S2: outcome ${i} key`);
  });
  assert.deepEqual([...seen].sort((x, y) => x - y), [...Array(n).keys()], 'S2: onOutcome saw each position once');
  assert.equal(report.stats.indexed + report.stats.failed, n, 'S2: indexed + failed === total');
  const byKind = Object.values(report.stats.failuresByKind).reduce((x, y) => x + (y ?? 0), 0);
  assert.equal(byKind, report.stats.failed, 'S2: failuresByKind sums to failed');
  if (isArray) {
    assert.equal(n, b.values.length, 'S2: an array gets one outcome per element');
    assert.equal(report.complete, true, 'S2: an array report is complete');
  } else if (threw === undefined) {
    if (report.complete) assert.equal(n, c.endless ? -1 : b.values.length, 'S2: a complete iterable report covers every record');
    else assert.ok(aborted, 'S2: incomplete without an abort or a source error');
    if (!aborted && !c.endless) assert.equal(report.complete, true, 'S2: not aborted, not thrown: complete');
    const unread = track.yielded - n;
    assert.ok(unread === 0 || (unread === 1 && !report.complete && (c.source === 'asyncGen' || c.source === 'asyncIterObj')), `S2: ${unread} record(s) yielded but given no outcome`);
  }

  // S3: indexed means stored; aborted only after the abort; inFlight false means not stored; never sent means attempts 0
  for (const o of report.outcomes) {
    const id = b.idOf(o.position);
    const sent = log.sent.get(o.id ?? '') ?? 0;
    if (o.status === 'indexed') {
      assert.ok(stub.store.has(`fz/${o.id}`), `S3: ${o.position} indexed but not stored`);
      continue;
    }
    if (o.kind === 'aborted' || o.kind === 'deadline') {
      assert.ok(aborted, `S3: ${o.position} ${o.kind} without an abort`);
      assert.equal(o.retryable, true, `S3: ${o.position} ${o.kind} not retryable`);
      assert.equal(o.kind, c.reason === 'timeout' ? 'deadline' : 'aborted', `S3: ${o.position} kind by the reason`);
      assert.ok(o.error instanceof IngestAbortedError, `S3: ${o.position} error ${String(o.error)}`);
      if (!o.error.inFlight && id !== undefined && !b.dupIds.has(id)) {
        assert.ok(!stub.store.has(`fz/${id}`), `S3: ${o.position} reported not in flight (not stored) but the server stored it`);
      }
    }
    // (a request the signal cut may never have reached the server: attempts counts it)
    if (id !== undefined && !b.dupIds.has(id) && sent === 0 && !aborted) assert.equal(o.attempts, 0, `S3: ${o.position} never sent but attempts ${o.attempts}`);
    if (id !== undefined && !b.dupIds.has(id) && !aborted) assert.equal(sent, o.attempts, `S3: ${o.position} sent ${sent} times, attempts ${o.attempts}`);
  }

  // S4: fifo groups
  if (fifo) {
    const firstFailed = new Map<string, number>();
    for (const o of report.outcomes) {
      const g = b.groupOf(o.position);
      const f = firstFailed.get(g);
      if (f !== undefined) assert.equal(o.status, 'failed', `S4: ${o.position} of group ${g} ${o.status} after ${f} failed`);
      if (o.status === 'failed' && f === undefined) firstFailed.set(g, o.position);
      if (o.status === 'failed' && o.kind === 'fifo_group_failed') {
        assert.ok(o.error instanceof FifoGroupFailedError);
        const at = o.error.failedPosition;
        // the blamed record failed, or was the group's head still being retried when this one was acknowledged first (README FIFO mode)
        const blamed = report.outcomes[at];
        assert.ok(at < o.position && b.groupOf(at) === g && blamed !== undefined && (blamed.status === 'failed' || blamed.attempts > 1), `S4: ${o.position} blames ${at}, not an earlier failure of group ${g}`);
        const id = b.idOf(o.position);
        // (a record of a request refused whole and then halved says "was not sent" with attempts 1: that request stored nothing)
        if (/was not sent/.test(o.error.message) && o.attempts === 0 && id !== undefined && !b.dupIds.has(id)) assert.equal(log.sent.get(id) ?? 0, 0, `S4: ${o.position} said not sent, but was`);
      }
    }
  }

  // S5: bounded memory for iterables
  if (!isArray) assert.ok(track.maxHeld <= bound, `S5: ${track.maxHeld} records held, bound ${bound}`);

  // S6: adapters
  const keyed = report.outcomes.every((o) => typeof o.key === 'string');
  if (!report.complete) assert.throws(() => toBatchItemFailures(report), /incomplete/, 'S6: an incomplete report must be refused');
  else if (keyed) {
    const failed = report.outcomes.filter((o) => o.status === 'failed').map((o) => o.key!);
    assert.deepEqual(toBatchItemFailures(report).batchItemFailures.map((f) => f.itemIdentifier), [...new Set(failed)], 'S6: batchItemFailures');
  }
}

/** The case as JSON: INGEST_SOURCES_CASE='<it>' replays it alone. */
function describeCase(c: Case): string {
  return JSON.stringify(c);
}

if (process.env.INGEST_SOURCES_CASE !== undefined) {
  test('replay of INGEST_SOURCES_CASE', { timeout: 60_000 }, async () => {
    await runCase(JSON.parse(process.env.INGEST_SOURCES_CASE!) as Case);
  });
}

describe('ingest fed by hostile sources, stopped at seeded moments', () => {
  test('S1-S6 hold over seeded cases', { timeout: 120_000 }, async () => {
    const { numRuns, seed } = runsOf(250, BASE_SEED);
    console.log(`ingest-sources-hostile-fuzz: seed ${seed}, ${numRuns} runs (INGEST_SOURCES_SEED=${seed} INGEST_SOURCES_RUNS=${numRuns} to replay)`);
    let current = '';
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        current = describeCase(c);
        await runCase(c);
      }),
      { seed, numRuns, endOnFailure: true, interruptAfterTimeLimit: 100_000,
        reporter: (out) => { if (out.failed) throw new Error(`seed ${seed} path ${out.counterexamplePath}: ${current}\n${String(out.errorInstance)}`); } },
    );
    console.log(`ingest-sources-hostile-fuzz: states reached ${JSON.stringify(Object.fromEntries(tally))}`);
  });
});

// ---------------------------------------------------------------------------------------------
// SQS FIFO through the example's event reader and toBatchItemFailures

type MsgFault = 'ok' | 'final400' | 'always429' | 'once429' | 'mismatchOnce' | 'mismatchAlways' | 'badBody';

type WholeFault = 'none' | 'whole429' | 'reset' | 'shortItems' | 'abort';
interface SqsCase { messages: Array<{ id: number; group: number; queue: number; fault: MsgFault }>; maxBatchCount: number; retries: number; seed: number; whole: WholeFault; wholeAt: number }

const sqsArb: fc.Arbitrary<SqsCase> = fc.record({
  messages: fc.array(fc.record({
    id: fc.integer({ min: 0, max: 11 }), group: fc.integer({ min: -1, max: 2 }), queue: fc.integer({ min: 0, max: 2 }),
    fault: fc.constantFrom<MsgFault>('ok', 'ok', 'ok', 'ok', 'final400', 'always429', 'once429', 'mismatchOnce', 'mismatchAlways', 'badBody'),
  }), { minLength: 1, maxLength: 12 }),
  maxBatchCount: fc.integer({ min: 1, max: 6 }),
  retries: fc.integer({ min: 1, max: 2 }),
  seed: fc.integer({ min: 0, max: 2 ** 30 }),
  whole: fc.constantFrom<WholeFault>('none', 'none', 'whole429', 'reset', 'shortItems', 'abort'),
  wholeAt: fc.integer({ min: 0, max: 3 }),
});

const QUEUES = ['arn:aws:sqs:us-east-1:123456789012:q1.fifo', 'arn:aws:sqs:us-east-1:123456789012:q2.fifo', 'arn:aws:sqs:us-east-1:123456789012:std'];

async function runSqsCase(c: SqsCase): Promise<void> {
  stub.store.clear();
  stub.requests.length = 0;
  // a messageId seen twice keeps its first copy's fault (it is one document)
  const faultOf = new Map<string, MsgFault>();
  const msgs = c.messages.map((m) => {
    const messageId = `m${m.id}`;
    if (!faultOf.has(messageId)) faultOf.set(messageId, m.fault);
    return { ...m, messageId, fault: faultOf.get(messageId)! };
  });
  const event = {
    Records: msgs.map((m) => ({
      messageId: m.messageId, receiptHandle: `rh-${m.messageId}`, body: m.fault === 'badBody' ? 'not json' : JSON.stringify({ m: m.messageId }),
      md5OfBody: '', messageAttributes: {}, eventSource: 'aws:sqs', eventSourceARN: QUEUES[m.queue]!, awsRegion: 'us-east-1',
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0', ...(m.group >= 0 ? { MessageGroupId: GROUPS[m.group]! } : {}) },
    })),
  };
  const seenTimes = new Map<string, number>();
  const controller = new AbortController();
  let requestNo = 0;
  stub.plan = (items, _n, s) => {
    const n = requestNo++;
    if (n === c.wholeAt && c.whole !== 'none') {
      if (c.whole === 'whole429') return { kind: 'json', status: 429, body: { error: { type: 'es_rejected_execution_exception', reason: 'busy' }, status: 429 } };
      if (c.whole === 'reset') return { kind: 'reset' };
      if (c.whole === 'abort') controller.abort(new DOMException('deadline', 'TimeoutError'));
    }
    const answer = answerOf(items, s) as { kind: 'json'; body: { items: unknown[] } };
    if (n === c.wholeAt && c.whole === 'shortItems') answer.body.items = answer.body.items.slice(1);
    return answer;
  };
  const answerOf = (items: StubItem[], s: BulkStub): StubReply => honest(items.map((it) => {
    const k = (seenTimes.get(it.id) ?? 0) + 1;
    seenTimes.set(it.id, k);
    const f = faultOf.get(it.id) ?? 'ok';
    if (f === 'final400') return s.apply(it, 'mapping400');
    if (f === 'always429' || (f === 'once429' && k === 1)) return s.apply(it, 'reject429');
    if (f === 'mismatchAlways' || (f === 'mismatchOnce' && k === 1)) {
      const a = s.apply(it);
      return { item: { index: { ...a.item.index, _id: `${it.id}-other` } }, applied: true };
    }
    return s.apply(it);
  }));
  const { records, fifo } = sqsIngestRecords(event, 'fz');
  const report = await ingest(client, records, { fifo, maxBatchCount: c.maxBatchCount, retries: c.retries, minDelayMs: 0, maxDelayMs: 1, signal: controller.signal });
  assert.equal(report.complete, true, 'Q0: an array input is complete');
  const failedIds = toBatchItemFailures(report).batchItemFailures.map((f) => f.itemIdentifier);
  // exactly the failed keys, once each, first occurrences in input order
  const failedKeys = report.outcomes.filter((o) => o.status === 'failed').map((o) => o.key!);
  assert.deepEqual(failedIds, [...new Set(failedKeys)], 'Q1: batchItemFailures are exactly the failed messageIds, once each, in input order');
  const groupOf = (i: number): string => {
    const m = msgs[i]!;
    return QUEUES[m.queue]!.endsWith('.fifo') ? `${m.queue}/${m.group}` : `std/${i}`;
  };
  const finalFail = (f: MsgFault): boolean => f === 'final400' || f === 'always429' || f === 'mismatchAlways' || f === 'badBody';
  const troubled = (f: MsgFault): boolean => f !== 'ok';
  for (let i = 0; i < msgs.length; i++) {
    const o = report.outcomes[i]!;
    const m = msgs[i]!;
    const g = groupOf(i);
    const earlier = msgs.slice(0, i).map((x, j) => ({ x, j })).filter(({ j }) => groupOf(j) === g);
    // a message with a final fault of its own fails
    if (finalFail(m.fault)) assert.equal(o.status, 'failed', `Q2: ${m.messageId}@${i} (${m.fault}) must fail`);
    // after a failed message of a group, every later message of that group fails (the queue redelivers it in order)
    if (earlier.some(({ j }) => report.outcomes[j]!.status === 'failed')) assert.equal(o.status, 'failed', `Q3: ${m.messageId}@${i} follows a failure in group ${g}`);
    // a failure needs a cause: its own trouble or trouble earlier in its group; other groups stay unaffected
    if (o.status === 'failed' && !troubled(m.fault) && c.whole === 'none') {
      assert.ok(earlier.some(({ x }) => troubled(x.fault)), `Q4: ${m.messageId}@${i} failed (${o.kind}) with no trouble in group ${g}`);
    }
    if (o.status === 'indexed') assert.ok(stub.store.has(`fz/${m.messageId}`), `Q5: ${m.messageId} indexed but not stored`);
  }
  // a message reported delivered (not in batchItemFailures) had every copy indexed
  for (let i = 0; i < msgs.length; i++) {
    if (!failedIds.includes(msgs[i]!.messageId)) assert.equal(report.outcomes[i]!.status, 'indexed', `Q6: ${msgs[i]!.messageId}@${i} deleted from the queue but not indexed`);
  }
}

describe('SQS FIFO through the example event reader: groups, duplicates, retries', () => {
  test('Q1-Q6 hold over seeded events', { timeout: 60_000 }, async () => {
    const { numRuns, seed } = runsOf(150, BASE_SEED + 1);
    console.log(`ingest-sources-hostile-fuzz (sqs): seed ${seed}, ${numRuns} runs`);
    let current = '';
    await fc.assert(fc.asyncProperty(sqsArb, async (c) => { current = JSON.stringify(c); await runSqsCase(c); }),
      { seed, numRuns, endOnFailure: true,
        reporter: (out) => { if (out.failed) throw new Error(`seed ${seed} path ${out.counterexamplePath}: ${current}\n${String(out.errorInstance)}`); } });
  });
});

// ---------------------------------------------------------------------------------------------
// Examples

describe('examples: sources that misbehave', () => {
  test('an iterable whose [Symbol.iterator]() throws ends with IngestSourceError (README: an input that throws)', async () => {
    stub.plan = (items, _n, s) => honest(items.map((i) => s.apply(i)));
    const input = { [Symbol.iterator](): Iterator<never> { throw new Error('cannot open the input'); } };
    await assert.rejects(ingest(client, input), (e: unknown) => e instanceof IngestSourceError && e.report.complete === false && e.report.stats.total === 0);
  });

  test('an async iterable whose [Symbol.asyncIterator] getter throws ends with IngestSourceError', async () => {
    const input = { get [Symbol.asyncIterator](): never { throw new Error('cannot open the stream'); } };
    await assert.rejects(ingest(client, input as never), (e: unknown) => e instanceof IngestSourceError && e.report.complete === false);
  });

  test('an array (Proxy) whose length throws once aborted: the records already settled are still reported', async () => {
    stub.plan = (items, _n, s) => honest(items.map((i) => s.apply(i)));
    const c = new AbortController();
    const arr = [0, 1, 2, 3, 4, 5].map((i) => ({ index: 'fz', id: `p${i}`, document: { i } }));
    const input = new Proxy(arr, { get(t, k, r) { if (k === 'length' && c.signal.aborted) throw new Error('length unavailable'); return Reflect.get(t, k, r) as unknown; } });
    let settled = 0;
    const outcome = await ingest(client, input, { signal: c.signal, maxBatchCount: 1, concurrency: 1, onOutcome: () => { settled++; c.abort(); } })
      .then((r) => ({ report: r }), (e: unknown) => ({ error: e }));
    assert.ok(settled >= 1 && settled < arr.length);
    assert.ok('report' in outcome || (outcome.error instanceof IngestSourceError && outcome.error.report.stats.total === settled),
      `the settled record's outcome was lost: ${'error' in outcome ? String(outcome.error) : ''}`);
  });

  test('an onOutcome that removes indexed records from the input array: no record is left without an outcome in a complete report', async () => {
    stub.plan = (items, _n, s) => honest(items.map((i) => s.apply(i)));
    const records = ['m0', 'm1', 'm2', 'm3', 'm4', 'm5'].map((id) => ({ index: 'fz', id: `mut-${id}`, key: id, document: {} }));
    const keys = records.map((r) => r.key);
    const result = await ingest(client, records, { maxBatchCount: 2, concurrency: 1,
      onOutcome: (o) => { const at = records.findIndex((r) => r.key === o.key); if (at >= 0) records.splice(at, 1); } })
      .then((r) => r, (e: unknown) => e);
    // the SDK's answer: the changed array is an input that throws (IngestSourceError with an incomplete report)
    const report = result instanceof IngestSourceError ? result.report : (result as IngestReport);
    if (result instanceof IngestSourceError) assert.match(result.message, /the records array changed while ingest read it/);
    const reported = new Set(report.outcomes.map((o) => o.key));
    const missing = keys.filter((k) => !reported.has(k));
    // either every message has its outcome, or the report says it is not complete (the adapters then refuse it)
    if (!(missing.length === 0 || report.complete === false)) assert.fail(`complete report, but no outcome for ${missing.join(', ')}; toBatchItemFailures: ${JSON.stringify(toBatchItemFailures(report))}`);
    // and the adapters refuse a report that is not complete (the whole batch is redelivered)
    if (report.complete === false) assert.throws(() => toBatchItemFailures(report), /incomplete/);
  });

  test('an async source that ends (done) as the signal aborts: every record has its outcome, so the report is complete', async () => {
    stub.plan = (items, _n, s) => honest(items.map((i) => s.apply(i)));
    const c = new AbortController();
    let n = 0;
    const iterator = {
      next: (): Promise<IteratorResult<IngestRecord>> => {
        if (n < 2) { n++; return Promise.resolve({ done: false, value: { index: 'fz', id: `end-${n}`, key: `e${n}`, document: {} } }); }
        // the end of the input is handed over as the signal aborts (the same turn)
        return new Promise((resolve) => { c.signal.addEventListener('abort', () => resolve({ done: true, value: undefined })); setImmediate(() => c.abort()); });
      },
    };
    const report = await ingest(client, { [Symbol.asyncIterator]: () => iterator }, { signal: c.signal });
    assert.equal(report.stats.total, 2);
    assert.equal(report.complete, true, 'the input had ended: nothing is unread, yet toBatchItemFailures refuses the report and the whole batch is redelivered');
  });

  test('fifo: a record with a non-string groupId fails alone; it does not fail the later records that have no group', async () => {
    stub.plan = (items, _n, s) => honest(items.map((i) => s.apply(i)));
    const report = await ingest(client, [
      { index: 'fz', id: 'g1', key: 'g1', groupId: 5 as unknown as string, document: {} },
      { index: 'fz', id: 'g2', key: 'g2', document: {} },
    ], { fifo: true });
    assert.equal(report.outcomes[0]!.status === 'failed' && report.outcomes[0]!.kind, 'invalid_record');
    assert.equal(report.outcomes[1]!.status, 'indexed', `g2: ${report.outcomes[1]!.status === 'failed' ? report.outcomes[1]!.kind : ''}`);
  });

  test('an async source whose return() never settles and that yields every 50 ms: an abort mid-bulk settles ingest; records cut in flight may be stored, later ones not', async () => {
    const c = new AbortController();
    let n = 0;
    stub.plan = async (items, k, s) => {
      if (k === 1) c.abort(new DOMException('deadline', 'TimeoutError'));
      const answer = honest(items.map((i) => s.apply(i)));
      await new Promise((r) => setTimeout(r, 10));
      return answer;
    };
    stub.store.clear();
    stub.requests.length = 0;
    const iterator = {
      next: async () => { await new Promise((r) => setTimeout(r, 50)); n++; return { done: false, value: { index: 'fz', id: `s${n}`, key: `s${n}`, document: { n } } }; },
      return: () => new Promise(() => undefined),
    };
    const report = await ingest(client, { [Symbol.asyncIterator]: () => iterator as AsyncIterator<IngestRecord> }, { signal: c.signal, maxBatchCount: 2, concurrency: 1 });
    assert.equal(report.complete, false);
    assert.equal(report.outcomes.length, report.stats.total);
    const [first, second] = [report.outcomes.slice(0, 2), report.outcomes.slice(2, 4)];
    assert.ok(first.every((o) => o.status === 'indexed'));
    for (const o of second) {
      assert.ok(o.status === 'failed' && o.kind === 'deadline' && o.retryable && o.error instanceof IngestAbortedError && o.error.inFlight, `${o.key}`);
    }
    for (const o of report.outcomes.slice(4)) assert.ok(o.status === 'failed' && o.kind === 'deadline' && o.attempts === 0 && !stub.store.has(`fz/${o.id}`));
  });
});
