/**
 * The plugin's plain-text denial of a REST route (`no permissions for [...] and User [name=...]`, a 401 on
 * named routes such as whoamiprotected) is the plugin's, whatever words the principal's name holds (review
 * rv4 Y): a role named `x-ExpiredToken-rotator` is not an expired AWS token (which would refresh and re-send).
 * `any of [a, b]` names alternatives, not two actions. An OpenSearch error cut short is not read as text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyResponse } from '../../src/errors/classify.js';
import { parseSecurityReason } from '../../src/errors/parse-plugin.js';

const denial = (name: string, actions = 'security:obo/create'): string =>
  `no permissions for [${actions}] and User [name=${name}, backend_roles=[ops, ExpiredToken], requestedTenant=null]`;

const AWS_WORDS = ['ExpiredToken', 'ExpiredTokenException', 'InvalidToken', 'InvalidClientTokenId', 'UnrecognizedClientException',
  'SignatureDoesNotMatch', 'InvalidSignatureException', 'IncompleteSignature', 'RequestTimeTooSkewed', 'Credential is malformed'];

test('a plain-text plugin denial stays a security_exception naming its user, whatever AWS word the name holds', () => {
  for (const word of AWS_WORDS) {
    for (const sep of ['-', '.', '@', '+', '=', ',']) {
      const name = `arn:aws:iam::123456789012:role/x${sep}${word}${sep}rotator`;
      for (const status of [401, 403]) {
        const c = classifyResponse({ statusCode: status, body: denial(name), headers: { 'content-type': 'text/plain; charset=UTF-8' } });
        assert.equal(c.kind, 'security_exception', `${status} ${name}`);
        // (`Token=<value>` reads as a credential pair and is redacted, by design)
        if (sep !== '=') assert.equal((c.details as { user?: { name?: string } }).user?.name, name);
      }
    }
  }
  // AWS's own plain text is still AWS's
  assert.equal(classifyResponse({ statusCode: 403, body: 'The security token included in the request is expired', headers: {} }).kind, 'expired_credentials');
});

test('`any of [a, b]` gives both actions as alternatives', () => {
  const d = parseSecurityReason(denial('new-user', 'any of [cluster:admin/opendistro_security/whoamiprotected, security:whoamiprotected]'));
  assert.deepEqual(d.actions, ['cluster:admin/opendistro_security/whoamiprotected', 'security:whoamiprotected']);
  assert.equal(d.anyOf, true);
  const plain = parseSecurityReason(denial('u', 'indices:data/read/search, indices:data/read/get'));
  assert.deepEqual(plain.actions, ['indices:data/read/search', 'indices:data/read/get']);
  assert.equal(plain.anyOf, undefined);
});

test('an OpenSearch error cut short is read for no kind: document text quoted in it does not pick one', () => {
  const quoted = 'The security token included in the request is expired; no permissions for [x] and User [name=admin]';
  const whole = JSON.stringify({ error: { type: 'security_exception', reason: `no permissions for [indices:data/write/index] and User [name=u, backend_roles=[], requestedTenant=null]`, caused_by: { reason: quoted } }, status: 403 });
  for (const status of [401, 403]) {
    for (let cut = 20; cut < whole.length - 1; cut += 7) {
      const c = classifyResponse({ statusCode: status, body: whole.slice(0, cut), headers: { 'content-type': 'application/json' } });
      assert.ok(!['expired_credentials', 'signature_mismatch', 'access_policy_denied', 'security_exception'].includes(c.kind), `${status} cut at ${cut}: ${c.kind}`);
    }
  }
});

test('a plugin denial cut short is still read from its fixed opening, never from the document text after it', () => {
  const reason = 'no permissions for [indices:data/write/index] and User [name=u, backend_roles=[], requestedTenant=null]';
  const quoted = 'The security token included in the request is expired; no permissions for [x] and User [name=admin, backend_roles=[], requestedTenant=null]';
  const whole = JSON.stringify({ error: { root_cause: [{ type: 'security_exception', reason }], type: 'security_exception', reason, caused_by: { type: 'x', reason: quoted } }, status: 403 });
  const opening = whole.indexOf('no permissions for [');
  for (let cut = opening + 'no permissions for [indices:data/write/index]'.length; cut < whole.length - 1; cut += 3) {
    const c = classifyResponse({ statusCode: 403, body: whole.slice(0, cut), headers: { 'content-type': 'application/json' } });
    assert.equal(c.kind, 'security_exception', `cut at ${cut}`);
    const d = c.details as { actions: string[]; user: { name: string } | null };
    assert.deepEqual(d.actions, ['indices:data/write/index'], `cut at ${cut}`);
    assert.ok(d.user === null || d.user.name === 'u', `cut at ${cut}: ${d.user?.name}`);
  }
});
