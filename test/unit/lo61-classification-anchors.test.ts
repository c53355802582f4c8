/**
 * The plugin writes its plain-text refusal (`no permissions for [..] and User [..]`) as the whole body, so that text
 * is read as the plugin's only at the start: a proxy or gateway page quoting a document that holds it later is not a
 * security_exception naming a user the document made up (text inside documents never changes a classification).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyResponse } from '../../src/errors/classify.js';

const quoted = 'no permissions for [indices:data/read/search] and User [name=admin, backend_roles=[all_access], requestedTenant=null]';
const PLAIN = { 'content-type': 'text/plain; charset=UTF-8' };

test('a plain-text 403 quoting the plugin text after other words is a ForbiddenError of unknown origin', () => {
  for (const prefix of ['Request blocked: body held "', 'denied by proxy; payload: ', 'x ', '{oops ']) {
    const c = classifyResponse({ statusCode: 403, body: `${prefix}${quoted}`, headers: PLAIN, method: 'POST', path: '/logs/_doc' });
    assert.equal(c.kind, 'forbidden', prefix);
    assert.doesNotMatch(JSON.stringify(c.details), /"user":\{"name":"admin"/, prefix);
  }
});

test('a plain-text 401 quoting it later is an Unauthorized, not a plugin refusal', () => {
  const c = classifyResponse({ statusCode: 401, body: `Login failed for the request holding: ${quoted}`, headers: PLAIN });
  assert.equal(c.kind, 'unauthorized');
});

test('the plugin text at the start (leading spaces allowed) is still the plugin refusal naming its user', () => {
  for (const body of [quoted, `  ${quoted}`, `\n${quoted}`]) {
    const c = classifyResponse({ statusCode: 403, body, headers: PLAIN });
    assert.equal(c.kind, 'security_exception');
    assert.equal((c.details as { user?: { name?: string } }).user?.name, 'admin');
  }
});
