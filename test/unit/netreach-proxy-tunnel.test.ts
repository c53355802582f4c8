/**
 * NETWORK REACH (unit): requests through an HTTP CONNECT proxy (`clientOptions.proxy`) to AWS-shaped host names.
 * The proxy stub sends every tunnel to one loopback TLS server whose certificate (a throw-away CA made by openssl)
 * names the AWS hosts, so the real names travel: CONNECT target, Host header, TLS servername, SigV4 canonical host.
 * Each is compared with what a plain opensearch-js Client sends through the same proxy, and the SigV4 signature is
 * re-derived by botocore. Proxy credentials must stay off the target server and out of every error.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import type { AddressInfo } from 'node:net';
import { Client } from '@opensearch-project/opensearch';
import { createClient } from '../../src/index.js';
import { checkDomain } from '../../src/diagnose/index.js';
import { openTunnel } from '../support/connect-tunnel.js';

const KEYS = { accessKeyId: 'AKIDNETREACH02', secretAccessKey: 'netreach/Proxy+Key/0123456789abcdefEXAMPLE' };
const PROXY_USER = 'pu';
const PROXY_PASSWORD = 'Pr@xy-Secret-77';
const PROXY_FORMS = [PROXY_PASSWORD, encodeURIComponent(PROXY_PASSWORD), Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString('base64'), 'Secret-77'];

const BOTOCORE = `
import json, sys, base64
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
s = json.load(sys.stdin)
req = AWSRequest(method=s["method"], url=s["url"], data=base64.b64decode(s["body"]), headers=s["headers"])
auth = SigV4Auth(Credentials(s["accessKeyId"], s["secretAccessKey"]), "es", "us-east-1")
req.context["timestamp"] = s["headers"]["x-amz-date"]
print(auth.signature(auth.string_to_sign(req, auth.canonical_request(req)), req))
`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netreach-proxy-'));
const NAMES = ['search-x.us-east-1.es.amazonaws.com', 'search.example.com'];
function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
}
openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=netreach-ca',
  '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=keyCertSign,cRLSign');
openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'srv.key', '-out', 'srv.csr', '-subj', '/CN=netreach-server');
fs.writeFileSync(path.join(dir, 'ext.cnf'), `subjectAltName=${NAMES.map((n) => `DNS:${n}`).join(',')}\n`);
openssl('x509', '-req', '-in', 'srv.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'srv.pem', '-days', '2', '-extfile', 'ext.cnf');
const ca = fs.readFileSync(path.join(dir, 'ca.pem'));

interface Seen { method: string; url: string; headers: http.IncomingHttpHeaders; body: Buffer; servername: string | false }
const seen: Seen[] = [];
const tunnels: Array<{ target: string; auth: string | undefined }> = [];
let tls: https.Server;
let proxy: http.Server;
let proxyPort = 0;
let reply: 'ok' | '407' = 'ok';

before(async () => {
  tls = https.createServer({ key: fs.readFileSync(path.join(dir, 'srv.key')), cert: fs.readFileSync(path.join(dir, 'srv.pem')) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks), servername: (req.socket as unknown as { servername: string | false }).servername });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => tls.listen(0, '127.0.0.1', r));
  const tlsPort = (tls.address() as AddressInfo).port;
  proxy = http.createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    tunnels.push({ target: req.url ?? '', auth: req.headers['proxy-authorization'] });
    if (reply === '407') {
      socket.end(`HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="x"\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    openTunnel(socket, head, tlsPort, '127.0.0.1');
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  proxyPort = (proxy.address() as AddressInfo).port;
});
after(() => {
  tls.close();
  tls.closeAllConnections();
  proxy.close();
  proxy.closeAllConnections();
  fs.rmSync(dir, { recursive: true, force: true });
});

const proxyUrl = (): string => `http://${PROXY_USER}:${encodeURIComponent(PROXY_PASSWORD)}@127.0.0.1:${proxyPort}`;

async function through(kind: 'iam' | 'basic' | 'raw', node: string): Promise<{ request: Seen; tunnel: { target: string; auth: string | undefined } }> {
  seen.length = 0;
  tunnels.length = 0;
  const client = kind === 'raw'
    ? new Client({ node, auth: { username: 'u', password: 'p' }, ssl: { ca }, proxy: proxyUrl(), maxRetries: 0 })
    : createClient({ node, ssl: { ca }, retry: { retries: 0 }, clientOptions: { proxy: proxyUrl() },
      auth: kind === 'iam' ? { mode: 'iam', region: 'us-east-1', credentials: KEYS } : { mode: 'basic', username: 'u', password: 'p' } });
  try {
    await client.search({ index: 'movies', body: { query: { match_all: {} } } });
  } finally {
    await client.close();
  }
  assert.equal(seen.length, 1);
  assert.equal(tunnels.length, 1);
  return { request: seen[0]!, tunnel: tunnels[0]! };
}

describe('through a CONNECT proxy, the names on the wire match a plain opensearch-js Client', () => {
  const nodes = [
    'https://search-x.us-east-1.es.amazonaws.com',
    'https://search-x.us-east-1.es.amazonaws.com:443',
    'https://SEARCH-X.US-EAST-1.ES.AMAZONAWS.COM/',
    'https://search.example.com/opensearch/',
  ];
  for (const node of nodes) {
    test(node, async () => {
      const raw = await through('raw', node);
      for (const kind of ['basic', 'iam'] as const) {
        const ours = await through(kind, node);
        assert.equal(ours.tunnel.target, raw.tunnel.target, `${kind}: CONNECT target`);
        assert.equal(ours.request.headers.host, raw.request.headers.host, `${kind}: Host`);
        assert.equal(ours.request.servername, raw.request.servername, `${kind}: TLS servername`);
        assert.equal(ours.request.url, raw.request.url, `${kind}: path`);
        assert.equal(ours.request.headers['proxy-authorization'], undefined, `${kind}: proxy credentials reached the server`);
        if (kind === 'iam') {
          const auth = String(ours.request.headers.authorization);
          const headers: Record<string, string> = {};
          for (const name of /SignedHeaders=([^,]+)/.exec(auth)?.[1]?.split(';') ?? []) headers[name] = String(ours.request.headers[name]);
          const theirs = execFileSync('python3', ['-c', BOTOCORE], {
            input: JSON.stringify({ ...KEYS, method: ours.request.method, url: `https://${String(ours.request.headers.host)}${ours.request.url}`, headers, body: ours.request.body.toString('base64') }),
          }).toString().trim();
          assert.equal(/Signature=([0-9a-f]+)/.exec(auth)?.[1], theirs, 'botocore disagrees with the signature');
        }
      }
      assert.equal(raw.tunnel.target.endsWith(':443'), true);
    });
  }
});

describe('proxy credentials stay out of errors and reports', () => {
  for (const kind of ['basic', 'iam', 'none'] as const) {
    test(`${kind}: a 407 from the proxy`, async () => {
      reply = '407';
      const auth = kind === 'iam' ? { mode: 'iam' as const, region: 'us-east-1', credentials: KEYS } : kind === 'basic' ? { mode: 'basic' as const, username: 'u', password: 'p' } : { mode: 'none' as const };
      const client = createClient({ node: 'https://search-x.us-east-1.es.amazonaws.com', ssl: { ca }, retry: { retries: 0 }, clientOptions: { proxy: proxyUrl() }, auth });
      try {
        const error = await client.search({ index: 'x' }).then(() => undefined, (e: unknown) => e);
        assert.ok(error instanceof Error);
        const report = await checkDomain(client);
        for (const [label, value] of [['error', error], ['checkDomain', report], ['client', client]] as const) {
          const text = [String(value), JSON.stringify(value) ?? '', util.inspect(value, { depth: 12, showHidden: true, getters: true })].join('\n');
          for (const form of PROXY_FORMS) assert.equal(text.includes(form), false, `${label} shows the proxy password (${form})`);
        }
      } finally {
        reply = 'ok';
        await client.close();
      }
    });
  }
});
