/** `tenants`: Dashboards tenants. */
import { fromApiTenant, toApiTenant, type ApiTenant, type Tenant } from '../model.js';
import { SecurityResourceApi, type ResourceContext } from './resource.js';

/** `tenants`. */
export class TenantsApi extends SecurityResourceApi<Tenant, ApiTenant> {
  /** @internal */
  constructor(ctx: ResourceContext) {
    super(ctx, 'tenants', 'tenants', { toApi: toApiTenant, fromApi: fromApiTenant });
  }
}
