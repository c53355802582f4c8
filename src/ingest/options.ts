/** Options of `ingest`: defaults and up-front validation (ConfigError naming the option). */
import { randomUUID } from 'node:crypto';
import { readOnce } from '../client/options-snapshot.js';
import { isOptionsObject, MAX_TIMER_MS, refuseUnknownKeys, optionalSignal, typeName } from '../client/options-check.js';
import { optionalRetryCount } from '../client/timeouts-retries.js';
import { ConfigError } from '../errors/classes.js';
import { withRedactedConfigErrors } from '../errors/config-redaction.js';
import type { SecretSet } from '../errors/secrets.js';
import type { IngestOptions, IngestOutcome, IngestStats } from './types.js';

/** IngestOptions with every default filled in and every value checked. */
export interface ResolvedIngestOptions {
  maxBatchBytes: number;
  maxBatchCount: number;
  concurrency: number;
  retries: number;
  minDelayMs: number;
  maxDelayMs: number;
  refresh: boolean | 'wait_for';
  onProgress: ((stats: IngestStats) => void) | undefined;
  onOutcome: ((outcome: IngestOutcome) => void) | undefined;
  outcomes: 'all' | 'failed' | 'none';
  signal: AbortSignal | undefined;
  generateId: () => string;
  /** The ids generated are random UUIDs (no `generateId` given): two records never share one. */
  uniqueIds: boolean;
  fifo: boolean;
  idempotentCreate: boolean;
}

/** The defaults of `ingest`. */
export const INGEST_DEFAULTS = { maxBatchBytes: 5 * 1024 * 1024, maxBatchCount: 1000, concurrency: 2, retries: 5, minDelayMs: 200, maxDelayMs: 10_000 } as const;

function integer(name: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `ingest option ${name} must be an integer from ${min} to ${max}, got ${describe(value)}`);
  }
  return value;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  return typeName(value);
}

function fn<T>(name: string, value: unknown): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function') throw new ConfigError(name, `ingest option ${name} must be a function, got ${describe(value)}`);
  return value as T;
}

const INGEST_OPTION_KEYS: ReadonlyArray<keyof IngestOptions> = [
  'maxBatchBytes', 'maxBatchCount', 'concurrency', 'retries', 'minDelayMs', 'maxDelayMs', 'refresh', 'onProgress', 'onOutcome', 'outcomes', 'signal', 'generateId', 'fifo', 'idempotentCreate',
];

/**
 * Validates `options` before anything is read or sent, and fills in the defaults. Throws ConfigError naming the bad
 * option, redacted with `secrets` (the client's: an option given the client's password does not quote it).
 */
export function resolveIngestOptions(options: unknown, secrets?: SecretSet): ResolvedIngestOptions {
  return withRedactedConfigErrors(() => resolve(options), () => secrets);
}

function resolve(options: unknown): ResolvedIngestOptions {
  if (options === undefined) options = {};
  if (!isOptionsObject(options)) throw new ConfigError('options', `ingest options must be an object { maxBatchCount?, concurrency?, signal?, ... }, got ${describe(options)}`);
  // Read once: a getter cannot pass a check and hand ingest another value later.
  const o = readOnce(options, '') as Record<keyof IngestOptions, unknown>;
  // a misspelt `signal` or `fifo` would otherwise be dropped: the batch runs past its deadline, FIFO groups in parallel
  refuseUnknownKeys('', o, INGEST_OPTION_KEYS, 'of ingest');
  const minDelayMs = integer('minDelayMs', o.minDelayMs, INGEST_DEFAULTS.minDelayMs, 0, MAX_TIMER_MS);
  const maxDelayMs = integer('maxDelayMs', o.maxDelayMs, Math.max(INGEST_DEFAULTS.maxDelayMs, minDelayMs), 0, MAX_TIMER_MS);
  if (maxDelayMs < minDelayMs) throw new ConfigError('maxDelayMs', `ingest option maxDelayMs (${maxDelayMs}) is below minDelayMs (${minDelayMs})`);
  if (o.refresh !== undefined && typeof o.refresh !== 'boolean' && o.refresh !== 'wait_for') {
    throw new ConfigError('refresh', `ingest option refresh must be true, false or 'wait_for', got ${describe(o.refresh)}`);
  }
  if (o.outcomes !== undefined && o.outcomes !== 'all' && o.outcomes !== 'failed' && o.outcomes !== 'none') {
    throw new ConfigError('outcomes', `ingest option outcomes must be 'all', 'failed' or 'none', got ${describe(o.outcomes)}`);
  }
  optionalSignal('signal', 'ingest option signal', o.signal, describe);
  if (o.fifo !== undefined && typeof o.fifo !== 'boolean') throw new ConfigError('fifo', `ingest option fifo must be a boolean, got ${describe(o.fifo)}`);
  const fifo = o.fifo === true;
  if (o.idempotentCreate !== undefined && typeof o.idempotentCreate !== 'boolean') {
    throw new ConfigError('idempotentCreate', `ingest option idempotentCreate must be a boolean, got ${describe(o.idempotentCreate)}`);
  }
  const concurrency = integer('concurrency', o.concurrency, INGEST_DEFAULTS.concurrency, 1, 1024);
  return {
    maxBatchBytes: integer('maxBatchBytes', o.maxBatchBytes, INGEST_DEFAULTS.maxBatchBytes, 1, 2 ** 31),
    maxBatchCount: integer('maxBatchCount', o.maxBatchCount, INGEST_DEFAULTS.maxBatchCount, 1, 1_000_000),
    concurrency: fifo ? 1 : concurrency,
    retries: optionalRetryCount('retries', o.retries) ?? INGEST_DEFAULTS.retries,
    minDelayMs,
    maxDelayMs,
    refresh: (o.refresh as boolean | 'wait_for' | undefined) ?? false,
    onProgress: fn('onProgress', o.onProgress),
    onOutcome: fn('onOutcome', o.onOutcome),
    outcomes: (o.outcomes as 'all' | 'failed' | 'none' | undefined) ?? 'all',
    signal: o.signal as AbortSignal | undefined,
    generateId: fn<() => string>('generateId', o.generateId) ?? randomUUID,
    uniqueIds: o.generateId === undefined,
    fifo,
    idempotentCreate: o.idempotentCreate === true,
  };
}
