/**
 * P2 class 3, classification is not fooled by data: refusals are classified on structure (status,
 * OpenSearch `error.type`, AWS-shaped top-level message / `__type` / `x-amzn-ErrorType`) and never
 * on text inside an OpenSearch error. A 400 quoting AWS's expired-token sentence must not make the
 * SDK refresh credentials and send a write twice; bare 403s (OpenSearch Serverless, a load
 * balancer's HTML page) are permission errors.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { errors } from '@opensearch-project/opensearch';
import { createClient } from '../../src/client/create-client.js';
import {
  AccessPolicyDeniedError,
  ExpiredCredentialsError,
  ForbiddenError,
  SignatureMismatchError,
  isPermissionError,
} from '../../src/errors/classes.js';
import { classifyResponse } from '../../src/errors/classify.js';
import { answer, startRawStub, type RawStub } from '../support/raw-stub.js';

const EXPIRED_TEXT = 'The security token included in the request is expired';
const SIGNATURE_TEXT = 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.';
const POLICY_TEXT = 'User: anonymous is not authorized to perform: es:ESHttpPost on resource: arn:aws:es:us-east-1:1:domain/d';
const SERVERLESS_403 = { status: 403, 'request-id': '6bd0e1f4-0d3c-9f51-a3a2-5c1d7c0b9a11', error: { reason: '403 Forbidden', type: 'Forbidden' } };
const HTML_403 = '<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n</body>\r\n</html>\r\n';

/** A mapper_parsing_exception whose value preview quotes `quoted` (the user's own document text). */
function mapperError(quoted: string): unknown {
  const reason = `failed to parse field [note] of type [long] in document with id '1'. Preview of field's value: '${quoted}'`;
  return { error: { root_cause: [{ type: 'mapper_parsing_exception', reason }], type: 'mapper_parsing_exception', reason }, status: 400 };
}

let stub: RawStub;
let next: { status: number; body: unknown; headers?: Record<string, string> } = { status: 200, body: {} };
before(async () => {
  stub = await startRawStub((_req, res) => answer(res, next.status, next.body, next.headers));
});
after(async () => {
  await stub.close();
});

describe('hostile classify: text inside an OpenSearch error is data', () => {
  test('a 400 quoting the expired-token sentence: no credential refresh, the write is sent ONCE', async () => {
    next = { status: 400, body: mapperError(EXPIRED_TEXT) };
    let calls = 0;
    const client = createClient({
      node: stub.url,
      auth: { mode: 'iam', region: 'us-east-1', credentials: async () => (calls++, { accessKeyId: `AKIDHOSTILE${calls}`, secretAccessKey: 'hostile-secret' }) },
    });
    const before = stub.received.length;
    const error = await client.index({ index: 'notes', body: { note: EXPIRED_TEXT } }).catch((e: unknown) => e);
    assert.ok(error instanceof errors.ResponseError);
    assert.ok(!(error instanceof ExpiredCredentialsError), `classified as ${(error as Error).name}`);
    assert.equal(isPermissionError(error), false);
    assert.equal(stub.received.length - before, 1, 'the write must be sent exactly once');
    assert.equal(calls, 1, 'no forced credential refresh');
    await client.close();
  });

  test('quoted signature-mismatch and access-policy texts stay unclassified', () => {
    for (const text of [SIGNATURE_TEXT, POLICY_TEXT, EXPIRED_TEXT, 'The security token included in the request is invalid']) {
      for (const status of [400, 401, 403]) {
        const c = classifyResponse({ statusCode: status, body: mapperError(text) });
        assert.ok(!['expired_credentials', 'signature_mismatch', 'access_policy_denied'].includes(c.kind), `${status} ${text}: ${c.kind}`);
      }
      // a plain-text 400 may quote the request too
      const plain = classifyResponse({ statusCode: 400, body: `Bad request: could not parse '${text}'` });
      assert.ok(!['expired_credentials', 'signature_mismatch', 'access_policy_denied'].includes(plain.kind), `text 400 ${text}: ${plain.kind}`);
    }
  });

  test('property: no OpenSearch error body becomes an AWS kind, whatever its text', () => {
    const awsPhrase = fc.constantFrom(EXPIRED_TEXT, SIGNATURE_TEXT, POLICY_TEXT, 'ExpiredTokenException', 'InvalidSignatureException', 'Signature expired: 20240101T000000Z is now earlier than', 'Credential should be scoped to a valid region');
    const type = fc.oneof(fc.constantFrom('mapper_parsing_exception', 'illegal_argument_exception', 'parsing_exception', 'version_conflict_engine_exception', 'cluster_block_exception', 'x_content_parse_exception'), fc.stringMatching(/^[a-z_]{1,30}$/));
    fc.assert(
      fc.property(fc.constantFrom(400, 401, 403, 404, 409), type, fc.string({ maxLength: 40 }), awsPhrase, fc.string({ maxLength: 40 }), fc.boolean(),
        (status, errorType, pre, phrase, post, inRootCause) => {
          const reason = `${pre}${phrase}${post}`;
          const error = inRootCause ? { root_cause: [{ type: errorType, reason }], type: errorType, reason: 'x' } : { type: errorType, reason };
          const c = classifyResponse({ statusCode: status, body: { error, status } });
          assert.ok(!['expired_credentials', 'signature_mismatch', 'access_policy_denied'].includes(c.kind), `${status} ${errorType}: ${c.kind}`);
        }),
      { numRuns: 400, seed: 0x12c1a55 },
    );
  });

  test('AWS-shaped bodies are still classified, by type first: __type and x-amzn-ErrorType', () => {
    const byType = classifyResponse({ statusCode: 403, body: { __type: 'com.amazon.coral.service#ExpiredTokenException', message: 'Credentials no longer valid' } });
    assert.equal(byType.kind, 'expired_credentials');
    const byHeader = classifyResponse({ statusCode: 403, headers: { 'x-amzn-ErrorType': 'InvalidSignatureException:http://internal.amazon.com/coral/' }, body: { message: 'Rejected' } });
    assert.equal(byHeader.kind, 'signature_mismatch');
    const throttled = classifyResponse({ statusCode: 400, headers: { 'x-amzn-errortype': 'ThrottlingException' }, body: { message: 'Rate exceeded' } });
    assert.equal(throttled.kind, 'throttled');
    assert.equal(classifyResponse({ statusCode: 403, body: { message: EXPIRED_TEXT } }).kind, 'expired_credentials');
    assert.equal(classifyResponse({ statusCode: 403, body: { Message: POLICY_TEXT } }).kind, 'access_policy_denied');
  });
});

describe('hostile classify: bare 403s are permission errors', () => {
  test('OpenSearch Serverless 403 -> ForbiddenError (serverless), isPermissionError, not retried', async () => {
    next = { status: 403, body: SERVERLESS_403 };
    const client = createClient({ node: stub.url, auth: { mode: 'iam', region: 'us-east-1', service: 'aoss', credentials: { accessKeyId: 'AKIDAOSS', secretAccessKey: 'S' } } });
    const before = stub.received.length;
    const error = await client.search({ index: 'x' }).catch((e: unknown) => e);
    assert.ok(error instanceof ForbiddenError, String(error));
    assert.equal(error.origin, 'serverless');
    assert.equal(error.kind, 'forbidden');
    assert.ok(isPermissionError(error));
    assert.ok(error instanceof errors.ResponseError);
    assert.match(error.message, /Serverless/);
    assert.equal(stub.received.length - before, 1);
    await client.close();
  });

  test('an HTML 403 page from a load balancer -> ForbiddenError (gateway)', async () => {
    next = { status: 403, body: HTML_403 };
    const client = createClient({ node: stub.url, auth: { mode: 'basic', username: 'u', password: 'html-page-password' } });
    const error = await client.info().catch((e: unknown) => e);
    assert.ok(error instanceof ForbiddenError, String(error));
    assert.equal(error.origin, 'gateway');
    assert.ok(isPermissionError(error));
    assert.match(error.message, /403 Forbidden/);
    await client.close();
  });

  test('a 403 that is an OpenSearch error of another type (index read-only block) is NOT a permission error', () => {
    const reason = 'index [flights] blocked by: [FORBIDDEN/8/index write (api)];';
    const c = classifyResponse({ statusCode: 403, body: { error: { root_cause: [{ type: 'cluster_block_exception', reason }], type: 'cluster_block_exception', reason }, status: 403 } });
    assert.equal(c.kind, 'unclassified');
  });

  test('the typed classes the structure picks are exactly the documented ones', () => {
    assert.ok(!(classifyResponse({ statusCode: 403, body: SERVERLESS_403 }).kind === 'access_policy_denied'));
    assert.equal(classifyResponse({ statusCode: 403, body: 'Forbidden' }).kind, 'forbidden');
    assert.equal(AccessPolicyDeniedError.name, 'AccessPolicyDeniedError');
    assert.equal(SignatureMismatchError.name, 'SignatureMismatchError');
  });
});
