/**
 * A Firehose transformation-style ingestor: each base64 record is decoded, indexed directly, and
 * reported back per recordId as Ok or ProcessingFailed (heartbeat records are Dropped).
 *
 * Run locally: `EXAMPLE_PRINCIPAL=master npx tsx examples/firehose-ingestor.ts`
 */
import './local-domain.js';
import { createClient, fromEnv, ingest, toFirehoseResponse, type IngestRecord } from '../src/index.js';

const client = createClient(fromEnv());

interface FirehoseEvent { records: Array<{ recordId: string; data: string }> }

/** Indexes the decoded records and answers Firehose with one result per recordId. */
export async function handler(event: FirehoseEvent, index = process.env.INGEST_INDEX ?? 'ingest-demo') {
  const dropped = new Set<string>();
  const records: IngestRecord[] = [];
  for (const r of event.records) {
    const text = Buffer.from(r.data, 'base64').toString('utf8');
    if (text.trim() === 'heartbeat') { dropped.add(r.recordId); continue; }
    let document: Record<string, unknown> | undefined;
    try { document = JSON.parse(text) as Record<string, unknown>; } catch { document = undefined; }
    records.push({ index, id: r.recordId, document, key: r.recordId });
  }
  const report = await ingest(client, records);
  return toFirehoseResponse(event.records, report.outcomes, { dropped });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const event: FirehoseEvent = { records: [
    { recordId: 'rec-1', data: b64(JSON.stringify({ n: 1 })) },
    { recordId: 'rec-2', data: b64('heartbeat') },
    { recordId: 'rec-3', data: b64('{broken') },
  ] };
  const res = await handler(event);
  console.log(JSON.stringify(res.records.map((r) => ({ recordId: r.recordId, result: r.result }))));
  await client.close();
}
