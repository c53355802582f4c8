/**
 * A loopback `_bulk` server for ingest tests: keeps a document store (what was really applied),
 * parses each NDJSON request into items, and lets the test decide per request how to answer
 * (honest, perturbed, reset, trickled, garbage). Transport behaviour only; never an OpenSearch.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One item of a received bulk request. */
export interface StubItem {
  action: 'index' | 'create' | 'update' | 'delete';
  index: string;
  id: string;
  document?: unknown;
}

/** The honest answer to one item, and whether the store now holds the document. */
export interface ItemAnswer {
  item: Record<string, Record<string, unknown>>;
  applied: boolean;
}

/** How to answer one request. */
export type StubReply =
  | { kind: 'json'; status?: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'raw'; status: number; text: string }
  | { kind: 'reset' }
  | { kind: 'trickle'; text: string; everyMs: number }
  | { kind: 'hang' };

/** Decides the reply of request number `n` (0-based) carrying `items` (`headers`: what the request sent). */
export type StubPlan = (items: StubItem[], n: number, stub: BulkStub, headers: http.IncomingHttpHeaders) => StubReply | Promise<StubReply>;

/** A running stub. */
export interface BulkStub {
  url: string;
  /** Ids stored (applied) at least once, per index/id: `${index}/${id}`. */
  store: Set<string>;
  /** Every bulk request's items, in arrival order. */
  requests: StubItem[][];
  /** Requests whose connection the client closed before the answer was complete. */
  clientClosed: number;
  plan: StubPlan;
  /** Applies `item` the way OpenSearch would (create on an existing id: 409) and returns the honest answer. */
  apply(item: StubItem, outcome?: 'ok' | 'reject429' | 'mapping400'): ItemAnswer;
  close(): Promise<void>;
}

/** Splits an NDJSON bulk body into items. */
export function parseBulk(body: string): StubItem[] {
  const lines = body.split('\n').filter((l) => l.length > 0);
  const items: StubItem[] = [];
  for (let i = 0; i < lines.length;) {
    const meta = JSON.parse(lines[i]!) as Record<string, { _index: string; _id: string }>;
    const action = Object.keys(meta)[0] as StubItem['action'];
    const m = meta[action]!;
    if (action === 'delete') {
      items.push({ action, index: m._index, id: m._id });
      i += 1;
    } else {
      items.push({ action, index: m._index, id: m._id, document: JSON.parse(lines[i + 1]!) });
      i += 2;
    }
  }
  return items;
}

/** The honest answer of a request whose items were all applied as `apply` says. */
export function honest(answers: ItemAnswer[]): StubReply {
  return { kind: 'json', body: { took: 1, errors: answers.some((a) => !a.applied), items: answers.map((a) => a.item) } };
}

/** Starts the stub; `plan` defaults to applying everything and answering honestly. */
export async function startBulkStub(plan?: StubPlan): Promise<BulkStub> {
  const stub: BulkStub = {
    url: '',
    store: new Set(),
    requests: [],
    clientClosed: 0,
    plan: plan ?? ((items, _n, s) => honest(items.map((i) => s.apply(i)))),
    apply(item, outcome = 'ok') {
      const key = `${item.index}/${item.id}`;
      const wrap = (r: Record<string, unknown>): Record<string, Record<string, unknown>> => ({ [item.action]: { _index: item.index, _id: item.id, ...r } });
      if (outcome === 'reject429') {
        return { item: wrap({ status: 429, error: { type: 'es_rejected_execution_exception', reason: 'rejected execution (stub)' } }), applied: false };
      }
      if (outcome === 'mapping400') {
        return { item: wrap({ status: 400, error: { type: 'mapper_parsing_exception', reason: 'failed to parse (stub)' } }), applied: false };
      }
      if (item.action === 'create' && stub.store.has(key)) {
        return { item: wrap({ status: 409, error: { type: 'version_conflict_engine_exception', reason: `[${item.id}]: version conflict, document already exists` } }), applied: false };
      }
      if (item.action === 'delete') {
        const existed = stub.store.delete(key);
        return { item: wrap({ status: existed ? 200 : 404, result: existed ? 'deleted' : 'not_found' }), applied: true };
      }
      const existed = stub.store.has(key);
      stub.store.add(key);
      return { item: wrap({ status: existed ? 200 : 201, result: existed ? 'updated' : 'created' }), applied: true };
    },
    close: async () => undefined,
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const items = /\/_bulk(\?|$)/.test(req.url ?? '') ? parseBulk(Buffer.concat(chunks).toString('utf8')) : [];
      const n = stub.requests.push(items) - 1;
      let finished = false;
      res.on('finish', () => { finished = true; });
      res.on('close', () => { if (!finished) stub.clientClosed++; });
      Promise.resolve(stub.plan(items, n, stub, req.headers)).then((reply) => {
        if (reply.kind === 'reset') {
          req.socket.destroy();
        } else if (reply.kind === 'hang') {
          // never answers; the client must give up or abort
        } else if (reply.kind === 'raw') {
          res.writeHead(reply.status, { 'content-type': 'application/json' });
          res.end(reply.text);
        } else if (reply.kind === 'trickle') {
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(reply.text)) });
          let at = 0;
          const timer = setInterval(() => {
            if (res.destroyed || at >= reply.text.length) {
              clearInterval(timer);
              if (!res.destroyed) res.end();
              return;
            }
            res.write(reply.text[at++]!);
          }, reply.everyMs);
        } else {
          const body = JSON.stringify(reply.body);
          res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
          res.end(body);
        }
      }, () => req.socket.destroy());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stub.close = () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); });
  return stub;
}
