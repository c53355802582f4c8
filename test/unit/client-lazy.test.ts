/**
 * Lazy loading: each mode runs in a fresh child process that records every @aws-sdk module
 * resolved (ESM loader hook) or required (require.cache) while it imports createClient, creates
 * a client and sends one request to a loopback server.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
let dir: string;

const HOOK = `
import { appendFileSync } from 'node:fs';
let out;
export function initialize(data) { out = data.file; }
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (r.url.includes('/@aws-sdk/')) appendFileSync(out, r.url + '\\n');
  return r;
}
`;

const SCRIPT = `
import { register, createRequire } from 'node:module';
import { readFileSync, existsSync } from 'node:fs';
import http from 'node:http';
const [mode, hookUrl, file] = process.argv.slice(2);
register(hookUrl, { data: { file } });
const server = http.createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"ok":true}'); }); });
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const node = 'http://127.0.0.1:' + server.address().port;
const started = performance.now();
const { createClient } = await import(${JSON.stringify(pathToFileURL(join(root, 'src/client/create-client.ts')).href)});
const imported = performance.now();
const auth = {
  basic: { mode: 'basic', username: 'u', password: 'p' },
  none: { mode: 'none' },
  'iam-static': { mode: 'iam', region: 'us-east-1', credentials: { accessKeyId: 'A', secretAccessKey: 'B' } },
  'iam-default-chain': { mode: 'iam', region: 'us-east-1' },
}[mode];
const client = createClient({ node, auth });
await client.info();
const done = performance.now();
server.close();
const require = createRequire(import.meta.url);
const cjs = Object.keys(require.cache).filter((k) => k.includes('/@aws-sdk/'));
const esm = existsSync(file) ? readFileSync(file, 'utf8').split('\\n').filter(Boolean) : [];
console.log(JSON.stringify({ esm, cjs, importMs: imported - started, firstRequestMs: done - started }));
`;

async function runMode(mode: string): Promise<{ esm: string[]; cjs: string[]; importMs: number; firstRequestMs: number }> {
  const file = join(dir, `${mode}.log`);
  const { stdout } = await run(process.execPath, ['--import', 'tsx', join(dir, 'child.mjs'), mode, pathToFileURL(join(dir, 'hook.mjs')).href, file], {
    cwd: root,
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'secret-env', AWS_EC2_METADATA_DISABLED: 'true' },
  });
  const line = stdout.trim().split('\n').at(-1) ?? '{}';
  return JSON.parse(line) as { esm: string[]; cjs: string[]; importMs: number; firstRequestMs: number };
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'p2-lazy-'));
  writeFileSync(join(dir, 'hook.mjs'), HOOK);
  writeFileSync(join(dir, 'child.mjs'), SCRIPT);
});
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('per-mode modules are loaded lazily', () => {
  for (const mode of ['basic', 'none', 'iam-static']) {
    test(`${mode}: import + create + first request load no @aws-sdk module`, async () => {
      const r = await runMode(mode);
      assert.deepEqual(r.esm, []);
      assert.deepEqual(r.cjs, []);
    });
  }

  test('iam with the default chain: @aws-sdk/credential-provider-node is loaded on the first request', async () => {
    const r = await runMode('iam-default-chain');
    assert.ok([...r.esm, ...r.cjs].some((u) => u.includes('/@aws-sdk/credential-provider-node/')), JSON.stringify(r));
  });
});
