/**
 * An SQS-triggered Lambda that bulk-indexes message bodies and returns a partial batch response
 * (ReportBatchItemFailures): only the failed messages are redelivered, nothing is lost silently.
 * On a FIFO queue (source ARN ending in `.fifo`) a failed message also fails the later messages of
 * its message group, so the queue redelivers them in order. The handler stops 2 s before the
 * invocation's deadline and reports what it could not finish as failed (redelivered). A body that is
 * not a JSON object, or that JSON.parse would change (a 64-bit integer rounded, 1e400, -0, a key
 * twice: see readJsonObject in handler-support.ts), fails alone and its reason is logged.
 * Kinesis takes the same response (itemIdentifier = sequence number) but retries differently: it
 * checkpoints at the lowest sequence number reported and retries every record of the shard after it,
 * indexed or not (so order holds without FIFO mode): give records ids derived from the record (its
 * eventID) so that a repeat overwrites rather than duplicates.
 *
 * Lambda settings: handler `sqs-ingestor.handler`, env INGEST_INDEX and the OPENSEARCH_* variables,
 * event source mapping with FunctionResponseTypes ["ReportBatchItemFailures"].
 * Run locally: `EXAMPLE_AUTH=basic EXAMPLE_PRINCIPAL=master npx tsx examples/sqs-ingestor.ts`
 */
import './local-domain.js';
import type { SQSBatchResponse, SQSEvent, SQSHandler } from 'aws-lambda';
import { createClient, deadlineSignal, fromEnv, ingest, toBatchItemFailures } from '../src/index.js';
import { localContext, sqsIngestRecords, startedAsScript } from './handler-support.js';

// Once per container: connections and credentials are reused across invocations.
const client = createClient(fromEnv());

/**
 * Indexes each message's JSON body (id = messageId) and answers with the messages to redeliver. An
 * event without a Records array or with a message lacking a messageId or eventSourceARN throws
 * MalformedEventError before anything is indexed (the whole batch is redelivered).
 */
export const handler: SQSHandler = async (event, context): Promise<SQSBatchResponse> => {
  const index = process.env.INGEST_INDEX ?? 'ingest-demo';
  const { records, fifo } = sqsIngestRecords(event, index, (id, problem) => console.error(`message ${id}: ${problem}`));
  const report = await ingest(client, records, { fifo, signal: deadlineSignal(context, { marginMs: 2000 }) });
  for (const o of report.outcomes) if (o.status === 'failed') console.error(`failed ${o.key}: ${o.kind} ${o.error.message}`);
  return toBatchItemFailures(report);
};

/** `npx tsx examples/sqs-ingestor.ts`: one invocation against the local domain. No top-level await, so the file bundles as CommonJS too. */
async function runLocally(): Promise<void> {
  const message = (messageId: string, body: string): SQSEvent['Records'][number] => ({
    messageId, receiptHandle: `rh-${messageId}`, body, md5OfBody: '', messageAttributes: {}, eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:ingest-demo', awsRegion: 'us-east-1',
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(Date.now()), SenderId: 'local', ApproximateFirstReceiveTimestamp: String(Date.now()) },
  });
  const event: SQSEvent = { Records: [
    message('msg-1', JSON.stringify({ n: 1, text: 'hello' })),
    message('msg-2', 'not json'),
    message('msg-3', JSON.stringify({ n: 3, text: 'world' })),
  ] };
  console.log(JSON.stringify(await handler(event, localContext('sqs-ingestor'), () => undefined)));
  await client.close();
}

if (startedAsScript('sqs-ingestor.ts')) void runLocally();
