/**
 * Two rules of the CLI under mistaken input. Under --json stdout holds one JSON document and stderr nothing, whatever
 * went wrong (commander's own errors and the help after them too), and help asked for is JSON as well. A value given
 * both as a flag and in a file (`--size` and a `--query` file's `size`) is refused naming both, never settled silently.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli-run.js';
import { loopbackUrl } from '../support/loopback-client.js';

const PASSWORD = 'Json-Only-Secret-3k!';
// port 9 (discard) on loopback: nothing listens, and the cases using it never get as far as sending
const ENV = { OPENSEARCH_URL: 'http://127.0.0.1:9', OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'alice', OPENSEARCH_PASSWORD: PASSWORD };
const ADMIN = { OPENSEARCH_ADMIN_AUTH: 'basic', OPENSEARCH_ADMIN_USERNAME: 'admin', OPENSEARCH_ADMIN_PASSWORD: 'Json-Only-Admin-9z!' };
const dir = mkdtempSync(join(tmpdir(), 'cli-json-files-'));
const file = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

interface Doc { ok: boolean; kind?: string; error?: string; help?: { usage: string; description: string; options: Array<{ flags: string; description: string; required?: boolean; default?: unknown }>; commands?: Array<{ command: string }> } }

/** Runs with `args`; asserts nothing on stderr and exactly one JSON document on stdout, which it returns with the code. */
async function jsonOnly(args: string[], env: NodeJS.ProcessEnv = ENV): Promise<{ code: number; doc: Doc }> {
  const r = await runCli(args, env);
  assert.equal(r.stderr, '', `${args.join(' ')}: stderr holds ${JSON.stringify(r.stderr.slice(0, 300))}`);
  let doc: Doc;
  try {
    doc = JSON.parse(r.stdout) as Doc;
  } catch {
    assert.fail(`${args.join(' ')}: stdout is not one JSON document: ${JSON.stringify(r.stdout.slice(0, 300))}`);
  }
  assert.ok(!r.text.includes(PASSWORD));
  return { code: r.code, doc };
}

const COMMANDS = ['whoami', 'check', 'explain', 'verify', 'compare', 'plan', 'apply'];
/** What each command needs so that the mistake under test is the one reported (required options are checked first). */
const NEEDS: Record<string, string[]> = { verify: ['--index', 'movies'], compare: ['--index', 'movies'], plan: ['-f', 'x.yaml'], apply: ['-f', 'x.yaml'] };

test('--json: every error of the parser is one JSON document on stdout (exit 2), nothing on stderr: neither its text nor the help after it', async () => {
  const cases: Array<[string[], RegExp]> = [
    ...COMMANDS.map((c): [string[], RegExp] => [[c, ...(NEEDS[c] ?? []), '--bogus', '--json'], /^unknown option '--bogus'/]),
    ...COMMANDS.map((c): [string[], RegExp] => [[c, ...(NEEDS[c] ?? []), 'extra', '--json'], /too many arguments/]),
    [['verify', '--json'], /required option '--index <index>' not specified/],
    [['compare', '--json'], /required option '--index <index>' not specified/],
    [['plan', '--json'], /required option '-f, --file <file>' not specified/],
    [['apply', '--yes', '--json'], /required option '-f, --file <file>' not specified/],
    [['verify', '--index', 'movies', '--size', 'x', '--json'], /--size <n>' argument 'x' is invalid\. must be a whole number/],
    [['compare', '--index', 'movies', '--size', '0', '--json'], /--size <n>' argument '0' is invalid/],
    [['explain', '--json', '--action'], /option '--action <action>' argument missing/],
    [['explain', '--action', 'a', '--action', 'b', '--json'], /is given more than once/],
    [['bogus', '--json'], /^unknown command 'bogus'/],
    [['help', 'bogus', '--json'], /^unknown command 'bogus'/],
    [['--json'], /^unknown option '--json'/],
  ];
  for (const [args, message] of cases) {
    const { code, doc } = await jsonOnly(args);
    assert.equal(code, 2, args.join(' '));
    assert.equal(doc.ok, false, args.join(' '));
    assert.equal(doc.kind, 'usage', args.join(' '));
    assert.match(doc.error ?? '', message, args.join(' '));
  }
  // without --json the same mistakes still print commander's text and the help on stderr
  const human = await runCli(['verify', '--index', 'movies', '--bogus'], ENV);
  assert.equal(human.code, 2);
  assert.equal(human.stdout, '');
  assert.match(human.stderr, /^error: unknown option '--bogus'\n\nUsage: opensearch-fgac verify/);
});

test('--json: help asked for (--help, -h, help, help <command>) is one JSON document, exit 0, listing what the text help lists', async () => {
  for (const command of [undefined, ...COMMANDS]) {
    const text = await runCli([...(command === undefined ? [] : [command]), '--help'], ENV);
    assert.equal(text.code, 0);
    const forms = command === undefined ? [['--help', '--json'], ['help', '--json'], ['--json', '-h']] : [[command, '--help', '--json'], [command, '--json', '-h'], ['help', command, '--json']];
    for (const args of forms) {
      const { code, doc } = await jsonOnly(args);
      assert.equal(code, 0, args.join(' '));
      assert.equal(doc.ok, true);
      const help = doc.help;
      assert.ok(help !== undefined, args.join(' '));
      assert.ok(text.stdout.startsWith(`Usage: ${help.usage}\n`), `${args.join(' ')}: ${help.usage}`);
      for (const o of help.options) {
        assert.ok(text.stdout.includes(o.flags), `${args.join(' ')}: ${o.flags}`);
        // the program's own text, not redacted ("also write passwords" is no secret)
        assert.ok(!o.description.includes('[REDACTED]'), o.description);
      }
      if (command === undefined) assert.deepEqual(help.commands?.map((c) => c.command.split(/[| ]/)[0]), ['whoami', 'explain', 'verify', 'compare', 'plan', 'apply', 'help']);
    }
  }
  const plan = (await jsonOnly(['help', 'plan', '--json'])).doc.help;
  assert.deepEqual(plan?.options.find((o) => o.flags === '-f, --file <file>')?.required, true);
  assert.equal(plan?.options.find((o) => o.flags === '--update-passwords')?.description, 'also write passwords of existing users (hashes cannot be compared)');
});

test('help [command] without --json is help asked for: exit 0 on stdout; no command at all stays a usage error (exit 2)', async () => {
  for (const args of [['help'], ['help', 'explain'], ['help', 'apply']]) {
    const r = await runCli(args, ENV);
    assert.equal(r.code, 0, args.join(' '));
    assert.match(r.stdout, /^Usage: opensearch-fgac /);
    assert.equal(r.stderr, '');
  }
  const none = await runCli([], ENV);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /^Usage: opensearch-fgac /);
  assert.equal((await runCli(['help', 'bogus'], ENV)).code, 2);
});

// a loopback stub plays the domain: the search bodies it receives show which size was sent
const bodies: Array<Record<string, unknown>> = [];
const server = http.createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0]!;
  let data = '';
  req.on('data', (c: Buffer) => (data += c.toString('utf8')));
  req.on('end', () => {
    const send = (body: unknown): void => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (path === '/') return send({ version: { number: '2.19.4', distribution: 'opensearch' } });
    if (path === '/_plugins/_security/authinfo') return send({ user_name: 'alice', roles: ['jf-r'], backend_roles: [] });
    if (path.startsWith('/_plugins/_security/api/roles')) return send({ 'jf-r': { index_permissions: [{ index_patterns: ['x'], allowed_actions: ['read'] }] } });
    if (path.endsWith('/_search')) {
      bodies.push(JSON.parse(data) as Record<string, unknown>);
      return send({ took: 1, timed_out: false, hits: { total: { value: 1, relation: 'eq' }, hits: [{ _index: 'x', _id: '1', _source: { a: 'b' } }] } });
    }
    return send({});
  });
});
const url = loopbackUrl(server);

test('the size sent: --size alone, the file\'s size alone, else 1000; a file without a size takes --size; both given is refused', async () => {
  const env = (): NodeJS.ProcessEnv => ({ ...ENV, OPENSEARCH_URL: url(), OPENSEARCH_ALLOW_INSECURE_HTTP: 'true' });
  const sized = file('sized.json', JSON.stringify({ size: 7, query: { match_all: {} } }));
  const unsized = file('unsized.json', JSON.stringify({ query: { match_all: {} } }));
  const bare = file('bare.yaml', 'term:\n  a: b\n');
  const cases: Array<[string[], number]> = [
    [[], 1000],
    [['--size', '5'], 5],
    [['--query', sized], 7],
    [['--query', unsized], 1000],
    [['--query', unsized, '--size', '9'], 9],
    [['--query', bare, '--size', '4'], 4],
  ];
  for (const [extra, size] of cases) {
    bodies.length = 0;
    const { code, doc } = await jsonOnly(['verify', '--index', 'x', ...extra, '--json'], env());
    assert.equal(code, 0, `${extra.join(' ')}: ${JSON.stringify(doc)}`);
    assert.equal(bodies.length, 1, extra.join(' '));
    assert.equal(bodies[0]!.size, size, extra.join(' '));
  }
  // both: refused before anything is sent (the file's had won, silently), even when they agree
  bodies.length = 0;
  for (const size of ['7', '10']) {
    const { code, doc } = await jsonOnly(['verify', '--index', 'x', '--query', sized, '--size', size, '--json'], env());
    assert.equal(code, 2, JSON.stringify(doc));
    assert.equal(doc.error, `--size ${size} and the size in --query ${sized} (7) both set how many hits to fetch: give one of them`);
  }
  assert.equal(bodies.length, 0);
});

test('--size and a size in the --query file: a usage error naming both (the file had won silently), for verify and compare, before anything is sent', async () => {
  const whole = file('whole.json', JSON.stringify({ size: 3, query: { match_all: {} } }));
  const yaml = file('whole.yaml', 'size: 50\nquery:\n  term:\n    a: b\n');
  for (const command of ['verify', 'compare']) {
    for (const [query, inFile] of [[whole, '3'], [yaml, '50']] as const) {
      for (const size of ['3', '10']) {
        const { code, doc } = await jsonOnly([command, '--index', 'movies', '--query', query, '--size', size, '--json'], { ...ENV, ...ADMIN });
        assert.equal(code, 2, `${command}: ${doc.error}`);
        assert.equal(doc.kind, 'usage');
        assert.equal(doc.error, `--size ${size} and the size in --query ${query} (${inFile}) both set how many hits to fetch: give one of them`);
      }
    }
  }
});

test("a --query file's size follows --size's rule: a whole number from 1 to 999999 (size 0 verified no hit and passed)", async () => {
  for (const [value, shown] of [['0', '0'], ['-1', '-1'], ['1.5', '1.5'], ['"10"', '"10"'], ['1000000', '1000000'], ['null', 'null']] as const) {
    const query = file(`size-${shown.replace(/\W/g, '_')}.json`, `{"size": ${value}, "query": {"match_all": {}}}`);
    for (const command of ['verify', 'compare']) {
      const { code, doc } = await jsonOnly([command, '--index', 'movies', '--query', query, '--json'], { ...ENV, ...ADMIN });
      assert.equal(code, 2, `${value}: ${doc.error}`);
      assert.equal(doc.error, `--query ${query}: size must be a whole number from 1 to 999999 (got ${shown})`);
    }
  }
});
