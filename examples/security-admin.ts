/**
 * Security administration as code: the FGAC tutorial's limited role, user and mapping declared
 * once, converged with `plan` / `apply` (a second run plans nothing), and a user added to a
 * mapping with PATCH so concurrent administrators never overwrite each other.
 *
 * Run locally: `EXAMPLE_PRINCIPAL=master npx tsx examples/security-admin.ts`
 */
import './local-domain.js';
import { createClient, flsExclude, fromEnv, SecurityApi, SecurityApiError } from '../src/index.js';

const client = createClient(fromEnv());
const security = new SecurityApi(client);
const prefix = process.env.EXAMPLE_PREFIX ?? 'example';

/** The tutorial's limited role: delayed flights only, no FlightNum, Dest masked. */
const desired = {
  roles: {
    [`${prefix}-flights-reader`]: {
      description: 'Delayed flights, no flight numbers, masked destinations',
      cluster_permissions: ['cluster_composite_ops_ro'],
      index_permissions: [{
        index_patterns: ['flights*'],
        allowed_actions: ['read'],
        dls: { match: { FlightDelay: true } },
        fls: [flsExclude('FlightNum')],
        masked_fields: ['Dest'],
      }],
    },
  },
  roleMappings: { [`${prefix}-flights-reader`]: { backend_roles: [`${prefix}-analysts`] } },
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const first = await security.plan(desired);
  console.log(`first plan: ${first.empty ? 'nothing to do' : 'changes needed'}`);
  await security.apply(first);
  const second = await security.plan(desired);
  console.log(`second plan: ${second.empty ? 'nothing to do' : 'changes needed'}`);

  const added = await security.roleMappings.addUsers(`${prefix}-flights-reader`, ['alice', 'bob']);
  const mapping = await security.roleMappings.get(`${prefix}-flights-reader`);
  console.log(`mapping users: ${JSON.stringify(mapping?.users)} (added ${JSON.stringify(added.changed)})`);

  try {
    await security.roles.put('all_access', { cluster_permissions: ['*'] });
  } catch (e) {
    if (e instanceof SecurityApiError) console.log(`all_access is ${e.resourceState}: ${e.message}`);
    else throw e;
  }

  if (process.env.EXAMPLE_KEEP !== 'true') {
    await security.roleMappings.delete(`${prefix}-flights-reader`);
    await security.roles.delete(`${prefix}-flights-reader`);
  }
  await client.close();
}
