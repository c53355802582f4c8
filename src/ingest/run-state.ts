/**
 * The bookkeeping of one `ingest` call: each record settles exactly once (stats, retained outcomes,
 * callbacks), callbacks are contained, and in fifo mode the failed message groups are remembered.
 */
import { callObserver } from '../client/observer.js';
import type { SecretSet } from '../errors/secrets.js';
import type { PreparedItem, RecordLabel } from './chunk.js';
import { kCoverage, type Coverage } from './adapters.js';
import { explainedDeadline } from './deadline.js';
import { FifoGroupFailedError, IngestAbortedError } from './errors.js';
import type { ResolvedIngestOptions } from './options.js';
import type { IngestFailure, IngestFailureKind, IngestOutcome, IngestReport, IngestStats, IngestSuccess } from './types.js';
import { opt, setOwn } from '../errors/own.js';

/** A record on its way: prepared, counted attempts, and what its last failure was. */
export interface Pending {
  item: PreparedItem;
  attempts: number;
  /** A previous attempt may have been applied (the connection died after sending, the answer was unreadable). */
  ambiguous: boolean;
  lastFailure?: IngestFailure;
  /** Retry-After of the last failure, in ms. */
  retryAfterMs?: number;
  /** Settled: its outcome is final. */
  done: boolean;
}

/** The state of one ingest call. */
export class IngestState {
  readonly stats: IngestStats = { total: 0, indexed: 0, failed: 0, retries: 0, bulkRequests: 0, failuresByKind: {}, elapsedMs: 0, recordsPerSecond: 0 };
  readonly #started = performance.now();
  readonly #kept: Array<IngestOutcome | undefined> = [];
  /** fifo mode: per group, the lowest input position of a record of that group that failed. */
  readonly #failedFrom = new Map<string, number>();

  /** Set once the client answered that it was closed (client.close()): nothing more is sent, every record left fails with it. */
  closedBy: Error | undefined;

  /** `isClosed`: whether a failed send says the client was closed. */
  constructor(readonly opts: ResolvedIngestOptions, readonly secrets: SecretSet | undefined, readonly isClosed: (error: unknown) => boolean = () => false) {}

  /** Records the final outcome of a record (exactly once per record: callers settle each Pending once). */
  settle(outcome: IngestOutcome): void {
    if (outcome.status === 'indexed') this.stats.indexed++;
    else {
      this.stats.failed++;
      setOwn(this.stats.failuresByKind, outcome.kind, (opt(this.stats.failuresByKind, outcome.kind) ?? 0) + 1);
    }
    if (this.opts.outcomes === 'all') this.#kept[outcome.position] = outcome;
    else if (this.opts.outcomes === 'failed' && outcome.status === 'failed') this.#kept.push(outcome);
    callObserver(this.opts.onOutcome, outcome);
  }

  /** Settles a pending record once; later calls for the same record are ignored. */
  settlePending(p: Pending, outcome: IngestOutcome): void {
    if (p.done) return;
    p.done = true;
    if (outcome.status === 'failed' && this.opts.fifo) this.#markGroupFailed(p.item.groupId ?? '', p.item.position);
    this.settle(outcome);
  }

  /**
   * Settles a record that could not be prepared. `groupUnusable`: it has a groupId that is no string (or could not be
   * read): its group is unknown, so it fails alone rather than failing the records that have no group.
   */
  settleInvalid(position: number, label: RecordLabel, error: Error, groupUnusable = false): void {
    if (this.opts.fifo && !groupUnusable) this.#markGroupFailed(label.groupId ?? '', position);
    this.settle({ status: 'failed', position, key: label.key, action: label.action, index: label.index, id: label.id, error, kind: 'invalid_record', retryable: false, attempts: 0 });
  }

  #markGroupFailed(group: string, position: number): void {
    const from = this.#failedFrom.get(group);
    if (from === undefined || position < from) this.#failedFrom.set(group, position);
  }

  /** fifo mode: the position of an earlier failed record of this record's group, if any. */
  failedBefore(item: PreparedItem): number | undefined {
    if (!this.opts.fifo) return undefined;
    const from = this.#failedFrom.get(item.groupId ?? '');
    return from !== undefined && from < item.position ? from : undefined;
  }

  /** A failed outcome of a pending record. */
  failure(p: Pending, error: Error, kind: IngestFailureKind, retryable: boolean): IngestFailure {
    const { item } = p;
    return { status: 'failed', position: item.position, key: item.key, action: item.action, index: item.index, id: item.id, error, kind, retryable, attempts: p.attempts };
  }

  /** A success outcome of a pending record. */
  success(p: Pending, result: string, ambiguous = false): IngestSuccess {
    const { item } = p;
    const o: IngestSuccess = { status: 'indexed', position: item.position, key: item.key, action: item.action, index: item.index, id: item.id,
      result, generatedId: item.generatedId, attempts: p.attempts };
    if (ambiguous) o.ambiguous = true;
    return o;
  }

  /** fifo mode: settles `p` as failed because record `failedPosition` of its group failed first. */
  settleFifo(p: Pending, failedPosition: number, sent: boolean, headRetrying = false): void {
    const group = p.item.groupId ?? '';
    const head = `record ${failedPosition} of message group ${JSON.stringify(group)} ${headRetrying ? 'is being retried' : 'failed earlier'}`;
    // what happened to this record: indexed while the head waits for its retry, sent beside the failure, or held back
    const what = sent
      ? headRetrying ? 'was indexed but is reported failed' : 'was sent in the same bulk request and is reported failed'
      : p.attempts > 0 ? 'is not sent again' : 'was not sent';
    const error = new FifoGroupFailedError(`${head}, so this later record ${what} to keep the group's order`, group, failedPosition);
    this.settlePending(p, this.failure(p, error, 'fifo_group_failed', true));
  }

  /** The kind for records stopped by the signal: `deadline` when its reason is a TimeoutError. */
  abortKind(): 'aborted' | 'deadline' {
    const reason = this.opts.signal?.reason as { name?: unknown } | undefined;
    try {
      return reason?.name === 'TimeoutError' ? 'deadline' : 'aborted';
    } catch {
      return 'aborted'; // a caller's reason whose getter or Proxy trap throws is an abort all the same
    }
  }

  /** The failure of a record stopped by the signal (`inFlight`: its bulk request was cut). */
  abortFailure(p: Pending, cutInFlight: boolean): IngestFailure {
    const kind = this.abortKind();
    // an earlier attempt that may have been applied leaves the record as uncertain as a cut request
    const inFlight = cutInFlight || p.ambiguous;
    const when = cutInFlight
      ? 'cut its bulk request in flight (the record may or may not be stored)'
      : `stopped ingestion before this record was acknowledged${p.ambiguous ? ' (an earlier attempt may have stored it)' : ''}`;
    const error = new IngestAbortedError(`the ${kind === 'deadline' ? 'deadline' : 'abort signal'} ${when}${this.#why()}`, inFlight, p.lastFailure?.error);
    return this.failure(p, error, kind, true);
  }

  /** What deadlineSignal said about a deadline that was already due when it was made (`: ...`), else ''. */
  #why(): string {
    const why = explainedDeadline(this.opts.signal?.reason);
    return why === undefined ? '' : `: ${why}`;
  }

  /** Settles every record of `pending` as stopped by the signal. */
  abortAll(pending: readonly Pending[], inFlight: boolean): void {
    for (const p of pending) this.settlePending(p, this.abortFailure(p, inFlight));
  }

  /** The failure of a record not sent because the client was closed (retryable: nothing of it reached the server). */
  closedFailure(p: Pending): IngestFailure {
    return this.failure(p, this.closedBy as Error, 'transport', true);
  }

  /** Settles a record of an array input that was never taken because the signal or a closed client stopped ingestion. */
  settleUntaken(position: number, label: RecordLabel): void {
    if (this.closedBy !== undefined) {
      this.settle({ status: 'failed', position, key: label.key, action: label.action, index: label.index, id: label.id, error: this.closedBy, kind: 'transport', retryable: true, attempts: 0 });
      return;
    }
    const kind = this.abortKind();
    const error = new IngestAbortedError(`the ${kind === 'deadline' ? 'deadline' : 'abort signal'} stopped ingestion before this record was sent${this.#why()}`, false);
    this.settle({ status: 'failed', position, key: label.key, action: label.action, index: label.index, id: label.id, error, kind, retryable: true, attempts: 0 });
  }

  /** The running totals (a copy). */
  snapshot(): IngestStats {
    const s = this.stats;
    s.elapsedMs = Math.round(performance.now() - this.#started);
    s.recordsPerSecond = s.elapsedMs > 0 ? Math.round(((s.indexed + s.failed) * 1000) / s.elapsedMs) : 0;
    return { ...s, failuresByKind: { ...s.failuresByKind } };
  }

  /** Tells onProgress the running totals. */
  progress(): void {
    if (this.opts.onProgress !== undefined) callObserver(this.opts.onProgress, this.snapshot());
  }

  /** The final report. */
  report(complete: boolean): IngestReport {
    let outcomes: IngestOutcome[];
    if (this.opts.outcomes === 'all') {
      outcomes = this.#kept as IngestOutcome[];
      outcomes.length = this.stats.total;
    } else {
      outcomes = (this.#kept as IngestOutcome[]).sort((a, b) => a.position - b.position);
    }
    const stats = this.snapshot();
    const coverage: Coverage = { kept: this.opts.outcomes, total: stats.total, failed: stats.failed, complete };
    Object.defineProperty(outcomes, kCoverage, { value: coverage, configurable: true });
    return { outcomes, stats, complete };
  }
}
