/**
 * Which auth options hold secrets, in one place: each mode's spec reads its own list (its `secrets()`), and the
 * redaction of options no mode could read yet (an unknown or invalid `auth.mode`) reads every list. Data only, so a
 * lean entry that validates one mode's options does not load the other modes' specs to redact an error.
 */

/** Keys of `auth` whose string values are secrets, per mode. */
export const SECRET_AUTH_KEYS = {
  none: [],
  basic: ['password'],
  iam: [],
  cognito: ['password', 'clientSecret', 'idToken', 'refreshToken'],
} as const satisfies Record<string, readonly string[]>;

/** Keys of `auth.credentials` (static AWS credentials, mode iam) whose values are secrets. */
export const SECRET_CREDENTIAL_KEYS = ['secretAccessKey', 'sessionToken'] as const;

/** `user:password`, as a Basic credential carries it (echoed decoded by some servers). */
function basicPair(auth: Record<string, unknown>): string[] {
  return typeof auth.username === 'string' && typeof auth.password === 'string' ? [`${auth.username}:${auth.password}`] : [];
}

/** The secret values `auth` holds under the keys of `keys` (and the user:password pair when it has both). */
export function authSecrets(auth: object, keys: readonly string[]): unknown[] {
  const a = auth as Record<string, unknown>;
  return [...keys.map((key) => a[key]), ...(keys.includes('password') ? basicPair(a) : [])];
}

/** The secret values of static AWS credentials (`auth.credentials`), when it is an object. */
export function credentialSecrets(credentials: unknown): unknown[] {
  if (typeof credentials !== 'object' || credentials === null) return [];
  const c = credentials as Record<string, unknown>;
  return SECRET_CREDENTIAL_KEYS.map((key) => c[key]);
}

/** Every mode's secret auth keys (for options whose mode is not known yet). */
export const EVERY_SECRET_AUTH_KEY: readonly string[] = [...new Set(Object.values(SECRET_AUTH_KEYS).flat())];
