/** createClient with every auth mode (the root and `opensearch-fgac/client`); the lean entries build theirs with createClientWith. */
import type { Client } from '@opensearch-project/opensearch';
import { basicFactory } from '../auth/basic-factory.js';
import { cognitoFactory } from '../auth/cognito-sign-in.js';
import { iamFactory } from '../auth/iam.js';
import { EVERY_MODE_SCOPE } from '../auth/modes.js';
import { noneFactory } from '../auth/none.js';
import { createClientWith, type ClientEntry } from './build-client.js';
import type { FgacClientOptions } from './options.js';

export { authStrategyOf, createClientWith, type ClientEntry } from './build-client.js';

/** The entries `opensearch-fgac` and `opensearch-fgac/client`: every mode. */
export const EVERY_MODE: ClientEntry = { ...EVERY_MODE_SCOPE, factories: { iam: iamFactory, basic: basicFactory, cognito: cognitoFactory, none: noneFactory } };

/**
 * Creates a real @opensearch-project/opensearch `Client` (`instanceof Client` holds) whose
 * requests are authenticated per `options.auth`, retried per `options.retry` and fail with
 * typed errors. Synchronous and offline: credentials are fetched on the first request.
 * Throws ConfigError when the options cannot work.
 */
export function createClient(options: FgacClientOptions): Client {
  return createClientWith(options, EVERY_MODE);
}
