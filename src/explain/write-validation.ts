/**
 * Which write requests the node refuses before any privilege is checked, or shapes this SDK does not model: a
 * request's `validate()` runs before the action filters (TransportAction.execute), the REST layer refuses a parameter
 * it does not know, and the bulk parser refuses a malformed line, each with 400 whoever asks. Measured on 2.19.4
 * (test/integration/permission-write-review.test.ts) and read in OpenSearch's RestIndexAction, RestDeleteAction,
 * RestUpdateAction, RestBulkAction, BulkRequestParser, IndexRequest / DeleteRequest / UpdateRequest.validate and
 * DocWriteRequest.validateSeqNoBasedCASParams (an empty `pipeline` is one such refusal; the pipelines a write goes
 * through are judged in ingest-pipelines.ts). Each answer is a reason (the request's verdict is then unknown), or
 * undefined when the request is modelled.
 */
import { nodeOpType } from '../fgac/query-params.js';

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The kind of write, as the REST handler and the request's validate() see it. */
export type WriteKind = 'index' | 'create' | 'delete' | 'update';

/** Parameters every REST handler takes (response shaping). */
const GLOBAL = ['pretty', 'human', 'error_trace', 'filter_path'];
const SHARD = ['routing', 'refresh', 'timeout', 'wait_for_active_shards'];
const SOURCE = ['_source', '_source_includes', '_source_excludes'];

/** The handlers whose query parameters are known: the writes, bulk, and the single-document reads (`GET|HEAD /i/_doc/id`, `GET /i/_source/id`). */
export type HandlerKind = WriteKind | 'bulk' | 'get' | 'source';

const READ = ['format', 'routing', 'preference', 'realtime', 'refresh', ...SOURCE];

/**
 * The query parameters each handler takes (any other: 400, unrecognized parameter, before any privilege is checked; the
 * reads measured on 2.19.4, h235-closed-wildcards: `expand_wildcards` or `ignore_unavailable` on a document GET, `version`
 * on `_source`).
 */
const PARAMETERS: Readonly<Record<HandlerKind, ReadonlySet<string>>> = {
  index: new Set([...GLOBAL, ...SHARD, 'pipeline', 'op_type', 'version', 'version_type', 'if_seq_no', 'if_primary_term', 'require_alias']),
  create: new Set([...GLOBAL, ...SHARD, 'pipeline', 'op_type', 'version', 'version_type', 'if_seq_no', 'if_primary_term', 'require_alias']),
  delete: new Set([...GLOBAL, ...SHARD, 'version', 'version_type', 'if_seq_no', 'if_primary_term']),
  update: new Set([...GLOBAL, ...SHARD, ...SOURCE, 'retry_on_conflict', 'if_seq_no', 'if_primary_term', 'require_alias']),
  bulk: new Set([...GLOBAL, ...SHARD, ...SOURCE, 'pipeline', 'require_alias']),
  get: new Set([...GLOBAL, ...READ, 'stored_fields', 'version', 'version_type']),
  source: new Set([...GLOBAL, ...READ]),
};

/** The fields a bulk action line may give (BulkRequestParser; any other: 400). */
const ITEM_FIELDS: ReadonlySet<string> = new Set([
  '_index', '_id', 'routing', 'op_type', 'version', 'version_type', 'if_seq_no', 'if_primary_term', 'retry_on_conflict', 'pipeline', '_source', 'require_alias',
]);

/** The fields of an `_update` body (UpdateRequest's parser; any other: 400). */
const UPDATE_FIELDS: ReadonlySet<string> = new Set(['doc', 'upsert', 'doc_as_upsert', 'detect_noop', 'scripted_upsert', 'script', '_source']);

const UNMODELLED = 'the node refuses it (400) before checking privileges, or this SDK does not model it';

/** A write's versioning and compare-and-set parameters, as text (from the query string or a bulk line). */
export interface WriteParameters {
  version?: string;
  versionType?: string;
  ifSeqNo?: string;
  ifPrimaryTerm?: string;
  retryOnConflict?: string;
  opType?: string;
  pipeline?: string;
  requireAlias?: string;
  refresh?: string;
}

/** A compare-and-set pair, when the write gives one that passes validation. */
export interface CompareAndSet { seqNo: number; primaryTerm: number }

const wholeNumber = (s: string | undefined, min: number): number | undefined => {
  if (s === undefined || !/^\d{1,18}$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) && n >= min ? n : undefined;
};

/** Why the node refuses (or this SDK does not model) a write with these parameters, id and body; undefined when it is modelled. */
export function writeProblem(kind: WriteKind, id: string | undefined, p: WriteParameters, body: unknown): string | undefined {
  if (id !== undefined && new TextEncoder().encode(id).length > 512) return `its id is longer than 512 bytes: ${UNMODELLED}`;
  if (id === '') return `its id is empty: ${UNMODELLED}`;
  if (p.pipeline === '') return `an empty pipeline name: ${UNMODELLED}`;
  // a bulk line's op_type reaches here only as exactly `create` (itemParameters)
  const opType = nodeOpType(p.opType);
  if (opType !== undefined && !(kind === 'index' ? ['index', 'create'] : kind === 'create' ? ['create'] : []).includes(opType)) return `op_type ${JSON.stringify(p.opType)}: ${UNMODELLED}`;
  if (p.requireAlias !== undefined && !['true', 'false', ''].includes(p.requireAlias)) return `require_alias ${JSON.stringify(p.requireAlias)}: ${UNMODELLED}`;
  if (p.refresh !== undefined && !['true', 'false', '', 'wait_for'].includes(p.refresh)) return `refresh ${JSON.stringify(p.refresh)}: ${UNMODELLED}`;
  const create = kind === 'create' || opType === 'create';
  const versioned = p.version !== undefined || p.versionType !== undefined;
  const cas = p.ifSeqNo !== undefined || p.ifPrimaryTerm !== undefined;
  if (versioned) {
    // external versioning only, with a version: internal versioning with a version, or none with a version type, fails validation
    if (kind === 'update' || create || cas || !['external', 'external_gte'].includes(p.versionType ?? '') || wholeNumber(p.version, 0) === undefined) return `its versioning parameters: ${UNMODELLED}`;
  }
  if (cas && (create || compareAndSetOf(p) === undefined)) return `its if_seq_no / if_primary_term: ${UNMODELLED}`;
  if (p.retryOnConflict !== undefined && (kind !== 'update' || wholeNumber(p.retryOnConflict, 0) === undefined)) return `retry_on_conflict ${JSON.stringify(p.retryOnConflict)}: ${UNMODELLED}`;
  if (kind === 'update') return updateProblem(body, cas, (wholeNumber(p.retryOnConflict, 0) ?? 0) > 0);
  return undefined;
}

/** The compare-and-set pair of `p`, when both are given and valid. */
export function compareAndSetOf(p: WriteParameters): CompareAndSet | undefined {
  const seqNo = wholeNumber(p.ifSeqNo, 0);
  const primaryTerm = wholeNumber(p.ifPrimaryTerm, 1);
  return seqNo === undefined || primaryTerm === undefined ? undefined : { seqNo, primaryTerm };
}

/** UpdateRequest's parser and validate() over an `_update` body (single or bulk item). */
function updateProblem(body: unknown, cas: boolean, retries: boolean): string | undefined {
  if (!isRecord(body)) return `an update body that is not a JSON object: ${UNMODELLED}`;
  const unknown = Object.keys(body).find((k) => !UPDATE_FIELDS.has(k));
  if (unknown !== undefined) return `the update body's field ${JSON.stringify(unknown)}: ${UNMODELLED}`;
  for (const key of ['doc', 'upsert'] as const) if (body[key] !== undefined && !isRecord(body[key])) return `the update body's ${key} is not an object: ${UNMODELLED}`;
  for (const key of ['doc_as_upsert', 'detect_noop', 'scripted_upsert'] as const) if (body[key] !== undefined && typeof body[key] !== 'boolean') return `the update body's ${key} is not a boolean: ${UNMODELLED}`;
  const script = body.script !== undefined;
  const doc = body.doc !== undefined;
  if (script === doc) return `an update body with ${script ? 'both a script and a doc' : 'neither a script nor a doc'}: ${UNMODELLED}`;
  if (body.doc_as_upsert === true && !doc) return `doc_as_upsert without a doc: ${UNMODELLED}`;
  if (cas && (retries || body.doc_as_upsert === true || body.upsert !== undefined)) return `a compare-and-set update that retries or upserts: ${UNMODELLED}`;
  return undefined;
}

/**
 * Why the node refuses (or this SDK does not model) a write request's query parameters (as the node reads them,
 * fgac/query-params.ts: a repeated one's last value); undefined when they are modelled.
 */
export function queryProblem(kind: HandlerKind, query: ReadonlyMap<string, string>): string | undefined {
  const allowed = PARAMETERS[kind];
  for (const key of query.keys()) if (!allowed.has(key)) return `the query parameter ${JSON.stringify(key)}: ${UNMODELLED}`;
  if (kind === 'bulk') {
    const pipeline = query.get('pipeline');
    if (pipeline === '') return `an empty pipeline name: ${UNMODELLED}`;
    const requireAlias = query.get('require_alias');
    if (requireAlias !== undefined && !['true', 'false', ''].includes(requireAlias)) return `require_alias ${JSON.stringify(requireAlias)}: ${UNMODELLED}`;
  }
  return undefined;
}

/** The write parameters of a query string (as the node reads it, fgac/query-params.ts). */
export function parametersOfQuery(query: ReadonlyMap<string, string>): WriteParameters {
  const get = (k: string): string | undefined => query.get(k);
  // null prototype: a parameter not given reads as absent, never as what a polluted Object.prototype holds
  const out = Object.create(null) as WriteParameters;
  const set = (key: keyof WriteParameters, value: string | undefined): void => { if (value !== undefined) out[key] = value; };
  set('version', get('version'));
  set('versionType', get('version_type'));
  set('ifSeqNo', get('if_seq_no'));
  set('ifPrimaryTerm', get('if_primary_term'));
  set('retryOnConflict', get('retry_on_conflict'));
  set('opType', get('op_type'));
  set('pipeline', get('pipeline'));
  set('requireAlias', get('require_alias'));
  set('refresh', get('refresh'));
  return out;
}

/**
 * A bulk action line's parameters (`{"index": {...}}`'s object) as the parser reads them: names and ids must be
 * strings here (the node reads any scalar as its text, which JSON read here does not keep), versioning numbers or
 * their text, `require_alias` a boolean. `op_type` counts only in an `index` action and only as exactly `create` (the
 * parser's test; measured on 2.19.4: `CREATE` or `foo` there index, and create, update and delete actions ignore it).
 * Returns the parameters, or why the line is not modelled.
 */
export function itemParameters(params: unknown, kind: WriteKind): { ok: true; index?: string; id?: string; p: WriteParameters; requireAlias: boolean | undefined } | { ok: false; why: string } {
  if (!isRecord(params)) return { ok: false, why: `an action whose parameters are not an object: ${UNMODELLED}` };
  const p = Object.create(null) as WriteParameters;
  let index: string | undefined;
  let id: string | undefined;
  let requireAlias: boolean | undefined;
  for (const [key, value] of Object.entries(params)) {
    if (!ITEM_FIELDS.has(key)) return { ok: false, why: `the action parameter ${JSON.stringify(key)}: ${UNMODELLED}` };
    if (key === '_source') continue;
    if (key === 'require_alias') {
      if (typeof value !== 'boolean') return { ok: false, why: `require_alias that is not a boolean: ${UNMODELLED}` };
      requireAlias = value;
      continue;
    }
    const numeric = ['version', 'if_seq_no', 'if_primary_term', 'retry_on_conflict'].includes(key);
    const text = typeof value === 'string' ? value : numeric && typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : undefined;
    if (text === undefined) return { ok: false, why: `the action parameter ${key} given as ${value === null ? 'null' : typeof value}: ${UNMODELLED}` };
    if (key === '_index') index = text;
    else if (key === '_id') id = text;
    else if (key === 'version') p.version = text;
    else if (key === 'version_type') p.versionType = text;
    else if (key === 'if_seq_no') p.ifSeqNo = text;
    else if (key === 'if_primary_term') p.ifPrimaryTerm = text;
    else if (key === 'retry_on_conflict') p.retryOnConflict = text;
    else if (key === 'op_type') {
      if (kind === 'index' && text === 'create') p.opType = text;
    }
    else if (key === 'pipeline') p.pipeline = text;
  }
  return { ok: true, ...(index !== undefined ? { index } : {}), ...(id !== undefined ? { id } : {}), p, requireAlias };
}
