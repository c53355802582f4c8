/**
 * Demo: the FGAC tutorial's "Step 5: Test the permissions" against the local domain.
 * Run with `npm run demo` (starts the domain first).
 */
import fs from 'node:fs';
import { loadConnection } from '../test/domain/connection.js';
import { request } from '../test/domain/http.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);

console.log('Local FGAC domain');
console.log(`  OpenSearch ${conn.opensearch.version}  ${conn.opensearch.url}  (direct, HTTP basic)`);
console.log(`  edge             ${conn.edge.url}  (SigV4 + domain access policy, like *.es.amazonaws.com)`);
console.log(`  moto (Cognito)   ${conn.cognito.endpoint}`);
console.log(`  domain ARN       ${conn.domainArn}`);
console.log(`  connection file  .local-domain/connection.json\n`);

interface Hit { _id: string; _source: Record<string, unknown> }
const body = JSON.stringify({ size: 3, sort: [{ timestamp: 'asc' }], query: { match_all: {} } });

for (const [label, login] of [['master-user', conn.users.master], ['new-user (new-role)', conn.users.limited]] as const) {
  const basic = `${login.username}:${login.password}`;
  const all = await request(`${conn.opensearch.url}/_search`, { basic, ca });
  const r = await request(`${conn.opensearch.url}/flights/_search`, { method: 'POST', body, basic, ca });
  const res = r.json<{ hits: { total: { value: number }; hits: Hit[] } }>();
  console.log(`== ${label}`);
  console.log(`  GET _search         -> ${all.status}${all.status === 403 ? ' ' + all.json<{ error: { reason: string } }>().error.reason : ''}`);
  console.log(`  GET flights/_search -> ${r.status}, ${res.hits.total.value} hits; first ${res.hits.hits.length}:`);
  for (const h of res.hits.hits) console.log(`    ${h._id} ${JSON.stringify(h._source)}`);
  console.log('');
}
