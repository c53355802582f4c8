/**
 * Secrets redaction finds by what surrounds them: PEM private key blocks of any origin (plain, JSON-escaped, cut
 * before END), Spring's `on field 'password': rejected value [S]`, a `[key=value]` group (its `]` stays), and the
 * names added in stop 34 (plurals, `pwd`, `pass`, `userpass`). Hostile inputs of 1 MB complete (linear scans; no timed
 * assertion). SENSITIVE_KEY_HINT, the cheap pre-test of request bodies, accepts every name isSensitiveKey accepts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { isSensitiveKey, REDACTED, redactText } from '../../src/errors/redact.js';
import { SENSITIVE_KEY_ENDING, SENSITIVE_KEY_HINT } from '../../src/errors/sensitive-key.js';

const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const KEYS: Array<[string, string]> = [
  ['pkcs8', rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()],
  ['pkcs1 (RSA PRIVATE KEY)', rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()],
  ['sec1 (EC PRIVATE KEY)', ec.privateKey.export({ type: 'sec1', format: 'pem' }).toString()],
  ['encrypted pkcs8', rsa.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-128-cbc', passphrase: 'x' }).toString()],
];

/** The base64 lines of a PEM block: none may survive. */
function bodyLines(pem: string): string[] {
  return pem.split('\n').filter((l) => l !== '' && !l.startsWith('-----'));
}

describe('PEM private key blocks', () => {
  for (const [name, pem] of KEYS) {
    test(`${name}: the body is gone, the BEGIN/END lines and the text around stay`, () => {
      for (const text of [`error: bad key ${pem} after`, JSON.stringify({ error: { reason: `cannot load ${pem}`, index: 'logs' } })]) {
        const out = redactText(text);
        for (const line of bodyLines(pem)) assert.ok(!out.includes(line.slice(0, 40)), `${line.slice(0, 40)} survived`);
        assert.match(out, /-----BEGIN [A-Z ]*PRIVATE KEY-----/);
        assert.match(out, /-----END [A-Z ]*PRIVATE KEY-----/);
        assert.ok(out.includes(REDACTED));
        assert.ok(out.includes('after') || out.includes('"index":"logs"'), out.slice(-80));
      }
    });
  }
  test('a block cut before its END (a truncated body): gone to the end of the text', () => {
    const pem = KEYS[0]![1];
    const cut = pem.slice(0, Math.floor(pem.length / 2));
    const out = redactText(`reason: ${cut}`);
    for (const line of bodyLines(cut)) assert.ok(!out.includes(line.slice(0, 30)));
    assert.ok(out.startsWith('reason: -----BEGIN PRIVATE KEY-----'));
  });
  test('a public key or certificate is not touched', () => {
    const pub = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    assert.equal(redactText(`key: ${pub}`.replace('key: ', 'pub ')), `pub ${pub}`);
  });
  test('1 MB of BEGIN lines without END, and of BEGIN/END pairs, completes', () => {
    const begins = '-----BEGIN PRIVATE KEY-----x'.repeat(40_000);
    assert.ok(redactText(begins).length < begins.length);
    const pairs = '-----BEGIN PRIVATE KEY-----abc-----END PRIVATE KEY-----'.repeat(20_000);
    assert.ok(!redactText(pairs).includes('abc'));
  });
});

describe("Spring's rejected value of a secret field", () => {
  const spring = (field: string, value: string): string => `Field error in object 'login' on field '${field}': rejected value [${value}]; codes [Size.login.${field},Size]; arguments []; default message [size must be between 8 and 64]`;
  test('password, client_secret, api_key: the value is gone, codes and message stay', () => {
    for (const field of ['password', 'client_secret', 'api_key', 'passwords']) {
      const out = redactText(spring(field, 'Zq7x]Kp9m'));
      assert.ok(!out.includes('Zq7x') && !out.includes('Kp9m'), out);
      assert.ok(out.includes(`rejected value [${REDACTED}]; codes [Size.login.${field},Size]`), out);
      assert.ok(out.endsWith('default message [size must be between 8 and 64]'));
    }
  });
  test('without codes: up to the next `]` on the line', () => {
    assert.equal(redactText("on field 'password': rejected value [Zq7x]\nnext [kept]"), `on field 'password': rejected value [${REDACTED}]\nnext [kept]`);
  });
  test('a harmless field keeps its value', () => {
    const text = spring('email', 'bob@example.com');
    assert.equal(redactText(text), text);
  });
  test('1 MB of rejected values without `]` or codes completes', () => {
    const text = "on field 'password': rejected value [Zq7x ".repeat(25_000);
    assert.ok(!redactText(text).includes('Zq7x'));
  });
});

describe('key=value inside a bracketed group', () => {
  test('`[token=abc]` keeps its closing brackets; a value holding `]` is gone but for its trailing ones', () => {
    assert.equal(redactText('index [token=Zq7x] not found'), `index [token=${REDACTED}] not found`);
    assert.equal(redactText('index [token=Zq7x]Kp9m] not found'), `index [token=${REDACTED}] not found`);
    assert.equal(redactText('Field [password=Zq7x], [user=bob]'), `Field [password=${REDACTED}], [user=bob]`);
    assert.equal(redactText('User [name=u, roles=[token=Zq7x]]'), `User [name=u, roles=[token=${REDACTED}]]`);
  });
  test('`userpass=bob:S`: the whole value', () => {
    assert.equal(redactText('userpass=bob:Zq7x&next=1'), `userpass=${REDACTED}&next=1`);
  });
});

describe('names', () => {
  test('plurals of secret names, pwd, pass, userpass, password_hash are secret; tokens (an _analyze answer) and bypass are not', () => {
    for (const name of ['passwords', 'client_secrets', 'api_keys', 'privateKeys', 'passphrases', 'db_pwd', 'DB_PWD', 'pass', 'userpass', 'password_hash']) assert.ok(isSensitiveKey(name), name);
    for (const name of ['tokens', 'bypass', 'compass', 'keys', 'process', 'hashes_seen', 'PWD', 'OLDPWD']) assert.ok(!isSensitiveKey(name), name);
    assert.equal(redactText('PWD=/home/app\nOLDPWD=/tmp\nDB_PWD=Zq7x'), `PWD=/home/app\nOLDPWD=/tmp\nDB_PWD=${REDACTED}`);
  });
  test('SENSITIVE_KEY_HINT finds every secret name as written; SENSITIVE_KEY_ENDING its last word', () => {
    const hint = new RegExp(SENSITIVE_KEY_HINT, 'i');
    const ending = new RegExp(`(?:${SENSITIVE_KEY_ENDING})$`, 'i');
    const words = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-amz-security-token', 'x-amz-signature', 'x-amz-credential', 'signature', 'credential', 'credentials', 'hash', 'hashes', 'pass', 'userpass', 'x-edge-admin', 'password', 'passwd', 'db_pwd', 'secret', 'token', 'secret_access_key', 'secretKey', 'api_key', 'private.key', 'passphrase', 'password_hash', 'passwords', 'client_secrets', 'api_keys'];
    for (const name of words) {
      assert.ok(isSensitiveKey(name), `${name} is not secret: the list changed, update this test`);
      assert.ok(hint.test(name), `${name}: SENSITIVE_KEY_HINT misses it`);
      assert.ok(ending.test(name), `${name}: SENSITIVE_KEY_ENDING misses it`);
    }
  });
});
