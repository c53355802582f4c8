/**
 * The FGAC tutorial of the Amazon OpenSearch Service developer guide, end to end on the local
 * domain: configure the limited role with the security helpers, then run the guide's
 * "Step 5: Test the permissions" as the master and the limited user in every auth mode, show
 * the differences side by side, and verify them against the role definition.
 *
 * Run with `npm run demo` (starts the local domain first).
 */
import fs from 'node:fs';
import type { Client } from '@opensearch-project/opensearch';
import { loadConnection } from '../test/domain/connection.js';
import {
  compareAccess, createClient, expectationsFromRoles, flsExclude, isFgacError, SecurityApi, verifyHits, type FgacClientOptions,
} from '../src/index.js';

const conn = loadConnection();
const ssl = { ca: fs.readFileSync(conn.caFile) };
const keys = (k: typeof conn.iam.master) => ({ accessKeyId: k.accessKeyId, secretAccessKey: k.secretAccessKey, sessionToken: k.sessionToken });

interface Principal { label: string; auth: string; options: FgacClientOptions; limited: boolean }
const c = conn.cognito;
const principals: Principal[] = [
  { label: 'master-user', auth: 'basic', limited: false, options: { node: conn.opensearch.url, ssl, auth: { mode: 'basic', ...conn.users.master } } },
  { label: 'new-user', auth: 'basic', limited: true, options: { node: conn.opensearch.url, ssl, auth: { mode: 'basic', ...conn.users.limited } } },
  { label: 'IAMMasterUserRole', auth: 'iam', limited: false, options: { node: conn.edge.url, ssl, auth: { mode: 'iam', region: conn.region, credentials: keys(conn.iam.master) } } },
  { label: 'IAMLimitedUserRole', auth: 'iam', limited: true, options: { node: conn.edge.url, ssl, auth: { mode: 'iam', region: conn.region, credentials: keys(conn.iam.limited) } } },
  { label: `Cognito ${c.username}`, auth: 'cognito', limited: true, options: { node: conn.edge.url, ssl, auth: {
    mode: 'cognito', region: c.region, userPoolId: c.userPoolId, clientId: c.clientId, identityPoolId: c.identityPoolId,
    username: c.username, password: c.password, endpoints: { cognitoIdp: c.endpoint, cognitoIdentity: c.endpoint } } } },
];
const clients = new Map<string, Client>(principals.map((p) => [p.label, createClient(p.options)]));
const client = (label: string) => clients.get(label)!;

const pad = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s.padEnd(n));
const heading = (s: string) => console.log(`\n${s}\n${'-'.repeat(s.length)}`);

console.log('opensearch-fgac demo: the FGAC tutorial of the Amazon OpenSearch Service guide, on this machine');
console.log(`  OpenSearch ${conn.opensearch.version} + security plugin  ${conn.opensearch.url}   (HTTP basic)`);
console.log(`  AWS-like edge (SigV4 + access policy)   ${conn.edge.url}`);
console.log(`  Cognito (moto)                          ${c.endpoint}`);

heading('Step 1. Create the limited role and map the user and IAM role (SecurityApi, idempotent)');
const security = new SecurityApi(client('master-user'));
const role = await security.roles.ensure('new-role', {
  description: 'FGAC tutorial limited role',
  cluster_permissions: ['cluster_composite_ops_ro'],
  index_permissions: [{ index_patterns: ['flights*'], allowed_actions: ['read'],
    dls: { match: { FlightDelay: true } }, fls: [flsExclude('FlightNum')], masked_fields: ['Dest'] }],
});
const user = await security.users.ensure('new-user', {
  password: conn.users.limited.password, backend_roles: ['new-backend-role'], description: 'FGAC tutorial limited user' });
const mapping = await security.roleMappings.addBackendRoles('new-role', ['new-backend-role', conn.iam.limited.arn]);
console.log(`  role new-role: ${role.action}; user new-user: ${user.action}; mapping new-role: ${mapping.changed.length ? `added ${mapping.changed.join(', ')}` : 'unchanged'}`);
console.log('  new-role = flights*: read, DLS {"match":{"FlightDelay":true}}, FLS ~FlightNum, masked Dest');

heading('Step 2. GET _search (every index) as each principal');
for (const p of principals) {
  let line: string;
  try {
    const r = await client(p.label).search({ body: { query: { match_all: {} } } });
    line = `200 OK, ${(r.body.hits.total as { value: number }).value} hits`;
  } catch (e) {
    line = isFgacError(e) ? `${e.constructor.name}: ${e.message}` : String(e);
  }
  console.log(`  ${pad(p.label, 32)} ${pad(p.auth, 8)} ${line}`);
}

heading('Step 3. GET flights/_search as each principal');
const search = { index: 'flights', body: { size: 1000, sort: [{ timestamp: 'asc' as const }], query: { match_all: {} } } };
console.log(`  ${pad('principal', 32)} ${pad('auth', 8)} ${pad('hits', 6)} ${pad('FlightNum', 10)} ${pad('Dest', 22)} all FlightDelay=true`);
for (const p of principals) {
  const r = await client(p.label).search(search);
  const hits = r.body.hits.hits as Array<{ _source: Record<string, unknown> }>;
  const withNum = hits.filter((h) => 'FlightNum' in h._source).length;
  const masked = hits.filter((h) => /^[0-9a-f]{64}$/.test(String(h._source.Dest))).length;
  const delayed = hits.every((h) => h._source.FlightDelay === true);
  console.log(`  ${pad(p.label, 32)} ${pad(p.auth, 8)} ${pad(String(hits.length), 6)} ${pad(withNum ? 'visible' : 'hidden', 10)} ${pad(masked ? `masked (${masked})` : 'clear', 22)} ${delayed ? 'yes' : 'no'}`);
}

heading('Step 4. The same documents side by side (master-user vs new-user)');
const masterRes = await client('master-user').search(search);
const limitedRes = await client('new-user').search(search);
const limitedById = new Map((limitedRes.body.hits.hits as Array<{ _id: string; _source: Record<string, unknown> }>).map((h) => [h._id, h._source]));
const masterHits = masterRes.body.hits.hits as Array<{ _id: string; _source: Record<string, unknown> }>;
const sample = [...masterHits.filter((h) => h._source.FlightDelay === true).slice(0, 2), ...masterHits.filter((h) => h._source.FlightDelay !== true).slice(0, 1)];
for (const h of sample) {
  const other = limitedById.get(h._id);
  console.log(`  ${h._id}${other ? '' : '   (not returned to new-user: FlightDelay=false)'}`);
  for (const field of ['FlightNum', 'Dest', 'Origin', 'FlightDelay']) {
    const theirs = other === undefined ? '' : field in other ? String(other[field]) : '(hidden)';
    console.log(`    ${pad(field, 12)} ${pad(String(h._source[field]), 28)} ${theirs}`);
  }
}

heading('Step 5. What changed, and is it what new-role promises?');
const cmp = await compareAccess(client('master-user'), client('new-user'), search);
console.log(`  master-user: ${cmp.reference.total} hits; new-user: ${cmp.subject.total} hits; missing for new-user: ${cmp.totals.missing}`);
console.log(`  fields hidden: ${JSON.stringify(cmp.totals.hiddenFields)}; fields masked: ${JSON.stringify(cmp.totals.maskedFields)}`);
const roleJson = await security.roles.getRaw('new-role');
const originals = new Map((masterRes.body.hits.hits as Array<{ _index: string; _id: string; _source: unknown }>).map((h) => [`${h._index}/${h._id}`, h._source]));
for (const p of principals.filter((x) => x.limited)) {
  const res = await client(p.label).search(search);
  const report = verifyHits(res.body, expectationsFromRoles({ 'new-role': roleJson! }, 'flights', { name: p.label },
    { salt: conn.salt, defaultAlgorithm: conn.maskingAlgorithm, originals }));
  const n = report.counts;
  console.log(`  verifyHits ${pad(p.label, 30)} ${report.status.toUpperCase()}: ${n.hits} hits, ${n.dlsViolations} DLS violations, ${n.flsLeaks} FLS leaks, ${n.unmasked} unmasked, ${n.masksRecomputed} masks recomputed with the salt and equal`);
}

await Promise.all([...clients.values()].map((cl) => cl.close()));
