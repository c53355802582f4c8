/** Fetches, installs, configures, starts and stops the OpenSearch node with the security plugin. */
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DOMAIN_DIR, DOWNLOADS_DIR, javaHomeFor, OPENSEARCH_VERSIONS, OS_USER, COMPLIANCE_SALT } from './paths.js';
import { ADMIN_DN, NODE_DN, type CertPaths } from './certs.js';
import { securityConfigFiles, type DomainUsers } from './security-config.js';
import { request } from './http.js';
import { provideExtendedPlugins } from './extended-plugins.js';
import { provideReindexModule } from './reindex-module.js';

export interface NodeSettings {
  version: string;
  home: string;
  httpPort: number;
  transportPort: number;
}

const log = (msg: string) => console.log(`[domain] ${msg}`);

function mvnCopy(artifact: string): string | null {
  const r = spawnSync('mvn', ['-B', '-q', 'org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy',
    `-Dartifact=${artifact}`, `-DoutputDirectory=${DOWNLOADS_DIR}`], { encoding: 'utf8' });
  if (r.error) throw new Error(`could not run mvn (is Maven installed?): ${r.error.message}`);
  return r.status === 0 ? null : (r.stdout + r.stderr).split('\n').filter((l) => l.includes('ERROR')).slice(0, 3).join('\n');
}

/** Fetches a jar (`group:artifact:version`) into the downloads directory once; returns its path. */
function fetchJar(artifact: string): string {
  const [, name, version] = artifact.split(':');
  const jar = path.join(DOWNLOADS_DIR, `${name}-${version}.jar`);
  if (fs.existsSync(jar)) return jar;
  log(`fetching ${artifact} with mvn`);
  const err = mvnCopy(artifact);
  if (err !== null) throw new Error(`could not fetch ${artifact} from Maven Central: ${err}`);
  return jar;
}

/** Downloads the OpenSearch integ-test zip and the security plugin zip from Maven Central. */
export function fetchDistribution(): { version: string; coreZip: string; securityZip: string } {
  fs.mkdirSync(DOWNLOADS_DIR, { recursive: true });
  const failures: string[] = [];
  for (const version of OPENSEARCH_VERSIONS) {
    const coreZip = path.join(DOWNLOADS_DIR, `opensearch-${version}.zip`);
    const securityZip = path.join(DOWNLOADS_DIR, `opensearch-security-${version}.0.zip`);
    if (!fs.existsSync(coreZip)) {
      log(`fetching org.opensearch.distribution.integ-test-zip:opensearch:${version} with mvn`);
      const err = mvnCopy(`org.opensearch.distribution.integ-test-zip:opensearch:${version}:zip`);
      if (err) { failures.push(`${version} core: ${err}`); continue; }
    }
    if (!fs.existsSync(securityZip)) {
      log(`fetching org.opensearch.plugin:opensearch-security:${version}.0 with mvn`);
      const err = mvnCopy(`org.opensearch.plugin:opensearch-security:${version}.0:zip`);
      if (err) { failures.push(`${version} security: ${err}`); continue; }
    }
    return { version, coreZip, securityZip };
  }
  throw new Error(`no OpenSearch version could be fetched from Maven Central:\n${failures.join('\n')}`);
}

function unzip(zip: string, into: string): void {
  const r = spawnSync('unzip', ['-q', '-o', zip, '-d', into], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    // No unzip binary: Python's zipfile does the same job.
    execFileSync('python3', ['-m', 'zipfile', '-e', zip, into]);
  }
}

/**
 * Unpacks OpenSearch and installs the security plugin (once per version); `fresh` when it did so now.
 * The reindex module is added to an earlier install that lacks it (`modulesAdded`: the node must restart).
 */
export function install(version: string, coreZip: string, securityZip: string): { home: string; fresh: boolean; modulesAdded: boolean } {
  const home = path.join(DOMAIN_DIR, `opensearch-${version}`);
  if (fs.existsSync(path.join(home, 'plugins', 'opensearch-security'))) {
    return { home, fresh: false, modulesAdded: provideReindexModule(home, version, DOWNLOADS_DIR, isRoot() ? OS_USER : null) };
  }
  fs.rmSync(home, { recursive: true, force: true });
  log(`unpacking OpenSearch ${version}`);
  unzip(coreZip, DOMAIN_DIR);
  // The zip does not keep the executable bit everywhere when Python unpacks it.
  for (const f of fs.readdirSync(path.join(home, 'bin'))) fs.chmodSync(path.join(home, 'bin', f), 0o755);
  const javaHome = javaHomeFor(version);
  provideExtendedPlugins(home, securityZip, javaHome, version, fetchJar);
  log('installing the security plugin');
  execFileSync(path.join(home, 'bin', 'opensearch-plugin'), ['install', '--batch', `file://${securityZip}`], {
    env: { ...process.env, OPENSEARCH_JAVA_HOME: javaHome, JAVA_HOME: javaHome }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  provideReindexModule(home, version, DOWNLOADS_DIR, null);
  return { home, fresh: true, modulesAdded: true };
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** OpenSearch refuses to run as root: create an unprivileged system user when we are root. */
export function ensureOsUser(): void {
  if (!isRoot()) return;
  if (spawnSync('id', ['-u', OS_USER]).status === 0) return;
  execFileSync('useradd', ['-r', '-M', '-s', '/usr/sbin/nologin', OS_USER]);
}

/**
 * The first directory on the way from `/` to `dir` that `canEnter` refuses (null when all can be
 * entered). Pure: the launcher passes a check run as the service user.
 */
export function firstBlockedDirectory(dir: string, canEnter: (d: string) => boolean): string | null {
  const parts = path.resolve(dir).split(path.sep).filter(Boolean);
  for (let i = 0; i <= parts.length; i++) {
    const d = path.sep + parts.slice(0, i).join(path.sep);
    if (!canEnter(d)) return d;
  }
  return null;
}

/** Whether the service user can enter (search) directory `d`. */
function serviceUserCanEnter(d: string): boolean {
  return spawnSync('runuser', ['-u', OS_USER, '--', 'test', '-x', d], { stdio: 'ignore' }).status === 0;
}

/**
 * When root, OpenSearch runs as OS_USER and must reach the domain directory: fail at once, naming
 * the directory in the way and what to change, instead of letting OpenSearch exit 126 later.
 */
export function checkServiceUserReaches(dir: string = DOMAIN_DIR, canEnter: (d: string) => boolean = serviceUserCanEnter): void {
  if (!isRoot()) return;
  const blocked = firstBlockedDirectory(dir, canEnter);
  if (blocked === null) return;
  const mode = (fs.statSync(blocked).mode & 0o777).toString(8).padStart(4, '0');
  throw new Error(`OpenSearch runs as the unprivileged user ${OS_USER}, which cannot enter ${blocked} (mode ${mode}), so it cannot read ${dir}. `
    + `Put the local domain where it can: FGAC_DOMAIN_DIR=/var/tmp/opensearch-fgac npm test (any directory on a path others can traverse), `
    + `or move the checkout out of ${blocked}, or allow traversal with chmod o+x ${blocked}.`);
}

/** The text of opensearch.yml for a node. */
function nodeYml(node: NodeSettings): string {
  const dataDir = path.join(DOMAIN_DIR, 'data');
  const logsDir = path.join(DOMAIN_DIR, 'logs', 'opensearch');
  return [
    'cluster.name: fgac-local',
    'node.name: fgac-node-1',
    'network.host: 127.0.0.1',
    `http.port: ${node.httpPort}`,
    `transport.port: ${node.transportPort}`,
    'discovery.type: single-node',
    `path.data: ${JSON.stringify(dataDir)}`,
    `path.logs: ${JSON.stringify(logsDir)}`,
    'cluster.routing.allocation.disk.threshold_enabled: false',
    'action.auto_create_index: true',
    // the parent breaker's real-memory check counts garbage not yet collected: on a 768 MB heap it refused plain requests
    // (429) mid-suite on 3.4.0 (stop 53's CI); counting reservations only keeps the breakers without GC timing in tests
    'indices.breaker.total.use_real_memory: false',
    'plugins.security.ssl.transport.pemcert_filepath: node.pem',
    'plugins.security.ssl.transport.pemkey_filepath: node-key.pem',
    'plugins.security.ssl.transport.pemtrustedcas_filepath: ca.pem',
    'plugins.security.ssl.transport.enforce_hostname_verification: false',
    'plugins.security.ssl.http.enabled: true',
    'plugins.security.ssl.http.pemcert_filepath: node.pem',
    'plugins.security.ssl.http.pemkey_filepath: node-key.pem',
    'plugins.security.ssl.http.pemtrustedcas_filepath: ca.pem',
    'plugins.security.allow_default_init_securityindex: true',
    `plugins.security.authcz.admin_dn: [${JSON.stringify(ADMIN_DN)}]`,
    `plugins.security.nodes_dn: [${JSON.stringify(NODE_DN)}]`,
    'plugins.security.audit.type: noop',
    'plugins.security.enable_snapshot_restore_privilege: true',
    'plugins.security.check_snapshot_restore_write_privileges: true',
    'plugins.security.restapi.roles_enabled: ["all_access", "security_manager"]',
    // lets a test switch config.yml settings (do_not_fail_on_forbidden) through the REST API and back
    'plugins.security.unsupported.restapi.allow_securityconfig_modification: true',
    `plugins.security.compliance.salt: ${JSON.stringify(COMPLIANCE_SALT)}`,
    'plugins.security.system_indices.enabled: true',
    ...extraNodeSettings(),
    '',
  ].join('\n');
}

/**
 * Extra opensearch.yml lines from FGAC_NODE_SETTINGS (`key: value` lines, newline-separated), for a scratch
 * domain with a node setting the suite's domain keeps at its default (e.g. plugins.security.dfm_empty_overrides_all).
 */
function extraNodeSettings(): string[] {
  const text = process.env.FGAC_NODE_SETTINGS ?? '';
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  for (const line of lines) {
    if (!/^[a-z0-9_.]+: \S/.test(line)) throw new Error(`FGAC_NODE_SETTINGS: each line must be "key: value" (got ${JSON.stringify(line.slice(0, 80))})`);
  }
  return lines;
}

/** Writes opensearch.yml, JVM options, certificates and the security configuration. */
export function configure(node: NodeSettings, certs: CertPaths, users: DomainUsers): void {
  const config = path.join(node.home, 'config');
  for (const [from, to] of [[certs.caCert, 'ca.pem'], [certs.nodeCert, 'node.pem'], [certs.nodeKey, 'node-key.pem'],
    [certs.adminCert, 'admin.pem'], [certs.adminKey, 'admin-key.pem']] as const) {
    fs.copyFileSync(from, path.join(config, to));
  }
  const dataDir = path.join(DOMAIN_DIR, 'data');
  const logsDir = path.join(DOMAIN_DIR, 'logs', 'opensearch');
  fs.mkdirSync(dataDir, { recursive: true });
  fs.mkdirSync(logsDir, { recursive: true });
  fs.writeFileSync(path.join(config, 'opensearch.yml'), nodeYml(node));
  fs.writeFileSync(path.join(config, 'jvm.options.d', 'fgac-heap.options'), '-Xms768m\n-Xmx768m\n');
  const secDir = path.join(config, 'opensearch-security');
  for (const [name, text] of Object.entries(securityConfigFiles(users))) fs.writeFileSync(path.join(secDir, name), text);
  if (isRoot()) {
    execFileSync('chown', ['-R', `${OS_USER}:`, node.home, dataDir, logsDir]);
  }
}

/** A fingerprint of the generated configuration (ports and secrets aside), to know when to rebuild. */
export function configFingerprint(version: string): string {
  const h = crypto.createHash('sha256').update(version).update(nodeYml({ version, home: '', httpPort: 0, transportPort: 0 }));
  const users = { master: { username: 'master-user', password: 'x' }, limited: { username: 'new-user', password: 'x' } };
  for (const [name, text] of Object.entries(securityConfigFiles(users))) {
    h.update(name).update(text.replace(/"hash": "[^"]*"/g, '"hash": ""'));
  }
  return h.digest('hex').slice(0, 16);
}

function pidFile(): string {
  return path.join(DOMAIN_DIR, 'opensearch.pid');
}

/** The node's pid when its process is alive. */
export function runningPid(): number | null {
  try {
    const pid = Number(fs.readFileSync(pidFile(), 'utf8').trim());
    if (!pid) return null;
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

/** True when process `pid` is an OpenSearch node running from `home` (its command line names both). */
function isNodeOf(pid: number, home: string): boolean {
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes('org.opensearch.bootstrap.OpenSearch') && cmdline.includes(home);
  } catch {
    return false;
  }
}

/** Starts the node as a daemon (as the unprivileged user when root). */
export function startNode(node: NodeSettings): void {
  const JAVA_HOME = javaHomeFor(node.version);
  const env = { ...process.env, OPENSEARCH_JAVA_HOME: JAVA_HOME, JAVA_HOME, OPENSEARCH_PATH_CONF: path.join(node.home, 'config') };
  const tmpPid = path.join(node.home, 'logs', 'opensearch.pid');
  fs.mkdirSync(path.dirname(tmpPid), { recursive: true });
  // A node killed with its machine leaves its pid file behind: read as this start's, the old pid made it look dead.
  // A node of this home that still runs untracked is named instead (its pid file is its only record).
  const old = fs.existsSync(tmpPid) ? fs.readFileSync(tmpPid, 'utf8').trim() : '';
  if (/^[1-9]\d*$/.test(old) && isNodeOf(Number(old), node.home)) {
    throw new Error(`an OpenSearch node of ${node.home} from an earlier start still runs (pid ${old}) but is not recorded as this domain's: stop it (kill ${old}) and start again`);
  }
  fs.rmSync(tmpPid, { force: true });
  if (isRoot()) execFileSync('chown', ['-R', `${OS_USER}:`, path.dirname(tmpPid)]);
  const bin = path.join(node.home, 'bin', 'opensearch');
  const cmd = 'setsid';
  const args = isRoot()
    ? ['runuser', '-u', OS_USER, '--', 'env', `OPENSEARCH_JAVA_HOME=${JAVA_HOME}`, `JAVA_HOME=${JAVA_HOME}`, bin, '-d', '-p', tmpPid]
    : [bin, '-d', '-p', tmpPid];
  // The daemon inherits our stdio: give it a file, or spawnSync would wait for it to exit.
  const outLog = path.join(DOMAIN_DIR, 'logs', 'opensearch-stdout.log');
  const out = fs.openSync(outLog, 'a');
  const r = spawnSync(cmd, args, { env, cwd: node.home, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  if (r.status !== 0) throw new Error(`OpenSearch did not start (exit ${r.status}); see ${outLog}`);
  // The daemon writes its pid once the JVM is up: seconds on a busy 2-core machine (10 s was seen to be too short).
  // Wait for its digits, not just the file (created before it is written).
  let pid = '';
  for (let i = 0; i < 1200 && !/^[1-9]\d*$/.test(pid); i++) {
    if (i > 0) execFileSync('sleep', ['0.1']);
    pid = fs.existsSync(tmpPid) ? fs.readFileSync(tmpPid, 'utf8').trim() : '';
  }
  if (!/^[1-9]\d*$/.test(pid)) throw new Error(`OpenSearch wrote no pid within 120 s; see ${outLog} and ${path.join(DOMAIN_DIR, 'logs', 'opensearch')}`);
  fs.writeFileSync(pidFile(), `${pid}\n`);
}

/** Waits until the security plugin answers authenticated requests and the cluster is yellow or green. */
export async function waitHealthy(url: string, basic: string, ca: Buffer, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (runningPid() === null) throw new Error(`OpenSearch exited during start-up; see ${path.join(DOMAIN_DIR, 'logs', 'opensearch')}`);
    try {
      const r = await request(`${url}/_cluster/health?wait_for_status=yellow&timeout=5s`, { basic, ca, timeoutMs: 10_000 });
      if (r.status === 200) return;
      last = `${r.status} ${r.text.slice(0, 200)}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((res) => setTimeout(res, 1000));
  }
  throw new Error(`OpenSearch not healthy after ${timeoutMs / 1000}s: ${last}`);
}

/** Stops the node and waits for its process to end. */
export async function stopNode(): Promise<boolean> {
  const pid = runningPid();
  if (pid === null) return false;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 300 && runningPid() !== null; i++) await new Promise((r) => setTimeout(r, 100));
  if (runningPid() !== null) process.kill(pid, 'SIGKILL');
  fs.rmSync(pidFile(), { force: true });
  return true;
}
