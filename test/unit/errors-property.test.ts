/**
 * fast-check properties of the classifier (classifyResponse / toTypedError):
 * 1. it never throws, whatever the status code, headers and body (strings, objects, nested
 *    garbage, hostile proxies and getters, huge strings and buffers), and what it returns renders;
 * 2. secrets placed in the request of an error's meta (Authorization and x-amz-security-token
 *    headers, X-Amz-Signature / X-Amz-Credential query values, password / hash body fields,
 *    user info of the node URL), and echoed by AWS-shaped response bodies, never appear in the
 *    typed error's message, String(), stack, JSON.stringify or util.inspect output, nor anywhere
 *    in the classification (message and parsed details), also when reading the meta throws.
 * (test/unit/errors-redact.test.ts holds the seeded-PRNG version over the documented shapes.)
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { errors, type ApiResponse } from '@opensearch-project/opensearch';
import { classifyResponse, toTypedError } from '../../src/errors/classify.js';
import { shareRuns, takesAllCases } from '../support/fuzz-share.js';

const KINDS = new Set([
  'unauthorized', 'security_exception', 'access_policy_denied', 'expired_credentials', 'signature_mismatch',
  'throttled', 'index_not_found', 'security_api', 'unavailable', 'unclassified',
  'forbidden', // bare 403s (OpenSearch Serverless, gateway pages): a permission error since P2
]);
/** Runs and seed of each property: as given to replay, else this run's share of the default (test/support/fuzz-share.ts). */
const { numRuns: RUNS, seed: SEED } = process.env.ERRORS_PROPERTY_RUNS !== undefined || process.env.FC_SEED !== undefined
  ? { numRuns: Number(process.env.ERRORS_PROPERTY_RUNS ?? 300), seed: Number(process.env.FC_SEED ?? 0x5ec7e7) }
  : shareRuns(300, 0x5ec7e7);

/** opensearch-js with `enableLongNumeralSupport` parses long numerals into BigInt, which bare JSON.stringify rejects. */
function bigintSafe(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? `${value}n` : value;
}

/** True when some object inside has adopted a data object (not a class prototype) as its prototype. */
function adoptedPrototype(value: unknown, depth = 0): boolean {
  if (value === null || typeof value !== 'object' || depth > 20) return false;
  try {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== null && typeof proto === 'object' && !Object.prototype.hasOwnProperty.call(proto, 'constructor')) return true;
    return Object.values(value).some((v) => adoptedPrototype(v, depth + 1));
  } catch {
    return false;
  }
}

/**
 * Every textual rendering of an error a user or a logger may produce. All of them must work:
 * String(err), `${err}` and bare JSON.stringify(err) included, also when the body holds a BigInt
 * (opensearch-js `enableLongNumeralSupport`) or a JSON `__proto__` key.
 */
function renderings(e: unknown): Record<string, string> {
  const err = e as Error & { meta?: { body?: unknown } };
  return {
    message: String(err.message),
    string: String(err),
    template: `${err.name}: ${err.message} ${err as unknown as string}`,
    jsonBare: JSON.stringify(err) ?? '',
    stack: String(err.stack),
    json: JSON.stringify(err, bigintSafe),
    inspect: inspect(err, { depth: Infinity }),
    inspectHidden: inspect(err, { depth: 6, showHidden: true }),
    metaInspect: inspect(err.meta, { depth: Infinity }),
    metaJson: JSON.stringify(err.meta, bigintSafe) ?? '',
  };
}

/** A ResponseError whose meta is exactly `meta` (opensearch-js's constructor is given a benign copy: it derefs the body). */
function responseError(meta: Record<string, unknown>): errors.ResponseError {
  const err = new errors.ResponseError({ body: null, statusCode: 500, headers: null, warnings: null, meta: {} } as unknown as ApiResponse);
  (err as { meta: unknown }).meta = meta;
  return err;
}

// ---------------------------------------------------------------- property 1: never throws

/** Gives a hostile value a name fast-check prints, so a failure report never touches its traps. */
function labelled<T extends object>(name: string, value: T): T {
  Object.defineProperty(value, fc.toStringMethod, { value: () => `hostile:${name}`, enumerable: false });
  return value;
}

function throwingProxy(): object {
  const fail = (what: string) => (): never => {
    throw new Error(`${what} trap`);
  };
  const label = (): string => 'hostile:proxy';
  return new Proxy(
    {},
    {
      // fast-check looks for its own symbols (clone / print); everything else throws.
      get: (_t, key) => (key === fc.toStringMethod ? label : fail('get')()),
      has: (_t, key) => (key === fc.toStringMethod ? true : typeof key === 'symbol' ? false : fail('has')()),
      ownKeys: fail('ownKeys'),
      getPrototypeOf: fail('getPrototypeOf'),
      getOwnPropertyDescriptor: fail('getOwnPropertyDescriptor'),
      set: fail('set'),
      defineProperty: fail('defineProperty'),
      deleteProperty: fail('deleteProperty'),
    },
  );
}

/** Values built to make a careless reader throw. */
const HOSTILE: Array<() => unknown> = [
  throwingProxy,
  () => labelled('error-getter', Object.defineProperty({}, 'error', { enumerable: true, get: () => { throw new Error('error getter'); } })),
  () => labelled('message-getter', Object.defineProperty({ status: 403 }, 'message', { enumerable: true, get: () => { throw new Error('message getter'); } })),
  () => labelled('toJSON', { toJSON: () => { throw new Error('toJSON'); }, error: { type: 'security_exception' } }),
  () => labelled('reason-toString', { error: { type: 'security_exception', reason: { toString: () => { throw new Error('toString'); } }, root_cause: 'not-an-array' } }),
  () => ({ error: { root_cause: [null, 1, { type: 7 }], type: ['x'] } }),
  () => {
    const o: Record<string, unknown> = { error: { type: 'security_exception', reason: 'no permissions for [' } };
    o.self = o;
    (o.error as Record<string, unknown>).parent = o;
    return labelled('circular', o);
  },
  () => labelled('toPrimitive', Object.assign(Object.create(null) as object, { [Symbol.toPrimitive]: () => { throw new Error('toPrimitive'); }, message: 'x' })),
  () => labelled('valueOf', { Message: { valueOf: () => { throw new Error('valueOf'); } }, status: 'error', reason: Symbol('r') }),
  () => {
    const a: unknown[] = [1, 2];
    Object.defineProperty(a, 0, { get: () => { throw new Error('index getter'); } });
    return labelled('index-getter', a);
  },
  () => Object.freeze({ error: Object.freeze({ type: 'index_not_found_exception', index: 12, reason: null }) }),
  () => labelled('stream', { pipe: () => { throw new Error('pipe'); }, on: () => undefined }),
  () => new Map([['error', { type: 'security_exception' }]]),
  () => BigInt('123456789012345678901234567890'),
  () => Symbol('body'),
  () => () => 'a function body',
];
const hostileArb = fc.integer({ min: 0, max: HOSTILE.length - 1 }).map((i) => (HOSTILE[i] as () => unknown)());

/** JSON bodies with own `__proto__` keys (JSON.parse creates them) and long numerals as BigInt. */
const protoBodyArb = fc
  .tuple(fc.constantFrom('{"__proto__":{"kept":1}}', '{"error":{"__proto__":{"type":"security_exception"},"type":"x"},"__proto__":[]}', '{"__proto__":{"toJSON":1,"password":"p-Secret-1"},"status":"error","reason":"r"}', '{"a":[{"__proto__":null}]}'), fc.option(fc.bigInt(), { nil: undefined }))
  .map(([text, long]) => {
    const body = JSON.parse(text) as Record<string, unknown>;
    if (long !== undefined) body.took = long;
    return body;
  });

const garbageArb = fc.anything({
  maxDepth: 4,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
});

const REASON_FRAGMENTS = [
  'no permissions for [', ']', '[', ',', ', ', ' and User [name=', ', backend_roles=[', ', roles=[', ', requestedTenant=', 'null',
  ' and associated roles [', 'indices:data/read/search', 'cluster:monitor/health', 'new-user', 'all_access', 'Unauthorized',
  'User: arn:aws:iam::123456789012:role/R is not authorized to perform: es:ESHttpGet', ' on resource: ', 'because no identity-based policy allows',
  'The security token included in the request is expired', 'The request signature we calculated does not match', 'Signature expired: ',
  '\n', '\\', '"', '%', '%zz', 'Authentication finally failed', 'Too many requests', 'rejected execution', 'Security not initialized',
];
const reasonArb = fc.array(fc.oneof(fc.constantFrom(...REASON_FRAGMENTS), fc.string({ unit: 'grapheme', maxLength: 8 })), { maxLength: 40 }).map((parts) => parts.join(''));

/** Huge inputs: repeated fragments well past the classifier's 64 KiB / 1 MiB limits. */
const hugeStringArb = fc
  .tuple(fc.oneof(fc.constantFrom('x', '[', '{"a":', 'no permissions for [', '"password":"', 'é', '\\'), reasonArb.filter((s) => s !== '')), fc.integer({ min: 70_000, max: 1_500_000 }))
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));

const shapedBodyArb = fc.oneof(
  fc.record({ error: fc.record({ type: fc.constantFrom('security_exception', 'index_not_found_exception', 'parsing_exception', 'x'), reason: fc.oneof(reasonArb, garbageArb), root_cause: fc.oneof(fc.array(garbageArb, { maxLength: 3 }), garbageArb), index: garbageArb }, { requiredKeys: [] }), status: garbageArb }, { requiredKeys: [] }),
  fc.record({ message: fc.oneof(reasonArb, garbageArb), Message: fc.oneof(reasonArb, garbageArb) }, { requiredKeys: [] }),
  fc.record({ status: fc.oneof(fc.constantFrom('error', 'FORBIDDEN', 'NOT_FOUND', 'BAD_REQUEST'), garbageArb), message: fc.oneof(reasonArb, garbageArb), reason: fc.oneof(reasonArb, garbageArb), invalid_keys: garbageArb }, { requiredKeys: [] }),
  fc.record({ error: fc.record({ type: fc.constant('security_exception'), reason: hugeStringArb }) }),
);

/** Bodies as data: anything a parser or a caller could produce, but nothing whose reading throws. */
const dataBodyArb = fc.oneof(
  { weight: 4, arbitrary: garbageArb },
  { weight: 1, arbitrary: protoBodyArb },
  { weight: 4, arbitrary: shapedBodyArb },
  { weight: 3, arbitrary: reasonArb },
  { weight: 2, arbitrary: fc.json() },
  { weight: 2, arbitrary: shapedBodyArb.map((b) => { try { return JSON.stringify(b, bigintSafe) ?? ''; } catch { return '{'; } }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)) },
  { weight: 1, arbitrary: hugeStringArb },
  { weight: 1, arbitrary: hugeStringArb.map((s) => Buffer.from(s)) },
);
const bodyArb = fc.oneof({ weight: 6, arbitrary: dataBodyArb }, { weight: 1, arbitrary: hostileArb });

const statusArb = fc.oneof(
  fc.constantFrom(400, 401, 403, 404, 409, 429, 500, 502, 503, 504),
  fc.integer({ min: 100, max: 599 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, undefined, Number.NaN, Number.POSITIVE_INFINITY, -0),
  garbageArb,
);

const headerNameArb = fc.oneof(fc.constantFrom('retry-after', 'Retry-After', 'www-authenticate', 'WWW-Authenticate', 'x-amzn-requestid', 'x-amz-request-id', 'x-opaque-id', 'content-type', 'set-cookie'), fc.string({ maxLength: 20 }));
const headerValueArb = fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom('Basic realm="OpenSearch Security"', 'Bearer realm="x"', '120', 'Wed, 21 Oct 2015 07:28:00 GMT', '1e400', '-5', ''), fc.array(fc.string(), { maxLength: 3 }), fc.integer(), fc.double(), garbageArb);
/** Header maps as opensearch-js hands them over (values are strings, string arrays or numbers). */
const httpHeadersArb = fc.oneof(
  fc.dictionary(headerNameArb, fc.oneof(fc.string({ maxLength: 60 }), fc.array(fc.string(), { maxLength: 3 }), fc.integer()), { maxKeys: 6 }),
  fc.constantFrom(null, undefined),
);
const headersArb = fc.oneof(fc.dictionary(headerNameArb, headerValueArb, { maxKeys: 6 }), fc.constantFrom(null, undefined), garbageArb, hostileArb);
const textArb = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.constantFrom('/flights/_search?q=%zz', '/%E0%A4%A/_doc/1', '/a,b/_search', '/_search', ''), garbageArb);

function assertClassification(c: ReturnType<typeof classifyResponse>): void {
  assert.ok(KINDS.has(c.kind), `kind ${String(c.kind)}`);
  assert.equal(typeof c.message, 'string');
  assert.equal(typeof c.statusCode, 'number');
  assert.equal(typeof c.method, 'string');
  assert.equal(typeof c.path, 'string');
  assert.ok(c.kind === 'unclassified' ? c.details === null : typeof c.details === 'object' && c.details !== null);
}

describe('property: the classifier never throws', () => {
  test('toTypedError with hostile headers, body or meta (throwing proxies, getters, toJSON): no throw, and what it returns renders', () => {
    // When reading the meta throws, toTypedError still replaces it with a redacted copy, so rendering
    // never meets the hostile values again.
    fc.assert(
      fc.property(headersArb, statusArb, bodyArb, fc.oneof(garbageArb, hostileArb), (headers, statusCode, body, inner) => {
        const typed = toTypedError(responseError({ body, statusCode, headers, warnings: null, meta: inner }));
        assert.ok(typed instanceof errors.ResponseError);
        assert.equal(typeof typed.message, 'string');
        for (const [where, text] of Object.entries(renderings(typed))) assert.equal(typeof text, 'string', where);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  test(`classifyResponse over ${RUNS} arbitrary status / headers / body / method / path`, () => {
    fc.assert(
      fc.property(statusArb, headersArb, bodyArb, textArb, textArb, (statusCode, headers, body, method, path) => {
        const c = classifyResponse({ statusCode, headers, body, method, path } as Parameters<typeof classifyResponse>[0]);
        assertClassification(c);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  test('classifyResponse given no object at all, or a hostile one', () => {
    fc.assert(
      fc.property(fc.oneof(garbageArb, hostileArb), (input) => {
        assertClassification(classifyResponse(input as Parameters<typeof classifyResponse>[0]));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  test(`toTypedError over ${RUNS} ResponseErrors with arbitrary meta, and over non-errors; what it returns renders`, () => {
    const metaArb = fc.record(
      {
        body: dataBodyArb,
        statusCode: statusArb,
        headers: httpHeadersArb,
        warnings: fc.oneof(fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), garbageArb),
        meta: fc.oneof(
          fc.record({ request: fc.record({ params: fc.record({ method: textArb, path: textArb, body: dataBodyArb, headers: httpHeadersArb, querystring: fc.oneof(fc.string(), fc.dictionary(fc.string(), fc.string())) }, { requiredKeys: [] }) }, { requiredKeys: [] }), connection: garbageArb, context: garbageArb }, { requiredKeys: [] }),
          garbageArb,
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(metaArb, fc.constantFrom('response', 'connection', 'timeout', 'plain'), (meta, shape) => {
        let input: unknown;
        if (shape === 'response') input = responseError(meta);
        else if (shape === 'connection') input = new errors.ConnectionError('connect ECONNREFUSED', meta as unknown as ApiResponse);
        else if (shape === 'timeout') input = new errors.TimeoutError('Request timed out', meta as unknown as ApiResponse);
        else input = meta.body;
        const typed = toTypedError(input);
        if (shape === 'response') assert.ok(typed instanceof errors.ResponseError, 'a ResponseError stays a ResponseError');
        if (shape === 'connection' || shape === 'timeout') assert.equal(typed, input, 'non-response errors are returned as the same object');
        if (typed instanceof Error) {
          for (const [where, text] of Object.entries(renderings(typed))) assert.equal(typeof text, 'string', where);
          // Redacted copies keep JSON `__proto__` keys as keys: no copy adopts a data object as its prototype.
          assert.equal(adoptedPrototype((typed as { meta?: unknown }).meta), false, 'a copy adopted a __proto__ value as its prototype');
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

// ---------------------------------------------------------------- property 2: no secret leaks

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const charsOf = (alphabet: string): fc.Arbitrary<string> => fc.constantFrom(...alphabet.split(''));
/** Enough distinct characters that the secret cannot occur by chance (e.g. as indentation) in a rendering. */
const distinctive = (s: string): boolean => new Set(s).size >= 8;

const passwordArb = fc
  .string({ unit: fc.oneof({ weight: 8, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) }, { weight: 1, arbitrary: fc.constantFrom('é', 'ß', '日', '🔑') }), minLength: 12, maxLength: 40 })
  .filter(distinctive);
const secretsArb = fc.record({
  password: passwordArb,
  newPassword: passwordArb,
  sessionToken: fc.string({ unit: charsOf(B64), minLength: 24, maxLength: 120 }).filter(distinctive),
  signature: fc.string({ unit: charsOf(HEX), minLength: 64, maxLength: 64 }).filter(distinctive),
  accessKeyId: fc.string({ unit: charsOf('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'), minLength: 16, maxLength: 16 }).filter(distinctive).map((s) => `ASIA${s}`),
  bearer: fc.tuple(fc.string({ unit: charsOf(`${ALNUM}-_`), minLength: 10, maxLength: 40 }), fc.string({ unit: charsOf(`${ALNUM}-_`), minLength: 10, maxLength: 40 })).map(([a, b]) => `eyJhbGciOiJIUzI1NiJ9.${a}.${b}`).filter(distinctive),
  hash: fc.string({ unit: charsOf(`./${ALNUM}`), minLength: 53, maxLength: 53 }).filter(distinctive).map((s) => `$2y$12$${s}`),
});
type Secrets = typeof secretsArb extends fc.Arbitrary<infer T> ? T : never;

/** The forms in which each secret could show up: raw, JSON-escaped, URL-encoded, base64 of user:password. */
function needles(s: Secrets): Array<{ what: string; value: string }> {
  const out: Array<{ what: string; value: string }> = [];
  for (const [what, value] of Object.entries(s) as Array<[keyof Secrets, string]>) {
    out.push({ what, value });
    const json = JSON.stringify(value).slice(1, -1);
    if (json !== value) out.push({ what: `${what} (JSON-escaped)`, value: json });
    const url = encodeURIComponent(value);
    if (url !== value) out.push({ what: `${what} (URL-encoded)`, value: url });
  }
  out.push({ what: 'basic credentials', value: Buffer.from(`master-user:${s.password}`).toString('base64') });
  return out;
}

/** Placement of the secrets in the request (and in response echoes), chosen by the generator. */
const placementArb = fc.record({
  authorization: fc.constantFrom('basic', 'bearer', 'sigv4'),
  headersWhere: fc.constantFrom('params', 'options', 'both'),
  tokenHeaderCase: fc.constantFrom('x-amz-security-token', 'X-Amz-Security-Token'),
  queryWhere: fc.constantFrom('path', 'querystring-string', 'querystring-object', 'both'),
  bodyForm: fc.constantFrom('object', 'json-string', 'buffer', 'ndjson-string', 'bulk-array', 'nested'),
  passwordKey: fc.constantFrom('password', 'new_password', 'current_password', 'PASSWORD', 'opendistro_security_password'),
  urlUserInfo: fc.boolean(),
  response: fc.constantFrom('security', 'unauthorized', 'policy', 'expired', 'mismatch-echo', 'throttled', 'security-api', 'garbage', 'unclassified-echo'),
  padding: fc.integer({ min: 0, max: 400 }),
});

function querystringOf(s: Secrets): string {
  return `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${encodeURIComponent(`${s.accessKeyId}/20240101/us-east-1/es/aws4_request`)}&X-Amz-Signature=${s.signature}&X-Amz-Security-Token=${encodeURIComponent(s.sessionToken)}&pretty=true`;
}

function requestBodyOf(s: Secrets, form: string, passwordKey: string): unknown {
  const doc = { [passwordKey]: s.newPassword, current_password: s.password, hash: s.hash, backend_roles: ['kept-role'], attributes: { note: 'kept' } };
  switch (form) {
    case 'object':
      return doc;
    case 'json-string':
      return JSON.stringify(doc);
    case 'buffer':
      return Buffer.from(JSON.stringify(doc));
    case 'ndjson-string':
      return `{"index":{"_index":"users"}}\n${JSON.stringify(doc)}\n`;
    case 'bulk-array':
      return [{ index: { _index: 'users' } }, doc];
    default:
      return { user: { credentials: doc, list: [doc] } };
  }
}

/** Response bodies: documented shapes, some echoing the request's secrets the way AWS does. */
function responseOf(s: Secrets, kind: string, padding: number): { status: number; headers: Record<string, unknown>; body: unknown } {
  const pad = 'p'.repeat(padding);
  const json = { 'content-type': 'application/json' };
  switch (kind) {
    case 'security':
      return { status: 403, headers: json, body: { error: { root_cause: [{ type: 'security_exception', reason: 'no permissions for [indices:data/read/search] and User [name=new-user, backend_roles=[r1], requestedTenant=null]' }], type: 'security_exception', reason: 'no permissions for [indices:data/read/search] and User [name=new-user, backend_roles=[r1], requestedTenant=null]' }, status: 403 } };
    case 'unauthorized':
      return { status: 401, headers: { 'www-authenticate': 'Basic realm="OpenSearch Security"', 'set-cookie': `security_authentication=${s.sessionToken}` }, body: 'Unauthorized' };
    case 'policy':
      return { status: 403, headers: { ...json, 'x-amzn-requestid': 'req-1' }, body: { Message: `User: arn:aws:sts::123456789012:assumed-role/R/session-1 is not authorized to perform: es:ESHttpGet on resource: arn:aws:es:us-east-1:123456789012:domain/d/flights because no identity-based policy allows the es:ESHttpGet action` } };
    case 'expired':
      return { status: 403, headers: json, body: { message: 'The security token included in the request is expired' } };
    case 'mismatch-echo':
      return {
        status: 403,
        headers: json,
        body: {
          message: `The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.${pad}\n\nThe Canonical String for this request should have been\n'PUT\n/_plugins/_security/api/internalusers/alice\n${querystringOf(s).replace(/&X-Amz-Signature=[^&]*/, '')}\nhost:h\nx-amz-date:20240101T000000Z\nx-amz-security-token:${s.sessionToken}\n\nhost;x-amz-date;x-amz-security-token\n${EMPTY_SHA256}'\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20240101T000000Z\n20240101/us-east-1/es/aws4_request\n${EMPTY_SHA256}'\n`,
        },
      };
    case 'throttled':
      return { status: 429, headers: { ...json, 'retry-after': '2' }, body: { message: `Too many requests${pad}` } };
    case 'security-api':
      return { status: 400, headers: json, body: { status: 'error', reason: `Invalid configuration${pad}`, invalid_keys: { keys: 'hash' } } };
    case 'unclassified-echo':
      return { status: 400, headers: json, body: { error: { type: 'parsing_exception', reason: `bad request${pad} "password":"${s.password.replace(/["\\]/g, '')}" Authorization: Bearer ${s.bearer}` }, status: 400 } };
    default:
      return { status: 500, headers: { 'x-amz-security-token': s.sessionToken }, body: `${pad}\nGET /x?X-Amz-Signature=${s.signature}&x-amz-security-token=${encodeURIComponent(s.sessionToken)} Authorization: Bearer ${s.bearer}` };
  }
}

type Placement = typeof placementArb extends fc.Arbitrary<infer T> ? T : never;

function metaWithSecrets(s: Secrets, p: Placement): { meta: Record<string, unknown>; path: string; response: ReturnType<typeof responseOf> } {
  const basic = Buffer.from(`master-user:${s.password}`).toString('base64');
  const authorization = {
    basic: `Basic ${basic}`,
    bearer: `Bearer ${s.bearer}`,
    sigv4: `AWS4-HMAC-SHA256 Credential=${s.accessKeyId}/20240101/us-east-1/es/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=${s.signature}`,
  }[p.authorization];
  const headers = { authorization, [p.tokenHeaderCase]: s.sessionToken, 'x-amz-date': '20240101T000000Z', 'content-type': 'application/json' };
  const query = querystringOf(s);
  const path = p.queryWhere === 'path' || p.queryWhere === 'both' ? `/_plugins/_security/api/internalusers/alice?${query}` : '/_plugins/_security/api/internalusers/alice';
  const querystring =
    p.queryWhere === 'querystring-string' || p.queryWhere === 'both'
      ? query
      : p.queryWhere === 'querystring-object'
        ? { 'X-Amz-Credential': `${s.accessKeyId}/20240101/us-east-1/es/aws4_request`, 'X-Amz-Signature': s.signature, 'X-Amz-Security-Token': s.sessionToken }
        : undefined;
  const response = responseOf(s, p.response, p.padding);
  const userInfo = p.urlUserInfo ? `master-user:${encodeURIComponent(s.password)}@` : '';
  const meta = {
    body: response.body,
    statusCode: response.status,
    headers: response.headers,
    warnings: null,
    meta: {
      context: null,
      name: 'opensearch-js',
      request: {
        params: {
          method: 'PUT',
          path,
          ...(querystring !== undefined ? { querystring } : {}),
          body: requestBodyOf(s, p.bodyForm, p.passwordKey),
          ...(p.headersWhere !== 'options' ? { headers } : {}),
        },
        options: p.headersWhere !== 'params' ? { headers } : {},
        id: 1,
      },
      // opensearch-js keeps the user info in the URL object and strips it from the connection id.
      connection: { url: new URL(`https://${userInfo}search-d.us-east-1.es.amazonaws.com/`), id: 'https://search-d.us-east-1.es.amazonaws.com/', headers: { authorization }, status: 'alive' },
      attempts: 0,
      aborted: false,
    },
  };
  return { meta, path, response };
}

function assertNoLeak(texts: Record<string, string>, s: Secrets): void {
  for (const { what, value } of needles(s)) {
    for (const [where, text] of Object.entries(texts)) {
      const at = text.indexOf(value);
      assert.ok(at < 0, `${what} leaked in ${where}: …${text.slice(Math.max(0, at - 120), at + value.length + 20)}…`);
    }
  }
}

describe('property: no secret from the request appears in the typed error', () => {
  test(`${RUNS} generated secrets x placements (headers, query, body, URL) x response shapes`, () => {
    const kinds = new Map<string, number>();
    fc.assert(
      fc.property(secretsArb, placementArb, (s, p) => {
        const { meta, path, response } = metaWithSecrets(s, p);
        // The raw opensearch-js error does carry the secrets, so the property means something.
        const raw = responseError(meta);
        assert.ok(inspect(raw.meta, { depth: Infinity }).includes(s.sessionToken));

        const typed = toTypedError(raw) as errors.ResponseError & { kind?: string };
        kinds.set(typed.kind ?? typed.name, (kinds.get(typed.kind ?? typed.name) ?? 0) + 1);
        const c = classifyResponse({ statusCode: response.status, headers: response.headers, body: response.body, method: 'PUT', path });
        // The whole classification is public output: message and parsed details alike.
        assertNoLeak({ ...renderings(typed), classification: JSON.stringify(c), classificationInspect: inspect(c, { depth: Infinity }) }, s);

        // Redaction keeps the structure: harmless fields survive.
        const params = (typed.meta.meta.request.params as unknown as { method: string; body: unknown });
        assert.equal(params.method, 'PUT');
        assert.ok(inspect(params.body, { depth: Infinity }).includes('kept-role') || typeof params.body === 'string' && params.body.startsWith('[binary'), 'non-secret body fields survive');
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // Every documented response shape was exercised (the generator cannot drift silently).
    if (takesAllCases()) for (const kind of ['security_exception', 'unauthorized', 'access_policy_denied', 'expired_credentials', 'signature_mismatch', 'throttled', 'security_api', 'ResponseError']) {
      assert.ok((kinds.get(kind) ?? 0) > 0, `no ${kind} among ${JSON.stringify([...kinds])}`);
    }
  });

  test('when reading the meta throws (hostile body, status getter), the error still comes back redacted', () => {
    const hostileBodyArb = fc.constantFrom(
      () => ({ get status(): number { throw new Error('status getter'); } }),
      () => ({ error: { type: 'security_exception' }, get status(): number { throw new Error('status getter'); } }),
      throwingProxy,
    );
    fc.assert(
      fc.property(secretsArb, placementArb, hostileBodyArb, fc.boolean(), (s, p, makeBody, noStatus) => {
        const { meta } = metaWithSecrets(s, p);
        const raw = responseError({ ...meta, body: makeBody(), ...(noStatus ? { statusCode: undefined } : {}) });
        const typed = toTypedError(raw);
        assert.ok(typed instanceof errors.ResponseError);
        assertNoLeak(renderings(typed), s);
      }),
      { numRuns: Math.ceil(RUNS / 3), seed: SEED },
    );
  });

  test('the same secrets in ConnectionError / TimeoutError meta are redacted in place', () => {
    fc.assert(
      fc.property(secretsArb, placementArb, fc.boolean(), (s, p, timeout) => {
        const { meta } = metaWithSecrets(s, p);
        const err = timeout ? new errors.TimeoutError('Request timed out', meta as unknown as ApiResponse) : new errors.ConnectionError('connect ECONNREFUSED 127.0.0.1:9200', meta as unknown as ApiResponse);
        const out = toTypedError(err);
        assert.equal(out, err);
        assertNoLeak(renderings(out), s);
      }),
      { numRuns: Math.ceil(RUNS / 3), seed: SEED },
    );
  });
});
