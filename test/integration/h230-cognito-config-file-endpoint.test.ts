/**
 * The Cognito endpoint the AWS SDK takes from its shared config file (AWS_CONFIG_FILE: a profile's endpoint_url, or
 * its services section's) is checked before each request is sent, as auth.endpoints and AWS_ENDPOINT_URL* are: http://
 * to a host that is not loopback is refused (nothing reaches it, the password least of all) unless allowInsecureHttp;
 * loopback http (moto) still works. The environment each case sets is put back after it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createClient } from '../../src/client/create-client.js';
import { ConfigError, CredentialsError } from '../../src/errors/classes.js';
import { loadConnection } from '../domain/connection.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const cg = conn.cognito;

/** This machine's first non-loopback IPv4 address (the stub listens there), if it has one. */
const remote = Object.values(os.networkInterfaces()).flat().find((a) => a !== undefined && a.family === 'IPv4' && !a.internal)?.address;

/** The variables that choose the AWS SDK's endpoint: each case sets its own, and puts back what was there. */
const ENDPOINT_VARIABLES = ['AWS_CONFIG_FILE', 'AWS_PROFILE', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER', 'AWS_ENDPOINT_URL_COGNITO_IDENTITY', 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h230-'));
let files = 0;

/** Runs `fn` with AWS_CONFIG_FILE naming a new file holding `config` (a new path each time: the SDK caches files by path). */
async function withConfigFile<T>(config: string, fn: () => Promise<T>): Promise<T> {
  const file = path.join(dir, `config-${++files}`);
  fs.writeFileSync(file, config);
  const saved = new Map(ENDPOINT_VARIABLES.map((name) => [name, process.env[name]]));
  for (const name of ENDPOINT_VARIABLES) delete process.env[name];
  process.env.AWS_CONFIG_FILE = file;
  process.env.AWS_PROFILE = 'h230';
  try {
    return await fn();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** A plain-http stub on the non-loopback address: records each request, answers NotAuthorizedException. */
const received: { target: string; body: string }[] = [];
const stub = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    received.push({ target: String(req.headers['x-amz-target']), body });
    res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
    res.end('{"__type":"NotAuthorizedException","message":"stub"}');
  });
});
let stubUrl = '';

function cognitoClient(extra: Record<string, unknown> = {}, endpoints?: { cognitoIdp?: string; cognitoIdentity?: string }) {
  return createClient({
    node: conn.edge.url, ssl: { ca }, retry: { retries: 0 }, ...extra,
    auth: { mode: 'cognito', region: cg.region, userPoolId: cg.userPoolId, clientId: cg.clientId, identityPoolId: cg.identityPoolId, username: cg.username, password: cg.password, ...(endpoints !== undefined ? { endpoints } : {}) },
  });
}

/** The request's error: a CredentialsError whose message is the clear-text refusal, its cause the ConfigError naming endpoint_url. */
function assertRefused(error: unknown, source: string, carries: string): void {
  assert.ok(error instanceof CredentialsError, `expected CredentialsError, got ${String(error)}`);
  assert.equal(error.source, source);
  const host = new URL(stubUrl).host;
  assert.match(error.message, new RegExp(`^endpoint_url: ${carries.replace(/[()]/g, '\\$&')} \\(auth\\.endpoints\\.\\w+ is not set, so the AWS SDK uses the endpoint_url of the AWS shared config file`));
  assert.ok(error.message.includes(`would travel in clear text to ${host}; use https:// (or set allowInsecureHttp: true)`), error.message);
  assert.ok(error.cause instanceof ConfigError);
  assert.equal(error.cause.option, 'endpoint_url');
  assert.equal(error.cause.message, error.message);
  assert.ok(!JSON.stringify({ m: error.message, s: error.stack }).includes(cg.password));
}

describe('Cognito endpoint from the AWS shared config file', { skip: remote === undefined ? 'no non-loopback IPv4 address on this machine' : false }, () => {
  before(async () => {
    await new Promise<void>((resolve) => stub.listen(0, remote, () => resolve()));
    stubUrl = `http://${remote}:${(stub.address() as AddressInfo).port}`;
  });
  after(() => {
    stub.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a profile endpoint_url http:// to a non-loopback host: refused before sending, nothing received', async () => {
    received.length = 0;
    await withConfigFile(`[profile h230]\nendpoint_url = ${stubUrl}\n`, async () => {
      const client = cognitoClient();
      try {
        const error = await client.info().then(() => undefined, (e: unknown) => e);
        assertRefused(error, 'cognito-idp:InitiateAuth(USER_PASSWORD_AUTH)', 'the Cognito sign-in (password, refresh token, SECRET_HASH) and the tokens it answers');
      } finally {
        await client.close();
      }
    });
    assert.deepEqual(received, []);
  });

  test("the profile's services section, for the identity pool client (the sign-in at moto works): refused, nothing received", async () => {
    received.length = 0;
    await withConfigFile(`[profile h230]\nservices = h230s\n[services h230s]\ncognito_identity =\n  endpoint_url = ${stubUrl}\n`, async () => {
      const client = cognitoClient({}, { cognitoIdp: cg.endpoint });
      try {
        const error = await client.info().then(() => undefined, (e: unknown) => e);
        assertRefused(error, 'cognito-identity:GetId', 'the Cognito id token and the AWS credentials it answers');
      } finally {
        await client.close();
      }
    });
    assert.deepEqual(received, []);
  });

  test('the services section for the user pool client: refused, nothing received', async () => {
    received.length = 0;
    await withConfigFile(`[profile h230]\nservices = h230s\n[services h230s]\ncognito_identity_provider =\n  endpoint_url = ${stubUrl}\n`, async () => {
      const client = cognitoClient();
      try {
        const error = await client.info().then(() => undefined, (e: unknown) => e);
        assertRefused(error, 'cognito-idp:InitiateAuth(USER_PASSWORD_AUTH)', 'the Cognito sign-in (password, refresh token, SECRET_HASH) and the tokens it answers');
      } finally {
        await client.close();
      }
    });
    assert.deepEqual(received, []);
  });

  test('allowInsecureHttp: true sends it (the stub gets the sign-in)', async () => {
    received.length = 0;
    await withConfigFile(`[profile h230]\nendpoint_url = ${stubUrl}\n`, async () => {
      const client = cognitoClient({ allowInsecureHttp: true });
      try {
        const error = await client.info().then(() => undefined, (e: unknown) => e);
        assert.ok(error instanceof CredentialsError);
        assert.match(error.message, /NotAuthorizedException: stub/);
      } finally {
        await client.close();
      }
    });
    assert.equal(received.length, 1);
    assert.equal(received[0]?.target, 'AWSCognitoIdentityProviderService.InitiateAuth');
    assert.ok(received[0]?.body.includes(cg.username));
  });

  test('loopback http from the config file (moto itself) still works: the request is answered', async () => {
    received.length = 0;
    await withConfigFile(`[profile h230]\nendpoint_url = ${cg.endpoint}\n`, async () => {
      const client = cognitoClient();
      try {
        // the identity pool's role, as the security plugin saw the signed request
        const answer = await client.transport.request({ method: 'GET', path: '/_plugins/_security/authinfo' });
        assert.equal(answer.statusCode, 200);
        assert.ok(JSON.stringify(answer.body).includes(cg.roleArn));
      } finally {
        await client.close();
      }
    });
    assert.deepEqual(received, []);
  });
});
