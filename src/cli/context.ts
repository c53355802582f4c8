/**
 * The clients a CLI command works with, built from the environment exactly as `fromEnv` builds a
 * Lambda's: the CALLER from the usual variables, and an optional ADMIN (who may read roles) from
 * the same names with an `ADMIN_` infix: `OPENSEARCH_ADMIN_URL`, `OPENSEARCH_ADMIN_AUTH`,
 * `OPENSEARCH_ADMIN_USERNAME`, `OPENSEARCH_ADMIN_PASSWORD`, `COGNITO_ADMIN_*`, and
 * `AWS_ADMIN_ACCESS_KEY_ID` / `AWS_ADMIN_SECRET_ACCESS_KEY` / `AWS_ADMIN_SESSION_TOKEN` for an IAM admin.
 */
import type { Client } from '@opensearch-project/opensearch';
import { createClient, fromEnv } from '../index.js';
import { environmentSecrets } from '../client/from-env.js';
import { SecretSet, secretsOf } from '../errors/secrets.js';
import { ConfigError } from '../errors/classes.js';

/** The environment of one CLI run and the clients made from it. */
export class CliContext {
  readonly secrets: SecretSet;
  readonly #env: NodeJS.ProcessEnv;
  #caller: Client | undefined;
  #admin: Client | null | undefined;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.#env = env;
    this.secrets = environmentSecrets(env);
  }

  /** A variable of the environment. */
  env(name: string): string | undefined {
    return this.#env[name];
  }

  /** The whole environment (read-only). */
  get vars(): Readonly<NodeJS.ProcessEnv> {
    return this.#env;
  }

  /** The caller's client (throws ConfigError naming the variable when the environment is incomplete). */
  caller(): Client {
    this.#caller ??= createClient(fromEnv(this.#env));
    return this.#caller;
  }

  /** True when admin variables are set. */
  hasAdmin(): boolean {
    return Object.keys(this.#env).some((k) => /^(?:OPENSEARCH|COGNITO|AWS)_ADMIN_/.test(k));
  }

  /** The admin's client, or the caller's when no admin variables are set. */
  admin(): Client {
    if (this.#admin === undefined) this.#admin = this.hasAdmin() ? createClient(adminOptions(this.#env)) : null;
    return this.#admin ?? this.caller();
  }

  /** The secret sets of the clients made so far: what they hold beyond the environment (credentials from a profile, IMDS, Cognito tokens). */
  clientSecrets(): SecretSet[] {
    return [this.#caller, this.#admin ?? undefined].flatMap((c) => (c === undefined ? [] : [secretsOf(c)]));
  }

  /** Closes every client made. */
  async close(): Promise<void> {
    await Promise.allSettled([this.#caller?.close(), this.#admin?.close()]);
  }
}

/** The caller's variables an admin principal falls back to when its own `_ADMIN_` one is unset. */
const SHARED_WITH_CALLER = ['OPENSEARCH_URL', 'OPENSEARCH_CA_FILE', 'OPENSEARCH_SIGNING_HOST', 'OPENSEARCH_SERVICE', 'OPENSEARCH_REGION', 'OPENSEARCH_REQUEST_TIMEOUT_MS'];

/** The variable the user set (or should set) for the admin's `name`: `OPENSEARCH_X` -> `OPENSEARCH_ADMIN_X`, unless the caller's was used. */
function adminVariable(name: string, env: NodeJS.ProcessEnv): string {
  const m = /^(OPENSEARCH|COGNITO)_(.+)$/.exec(name);
  if (m === null) return name;
  const own = `${m[1]}_ADMIN_${m[2]}`;
  return env[own] === undefined && SHARED_WITH_CALLER.includes(name) && env[name] !== undefined ? name : own;
}

/** fromEnv over the admin variables (unset ones fall back to the caller's URL, CA and region); errors name the admin's variables. */
function adminOptions(env: NodeJS.ProcessEnv): ReturnType<typeof fromEnv> {
  const admin: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    if (!/^(?:OPENSEARCH|COGNITO)_/.test(key)) admin[key] = value;
  }
  for (const name of SHARED_WITH_CALLER) {
    if (env[name] !== undefined) admin[name] = env[name];
  }
  for (const [key, value] of Object.entries(env)) {
    const m = /^(OPENSEARCH|COGNITO)_ADMIN_(.+)$/.exec(key);
    if (m) admin[`${m[1]}_${m[2]}`] = value;
  }
  let options: ReturnType<typeof fromEnv>;
  try {
    options = fromEnv(admin);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const name = adminVariable(e.option, env);
    throw name === e.option ? e : new ConfigError(name, e.message.split(e.option).join(name));
  }
  const accessKeyId = env.AWS_ADMIN_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_ADMIN_SECRET_ACCESS_KEY;
  if (options.auth?.mode === 'iam' && accessKeyId !== undefined && secretAccessKey !== undefined) {
    const sessionToken = env.AWS_ADMIN_SESSION_TOKEN;
    return { ...options, auth: { ...options.auth, credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } } };
  }
  return options;
}
