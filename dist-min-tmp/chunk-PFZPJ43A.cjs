"use strict";Object.defineProperty(exports, "__esModule", {value: true}); function _nullishCoalesce(lhs, rhsFn) { if (lhs != null) { return lhs; } else { return rhsFn(); } } function _optionalChain(ops) { let lastAccessLHS = undefined; let value = ops[0]; let i = 1; while (i < ops.length) { const op = ops[i]; const fn = ops[i + 1]; i += 2; if ((op === 'optionalAccess' || op === 'optionalCall') && value == null) { return undefined; } if (op === 'access' || op === 'optionalAccess') { lastAccessLHS = value; value = fn(value); } else if (op === 'call' || op === 'optionalCall') { value = fn((...args) => value.call(lastAccessLHS, ...args)); lastAccessLHS = undefined; } } return value; }

var _chunkDN3JL6UXcjs = require('./chunk-DN3JL6UX.cjs');




var _chunkJSFLJOVRcjs = require('./chunk-JSFLJOVR.cjs');











var _chunk2QQD7C5Dcjs = require('./chunk-2QQD7C5D.cjs');


var _chunkCPZWHQJFcjs = require('./chunk-CPZWHQJF.cjs');


var _chunkSHQPWJW6cjs = require('./chunk-SHQPWJW6.cjs');

// src/auth/cognito-sign-in.ts
function jwtExpiry(token) {
  const payload = token.split(".")[1];
  if (payload === void 0) return void 0;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    return typeof claims.exp === "number" ? new Date(claims.exp * 1e3) : void 0;
  } catch (e) {
    return void 0;
  }
}
function loginsKey(region, userPoolId) {
  return `cognito-idp.${region}.amazonaws.com/${userPoolId}`;
}
function regionPrefix(id, separator) {
  const prefix = id.split(separator)[0];
  return prefix !== void 0 && /^[a-z]{2}(?:-[a-z]+)+-\d+$/.test(prefix) ? prefix : void 0;
}
async function call(source, timeoutMs, run, secrets) {
  const controller = new AbortController();
  try {
    return await _chunkCPZWHQJFcjs.boundedWait.call(void 0, run(controller.signal), void 0, timeoutMs, () => {
      controller.abort();
      return new (0, _chunkSHQPWJW6cjs.CredentialsError)(source, `${source} did not answer within ${timeoutMs} ms`);
    });
  } catch (error) {
    if (error instanceof _chunkSHQPWJW6cjs.CredentialsError) throw error;
    throw _chunk2QQD7C5Dcjs.credentialsFailure.call(void 0, source, `${source} failed: ${_chunk2QQD7C5Dcjs.describeFailure.call(void 0, error, secrets)}`, error, secrets);
  }
}
function createCognitoStrategy(auth, scope, timings = {}) {
  const { secrets } = timings;
  for (const secret of [auth.password, auth.clientSecret, auth.idToken, auth.refreshToken]) _optionalChain([secrets, 'optionalAccess', _ => _.add, 'call', _2 => _2(secret)]);
  const timeoutMs = _nullishCoalesce(timings.timeoutMs, () => ( _chunk2QQD7C5Dcjs.DEFAULT_PROVIDER_TIMEOUT_MS));
  const refreshBufferMs = _nullishCoalesce(timings.refreshBufferMs, () => ( _chunk2QQD7C5Dcjs.refreshBufferFor.call(void 0, 3e4)));
  const idpRegion = _nullishCoalesce(regionPrefix(auth.userPoolId, "_"), () => ( auth.region));
  const identityRegion = _nullishCoalesce(regionPrefix(auth.identityPoolId, ":"), () => ( auth.region));
  const logins = (idToken) => ({ [loginsKey(idpRegion, auth.userPoolId)]: idToken });
  const hash = () => {
    if (auth.clientSecret === void 0) return {};
    const value = _chunk2QQD7C5Dcjs.secretHash.call(void 0, auth.username, auth.clientId, auth.clientSecret);
    _optionalChain([secrets, 'optionalAccess', _3 => _3.add, 'call', _4 => _4(value)]);
    return { SECRET_HASH: value };
  };
  let clients;
  const loadClients = () => {
    clients ??= Promise.all([
      _chunk2QQD7C5Dcjs.loadOptionalSdk.call(void 0, "@aws-sdk/client-cognito-identity-provider", "cognito-idp:load-sdk"),
      _chunk2QQD7C5Dcjs.loadOptionalSdk.call(void 0, "@aws-sdk/client-cognito-identity", "cognito-identity:load-sdk")
    ]).then(
      ([idpModule, identityModule]) => ({
        idpModule,
        identityModule,
        idp: new idpModule.CognitoIdentityProviderClient({
          region: idpRegion,
          ..._optionalChain([auth, 'access', _5 => _5.endpoints, 'optionalAccess', _6 => _6.cognitoIdp]) !== void 0 ? { endpoint: auth.endpoints.cognitoIdp } : {}
        }),
        identity: new identityModule.CognitoIdentityClient({
          region: identityRegion,
          ..._optionalChain([auth, 'access', _7 => _7.endpoints, 'optionalAccess', _8 => _8.cognitoIdentity]) !== void 0 ? { endpoint: auth.endpoints.cognitoIdentity } : {}
        })
      })
    );
    clients.catch(() => {
      clients = void 0;
    });
    return clients;
  };
  let pendingIdToken = auth.idToken;
  let refreshToken = auth.refreshToken;
  let identityId;
  async function initiateAuth(flow) {
    const source = `cognito-idp:InitiateAuth(${flow})`;
    const { idp, idpModule } = await call("cognito-idp:load-sdk", timeoutMs, () => loadClients(), secrets);
    const parameters = flow === "USER_PASSWORD_AUTH" ? { USERNAME: auth.username, PASSWORD: _nullishCoalesce(auth.password, () => ( "")), ...hash() } : { REFRESH_TOKEN: _nullishCoalesce(refreshToken, () => ( "")), ...hash() };
    const started = Date.now();
    const out = await call(
      source,
      timeoutMs,
      (abortSignal) => idp.send(new idpModule.InitiateAuthCommand({ AuthFlow: flow, ClientId: auth.clientId, AuthParameters: parameters }), { abortSignal }),
      secrets
    );
    if (out.ChallengeName !== void 0) {
      throw new (0, _chunkSHQPWJW6cjs.CredentialsError)(source, `${source} asked for challenge ${out.ChallengeName}, which a non-interactive client cannot answer`);
    }
    const result = out.AuthenticationResult;
    for (const token of [_optionalChain([result, 'optionalAccess', _9 => _9.IdToken]), _optionalChain([result, 'optionalAccess', _10 => _10.AccessToken]), _optionalChain([result, 'optionalAccess', _11 => _11.RefreshToken])]) _optionalChain([secrets, 'optionalAccess', _12 => _12.add, 'call', _13 => _13(token, { rotating: true })]);
    if (_optionalChain([result, 'optionalAccess', _14 => _14.IdToken]) === void 0) throw new (0, _chunkSHQPWJW6cjs.CredentialsError)(source, `${source} returned no IdToken`);
    if (result.RefreshToken !== void 0) refreshToken = result.RefreshToken;
    const expiration = result.ExpiresIn !== void 0 ? new Date(started + result.ExpiresIn * 1e3) : _nullishCoalesce(jwtExpiry(result.IdToken), () => ( new Date(started + 36e5)));
    return { idToken: result.IdToken, expiration };
  }
  async function signIn() {
    if (pendingIdToken !== void 0) {
      const idToken = pendingIdToken;
      pendingIdToken = void 0;
      const expiration = jwtExpiry(idToken);
      if (expiration !== void 0 && expiration.getTime() > Date.now()) return { idToken, expiration };
    }
    if (refreshToken !== void 0) {
      try {
        return await initiateAuth("REFRESH_TOKEN_AUTH");
      } catch (error) {
        if (auth.password === void 0) throw error;
        refreshToken = void 0;
      }
    }
    if (auth.password !== void 0) return initiateAuth("USER_PASSWORD_AUTH");
    throw new (0, _chunkSHQPWJW6cjs.CredentialsError)("cognito-idp", "the Cognito id token expired and neither refreshToken nor password is available to get a new one");
  }
  const tokens = new (0, _chunk2QQD7C5Dcjs.CredentialCache)({
    source: "cognito-idp",
    provider: signIn,
    expirationOf: (t) => t.expiration,
    refreshBufferMs,
    timeoutMs: timeoutMs * 3,
    ...secrets !== void 0 ? { secrets } : {}
  });
  async function identityCredentials() {
    const { identity, identityModule } = await call("cognito-identity:load-sdk", timeoutMs, () => loadClients(), secrets);
    let token = (await tokens.get()).value.idToken;
    if (identityId === void 0) {
      const current = token;
      const out2 = await call(
        "cognito-identity:GetId",
        timeoutMs,
        (abortSignal) => identity.send(new identityModule.GetIdCommand({ IdentityPoolId: auth.identityPoolId, Logins: logins(current) }), { abortSignal }),
        secrets
      );
      if (out2.IdentityId === void 0) throw new (0, _chunkSHQPWJW6cjs.CredentialsError)("cognito-identity:GetId", "cognito-identity:GetId returned no IdentityId");
      identityId = out2.IdentityId;
    }
    const source = "cognito-identity:GetCredentialsForIdentity";
    let notAuthorized = false;
    const request = (idToken) => async (abortSignal) => {
      try {
        return await identity.send(
          new identityModule.GetCredentialsForIdentityCommand({
            IdentityId: identityId,
            Logins: logins(idToken),
            ...auth.customRoleArn !== void 0 ? { CustomRoleArn: auth.customRoleArn } : {}
          }),
          { abortSignal }
        );
      } catch (error) {
        notAuthorized = _optionalChain([error, 'optionalAccess', _15 => _15.name]) === "NotAuthorizedException";
        throw error;
      }
    };
    let out;
    try {
      out = await call(source, timeoutMs, request(token), secrets);
    } catch (error) {
      if (!notAuthorized) throw error;
      token = (await tokens.forceRefresh()).value.idToken;
      out = await call(source, timeoutMs, request(token), secrets);
    }
    const c = out.Credentials;
    _optionalChain([secrets, 'optionalAccess', _16 => _16.add, 'call', _17 => _17(_optionalChain([c, 'optionalAccess', _18 => _18.SecretKey]), { rotating: true })]);
    _optionalChain([secrets, 'optionalAccess', _19 => _19.add, 'call', _20 => _20(_optionalChain([c, 'optionalAccess', _21 => _21.SessionToken]), { rotating: true })]);
    if (_optionalChain([c, 'optionalAccess', _22 => _22.AccessKeyId]) === void 0 || c.SecretKey === void 0) throw new (0, _chunkSHQPWJW6cjs.CredentialsError)(source, `${source} returned no credentials`);
    return _chunkJSFLJOVRcjs.rememberAwsSecrets.call(void 0, {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretKey,
      ...c.SessionToken !== void 0 ? { sessionToken: c.SessionToken } : {},
      ...c.Expiration !== void 0 ? { expiration: c.Expiration } : {}
    }, secrets);
  }
  const credentials = new (0, _chunk2QQD7C5Dcjs.CredentialCache)({
    source: "cognito-identity",
    provider: identityCredentials,
    expirationOf: (c) => c.expiration,
    refreshBufferMs,
    timeoutMs: timeoutMs * 6,
    ...timings.ttlMs !== void 0 ? { ttlMs: timings.ttlMs } : {},
    ...secrets !== void 0 ? { secrets } : {}
  });
  return _chunkJSFLJOVRcjs.sigv4Strategy.call(void 0, "cognito", credentials, scope);
}
var cognitoFactory = (auth, { signing }, { requestTimeoutMs, refreshBufferMs, secrets }) => {
  if (signing === void 0) throw new Error("unreachable: cognito without a signing scope");
  return createCognitoStrategy(auth, signing, { refreshBufferMs, timeoutMs: requestTimeoutMs, secrets });
};

// src/client/create-client.ts
var EVERY_MODE = { ..._chunk2QQD7C5Dcjs.EVERY_MODE_SCOPE, factories: { iam: _chunkJSFLJOVRcjs.iamFactory, basic: _chunkDN3JL6UXcjs.basicFactory, cognito: cognitoFactory, none: _chunk2QQD7C5Dcjs.noneFactory } };
function createClient(options) {
  return _chunk2QQD7C5Dcjs.createClientWith.call(void 0, options, EVERY_MODE);
}



exports.createClient = createClient;
//# sourceMappingURL=chunk-PFZPJ43A.cjs.map