/**
 * One home for the security plugin's REST prefix (security/prefix.ts): the prefixes and their order, the prefix of a
 * distribution and what says a prefix is missing; SecurityApi's transport, checkDomain's probe and checkPermission's
 * reads (src/explain) decide with them, and no file of src/explain spells a prefix itself. Against a
 * loopback stub (transport behaviour only): a cluster that does not route `_plugins/_security` is read below
 * `_opendistro/_security`; a plugin's refusal under `_plugins/_security` settles that prefix (no second try).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@opensearch-project/opensearch';
import * as compat from '../../src/security/compat.js';
import { subjectOf } from '../../src/explain/subject.js';
import { readDnfofContext } from '../../src/explain/dnfof.js';
import { checkPermission } from '../../src/explain/check-permission.js';
import { useRecordingStub, type RecordingStub } from '../support/recording-stub.js';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
let stub!: RecordingStub;
useRecordingStub((s) => { stub = s; });

const AUTHINFO = { user_name: 'alice', backend_roles: ['dev'], roles: ['reader'], custom_attribute_names: [] };
const NO_HANDLER = { status: 400, body: { error: 'no handler found for uri [/_plugins/_security/authinfo] and method [GET]' } };

test('prefix.ts holds the prefixes, their order, the distribution rule and the missing rule; compat.ts follows it', async () => {
  // imported here: on a tree without the module only this test fails
  const c = await import('../../src/security/' + 'prefix.js') as Record<string, unknown>;
  assert.deepEqual(c.SECURITY_API_PREFIXES, ['_plugins/_security', '_opendistro/_security']);
  const prefixesToTry = c.prefixesToTry as (first?: string) => string[];
  assert.deepEqual(prefixesToTry(), ['_plugins/_security', '_opendistro/_security']);
  assert.deepEqual(prefixesToTry('_opendistro/_security'), ['_opendistro/_security', '_plugins/_security']);
  const missing = c.isMissingPrefixStatus as (s: unknown) => boolean;
  assert.deepEqual([400, 404, 405, 401, 403, 500, 200, undefined].map(missing), [true, true, true, false, false, false, false, false]);
  const ofDistribution = c.prefixOfDistribution as (d: string) => string;
  assert.equal(ofDistribution('opensearch'), '_plugins/_security');
  assert.equal(ofDistribution('elasticsearch'), '_opendistro/_security');
  assert.equal(compat.flavourFromRoot({ version: { number: '7.10.2' } }).prefix, '_opendistro/_security');
  assert.equal(compat.flavourFromRoot({ version: { distribution: 'opensearch', number: '2.19.4' } }).prefix, '_plugins/_security');
});

/** A file's code without its comments (a rough cut: block comments and `//` lines). */
const code = (file: string): string => fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

test('no file of src/explain, nor the probe or the transport, spells a security prefix in its code', () => {
  const files = [
    ...fs.readdirSync(path.join(SRC, 'explain')).filter((f) => f.endsWith('.ts')).map((f) => path.join(SRC, 'explain', f)),
    path.join(SRC, 'diagnose', 'probe.ts'),
    path.join(SRC, 'security', 'transport.ts'),
  ];
  const spelling = files.filter((f) => /_(?:plugins|opendistro)\/_security/.test(code(f))).map((f) => path.relative(SRC, f));
  assert.deepEqual(spelling, []);
});

test('a cluster that does not route _plugins/_security: the subject is read from _opendistro/_security/authinfo', async () => {
  stub.reply = (req) => (req.url.startsWith('/_plugins/') ? NO_HANDLER : req.url === '/_opendistro/_security/authinfo' ? { body: AUTHINFO } : { status: 404 });
  const client = new Client({ node: stub.url, maxRetries: 0 });
  try {
    const subject = await subjectOf(client, undefined, undefined);
    assert.equal(subject.name, 'alice');
    assert.deepEqual(subject.roles, ['reader']);
    assert.deepEqual(stub.received.map((r) => r.url), ['/_plugins/_security/authinfo', '/_opendistro/_security/authinfo']);
  } finally {
    await client.close();
  }
});

test('the do_not_fail_on_forbidden flags are read below _opendistro/_security when _plugins/_security is not routed', async () => {
  stub.reply = (req) => (req.url.startsWith('/_plugins/') ? NO_HANDLER
    : req.url === '/_opendistro/_security/api/securityconfig' ? { body: { config: { dynamic: { do_not_fail_on_forbidden: true } } } } : { body: [] });
  const admin = new Client({ node: stub.url, maxRetries: 0 });
  try {
    const read = await readDnfofContext(admin, {}, ['logs']);
    assert.equal(read.doNotFailOnForbidden, true);
  } finally {
    await admin.close();
  }
});

test('a refusal under _plugins/_security is the plugin answering: that prefix is kept, _opendistro/_security never tried', async () => {
  stub.reply = (req) => (req.url.startsWith('/_plugins/_security/') ? { status: 403, body: { status: 'FORBIDDEN', message: 'no permissions' } } : { status: 404 });
  const client = new Client({ node: stub.url, maxRetries: 0 });
  try {
    await assert.rejects(subjectOf(client, undefined, undefined), (e: unknown) => (e as { statusCode?: number }).statusCode === 403);
    assert.deepEqual(stub.received.map((r) => r.url), ['/_plugins/_security/authinfo']);
  } finally {
    await client.close();
  }
});

test('checkPermission (local, roles given): GET / naming Open Distro sends every security read to _opendistro/_security, none to _plugins/_security', async () => {
  stub.reply = (req) => {
    if (req.url === '/') return { body: { version: { number: '7.10.2' } } };
    if (req.url === '/_opendistro/_security/authinfo') return { body: AUTHINFO };
    if (req.url === '/_opendistro/_security/api/actiongroups') return { body: {} };
    if (req.url === '/_opendistro/_security/api/securityconfig') return { body: { config: { dynamic: {} } } };
    if (req.url.startsWith('/_plugins/')) return NO_HANDLER;
    return { body: {} };
  };
  const client = new Client({ node: stub.url, maxRetries: 0 });
  try {
    const roles = { reader: { index_permissions: [{ index_patterns: ['logs*'], allowed_actions: ['read'] }] } };
    const c = await checkPermission(client, { action: 'indices:data/read/search', index: 'logs' }, { mode: 'local', admin: client, roles });
    assert.equal(c.allowed, true);
    const urls = stub.received.map((r) => r.url);
    assert.ok(urls.includes('/_opendistro/_security/authinfo'), urls.join(', '));
    assert.deepEqual(urls.filter((u) => u.includes('_security')).filter((u) => !u.startsWith('/_opendistro/_security/')), [], urls.join(', '));
  } finally {
    await client.close();
  }
});
