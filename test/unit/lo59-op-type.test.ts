/**
 * `op_type` as the node reads it, measured on 2.19.4 (stop 59): the REST parameter case-insensitively
 * (`?op_type=CREATE` creates; `CREATE` with an external version is refused as a create), a bulk action line's
 * only as exactly `create` inside an `index` action (`"CREATE"` or `"foo"` there index; a `create`, `update` or
 * `delete` action ignores it). The plan must be the one of the write the node performs.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requestPlan } from '../../src/explain/request-actions.js';

const put = (query: string) => requestPlan({ method: 'PUT', path: `/lo59-i/_doc/1?${query}`, body: { a: 1 } });
const bulk = (action: object, source: object = { a: 1 }) => requestPlan({ method: 'POST', path: '/_bulk', body: `${JSON.stringify(action)}\n${JSON.stringify(source)}\n` });
const bulkDelete = (action: object) => requestPlan({ method: 'POST', path: '/_bulk', body: `${JSON.stringify(action)}\n` });

test('?op_type=CREATE is planned as op_type=create (the node reads the parameter case-insensitively)', () => {
  for (const spelled of ['CREATE', 'Create']) {
    const plan = put(`op_type=${spelled}`);
    assert.equal(plan.known, true, JSON.stringify(plan));
    assert.deepEqual(plan, put('op_type=create'));
  }
  // create semantics, not index: an external version is refused for a create (the node answers 400), accepted for an index
  assert.equal(put('op_type=CREATE&version=3&version_type=external').known, false);
  assert.equal(put('op_type=INDEX&version=3&version_type=external').known, true);
  // a value the node refuses is quoted as the caller wrote it
  const refused = put('op_type=Foo');
  assert.equal(refused.known, false);
  assert.match(refused.known ? '' : refused.reason, /op_type "Foo"/);
});

test('a bulk index line with op_type other than exactly "create" indexes; create, update and delete lines ignore op_type', () => {
  const base = { _index: 'lo59-i', _id: '1' };
  for (const opType of ['CREATE', 'foo', 'index']) {
    const plan = bulk({ index: { ...base, op_type: opType } });
    assert.equal(plan.known, true, `${opType}: ${JSON.stringify(plan)}`);
    assert.deepEqual(plan, bulk({ index: base }), opType);
    // an index, so an external version is accepted (measured: 201 for "CREATE" with version 3 external)
    assert.equal(bulk({ index: { ...base, op_type: opType, version: 3, version_type: 'external' } }).known, true, opType);
  }
  // exactly "create": a create, which refuses external versioning
  assert.equal(bulk({ index: { ...base, op_type: 'create', version: 3, version_type: 'external' } }).known, false);
  const ignored = [
    [bulk({ create: { ...base, op_type: 'index' } }), bulk({ create: base })],
    [bulk({ update: { ...base, op_type: 'create' } }, { doc: { a: 1 } }), bulk({ update: base }, { doc: { a: 1 } })],
    [bulkDelete({ delete: { ...base, op_type: 'create' } }), bulkDelete({ delete: base })],
  ] as const;
  for (const [withOpType, without] of ignored) {
    assert.equal(withOpType.known, true, JSON.stringify(withOpType));
    assert.deepEqual(withOpType, without);
  }
});
