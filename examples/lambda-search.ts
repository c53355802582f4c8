/**
 * A Lambda search handler. The client is created once per container, outside the handler, so
 * connections and credentials are reused across invocations; the auth mode comes from the
 * environment (OPENSEARCH_AUTH=iam|basic|cognito), and permission errors are caught by type.
 *
 * Run locally: `EXAMPLE_AUTH=iam npx tsx examples/lambda-search.ts`
 */
import './local-domain.js';
import { createClient, fromEnv, SecurityExceptionError } from '../src/index.js';

const client = createClient(fromEnv());

interface SearchEvent { index?: string; carrier?: string }

/** Returns the flights of a carrier, or a 403 that names what the caller lacks. */
export async function handler(event: SearchEvent): Promise<{ statusCode: number; body: string }> {
  try {
    const res = await client.search({
      index: event.index ?? 'flights',
      body: { size: 5, query: event.carrier ? { term: { Carrier: event.carrier } } : { match_all: {} } },
    });
    const hits = res.body.hits.hits.map((h) => ({ id: h._id, ...(h._source as object) }));
    return { statusCode: 200, body: JSON.stringify({ total: res.body.hits.total, hits }) };
  } catch (e) {
    if (e instanceof SecurityExceptionError) {
      return { statusCode: 403, body: JSON.stringify({ error: e.message, user: e.user?.name, actions: e.actions }) };
    }
    throw e;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const first = await handler({ carrier: 'JetBeats' });
  const second = await handler({ index: 'movies' });
  console.log(JSON.stringify({ first, second }, null, 2));
  await client.close();
}
