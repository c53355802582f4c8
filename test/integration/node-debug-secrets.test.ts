/**
 * Node's own debug output (NODE_DEBUG=http,https,net,tls) prints the options of every request that opens a socket,
 * headers included. A child process per auth mode (fromEnv, the real node over HTTPS; iam and cognito through the
 * SigV4-verifying edge) makes a successful call, and a refused one for basic (a wrong password); its stderr must show
 * the debug output and none of the mode's secrets: the password, base64 of `user:password`, the secret key, the
 * session token, or the SigV4 signature header's credential scope line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { loadConnection } from '../domain/connection.js';
import { localEnv } from '../support/local-env.js';

const conn = loadConnection();
const SDK = new URL('../../src/index.ts', import.meta.url).href;

const CHILD = `
const { createClient, fromEnv } = await import(process.env.CHILD_SDK);
const client = createClient(fromEnv());
const info = await client.transport.request({ method: 'GET', path: '/_plugins/_security/authinfo' });
console.log('status', info.statusCode);
if (process.env.WRONG_PASSWORD) {
  const wrong = createClient(fromEnv({ ...process.env, OPENSEARCH_PASSWORD: process.env.WRONG_PASSWORD }));
  try { await wrong.transport.request({ method: 'GET', path: '/_plugins/_security/authinfo' }); console.log('wrong password accepted'); } catch (e) { console.log('refused', e.name); }
  await wrong.close();
}
await client.close();
`;

function secretsOf(env: Record<string, string>, wrong?: string): Record<string, string> {
  const out: Record<string, string> = {};
  const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
  if (env.OPENSEARCH_PASSWORD !== undefined) {
    out.password = env.OPENSEARCH_PASSWORD;
    out['base64(user:password)'] = b64(`${env.OPENSEARCH_USERNAME}:${env.OPENSEARCH_PASSWORD}`);
  }
  if (wrong !== undefined) out['base64(user:wrong)'] = b64(`${env.OPENSEARCH_USERNAME}:${wrong}`);
  if (env.AWS_SECRET_ACCESS_KEY !== undefined) out['secret key'] = env.AWS_SECRET_ACCESS_KEY;
  if (env.AWS_SESSION_TOKEN !== undefined) out['session token'] = env.AWS_SESSION_TOKEN;
  if (env.COGNITO_PASSWORD !== undefined) out['cognito password'] = env.COGNITO_PASSWORD;
  out['a SigV4 signature'] = 'Signature=';
  out['a Basic credential'] = 'Basic ';
  return out;
}

for (const mode of ['basic', 'iam', 'cognito'] as const) {
  test(`${mode}: NODE_DEBUG=http,https,net,tls output holds none of the client's secrets`, () => {
    const env = localEnv(conn, mode);
    const wrong = mode === 'basic' ? 'not-the-Password-9' : undefined;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], {
      env: { ...process.env, ...env, NODE_DEBUG: 'http,https,net,tls', CHILD_SDK: SDK, ...(wrong !== undefined ? { WRONG_PASSWORD: wrong } : {}) },
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(r.status, 0, `the child ran: ${r.stderr.slice(-1500)}`);
    assert.match(r.stdout, /status 200/);
    if (wrong !== undefined) assert.match(r.stdout, /refused/);
    assert.match(r.stderr, /HTTP \d+: .*createConnection/, 'Node printed its debug output');
    for (const [form, value] of Object.entries(secretsOf(env, wrong))) {
      const at = r.stderr.indexOf(value);
      assert.equal(at, -1, `${form} printed: …${r.stderr.slice(Math.max(0, at - 300), at + value.length + 40)}…`);
    }
  });
}
