/** `tenants`: Dashboards tenants. */
import { fromApiTenant, toApiTenant, type ApiTenant, type Stored, type Tenant } from '../model.js';
import { SecurityResourceApi, type ResourceContext } from './resource.js';

/** `tenants`. */
export class TenantsApi extends SecurityResourceApi<Tenant, ApiTenant> {
  /** @internal */
  constructor(ctx: ResourceContext) {
    super(ctx, 'tenants', 'tenants');
  }

  /** Converts a tenant into the API shape. */
  toApi(model: Tenant): ApiTenant {
    return toApiTenant(model);
  }

  /** Converts an API tenant into the typed model. */
  fromApi(json: ApiTenant): Stored<Tenant> {
    return fromApiTenant(json);
  }
}
