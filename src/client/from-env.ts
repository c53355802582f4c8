/**
 * `fromEnv`: the options of createClient from environment variables, so a deployment swaps auth
 * modes by configuration only. The common variables are read here; each auth mode reads its own
 * (auth/modes.ts). Every variable is checked on its own, then the options as a whole are checked
 * as createClient checks them (the contents of the PEM files excepted), a refusal naming the
 * variable the option came from.
 */
import { AUTH_MODE_NAMES, type AuthMode } from '../auth/mode-names.js';
import { modeDefinition } from '../auth/mode-scope.js';
import { AUTH_MODES, EVERY_MODE_SCOPE } from '../auth/modes.js';
import { refuseEndpointsTheSdkWouldNotRead, type CognitoAuthOptions } from '../auth/cognito.js';
import type { EnvVariable } from '../auth/mode.js';
import { ConfigError } from '../errors/classes.js';
import { isSensitiveKey, redactSecretValues } from '../errors/redact.js';
import { SecretSet } from '../errors/secrets.js';
import { EnvReader, envFail, readVariable } from './from-env-read.js';
import { MAX_TIMER_MS } from './options-check.js';
import { refusePrivateKey } from './pem.js';
import { resolveOptions, type FgacClientOptions } from './options.js';
import { isSharedPrototype, setOwn } from '../errors/own.js';

/** The variables read whatever the mode. */
export const COMMON_ENV_VARIABLES: readonly EnvVariable[] = [
  { name: 'OPENSEARCH_URL', option: 'node' },
  { name: 'OPENSEARCH_AUTH', option: 'auth.mode' },
  { name: 'OPENSEARCH_TENANT', option: 'tenant' },
  { name: 'OPENSEARCH_CA_FILE', option: 'ssl.ca' },
  { name: 'OPENSEARCH_CERT_FILE', option: 'ssl.cert' },
  { name: 'OPENSEARCH_KEY_FILE', option: 'ssl.key' },
  { name: 'OPENSEARCH_KEY_PASSPHRASE', option: 'ssl.passphrase' },
  { name: 'OPENSEARCH_REQUEST_TIMEOUT_MS', option: 'requestTimeoutMs' },
  { name: 'OPENSEARCH_COMPRESSION', option: 'compression' },
  { name: 'OPENSEARCH_ALLOW_INSECURE_HTTP', option: 'allowInsecureHttp' },
];

/** Every variable fromEnv reads: the common ones, then each mode's. */
export function envVariables(): EnvVariable[] {
  const seen = new Set<string>();
  const out: EnvVariable[] = [];
  for (const v of [...COMMON_ENV_VARIABLES, ...Object.values(AUTH_MODES).flatMap((m) => m.env)]) {
    if (!seen.has(v.name)) out.push(v);
    seen.add(v.name);
  }
  return out;
}

/**
 * Options from environment variables, so a deployment swaps auth modes by configuration only.
 *
 * - `OPENSEARCH_URL` (required): node URL, or several separated by commas.
 * - `OPENSEARCH_AUTH` (required): `iam` | `basic` | `cognito` | `none`.
 * - `OPENSEARCH_USERNAME`, `OPENSEARCH_PASSWORD`: basic auth.
 * - `OPENSEARCH_REGION`: the domain's region (iam, cognito): explicit, so one that contradicts the host is refused.
 * - `AWS_REGION` (or `AWS_DEFAULT_REGION`): the signing region only when neither `OPENSEARCH_REGION` nor the host
 *   names one (as in createClient: a Lambda's own region may differ from the domain's); cognito region fallback.
 * - `OPENSEARCH_SERVICE`: `es` | `aoss` (default detected from the host).
 * - `OPENSEARCH_SIGNING_HOST`: host to sign when `OPENSEARCH_URL` is a tunnel / VPC endpoint.
 * - `OPENSEARCH_TENANT`: security tenant (`securitytenant` header).
 * - `OPENSEARCH_CA_FILE`: PEM file of the CA to trust (read now).
 * - `OPENSEARCH_CERT_FILE`, `OPENSEARCH_KEY_FILE`, `OPENSEARCH_KEY_PASSPHRASE`: mTLS client certificate and key (PEM files, read now).
 * - `OPENSEARCH_REQUEST_TIMEOUT_MS`: per-attempt timeout in ms (decimal digits).
 * - `OPENSEARCH_COMPRESSION`: `true` to gzip request bodies (booleans: `true` or `false`, any case).
 * - `OPENSEARCH_ALLOW_INSECURE_HTTP`: `true` to allow basic auth over http to a remote host.
 * - `COGNITO_REGION` (default `AWS_REGION`), `COGNITO_USER_POOL_ID`, `COGNITO_CLIENT_ID`,
 *   `COGNITO_CLIENT_SECRET`, `COGNITO_IDENTITY_POOL_ID`, `COGNITO_USERNAME`, `COGNITO_PASSWORD`,
 *   `COGNITO_ID_TOKEN`, `COGNITO_REFRESH_TOKEN`, `COGNITO_CUSTOM_ROLE_ARN`,
 *   `COGNITO_IDP_ENDPOINT`, `COGNITO_IDENTITY_ENDPOINT`.
 *
 * IAM credentials themselves come from the default AWS chain (AWS_ACCESS_KEY_ID, AWS_PROFILE,
 * web identity, ECS, IMDS...), and the AWS SDK reads its AWS_ENDPOINT_URL* variables from process.env whatever `env`
 * is: in cognito mode an endpoint `env` and process.env name differently is refused (set COGNITO_*_ENDPOINT instead). A missing or invalid value (surrounding whitespace, a value of spaces only
 * or a line break included; a value that is not a string), a credential variable of another mode, or options that
 * cannot work together, throw ConfigError naming the variable. Variables the
 * object inherits from its own prototypes are read (`Object.create(process.env)`), never what Object.prototype holds.
 */
export function fromEnv(env: NodeJS.ProcessEnv = process.env): FgacClientOptions {
  const snapshot = envSnapshot(env);
  try {
    return readEnvOptions(snapshot);
  } catch (e) {
    throw e instanceof ConfigError ? withSecretVariablesRedacted(e, snapshot) : e;
  }
}

/**
 * The names of the variables of `env`: its own enumerable keys, then those of its own prototypes (an environment made
 * with `Object.create(process.env)` and a few overrides reads as it does for child_process), never a shared prototype's.
 */
function variableNames(env: object): string[] {
  const names = new Set<string>();
  for (let holder: object | null = env; holder !== null && !isSharedPrototype(holder); holder = Object.getPrototypeOf(holder) as object | null) {
    for (const name of Object.keys(holder)) names.add(name);
  }
  return [...names];
}

/**
 * The variables read once into a plain object: a Proxy or getter is read (or refused) here, never half-way through.
 * A value that is not a string (a number, a `String` object, a Buffer, null) is kept for a variable fromEnv reads,
 * so the reader refuses it naming the variable (never taken for "not set"); `undefined` is unset, as in process.env.
 */
function envSnapshot(env: unknown): NodeJS.ProcessEnv {
  if (env === null || typeof env !== 'object') throw new ConfigError('env', `fromEnv(env) needs an object of environment variables, got ${env === null ? 'null' : typeof env}`);
  const snapshot: NodeJS.ProcessEnv = Object.create(null) as NodeJS.ProcessEnv;
  let names: string[];
  try {
    names = variableNames(env);
  } catch {
    throw new ConfigError('env', 'the environment object could not be read (a getter or Proxy threw; its text is not repeated)');
  }
  const read = new Set(envVariables().map((v) => v.name));
  for (const name of names) {
    let value: unknown;
    try {
      value = (env as Record<string, unknown>)[name];
    } catch {
      throw new ConfigError(/^\w{1,100}$/.test(name) ? name : 'env', 'this environment variable could not be read (a getter or Proxy threw; its text is not repeated)');
    }
    if (typeof value === 'string' || (value !== undefined && read.has(name))) (snapshot as Record<string, unknown>)[name] = value;
  }
  return snapshot;
}

/** True for a variable whose value is a secret wherever it appears (a password put in the user-name variable). */
function isSecretVariable(name: string): boolean {
  return /(?:PASSWORD|PASSPHRASE|SECRET|TOKEN)/i.test(name) || isSensitiveKey(name);
}

/** The values of the environment's secret variables (see isSecretVariable) as a SecretSet. */
export function environmentSecrets(env: NodeJS.ProcessEnv): SecretSet {
  const secrets = new SecretSet();
  for (const name of Object.keys(env)) {
    if (!isSecretVariable(name)) continue;
    try {
      secrets.add(env[name]);
    } catch {
      // an unreadable variable is reported as such by the reader, or is not ours to read
    }
  }
  return secrets;
}

/** `e` with the values of the environment's secret variables removed from its message (a copy only when one was there). */
function withSecretVariablesRedacted(e: ConfigError, env: NodeJS.ProcessEnv): ConfigError {
  const message = redactSecretValues(e.message, environmentSecrets(env));
  return message === e.message ? e : new ConfigError(e.option, message);
}

function readEnvOptions(env: NodeJS.ProcessEnv): FgacClientOptions {
  const read = new EnvReader(env);
  const nodes = read.urls('OPENSEARCH_URL', 'the domain endpoint, e.g. https://search-x.us-east-1.es.amazonaws.com');
  const mode = read.oneOf<AuthMode>('OPENSEARCH_AUTH', AUTH_MODE_NAMES);
  if (mode === undefined) read.required('OPENSEARCH_AUTH', `one of ${AUTH_MODE_NAMES.join(', ')}`);
  const auth = modeDefinition(mode as AuthMode, EVERY_MODE_SCOPE).fromEnv(read, { nodes });
  refuseOtherModesVariables(mode as AuthMode, env);

  const options: FgacClientOptions = { node: nodes.length === 1 ? (nodes[0] as string) : nodes, auth };
  const tenant = read.string('OPENSEARCH_TENANT');
  // set with setOwn: an assignment of an option the literal lacks would reach a setter a polluted Object.prototype holds
  if (tenant !== undefined) setOwn(options, 'tenant', tenant);
  const ca = read.file('OPENSEARCH_CA_FILE');
  const cert = read.file('OPENSEARCH_CERT_FILE');
  const key = read.file('OPENSEARCH_KEY_FILE');
  const passphrase = read.string('OPENSEARCH_KEY_PASSPHRASE', { secret: true });
  // a key in the CA file (other than OPENSEARCH_KEY_FILE's own: one file holding everything) is refused naming the
  // file before anything else (checkAsAWhole checks the rest of its contents as createClient does)
  if (ca !== undefined) refusePrivateKey('OPENSEARCH_CA_FILE', ca, 'a CA file', key, passphrase);
  if (ca !== undefined || cert !== undefined || key !== undefined || passphrase !== undefined) {
    setOwn(options, 'ssl', {
      ...(ca !== undefined ? { ca } : {}),
      ...(cert !== undefined ? { cert } : {}),
      ...(key !== undefined ? { key } : {}),
      ...(passphrase !== undefined ? { passphrase } : {}),
    });
  }
  const timeout = read.integer('OPENSEARCH_REQUEST_TIMEOUT_MS', 1, MAX_TIMER_MS);
  if (timeout !== undefined) setOwn(options, 'requestTimeoutMs', timeout);
  const compression = read.boolean('OPENSEARCH_COMPRESSION');
  if (compression !== undefined) setOwn(options, 'compression', compression);
  const insecureHttp = read.boolean('OPENSEARCH_ALLOW_INSECURE_HTTP');
  if (insecureHttp !== undefined) setOwn(options, 'allowInsecureHttp', insecureHttp);
  checkAsAWhole(options, env);
  // the AWS SDK's own endpoint variables: read from process.env by the SDK, whatever `env` is
  if (mode === 'cognito') refuseEndpointsTheSdkWouldNotRead(options.auth as CognitoAuthOptions, env);
  return options;
}

/**
 * The OPENSEARCH_* variables another auth mode reads and `mode` does not (`mode` as OPENSEARCH_AUTH spells it, any
 * case; none for a name that is not a mode). The COGNITO_* variables are left out: their names are not this SDK's
 * alone (an app's own Cognito settings often use them), and refusing them would break such an app for variables it
 * never meant for us. AWS_* ones are the environment's own (a Lambda always has AWS_REGION).
 */
export function variablesUnusedBy(mode: string): string[] {
  const name = mode.toLowerCase();
  if (!(AUTH_MODE_NAMES as readonly string[]).includes(name)) return [];
  const read = new Set(AUTH_MODES[name as AuthMode].env.map((v) => v.name));
  const out = new Set<string>();
  for (const definition of Object.values(AUTH_MODES)) {
    for (const v of definition.env) if (v.name.startsWith('OPENSEARCH_') && !read.has(v.name)) out.add(v.name);
  }
  return [...out];
}

/**
 * A credential variable of another mode (OPENSEARCH_USERNAME / OPENSEARCH_PASSWORD when the mode is not basic) would be
 * ignored silently: the requests would go out without the credentials meant for them. The signing scope variables
 * (OPENSEARCH_REGION, OPENSEARCH_SERVICE, OPENSEARCH_SIGNING_HOST) are not refused in basic or none mode: unused there,
 * they change nothing that is sent, and their names are not this SDK's alone (an app's own settings often use them,
 * beside basic credentials too), as with the COGNITO_* ones.
 */
const SIGNING_SCOPE_VARIABLES: ReadonlySet<string> = new Set(['OPENSEARCH_REGION', 'OPENSEARCH_SERVICE', 'OPENSEARCH_SIGNING_HOST']);

function refuseOtherModesVariables(mode: AuthMode, env: NodeJS.ProcessEnv): void {
  for (const name of variablesUnusedBy(mode)) {
    if (SIGNING_SCOPE_VARIABLES.has(name)) continue;
    const value = readVariable(env, name);
    if (value === undefined || value === '') continue;
    const readers = AUTH_MODE_NAMES.filter((m) => AUTH_MODES[m].env.some((v) => v.name === name));
    const only = readers.length === 1 ? `${readers[0] ?? ''} auth only` : `${readers.join(' and ')} only`;
    envFail(name, `is set but OPENSEARCH_AUTH is "${mode}", which does not use it (${only}): unset it, or set OPENSEARCH_AUTH=${readers.join(' or ')}`);
  }
}

/** `text` (a fix text of createClient's checks) with the options it names written as the variables that set them. */
function inVariableTerms(text: string, mode: AuthMode): string {
  let out = text
    .replace(/\ballowInsecureHttp: true/g, 'OPENSEARCH_ALLOW_INSECURE_HTTP=true')
    .replace(/\bmode "(\w+)"/g, 'OPENSEARCH_AUTH=$1')
    .replace(/put them in `auth`/g, 'put them in OPENSEARCH_USERNAME / OPENSEARCH_PASSWORD (OPENSEARCH_AUTH=basic)');
  const seen = new Set<string>();
  for (const v of [...COMMON_ENV_VARIABLES, ...AUTH_MODES[mode].env]) {
    // a plain word (node, tenant) reads as prose; a dotted or camel-case name is an option
    if (seen.has(v.option) || !/[.A-Z]/.test(v.option)) continue;
    seen.add(v.option);
    out = out.replace(new RegExp(`(?<![\\w.])${v.option.replace(/\./g, '\\.')}(?![\\w.])`, 'g'), v.name);
  }
  return out;
}

/** The variable an option came from (the first of several that is set), if any. */
function variableOf(option: string, mode: AuthMode, env: NodeJS.ProcessEnv): string | undefined {
  const bare = option.replace(/\[\d+\]$/, '');
  const candidates = [...COMMON_ENV_VARIABLES, ...AUTH_MODES[mode].env].filter((v) => v.option === bare || bare.startsWith(`${v.option}.`));
  const set = (name: string): boolean => {
    const value = readVariable(env, name);
    return value !== undefined && value !== '';
  };
  return (candidates.find((v) => set(v.name)) ?? candidates[0])?.name;
}

/**
 * Runs the checks of createClient and names the variable behind a refused option. The TLS files are checked too (a
 * CA file holding no certificate, a passphrase without a key, a wrong passphrase, a certificate that is not PEM):
 * createClient would refuse them, naming the option instead of the variable.
 */
function checkAsAWhole(options: FgacClientOptions, env: NodeJS.ProcessEnv): void {
  try {
    resolveOptions(options, env, EVERY_MODE_SCOPE);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const variable = variableOf(error.option, options.auth.mode, env);
    if (variable === undefined && /^[A-Z][A-Z0-9_]{0,99}$/.test(error.option)) {
      // a refusal naming a variable already (the AWS SDK's AWS_ENDPOINT_URL_*): its fix text in variable terms too
      const message = inVariableTerms(error.message, options.auth.mode);
      throw message === error.message ? error : new ConfigError(error.option, message);
    }
    if (variable === undefined || variable === error.option) throw error;
    const detail = error.message.startsWith(`${error.option}: `) ? error.message.slice(error.option.length + 2) : error.message;
    throw new ConfigError(variable, `${variable}: ${inVariableTerms(detail, options.auth.mode)} (option ${error.option})`);
  }
}
