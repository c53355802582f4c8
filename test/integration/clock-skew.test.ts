/**
 * SigV4 clock-skew correction against the local AWS-like edge (its SigV4 check allows five minutes, as AWS does):
 * with the edge's clock an hour ahead and its answers dated by that clock (as AWS's are), an iam and a cognito
 * client sign the refused request again by the edge's clock and every later one by it at once. Without a Date to
 * learn from (the edge's default: Node's own Date, by the machine's clock) the refusal reaches the caller typed,
 * after one attempt.
 */
import { after, afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Client } from '@opensearch-project/opensearch';
import { createClient } from '../../src/client/create-client.js';
import type { FgacClientOptions } from '../../src/client/options.js';
import { SignatureMismatchError } from '../../src/errors/classes.js';
import { checkDomain } from '../../src/diagnose/check-domain.js';
import { loadConnection } from '../domain/connection.js';
import { request } from '../domain/http.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const clients: Client[] = [];

async function edgeClock(body: { offsetSeconds: number; date?: boolean }): Promise<void> {
  const r = await request(`${conn.edge.url}/__edge/clock`, { method: 'PUT', headers: { 'x-edge-admin': conn.edge.adminToken }, ca, body: JSON.stringify(body) });
  assert.equal(r.status, 200, r.text);
}

function make(auth: FgacClientOptions['auth'], reasons: string[]): Client {
  const client = createClient({ node: conn.edge.url, ssl: { ca }, auth, retry: { retries: 0, onRetry: (info) => reasons.push(info.reason) } });
  clients.push(client);
  return client;
}

const k = conn.iam.limited;
const iam = (): FgacClientOptions['auth'] => ({ mode: 'iam', region: conn.region, credentials: { accessKeyId: k.accessKeyId, secretAccessKey: k.secretAccessKey, ...(k.sessionToken !== undefined ? { sessionToken: k.sessionToken } : {}) } });
const cognito = (): FgacClientOptions['auth'] => {
  const g = conn.cognito;
  return {
    mode: 'cognito', region: g.region, userPoolId: g.userPoolId, clientId: g.clientId, identityPoolId: g.identityPoolId,
    username: g.username, password: g.password, endpoints: { cognitoIdp: g.endpoint, cognitoIdentity: g.endpoint },
  };
};

afterEach(() => edgeClock({ offsetSeconds: 0 }));
after(async () => {
  await Promise.all(clients.map((c) => c.close()));
});

describe('SigV4 clock skew against the edge', () => {
  for (const [mode, auth] of [['iam', iam], ['cognito', cognito]] as const) {
    test(`${mode}: the edge an hour ahead, its answers dated by its clock: corrected once, then one attempt per request`, async () => {
      await edgeClock({ offsetSeconds: 3600, date: true });
      const reasons: string[] = [];
      const client = make(auth(), reasons);
      const first = await client.search({ index: 'flights', body: { size: 0 } });
      assert.equal(first.statusCode, 200);
      assert.equal(first.meta.attempts, 1, 'the refused attempt, then one more');
      assert.deepEqual(reasons, ['clock_skew']);
      const second = await client.search({ index: 'flights', body: { size: 0 } });
      assert.equal(second.meta.attempts, 0, 'signed by the corrected clock at once');
      assert.deepEqual(reasons, ['clock_skew']);
    });
  }

  test('checkDomain of an iam client whose clock the probe corrected: ok, with a clock_skew warning naming the offset', async () => {
    await edgeClock({ offsetSeconds: 3600, date: true });
    const client = make(iam(), []);
    const report = await checkDomain(client);
    assert.equal(report.ok, true, JSON.stringify(report.diagnosis));
    const skew = report.diagnosis.filter((d) => d.code === 'clock_skew');
    assert.equal(skew.length, 1, JSON.stringify(report.diagnosis));
    assert.equal(skew[0]?.severity, 'warning');
    assert.match(String(skew[0]?.problem), /clock is 3[56]\d\d s behind the domain's/);
    // a client that never met a skewed answer reports none
    await edgeClock({ offsetSeconds: 0 });
    const plain = await checkDomain(make(iam(), []));
    assert.equal(plain.diagnosis.some((d) => d.code === 'clock_skew'), false, JSON.stringify(plain.diagnosis));
  });

  test('iam: the edge an hour ahead but its Date by the machine\'s clock: one attempt, SignatureMismatchError clock_skew', async () => {
    await edgeClock({ offsetSeconds: 3600 });
    const reasons: string[] = [];
    const client = make(iam(), reasons);
    const e = await client.search({ index: 'flights' }).then(() => undefined, (error: unknown) => error);
    assert.ok(e instanceof SignatureMismatchError, String(e));
    assert.equal(e.problem, 'clock_skew');
    assert.match(e.awsMessage, /^Signature expired:/);
    assert.deepEqual(reasons, []);
  });
});
