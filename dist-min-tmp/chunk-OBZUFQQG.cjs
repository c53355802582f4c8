"use strict";Object.defineProperty(exports, "__esModule", {value: true}); function _nullishCoalesce(lhs, rhsFn) { if (lhs != null) { return lhs; } else { return rhsFn(); } } function _optionalChain(ops) { let lastAccessLHS = undefined; let value = ops[0]; let i = 1; while (i < ops.length) { const op = ops[i]; const fn = ops[i + 1]; i += 2; if ((op === 'optionalAccess' || op === 'optionalCall') && value == null) { return undefined; } if (op === 'access' || op === 'optionalAccess') { lastAccessLHS = value; value = fn(value); } else if (op === 'call' || op === 'optionalCall') { value = fn((...args) => value.call(lastAccessLHS, ...args)); lastAccessLHS = undefined; } } return value; }

var _chunkMBVEGIUYcjs = require('./chunk-MBVEGIUY.cjs');












var _chunkSHQPWJW6cjs = require('./chunk-SHQPWJW6.cjs');

// src/diagnose/diagnosis.ts
var _opensearch = require('@opensearch-project/opensearch');
var POLICY_EXAMPLE = 'Allow Principal AWS "*" Action es:ESHttp* Resource <domain-arn>/*';
function rec(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? value : void 0;
}
function statusOf(err) {
  const e = rec(err);
  const direct = _optionalChain([e, 'optionalAccess', _ => _.statusCode]);
  if (typeof direct === "number") return direct;
  const meta = _optionalChain([rec, 'call', _2 => _2(_optionalChain([e, 'optionalAccess', _3 => _3.meta])), 'optionalAccess', _4 => _4.statusCode]);
  return typeof meta === "number" ? meta : void 0;
}
function asError(err) {
  return err instanceof Error ? err : void 0;
}
function withError(d, err) {
  const e = asError(err);
  return e === void 0 ? d : { ...d, error: e };
}
function describeUnknown(err) {
  try {
    return _chunkSHQPWJW6cjs.redactText.call(void 0, err instanceof Error ? `${err.name}: ${err.message}` : String(err)).slice(0, 500);
  } catch (e2) {
    return "an unprintable value was thrown";
  }
}
function diagnoseError(err, authMode) {
  const typed = _chunkMBVEGIUYcjs.toTypedError.call(void 0, err);
  const d = (code, problem, fix) => withError({ code, severity: "error", problem, fix }, typed);
  if (typed instanceof _chunkSHQPWJW6cjs.AccessPolicyDeniedError) {
    const resource = _nullishCoalesce(typed.resource, () => ( "<domain-arn>/*"));
    if (typed.anonymous) {
      return d(
        "access_policy_unsigned",
        `The domain access policy refused an unsigned (anonymous) request for ${typed.action}: it names IAM principals, so requests must be SigV4-signed${authMode === "basic" ? ", and HTTP basic requests cannot also be signed" : ""} (AWS: ${typed.awsMessage.trim()})`,
        `Use auth mode 'iam' (or 'cognito') with a principal the policy allows, or change the policy to the recommended one (${POLICY_EXAMPLE}) and let fine-grained access control decide who may do what (configuration b for internal users).`
      );
    }
    return d(
      "access_policy_principal",
      `The domain access policy does not allow ${typed.principal} to perform ${typed.action} on ${resource}${typed.explicitDeny ? " (an explicit Deny statement matched)" : ""} (AWS: ${typed.awsMessage.trim()})`,
      `Add ${typed.principal.includes(":assumed-role/") ? "the IAM role behind this session (its role ARN)" : "this principal"} to the policy's Principal${typed.explicitDeny ? " and remove or narrow the Deny statement" : ""}, or use the recommended policy (${POLICY_EXAMPLE}) and map the principal in FGAC instead.`
    );
  }
  if (typed instanceof _chunkSHQPWJW6cjs.ExpiredCredentialsError) {
    return typed.reason === "expired" ? d(
      "credentials_expired",
      "AWS rejected the request because its security token is expired, and the one forced credential refresh did not produce valid credentials",
      "Give the client a credential provider (or the default chain) that returns fresh credentials with their `expiration`, not a static copy of temporary credentials; check that the machine clock is right."
    ) : d(
      "credentials_invalid",
      "AWS does not recognise the access key, or the session token does not belong to it",
      "Use accessKeyId, secretAccessKey and sessionToken from the same source (temporary keys need their session token), issued for the domain's AWS partition and not revoked."
    );
  }
  if (typed instanceof _chunkSHQPWJW6cjs.SignatureMismatchError) {
    switch (typed.problem) {
      case "clock_skew":
        return d(
          "clock_skew",
          `AWS rejected the signature because the request time is too far from its clock (${typed.awsMessage.trim()})`,
          "Synchronise the machine's clock (NTP); SigV4 allows five minutes of skew."
        );
      case "credential_scope":
        return d(
          "signature_mismatch",
          `The signature's credential scope is wrong (${typed.awsMessage.trim()})`,
          "Set auth.region to the domain's region and auth.service to 'es' for domains or 'aoss' for OpenSearch Serverless."
        );
      case "malformed":
        return d(
          "signature_mismatch",
          `AWS could not parse the Authorization header (${typed.awsMessage.trim()})`,
          "Make sure nothing between the client and the domain (proxy, tunnel) rewrites the Authorization or x-amz-* headers."
        );
      default:
        return d(
          "signature_mismatch",
          "AWS computed a different SigV4 signature than the client sent",
          "Check the secret access key; set auth.region to the domain's region and auth.service ('es' or 'aoss'); when `node` is a tunnel, VPC endpoint or proxy, set auth.signingHost to the domain host; make sure no proxy changes the path, query or body; check the clock."
        );
    }
  }
  if (typed instanceof _chunkSHQPWJW6cjs.UnauthorizedError) {
    if (authMode === "none") {
      return d(
        "no_credentials",
        "The security plugin requires authentication and the client sends no credentials (auth mode none)",
        "Choose auth mode 'basic' (internal user), 'iam' or 'cognito'."
      );
    }
    if (authMode === "iam" || authMode === "cognito") {
      return d(
        "identity_not_accepted",
        `The signed request reached the security plugin, but no authentication domain accepted it (${typed.message})`,
        "SigV4 identities are only understood behind the Amazon OpenSearch Service endpoint: point `node` at the domain endpoint, or use auth mode 'basic' for a self-managed cluster."
      );
    }
    return d(
      "credentials_rejected",
      `The security plugin rejected the credentials (${typed.message}); a wrong password and an unknown user look the same`,
      "Check auth.username and auth.password against the internal user database (on Amazon OpenSearch Service the internal user database must be enabled for basic auth); if the user comes from another backend (LDAP, SAML), check that backend."
    );
  }
  if (typed instanceof _chunkSHQPWJW6cjs.ServiceUnavailableError) {
    return typed.securityNotInitialized ? d(
      "security_not_initialized",
      "The security plugin is not initialised: its configuration index is missing or not loaded yet",
      "Wait until the cluster has started; on a self-managed cluster load the security configuration (securityadmin.sh, or plugins.security.allow_default_init_securityindex) and check the node logs."
    ) : d(
      "unavailable",
      `The domain answered ${_nullishCoalesce(statusOf(typed), () => ( 503))}: ${typed.message}`,
      "Retry later; check the domain health and, behind a proxy or load balancer, that it reaches the nodes."
    );
  }
  if (typed instanceof _chunkSHQPWJW6cjs.ThrottledError) {
    return d("throttled", `The probe was throttled (${typed.message})`, "Retry later, or with `retries` > 0.");
  }
  if (typed instanceof _chunkSHQPWJW6cjs.SecurityExceptionError) {
    return d(
      "forbidden",
      `The security plugin refused even authinfo: ${typed.message}`,
      "The endpoint may restrict authinfo; ask an administrator to check the user's role mapping."
    );
  }
  if (typed instanceof _chunkSHQPWJW6cjs.CredentialsError) {
    return d(
      "credentials_unavailable",
      `The client could not obtain credentials from ${typed.source}: ${typed.message}`,
      typed.source.startsWith("cognito") ? "Check the Cognito user pool, app client (and secret), identity pool, user name and password or tokens." : "Check the credential source: environment variables, profile, role of the Lambda/ECS task or instance, or the provider passed in `credentials`."
    );
  }
  if (typed instanceof _chunkSHQPWJW6cjs.ConfigError) {
    return d("config", `The client configuration cannot work: ${typed.message}`, `Fix the option ${typed.option}.`);
  }
  if (typed instanceof _opensearch.errors.TimeoutError) {
    return d(
      "timeout",
      `The probe timed out: ${_chunkSHQPWJW6cjs.redactText.call(void 0, typed.message)}`,
      "Check that the endpoint is reachable from here (VPC domains only from inside the VPC, security groups, proxies) or raise requestTimeoutMs."
    );
  }
  if (typed instanceof _opensearch.errors.ConnectionError) {
    const message = _chunkSHQPWJW6cjs.redactText.call(void 0, typed.message);
    return _chunkSHQPWJW6cjs.isTlsFailureMessage.call(void 0, message) ? d(
      "tls",
      `TLS verification of the endpoint failed: ${message}`,
      "Pass the CA that signed the domain's certificate as ssl.ca, use the host name the certificate was issued for (or ssl.servername); do not turn verification off outside local tests."
    ) : d(
      "unreachable",
      `Could not connect to the endpoint: ${message}`,
      "Check the node URL and port, DNS, the VPC (security groups, routes; VPC domains are not reachable from outside) and any proxy."
    );
  }
  return d("unexpected", `The probe failed: ${describeUnknown(err)}`, "See `error` for details.");
}
function noSecurityPlugin(prefix, tried, lastMissing) {
  return withError({
    code: "no_security_plugin",
    severity: "error",
    problem: prefix === void 0 ? `The endpoint has no security plugin authinfo API (${tried.map((p) => `/${p}/authinfo`).join(", ")}): fine-grained access control is not enabled` : `/${prefix}/authinfo answered without a user name: this is not the security plugin's authinfo`,
    fix: "Enable fine-grained access control on the domain (or install the security plugin), or point `node` at the domain endpoint."
  }, lastMissing);
}
function diagnoseIdentity(identity) {
  const found = [];
  if (identity.roles.length === 0) {
    const iam = identity.kind === "iam-role" || identity.kind === "iam-assumed-role";
    const how = iam ? `map its IAM role ARN under backend_roles (e.g. SecurityApi.roleMappings.addBackendRoles('<role>', ['${identity.kind === "iam-role" ? identity.user : "<role ARN>"}']))` : identity.backendRoles.length > 0 ? `map the user under users, or one of its backend roles (${identity.backendRoles.join(", ")}) under backend_roles` : `map it under users (e.g. SecurityApi.roleMappings.addUsers('<role>', ['${identity.user}']))`;
    found.push({
      code: "no_roles",
      severity: "error",
      problem: `${identity.user} is authenticated but mapped to no role (authinfo roles is empty): every request except authinfo gets a 403 security_exception`,
      fix: `As a security admin, ${how}; check the spelling of existing mappings (backend roles and user names are case-sensitive).`
    });
  }
  const tenant = identity.requestedTenant;
  if (tenant !== null && tenant !== "__user__" && !(tenant in identity.tenants) && identity.roles.length > 0) {
    found.push({
      code: "tenant_not_available",
      severity: "warning",
      problem: `The client requests tenant ${tenant}, which is not among the user's tenants (${Object.keys(identity.tenants).join(", ") || "none"})`,
      fix: "Use one of the listed tenants (or __user__ for the private tenant), or grant the tenant through a role's tenant_permissions."
    });
  }
  return found;
}






exports.statusOf = statusOf; exports.diagnoseError = diagnoseError; exports.noSecurityPlugin = noSecurityPlugin; exports.diagnoseIdentity = diagnoseIdentity;
//# sourceMappingURL=chunk-OBZUFQQG.cjs.map