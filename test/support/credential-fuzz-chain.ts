/**
 * The credentials fuzz's default-chain seeds: iam mode without `credentials`, so the AWS SDK's Node
 * default chain (@aws-sdk/credential-provider-node, memoising) asks a loopback container-credentials
 * endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI). The endpoint answers each request from the seed: valid
 * credentials, expired ones, key ids or tokens the SDK passes on but a header cannot carry, a 500, a body
 * that is not JSON, or nothing. The variables are the process's, so these seeds run one at a time; the
 * SDK retries and falls back on its own, so provider calls are not counted (C1/C2 are the iam seeds').
 */
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createClient } from '../../src/client/create-client.js';
import type { ReceivedRequest } from '../domain/edge/sigv4.js';
import { Registry, judgeSigned } from './credential-fuzz-judge.js';
import { Driver, checkEvents, count, drawPlan, type ProviderCall } from './credential-fuzz-driver.js';
import type { RecordingStub, StubReply } from './recording-stub.js';
import { Rng } from './seeded-rng.js';

/** The container-credentials endpoint; `answer` is the running seed's. */
export class ContainerEndpoint {
  answer: (res: http.ServerResponse) => void = (res) => { res.writeHead(404); res.end(); };
  #server: http.Server | undefined;
  #saved: Record<string, string | undefined> = {};

  /** Starts it and points the process's AWS variables at it (nothing else of the chain answers). */
  async start(): Promise<void> {
    this.#server = http.createServer((req, res) => { req.resume(); req.on('end', () => this.answer(res)); });
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) { this.#saved[key] = process.env[key]; delete process.env[key]; }
    const none = path.join(os.tmpdir(), 'fgac-no-aws-config');
    Object.assign(process.env, {
      AWS_CONFIG_FILE: none, AWS_SHARED_CREDENTIALS_FILE: none, AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/creds`,
    });
  }

  async close(): Promise<void> {
    for (const key of ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_EC2_METADATA_DISABLED', 'AWS_CONTAINER_CREDENTIALS_FULL_URI']) delete process.env[key];
    Object.assign(process.env, this.#saved);
    await new Promise<void>((resolve) => {
      this.#server?.closeAllConnections();
      this.#server?.close(() => resolve());
    });
  }
}

/** Runs one default-chain seed (never two at once: the endpoint's answer is the running seed's). */
export async function chainSeed(seed: number, stub: RecordingStub, endpoint: ContainerEndpoint, handlers: Map<string, (req: ReceivedRequest) => Promise<StubReply> | StubReply>): Promise<{ violations: string[]; summary: string }> {
  const r = new Rng(300_000 + seed);
  const rs = new Rng(seed * 32_452_843 + 5);
  const v: string[] = [];
  const plan = drawPlan(r, `chain-${seed}`, r.chance(0.3));
  const driver = new Driver(plan, v);
  const registry = new Registry();
  const secrets = new Set<string>();
  const drawn: string[] = [];
  let n = 0;
  endpoint.answer = (res) => {
    const i = n++;
    if (i === 0) driver.providerStarted(0);
    const c = { AccessKeyId: `ASIACH${seed}N${i}`, SecretAccessKey: `ch/${seed}+Sk${i}-Pq4`, Token: `chTok${seed}N${i}Vb2`, Expiration: new Date(Date.now() + 3_600_000).toISOString() };
    secrets.add(c.SecretAccessKey).add(c.Token);
    const roll = r.int(0, 99);
    const send = (status: number, body: string): void => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(body); };
    if (roll < 60) {
      drawn.push('ok');
      const refuse = rs.chance(0.3);
      registry.add({ accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.Token, expiresAt: Date.parse(c.Expiration) }, true, refuse);
      return send(200, JSON.stringify(c));
    }
    registry.add({ accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.Token }, false, false);
    if (roll < 68) { drawn.push('expired'); return send(200, JSON.stringify({ ...c, Expiration: new Date(Date.now() - 600_000).toISOString() })); }
    if (roll < 80) {
      const [kind, bad] = r.pick<[string, Record<string, unknown>]>([['id-space', { AccessKeyId: `${c.AccessKeyId} X` }], ['id-comma', { AccessKeyId: `${c.AccessKeyId},Signature=00` }], ['token-crlf', { Token: `${c.Token}\r\nx-evil: 1` }]]);
      drawn.push(kind);
      return send(200, JSON.stringify({ ...c, ...bad }));
    }
    if (roll < 88) { drawn.push('500'); return send(500, JSON.stringify({ message: `boom ${c.SecretAccessKey}` })); }
    if (roll < 93) { drawn.push('not-json'); return send(200, `not json ${c.Token}`); }
    drawn.push('hang');
    return undefined;
  };
  const client = createClient({
    node: stub.url,
    requestTimeoutMs: r.pick([400, 700]),
    auth: { mode: 'iam', region: 'us-east-1' },
    retry: { retries: r.int(0, 2), minDelayMs: 1, maxDelayMs: 4, ...(plan.shared !== undefined ? { signal: plan.shared.signal } : {}) },
  });
  driver.attach(client);
  handlers.set(plan.key, async (req) => {
    const judged = await judgeSigned(req, registry);
    v.push(...judged.problems.map((p) => `C3 ${p}`));
    if (judged.problems.length === 0) count('chain request verified');
    driver.received(Number(req.headers['x-fuzz-call']?.[0]));
    if (judged.entry?.refusedByServer === true) return { status: 403, body: { message: 'The security token included in the request is expired' } };
    return { status: 200, body: { ok: true } };
  });
  try {
    await driver.run();
  } finally {
    handlers.delete(plan.key);
  }
  const none: ProviderCall[] = [];
  checkEvents(driver.ev, none, v, /^aws:default-chain$/, secrets);
  return { violations: v, summary: `${drawn.join(',')} aborts=${plan.aborts.join(',')} close=${plan.close}` };
}
