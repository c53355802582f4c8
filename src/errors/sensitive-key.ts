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
  'hashes',
  'pass',
  'userpass',
  'xedgeadmin',
  'phpsessid',
  'jsessionid',
]);

/**
 * Normalised name endings that are secret (`new_password`, `aws_session_token`, `clientSecret`...). The rule: a name
 * is secret when what it holds lets its holder act as someone (a bearer credential) or proves a secret. A session id
 * is such a credential (`x-session-id`, `sessionId`, PHP's `PHPSESSID`, Java's `JSESSIONID`): whoever sends it is the
 * session's user. Ids that name without granting (`x-request-id`, `x-opaque-id`, `client_id`) and counts or other
 * words about sessions (`session_count`, `sessions`) are not; see SESSION_ID for where the word must start.
 */
const SENSITIVE_SUFFIXES = ['password', 'passwd', 'pwd', 'secret', 'token', 'secretaccesskey', 'secretkey', 'apikey', 'privatekey', 'passphrase', 'passwordhash'];

/**
 * A session id name: `sess`/`session` + `id` (plural too) as a word of its own, at the start, after a separator or as
 * a camel-case word (`x-session-id`, `sessionId`, `userSessionID`), not inside another word (`assess_id`,
 * `obsession_id`). PHP's and Java's names are in SENSITIVE_EXACT.
 */
const SESSION_ID = /(?:^|[^A-Za-z0-9])sess(?:ion)?[-_. ]?ids?$/i;
const CAMEL_SESSION_ID = /[a-z0-9]Sess(?:ion)?[-_. ]?I[dD]s?$/;

/**
 * Endings whose plural is secret too (`passwords`, `client_secrets`, `api_keys`, `refresh_tokens`). A bare `tokens`
 * is not: OpenSearch answers `_analyze` with a `tokens` list.
 */
const PLURAL_SUFFIXES = ['passwords', 'passwds', 'secrets', 'secretkeys', 'apikeys', 'privatekeys', 'passphrases', 'tokens'];

/**
 * A word every name isSensitiveKey accepts contains as written (before `-`, `_`, `.` are dropped): a cheap first
 * test for scanners of large bodies (request-meta.ts), which then ask isSensitiveKey. The `names` test of
 * test/unit/redact-block-shapes.test.ts keeps it in step with the lists above.
 */
export const SENSITIVE_KEY_HINT = 'pass|pwd|secret|token|key|auth|cookie|signature|credential|hash|edge.?admin|sess(?:ion)?[-_. ]?id';

/**
 * The last word of every name isSensitiveKey accepts (`api_key` ends in `key`, `passwords` in `words`): where
 * redact-key-shapes.ts looks for keys in free text. Kept in step with the lists by the same test.
 */
export const SENSITIVE_KEY_ENDING = 'words?|wds?|secrets?|tokens?|keys?|phrases?|pass|authorization|cookie|signature|credentials?|hash(?:es)?|admin|sess(?:ion)?[-_.]?ids?';

/** Names written so (after any leading `-`, `$`...) that are not secrets: the shell's working directories (`PWD=/home/app`). */
const NOT_SECRET = new Set(['PWD', 'OLDPWD']);

/** `pass` as the last word of a longer name (`DB_PASS`, `smtp.pass`, `dbPass`), not inside a word (`bypass`). */
const PASS_WORD = /(?:[-_. ]pass|[-_. ]PASS|[a-z0-9]Pass)$/;

/** True when a header, query parameter or JSON field of this name holds a secret. */
export function isSensitiveKey(name: string): boolean {
  if (typeof name !== 'string' || name.length === 0 || name.length > 200) return false;
  if (NOT_SECRET.has(name.replace(/^[^A-Za-z0-9]+/, ''))) return false;
  const normalized = name.toLowerCase().replace(/[-_. ]/g, '');
  if (normalized === 'tokens') return false;
  if (SENSITIVE_EXACT.has(normalized)) return true;
  if (PASS_WORD.test(name) || SESSION_ID.test(name) || CAMEL_SESSION_ID.test(name)) return true;
  return SENSITIVE_SUFFIXES.some((suffix) => normalized.endsWith(suffix)) || PLURAL_SUFFIXES.some((suffix) => normalized.endsWith(suffix));
}
