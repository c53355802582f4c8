/**
 * The auth modes, one row each: `auth.mode` -> its options type, validation, environment
 * variables and secrets (the specs; the factories are in factories.ts). Adding a mode means
 * writing its file and adding its row here and its factory to the entries that include it.
 */
import { basicMode } from './basic.js';
import { cognitoMode } from './cognito.js';
import { iamMode } from './iam-mode.js';
import type { AuthModeDefinition, AuthModeFactory } from './mode.js';
import { noneMode } from './none.js';

/** Every auth mode by name. */
export const AUTH_MODES = {
  iam: iamMode,
  basic: basicMode,
  cognito: cognitoMode,
  none: noneMode,
} as const;

/** The auth modes. */
export type AuthMode = keyof typeof AUTH_MODES;

/** The options type of one mode's definition. */
type OptionsOf<D> = D extends AuthModeDefinition<infer O> ? O : never;

/** How the client authenticates, chosen by `mode`. */
export type AuthOptions = { [M in AuthMode]: OptionsOf<(typeof AUTH_MODES)[M]> }[AuthMode];

/** The names of the modes, in table order. */
export const AUTH_MODE_NAMES = Object.keys(AUTH_MODES) as AuthMode[];

/** True for a known mode name. */
export function isAuthMode(value: unknown): value is AuthMode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(AUTH_MODES, value);
}

/** The definition of a mode, typed loosely for code that handles any mode. */
export function modeDefinition(mode: AuthMode): AuthModeDefinition<AuthOptions> {
  return AUTH_MODES[mode] as unknown as AuthModeDefinition<AuthOptions>;
}

/** Factories by mode: the modes an entry's createClient includes (the others are refused with a ConfigError). */
export type ModeFactories = { readonly [M in AuthMode]?: AuthModeFactory<Extract<AuthOptions, { mode: M }>> };
