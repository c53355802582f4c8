/**
 * The CLI's verify reads each hit index's mapping (GET <index>) and judges DLS clauses on numbers by it (without it a
 * number's readings disagree and the hit is unverifiable); a mapping it cannot read leaves a warning. A --roles-file in
 * the plugin's roles.yml form (`_meta` section) is read. The stub stands for the node's answers only; the DLS verdict is
 * the SDK's own local evaluation.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../support/cli-run.js';
import { startRecordingStub, type RecordingStub } from '../support/recording-stub.js';

let stub: RecordingStub;
let mappingStatus = 200;
before(async () => {
  stub = await startRecordingStub();
  stub.reply = (req) => {
    const path = req.url.split('?')[0] ?? '';
    if (path === '/') return { body: { name: 'n', cluster_name: 'c', version: { distribution: 'opensearch', number: '2.19.4' }, tagline: 'The OpenSearch Project: https://opensearch.org/' } };
    if (path.includes('authinfo')) return { body: { user: 'User [name=u, backend_roles=[], requestedTenant=null]', user_name: 'u', backend_roles: [], custom_attribute_names: [], roles: ['r'], tenants: { u: true } } };
    if (path.endsWith('/_search')) return { body: { took: 1, timed_out: false, _shards: { total: 1, successful: 1, skipped: 0, failed: 0 }, hits: { total: { value: 1, relation: 'eq' }, hits: [{ _index: 'lo61', _id: '1', _source: { level: 5 } }] } } };
    if (path === '/lo61') {
      if (mappingStatus !== 200) return { status: mappingStatus, body: { error: { root_cause: [{ type: 'security_exception', reason: 'no permissions for [indices:admin/get] and User [name=u, backend_roles=[], requestedTenant=null]' }], type: 'security_exception', reason: 'no permissions for [indices:admin/get] and User [name=u, backend_roles=[], requestedTenant=null]' }, status: 403 } };
      return { body: { lo61: { aliases: {}, mappings: { properties: { level: { type: 'long' } } }, settings: { index: { number_of_shards: '1' } } } } };
    }
    return { status: 404, body: { error: { root_cause: [{ type: 'x', reason: 'no route' }], type: 'x', reason: 'no route' }, status: 404 } };
  };
});
after(() => stub.close());

const dir = mkdtempSync(join(tmpdir(), 'lo61-cli-'));
const rolesFile = (name: string, text: string): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
const ROLE = 'r:\n  index_permissions:\n    - index_patterns: ["lo61"]\n      allowed_actions: ["read"]\n      dls: \'{"term":{"level":5}}\'\n';
const env = (): NodeJS.ProcessEnv => ({ OPENSEARCH_URL: stub.url, OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'u', OPENSEARCH_PASSWORD: 'lo61-Pw-1x' });

test('verify passes a numeric DLS clause judged by the index mapping it read', async () => {
  mappingStatus = 200;
  const run = await runCli(['verify', '--index', 'lo61', '--roles-file', rolesFile('roles.yml', ROLE), '--json'], env());
  const doc = JSON.parse(run.stdout) as { status?: string; warnings?: string[] };
  assert.equal(doc.status, 'pass', run.stdout);
  assert.equal(run.code, 0);
  assert.ok(stub.received.some((r) => r.method === 'GET' && r.url === '/lo61'), 'the mapping was read');
});

test('a mapping that cannot be read: unverifiable, with a warning naming the index', async () => {
  mappingStatus = 403;
  const run = await runCli(['verify', '--index', 'lo61', '--roles-file', rolesFile('roles2.yml', ROLE), '--json'], env());
  const doc = JSON.parse(run.stdout) as { status?: string; warnings?: string[] };
  assert.equal(doc.status, 'unverifiable', run.stdout);
  assert.ok(doc.warnings?.some((w) => /mappings of lo61 could not be read/.test(w)), run.stdout);
});

test('the plugin roles.yml form with a _meta section is read', async () => {
  mappingStatus = 200;
  const run = await runCli(['verify', '--index', 'lo61', '--roles-file', rolesFile('roles3.yml', `_meta:\n  type: "roles"\n  config_version: 2\n${ROLE}`), '--json'], env());
  const doc = JSON.parse(run.stdout) as { status?: string };
  assert.equal(doc.status, 'pass', run.stdout);
});
