/**
 * Redaction by key of the colon form (`key: value`) whatever stands around the key once decoded: a line break in any
 * spelling (JSON `\n`, `\r\n`, `\u000a`, URL `%0A`, escaped twice), an escaped tab or form feed, `(`, `;`, `|`, `/`,
 * `'`, `.`, a tab, JSON-escaped separators (`\u003d`, `\u003a`) and `->`, and plain prose; while the prose and the
 * SDK's own messages that read `key: word` keep their words. Hostile 1 MB inputs of these shapes complete (linear;
 * no timed assertion, only the test's timeout).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { REDACTED, redactText } from '../../src/errors/redact.js';

const SECRET = 'S3cretValue1';

/** Texts whose value (SECRET, or the words named) must go, with the key and the text after the value kept. */
const LEAKS: string[] = [
  // escaped line breaks (a server's reason quoted in JSON), every spelling
  'x\\npassword: S3cretValue1',
  'x\\r\\npassword: S3cretValue1',
  'x\\rpassword: S3cretValue1',
  'x\\u000apassword: S3cretValue1',
  'x\\u000Apassword: S3cretValue1',
  'x\\u000dpassword: S3cretValue1',
  'x\\u000Dpassword: S3cretValue1',
  'x%0Apassword%3A%20S3cretValue1',
  'x%0apassword%3a%20S3cretValue1',
  'x%0Dpassword%3A%20S3cretValue1',
  'x\\\\npassword: S3cretValue1',
  'x\\\\\\\\npassword: S3cretValue1',
  'x\\n  password : S3cretValue1',
  'x\\npassword:\\tS3cretValue1',
  'x\\npassword:\\u0020S3cretValue1',
  // escaped tab, form feed, slash
  'x\\ttoken:S3cretValue1',
  'x\\u0009token: S3cretValue1',
  'x\\fpassword: S3cretValue1',
  'x\\/password: S3cretValue1',
  // openers
  '(password: S3cretValue1)',
  'x;password: S3cretValue1',
  'x|password: S3cretValue1',
  'x/password: S3cretValue1',
  "x'password: S3cretValue1",
  'x.password: S3cretValue1',
  'x\tpassword: S3cretValue1',
  // JSON-escaped separators and `->`
  'password\\u003dS3cretValue1',
  'password\\u003DS3cretValue1',
  'password\\u003a S3cretValue1',
  'password\\u003A S3cretValue1',
  'password -> S3cretValue1',
  'password->S3cretValue1',
  // prose, with a value that looks like a secret (digit, symbol, mixed case, long)
  'x password: S3cretValue1',
  'the password: S3cretValue1',
  'Invalid token: abc.DEF_ghi and more',
  'the password: hunter2 was refused',
  'the password: hunter! was refused',
  'the api_key: correcthorsebatterystaplexyz was refused',
  'the password: 123456 was refused',
  "'password': S3cretValue1",
  '[password]: S3cretValue1',
];

/** Values that are plain words, taken because the pair stands in a structure or opens a line or a string. */
const WORD_VALUES: Array<[string, string]> = [
  ['x\\npassword: hunter', 'x\\npassword: [REDACTED]'],
  ['{"reason":"bad\\npassword: correct horse battery\\nnext line"}', '{"reason":"bad\\npassword: [REDACTED]\\nnext line"}'],
  ['{"reason":"password: hunter2 two"}', '{"reason":"password: [REDACTED]"}'],
  ['x%0Apassword%3A%20hunter%26a%3D1', 'x%0Apassword%3A%20[REDACTED]%26a%3D1'],
  ['(password: hunter) after', '(password: [REDACTED]) after'],
  ['a | password: hunter | b', 'a | password: [REDACTED] | b'],
  ['a\tpassword: hunter\tb', 'a\tpassword: [REDACTED]\tb'],
  ['a\\tpassword: hunter\\tb', 'a\\tpassword: [REDACTED]\\tb'],
  ['password\\u003dhunter\\u0026a\\u003d1', 'password\\u003d[REDACTED]\\u0026a\\u003d1'],
];

/** Prose and the SDK's own messages that read `key: word`: unchanged. */
const READABLE: string[] = [
  'x password: hunter and more',
  'the password: required.',
  'Invalid password: Too short',
  'the password -> hash step',
  'PASS master-user on logs-api_token: 240 hit(s), 0 DLS violation(s)',
  'invalid user: password: is empty: the plugin refuses it (Password is too short); hash: is empty: the plugin stores a user without a password',
  'ConfigError: ssl.key: ssl.cert is set: give its private key with ssl.key too\n    at f (x.ts:1:2)',
  'ConfigError: auth.password: Cognito auth needs one of password, idToken or refreshToken',
  'OPENSEARCH_PASSWORD_FILE: cannot read /run/secrets/db_password: ENOENT',
  '  unverifiable logs/1 user.password: multi-field of masked user: its indexed form is not compared',
  '{"message":"ConfigError: auth.password: must be a non-empty string or an async function returning one"}',
  '{"reason":"bad\\nauth.password: contains a line break"}',
  'x\\nthe password: hunter and more',
  // the SDK's messages inside a JSON string (JSON.stringify(err), a server body): a plain word after the key
  '{"message":"FGAC_PASSWORD: is not set"}',
  '{"error":{"message":"OPENSEARCH_PASSWORD: is not set (basic auth password)"}}',
  '{"error":"password: is empty; hash: is empty"}',
  '{\\"message\\":\\"FGAC_PASSWORD: is not set\\"}',
  "{'error': 'password: is empty'}",
  '"token: expired"',
  '{"reason":"password: hunter two"}',
];

/** Prose values that look like a secret: the whole token up to whitespace goes, not only its first run of letters. */
const WHOLE_TOKENS: Array<[string, string]> = [
  ['my password: Tr0ub4dor&3 is here', 'my password: [REDACTED] is here'],
  ["the password: hunter2's", 'the password: [REDACTED]'],
  ['the password: ab;cd', 'the password: [REDACTED]'],
  ['the password: x)y and more', 'the password: [REDACTED] and more'],
  ['the password: pa,ss word', 'the password: [REDACTED] word'],
  // what closes a bracket, string or element opened before the key stays
  ['(the password: Tr0ub4dor&3) next', '(the password: [REDACTED]) next'],
  ['{"reason":"the password: hunter2\'s"}', '{"reason":"the password: [REDACTED]"}'],
  ["'the password: ab;cd'", "'the password: [REDACTED]'"],
  ['<m>the password: Tr0ub4dor&3</m>', '<m>the password: [REDACTED]</m>'],
  ['{&quot;m&quot;:&quot;the password: ab;cd&quot;}', '{&quot;m&quot;:&quot;the password: [REDACTED]&quot;}'],
];

describe('the colon form in every escaped and prose context', () => {
  test('a secret-looking value goes; the key and what follows the value stay', () => {
    for (const text of LEAKS) {
      const out = redactText(text);
      const value = /S3cretValue1|abc\.DEF_ghi|hunter[2!]|correcthorse\w+|123456/.exec(text)?.[0] ?? SECRET;
      assert.ok(!out.includes(value), `value left: ${JSON.stringify(text)} -> ${JSON.stringify(out)}`);
      assert.ok(out.includes(REDACTED), `no marker: ${JSON.stringify(text)} -> ${JSON.stringify(out)}`);
      assert.equal(out.replace(REDACTED, value), text, `more than the value removed: ${JSON.stringify(text)} -> ${JSON.stringify(out)}`);
    }
  });

  test('a plain word in a structure, or on a line or string of its own, goes too (to the end of that line)', () => {
    for (const [text, expected] of WORD_VALUES) assert.equal(redactText(text), expected, JSON.stringify(text));
  });

  test('prose and the SDK\'s own messages keep their words', () => {
    for (const text of READABLE) assert.equal(redactText(text), text);
  });

  test('a secret-looking prose value goes whole, up to whitespace', () => {
    for (const [text, expected] of WHOLE_TOKENS) assert.equal(redactText(text), expected, JSON.stringify(text));
  });
});

describe('hostile inputs of these shapes: the pass is linear (each must complete well within the timeout; no timed assertion)', () => {
  const MB = 1 << 20;
  const rep = (s: string, size: number): string => s.repeat(Math.ceil(size / s.length)).slice(0, size);
  const inputs: Record<string, string> = {
    'escaped line break + password: repeated': rep('x\\npassword: ', MB),
    '\\u000a password \\u003a repeated': rep('\\u000apassword\\u003a ', MB),
    'backslashes, then a key': `${rep('\\', MB)}npassword: x`,
    'spaces, then a key': `${rep(' ', MB)}password: x`,
    'escaped spaces repeated': `${rep('\\u0020', MB)}password: x`,
    '(password: a repeated': rep('(password: a', MB),
    'password -> repeated': rep('password -> ', MB),
    'prose password: word repeated': rep('the password: word ', MB),
    'password:%20 repeated': rep('password%3A%20', MB),
    'escaped tab separators repeated': rep('password:\\t', MB),
    '"password: unclosed line': `"password: ${rep('a ', MB)}`,
    'a prose value without whitespace': `the password: ${rep('a;)', MB)}`,
    'prose values with closers repeated': rep("the password: a1)]}' ", MB),
    'a string opened by a quote, repeated': rep('"password: is ', MB),
  };
  for (const [name, text] of Object.entries(inputs)) {
    test(name, { timeout: 20_000 }, () => {
      const out = redactText(text);
      assert.equal(typeof out, 'string');
      assert.notEqual(out, REDACTED, 'redaction did not fail');
    });
  }
});
