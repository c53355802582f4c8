/**
 * The caller's signal landing exactly at an async boundary of the SecurityApi (src/security/) and of ingest
 * (src/ingest/): the outcome the caller sees must still tell the truth about what the server did (README: the
 * security helpers are "safe to use (no lost updates)", `apply`'s `planProgress.outcome` / `addMasterUser`'s
 * `masterUserProgress.outcome` is `not_applied` only when the write was not sent or the server refused it; ingest
 * reports `aborted` only for records not acknowledged). Deterministic: the abort is placed by the server holding its
 * answer until the test says, by a client 'response' listener (emitted synchronously just before the client is
 * called back) queueing a microtask or a setImmediate, or by a counted chain of microtasks. Loopback servers that only
 * emulate the transport answers the helpers need. No timed assertions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from '../../src/client/create-client.js';
import { SecurityApi } from '../../src/security/api.js';
import { SecurityModelError } from '../../src/security/model-error.js';
import { ingest } from '../../src/ingest/ingest.js';
import { IngestAbortedError } from '../../src/ingest/errors.js';

type Answer = { status?: number; body?: unknown };
interface Received { method: string; url: string; body: string }

interface Server {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/** A loopback server: `handle` decides each answer (it may hold it: a promise resolved when the test says). */
async function startServer(handle: (req: Received) => Answer | Promise<Answer>): Promise<Server> {
  const received: Received[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Received = { method: req.method ?? '', url: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') };
      received.push(r);
      void Promise.resolve(handle(r)).then((a) => {
        if (res.destroyed) return;
        const text = JSON.stringify(a.body ?? {});
        res.writeHead(a.status ?? 200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      });
    });
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

/** A promise and its resolver (an answer held until the test releases it). */
function gate<T = void>(): { promise: Promise<T>; open: (v: T) => void } {
  let open!: (v: T) => void;
  const promise = new Promise<T>((resolve) => { open = resolve; });
  return { promise, open };
}

const settled = (p: Promise<unknown>): Promise<unknown> => p.then((r) => r, (e: unknown) => e);
const show = (v: unknown): string => (v instanceof Error ? `${v.name}: ${v.message}` : JSON.stringify(v));
const FLAVOUR = { prefix: '_plugins/_security', userShape: 'backend_roles', dialect: 'v2' } as const;
const OK = { body: { status: 'OK', message: "'r1' updated." } };

function basicClient(url: string, password: string): ReturnType<typeof createClient> {
  return createClient({ node: url, auth: { mode: 'basic', username: 'admin', password } });
}

/** The security REST API of one cluster with roles only: GET answers the store, PATCH/PUT apply (optionally held). */
function rolesServerHandler(store: Record<string, unknown>, onWrite: (req: Received) => Answer | Promise<Answer>): (req: Received) => Answer | Promise<Answer> {
  return (req) => {
    if (req.method === 'GET' && req.url.startsWith('/_plugins/_security/api/roles')) return { body: store };
    if (req.method === 'GET' && req.url.startsWith('/_plugins/_security/authinfo')) return { body: { user_name: 'admin', roles: ['all_access'], backend_roles: [] } };
    if (req.method === 'GET') return { body: {} };
    return onWrite(req);
  };
}

const planProgressOf = (e: unknown): { failed?: string; outcome?: string } | undefined => (e as { planProgress?: { failed?: string; outcome?: string } } | null)?.planProgress;
const masterProgressOf = (e: unknown): { failed?: string; outcome?: string } | undefined => (e as { masterUserProgress?: { failed?: string; outcome?: string } } | null)?.masterUserProgress;

// ---------------------------------------------------------------------------------------------------------------
// Mismatch A: answerLost (src/security/progress.ts:16) knows an abort only as RequestAbortedError or a DOMException
// named AbortError/TimeoutError. The SecurityApi's signal rejects a request in flight with the signal's reason
// (abortable-request.ts), whatever it is: `controller.abort(new Error('shutdown'))` cuts a PATCH the server already
// received and applied, and apply (apply.ts:73) / addMasterUser (master-user.ts:67) report `not_applied`.
// ---------------------------------------------------------------------------------------------------------------

test('apply: the signal aborts with a reason of its own while the PATCH is in flight (server applied it): planProgress.outcome is unknown, not not_applied', { timeout: 10_000 }, async () => {
  const store: Record<string, unknown> = {};
  const patched = gate();
  const release = gate<Answer>();
  const server = await startServer(rolesServerHandler(store, (req) => {
    // the node applies the PATCH, then its answer is held (lost to the caller when the signal cuts it)
    store.r1 = { reserved: false, hidden: false, static: false, cluster_permissions: ['cluster_monitor'], index_permissions: [], tenant_permissions: [] };
    void req;
    patched.open();
    return release.promise;
  }));
  const client = basicClient(server.url, 'Pw-boundary-apply-A1');
  const controller = new AbortController();
  try {
    const api = new SecurityApi(client, { ...FLAVOUR, signal: controller.signal });
    const plan = await api.plan({ roles: { r1: { cluster_permissions: ['cluster_monitor'] } } });
    const applying = settled(api.apply(plan));
    await patched.promise;
    controller.abort(new Error('shutdown: the Lambda is being frozen'));
    const out = await applying;
    release.open(OK);
    assert.ok(out instanceof Error, `apply resolved: ${show(out)}`);
    assert.equal(server.received.filter((r) => r.method === 'PATCH').length, 1, 'the PATCH reached the node');
    assert.ok(store.r1 !== undefined, 'the node applied it');
    assert.equal(planProgressOf(out)?.failed, 'roles');
    assert.equal(planProgressOf(out)?.outcome, 'unknown', `the PATCH was sent and applied, its answer cut by the signal; planProgress says ${JSON.stringify(planProgressOf(out))}`);
  } finally {
    await client.close();
    await server.close();
  }
});

for (const [label, reason] of [['a string', 'stop'], ['a number', 42], ['null', null], ['a frozen Error', Object.freeze(new Error('frozen shutdown'))]] as const) {
  test(`apply: the signal aborts with ${label} as its reason while the PATCH is in flight: the error still carries planProgress (outcome unknown), the reason is its cause`, { timeout: 10_000 }, async () => {
    const store: Record<string, unknown> = {};
    const patched = gate();
    const release = gate<Answer>();
    const server = await startServer(rolesServerHandler(store, () => {
      store.r1 = { reserved: false, hidden: false, static: false, cluster_permissions: ['cluster_monitor'], index_permissions: [], tenant_permissions: [] };
      patched.open();
      return release.promise;
    }));
    const client = basicClient(server.url, 'Pw-boundary-apply-A3');
    const controller = new AbortController();
    try {
      const api = new SecurityApi(client, { ...FLAVOUR, signal: controller.signal });
      const plan = await api.plan({ roles: { r1: { cluster_permissions: ['cluster_monitor'] } } });
      const applying = settled(api.apply(plan));
      await patched.promise;
      controller.abort(reason);
      const out = await applying;
      release.open(OK);
      assert.ok(out instanceof SecurityModelError, `apply ended with ${show(out)}`);
      assert.equal((out as Error).cause, reason);
      assert.equal(planProgressOf(out)?.failed, 'roles');
      assert.equal(planProgressOf(out)?.outcome, 'unknown');
    } finally {
      await client.close();
      await server.close();
    }
  });
}

test('addMasterUser: the signal aborts with a string while the all_access PATCH is in flight: the error carries masterUserProgress (outcome unknown), the string is its cause', { timeout: 10_000 }, async () => {
  const mapping = { reserved: false, hidden: false, users: ['admin'], backend_roles: [] as string[], hosts: [] as string[], and_backend_roles: [] as string[] };
  const patched = gate();
  const release = gate<Answer>();
  const server = await startServer((req) => {
    if (req.method === 'GET' && req.url.includes('/rolesmapping/all_access')) return { body: { all_access: mapping } };
    if (req.method === 'GET') return { body: {} };
    if (req.method === 'PATCH' && req.url.includes('/rolesmapping/all_access')) {
      mapping.users = [...mapping.users, 'alice'];
      patched.open();
      return release.promise;
    }
    return { status: 500, body: { status: 'error', reason: 'unexpected in this test' } };
  });
  const client = basicClient(server.url, 'Pw-boundary-master-A4');
  const controller = new AbortController();
  try {
    const api = new SecurityApi(client, { ...FLAVOUR, signal: controller.signal });
    const adding = settled(api.addMasterUser('alice'));
    await patched.promise;
    controller.abort('stop');
    const out = await adding;
    release.open(OK);
    assert.ok(out instanceof SecurityModelError, `addMasterUser ended with ${show(out)}`);
    assert.equal((out as Error).cause, 'stop');
    assert.equal(masterProgressOf(out)?.failed, 'all_access');
    assert.equal(masterProgressOf(out)?.outcome, 'unknown');
  } finally {
    await client.close();
    await server.close();
  }
});

test('addMasterUser: the signal aborts with a reason of its own while the all_access PATCH is in flight (server applied it): masterUserProgress.outcome is unknown, not not_applied', { timeout: 10_000 }, async () => {
  const mapping = { reserved: false, hidden: false, users: ['admin'], backend_roles: [] as string[], hosts: [] as string[], and_backend_roles: [] as string[] };
  const patched = gate();
  const release = gate<Answer>();
  const server = await startServer((req) => {
    if (req.method === 'GET' && req.url.includes('/rolesmapping/all_access')) return { body: { all_access: mapping } };
    if (req.method === 'GET') return { body: {} };
    if (req.method === 'PATCH' && req.url.includes('/rolesmapping/all_access')) {
      mapping.users = [...mapping.users, 'alice'];
      patched.open();
      return release.promise;
    }
    return { status: 500, body: { status: 'error', reason: 'unexpected in this test' } };
  });
  const client = basicClient(server.url, 'Pw-boundary-master-A2');
  const controller = new AbortController();
  try {
    const api = new SecurityApi(client, { ...FLAVOUR, signal: controller.signal });
    const adding = settled(api.addMasterUser('alice'));
    await patched.promise;
    controller.abort(new Error('shutdown'));
    const out = await adding;
    release.open(OK);
    assert.ok(out instanceof Error, `addMasterUser resolved: ${show(out)}`);
    assert.ok(mapping.users.includes('alice'), 'the node applied the all_access edit');
    assert.equal(masterProgressOf(out)?.failed, 'all_access');
    assert.equal(masterProgressOf(out)?.outcome, 'unknown', `the all_access PATCH was applied; masterUserProgress says ${JSON.stringify(masterProgressOf(out))}`);
  } finally {
    await client.close();
    await server.close();
  }
});

// ---------------------------------------------------------------------------------------------------------------
// Mismatch B: abortableRequest (src/client/abortable-request.ts, boundedWait) lets an abort that lands in the
// microtasks after the answer arrived (the client emitted 'response' and is calling back) win over that answer.
// Security: a PUT the node answered OK is thrown as the abort reason. Ingest (send.ts -> attempts.ts:114): every
// record of a bulk request the node answered (all created) fails `aborted`, "cut in flight".
// ---------------------------------------------------------------------------------------------------------------

test('roles.put: abort() in the microtask after the node answered the PUT 200 OK: the call gets that answer (the write is applied)', { timeout: 10_000 }, async () => {
  const server = await startServer((req) => (req.method === 'PUT' ? { body: { status: 'OK', message: "'r1' updated." } } : { body: {} }));
  const client = basicClient(server.url, 'Pw-boundary-put-B1');
  const controller = new AbortController();
  client.on('response', () => queueMicrotask(() => controller.abort()));
  try {
    const api = new SecurityApi(client, { ...FLAVOUR, signal: controller.signal });
    const out = await settled(api.roles.put('r1', { cluster_permissions: ['cluster_monitor'] }));
    assert.equal(server.received.filter((r) => r.method === 'PUT').length, 1);
    assert.ok(!(out instanceof Error), `the node answered 200 OK before abort(); the caller got ${show(out)}`);
    assert.equal((out as { status?: unknown }).status, 'OK');
  } finally {
    await client.close();
    await server.close();
  }
});

function bulkItems(body: string, status = 201, result = 'created'): unknown[] {
  const lines = body.split('\n').filter((l) => l !== '');
  const items: unknown[] = [];
  for (let i = 0; i < lines.length; i += 2) {
    const action = JSON.parse(lines[i] as string) as Record<string, { _index?: string; _id?: string }>;
    const [op, meta] = Object.entries(action)[0] as [string, { _index?: string; _id?: string }];
    items.push({ [op]: { _index: meta._index, _id: meta._id, status, result } });
  }
  return items;
}

test('ingest: abort() in the microtask after the bulk request was answered (all created): its records are indexed, not failed aborted', { timeout: 10_000 }, async () => {
  const stored = new Set<string>();
  const server = await startServer((req) => {
    const items = bulkItems(req.body);
    for (const it of items) stored.add((Object.values(it as object)[0] as { _id: string })._id);
    return { body: { took: 1, errors: false, items } };
  });
  const client = basicClient(server.url, 'Pw-boundary-ingest-B2');
  const controller = new AbortController();
  client.on('response', () => queueMicrotask(() => controller.abort()));
  try {
    const records = Array.from({ length: 4 }, (_, i) => ({ index: 'bnd', id: `r${i}`, action: 'create' as const, document: { n: i } }));
    const report = await ingest(client, records, { signal: controller.signal, maxBatchCount: 10, concurrency: 1, retries: 2, minDelayMs: 1, maxDelayMs: 2 });
    assert.equal(server.received.length, 1);
    assert.equal(stored.size, 4, 'the node stored every record and said so');
    assert.equal(report.outcomes.length, 4);
    for (const o of report.outcomes) assert.equal(o.status, 'indexed', `a record the node answered as created was reported ${show(o)}`);
  } finally {
    await client.close();
    await server.close();
  }
});

// ---------------------------------------------------------------------------------------------------------------
// Mismatch C: apply (apply.ts:60-73) reports `unknown` where the README says `not_applied`:
// C1: the type's only PATCH was refused 409 and the signal aborts during the back-off: `sent` stays true and the abort
//     reason (a DOMException) is "answer lost", though every PATCH sent was refused.
// C2: `sent = true` is set before the PATCH is sent: an abort landing after the re-read (refuseIfChanged) and before
//     abortableRequest starts the request ends with nothing sent, yet outcome `unknown`.
// ---------------------------------------------------------------------------------------------------------------

test('apply: the only PATCH was refused 409, abort() during the back-off: planProgress.outcome is not_applied', { timeout: 10_000 }, async () => {
  const server = await startServer(rolesServerHandler({}, () => ({ status: 409, body: { status: 'error', message: 'There was a concurrent modification of the configuration.' } })));
  const client = basicClient(server.url, 'Pw-boundary-apply-C1');
  const controller = new AbortController();
  const random = Math.random;
  try {
    const api = new SecurityApi(client, { ...FLAVOUR, signal: controller.signal, conflictAttempts: 5 });
    const plan = await api.plan({ roles: { r1: { cluster_permissions: ['cluster_monitor'] } } });
    // the back-off after the 409 is never 0 ms; the abort comes once every microtask after the 409's 'response' ran
    Math.random = () => 0.99;
    client.on('response', (_err: unknown, meta: { meta?: { request?: { params?: { method?: string } } } } | null) => {
      if (meta?.meta?.request?.params?.method === 'PATCH') setImmediate(() => controller.abort());
    });
    const out = await settled(api.apply(plan));
    Math.random = random;
    assert.ok(out instanceof Error, show(out));
    assert.equal(server.received.filter((r) => r.method === 'PATCH').length, 1, 'one PATCH, refused; none after abort()');
    assert.equal(planProgressOf(out)?.outcome, 'not_applied', `every PATCH sent was refused with 409; planProgress says ${JSON.stringify(planProgressOf(out))} (${show(out)})`);
  } finally {
    Math.random = random;
    await client.close();
    await server.close();
  }
});

test('apply: abort() landing k microtasks after the re-read of the type (k = 0..40): when the PATCH was never handed to the client, planProgress.outcome is not_applied', { timeout: 30_000 }, async () => {
  const bad: string[] = [];
  const seen = new Set<string>();
  for (let k = 0; k <= 40; k++) {
    const server = await startServer(rolesServerHandler({}, () => OK));
    const client = basicClient(server.url, `Pw-boundary-apply-C2-${k}`);
    const controller = new AbortController();
    try {
      // a spy on the transport: whether the PATCH was ever handed to the client at all
      let patchCalls = 0;
      const transport = client.transport as unknown as { request: (params: { method?: string }, options?: object) => unknown };
      const original = transport.request.bind(transport);
      transport.request = (params, options) => {
        if (params.method === 'PATCH') patchCalls++;
        return original(params, options);
      };
      const api = new SecurityApi(client, { ...FLAVOUR, signal: controller.signal });
      const plan = await api.plan({ roles: { r1: { cluster_permissions: ['cluster_monitor'] } } });
      let armed = true;
      client.on('response', (_err: unknown, meta: { meta?: { request?: { params?: { method?: string } } } } | null) => {
        if (!armed || meta?.meta?.request?.params?.method !== 'GET') return;
        armed = false;
        let left = k;
        const step = (): void => {
          if (left-- <= 0) controller.abort();
          else queueMicrotask(step);
        };
        queueMicrotask(step);
      });
      const out = await settled(api.apply(plan));
      const patches = server.received.filter((r) => r.method === 'PATCH').length;
      const outcome = out instanceof Error ? planProgressOf(out)?.outcome ?? `no planProgress (${show(out)})` : 'applied';
      seen.add(`${patchCalls}/${patches}:${outcome}`);
      if (patchCalls === 0 && outcome !== 'not_applied') bad.push(`k=${k}: the PATCH was never handed to the client, outcome ${outcome}`);
    } finally {
      await client.close();
      await server.close();
    }
  }
  assert.deepEqual(bad, [], `outcomes seen (PATCH calls/PATCHes received:outcome): ${[...seen].join(', ')}`);
});

// ---------------------------------------------------------------------------------------------------------------
// Mismatch D: ingest.ts:84-94 waits for an async source with boundedWait(next, signal): an abort landing in the
// microtasks after the source handed over a record (its next() resolved with it; the generator already ran past the
// yield) wins, and that record, read from the input, gets no outcome at all (not even the `aborted` of a record
// taken but not sent), so the caller cannot tell it from the unread rest.
// ---------------------------------------------------------------------------------------------------------------

test('ingest: abort() in the microtask after an async source handed over a record: that record gets an outcome (failed aborted, attempts 0)', { timeout: 10_000 }, async () => {
  const server = await startServer((req) => ({ body: { took: 1, errors: false, items: bulkItems(req.body) } }));
  const client = basicClient(server.url, 'Pw-boundary-ingest-D1');
  const controller = new AbortController();
  const handedOver: string[] = [];
  async function* source(): AsyncGenerator<{ index: string; id: string; document: object }> {
    for (let i = 0; i < 5; i++) {
      await Promise.resolve();
      const id = `s${i}`;
      // the third record is handed over, and the caller aborts right after (a shutdown arriving meanwhile)
      if (i === 2) queueMicrotask(() => controller.abort());
      handedOver.push(id);
      yield { index: 'bnd', id, document: { n: i } };
    }
  }
  try {
    const report = await ingest(client, source(), { signal: controller.signal, maxBatchCount: 10, concurrency: 1 });
    assert.deepEqual(handedOver, ['s0', 's1', 's2'], 'the source handed over three records, then was closed');
    assert.equal(server.received.length, 0, 'nothing sent');
    const ids = report.outcomes.map((o) => o.id);
    assert.deepEqual(ids, handedOver, `every record read from the source has an outcome; outcomes for ${JSON.stringify(ids)} (stats.total ${report.stats.total})`);
    for (const o of report.outcomes) assert.ok(o.status === 'failed' && o.kind === 'aborted' && o.retryable && o.attempts === 0, show(o));
  } finally {
    await client.close();
    await server.close();
  }
});

// ---------------------------------------------------------------------------------------------------------------
// Mismatch E: ConflictRound.next (src/security/conflict.ts:73-80) checks maxElapsedMs before the back-off sleep and
// not after it: when the wait ends past the budget (a timer fired late: the event loop stalled, the process was
// frozen), the next write is still sent, later than maxElapsedMs after the first attempt ("No retry of one operation
// starts later than this"). The clock is moved forward once, while the sleep is pending (a stall), via performance.now.
// ---------------------------------------------------------------------------------------------------------------

test('roles.put: maxElapsedMs runs out while the 409 back-off is pending (a late timer): no second PUT is sent, the call ends with the 409', { timeout: 10_000 }, async () => {
  let puts = 0;
  const server = await startServer((req) => {
    if (req.method !== 'PUT') return { body: {} };
    puts++;
    return puts === 1
      ? { status: 409, body: { status: 'error', message: 'There was a concurrent modification of the configuration.' } }
      : { body: { status: 'OK', message: "'r1' updated." } };
  });
  const client = basicClient(server.url, 'Pw-boundary-budget-E1');
  const random = Math.random;
  const realNow = performance.now.bind(performance);
  let shift = 0;
  try {
    const api = new SecurityApi(client, { ...FLAVOUR, maxElapsedMs: 5_000, conflictAttempts: 5 });
    Math.random = () => 0.99; // the first back-off is 24 ms: well within the budget when it starts
    performance.now = () => realNow() + shift;
    client.on('response', (_err: unknown, meta: { meta?: { request?: { params?: { method?: string } } } } | null) => {
      // once the 409 was handled and the back-off is pending, the clock jumps past the budget (a stall)
      if (meta?.meta?.request?.params?.method === 'PUT' && puts === 1) setImmediate(() => { shift = 60_000; });
    });
    const out = await settled(api.roles.put('r1', { cluster_permissions: ['cluster_monitor'] }));
    assert.equal(puts, 1, `a second PUT was sent ${shift} ms (by the clock) after the first, past maxElapsedMs 5000 (the call ended with ${show(out)})`);
    assert.ok(out instanceof Error && (out as { statusCode?: unknown }).statusCode === 409, show(out));
  } finally {
    Math.random = random;
    performance.now = realNow;
    await client.close();
    await server.close();
  }
});

// ---------------------------------------------------------------------------------------------------------------
// Boundaries judged correct (passing controls, not covered by the existing tests).
// ---------------------------------------------------------------------------------------------------------------

test('(control) apply: abort() while the re-read before the PATCH is in flight: outcome not_applied, no PATCH sent', { timeout: 10_000 }, async () => {
  const held = gate();
  const release = gate<Answer>();
  let gets = 0;
  const server = await startServer((req) => {
    if (req.method === 'GET' && req.url.startsWith('/_plugins/_security/api/roles')) {
      gets++;
      if (gets === 2) {
        held.open();
        return release.promise;
      }
      return { body: {} };
    }
    if (req.method === 'GET') return { body: {} };
    return OK;
  });
  const client = basicClient(server.url, 'Pw-boundary-apply-P1');
  const controller = new AbortController();
  try {
    const api = new SecurityApi(client, { ...FLAVOUR, signal: controller.signal });
    const plan = await api.plan({ roles: { r1: { cluster_permissions: ['cluster_monitor'] } } });
    const applying = settled(api.apply(plan));
    await held.promise;
    controller.abort();
    const out = await applying;
    release.open({ body: {} });
    assert.ok(out instanceof Error, show(out));
    assert.equal(server.received.filter((r) => r.method === 'PATCH').length, 0);
    assert.equal(planProgressOf(out)?.outcome, 'not_applied', JSON.stringify(planProgressOf(out)));
  } finally {
    await client.close();
    await server.close();
  }
});

test('(control) apply: the default abort() while the PATCH is in flight: outcome unknown', { timeout: 10_000 }, async () => {
  const patched = gate();
  const release = gate<Answer>();
  const server = await startServer(rolesServerHandler({}, () => { patched.open(); return release.promise; }));
  const client = basicClient(server.url, 'Pw-boundary-apply-P2');
  const controller = new AbortController();
  try {
    const api = new SecurityApi(client, { ...FLAVOUR, signal: controller.signal });
    const plan = await api.plan({ roles: { r1: { cluster_permissions: ['cluster_monitor'] } } });
    const applying = settled(api.apply(plan));
    await patched.promise;
    controller.abort();
    const out = await applying;
    release.open(OK);
    assert.equal(planProgressOf(out)?.outcome, 'unknown', show(out));
  } finally {
    await client.close();
    await server.close();
  }
});

test('(control) roleMappings.addUsers: abort() during the settle wait after the whole-list write was answered OK: "not known to be applied", never the bare abort', { timeout: 10_000 }, async () => {
  const mapping = { reserved: false, hidden: false, users: [] as string[], backend_roles: [] as string[], hosts: [] as string[], and_backend_roles: [] as string[] };
  const server = await startServer((req) => {
    if (req.method === 'GET' && req.url.includes('/rolesmapping/m')) return { body: { m: mapping } };
    if (req.method === 'GET') return { body: {} };
    mapping.users = ['alice'];
    return OK;
  });
  const client = basicClient(server.url, 'Pw-boundary-map-P3');
  const controller = new AbortController();
  try {
    // settleMs long enough that only the abort can end the wait (not asserted on: a missed abort re-reads and resolves)
    const api = new SecurityApi(client, { ...FLAVOUR, signal: controller.signal, settleMs: 20_000 });
    client.on('response', (_err: unknown, meta: { meta?: { request?: { params?: { method?: string } } } } | null) => {
      if (meta?.meta?.request?.params?.method === 'PATCH') setImmediate(() => controller.abort());
    });
    const out = await settled(api.roleMappings.addUsers('m', ['alice']));
    assert.deepEqual(server.received.map((r) => r.method), ['GET', 'PATCH'], 'nothing sent after abort()');
    assert.ok(out instanceof SecurityModelError, show(out));
    assert.match(out.message, /not known to be applied/);
  } finally {
    await client.close();
    await server.close();
  }
});

test('(control) ingest: abort() during the back-off after a 429 item: the stored records stay indexed, the refused one fails aborted (not in flight), nothing re-sent', { timeout: 10_000 }, async () => {
  const server = await startServer((req) => {
    const items = bulkItems(req.body).map((it, i) => (i === 1
      ? { index: { ...(Object.values(it as object)[0] as object), status: 429, error: { type: 'es_rejected_execution_exception', reason: 'queue full' } } }
      : it));
    return { body: { took: 1, errors: true, items } };
  });
  const client = basicClient(server.url, 'Pw-boundary-ingest-P4');
  const controller = new AbortController();
  client.on('response', () => setImmediate(() => controller.abort()));
  try {
    const records = Array.from({ length: 3 }, (_, i) => ({ index: 'bnd', id: `q${i}`, document: { n: i } }));
    // a long back-off that only the abort ends (not asserted on: a missed abort re-sends, which is asserted)
    const report = await ingest(client, records, { signal: controller.signal, maxBatchCount: 10, concurrency: 1, retries: 3, minDelayMs: 20_000, maxDelayMs: 30_000 });
    assert.equal(server.received.length, 1, 'nothing re-sent after abort()');
    assert.deepEqual(report.outcomes.map((o) => o.status), ['indexed', 'failed', 'indexed']);
    const failed = report.outcomes[1];
    assert.ok(failed !== undefined && failed.status === 'failed');
    assert.equal(failed.kind, 'aborted');
    assert.equal(failed.retryable, true);
    assert.ok(failed.error instanceof IngestAbortedError);
    assert.equal(failed.error.inFlight, false, 'the node refused it (429): not stored');
    assert.equal(report.stats.indexed + report.stats.failed, 3);
  } finally {
    await client.close();
    await server.close();
  }
});

test('(control) ingest: abort() while the first bulk is in flight with concurrency 1: the waiting chunk is never sent, each record has one outcome', { timeout: 10_000 }, async () => {
  const held = gate();
  const release = gate<Answer>();
  const server = await startServer((req) => {
    held.open();
    void req;
    return release.promise;
  });
  const client = basicClient(server.url, 'Pw-boundary-ingest-P5');
  const controller = new AbortController();
  try {
    const records = Array.from({ length: 6 }, (_, i) => ({ index: 'bnd', id: `w${i}`, document: { n: i } }));
    const running = ingest(client, records, { signal: controller.signal, maxBatchCount: 3, concurrency: 1, retries: 2, minDelayMs: 1, maxDelayMs: 2 });
    await held.promise;
    controller.abort();
    const report = await running;
    release.open({ body: {} });
    assert.equal(server.received.length, 1, 'the second chunk was never sent');
    assert.equal(report.outcomes.length, 6);
    assert.equal(report.complete, true);
    const inFlight = report.outcomes.map((o) => (o.status === 'failed' && o.error instanceof IngestAbortedError ? `${o.kind}:${String(o.error.inFlight)}:${o.attempts}` : show(o)));
    assert.deepEqual(inFlight, ['aborted:true:1', 'aborted:true:1', 'aborted:true:1', 'aborted:false:0', 'aborted:false:0', 'aborted:false:0']);
  } finally {
    await client.close();
    await server.close();
  }
});

const hostileReasons: Array<[string, () => unknown]> = [
  ['whose name getter throws', () => Object.defineProperty({}, 'name', { get: () => { throw new Error('name getter'); } })],
  ['a Proxy whose traps throw', () => new Proxy({}, { get: () => { throw new Error('proxy trap'); }, getPrototypeOf: () => { throw new Error('proto trap'); } })],
];
for (const [label, reason] of hostileReasons) {
  test(`ingest: abort() with a reason ${label} while the bulk is in flight: every record fails aborted (not transport), none carries the reason's throw`, { timeout: 10_000 }, async () => {
    const held = gate();
    const release = gate<Answer>();
    const server = await startServer(() => {
      held.open();
      return release.promise;
    });
    const client = basicClient(server.url, 'Pw-boundary-ingest-P6');
    const controller = new AbortController();
    try {
      const records = Array.from({ length: 4 }, (_, i) => ({ index: 'bnd', id: `h${i}`, document: { n: i } }));
      const running = ingest(client, records, { signal: controller.signal, maxBatchCount: 2, concurrency: 1, retries: 2, minDelayMs: 1, maxDelayMs: 2 });
      await held.promise;
      controller.abort(reason());
      const report = await running;
      release.open({ body: {} });
      const kinds = report.outcomes.map((o) => (o.status === 'failed' && o.error instanceof IngestAbortedError ? `${o.kind}:${String(o.error.inFlight)}` : `${o.status}:${o.status === 'failed' ? `${o.kind}:${o.error.message}` : ''}`));
      assert.deepEqual(kinds, ['aborted:true', 'aborted:true', 'aborted:false', 'aborted:false']);
    } finally {
      await client.close();
      await server.close();
    }
  });
}
