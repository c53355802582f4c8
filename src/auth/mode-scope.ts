/** Which auth modes one createClient accepts, and the refusal of the others (no mode's spec imported here). */
import { AUTH_MODE_NAMES, type AuthMode } from './mode-names.js';
import type { AuthModeDefinition } from './mode.js';
import type { AuthOptions, ModeSpecs } from './modes.js';

/** The modes one createClient accepts: their specs, and the entry's import path for refusals. */
export interface ModeScope {
  /** The import path, e.g. `opensearch-fgac/basic`. */
  readonly name: string;
  readonly specs: ModeSpecs;
}

/** The lean entries that include a mode (`none` is in each), for the refusal's hint. */
const LEAN_ENTRY_OF: Partial<Record<AuthMode, string>> = { basic: 'opensearch-fgac/basic', iam: 'opensearch-fgac/iam' };

/** Why `mode` is refused by `scope`, or undefined when the scope includes it. */
export function modeNotIncluded(mode: AuthMode, scope: ModeScope): string | undefined {
  if (scope.specs[mode] !== undefined) return undefined;
  const included = AUTH_MODE_NAMES.filter((m) => scope.specs[m] !== undefined).join(', ');
  const lean = LEAN_ENTRY_OF[mode];
  return `mode "${mode}" is not included in ${scope.name} (modes: ${included}); import createClient from "opensearch-fgac" or "opensearch-fgac/client" (every mode)${lean !== undefined ? ` or "${lean}"` : ''}`;
}

/** The spec of a mode the scope includes, typed loosely for code that handles any mode. */
export function modeDefinition(mode: AuthMode, scope: ModeScope): AuthModeDefinition<AuthOptions> {
  return scope.specs[mode] as unknown as AuthModeDefinition<AuthOptions>;
}
