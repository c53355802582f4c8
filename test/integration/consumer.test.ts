/**
 * The package as an app installs it: the packed tarball goes into temporary consumer projects
 * next to the app's own @opensearch-project/opensearch (the peer range's floor, the latest 2.x and
 * the 3.x we develop against). Each project must hold ONE copy of opensearch-js, the factory's
 * client and typed errors must be the app's classes, typed errors must come back from the real
 * local domain, the app's own Client must work with ingest() and SecurityApi, and the app's
 * TypeScript (strict, nodenext) must accept clients and errors both ways.
 *
 * The optional AWS SDK peers are not installed: `iam` without credentials and `cognito` must say
 * which package to install. Projects live in <tmpdir>/opensearch-fgac-consumer/ (outside the
 * checkout, so the repo's node_modules is out of reach) and stay between runs (a re-run takes a
 * few seconds per project). Needs `npm run build` and the local domain.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadConnection } from '../domain/connection.js';
import { CONNECTION_FILE, PROJECT_ROOT } from '../domain/paths.js';

const run = promisify(execFile);
const conn = loadConnection();
// Outside the checkout: Node must not find the repo's own node_modules from the consumer projects.
const WORK = path.join(os.tmpdir(), 'opensearch-fgac-consumer');
const TARBALL = path.join(WORK, 'opensearch-fgac.tgz');
const TSC = path.join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
/** The app's @types/node: the newest major when this was written (its removals are what a consumer meets first). */
const TYPES_NODE = '26.6.11';

const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> };
const installedVersion = (name: string): string =>
  (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

/** The lowest version the peer range admits (`^2.1.0 || ^3.0.0` -> 2.1.0). */
const peerRange = pkg.peerDependencies['@opensearch-project/opensearch'] ?? '';
const floor = /\d+\.\d+\.\d+/.exec(peerRange)?.[0] ?? '';

/** The app's opensearch-js versions: the floor, the latest 2.x (alias devDependency) and our 3.x devDependency. */
const APPS = [
  { label: 'peer floor', version: floor },
  { label: 'latest 2.x', version: installedVersion('opensearch-js-2') },
  { label: '3.x', version: installedVersion('@opensearch-project/opensearch') },
];

/**
 * The consumer's TypeScript (checked with tsc --strict, nodenext, inside the consumer project; kept
 * here as text because the repo's own tsc cannot resolve 'opensearch-fgac' before the build).
 */
const CONSUMER_TYPES = `// Type-checked (tsc --strict) inside a consumer project: the app's own opensearch-js types and
// opensearch-fgac's declarations must agree, so clients and errors pass both ways.
import { Client, errors } from '@opensearch-project/opensearch';
import { createClient, ingest, isRetryable, SecurityApi, SecurityExceptionError, type FgacClientOptions } from 'opensearch-fgac';

const options: FgacClientOptions = { node: 'https://localhost:9200', auth: { mode: 'basic', username: 'u', password: 'p' } };
/** Settings read from the environment may be undefined (exactOptionalPropertyTypes is on). */
export const fromEnvironment: FgacClientOptions = {
  node: 'https://localhost:9200', tenant: process.env.OPENSEARCH_TENANT,
  auth: { mode: 'iam', region: process.env.AWS_REGION, credentials: { accessKeyId: 'AKID', secretAccessKey: 's', sessionToken: process.env.AWS_SESSION_TOKEN } },
};
export const grouped = ingest(new Client({ node: 'https://localhost:9200' }), [{ index: 'events', document: { n: 1 }, groupId: process.env.GROUP, key: process.env.KEY }]);
/** The factory's client is assignable to the app's Client. */
export const client: Client = createClient(options);
/** The app's own Client goes into the SDK's functions. */
export const app = new Client({ node: 'https://localhost:9200' });
export const security = new SecurityApi(app);
export const report = ingest(app, [{ index: 'events', document: { n: 1 } }]);
/** A typed error is the app's ResponseError. */
export function asResponseError(e: unknown): errors.ResponseError | undefined {
  if (!(e instanceof SecurityExceptionError)) return undefined;
  const r: errors.ResponseError = e;
  return r;
}
/** The app's own error classes go into the SDK's guards. */
export const retryable = (e: unknown): boolean => e instanceof errors.ConnectionError && isRetryable(e);
`;

interface SmokeResult {
  appClientVersion: string; instanceofAppClient: boolean; securityException: boolean; securityExceptionIsAppResponseError: boolean;
  securityUser: string | null; securityStatus: number | null; unauthorized: boolean; iamInstanceofAppClient: boolean; iamFlightsTotal: number;
  iamSecurityException: boolean; appConnectionErrorRetryable: boolean; ingestIndexed: number; ingestRefusedKind: string;
  ingestDeadNode: string; securityApiRolePatterns: string[] | null; defaultChainMissing: string; cognitoSdkMissing: string;
}

before(async () => {
  assert.ok(fs.existsSync(path.join(PROJECT_ROOT, 'dist', 'index.js')), 'dist/ is built (npm run build)');
  assert.match(floor, /^2\.\d+\.\d+$/, `the peer range ${peerRange} starts at a 2.x version`);
  fs.mkdirSync(WORK, { recursive: true });
  const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', WORK], { cwd: PROJECT_ROOT });
  fs.renameSync(path.join(WORK, stdout.trim().split('\n').pop() as string), TARBALL);
});

/** Creates (or refreshes) the consumer project for one opensearch-js version; returns its directory. */
async function consumerApp(version: string): Promise<string> {
  const app = path.join(WORK, `app-${version}`);
  fs.mkdirSync(app, { recursive: true });
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({
    name: 'consumer-app', version: '1.0.0', private: true, type: 'module',
    dependencies: { '@opensearch-project/opensearch': version, 'opensearch-fgac': `file:${TARBALL}` },
    // the declarations must hold with the newest @types/node too (26 dropped names 20-25 had)
    devDependencies: { '@types/node': TYPES_NODE },
  }, null, 2));
  // The tarball changes with every build: drop the old copy so npm unpacks the new one.
  fs.rmSync(path.join(app, 'node_modules', 'opensearch-fgac'), { recursive: true, force: true });
  fs.rmSync(path.join(app, 'package-lock.json'), { force: true });
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: app, timeout: 180_000 });
  fs.copyFileSync(path.join(PROJECT_ROOT, 'test', 'support', 'consumer-smoke.mjs'), path.join(app, 'smoke.mjs'));
  fs.writeFileSync(path.join(app, 'types.ts'), CONSUMER_TYPES);
  fs.writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, exactOptionalPropertyTypes: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022',
      skipLibCheck: false, types: ['node'] },
    files: ['types.ts'],
  }));
  return app;
}

for (const { label, version } of APPS) {
  describe(`an app on opensearch-js ${version} (${label})`, () => {
    let app = '';
    before(async () => { app = await consumerApp(version); });

    test('npm installs one copy of opensearch-js: the app\'s', async () => {
      const { stdout } = await run('npm', ['ls', '@opensearch-project/opensearch', '--all', '--parseable', '--long'], { cwd: app });
      const copies = stdout.trim().split('\n').filter(Boolean);
      // The SDK (node_modules/opensearch-fgac) has no nested copy: it resolves the app's.
      const { stdout: sdk } = await run('npm', ['ls', '--all', '--parseable'], { cwd: app });
      assert.deepEqual(sdk.split('\n').filter((l) => l.includes('@aws-sdk')), [], 'no AWS SDK package is installed');
      assert.deepEqual(copies, [`${path.join(fs.realpathSync(app), 'node_modules', '@opensearch-project', 'opensearch')}:@opensearch-project/opensearch@${version}`]);
    });

    test('clients and typed errors are the app\'s classes, and requests to the local domain come back typed', async () => {
      const index = `p3-consumer-${version.replace(/\W/g, '-')}`;
      const { stdout } = await run(process.execPath, ['smoke.mjs', CONNECTION_FILE, index], { cwd: app, timeout: 120_000 });
      const r = JSON.parse(stdout.trim().split('\n').pop() as string) as SmokeResult;
      assert.equal(r.appClientVersion, version);
      assert.equal(r.instanceofAppClient, true, 'createClient(...) instanceof the app\'s Client');
      assert.equal(r.iamInstanceofAppClient, true);
      assert.equal(r.securityException, true, 'the limited user\'s 403 is a SecurityExceptionError');
      assert.equal(r.securityExceptionIsAppResponseError, true, 'and the app\'s errors.ResponseError');
      assert.equal(r.securityUser, conn.users.limited.username);
      assert.equal(r.securityStatus, 403);
      assert.equal(r.unauthorized, true, 'a wrong password is an UnauthorizedError and the app\'s ResponseError');
      assert.ok(r.iamFlightsTotal > 0 && r.iamFlightsTotal < conn.indices.flights, `DLS limits the IAM user's flights (${r.iamFlightsTotal})`);
      assert.equal(r.iamSecurityException, true);
      assert.equal(r.appConnectionErrorRetryable, true, 'the app\'s ConnectionError counts as retryable');
      assert.equal(r.ingestIndexed, 3, 'ingest() with the app\'s own Client');
      assert.equal(r.ingestRefusedKind, 'security');
      assert.equal(r.ingestDeadNode, 'transport:true', 'a dead node through the app\'s Client is a retryable transport failure');
      assert.deepEqual(r.securityApiRolePatterns, ['flights*']);
      assert.match(r.defaultChainMissing, /optional peer dependency @aws-sdk\/credential-provider-node \(for auth\.mode 'iam' without auth\.credentials[^)]*\)\) is not installed: run `npm install @aws-sdk\/credential-provider-node`/);
      // both Cognito clients named at once (the first alone sent the user back for the second)
      assert.match(r.cognitoSdkMissing, /optional peer dependencies @aws-sdk\/client-cognito-identity-provider \(.*\) and @aws-sdk\/client-cognito-identity \(.*\) are not installed: run `npm install @aws-sdk\/client-cognito-identity-provider @aws-sdk\/client-cognito-identity`/);
    });

    test('the app\'s strict TypeScript passes clients and errors between app and SDK', async () => {
      await run(process.execPath, [TSC, '-p', app], { cwd: app, timeout: 120_000 });
    });
  });
}
