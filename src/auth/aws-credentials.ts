/** AWS credentials: their types, the check of what a provider returned, and the Node default chain (loaded lazily). */
import { fail, isPlainObject, requireString, typeName } from '../client/options-check.js';
import { CredentialsError } from '../errors/classes.js';
import { loadOptionalSdk } from './lazy-sdk.js';

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

const ACCESS_KEY_ID = /^[A-Za-z0-9]{1,128}$/;

/** A character Node refuses in a header value (the access key id and session token travel in headers). */
const NOT_IN_HEADER = /[^\t\x20-\x7e\x80-\xff]/;

/** Checks static credentials or a provider given in `auth.credentials` (ConfigError naming the field). */
export function checkCredentialsOption(value: unknown): void {
  if (value === undefined || typeof value === 'function') return;
  if (!isPlainObject(value)) fail('auth.credentials', `must be { accessKeyId, secretAccessKey, sessionToken? } or an async provider, got ${typeName(value)}`);
  for (const key of Object.keys(value)) {
    // `$`-keys are the AWS SDK's metadata on credentials it resolved (`$source`): not fields, ignored
    if (key.startsWith('$') || value[key] === undefined) continue;
    if (!['accessKeyId', 'secretAccessKey', 'sessionToken', 'expiration', 'credentialScope', 'accountId'].includes(key)) {
      fail(`auth.credentials.${/^\w{1,40}$/.test(key) ? key : '?'}`, 'is not a credentials field; accepted: accessKeyId, secretAccessKey, sessionToken, expiration');
    }
  }
  const id = requireString('auth.credentials.accessKeyId', value.accessKeyId, 'the AWS access key id');
  if (!ACCESS_KEY_ID.test(id)) fail('auth.credentials.accessKeyId', 'must be letters and digits only, like "AKIA..." or "ASIA..."');
  requireString('auth.credentials.secretAccessKey', value.secretAccessKey, 'the AWS secret access key', { secret: true });
  if (value.sessionToken !== undefined) {
    const token = requireString('auth.credentials.sessionToken', value.sessionToken, 'the session token of temporary credentials', { secret: true });
    if (NOT_IN_HEADER.test(token)) fail('auth.credentials.sessionToken', 'holds a character an HTTP header cannot carry (a typographic quote pasted with it?)');
  }
  const exp = value.expiration;
  if (exp !== undefined && !(exp instanceof Date && !Number.isNaN(exp.getTime()))) fail('auth.credentials.expiration', 'must be a valid Date');
  if (exp instanceof Date && exp.getTime() <= Date.now()) fail('auth.credentials.expiration', `the static credentials expired at ${exp.toISOString()}`);
}

/** Checks what a provider returned and returns a frozen copy of its four fields; never echoes secret values. */
export function checkAwsCredentials(value: unknown, source: string): AwsCredentialIdentity {
  const c = value as Partial<AwsCredentialIdentity> | null | undefined;
  if (typeof c !== 'object' || c === null || typeof c.accessKeyId !== 'string' || c.accessKeyId === '' || typeof c.secretAccessKey !== 'string' || c.secretAccessKey === '') {
    throw new CredentialsError(source, `credential source ${source} returned no accessKeyId/secretAccessKey`);
  }
  if (/[\r\n\0]/.test(c.accessKeyId + c.secretAccessKey + (c.sessionToken ?? '')) || NOT_IN_HEADER.test(c.accessKeyId + (c.sessionToken ?? ''))) {
    throw new CredentialsError(source, `credential source ${source} returned credentials containing a line break or another character an HTTP header cannot carry`);
  }
  if (c.sessionToken !== undefined && typeof c.sessionToken !== 'string') {
    throw new CredentialsError(source, `credential source ${source} returned a sessionToken that is not a string`);
  }
  if (c.expiration !== undefined && !(c.expiration instanceof Date && !Number.isNaN(c.expiration.getTime()))) {
    throw new CredentialsError(source, `credential source ${source} returned an expiration that is not a valid Date`);
  }
  // A copy per answer: a provider that refreshes one object in place must not be signed for with a
  // key derived from the secret that object held before (the signing key is cached per credentials object).
  return Object.freeze({
    accessKeyId: c.accessKeyId,
    secretAccessKey: c.secretAccessKey,
    ...(c.sessionToken !== undefined ? { sessionToken: c.sessionToken } : {}),
    ...(c.expiration !== undefined ? { expiration: c.expiration } : {}),
  });
}

/** Lazily imports @aws-sdk/credential-provider-node and builds its default provider (memoised by the SDK). */
export async function loadNodeDefaultChain(): Promise<AwsCredentialIdentityProvider> {
  const { defaultProvider } = await loadOptionalSdk<typeof import('@aws-sdk/credential-provider-node')>('@aws-sdk/credential-provider-node', 'aws:default-chain');
  const provider = defaultProvider();
  return async (options) => provider(options);
}
