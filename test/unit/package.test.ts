/**
 * The published package: publint and @arethetypeswrong/cli are clean, and the packed tarball
 * installs into an empty project and works from both `import` and `require`.
 * Needs `npm run build` first (the test command builds before running tests).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../domain/paths.js';

let dir = '';
let tarball = '';
const npx = (args: string[], cwd = PROJECT_ROOT) => execFileSync('npx', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

before(() => {
  assert.ok(fs.existsSync(path.join(PROJECT_ROOT, 'dist', 'index.cjs')), 'dist/ is built (npm run build)');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fgac-pack-'));
  const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim().split('\n').pop()!;
  tarball = path.join(dir, name);
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the tarball holds dist and package.json only (no sources, tests or secrets)', () => {
  const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort();
  assert.ok(files.includes('package/dist/index.js') && files.includes('package/dist/index.cjs') && files.includes('package/dist/index.d.cts'));
  assert.deepEqual(files.filter((f) => !/^package\/(dist\/|package\.json$|README\.md$|LICENSE)/.test(f)), []);
});

test('publint finds nothing, warnings included', () => {
  const out = npx(['publint', 'run', tarball, '--strict']);
  assert.match(out, /All good!/);
});

test('@arethetypeswrong/cli finds no problem for CJS and ESM consumers', () => {
  // Exit code 0 means no problem in any resolution mode of the strict profile.
  const out = npx(['attw', tarball, '--format', 'json']);
  const report = JSON.parse(out) as { analysis: { problems: unknown[] } };
  assert.deepEqual(report.analysis.problems, []);
});

test('installs into an empty project and works from require and import', () => {
  const app = path.join(dir, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: app, stdio: 'ignore' });
  const check = `
    const { Client } = OS;
    const c = m.createClient({ node: 'https://localhost:9200', auth: { mode: 'basic', username: 'u', password: 'p' } });
    if (!(c instanceof Client)) throw new Error('not a Client');
    if (!(new m.SecurityExceptionError({ body: {}, statusCode: 403, headers: {}, meta: {} }, { actions: [], user: null, requestedTenant: null, roles: [], indices: null, reason: '' }) instanceof OS.errors.ResponseError)) throw new Error('not a ResponseError');
    let threw = false;
    try { m.createClient({ node: 'https://x', auth: { mode: 'basic', username: 'u', password: '' } }); } catch (e) { threw = e instanceof m.ConfigError; }
    if (!threw) throw new Error('ConfigError expected');
    console.log('ok ' + typeof m.ingest);`;
  const cjs = execFileSync(process.execPath, ['-e', `const m = require('opensearch-fgac'); const OS = require('@opensearch-project/opensearch'); ${check}`], { cwd: app, encoding: 'utf8' });
  assert.equal(cjs.trim(), 'ok function');
  const esm = execFileSync(process.execPath, ['--input-type=module', '-e',
    `import * as m from 'opensearch-fgac'; import OS from '@opensearch-project/opensearch'; ${check}`], { cwd: app, encoding: 'utf8' });
  assert.equal(esm.trim(), 'ok function');
});
