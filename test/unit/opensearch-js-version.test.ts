/**
 * Which opensearch-js this test process runs against. `npm test` runs a set of test files twice:
 * once with the 3.x devDependency and once with FGAC_OPENSEARCH_JS=opensearch-js-2 (the 2.x alias
 * devDependency, swapped in by test/support/opensearch-js-alias.mjs). This file is in both sets
 * and proves the swap reached the SDK's own imports, ESM and CommonJS alike.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Client, errors } from '@opensearch-project/opensearch';
import { createClient, SecurityExceptionError } from '../../src/entries/client.js';
import { PROJECT_ROOT } from '../domain/paths.js';

const target = process.env.FGAC_OPENSEARCH_JS ?? '@opensearch-project/opensearch';
const expected = (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'node_modules', target, 'package.json'), 'utf8')) as { version: string }).version;

test(`the SDK's clients are opensearch-js ${expected} (${target})`, () => {
  assert.equal(expected.split('.')[0], process.env.FGAC_OPENSEARCH_JS?.startsWith('opensearch-js-2') === true ? '2' : '3');
  const client = createClient({ node: 'https://localhost:9200', auth: { mode: 'basic', username: 'u', password: 'p' } });
  assert.ok(client instanceof Client);
  const ua = (client.transport as unknown as { headers: Record<string, string> }).headers['user-agent'] ?? '';
  assert.ok(ua.startsWith(`opensearch-js/${expected} `), ua);
  const typed = new SecurityExceptionError({ body: {}, statusCode: 403, headers: {}, meta: {} } as never,
    { actions: [], user: null, requestedTenant: null, roles: [], indices: null, reason: '' } as never);
  assert.ok(typed instanceof errors.ResponseError);
});

test('require() of opensearch-js resolves the same copy as import', () => {
  const required = createRequire(import.meta.url)('@opensearch-project/opensearch') as { Client: unknown };
  assert.equal(required.Client, Client);
});
