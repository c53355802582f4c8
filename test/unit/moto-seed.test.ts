import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InitiateAuthCommand, type InitiateAuthCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { cognitoCredentialsSmokeTest, idpClient, isMotoHealthy, seedCognito, startMoto, stopMoto, type CognitoSeed } from '../domain/moto.js';

const region = 'us-east-1';
const dir = mkdtempSync(join(tmpdir(), 'fgac-moto-'));
let seed: CognitoSeed;

before(async () => {
  const { endpoint } = await startMoto({ dir });
  seed = await seedCognito(endpoint, region);
});

after(async () => {
  await stopMoto(dir);
  rmSync(dir, { recursive: true, force: true });
});

function secretHash(username: string, clientId: string, secret: string): string {
  return createHmac('sha256', secret).update(username + clientId).digest('base64');
}

function login(clientId: string, params: Record<string, string>, flow: 'USER_PASSWORD_AUTH' | 'REFRESH_TOKEN_AUTH'): Promise<InitiateAuthCommandOutput> {
  return idpClient(seed.endpoint, region).send(new InitiateAuthCommand({ AuthFlow: flow, ClientId: clientId, AuthParameters: params }));
}

test('moto is healthy and seeded', async () => {
  assert.equal(await isMotoHealthy(seed.endpoint), true);
  assert.match(seed.userPoolId, /^us-east-1_/);
  assert.match(seed.identityPoolId, /^us-east-1:/);
  assert.ok(seed.clientId && seed.secretClient.clientId && seed.secretClient.clientSecret);
});

test('Cognito user -> identity pool -> temporary credentials', async () => {
  const creds = await cognitoCredentialsSmokeTest(seed);
  assert.ok(creds.accessKeyId.length > 0);
  assert.ok(creds.secretAccessKey.length > 0);
  assert.ok(creds.sessionToken.length > 0);
  assert.ok(creds.expiration.getTime() > Date.now(), `expiration ${creds.expiration.toISOString()} not in the future`);
});

test('wrong password is rejected with NotAuthorizedException', async () => {
  await assert.rejects(login(seed.clientId, { USERNAME: seed.username, PASSWORD: `${seed.password}x` }, 'USER_PASSWORD_AUTH'), {
    name: 'NotAuthorizedException',
  });
});

test('REFRESH_TOKEN_AUTH returns a new IdToken', async () => {
  const first = await login(seed.clientId, { USERNAME: seed.username, PASSWORD: seed.password }, 'USER_PASSWORD_AUTH');
  const refreshToken = first.AuthenticationResult?.RefreshToken;
  assert.ok(refreshToken);
  const refreshed = await login(seed.clientId, { REFRESH_TOKEN: refreshToken }, 'REFRESH_TOKEN_AUTH');
  const idToken = refreshed.AuthenticationResult?.IdToken;
  assert.ok(idToken);
  assert.notEqual(idToken, first.AuthenticationResult?.IdToken);
});

test('SECRET_HASH is accepted for the secret client (and checked on refresh)', async () => {
  const { clientId, clientSecret } = seed.secretClient;
  const hash = secretHash(seed.username, clientId, clientSecret);
  const res = await login(clientId, { USERNAME: seed.username, PASSWORD: seed.password, SECRET_HASH: hash }, 'USER_PASSWORD_AUTH');
  const refreshToken = res.AuthenticationResult?.RefreshToken;
  assert.ok(res.AuthenticationResult?.IdToken);
  assert.ok(refreshToken);
  // moto only verifies SECRET_HASH on REFRESH_TOKEN_AUTH (and SRP), so assert the check there.
  const refreshed = await login(clientId, { REFRESH_TOKEN: refreshToken, SECRET_HASH: hash }, 'REFRESH_TOKEN_AUTH');
  assert.ok(refreshed.AuthenticationResult?.IdToken);
  await assert.rejects(login(clientId, { REFRESH_TOKEN: refreshToken, SECRET_HASH: 'bm90LXRoZS1oYXNo' }, 'REFRESH_TOKEN_AUTH'), {
    name: 'NotAuthorizedException',
  });
});
