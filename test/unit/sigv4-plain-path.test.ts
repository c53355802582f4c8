/**
 * The plain-ASCII fast path of signRequest (our own canonical request) against aws4 signing the
 * same request the general way: identical headers, path and signature for every plain target,
 * and the general path still taken for targets with escapes, non-ASCII or unusual queries.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import aws4 from 'aws4';
import { loadSigner, signRequest } from '../../src/auth/sigv4/sign.js';

// signRequest signs targets outside the plain fast path with aws4, which the SigV4 strategy loads lazily.
before(async () => {
  await loadSigner();
});

const CREDS = { accessKeyId: 'AKIDPLAINPATH', secretAccessKey: 'plain/secret+key=', sessionToken: 'plain-session' };
const NOW = new Date('2026-11-30T20:15:42.123Z');

/** aws4 over the same headers and target (no fast path involved). */
function viaAws4(method: string, path: string, headers: Record<string, string>, region: string, service: string, creds = CREDS): string {
  const signed = aws4.sign({ method, host: headers.host, path, headers: { ...headers }, service, region }, { ...creds });
  return String((signed.headers as Record<string, string>).Authorization);
}

const PLAIN_TARGETS = [
  '/', '', '/flights/_search', '/a//b/', '/a/./b/../c', '/..', '/_bulk?refresh=wait_for', '/i/_doc/1?if_seq_no=3&if_primary_term=1',
  '/x?b=2&a=1&a=0&c=', '/_cat/indices?format=json&h=index~x.y-z', '/a/.', '/a/b/',
];

test('plain targets: our canonical request signs exactly what aws4 signs', () => {
  for (const service of ['es', 'aoss'] as const) {
    for (const path of PLAIN_TARGETS) {
      for (const method of ['GET', 'post']) {
        const parts = signRequest(
          { method, host: 'search-x.us-west-2.es.amazonaws.com', path, headers: { 'content-type': 'application/json', 'X-Amz-Meta': '  a   b ', 'user-agent': 'x' }, body: '{"q":1}' },
          CREDS,
          { region: 'us-west-2', service },
          NOW,
        );
        const headers = { ...parts.headers };
        delete (headers as Record<string, string | undefined>).authorization;
        const expected = viaAws4(method.toUpperCase(), parts.path ?? path, headers, 'us-west-2', service);
        assert.equal(parts.headers.authorization, expected, `${service} ${method} ${path}`);
        assert.equal(parts.headers['x-amz-date'], '20261130T201542Z');
      }
    }
  }
});

test('the signing key follows the day and the credentials (cache keyed by both)', () => {
  const request = { method: 'GET', host: 'h.example', path: '/a', headers: {}, body: null };
  const scope = { region: 'eu-west-1', service: 'es' as const };
  const day1 = signRequest(request, CREDS, scope, new Date('2026-11-30T23:59:59Z')).headers.authorization;
  const day2 = signRequest(request, CREDS, scope, new Date('2026-12-01T00:00:00Z')).headers.authorization;
  assert.match(String(day1), /Credential=AKIDPLAINPATH\/20261130\/eu-west-1\/es\/aws4_request/);
  assert.match(String(day2), /Credential=AKIDPLAINPATH\/20261201\/eu-west-1\/es\/aws4_request/);
  const otherCreds = { ...CREDS, secretAccessKey: 'another/secret' };
  const other = signRequest(request, otherCreds, scope, new Date('2026-12-01T00:00:00Z')).headers;
  assert.notEqual(other.authorization, day2);
  const { authorization, ...rest } = other;
  assert.equal(authorization, viaAws4('GET', '/a', rest, 'eu-west-1', 'es', otherCreds));
  // and back to the first credentials on the same day: their own key again
  assert.equal(signRequest(request, CREDS, scope, new Date('2026-12-01T00:00:00Z')).headers.authorization, day2);
});
