/**
 * An SQS-triggered Lambda that bulk-indexes message bodies and returns a partial batch response
 * (ReportBatchItemFailures): only the failed messages are redelivered, nothing is lost silently.
 * The same shape works for Kinesis (itemIdentifier = sequence number).
 *
 * Run locally: `EXAMPLE_PRINCIPAL=master npx tsx examples/sqs-ingestor.ts`
 */
import './local-domain.js';
import { createClient, fromEnv, ingest, toBatchItemFailures, type IngestRecord } from '../src/index.js';

const client = createClient(fromEnv());

interface SqsEvent { Records: Array<{ messageId: string; body: string }> }

/** Indexes each message's JSON body into `index`; unparsable bodies fail as invalid records. */
export async function handler(event: SqsEvent, index = process.env.INGEST_INDEX ?? 'ingest-demo') {
  const records: IngestRecord[] = event.Records.map((m) => {
    try {
      return { index, id: m.messageId, document: JSON.parse(m.body) as Record<string, unknown>, key: m.messageId };
    } catch {
      return { index, id: m.messageId, document: undefined, key: m.messageId };
    }
  });
  const report = await ingest(client, records, { onProgress: (s) => console.error(`progress: ${s.indexed + s.failed}/${s.total}`) });
  for (const o of report.outcomes) if (o.status === 'failed') console.error(`failed ${o.key}: ${o.kind} ${o.error.message}`);
  return toBatchItemFailures(report.outcomes);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const event: SqsEvent = { Records: [
    { messageId: 'msg-1', body: JSON.stringify({ n: 1, text: 'hello' }) },
    { messageId: 'msg-2', body: 'not json' },
    { messageId: 'msg-3', body: JSON.stringify({ n: 3, text: 'world' }) },
  ] };
  console.log(JSON.stringify(await handler(event)));
  await client.close();
}
