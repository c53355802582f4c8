/** Basic auth mode: `Authorization: Basic ...` from a username and a password or password provider. */
import type { EnvReader } from '../client/from-env-read.js';
import { fail, requireString, typeName } from '../client/options-check.js';
import { CredentialsError } from '../errors/classes.js';
import type { SecretSet } from '../errors/secrets.js';
import { CredentialCache, DEFAULT_PROVIDER_TIMEOUT_MS } from './credentials.js';
import type { AuthModeDefinition } from './mode.js';
import { awsHostInfo } from './sigv4/scope.js';
import { cachedStrategy, type AuthStrategy } from './strategy.js';
import { assignOwn } from '../errors/own.js';
import { authSecrets, SECRET_AUTH_KEYS } from './secret-keys.js';

/** HTTP basic auth against the security plugin's internal user database. */
export interface BasicAuthOptions {
  mode: 'basic';
  username: string;
  /** The password, or an async provider (called once, the result cached for the client's life). */
  password: string | (() => Promise<string>);
}

/** The header value for a user and password. */
export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/** Options of createBasicStrategy besides the credentials. */
export interface BasicStrategyOptions {
  /** Bound on a password provider call (default 30 s). */
  timeoutMs?: number;
  /** The client's secrets: the password and `user:password` are added. */
  secrets?: SecretSet;
}

/** Basic strategy; a password provider is called once (single flight, with a timeout) and cached. */
export function createBasicStrategy(auth: Pick<BasicAuthOptions, 'username' | 'password'>, options: BasicStrategyOptions = {}): AuthStrategy {
  const { username, password } = auth;
  const source = 'basic:password';
  const cache = new CredentialCache<string>({
    source,
    provider: async () => {
      const value = typeof password === 'function' ? await password() : password;
      if (typeof value !== 'string' || value === '') {
        throw new CredentialsError(source, `credential source ${source} (the auth.password provider) returned ${value === '' ? 'an empty string' : typeName(value)}, not a password`);
      }
      options.secrets?.add(value);
      options.secrets?.add(`${username}:${value}`);
      if (/[\r\n\0]/.test(value)) throw new CredentialsError(source, `credential source ${source} (the auth.password provider) returned a password with a line break or NUL`);
      return basicAuthorization(username, value);
    },
    ttlMs: Number.POSITIVE_INFINITY,
    timeoutMs: options.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS,
    ...(options.secrets !== undefined ? { secrets: options.secrets } : {}),
  });
  // The same header on every request: one parts object per password, nothing made per request.
  return assignOwn(cachedStrategy('basic', false, cache, ({ value, generation }) => {
    const parts = Object.freeze({ headers: Object.freeze({ authorization: value }) });
    return { generation, fixed: true, sign: () => parts };
  }), { principal: Object.freeze({ name: username }) });
}

const IAM_FIELDS = ['credentials', 'region', 'service', 'signingHost'];

/** The basic mode's spec: options, validation, environment variables (factory: basic-factory.ts). */
export const basicMode: AuthModeDefinition<BasicAuthOptions> = {
  mode: 'basic',
  description: 'HTTP basic against the internal user database',
  keys: ['mode', 'username', 'password'],
  carries: 'basic credentials',
  validate(auth, { nodes }) {
    const given = auth as unknown as Record<string, unknown>;
    if (IAM_FIELDS.some((k) => k in given)) fail('auth', 'basic auth and IAM credentials cannot both be used: a request is either signed or carries a password');
    const username = requireString('auth.username', given.username, 'the internal user name');
    if (username.includes(':')) fail('auth.username', 'HTTP basic user names cannot contain ":"');
    if (typeof given.password !== 'function') {
      if (typeof given.password !== 'string' || given.password === '') {
        fail('auth.password', `must be a non-empty string or an async function returning one, got ${typeof given.password === 'string' ? 'an empty string' : typeName(given.password)}`);
      }
      requireString('auth.password', given.password, 'the password', { secret: true });
    }
    if (nodes.some((u) => awsHostInfo(u.hostname)?.service === 'aoss')) {
      fail('auth.mode', 'OpenSearch Serverless (*.aoss.amazonaws.com, *.aoss.<region>.on.aws) accepts only SigV4: use mode "iam"');
    }
    return {};
  },
  env: [
    { name: 'OPENSEARCH_USERNAME', option: 'auth.username' },
    { name: 'OPENSEARCH_PASSWORD', option: 'auth.password' },
  ],
  fromEnv(read: EnvReader) {
    return {
      mode: 'basic',
      username: read.required('OPENSEARCH_USERNAME', 'basic auth user'),
      password: read.required('OPENSEARCH_PASSWORD', 'basic auth password', { secret: true }),
    };
  },
  secrets: (auth) => authSecrets(auth, SECRET_AUTH_KEYS.basic),
};
