/**
 * The auth modes, one row each: `auth.mode` -> its options type, validation, environment
 * variables and secrets (the specs; each mode's factory is apart from its spec). Adding a mode
 * means writing its file, adding its name to mode-names.ts, its row here, and its spec and
 * factory to the entries that include it.
 */
import { basicMode } from './basic.js';
import { cognitoMode } from './cognito.js';
import { iamMode } from './iam-mode.js';
import type { AuthModeDefinition, AuthModeFactory } from './mode.js';
import type { AuthMode } from './mode-names.js';
import { noneMode } from './none.js';

export type { AuthMode } from './mode-names.js';

/** Every auth mode by name (one row per name of mode-names.ts, no other). */
export const AUTH_MODES = {
  iam: iamMode,
  basic: basicMode,
  cognito: cognitoMode,
  none: noneMode,
} as const satisfies Record<AuthMode, unknown>;

/** The options type of one mode's definition. */
type OptionsOf<D> = D extends AuthModeDefinition<infer O> ? O : never;

/** How the client authenticates, chosen by `mode`. */
export type AuthOptions = { [M in AuthMode]: OptionsOf<(typeof AUTH_MODES)[M]> }[AuthMode];

/** Specs by mode: the modes an entry's createClient validates (and so bundles). */
export type ModeSpecs = { readonly [M in AuthMode]?: AuthModeDefinition<Extract<AuthOptions, { mode: M }>> };

/** Factories by mode: the modes an entry's createClient includes (the others are refused with a ConfigError). */
export type ModeFactories = { readonly [M in AuthMode]?: AuthModeFactory<Extract<AuthOptions, { mode: M }>> };

/** The root entry's and `opensearch-fgac/client`'s scope: every mode (also used by validateOptions and fromEnv). */
export const EVERY_MODE_SCOPE = { name: 'opensearch-fgac', specs: AUTH_MODES } as const;
