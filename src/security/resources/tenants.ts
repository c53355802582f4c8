/** `tenants`: Dashboards tenants. */
import type { ApiTenant, Tenant } from '../model.js';
import { SecurityResourceApi, type ResourceContext } from './resource.js';

/** `tenants`. */
export class TenantsApi extends SecurityResourceApi<Tenant, ApiTenant> {
  /** @internal */
  constructor(ctx: ResourceContext) {
    super(ctx, 'tenants', 'tenants');
  }
}
