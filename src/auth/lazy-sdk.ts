/**
 * The optional AWS SDK packages (optional peer dependencies), loaded on first use and out of
 * bundlers' sight: the specifier is a variable, so esbuild, Rollup, webpack (webpackIgnore) and
 * Vite (@vite-ignore) leave the import to run time. A `basic` or static-credential `iam` app then
 * neither installs nor bundles them. When one is missing, the error names the package to install.
 */
import path from 'node:path';
import { CredentialsError } from '../errors/classes.js';

/** The AWS SDK packages opensearch-fgac loads only in the modes that need them. */
export type OptionalSdkPackage =
  | '@aws-sdk/credential-provider-node'
  | '@aws-sdk/client-cognito-identity-provider'
  | '@aws-sdk/client-cognito-identity';

/** What each optional package is needed for (used in the error message). */
const NEEDED_FOR: Record<OptionalSdkPackage, string> = {
  '@aws-sdk/credential-provider-node': "auth.mode 'iam' without auth.credentials (the AWS default credential chain)",
  '@aws-sdk/client-cognito-identity-provider': "auth.mode 'cognito' (user pool sign-in)",
  '@aws-sdk/client-cognito-identity': "auth.mode 'cognito' (identity pool credentials)",
};

function isNotFound(error: unknown, specifier: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && String((error as Error).message).includes(specifier);
}

/**
 * `import()` refused by the module system itself, whatever the specifier: Node's vm without an ES loader (Jest in its
 * default CommonJS mode). `require` may still load the package.
 */
function isImportUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING' || code === 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG';
}

/** The dynamic import itself: a variable specifier, so bundlers do not follow it. */
async function importAtRuntime(specifier: string): Promise<unknown> {
  return import(/* webpackIgnore: true */ /* @vite-ignore */ specifier);
}

/**
 * `require` from the working directory. node:module is fetched at run time: webpack rewrites a
 * `createRequire(...)` imported statically into `undefined(...)` (it cannot resolve the argument).
 */
function requireFromCwd(specifier: string): unknown {
  const { createRequire } = process.getBuiltinModule('node:module');
  return createRequire(path.join(process.cwd(), 'noop.js'))(specifier);
}

/** This file's path in the CommonJS build (Node's and Jest's module wrappers define `__filename`); undefined in ES modules. */
const OWN_FILE: string | undefined = typeof __filename === 'string' ? __filename : undefined;

/**
 * `require` from this package's own location first (where `import()` would have looked: a monorepo or pnpm layout
 * whose working directory does not reach the package), then from the working directory.
 */
function requireFallback(specifier: string): unknown {
  if (OWN_FILE !== undefined) {
    try {
      return process.getBuiltinModule('node:module').createRequire(OWN_FILE)(specifier);
    } catch (error) {
      if (!isNotFound(error, specifier)) throw error;
    }
  }
  return requireFromCwd(specifier);
}

/**
 * Loads an optional AWS SDK package: `import()` first, then `require` from the working directory
 * (which honours NODE_PATH, where the AWS Lambda Node.js runtime keeps its bundled SDK v3; also where
 * `import()` is refused, as under Jest).
 * Throws CredentialsError naming the package and the command to install it when neither finds it.
 */
export async function loadOptionalSdk<T>(specifier: OptionalSdkPackage, source: string): Promise<T> {
  const loaded = await tryLoad(specifier);
  if (Object.hasOwn(loaded, 'module')) return (loaded as { module: unknown }).module as T;
  throw missingError([specifier], source, (loaded as { missing: unknown }).missing);
}

/**
 * Loads several optional packages a mode needs together; when some are missing, one CredentialsError names every
 * missing one (not the first only, which would send the user back for the next).
 */
export async function loadOptionalSdks<T extends unknown[]>(specifiers: { [K in keyof T]: OptionalSdkPackage }, source: string): Promise<T> {
  const results = await Promise.all(specifiers.map((s) => tryLoad(s as OptionalSdkPackage)));
  const missing = specifiers.filter((_s, i) => Object.hasOwn(results[i] as object, 'missing')) as OptionalSdkPackage[];
  if (missing.length > 0) throw missingError(missing, source, (results.find((r) => Object.hasOwn(r, 'missing')) as { missing: unknown }).missing);
  return results.map((r) => (r as { module: unknown }).module) as T;
}

/** The package, or the import's error when it is not installed (any other failure is thrown). */
async function tryLoad(specifier: OptionalSdkPackage): Promise<{ module: unknown } | { missing: unknown }> {
  try {
    return { module: await importAtRuntime(specifier) };
  } catch (error) {
    const unavailable = isImportUnavailable(error);
    if (!unavailable && !isNotFound(error, specifier)) throw error;
    try {
      return { module: requireFallback(specifier) };
    } catch (fallbackError) {
      if (!isNotFound(fallbackError, specifier)) throw fallbackError;
      return { missing: unavailable ? fallbackError : error };
    }
  }
}

/**
 * A package the AWS SDK itself depends on (`@smithy/node-http-handler`), loaded as loadOptionalSdk does, or
 * undefined when it cannot be found from here (a strict pnpm layout): the caller then does without it.
 */
export async function loadSdkInternal(specifier: '@smithy/node-http-handler'): Promise<unknown> {
  try {
    const loaded = await tryLoad(specifier as OptionalSdkPackage);
    return Object.hasOwn(loaded, 'module') ? (loaded as { module: unknown }).module : undefined;
  } catch {
    return undefined;
  }
}

function missingError(specifiers: readonly OptionalSdkPackage[], source: string, cause: unknown): CredentialsError {
  const what = specifiers.map((s) => `${s} (for ${NEEDED_FOR[s]})`).join(' and ');
  const one = specifiers.length === 1;
  const list = specifiers.join(' ');
  return new CredentialsError(source,
    `the optional peer ${one ? 'dependency' : 'dependencies'} ${what} ${one ? 'is' : 'are'} not installed: run \`npm install ${list}\` (pnpm: \`pnpm add ${list}\`, yarn: \`yarn add ${list}\`). ` +
    'Bundlers do not follow this import: a bundled app finds the package at run time in node_modules or on NODE_PATH (the Lambda Node.js runtime provides the AWS SDK v3 there)',
    { cause });
}
