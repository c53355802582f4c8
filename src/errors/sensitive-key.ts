/** Which names (headers, query parameters, JSON fields) hold secrets: the one list by-key redaction reads. */

/** Normalised (lower case, no `-`, `_`, `.`, spaces) names that are always secret. */
const SENSITIVE_EXACT = new Set([
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'xamzsecuritytoken',
  'xamzsignature',
  'xamzcredential',
  'signature',
  'credential',
  'credentials',
  'hash',
  'xedgeadmin',
]);

/** Normalised name endings that are secret (`new_password`, `aws_session_token`, `clientSecret`...). */
const SENSITIVE_SUFFIXES = ['password', 'passwd', 'secret', 'token', 'secretaccesskey', 'secretkey', 'apikey', 'privatekey', 'passphrase'];

/** True when a header, query parameter or JSON field of this name holds a secret. */
export function isSensitiveKey(name: string): boolean {
  if (typeof name !== 'string' || name.length === 0 || name.length > 200) return false;
  const normalized = name.toLowerCase().replace(/[-_. ]/g, '');
  if (SENSITIVE_EXACT.has(normalized)) return true;
  return SENSITIVE_SUFFIXES.some((suffix) => normalized.endsWith(suffix));
}
