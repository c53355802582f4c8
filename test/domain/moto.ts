import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, closeSync, openSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  SetIdentityPoolRolesCommand,
} from '@aws-sdk/client-cognito-identity';

/** What seedCognito created in moto. */
export interface CognitoSeed {
  endpoint: string;
  region: string;
  userPoolId: string;
  clientId: string;
  clientSecret?: undefined;
  identityPoolId: string;
  username: string;
  password: string;
  secretClient: { clientId: string; clientSecret: string };
}

/** Temporary credentials handed out by moto's GetCredentialsForIdentity. */
export interface MotoCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

export const LIMITED_ROLE_ARN = 'arn:aws:iam::123456789012:role/IAMLimitedUserRole';
const DUMMY_CREDS = { accessKeyId: 'testing', secretAccessKey: 'testing' };

/** Cognito user pool client pointed at moto. */
export function idpClient(endpoint: string, region: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({ endpoint, region, credentials: DUMMY_CREDS });
}

/** Cognito identity client pointed at moto. */
export function identityClient(endpoint: string, region: string): CognitoIdentityClient {
  return new CognitoIdentityClient({ endpoint, region, credentials: DUMMY_CREDS });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function onPath(cmd: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, cmd), constants.X_OK);
      return true;
    } catch {
      /* keep looking */
    }
  }
  return false;
}

function logTail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** True if a moto server answers HTTP at endpoint. */
export async function isMotoHealthy(endpoint: string): Promise<boolean> {
  try {
    const res = await fetch(`${endpoint}/moto-api/data.json`, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status < 500;
  } catch {
    return false;
  }
}

/** Starts a detached moto_server on a free loopback port; logs to dir/moto.log, pid in dir/moto.pid. */
export async function startMoto(opts: { dir: string; timeoutMs?: number }): Promise<{ endpoint: string; port: number; pid: number }> {
  mkdirSync(opts.dir, { recursive: true });
  const port = await freePort();
  const logFile = join(opts.dir, 'moto.log');
  const fd = openSync(logFile, 'a');
  const args = ['-H', '127.0.0.1', '-p', String(port)];
  const [cmd, argv] = onPath('moto_server') ? ['moto_server', args] : ['python3', ['-m', 'moto.server', ...args]];
  const child = spawn(cmd, argv, { detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  let exited: string | undefined;
  child.once('exit', (code, sig) => (exited = `exited with code ${code} signal ${sig}`));
  child.once('error', (err) => (exited = `failed to spawn: ${err.message}`));
  child.unref();
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not spawn ${cmd}\n${logTail(logFile)}`);
  writeFileSync(join(opts.dir, 'moto.pid'), `${pid}\n`);
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  while (!(await isMotoHealthy(endpoint))) {
    if (exited || Date.now() > deadline) {
      if (!exited) stopPid(pid);
      throw new Error(`moto_server on ${endpoint} not ready (${exited ?? 'timeout'}); log tail:\n${logTail(logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { endpoint, port, pid };
}

function stopPid(pid: number): void {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, 'SIGTERM');
      return;
    } catch {
      /* group or process already gone */
    }
  }
}

/** Stops the moto_server whose pid is in dir/moto.pid (tolerates a dead process or missing file). */
export async function stopMoto(dir: string): Promise<void> {
  const pidFile = join(dir, 'moto.pid');
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(pidFile, 'utf8').trim(), 10);
  } catch {
    return;
  }
  if (Number.isInteger(pid) && pid > 0) {
    stopPid(pid);
    for (let i = 0; i < 50; i++) {
      try {
        process.kill(pid, 0);
      } catch {
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  rmSync(pidFile, { force: true });
}

/** Creates the user pool, clients, limited user and identity pool the tests use. */
export async function seedCognito(endpoint: string, region: string): Promise<CognitoSeed> {
  const idp = idpClient(endpoint, region);
  const ident = identityClient(endpoint, region);
  const pool = await idp.send(new CreateUserPoolCommand({ PoolName: 'fgac-local-pool' }));
  const userPoolId = pool.UserPool?.Id;
  if (!userPoolId) throw new Error('CreateUserPool returned no Id');
  const flows = ['ALLOW_USER_PASSWORD_AUTH' as const, 'ALLOW_REFRESH_TOKEN_AUTH' as const];
  const pub = await idp.send(
    new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: 'fgac-local-client', ExplicitAuthFlows: flows, GenerateSecret: false }),
  );
  const sec = await idp.send(
    new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: 'fgac-local-secret-client', ExplicitAuthFlows: flows, GenerateSecret: true }),
  );
  const clientId = pub.UserPoolClient?.ClientId;
  const secretClientId = sec.UserPoolClient?.ClientId;
  const clientSecret = sec.UserPoolClient?.ClientSecret;
  if (!clientId || !secretClientId || !clientSecret) throw new Error('CreateUserPoolClient returned no id/secret');
  const username = 'limited-cognito-user';
  const password = `${randomBytes(18).toString('base64url')}Aa1!`;
  await idp.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: username, MessageAction: 'SUPPRESS' }));
  await idp.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: username, Password: password, Permanent: true }));
  const providerName = `cognito-idp.${region}.amazonaws.com/${userPoolId}`;
  const ip = await ident.send(
    new CreateIdentityPoolCommand({
      IdentityPoolName: 'fgac_local_identity_pool',
      AllowUnauthenticatedIdentities: false,
      CognitoIdentityProviders: [{ ProviderName: providerName, ClientId: clientId, ServerSideTokenCheck: false }],
    }),
  );
  const identityPoolId = ip.IdentityPoolId;
  if (!identityPoolId) throw new Error('CreateIdentityPool returned no IdentityPoolId');
  // moto 5.2 answers SetIdentityPoolRoles with a 500 (not implemented): best effort, single attempt.
  const once = new CognitoIdentityClient({ endpoint, region, credentials: DUMMY_CREDS, maxAttempts: 1 });
  await once.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: identityPoolId, Roles: { authenticated: LIMITED_ROLE_ARN } })).catch(() => undefined);
  return { endpoint, region, userPoolId, clientId, identityPoolId, username, password, secretClient: { clientId: secretClientId, clientSecret } };
}

/** Runs InitiateAuth -> GetId -> GetCredentialsForIdentity against moto and returns the credentials. */
export async function cognitoCredentialsSmokeTest(seed: CognitoSeed): Promise<MotoCredentials> {
  const auth = await idpClient(seed.endpoint, seed.region).send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: seed.clientId,
      AuthParameters: { USERNAME: seed.username, PASSWORD: seed.password },
    }),
  );
  const idToken = auth.AuthenticationResult?.IdToken;
  if (!idToken) throw new Error(`InitiateAuth returned no IdToken (challenge ${auth.ChallengeName ?? 'none'})`);
  const ident = identityClient(seed.endpoint, seed.region);
  const logins = { [`cognito-idp.${seed.region}.amazonaws.com/${seed.userPoolId}`]: idToken };
  const id = await ident.send(new GetIdCommand({ IdentityPoolId: seed.identityPoolId, AccountId: '123456789012', Logins: logins }));
  if (!id.IdentityId) throw new Error('GetId returned no IdentityId');
  const res = await ident.send(new GetCredentialsForIdentityCommand({ IdentityId: id.IdentityId, Logins: logins }));
  const c = res.Credentials;
  if (!c?.AccessKeyId || !c.SecretKey || !c.SessionToken || !c.Expiration) throw new Error('GetCredentialsForIdentity returned incomplete credentials');
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretKey, sessionToken: c.SessionToken, expiration: c.Expiration };
}
