/** Environment variables that point `fromEnv()` at the local domain, one set per auth mode. */
import type { Connection } from '../domain/connection.js';

export type LocalPrincipal = 'master' | 'limited';

/** The env for `mode` as `who`: basic goes straight to the node, iam and cognito through the edge. */
export function localEnv(conn: Connection, mode: 'basic' | 'iam' | 'cognito', who: LocalPrincipal = 'limited'): Record<string, string> {
  const common = { OPENSEARCH_CA_FILE: conn.caFile, AWS_REGION: conn.region };
  if (mode === 'basic') {
    const u = conn.users[who];
    return { ...common, OPENSEARCH_URL: conn.opensearch.url, OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: u.username, OPENSEARCH_PASSWORD: u.password };
  }
  if (mode === 'iam') {
    const k = conn.iam[who];
    return { ...common, OPENSEARCH_URL: conn.edge.url, OPENSEARCH_AUTH: 'iam', AWS_ACCESS_KEY_ID: k.accessKeyId,
      AWS_SECRET_ACCESS_KEY: k.secretAccessKey, ...(k.sessionToken ? { AWS_SESSION_TOKEN: k.sessionToken } : {}) };
  }
  if (who !== 'limited') throw new Error('the local Cognito user maps to the limited role only');
  const c = conn.cognito;
  return { ...common, OPENSEARCH_URL: conn.edge.url, OPENSEARCH_AUTH: 'cognito', COGNITO_REGION: c.region,
    COGNITO_USER_POOL_ID: c.userPoolId, COGNITO_CLIENT_ID: c.clientId, COGNITO_IDENTITY_POOL_ID: c.identityPoolId,
    COGNITO_USERNAME: c.username, COGNITO_PASSWORD: c.password, COGNITO_IDP_ENDPOINT: c.endpoint, COGNITO_IDENTITY_ENDPOINT: c.endpoint };
}
