/**
 * A loopback HTTP proxy in front of the real node that injects faults into `_bulk` requests:
 * whole-request 429s, per-item rejections (the rejected items are removed from what is forwarded,
 * so they are really not applied), and connection resets after the upstream applied the batch.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { forwarder, relay } from './hook-proxy.js';

/** What to do with one `_bulk` request, in arrival order; requests past the script pass through. */
export type BulkFault =
  | { kind: 'pass' }
  | { kind: 'status'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'reject-items'; positions: number[] }
  | { kind: 'reset-after-forward' };

export interface FaultProxy {
  url: string;
  /** Bulk requests seen, and items forwarded upstream per request. */
  seen: Array<{ fault: BulkFault['kind']; items: number }>;
  close(): Promise<void>;
}

function splitBulk(body: string): string[][] {
  const lines = body.split('\n').filter((l) => l.length > 0);
  const items: string[][] = [];
  for (let i = 0; i < lines.length;) {
    const action = Object.keys(JSON.parse(lines[i]!) as object)[0];
    const n = action === 'delete' ? 1 : 2;
    items.push(lines.slice(i, i + n));
    i += n;
  }
  return items;
}

/** Starts the proxy; `upstream` is the node's https URL, `ca` its CA. */
export async function startFaultProxy(upstream: string, ca: Buffer, script: BulkFault[]): Promise<FaultProxy> {
  const { forward, agent } = forwarder(upstream, ca);
  const seen: FaultProxy['seen'] = [];
  let bulkIndex = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const isBulk = /\/_bulk(\?|$)/.test(req.url ?? '');
      const fault: BulkFault = isBulk ? (script[bulkIndex++] ?? { kind: 'pass' }) : { kind: 'pass' };
      try {
        if (fault.kind === 'status') {
          seen.push({ fault: fault.kind, items: 0 });
          res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
          res.end(JSON.stringify(fault.body));
          return;
        }
        if (fault.kind === 'reject-items') {
          const items = splitBulk(body.toString('utf8'));
          const keep = items.filter((_, i) => !fault.positions.includes(i));
          seen.push({ fault: fault.kind, items: keep.length });
          const up = keep.length > 0
            ? await forward(req, Buffer.from(keep.flat().join('\n') + '\n'))
            : { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"took":0,"errors":false,"items":[]}') };
          const parsed = JSON.parse(up.body.toString('utf8')) as { took: number; errors: boolean; items: object[] };
          const merged: object[] = [];
          let k = 0;
          items.forEach((lines, i) => {
            const action = Object.keys(JSON.parse(lines[0]!) as object)[0]!;
            const meta = (JSON.parse(lines[0]!) as Record<string, { _index: string; _id?: string }>)[action]!;
            if (fault.positions.includes(i)) {
              merged.push({ [action]: { _index: meta._index, _id: meta._id, status: 429,
                error: { type: 'es_rejected_execution_exception', reason: 'rejected execution of coordinating operation (injected by the test proxy)' } } });
            } else merged.push(parsed.items[k++]!);
          });
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ took: parsed.took, errors: true, items: merged }));
          return;
        }
        const up = await forward(req, body);
        seen.push({ fault: fault.kind, items: isBulk ? splitBulk(body.toString('utf8')).length : 0 });
        if (fault.kind === 'reset-after-forward') {
          req.socket.destroy();
          return;
        }
        relay(res, up);
      } catch (e) {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: (e as Error).message }));
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise((r) => { agent.destroy(); server.closeAllConnections(); server.close(() => r()); }),
  };
}
