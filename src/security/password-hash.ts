/**
 * The `hash` of an internal user: the forms the security plugin can verify a password against. The plugin stores any
 * string given as `hash` (2.19.4 and 3.4.0 answer 201 to `"hash": "abc"`) and checks a sign-in with the hasher that
 * `plugins.security.password.hashing.algorithm` selects (password4j 1.8: BcryptFunction, CompressedPBKDF2Function,
 * Argon2Function `getInstanceFromHash`), which recomputes the whole string and compares it: a value of no form below
 * fails every sign-in (401), so the user could never log in. Measured on both nodes (BCrypt, the default): `$2a$`,
 * `$2b$`, `$2x$`, `$2y$` sign in; `$2A$`, `$2c$`, rounds `03`, a truncated or extended hash, `abc` and the plain
 * password given as hash do not. PBKDF2 (2.16+) and Argon2 (3.2+) are verified only where that setting selects them;
 * their forms were checked with the password4j jars the nodes ship (each generated hash verifies).
 */

/** BCrypt: `$2$`, `$2a$`, `$2b$`, `$2x$` or `$2y$`, rounds 04-31, 22 characters of salt and 31 of hash (bcrypt's base64). */
const BCRYPT = /^\$2[abxy]?\$(?:0[4-9]|[12]\d|3[01])\$[./A-Za-z0-9]{53}$/;
/** password4j's compressed PBKDF2: `$<HMAC code 1-5>$<iterations << 32 | length>$<salt>$<hash>` (base64, padded). */
const PBKDF2 = /^\$[1-5]\$\d{1,20}\$[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}$/;
/** Argon2 (PHC form): `$argon2id$v=19$m=65536,t=3,p=1$<salt>$<hash>` (`i`, `d` or `id`; base64 without padding). */
const ARGON2 = /^\$argon2(?:id|i|d)\$v=\d{1,10}\$m=\d{1,10},t=\d{1,10},p=\d{1,10}\$[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}$/;

/**
 * Why the plugin could never verify a password against `hash`, or undefined when some configuration can (a string of
 * another type is left to the shape check). Never quotes the value: a hash, or a password put there by mistake, is a secret.
 */
export function hashProblem(hash: unknown): string | undefined {
  if (typeof hash !== 'string') return undefined;
  if (hash === '') return 'is empty: the plugin stores a user without a password and refuses every later change of it';
  if (BCRYPT.test(hash) || PBKDF2.test(hash) || ARGON2.test(hash)) return undefined;
  return 'is not a hash the security plugin can verify: it would be stored and every sign-in of the user refused (401). Give a BCrypt ' +
    'hash ($2y$12$ and 53 characters), or a PBKDF2 or Argon2 hash in password4j\'s form where plugins.security.password.hashing.algorithm ' +
    'selects it; to set a password, give `password` (the node hashes it)';
}
