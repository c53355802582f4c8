// A consumer app's smoke script: runs inside a temporary project where `opensearch-fgac` (the
// packed tarball) is installed next to the app's own @opensearch-project/opensearch. Plain ESM
// JavaScript, no build step. Prints one JSON line of observations; the caller asserts on them.
//
//   node consumer-smoke.mjs <connection.json> <index-name>
import { readFileSync } from 'node:fs';
import { Client, errors } from '@opensearch-project/opensearch';
import { createClient, CredentialsError, ingest, isRetryable, SecurityApi, SecurityExceptionError, UnauthorizedError } from 'opensearch-fgac';

const [connectionFile, index] = process.argv.slice(2);
const conn = JSON.parse(readFileSync(connectionFile, 'utf8'));
const ssl = { ca: readFileSync(conn.caFile, 'utf8') };
const out = {};
// Read from the app's node_modules: 2.0-2.4 do not export `./package.json`.
out.appClientVersion = JSON.parse(readFileSync(new URL('./node_modules/@opensearch-project/opensearch/package.json', import.meta.url), 'utf8')).version;

/** Runs `fn` and returns what it threw (or 'no error'). */
async function thrown(fn) {
  try { await fn(); return 'no error'; } catch (e) { return e; }
}

// 1. The factory's client is the app's Client class.
const limited = createClient({ node: conn.opensearch.url, auth: { mode: 'basic', ...conn.users.limited }, ssl, retry: { retries: 0 } });
out.instanceofAppClient = limited instanceof Client;

// 2. A refused request is a typed SecurityExceptionError AND the app's errors.ResponseError.
const denied = await thrown(() => limited.search({ index: 'movies', body: { size: 1 } }));
out.securityException = denied instanceof SecurityExceptionError;
out.securityExceptionIsAppResponseError = denied instanceof errors.ResponseError;
out.securityUser = denied?.user?.name ?? null;
out.securityStatus = denied?.statusCode ?? null;

// 3. Bad credentials: UnauthorizedError, also the app's ResponseError.
const bad = createClient({ node: conn.opensearch.url, auth: { mode: 'basic', username: conn.users.limited.username, password: 'wrong-password' }, ssl, retry: { retries: 0 } });
const unauth = await thrown(() => bad.info());
out.unauthorized = unauth instanceof UnauthorizedError && unauth instanceof errors.ResponseError;

// 4. IAM through the AWS-like edge (SigV4 with static credentials): allowed search, typed 403.
const iam = createClient({ node: conn.edge.url, auth: { mode: 'iam', region: conn.region, credentials: { accessKeyId: conn.iam.limited.accessKeyId, secretAccessKey: conn.iam.limited.secretAccessKey, sessionToken: conn.iam.limited.sessionToken } }, ssl, retry: { retries: 0 } });
out.iamInstanceofAppClient = iam instanceof Client;
const allowed = await iam.search({ index: 'flights', body: { size: 0, track_total_hits: true } });
out.iamFlightsTotal = allowed.body.hits.total.value;
const iamDenied = await thrown(() => iam.search({ index: 'movies', body: { size: 1 } }));
out.iamSecurityException = iamDenied instanceof SecurityExceptionError && iamDenied instanceof errors.ResponseError;

// 5. A connection failure of the app's own Client class is typed and retryable for the SDK.
const dead = new Client({ node: 'http://127.0.0.1:9', requestTimeout: 2000, maxRetries: 0 });
const connErr = await thrown(() => dead.info());
out.appConnectionErrorRetryable = connErr instanceof errors.ConnectionError && isRetryable(connErr);

// 5b. The optional AWS SDK peers are not installed here: the modes that need them say which to install.
const chain = createClient({ node: conn.edge.url, auth: { mode: 'iam', region: conn.region }, ssl, retry: { retries: 0 } });
const noChain = await thrown(() => chain.info());
out.defaultChainMissing = noChain instanceof CredentialsError ? noChain.message : String(noChain);
const cognito = createClient({ node: conn.edge.url, ssl, retry: { retries: 0 }, auth: { mode: 'cognito', region: conn.cognito.region,
  userPoolId: conn.cognito.userPoolId, clientId: conn.cognito.clientId, identityPoolId: conn.cognito.identityPoolId,
  username: conn.cognito.username, password: conn.cognito.password, endpoints: { cognitoIdp: conn.cognito.endpoint, cognitoIdentity: conn.cognito.endpoint } } });
const noCognito = await thrown(() => cognito.info());
out.cognitoSdkMissing = noCognito instanceof CredentialsError ? noCognito.message : String(noCognito);
await Promise.all([chain.close(), cognito.close()]);

// 6. ingest() with a client the app built itself (not createClient), and one refused by FGAC.
const master = createClient({ node: conn.opensearch.url, auth: { mode: 'basic', ...conn.users.master }, ssl });
const appMaster = new Client({ node: conn.opensearch.url, auth: conn.users.master, ssl });
try {
  const report = await ingest(appMaster, [1, 2, 3].map((n) => ({ index, id: `d${n}`, document: { n } })));
  out.ingestIndexed = report.outcomes.filter((o) => o.status === 'indexed').length;
  const refused = await ingest(limited, [{ index, id: 'x1', document: { n: 9 } }], { retries: 0 });
  out.ingestRefusedKind = refused.outcomes[0]?.status === 'failed' ? refused.outcomes[0].kind : refused.outcomes[0]?.status;
  const deadReport = await ingest(dead, [{ index, id: 'y1', document: { n: 1 } }], { retries: 1, minDelayMs: 1, maxDelayMs: 5 });
  const o = deadReport.outcomes[0];
  out.ingestDeadNode = o?.status === 'failed' ? `${o.kind}:${o.retryable}` : o?.status;
  // 7. The security REST API through the app's own Client.
  const role = await new SecurityApi(appMaster).roles.get('new-role');
  out.securityApiRolePatterns = role?.index_permissions?.[0]?.index_patterns ?? null;
} finally {
  await master.indices.delete({ index, ignore_unavailable: true }).catch(() => undefined);
  await Promise.all([limited, bad, iam, dead, master, appMaster].map((c) => c.close()));
}
console.log(JSON.stringify(out));
