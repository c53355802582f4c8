/**
 * checkDomain against the REAL local domain: who each principal is (basic master / limited direct to the
 * node, IAM master / limited and Cognito through the SigV4 edge), which recommended configuration that
 * matches, and a problem + fix (never an exception) for a wrong password, an unsigned request under a
 * policy naming IAM principals, a principal the policy does not name, an expired token, bad signatures,
 * a user mapped to no role, a missing CA and no credentials at all.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { inspect } from 'node:util';
import type { Client } from '@opensearch-project/opensearch';
import { createClient } from '../../src/client/create-client.js';
import type { FgacClientOptions } from '../../src/client/options.js';
import { checkDomain, type DomainCheckReport } from '../../src/diagnose/index.js';
import {
  AccessPolicyDeniedError, ExpiredCredentialsError, SignatureMismatchError, UnauthorizedError,
} from '../../src/errors/classes.js';
import { SecurityApi } from '../../src/security/index.js';
import { loadConnection, type IamKeys } from '../domain/connection.js';
import { request } from '../domain/http.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const admin = { 'x-edge-admin': conn.edge.adminToken };
const NOBODY = 'p8-nobody';
const NOBODY_PASSWORD = 'p8-Zq7#vLm2!tRw9xKp4$Hd';
const WRONG_PASSWORD = 'p8-Wrong-Passw0rd-!x7';
const EXPIRED: IamKeys & { expiration: string } = {
  accessKeyId: 'ASIAP8CHECKEXPIRED001',
  secretAccessKey: 'p8-check-domain-expired-secret-0123456789',
  sessionToken: 'p8-check-domain-expired-session-token-abcdefgh',
  arn: conn.iam.limited.arn,
  expiration: '2020-01-01T00:00:00Z',
};
const clients: Client[] = [];

function make(options: FgacClientOptions): Client {
  const client = createClient(options);
  clients.push(client);
  return client;
}

const keys = (k: IamKeys) => ({ accessKeyId: k.accessKeyId, secretAccessKey: k.secretAccessKey, ...(k.sessionToken !== undefined ? { sessionToken: k.sessionToken } : {}) });
const basic = (login: { username: string; password: string }, node = conn.opensearch.url): FgacClientOptions => ({ node, ssl: { ca }, auth: { mode: 'basic', ...login } });
const iam = (k: IamKeys, extra: Partial<{ region: string }> = {}): FgacClientOptions => ({
  node: conn.edge.url, ssl: { ca }, auth: { mode: 'iam', region: extra.region ?? conn.region, credentials: keys(k) },
});
const master = make(basic(conn.users.master));

async function edgeAdmin(method: string, path: string, body?: unknown): Promise<void> {
  const r = await request(`${conn.edge.url}${path}`, { method, headers: admin, ca, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  assert.ok(r.status >= 200 && r.status < 300, `${method} ${path}: ${r.status} ${r.text}`);
}

function only(report: DomainCheckReport): DomainCheckReport['diagnosis'][number] {
  assert.equal(report.diagnosis.length, 1, JSON.stringify(report.diagnosis.map((d) => d.code)));
  return report.diagnosis[0]!;
}

function assertSecretsAbsent(report: DomainCheckReport, secrets: string[]): void {
  const texts = [JSON.stringify(report), inspect(report, { depth: Infinity })];
  for (const secret of secrets) for (const text of texts) assert.ok(!text.includes(secret), `secret ${secret.slice(0, 6)}… leaked`);
}

before(async () => {
  await edgeAdmin('POST', '/__edge/reset');
});

after(async () => {
  try {
    await new SecurityApi(master).users.delete(NOBODY);
  } catch {
    // not created
  }
  await edgeAdmin('POST', '/__edge/reset');
  await Promise.all(clients.map((c) => c.close()));
});

describe('who the client is, and the matching recommended configuration', () => {
  test('basic master-user, direct to the node: internal master user, configuration (b)', async () => {
    const r = await checkDomain(master);
    assert.equal(r.ok, true);
    assert.equal(r.authMode, 'basic');
    assert.deepEqual(r.diagnosis, []);
    assert.equal(r.identity?.user, conn.users.master.username);
    assert.equal(r.identity?.kind, 'internal-user');
    assert.equal(r.identity?.internalUser, true);
    assert.equal(r.identity?.master, true);
    assert.ok(r.identity?.roles.includes('all_access'));
    assert.equal(r.identity?.requestedTenant, null);
    assert.equal(r.configuration?.id, 'internal-master');
    assert.deepEqual(r.configuration?.recommended, ['b']);
  });

  test('basic new-user: internal user with new-role and its backend role', async () => {
    const r = await checkDomain(make(basic(conn.users.limited)));
    assert.equal(r.ok, true);
    assert.equal(r.identity?.user, conn.users.limited.username);
    assert.deepEqual(r.identity?.roles, ['new-role']);
    assert.deepEqual(r.identity?.backendRoles, ['new-backend-role']);
    assert.equal(r.identity?.master, false);
    assert.equal(r.configuration?.id, 'internal-user');
    assert.deepEqual(r.configuration?.recommended, ['b']);
  });

  test('IAM master role through the edge: master user = IAM, configurations (a), (c), (d)', async () => {
    const r = await checkDomain(make(iam(conn.iam.master)));
    assert.equal(r.ok, true);
    assert.equal(r.authMode, 'iam');
    assert.equal(r.identity?.user, conn.iam.master.arn);
    assert.deepEqual(r.identity?.backendRoles, [conn.iam.master.arn]);
    assert.equal(r.identity?.kind, 'iam-role');
    assert.equal(r.identity?.internalUser, false);
    assert.equal(r.identity?.master, true);
    assert.equal(r.configuration?.id, 'iam-master');
    assert.deepEqual(r.configuration?.recommended, ['a', 'c', 'd']);
  });

  test('IAM limited role: a limited IAM principal mapped to new-role', async () => {
    const r = await checkDomain(make(iam(conn.iam.limited)));
    assert.equal(r.ok, true);
    assert.equal(r.identity?.kind, 'iam-role');
    assert.deepEqual(r.identity?.roles, ['new-role']);
    assert.equal(r.configuration?.id, 'iam-principal');
  });

  test('Cognito (moto) identity pool credentials: configuration (c)', async () => {
    const g = conn.cognito;
    const r = await checkDomain(make({
      node: conn.edge.url, ssl: { ca },
      auth: {
        mode: 'cognito', region: g.region, userPoolId: g.userPoolId, clientId: g.clientId, identityPoolId: g.identityPoolId,
        username: g.username, password: g.password, endpoints: { cognitoIdp: g.endpoint, cognitoIdentity: g.endpoint },
      },
    }));
    assert.equal(r.ok, true, JSON.stringify(r.diagnosis));
    assert.equal(r.authMode, 'cognito');
    assert.equal(r.identity?.user, g.roleArn);
    assert.deepEqual(r.identity?.roles, ['new-role']);
    assert.equal(r.configuration?.id, 'cognito');
    assert.deepEqual(r.configuration?.recommended, ['c']);
  });

  test('a requested tenant the user does not have is a warning, not a failure', async () => {
    const r = await checkDomain(make({ ...basic(conn.users.limited), tenant: 'analysts' }));
    assert.equal(r.ok, true);
    assert.equal(r.identity?.requestedTenant, 'analysts');
    const d = only(r);
    assert.equal(d.code, 'tenant_not_available');
    assert.equal(d.severity, 'warning');
    assert.match(d.problem, /tenant analysts, which is not among the user's tenants \(new-user\)/);
  });
});

describe('diagnosed failures (the probe resolves, never rejects)', () => {
  test('wrong password: credentials rejected, no secret in the report', async () => {
    const r = await checkDomain(make(basic({ username: conn.users.limited.username, password: WRONG_PASSWORD })));
    assert.equal(r.ok, false);
    assert.equal(r.identity, undefined);
    const d = only(r);
    assert.equal(d.code, 'credentials_rejected');
    assert.ok(d.error instanceof UnauthorizedError);
    assert.match(d.fix, /auth\.username and auth\.password/);
    assertSecretsAbsent(r, [WRONG_PASSWORD, Buffer.from(`${conn.users.limited.username}:${WRONG_PASSWORD}`).toString('base64')]);
  });

  test('no credentials at all (auth mode none)', async () => {
    const r = await checkDomain(make({ node: conn.opensearch.url, ssl: { ca }, auth: { mode: 'none' } }));
    assert.equal(r.ok, false);
    assert.equal(only(r).code, 'no_credentials');
  });

  test('the node certificate without its CA: a TLS diagnosis', async () => {
    const r = await checkDomain(make({ node: conn.opensearch.url, auth: { mode: 'basic', ...conn.users.master } }));
    assert.equal(r.ok, false);
    const d = only(r);
    assert.equal(d.code, 'tls');
    assert.match(d.fix, /ssl\.ca/);
    assertSecretsAbsent(r, [conn.users.master.password, Buffer.from(`${conn.users.master.username}:${conn.users.master.password}`).toString('base64')]);
  });

  test('a user mapped to no role', async () => {
    const security = new SecurityApi(master);
    await security.users.put(NOBODY, { password: NOBODY_PASSWORD, description: 'p8 check-domain test user without roles' });
    const r = await checkDomain(make(basic({ username: NOBODY, password: NOBODY_PASSWORD })));
    assert.equal(r.ok, false);
    assert.equal(r.identity?.user, NOBODY);
    assert.deepEqual(r.identity?.roles, []);
    assert.equal(r.identity?.kind, 'internal-user');
    assert.equal(r.configuration?.id, 'unmapped');
    const d = only(r);
    assert.equal(d.code, 'no_roles');
    assert.match(d.fix, /addUsers\('<role>', \['p8-nobody'\]\)/);
    assertSecretsAbsent(r, [NOBODY_PASSWORD]);
  });

  describe('domain access policy naming IAM principals (edge admin API)', () => {
    before(async () => {
      await edgeAdmin('PUT', '/__edge/policy', {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: [conn.iam.master.arn] }, Action: 'es:ESHttp*', Resource: `${conn.domainArn}/*` }],
      });
    });
    after(async () => {
      await edgeAdmin('POST', '/__edge/reset');
    });

    test('an unsigned (basic auth) request: the policy needs signed requests', async () => {
      const r = await checkDomain(make(basic(conn.users.master, conn.edge.url)));
      assert.equal(r.ok, false);
      const d = only(r);
      assert.equal(d.code, 'access_policy_unsigned');
      assert.ok(d.error instanceof AccessPolicyDeniedError);
      assert.match(d.problem, /unsigned \(anonymous\) request for es:ESHttpGet/);
      assert.match(d.problem, /HTTP basic requests cannot also be signed/);
      assert.match(d.fix, /auth mode 'iam'/);
      assert.match(d.fix, /Allow Principal AWS "\*" Action es:ESHttp\* Resource <domain-arn>\/\*/);
      assertSecretsAbsent(r, [conn.users.master.password]);
    });

    test('a signed request by a principal the policy does not name', async () => {
      const r = await checkDomain(make(iam(conn.iam.limited)));
      assert.equal(r.ok, false);
      const d = only(r);
      assert.equal(d.code, 'access_policy_principal');
      assert.match(d.problem, new RegExp(`does not allow ${conn.iam.limited.arn.replace(/[/]/g, '\\/')} to perform es:ESHttpGet`));
    });

    test('the named principal still passes', async () => {
      const r = await checkDomain(make(iam(conn.iam.master)));
      assert.equal(r.ok, true);
      assert.equal(r.configuration?.id, 'iam-master');
    });
  });

  describe('AWS credential and signature failures', () => {
    after(async () => {
      await edgeAdmin('POST', '/__edge/reset');
    });

    test('an expired token (registered with the edge, expired)', async () => {
      const { expiration, ...cred } = EXPIRED;
      await edgeAdmin('POST', '/__edge/credentials', { ...cred, expiration });
      const r = await checkDomain(make(iam(EXPIRED)));
      assert.equal(r.ok, false);
      const d = only(r);
      assert.equal(d.code, 'credentials_expired');
      assert.ok(d.error instanceof ExpiredCredentialsError);
      assertSecretsAbsent(r, [EXPIRED.secretAccessKey, EXPIRED.sessionToken!]);
    });

    test('an unknown access key is an invalid token', async () => {
      const r = await checkDomain(make(iam({ ...conn.iam.master, accessKeyId: 'ASIAP8UNKNOWNKEY0001' })));
      assert.equal(only(r).code, 'credentials_invalid');
    });

    test('a wrong secret key: signature mismatch with region/service/signingHost advice', async () => {
      const r = await checkDomain(make(iam({ ...conn.iam.master, secretAccessKey: 'p8-not-the-secret-key' })));
      const d = only(r);
      assert.equal(d.code, 'signature_mismatch');
      assert.ok(d.error instanceof SignatureMismatchError);
      assert.match(d.fix, /auth\.region/);
      assert.match(d.fix, /auth\.signingHost/);
      assertSecretsAbsent(r, ['p8-not-the-secret-key', conn.iam.master.sessionToken ?? '\u0000']);
    });

    test('a wrong region: the credential scope names the region', async () => {
      const r = await checkDomain(make(iam(conn.iam.master, { region: 'eu-west-1' })));
      const d = only(r);
      assert.equal(d.code, 'signature_mismatch');
      assert.match(d.problem, /eu-west-1/);
      assert.match(d.fix, /auth\.region/);
    });

    test('a clock off by an hour: clock skew', async () => {
      await edgeAdmin('PUT', '/__edge/clock', { offsetSeconds: 3600 });
      const r = await checkDomain(make(iam(conn.iam.master)));
      const d = only(r);
      assert.equal(d.code, 'clock_skew');
      assert.match(d.fix, /clock/);
      await edgeAdmin('PUT', '/__edge/clock', { offsetSeconds: 0 });
    });
  });
});
