/**
 * The public API in representative scenarios, for the prototype-pollution property check: each scenario calls
 * entry points against the loopback stand-in (test/support/prototype-domain.ts) and returns what a caller can
 * observe (return values, errors' class and message, what the CLI printed); the stand-in's log adds what was
 * sent on the wire. `observe` turns it into text without reading anything through a prototype, so a run under
 * a polluted Object.prototype can be compared with a clean run character by character.
 */
import { Client, errors } from '@opensearch-project/opensearch';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as sdk from '../../src/index.js';
import { createClient as createBasicClient } from '../../src/entries/basic.js';
import { createClient as createIamClient } from '../../src/entries/iam.js';
import { runCli } from './cli-run.js';
import { FLIGHTS, type PrototypeDomain } from './prototype-domain.js';

export const SALT = 'proto-salt-0123456789abcdef';
/** Secrets the scenarios hand the SDK: none may reach an observable result, a planted setter or getter. */
export const SECRETS = {
  password: 'Proto-Pw-7f3a!Secret',
  masterPassword: 'Master-Pw-91c2!Secret',
  secretAccessKey: 'proto/Secret+Access/Key0123456789abcd',
  sessionToken: 'Proto-Session-Token-5e5e5e5e5e5e',
  cognitoPassword: 'Cognito-Pw-3b3b!Secret',
  clientSecret: 'Cognito-Client-Secret-44aa',
  userPassword: 'New-User-Pw-8d8d!Secret',
} as const;

/** What a scenario is given. */
export interface ScenarioContext {
  domain: PrototypeDomain;
  /** A scratch directory with a roles-as-code file and PEM files. */
  dir: string;
}

/** One scenario: its name and what it does; it returns what a caller observes. */
export interface Scenario {
  name: string;
  run(ctx: ScenarioContext): Promise<unknown>;
}

// ---------------------------------------------------------------------------------------------------------
// Observation: own properties only, getters called through their descriptor, prototypes named, never read by [[Get]].

const VOLATILE_KEY = /^(recordsPerSecond|elapsedMs|took|durationMs|startedAt|endedAt|tookMs|timings?|requestId|generation|expiresAt|expiration|Expiration|lastRefresh)$/;

function className(value: object): string {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null) return 'null-prototype';
  const ctor = Object.getOwnPropertyDescriptor(proto, 'constructor')?.value as unknown;
  return typeof ctor === 'function' ? (Object.getOwnPropertyDescriptor(ctor, 'name')?.value as string | undefined) ?? '?' : '?';
}

/** `value` as stable text: own keys (sorted for plain objects: insertion order is compared too, separately). */
export function observe(value: unknown, depth = 0, seen: Set<object> = new Set()): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value.replace(/\d+(\.\d+)? ?ms\b/g, '<n> ms').replace(/\b\d+(\.\d+)?s\b/g, '<n>s'));
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'function') return `[function ${(Object.getOwnPropertyDescriptor(value, 'name')?.value as string | undefined) ?? ''}]`;
  if (seen.has(value)) return '[cycle]';
  if (depth > 9) return '[deep]';
  seen.add(value);
  try {
    if (Buffer.isBuffer(value)) return `Buffer(${value.length})`;
    if (value instanceof Map) return `Map{${[...value.entries()].map(([k, v]) => `${observe(k, depth + 1, seen)}=>${observe(v, depth + 1, seen)}`).join(',')}}`;
    if (value instanceof Set) return `Set{${[...value].map((v) => observe(v, depth + 1, seen)).join(',')}}`;
    if (value instanceof Date) return 'Date';
    if (typeof AbortSignal !== 'undefined' && value instanceof AbortSignal) return `AbortSignal(aborted=${value.aborted})`;
    const cls = className(value);
    if (/Client$|Transport$|Agent$|Socket$|Connection$|Pool$/.test(cls)) return `[${cls}]`;
    const keys = Reflect.ownKeys(value).filter((k): k is string => typeof k === 'string');
    const parts: string[] = [];
    if (value instanceof Error) {
      parts.push(`message=${observe(value.message, depth + 1, seen)}`);
      // the stack's first line only (its frames differ between runs that take other paths to the same throw)
      const stack = Object.getOwnPropertyDescriptor(value, 'stack')?.value as unknown;
      if (typeof stack === 'string') parts.push(`stack0=${observe(stack.split('\n')[0], depth + 1, seen)}`);
    }
    const isArray = Array.isArray(value);
    if (isArray) parts.push(`length=${(value as unknown[]).length}`);
    for (const key of isArray ? keys.filter((k) => k !== 'length') : keys) {
      if (value instanceof Error && (key === 'stack' || key === 'message')) continue;
      if (key === 'meta' && value instanceof Error) continue;
      const d = Object.getOwnPropertyDescriptor(value, key);
      if (d === undefined) continue;
      let v: unknown;
      if ('value' in d) v = d.value;
      else {
        try {
          v = d.get?.call(value);
        } catch (e) {
          v = `[getter threw ${e instanceof Error ? e.message : String(e)}]`;
        }
      }
      parts.push(`${d.enumerable === true ? '' : '~'}${key}=${VOLATILE_KEY.test(key) ? '<volatile>' : observe(v, depth + 1, seen)}`);
    }
    return `${cls}{${parts.join(',')}}`;
  } finally {
    seen.delete(value);
  }
}

/** What a call did: its value, or what it threw. */
async function outcome(run: () => unknown): Promise<unknown> {
  try {
    return { value: await run() };
  } catch (e) {
    return { threw: e };
  }
}

/** The same, for a call that throws synchronously when it fails. */
function outcomeSync(run: () => unknown): unknown {
  try {
    return { value: run() };
  } catch (e) {
    return { threw: e };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Inputs (literals: define semantics).

const ROLES = {
  'new-role': {
    cluster_permissions: ['cluster_composite_ops_ro'],
    index_permissions: [{ index_patterns: ['flights*'], dls: '{"match": {"FlightDelay": true}}', fls: ['~FlightNum'], masked_fields: ['Dest'], allowed_actions: ['read'] }],
  },
  'writer': { cluster_permissions: ['indices:data/write/bulk'], index_permissions: [{ index_patterns: ['logs-*'], allowed_actions: ['write', 'create_index'] }] },
};
const TYPES = { FlightNum: 'keyword', Dest: 'keyword', Origin: 'keyword', FlightDelay: 'boolean', FlightDelayMin: 'integer' } as const;

function limitedResponse(): unknown {
  const hits = FLIGHTS.filter((f) => f.doc.FlightDelay).map((f) => {
    const { FlightNum: _hidden, ...rest } = f.doc;
    return { _index: 'flights', _id: f.id, _score: 1, _source: { ...rest, Dest: sdk.maskValue(f.doc.Dest, { salt: SALT }) } };
  });
  return { took: 1, timed_out: false, _shards: { total: 1, successful: 1, failed: 0 }, hits: { total: { value: hits.length, relation: 'eq' }, hits } };
}

function basicOptions(ctx: ScenarioContext, username = 'new-user', password: string = SECRETS.password): sdk.FgacClientOptions {
  return { node: ctx.domain.url, auth: { mode: 'basic', username, password }, retry: { retries: 0 }, allowInsecureHttp: true };
}

function iamOptions(ctx: ScenarioContext, accessKeyId = 'AKIAPROTOLIMITED0001'): sdk.FgacClientOptions {
  return {
    node: ctx.domain.url,
    auth: { mode: 'iam', region: 'us-east-1', service: 'es', credentials: { accessKeyId, secretAccessKey: SECRETS.secretAccessKey, sessionToken: SECRETS.sessionToken } },
    retry: { retries: 0 },
  };
}

function cognitoOptions(ctx: ScenarioContext): sdk.FgacClientOptions {
  return {
    node: ctx.domain.url,
    auth: {
      mode: 'cognito', region: 'us-east-1', userPoolId: 'us-east-1_AbCdEf123', clientId: 'client123abc', clientSecret: SECRETS.clientSecret,
      identityPoolId: 'us-east-1:00000000-1111-2222-3333-444444444444', username: 'svc-user', password: SECRETS.cognitoPassword,
      endpoints: { cognitoIdp: ctx.domain.cognitoUrl, cognitoIdentity: ctx.domain.cognitoUrl },
    },
    retry: { retries: 0 },
  };
}

/**
 * A plain opensearch-js Client, as a caller makes one. Its headers have a null prototype: opensearch-js copies them
 * with for...in, so with `{}` it would itself send an enumerable property of a polluted Object.prototype as a
 * header; that is the caller's client, not the SDK's doing.
 */
function rawClient(ctx: ScenarioContext): Client {
  return new Client({ node: ctx.domain.url, auth: { username: 'new-user', password: SECRETS.password }, maxRetries: 0, headers: Object.create(null) as Record<string, string> });
}

/** The calls every client scenario makes: a search, a refused search (typed, classified, diagnosed), info. */
async function clientCalls(client: Client, mode: sdk.AuthMode): Promise<unknown> {
  try {
    const search = await outcome(async () => (await client.search({ index: 'flights', body: { query: { match_all: {} } } })).body);
    const refused = await outcome(() => client.search({ index: 'movies' }));
    const error = (refused as { threw?: unknown }).threw;
    return {
      search,
      refused,
      kinds: error === undefined ? undefined : {
        fgac: sdk.isFgacError(error), permission: sdk.isPermissionError(error), retryable: sdk.isRetryable(error), diagnosis: sdk.diagnoseError(error, mode, client),
      },
      info: await outcome(async () => (await client.info()).body),
      strategy: (() => {
        const s = sdk.authStrategyOf(client);
        return s === undefined ? undefined : { mode: s.mode, signsBody: s.signsBody };
      })(),
    };
  } finally {
    await client.close();
  }
}

// ---------------------------------------------------------------------------------------------------------

/** Every scenario. */
export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'createClient basic: search, a refusal, info',
    run: (ctx) => clientCalls(sdk.createClient(basicOptions(ctx)), 'basic'),
  },
  {
    name: 'createClient iam (static credentials, the /iam entry): search, a refusal, info',
    run: (ctx) => clientCalls(createIamClient(iamOptions(ctx)), 'iam'),
  },
  {
    name: 'createClient cognito (loopback Cognito): search, a refusal, info',
    run: (ctx) => clientCalls(sdk.createClient(cognitoOptions(ctx)), 'cognito'),
  },
  {
    name: 'createClient none (the /basic entry) with a tenant, compression and a child',
    run: async (ctx) => {
      const client = createBasicClient({ node: ctx.domain.url, auth: { mode: 'none' }, tenant: 'team-a', compression: true, retry: { retries: 0 } });
      const child = client.child({ headers: { 'x-team': 'a' } });
      const body = await outcome(async () => (await child.transport.request({ method: 'POST', path: '/flights/_search', body: { size: 2 } })).body);
      return { body, parent: await clientCalls(client, 'none') };
    },
  },
  {
    name: 'TLS: the stand-in CA is trusted when given, and a certificate nothing vouches for is refused',
    run: async (ctx) => {
      const trusted = sdk.createClient({ node: ctx.domain.tlsUrl, auth: { mode: 'basic', username: 'new-user', password: SECRETS.password }, ssl: { ca: ctx.domain.ca }, retry: { retries: 0 } });
      const untrusted = sdk.createClient({ node: ctx.domain.tlsUrl, auth: { mode: 'basic', username: 'new-user', password: SECRETS.password }, retry: { retries: 0 } });
      const agentLess = sdk.createClient({ node: ctx.domain.tlsUrl, auth: { mode: 'none' }, clientOptions: { agent: false }, retry: { retries: 0 } });
      try {
        return {
          trusted: await outcome(async () => (await trusted.info()).statusCode),
          untrusted: await outcome(async () => (await untrusted.info()).statusCode),
          agentLess: await outcome(async () => (await agentLess.info()).statusCode),
        };
      } finally {
        await Promise.all([trusted.close(), untrusted.close(), agentLess.close()]);
      }
    },
  },
  {
    name: 'fromEnv (basic, iam, cognito, refusals) and validateOptions',
    run: async (ctx) => {
      const basicEnv = { OPENSEARCH_URL: ctx.domain.tlsUrl, OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'new-user', OPENSEARCH_PASSWORD: SECRETS.password, OPENSEARCH_TENANT: 'global_tenant', OPENSEARCH_REQUEST_TIMEOUT_MS: '5000' };
      return {
        basic: outcomeSync(() => sdk.fromEnv(basicEnv)),
        iam: outcomeSync(() => sdk.fromEnv({ OPENSEARCH_URL: 'https://search-x.us-east-1.es.amazonaws.com', OPENSEARCH_AUTH: 'iam', AWS_REGION: 'eu-west-1' })),
        cognito: outcomeSync(() => sdk.fromEnv({
          OPENSEARCH_URL: 'https://search-x.us-east-1.es.amazonaws.com', OPENSEARCH_AUTH: 'cognito', AWS_REGION: 'us-east-1', COGNITO_USER_POOL_ID: 'us-east-1_Pool1',
          COGNITO_CLIENT_ID: 'client1', COGNITO_IDENTITY_POOL_ID: 'us-east-1:abc', COGNITO_USERNAME: 'svc', COGNITO_PASSWORD: SECRETS.cognitoPassword,
        })),
        clearText: outcomeSync(() => sdk.fromEnv({ OPENSEARCH_URL: 'http://search.example.com', OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'u', OPENSEARCH_PASSWORD: SECRETS.password })),
        noAuth: outcomeSync(() => sdk.fromEnv({ OPENSEARCH_URL: 'https://search.example.com' })),
        valid: outcomeSync(() => sdk.validateOptions(basicOptions(ctx), {})),
        insecureTls: outcomeSync(() => sdk.validateOptions({ node: 'https://search.example.com', auth: { mode: 'none' }, ssl: { rejectUnauthorized: false } }, {})),
        clearTextBasic: outcomeSync(() => sdk.validateOptions({ node: 'http://search.example.com', auth: { mode: 'basic', username: 'u', password: SECRETS.password } }, {})),
        typo: outcomeSync(() => sdk.validateOptions({ node: 'https://search.example.com', auth: { mode: 'basic', username: 'u', pasword: SECRETS.password } } as never, {})),
        badRetry: outcomeSync(() => sdk.validateOptions({ node: 'https://search.example.com', auth: { mode: 'none' }, retry: { retries: -1 } }, {})),
        iamMissingRegion: outcomeSync(() => sdk.validateOptions({ node: 'https://search.example.com', auth: { mode: 'iam' } }, {})),
      };
    },
  },
  {
    name: 'errors: toTypedError of a raw client error, redaction, runWithRetry',
    run: async (ctx) => {
      const raw = rawClient(ctx);
      try {
        const rawError = (await outcome(() => raw.search({ index: 'movies' })) as { threw?: unknown }).threw;
        let calls = 0;
        return {
          typed: sdk.toTypedError(rawError),
          headers: sdk.redactHeaders({ authorization: `Basic ${Buffer.from(`u:${SECRETS.password}`).toString('base64')}`, 'x-amz-security-token': SECRETS.sessionToken, accept: 'application/json' }),
          url: sdk.redactUrl(`https://u:${encodeURIComponent(SECRETS.password)}@search.example.com/x?X-Amz-Signature=abcdef0123&q=1`),
          text: sdk.redactText(`password=${SECRETS.password} token: ${SECRETS.sessionToken} ok`),
          retried: await outcome(() => sdk.runWithRetry(async (n) => {
            calls += 1;
            if (n === 1) throw new errors.ConnectionError('socket hang up');
            return `attempt ${n}`;
          }, { method: 'GET', path: '/x' }, { retries: 2, minDelayMs: 1, maxDelayMs: 2 })),
          calls,
          notRetried: await outcome(() => sdk.runWithRetry(async () => {
            throw new errors.ConnectionError('socket hang up');
          }, { method: 'POST', path: '/x/_doc' }, { retries: 2, minDelayMs: 1, maxDelayMs: 2 })),
        };
      } finally {
        await raw.close();
      }
    },
  },
  {
    name: 'ingest against _bulk, and the Lambda adapters',
    run: async (ctx) => {
      const client = sdk.createClient(basicOptions(ctx));
      try {
        const records = [
          { key: 'r1', index: 'logs-1', id: 'a1', document: { n: 1, tags: ['x'] } },
          { key: 'r2', index: 'logs-1', id: 'a2', action: 'create' as const, document: { n: 2 } },
          { key: 'r3', index: 'logs-1', id: 'a3', action: 'delete' as const },
          { key: 'r4', index: 'logs-1', id: 'a4', action: 'update' as const, document: { n: 4 }, upsert: { n: 0 } },
          { key: 'r5', index: 'logs-1', id: 'a5', document: { n: 5 }, routing: 'z', groupId: 'g' },
          { key: 'r6', index: '', id: 'a6', document: { n: 6 } },
        ];
        const progress: unknown[] = [];
        const report = await sdk.ingest(client, records, { maxBatchCount: 3, concurrency: 1, retries: 1, minDelayMs: 1, maxDelayMs: 2, onProgress: (s) => progress.push({ ...s }) });
        const signal = sdk.deadlineSignal({ getRemainingTimeInMillis: () => 60_000 }, { marginMs: 1000 });
        return {
          report,
          progressCalls: progress.length,
          batchItemFailures: sdk.toBatchItemFailures(report),
          firehose: outcomeSync(() => sdk.toFirehoseResponse(records.map((r) => ({ recordId: r.key, data: Buffer.from(JSON.stringify(r)).toString('base64') })), report)),
          deadline: signal.aborted,
          badOption: await outcome(() => sdk.ingest(client, [], { concurency: 2 } as never)),
        };
      } finally {
        await client.close();
      }
    },
  },
  {
    name: 'SecurityApi: reads, ensure, list edits, users, plan and apply, master user',
    run: async (ctx) => {
      const client = sdk.createClient(basicOptions(ctx, 'master-user', SECRETS.masterPassword));
      try {
        const security = new sdk.SecurityApi(client, { conflictAttempts: 3, maxElapsedMs: 5000, settleMs: 0 });
        const r: Record<string, unknown> = {};
        const step = async (name: string, run: () => unknown): Promise<void> => {
          Object.defineProperty(r, name, { value: await outcome(run), enumerable: true });
        };
        await step('authInfo', () => security.authInfo());
        await step('health', () => security.health());
        await step('flavour', () => security.flavour());
        await step('roleGet', () => security.roles.get('new-role'));
        await step('roleRaw', () => security.roles.getRaw('new-role'));
        await step('roleMissing', () => security.roles.get('absent-role'));
        await step('roleList', () => security.roles.list());
        await step('ensureNew', () => security.roles.ensure('proto-reader', {
          cluster_permissions: ['cluster_composite_ops_ro'],
          index_permissions: [{ index_patterns: ['proto*'], allowed_actions: ['read'], dls: { match: { team: 'a' } }, fls: [sdk.flsExclude('secret')], masked_fields: ['email'] }],
        }));
        await step('ensureSame', () => security.roles.ensure('proto-reader', {
          cluster_permissions: ['cluster_composite_ops_ro'],
          index_permissions: [{ index_patterns: ['proto*'], allowed_actions: ['read'], dls: { match: { team: 'a' } }, fls: [sdk.flsExclude('secret')], masked_fields: ['email'] }],
        }));
        await step('ensureChanged', () => security.roles.ensure('proto-reader', { cluster_permissions: [], index_permissions: [{ index_patterns: ['proto*'], allowed_actions: ['read'] }] }));
        await step('addUsers', () => security.roleMappings.addUsers('new-role', ['alice', 'bob']));
        await step('removeUsers', () => security.roleMappings.removeUsers('new-role', ['bob']));
        await step('mappingAfter', () => security.roleMappings.get('new-role'));
        await step('userPut', () => security.users.put('proto-user', { password: SECRETS.userPassword, backend_roles: ['b1'], attributes: { team: 'a' } }));
        await step('userGet', () => security.users.get('proto-user'));
        await step('userListRaw', () => security.users.listRaw());
        await step('userEnsure', () => security.users.ensure('proto-user', { backend_roles: ['b1', 'b2'], attributes: { team: 'a' } }));
        await step('groupPut', () => security.actionGroups.put('proto-group', { allowed_actions: ['indices:data/read/search'], type: 'index' }));
        await step('tenantEnsure', () => security.tenants.ensure('proto-tenant', { description: 'team a' }));
        await step('patch', () => security.roles.patch('proto-reader', [{ op: 'add', path: '/cluster_permissions/-', value: 'cluster_monitor' }]));
        await step('roleDelete', () => security.roles.delete('proto-reader'));
        await step('tooWeak', () => security.users.put('proto-user-2', { password: '' }));
        const plan = await outcome(() => security.plan({
          roles: { 'plan-role': { index_permissions: [{ index_patterns: ['plan*'], allowed_actions: ['read'] }] } },
          roleMappings: { 'plan-role': { users: ['carol'], backend_roles: ['arn:aws:iam::123456789012:role/Reader'] } },
        }));
        Object.defineProperty(r, 'plan', { value: plan, enumerable: true });
        const made = (plan as { value?: sdk.SecurityPlan }).value;
        if (made !== undefined) await step('apply', () => security.apply(made));
        await step('masterUser', () => security.addMasterUser('arn:aws:iam::123456789012:role/Admin'));
        await step('badOption', () => new sdk.SecurityApi(client, { conflictAtempts: 2 } as never));
        return r;
      } finally {
        await client.close();
      }
    },
  },
  {
    name: 'the security model: validate, to and from the API, DLS and masked-field texts, Java regex, action groups',
    run: async () => {
      const role: sdk.Role = {
        cluster_permissions: ['cluster_monitor'],
        index_permissions: [{ index_patterns: ['logs-*'], allowed_actions: ['read'], dls: { term: { owner: sdk.dlsVariable('user.name') } }, fls: [sdk.flsInclude('a*'), sdk.flsExclude('secret')], masked_fields: ['email::SHA-256', 'phone::/\\d/::X'] }],
        tenant_permissions: [{ tenant_patterns: ['team-*'], allowed_actions: ['kibana_all_read'] }],
      };
      const api = outcomeSync(() => sdk.toApiRole(role));
      return {
        validate: outcomeSync(() => sdk.validateRole(role)),
        invalid: outcomeSync(() => sdk.validateRole({ index_permissions: [{ index_patterns: [], allowed_actions: ['read'], masked_fields: ['x::NOPE-1'] }] } as never)),
        api,
        back: outcomeSync(() => sdk.fromApiRole((api as { value: sdk.ApiRole }).value)),
        user: outcomeSync(() => sdk.fromApiUser({ hash: '$2y$12$x', backend_roles: ['b'], attributes: { a: '1' }, opendistro_security_roles: [] } as never)),
        userOut: outcomeSync(() => sdk.toApiUser({ password: SECRETS.userPassword, backend_roles: ['b'] })),
        mapping: outcomeSync(() => sdk.toApiRoleMapping({ users: ['u'], backend_roles: ['b'] })),
        mappingBack: outcomeSync(() => sdk.fromApiRoleMapping({ users: ['u'], backend_roles: [], and_backend_roles: [], hosts: [] } as never)),
        group: outcomeSync(() => sdk.fromApiActionGroup({ allowed_actions: ['read'], type: 'index' } as never)),
        tenant: outcomeSync(() => sdk.fromApiTenant({ description: 'd' } as never)),
        tenantOut: outcomeSync(() => sdk.toApiTenant({ description: 'd' })),
        groupOut: outcomeSync(() => sdk.toApiActionGroup({ allowed_actions: ['read'] })),
        dls: outcomeSync(() => sdk.parseDls('{"bool": {"must": [{"term": {"owner": "${user.name}"}}, {"range": {"n": {"gte": 1.0}}}]}}')),
        dlsText: outcomeSync(() => sdk.serializeDls({ terms: { team: ['a', 'b'] } })),
        dlsEqual: sdk.dlsEquals('{"match":{"a":1}}', { match: { a: 1 } }),
        dlsBad: outcomeSync(() => sdk.parseDls('{"match": ')),
        masked: outcomeSync(() => sdk.parseMaskedFieldExpression('phone::/\\d{3}/::XXX::/x/::y')),
        maskedFormat: outcomeSync(() => {
          const parsed = sdk.parseMaskedFieldExpression('email::SHA-256') as { ok?: boolean; expression?: never };
          return parsed.expression === undefined ? parsed : sdk.formatMaskedFieldExpression(parsed.expression);
        }),
        regex: sdk.checkJavaRegex('(?<year>\\d{4})-\\p{InGreek}*+'),
        regexBad: sdk.checkJavaRegex('(?<=a+)b'),
        staticGroup: [sdk.isStaticActionGroup('read'), sdk.isStaticActionGroup('proto')],
        groups: Object.keys(sdk.STATIC_ACTION_GROUPS).length,
      };
    },
  },
  {
    name: 'verification: verifyHits, assertAccess, masks, FLS, DLS, mappings, aliases',
    run: async () => {
      const user = { name: 'new-user', roles: ['new-backend-role'], attributes: { team: 'a' } };
      const originals = new Map(FLIGHTS.map((f) => [`flights/${f.id}`, f.doc]));
      const expectations = sdk.expectationsFromRoles(ROLES, 'flights', user, { salt: SALT, fieldTypes: TYPES, originals });
      const good = limitedResponse() as { hits: { hits: Array<{ _source: Record<string, unknown> }> } };
      const bad = structuredClone(good);
      (bad.hits.hits[0] as { _source: Record<string, unknown> })._source = { FlightNum: 'N0', Dest: 'Oslo', Origin: 'Lima', FlightDelay: false };
      const report = sdk.verifyHits(good, expectations);
      const fls = ['~FlightNum', 'Fl*', 'Dest', 'Origin'];
      const doc = { FlightNum: 'N1', FlightDelay: true, Dest: 'Rome', Origin: 'Cairo', nested: { a: 1 } };
      return {
        expectations,
        report,
        reportKeys: Object.keys(report.hits[0] ?? {}).join(','),
        violations: sdk.verifyHits(bad, expectations),
        noSalt: sdk.verifyHits(good, sdk.expectationsFromRoles(ROLES, 'flights', user, { fieldTypes: TYPES })),
        assert: outcomeSync(() => sdk.assertAccess(bad, expectations)),
        mask: [sdk.maskValue('Oslo', { salt: SALT }), sdk.maskValue('Oslo', { salt: SALT, expression: 'Dest::SHA-256' }), sdk.maskValue('555-1234', { expression: 'p::/\\d/::X' })],
        parsedMask: sdk.parseMaskedField('Dest::/[aeiou]/::*::/s/::S'),
        shaped: [sdk.isMaskShaped(sdk.maskValue('Oslo', { salt: SALT })), sdk.isMaskShaped('Oslo')],
        maskDoc: sdk.maskDocument({ Dest: 'Oslo', nested: { Dest: 'Rome' }, list: [{ Dest: 'x' }] }, ['Dest', 'nested.Dest', 'list.Dest'], { salt: SALT }),
        maskedId: sdk.maskedHitId('f1', { salt: SALT }),
        visible: sdk.visibleFields(doc, fls),
        fieldVisible: [sdk.isFieldVisible('FlightNum', fls), sdk.isFieldVisible('Dest', fls), sdk.isFieldVisible('nested.a', fls)],
        filtered: sdk.filterDocument(doc, fls),
        pattern: [sdk.matchesFieldPattern('Fl*', 'FlightNum'), sdk.matchesFieldPattern('/F.*/', 'Dest')],
        meta: sdk.flsHiddenMetaFields(['~_id', 'a']),
        dls: [
          sdk.evaluateDls('{"match": {"FlightDelay": true}}', doc, { fieldTypes: TYPES }),
          sdk.evaluateDls({ bool: { must_not: [{ term: { Origin: 'Lima' } }], filter: [{ range: { FlightDelayMin: { gte: 10 } } }] } }, { ...doc, FlightDelayMin: 30 }, { fieldTypes: TYPES }),
          sdk.evaluateDls('{"term": {"owner": "${user.name}"}}', { owner: 'new-user' }, { user }),
          sdk.evaluateDls('{"exists": {"field": "nope"}}', doc),
          outcomeSync(() => sdk.evaluateDls('{"script": {"script": "x"}}', doc)),
        ],
        mapping: sdk.fieldTypesFromMapping({ flights: { mappings: { properties: { Dest: { type: 'keyword' }, when: { type: 'date', format: 'yyyy-MM-dd' }, o: { properties: { n: { type: 'long' } } }, t: { type: 'text', fields: { raw: { type: 'keyword' } } } } } } }),
        aliases: sdk.indexAliasesFrom({ flights: { aliases: { 'flights-alias': {} } }, movies: { aliases: {} } }, { data_streams: [{ name: 'ds', indices: [{ index_name: '.ds-ds-000001' }] }] }),
        badInput: outcomeSync(() => sdk.verifyHits({ nope: true }, expectations)),
      };
    },
  },
  {
    name: 'server truth: verifyHitsWithServer, serverDlsVerdicts, compareAccess',
    run: async (ctx) => {
      const admin = createIamClient(iamOptions(ctx, 'AKIAMASTER0000000001'));
      const limited = sdk.createClient(basicOptions(ctx));
      try {
        const expectations: sdk.AccessExpectations = { indices: [{ indexPatterns: ['flights*'], rules: [{ dls: '{"match": {"FlightDelay": true}}', fls: ['~FlightNum'], maskedFields: ['Dest'] }] }], salt: SALT };
        return {
          withServer: await outcome(() => sdk.verifyHitsWithServer(limitedResponse(), expectations, { reader: admin })),
          verdicts: await outcome(() => sdk.serverDlsVerdicts(limitedResponse(), expectations, { reader: admin })),
          compare: await outcome(() => sdk.compareAccess(admin, limited, { index: 'flights', body: { size: 100 } })),
        };
      } finally {
        await Promise.all([admin.close(), limited.close()]);
      }
    },
  },
  {
    name: 'explain: explainPermission, explainSecurityException, checkPermission (local), mappedRoles, requiredPrivileges',
    run: async (ctx) => {
      const client = sdk.createClient(basicOptions(ctx));
      const admin = createIamClient(iamOptions(ctx, 'AKIAMASTER0000000001'));
      try {
        const refused = (await outcome(() => client.search({ index: 'movies' })) as { threw?: unknown }).threw;
        const groups = { 'proto-read': { allowed_actions: ['indices:data/read/search', 'indices:data/read/get'] } };
        return {
          explain: sdk.explainPermission(ROLES, groups, { action: 'indices:data/read/search', index: 'flights', user: { name: 'new-user', roles: ['new-role'] } }),
          explainNone: sdk.explainPermission(ROLES, undefined, { action: 'indices:data/write/index', index: 'movies', user: { name: 'new-user', roles: ['new-role'] } }),
          explainCluster: sdk.explainPermission(ROLES, undefined, { action: 'cluster:monitor/health' }),
          securityException: refused instanceof sdk.SecurityExceptionError ? outcomeSync(() => sdk.explainSecurityException(refused, ROLES, undefined, { userRoles: ['new-role'] })) : `not a SecurityExceptionError: ${observe(refused)}`,
          mapped: sdk.mappedRoles({ 'new-role': { users: ['new-user'], backend_roles: ['b'] }, other: { backend_roles: ['x'] } }, { name: 'new-user', backendRoles: ['b'] }),
          privileges: [
            sdk.requiredPrivileges({ method: 'PUT', path: '/flights/_doc/1', body: { a: 1 } }),
            sdk.requiredPrivileges({ method: 'GET', path: '/flights/_search' }),
            sdk.requiredPrivileges({ method: 'POST', path: '/_bulk', body: '{"index":{"_index":"logs-1"}}\n{"a":1}\n' }),
          ],
          check: await outcome(() => sdk.checkPermission(client, { method: 'GET', path: '/flights/_search' }, { admin })),
          checkWrite: await outcome(() => sdk.checkPermission(client, { method: 'PUT', path: '/flights/_doc/1', body: { Dest: 'Oslo' } }, { admin })),
          checkAction: await outcome(() => sdk.checkPermission(client, { action: 'indices:data/read/search', index: 'movies' }, { roles: ROLES })),
          checkBad: await outcome(() => sdk.checkPermission(client, { method: 'GET', path: 'no-slash' })),
        };
      } finally {
        await Promise.all([client.close(), admin.close()]);
      }
    },
  },
  {
    name: 'diagnose: checkDomain (basic, iam master, a raw client) and diagnoseError of built errors',
    run: async (ctx) => {
      const basic = sdk.createClient(basicOptions(ctx));
      const iam = createIamClient(iamOptions(ctx, 'AKIAMASTER0000000001'));
      const raw = rawClient(ctx);
      const dead = sdk.createClient({ node: 'http://127.0.0.1:9', auth: { mode: 'none' }, retry: { retries: 0 } });
      try {
        return {
          basic: await outcome(() => sdk.checkDomain(basic)),
          iam: await outcome(() => sdk.checkDomain(iam)),
          raw: await outcome(() => sdk.checkDomain(raw)),
          dead: await outcome(() => sdk.checkDomain(dead)),
          config: sdk.diagnoseError(new sdk.ConfigError('auth.region', 'auth.region: missing')),
          plain: sdk.diagnoseError(new Error('ECONNREFUSED 127.0.0.1:9200')),
        };
      } finally {
        await Promise.all([basic.close(), iam.close(), raw.close(), dead.close()]);
      }
    },
  },
  {
    name: 'the CLI: help, usage errors, whoami, explain, verify, plan (in process)',
    run: async (ctx) => {
      const env = {
        OPENSEARCH_URL: ctx.domain.url, OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'new-user', OPENSEARCH_PASSWORD: SECRETS.password, OPENSEARCH_ALLOW_INSECURE_HTTP: 'true',
        OPENSEARCH_ADMIN_URL: ctx.domain.url, OPENSEARCH_ADMIN_AUTH: 'basic', OPENSEARCH_ADMIN_USERNAME: 'master-user', OPENSEARCH_ADMIN_PASSWORD: SECRETS.masterPassword,
      };
      const out: Record<string, unknown> = {};
      const runs: Array<[string, string[]]> = [
        ['help', ['--help', '--json']],
        ['usage', ['explain', '--bogus', '--json']],
        ['whoami', ['whoami', '--json']],
        ['explain', ['explain', '--action', 'indices:data/read/search', '--index', 'flights', '--json']],
        ['explainText', ['explain', '--action', 'indices:data/write/index', '--index', 'movies']],
        ['verify', ['verify', '--index', 'flights', '--json']],
        ['plan', ['plan', '--file', path.join(ctx.dir, 'roles.yaml'), '--json']],
      ];
      for (const [name, args] of runs) {
        const r = await runCli(args, env);
        Object.defineProperty(out, name, { value: { code: r.code, stdout: r.stdout, stderr: r.stderr }, enumerable: true });
      }
      return out;
    },
  },
];

/** Writes the scratch files the scenarios read (a roles-as-code file). */
export function scenarioFiles(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proto-scenarios-'));
  fs.writeFileSync(path.join(dir, 'roles.yaml'), [
    'roles:',
    '  proto-file-role:',
    '    cluster_permissions: [cluster_monitor]',
    '    index_permissions:',
    '      - index_patterns: ["logs-*"]',
    '        allowed_actions: [read]',
    '        masked_fields: ["email"]',
    'roleMappings:',
    '  proto-file-role:',
    '    users: [dave]',
    '',
  ].join('\n'));
  return dir;
}
