/**
 * TLS verification against loopback HTTPS stubs with certificates made by openssl for this run:
 * a server signed by a test CA, a self-signed server, and a server that requires a client
 * certificate (mTLS). Verification stays on unless `allowInsecureTls` is set, whatever
 * `clientOptions.agent` is, and `agent: false` keeps the `ssl` options.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls, { type TLSSocket } from 'node:tls';
import { inspect } from 'node:util';
import { createClient } from '../../src/client/create-client.js';
import { fromEnv } from '../../src/client/from-env.js';
import { ConfigError } from '../../src/errors/classes.js';
import { openTunnel } from '../support/connect-tunnel.js';

const PASSPHRASE = 'right-Passphrase-7f3a';
let dir: string;
const pem: Record<string, Buffer> = {};

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
}

interface Stub {
  url: string;
  requests: number;
  clientCn: string[];
  close(): Promise<void>;
}

async function startStub(options: https.ServerOptions): Promise<Stub> {
  const stub: Stub = { url: '', requests: 0, clientCn: [], close: async () => undefined };
  const server = https.createServer(options, (req, res) => {
    stub.requests += 1;
    const peer = (req.socket as TLSSocket).getPeerCertificate?.();
    if (peer?.subject?.CN !== undefined) stub.clientCn.push(String(peer.subject.CN));
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  stub.url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stub.close = () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); });
  return stub;
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'p2-tls-'));
  const ext = join(dir, 'san.ext');
  execFileSync('sh', ['-c', `printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\n' > ${JSON.stringify(ext)}`]);
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=fgac-test-ca');
  // Server signed by the CA.
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost');
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', ext);
  // A self-signed server nobody trusts.
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'self.key', '-out', 'self.pem', '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1');
  // A client certificate signed by the CA, its key encrypted with a passphrase; and an unencrypted one.
  openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-aes-256-cbc', '-pass', `pass:${PASSPHRASE}`, '-out', 'client-enc.key');
  openssl('req', '-new', '-key', 'client-enc.key', '-passin', `pass:${PASSPHRASE}`, '-out', 'client.csr', '-subj', '/CN=fgac-client');
  openssl('x509', '-req', '-in', 'client.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'client.pem', '-days', '2');
  openssl('pkey', '-in', 'client-enc.key', '-passin', `pass:${PASSPHRASE}`, '-out', 'client.key');
  openssl('pkcs12', '-export', '-in', 'client.pem', '-inkey', 'client.key', '-passout', `pass:${PASSPHRASE}`, '-out', 'client.p12');
  for (const name of ['ca.pem', 'server.key', 'server.pem', 'self.key', 'self.pem', 'client-enc.key', 'client.pem', 'client.key', 'client.p12']) pem[name] = readFileSync(join(dir, name));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** The error of one request, or undefined when it succeeded. */
async function attempt(client: ReturnType<typeof createClient>): Promise<unknown> {
  try {
    await client.info();
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('a self-signed server is not trusted without allowInsecureTls, whatever the agent', () => {
  test('an agent factory returning rejectUnauthorized: false is refused at createClient; allowed with allowInsecureTls', async () => {
    const stub = await startStub({ key: pem['self.key'], cert: pem['self.pem'] });
    try {
      const agent = () => new https.Agent({ rejectUnauthorized: false });
      assert.throws(
        () => createClient({ node: stub.url, auth: { mode: 'none' }, clientOptions: { agent } }),
        (e: unknown) => e instanceof ConfigError && e.option === 'clientOptions.agent' && /allowInsecureTls/.test(e.message),
      );
      assert.equal(stub.requests, 0);
      const insecure = createClient({ node: stub.url, auth: { mode: 'none' }, allowInsecureTls: true, clientOptions: { agent } });
      assert.equal(await attempt(insecure), undefined);
      assert.equal(stub.requests, 1);
    } finally {
      await stub.close();
    }
  });

  test('an agent that turns verification off inside createConnection: the socket is destroyed before any request is read', async () => {
    const stub = await startStub({ key: pem['self.key'], cert: pem['self.pem'] });
    class SneakyAgent extends https.Agent {
      override createConnection(options: https.RequestOptions): ReturnType<typeof tls.connect> {
        return tls.connect({ ...(options as tls.ConnectionOptions), rejectUnauthorized: false });
      }
    }
    try {
      const client = createClient({ node: stub.url, auth: { mode: 'basic', username: 'svc', password: 'Sneaky-Pw-4d2a' }, retry: { retries: 0 }, clientOptions: { agent: () => new SneakyAgent({ keepAlive: false }) } });
      const error = await attempt(client);
      assert.ok(error instanceof Error, 'the request must fail');
      assert.match(String((error as Error).message), /not verified|certificate/i);
      assert.equal(stub.requests, 0, 'no request (and no password) reached the untrusted server');
      const insecure = createClient({ node: stub.url, auth: { mode: 'none' }, allowInsecureTls: true, clientOptions: { agent: () => new SneakyAgent({ keepAlive: false }) } });
      assert.equal(await attempt(insecure), undefined, 'with allowInsecureTls the same agent may be used');
    } finally {
      await stub.close();
    }
  });

  test('an agent factory with its own checkServerIdentity is refused', () => {
    const agent = () => new https.Agent({ checkServerIdentity: () => undefined });
    assert.throws(() => createClient({ node: 'https://127.0.0.1:9', auth: { mode: 'none' }, clientOptions: { agent } }), (e: unknown) => e instanceof ConfigError && e.option === 'clientOptions.agent');
  });

  test('agent options carrying TLS settings are refused (they belong in ssl)', () => {
    for (const agent of [{ rejectUnauthorized: false }, { ca: pem['self.pem'] }, { checkServerIdentity: () => undefined }]) {
      assert.throws(
        () => createClient({ node: 'https://127.0.0.1:9', auth: { mode: 'none' }, clientOptions: { agent: agent as never } }),
        (e: unknown) => e instanceof ConfigError && e.option.startsWith('clientOptions.agent.'),
      );
    }
  });

  for (const [label, agent] of [
    ['agent: false', false],
    ['a verifying agent factory', () => new https.Agent({ keepAlive: false })],
    ['agent options', { keepAlive: false }],
  ] as const) {
    test(`${label}: the self-signed server is refused and gets no request`, async () => {
      const stub = await startStub({ key: pem['self.key'], cert: pem['self.pem'] });
      try {
        const client = createClient({ node: stub.url, auth: { mode: 'basic', username: 'svc', password: 'Secret-Pw-9c1e' }, retry: { retries: 0 }, clientOptions: { agent } });
        const error = await attempt(client);
        assert.ok(error instanceof Error, 'the request must fail');
        assert.match(String((error as Error).message), /self[- ]signed|certificate/i);
        assert.equal(stub.requests, 0, 'no request (and no password) reached the untrusted server');
        assert.ok(!inspect(error, { depth: 8 }).includes('Secret-Pw-9c1e'));
      } finally {
        await stub.close();
      }
    });
  }
});

describe('ssl options are applied whatever the agent', () => {
  for (const [label, agent] of [
    ['default agent', undefined],
    ['agent: false', false],
    ['an agent factory without TLS settings', () => new https.Agent({ keepAlive: true })],
  ] as const) {
    test(`${label}: ssl.ca trusts the test CA`, async () => {
      const stub = await startStub({ key: pem['server.key'], cert: pem['server.pem'] });
      try {
        const client = createClient({ node: stub.url, auth: { mode: 'none' }, ssl: { ca: pem['ca.pem'] }, ...(agent !== undefined ? { clientOptions: { agent } } : {}) });
        assert.equal(await attempt(client), undefined);
        assert.equal(stub.requests, 1);
      } finally {
        await stub.close();
      }
    });
  }
});

describe('mTLS: ssl.cert / ssl.key / ssl.passphrase', () => {
  const serverOptions = (): https.ServerOptions => ({ key: pem['server.key'], cert: pem['server.pem'], ca: pem['ca.pem'], requestCert: true, rejectUnauthorized: true });

  test('the client certificate is presented (plain key, and encrypted key with its passphrase, with agent: false too)', async () => {
    const stub = await startStub(serverOptions());
    try {
      const plain = createClient({ node: stub.url, auth: { mode: 'none' }, ssl: { ca: pem['ca.pem'], cert: pem['client.pem'], key: pem['client.key'] } });
      assert.equal(await attempt(plain), undefined);
      const encrypted = createClient({ node: stub.url, auth: { mode: 'none' }, ssl: { ca: pem['ca.pem'], cert: pem['client.pem'], key: pem['client-enc.key'], passphrase: PASSPHRASE } });
      assert.equal(await attempt(encrypted), undefined);
      const noAgent = createClient({ node: stub.url, auth: { mode: 'none' }, ssl: { ca: pem['ca.pem'], cert: pem['client.pem'], key: pem['client.key'] }, clientOptions: { agent: false } });
      assert.equal(await attempt(noAgent), undefined);
      assert.deepEqual(stub.clientCn, ['fgac-client', 'fgac-client', 'fgac-client']);
      const without = createClient({ node: stub.url, auth: { mode: 'none' }, ssl: { ca: pem['ca.pem'] }, retry: { retries: 0 } });
      assert.ok((await attempt(without)) instanceof Error, 'without a client certificate the server refuses the handshake');
      assert.equal(stub.requests, 3);
    } finally {
      await stub.close();
    }
  });

  test("the key and passphrase are not printed from a connection's agent or ssl options (one property away from meta.connection)", async () => {
    const stub = await startStub(serverOptions());
    const client = createClient({ node: stub.url, auth: { mode: 'none' }, ssl: { ca: pem['ca.pem'], cert: pem['client.pem'], key: pem['client-enc.key'], passphrase: PASSPHRASE } });
    try {
      const result = await client.info();
      const connection = result.meta.connection as unknown as { agent: unknown; ssl: unknown };
      const keyBody = pem['client-enc.key']!.toString('utf8').split('\n')[1] ?? '';
      for (const value of [connection.agent, connection.ssl, (client.connectionPool as unknown as { connections: Array<{ agent: unknown }> }).connections[0]!.agent]) {
        const printed = `${inspect(value, { depth: 6, showHidden: true })}${JSON.stringify(value)}`;
        assert.ok(!printed.includes(PASSPHRASE), 'the passphrase is printed');
        assert.ok(keyBody.length > 20 && !printed.includes(keyBody), 'the key is printed');
      }
    } finally {
      await client.close();
      await stub.close();
    }
  });

  test("an agent factory gets the ssl settings given (its own CA survives a spread of them), printed without the key or passphrase", async () => {
    const stub = await startStub(serverOptions());
    try {
      // the factory trusts the private CA itself and spreads the client's mTLS settings over its options
      let shown: unknown;
      const agent = (opts: { ssl?: object }): https.Agent => {
        shown = opts.ssl;
        return new https.Agent({ ca: pem['ca.pem'], keepAlive: false, ...opts.ssl });
      };
      const client = createClient({ node: stub.url, auth: { mode: 'none' }, ssl: { cert: pem['client.pem'], key: pem['client-enc.key'], passphrase: PASSPHRASE }, retry: { retries: 0 }, clientOptions: { agent } });
      assert.equal(await attempt(client), undefined, 'the factory CA verifies the server and the client certificate is presented');
      assert.deepEqual(stub.clientCn, ['fgac-client']);
      assert.deepEqual(Object.keys(shown as object).sort(), ['cert', 'key', 'passphrase', 'rejectUnauthorized']);
      const key = pem['client-enc.key']!.toString('utf8');
      for (const text of [inspect(shown, { depth: 5 }), JSON.stringify(shown)]) {
        assert.ok(!text.includes(PASSPHRASE) && !text.includes(key.slice(40, 100)), `printed: ${text.slice(0, 200)}`);
      }
      await client.close();
    } finally {
      await stub.close();
    }
  });

  test('bad mTLS options are ConfigErrors naming the field, never echoing the key or passphrase', () => {
    const keyText = pem['client.key']!.toString('utf8');
    const keyBody = keyText.split('\n').slice(1, 3).join('');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ cert: pem['client.pem'] }, 'ssl.key'],
      [{ key: pem['client.key'] }, 'ssl.cert'],
      [{ cert: pem['client.pem'], key: pem['client-enc.key'], passphrase: 'wrong-Passphrase-1' }, 'ssl.passphrase'],
      [{ cert: pem['client.pem'], key: pem['client-enc.key'] }, 'ssl.passphrase'],
      [{ cert: pem['client.pem'], key: pem['server.key'] }, 'ssl.key'],
      [{ cert: pem['client.pem'], key: 'not a key' }, 'ssl.key'],
      [{ cert: 123, key: pem['client.key'] }, 'ssl.cert'],
      [{ cert: pem['client.pem'], key: pem['client.key'], passphrase: 42 }, 'ssl.passphrase'],
      [{ pfx: pem['client.pem'], cert: pem['client.pem'], key: pem['client.key'] }, 'ssl.pfx'],
      [{ passphrase: PASSPHRASE }, 'ssl.passphrase'],
      // a PKCS#12 file's wrong passphrase ("mac verify failure", no code)
      [{ pfx: pem['client.p12'], passphrase: 'wrong-Passphrase-1' }, 'ssl.passphrase'],
    ];
    for (const [ssl, option] of cases) {
      assert.throws(
        () => createClient({ node: 'https://127.0.0.1:9', auth: { mode: 'none' }, ssl: ssl as never }),
        (e: unknown) => {
          assert.ok(e instanceof ConfigError, String(e));
          assert.equal(e.option, option, e.message);
          const all = `${e.message}\n${e.stack}\n${JSON.stringify(e)}\n${inspect(e, { showHidden: true })}`;
          for (const secret of [PASSPHRASE, 'wrong-Passphrase-1', keyBody]) assert.ok(!all.includes(secret), `${secret.slice(0, 10)} leaked: ${all}`);
          return true;
        },
      );
    }
  });

  test('any wrong passphrase names ssl.passphrase, also when the wrong key decrypts to garbage OpenSSL calls unsupported', () => {
    // about 1 wrong passphrase in 256 passes the padding check and yields a malformed key, not BAD_DECRYPT
    const codes = new Set<string>();
    for (let i = 0; i < 1200; i++) {
      assert.throws(
        () => createClient({ node: 'https://127.0.0.1:9', auth: { mode: 'none' }, ssl: { cert: pem['client.pem'], key: pem['client-enc.key'], passphrase: `wrong-${i}-Passphrase` } }),
        (e: unknown) => {
          assert.ok(e instanceof ConfigError && e.option === 'ssl.passphrase', `passphrase ${i}: ${String(e)}`);
          codes.add(/\(([A-Z0-9_]+)\)/.exec(e.message)?.[1] ?? '?');
          return true;
        },
      );
    }
    assert.ok(codes.size >= 1);
  });

  test('fromEnv reads OPENSEARCH_CERT_FILE, OPENSEARCH_KEY_FILE and OPENSEARCH_KEY_PASSPHRASE', () => {
    const o = fromEnv({
      OPENSEARCH_URL: 'https://127.0.0.1:9200', OPENSEARCH_AUTH: 'none', OPENSEARCH_CA_FILE: join(dir, 'ca.pem'),
      OPENSEARCH_CERT_FILE: join(dir, 'client.pem'), OPENSEARCH_KEY_FILE: join(dir, 'client-enc.key'), OPENSEARCH_KEY_PASSPHRASE: PASSPHRASE,
    });
    assert.deepEqual(o.ssl, { ca: pem['ca.pem'], cert: pem['client.pem'], key: pem['client-enc.key'], passphrase: PASSPHRASE });
    createClient(o);
  });
});

test('printing or serialising a client shows its mode and nodes, never the mTLS key, passphrase, sensitive headers or proxy credentials', () => {
  const apiKey = 'api-Key-Value-5d1c9e';
  const proxyPassword = 'ProxyPass-987xyz';
  const client = createClient({
    node: 'https://127.0.0.1:9200',
    auth: { mode: 'none' },
    ssl: { ca: pem['ca.pem'], cert: pem['client.pem'], key: pem['client-enc.key'], passphrase: PASSPHRASE },
    clientOptions: { headers: { 'x-api-key': apiKey }, proxy: `http://puser:${proxyPassword}@127.0.0.1:9` },
  });
  const keyLine = pem['client-enc.key']!.toString('utf8').split('\n')[3]!;
  const secrets = [keyLine, PASSPHRASE, apiKey, proxyPassword];
  const child = client.child({});
  const renderings: Record<string, string> = {
    inspect: inspect(client, { depth: 8, showHidden: true }),
    json: JSON.stringify(client),
    transport: JSON.stringify(client.transport) + inspect(client.transport, { depth: 8, showHidden: true }),
    pool: JSON.stringify(client.connectionPool) + inspect(client.connectionPool, { depth: 8, showHidden: true }),
    child: inspect(child, { depth: 8, showHidden: true }) + JSON.stringify(child),
  };
  for (const [where, text] of Object.entries(renderings)) {
    for (const s of secrets) assert.ok(!text.includes(s), `${where} shows ${s.slice(0, 12)}...: ${text.slice(0, 200)}`);
  }
  assert.ok(renderings.inspect!.startsWith("Client (opensearch-fgac) { mode: 'none', nodes: [ 'https://127.0.0.1:9200/'"), renderings.inspect);
  assert.deepEqual(JSON.parse(renderings.json!), { mode: 'none', nodes: ['https://127.0.0.1:9200/'] });
});

test("a proxy URL's user info is one of the client's secrets (redacted by value wherever it is echoed)", async () => {
  const { secretsOf } = await import('../../src/errors/secrets.js');
  const client = createClient({ node: 'https://127.0.0.1:9200', auth: { mode: 'none' }, clientOptions: { proxy: 'http://puser:Proxy%21Pass-42x@127.0.0.1:9' } });
  const forms = secretsOf(client).forms();
  assert.ok(forms.includes('Proxy!Pass-42x') && forms.includes('Proxy%21Pass-42x'), 'the password, decoded and as written');
  assert.ok(forms.includes('puser:Proxy%21Pass-42x'), 'and the whole user info');
});

test('an agent factory must return an http(s).Agent that can carry the node\'s protocol (else every request failed with a raw TypeError and close() never settled)', async () => {
  const node = 'https://127.0.0.1:9';
  const cases: Array<[string, () => unknown]> = [['an http.Agent', () => new http.Agent()], ['a plain object', () => ({})], ['false', () => false]];
  for (const [what, factory] of cases) {
    assert.throws(() => createClient({ node, auth: { mode: 'none' }, clientOptions: { agent: factory as never } }),
      (e: unknown) => e instanceof ConfigError && e.option === 'clientOptions.agent', what);
  }
  const ok = createClient({ node, auth: { mode: 'none' }, clientOptions: { agent: () => new https.Agent({ keepAlive: true }) } });
  await ok.close();
  const none = createClient({ node, auth: { mode: 'none' }, clientOptions: { agent: () => undefined as never } });
  await none.close();
});

test('through an HTTP CONNECT proxy (clientOptions.proxy): ssl.ca trusts the server, a server it does not trust is refused', async () => {
  // the proxy agent wraps TLS around a tunnel already connected: before its handshake ends the socket is not
  // `connecting` and already names a protocol, and every request had been refused as "not verified (unknown reason)"
  const stub = await startStub({ key: pem['server.key'], cert: pem['server.pem'] });
  let tunnels = 0;
  const proxy = http.createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    tunnels++;
    const [host, port] = String(req.url).split(':');
    openTunnel(socket, head, Number(port), String(host));
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  const trusted = createClient({ node: stub.url, auth: { mode: 'basic', username: 'svc', password: 'Proxy-Pw-3e1f' }, ssl: { ca: pem['ca.pem'] }, retry: { retries: 0 }, clientOptions: { proxy: proxyUrl } });
  const untrusted = createClient({ node: stub.url, auth: { mode: 'basic', username: 'svc', password: 'Proxy-Pw-3e1f' }, retry: { retries: 0 }, clientOptions: { proxy: proxyUrl } });
  try {
    assert.equal(await attempt(trusted), undefined, 'the trusted server is reached through the proxy');
    assert.equal(stub.requests, 1);
    const error = await attempt(untrusted);
    assert.ok(error instanceof Error, 'a server the client does not trust is refused');
    assert.match(String(error.message), /certificate/i);
    assert.doesNotMatch(String(error.message), /unknown reason/);
    assert.equal(stub.requests, 1, 'no request (and no password) reached the untrusted server');
    assert.ok(tunnels >= 2, `both went through the proxy (${tunnels})`);
  } finally {
    await Promise.all([trusted.close(), untrusted.close()]);
    proxy.close();
    await stub.close();
  }
});
