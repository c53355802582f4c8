/**
 * The requests checkDomain makes, with the client's own transport (`client.transport.request`) and no
 * retries by default: `GET <prefix>/authinfo` (`_plugins/_security`, falling back to `_opendistro/_security`
 * when the first is missing) and, optionally, `GET <prefix>/api/account`. Failures come back typed and
 * redacted (the error boundary, with the client's secrets), never thrown.
 */
import type { AuthMode } from '../auth/modes.js';
import { ConfigError } from '../errors/classes.js';
import { toTypedError } from '../errors/boundary.js';
import { rec } from '../errors/body.js';
import { redactText } from '../errors/redact.js';
import { SecretSet, secretsOf } from '../errors/secrets.js';
import { kWireSecrets, type WireSecretsSink } from '../client/connection.js';
import { isOptionsObject, typeName } from '../client/options-check.js';
import { optionalRetryCount, optionalTimeoutMs } from '../client/timeouts-retries.js';
import { connectionSecrets } from './connection-secrets.js';
import { field } from '../errors/own.js';
import { isMissingPrefixError, isSecurityApiPrefix, prefixesToTry, SECURITY_API_PREFIXES, type SecurityApiPrefix } from '../security/prefix.js';

/** The part of an opensearch-js `Client` checkDomain uses; any `Client` (or one made by createClient) fits. */
export interface CheckDomainClient {
  transport: {
    request(
      params: { method: string; path: string },
      options?: { maxRetries?: number; requestTimeout?: number },
    ): Promise<{ body: unknown; statusCode: number | null; headers?: unknown }>;
  };
}

/** Options of {@link checkDomain}. */
export interface CheckDomainOptions {
  /** Retries of each probe request, an integer from 0 to 1000 as `retry.retries` (default 0: report the first failure instead of backing off; an expired token still gets one forced refresh). */
  retries?: number;
  /** Timeout of each probe request, an integer from 1 to 2^31 - 1 ms as createClient's `requestTimeoutMs` (default: the client's). */
  requestTimeoutMs?: number;
  /** Also read `<prefix>/api/account` to learn whether the user is in the internal user database (default true; failures are ignored). */
  account?: boolean;
  /** Security plugin prefix; default `_plugins/_security`, then `_opendistro/_security` when the first is missing. */
  prefix?: SecurityApiPrefix;
}


/** What the probe saw. */
export type ProbeResult =
  /** `wireSecrets`: what the authinfo request put on the wire (authinfo may echo it). */
  | { outcome: 'answered'; prefix: string; authinfo: unknown; internalUser: boolean | undefined; wireSecrets: readonly string[] }
  | { outcome: 'missing'; tried: string[]; lastMissing: unknown }
  /** `prefix` answered, but not with the security plugin's authinfo (no user name). */
  | { outcome: 'not-authinfo'; prefix: string; lastMissing: unknown }
  /** `prefix` answered with a redirect (3xx), which the client does not follow; `location` without query or credentials. */
  | { outcome: 'redirected'; prefix: string; status: number; location: string | undefined }
  | { outcome: 'failed'; error: unknown };

/** The auth mode of a client made by createClient (its transport carries the strategy), else undefined. */
export function authModeOf(client: CheckDomainClient): AuthMode | undefined {
  try {
    const transport = rec(client.transport as unknown);
    const strategy = rec(transport === undefined ? undefined : field(transport, 'authStrategy'));
    const mode = strategy === undefined ? undefined : field(strategy, 'mode');
    return mode === 'iam' || mode === 'basic' || mode === 'cognito' || mode === 'none' ? mode : undefined;
  } catch {
    return undefined;
  }
}

/** How far (ms) the SigV4 signing clock of a client made by createClient was corrected from the machine's (0: never). */
export function clockOffsetOf(client: CheckDomainClient): number {
  try {
    const transport = rec(client.transport as unknown);
    const strategy = rec(transport === undefined ? undefined : field(transport, 'authStrategy'));
    const read = strategy === undefined ? undefined : field(strategy, 'clockOffsetMs');
    const offset: unknown = typeof read === 'function' ? Reflect.apply(read, strategy, []) : undefined;
    return typeof offset === 'number' && Number.isFinite(offset) ? offset : 0;
  } catch {
    return 0;
  }
}


/** Throws a ConfigError naming the option when the client or an option of checkDomain is unusable. */
export function checkProbeInput(client: unknown, options: unknown): void {
  const transport = rec(client)?.transport;
  if (rec(transport) === undefined || typeof rec(transport)?.request !== 'function') {
    throw new ConfigError('client', 'client must be an opensearch-js Client (an object whose transport has request())');
  }
  if (options !== undefined && !isOptionsObject(options)) throw new ConfigError('options', `options must be an object, got ${typeName(options)}`);
  const o = ownOptions(options);
  const { retries, requestTimeoutMs, account, prefix } = o;
  // the rules of createClient's retry.retries and requestTimeoutMs (timeouts-retries.ts)
  optionalRetryCount('retries', retries);
  optionalTimeoutMs('requestTimeoutMs', requestTimeoutMs);
  if (account !== undefined && typeof account !== 'boolean') throw new ConfigError('account', 'account must be a boolean');
  if (prefix !== undefined && !isSecurityApiPrefix(prefix)) {
    throw new ConfigError('prefix', `prefix must be ${SECURITY_API_PREFIXES.join(' or ')}`);
  }
}

/** Asks the plugin who the client is (authinfo, then the account's `is_internal_user`). Never rejects for a failed request; bad input is a ConfigError. */
export async function probeDomain(client: CheckDomainClient, given: CheckDomainOptions = {}): Promise<ProbeResult> {
  checkProbeInput(client, given);
  const options = ownOptions(given) as CheckDomainOptions;
  // the set the client's own transport redacts with, plus what its connections hold (a plain Client's password)
  const secrets = secretsOf(client.transport).with(connectionSecrets(client));
  const requestOptions = {
    maxRetries: options.retries ?? 0,
    ...(options.requestTimeoutMs !== undefined ? { requestTimeout: options.requestTimeoutMs } : {}),
  };
  const prefixes: string[] = options.prefix !== undefined ? [options.prefix] : prefixesToTry();
  let lastMissing: unknown;
  for (const prefix of prefixes) {
    let answer: { body: unknown; statusCode: number | null; headers?: unknown };
    let wireSecrets: readonly string[] = [];
    const sink: WireSecretsSink = (values) => { wireSecrets = values; };
    try {
      answer = await client.transport.request({ method: 'GET', path: `/${prefix}/authinfo` }, { ...requestOptions, [kWireSecrets]: sink } as typeof requestOptions);
    } catch (err) {
      const typed = toTypedError(err, { secrets });
      if (isMissingPrefixError(typed)) {
        lastMissing = typed;
        continue;
      }
      return { outcome: 'failed', error: typed };
    }
    const status = answer.statusCode;
    if (typeof status === 'number' && status >= 300 && status < 400) {
      // the target's path may carry what the request sent (an SSO page echoing the credentials): redacted as errors are
      return { outcome: 'redirected', prefix, status, location: redirectTarget(rec(answer.headers)?.location, SecretSet.plusWire(secrets, wireSecrets)) };
    }
    const authinfo = answer.body;
    if (typeof rec(authinfo)?.user_name !== 'string') return { outcome: 'not-authinfo', prefix, lastMissing };
    return { outcome: 'answered', prefix, authinfo, wireSecrets, internalUser: options.account === false ? undefined : await isInternalUser(client, prefix, requestOptions) };
  }
  return { outcome: 'missing', tried: prefixes, lastMissing };
}

/**
 * Where a redirect points, as origin and path only (a query or user info may carry a token), with `secrets` removed
 * from it before it is cut to 200 characters; undefined when absent or unreadable.
 */
function redirectTarget(location: unknown, secrets: SecretSet | undefined): string | undefined {
  if (typeof location !== 'string' || location === '') return undefined;
  try {
    const url = new URL(location, 'http://relative.invalid');
    const where = url.origin === 'http://relative.invalid' ? url.pathname : `${url.origin}${url.pathname}`;
    return redactText(where, secrets).slice(0, 200);
  } catch {
    return undefined;
  }
}

/** `is_internal_user` of `<prefix>/api/account`; undefined when the account API is refused or says nothing. */
async function isInternalUser(client: CheckDomainClient, prefix: string, requestOptions: { maxRetries?: number; requestTimeout?: number }): Promise<boolean | undefined> {
  try {
    const res = await client.transport.request({ method: 'GET', path: `/${prefix}/api/account` }, requestOptions);
    const flag = rec(res.body)?.is_internal_user;
    return typeof flag === 'boolean' ? flag : undefined;
  } catch {
    return undefined; // Optional: some endpoints restrict the account API.
  }
}

/** The names of CheckDomainOptions, each read once. */
const OPTION_NAMES = ['retries', 'requestTimeoutMs', 'account', 'prefix'] as const;

/**
 * The options read into a null-prototype copy: each one as the caller's object holds it (its own, inherited from
 * a defaults object or a class, enumerable or not), never what only a polluted Object.prototype holds.
 */
function ownOptions(options: unknown): Record<string, unknown> {
  const copy = Object.create(null) as Record<string, unknown>;
  if (options === null || typeof options !== 'object') return copy;
  for (const name of OPTION_NAMES) {
    const value = field(options, name);
    if (value !== undefined) copy[name] = value;
  }
  return copy;
}
