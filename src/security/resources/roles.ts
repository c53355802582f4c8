/** `roles`: typed roles (DLS objects, FLS entries, validated masked fields). */
import type { SecurityFlavour } from '../compat.js';
import { fromApiRole, toApiRole, type ApiRole, type Role, type Stored } from '../model.js';
import { SecurityResourceApi, type ResourceContext } from './resource.js';

/** `roles`: typed roles (DLS objects, FLS entries, validated masked fields). */
export class RolesApi extends SecurityResourceApi<Role, ApiRole> {
  /** @internal */
  constructor(ctx: ResourceContext) {
    super(ctx, 'roles', 'roles');
  }

  /** Converts and validates a role for this cluster's dialect. */
  toApi(model: Role, flavour: SecurityFlavour): ApiRole {
    return toApiRole(model, { dialect: flavour.dialect });
  }

  /** Converts an API role into the typed model. */
  fromApi(json: ApiRole, flavour: SecurityFlavour): Stored<Role> {
    return fromApiRole(json, { dialect: flavour.dialect });
  }
}
