/**
 * Redaction BY KEY in free text, whatever the textual shape of `key <separator> value`: JSON with any
 * value (string, number, boolean, array, object), JSON escaped once and twice, Python repr and single
 * quotes, YAML (flow, list items, lines of their own), quoted and spaced assignments (`export`, `set`), Ruby
 * hashes, XML elements and attributes, URL-encoded pairs, HTML-escaped JSON, command-line flags.
 * A generated table (every key spelling x every shape x every value form the shape can hold) checks
 * that the value is gone and that the key and the text around it stay; harmless keys are left alone;
 * hostile inputs of 1 MB complete (the pass is linear; no timed assertion, only the test's timeout).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { REDACTED, redactText } from '../../src/errors/redact.js';
import { SecretSet } from '../../src/errors/secrets.js';

/** Pieces of the value: none may survive. */
const MARKS = ['Zq7x', 'Kp9m', 'Wt3r'];
/** After the value, in every shape: must survive. */
const SIBLING = 'Sib9';

type Form = 'token' | 'spaced' | 'quotes' | 'braces' | 'number' | 'boolean' | 'array' | 'object';

/** Value forms, each as a JS value (what a JSON or repr serialiser is given) and the pieces that must go. */
const VALUES: Record<Form, { value: unknown; gone: string[] }> = {
  token: { value: 'Zq7x-Kp9m.Wt3r', gone: MARKS },
  spaced: { value: 'Zq7x Kp9m Wt3r', gone: MARKS },
  quotes: { value: `Zq7x"Kp9m'Wt3r`, gone: MARKS },
  braces: { value: 'Zq7x},{Kp9m,Wt3r]', gone: MARKS },
  number: { value: 8675309123, gone: ['8675309123'] },
  boolean: { value: true, gone: ['true'] },
  array: { value: ['Zq7x', ['Kp9m', 1], { a: 'Wt3r]' }], gone: MARKS },
  object: { value: { value: 'Zq7x', nested: { list: ['Kp9m', '}'], more: 'Wt3r' } }, gone: MARKS },
};
const STRINGS: Form[] = ['token', 'spaced', 'quotes', 'braces'];
const JSON_ANY: Form[] = ['token', 'spaced', 'quotes', 'braces', 'number', 'boolean', 'array', 'object'];

const KEYS = [
  'password', 'Password', 'PASSWORD', 'new_password', 'newPassword', 'current-password', 'passwd', 'passphrase',
  'api_key', 'apiKey', 'X-Api-Key', 'access_token', 'client_secret', 'secret_access_key', 'x-amz-security-token',
  'private_key', 'OPENSEARCH_PASSWORD', 'plugins.alerting.smtp.password',
  'passwords', 'db_pwd', 'DB_PWD', 'pass', 'userpass', 'client_secrets', 'api_keys', 'password_hash',
];
const HARMLESS = ['author', 'keyword', 'monkey', 'passage', 'tokens', 'keyspace', 'hash_key', 'password_hint', 'secretary', 'token_type'];

const str = (v: unknown): string => String(v);
const py = (v: string): string => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const xml = (v: string): string => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
/** As URLSearchParams writes a form value (a raw `'` would end a bare value). */
const form = (v: string): string => new URLSearchParams({ v }).toString().slice(2);
const shell = (v: string): string => `"${v.replace(/["\\$`]/g, (c) => `\\${c}`)}"`;

/** A shape: how it writes `key` and `value` (with a sibling after it), and which value forms it can hold. */
interface Shape {
  write: (key: string, value: unknown) => string;
  forms: Form[];
}

const json = (k: string, v: unknown): string => JSON.stringify({ [k]: v, sib: SIBLING });
const SHAPES: Record<string, Shape> = {
  json: { write: json, forms: JSON_ANY },
  'json pretty': { write: (k, v) => JSON.stringify({ [k]: v, sib: SIBLING }, null, 2).replace(/\n/g, ' '), forms: JSON_ANY },
  'json escaped': { write: (k, v) => JSON.stringify(json(k, v)), forms: JSON_ANY },
  'json escaped twice': { write: (k, v) => JSON.stringify(JSON.stringify(json(k, v))), forms: JSON_ANY },
  'json in a reason': { write: (k, v) => JSON.stringify({ error: { reason: `failed to parse ${json(k, v)}` } }), forms: JSON_ANY },
  'html-escaped json': { write: (k, v) => json(k, v).replace(/"/g, '&quot;'), forms: ['token', 'spaced', 'braces', 'number', 'boolean'] },
  'python repr': { write: (k, v) => `{'${k}': ${py(str(v))}, 'sib': '${SIBLING}'}`, forms: STRINGS },
  'single key, double value': { write: (k, v) => `{'${k}': ${JSON.stringify(v)}, 'sib': '${SIBLING}'}`, forms: STRINGS },
  'yaml flow': { write: (k, v) => `{${k}: ${str(v)}, sib: ${SIBLING}}`, forms: ['token', 'number', 'boolean'] },
  'yaml flow quoted': { write: (k, v) => `{${k}: ${JSON.stringify(v)}, sib: ${SIBLING}}`, forms: STRINGS },
  'yaml flow single quoted': { write: (k, v) => `{${k}: '${str(v).replace(/'/g, "''")}', sib: ${SIBLING}}`, forms: STRINGS },
  'yaml flow sequence': { write: (k) => `{${k}: [Zq7x, Kp9m, {a: Wt3r}], sib: ${SIBLING}}`, forms: ['token'] },
  'yaml list item': { write: (k, v) => `- ${k}: ${str(v)} ${SIBLING}`, forms: ['token', 'number'] },
  'mid-line header': { write: (k, v) => `headers: host: h, ${k}: ${str(v)}, ${SIBLING}: 1`, forms: ['token', 'number'] },
  'key=value': { write: (k, v) => `${k}=${str(v)} ${SIBLING}`, forms: ['token', 'number'] },
  'key="value"': { write: (k, v) => `${k}=${shell(str(v))} ${SIBLING}`, forms: STRINGS },
  "key='value'": { write: (k, v) => `${k}='${str(v)}' ${SIBLING}`, forms: ['token', 'spaced', 'braces'] },
  'key = value': { write: (k, v) => `${k} = ${str(v)} ${SIBLING}`, forms: ['token', 'number'] },
  'key = "value"': { write: (k, v) => `${k} = ${shell(str(v))} ${SIBLING}`, forms: STRINGS },
  'export KEY="value"': { write: (k, v) => `export ${k}=${shell(str(v))} && ${SIBLING}`, forms: STRINGS },
  'set KEY=value': { write: (k, v) => `set ${k}=${str(v)} && ${SIBLING}`, forms: ['token', 'number'] },
  'ruby hash': { write: (k, v) => `{:${k} => ${JSON.stringify(str(v))}, :sib => 1} ${SIBLING}`, forms: STRINGS },
  'xml element': { write: (k, v) => `<${k}>${xml(str(v))}</${k}><sib>${SIBLING}</sib>`, forms: [...STRINGS, 'number', 'boolean'] },
  'xml element with attributes': { write: (k, v) => `<${k} type="text" n='1'>${xml(str(v))}</${k}> ${SIBLING}`, forms: [...STRINGS, 'number'] },
  'xml cdata': { write: (k, v) => `<${k}><![CDATA[${str(v)}]]></${k}> ${SIBLING}`, forms: [...STRINGS, 'number'] },
  'xml attribute': { write: (k, v) => `<user name="u" ${k}="${xml(str(v))}" sib="${SIBLING}"/>`, forms: [...STRINGS, 'number'] },
  'xml attribute single quoted': { write: (k, v) => `<user ${k}='${xml(str(v))}' sib='${SIBLING}'/>`, forms: [...STRINGS, 'number'] },
  'url-encoded %3D': { write: (k, v) => `a=1%26${k}%3D${encodeURIComponent(str(v))}%26sib%3D${SIBLING}`, forms: [...STRINGS, 'number'] },
  'url-encoded %3d': { write: (k, v) => `${k}%3d${encodeURIComponent(str(v))} ${SIBLING}`, forms: [...STRINGS, 'number'] },
  'url-encoded key': { write: (k, v) => `${encodeURIComponent(`user[${k}]`)}%3D${encodeURIComponent(str(v))}%26sib%3D${SIBLING}`, forms: [...STRINGS, 'number'] },
  'url-encoded json': { write: (k, v) => encodeURIComponent(json(k, v)), forms: [...STRINGS, 'number', 'boolean'] },
  'form key[]=': { write: (k, v) => `user[${k}]=${form(str(v))}&sib=${SIBLING}`, forms: [...STRINGS, 'number'] },
  'cli --flag value': { write: (k, v) => `tool --${k} ${str(v)} --sib ${SIBLING}`, forms: ['token', 'number'] },
  'cli --flag "value"': { write: (k, v) => `tool --${k} ${shell(str(v))} --sib ${SIBLING}`, forms: STRINGS },
  'cli --flag=value': { write: (k, v) => `tool --${k}=${str(v)} --sib ${SIBLING}`, forms: ['token', 'number'] },
  'cli --flag="value"': { write: (k, v) => `tool --${k}=${shell(str(v))} --sib ${SIBLING}`, forms: STRINGS },
};

/** `text` wrapped in prose, on one line: the prose must stay. */
const framed = (text: string): string => `alpha ${text} omega`;

describe('redaction by key: every key spelling x every shape x every value form', () => {
  for (const [name, shape] of Object.entries(SHAPES)) {
    test(name, () => {
      for (const key of KEYS) {
        for (const form of shape.forms) {
          const { value, gone } = VALUES[form];
          const text = framed(shape.write(key, value));
          const out = redactText(text);
          const where = `${name} / ${key} / ${form}: ${text}\n  -> ${out}`;
          for (const piece of gone) assert.ok(!out.includes(piece), `value left: ${where}`);
          assert.ok(out.includes(REDACTED), `no marker: ${where}`);
          assert.ok(out.includes(key) || out.includes(encodeURIComponent(key)), `key removed: ${where}`);
          assert.ok(out.startsWith('alpha ') && out.endsWith(' omega'), `surrounding text removed: ${where}`);
          assert.ok(out.includes(SIBLING), `sibling removed: ${where}`);
        }
      }
    });
  }

  test('a header or YAML line that starts the line, indented or not', () => {
    for (const key of KEYS) {
      // a dotted name opening a line is how the SDK's own messages read (`auth.password: contains a line break`)
      for (const indent of key.includes('.') ? ['- '] : ['', '    ', '- ']) {
        const out = redactText(`alpha\n${indent}${key}: Zq7x-Kp9m.Wt3r\n${SIBLING}: 1`);
        assert.equal(out, `alpha\n${indent}${key}: ${REDACTED}\n${SIBLING}: 1`);
      }
    }
  });

  test('exact results: quotes kept around a quoted value, a structure replaced whole, the key and its separator kept', () => {
    const cases: Array<[string, string]> = [
      ['{"password":8675309123}', `{"password":${REDACTED}}`],
      ['{"password":true,"a":1}', `{"password":${REDACTED},"a":1}`],
      ['{"password":["x","y"],"a":1}', `{"password":${REDACTED},"a":1}`],
      ['{"api_token":{"value":"x"},"a":1}', `{"api_token":${REDACTED},"a":1}`],
      [`{'password': 'x', 'user': 'u'}`, `{'password': '${REDACTED}', 'user': 'u'}`],
      [`{'password': "x"}`, `{'password': "${REDACTED}"}`],
      ['{password: x, b: 1}', `{password: ${REDACTED}, b: 1}`],
      ['password="x y" z', `password="${REDACTED}" z`],
      [`password='x' z`, `password='${REDACTED}' z`],
      ['password = x z', `password = ${REDACTED} z`],
      ['export OPENSEARCH_PASSWORD="x" z', `export OPENSEARCH_PASSWORD="${REDACTED}" z`],
      ['set PASSWORD=x z', `set PASSWORD=${REDACTED} z`],
      ['<password>x</password>', `<password>${REDACTED}</password>`],
      ['<Password attr="1">x</Password>', `<Password attr="1">${REDACTED}</Password>`],
      ['<u password="x"/>', `<u password="${REDACTED}"/>`],
      ['password%3Dx%26a%3D1', `password%3D${REDACTED}%26a%3D1`],
      ['password%3dx', `password%3d${REDACTED}`],
      ['\\\\\\"password\\\\\\":\\\\\\"x\\\\\\"', `\\\\\\"password\\\\\\":\\\\\\"${REDACTED}\\\\\\"`],
      ['--password x --user u', `--password ${REDACTED} --user u`],
      ['--password=x --user u', `--password=${REDACTED} --user u`],
      [':password => "x"', `:password => "${REDACTED}"`],
      ['user=u, password: “x y” z', `user=u, password: “${REDACTED}” z`],
      // a quoted value after an unquoted key mid-line is a value, not prose
      ['error near password: "x y" end', `error near password: "${REDACTED}" end`],
      ['Caused by: e; api-key:"x" end', `Caused by: e; api-key:"${REDACTED}" end`],
      // HTML form fields and meta tags, either attribute order
      ['<input type="password" name="password" value="x y">', `<input type="password" name="password" value="${REDACTED}">`],
      ['<input value=\'x\' name=\'api_token\'>', `<input value='${REDACTED}' name='api_token'>`],
      ['<meta name="csrf-token" content="x">', `<meta name="csrf-token" content="${REDACTED}">`],
      // name / value lists (container environments, parameter lists)
      ['[{"name":"DB_PASSWORD","value":"x y"},{"name":"HOST","value":"h"}]', `[{"name":"DB_PASSWORD","value":"${REDACTED}"},{"name":"HOST","value":"h"}]`],
      ['{"ParameterKey": "ApiToken", "ParameterValue": "x"}', `{"ParameterKey": "ApiToken", "ParameterValue": "${REDACTED}"}`],
      // YAML block and next-line values: the indented lines
      ['a:\n  password: |\n    x\n    y\n  b: 1', `a:\n  password: ${REDACTED}\n  b: 1`],
      ['password: >-\n  x\nnext: 1', `password: ${REDACTED}\nnext: 1`],
    ];
    for (const [text, expected] of cases) assert.equal(redactText(text), expected, text);
  });

  test('a held secret inside a value found by key is one marker (by-key and by-value spans compose)', () => {
    const set = new SecretSet();
    set.add('Kp9m-held-Wt3r');
    assert.equal(redactText(`{'password': 'Zq7x Kp9m-held-Wt3r'} and Kp9m-held-Wt3r`, set), `{'password': '${REDACTED}'} and ${REDACTED}`);
    assert.equal(redactText('<password>Kp9m-held-Wt3r</password>', set), `<password>${REDACTED}</password>`);
  });
});

describe('what redaction by key leaves alone', () => {
  test('harmless keys, in every shape and value form, come back unchanged', () => {
    for (const [name, shape] of Object.entries(SHAPES)) {
      for (const key of HARMLESS) {
        for (const form of shape.forms) {
          const text = framed(shape.write(key, VALUES[form].value));
          assert.equal(redactText(text), text, `${name} / ${key} / ${form}`);
        }
      }
    }
  });

  test('a sensitive word without a separator and a value is prose: at most the one token after a separator goes', () => {
    const unchanged = [
      'passwords are required for all users',
      'the password is too short, try again',
      'the token expired; log in again',
      '{"field":"password","type":"text","fields":["token","secret"]}',
      '</password> trailing text',
      '<password/> trailing text',
      'tool --password --user bob',
      'cluster:admin/opendistro/security/token and more',
      '[password] must not be null',
      // `key: word` in running text reads as prose (the SDK's own messages are written so): only a structure's pair,
      // a line of its own or a quoted key with a non-word value is a secret's
      'error at password: x y',
      'auth.password: contains a line break or NUL character',
      'Field [api_key]: must be keyword',
      '{"name":"password","type":"keyword"}',
      'internal_users.bob.password: passwords never come from the file',
      'Invalid password: too short and weak',
      'error: /tmp/users.yaml: internal_users.bob.password: passwords never come from the file',
      'PASS master-user on logs-api_token: 3 hit(s)',
      'near miss: role api_token: pattern logs-*',
      "Unrecognized token 'secret': was expecting ('true', 'false' or 'null')",
      'masked_fields: ["password::SHA-512", "token::/[0-9]/::X"]',
      'no permissions for [indices:data/read/search] and User [name=token_user, backend_roles=[api_token], requestedTenant=null]',
    ];
    for (const text of unchanged) assert.equal(redactText(text), text);
    assert.equal(redactText('use --password to set it'), `use --password ${REDACTED} set it`);
  });
});

describe('hostile inputs: the pass is linear (each must complete well within the timeout; no timed assertion)', () => {
  const MB = 1 << 20;
  const rep = (s: string, size: number): string => s.repeat(Math.ceil(size / s.length)).slice(0, size);
  const inputs: Record<string, string> = {
    'password: repeated': rep('password:', MB),
    ', password: x repeated': rep(', password: x', MB),
    '"password":[[[[...': `"password":${rep('[', MB)}`,
    '"password":[ repeated': rep('"password":[', MB),
    '"password":{"a":[ repeated': rep('"password":{"a":[', MB),
    "'password': ' unclosed, repeated": rep("'password': '", MB),
    '"password":" unclosed, repeated': rep('"password":"', MB),
    '\\"password\\":\\" repeated': rep('\\"password\\":\\"', MB),
    'backslashes in a value': `"password":"${rep('\\', MB)}`,
    '<password> repeated': rep('<password>', MB),
    '<password a="1" repeated': rep('<password a="1" ', MB),
    '--password repeated': rep('--password ', MB),
    'password-password-...': rep('password-', MB),
    'password%3D%22 repeated': rep('password%3D%22', MB),
    'password=%22%5C repeated': `password=%22${rep('%5C%22', MB)}`,
    'a=password= repeated': rep('a=password=', MB),
    'key endings without keys': rep('monkey keyword token_type ', MB),
  };
  for (const [name, text] of Object.entries(inputs)) {
    test(name, { timeout: 20_000 }, () => {
      const out = redactText(text);
      assert.equal(typeof out, 'string');
      assert.notEqual(out, REDACTED, 'redaction did not fail');
    });
  }
});

test("a ConfigError's own text survives the by-key pass: `auth.password: contains ...` is the option and its fix, not a pair", async () => {
  const { createClient } = await import('../../src/client/create-client.js');
  for (const password of ['Pw-line\nbreak-1', 'Pw-nul\u0000-1']) {
    assert.throws(() => createClient({ node: 'https://x.example.com', auth: { mode: 'basic', username: 'u', password } }), (e: unknown) => {
      assert.match(String((e as Error).message), /^auth\.password: contains a line break or NUL character/);
      return true;
    });
  }
});
