/**
 * A CI check for a staging domain: search as the limited principal, and assert that what comes
 * back is exactly what its roles promise (documents allowed by DLS, no field excluded by FLS,
 * every masked field masked, masks recomputed with the domain's salt when it is known).
 * `assertAccess` throws AccessViolationError with the full report when anything leaks.
 *
 * Run locally: `npx tsx examples/verify-access.ts`
 */
import './local-domain.js';
import fs from 'node:fs';
import { AccessViolationError, assertAccess, createClient, expectationsFromRoles, fromEnv, SecurityApi } from '../src/index.js';
import { loadConnection } from '../test/domain/connection.js';

const conn = loadConnection();
const subject = createClient(fromEnv());
// The role definitions are read as an administrator (the limited principal may not read them).
const admin = createClient({ node: conn.opensearch.url, ssl: { ca: fs.readFileSync(conn.caFile) }, auth: { mode: 'basic', ...conn.users.master } });

/** Verifies the subject's view of `index` against the roles it is mapped to. */
export async function verifyView(index: string, extraFls: string[] = []) {
  const security = new SecurityApi(admin);
  const me = await new SecurityApi(subject).authInfo();
  const roles = Object.fromEntries(await Promise.all((me.roles ?? []).map(async (r) => [r, (await security.roles.getRaw(r))!] as const)));
  // extraFls plants a misconfiguration on purpose: the check must notice a field the roles do not hide.
  for (const role of Object.values(roles)) for (const p of role.index_permissions ?? []) p.fls = [...(p.fls ?? []), ...extraFls];
  const res = await subject.search({ index, body: { size: 1000, query: { match_all: {} } } });
  return assertAccess(res.body, expectationsFromRoles(roles, index, { name: me.user_name }, { salt: conn.salt, defaultAlgorithm: conn.maskingAlgorithm }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const report = await verifyView('flights');
  console.log(`flights: ${report.status}, ${report.counts.hits} hits, ${report.counts.masksShapeChecked + report.counts.masksRecomputed} masks checked`);
  try {
    await verifyView('flights', ['~Origin']);
    console.log('planted misconfiguration: not detected');
  } catch (e) {
    if (!(e instanceof AccessViolationError)) throw e;
    console.log(`planted misconfiguration: detected (${e.report.counts.flsLeaks} FLS leaks)`);
  }
  await Promise.all([subject.close(), admin.close()]);
}
