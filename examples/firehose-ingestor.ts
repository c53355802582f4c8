/**
 * A Firehose transformation-style ingestor: each base64 record is decoded, indexed directly, and
 * reported back per recordId as Ok or ProcessingFailed (heartbeat records are Dropped). The handler
 * stops 2 s before the invocation's deadline; what it could not finish is ProcessingFailed, which
 * Firehose does not redeliver (it writes those records to the stream's error output).
 *
 * Lambda settings: handler `firehose-ingestor.handler`, env INGEST_INDEX and the OPENSEARCH_* variables.
 * Run locally: `EXAMPLE_AUTH=iam EXAMPLE_PRINCIPAL=master npx tsx examples/firehose-ingestor.ts`
 */
import './local-domain.js';
import type { FirehoseTransformationEvent, FirehoseTransformationHandler, FirehoseTransformationResult } from 'aws-lambda';
import { createClient, deadlineSignal, fromEnv, ingest, toFirehoseResponse, type IngestRecord } from '../src/index.js';
import { decodeBase64Utf8, firehoseEventRecords, localContext, parseJsonObject } from './handler-support.js';

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
    if (text === undefined) console.error(`record ${r.recordId}: data is not base64 of UTF-8 text`);
    if (text?.trim() === 'heartbeat') {
      dropped.add(r.recordId);
      continue;
    }
    records.push({ index, id: r.recordId, key: r.recordId, document: text === undefined ? undefined : parseJsonObject(text) });
  }
  const report = await ingest(client, records, { signal: deadlineSignal(context, { marginMs: 2000 }) });
  return toFirehoseResponse(input, report, { dropped });
};

if (import.meta.url === `file://${process.argv[1]}`) {
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
