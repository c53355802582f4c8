/**
 * h192: every reader of a request's query string in src reads it as the node does (fgac/query-params.ts nodeQuery: `&` and
 * `;` separate, `+` is a space, %XX decoded as UTF-8, a repeated name's LAST value wins, a malformed escape is a 400
 * before any check): the request table (single writes, bulk; write-validation.ts), the dry-run's parameters
 * (dry-run.ts), respect_request_indices_options (local-judge.ts) and the retry decision (retry/decision.ts
 * isIdempotentRequest, which counts a query the node refuses as not idempotent). Measured on 2.19.4:
 * test/integration/h192-query-readers.test.ts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'node:querystring';
import { nodeQuery, targetQuery } from '../../src/fgac/query-params.js';
import { requestPlan } from '../../src/explain/request-actions.js';
import { checkPermission, type CheckPermissionClient } from '../../src/explain/check-permission.js';
import { isIdempotentRequest } from '../../src/retry/index.js';

const entries = (m: ReadonlyMap<string, string> | undefined): Array<[string, string]> | undefined => (m === undefined ? undefined : [...m]);

/** Queries on which a reader of its own would differ from the node: repeated names, `;`, `+`, escapes, malformed escapes. */
const QUERIES = [
  'op_type=index&op_type=create', 'op_type=create&op_type=index', 'refresh=true;op_type=create', 'op_type=%63reate', 'op_type=CREATE',
  'op_type=create+', 'op%5Ftype=create', 'routing=a+b', 'routing=a&routing=b', 'routing=x;routing=y', 'pipeline=p1&pipeline=p2',
  'refresh=false&refresh=true', 'version=2;version_type=external', 'if_seq_no=1&if_primary_term=1', 'routing=a%2Bb', 'routing=%zz', '%zz=1', 'routing=a%',
];

test('nodeQuery: `+` is a space in names and values (measured: op_type=create+ is refused as "create "), %2B a plus', () => {
  assert.deepEqual(entries(nodeQuery('routing=a+b&rout+ing=1&x=%2B')), [['routing', 'a b'], ['rout ing', '1'], ['x', '+']]);
  assert.deepEqual(entries(nodeQuery('op_type=create+')), [['op_type', 'create ']]);
  assert.deepEqual(entries(targetQuery('/i/_doc/1?a=1?b=2;c')), [['a', '1?b=2'], ['c', '']]);
  assert.deepEqual(entries(targetQuery('/i/_doc/1')), []);
});

describe('isIdempotentRequest reads the query the node reads', () => {
  const idempotent = (q: string): boolean => {
    const m = nodeQuery(q);
    if (m === undefined || m.get('op_type')?.toLowerCase() === 'create') return false;
    return ![...m.keys()].some((k) => ['if_seq_no', 'if_primary_term', 'version', 'version_type'].includes(k));
  };

  test('in the path, as a querystring string and as an object (op_type case-insensitive; a malformed escape: not idempotent)', () => {
    for (const q of QUERIES) {
      assert.equal(isIdempotentRequest('PUT', `/logs-1/_doc/1?${q}`), idempotent(q), `path ?${q}`);
      assert.equal(isIdempotentRequest('PUT', '/logs-1/_doc/1', q), idempotent(q), `querystring ${q}`);
      const m = nodeQuery(q);
      if (m !== undefined) assert.equal(isIdempotentRequest('PUT', '/logs-1/_doc/1', Object.fromEntries(m)), idempotent(q), `object ${q}`);
    }
    // opensearch-js joins a path's query and the querystring with `?` (measured: refresh=`true?op_type=create`, a 400
    // either time); another caller may join with `&`: either reading asking for a create makes the PUT unsafe
    assert.equal(isIdempotentRequest('PUT', '/logs-1/_doc/1?refresh=true', { op_type: 'create' }), false);
    assert.equal(isIdempotentRequest('PUT', '/logs-1/_doc/1?op_type=create', { refresh: 'true' }), false);
    assert.equal(isIdempotentRequest('PUT', '/logs-1/_doc/1?refresh=true&op_type=create', { refresh: 'true' }), false);
    assert.equal(isIdempotentRequest('PUT', '/logs-1/_doc/1', '?op_type=create'), false, 'a leading ? of a querystring string');
    assert.equal(isIdempotentRequest('PUT', '/logs-1/_doc/1?op_type=create', ''), false);
    assert.equal(isIdempotentRequest('PUT', '/logs-1/_doc/1?refresh=true', { op_type: 'create', routing: ['a', 'b'] }), false);
    assert.equal(isIdempotentRequest('PUT', '/logs-1/_doc/1', { refresh: 'true', op_type: ['create'] }), false);
    assert.equal(isIdempotentRequest('PUT', '/logs-1/_doc/1?refresh=true', { routing: 'a' }), true, 'a PUT that replaces stays safe');
  });
});

describe('the request table reads the query the node reads', () => {
  const plan = (method: string, path: string, body?: unknown) => requestPlan({ method, path, ...(body !== undefined ? { body } : {}) });
  const writesOf = (method: string, path: string, body?: unknown) => {
    const r = plan(method, path, body);
    assert.equal(r.known, true, `${method} ${path}: ${r.known ? '' : r.reason}`);
    return r.known ? r.plan.writes : [];
  };

  test('single writes: a repeated parameter is its last value, `;` separates, `+` is a space', () => {
    for (const q of ['op_type=index&op_type=create', 'op_type=create&op_type=index', 'refresh=true;op_type=create', 'op_type=%63reate', 'routing=a&routing=b', 'refresh=false&refresh=true', 'routing=x;routing=y']) {
      writesOf('PUT', `/logs-1/_doc/1?${q}`, { n: 1 });
    }
    assert.equal(writesOf('PUT', '/logs-1/_doc/1?pipeline=p1&pipeline=p2', { n: 1 })[0]?.pipeline, 'p2');
    assert.equal(writesOf('PUT', '/logs-1/_doc/1?refresh=true;pipeline=p3', { n: 1 })[0]?.pipeline, 'p3');
    assert.equal(writesOf('PUT', '/logs-1/_doc/1?pipeline=a+b', { n: 1 })[0]?.pipeline, 'a b');
    // the last value is one the node refuses
    assert.equal(plan('PUT', '/logs-1/_doc/1?op_type=create&op_type=delete', { n: 1 }).known, false);
  });

  test('bulk: the bulk pipeline and require_alias as the node reads them', () => {
    const body = '{"index":{"_id":"1"}}\n{"n":1}\n';
    assert.equal(writesOf('POST', '/logs-1/_bulk?pipeline=p1&pipeline=p2', body)[0]?.pipeline, 'p2');
    assert.equal(writesOf('POST', '/logs-1/_bulk?refresh=false;pipeline=p3', body)[0]?.pipeline, 'p3');
    assert.equal(writesOf('POST', '/logs-1/_bulk?require_alias=true;require_alias=false', body)[0]?.requireAlias, undefined);
    assert.equal(writesOf('POST', '/logs-1/_bulk?require_alias=false&require_alias=true', body)[0]?.requireAlias, true);
  });

  test('a malformed escape anywhere in the query: unknown (the node answers 400 before any check), the query not shown', () => {
    for (const [method, path, body] of [['PUT', '/logs-1/_doc/1?routing=%zz', { n: 1 }], ['POST', '/logs-1/_bulk?%zz=1', '{"index":{}}\n{"n":1}\n'], ['GET', '/logs-1/_search?q=a%'], ['DELETE', '/logs-1/_doc/1?token=s3cret&x=%g0']] as const) {
      const r = plan(method, path, body);
      assert.equal(r.known, false, path);
      assert.match(r.known ? '' : r.reason, /malformed percent-escape/);
      assert.doesNotMatch(r.known ? '' : r.reason, /s3cret|%zz|%g0/);
    }
  });
});

describe('checkPermission: the dry-run sends the node reading of the query; respect_request_indices_options sees it', () => {
  /** A 3.4 node honouring the dry-run, recording the query of each dry-run as opensearch-js would write it. */
  const dryRunClient = (sent: string[]): CheckPermissionClient => ({
    transport: {
      request: async ({ path, querystring }: { path: string; querystring?: Record<string, unknown> }) => {
        if (path !== '/_cluster/health') sent.push(stringify(querystring as Record<string, string>));
        return { statusCode: 200, body: { accessAllowed: true, missingPrivileges: [] } };
      },
    },
  } as unknown as CheckPermissionClient);

  test('what the dry-run sends reads on the node as the request given (filter_path and format left out)', async () => {
    for (const q of [...QUERIES, 'refresh=true;filter_path=x&format=json', 'pipeline=a+b;refresh=true']) {
      const sent: string[] = [];
      const r = await checkPermission(dryRunClient(sent), { method: 'PUT', path: `/logs-1/_doc/1?${q}`, body: { n: 1 } }, { pluginVersion: '3.4.0' });
      const given = nodeQuery(q);
      if (given === undefined) {
        assert.deepEqual([sent, r.source, r.allowed], [[], 'local', null], q);
        assert.match(r.fallbackReason ?? '', /malformed percent-escape/, q);
        continue;
      }
      assert.equal(sent.length, 1, q);
      const expected = new Map([...given].filter(([k]) => k !== 'filter_path' && k !== 'format'));
      expected.set('perform_permission_check', 'true');
      assert.deepEqual(entries(nodeQuery(sent[0])), [...expected], q);
    }
  });

  test('respect_request_indices_options: an index option given after `;` is an index option', async () => {
    const admin = {
      transport: {
        request: async ({ path }: { path: string }) => {
          if (path.startsWith('/_plugins/_security/api/securityconfig')) return { statusCode: 200, body: { config: { dynamic: { respect_request_indices_options: true } } } };
          throw Object.assign(new Error(`unexpected ${path}`), { meta: { statusCode: 500, body: {} } });
        },
      },
    } as unknown as CheckPermissionClient;
    const check = (path: string) => checkPermission(admin, { method: 'GET', path }, {
      mode: 'local', pluginVersion: '2.19.4', roles: { reader: { index_permissions: [{ index_patterns: ['logs-*'], allowed_actions: ['read'] }] } },
      actionGroups: {}, aliases: {}, clusterIndices: ['logs-1', 'other'], subject: { name: 'u', roles: ['reader'] }, admin,
    });
    assert.equal((await check('/other/_search?size=1')).allowed, false);
    for (const q of ['size=1;ignore_unavailable=true', 'ignore%5Funavailable=true', 'size=1;expand_wildcards=all']) {
      const r = await check(`/other/_search?${q}`);
      assert.equal(r.allowed, null, q);
      assert.match(r.reason ?? '', /respect_request_indices_options is on/, q);
    }
  });
});
