/**
 * A loopback HTTP server whose handler gets the raw request (body read) and response, for servers
 * that misbehave: trickle a body a byte at a time, reset the connection, echo what they received.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The request as the handler sees it. */
export interface RawRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A running raw stub. */
export interface RawStub {
  url: string;
  /** Requests received, in order. */
  received: RawRequest[];
  close(): Promise<void>;
}

/** Starts a stub on 127.0.0.1; `handler` answers (or does not) each request. */
export async function startRawStub(handler: (req: RawRequest, res: http.ServerResponse, n: number) => void): Promise<RawStub> {
  const received: RawRequest[] = [];
  const timers = new Set<ReturnType<typeof setInterval>>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(raw);
      handler(raw, res, received.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearInterval(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers 200 JSON one byte every `everyMs` (for `totalMs` at most): never idle, never done in time. */
export function trickle(res: http.ServerResponse, everyMs: number, totalMs: number): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  const text = `{"padding":"${'x'.repeat(Math.ceil(totalMs / everyMs))}"}`;
  let i = 0;
  const timer = setInterval(() => {
    if (res.destroyed || i >= text.length) {
      clearInterval(timer);
      if (!res.destroyed) res.end();
      return;
    }
    res.write(text[i++]);
  }, everyMs);
  res.on('close', () => clearInterval(timer));
}

/** Sends a JSON (object) or text (string) answer. */
export function answer(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const type = typeof body === 'string' ? (text.trimStart().startsWith('<') ? 'text/html' : 'text/plain') : 'application/json';
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
