/**
 * `opensearch-fgac/iam`: `opensearch-fgac/client` whose createClient includes the `iam` and `none`
 * modes only, so a bundle carries no basic-auth or Cognito code. Another mode is refused with a
 * ConfigError naming `auth.mode`.
 */
import type { Client } from '@opensearch-project/opensearch';
import { iamFactory } from '../auth/iam.js';
import { iamMode } from '../auth/iam-mode.js';
import { noneFactory, noneMode } from '../auth/none.js';
import { createClientWith, type ClientEntry } from '../client/build-client.js';
import type { FgacClientOptions } from '../client/options.js';

export * from './client-core.js';

const IAM: ClientEntry = { name: 'opensearch-fgac/iam', specs: { iam: iamMode, none: noneMode }, factories: { iam: iamFactory, none: noneFactory } };

/** createClient for modes `iam` and `none` (the common options are checked as the root's createClient checks them; another mode is refused at `auth.mode` without its options checked). */
export function createClient(options: FgacClientOptions): Client {
  return createClientWith(options, IAM);
}
