/**
 * client.close() in the cognito mode releases the AWS SDK Cognito clients the strategy made (their keep-alive
 * sockets): a client per Lambda invocation, created, authorised and closed, must not leave two sockets open each
 * until the server's idle timeout (EMFILE after a few thousand invocations). A close() during the lazy import of
 * the SDK or during a sign-in leaves no client alive either: the sign-in fails with the closed-client error (it never
 * hangs) and close() settles. A loopback server speaks Cognito's JSON protocol and keeps connections alive, as
 * Cognito does (moto answers `Connection: close`, which would hide the leak).
 */
import http from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { authStrategyOf, createClient } from '../../src/client/create-client.js';
import { isClientClosedError } from '../../src/client/client-closed.js';
import { CredentialsError } from '../../src/errors/classes.js';
import type { AuthStrategy } from '../../src/auth/strategy.js';

const jwt = (expSec: number): string => {
  const b = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b({ alg: 'none' })}.${b({ exp: expSec, sub: 'sub-close' })}.sig`;
};

/** Connections the server holds open now, and how many it accepted in all. */
const open = new Set<Socket>();
let accepted = 0;
/** While set, InitiateAuth is read and never answered (a sign-in under way). */
let holdSignIn = false;
let signInHeld: () => void = () => undefined;
let cognito: http.Server;
let url = '';

before(async () => {
  cognito = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
      const send = (status: number, body: object): void => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', connection: 'keep-alive' });
        res.end(JSON.stringify(body));
      };
      const now = Math.floor(Date.now() / 1000);
      if (target === 'InitiateAuth' && holdSignIn) return signInHeld();
      if (target === 'InitiateAuth') return send(200, { AuthenticationResult: { IdToken: jwt(now + 3600), ExpiresIn: 3600, TokenType: 'Bearer' } });
      if (target === 'GetId') return send(200, { IdentityId: 'us-east-1:11111111-2222-3333-4444-555555555555' });
      if (target === 'GetCredentialsForIdentity') return send(200, { Credentials: { AccessKeyId: 'ASIACLOSE1', SecretKey: 'close-secret-1', SessionToken: 'close-token-1', Expiration: now + 3600 } });
      return send(400, { __type: 'UnknownOperationException' });
    });
  });
  // an idle keep-alive connection stays open as long as the client keeps it (real Cognito: minutes)
  cognito.keepAliveTimeout = 600_000;
  cognito.on('connection', (socket: Socket) => {
    accepted++;
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  await new Promise<void>((resolve) => cognito.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(cognito.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => { cognito.closeAllConnections(); cognito.close(() => resolve()); }));

const makeClient = (): ReturnType<typeof createClient> => createClient({
  node: 'https://127.0.0.1:9',
  auth: {
    mode: 'cognito', region: 'us-east-1', userPoolId: 'us-east-1_AbCdEf123', clientId: 'client123abc',
    identityPoolId: 'us-east-1:00000000-1111-2222-3333-444444444444', username: 'svc-user', password: 'Pa55word-Cl0se!',
    endpoints: { cognitoIdp: url, cognitoIdentity: url },
  },
  // bounds a sign-in the old code would leave waiting for the held answer (it then fails with its timeout)
  requestTimeoutMs: 3000,
  retry: { retries: 0 },
});

const strategyOf = (client: ReturnType<typeof createClient>): AuthStrategy => {
  const strategy = authStrategyOf(client);
  assert.ok(strategy !== undefined);
  return strategy;
};

/**
 * Waits (a bounded number of turns) for the server to see the connections the client closed end; resolves either
 * way: the caller asserts on what is left open. A closed socket's FIN reaches the loopback server in a turn or two.
 */
async function settleSockets(): Promise<void> {
  for (let i = 0; i < 200 && open.size > 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

// first, while the AWS SDK is not imported yet: close() lands during the lazy import (or, on a fast disk, during the
// sign-in that follows it); either way no Cognito client stays alive and the authorize() fails as closed
test('close() during the lazy import of the SDK: authorize() fails as closed, no socket stays open, close() settles', async () => {
  const client = makeClient();
  const authorizing = strategyOf(client).authorize().then(() => undefined, (e: unknown) => e);
  await new Promise((resolve) => setImmediate(resolve));
  await client.close();
  const error = await authorizing;
  assert.ok(error instanceof CredentialsError, String(error));
  assert.ok(isClientClosedError(error, client), String(error));
  await settleSockets();
  assert.equal(open.size, 0, 'sockets to Cognito left open after close()');
});

test('clients created, authorised and closed leave no socket to Cognito open', async () => {
  const before = accepted;
  for (let i = 0; i < 4; i++) {
    const client = makeClient();
    const authorizer = await strategyOf(client).authorize();
    assert.equal(authorizer.generation, 1);
    await client.close();
  }
  assert.ok(accepted > before, 'the sign-ins reached the server');
  await settleSockets();
  assert.equal(open.size, 0, `sockets to Cognito left open after 4 clients closed (${accepted - before} accepted)`);
});

test('a client and its child share one strategy: the first close() closes it once, the second settles too', async () => {
  const client = makeClient();
  const child = client.child({});
  const strategy = strategyOf(client);
  assert.equal(strategyOf(child), strategy);
  await strategy.authorize();
  const close = strategy.close;
  assert.equal(typeof close, 'function');
  let closes = 0;
  strategy.close = () => {
    closes++;
    close?.call(strategy);
  };
  await child.close();
  await client.close();
  assert.equal(closes, 1);
  await settleSockets();
  assert.equal(open.size, 0, 'sockets to Cognito left open after close()');
  // credentials already cached are still handed out after close() (nothing to fetch, nothing opened)
  assert.equal((await strategy.authorize()).generation, 1);
});

test('close() during a sign-in: the sign-in and the call waiting for it fail, the socket is released, close() settles', async () => {
  holdSignIn = true;
  const held = new Promise<void>((resolve) => (signInHeld = resolve));
  try {
    const client = makeClient();
    const authorizing = strategyOf(client).authorize().then(() => undefined, (e: unknown) => e);
    const searching = client.search({ index: 'x' }).then(() => undefined, (e: unknown) => e);
    await held;
    assert.equal(open.size > 0, true, 'the sign-in holds a connection');
    await client.close();
    const error = await authorizing;
    assert.ok(error instanceof CredentialsError, String(error));
    assert.ok(isClientClosedError(error, client), `not the closed-client error: ${String(error)}`);
    assert.ok(await searching instanceof Error, 'the call waiting for credentials ended');
    await settleSockets();
    assert.equal(open.size, 0, 'the sign-in left its socket open after close()');
    // closed for good: a sign-in asked for after close() opens nothing
    const later = await strategyOf(client).authorize().then(() => undefined, (e: unknown) => e);
    assert.ok(isClientClosedError(later, client), String(later));
  } finally {
    holdSignIn = false;
  }
  await settleSockets();
  assert.equal(open.size, 0);
});

test("a strategy's close() that throws or rejects: client.close() still settles", async () => {
  for (const failing of [
    (): void => { throw new Error('destroy failed'); },
    (): Promise<void> => Promise.reject(new Error('destroy failed')),
  ]) {
    const client = makeClient();
    const strategy = strategyOf(client);
    const close = strategy.close;
    strategy.close = failing as () => void;
    await client.close();
    close?.call(strategy);
  }
});

test('a mode whose strategy holds nothing (no close()) closes as before', async () => {
  const client = createClient({ node: 'https://127.0.0.1:9', auth: { mode: 'iam', region: 'us-east-1', credentials: async () => ({ accessKeyId: 'AKIACLOSE', secretAccessKey: 'close-secret-2' }) } });
  const strategy = strategyOf(client);
  assert.equal(strategy.close, undefined, 'a caller-provided credentials provider is never closed');
  await strategy.authorize();
  await client.close();
  assert.equal((await strategy.authorize()).generation, 1);
});

test('iam with the default chain we build: its STS client (web identity) keeps no socket open after close()', async () => {
  const sts = new Set<Socket>();
  let stsCalls = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      stsCalls++;
      res.writeHead(200, { 'content-type': 'text/xml', connection: 'keep-alive' });
      res.end('<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleWithWebIdentityResult><Credentials>'
        + '<AccessKeyId>ASIASTSCLOSE</AccessKeyId><SecretAccessKey>sts-close-secret</SecretAccessKey><SessionToken>sts-close-token</SessionToken>'
        + '<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>');
    });
  });
  server.keepAliveTimeout = 600_000;
  server.on('connection', (socket: Socket) => {
    sts.add(socket);
    socket.on('close', () => sts.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const dir = mkdtempSync(path.join(tmpdir(), 'fgac-close-'));
  writeFileSync(path.join(dir, 'token'), 'web-identity-token-close');
  // the chain reads the process's variables: web identity only (no keys, no profile files, no IMDS)
  const saved = { ...process.env };
  for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI']) delete process.env[key];
  Object.assign(process.env, {
    AWS_CONFIG_FILE: path.join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'none'), AWS_EC2_METADATA_DISABLED: 'true',
    AWS_WEB_IDENTITY_TOKEN_FILE: path.join(dir, 'token'), AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/close',
    AWS_ENDPOINT_URL_STS: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, AWS_REGION: 'us-east-1',
  });
  try {
    for (let i = 0; i < 3; i++) {
      const client = createClient({ node: 'https://127.0.0.1:9', auth: { mode: 'iam', region: 'us-east-1' } });
      const strategy = strategyOf(client);
      await strategy.authorize();
      await client.close();
      // the credentials fetched are still handed out
      assert.equal((await strategy.authorize()).generation, 1);
    }
    assert.equal(stsCalls, 3, 'each client asked STS');
    for (let i = 0; i < 200 && sts.size > 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(sts.size, 0, 'sockets to STS left open after close()');
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    rmSync(dir, { recursive: true, force: true });
    server.closeAllConnections();
    server.close();
  }
});
