/**
 * For running the examples on this machine: when OPENSEARCH_URL is not set, point the standard
 * environment variables at the local domain (`npm run domain:start`). EXAMPLE_AUTH picks the mode
 * (basic | iam | cognito, default basic) and EXAMPLE_PRINCIPAL the principal (limited | master).
 * In a real deployment the variables come from the Lambda configuration and this does nothing.
 * Import it first: it must run before any module calls fromEnv().
 */
import { loadConnection } from '../test/domain/connection.js';
import { localEnv, type LocalPrincipal } from '../test/support/local-env.js';

if (process.env.OPENSEARCH_URL === undefined) {
  const mode = (process.env.EXAMPLE_AUTH ?? 'basic') as 'basic' | 'iam' | 'cognito';
  const who = (process.env.EXAMPLE_PRINCIPAL ?? 'limited') as LocalPrincipal;
  Object.assign(process.env, localEnv(loadConnection(), mode, who));
}
