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

/**
 * Loads an optional AWS SDK package: `import()` first, then `require` from the working directory
 * (which honours NODE_PATH, where the AWS Lambda Node.js runtime keeps its bundled SDK v3).
 * Throws CredentialsError naming the package and the command to install it when neither finds it.
 */
export async function loadOptionalSdk<T>(specifier: OptionalSdkPackage, source: string): Promise<T> {
  try {
    return (await importAtRuntime(specifier)) as T;
  } catch (error) {
    if (!isNotFound(error, specifier)) throw error;
    try {
      return requireFromCwd(specifier) as T;
    } catch (fallbackError) {
      if (!isNotFound(fallbackError, specifier)) throw fallbackError;
      throw new CredentialsError(source,
        `${NEEDED_FOR[specifier]} needs the optional peer dependency ${specifier}, which is not installed: run \`npm install ${specifier}\``,
        { cause: error });
    }
  }
}
