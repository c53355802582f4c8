/**
 * checkPermission's and requiredPrivileges' reasons name a request by its path without the query string: a query may
 * carry a token (`?access_token=`), and the reason names the parameter it is about, never its value.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requiredPrivileges } from '../../src/explain/request-actions.js';

test('lo58 a reason never shows the query string', () => {
  const cases = [
    { method: 'PUT', path: '/i/_doc/1?access_token=Reason-Secret-1a&x=1', names: /"access_token"|the query parameter/ },
    { method: 'GET', path: '/nope/x/y/z?api_key=Reason-Secret-2b', names: /not in the request table/ },
    { method: 'PUT', path: '/i/_doc/1?refresh=true&token=Reason-Secret-3c', names: /"token"/ },
  ];
  for (const c of cases) {
    const r = requiredPrivileges({ method: c.method, path: c.path });
    assert.equal(r.known, false, c.path);
    const reason = (r as { reason: string }).reason;
    assert.ok(!reason.includes('Reason-Secret'), `${c.path}: ${reason}`);
    assert.match(reason, c.names);
    assert.ok(reason.includes(c.path.slice(0, c.path.indexOf('?'))), 'the path is named');
  }
});
