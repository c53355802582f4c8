/**
 * Reviews 237/240's left items on the security REST API (helper 242). (1) users.delete, and plan's prune, when the
 * authinfo read that names the caller fails: nothing is written, a SecurityModelError says so and how to go on, the
 * read's typed error is its cause; an abort stays the abort. A user name is compared as the node deletes it (`a+b` is
 * deleted as `a+b`, measured on 2.19.4 and 3.4.0: test/integration/h242-security-guards.test.ts). (2) A patch
 * operation is read once all the way down: what is checked is what is sent, a getter or Proxy that throws is a
 * ConfigError naming the field. (3) A `hash` of no form the plugin can verify is refused (the node stores it and the
 * user can never sign in); every form some hashing configuration verifies is accepted.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from '../../src/index.js';
import { ConfigError } from '../../src/errors/classes.js';
import { isRetryable } from '../../src/errors/guards.js';
import { SecurityApi, checkedOperations } from '../../src/security/index.js';
import { SecurityModelError } from '../../src/security/model-error.js';
import { hashProblem } from '../../src/security/password-hash.js';
import { startRawStub, type RawStub } from '../support/raw-stub.js';

type Sent = { method: string; path: string; json?: string };

/** A SecurityApi over an in-process client that records each request (its body as JSON, as the wire gets it) and answers OK. */
function recorded(userName: string | null = 'h242-me'): { api: SecurityApi; sent: Sent[] } {
  const sent: Sent[] = [];
  const client = {
    transport: {
      async request(params: { method: string; path: string; body?: unknown }): Promise<{ body: unknown; statusCode: number }> {
        sent.push({ method: params.method, path: params.path, ...(params.body !== undefined ? { json: JSON.stringify(params.body) } : {}) });
        if (params.path === '/') return { statusCode: 200, body: { version: { distribution: 'opensearch', number: '2.19.4' } } };
        if (params.path.endsWith('/authinfo')) return { statusCode: 200, body: { user_name: userName, roles: ['all_access'], backend_roles: [] } };
        if (params.method === 'GET') return { statusCode: 200, body: {} };
        return { statusCode: 200, body: { status: 'OK', message: 'done' } };
      },
    },
  };
  return { api: new SecurityApi(client), sent };
}
const writes = (sent: readonly Sent[]): Sent[] => sent.filter((r) => r.method !== 'GET');
const failure = (p: Promise<unknown>): Promise<unknown> => p.then(() => assert.fail('expected a refusal'), (e: unknown) => e);

describe('h242 (1): a failed authinfo read stops users.delete and plan prune with a typed refusal', () => {
  // how the stub answers authinfo: a status and body, or 0 to reset the connection
  let authinfo: { status: number; body: string; type?: string } = { status: 200, body: '{}' };
  let stub: RawStub;
  before(async () => {
    stub = await startRawStub((req, res) => {
      if (req.url === '/') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"version":{"distribution":"opensearch","number":"2.19.4"}}');
      } else if (req.url.endsWith('/authinfo')) {
        if (authinfo.status === 0) {
          res.socket?.destroy();
          return;
        }
        res.writeHead(authinfo.status, { 'content-type': authinfo.type ?? 'application/json' });
        res.end(authinfo.body);
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(req.method === 'GET' ? '{}' : '{"status":"OK","message":"done"}');
      }
    });
  });
  after(async () => stub.close());

  const FAILURES: Array<[string, typeof authinfo, string]> = [
    ['401', { status: 401, body: 'Unauthorized', type: 'text/plain' }, 'UnauthorizedError 401'],
    ['a 2xx login page', { status: 200, body: '<html>sign in</html>', type: 'text/html' }, 'SecurityModelError'],
  ];
  // a failure the call may simply be repeated after (isRetryable) is the read's own error, as any other call's is
  const TRANSIENT: Array<[string, typeof authinfo, string]> = [
    ['503', { status: 503, body: '{"error":"busy"}' }, 'ServiceUnavailableError'],
    ['a reset connection', { status: 0, body: '' }, 'ConnectionError'],
  ];
  for (const [label, answer, name] of TRANSIENT) {
    test(`${label}: delete rejects with the read's retryable error, nothing deleted; allowSelf deletes`, async () => {
      authinfo = answer;
      const client = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { retries: 0 } });
      try {
        const api = new SecurityApi(client);
        const before = stub.received.length;
        const err = await failure(api.users.delete('bob'));
        assert.equal((err as Error).name, name, String(err));
        assert.equal(isRetryable(err), true);
        assert.deepEqual(stub.received.slice(before).filter((r) => r.method === 'DELETE'), []);
        await api.users.delete('bob', { allowSelf: true });
        assert.deepEqual(stub.received.slice(before).filter((r) => r.method === 'DELETE').map((r) => r.url), ['/_plugins/_security/api/internalusers/bob']);
      } finally {
        await client.close();
      }
    });
  }
  for (const [label, answer, why] of FAILURES) {
    test(`${label}: delete is refused naming name (cause: the read's error), nothing deleted; allowSelf deletes`, async () => {
      authinfo = answer;
      const client = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { retries: 0 } });
      try {
        const api = new SecurityApi(client);
        const before = stub.received.length;
        const err = await failure(api.users.delete('bob'));
        assert.ok(err instanceof SecurityModelError, String(err));
        assert.deepEqual(err.issues.map((i) => i.path), ['name']);
        assert.match(err.message, /could not learn which user this client is signed in as/);
        assert.ok(err.message.includes(`GET authinfo failed: ${why}`), err.message);
        assert.match(err.message, /nothing was deleted.*allowSelf: true/);
        assert.ok(err.cause instanceof Error && err.cause.name === why.split(' ')[0], String(err.cause));
        assert.deepEqual(stub.received.slice(before).filter((r) => r.method === 'DELETE'), []);
        await api.users.delete('bob', { allowSelf: true });
        assert.deepEqual(stub.received.slice(before).filter((r) => r.method === 'DELETE').map((r) => r.url), ['/_plugins/_security/api/internalusers/bob']);
      } finally {
        await client.close();
      }
    });
  }
  test('plan with prune is refused the same way (options.prune, nothing planned); without prune authinfo is not read', async () => {
    authinfo = { status: 401, body: 'Unauthorized', type: 'text/plain' };
    const client = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { retries: 0 } });
    try {
      const api = new SecurityApi(client);
      const err = await failure(api.plan({ users: {} }, { prune: true }));
      assert.ok(err instanceof SecurityModelError, String(err));
      assert.deepEqual(err.issues.map((i) => i.path), ['options.prune']);
      assert.match(err.message, /GET authinfo failed: UnauthorizedError 401.*plan without prune/);
      assert.equal((err.cause as Error).name, 'UnauthorizedError');
      const before = stub.received.length;
      const plan = await api.plan({ users: {} });
      assert.equal(plan.empty, true);
      assert.deepEqual(stub.received.slice(before).filter((r) => r.url.endsWith('/authinfo')), []);
    } finally {
      await client.close();
    }
  });
  test('an abort while authinfo is read is the abort, not wrapped', async () => {
    const controller = new AbortController();
    const reason = new Error('h242 stop');
    const sent: string[] = [];
    const client = {
      transport: {
        request(params: { method: string; path: string }): Promise<{ body: unknown; statusCode: number }> {
          sent.push(`${params.method} ${params.path}`);
          if (params.path === '/') return Promise.resolve({ statusCode: 200, body: { version: { distribution: 'opensearch', number: '2.19.4' } } });
          return new Promise(() => undefined);
        },
      },
    };
    const api = new SecurityApi(client, { signal: controller.signal });
    const pending = failure(api.users.delete('bob'));
    setTimeout(() => controller.abort(reason), 20);
    assert.equal(await pending, reason);
    assert.ok(!sent.some((s) => s.startsWith('DELETE')), sent.join());
  });
});

describe('h242 (1): a user name is compared with the caller as the node deletes it (as written)', () => {
  test('caller "h242 a b" may delete "h242 a+b", caller "h242-xA" may delete "h242-x%41"; each deletes the name as written', async () => {
    for (const [caller, target, path] of [['h242 a b', 'h242 a+b', 'h242%20a%2Bb'], ['h242-xA', 'h242-x%41', 'h242-x%2541']] as const) {
      const { api, sent } = recorded(caller);
      await api.users.delete(target);
      assert.deepEqual(writes(sent).map((r) => `${r.method} ${r.path}`), [`DELETE /_plugins/_security/api/internalusers/${path}`], caller);
    }
  });
  test('the caller itself is still refused, `+` or not', async () => {
    for (const name of ['h242 a+b', 'h242 a b', 'h242-x%41']) {
      const { api, sent } = recorded(name);
      const err = await failure(api.users.delete(name));
      assert.ok(err instanceof SecurityModelError, name);
      assert.deepEqual(writes(sent), []);
    }
  });
});

describe('h242 (2): a patch operation is read once, all the way down', () => {
  /** ['logs'] whose entry is a getter answering 'logs' first and 5 after, counting its reads. */
  function flippingList(): { list: string[]; reads: () => number } {
    let n = 0;
    const list: string[] = [];
    Object.defineProperty(list, 0, { enumerable: true, configurable: true, get: () => (n++ === 0 ? 'logs' : 5) });
    return { list, reads: () => n };
  }
  test('an entry past the arguments\' copy (index_patterns[0]) is read once: the value checked is the value sent', async () => {
    for (const collection of [false, true]) {
      const { list, reads } = flippingList();
      const { api, sent } = recorded();
      const value = { index_permissions: [{ index_patterns: list, allowed_actions: ['read'] }] };
      await (collection ? api.roles.patch([{ op: 'add', path: '/h242-r', value }] as never) : api.roles.patch('h242-r', [{ op: 'add', path: '', value }] as never));
      assert.equal(reads(), 1, `read once (${collection ? 'collection' : 'entity'})`);
      const body = JSON.parse(writes(sent)[0]?.json ?? 'null') as Array<{ value: { index_permissions: Array<{ index_patterns: unknown[] }> } }>;
      assert.deepEqual(body[0]?.value.index_permissions[0]?.index_patterns, ['logs']);
    }
  });
  test('a getter or Proxy that throws deep inside a value is a ConfigError naming it, never what it threw', async () => {
    const { api, sent } = recorded();
    const ops = [
      { op: 'add', path: '/description', value: 'd' },
      { op: 'add', path: '', value: { index_permissions: [{ index_patterns: ['a'], dls: { get match_all(): unknown { throw new Error('h242-thrown-secret'); } } }] } },
    ];
    const err = await failure(api.roles.patch('h242-r', ops as never));
    assert.ok(err instanceof ConfigError, String(err));
    assert.equal(err.option, 'operations[1].value.index_permissions[0].dls.match_all');
    assert.doesNotMatch(`${err.message} ${err.stack}`, /h242-thrown-secret/);
    const proxied = [{ op: 'add', path: '/attributes', value: { team: new Proxy({}, { ownKeys: () => { throw new Error('h242-thrown-secret'); } }) } }];
    const err2 = await failure(api.users.patch('u', proxied as never));
    assert.ok(err2 instanceof ConfigError && err2.option === 'operations[0].value.team', String(err2));
    assert.deepEqual(writes(sent), []);
  });
  test('checkedOperations: op, path and value each read once; one that throws is a ConfigError naming the field', () => {
    const boom = (): never => { throw new Error('h242-thrown-secret'); };
    const cases: Array<[unknown, string]> = [
      [[{ get op() { return boom(); }, path: '/a', value: 1 }], 'operations[0].op'],
      [[{ op: 'add', get path() { return boom(); }, value: 1 }], 'operations[0].path'],
      [[{ op: 'add', path: '/a', get value() { return boom(); } }], 'operations[0].value'],
      [[new Proxy({ op: 'add', path: '/a', value: 1 }, { get: boom })], 'operations[0].op'],
      [[new Proxy({ op: 'add', path: '/a', value: 1 }, { getPrototypeOf: boom })], 'operations[0]'],
      [new Proxy([{ op: 'add', path: '/a', value: 1 }], { get: boom }), 'operations'],
      [[{ op: 'add', path: '/a', value: [1, { b: [{ get c() { return boom(); } }] }] }], 'operations[0].value[1].b[0].c'],
    ];
    for (const [ops, option] of cases) {
      const err = (() => { try { checkedOperations(ops); return undefined; } catch (e) { return e; } })();
      assert.ok(err instanceof ConfigError, `${option}: ${String(err)}`);
      assert.equal(err.option, option);
      assert.doesNotMatch(err.message, /h242-thrown-secret/);
    }
    let reads = 0;
    const op = { get op() { reads++; return 'add'; }, get path() { reads++; return '/a'; }, get value() { reads++; return { b: 1 }; }, extra: 'kept' };
    const [copy] = checkedOperations([op]);
    assert.equal(reads, 3);
    assert.deepEqual(JSON.parse(JSON.stringify(copy)), { op: 'add', path: '/a', value: { b: 1 }, extra: 'kept' });
  });
  test('what JSON has no faithful form of, a cycle and nesting past 1000 are ConfigErrors naming where', () => {
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = cycle;
    let deep: unknown = 'x';
    for (let i = 0; i < 1001; i++) deep = [deep];
    const shared = { s: 1 };
    const cases: Array<[unknown, string, RegExp]> = [
      [{ when: new Date(0) }, 'operations[0].value.when', /got a Date/],
      [[new Map()], 'operations[0].value[0]', /got a Map/],
      [{ f: () => 1 }, 'operations[0].value.f', /got a function/],
      [{ deep: { n: 10n } }, 'operations[0].value.deep.n', /BigInt/],
      [cycle, 'operations[0].value.self', /cycle/],
      [deep, 'operations[0].value', /deeper than 1000/],
    ];
    for (const [value, option, message] of cases) {
      const err = (() => { try { checkedOperations([{ op: 'add', path: '/a', value }]); return undefined; } catch (e) { return e; } })();
      assert.ok(err instanceof ConfigError, `${option}: ${String(err)}`);
      assert.ok(err.option.startsWith(option), `${err.option} vs ${option}`);
      assert.match(err.message, message);
    }
    // a value shared by two places is no cycle: sent twice, as JSON writes it
    assert.deepEqual(JSON.parse(JSON.stringify(checkedOperations([{ op: 'add', path: '/a', value: [shared, shared] }]))), [{ op: 'add', path: '/a', value: [{ s: 1 }, { s: 1 }] }]);
  });
});

// Generated with password4j 1.8.3 (the jar OpenSearch 3.4.0's security plugin ships) as the plugin's hashers do, each
// checked true against its password with getInstanceFromHash: PBKDF2 SHA256/600000/256 and SHA1, SHA512 at 1-1000
// iterations (2.19.4's hasher too); Argon2 id/i/d, v=19 and v=16; BCrypt A, B, Y. `$2x$` and `$2$`: password4j's other
// two BCrypt revisions (`$2x$` signs in on both nodes, test/integration/h242-security-guards.test.ts).
const VERIFIABLE = [
  '$3$2576980377600256$gFdSYe0E+tQdOC+CMq5cUTsi1uieotiGNbMblt0IZWYlAAes+hL7UKDY/q6sTz96XmqISHrMiZ5Dno6+8uR7cjKRCOdAP/+3mS3Rticub5rSt0OxyyGBKsPnoAWuVG4KzhoKI1+VEUEHGEcxk+Zx8SIG7NYtAV4VhigJkOGkxng=$wu0szFw7uYFiTmEoZUwn4KNuEYABHSO6EjzvKkXYvQw=',
  '$1$4294967304$2oVuTgmt8ojb80F3yCJcLIGuVdw3Nexsjk0L/f4mo8oBZbs+R9IEZpl6mIJnTqgvrZA78Kxb8iDQuTv/vR9wNcW9XHYbqRjMXf+vGBX9Ln42x8kix7anCv/dttXlBpQ4/Kt09RIi9CoUYXomCU8o/4gMHgn+yUWoYNe1SGiEWik=$mw==',
  '$5$4294967296512$E0eBzSNwx41VZ1BNsn0SEiLxreOLH0vNww13GW0wMIKUu2zav3hEyTcmAP/4Gi31khSNI/psr3ecyDw+4yCAgvSeSpeP6pLIS7wvmiMSAur8gXnPtjQT6+X9YijtELDbYtPBEaIjITh96TzZ5Y+ltOYpMcR/Vl7wWosuqM69WDg=$uS8e6jG1Cq+PbHiyt2b2OwMmGMUtJqweaXSwnXFmurhLchSjPmyXsRO5dNtEVOl8XK650TE92K7dKQwecKob+Q==',
  '$argon2id$v=19$m=65536,t=3,p=1$+3ySRWAVtG1k4a1UvBBZJ53EXlDExFgoqWSf7MAMUDs$9xRKdEikHZu8tDWOk3gg+2/G2Og4liWJfecKBX/D6JY',
  '$argon2d$v=16$m=64,t=1,p=1$Tm7PT6KV8AS13lYF3dApDUDYnYEznONVY1OPdXgfkMY$khNeclvAMlYfmFxy/WFsPKov5mS8hzv8SIImFacNSoU',
  '$argon2i$v=16$m=64,t=1,p=1$18OobSO5wNAaAZg+booU7UZ4W5qsz6OElPf3PRfpOv8$oW7ICg',
  '$2y$12$FKp1EPltw7Mr2mrOvpjBOu9kS2rMH0ADuG/fXyR1/cuIOartK4gW6',
  '$2a$04$.HOQXVJcosdqDqB/CvFX6uUYxfN.uiKhA/bZ6XCQFzhqoxFLXp4d6',
  '$2b$04$Sg4amhzZBFmNtbflEkkyp.UTQQsmIu3/PMi0ELHgUX0Xa.NOquwtu',
  '$2x$04$Sg4amhzZBFmNtbflEkkyp.UTQQsmIu3/PMi0ELHgUX0Xa.NOquwtu',
  '$2$04$Sg4amhzZBFmNtbflEkkyp.UTQQsmIu3/PMi0ELHgUX0Xa.NOquwtu',
];
const BCRYPT = '$2y$12$FKp1EPltw7Mr2mrOvpjBOu9kS2rMH0ADuG/fXyR1/cuIOartK4gW6';
// never verifiable: password4j throws (or compares a string it can never produce) for each; on both nodes the ones
// measured (abc, the plain password, truncated, extended, `$2A$`, `$2c$`, rounds 03, a leading space) sign in 401
const UNVERIFIABLE = [
  'abc', 'Plain-Text-Pw-42!', BCRYPT.slice(0, 40), `${BCRYPT}x`, ` ${BCRYPT}`, BCRYPT.replace('$2y$', '$2A$'), BCRYPT.replace('$2y$', '$2c$'),
  BCRYPT.replace('$12$', '$03$'), BCRYPT.replace('$12$', '$32$'), BCRYPT.replace('$12$', '$4$'), '{SSHA}abcdef', '5f4dcc3b5aa765d61d8327deb882cf99',
  '$6$0$c2FsdA==$aGFzaA==', '$argon2x$v=19$m=64,t=1,p=1$c2FsdA$aGFzaA', '$ARGON2ID$v=19$m=64,t=1,p=1$c2FsdA$aGFzaA', '$argon2id$v=19$t=1,m=64,p=1$c2FsdA$aGFzaA',
];

describe('h242 (3): a hash the plugin could never verify is refused; every form some configuration verifies is accepted', () => {
  test('hashProblem: the verifiable forms pass, the others are named without their value', () => {
    for (const hash of VERIFIABLE) assert.equal(hashProblem(hash), undefined, hash.slice(0, 20));
    for (const hash of UNVERIFIABLE) {
      const problem = hashProblem(hash);
      assert.match(problem ?? '', /is not a hash the security plugin can verify/, hash);
      assert.ok(!problem?.includes(hash), hash);
    }
    assert.match(hashProblem('') ?? '', /is empty/);
    assert.equal(hashProblem(5), undefined, 'a non-string is the shape check\'s');
  });
  test('put, ensure, plan and patch refuse it before anything is sent, naming `hash`, never quoting it', async () => {
    const secret = 'Plain-Text-Pw-42!';
    const { api, sent } = recorded();
    const refusals: Array<() => Promise<unknown>> = [
      () => api.users.put('h242-u', { hash: secret }),
      () => api.users.ensure('h242-u', { hash: secret }, { updatePassword: true }),
      () => api.plan({ users: { 'h242-u': { hash: secret } } }),
      () => api.users.patch('h242-u', [{ op: 'add', path: '/hash', value: secret }]),
      () => api.users.patch('h242-u', [{ op: 'replace', path: '', value: { hash: secret, backend_roles: [] } }]),
      () => api.users.patch([{ op: 'add', path: '/h242-u', value: { hash: secret } }]),
      () => api.users.patch([{ op: 'add', path: '/h242-u/hash', value: '' }]),
    ];
    for (const [i, call] of refusals.entries()) {
      const err = await failure(call());
      assert.ok(err instanceof SecurityModelError, `${i}: ${String(err)}`);
      assert.ok(err.issues.some((issue) => issue.path === 'hash'), `${i}: ${err.message}`);
      assert.ok(!`${err.message} ${err.stack} ${JSON.stringify(err)}`.includes(secret), `${i}`);
    }
    assert.deepEqual(writes(sent), []);
    await api.users.put('h242-u', { hash: BCRYPT });
    await api.users.patch('h242-u', [{ op: 'add', path: '/hash', value: VERIFIABLE[3] as string }]);
    await api.users.patch([{ op: 'add', path: '/h242-v', value: { hash: VERIFIABLE[0] as string } }]);
    assert.equal(writes(sent).length, 3);
  });
});
