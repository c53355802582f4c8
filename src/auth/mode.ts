/**
 * The shape every auth mode has: its options type, validation, environment variables and secrets
 * (the "spec") and, apart from it, its factory (the strategy code). An entry point lists the specs
 * and factories of the modes it includes (entries/*.ts, client/create-client.ts), so a bundle of a
 * lean entry carries neither of the other modes.
 */
import type { EnvReader } from '../client/from-env-read.js';
import type { SecretSet } from '../errors/secrets.js';
import type { SigV4Scope } from './sigv4/scope.js';
import type { AuthStrategy } from './strategy.js';

/** What a mode's validation knows about the rest of the options. */
export interface ModeValidationContext {
  /** The parsed node URLs. */
  nodes: readonly URL[];
  /** The environment (AWS_REGION fallbacks). */
  env: NodeJS.ProcessEnv;
  /** `allowInsecureHttp` as given. */
  allowInsecureHttp: boolean;
}

/** What a mode's validation worked out for its factory. */
export interface ModeResolution {
  /** For SigV4 modes: the signing scope. */
  signing?: SigV4Scope;
}

/** What a mode's factory gets besides its options. */
export interface ModeFactoryContext {
  /** Per-attempt timeout; also bounds each credential provider call. */
  requestTimeoutMs: number;
  /** Refresh credentials this long before they expire. */
  refreshBufferMs: number;
  /** The client's secrets: the strategy adds every secret it holds or derives. */
  secrets: SecretSet;
}

/** One environment variable a mode reads. */
export interface EnvVariable {
  name: string;
  /** The option it sets, e.g. `auth.password`. */
  option: string;
}

/** What a mode's fromEnv knows besides its own variables. */
export interface EnvContext {
  /** The node URLs from OPENSEARCH_URL, already checked (the host may name the domain's region). */
  nodes: readonly string[];
}

/** An auth mode's spec: options type `O`, chosen by `auth.mode`; no strategy code. */
export interface AuthModeDefinition<O extends { mode: string }> {
  readonly mode: O['mode'];
  /** One line for messages and docs. */
  readonly description: string;
  /** Every key `auth` may have in this mode (`mode` included). */
  readonly keys: readonly string[];
  /** Checks the options (ConfigError naming `auth.<key>`); no network. */
  validate(auth: O, context: ModeValidationContext): ModeResolution;
  /** The environment variables the mode reads. */
  readonly env: readonly EnvVariable[];
  /** The options from the environment (ConfigError naming the variable). */
  fromEnv(read: EnvReader, context: EnvContext): O;
  /** The secret values written in the options (passwords, keys, tokens), for redaction. */
  secrets(auth: O): unknown[];
  /** What every request of the mode carries that must not cross a network in clear text (none: nothing). */
  readonly carries: string | undefined;
}

/** A mode's factory: the strategy for validated options (no network, nothing loaded yet). */
export type AuthModeFactory<O extends { mode: string }> = (auth: O, resolution: ModeResolution, context: ModeFactoryContext) => AuthStrategy;
