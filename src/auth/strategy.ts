/** The shape every auth strategy (iam, basic, cognito, none) shares. */
import type { KnownPrincipal } from '../errors/permission-errors.js';
import type { CachedValue, CredentialCache, CredentialWaitOptions } from './credentials.js';

/** The final request of one attempt, exactly as it will be written to the socket. */
export interface OutgoingRequest {
  method: string;
  /** `host[:port]` of the node the attempt goes to (the URL's host; default ports omitted). */
  host: string;
  /** Wire path plus `?query`, already percent-encoded. */
  path: string;
  /** Header names in any case. */
  headers: Record<string, string | number | string[] | undefined>;
  /** The body bytes sent (after gzip), if any. */
  body?: string | Buffer | null;
}

/** What a strategy adds to one attempt. */
export interface SignedParts {
  /** Lower-case header names to set (replacing any header of the same name). */
  headers: Record<string, string>;
  /** The path to send instead of the original (SigV4 normalises the query string). */
  path?: string;
}

/** Authorization for one attempt: synchronous, so it can run on the final bytes. */
export interface RequestAuthorizer {
  /** Generation of the credentials used (hand it back to `onExpired`). */
  readonly generation: number;
  /** When the credentials used expire (ms since the epoch), if known. */
  readonly expiresAt?: number;
  /** True when sign() ignores the request and always returns the same parts (e.g. basic): applied without building a request to sign. */
  readonly fixed?: boolean;
  /** Headers (and path) for the final request. */
  sign(request: OutgoingRequest): SignedParts;
}

/** An auth strategy: resolves credentials asynchronously, signs synchronously. */
export interface AuthStrategy {
  /** The `auth.mode` that made it (`iam`, `basic`, `cognito`, `none`). */
  readonly mode: string;
  /** True when the signature covers the body (SigV4): streamed bodies are then buffered first, and the path goes out percent-encoded as signed. */
  readonly signsBody: boolean;
  /**
   * Credentials for one attempt (cached; refreshed before expiry; one provider call for concurrent
   * callers). An aborted `options.signal` ends the wait at once with the signal's reason.
   */
  authorize(options?: CredentialWaitOptions): Promise<RequestAuthorizer>;
  /**
   * What authorize() would resolve to, when that needs no provider call (cached credentials that
   * need no refresh yet); undefined when authorize() must be awaited. Lets the transport skip a
   * promise per request.
   */
  authorizeCached?(): RequestAuthorizer | undefined;
  /** Convenience: the auth headers for a request (authorize + sign). */
  headersFor(request: OutgoingRequest): Promise<Record<string, string>>;
  /** The server said the credentials expired: refresh once (no-op when a newer generation is cached). */
  onExpired?(usedGeneration?: number, options?: CredentialWaitOptions): Promise<void>;
  /**
   * The server refused the request's time (SigV4 clock skew) and stated its own (`serverMs`, from its `Date`): sign
   * by that clock from now on. True when the refused attempt, signed at `signedVersion` of the clock (clockVersion()
   * read before its send), would now be signed by another clock: it may then be sent again.
   */
  correctClock?(serverMs: number | undefined, signedVersion?: number): boolean;
  /** The signing clock's version (changes with each correction), with correctClock. */
  clockVersion?(): number;
  /** How far (ms) the signing clock is from the machine's after the corrections so far (0: none), with correctClock. */
  clockOffsetMs?(): number;
  /** Who the requests authenticate as, when the strategy knows (basic: its user name): typed errors read ambiguous server texts by it. */
  readonly principal?: KnownPrincipal;
  /**
   * Releases what the strategy holds open (the AWS SDK clients of the cognito mode and their keep-alive sockets):
   * client.close() runs it once, for a client and its children. A provider call under way then fails with the
   * closed-client error (never hangs), as does every later one; credentials already cached are still handed out.
   * Optional: a strategy holding nothing (or a caller's own) has none, and is left as it is.
   */
  close?(): void;
}

/** headersFor in terms of authorize. */
export async function headersVia(strategy: Pick<AuthStrategy, 'authorize'>, request: OutgoingRequest): Promise<Record<string, string>> {
  const authorizer = await strategy.authorize();
  return { ...authorizer.sign(request).headers };
}

/**
 * A strategy over a credential cache: `makeAuthorizer` turns one cached value into an authorizer,
 * made once per cached value and generation so a request with fresh credentials allocates none.
 */
export function cachedStrategy<T>(
  mode: string,
  signsBody: boolean,
  cache: CredentialCache<T>,
  makeAuthorizer: (cached: CachedValue<T>) => RequestAuthorizer,
  onExpired?: (usedGeneration?: number, options?: CredentialWaitOptions) => Promise<void>,
  /** Awaited (besides the credentials) before the first authorizer is handed out, e.g. loading the signer. */
  prepare?: () => Promise<void>,
  /** The strategy's close(): releases what the provider holds open. */
  close?: () => void,
): AuthStrategy {
  let prepared = prepare === undefined;
  let last: { value: T; generation: number; authorizer: RequestAuthorizer } | undefined;
  const authorizerFor = (cached: CachedValue<T>): RequestAuthorizer => {
    if (last !== undefined && last.value === cached.value && last.generation === cached.generation) return last.authorizer;
    last = { value: cached.value, generation: cached.generation, authorizer: makeAuthorizer(cached) };
    return last.authorizer;
  };
  const authorize = async (options?: CredentialWaitOptions): Promise<RequestAuthorizer> => {
    if (!prepared && prepare !== undefined) {
      const [cached] = await Promise.all([cache.get(options), prepare()]);
      prepared = true;
      return authorizerFor(cached);
    }
    return authorizerFor(await cache.get(options));
  };
  const strategy: AuthStrategy = {
    mode,
    signsBody,
    authorize: (options) => settledQuietly(authorize(options)),
    authorizeCached(): RequestAuthorizer | undefined {
      if (!prepared) return undefined;
      const cached = cache.getIfReady();
      return cached === undefined ? undefined : authorizerFor(cached);
    },
    headersFor: (request) => headersVia(strategy, request),
    ...(onExpired !== undefined ? { onExpired: (usedGeneration, options) => settledQuietly(onExpired(usedGeneration, options)) } : {}),
    ...(close !== undefined ? { close } : {}),
  };
  return strategy;
}

/**
 * `promise`, marked as handled: a caller whose signal had already aborted may stop waiting without
 * ever attaching a handler (a bounded wait rejects with the signal's reason at once), and the
 * rejection it leaves behind (the same reason) must not end the process as an unhandled rejection.
 * Callers that await it still receive the rejection.
 */
function settledQuietly<V>(promise: Promise<V>): Promise<V> {
  promise.catch(() => undefined);
  return promise;
}
