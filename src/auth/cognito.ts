/**
 * Cognito mode's spec: options, validation, environment variables. The sign-in flow and its
 * factory are in cognito-sign-in.ts, which this file does not import (a bundle without the mode
 * carries the spec only).
 */
import { createHmac } from 'node:crypto';
import type { EnvReader } from '../client/from-env-read.js';
import { envFail, readVariable } from '../client/from-env-read.js';
import { fail, isOptionsObject, optionalRegion, optionalString, preview, refuseClearText, REGION_SHAPE, requireHttpUrl, requireString, refuseUnknownKeys, typeName } from '../client/options-check.js';
import type { AuthModeDefinition, EnvContext, ModeResolution } from './mode.js';
import { hostRegion, readEnvRegions, resolveScope, SIGNED_REQUESTS, type AwsService } from './sigv4/scope.js';
import { field, hasField } from '../errors/own.js';
import { authSecrets, SECRET_AUTH_KEYS } from './secret-keys.js';

/** What a Cognito sign-in needs: the user pool, its app client, the user and the identity pool. */
export interface CognitoSignInOptions {
  /** Region of the user pool (and, unless the node host names one, of the signature). */
  region: string;
  userPoolId: string;
  clientId: string;
  /** Set when the app client has a secret: SECRET_HASH is then sent. */
  clientSecret?: string | undefined;
  identityPoolId: string;
  username: string;
  /** USER_PASSWORD_AUTH; one of password, idToken or refreshToken is required. */
  password?: string | undefined;
  /** An id token obtained elsewhere (used until it expires, then refreshToken/password if given). */
  idToken?: string | undefined;
  /** REFRESH_TOKEN_AUTH token. */
  refreshToken?: string | undefined;
  /** Role to request from the identity pool (CustomRoleArn). */
  customRoleArn?: string | undefined;
  /** Endpoint overrides, e.g. a local moto server. */
  endpoints?: { cognitoIdp?: string; cognitoIdentity?: string } | undefined;
}

/** base64(HMAC-SHA256(key = client secret, message = username + clientId)). */
export function secretHash(username: string, clientId: string, clientSecret: string): string {
  return createHmac('sha256', clientSecret).update(username + clientId, 'utf8').digest('base64');
}

/**
 * What cognito's validation hands its factory besides the signing scope: `allowInsecureHttp` as given, for the check
 * of every Cognito request (checkResolvedEndpoint). Travels in the resolution (an absent one reads as false: refused).
 */
export interface CognitoResolution extends ModeResolution {
  readonly allowInsecureHttp: boolean;
}

/** Cognito user pool sign-in -> identity pool credentials -> SigV4. */
export interface CognitoAuthOptions extends CognitoSignInOptions {
  mode: 'cognito';
  /** SigV4 service of the domain (default detected from the host). */
  service?: AwsService | undefined;
  /** Host to sign when the node URL is a tunnel / VPC endpoint. */
  signingHost?: string | undefined;
}

// pool ids start with their region, in the one region shape auth.region is checked with (`eusc-de-east-1_AbC123`)
const POOL_PREFIX = new RegExp(`^${REGION_SHAPE}`);
const USER_POOL_ID = new RegExp(`^${REGION_SHAPE}_[A-Za-z0-9]{1,60}$`);
const IDENTITY_POOL_ID = new RegExp(`^${REGION_SHAPE}:[0-9A-Za-z-]{1,80}$`);
const CLIENT_ID = /^[A-Za-z0-9+]{1,128}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{0,12}:role\/[\w+=,.@/-]{1,512}$/;

function checkSignIn(auth: Record<string, unknown>, env: NodeJS.ProcessEnv, allowInsecureHttp: boolean): void {
  const region = optionalRegion('auth.region', requireString('auth.region', auth.region, 'the user pool region, e.g. "us-east-1"'));
  const userPoolId = requireString('auth.userPoolId', auth.userPoolId, 'e.g. "us-east-1_AbCdEf123"');
  const clientId = requireString('auth.clientId', auth.clientId, 'the user pool app client id');
  const identityPoolId = requireString('auth.identityPoolId', auth.identityPoolId, 'e.g. "us-east-1:1234abcd-..."; Cognito auth needs an identity pool to turn the sign-in into AWS credentials');
  requireString('auth.username', auth.username, 'the user pool user name');
  if (!USER_POOL_ID.test(userPoolId) || !POOL_PREFIX.test(userPoolId)) fail('auth.userPoolId', `${preview(userPoolId)} does not look like "<region>_<id>"`);
  if (!IDENTITY_POOL_ID.test(identityPoolId)) fail('auth.identityPoolId', `${preview(identityPoolId)} does not look like "<region>:<uuid>"`);
  // a user pool lives in the region its id names; the identity pool may be in another (AWS supports that federation)
  const poolRegion = POOL_PREFIX.exec(userPoolId)?.[0];
  if (poolRegion !== undefined && poolRegion !== region) {
    fail('auth.userPoolId', `names the region "${poolRegion}" but auth.region (the user pool's region) is "${region ?? ''}": set auth.region to "${poolRegion}" (for a domain in another region behind a host that names none, set auth.signingHost to the domain's own host name)`);
  }
  if (!CLIENT_ID.test(clientId)) fail('auth.clientId', 'must be the app client id (letters and digits)');
  for (const key of ['password', 'idToken', 'refreshToken', 'clientSecret'] as const) {
    optionalString(`auth.${key}`, auth[key], 'a non-empty string when given', { secret: true });
  }
  if (auth.password === undefined && auth.idToken === undefined && auth.refreshToken === undefined) {
    fail('auth.password', 'Cognito auth needs one of password, idToken or refreshToken');
  }
  const role = optionalString('auth.customRoleArn', auth.customRoleArn, 'an IAM role ARN');
  if (role !== undefined && !ROLE_ARN.test(role)) fail('auth.customRoleArn', 'must be an IAM role ARN such as "arn:aws:iam::123456789012:role/Name"');
  // none given: no key read through Object.prototype (a polluted one is no endpoint)
  const endpoints = auth.endpoints === undefined ? (Object.create(null) as Record<string, unknown>) : auth.endpoints;
  if (!isOptionsObject(endpoints)) fail('auth.endpoints', `must be { cognitoIdp?, cognitoIdentity? }, got ${typeName(endpoints)}`);
  refuseUnknownKeys('auth.endpoints', endpoints, ['cognitoIdp', 'cognitoIdentity'], 'of auth.endpoints');
  for (const key of ['cognitoIdp', 'cognitoIdentity'] as const) {
    if (endpoints[key] === undefined) {
      checkConfiguredEndpoint(key, env, allowInsecureHttp);
      continue;
    }
    const url = requireHttpUrl(`auth.endpoints.${key}`, endpoints[key], '"https://host[:port]"');
    if (url.username !== '' || url.password !== '') fail(`auth.endpoints.${key}`, 'must not carry user:password');
    refuseClearText(`auth.endpoints.${key}`, url, CARRIES[key], allowInsecureHttp);
  }
}

/** What each Cognito endpoint is sent (and answers): named when it would travel in clear text. */
const CARRIES = {
  cognitoIdp: 'the Cognito sign-in (password, refresh token, SECRET_HASH) and the tokens it answers',
  cognitoIdentity: 'the Cognito id token and the AWS credentials it answers',
} as const;

/** The AWS SDK's own endpoint variables for each Cognito client (the service's, then the general one). */
const CONFIGURED_ENDPOINTS = {
  cognitoIdp: ['AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER', 'AWS_ENDPOINT_URL'],
  cognitoIdentity: ['AWS_ENDPOINT_URL_COGNITO_IDENTITY', 'AWS_ENDPOINT_URL'],
} as const;

/** The AWS_ENDPOINT_URL_* variable the AWS SDK's `key` client takes its endpoint from (none under AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true). */
function configuredVariable(key: keyof typeof CONFIGURED_ENDPOINTS, env: NodeJS.ProcessEnv): string | undefined {
  if (readVariable(env, 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS') === 'true') return undefined;
  return CONFIGURED_ENDPOINTS[key].find((n) => {
    const v = readVariable(env, n);
    return typeof v === 'string' && v !== '';
  });
}

/** What travels, and why to that endpoint: auth.endpoints.<key> is not set, so the AWS SDK uses `source`. */
function viaSdk(key: keyof typeof CONFIGURED_ENDPOINTS, source: string): string {
  return `${CARRIES[key]} (auth.endpoints.${key} is not set, so the AWS SDK uses ${source})`;
}

/**
 * Without auth.endpoints.<key>, the AWS SDK's Cognito client goes where the environment's AWS_ENDPOINT_URL_* says
 * (unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true): an http:// one to a remote host is refused as the option is.
 * Checked at createClient (early); checkResolvedEndpoint checks every request the SDK sends, whatever its source.
 */
function checkConfiguredEndpoint(key: keyof typeof CONFIGURED_ENDPOINTS, env: NodeJS.ProcessEnv, allowInsecureHttp: boolean): void {
  if (allowInsecureHttp) return;
  const name = configuredVariable(key, env);
  if (name === undefined) return;
  let url: URL;
  try {
    url = new URL(String(readVariable(env, name)));
  } catch {
    return; // the SDK refuses it itself, before anything is sent
  }
  refuseClearText(name, url, viaSdk(key, name), false);
}

/** The variable fromEnv reads each Cognito endpoint from (passed to the AWS SDK as auth.endpoints.<key>). */
const ENDPOINT_VARIABLES = { cognitoIdp: 'COGNITO_IDP_ENDPOINT', cognitoIdentity: 'COGNITO_IDENTITY_ENDPOINT' } as const;

/**
 * fromEnv(env) with an environment other than process.env: the AWS SDK reads its AWS_ENDPOINT_URL_* variables (and
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS) from process.env only, whatever fromEnv was given, so a Cognito endpoint the
 * two name differently (one set, the other not, or other URLs) is refused naming the variable: fromEnv passed what
 * createClient would then send elsewhere (or refuse, for an http:// one). No refusal where auth.endpoints.<key> is set
 * (the SDK uses it over any variable) or where both environments name the same endpoint (`{ ...process.env, X: 1 }`).
 */
export function refuseEndpointsTheSdkWouldNotRead(auth: { endpoints?: CognitoSignInOptions['endpoints'] }, env: NodeJS.ProcessEnv, sdkEnv: NodeJS.ProcessEnv = process.env): void {
  const endpoints = field(auth, 'endpoints');
  for (const key of ['cognitoIdp', 'cognitoIdentity'] as const) {
    if (typeof endpoints === 'object' && endpoints !== null && field(endpoints, key) !== undefined) continue;
    const given = configuredVariable(key, env);
    const read = configuredVariable(key, sdkEnv);
    const givenValue = given === undefined ? undefined : readVariable(env, given);
    const readValue = read === undefined ? undefined : readVariable(sdkEnv, read);
    if (givenValue === readValue) continue;
    const fix = `set ${ENDPOINT_VARIABLES[key]} in the environment given to fromEnv (passed to the SDK, over any AWS_ENDPOINT_URL*)`;
    if (given !== undefined) {
      envFail(given, `is set in the environment given to fromEnv, but the AWS SDK reads its endpoint variables from process.env only, where ${read === undefined ? 'no endpoint is set' : `${read} names another endpoint`}: ${CARRIES[key]} would not go there; ${fix}, or set it in process.env`);
    }
    envFail(read as string, `is set in process.env, which the AWS SDK reads whatever environment fromEnv was given (that one sets no AWS_ENDPOINT_URL* for this client): ${CARRIES[key]} would go to the endpoint it names; ${fix}, or unset it`);
  }
}

/**
 * The endpoint the AWS SDK's `key` client resolved, checked before each request it sends (nothing is sent when it is
 * refused): http:// to a host that is not loopback is refused as auth.endpoints.<key> is, unless allowInsecureHttp,
 * whichever source the SDK took it from: auth.endpoints.<key> (`given`), an AWS_ENDPOINT_URL_* variable, or
 * `endpoint_url` in the AWS shared config file (a profile's own, or its `services` section's).
 */
export function checkResolvedEndpoint(key: keyof typeof CONFIGURED_ENDPOINTS, url: URL, given: boolean, allowInsecureHttp: boolean, env: NodeJS.ProcessEnv = process.env): void {
  if (given) {
    refuseClearText(`auth.endpoints.${key}`, url, CARRIES[key], allowInsecureHttp);
    return;
  }
  const name = configuredVariable(key, env);
  const source = name ?? 'the endpoint_url of the AWS shared config file (AWS_CONFIG_FILE, else ~/.aws/config)';
  refuseClearText(name ?? 'endpoint_url', url, viaSdk(key, source), allowInsecureHttp);
}

/**
 * OPENSEARCH_REGION (the domain's region) in cognito mode, where no option carries it: the
 * signature's region is the host's, else the user pool's, so it must match the one that applies.
 */
function checkDomainRegion(domain: string | undefined, fromHost: string | undefined, poolRegion: string, viaSigningHost: boolean): void {
  if (domain === undefined) return;
  if (fromHost !== undefined && fromHost !== domain) {
    envFail('OPENSEARCH_REGION', `"${domain}" does not match the region "${fromHost}" of the ${viaSigningHost ? 'OPENSEARCH_SIGNING_HOST' : 'OPENSEARCH_URL'} host; signatures would be rejected`);
  }
  if (fromHost === undefined && domain !== poolRegion) {
    envFail('OPENSEARCH_REGION', `"${domain}" differs from the user pool region "${poolRegion}", which cognito mode signs for when the host names no region; set OPENSEARCH_SIGNING_HOST to the domain's own host name (which names its region)`);
  }
}

/** The cognito mode's spec: options, validation, environment variables. */
export const cognitoMode: AuthModeDefinition<CognitoAuthOptions> = {
  mode: 'cognito',
  description: 'Cognito user pool sign-in, identity pool credentials, SigV4',
  carries: SIGNED_REQUESTS,
  keys: ['mode', 'region', 'userPoolId', 'clientId', 'clientSecret', 'identityPoolId', 'username', 'password', 'idToken', 'refreshToken', 'customRoleArn', 'endpoints', 'service', 'signingHost'],
  validate(auth, { nodes, env, allowInsecureHttp }) {
    const given = auth as unknown as Record<string, unknown>;
    if (hasField(given, 'credentials')) fail('auth.credentials', 'Cognito auth gets its AWS credentials from the identity pool; use mode "iam" to give credentials');
    checkSignIn(given, env, allowInsecureHttp);
    const resolution: CognitoResolution = { signing: resolveScope({ fallbackRegion: auth.region, service: given.service, signingHost: given.signingHost }, nodes, env), allowInsecureHttp };
    return resolution;
  },
  env: [
    { name: 'COGNITO_REGION', option: 'auth.region' },
    { name: 'COGNITO_USER_POOL_ID', option: 'auth.userPoolId' },
    { name: 'COGNITO_CLIENT_ID', option: 'auth.clientId' },
    { name: 'COGNITO_CLIENT_SECRET', option: 'auth.clientSecret' },
    { name: 'COGNITO_IDENTITY_POOL_ID', option: 'auth.identityPoolId' },
    { name: 'COGNITO_USERNAME', option: 'auth.username' },
    { name: 'COGNITO_PASSWORD', option: 'auth.password' },
    { name: 'COGNITO_ID_TOKEN', option: 'auth.idToken' },
    { name: 'COGNITO_REFRESH_TOKEN', option: 'auth.refreshToken' },
    { name: 'COGNITO_CUSTOM_ROLE_ARN', option: 'auth.customRoleArn' },
    { name: ENDPOINT_VARIABLES.cognitoIdp, option: 'auth.endpoints.cognitoIdp' },
    { name: ENDPOINT_VARIABLES.cognitoIdentity, option: 'auth.endpoints.cognitoIdentity' },
    { name: 'OPENSEARCH_SERVICE', option: 'auth.service' },
    { name: 'OPENSEARCH_SIGNING_HOST', option: 'auth.signingHost' },
    // the domain's region: no cognito option carries it (auth.region is the pool's); checked against the signature's region
    { name: 'OPENSEARCH_REGION', option: 'auth.region' },
  ],
  fromEnv(read: EnvReader, { nodes }: EnvContext) {
    const { domain, environment } = readEnvRegions(read);
    // the user pool's region; the signature's is the host's, and only when the host names none this one (never AWS_REGION over the host)
    const explicit = read.region('COGNITO_REGION');
    if (explicit === undefined && environment === undefined) envFail('COGNITO_REGION', 'is not set (nor AWS_REGION): the user pool region');
    const userPoolId = read.required('COGNITO_USER_POOL_ID', 'e.g. us-east-1_AbCdEf123');
    // AWS_REGION (the environment's own region, a Lambda's) is a fallback: never over the region the pool's id names
    const region = explicit ?? POOL_PREFIX.exec(userPoolId)?.[0] ?? (environment as string);
    const secret = { secret: true };
    const password = read.string('COGNITO_PASSWORD', secret);
    const idToken = read.string('COGNITO_ID_TOKEN', secret);
    const refreshToken = read.string('COGNITO_REFRESH_TOKEN', secret);
    const clientSecret = read.string('COGNITO_CLIENT_SECRET', secret);
    const clientId = read.required('COGNITO_CLIENT_ID', 'the user pool app client id');
    const identityPoolId = read.required('COGNITO_IDENTITY_POOL_ID', 'e.g. us-east-1:1234abcd-...');
    const username = read.required('COGNITO_USERNAME', 'the user pool user');
    if (password === undefined && idToken === undefined && refreshToken === undefined) {
      envFail('COGNITO_PASSWORD', 'is not set (nor COGNITO_ID_TOKEN / COGNITO_REFRESH_TOKEN)');
    }
    const customRoleArn = read.string('COGNITO_CUSTOM_ROLE_ARN');
    const idp = read.url(ENDPOINT_VARIABLES.cognitoIdp);
    const identity = read.url(ENDPOINT_VARIABLES.cognitoIdentity);
    const service = read.oneOf<AwsService>('OPENSEARCH_SERVICE', ['es', 'aoss']);
    const signingHost = read.string('OPENSEARCH_SIGNING_HOST');
    checkDomainRegion(domain, hostRegion(nodes, signingHost), region, signingHost !== undefined);
    return {
      mode: 'cognito',
      region,
      userPoolId,
      clientId,
      identityPoolId,
      username,
      ...(password !== undefined ? { password } : {}),
      ...(idToken !== undefined ? { idToken } : {}),
      ...(refreshToken !== undefined ? { refreshToken } : {}),
      ...(clientSecret !== undefined ? { clientSecret } : {}),
      ...(customRoleArn !== undefined ? { customRoleArn } : {}),
      ...(idp !== undefined || identity !== undefined
        ? { endpoints: { ...(idp !== undefined ? { cognitoIdp: idp } : {}), ...(identity !== undefined ? { cognitoIdentity: identity } : {}) } }
        : {}),
      ...(service !== undefined ? { service } : {}),
      ...(signingHost !== undefined ? { signingHost } : {}),
    };
  },
  secrets: (auth) => authSecrets(auth, SECRET_AUTH_KEYS.cognito),
};

