/**
 * The CLI's flags, files and variables given by a hostile (or careless) user: control characters, bytes that are not
 * UTF-8, 1 MB values, repeated flags, `-f=file`, whitespace around names, files that are not UTF-8 or name entities
 * the plugin would create unusable, blank masking and admin variables. Each is a short usage or configuration error
 * (exit 2) naming the flag or variable, before anything is sent; never the value of a secret, never a 1 MB echo.
 * Where a case needs answers, a loopback stub plays the domain.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli-run.js';
import { loopbackUrl } from '../support/loopback-client.js';

const PASSWORD = 'Fx7-Flags-Secret-4q!';
// port 9 (discard) on loopback: nothing listens, and the cases using it never get as far as sending
const ENV = { OPENSEARCH_URL: 'http://127.0.0.1:9', OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'alice', OPENSEARCH_PASSWORD: PASSWORD };
const dir = mkdtempSync(join(tmpdir(), 'fx7-flags-'));
const file = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const goodYaml = file('good.yaml', 'roles:\n  fx7-r:\n    cluster_permissions: [cluster_monitor]\n');
const MB = 'x'.repeat(1 << 20);

interface Doc { ok: boolean; kind?: string; error: string; option?: string }

async function usage(args: string[], env: NodeJS.ProcessEnv = ENV): Promise<Doc> {
  const r = await runCli([...args, '--json'], env);
  assert.equal(r.code, 2, `${args.join(' ').slice(0, 200)}: ${r.stdout.slice(0, 500)}`);
  assert.ok(r.stdout.length < 10_000, `a short answer, got ${r.stdout.length} characters`);
  const doc = JSON.parse(r.stdout) as Doc;
  assert.equal(doc.ok, false);
  assert.ok(!r.text.includes(PASSWORD), 'the password is shown');
  return doc;
}

/** Every value-taking flag, with what its command needs besides it. */
const FLAGS: Array<{ flag: string; before: string[]; after?: string[] }> = [
  { flag: '--action', before: ['explain'] },
  { flag: '--index', before: ['explain', '--action', 'indices:data/read/search'] },
  { flag: '--user', before: ['explain', '--action', 'indices:data/read/search'] },
  { flag: '--request', before: ['explain'] },
  { flag: '--body', before: ['explain', '--request', 'POST /_bulk'] },
  { flag: '--index', before: ['verify'] },
  { flag: '--query', before: ['verify', '--index', 'movies'] },
  { flag: '--roles-file', before: ['verify', '--index', 'movies'] },
  { flag: '--size', before: ['verify', '--index', 'movies'] },
  { flag: '--index', before: ['compare'] },
  { flag: '--query', before: ['compare', '--index', 'movies'] },
  { flag: '--file', before: ['plan'] },
  { flag: '--file', before: ['apply', '--yes'] },
];

test('every value-taking flag refuses a control character, bytes that are not UTF-8 and a 1 MB value, naming the flag, in a short message', async () => {
  const cases: Array<[string, RegExp]> = [
    ['a\u001b[2Jb', /control character U\+001B at character 2/],
    ['a\u0000b', /control character U\+0000/],
    ['movies\nflights', /control character U\+000A/],
    ['a\u009bb', /control character U\+009B/],
    ['indices:data/read/search\u2028FAKE-LINE', /control character U\+2028 at character 25/],
    ['abc\u202edcba', /control character U\+202E/],
    ['\uFFFD', /not UTF-8/],
    [MB, /longer than 4096 characters \(1048576\)/],
  ];
  for (const { flag, before } of FLAGS) {
    if (flag === '--size') continue;
    for (const [value, reason] of cases) {
      const doc = await usage([...before, flag, value]);
      assert.equal(doc.kind, 'usage');
      assert.ok(doc.error.includes(flag), doc.error.slice(0, 300));
      assert.match(doc.error, reason, `${flag}: ${doc.error.slice(0, 300)}`);
      assert.ok(doc.error.length < 600, doc.error.slice(0, 300));
    }
  }
  // as `--flag=value` too, and in human form: one line of error, not the megabyte
  const human = await runCli(['explain', `--action=${MB}`], ENV);
  assert.equal(human.code, 2);
  assert.match(human.stderr, /^error: option '--action <action>' argument 'x{40}…\(1048576 characters\)' is invalid\. is longer than 4096/);
  assert.ok(human.stderr.length < 5000, `stderr ${human.stderr.length} characters`);
  // on the terminal, the escape sequence is shown, not run
  const escape = await runCli(['explain', '--action', 'a\u001b[2Jb'], ENV);
  assert.match(escape.stderr, /argument 'a\?\[2Jb' is invalid\. contains the control character U\+001B/);
  assert.ok(!escape.stderr.includes('\u001b'));
});

test('a long unknown option or command is echoed shortened, and without its control characters on the terminal', async () => {
  for (const args of [[`--${MB}`], ['whoami', `--${MB}`], [MB]]) {
    const doc = await usage(args);
    assert.match(doc.error, /…\(10485\d\d characters\)/);
    const human = await runCli(args, ENV);
    assert.ok(human.stderr.length < 5000, `stderr ${human.stderr.length} characters`);
  }
  const escape = await runCli(['bogus\u001b[2J'], ENV);
  assert.equal(escape.code, 2);
  assert.match(escape.stderr, /unknown command 'bogus\?\[2J'/);
});

test('a value-taking flag given twice is a usage error naming it (the last one was taken, silently)', async () => {
  for (const { flag, before } of FLAGS) {
    const [a, b] = flag === '--size' ? ['5', '6'] : flag === '--request' ? ['GET /a', 'GET /b'] : ['fx7-a', 'fx7-b'];
    const doc = await usage([...before, flag, a!, flag, b!]);
    assert.equal(doc.kind, 'usage');
    assert.ok(doc.error.includes(flag) && /given more than once/.test(doc.error), doc.error);
  }
  // both spellings of one flag are one flag
  const both = await usage(['plan', '-f', goodYaml, '--file', goodYaml]);
  assert.match(both.error, /--file takes one value/);
});

test('-f=file is refused with the way to write it (commander took "=file" as the file name)', async () => {
  const doc = await usage(['plan', `-f=${goodYaml}`]);
  assert.match(doc.error, /starts with '=' \(a short flag takes its value after a space, as in -f file/);
});

test('whitespace around an action, a user or an index name is a usage error (the server took it literally)', async () => {
  const cases: Array<[string[], string]> = [
    [['explain', '--action', ' indices:data/read/search'], '--action'],
    [['explain', '--action', 'indices:data/read/search', '--user', 'alice '], '--user'],
    [['explain', '--action', 'indices:data/read/search', '--index', 'movies, flights'], '--index'],
    [['verify', '--index', ' movies'], '--index'],
    [['compare', '--index', 'movies,flights '], '--index'],
  ];
  for (const [args, flag] of cases) {
    const doc = await usage(args);
    assert.ok(doc.error.includes(flag) && /whitespace around/.test(doc.error), doc.error);
  }
});

test('explain --request with --index is a usage error: the path names the indices (the --index was ignored)', async () => {
  const doc = await usage(['explain', '--request', 'GET /movies/_search', '--index', 'flights']);
  assert.equal(doc.kind, 'usage');
  assert.match(doc.error, /--request cannot be combined with --action, --user or --index/);
});

test('a file that is not UTF-8 is refused for every file flag, with the offset of the first bad byte, before anything is sent', async () => {
  const latin1 = file('latin1.yaml', Buffer.concat([Buffer.from('roles:\n  fx7-caf'), Buffer.from([0xe9]), Buffer.from(':\n    cluster_permissions: [a]\n')]));
  const cases: string[][] = [
    ['plan', '-f', latin1],
    ['apply', '--yes', '--file', latin1],
    ['verify', '--index', 'movies', '--query', latin1],
    ['verify', '--index', 'movies', '--roles-file', latin1],
    ['compare', '--index', 'movies', '--query', latin1],
    ['explain', '--request', 'POST /_bulk', '--body', latin1],
  ];
  for (const args of cases) {
    const env = args[0] === 'compare' ? { ...ENV, OPENSEARCH_ADMIN_AUTH: 'basic', OPENSEARCH_ADMIN_USERNAME: 'admin', OPENSEARCH_ADMIN_PASSWORD: `${PASSWORD}-admin` } : ENV;
    const doc = await usage(args, env);
    assert.equal(doc.kind, 'usage');
    const flag = args[0] === 'plan' || args[0] === 'apply' ? '-f' : args.at(-2)!;
    assert.ok(doc.error.includes(`${flag} ${latin1}: is not UTF-8 text (an invalid byte at offset 16)`), doc.error);
  }
});

test('a file that cannot be read says why in words after its code; a symbolic link loop is no hang', async () => {
  const loop = join(dir, 'loop-a');
  symlinkSync(join(dir, 'loop-b'), loop);
  symlinkSync(loop, join(dir, 'loop-b'));
  const cases: Array<[string, RegExp]> = [
    [loop, /: ELOOP \(too many symbolic links, a loop\?\)$/],
    [join(dir, 'none.yaml'), /: ENOENT \(no such file or directory\)$/],
    [join(goodYaml, 'below'), /: ENOTDIR \(a part of the path is not a directory\)$/],
  ];
  for (const [path, reason] of cases) {
    const doc = await usage(['plan', '-f', path]);
    assert.match(doc.error, reason);
    assert.ok(doc.error.startsWith(`-f ${path}: `), doc.error);
  }
});

test('a roles-as-code file naming an entity blank, with whitespace around it or with a control character is refused, naming -f and the section', async () => {
  const cases: Array<[string, RegExp]> = [
    ['roles:\n  "":\n    cluster_permissions: [a]\n', /roles: the name "" is blank/],
    ['roles:\n  " fx7-r ":\n    cluster_permissions: [a]\n', /roles: the name " fx7-r " has whitespace around it/],
    ['role_mappings:\n  "fx7-a\\0b":\n    users: [x]\n', /role_mappings: the name "fx7-a\\u0000b" contains a control character/],
    ['action_groups:\n  "fx7-\\e[31mred":\n    allowed_actions: [a]\n', /action_groups: the name "fx7-\\u001b\[31mred" contains a control character/],
    ['internal_users:\n  "\\t":\n    backend_roles: [a]\n', /internal_users: the name "\\t" is blank/],
    ['tenants:\n  "fx7-t\\n":\n    description: x\n', /tenants: the name "fx7-t\\n" has whitespace around it/],
    ['roles:\n  "fx7-\\u202Eevil":\n    cluster_permissions: [a]\n', /roles: the name "fx7-\u202Eevil" contains an invisible format character/],
    ['roles:\n  "fx7-\\u200Bzw":\n    cluster_permissions: [a]\n', /roles: the name "fx7-\u200Bzw" contains an invisible format character/],
  ];
  for (const [content, reason] of cases) {
    const path = file('names.yaml', content);
    const doc = await usage(['plan', '-f', path]);
    assert.equal(doc.kind, 'usage');
    assert.ok(doc.error.startsWith(`-f ${path}: `), doc.error);
    assert.match(doc.error, reason);
  }
  // every message of the file names the flag: an empty file, a wrong section, a list
  for (const [content, reason] of [['', /: is empty \(expected a mapping with sections roles/], ['bogus: {}\n', /: unknown section "bogus"/], ['[1]\n', /: must be a mapping/]] as const) {
    const path = file('shape.yaml', content);
    const doc = await usage(['plan', '-f', path]);
    assert.ok(doc.error.startsWith(`-f ${path}: `), doc.error);
    assert.match(doc.error, reason);
  }
});

test('the files read are UTF-8 checked byte for byte, and a byte order mark is no part of the text', async () => {
  const { readTextFile } = await import('../../src/cli/yaml-file.js');
  const cases: Array<[string, Buffer, number | undefined]> = [
    ['plain', Buffer.from('plain ascii, é, 😀, 中, and a real \uFFFD'), undefined],
    ['overlong NUL', Buffer.from([0x61, 0xc0, 0x80]), 1],
    ['a surrogate', Buffer.from([0xed, 0xa0, 0x80]), 0],
    ['cut short', Buffer.from([0x61, 0x62, 0xe2, 0x82]), 2],
    ['over U+10FFFF', Buffer.from([0xf4, 0x90, 0x80, 0x80]), 0],
    ['0xff after a real U+FFFD', Buffer.concat([Buffer.from('é\uFFFDx'), Buffer.from([0xff])]), 6],
  ];
  for (const [name, bytes, offset] of cases) {
    const at = file(`utf8-${name.replace(/\W/g, '-')}.txt`, bytes);
    if (offset === undefined) assert.equal(readTextFile('--body', at), bytes.toString('utf8'), name);
    else assert.throws(() => readTextFile('--body', at), (e: Error) => e.message.includes(`invalid byte at offset ${offset})`), name);
  }
  const bom = file('bom.ndjson', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"index":{"_index":"movies"}}\n{"a":1}\n')]));
  assert.equal(readTextFile('--body', bom), '{"index":{"_index":"movies"}}\n{"a":1}\n');
});

test('PWD and OLDPWD are no secrets: a path under the current directory is shown, not "[REDACTED]/security.yaml"', async () => {
  const cwd = join(dir, 'project');
  mkdirSync(cwd, { recursive: true });
  const missing = join(cwd, 'security.yaml');
  const doc = await usage(['plan', '-f', missing], { ...ENV, PWD: cwd, OLDPWD: cwd });
  assert.ok(doc.error.includes(missing), doc.error);
  assert.ok(!doc.error.includes('[REDACTED]'), doc.error);
  // nor in a configuration error (fromEnv redacted them too)
  const ca = await usage(['whoami'], { ...ENV, PWD: cwd, OPENSEARCH_CA_FILE: join(cwd, 'ca.pem') });
  assert.equal(ca.kind, 'config');
  assert.ok(ca.error.includes(join(cwd, 'ca.pem')), ca.error);
});

test('the masking variables: blank is a configuration error naming the variable, before anything is sent; the salt is a secret', async () => {
  for (const name of ['OPENSEARCH_MASKING_SALT', 'OPENSEARCH_MASKING_ALGORITHM']) {
    const doc = await usage(['verify', '--index', 'movies'], { ...ENV, [name]: ' \t ' });
    assert.equal(doc.kind, 'config');
    assert.equal(doc.option, name);
    assert.match(doc.error, new RegExp(`^${name}: is only whitespace`));
  }
  const salt = 'Fx7SaltValue0123456789';
  const doc = await usage(['verify', '--index', 'movies', '--query', join(dir, `q-${salt}.json`)], { ...ENV, OPENSEARCH_MASKING_SALT: salt });
  assert.match(doc.error, /ENOENT/);
  assert.ok(!doc.error.includes(salt), doc.error);
});

test('empty admin variables are unset: no admin principal, or the caller\'s URL for an empty OPENSEARCH_ADMIN_URL', async () => {
  const none = await usage(['compare', '--index', 'movies'], { ...ENV, OPENSEARCH_ADMIN_USERNAME: '', OPENSEARCH_ADMIN_PASSWORD: '' });
  assert.equal(none.kind, 'usage');
  assert.match(none.error, /^compare needs an admin principal/);
  // the admin falls back to the caller's URL; port 9 answers nothing, so the run fails to connect: no configuration error
  const r = await runCli(['explain', '--action', 'indices:data/read/search', '--json'], { ...ENV, OPENSEARCH_ADMIN_URL: '', OPENSEARCH_ADMIN_AUTH: 'basic', OPENSEARCH_ADMIN_USERNAME: 'admin', OPENSEARCH_ADMIN_PASSWORD: `${PASSWORD}-admin` });
  const doc = JSON.parse(r.stdout) as Doc;
  assert.notEqual(doc.kind, 'config', doc.error);
  assert.ok(!doc.error.includes('OPENSEARCH_ADMIN_URL'), doc.error);
});

test('the admin\'s AWS keys: one of the pair alone, keys beside another auth mode, a padded value: a configuration error naming the variable (it signed as the caller)', async () => {
  const iam = { ...ENV, AWS_REGION: 'us-east-1', OPENSEARCH_ADMIN_AUTH: 'iam' };
  const secret = 'Fx7AdminSecretKey/0123456789abcdefghij';
  const cases: Array<[NodeJS.ProcessEnv, string, RegExp]> = [
    [{ ...iam, AWS_ADMIN_ACCESS_KEY_ID: 'AKIAFX7EXAMPLE000001' }, 'AWS_ADMIN_SECRET_ACCESS_KEY', /is not set \(the admin's keys are a pair/],
    [{ ...iam, AWS_ADMIN_SECRET_ACCESS_KEY: secret }, 'AWS_ADMIN_ACCESS_KEY_ID', /is not set/],
    [{ ...iam, AWS_ADMIN_SESSION_TOKEN: `${secret}-token` }, 'AWS_ADMIN_ACCESS_KEY_ID', /is not set/],
    [{ ...iam, AWS_ADMIN_ACCESS_KEY_ID: 'AKIAFX7EXAMPLE000001', AWS_ADMIN_SECRET_ACCESS_KEY: `${secret} ` }, 'AWS_ADMIN_SECRET_ACCESS_KEY', /whitespace around it or a control character/],
    [{ ...ENV, OPENSEARCH_ADMIN_AUTH: 'basic', OPENSEARCH_ADMIN_USERNAME: 'admin', OPENSEARCH_ADMIN_PASSWORD: `${PASSWORD}-admin`, AWS_ADMIN_ACCESS_KEY_ID: 'AKIAFX7EXAMPLE000001', AWS_ADMIN_SECRET_ACCESS_KEY: secret }, 'AWS_ADMIN_ACCESS_KEY_ID', /auth mode is basic/],
  ];
  for (const [env, name, reason] of cases) {
    const r = await runCli(['explain', '--action', 'indices:data/read/search', '--json'], env);
    assert.equal(r.code, 2, r.stdout);
    const doc = JSON.parse(r.stdout) as Doc;
    assert.equal(doc.kind, 'config');
    assert.equal(doc.option, name);
    assert.match(doc.error, reason);
    assert.ok(!r.text.includes(secret.slice(0, 20)), 'a key is shown');
  }
});

test('the help shown after an error is the program\'s own text, not redacted ("--update-passwords  also write passwords")', async () => {
  const r = await runCli(['plan', '--bogus'], ENV);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--update-passwords\s+also write passwords of existing users/);
  assert.ok(!r.stderr.includes('[REDACTED]'), r.stderr);
});

// a loopback stub plays the domain for the cases that need answers
let searchAnswer: { status: number; body: unknown } = { status: 200, body: {} };
const server = http.createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0]!;
  const send = (status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (path === '/') return send(200, { version: { number: '2.19.4', distribution: 'opensearch' } });
  if (path === '/_plugins/_security/authinfo') return send(200, { user_name: 'alice', roles: ['fx7-r'], backend_roles: [] });
  if (path.startsWith('/_plugins/_security/api/roles')) return send(200, { 'fx7-r': { index_permissions: [{ index_patterns: ['x'], allowed_actions: ['read'] }] } });
  if (path.startsWith('/_plugins/_security/api/internalusers')) return send(404, { status: 'NOT_FOUND', message: 'not found' });
  if (path.endsWith('/_search')) return send(searchAnswer.status, searchAnswer.body);
  return send(200, {});
});
const url = loopbackUrl(server);
const stubEnv = (): NodeJS.ProcessEnv => ({ ...ENV, OPENSEARCH_URL: url(), OPENSEARCH_ALLOW_INSECURE_HTTP: 'true' });
const HITS = { took: 1, timed_out: false, hits: { total: { value: 1, relation: 'eq' }, hits: [{ _index: 'x', _id: '1', _source: { a: 'b' } }] } };

test('an error answer whose reason says little ("all shards failed") shows its root cause (a --size over max_result_window)', async () => {
  searchAnswer = {
    status: 400,
    body: { error: { root_cause: [{ type: 'illegal_argument_exception', reason: 'Result window is too large, from + size must be less than or equal to: [10000] but was [999999].' }], type: 'search_phase_execution_exception', reason: 'all shards failed' }, status: 400 },
  };
  const r = await runCli(['verify', '--index', 'x', '--size', '999999', '--json'], stubEnv());
  assert.equal(r.code, 1, r.stdout);
  assert.match((JSON.parse(r.stdout) as Doc).error, /^HTTP 400: all shards failed \(Result window is too large, from \+ size must be less than or equal to: \[10000\]/);
});

test('a --roles-file role the library cannot read is a usage error naming --roles-file; a short salt names OPENSEARCH_MASKING_SALT', async () => {
  searchAnswer = { status: 200, body: HITS };
  const roles = file('bad-roles.json', JSON.stringify({ 'fx7-r': { index_permissions: 'x' } }));
  const bad = await usage(['verify', '--index', 'x', '--roles-file', roles], stubEnv());
  assert.equal(bad.kind, 'usage');
  assert.ok(bad.error.startsWith(`--roles-file ${roles}: roles["fx7-r"].index_permissions: must be an array`), bad.error);
  const salt = await usage(['verify', '--index', 'x'], { ...stubEnv(), OPENSEARCH_MASKING_SALT: 'short-salt' });
  assert.equal(salt.kind, 'config');
  assert.equal(salt.option, 'OPENSEARCH_MASKING_SALT');
  assert.match(salt.error, /^OPENSEARCH_MASKING_SALT: must hold at least 16 bytes/);
  assert.ok(!salt.error.includes('short-salt'));
});
