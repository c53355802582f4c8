/**
 * `opensearch-fgac/basic`: `opensearch-fgac/client` whose createClient includes the `basic` and
 * `none` modes only, so a bundle carries no SigV4, AWS credential or Cognito code. Another mode
 * is refused with a ConfigError naming `auth.mode`.
 */
import type { Client } from '@opensearch-project/opensearch';
import { basicFactory } from '../auth/basic-factory.js';
import { noneFactory } from '../auth/none.js';
import { createClientWith, type ClientEntry } from '../client/build-client.js';
import type { FgacClientOptions } from '../client/options.js';

export * from './client-core.js';

const BASIC: ClientEntry = { name: 'opensearch-fgac/basic', factories: { basic: basicFactory, none: noneFactory } };

/** createClient for modes `basic` and `none` (every option is checked as the root's createClient checks it). */
export function createClient(options: FgacClientOptions): Client {
  return createClientWith(options, BASIC);
}
