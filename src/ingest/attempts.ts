/**
 * The attempts of one chunk: send, judge each record's answer, settle the final ones, and send the
 * transient failures again after the SDK's one back-off (retry/backoff.ts) until `retries` runs out.
 */
import { errors } from '@opensearch-project/opensearch';
import { toTypedError } from '../errors/boundary.js';
import { redactText } from '../errors/redact.js';
import { SecretSet } from '../errors/secrets.js';
import { computeDelay, sleep } from '../retry/backoff.js';
import { BulkResponseMismatchError } from './errors.js';
import { classifyRequestFailure, itemErrorsOfAnswer, itemKindsOfAnswer, refusedWhole, type BulkItemError } from './item-errors.js';
import { matchBulkResponse, type ItemVerdict } from './response.js';
import type { IngestState, Pending } from './run-state.js';
import { AbortedBeforeSending, resentOf, type BulkAnswer, type BulkSender } from './send.js';
import type { IngestFailure, IngestOutcome } from './types.js';
import { setOwn } from '../errors/own.js';

/** `e instanceof kind`, false for a value whose Proxy trap throws (a caller's abort reason is never one of ours). */
function isOurs(e: unknown, kind: abstract new (...args: never[]) => unknown): boolean {
  try {
    return e instanceof kind;
  } catch {
    return false;
  }
}

/**
 * Wait before retry round `round` (1-based): the SDK's full-jitter computeDelay with `minMs` as its
 * base, never below `minMs / 2` nor below Retry-After, never above `maxMs`.
 */
export function itemRetryDelay(round: number, minMs: number, maxMs: number, random: () => number = Math.random, retryAfterMs?: number): number {
  const floor = Math.max(minMs / 2, retryAfterMs ?? 0);
  return computeDelay(round, { minDelayMs: minMs, maxDelayMs: maxMs }, floor, random);
}

/** What one attempt concluded for one record. */
type Result = { p: Pending; type: 'ok'; outcome: IngestOutcome } | { p: Pending; type: 'fail' | 'retry'; failure: IngestFailure };

/** The secrets item errors of one answer are redacted with: the client's plus what that request put on the wire (made once, when first needed). */
type AnswerSecrets = () => SecretSet | undefined;

/** The kinds of the items of one answer (item-errors.ts itemKindsOfAnswer). */
type ItemKinds = ReturnType<typeof itemKindsOfAnswer>;

function judge(state: IngestState, p: Pending, verdict: ItemVerdict, secrets: AnswerSecrets, itemError: (status: number, error: BulkItemError) => Error, itemKind: ItemKinds): Result {
  const { item } = p;
  // after an attempt that may have been applied, the result is what the node said to this one (a delete's not_found,
  // an index's updated, an update's noop may be the earlier attempt's doing): marked ambiguous
  if (verdict.type === 'ok') return { p, type: 'ok', outcome: state.success(p, verdict.result, p.ambiguous) };
  if (verdict.type === 'mismatch') {
    // The record may have been stored by this request: sending it again is safe (fixed id), and a
    // create that then meets 409 is known to exist.
    p.ambiguous = true;
    return { p, type: 'retry', failure: state.failure(p, new BulkResponseMismatchError(redactText(verdict.reason, secrets())), 'response_mismatch', true) };
  }
  const { status, error } = verdict;
  if (item.action === 'delete' && status === 404 && verdict.bare) {
    return { p, type: 'ok', outcome: state.success(p, 'not_found', p.ambiguous) };
  }
  const { kind, retryable } = itemKind(status, error);
  // A create with a fixed id, an earlier attempt that may have landed, and now "already exists"; or
  // with a UUID this call generated: only a send of this record (ours, or a proxy's re-send) can have
  // stored it. Ids from the caller's generateId may repeat, so they count as the caller's own ids.
  const ownUuid = item.generatedId && state.opts.uniqueIds;
  if (kind === 'conflict' && item.action === 'create' && (p.ambiguous || ownUuid || state.opts.idempotentCreate)) {
    return { p, type: 'ok', outcome: state.success(p, 'created', !ownUuid) };
  }
  const failure = state.failure(p, itemError(status, error), kind, retryable);
  return { p, type: retryable ? 'retry' : 'fail', failure };
}

/** The NDJSON body of a bulk request for `pending` (one string, built once per attempt). */
export function bulkBodyOf(pending: readonly Pending[]): string {
  const parts = new Array<string>(pending.length);
  for (let i = 0; i < pending.length; i++) parts[i] = (pending[i] as Pending).item.lines;
  return parts.join('');
}

/**
 * Sends `pending` once (`bulkBody`: its body when already built); returns one result per record,
 * undefined when the signal cut the request (records settled), or 'split' when the request was
 * refused whole and `canSplit` allows sending its records again in halves.
 */
async function attemptOnce(state: IngestState, send: BulkSender, pending: Pending[], bulkBody: string | undefined, canSplit: boolean): Promise<Result[] | 'split' | undefined> {
  for (const p of pending) {
    p.attempts++;
    // a Retry-After holds for the answer that carried it, not for later rounds
    setOwn(p, 'retryAfterMs', undefined);
  }
  state.stats.bulkRequests++;
  const signal = state.opts.signal;
  let answer: BulkAnswer;
  try {
    answer = await send(bulkBody ?? bulkBodyOf(pending), signal);
  } catch (e) {
    // Our signal (its reason; a failure that had come before it is the node's), or the client's own abort
    // (createClient's retry.signal): the request was cut.
    if ((signal?.aborted === true && e === signal.reason) || isOurs(e, AbortedBeforeSending) || isOurs(e, errors.RequestAbortedError)) {
      // cut while the client still waited for credentials: nothing left, so nothing is ambiguous or counted
      const unsent = isOurs(e, AbortedBeforeSending);
      if (unsent) {
        state.stats.bulkRequests--;
        for (const p of pending) p.attempts--;
      }
      state.abortAll(pending, !unsent);
      return undefined;
    }
    const typed = toTypedError(e, state.secrets === undefined ? {} : { secrets: state.secrets });
    if (state.isClosed(typed)) {
      // client.close() was called: this request was not sent and none will be; no back-off, no later chunk
      state.closedBy ??= typed instanceof Error ? typed : new Error(String(typed));
      state.stats.bulkRequests--;
      for (const p of pending) p.attempts--;
      return pending.map((p) => ({ p, type: 'fail', failure: state.closedFailure(p) }));
    }
    const rf = classifyRequestFailure(typed);
    if (rf.notSent === true) {
      // no credentials to send it with: this request never left
      state.stats.bulkRequests--;
      for (const p of pending) p.attempts--;
    } else {
      state.stats.bulkRequests += resentOf((typed as { attempts?: unknown } | null)?.attempts, 1);
    }
    const together = pending.length > 1 && refusedWhole(typed);
    if (canSplit && together) return 'split';
    const error = typed instanceof Error ? typed : new Error(String(typed));
    // Past the split budget the record the refusal is about is not known: each may succeed sent apart
    if (together) return pending.map((p) => ({ p, type: 'fail', failure: state.failure(p, error, rf.kind, true) }));
    return pending.map((p) => {
      p.ambiguous ||= rf.ambiguous;
      if (rf.retryAfterMs !== undefined) p.retryAfterMs = rf.retryAfterMs;
      return { p, type: rf.retryable ? 'retry' : 'fail', failure: state.failure(p, error, rf.kind, rf.retryable) };
    });
  }
  state.stats.bulkRequests += answer.resent;
  let set: SecretSet | undefined;
  const secrets: AnswerSecrets = () => (set ??= SecretSet.plusWire(state.secrets, answer.wireSecrets));
  const verdicts = matchBulkResponse(pending.map((p) => p.item), answer.body, answer.status, secrets);
  const itemError = itemErrorsOfAnswer('POST', '/_bulk', secrets);
  const itemKind = itemKindsOfAnswer();
  return pending.map((p, i) => judge(state, p, verdicts[i] ?? { type: 'mismatch', reason: 'no verdict' }, secrets, itemError, itemKind));
}

/**
 * Settles final results and returns the records to send again. fifo mode: within a group, once a
 * record did not succeed, a later record that did is reported failed (it was applied out of
 * order; the queue redelivers it after the earlier one), and after a final failure every later
 * record of the group fails too.
 */
function apply(state: IngestState, results: Result[]): Pending[] {
  const retry: Pending[] = [];
  const retrying = new Set<string>();
  for (const r of results) {
    const { p } = r;
    const before = state.failedBefore(p.item);
    if (before !== undefined) {
      state.settleFifo(p, before, true);
      continue;
    }
    const group = p.item.groupId ?? '';
    if (r.type === 'ok') {
      if (state.opts.fifo && retrying.has(group)) state.settleFifo(p, retryHead(retry, group), true, true);
      else state.settlePending(p, r.outcome);
    } else if (r.type === 'fail') {
      state.settlePending(p, r.failure);
    } else {
      p.lastFailure = r.failure;
      retrying.add(group);
      retry.push(p);
    }
  }
  return retry;
}

function retryHead(retry: Pending[], group: string): number {
  return retry.find((p) => (p.item.groupId ?? '') === group)?.item.position ?? -1;
}

/** Requests one chunk may spend on halving after whole-request refusals (one bad record in 1000 takes about 20). */
const SPLIT_REQUESTS = 64;

/**
 * Runs every attempt of one chunk; settles each of its records exactly once. Never rejects.
 * `firstBody`: the chunk's body, built while the chunk waited for its turn (used when every record
 * of the chunk is sent in the first attempt). A request refused whole is sent again in halves, one
 * after the other (fifo order kept), within `splits` requests.
 */
export async function runChunk(state: IngestState, send: BulkSender, chunk: Pending[], firstBody?: string, splits = { left: SPLIT_REQUESTS }): Promise<void> {
  const { opts } = state;
  let pending = chunk;
  try {
    for (let round = 1; ; round++) {
      const sendable: Pending[] = [];
      for (const p of pending) {
        const before = state.failedBefore(p.item);
        if (before !== undefined) state.settleFifo(p, before, false);
        else sendable.push(p);
      }
      if (sendable.length === 0) return;
      if (state.closedBy !== undefined) {
        for (const p of sendable) state.settlePending(p, state.closedFailure(p));
        return;
      }
      if (opts.signal?.aborted) {
        state.abortAll(sendable, false);
        return;
      }
      const results = await attemptOnce(state, send, sendable, round === 1 && sendable.length === chunk.length ? firstBody : undefined, splits.left >= 2);
      if (results === 'split') {
        splits.left -= 2;
        const half = Math.ceil(sendable.length / 2);
        await runChunk(state, send, sendable.slice(0, half), undefined, splits);
        await runChunk(state, send, sendable.slice(half), undefined, splits);
        return;
      }
      const retry = results === undefined ? [] : apply(state, results);
      state.progress();
      if (retry.length === 0) return;
      if (round > opts.retries) {
        for (const p of retry) if (p.lastFailure !== undefined) state.settlePending(p, p.lastFailure);
        return;
      }
      const retryAfter = Math.max(0, ...retry.map((p) => p.retryAfterMs ?? 0));
      if (retryAfter > opts.maxDelayMs) {
        // the server asked for a longer wait than allowed: failed and retryable now, not re-sent early
        for (const p of retry) if (p.lastFailure !== undefined) state.settlePending(p, p.lastFailure);
        return;
      }
      try {
        await sleep(itemRetryDelay(round, opts.minDelayMs, opts.maxDelayMs, Math.random, retryAfter), opts.signal);
      } catch {
        state.abortAll(retry, false);
        return;
      }
      state.stats.retries += retry.length;
      pending = retry;
    }
  } catch (e) {
    // A defect of our own must still leave every record with an outcome.
    const error = e instanceof Error ? e : new Error(String(e));
    for (const p of chunk) if (!p.done) state.settlePending(p, state.failure(p, error, 'transport', true));
  }
}
