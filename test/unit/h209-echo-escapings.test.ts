/**
 * A loopback server that echoes what it was sent (the request body, the Basic credentials) escaped in part or
 * otherwise (quotes only, backslashes only, `\/`, `\u0022`, .NET / Python `\uXXXX`, HTML references), in a refusal, a
 * 500 as text, and a JSON 200 cut short. Passwords hold `"`, `/` and non-ASCII: no part of them reaches any surface the
 * project promises clean (message, stack, String, JSON, util.inspect with hidden fields, meta, the cause chain, the
 * client's events, the CLI's output), for the security API's writes and a plain client call.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { inspect } from 'node:util';
import { createClient } from '../../src/client/create-client.js';
import { SecurityApi } from '../../src/security/index.js';
import { loopbackUrl } from '../support/loopback-client.js';
import { runCli } from '../support/cli-run.js';

const json = (s: string): string => JSON.stringify(s).slice(1, -1);
const unicodeJson = (s: string, which: RegExp, upper: boolean): string =>
  [...s]
    .map((cp) => cp.split('').map((c) => {
      if (!which.test(c)) return cp.length === 2 ? c : json(c);
      const hex = c.charCodeAt(0).toString(16).padStart(4, '0');
      return `\\u${upper ? hex.toUpperCase() : hex}`;
    }).join(''))
    .join('');

const ESCAPINGS: Record<string, (s: string) => string> = {
  'quotes only': (s) => s.replace(/"/g, '\\"'),
  'backslashes only': (s) => s.replace(/\\/g, '\\\\'),
  'JSON with \\/': (s) => json(s).replace(/\//g, '\\/'),
  'JSON with \\u0022': (s) => unicodeJson(s, /"/, false),
  '.NET': (s) => unicodeJson(s, /["'&<>+`\u007f-\uffff]/, true),
  'Python ensure_ascii': (s) => unicodeJson(s, /[\u007f-\uffff]/, false),
  'HTML &#x22;': (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#x22;'),
};

/** How the server answers: its status, content type, and whether the JSON is cut short. */
const ANSWERS = [
  { status: 400, type: 'application/json', cut: false },
  { status: 500, type: 'text/plain', cut: false },
  { status: 200, type: 'application/json', cut: true },
] as const;

let escaping = ESCAPINGS['quotes only'] as (s: string) => string;
let answer: (typeof ANSWERS)[number] = ANSWERS[0];

const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    if (req.url === '/' || req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ version: { distribution: 'opensearch', number: '2.19.4' } }));
      return;
    }
    const auth = Buffer.from(String(req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString('utf8');
    const echo = escaping(`${body} as ${auth} (${JSON.stringify({ credentials: auth.slice(auth.indexOf(':') + 1) })})`);
    res.writeHead(answer.status, { 'content-type': answer.type });
    res.end(answer.cut ? `{"status":"OK","message":"${echo}` : `{"status":"BAD","message":"${echo}"}`);
  });
});
const url = loopbackUrl(server);

/** Every rendering of `value` a user or a logger may produce (the cause chain is in inspect and JSON). */
function renderings(value: unknown): string[] {
  const e = value as { message?: unknown; stack?: unknown; meta?: unknown; cause?: unknown };
  let asJson = '';
  try {
    asJson = JSON.stringify(value) ?? '';
  } catch {
    asJson = '';
  }
  return [String(e?.message), String(e?.stack), String(value), asJson, inspect(value, { depth: Infinity, showHidden: true }), inspect(e?.meta, { depth: Infinity }), inspect(e?.cause, { depth: Infinity, showHidden: true })];
}

/** The parts of `password` (runs of 6+ letters, digits and `-`) found in any rendering of `value`. */
function traces(value: unknown, password: string): string[] {
  const parts = password.match(/[A-Za-z0-9-]{6,}/g) ?? [];
  const texts = renderings(value);
  return parts.filter((part) => texts.some((t) => t.includes(part)));
}

async function outcome(p: Promise<unknown>): Promise<unknown> {
  try {
    return await p;
  } catch (e) {
    return e;
  }
}

const CLIENT_PASSWORD = 'Cl13nt-P"ss/w\u00f6rd-h209-ctail';
const NEW_PASSWORD = 'Str0ng-P"ssword-h209/tail-\u00e9-visible';
const OLD_PASSWORD = 'Old-Pa55"word-h209-otail';

describe('an echo escaped in part never shows part of a password (h209)', () => {
  for (const [name, esc] of Object.entries(ESCAPINGS)) {
    test(`${name}: users.put, users.patch, account.changePassword, a plain call and its events`, async () => {
      escaping = esc;
      const found: string[] = [];
      for (const a of ANSWERS) {
        answer = a;
        const label = `${a.status} ${a.type}${a.cut ? ' cut' : ''}`;
        const client = createClient({ node: url(), auth: { mode: 'basic', username: 'h209-u', password: CLIENT_PASSWORD }, retry: { retries: 0 } });
        const seen: unknown[] = [];
        client.on('response', (error, result) => seen.push(error, result));
        const api = new SecurityApi(client, { conflictAttempts: 1 });
        const calls: Array<[string, () => Promise<unknown>, string[]]> = [
          ['users.put', () => api.users.put('h209-u2', { password: NEW_PASSWORD }), [NEW_PASSWORD]],
          ['users.patch', () => api.users.patch('h209-u2', [{ op: 'add', path: '/password', value: NEW_PASSWORD }]), [NEW_PASSWORD]],
          ['account.changePassword', () => api.account.changePassword(OLD_PASSWORD, NEW_PASSWORD), [OLD_PASSWORD, NEW_PASSWORD]],
          ['plain call', () => client.transport.request({ method: 'POST', path: '/h209/_search', body: { query: { match_all: {} } } }), []],
        ];
        for (const [call, run, passwords] of calls) {
          const result = await outcome(run());
          for (const pw of [...passwords, CLIENT_PASSWORD]) for (const part of traces(result, pw)) found.push(`${label} ${call}: ${part}`);
        }
        assert.ok(seen.length > 0, 'the client emitted its response events');
        for (const event of seen) for (const pw of [NEW_PASSWORD, OLD_PASSWORD, CLIENT_PASSWORD]) for (const part of traces(event, pw)) found.push(`${label} event: ${part}`);
        await client.close();
      }
      assert.deepEqual(found, []);
    });
  }

  test("the CLI's output (verify, which prints the refusal; text and --json) holds no part of its password so echoed", async () => {
    const found: string[] = [];
    for (const name of ['quotes only', 'JSON with \\u0022', 'HTML &#x22;']) {
      escaping = ESCAPINGS[name] as (s: string) => string;
      for (const a of ANSWERS) {
        answer = a;
        const env = { OPENSEARCH_URL: url(), OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'h209-u', OPENSEARCH_PASSWORD: CLIENT_PASSWORD };
        for (const args of [['verify', '--index', 'h209'], ['verify', '--index', 'h209', '--json']]) {
          const r = await runCli(args, env);
          if (!a.cut) assert.ok(r.text.includes('[REDACTED]'), `${name} ${a.status}: the refusal is printed, redacted: ${r.text}`);
          const parts = CLIENT_PASSWORD.match(/[A-Za-z0-9-]{6,}/g) ?? [];
          for (const part of parts) if (r.text.includes(part)) found.push(`${name} ${a.status} ${args.join(' ')}: ${part}`);
        }
      }
    }
    assert.deepEqual(found, []);
  });
});
