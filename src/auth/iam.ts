/** IAM auth: AWS credentials (static, a provider, or the Node default chain) and SigV4 on every attempt. */
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, AuthMode } from '../config.js';
import { CredentialsError } from '../errors/classes.js';
import { CredentialCache, refreshBufferFor, DEFAULT_PROVIDER_TIMEOUT_MS } from './credentials.js';
import { signRequest, type SigV4Scope } from './sigv4.js';
import { cachedStrategy, type AuthStrategy } from './strategy.js';

/** Lifecycle settings shared by the SigV4 strategies. */
export interface CredentialTimings {
  /** Refresh this long before expiry (default refreshBufferFor(30 s)). */
  refreshBufferMs?: number;
  /** Provider timeout (default 30 s). */
  timeoutMs?: number;
  /** TTL of credentials without an expiry (default 15 min). */
  ttlMs?: number;
}

/** Options of createIamStrategy. */
export interface IamStrategyOptions extends CredentialTimings {
  scope: SigV4Scope;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Loads the default chain (tests replace it); default: lazy import of @aws-sdk/credential-provider-node. */
  loadDefaultChain?: () => Promise<AwsCredentialIdentityProvider>;
}

/** Lazily imports @aws-sdk/credential-provider-node and builds its default provider (memoised by the SDK). */
async function loadNodeDefaultChain(): Promise<AwsCredentialIdentityProvider> {
  const { defaultProvider } = await import('@aws-sdk/credential-provider-node');
  const provider = defaultProvider();
  return async () => provider();
}

/** Checks what a provider returned; never echoes secret values. */
export function checkAwsCredentials(value: unknown, source: string): AwsCredentialIdentity {
  const c = value as Partial<AwsCredentialIdentity> | null | undefined;
  if (typeof c !== 'object' || c === null || typeof c.accessKeyId !== 'string' || c.accessKeyId === '' || typeof c.secretAccessKey !== 'string' || c.secretAccessKey === '') {
    throw new CredentialsError(source, `credential source ${source} returned no accessKeyId/secretAccessKey`);
  }
  return c as AwsCredentialIdentity;
}

/** A SigV4 strategy over a credential cache (shared by iam and cognito). */
export function sigv4Strategy(mode: Extract<AuthMode, 'iam' | 'cognito'>, cache: CredentialCache<AwsCredentialIdentity>, scope: SigV4Scope): AuthStrategy {
  // Each authorizer holds one credentials object: a concurrent refresh can never mix keys into a signature.
  return cachedStrategy(mode, true, cache,
    ({ value: credentials, generation, expiresAt }) => ({ generation, ...(expiresAt !== undefined ? { expiresAt } : {}), sign: (request) => signRequest(request, credentials, scope) }),
    async (usedGeneration?: number) => { await cache.forceRefresh(usedGeneration); });
}

/** IAM strategy: the credential source is cached, refreshed before expiry, one provider call at a time. */
export function createIamStrategy(options: IamStrategyOptions): AuthStrategy {
  const given = options.credentials;
  let source: string;
  let provider: () => Promise<AwsCredentialIdentity>;
  if (typeof given === 'function') {
    source = 'aws:credentials-provider';
    provider = async () => checkAwsCredentials(await given(), source);
  } else if (given !== undefined) {
    source = 'aws:static-credentials';
    provider = async () => checkAwsCredentials(given, source);
  } else {
    source = 'aws:default-chain';
    const load = options.loadDefaultChain ?? loadNodeDefaultChain;
    let chain: Promise<AwsCredentialIdentityProvider> | undefined;
    provider = async () => {
      chain ??= load().catch((error: unknown) => {
        chain = undefined;
        throw error;
      });
      return checkAwsCredentials(await (await chain)(), source);
    };
  }
  const cache = new CredentialCache<AwsCredentialIdentity>({
    source,
    provider,
    expirationOf: (c) => c.expiration,
    refreshBufferMs: options.refreshBufferMs ?? refreshBufferFor(30_000),
    timeoutMs: options.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS,
    ...(options.ttlMs !== undefined ? { ttlMs: options.ttlMs } : {}),
  });
  return sigv4Strategy('iam', cache, options.scope);
}
