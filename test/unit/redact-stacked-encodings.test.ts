/**
 * Redaction by value of a secret a server echoes in a form one step removed from the ones a client sends: encoded twice
 * (a login page putting the request's encoded URL into its own query), its UTF-8 bytes read as Latin-1 (RFC 7617's
 * default charset for Basic credentials), Go's JSON escapes, base64 of its JSON-escaped or percent-encoded form inside
 * a longer base64 text, HTML escaping that keeps quotes or escapes only `&` and `<`, and a server cutting the echo
 * inside the secret. Each case is checked through redactText with the client's set and end to end through a client.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createClient } from '../../src/index.js';
import { redactText } from '../../src/errors/redact.js';
import { SecretSet } from '../../src/errors/secrets.js';
import { loopbackUrl } from '../support/loopback-client.js';

const PASSWORDS = ['Pw h134!(x)Q9zz', 'o\'neil<b>&c9XYZ"q', 'LatinéPw9#x', 'Emoji😀Pw9#x', 'ab+cd%20ef/gh?=&#9'];

const setOf = (value: string): SecretSet => {
  const set = new SecretSet();
  set.add(value);
  return set;
};

type Decode = (text: string) => string;
const percent: Decode = (t) => t.replace(/(%[0-9A-Fa-f]{2})+/g, (run) => {
  try {
    return decodeURIComponent(run);
  } catch {
    return run;
  }
});
/** Each base64 run decoded (a redacted text keeps runs on both sides of the marker). */
const base64: Decode = (t) => t.replace(/[A-Za-z0-9+/]{8,}={0,2}/g, (run) => Buffer.from(run, 'base64').toString('utf8'));
const unescapeJson: Decode = (t) => t.replace(/\\+u00([0-9a-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))).replace(/\\+(["\\])/g, '$1');
const unescapeHtml: Decode = (t) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The ways a server can echo `value` one step removed from what was sent, each with how a reader decodes it back. */
function echoes(value: string): Record<string, [string, Decode]> {
  const json = JSON.stringify(value).slice(1, -1);
  const cut = Math.max(8, Math.ceil(value.length / 2)) + 1;
  const out: Record<string, [string, Decode]> = {
    'percent-encoded twice': [`https://sso.example/start?rd=${encodeURIComponent(`https://es.example/idx/_doc/${encodeURIComponent(value)}`)}`, (t) => percent(percent(t))],
    'percent-encoded twice, lower-case hex': [encodeURIComponent(encodeURIComponent(value)).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()), (t) => percent(percent(t))],
    'form-encoded twice': [new URLSearchParams([['rd', new URLSearchParams([['q', value]]).toString()]]).toString(), (t) => percent(percent(t.replace(/\+/g, ' ')).replace(/\+/g, ' '))],
    'Go JSON escapes': [JSON.stringify({ message: JSON.stringify(`got ${value}`).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`) }), unescapeJson],
    'base64 of a JSON body': [Buffer.from(`{"AuthParameters":{"PASSWORD":"${json}"}}`).toString('base64'), (t) => unescapeJson(base64(t))],
    'base64 of a request line': [Buffer.from(`GET /idx/_doc/${encodeURIComponent(value)} HTTP/1.1`).toString('base64'), (t) => percent(base64(t))],
    'HTML, quotes kept': [`<p>${value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`, unescapeHtml],
    'HTML, & and < only': [`<p>${value.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`, unescapeHtml],
    'cut with ...': [`index [/idx/_doc/${value.slice(0, cut)}...] invalid`, (t) => t],
    'cut with …': [`invalid name: ${value.slice(0, cut)}…`, (t) => t],
  };
  if (/[^\x00-\x7f]/.test(value)) out['UTF-8 read as Latin-1'] = [`bad credentials for user:${Buffer.from(value).toString('latin1')}`, (t) => Buffer.from(t, 'latin1').toString('utf8')];
  return out;
}

/** True when `decoded` shows any 8 consecutive characters of `value`. */
function recoverable(decoded: string, value: string): boolean {
  for (let i = 0; i + 8 <= value.length; i++) if (decoded.includes(value.slice(i, i + 8))) return true;
  return false;
}

describe('redactText removes a secret echoed one step removed', () => {
  for (const value of PASSWORDS) {
    for (const [how, [text, decode]] of Object.entries(echoes(value))) {
      test(`${JSON.stringify(value)}: ${how}`, () => {
        assert.ok(recoverable(decode(text), value), 'the unredacted echo shows the secret (the check can fail)');
        const out = redactText(text, setOf(value));
        assert.ok(!recoverable(decode(out), value) && !recoverable(out, value), out);
        assert.match(out, /\[REDACTED\]/);
      });
    }
  }
});

describe('a cut prefix is removed only where it is long and cut', () => {
  const value = 'Xq7!secretive-Pw9';
  test('a prefix of fewer than half the characters stays', () => {
    assert.equal(redactText('name Xq7!secr...', setOf(value)), 'name Xq7!secr...');
  });
  test('a long prefix that the text does not cut stays (it is not the echo of a cut value)', () => {
    assert.equal(redactText('name Xq7!secretive and more', setOf(value)), 'name Xq7!secretive and more');
  });
  test('a long prefix the text cuts is removed, and the text around it stays', () => {
    assert.equal(redactText('name [Xq7!secretive...] is invalid', setOf(value)), 'name [[REDACTED]...] is invalid');
  });
  test('a prefix at the very end of a text stays (a word there is often a prefix of some secret)', () => {
    assert.equal(redactText('Weak password', setOf('password123!')), 'Weak password');
    assert.equal(redactText('name Xq7!secretive', setOf(value)), 'name Xq7!secretive');
  });
  test('a word-like secret is never cut-matched', () => {
    assert.equal(redactText('the Administration…', setOf('Administrator')), 'the Administration…');
  });
});

describe('end to end: a login page redirecting with the request URL encoded twice', () => {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(302, { location: `https://sso.example/oauth2/start?rd=${encodeURIComponent(`https://es.example${req.url ?? ''}`)}` });
      res.end();
    });
  });
  const url = loopbackUrl(server);
  test('the location of a search whose query holds the password keeps no trace of it', async () => {
    const password = 'Pw h134!(x)Q9zz';
    const client = createClient({ node: url(), auth: { mode: 'basic', username: 'u', password }, allowInsecureHttp: true, retry: { retries: 0 } });
    try {
      const answer = await client.search({ index: 'idx', q: password });
      const location = String(answer.headers?.location);
      assert.match(location, /^https:\/\/sso\.example\/oauth2\/start\?rd=/);
      assert.ok(!recoverable(percent(percent(location)), password), location);
    } finally {
      await client.close();
    }
  });
});
