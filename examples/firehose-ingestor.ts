/**
 * A Firehose transformation-style ingestor: each base64 record is decoded, indexed directly, and
 * reported back per recordId as Ok or ProcessingFailed (heartbeat records are Dropped). The handler
 * stops 2 s before the invocation's deadline; what it could not finish is ProcessingFailed, which
 * Firehose does not redeliver (it writes those records to the stream's error output). A payload that
 * is not canonical base64 of a UTF-8 JSON object, or that JSON.parse would change (a 64-bit integer
 * rounded, 1e400, -0, a key twice: see readJsonObject in handler-support.ts), is ProcessingFailed
 * and its reason is logged.
 *
 * Destination: an `Ok` record's data is echoed, so Firehose then delivers it to the stream's
 * destination as well. This handler assumes an Amazon S3 destination (an archive of what was
 * indexed; ProcessingFailed records land under its `processing-failed/` prefix). Do not make this
 * OpenSearch domain the destination: Firehose would index every record a second time, under an id
 * of its own. To have the handler be the only writer whatever the destination, answer `Dropped`
 * for the records it indexed (`result: 'Ok'` -> `'Dropped'` in the response: Firehose counts a
 * Dropped record as processed and delivers nothing for it).
 *
 * Lambda settings: handler `firehose-ingestor.handler`, env INGEST_INDEX and the OPENSEARCH_* variables.
 * Run locally: `EXAMPLE_AUTH=iam EXAMPLE_PRINCIPAL=master npx tsx examples/firehose-ingestor.ts`
 */
import './local-domain.js';
import type { FirehoseTransformationEvent, FirehoseTransformationHandler, FirehoseTransformationResult } from 'aws-lambda';
import { createClient, deadlineSignal, fromEnv, ingest, toFirehoseResponse, type IngestRecord } from '../src/index.js';
import { decodeBase64Utf8, firehoseEventRecords, localContext, readJsonObject, startedAsScript } from './handler-support.js';

// Once per container: connections and credentials are reused across invocations.
const client = createClient(fromEnv());

/**
 * Indexes the decoded records (id = recordId) and answers Firehose with one result per recordId. A
 * record whose data is not canonical base64 of UTF-8 JSON is ProcessingFailed; an event without a
 * records array, or with a recordId missing or repeated, throws MalformedEventError before anything is indexed.
 */
export const handler: FirehoseTransformationHandler = async (event, context): Promise<FirehoseTransformationResult> => {
  const index = process.env.INGEST_INDEX ?? 'ingest-demo';
  const input = firehoseEventRecords(event);
  const dropped = new Set<string>();
  const records: IngestRecord[] = [];
  for (const r of input) {
    const text = decodeBase64Utf8(r.data);
    if (text?.trim() === 'heartbeat') {
      dropped.add(r.recordId);
      continue;
    }
    const read = text === undefined ? { problem: 'data is not base64 of UTF-8 text', document: undefined } : readJsonObject(text);
    if (read.problem !== undefined) console.error(`record ${r.recordId}: ${read.problem}`);
    records.push({ index, id: r.recordId, key: r.recordId, document: read.document });
  }
  const report = await ingest(client, records, { signal: deadlineSignal(context, { marginMs: 2000 }) });
  return toFirehoseResponse(input, report, { dropped });
};

/** `npx tsx examples/firehose-ingestor.ts`: one invocation against the local domain. No top-level await, so the file bundles as CommonJS too. */
async function runLocally(): Promise<void> {
  const b64 = (s: string): string => Buffer.from(s).toString('base64');
  const event: FirehoseTransformationEvent = {
    invocationId: 'local', deliveryStreamArn: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/ingest-demo', region: 'us-east-1',
    records: [
      { recordId: 'rec-1', approximateArrivalTimestamp: Date.now(), data: b64(JSON.stringify({ n: 1 })) },
      { recordId: 'rec-2', approximateArrivalTimestamp: Date.now(), data: b64('heartbeat') },
      { recordId: 'rec-3', approximateArrivalTimestamp: Date.now(), data: b64('{broken') },
    ],
  };
  const res = await handler(event, localContext('firehose-ingestor'), () => undefined);
  console.log(JSON.stringify(res?.records.map((r) => ({ recordId: r.recordId, result: r.result }))));
  await client.close();
}

if (startedAsScript('firehose-ingestor.ts')) void runLocally();
