/**
 * Cognito mode when the identity pool refuses the id token it was given (revoked early, or from another
 * pool): a NotAuthorizedException at GetId, as at GetCredentialsForIdentity, gets one fresh sign-in with the
 * password and one more try, instead of failing every request until the token's `exp`. A loopback stub
 * speaks Cognito's JSON protocol (transport behaviour: moto does not refuse a token at GetId).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from '../../src/client/create-client.js';
import { CredentialsError } from '../../src/errors/classes.js';
import { useRecordingStub, type RecordingStub } from '../support/recording-stub.js';

let domain: RecordingStub;
useRecordingStub((s) => { domain = s; });

const jwt = (expSec: number, note: string): string => {
  const b = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b({ alg: 'none' })}.${b({ exp: expSec, sub: 'sub-1', note })}.sig`;
};
const GIVEN = jwt(Math.floor(Date.now() / 1000) + 3600, 'given-and-revoked');

let refuseAt = '';
let challenge: string | undefined;
const calls: string[] = [];
let cognito: http.Server;
let url = '';
before(async () => {
  cognito = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
      const input = JSON.parse(Buffer.concat(chunks).toString() || '{}') as { Logins?: Record<string, string>; AuthFlow?: string };
      calls.push(input.AuthFlow !== undefined ? `${target}(${input.AuthFlow})` : target);
      const send = (status: number, body: object, type?: string): void => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', ...(type !== undefined ? { 'x-amzn-errortype': type } : {}) });
        res.end(JSON.stringify(body));
      };
      if (target === refuseAt && Object.values(input.Logins ?? {})[0] === GIVEN) return send(400, { __type: 'NotAuthorizedException', message: 'Token is revoked.' }, 'NotAuthorizedException');
      const now = Math.floor(Date.now() / 1000);
      if (target === 'InitiateAuth' && challenge !== undefined) return send(200, { ChallengeName: challenge, Session: 'session-secret-xyz', ChallengeParameters: {} });
      if (target === 'InitiateAuth') return send(200, { AuthenticationResult: { IdToken: jwt(now + 3600, 'fresh'), ExpiresIn: 3600, TokenType: 'Bearer' } });
      if (target === 'GetId') return send(200, { IdentityId: 'us-east-1:11111111-2222-3333-4444-555555555555' });
      if (target === 'GetCredentialsForIdentity') return send(200, { Credentials: { AccessKeyId: 'ASIACOG1', SecretKey: 'cog-secret-1-zzzz', SessionToken: 'cog-token-1', Expiration: now + 3600 } });
      return send(400, { __type: 'UnknownOperationException' }, 'UnknownOperationException');
    });
  });
  await new Promise<void>((resolve) => cognito.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(cognito.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => { cognito.closeAllConnections(); cognito.close(() => resolve()); }));

for (const where of ['GetId', 'GetCredentialsForIdentity']) {
  test(`${where} refuses the given id token: one sign-in with the password, then every request works`, async () => {
    refuseAt = where;
    calls.length = 0;
    const client = createClient({
      node: domain.url,
      auth: {
        mode: 'cognito', region: 'us-east-1', userPoolId: 'us-east-1_AbCdEf123', clientId: 'client123abc',
        identityPoolId: 'us-east-1:00000000-1111-2222-3333-444444444444', username: 'svc-user', password: 'Pa55word-S3cret!',
        idToken: GIVEN, endpoints: { cognitoIdp: url, cognitoIdentity: url },
      },
      retry: { retries: 0 },
    });
    try {
      for (let i = 0; i < 3; i++) assert.equal((await client.search({ index: 'x' })).statusCode, 200);
      assert.equal(calls.filter((c) => c === 'InitiateAuth(USER_PASSWORD_AUTH)').length, 1, calls.join(' '));
      assert.equal(calls.filter((c) => c === where).length, 2, calls.join(' '));
    } finally {
      await client.close();
    }
  });
}

test('a sign-in challenge a service client cannot answer names the challenge and what to change', async () => {
  refuseAt = '';
  const fixes: Record<string, RegExp> = { NEW_PASSWORD_REQUIRED: /permanent password/, SOFTWARE_TOKEN_MFA: /multi-factor authentication off/, CUSTOM_CHALLENGE: /idToken\/refreshToken/ };
  try {
    for (const [name, fix] of Object.entries(fixes)) {
      challenge = name;
      const client = createClient({
        node: domain.url,
        auth: {
          mode: 'cognito', region: 'us-east-1', userPoolId: 'us-east-1_AbCdEf123', clientId: 'client123abc',
          identityPoolId: 'us-east-1:00000000-1111-2222-3333-444444444444', username: 'svc-user', password: 'Pa55word-S3cret!',
          endpoints: { cognitoIdp: url, cognitoIdentity: url },
        },
        retry: { retries: 0 },
      });
      try {
        const e = await client.search({ index: 'x' }).then(() => undefined, (err: unknown) => err);
        assert.ok(e instanceof CredentialsError, String(e));
        assert.match(e.message, new RegExp(`challenge ${name}`));
        assert.match(e.message, fix);
        assert.doesNotMatch(e.message, /session-secret|Pa55word/);
      } finally {
        await client.close();
      }
    }
  } finally {
    challenge = undefined;
  }
});
