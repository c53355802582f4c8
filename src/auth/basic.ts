/** Basic auth: `Authorization: Basic ...` from a username and a password or password provider. */
import type { BasicAuthOptions } from '../config.js';
import { CredentialsError } from '../errors/classes.js';
import { CredentialCache, DEFAULT_PROVIDER_TIMEOUT_MS } from './credentials.js';
import { cachedStrategy, type AuthStrategy } from './strategy.js';

/** The header value for a user and password. */
export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/** Basic strategy; a password provider is called once (single flight, with a timeout) and cached. */
export function createBasicStrategy(auth: Pick<BasicAuthOptions, 'username' | 'password'>, options: { timeoutMs?: number } = {}): AuthStrategy {
  const { username, password } = auth;
  const source = 'basic:password';
  const cache = new CredentialCache<string>({
    source,
    provider: async () => {
      const value = typeof password === 'function' ? await password() : password;
      if (typeof value !== 'string' || value === '') throw new CredentialsError(source, 'the basic auth password provider returned no password');
      return basicAuthorization(username, value);
    },
    ttlMs: Number.POSITIVE_INFINITY,
    timeoutMs: options.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS,
  });
  return cachedStrategy('basic', false, cache, ({ value, generation }) => ({ generation, sign: () => ({ headers: { authorization: value } }) }));
}
