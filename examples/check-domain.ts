/**
 * Swap auth modes by configuration only, and ask the domain who we are: the same program runs as
 * an internal user (basic), an IAM role (SigV4) or a Cognito user, depending on OPENSEARCH_AUTH,
 * and `checkDomain` reports the identity, the matching recommended configuration, or what to fix.
 *
 * Run locally: `EXAMPLE_AUTH=cognito npx tsx examples/check-domain.ts`
 */
import './local-domain.js';
import { checkDomain, createClient, fromEnv } from '../src/index.js';

const client = createClient(fromEnv());

if (import.meta.url === `file://${process.argv[1]}`) {
  const report = await checkDomain(client);
  if (report.identity) {
    console.log(`auth mode: ${report.authMode}; user: ${report.identity.user}; roles: ${report.identity.roles.join(', ') || '(none)'}`);
  }
  if (report.configuration) console.log(`configuration: ${report.configuration.id}: ${report.configuration.summary}`);
  for (const d of report.diagnosis) console.log(`${d.severity}: ${d.problem} -> ${d.fix}`);
  console.log(report.ok ? 'ok' : 'not ok');
  await client.close();
}
