/**
 * The CLI's usage and configuration errors: exit 2 with a message that names the flag or variable and says what is
 * wrong, one JSON document under --json. None of these cases reaches a node (the URL below answers nothing).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../support/cli-run.js';

const run = runCli;

// port 9 (discard) on loopback: nothing listens, and no case below gets as far as sending
const ENV = { OPENSEARCH_URL: 'http://127.0.0.1:9', OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'alice', OPENSEARCH_PASSWORD: 'Usage-Secret-7c1!' };

test('a flag missing its value does not take the next flag: exit 2, one JSON document naming the flag', async () => {
  const cases: Array<[string[], string]> = [
    [['explain', '--index', 'movies', '--action', '--json'], '--action'],
    [['explain', '--action', 'indices:data/read/search', '--index', '--json'], '--index'],
    [['verify', '--index', '--json'], '--index'],
    [['verify', '--index', 'movies', '--roles-file', '--json'], '--roles-file'],
    [['verify', '--index', 'movies', '--query', '--json'], '--query'],
    [['compare', '--index', '--json'], '--index'],
    [['plan', '-f', '--json'], '--file'],
    [['apply', '--file', '-y', '--json'], '--file'],
    [['explain', '--request', '--json'], '--request'],
    [['explain', '--request', 'POST /_bulk', '--body', '--json'], '--body'],
    [['explain', '--action', 'indices:data/read/search', '--user', '--json'], '--user'],
  ];
  for (const [args, flag] of cases) {
    const r = await run(args, ENV);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}`);
    const doc = JSON.parse(r.stdout) as { ok: boolean; kind: string; error: string };
    assert.equal(doc.ok, false);
    assert.equal(doc.kind, 'usage', args.join(' '));
    assert.ok(doc.error.includes(flag) && /needs a value/.test(doc.error), doc.error);
  }
});

test('blank values are usage errors naming the flag; a blank --index names no index (never "every index" or "none")', async () => {
  const cases: Array<[string[], string, RegExp]> = [
    [['explain', '--action=', '--index', 'movies', '--json'], '--action', /empty/],
    [['explain', '--action', ' ', '--json'], '--action', /empty/],
    [['explain', '--action', 'indices:data/read/search', '--user=', '--json'], '--user', /empty/],
    [['explain', '--action', 'indices:data/read/search', '--index', '', '--json'], '--index', /empty/],
    [['explain', '--action', 'indices:data/read/search', '--index', ',', '--json'], '--index', /names no index/],
    [['explain', '--action', 'indices:data/read/search', '--index', ' , ', '--json'], '--index', /names no index/],
    [['verify', '--index', '', '--json'], '--index', /empty/],
    [['verify', '--index', ',,', '--json'], '--index', /names no index/],
    [['compare', '--index', ' ', '--json'], '--index', /empty/],
  ];
  for (const [args, flag, reason] of cases) {
    const r = await run(args, ENV);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}`);
    const doc = JSON.parse(r.stdout) as { kind: string; error: string };
    assert.equal(doc.kind, 'usage');
    assert.ok(doc.error.includes(flag), doc.error);
    assert.match(doc.error, reason);
  }
});

test('--request: a path the library refuses is named as --request, not as a library parameter', async () => {
  for (const path of ['/é', '/a#b', '/\u{1F600}']) {
    const r = await run(['explain', '--request', `GET ${path}`, '--json'], ENV);
    assert.equal(r.code, 2, r.stdout);
    const doc = JSON.parse(r.stdout) as { kind: string; error: string; option?: string };
    assert.equal(doc.kind, 'usage');
    assert.match(doc.error, /^--request: the path must /);
    assert.equal(doc.option, undefined);
    assert.ok(!doc.error.includes('request.path'), doc.error);
  }
});

test('a configuration error about a secret variable says what is wrong, in both forms, and never shows the value', async () => {
  const cases: Array<[Record<string, string>, string, RegExp]> = [
    [{ OPENSEARCH_PASSWORD: '' }, 'OPENSEARCH_PASSWORD', /is not set/],
    [{ OPENSEARCH_PASSWORD: 'Usage-Secret-7c1!\r\nx' }, 'OPENSEARCH_PASSWORD', /control character/],
    [{ OPENSEARCH_PASSWORD: ' Usage-Secret-7c1! ' }, 'OPENSEARCH_PASSWORD', /whitespace/],
    [{ OPENSEARCH_PASSWORD: 'Usage-Secret-7c1!'.repeat(600) }, 'OPENSEARCH_PASSWORD', /longer than/],
  ];
  for (const [vars, name, reason] of cases) {
    for (const json of [true, false]) {
      const r = await run(['whoami', ...(json ? ['--json'] : [])], { ...ENV, ...vars });
      assert.equal(r.code, 2);
      const text = json ? (JSON.parse(r.stdout) as { error: string }).error : r.stderr;
      assert.ok(text.includes(name), text);
      assert.match(text, reason);
      assert.ok(!text.includes('[REDACTED]'), text);
      assert.ok(!(r.stdout + r.stderr).includes('Usage-Secret-7c1!'), 'the value is never shown');
    }
  }
  // the admin's variables: named as the admin's
  const admin = await run(['compare', '--index', 'movies', '--json'], { ...ENV, OPENSEARCH_ADMIN_AUTH: 'basic', OPENSEARCH_ADMIN_USERNAME: 'admin', OPENSEARCH_ADMIN_PASSWORD: '' });
  assert.equal(admin.code, 2, admin.stdout);
  assert.match((JSON.parse(admin.stdout) as { error: string }).error, /^OPENSEARCH_ADMIN_PASSWORD: is not set/);
});

test('verify with an incomplete admin principal is a configuration error naming its variable, with or without --roles-file', async () => {
  for (const extra of [[], ['--roles-file', 'roles.json']]) {
    const r = await run(['verify', '--index', 'movies', ...extra, '--json'], { ...ENV, OPENSEARCH_ADMIN_USERNAME: 'admin', OPENSEARCH_ADMIN_PASSWORD: 'Admin-Usage-Secret-1!' });
    assert.equal(r.code, 2, r.stdout);
    const doc = JSON.parse(r.stdout) as { kind: string; error: string };
    assert.equal(doc.kind, 'config');
    assert.match(doc.error, /^OPENSEARCH_ADMIN_AUTH: /);
    assert.ok(!r.stdout.includes('Admin-Usage-Secret-1!'));
  }
});
