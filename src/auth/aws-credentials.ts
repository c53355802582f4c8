/** AWS credentials: their types, the check of what a provider returned, and the Node default chain (loaded lazily). */
import { fail, isOptionsObject, requireString, typeName } from '../client/options-check.js';
import { CredentialsError } from '../errors/classes.js';
import type { SecretSet } from '../errors/secrets.js';
import { dateTime } from './date-time.js';
import { loadOptionalSdk, loadSdkInternal } from './lazy-sdk.js';

/** AWS credentials (structurally an AWS SDK v3 `AwsCredentialIdentity`). */
export interface AwsCredentialIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
  /** When the credentials stop working; absent = refreshed on a TTL (15 min). */
  expiration?: Date | undefined;
}

/**
 * An async source of AWS credentials (structurally an AWS SDK v3 `AwsCredentialIdentityProvider`). It is
 * called with `{ forceRefresh: true }` after the server refused its credentials as expired: a memoising
 * source must then fetch anew (the SDK's own providers do); a provider that ignores the argument fits too.
 */
export type AwsCredentialIdentityProvider = (options?: { forceRefresh?: boolean }) => Promise<AwsCredentialIdentity>;

/** IAM's AccessKeyId is `[\w]+` (letters, digits, `_`), up to 128 characters; nothing else can change what the Credential field says. */
const ACCESS_KEY_ID = /^\w{1,128}$/;

/** A character Node refuses in a header value (the access key id and session token travel in headers). */
const NOT_IN_HEADER = /[^\t\x20-\x7e\x80-\xff]/;

/** Checks static credentials or a provider given in `auth.credentials` (ConfigError naming the field). */
export function checkCredentialsOption(value: unknown): void {
  if (value === undefined || typeof value === 'function') return;
  if (!isOptionsObject(value)) fail('auth.credentials', `must be { accessKeyId, secretAccessKey, sessionToken? } or an async provider, got ${typeName(value)}`);
  for (const key of Object.keys(value)) {
    // `$`-keys are the AWS SDK's metadata on credentials it resolved (`$source`): not fields, ignored
    if (key.startsWith('$') || value[key] === undefined) continue;
    if (!['accessKeyId', 'secretAccessKey', 'sessionToken', 'expiration', 'credentialScope', 'accountId'].includes(key)) {
      fail(`auth.credentials.${/^\w{1,40}$/.test(key) ? key : '?'}`, 'is not a credentials field; accepted: accessKeyId, secretAccessKey, sessionToken, expiration');
    }
  }
  const id = requireString('auth.credentials.accessKeyId', value.accessKeyId, 'the AWS access key id');
  if (!ACCESS_KEY_ID.test(id)) fail('auth.credentials.accessKeyId', 'must be 1 to 128 letters, digits or underscores, like "AKIA..." or "ASIA..."');
  requireString('auth.credentials.secretAccessKey', value.secretAccessKey, 'the AWS secret access key', { secret: true });
  if (value.sessionToken !== undefined) {
    const token = requireString('auth.credentials.sessionToken', value.sessionToken, 'the session token of temporary credentials', { secret: true });
    if (NOT_IN_HEADER.test(token)) fail('auth.credentials.sessionToken', 'holds a character an HTTP header cannot carry (a typographic quote pasted with it?)');
  }
  const exp = value.expiration === undefined ? undefined : dateTime(value.expiration);
  if (value.expiration !== undefined && (exp === undefined || Number.isNaN(exp))) fail('auth.credentials.expiration', 'must be a valid Date');
  if (exp !== undefined && exp <= Date.now()) fail('auth.credentials.expiration', `the static credentials expired at ${new Date(exp).toISOString()}`);
}

/** The fields of an answer, each read once (a getter or Proxy cannot pass the checks with one value and be signed with another). */
interface ReadAnswer {
  accessKeyId: unknown;
  secretAccessKey: unknown;
  sessionToken: unknown;
  expiration: unknown;
}

const FIELDS = ['accessKeyId', 'secretAccessKey', 'sessionToken', 'expiration'] as const;

/** Reads each field once; a field whose getter or Proxy trap throws is named, without what it threw. */
function readAnswer(value: unknown, source: string): ReadAnswer {
  if (typeof value !== 'object' || value === null) throw new CredentialsError(source, `credential source ${source} returned ${typeName(value)} instead of { accessKeyId, secretAccessKey, sessionToken?, expiration? }`);
  // null prototype: the fields read are set on the copy, never through a setter a polluted Object.prototype holds
  const read = Object.create(null) as Partial<ReadAnswer>;
  for (const field of FIELDS) {
    try {
      read[field] = (value as Record<string, unknown>)[field];
    } catch {
      throw new CredentialsError(source, `credential source ${source} returned credentials whose ${field} could not be read (a getter or Proxy threw)`);
    }
  }
  return read as ReadAnswer;
}

/**
 * Checks what a source returned and returns a frozen copy of its four fields, each read once; never
 * echoes secret values. The secret key and session token given as strings are added to `secrets` before
 * anything is checked, so an answer that is refused is still redacted wherever it shows up later.
 */
export function checkAwsCredentials(value: unknown, source: string, secrets?: SecretSet): AwsCredentialIdentity {
  const c = readAnswer(value, source);
  for (const secret of [c.secretAccessKey, c.sessionToken]) if (typeof secret === 'string') secrets?.add(secret, { rotating: true });
  const refuse = (what: string): never => {
    throw new CredentialsError(source, `credential source ${source} returned ${what}`);
  };
  if (typeof c.accessKeyId !== 'string' || c.accessKeyId === '' || typeof c.secretAccessKey !== 'string' || c.secretAccessKey === '') refuse('no accessKeyId/secretAccessKey');
  const accessKeyId = c.accessKeyId as string;
  const secretAccessKey = c.secretAccessKey as string;
  // the key id goes into the Authorization header's Credential field: anything else would change what it says
  if (!ACCESS_KEY_ID.test(accessKeyId)) refuse('an accessKeyId that is not 1 to 128 letters, digits or underscores');
  if (/[\r\n\0]/.test(secretAccessKey)) refuse('a secretAccessKey containing a line break or NUL');
  if (c.sessionToken !== undefined && typeof c.sessionToken !== 'string') refuse('a sessionToken that is not a string');
  const sessionToken = c.sessionToken as string | undefined;
  if (sessionToken !== undefined && NOT_IN_HEADER.test(sessionToken)) refuse('a sessionToken containing a line break or another character an HTTP header cannot carry');
  const time = c.expiration === undefined ? undefined : dateTime(c.expiration);
  if (c.expiration !== undefined && (time === undefined || Number.isNaN(time))) refuse('an expiration that is not a valid Date');
  // A copy per answer (its Date too): a provider that refreshes one object in place must not be signed for with a
  // key derived from the secret that object held before (the signing key is cached per credentials object).
  return Object.freeze({
    accessKeyId,
    secretAccessKey,
    ...(sessionToken !== undefined ? { sessionToken } : {}),
    ...(time !== undefined ? { expiration: new Date(time) } : {}),
  });
}

/** Lazily imports @aws-sdk/credential-provider-node and builds its default provider (memoised by the SDK). */
export async function loadNodeDefaultChain(): Promise<AwsCredentialIdentityProvider> {
  return (await loadReleasableDefaultChain()).provider;
}

/** The Node default chain and what releases the sockets its nested AWS SDK clients keep open. */
export interface ReleasableChain {
  provider: AwsCredentialIdentityProvider;
  /** Destroys the HTTP handler the chain's STS and SSO clients share (its keep-alive sockets); absent when none was given to them. */
  release?: () => void;
}

/**
 * The default chain, its STS (AssumeRole of a profile, AssumeRoleWithWebIdentity: EKS, web identity) and SSO clients
 * given one HTTP handler we own (`clientConfig.requestHandler`), so release() ends their keep-alive sockets: the SDK
 * never destroys those clients. (The IMDS and container-credentials providers close their own connections.) When
 * @smithy/node-http-handler cannot be loaded from here, the chain is built as before and holds what it holds.
 */
export async function loadReleasableDefaultChain(): Promise<ReleasableChain> {
  const { defaultProvider } = await loadOptionalSdk<typeof import('@aws-sdk/credential-provider-node')>('@aws-sdk/credential-provider-node', 'aws:default-chain');
  const handlers = (await loadSdkInternal('@smithy/node-http-handler')) as { NodeHttpHandler?: unknown } | undefined;
  const Handler = handlers?.NodeHttpHandler;
  let handler: { destroy?: unknown } | undefined;
  try {
    handler = typeof Handler === 'function' ? (new (Handler as new () => { destroy?: unknown })()) : undefined;
  } catch {
    handler = undefined;
  }
  const provider = handler !== undefined && typeof handler.destroy === 'function'
    ? defaultProvider({ clientConfig: { requestHandler: handler as never } })
    : defaultProvider();
  const destroy = handler?.destroy;
  return {
    provider: async (options) => provider(options),
    ...(handler !== undefined && typeof destroy === 'function' ? { release: () => void destroy.call(handler) } : {}),
  };
}
