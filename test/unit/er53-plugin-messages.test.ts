/**
 * er53: the security plugin's messages the SDK did not read, each from its whole template in the shape the plugin writes
 * it (2.19.4.0 and 3.4.0.0 sources; the "not initialised" texts cannot be made on a running domain, so they are the
 * plugin's exact texts): every "not initialised" answer (503 and 500) is a retryable ServiceUnavailableError with
 * securityNotInitialized, retried even for a write; an admin DN logging in by HTTP and the allowlist's refusal are
 * SecurityExceptionErrors with a `refusal`; RolesInjector's `No mapping for ..` names no user; filter-level DLS's CCS
 * refusal is a plugin refusal; a pattern in the path is worded "one or more of the indices matching". Hostile texts:
 * a template with words before/after it, a newline, quotes, a document or a gateway echoing one.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { errors, type ApiResponse } from '@opensearch-project/opensearch';
import { ForbiddenError, SecurityExceptionError, ServiceUnavailableError, isPermissionError, isRetryable } from '../../src/errors/classes.js';
import { toTypedError } from '../../src/errors/classify.js';
import { retryDecision } from '../../src/retry/decision.js';

const os = (status: number, type: string, reason: string): unknown => ({ error: { root_cause: [{ type, reason }], type, reason }, status });
const early = (reason: string): unknown => ({ error: { status: 'error', reason } });

function typed(statusCode: number, body: unknown, path = '/logs/_search', method = 'GET', headers: Record<string, string> = {}): unknown {
  const meta = { statusCode, headers, body, warnings: null, meta: { request: { params: { method, path } } } } as unknown as ApiResponse;
  return toTypedError(new errors.ResponseError(meta), {});
}
function notInitialised(err: unknown, status: number): ServiceUnavailableError {
  assert.ok(err instanceof ServiceUnavailableError, `got ${(err as Error).constructor.name}: ${(err as Error).message}`);
  assert.equal(err.securityNotInitialized, true);
  assert.equal(isRetryable(err), true);
  assert.equal(isPermissionError(err), false);
  assert.equal(err.message, `OpenSearch Security is not initialized yet (${status}): retry once the security index is ready`);
  // sent before any processing: a write is retried too
  assert.deepEqual(retryDecision(err, { method: 'POST', path: '/_bulk' }), { retry: true, reason: 'unavailable' });
  return err;
}
function notFlagged(err: unknown): void {
  assert.ok(!(err instanceof ServiceUnavailableError) || err.securityNotInitialized === false, `flagged: ${(err as Error).message}`);
}

describe('er53 "not initialised": every plugin answer saying so, and only those', () => {
  test('the 500s (2.x privileges evaluator, the impersonation check, the REST API) were unclassified or a SecurityApiError', () => {
    notInitialised(typed(500, os(500, 'security_exception', 'OpenSearch Security is not initialized.')), 500);
    notInitialised(typed(500, os(500, 'security_exception', 'OpenSearch Security is not initialized: roles configuration is missing')), 500);
    const imp = notInitialised(typed(500, early('Could not check for impersonation because OpenSearch Security is not yet initialized'), '/logs/_search', 'GET', { opendistro_security_impersonate_as: 'x' }), 500);
    assert.equal(imp.bodyText, 'Could not check for impersonation because OpenSearch Security is not yet initialized');
    notInitialised(typed(500, { status: 'INTERNAL_SERVER_ERROR', message: 'Security index not initialized' }, '/_plugins/_security/api/roles/x', 'PUT'), 500);
  });

  test('the 503s in every shape: text (3.x without a cluster manager too), SecurityResponse JSON (2.11), security_exception', () => {
    notInitialised(typed(503, 'OpenSearch Security not initialized.'), 503);
    notInitialised(typed(503, 'OpenSearch Security not initialized. Cluster manager not present'), 503);
    notInitialised(typed(503, early('OpenSearch Security not initialized.')), 503);
    notInitialised(typed(503, os(503, 'security_exception', 'OpenSearch Security not initialized for indices:data/read/search')), 503);
    notInitialised(typed(503, os(503, 'security_exception', 'OpenSearch Security not initialized: Cluster manager not present')), 503);
    // the health check in strict mode (3.x adds its settings)
    notInitialised(typed(503, { message: 'Not initialized', mode: 'strict', status: 'DOWN' }, '/_plugins/_security/health'), 503);
    notInitialised(typed(503, { message: 'Not initialized', mode: 'strict', status: 'DOWN', settings: { 'plugins.security.cache.ttl_minutes': 60 } }, '/_plugins/_security/health'), 503);
  });

  test('a text that is not the whole template, another shape or status, a document or a gateway echoing one: not flagged', () => {
    const t = 'OpenSearch Security is not initialized.';
    for (const body of [
      'Security not initialized', // the old prefix check took any "<up to 24 letters>Security not initialized" text
      'Gateway Security not initialized: upstream', 'OpenSearch Security not initialized.\n(you may need to run securityadmin)',
      `<html><title>${t}</title></html>`, `"${t}"`, ` x ${t}`,
    ]) notFlagged(typed(503, body));
    notFlagged(typed(503, os(503, 'security_exception', 'OpenSearch Security not initialized for indices:data/read/search my "doc"')));
    notFlagged(typed(503, os(503, 'no_shard_available_action_exception', 'OpenSearch Security not initialized.')));
    notFlagged(typed(500, os(500, 'exception', t)));
    notFlagged(typed(500, os(500, 'security_exception', `${t} `)));
    notFlagged(typed(500, { error: { root_cause: [{ type: 'security_exception', reason: t }], type: 'search_phase_execution_exception', reason: 'all shards failed' }, status: 500 }));
    notFlagged(typed(500, { error: { status: 'error', reason: t, type: 'x' } }));
    notFlagged(typed(500, { status: 'INTERNAL_SERVER_ERROR', message: 'Security index not initialized', extra: 1 }));
    notFlagged(typed(400, { status: 'BAD_REQUEST', message: 'Security index not initialized' }));
    notFlagged(typed(503, { message: 'Not initialized', mode: 'strict', status: 'DOWN', doc: 'x' }));
    notFlagged(typed(503, { message: 'Not initialized.', mode: 'strict', status: 'DOWN' }));
    notFlagged(typed(500, { message: 'Not initialized', mode: 'strict', status: 'DOWN' }));
    notFlagged(typed(403, early('Could not check for impersonation because OpenSearch Security is not yet initialized')));
    const plain = typed(500, os(500, 'security_exception', 'No user found for indices:data/read/search'));
    assert.ok(!(plain instanceof ServiceUnavailableError) && plain instanceof errors.ResponseError);
    assert.equal(retryDecision(plain, { method: 'POST', path: '/_bulk' }).retry, false);
  });
});

describe('er53 refusals before privileges: an admin DN by HTTP, the allowlist', () => {
  test('admin DN logging in by HTTP credentials (plain-text 403): a SecurityExceptionError, not an anonymous ForbiddenError', () => {
    const err = typed(403, 'Cannot authenticate user because admin user is not permitted to login via HTTP', '/_cluster/health');
    assert.ok(err instanceof SecurityExceptionError, String(err));
    assert.equal(err.refusal, 'admin_login_via_http');
    assert.equal(err.user, null);
    assert.ok(isPermissionError(err));
    assert.equal(isRetryable(err), false);
    assert.match(err.message, /admin certificate \(plugins\.security\.authcz\.admin_dn\)/);
    for (const body of ['Cannot authenticate user because admin user is not permitted to login via HTTP.', 'x Cannot authenticate user because admin user is not permitted to login via HTTP']) {
      assert.ok(typed(403, body) instanceof ForbiddenError);
    }
    // inside an OpenSearch error's reason (which may quote a document) it decides nothing
    const quoted = typed(403, { error: { reason: 'Cannot authenticate user because admin user is not permitted to login via HTTP' } });
    assert.ok(quoted instanceof ForbiddenError);
  });

  test('the allowlist: its whole body decides, whatever the path holds (the template\'s words, quotes, a newline)', () => {
    for (const path of ['/_cat/nodes', '/x API not allowlisted', '/a"b\nc', '/_search?q=API not allowlisted']) {
      const err = typed(403, { error: `GET ${path} API not allowlisted`, status: 'FORBIDDEN' }, path);
      assert.ok(err instanceof SecurityExceptionError, `${path}: ${String(err)}`);
      assert.equal(err.refusal, 'not_allowlisted');
      assert.match(err.message, /not in the plugin's allowlist/);
    }
    assert.equal((typed(403, { error: 'PUT /a API not whitelisted', status: 'FORBIDDEN' }) as SecurityExceptionError).refusal, 'not_allowlisted');
    for (const body of [
      { error: 'GET /a API not allowlisted', status: 'FORBIDDEN', extra: true },
      { error: 'GET /a API not allowlisted.', status: 'FORBIDDEN' },
      { error: 'get /a API not allowlisted', status: 'FORBIDDEN' },
      { error: 'GET /a API not allowlisted', status: 403 },
    ]) assert.ok(typed(403, body) instanceof ForbiddenError, JSON.stringify(body));
  });
});

describe('er53 other plugin templates', () => {
  test("RolesInjector's `No mapping for User [..] on roles [..]` names no user (its text ran into the tenant)", () => {
    for (const name of ['u', 'a] on roles [b', 'x, backend_roles=[y']) {
      const reason = `No mapping for User [name=${name}, backend_roles=[], requestedTenant=null] on roles [r1, r2]`;
      const err = typed(403, os(403, 'security_exception', reason));
      assert.ok(err instanceof SecurityExceptionError);
      assert.equal(err.user, null);
      assert.equal(err.requestedTenant, null);
      assert.equal(err.message, `Security plugin denied the request: ${reason}`);
    }
  });

  test('filter-level DLS refusing a CCS scroll / minimize_roundtrips (500) is the plugin\'s refusal; with other words it is not', () => {
    const reason = 'Filter-level DLS via cross cluster search is not available for scrolling and minimize_roundtrips=true';
    const err = typed(500, os(500, 'security_exception', reason));
    assert.ok(err instanceof SecurityExceptionError, String(err));
    assert.equal(err.reason, reason);
    assert.equal(isRetryable(err), false);
    assert.ok(!(typed(500, os(500, 'security_exception', `${reason}!`)) instanceof SecurityExceptionError));
    assert.ok(!(typed(500, os(500, 'illegal_argument_exception', reason)) instanceof SecurityExceptionError));
  });
});

describe('er53 a pattern in the path: what is known', () => {
  const DENIAL = 'no permissions for [indices:data/read/search] and User [name=u, backend_roles=[], requestedTenant=null]';
  const on = (path: string): string => (typed(403, os(403, 'security_exception', DENIAL), path) as SecurityExceptionError).message;
  test('one or more of the indices a pattern matches; names and exclusions kept apart; one plain name stays exact', () => {
    assert.equal(on('/p-*/_search'), 'User u (no backend roles) lacks indices:data/read/search on one or more of the indices matching [p-*]');
    assert.equal(on('/_search'), 'User u (no backend roles) lacks indices:data/read/search on one or more of the indices matching [*]');
    assert.equal(on('/a,p-*/_search'), 'User u (no backend roles) lacks indices:data/read/search on one or more of [a] and the indices matching [p-*]');
    assert.equal(on('/p-*,-p-1/_search'), 'User u (no backend roles) lacks indices:data/read/search on one or more of the indices matching [p-*] except [p-1]');
    assert.equal(on('/_all/_search'), 'User u (no backend roles) lacks indices:data/read/search on one or more of the indices matching [_all]');
    assert.equal(on('/a,b/_search'), 'User u (no backend roles) lacks indices:data/read/search on one or more of [a, b]');
    assert.equal(on('/a/_search'), 'User u (no backend roles) lacks indices:data/read/search on [a]');
    assert.deepEqual((typed(403, os(403, 'security_exception', DENIAL), '/p-*/_search') as SecurityExceptionError).indices, ['p-*']);
  });
});
