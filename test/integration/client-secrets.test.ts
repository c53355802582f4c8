/**
 * Against the real local domain, in each auth mode: the client's secret set holds what the mode
 * holds and fetches (basic password and user:password, IAM secret key and session token, Cognito
 * password, client secret and the identity pool's session token), and a refusal by the plugin
 * in that mode carries none of them in anything it exposes.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { inspect } from 'node:util';
import type { Client } from '@opensearch-project/opensearch';
import { authStrategyOf, createClient } from '../../src/client/create-client.js';
import { fromEnv } from '../../src/client/from-env.js';
import { redactText } from '../../src/errors/redact.js';
import { secretsOf } from '../../src/errors/secrets.js';
import { loadConnection } from '../domain/connection.js';
import { localEnv } from '../support/local-env.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);

/** Each value, and each encoded form a server might echo, is removed by the client's set. */
function assertHeld(client: Client, values: string[]): void {
  const set = secretsOf(client);
  for (const value of values) {
    for (const form of [value, Buffer.from(value).toString('base64'), encodeURIComponent(value)]) {
      assert.equal(redactText(`x ${form} y`, set), 'x [REDACTED] y', `${value.slice(0, 6)}... (${form.length} chars) not held`);
    }
  }
}

/** A security API read the limited principal may not do: refused by the plugin. */
async function refusal(client: Client): Promise<unknown> {
  try {
    await client.transport.request({ method: 'GET', path: '/_plugins/_security/api/internalusers' });
  } catch (error) {
    return error;
  }
  return assert.fail('the limited principal must be refused');
}

function assertClean(error: unknown, values: string[]): void {
  const e = error as Error;
  const rendered = [e.message, e.stack, JSON.stringify(e), inspect(e, { depth: 12, showHidden: true }), String(e)].join('\n');
  for (const value of values) {
    assert.ok(!rendered.includes(value), `a secret (${value.slice(0, 4)}...) is in the refusal`);
    assert.ok(!rendered.includes(Buffer.from(value).toString('base64')), 'a base64 secret is in the refusal');
  }
}

describe('one secret set per client, filled by its auth mode (real domain)', () => {
  test('basic: password and user:password', async () => {
    const u = conn.users.limited;
    const client = createClient({ node: conn.opensearch.url, ssl: { ca }, auth: { mode: 'basic', username: u.username, password: u.password } });
    assertHeld(client, [u.password, `${u.username}:${u.password}`]);
    const error = await refusal(client);
    assertClean(error, [u.password, `${u.username}:${u.password}`]);
  });

  test('iam through the edge: secret key and session token, once fetched', async () => {
    const k = conn.iam.limited;
    const client = createClient({ node: conn.edge.url, ssl: { ca }, auth: { mode: 'iam', region: conn.region, credentials: async () => ({ ...k }) } });
    const error = await refusal(client);
    const secrets = [k.secretAccessKey, ...(k.sessionToken ? [k.sessionToken] : [])];
    assertHeld(client, secrets);
    assertClean(error, secrets);
  });

  test('cognito through the edge: password, and the session token the identity pool handed out', async () => {
    const client = createClient(fromEnv(localEnv(conn, 'cognito')));
    const error = await refusal(client);
    const strategy = authStrategyOf(client);
    assert.ok(strategy !== undefined);
    const headers = await strategy.headersFor({ method: 'GET', host: new URL(conn.edge.url).host, path: '/', headers: {} });
    const token = headers['x-amz-security-token'];
    assert.ok(typeof token === 'string' && token.length >= 4, 'moto hands out a session token');
    assertHeld(client, [conn.cognito.password, token]);
    assertClean(error, [conn.cognito.password, token]);
  });
});
