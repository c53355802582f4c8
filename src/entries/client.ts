/**
 * `opensearch-fgac/client`: the client factory with every auth mode, its options, the typed
 * errors, redaction for logs and the retry policy. Nothing of ingestion, the security API,
 * verification or diagnostics. `opensearch-fgac/basic` and `/iam` are the same with fewer modes.
 */
export * from './client-core.js';
export { createClient } from '../client/create-client.js';
