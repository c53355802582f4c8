/**
 * Review 214's findings, run as a user runs the CLI (main, in this process) against the local domain: a --roles-file
 * typo no longer passes a verify, a roles-as-code file's roles section verifies, an unknown masking algorithm is
 * refused (a known one is used: SHA-1 is not the node's mask), and explain leaves unjudged what the node itself
 * refuses before any privilege check (a key given twice in a body, a path with `//`). Nothing is written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConnection } from '../domain/connection.js';
import { request } from '../domain/http.js';
import { localEnv } from '../support/local-env.js';
import { runCli } from '../support/cli-run.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
// security 3.2+ answers explain --request with its own dry-run (perform_permission_check): the node's 400 is the answer
const DRY_RUN = (() => {
  const [major = 0, minor = 0] = conn.opensearch.version.split('.').map(Number);
  return major > 3 || (major === 3 && minor >= 2);
})();
/** The CLI's answer to a request the node refuses before any check: UNKNOWN locally, the node's own 400 on a dry-run node. */
function refusedBeforeChecks(doc: { allowed?: unknown; reason?: string; ok?: boolean; error?: string }, local: RegExp, node: RegExp): void {
  if (DRY_RUN) {
    assert.equal(doc.ok, false, JSON.stringify(doc));
    assert.match(doc.error ?? '', node);
  } else {
    assert.equal(doc.allowed, null, JSON.stringify(doc));
    assert.match(doc.reason ?? '', local);
  }
}
const limited = `${conn.users.limited.username}:${conn.users.limited.password}`;
const ENV = {
  ...localEnv(conn, 'basic', 'limited'),
  OPENSEARCH_ADMIN_AUTH: 'basic', OPENSEARCH_ADMIN_USERNAME: conn.users.master.username, OPENSEARCH_ADMIN_PASSWORD: conn.users.master.password,
};
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h224-live-'));
const file = (name: string, content: string): string => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};
// new-role as the local domain defines it (flights*: read, FLS ~FlightNum, Dest masked), as its own role file
const NEW_ROLE = 'new-role:\n  index_permissions:\n    - index_patterns: ["flights*"]\n      allowed_actions: [read]\n      masked_fields: [Dest]\n      fls: ["~FlightNum"]\n';

interface Doc { principal?: string; ok?: boolean; kind?: string; error?: string; option?: string; status?: string; allowed?: boolean | null; reason?: string; counts?: { wrongMasks: number; hits: number } }
async function json(args: string[], env: Record<string, string> = ENV): Promise<{ code: number; doc: Doc }> {
  const r = await runCli([...args, '--json'], env);
  return { code: r.code, doc: JSON.parse(r.stdout) as Doc };
}

test('verify --roles-file: the role verifies; with `dsl` for `dls` it is a usage error (was PASS, exit 0)', async () => {
  const good = await json(['verify', '--index', 'flights', '--roles-file', file('good.yaml', NEW_ROLE)]);
  assert.equal(good.code, 0, good.doc.error);
  assert.equal(good.doc.status, 'pass');
  const typo = await json(['verify', '--index', 'flights', '--roles-file', file('dsl.yaml', `${NEW_ROLE}      dsl: '{"term": {"Carrier": "NoSuchCarrier"}}'\n`)]);
  assert.equal(typo.code, 2, JSON.stringify(typo.doc));
  assert.match(typo.doc.error ?? '', /new-role: index_permissions\[0\]\.dsl: unknown key \(did you mean dls\?\)/);
  // the same DLS under its right key: every hit is outside it, which verify cannot judge without the field's mapping
  const dls = await json(['verify', '--index', 'flights', '--roles-file', file('dls.yaml', `${NEW_ROLE}      dls: '{"term": {"Carrier": "NoSuchCarrier"}}'\n`)]);
  assert.notEqual(dls.doc.status, 'pass');
});

test('verify --roles-file with a roles-as-code file (roles: section) verifies its roles (was "defines none of the caller\'s roles")', async () => {
  const indented = NEW_ROLE.replace(/^/gm, '  ');
  const run = await json(['verify', '--index', 'flights', '--roles-file', file('sections.yaml', `roles:\n${indented}role_mappings: {}\n`)]);
  assert.equal(run.code, 0, run.doc.error);
  assert.equal(run.doc.status, 'pass');
});

test('OPENSEARCH_MASKING_ALGORITHM: SHA-265 is refused naming the variable (was a pass recomputing no mask); SHA-1 is used', async () => {
  const salted = { ...ENV, OPENSEARCH_MASKING_SALT: 'e1ukloTsQlOgPquJ' };
  const typo = await json(['verify', '--index', 'flights'], { ...salted, OPENSEARCH_MASKING_ALGORITHM: 'SHA-265' });
  assert.equal(typo.code, 2);
  assert.equal(typo.doc.option, 'OPENSEARCH_MASKING_ALGORITHM');
  // a real digest that is not the node's setting: every mask is recomputed and differs from what the node sent
  const wrong = await json(['verify', '--index', 'flights'], { ...salted, OPENSEARCH_MASKING_ALGORITHM: 'SHA-1' });
  assert.equal(wrong.code, 1);
  assert.ok((wrong.doc.counts?.wrongMasks ?? 0) > 0 && wrong.doc.counts?.wrongMasks === wrong.doc.counts?.hits, JSON.stringify(wrong.doc.counts));
});

test('explain --request: a body with a key given twice is unknown, and the node answers 400 to it before any check', async () => {
  const body = '{"query":{"match_all":{}},"query":{"match_none":{}}}';
  const run = await json(['explain', '--request', 'POST /flights/_search', '--body', file('sdup.json', body)]);
  refusedBeforeChecks(run.doc, /"query" twice/, /Duplicate field 'query'/);
  const node = await request(`${conn.opensearch.url}/flights/_search?size=0`, { method: 'POST', body, basic: limited, ca });
  assert.equal(node.status, 400);
  assert.match(node.text, /json_parse_exception.*Duplicate field 'query'/);
  // the bulk line of review 214: judged on `movies` before; the node refuses the line as JSON
  const bulk = '{"index":{"_index":"flights","_index":"movies"}}\n{"a":1}\n';
  const b = await json(['explain', '--request', 'POST /_bulk', '--body', file('bulk.ndjson', bulk)]);
  refusedBeforeChecks(b.doc, /"_index" twice/, /Duplicate field '_index'/);
});

test('explain --request GET //flights/_search is unknown (was ALLOWED); the node answers 400 no handler', async () => {
  const run = await json(['explain', '--request', 'GET //flights/_search']);
  refusedBeforeChecks(run.doc, /empty segment/, /no handler found/);
  const node = await request(`${conn.opensearch.url}//flights/_search`, { basic: limited, ca });
  assert.equal(node.status, 400);
  assert.match(node.text, /no handler found/);
});

test('verify --query {"_source": [...]}: a whole search body, searched as sent (was sent as a query: HTTP 400)', async () => {
  const run = await json(['verify', '--index', 'flights', '--query', file('src.json', '{"_source":["Origin"]}')]);
  assert.notEqual(run.code, 2, JSON.stringify(run.doc));
  assert.ok(run.doc.status === 'pass' || run.doc.status === 'unverifiable', JSON.stringify(run.doc).slice(0, 300));
  assert.equal(run.doc.counts?.hits, 83);
});

test('a wrong admin password is named as the admin principal\'s (was worded as the caller\'s); the caller\'s as the caller\'s', async () => {
  for (const args of [['explain', '--action', 'indices:data/read/search', '--index', 'flights'], ['verify', '--index', 'flights']]) {
    const admin = await json(args, { ...ENV, OPENSEARCH_ADMIN_PASSWORD: 'Wrong-Admin-h224-1!' });
    assert.equal(admin.code, 1);
    assert.equal(admin.doc.principal, 'admin', JSON.stringify(admin.doc));
    assert.match(admin.doc.error ?? '', /^admin principal \(OPENSEARCH_ADMIN_\*\): Authentication failed/);
    const caller = await json(args, { ...ENV, OPENSEARCH_PASSWORD: 'Wrong-Caller-h224-1!' });
    assert.equal(caller.doc.principal, 'caller', JSON.stringify(caller.doc));
    assert.match(caller.doc.error ?? '', /^Authentication failed/);
  }
});

test('without admin variables, the caller refused the security REST API is told to set OPENSEARCH_ADMIN_* or --roles-file', async () => {
  const env = Object.fromEntries(Object.entries(ENV).filter(([k]) => !k.startsWith('OPENSEARCH_ADMIN_')));
  for (const args of [['explain', '--action', 'indices:data/read/search', '--index', 'flights'], ['verify', '--index', 'flights']]) {
    const run = await json(args, env);
    assert.equal(run.code, 1);
    assert.match(run.doc.error ?? '', /No permission to access REST API.*set OPENSEARCH_ADMIN_\* for one; verify can take --roles-file instead/);
  }
});

test('explain --json carries `ok` as verify does: true exactly when it exits 0', async () => {
  const granted = await json(['explain', '--action', 'indices:data/read/search', '--index', 'flights']);
  assert.equal(granted.code, 0);
  assert.equal(granted.doc.ok, true);
  const refused = await json(['explain', '--action', 'indices:data/write/index', '--index', 'flights']);
  assert.equal(refused.code, 1);
  assert.equal(refused.doc.ok, false);
  const request = await json(['explain', '--request', 'GET /flights/_search']);
  assert.equal(request.code, 0);
  assert.equal(request.doc.ok, true);
});
