/**
 * The clients a CLI command works with, built from the environment exactly as `fromEnv` builds a
 * Lambda's: the CALLER from the usual variables, and an optional ADMIN (who may read roles) from
 * the same names with an `ADMIN_` infix: `OPENSEARCH_ADMIN_URL`, `OPENSEARCH_ADMIN_AUTH`,
 * `OPENSEARCH_ADMIN_USERNAME`, `OPENSEARCH_ADMIN_PASSWORD`, `COGNITO_ADMIN_*`, and
 * `AWS_ADMIN_ACCESS_KEY_ID` / `AWS_ADMIN_SECRET_ACCESS_KEY` / `AWS_ADMIN_SESSION_TOKEN` for an IAM admin.
 */
import type { Client } from '@opensearch-project/opensearch';
import { createClient, fromEnv } from '../index.js';
import { environmentSecrets, variablesUnusedBy } from '../client/from-env.js';
import { SecretSet, secretsOf } from '../errors/secrets.js';
import { ConfigError } from '../errors/classes.js';
import { CONTROL } from './flags.js';

/** The environment of one CLI run and the clients made from it. */
export class CliContext {
  readonly secrets: SecretSet;
  readonly #env: NodeJS.ProcessEnv;
  #caller: Client | undefined;
  #admin: Client | null | undefined;
  /** The errors each client reported (its `response` event passes the error its call rejects with). */
  readonly #errorsOf = new WeakMap<object, 'caller' | 'admin'>();

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.#env = env;
    this.secrets = environmentSecrets(env);
    // the compliance salt (Amazon OpenSearch Service keeps it secret): knowing it lets masked values be guessed back
    this.secrets.add(env.OPENSEARCH_MASKING_SALT);
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
    this.#caller ??= this.#watched(createClient(fromEnv(this.hasAdmin() ? callerEnv(this.#env) : this.#env)), 'caller');
    return this.#caller;
  }

  /** True when admin variables are set (an empty one is unset, as fromEnv reads every variable). */
  hasAdmin(): boolean {
    return Object.entries(this.#env).some(([k, v]) => /^(?:OPENSEARCH|COGNITO|AWS)_ADMIN_/.test(k) && v !== undefined && v !== '');
  }

  /** The admin's client, or the caller's when no admin variables are set. */
  admin(): Client {
    if (this.#admin === undefined) this.#admin = this.hasAdmin() ? this.#watched(createClient(adminOptions(this.#env)), 'admin') : null;
    return this.#admin ?? this.caller();
  }

  /**
   * Which principal's request failed with `error` (or an error in its `cause` chain): `admin` only for the client of
   * the OPENSEARCH_ADMIN_* variables (without them admin() is the caller's client); undefined when no request made it.
   */
  principalOf(error: unknown): 'caller' | 'admin' | undefined {
    let e = error;
    for (let depth = 0; depth < 8 && e !== null && typeof e === 'object'; depth++) {
      const who = this.#errorsOf.get(e);
      if (who !== undefined) return who;
      e = (e as { cause?: unknown }).cause;
    }
    return undefined;
  }

  /** `client`, with the errors of its requests remembered as `who`'s (the listener never throws: one that did would reject the call). */
  #watched(client: Client, who: 'caller' | 'admin'): Client {
    client.on('response', (err) => {
      if (err !== null && typeof err === 'object') this.#errorsOf.set(err, who);
    });
    return client;
  }

  /** The secret sets of the clients made so far: what they hold beyond the environment (credentials from a profile, IMDS, Cognito tokens). */
  clientSecrets(): SecretSet[] {
    return [this.#caller, this.#admin ?? undefined].flatMap((c) => (c === undefined ? [] : [secretsOf(c)]));
  }

  /** Closes every client made (each lets its attempts in flight finish first: client-shared.ts whenIdle). */
  async close(): Promise<void> {
    await Promise.allSettled([this.#caller?.close(), this.#admin?.close()]);
  }
}

/** The caller's variables an admin principal falls back to when its own `_ADMIN_` one is unset. */
const SHARED_WITH_CALLER = ['OPENSEARCH_URL', 'OPENSEARCH_CA_FILE', 'OPENSEARCH_SIGNING_HOST', 'OPENSEARCH_SERVICE', 'OPENSEARCH_REGION', 'OPENSEARCH_REQUEST_TIMEOUT_MS'];

/** The admin's auth mode as written: its own OPENSEARCH_ADMIN_AUTH, else the caller's. */
function adminModeOf(env: NodeJS.ProcessEnv): string {
  const mode = (env.OPENSEARCH_ADMIN_AUTH ?? '') !== '' ? env.OPENSEARCH_ADMIN_AUTH : env.OPENSEARCH_AUTH;
  return typeof mode === 'string' ? mode : '';
}

/**
 * The caller's environment without the shared signing variables (OPENSEARCH_REGION...) its own mode does not read but
 * a signing admin without its own `_ADMIN_` one does: set for that admin, which falls back to them, they are not the
 * caller's (a basic or none caller reads none of them).
 */
function callerEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const callerUnused = variablesUnusedBy(typeof env.OPENSEARCH_AUTH === 'string' ? env.OPENSEARCH_AUTH : '');
  const adminUnused = variablesUnusedBy(adminModeOf(env));
  const forAdmin = SHARED_WITH_CALLER.filter((name) => callerUnused.includes(name) && !adminUnused.includes(name) && (env[name.replace(/^OPENSEARCH_/, 'OPENSEARCH_ADMIN_')] ?? '') === '');
  if (forAdmin.length === 0) return env;
  // null prototype: the variables copied below never reach a setter a polluted Object.prototype holds
  const copy = Object.create(null) as NodeJS.ProcessEnv;
  for (const [key, value] of Object.entries(env)) if (!forAdmin.includes(key)) copy[key] = value;
  return copy;
}

/** The variable the user set (or should set) for the admin's `name`: `OPENSEARCH_X` -> `OPENSEARCH_ADMIN_X`, unless the caller's was used. */
function adminVariable(name: string, env: NodeJS.ProcessEnv): string {
  const m = /^(OPENSEARCH|COGNITO)_(.+)$/.exec(name);
  if (m === null) return name;
  const own = `${m[1]}_ADMIN_${m[2]}`;
  return (env[own] ?? '') === '' && SHARED_WITH_CALLER.includes(name) && env[name] !== undefined ? name : own;
}

/** fromEnv over the admin variables (unset ones fall back to the caller's URL, CA and region); errors name the admin's variables. */
function adminOptions(env: NodeJS.ProcessEnv): ReturnType<typeof fromEnv> {
  // null prototype: the variables set below never reach a setter a polluted Object.prototype holds
  const admin = Object.create(null) as NodeJS.ProcessEnv;
  for (const [key, value] of Object.entries(env)) {
    if (!/^(?:OPENSEARCH|COGNITO)_/.test(key)) admin[key] = value;
  }
  // the caller's region, service and signing host are for an admin that signs (a basic or none admin reads none of them)
  const unused = variablesUnusedBy(adminModeOf(env));
  for (const name of SHARED_WITH_CALLER) {
    if (env[name] !== undefined && !unused.includes(name)) admin[name] = env[name];
  }
  for (const [key, value] of Object.entries(env)) {
    const m = /^(OPENSEARCH|COGNITO)_ADMIN_(.+)$/.exec(key);
    // an empty one is unset: the caller's URL, CA and region still apply (OPENSEARCH_ADMIN_URL= stood for "no URL")
    if (m && value !== undefined && value !== '') admin[`${m[1]}_${m[2]}`] = value;
  }
  let options: ReturnType<typeof fromEnv>;
  try {
    options = fromEnv(admin);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const name = adminVariable(e.option, env);
    let message = e.message.split(e.option).join(name);
    // "OPENSEARCH_AUTH is basic, which does not use it" is about the admin's own mode variable when one is set
    if ((env.OPENSEARCH_ADMIN_AUTH ?? '') !== '') message = message.replace(/\bOPENSEARCH_AUTH\b/g, 'OPENSEARCH_ADMIN_AUTH');
    // every other variable the message names is the admin's own (`set OPENSEARCH_REGION` told an admin missing a region
    // to set the caller's variable, which it does not read when OPENSEARCH_ADMIN_REGION is meant)
    message = message.replace(/\b(?:OPENSEARCH|COGNITO)_(?!ADMIN_)[A-Z0-9_]+\b/g, (v) => (v === 'OPENSEARCH_AUTH' ? v : adminVariable(v, env)));
    throw name === e.option && message === e.message ? e : new ConfigError(name, message);
  }
  const keys = adminKeys(env, options.auth?.mode);
  if (options.auth?.mode === 'iam' && keys !== undefined) return { ...options, auth: { ...options.auth, credentials: keys } };
  return options;
}

const ADMIN_KEY_VARIABLES = ['AWS_ADMIN_ACCESS_KEY_ID', 'AWS_ADMIN_SECRET_ACCESS_KEY', 'AWS_ADMIN_SESSION_TOKEN'] as const;

/**
 * The admin's AWS keys, all or none (empty is unset). One of the pair alone, or keys beside a mode other than iam,
 * was ignored silently: the admin then signed with the caller's own credentials (the default chain), or not at all.
 * A value is never quoted.
 */
function adminKeys(env: NodeJS.ProcessEnv, mode: string | undefined): { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined {
  const [accessKeyId, secretAccessKey, sessionToken] = ADMIN_KEY_VARIABLES.map((name) => {
    const value = env[name];
    if (value === undefined || value === '') return undefined;
    if (value.trim() !== value || CONTROL.test(value)) throw new ConfigError(name, `${name}: has whitespace around it or a control character (the value is not shown)`);
    return value;
  });
  const given = ADMIN_KEY_VARIABLES.filter((name) => (env[name] ?? '') !== '');
  if (given.length === 0) return undefined;
  if (mode !== 'iam') throw new ConfigError(given[0]!, `${given[0]!}: is set, but the admin principal's auth mode is ${mode ?? 'unset'} (OPENSEARCH_ADMIN_AUTH=iam signs with these keys)`);
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    const missing = accessKeyId === undefined ? 'AWS_ADMIN_ACCESS_KEY_ID' : 'AWS_ADMIN_SECRET_ACCESS_KEY';
    throw new ConfigError(missing, `${missing}: is not set (the admin's keys are a pair: AWS_ADMIN_ACCESS_KEY_ID and AWS_ADMIN_SECRET_ACCESS_KEY)`);
  }
  return { accessKeyId, secretAccessKey, ...(sessionToken !== undefined ? { sessionToken } : {}) };
}
