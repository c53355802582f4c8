/**
 * Cognito sign-in for the cognito mode: user pool sign-in (USER_PASSWORD_AUTH, then REFRESH_TOKEN_AUTH before the id
 * token expires), identity pool GetId + GetCredentialsForIdentity, then SigV4 like IAM mode.
 * The two AWS SDK Cognito clients are imported on first use only.
 */
import { onAbort } from '../client/abort-listen.js';
import { REGION } from '../client/options-check.js';
import { markClosed } from '../client/client-closed.js';
import { boundedWait } from '../client/deadline.js';
import { ConfigError, CredentialsError } from '../errors/classes.js';
import type { SecretSet } from '../errors/secrets.js';
import { checkAwsCredentials, type AwsCredentialIdentity } from './aws-credentials.js';
import { checkResolvedEndpoint, secretHash, type CognitoAuthOptions, type CognitoSignInOptions } from './cognito.js';
import { CredentialCache, DEFAULT_PROVIDER_TIMEOUT_MS, credentialsFailure, describeFailure, isCredentialsError } from './credentials.js';
import { refreshBufferFor } from './refresh-buffer.js';
import type { SigV4Scope } from './sigv4/scope.js';
import { sigv4Strategy, type CredentialTimings } from './sigv4/strategy.js';
import type { AuthStrategy } from './strategy.js';
import { loadOptionalSdks } from './lazy-sdk.js';
import type { AuthModeFactory } from './mode.js';
import { field, opt } from '../errors/own.js';

export { secretHash };
export type { CognitoSignInOptions };

/** What to change for a sign-in challenge a service client cannot answer. */
function challengeFix(challenge: string): string {
  if (challenge === 'NEW_PASSWORD_REQUIRED') return ': give the user a permanent password (aws cognito-idp admin-set-user-password --permanent)';
  if (/MFA/.test(challenge)) return ': turn multi-factor authentication off for this service user, or sign in elsewhere and pass idToken/refreshToken';
  return ': complete it once interactively, or pass idToken/refreshToken obtained elsewhere';
}

/** The claims of a JWT (unverified: only read for what the client sends next), or undefined when they cannot be read. */
function jwtClaims(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims) ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The `exp` claim of a JWT as a Date, or undefined when it cannot be read. */
export function jwtExpiry(token: string): Date | undefined {
  const claims = jwtClaims(token);
  const exp = claims === undefined ? undefined : field(claims, 'exp');
  return typeof exp === 'number' ? new Date(exp * 1000) : undefined;
}

/**
 * The identity pool `Logins` key of a user pool: the id token's issuer without `https://` (the provider name the
 * identity pool knows the pool by, also outside `amazonaws.com`: China's `.com.cn`, the European Sovereign Cloud's
 * `.eu`) when it names this pool at a `cognito-idp.` host, else `cognito-idp.<region>.amazonaws.com/<pool>`.
 */
export function loginsKey(region: string, userPoolId: string, idToken?: string): string {
  const claims = idToken === undefined ? undefined : jwtClaims(idToken);
  const iss = claims === undefined ? undefined : field(claims, 'iss');
  const issuer = typeof iss === 'string' ? /^https:\/\/(cognito-idp\.[a-z0-9.-]+)\/([^/]+)$/.exec(iss) : null;
  if (issuer !== null && issuer[2] === userPoolId) return `${issuer[1]}/${userPoolId}`;
  return `cognito-idp.${region}.amazonaws.com/${userPoolId}`;
}

interface IdToken {
  idToken: string;
  expiration: Date;
}

interface Clients {
  idp: import('@aws-sdk/client-cognito-identity-provider').CognitoIdentityProviderClient;
  identity: import('@aws-sdk/client-cognito-identity').CognitoIdentityClient;
  idpModule: typeof import('@aws-sdk/client-cognito-identity-provider');
  identityModule: typeof import('@aws-sdk/client-cognito-identity');
}

function regionPrefix(id: string, separator: string): string | undefined {
  const prefix = id.split(separator)[0];
  return prefix !== undefined && REGION.test(prefix) ? prefix : undefined;
}

/**
 * Runs one Cognito call with a timeout; any failure becomes CredentialsError naming the call (message and cause redacted).
 * When `closing` aborts (the strategy's close()), the call is aborted and rejects at once with the closed-client error.
 */
async function call<T>(source: string, timeoutMs: number, run: (signal: AbortSignal) => Promise<T>, secrets: SecretSet | undefined, closing: AbortSignal): Promise<T> {
  if (closing.aborted) throw closedError();
  const controller = new AbortController();
  const stop = onAbort(closing, () => controller.abort());
  try {
    return await boundedWait(run(controller.signal), closing, timeoutMs, () => {
      controller.abort();
      return new CredentialsError(source, `${source} did not answer within ${timeoutMs} ms`);
    });
  } catch (error) {
    if (closing.aborted) throw closedError();
    if (isCredentialsError(error)) throw error;
    // the clear-text refusal (checkResolvedEndpoint, before anything was sent): its wording, the ConfigError as cause
    if (error instanceof ConfigError) throw new CredentialsError(source, error.message, { cause: error });
    throw credentialsFailure(source, `${source} failed: ${describeFailure(error, secrets)}`, error, secrets);
  } finally {
    stop();
  }
}

/** Why a Cognito call under way at close() ends: the client was closed (marked as client.close()'s error). */
function closedError(): CredentialsError {
  return markClosed(new CredentialsError('cognito', 'opensearch-fgac: client.close() was called during a Cognito sign-in: the Cognito SDK clients were destroyed and the call under way was aborted'));
}

/** Destroys an AWS SDK client; whatever its destroy() throws stays here (close() must settle). */
function destroyQuietly(client: { destroy(): void }): void {
  try {
    client.destroy();
  } catch {
    // nothing to release that a failing destroy() would still hold for us
  }
}

/** Where a request built by the AWS SDK goes: `protocol`, `hostname` and `port` of its HttpRequest as a URL (undefined when unreadable). */
function destinationOf(request: unknown): URL | undefined {
  if (typeof request !== 'object' || request === null) return undefined;
  const protocol = field(request, 'protocol');
  const hostname = field(request, 'hostname');
  const port = field(request, 'port');
  if (typeof protocol !== 'string' || typeof hostname !== 'string' || hostname === '') return undefined;
  const host = hostname.includes(':') && !hostname.startsWith('[') ? `[${hostname}]` : hostname;
  try {
    // the SDK's http handler uses TLS for "https:" exactly; anything else goes out as http
    return new URL(`${protocol === 'https:' ? 'https:' : 'http:'}//${host}${typeof port === 'number' || typeof port === 'string' ? `:${port}` : ''}`);
  } catch {
    return undefined;
  }
}

/**
 * The check an AWS SDK Cognito client runs on every request it sends, last before the send (finalizeRequest, low
 * priority): the endpoint it resolved (auth.endpoints, AWS_ENDPOINT_URL_*, or the shared config file's endpoint_url)
 * is refused when it is http:// to a host that is not loopback, unless allowInsecureHttp (checkResolvedEndpoint);
 * nothing is sent then.
 */
function clearTextGuard(key: 'cognitoIdp' | 'cognitoIdentity', given: boolean, allowInsecureHttp: boolean) {
  return <A extends { request: unknown }, R>(next: (args: A) => Promise<R>) => async (args: A): Promise<R> => {
    const url = destinationOf(args.request);
    // a request whose destination cannot be read is not sent (fail closed)
    if (url === undefined) throw new Error('the AWS SDK built a Cognito request whose destination cannot be read; it was not sent');
    checkResolvedEndpoint(key, url, given, allowInsecureHttp);
    return next(args);
  };
}

/** Where clearTextGuard goes in a client's middleware stack. */
const GUARD_PLACE = { step: 'finalizeRequest', priority: 'low', name: 'opensearchFgacClearTextGuard', override: true } as const;

/** Cognito strategy: id token and AWS credentials each cached and refreshed before expiry. */
export function createCognitoStrategy(auth: CognitoSignInOptions, scope: SigV4Scope, timings: CredentialTimings = {}, { allowInsecureHttp = false }: { allowInsecureHttp?: boolean } = {}): AuthStrategy {
  const { secrets } = timings;
  for (const secret of [auth.password, auth.clientSecret, auth.idToken, auth.refreshToken]) secrets?.add(secret);
  const timeoutMs = timings.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS;
  const refreshBufferMs = timings.refreshBufferMs ?? refreshBufferFor(30_000);
  const idpRegion = regionPrefix(auth.userPoolId, '_') ?? auth.region;
  const identityRegion = regionPrefix(auth.identityPoolId, ':') ?? auth.region;
  const logins = (idToken: string): Record<string, string> => ({ [loginsKey(idpRegion, auth.userPoolId, idToken)]: idToken });
  const hash = (): Record<string, string> => {
    if (auth.clientSecret === undefined) return {};
    const value = secretHash(auth.username, auth.clientId, auth.clientSecret);
    secrets?.add(value);
    return { SECRET_HASH: value };
  };

  // What close() ends: the SDK clients made (or being made) and the Cognito calls under way. For good: a provider
  // call that starts after close() (one asked for just before it) would make clients nobody destroys. Credentials
  // already cached are still handed out; a sign-in or refresh fails with the closed-client error.
  const closer = new AbortController();
  const closing = closer.signal;
  let clients: Promise<Clients> | undefined;
  const loadClients = (): Promise<Clients> => {
    if (closing.aborted) return Promise.reject(closedError());
    if (clients !== undefined) return clients;
    const loading = loadOptionalSdks<[Clients['idpModule'], Clients['identityModule']]>(
      ['@aws-sdk/client-cognito-identity-provider', '@aws-sdk/client-cognito-identity'], 'cognito:load-sdk',
    ).then(
      ([idpModule, identityModule]) => {
        // close() came during the import: no client is made
        if (closing.aborted) throw closedError();
        const idp = new idpModule.CognitoIdentityProviderClient({
          region: idpRegion,
          ...(auth.endpoints?.cognitoIdp !== undefined ? { endpoint: auth.endpoints.cognitoIdp } : {}),
        });
        const identity = new identityModule.CognitoIdentityClient({
          region: identityRegion,
          ...(auth.endpoints?.cognitoIdentity !== undefined ? { endpoint: auth.endpoints.cognitoIdentity } : {}),
        });
        idp.middlewareStack.add(clearTextGuard('cognitoIdp', auth.endpoints?.cognitoIdp !== undefined, allowInsecureHttp), GUARD_PLACE);
        identity.middlewareStack.add(clearTextGuard('cognitoIdentity', auth.endpoints?.cognitoIdentity !== undefined, allowInsecureHttp), GUARD_PLACE);
        return { idpModule, identityModule, idp, identity };
      },
    );
    clients = loading;
    loading.catch(() => {
      // a failed load is tried again by the next sign-in (not after close(): the check above refuses it)
      if (clients === loading) clients = undefined;
    });
    return loading;
  };
  /** Aborts the calls under way (so the SDK retries nothing), then destroys the clients, loaded or still loading. */
  const close = (): void => {
    if (closing.aborted) return;
    closer.abort();
    const loaded = clients;
    clients = undefined;
    loaded?.then((c) => {
      destroyQuietly(c.idp);
      destroyQuietly(c.identity);
    }, () => undefined);
  };

  let pendingIdToken = auth.idToken;
  let refreshToken = auth.refreshToken;
  let identityId: string | undefined;

  async function initiateAuth(flow: 'USER_PASSWORD_AUTH' | 'REFRESH_TOKEN_AUTH'): Promise<IdToken> {
    const source = `cognito-idp:InitiateAuth(${flow})`;
    const { idp, idpModule } = await call('cognito-idp:load-sdk', timeoutMs, () => loadClients(), secrets, closing);
    const parameters: Record<string, string> =
      flow === 'USER_PASSWORD_AUTH'
        ? { USERNAME: auth.username, PASSWORD: auth.password ?? '', ...hash() }
        : { REFRESH_TOKEN: refreshToken ?? '', ...hash() };
    const started = Date.now();
    const out = await call(source, timeoutMs, (abortSignal) =>
      idp.send(new idpModule.InitiateAuthCommand({ AuthFlow: flow, ClientId: auth.clientId, AuthParameters: parameters }), { abortSignal }),
    secrets, closing);
    if (out.ChallengeName !== undefined) {
      throw new CredentialsError(source, `${source} asked for challenge ${out.ChallengeName}, which a non-interactive client cannot answer${challengeFix(out.ChallengeName)}`);
    }
    const result = out.AuthenticationResult;
    for (const token of [result?.IdToken, result?.AccessToken, result?.RefreshToken]) secrets?.add(token, { rotating: true });
    const idToken: unknown = result?.IdToken;
    // the id token travels in the next call's Logins map: anything but a non-empty string is no token
    if (typeof idToken !== 'string' || idToken === '') throw new CredentialsError(source, `${source} returned no IdToken`);
    const refresh: unknown = result?.RefreshToken;
    if (typeof refresh === 'string' && refresh !== '') refreshToken = refresh;
    const expiresIn: unknown = result?.ExpiresIn;
    const expiration =
      typeof expiresIn === 'number' && Number.isFinite(expiresIn) ? new Date(started + expiresIn * 1000) : jwtExpiry(idToken) ?? new Date(started + 3600_000);
    return { idToken, expiration };
  }

  async function signIn(): Promise<IdToken> {
    if (pendingIdToken !== undefined) {
      const idToken = pendingIdToken;
      pendingIdToken = undefined;
      const expiration = jwtExpiry(idToken);
      if (expiration !== undefined && expiration.getTime() > Date.now()) return { idToken, expiration };
    }
    if (refreshToken !== undefined) {
      try {
        return await initiateAuth('REFRESH_TOKEN_AUTH');
      } catch (error) {
        if (auth.password === undefined || closing.aborted) throw error;
        refreshToken = undefined; // revoked or expired: sign in again with the password
      }
    }
    if (auth.password !== undefined) return initiateAuth('USER_PASSWORD_AUTH');
    throw new CredentialsError('cognito-idp', 'credential source cognito-idp: the id token (auth.idToken) expired or was refused, and neither auth.refreshToken nor auth.password is given to get a new one');
  }

  const tokens = new CredentialCache<IdToken>({
    source: 'cognito-idp',
    provider: signIn,
    expirationOf: (t) => t.expiration,
    refreshBufferMs,
    timeoutMs: timeoutMs * 3,
    ...(secrets !== undefined ? { secrets } : {}),
  });

  /**
   * One cognito-identity call with the cached id token. A NotAuthorizedException (the token revoked
   * early, or refused by the identity pool) gets one fresh sign-in and one more try, at GetId as at
   * GetCredentialsForIdentity.
   */
  async function withIdToken<T>(source: string, send: (idToken: string, abortSignal: AbortSignal) => Promise<T>): Promise<T> {
    let notAuthorized = false;
    const attempt = (idToken: string) => async (abortSignal: AbortSignal): Promise<T> => {
      try {
        return await send(idToken, abortSignal);
      } catch (error) {
        notAuthorized = (error as { name?: unknown } | null)?.name === 'NotAuthorizedException';
        throw error;
      }
    };
    try {
      return await call(source, timeoutMs, attempt((await tokens.get()).value.idToken), secrets, closing);
    } catch (error) {
      if (!notAuthorized) throw error;
      return await call(source, timeoutMs, attempt((await tokens.forceRefresh()).value.idToken), secrets, closing);
    }
  }

  async function identityCredentials(): Promise<AwsCredentialIdentity> {
    const { identity, identityModule } = await call('cognito-identity:load-sdk', timeoutMs, () => loadClients(), secrets, closing);
    if (identityId === undefined) {
      const got = await withIdToken('cognito-identity:GetId', (idToken, abortSignal) =>
        identity.send(new identityModule.GetIdCommand({ IdentityPoolId: auth.identityPoolId, Logins: logins(idToken) }), { abortSignal }));
      const id: unknown = got.IdentityId;
      if (typeof id !== 'string' || id === '') throw new CredentialsError('cognito-identity:GetId', 'cognito-identity:GetId returned no IdentityId');
      identityId = id;
    }
    const id = identityId;
    const source = 'cognito-identity:GetCredentialsForIdentity';
    const out = await withIdToken(source, (idToken, abortSignal) =>
      identity.send(
        new identityModule.GetCredentialsForIdentityCommand({
          IdentityId: id,
          Logins: logins(idToken),
          ...(auth.customRoleArn !== undefined ? { CustomRoleArn: auth.customRoleArn } : {}),
        }),
        { abortSignal },
      ));
    const c = out.Credentials;
    if (c === undefined || c === null) throw new CredentialsError(source, `credential source ${source} returned no credentials`);
    // checked like an iam provider's answer: a key id, secret, token or expiry of the wrong shape is refused, never signed with
    return checkAwsCredentials({
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretKey,
      ...(c.SessionToken !== undefined ? { sessionToken: c.SessionToken } : {}),
      ...(c.Expiration !== undefined ? { expiration: c.Expiration } : {}),
    }, source, secrets);
  }

  const credentials = new CredentialCache<AwsCredentialIdentity>({
    source: 'cognito-identity',
    provider: identityCredentials,
    expirationOf: (c) => opt(c, 'expiration'),
    refreshBufferMs,
    timeoutMs: timeoutMs * 6,
    ...(opt(timings, 'ttlMs') !== undefined ? { ttlMs: timings.ttlMs } : {}),
    ...(secrets !== undefined ? { secrets } : {}),
  });
  return sigv4Strategy('cognito', credentials, scope, close);
}

/** The cognito mode's factory (the sign-in flow and SigV4: bundled only where the mode is included). */
export const cognitoFactory: AuthModeFactory<CognitoAuthOptions> = (auth, resolution, { requestTimeoutMs, refreshBufferMs, secrets }) => {
  const { signing } = resolution;
  if (signing === undefined) throw new Error('unreachable: cognito without a signing scope');
  // cognito's validation put allowInsecureHttp in the resolution (CognitoResolution); absent reads as false (refused)
  const allowInsecureHttp = field(resolution, 'allowInsecureHttp') === true;
  return createCognitoStrategy(auth, signing, { refreshBufferMs, timeoutMs: requestTimeoutMs, secrets }, { allowInsecureHttp });
};
