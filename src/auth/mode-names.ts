/** The names of the auth modes, apart from their specs (auth/modes.ts) so a check of `auth.mode` bundles no mode. */

/** Every auth mode's name, in table order. */
export const AUTH_MODE_NAMES = ['iam', 'basic', 'cognito', 'none'] as const;

/** The auth modes. */
export type AuthMode = (typeof AUTH_MODE_NAMES)[number];

/** True for a known mode name. */
export function isAuthMode(value: unknown): value is AuthMode {
  return typeof value === 'string' && (AUTH_MODE_NAMES as readonly string[]).includes(value);
}

/** True for a mode that signs its requests with SigV4 (and so sets the signer's own x-amz-* headers). */
export function modeSigns(mode: string): boolean {
  return mode === 'iam' || mode === 'cognito';
}
