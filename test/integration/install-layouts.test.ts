/**
 * The packed SDK in the layouts Lambda developers use beyond plain npm (which consumer.test.ts
 * covers): a Jest test suite (CommonJS, Jest's own module system, no ES loader), a pnpm app
 * (isolated node_modules) that provides the optional AWS peers, and a Lambda layer (the SDK in
 * /opt/nodejs/node_modules, the AWS SDK v3 of the runtime on NODE_PATH, a function directory
 * without node_modules).
 *
 * The CommonJS build once loaded its own chunks and `aws4` with `import()`, which Jest (29 and 30, default mode)
 * refuses: `iam`, SecurityApi and ingest failed with "A dynamic import callback was invoked without
 * --experimental-vm-modules", and the missing-SDK error was that TypeError. scripts/cjs-require-chunks.ts now makes
 * them `require()`, and src/auth/lazy-sdk.ts falls back to `require` when `import()` is refused.
 *
 * Projects live in <tmpdir>/opensearch-fgac-install-layouts/ and stay between runs (a re-run takes
 * seconds; the first run installs from the npm registry). Needs `npm run build` and the local domain.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { CONNECTION_FILE, PROJECT_ROOT } from '../domain/paths.js';

const run = promisify(execFile);
const WORK = path.join(os.tmpdir(), 'opensearch-fgac-install-layouts');
const TARBALL = path.join(WORK, 'opensearch-fgac.tgz');
const version = (name: string): string =>
  (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
const OPENSEARCH = `@opensearch-project/opensearch@${version('@opensearch-project/opensearch')}`;
const CHAIN = `@aws-sdk/credential-provider-node@${version('@aws-sdk/credential-provider-node')}`;
const NPM_INSTALL = ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];

/** A fresh project directory with this package.json; the tarball's old unpacked copy is dropped. */
function project(name: string, pkg: object): string {
  const dir = path.join(WORK, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `layouts-${name.replace(/\W/g, '-')}`, version: '1.0.0', private: true, ...pkg }, null, 2));
  fs.rmSync(path.join(dir, 'node_modules', 'opensearch-fgac'), { recursive: true, force: true });
  for (const lock of ['package-lock.json', 'pnpm-lock.yaml']) fs.rmSync(path.join(dir, lock), { force: true });
  return dir;
}

/** Observations of a CommonJS script (one JSON line): static-credential SigV4, the default chain, SecurityApi. */
const CJS_PROBE = `const { readFileSync } = require('node:fs');
const { createClient, CredentialsError, SecurityApi } = require('opensearch-fgac');
const conn = JSON.parse(readFileSync(process.env.CONN, 'utf8'));
const ssl = { ca: readFileSync(conn.caFile, 'utf8') };
const describe = (e) => (e instanceof CredentialsError ? 'CredentialsError: ' : '') + String(e && e.message);
(async () => {
  const out = {};
  const k = conn.iam.limited;
  const iam = createClient({ node: conn.edge.url, auth: { mode: 'iam', region: conn.region, credentials: { accessKeyId: k.accessKeyId, secretAccessKey: k.secretAccessKey, sessionToken: k.sessionToken } }, ssl, retry: { retries: 0 } });
  try { out.iamStaticFlights = (await iam.search({ index: 'flights', body: { size: 0, track_total_hits: true } })).body.hits.total.value; } catch (e) { out.iamStatic = describe(e); }
  process.env.AWS_ACCESS_KEY_ID = k.accessKeyId; process.env.AWS_SECRET_ACCESS_KEY = k.secretAccessKey; process.env.AWS_SESSION_TOKEN = k.sessionToken; process.env.AWS_EC2_METADATA_DISABLED = 'true';
  const chain = createClient({ node: conn.edge.url, auth: { mode: 'iam', region: conn.region }, ssl, retry: { retries: 0 } });
  try { out.chainFlights = (await chain.search({ index: 'flights', body: { size: 0, track_total_hits: true } })).body.hits.total.value; } catch (e) { out.chain = describe(e); }
  const master = createClient({ node: conn.opensearch.url, auth: { mode: 'basic', ...conn.users.master }, ssl });
  try { out.rolePatterns = (await new SecurityApi(master).roles.get('new-role')).index_permissions[0].index_patterns; } catch (e) { out.securityApi = describe(e); }
  await Promise.all([iam, chain, master].map((c) => c.close()));
  console.log(JSON.stringify(out));
})();
`;

interface Probe { iamStaticFlights?: number; iamStatic?: string; chainFlights?: number; chain?: string; rolePatterns?: string[]; securityApi?: string }
const probeOf = (stdout: string): Probe => JSON.parse(stdout.trim().split('\n').pop() as string) as Probe;

before(async () => {
  assert.ok(fs.existsSync(path.join(PROJECT_ROOT, 'dist', 'index.cjs')), 'dist/ is built (npm run build)');
  fs.mkdirSync(WORK, { recursive: true });
  const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', WORK], { cwd: PROJECT_ROOT });
  fs.renameSync(path.join(WORK, stdout.trim().split('\n').pop() as string), TARBALL);
});

describe('the CommonJS build under a CommonJS-only module system', () => {
  test('dist/*.cjs loads its own chunks and CommonJS dependencies with require, not import()', () => {
    const offenders: string[] = [];
    for (const file of fs.readdirSync(path.join(PROJECT_ROOT, 'dist')).filter((f) => f.endsWith('.cjs'))) {
      const text = fs.readFileSync(path.join(PROJECT_ROOT, 'dist', file), 'utf8');
      for (const m of text.matchAll(/\bimport\(\s*(['"])([^'"]+)\1\s*\)/g)) offenders.push(`${file}: import('${m[2]}')`);
    }
    assert.deepEqual(offenders, [], 'a Jest (CJS) or PnP-without-ES-loader consumer cannot run import() from CommonJS');
  });

  test('in a Jest suite (CommonJS, default config) iam, the default chain\'s error and SecurityApi work', async () => {
    const app = project('jest', { devDependencies: { jest: '30.5.2' }, dependencies: { '@opensearch-project/opensearch': OPENSEARCH.split('@').pop(), 'opensearch-fgac': `file:${TARBALL}` } });
    await run('npm', NPM_INSTALL, { cwd: app, timeout: 240_000 });
    fs.writeFileSync(path.join(app, 'probe.js'), CJS_PROBE.replace('(async () => {', 'module.exports = async () => {').replace(/console\.log\(JSON\.stringify\(out\)\);\n\}\)\(\);\n$/, 'return out;\n};\n'));
    fs.writeFileSync(path.join(app, 'fgac.test.js'),
      "const probe = require('./probe.js');\ntest('probe', async () => { const out = await probe(); require('node:fs').writeFileSync(__dirname + '/probe-out.json', JSON.stringify(out)); });\n");
    fs.rmSync(path.join(app, 'probe-out.json'), { force: true });
    await run(process.execPath, [path.join(app, 'node_modules', 'jest', 'bin', 'jest.js'), '--testEnvironment', 'node', '--ci'],
      { cwd: app, timeout: 120_000, env: { ...process.env, CONN: CONNECTION_FILE, NODE_OPTIONS: '' } });
    const out = JSON.parse(fs.readFileSync(path.join(app, 'probe-out.json'), 'utf8')) as Probe;
    assert.equal(out.iamStatic, undefined, `iam with static credentials: ${out.iamStatic}`);
    assert.ok((out.iamStaticFlights ?? 0) > 0);
    assert.match(out.chain ?? '', /^CredentialsError: .*@aws-sdk\/credential-provider-node/, 'the missing optional peer is named');
    assert.deepEqual(out.rolePatterns, ['flights*'], `SecurityApi: ${out.securityApi}`);
  });
});

describe('pnpm and Lambda layers', () => {
  test('pnpm (isolated node_modules, strict peers): the app\'s own AWS peer is found, one opensearch-js', async () => {
    const tools = path.join(WORK, 'tools');
    if (!fs.existsSync(path.join(tools, 'node_modules', 'pnpm'))) await run('npm', [...NPM_INSTALL, '--prefix', tools, 'pnpm@9'], { timeout: 120_000 });
    const app = project('pnpm', { dependencies: { '@opensearch-project/opensearch': OPENSEARCH.split('@').pop(), [CHAIN.slice(0, CHAIN.lastIndexOf('@'))]: CHAIN.split('@').pop(), 'opensearch-fgac': `file:${TARBALL}` } });
    fs.writeFileSync(path.join(app, '.npmrc'), `auto-install-peers=false\nstrict-peer-dependencies=true\nstore-dir=${path.join(WORK, 'pnpm-store')}\n`);
    await run(process.execPath, [path.join(tools, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs'), 'install', '--reporter=silent'], { cwd: app, timeout: 240_000 });
    assert.equal(fs.readdirSync(path.join(app, 'node_modules', '.pnpm')).filter((d) => d.startsWith('@opensearch-project+opensearch@')).length, 1);
    fs.writeFileSync(path.join(app, 'probe.cjs'), CJS_PROBE);
    const out = probeOf((await run(process.execPath, ['probe.cjs'], { cwd: app, timeout: 120_000, env: { ...process.env, CONN: CONNECTION_FILE } })).stdout);
    assert.ok((out.chainFlights ?? 0) > 0, `default chain: ${out.chain}`);
    assert.ok((out.iamStaticFlights ?? 0) > 0, `iam static: ${out.iamStatic}`);
  });

  test('Lambda layer: the SDK in the layer, the runtime\'s AWS SDK on NODE_PATH, a function without node_modules', async () => {
    const layer = project('layer/nodejs', {});
    await run('npm', [...NPM_INSTALL, TARBALL, OPENSEARCH], { cwd: layer, timeout: 240_000 });
    const runtime = project('runtime', {});
    if (!fs.existsSync(path.join(runtime, 'node_modules', '@aws-sdk', 'credential-provider-node'))) await run('npm', [...NPM_INSTALL, CHAIN], { cwd: runtime, timeout: 240_000 });
    const fn = path.join(WORK, 'function');
    fs.mkdirSync(fn, { recursive: true });
    fs.writeFileSync(path.join(fn, 'index.cjs'), CJS_PROBE);
    const NODE_PATH = [path.join(WORK, 'layer', 'nodejs', 'node22', 'node_modules'), path.join(layer, 'node_modules'), path.join(runtime, 'node_modules'), runtime, fn].join(path.delimiter);
    const out = probeOf((await run(process.execPath, ['index.cjs'], { cwd: fn, timeout: 120_000, env: { ...process.env, CONN: CONNECTION_FILE, NODE_PATH } })).stdout);
    assert.ok((out.chainFlights ?? 0) > 0, `the runtime's chain through NODE_PATH: ${out.chain}`);
    assert.deepEqual(out.rolePatterns, ['flights*']);
  });
});
