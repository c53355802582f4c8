/** The `none` mode: no authentication, requests go out as they are (open local clusters). */
import type { AuthModeDefinition, AuthModeFactory } from './mode.js';
import { headersVia, type AuthStrategy, type RequestAuthorizer } from './strategy.js';

/** No authentication (open local clusters). */
export interface NoAuthOptions {
  mode: 'none';
}

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

/** The none mode: no options, no variables. */
export const noneMode: AuthModeDefinition<NoAuthOptions> = {
  mode: 'none',
  description: 'no credentials',
  keys: ['mode'],
  carries: undefined,
  validate: () => ({}),
  env: [],
  fromEnv: () => ({ mode: 'none' }),
  secrets: () => [],
};

/** The none mode's factory. */
export const noneFactory: AuthModeFactory<NoAuthOptions> = () => createNoneStrategy();
