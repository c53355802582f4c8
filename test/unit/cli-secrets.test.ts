/** The CLI's output never shows a secret it holds: commander's own messages and what clients fetched (profiles, IMDS, Cognito). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../support/cli-run.js';
import { Printer } from '../../src/cli/output.js';
import { SecretSet } from '../../src/errors/secrets.js';

const run = runCli;

const SECRET = 'Pasted-Secret-66af1';
const ENV = { OPENSEARCH_URL: 'https://search.example.com', OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'alice', OPENSEARCH_PASSWORD: SECRET };

test("commander's own errors quoting an argument do not show a secret the CLI holds", async () => {
  for (const args of [['verify', '--index', 'x', '--size', SECRET], [SECRET], ['whoami', `--${SECRET}`]]) {
    const r = await run(args, ENV);
    assert.equal(r.code, 2, `${args.join(' ')}: a usage error`);
    assert.ok(r.text.length > 0, 'it says what is wrong');
    assert.ok(!r.text.includes(SECRET), r.text);
  }
});

test("a client's own secrets (beyond the environment's) are removed from every printed line", () => {
  const token = 'FwoGZXIvYXdzEBc-session-token-77';
  const fetched = new SecretSet();
  fetched.add(token);
  const printer = new Printer({ json: false, secrets: new SecretSet(), clientSecrets: () => [fetched] });
  assert.equal(printer.clean(`user: ${token} (roles: reader)`), 'user: [REDACTED] (roles: reader)');
  const without = new Printer({ json: false, secrets: new SecretSet() });
  assert.ok(without.clean(`user: ${token}`).includes(token), 'the check above relies on the client set');
});

test('--json stays valid JSON: secrets are removed from string values, never from the JSON text', () => {
  const secrets = new SecretSet();
  secrets.add('true');
  secrets.add('3600');
  secrets.add('token-Secret-abcdef');
  const printer = new Printer({ json: true, secrets });
  let text = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: unknown) => { text += String(chunk); return true; }) as typeof process.stdout.write;
  try {
    printer.result({ ok: true, n: 3600, error: 'Failed to parse query [Carrier:"token=abcdef" AND (]', path: '/x?password=ab"cd', note: 'holds token-Secret-abcdef', ['key token-Secret-abcdef']: 1 });
  } finally {
    process.stdout.write = write;
  }
  const parsed = JSON.parse(text) as Record<string, unknown>;
  assert.equal(parsed.ok, true);
  assert.equal(parsed.n, 3600);
  assert.ok(!text.includes('token-Secret-abcdef'), text);
  assert.ok(!text.includes('abcdef'), 'the key-shaped secret in the error is removed too');
  assert.ok(!text.includes('ab"cd') && !text.includes('ab\\"cd'), 'the password in the query string is removed');
});

test('usage errors: --json prints one JSON document, no command at all is exit 2, --help exit 0', async () => {
  const r = await run(['whoami', '--json', '--bogus'], ENV);
  assert.equal(r.code, 2);
  const json = r.text.slice(r.text.indexOf('{'), r.text.lastIndexOf('}') + 1);
  assert.deepEqual(JSON.parse(json), { ok: false, error: "unknown option '--bogus'", kind: 'usage' });
  assert.equal((await run([], ENV)).code, 2);
  assert.equal((await run(['--help'], ENV)).code, 0);
});

test('an incomplete admin configuration names the admin variable, not the caller\'s', async () => {
  const r = await run(['compare', '--index', 'flights', '--json'], { ...ENV, OPENSEARCH_ADMIN_PASSWORD: 'Admin-Secret-1x!', OPENSEARCH_AUTH: 'basic' });
  assert.equal(r.code, 2, r.text);
  assert.match(r.text, /OPENSEARCH_ADMIN_(AUTH|USERNAME)/, r.text);
  assert.ok(!r.text.includes('Admin-Secret-1x!'));
});

test('a users file that cannot be parsed, or whose password_env holds the password itself: the error names line and column, never the text', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-yaml-secret-'));
  const password = 'Zq7#Kx!pL9mW2vR4tY8u';
  const files: Record<string, string> = {
    // flow style: the quoted line holds the password
    flow: `internal_users: {alice: {password_env: X, password: ${password}, backend_roles: [a]\n`,
    // a long block line: the library cuts it, so a pattern anchored at the key no longer matches
    long: `internal_users:\n  alice:\n    backend_roles: [a]\n    x: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' password: '${password} ${'a'.repeat(80)}' junk\n`,
    alias: `internal_users:\n  alice:\n    password: *${password}\n`,
    // a tag the library does not know: its warning printed the line to stderr
    tag: `internal_users:\n  alice:\n    description: !${password} x\n    password_env: [\n`,
    passwordEnv: `internal_users:\n  alice:\n    password_env: '${password}'\n`,
  };
  const warnings: string[] = [];
  const onWarning = (w: Error): void => void warnings.push(`${w.name}: ${w.message}`);
  process.on('warning', onWarning);
  try {
    for (const [what, content] of Object.entries(files)) {
      const file = path.join(dir, `${what}.yaml`);
      fs.writeFileSync(file, content);
      for (const json of [false, true]) {
        const r = await run(['plan', '-f', file, ...(json ? ['--json'] : [])], { ...ENV, OPENSEARCH_PASSWORD: 'Other-Pw-1' });
        assert.equal(r.code, 2, `${what}: a usage error: ${r.text}`);
        assert.ok(!r.text.includes('Zq7'), `${what}: ${r.text}`);
        assert.match(r.text, what === 'passwordEnv' ? /is not set/ : /line \d+, column \d+|cannot be parsed/, what);
      }
    }
    await new Promise((resolve) => setImmediate(resolve));
    assert.ok(!warnings.join('\n').includes('Zq7'), warnings.join('\n'));
  } finally {
    process.off('warning', onWarning);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
