/**
 * createClient against the REAL local domain: each auth mode gets its principal's view of
 * `flights` (master: all 240 docs; limited: only FlightDelay=true, no FlightNum, Dest masked).
 * Basic goes to the node directly; IAM and Cognito go through the SigV4 edge.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Client } from '@opensearch-project/opensearch';
import { createClient } from '../../src/client/create-client.js';
import { fromEnv } from '../../src/client/from-env.js';
import type { FgacClientOptions } from '../../src/client/options.js';
import { loadConnection } from '../domain/connection.js';
import { request } from '../domain/http.js';
import { idpClient } from '../domain/moto.js';
import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { secretHash } from '../../src/auth/cognito.js';
import { flights } from '../domain/seed-data.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const MASTER_ARN = conn.iam.master.arn;
const LIMITED_ARN = conn.iam.limited.arn;
const generated = new Map(flights().map(({ id, doc }) => [id, doc]));
const delayedIds = [...generated].filter(([, d]) => d.FlightDelay).map(([id]) => id).sort();
const clients: Client[] = [];

after(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await request(`${conn.edge.url}/__edge/reset`, { method: 'POST', headers: { 'x-edge-admin': conn.edge.adminToken }, ca });
});

function make(options: FgacClientOptions): Client {
  const client = createClient(options);
  clients.push(client);
  return client;
}

const keys = (k: typeof conn.iam.master) => ({ accessKeyId: k.accessKeyId, secretAccessKey: k.secretAccessKey, ...(k.sessionToken !== undefined ? { sessionToken: k.sessionToken } : {}) });

interface Hit {
  _id: string;
  _source: Record<string, unknown>;
}

async function flightsView(client: Client): Promise<Hit[]> {
  const r = await client.search({ index: 'flights', body: { size: 1000, query: { match_all: {} } } });
  return (r.body as { hits: { hits: Hit[] } }).hits.hits;
}

async function authinfo(client: Client): Promise<Record<string, unknown>> {
  const r = await client.transport.request({ method: 'GET', path: '/_plugins/_security/authinfo' });
  return r.body as Record<string, unknown>;
}

function assertFull(hits: Hit[]): void {
  assert.equal(hits.length, 240);
  for (const h of hits) assert.deepEqual(h._source, generated.get(h._id));
}

function assertLimited(hits: Hit[]): void {
  assert.deepEqual(hits.map((h) => h._id).sort(), delayedIds);
  for (const h of hits) {
    assert.equal(h._source.FlightDelay, true);
    assert.ok(!('FlightNum' in h._source), `FlightNum hidden in ${h._id}`);
    assert.match(String(h._source.Dest), /^[0-9a-f]{64}$/);
    assert.equal(h._source.Origin, generated.get(h._id)?.Origin);
  }
}

function cognitoAuth(variant: 'public' | 'secret') {
  const g = conn.cognito;
  return {
    mode: 'cognito' as const,
    region: g.region,
    userPoolId: g.userPoolId,
    clientId: variant === 'public' ? g.clientId : g.secretClient.clientId,
    ...(variant === 'secret' ? { clientSecret: g.secretClient.clientSecret } : {}),
    identityPoolId: g.identityPoolId,
    username: g.username,
    password: g.password,
    endpoints: { cognitoIdp: g.endpoint, cognitoIdentity: g.endpoint },
  };
}

describe('basic auth, direct to the node', () => {
  test('master sees all 240 documents with every field', async () => {
    assertFull(await flightsView(make({ node: conn.opensearch.url, ssl: { ca }, auth: { mode: 'basic', ...conn.users.master } })));
  });
  test('limited sees only FlightDelay=true, without FlightNum', async () => {
    const client = make({ node: conn.opensearch.url, ssl: { ca }, auth: { mode: 'basic', ...conn.users.limited } });
    assertLimited(await flightsView(client));
    assert.equal((await authinfo(client)).user_name, conn.users.limited.username);
  });
});

describe('iam mode through the edge', () => {
  for (const form of ['static credentials', 'a credential provider'] as const) {
    test(`master with ${form}: full view, authinfo names the role ARN`, async () => {
      const credentials = form === 'static credentials' ? keys(conn.iam.master) : async () => keys(conn.iam.master);
      const client = make({ node: conn.edge.url, ssl: { ca }, auth: { mode: 'iam', region: conn.region, credentials } });
      assertFull(await flightsView(client));
      const info = await authinfo(client);
      assert.equal(info.user_name, MASTER_ARN);
      assert.deepEqual(info.backend_roles, [MASTER_ARN]);
    });
    test(`limited with ${form}: limited view, authinfo names the role ARN`, async () => {
      const credentials = form === 'static credentials' ? keys(conn.iam.limited) : async () => keys(conn.iam.limited);
      const client = make({ node: conn.edge.url, ssl: { ca }, auth: { mode: 'iam', region: conn.region, credentials } });
      assertLimited(await flightsView(client));
      assert.equal((await authinfo(client)).user_name, LIMITED_ARN);
    });
  }

  test('gzip request bodies through the edge (signature over the compressed bytes)', async () => {
    const client = make({ node: conn.edge.url, ssl: { ca }, compression: true, auth: { mode: 'iam', region: conn.region, credentials: keys(conn.iam.limited) } });
    const encodings: unknown[] = [];
    client.on('response', (_err, result) => encodings.push((result.meta.request.params as { headers?: Record<string, unknown> }).headers?.['content-encoding']));
    const r = await client.search({ index: 'flights', body: { size: 1000, query: { bool: { filter: [{ exists: { field: 'Origin' } }] } } } });
    assertLimited((r.body as { hits: { hits: Hit[] } }).hits.hits);
    assert.deepEqual(encodings, ['gzip']);
  });

  test('tenant header -> authinfo user_requested_tenant (iam and basic)', async () => {
    const iam = make({ node: conn.edge.url, ssl: { ca }, tenant: '__user__', auth: { mode: 'iam', region: conn.region, credentials: keys(conn.iam.master) } });
    assert.equal((await authinfo(iam)).user_requested_tenant, '__user__');
    const basic = make({ node: conn.opensearch.url, ssl: { ca }, tenant: 'global_tenant', auth: { mode: 'basic', ...conn.users.master } });
    assert.equal((await authinfo(basic)).user_requested_tenant, 'global_tenant');
  });
});

describe('cognito mode (moto) through the edge', () => {
  for (const variant of ['public', 'secret'] as const) {
    test(`${variant} app client${variant === 'secret' ? ' (SECRET_HASH)' : ''}: the identity pool role's limited view`, async () => {
      const client = make({ node: conn.edge.url, ssl: { ca }, auth: cognitoAuth(variant) });
      assertLimited(await flightsView(client));
      assert.equal((await authinfo(client)).user_name, conn.cognito.roleArn);
    });
  }

  for (const variant of ['public', 'secret'] as const) {
    test(`${variant} app client with only a refresh token (REFRESH_TOKEN_AUTH), and with only an id token`, async () => {
      const g = conn.cognito;
      const clientId = variant === 'public' ? g.clientId : g.secretClient.clientId;
      const hash: Record<string, string> = variant === 'secret' ? { SECRET_HASH: secretHash(g.username, clientId, g.secretClient.clientSecret) } : {};
      const signIn = await idpClient(g.endpoint, g.region).send(
        new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: g.username, PASSWORD: g.password, ...hash } }),
      );
      const { RefreshToken: refreshToken, IdToken: idToken } = signIn.AuthenticationResult ?? {};
      assert.ok(refreshToken !== undefined && idToken !== undefined);
      const { password: _password, ...base } = cognitoAuth(variant);
      const viaRefresh = make({ node: conn.edge.url, ssl: { ca }, auth: { ...base, refreshToken } });
      assertLimited(await flightsView(viaRefresh));
      const viaIdToken = make({ node: conn.edge.url, ssl: { ca }, auth: { ...base, idToken } });
      assert.equal((await authinfo(viaIdToken)).user_name, conn.cognito.roleArn);
    });
  }

  test('a wrong password is a CredentialsError naming cognito-idp:InitiateAuth', async () => {
    const client = make({ node: conn.edge.url, ssl: { ca }, auth: { ...cognitoAuth('public'), password: 'wrong-Password-1!' } });
    await assert.rejects(flightsView(client), (e: unknown) => {
      assert.equal((e as Error).name, 'CredentialsError');
      assert.equal((e as { source?: string }).source, 'cognito-idp:InitiateAuth(USER_PASSWORD_AUTH)');
      assert.doesNotMatch(String((e as Error).message), /wrong-Password/);
      return true;
    });
  });
});

describe('one test body, auth mode chosen by environment variables only (fromEnv)', () => {
  const common = { OPENSEARCH_CA_FILE: conn.caFile, AWS_REGION: conn.region };
  const limitedEnvs: Record<string, NodeJS.ProcessEnv> = {
    basic: { ...common, OPENSEARCH_URL: conn.opensearch.url, OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: conn.users.limited.username, OPENSEARCH_PASSWORD: conn.users.limited.password },
    iam: { ...common, OPENSEARCH_URL: conn.edge.url, OPENSEARCH_AUTH: 'iam' },
    cognito: {
      ...common,
      OPENSEARCH_URL: conn.edge.url,
      OPENSEARCH_AUTH: 'cognito',
      COGNITO_USER_POOL_ID: conn.cognito.userPoolId,
      COGNITO_CLIENT_ID: conn.cognito.clientId,
      COGNITO_IDENTITY_POOL_ID: conn.cognito.identityPoolId,
      COGNITO_USERNAME: conn.cognito.username,
      COGNITO_PASSWORD: conn.cognito.password,
      COGNITO_IDP_ENDPOINT: conn.cognito.endpoint,
      COGNITO_IDENTITY_ENDPOINT: conn.cognito.endpoint,
    },
  };

  for (const [mode, env] of Object.entries(limitedEnvs)) {
    test(`${mode}: the limited principal's view`, async () => {
      // iam: the Node default chain reads AWS_ACCESS_KEY_ID & co. from the process environment.
      const saved = { ...process.env };
      if (mode === 'iam') {
        Object.assign(process.env, { AWS_ACCESS_KEY_ID: conn.iam.limited.accessKeyId, AWS_SECRET_ACCESS_KEY: conn.iam.limited.secretAccessKey, AWS_SESSION_TOKEN: conn.iam.limited.sessionToken ?? '' });
      }
      try {
        const client = make(fromEnv(env));
        assertLimited(await flightsView(client));
      } finally {
        for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) {
          if (saved[k] === undefined) delete process.env[k];
          else process.env[k] = saved[k];
        }
      }
    });
  }
});
