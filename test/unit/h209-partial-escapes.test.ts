/**
 * A secret holding `"` (or `\`, `/`, `'`, `<`, non-ASCII) echoed by a server that escapes it only in part or otherwise
 * (quotes only, backslashes only, `\/`, `\u0022`, .NET's / Gson's / Python's `\uXXXX`, HTML references): no part of
 * it survives. By value (the client's own secrets, whatever the escaping) and by key (a string value redacted to its
 * real end, its quotes in any spelling, escapes honoured); ordinary JSON keeps what is not secret.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SecretSet } from '../../src/errors/secrets.js';
import { redactSecretValues, redactText } from '../../src/errors/redact.js';

const json = (s: string): string => JSON.stringify(s).slice(1, -1);
const u = (c: string, upper: boolean): string => {
  const hex = c.charCodeAt(0).toString(16).padStart(4, '0');
  return `\\u${upper ? hex.toUpperCase() : hex}`;
};
/** `s` JSON-escaped with the characters `which` matches written `\uXXXX` (a surrogate pair as two). */
const unicodeJson = (s: string, which: RegExp, upper: boolean): string =>
  [...s].map((cp) => (cp.length === 2 ? cp.split('').map((c) => (which.test(c) ? u(c, upper) : c)).join('') : which.test(cp) ? u(cp, upper) : json(cp))).join('');

/** How servers and proxies escape what they echo: in part, or otherwise than JSON.stringify. */
const ESCAPINGS: Record<string, (s: string) => string> = {
  'quotes only': (s) => s.replace(/"/g, '\\"'),
  'backslashes only': (s) => s.replace(/\\/g, '\\\\'),
  'JSON with \\/': (s) => json(s).replace(/\//g, '\\/'),
  'JSON with \\u0022': (s) => unicodeJson(s, /"/, false),
  '.NET System.Text.Json': (s) => unicodeJson(s, /["'&<>+`\u007f-\uffff]/, true),
  'Gson (HTML-safe)': (s) => unicodeJson(s, /[<>&=']/, false),
  'Python ensure_ascii': (s) => unicodeJson(s, /[\u007f-\uffff]/, false),
  'Jackson ESCAPE_NON_ASCII': (s) => unicodeJson(s, /[\u007f-\uffff]/, true),
  'HTML &quot;': (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'),
  'HTML &#x22;': (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#x22;').replace(/'/g, '&#x27;'),
  'quotes only as &quot;': (s) => s.replace(/"/g, '&quot;'),
};

/** Where the escaped text stands: the request body echoed (whole, cut, as text) or the value alone, and a patch op. */
const CONTEXTS: Record<string, (esc: (s: string) => string, pw: string) => string> = {
  'body in a JSON message': (esc, pw) => `{"status":"BAD","message":"${esc(JSON.stringify({ password: pw }))}"}`,
  'body in a cut JSON message': (esc, pw) => `{"status":"OK","message":"${esc(JSON.stringify({ password: pw }))}`,
  'body in text': (esc, pw) => `boom: ${esc(JSON.stringify({ password: pw }))} end`,
  'value in a JSON message': (esc, pw) => `{"status":"BAD","message":"bad value ${esc(pw)} here"}`,
  'value in text': (esc, pw) => `bad value ${esc(pw)} here`,
  'patch body in a JSON message': (esc, pw) => `{"message":"${esc(JSON.stringify([{ op: 'add', path: '/password', value: pw }]))}"}`,
};

/** Passwords whose tail after the first special character is `Xq7tail…` (so any surviving part is seen). */
const PASSWORDS = [
  'Str0ng-P"Xq7tail-h209-visible',
  'p"a\\ss/w%rd?#[].*+$^|&=\u00e9\ud83d\ude00 <b>Xq7tail',
  'back\\slash-Pa55wd-Xq7tail',
  'sl/ash-Pa55wd-Xq7tail',
  "it's-Pa55<wd>&Xq7tail",
  '\u00fcn\u00efc\u00f6d\u00e9-Pa55w\u00f6rd-Xq7tail',
  'ends-Pa55wd-Xq7tail\\',
  '"lead-Pa55wd-Xq7tail',
  'Q"u"o"t"e"s-Xq7tail',
];

test('by value: a held secret is removed whatever the escaping and wherever it stands (h209)', () => {
  const leaks: string[] = [];
  let cases = 0;
  for (const pw of PASSWORDS) {
    const set = new SecretSet();
    set.add(pw);
    for (const [escaping, esc] of Object.entries(ESCAPINGS)) {
      for (const [context, shape] of Object.entries(CONTEXTS)) {
        const text = shape(esc, pw);
        cases++;
        for (const out of [redactSecretValues(text, set), redactText(text, set)]) {
          if (out.includes('Xq7tail')) leaks.push(`${escaping} / ${context} / ${JSON.stringify(pw)}: ${out}`);
        }
      }
    }
  }
  assert.equal(cases, PASSWORDS.length * Object.keys(ESCAPINGS).length * Object.keys(CONTEXTS).length);
  assert.deepEqual(leaks, []);
});

test("by value: the issue's repro (quotes only, a JSON 200 cut short and a complete refusal) (h209)", () => {
  const pw = 'Str0ng-P"ssword-h202-tail-visible';
  const set = new SecretSet();
  set.add(pw);
  const body = JSON.stringify({ current_password: 'Old-Pa55word!x', password: pw }).replace(/"/g, '\\"');
  for (const text of [`{"status":"OK","message":"${body}`, `{"status":"BAD","message":"${body}"}`]) {
    const out = redactSecretValues(text, set);
    assert.ok(!out.includes('ssword-h202'), out);
    assert.ok(!redactText(text, set).includes('ssword-h202'));
  }
});

test('by key: a string value is redacted to its real end, its quotes in any spelling (no secret held) (h209)', () => {
  const cases: Array<[string, string]> = [
    // quotes only: the secret's own \" became \\" inside \"...\"
    ['{"message":"{\\"password\\":\\"Xq7\\\\"tail-secret\\"}"}', '{"message":"{\\"password\\":\\"[REDACTED]\\"}"}'],
    ['{"message":"{\\"hash\\":\\"Xq7\\\\"tail-secret\\",\\"user\\":\\"bob\\"}"}', '{"message":"{\\"hash\\":\\"[REDACTED]\\",\\"user\\":\\"bob\\"}"}'],
    // backslashes only, at level 0: the secret's \" became \\" (an escaped backslash and a quote text follows)
    ['boom: {"password":"Q\\\\"u\\\\"o-Xq7tail","user":"bob"} end', 'boom: {"password":"[REDACTED]","user":"bob"} end'],
    // an object value
    ['{"message":"{\\"password\\":{\\"a\\":\\"Xq7\\\\"tail-secret\\"}}"}', '{"message":"{\\"password\\":[REDACTED]}"}'],
    // \u0022 and &#x22; as the quotes
    ['{"message":"{\\u0022password\\u0022:\\u0022Xq7tail-secret\\u0022}"}', '{"message":"{\\u0022password\\u0022:\\u0022[REDACTED]\\u0022}"}'],
    ['{"message":"{\\u0022password\\u0022:\\u0022Xq7\\\\\\u0022tail-secret\\u0022,\\u0022user\\u0022:\\u0022bob\\u0022}"}', '{"message":"{\\u0022password\\u0022:\\u0022[REDACTED]\\u0022,\\u0022user\\u0022:\\u0022bob\\u0022}"}'],
    ['<pre>{&#x22;password&#x22;:&#x22;Xq7\\&#x22;tail-secret&#x22;}</pre>', '<pre>{&#x22;password&#x22;:&#x22;[REDACTED]&#x22;}</pre>'],
    // a JSON-patch operation: quotes only, \u0022, \/ in its path
    ['{"message":"[{\\"op\\":\\"add\\",\\"path\\":\\"/password\\",\\"value\\":\\"Xq7\\\\"tail-secret\\"}]"}', '{"message":"[{\\"op\\":\\"add\\",\\"path\\":\\"/password\\",\\"value\\":\\"[REDACTED]\\"}]"}'],
    ['[{\\u0022op\\u0022:\\u0022add\\u0022,\\u0022path\\u0022:\\u0022/password\\u0022,\\u0022value\\u0022:\\u0022Xq7tail-secret\\u0022}]', '[{\\u0022op\\u0022:\\u0022add\\u0022,\\u0022path\\u0022:\\u0022/password\\u0022,\\u0022value\\u0022:\\u0022[REDACTED]\\u0022}]'],
    ['[{"op":"add","path":"\\/password","value":"Xq7tail-secret"}]', '[{"op":"add","path":"\\/password","value":"[REDACTED]"}]'],
  ];
  for (const [text, expected] of cases) assert.equal(redactText(text), expected, text);
});

test('by key: ordinary JSON keeps what follows a secret ending in a backslash, and an escaped quote stays inside (h209)', () => {
  // a real close after an escaped backslash (the value ends in `\`) is followed by a delimiter: the next field stays
  assert.equal(redactText('{"password":"abc\\\\","user":"bob"}'), '{"password":"[REDACTED]","user":"bob"}');
  assert.equal(redactText('{"message":"{\\"password\\":\\"abc\\\\\\\\\\",\\"user\\":\\"bob\\"}"}'), '{"message":"{\\"password\\":\\"[REDACTED]\\",\\"user\\":\\"bob\\"}"}');
  assert.equal(redactText('{"password":"a\\"b","user":"bob"}'), '{"password":"[REDACTED]","user":"bob"}');
  // and the new shapes: a \u0022-quoted pair followed by an ordinary field
  assert.equal(redactText('{\\u0022token\\u0022:\\u0022Xq7tail\\u0022,\\u0022user\\u0022:\\u0022bob\\u0022}'), '{\\u0022token\\u0022:\\u0022[REDACTED]\\u0022,\\u0022user\\u0022:\\u0022bob\\u0022}');
});

test('a secret without any character an escaping changes costs no extra form; one with `"` only a few (h209)', () => {
  const plain = new SecretSet();
  plain.add('bench-password');
  assert.equal(plain.sizes().forms, 6, 'plain, base64 forms: as before');
  const quoted = new SecretSet();
  quoted.add('Str0ng-P"ssword-h209');
  const forms = quoted.forms();
  for (const form of ['Str0ng-P\\\\"ssword-h209', 'Str0ng-P\\u0022ssword-h209', 'Str0ng-P\\\\\\u0022ssword-h209', 'Str0ng-P&#x22;ssword-h209', 'Str0ng-P\\&quot;ssword-h209']) {
    assert.ok(forms.includes(form), form);
  }
  assert.ok(quoted.sizes().forms <= 30, String(quoted.sizes().forms));
});
