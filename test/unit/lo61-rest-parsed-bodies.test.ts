/**
 * A key given twice makes the node answer 400 before any privilege only in what its REST layer parses (action lines,
 * an update's payload, search/mget/msearch bodies); a document's source (index, create, their bulk source lines) is
 * parsed at the shard after the privileges, so the plan stays decided there (measured on 2.19.4: new-user's
 * `PUT /flights/_doc/x {"f":1,"f":2}` is answered 403 no permissions for [indices:data/write/index]).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requestPlan } from '../../src/explain/request-actions.js';

const known = (method: string, path: string, body: string): boolean => requestPlan({ method, path, body }).known;

test('document sources with a repeated key are still planned', () => {
  assert.equal(known('PUT', '/logs/_doc/1', '{"f":1,"f":2}'), true);
  assert.equal(known('POST', '/logs/_doc', '{"f":1,"f":2}'), true);
  assert.equal(known('PUT', '/logs/_create/1', '{"f":1,"f":2}'), true);
  assert.equal(known('POST', '/_bulk', '{"index":{"_index":"logs","_id":"1"}}\n{"f":1,"f":2}\n{"create":{"_index":"logs","_id":"2"}}\n{"g":1,"g":2}\n'), true);
});

test('what the REST layer parses with a repeated key is UNKNOWN', () => {
  assert.equal(known('POST', '/_bulk', '{"index":{"_index":"logs","_index":"other"}}\n{"f":1}\n'), false);
  assert.equal(known('POST', '/_bulk', '{"update":{"_index":"logs","_id":"1"}}\n{"doc":{"f":1},"doc":{"f":2}}\n'), false);
  assert.equal(known('POST', '/logs/_search', '{"query":{"match_all":{}},"query":{"match_all":{}}}'), false);
  assert.equal(known('POST', '/logs/_update/1', '{"doc":{"f":1},"doc":{"f":2}}'), false);
});
