/**
 * Cognito mode checks what the identity pool and the user pool answer as iam mode checks a provider's
 * answer: credentials with a key id that is not letters, digits or underscores, an empty or numeric secret, a session
 * token a header cannot carry, or an id token that is not a string are a CredentialsError naming the call,
 * and nothing is signed with them (found by credentials-hostile-fuzz: they were signed and sent, or a raw
 * TypeError came from Node's header check). A loopback stub speaks Cognito's JSON protocol.
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

const now = (): number => Math.floor(Date.now() / 1000);
const jwt = (expSec: number): string => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ exp: expSec })).toString('base64url')}.sig`;
const GOOD = { AccessKeyId: 'ASIACOGHOSTILE', SecretKey: 'cog/hostile+secret-1', SessionToken: 'cogHostileToken-1' };

/** What the stub puts in AuthenticationResult and Credentials (over valid values). */
let idTokenOverride: Record<string, unknown> = {};
let credentialsOverride: Record<string, unknown> = {};
/** GetId refuses the id token (revoked early). */
let refuseGetId = false;
let cognito: http.Server;
let url = '';
before(async () => {
  cognito = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '').split('.').pop();
      if (target === 'GetId' && refuseGetId) {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': 'NotAuthorizedException' });
        res.end(JSON.stringify({ __type: 'NotAuthorizedException', message: 'Token is revoked.' }));
        return;
      }
      const body =
        target === 'InitiateAuth' ? { AuthenticationResult: { IdToken: jwt(now() + 3600), ExpiresIn: 3600, ...idTokenOverride } }
          : target === 'GetId' ? { IdentityId: 'us-east-1:11111111-2222-3333-4444-555555555555' }
            : { Credentials: { ...GOOD, Expiration: now() + 3600, ...credentialsOverride } };
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => cognito.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(cognito.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => { cognito.closeAllConnections(); cognito.close(() => resolve()); }));

async function failureOf(signIn: { password: string } | { idToken: string } = { password: 'Pa55word-S3cret!' }): Promise<unknown> {
  const client = createClient({
    node: domain.url,
    auth: {
      mode: 'cognito', region: 'us-east-1', userPoolId: 'us-east-1_AbCdEf123', clientId: 'client123abc',
      identityPoolId: 'us-east-1:00000000-1111-2222-3333-444444444444', username: 'svc-user', ...signIn,
      endpoints: { cognitoIdp: url, cognitoIdentity: url },
    },
    retry: { retries: 0 },
  });
  try {
    return await client.info().then(() => undefined, (e: unknown) => e);
  } finally {
    await client.close();
  }
}

const MALFORMED: Array<[string, Record<string, unknown>, RegExp]> = [
  ['a key id with a space', { AccessKeyId: 'ASIA COG' }, /accessKeyId that is not 1 to 128 letters, digits or underscores/],
  ['a key id with a comma', { AccessKeyId: 'ASIACOG,Signature=00' }, /accessKeyId that is not 1 to 128 letters, digits or underscores/],
  ['a numeric key id', { AccessKeyId: 42 }, /no accessKeyId\/secretAccessKey/],
  ['an empty secret', { SecretKey: '' }, /no accessKeyId\/secretAccessKey/],
  ['a numeric secret', { SecretKey: 12345678 }, /no accessKeyId\/secretAccessKey/],
  ['a token with a line break', { SessionToken: 'tok\r\nx-evil: 1' }, /sessionToken containing a line break/],
  ['a token with U+2028', { SessionToken: 'tok\u2028' }, /sessionToken containing a line break/],
];

for (const [what, override, message] of MALFORMED) {
  test(`GetCredentialsForIdentity answers ${what}: a CredentialsError naming the call, nothing sent`, async () => {
    credentialsOverride = override;
    idTokenOverride = {};
    const e = await failureOf();
    assert.ok(e instanceof CredentialsError, String(e));
    assert.equal(e.source, 'cognito-identity:GetCredentialsForIdentity');
    assert.match(e.message, message);
    assert.equal(domain.received.length, 0);
  });
}

test('InitiateAuth answers an id token that is not a string: a CredentialsError naming the call, nothing sent', async () => {
  credentialsOverride = {};
  for (const IdToken of [12345, '', { token: 'x' }]) {
    idTokenOverride = { IdToken };
    const e = await failureOf();
    assert.ok(e instanceof CredentialsError, String(e));
    assert.equal(e.source, 'cognito-idp:InitiateAuth(USER_PASSWORD_AUTH)');
    assert.match(e.message, /returned no IdToken/);
  }
  assert.equal(domain.received.length, 0);
});

test('an id token given alone and refused, with neither refreshToken nor password: the message names the source and the options', async () => {
  credentialsOverride = {};
  idTokenOverride = {};
  refuseGetId = true;
  try {
    const e = await failureOf({ idToken: jwt(now() + 3600) });
    assert.ok(e instanceof CredentialsError && e.source === 'cognito-idp', String(e));
    assert.match(e.message, /^credential source cognito-idp: the id token \(auth\.idToken\) expired or was refused, and neither auth\.refreshToken nor auth\.password/);
  } finally {
    refuseGetId = false;
  }
  assert.equal(domain.received.length, 0);
});
