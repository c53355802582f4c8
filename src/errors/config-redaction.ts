/**
 * A ConfigError redacted by value with the secrets in scope (the options' own, a client's): the one home of that step
 * for createClient, child(), ingest and every other entry whose option errors may quote what the caller gave.
 */
import { ConfigError } from './base.js';
import { redactText } from './redact.js';
import type { SecretSet } from './secrets.js';

/**
 * `error` with the values of `secrets` redacted from its option name and message; the same error when nothing changes.
 * The `option: ` prefix is redacted apart from the rest (as ConfigError does): `auth.password: contains a line break`
 * has the shape of a `key: value` line, and redacting it whole would hide what is wrong.
 */
export function redactConfigError(error: ConfigError, secrets: SecretSet | readonly (SecretSet | undefined)[] | undefined): ConfigError {
  const sets = Array.isArray(secrets) ? secrets : [secrets as SecretSet | undefined];
  if (sets.every((s) => s === undefined || s.empty)) return error;
  const option = redactText(error.option, sets);
  const prefix = `${error.option}: `;
  const message = error.message.startsWith(prefix) ? `${option}: ${redactText(error.message.slice(prefix.length), sets)}` : redactText(error.message, sets);
  return message === error.message && option === error.option ? error : new ConfigError(option, message);
}

/** Runs `check`; a ConfigError it throws leaves redacted with `secrets` (computed only then). */
export function withRedactedConfigErrors<T>(check: () => T, secrets: () => SecretSet | readonly (SecretSet | undefined)[] | undefined): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw redactConfigError(error, secrets());
  }
}
