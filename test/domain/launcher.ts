/**
 * Starts (idempotently), stops and reports the local FGAC domain: OpenSearch + security plugin,
 * the AWS-like edge, and moto for Cognito. Writes `.local-domain/connection.json`.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  ACCOUNT_ID, CERTS_DIR, COMPLIANCE_SALT, CONNECTION_FILE, DOMAIN_ARN, DOMAIN_DIR, EDGE_SOURCE_ADDRESS,
  LIMITED_ROLE_ARN, LOGS_DIR, MASTER_ROLE_ARN, PROJECT_ROOT, REGION, STATE_FILE,
} from './paths.js';
import { ensureCerts } from './certs.js';
import {
  checkServiceUserReaches, configFingerprint, configure, ensureOsUser, fetchDistribution, install, runningPid, startNode, stopNode, waitHealthy,
} from './opensearch.js';
import { cognitoCredentialsSmokeTest, isMotoHealthy, seedCognito, startMoto, stopMoto } from './moto.js';
import { request } from './http.js';
import { freePort } from './net.js';
import { seedIndices } from './seed.js';
import type { Connection, IamKeys } from './connection.js';
import type { EdgeConfig } from './edge/server.js';

/** What survives between starts: ports, generated secrets, the config fingerprint. */
interface State {
  version: string;
  fingerprint: string;
  httpPort: number;
  transportPort: number;
  edgePort: number;
  adminToken: string;
  users: Connection['users'];
  iam: Connection['iam'];
}

const log = (msg: string) => console.log(`[domain] ${msg}`);
const secret = (n = 24) => crypto.randomBytes(n).toString('base64url');

function strongPassword(): string {
  return `${secret(12)}-Aa9!`;
}

function iamKeys(arn: string, prefix: string): IamKeys {
  return { accessKeyId: `ASIA${prefix}${crypto.randomBytes(6).toString('hex').toUpperCase()}`, secretAccessKey: secret(30), sessionToken: secret(48), arn };
}

function readState(): State | null {
  try {
    return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')) as State;
  } catch {
    return null;
  }
}

/** The recommended domain access policy of the AWS guide: anyone may reach FGAC, which decides. */
export function openPolicy(): EdgeConfig['policy'] {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'es:ESHttp*', Resource: `${DOMAIN_ARN}/*` }] };
}

function pidAlive(file: string): number | null {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

async function edgeHealthy(url: string, adminToken: string, ca: Buffer): Promise<boolean> {
  try {
    const r = await request(`${url}/__edge/state`, { headers: { 'x-edge-admin': adminToken }, ca, timeoutMs: 3000 });
    return r.status === 200;
  } catch {
    return false;
  }
}

async function stopPidFile(file: string): Promise<boolean> {
  const pid = pidAlive(file);
  if (pid === null) return false;
  try { process.kill(-pid, 'SIGTERM'); } catch { process.kill(pid, 'SIGTERM'); }
  for (let i = 0; i < 50 && pidAlive(file) !== null; i++) await new Promise((r) => setTimeout(r, 100));
  fs.rmSync(file, { force: true });
  return true;
}

async function startEdgeProcess(config: EdgeConfig, ca: Buffer): Promise<void> {
  const configFile = path.join(DOMAIN_DIR, 'edge.json');
  const pidFile = path.join(DOMAIN_DIR, 'edge.pid');
  const url = `https://127.0.0.1:${config.port}`;
  const json = JSON.stringify(config, null, 2);
  const unchanged = fs.existsSync(configFile) && fs.readFileSync(configFile, 'utf8') === json;
  if (unchanged && pidAlive(pidFile) !== null && (await edgeHealthy(url, config.adminToken, ca))) return;
  await stopPidFile(pidFile);
  fs.writeFileSync(configFile, json, { mode: 0o600 });
  const out = fs.openSync(path.join(LOGS_DIR, 'edge.log'), 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'test/domain/edge/main.ts'), configFile], {
    cwd: PROJECT_ROOT, detached: true, stdio: ['ignore', out, out],
  });
  child.unref();
  fs.closeSync(out);
  fs.writeFileSync(pidFile, String(child.pid));
  for (let i = 0; i < 100; i++) {
    if (await edgeHealthy(url, config.adminToken, ca)) return;
    if (pidAlive(pidFile) === null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`edge did not start; see ${path.join(LOGS_DIR, 'edge.log')}`);
}

async function ensureMoto(): Promise<{ seed: Awaited<ReturnType<typeof seedCognito>>; creds: Awaited<ReturnType<typeof cognitoCredentialsSmokeTest>> }> {
  const seedFile = path.join(DOMAIN_DIR, 'cognito.json');
  try {
    const saved = JSON.parse(fs.readFileSync(seedFile, 'utf8')) as Awaited<ReturnType<typeof seedCognito>>;
    if (await isMotoHealthy(saved.endpoint)) {
      return { seed: saved, creds: await cognitoCredentialsSmokeTest(saved) };
    }
  } catch { /* not started yet */ }
  await stopMoto(DOMAIN_DIR);
  const moto = await startMoto({ dir: DOMAIN_DIR });
  const seed = await seedCognito(moto.endpoint, REGION);
  fs.writeFileSync(seedFile, JSON.stringify(seed, null, 2), { mode: 0o600 });
  log(`moto (Cognito) on ${moto.endpoint}`);
  return { seed, creds: await cognitoCredentialsSmokeTest(seed) };
}

/** Starts whatever is not running and healthy; returns the connection info. */
export async function start(): Promise<Connection> {
  const t0 = Date.now();
  fs.mkdirSync(LOGS_DIR, { recursive: true });
  ensureOsUser();
  checkServiceUserReaches(DOMAIN_DIR);
  const dist = fetchDistribution();
  const { home, fresh, modulesAdded } = install(dist.version, dist.coreZip, dist.securityZip);
  const certs = ensureCerts(CERTS_DIR);
  const ca = fs.readFileSync(certs.caCert);
  const fingerprint = configFingerprint(dist.version);
  let state = readState();
  const url = (s: State) => `https://127.0.0.1:${s.httpPort}`;
  const masterBasic = (s: State) => `${s.users.master.username}:${s.users.master.password}`;

  if (state && state.fingerprint === fingerprint && state.version === dist.version && runningPid() !== null && !modulesAdded) {
    await waitHealthy(url(state), masterBasic(state), ca, 30_000);
    log(`OpenSearch ${state.version} already running on ${url(state)}`);
  } else {
    await stopNode();
    // A fresh install has no configuration of its own: write it (and start from empty data) again.
    if (!state || state.version !== dist.version || state.fingerprint !== fingerprint || fresh) {
      // The security index is only loaded from the YAML files at first start: rebuild from scratch.
      fs.rmSync(path.join(DOMAIN_DIR, 'data'), { recursive: true, force: true });
      state = {
        version: dist.version, fingerprint,
        httpPort: await freePort(), transportPort: await freePort(), edgePort: await freePort(),
        adminToken: secret(),
        users: {
          master: { username: 'master-user', password: strongPassword() },
          limited: { username: 'new-user', password: strongPassword() },
        },
        iam: { master: iamKeys(MASTER_ROLE_ARN, 'MASTER'), limited: iamKeys(LIMITED_ROLE_ARN, 'LIMITED') },
      };
      ensureOsUser();
      configure({ version: dist.version, home, httpPort: state.httpPort, transportPort: state.transportPort }, certs, state.users);
      fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2), { mode: 0o600 });
    }
    log(`starting OpenSearch ${state.version} on ${url(state)}`);
    startNode({ version: state.version, home, httpPort: state.httpPort, transportPort: state.transportPort });
    await waitHealthy(url(state), masterBasic(state), ca);
    log(`OpenSearch healthy after ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  }

  const counts = await seedIndices(url(state), masterBasic(state), ca);
  const { seed, creds } = await ensureMoto();
  const edge: EdgeConfig = {
    host: '127.0.0.1', port: state.edgePort,
    tls: { certFile: certs.edgeCert, keyFile: certs.edgeKey },
    upstream: { url: url(state), caFile: certs.caCert, localAddress: EDGE_SOURCE_ADDRESS },
    region: REGION, service: 'es', domainArn: DOMAIN_ARN, policy: openPolicy(),
    credentials: [
      state.iam.master, state.iam.limited,
      // moto's identity pool always hands out the same key; the edge maps it to the pool's role.
      { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey, sessionToken: creds.sessionToken, arn: LIMITED_ROLE_ARN },
    ],
    adminToken: state.adminToken,
  };
  await startEdgeProcess(edge, ca);

  const connection: Connection = {
    opensearch: { url: url(state), version: state.version },
    edge: { url: `https://127.0.0.1:${state.edgePort}`, caFile: certs.caCert, adminToken: state.adminToken },
    caFile: certs.caCert, region: REGION, domainArn: DOMAIN_ARN, salt: COMPLIANCE_SALT,
    maskingAlgorithm: state.version.startsWith('2.') || state.version.startsWith('1.') ? 'BLAKE2B_LEGACY_DEFAULT' : 'BLAKE2B',
    users: state.users, iam: state.iam,
    cognito: { endpoint: seed.endpoint, region: seed.region, userPoolId: seed.userPoolId, clientId: seed.clientId,
      identityPoolId: seed.identityPoolId, username: seed.username, password: seed.password, secretClient: seed.secretClient,
      roleArn: LIMITED_ROLE_ARN },
    indices: counts,
  };
  fs.writeFileSync(CONNECTION_FILE, JSON.stringify(connection, null, 2) + '\n', { mode: 0o600 });
  log(`domain ready in ${((Date.now() - t0) / 1000).toFixed(1)}s; connection info in ${CONNECTION_FILE}`);
  void ACCOUNT_ID;
  return connection;
}

/** Stops the edge, moto and OpenSearch (data and certificates stay for a warm restart). */
export async function stop(): Promise<void> {
  log(`edge: ${(await stopPidFile(path.join(DOMAIN_DIR, 'edge.pid'))) ? 'stopped' : 'not running'}`);
  await stopMoto(DOMAIN_DIR);
  log('moto: stopped');
  log(`OpenSearch: ${(await stopNode()) ? 'stopped' : 'not running'}`);
}

/** Prints what is running; exit code 0 when everything is healthy. */
export async function status(): Promise<boolean> {
  const state = readState();
  if (!state) { log('never started (no state file)'); return false; }
  const ca = fs.readFileSync(path.join(CERTS_DIR, 'ca.pem'));
  let osOk = false;
  try {
    const r = await request(`https://127.0.0.1:${state.httpPort}/_cluster/health`, { basic: `${state.users.master.username}:${state.users.master.password}`, ca, timeoutMs: 5000 });
    osOk = r.status === 200;
    log(`OpenSearch ${state.version} pid=${runningPid() ?? '-'} https://127.0.0.1:${state.httpPort}: ${r.status === 200 ? r.json<{ status: string }>().status : r.status}`);
  } catch (e) {
    log(`OpenSearch ${state.version} pid=${runningPid() ?? '-'}: down (${(e as Error).message})`);
  }
  const edgeOk = await edgeHealthy(`https://127.0.0.1:${state.edgePort}`, state.adminToken, ca);
  log(`edge pid=${pidAlive(path.join(DOMAIN_DIR, 'edge.pid')) ?? '-'} https://127.0.0.1:${state.edgePort}: ${edgeOk ? 'up' : 'down'}`);
  let motoOk = false;
  try {
    const seed = JSON.parse(fs.readFileSync(path.join(DOMAIN_DIR, 'cognito.json'), 'utf8')) as { endpoint: string };
    motoOk = await isMotoHealthy(seed.endpoint);
    log(`moto ${seed.endpoint}: ${motoOk ? 'up' : 'down'}`);
  } catch {
    log('moto: never started');
  }
  return osOk && edgeOk && motoOk;
}
