/**
 * `opensearch-fgac/basic`: `opensearch-fgac/client` whose createClient includes the `basic` and
 * `none` modes only, so a bundle carries no SigV4, AWS credential or Cognito code. Another mode
 * is refused with a ConfigError naming `auth.mode`.
 */
import type { Client } from '@opensearch-project/opensearch';
import { basicMode } from '../auth/basic.js';
import { basicFactory } from '../auth/basic-factory.js';
import { noneFactory, noneMode } from '../auth/none.js';
import { createClientWith, type ClientEntry } from '../client/build-client.js';
import type { FgacClientOptions } from '../client/options.js';

export * from './client-core.js';

const BASIC: ClientEntry = { name: 'opensearch-fgac/basic', specs: { basic: basicMode, none: noneMode }, factories: { basic: basicFactory, none: noneFactory } };

/** createClient for modes `basic` and `none` (the common options are checked as the root's createClient checks them; another mode is refused at `auth.mode` without its options checked). */
export function createClient(options: FgacClientOptions): Client {
  return createClientWith(options, BASIC);
}
