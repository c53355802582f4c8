/**
 * The credentials fuzz's cognito seeds: a loopback stub speaks Cognito's JSON protocol for the user
 * pool (InitiateAuth) and the identity pool (GetId, GetCredentialsForIdentity) through the `endpoints`
 * option, and answers each call from the seed: a valid answer, NotAuthorizedException quoting the
 * password, a 500 echoing the request, no answer, a sign-in challenge, an id token that is missing, not
 * a string or already expired, no IdentityId, and credentials that are malformed (key ids with spaces or
 * commas, empty or numeric secrets, tokens with line breaks), expired or unparsable. The OpenSearch stub
 * accepts only requests signed with credentials the identity pool issued well-formed and unexpired.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from '../../src/client/create-client.js';
import type { ReceivedRequest } from '../domain/edge/sigv4.js';
import { Registry, judgeSigned } from './credential-fuzz-judge.js';
import { Driver, checkEvents, count, drawPlan, type ProviderCall } from './credential-fuzz-driver.js';
import type { RecordingStub, StubReply } from './recording-stub.js';
import { Rng } from './seeded-rng.js';

type Op = 'InitiateAuth' | 'GetId' | 'GetCredentialsForIdentity';

/** One seed's side of the Cognito stub: it answers each operation call of that seed. */
interface CognitoSeed {
  answer(op: Op, input: Record<string, unknown>): { status: number; body: unknown; hang?: boolean };
}

const jwt = (expSec: number, note: string): string => {
  const b = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b({ alg: 'none' })}.${b({ exp: expSec, note })}.sig${note}`;
};

/** The Cognito stub for all seeds (routed by client id, identity pool id and identity id). */
export class CognitoStub {
  readonly seeds = new Map<string, CognitoSeed>();
  /** Calls in flight per seed and operation (C1). */
  readonly inflight = new Map<string, number>();
  url = '';
  #server: http.Server | undefined;

  async start(): Promise<void> {
    this.#server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const op = String(req.headers['x-amz-target'] ?? '').split('.').pop() as Op;
        let input: Record<string, unknown> = {};
        try {
          input = JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<string, unknown>;
        } catch {
          // answered 400 below
        }
        const key = String(input.ClientId ?? input.IdentityPoolId ?? input.IdentityId ?? '').replace(/^.*?(\d+)$/, '$1');
        const seed = this.seeds.get(key);
        if (seed === undefined) { res.writeHead(400); res.end(); return; }
        // answered 5 ms later, so calls a single flight should have joined would be seen together (C1)
        const flight = `${key}:${op}`;
        this.inflight.set(flight, (this.inflight.get(flight) ?? 0) + 1);
        const out = seed.answer(op, input);
        const leave = (): void => { this.inflight.set(flight, (this.inflight.get(flight) ?? 1) - 1); };
        if (out.hang === true) { leave(); return; }
        setTimeout(() => {
          leave();
          const body = typeof out.body === 'string' ? out.body : JSON.stringify(out.body);
          const type = (out.body as { __type?: string } | null)?.__type;
          res.writeHead(out.status, { 'content-type': 'application/x-amz-json-1.1', ...(type !== undefined ? { 'x-amzn-errortype': type } : {}) });
          res.end(body);
        }, 5);
      });
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.#server?.closeAllConnections();
      this.#server?.close(() => resolve());
    });
  }
}

/** Runs one cognito seed. */
export async function cognitoSeed(seed: number, stub: RecordingStub, cognito: CognitoStub, handlers: Map<string, (req: ReceivedRequest) => Promise<StubReply> | StubReply>): Promise<{ violations: string[]; summary: string }> {
  const r = new Rng(200_000 + seed);
  const rs = new Rng(seed * 15_485_863 + 3);
  const v: string[] = [];
  const timeoutMs = r.pick([300, 500]);
  const clean = r.chance(0.3);
  const plan = drawPlan(r, `cognito-${seed}`, clean);
  const driver = new Driver(plan, v);
  const registry = new Registry();
  const password = `Cg-Pw${seed}!x9Q`;
  const clientSecret = r.chance(0.3) ? `cs${seed}Secret/9xZ` : undefined;
  // how the client signs in: a password, a refresh token, an id token obtained elsewhere (valid or expired)
  const signIn = r.pick(['password', 'password', 'password+refresh', 'refresh', 'idToken+password', 'idToken', 'expiredIdToken+refresh']);
  const given = {
    ...(signIn.includes('password') ? { password } : {}),
    ...(signIn.includes('refresh') ? { refreshToken: `grt-${seed}-Zq9/given` } : {}),
    ...(signIn.startsWith('idToken') ? { idToken: jwt(Math.floor(Date.now() / 1000) + 3600, `given${seed}`) } : {}),
    ...(signIn.startsWith('expiredIdToken') ? { idToken: jwt(Math.floor(Date.now() / 1000) - 60, `old${seed}`) } : {}),
  };
  // the password counts only when the client has it (a stub quoting a password the client never saw is not its leak)
  const secrets = new Set<string>([...Object.values(given), ...(clientSecret !== undefined ? [clientSecret] : [])]);
  const counts: Record<Op, number> = { InitiateAuth: 0, GetId: 0, GetCredentialsForIdentity: 0 };
  const drawn: string[] = [];
  let refused = 0;
  const now = (): number => Math.floor(Date.now() / 1000);
  const fail = (status: number, type: string, message: string): { status: number; body: unknown } => ({ status, body: { __type: type, message } });

  cognito.seeds.set(String(seed), {
    answer(op, input) {
      const n = counts[op]++;
      // a plan's 'provider' point is the first Cognito call
      if (counts.InitiateAuth + counts.GetId + counts.GetCredentialsForIdentity === 1) driver.providerStarted(0);
      if (cognito.inflight.get(`${seed}:${op}`) !== 1) v.push(`C1 ${op} call ${n} while another was in flight`);
      const roll = clean ? 0 : r.int(0, 99);
      const tag = `${op}#${n}`;
      if (roll >= 60 && roll < 66) { drawn.push(`${tag}:NotAuthorized`); return fail(400, 'NotAuthorizedException', `Incorrect username or password ${password} ${JSON.stringify(input).slice(0, 300)}`); }
      if (roll >= 66 && roll < 72) { drawn.push(`${tag}:500`); return fail(500, 'InternalErrorException', `boom ${JSON.stringify(input).slice(0, 300)}`); }
      if (roll >= 72 && roll < 76) { drawn.push(`${tag}:hang`); return { status: 0, body: null, hang: true }; }
      if (op === 'InitiateAuth') {
        const idToken = jwt(now() + 3600, `${seed}n${n}`);
        const refresh = `rt-${seed}-${n}-Zq9/x`;
        secrets.add(idToken).add(refresh).add(`at-${seed}-${n}-Kx2`);
        const result: Record<string, unknown> = { IdToken: idToken, AccessToken: `at-${seed}-${n}-Kx2`, ExpiresIn: 3600, TokenType: 'Bearer', ...(r.chance(0.5) ? { RefreshToken: refresh } : {}) };
        if (roll >= 76 && roll < 80) {
          drawn.push(`${tag}:challenge`);
          secrets.add(`sess-${seed}-${n}-secret9`);
          return { status: 200, body: { ChallengeName: r.pick(['NEW_PASSWORD_REQUIRED', 'SMS_MFA']), Session: `sess-${seed}-${n}-secret9`, ChallengeParameters: {} } };
        }
        if (roll >= 80 && roll < 88) {
          const bad = r.pick<[string, Record<string, unknown>]>([['no-id-token', { IdToken: undefined }], ['id-token-number', { IdToken: 12345 }], ['id-token-empty', { IdToken: '' }], ['expired', { IdToken: jwt(now() - 60, `x${n}`), ExpiresIn: -30 }]]);
          drawn.push(`${tag}:${bad[0]}`);
          return { status: 200, body: { AuthenticationResult: { ...result, ...bad[1] } } };
        }
        drawn.push(`${tag}:ok`);
        return { status: 200, body: { AuthenticationResult: result } };
      }
      if (op === 'GetId') {
        if (roll >= 76 && roll < 84) { drawn.push(`${tag}:no-identity`); return { status: 200, body: r.pick([{}, { IdentityId: 42 }, { IdentityId: '' }]) }; }
        drawn.push(`${tag}:ok`);
        return { status: 200, body: { IdentityId: `us-east-1:fzid-${seed}` } };
      }
      const c = { AccessKeyId: `ASIAFZ${seed}C${n}`, SecretKey: `cg/${seed}+Sk${n}-Wq7`, SessionToken: `cgTok${seed}N${n}Yz8`, Expiration: now() + 3600 };
      secrets.add(c.SecretKey).add(c.SessionToken);
      if (roll >= 76) {
        const bad = r.pick<[string, Record<string, unknown>, boolean]>([
          ['id-space', { AccessKeyId: `${c.AccessKeyId} X` }, false], ['id-comma', { AccessKeyId: `${c.AccessKeyId},Signature=00` }, false],
          ['id-number', { AccessKeyId: 42 }, false], ['secret-empty', { SecretKey: '' }, false], ['secret-number', { SecretKey: 12345678 }, false],
          ['token-crlf', { SessionToken: `${c.SessionToken}\r\nx-evil: 1` }, false], ['token-u2028', { SessionToken: `${c.SessionToken}\u2028` }, false],
          ['expired', { Expiration: now() - 600 }, false], ['exp-garbage', { Expiration: 'soon' }, false], ['no-credentials', { AccessKeyId: undefined, SecretKey: undefined }, false],
        ]);
        drawn.push(`${tag}:${bad[0]}`);
        count('cognito malformed credentials');
        registry.add({ accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretKey, sessionToken: c.SessionToken }, false, false);
        return { status: 200, body: { IdentityId: input.IdentityId, Credentials: { ...c, ...bad[1] } } };
      }
      drawn.push(`${tag}:ok`);
      const refuse = clean ? registry.byId.size === 0 && rs.chance(0.5) : rs.chance(0.3);
      if (refuse) refused++;
      registry.add({ accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretKey, sessionToken: c.SessionToken, expiresAt: c.Expiration * 1000 }, true, refuse);
      return { status: 200, body: { IdentityId: input.IdentityId, Credentials: c } };
    },
  });
  const client = createClient({
    node: stub.url,
    requestTimeoutMs: timeoutMs,
    auth: {
      mode: 'cognito', region: 'us-east-1', userPoolId: `us-east-1_Fz${seed}`, clientId: `fzclient${seed}`, identityPoolId: `us-east-1:fz-${seed}`,
      username: 'fz-user', ...given, ...(clientSecret !== undefined ? { clientSecret } : {}), endpoints: { cognitoIdp: cognito.url, cognitoIdentity: cognito.url },
    },
    retry: { retries: r.int(0, 2), minDelayMs: 1, maxDelayMs: 4, ...(plan.shared !== undefined ? { signal: plan.shared.signal } : {}) },
  });
  driver.attach(client);
  handlers.set(plan.key, async (req) => {
    const judged = await judgeSigned(req, registry);
    v.push(...judged.problems.map((p) => `C3 ${p}`));
    if (judged.problems.length === 0) count('cognito request verified');
    driver.received(Number(req.headers['x-fuzz-call']?.[0]));
    if (judged.entry?.refusedByServer === true) return { status: 403, body: { message: 'The security token included in the request is expired' } };
    return rs.chance(0.8) ? { status: 200, body: { ok: true } } : { status: 500, body: { error: { type: 'exception', reason: `echo ${req.headers['x-amz-security-token']?.[0]}` }, status: 500 } };
  });
  try {
    await driver.run();
  } finally {
    handlers.delete(plan.key);
    cognito.seeds.delete(String(seed));
  }
  const none: ProviderCall[] = [];
  checkEvents(driver.ev, none, v, /^cognito/, secrets);
  if (clean && !plan.aborts.some((a) => a !== 'none')) {
    const expected = { InitiateAuth: signIn.startsWith('idToken') ? 0 : 1, GetId: 1, GetCredentialsForIdentity: 1 + refused };
    if (counts.GetCredentialsForIdentity > 0 && JSON.stringify(counts) !== JSON.stringify(expected)) v.push(`C2 clean seed: Cognito calls ${JSON.stringify(counts)}, expected ${JSON.stringify(expected)}`);
  }
  return { violations: v, summary: `${signIn}: ${drawn.join(',')} aborts=${plan.aborts.join(',')} close=${plan.close}` };
}
