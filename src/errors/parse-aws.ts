/**
 * Parser of refusals by the AWS endpoint in front of a domain (before OpenSearch): the domain access
 * policy, SigV4 signature and clock problems, expired or invalid security tokens, throttling. AWS
 * answers `{"message": ..}` / `{"Message": ..}` at the top level, often with an error type in
 * `__type` or the `x-amzn-ErrorType` header; only such bodies (or plain text) are read here, never
 * the text inside an OpenSearch error, which may quote the user's own data.
 */
import { header, rec, str } from './body.js';
import type {
  AccessPolicyDeniedDetails,
  ExpiredCredentialsDetails,
  SignatureMismatchDetails,
  SignatureProblem,
} from './permission-errors.js';
import { redactExcerpt } from './redact.js';
import type { ThrottleSource } from './service-errors.js';
import { field, hasOwnKey } from './own.js';

/** An AWS-shaped error: its type (`ExpiredTokenException`, namespace and suffix removed) and its message. */
export interface AwsErrorShape {
  type: string | undefined;
  message: string;
}

/** `com.amazon.coral.service#ExpiredTokenException` / `ExpiredTokenException:http://...` -> `ExpiredTokenException`. */
function bareType(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const afterHash = raw.slice(raw.lastIndexOf('#') + 1);
  const type = afterHash.split(':')[0]?.trim() ?? '';
  return /^[A-Za-z][A-Za-z0-9]{0,99}$/.test(type) ? type : undefined;
}

/**
 * The AWS error of a JSON body: top-level `message`/`Message` (a string) or `__type`, no `error` key,
 * and no `status` other than the HTTP status (the security REST API answers `{status:"FORBIDDEN",
 * message}`). Undefined for any other body.
 */
export function awsErrorOf(
  json: Record<string, unknown> | undefined,
  headers: Record<string, unknown> | null | undefined,
  statusCode: number,
): AwsErrorShape | undefined {
  if (json === undefined || hasOwnKey(json, 'error')) return undefined;
  // the answer's own fields (one a polluted Object.prototype holds is no part of it)
  const message = str(field(json, 'Message')) ?? str(field(json, 'message'));
  const typeField = str(field(json, '__type')) ?? str(field(json, 'code')) ?? str(field(json, 'Code'));
  if (message === undefined && str(field(json, '__type')) === undefined) return undefined;
  if (hasOwnKey(json, 'status') && json.status !== statusCode && !(hasOwnKey(json, 'Message'))) return undefined;
  return { type: bareType(typeField) ?? bareType(header(headers, 'x-amzn-errortype')), message: message ?? '' };
}

/** The error type of the `x-amzn-ErrorType` header alone (for bodies that are not JSON). */
export function awsHeaderType(headers: Record<string, unknown> | null | undefined): string | undefined {
  return bareType(header(headers, 'x-amzn-errortype'));
}

const ACCESS_POLICY = /User: (\S+) is not authorized to perform: ([A-Za-z0-9:*_-]+)(?: on resource: (\S+))?/;

/**
 * The resource ARN as AWS wrote it (a token without spaces, like every ARN): its path is the request's, and an
 * index may end with `.` or `,`, so nothing is trimmed from its end; only quotes around the whole token go.
 */
function resourceAsWritten(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  const quoted = /^(["'])(.+)\1$/.exec(token);
  return quoted?.[2] ?? token;
}

/** The access-policy denial AWS describes in `message` (`User: X is not authorized to perform: es:Y ...`). */
export function parseAccessPolicy(message: string): AccessPolicyDeniedDetails | undefined {
  const m = ACCESS_POLICY.exec(message);
  if (m === null || m[1] === undefined || m[2] === undefined) return undefined;
  return {
    principal: m[1],
    action: m[2],
    resource: resourceAsWritten(m[3]),
    explicitDeny: /with an explicit deny/i.test(message),
    noAllowingPolicy: /because no (?:resource-based|identity-based)? ?polic(?:y|ies) allows?/i.test(message),
    awsMessage: redactExcerpt(message, 2000),
  };
}

const EXPIRED_TYPES = new Set(['ExpiredToken', 'ExpiredTokenException', 'TokenRefreshRequired']);
const INVALID_TYPES = new Set(['InvalidClientTokenId', 'UnrecognizedClientException', 'InvalidToken', 'InvalidTokenException']);

/** An expired or invalid security token, by AWS error type first, else by AWS's message text. */
export function parseExpired(message: string, type?: string, byText = true): ExpiredCredentialsDetails | undefined {
  const awsMessage = redactExcerpt(message, 2000);
  if (type !== undefined && EXPIRED_TYPES.has(type)) return { reason: 'expired', awsMessage };
  if (type !== undefined && INVALID_TYPES.has(type)) return { reason: 'invalid', awsMessage };
  if (!byText) return undefined;
  if (/security token included in the request is expired|\bExpiredToken(?:Exception)?\b|token has expired/i.test(message)) {
    return { reason: 'expired', awsMessage };
  }
  if (/security token included in the request is invalid|\bInvalidClientTokenId\b|\bUnrecognizedClientException\b|\bInvalidToken\b/i.test(message)) {
    return { reason: 'invalid', awsMessage };
  }
  return undefined;
}

function quotedBlock(message: string, heading: string): string | undefined {
  const at = message.indexOf(heading);
  if (at < 0) return undefined;
  const open = message.indexOf("'", at + heading.length);
  if (open < 0) return undefined;
  const close = message.indexOf("'\n", open + 1);
  const end = close >= 0 ? close : message.lastIndexOf("'");
  if (end <= open) return undefined;
  return message.slice(open + 1, end);
}

/** The problem AWS's error type or (`byText`) its message names. */
function signatureProblem(message: string, type: string | undefined, byText: boolean): SignatureProblem | undefined {
  // AWS names a clock or scope problem only in its text (its type is InvalidSignatureException): read first
  if (byText && /Signature expired:|Signature not yet current:|\bRequestTimeTooSkewed\b/i.test(message)) return 'clock_skew';
  if (type === 'RequestTimeTooSkewed') return 'clock_skew';
  if (byText && /Credential should be scoped|Date in Credential scope/i.test(message)) return 'credential_scope';
  if (type === 'IncompleteSignatureException' || type === 'IncompleteSignature') return 'malformed';
  if (type === 'InvalidSignatureException' || type === 'SignatureDoesNotMatch') return 'mismatch';
  if (!byText) return undefined;
  if (/signature we calculated does not match|Code=InvalidSignature|\bInvalidSignatureException\b|\bSignatureDoesNotMatch\b/i.test(message)) return 'mismatch';
  if (/Authorization header requires|Credential is malformed|\bIncompleteSignature(?:Exception)?\b|Invalid key=value pair/i.test(message)) return 'malformed';
  return undefined;
}

/**
 * A SigV4 signature problem (mismatch, clock skew, scope, malformed), by AWS error type first, else (`byText`) by AWS's
 * message text: AWS answers these with 403, and a 400's message may quote the request.
 */
export function parseSignature(message: string, type?: string, byText = true): SignatureMismatchDetails | undefined {
  const problem = signatureProblem(message, type, byText);
  if (problem === undefined) return undefined;
  return {
    problem,
    canonicalRequest: quotedBlock(message, 'The Canonical String for this request should have been'),
    stringToSign: quotedBlock(message, 'The String-to-Sign should have been'),
    awsMessage: redactExcerpt(message, 4000),
  };
}

const THROTTLE_TYPES = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'SlowDown', 'RequestLimitExceeded']);

/** True for an AWS error type that means throttling (AWS sometimes throttles with 400). */
export function isThrottleType(type: string | undefined): boolean {
  return type !== undefined && THROTTLE_TYPES.has(type);
}

/** Who throttled, from the OpenSearch error type or the body text of a 429. */
export function throttleSource(osType: string | undefined, text: string): ThrottleSource {
  if (osType === 'es_rejected_execution_exception' || osType === 'rejected_execution_exception') return 'rejected_execution';
  if (osType === 'circuit_breaking_exception') return 'circuit_breaker';
  if (/rejected_execution|rejected execution/i.test(text)) return 'rejected_execution';
  if (/circuit_breaking_exception|Data too large/i.test(text)) return 'circuit_breaker';
  if (/Too many requests|Throttl|Rate exceeded|SlowDown/i.test(text)) return 'aws';
  return 'unknown';
}

/** The message of an AWS error or, for other JSON, the first readable reason; else the text. */
export function messageOf(json: Record<string, unknown> | undefined, text: string): string {
  return str(json?.Message) ?? str(json?.message) ?? str(rec(json?.error)?.reason) ?? text;
}
