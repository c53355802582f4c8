/**
 * A loopback HTTP proxy in front of the real node whose `hook` sees each request first: it may hold it (to force
 * an interleaving with another client), answer it itself (a fault), or forward it and drop the answer. Whatever
 * the hook leaves alone is forwarded as is. The node decides every request that reaches it.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

/** The node's answer to a forwarded request. */
export interface Upstream { status: number; headers: http.IncomingHttpHeaders; body: Buffer }

/** Sends a request (method, url, headers of `req`, and `body`) to the node. */
export type Forward = (req: http.IncomingMessage, body: Buffer) => Promise<Upstream>;

/** A forwarder to `upstream` (the node's https URL, trusting `ca`) and the agent to destroy when done. */
export function forwarder(upstream: string, ca: Buffer): { forward: Forward; agent: https.Agent } {
  const target = new URL(upstream);
  const agent = new https.Agent({ ca, keepAlive: true });
  const forward: Forward = (req, body) => new Promise((resolve, reject) => {
    const headers = { ...req.headers, host: target.host, 'content-length': String(body.length) };
    const up = https.request({ hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    up.on('error', reject);
    up.end(body);
  });
  return { forward, agent };
}

/** Writes the node's answer to the client. */
export function relay(res: http.ServerResponse, up: Upstream): void {
  const headers = { ...up.headers };
  delete headers['transfer-encoding'];
  delete headers.connection;
  res.writeHead(up.status, headers);
  res.end(up.body);
}

/** Returns true when it answered (or dropped) the request itself. */
export type Hook = (req: http.IncomingMessage, body: Buffer, forward: () => Promise<Upstream>, res: http.ServerResponse) => Promise<boolean>;

/** Starts the proxy; close() ends it and its connections. */
export async function startHookProxy(upstream: string, ca: Buffer, hook: Hook): Promise<{ url: string; close: () => Promise<void> }> {
  const { forward, agent } = forwarder(upstream, ca);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      try {
        if (await hook(req, body, () => forward(req, body), res)) return;
        relay(res, await forward(req, body));
      } catch (e) {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: (e as Error).message }));
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => { agent.destroy(); server.closeAllConnections(); server.close(() => r()); }) };
}
