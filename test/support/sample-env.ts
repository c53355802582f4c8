/** A complete, valid cognito-mode environment for fromEnv tests (no real service behind it). */
export const SAMPLE_COGNITO_ENV: Readonly<NodeJS.ProcessEnv> = {
  OPENSEARCH_URL: 'https://search-x.us-east-1.es.amazonaws.com',
  OPENSEARCH_AUTH: 'cognito',
  AWS_REGION: 'us-east-1',
  COGNITO_USER_POOL_ID: 'us-east-1_Pool1',
  COGNITO_CLIENT_ID: 'client1',
  COGNITO_IDENTITY_POOL_ID: 'us-east-1:abc',
  COGNITO_USERNAME: 'svc',
  COGNITO_PASSWORD: 'pw-Secret-1',
};
