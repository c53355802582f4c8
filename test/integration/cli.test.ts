/** The real `opensearch-fgac` bin (dist/cli.js, built by `npm test`) run as a subprocess against the local domain. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hasPermissionDryRun } from '../../src/explain/check-permission.js';
import { loadConnection } from '../domain/connection.js';
import { request } from '../domain/http.js';
import { localEnv } from '../support/local-env.js';
import { testPassword } from '../support/test-password.js';
import { CLI_BIN, runCliBin, type CliRun } from '../support/cli-bin.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const master = `${conn.users.master.username}:${conn.users.master.password}`;
const BIN = CLI_BIN;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fgac-cli-'));
const USER_PASSWORD = testPassword('Cli');

/** The admin principal, as OPENSEARCH_ADMIN_* variables (basic, the master user). */
const ADMIN = {
  OPENSEARCH_ADMIN_URL: conn.opensearch.url,
  OPENSEARCH_ADMIN_AUTH: 'basic',
  OPENSEARCH_ADMIN_USERNAME: conn.users.master.username,
  OPENSEARCH_ADMIN_PASSWORD: conn.users.master.password,
};

type Run = CliRun;

const cli = (args: string[], env: Record<string, string>): Promise<Run> => runCliBin(args, env, tmp);

function assertNoSecrets(run: Run, secrets: string[]): void {
  for (const s of secrets) {
    for (const form of [s, Buffer.from(s).toString('base64'), encodeURIComponent(s)]) {
      assert.ok(!run.stdout.includes(form) && !run.stderr.includes(form), 'a secret was printed');
    }
  }
}

before(() => {
  assert.ok(fs.existsSync(BIN), `${BIN} missing: npm test builds it (npm run build)`);
});

after(async () => {
  for (const p of ['rolesmapping/cli-reader', 'roles/cli-reader', 'internalusers/cli-alice', 'rolesmapping/cli-pipe-writer', 'roles/cli-pipe-writer', 'internalusers/cli-pipe-writer']) {
    await request(`${conn.opensearch.url}/_plugins/_security/api/${p}`, { method: 'DELETE', basic: master, ca });
  }
  await request(`${conn.opensearch.url}/cli-pipe`, { method: 'DELETE', basic: master, ca });
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('opensearch-fgac whoami', () => {
  for (const mode of ['basic', 'iam', 'cognito'] as const) {
    test(`${mode}: names the principal and its roles`, async () => {
      const env = localEnv(conn, mode, 'limited');
      const run = await cli(['whoami', '--json'], env);
      assert.equal(run.code, 0, run.stderr);
      const out = JSON.parse(run.stdout) as { ok: boolean; authMode: string; identity: { user: string; roles: string[] } };
      assert.equal(out.ok, true);
      assert.equal(out.authMode, mode);
      assert.equal(out.identity.user, mode === 'basic' ? 'new-user' : conn.iam.limited.arn);
      assert.deepEqual(out.identity.roles, ['new-role']);
      const human = await cli(['whoami'], env);
      assert.equal(human.code, 0);
      assert.match(human.stdout, new RegExp(`user\\s+${(mode === 'basic' ? 'new-user' : conn.iam.limited.arn).replace(/[/:]/g, '.')}`));
      assert.ok(!human.stdout.includes('\u001b['), 'no colour when not a terminal');
      assertNoSecrets(human, Object.entries(env).filter(([k]) => /PASSWORD|SECRET|SESSION_TOKEN/.test(k)).map(([, v]) => v));
    });
  }

  test('wrong password: exit 1 with the diagnosis and its fix, password not printed', async () => {
    const env = { ...localEnv(conn, 'basic', 'limited'), OPENSEARCH_PASSWORD: 'Wrong-Pass-123-xyz' };
    const run = await cli(['check'], env);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /credentials_rejected/);
    assert.match(run.stdout, /fix: /);
    assertNoSecrets(run, ['Wrong-Pass-123-xyz']);
  });
});

describe('opensearch-fgac explain', () => {
  test('the limited user on movies: exit 1, names the missing action and the role that almost grants it', async () => {
    const run = await cli(['explain', '--action', 'indices:data/read/search', '--index', 'movies'], { ...localEnv(conn, 'basic', 'limited'), ...ADMIN });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /MAY NOT perform indices:data\/read\/search on movies/);
    assert.match(run.stdout, /missing: indices:data\/read\/search on movies/);
    assert.match(run.stdout, /near miss: role new-role/);
  });

  test('--user as the admin, iam caller: granted on flights, exit 0, grant path in JSON', async () => {
    const run = await cli(['explain', '--action', 'indices:data/read/search', '--index', 'flights', '--user', 'new-user', '--json'],
      { ...localEnv(conn, 'iam', 'master'), ...ADMIN });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const out = JSON.parse(run.stdout) as { source: string; subject: { roles: string[] }; explanation: { granted: boolean; grants: Array<{ role: string; via: string[] }> } };
    assert.equal(out.source, 'local');
    assert.deepEqual(out.subject.roles, ['new-role']);
    assert.equal(out.explanation.granted, true);
    assert.equal(out.explanation.grants[0]?.role, 'new-role');
  });
});

describe('opensearch-fgac explain --request', () => {
  test('the limited user: a search on movies is refused (exit 1, the missing action named), on flights allowed (exit 0)', async () => {
    const env = { ...localEnv(conn, 'basic', 'limited'), ...ADMIN };
    // 3.2+: the plugin's own dry-run answers; older: the local explanation
    const server = hasPermissionDryRun(conn.opensearch.version);
    const refused = await cli(['explain', '--request', 'GET /movies/_search'], env);
    assert.equal(refused.code, 1, refused.stderr);
    assert.match(refused.stdout, server ? /^REFUSED GET \/movies\/_search \(the server's dry-run/m : /^REFUSED GET \/movies\/_search \(explained locally/m);
    assert.match(refused.stdout, server ? /missing indices:data\/read\/search$/m : /missing indices:data\/read\/search on movies/);
    const allowed = await cli(['explain', '--request', 'GET /flights/_search', '--json'], env);
    assert.equal(allowed.code, 0, allowed.stderr);
    const out = JSON.parse(allowed.stdout) as { source: string; allowed: boolean; pluginVersion: string };
    assert.equal(out.source, server ? 'server' : 'local');
    assert.equal(out.allowed, true);
    assert.equal(out.pluginVersion, conn.opensearch.version);
    // _count's REST handler loses the dry-run's verdict on 3.4: the local answer says why
    const count = await cli(['explain', '--request', 'GET /movies/_count'], env);
    assert.equal(count.code, 1, count.stderr);
    assert.match(count.stdout, /explained locally/);
    if (server) assert.match(count.stdout, /not the server's dry-run: the server evaluated GET \/movies\/_count without executing it/);
    assert.equal((await cli(['explain', '--request', 'search movies'], env)).code, 2);
  });

  test('without admin variables the caller reads the role definitions itself (as explain --action does)', async () => {
    const run = await cli(['explain', '--request', 'GET /movies/_search', '--json'], localEnv(conn, 'basic', 'master'));
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const out = JSON.parse(run.stdout) as { allowed: boolean; source: string };
    assert.equal(out.allowed, true);
    assert.equal(out.source, hasPermissionDryRun(conn.opensearch.version) ? 'server' : 'local');
  });

  test('--body: a bulk body is judged item by item; a write without its body is a usage error where the dry-run needs it', async () => {
    const env = { ...localEnv(conn, 'basic', 'limited'), ...ADMIN };
    const server = hasPermissionDryRun(conn.opensearch.version);
    const file = path.join(tmp, 'bulk.ndjson');
    fs.writeFileSync(file, '{"index":{"_index":"flights"}}\n{"a":1}\n{"update":{"_index":"flights","_id":"1"}}\n{"doc":{"a":2}}\n');
    const bulk = await cli(['explain', '--request', 'POST /_bulk', '--body', file, '--json'], env);
    assert.equal(bulk.code, 1, bulk.stdout + bulk.stderr);
    const out = JSON.parse(bulk.stdout) as { source: string; allowed: boolean; missingPrivileges: string[]; checks: Array<{ action: string }> };
    assert.equal(out.source, server ? 'server' : 'local');
    assert.equal(out.allowed, false);
    // both item actions were read from the body (without it only the bulk action is known)
    const named = server ? out.missingPrivileges.join(' ') : out.checks.map((c) => c.action).join(' ');
    assert.match(named, /indices:data\/write\/index/);
    assert.match(named, /indices:data\/write\/update/);
    const bare = await cli(['explain', '--request', 'PUT /flights/_doc/1'], env);
    if (server) {
      assert.equal(bare.code, 2, bare.stdout + bare.stderr);
      assert.match(bare.stderr, /PUT \/flights\/_doc\/1 needs its body for the server's dry-run: pass --body <file>/);
    } else {
      assert.equal(bare.code, 1, bare.stdout + bare.stderr);
    }
    assert.equal((await cli(['explain', '--action', 'indices:data/read/search', '--body', file], env)).code, 2);
    const missing = await cli(['explain', '--request', 'POST /_bulk', '--body', path.join(tmp, 'no-such-file'), '--json'], env);
    assert.equal(missing.code, 2);
    assert.match(missing.stdout, /--body .*no-such-file: ENOENT/);
  });
  test('--no-ingest-pipelines: a write is judged without reading the index\'s pipelines (the caller says none is set)', async () => {
    const api = (p: string, body: unknown): Promise<{ status: number; text: string }> =>
      request(`${conn.opensearch.url}${p}`, { method: 'PUT', basic: master, ca, body: JSON.stringify(body) });
    // this node has no ingest processors (no ingest-common module): the index names a pipeline that does not exist,
    // which ends the write with 400 after its top-level checks, before its shard-level ones
    await request(`${conn.opensearch.url}/cli-pipe`, { method: 'DELETE', basic: master, ca }); // left by an interrupted run
    for (const [p, body] of [
      ['/cli-pipe', { settings: { number_of_shards: 1, number_of_replicas: 0, 'index.default_pipeline': 'cli-pipe-missing' } }],
      ['/_plugins/_security/api/roles/cli-pipe-writer', { cluster_permissions: ['cluster_composite_ops'], index_permissions: [{ index_patterns: ['cli-pipe*'], allowed_actions: ['write'] }] }],
      ['/_plugins/_security/api/internalusers/cli-pipe-writer', { password: USER_PASSWORD }],
      ['/_plugins/_security/api/rolesmapping/cli-pipe-writer', { users: ['cli-pipe-writer'] }],
    ] as const) {
      const r = await api(p, body);
      assert.ok(r.status === 200 || r.status === 201, `PUT ${p}: ${r.status} ${r.text}`);
    }
    const env = { ...localEnv(conn, 'basic', 'limited'), OPENSEARCH_USERNAME: 'cli-pipe-writer', OPENSEARCH_PASSWORD: USER_PASSWORD, ...ADMIN };
    const file = path.join(tmp, 'doc.json');
    fs.writeFileSync(file, '{"a":1}');
    const args = ['explain', '--request', 'PUT /cli-pipe/_doc/1', '--body', file, '--json'];
    const read = await cli(args, env);
    const assumed = await cli([...args, '--no-ingest-pipelines'], env);
    type Verdict = { source: string; allowed: boolean | null; checks: Array<{ action: string }> };
    const verdict = (run: Run): Verdict => JSON.parse(run.stdout) as Verdict;
    const actions = (run: Run): string[] => verdict(run).checks.map((c) => c.action);
    // 3.2+: the server's dry-run gives the verdict, the checks listed beside it are still read locally
    const source = hasPermissionDryRun(conn.opensearch.version) ? 'server' : 'local';
    assert.equal(read.code, 0, read.stdout + read.stderr);
    assert.equal(verdict(read).source, source);
    // the admin read the missing pipeline: the write stops before bulk[s]
    assert.ok(!actions(read).includes('indices:data/write/bulk[s]'), actions(read).join(' '));
    // told that no pipeline is set, the shard-level checks are judged too
    assert.equal(assumed.code, 0, assumed.stdout + assumed.stderr);
    assert.equal(verdict(assumed).source, source);
    assert.equal(verdict(assumed).allowed, true);
    assert.ok(actions(assumed).includes('indices:data/write/bulk[s]'), actions(assumed).join(' '));
    const human = await cli(args.filter((a) => a !== '--json').concat('--no-ingest-pipelines'), env);
    assert.equal(human.code, assumed.code, human.stdout + human.stderr);
    assert.match(human.stdout, /^ALLOWED PUT \/cli-pipe\/_doc\/1 \((explained locally|the server's dry-run)[^]*bulk\[s\] on cli-pipe/m);
    const alone = await cli(['explain', '--action', 'indices:data/write/index', '--no-ingest-pipelines'], env);
    assert.equal(alone.code, 2, alone.stdout + alone.stderr);
    assert.match(alone.stderr, /--no-ingest-pipelines goes with --request/);
    assertNoSecrets(read, [USER_PASSWORD, conn.users.master.password]);
  });
});

describe('opensearch-fgac verify and compare', () => {
  const env = { ...localEnv(conn, 'cognito', 'limited'), ...ADMIN, OPENSEARCH_MASKING_SALT: conn.salt, OPENSEARCH_MASKING_ALGORITHM: conn.maskingAlgorithm };

  test('verify passes for the limited principal (every mask recomputed)', async () => {
    const run = await cli(['verify', '--index', 'flights', '--json'], env);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const out = JSON.parse(run.stdout) as { status: string; counts: { hits: number; masksRecomputed: number } };
    assert.equal(out.status, 'pass');
    assert.equal(out.counts.hits, 83);
    assert.ok(out.counts.masksRecomputed > 0);
  });

  test('verify fails (exit 1) against roles with a planted extra FLS exclusion', async () => {
    const roles = (await request(`${conn.opensearch.url}/_plugins/_security/api/roles/new-role`, { basic: master, ca })).json<Record<string, { index_permissions: Array<{ fls: string[] }> }>>();
    const role = roles['new-role']!;
    for (const p of role.index_permissions) p.fls = [...p.fls, '~Origin'];
    const file = path.join(tmp, 'planted-roles.json');
    fs.writeFileSync(file, JSON.stringify({ 'new-role': role }));
    const run = await cli(['verify', '--index', 'flights', '--roles-file', file], env);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /^VIOLATION new-user|^VIOLATION arn:/m);
    assert.match(run.stdout, /fls-leak flights\/flight-\d+ Origin/);
  });

  test("verify --roles-file that does not grant the index: every hit a violation; one that defines none of the caller's roles: exit 2", async () => {
    const roles = (await request(`${conn.opensearch.url}/_plugins/_security/api/roles/new-role`, { basic: master, ca })).json<Record<string, { index_permissions: Array<{ index_patterns: string[] }> }>>();
    const role = roles['new-role']!;
    const elsewhere = path.join(tmp, 'elsewhere-roles.json');
    fs.writeFileSync(elsewhere, JSON.stringify({ 'new-role': { ...role, index_permissions: role.index_permissions.map((p) => ({ ...p, index_patterns: ['movies*'] })) } }));
    const run = await cli(['verify', '--index', 'flights', '--roles-file', elsewhere, '--json'], env);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    const out = JSON.parse(run.stdout) as { status: string; counts: { hits: number; dlsViolations: number }; warnings: string[] };
    assert.equal(out.status, 'violation');
    assert.equal(out.counts.dlsViolations, out.counts.hits);
    assert.ok(out.counts.hits > 0);
    assert.match(out.warnings.join('\n'), /no role of the caller covers flights/);
    for (const [name, content] of [['other-role', { 'other-role': role }], ['empty', {}], ['case', { 'NEW-ROLE': role }]] as const) {
      const file = path.join(tmp, `roles-${name}.json`);
      fs.writeFileSync(file, JSON.stringify(content));
      const refused = await cli(['verify', '--index', 'flights', '--roles-file', file, '--json'], env);
      assert.equal(refused.code, 2, `${name}: ${refused.stdout}`);
      assert.match((JSON.parse(refused.stdout) as { error: string }).error, /defines none of the caller's roles \(new-role\)/);
    }
  });

  test('verify: a role pattern on an alias of the index covers it, as in the plugin (the aliases are read)', async () => {
    const alias = 'cli-flights-alias';
    await request(`${conn.opensearch.url}/flights/_alias/${alias}`, { method: 'PUT', basic: master, ca });
    try {
      const roles = (await request(`${conn.opensearch.url}/_plugins/_security/api/roles/new-role`, { basic: master, ca })).json<Record<string, { index_permissions: Array<{ index_patterns: string[] }> }>>();
      const role = roles['new-role']!;
      const file = path.join(tmp, 'alias-roles.json');
      fs.writeFileSync(file, JSON.stringify({ 'new-role': { ...role, index_permissions: role.index_permissions.map((p) => ({ ...p, index_patterns: [alias] })) } }));
      const run = await cli(['verify', '--index', 'flights', '--roles-file', file, '--json'], env);
      assert.equal(run.code, 0, run.stdout.slice(0, 800) + run.stderr);
      assert.equal((JSON.parse(run.stdout) as { status: string }).status, 'pass');
      // and its rules are the ones judged: an extra FLS exclusion on the alias pattern is found
      fs.writeFileSync(file, JSON.stringify({ 'new-role': { ...role, index_permissions: role.index_permissions.map((p) => ({ ...p, index_patterns: [alias], fls: [...((p as { fls?: string[] }).fls ?? []), '~Origin'] })) } }));
      const planted = await cli(['verify', '--index', 'flights', '--roles-file', file, '--json'], env);
      assert.equal(planted.code, 1, planted.stdout.slice(0, 800));
      assert.ok((JSON.parse(planted.stdout) as { counts: { flsLeaks: number } }).counts.flsLeaks > 0);
    } finally {
      await request(`${conn.opensearch.url}/flights/_alias/${alias}`, { method: 'DELETE', basic: master, ca });
    }
  });

  test('verify: a role pattern the SDK cannot evaluate (date math) and unknown aliases give unverifiable hits, never a violation or a pass', async () => {
    const roles = (await request(`${conn.opensearch.url}/_plugins/_security/api/roles/new-role`, { basic: master, ca })).json<Record<string, { index_permissions: Array<{ index_patterns: string[] }> }>>();
    const role = roles['new-role']!;
    // a date-math expression with a month name, which the SDK does not reproduce (its static part may match flights)
    const dateMath = path.join(tmp, 'date-math-roles.json');
    fs.writeFileSync(dateMath, JSON.stringify({ 'new-role': { ...role, index_permissions: role.index_permissions.map((p) => ({ ...p, index_patterns: ['<flights{now/d{MMM}}>'] })) } }));
    const dm = await cli(['verify', '--index', 'flights', '--roles-file', dateMath, '--json'], env);
    assert.equal(dm.code, 1, dm.stdout.slice(0, 600) + dm.stderr);
    const dmOut = JSON.parse(dm.stdout) as { status: string; counts: { dlsViolations: number; unverifiable: number }; unverifiable: Array<{ reason: string }> };
    assert.equal(dmOut.status, 'unverifiable');
    assert.equal(dmOut.counts.dlsViolations, 0);
    assert.match(dmOut.unverifiable[0]?.reason ?? '', /date-math/);
    // the real roles plus a permission on another name: without an admin principal the aliases are unknown, so that
    // permission may cover flights through an alias (its DLS would then apply): unverifiable, not PASS
    const extra = path.join(tmp, 'extra-permission-roles.json');
    fs.writeFileSync(extra, JSON.stringify({ 'new-role': { ...role, index_permissions: [...role.index_permissions, { index_patterns: ['cli-some-alias'], allowed_actions: ['read'], dls: '{"match_none":{}}' }] } }));
    const noAdmin = { ...localEnv(conn, 'cognito', 'limited'), OPENSEARCH_MASKING_SALT: conn.salt, OPENSEARCH_MASKING_ALGORITHM: conn.maskingAlgorithm };
    const unknown = await cli(['verify', '--index', 'flights', '--roles-file', extra, '--json'], noAdmin);
    assert.equal(unknown.code, 1, unknown.stdout.slice(0, 600) + unknown.stderr);
    const unknownOut = JSON.parse(unknown.stdout) as { status: string; warnings: string[] };
    assert.equal(unknownOut.status, 'unverifiable');
    assert.match(unknownOut.warnings.join('\n'), /which grants apply to flights is unknown/);
    // with the admin principal the aliases are known: no alias named so covers flights, and the hits pass
    const known = await cli(['verify', '--index', 'flights', '--roles-file', extra, '--json'], env);
    assert.equal(known.code, 0, known.stdout.slice(0, 600) + known.stderr);
  });

  test('verify: a pattern with ${attr.internal.x} is read with the attribute values the admin principal reads', async () => {
    const password = testPassword('Attr');
    const put = (p: string, body: unknown) => request(`${conn.opensearch.url}/_plugins/_security/api/${p}`, { method: 'PUT', basic: master, ca, body: JSON.stringify(body) });
    await put('roles/cli-attr-role', { index_permissions: [{ index_patterns: ['${attr.internal.team}'], allowed_actions: ['read'], fls: ['~Origin'] }] });
    await put('internalusers/cli-attr-user', { password, attributes: { team: 'flights' } });
    await put('rolesmapping/cli-attr-role', { users: ['cli-attr-user'] });
    try {
      const caller = { ...localEnv(conn, 'basic', 'limited'), OPENSEARCH_USERNAME: 'cli-attr-user', OPENSEARCH_PASSWORD: password };
      const run = await cli(['verify', '--index', 'flights', '--json'], { ...caller, ...ADMIN });
      assert.equal(run.code, 0, run.stdout.slice(0, 800) + run.stderr);
      const out = JSON.parse(run.stdout) as { status: string; counts: { hits: number } };
      assert.equal(out.status, 'pass');
      assert.equal(out.counts.hits, conn.indices.flights > 1000 ? 1000 : conn.indices.flights);
      assertNoSecrets(run, [password]);
    } finally {
      for (const p of ['rolesmapping/cli-attr-role', 'internalusers/cli-attr-user', 'roles/cli-attr-role']) {
        await request(`${conn.opensearch.url}/_plugins/_security/api/${p}`, { method: 'DELETE', basic: master, ca });
      }
    }
  });

  test('verify --query with a body that filters _source: what it left out is never a DLS violation', async () => {
    for (const [name, body] of [['only-price', { _source: ['AvgTicketPrice'], query: { match_all: {} } }], ['no-source', { _source: false, query: { match_all: {} } }]] as const) {
      const file = path.join(tmp, `${name}.json`);
      fs.writeFileSync(file, JSON.stringify(body));
      // basic, and without the salt no admin copies are read: the DLS is judged on what the caller's search returned
      const run = await cli(['verify', '--index', 'flights', '--query', file, '--json'], { ...localEnv(conn, 'basic', 'limited'), ...ADMIN });
      const out = JSON.parse(run.stdout) as { status: string; counts: { hits: number; dlsViolations: number; unverifiable: number } };
      assert.equal(out.counts.hits, 83, name);
      assert.equal(out.counts.dlsViolations, 0, `${name}: ${run.stdout.slice(0, 600)}`);
      assert.equal(out.status, 'unverifiable', `${name}: FlightDelay (the DLS field) was left out by the request`);
    }
  });

  test('explain --user of a user that does not exist is a usage error (exit 2), not a verdict', async () => {
    const run = await cli(['explain', '--action', 'indices:data/read/search', '--index', 'flights', '--user', 'no-such-user-xyz'], env);
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.match(run.stderr, /no internal user of that name/);
  });

  test('compare: the tutorial numbers (157 missing, FlightNum hidden, Dest masked)', async () => {
    const run = await cli(['compare', '--index', 'flights', '--json'], env);
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout) as { totals: { missing: number; hiddenFields: Record<string, number>; maskedFields: Record<string, number> } };
    assert.equal(out.totals.missing, conn.indices.flights - 83);
    assert.equal(out.totals.hiddenFields.FlightNum, 83);
    assert.equal(out.totals.maskedFields.Dest, 83);
  });

  test("--query file's size alone is used; --size beside it is refused naming both; under --json nothing reaches stderr", async () => {
    const file = path.join(tmp, 'sized.json');
    fs.writeFileSync(file, JSON.stringify({ size: 5, query: { match_all: {} } }));
    const alone = await cli(['verify', '--index', 'flights', '--query', file, '--json'], env);
    assert.equal(alone.code, 0, alone.stdout + alone.stderr);
    assert.equal((JSON.parse(alone.stdout) as { counts: { hits: number } }).counts.hits, 5);
    for (const command of ['verify', 'compare']) {
      const both = await cli([command, '--index', 'flights', '--query', file, '--size', '100', '--json'], env);
      assert.equal(both.code, 2, `${command}: ${both.stdout}`);
      assert.equal(both.stderr, '');
      assert.equal((JSON.parse(both.stdout) as { error: string }).error, `--size 100 and the size in --query ${file} (5) both set how many hits to fetch: give one of them`);
    }
    // a mistake the parser finds: its text and the help after it are not written under --json
    const parser = await cli(['verify', '--index', 'flights', '--size', 'x', '--json'], env);
    assert.equal(parser.code, 2);
    assert.equal(parser.stderr, '');
    assert.equal((JSON.parse(parser.stdout) as { kind: string }).kind, 'usage');
  });
});

describe('opensearch-fgac plan / apply', () => {
  const file = path.join(tmp, 'security.yaml');
  const env = { ...localEnv(conn, 'basic', 'master'), CLI_ALICE_PASSWORD: USER_PASSWORD };

  test('plan shows the changes, apply --yes converges, a second plan is empty; the password is never printed', async () => {
    fs.writeFileSync(file, [
      'roles:',
      '  cli-reader:',
      '    index_permissions:',
      '      - index_patterns: ["movies*"]',
      '        allowed_actions: [read]',
      '        fls: ["~Year"]',
      'role_mappings:',
      '  cli-reader:',
      '    users: [cli-alice]',
      'internal_users:',
      '  cli-alice:',
      '    backend_roles: [cli-backend]',
      '    password_env: CLI_ALICE_PASSWORD',
      '',
    ].join('\n'));
    const first = await cli(['plan', '-f', file], env);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /\+ cli-reader/);
    assert.match(first.stdout, /\+ cli-alice/);
    assert.match(first.stdout, /Plan: 3 to create/);
    const refused = await cli(['apply', '-f', file], env);
    assert.equal(refused.code, 2, 'no terminal to ask and no --yes');
    const applied = await cli(['apply', '-f', file, '--yes', '--json'], env);
    assert.equal(applied.code, 0, applied.stdout + applied.stderr);
    assert.ok((JSON.parse(applied.stdout) as { applied: unknown[] }).applied.length >= 3);
    const second = await cli(['plan', '-f', file, '--json'], env);
    assert.equal(second.code, 0);
    assert.equal((JSON.parse(second.stdout) as { empty: boolean }).empty, true);
    for (const run of [first, refused, applied, second]) assertNoSecrets(run, [USER_PASSWORD]);
    const alice = await cli(['whoami', '--json'], { ...localEnv(conn, 'basic', 'limited'), OPENSEARCH_USERNAME: 'cli-alice', OPENSEARCH_PASSWORD: USER_PASSWORD });
    assert.deepEqual((JSON.parse(alice.stdout) as { identity: { roles: string[] } }).identity.roles, ['cli-reader']);
  });

  test('a password in the file is refused (exit 2), and so is a missing variable', async () => {
    const bad = path.join(tmp, 'bad.yaml');
    fs.writeFileSync(bad, 'internal_users:\n  cli-bob:\n    password: "Plain-Text-1!"\n');
    const run = await cli(['plan', '-f', bad], env);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /passwords never come from the file/);
    fs.writeFileSync(bad, 'internal_users:\n  cli-bob:\n    password_env: CLI_NOT_SET\n');
    assert.equal((await cli(['plan', '-f', bad], env)).code, 2);
  });
});

describe('opensearch-fgac usage', () => {
  test('--help exits 0 on every command; unknown commands, missing options and bad config exit 2', async () => {
    for (const c of [[], ['whoami'], ['explain'], ['verify'], ['compare'], ['plan'], ['apply']]) {
      const run = await cli([...c, '--help'], {});
      assert.equal(run.code, 0, c.join(' '));
      assert.match(run.stdout, /Usage: opensearch-fgac/);
    }
    assert.equal((await cli(['bogus'], {})).code, 2);
    assert.equal((await cli(['explain'], localEnv(conn, 'basic', 'limited'))).code, 2);
    assert.equal((await cli(['verify', '--index', 'flights', '--size', '0x10'], localEnv(conn, 'basic', 'limited'))).code, 2);
    const badEnv = await cli(['whoami', '--json'], { ...localEnv(conn, 'basic', 'limited'), OPENSEARCH_AUTH: 'kerberos' });
    assert.equal(badEnv.code, 2);
    assert.equal((JSON.parse(badEnv.stdout) as { kind: string }).kind, 'config');
  });
});
