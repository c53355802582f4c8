/** IAM mode: AWS credentials (static, a provider, or the Node default chain) and SigV4 on every attempt (the spec: iam-mode.ts). */
import { markClosed } from '../client/client-closed.js';
import { CredentialsError } from '../errors/classes.js';
import {
  checkAwsCredentials,
  loadReleasableDefaultChain,
  type AwsCredentialIdentity,
  type AwsCredentialIdentityProvider,
  type ReleasableChain,
} from './aws-credentials.js';
import { CredentialCache, DEFAULT_PROVIDER_TIMEOUT_MS, type ProviderCallOptions } from './credentials.js';
import { refreshBufferFor } from './refresh-buffer.js';
import type { AuthModeFactory } from './mode.js';
import type { AwsService, SigV4Scope } from './sigv4/scope.js';
import { sigv4Strategy, type CredentialTimings } from './sigv4/strategy.js';
import type { AuthStrategy } from './strategy.js';
import { opt } from '../errors/own.js';

/** IAM auth: every request signed with SigV4 (aws4). */
export interface IamAuthOptions {
  mode: 'iam';
  /** Signing region; default: the region in a `*.<region>.es|aoss.amazonaws.com` host, then AWS_REGION, then AWS_DEFAULT_REGION. */
  region?: string | undefined;
  /** Default: `aoss` for `*.aoss.amazonaws.com` hosts, else `es`. */
  service?: AwsService | undefined;
  /** Static credentials or a provider; default: the Node default chain (@aws-sdk/credential-provider-node, loaded lazily). */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider | undefined;
  /** Host to sign and send as `Host` when the node URL is a tunnel / VPC endpoint (e.g. `search-x.us-east-1.es.amazonaws.com`). */
  signingHost?: string | undefined;
}

/** Options of createIamStrategy. */
export interface IamStrategyOptions extends CredentialTimings {
  scope: SigV4Scope;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Loads the default chain (tests replace it); default: lazy import of @aws-sdk/credential-provider-node. */
  loadDefaultChain?: () => Promise<AwsCredentialIdentityProvider>;
}

/** IAM strategy: the credential source is cached, refreshed before expiry, one provider call at a time. */
export function createIamStrategy(options: IamStrategyOptions): AuthStrategy {
  const given = options.credentials;
  const { secrets } = options;
  let source: string;
  let provider: (options: ProviderCallOptions) => Promise<AwsCredentialIdentity>;
  /** Only for the default chain we build: a caller's provider or static credentials are never touched. */
  let close: (() => void) | undefined;
  if (typeof given === 'function') {
    source = 'aws:credentials-provider';
    provider = async (o) => checkAwsCredentials(await given(o), source, secrets);
  } else if (given !== undefined) {
    source = 'aws:static-credentials';
    provider = async () => checkAwsCredentials(given, source, secrets);
  } else {
    source = 'aws:default-chain';
    const given = opt(options, 'loadDefaultChain');
    const load: () => Promise<ReleasableChain> = given !== undefined ? async () => ({ provider: await given() }) : loadReleasableDefaultChain;
    let chain: Promise<ReleasableChain> | undefined;
    // close() (the chain is ours): its sockets are released, now and after a chain call under way ends (the SDK's
    // provider takes no signal); from then on no chain call starts, so nothing opens them again
    let closed = false;
    const release = (): void => {
      chain?.then((c) => {
        try {
          c.release?.();
        } catch {
          // close() settles whatever destroy() does
        }
      }, () => undefined);
    };
    provider = async (o) => {
      if (closed) throw markClosed(new CredentialsError(source, `opensearch-fgac: client.close() was called: credential source ${source} is not asked again`));
      chain ??= load().catch((error: unknown) => {
        chain = undefined;
        throw error;
      });
      try {
        return checkAwsCredentials(await (await chain).provider(o), source, secrets);
      } finally {
        if (closed) release();
      }
    };
    close = (): void => {
      if (closed) return;
      closed = true;
      release();
    };
  }
  const cache = new CredentialCache<AwsCredentialIdentity>({
    source,
    provider,
    expirationOf: (c) => opt(c, 'expiration'),
    refreshBufferMs: opt(options, 'refreshBufferMs') ?? refreshBufferFor(30_000),
    timeoutMs: opt(options, 'timeoutMs') ?? DEFAULT_PROVIDER_TIMEOUT_MS,
    ...(opt(options, 'ttlMs') !== undefined ? { ttlMs: options.ttlMs } : {}),
    ...(secrets !== undefined ? { secrets } : {}),
  });
  return sigv4Strategy('iam', cache, options.scope, close);
}

/** The iam mode's factory (SigV4 and the credential cache: bundled only where the mode is included). */
export const iamFactory: AuthModeFactory<IamAuthOptions> = (auth, { signing }, { requestTimeoutMs, refreshBufferMs, secrets }) => {
  if (signing === undefined) throw new Error('unreachable: iam without a signing scope');
  return createIamStrategy({ scope: signing, ...(auth.credentials !== undefined ? { credentials: auth.credentials } : {}), refreshBufferMs, timeoutMs: requestTimeoutMs, secrets });
};
