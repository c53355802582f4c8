/**
 * By-value redaction of the forms a secret takes inside a URL (errors/secrets.ts, the one home of a secret's forms):
 * - the host: the URL parser lower-cases it (punycode when not ASCII). A password written where the parser reads a
 *   host (`https://PassWordXy/x@host`: no `:` before the `/`, so no user info) was shown `passwordxy` in the client's
 *   inspect/JSON view, a connection error's meta URL (reduced to its origin: the host stayed) and a clear-text
 *   refusal (`... in clear text to passwordxy:...`), each escaping the case-sensitive by-value match;
 * - user info: the parser's userinfo percent-encoding keeps `$&+,%` (`p@ss&word` -> `p%40ss&word`), a form neither
 *   encodeURIComponent nor encodeURI gives. Checked against the URL parser itself.
 */
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { test } from 'node:test';
import { ConfigError, createClient } from '../../src/index.js';
import { redactText } from '../../src/errors/redact.js';
import { redactValue } from '../../src/errors/redact-value.js';
import { SecretSet } from '../../src/errors/secrets.js';
import { REDACTED } from '../../src/errors/spans.js';

const setOf = (...values: string[]): SecretSet => {
  const set = new SecretSet();
  for (const v of values) set.add(v);
  return set;
};

test('a secret as the URL parser writes it in a host (lower case, punycode) is redacted by value', () => {
  // (`PassWord` is left out: its host form is the key name `password`, kept for the SDK's own words; see below)
  for (const secret of ['PassWordXy', 'Zq7-Secret.Pw', 'Pässwörd1X', 'S3cr3T/rest', 'Tr0ub4dor&3X']) {
    const url = new URL(`https://${secret}/x@host.example`);
    const host = url.hostname;
    assert.notEqual(host, secret.split('/')[0], `${secret}: the parser rewrote the host`);
    const set = setOf(secret);
    for (const text of [url.href, `getaddrinfo ENOTFOUND ${host}`, `basic credentials would travel in clear text to ${url.host}; use https://`]) {
      const out = redactText(text, set);
      assert.ok(!out.toLowerCase().includes(host.toLowerCase()), `${secret}: ${out}`);
      assert.ok(out.includes(REDACTED), `${secret}: ${out}`);
    }
  }
});

test('a URL object whose host holds a secret (a connection in error meta) is shown without its host', () => {
  const set = setOf('PassWordXy');
  const out = redactValue({ connection: { url: new URL('https://passwordxy.invalid:9200/'), id: 'x', headers: {} } }, set) as { connection: { url: URL } };
  assert.ok(!out.connection.url.href.includes('passwordxy'), out.connection.url.href);
  // a secret elsewhere in the URL still leaves its origin
  const path = redactValue(new URL('https://node.example:9200/PassWordXy/_search'), set) as URL;
  assert.equal(path.href, 'https://node.example:9200/');
});

test('word-like host forms match as whole words only; a secret without upper case adds none', () => {
  const set = setOf('PassWordXy');
  assert.equal(redactText('passwordxyz and xpasswordxy stay', set), 'passwordxyz and xpasswordxy stay');
  assert.equal(redactText('the password is wrong', setOf('password1!')), 'the password is wrong');
});

test('a secret as the URL parser percent-encodes user info (`$&+,%` kept) is redacted by value', () => {
  const chars = ['a', 'B', '$', '&', '+', ',', '%', '!', "'", '(', '*', '~', ' ', '"', '#', '<', '?', '`', '{', '/', ':', ';', '=', '@', '[', '\\', '^', '|', 'é', '😀'];
  let seed = 236;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
  for (let n = 0; n < 3000; n++) {
    let secret = 'Zq7x';
    for (let i = 0; i < 6; i++) secret += chars[next() % chars.length];
    const url = new URL('http://proxy.example');
    url.password = secret;
    const set = setOf(secret);
    const out = redactText(`proxy refused password ${url.password} here`, set);
    assert.ok(!out.includes(url.password), `${JSON.stringify(secret)} as ${url.password}: ${out}`);
  }
});

test('createClient: a password where the parser reads a node host never shows in inspect, JSON or a refusal', () => {
  const pw = 'PassWordXy';
  for (const node of ['https://PassWordXy/x@host.example', 'https://PassWordXy:9200']) {
    const client = createClient({ node, auth: { mode: 'basic', username: 'user', password: pw } });
    const shown = inspect(client, { depth: 6 }) + JSON.stringify(client);
    assert.ok(!shown.toLowerCase().includes(pw.toLowerCase()), `${node}: ${shown}`);
    void client.close();
  }
  assert.throws(
    () => createClient({ node: 'http://PassWordXy:9200/x@remote.example', auth: { mode: 'basic', username: 'user', password: pw } }),
    (e: unknown) => e instanceof ConfigError && /clear text/.test(e.message) && !e.message.toLowerCase().includes(pw.toLowerCase()) && !inspect(e).toLowerCase().includes(pw.toLowerCase()),
  );
});

test('review 240: a short letters-only head of a password is no secret of its own; the parser\'s other rewrites are', () => {
  // the head alone would blank ordinary words (`admin`, `logs`, `.kibana`) in every error text of that client
  for (const [pw, text] of [['Admin@2024', 'user admin lacks indices:data/read/search'], ['Logs:Reader#1x', 'GET /logs/_search'],
    ['Kibana/Server-99', 'index .kibana'], ['Secret?Value-9', 'the secret value']] as const) {
    assert.equal(redactText(text, setOf(pw)), text, pw);
  }
  // as the WHATWG parser writes them: `\` read as `/`, `%41` decoded in a host, a tab dropped
  for (const [pw, shown] of [['Pass\\Word9', 'https://pass/Word9@h.example.com'], ['Pa%41ssWd1', 'getaddrinfo ENOTFOUND paasswd1'],
    ['Pass\tWord9', 'getaddrinfo ENOTFOUND password9'], ['Kibana/Server-99', 'https://kibana/Server-99@h.example.com']] as const) {
    const out = redactText(shown, setOf(pw));
    assert.ok(out.includes(REDACTED) && !/pass\/Word9|paasswd1|password9|kibana\/Server/.test(out), `${JSON.stringify(pw)}: ${out}`);
  }
  // the URL view hides a host a secret starts in
  const url = redactValue(new URL('https://kibana/Server-99@h.example.com'), setOf('Kibana/Server-99')) as URL;
  assert.equal(url.hostname, 'redacted.invalid');
});

test('a host form that is a secret key name (`PassWord`, `pass\\nword` read as `password`) leaves the SDK\'s own words', () => {
  for (const pw of ['PassWord', 'pass\nword', 'Pass\tWord']) {
    const text = 'credential source basic:password (the auth.password provider) returned nothing';
    assert.equal(redactText(text, setOf(pw)), text, JSON.stringify(pw));
  }
});
