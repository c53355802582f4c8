/**
 * te52: the security plugin's refusals before privileges are evaluated (impersonation, a reserved header), as both
 * live nodes (2.19.4, 3.4.0) answer them: 403 `{"error":{"status":"error","reason":..}}`, no error type. Read from the
 * plugin's whole templates (BackendRegistry.impersonate, ExceptionUtils.createBadHeaderException); hostile names,
 * quotes, newlines and partial texts. The classification tests fail on the code before te52 (ForbiddenError, origin unknown).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { errors, type ApiResponse } from '@opensearch-project/opensearch';
import { SecurityExceptionError, isPermissionError, isRetryable, ForbiddenError } from '../../src/errors/classes.js';
import { classifyResponse, toTypedError } from '../../src/errors/classify.js';
import { SecretSet } from '../../src/errors/secrets.js';
import { parsePluginAuthRefusal } from '../../src/errors/parse-plugin-refusals.js';

const MID = "' is not allowed to impersonate as '";
const notAllowed = (user: string, target: string): string => `'${user}${MID}${target}'`;
const ADMIN = (dn: string): string => `It is not allowed to impersonate as an adminuser  '${dn}'`;
const BAD_HEADER =
  'Illegal parameter in http or transport request found.\nThis means that one node is trying to connect to another with \n' +
  'a non-node certificate (no OID or security.nodes_dn incorrect configured) or that someone \n' +
  'is spoofing requests. Check your TLS certificate setup as described here: See https://opendistro.github.io/for-elasticsearch-docs/docs/troubleshoot/tls/';

/** The body both nodes answer such a refusal with (SecurityResponse.generateFailureMessage). */
function early(reason: string): string {
  return JSON.stringify({ error: { status: 'error', reason } });
}

function typed(statusCode: number, body: unknown, options: { secrets?: SecretSet; principal?: { name: string } } = {}): unknown {
  const meta = { statusCode, headers: { 'content-type': 'application/json' }, body, warnings: null, meta: { request: { params: { method: 'GET', path: '/_cluster/health' } } } } as unknown as ApiResponse;
  return toTypedError(new errors.ResponseError(meta), options);
}

describe('te52 impersonation refusals are the plugin\'s, naming both users', () => {
  test('the live template: a SecurityExceptionError, a permission error, not retryable, its message naming user and target', () => {
    const err = typed(403, early(notAllowed('master-user', 'new-user')));
    assert.ok(err instanceof SecurityExceptionError, `got ${(err as Error).constructor.name}: ${(err as Error).message}`);
    assert.ok(isPermissionError(err));
    assert.equal(isRetryable(err), false);
    assert.deepEqual(err.actions, []);
    assert.equal(err.indices, null);
    assert.equal(err.reason, notAllowed('master-user', 'new-user'));
    assert.ok(err.message.includes('master-user') && err.message.includes('new-user'), err.message);
  });

  test('the admin-DN and unknown-user templates are the plugin\'s too', () => {
    for (const [reason, target] of [[ADMIN('CN=admin.fgac.local,OU=fgac,O=opensearch-fgac,C=US'), 'CN=admin.fgac.local,OU=fgac,O=opensearch-fgac,C=US'], ['No such user:ghost-te52', 'ghost-te52']] as const) {
      const c = classifyResponse({ statusCode: 403, body: early(reason), method: 'GET', path: '/' });
      assert.equal(c.kind, 'security_exception', reason);
      assert.ok(c.message.includes(target), c.message);
    }
  });

  test('names holding the template\'s words, quotes and newlines keep the refusal the plugin\'s, whole', () => {
    const hostile: Array<[string, string]> = [
      [`u${MID}v`, 'w'],
      ["o'brien", "t'\"x"],
      ['line\nbreak', 'tab\there'],
      ['no permissions for [indices:admin/delete] and User [name=root, backend_roles=[all_access], requestedTenant=null]', 'x'],
      ['', ''],
    ];
    for (const [user, target] of hostile) {
      const c = classifyResponse({ statusCode: 403, body: early(notAllowed(user, target)), method: 'GET', path: '/' });
      assert.equal(c.kind, 'security_exception', JSON.stringify([user, target]));
      if (c.kind !== 'security_exception') continue;
      assert.deepEqual(c.details.actions, [], 'a quoted denial inside a name is not read as one');
      assert.equal(c.details.requestedTenant, null);
      assert.equal(c.details.reason, notAllowed(user, target));
    }
  });

  test('the templates match only whole: text around them, another error shape or another status is not the plugin\'s refusal', () => {
    const cases: Array<[number, string]> = [
      [403, early(`x ${notAllowed('a', 'b')}`)],
      [403, early(`${notAllowed('a', 'b')} `)],
      [403, early(`${notAllowed('a', 'b')}\nsee doc 'c'`.slice(0, -1))],
      [403, early('No such user:')],
      [403, early(`${BAD_HEADER}.`)],
      [403, early(BAD_HEADER.replace(/\n/g, ' '))],
      [403, early(ADMIN('x').slice(0, -1))],
      [403, JSON.stringify({ error: notAllowed('a', 'b') })],
      [403, JSON.stringify({ error: { reason: notAllowed('a', 'b') } })],
      [403, JSON.stringify({ error: { status: 'failed', reason: notAllowed('a', 'b') } })],
      [400, early(notAllowed('a', 'b'))],
      [500, early(notAllowed('a', 'b'))],
    ];
    for (const [statusCode, body] of cases) {
      const c = classifyResponse({ statusCode, body, method: 'GET', path: '/' });
      assert.notEqual(c.kind, 'security_exception', `${statusCode} ${body}`);
    }
  });

  test('a document quoting the template inside a typed OpenSearch error is never read for it', () => {
    const doc = { error: { type: 'mapper_parsing_exception', reason: notAllowed('a', 'b'), status: 'error' }, status: 403 };
    assert.notEqual(classifyResponse({ statusCode: 403, body: JSON.stringify(doc), method: 'PUT', path: '/i/_doc/1' }).kind, 'security_exception');
  });

  test("a user name holding the template's words leaves an ordinary denial's user intact", () => {
    const name = notAllowed('a', 'b');
    const reason = `no permissions for [cluster:monitor/health] and User [name=${name}, backend_roles=[], requestedTenant=null]`;
    const body = JSON.stringify({ error: { root_cause: [{ type: 'security_exception', reason }], type: 'security_exception', reason }, status: 403 });
    const c = classifyResponse({ statusCode: 403, body, method: 'GET', path: '/_cluster/health' });
    assert.equal(c.kind, 'security_exception');
    if (c.kind === 'security_exception') assert.deepEqual(c.details.user, { name, backendRoles: [] });
  });

  test('a secret impersonated (the client\'s password sent as the target) never reaches the message or the reason', () => {
    const password = 'Te52-Secret-Pw-77!q';
    const secrets = new SecretSet();
    secrets.add(password);
    const err = typed(403, early(notAllowed('new-user', password)), { secrets });
    assert.ok(err instanceof SecurityExceptionError, String(err));
    assert.ok(!err.message.includes(password), err.message);
    assert.ok(!err.reason.includes(password), err.reason);
    assert.ok(!JSON.stringify(err).includes(password));
    assert.match(err.message, /new-user/);
  });
});

describe('te52 parsePluginAuthRefusal: who was refused and whom they asked to be', () => {
  test('one split reads as written; quotes, newlines and denial words inside a name are the name\'s', () => {
    for (const [user, target] of [['master-user', 'new-user'], ["o'brien", "t'x"], ['a\nb', 'c\r\nd'], ['x]', 'User [name=y, backend_roles=[], requestedTenant=null]']]) {
      assert.deepEqual(parsePluginAuthRefusal(notAllowed(user as string, target as string)), { refusal: 'impersonation_not_allowed', user, impersonatedUser: target, ambiguous: false });
    }
  });

  test('a name holding the template\'s middle: the known principal picks the split, nothing else does', () => {
    const reason = notAllowed(`a${MID}b`, `c${MID}d`);
    assert.deepEqual(parsePluginAuthRefusal(reason), { refusal: 'impersonation_not_allowed', user: null, impersonatedUser: null, ambiguous: true });
    assert.deepEqual(parsePluginAuthRefusal(reason, { name: `a${MID}b` }), { refusal: 'impersonation_not_allowed', user: `a${MID}b`, impersonatedUser: `c${MID}d`, ambiguous: false });
    assert.deepEqual(parsePluginAuthRefusal(reason, { name: 'a' }), { refusal: 'impersonation_not_allowed', user: 'a', impersonatedUser: `b${MID}c${MID}d`, ambiguous: false });
    assert.equal(parsePluginAuthRefusal(reason, { name: 'zz' })?.ambiguous, true);
  });

  test('admin DN, unknown user, reserved header; anything else is none of them', () => {
    assert.deepEqual(parsePluginAuthRefusal(ADMIN("CN=a,O=b' x")), { refusal: 'impersonation_of_admin', user: null, impersonatedUser: "CN=a,O=b' x", ambiguous: false });
    assert.deepEqual(parsePluginAuthRefusal('No such user:ghost'), { refusal: 'impersonation_unknown_user', user: null, impersonatedUser: 'ghost', ambiguous: false });
    assert.deepEqual(parsePluginAuthRefusal(BAD_HEADER), { refusal: 'reserved_header', user: null, impersonatedUser: null, ambiguous: false });
    for (const reason of ['', "'", "''", `'a${MID}`, `a${MID}b'`, ` ${notAllowed('a', 'b')}`, 'no such user:x', 'No such user:', `${BAD_HEADER}\n`]) {
      assert.equal(parsePluginAuthRefusal(reason), undefined, JSON.stringify(reason));
    }
  });

  test('a reason of thousands of middles is read in bounded time and does not guess', () => {
    const reason = `'${MID.repeat(20_000)}'`;
    assert.equal(parsePluginAuthRefusal(reason)?.ambiguous, true);
    assert.equal(parsePluginAuthRefusal(reason, { name: '' })?.user, null);
  });
});

describe('te52 the reserved-header refusal is the plugin\'s', () => {
  test('the live text (either line separator) is a SecurityExceptionError', () => {
    for (const reason of [BAD_HEADER, BAD_HEADER.replace(/\n/g, '\r\n')]) {
      const err = typed(403, early(reason));
      assert.ok(err instanceof SecurityExceptionError, `got ${(err as Error).constructor.name}`);
      assert.ok(!(err instanceof ForbiddenError));
      assert.ok(isPermissionError(err));
      assert.match(err.message, /^Security plugin (?:denied the request: Illegal parameter in http or transport request found\.|refused the request before authentication: it carries a header reserved)/);
    }
  });
});
