/**
 * Options of `createClient`: the auth union, validation that refuses configurations that
 * cannot work, and `fromEnv` to pick everything from environment variables.
 */
import { readFileSync } from 'node:fs';
import type { ClientOptions } from '@opensearch-project/opensearch';
import { ConfigError } from './errors/classes.js';
import type { RetryOptions } from './retry/index.js';

/** AWS credentials (structurally an AWS SDK v3 `AwsCredentialIdentity`). */
export interface AwsCredentialIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** When the credentials stop working; absent = refreshed on a TTL (15 min). */
  expiration?: Date;
}

/** An async source of AWS credentials (structurally an AWS SDK v3 `AwsCredentialIdentityProvider`). */
export type AwsCredentialIdentityProvider = () => Promise<AwsCredentialIdentity>;

/** SigV4 service: `es` for managed domains, `aoss` for OpenSearch Serverless. */
export type AwsService = 'es' | 'aoss';

/** IAM auth: every request signed with SigV4 (aws4). */
export interface IamAuthOptions {
  mode: 'iam';
  /** Signing region; default: the region in a `*.<region>.es|aoss.amazonaws.com` host, then AWS_REGION, then AWS_DEFAULT_REGION. */
  region?: string;
  /** Default: `aoss` for `*.aoss.amazonaws.com` hosts, else `es`. */
  service?: AwsService;
  /** Static credentials or a provider; default: the Node default chain (@aws-sdk/credential-provider-node, loaded lazily). */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Host to sign and send as `Host` when the node URL is a tunnel / VPC endpoint (e.g. `search-x.us-east-1.es.amazonaws.com`). */
  signingHost?: string;
}

/** HTTP basic auth against the security plugin's internal user database. */
export interface BasicAuthOptions {
  mode: 'basic';
  username: string;
  /** The password, or an async provider (called once, the result cached for the client's life). */
  password: string | (() => Promise<string>);
}

/** Cognito user pool sign-in -> identity pool credentials -> SigV4. */
export interface CognitoAuthOptions {
  mode: 'cognito';
  /** Region of the user pool (and, unless the node host names one, of the signature). */
  region: string;
  userPoolId: string;
  clientId: string;
  /** Set when the app client has a secret: SECRET_HASH is then sent. */
  clientSecret?: string;
  identityPoolId: string;
  username: string;
  /** USER_PASSWORD_AUTH; one of password, idToken or refreshToken is required. */
  password?: string;
  /** An id token obtained elsewhere (used until it expires, then refreshToken/password if given). */
  idToken?: string;
  /** REFRESH_TOKEN_AUTH token. */
  refreshToken?: string;
  /** Role to request from the identity pool (CustomRoleArn). */
  customRoleArn?: string;
  /** Endpoint overrides, e.g. a local moto server. */
  endpoints?: { cognitoIdp?: string; cognitoIdentity?: string };
  /** SigV4 service of the domain (default detected from the host). */
  service?: AwsService;
  /** Host to sign when the node URL is a tunnel / VPC endpoint. */
  signingHost?: string;
}

/** No authentication (open local clusters). */
export interface NoAuthOptions {
  mode: 'none';
}

/** How the client authenticates, chosen by `mode`. */
export type AuthOptions = IamAuthOptions | BasicAuthOptions | CognitoAuthOptions | NoAuthOptions;

/** The auth modes. */
export type AuthMode = AuthOptions['mode'];

/** TLS options for HTTPS nodes. */
export interface SslOptions {
  /** PEM CA certificate(s) to trust in addition to nothing else (replaces the default store, like Node's `ca`). */
  ca?: string | Buffer | Array<string | Buffer>;
  /** Verify the server certificate (default true). `false` also requires `allowInsecureTls: true`. */
  rejectUnauthorized?: boolean;
  /** TLS server name (SNI + certificate name check), e.g. the domain host when the node URL is a tunnel. */
  servername?: string;
}

/** opensearch-js options passed through unchanged (those this package owns are excluded). */
export type PassthroughClientOptions = Omit<
  ClientOptions,
  'node' | 'nodes' | 'auth' | 'Connection' | 'Transport' | 'cloud' | 'ssl' | 'maxRetries' | 'requestTimeout' | 'compression'
>;

/** Options of `createClient`. */
export interface FgacClientOptions {
  /** Node URL(s), `https://host[:port][/prefix]`. */
  node: string | string[];
  auth: AuthOptions;
  /** Security tenant, sent as the `securitytenant` header (`global_tenant`, `__user__` or a name). */
  tenant?: string;
  ssl?: SslOptions;
  /** Per-attempt timeout (default 30 000). Credentials are refreshed at least this long before they expire. */
  requestTimeoutMs?: number;
  /** gzip request bodies (signatures cover the compressed bytes). */
  compression?: boolean;
  /** Retry policy (see retry.ts). */
  retry?: RetryOptions;
  /** Allow basic credentials over plain http to a non-loopback host. */
  allowInsecureHttp?: boolean;
  /** Allow `ssl.rejectUnauthorized: false`. */
  allowInsecureTls?: boolean;
  /** Other opensearch-js Client options. */
  clientOptions?: PassthroughClientOptions;
}

/** Default per-attempt timeout in ms. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** What validation worked out about the options (used by createClient). */
export interface ResolvedOptions {
  nodes: URL[];
  requestTimeoutMs: number;
  /** For iam and cognito: the SigV4 scope. */
  signing?: { region: string; service: AwsService; signingHost?: string };
}

const MODES: readonly AuthMode[] = ['iam', 'basic', 'cognito', 'none'];
const AWS_HOST = /(?:^|\.)([a-z]{2}(?:-[a-z]+)+-\d+)\.(es|aoss)\.amazonaws\.com(?:\.cn)?$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;
const OWNED_CLIENT_OPTIONS = ['node', 'nodes', 'auth', 'Connection', 'Transport', 'cloud', 'ssl', 'maxRetries', 'requestTimeout', 'compression'] as const;
const OWNED_HINT: Record<(typeof OWNED_CLIENT_OPTIONS)[number], string> = {
  node: 'use the top-level `node` option',
  nodes: 'use the top-level `node` option',
  auth: 'use the top-level `auth` option',
  Connection: 'the signing Connection is installed by createClient',
  Transport: 'the retrying Transport is installed by createClient',
  cloud: 'Elastic Cloud ids are not supported',
  ssl: 'use the top-level `ssl` option',
  maxRetries: 'use `retry.retries`',
  requestTimeout: 'use `requestTimeoutMs`',
  compression: 'use `compression: true`',
};

/** Region and service named by an Amazon OpenSearch Service / Serverless host, if it is one. */
export function awsHostInfo(host: string): { region: string; service: AwsService } | undefined {
  const m = AWS_HOST.exec(host.toLowerCase().replace(/:\d+$/, ''));
  return m === null ? undefined : { region: m[1] as string, service: m[2] as AwsService };
}

/** True for localhost and loopback addresses. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::1' || h === '0:0:0:0:0:0:0:1';
}

function fail(option: string, message: string): never {
  throw new ConfigError(option, `${option}: ${message}`);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function requireString(option: string, value: unknown, hint: string): void {
  if (!nonEmptyString(value)) fail(option, `must be a non-empty string (${hint})`);
}

function parseNodes(node: unknown): URL[] {
  const list = Array.isArray(node) ? node : [node];
  if (list.length === 0 || (typeof node !== 'string' && !Array.isArray(node))) {
    fail('node', 'give the domain endpoint URL, e.g. "https://search-x.us-east-1.es.amazonaws.com"');
  }
  return list.map((value, i) => {
    const option = Array.isArray(node) ? `node[${i}]` : 'node';
    if (!nonEmptyString(value)) fail(option, 'must be a URL string such as "https://host:443"');
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      fail(option, `"${value}" is not a URL; write it as "https://host[:port]"`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') fail(option, `protocol ${url.protocol} is not supported; use https://`);
    if (url.username !== '' || url.password !== '') {
      fail(option, 'remove the credentials from the URL and put them in `auth` (a URL with user:password would add basic auth to every request)');
    }
    if (url.search !== '' || url.hash !== '') fail(option, 'remove the query string / fragment from the node URL');
    return url;
  });
}

function checkCredentials(value: unknown): void {
  if (value === undefined || typeof value === 'function') return;
  if (typeof value !== 'object' || value === null) fail('auth.credentials', 'must be { accessKeyId, secretAccessKey, sessionToken? } or an async provider');
  const c = value as Record<string, unknown>;
  requireString('auth.credentials.accessKeyId', c.accessKeyId, 'the AWS access key id');
  requireString('auth.credentials.secretAccessKey', c.secretAccessKey, 'the AWS secret access key');
  if (c.sessionToken !== undefined && typeof c.sessionToken !== 'string') fail('auth.credentials.sessionToken', 'must be a string');
  if (c.expiration !== undefined && !(c.expiration instanceof Date && !Number.isNaN(c.expiration.getTime()))) {
    fail('auth.credentials.expiration', 'must be a valid Date');
  }
}

function checkSigningHost(value: unknown): void {
  if (value === undefined) return;
  if (!nonEmptyString(value) || /[/\s?#@]/.test(value)) {
    fail('auth.signingHost', 'must be a bare host name such as "search-x.us-east-1.es.amazonaws.com" (no scheme or path)');
  }
}

/** The SigV4 scope of an iam/cognito configuration; throws ConfigError when it cannot be worked out. */
function resolveSigning(
  auth: IamAuthOptions | CognitoAuthOptions,
  nodes: URL[],
  env: NodeJS.ProcessEnv,
): { region: string; service: AwsService; signingHost?: string } {
  checkSigningHost(auth.signingHost);
  const hosts = auth.signingHost !== undefined ? [auth.signingHost] : nodes.map((u) => u.hostname);
  const infos = hosts.map(awsHostInfo);
  const hostInfo = infos.find((i) => i !== undefined);
  const explicitRegion = auth.mode === 'iam' ? auth.region : undefined;
  if (explicitRegion !== undefined && !REGION.test(explicitRegion)) fail('auth.region', `"${explicitRegion}" is not an AWS region name such as "us-east-1"`);
  const envRegion = nonEmptyString(env.AWS_REGION) ? env.AWS_REGION : nonEmptyString(env.AWS_DEFAULT_REGION) ? env.AWS_DEFAULT_REGION : undefined;
  // Precedence: explicit auth.region, then the region in the host, then AWS_REGION (a Lambda's own
  // region may differ from the domain's, so the environment never overrides the host).
  const region = auth.mode === 'iam' ? explicitRegion ?? hostInfo?.region ?? envRegion : hostInfo?.region ?? auth.region;
  if (region === undefined) {
    fail('auth.region', 'IAM signing needs a region: set auth.region (e.g. "us-east-1") or AWS_REGION');
  }
  if (hostInfo !== undefined && hostInfo.region !== region) {
    const where = auth.signingHost !== undefined ? 'auth.signingHost' : 'node';
    fail('auth.region', `"${region}" does not match the region "${hostInfo.region}" of the ${where} host; signatures would be rejected`);
  }
  const service = auth.service ?? hostInfo?.service ?? 'es';
  if (auth.service !== undefined && auth.service !== 'es' && auth.service !== 'aoss') fail('auth.service', 'must be "es" or "aoss"');
  if (hostInfo !== undefined && hostInfo.service !== service) {
    fail('auth.service', `"${service}" does not match the ${hostInfo.service === 'aoss' ? 'OpenSearch Serverless' : 'managed domain'} host (use "${hostInfo.service}")`);
  }
  return { region, service, ...(auth.signingHost !== undefined ? { signingHost: auth.signingHost } : {}) };
}

function checkCognito(auth: CognitoAuthOptions): void {
  requireString('auth.region', auth.region, 'the user pool region, e.g. "us-east-1"');
  if (!REGION.test(auth.region)) fail('auth.region', `"${auth.region}" is not an AWS region name`);
  requireString('auth.userPoolId', auth.userPoolId, 'e.g. "us-east-1_AbCdEf123"');
  requireString('auth.clientId', auth.clientId, 'the user pool app client id');
  requireString('auth.identityPoolId', auth.identityPoolId, 'e.g. "us-east-1:1234abcd-..."; Cognito auth needs an identity pool to turn the sign-in into AWS credentials');
  requireString('auth.username', auth.username, 'the user pool user name');
  if (!/^[a-z]{2}(?:-[a-z]+)+-\d+_/.test(auth.userPoolId)) fail('auth.userPoolId', `"${auth.userPoolId}" does not look like "<region>_<id>"`);
  if (!/^[a-z]{2}(?:-[a-z]+)+-\d+:/.test(auth.identityPoolId)) fail('auth.identityPoolId', `"${auth.identityPoolId}" does not look like "<region>:<uuid>"`);
  for (const key of ['password', 'idToken', 'refreshToken', 'clientSecret', 'customRoleArn'] as const) {
    const v = auth[key];
    if (v !== undefined && !nonEmptyString(v)) fail(`auth.${key}`, 'must be a non-empty string when given');
  }
  if (auth.password === undefined && auth.idToken === undefined && auth.refreshToken === undefined) {
    fail('auth.password', 'Cognito auth needs one of password, idToken or refreshToken');
  }
  if (auth.customRoleArn !== undefined && !auth.customRoleArn.startsWith('arn:')) fail('auth.customRoleArn', 'must be an IAM role ARN');
  for (const key of ['cognitoIdp', 'cognitoIdentity'] as const) {
    const v = auth.endpoints?.[key];
    if (v === undefined) continue;
    try {
      const u = new URL(v);
      if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('protocol');
    } catch {
      fail(`auth.endpoints.${key}`, `"${v}" is not an http(s) URL`);
    }
  }
}

/** Checks options and works out nodes, timeout and SigV4 scope; throws ConfigError naming the option to fix. */
export function resolveOptions(options: FgacClientOptions, env: NodeJS.ProcessEnv = process.env): ResolvedOptions {
  if (typeof options !== 'object' || options === null) fail('options', 'pass an options object { node, auth }');
  const nodes = parseNodes(options.node);
  const auth = options.auth as AuthOptions | undefined;
  if (typeof auth !== 'object' || auth === null) fail('auth', 'give { mode: "iam" | "basic" | "cognito" | "none", ... }');
  if (!MODES.includes(auth.mode)) fail('auth.mode', `unknown mode "${String((auth as { mode?: unknown }).mode)}"; use one of ${MODES.join(', ')}`);

  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  if (typeof requestTimeoutMs !== 'number' || !Number.isFinite(requestTimeoutMs) || requestTimeoutMs <= 0) {
    fail('requestTimeoutMs', 'must be a positive number of milliseconds');
  }
  if (options.tenant !== undefined && !nonEmptyString(options.tenant)) fail('tenant', 'must be a non-empty tenant name (global_tenant, __user__ or a tenant)');
  if (options.compression !== undefined && typeof options.compression !== 'boolean') fail('compression', 'must be true or false');
  if (options.ssl?.rejectUnauthorized === false && options.allowInsecureTls !== true) {
    fail('ssl.rejectUnauthorized', 'false disables certificate checks; give the CA with ssl.ca instead, or set allowInsecureTls: true to accept the risk');
  }
  for (const key of OWNED_CLIENT_OPTIONS) {
    if (options.clientOptions !== undefined && key in options.clientOptions) fail(`clientOptions.${key}`, `not accepted here: ${OWNED_HINT[key]}`);
  }
  const mode = auth.mode;
  const aoss = nodes.some((u) => awsHostInfo(u.hostname)?.service === 'aoss');
  if (mode === 'basic') {
    requireString('auth.username', auth.username, 'the internal user name');
    if (auth.username.includes(':')) fail('auth.username', 'HTTP basic user names cannot contain ":"');
    if (typeof auth.password !== 'function' && !nonEmptyString(auth.password)) {
      fail('auth.password', 'must be a non-empty string or an async function returning one');
    }
    if (aoss) fail('auth.mode', 'OpenSearch Serverless (*.aoss.amazonaws.com) accepts only SigV4: use mode "iam"');
    const clear = nodes.find((u) => u.protocol === 'http:' && !isLoopbackHost(u.hostname));
    if (clear !== undefined && options.allowInsecureHttp !== true) {
      fail('node', `basic credentials would travel in clear text to ${clear.host}; use https:// (or set allowInsecureHttp: true)`);
    }
    if ('credentials' in auth || 'region' in auth) fail('auth', 'basic auth and IAM credentials cannot both be used: a request is either signed or carries a password');
    return { nodes, requestTimeoutMs };
  }
  if (mode === 'iam') {
    checkCredentials(auth.credentials);
    if ('username' in auth || 'password' in auth) fail('auth', 'IAM auth and basic credentials cannot both be used: a signed request cannot also carry a password');
    return { nodes, requestTimeoutMs, signing: resolveSigning(auth, nodes, env) };
  }
  if (mode === 'cognito') {
    checkCognito(auth);
    return { nodes, requestTimeoutMs, signing: resolveSigning(auth, nodes, env) };
  }
  return { nodes, requestTimeoutMs };
}

/** Throws ConfigError (naming the option and the fix) when the options cannot work. */
export function validateOptions(options: FgacClientOptions, env: NodeJS.ProcessEnv = process.env): void {
  resolveOptions(options, env);
}

function envFail(name: string, message: string): never {
  throw new ConfigError(name, `${name}: ${message}`);
}

function envString(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function envRequired(env: NodeJS.ProcessEnv, name: string, why: string): string {
  const v = envString(env, name);
  if (v === undefined) envFail(name, `is not set (${why})`);
  return v;
}

function envBoolean(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
  const v = envString(env, name)?.toLowerCase();
  if (v === undefined) return undefined;
  if (['1', 'true', 'yes', 'gzip'].includes(v)) return true;
  if (['0', 'false', 'no', 'none'].includes(v)) return false;
  return envFail(name, `"${v}" is not a boolean (true/false)`);
}

/**
 * Options from environment variables, so a deployment swaps auth modes by configuration only.
 *
 * - `OPENSEARCH_URL` (required): node URL, or several separated by commas.
 * - `OPENSEARCH_AUTH` (required): `iam` | `basic` | `cognito` | `none`.
 * - `OPENSEARCH_USERNAME`, `OPENSEARCH_PASSWORD`: basic auth.
 * - `AWS_REGION` (or `AWS_DEFAULT_REGION`): iam signing region, cognito region fallback.
 * - `OPENSEARCH_SERVICE`: `es` | `aoss` (default detected from the host).
 * - `OPENSEARCH_SIGNING_HOST`: host to sign when `OPENSEARCH_URL` is a tunnel / VPC endpoint.
 * - `OPENSEARCH_TENANT`: security tenant (`securitytenant` header).
 * - `OPENSEARCH_CA_FILE`: PEM file of the CA to trust (read now).
 * - `OPENSEARCH_REQUEST_TIMEOUT_MS`: per-attempt timeout in ms.
 * - `OPENSEARCH_COMPRESSION`: `true` to gzip request bodies.
 * - `OPENSEARCH_ALLOW_INSECURE_HTTP`: `true` to allow basic auth over http to a remote host.
 * - `COGNITO_REGION` (default `AWS_REGION`), `COGNITO_USER_POOL_ID`, `COGNITO_CLIENT_ID`,
 *   `COGNITO_CLIENT_SECRET`, `COGNITO_IDENTITY_POOL_ID`, `COGNITO_USERNAME`, `COGNITO_PASSWORD`,
 *   `COGNITO_ID_TOKEN`, `COGNITO_REFRESH_TOKEN`, `COGNITO_CUSTOM_ROLE_ARN`,
 *   `COGNITO_IDP_ENDPOINT`, `COGNITO_IDENTITY_ENDPOINT`.
 *
 * IAM credentials themselves come from the default AWS chain (AWS_ACCESS_KEY_ID, AWS_PROFILE,
 * web identity, ECS, IMDS...). Missing or invalid values throw ConfigError naming the variable.
 */
export function fromEnv(env: NodeJS.ProcessEnv = process.env): FgacClientOptions {
  const url = envRequired(env, 'OPENSEARCH_URL', 'the domain endpoint, e.g. https://search-x.us-east-1.es.amazonaws.com');
  const nodes = url.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const n of nodes) {
    try {
      const u = new URL(n);
      if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('protocol');
    } catch {
      envFail('OPENSEARCH_URL', `"${n}" is not an http(s) URL`);
    }
  }
  const modeValue = envRequired(env, 'OPENSEARCH_AUTH', `one of ${MODES.join(', ')}`).toLowerCase();
  if (!MODES.includes(modeValue as AuthMode)) envFail('OPENSEARCH_AUTH', `"${modeValue}" is not one of ${MODES.join(', ')}`);
  const mode = modeValue as AuthMode;

  const service = envString(env, 'OPENSEARCH_SERVICE');
  if (service !== undefined && service !== 'es' && service !== 'aoss') envFail('OPENSEARCH_SERVICE', `"${service}" must be es or aoss`);
  const signingHost = envString(env, 'OPENSEARCH_SIGNING_HOST');
  const region = envString(env, 'AWS_REGION') ?? envString(env, 'AWS_DEFAULT_REGION');

  let auth: AuthOptions;
  if (mode === 'basic') {
    auth = {
      mode,
      username: envRequired(env, 'OPENSEARCH_USERNAME', 'basic auth user'),
      password: envRequired(env, 'OPENSEARCH_PASSWORD', 'basic auth password'),
    };
  } else if (mode === 'iam') {
    auth = {
      mode,
      ...(region !== undefined ? { region } : {}),
      ...(service !== undefined ? { service: service as AwsService } : {}),
      ...(signingHost !== undefined ? { signingHost } : {}),
    };
  } else if (mode === 'cognito') {
    const cognitoRegion = envString(env, 'COGNITO_REGION') ?? region;
    if (cognitoRegion === undefined) envFail('COGNITO_REGION', 'is not set (nor AWS_REGION): the user pool region');
    const optional = (name: string): string | undefined => envString(env, name);
    const password = optional('COGNITO_PASSWORD');
    const idToken = optional('COGNITO_ID_TOKEN');
    const refreshToken = optional('COGNITO_REFRESH_TOKEN');
    if (password === undefined && idToken === undefined && refreshToken === undefined) {
      envFail('COGNITO_PASSWORD', 'is not set (nor COGNITO_ID_TOKEN / COGNITO_REFRESH_TOKEN)');
    }
    const idp = optional('COGNITO_IDP_ENDPOINT');
    const identity = optional('COGNITO_IDENTITY_ENDPOINT');
    const clientSecret = optional('COGNITO_CLIENT_SECRET');
    const customRoleArn = optional('COGNITO_CUSTOM_ROLE_ARN');
    auth = {
      mode,
      region: cognitoRegion,
      userPoolId: envRequired(env, 'COGNITO_USER_POOL_ID', 'e.g. us-east-1_AbCdEf123'),
      clientId: envRequired(env, 'COGNITO_CLIENT_ID', 'the user pool app client id'),
      identityPoolId: envRequired(env, 'COGNITO_IDENTITY_POOL_ID', 'e.g. us-east-1:1234abcd-...'),
      username: envRequired(env, 'COGNITO_USERNAME', 'the user pool user'),
      ...(password !== undefined ? { password } : {}),
      ...(idToken !== undefined ? { idToken } : {}),
      ...(refreshToken !== undefined ? { refreshToken } : {}),
      ...(clientSecret !== undefined ? { clientSecret } : {}),
      ...(customRoleArn !== undefined ? { customRoleArn } : {}),
      ...(idp !== undefined || identity !== undefined
        ? { endpoints: { ...(idp !== undefined ? { cognitoIdp: idp } : {}), ...(identity !== undefined ? { cognitoIdentity: identity } : {}) } }
        : {}),
      ...(service !== undefined ? { service: service as AwsService } : {}),
      ...(signingHost !== undefined ? { signingHost } : {}),
    };
  } else {
    auth = { mode: 'none' };
  }

  const options: FgacClientOptions = { node: nodes.length === 1 ? (nodes[0] as string) : nodes, auth };
  const tenant = envString(env, 'OPENSEARCH_TENANT');
  if (tenant !== undefined) options.tenant = tenant;
  const caFile = envString(env, 'OPENSEARCH_CA_FILE');
  if (caFile !== undefined) {
    try {
      options.ssl = { ca: readFileSync(caFile) };
    } catch (error) {
      envFail('OPENSEARCH_CA_FILE', `cannot read ${caFile}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
  const timeout = envString(env, 'OPENSEARCH_REQUEST_TIMEOUT_MS');
  if (timeout !== undefined) {
    const ms = Number(timeout);
    if (!Number.isFinite(ms) || ms <= 0) envFail('OPENSEARCH_REQUEST_TIMEOUT_MS', `"${timeout}" is not a positive number of milliseconds`);
    options.requestTimeoutMs = ms;
  }
  const compression = envBoolean(env, 'OPENSEARCH_COMPRESSION');
  if (compression !== undefined) options.compression = compression;
  const insecureHttp = envBoolean(env, 'OPENSEARCH_ALLOW_INSECURE_HTTP');
  if (insecureHttp !== undefined) options.allowInsecureHttp = insecureHttp;
  return options;
}
