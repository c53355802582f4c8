/** The SigV4 strategy over a credential cache, shared by the iam and cognito modes. */
import type { SecretSet } from '../../errors/secrets.js';
import type { AwsCredentialIdentity } from '../aws-credentials.js';
import type { CredentialCache } from '../credentials.js';
import { cachedStrategy, type AuthStrategy } from '../strategy.js';
import type { SigV4Scope } from './scope.js';
import { loadSigner, signRequest } from './sign.js';
import { SigningClock } from './signing-clock.js';
import { opt, setOwn } from '../../errors/own.js';

/** Lifecycle settings shared by the SigV4 strategies. */
export interface CredentialTimings {
  /** Refresh this long before expiry (default refreshBufferFor(30 s)). */
  refreshBufferMs?: number;
  /** Provider timeout (default 30 s). */
  timeoutMs?: number;
  /** TTL of credentials without an expiry (default 15 min). */
  ttlMs?: number;
  /** The client's secrets: every secret key and session token fetched is added. */
  secrets?: SecretSet;
}

/** A SigV4 strategy over a credential cache (shared by iam and cognito); `close` releases what its provider holds open. */
export function sigv4Strategy(mode: 'iam' | 'cognito', cache: CredentialCache<AwsCredentialIdentity>, scope: SigV4Scope, close?: () => void): AuthStrategy {
  const clock = new SigningClock();
  // Each authorizer holds one credentials object: a concurrent refresh can never mix keys into a signature.
  const strategy = cachedStrategy(mode, true, cache,
    (view) => {
      const { value: credentials, generation } = view;
      const expiresAt = opt(view, 'expiresAt');
      return { generation, ...(expiresAt !== undefined ? { expiresAt } : {}), sign: (request) => signRequest(request, credentials, scope, clock.signingDate()) };
    },
    async (usedGeneration, options) => { await cache.forceRefresh(usedGeneration, options); },
    loadSigner,
    close);
  // own properties (setOwn): a setter a polluted Object.prototype holds for these names never receives them
  setOwn(strategy, 'correctClock', (serverMs: number | undefined, signedVersion?: number) => clock.correct(serverMs, signedVersion));
  setOwn(strategy, 'clockVersion', () => clock.version);
  setOwn(strategy, 'clockOffsetMs', () => clock.offsetMs);
  return strategy;
}
