/**
 * The async functions of the entries whose code loads on their first call (a literal `import()`,
 * which bundlers follow), so importing `opensearch-fgac` or a subpath does not load it. The root
 * and the subpath hand out these same functions.
 */
import type { Client } from '@opensearch-project/opensearch';
import type { DomainCheckReport } from '../diagnose/check-domain.js';
import type { CheckDomainClient, CheckDomainOptions } from '../diagnose/probe.js';
import type { IngestOptions, IngestRecord, IngestReport, IngestSource } from '../ingest/types.js';

/**
 * Bulk-ingests `records` (an array, iterable or async iterable). Resolves with one outcome per
 * record taken, in input order; record-level problems never make it throw. Throws ConfigError for
 * bad options or arguments (before anything is sent), and IngestSourceError (carrying the report
 * of the records taken so far) when the input itself throws.
 */
export async function ingest<TDoc>(client: Client, records: IngestSource<TDoc> | Iterable<IngestRecord<TDoc>>, options?: IngestOptions): Promise<IngestReport> {
  const implementation = await import('../ingest/ingest.js');
  return implementation.ingest(client, records, options);
}

/**
 * Probes the domain with the client's own transport: who the client is (authinfo), which recommended
 * configuration that matches, and a problem + fix for each failure. Resolves for every failure it can
 * diagnose (access policy, 401, expired or invalid token, signature, 503, TLS, network, no roles); never
 * rejects for a failed request (a bad client or option is a ConfigError naming it).
 */
export async function checkDomain(client: CheckDomainClient, options?: CheckDomainOptions): Promise<DomainCheckReport> {
  const implementation = await import('../diagnose/check-domain.js');
  return implementation.checkDomain(client, options);
}
