/**
 * What a credential provider hands back (or throws) is hostile input: each class of defect
 * credentials-hostile-fuzz found, pinned by one case. Thrown Proxies whose traps throw stay inside a
 * CredentialsError; an answer is read once, field by field, so getters cannot pass the checks with one
 * value and be signed with another; a key id that is not letters, digits or underscores never reaches the
 * Authorization header; an expiry is the time the Date holds, not what its methods claim; the secrets of
 * an answer that was refused are still redacted; a basic password provider's refusal names its source.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { createClient } from '../../src/client/create-client.js';
import { CredentialsError } from '../../src/errors/classes.js';
import { useRecordingStub, type RecordingStub } from '../support/recording-stub.js';
import { verifySigV4 } from '../domain/edge/sigv4.js';

let stub: RecordingStub;
useRecordingStub((s) => { stub = s; });

const SECRET = 'Hx/9+answer-secret-Kq7Zr';
const TOKEN = 'IQoJHostileAnswerToken77x';
const HOUR = 3_600_000;

/** A client whose provider answers `answers[i]` on call i (a function is called, its result returned). */
function clientWith(answers: ReadonlyArray<() => unknown>): { client: ReturnType<typeof createClient>; calls: () => number } {
  let calls = 0;
  const client = createClient({
    node: stub.url,
    auth: { mode: 'iam', region: 'us-east-1', credentials: (async () => (answers[Math.min(calls++, answers.length - 1)] as () => unknown)()) as never },
    retry: { retries: 0 },
  });
  return { client, calls: () => calls };
}

/** The call's error, every rendering of it in one string. */
async function failure(call: Promise<unknown>): Promise<{ error: unknown; text: string }> {
  const error = await call.then(() => assert.fail('expected a failure'), (e: unknown) => e);
  const text = [String(error), (error as Error).stack, JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })].join('\n');
  return { error, text };
}

test('a provider that throws a Proxy whose traps throw, or a revoked Proxy: a CredentialsError naming the source, without what it threw', async () => {
  // the secret under its key (the client never saw it: by key is how it is found); the trap's text is never read
  const trapping = new Proxy(new Error(`refused secretAccessKey: ${SECRET}`), { getPrototypeOf: () => { throw new Error(`trap ${SECRET}`); } });
  const revoked = Proxy.revocable(new Error(`refused secretAccessKey: ${SECRET}`), {});
  revoked.revoke();
  for (const thrown of [trapping, revoked.proxy]) {
    const { client } = clientWith([() => { throw thrown; }]);
    const { error, text } = await failure(client.info());
    assert.ok(error instanceof CredentialsError, String(error));
    assert.equal(error.source, 'aws:credentials-provider');
    assert.match(error.message, /credential source aws:credentials-provider failed/);
    assert.ok(!text.includes(SECRET), text);
    assert.equal(stub.received.length, 0);
    await client.close();
  }
});

test('an answer is read once: getters that give other values on a second read are signed with the first', async () => {
  const reads: Record<string, number> = {};
  const answer: Record<string, unknown> = {};
  const first: Record<string, unknown> = { accessKeyId: 'AKIDFIRSTREAD', secretAccessKey: SECRET, sessionToken: TOKEN, expiration: new Date(Date.now() + HOUR) };
  const later: Record<string, unknown> = { accessKeyId: 'AKID EVIL, Signature=00', secretAccessKey: 'other', sessionToken: `${TOKEN}\r\nx-evil: 1`, expiration: new Date(0) };
  for (const key of Object.keys(first)) {
    Object.defineProperty(answer, key, { enumerable: true, get: () => ((reads[key] = (reads[key] ?? 0) + 1) === 1 ? first[key] : later[key]) });
  }
  const { client, calls } = clientWith([() => answer]);
  assert.equal((await client.info()).statusCode, 200);
  assert.equal(calls(), 1, 'not taken for expired');
  assert.deepEqual(reads, { accessKeyId: 1, secretAccessKey: 1, sessionToken: 1, expiration: 1 });
  assert.match(stub.received[0]?.headers.authorization?.[0] ?? '', /^AWS4-HMAC-SHA256 Credential=AKIDFIRSTREAD\//);
  assert.equal(stub.received[0]?.headers['x-amz-security-token']?.[0], TOKEN);
  await client.close();
});

test('a key id that is not letters, digits or underscores (space, comma, slash, 129 characters) is refused, nothing is sent', async () => {
  for (const accessKeyId of ['AKID X', 'AKID,Signature=00', 'AKID/20200101/us-east-1', 'A'.repeat(129), 'AKID\u00e9']) {
    const { client } = clientWith([() => ({ accessKeyId, secretAccessKey: SECRET, sessionToken: TOKEN })]);
    const { error } = await failure(client.info());
    assert.ok(error instanceof CredentialsError && /accessKeyId that is not 1 to 128 letters, digits or underscores/.test(error.message), String(error));
    await client.close();
  }
  assert.equal(stub.received.length, 0);
});

test('a key id with underscores (IAM allows [\\w]+) is signed as given, from a provider and as static credentials; the signature verifies', async () => {
  const provided = clientWith([() => ({ accessKeyId: 'AKID_PROVIDED_1', secretAccessKey: SECRET, sessionToken: TOKEN })]);
  const statics = createClient({ node: stub.url, auth: { mode: 'iam', region: 'us-east-1', credentials: { accessKeyId: 'AKID_STATIC_2', secretAccessKey: SECRET } }, retry: { retries: 0 } });
  assert.equal((await provided.client.info()).statusCode, 200);
  assert.equal((await statics.info()).statusCode, 200);
  const known = new Map([['AKID_PROVIDED_1', TOKEN], ['AKID_STATIC_2', undefined]]);
  assert.equal(stub.received.length, 2);
  for (const received of stub.received) {
    const id = /^AWS4-HMAC-SHA256 Credential=([^/]*)\//.exec(received.headers.authorization?.[0] ?? '')?.[1] ?? '';
    assert.ok(known.has(id), id);
    const token = known.get(id);
    const verdict = await verifySigV4(received, {
      region: 'us-east-1', service: 'es', now: new Date(),
      findCredential: (asked) => (asked === id ? { accessKeyId: id, secretAccessKey: SECRET, arn: 'arn:aws:iam::123456789012:role/Underscore', ...(token !== undefined ? { sessionToken: token } : {}) } : undefined),
    });
    assert.ok(verdict.ok, verdict.ok ? '' : verdict.reason);
  }
  await Promise.all([provided.client.close(), statics.close()]);
});

test('an expiry is the time the Date holds: one that claims the future but has expired is refused, one that claims the past is used', async () => {
  const lying = (real: number, claimed: number): Date => Object.defineProperties(new Date(real), { getTime: { value: () => claimed }, valueOf: { value: () => claimed } });
  const expired = clientWith([() => ({ accessKeyId: 'AKIDLIAR', secretAccessKey: SECRET, expiration: lying(Date.now() - HOUR, Date.now() + HOUR) })]);
  const { error } = await failure(expired.client.info());
  assert.ok(error instanceof CredentialsError && /already expired/.test(error.message), String(error));
  assert.equal(expired.calls(), 2, 'asked once more, at once');
  assert.equal(stub.received.length, 0, 'never signed with expired credentials');
  await expired.client.close();

  const fresh = clientWith([() => ({ accessKeyId: 'AKIDHONEST', secretAccessKey: SECRET, expiration: lying(Date.now() + HOUR, Date.now() - HOUR) })]);
  assert.equal((await fresh.client.info()).statusCode, 200);
  assert.equal(fresh.calls(), 1);
  // a look-alike made from Date.prototype is no Date
  const fake = clientWith([() => ({ accessKeyId: 'AKIDFAKE', secretAccessKey: SECRET, expiration: Object.create(Date.prototype) as unknown })]);
  const fakeFailure = await failure(fake.client.info());
  assert.ok(fakeFailure.error instanceof CredentialsError && /expiration that is not a valid Date/.test(fakeFailure.error.message), String(fakeFailure.error));
  await Promise.all([fresh.client.close(), fake.client.close()]);
});

test('the secrets of an answer that was refused are redacted when a later failure quotes them', async () => {
  const { client } = clientWith([
    () => ({ accessKeyId: 'AKIDREFUSED', secretAccessKey: SECRET, sessionToken: `${TOKEN}\n` }),
    () => { throw new Error(`the vault says ${SECRET} and ${TOKEN}\n are revoked`); },
  ]);
  const refused = await failure(client.info());
  assert.ok(refused.error instanceof CredentialsError, String(refused.error));
  const quoted = await failure(client.info());
  assert.ok(quoted.error instanceof CredentialsError, String(quoted.error));
  assert.match(quoted.text, /the vault says/);
  assert.ok(!quoted.text.includes(SECRET) && !quoted.text.includes(TOKEN), quoted.text);
  await client.close();
});

test('a basic password provider that returns no usable password: a CredentialsError whose message names its source and option', async () => {
  for (const value of ['', 42, null, { toString: () => 'pw' }, 'pass\nword', 'pass\0word']) {
    const client = createClient({ node: stub.url, auth: { mode: 'basic', username: 'u', password: (async () => value) as never }, retry: { retries: 0 } });
    const { error } = await failure(client.info());
    assert.ok(error instanceof CredentialsError && error.source === 'basic:password', String(error));
    assert.match(error.message, /credential source basic:password \(the auth\.password provider\) returned/);
    await client.close();
  }
  assert.equal(stub.received.length, 0);
});
