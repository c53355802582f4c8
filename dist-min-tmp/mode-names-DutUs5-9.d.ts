/** The names of the auth modes, apart from their specs (auth/modes.ts) so a check of `auth.mode` bundles no mode. */
/** Every auth mode's name, in table order. */
declare const AUTH_MODE_NAMES: readonly ["iam", "basic", "cognito", "none"];
/** The auth modes. */
type AuthMode = (typeof AUTH_MODE_NAMES)[number];

export type { AuthMode as A };
