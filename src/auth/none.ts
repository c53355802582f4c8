/** No authentication: requests go out as they are (open local clusters). */
import { headersVia, type AuthStrategy, type RequestAuthorizer } from './strategy.js';

const NOTHING: RequestAuthorizer = { generation: 0, sign: () => ({ headers: {} }) };

/** The strategy that adds nothing. */
export function createNoneStrategy(): AuthStrategy {
  const strategy: AuthStrategy = {
    mode: 'none',
    signsBody: false,
    authorize: async () => NOTHING,
    authorizeCached: () => NOTHING,
    headersFor: (request) => headersVia(strategy, request),
  };
  return strategy;
}
