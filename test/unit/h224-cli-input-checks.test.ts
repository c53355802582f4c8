/**
 * Review 214's findings on what the CLI reads: a --roles-file role is checked for shape as -f checks one (and a
 * roles-as-code file is read for its `roles` section); OPENSEARCH_MASKING_ALGORITHM must name an algorithm the plugin
 * knows; a YAML key is the text written (`007` is not 7, a list is no key); and explain's request table leaves a body
 * with a key given twice, or a path with `//`, unjudged (the node answers 400 before any privilege check).
 * The CLI cases point at port 9 on loopback: each is refused before anything is sent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli-run.js';
import { loadDesired } from '../../src/cli/commands/desired-file.js';
import { SecretSet } from '../../src/errors/secrets.js';
import { requiredPrivileges } from '../../src/explain/request-actions.js';
import { searchBody } from '../../src/cli/commands/search-body.js';
import { Printer } from '../../src/cli/output.js';
import { SecretSet as Secrets } from '../../src/errors/secrets.js';

const ENV = {
  OPENSEARCH_URL: 'http://127.0.0.1:9', OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'alice', OPENSEARCH_PASSWORD: 'H224-Secret-9x!',
  OPENSEARCH_ADMIN_AUTH: 'basic', OPENSEARCH_ADMIN_USERNAME: 'admin', OPENSEARCH_ADMIN_PASSWORD: 'H224-Admin-7q!',
};
const dir = mkdtempSync(join(tmpdir(), 'h224-'));
const file = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const role = (perm: string): string => `new-role:\n  index_permissions:\n    - index_patterns: ["flights*"]\n      allowed_actions: [read]\n      ${perm}\n`;

interface Doc { ok: boolean; kind?: string; error?: string; option?: string }
async function json(args: string[], env: NodeJS.ProcessEnv = ENV): Promise<{ code: number; doc: Doc }> {
  const r = await runCli([...args, '--json'], env);
  return { code: r.code, doc: JSON.parse(r.stdout) as Doc };
}

test('--roles-file: an unknown key of a role is a usage error naming it and the close key (was dropped silently)', async () => {
  for (const [typo, path, close] of [
    [`dsl: '{"term": {"Carrier": "x"}}'`, 'new-role: index_permissions[0].dsl', 'dls'],
    ['masked_field: [Dest]', 'new-role: index_permissions[0].masked_field', 'masked_fields'],
  ] as const) {
    const { code, doc } = await json(['verify', '--index', 'flights', '--roles-file', file('typo.yaml', role(typo))]);
    assert.equal(code, 2, typo);
    assert.equal(doc.kind, 'usage');
    assert.ok(doc.error?.includes(path) && doc.error.includes(`did you mean ${close}?`), doc.error);
  }
  const top = await json(['verify', '--index', 'flights', '--roles-file', file('ip.yaml', 'new-role:\n  index_permission: []\n')]);
  assert.equal(top.code, 2);
  assert.match(top.doc.error ?? '', /new-role: index_permission: unknown key \(did you mean index_permissions\?\)/);
  const notMapping = await json(['verify', '--index', 'flights', '--roles-file', file('str.yaml', 'new-role: read\n')]);
  assert.equal(notMapping.code, 2);
  assert.match(notMapping.doc.error ?? '', /roles\["new-role"\]/);
});

test('--roles-file: a roles-as-code file is read for its roles section (shape-checked), or named when it has none', async () => {
  const sections = await json(['verify', '--index', 'flights', '--roles-file', file('sec.yaml', `roles:\n  ${role(`dsl: '{}'`).replace(/\n(?=.)/g, '\n  ')}role_mappings: {}\n`)]);
  assert.equal(sections.code, 2);
  assert.match(sections.doc.error ?? '', /new-role: index_permissions\[0\]\.dsl: unknown key/);
  const none = await json(['verify', '--index', 'flights', '--roles-file', file('nosec.yaml', 'role_mappings:\n  new-role: {users: [alice]}\n')]);
  assert.equal(none.code, 2);
  assert.match(none.doc.error ?? '', /is a roles-as-code file \(sections role_mappings\) without a roles section/);
  // a good roles section gets as far as the network (port 9: a connection error, not a usage error)
  const good = await json(['verify', '--index', 'flights', '--roles-file', file('good.yaml', `roles:\n  ${role('fls: ["~FlightNum"]').replace(/\n(?=.)/g, '\n  ')}`)]);
  assert.notEqual(good.doc.kind, 'usage', good.doc.error);
  // a role named like a section, shaped like a role, is a role
  const named = await json(['verify', '--index', 'flights', '--roles-file', file('named.yaml', 'tenants:\n  cluster_permissions: [cluster_monitor]\n')]);
  assert.notEqual(named.doc.kind, 'usage', named.doc.error);
});

test('OPENSEARCH_MASKING_ALGORITHM: an unknown name is a config error naming the variable; known names pass', async () => {
  for (const bad of ['SHA-265', 'xx', 'MD5x']) {
    const { code, doc } = await json(['verify', '--index', 'flights'], { ...ENV, OPENSEARCH_MASKING_SALT: 'salt-h224', OPENSEARCH_MASKING_ALGORITHM: bad });
    assert.equal(code, 2, bad);
    assert.equal(doc.kind, 'config');
    assert.equal(doc.option, 'OPENSEARCH_MASKING_ALGORITHM');
    // the value is not repeated (a salt set in its place would be printed)
    assert.ok(doc.error?.includes('is no masking algorithm') && !doc.error.includes(bad), doc.error);
  }
  for (const good of ['SHA-256', 'sha-1', 'MD5', 'BLAKE2B', 'blake2b_legacy_default']) {
    const { doc } = await json(['verify', '--index', 'flights'], { ...ENV, OPENSEARCH_MASKING_SALT: 'salt-h224', OPENSEARCH_MASKING_ALGORITHM: good });
    assert.notEqual(doc.option, 'OPENSEARCH_MASKING_ALGORITHM', `${good}: ${doc.error}`);
  }
});

test('YAML keys are the text written: 007 stays "007", 0x10 and .NaN are names; a list as a key is refused', () => {
  const desired = loadDesired(file('num.yaml', 'roles:\n  007: {}\n  +1: {}\n  1.50: {}\n  .NaN: {}\n  0x10: {}\n  1e3: {}\n  .inf: {}\n  true: {}\n'), {}, new SecretSet());
  assert.deepEqual(Object.keys(desired.roles ?? {}).sort(), ['+1', '.NaN', '.inf', '007', '0x10', '1.50', '1e3', 'true'].sort());
  assert.throws(() => loadDesired(file('cplx.yaml', 'roles:\n  ? [a, b]\n  : {cluster_permissions: [cluster_monitor]}\n'), {}, new SecretSet()),
    (e: Error) => /cannot be parsed \(a key that is a list or a mapping; a key must be a name\) at line 2, column 5/.test(e.message));
});

test('request table: a key given twice in a body, or a // path, is unknown (the node answers 400 before any check)', () => {
  const cases: Array<[string, string, string | undefined, RegExp]> = [
    ['POST', '/_bulk', '{"index":{"_index":"flights","_index":"movies"}}\n{"a":1}\n', /"_index" twice/],
    ['POST', '/flights/_search', '{"query":{"match_all":{}},"query":{"match_none":{}}}', /"query" twice/],
    ['POST', '/_msearch', '{"index":"movies","index":"flights"}\n{}\n', /"index" twice/],
    ['POST', '/_mget', '{"docs":[{"_index":"a","_index":"b","_id":"1"}]}', /"_index" twice/],
    ['GET', '//flights/_search', undefined, /empty segment/],
    ['GET', '/flights//_search?q=x', undefined, /empty segment/],
  ];
  for (const [method, path, body, reason] of cases) {
    const r = requiredPrivileges({ method, path, ...(body !== undefined ? { body } : {}) });
    assert.equal(r.known, false, `${method} ${path}`);
    assert.match((r as { reason: string }).reason, reason);
  }
  // the same bodies without the repeated key are judged as before
  assert.equal(requiredPrivileges({ method: 'POST', path: '/_bulk', body: '{"index":{"_index":"flights"}}\n{"a":1}\n' }).known, true);
  assert.equal(requiredPrivileges({ method: 'POST', path: '/flights/_search', body: '{"query":{"match_all":{}}}' }).known, true);
  assert.equal(requiredPrivileges({ method: 'POST', path: '/_msearch', body: '{"index":"flights"}\n{}\n' }).known, true);
  // the same key in two objects is no repetition
  assert.equal(requiredPrivileges({ method: 'POST', path: '/flights/_doc/1', body: '{"a":{"b":1},"c":{"b":2}}' }).known, true);
});

test('--query: any top-level key of a search body makes the file a whole body (a _source-only body was sent as a query)', () => {
  for (const body of [{ _source: ['Origin'] }, { aggregations: { a: { terms: { field: 'Carrier' } } } }, { post_filter: { match_all: {} } }, { sort: ['_doc'] }, { track_total_hits: true }]) {
    assert.deepEqual(searchBody(file('q.json', JSON.stringify(body)), 5), { size: 5, ...body });
  }
  // a query stays a query
  assert.deepEqual(searchBody(file('q.json', '{"term":{"Carrier":"x"}}'), 5), { size: 5, query: { term: { Carrier: 'x' } } });
});

test('an iam admin without a region is told to set OPENSEARCH_ADMIN_REGION (was the caller\'s OPENSEARCH_REGION)', async () => {
  const env = {
    OPENSEARCH_URL: 'https://127.0.0.1:9', OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'alice', OPENSEARCH_PASSWORD: 'H224-Secret-9x!',
    OPENSEARCH_ADMIN_AUTH: 'iam', AWS_ADMIN_ACCESS_KEY_ID: 'AKIAH224EXAMPLE', AWS_ADMIN_SECRET_ACCESS_KEY: 'h224-secret-key-example',
  };
  const { code, doc } = await json(['explain', '--action', 'x'], env);
  assert.equal(code, 2);
  assert.match(doc.error ?? '', /set OPENSEARCH_ADMIN_REGION \(/);
  assert.doesNotMatch(doc.error ?? '', /OPENSEARCH_REGION\b/);
  // the caller's URL was used: its variable is named as it is
  assert.match(doc.error ?? '', /the OPENSEARCH_URL host/);
});

test('help nosuch says "unknown command" after the help; --json alone says no command was given', async () => {
  const help = await runCli(['help', 'nosuch'], ENV);
  assert.equal(help.code, 2);
  assert.match(help.stderr, /\nerror: unknown command 'nosuch'\n$/);
  const bare = await json([]);
  assert.equal(bare.code, 2);
  assert.equal(bare.doc.error, "unknown option '--json' without a command: no command given (see --help)");
  // the help without a command stays as it was: help alone
  const none = await runCli([], ENV);
  assert.doesNotMatch(none.stderr, /^error:/m);
});

test('NO_COLOR counts only when not empty (no-color.org)', () => {
  const tty = { isTTY: true } as unknown as NodeJS.WriteStream;
  const paint = (env: NodeJS.ProcessEnv): string => new Printer({ json: false, secrets: new Secrets(), stream: tty, env }).paint('red', 'x');
  assert.notEqual(paint({ NO_COLOR: '' }), 'x');
  assert.equal(paint({ NO_COLOR: '1' }), 'x');
  assert.notEqual(paint({}), 'x');
});
