/**
 * Credentials expiring mid-run, against the edge's real expiry checks: short-lived keys are
 * added through the edge admin API; the client must switch before expiry when it knows the
 * expiry, and recover with exactly one forced refresh when it does not. Cognito credentials
 * from moto are refreshed before they expire.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { Client } from '@opensearch-project/opensearch';
import { authStrategyOf, createClient } from '../../src/client/create-client.js';
import { refreshBufferFor } from '../../src/auth/refresh-buffer.js';
import type { AwsCredentialIdentity } from '../../src/auth/aws-credentials.js';
import { loadConnection } from '../domain/connection.js';
import { request } from '../domain/http.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const admin = { 'x-edge-admin': conn.edge.adminToken };
const clients: Client[] = [];

after(async () => {
  await Promise.all(clients.map((c) => c.close()));
  const r = await request(`${conn.edge.url}/__edge/reset`, { method: 'POST', headers: admin, ca });
  assert.equal(r.status, 200);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const limitedKeys: AwsCredentialIdentity = {
  accessKeyId: conn.iam.limited.accessKeyId,
  secretAccessKey: conn.iam.limited.secretAccessKey,
  ...(conn.iam.limited.sessionToken !== undefined ? { sessionToken: conn.iam.limited.sessionToken } : {}),
};

/** Registers a fresh key with the edge, mapped to the master role, expiring at `expiration`. */
async function shortLivedMasterKey(expiration: Date): Promise<AwsCredentialIdentity> {
  const cred = {
    accessKeyId: `ASIAP2${randomBytes(6).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(20).toString('base64url'),
    sessionToken: randomBytes(24).toString('base64url'),
    expiration: expiration.toISOString(),
    arn: conn.iam.master.arn,
  };
  const r = await request(`${conn.edge.url}/__edge/credentials`, { method: 'POST', headers: admin, body: JSON.stringify(cred), ca });
  assert.equal(r.status, 201, r.text);
  return { accessKeyId: cred.accessKeyId, secretAccessKey: cred.secretAccessKey, sessionToken: cred.sessionToken };
}

async function whoAmI(client: Client): Promise<string> {
  const r = await client.transport.request({ method: 'GET', path: '/_plugins/_security/authinfo' });
  return String((r.body as { user_name?: unknown }).user_name);
}

describe('iam credentials expiring mid-run (edge expiry)', () => {
  test('credentials with a known expiry are replaced before they expire (no request ever rejected)', async () => {
    const requestTimeoutMs = 2000;
    const buffer = refreshBufferFor(requestTimeoutMs); // 62 s
    const expiration = new Date(Date.now() + buffer + 3000); // the client may use it for ~3 s
    const shortLived = await shortLivedMasterKey(expiration);
    let calls = 0;
    const provider = async (): Promise<AwsCredentialIdentity> => {
      calls += 1;
      return calls === 1 ? { ...shortLived, expiration } : limitedKeys;
    };
    const statuses: number[] = [];
    const client = createClient({ node: conn.edge.url, ssl: { ca }, requestTimeoutMs, auth: { mode: 'iam', region: conn.region, credentials: provider } });
    clients.push(client);
    client.on('response', (_err, result) => statuses.push(result.statusCode ?? 0));
    assert.equal(await whoAmI(client), conn.iam.master.arn);
    assert.equal(await whoAmI(client), conn.iam.master.arn);
    assert.equal(calls, 1);
    await sleep(3500);
    // Inside the buffer: the short-lived key is still valid at the edge for ~59 s, yet the client moved on.
    assert.ok(expiration.getTime() - Date.now() > 50_000);
    assert.equal(await whoAmI(client), conn.iam.limited.arn);
    assert.equal(calls, 2);
    assert.deepEqual(statuses, [200, 200, 200], 'no 403 was needed');
  });

  test('credentials whose expiry the client does not know: one expired-token 403, one forced refresh, success', async () => {
    const shortLived = await shortLivedMasterKey(new Date(Date.now() + 2000));
    let calls = 0;
    const provider = async (): Promise<AwsCredentialIdentity> => {
      calls += 1;
      return calls === 1 ? shortLived : limitedKeys; // no expiration: only the 15 min TTL would refresh it
    };
    const statuses: number[] = [];
    const client = createClient({ node: conn.edge.url, ssl: { ca }, auth: { mode: 'iam', region: conn.region, credentials: provider } });
    clients.push(client);
    client.on('response', (_err, result) => statuses.push(result.statusCode ?? 0));
    assert.equal(await whoAmI(client), conn.iam.master.arn);
    await sleep(2500); // the edge now rejects the key as expired
    const results = await Promise.all(Array.from({ length: 10 }, () => whoAmI(client)));
    assert.ok(results.every((u) => u === conn.iam.limited.arn));
    assert.equal(calls, 2, 'ten concurrent expired-token failures caused one provider call');
    assert.equal(statuses.filter((s) => s === 403).length, 10);
    assert.equal(statuses.filter((s) => s === 200).length, 11);
  });
});

describe('cognito credentials (moto) refreshed before they expire', () => {
  test('a new GetCredentialsForIdentity happens inside the refresh buffer; requests keep the limited identity', async () => {
    const g = conn.cognito;
    const auth = {
      mode: 'cognito' as const,
      region: g.region,
      userPoolId: g.userPoolId,
      clientId: g.clientId,
      identityPoolId: g.identityPoolId,
      username: g.username,
      password: g.password,
      endpoints: { cognitoIdp: g.endpoint, cognitoIdentity: g.endpoint },
    };
    // How long moto's credentials live decides the request timeout that leaves them ~2 s of freshness.
    const probe = createClient({ node: conn.edge.url, ssl: { ca }, auth });
    clients.push(probe);
    const first = await authStrategyOf(probe)?.authorize();
    const lifetime = (first?.expiresAt ?? 0) - Date.now();
    assert.ok(lifetime > 65_000, `moto credentials live ${lifetime} ms`);
    const requestTimeoutMs = lifetime - 60_000 - 2000;

    const client = createClient({ node: conn.edge.url, ssl: { ca }, requestTimeoutMs, auth });
    clients.push(client);
    const strategy = authStrategyOf(client);
    assert.ok(strategy);
    assert.equal(await whoAmI(client), g.roleArn);
    const g1 = (await strategy.authorize()).generation;
    assert.equal(g1, 1);
    await sleep(2500);
    assert.equal(await whoAmI(client), g.roleArn);
    const later = await strategy.authorize();
    assert.equal(later.generation, 2, 'credentials were fetched again before they expired');
    assert.ok((later.expiresAt ?? 0) > Date.now() + 60_000);
  });
});
