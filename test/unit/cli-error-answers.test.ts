/**
 * An error answer the SDK does not type (a proxy's 431 or 413, a plain-text 400, an empty body): the CLI names its
 * HTTP status and the server's reason, where opensearch-js' message alone reads "Response Error"; the password of
 * the caller never appears. A typed error keeps its own message.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loopbackUrl } from '../support/loopback-client.js';
import { runCli } from '../support/cli-run.js';

let answer: { status: number; type?: string; body: string } = { status: 431, body: '' };
const server = http.createServer((_req, res) => {
  res.writeHead(answer.status, answer.type !== undefined ? { 'content-type': answer.type } : {});
  res.end(answer.body);
});
const url = loopbackUrl(server);
const PASSWORD = 'Answer-Secret-91x!';
const file = join(mkdtempSync(join(tmpdir(), 'cli-answers-')), 'roles.yaml');
writeFileSync(file, 'roles:\n  r1:\n    cluster_permissions: [cluster_monitor]\n');

const env = (): NodeJS.ProcessEnv => ({ OPENSEARCH_URL: url(), OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'alice', OPENSEARCH_PASSWORD: PASSWORD, OPENSEARCH_ALLOW_INSECURE_HTTP: 'true' });

const CASES: Array<{ answer: typeof answer; shown: RegExp }> = [
  { answer: { status: 431, body: '' }, shown: /^HTTP 431$/ },
  { answer: { status: 413, type: 'text/html', body: '<html><body>Request Entity Too Large</body></html>' }, shown: /^HTTP 413: <html><body>Request Entity Too Large/ },
  { answer: { status: 400, type: 'text/plain', body: 'bad request from the gateway' }, shown: /^HTTP 400: bad request from the gateway$/ },
  { answer: { status: 400, type: 'application/json', body: '{"error":{"type":"parse_exception","reason":"broken body"},"status":400}' }, shown: /^HTTP 400: broken body$/ },
];

for (const c of CASES) {
  for (const args of [['plan', '--file', file], ['verify', '--index', 'x']]) {
    test(`${args[0]}: an untyped ${c.answer.status} ${c.answer.type ?? 'without a body'} names its status (human and --json)`, async () => {
      answer = c.answer;
      const json = await runCli([...args, '--json'], env());
      assert.equal(json.code, 1, json.text);
      const doc = JSON.parse(json.stdout) as { ok: boolean; error: string };
      assert.equal(doc.ok, false);
      assert.match(doc.error, c.shown);
      const human = await runCli(args, env());
      assert.match(human.stderr, new RegExp(`error: ${c.shown.source.replace(/^\^/, '').replace(/\$$/, '')}`));
      assert.ok(!json.text.includes(PASSWORD) && !human.text.includes(PASSWORD), 'the password is shown');
    });
  }
}

test('a typed error keeps its own message (a 401 is UnauthorizedError)', async () => {
  answer = { status: 401, type: 'text/plain', body: 'Unauthorized' };
  const json = await runCli(['plan', '--file', file, '--json'], env());
  const doc = JSON.parse(json.stdout) as { error: string };
  assert.doesNotMatch(doc.error, /^HTTP 401/, doc.error);
  assert.match(doc.error, /401|Unauthorized|authenticat/i);
});
