/** A loopback HTTP server that records every request exactly as received and answers from a script. */
import http from 'node:http';
import { after, before, beforeEach } from 'node:test';
import type { AddressInfo } from 'node:net';
import type { ReceivedRequest } from '../domain/edge/sigv4.js';

/** What the stub answers. */
export interface StubReply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Wait this long (ms) before answering. */
  delayMs?: number;
}

/** A running stub. */
export interface RecordingStub {
  url: string;
  port: number;
  /** Every request received, in order (raw url, distinct headers, body bytes). */
  received: ReceivedRequest[];
  /** Decides the reply for a request (default: 200 `{"ok":true}`). */
  reply: (req: ReceivedRequest, index: number) => StubReply | Promise<StubReply>;
  close(): Promise<void>;
}

/** Starts a stub on 127.0.0.1 with a free port. */
export async function startRecordingStub(): Promise<RecordingStub> {
  const stub: RecordingStub = {
    url: '',
    port: 0,
    received: [],
    reply: () => ({}),
    close: async () => undefined,
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const received: ReceivedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: { ...req.headersDistinct },
        body: Buffer.concat(chunks),
      };
      const index = stub.received.push(received) - 1;
      Promise.resolve(stub.reply(received, index))
        .then(async (r) => {
          if (r.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, r.delayMs));
          const body = typeof r.body === 'string' ? r.body : JSON.stringify(r.body ?? { ok: true });
          const contentType = typeof r.body === 'string' ? 'text/plain' : 'application/json';
          res.writeHead(r.status ?? 200, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...r.headers });
          res.end(body);
        })
        .catch(() => {
          res.writeHead(500);
          res.end();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  stub.port = port;
  stub.url = `http://127.0.0.1:${port}`;
  stub.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return stub;
}

/** One stub for the test file: started before its tests, closed after them, cleared (requests, reply) before each; `assign` receives it. */
export function useRecordingStub(assign: (stub: RecordingStub) => void): void {
  let stub: RecordingStub | undefined;
  before(async () => {
    stub = await startRecordingStub();
    assign(stub);
  });
  after(async () => {
    await stub?.close();
  });
  beforeEach(() => {
    if (stub === undefined) return;
    stub.received.length = 0;
    stub.reply = () => ({});
  });
}
