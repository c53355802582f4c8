/**
 * A failed bulk item's `kind` and `retryable` follow the typed error attached to the same record (errors/verdict.ts):
 * never `security` beside an error that is not a permission error, nor another kind beside one that is; the plugin's
 * "not initialized" 500/503 is `server` and retried (a ServiceUnavailableError); a bare 403 Forbidden /
 * AccessDeniedException is `security`; a 400 `security_exception` is what its (plain) error says: `validation`.
 * Text inside a reason never changes the kind. Loopback `_bulk` stub (transport behaviour only), the real ingest path.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { errors } from '@opensearch-project/opensearch';
import { createClient } from '../../src/client/create-client.js';
import { ingest } from '../../src/ingest/ingest.js';
import { isPermissionError, isRetryable } from '../../src/errors/guards.js';
import { ForbiddenError, IndexNotFoundError, SecurityExceptionError, ServiceUnavailableError, ThrottledError } from '../../src/errors/classes.js';
import type { IngestFailure, IngestOutcome, IngestRecord } from '../../src/ingest/types.js';
import { itemVerdictKind } from '../../src/ingest/item-errors.js';
import { startBulkStub, type BulkStub, type StubItem } from '../support/bulk-stub.js';
import { Rng } from '../support/seeded-rng.js';

const DENIAL = 'no permissions for [indices:data/write/index] and User [name=u, backend_roles=[], requestedTenant=null]';
type ItemError = { status: number; error: Record<string, unknown> };

let stub: BulkStub;
/** The error each document id is answered with (an id without one is indexed). */
const answers = new Map<string, ItemError>();

function answer(items: StubItem[]): { kind: 'json'; body: unknown } {
  return {
    kind: 'json',
    body: {
      took: 1, errors: true,
      items: items.map((it) => {
        const e = answers.get(it.id);
        return { [it.action]: e === undefined ? { _index: it.index, _id: it.id, status: 201, result: 'created' } : { _index: it.index, _id: it.id, ...e } };
      }),
    },
  };
}

before(async () => { stub = await startBulkStub((items) => answer(items)); });
after(async () => { await stub.close(); });

async function run(errorsById: Array<[string, ItemError]>, retries: number): Promise<IngestOutcome[]> {
  answers.clear();
  for (const [id, e] of errorsById) answers.set(id, e);
  const client = createClient({ node: stub.url, auth: { mode: 'none' }, allowInsecureHttp: true, retry: { retries: 0 } } as Parameters<typeof createClient>[0]);
  try {
    const records: IngestRecord[] = errorsById.map(([id]) => ({ index: 'h219', id, document: { n: 1 } }));
    const report = await ingest(client, records, { retries, minDelayMs: 0, maxDelayMs: 1, maxBatchCount: 500 });
    return report.outcomes;
  } finally {
    await client.close();
  }
}

type ErrorClass = abstract new (...args: never[]) => Error;
/** [name, item error, kind, retryable, class of the typed error] */
const CASES: Array<[string, ItemError, string, boolean, ErrorClass]> = [
  ['403 Forbidden (Serverless)', { status: 403, error: { type: 'Forbidden', reason: '403 Forbidden' } }, 'security', false, ForbiddenError],
  ['403 AccessDeniedException', { status: 403, error: { type: 'AccessDeniedException', reason: 'User: arn:aws:iam::1:user/x is not authorized' } }, 'security', false, ForbiddenError],
  ['403 naming no type', { status: 403, error: { reason: 'denied' } }, 'security', false, ForbiddenError],
  ['403 wrapping the plugin refusal in root_cause', { status: 403, error: { type: 'remote_transport_exception', reason: '[n][127.0.0.1:9300][indices:data/write/bulk[s]]', root_cause: [{ type: 'security_exception', reason: DENIAL }] } }, 'security', false, SecurityExceptionError],
  ['403 security_exception', { status: 403, error: { type: 'security_exception', reason: DENIAL } }, 'security', false, SecurityExceptionError],
  ['401 security_exception', { status: 401, error: { type: 'security_exception', reason: 'Authentication finally failed' } }, 'security', false, SecurityExceptionError],
  ["the DLS/FLS valve's 500", { status: 500, error: { type: 'security_exception', reason: 'Update is not supported when FLS or DLS or Fieldmasking is activated' } }, 'security', false, SecurityExceptionError],
  ['400 security_exception', { status: 400, error: { type: 'security_exception', reason: DENIAL } }, 'validation', false, errors.ResponseError],
  ['500 not initialized', { status: 500, error: { type: 'security_exception', reason: 'OpenSearch Security not initialized.' } }, 'server', true, ServiceUnavailableError],
  ['503 not initialized', { status: 503, error: { type: 'security_exception', reason: 'OpenSearch Security not initialized.' } }, 'server', true, ServiceUnavailableError],
  ['500 not initialized for an action', { status: 500, error: { type: 'security_exception', reason: 'OpenSearch Security not initialized for indices:data/write/bulk[s]' } }, 'server', true, ServiceUnavailableError],
  ['500 security_exception of another text', { status: 500, error: { type: 'security_exception', reason: 'Unexpected exception indices:data/write/index' } }, 'server', false, errors.ResponseError],
  ['429 security_exception', { status: 429, error: { type: 'security_exception', reason: 'x' } }, 'throttled', true, ThrottledError],
  ['403 write block', { status: 403, error: { type: 'cluster_block_exception', reason: 'index [h219] blocked by: [FORBIDDEN/8/index write (api)];' } }, 'validation', false, errors.ResponseError],
  ['404 index_not_found_exception', { status: 404, error: { type: 'index_not_found_exception', reason: 'no such index [h219]', index: 'h219' } }, 'not_found', false, IndexNotFoundError],
  // text inside a reason (a document's) never decides
  ['500 whose reason only starts with the not-initialized text', { status: 500, error: { type: 'security_exception', reason: 'OpenSearch Security not initialized. said the document' } }, 'server', false, errors.ResponseError],
  ['400 mapping error quoting the plugin', { status: 400, error: { type: 'mapper_parsing_exception', reason: `failed to parse field [t]. Preview of field's value: '${DENIAL} OpenSearch Security not initialized.'` } }, 'mapping', false, errors.ResponseError],
  ['403 of another type quoting the plugin', { status: 403, error: { type: 'illegal_argument_exception', reason: DENIAL } }, 'validation', false, errors.ResponseError],
];

describe('a failed item: kind and retryable from its typed error', () => {
  test('each case: kind, retryable and the typed error agree', async () => {
    const outcomes = await run(CASES.map(([name, e]) => [name.replace(/[^a-z0-9]+/gi, '-'), e]), 0);
    const wrong: string[] = [];
    CASES.forEach(([name, , kind, retryable, Class], i) => {
      const o = outcomes[i] as IngestFailure;
      const got = `${o.status} ${o.kind} ${o.retryable} ${o.error?.constructor.name}`;
      if (o.status !== 'failed' || o.kind !== kind || o.retryable !== retryable || !(o.error instanceof Class)) wrong.push(`${name}: ${got}, expected failed ${kind} ${retryable} ${Class.name}`);
    });
    assert.deepEqual(wrong, []);
  });

  test("the plugin's not-initialized 500 and 503 items are sent again and then indexed", async () => {
    let n = 0;
    const plan = stub.plan;
    stub.plan = (items) => (n++ === 0 ? answer(items) : { kind: 'json', body: { took: 1, errors: false, items: items.map((it) => ({ [it.action]: { _index: it.index, _id: it.id, status: 201, result: 'created' } })) } });
    try {
      const outcomes = await run([
        ['a', { status: 500, error: { type: 'security_exception', reason: 'OpenSearch Security not initialized.' } }],
        ['b', { status: 503, error: { type: 'security_exception', reason: 'OpenSearch Security not initialized.' } }],
      ], 1);
      assert.deepEqual(outcomes.map((o) => [o.status, o.attempts]), [['indexed', 2], ['indexed', 2]]);
    } finally {
      stub.plan = plan;
    }
  });

  test('seeded mix of statuses, types and reasons: the kind never contradicts the typed error', async () => {
    const rng = new Rng(219);
    const statuses = [400, 401, 403, 404, 409, 429, 500, 501, 502, 503, 504];
    const types = [undefined, 'security_exception', 'Forbidden', 'AccessDeniedException', 'accessdenied', 'cluster_block_exception', 'index_not_found_exception',
      'es_rejected_execution_exception', 'version_conflict_engine_exception', 'mapper_parsing_exception', 'exception', 'illegal_argument_exception'];
    const reasons = ['OpenSearch Security not initialized.', 'OpenSearch Security is not initialized.', DENIAL, '403 Forbidden', 'x',
      'Update is not supported when FLS or DLS or Fieldmasking is activated', 'Profiling is not supported when DLS is activated', 'no such index [h219]'];
    const items: Array<[string, ItemError]> = [];
    for (let i = 0; i < 400; i++) {
      const type = rng.pick(types);
      const error: Record<string, unknown> = { reason: rng.pick(reasons) };
      if (type !== undefined) error.type = type;
      if (rng.chance(0.15)) error.root_cause = [{ type: rng.pick(['security_exception', 'exception']), reason: rng.pick(reasons) }];
      items.push([`m${i}`, { status: rng.pick(statuses), error }]);
    }
    const outcomes = await run(items, 0);
    const wrong: string[] = [];
    outcomes.forEach((o, i) => {
      const at = `${JSON.stringify(items[i]![1])}`;
      if (o.status !== 'failed') { wrong.push(`${at}: ${o.status}`); return; }
      const permission = isPermissionError(o.error);
      const typedKind = (o.error as { kind?: unknown }).kind;
      if ((o.kind === 'security') !== permission) wrong.push(`${at}: kind ${o.kind} beside ${o.error.constructor.name}`);
      if (permission && o.retryable) wrong.push(`${at}: a permission error retryable`);
      if (isRetryable(o.error) !== o.retryable && !(o.kind === 'throttled' && o.retryable)) wrong.push(`${at}: retryable ${o.retryable}, isRetryable ${isRetryable(o.error)}`);
      if (typedKind === 'unavailable' && (o.kind !== 'server' || !o.retryable)) wrong.push(`${at}: ${o.kind} ${o.retryable} beside ServiceUnavailableError`);
      if (typedKind === 'throttled' && (o.kind !== 'throttled' || !o.retryable)) wrong.push(`${at}: ${o.kind} ${o.retryable} beside ThrottledError`);
      if (typedKind === 'index_not_found' && o.kind !== 'not_found') wrong.push(`${at}: ${o.kind} beside IndexNotFoundError`);
    });
    assert.deepEqual(wrong.slice(0, 20), []);
  });

  test('classifyItem asks the verdict only at 401/403/404/429/500/502-504: at every other status an item error is unclassified', () => {
    const asked = new Set([401, 403, 404, 429, 500, 502, 503, 504]);
    const types = [undefined, 'security_exception', 'Forbidden', 'AccessDeniedException', 'index_not_found_exception', 'es_rejected_execution_exception', 'exception', 'ThrottlingException'];
    const reasons = [undefined, 'OpenSearch Security not initialized.', 'OpenSearch Security not initialized for indices:data/write/bulk[s]', DENIAL, '403 Forbidden',
      'Update is not supported when FLS or DLS or Fieldmasking is activated', 'min_doc_count 0 is not supported when DLS is activated', 'Rate exceeded', 'Authentication finally failed'];
    const classified: string[] = [];
    for (let status = 300; status <= 599; status++) {
      if (asked.has(status)) continue;
      for (const type of types) {
        for (const reason of reasons) {
          for (const extra of [{}, { root_cause: [{ type: 'security_exception', reason: DENIAL }] }, { status: 'error' }, { caused_by: { type: 'security_exception', reason: DENIAL } }]) {
            const error: Record<string, unknown> = { ...extra };
            if (type !== undefined) error.type = type;
            if (reason !== undefined) error.reason = reason;
            const kind = itemVerdictKind(status, error);
            if (kind !== 'unclassified') classified.push(`${status} ${JSON.stringify(error)}: ${kind}`);
          }
        }
      }
    }
    assert.deepEqual(classified.slice(0, 10), []);
  });
});
