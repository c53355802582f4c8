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
  test('a block cut before its END (a truncated body): its base64 is gone, in plain text and JSON-escaped', () => {
    const pem = KEYS[0]![1];
    const cut = pem.slice(0, Math.floor(pem.length / 2));
    for (const text of [`reason: ${cut}`, JSON.stringify({ reason: cut }).slice(0, -2)]) {
      const out = redactText(text);
      for (const line of bodyLines(cut)) assert.ok(!out.includes(line.slice(0, 30)), out.slice(0, 200));
      assert.ok(out.includes('-----BEGIN PRIVATE KEY-----'));
    }
  });
  test('a message naming the header without a body keeps its text (RR6 M3)', () => {
    for (const text of [
      'expected a header like -----BEGIN PRIVATE KEY----- in the file; got none. Details: user alice, index movies',
      'key file must start with "-----BEGIN PRIVATE KEY-----" (PKCS#8); see docs. request id abc',
    ]) assert.equal(redactText(text), text);
  });
  test('a public key or certificate is not touched', () => {
    const pub = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    assert.equal(redactText(`key: ${pub}`.replace('key: ', 'pub ')), `pub ${pub}`);
  });
  test('1 MB of BEGIN lines without END, and of BEGIN/END pairs, completes', () => {
    const begins = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0\n'.repeat(20_000);
    assert.ok(!redactText(begins).includes('MIIEvQ'));
    const bare = '-----BEGIN PRIVATE KEY-----x'.repeat(40_000);
    assert.equal(redactText(bare), bare, 'no base64 body: nothing to remove');
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
  test('without codes: up to the last `]` on the line (a value holding `]` too); an indexed or dotted field', () => {
    assert.equal(redactText("on field 'password': rejected value [Zq7x]\nnext [kept]"), `on field 'password': rejected value [${REDACTED}]\nnext [kept]`);
    assert.equal(redactText("on field 'password': rejected value [Zq7x]Kp9m]"), `on field 'password': rejected value [${REDACTED}]`);
    assert.equal(redactText("on field 'secrets[0]': rejected value [Zq7x]"), `on field 'secrets[0]': rejected value [${REDACTED}]`);
    assert.equal(redactText("on field 'db.password': rejected value [Zq7x]"), `on field 'db.password': rejected value [${REDACTED}]`);
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

describe("OpenSearch's mapping failure previewing a secret field's value", () => {
  const reason = (field: string, value: string): string => `failed to parse field [${field}] of type [long] in document with id '1'. Preview of field's value: '${value}'`;
  test('the preview and its echo in caused_by are gone; the field, type and id stay', () => {
    for (const field of ['password', 'user.password', 'password.keyword', 'api_key']) {
      const body = JSON.stringify({ error: { root_cause: [{ type: 'mapper_parsing_exception', reason: reason(field, "Zq7x'Kp9m Wt3r") }], type: 'mapper_parsing_exception', reason: reason(field, "Zq7x'Kp9m Wt3r"), caused_by: { type: 'illegal_argument_exception', reason: 'For input string: "Zq7x\'Kp9m Wt3r"' } }, status: 400 });
      const out = redactText(body);
      assert.ok(!out.includes('Zq7x') && !out.includes('Kp9m') && !out.includes('Wt3r'), out);
      assert.ok(out.includes(`failed to parse field [${field}] of type [long] in document with id '1'. Preview of field's value: '${REDACTED}'`), out);
    }
  });
  test('a harmless field keeps its preview', () => {
    const text = reason('price', 'abc');
    assert.equal(redactText(text), text);
  });
  test('1 MB of previews, each line without its closing quote, completes', () => {
    assert.ok(!redactText(`${reason('password', 'Zq7x').slice(0, -1)}\n`.repeat(8_000)).includes('Zq7x'));
  });
});

describe('a name right after an escape (RR6 M2)', () => {
  test('\\u0026pass=, \\npass=, %26pass=: the escape is no part of the name', () => {
    assert.equal(redactText('{"url":"https://x/?user=a\\u0026pass=Zq7x9Kp9m"}'), `{"url":"https://x/?user=a\\u0026pass=${REDACTED}"}`);
    assert.equal(redactText('{"msg":"line one\\npass=Zq7x9Kp9m"}'), `{"msg":"line one\\npass=${REDACTED}"}`);
    assert.equal(redactText('{"msg":"a\\ncredential=Zq7x9Kp9m"}').includes('Zq7x9Kp9m'), false);
    assert.equal(redactText('a=1%26pass%3DZq7x9Kp9m'), `a=1%26pass%3D${REDACTED}`);
  });
});

describe('key=value inside a bracketed group', () => {
  test('`[token=abc]` keeps its closing brackets; a value holding `]` is gone but for its trailing ones', () => {
    assert.equal(redactText('index [token=Zq7x] not found'), `index [token=${REDACTED}] not found`);
    assert.equal(redactText('index [token=Zq7x]Kp9m] not found'), `index [token=${REDACTED}] not found`);
    assert.equal(redactText('Field [password=Zq7x], [user=bob]'), `Field [password=${REDACTED}], [user=bob]`);
    assert.equal(redactText('User [name=u, roles=[token=Zq7x]]'), `User [name=u, roles=[token=${REDACTED}]]`);
    assert.equal(redactText('{user=bob, token=Zq7x}, next'), `{user=bob, token=${REDACTED}}, next`);
    assert.equal(redactText('attributes={api_key=Zq7x}'), `attributes={api_key=${REDACTED}}`);
  });
  test('`userpass=bob:S`: the whole value', () => {
    assert.equal(redactText('userpass=bob:Zq7x&next=1'), `userpass=${REDACTED}&next=1`);
  });
});

describe('names', () => {
  test('plurals of secret names, *pwd, pass, userpass, password_hash are secret; a bare tokens (an _analyze answer), PWD/OLDPWD and bypass are not', () => {
    for (const name of ['passwords', 'client_secrets', 'api_keys', 'privateKeys', 'passphrases', 'db_pwd', 'DB_PWD', 'pass', 'userpass', 'password_hash', 'Pwd', 'pwd', 'access_tokens', 'refresh_tokens', 'DB_PASS', 'smtp.pass', 'dbPass']) assert.ok(isSensitiveKey(name), name);
    for (const name of ['tokens', 'bypass', 'compass', 'keys', 'process', 'hashes_seen', 'PWD', 'OLDPWD', 'Compass']) assert.ok(!isSensitiveKey(name), name);
    assert.equal(redactText('PWD=/home/app\nOLDPWD=/tmp\nDB_PWD=Zq7x'), `PWD=/home/app\nOLDPWD=/tmp\nDB_PWD=${REDACTED}`);
    assert.equal(redactText('Server=db;Uid=sa;Pwd=Zq7x9;'), `Server=db;Uid=sa;Pwd=${REDACTED};`);
  });
  test('SENSITIVE_KEY_HINT finds every secret name as written; SENSITIVE_KEY_ENDING its last word', () => {
    const hint = new RegExp(SENSITIVE_KEY_HINT, 'i');
    const ending = new RegExp(`(?:${SENSITIVE_KEY_ENDING})$`, 'i');
    const words = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-amz-security-token', 'x-amz-signature', 'x-amz-credential', 'signature', 'credential', 'credentials', 'hash', 'hashes', 'pass', 'userpass', 'x-edge-admin', 'password', 'passwd', 'db_pwd', 'secret', 'token', 'secret_access_key', 'secretKey', 'api_key', 'private.key', 'passphrase', 'password_hash', 'passwords', 'client_secrets', 'api_keys', 'access_tokens', 'DB_PASS', 'dbPass'];
    for (const name of words) {
      assert.ok(isSensitiveKey(name), `${name} is not secret: the list changed, update this test`);
      assert.ok(hint.test(name), `${name}: SENSITIVE_KEY_HINT misses it`);
      assert.ok(ending.test(name), `${name}: SENSITIVE_KEY_ENDING misses it`);
    }
  });
});
